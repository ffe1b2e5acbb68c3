/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-subscribe-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-subscribe-dialog.h"

/**
 * CasebookSubscribeDialog:
 *
 * Asks for the address of a published collection: `https://`, `http://`
 * (with a warning under the entry that the connection is not private) or
 * `file://`, which the button beside the entry fills from a file chooser
 * for a collection in a shared folder. The address is checked as it is
 * typed; the dialog cannot continue with one that cannot be fetched or
 * that is subscribed already. The response is "continue" or "cancel";
 * fetching, the preview and subscribing are the window's
 * (casebook-window-subscriptions.c).
 */
struct _CasebookSubscribeDialog
{
  AdwMessageDialog  parent_instance;

  GtkEntry         *entry;
  GtkButton        *choose_button;
  GtkLabel         *problem;
  GtkLabel         *warning;

  GStrv             subscribed;
};

G_DEFINE_FINAL_TYPE (CasebookSubscribeDialog, casebook_subscribe_dialog, ADW_TYPE_MESSAGE_DIALOG)

/**
 * casebook_subscribe_check_url:
 * @url: an address as typed, without surrounding spaces
 * @insecure: (out) (optional): set to whether it is plain `http://`
 *
 * Says what is wrong with @url as the address of a collection to
 * subscribe to: only `https://`, `http://` with a host, and `file://` with
 * an absolute path can be fetched. The fetch checks it again; this is
 * what the dialog says while the address is typed.
 *
 * Returns: (transfer full) (nullable): why @url cannot be used, or %NULL
 */
char *
casebook_subscribe_check_url (const char *url,
                              gboolean   *insecure)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (insecure != NULL)
    *insecure = FALSE;

  if (url == NULL || url[0] == '\0')
    return g_strdup (_("Enter an address that begins with https://, http:// or file://."));

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return g_strdup (_("This is not a valid address. It begins with https://, http:// or file://."));

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
        return g_strdup (_("The address names no server."));
      if (insecure != NULL)
        *insecure = g_ascii_strcasecmp (scheme, "http") == 0;
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "file") == 0)
    {
      const char *path = g_uri_get_path (uri);

      if (path == NULL || path[0] != '/' || g_str_equal (path, "/"))
        return g_strdup (_("The address names no file."));
      return NULL;
    }

  /* Translators: %s is the part of an address before "://", such as "ftp" */
  return g_strdup_printf (_("Casebook cannot fetch “%s” addresses: use https://, http:// or file://."), scheme);
}

static void
on_entry_changed (CasebookSubscribeDialog *self,
                  GtkEditable             *editable)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_autofree char *problem = NULL;
  gboolean insecure = FALSE;
  gboolean typed = url[0] != '\0';

  problem = casebook_subscribe_check_url (url, &insecure);
  if (problem == NULL && self->subscribed != NULL && g_strv_contains ((const char * const *) self->subscribed, url))
    problem = g_strdup (_("You are subscribed to this collection already. Refresh it in Preferences."));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "continue", problem == NULL);

  /* An empty entry before anything was typed is no mistake yet. */
  gtk_label_set_label (self->problem, problem != NULL && typed ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), problem != NULL && typed);
  if (problem != NULL && typed)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->warning), problem == NULL && insecure);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  problem != NULL && typed ? problem
                                  : insecure ? gtk_label_get_label (self->warning) : "",
                                  -1);
}

static void
on_file_chosen (GtkNativeDialog         *chooser,
                int                      response,
                CasebookSubscribeDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      gtk_editable_set_text (GTK_EDITABLE (self->entry), uri);
      gtk_widget_grab_focus (GTK_WIDGET (self->entry));
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

/* A collection in a shared folder (a mounted Nextcloud or SMB share) is
 * picked like any file; the chooser gives its file:// address. */
static void
on_choose_clicked (CasebookSubscribeDialog *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Case Collections (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_mime_type (filter, "application/x-casebook+json");
  gtk_file_filter_add_suffix (filter, "json");

  chooser = gtk_file_chooser_native_new (_("Choose a Published Collection"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
casebook_subscribe_dialog_finalize (GObject *object)
{
  CasebookSubscribeDialog *self = (CasebookSubscribeDialog *)object;

  g_clear_pointer (&self->subscribed, g_strfreev);

  G_OBJECT_CLASS (casebook_subscribe_dialog_parent_class)->finalize (object);
}

static void
casebook_subscribe_dialog_class_init (CasebookSubscribeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = casebook_subscribe_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-subscribe-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookSubscribeDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, CasebookSubscribeDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookSubscribeDialog, problem);
  gtk_widget_class_bind_template_child (widget_class, CasebookSubscribeDialog, warning);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);
}

static void
casebook_subscribe_dialog_init (CasebookSubscribeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * casebook_subscribe_dialog_new:
 * @parent: the window the dialog belongs to
 * @subscribed: (nullable) (array zero-terminated=1): the addresses
 *   subscribed to already
 *
 * Returns: (transfer full): a new dialog, not yet shown
 */
CasebookSubscribeDialog *
casebook_subscribe_dialog_new (GtkWindow          *parent,
                               const char * const *subscribed)
{
  CasebookSubscribeDialog *self = g_object_new (CASEBOOK_TYPE_SUBSCRIBE_DIALOG,
                                                "transient-for", parent,
                                                NULL);

  self->subscribed = g_strdupv ((char **) subscribed);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));

  return self;
}

/**
 * casebook_subscribe_dialog_get_url:
 *
 * Returns: (transfer none): the address as typed
 */
const char *
casebook_subscribe_dialog_get_url (CasebookSubscribeDialog *self)
{
  g_return_val_if_fail (CASEBOOK_IS_SUBSCRIBE_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

/**
 * casebook_subscribe_dialog_set_url:
 *
 * Fills the entry with @url, as typing it would.
 */
void
casebook_subscribe_dialog_set_url (CasebookSubscribeDialog *self,
                                   const char              *url)
{
  g_return_if_fail (CASEBOOK_IS_SUBSCRIBE_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), url != NULL ? url : "");
}
