/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-fetch.h"
#include "casebook-store-subscriptions.h"
#include "casebook-subscribe-dialog.h"
#include "casebook-subscription-row.h"
#include "casebook-toast.h"
#include "casebook-window-private.h"

/* Subscriptions in the window: subscribing through the address dialog, a
 * cancellable fetch and a preview; refreshing in the background once a
 * day and on demand, with a toast only when something changed or went
 * wrong; unsubscribing, which asks first when the person's notes, tags
 * or collections refer to the cases that go. The Preferences page
 * (casebook-preferences-window.c) lists the subscriptions and calls the
 * functions below; the window tells it of every change through
 * #CasebookWindow::subscriptions-changed.
 *
 * The window also keeps, for the case list and the case page, the name
 * of the subscription each subscribed case comes from. */

/* How long after the window is up the refresh on start begins, so that
 * it never competes with the first frames. CASEBOOK_SUBSCRIPTION_DELAY_MS
 * overrides it, for tests. */
#define REFRESH_DELAY_MS 3000

typedef struct
{
  /* Subscribing: the fetch under way and the dialog that shows it. */
  GCancellable *fetch_cancellable;
  GtkWidget    *progress_dialog;
  GtkWindow    *parent;

  /* Refreshing: the URLs still to do, the one under way, and what the
   * ones done so far did. */
  GQueue        queue;
  char         *refreshing;
  GCancellable *refresh_cancellable;
  gboolean      manual;
  CasebookSubscriptionChanges total;
  GPtrArray    *failed;      /* URLs */
  guint         start_timeout;

  /* Case id → the name of the subscription it comes from. */
  GHashTable   *source_names;
} Subscriptions;

enum {
  SUBSCRIPTIONS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static Subscriptions *
get_subs (CasebookWindow *self)
{
  if (self->subscriptions == NULL)
    {
      Subscriptions *subs = g_new0 (Subscriptions, 1);

      g_queue_init (&subs->queue);
      subs->failed = g_ptr_array_new_with_free_func (g_free);
      subs->source_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      self->subscriptions = subs;
    }

  return self->subscriptions;
}

static void
emit_changed (CasebookWindow *self)
{
  g_signal_emit (self, signals[SUBSCRIPTIONS_CHANGED], 0);
}

static const char *
subscription_name (CasebookWindow       *self,
                   CasebookSubscription *sub)
{
  const char *name = casebook_text_get (casebook_subscription_get_name (sub), self->lang);

  return name != NULL && name[0] != '\0' ? name : casebook_subscription_get_url (sub);
}

static void
show_error (GtkWindow  *parent,
            const char *heading,
            const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Source names --------------------------------------------------------- */

/* The name of each subscription by its URL, read again whenever the
 * store changes. Which subscription a case comes from is asked of the
 * store for the case shown or the row bound, never for all of them: a
 * team library may hold 100,000 cases. */
static void
load_source_names (CasebookWindow *self)
{
  Subscriptions *subs = get_subs (self);
  g_autoptr(GPtrArray) list = NULL;

  g_hash_table_remove_all (subs->source_names);
  if (self->store == NULL)
    return;

  list = casebook_store_list_subscriptions (self->store, NULL);
  if (list == NULL)
    return;

  for (guint i = 0; i < list->len; i++)
    {
      CasebookSubscription *sub = g_ptr_array_index (list, i);

      g_hash_table_replace (subs->source_names,
                            g_strdup (casebook_subscription_get_url (sub)),
                            g_strdup (subscription_name (self, sub)));
    }
}

static void
on_store_changed (CasebookWindow *self)
{
  load_source_names (self);
  emit_changed (self);
}

/**
 * _casebook_window_get_source_name:
 * @id: a case's id
 *
 * Returns: (transfer none) (nullable): the name of the subscription the
 *   case comes from, or %NULL for a case of the report or one's own
 */
const char *
_casebook_window_get_source_name (CasebookWindow *self,
                                  const char     *id)
{
  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), NULL);

  g_autofree char *url = NULL;
  GHashTable *names;

  if (self->subscriptions == NULL || id == NULL || self->store == NULL)
    return NULL;

  names = ((Subscriptions *) self->subscriptions)->source_names;
  if (g_hash_table_size (names) == 0)
    return NULL;

  url = casebook_store_get_case_subscription_url (self->store, id);
  return url != NULL ? g_hash_table_lookup (names, url) : NULL;
}

/* Subscribing ---------------------------------------------------------- */

static void
close_progress (Subscriptions *subs)
{
  if (subs->progress_dialog != NULL)
    {
      GtkWidget *dialog = g_steal_pointer (&subs->progress_dialog);

      g_signal_handlers_disconnect_matched (dialog, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, subs->fetch_cancellable);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

typedef struct
{
  CasebookWindow               *self;
  CasebookSubscriptionDownload *download;
  char                         *name;
} Preview;

static void
preview_free (gpointer  data,
              GClosure *closure)
{
  Preview *preview = data;

  g_clear_object (&preview->self);
  g_clear_pointer (&preview->download, casebook_subscription_download_free);
  g_free (preview->name);
  g_free (preview);
}

/* A subscription being applied on a worker. */
typedef struct
{
  CasebookWindow *self;
  char           *name;
  GtkWindow      *parent;   /* weak: where the preview was */
} Applying;

static void
applying_free (Applying *applying)
{
  g_clear_object (&applying->self);
  g_free (applying->name);
  g_clear_weak_pointer (&applying->parent);
  g_free (applying);
}

static void
apply_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Applying *applying = user_data;
  CasebookWindow *self = applying->self;
  CasebookSubscriptionChanges changes = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) message = g_string_new (NULL);
  gboolean ok;

  ok = casebook_store_apply_download_finish (CASEBOOK_STORE (source), result, &changes, &error);

  if (self->store == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      casebook_subscription_changes_clear (&changes);
      applying_free (applying);
      return;
    }

  if (!ok)
    {
      g_autofree char *heading = NULL;

      /* Translators: %s is the name of a published collection */
      heading = g_strdup_printf (_("Could Not Subscribe to “%s”"), applying->name);
      show_error (applying->parent != NULL ? applying->parent : GTK_WINDOW (self), heading, error->message);
      applying_free (applying);
      return;
    }

  g_string_append_printf (message,
                          /* Translators: a toast after subscribing; %s is the collection's name */
                          g_dngettext (GETTEXT_PACKAGE, "Subscribed to “%s”: %u case added",
                                       "Subscribed to “%s”: %u cases added", changes.added),
                          applying->name, changes.added);
  if (changes.clashes != NULL && changes.clashes->len > 0)
    /* Translators: follows "Subscribed to “…”: N cases added" */
    g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, ", %u left out as its id is taken",
                                                  ", %u left out as their ids are taken", changes.clashes->len),
                            changes.clashes->len);
  casebook_subscription_changes_clear (&changes);

  _casebook_window_add_status (self, message->str);
  load_source_names (self);
  emit_changed (self);
  applying_free (applying);
}

/* Applies on a worker: the cases are read and checked again as they are
 * written, seconds for a large collection, and the window stays live. */
static void
on_preview_response (AdwMessageDialog *dialog,
                     const char       *response,
                     Preview          *preview)
{
  CasebookWindow *self = preview->self;
  Applying *applying;

  if (!g_str_equal (response, "subscribe") || self->store == NULL || preview->download == NULL)
    return;

  applying = g_new0 (Applying, 1);
  applying->self = g_object_ref (self);
  applying->name = g_strdup (preview->name);
  g_set_weak_pointer (&applying->parent, gtk_window_get_transient_for (GTK_WINDOW (dialog)));

  casebook_store_apply_download_async (self->store, g_steal_pointer (&preview->download), apply_done, applying);
}

/* What already has the id of a case the file brings. */
static const char *
clash_reason (CasebookWindow *self,
              const char     *id)
{
  g_autoptr(CasebookCase) c = casebook_store_get_case (self->store, id, NULL);

  if (c == NULL)
    return "";

  switch ((int) casebook_case_get_origin (c))
    {
    case CASEBOOK_ORIGIN_OWN:
      /* Translators: in the subscription preview, why a case is left out */
      return _("One of your cases has its id");
    case CASEBOOK_ORIGIN_SUBSCRIBED:
      /* Translators: in the subscription preview, why a case is left out */
      return _("A case of another subscription has its id");
    default:
      /* Translators: in the subscription preview, why a case is left out */
      return _("A case from the report has its id");
    }
}

/* @clashes holds the places, in the file, of the cases left out. */
static GtkWidget *
clash_list (CasebookWindow               *self,
            CasebookSubscriptionDownload *download,
            GArray                       *clashes)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  /* Translators: the accessible name of the list of left-out cases in the subscription preview */
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cases left out"), -1);

  for (guint i = 0; i < clashes->len && i < 100; i++)
    {
      guint index = g_array_index (clashes, guint, i);
      const char *id = casebook_subscription_download_get_case_id (download, index);
      const char *title = casebook_text_get (casebook_subscription_download_get_case_title (download, index),
                                             self->lang);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     title != NULL && title[0] != '\0' ? title : id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), clash_reason (self, id));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);

  return scrolled;
}

/* What the fetched file holds, before anything is written: its name, its
 * publisher, how many cases, and which of them cannot be added. */
static void
show_preview (CasebookWindow               *self,
              CasebookSubscriptionDownload *download)
{
  guint n_cases = casebook_subscription_download_get_n_cases (download);
  const CasebookText *title = casebook_subscription_download_get_title (download);
  const CasebookText *publisher = casebook_subscription_download_get_publisher (download);
  g_autoptr(GArray) clashes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *heading = NULL;
  g_autofree char *url = casebook_fetch_describe_url (casebook_subscription_download_get_url (download));
  g_autoptr(GString) body = g_string_new (NULL);
  Subscriptions *subs = get_subs (self);
  Preview *preview;
  GtkWidget *dialog;
  guint n_new;

  preview = g_new0 (Preview, 1);
  preview->self = g_object_ref (self);
  preview->name = g_strdup (title != NULL && !casebook_text_is_empty (title)
                            ? casebook_text_get (title, self->lang) : url);

  for (guint i = 0; i < n_cases; i++)
    if (casebook_store_has_case (self->store, casebook_subscription_download_get_case_id (download, i)))
      g_array_append_val (clashes, i);
  n_new = n_cases - clashes->len;

  /* Translators: the heading of the subscription preview; %s is the collection's name */
  heading = g_strdup_printf (_("Subscribe to “%s”?"), preview->name);

  if (publisher != NULL && !casebook_text_is_empty (publisher))
    {
      /* Translators: in the subscription preview; %s is who publishes the collection */
      g_string_append_printf (body, _("Published by %s."), casebook_text_get (publisher, self->lang));
      g_string_append_c (body, '\n');
    }
  if (n_cases == 0)
    g_string_append (body, _("The collection holds no cases yet."));
  else
    /* Translators: in the subscription preview */
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                               "%u case, added read-only and kept up to date from %s.",
                                               "%u cases, added read-only and kept up to date from %s.",
                                               n_cases),
                            n_cases, url);
  if (clashes->len > 0)
    {
      g_string_append (body, "\n\n");
      /* Translators: in the subscription preview, before the list of cases left out */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u case is left out, as a case you have already has its id; %u will be added:",
                                                 "%u cases are left out, as cases you have already have their ids; %u will be added:",
                                                 clashes->len),
                              clashes->len, n_new);
    }

  dialog = adw_message_dialog_new (subs->parent != NULL ? subs->parent : GTK_WINDOW (self), heading, body->str);
  if (clashes->len > 0)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), clash_list (self, download, clashes));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "subscribe", _("_Subscribe"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "subscribe", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "subscribe");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  preview->download = download;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_preview_response), preview,
                         preview_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
download_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CasebookWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  CasebookSubscriptionDownload *download = casebook_subscription_download_finish (result, &error);
  Subscriptions *subs = self->subscriptions;
  GtkWindow *parent;

  if (subs == NULL)
    {
      g_clear_pointer (&download, casebook_subscription_download_free);
      return;
    }

  close_progress (subs);
  g_clear_object (&subs->fetch_cancellable);
  parent = subs->parent != NULL ? subs->parent : GTK_WINDOW (self);

  if (self->store == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_clear_pointer (&download, casebook_subscription_download_free);
      return;
    }

  if (download == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _casebook_window_add_status (self, _("Subscribing was cancelled; nothing was changed"));
  else if (download == NULL)
    /* The message names the address and the reason. */
    show_error (parent, _("Could Not Subscribe"), error->message);
  else if (casebook_subscription_download_get_not_modified (download))
    {
      casebook_subscription_download_free (download);
      show_error (parent, _("Could Not Subscribe"), _("The server sent no collection."));
    }
  else
    show_preview (self, download);

  g_clear_weak_pointer (&subs->parent);
}

static void
on_progress_response (GtkWidget    *dialog,
                      const char   *response,
                      GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
start_download (CasebookWindow *self,
                const char     *url)
{
  Subscriptions *subs = get_subs (self);
  g_autofree char *shown = casebook_fetch_describe_url (url);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *dialog;

  subs->fetch_cancellable = g_cancellable_new ();

  dialog = adw_message_dialog_new (subs->parent != NULL ? subs->parent : GTK_WINDOW (self),
                                   _("Fetching the Collection…"), shown);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), spinner);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_progress_response), subs->fetch_cancellable, 0);
  subs->progress_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));

  casebook_subscription_download_async (url, NULL, NULL, subs->fetch_cancellable, download_done,
                                        g_object_ref (self));
}

static void
on_subscribe_response (CasebookSubscribeDialog *dialog,
                       const char              *response,
                       CasebookWindow          *self)
{
  g_autofree char *url = NULL;

  if (!g_str_equal (response, "continue"))
    return;

  url = g_strstrip (g_strdup (casebook_subscribe_dialog_get_url (dialog)));
  start_download (self, url);
}

static GStrv
subscribed_urls (CasebookWindow *self)
{
  g_autoptr(GPtrArray) list = casebook_store_list_subscriptions (self->store, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; list != NULL && i < list->len; i++)
    g_strv_builder_add (builder, casebook_subscription_get_url (g_ptr_array_index (list, i)));

  return g_strv_builder_end (builder);
}

/**
 * _casebook_window_subscribe:
 * @parent: (nullable): the window the dialogs belong to: the Preferences
 *   when asked from there, else this window
 * @url: (nullable): the address to start with
 *
 * Asks for the address of a collection, fetches it while a dialog offers
 * to cancel, shows what it holds and subscribes when the person agrees.
 * A fetch or a file that fails says why, naming the address, and changes
 * nothing.
 */
void
_casebook_window_subscribe (CasebookWindow *self,
                            GtkWindow      *parent,
                            const char     *url)
{
  Subscriptions *subs;
  g_auto(GStrv) subscribed = NULL;
  CasebookSubscribeDialog *dialog;

  g_return_if_fail (CASEBOOK_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  subs = get_subs (self);
  if (subs->fetch_cancellable != NULL)
    {
      if (subs->progress_dialog != NULL)
        gtk_window_present (GTK_WINDOW (subs->progress_dialog));
      return;
    }

  if (casebook_store_is_read_only (self->store))
    {
      show_error (parent != NULL ? parent : GTK_WINDOW (self), _("Could Not Subscribe"),
                  _("The case store is read-only, so no cases can be added to it."));
      return;
    }

  g_set_weak_pointer (&subs->parent, parent);
  subscribed = subscribed_urls (self);
  dialog = casebook_subscribe_dialog_new (parent != NULL ? parent : GTK_WINDOW (self),
                                          (const char * const *) subscribed);
  if (url != NULL)
    casebook_subscribe_dialog_set_url (dialog, url);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_subscribe_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Refreshing ----------------------------------------------------------- */

static void refresh_next (CasebookWindow *self);

static void
add_changes (CasebookSubscriptionChanges       *total,
             const CasebookSubscriptionChanges *changes)
{
  total->added += changes->added;
  total->updated += changes->updated;
  total->removed += changes->removed;
  total->unchanged += changes->unchanged;
}

/* Says what the refresh did, only when there is something to say: a
 * refresh on start that changed nothing and failed nowhere is silent. */
static void
refresh_finished (CasebookWindow *self)
{
  Subscriptions *subs = get_subs (self);
  gboolean changed = subs->total.added + subs->total.updated + subs->total.removed > 0;
  g_autoptr(GString) message = g_string_new (NULL);
  AdwToast *toast;

  if (changed)
    {
      g_autofree char *what = casebook_subscription_changes_describe (&subs->total);

      g_string_append (message, what);
    }

  if (subs->failed->len == 1)
    {
      g_autoptr(CasebookSubscription) sub = casebook_store_find_subscription (self->store,
                                                                              g_ptr_array_index (subs->failed, 0),
                                                                              NULL);
      GDateTime *fetched = sub != NULL ? casebook_subscription_get_fetched_at (sub) : NULL;
      g_autofree char *date = fetched != NULL ? casebook_subscription_format_date (fetched) : NULL;
      const char *name = sub != NULL ? subscription_name (self, sub) : g_ptr_array_index (subs->failed, 0);

      if (message->len > 0)
        /* Translators: between what a refresh changed and what failed, in one toast */
        g_string_append (message, _("; "));
      if (date != NULL)
        /* Translators: a toast after a refresh failed; the first %s is the subscription's name, the second a date */
        g_string_append_printf (message, _("“%s” could not be refreshed: the copy from %s is kept"), name, date);
      else
        /* Translators: a toast after a refresh failed; %s is the subscription's name */
        g_string_append_printf (message, _("“%s” could not be refreshed"), name);
    }
  else if (subs->failed->len > 1)
    {
      if (message->len > 0)
        /* Translators: between what a refresh changed and what failed, in one toast */
        g_string_append (message, _("; "));
      /* Translators: a toast after refreshing several subscriptions failed */
      g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE,
                                                    "%u subscription could not be refreshed: the last good copy is kept",
                                                    "%u subscriptions could not be refreshed: the last good copies are kept",
                                                    subs->failed->len),
                              subs->failed->len);
    }

  if (message->len == 0 && subs->manual)
    g_string_append (message, _("Subscriptions are up to date"));

  if (message->len > 0 && subs->failed->len > 0)
    {
      g_autofree char *escaped = g_markup_escape_text (message->str, -1);

      toast = casebook_toast_new (escaped);
      /* Translators: the button of the toast that says a refresh failed */
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.subscription-details");
      adw_toast_set_action_target (toast, "s", (const char *) g_ptr_array_index (subs->failed, 0));
      casebook_toast_add (self->toast_overlay, toast);
    }
  else if (message->len > 0)
    _casebook_window_add_status (self, message->str);

  subs->total = (CasebookSubscriptionChanges) { 0, };
  g_ptr_array_set_size (subs->failed, 0);
  subs->manual = FALSE;
  g_clear_object (&subs->refresh_cancellable);
  emit_changed (self);
}

static void
refresh_one_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CasebookWindow) self = user_data;
  Subscriptions *subs = self->subscriptions;
  CasebookSubscriptionChanges changes = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gboolean ok = casebook_subscriptions_refresh_one_finish (CASEBOOK_STORE (source), result, &changes, &error);

  /* The window went away while it ran. */
  if (subs == NULL)
    {
      casebook_subscription_changes_clear (&changes);
      return;
    }

  url = g_steal_pointer (&subs->refreshing);
  if (!ok)
    {
      /* The window is going away, or the person stopped it. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_queue_clear_full (&subs->queue, g_free);
          g_clear_object (&subs->refresh_cancellable);
          return;
        }
      g_ptr_array_add (subs->failed, g_steal_pointer (&url));
    }
  else
    add_changes (&subs->total, &changes);
  casebook_subscription_changes_clear (&changes);

  if (self->store == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  refresh_next (self);
}

static void
refresh_next (CasebookWindow *self)
{
  Subscriptions *subs = get_subs (self);

  subs->refreshing = g_queue_pop_head (&subs->queue);
  if (subs->refreshing == NULL)
    {
      refresh_finished (self);
      return;
    }

  emit_changed (self);
  casebook_subscriptions_refresh_one_async (self->store, subs->refreshing, subs->refresh_cancellable,
                                            refresh_one_done, g_object_ref (self));
}

/**
 * _casebook_window_refresh_subscriptions:
 * @url: (nullable): the subscription to refresh, or %NULL for all
 * @manual: whether the person asked for it: then every one named is
 *   fetched whenever it was last, and a toast says so even when nothing
 *   changed; otherwise only those not tried for a day are
 *
 * Refreshes on a worker thread, one subscription after the other. The
 * list updates as each is done (the store says it changed); a toast says
 * what changed, or which one failed and that its last good copy is kept.
 */
void
_casebook_window_refresh_subscriptions (CasebookWindow *self,
                                        const char     *url,
                                        gboolean        manual)
{
  Subscriptions *subs;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gboolean idle;

  g_return_if_fail (CASEBOOK_IS_WINDOW (self));

  if (self->store == NULL || casebook_store_is_read_only (self->store))
    return;

  subs = get_subs (self);
  list = casebook_store_list_subscriptions (self->store, NULL);
  if (list == NULL)
    return;

  idle = subs->refreshing == NULL && g_queue_is_empty (&subs->queue);
  subs->manual |= manual;

  for (guint i = 0; i < list->len; i++)
    {
      CasebookSubscription *sub = g_ptr_array_index (list, i);
      const char *sub_url = casebook_subscription_get_url (sub);

      if (url != NULL && g_strcmp0 (url, sub_url) != 0)
        continue;
      /* Tried within the day, successfully or not: a server that is down
       * is not asked again on every start. */
      if (!manual && !casebook_subscription_is_due (sub, now))
        continue;
      /* Asked twice, done once. */
      if (g_strcmp0 (subs->refreshing, sub_url) == 0 ||
          g_queue_find_custom (&subs->queue, sub_url, (GCompareFunc) g_strcmp0) != NULL)
        continue;

      g_queue_push_tail (&subs->queue, g_strdup (sub_url));
    }

  if (!idle)
    {
      emit_changed (self);
      return;
    }

  if (g_queue_is_empty (&subs->queue))
    {
      if (manual)
        refresh_finished (self);
      else
        subs->manual = FALSE;
      return;
    }

  subs->refresh_cancellable = g_cancellable_new ();
  refresh_next (self);
}

/**
 * _casebook_window_is_refreshing:
 * @url: (nullable): a subscription's URL, or %NULL for any
 *
 * Returns: whether @url is being refreshed, or waits to be
 */
gboolean
_casebook_window_is_refreshing (CasebookWindow *self,
                                const char     *url)
{
  Subscriptions *subs;

  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), FALSE);

  subs = self->subscriptions;
  if (subs == NULL)
    return FALSE;
  if (url == NULL)
    return subs->refreshing != NULL || !g_queue_is_empty (&subs->queue);

  return g_strcmp0 (subs->refreshing, url) == 0 ||
         g_queue_find_custom (&subs->queue, url, (GCompareFunc) g_strcmp0) != NULL;
}

static gboolean
refresh_on_start (gpointer data)
{
  CasebookWindow *self = data;

  get_subs (self)->start_timeout = 0;
  _casebook_window_refresh_subscriptions (self, NULL, FALSE);

  return G_SOURCE_REMOVE;
}

/* Unsubscribing -------------------------------------------------------- */

static void
unsubscribe_now (CasebookWindow *self,
                 GtkWindow      *parent,
                 const char     *url,
                 const char     *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_removed = 0;

  if (self->current != NULL && g_strcmp0 (_casebook_window_get_source_name (self, casebook_case_get_id (self->current)), name) == 0)
    {
      _casebook_window_select_position (self, -1);
      _casebook_window_show_case (self, NULL);
    }

  if (!casebook_store_unsubscribe (self->store, url, &n_removed, &error))
    {
      /* Translators: %s is the name of a subscription */
      g_autofree char *heading = g_strdup_printf (_("Could Not Unsubscribe from “%s”"), name);

      show_error (parent, heading, error->message);
      return;
    }

  /* The filter may still name it as a source; that would show nothing. */
  casebook_filter_set (self->filter, CASEBOOK_FACET_SOURCE, url, FALSE);

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: a toast; %s is the subscription's name */
                                          "Unsubscribed from “%s”: %u case removed",
                                          "Unsubscribed from “%s”: %u cases removed", n_removed),
                             name, n_removed);
  _casebook_window_add_status (self, message);
  load_source_names (self);
  emit_changed (self);
}

typedef struct
{
  CasebookWindow *self;
  char           *url;
  char           *name;
} Unsubscribe;

static void
unsubscribe_free (gpointer  user_data,
                  GClosure *closure)
{
  Unsubscribe *data = user_data;

  g_clear_object (&data->self);
  g_free (data->url);
  g_free (data->name);
  g_free (data);
}

static void
on_unsubscribe_response (AdwMessageDialog *dialog,
                         const char       *response,
                         Unsubscribe      *data)
{
  if (g_str_equal (response, "unsubscribe") && data->self->store != NULL)
    unsubscribe_now (data->self, gtk_window_get_transient_for (GTK_WINDOW (dialog)), data->url, data->name);
}

/**
 * _casebook_window_unsubscribe:
 * @parent: (nullable): the window a question belongs to
 * @url: the subscription's URL
 *
 * Removes the subscription and its cases, and nothing else. When notes,
 * tags or collections of the person's refer to those cases, a dialog
 * says how many and asks first.
 */
void
_casebook_window_unsubscribe (CasebookWindow *self,
                              GtkWindow      *parent,
                              const char     *url)
{
  g_autoptr(CasebookSubscription) sub = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  guint n_notes = 0, n_tags = 0, n_memberships = 0, n_cases;
  Unsubscribe *data;
  GtkWidget *dialog;

  g_return_if_fail (CASEBOOK_IS_WINDOW (self));
  g_return_if_fail (url != NULL);

  if (parent == NULL)
    parent = GTK_WINDOW (self);

  sub = casebook_store_find_subscription (self->store, url, &error);
  if (sub == NULL ||
      !casebook_store_count_subscription_references (self->store, url, &n_notes, &n_tags, &n_memberships, &error))
    {
      show_error (parent, _("Could Not Unsubscribe"), error->message);
      return;
    }

  if (n_notes + n_tags + n_memberships == 0)
    {
      unsubscribe_now (self, parent, url, subscription_name (self, sub));
      return;
    }

  n_cases = casebook_subscription_get_n_cases (sub);
  /* Translators: the heading of the question before unsubscribing; %s is the subscription's name */
  heading = g_strdup_printf (_("Unsubscribe from “%s”?"), subscription_name (self, sub));
  /* Translators: the first sentence of the question before unsubscribing */
  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "Its %u case will be removed from your library.",
                                             "Its %u cases will be removed from your library.", n_cases),
                          n_cases);
  g_string_append_c (body, ' ');
  /* Translators: followed by a list such as "2 notes, 1 tag and 3 places in collections" */
  g_string_append (body, _("Your own additions refer to them:"));
  if (n_notes > 0)
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n_notes), n_notes);
      if (n_tags + n_memberships > 0)
        g_string_append (body, _(", "));
    }
  if (n_tags > 0)
    {
      if (n_notes == 0)
        g_string_append_c (body, ' ');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u tag", "%u tags", n_tags), n_tags);
      if (n_memberships > 0)
        g_string_append (body, _(", "));
    }
  if (n_memberships > 0)
    {
      if (n_notes + n_tags == 0)
        g_string_append_c (body, ' ');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u place in a collection",
                                                 "%u places in collections", n_memberships),
                              n_memberships);
    }
  g_string_append (body, ". ");
  g_string_append (body, _("They are kept, and apply again if you subscribe again."));

  dialog = adw_message_dialog_new (parent, heading, body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "unsubscribe", _("_Unsubscribe"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unsubscribe", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  data = g_new0 (Unsubscribe, 1);
  data->self = g_object_ref (self);
  data->url = g_strdup (url);
  data->name = g_strdup (subscription_name (self, sub));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_unsubscribe_response), data,
                         unsubscribe_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions -------------------------------------------------------------- */

static void
subscribe_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  _casebook_window_subscribe (CASEBOOK_WINDOW (widget), NULL, NULL);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  g_autoptr(GPtrArray) list = self->store != NULL ? casebook_store_list_subscriptions (self->store, NULL) : NULL;

  if (list != NULL && list->len == 0)
    {
      _casebook_window_add_status (self, _("You have no subscriptions to refresh"));
      return;
    }
  _casebook_window_refresh_subscriptions (self, NULL, TRUE);
}

/* The message of the last failed refresh of a subscription, and when the
 * copy that is kept was fetched. */
static void
details_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  g_autoptr(CasebookSubscription) sub = casebook_store_find_subscription (self->store,
                                                                          g_variant_get_string (param, NULL), NULL);
  g_autofree char *body = NULL;
  g_autofree char *heading = NULL;

  if (sub == NULL || casebook_subscription_get_error (sub) == NULL)
    return;

  body = casebook_subscription_row_describe_failure (sub);
  /* Translators: the heading of the dialog that says why a refresh failed; %s is the subscription's name */
  heading = g_strdup_printf (_("“%s” Could Not Be Refreshed"), subscription_name (self, sub));
  show_error (GTK_WINDOW (self), heading, body);
}

/* Setup ---------------------------------------------------------------- */

void
_casebook_window_class_subscriptions_init (CasebookWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * CasebookWindow::subscriptions-changed:
   *
   * A subscription was added, refreshed or removed, or a refresh began or
   * ended: the Preferences list reads them again.
   */
  signals[SUBSCRIPTIONS_CHANGED] =
    g_signal_new ("subscriptions-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "win.subscribe", NULL, subscribe_action);
  gtk_widget_class_install_action (widget_class, "win.refresh-subscriptions", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.subscription-details", "s", details_action);
}

/* Called once the window shows its store: the refresh on start waits for
 * the first frames, and runs on a worker thread. */
void
_casebook_window_setup_subscriptions (CasebookWindow *self)
{
  Subscriptions *subs = get_subs (self);
  const char *delay = g_getenv ("CASEBOOK_SUBSCRIPTION_DELAY_MS");
  guint ms = REFRESH_DELAY_MS;

  if (delay != NULL)
    ms = (guint) g_ascii_strtoull (delay, NULL, 10);

  load_source_names (self);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  /* A subscription's name comes in the content language. */
  g_signal_connect (self, "notify::lang", G_CALLBACK (on_store_changed), NULL);
  if (!casebook_store_is_read_only (self->store))
    subs->start_timeout = g_timeout_add (ms, refresh_on_start, self);
}

void
_casebook_window_dispose_subscriptions (CasebookWindow *self)
{
  Subscriptions *subs = self->subscriptions;

  if (subs == NULL)
    return;

  g_clear_handle_id (&subs->start_timeout, g_source_remove);
  if (subs->fetch_cancellable != NULL)
    g_cancellable_cancel (subs->fetch_cancellable);
  if (subs->refresh_cancellable != NULL)
    g_cancellable_cancel (subs->refresh_cancellable);
  close_progress (subs);
  g_clear_object (&subs->fetch_cancellable);
  g_clear_object (&subs->refresh_cancellable);
  g_queue_clear_full (&subs->queue, g_free);
  g_clear_weak_pointer (&subs->parent);
  casebook_subscription_changes_clear (&subs->total);
  g_clear_pointer (&subs->failed, g_ptr_array_unref);
  g_clear_pointer (&subs->source_names, g_hash_table_unref);
  /* A refresh under way still finishes on its thread; its callback holds
   * a reference to the window, and finds the state gone. */
  g_clear_pointer (&subs->refreshing, g_free);
  g_free (subs);
  self->subscriptions = NULL;
}

/**
 * _casebook_window_get_store:
 *
 * Returns: (transfer none) (nullable): the store the window shows
 */
CasebookStore *
_casebook_window_get_store (CasebookWindow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), NULL);
  return self->store;
}
