/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-facet-row"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-facet-row-private.h"
#include "casebook-resources.h"
#include "casebook-tooltip.h"

/**
 * CasebookFacetRow:
 *
 * One value of a facet in the filter pane: a check mark for the choice,
 * the value's name, for sectors a colour dot, and how many cases have it.
 *
 * The row, not the check button, takes the pointer and the keyboard, so
 * that a click anywhere on it and Space or Enter all flip the choice.
 * For assistive technologies the row is a check box named like
 * "Finance, 4 cases".
 */
struct _CasebookFacetRow
{
  GtkListBoxRow   parent_instance;

  /* Template widgets */
  GtkWidget      *box;
  GtkCheckButton *check;
  GtkDrawingArea *swatch;
  GtkLabel       *label;
  GtkLabel       *count;

  CasebookFacet   facet;
  char           *key;
  guint           n_cases;
  GdkRGBA         color;

  /* For a sector with subsectors: the disclosure button that shows
   * them, made when first needed. */
  GtkToggleButton *expander;

  /* Set while the program, not the person, changes the check mark. */
  gboolean        quiet;
};

/* How far a nested row is set in, in pixels. */
#define INDENT 24

G_DEFINE_FINAL_TYPE (CasebookFacetRow, casebook_facet_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_FACET,
  PROP_KEY,
  PROP_LABEL,
  PROP_COUNT,
  PROP_ACTIVE,
  PROP_EXPANDED,
  N_PROPS
};

enum {
  TOGGLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_accessible_label (CasebookFacetRow *self)
{
  g_autofree char *text = NULL;

  /* Translators: how a screen reader names a filter value, e.g. "Finance, 4 cases" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u case", "%s, %u cases", self->n_cases),
                          gtk_label_get_label (self->label), self->n_cases);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
update_accessible_state (CasebookFacetRow *self)
{
  gboolean active = gtk_check_button_get_active (self->check);

  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_CHECKED,
                               active ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  CasebookFacetRow *self = user_data;
  double r = MIN (width, height) / 2.0;

  gdk_cairo_set_source_rgba (cr, &self->color);
  cairo_arc (cr, width / 2.0, height / 2.0, r, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
on_check_toggled (CasebookFacetRow *self,
                  GtkCheckButton   *check)
{
  update_accessible_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);

  if (!self->quiet)
    g_signal_emit (self, signals[TOGGLED], 0);
}

static void
update_expander (CasebookFacetRow *self)
{
  gboolean expanded = gtk_toggle_button_get_active (self->expander);

  gtk_button_set_icon_name (GTK_BUTTON (self->expander),
                            expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  casebook_tooltip_set_text (GTK_WIDGET (self->expander),
                             expanded ? _("Hide Subsectors") : _("Show Subsectors"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  expanded ? _("Hide Subsectors") : _("Show Subsectors"),
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->expander),
                               GTK_ACCESSIBLE_STATE_EXPANDED, expanded,
                               -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_EXPANDED, expanded,
                               -1);
}

static void
on_expander_toggled (CasebookFacetRow *self,
                     GtkToggleButton  *expander)
{
  update_expander (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

/* Right opens a sector's subsectors and Left closes them, as in a tree. */
static gboolean
on_key_pressed (CasebookFacetRow      *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (self->expander == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->expander)))
    return GDK_EVENT_PROPAGATE;
  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return GDK_EVENT_PROPAGATE;

  if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right || keyval == GDK_KEY_plus || keyval == GDK_KEY_KP_Add)
    {
      casebook_facet_row_set_expanded (self, !rtl || keyval == GDK_KEY_plus || keyval == GDK_KEY_KP_Add);
      return GDK_EVENT_STOP;
    }
  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left || keyval == GDK_KEY_minus || keyval == GDK_KEY_KP_Subtract)
    {
      casebook_facet_row_set_expanded (self, rtl && keyval != GDK_KEY_minus && keyval != GDK_KEY_KP_Subtract);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
casebook_facet_row_dispose (GObject *object)
{
  CasebookFacetRow *self = (CasebookFacetRow *)object;

  /* The list box row keeps its own pointer to its child; let it drop the
   * child before the template's references go. */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_FACET_ROW);

  G_OBJECT_CLASS (casebook_facet_row_parent_class)->dispose (object);
}

static void
casebook_facet_row_finalize (GObject *object)
{
  CasebookFacetRow *self = (CasebookFacetRow *)object;

  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (casebook_facet_row_parent_class)->finalize (object);
}

static void
casebook_facet_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CasebookFacetRow *self = CASEBOOK_FACET_ROW (object);

  switch (prop_id)
    {
    case PROP_FACET:
      g_value_set_int (value, self->facet);
      break;

    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_LABEL:
      g_value_set_string (value, _casebook_facet_row_get_label (self));
      break;

    case PROP_COUNT:
      g_value_set_uint (value, self->n_cases);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, casebook_facet_row_get_active (self));
      break;

    case PROP_EXPANDED:
      g_value_set_boolean (value, casebook_facet_row_get_expanded (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_facet_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CasebookFacetRow *self = CASEBOOK_FACET_ROW (object);

  switch (prop_id)
    {
    case PROP_FACET:
      self->facet = g_value_get_int (value);
      break;

    case PROP_KEY:
      self->key = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      casebook_facet_row_set_label (self, g_value_get_string (value));
      break;

    case PROP_COUNT:
      casebook_facet_row_set_count (self, g_value_get_uint (value));
      break;

    case PROP_ACTIVE:
      casebook_facet_row_set_active (self, g_value_get_boolean (value));
      break;

    case PROP_EXPANDED:
      casebook_facet_row_set_expanded (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_facet_row_class_init (CasebookFacetRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_facet_row_dispose;
  object_class->finalize = casebook_facet_row_finalize;
  object_class->get_property = casebook_facet_row_get_property;
  object_class->set_property = casebook_facet_row_set_property;

  /* The template is in the resources of a static library; using them
   * keeps them, and the constructor that registers them, in any program
   * that uses this widget. */
  (void) casebook_get_resource ();

  properties[PROP_FACET] =
    g_param_spec_int ("facet", NULL, NULL,
                      0, CASEBOOK_N_FACETS - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CasebookFacetRow:expanded:
   *
   * Whether the values nested under this one (a sector's subsectors)
   * show. Only the person opens them: checking the value does not.
   */
  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CasebookFacetRow::toggled:
   *
   * Emitted when the person flips the choice, by pointer or keyboard, or
   * through casebook_facet_row_toggle(); not by
   * casebook_facet_row_set_active().
   */
  signals[TOGGLED] = g_signal_new ("toggled",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_CHECKBOX);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-facet-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookFacetRow, box);
  gtk_widget_class_bind_template_child (widget_class, CasebookFacetRow, check);
  gtk_widget_class_bind_template_child (widget_class, CasebookFacetRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, CasebookFacetRow, label);
  gtk_widget_class_bind_template_child (widget_class, CasebookFacetRow, count);
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled);
}

static void
casebook_facet_row_init (CasebookFacetRow *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  gdk_rgba_parse (&self->color, "#77767b");
  gtk_drawing_area_set_draw_func (self->swatch, draw_swatch, self, NULL);

  /* The row speaks for the check button, so it is not announced twice. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->check),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_label_set_label (self->count, "0");
  update_accessible_state (self);
  update_accessible_label (self);
}

/**
 * casebook_facet_row_new:
 * @facet: the facet the value belongs to
 * @key: the value as the filter knows it, e.g. "finance" or
 *   "finance/Banking"
 *
 * Returns: (transfer floating): a new row, with @key as its label
 */
CasebookFacetRow *
casebook_facet_row_new (CasebookFacet  facet,
                        const char    *key)
{
  g_return_val_if_fail (facet < CASEBOOK_N_FACETS, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_object_new (CASEBOOK_TYPE_FACET_ROW,
                       "facet", (int) facet,
                       "key", key,
                       "label", key,
                       NULL);
}

CasebookFacet
casebook_facet_row_get_facet (CasebookFacetRow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FACET_ROW (self), 0);
  return self->facet;
}

const char *
casebook_facet_row_get_key (CasebookFacetRow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FACET_ROW (self), NULL);
  return self->key;
}

const char *
_casebook_facet_row_get_label (CasebookFacetRow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FACET_ROW (self), NULL);
  return gtk_label_get_label (self->label);
}

void
casebook_facet_row_set_label (CasebookFacetRow *self,
                              const char       *label)
{
  g_return_if_fail (CASEBOOK_IS_FACET_ROW (self));

  if (label == NULL)
    label = "";

  if (g_strcmp0 (gtk_label_get_label (self->label), label) == 0)
    return;

  gtk_label_set_label (self->label, label);
  /* Long product names are cut short; the full name is a hover away. */
  casebook_tooltip_set_text (GTK_WIDGET (self->label), label);
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

guint
_casebook_facet_row_get_count (CasebookFacetRow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FACET_ROW (self), 0);
  return self->n_cases;
}

void
casebook_facet_row_set_count (CasebookFacetRow *self,
                              guint             count)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CASEBOOK_IS_FACET_ROW (self));

  if (self->n_cases == count)
    return;

  self->n_cases = count;
  text = g_strdup_printf ("%u", count);
  gtk_label_set_label (self->count, text);
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

gboolean
casebook_facet_row_get_active (CasebookFacetRow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FACET_ROW (self), FALSE);
  return gtk_check_button_get_active (self->check);
}

/**
 * casebook_facet_row_set_active:
 *
 * Shows whether the value is chosen, without emitting
 * #CasebookFacetRow::toggled: for following a filter that changed.
 */
void
casebook_facet_row_set_active (CasebookFacetRow *self,
                               gboolean          active)
{
  g_return_if_fail (CASEBOOK_IS_FACET_ROW (self));

  self->quiet = TRUE;
  gtk_check_button_set_active (self->check, active);
  self->quiet = FALSE;
}

/**
 * casebook_facet_row_toggle:
 *
 * Flips the choice as the person would, emitting
 * #CasebookFacetRow::toggled.
 */
void
casebook_facet_row_toggle (CasebookFacetRow *self)
{
  g_return_if_fail (CASEBOOK_IS_FACET_ROW (self));

  gtk_check_button_set_active (self->check, !gtk_check_button_get_active (self->check));
}

/**
 * casebook_facet_row_set_color:
 * @color: (nullable): a colour such as "#1c71d8", or %NULL for no dot
 */
void
casebook_facet_row_set_color (CasebookFacetRow *self,
                              const char       *color)
{
  g_return_if_fail (CASEBOOK_IS_FACET_ROW (self));

  if (color == NULL || !gdk_rgba_parse (&self->color, color))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->swatch), FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->swatch), TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self->swatch));
}

/**
 * casebook_facet_row_set_indent:
 *
 * Sets the row in by one level, for a value nested under the row above
 * it (a subsector under its sector).
 */
void
casebook_facet_row_set_indent (CasebookFacetRow *self,
                               gboolean          indent)
{
  g_return_if_fail (CASEBOOK_IS_FACET_ROW (self));

  /* As far in as the check mark is wide, so that the nested check mark
   * lines up with the name of the value above. */
  gtk_widget_set_margin_start (self->box, indent ? INDENT : 0);

  if (indent)
    gtk_widget_add_css_class (GTK_WIDGET (self), "indented");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "indented");
}

/**
 * casebook_facet_row_set_expandable:
 *
 * Gives the row a disclosure button, for a value with values nested under
 * it, or takes it away.
 */
void
casebook_facet_row_set_expandable (CasebookFacetRow *self,
                                   gboolean          expandable)
{
  g_return_if_fail (CASEBOOK_IS_FACET_ROW (self));

  if (self->expander == NULL)
    {
      if (!expandable)
        return;

      self->expander = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
      gtk_widget_set_valign (GTK_WIDGET (self->expander), GTK_ALIGN_CENTER);
      /* The row keeps the keyboard; Right and Left open and close. */
      gtk_widget_set_focusable (GTK_WIDGET (self->expander), FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self->expander), "flat");
      gtk_widget_add_css_class (GTK_WIDGET (self->expander), "circular");
      gtk_widget_add_css_class (GTK_WIDGET (self->expander), "expander");
      g_signal_connect_object (self->expander, "toggled", G_CALLBACK (on_expander_toggled), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->expander));
      update_expander (self);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->expander), expandable);
}

gboolean
casebook_facet_row_get_expanded (CasebookFacetRow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FACET_ROW (self), FALSE);

  return self->expander != NULL && gtk_toggle_button_get_active (self->expander);
}

/**
 * casebook_facet_row_set_expanded:
 *
 * Opens or closes the values nested under this one, if it has any.
 */
void
casebook_facet_row_set_expanded (CasebookFacetRow *self,
                                 gboolean          expanded)
{
  g_return_if_fail (CASEBOOK_IS_FACET_ROW (self));

  if (self->expander == NULL)
    return;

  gtk_toggle_button_set_active (self->expander, expanded);
}
