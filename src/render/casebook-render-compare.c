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

char *
_casebook_compare_tick_label (CasebookScale scale,
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

double
_casebook_compare_axis_x (CasebookCompareLayout *self,
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
      g_autofree char *label = _casebook_compare_tick_label (panel->scale, panel->unit, p->ticks[i], self->lang);
      double w = _casebook_render_text_width (context, &self->theme, label, self->small, PANGO_WEIGHT_NORMAL);
      double x = _casebook_compare_axis_x (self, p, p->ticks[i]);

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

/* A point's label: the short name of its case's organisation, which is
 * what a reader knows a case by ("Large state-owned bank" rather than the
 * report's section 2.1), else its title, else its section or id. */
char *
_casebook_compare_short_name (const CasebookStatsPoint *point,
                              CasebookLang              lang)
{
  const char *name = casebook_text_get (&point->organization, lang);
  static const char * const articles[] = { "A ", "An ", "The " };

  if (name[0] == '\0')
    name = casebook_text_get (&point->title, lang);
  if (name[0] == '\0')
    return g_strdup (point->label);

  /* Every organisation of the report is anonymous, "A large bank",
   * "某大型银行": the article (某, "a certain") says nothing on a chart. */
  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    if (g_str_has_prefix (name, articles[i]) && name[strlen (articles[i])] != '\0')
      {
        const char *rest = name + strlen (articles[i]);
        gunichar first = g_utf8_get_char (rest);
        char upper[8] = { 0 };

        g_unichar_to_utf8 (g_unichar_toupper (first), upper);
        return g_strconcat (upper, g_utf8_next_char (rest), NULL);
      }

  if (g_str_has_prefix (name, "某") && name[strlen ("某")] != '\0')
    return g_strdup (name + strlen ("某"));

  return g_strdup (name);
}

/**
 * _casebook_compare_label_layout:
 * @text: a point's label
 *
 * Returns: (transfer full): the label as drawn, cut short with an
 *   ellipsis past the layout's widest label
 */
PangoLayout *
_casebook_compare_label_layout (CasebookCompareLayout *self,
                                PangoContext          *context,
                                const char            *text)
{
  PangoLayout *label = _casebook_render_text (context, &self->theme, text, self->tiny, PANGO_WEIGHT_NORMAL);

  pango_layout_set_width (label, (int) (self->label_max_w * PANGO_SCALE));
  pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);

  return label;
}

/* Dots side by side that would overlap move to a lane just below or above
 * the row's centre line. Labels go on a line above all the lanes or one
 * below them, both inside the row: a dot in the upper lane (or the centre)
 * tries above first, one in the lower lane below first, and a label that
 * would touch another on both lines is left out (the tooltip still names
 * the case). So two equal values get one label above and one below, and
 * no label reaches into the next row. */
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
  double row_top = r->top + self->name_h;
  double row_bottom = r->top + self->row_h;
  double line_y[2];
  double min_x = self->narrow ? 0 : self->name_w;

  line_y[0] = MAX (row_top + 1, round (r->cy - lane_step - self->radius - 1.5 - self->label_h));
  line_y[1] = MIN (row_bottom - 1 - self->label_h, round (r->cy + lane_step + self->radius + 1.5));

  for (guint l = 0; l < N_LANES; l++)
    lane_end[l] = -G_MAXDOUBLE;

  for (guint i = row->first; i < row->first + row->n_points; i++)
    {
      const CasebookStatsPoint *point = casebook_stats_get_point (self->stats, i);
      double x = _casebook_compare_axis_x (self, p, casebook_scale_to_axis (panel->scale, point->value));
      guint lane = 0;
      gboolean placed = FALSE;
      g_autoptr(PangoLayout) label = NULL;
      double w, h;
      int first_side;

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

      self->labels[i] = _casebook_compare_short_name (point, self->lang);
      label = _casebook_compare_label_layout (self, context, self->labels[i]);
      _casebook_render_text_size (label, &w, &h);
      first_side = lanes[lane] > 0 ? 1 : 0;

      for (int k = 0; k < 2; k++)
        {
          int side = k == 0 ? first_side : 1 - first_side;
          double lx = round (CLAMP (x - w / 2, min_x, self->width - w));

          if (lx >= label_end[side] + self->tiny * 0.4)
            {
              self->lx[i] = lx;
              self->ly[i] = line_y[side];
              self->lw[i] = w;
              label_end[side] = lx + w;
              break;
            }
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
const char *
_casebook_compare_legend_text (CasebookCompareLayout *self,
             guint                  item)
{
  switch (item)
    {
    case LEGEND_CASE:
      return L_ (self->lang, "Case");
    case LEGEND_MEAN:
      return L_ (self->lang, "Sector mean");
    case LEGEND_BAND:
      return L_ (self->lang, "Report range (section 6.3)");
    case LEGEND_TICK:
      /* Translators: the legend of a tick marking the one value the
       * report gives for a sector, where other sectors have a range */
      return L_ (self->lang, "Report value (section 6.3)");
    case LEGEND_BASELINE:
      /* Translators: the legend of a mark from a value before to the value after */
      return L_ (self->lang, "Before → after");
    case LEGEND_DENSITY:
    default:
      return L_ (self->lang, "Dense rows: the taller, the more values");
    }
}

double
_casebook_compare_legend_key_width (CasebookCompareLayout *self,
                  guint                  item)
{
  switch (item)
    {
    case LEGEND_BAND:
      return round (self->f * 1.6);
    case LEGEND_TICK:
      return round (self->f * 0.8);
    case LEGEND_BASELINE:
      return round (self->f * 2.2);
    case LEGEND_DENSITY:
      return round (self->f * 1.6);
    case LEGEND_CASE:
    case LEGEND_MEAN:
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

  /* Bands and ticks each only when the chart draws one. */
  self->legend_shown[LEGEND_CASE] = TRUE;
  self->legend_shown[LEGEND_MEAN] = TRUE;
  self->legend_shown[LEGEND_BAND] = self->has_band;
  self->legend_shown[LEGEND_TICK] = self->has_tick;
  self->legend_shown[LEGEND_BASELINE] = self->has_baseline;
  self->legend_shown[LEGEND_DENSITY] = self->has_density;

  for (guint i = 0; i < G_N_ELEMENTS (self->legend_shown); i++)
    {
      double w;

      if (!self->legend_shown[i])
        continue;

      w = _casebook_compare_legend_key_width (self, i) + round (self->f * 0.45) +
          _casebook_render_text_width (context, &self->theme, _casebook_compare_legend_text (self, i), self->small, PANGO_WEIGHT_NORMAL);
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
  self->pad = round (self->f * 0.5);

  if (stats == NULL || casebook_stats_get_n_panels (stats) == 0)
    {
      self->empty = TRUE;
      self->height = round (self->f * 11);
      return self;
    }

  context = _casebook_render_context_new (NULL, lang);

  /* A row holds a line of labels above its dots' lanes and one below. */
  {
    g_autoptr(PangoLayout) sample = _casebook_render_text (context, &self->theme, "Ag 某", self->tiny,
                                                           PANGO_WEIGHT_NORMAL);
    double sample_w, values_h;

    _casebook_render_text_size (sample, &sample_w, &self->label_h);
    values_h = ceil (2 * (round (self->radius * 1.5) + self->radius + 1.5 + self->label_h + 1));
    self->row_h = self->narrow ? self->name_h + MAX (round (self->f * 2.5), values_h)
                               : MAX (round (self->f * 3.2), values_h);
  }

  n_points = casebook_stats_get_n_points (stats);
  self->n_panels = casebook_stats_get_n_panels (stats);
  self->panels = g_new0 (PanelLayout, self->n_panels);
  self->px = g_new (double, MAX (n_points, 1));
  self->py = g_new (double, MAX (n_points, 1));
  self->lx = g_new (double, MAX (n_points, 1));
  self->ly = g_new (double, MAX (n_points, 1));
  self->lw = g_new (double, MAX (n_points, 1));
  self->labels = g_new0 (char *, MAX (n_points, 1));
  for (guint i = 0; i < n_points; i++)
    self->px[i] = self->py[i] = self->lx[i] = self->ly[i] = self->lw[i] = NAN;

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
          if (row->range != NULL && row->range_min == row->range_max)
            self->has_tick = TRUE;
          else if (row->range != NULL)
            self->has_band = TRUE;

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
  /* Long names end in an ellipsis; the tooltip has the whole title. */
  self->label_max_w = round (MIN (self->f * 15, MAX ((self->x1 - self->x0) * 0.45, self->f * 4)));

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
          rl->cy = round (rl->top + self->name_h + (self->row_h - self->name_h) / 2);
          rl->range_x0 = rl->range_x1 = NAN;
          if (row->range != NULL)
            {
              double xa = _casebook_compare_layout_value_to_x (self, p, row->range_min);
              double xb = _casebook_compare_layout_value_to_x (self, p, row->range_max);

              if (isfinite (xa) && isfinite (xb))
                {
                  rl->range_x0 = MIN (xa, xb);
                  rl->range_x1 = MAX (xa, xb);
                  rl->range_tick = row->range_min == row->range_max;
                }
            }

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
  g_free (self->lw);
  if (self->labels != NULL)
    for (guint i = 0; i < casebook_stats_get_n_points (self->stats); i++)
      g_free (self->labels[i]);
  g_free (self->labels);
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

  return _casebook_compare_axis_x (self, &self->panels[panel], axis);
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

/**
 * _casebook_compare_layout_get_label:
 * @point: a point of the stats
 * @x: (out) (optional): the left of its label
 * @y: (out) (optional): the top of its label
 * @width: (out) (optional): the label's width
 * @height: (out) (optional): its height
 *
 * Returns: (nullable): the label's text, or %NULL when the point has none
 *   (its row is a density strip, or there was no room)
 */
const char *
_casebook_compare_layout_get_label (CasebookCompareLayout *self,
                                    guint                  point,
                                    double                *x,
                                    double                *y,
                                    double                *width,
                                    double                *height)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->empty || point >= casebook_stats_get_n_points (self->stats) || isnan (self->lx[point]))
    return NULL;

  if (x != NULL)
    *x = self->lx[point];
  if (y != NULL)
    *y = self->ly[point];
  if (width != NULL)
    *width = self->lw[point];
  if (height != NULL)
    *height = self->label_h;

  return self->labels[point];
}

/**
 * _casebook_compare_layout_get_range:
 * @x0: (out) (optional): where the report's range starts
 * @x1: (out) (optional): where it ends
 * @tick: (out) (optional): whether it is drawn as a tick (one value)
 *   rather than a band
 *
 * Returns: %FALSE if there is no such row or it draws no range
 */
gboolean
_casebook_compare_layout_get_range (CasebookCompareLayout *self,
                                    guint                  panel,
                                    guint                  row,
                                    double                *x0,
                                    double                *x1,
                                    gboolean              *tick)
{
  const RowLayout *r;

  g_return_val_if_fail (self != NULL, FALSE);

  if (panel >= self->n_panels || row >= casebook_stats_get_panel (self->stats, panel)->n_rows)
    return FALSE;

  r = &self->panels[panel].rows[row];
  if (isnan (r->range_x0))
    return FALSE;

  if (x0 != NULL)
    *x0 = r->range_x0;
  if (x1 != NULL)
    *x1 = r->range_x1;
  if (tick != NULL)
    *tick = r->range_tick;

  return TRUE;
}

/**
 * _casebook_compare_layout_dup_legend:
 *
 * Returns: (transfer full): the texts of the legend's entries, in order
 */
char **
_casebook_compare_layout_dup_legend (CasebookCompareLayout *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  if (!self->empty)
    for (guint i = 0; i < N_LEGEND; i++)
      if (self->legend_shown[i])
        g_strv_builder_add (builder, _casebook_compare_legend_text (self, i));

  return g_strv_builder_end (builder);
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

