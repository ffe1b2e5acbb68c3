/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include <math.h>
#include <pango/pangocairo.h>

#include "casebook-format.h"
#include "casebook-l10n.h"
#include "casebook-render-outcomes.h"
#include "casebook-render-private.h"

typedef struct
{
  char                *label;
  gboolean             has_swatch;
  CasebookRenderColor  swatch;
  CasebookUnit         unit;
  double               value;
  gboolean             has_baseline;
  double               baseline;
  CasebookVerdict      verdict;
  char                *figure;
  PangoLayout         *label_layout;
  PangoLayout         *figure_layout;
  double               height;
} Row;

/* The range a unit's track covers. Multiples are on a logarithmic scale,
 * so that 1.5× and 100× both read. */
typedef struct
{
  gboolean used;
  double   lo;
  double   hi;
} Domain;

#define N_UNITS (CASEBOOK_UNIT_TIMES + 1)

struct _CasebookRenderOutcomes
{
  CasebookRenderTheme  theme;
  char                *font_family;
  CasebookLang         lang;
  GArray              *rows;
  Domain               domains[N_UNITS];

  PangoContext        *context;
  double               font;
  double               swatch_size;
  double               label_x;
  double               label_width;
  double               track_x;
  double               track_width;
  double               figure_x;
  double               bar_height;
  double               figure_width;
  /* What casebook_render_outcomes_align() asks for, so that charts one
   * under the other have their tracks in one column. */
  double               min_label_width;
  double               min_figure_width;
};

/* libadwaita's success and error colours in their light variants, which
 * keep enough contrast as text on paper. */
static const CasebookRenderColor good_color = { 0x1b / 255.0, 0x85 / 255.0, 0x53 / 255.0, 1 };
static const CasebookRenderColor bad_color = { 0xc0 / 255.0, 0x1c / 255.0, 0x28 / 255.0, 1 };
static const CasebookRenderColor baseline_color = { 0, 0, 0, 0.17 };

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->label, g_free);
  g_clear_pointer (&row->figure, g_free);
  g_clear_object (&row->label_layout);
  g_clear_object (&row->figure_layout);
}

/* The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least
 * @value, so a scale ends on a round number. */
static double
nice_ceil (double value)
{
  static const double steps[] = { 1, 2, 2.5, 5, 10 };
  double magnitude;

  if (value <= 0)
    return 0;

  magnitude = pow (10, floor (log10 (value)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= value * (1 - 1e-9))
      return steps[i] * magnitude;

  return 10 * magnitude;
}

static double
reference_value (CasebookUnit unit)
{
  return unit == CASEBOOK_UNIT_TIMES ? 1 : 0;
}

static void
compute_domains (CasebookRenderOutcomes *self)
{
  double lo[N_UNITS], hi[N_UNITS];

  for (guint u = 0; u < N_UNITS; u++)
    {
      self->domains[u].used = FALSE;
      lo[u] = hi[u] = reference_value (u);
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);

      self->domains[row->unit].used = TRUE;
      lo[row->unit] = MIN (lo[row->unit], row->value);
      hi[row->unit] = MAX (hi[row->unit], row->value);
      if (row->has_baseline)
        {
          lo[row->unit] = MIN (lo[row->unit], row->baseline);
          hi[row->unit] = MAX (hi[row->unit], row->baseline);
        }
    }

  for (guint u = 0; u < N_UNITS; u++)
    {
      Domain *domain = &self->domains[u];

      switch ((CasebookUnit) u)
        {
        case CASEBOOK_UNIT_PERCENT:
          /* A level: the whole of 0–100%, so 99.99% looks nearly full. */
          domain->lo = -nice_ceil (-lo[u]);
          domain->hi = MAX (100, nice_ceil (hi[u]));
          break;

        case CASEBOOK_UNIT_TIMES:
          {
            double e0 = floor (log10 (MAX (lo[u], 1e-6)));
            double e1 = ceil (log10 (MAX (hi[u], 1e-6)));

            if (e1 <= e0)
              e1 = e0 + 1;
            domain->lo = pow (10, e0);
            domain->hi = pow (10, e1);
          }
          break;

        case CASEBOOK_UNIT_PERCENT_CHANGE:
        case CASEBOOK_UNIT_NONE:
        default:
          domain->lo = -nice_ceil (-lo[u]);
          domain->hi = nice_ceil (hi[u]);
          if (domain->hi - domain->lo <= 0)
            domain->hi = 10;
          break;
        }
    }
}

/* Where @value falls on its unit's track, from 0 to 1. */
static double
domain_fraction (const Domain *domain,
                 CasebookUnit  unit,
                 double        value)
{
  double f;

  if (unit == CASEBOOK_UNIT_TIMES)
    {
      double lo = log10 (domain->lo), hi = log10 (domain->hi);

      f = (log10 (MAX (value, domain->lo)) - lo) / (hi - lo);
    }
  else
    f = (value - domain->lo) / (domain->hi - domain->lo);

  return CLAMP (f, 0, 1);
}

/**
 * casebook_render_outcomes_new:
 * @theme: colours and fonts; copied
 * @lang: the language of the figures and the scale description
 *
 * Returns: (transfer full): an empty chart
 */
CasebookRenderOutcomes *
casebook_render_outcomes_new (const CasebookRenderTheme *theme,
                              CasebookLang               lang)
{
  CasebookRenderOutcomes *self;

  g_return_val_if_fail (theme != NULL, NULL);

  self = g_new0 (CasebookRenderOutcomes, 1);
  self->theme = *theme;
  self->font_family = g_strdup (theme->font_family != NULL ? theme->font_family : "Sans");
  self->theme.font_family = self->font_family;
  self->lang = lang;
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);

  return self;
}

void
casebook_render_outcomes_free (CasebookRenderOutcomes *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_object (&self->context);
  g_clear_pointer (&self->font_family, g_free);
  g_free (self);
}

/**
 * casebook_render_outcomes_add:
 * @label: what the row is labelled with: a metric, or a case
 * @swatch: (nullable): a colour to mark the row with, such as its sector's
 * @outcome: the outcome; the chart copies what it needs
 *
 * Adds a row for @outcome, if it has a number.
 *
 * Returns: %TRUE if a row was added, %FALSE for a qualitative outcome
 */
gboolean
casebook_render_outcomes_add (CasebookRenderOutcomes    *self,
                              const char                *label,
                              const CasebookRenderColor *swatch,
                              const CasebookOutcome     *outcome)
{
  Row row = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (outcome != NULL, FALSE);

  if (!outcome->has_value || !isfinite (outcome->value))
    return FALSE;

  row.label = g_strdup (label != NULL ? label : "");
  row.has_swatch = swatch != NULL;
  if (swatch != NULL)
    row.swatch = *swatch;
  row.unit = outcome->unit < N_UNITS ? outcome->unit : CASEBOOK_UNIT_NONE;
  row.value = outcome->value;
  row.has_baseline = outcome->has_baseline && isfinite (outcome->baseline);
  row.baseline = outcome->baseline;
  row.verdict = casebook_outcome_verdict (outcome);
  row.figure = casebook_format_outcome (outcome, self->lang);

  g_array_append_val (self->rows, row);
  compute_domains (self);

  return TRUE;
}

guint
casebook_render_outcomes_get_n_rows (CasebookRenderOutcomes *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rows->len;
}

/**
 * casebook_render_outcomes_layout:
 * @context: (nullable): the context to lay the text out in, %NULL for one
 *   of the calling thread's default font map
 * @width: the width to draw at
 *
 * Measures the rows at @width. Call it before drawing, and again when the
 * width changes.
 *
 * Returns: the height of the whole chart
 */
double
casebook_render_outcomes_layout (CasebookRenderOutcomes *self,
                                 PangoContext           *context,
                                 double                  width)
{
  double f, gap, widest_label = 0, widest_figure = 0, total = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (context != NULL)
    g_set_object (&self->context, context);
  else if (self->context == NULL)
    self->context = _casebook_render_context_new_for_font_map (NULL, self->lang);

  f = self->theme.font_size > 0 ? self->theme.font_size : 13;
  gap = round (f * 0.9);
  self->font = f;
  self->bar_height = round (f * 1.1);
  self->swatch_size = round (f * 0.75);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      g_autofree char *label = g_markup_escape_text (row->label, -1);
      g_autofree char *figure = g_markup_escape_text (row->figure != NULL ? row->figure : "", -1);
      double w;

      g_clear_object (&row->label_layout);
      g_clear_object (&row->figure_layout);
      row->label_layout = _casebook_render_layout_new (self->context, self->font_family, f,
                                                       PANGO_WEIGHT_NORMAL, label);
      row->figure_layout = _casebook_render_layout_new (self->context, self->font_family, f,
                                                        PANGO_WEIGHT_BOLD, figure);

      _casebook_render_text_size (row->label_layout, &w, NULL);
      widest_label = MAX (widest_label, w + (row->has_swatch ? self->swatch_size + f * 0.5 : 0));
      _casebook_render_text_size (row->figure_layout, &w, NULL);
      widest_figure = MAX (widest_figure, w);
    }

  widest_figure = MAX (ceil (widest_figure), self->min_figure_width);
  self->figure_width = widest_figure;
  self->label_width = MAX (CLAMP (ceil (widest_label), f * 6, width * 0.4), self->min_label_width);
  self->track_width = width - self->label_width - widest_figure - 2 * gap;

  /* Long labels give way to the bars, which are what the chart is for. */
  if (self->track_width < width * 0.25)
    {
      self->label_width = MAX (f * 4, width * 0.75 - widest_figure - 2 * gap);
      self->track_width = width - self->label_width - widest_figure - 2 * gap;
    }

  self->track_x = self->label_width + gap;
  self->figure_x = self->track_x + MAX (self->track_width, 0) + gap;

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      double label_width = self->label_width - (row->has_swatch ? self->swatch_size + f * 0.5 : 0);
      double h;

      /* Two lines at most; a case title longer than that is cut short. */
      pango_layout_set_width (row->label_layout, (int) (MAX (label_width, 1) * PANGO_SCALE));
      pango_layout_set_wrap (row->label_layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (row->label_layout, -2);
      pango_layout_set_ellipsize (row->label_layout, PANGO_ELLIPSIZE_END);

      _casebook_render_text_size (row->label_layout, NULL, &h);
      row->height = ceil (MAX (h, self->bar_height) + f * 0.75);
      total += row->height;
    }

  return total;
}

/**
 * casebook_render_outcomes_get_row_height:
 *
 * Returns: the height of row @row, as casebook_render_outcomes_layout()
 *   measured it
 */
double
casebook_render_outcomes_get_row_height (CasebookRenderOutcomes *self,
                                         guint                   row)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (row < self->rows->len, 0);

  return g_array_index (self->rows, Row, row).height;
}

/**
 * casebook_render_outcomes_align:
 * @charts: (array length=n_charts): charts drawn one under the other
 * @context: (nullable): as for casebook_render_outcomes_layout()
 * @width: the width they are laid out at
 *
 * Lays the charts out with one label column and one figure column, the
 * widest any of them needs, so that their tracks line up.
 */
void
casebook_render_outcomes_align (CasebookRenderOutcomes **charts,
                                guint                    n_charts,
                                PangoContext            *context,
                                double                   width)
{
  double label_width = 0, figure_width = 0;

  g_return_if_fail (charts != NULL || n_charts == 0);

  for (guint i = 0; i < n_charts; i++)
    {
      charts[i]->min_label_width = charts[i]->min_figure_width = 0;
      casebook_render_outcomes_layout (charts[i], context, width);
      label_width = MAX (label_width, charts[i]->label_width);
      figure_width = MAX (figure_width, charts[i]->figure_width);
    }

  for (guint i = 0; i < n_charts; i++)
    {
      charts[i]->min_label_width = label_width;
      charts[i]->min_figure_width = figure_width;
      casebook_render_outcomes_layout (charts[i], context, width);
    }
}

/**
 * casebook_render_outcomes_describe_scales:
 *
 * A sentence that says what the tracks of the chart span, for a caption,
 * naming only the units the chart holds.
 *
 * Returns: (transfer full) (nullable): the sentence, %NULL for an empty
 *   chart
 */
char *
casebook_render_outcomes_describe_scales (CasebookRenderOutcomes *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean any_baseline = FALSE;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->rows->len == 0)
    return NULL;

  for (guint u = 0; u < N_UNITS; u++)
    {
      const Domain *d = &self->domains[u];
      g_autofree char *lo = NULL;
      g_autofree char *hi = NULL;

      if (!d->used)
        continue;

      lo = casebook_format_value (d->lo, u, self->lang);
      hi = casebook_format_value (d->hi, u, self->lang);

      switch ((CasebookUnit) u)
        {
        case CASEBOOK_UNIT_PERCENT:
          /* Translators: a part of the note under the outcomes chart, e.g. "levels on a scale of 0%–100%" */
          g_ptr_array_add (parts, g_strdup_printf (L_ (self->lang, "levels on a scale of %s–%s"), lo, hi));
          break;
        case CASEBOOK_UNIT_PERCENT_CHANGE:
          g_ptr_array_add (parts, g_strdup_printf (L_ (self->lang, "changes from the zero line, %s to %s"), lo, hi));
          break;
        case CASEBOOK_UNIT_TIMES:
          g_ptr_array_add (parts, g_strdup_printf (L_ (self->lang, "multiples from 1×, on a logarithmic scale of %s to %s"),
                                                   lo, hi));
          break;
        case CASEBOOK_UNIT_NONE:
        default:
          g_ptr_array_add (parts, g_strdup_printf (L_ (self->lang, "values on a scale of %s to %s"), lo, hi));
          break;
        }
    }

  for (guint i = 0; i < self->rows->len; i++)
    any_baseline |= g_array_index (self->rows, Row, i).has_baseline;

  g_ptr_array_add (parts, NULL);

  {
    /* Translators: between the parts of the note under the outcomes chart */
    g_autofree char *joined = g_strjoinv (LC_ (self->lang, "list of scales", "; "), (char **) parts->pdata);

    if (parts->len == 2 && any_baseline)
      /* Translators: the note under an outcomes chart of one scale; %s
       * says what the scale is */
      return g_strdup_printf (L_ (self->lang, "Scale: %s. A grey band marks the value before."), joined);
    if (parts->len == 2)
      /* Translators: the note under an outcomes chart of one scale; %s
       * says what the scale is */
      return g_strdup_printf (L_ (self->lang, "Scale: %s."), joined);
    if (any_baseline)
      /* Translators: the note under the outcomes chart; %s lists its scales */
      return g_strdup_printf (L_ (self->lang, "Scales: %s. A grey band marks the value before."), joined);

    /* Translators: the note under the outcomes chart; %s lists its scales */
    return g_strdup_printf (L_ (self->lang, "Scales: %s."), joined);
  }
}

static const CasebookRenderColor *
verdict_color (CasebookRenderOutcomes *self,
               CasebookVerdict         verdict,
               gboolean                for_text)
{
  switch (verdict)
    {
    case CASEBOOK_VERDICT_GOOD:
      return &good_color;
    case CASEBOOK_VERDICT_BAD:
      return &bad_color;
    case CASEBOOK_VERDICT_NEUTRAL:
    default:
      return for_text ? &self->theme.foreground : &self->theme.accent;
    }
}

static void
draw_span (cairo_t *cr,
           double   x0,
           double   x1,
           double   y,
           double   height)
{
  double left = MIN (x0, x1), right = MAX (x0, x1);

  /* A value at the reference still gets a sliver, so the row never looks
   * as if it had no bar at all. */
  if (right - left < 1)
    right = left + 1;

  _casebook_render_rounded_rect (cr, left, y, right - left, height, MIN (1.5, height / 2));
  cairo_fill (cr);
}

static void
draw_row (CasebookRenderOutcomes *self,
          cairo_t                *cr,
          const Row              *row,
          double                  y)
{
  const Domain *domain = &self->domains[row->unit];
  double cy = y + row->height / 2;
  double bar_top = cy - self->bar_height / 2;
  double label_x = 0, w, h;
  double ref, value;

  /* The label, after its swatch. */
  if (row->has_swatch)
    {
      _casebook_render_set_source (cr, &row->swatch, 1);
      _casebook_render_rounded_rect (cr, 0, round (cy - self->swatch_size / 2), self->swatch_size,
                                     self->swatch_size, 1.5);
      cairo_fill (cr);
      label_x = self->swatch_size + self->font * 0.5;
    }

  _casebook_render_text_size (row->label_layout, &w, &h);
  _casebook_render_set_source (cr, &self->theme.foreground, 1);
  cairo_move_to (cr, label_x, cy - h / 2);
  pango_cairo_show_layout (cr, row->label_layout);

  if (self->track_width <= 0)
    return;

  /* The track: the unit's whole range, faint. */
  {
    CasebookRenderColor track = self->theme.grid;

    track.alpha *= 0.45;
    _casebook_render_set_source (cr, &track, 1);
    _casebook_render_rounded_rect (cr, self->track_x, bar_top, self->track_width, self->bar_height, 1.5);
    cairo_fill (cr);
  }

  ref = self->track_x + self->track_width * domain_fraction (domain, row->unit, reference_value (row->unit));
  value = self->track_x + self->track_width * domain_fraction (domain, row->unit, row->value);

  if (row->has_baseline)
    {
      double base = self->track_x + self->track_width * domain_fraction (domain, row->unit, row->baseline);

      _casebook_render_set_source (cr, &baseline_color, 1);
      draw_span (cr, ref, base, bar_top, self->bar_height);
    }

  _casebook_render_set_source (cr, verdict_color (self, row->verdict, FALSE), 1);
  draw_span (cr, ref, value, round (cy - self->bar_height * 0.3), round (self->bar_height * 0.6));

  /* The zero line (1× for multiples), where it is not the track's edge. */
  if (ref > self->track_x + 0.5)
    {
      _casebook_render_set_source (cr, &self->theme.dim_foreground, 1);
      cairo_set_line_width (cr, 0.75);
      cairo_move_to (cr, ref, bar_top - 2);
      cairo_line_to (cr, ref, bar_top + self->bar_height + 2);
      cairo_stroke (cr);
    }

  _casebook_render_text_size (row->figure_layout, &w, &h);
  _casebook_render_set_source (cr, verdict_color (self, row->verdict, TRUE), 1);
  cairo_move_to (cr, self->figure_x, cy - h / 2);
  pango_cairo_show_layout (cr, row->figure_layout);
}

/**
 * casebook_render_outcomes_draw:
 * @cr: where to draw, with the origin at the top left of row @first_row
 * @first_row: the first row to draw
 * @n_rows: how many rows to draw
 *
 * Draws rows @first_row to @first_row + @n_rows - 1 at the width of the
 * last casebook_render_outcomes_layout().
 */
void
casebook_render_outcomes_draw (CasebookRenderOutcomes *self,
                               cairo_t                *cr,
                               guint                   first_row,
                               guint                   n_rows)
{
  double y = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (self->context != NULL);

  cairo_save (cr);
  for (guint i = first_row; i < self->rows->len && i < first_row + n_rows; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);

      draw_row (self, cr, row, y);
      y += row->height;
    }
  cairo_restore (cr);
}
