/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "casebook-format.h"
#include "casebook-parts.h"
#include "casebook-render-timeline.h"
#include "casebook-timeline-private.h"

/**
 * CasebookTimeline:
 *
 * The phases of a case on a year axis. The drawing itself is
 * casebook_render_timeline(), which print and export share; this widget
 * feeds it the colours and font of its style and keeps the result as a
 * render node until the phases, the size or the style change.
 */
struct _CasebookTimeline
{
  GtkWidget            parent_instance;

  GPtrArray           *phases;
  CasebookLang         lang;

  CasebookRenderTheme  theme;
  char                *font_family;

  GskRenderNode       *cache;
};

G_DEFINE_FINAL_TYPE (CasebookTimeline, casebook_timeline, GTK_TYPE_WIDGET)

/* libadwaita's accent, for a style that does not define one. It reads on
 * light and dark backgrounds alike. */
#define FALLBACK_ACCENT "#3584e4"

static CasebookPhase *
copy_phase (const CasebookPhase *phase)
{
  CasebookPhase *copy = casebook_phase_new ();

  g_clear_pointer (&copy->name, casebook_text_free);
  copy->name = phase->name != NULL ? casebook_text_copy (phase->name) : casebook_text_new (NULL, NULL);
  copy->start = phase->start;
  copy->end = phase->end;

  return copy;
}

static CasebookRenderColor
render_color (const GdkRGBA *rgba,
              double         alpha)
{
  return (CasebookRenderColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha };
}

static void
invalidate (CasebookTimeline *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Colours and font from the widget's style: the foreground for text, fainter
 * shades of it for secondary text and the grid, and the named accent colours
 * of libadwaita for the bars. GTK 4.8 has no public way to look up a named
 * colour other than the style context. */
static void
update_theme (CasebookTimeline *self)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  PangoContext *pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (pango);
  GdkRGBA fg, accent, accent_fg;
  double size = 0;

  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, FALLBACK_ACCENT);
  if (!gtk_style_context_lookup_color (context, "accent_fg_color", &accent_fg))
    gdk_rgba_parse (&accent_fg, "#ffffff");
  G_GNUC_END_IGNORE_DEPRECATIONS

  self->theme.foreground = render_color (&fg, 1.0);
  self->theme.dim_foreground = render_color (&fg, 0.55);
  self->theme.grid = render_color (&fg, 0.15);
  self->theme.accent = render_color (&accent, 1.0);
  self->theme.accent_foreground = render_color (&accent_fg, 1.0);

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

static void
update_accessible (CasebookTimeline *self)
{
  g_autoptr(GString) description = g_string_new (NULL);

  for (guint i = 0; i < self->phases->len; i++)
    {
      const CasebookPhase *phase = g_ptr_array_index (self->phases, i);
      g_autofree char *span = casebook_format_phase_span (phase);

      if (description->len > 0)
        g_string_append (description, "; ");
      /* Translators: one phase in the spoken description of a timeline,
       * e.g. "Infrastructure virtualization: 2023" */
      g_string_append_printf (description, _("%s: %s"),
                              casebook_text_get (phase->name, self->lang), span);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

static gboolean
on_query_tooltip (CasebookTimeline *self,
                  int               x,
                  int               y,
                  gboolean          keyboard_mode,
                  GtkTooltip       *tooltip)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  if (keyboard_mode)
    return FALSE;

  for (guint i = 0; i < self->phases->len; i++)
    {
      const CasebookPhase *phase = g_ptr_array_index (self->phases, i);
      cairo_rectangle_t bar;

      if (casebook_render_timeline_get_bar (self->phases, width, &self->theme, self->lang, i, &bar) &&
          x >= bar.x && x < bar.x + bar.width && y >= bar.y && y < bar.y + bar.height)
        {
          g_autofree char *span = casebook_format_phase_span (phase);
          g_autofree char *text = g_strdup_printf ("%s\n%s", casebook_text_get (phase->name, self->lang), span);

          gtk_tooltip_set_text (tooltip, text);
          gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) bar.x, (int) bar.y,
                                                               (int) ceil (bar.width),
                                                               (int) ceil (bar.height) });
          return TRUE;
        }
    }

  return FALSE;
}

static void
casebook_timeline_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  CasebookTimeline *self = CASEBOOK_TIMELINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0 || self->phases->len == 0)
    return;

  if (self->cache == NULL)
    {
      GtkSnapshot *cache_snapshot = gtk_snapshot_new ();
      cairo_t *cr = gtk_snapshot_append_cairo (cache_snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

      casebook_render_timeline (cr, width, height, self->phases, self->lang, &self->theme);
      cairo_destroy (cr);
      self->cache = gtk_snapshot_free_to_node (cache_snapshot);
    }

  if (self->cache != NULL)
    gtk_snapshot_append_node (snapshot, self->cache);
}

static GtkSizeRequestMode
casebook_timeline_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
casebook_timeline_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  CasebookTimeline *self = CASEBOOK_TIMELINE (widget);
  double em = self->theme.font_size;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Narrow enough for a phone; the names move above the bars there. */
      *minimum = (int) ceil (em * 16);
      *natural = (int) ceil (em * 48);
    }
  else
    {
      double width = for_size >= 0 ? for_size : em * 48;

      *minimum = *natural = (int) ceil (casebook_render_timeline_measure (self->phases, width,
                                                                           &self->theme, self->lang));
    }
}

static void
casebook_timeline_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  CasebookTimeline *self = CASEBOOK_TIMELINE (widget);
  graphene_rect_t bounds;

  if (self->cache != NULL)
    {
      gsk_render_node_get_bounds (self->cache, &bounds);
      if (bounds.size.width != width || bounds.size.height != height)
        g_clear_pointer (&self->cache, gsk_render_node_unref);
    }
}

static void
casebook_timeline_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  CasebookTimeline *self = CASEBOOK_TIMELINE (widget);
  double old_size = self->theme.font_size;

  GTK_WIDGET_CLASS (casebook_timeline_parent_class)->css_changed (widget, change);

  /* Colours change with the state (backdrop) and the style (dark); only a
   * new font changes the size the timeline needs. */
  update_theme (self);
  invalidate (self);
  if (self->theme.font_size != old_size)
    gtk_widget_queue_resize (widget);
}

static void
casebook_timeline_finalize (GObject *object)
{
  CasebookTimeline *self = (CasebookTimeline *)object;

  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_clear_pointer (&self->phases, g_ptr_array_unref);
  g_clear_pointer (&self->font_family, g_free);

  G_OBJECT_CLASS (casebook_timeline_parent_class)->finalize (object);
}

static void
casebook_timeline_class_init (CasebookTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = casebook_timeline_finalize;

  widget_class->snapshot = casebook_timeline_snapshot;
  widget_class->get_request_mode = casebook_timeline_get_request_mode;
  widget_class->measure = casebook_timeline_measure;
  widget_class->size_allocate = casebook_timeline_size_allocate;
  widget_class->css_changed = casebook_timeline_css_changed;

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
casebook_timeline_init (CasebookTimeline *self)
{
  self->phases = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_phase_free);
  self->lang = CASEBOOK_LANG_EN;
  casebook_render_theme_init_default (&self->theme);
  self->theme.font_size = 14.667;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect_swapped (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline of the phases"),
                                  -1);
}

/**
 * casebook_timeline_set_phases:
 * @phases: (element-type CasebookPhase) (nullable): the phases to show;
 *   they are copied, so the case they belong to may go away
 * @lang: the language of the phase names
 *
 * Shows @phases, or nothing for %NULL or an empty array.
 */
void
casebook_timeline_set_phases (CasebookTimeline *self,
                              GPtrArray        *phases,
                              CasebookLang      lang)
{
  g_return_if_fail (CASEBOOK_IS_TIMELINE (self));

  g_ptr_array_set_size (self->phases, 0);
  for (guint i = 0; phases != NULL && i < phases->len; i++)
    g_ptr_array_add (self->phases, copy_phase (g_ptr_array_index (phases, i)));
  self->lang = lang;

  update_accessible (self);
  invalidate (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * _casebook_timeline_get_n_phases:
 *
 * Returns: how many phases the timeline shows
 */
guint
_casebook_timeline_get_n_phases (CasebookTimeline *self)
{
  g_return_val_if_fail (CASEBOOK_IS_TIMELINE (self), 0);

  return self->phases->len;
}
