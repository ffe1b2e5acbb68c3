/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include <math.h>

#include "casebook-render-report-private.h"

/* The typesetting model of a report: blocks of text, drawings made of
 * rows and tables; the flow of those blocks down pages, broken between
 * lines or rows; and the drawing of what the flow placed on a page. */

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

void
_casebook_para_free (Para *para)
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
    _casebook_para_free (table->header[c]);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_clear_pointer (&table->row_cases, g_array_unref);
  g_free (table);
}

static void
table_row_free (TableRow *row)
{
  for (guint c = 0; c < MAX_COLS; c++)
    _casebook_para_free (row->cells[c]);
  g_free (row);
}

void
_casebook_block_free (Block *block)
{
  _casebook_para_free (block->para);
  _casebook_para_free (block->marker);
  g_clear_pointer (&block->unit_heights, g_array_unref);
  if (block->data_free != NULL)
    block->data_free (block->data);
  table_free (block->table);
  g_free (block);
}

void
_casebook_section_free (Section *section)
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

void
_casebook_flow_page_free (Page *page)
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
double
_casebook_para_height (const Para *para,
                       guint       first,
                       guint       end)
{
  if (para == NULL || end <= first)
    return 0;

  return g_array_index (para->lines, LineBox, end - 1).bottom -
         g_array_index (para->lines, LineBox, first).top;
}

guint
_casebook_para_n_lines (const Para *para)
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

  para->layout = _casebook_render_layout_new (self->context, FONT_FAMILY, size, weight, markup);
  pango_layout_set_width (para->layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (para->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_line_spacing (para->layout, (float) spacing);
  para_measure (para);

  return para;
}

Para *
_casebook_render_report_para_new (CasebookRenderReport *self,
                                  const char           *markup,
                                  StyleId               style,
                                  double                width)
{
  return para_new_styled (self, markup, styles[style].size, styles[style].weight,
                          styles[style].spacing[self->lang], width);
}

void
_casebook_para_draw_lines (const Para *para,
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

/* Building blocks ------------------------------------------------------- */

Block *
_casebook_render_report_add_block (CasebookRenderReport *self,
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

guint
_casebook_render_report_add_section (CasebookRenderReport *self,
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
    _casebook_render_report_add_block (self, BLOCK_BREAK);

  return self->building_section;
}

Block *
_casebook_render_report_add_text (CasebookRenderReport *self,
                                  const char           *markup,
                                  StyleId               style)
{
  Block *block = _casebook_render_report_add_block (self, BLOCK_TEXT);

  block->para = _casebook_render_report_para_new (self, markup, style, block->width);
  block->space_before = styles[style].before;
  block->space_after = styles[style].after;
  block->color = *style_color (styles[style].color);
  block->keep_with_next = style == STYLE_HEADING || style == STYLE_SUBHEADING || style == STYLE_OVERLINE ||
                          style == STYLE_TITLE || style == STYLE_LABEL;
  block->tag = _casebook_render_report_style_tag (self, style);

  return block;
}

Block *
_casebook_render_report_add_plain (CasebookRenderReport *self,
                                   const char           *text,
                                   StyleId               style)
{
  g_autofree char *markup = _casebook_render_escape (text);

  return _casebook_render_report_add_text (self, markup, style);
}

void
_casebook_render_report_add_space (CasebookRenderReport *self,
                                   double                height)
{
  Block *block = _casebook_render_report_add_block (self, BLOCK_SPACE);

  block->height = height;
}

/* A list item: @marker ("•", "3.") hangs in the margin left of the text. */
Block *
_casebook_render_report_add_item (CasebookRenderReport *self,
                                  const char           *marker,
                                  const char           *markup,
                                  StyleId               style)
{
  double indent = round (styles[style].size * 1.6);
  Block *block = _casebook_render_report_add_block (self, BLOCK_TEXT);
  g_autofree char *marker_markup = _casebook_render_escape (marker);
  double w;

  block->x = indent;
  block->width = self->width - indent;
  block->para = _casebook_render_report_para_new (self, markup, style, block->width);
  block->marker = _casebook_render_report_para_new (self, marker_markup, style, indent);
  block->space_after = round (styles[style].size * 0.3);
  block->color = *style_color (styles[style].color);
  block->tag = "LI";
  block->group = "L";

  _casebook_render_text_size (block->marker->layout, &w, NULL);
  block->marker_x = indent - w - round (styles[style].size * 0.5);

  return block;
}

Block *
_casebook_render_report_add_rows (CasebookRenderReport *self,
                                  DrawRowsFunc          draw,
                                  gpointer              data,
                                  GDestroyNotify        data_free)
{
  Block *block = _casebook_render_report_add_block (self, BLOCK_ROWS);

  block->unit_heights = g_array_new (FALSE, FALSE, sizeof (double));
  block->draw = draw;
  block->data = data;
  block->data_free = data_free;
  /* Drawings are charts unless said otherwise. */
  block->tag = "Figure";

  return block;
}

void
_casebook_block_add_unit (Block  *block,
                          double  height)
{
  g_array_append_val (block->unit_heights, height);
}

void
_casebook_render_report_add_heading (CasebookRenderReport *self,
                                     const char           *text)
{
  _casebook_render_report_add_plain (self, text, STYLE_HEADING);
}

/* A table with @n_cols columns whose widths are the given fractions of the
 * text width. */
Table *
_casebook_render_report_add_table (CasebookRenderReport *self,
                                   guint                 n_cols,
                                   const double         *fractions,
                                   const char * const   *header)
{
  Block *block = _casebook_render_report_add_block (self, BLOCK_TABLE);
  Table *table = g_new0 (Table, 1);
  double x = 0;

  g_assert (n_cols <= MAX_COLS);

  table->n_cols = n_cols;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) table_row_free);
  table->style = STYLE_TABLE;
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

          /* Small capitals, spaced, where the script has capitals. */
          markup = _casebook_render_small_caps (header[c], self->lang, 600);
          table->header[c] = _casebook_render_report_para_new (self, markup, STYLE_TABLE_HEADER,
                                       table->col_width[c] - 2 * table->pad_x);
          height = MAX (height, _casebook_para_height (table->header[c], 0, _casebook_para_n_lines (table->header[c])));
        }
      table->header_height = ceil (height + 2 * table->pad_y);
    }

  block->table = table;
  block->tag = "Table";
  block->space_before = 2;
  block->space_after = 6;

  return table;
}

void
_casebook_render_report_add_table_row (CasebookRenderReport *self,
                                       Table                *table,
                                       const char * const   *markup)
{
  TableRow *row = g_new0 (TableRow, 1);

  for (guint c = 0; c < table->n_cols; c++)
    if (markup[c] != NULL && markup[c][0] != '\0')
      row->cells[c] = _casebook_render_report_para_new (self, markup[c], table->style,
                                                        table->col_width[c] - 2 * table->pad_x);

  g_ptr_array_add (table->rows, row);
}

/* The last row added links to the summary of the case @case_index, as a
 * contents entry links to its section. */
void
_casebook_render_report_link_table_row (Table *table,
                                        guint  case_index)
{
  int none = -1, target = (int) case_index;

  g_assert (table->rows->len > 0);

  if (table->row_cases == NULL)
    table->row_cases = g_array_new (FALSE, FALSE, sizeof (int));
  while (table->row_cases->len + 1 < table->rows->len)
    g_array_append_val (table->row_cases, none);
  g_array_append_val (table->row_cases, target);
}

/* A header of markup as given, in the table's own style, for a header
 * whose cells are names (cases) rather than the small-capital labels of
 * _casebook_render_report_add_table(). */
void
_casebook_render_report_set_table_header (CasebookRenderReport *self,
                                          Table                *table,
                                          const char * const   *markup)
{
  double height = 0;

  for (guint c = 0; c < table->n_cols; c++)
    {
      g_clear_pointer (&table->header[c], _casebook_para_free);
      if (markup[c] == NULL || markup[c][0] == '\0')
        continue;

      table->header[c] = _casebook_render_report_para_new (self, markup[c], table->style,
                                                           table->col_width[c] - 2 * table->pad_x);
      height = MAX (height, _casebook_para_height (table->header[c], 0, _casebook_para_n_lines (table->header[c])));
    }

  table->header_height = ceil (height + 2 * table->pad_y);
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

  _casebook_render_set_source (cr, &rule, 1);
  cairo_rectangle (cr, 0, y, block->width, 0.6);
  cairo_fill (cr);

  _casebook_render_set_source (cr, &data->color, 1);
  cairo_rectangle (cr, 0, y - 1.2, data->accent_width, 2.4);
  cairo_fill (cr);
}

void
_casebook_render_report_add_rule (CasebookRenderReport      *self,
                                  const CasebookRenderColor *color,
                                  double                     accent_width,
                                  double                     height)
{
  RuleData *data = g_new0 (RuleData, 1);
  Block *block;

  data->color = *color;
  data->accent_width = accent_width;
  block = _casebook_render_report_add_rows (self, draw_rule, data, g_free);
  block->tag = NULL;
  _casebook_block_add_unit (block, height);
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
  guint n = _casebook_para_n_lines (block->para);

  return _casebook_para_height (block->para, first, end) +
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

      if (cell != NULL && start[c] < _casebook_para_n_lines (cell))
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
      height = MAX (height, shift[c] + _casebook_para_height (row->cells[c], start[c], end[c]));

  return ceil (height + 2 * table->pad_y);
}

static void
table_row_ends (const Table    *table,
                const TableRow *row,
                guint          *end)
{
  for (guint c = 0; c < MAX_COLS; c++)
    end[c] = c < table->n_cols ? _casebook_para_n_lines (row->cells[c]) : 0;
}

static double
block_full_height (const Block *block)
{
  double height = 0;

  switch (block->type)
    {
    case BLOCK_TEXT:
      return text_block_height (block, 0, _casebook_para_n_lines (block->para));

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
      return text_block_height (block, 0, MIN (MIN_LINES, _casebook_para_n_lines (block->para)));

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
  guint n = _casebook_para_n_lines (block->para);
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
                 slice.shift[c] + _casebook_para_height (row->cells[c], start[c], start[c] + fit + 1) + 2 * table->pad_y
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

void
_casebook_render_report_flow_blocks (CasebookRenderReport *self)
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

  _casebook_render_report_mark_tags (self);
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
  guint last = _casebook_para_n_lines (block->para) - 1;
  const LineBox *box = &g_array_index (block->para->lines, LineBox, last);
  PangoLayoutLine *line = pango_layout_get_line_readonly (block->para->layout, last);
  g_autofree char *number = g_strdup_printf ("%u", target->first_page + 1);
  g_autoptr(PangoLayout) layout = _casebook_render_layout_new (self->context, FONT_FAMILY, styles[STYLE_TOC].size,
                                                               PANGO_WEIGHT_NORMAL, number);
  PangoRectangle logical;
  double w, number_x, baseline, dots_from, dots_to;

  _casebook_render_text_size (layout, &w, NULL);
  number_x = self->margin_x + self->width - w;
  baseline = y + box->baseline;

  _casebook_render_set_source (cr, &ink, 1);
  cairo_move_to (cr, number_x, baseline - (double) pango_layout_get_baseline (layout) / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);

  pango_layout_line_get_extents (line, NULL, &logical);
  dots_from = x + box->x + (double) logical.width / PANGO_SCALE + 6;
  dots_to = number_x - 6;

  /* Dots on a fixed grid, so the leaders of all entries line up. */
  _casebook_render_set_source (cr, &dim, 1);
  for (double dx = ceil ((dots_from - self->margin_x) / 4) * 4 + self->margin_x; dx <= dots_to; dx += 4)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, dx, baseline - 1, 0.5, 0, 2 * G_PI);
    }
  cairo_fill (cr);
}

/* @tagged: the block's element is open. A list item holds its marker as
 * a label and its text as a body; the part of a block broken over pages
 * that is on this page is an element of its own, and a contents entry's
 * link is one already. */
static void
draw_text_placement (CasebookRenderReport *self,
                     cairo_t              *cr,
                     const Placement      *placement,
                     gboolean              tagged)
{
  const Block *block = placement->block;
  double x = self->margin_x + block->x;
  double y = placement->y + (placement->first == 0 ? block->pad_y : 0);
  gboolean last = placement->first + placement->n == _casebook_para_n_lines (block->para);
  gboolean item = tagged && block->marker != NULL && block->toc_target < 0;
  gboolean part = tagged && !(placement->opens && placement->closes) && block->toc_target < 0;

  if (block->boxed)
    {
      _casebook_render_set_source (cr, &note_fill, 1);
      cairo_rectangle (cr, x, placement->y, block->width, placement->height);
      cairo_fill (cr);
      _casebook_render_set_source (cr, &note_bar, 1);
      cairo_rectangle (cr, x, placement->y, 2.5, placement->height);
      cairo_fill (cr);
    }

  /* To a named destination, which the target's page sets: cairo 1.16
   * writes a link to a page number that comes later with no destination
   * at all. */
  if (block->toc_target >= 0)
    {
      g_autofree char *link = g_strdup_printf ("dest='section-%d'", block->toc_target);

      cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
    }

  if (block->marker != NULL && placement->first == 0)
    {
      const LineBox *text_line = &g_array_index (block->para->lines, LineBox, 0);
      const LineBox *marker_line = &g_array_index (block->marker->lines, LineBox, 0);

      if (item)
        _casebook_render_report_tag_begin (self, cr, "Lbl");
      _casebook_render_set_source (cr, &dim, 1);
      _casebook_para_draw_lines (block->marker, cr, self->margin_x + block->marker_x,
                       y + (text_line->baseline - text_line->top) - (marker_line->baseline - marker_line->top),
                       0, 1);
      if (item)
        _casebook_render_report_tag_end (self, cr);
    }

  if (item && placement->opens)
    _casebook_render_report_tag_begin (self, cr, "LBody");
  if (part)
    _casebook_render_report_tag_begin (self, cr, "Span");

  _casebook_render_set_source (cr, &block->color, 1);
  _casebook_para_draw_lines (block->para, cr, x + block->pad_x, y, placement->first, placement->n);

  if (part)
    _casebook_render_report_tag_end (self, cr);
  if (item && placement->closes)
    _casebook_render_report_tag_end (self, cr);

  if (block->toc_target >= 0 && last)
    {
      const LineBox *first_line = &g_array_index (block->para->lines, LineBox, placement->first);

      draw_toc_number (self, cr, block, x, y - first_line->top);
    }

  if (block->toc_target >= 0)
    cairo_tag_end (cr, CAIRO_TAG_LINK);
}

/* @tagged: the table's element is open. Its header row is part of it
 * on the first page only; repeated on later pages it is left out of the
 * structure, as a running header is. A row broken over pages is a row on
 * each. */
static void
draw_table_placement (CasebookRenderReport *self,
                      cairo_t              *cr,
                      const Placement      *placement,
                      gboolean              tagged)
{
  const Block *block = placement->block;
  const Table *table = block->table;
  double x = self->margin_x + block->x;
  double y = placement->y;

  if (table->header_height > 0)
    {
      _casebook_render_set_source (cr, &header_fill, 1);
      cairo_rectangle (cr, x, y, block->width, table->header_height);
      cairo_fill (cr);

      gboolean header_tagged = tagged && placement->opens;

      _casebook_render_set_source (cr, &dim, 1);
      if (header_tagged)
        _casebook_render_report_tag_begin (self, cr, "TR");
      for (guint c = 0; c < table->n_cols; c++)
        {
          if (header_tagged)
            _casebook_render_report_tag_begin (self, cr, "TH");
          if (table->header[c] != NULL)
            _casebook_para_draw_lines (table->header[c], cr, x + table->col_x[c] + table->pad_x, y + table->pad_y,
                                       0, _casebook_para_n_lines (table->header[c]));
          if (header_tagged)
            _casebook_render_report_tag_end (self, cr);
        }
      if (header_tagged)
        _casebook_render_report_tag_end (self, cr);

      _casebook_render_set_source (cr, &strong_rule, 1);
      cairo_rectangle (cr, x, y + table->header_height - 0.8, block->width, 0.8);
      cairo_fill (cr);

      y += table->header_height;
    }

  for (guint i = 0; i < placement->slices->len; i++)
    {
      const RowSlice *slice = &g_array_index (placement->slices, RowSlice, i);
      const TableRow *row = g_ptr_array_index (table->rows, slice->row);
      int target = -1;

      if (table->row_cases != NULL && slice->row < table->row_cases->len &&
          g_array_index (table->row_cases, int, slice->row) >= 0 &&
          (guint) g_array_index (table->row_cases, int, slice->row) < self->case_sections->len)
        target = (int) g_array_index (self->case_sections, guint, g_array_index (table->row_cases, int, slice->row));

      if (tagged)
        _casebook_render_report_tag_begin (self, cr, "TR");

      /* A link in each cell rather than one around the row, so that in
       * the structure it is inside its cell. */
      _casebook_render_set_source (cr, &ink, 1);
      for (guint c = 0; c < table->n_cols; c++)
        {
          gboolean linked = target >= 0 && row->cells[c] != NULL;

          if (tagged)
            _casebook_render_report_tag_begin (self, cr, "TD");
          if (linked)
            {
              g_autofree char *link = g_strdup_printf ("dest='section-%d'", target);

              cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
            }
          if (row->cells[c] != NULL)
            _casebook_para_draw_lines (row->cells[c], cr, x + table->col_x[c] + table->pad_x,
                                       y + table->pad_y + slice->shift[c],
                                       slice->start[c], slice->end[c] - slice->start[c]);
          if (linked)
            cairo_tag_end (cr, CAIRO_TAG_LINK);
          if (tagged)
            _casebook_render_report_tag_end (self, cr);
        }

      if (tagged)
        _casebook_render_report_tag_end (self, cr);

      y += slice->height;

      _casebook_render_set_source (cr, &rule, 1);
      cairo_rectangle (cr, x, y - 0.5, block->width, 0.5);
      cairo_fill (cr);
    }
}

void
_casebook_render_report_draw_placement (CasebookRenderReport *self,
                                        cairo_t              *cr,
                                        const Placement      *placement)
{
  Block *block = placement->block;
  gboolean tagged = self->tagging && block->tag != NULL;
  gboolean part = tagged && !(placement->opens && placement->closes);

  if (tagged && placement->opens)
    {
      if (block->opens_group)
        _casebook_render_report_tag_begin (self, cr, block->group);
      _casebook_render_report_tag_begin (self, cr, block->tag);
    }

  switch (block->type)
    {
    case BLOCK_TEXT:
      draw_text_placement (self, cr, placement, tagged);
      break;

    case BLOCK_ROWS:
      if (part)
        _casebook_render_report_tag_begin (self, cr, "Div");
      cairo_save (cr);
      cairo_translate (cr, self->margin_x + block->x, placement->y);
      block->draw (self, block, cr, placement->first, placement->n);
      cairo_restore (cr);
      if (part)
        _casebook_render_report_tag_end (self, cr);
      break;

    case BLOCK_TABLE:
      draw_table_placement (self, cr, placement, tagged);
      break;

    case BLOCK_SPACE:
    case BLOCK_BREAK:
    default:
      break;
    }

  if (tagged && placement->closes)
    {
      _casebook_render_report_tag_end (self, cr);
      if (block->closes_group)
        _casebook_render_report_tag_end (self, cr);
    }
}

