/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include <math.h>
#include <string.h>

#include "casebook-format.h"
#include "casebook-l10n.h"
#include "casebook-render-chart.h"
#include "casebook-render-compare-private.h"

/* Drawing the Compare chart as its layout (casebook-render-compare.c)
 * placed it: only what the layout decided is stroked here. */

static void
draw_dot (cairo_t                   *cr,
          double                     x,
          double                     y,
          double                     radius,
          const CasebookRenderColor *fill,
          const CasebookRenderColor *halo)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, radius + 1.5, 0, 2 * G_PI);
  _casebook_render_set_source (cr, halo, 1);
  cairo_fill (cr);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  _casebook_render_set_source (cr, fill, 1);
  cairo_fill (cr);
}

static void
draw_hollow (cairo_t                   *cr,
             double                     x,
             double                     y,
             double                     radius,
             const CasebookRenderColor *stroke,
             const CasebookRenderColor *fill)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, radius - 0.75, 0, 2 * G_PI);
  _casebook_render_set_source (cr, fill, 1);
  cairo_fill_preserve (cr);
  _casebook_render_set_source (cr, stroke, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

static void
draw_mean (cairo_t                   *cr,
           double                     x,
           double                     cy,
           double                     half,
           const CasebookRenderColor *color,
           const CasebookRenderColor *halo)
{
  x = floor (x) + 0.5;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  _casebook_render_set_source (cr, halo, 1);
  cairo_set_line_width (cr, 5);
  cairo_move_to (cr, x, cy - half);
  cairo_line_to (cr, x, cy + half);
  cairo_stroke (cr);

  _casebook_render_set_source (cr, color, 1);
  cairo_set_line_width (cr, 2.5);
  cairo_move_to (cr, x, cy - half);
  cairo_line_to (cr, x, cy + half);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

static void
draw_band (cairo_t                   *cr,
           CasebookCompareLayout     *self,
           double                     xa,
           double                     xb,
           double                     cy,
           const CasebookRenderColor *color)
{
  double h = round (self->f * 1.5);
  double min_w = 2 * self->radius + 6;
  double w = MAX (xb - xa, min_w);
  double x = xb - xa < min_w ? (xa + xb) / 2 - min_w / 2 : xa;

  _casebook_render_rounded_rect (cr, round (x) + 0.5, round (cy - h / 2) + 0.5, round (w), h,
                                 MIN (round (self->f * 0.3), w / 2));
  _casebook_render_set_source (cr, color, self->dark ? 0.28 : 0.16);
  cairo_fill_preserve (cr);
  _casebook_render_set_source (cr, color, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* A range of one value: an upright line with short caps, a range whose
 * two ends meet, in the sector's colour; a halo keeps it off a grid line
 * and a dot on the same value. Unlike a band it cannot pass for a focus
 * ring, and unlike the mean it has caps. */
static void
draw_tick (cairo_t                   *cr,
           CasebookCompareLayout     *self,
           double                     x,
           double                     cy,
           const CasebookRenderColor *color)
{
  double half = round (self->f * 0.85);
  double cap = round (self->f * 0.35);

  x = floor (x) + 0.5;
  cairo_move_to (cr, x, cy - half);
  cairo_line_to (cr, x, cy + half);
  cairo_move_to (cr, x - cap, cy - half);
  cairo_line_to (cr, x + cap, cy - half);
  cairo_move_to (cr, x - cap, cy + half);
  cairo_line_to (cr, x + cap, cy + half);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  _casebook_render_set_source (cr, &self->background, 1);
  cairo_set_line_width (cr, 5);
  cairo_stroke_preserve (cr);
  _casebook_render_set_source (cr, color, 1);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

static void
draw_legend (cairo_t               *cr,
             PangoContext          *context,
             CasebookCompareLayout *self)
{
  CasebookRenderColor neutral = self->theme.dim_foreground;
  double r = self->radius;

  neutral.alpha = 1;

  for (guint i = 0; i < G_N_ELEMENTS (self->legend_shown); i++)
    {
      g_autoptr(PangoLayout) label = NULL;
      double x = self->legend_x[i];
      double cy = self->legend_y[i];
      double key_w = _casebook_compare_legend_key_width (self, i);
      double w, h;

      if (!self->legend_shown[i])
        continue;

      label = _casebook_render_text (context, &self->theme, _casebook_compare_legend_text (self, i), self->small, PANGO_WEIGHT_NORMAL);
      _casebook_render_text_size (label, &w, &h);

      switch (i)
        {
        case LEGEND_CASE:
          draw_dot (cr, x + r, cy, r, &self->theme.foreground, &self->background);
          break;
        case LEGEND_MEAN:
          draw_mean (cr, x + key_w / 2, cy, round (self->f * 0.55), &self->theme.foreground, &self->background);
          break;
        case LEGEND_BAND:
          draw_band (cr, self, x, x + key_w, cy, &neutral);
          break;
        case LEGEND_TICK:
          draw_tick (cr, self, x + key_w / 2, cy, &neutral);
          break;
        case LEGEND_BASELINE:
          _casebook_render_set_source (cr, &neutral, 0.6);
          cairo_set_line_width (cr, 2.5);
          cairo_move_to (cr, x + r, cy);
          cairo_line_to (cr, x + key_w - r, cy);
          cairo_stroke (cr);
          draw_hollow (cr, x + r, cy, r, &neutral, &self->background);
          draw_dot (cr, x + key_w - r, cy, r, &self->theme.foreground, &self->background);
          break;
        case LEGEND_DENSITY:
        default:
          /* A little strip, thick in the middle. */
          for (int b = 0; b < (int) (key_w / BIN_WIDTH); b++)
            {
              double share = 1 - fabs (b - key_w / BIN_WIDTH / 2) / (key_w / BIN_WIDTH / 2);
              double bar = MAX (2, share * self->f * 0.9);

              cairo_rectangle (cr, x + b * BIN_WIDTH, cy - bar / 2, BIN_WIDTH, bar);
            }
          _casebook_render_set_source (cr, &neutral, 0.8);
          cairo_fill (cr);
          break;
        }

      _casebook_render_set_source (cr, &self->theme.dim_foreground, 1);
      _casebook_render_show (cr, label, x + key_w + round (self->f * 0.45), round (cy - h / 2));
    }
}

static void
draw_axis (cairo_t                  *cr,
           PangoContext             *context,
           CasebookCompareLayout    *self,
           const CasebookStatsPanel *panel,
           const PanelLayout        *p)
{
  g_autoptr(PangoLayout) caption = NULL;
  g_autoptr(PangoLayout) direction = NULL;
  double cw, ch, dw, dh;
  double grid_top = p->axis_top + (panel->scale == CASEBOOK_SCALE_NINES ? round (self->f * 2.4)
                                                                        : round (self->f * 1.35));

  /* The header: what the axis measures, and which way is better. */
  direction = _casebook_render_text (context, &self->theme, p->direction, self->small, PANGO_WEIGHT_NORMAL);
  _casebook_render_text_size (direction, &dw, &dh);
  caption = _casebook_render_text (context, &self->theme, p->caption, self->small, PANGO_WEIGHT_BOLD);
  pango_layout_set_width (caption, (int) (MAX (self->width - self->pad - dw - self->f, self->f * 4) * PANGO_SCALE));
  pango_layout_set_ellipsize (caption, PANGO_ELLIPSIZE_END);
  _casebook_render_text_size (caption, &cw, &ch);

  _casebook_render_set_source (cr, &self->theme.foreground, 1);
  _casebook_render_show (cr, caption, self->pad, p->top);
  _casebook_render_set_source (cr, &self->theme.dim_foreground, 1);
  if (self->pad + cw + self->f + dw <= self->width)
    _casebook_render_show (cr, direction, round (MAX (self->x1 - dw, self->pad + cw + self->f)), p->top);

  /* Grid lines down through the rows, the reference line (0 or 1×)
   * stronger than the rest. */
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < p->n_ticks; i++)
    {
      double x = floor (_casebook_compare_axis_x (self, p, p->ticks[i])) + 0.5;
      gboolean emphasis = isfinite (p->emphasis) && fabs (p->ticks[i] - p->emphasis) < 1e-9;

      if (emphasis)
        _casebook_render_set_source (cr, &self->theme.foreground, 0.35);
      else
        _casebook_render_set_source (cr, &self->theme.grid, 1);
      if (self->narrow)
        {
          /* Not through the names above the rows. */
          cairo_move_to (cr, x, grid_top);
          cairo_line_to (cr, x, p->rows_top);
          for (guint r = 0; r < panel->n_rows; r++)
            {
              cairo_move_to (cr, x, p->rows[r].top + self->name_h);
              cairo_line_to (cr, x, p->rows[r].top + self->row_h);
            }
        }
      else
        {
          cairo_move_to (cr, x, grid_top);
          cairo_line_to (cr, x, p->bottom);
        }
      cairo_stroke (cr);
    }

  for (guint i = 0; i < p->n_ticks; i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) label = NULL;
      double x = _casebook_compare_axis_x (self, p, p->ticks[i]);
      double w, h;

      if (!p->labelled[i])
        continue;

      text = _casebook_compare_tick_label (panel->scale, panel->unit, p->ticks[i], self->lang);
      label = _casebook_render_text (context, &self->theme, text, self->small, PANGO_WEIGHT_NORMAL);
      _casebook_render_text_size (label, &w, &h);
      _casebook_render_set_source (cr, &self->theme.dim_foreground, 1);
      _casebook_render_show (cr, label, round (CLAMP (x - w / 2, 0, self->width - w)), p->axis_top);

      if (panel->scale == CASEBOOK_SCALE_NINES)
        {
          g_autofree char *downtime = casebook_format_downtime (
            casebook_availability_downtime (casebook_scale_from_axis (panel->scale, p->ticks[i])), self->lang);
          g_autoptr(PangoLayout) sub = _casebook_render_text (context, &self->theme, downtime, self->tiny,
                                                              PANGO_WEIGHT_NORMAL);
          double sw, sh;

          _casebook_render_text_size (sub, &sw, &sh);
          _casebook_render_set_source (cr, &self->theme.dim_foreground, 0.8);
          _casebook_render_show (cr, sub, round (CLAMP (x - sw / 2, 0, self->width - sw)), p->axis_top + h);
        }
    }
}

static void
draw_row (cairo_t                        *cr,
          PangoContext                   *context,
          CasebookCompareLayout          *self,
          const CasebookStatsPanel       *panel,
          const PanelLayout              *p,
          guint                           index,
          const CasebookCompareHighlight *highlight)
{
  const CasebookStatsRow *row = &panel->rows[index];
  const RowLayout *r = &p->rows[index];
  g_autoptr(PangoLayout) name = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  double chip = round (self->f * 0.6);
  double text_x = self->pad + chip + round (self->f * 0.5);
  double nw, nh, sw, sh, ny;
  gboolean highlighted = highlight != NULL && highlight->sector != NULL &&
                         g_strcmp0 (highlight->sector, row->sector->key) == 0;

  if (highlighted)
    {
      _casebook_render_rounded_rect (cr, 0, r->top + 1, self->width, self->row_h - 2, round (self->f * 0.5));
      _casebook_render_set_source (cr, &self->theme.accent, self->dark ? 0.22 : 0.1);
      cairo_fill (cr);
    }

  /* A faint rule between rows. */
  if (index > 0)
    {
      _casebook_render_set_source (cr, &self->theme.grid, 0.6);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, 0, floor (r->top) + 0.5);
      cairo_line_to (cr, self->width, floor (r->top) + 0.5);
      cairo_stroke (cr);
    }

  /* The sector: its colour, its name and what the row holds. */
  name = _casebook_render_text (context, &self->theme, casebook_text_get (row->sector->name, self->lang),
                                self->f, PANGO_WEIGHT_BOLD);
  pango_layout_set_width (name, (int) ((self->name_w - text_x) * PANGO_SCALE));
  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
  subtitle = _casebook_render_text (context, &self->theme, r->subtitle, self->tiny, PANGO_WEIGHT_NORMAL);
  pango_layout_set_width (subtitle, (int) ((self->name_w - text_x) * PANGO_SCALE));
  pango_layout_set_ellipsize (subtitle, PANGO_ELLIPSIZE_END);
  _casebook_render_text_size (name, &nw, &nh);
  _casebook_render_text_size (subtitle, &sw, &sh);

  if (self->narrow)
    {
      /* Name and subtitle on one line above the row. */
      double sub_x = text_x + nw + round (self->f * 0.6);

      ny = round (r->top + (self->name_h - nh) / 2 + 2);
      pango_layout_set_width (subtitle, (int) (MAX (self->width - sub_x, 1) * PANGO_SCALE));
      _casebook_render_rounded_rect (cr, self->pad, ny + (nh - chip) / 2, chip, chip, chip * 0.3);
      _casebook_render_set_source (cr, &r->color, 1);
      cairo_fill (cr);
      _casebook_render_set_source (cr, &self->theme.foreground, 1);
      _casebook_render_show (cr, name, text_x, ny);
      _casebook_render_set_source (cr, &self->theme.dim_foreground, 1);
      if (sub_x < self->width - self->f * 2)
        _casebook_render_show (cr, subtitle, sub_x, round (ny + (nh - sh) / 2 + 1));
    }
  else
    {
      ny = round (r->top + (self->row_h - nh - sh) / 2);
      _casebook_render_rounded_rect (cr, self->pad, ny + (nh - chip) / 2, chip, chip, chip * 0.3);
      _casebook_render_set_source (cr, &r->color, 1);
      cairo_fill (cr);
      _casebook_render_set_source (cr, &self->theme.foreground, 1);
      _casebook_render_show (cr, name, text_x, ny);
      _casebook_render_set_source (cr, &self->theme.dim_foreground, 1);
      _casebook_render_show (cr, subtitle, text_x, ny + nh);
    }

  /* The report's range behind everything else. */
  if (!isnan (r->range_x0) && r->range_tick)
    draw_tick (cr, self, r->range_x0, r->cy, &r->color);
  else if (!isnan (r->range_x0))
    draw_band (cr, self, r->range_x0, r->range_x1, r->cy, &r->color);

  if (r->aggregated)
    {
      /* A density strip: each bin's height and strength grow with the
       * square root of its count, so that sparse bins stay visible. Bins
       * are filled in four strengths, one path each. */
      double max_h = self->row_h * 0.55;

      for (guint level = 0; level < 4; level++)
        {
          gboolean any = FALSE;

          for (guint b = 0; b < r->n_bins; b++)
            {
              double share, h;

              if (r->bins[b] == 0)
                continue;

              share = sqrt ((double) r->bins[b] / r->max_bin);
              if (MIN ((guint) (share * 4), 3) != level)
                continue;

              h = MAX (2, share * max_h);
              cairo_rectangle (cr, self->x0 + b * BIN_WIDTH - BIN_WIDTH / 2, r->cy - h / 2, BIN_WIDTH, h);
              any = TRUE;
            }

          if (any)
            {
              _casebook_render_set_source (cr, &r->color, 0.4 + 0.2 * level);
              cairo_fill (cr);
            }
        }
    }
  else
    {
      /* Dumbbells first, so that the dots sit on their ends. */
      for (guint i = row->first; i < row->first + row->n_points; i++)
        {
          const CasebookStatsPoint *point = casebook_stats_get_point (self->stats, i);
          double bx;

          if (isnan (self->px[i]) || isnan (point->baseline))
            continue;

          bx = _casebook_compare_layout_value_to_x (self, point->panel, point->baseline);
          if (!isfinite (bx))
            continue;

          _casebook_render_set_source (cr, &r->color, 0.55);
          cairo_set_line_width (cr, 2.5);
          cairo_move_to (cr, bx, self->py[i]);
          cairo_line_to (cr, self->px[i], self->py[i]);
          cairo_stroke (cr);
          draw_hollow (cr, bx, self->py[i], self->radius, &r->color, &self->background);
        }

      for (guint i = row->first; i < row->first + row->n_points; i++)
        {
          double radius = self->radius;

          if (isnan (self->px[i]))
            continue;

          if (highlight != NULL && highlight->hover == (int) i)
            radius += 1.5;
          draw_dot (cr, self->px[i], self->py[i], radius, &r->color, &self->background);
        }

      _casebook_render_set_source (cr, &self->theme.dim_foreground, 1);
      for (guint i = row->first; i < row->first + row->n_points; i++)
        {
          g_autoptr(PangoLayout) label = NULL;

          if (isnan (self->lx[i]))
            continue;

          label = _casebook_compare_label_layout (self, context, self->labels[i]);
          _casebook_render_show (cr, label, self->lx[i], self->ly[i]);
        }
    }

  /* The mean of one value is that value; a bar over its dot would only
   * hide it. */
  if (row->n_points > 1)
    {
      double mx = _casebook_compare_layout_value_to_x (self, (guint) (p - self->panels), row->mean);

      if (isfinite (mx))
        draw_mean (cr, mx, r->cy, round (self->f * 0.8), &self->theme.foreground, &self->background);
    }

  /* The keyboard focus: a ring in the accent colour. */
  if (highlight != NULL && highlight->focus >= 0 && (guint) highlight->focus >= row->first &&
      (guint) highlight->focus < row->first + row->n_points && !isnan (self->px[highlight->focus]))
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, self->px[highlight->focus], self->py[highlight->focus], self->radius + 3.5, 0, 2 * G_PI);
      _casebook_render_set_source (cr, &self->theme.accent, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
}

/**
 * casebook_render_compare_layout:
 * @cr: where to draw, with the origin at the top left of the chart
 * @layout: the layout, from casebook_compare_layout_new()
 * @highlight: (nullable): hover, focus and a sector to bring forward
 *
 * Draws the chart as @layout placed it. Draws a "no data" message when
 * there are no numbers. Nothing that is not a finite number is drawn.
 */
void
casebook_render_compare_layout (cairo_t                        *cr,
                                CasebookCompareLayout          *layout,
                                const CasebookCompareHighlight *highlight)
{
  g_autoptr(CasebookRenderContext) context = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  context = _casebook_render_context_new (cr, layout->lang);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, layout->width, MAX (layout->height, 1));
  cairo_clip (cr);

  if (layout->empty)
    {
      g_autofree char *body = NULL;

      const char *name = layout->stats != NULL
        ? casebook_text_get (casebook_stats_get_name (layout->stats), layout->lang) : NULL;

      if (name != NULL)
        /* Translators: %s is a metric family, e.g. "Availability" */
        body = g_strdup_printf (L_ (layout->lang, "No case in view gives a number for “%s”."), name);
      else
        body = g_strdup (L_ (layout->lang, "Choose a metric family to compare."));

      _casebook_render_no_data (cr, context, &layout->theme, layout->width, layout->height,
                                L_ (layout->lang, "No data"), body);
      cairo_restore (cr);
      return;
    }

  draw_legend (cr, context, layout);

  for (guint p = 0; p < layout->n_panels; p++)
    {
      const CasebookStatsPanel *panel = casebook_stats_get_panel (layout->stats, p);
      const PanelLayout *pl = &layout->panels[p];

      draw_axis (cr, context, layout, panel, pl);
      for (guint r = 0; r < panel->n_rows; r++)
        draw_row (cr, context, layout, panel, pl, r, highlight);
    }

  cairo_restore (cr);
}

/**
 * casebook_render_compare_height_for_width:
 * @stats: (nullable): the numbers
 *
 * Returns: the height the chart needs at @width
 */
double
casebook_render_compare_height_for_width (CasebookStats             *stats,
                                          double                     width,
                                          CasebookLang               lang,
                                          const CasebookRenderTheme *theme)
{
  g_autoptr(CasebookCompareLayout) layout = NULL;

  g_return_val_if_fail (theme != NULL, 0);

  layout = casebook_compare_layout_new (stats, width, lang, theme, NULL);
  return casebook_compare_layout_get_height (layout);
}

/**
 * casebook_render_compare:
 * @cr: where to draw, with the origin at the top left of the chart
 * @width: the width to draw at
 * @height: the height available; casebook_render_compare_height_for_width()
 *   says how much is needed
 * @stats: (nullable): the numbers of one metric family
 * @lang: the language of the texts
 * @theme: colours and font
 *
 * Draws the Compare chart of @stats: a row per sector with the cases'
 * values, the mean and the report's range.
 */
void
casebook_render_compare (cairo_t                   *cr,
                         double                     width,
                         double                     height,
                         CasebookStats             *stats,
                         CasebookLang               lang,
                         const CasebookRenderTheme *theme)
{
  g_autoptr(CasebookCompareLayout) layout = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (theme != NULL);

  if (width <= 0 || height <= 0)
    return;

  layout = casebook_compare_layout_new (stats, width, lang, theme, NULL);
  /* "No data" sits in the middle of whatever room there is. */
  layout->height = layout->empty ? height : MIN (layout->height, height);
  casebook_render_compare_layout (cr, layout, NULL);
}
