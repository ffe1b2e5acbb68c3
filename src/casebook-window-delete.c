/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-store-delete.h"
#include "casebook-toast.h"
#include "casebook-window-private.h"

/* Deleting the person's own cases, and the Undo of the toast that says
 * so. The store deletes any number of cases in one transaction on a
 * worker thread, and keeps what the Undo needs itself
 * (casebook-store-delete.c); the window keeps only the deletion's number
 * while its toast is up, and tells the store to forget it when the toast
 * goes or the window closes. Nothing here runs over the deleted cases,
 * so the main thread's work is the same for one case as for 100,000.
 *
 * One deletion or Undo runs at a time, and while it runs the actions that
 * change cases (new, edit, duplicate, delete, the collections') are off;
 * an Undo asked for meanwhile is refused with a word. A change that can
 * still be made meanwhile (a note, a tag, an import) waits for the store
 * as it waits for an import: up to the store's busy timeout, then it
 * fails with the store's message and changes nothing. A deletion goes on
 * when the window closes; what it keeps for an Undo is then forgotten. */

/* From this many cases on, the window says it is working on them while
 * it does. */
#define MANY_CASES 200

typedef struct
{
  CasebookWindow *window;  /* a reference while the store works */
  CasebookStore  *store;
  guint           token;
  guint           n_asked;
  gint64          deletion;  /* 0 until it is done, and once undone */
  guint           n_deleted;
  gboolean        with_notes;
  gboolean        undoing;
  char           *id;        /* for one case: its id and title */
  char           *title;
  AdwToast       *working;
} Deletion;

static void
dismiss_working (Deletion *d)
{
  /* Safe also while the toast waits in the overlay's queue or comes on
   * screen, where libadwaita 1.2 would abort. */
  if (d->working != NULL)
    casebook_toast_dismiss (d->working);
  g_clear_object (&d->working);
}

/* Counts a deletion or Undo in or out: while one runs, the actions that
 * change cases are off. */
static void
set_deleting (CasebookWindow *self,
              int             change)
{
  self->n_deleting += change;
  if (self->store != NULL)
    {
      _casebook_window_update_case_actions (self);
      _casebook_window_update_collection_actions (self);
    }
}

static void
on_forgotten (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Nothing is lost when this fails: the store drops what is left of
   * the deletion the next time it opens. */
  if (!casebook_store_forget_deletion_finish (CASEBOOK_STORE (source), result, &error))
    g_debug ("Could not forget a deletion: %s", error->message);
}

/**
 * _casebook_window_deletion_free:
 *
 * Frees what the window keeps of a deletion, as its toast goes or the
 * window closes: the store forgets it unless it was undone.
 */
void
_casebook_window_deletion_free (gpointer data)
{
  Deletion *d = data;

  if (d->deletion > 0 && !d->undoing)
    casebook_store_forget_deletion_async (d->store, d->deletion, NULL, on_forgotten, NULL);
  dismiss_working (d);
  g_clear_object (&d->store);
  g_free (d->id);
  g_free (d->title);
  g_free (d);
}

static AdwToast *
show_working (CasebookWindow *self,
              const char     *text)
{
  GtkWidget *label = gtk_label_new (text);
  AdwToast *toast;

  gtk_widget_add_css_class (label, "heading");
  toast = casebook_toast_new_with_title (label);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  casebook_toast_add (self->toast_overlay, g_object_ref (toast));
  return toast;
}

static void
on_delete_toast_dismissed (AdwToast       *toast,
                           CasebookWindow *self)
{
  guint token = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "token"));
  Deletion *d = g_hash_table_lookup (self->deleted, GUINT_TO_POINTER (token));

  /* Past the toast there is no undo; the cases can go for good. An Undo
   * that is running ends the deletion itself. */
  if (d != NULL && !d->undoing)
    g_hash_table_remove (self->deleted, GUINT_TO_POINTER (token));
}

static void
show_deleted (CasebookWindow *self,
              Deletion       *d)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (d->n_deleted > 1 || d->title == NULL)
    /* Translators: a toast after several cases were deleted, with an Undo button */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case deleted", "%u cases deleted", d->n_deleted),
                             d->n_deleted);
  else if (d->with_notes)
    /* Translators: a toast after a case and the person's note on it were deleted, with an Undo button */
    title = g_markup_printf_escaped (_("“%s” and your note deleted"), d->title);
  else
    /* Translators: a toast after a case was deleted, with an Undo button */
    title = g_markup_printf_escaped (_("“%s” deleted"), d->title);

  toast = casebook_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target (toast, "u", d->token);
  /* It replaces an older toast at once, such as the Undo of the case
   * deleted before, or the toast that said the cases were being deleted. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (toast), "token", GUINT_TO_POINTER (d->token));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed), self, 0);
  casebook_toast_add (self->toast_overlay, toast);
}

static void
on_cases_deleted (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Deletion *d = user_data;
  g_autoptr(CasebookWindow) self = g_steal_pointer (&d->window);
  g_autoptr(GError) error = NULL;

  set_deleting (self, -1);
  dismiss_working (d);
  d->deletion = casebook_store_delete_cases_finish (CASEBOOK_STORE (source), result, &d->n_deleted, &error);

  /* Closed meanwhile: the cases are gone, and so is their Undo. */
  if (self->store == NULL || self->deleted == NULL)
    {
      _casebook_window_deletion_free (d);
      return;
    }

  g_hash_table_insert (self->deleted, GUINT_TO_POINTER (d->token), d);
  if (d->deletion == 0)
    {
      _casebook_window_show_error (self,
                                   d->n_asked == 1 ? _("Could Not Delete the Case")
                                                   : _("Could Not Delete the Cases"),
                                   error->message);
      g_hash_table_remove (self->deleted, GUINT_TO_POINTER (d->token));
      return;
    }

  /* The case on show went with the others: nothing is on show now. */
  if (self->current != NULL && !casebook_store_has_case (self->store, casebook_case_get_id (self->current)))
    {
      _casebook_window_select_position (self, -1);
      _casebook_window_show_case (self, NULL);
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }
  else if (d->n_deleted > 1)
    _casebook_window_select_position (self, -1);

  /* "Saved" and the like are old news once the case is gone. */
  _casebook_window_dismiss_status (self);
  show_deleted (self, d);
}

/**
 * _casebook_window_delete_ids:
 * @ids: (element-type utf8): ids of the person's own cases, without a
 *   %NULL at the end; a reference is taken
 * @with_notes: whether the person's notes on them go too
 * @title: (nullable): the title of the case, when there is one, for the
 *   toast
 *
 * Deletes the cases on a worker thread, then offers their Undo.
 */
void
_casebook_window_delete_ids (CasebookWindow *self,
                             GPtrArray      *ids,
                             gboolean        with_notes,
                             const char     *title)
{
  Deletion *d;

  if (ids->len == 0)
    return;

  if (self->n_deleting > 0)
    {
      _casebook_window_add_status (self, _("Cases are still being deleted or restored; "
                                           "try again when that is done"));
      return;
    }

  d = g_new0 (Deletion, 1);
  d->window = g_object_ref (self);
  d->store = g_object_ref (self->store);
  d->token = ++self->n_deletions;
  d->n_asked = ids->len;
  d->with_notes = with_notes;
  if (ids->len == 1)
    {
      d->id = g_strdup (g_ptr_array_index (ids, 0));
      d->title = g_strdup (title);
    }

  if (ids->len >= MANY_CASES)
    {
      g_autofree char *text = NULL;

      /* Translators: a toast while many cases are being deleted */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deleting %u case…", "Deleting %u cases…", ids->len),
                              ids->len);
      d->working = show_working (self, text);
    }

  set_deleting (self, +1);
  casebook_store_delete_cases_async (self->store, ids, with_notes, NULL, on_cases_deleted, d);
}

static void
say_not_restored (CasebookWindow *self,
                  GStrv           ids)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = g_strv_length (ids);
  g_autofree char *text = NULL;

  for (guint i = 0; i < n && i < 3; i++)
    {
      if (i > 0)
        /* Translators: between ids in a list */
        g_string_append (names, _(", "));
      g_string_append_printf (names, "“%s”", ids[i]);
    }
  if (n > 3)
    /* Translators: ends a list of ids that goes on */
    g_string_append (names, _(", …"));

  /* Translators: after Undo of a deletion; %u is how many cases stayed deleted, %s their ids */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u case was not restored: a case with its id was added since (%s)",
                                       "%u cases were not restored: cases with their ids were added since (%s)",
                                       n),
                          n, names->str);
  _casebook_window_add_status (self, text);
}

static void
on_cases_restored (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Deletion *d = user_data;
  g_autoptr(CasebookWindow) self = g_steal_pointer (&d->window);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) not_restored = NULL;
  g_autofree char *id = NULL;
  guint n = 0;
  gboolean ok;

  set_deleting (self, -1);
  dismiss_working (d);
  ok = casebook_store_undo_deletion_finish (CASEBOOK_STORE (source), result, &n, &not_restored, &error);

  /* Done with, either way: undone, or, when the Undo failed, left as
   * it was, and forgotten as its toast went. */
  if (ok)
    d->deletion = 0;
  d->undoing = FALSE;
  id = g_strdup (d->id);
  g_hash_table_remove (self->deleted, GUINT_TO_POINTER (d->token));
  if (self->store == NULL)
    return;

  if (!ok)
    {
      _casebook_window_show_error (self, _("Could Not Restore the Cases"), error->message);
      return;
    }

  if (not_restored != NULL && not_restored[0] != NULL)
    say_not_restored (self, not_restored);

  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  if (id != NULL && n == 1)
    _casebook_window_reveal_case (self, id);
  casebook_case_list_refresh (self->cases);
}

void
_casebook_window_undo_delete (CasebookWindow *self,
                              guint           token)
{
  Deletion *d = g_hash_table_lookup (self->deleted, GUINT_TO_POINTER (token));

  if (d == NULL || d->deletion == 0 || d->undoing)
    return;

  if (self->n_deleting > 0)
    {
      _casebook_window_add_status (self, _("Cases are still being deleted or restored; "
                                           "try again when that is done"));
      return;
    }

  d->undoing = TRUE;
  d->window = g_object_ref (self);
  if (d->n_deleted >= MANY_CASES)
    {
      g_autofree char *text = NULL;

      /* Translators: a toast while the deleted cases are being put back */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Restoring %u case…", "Restoring %u cases…",
                                           d->n_deleted),
                              d->n_deleted);
      d->working = show_working (self, text);
    }

  set_deleting (self, +1);
  casebook_store_undo_deletion_async (self->store, d->deletion, NULL, on_cases_restored, d);
}
