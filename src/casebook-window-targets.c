/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-selection.h"
#include "casebook-window-private.h"

/* The cases an action applies to: the selected ones when several are,
 * else the case on show.
 *
 * The list keeps its selection as positions (CasebookCaseSelection), so
 * that Ctrl+A over 100,000 cases costs nothing; reading each selected row
 * to learn its id would cost as much as the rows, on the main thread. So
 * the ids are found on a worker thread (casebook_case_list_get_ids_async())
 * and the action goes on when they come. The window stays responsive
 * meanwhile. If the list's rows are replaced before the ids come (the
 * store changed, the order changed), the positions no longer name the
 * cases that were selected: the read is cancelled, and starts again once
 * the window has selected the same cases again in the new rows; when it
 * could not (a selection of more than it follows by id, or "all" of rows
 * another filter chose), the action is not done, and the window says
 * so. One case, the common case, is done at once, as before. */

/* Tries before giving up on a list that keeps changing. */
#define MAX_TRIES 3

typedef struct
{
  CasebookWindow     *window;
  CasebookCaseList   *cases;
  GCancellable       *cancellable;
  CasebookTargetsFunc func;
  gpointer            data;
  GDestroyNotify      data_free;
  gulong              changed_id;
  gulong              refreshed_id;
  /* What the window remembered of the selection when asked: its filter,
   * for a selection of every row, or the ids it selects again. */
  char               *filter;
  gboolean            all;
  GPtrArray          *ids;
  gboolean            waiting; /* for the list to be read anew */
  gboolean            waited;
  gboolean            stale;   /* the rows changed while reading */
  guint               tries;
} TargetRead;

static void start_read  (TargetRead   *read);
static void on_ids_read (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data);

static void
target_read_free (TargetRead *read)
{
  if (read->cases != NULL)
    {
      g_clear_signal_handler (&read->changed_id, read->cases);
      g_clear_signal_handler (&read->refreshed_id, read->cases);
    }
  if (read->window->target_reads != NULL)
    g_ptr_array_remove (read->window->target_reads, read);
  _casebook_window_hold_busy (read->window, FALSE);
  if (read->data_free != NULL)
    g_clear_pointer (&read->data, read->data_free);
  g_clear_object (&read->cases);
  g_clear_object (&read->cancellable);
  g_clear_object (&read->window);
  g_free (read->filter);
  g_clear_pointer (&read->ids, g_ptr_array_unref);
  g_free (read);
}

static gboolean
same_ids (GPtrArray *a,
          GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;

  return TRUE;
}

static void
give_up (TargetRead *read)
{
  if (read->window->store != NULL)
    _casebook_window_add_status (read->window,
                                 _("The list changed before the selected cases were found, "
                                   "so nothing was done. Select them again and repeat."));
  target_read_free (read);
}

static void
on_list_changed (CasebookCaseList *cases,
                 guint             position,
                 guint             removed,
                 guint             added,
                 TargetRead       *read)
{
  /* Rows shown later (added at the end) leave the selected ones where
   * they were; anything else moves or replaces them. */
  if (removed == 0 && position == g_list_model_get_n_items (G_LIST_MODEL (cases)) - added)
    return;

  read->stale = TRUE;
  g_cancellable_cancel (read->cancellable);
}

/* The list was read anew, and the window has selected again the cases
 * that were selected (by id, or all of them: casebook-window-collections.c,
 * _casebook_window_restore_selection()). */
static void
on_list_refreshed (CasebookCaseList *cases,
                   gint64            position,
                   TargetRead       *read)
{
  read->stale = TRUE;
  if (read->waiting)
    start_read (read);
}

/* Finds the ids of what is selected now; again after a change of the
 * list, when what is selected now is still what was selected when the
 * action was chosen. */
static void
start_read (TargetRead *read)
{
  CasebookWindow *self = read->window;
  g_autoptr(GArray) runs = NULL;
  g_autofree char *filter = NULL;
  gboolean again;

  read->waiting = FALSE;
  g_clear_object (&read->cancellable);

  if (self->store == NULL || self->cases != read->cases)
    {
      target_read_free (read);
      return;
    }

  /* A refresh is on its way: the positions are those of rows about to
   * go. The window selects the same cases again once it is in. */
  if (casebook_case_list_is_loading (read->cases))
    {
      read->waiting = TRUE;
      read->waited = TRUE;
      return;
    }

  /* Selected again after a change: by id, the same cases, unless the
   * person chose others meanwhile; "all of them" is the same cases only
   * with the same filter. Fewer than two means they were not selected
   * again. */
  filter = casebook_filter_serialize (self->filter);
  again = read->tries++ > 0 || read->waited;
  if (read->tries > MAX_TRIES || _casebook_window_n_selected (self) <= 1 ||
      (again && (self->all_selected != read->all || (read->all && g_strcmp0 (filter, read->filter) != 0) ||
                 (!read->all && !same_ids (read->ids, self->selected_ids)))))
    {
      give_up (read);
      return;
    }

  if (again)
    g_debug ("Finding the selected cases again after a change of the list");
  read->stale = FALSE;
  read->cancellable = g_cancellable_new ();

  runs = casebook_case_selection_get_runs (CASEBOOK_CASE_SELECTION (self->selection));
  casebook_case_list_get_ids_async (read->cases, (const guint *) runs->data, runs->len / 2, read->cancellable,
                                    on_ids_read, read);
}

static void
on_ids_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  TargetRead *read = user_data;
  CasebookWindow *self = read->window;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = casebook_case_list_get_ids_finish (CASEBOOK_CASE_LIST (source), result, &error);

  /* Closing the window cancels without a word. */
  if (self->store == NULL)
    target_read_free (read);
  else if (ids != NULL && !read->stale)
    {
      read->func (self, ids, read->data);
      target_read_free (read);
    }
  else if (ids != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    start_read (read);
  else
    {
      _casebook_window_show_error (self, _("Could Not Find the Selected Cases"), error->message);
      target_read_free (read);
    }
}

/**
 * _casebook_window_n_selected:
 *
 * Returns: how many rows of the list are selected, read from the
 *   selection's positions only
 */
guint
_casebook_window_n_selected (CasebookWindow *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (self->selection == NULL)
    return 0;

  selected = gtk_selection_model_get_selection (self->selection);
  return (guint) MIN (gtk_bitset_get_size (selected), G_MAXUINT);
}

/**
 * _casebook_window_all_selected:
 * @filter: (out) (transfer none) (optional): the listing's filter
 * @sort: (out) (optional): its order
 * @lang: (out) (optional): the language of its order
 *
 * Whether several rows are selected and they are every case of a listing
 * of the store, which can then be acted on by its filter and order
 * without finding each id (casebook_store_add_matching_to_collection()).
 * Not while the list shows search results: those are ranked, and only
 * the best of them are shown.
 *
 * Returns: %TRUE when every row of such a listing is selected
 */
gboolean
_casebook_window_all_selected (CasebookWindow  *self,
                               CasebookFilter **filter,
                               CasebookSort    *sort,
                               CasebookLang    *lang)
{
  guint n = _casebook_window_n_selected (self);

  return self->cases != NULL && n > 1 && n == g_list_model_get_n_items (G_LIST_MODEL (self->cases)) &&
         casebook_case_list_get_listing (self->cases, filter, sort, lang);
}

/**
 * _casebook_window_with_target_ids:
 * @func: what to do with the ids
 * @data: (transfer full): for @func
 * @data_free: (nullable): frees @data once @func has run, or was not run
 *
 * Calls @func with the ids of the cases an action applies to: those of
 * the selected rows when several are, in the list's order, else the case
 * on show (or none). For one case @func runs before this returns; for a
 * selection, once the ids were found on a worker thread, and not at all
 * when the list changes before that or the window closes.
 */
void
_casebook_window_with_target_ids (CasebookWindow      *self,
                                  CasebookTargetsFunc  func,
                                  gpointer             data,
                                  GDestroyNotify       data_free)
{
  TargetRead *read;

  if (_casebook_window_n_selected (self) <= 1 || self->cases == NULL)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      if (self->current != NULL)
        g_ptr_array_add (ids, (gpointer) casebook_case_get_id (self->current));
      g_ptr_array_add (ids, NULL);
      func (self, (char **) ids->pdata, data);
      if (data_free != NULL)
        data_free (data);
      return;
    }

  read = g_new0 (TargetRead, 1);
  read->window = g_object_ref (self);
  read->cases = g_object_ref (self->cases);
  read->func = func;
  read->data = data;
  read->data_free = data_free;
  read->filter = casebook_filter_serialize (self->filter);
  read->all = self->all_selected;
  if (self->selected_ids != NULL)
    {
      read->ids = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < self->selected_ids->len; i++)
        g_ptr_array_add (read->ids, g_strdup (g_ptr_array_index (self->selected_ids, i)));
    }
  read->changed_id = g_signal_connect (self->cases, "items-changed", G_CALLBACK (on_list_changed), read);
  read->refreshed_id = g_signal_connect (self->cases, "refreshed", G_CALLBACK (on_list_refreshed), read);
  if (self->target_reads == NULL)
    self->target_reads = g_ptr_array_new ();
  g_ptr_array_add (self->target_reads, read);
  _casebook_window_hold_busy (self, TRUE);
  start_read (read);
}

/**
 * _casebook_window_stop_target_reads:
 *
 * Cancels the finding of selected cases still running, as the window
 * closes: their actions are not done.
 */
void
_casebook_window_stop_target_reads (CasebookWindow *self)
{
  g_autoptr(GPtrArray) reads = g_steal_pointer (&self->target_reads);

  /* One that is reading ends in its callback; one waiting for the list
   * ends here. */
  for (guint i = 0; reads != NULL && i < reads->len; i++)
    {
      TargetRead *read = g_ptr_array_index (reads, i);

      if (read->cancellable != NULL)
        g_cancellable_cancel (read->cancellable);
      else
        target_read_free (read);
    }
}
