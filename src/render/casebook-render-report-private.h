/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "casebook-format.h"
#include "casebook-render-private.h"
#include "casebook-render-report.h"

G_BEGIN_DECLS

/* What the files of CasebookRenderReport share: its instance struct, the
 * typesetting model's blocks, the report's styles and palette, and the
 * functions one file calls in another. Private to the render library. */

#define MM (72.0 / 25.4)
#define MAX_COLS 5
#define MIN_LINES 2


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
  STYLE_INTRODUCTION,
  STYLE_TOC,
  STYLE_LABEL,
  STYLE_TABLE,
  STYLE_TABLE_HEADER,
  STYLE_TABLE_SMALL,
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
  [STYLE_INTRODUCTION] = { 11, PANGO_WEIGHT_NORMAL, { 1.15, 1.3 }, 0, 8, INK },
  [STYLE_TOC] = { 10, PANGO_WEIGHT_NORMAL, { 1.05, 1.15 }, 0, 7, INK },
  [STYLE_LABEL] = { 7, PANGO_WEIGHT_BOLD, { 1.0, 1.0 }, 0, 0, DIM },
  [STYLE_TABLE] = { 9, PANGO_WEIGHT_NORMAL, { 1.05, 1.18 }, 0, 0, INK },
  [STYLE_TABLE_HEADER] = { 7.5, PANGO_WEIGHT_BOLD, { 1.0, 1.0 }, 0, 0, DIM },
  [STYLE_TABLE_SMALL] = { 8, PANGO_WEIGHT_NORMAL, { 1.0, 1.12 }, 0, 0, INK },
  [STYLE_FURNITURE] = { 7.5, PANGO_WEIGHT_NORMAL, { 1.0, 1.0 }, 0, 0, DIM },
};

#define FONT_FAMILY "Sans"

/* The report's palette: colours for paper, whatever the desktop's theme
 * is. Defined here so that every file of the report draws with the same
 * ones; a file that uses only some of them costs nothing for the rest. */
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
  GArray    *row_cases;
  StyleId    style;
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

  /* Its element in a tagged PDF ("P", "H2", "LI", "Figure", "Table"),
   * or %NULL for a drawing that is only decoration; and the element that
   * groups a run of such blocks ("L" around list items). Static strings. */
  const char          *tag;
  const char          *group;
  gboolean             opens_group;
  gboolean             closes_group;

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

  /* The first and the last part of its block: a block broken over pages
   * is one element of the tagged PDF, opened on its first page and
   * closed on its last. */
  gboolean opens;
  gboolean closes;
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
  CasebookCatalog          *catalog;
  char                     *title;
  char                     *subtitle;
  char                     *introduction;
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

  /* While a PDF is written: structure elements go around what is drawn,
   * and these are the ones open, innermost last. */
  gboolean                  tagging;
  GPtrArray                *open_tags;
};


/* casebook-render-flow.c: blocks, their flow down the pages, drawing */
void     _casebook_para_free                      (Para                      *para);
double   _casebook_para_height                    (const Para                *para,
                                                   guint                      first,
                                                   guint                      end);
guint    _casebook_para_n_lines                   (const Para                *para);
void     _casebook_para_draw_lines                (const Para                *para,
                                                   cairo_t                   *cr,
                                                   double                     x,
                                                   double                     y,
                                                   guint                      first,
                                                   guint                      n);
void     _casebook_block_free                     (Block                     *block);
void     _casebook_block_add_unit                 (Block                     *block,
                                                   double                     height);
void     _casebook_section_free                   (Section                   *section);
void     _casebook_flow_page_free                 (Page                      *page);
Para    *_casebook_render_report_para_new         (CasebookRenderReport      *self,
                                                   const char                *markup,
                                                   StyleId                    style,
                                                   double                     width);
Block   *_casebook_render_report_add_block        (CasebookRenderReport      *self,
                                                   BlockType                  type);
guint    _casebook_render_report_add_section      (CasebookRenderReport      *self,
                                                   const char                *header_left,
                                                   const char                *header_right,
                                                   const char                *outline);
Block   *_casebook_render_report_add_text         (CasebookRenderReport      *self,
                                                   const char                *markup,
                                                   StyleId                    style);
Block   *_casebook_render_report_add_plain        (CasebookRenderReport      *self,
                                                   const char                *text,
                                                   StyleId                    style);
void     _casebook_render_report_add_space        (CasebookRenderReport      *self,
                                                   double                     height);
Block   *_casebook_render_report_add_item         (CasebookRenderReport      *self,
                                                   const char                *marker,
                                                   const char                *markup,
                                                   StyleId                    style);
Block   *_casebook_render_report_add_rows         (CasebookRenderReport      *self,
                                                   DrawRowsFunc               draw,
                                                   gpointer                   data,
                                                   GDestroyNotify             data_free);
void     _casebook_render_report_add_heading      (CasebookRenderReport      *self,
                                                   const char                *text);
Table   *_casebook_render_report_add_table        (CasebookRenderReport      *self,
                                                   guint                      n_cols,
                                                   const double              *fractions,
                                                   const char * const        *header);
void     _casebook_render_report_add_table_row    (CasebookRenderReport      *self,
                                                   Table                     *table,
                                                   const char * const        *markup);
void     _casebook_render_report_link_table_row   (Table                     *table,
                                                   guint                      case_index);
void     _casebook_render_report_set_table_header (CasebookRenderReport      *self,
                                                   Table                     *table,
                                                   const char * const        *markup);
void     _casebook_render_report_add_rule         (CasebookRenderReport      *self,
                                                   const CasebookRenderColor *color,
                                                   double                     accent_width,
                                                   double                     height);
void     _casebook_render_report_flow_blocks      (CasebookRenderReport      *self);
void     _casebook_render_report_draw_placement   (CasebookRenderReport      *self,
                                                   cairo_t                   *cr,
                                                   const Placement           *placement);

/* casebook-render-report-tags.c: the structure of a tagged PDF */
const char *_casebook_render_report_style_tag      (CasebookRenderReport      *self,
                                                    StyleId                    style);
void        _casebook_render_report_mark_tags      (CasebookRenderReport      *self);
void        _casebook_render_report_tag_begin      (CasebookRenderReport      *self,
                                                    cairo_t                   *cr,
                                                    const char                *tag);
void        _casebook_render_report_tag_end        (CasebookRenderReport      *self,
                                                    cairo_t                   *cr);
void        _casebook_render_report_start_tagging  (CasebookRenderReport      *self,
                                                    cairo_t                   *cr);
void        _casebook_render_report_stop_tagging   (CasebookRenderReport      *self,
                                                    cairo_t                   *cr);

/* casebook-render-report-content.c: the summary of a case */
const char            *_casebook_render_report_list_separator (CasebookRenderReport *self);
void                   _casebook_render_report_chart_theme  (CasebookRenderTheme  *theme);
const CasebookSector  *_casebook_render_report_find_sector  (CasebookRenderReport *self,
                                                             const char           *key);
const char            *_casebook_render_report_sector_name  (CasebookRenderReport *self,
                                                             const char           *key);
CasebookRenderColor    _casebook_render_report_sector_color (CasebookRenderReport *self,
                                                             const char           *key);
const char            *_casebook_render_report_metric_name  (CasebookRenderReport *self,
                                                             const char           *key);
const char            *_casebook_render_report_title        (CasebookRenderReport *self);
const char            *_casebook_render_report_text         (CasebookRenderReport *self,
                                                             const CasebookText   *text);
char                  *_casebook_render_report_format_date  (CasebookRenderReport *self,
                                                             GDateTime            *date);
void                   _casebook_render_report_build_case   (CasebookRenderReport *self,
                                                             CasebookCase         *c);
void                   _casebook_render_report_build_personal_note (CasebookRenderReport *self,
                                                             CasebookCase         *c);

/* casebook-render-report-collection.c: cover, contents, comparison */
void _casebook_render_report_build_cover      (CasebookRenderReport *self,
                                               double                content_height);
void _casebook_render_report_build_contents   (CasebookRenderReport *self,
                                               guint                 first_case_section,
                                               guint                 comparison_section);
void _casebook_render_report_build_comparison (CasebookRenderReport *self);
GPtrArray *_casebook_render_report_sectors   (CasebookRenderReport *self,
                                              GHashTable          **counts);

/* casebook-render-report-brief.c: a brief's cover, overview and cases
 * side by side */
guint _casebook_render_report_build_brief_front (CasebookRenderReport *self,
                                                 double                content_height);

/* casebook-render-report.c */
void     _casebook_render_report_clear_layout       (CasebookRenderReport       *self);
gboolean _casebook_render_report_page_size_is_valid (double                      width,
                                                     double                      height);
gboolean _casebook_render_report_lay_out            (CasebookRenderReport       *self,
                                                     double                      page_width,
                                                     double                      page_height,
                                                     CasebookRenderProgressFunc  progress,
                                                     gpointer                    user_data,
                                                     GCancellable               *cancellable);

/* For the tests only: the application itself does not call these. */
guint                    _casebook_render_report_get_case_page (CasebookRenderReport       *self,
                                                                guint                       case_index);
CasebookRenderReportKind _casebook_render_report_get_kind      (CasebookRenderReport       *self);
CasebookLang             _casebook_render_report_get_lang      (CasebookRenderReport       *self);
guint                    _casebook_render_report_get_n_cases   (CasebookRenderReport       *self);
void                     _casebook_render_report_set_date      (CasebookRenderReport       *self,
                                                                GDateTime                  *date);

G_END_DECLS
