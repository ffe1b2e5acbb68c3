/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-view-title"

#include "config.h"

#include "casebook-view-title.h"

/* The title of the main window's header: the switcher of its views where
 * there is room for it, and the window's title where there is not.
 *
 * It does what libadwaita's AdwViewSwitcherTitle does, a wide switcher,
 * then a narrow one, then the title, whichever fits first, but makes the
 * narrow switcher only the first time the wide one has no room. Its
 * three buttons are fifty widgets that a window as wide as most never
 * shows, and AdwViewSwitcherTitle builds, styles and measures them
 * before the window's first frame. For the same reason the subtitle
 * reaches the title only once the title has been shown.
 *
 * :title-visible says whether the title shows instead of a switcher, so
 * that the window can offer the switcher elsewhere. It is only said once
 * the narrow switcher has had its chance. */

struct _CasebookViewTitle
{
  GtkWidget        parent_instance;

  AdwSqueezer     *squeezer;
  AdwViewSwitcher *wide_switcher;
  AdwViewSwitcher *narrow_switcher; /* made when first needed */
  AdwWindowTitle  *title_widget;

  char            *subtitle;
  guint            idle_id;
  guint            title_shown : 1;   /* the title has been on screen */
  guint            title_visible : 1;
};

G_DEFINE_FINAL_TYPE (CasebookViewTitle, casebook_view_title, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STACK,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_TITLE_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
showing_title (CasebookViewTitle *self)
{
  return adw_squeezer_get_visible_child (self->squeezer) == GTK_WIDGET (self->title_widget);
}

/* Out of the layout the squeezer chose the title in: adding a child or
 * a subtitle then would change sizes in the middle of it. */
static gboolean
complete (gpointer data)
{
  CasebookViewTitle *self = data;

  self->idle_id = 0;

  if (self->narrow_switcher == NULL)
    {
      g_autoptr(AdwWindowTitle) title = g_object_ref (self->title_widget);

      self->narrow_switcher = ADW_VIEW_SWITCHER (adw_view_switcher_new ());
      adw_view_switcher_set_policy (self->narrow_switcher, ADW_VIEW_SWITCHER_POLICY_NARROW);
      gtk_widget_set_halign (GTK_WIDGET (self->narrow_switcher), GTK_ALIGN_CENTER);
      adw_view_switcher_set_stack (self->narrow_switcher, adw_view_switcher_get_stack (self->wide_switcher));

      /* The squeezer shows the first child that fits: the title goes last. */
      adw_squeezer_remove (self->squeezer, GTK_WIDGET (title));
      adw_squeezer_add (self->squeezer, GTK_WIDGET (self->narrow_switcher));
      adw_squeezer_add (self->squeezer, GTK_WIDGET (title));
    }

  if (!self->title_shown)
    {
      self->title_shown = TRUE;
      adw_window_title_set_subtitle (self->title_widget, self->subtitle != NULL ? self->subtitle : "");
    }

  return G_SOURCE_REMOVE;
}

static void
update_title_visible (CasebookViewTitle *self)
{
  gboolean visible = showing_title (self);

  if (visible && (self->narrow_switcher == NULL || !self->title_shown))
    {
      if (self->idle_id == 0)
        self->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, complete, self, NULL);
      if (self->narrow_switcher == NULL)
        return;
    }

  if (self->title_visible == visible)
    return;

  self->title_visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE_VISIBLE]);
}

static void
on_visible_child (CasebookViewTitle *self)
{
  update_title_visible (self);
}

static void
casebook_view_title_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  CasebookViewTitle *self = CASEBOOK_VIEW_TITLE (widget);

  gtk_widget_measure (GTK_WIDGET (self->squeezer), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* The squeezer chooses its child as it is allocated; a narrow switcher
 * made since then is tried in the next layout, and only what that
 * chooses is reported. */
static void
casebook_view_title_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  CasebookViewTitle *self = CASEBOOK_VIEW_TITLE (widget);

  gtk_widget_allocate (GTK_WIDGET (self->squeezer), width, height, baseline, NULL);
  update_title_visible (self);
}

static void
casebook_view_title_dispose (GObject *object)
{
  CasebookViewTitle *self = CASEBOOK_VIEW_TITLE (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_VIEW_TITLE);

  G_OBJECT_CLASS (casebook_view_title_parent_class)->dispose (object);
}

static void
casebook_view_title_finalize (GObject *object)
{
  CasebookViewTitle *self = CASEBOOK_VIEW_TITLE (object);

  g_free (self->subtitle);

  G_OBJECT_CLASS (casebook_view_title_parent_class)->finalize (object);
}

static void
casebook_view_title_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CasebookViewTitle *self = CASEBOOK_VIEW_TITLE (object);

  switch (prop_id)
    {
    case PROP_STACK:
      g_value_set_object (value, casebook_view_title_get_stack (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, casebook_view_title_get_title (self));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, casebook_view_title_get_subtitle (self));
      break;
    case PROP_TITLE_VISIBLE:
      g_value_set_boolean (value, casebook_view_title_get_title_visible (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_view_title_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CasebookViewTitle *self = CASEBOOK_VIEW_TITLE (object);

  switch (prop_id)
    {
    case PROP_STACK:
      casebook_view_title_set_stack (self, g_value_get_object (value));
      break;
    case PROP_TITLE:
      casebook_view_title_set_title (self, g_value_get_string (value));
      break;
    case PROP_SUBTITLE:
      casebook_view_title_set_subtitle (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_view_title_class_init (CasebookViewTitleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_view_title_dispose;
  object_class->finalize = casebook_view_title_finalize;
  object_class->get_property = casebook_view_title_get_property;
  object_class->set_property = casebook_view_title_set_property;

  widget_class->measure = casebook_view_title_measure;
  widget_class->size_allocate = casebook_view_title_size_allocate;

  properties[PROP_STACK] =
    g_param_spec_object ("stack", NULL, NULL, ADW_TYPE_VIEW_STACK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE_VISIBLE] =
    g_param_spec_boolean ("title-visible", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-view-title.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookViewTitle, squeezer);
  gtk_widget_class_bind_template_child (widget_class, CasebookViewTitle, wide_switcher);
  gtk_widget_class_bind_template_child (widget_class, CasebookViewTitle, title_widget);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_child);
}

static void
casebook_view_title_init (CasebookViewTitle *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * casebook_view_title_get_stack:
 *
 * Returns: (transfer none) (nullable): the stack whose views the title switches
 */
AdwViewStack *
casebook_view_title_get_stack (CasebookViewTitle *self)
{
  g_return_val_if_fail (CASEBOOK_IS_VIEW_TITLE (self), NULL);

  return adw_view_switcher_get_stack (self->wide_switcher);
}

void
casebook_view_title_set_stack (CasebookViewTitle *self,
                               AdwViewStack      *stack)
{
  g_return_if_fail (CASEBOOK_IS_VIEW_TITLE (self));
  g_return_if_fail (stack == NULL || ADW_IS_VIEW_STACK (stack));

  if (adw_view_switcher_get_stack (self->wide_switcher) == stack)
    return;

  adw_view_switcher_set_stack (self->wide_switcher, stack);
  if (self->narrow_switcher != NULL)
    adw_view_switcher_set_stack (self->narrow_switcher, stack);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACK]);
}

const char *
casebook_view_title_get_title (CasebookViewTitle *self)
{
  g_return_val_if_fail (CASEBOOK_IS_VIEW_TITLE (self), NULL);

  return adw_window_title_get_title (self->title_widget);
}

void
casebook_view_title_set_title (CasebookViewTitle *self,
                               const char        *title)
{
  g_return_if_fail (CASEBOOK_IS_VIEW_TITLE (self));

  if (g_strcmp0 (adw_window_title_get_title (self->title_widget), title) == 0)
    return;

  adw_window_title_set_title (self->title_widget, title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
casebook_view_title_get_subtitle (CasebookViewTitle *self)
{
  g_return_val_if_fail (CASEBOOK_IS_VIEW_TITLE (self), NULL);

  return self->subtitle != NULL ? self->subtitle : "";
}

/**
 * casebook_view_title_set_subtitle:
 *
 * Sets the line under the title, shown with it where there is no room
 * for the switcher.
 */
void
casebook_view_title_set_subtitle (CasebookViewTitle *self,
                                  const char        *subtitle)
{
  g_return_if_fail (CASEBOOK_IS_VIEW_TITLE (self));

  if (g_strcmp0 (self->subtitle, subtitle) == 0)
    return;

  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);

  if (self->title_shown)
    adw_window_title_set_subtitle (self->title_widget, subtitle != NULL ? subtitle : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

/**
 * casebook_view_title_get_title_visible:
 *
 * Returns: whether the title shows instead of a view switcher
 */
gboolean
casebook_view_title_get_title_visible (CasebookViewTitle *self)
{
  g_return_val_if_fail (CASEBOOK_IS_VIEW_TITLE (self), FALSE);

  return self->title_visible;
}
