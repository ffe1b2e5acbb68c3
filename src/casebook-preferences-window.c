/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-preferences-window.h"

/**
 * CasebookPreferencesWindow:
 *
 * The preferences: for now, the language the cases are shown in. The
 * choice is written to GSettings at once and the window follows it.
 */
struct _CasebookPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *language_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (CasebookPreferencesWindow, casebook_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The rows of the combo, in order, and the settings nick of each. */
static const char * const language_nicks[] = { "system", "zh", "en" };

static gboolean
language_to_row (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (language_nicks); i++)
    {
      if (g_strcmp0 (nick, language_nicks[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
row_to_language (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  guint row = g_value_get_uint (value);

  if (row >= G_N_ELEMENTS (language_nicks))
    return NULL;

  return g_variant_new_string (language_nicks[row]);
}

static void
casebook_preferences_window_dispose (GObject *object)
{
  CasebookPreferencesWindow *self = (CasebookPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (casebook_preferences_window_parent_class)->dispose (object);
}

static void
casebook_preferences_window_class_init (CasebookPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookPreferencesWindow, language_row);
}

static void
casebook_preferences_window_init (CasebookPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * casebook_preferences_window_new:
 * @settings: (nullable): where the choices are kept
 *
 * Returns: (transfer full): a new preferences window
 */
CasebookPreferencesWindow *
casebook_preferences_window_new (GSettings *settings)
{
  CasebookPreferencesWindow *self = g_object_new (CASEBOOK_TYPE_PREFERENCES_WINDOW, NULL);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_settings_bind_with_mapping (settings, "content-language",
                                    self->language_row, "selected",
                                    G_SETTINGS_BIND_DEFAULT,
                                    language_to_row, row_to_language, NULL, NULL);
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->language_row), FALSE);

  return self;
}
