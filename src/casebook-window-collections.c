/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-drag-content.h"
#include "casebook-case-drag.h"
#include "casebook-case-selection.h"
#include "casebook-case-row.h"
#include "casebook-collection-dialog.h"
#include "casebook-store-collections.h"
#include "casebook-store-matching.h"
#include "casebook-toast.h"
#include "casebook-window-private.h"

/* The window's side of collections: the chosen collection as a
 * restriction of the list, the cases an action applies to (the selected
 * ones, or the case on show), adding, removing and moving cases, the
 * collection's own actions with their Undo toasts, and the drags and
 * menus of the case list. The store does the work; each change is one
 * transaction of its own, and the list and the sidebar follow the store's
 * "changed" signal. */

/* How many selected cases a refresh of the list selects again by id;
 * past that only "all of them" is kept, since finding each one's new
 * place is a query of its own. */
#define MAX_RESELECT 200

/* How many cases found for a selection are added to a collection on the
 * main thread, in one transaction with the rest of the action; more are
 * written on a worker thread (casebook_store_add_ids_to_collection_async()),
 * so that the main thread's share stays bounded. */
#define MAX_SYNC_ADD 1000

/* What an Undo toast needs to put back. */
typedef struct
{
  CasebookCollection *deleted;     /* a deleted collection */
  gboolean            was_chosen;  /* ... that the list showed */
  gint64              collection;  /* or cases removed from this one */
  GPtrArray          *ids;         /* ... these, in their old order */
  GArray             *positions;   /* ... at these places (guint) */
} Undo;

static void
undo_free (Undo *undo)
{
  g_clear_object (&undo->deleted);
  g_clear_pointer (&undo->ids, g_ptr_array_unref);
  g_clear_pointer (&undo->positions, g_array_unref);
  g_free (undo);
}

static gboolean
is_writable (CasebookWindow *self)
{
  /* Not while cases are being deleted (casebook-window-delete.c). */
  return self->store != NULL && !casebook_store_is_read_only (self->store) && self->n_deleting == 0;
}

static void
toast (CasebookWindow *self,
       const char     *markup)
{
  _casebook_window_add_status_markup (self, markup);
}

static void
toast_error (CasebookWindow *self,
             const GError   *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  toast (self, escaped);
}

/* The chosen collection, if it is a plain one: the only kind whose cases
 * can be removed and moved. */
static CasebookCollection *
chosen_plain (CasebookWindow *self)
{
  CasebookCollection *collection;

  if (self->collection_list == NULL)
    return NULL;

  collection = casebook_collection_list_get_collection (self->collection_list,
                                                        casebook_collection_list_get_selected (self->collection_list));
  if (collection == NULL || casebook_collection_is_smart (collection))
    return NULL;

  return collection;
}

/**
 * _casebook_window_shows_collection_order:
 *
 * Returns: whether the list shows a plain collection, in its own order
 */
gboolean
_casebook_window_shows_collection_order (CasebookWindow *self)
{
  return chosen_plain (self) != NULL;
}

static guint
n_selected (CasebookWindow *self)
{
  return _casebook_window_n_selected (self);
}

/* The ids of the selected cases, in the order of the list, read row by
 * row on this thread: for a few only (see casebook-window-targets.c). */
static GPtrArray *
selected_ids (CasebookWindow *self)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (self->selection == NULL)
    return ids;

  selected = gtk_selection_model_get_selection (self->selection);
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(CasebookCaseSummary) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

      if (row != NULL)
        g_ptr_array_add (ids, g_strdup (casebook_case_summary_get_id (row)));
    }

  return ids;
}

/**
 * _casebook_window_get_target_ids:
 *
 * What the actions act on: every selected case when several are, else
 * the case on show, found on this thread by reading each selected row.
 * The actions use _casebook_window_with_target_ids(), which finds many
 * on a worker thread; this is for the few callers that need the ids at
 * once.
 *
 * Returns: (transfer full): a %NULL-terminated array of case ids, maybe
 *   empty
 */
char **
_casebook_window_get_target_ids (CasebookWindow *self)
{
  g_autoptr(GPtrArray) ids = NULL;

  if (n_selected (self) > 1)
    ids = selected_ids (self);
  else
    {
      ids = g_ptr_array_new_with_free_func (g_free);
      if (self->current != NULL)
        g_ptr_array_add (ids, g_strdup (casebook_case_get_id (self->current)));
    }

  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

/**
 * _casebook_window_update_collection_actions:
 *
 * Enables what applies to the selection and the chosen collection.
 */
void
_casebook_window_update_collection_actions (CasebookWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean writable = is_writable (self);
  gboolean plain = chosen_plain (self) != NULL;
  gboolean searching = self->cases != NULL && casebook_case_list_is_searching (self->cases);
  const char *query = casebook_filter_get_query (self->filter);
  gboolean narrowed = casebook_filter_has_facets (self->filter) || (query != NULL && query[0] != '\0');

  /* With nothing selected these do nothing; the case on show can change
   * without a word to this file, so they do not follow it. */
  gtk_widget_action_set_enabled (widget, "win.new-collection", writable);
  gtk_widget_action_set_enabled (widget, "win.add-to-collection", writable);
  gtk_widget_action_set_enabled (widget, "win.add-to-new-collection", writable);
  gtk_widget_action_set_enabled (widget, "win.remove-from-collection", writable && plain);
  gtk_widget_action_set_enabled (widget, "win.move-case-up", writable && plain && !searching);
  gtk_widget_action_set_enabled (widget, "win.move-case-down", writable && plain && !searching);
  gtk_widget_action_set_enabled (widget, "win.save-smart-collection", writable && narrowed);
  gtk_widget_action_set_enabled (widget, "win.rename-collection", writable);
  gtk_widget_action_set_enabled (widget, "win.delete-collection", writable);
}

/* Choosing a collection */

static void
on_collection_chosen (CasebookWindow         *self,
                      GParamSpec             *pspec,
                      CasebookCollectionList *list)
{
  gint64 id = casebook_collection_list_get_selected (list);

  /* The filter narrows the list to the collection, in its order when it
   * is a plain one; the facets and the search still apply within it. */
  casebook_filter_set_collection (self->filter, id);

  /* At a narrow width the sidebar covers the list: choosing is done. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);

  _casebook_window_update_collection_actions (self);
}

/* Adding */

static void
say_added (CasebookWindow *self,
           const char     *name,
           guint           n_ids,
           guint           n_added)
{
  g_autofree char *message = NULL;

  if (n_added == 0)
    /* Translators: a toast; %s is a collection's name */
    message = g_markup_printf_escaped (g_dngettext (GETTEXT_PACKAGE, "Already in “%s”", "All already in “%s”", n_ids),
                                       name);
  else
    /* Translators: a toast; %u is a number of cases, %s a collection's name */
    message = g_markup_printf_escaped (g_dngettext (GETTEXT_PACKAGE, "Added %u case to “%s”", "Added %u cases to “%s”",
                                                    n_added),
                                       n_added, name);
  toast (self, message);
}

/**
 * _casebook_window_add_to_collection:
 * @collection_id: a plain collection's id
 * @ids: the ids of cases in the store
 *
 * Adds the cases to the end of the collection, those not yet in it, and
 * says in a toast how many were added.
 */
void
_casebook_window_add_to_collection (CasebookWindow     *self,
                                    gint64              collection_id,
                                    const char * const *ids)
{
  CasebookCollection *collection = casebook_collection_list_get_collection (self->collection_list, collection_id);
  g_autofree char *name = g_strdup (collection != NULL ? casebook_collection_get_name (collection) : "");
  g_autoptr(GError) error = NULL;
  guint n_ids = ids != NULL ? g_strv_length ((char **) ids) : 0;
  guint n_added = 0;

  if (n_ids == 0)
    return;

  if (!casebook_store_add_to_collection (self->store, collection_id, ids, -1, &n_added, &error))
    {
      _casebook_window_show_error (self, _("Could Not Add to the Collection"), error->message);
      return;
    }

  say_added (self, name, n_ids, n_added);
}

/* What a collection being filled on a worker thread needs when it is done. */
typedef struct
{
  CasebookWindow *window;
  char           *name;
  guint           n_ids;
} Adding;

static void
adding_free (Adding *adding)
{
  g_clear_object (&adding->window);
  g_free (adding->name);
  g_free (adding);
}

static Adding *
adding_new (CasebookWindow *self,
            gint64          collection_id,
            guint           n_ids)
{
  CasebookCollection *collection = casebook_collection_list_get_collection (self->collection_list, collection_id);
  Adding *adding = g_new0 (Adding, 1);

  adding->window = g_object_ref (self);
  adding->name = g_strdup (collection != NULL ? casebook_collection_get_name (collection) : "");
  adding->n_ids = n_ids;
  return adding;
}

static void
on_added (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Adding *adding = user_data;
  CasebookWindow *self = adding->window;
  g_autoptr(GError) error = NULL;
  guint n_added = 0;

  if (!casebook_store_add_to_collection_finish (CASEBOOK_STORE (source), result, &n_added, &error))
    {
      if (self->store != NULL)
        _casebook_window_show_error (self, _("Could Not Add to the Collection"), error->message);
    }
  else if (self->store != NULL)
    say_added (self, adding->name, adding->n_ids, n_added);

  adding_free (adding);
}

/* Adds the cases found for a selection: a few at once, many on a worker
 * thread. */
static void
add_found (CasebookWindow  *self,
           char           **ids,
           gpointer         data)
{
  gint64 collection_id = *(gint64 *) data;
  guint n_ids = g_strv_length (ids);

  if (n_ids <= MAX_SYNC_ADD)
    {
      _casebook_window_add_to_collection (self, collection_id, (const char * const *) ids);
      return;
    }

  casebook_store_add_ids_to_collection_async (self->store, collection_id, (const char * const *) ids, NULL,
                                              on_added, adding_new (self, collection_id, n_ids));
}

static void
add_to_collection_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  gint64 collection_id = g_variant_get_int64 (param);
  CasebookFilter *filter = NULL;
  CasebookSort sort;
  CasebookLang lang;

  /* Every case of the list (Ctrl+A): the store adds them by the list's
   * filter and order, on a worker thread, without a row being read. */
  if (_casebook_window_all_selected (self, &filter, &sort, &lang))
    {
      casebook_store_add_matching_to_collection_async (self->store, collection_id, filter, sort, lang, NULL,
                                                       on_added, adding_new (self, collection_id, n_selected (self)));
      return;
    }

  _casebook_window_with_target_ids (self, add_found, g_memdup2 (&collection_id, sizeof collection_id), g_free);
}

static void
on_cases_dropped (CasebookWindow         *self,
                  gint64                  collection_id,
                  char                  **ids,
                  CasebookCollectionList *list)
{
  _casebook_window_add_to_collection (self, collection_id, (const char * const *) ids);
}

typedef struct
{
  CasebookWindow *window;
  gint64          collection_id;
} DragDrop;

static void
drag_drop_free (DragDrop *drop)
{
  g_clear_object (&drop->window);
  g_free (drop);
}

static void
on_dropped_ids (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DragDrop *drop = user_data;
  CasebookWindow *self = drop->window;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = casebook_case_drag_content_get_ids_finish (CASEBOOK_CASE_DRAG_CONTENT (source), result, &error);

  if (self->store == NULL)
    ;
  else if (ids == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _casebook_window_add_status (self, error->message);
  else if (ids == NULL)
    _casebook_window_show_error (self, _("Could Not Add to the Collection"), error->message);
  else if (ids[0] != NULL)
    add_found (self, ids, &drop->collection_id);

  drag_drop_free (drop);
}

/* A selection dragged by its positions: every case of a listing goes in
 * by the listing, as Add to Collection does; others once their ids are
 * found on a worker thread. */
static void
on_case_drag_dropped (CasebookWindow          *self,
                      gint64                   collection_id,
                      CasebookCaseDragContent *content,
                      CasebookCollectionList  *list)
{
  CasebookFilter *filter = NULL;
  CasebookSort sort;
  CasebookLang lang;
  DragDrop *drop;

  if (casebook_case_drag_content_get_store (content) != self->store)
    return;

  if (casebook_case_drag_content_get_listing (content, &filter, &sort, &lang))
    {
      casebook_store_add_matching_to_collection_async (self->store, collection_id, filter, sort, lang, NULL, on_added,
                                                       adding_new (self, collection_id,
                                                                   casebook_case_drag_content_get_n_cases (content)));
      return;
    }

  drop = g_new0 (DragDrop, 1);
  drop->window = g_object_ref (self);
  drop->collection_id = collection_id;
  casebook_case_drag_content_get_ids_async (content, NULL, on_dropped_ids, drop);
}

static void
on_cases_json_dropped (CasebookWindow         *self,
                       gint64                  collection_id,
                       GBytes                 *json,
                       CasebookCollectionList *list)
{
  _casebook_window_receive_cases (self, collection_id, json);
}

/* Making, renaming and deleting collections */

typedef enum
{
  ASK_NEW,
  ASK_NEW_WITH_CASES,
  ASK_SMART,
  ASK_RENAME,
} Ask;

typedef struct
{
  CasebookWindow *window;
  Ask             ask;
  gint64          id;
  char          **ids;
  /* The smart collection's filter; or with @all, the listing whose every
   * case goes into the new collection, in this order. */
  CasebookFilter *filter;
  gboolean        all;
  CasebookSort    sort;
  CasebookLang    lang;
  guint           n_cases;
} AskData;

static void
ask_data_free (AskData *data)
{
  g_clear_object (&data->window);
  g_clear_pointer (&data->ids, g_strfreev);
  g_clear_object (&data->filter);
  g_free (data);
}

static void
on_name_chosen (CasebookCollectionDialog *dialog,
                const char               *response,
                AskData                  *data)
{
  CasebookWindow *self = data->window;
  const char *name = casebook_collection_dialog_get_name (dialog);
  g_autoptr(CasebookCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "accept") != 0)
    return;

  if (data->ask == ASK_RENAME)
    {
      if (!casebook_store_rename_collection (self->store, data->id, name, &error))
        _casebook_window_show_error (self, _("Could Not Rename the Collection"), error->message);
      return;
    }

  if (data->ask == ASK_SMART)
    collection = casebook_collection_new_smart (name, data->filter);
  else
    collection = casebook_collection_new (name);

  /* A few cases go in with the collection, in one transaction; many are
   * written on a worker thread once it is there. */
  if (data->ask == ASK_NEW_WITH_CASES && !data->all && data->n_cases <= MAX_SYNC_ADD)
    for (guint i = 0; data->ids[i] != NULL; i++)
      g_ptr_array_add (casebook_collection_get_case_ids (collection), g_strdup (data->ids[i]));

  if (!casebook_store_create_collection (self->store, collection, &error))
    {
      _casebook_window_show_error (self, _("Could Not Make the Collection"), error->message);
      return;
    }

  if (data->ask == ASK_NEW_WITH_CASES && data->all)
    casebook_store_add_matching_to_collection_async (self->store, casebook_collection_get_id (collection),
                                                     data->filter, data->sort, data->lang, NULL, on_added,
                                                     adding_new (self, casebook_collection_get_id (collection),
                                                                 data->n_cases));
  else if (data->ask == ASK_NEW_WITH_CASES && data->n_cases > MAX_SYNC_ADD)
    casebook_store_add_ids_to_collection_async (self->store, casebook_collection_get_id (collection),
                                                (const char * const *) data->ids, NULL, on_added,
                                                adding_new (self, casebook_collection_get_id (collection),
                                                            data->n_cases));
  else if (data->ask == ASK_NEW_WITH_CASES)
    {
      guint n = g_strv_length (data->ids);

      message = g_markup_printf_escaped (g_dngettext (GETTEXT_PACKAGE, "Added %u case to “%s”", "Added %u cases to “%s”", n),
                                         n, name);
    }
  else
    /* Translators: a toast; %s is the new collection's name */
    message = g_markup_printf_escaped (_("Made the collection “%s”"), name);
  /* Cases written on a worker thread say so when they are in. */
  if (message != NULL)
    toast (self, message);

  /* A smart collection is the search just saved: show it as such. */
  if (data->ask == ASK_SMART)
    {
      _casebook_window_clear_search (self);
      casebook_collection_list_select (self->collection_list, casebook_collection_get_id (collection));
    }
}

/* @ids: for ASK_NEW_WITH_CASES, the cases, or %NULL for every case of
 * the list (then _casebook_window_all_selected() holds) */
static void
ask_name (CasebookWindow     *self,
          Ask                 ask,
          gint64              id,
          const char * const *ids)
{
  CasebookCollectionDialog *dialog;
  AskData *data = g_new0 (AskData, 1);
  const char *name = NULL;

  data->window = g_object_ref (self);
  data->ask = ask;
  data->id = id;

  switch (ask)
    {
    case ASK_NEW:
      dialog = casebook_collection_dialog_new (GTK_WINDOW (self), self->store, _("New Collection"),
                                               _("A collection keeps cases together in the order you choose."),
                                               _("C_reate"), NULL, 0);
      break;

    case ASK_NEW_WITH_CASES:
      if (ids != NULL)
        {
          data->ids = g_strdupv ((char **) ids);
          data->n_cases = g_strv_length (data->ids);
        }
      else
        {
          CasebookFilter *filter = NULL;

          data->all = _casebook_window_all_selected (self, &filter, &data->sort, &data->lang);
          if (!data->all)
            {
              ask_data_free (data);
              return;
            }
          data->filter = casebook_filter_copy (filter);
          data->n_cases = n_selected (self);
        }
      dialog = casebook_collection_dialog_new (GTK_WINDOW (self), self->store, _("New Collection"),
                                               g_dngettext (GETTEXT_PACKAGE,
                                                            "The case on show goes into the new collection.",
                                                            "The selected cases go into the new collection.",
                                                            data->n_cases),
                                               _("C_reate"), NULL, 0);
      break;

    case ASK_SMART:
      data->filter = casebook_filter_copy (self->filter);
      /* The copy must not carry the collection on show: a saved search
       * stands on its own. */
      casebook_filter_set_collection (data->filter, 0);
      name = casebook_filter_get_query (self->filter);
      dialog = casebook_collection_dialog_new (GTK_WINDOW (self), self->store, _("Save Search as Smart Collection"),
                                               _("A smart collection shows whatever matches the current filters and search, "
                                                 "also cases added later."),
                                               _("_Save"), name, 0);
      break;

    case ASK_RENAME:
    default:
      {
        CasebookCollection *collection = casebook_collection_list_get_collection (self->collection_list, id);

        if (collection == NULL)
          {
            ask_data_free (data);
            return;
          }

        dialog = casebook_collection_dialog_new (GTK_WINDOW (self), self->store, _("Rename Collection"), NULL,
                                                 _("_Rename"), casebook_collection_get_name (collection), id);
      }
      break;
    }

  g_signal_connect_data (dialog, "response", G_CALLBACK (on_name_chosen), data,
                         (GClosureNotify) (void (*) (void)) ask_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ask_name_found (CasebookWindow  *self,
                char           **ids,
                gpointer         data)
{
  ask_name (self, ASK_NEW_WITH_CASES, 0, (const char * const *) ids);
}

static void
new_collection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);

  if (!g_str_equal (action_name, "win.add-to-new-collection"))
    ask_name (self, ASK_NEW, 0, NULL);
  else if (_casebook_window_all_selected (self, NULL, NULL, NULL))
    ask_name (self, ASK_NEW_WITH_CASES, 0, NULL);
  else
    _casebook_window_with_target_ids (self, ask_name_found, NULL, NULL);
}

static void
save_smart_collection_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  ask_name (CASEBOOK_WINDOW (widget), ASK_SMART, 0, NULL);
}

static void
rename_collection_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  ask_name (CASEBOOK_WINDOW (widget), ASK_RENAME, g_variant_get_int64 (param), NULL);
}

static void
on_undo_toast_dismissed (AdwToast       *toast,
                         CasebookWindow *self)
{
  guint token = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "token"));

  /* Past the toast there is no undo. */
  g_hash_table_remove (self->collection_undo, GUINT_TO_POINTER (token));
}

static void
offer_undo (CasebookWindow *self,
            const char     *title,
            Undo           *undo)
{
  guint token = ++self->n_collection_undos;
  AdwToast *toast = casebook_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-collection-change");
  adw_toast_set_action_target (toast, "u", token);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (toast), "token", GUINT_TO_POINTER (token));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self, 0);
  g_hash_table_insert (self->collection_undo, GUINT_TO_POINTER (token), undo);
  casebook_toast_add (self->toast_overlay, toast);
}

static void
delete_collection_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  gint64 id = g_variant_get_int64 (param);
  gboolean was_chosen = casebook_collection_list_get_selected (self->collection_list) == id;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  CasebookCollection *deleted;
  Undo *undo;

  deleted = casebook_store_delete_collection (self->store, id, &error);
  if (deleted == NULL)
    {
      _casebook_window_show_error (self, _("Could Not Delete the Collection"), error->message);
      return;
    }

  /* Translators: a toast after a collection was deleted, with an Undo button */
  title = g_markup_printf_escaped (_("Collection “%s” deleted"), casebook_collection_get_name (deleted));
  undo = g_new0 (Undo, 1);
  undo->deleted = deleted;
  undo->was_chosen = was_chosen;
  offer_undo (self, title, undo);
}

/* Takes the cases found for the selection out of the collection the list
 * showed when it was asked (@data: its id). */
static void
remove_found (CasebookWindow  *self,
              char           **ids,
              gpointer         data)
{
  gint64 collection_id = *(gint64 *) data;
  g_autoptr(GHashTable) removed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CasebookCollection) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GPtrArray *order;
  Undo *undo;
  guint n;

  if (ids[0] == NULL)
    return;

  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (removed, ids[i]);

  /* The places the cases had, read from the store, so that Undo puts them
   * back where they were. */
  before = casebook_store_get_collection (self->store, collection_id, &error);
  if (before == NULL)
    {
      _casebook_window_show_error (self, _("Could Not Remove from the Collection"), error->message);
      return;
    }

  undo = g_new0 (Undo, 1);
  undo->collection = casebook_collection_get_id (before);
  undo->ids = g_ptr_array_new_with_free_func (g_free);
  undo->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  order = casebook_collection_get_case_ids (before);
  for (guint i = 0; i < order->len; i++)
    if (g_hash_table_contains (removed, g_ptr_array_index (order, i)))
      {
        g_ptr_array_add (undo->ids, g_strdup (g_ptr_array_index (order, i)));
        g_array_append_val (undo->positions, i);
      }

  if (!casebook_store_remove_from_collection (self->store, undo->collection, (const char * const *) ids, &error))
    {
      undo_free (undo);
      _casebook_window_show_error (self, _("Could Not Remove from the Collection"), error->message);
      return;
    }

  n = undo->ids->len;
  if (n == 1 && self->current != NULL && g_strcmp0 (casebook_case_get_id (self->current), g_ptr_array_index (undo->ids, 0)) == 0)
    /* Translators: a toast with an Undo button; the first %s is a case's title, the second a collection's name */
    title = g_markup_printf_escaped (_("Removed “%s” from “%s”"),
                                     casebook_text_get (casebook_case_get_title (self->current), self->lang),
                                     casebook_collection_get_name (before));
  else
    /* Translators: a toast with an Undo button; %s is a collection's name */
    title = g_markup_printf_escaped (g_dngettext (GETTEXT_PACKAGE, "Removed %u case from “%s”", "Removed %u cases from “%s”", n),
                                     n, casebook_collection_get_name (before));
  offer_undo (self, title, undo);
}

static void
remove_from_collection_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  CasebookCollection *collection = chosen_plain (self);
  gint64 collection_id;

  if (collection == NULL)
    return;

  collection_id = casebook_collection_get_id (collection);
  _casebook_window_with_target_ids (self, remove_found, g_memdup2 (&collection_id, sizeof collection_id), g_free);
}

static void
undo_collection_change_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  guint token = g_variant_get_uint32 (param);
  Undo *undo = g_hash_table_lookup (self->collection_undo, GUINT_TO_POINTER (token));
  g_autoptr(GError) error = NULL;

  if (undo == NULL)
    return;

  if (undo->deleted != NULL)
    {
      casebook_collection_set_id (undo->deleted, 0);
      if (!casebook_store_create_collection (self->store, undo->deleted, &error))
        {
          _casebook_window_show_error (self, _("Could Not Restore the Collection"), error->message);
          return;
        }
      /* The collection on show when it went comes back on show. */
      if (undo->was_chosen)
        casebook_collection_list_select (self->collection_list, casebook_collection_get_id (undo->deleted));
    }
  else
    {
      /* Back in the old order: each one at its old place, the earliest
       * first, so that every place counts the ones put back before it.
       * Cases that stood next to each other go back together, in one
       * call: all of a collection emptied at once is one transaction. */
      for (guint i = 0; i < undo->ids->len;)
        {
          g_autoptr(GPtrArray) run = g_ptr_array_new ();
          guint at = g_array_index (undo->positions, guint, i);

          do
            g_ptr_array_add (run, g_ptr_array_index (undo->ids, i++));
          while (i < undo->ids->len && g_array_index (undo->positions, guint, i) == at + run->len);
          g_ptr_array_add (run, NULL);

          if (!casebook_store_add_to_collection (self->store, undo->collection, (const char * const *) run->pdata,
                                                 (int) at, NULL, &error))
            {
              _casebook_window_show_error (self, _("Could Not Put the Cases Back"), error->message);
              return;
            }
        }
    }

  g_hash_table_remove (self->collection_undo, GUINT_TO_POINTER (token));
}

/* Moving within a plain collection */

static gint64
list_position (CasebookWindow *self,
               const char     *id)
{
  GListModel *model = G_LIST_MODEL (self->cases);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CasebookCaseSummary) row = g_list_model_get_item (model, i);

      if (row != NULL && g_strcmp0 (casebook_case_summary_get_id (row), id) == 0)
        return i;
    }

  return -1;
}

static int
index_in (GPtrArray  *ids,
          const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return (int) i;

  return -1;
}

/* Moves @id to where @neighbour is in the collection's order; with the
 * filters on, the neighbour is the next case the list shows, so a move
 * is always one visible step. */
static void
move_next_to (CasebookWindow *self,
              const char     *id,
              const char     *neighbour)
{
  CasebookCollection *collection = chosen_plain (self);
  g_autoptr(CasebookCollection) now = NULL;
  g_autoptr(GError) error = NULL;
  int to;

  if (collection == NULL)
    return;

  now = casebook_store_get_collection (self->store, casebook_collection_get_id (collection), &error);
  if (now == NULL)
    {
      toast_error (self, error);
      return;
    }

  to = index_in (casebook_collection_get_case_ids (now), neighbour);
  if (to < 0 || index_in (casebook_collection_get_case_ids (now), id) < 0)
    return;

  if (!casebook_store_move_in_collection (self->store, casebook_collection_get_id (now), id, (guint) to, &error))
    _casebook_window_show_error (self, _("Could Not Move the Case"), error->message);
}

static void
move_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  gboolean up = g_str_equal (action_name, "win.move-case-up");
  CasebookCollection *collection = chosen_plain (self);
  const char *query = casebook_filter_get_query (self->filter);
  g_autofree char *id = NULL;
  g_autoptr(CasebookCaseSummary) neighbour = NULL;
  gint64 position;

  if (self->current == NULL || collection == NULL)
    return;

  id = g_strdup (casebook_case_get_id (self->current));
  self->refocus_after_refresh = TRUE;

  /* Nothing narrows the list: one step in the store's own order, which
   * holds even while the list is still being read again after a move
   * just before. */
  if (!casebook_filter_has_facets (self->filter) && (query == NULL || query[0] == '\0'))
    {
      g_autoptr(CasebookCollection) now = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *ids;
      int from;

      now = casebook_store_get_collection (self->store, casebook_collection_get_id (collection), &error);
      if (now == NULL)
        {
          toast_error (self, error);
          return;
        }

      ids = casebook_collection_get_case_ids (now);
      from = index_in (ids, id);
      if (from < 0 || (up && from == 0) || (!up && from + 1 >= (int) ids->len))
        return;

      if (!casebook_store_move_in_collection (self->store, casebook_collection_get_id (now), id,
                                              (guint) (up ? from - 1 : from + 1), &error))
        _casebook_window_show_error (self, _("Could Not Move the Case"), error->message);
      return;
    }

  /* The filters hide some: one step past the next case the list shows. */
  position = list_position (self, id);
  if (position < 0 || (up && position == 0))
    return;

  neighbour = g_list_model_get_item (G_LIST_MODEL (self->cases), (guint) (up ? position - 1 : position + 1));
  if (neighbour == NULL)
    return;

  move_next_to (self, id, casebook_case_summary_get_id (neighbour));
}

/* The case list's rows: drags and the context menu */

#define ITEM_KEY "casebook-list-item"

static GdkContentProvider *
on_drag_prepare (GtkDragSource  *source,
                 double          x,
                 double          y,
                 CasebookWindow *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source))),
                                         ITEM_KEY);
  CasebookCaseSummary *summary = item != NULL ? gtk_list_item_get_item (item) : NULL;
  g_autofree char *text = NULL;
  const char *ids[2] = { NULL, NULL };

  if (summary == NULL || self->store == NULL)
    return NULL;

  /* A selected row drags the whole selection with it. */
  if (gtk_list_item_get_selected (item) && n_selected (self) > 1)
    return _casebook_window_drag_selection (self);

  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    g_ptr_array_add (rows, summary);
    text = casebook_case_drag_content_format_rows (rows, self->lang);
  }
  ids[0] = casebook_case_summary_get_id (summary);

  return casebook_case_drag_content_new (self->store, ids, text);
}

/**
 * _casebook_window_drag_selection:
 *
 * What dragging the selected rows offers: the selection kept as
 * positions, whose ids, text and JSON are found when a drop asks for
 * them, on a worker thread, so that dragging 100,000 rows reads none of
 * them here.
 *
 * Returns: (transfer full) (nullable): the drag's content
 */
GdkContentProvider *
_casebook_window_drag_selection (CasebookWindow *self)
{
  g_autoptr(GArray) runs = NULL;

  if (self->store == NULL || self->cases == NULL)
    return NULL;

  runs = casebook_case_selection_get_runs (CASEBOOK_CASE_SELECTION (self->selection));
  return casebook_case_drag_content_new_for_positions (self->store, self->cases, (const guint *) runs->data,
                                                       runs->len / 2, self->lang);
}

/**
 * _casebook_window_drag_content:
 * @ids: the ids of cases the list shows
 *
 * What dragging these cases out of the list offers, for the tests: a
 * drag builds it from the rows it starts on.
 *
 * Returns: (transfer full): the drag's content
 */
GdkContentProvider *
_casebook_window_drag_content (CasebookWindow     *self,
                               const char * const *ids)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  GListModel *model = G_LIST_MODEL (self->selection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CasebookCaseSummary) row = g_list_model_get_item (model, i);

      if (g_strv_contains (ids, casebook_case_summary_get_id (row)))
        g_ptr_array_add (rows, g_steal_pointer (&row));
    }

  text = casebook_case_drag_content_format_rows (rows, self->lang);
  return casebook_case_drag_content_new (self->store, ids, text);
}

static void
on_drag_begin (GtkDragSource  *source,
               GdkDrag        *drag,
               CasebookWindow *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

/* Only a plain collection in its own order takes drops on its rows. */
static gboolean
on_row_drop_accept (GtkDropTarget  *target,
                    GdkDrop        *drop,
                    CasebookWindow *self)
{
  return chosen_plain (self) != NULL && !casebook_case_list_is_searching (self->cases) &&
         casebook_case_drag_accept_ids (drop, self->store);
}

static gboolean
on_row_drop (GtkDropTarget  *target,
             const GValue   *value,
             double          x,
             double          y,
             CasebookWindow *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GtkListItem *item = g_object_get_data (G_OBJECT (row), ITEM_KEY);
  CasebookCaseSummary *summary = item != NULL ? gtk_list_item_get_item (item) : NULL;
  CasebookCollection *collection = chosen_plain (self);
  CasebookCaseDragContent *content = casebook_case_drag_content_from_drop (gtk_drop_target_get_current_drop (target));
  char **ids = g_value_get_boxed (value);
  /* Dropped on the lower half of a row, the cases go after it. */
  gboolean after = y > gtk_widget_get_height (row) / 2.0;

  if (summary == NULL || collection == NULL || ids == NULL)
    return FALSE;

  if (ids[0] != NULL || content == NULL)
    return _casebook_window_drop_next_to (self, casebook_collection_get_id (collection),
                                          casebook_case_summary_get_id (summary), after, (const char * const *) ids);

  /* A selection dragged by its positions: its ids are found first. */
  _casebook_window_drop_dragged_next_to (self, content, casebook_collection_get_id (collection),
                                         casebook_case_summary_get_id (summary), after);
  return TRUE;
}

static void
show_case_menu (CasebookWindow *self,
                GtkWidget      *row,
                double          x,
                double          y)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (row), ITEM_KEY);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) collection_section = g_menu_new ();
  g_autoptr(GMenu) order_section = g_menu_new ();
  g_autoptr(GMenuItem) remove = NULL;

  if (item == NULL || gtk_list_item_get_item (item) == NULL)
    return;

  /* A menu opened on a row outside the selection is about that row. */
  if (!gtk_list_item_get_selected (item))
    gtk_selection_model_select_item (self->selection, gtk_list_item_get_position (item), TRUE);

  g_menu_append_submenu (collection_section, _("_Add to Collection"),
                         casebook_collection_list_get_add_menu (self->collection_list));
  remove = g_menu_item_new (_("_Remove from Collection"), "win.remove-from-collection");
  g_menu_item_set_attribute (remove, "hidden-when", "s", "action-disabled");
  g_menu_append_item (collection_section, remove);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (collection_section));

  if (n_selected (self) <= 1)
    {
      g_autoptr(GMenuItem) up = g_menu_item_new (_("Move _Up"), "win.move-case-up");
      g_autoptr(GMenuItem) down = g_menu_item_new (_("Move _Down"), "win.move-case-down");

      g_menu_item_set_attribute (up, "hidden-when", "s", "action-disabled");
      g_menu_item_set_attribute (down, "hidden-when", "s", "action-disabled");
      g_menu_append_item (order_section, up);
      g_menu_append_item (order_section, down);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (order_section));
    }

  /* One menu, kept by the list's header rather than the row: rows are
   * replaced whenever the store changes, which the menu's actions do. It
   * is made when first opened, not with the window. Not the list view
   * itself, which takes any child that gets the focus for one of its
   * rows. */
  if (self->case_menu == NULL)
    {
      self->case_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->case_menu, gtk_widget_get_parent (GTK_WIDGET (self->count_label)));
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->case_menu), G_MENU_MODEL (menu));
  if (x < 0 || !gtk_widget_translate_coordinates (row, gtk_widget_get_parent (self->case_menu), x, y, &x, &y))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_compute_bounds (row, gtk_widget_get_parent (self->case_menu), &bounds))
        return;
      x = bounds.origin.x + bounds.size.width / 2;
      y = bounds.origin.y + bounds.size.height;
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->case_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->case_menu));
}

static void
on_row_secondary_pressed (GtkGestureClick *gesture,
                          int              n_press,
                          double           x,
                          double           y,
                          CasebookWindow  *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  show_case_menu (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), x, y);
}

static void
on_row_long_pressed (GtkGestureLongPress *gesture,
                     double               x,
                     double               y,
                     CasebookWindow      *self)
{
  show_case_menu (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), x, y);
}

/* The Menu key or Shift+F10 in the list: the menu of the focused row. */
static gboolean
on_list_menu_key (GtkWidget *list_view,
                  GVariant  *args,
                  gpointer   user_data)
{
  CasebookWindow *self = user_data;
  GtkWidget *focus = gtk_widget_get_focus_child (list_view);
  GtkWidget *row = focus != NULL ? gtk_widget_get_first_child (focus) : NULL;

  if (!CASEBOOK_IS_CASE_ROW (row))
    return FALSE;

  show_case_menu (self, row, -1, -1);
  return TRUE;
}

/**
 * _casebook_window_setup_case_row:
 *
 * Gives a new row of the case list what collections need of it: a drag
 * source, a drop target for reordering and its context menu.
 */
void
_casebook_window_setup_case_row (CasebookWindow *self,
                                 GtkListItem    *item)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (CASEBOOK_TYPE_CASE_IDS, GDK_ACTION_COPY | GDK_ACTION_MOVE);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  g_object_set_data (G_OBJECT (row), ITEM_KEY, item);

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY | GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (on_drag_prepare), self, 0);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (on_drag_begin), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  g_signal_connect_object (target, "accept", G_CALLBACK (on_row_drop_accept), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_row_drop), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_row_secondary_pressed), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (on_row_long_pressed), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (long_press));
}

/* Keeping the selection through a refresh */

/**
 * _casebook_window_remember_selection:
 *
 * Notes which cases are selected, for
 * _casebook_window_restore_selection() to select again after the list
 * was read anew.
 */
void
_casebook_window_remember_selection (CasebookWindow *self)
{
  guint n = n_selected (self);

  g_clear_pointer (&self->selected_ids, g_ptr_array_unref);
  self->all_selected = n > 1 && n == g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  if (n > 1 && n <= MAX_RESELECT && !self->all_selected)
    self->selected_ids = selected_ids (self);
}

/**
 * _casebook_window_restore_selection:
 *
 * After a refresh: selects again what was selected, where it went. The
 * case on show has been selected already.
 */
void
_casebook_window_restore_selection (CasebookWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  g_autoptr(GtkBitset) wanted = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;

  if (self->all_selected && n > 0)
    {
      self->restoring_selection = TRUE;
      gtk_selection_model_select_all (self->selection);
      self->restoring_selection = FALSE;
    }
  else if (self->selected_ids != NULL)
    {
      gboolean searching = casebook_case_list_is_searching (self->cases);

      for (guint i = 0; i < self->selected_ids->len; i++)
        {
          const char *id = g_ptr_array_index (self->selected_ids, i);
          gint64 position = searching ? list_position (self, id)
                                      : casebook_store_position (self->store, self->filter, self->sort,
                                                                 self->lang, id, NULL);

          if (position >= 0 && position < n)
            gtk_bitset_add (wanted, (guint) position);
        }

      if (!gtk_bitset_is_empty (wanted))
        {
          mask = gtk_bitset_copy (wanted);
          self->restoring_selection = TRUE;
          gtk_selection_model_set_selection (self->selection, wanted, mask);
          self->restoring_selection = FALSE;
        }
    }

  /* A move by keyboard keeps the keyboard on the moved row. */
  if (self->refocus_after_refresh && self->current != NULL)
    {
      gint64 position = list_position (self, casebook_case_get_id (self->current));

      self->refocus_after_refresh = FALSE;
      if (position >= 0)
        {
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) position);
          for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
               child != NULL;
               child = gtk_widget_get_next_sibling (child))
            {
              GtkWidget *row = gtk_widget_get_first_child (child);
              GtkListItem *item = row != NULL ? g_object_get_data (G_OBJECT (row), ITEM_KEY) : NULL;

              if (item != NULL && gtk_list_item_get_position (item) == (guint) position)
                {
                  gtk_widget_grab_focus (child);
                  break;
                }
            }
        }
    }

  _casebook_window_update_collection_actions (self);
}

/* Set-up */

/**
 * _casebook_window_setup_collections:
 *
 * Connects the Collections section and the list to the store; called
 * once the store is open.
 */
void
_casebook_window_setup_collections (CasebookWindow *self)
{
  GtkEventController *shortcuts;

  self->collection_undo = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) undo_free);
  casebook_collection_list_set_store (self->collection_list, self->store);
  g_signal_connect_object (self->collection_list, "notify::selected", G_CALLBACK (on_collection_chosen), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->collection_list, "cases-dropped", G_CALLBACK (on_cases_dropped), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->collection_list, "case-drag-dropped", G_CALLBACK (on_case_drag_dropped), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->collection_list, "cases-json-dropped", G_CALLBACK (on_cases_json_dropped), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (_casebook_window_update_collection_actions), self,
                           G_CONNECT_SWAPPED);
  if (self->case_page != NULL)
    casebook_case_page_set_collection_menu (self->case_page,
                                            casebook_collection_list_get_add_menu (self->collection_list));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK)),
                                                          gtk_callback_action_new (on_list_menu_key, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);

  _casebook_window_update_collection_actions (self);
}

/**
 * _casebook_window_dispose_collections:
 *
 * Lets go of what the list view was given, before the template goes.
 */
void
_casebook_window_dispose_collections (CasebookWindow *self)
{
  _casebook_window_stop_target_reads (self);
  g_clear_pointer (&self->case_menu, gtk_widget_unparent);
}

void
_casebook_window_class_collections_init (CasebookWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-collection", NULL, new_collection_action);
  gtk_widget_class_install_action (widget_class, "win.add-to-new-collection", NULL, new_collection_action);
  gtk_widget_class_install_action (widget_class, "win.add-to-collection", "x", add_to_collection_action);
  gtk_widget_class_install_action (widget_class, "win.rename-collection", "x", rename_collection_action);
  gtk_widget_class_install_action (widget_class, "win.delete-collection", "x", delete_collection_action);
  gtk_widget_class_install_action (widget_class, "win.remove-from-collection", NULL, remove_from_collection_action);
  gtk_widget_class_install_action (widget_class, "win.undo-collection-change", "u", undo_collection_change_action);
  gtk_widget_class_install_action (widget_class, "win.move-case-up", NULL, move_case_action);
  gtk_widget_class_install_action (widget_class, "win.move-case-down", NULL, move_case_action);
  gtk_widget_class_install_action (widget_class, "win.save-smart-collection", NULL, save_smart_collection_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.move-case-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.move-case-down", NULL);
}

/**
 * _casebook_window_get_collection_list:
 *
 * Returns: (transfer none): the Collections section of the sidebar
 */
CasebookCollectionList *
_casebook_window_get_collection_list (CasebookWindow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), NULL);
  return self->collection_list;
}
