/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-store-read.h"
#include "casebook-window-private.h"

/* The store's health while the window is up. Opening the store reads the
 * whole file only after an unclean shutdown, so a while after the window
 * is first drawn the store is checked on a worker thread, where it costs
 * no frame. Damage that check finds, or that any query runs into, shows
 * a banner that offers to start over: the damaged store is kept aside,
 * untouched, and a new one takes its place. */

/* Long enough for the first page and the facet counts to have been read;
 * CASEBOOK_CHECK_DELAY_MS overrides it, for tests. */
#define CHECK_DELAY_MS 5000

static guint
check_delay_ms (void)
{
  const char *value = g_getenv ("CASEBOOK_CHECK_DELAY_MS");
  guint64 ms;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, 600000, &ms, NULL))
    return (guint) ms;

  return CHECK_DELAY_MS;
}

static void
show_damage (CasebookWindow *self)
{
  gboolean read_only;

  if (self->store == NULL || gtk_revealer_get_reveal_child (self->damage_banner))
    return;

  read_only = casebook_store_is_read_only (self->store);
  gtk_widget_set_visible (GTK_WIDGET (self->damage_button), !read_only);
  gtk_label_set_label (self->damage_label,
                       read_only
                       ? _("The case store is damaged, and it is read-only. Restore it from a backup.")
                       : _("The case store is damaged. Cases may be missing or fail to open."));
  /* Hidden until now, so that the window never measures it for nothing. */
  gtk_widget_set_visible (GTK_WIDGET (self->damage_banner), TRUE);
  gtk_revealer_set_reveal_child (self->damage_banner, TRUE);
}

static gboolean
check_store (CasebookStore  *reader,
             gpointer        data,
             GCancellable   *cancellable,
             GError        **error)
{
  return casebook_store_check_integrity (reader, cancellable, error);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CasebookWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  casebook_store_read_finish (CASEBOOK_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->integrity_cancellable);

  /* The store also says so through "damaged"; the banner shows once. */
  if (g_error_matches (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_CORRUPT))
    show_damage (self);
  else if (error != NULL)
    g_debug ("Could not check the store: %s", error->message);
}

static gboolean
start_check (gpointer user_data)
{
  CasebookWindow *self = user_data;

  self->integrity_timeout = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;

  self->integrity_cancellable = g_cancellable_new ();
  casebook_store_read_async (self->store, check_store, NULL, NULL, self->integrity_cancellable,
                             on_checked, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
on_map_schedule_check (CasebookWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, on_map_schedule_check, NULL);

  if (self->integrity_timeout == 0 && self->integrity_cancellable == NULL)
    self->integrity_timeout = g_timeout_add (check_delay_ms (), start_check, self);
}

/* Shows the banner when the store finds damage, and checks the whole
 * store a while after the window is mapped. A store that was just moved
 * aside and made anew needs no check. */
void
_casebook_window_watch_integrity (CasebookWindow *self)
{
  g_signal_connect_object (self->store, "damaged", G_CALLBACK (show_damage), self, G_CONNECT_SWAPPED);

  if (casebook_store_get_moved_aside (self->store) != NULL)
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    on_map_schedule_check (self);
  else
    g_signal_connect (self, "map", G_CALLBACK (on_map_schedule_check), NULL);
}

/* Stops the check, when the window goes or the store is replaced. */
void
_casebook_window_stop_integrity (CasebookWindow *self)
{
  g_clear_handle_id (&self->integrity_timeout, g_source_remove);
  if (self->integrity_cancellable != NULL)
    g_cancellable_cancel (self->integrity_cancellable);
  g_clear_object (&self->integrity_cancellable);
}

static void
on_start_over_response (CasebookWindow   *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *shown = NULL;

  if (g_strcmp0 (response, "start-over") != 0 || self->store == NULL)
    return;

  _casebook_window_stop_integrity (self);

  if (!casebook_store_start_over (self->store, &error))
    {
      _casebook_window_show_error (self, _("Could Not Start Over"), error->message);
      return;
    }

  /* The message that follows covers the window: no need to slide out. */
  gtk_revealer_set_reveal_child (self->damage_banner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->damage_banner), FALSE);

  shown = g_filename_display_name (casebook_store_get_moved_aside (self->store));
  /* Translators: %s is the file name the damaged store was kept under */
  body = g_strdup_printf (_("The damaged store was kept, untouched, as “%s”. The new store holds the "
                            "cases that come with Casebook; import the cases of your own that you "
                            "exported."), shown);
  _casebook_window_show_error (self, _("A New Store Was Started"), body);
}

/* The banner's button: starting over is not undone, so it asks first. */
void
_casebook_window_ask_start_over (CasebookWindow *self)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (CASEBOOK_IS_WINDOW (self));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Start Over With a New Store?"),
                                                       _("Casebook will keep the damaged store, untouched, "
                                                         "under a new name beside it, and start a new store "
                                                         "with the cases that come with Casebook. Cases of "
                                                         "your own can then be imported again from a file "
                                                         "you exported them to.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "start-over", _("_Start Over"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "start-over", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_start_over_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}
