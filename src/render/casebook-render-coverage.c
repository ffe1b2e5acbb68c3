/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include <math.h>

#include "casebook-l10n.h"
#include "casebook-render-chart.h"
#include "casebook-render-coverage-private.h"

/* The coverage overview: metric families down, sectors across, and in each
 * cell how many cases of the sector report the family, as a number on a
 * tile whose strength grows with it. A last column totals each family.
 * It shows at a glance where the collection has numbers to compare and
 * where it is thin. Plain cairo and pango, like every chart. */

struct _CasebookCoverageLayout
{
  CasebookCoverage    *coverage;
  CasebookRenderTheme  theme;
  char                *font_family;
  CasebookRenderColor  background;
  gboolean             dark;
  CasebookLang         lang;

  double               width;
  double               height;
  double               f;
  double               small;
  double               pad;
  double               name_w;
  double               col_w;
  double               total_gap;
  double               header_h;
  double               row_h;
  guint                n_columns;
  gboolean             empty;
};

static PangoLayout *
header_text (CasebookCoverageLayout *self,
             PangoContext           *context,
             guint                   column)
{
  const char *text;
  PangoLayout *layout;

  if (column < casebook_coverage_get_n_sectors (self->coverage))
    text = casebook_text_get (casebook_coverage_get_sector (self->coverage, column)->name, self->lang);
  else
    text = L_ (self->lang, "All sectors");

  layout = _casebook_render_text (context, &self->theme, text, self->small, PANGO_WEIGHT_BOLD);
  pango_layout_set_width (layout, (int) (MAX (self->col_w - 6, 1) * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  /* Names of several words take two lines; a word too long for the
   * column is cut short rather than run into the next column. */
  {
    g_auto(GStrv) words = g_strsplit (text, " ", -1);
    gboolean fits = TRUE;

    for (guint i = 0; words[i] != NULL && fits; i++)
      fits = _casebook_render_text_width (context, &self->theme, words[i], self->small, PANGO_WEIGHT_BOLD) <=
             self->col_w - 6;

    pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
    pango_layout_set_height (layout, fits ? -2 : -1);
  }

  return layout;
}

/**
 * casebook_coverage_layout_new:
 * @coverage: (nullable): the counts; %NULL or no families draws "no data"
 * @width: the width to draw at
 * @background: (nullable): the colour behind the chart, or %NULL for the
 *   view background that suits @theme
 *
 * Returns: (transfer full): where every cell goes at @width
 */
CasebookCoverageLayout *
casebook_coverage_layout_new (CasebookCoverage          *coverage,
                              double                     width,
                              CasebookLang               lang,
                              const CasebookRenderTheme *theme,
                              const CasebookRenderColor *background)
{
  CasebookCoverageLayout *self;
  g_autoptr(CasebookRenderContext) context = NULL;
  double name_w = 0, header_h = 0;
  guint n_metrics;

  g_return_val_if_fail (theme != NULL, NULL);

  self = g_new0 (CasebookCoverageLayout, 1);
  self->coverage = coverage != NULL ? casebook_coverage_ref (coverage) : NULL;
  self->theme = *theme;
  self->font_family = g_strdup (theme->font_family);
  self->theme.font_family = self->font_family;
  self->dark = _casebook_render_theme_is_dark (theme);
  if (background != NULL)
    self->background = *background;
  else
    _casebook_render_background (theme, &self->background);
  self->lang = lang;
  self->width = MAX (width, 1);
  self->f = theme->font_size > 0 ? theme->font_size : 13;
  self->small = round (self->f * 0.85);
  self->pad = round (self->f * 0.5);

  n_metrics = coverage != NULL ? casebook_coverage_get_n_metrics (coverage) : 0;
  if (n_metrics == 0)
    {
      self->empty = TRUE;
      self->height = round (self->f * 11);
      return self;
    }

  context = _casebook_render_context_new (NULL, lang);

  for (guint m = 0; m < n_metrics; m++)
    name_w = MAX (name_w, _casebook_render_text_width (context, &self->theme,
                                                       casebook_text_get (casebook_coverage_get_metric (coverage, m)->name, lang),
                                                       self->f, PANGO_WEIGHT_BOLD));

  self->n_columns = casebook_coverage_get_n_sectors (coverage) + 1;
  self->name_w = CLAMP (ceil (name_w + 3 * self->pad), self->f * 5, floor (self->width * 0.34));
  self->total_gap = round (self->f * 0.6);
  self->col_w = floor ((self->width - self->name_w - self->total_gap) / self->n_columns);
  self->col_w = CLAMP (self->col_w, self->f * 2.6, self->f * 10);

  /* On a narrow screen the family names give way before the counts do. */
  if (self->name_w + self->total_gap + self->n_columns * self->col_w > self->width)
    self->name_w = MAX (self->f * 4, self->width - self->total_gap - self->n_columns * self->col_w);
  self->row_h = round (self->f * 2.3);

  for (guint c = 0; c < self->n_columns; c++)
    {
      g_autoptr(PangoLayout) header = header_text (self, context, c);
      double h;

      _casebook_render_text_size (header, NULL, &h);
      header_h = MAX (header_h, h);
    }

  self->header_h = ceil (header_h + round (self->f * 1.2));
  self->height = self->header_h + n_metrics * self->row_h + self->pad;

  return self;
}

void
casebook_coverage_layout_free (CasebookCoverageLayout *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->coverage, casebook_coverage_unref);
  g_free (self->font_family);
  g_free (self);
}

double
casebook_coverage_layout_get_height (CasebookCoverageLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return ceil (self->height);
}

/**
 * _casebook_coverage_layout_get_n_cells:
 *
 * Returns: the number of cells: families × (sectors + the total column)
 */
guint
_casebook_coverage_layout_get_n_cells (CasebookCoverageLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->empty)
    return 0;

  return casebook_coverage_get_n_metrics (self->coverage) * self->n_columns;
}

/**
 * casebook_coverage_layout_get_n_columns:
 *
 * Returns: the number of columns of cells: the sectors and the total
 */
guint
casebook_coverage_layout_get_n_columns (CasebookCoverageLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_columns;
}

static double
column_x (CasebookCoverageLayout *self,
          guint                   column)
{
  double x = self->name_w + column * self->col_w;

  if (column + 1 == self->n_columns)
    x += self->total_gap;

  return x;
}

/**
 * casebook_coverage_layout_get_cell:
 * @index: a cell: family × columns + column
 * @rect: (out caller-allocates) (optional): where the cell's tile is
 * @metric: (out) (optional): the cell's family
 * @sector: (out) (optional): the cell's sector, or -1 for the total column
 *
 * Returns: %FALSE if there is no such cell
 */
gboolean
casebook_coverage_layout_get_cell (CasebookCoverageLayout *self,
                                   guint                   index,
                                   cairo_rectangle_t      *rect,
                                   guint                  *metric,
                                   int                    *sector)
{
  guint m, c;

  g_return_val_if_fail (self != NULL, FALSE);

  if (index >= _casebook_coverage_layout_get_n_cells (self))
    return FALSE;

  m = index / self->n_columns;
  c = index % self->n_columns;

  if (rect != NULL)
    {
      rect->x = column_x (self, c) + 2;
      rect->y = self->header_h + m * self->row_h + 2;
      rect->width = self->col_w - 4;
      rect->height = self->row_h - 4;
    }
  if (metric != NULL)
    *metric = m;
  if (sector != NULL)
    *sector = c + 1 == self->n_columns ? -1 : (int) c;

  return TRUE;
}

/**
 * casebook_coverage_layout_hit_test:
 *
 * Returns: the cell at (@x, @y), or -1
 */
int
casebook_coverage_layout_hit_test (CasebookCoverageLayout *self,
                                   double                  x,
                                   double                  y)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, -1);

  n = _casebook_coverage_layout_get_n_cells (self);
  for (guint i = 0; i < n; i++)
    {
      cairo_rectangle_t rect;

      casebook_coverage_layout_get_cell (self, i, &rect, NULL, NULL);
      if (x >= rect.x - 2 && x < rect.x + rect.width + 2 && y >= rect.y - 2 && y < rect.y + rect.height + 2)
        return (int) i;
    }

  return -1;
}

/**
 * casebook_render_coverage_layout:
 * @cr: where to draw, with the origin at the top left of the chart
 * @layout: the layout
 * @highlight: (nullable): hover, focus and the family and sector shown
 */
void
casebook_render_coverage_layout (cairo_t                         *cr,
                                 CasebookCoverageLayout          *self,
                                 const CasebookCoverageHighlight *highlight)
{
  g_autoptr(CasebookRenderContext) context = NULL;
  guint n_metrics, n_sectors, max;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (self != NULL);

  context = _casebook_render_context_new (cr, self->lang);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, self->width, MAX (self->height, 1));
  cairo_clip (cr);

  if (self->empty)
    {
      _casebook_render_no_data (cr, context, &self->theme, self->width, self->height,
                                L_ (self->lang, "No data"),
                                L_ (self->lang, "The collection names no metric families yet."));
      cairo_restore (cr);
      return;
    }

  n_metrics = casebook_coverage_get_n_metrics (self->coverage);
  n_sectors = casebook_coverage_get_n_sectors (self->coverage);
  max = MAX (casebook_coverage_get_max (self->coverage), 1);

  /* Column headers: a bar of the sector's colour over its name. */
  for (guint c = 0; c < self->n_columns; c++)
    {
      g_autoptr(PangoLayout) header = header_text (self, context, c);
      double x = column_x (self, c);
      double h;

      if (c < n_sectors)
        {
          CasebookRenderColor color;

          _casebook_render_sector_color (casebook_coverage_get_sector (self->coverage, c)->color, self->dark, &color);
          _casebook_render_rounded_rect (cr, x + self->col_w * 0.3, self->pad * 0.4, self->col_w * 0.4, 3, 1.5);
          _casebook_render_set_source (cr, &color, 1);
          cairo_fill (cr);
          _casebook_render_set_source (cr, &self->theme.foreground, 1);
        }
      else
        _casebook_render_set_source (cr, &self->theme.dim_foreground, 1);

      _casebook_render_text_size (header, NULL, &h);
      _casebook_render_show (cr, header, x + 3, self->header_h - h - round (self->f * 0.35));
    }

  for (guint m = 0; m < n_metrics; m++)
    {
      const CasebookMetric *metric = casebook_coverage_get_metric (self->coverage, m);
      gboolean current = highlight != NULL && g_strcmp0 (highlight->metric, metric->key) == 0;
      g_autoptr(PangoLayout) name = NULL;
      double y = self->header_h + m * self->row_h;
      double h;

      if (current)
        {
          _casebook_render_rounded_rect (cr, 0, y, column_x (self, self->n_columns - 1) + self->col_w,
                                         self->row_h, round (self->f * 0.4));
          _casebook_render_set_source (cr, &self->theme.accent, self->dark ? 0.2 : 0.09);
          cairo_fill (cr);
        }

      name = _casebook_render_text (context, &self->theme, casebook_text_get (metric->name, self->lang),
                                    self->f, current ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      pango_layout_set_width (name, (int) ((self->name_w - 2 * self->pad) * PANGO_SCALE));
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      _casebook_render_text_size (name, NULL, &h);
      _casebook_render_set_source (cr, &self->theme.foreground, 1);
      _casebook_render_show (cr, name, self->pad, round (y + (self->row_h - h) / 2));

      for (guint c = 0; c < self->n_columns; c++)
        {
          guint index = m * self->n_columns + c;
          guint count = c < n_sectors ? casebook_coverage_get_count (self->coverage, m, c)
                                      : casebook_coverage_get_metric_total (self->coverage, m);
          g_autofree char *text = count > 0 ? g_strdup_printf ("%u", count) : g_strdup ("–");
          g_autoptr(PangoLayout) label = NULL;
          cairo_rectangle_t rect;
          gboolean strong = FALSE;
          double w, th;

          casebook_coverage_layout_get_cell (self, index, &rect, NULL, NULL);
          _casebook_render_rounded_rect (cr, rect.x, rect.y, rect.width, rect.height, round (self->f * 0.35));

          if (c == n_sectors)
            _casebook_render_set_source (cr, &self->theme.foreground, self->dark ? 0.1 : 0.06);
          else if (count == 0)
            _casebook_render_set_source (cr, &self->theme.grid, 0.45);
          else
            {
              double share = (double) count / max;
              double alpha = 0.14 + 0.8 * share;

              strong = alpha > 0.55;
              _casebook_render_set_source (cr, &self->theme.accent, alpha);
            }
          cairo_fill (cr);

          label = _casebook_render_text (context, &self->theme, text, self->small,
                                         count > 0 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
          _casebook_render_text_size (label, &w, &th);
          if (strong)
            _casebook_render_set_source (cr, &self->theme.accent_foreground, 1);
          else if (count == 0)
            _casebook_render_set_source (cr, &self->theme.dim_foreground, 0.8);
          else
            _casebook_render_set_source (cr, &self->theme.foreground, 1);
          _casebook_render_show (cr, label, round (rect.x + (rect.width - w) / 2),
                                 round (rect.y + (rect.height - th) / 2));

          /* The cell being compared is outlined. */
          if (current && highlight != NULL &&
              ((c < n_sectors && g_strcmp0 (highlight->sector,
                                            casebook_coverage_get_sector (self->coverage, c)->key) == 0) ||
               (c == n_sectors && highlight->sector == NULL)))
            {
              _casebook_render_rounded_rect (cr, rect.x + 1, rect.y + 1, rect.width - 2, rect.height - 2,
                                             round (self->f * 0.3));
              _casebook_render_set_source (cr, &self->theme.foreground, 0.85);
              cairo_set_line_width (cr, 2);
              cairo_stroke (cr);
            }

          if (highlight != NULL && highlight->hover == (int) index)
            {
              _casebook_render_rounded_rect (cr, rect.x + 0.5, rect.y + 0.5, rect.width - 1, rect.height - 1,
                                             round (self->f * 0.35));
              _casebook_render_set_source (cr, &self->theme.foreground, 0.45);
              cairo_set_line_width (cr, 1);
              cairo_stroke (cr);
            }

          if (highlight != NULL && highlight->focus == (int) index)
            {
              _casebook_render_rounded_rect (cr, rect.x - 1.5, rect.y - 1.5, rect.width + 3, rect.height + 3,
                                             round (self->f * 0.45));
              _casebook_render_set_source (cr, &self->theme.accent, 1);
              cairo_set_line_width (cr, 2);
              cairo_stroke (cr);
            }
        }
    }

  cairo_restore (cr);
}

/**
 * casebook_render_coverage_height_for_width:
 * @coverage: (nullable): the counts
 *
 * Returns: the height the overview needs at @width
 */
double
casebook_render_coverage_height_for_width (CasebookCoverage          *coverage,
                                           double                     width,
                                           CasebookLang               lang,
                                           const CasebookRenderTheme *theme)
{
  g_autoptr(CasebookCoverageLayout) layout = NULL;

  g_return_val_if_fail (theme != NULL, 0);

  layout = casebook_coverage_layout_new (coverage, width, lang, theme, NULL);
  return casebook_coverage_layout_get_height (layout);
}

/**
 * casebook_render_coverage:
 * @cr: where to draw, with the origin at the top left
 * @width: the width to draw at
 * @height: the height available
 * @coverage: (nullable): the counts
 * @lang: the language of the names
 * @theme: colours and font
 *
 * Draws the coverage overview: metric families against sectors, with the
 * number of cases that report each.
 */
void
casebook_render_coverage (cairo_t                   *cr,
                          double                     width,
                          double                     height,
                          CasebookCoverage          *coverage,
                          CasebookLang               lang,
                          const CasebookRenderTheme *theme)
{
  g_autoptr(CasebookCoverageLayout) layout = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (theme != NULL);

  if (width <= 0 || height <= 0)
    return;

  layout = casebook_coverage_layout_new (coverage, width, lang, theme, NULL);
  layout->height = layout->empty ? height : MIN (layout->height, height);
  casebook_render_coverage_layout (cr, layout, NULL);
}
