/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-chart-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "casebook-chart-view-private.h"
#include "casebook-format.h"
#include "casebook-render-compare.h"
#include "casebook-render-coverage.h"

/**
 * CasebookChartView:
 *
 * Shows a chart: the Compare chart of a #CasebookStats, or the coverage
 * overview of a #CasebookCoverage. The drawing is
 * casebook_render_compare_layout() or casebook_render_coverage_layout(),
 * which export and print share; this widget feeds them its style's
 * colours and font, keeps the layout until the data, the size or the
 * style change, and makes the marks work like controls: a tooltip on
 * hover, a click or Enter to open, the arrow keys to move between them.
 *
 * A mark is a point of the stats (those in a density strip are not marks
 * of their own) or a cell of the coverage.
 */

typedef enum
{
  CHART_NONE,
  CHART_COMPARE,
  CHART_COVERAGE,
} ChartKind;

struct _CasebookChartView
{
  GtkWidget               parent_instance;

  ChartKind               kind;
  CasebookStats          *stats;
  CasebookCoverage       *coverage;
  CasebookLang            lang;
  char                   *metric;
  char                   *sector;

  CasebookRenderTheme     theme;
  CasebookRenderColor     background;
  char                   *font_family;

  CasebookCompareLayout  *compare_layout;
  CasebookCoverageLayout *coverage_layout;
  int                     layout_width;

  int                     hover;
  int                     focus;
};

G_DEFINE_FINAL_TYPE (CasebookChartView, casebook_chart_view, GTK_TYPE_WIDGET)

static void casebook_chart_view_set_focus_mark (CasebookChartView *self,
                                                int                mark);

static char *casebook_chart_view_get_tooltip_at (CasebookChartView *self,
                                                 double             x,
                                                 double             y);

enum {
  CASE_ACTIVATED,
  CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define FALLBACK_ACCENT "#3584e4"

static void
clear_layouts (CasebookChartView *self)
{
  g_clear_pointer (&self->compare_layout, casebook_compare_layout_free);
  g_clear_pointer (&self->coverage_layout, casebook_coverage_layout_free);
  self->layout_width = -1;
}

/* The layout for @width, made when first needed and kept until something
 * it depends on changes. */
static void
ensure_layout (CasebookChartView *self,
               int                width)
{
  width = MAX (width, 1);

  if (self->layout_width == width && (self->compare_layout != NULL || self->coverage_layout != NULL))
    return;

  clear_layouts (self);
  self->layout_width = width;

  if (self->kind == CHART_COVERAGE)
    self->coverage_layout = casebook_coverage_layout_new (self->coverage, width, self->lang, &self->theme,
                                                          &self->background);
  else
    self->compare_layout = casebook_compare_layout_new (self->stats, width, self->lang, &self->theme,
                                                        &self->background);
}

static void
ensure_allocated_layout (CasebookChartView *self)
{
  ensure_layout (self, gtk_widget_get_width (GTK_WIDGET (self)));
}

static CasebookRenderColor
render_color (const GdkRGBA *rgba,
              double         alpha)
{
  return (CasebookRenderColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha };
}

/* Colours and font from the widget's style: the foreground for text and
 * fainter shades of it for secondary text and the grid, libadwaita's
 * accent for focus and the coverage tiles, and the view background for
 * the rings that keep marks apart. GTK 4.8 has no public way to look up
 * a named colour other than the style context. */
static void
update_theme (CasebookChartView *self)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  PangoContext *pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (pango);
  GdkRGBA fg, accent, accent_fg, background;
  double size = 0;

  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, FALLBACK_ACCENT);
  if (!gtk_style_context_lookup_color (context, "accent_fg_color", &accent_fg))
    gdk_rgba_parse (&accent_fg, "#ffffff");
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &background))
    gdk_rgba_parse (&background, "#ffffff");
  G_GNUC_END_IGNORE_DEPRECATIONS

  self->theme.foreground = render_color (&fg, 1.0);
  self->theme.dim_foreground = render_color (&fg, 0.6);
  self->theme.grid = render_color (&fg, 0.13);
  self->theme.accent = render_color (&accent, 1.0);
  self->theme.accent_foreground = render_color (&accent_fg, 1.0);
  self->background = render_color (&background, 1.0);
  self->background.alpha = 1;

  g_clear_pointer (&self->font_family, g_free);
  if (font != NULL)
    {
      self->font_family = g_strdup (pango_font_description_get_family (font));
      size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
      if (size > 0 && !pango_font_description_get_size_is_absolute (font))
        {
          double dpi = pango_cairo_context_get_resolution (pango);

          size *= (dpi > 0 ? dpi : 96.0) / 72.0;
        }
    }
  self->theme.font_family = self->font_family;
  self->theme.font_size = size > 0 ? size : 14.667;
}

/* The accessible description: what the chart shows, row by row, since a
 * screen reader cannot see the dots. */
static char *
describe_compare (CasebookChartView *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *name;

  if (self->stats == NULL)
    return g_strdup (_("No metric family chosen"));

  name = casebook_text_get (casebook_stats_get_name (self->stats), self->lang);
  if (casebook_stats_get_n_panels (self->stats) == 0)
    return g_strdup_printf (_("%s: no case in view gives a number"), name);

  g_string_append (text, name);
  for (guint p = 0; p < casebook_stats_get_n_panels (self->stats); p++)
    {
      const CasebookStatsPanel *panel = casebook_stats_get_panel (self->stats, p);
      g_autofree char *caption = casebook_render_compare_scale_caption (panel, self->lang);

      g_string_append_printf (text, ". %s", caption);
      for (guint r = 0; r < panel->n_rows; r++)
        {
          const CasebookStatsRow *row = &panel->rows[r];

          g_string_append_printf (text, "; %s: ", casebook_sector_get_name (row->sector, self->lang));
          if (row->n_points > 0)
            {
              g_autofree char *mean = casebook_format_value_for_scale (panel->scale, panel->unit, row->mean, self->lang);
              g_autofree char *lo = casebook_format_value_for_scale (panel->scale, panel->unit, row->min, self->lang);
              g_autofree char *hi = casebook_format_value_for_scale (panel->scale, panel->unit, row->max, self->lang);

              /* Translators: one sector in the spoken description of a chart,
               * e.g. "2 values from −40% to −30%, mean −35%" */
              g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u value from %s to %s, mean %s",
                                                         "%u values from %s to %s, mean %s", row->n_points),
                                      row->n_points, lo, hi, mean);
            }
          else
            g_string_append (text, _("no values"));

          if (row->range != NULL)
            {
              g_autofree char *lo = casebook_format_value_for_scale (panel->scale, panel->unit, row->range_min, self->lang);
              g_autofree char *hi = casebook_format_value_for_scale (panel->scale, panel->unit, row->range_max, self->lang);

              /* Translators: the report's range for a sector, e.g. "report range −40% to −30%" */
              g_string_append_printf (text, _(", report range %s to %s"), lo, hi);
            }
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_coverage (CasebookChartView *self)
{
  g_autoptr(GString) text = g_string_new (_("Cases reporting each metric family, by sector"));
  guint n_sectors;

  if (self->coverage == NULL)
    return g_string_free (g_steal_pointer (&text), FALSE);

  n_sectors = casebook_coverage_get_n_sectors (self->coverage);
  for (guint m = 0; m < casebook_coverage_get_n_metrics (self->coverage); m++)
    {
      const CasebookMetric *metric = casebook_coverage_get_metric (self->coverage, m);

      g_string_append_printf (text, "; %s:", casebook_text_get (metric->name, self->lang));
      for (guint s = 0; s < n_sectors; s++)
        g_string_append_printf (text, "%s %s %u", s > 0 ? "," : "",
                                casebook_sector_get_name (casebook_coverage_get_sector (self->coverage, s), self->lang),
                                casebook_coverage_get_count (self->coverage, m, s));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_accessible (CasebookChartView *self)
{
  g_autofree char *description = _casebook_chart_view_get_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->kind == CHART_COVERAGE ? _("Coverage of metric families by sector")
                                                               : _("Outcomes compared by sector"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
data_changed (CasebookChartView *self)
{
  clear_layouts (self);
  self->hover = -1;
  self->focus = -1;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Marks ---------------------------------------------------------------- */

/* A mark's position and the row it belongs to, which the arrow keys move
 * along and across. */
static gboolean
mark_geometry (CasebookChartView *self,
               guint              mark,
               double            *x,
               double            *y,
               guint             *row)
{
  ensure_allocated_layout (self);

  if (self->kind == CHART_COMPARE && self->compare_layout != NULL)
    {
      const CasebookStatsPoint *point;

      if (!casebook_compare_layout_get_mark (self->compare_layout, mark, x, y, NULL))
        return FALSE;

      point = casebook_stats_get_point (self->stats, mark);
      if (row != NULL)
        *row = point->panel * 65536 + point->row;
      return TRUE;
    }

  if (self->kind == CHART_COVERAGE && self->coverage_layout != NULL)
    {
      cairo_rectangle_t rect;
      guint metric;

      if (!casebook_coverage_layout_get_cell (self->coverage_layout, mark, &rect, &metric, NULL))
        return FALSE;

      *x = rect.x + rect.width / 2;
      *y = rect.y + rect.height / 2;
      if (row != NULL)
        *row = metric;
      return TRUE;
    }

  return FALSE;
}

static GdkRectangle
mark_area (CasebookChartView *self,
           guint              mark)
{
  double x = 0, y = 0, radius = 6;

  if (self->kind == CHART_COVERAGE && self->coverage_layout != NULL)
    {
      cairo_rectangle_t rect;

      casebook_coverage_layout_get_cell (self->coverage_layout, mark, &rect, NULL, NULL);
      return (GdkRectangle) { (int) floor (rect.x), (int) floor (rect.y),
                              (int) ceil (rect.width), (int) ceil (rect.height) };
    }

  if (self->compare_layout != NULL)
    casebook_compare_layout_get_mark (self->compare_layout, mark, &x, &y, &radius);

  return (GdkRectangle) { (int) floor (x - radius - 2), (int) floor (y - radius - 2),
                          (int) ceil (2 * radius + 4), (int) ceil (2 * radius + 4) };
}

static char *
format_point (CasebookChartView        *self,
              const CasebookStatsPoint *point,
              const CasebookStatsPanel *panel)
{
  g_autofree char *stated = casebook_format_value (point->stated, point->stated_unit, self->lang);

  if (!isnan (point->stated_baseline))
    {
      g_autofree char *before = casebook_format_value (point->stated_baseline, point->stated_unit, self->lang);

      /* Translators: a value with the value before it, e.g. "30% → 80%" */
      return g_strdup_printf (_("%s → %s"), before, stated);
    }

  if (panel->scale == CASEBOOK_SCALE_NINES)
    {
      g_autofree char *downtime = casebook_format_downtime (casebook_availability_downtime (point->stated),
                                                            self->lang);

      /* Translators: an availability and the downtime it allows, e.g. "99.99% (53 min/yr of downtime)" */
      return g_strdup_printf (_("%s (%s of downtime)"), stated, downtime);
    }

  if (point->stated_unit == CASEBOOK_UNIT_PERCENT_CHANGE && panel->scale == CASEBOOK_SCALE_MULTIPLE)
    {
      g_autofree char *multiple = casebook_format_value_for_scale (panel->scale, panel->unit, point->value, self->lang);

      /* Translators: a change shown as a multiple, e.g. "+50% change, drawn as 1.5×" */
      return g_strdup_printf (_("%s change, drawn as %s"), stated, multiple);
    }

  if (point->stated_unit == CASEBOOK_UNIT_PERCENT_CHANGE)
    /* Translators: a relative change, e.g. "−40% change" */
    return g_strdup_printf (_("%s change"), stated);

  return g_steal_pointer (&stated);
}

static char *
point_tooltip (CasebookChartView *self,
               guint              index)
{
  const CasebookStatsPoint *point = casebook_stats_get_point (self->stats, index);
  const CasebookStatsPanel *panel = casebook_stats_get_panel (self->stats, point->panel);
  const CasebookStatsRow *row = &panel->rows[point->row];
  const char *title = casebook_text_get (&point->title, self->lang);
  g_autofree char *figure = format_point (self, point, panel);
  g_autoptr(GString) text = g_string_new (title != NULL ? title : point->case_id);

  g_string_append_c (text, '\n');
  if (g_strcmp0 (point->label, point->case_id) != 0)
    /* Translators: the sector and the report section a case comes from, e.g. "Finance · section 2.1" */
    g_string_append_printf (text, _("%s · section %s"), casebook_sector_get_name (row->sector, self->lang),
                            point->label);
  else
    g_string_append (text, casebook_sector_get_name (row->sector, self->lang));

  g_string_append_c (text, '\n');
  /* Translators: a metric family and a value, e.g. "Cost: −40% change" */
  g_string_append_printf (text, _("%s: %s"),
                          casebook_text_get (casebook_stats_get_name (self->stats), self->lang), figure);

  if (point->better == CASEBOOK_BETTER_HIGHER)
    g_string_append_printf (text, "\n%s", _("Higher is better"));
  else if (point->better == CASEBOOK_BETTER_LOWER)
    g_string_append_printf (text, "\n%s", _("Lower is better"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
cell_tooltip (CasebookChartView *self,
              guint              index)
{
  guint n_columns = casebook_coverage_layout_get_n_columns (self->coverage_layout);
  guint m = index / n_columns;
  guint s = index % n_columns;
  const CasebookMetric *metric = casebook_coverage_get_metric (self->coverage, m);
  const char *metric_name = casebook_text_get (metric->name, self->lang);
  g_autofree char *cases = NULL;
  g_autofree char *numbers = NULL;
  guint count, values = 0;
  const char *where;

  if (s < casebook_coverage_get_n_sectors (self->coverage))
    {
      where = casebook_sector_get_name (casebook_coverage_get_sector (self->coverage, s), self->lang);
      count = casebook_coverage_get_count (self->coverage, m, s);
      values = casebook_coverage_get_n_values (self->coverage, m, s);
    }
  else
    {
      where = _("All sectors");
      count = casebook_coverage_get_metric_total (self->coverage, m);
      for (guint i = 0; i < casebook_coverage_get_n_sectors (self->coverage); i++)
        values += casebook_coverage_get_n_values (self->coverage, m, i);
    }

  if (count > 0)
    cases = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case reports it", "%u cases report it", count), count);
  else
    cases = g_strdup (_("No case reports it"));
  numbers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u outcome gives a number",
                                          "%u outcomes give a number", values), values);

  /* Translators: a coverage cell, e.g. "Cost · Finance", then the counts */
  return g_strdup_printf (_("%s · %s\n%s, %s\nClick to compare"), metric_name, where, cases, numbers);
}

static void
set_hover (CasebookChartView *self,
           int                hover)
{
  if (self->hover == hover)
    return;

  self->hover = hover;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hover >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (CasebookChartView        *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  set_hover (self, _casebook_chart_view_get_mark_at (self, x, y));
}

static void
on_leave (CasebookChartView        *self,
          GtkEventControllerMotion *controller)
{
  set_hover (self, -1);
}

static void
on_released (CasebookChartView *self,
             int                n_press,
             double             x,
             double             y,
             GtkGestureClick   *gesture)
{
  int mark = _casebook_chart_view_get_mark_at (self, x, y);

  /* A click anywhere on the chart gives it the keyboard. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (mark < 0)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  casebook_chart_view_set_focus_mark (self, mark);
  _casebook_chart_view_activate_mark (self, (guint) mark);
}

static gboolean
on_key_pressed (CasebookChartView     *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return _casebook_chart_view_move_focus (self, GTK_DIR_LEFT);
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return _casebook_chart_view_move_focus (self, GTK_DIR_RIGHT);
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return _casebook_chart_view_move_focus (self, GTK_DIR_UP);
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return _casebook_chart_view_move_focus (self, GTK_DIR_DOWN);
    case GDK_KEY_Home:
      return _casebook_chart_view_move_focus (self, GTK_DIR_TAB_BACKWARD);
    case GDK_KEY_End:
      return _casebook_chart_view_move_focus (self, GTK_DIR_TAB_FORWARD);
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (self->focus < 0)
        return FALSE;
      _casebook_chart_view_activate_mark (self, (guint) self->focus);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_focus_enter (CasebookChartView       *self,
                GtkEventControllerFocus *controller)
{
  /* Tabbing into the chart puts the focus on its first mark. */
  if (self->focus < 0)
    _casebook_chart_view_move_focus (self, GTK_DIR_TAB_BACKWARD);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_leave (CasebookChartView       *self,
                GtkEventControllerFocus *controller)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_query_tooltip (CasebookChartView *self,
                  int                x,
                  int                y,
                  gboolean           keyboard_mode,
                  GtkTooltip        *tooltip)
{
  g_autofree char *text = NULL;
  int mark;

  mark = keyboard_mode ? self->focus : _casebook_chart_view_get_mark_at (self, x, y);

  if (mark >= 0)
    {
      GdkRectangle area = mark_area (self, (guint) mark);

      text = _casebook_chart_view_get_mark_tooltip (self, (guint) mark);
      gtk_tooltip_set_tip_area (tooltip, &area);
    }
  else if (!keyboard_mode)
    text = casebook_chart_view_get_tooltip_at (self, x, y);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* GtkWidget ---------------------------------------------------------- */

static void
casebook_chart_view_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  CasebookChartView *self = CASEBOOK_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean focused = gtk_widget_has_visible_focus (widget) || gtk_widget_has_focus (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->kind == CHART_NONE)
    return;

  ensure_layout (self, width);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->kind == CHART_COVERAGE)
    {
      CasebookCoverageHighlight highlight = {
        focused ? self->focus : -1, self->hover, self->metric, self->sector,
      };

      casebook_render_coverage_layout (cr, self->coverage_layout, &highlight);
    }
  else
    {
      CasebookCompareHighlight highlight = { focused ? self->focus : -1, self->hover, self->sector };

      casebook_render_compare_layout (cr, self->compare_layout, &highlight);
    }

  cairo_destroy (cr);
}

static GtkSizeRequestMode
casebook_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
casebook_chart_view_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  CasebookChartView *self = CASEBOOK_CHART_VIEW (widget);
  double em = self->theme.font_size;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) ceil (em * 20);
      *natural = (int) ceil (em * 56);
      return;
    }

  if (self->kind == CHART_NONE)
    {
      *minimum = *natural = 0;
      return;
    }

  ensure_layout (self, for_size >= 0 ? for_size : (int) ceil (em * 56));
  if (self->kind == CHART_COVERAGE)
    *minimum = *natural = (int) casebook_coverage_layout_get_height (self->coverage_layout);
  else
    *minimum = *natural = (int) casebook_compare_layout_get_height (self->compare_layout);
}

static void
casebook_chart_view_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  CasebookChartView *self = CASEBOOK_CHART_VIEW (widget);
  double old_size = self->theme.font_size;

  GTK_WIDGET_CLASS (casebook_chart_view_parent_class)->css_changed (widget, change);

  /* Light or dark, backdrop, or a new font: the layout keeps colours and
   * sizes, so it is made again. Only a new font changes the height. */
  update_theme (self);
  clear_layouts (self);
  gtk_widget_queue_draw (widget);
  if (self->theme.font_size != old_size)
    gtk_widget_queue_resize (widget);
}

static void
casebook_chart_view_finalize (GObject *object)
{
  CasebookChartView *self = (CasebookChartView *)object;

  clear_layouts (self);
  g_clear_object (&self->stats);
  g_clear_pointer (&self->coverage, casebook_coverage_unref);
  g_clear_pointer (&self->metric, g_free);
  g_clear_pointer (&self->sector, g_free);
  g_clear_pointer (&self->font_family, g_free);

  G_OBJECT_CLASS (casebook_chart_view_parent_class)->finalize (object);
}

static void
casebook_chart_view_class_init (CasebookChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = casebook_chart_view_finalize;

  widget_class->snapshot = casebook_chart_view_snapshot;
  widget_class->get_request_mode = casebook_chart_view_get_request_mode;
  widget_class->measure = casebook_chart_view_measure;
  widget_class->css_changed = casebook_chart_view_css_changed;

  /**
   * CasebookChartView::case-activated:
   * @id: the case whose mark was clicked or activated
   */
  signals[CASE_ACTIVATED] = g_signal_new ("case-activated",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CasebookChartView::cell-activated:
   * @metric: the metric family of the coverage cell
   * @sector: (nullable): its sector, or %NULL for the total column
   */
  signals[CELL_ACTIVATED] = g_signal_new ("cell-activated",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
casebook_chart_view_init (CasebookChartView *self)
{
  GtkEventController *controller;
  GtkGesture *click;

  self->lang = CASEBOOK_LANG_EN;
  self->hover = -1;
  self->focus = -1;
  self->layout_width = -1;
  casebook_render_theme_init_default (&self->theme);
  self->theme.font_size = 14.667;
  self->background = (CasebookRenderColor) { 1, 1, 1, 1 };

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect_swapped (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_accessible (self);
}

/* Public API ------------------------------------------------------------ */

/**
 * casebook_chart_view_set_stats:
 * @stats: (nullable): the numbers to compare; %NULL shows "no data"
 * @lang: the language of the texts
 *
 * Shows the Compare chart of @stats.
 */
void
casebook_chart_view_set_stats (CasebookChartView *self,
                               CasebookStats     *stats,
                               CasebookLang       lang)
{
  g_return_if_fail (CASEBOOK_IS_CHART_VIEW (self));
  g_return_if_fail (stats == NULL || CASEBOOK_IS_STATS (stats));

  g_set_object (&self->stats, stats);
  g_clear_pointer (&self->coverage, casebook_coverage_unref);
  self->kind = CHART_COMPARE;
  self->lang = lang;
  data_changed (self);
}

/**
 * _casebook_chart_view_get_stats:
 *
 * Returns: (transfer none) (nullable): the numbers shown
 */
CasebookStats *
_casebook_chart_view_get_stats (CasebookChartView *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CHART_VIEW (self), NULL);
  return self->stats;
}

/**
 * casebook_chart_view_set_coverage:
 * @coverage: (nullable): the counts
 *
 * Shows the coverage overview of @coverage.
 */
void
casebook_chart_view_set_coverage (CasebookChartView *self,
                                  CasebookCoverage  *coverage,
                                  CasebookLang       lang)
{
  g_return_if_fail (CASEBOOK_IS_CHART_VIEW (self));

  if (coverage != NULL)
    casebook_coverage_ref (coverage);
  g_clear_pointer (&self->coverage, casebook_coverage_unref);
  self->coverage = coverage;
  g_clear_object (&self->stats);
  self->kind = CHART_COVERAGE;
  self->lang = lang;
  data_changed (self);
}

/**
 * _casebook_chart_view_get_coverage:
 *
 * Returns: (transfer none) (nullable): the counts shown
 */
CasebookCoverage *
_casebook_chart_view_get_coverage (CasebookChartView *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CHART_VIEW (self), NULL);
  return self->coverage;
}

/**
 * casebook_chart_view_set_selection:
 * @metric: (nullable): the metric family being compared
 * @sector: (nullable): a sector to bring forward
 *
 * The Compare chart highlights the rows of @sector; the coverage overview
 * highlights the row of @metric and outlines its cell for @sector.
 */
void
casebook_chart_view_set_selection (CasebookChartView *self,
                                   const char        *metric,
                                   const char        *sector)
{
  g_return_if_fail (CASEBOOK_IS_CHART_VIEW (self));

  g_free (self->metric);
  self->metric = g_strdup (metric);
  g_free (self->sector);
  self->sector = g_strdup (sector);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/*
 * casebook_chart_view_get_n_marks:
 *
 * Returns: the number of marks: points of the stats, or coverage cells
 */
static guint
casebook_chart_view_get_n_marks (CasebookChartView *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CHART_VIEW (self), 0);

  if (self->kind == CHART_COMPARE && self->stats != NULL)
    return casebook_stats_get_n_points (self->stats);

  if (self->kind == CHART_COVERAGE && self->coverage != NULL)
    return casebook_coverage_get_n_metrics (self->coverage) * (casebook_coverage_get_n_sectors (self->coverage) + 1);

  return 0;
}

/**
 * _casebook_chart_view_get_mark_position:
 * @x: (out): the centre of the mark, in widget coordinates
 * @y: (out): the centre of the mark
 *
 * Returns: %TRUE if @mark is drawn as a mark of its own
 */
gboolean
_casebook_chart_view_get_mark_position (CasebookChartView *self,
                                        guint              mark,
                                        double            *x,
                                        double            *y)
{
  double mx, my;

  g_return_val_if_fail (CASEBOOK_IS_CHART_VIEW (self), FALSE);

  if (mark >= casebook_chart_view_get_n_marks (self) || !mark_geometry (self, mark, &mx, &my, NULL))
    return FALSE;

  if (x != NULL)
    *x = mx;
  if (y != NULL)
    *y = my;
  return TRUE;
}

/**
 * _casebook_chart_view_get_mark_at:
 *
 * Returns: the mark at (@x, @y) in widget coordinates, or -1
 */
int
_casebook_chart_view_get_mark_at (CasebookChartView *self,
                                  double             x,
                                  double             y)
{
  g_return_val_if_fail (CASEBOOK_IS_CHART_VIEW (self), -1);

  ensure_allocated_layout (self);

  if (self->kind == CHART_COMPARE && self->compare_layout != NULL)
    return casebook_compare_layout_hit_test (self->compare_layout, x, y);
  if (self->kind == CHART_COVERAGE && self->coverage_layout != NULL)
    return casebook_coverage_layout_hit_test (self->coverage_layout, x, y);

  return -1;
}

/**
 * _casebook_chart_view_get_mark_tooltip:
 *
 * What the tooltip of @mark says: for a case's value, the case, its
 * sector, the value with its unit and which way is better; for a coverage
 * cell, the family, the sector and the counts.
 *
 * Returns: (transfer full) (nullable): the text
 */
char *
_casebook_chart_view_get_mark_tooltip (CasebookChartView *self,
                                       guint              mark)
{
  g_return_val_if_fail (CASEBOOK_IS_CHART_VIEW (self), NULL);

  if (mark >= casebook_chart_view_get_n_marks (self))
    return NULL;

  ensure_allocated_layout (self);

  if (self->kind == CHART_COMPARE)
    return point_tooltip (self, mark);
  if (self->kind == CHART_COVERAGE)
    return cell_tooltip (self, mark);

  return NULL;
}

/*
 * casebook_chart_view_get_tooltip_at:
 *
 * The tooltip at a place without a mark of its own: a part of a density
 * strip, which stands for many values.
 *
 * Returns: (transfer full) (nullable): the text
 */
static char *
casebook_chart_view_get_tooltip_at (CasebookChartView *self,
                                    double             x,
                                    double             y)
{
  const CasebookStatsPanel *panel;
  CasebookCompareBin bin;
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;

  g_return_val_if_fail (CASEBOOK_IS_CHART_VIEW (self), NULL);

  ensure_allocated_layout (self);

  if (self->kind != CHART_COMPARE || self->compare_layout == NULL ||
      !casebook_compare_layout_get_bin_at (self->compare_layout, x, y, &bin))
    return NULL;

  panel = casebook_stats_get_panel (self->stats, bin.panel);
  lo = casebook_format_value_for_scale (panel->scale, panel->unit, bin.lo, self->lang);
  hi = casebook_format_value_for_scale (panel->scale, panel->unit, bin.hi, self->lang);

  /* Translators: a part of a dense row of a chart, e.g. "Finance: 120 values from −40% to −39%" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u value from %s to %s", "%s: %u values from %s to %s",
                                       bin.count),
                          casebook_sector_get_name (panel->rows[bin.row].sector, self->lang), bin.count, lo, hi);
}

/**
 * _casebook_chart_view_activate_mark:
 *
 * Does what a click on @mark does: emits #CasebookChartView::case-activated
 * for a case's value, #CasebookChartView::cell-activated for a coverage
 * cell.
 */
void
_casebook_chart_view_activate_mark (CasebookChartView *self,
                                    guint              mark)
{
  g_return_if_fail (CASEBOOK_IS_CHART_VIEW (self));

  if (mark >= casebook_chart_view_get_n_marks (self))
    return;

  if (self->kind == CHART_COMPARE)
    {
      const CasebookStatsPoint *point = casebook_stats_get_point (self->stats, mark);

      g_signal_emit (self, signals[CASE_ACTIVATED], 0, point->case_id);
    }
  else if (self->kind == CHART_COVERAGE)
    {
      guint n_columns = casebook_coverage_get_n_sectors (self->coverage) + 1;
      guint m = mark / n_columns;
      guint s = mark % n_columns;
      const char *sector = s + 1 < n_columns ? casebook_coverage_get_sector (self->coverage, s)->key : NULL;

      g_signal_emit (self, signals[CELL_ACTIVATED], 0, casebook_coverage_get_metric (self->coverage, m)->key, sector);
    }
}

int
_casebook_chart_view_get_focus_mark (CasebookChartView *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CHART_VIEW (self), -1);
  return self->focus;
}

/*
 * casebook_chart_view_set_focus_mark:
 * @mark: a mark, or -1 for none
 *
 * Puts the keyboard focus ring on @mark and tells assistive technology
 * what it is.
 */
static void
casebook_chart_view_set_focus_mark (CasebookChartView *self,
                                    int                mark)
{
  g_return_if_fail (CASEBOOK_IS_CHART_VIEW (self));

  if (mark >= (int) casebook_chart_view_get_n_marks (self))
    mark = -1;

  self->focus = mark;

  if (mark >= 0)
    {
      g_autofree char *text = _casebook_chart_view_get_mark_tooltip (self, (guint) mark);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                      -1);
      gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * _casebook_chart_view_move_focus:
 * @direction: %GTK_DIR_LEFT and %GTK_DIR_RIGHT move along a row,
 *   %GTK_DIR_UP and %GTK_DIR_DOWN to the nearest mark of the row above or
 *   below, %GTK_DIR_TAB_BACKWARD and %GTK_DIR_TAB_FORWARD to the first and
 *   last mark
 *
 * Moves the keyboard focus between marks, as the arrow keys do.
 *
 * Returns: %TRUE if the focus moved
 */
gboolean
_casebook_chart_view_move_focus (CasebookChartView *self,
                                 GtkDirectionType   direction)
{
  guint n = casebook_chart_view_get_n_marks (self);
  double fx = 0, fy = 0;
  guint frow = 0;
  int best = -1;
  double best_score = G_MAXDOUBLE;

  g_return_val_if_fail (CASEBOOK_IS_CHART_VIEW (self), FALSE);

  if (n == 0)
    return FALSE;

  if (self->focus < 0 || !mark_geometry (self, (guint) self->focus, &fx, &fy, &frow) ||
      direction == GTK_DIR_TAB_BACKWARD || direction == GTK_DIR_TAB_FORWARD)
    {
      gboolean last = direction == GTK_DIR_TAB_FORWARD;

      for (guint k = 0; k < n; k++)
        {
          guint i = last ? n - 1 - k : k;
          double x, y;

          if (mark_geometry (self, i, &x, &y, NULL))
            {
              casebook_chart_view_set_focus_mark (self, (int) i);
              return TRUE;
            }
        }
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      double x, y, score;
      guint row;

      if ((int) i == self->focus || !mark_geometry (self, i, &x, &y, &row))
        continue;

      switch (direction)
        {
        case GTK_DIR_LEFT:
        case GTK_DIR_RIGHT:
          /* Along the row; marks at the same place go by their order. */
          if (row != frow)
            continue;
          if (direction == GTK_DIR_RIGHT ? (x < fx || (x == fx && (int) i < self->focus))
                                         : (x > fx || (x == fx && (int) i > self->focus)))
            continue;
          score = fabs (x - fx) + fabs ((double) i - self->focus) * 1e-6;
          break;

        case GTK_DIR_UP:
        case GTK_DIR_DOWN:
          /* The nearest row in that direction first, then the nearest mark. */
          if (row == frow || (direction == GTK_DIR_DOWN ? y <= fy : y >= fy))
            continue;
          score = fabs (y - fy) * 10000 + fabs (x - fx);
          break;

        case GTK_DIR_TAB_FORWARD:
        case GTK_DIR_TAB_BACKWARD:
        default:
          continue;
        }

      if (score < best_score)
        {
          best_score = score;
          best = (int) i;
        }
    }

  if (best < 0)
    return FALSE;

  casebook_chart_view_set_focus_mark (self, best);
  return TRUE;
}

/**
 * _casebook_chart_view_get_description:
 *
 * Returns: (transfer full): the chart's accessible description: what it
 *   shows, sector by sector
 */
char *
_casebook_chart_view_get_description (CasebookChartView *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CHART_VIEW (self), NULL);

  if (self->kind == CHART_COVERAGE)
    return describe_coverage (self);

  return describe_compare (self);
}
