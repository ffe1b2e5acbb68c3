/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "casebook-application-private.h"
#include "casebook-case-drag-content.h"
#include "casebook-case-drag.h"
#include "casebook-case-list-private.h"
#include "casebook-json.h"
#include "casebook-case-row.h"
#include "casebook-case-selection.h"
#include "casebook-collection-dialog.h"
#include "casebook-collection-list.h"
#include "casebook-facet-row-private.h"
#include "casebook-store-collections.h"
#include "casebook-test-display.h"
#include "casebook-test-util.h"
#include "casebook-window-private.h"

/* Collections in a real window: made through the dialog, filled from the
 * list with one case and with several selected, chosen in the sidebar,
 * reordered by keyboard, and emptied again with Undo. Every step is
 * checked in the store and in what the window shows. */

typedef struct
{
  char                *dir;
  CasebookApplication *app;
  CasebookWindow      *window;
  CasebookStore       *store;
  GtkListView         *list_view;
  guint                expected;
  const char          *text;
} Fixture;

static void
collect_labels (GtkWidget  *widget,
                const char *css_class,
                GPtrArray  *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          (css_class == NULL || gtk_widget_has_css_class (child, css_class)))
        g_ptr_array_add (labels, g_strdup (gtk_label_get_label (GTK_LABEL (child))));
      collect_labels (child, css_class, labels);
    }
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  collect_labels (widget, NULL, labels);
  return g_ptr_array_find_with_equal_func (labels, text, g_str_equal, NULL);
}

/* The button of a toast that runs @action. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_action_button (child, action)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
list_settled (gpointer data)
{
  Fixture *f = data;
  GListModel *cases = _casebook_window_get_cases (f->window);

  return g_list_model_get_n_items (cases) == f->expected &&
         !casebook_case_list_is_loading (CASEBOOK_CASE_LIST (cases));
}

static gboolean
shows_text (gpointer data)
{
  Fixture *f = data;

  return shows_label (GTK_WIDGET (f->window), f->text);
}

/* The ids the window's list holds, in its order. */
static char *
listed_ids (Fixture *f)
{
  GListModel *cases = _casebook_window_get_cases (f->window);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(CasebookCaseSummary) row = g_list_model_get_item (cases, i);

      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", casebook_case_summary_get_id (row));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* The titles the list shows on screen, top to bottom. */
static char *
shown_titles (Fixture *f)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  collect_labels (GTK_WIDGET (f->list_view), "heading", titles);
  g_ptr_array_add (titles, NULL);
  return g_strjoinv ("|", (char **) titles->pdata);
}

/* The case ids of the collection named @name, as the store has them. */
static char *
stored_ids (Fixture    *f,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCollection) collection = casebook_store_find_collection (f->store, name, &error);
  GPtrArray *ids;
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (collection);
  ids = casebook_collection_get_case_ids (collection);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "", (char *) g_ptr_array_index (ids, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
position_of (Fixture    *f,
             const char *id)
{
  GListModel *model = _casebook_window_get_cases (f->window);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CasebookCaseSummary) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (casebook_case_summary_get_id (row), id) == 0)
        return i;
    }

  g_assert_not_reached ();
  return 0;
}

static void
select_ids (Fixture            *f,
            const char * const *ids)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (f->list_view);

  for (guint i = 0; ids[i] != NULL; i++)
    gtk_selection_model_select_item (selection, position_of (f, ids[i]), i == 0);
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("io.github.casebook.Casebook.CollTest%u", ++counter);
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  f->dir = casebook_test_tmpdir ();
  db = g_build_filename (f->dir, "store.db", NULL);

  f->app = casebook_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), id);
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  _casebook_application_set_db_path (f->app, db);

  settings = _casebook_application_get_settings (f->app);
  g_settings_reset (settings, "selected-case");
  g_settings_reset (settings, "sort-order");
  g_settings_set_string (settings, "content-language", "en");

  f->store = g_object_ref (_casebook_application_get_store (f->app));
  f->window = _casebook_application_new_window (f->app, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  f->list_view = GTK_LIST_VIEW (casebook_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW));

  f->expected = 14;
  g_assert_true (casebook_test_wait_until (list_settled, f));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  g_clear_object (&f->app);
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
}

static CasebookCollectionDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (CASEBOOK_IS_COLLECTION_DIALOG (window) && gtk_widget_get_visible (window))
        return CASEBOOK_COLLECTION_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_shows (gpointer data)
{
  return find_dialog () != NULL;
}

/* Types @name into the open name dialog and says whether it would take it. */
static gboolean
type_name (CasebookCollectionDialog *dialog,
           const char               *name)
{
  GtkWidget *entry = casebook_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  return adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept");
}

static gint64
make_collection (Fixture    *f,
                 const char *name)
{
  CasebookCollectionDialog *dialog;
  g_autoptr(CasebookCollection) made = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-collection", NULL);
  g_assert_true (casebook_test_wait_until (dialog_shows, NULL));
  dialog = find_dialog ();
  g_assert_true (type_name (dialog, name));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  gtk_window_destroy (GTK_WINDOW (dialog));

  made = casebook_store_find_collection (f->store, name, NULL);
  g_assert_nonnull (made);
  return casebook_collection_get_id (made);
}

static void
test_create_validates (Fixture       *f,
                       gconstpointer  user_data)
{
  CasebookCollectionDialog *dialog;
  g_autoptr(GPtrArray) collections = NULL;
  g_autoptr(GError) error = NULL;
  /* Any script, and a name with an underscore and an ampersand. */
  const char *name = "容器 shortlist_1 & <more>";

  make_collection (f, name);
  collections = casebook_store_list_collections (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (collections->len, ==, 1);
  g_assert_cmpstr (casebook_collection_get_name (g_ptr_array_index (collections, 0)), ==, name);

  /* The sidebar lists it with its count. */
  f->text = name;
  g_assert_true (casebook_test_wait_until (shows_text, f));

  /* Refused names say why, as they are typed. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-collection", NULL);
  g_assert_true (casebook_test_wait_until (dialog_shows, NULL));
  dialog = find_dialog ();
  g_assert_false (type_name (dialog, name));
  g_assert_true (shows_label (GTK_WIDGET (dialog), "There is already a collection named “容器 shortlist_1 & <more>”."));
  g_assert_false (type_name (dialog, ""));
  g_assert_false (type_name (dialog, "tab\there"));
  g_assert_true (type_name (dialog, "Second"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_clear_pointer (&collections, g_ptr_array_unref);
  collections = casebook_store_list_collections (f->store, &error);
  g_assert_cmpuint (collections->len, ==, 1);

  /* Chosen while empty, it says so, and how to fill it. */
  casebook_collection_list_select (_casebook_window_get_collection_list (f->window),
                                   casebook_collection_get_id (g_ptr_array_index (collections, 0)));
  f->expected = 0;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  f->text = "No Cases in This Collection";
  g_assert_true (casebook_test_wait_until (shows_text, f));
}

typedef struct
{
  Fixture    *f;
  const char *name;
  const char *ids;
} StoredIs;

static gboolean
stored_is (gpointer data)
{
  StoredIs *s = data;
  g_autofree char *ids = stored_ids (s->f, s->name);

  return g_strcmp0 (ids, s->ids) == 0;
}

static void
count_refresh (guint *refreshes)
{
  (*refreshes)++;
}

static gboolean
refreshed_once (gpointer data)
{
  return *(guint *) data > 0;
}

static void
test_add_single_and_several (Fixture       *f,
                             gconstpointer  user_data)
{
  gint64 id = make_collection (f, "Shortlist");
  const char *one[] = { "report-4.1", NULL };
  const char *several[] = { "report-2.1", "report-5.1", "report-8.3", NULL };
  g_autofree char *ids = NULL;
  GListModel *cases = _casebook_window_get_cases (f->window);
  guint refreshes;
  gulong handler;

  /* One case, selected: it shows, and the action takes it. */
  select_ids (f, one);
  g_assert_cmpstr (casebook_case_get_id (_casebook_window_get_current_case (f->window)), ==, "report-4.1");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-to-collection", "x", id);
  ids = stored_ids (f, "Shortlist");
  g_assert_cmpstr (ids, ==, "report-4.1");
  f->text = "Added 1 case to “Shortlist”";
  g_assert_true (casebook_test_wait_until (shows_text, f));

  /* Several, with Ctrl-click: all of them, in the list's order, and the
   * one already there stays where it is. */
  select_ids (f, several);
  gtk_selection_model_select_item (gtk_list_view_get_model (f->list_view), position_of (f, "report-4.1"), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-to-collection", "x", id);
  /* The selected cases are found on a worker thread first. The list is
   * sorted by title. */
  {
    StoredIs stored = { f, "Shortlist", "report-4.1 report-8.3 report-5.1 report-2.1" };

    g_assert_true (casebook_test_wait_until (stored_is, &stored));
  }

  /* A store change re-reads the list; the selection stays. */
  f->expected = 14;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  settle ();
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (gtk_list_view_get_model (f->list_view));

    g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 4);
  }

  /* Ctrl+A selects every case, in a selection that keeps positions
   * only (test-case-selection.c: selecting all reads no row). */
  g_assert_true (CASEBOOK_IS_CASE_SELECTION (gtk_list_view_get_model (f->list_view)));
  refreshes = 0;
  handler = g_signal_connect_swapped (cases, "refreshed", G_CALLBACK (count_refresh), &refreshes);
  gtk_widget_activate_action (GTK_WIDGET (f->list_view), "list.select-all", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-to-collection", "x", id);
  /* Every case, written on a worker thread: the four kept first, then the
   * other ten in the list's order. */
  {
    g_autofree char *listed = listed_ids (f);
    g_auto(GStrv) order = g_strsplit (listed, " ", -1);
    g_autoptr(GString) expected = g_string_new ("report-4.1 report-8.3 report-5.1 report-2.1");
    StoredIs stored = { f, "Shortlist", NULL };

    for (guint i = 0; order[i] != NULL; i++)
      if (!g_strv_contains (several, order[i]) && strcmp (order[i], "report-4.1") != 0)
        g_string_append_printf (expected, " %s", order[i]);
    stored.ids = expected->str;
    g_assert_true (casebook_test_wait_until (stored_is, &stored));
    f->text = "Added 10 cases to “Shortlist”";
    g_assert_true (casebook_test_wait_until (shows_text, f));
  }

  /* The list is read anew after that change, and every case is still
   * selected. */
  {
    g_autoptr(GtkBitset) selected = NULL;

    g_assert_true (casebook_test_wait_until (refreshed_once, &refreshes));
    g_assert_true (casebook_test_wait_until (list_settled, f));
    g_signal_handler_disconnect (cases, handler);
    selected = gtk_selection_model_get_selection (gtk_list_view_get_model (f->list_view));
    g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 14);
  }
}

static gboolean
has_two (gpointer data)
{
  Fixture *f = data;
  g_autoptr(CasebookCollection) collection = casebook_store_find_collection (f->store, "Untouched", NULL);

  return collection != NULL && casebook_collection_get_case_ids (collection)->len == 2;
}

static gboolean
shows_results (gpointer data)
{
  CasebookCaseList *cases = data;

  return casebook_case_list_is_searching (cases) && !casebook_case_list_is_loading (cases);
}

/* The listed ids from @first on, @n of them. */
static char *
listed_range (Fixture *f,
              guint    first,
              guint    n)
{
  g_autofree char *listed = listed_ids (f);
  g_auto(GStrv) all = g_strsplit (listed, " ", -1);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = first; i < first + n && all[i] != NULL; i++)
    g_string_append_printf (ids, "%s%s", i > first ? " " : "", all[i]);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* A range selected (as Shift-click selects it), every case, and the
 * results of a search, each into a collection of its own: exactly the
 * selected cases, in the list's order, which for a search is its rank.
 * A list that changes before the cases are found leaves the collection
 * as it was, and says so. */
static void
test_add_range_and_all (Fixture       *f,
                        gconstpointer  user_data)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (f->list_view);
  GListModel *cases = _casebook_window_get_cases (f->window);
  gint64 range_id = make_collection (f, "Range");
  gint64 all_id = make_collection (f, "Everything");
  gint64 found_id = make_collection (f, "Found");
  gint64 untouched_id = make_collection (f, "Untouched");
  g_autofree char *range = NULL;
  g_autofree char *all = NULL;
  g_autofree char *found = NULL;
  StoredIs stored = { f, NULL, NULL };

  f->expected = 14;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  settle ();

  /* Rows 3 to 10 of the list sorted by title. */
  gtk_selection_model_select_range (selection, 3, 8, TRUE);
  range = listed_range (f, 3, 8);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-to-collection", "x", range_id);
  stored.name = "Range";
  stored.ids = range;
  g_assert_true (casebook_test_wait_until (stored_is, &stored));
  g_assert_true (casebook_test_wait_until (list_settled, f));
  settle ();

  /* Ctrl+A: all 14, in the list's order. */
  gtk_widget_activate_action (GTK_WIDGET (f->list_view), "list.select-all", NULL);
  all = listed_ids (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-to-collection", "x", all_id);
  stored.name = "Everything";
  stored.ids = all;
  g_assert_true (casebook_test_wait_until (stored_is, &stored));
  g_assert_true (casebook_test_wait_until (list_settled, f));
  settle ();

  /* While a search shows its results, best first: Ctrl+A takes them in
   * that order. */
  casebook_filter_set_query (_casebook_window_get_filter (f->window), "virtualization");
  g_assert_true (casebook_test_wait_until (shows_results, cases));
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (cases), >, 1);
  gtk_widget_activate_action (GTK_WIDGET (f->list_view), "list.select-all", NULL);
  found = listed_ids (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-to-collection", "x", found_id);
  stored.name = "Found";
  stored.ids = found;
  g_assert_true (casebook_test_wait_until (stored_is, &stored));

  /* While the cases are found, the search changes: every row is selected
   * again, but they are other cases, so nothing is added, and the window
   * says so. */
  gtk_widget_activate_action (GTK_WIDGET (f->list_view), "list.select-all", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-to-collection", "x", untouched_id);
  casebook_filter_set_query (_casebook_window_get_filter (f->window), "bank");
  /* The new rows now, before the ids can come. */
  _casebook_case_list_refresh_sync (CASEBOOK_CASE_LIST (cases));
  f->text = "The list changed before the selected cases were found, so nothing was done. Select them again and repeat.";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  stored.name = "Untouched";
  stored.ids = "";
  g_assert_true (stored_is (&stored));

  /* The order changes just after the action: the positions no longer
   * name the selected cases, which are found again where they went. */
  casebook_filter_set_query (_casebook_window_get_filter (f->window), NULL);
  f->expected = 14;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  settle ();
  gtk_selection_model_select_range (selection, 0, 2, TRUE);
  g_clear_pointer (&range, g_free);
  range = listed_range (f, 0, 2);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-to-collection", "x", untouched_id);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sort", "s", "sector");
  _casebook_case_list_refresh_sync (CASEBOOK_CASE_LIST (cases));
  g_assert_true (casebook_test_wait_until (has_two, f));
  {
    g_autofree char *ids = stored_ids (f, "Untouched");
    g_auto(GStrv) selected = g_strsplit (range, " ", -1);
    g_auto(GStrv) added = g_strsplit (ids, " ", -1);

    /* The same two, in the new order of the list. */
    g_assert_cmpuint (g_strv_length (added), ==, 2);
    g_assert_true (g_strv_contains ((const char * const *) added, selected[0]));
    g_assert_true (g_strv_contains ((const char * const *) added, selected[1]));
    g_assert_cmpuint (position_of (f, added[0]), <, position_of (f, added[1]));
  }
}

/* The Undo of the newest toast; the one before may still be on its way
 * out, with its button. */
static void
click_undo (Fixture *f)
{
  g_assert_nonnull (find_action_button (GTK_WIDGET (f->window), "win.undo-collection-change"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-collection-change", "u",
                              f->window->n_collection_undos);
}

/* Add to New Collection with every row selected, then Remove from
 * Collection of all of them and of a range, each undone: the cases come
 * back in their order. */
static void
test_new_and_remove_all (Fixture       *f,
                         gconstpointer  user_data)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (f->list_view);
  CasebookCollectionDialog *dialog;
  g_autofree char *all = NULL;
  g_autoptr(CasebookCollection) made = NULL;
  StoredIs stored = { f, "All of them", NULL };

  f->expected = 14;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  settle ();
  gtk_widget_activate_action (GTK_WIDGET (f->list_view), "list.select-all", NULL);
  all = listed_ids (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-to-new-collection", NULL);
  g_assert_true (casebook_test_wait_until (dialog_shows, NULL));
  dialog = find_dialog ();
  g_assert_true (shows_label (GTK_WIDGET (dialog), "The selected cases go into the new collection."));
  g_assert_true (type_name (dialog, "All of them"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  gtk_window_destroy (GTK_WINDOW (dialog));
  stored.ids = all;
  g_assert_true (casebook_test_wait_until (stored_is, &stored));
  f->text = "Added 14 cases to “All of them”";
  g_assert_true (casebook_test_wait_until (shows_text, f));

  /* Shown in its own order, all of it removed, then put back. */
  made = casebook_store_find_collection (f->store, "All of them", NULL);
  casebook_collection_list_select (_casebook_window_get_collection_list (f->window),
                                   casebook_collection_get_id (made));
  g_assert_true (casebook_test_wait_until (list_settled, f));
  settle ();
  gtk_widget_activate_action (GTK_WIDGET (f->list_view), "list.select-all", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-from-collection", NULL);
  stored.ids = "";
  g_assert_true (casebook_test_wait_until (stored_is, &stored));
  f->text = "Removed 14 cases from “All of them”";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  click_undo (f);
  stored.ids = all;
  g_assert_true (casebook_test_wait_until (stored_is, &stored));

  /* Rows 2 to 5 and the last: the others close up, and Undo puts each
   * back in its place. */
  g_assert_true (casebook_test_wait_until (list_settled, f));
  settle ();
  gtk_selection_model_select_range (selection, 2, 4, TRUE);
  gtk_selection_model_select_item (selection, 13, FALSE);
  {
    g_auto(GStrv) order = g_strsplit (all, " ", -1);
    g_autoptr(GString) kept = g_string_new (NULL);

    for (guint i = 0; order[i] != NULL; i++)
      if ((i < 2 || i > 5) && i != 13)
        g_string_append_printf (kept, "%s%s", kept->len > 0 ? " " : "", order[i]);
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-from-collection", NULL);
    stored.ids = kept->str;
    g_assert_true (casebook_test_wait_until (stored_is, &stored));
  }
  f->text = "Removed 5 cases from “All of them”";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  click_undo (f);
  stored.ids = all;
  g_assert_true (casebook_test_wait_until (stored_is, &stored));
}

static void
test_choose_reorder_remove (Fixture       *f,
                            gconstpointer  user_data)
{
  gint64 id = make_collection (f, "Brief for the board");
  const char *order[] = { "report-5.1", "report-2.1", "report-3.1", "report-2.2", NULL };
  const char *one[] = { "report-2.1", NULL };
  g_autoptr(GError) error = NULL;
  CasebookCollectionList *sidebar = _casebook_window_get_collection_list (f->window);
  g_autofree char *ids = NULL;
  g_autofree char *titles = NULL;
  GtkWidget *undo;
  StoredIs stored = { f, "Brief for the board", NULL };

  g_assert_true (casebook_store_add_to_collection (f->store, id, order, -1, NULL, &error));
  g_assert_no_error (error);

  /* Choosing it lists its cases in its order, not by title. */
  casebook_collection_list_select (sidebar, id);
  f->expected = 4;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  ids = listed_ids (f);
  g_assert_cmpstr (ids, ==, "report-5.1 report-2.1 report-3.1 report-2.2");
  settle ();
  titles = shown_titles (f);
  g_assert_cmpstr (titles, ==, "Virtualization at a government department|Virtualization at a large bank|"
                               "Virtualization at an automotive manufacturer|Containerization at an insurance company");

  /* The facets still narrow it, in the same order. */
  casebook_filter_set (_casebook_window_get_filter (f->window), CASEBOOK_FACET_SECTOR, "finance", TRUE);
  f->expected = 2;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  g_clear_pointer (&ids, g_free);
  ids = listed_ids (f);
  g_assert_cmpstr (ids, ==, "report-2.1 report-2.2");
  casebook_filter_set (_casebook_window_get_filter (f->window), CASEBOOK_FACET_SECTOR, "finance", FALSE);
  f->expected = 4;
  g_assert_true (casebook_test_wait_until (list_settled, f));

  /* Alt+Up moves the selected case one up, in the store and the list,
   * and it stays selected. */
  select_ids (f, one);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.move-case-up", NULL);
  stored.ids = "report-2.1 report-5.1 report-3.1 report-2.2";
  g_assert_true (stored_is (&stored));
  g_assert_true (casebook_test_wait_until (list_settled, f));
  settle ();
  g_clear_pointer (&ids, g_free);
  ids = listed_ids (f);
  g_assert_cmpstr (ids, ==, stored.ids);
  g_assert_cmpstr (casebook_case_get_id (_casebook_window_get_current_case (f->window)), ==, "report-2.1");
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (gtk_list_view_get_model (f->list_view));

    g_assert_true (gtk_bitset_contains (selected, 0));
    g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  }

  /* At the top there is no further up; Alt+Down moves it back. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.move-case-up", NULL);
  g_assert_true (stored_is (&stored));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.move-case-down", NULL);
  stored.ids = "report-5.1 report-2.1 report-3.1 report-2.2";
  g_assert_true (stored_is (&stored));

  /* Remove from Collection, then Undo puts it back in its place. */
  g_assert_true (casebook_test_wait_until (list_settled, f));
  settle ();
  select_ids (f, one);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-from-collection", NULL);
  stored.ids = "report-5.1 report-3.1 report-2.2";
  g_assert_true (stored_is (&stored));
  f->expected = 3;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  f->text = "Removed “Virtualization at a large bank” from “Brief for the board”";
  g_assert_true (casebook_test_wait_until (shows_text, f));

  undo = find_action_button (GTK_WIDGET (f->window), "win.undo-collection-change");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  stored.ids = "report-5.1 report-2.1 report-3.1 report-2.2";
  g_assert_true (casebook_test_wait_until (stored_is, &stored));
  f->expected = 4;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  g_clear_pointer (&ids, g_free);
  ids = listed_ids (f);
  g_assert_cmpstr (ids, ==, stored.ids);
}

static gboolean
collection_gone (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) collections = casebook_store_list_collections (f->store, NULL);

  return collections != NULL && collections->len == 0;
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  user_data)
{
  gint64 id = make_collection (f, "Gone soon");
  const char *ids[] = { "report-8.1", "report-4.2", NULL };
  CasebookCollectionList *sidebar = _casebook_window_get_collection_list (f->window);
  g_autoptr(GError) error = NULL;
  StoredIs stored = { f, "Gone soon", "report-8.1 report-4.2" };
  GtkWidget *undo;

  g_assert_true (casebook_store_add_to_collection (f->store, id, ids, -1, NULL, &error));
  casebook_collection_list_select (sidebar, id);
  f->expected = 2;
  g_assert_true (casebook_test_wait_until (list_settled, f));

  /* Deleting the collection on show goes back to all cases. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-collection", "x", id);
  g_assert_true (collection_gone (f));
  g_assert_cmpint (casebook_collection_list_get_selected (sidebar), ==, 0);
  f->expected = 14;
  g_assert_true (casebook_test_wait_until (list_settled, f));

  f->text = "Collection “Gone soon” deleted";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  undo = find_action_button (GTK_WIDGET (f->window), "win.undo-collection-change");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");

  /* Back with its cases in their order, and on show again. */
  g_assert_true (casebook_test_wait_until (stored_is, &stored));
  f->expected = 2;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  g_assert_cmpint (casebook_collection_list_get_selected (sidebar), !=, 0);
}

static void
test_smart_collection (Fixture       *f,
                       gconstpointer  user_data)
{
  CasebookCollectionDialog *dialog;
  g_autoptr(CasebookCollection) smart = NULL;
  CasebookCollectionList *sidebar = _casebook_window_get_collection_list (f->window);

  casebook_filter_set (_casebook_window_get_filter (f->window), CASEBOOK_FACET_KIND, "failure", TRUE);
  f->expected = 3;
  g_assert_true (casebook_test_wait_until (list_settled, f));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-smart-collection", NULL);
  g_assert_true (casebook_test_wait_until (dialog_shows, NULL));
  dialog = find_dialog ();
  g_assert_true (type_name (dialog, "Failures"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  gtk_window_destroy (GTK_WINDOW (dialog));

  smart = casebook_store_find_collection (f->store, "Failures", NULL);
  g_assert_nonnull (smart);
  g_assert_true (casebook_collection_is_smart (smart));
  g_assert_true (casebook_filter_has (casebook_collection_get_filter (smart), CASEBOOK_FACET_KIND, "failure"));

  /* It is on show, with the filters it saved cleared from the pane. */
  g_assert_cmpint (casebook_collection_list_get_selected (sidebar), ==, casebook_collection_get_id (smart));
  g_assert_false (casebook_filter_has_facets (_casebook_window_get_filter (f->window)));
  f->expected = 3;
  g_assert_true (casebook_test_wait_until (list_settled, f));
}

/* Cases dropped on a collection in the sidebar go into it, after the
 * ones it has, and the toast counts only the new ones. */
static void
test_drop_on_collection (Fixture       *f,
                         gconstpointer  user_data)
{
  gint64 id = make_collection (f, "Dropped");
  CasebookCollectionList *sidebar = _casebook_window_get_collection_list (f->window);
  const char *first[] = { "report-3.3", NULL };
  const char *dragged[] = { "report-8.2", "report-3.3", "report-2.2", NULL };
  StoredIs stored = { f, "Dropped", "report-3.3" };

  g_signal_emit_by_name (sidebar, "cases-dropped", id, first);
  g_assert_true (stored_is (&stored));
  g_signal_emit_by_name (sidebar, "cases-dropped", id, dragged);
  stored.ids = "report-3.3 report-8.2 report-2.2";
  g_assert_true (stored_is (&stored));
  f->text = "Added 2 cases to “Dropped”";
  g_assert_true (casebook_test_wait_until (shows_text, f));
}

/* What writing @mime_type of @content into memory gives. */
typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Written;

static void
on_format_written (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Written *written = user_data;

  written->ok = gdk_content_provider_write_mime_type_finish (GDK_CONTENT_PROVIDER (source), result,
                                                             &written->error);
  written->done = TRUE;
}

static gboolean
is_written (gpointer data)
{
  return ((Written *) data)->done;
}

static void
on_serialized (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Written *written = user_data;

  written->ok = gdk_content_serialize_finish (result, &written->error);
  written->done = TRUE;
}

/* As a drag writes a format for a drop (gdk_drag_write_async()): through
 * the content when it lists the MIME type, else from the value of a type
 * it lists, serialized. */
static GBytes *
write_format (GdkContentProvider *content,
              const char         *mime_type)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GdkContentFormats) formats = gdk_content_provider_ref_formats (content);
  Written written = { FALSE, FALSE, NULL };

  if (gdk_content_formats_contain_mime_type (formats, mime_type))
    gdk_content_provider_write_mime_type_async (content, mime_type, stream, G_PRIORITY_DEFAULT, NULL,
                                                on_format_written, &written);
  else
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_STRING);
      g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
      gdk_content_serialize_async (stream, mime_type, &value, G_PRIORITY_DEFAULT, NULL, on_serialized, &written);
    }
  g_assert_true (casebook_test_wait_until (is_written, &written));
  g_assert_no_error (written.error);
  g_assert_true (written.ok);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

static int
compare_in (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  const char * const *ids = user_data;
  guint ia = 0, ib = 0;

  while (g_strcmp0 (ids[ia], casebook_case_get_id (*(CasebookCase * const *) a)) != 0)
    ia++;
  while (g_strcmp0 (ids[ib], casebook_case_get_id (*(CasebookCase * const *) b)) != 0)
    ib++;
  return ia < ib ? -1 : ia > ib;
}

/* What a drag of @ids offered before it was lazy: the ids as a value,
 * the export of those cases in the dragged order as JSON, the text of
 * the rows at hand. */
static GdkContentProvider *
eager_content (Fixture            *f,
               const char * const *ids)
{
  g_autoptr(GdkContentProvider) at_hand = _casebook_window_drag_content (f->window, ids);
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) text = G_VALUE_INIT;
  g_auto(GValue) value = G_VALUE_INIT;
  GdkContentProvider *providers[3];
  gsize length = 0;
  char *written;

  doc = casebook_store_export_cases (f->store, ids, &error);
  g_assert_no_error (error);
  g_ptr_array_sort_with_data (casebook_document_get_cases (doc), compare_in, (gpointer) ids);
  written = casebook_json_write_document (doc, &length);
  json = g_bytes_new_take (written, length);

  g_value_init (&text, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (at_hand, &text, NULL));
  g_value_init (&value, CASEBOOK_TYPE_CASE_IDS);
  g_value_set_boxed (&value, ids);
  providers[0] = gdk_content_provider_new_for_value (&value);
  providers[1] = gdk_content_provider_new_for_bytes (CASEBOOK_CASES_MIME_TYPE, json);
  providers[2] = gdk_content_provider_new_typed (G_TYPE_STRING, g_value_get_string (&text));
  return gdk_content_provider_new_union (providers, 3);
}

static void
assert_same_formats (GdkContentProvider *a,
                     GdkContentProvider *b)
{
  g_autoptr(GdkContentFormats) fa = gdk_content_provider_ref_formats (a);
  g_autoptr(GdkContentFormats) fb = gdk_content_provider_ref_formats (b);
  g_autoptr(GdkContentFormats) sa = gdk_content_provider_ref_storable_formats (a);
  g_autoptr(GdkContentFormats) sb = gdk_content_provider_ref_storable_formats (b);
  g_autofree char *ta = NULL, *tb = NULL;

  fa = gdk_content_formats_union_serialize_mime_types (fa);
  fb = gdk_content_formats_union_serialize_mime_types (fb);
  ta = gdk_content_formats_to_string (fa);
  tb = gdk_content_formats_to_string (fb);
  g_assert_cmpstr (ta, ==, tb);
  g_clear_pointer (&ta, g_free);
  g_clear_pointer (&tb, g_free);
  sa = gdk_content_formats_union_serialize_mime_types (sa);
  sb = gdk_content_formats_union_serialize_mime_types (sb);
  ta = gdk_content_formats_to_string (sa);
  tb = gdk_content_formats_to_string (sb);
  g_assert_cmpstr (ta, ==, tb);
  /* The types this process reads as values, too. */
  g_assert_true (gdk_content_formats_contain_gtype (fa, CASEBOOK_TYPE_CASE_IDS));
  g_assert_true (gdk_content_formats_contain_gtype (fa, G_TYPE_STRING));
}

static void
assert_same_bytes (GdkContentProvider *a,
                   GdkContentProvider *b,
                   const char         *mime_type)
{
  g_autoptr(GBytes) ba = write_format (a, mime_type);
  g_autoptr(GBytes) bb = write_format (b, mime_type);

  g_assert_cmpuint (g_bytes_get_size (ba), >, 0);
  g_assert_true (g_bytes_equal (ba, bb));
}

/* Dragging selected rows reads none of them as the drag begins; it offers
 * what it offered when it read them, in the same bytes, and a drop of
 * every row and of a range on a collection adds exactly those cases, in
 * the list's order. */
static void
test_drag_selection (Fixture       *f,
                     gconstpointer  user_data)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (f->list_view);
  CasebookCaseList *cases = CASEBOOK_CASE_LIST (_casebook_window_get_cases (f->window));
  CasebookCollectionList *sidebar = _casebook_window_get_collection_list (f->window);
  gint64 all_id = make_collection (f, "Dragged All");
  gint64 range_id = make_collection (f, "Dragged Range");
  g_autoptr(GdkContentProvider) content = NULL;
  g_autoptr(GdkContentProvider) eager = NULL;
  g_autofree char *all = NULL;
  g_autofree char *range = NULL;
  g_auto(GStrv) small = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  StoredIs stored = { f, NULL, NULL };
  guint read;

  f->expected = 14;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  settle ();

  /* Ctrl+A, then the drag begins: no row is read for it. */
  gtk_widget_activate_action (GTK_WIDGET (f->list_view), "list.select-all", NULL);
  all = listed_ids (f);
  read = _casebook_case_list_get_n_rows_read (cases);
  content = _casebook_window_drag_selection (f->window);
  g_assert_nonnull (content);
  g_assert_cmpuint (_casebook_case_list_get_n_rows_read (cases), ==, read);
  g_assert_true (casebook_case_drag_content_get_listing (CASEBOOK_CASE_DRAG_CONTENT (content), NULL, NULL, NULL));

  /* The same formats as the drag that read its rows. */
  {
    g_auto(GStrv) every = g_strsplit (all, " ", -1);

    eager = eager_content (f, (const char * const *) every);
    assert_same_formats (content, eager);
    assert_same_bytes (content, eager, CASEBOOK_CASES_MIME_TYPE);
    assert_same_bytes (content, eager, "text/plain;charset=utf-8");
    g_clear_object (&eager);
  }

  /* Dropped on a collection: every case, in the list's order. */
  g_signal_emit_by_name (sidebar, "case-drag-dropped", all_id, content);
  stored.name = "Dragged All";
  stored.ids = all;
  g_assert_true (casebook_test_wait_until (stored_is, &stored));
  g_assert_true (casebook_test_wait_until (list_settled, f));
  settle ();
  g_clear_object (&content);

  /* Rows 3 to 10: their ids are found when dropped. */
  gtk_selection_model_select_range (selection, 3, 8, TRUE);
  range = listed_range (f, 3, 8);
  read = _casebook_case_list_get_n_rows_read (cases);
  content = _casebook_window_drag_selection (f->window);
  g_assert_cmpuint (_casebook_case_list_get_n_rows_read (cases), ==, read);
  g_assert_false (casebook_case_drag_content_get_listing (CASEBOOK_CASE_DRAG_CONTENT (content), NULL, NULL, NULL));
  /* Not at hand as a value: a drop in this process asks the content. */
  g_value_init (&value, CASEBOOK_TYPE_CASE_IDS);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_null (((char **) g_value_get_boxed (&value))[0]);
  g_signal_emit_by_name (sidebar, "case-drag-dropped", range_id, content);
  stored.name = "Dragged Range";
  stored.ids = range;
  g_assert_true (casebook_test_wait_until (stored_is, &stored));
  g_assert_true (casebook_test_wait_until (list_settled, f));
  settle ();
  g_clear_object (&content);

  /* A small selection of rows apart, read back through the formats. */
  gtk_selection_model_select_range (selection, 1, 1, TRUE);
  gtk_selection_model_select_range (selection, 5, 2, FALSE);
  {
    g_autofree char *first = listed_range (f, 1, 1);
    g_autofree char *next = listed_range (f, 5, 2);
    g_autofree char *joined = g_strjoin (" ", first, next, NULL);

    small = g_strsplit (joined, " ", -1);
  }
  content = _casebook_window_drag_selection (f->window);
  eager = eager_content (f, (const char * const *) small);
  assert_same_formats (content, eager);
  assert_same_bytes (content, eager, CASEBOOK_CASES_MIME_TYPE);
  assert_same_bytes (content, eager, "text/plain;charset=utf-8");
  assert_same_bytes (content, eager, "text/plain");
  g_clear_object (&content);

  /* In the collection, its last three dragged onto the top half of its
   * first row: they go before it, in their order. */
  casebook_collection_list_select (sidebar, range_id);
  f->expected = 8;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  settle ();
  {
    g_autofree char *shown = listed_ids (f);
    g_auto(GStrv) in = g_strsplit (range, " ", -1);
    g_autofree char *moved = NULL;

    g_assert_cmpstr (shown, ==, range);
    gtk_selection_model_select_range (selection, 5, 3, TRUE);
    content = _casebook_window_drag_selection (f->window);
    _casebook_window_drop_dragged_next_to (f->window, CASEBOOK_CASE_DRAG_CONTENT (content), range_id, in[0], FALSE);
    moved = g_strjoin (" ", in[5], in[6], in[7], in[0], in[1], in[2], in[3], in[4], NULL);
    stored.ids = moved;
    g_assert_true (casebook_test_wait_until (stored_is, &stored));
  }
}

static CasebookFacetRow *
find_facet_row (GtkWidget     *widget,
                CasebookFacet  facet,
                const char    *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CasebookFacetRow *found;

      if (CASEBOOK_IS_FACET_ROW (child) &&
          casebook_facet_row_get_facet (CASEBOOK_FACET_ROW (child)) == facet &&
          g_strcmp0 (casebook_facet_row_get_key (CASEBOOK_FACET_ROW (child)), key) == 0)
        return CASEBOOK_FACET_ROW (child);
      if ((found = find_facet_row (child, facet, key)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shows_tag_row (gpointer data)
{
  Fixture *f = data;
  CasebookFacetRow *row = find_facet_row (GTK_WIDGET (f->window), CASEBOOK_FACET_TAG, "shortlist");

  return row != NULL && gtk_widget_get_mapped (GTK_WIDGET (row)) && _casebook_facet_row_get_count (row) == 2;
}

/* Tags are a facet of their own, under their own heading, and narrow the
 * list within a collection too. */
static void
test_tag_facet (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  CasebookFacetRow *row;

  g_assert_true (casebook_store_add_tag (f->store, "report-2.1", "shortlist", &error));
  g_assert_true (casebook_store_add_tag (f->store, "report-4.2", "shortlist", &error));
  g_assert_no_error (error);

  g_assert_true (casebook_test_wait_until (shows_tag_row, f));
  g_assert_true (shows_label (GTK_WIDGET (f->window), "Tags"));
  row = find_facet_row (GTK_WIDGET (f->window), CASEBOOK_FACET_TAG, "shortlist");
  casebook_facet_row_toggle (row);
  f->expected = 2;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  {
    g_autofree char *ids = listed_ids (f);

    /* By title: "Virtualization at a large bank", "WebAssembly at a social media platform". */
    g_assert_cmpstr (ids, ==, "report-2.1 report-4.2");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* GTK must print no warnings at all while the window is used. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add ("/collections-window/create-validates-names", Fixture, NULL, fixture_setup, test_create_validates, fixture_teardown);
  g_test_add ("/collections-window/add-single-and-several", Fixture, NULL, fixture_setup, test_add_single_and_several, fixture_teardown);
  g_test_add ("/collections-window/add-range-all-and-search-in-order", Fixture, NULL, fixture_setup,
              test_add_range_and_all, fixture_teardown);
  g_test_add ("/collections-window/new-and-remove-all-and-range-undo", Fixture, NULL, fixture_setup,
              test_new_and_remove_all, fixture_teardown);
  g_test_add ("/collections-window/choose-reorder-remove-undo", Fixture, NULL, fixture_setup, test_choose_reorder_remove, fixture_teardown);
  g_test_add ("/collections-window/delete-undo", Fixture, NULL, fixture_setup, test_delete_undo, fixture_teardown);
  g_test_add ("/collections-window/drop-on-collection", Fixture, NULL, fixture_setup, test_drop_on_collection, fixture_teardown);
  g_test_add ("/collections-window/drag-selection-lazy-same-formats-and-order", Fixture, NULL, fixture_setup,
              test_drag_selection, fixture_teardown);
  g_test_add ("/collections-window/tag-facet", Fixture, NULL, fixture_setup, test_tag_facet, fixture_teardown);
  g_test_add ("/collections-window/save-smart-collection", Fixture, NULL, fixture_setup, test_smart_collection, fixture_teardown);

  return g_test_run ();
}
