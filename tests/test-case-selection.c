/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include <string.h>

#include "casebook-case-drag-content.h"
#include "casebook-case-drag.h"
#include "casebook-case-list-private.h"
#include "casebook-case-selection.h"
#include "casebook-collection-list.h"
#include "casebook-store-matching.h"
#include "casebook-store-private.h"
#include "casebook-test-util.h"

/* The case list's selection model, without a display: it keeps positions
 * only, follows them through items-changed, tells each change with the
 * range that changed, and never asks its model for a row unless it is
 * asked for one itself. */

/* A list of N rows that counts how often a row is asked for. Like the
 * case list, it makes a new object for every row it gives. */
#define TEST_TYPE_COUNTING_LIST (test_counting_list_get_type ())
G_DECLARE_FINAL_TYPE (TestCountingList, test_counting_list, TEST, COUNTING_LIST, GObject)

struct _TestCountingList
{
  GObject parent_instance;
  guint   n_items;
  guint   n_get;
};

static GType
counting_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
counting_get_n_items (GListModel *model)
{
  return TEST_COUNTING_LIST (model)->n_items;
}

static gpointer
counting_get_item (GListModel *model,
                   guint       position)
{
  TestCountingList *self = TEST_COUNTING_LIST (model);

  self->n_get++;
  if (position >= self->n_items)
    return NULL;
  return g_object_new (G_TYPE_OBJECT, NULL);
}

static void
counting_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = counting_get_item_type;
  iface->get_n_items = counting_get_n_items;
  iface->get_item = counting_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestCountingList, test_counting_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, counting_iface_init))

static void
test_counting_list_init (TestCountingList *self)
{
}

static void
test_counting_list_class_init (TestCountingListClass *klass)
{
}

static TestCountingList *
counting_list_new (guint n_items)
{
  TestCountingList *list = g_object_new (TEST_TYPE_COUNTING_LIST, NULL);

  list->n_items = n_items;
  return list;
}

/* Replaces @removed rows at @position with @added new ones. */
static void
counting_list_splice (TestCountingList *list,
                      guint             position,
                      guint             removed,
                      guint             added)
{
  g_assert_cmpuint (position + removed, <=, list->n_items);
  list->n_items = list->n_items - removed + added;
  g_list_model_items_changed (G_LIST_MODEL (list), position, removed, added);
}

/* What the selection announced. */
typedef struct
{
  GArray *changes;  /* pairs of guint: position, n_items of selection-changed */
  GArray *items;    /* triples: position, removed, added of items-changed */
  guint   n_notify; /* notify::n-items */
} Heard;

static void
on_selection_changed (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      Heard             *heard)
{
  g_array_append_val (heard->changes, position);
  g_array_append_val (heard->changes, n_items);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Heard      *heard)
{
  g_array_append_val (heard->items, position);
  g_array_append_val (heard->items, removed);
  g_array_append_val (heard->items, added);
}

static void
on_notify_n_items (GObject    *object,
                   GParamSpec *pspec,
                   Heard      *heard)
{
  heard->n_notify++;
}

static void
listen (GtkSelectionModel *selection,
        Heard             *heard)
{
  heard->changes = g_array_new (FALSE, FALSE, sizeof (guint));
  heard->items = g_array_new (FALSE, FALSE, sizeof (guint));
  heard->n_notify = 0;
  g_signal_connect (selection, "selection-changed", G_CALLBACK (on_selection_changed), heard);
  g_signal_connect (selection, "items-changed", G_CALLBACK (on_items_changed), heard);
  g_signal_connect (selection, "notify::n-items", G_CALLBACK (on_notify_n_items), heard);
}

static void
heard_clear (Heard *heard)
{
  g_array_set_size (heard->changes, 0);
  g_array_set_size (heard->items, 0);
  heard->n_notify = 0;
}

static void
heard_free (Heard *heard)
{
  g_array_unref (heard->changes);
  g_array_unref (heard->items);
}

/* Asserts that exactly one selection-changed came, for this range. */
static void
assert_one_change (Heard *heard,
                   guint  position,
                   guint  n_items)
{
  g_assert_cmpuint (heard->changes->len, ==, 2);
  g_assert_cmpuint (g_array_index (heard->changes, guint, 0), ==, position);
  g_assert_cmpuint (g_array_index (heard->changes, guint, 1), ==, n_items);
  heard_clear (heard);
}

/* The selected positions, as "2 5 6". */
static char *
selected_text (GtkSelectionModel *selection)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);
  GString *text = g_string_new (NULL);
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_string_append_printf (text, "%s%u", text->len > 0 ? " " : "", position);

  /* is_selected() agrees with the bitset. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    g_assert_cmpint (gtk_selection_model_is_selected (selection, i), ==, gtk_bitset_contains (selected, i));

  return g_string_free (text, FALSE);
}

static void
assert_selected (GtkSelectionModel *selection,
                 const char        *expected)
{
  g_autofree char *text = selected_text (selection);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_select_all_reads_nothing (void)
{
  g_autoptr(TestCountingList) list = counting_list_new (100000);
  g_autoptr(CasebookCaseSelection) selection = casebook_case_selection_new (G_LIST_MODEL (list));
  GtkSelectionModel *model = GTK_SELECTION_MODEL (selection);
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GtkBitset) wanted = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, 100000);
  g_autoptr(GObject) row = NULL;
  Heard heard;

  listen (model, &heard);

  /* Ctrl+A: every row selected, one signal for all of them, no row read. */
  g_assert_true (gtk_selection_model_select_all (model));
  g_assert_cmpuint (list->n_get, ==, 0);
  assert_one_change (&heard, 0, 100000);
  selected = gtk_selection_model_get_selection (model);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 100000);
  g_assert_true (gtk_selection_model_is_selected (model, 0));
  g_assert_true (gtk_selection_model_is_selected (model, 99999));
  g_assert_false (gtk_selection_model_is_selected (model, 100000));

  /* Selecting all again changes nothing and says nothing. */
  g_assert_true (gtk_selection_model_select_all (model));
  g_assert_cmpuint (heard.changes->len, ==, 0);

  /* A refresh as the case list tells it, all rows out and then all in:
   * the rows are new, so nothing stays selected, and nothing is read. */
  counting_list_splice (list, 0, 100000, 0);
  counting_list_splice (list, 0, 0, 100000);
  g_assert_cmpuint (list->n_get, ==, 0);
  g_assert_cmpuint (heard.changes->len, ==, 0);
  g_clear_pointer (&selected, gtk_bitset_unref);
  selected = gtk_selection_model_get_selection (model);
  g_assert_true (gtk_bitset_is_empty (selected));

  /* The window then selects all again, by range. */
  g_assert_true (gtk_selection_model_select_all (model));
  g_assert_cmpuint (list->n_get, ==, 0);
  assert_one_change (&heard, 0, 100000);

  /* One row alone (a click), then all but a range, then none. */
  g_assert_true (gtk_selection_model_select_item (model, 500, TRUE));
  assert_one_change (&heard, 0, 100000);
  g_assert_true (gtk_selection_model_select_range (model, 0, 100000, TRUE));
  assert_one_change (&heard, 0, 100000);
  g_assert_true (gtk_selection_model_unselect_range (model, 10, 20));
  assert_one_change (&heard, 10, 20);
  g_assert_true (gtk_selection_model_set_selection (model, wanted, mask));
  assert_one_change (&heard, 0, 100000);
  g_assert_true (gtk_selection_model_unselect_all (model));
  g_assert_cmpuint (heard.changes->len, ==, 0);
  g_assert_cmpuint (list->n_get, ==, 0);

  /* Asked for a row, it asks its model: the count counts. */
  row = g_list_model_get_item (G_LIST_MODEL (selection), 7);
  g_assert_nonnull (row);
  g_assert_cmpuint (list->n_get, ==, 1);

  heard_free (&heard);
}

static void
test_items_changed_shifts (void)
{
  g_autoptr(TestCountingList) list = counting_list_new (10);
  g_autoptr(CasebookCaseSelection) selection = casebook_case_selection_new (G_LIST_MODEL (list));
  GtkSelectionModel *model = GTK_SELECTION_MODEL (selection);
  g_autoptr(GtkBitset) wanted = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, 10);
  Heard heard;

  listen (model, &heard);
  gtk_bitset_add (wanted, 2);
  gtk_bitset_add (wanted, 5);
  gtk_bitset_add (wanted, 6);
  gtk_bitset_add (wanted, 8);
  g_assert_true (gtk_selection_model_set_selection (model, wanted, mask));
  assert_one_change (&heard, 2, 7);
  assert_selected (model, "2 5 6 8");

  /* Three rows come in at 4: the selected rows after them move on,
   * the new rows are not selected. The change is passed on as it came,
   * with no selection-changed. */
  counting_list_splice (list, 4, 0, 3);
  assert_selected (model, "2 8 9 11");
  g_assert_cmpuint (heard.items->len, ==, 3);
  g_assert_cmpuint (g_array_index (heard.items, guint, 0), ==, 4);
  g_assert_cmpuint (g_array_index (heard.items, guint, 1), ==, 0);
  g_assert_cmpuint (g_array_index (heard.items, guint, 2), ==, 3);
  g_assert_cmpuint (heard.n_notify, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 13);
  g_assert_cmpuint (heard.changes->len, ==, 0);
  heard_clear (&heard);

  /* Two rows go at 8: the selected one among them goes, the rest move
   * back. */
  counting_list_splice (list, 8, 2, 0);
  assert_selected (model, "2 9");
  g_assert_cmpuint (heard.n_notify, ==, 1);
  g_assert_cmpuint (heard.changes->len, ==, 0);
  heard_clear (&heard);

  /* Rows replaced in place are new rows: not selected, no more rows, so
   * n-items is not announced. */
  counting_list_splice (list, 1, 2, 2);
  assert_selected (model, "9");
  g_assert_cmpuint (heard.n_notify, ==, 0);
  g_assert_cmpuint (heard.items->len, ==, 3);
  heard_clear (&heard);

  /* A change after the last selected row leaves the selection alone. */
  counting_list_splice (list, 10, 1, 4);
  assert_selected (model, "9");

  /* The selection is made anew after a refresh in two changes. */
  counting_list_splice (list, 0, 14, 0);
  assert_selected (model, "");
  counting_list_splice (list, 0, 0, 6);
  assert_selected (model, "");
  g_assert_cmpuint (list->n_get, ==, 0);
  g_assert_cmpuint (heard.changes->len, ==, 0);

  heard_free (&heard);
}

static void
test_selection_changed_ranges (void)
{
  g_autoptr(TestCountingList) list = counting_list_new (20);
  g_autoptr(CasebookCaseSelection) selection = casebook_case_selection_new (G_LIST_MODEL (list));
  GtkSelectionModel *model = GTK_SELECTION_MODEL (selection);
  g_autoptr(GtkBitset) kept = NULL;
  g_autoptr(GtkBitset) wanted = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = gtk_bitset_new_empty ();
  Heard heard;

  listen (model, &heard);

  /* A click, then Ctrl-clicks. */
  g_assert_true (gtk_selection_model_select_item (model, 3, TRUE));
  assert_one_change (&heard, 3, 1);
  g_assert_true (gtk_selection_model_select_item (model, 7, FALSE));
  assert_one_change (&heard, 7, 1);
  assert_selected (model, "3 7");

  /* Shift-click adds a range. */
  g_assert_true (gtk_selection_model_select_range (model, 9, 3, FALSE));
  assert_one_change (&heard, 9, 3);
  assert_selected (model, "3 7 9 10 11");

  /* What a caller keeps does not change when the selection does. */
  kept = gtk_selection_model_get_selection (model);

  /* A plain click elsewhere: the range covers every row that flipped,
   * from the first unselected to the last. */
  g_assert_true (gtk_selection_model_select_item (model, 5, TRUE));
  assert_one_change (&heard, 3, 9);
  assert_selected (model, "5");
  g_assert_cmpuint (gtk_bitset_get_size (kept), ==, 5);
  g_assert_true (gtk_bitset_contains (kept, 11));

  /* Ctrl-click on a selected row unselects it. */
  g_assert_true (gtk_selection_model_unselect_item (model, 5));
  assert_one_change (&heard, 5, 1);
  assert_selected (model, "");

  /* What is already so is not announced. */
  g_assert_true (gtk_selection_model_unselect_item (model, 5));
  g_assert_true (gtk_selection_model_unselect_all (model));
  g_assert_true (gtk_selection_model_select_item (model, 4, FALSE));
  assert_one_change (&heard, 4, 1);
  g_assert_true (gtk_selection_model_select_item (model, 4, FALSE));
  g_assert_true (gtk_selection_model_select_item (model, 4, TRUE));
  g_assert_cmpuint (heard.changes->len, ==, 0);

  /* Rows the list does not have are never selected. */
  g_assert_true (gtk_selection_model_select_item (model, 20, FALSE));
  g_assert_true (gtk_selection_model_select_range (model, 25, 10, FALSE));
  g_assert_cmpuint (heard.changes->len, ==, 0);
  g_assert_true (gtk_selection_model_select_range (model, 18, G_MAXUINT, FALSE));
  assert_one_change (&heard, 18, 2);
  assert_selected (model, "4 18 19");

  /* set_selection changes only what the mask covers: 4 stays, 18 goes,
   * 6 comes, 30 is not a row. */
  gtk_bitset_add (wanted, 6);
  gtk_bitset_add (wanted, 30);
  gtk_bitset_add_range_closed (mask, 5, 18);
  gtk_bitset_add (mask, 30);
  g_assert_true (gtk_selection_model_set_selection (model, wanted, mask));
  assert_one_change (&heard, 6, 13);
  assert_selected (model, "4 6 19");

  /* Unselect all: one signal over the rows that were selected. */
  g_assert_true (gtk_selection_model_unselect_all (model));
  assert_one_change (&heard, 4, 16);
  assert_selected (model, "");

  /* Not one row was read for any of it. */
  g_assert_cmpuint (list->n_get, ==, 0);

  heard_free (&heard);
}

static void
test_model_passes_rows (void)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_SIMPLE_ACTION);
  g_autoptr(GSimpleAction) action = g_simple_action_new ("row", NULL);
  g_autoptr(CasebookCaseSelection) selection = casebook_case_selection_new (G_LIST_MODEL (store));
  g_autoptr(GObject) row = NULL;
  g_autoptr(GListModel) model = NULL;
  guint n = 0;

  g_list_store_append (store, action);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (selection)) == G_TYPE_SIMPLE_ACTION);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 1);
  row = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  g_assert_true (row == G_OBJECT (action));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (selection), 1));
  g_assert_true (casebook_case_selection_get_model (selection) == G_LIST_MODEL (store));
  g_object_get (selection, "model", &model, "n-items", &n, NULL);
  g_assert_true (model == G_LIST_MODEL (store));
  g_assert_cmpuint (n, ==, 1);
}

/* The runs as "first+n first+n …". */
static char *
runs_text (CasebookCaseSelection *selection)
{
  g_autoptr(GArray) runs = casebook_case_selection_get_runs (selection);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_cmpuint (runs->len % 2, ==, 0);
  for (guint i = 0; i < runs->len; i += 2)
    g_string_append_printf (text, "%s%u+%u", i > 0 ? " " : "",
                            g_array_index (runs, guint, i), g_array_index (runs, guint, i + 1));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What the window hands to a worker thread for 100,000 selected rows: a
 * few runs of positions, found without asking for a row. */
static void
test_runs_read_no_row (void)
{
  g_autoptr(TestCountingList) list = counting_list_new (100000);
  g_autoptr(CasebookCaseSelection) selection = casebook_case_selection_new (G_LIST_MODEL (list));
  GtkSelectionModel *model = GTK_SELECTION_MODEL (selection);
  g_autofree char *none = runs_text (selection);
  g_autofree char *all = NULL;
  g_autofree char *range = NULL;
  g_autofree char *scattered = NULL;

  g_assert_cmpstr (none, ==, "");

  /* Ctrl+A. */
  g_assert_true (gtk_selection_model_select_all (model));
  all = runs_text (selection);
  g_assert_cmpstr (all, ==, "0+100000");

  /* A Shift-click range of 50,000, then Ctrl-clicks: two rows next to
   * each other, one next to the range's end, and the last row. */
  g_assert_true (gtk_selection_model_select_range (model, 10, 50000, TRUE));
  g_assert_true (gtk_selection_model_select_item (model, 70000, FALSE));
  g_assert_true (gtk_selection_model_select_item (model, 70001, FALSE));
  g_assert_true (gtk_selection_model_select_item (model, 50010, FALSE));
  g_assert_true (gtk_selection_model_select_item (model, 99999, FALSE));
  g_assert_true (gtk_selection_model_unselect_item (model, 11));
  range = runs_text (selection);
  g_assert_cmpstr (range, ==, "10+1 12+49999 70000+2 99999+1");

  /* Every other row of the first thousand: as many runs. */
  g_assert_true (gtk_selection_model_unselect_all (model));
  for (guint i = 0; i < 1000; i += 2)
    g_assert_true (gtk_selection_model_select_item (model, i, FALSE));
  scattered = runs_text (selection);
  g_assert_true (g_str_has_prefix (scattered, "0+1 2+1 4+1 "));
  g_assert_true (g_str_has_suffix (scattered, " 996+1 998+1"));

  g_assert_cmpuint (list->n_get, ==, 0);
}

/* N own cases "case-00000"…, their titles in another order than their
 * ids, every seventh with a word to search for. */
#define N_CASES 100000

static CasebookStore *
open_store_of_cases (const char *dir)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [");
  g_autoptr(GError) error = NULL;
  CasebookStore *store = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);

  for (guint i = 0; i < N_CASES; i++)
    g_string_append_printf (json,
                            "%s{\"id\": \"case-%05u\", \"kind\": \"success\", \"sector\": \"%s\","
                            " \"title\": {\"en\": \"Title %05u%s\"},"
                            " \"organization\": {\"en\": \"An organization\"},"
                            " \"source\": {\"url\": \"https://example.org/%u\"}}",
                            i > 0 ? ", " : "", i, i % 3 == 0 ? "finance" : "government",
                            (guint) (((guint64) i * 7919) % N_CASES), i % 7 == 0 ? " seventh" : "", i);
  g_string_append (json, "]}");
  _casebook_store_import_data (store, json->str, json->len, "own.json", CASEBOOK_IMPORT_SKIP, NULL, &error);
  g_assert_no_error (error);
  return store;
}

static void
on_ids (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Finds the ids of the selected runs of @list as the window does. */
static char **
find_ids (CasebookCaseList       *list,
          CasebookCaseSelection  *selection,
          GError                **error)
{
  g_autoptr(GArray) runs = casebook_case_selection_get_runs (selection);
  g_autoptr(GAsyncResult) result = NULL;

  casebook_case_list_get_ids_async (list, (const guint *) runs->data, runs->len / 2, NULL, on_ids, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return casebook_case_list_get_ids_finish (list, result, error);
}

/* The ids of @rows from @first on, @n of them, as "a b …". */
static char *
ids_of (GPtrArray *rows,
        guint      first,
        guint      n)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = first; i < first + n && i < rows->len; i++)
    g_string_append_printf (text, "%s%s", i > first ? " " : "",
                            casebook_case_summary_get_id (g_ptr_array_index (rows, i)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_drag_ids (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
on_drag_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Starting a drag of every one of 100,000 selected rows reads none of
 * them: the content keeps the positions (here, the listing), and its ids
 * and text are found on a worker thread when asked for, the ids of every
 * row and the text of a range as the rows read by the store give them. */
static void
test_drag_reads_no_row (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = open_store_of_cases (dir);
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(CasebookCaseList) list = casebook_case_list_new (store, filter, CASEBOOK_LANG_EN);
  g_autoptr(CasebookCaseSelection) selection = casebook_case_selection_new (G_LIST_MODEL (list));
  GtkSelectionModel *model = GTK_SELECTION_MODEL (selection);
  g_autoptr(GdkContentProvider) content = NULL;
  g_autoptr(GdkContentFormats) formats = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GPtrArray) range_rows = g_ptr_array_new ();
  g_autofree char *expected_text = NULL;
  g_autofree char *all_text = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) ids = NULL;
  CasebookFilter *listing = NULL;

  rows = casebook_store_list (store, filter, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, NULL, G_MAXUINT, NULL, &error);
  g_assert_no_error (error);
  casebook_case_list_set_sort (list, CASEBOOK_SORT_TITLE);
  _casebook_case_list_refresh_sync (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_CASES);

  /* Ctrl+A, and the drag begins. */
  gtk_selection_model_select_all (model);
  runs = casebook_case_selection_get_runs (selection);
  content = casebook_case_drag_content_new_for_positions (store, list, (const guint *) runs->data, runs->len / 2,
                                                          CASEBOOK_LANG_EN);
  g_assert_nonnull (content);
  g_assert_cmpuint (_casebook_case_list_get_n_rows_read (list), ==, 0);
  g_assert_cmpuint (casebook_case_drag_content_get_n_cases (CASEBOOK_CASE_DRAG_CONTENT (content)), ==, N_CASES);
  g_assert_true (casebook_case_drag_content_get_listing (CASEBOOK_CASE_DRAG_CONTENT (content), &listing, NULL, NULL));
  g_assert_nonnull (listing);

  /* What it offers, as before: the ids, the JSON and the text. */
  formats = gdk_content_provider_ref_formats (content);
  g_assert_true (gdk_content_formats_contain_gtype (formats, CASEBOOK_TYPE_CASE_IDS));
  g_assert_true (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING));
  g_assert_true (gdk_content_formats_contain_mime_type (formats, CASEBOOK_CASES_MIME_TYPE));
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"));

  /* Asked for, the ids of every row in the list's order. */
  casebook_case_drag_content_get_ids_async (CASEBOOK_CASE_DRAG_CONTENT (content), NULL, on_drag_ids, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ids = casebook_case_drag_content_get_ids_finish (CASEBOOK_CASE_DRAG_CONTENT (content), result, &error);
  g_assert_no_error (error);
  all_text = g_strjoinv (" ", ids);
  expected = ids_of (rows, 0, N_CASES);
  g_assert_cmpstr (all_text, ==, expected);
  g_clear_object (&result);
  g_clear_object (&content);
  g_clear_pointer (&runs, g_array_unref);

  /* A range far down, read as text. */
  gtk_selection_model_select_range (model, 90000, 3, TRUE);
  runs = casebook_case_selection_get_runs (selection);
  content = casebook_case_drag_content_new_for_positions (store, list, (const guint *) runs->data, runs->len / 2,
                                                          CASEBOOK_LANG_EN);
  g_assert_false (casebook_case_drag_content_get_listing (CASEBOOK_CASE_DRAG_CONTENT (content), NULL, NULL, NULL));
  gdk_content_provider_write_mime_type_async (content, "text/plain;charset=utf-8", stream, G_PRIORITY_DEFAULT, NULL,
                                              on_drag_written, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gdk_content_provider_write_mime_type_finish (content, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  for (guint i = 90000; i < 90003; i++)
    g_ptr_array_add (range_rows, g_ptr_array_index (rows, i));
  expected_text = casebook_case_drag_content_format_rows (range_rows, CASEBOOK_LANG_EN);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), ==, strlen (expected_text));
  g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)),
                   expected_text, strlen (expected_text));
  g_assert_true (g_str_has_prefix (expected_text, "Title "));

  g_assert_cmpuint (_casebook_case_list_get_n_rows_read (list), ==, 0);
}

/* The selected rows of a real case list become ids on a worker thread:
 * the list is never asked for a row, and the ids are those the store
 * lists at those positions, in every order, and a search's in its rank
 * order; a list read anew meanwhile gives none. */
static void
test_ids_found_on_worker (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = open_store_of_cases (dir);
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(CasebookCaseList) list = casebook_case_list_new (store, filter, CASEBOOK_LANG_EN);
  g_autoptr(CasebookCaseSelection) selection = casebook_case_selection_new (G_LIST_MODEL (list));
  GtkSelectionModel *model = GTK_SELECTION_MODEL (selection);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_CASES);

  for (CasebookSort sort = 0; sort < CASEBOOK_N_SORTS; sort++)
    {
      g_autoptr(GPtrArray) rows = casebook_store_list (store, filter, sort, CASEBOOK_LANG_EN, NULL, G_MAXUINT,
                                                       NULL, &error);
      g_auto(GStrv) all = NULL;
      g_auto(GStrv) range = NULL;
      g_autofree char *all_text = NULL;
      g_autofree char *range_text = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *expected_range = NULL;

      g_assert_no_error (error);
      casebook_case_list_set_sort (list, sort);
      _casebook_case_list_refresh_sync (list);

      gtk_selection_model_select_all (model);
      all = find_ids (list, selection, &error);
      g_assert_no_error (error);
      all_text = g_strjoinv (" ", all);
      expected = ids_of (rows, 0, N_CASES);
      g_assert_cmpstr (all_text, ==, expected);

      /* A range and a row after it. */
      gtk_selection_model_select_range (model, 700, 1500, TRUE);
      gtk_selection_model_select_item (model, N_CASES - 1, FALSE);
      range = find_ids (list, selection, &error);
      g_assert_no_error (error);
      range_text = g_strjoinv (" ", range);
      {
        g_autofree char *first = ids_of (rows, 700, 1500);
        g_autofree char *last = ids_of (rows, N_CASES - 1, 1);

        expected_range = g_strconcat (first, " ", last, NULL);
      }
      g_assert_cmpstr (range_text, ==, expected_range);
    }

  g_assert_cmpuint (_casebook_case_list_get_n_rows_read (list), ==, 0);

  /* While searching: the rows the search ranked, in that order. */
  casebook_filter_set_query (filter, "seventh");
  _casebook_case_list_refresh_sync (list);
  g_assert_true (casebook_case_list_is_searching (list));
  {
    g_autoptr(GPtrArray) ranked = casebook_store_search_filtered (store, filter, 1000, &error);
    g_auto(GStrv) found = NULL;
    g_autofree char *found_text = NULL;
    g_autofree char *expected = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (ranked->len, ==, g_list_model_get_n_items (G_LIST_MODEL (list)));
    gtk_selection_model_select_range (model, 3, 100, TRUE);
    found = find_ids (list, selection, &error);
    g_assert_no_error (error);
    found_text = g_strjoinv (" ", found);
    expected = ids_of (ranked, 3, 100);
    g_assert_cmpstr (found_text, ==, expected);
  }
  g_assert_cmpuint (_casebook_case_list_get_n_rows_read (list), ==, 0);

  /* The list read anew before the ids come: none. */
  {
    g_autoptr(GArray) runs = casebook_case_selection_get_runs (selection);
    g_autoptr(GAsyncResult) result = NULL;
    g_auto(GStrv) ids = NULL;

    casebook_case_list_get_ids_async (list, (const guint *) runs->data, runs->len / 2, NULL, on_ids, &result);
    casebook_filter_set_query (filter, NULL);
    _casebook_case_list_refresh_sync (list);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    ids = casebook_case_list_get_ids_finish (list, result, &error);
    g_assert_null (ids);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }

  g_clear_object (&selection);
  g_clear_object (&list);
  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case-selection/select-all/reads-no-row", test_select_all_reads_nothing);
  g_test_add_func ("/case-selection/items-changed/shifts-positions", test_items_changed_shifts);
  g_test_add_func ("/case-selection/selection-changed/ranges", test_selection_changed_ranges);
  g_test_add_func ("/case-selection/model/passes-rows", test_model_passes_rows);
  g_test_add_func ("/case-selection/runs/100000-selected-read-no-row", test_runs_read_no_row);
  g_test_add_func ("/case-selection/ids/found-on-worker-in-list-order", test_ids_found_on_worker);
  g_test_add_func ("/case-selection/drag/100000-rows-read-no-row-on-start", test_drag_reads_no_row);

  return g_test_run ();
}
