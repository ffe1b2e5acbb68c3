/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "casebook-case-selection.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case-selection/select-all/reads-no-row", test_select_all_reads_nothing);
  g_test_add_func ("/case-selection/items-changed/shifts-positions", test_items_changed_shifts);
  g_test_add_func ("/case-selection/selection-changed/ranges", test_selection_changed_ranges);
  g_test_add_func ("/case-selection/model/passes-rows", test_model_passes_rows);

  return g_test_run ();
}
