/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-editor.h"
#include "casebook-store-collections.h"
#include "casebook-store-matching.h"
#include "casebook-store-read.h"
#include "casebook-toast.h"
#include "casebook-window-private.h"

/* Cases of one's own: new, edit, duplicate, delete and undo. Every change
 * is one transaction of the store; the list follows the store by itself. */

static void
on_editor_saved (CasebookWindow     *self,
                 const char         *id,
                 CasebookCaseEditor *editor)
{
  g_autofree char *saved = g_strdup (id);
  g_autofree char *message = NULL;
  gint64 position;

  /* A saved case that the search or the filters would hide is shown all
   * the same: the person just wrote it and looks for it. */
  position = casebook_store_position (self->store, self->filter, self->sort, self->lang, saved, NULL);
  if (position < 0)
    _casebook_window_clear_search (self);

  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  _casebook_window_reveal_case (self, saved);
  casebook_case_list_refresh (self->cases);

  if (self->current != NULL)
    {
      message = g_markup_printf_escaped (_("Saved “%s”"),
                                         casebook_text_get (casebook_case_get_title (self->current), self->lang));
      _casebook_window_add_status_markup (self, message);
    }
}

static void
open_editor (CasebookWindow *self,
             CasebookCase   *c,
             gboolean        is_new)
{
  CasebookCaseEditor *editor;

  /* One editor at a time; it is modal, so this only guards a second
   * shortcut pressed before it shows. */
  if (self->editor != NULL)
    {
      gtk_window_present (self->editor);
      return;
    }

  editor = casebook_case_editor_new (self->store, c, is_new, self->lang);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  /* A window of the application: Quit reaches it, and asks about its
   * changes before anything closes. */
  gtk_window_set_application (GTK_WINDOW (editor), gtk_window_get_application (GTK_WINDOW (self)));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->editor, GTK_WINDOW (editor));
  gtk_window_present (GTK_WINDOW (editor));
}

static gboolean
case_is_own (CasebookCase *c)
{
  return c != NULL && casebook_case_get_origin (c) == CASEBOOK_ORIGIN_OWN;
}

void
_casebook_window_new_case (CasebookWindow *self)
{
  open_editor (self, NULL, TRUE);
}

/* Edit and Delete on a case that comes with the report say why they do
 * nothing, and offer the copy that can be changed, instead of being
 * greyed out with no reason given. */
static void
say_read_only (CasebookWindow *self,
               gboolean        offer_duplicate)
{
  AdwToast *toast;
  const char *source = self->current != NULL
                       ? _casebook_window_get_source_name (self, casebook_case_get_id (self->current)) : NULL;
  g_autofree char *text = NULL;
  GtkWidget *title;

  if (source != NULL)
    /* Translators: a toast after Edit or Delete on a subscribed case; %s is the subscription's name */
    text = g_strdup_printf (_("Cases from “%s” are read-only"), source);
  else
    /* Translators: a toast after Edit or Delete on a case that comes with Casebook */
    text = g_strdup (_("Cases from the report are read-only"));
  title = gtk_label_new (text);
  /* A toast's own title is cut short at 360 pixels, next to its button;
   * this one wraps instead, as the reason is the point of it. */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  /* It asks for one line, and wraps only in a window too narrow for it. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (title), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 40);
  gtk_widget_add_css_class (title, "heading");
  toast = casebook_toast_new_with_title (title);
  if (offer_duplicate)
    {
      /* Translators: the button of the toast "Cases from the report are read-only" */
      adw_toast_set_button_label (toast, _("_Duplicate"));
      adw_toast_set_action_name (toast, "win.duplicate-case");
    }
  casebook_toast_add (self->toast_overlay, toast);
}

void
_casebook_window_edit_case (CasebookWindow *self)
{
  if (self->current == NULL)
    return;

  if (case_is_own (self->current))
    open_editor (self, self->current, FALSE);
  else
    say_read_only (self, TRUE);
}

/* A copy with an id of its own, the person's to change; it is stored only
 * when saved. */
void
_casebook_window_duplicate_case (CasebookWindow *self)
{
  g_autoptr(CasebookCase) copy = NULL;
  g_autofree char *base = NULL;
  g_autofree char *id = NULL;
  g_autofree char *zh = NULL;
  g_autofree char *en = NULL;
  const CasebookText *title;

  if (self->current == NULL)
    return;

  copy = casebook_case_copy (self->current);
  base = g_strdup_printf ("%.58s-copy", casebook_case_get_id (self->current));
  id = casebook_store_make_id (self->store, base);
  casebook_case_set_id (copy, id);
  casebook_case_set_origin (copy, CASEBOOK_ORIGIN_OWN);

  /* The copy's title says it is one, in each language the case has. */
  title = casebook_case_get_title (copy);
  if (casebook_text_get_exact (title, CASEBOOK_LANG_ZH) != NULL)
    zh = g_strdup_printf ("%s（副本）", casebook_text_get_exact (title, CASEBOOK_LANG_ZH));
  if (casebook_text_get_exact (title, CASEBOOK_LANG_EN) != NULL)
    en = g_strdup_printf ("%s (Copy)", casebook_text_get_exact (title, CASEBOOK_LANG_EN));
  casebook_case_take_title (copy, casebook_text_new (zh, en));

  open_editor (self, copy, TRUE);
}

#define DELETE_IDS_KEY "casebook-delete-ids"
#define DELETE_TITLE_KEY "casebook-delete-title"

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CasebookWindow   *self)
{
  GPtrArray *ids = g_object_get_data (G_OBJECT (dialog), DELETE_IDS_KEY);
  const char *title = g_object_get_data (G_OBJECT (dialog), DELETE_TITLE_KEY);

  if (self->store == NULL)
    return;
  if (g_str_equal (response, "keep"))
    _casebook_window_delete_ids (self, ids, FALSE, title);
  else if (g_str_equal (response, "delete"))
    _casebook_window_delete_ids (self, ids, TRUE, title);
}

/* Several cases selected: one question that says how many of the
 * person's cases go and how many from the report stay. Their notes stay,
 * as a note is worth more than the question of each one. */
static void
ask_delete_several (CasebookWindow *self,
                    GPtrArray      *own,
                    guint           n_bundled)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: the heading of the question before several cases are deleted */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Case?", "Delete %u Cases?", own->len),
                             own->len);
  g_string_append_printf (body,
                          /* Translators: the question before several selected cases are deleted */
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u of your cases will be deleted; your notes on it are kept.",
                                       "%u of your cases will be deleted; your notes on them are kept.",
                                       own->len),
                          own->len);
  if (n_bundled > 0)
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body,
                              /* Translators: follows "N of your cases will be deleted" */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u selected case comes from the report and stays: it is read-only.",
                                           "%u selected cases come from the report and stay: they are read-only.",
                                           n_bundled),
                              n_bundled);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body->str);
  /* "keep": the cases go and their notes stay, as with Keep Note. */
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* A reference, not a copy: the array goes on to the worker thread. */
  g_object_set_data_full (G_OBJECT (dialog), DELETE_IDS_KEY, g_ptr_array_ref (own),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* One case of the person's own: at once, with an Undo, unless the person
 * wrote a note on it, when the window asks whether the note goes too. */
static void
delete_one (CasebookWindow *self,
            GPtrArray      *own)
{
  g_autoptr(CasebookCase) c = NULL;
  g_autofree char *note = NULL;
  g_autofree char *body = NULL;
  const char *id = g_ptr_array_index (own, 0);
  const char *title;
  GtkWidget *dialog;

  c = casebook_store_get_case (self->store, id, NULL);
  title = c != NULL ? casebook_text_get (casebook_case_get_title (c), self->lang) : id;

  note = casebook_store_get_note (self->store, id, NULL);
  if (note == NULL || note[0] == '\0')
    {
      _casebook_window_delete_ids (self, own, FALSE, title);
      return;
    }

  /* Translators: %s is the title of the case being deleted */
  body = g_strdup_printf (_("“%s” will be deleted, and you wrote a note on it. A note you keep comes "
                            "back when a case with the same id is added again."),
                          title);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Keep Your Note?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Keep Note"),
                                    "delete", _("_Delete Case and Note"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), DELETE_IDS_KEY, g_ptr_array_ref (own),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), DELETE_TITLE_KEY, g_strdup (title), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What the targets of Delete are: the person's own, and how many others. */
typedef struct
{
  GStrv      ids;
  GPtrArray *own;
  guint      n_other;
} FindOwn;

static void
find_own_free (FindOwn *find)
{
  g_strfreev (find->ids);
  g_clear_pointer (&find->own, g_ptr_array_unref);
  g_free (find);
}

static gboolean
find_own_read (CasebookStore  *reader,
               gpointer        data,
               GCancellable   *cancellable,
               GError        **error)
{
  FindOwn *find = data;

  find->own = casebook_store_find_own (reader, (const char * const *) find->ids, &find->n_other, error);
  /* Freed here rather than on the main thread. */
  g_clear_pointer (&find->ids, g_strfreev);
  return find->own != NULL;
}

static void
on_own_found (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CasebookWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  FindOwn *find = casebook_store_read_finish (CASEBOOK_STORE (source), result, &error);

  _casebook_window_hold_busy (self, FALSE);
  if (self->store == NULL)
    return;
  if (find == NULL)
    {
      _casebook_window_show_error (self, _("Could Not Delete the Cases"), error->message);
      return;
    }

  if (find->own->len == 0)
    {
      if (find->n_other > 0)
        say_read_only (self, FALSE);
    }
  else if (find->own->len == 1 && find->n_other == 0)
    delete_one (self, find->own);
  else
    ask_delete_several (self, find->own, find->n_other);
}

/* Deletes what is selected in the list (the case on show when one is):
 * the person's own cases go; the report's cases cannot, and the window
 * says so rather than doing nothing. Which of several are the person's
 * is found on a worker thread. */
static void
delete_found (CasebookWindow  *self,
              char           **targets,
              gpointer         data)
{
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GError) error = NULL;
  guint n_bundled = 0;

  if (targets[0] == NULL)
    return;

  /* A note being written goes to the store first, so that the question
   * below knows of it. */
  if (self->case_page != NULL)
    casebook_case_page_commit_note (self->case_page);

  if (targets[1] != NULL)
    {
      FindOwn *find = g_new0 (FindOwn, 1);

      find->ids = g_strdupv (targets);
      _casebook_window_hold_busy (self, TRUE);
      casebook_store_read_async (self->store, find_own_read, find, (GDestroyNotify) find_own_free, NULL,
                                 on_own_found, g_object_ref (self));
      return;
    }

  own = casebook_store_find_own (self->store, (const char * const *) targets, &n_bundled, &error);
  if (own == NULL)
    {
      _casebook_window_show_error (self, _("Could Not Delete the Case"), error->message);
      return;
    }

  if (own->len == 0)
    {
      if (n_bundled > 0)
        say_read_only (self, self->current != NULL);
      return;
    }

  delete_one (self, own);
}

/* Several selected: they are found on a worker thread first
 * (casebook-window-targets.c). */
void
_casebook_window_delete_case (CasebookWindow *self)
{
  _casebook_window_with_target_ids (self, delete_found, NULL, NULL);
}

/**
 * _casebook_window_get_editor:
 *
 * Returns: (transfer none) (nullable): the case editor, while it is open
 */
GtkWindow *
_casebook_window_get_editor (CasebookWindow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), NULL);
  return self->editor;
}

