/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "casebook-format.h"
#include "casebook-parts.h"
#include "casebook-render-private.h"
#include "casebook-render-timeline.h"

/* The timeline of a case's phases: a year axis (with quarters when any
 * phase is dated to the quarter) and one row per phase, its name on the
 * left and a bar over its span. Below about 34 ems of width the names move
 * above their bars, so the chart keeps its full width on a phone. A name
 * too long for its column wraps, and its row grows to hold it; only a
 * name longer than MAX_NAME_LINES lines is cut short.
 *
 * Everything here is plain cairo and pango, so the same drawing serves the
 * widget, print, PDF and PNG. Sizes derive from the theme's font size. */

typedef struct
{
  double   font;
  double   small;
  gboolean narrow;
  gboolean quarters;
  int      first_year;
  int      last_year;
  double   width;
  double   axis_height;
  double   row_height;   /* the least a row takes */
  double   name_height;  /* the least a name above its bar takes */
  double   bar_height;
  double  *row_top;      /* per row: where it starts */
  double  *row_size;     /* per row: its height */
  double  *name_size;    /* per row, narrow layout: the height above the bar */
  double   name_width;
  double   chart_x;
  double   chart_width;
  double   rows_top;
  guint    n_rows;
  double   height;
} Layout;

#define WIDE_MIN_EMS 34.0
#define MAX_NAME_LINES 3

static void
layout_clear (Layout *layout)
{
  g_clear_pointer (&layout->row_top, g_free);
  g_clear_pointer (&layout->row_size, g_free);
  g_clear_pointer (&layout->name_size, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Layout, layout_clear)

static int
point_first_quarter (const CasebookPoint *point)
{
  return point->year * 4 + (point->quarter > 0 ? point->quarter - 1 : 0);
}

static int
point_last_quarter (const CasebookPoint *point)
{
  return point->year * 4 + (point->quarter > 0 ? point->quarter - 1 : 3);
}

/* The quarters a phase covers, first and last inclusive, counted from year
 * 0. A whole-year phase covers Q1 to Q4; a phase without a start year has
 * no span. */
static gboolean
phase_quarters (const CasebookPhase *phase,
                int                 *first,
                int                 *last)
{
  const CasebookPoint *end;
  int a, b;

  if (phase == NULL || phase->start.year <= 0)
    return FALSE;

  end = phase->end.year > 0 ? &phase->end : &phase->start;
  a = point_first_quarter (&phase->start);
  b = point_last_quarter (end);

  *first = MIN (a, b);
  *last = MAX (a, b);
  return TRUE;
}

static double
theme_font_size (const CasebookRenderTheme *theme)
{
  return theme->font_size > 0 ? theme->font_size : 13;
}

static PangoLayout *text_layout (PangoContext              *context,
                                 const CasebookRenderTheme *theme,
                                 const char                *text,
                                 double                     size,
                                 PangoWeight                weight);

/* A phase's name laid out in a column @width wide: wrapped, and cut
 * short only past MAX_NAME_LINES lines. */
static PangoLayout *
name_layout (PangoContext              *context,
             const CasebookRenderTheme *theme,
             const CasebookPhase       *phase,
             CasebookLang               lang,
             double                     width)
{
  PangoLayout *name = text_layout (context, theme, casebook_text_get (phase->name, lang),
                                   theme_font_size (theme), PANGO_WEIGHT_NORMAL);

  pango_layout_set_width (name, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (name, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (name, -MAX_NAME_LINES);
  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);

  return name;
}

/* The widest phase name, so the name column takes no more than it needs
 * and the chart gets the rest. */
static double
widest_name (PangoContext              *context,
             const CasebookRenderTheme *theme,
             GPtrArray                 *phases,
             CasebookLang               lang)
{
  double widest = 0;

  for (guint i = 0; i < phases->len; i++)
    {
      const CasebookPhase *phase = g_ptr_array_index (phases, i);
      g_autoptr(PangoLayout) name = text_layout (context, theme, casebook_text_get (phase->name, lang),
                                                 theme_font_size (theme), PANGO_WEIGHT_NORMAL);
      double w, h;

      _casebook_render_text_size (name, &w, &h);
      widest = MAX (widest, w);
    }

  return ceil (widest);
}

/* @context measures the names, which decide the width of their column
 * and the height of each row. */
static gboolean
compute_layout (GPtrArray                 *phases,
                double                     width,
                const CasebookRenderTheme *theme,
                PangoContext              *context,
                CasebookLang               lang,
                Layout                    *layout)
{
  double f = theme_font_size (theme);
  int first_q = G_MAXINT, last_q = G_MININT;

  layout_clear (layout);
  memset (layout, 0, sizeof *layout);

  if (phases == NULL || phases->len == 0)
    return FALSE;

  for (guint i = 0; i < phases->len; i++)
    {
      const CasebookPhase *phase = g_ptr_array_index (phases, i);
      int a, b;

      if (!phase_quarters (phase, &a, &b))
        continue;

      first_q = MIN (first_q, a);
      last_q = MAX (last_q, b);
      if (phase->start.quarter > 0 || phase->end.quarter > 0)
        layout->quarters = TRUE;
    }

  if (first_q == G_MAXINT)
    return FALSE;

  layout->font = f;
  layout->small = round (f * 0.85);
  layout->width = width;
  layout->first_year = first_q / 4;
  layout->last_year = last_q / 4;
  layout->narrow = width < f * WIDE_MIN_EMS;

  layout->axis_height = round (f * 1.6 + (layout->quarters ? layout->small * 1.5 : 0) + f * 0.4);
  layout->bar_height = round (f * 1.85);

  if (layout->narrow)
    {
      layout->name_height = round (f * 1.6);
      layout->row_height = layout->name_height + layout->bar_height + round (f * 0.9);
      layout->name_width = width;
      layout->chart_x = 0;
      layout->chart_width = width;
    }
  else
    {
      double gap = round (f * 1.25);

      double widest = widest_name (context, theme, phases, lang);

      layout->row_height = round (f * 2.6);
      layout->name_width = MAX (MIN (widest, floor (width * 0.42)), f * 6);
      layout->chart_x = layout->name_width + gap;
      layout->chart_width = width - layout->chart_x;
    }

  /* One pixel in from the right so the closing grid line is not cut. */
  layout->chart_width = MAX (layout->chart_width - 1, 1);
  layout->rows_top = layout->axis_height + round (f * 0.5);
  layout->n_rows = phases->len;

  /* Each row as tall as its name needs, never less than the usual. */
  layout->row_top = g_new0 (double, phases->len);
  layout->row_size = g_new0 (double, phases->len);
  layout->name_size = g_new0 (double, phases->len);
  layout->height = layout->rows_top;
  for (guint i = 0; i < phases->len; i++)
    {
      g_autoptr(PangoLayout) name = name_layout (context, theme, g_ptr_array_index (phases, i), lang,
                                                 layout->name_width);
      double w, h;

      _casebook_render_text_size (name, &w, &h);
      layout->row_top[i] = layout->height;
      if (layout->narrow)
        {
          layout->name_size[i] = MAX (layout->name_height, ceil (h + f * 0.3));
          layout->row_size[i] = layout->row_height - layout->name_height + layout->name_size[i];
        }
      else
        layout->row_size[i] = MAX (layout->row_height, ceil (h + f * 0.8));
      layout->height += layout->row_size[i];
    }

  return TRUE;
}

static double
quarter_x (const Layout *layout,
           int           quarter)
{
  int n = (layout->last_year - layout->first_year + 1) * 4;

  return layout->chart_x + (quarter - layout->first_year * 4) * layout->chart_width / n;
}

static gboolean
bar_rect (const Layout        *layout,
          const CasebookPhase *phase,
          guint                index,
          cairo_rectangle_t   *rect)
{
  double x0, x1, inset;
  int a, b;

  if (!phase_quarters (phase, &a, &b))
    return FALSE;

  x0 = quarter_x (layout, a);
  x1 = quarter_x (layout, b + 1);

  /* A little air between a bar and the next phase's, but never so much
   * that a one-quarter bar disappears. */
  inset = MIN (2.0, (x1 - x0) / 6);

  rect->x = x0 + inset;
  rect->width = MAX (x1 - x0 - 2 * inset, 1);
  rect->height = layout->bar_height;
  if (layout->narrow)
    rect->y = layout->row_top[index] + layout->name_size[index];
  else
    rect->y = layout->row_top[index] + round ((layout->row_size[index] - layout->bar_height) / 2);

  return TRUE;
}

/* A crisp vertical hairline: on a pixel grid, centred on a half pixel. */
static void
vertical_line (cairo_t *cr,
               double   x,
               double   y0,
               double   y1)
{
  x = floor (x) + 0.5;
  cairo_move_to (cr, x, y0);
  cairo_line_to (cr, x, y1);
}

/* The vertical stretches the grid covers: all of it beside the names, but
 * in the narrow layout only the axis and the bars, so that no line runs
 * through a name above its bar. */
static guint
n_grid_segments (const Layout *layout)
{
  return layout->narrow ? layout->n_rows + 1 : 1;
}

static void
grid_segment (const Layout *layout,
              guint         i,
              double        bottom,
              double       *y0,
              double       *y1)
{
  if (!layout->narrow)
    {
      *y0 = 0;
      *y1 = bottom;
    }
  else if (i == 0)
    {
      *y0 = 0;
      *y1 = layout->axis_height;
    }
  else
    {
      double pad = round (layout->font * 0.3);

      *y0 = layout->row_top[i - 1] + layout->name_size[i - 1] - pad;
      *y1 = MIN (*y0 + layout->bar_height + 2 * pad, bottom);
    }
}

static void
grid_line (cairo_t      *cr,
           const Layout *layout,
           double        x,
           double        top,
           double        bottom)
{
  for (guint i = 0; i < n_grid_segments (layout); i++)
    {
      double y0, y1;

      grid_segment (layout, i, bottom, &y0, &y1);
      y0 = MAX (y0, top);
      if (y1 > y0)
        vertical_line (cr, x, y0, y1);
    }
}

static PangoLayout *
text_layout (PangoContext              *context,
             const CasebookRenderTheme *theme,
             const char                *text,
             double                     size,
             PangoWeight                weight)
{
  PangoLayout *layout = _casebook_render_font_layout_new (context, theme->font_family, size, weight);

  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_axis (cairo_t                   *cr,
           PangoContext              *context,
           const Layout              *layout,
           const CasebookRenderTheme *theme,
           double                     bottom)
{
  int n_years = layout->last_year - layout->first_year + 1;
  double year_width = layout->chart_width / n_years;
  double year_y = 0;
  double quarter_y = round (layout->font * 1.6);
  double max_label = 0;
  int step = 1;

  /* Alternate years get a faint band, so the eye finds a year down the
   * whole chart without a heavy grid. */
  for (int y = 1; y < n_years; y += 2)
    {
      double x0 = quarter_x (layout, (layout->first_year + y) * 4);
      double x1 = quarter_x (layout, (layout->first_year + y + 1) * 4);
      CasebookRenderColor band = theme->grid;

      band.alpha *= 0.35;
      _casebook_render_set_source (cr, &band, 1);
      for (guint i = 0; i < n_grid_segments (layout); i++)
        {
          double y0, y1;

          grid_segment (layout, i, bottom, &y0, &y1);
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
        }
      cairo_fill (cr);
    }

  /* Year labels; when they do not fit, every second (or n-th) one. */
  for (int y = 0; y < n_years; y++)
    {
      g_autofree char *text = g_strdup_printf ("%d", layout->first_year + y);
      g_autoptr(PangoLayout) label = text_layout (context, theme, text, layout->font, PANGO_WEIGHT_BOLD);
      double w, h;

      _casebook_render_text_size (label, &w, &h);
      max_label = MAX (max_label, w);
    }
  while (step < n_years && year_width * step < max_label + layout->font)
    step++;

  _casebook_render_set_source (cr, &theme->foreground, 1);
  for (int y = 0; y < n_years; y += step)
    {
      g_autofree char *text = g_strdup_printf ("%d", layout->first_year + y);
      g_autoptr(PangoLayout) label = text_layout (context, theme, text, layout->font, PANGO_WEIGHT_BOLD);
      double x0 = quarter_x (layout, (layout->first_year + y) * 4);
      double w, h;

      _casebook_render_text_size (label, &w, &h);
      show_text (cr, label, round (x0 + (year_width - w) / 2), year_y);
    }

  if (layout->quarters)
    {
      double quarter_width = year_width / 4;
      g_autoptr(PangoLayout) probe = text_layout (context, theme, "Q4", layout->small, PANGO_WEIGHT_NORMAL);
      double qw, qh;

      _casebook_render_text_size (probe, &qw, &qh);
      if (quarter_width >= qw + layout->small * 0.5)
        {
          _casebook_render_set_source (cr, &theme->dim_foreground, 1);
          for (int q = layout->first_year * 4; q < (layout->last_year + 1) * 4; q++)
            {
              g_autofree char *text = g_strdup_printf ("Q%d", q % 4 + 1);
              g_autoptr(PangoLayout) label = text_layout (context, theme, text, layout->small,
                                                          PANGO_WEIGHT_NORMAL);
              double w, h;

              _casebook_render_text_size (label, &w, &h);
              show_text (cr, label, round (quarter_x (layout, q) + (quarter_width - w) / 2), quarter_y);
            }
        }

      /* Quarter lines, fainter than the year lines. */
      {
        CasebookRenderColor faint = theme->grid;

        faint.alpha *= 0.5;
        _casebook_render_set_source (cr, &faint, 1);
        cairo_set_line_width (cr, 1);
        for (int q = layout->first_year * 4; q <= (layout->last_year + 1) * 4; q++)
          if (q % 4 != 0)
            grid_line (cr, layout, quarter_x (layout, q), layout->axis_height, bottom);
        cairo_stroke (cr);
      }
    }

  _casebook_render_set_source (cr, &theme->grid, 1);
  cairo_set_line_width (cr, 1);
  for (int y = 0; y <= n_years; y++)
    grid_line (cr, layout, quarter_x (layout, (layout->first_year + y) * 4), 0, bottom);
  cairo_stroke (cr);

  /* The axis baseline, under the labels, across the chart. */
  cairo_move_to (cr, layout->chart_x, floor (layout->axis_height) + 0.5);
  cairo_line_to (cr, layout->chart_x + layout->chart_width, floor (layout->axis_height) + 0.5);
  cairo_stroke (cr);
}

static void
draw_span_label (cairo_t                   *cr,
                 PangoContext              *context,
                 const Layout              *layout,
                 const CasebookRenderTheme *theme,
                 const CasebookPhase       *phase,
                 const cairo_rectangle_t   *bar)
{
  g_autofree char *span = casebook_format_phase_span (phase);
  g_autoptr(PangoLayout) label = text_layout (context, theme, span, layout->small, PANGO_WEIGHT_BOLD);
  double pad = round (layout->small * 0.7);
  double gap = round (layout->small * 0.5);
  double chart_end = layout->chart_x + layout->chart_width;
  double w, h, y;

  _casebook_render_text_size (label, &w, &h);
  y = round (bar->y + (bar->height - h) / 2);

  if (w + 2 * pad <= bar->width)
    {
      _casebook_render_set_source (cr, &theme->accent_foreground, 1);
      show_text (cr, label, round (bar->x + (bar->width - w) / 2), y);
    }
  else if (bar->x + bar->width + gap + w <= chart_end)
    {
      _casebook_render_set_source (cr, &theme->dim_foreground, 1);
      show_text (cr, label, round (bar->x + bar->width + gap), y);
    }
  else if (bar->x - gap - w >= layout->chart_x)
    {
      _casebook_render_set_source (cr, &theme->dim_foreground, 1);
      show_text (cr, label, round (bar->x - gap - w), y);
    }
  else if (bar->width > 2 * pad + layout->small * 2)
    {
      /* Nothing fits anywhere: the start of the span, inside, cut short. */
      pango_layout_set_width (label, (int) ((bar->width - 2 * pad) * PANGO_SCALE));
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      _casebook_render_set_source (cr, &theme->accent_foreground, 1);
      show_text (cr, label, round (bar->x + pad), y);
    }
}

static void
draw_row (cairo_t                   *cr,
          PangoContext              *context,
          const Layout              *layout,
          const CasebookRenderTheme *theme,
          const CasebookPhase       *phase,
          guint                      index,
          CasebookLang               lang)
{
  g_autoptr(PangoLayout) name = NULL;
  cairo_rectangle_t bar;
  double row_y = layout->row_top[index];
  double w, h, name_y;

  name = name_layout (context, theme, phase, lang, layout->name_width);
  _casebook_render_text_size (name, &w, &h);

  if (layout->narrow)
    name_y = row_y + (layout->name_size[index] - h) / 2;
  else
    name_y = row_y + (layout->row_size[index] - h) / 2;

  _casebook_render_set_source (cr, &theme->foreground, 1);
  show_text (cr, name, 0, round (name_y));

  if (!bar_rect (layout, phase, index, &bar))
    return;

  _casebook_render_set_source (cr, &theme->accent, 1);
  _casebook_render_rounded_rect (cr, bar.x, bar.y, bar.width, bar.height, round (layout->font * 0.45));
  cairo_fill (cr);

  draw_span_label (cr, context, layout, theme, phase, &bar);
}

/**
 * casebook_render_timeline_measure:
 * @phases: (element-type CasebookPhase) (nullable): the phases
 * @width: the width the timeline will be drawn at
 * @theme: the theme it will be drawn with
 * @lang: the language it will be drawn in, whose names may wrap
 *
 * Returns: the height the timeline needs at @width in @lang, 0 when there
 *   is nothing to draw
 */
double
casebook_render_timeline_measure (GPtrArray                 *phases,
                                  double                     width,
                                  const CasebookRenderTheme *theme,
                                  CasebookLang               lang)
{
  g_autoptr(GObject) context = NULL;
  g_auto(Layout) layout = { 0 };

  g_return_val_if_fail (theme != NULL, 0);

  if (phases == NULL || phases->len == 0)
    return 0;

  context = G_OBJECT (_casebook_render_context_new (NULL, lang));
  if (!compute_layout (phases, width, theme, PANGO_CONTEXT (context), lang, &layout))
    return 0;

  return ceil (layout.height);
}

/**
 * casebook_render_timeline_height_for_width:
 * @phases: (element-type CasebookPhase) (nullable): the phases
 * @width: the width the timeline will be drawn at
 * @theme: the theme it will be drawn with
 *
 * As casebook_render_timeline_measure(), for a caller that does not say
 * the language: enough for the names in either.
 *
 * Returns: the height the timeline needs at @width, 0 when there is
 *   nothing to draw
 */
double
casebook_render_timeline_height_for_width (GPtrArray                 *phases,
                                           double                     width,
                                           const CasebookRenderTheme *theme)
{
  g_return_val_if_fail (theme != NULL, 0);

  return MAX (casebook_render_timeline_measure (phases, width, theme, CASEBOOK_LANG_EN),
              casebook_render_timeline_measure (phases, width, theme, CASEBOOK_LANG_ZH));
}

/**
 * casebook_render_timeline_get_bar:
 * @phases: (element-type CasebookPhase): the phases
 * @width: the width the timeline is drawn at
 * @theme: the theme it is drawn with
 * @lang: the language it is drawn in
 * @index: a phase
 * @bar: (out): where the bar of phase @index is drawn
 *
 * Where a phase's bar is, for hit-testing and tooltips.
 *
 * Returns: %TRUE if phase @index has a bar
 */
gboolean
casebook_render_timeline_get_bar (GPtrArray                 *phases,
                                  double                     width,
                                  const CasebookRenderTheme *theme,
                                  CasebookLang               lang,
                                  guint                      index,
                                  cairo_rectangle_t         *bar)
{
  g_autoptr(GObject) context = NULL;
  g_auto(Layout) layout = { 0 };

  g_return_val_if_fail (theme != NULL, FALSE);
  g_return_val_if_fail (bar != NULL, FALSE);

  if (phases == NULL || index >= phases->len)
    return FALSE;

  context = G_OBJECT (_casebook_render_context_new (NULL, lang));
  if (!compute_layout (phases, width, theme, PANGO_CONTEXT (context), lang, &layout))
    return FALSE;

  return bar_rect (&layout, g_ptr_array_index (phases, index), index, bar);
}

/**
 * casebook_render_timeline:
 * @cr: where to draw, with the origin at the top left of the timeline
 * @width: the width to draw at
 * @height: the height available; casebook_render_timeline_height_for_width()
 *   says how much is needed
 * @phases: (element-type CasebookPhase) (nullable): the phases
 * @lang: the language of the phase names
 * @theme: colours and font
 *
 * Draws the phases of a case as a timeline: a year axis spanning them all,
 * quarter ticks when any phase is dated to the quarter, and a row per phase
 * with its name and a bar labelled with its span. Draws nothing when no
 * phase has a date.
 */
void
casebook_render_timeline (cairo_t                   *cr,
                          double                     width,
                          double                     height,
                          GPtrArray                 *phases,
                          CasebookLang               lang,
                          const CasebookRenderTheme *theme)
{
  PangoContext *context;
  g_auto(Layout) layout = { 0 };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (theme != NULL);

  if (width <= 0 || height <= 0)
    return;

  context = _casebook_render_context_new (cr, lang);
  if (!compute_layout (phases, width, theme, context, lang, &layout))
    {
      g_object_unref (context);
      return;
    }

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  draw_axis (cr, context, &layout, theme, MIN (layout.height, height));
  for (guint i = 0; i < phases->len; i++)
    draw_row (cr, context, &layout, theme, g_ptr_array_index (phases, i), i, lang);

  g_object_unref (context);
  cairo_restore (cr);
}
