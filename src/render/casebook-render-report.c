/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include "config.h"

#include <cairo-pdf.h>
#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "casebook-enums.h"
#include "casebook-file-io.h"
#include "casebook-format.h"
#include "casebook-render-compare.h"
#include "casebook-render-outcomes.h"
#include "casebook-render-page.h"
#include "casebook-render-report.h"
#include "casebook-render-timeline.h"

/**
 * CasebookRenderReport:
 *
 * The printed form of one or more cases, laid out on pages of a given
 * size with cairo and pango alone, so that the same pages go to a printer
 * (through GtkPrintOperation), into a PDF file, or into an image.
 *
 * Everything to be drawn is first turned into a list of blocks: paragraphs
 * (Pango layouts), drawings made of rows (charts, a grid of facts) and
 * tables. Pagination then flows the blocks down the pages and breaks them
 * between lines or rows, never inside one: a paragraph between two of its
 * lines, a table between rows or between the lines of a row, repeating
 * its header on every page it reaches. Because the page count is known
 * once pagination is done, every footer can say "Page X of Y" and the
 * table of contents can give page numbers.
 *
 * Reports lay text out with a font map of their own, one per thread and
 * never the one the interface draws with, so a report can be laid out and
 * drawn on a worker thread while the interface draws on the main one. The
 * map stays with its thread for the next report: building its font sets
 * again for every report would cost more than laying out a whole case. A
 * report is laid out and drawn on the same thread.
 */

#define MM (72.0 / 25.4)
#define MAX_COLS 3
#define MIN_LINES 2

/* Words of the report itself, in the language of its content, which need
 * not be that of the interface: a Chinese report can be printed from an
 * English desktop. */
typedef enum
{
  T_KEY_FACTS,
  T_SECTOR,
  T_ORGANIZATION,
  T_KIND,
  T_SIZE,
  T_EMPLOYEES,
  T_PERIOD,
  T_APPROACH,
  T_SCENARIOS,
  T_REQUIREMENTS,
  T_STACK,
  T_ROLE,
  T_PRODUCT,
  T_VERSION,
  T_PHASES,
  T_OUTCOMES,
  T_CHALLENGES,
  T_CHALLENGE,
  T_SOLUTION,
  T_LESSONS,
  T_NOTES,
  T_SOURCE,
  T_WHAT_WENT_WRONG,
  T_PROBLEM,
  T_RESULT,
  T_CAUSES,
  T_CONTENTS,
  T_COMPARISON,
  T_COMPARISON_INTRO,
  T_NO_COMPARISON,
  T_DEFAULT_TITLE,
  T_CASES_BY_SECTOR,
  T_LIST_SEPARATOR,
  T_FIELD_TITLE,
  T_AUTHOR,
  T_DOT,
  T_WIDE_DOT,
  N_TERMS
} Term;

static const char * const terms[N_TERMS][CASEBOOK_N_LANGS] = {
  [T_KEY_FACTS] = { "基本信息", "Key facts" },
  [T_SECTOR] = { "行业", "Sector" },
  [T_ORGANIZATION] = { "机构", "Organization" },
  [T_KIND] = { "类型", "Kind" },
  [T_SIZE] = { "规模", "Size" },
  [T_EMPLOYEES] = { "员工人数", "Employees" },
  [T_PERIOD] = { "实施周期", "Period" },
  [T_APPROACH] = { "技术路线", "Approach" },
  [T_SCENARIOS] = { "业务场景", "Business scenarios" },
  [T_REQUIREMENTS] = { "技术需求", "Technical requirements" },
  [T_STACK] = { "技术栈", "Technology stack" },
  [T_ROLE] = { "用途", "Role" },
  [T_PRODUCT] = { "产品", "Product" },
  [T_VERSION] = { "版本", "Version" },
  [T_PHASES] = { "实施阶段", "Phases" },
  [T_OUTCOMES] = { "实施效果", "Outcomes" },
  [T_CHALLENGES] = { "挑战与解决方案", "Challenges and solutions" },
  [T_CHALLENGE] = { "挑战", "Challenge" },
  [T_SOLUTION] = { "解决方案", "Solution" },
  [T_LESSONS] = { "经验教训", "Lessons" },
  [T_NOTES] = { "数据质量说明", "Data-quality notes" },
  [T_SOURCE] = { "来源", "Source" },
  [T_WHAT_WENT_WRONG] = { "失败分析", "What went wrong" },
  [T_PROBLEM] = { "问题", "Problem" },
  [T_RESULT] = { "后果", "Result" },
  [T_CAUSES] = { "原因", "Causes" },
  [T_CONTENTS] = { "目录", "Contents" },
  [T_COMPARISON] = { "行业对比", "Sector comparison" },
  [T_COMPARISON_INTRO] = { "本报告各案例给出数值的每项指标各有一图，每个行业一行：每个案例一个点，并标出该行业的平均值；"
                           "报告给出行业区间（第 6.3 节）时，以底带表示。",
                           "One chart for each metric the cases in this report give figures for, with a row per sector: "
                           "a dot for each case, the sector’s mean, and, where the report gives one (section 6.3), "
                           "the sector’s range as a band behind them." },
  [T_NO_COMPARISON] = { "本报告中没有哪项指标由两个或更多案例给出数值，因此没有可比较的内容。",
                        "No metric has figures from two or more cases in this report, so there is nothing to compare." },
  [T_DEFAULT_TITLE] = { "案例摘要", "Case summaries" },
  [T_CASES_BY_SECTOR] = { "各行业案例", "Cases by sector" },
  [T_LIST_SEPARATOR] = { "；", "; " },
  [T_FIELD_TITLE] = { "标题", "Title" },
  [T_AUTHOR] = { "Casebook", "Casebook" },
  /* Chinese sets the middle dot without spaces around it. */
  [T_DOT] = { "·", " · " },
  [T_WIDE_DOT] = { "·", "  ·  " },
};

typedef enum
{
  STYLE_BODY,
  STYLE_CAPTION,
  STYLE_HEADING,
  STYLE_SUBHEADING,
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_OVERLINE,
  STYLE_COVER_TITLE,
  STYLE_COVER_SUBTITLE,
  STYLE_TOC,
  STYLE_LABEL,
  STYLE_TABLE,
  STYLE_TABLE_HEADER,
  STYLE_FURNITURE,
  N_STYLES
} StyleId;

typedef enum
{
  INK,
  DIM,
  ACCENT,
} ColorId;

/* Sizes in points. Chinese gets less extra leading: its fonts already
 * have tall lines. */
static const struct
{
  double      size;
  PangoWeight weight;
  double      spacing[CASEBOOK_N_LANGS];
  double      before;
  double      after;
  ColorId     color;
} styles[N_STYLES] = {
  [STYLE_BODY] = { 9.5, PANGO_WEIGHT_NORMAL, { 1.1, 1.22 }, 0, 4, INK },
  [STYLE_CAPTION] = { 7.5, PANGO_WEIGHT_NORMAL, { 1.05, 1.15 }, 3, 8, DIM },
  [STYLE_HEADING] = { 12, PANGO_WEIGHT_BOLD, { 1.0, 1.1 }, 18, 7, INK },
  [STYLE_SUBHEADING] = { 9.5, PANGO_WEIGHT_BOLD, { 1.0, 1.1 }, 10, 4, INK },
  [STYLE_TITLE] = { 20, PANGO_WEIGHT_BOLD, { 1.0, 1.05 }, 0, 4, INK },
  [STYLE_SUBTITLE] = { 11, PANGO_WEIGHT_NORMAL, { 1.0, 1.1 }, 0, 2, DIM },
  [STYLE_OVERLINE] = { 7.5, PANGO_WEIGHT_BOLD, { 1.0, 1.0 }, 0, 6, ACCENT },
  [STYLE_COVER_TITLE] = { 28, PANGO_WEIGHT_BOLD, { 1.0, 1.05 }, 0, 10, INK },
  [STYLE_COVER_SUBTITLE] = { 13, PANGO_WEIGHT_NORMAL, { 1.0, 1.1 }, 0, 0, DIM },
  [STYLE_TOC] = { 10, PANGO_WEIGHT_NORMAL, { 1.05, 1.15 }, 0, 7, INK },
  [STYLE_LABEL] = { 7, PANGO_WEIGHT_BOLD, { 1.0, 1.0 }, 0, 0, DIM },
  [STYLE_TABLE] = { 9, PANGO_WEIGHT_NORMAL, { 1.05, 1.18 }, 0, 0, INK },
  [STYLE_TABLE_HEADER] = { 7.5, PANGO_WEIGHT_BOLD, { 1.0, 1.0 }, 0, 0, DIM },
  [STYLE_FURNITURE] = { 7.5, PANGO_WEIGHT_NORMAL, { 1.0, 1.0 }, 0, 0, DIM },
};

#define FONT_FAMILY "Sans"

static const CasebookRenderColor ink = { 0.11, 0.11, 0.13, 1 };
static const CasebookRenderColor dim = { 0.37, 0.37, 0.41, 1 };
static const CasebookRenderColor rule = { 0, 0, 0, 0.16 };
static const CasebookRenderColor strong_rule = { 0, 0, 0, 0.55 };
static const CasebookRenderColor header_fill = { 0, 0, 0, 0.045 };
static const CasebookRenderColor default_accent = { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 1 };
static const CasebookRenderColor failure_color = { 0xc0 / 255.0, 0x1c / 255.0, 0x28 / 255.0, 1 };
static const CasebookRenderColor note_bar = { 0xe5 / 255.0, 0xa5 / 255.0, 0x0a / 255.0, 1 };
static const CasebookRenderColor note_fill = { 0xf8 / 255.0, 0xe4 / 255.0, 0x5c / 255.0, 0.16 };

/* Blocks ---------------------------------------------------------------- */

typedef struct
{
  double top;
  double bottom;
  double baseline;
  double x;
} LineBox;

/* A laid-out paragraph and where each of its lines is. */
typedef struct
{
  PangoLayout *layout;
  GArray      *lines;
} Para;

typedef enum
{
  BLOCK_TEXT,
  BLOCK_ROWS,
  BLOCK_TABLE,
  BLOCK_SPACE,
  BLOCK_BREAK,
} BlockType;

typedef struct _Block Block;

typedef void (*DrawRowsFunc) (CasebookRenderReport *self,
                              Block                *block,
                              cairo_t              *cr,
                              guint                 first,
                              guint                 n);

typedef struct
{
  Para *cells[MAX_COLS];
} TableRow;

typedef struct
{
  guint      n_cols;
  double     col_x[MAX_COLS];
  double     col_width[MAX_COLS];
  Para      *header[MAX_COLS];
  double     header_height;
  GPtrArray *rows;
  double     pad_x;
  double     pad_y;
} Table;

/* The part of a table row on one page: lines start to end - 1 of each
 * cell. */
typedef struct
{
  guint  row;
  guint  start[MAX_COLS];
  guint  end[MAX_COLS];
  double shift[MAX_COLS];
  double height;
} RowSlice;

struct _Block
{
  BlockType            type;
  guint                section;
  gboolean             opens_section;
  double               x;
  double               width;
  double               space_before;
  double               space_after;
  gboolean             keep_with_next;

  /* BLOCK_TEXT */
  Para                *para;
  Para                *marker;
  double               marker_x;
  CasebookRenderColor  color;
  gboolean             boxed;
  double               pad_x;
  double               pad_y;
  int                  toc_target;

  /* BLOCK_ROWS */
  GArray              *unit_heights;
  DrawRowsFunc         draw;
  gpointer             data;
  GDestroyNotify       data_free;

  /* BLOCK_TABLE */
  Table               *table;

  /* BLOCK_SPACE */
  double               height;
};

typedef struct
{
  char     *header_left;
  char     *header_right;
  char     *outline;
  guint     first_page;
  gboolean  placed;
} Section;

typedef struct
{
  Block  *block;
  double  y;
  double  height;
  guint   first;
  guint   n;
  GArray *slices;
} Placement;

typedef struct
{
  GArray  *placements;
  guint    section;
  gboolean opening;
} Page;

struct _CasebookRenderReport
{
  GObject                   parent_instance;

  CasebookRenderReportKind  kind;
  CasebookLang              lang;
  GPtrArray                *cases;
  GHashTable               *sectors;
  GPtrArray                *sector_order;
  GHashTable               *metrics;
  GPtrArray                *metric_order;
  GPtrArray                *ranges;
  char                     *title;
  char                     *subtitle;
  GDateTime                *date;
  GDateTime                *resolved_date;

  PangoFontMap             *font_map;
  PangoContext             *context;
  GThread                  *thread;

  /* The layout, for the page size it was made for. */
  double                    page_width;
  double                    page_height;
  double                    margin_x;
  double                    margin_top;
  double                    margin_bottom;
  double                    width;
  GPtrArray                *blocks;
  GPtrArray                *sections;
  GPtrArray                *pages;
  GArray                   *case_sections;
  guint                     building_section;
  gboolean                  section_opened;
};

G_DEFINE_FINAL_TYPE (CasebookRenderReport, casebook_render_report, G_TYPE_OBJECT)

G_DEFINE_QUARK (casebook-render-report-error-quark, casebook_render_report_error)

/* Each thread's font map for reports, freed when the thread ends. */
static GPrivate thread_font_map = G_PRIVATE_INIT (g_object_unref);

static PangoFontMap *
get_thread_font_map (void)
{
  PangoFontMap *font_map = g_private_get (&thread_font_map);

  if (font_map == NULL)
    {
      font_map = pango_cairo_font_map_new ();
      g_private_set (&thread_font_map, font_map);
    }

  return font_map;
}

static const char *
term (CasebookRenderReport *self,
      Term                  t)
{
  return terms[t][self->lang];
}

static const CasebookRenderColor *
style_color (ColorId id)
{
  switch (id)
    {
    case DIM:
      return &dim;
    case ACCENT:
      return &default_accent;
    case INK:
    default:
      return &ink;
    }
}

static void
para_free (Para *para)
{
  if (para == NULL)
    return;

  g_clear_object (&para->layout);
  g_clear_pointer (&para->lines, g_array_unref);
  g_free (para);
}

static void
table_free (Table *table)
{
  if (table == NULL)
    return;

  for (guint c = 0; c < MAX_COLS; c++)
    para_free (table->header[c]);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table);
}

static void
table_row_free (TableRow *row)
{
  for (guint c = 0; c < MAX_COLS; c++)
    para_free (row->cells[c]);
  g_free (row);
}

static void
block_free (Block *block)
{
  para_free (block->para);
  para_free (block->marker);
  g_clear_pointer (&block->unit_heights, g_array_unref);
  if (block->data_free != NULL)
    block->data_free (block->data);
  table_free (block->table);
  g_free (block);
}

static void
section_free (Section *section)
{
  g_free (section->header_left);
  g_free (section->header_right);
  g_free (section->outline);
  g_free (section);
}

static void
placement_clear (gpointer data)
{
  Placement *placement = data;

  g_clear_pointer (&placement->slices, g_array_unref);
}

static void
page_free (Page *page)
{
  g_clear_pointer (&page->placements, g_array_unref);
  g_free (page);
}

/* Text ------------------------------------------------------------------ */

static void
para_measure (Para *para)
{
  PangoLayoutIter *iter = pango_layout_get_iter (para->layout);

  g_clear_pointer (&para->lines, g_array_unref);
  para->lines = g_array_new (FALSE, FALSE, sizeof (LineBox));

  do
    {
      PangoRectangle logical;
      LineBox box;
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      box.top = (double) y0 / PANGO_SCALE;
      box.bottom = (double) y1 / PANGO_SCALE;
      box.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      box.x = (double) logical.x / PANGO_SCALE;
      g_array_append_val (para->lines, box);
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

/* The height of lines @first to @end - 1. */
static double
para_height (const Para *para,
             guint       first,
             guint       end)
{
  if (para == NULL || end <= first)
    return 0;

  return g_array_index (para->lines, LineBox, end - 1).bottom -
         g_array_index (para->lines, LineBox, first).top;
}

static guint
para_n_lines (const Para *para)
{
  return para != NULL ? para->lines->len : 0;
}

static Para *
para_new_styled (CasebookRenderReport *self,
                 const char           *markup,
                 double                size,
                 PangoWeight           weight,
                 double                spacing,
                 double                width)
{
  Para *para = g_new0 (Para, 1);

  para->layout = _casebook_page_layout_new (self->context, FONT_FAMILY, size, weight, markup);
  pango_layout_set_width (para->layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (para->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_line_spacing (para->layout, (float) spacing);
  para_measure (para);

  return para;
}

static Para *
para_new (CasebookRenderReport *self,
          const char           *markup,
          StyleId               style,
          double                width)
{
  return para_new_styled (self, markup, styles[style].size, styles[style].weight,
                          styles[style].spacing[self->lang], width);
}

static void
para_draw_lines (const Para *para,
                 cairo_t    *cr,
                 double      x,
                 double      y,
                 guint       first,
                 guint       n)
{
  GSList *lines = pango_layout_get_lines_readonly (para->layout);
  double top;

  if (n == 0 || first >= para->lines->len)
    return;

  top = g_array_index (para->lines, LineBox, first).top;
  lines = g_slist_nth (lines, first);

  for (guint i = first; i < first + n && i < para->lines->len && lines != NULL; i++, lines = lines->next)
    {
      const LineBox *box = &g_array_index (para->lines, LineBox, i);

      cairo_move_to (cr, x + box->x, y + box->baseline - top);
      pango_cairo_show_layout_line (cr, lines->data);
    }
}

/* Everything a person typed is escaped before it goes into markup. */
static char *
escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

static char *
color_spec (const CasebookRenderColor *color)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (int) round (color->red * 255),
                          (int) round (color->green * 255),
                          (int) round (color->blue * 255));
}

/* Building blocks ------------------------------------------------------- */

static Block *
block_add (CasebookRenderReport *self,
           BlockType             type)
{
  Block *block = g_new0 (Block, 1);

  block->type = type;
  block->section = self->building_section;
  block->width = self->width;
  block->toc_target = -1;
  block->color = ink;

  /* The first block of a section opens it: its page has no running
   * header, as the section starts there with its own title. */
  if (!self->section_opened && type != BLOCK_BREAK && type != BLOCK_SPACE)
    {
      block->opens_section = TRUE;
      self->section_opened = TRUE;
    }

  g_ptr_array_add (self->blocks, block);
  return block;
}

static guint
section_add (CasebookRenderReport *self,
             const char           *header_left,
             const char           *header_right,
             const char           *outline)
{
  Section *section = g_new0 (Section, 1);

  section->header_left = g_strdup (header_left);
  section->header_right = g_strdup (header_right);
  section->outline = g_strdup (outline);
  g_ptr_array_add (self->sections, section);

  self->building_section = self->sections->len - 1;
  self->section_opened = FALSE;

  /* Every section starts on a new page. */
  if (self->blocks->len > 0)
    block_add (self, BLOCK_BREAK);

  return self->building_section;
}

static Block *
add_text (CasebookRenderReport *self,
          const char           *markup,
          StyleId               style)
{
  Block *block = block_add (self, BLOCK_TEXT);

  block->para = para_new (self, markup, style, block->width);
  block->space_before = styles[style].before;
  block->space_after = styles[style].after;
  block->color = *style_color (styles[style].color);
  block->keep_with_next = style == STYLE_HEADING || style == STYLE_SUBHEADING || style == STYLE_OVERLINE ||
                          style == STYLE_TITLE || style == STYLE_LABEL;

  return block;
}

static Block *
add_plain (CasebookRenderReport *self,
           const char           *text,
           StyleId               style)
{
  g_autofree char *markup = escape (text);

  return add_text (self, markup, style);
}

static void
add_space (CasebookRenderReport *self,
           double                height)
{
  Block *block = block_add (self, BLOCK_SPACE);

  block->height = height;
}

/* A list item: @marker ("•", "3.") hangs in the margin left of the text. */
static Block *
add_item (CasebookRenderReport *self,
          const char           *marker,
          const char           *markup,
          StyleId               style)
{
  double indent = round (styles[style].size * 1.6);
  Block *block = block_add (self, BLOCK_TEXT);
  g_autofree char *marker_markup = escape (marker);
  double w;

  block->x = indent;
  block->width = self->width - indent;
  block->para = para_new (self, markup, style, block->width);
  block->marker = para_new (self, marker_markup, style, indent);
  block->space_after = round (styles[style].size * 0.3);
  block->color = *style_color (styles[style].color);

  _casebook_page_layout_size (block->marker->layout, &w, NULL);
  block->marker_x = indent - w - round (styles[style].size * 0.5);

  return block;
}

static Block *
add_rows (CasebookRenderReport *self,
          DrawRowsFunc          draw,
          gpointer              data,
          GDestroyNotify        data_free)
{
  Block *block = block_add (self, BLOCK_ROWS);

  block->unit_heights = g_array_new (FALSE, FALSE, sizeof (double));
  block->draw = draw;
  block->data = data;
  block->data_free = data_free;

  return block;
}

static void
block_add_unit (Block  *block,
                double  height)
{
  g_array_append_val (block->unit_heights, height);
}

static void
add_heading (CasebookRenderReport *self,
             Term                  t)
{
  add_plain (self, term (self, t), STYLE_HEADING);
}

/* A table with @n_cols columns whose widths are the given fractions of the
 * text width. */
static Table *
add_table (CasebookRenderReport *self,
           guint                 n_cols,
           const double         *fractions,
           const char * const   *header)
{
  Block *block = block_add (self, BLOCK_TABLE);
  Table *table = g_new0 (Table, 1);
  double x = 0;

  g_assert (n_cols <= MAX_COLS);

  table->n_cols = n_cols;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) table_row_free);
  table->pad_x = 6;
  table->pad_y = 5;

  for (guint c = 0; c < n_cols; c++)
    {
      table->col_x[c] = x;
      table->col_width[c] = c + 1 < n_cols ? round (self->width * fractions[c]) : self->width - x;
      x += table->col_width[c];
    }

  if (header != NULL)
    {
      double height = 0;

      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *markup = NULL;

          /* Small capitals, spaced, where the script has capitals. The
           * case is mapped before escaping: "&amp;" upper-cased is
           * "&AMP;", which Pango does not know, and drops the text. */
          if (self->lang == CASEBOOK_LANG_EN)
            {
              g_autofree char *upper = g_utf8_strup (header[c] != NULL ? header[c] : "", -1);
              g_autofree char *text = escape (upper);

              markup = g_strdup_printf ("<span letter_spacing=\"600\">%s</span>", text);
            }
          else
            markup = escape (header[c]);
          table->header[c] = para_new (self, markup, STYLE_TABLE_HEADER,
                                       table->col_width[c] - 2 * table->pad_x);
          height = MAX (height, para_height (table->header[c], 0, para_n_lines (table->header[c])));
        }
      table->header_height = ceil (height + 2 * table->pad_y);
    }

  block->table = table;
  block->space_before = 2;
  block->space_after = 6;

  return table;
}

static void
table_add_row (CasebookRenderReport *self,
               Table                *table,
               const char * const   *markup)
{
  TableRow *row = g_new0 (TableRow, 1);

  for (guint c = 0; c < table->n_cols; c++)
    if (markup[c] != NULL && markup[c][0] != '\0')
      row->cells[c] = para_new (self, markup[c], STYLE_TABLE, table->col_width[c] - 2 * table->pad_x);

  g_ptr_array_add (table->rows, row);
}

/* Drawings -------------------------------------------------------------- */

typedef struct
{
  CasebookRenderColor color;
  double              accent_width;
} RuleData;

static void
draw_rule (CasebookRenderReport *self,
           Block                *block,
           cairo_t              *cr,
           guint                 first,
           guint                 n)
{
  RuleData *data = block->data;
  double h = g_array_index (block->unit_heights, double, 0);
  double y = round (h / 2);

  _casebook_page_set_source (cr, &rule);
  cairo_rectangle (cr, 0, y, block->width, 0.6);
  cairo_fill (cr);

  _casebook_page_set_source (cr, &data->color);
  cairo_rectangle (cr, 0, y - 1.2, data->accent_width, 2.4);
  cairo_fill (cr);
}

static void
add_rule (CasebookRenderReport      *self,
          const CasebookRenderColor *color,
          double                     accent_width,
          double                     height)
{
  RuleData *data = g_new0 (RuleData, 1);
  Block *block;

  data->color = *color;
  data->accent_width = accent_width;
  block = add_rows (self, draw_rule, data, g_free);
  block_add_unit (block, height);
}

/* Key facts: a grid of cells, each a small label over its value. */

typedef struct
{
  Para *label;
  Para *value;
} Fact;

typedef struct
{
  GArray *facts;
  guint   n_cols;
  double  col_width;
  double  gap;
  double  label_gap;
} FactsData;

static void
fact_clear (gpointer data)
{
  Fact *fact = data;

  para_free (fact->label);
  para_free (fact->value);
}

static void
facts_data_free (FactsData *data)
{
  g_array_unref (data->facts);
  g_free (data);
}

static void
draw_facts (CasebookRenderReport *self,
            Block                *block,
            cairo_t              *cr,
            guint                 first,
            guint                 n)
{
  FactsData *data = block->data;
  double y = 0;

  for (guint r = first; r < first + n; r++)
    {
      for (guint c = 0; c < data->n_cols; c++)
        {
          guint i = r * data->n_cols + c;
          Fact *fact;
          double x = c * (data->col_width + data->gap);
          double label_height;

          if (i >= data->facts->len)
            break;

          fact = &g_array_index (data->facts, Fact, i);
          label_height = para_height (fact->label, 0, para_n_lines (fact->label));

          _casebook_page_set_source (cr, &dim);
          para_draw_lines (fact->label, cr, x, y, 0, para_n_lines (fact->label));
          _casebook_page_set_source (cr, &ink);
          para_draw_lines (fact->value, cr, x, y + label_height + data->label_gap, 0, para_n_lines (fact->value));
        }

      y += g_array_index (block->unit_heights, double, r);
    }
}

typedef struct
{
  GPtrArray           *phases;
  CasebookRenderTheme  theme;
} TimelineData;

static void
timeline_data_free (TimelineData *data)
{
  g_ptr_array_unref (data->phases);
  g_free (data);
}

static void
draw_timeline (CasebookRenderReport *self,
               Block                *block,
               cairo_t              *cr,
               guint                 first,
               guint                 n)
{
  TimelineData *data = block->data;

  casebook_render_timeline (cr, block->width, g_array_index (block->unit_heights, double, 0),
                            data->phases, self->lang, &data->theme);
}

static void
draw_outcomes (CasebookRenderReport *self,
               Block                *block,
               cairo_t              *cr,
               guint                 first,
               guint                 n)
{
  casebook_render_outcomes_draw (block->data, cr, first, n);
}

/* The cover's bars: the cases of each sector. */

typedef struct
{
  CasebookRenderColor color;
  Para               *name;
  Para               *count;
  double              fraction;
} SectorBar;

typedef struct
{
  GArray *bars;
  double  name_width;
  double  row_height;
} SectorBarsData;

static void
sector_bar_clear (gpointer data)
{
  SectorBar *bar = data;

  para_free (bar->name);
  para_free (bar->count);
}

static void
sector_bars_data_free (SectorBarsData *data)
{
  g_array_unref (data->bars);
  g_free (data);
}

static void
draw_sector_bars (CasebookRenderReport *self,
                  Block                *block,
                  cairo_t              *cr,
                  guint                 first,
                  guint                 n)
{
  SectorBarsData *data = block->data;
  double track_x = data->name_width + 12;
  double track_width = block->width * 0.45;
  double y = 0;

  /* The bars are one unit: they are never split between pages. */
  for (guint i = 0; i < data->bars->len; i++)
    {
      SectorBar *bar = &g_array_index (data->bars, SectorBar, i);
      double h = para_height (bar->name, 0, 1);
      double cy = y + data->row_height / 2;

      _casebook_page_set_source (cr, &ink);
      para_draw_lines (bar->name, cr, 0, cy - h / 2, 0, 1);

      _casebook_page_set_source (cr, &bar->color);
      _casebook_page_rounded_rect (cr, track_x, cy - 4.5, MAX (track_width * bar->fraction, 2), 9, 1.5);
      cairo_fill (cr);

      _casebook_page_set_source (cr, &dim);
      para_draw_lines (bar->count, cr, track_x + track_width * bar->fraction + 8, cy - h / 2, 0, 1);

      y += data->row_height;
    }
}

/* Case material ---------------------------------------------------------- */

static void
chart_theme (CasebookRenderTheme *theme)
{
  casebook_render_theme_init_default (theme);
  theme->foreground = ink;
  theme->dim_foreground = dim;
  theme->grid = (CasebookRenderColor) { 0, 0, 0, 0.14 };
  theme->accent = default_accent;
  theme->accent_foreground = (CasebookRenderColor) { 1, 1, 1, 1 };
  theme->font_family = FONT_FAMILY;
  theme->font_size = 8.5;
}

static const CasebookSector *
find_sector (CasebookRenderReport *self,
             const char           *key)
{
  return key != NULL ? g_hash_table_lookup (self->sectors, key) : NULL;
}

static const char *
sector_name (CasebookRenderReport *self,
             const char           *key)
{
  const CasebookSector *sector = find_sector (self, key);

  if (sector != NULL && !casebook_text_is_empty (sector->name))
    return casebook_text_get (sector->name, self->lang);

  return key != NULL ? key : "";
}

static CasebookRenderColor
sector_color (CasebookRenderReport *self,
              const char           *key)
{
  const CasebookSector *sector = find_sector (self, key);
  CasebookRenderColor color;

  if (sector == NULL || !_casebook_page_color_parse (sector->color, &color))
    return default_accent;

  return color;
}

/* Where a sector comes in the order the sectors were given, for sorting;
 * unknown sectors come last. */
static guint
sector_rank (CasebookRenderReport *self,
             const char           *key)
{
  for (guint i = 0; i < self->sector_order->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->sector_order, i), key) == 0)
      return i;

  return G_MAXUINT;
}

static const char *
metric_name (CasebookRenderReport *self,
             const char           *key)
{
  const CasebookText *name = key != NULL ? g_hash_table_lookup (self->metrics, key) : NULL;

  if (name != NULL && !casebook_text_is_empty (name))
    return casebook_text_get (name, self->lang);

  return key;
}

static const char *
text_get (CasebookRenderReport *self,
          const CasebookText   *text)
{
  const char *value = text != NULL ? casebook_text_get (text, self->lang) : NULL;

  return value != NULL ? value : "";
}

static char *
join_texts (CasebookRenderReport *self,
            GPtrArray            *texts)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = text_get (self, g_ptr_array_index (texts, i));

      if (text[0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, term (self, T_LIST_SEPARATOR));
      g_string_append (out, text);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "50,000", with a qualifier in front when the count is not exact. */
static char *
format_employees (CasebookCase *c)
{
  gint64 n = casebook_case_get_employees (c);
  g_autofree char *digits = NULL;
  g_autoptr(GString) grouped = g_string_new (casebook_qualifier_symbol (casebook_case_get_employees_qualifier (c)));
  gsize len;

  if (n < 0)
    return NULL;

  digits = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  len = strlen (digits);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (grouped, ',');
      g_string_append_c (grouped, digits[i]);
    }

  return g_string_free (g_steal_pointer (&grouped), FALSE);
}

static char *
format_date (CasebookRenderReport *self,
             GDateTime            *date)
{
  static const char * const months[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
  };

  if (self->lang == CASEBOOK_LANG_ZH)
    return g_strdup_printf ("%d年%d月%d日", g_date_time_get_year (date),
                            g_date_time_get_month (date), g_date_time_get_day_of_month (date));

  return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1], g_date_time_get_year (date));
}

/* The label of a case field, for a data-quality note about it. */
static const char *
field_label (CasebookRenderReport *self,
             const char           *field)
{
  static const struct { const char *field; Term t; } fields[] = {
    { "title", T_FIELD_TITLE },
    { "sector", T_SECTOR },
    { "subsector", T_SECTOR },
    { "organization", T_ORGANIZATION },
    { "kind", T_KIND },
    { "size", T_SIZE },
    { "employees", T_EMPLOYEES },
    { "period", T_PERIOD },
    { "approach", T_APPROACH },
    { "scenarios", T_SCENARIOS },
    { "requirements", T_REQUIREMENTS },
    { "stack", T_STACK },
    { "phases", T_PHASES },
    { "outcomes", T_OUTCOMES },
    { "challenges", T_CHALLENGES },
    { "lessons", T_LESSONS },
    { "failure", T_WHAT_WENT_WRONG },
    { "source", T_SOURCE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (field, fields[i].field) == 0)
      return term (self, fields[i].t);

  return field;
}

/* The number of the first data-quality note about @field, or 0. */
static guint
note_number (CasebookCase *c,
             const char   *field)
{
  GPtrArray *notes = casebook_case_get_notes (c);

  for (guint i = 0; i < notes->len; i++)
    if (g_strcmp0 (((CasebookNote *) g_ptr_array_index (notes, i))->field, field) == 0)
      return i + 1;

  return 0;
}

static char *
label_markup (CasebookRenderReport *self,
              const char           *label)
{
  /* Upper-cased before it is escaped, as an escaped "&amp;" upper-cased
   * is an entity Pango does not know. */
  if (self->lang == CASEBOOK_LANG_EN)
    {
      g_autofree char *upper = g_utf8_strup (label != NULL ? label : "", -1);
      g_autofree char *text = escape (upper);

      return g_strdup_printf ("<span letter_spacing=\"700\">%s</span>", text);
    }

  return escape (label);
}

static void
facts_add (CasebookRenderReport *self,
           FactsData            *data,
           Term                  label,
           const char           *value,
           guint                 note)
{
  g_autofree char *label_text = label_markup (self, term (self, label));
  g_autofree char *value_text = NULL;
  Fact fact;

  if (value == NULL || value[0] == '\0')
    return;

  value_text = escape (value);
  if (note > 0)
    {
      g_autofree char *dim_spec = color_spec (&dim);
      char *marked = g_strdup_printf ("%s<sup><span foreground=\"%s\">%u</span></sup>", value_text, dim_spec, note);

      g_free (value_text);
      value_text = marked;
    }

  fact.label = para_new (self, label_text, STYLE_LABEL, data->col_width);
  fact.value = para_new (self, value_text, STYLE_BODY, data->col_width);
  g_array_append_val (data->facts, fact);
}

static void
build_facts (CasebookRenderReport *self,
             CasebookCase         *c)
{
  FactsData *data = g_new0 (FactsData, 1);
  const CasebookText *subsector = casebook_case_get_subsector (c);
  g_autofree char *sector = NULL;
  g_autofree char *employees = format_employees (c);
  g_autofree char *period = casebook_case_format_period (c);
  g_autofree char *scenarios = join_texts (self, casebook_case_get_scenarios (c));
  g_autofree char *requirements = join_texts (self, casebook_case_get_requirements (c));
  Block *block;
  guint n_rows;

  data->n_cols = self->width > 340 ? 3 : 2;
  data->gap = 16;
  data->label_gap = 2.5;
  data->col_width = floor ((self->width - data->gap * (data->n_cols - 1)) / data->n_cols);
  data->facts = g_array_new (FALSE, TRUE, sizeof (Fact));
  g_array_set_clear_func (data->facts, fact_clear);

  if (!casebook_text_is_empty (subsector))
    sector = g_strdup_printf ("%s%s%s", sector_name (self, casebook_case_get_sector (c)), term (self, T_DOT),
                              text_get (self, subsector));
  else
    sector = g_strdup (sector_name (self, casebook_case_get_sector (c)));

  facts_add (self, data, T_SECTOR, sector, note_number (c, "sector"));
  facts_add (self, data, T_ORGANIZATION, text_get (self, casebook_case_get_organization (c)),
             note_number (c, "organization"));
  facts_add (self, data, T_KIND, casebook_kind_label (casebook_case_get_kind (c), self->lang),
             note_number (c, "kind"));
  if (casebook_case_get_size (c) != CASEBOOK_SIZE_UNKNOWN)
    facts_add (self, data, T_SIZE, casebook_size_label (casebook_case_get_size (c), self->lang),
               note_number (c, "size"));
  facts_add (self, data, T_EMPLOYEES, employees, note_number (c, "employees"));
  facts_add (self, data, T_PERIOD, period, note_number (c, "period"));
  if (casebook_case_get_approach (c) != CASEBOOK_APPROACH_NONE)
    facts_add (self, data, T_APPROACH, casebook_approach_label (casebook_case_get_approach (c), self->lang),
               note_number (c, "approach"));
  facts_add (self, data, T_SCENARIOS, scenarios, note_number (c, "scenarios"));
  facts_add (self, data, T_REQUIREMENTS, requirements, note_number (c, "requirements"));

  block = add_rows (self, draw_facts, data, (GDestroyNotify) facts_data_free);
  block->space_before = 2;
  block->space_after = 2;

  n_rows = (data->facts->len + data->n_cols - 1) / data->n_cols;
  for (guint r = 0; r < n_rows; r++)
    {
      double height = 0;

      for (guint col = 0; col < data->n_cols && r * data->n_cols + col < data->facts->len; col++)
        {
          Fact *fact = &g_array_index (data->facts, Fact, r * data->n_cols + col);

          height = MAX (height, para_height (fact->label, 0, para_n_lines (fact->label)) + data->label_gap +
                                para_height (fact->value, 0, para_n_lines (fact->value)));
        }
      block_add_unit (block, ceil (height + 10));
    }
}

static void
build_failure (CasebookRenderReport  *self,
               const CasebookFailure *failure)
{
  const char *colon = self->lang == CASEBOOK_LANG_ZH ? "：" : ": ";

  add_heading (self, T_WHAT_WENT_WRONG);

  if (!casebook_text_is_empty (failure->problem))
    {
      g_autofree char *text = escape (text_get (self, failure->problem));
      g_autofree char *markup = g_strdup_printf ("<b>%s%s</b>%s", term (self, T_PROBLEM), colon, text);

      add_text (self, markup, STYLE_BODY);
    }

  if (!casebook_text_is_empty (failure->result))
    {
      g_autofree char *text = escape (text_get (self, failure->result));
      g_autofree char *markup = g_strdup_printf ("<b>%s%s</b>%s", term (self, T_RESULT), colon, text);

      add_text (self, markup, STYLE_BODY);
    }

  if (failure->causes != NULL && failure->causes->len > 0)
    {
      add_plain (self, term (self, T_CAUSES), STYLE_SUBHEADING);
      for (guint i = 0; i < failure->causes->len; i++)
        {
          g_autofree char *text = escape (text_get (self, g_ptr_array_index (failure->causes, i)));

          add_item (self, "•", text, STYLE_BODY);
        }
    }
}

static void
build_stack (CasebookRenderReport *self,
             GPtrArray            *stack)
{
  static const double three[] = { 0.36, 0.48 };
  static const double two[] = { 0.4 };
  const char *header[] = { term (self, T_ROLE), term (self, T_PRODUCT), term (self, T_VERSION) };
  gboolean versions = FALSE;
  Table *table;

  for (guint i = 0; i < stack->len; i++)
    versions |= ((CasebookStackItem *) g_ptr_array_index (stack, i))->version != NULL;

  add_heading (self, T_STACK);
  table = add_table (self, versions ? 3 : 2, versions ? three : two, header);

  for (guint i = 0; i < stack->len; i++)
    {
      const CasebookStackItem *item = g_ptr_array_index (stack, i);
      g_autofree char *role = escape (text_get (self, item->role));
      g_autofree char *product = escape (text_get (self, item->product));
      g_autofree char *product_markup = g_strdup_printf ("<b>%s</b>", product);
      g_autofree char *version = escape (item->version);
      const char *cells[] = { role, product_markup, version };

      table_add_row (self, table, cells);
    }
}

static void
build_phases (CasebookRenderReport *self,
              GPtrArray            *phases)
{
  TimelineData *data;
  Block *block;
  double height;

  add_heading (self, T_PHASES);

  data = g_new0 (TimelineData, 1);
  data->phases = g_ptr_array_ref (phases);
  chart_theme (&data->theme);
  data->theme.accent = default_accent;
  height = casebook_render_timeline_height_for_width (phases, self->width, &data->theme);

  if (height <= 0)
    {
      /* No phase has a date, so there is no time axis: a list instead. */
      timeline_data_free (data);
      for (guint i = 0; i < phases->len; i++)
        {
          const CasebookPhase *phase = g_ptr_array_index (phases, i);
          g_autofree char *marker = g_strdup_printf ("%u.", i + 1);
          g_autofree char *name = escape (text_get (self, phase->name));

          add_item (self, marker, name, STYLE_BODY);
        }
      return;
    }

  block = add_rows (self, draw_timeline, data, (GDestroyNotify) timeline_data_free);
  block->space_before = 2;
  block->space_after = 4;
  block_add_unit (block, height);
}

/* A chart of rows, flowing row by row, and its caption. */
static void
add_outcome_chart (CasebookRenderReport   *self,
                   CasebookRenderOutcomes *chart)
{
  g_autofree char *caption = casebook_render_outcomes_describe_scales (chart);
  Block *block;

  casebook_render_outcomes_layout (chart, self->context, self->width);

  block = add_rows (self, draw_outcomes, chart, (GDestroyNotify) casebook_render_outcomes_free);
  block->space_before = 2;
  block->keep_with_next = caption != NULL;
  for (guint i = 0; i < casebook_render_outcomes_get_n_rows (chart); i++)
    block_add_unit (block, casebook_render_outcomes_get_row_height (chart, i));

  if (caption != NULL)
    add_plain (self, caption, STYLE_CAPTION);
}

static void
build_outcomes (CasebookRenderReport *self,
                GPtrArray            *outcomes)
{
  CasebookRenderTheme theme;
  CasebookRenderOutcomes *chart;

  add_heading (self, T_OUTCOMES);

  chart_theme (&theme);
  chart = casebook_render_outcomes_new (&theme, self->lang);
  for (guint i = 0; i < outcomes->len; i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (outcomes, i);
      const char *label = metric_name (self, outcome->metric);

      casebook_render_outcomes_add (chart, label != NULL ? label : text_get (self, outcome->text), NULL, outcome);
    }

  if (casebook_render_outcomes_get_n_rows (chart) > 0)
    add_outcome_chart (self, chart);
  else
    casebook_render_outcomes_free (chart);

  for (guint i = 0; i < outcomes->len; i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (outcomes, i);
      g_autofree char *text = NULL;

      if (casebook_text_is_empty (outcome->text))
        continue;

      text = escape (text_get (self, outcome->text));
      add_item (self, "•", text, STYLE_BODY);
    }
}

static void
build_challenges (CasebookRenderReport *self,
                  GPtrArray            *challenges)
{
  static const double widths[] = { 0.45 };
  const char *header[] = { term (self, T_CHALLENGE), term (self, T_SOLUTION) };
  Table *table;

  add_heading (self, T_CHALLENGES);
  table = add_table (self, 2, widths, header);

  for (guint i = 0; i < challenges->len; i++)
    {
      const CasebookChallenge *challenge = g_ptr_array_index (challenges, i);
      g_autofree char *title = escape (text_get (self, challenge->title));
      g_autofree char *text = escape (text_get (self, challenge->text));
      g_autofree char *solution = escape (text_get (self, challenge->solution));
      g_autofree char *first = NULL;
      const char *cells[2];

      if (title[0] != '\0' && text[0] != '\0')
        first = g_strdup_printf ("<b>%s</b>\n%s", title, text);
      else if (title[0] != '\0')
        first = g_strdup_printf ("<b>%s</b>", title);
      else
        first = g_strdup (text);

      cells[0] = first;
      cells[1] = solution;
      table_add_row (self, table, cells);
    }
}

static void
build_notes (CasebookRenderReport *self,
             GPtrArray            *notes)
{
  add_heading (self, T_NOTES);

  for (guint i = 0; i < notes->len; i++)
    {
      const CasebookNote *note = g_ptr_array_index (notes, i);
      g_autofree char *field = escape (note->field != NULL ? field_label (self, note->field) : NULL);
      g_autofree char *text = escape (text_get (self, note->text));
      g_autofree char *markup = NULL;
      Block *block = block_add (self, BLOCK_TEXT);

      if (field[0] != '\0')
        markup = g_strdup_printf ("<b>%u · %s</b>\n%s", i + 1, field, text);
      else
        markup = g_strdup_printf ("<b>%u</b>\n%s", i + 1, text);

      block->boxed = TRUE;
      block->pad_x = 11;
      block->pad_y = 7;
      block->para = para_new (self, markup, STYLE_BODY, block->width - 2 * block->pad_x);
      block->space_before = 2;
      block->space_after = 6;
    }
}

static void
build_source (CasebookRenderReport  *self,
              const CasebookSource  *source)
{
  g_autoptr(GString) markup = g_string_new (NULL);

  if (!casebook_text_is_empty (source->title))
    {
      g_autofree char *title = escape (text_get (self, source->title));

      if (self->lang == CASEBOOK_LANG_ZH)
        g_string_append_printf (markup, "《%s》", title);
      else
        g_string_append_printf (markup, "<i>%s</i>", title);
    }

  if (source->section != NULL)
    {
      g_autofree char *section = escape (source->section);

      if (markup->len > 0 && self->lang == CASEBOOK_LANG_EN)
        g_string_append (markup, ", ");
      if (self->lang == CASEBOOK_LANG_ZH)
        g_string_append_printf (markup, "第 %s 节", section);
      else
        g_string_append_printf (markup, "section %s", section);
    }

  if (markup->len > 0 && self->lang == CASEBOOK_LANG_EN)
    g_string_append_c (markup, '.');

  if (source->url != NULL)
    {
      g_autofree char *url = escape (source->url);

      /* A long address breaks anywhere, without a hyphen that is not in
       * it. */
      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      g_string_append_printf (markup, "<span insert_hyphens=\"false\">%s</span>", url);
    }

  if (source->date != NULL)
    {
      g_autofree char *date = escape (source->date);

      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      if (self->lang == CASEBOOK_LANG_ZH)
        g_string_append_printf (markup, "发布日期：%s", date);
      else
        g_string_append_printf (markup, "Published %s", date);
    }

  if (!casebook_text_is_empty (source->note))
    {
      g_autofree char *note = escape (text_get (self, source->note));

      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      g_string_append (markup, note);
    }

  if (markup->len == 0)
    return;

  add_heading (self, T_SOURCE);
  add_text (self, markup->str, STYLE_BODY);
}

static void
build_case (CasebookRenderReport *self,
            CasebookCase         *c)
{
  const char *title = text_get (self, casebook_case_get_title (c));
  const char *sector = sector_name (self, casebook_case_get_sector (c));
  const CasebookText *subsector = casebook_case_get_subsector (c);
  const CasebookFailure *failure = casebook_case_get_failure (c);
  const CasebookSource *source = casebook_case_get_source (c);
  CasebookRenderColor color = sector_color (self, casebook_case_get_sector (c));
  g_autofree char *overline = NULL;
  g_autofree char *subtitle = NULL;
  guint section;
  Block *block;

  section = section_add (self, title, sector, title);
  g_array_append_val (self->case_sections, section);

  /* The title block: sector above, title, organization and kind below. */
  if (!casebook_text_is_empty (subsector))
    {
      g_autofree char *both = g_strdup_printf ("%s%s%s", sector, term (self, T_DOT), text_get (self, subsector));

      overline = label_markup (self, both);
    }
  else
    overline = label_markup (self, sector);

  block = add_text (self, overline, STYLE_OVERLINE);
  block->color = color;
  add_plain (self, title, STYLE_TITLE);

  {
    g_autofree char *organization = escape (text_get (self, casebook_case_get_organization (c)));
    g_autofree char *kind = escape (casebook_kind_label (casebook_case_get_kind (c), self->lang));

    if (casebook_case_get_kind (c) == CASEBOOK_KIND_FAILURE)
      {
        g_autofree char *red = color_spec (&failure_color);

        subtitle = g_strdup_printf ("%s%s<span foreground=\"%s\" weight=\"bold\">%s</span>", organization,
                                    organization[0] != '\0' ? term (self, T_WIDE_DOT) : "", red, kind);
      }
    else
      subtitle = g_strdup_printf ("%s%s%s", organization, organization[0] != '\0' ? term (self, T_WIDE_DOT) : "",
                                  kind);

    add_text (self, subtitle, STYLE_SUBTITLE);
  }

  add_rule (self, &color, 48, 16);

  add_heading (self, T_KEY_FACTS);
  build_facts (self, c);

  if (failure != NULL)
    build_failure (self, failure);

  if (casebook_case_get_stack (c)->len > 0)
    build_stack (self, casebook_case_get_stack (c));

  if (casebook_case_get_phases (c)->len > 0)
    build_phases (self, casebook_case_get_phases (c));

  if (casebook_case_get_outcomes (c)->len > 0)
    build_outcomes (self, casebook_case_get_outcomes (c));

  if (casebook_case_get_challenges (c)->len > 0)
    build_challenges (self, casebook_case_get_challenges (c));

  if (casebook_case_get_lessons (c)->len > 0)
    {
      GPtrArray *lessons = casebook_case_get_lessons (c);

      add_heading (self, T_LESSONS);
      for (guint i = 0; i < lessons->len; i++)
        {
          g_autofree char *marker = g_strdup_printf ("%u.", i + 1);
          g_autofree char *text = escape (text_get (self, g_ptr_array_index (lessons, i)));

          add_item (self, marker, text, STYLE_BODY);
        }
    }

  if (casebook_case_get_notes (c)->len > 0)
    build_notes (self, casebook_case_get_notes (c));

  if (source != NULL)
    build_source (self, source);
}

/* Collection pages ------------------------------------------------------- */

/* The sectors of the report's cases, in the order the sectors were given,
 * each with its number of cases. */
static GPtrArray *
report_sectors (CasebookRenderReport *self,
                GHashTable          **counts)
{
  GPtrArray *keys = g_ptr_array_new ();

  *counts = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->cases->len; i++)
    {
      const char *key = casebook_case_get_sector (g_ptr_array_index (self->cases, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (*counts, key));

      if (n == 0)
        g_ptr_array_add (keys, (gpointer) key);
      g_hash_table_insert (*counts, (gpointer) key, GUINT_TO_POINTER (n + 1));
    }

  for (guint i = 1; i < keys->len; i++)
    for (guint j = i; j > 0 && sector_rank (self, g_ptr_array_index (keys, j - 1)) >
                               sector_rank (self, g_ptr_array_index (keys, j)); j--)
      {
        gpointer tmp = keys->pdata[j];

        keys->pdata[j] = keys->pdata[j - 1];
        keys->pdata[j - 1] = tmp;
      }

  return keys;
}

static void
build_cover (CasebookRenderReport *self,
             double                content_height)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) keys = report_sectors (self, &counts);
  g_autoptr(GHashTable) seen_sources = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) sources = g_string_new (NULL);
  g_autoptr(GDateTime) date = casebook_render_report_get_date (self, NULL);
  g_autofree char *prepared_date = format_date (self, date);
  g_autofree char *prepared = self->lang == CASEBOOK_LANG_ZH ? g_strdup_printf ("生成日期：%s", prepared_date)
                                                              : g_strdup_printf ("Prepared on %s", prepared_date);
  g_autofree char *subtitle = NULL;
  g_autofree char *kinds = NULL;
  SectorBarsData *data;
  guint n = self->cases->len, failures = 0, most = 1;
  Block *block;

  section_add (self, NULL, NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      CasebookCase *c = g_ptr_array_index (self->cases, i);
      const CasebookSource *source = casebook_case_get_source (c);

      if (casebook_case_get_kind (c) == CASEBOOK_KIND_FAILURE)
        failures++;

      if (source != NULL && !casebook_text_is_empty (source->title))
        {
          const char *title = text_get (self, source->title);

          if (!g_hash_table_contains (seen_sources, title) && g_hash_table_size (seen_sources) < 3)
            {
              g_hash_table_add (seen_sources, (gpointer) title);
              if (sources->len > 0)
                g_string_append (sources, term (self, T_LIST_SEPARATOR));
              if (self->lang == CASEBOOK_LANG_ZH)
                g_string_append_printf (sources, "《%s》", title);
              else
                g_string_append (sources, title);
            }
        }
    }

  if (self->subtitle != NULL)
    subtitle = g_strdup (self->subtitle);
  else if (self->lang == CASEBOOK_LANG_ZH)
    subtitle = g_strdup_printf ("共 %u 个案例，涉及 %u 个行业", n, keys->len);
  else
    subtitle = g_strdup_printf ("%u %s from %u %s", n, n == 1 ? "case" : "cases",
                                keys->len, keys->len == 1 ? "sector" : "sectors");

  if (self->lang == CASEBOOK_LANG_ZH)
    kinds = g_strdup_printf ("成功案例 %u 个，失败案例 %u 个", n - failures, failures);
  else
    kinds = g_strdup_printf ("%u %s and %u %s", n - failures, n - failures == 1 ? "success story" : "success stories",
                             failures, failures == 1 ? "failure" : "failures");

  add_space (self, round (content_height * 0.16));
  add_text (self, "<span letter_spacing=\"1400\">CASEBOOK</span>", STYLE_OVERLINE);
  add_plain (self, casebook_render_report_get_title (self), STYLE_COVER_TITLE);
  add_plain (self, subtitle, STYLE_COVER_SUBTITLE);
  add_space (self, 14);
  add_rule (self, &default_accent, 56, 12);
  add_space (self, 30);

  add_plain (self, term (self, T_CASES_BY_SECTOR), STYLE_SUBHEADING);

  data = g_new0 (SectorBarsData, 1);
  data->bars = g_array_new (FALSE, TRUE, sizeof (SectorBar));
  g_array_set_clear_func (data->bars, sector_bar_clear);
  data->row_height = 20;

  for (guint i = 0; i < keys->len; i++)
    most = MAX (most, GPOINTER_TO_UINT (g_hash_table_lookup (counts, g_ptr_array_index (keys, i))));

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
      g_autofree char *name = escape (sector_name (self, key));
      g_autofree char *number = g_strdup_printf ("%u", count);
      SectorBar bar = { 0 };
      double w;

      bar.color = sector_color (self, key);
      bar.name = para_new (self, name, STYLE_BODY, self->width * 0.4);
      bar.count = para_new (self, number, STYLE_BODY, 40);
      bar.fraction = (double) count / most;
      _casebook_page_layout_size (bar.name->layout, &w, NULL);
      data->name_width = MAX (data->name_width, ceil (w));
      g_array_append_val (data->bars, bar);
    }

  block = add_rows (self, draw_sector_bars, data, (GDestroyNotify) sector_bars_data_free);
  block_add_unit (block, data->bars->len * data->row_height);
  block->space_after = 8;

  block = add_plain (self, kinds, STYLE_BODY);
  block->color = dim;

  add_space (self, 36);
  if (sources->len > 0)
    {
      g_autofree char *line = self->lang == CASEBOOK_LANG_ZH ? g_strdup_printf ("案例来源：%s", sources->str)
                                                          : g_strdup_printf ("Cases from %s", sources->str);

      add_plain (self, line, STYLE_CAPTION);
    }
  add_plain (self, prepared, STYLE_CAPTION);
}

static void
add_toc_entry (CasebookRenderReport *self,
               const char           *marker,
               const char           *title,
               const char           *detail,
               guint                 target)
{
  const double indent = 22, number_width = 36;
  Block *block = block_add (self, BLOCK_TEXT);
  g_autofree char *escaped = escape (title);
  g_autofree char *markup = NULL;

  if (detail != NULL)
    {
      g_autofree char *escaped_detail = escape (detail);
      g_autofree char *dim_spec = color_spec (&dim);

      markup = g_strdup_printf ("%s<span foreground=\"%s\">   %s</span>", escaped, dim_spec, escaped_detail);
    }
  else
    markup = g_strdup_printf ("<b>%s</b>", escaped);

  block->x = indent;
  block->width = self->width - indent - number_width;
  block->para = para_new (self, markup, STYLE_TOC, block->width);
  block->space_after = styles[STYLE_TOC].after;
  block->toc_target = (int) target;

  if (marker != NULL)
    {
      g_autofree char *marker_markup = escape (marker);
      double w;

      block->marker = para_new (self, marker_markup, STYLE_TOC, indent);
      _casebook_page_layout_size (block->marker->layout, &w, NULL);
      block->marker_x = indent - w - 8;
    }
}

static void
build_contents (CasebookRenderReport *self,
                guint                 first_case_section,
                guint                 comparison_section)
{
  section_add (self, casebook_render_report_get_title (self), term (self, T_CONTENTS), term (self, T_CONTENTS));

  add_plain (self, term (self, T_CONTENTS), STYLE_TITLE);
  add_space (self, 18);

  for (guint i = 0; i < self->cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (self->cases, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      add_toc_entry (self, number, text_get (self, casebook_case_get_title (c)),
                     sector_name (self, casebook_case_get_sector (c)), first_case_section + i);
    }

  add_space (self, 6);
  add_toc_entry (self, NULL, term (self, T_COMPARISON), NULL, comparison_section);
}

/* The metrics the cases give figures for: the known ones in their order,
 * then any others in the order they come up. */
static GPtrArray *
comparison_metrics (CasebookRenderReport *self)
{
  GPtrArray *keys = g_ptr_array_new ();
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < self->cases->len; i++)
    {
      GPtrArray *outcomes = casebook_case_get_outcomes (g_ptr_array_index (self->cases, i));

      for (guint j = 0; j < outcomes->len; j++)
        {
          const CasebookOutcome *outcome = g_ptr_array_index (outcomes, j);

          if (outcome->metric != NULL && outcome->has_value &&
              g_hash_table_add (present, outcome->metric))
            g_ptr_array_add (order, outcome->metric);
        }
    }

  for (guint i = 0; i < self->metric_order->len; i++)
    {
      const char *key = g_ptr_array_index (self->metric_order, i);

      if (g_hash_table_contains (present, key) && g_hash_table_add (added, (gpointer) key))
        g_ptr_array_add (keys, (gpointer) key);
    }

  for (guint i = 0; i < order->len; i++)
    if (g_hash_table_add (added, g_ptr_array_index (order, i)))
      g_ptr_array_add (keys, g_ptr_array_index (order, i));

  return keys;
}

/* The statistics of one metric among the report's own cases, for the
 * Compare chart: the same numbers the app's Compare view shows for a
 * filter, but from the cases in hand rather than from a store. */
static CasebookStats *
comparison_stats (CasebookRenderReport *self,
                  const char           *metric,
                  GPtrArray            *sector_keys)
{
  CasebookStats *stats = casebook_stats_new (metric, g_hash_table_lookup (self->metrics, metric));
  g_autoptr(GHashTable) in_report = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < sector_keys->len; i++)
    {
      const char *key = g_ptr_array_index (sector_keys, i);
      const CasebookSector *sector = find_sector (self, key);

      g_hash_table_add (in_report, (gpointer) key);
      if (sector != NULL)
        casebook_stats_add_sector (stats, sector);
      else
        {
          g_autoptr(CasebookSector) bare = casebook_sector_new ();

          bare->key = g_strdup (key);
          bare->name = casebook_text_new_same (key);
          casebook_stats_add_sector (stats, bare);
        }
    }

  for (guint i = 0; i < self->cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (self->cases, i);
      GPtrArray *outcomes = casebook_case_get_outcomes (c);
      const CasebookText *title = casebook_case_get_title (c);
      const CasebookSource *source = casebook_case_get_source (c);

      for (guint j = 0; j < outcomes->len; j++)
        {
          const CasebookOutcome *outcome = g_ptr_array_index (outcomes, j);
          CasebookOutcomeRow row = { 0 };

          if (g_strcmp0 (outcome->metric, metric) != 0)
            continue;

          row.case_id = casebook_case_get_id (c);
          row.sector = casebook_case_get_sector (c);
          row.kind = casebook_case_get_kind (c);
          row.title.zh = title != NULL ? title->zh : NULL;
          row.title.en = title != NULL ? title->en : NULL;
          row.section = source != NULL ? source->section : NULL;
          row.position = (int) j;
          row.has_value = outcome->has_value;
          row.value = outcome->value;
          row.unit = outcome->unit;
          row.has_baseline = outcome->has_baseline;
          row.baseline = outcome->baseline;
          row.better = outcome->better;
          casebook_stats_add_outcome (stats, &row);
        }
    }

  for (guint i = 0; i < self->ranges->len; i++)
    {
      const CasebookRange *range = g_ptr_array_index (self->ranges, i);

      if (g_strcmp0 (range->metric, metric) == 0 && g_hash_table_contains (in_report, range->sector))
        casebook_stats_add_range (stats, range);
    }

  casebook_stats_finish (stats);
  return stats;
}

/* One number alone compares with nothing, unless the report gives its
 * sector a range to set it against. */
static gboolean
stats_compare_something (CasebookStats *stats)
{
  guint n = casebook_stats_get_n_points (stats);

  if (n >= 2)
    return TRUE;

  for (guint p = 0; n == 1 && p < casebook_stats_get_n_panels (stats); p++)
    {
      const CasebookStatsPanel *panel = casebook_stats_get_panel (stats, p);

      for (guint r = 0; r < panel->n_rows; r++)
        if (panel->rows[r].range != NULL)
          return TRUE;
    }

  return FALSE;
}

typedef struct
{
  CasebookStats       *stats;
  CasebookRenderTheme  theme;
} CompareData;

static void
compare_data_free (CompareData *data)
{
  g_clear_object (&data->stats);
  g_free (data);
}

static void
draw_compare (CasebookRenderReport *self,
              Block                *block,
              cairo_t              *cr,
              guint                 first,
              guint                 n)
{
  CompareData *data = block->data;

  casebook_render_compare (cr, block->width, g_array_index (block->unit_heights, double, 0),
                           data->stats, self->lang, &data->theme);
}

/* The sector comparison: the Compare chart of each metric the cases give
 * figures for, each sector a row. */
static void
build_comparison (CasebookRenderReport *self)
{
  g_autoptr(GPtrArray) metrics = comparison_metrics (self);
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) sectors = report_sectors (self, &counts);
  guint n_charts = 0;

  section_add (self, casebook_render_report_get_title (self), term (self, T_COMPARISON), term (self, T_COMPARISON));
  add_plain (self, term (self, T_COMPARISON), STYLE_TITLE);
  add_space (self, 8);
  add_plain (self, term (self, T_COMPARISON_INTRO), STYLE_BODY);

  for (guint m = 0; m < metrics->len; m++)
    {
      const char *metric = g_ptr_array_index (metrics, m);
      g_autoptr(CasebookStats) stats = comparison_stats (self, metric, sectors);
      CompareData *data;
      Block *block;
      double height;

      if (!stats_compare_something (stats))
        continue;

      data = g_new0 (CompareData, 1);
      data->stats = g_steal_pointer (&stats);
      chart_theme (&data->theme);
      height = casebook_render_compare_height_for_width (data->stats, self->width, self->lang, &data->theme);
      if (height <= 0)
        {
          compare_data_free (data);
          continue;
        }

      add_plain (self, metric_name (self, metric), STYLE_SUBHEADING);
      block = add_rows (self, draw_compare, data, (GDestroyNotify) compare_data_free);
      block->space_before = 2;
      block->space_after = 6;
      block_add_unit (block, ceil (height));
      n_charts++;
    }

  if (n_charts == 0)
    add_plain (self, term (self, T_NO_COMPARISON), STYLE_BODY);
}

/* Pagination ------------------------------------------------------------- */

typedef struct
{
  CasebookRenderReport *self;
  Page                 *page;
  double                y;
  double                top;
  double                bottom;
} Flow;

static double
text_block_height (const Block *block,
                   guint        first,
                   guint        end)
{
  guint n = para_n_lines (block->para);

  return para_height (block->para, first, end) +
         (first == 0 ? block->pad_y : 0) +
         (end == n ? block->pad_y : 0);
}

/* How far each cell of a row moves down so that the first lines of all
 * its cells share a baseline: a line of Latin text is shorter than one
 * with Chinese in it, and top-aligned cells would look out of step. */
static void
table_row_shifts (const Table    *table,
                  const TableRow *row,
                  const guint    *start,
                  double         *shift)
{
  double ascent[MAX_COLS] = { 0 };
  double highest = 0;

  for (guint c = 0; c < table->n_cols; c++)
    {
      const Para *cell = row->cells[c];

      if (cell != NULL && start[c] < para_n_lines (cell))
        {
          const LineBox *box = &g_array_index (cell->lines, LineBox, start[c]);

          ascent[c] = box->baseline - box->top;
          highest = MAX (highest, ascent[c]);
        }
    }

  for (guint c = 0; c < MAX_COLS; c++)
    shift[c] = c < table->n_cols && ascent[c] > 0 ? highest - ascent[c] : 0;
}

static double
table_row_height (const Table    *table,
                  const TableRow *row,
                  const guint    *start,
                  const guint    *end)
{
  double shift[MAX_COLS];
  double height = 0;

  table_row_shifts (table, row, start, shift);
  for (guint c = 0; c < table->n_cols; c++)
    if (end[c] > start[c])
      height = MAX (height, shift[c] + para_height (row->cells[c], start[c], end[c]));

  return ceil (height + 2 * table->pad_y);
}

static void
table_row_ends (const Table    *table,
                const TableRow *row,
                guint          *end)
{
  for (guint c = 0; c < MAX_COLS; c++)
    end[c] = c < table->n_cols ? para_n_lines (row->cells[c]) : 0;
}

static double
block_full_height (const Block *block)
{
  double height = 0;

  switch (block->type)
    {
    case BLOCK_TEXT:
      return text_block_height (block, 0, para_n_lines (block->para));

    case BLOCK_ROWS:
      for (guint i = 0; i < block->unit_heights->len; i++)
        height += g_array_index (block->unit_heights, double, i);
      return height;

    case BLOCK_TABLE:
      height = block->table->header_height;
      for (guint i = 0; i < block->table->rows->len; i++)
        {
          const TableRow *row = g_ptr_array_index (block->table->rows, i);
          guint start[MAX_COLS] = { 0 }, end[MAX_COLS];

          table_row_ends (block->table, row, end);
          height += table_row_height (block->table, row, start, end);
        }
      return height;

    case BLOCK_SPACE:
      return block->height;

    case BLOCK_BREAK:
    default:
      return 0;
    }
}

/* A drawing of a third of a page or less is not worth splitting: a chart
 * with two of its rows on one page and two on the next reads as two
 * charts. */
static gboolean
block_keeps_together (const Block *block,
                      double       page_height)
{
  return block->type == BLOCK_ROWS && block_full_height (block) <= page_height / 3;
}

/* The least of @block that may start a page: two lines, one row, or a
 * small drawing whole. */
static double
block_min_height (const Block *block,
                  double       page_height)
{
  switch (block->type)
    {
    case BLOCK_TEXT:
      return text_block_height (block, 0, MIN (MIN_LINES, para_n_lines (block->para)));

    case BLOCK_ROWS:
      if (block_keeps_together (block, page_height))
        return block_full_height (block);
      return block->unit_heights->len > 0 ? g_array_index (block->unit_heights, double, 0) : 0;

    case BLOCK_TABLE:
      if (block->table->rows->len > 0)
        {
          const TableRow *row = g_ptr_array_index (block->table->rows, 0);
          guint start[MAX_COLS] = { 0 }, end[MAX_COLS];

          table_row_ends (block->table, row, end);
          for (guint c = 0; c < MAX_COLS; c++)
            end[c] = MIN (end[c], MIN_LINES);
          return block->table->header_height + table_row_height (block->table, row, start, end);
        }
      return block->table->header_height;

    case BLOCK_SPACE:
    case BLOCK_BREAK:
    default:
      return 0;
    }
}

/* How much room block @index needs on this page so that it is not left
 * alone at the foot of it: itself, the blocks it keeps with, and the start
 * of the block after them. */
static double
keep_height (CasebookRenderReport *self,
             guint                 index,
             double                page_height)
{
  Block *block = g_ptr_array_index (self->blocks, index);
  double height = block_full_height (block);

  for (guint j = index + 1; j < self->blocks->len; j++)
    {
      Block *next = g_ptr_array_index (self->blocks, j);

      if (next->type == BLOCK_BREAK)
        break;
      if (next->type == BLOCK_SPACE)
        {
          height += next->height;
          continue;
        }

      height += block->space_after + next->space_before;
      if (next->keep_with_next && block_full_height (next) < page_height / 3)
        {
          height += block_full_height (next);
          block = next;
          continue;
        }

      height += block_min_height (next, page_height);
      break;
    }

  return height;
}

static gboolean
flow_at_top (Flow *flow)
{
  return flow->page->placements->len == 0;
}

static void
flow_new_page (Flow *flow)
{
  Page *page = g_new0 (Page, 1);

  page->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  g_array_set_clear_func (page->placements, placement_clear);
  page->section = flow->page != NULL ? flow->page->section : 0;
  g_ptr_array_add (flow->self->pages, page);

  flow->page = page;
  flow->y = flow->top;
}

static void
flow_place (Flow   *flow,
            Block  *block,
            double  height,
            guint   first,
            guint   n,
            GArray *slices)
{
  Section *section = g_ptr_array_index (flow->self->sections, block->section);
  Placement placement = { block, flow->y, height, first, n, slices };

  if (flow->page->placements->len == 0)
    {
      flow->page->section = block->section;
      flow->page->opening = block->opens_section && first == 0;
    }

  if (!section->placed)
    {
      section->placed = TRUE;
      section->first_page = flow->self->pages->len - 1;
    }

  g_array_append_val (flow->page->placements, placement);
  flow->y += height;
}

/* A paragraph flows line by line. It does not leave a single line at the
 * foot of a page, nor carry a single one over to the next, when it has
 * the lines to avoid it. */
static void
flow_text (Flow  *flow,
           Block *block)
{
  guint n = para_n_lines (block->para);
  guint i = 0;

  while (i < n)
    {
      double avail = flow->bottom - flow->y;
      guint fit = 0;

      while (i + fit < n && text_block_height (block, i, i + fit + 1) <= avail + 0.01)
        fit++;

      if (fit < n - i)
        {
          if (i == 0 && fit < MIN (MIN_LINES, n) && !flow_at_top (flow))
            fit = 0;
          else if (n - i - fit == 1 && fit >= (i == 0 ? 3u : 2u))
            fit--;
        }

      if (fit == 0)
        {
          if (!flow_at_top (flow))
            {
              flow_new_page (flow);
              continue;
            }
          /* A line taller than the page: it goes on it all the same. */
          fit = 1;
        }

      flow_place (flow, block, text_block_height (block, i, i + fit), i, fit, NULL);
      i += fit;
      if (i < n)
        flow_new_page (flow);
    }
}

static void
flow_rows (Flow  *flow,
           Block *block)
{
  guint n = block->unit_heights->len;
  guint i = 0;

  if (!flow_at_top (flow) && block_keeps_together (block, flow->bottom - flow->top) &&
      flow->y + block_full_height (block) > flow->bottom)
    flow_new_page (flow);

  while (i < n)
    {
      double avail = flow->bottom - flow->y;
      double height = 0;
      guint fit = 0;

      while (i + fit < n && height + g_array_index (block->unit_heights, double, i + fit) <= avail + 0.01)
        height += g_array_index (block->unit_heights, double, i + fit++);

      if (fit == 0)
        {
          if (!flow_at_top (flow))
            {
              flow_new_page (flow);
              continue;
            }
          fit = 1;
          height = g_array_index (block->unit_heights, double, i);
        }

      flow_place (flow, block, height, i, fit, NULL);
      i += fit;
      if (i < n)
        flow_new_page (flow);
    }
}

/* A table flows row by row, and a row that does not fit breaks between
 * the lines of its cells. Each page the table reaches starts with its
 * header. */
static void
flow_table (Flow  *flow,
            Block *block)
{
  Table *table = block->table;
  guint start[MAX_COLS] = { 0 };
  GArray *slices = NULL;
  double fragment_top = 0;
  guint r = 0;

#define OPEN_FRAGMENT()                                            \
  G_STMT_START {                                                   \
    slices = g_array_new (FALSE, FALSE, sizeof (RowSlice));        \
    fragment_top = flow->y;                                        \
    flow->y += table->header_height;                               \
  } G_STMT_END

#define CLOSE_FRAGMENT()                                                           \
  G_STMT_START {                                                                   \
    double fragment_height = flow->y - fragment_top;                               \
    flow->y = fragment_top;                                                        \
    if (slices->len > 0)                                                           \
      flow_place (flow, block, fragment_height, 0, slices->len, slices);           \
    else                                                                           \
      g_array_unref (slices);                                                      \
    slices = NULL;                                                                 \
  } G_STMT_END

  OPEN_FRAGMENT ();

  while (r < table->rows->len)
    {
      const TableRow *row = g_ptr_array_index (table->rows, r);
      RowSlice slice = { r };
      guint total[MAX_COLS];
      double avail = flow->bottom - flow->y;
      gboolean started = FALSE, short_start = FALSE, any = FALSE;

      table_row_ends (table, row, total);
      memcpy (slice.start, start, sizeof start);
      table_row_shifts (table, row, start, slice.shift);

      /* All of what is left of the row fits. */
      slice.height = table_row_height (table, row, start, total);
      if (slice.height <= avail + 0.01)
        {
          memcpy (slice.end, total, sizeof total);
          g_array_append_val (slices, slice);
          flow->y += slice.height;
          memset (start, 0, sizeof start);
          r++;
          continue;
        }

      /* Otherwise as many lines of each cell as fit. */
      for (guint c = 0; c < table->n_cols; c++)
        {
          guint fit = 0;

          while (start[c] + fit < total[c] &&
                 slice.shift[c] + para_height (row->cells[c], start[c], start[c] + fit + 1) + 2 * table->pad_y
                 <= avail + 0.01)
            fit++;

          if (start[c] + fit < total[c] && total[c] - start[c] - fit == 1 && fit >= 3)
            fit--;

          started |= start[c] > 0;
          short_start |= fit < MIN (MIN_LINES, total[c] - start[c]);
          any |= fit > 0;
          slice.end[c] = start[c] + fit;
        }

      /* A row that has not begun does not begin with a line or two at the
       * foot of a page when the page holds rows already. */
      if ((!any || (!started && short_start)) && (slices->len > 0 || !flow_at_top (flow)))
        {
          CLOSE_FRAGMENT ();
          flow_new_page (flow);
          OPEN_FRAGMENT ();
          continue;
        }

      /* A line taller than the page: it goes on it all the same. */
      if (!any)
        for (guint c = 0; c < table->n_cols; c++)
          slice.end[c] = MIN (start[c] + 1, total[c]);

      slice.height = table_row_height (table, row, slice.start, slice.end);
      g_array_append_val (slices, slice);
      flow->y += slice.height;
      memcpy (start, slice.end, sizeof start);

      CLOSE_FRAGMENT ();
      flow_new_page (flow);
      OPEN_FRAGMENT ();
    }

  CLOSE_FRAGMENT ();

#undef OPEN_FRAGMENT
#undef CLOSE_FRAGMENT
}

static void
flow_blocks (CasebookRenderReport *self)
{
  Flow flow = { self, NULL, 0, self->margin_top, self->page_height - self->margin_bottom };

  flow_new_page (&flow);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      switch (block->type)
        {
        case BLOCK_BREAK:
          if (!flow_at_top (&flow))
            flow_new_page (&flow);
          continue;

        case BLOCK_SPACE:
          flow.y += block->height;
          continue;

        case BLOCK_TEXT:
        case BLOCK_ROWS:
        case BLOCK_TABLE:
        default:
          break;
        }

      if (!flow_at_top (&flow))
        flow.y += block->space_before;

      if (block->keep_with_next && !flow_at_top (&flow) &&
          flow.y + keep_height (self, i, flow.bottom - flow.top) > flow.bottom)
        flow_new_page (&flow);

      switch (block->type)
        {
        case BLOCK_TEXT:
          flow_text (&flow, block);
          break;
        case BLOCK_ROWS:
          flow_rows (&flow, block);
          break;
        case BLOCK_TABLE:
          flow_table (&flow, block);
          break;
        case BLOCK_SPACE:
        case BLOCK_BREAK:
        default:
          g_assert_not_reached ();
        }

      flow.y += block->space_after;
    }

  /* A page left empty by a break at the very end holds nothing. */
  if (self->pages->len > 1 && flow_at_top (&flow))
    g_ptr_array_remove_index (self->pages, self->pages->len - 1);
}

/* Drawing ---------------------------------------------------------------- */

static PangoLayout *
furniture_layout (CasebookRenderReport *self,
                  const char           *text,
                  double                width,
                  PangoAlignment        alignment)
{
  g_autofree char *markup = escape (text);
  PangoLayout *layout = _casebook_page_layout_new (self->context, FONT_FAMILY, styles[STYLE_FURNITURE].size,
                                                     PANGO_WEIGHT_NORMAL, markup);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, alignment);
  return layout;
}

static void
draw_running_header (CasebookRenderReport *self,
                     cairo_t              *cr,
                     const Section        *section)
{
  double y = self->margin_top - 13 * MM;
  double h = 0;

  if (section->header_left != NULL)
    {
      g_autoptr(PangoLayout) left = furniture_layout (self, section->header_left, self->width * 0.62,
                                                      PANGO_ALIGN_LEFT);

      _casebook_page_set_source (cr, &dim);
      cairo_move_to (cr, self->margin_x, y);
      pango_cairo_show_layout (cr, left);
      _casebook_page_layout_size (left, NULL, &h);
    }

  if (section->header_right != NULL)
    {
      g_autoptr(PangoLayout) right = furniture_layout (self, section->header_right, self->width * 0.35,
                                                       PANGO_ALIGN_RIGHT);

      _casebook_page_set_source (cr, &dim);
      cairo_move_to (cr, self->margin_x + self->width * 0.65, y);
      pango_cairo_show_layout (cr, right);
    }

  _casebook_page_set_source (cr, &rule);
  cairo_rectangle (cr, self->margin_x, y + MAX (h, 9) + 4, self->width, 0.5);
  cairo_fill (cr);
}

static void
draw_footer (CasebookRenderReport *self,
             cairo_t              *cr,
             guint                 page)
{
  g_autofree char *date = format_date (self, self->resolved_date);
  g_autofree char *number = casebook_render_report_format_page_number (self->lang, page + 1, self->pages->len);
  g_autoptr(PangoLayout) left = furniture_layout (self, date, self->width * 0.5, PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) right = furniture_layout (self, number, self->width * 0.5, PANGO_ALIGN_RIGHT);
  double y = self->page_height - self->margin_bottom + 9 * MM;

  _casebook_page_set_source (cr, &rule);
  cairo_rectangle (cr, self->margin_x, y - 5, self->width, 0.5);
  cairo_fill (cr);

  _casebook_page_set_source (cr, &dim);
  cairo_move_to (cr, self->margin_x, y);
  pango_cairo_show_layout (cr, left);
  cairo_move_to (cr, self->margin_x + self->width * 0.5, y);
  pango_cairo_show_layout (cr, right);
}

/* The page number of a contents entry, right-aligned, with a dotted
 * leader from the end of its last line. */
static void
draw_toc_number (CasebookRenderReport *self,
                 cairo_t              *cr,
                 const Block          *block,
                 double                x,
                 double                y)
{
  const Section *target = g_ptr_array_index (self->sections, block->toc_target);
  guint last = para_n_lines (block->para) - 1;
  const LineBox *box = &g_array_index (block->para->lines, LineBox, last);
  PangoLayoutLine *line = pango_layout_get_line_readonly (block->para->layout, last);
  g_autofree char *number = g_strdup_printf ("%u", target->first_page + 1);
  g_autoptr(PangoLayout) layout = _casebook_page_layout_new (self->context, FONT_FAMILY, styles[STYLE_TOC].size,
                                                               PANGO_WEIGHT_NORMAL, number);
  PangoRectangle logical;
  double w, number_x, baseline, dots_from, dots_to;

  _casebook_page_layout_size (layout, &w, NULL);
  number_x = self->margin_x + self->width - w;
  baseline = y + box->baseline;

  _casebook_page_set_source (cr, &ink);
  cairo_move_to (cr, number_x, baseline - (double) pango_layout_get_baseline (layout) / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);

  pango_layout_line_get_extents (line, NULL, &logical);
  dots_from = x + box->x + (double) logical.width / PANGO_SCALE + 6;
  dots_to = number_x - 6;

  /* Dots on a fixed grid, so the leaders of all entries line up. */
  _casebook_page_set_source (cr, &dim);
  for (double dx = ceil ((dots_from - self->margin_x) / 4) * 4 + self->margin_x; dx <= dots_to; dx += 4)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, dx, baseline - 1, 0.5, 0, 2 * G_PI);
    }
  cairo_fill (cr);
}

static void
draw_text_placement (CasebookRenderReport *self,
                     cairo_t              *cr,
                     const Placement      *placement)
{
  const Block *block = placement->block;
  double x = self->margin_x + block->x;
  double y = placement->y + (placement->first == 0 ? block->pad_y : 0);
  gboolean last = placement->first + placement->n == para_n_lines (block->para);

  if (block->boxed)
    {
      _casebook_page_set_source (cr, &note_fill);
      cairo_rectangle (cr, x, placement->y, block->width, placement->height);
      cairo_fill (cr);
      _casebook_page_set_source (cr, &note_bar);
      cairo_rectangle (cr, x, placement->y, 2.5, placement->height);
      cairo_fill (cr);
    }

  if (block->toc_target >= 0)
    {
      g_autofree char *link = g_strdup_printf ("page=%u",
                                               ((Section *) g_ptr_array_index (self->sections,
                                                                               block->toc_target))->first_page + 1);
      cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
    }

  if (block->marker != NULL && placement->first == 0)
    {
      const LineBox *text_line = &g_array_index (block->para->lines, LineBox, 0);
      const LineBox *marker_line = &g_array_index (block->marker->lines, LineBox, 0);

      _casebook_page_set_source (cr, &dim);
      para_draw_lines (block->marker, cr, self->margin_x + block->marker_x,
                       y + (text_line->baseline - text_line->top) - (marker_line->baseline - marker_line->top),
                       0, 1);
    }

  _casebook_page_set_source (cr, &block->color);
  para_draw_lines (block->para, cr, x + block->pad_x, y, placement->first, placement->n);

  if (block->toc_target >= 0 && last)
    {
      const LineBox *first_line = &g_array_index (block->para->lines, LineBox, placement->first);

      draw_toc_number (self, cr, block, x, y - first_line->top);
    }

  if (block->toc_target >= 0)
    cairo_tag_end (cr, CAIRO_TAG_LINK);
}

static void
draw_table_placement (CasebookRenderReport *self,
                      cairo_t              *cr,
                      const Placement      *placement)
{
  const Block *block = placement->block;
  const Table *table = block->table;
  double x = self->margin_x + block->x;
  double y = placement->y;

  if (table->header_height > 0)
    {
      _casebook_page_set_source (cr, &header_fill);
      cairo_rectangle (cr, x, y, block->width, table->header_height);
      cairo_fill (cr);

      _casebook_page_set_source (cr, &dim);
      for (guint c = 0; c < table->n_cols; c++)
        if (table->header[c] != NULL)
          para_draw_lines (table->header[c], cr, x + table->col_x[c] + table->pad_x, y + table->pad_y,
                           0, para_n_lines (table->header[c]));

      _casebook_page_set_source (cr, &strong_rule);
      cairo_rectangle (cr, x, y + table->header_height - 0.8, block->width, 0.8);
      cairo_fill (cr);

      y += table->header_height;
    }

  for (guint i = 0; i < placement->slices->len; i++)
    {
      const RowSlice *slice = &g_array_index (placement->slices, RowSlice, i);
      const TableRow *row = g_ptr_array_index (table->rows, slice->row);

      _casebook_page_set_source (cr, &ink);
      for (guint c = 0; c < table->n_cols; c++)
        if (row->cells[c] != NULL)
          para_draw_lines (row->cells[c], cr, x + table->col_x[c] + table->pad_x,
                           y + table->pad_y + slice->shift[c],
                           slice->start[c], slice->end[c] - slice->start[c]);

      y += slice->height;

      _casebook_page_set_source (cr, &rule);
      cairo_rectangle (cr, x, y - 0.5, block->width, 0.5);
      cairo_fill (cr);
    }
}

static void
draw_placement (CasebookRenderReport *self,
                cairo_t              *cr,
                const Placement      *placement)
{
  Block *block = placement->block;

  switch (block->type)
    {
    case BLOCK_TEXT:
      draw_text_placement (self, cr, placement);
      break;

    case BLOCK_ROWS:
      cairo_save (cr);
      cairo_translate (cr, self->margin_x + block->x, placement->y);
      block->draw (self, block, cr, placement->first, placement->n);
      cairo_restore (cr);
      break;

    case BLOCK_TABLE:
      draw_table_placement (self, cr, placement);
      break;

    case BLOCK_SPACE:
    case BLOCK_BREAK:
    default:
      break;
    }
}

/* The report ------------------------------------------------------------- */

static void
clear_layout (CasebookRenderReport *self)
{
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->case_sections, g_array_unref);
  self->page_width = 0;
  self->page_height = 0;
}

static gboolean
page_size_is_valid (double width,
                    double height)
{
  /* Room for the margins and a column of text; a PDF page may be at most
   * 200 inches on a side. */
  return width >= 216 && height >= 216 && width <= 14400 && height <= 14400;
}

static gboolean
lay_out (CasebookRenderReport       *self,
         double                      page_width,
         double                      page_height,
         CasebookRenderProgressFunc  progress,
         gpointer                    user_data,
         GCancellable               *cancellable)
{
  guint n = self->cases->len;
  guint first_case_section = 0;

  if (self->pages != NULL && self->page_width == page_width && self->page_height == page_height &&
      self->thread == g_thread_self ())
    return TRUE;

  clear_layout (self);

  /* The thread's own fonts: nothing here touches the font map that the
   * interface draws with, so this can run on any thread. A report laid
   * out again on another thread takes that thread's fonts. */
  if (self->thread != g_thread_self ())
    {
      g_clear_object (&self->context);
      g_set_object (&self->font_map, get_thread_font_map ());
      self->context = _casebook_page_context_new (self->font_map, self->lang);
      self->thread = g_thread_self ();
    }

  if (self->resolved_date == NULL)
    {
      self->resolved_date = casebook_render_report_get_date (self, NULL);
      if (self->resolved_date == NULL)
        self->resolved_date = g_date_time_new_now_local ();
    }

  self->page_width = page_width;
  self->page_height = page_height;
  self->margin_x = round (MIN (20 * MM, page_width * 0.12));
  self->margin_top = round (MIN (24 * MM, page_height * 0.12));
  self->margin_bottom = round (MIN (24 * MM, page_height * 0.12));
  self->width = page_width - 2 * self->margin_x;

  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  self->case_sections = g_array_new (FALSE, FALSE, sizeof (guint));

  if (self->kind == CASEBOOK_RENDER_REPORT_COLLECTION)
    {
      /* Cover, contents, the cases, the comparison: the contents name
       * sections that come after them. */
      first_case_section = 2;
      build_cover (self, page_height - self->margin_top - self->margin_bottom);
      build_contents (self, first_case_section, first_case_section + n);
    }

  for (guint i = 0; i < n; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          clear_layout (self);
          return FALSE;
        }

      build_case (self, g_ptr_array_index (self->cases, i));

      if (progress != NULL)
        progress (0.5 * (i + 1) / n, user_data);
    }

  if (self->kind == CASEBOOK_RENDER_REPORT_COLLECTION)
    build_comparison (self);

  g_assert (self->case_sections->len == n);
  g_assert (n == 0 || g_array_index (self->case_sections, guint, 0) == first_case_section);

  flow_blocks (self);

  return TRUE;
}

static void
casebook_render_report_finalize (GObject *object)
{
  CasebookRenderReport *self = (CasebookRenderReport *)object;

  clear_layout (self);
  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_clear_pointer (&self->sectors, g_hash_table_unref);
  g_clear_pointer (&self->sector_order, g_ptr_array_unref);
  g_clear_pointer (&self->metrics, g_hash_table_unref);
  g_clear_pointer (&self->metric_order, g_ptr_array_unref);
  g_clear_pointer (&self->ranges, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->resolved_date, g_date_time_unref);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);

  G_OBJECT_CLASS (casebook_render_report_parent_class)->finalize (object);
}

static void
casebook_render_report_class_init (CasebookRenderReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = casebook_render_report_finalize;
}

static void
casebook_render_report_init (CasebookRenderReport *self)
{
  self->cases = g_ptr_array_new_with_free_func (g_object_unref);
  self->sectors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) casebook_sector_free);
  self->sector_order = g_ptr_array_new ();
  self->metrics = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) casebook_text_free);
  self->metric_order = g_ptr_array_new_with_free_func (g_free);
  self->ranges = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_range_free);
}

/**
 * casebook_render_report_new:
 * @kind: a summary of each case, or a collection with cover and contents
 * @lang: the language to write the report in
 *
 * Returns: (transfer full): a new, empty report
 */
CasebookRenderReport *
casebook_render_report_new (CasebookRenderReportKind kind,
                            CasebookLang             lang)
{
  CasebookRenderReport *self = g_object_new (CASEBOOK_TYPE_RENDER_REPORT, NULL);

  self->kind = kind;
  self->lang = lang;

  return self;
}

CasebookRenderReportKind
casebook_render_report_get_kind (CasebookRenderReport *self)
{
  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), CASEBOOK_RENDER_REPORT_SUMMARY);

  return self->kind;
}

CasebookLang
casebook_render_report_get_lang (CasebookRenderReport *self)
{
  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), CASEBOOK_LANG_EN);

  return self->lang;
}

/**
 * casebook_render_report_add_case:
 * @c: a case; the report keeps a reference and reads it when it lays the
 *   pages out, so it must not change after this
 *
 * Adds @c after the cases added before it.
 */
void
casebook_render_report_add_case (CasebookRenderReport *self,
                                 CasebookCase         *c)
{
  g_return_if_fail (CASEBOOK_IS_RENDER_REPORT (self));
  g_return_if_fail (CASEBOOK_IS_CASE (c));

  g_ptr_array_add (self->cases, g_object_ref (c));
  clear_layout (self);
}

guint
casebook_render_report_get_n_cases (CasebookRenderReport *self)
{
  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), 0);

  return self->cases->len;
}

/**
 * casebook_render_report_set_sectors:
 * @sectors: (element-type CasebookSector) (nullable): the sectors, in the
 *   order the comparison lists them; copied
 *
 * Gives the sectors' names and colours. Without them a sector shows as
 * its key.
 */
void
casebook_render_report_set_sectors (CasebookRenderReport *self,
                                    GPtrArray            *sectors)
{
  g_return_if_fail (CASEBOOK_IS_RENDER_REPORT (self));

  g_hash_table_remove_all (self->sectors);
  g_ptr_array_set_size (self->sector_order, 0);

  for (guint i = 0; sectors != NULL && i < sectors->len; i++)
    {
      const CasebookSector *sector = g_ptr_array_index (sectors, i);
      CasebookSector *copy;

      if (sector->key == NULL || g_hash_table_contains (self->sectors, sector->key))
        continue;

      copy = casebook_sector_new ();
      copy->key = g_strdup (sector->key);
      copy->name = sector->name != NULL ? casebook_text_copy (sector->name) : NULL;
      copy->color = g_strdup (sector->color);
      g_hash_table_insert (self->sectors, copy->key, copy);
      g_ptr_array_add (self->sector_order, copy->key);
    }

  clear_layout (self);
}

/**
 * casebook_render_report_set_metrics:
 * @metrics: (element-type CasebookMetric) (nullable): the metrics, in the
 *   order the comparison shows them; copied
 *
 * Gives the metrics' names, which label the outcome charts.
 */
void
casebook_render_report_set_metrics (CasebookRenderReport *self,
                                    GPtrArray            *metrics)
{
  g_return_if_fail (CASEBOOK_IS_RENDER_REPORT (self));

  g_hash_table_remove_all (self->metrics);
  g_ptr_array_set_size (self->metric_order, 0);

  for (guint i = 0; metrics != NULL && i < metrics->len; i++)
    {
      const CasebookMetric *metric = g_ptr_array_index (metrics, i);
      char *key;

      if (metric->key == NULL || metric->name == NULL || g_hash_table_contains (self->metrics, metric->key))
        continue;

      key = g_strdup (metric->key);
      g_ptr_array_add (self->metric_order, key);
      g_hash_table_insert (self->metrics, key, casebook_text_copy (metric->name));
    }

  clear_layout (self);
}

/**
 * casebook_render_report_set_ranges:
 * @ranges: (element-type CasebookRange) (nullable): the ranges the source
 *   report gives for its sectors; copied
 *
 * Gives the sector ranges that the sector comparison sets the cases'
 * figures against.
 */
void
casebook_render_report_set_ranges (CasebookRenderReport *self,
                                   GPtrArray            *ranges)
{
  g_return_if_fail (CASEBOOK_IS_RENDER_REPORT (self));

  g_ptr_array_set_size (self->ranges, 0);

  for (guint i = 0; ranges != NULL && i < ranges->len; i++)
    {
      const CasebookRange *range = g_ptr_array_index (ranges, i);
      CasebookRange *copy = casebook_range_new ();

      copy->section = g_strdup (range->section);
      copy->sector = g_strdup (range->sector);
      copy->metric = g_strdup (range->metric);
      copy->min = range->min;
      copy->max = range->max;
      copy->unit = range->unit;
      copy->better = range->better;
      copy->text = range->text != NULL ? casebook_text_copy (range->text) : NULL;
      g_ptr_array_add (self->ranges, copy);
    }

  clear_layout (self);
}

/**
 * casebook_render_report_set_title:
 * @title: (nullable): the title, %NULL for the default
 *
 * Sets the title on the cover, in the running headers and in the PDF's
 * metadata. By default a report of one case takes the case's title, and
 * any other report is called "Case summaries".
 */
void
casebook_render_report_set_title (CasebookRenderReport *self,
                                  const char           *title)
{
  g_return_if_fail (CASEBOOK_IS_RENDER_REPORT (self));

  g_free (self->title);
  self->title = g_strdup (title);
  clear_layout (self);
}

/**
 * casebook_render_report_get_title:
 *
 * Returns: the title the report is given, or its default one
 */
const char *
casebook_render_report_get_title (CasebookRenderReport *self)
{
  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), NULL);

  if (self->title != NULL)
    return self->title;

  if (self->cases->len == 1)
    return text_get (self, casebook_case_get_title (g_ptr_array_index (self->cases, 0)));

  return term (self, T_DEFAULT_TITLE);
}

/**
 * casebook_render_report_set_subtitle:
 * @subtitle: (nullable): the line under the title on the cover, %NULL for
 *   the number of cases and sectors
 */
void
casebook_render_report_set_subtitle (CasebookRenderReport *self,
                                     const char           *subtitle)
{
  g_return_if_fail (CASEBOOK_IS_RENDER_REPORT (self));

  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
  clear_layout (self);
}

/**
 * casebook_render_report_set_date:
 * @date: (nullable): the date, %NULL for the default
 *
 * Sets the date in the footers and the PDF's creation date.
 */
void
casebook_render_report_set_date (CasebookRenderReport *self,
                                 GDateTime            *date)
{
  g_return_if_fail (CASEBOOK_IS_RENDER_REPORT (self));

  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->resolved_date, g_date_time_unref);
  if (date != NULL)
    self->date = g_date_time_ref (date);
  clear_layout (self);
}

/**
 * casebook_render_report_get_date:
 *
 * The date of the report: the one set, or else the time SOURCE_DATE_EPOCH
 * gives (so that a build that sets it makes the same PDF every time), or
 * else now.
 *
 * Returns: (transfer full) (nullable): the date, or %NULL if
 *   SOURCE_DATE_EPOCH is set to something that is not a time
 */
GDateTime *
casebook_render_report_get_date (CasebookRenderReport  *self,
                                 GError               **error)
{
  const char *epoch;
  guint64 seconds;

  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), NULL);

  if (self->date != NULL)
    return g_date_time_ref (self->date);

  epoch = g_getenv ("SOURCE_DATE_EPOCH");
  if (epoch == NULL || epoch[0] == '\0')
    return g_date_time_new_now_local ();

  /* Up to the last second of the year 9999, which GDateTime can hold. */
  if (!g_ascii_string_to_unsigned (epoch, 10, 0, G_GUINT64_CONSTANT (253402300799), &seconds, NULL))
    {
      g_set_error (error, CASEBOOK_RENDER_REPORT_ERROR, CASEBOOK_RENDER_REPORT_ERROR_DATE,
                   "SOURCE_DATE_EPOCH is “%s”, which is not a number of seconds since 1970", epoch);
      return NULL;
    }

  return g_date_time_new_from_unix_utc ((gint64) seconds);
}

/**
 * casebook_render_report_paginate:
 * @page_width: the width of a page, in points (or whatever unit @cr will
 *   be in when the pages are drawn)
 * @page_height: its height
 *
 * Lays the report out on pages of the given size, which it needs before
 * it can draw any. Laying out again at the same size does nothing.
 *
 * Returns: the number of pages, 0 if the size is too small
 */
guint
casebook_render_report_paginate (CasebookRenderReport *self,
                                 double                page_width,
                                 double                page_height)
{
  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), 0);

  if (!page_size_is_valid (page_width, page_height))
    return 0;

  lay_out (self, page_width, page_height, NULL, NULL, NULL);
  return self->pages->len;
}

/**
 * casebook_render_report_get_n_pages:
 *
 * Returns: the number of pages of the last pagination, 0 before it
 */
guint
casebook_render_report_get_n_pages (CasebookRenderReport *self)
{
  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), 0);

  return self->pages != NULL ? self->pages->len : 0;
}

/**
 * casebook_render_report_get_case_page:
 * @case_index: a case, by the order it was added in
 *
 * Returns: the page (from 0) on which the case starts
 */
guint
casebook_render_report_get_case_page (CasebookRenderReport *self,
                                      guint                 case_index)
{
  const Section *section;

  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), 0);
  g_return_val_if_fail (self->pages != NULL, 0);
  g_return_val_if_fail (case_index < self->case_sections->len, 0);

  section = g_ptr_array_index (self->sections, g_array_index (self->case_sections, guint, case_index));
  return section->first_page;
}

/**
 * casebook_render_report_draw_page:
 * @cr: where to draw, in the unit the report was paginated in, with the
 *   origin at the top left corner of the paper
 * @page: the page, from 0
 *
 * Draws one page of the last pagination.
 */
void
casebook_render_report_draw_page (CasebookRenderReport *self,
                                  cairo_t              *cr,
                                  guint                 page)
{
  const Page *p;
  const Section *section;

  g_return_if_fail (CASEBOOK_IS_RENDER_REPORT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (self->pages != NULL);
  g_return_if_fail (page < self->pages->len);
  g_return_if_fail (self->thread == g_thread_self ());

  p = g_ptr_array_index (self->pages, page);
  section = g_ptr_array_index (self->sections, p->section);

  cairo_save (cr);

  if (!p->opening && section->header_left != NULL)
    draw_running_header (self, cr, section);

  for (guint i = 0; i < p->placements->len; i++)
    draw_placement (self, cr, &g_array_index (p->placements, Placement, i));

  draw_footer (self, cr, page);

  cairo_restore (cr);
}

/**
 * casebook_render_report_format_page_number:
 * @page: a page, from 1
 * @n_pages: the number of pages
 *
 * Returns: (transfer full): the footer's "Page 3 of 12", in @lang
 */
char *
casebook_render_report_format_page_number (CasebookLang lang,
                                           guint        page,
                                           guint        n_pages)
{
  if (lang == CASEBOOK_LANG_ZH)
    return g_strdup_printf ("第 %u 页，共 %u 页", page, n_pages);

  return g_strdup_printf ("Page %u of %u", page, n_pages);
}

/* PDF --------------------------------------------------------------------- */

/* cairo's PDF surface crashes (cairo 1.16) when its very first write
 * fails: the error is never handed back to it. The writer keeps the first
 * error and drops everything after it, and the error is read once cairo
 * has finished. */
static cairo_status_t
write_to_writer (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  casebook_file_writer_write (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (CasebookRenderReport *self,
              cairo_surface_t      *surface)
{
  g_autofree char *created = NULL;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, casebook_render_report_get_title (self));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, term (self, T_AUTHOR));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Casebook " PACKAGE_VERSION);

  /* Given explicitly, so that it is the report's date and not the time
   * of writing: with SOURCE_DATE_EPOCH the same input gives the same
   * bytes. */
  if (g_date_time_get_utc_offset (self->resolved_date) == 0)
    created = g_date_time_format (self->resolved_date, "%Y-%m-%dT%H:%M:%SZ");
  else
    created = g_date_time_format (self->resolved_date, "%Y-%m-%dT%H:%M:%S%:z");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);

  for (guint i = 0; i < self->sections->len; i++)
    {
      const Section *section = g_ptr_array_index (self->sections, i);
      g_autofree char *link = NULL;

      if (section->outline == NULL || !section->placed)
        continue;

      link = g_strdup_printf ("page=%u", section->first_page + 1);
      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, section->outline, link, 0);
    }
}

/**
 * casebook_render_report_write_pdf:
 * @file: the file to write; it is replaced only once the whole PDF is
 *   written, and left as it was when writing fails
 * @page_width: the width of a page in points, such as
 *   %CASEBOOK_RENDER_A4_WIDTH
 * @page_height: the height of a page in points
 * @progress: (nullable) (scope call): called as the work goes on
 * @user_data: data for @progress
 *
 * Lays the report out and writes it as a PDF with every font embedded,
 * an outline of its sections, and its title, author and creation date in
 * the metadata. Safe to call on a worker thread.
 *
 * Returns: %TRUE if the file was written
 */
gboolean
casebook_render_report_write_pdf (CasebookRenderReport        *self,
                                  GFile                       *file,
                                  double                       page_width,
                                  double                       page_height,
                                  CasebookRenderProgressFunc   progress,
                                  gpointer                     user_data,
                                  GCancellable                *cancellable,
                                  GError                     **error)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(CasebookFileWriter) writer = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->cases->len == 0)
    {
      g_set_error_literal (error, CASEBOOK_RENDER_REPORT_ERROR, CASEBOOK_RENDER_REPORT_ERROR_EMPTY,
                           "There are no cases to write");
      return FALSE;
    }

  if (!page_size_is_valid (page_width, page_height))
    {
      g_set_error (error, CASEBOOK_RENDER_REPORT_ERROR, CASEBOOK_RENDER_REPORT_ERROR_PAGE_SIZE,
                   "A page of %.0f × %.0f points cannot hold a report; it needs at least 216 × 216",
                   page_width, page_height);
      return FALSE;
    }

  date = casebook_render_report_get_date (self, error);
  if (date == NULL)
    return FALSE;

  if (self->resolved_date == NULL || !g_date_time_equal (self->resolved_date, date))
    {
      g_clear_pointer (&self->resolved_date, g_date_time_unref);
      self->resolved_date = g_date_time_ref (date);
      clear_layout (self);
    }

  if (!lay_out (self, page_width, page_height, progress, user_data, cancellable))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }

  /* The PDF takes the place of @file only once it is whole, so that
   * neither an error nor a cancelled or killed export leaves half a PDF
   * under the name chosen, nor spoils the file that was there. */
  writer = casebook_file_writer_new (file, cancellable, error);
  if (writer == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (write_to_writer, writer, page_width, page_height);
  set_metadata (self, surface);

  cr = cairo_create (surface);
  for (guint i = 0; i < self->pages->len && !casebook_file_writer_has_failed (writer); i++)
    {
      GError *cancelled = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, &cancelled))
        {
          casebook_file_writer_fail (writer, cancelled);
          break;
        }

      casebook_render_report_draw_page (self, cr, i);
      cairo_show_page (cr);

      if (progress != NULL)
        progress (0.5 + 0.5 * (i + 1) / self->pages->len, user_data);
    }
  cairo_destroy (cr);

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    casebook_file_writer_fail (writer, g_error_new (CASEBOOK_RENDER_REPORT_ERROR,
                                                    CASEBOOK_RENDER_REPORT_ERROR_DRAWING,
                                                    "The PDF could not be drawn: %s",
                                                    cairo_status_to_string (status)));

  /* On failure this removes the partial file and leaves @file as it was. */
  return casebook_file_writer_commit (writer, error);
}
