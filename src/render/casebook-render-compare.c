/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include <math.h>
#include <string.h>

#include "casebook-format.h"
#include "casebook-l10n.h"
#include "casebook-render-chart.h"
#include "casebook-render-compare-private.h"

/* The Compare chart: for one metric family, a row per sector with every
 * case's value as a labelled dot, the sector's mean as a bar across the
 * row, and the report's range (section 6.3) as a band behind them. A value
 * with a stated baseline is a dumbbell, before (hollow) to after (filled).
 * Families whose units do not convert get one panel per unit, each with
 * its own axis.
 *
 * The layout (where every mark goes) is computed once per size and kept by
 * the widget, so that drawing, hit-testing and keyboard focus agree, and
 * a redraw only strokes what the layout decided. A row with more values
 * than there is room for dots is drawn as a density strip of 2-pixel bins
 * instead, so that even 100,000 cases draw within a frame.
 *
 * Plain cairo and pango, so the same drawing serves the widget, print, PDF,
 * SVG and PNG. Sizes derive from the theme's font size. */

#define MAX_TICKS 32
#define BIN_WIDTH 2.0
#define N_LANES 3

typedef struct
{
  double               top;
  double               cy;
  CasebookRenderColor  color;
  gboolean             aggregated;
  guint                n_bins;
  guint               *bins;
  guint                max_bin;
  char                *subtitle;
} RowLayout;

typedef struct
{
  double     top;
  double     axis_top;
  double     rows_top;
  double     bottom;
  double     lo;
  double     hi;
  guint      n_ticks;
  double     ticks[MAX_TICKS];
  gboolean   labelled[MAX_TICKS];
  double     emphasis;
  char      *caption;
  char      *direction;
  RowLayout *rows;
} PanelLayout;

struct _CasebookCompareLayout
{
  CasebookStats        *stats;
  CasebookRenderTheme   theme;
  char                 *font_family;
  CasebookRenderColor   background;
  gboolean              dark;
  CasebookLang          lang;

  double                width;
  double                height;
  double                f;
  double                small;
  double                tiny;
  double                radius;
  double                row_h;
  double                pad;
  double                name_w;
  double                x0;
  double                x1;
  double                legend_h;
  double                legend_x[5];
  double                legend_y[5];
  gboolean              legend_shown[5];
  guint                 max_dots;
  gboolean              has_density;
  gboolean              narrow;
  double                name_h;
  gboolean              has_baseline;
  gboolean              has_range;
  gboolean              empty;

  guint                 n_panels;
  PanelLayout          *panels;

  /* Per point: the dot's centre and its label's origin; NAN when the
   * point is not drawn as a dot (its row is a density strip), or has no
   * label (no room). */
  double               *px;
  double               *py;
  double               *lx;
  double               *ly;
};

/**
 * casebook_render_compare_scale_caption:
 * @panel: a panel of a #CasebookStats
 *
 * Returns: (transfer full): what the panel's axis measures, such as
 *   "Change from before, %"
 */
char *
casebook_render_compare_scale_caption (const CasebookStatsPanel *panel,
                                       CasebookLang              lang)
{
  g_return_val_if_fail (panel != NULL, NULL);

  switch (panel->scale)
    {
    case CASEBOOK_SCALE_LEVEL:
      /* xgettext:no-c-format */
      return g_strdup (L_ (lang, "Level reached, %"));
    case CASEBOOK_SCALE_NINES:
      return g_strdup (L_ (lang, "Availability in nines, with the downtime it allows per year"));
    case CASEBOOK_SCALE_CHANGE:
      /* xgettext:no-c-format */
      return g_strdup (L_ (lang, "Change from before, %"));
    case CASEBOOK_SCALE_MULTIPLE:
      if (panel->converted)
        /* xgettext:no-c-format */
        return g_strdup (L_ (lang, "Multiple of before, log scale (a change of +50% shows as 1.5×)"));
      return g_strdup (L_ (lang, "Multiple of before, log scale"));
    case CASEBOOK_SCALE_NUMBER:
    default:
      return g_strdup (L_ (lang, "Value"));
    }
}

static char *
direction_text (CasebookCompareLayout    *self,
                const CasebookStatsPanel *panel)
{
  switch (panel->better)
    {
    case CASEBOOK_BETTER_HIGHER:
      /* Translators: under a chart's axis, pointing to its better end */
      return g_strdup (L_ (self->lang, "higher is better →"));
    case CASEBOOK_BETTER_LOWER:
      /* Translators: under a chart's axis, pointing to its better end */
      return g_strdup (L_ (self->lang, "← lower is better"));
    case CASEBOOK_BETTER_NONE:
    default:
      return g_strdup (L_ (self->lang, "the outcomes differ on which way is better"));
    }
}

static char *
row_subtitle (CasebookCompareLayout    *self,
              const CasebookStatsPanel *panel,
              const CasebookStatsRow   *row)
{
  g_autofree char *mean = NULL;
  g_autofree char *count = NULL;

  if (row->n_points == 0)
    return g_strdup (L_ (self->lang, "report range only"));

  /* The window's words for a count of values, so both say the same. */
  mean = casebook_format_value_for_scale (panel->scale, panel->unit, row->mean, self->lang);
  count = g_strdup_printf (LN_ (self->lang, "%u value", "%u values", row->n_points), row->n_points);
  if (row->n_points == 1)
    /* Translators: a sector's row of a chart: how many values it has and the one value, e.g. "1 value · 80%" */
    return g_strdup_printf (L_ (self->lang, "%s · %s"), count, mean);

  /* A geometric mean for multiples, which is what their log axis shows. */
  return g_strdup_printf (
    /* Translators: a sector's row of a chart: how many values it has and their mean, e.g. "5 values · mean 80%" */
    L_ (self->lang, "%s · mean %s"), count, mean);
}

static char *
tick_label (CasebookScale scale,
            CasebookUnit  unit,
            double        axis,
            CasebookLang  lang)
{
  double value = casebook_scale_from_axis (scale, axis);

  switch (scale)
    {
    case CASEBOOK_SCALE_MULTIPLE:
      /* Three significant digits at most: 0.5×, 1.2×, 20×. */
      value = round (value * 100) / 100;
      return casebook_format_value (value, CASEBOOK_UNIT_TIMES, lang);
    case CASEBOOK_SCALE_NINES:
      return casebook_format_value (value, CASEBOOK_UNIT_PERCENT, lang);
    case CASEBOOK_SCALE_LEVEL:
    case CASEBOOK_SCALE_CHANGE:
    case CASEBOOK_SCALE_NUMBER:
    default:
      if (fabs (value) < 1e-9)
        value = 0;
      return casebook_format_value (value, unit, lang);
    }
}

static double
nice_step (double raw)
{
  double exponent = floor (log10 (raw));
  double fraction = raw / pow (10, exponent);
  double nice;

  if (fraction <= 1)
    nice = 1;
  else if (fraction <= 2)
    nice = 2;
  else if (fraction <= 2.5)
    nice = 2.5;
  else if (fraction <= 5)
    nice = 5;
  else
    nice = 10;

  return nice * pow (10, exponent);
}

static void
add_tick (PanelLayout *p,
          double       axis)
{
  if (p->n_ticks < MAX_TICKS)
    p->ticks[p->n_ticks++] = axis;
}

static void
linear_axis (PanelLayout *p,
             double       lo,
             double       hi,
             int          max_ticks)
{
  double step;

  if (hi - lo < 1e-9)
    {
      double pad = MAX (fabs (lo) * 0.1, 1);

      lo -= pad;
      hi += pad;
    }

  step = nice_step ((hi - lo) / max_ticks);
  p->lo = floor (lo / step + 1e-9) * step;
  p->hi = ceil (hi / step - 1e-9) * step;

  for (int i = 0; p->lo + i * step <= p->hi + step * 1e-6 && i < MAX_TICKS; i++)
    add_tick (p, round ((p->lo + i * step) / step) * step);
}

static void
log_axis (PanelLayout *p,
          double       lo,
          double       hi,
          int          max_ticks)
{
  static const double coarse[] = { 1, 2, 5 };
  static const double fine[] = { 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 };
  double a = log10 (MIN (lo, 1));
  double b = log10 (MAX (hi, 1));
  const double *mantissas;
  guint n_mantissas;
  double first = -G_MAXDOUBLE, last = G_MAXDOUBLE;

  if (b - a < 1e-9)
    b = a + log10 (2);

  if (b - a >= 0.9)
    {
      mantissas = coarse;
      n_mantissas = G_N_ELEMENTS (coarse);
    }
  else
    {
      mantissas = fine;
      n_mantissas = G_N_ELEMENTS (fine);
    }

  /* The axis runs from the nearest candidate tick at or below the
   * smallest value to the nearest at or above the largest. */
  for (int k = (int) floor (a) - 1; k <= (int) ceil (b) + 1; k++)
    for (guint m = 0; m < n_mantissas; m++)
      {
        double t = k + log10 (mantissas[m]);

        if (t <= a + 1e-9)
          first = MAX (first, t);
        if (t >= b - 1e-9)
          last = MIN (last, t);
      }

  p->lo = first;
  p->hi = last;

  for (int k = (int) floor (first) - 1; k <= (int) ceil (last) + 1; k++)
    for (guint m = 0; m < n_mantissas; m++)
      {
        double t = k + log10 (mantissas[m]);

        if (t >= first - 1e-9 && t <= last + 1e-9)
          add_tick (p, t);
      }

  /* Too many for the width: decades only (labels thin out later too). */
  if ((int) p->n_ticks > max_ticks * 2 && mantissas == coarse)
    {
      p->n_ticks = 0;
      for (int k = (int) ceil (first - 1e-9); k <= (int) floor (last + 1e-9); k++)
        add_tick (p, k);
    }
}

static void
nines_axis (PanelLayout *p,
            double       lo,
            double       hi)
{
  double a = casebook_availability_nines (lo);
  double b = casebook_availability_nines (hi);

  /* One nine of room on each side, so a value never sits on the frame
   * and the reader sees the neighbouring steps. */
  p->lo = MAX (0, floor (a + 1e-9) - 1);
  p->hi = MIN (CASEBOOK_NINES_MAX, ceil (b - 1e-9) + 1);
  if (p->hi - p->lo < 2)
    {
      if (p->lo > 0)
        p->lo = MAX (0, p->hi - 2);
      else
        p->hi = MIN (CASEBOOK_NINES_MAX, p->lo + 2);
    }

  for (int k = (int) p->lo; k <= (int) p->hi; k++)
    add_tick (p, k);
}

static double
axis_x (CasebookCompareLayout *self,
        const PanelLayout     *p,
        double                 axis)
{
  if (p->hi - p->lo <= 0)
    return (self->x0 + self->x1) / 2;

  return self->x0 + (axis - p->lo) / (p->hi - p->lo) * (self->x1 - self->x0);
}

static void
compute_axis (CasebookCompareLayout    *self,
              PangoContext             *context,
              const CasebookStatsPanel *panel,
              PanelLayout              *p)
{
  int max_ticks = CLAMP ((int) ((self->x1 - self->x0) / (self->f * 4.5)), 2, 10);
  double last_right = -G_MAXDOUBLE;

  p->emphasis = NAN;

  switch (panel->scale)
    {
    case CASEBOOK_SCALE_LEVEL:
      linear_axis (p, MIN (panel->lo, 0), MAX (panel->hi, 100), max_ticks);
      break;
    case CASEBOOK_SCALE_CHANGE:
      linear_axis (p, MIN (panel->lo, 0), MAX (panel->hi, 0), max_ticks);
      p->emphasis = 0;
      break;
    case CASEBOOK_SCALE_MULTIPLE:
      log_axis (p, panel->lo, panel->hi, max_ticks);
      p->emphasis = 0;
      break;
    case CASEBOOK_SCALE_NINES:
      nines_axis (p, panel->lo, panel->hi);
      break;
    case CASEBOOK_SCALE_NUMBER:
    default:
      linear_axis (p, panel->lo, panel->hi, max_ticks);
      break;
    }

  /* Labels that would touch their neighbour are left out; the grid line
   * stays. */
  for (guint i = 0; i < p->n_ticks; i++)
    {
      g_autofree char *label = tick_label (panel->scale, panel->unit, p->ticks[i], self->lang);
      double w = _casebook_render_text_width (context, &self->theme, label, self->small, PANGO_WEIGHT_NORMAL);
      double x = axis_x (self, p, p->ticks[i]);

      if (panel->scale == CASEBOOK_SCALE_NINES)
        {
          g_autofree char *downtime = casebook_format_downtime (
            casebook_availability_downtime (casebook_scale_from_axis (panel->scale, p->ticks[i])), self->lang);

          w = MAX (w, _casebook_render_text_width (context, &self->theme, downtime, self->tiny, PANGO_WEIGHT_NORMAL));
        }

      p->labelled[i] = x - w / 2 >= last_right + self->f * 0.6;
      if (p->labelled[i])
        last_right = x + w / 2;
    }
}

/* Dots side by side that would overlap move to a lane just below or above
 * the row's centre line; labels go above a dot (below one in the lower
 * lane) where they fit without touching another. */
static void
place_dots (CasebookCompareLayout    *self,
            PangoContext             *context,
            const CasebookStatsPanel *panel,
            const CasebookStatsRow   *row,
            const PanelLayout        *p,
            const RowLayout          *r)
{
  static const int lanes[N_LANES] = { 0, 1, -1 };
  double lane_end[N_LANES];
  double label_end[2] = { -G_MAXDOUBLE, -G_MAXDOUBLE };
  double lane_step = round (self->radius * 1.5);

  for (guint l = 0; l < N_LANES; l++)
    lane_end[l] = -G_MAXDOUBLE;

  for (guint i = row->first; i < row->first + row->n_points; i++)
    {
      const CasebookStatsPoint *point = casebook_stats_get_point (self->stats, i);
      double x = axis_x (self, p, casebook_scale_to_axis (panel->scale, point->value));
      guint lane = 0;
      gboolean placed = FALSE;
      g_autoptr(PangoLayout) label = NULL;
      double w, h, side_end;
      int side;

      if (!isfinite (x))
        continue;

      for (guint l = 0; l < N_LANES && !placed; l++)
        if (lane_end[l] + 1 <= x - self->radius)
          {
            lane = l;
            placed = TRUE;
          }
      if (!placed)
        for (guint l = 1; l < N_LANES; l++)
          if (lane_end[l] < lane_end[lane])
            lane = l;

      lane_end[lane] = x + self->radius;
      self->px[i] = x;
      self->py[i] = r->cy + lanes[lane] * lane_step;

      label = _casebook_render_text (context, &self->theme, point->label, self->tiny, PANGO_WEIGHT_NORMAL);
      _casebook_render_text_size (label, &w, &h);
      side = lanes[lane] > 0 ? 1 : 0;
      side_end = label_end[side];

      if (x - w / 2 >= side_end + self->tiny * 0.4)
        {
          self->lx[i] = round (CLAMP (x - w / 2, 0, self->width - w));
          self->ly[i] = side == 0 ? round (self->py[i] - self->radius - 1 - h)
                                  : round (self->py[i] + self->radius + 1);
          label_end[side] = x + w / 2;
        }
    }
}

static void
bin_row (CasebookCompareLayout    *self,
         const CasebookStatsPanel *panel,
         const CasebookStatsRow   *row,
         const PanelLayout        *p,
         RowLayout                *r)
{
  double span = p->hi - p->lo;

  r->aggregated = TRUE;
  r->n_bins = (guint) ceil ((self->x1 - self->x0) / BIN_WIDTH) + 1;
  r->bins = g_new0 (guint, r->n_bins);

  for (guint i = row->first; i < row->first + row->n_points; i++)
    {
      const CasebookStatsPoint *point = casebook_stats_get_point (self->stats, i);
      double a = casebook_scale_to_axis (panel->scale, point->value);
      double bx;
      guint bin;

      if (!isfinite (a) || span <= 0)
        continue;

      bx = (a - p->lo) / span * (self->x1 - self->x0) / BIN_WIDTH;
      bin = (guint) CLAMP (bx, 0, r->n_bins - 1);
      r->bins[bin]++;
      r->max_bin = MAX (r->max_bin, r->bins[bin]);
    }
}

/* The legend: a case, the mean, and, when the chart has them, the
 * report's range and before → after; on as many lines as the width
 * needs. */
static const char *
legend_text (CasebookCompareLayout *self,
             guint                  item)
{
  switch (item)
    {
    case 0:
      return L_ (self->lang, "Case");
    case 1:
      return L_ (self->lang, "Sector mean");
    case 2:
      return L_ (self->lang, "Report range (section 6.3)");
    case 3:
      /* Translators: the legend of a mark from a value before to the value after */
      return L_ (self->lang, "Before → after");
    case 4:
    default:
      return L_ (self->lang, "Dense rows: the taller, the more values");
    }
}

static double
legend_key_width (CasebookCompareLayout *self,
                  guint                  item)
{
  switch (item)
    {
    case 2:
      return round (self->f * 1.6);
    case 3:
      return round (self->f * 2.2);
    case 4:
      return round (self->f * 1.6);
    case 0:
    case 1:
    default:
      return self->radius * 2;
    }
}

static void
layout_legend (CasebookCompareLayout *self,
               PangoContext          *context)
{
  double line_h = round (self->f * 1.8);
  double gap = round (self->f * 1.4);
  double x = self->pad;
  double y = 0;

  self->legend_shown[0] = TRUE;
  self->legend_shown[1] = TRUE;
  self->legend_shown[2] = self->has_range;
  self->legend_shown[3] = self->has_baseline;
  self->legend_shown[4] = self->has_density;

  for (guint i = 0; i < G_N_ELEMENTS (self->legend_shown); i++)
    {
      double w;

      if (!self->legend_shown[i])
        continue;

      w = legend_key_width (self, i) + round (self->f * 0.45) +
          _casebook_render_text_width (context, &self->theme, legend_text (self, i), self->small, PANGO_WEIGHT_NORMAL);
      if (x + w > self->width && x > self->pad)
        {
          x = self->pad;
          y += line_h;
        }

      self->legend_x[i] = x;
      self->legend_y[i] = round (y + line_h * 0.45);
      x += w + gap;
    }

  self->legend_h = y + line_h + round (self->f * 0.5);
}

/**
 * casebook_compare_layout_new:
 * @stats: (nullable): the numbers; %NULL or no panels draws "no data"
 * @width: the width to draw at
 * @lang: the language of the texts
 * @theme: colours and font
 * @background: (nullable): the colour behind the chart, or %NULL for
 *   libadwaita's view background that suits @theme
 *
 * Decides where everything of the chart goes at @width.
 *
 * Returns: (transfer full): the layout
 */
CasebookCompareLayout *
casebook_compare_layout_new (CasebookStats             *stats,
                             double                     width,
                             CasebookLang               lang,
                             const CasebookRenderTheme *theme,
                             const CasebookRenderColor *background)
{
  CasebookCompareLayout *self;
  g_autoptr(CasebookRenderContext) context = NULL;
  guint n_points;
  double name_w = 0;
  double y;

  g_return_val_if_fail (stats == NULL || CASEBOOK_IS_STATS (stats), NULL);
  g_return_val_if_fail (theme != NULL, NULL);

  self = g_new0 (CasebookCompareLayout, 1);
  self->stats = stats != NULL ? g_object_ref (stats) : NULL;
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
  self->tiny = round (self->f * 0.77);
  self->radius = MAX (3.5, round (self->f * 0.72) / 2);
  /* Below about 30 ems the sector names go above their rows, so that the
   * values keep most of the width on a phone. */
  self->narrow = self->width < self->f * 30;
  self->name_h = self->narrow ? round (self->f * 1.5) : 0;
  self->row_h = self->narrow ? self->name_h + round (self->f * 2.5) : round (self->f * 3.2);
  self->pad = round (self->f * 0.5);

  if (stats == NULL || casebook_stats_get_n_panels (stats) == 0)
    {
      self->empty = TRUE;
      self->height = round (self->f * 11);
      return self;
    }

  context = _casebook_render_context_new (NULL, lang);
  n_points = casebook_stats_get_n_points (stats);
  self->n_panels = casebook_stats_get_n_panels (stats);
  self->panels = g_new0 (PanelLayout, self->n_panels);
  self->px = g_new (double, MAX (n_points, 1));
  self->py = g_new (double, MAX (n_points, 1));
  self->lx = g_new (double, MAX (n_points, 1));
  self->ly = g_new (double, MAX (n_points, 1));
  for (guint i = 0; i < n_points; i++)
    self->px[i] = self->py[i] = self->lx[i] = self->ly[i] = NAN;

  for (guint i = 0; i < n_points; i++)
    if (!isnan (casebook_stats_get_point (stats, i)->baseline))
      {
        self->has_baseline = TRUE;
        break;
      }

  /* The name column takes what the sector names and their subtitles need,
   * but never more than about a third of the width. */
  for (guint p = 0; p < self->n_panels; p++)
    {
      const CasebookStatsPanel *panel = casebook_stats_get_panel (stats, p);
      PanelLayout *pl = &self->panels[p];

      pl->rows = g_new0 (RowLayout, MAX (panel->n_rows, 1));
      pl->caption = casebook_render_compare_scale_caption (panel, lang);
      pl->direction = direction_text (self, panel);

      for (guint r = 0; r < panel->n_rows; r++)
        {
          const CasebookStatsRow *row = &panel->rows[r];
          RowLayout *rl = &pl->rows[r];

          rl->subtitle = row_subtitle (self, panel, row);
          _casebook_render_sector_color (row->sector->color, self->dark, &rl->color);
          if (row->range != NULL)
            self->has_range = TRUE;

          name_w = MAX (name_w, _casebook_render_text_width (context, &self->theme,
                                                             casebook_text_get (row->sector->name, lang),
                                                             self->f, PANGO_WEIGHT_BOLD));
          name_w = MAX (name_w, _casebook_render_text_width (context, &self->theme, rl->subtitle,
                                                             self->tiny, PANGO_WEIGHT_NORMAL));
        }
    }

  if (self->narrow)
    {
      self->name_w = self->width;
      self->x0 = round (self->f * 1.6);
    }
  else
    {
      self->name_w = CLAMP (ceil (self->pad + name_w + round (self->f * 2)), self->f * 6, floor (self->width * 0.36));
      self->x0 = self->name_w + round (self->f * 1.6);
    }
  self->x1 = self->width - round (self->f * 1.4);
  if (self->x1 - self->x0 < self->f * 6)
    self->x1 = self->x0 + self->f * 6;

  /* A row with more values than fit as dots side by side becomes a
   * density strip. */
  self->max_dots = (guint) ((self->x1 - self->x0) / (self->radius * 1.4));
  for (guint p = 0; p < self->n_panels; p++)
    for (guint r = 0; r < casebook_stats_get_panel (stats, p)->n_rows; r++)
      self->has_density |= casebook_stats_get_panel (stats, p)->rows[r].n_points > self->max_dots;

  layout_legend (self, context);
  y = self->legend_h;

  for (guint p = 0; p < self->n_panels; p++)
    {
      const CasebookStatsPanel *panel = casebook_stats_get_panel (stats, p);
      PanelLayout *pl = &self->panels[p];
      double axis_h = panel->scale == CASEBOOK_SCALE_NINES ? round (self->f * 2.7) : round (self->f * 1.6);

      pl->top = y;
      pl->axis_top = y + round (self->f * 1.9);
      pl->rows_top = pl->axis_top + axis_h + round (self->f * 0.2);
      pl->bottom = pl->rows_top + panel->n_rows * self->row_h;

      compute_axis (self, context, panel, pl);

      for (guint r = 0; r < panel->n_rows; r++)
        {
          const CasebookStatsRow *row = &panel->rows[r];
          RowLayout *rl = &pl->rows[r];

          rl->top = pl->rows_top + r * self->row_h;
          rl->cy = self->narrow ? round (rl->top + self->name_h + (self->row_h - self->name_h) * 0.55)
                                : round (rl->top + self->row_h * 0.6);

          if (row->n_points > self->max_dots)
            bin_row (self, panel, row, pl, rl);
          else
            place_dots (self, context, panel, row, pl, rl);
        }

      y = pl->bottom + round (self->f * 1.5);
    }

  self->height = y - round (self->f * 1.5) + round (self->f * 0.5);

  return self;
}

void
casebook_compare_layout_free (CasebookCompareLayout *self)
{
  if (self == NULL)
    return;

  for (guint p = 0; p < self->n_panels; p++)
    {
      const CasebookStatsPanel *panel = casebook_stats_get_panel (self->stats, p);

      for (guint r = 0; r < panel->n_rows; r++)
        {
          g_free (self->panels[p].rows[r].bins);
          g_free (self->panels[p].rows[r].subtitle);
        }
      g_free (self->panels[p].rows);
      g_free (self->panels[p].caption);
      g_free (self->panels[p].direction);
    }

  g_free (self->panels);
  g_free (self->px);
  g_free (self->py);
  g_free (self->lx);
  g_free (self->ly);
  g_free (self->font_family);
  g_clear_object (&self->stats);
  g_free (self);
}

/**
 * casebook_compare_layout_get_height:
 *
 * Returns: the height the chart needs at its width
 */
double
casebook_compare_layout_get_height (CasebookCompareLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return ceil (self->height);
}

double
_casebook_compare_layout_get_width (CasebookCompareLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->width;
}

/**
 * _casebook_compare_layout_is_empty:
 *
 * Returns: %TRUE when the chart shows the "no data" message
 */
gboolean
_casebook_compare_layout_is_empty (CasebookCompareLayout *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->empty;
}

/**
 * _casebook_compare_layout_get_axis:
 * @panel: a panel
 * @axis: (out caller-allocates): the panel's axis
 *
 * The mapping from values to positions, so that callers (and tests) know
 * where a value is drawn.
 *
 * Returns: %FALSE if there is no such panel
 */
gboolean
_casebook_compare_layout_get_axis (CasebookCompareLayout *self,
                                   guint                  panel,
                                   CasebookCompareAxis   *axis)
{
  const PanelLayout *p;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (axis != NULL, FALSE);

  if (panel >= self->n_panels)
    return FALSE;

  p = &self->panels[panel];
  axis->scale = casebook_stats_get_panel (self->stats, panel)->scale;
  axis->x0 = self->x0;
  axis->x1 = self->x1;
  axis->lo = p->lo;
  axis->hi = p->hi;
  axis->top = p->rows_top;
  axis->bottom = p->bottom;

  return TRUE;
}

/**
 * _casebook_compare_layout_value_to_x:
 * @panel: a panel
 * @value: a value in the panel's unit
 *
 * Returns: where @value is drawn, or NAN when the scale cannot show it
 */
double
_casebook_compare_layout_value_to_x (CasebookCompareLayout *self,
                                     guint                  panel,
                                     double                 value)
{
  double axis;

  g_return_val_if_fail (self != NULL, NAN);

  if (panel >= self->n_panels)
    return NAN;

  axis = casebook_scale_to_axis (casebook_stats_get_panel (self->stats, panel)->scale, value);
  if (!isfinite (axis))
    return NAN;

  return axis_x (self, &self->panels[panel], axis);
}

/**
 * _casebook_compare_layout_get_row_y:
 * @top: (out) (optional): the top of the row
 * @centre: (out) (optional): the line the row's marks sit on
 * @bottom: (out) (optional): the bottom of the row
 *
 * Returns: %FALSE if there is no such row
 */
gboolean
_casebook_compare_layout_get_row_y (CasebookCompareLayout *self,
                                    guint                  panel,
                                    guint                  row,
                                    double                *top,
                                    double                *centre,
                                    double                *bottom)
{
  const RowLayout *r;

  g_return_val_if_fail (self != NULL, FALSE);

  if (panel >= self->n_panels || row >= casebook_stats_get_panel (self->stats, panel)->n_rows)
    return FALSE;

  r = &self->panels[panel].rows[row];
  if (top != NULL)
    *top = r->top;
  if (centre != NULL)
    *centre = r->cy;
  if (bottom != NULL)
    *bottom = r->top + self->row_h;

  return TRUE;
}

/**
 * casebook_compare_layout_get_mark:
 * @point: a point of the stats
 * @x: (out) (optional): the centre of its dot
 * @y: (out) (optional): the centre of its dot
 * @radius: (out) (optional): the radius of its dot
 *
 * Returns: %TRUE if the point is drawn as a dot of its own (not when its
 *   row is a density strip)
 */
gboolean
casebook_compare_layout_get_mark (CasebookCompareLayout *self,
                                  guint                  point,
                                  double                *x,
                                  double                *y,
                                  double                *radius)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->empty || point >= casebook_stats_get_n_points (self->stats) || isnan (self->px[point]))
    return FALSE;

  if (x != NULL)
    *x = self->px[point];
  if (y != NULL)
    *y = self->py[point];
  if (radius != NULL)
    *radius = self->radius;

  return TRUE;
}

/**
 * _casebook_compare_layout_is_aggregated:
 *
 * Returns: %TRUE if the row is drawn as a density strip
 */
gboolean
_casebook_compare_layout_is_aggregated (CasebookCompareLayout *self,
                                        guint                  panel,
                                        guint                  row)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (panel >= self->n_panels || row >= casebook_stats_get_panel (self->stats, panel)->n_rows)
    return FALSE;

  return self->panels[panel].rows[row].aggregated;
}

static gboolean
find_row (CasebookCompareLayout *self,
          double                 y,
          guint                 *panel,
          guint                 *row)
{
  for (guint p = 0; p < self->n_panels; p++)
    {
      const PanelLayout *pl = &self->panels[p];

      if (y >= pl->rows_top && y < pl->bottom)
        {
          *panel = p;
          *row = (guint) ((y - pl->rows_top) / self->row_h);
          return *row < casebook_stats_get_panel (self->stats, p)->n_rows;
        }
    }

  return FALSE;
}

/**
 * casebook_compare_layout_hit_test:
 *
 * Returns: the point whose dot is at (@x, @y), give or take a few pixels,
 *   or -1
 */
int
casebook_compare_layout_hit_test (CasebookCompareLayout *self,
                                  double                 x,
                                  double                 y)
{
  const CasebookStatsRow *row;
  double best = G_MAXDOUBLE;
  double reach;
  guint panel, r;
  int found = -1;

  g_return_val_if_fail (self != NULL, -1);

  if (self->empty || !find_row (self, y, &panel, &r))
    return -1;

  row = &casebook_stats_get_panel (self->stats, panel)->rows[r];
  reach = self->radius + 4;

  for (guint i = row->first; i < row->first + row->n_points; i++)
    {
      double dx, dy, d;

      if (isnan (self->px[i]))
        continue;

      dx = self->px[i] - x;
      dy = self->py[i] - y;
      d = dx * dx + dy * dy;
      if (d <= reach * reach && d < best)
        {
          best = d;
          found = (int) i;
        }
    }

  return found;
}

/**
 * casebook_compare_layout_get_bin_at:
 * @bin: (out caller-allocates): the bin
 *
 * Returns: %TRUE if (@x, @y) is over a non-empty bin of a density strip
 */
gboolean
casebook_compare_layout_get_bin_at (CasebookCompareLayout *self,
                                    double                 x,
                                    double                 y,
                                    CasebookCompareBin    *bin)
{
  const CasebookStatsPanel *panel;
  const PanelLayout *pl;
  const RowLayout *rl;
  guint p, r, index;
  double a0, a1;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (bin != NULL, FALSE);

  if (self->empty || !find_row (self, y, &p, &r))
    return FALSE;

  pl = &self->panels[p];
  rl = &pl->rows[r];
  if (!rl->aggregated || x < self->x0 || x > self->x1 + BIN_WIDTH)
    return FALSE;

  index = (guint) MIN ((x - self->x0) / BIN_WIDTH, rl->n_bins - 1);
  if (rl->bins[index] == 0)
    return FALSE;

  panel = casebook_stats_get_panel (self->stats, p);
  a0 = pl->lo + (index * BIN_WIDTH) / (self->x1 - self->x0) * (pl->hi - pl->lo);
  a1 = pl->lo + ((index + 1) * BIN_WIDTH) / (self->x1 - self->x0) * (pl->hi - pl->lo);

  bin->panel = p;
  bin->row = r;
  bin->count = rl->bins[index];
  bin->lo = casebook_scale_from_axis (panel->scale, a0);
  bin->hi = casebook_scale_from_axis (panel->scale, a1);

  return TRUE;
}

/* Drawing ------------------------------------------------------------- */

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
      double key_w = legend_key_width (self, i);
      double w, h;

      if (!self->legend_shown[i])
        continue;

      label = _casebook_render_text (context, &self->theme, legend_text (self, i), self->small, PANGO_WEIGHT_NORMAL);
      _casebook_render_text_size (label, &w, &h);

      switch (i)
        {
        case 0:
          draw_dot (cr, x + r, cy, r, &self->theme.foreground, &self->background);
          break;
        case 1:
          draw_mean (cr, x + key_w / 2, cy, round (self->f * 0.55), &self->theme.foreground, &self->background);
          break;
        case 2:
          draw_band (cr, self, x, x + key_w, cy, &neutral);
          break;
        case 3:
          _casebook_render_set_source (cr, &neutral, 0.6);
          cairo_set_line_width (cr, 2.5);
          cairo_move_to (cr, x + r, cy);
          cairo_line_to (cr, x + key_w - r, cy);
          cairo_stroke (cr);
          draw_hollow (cr, x + r, cy, r, &neutral, &self->background);
          draw_dot (cr, x + key_w - r, cy, r, &self->theme.foreground, &self->background);
          break;
        case 4:
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
      double x = floor (axis_x (self, p, p->ticks[i])) + 0.5;
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
      double x = axis_x (self, p, p->ticks[i]);
      double w, h;

      if (!p->labelled[i])
        continue;

      text = tick_label (panel->scale, panel->unit, p->ticks[i], self->lang);
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
  if (row->range != NULL)
    {
      double xa = _casebook_compare_layout_value_to_x (self, (guint) (p - self->panels), row->range_min);
      double xb = _casebook_compare_layout_value_to_x (self, (guint) (p - self->panels), row->range_max);

      if (isfinite (xa) && isfinite (xb))
        draw_band (cr, self, MIN (xa, xb), MAX (xa, xb), r->cy, &r->color);
    }

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
          const CasebookStatsPoint *point = casebook_stats_get_point (self->stats, i);
          g_autoptr(PangoLayout) label = NULL;

          if (isnan (self->lx[i]))
            continue;

          label = _casebook_render_text (context, &self->theme, point->label, self->tiny, PANGO_WEIGHT_NORMAL);
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
