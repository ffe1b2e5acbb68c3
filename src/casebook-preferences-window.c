/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-preferences-window.h"
#include "casebook-store-subscriptions.h"
#include "casebook-subscription-row.h"
#include "casebook-window-private.h"

/**
 * CasebookPreferencesWindow:
 *
 * The preferences: the language the cases are shown in, written to
 * GSettings at once for the window to follow, and the subscriptions of
 * a window's store, which the window refreshes and removes
 * (casebook-window-subscriptions.c) and says when they changed.
 */
struct _CasebookPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *language_row;
  AdwPreferencesPage   *subscriptions_page;
  GtkListBox           *subscriptions_list;
  GtkButton            *refresh_all_button;
  GtkButton            *subscribe_button;

  GSettings            *settings;
  CasebookWindow       *window;
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

/* Subscriptions */

static void
on_row_refresh (CasebookPreferencesWindow *self,
                CasebookSubscriptionRow   *row)
{
  if (self->window != NULL)
    _casebook_window_refresh_subscriptions (self->window, casebook_subscription_row_get_url (row), TRUE);
}

static void
on_row_unsubscribe (CasebookPreferencesWindow *self,
                    CasebookSubscriptionRow   *row)
{
  if (self->window != NULL)
    _casebook_window_unsubscribe (self->window, GTK_WINDOW (self), casebook_subscription_row_get_url (row));
}

static void
on_refresh_all_clicked (CasebookPreferencesWindow *self)
{
  if (self->window != NULL)
    _casebook_window_refresh_subscriptions (self->window, NULL, TRUE);
}

static void
on_subscribe_clicked (CasebookPreferencesWindow *self)
{
  if (self->window != NULL)
    _casebook_window_subscribe (self->window, GTK_WINDOW (self), NULL);
}

static void
load_subscriptions (CasebookPreferencesWindow *self)
{
  CasebookStore *store = self->window != NULL ? _casebook_window_get_store (self->window) : NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *old;
  gboolean busy;

  /* Rows only: the placeholder that says there are none is a child too. */
  while ((old = gtk_list_box_get_row_at_index (self->subscriptions_list, 0)) != NULL)
    gtk_list_box_remove (self->subscriptions_list, GTK_WIDGET (old));

  if (store != NULL)
    list = casebook_store_list_subscriptions (store, &error);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      CasebookSubscription *sub = g_ptr_array_index (list, i);
      CasebookSubscriptionRow *row = casebook_subscription_row_new (sub, _casebook_window_get_lang (self->window));

      casebook_subscription_row_set_busy (row, _casebook_window_is_refreshing (self->window,
                                                                               casebook_subscription_get_url (sub)));
      g_signal_connect_object (row, "refresh", G_CALLBACK (on_row_refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "unsubscribe", G_CALLBACK (on_row_unsubscribe), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->subscriptions_list, GTK_WIDGET (row));
    }

  busy = self->window != NULL && _casebook_window_is_refreshing (self->window, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_all_button),
                            !busy && list != NULL && list->len > 0 && !casebook_store_is_read_only (store));
  gtk_widget_set_sensitive (GTK_WIDGET (self->subscribe_button),
                            store != NULL && !casebook_store_is_read_only (store));
}

static void
casebook_preferences_window_dispose (GObject *object)
{
  CasebookPreferencesWindow *self = (CasebookPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->window);

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
  gtk_widget_class_bind_template_child (widget_class, CasebookPreferencesWindow, subscriptions_page);
  gtk_widget_class_bind_template_child (widget_class, CasebookPreferencesWindow, subscriptions_list);
  gtk_widget_class_bind_template_child (widget_class, CasebookPreferencesWindow, refresh_all_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookPreferencesWindow, subscribe_button);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_all_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_subscribe_clicked);
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

/**
 * casebook_preferences_window_set_window:
 * @window: (nullable): the window whose store's subscriptions to list
 *
 * Lists the subscriptions of @window's store, and keeps the list up to
 * date as @window refreshes and changes them. Without a window, or one
 * without a store, the Subscriptions page is hidden.
 */
void
casebook_preferences_window_set_window (CasebookPreferencesWindow *self,
                                        CasebookWindow            *window)
{
  g_return_if_fail (CASEBOOK_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (window == NULL || CASEBOOK_IS_WINDOW (window));

  if (self->window != NULL)
    g_signal_handlers_disconnect_by_func (self->window, load_subscriptions, self);
  g_set_weak_pointer (&self->window, window);
  if (window != NULL)
    g_signal_connect_object (window, "subscriptions-changed", G_CALLBACK (load_subscriptions), self,
                             G_CONNECT_SWAPPED);

  gtk_widget_set_visible (GTK_WIDGET (self->subscriptions_page),
                          window != NULL && _casebook_window_get_store (window) != NULL);
  load_subscriptions (self);
}

/**
 * casebook_preferences_window_show_subscriptions:
 *
 * Shows the Subscriptions page.
 */
void
casebook_preferences_window_show_subscriptions (CasebookPreferencesWindow *self)
{
  g_return_if_fail (CASEBOOK_IS_PREFERENCES_WINDOW (self));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->subscriptions_page));
}
