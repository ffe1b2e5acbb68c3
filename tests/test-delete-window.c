/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "casebook-application-private.h"
#include "casebook-case-list.h"
#include "casebook-store-private.h"
#include "casebook-test-display.h"
#include "casebook-test-util.h"
#include "casebook-window-private.h"

/* Deleting many selected cases from the window, and the toast's Undo
 * (casebook-window-delete.c): the window says it is at work while the
 * store deletes on a worker thread, and one Undo brings every case back
 * as it was. */

/* More than the window says "Deleting…" for. */
#define N_OWN 230

typedef struct
{
  char                *dir;
  char                *db;
  CasebookApplication *app;
  CasebookWindow      *window;
  CasebookStore       *store;
  guint                expected;
  const char          *text;
} Fixture;

static void
spin (void)
{
  for (guint i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE));
}

static gboolean
has_n_items (gpointer data)
{
  Fixture *f = data;
  GListModel *cases = _casebook_window_get_cases (f->window);

  return g_list_model_get_n_items (cases) == f->expected &&
         !casebook_case_list_is_loading (CASEBOOK_CASE_LIST (cases));
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c) && gtk_widget_get_mapped (c))
        g_ptr_array_add (labels, g_strdup (gtk_label_get_label (GTK_LABEL (c))));
      collect_labels (c, labels);
    }
}

/* A mapped label of the window holds @f->text. */
static gboolean
shows_text (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  collect_labels (GTK_WIDGET (f->window), labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (g_ptr_array_index (labels, i), f->text) != NULL)
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_undo_button (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), "win.undo-delete") == 0)
        return c;
      if ((found = find_undo_button (c)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
undo_shown (gpointer data)
{
  GtkWidget *undo = find_undo_button (data);

  return undo != NULL && gtk_widget_get_mapped (undo);
}

/* Waits for the Undo of the deletion's toast, which may be clicked at
 * once, while the toast still comes on screen. */
static void
wait_for_undo (CasebookWindow *window)
{
  g_assert_true (casebook_test_wait_until (undo_shown, window));
}

typedef struct
{
  const char       *heading;
  AdwMessageDialog *dialog;
} DialogWait;

static gboolean
dialog_shown (gpointer data)
{
  DialogWait *w = data;

  w->dialog = casebook_test_find_message_dialog (w->heading);
  return w->dialog != NULL;
}

static gint64
query_int (CasebookStore *store,
           const char    *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
import_own (CasebookStore *store,
            guint          from,
            guint          to)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [");
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = from; i < to; i++)
    {
      g_autofree char *id = g_strdup_printf ("own-%03u", i);
      g_autofree char *c = casebook_test_minimal_case (id, "");

      g_string_append_printf (json, "%s%s", i > from ? ", " : "", c);
    }
  g_string_append (json, "]}");
  doc = casebook_test_parse (json->str, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  static guint counter;
  g_autofree char *app_id = g_strdup_printf ("io.github.casebook.Casebook.TestDelete%u", ++counter);
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  f->dir = casebook_test_tmpdir ();
  f->db = g_build_filename (f->dir, "store.db", NULL);

  f->app = casebook_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), app_id);
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  _casebook_application_set_db_path (f->app, f->db);

  settings = _casebook_application_get_settings (f->app);
  g_settings_reset (settings, "selected-case");
  g_settings_reset (settings, "sort-order");
  g_settings_set_string (settings, "content-language", "en");

  f->store = g_object_ref (_casebook_application_get_store (f->app));
  import_own (f->store, 0, N_OWN);
  g_assert_true (casebook_store_set_note (f->store, "own-007", "A note that stays", &error));
  g_assert_true (casebook_store_add_tag (f->store, "own-008", "shortlist", &error));
  g_assert_no_error (error);

  f->window = _casebook_application_new_window (f->app, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 900);
  gtk_window_present (GTK_WINDOW (f->window));

  f->expected = 14 + N_OWN;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  casebook_test_settle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin ();
  g_clear_object (&f->store);
  g_clear_object (&f->app);
  casebook_test_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static gboolean
shows_current (gpointer data)
{
  Fixture *f = data;

  return f->window->current != NULL;
}

/* Selects every row, presses Delete and confirms. While another program
 * holds the store, the window says it is deleting, and stays responsive. */
static void
delete_all_selected (Fixture *f)
{
  DialogWait w = { "Delete 230 Cases?", NULL };
  g_autofree char *path = g_build_filename (f->dir, "store.db", NULL);
  sqlite3 *other = NULL;

  /* Delete applies while a case is on show, as after a click on a row. */
  _casebook_window_select_case (f->window, "own-005");
  g_assert_true (casebook_test_wait_until (shows_current, f));
  gtk_widget_activate_action (GTK_WIDGET (f->window->list_view), "list.select-all", NULL);
  g_assert_cmpuint (_casebook_window_n_selected (f->window), ==, 14 + N_OWN);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-case", NULL);
  g_assert_true (casebook_test_wait_until (dialog_shown, &w));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (w.dialog), "230 of your cases will be deleted"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (w.dialog), "14 selected cases come from the report"));

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  adw_message_dialog_response (w.dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (w.dialog));

  f->text = "Deleting 230 cases…";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  g_assert_true (casebook_store_has_case (f->store, "own-000"));
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  f->expected = 14;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  f->text = "230 cases deleted";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  wait_for_undo (f->window);
}

static void
test_delete_many_and_undo (Fixture       *f,
                           gconstpointer  user_data)
{
  g_autofree char *before = casebook_test_snapshot (f->store);
  g_autofree char *after = NULL;

  delete_all_selected (f);
  g_assert_false (casebook_store_has_case (f->store, "own-000"));
  g_assert_false (casebook_store_has_case (f->store, "own-229"));
  g_assert_true (casebook_store_has_case (f->store, "report-2.1"));
  g_assert_cmpuint (casebook_store_get_n_cases (f->store), ==, 14);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM deleted_cases"), ==, N_OWN);

  gtk_widget_activate (find_undo_button (GTK_WIDGET (f->window)));
  f->expected = 14 + N_OWN;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  after = casebook_test_snapshot (f->store);
  casebook_test_assert_same_text (after, before, "the store after the Undo");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM deleted_cases"), ==, 0);
}

/* Ctrl+A and Delete right after opening, with no case on show: the
 * question comes for the selected rows, and Cancel keeps every case. */
static void
test_select_all_on_opening (Fixture       *f,
                            gconstpointer  user_data)
{
  DialogWait w = { "Delete 230 Cases?", NULL };
  g_autofree char *before = casebook_test_snapshot (f->store);
  g_autofree char *after = NULL;

  g_assert_null (f->window->current);
  gtk_widget_activate_action (GTK_WIDGET (f->window->list_view), "list.select-all", NULL);
  g_assert_cmpuint (_casebook_window_n_selected (f->window), ==, 14 + N_OWN);
  g_assert_null (f->window->current);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window->list_view), "win.delete-case", NULL));
  /* The spinner stands for the search of the selected cases on workers. */
  g_assert_cmpuint (f->window->n_busy, ==, 1);
  g_assert_true (_casebook_window_is_busy (f->window));
  g_assert_true (casebook_test_wait_until (dialog_shown, &w));
  g_assert_cmpuint (f->window->n_busy, ==, 0);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (w.dialog), "230 of your cases will be deleted"));
  adw_message_dialog_response (w.dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (w.dialog));

  while (g_main_context_iteration (NULL, FALSE));
  after = casebook_test_snapshot (f->store);
  casebook_test_assert_same_text (after, before, "the store after Cancel");
  g_assert_cmpuint (casebook_store_get_n_cases (f->store), ==, 14 + N_OWN);
}

/* A case added with a deleted one's id meanwhile stays; the Undo brings
 * the others back and says which one did not come. */
static void
test_undo_after_readd (Fixture       *f,
                       gconstpointer  user_data)
{
  delete_all_selected (f);
  import_own (f->store, 100, 101);
  f->expected = 15;
  g_assert_true (casebook_test_wait_until (has_n_items, f));

  gtk_widget_activate (find_undo_button (GTK_WIDGET (f->window)));
  f->expected = 14 + N_OWN;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  f->text = "1 case was not restored";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  f->text = "“own-100”";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM deleted_cases"), ==, 0);
}

/* Dismissing the toast forgets the deletion: the store drops its rows. */
static gboolean
nothing_kept (gpointer data)
{
  return query_int (data, "SELECT count(*) FROM deleted_cases") == 0;
}

/* The toast's close button, next to the Undo of the toast @undo is in. */
static GtkWidget *
find_close_button (GtkWidget *undo)
{
  for (GtkWidget *c = gtk_widget_get_first_child (gtk_widget_get_parent (undo)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_BUTTON (c) && c != undo)
      return c;

  return NULL;
}

static void
test_dismiss_forgets (Fixture       *f,
                      gconstpointer  user_data)
{
  GtkWidget *close;

  delete_all_selected (f);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM deleted_cases"), ==, N_OWN);
  close = find_close_button (find_undo_button (GTK_WIDGET (f->window)));
  g_assert_nonnull (close);
  gtk_widget_activate (close);
  g_assert_true (casebook_test_wait_until (nothing_kept, f->store));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM deletions"), ==, 0);
  g_assert_cmpuint (casebook_store_get_n_cases (f->store), ==, 14);
}

/* Closing the window forgets the deletion too. */
static void
test_close_forgets (Fixture       *f,
                    gconstpointer  user_data)
{
  delete_all_selected (f);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM deleted_cases"), ==, N_OWN);
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = _casebook_application_new_window (f->app, f->store, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (casebook_test_wait_until (nothing_kept, f->store));
  g_assert_cmpuint (casebook_store_get_n_cases (f->store), ==, 14);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/delete-window/many-and-undo", Fixture, NULL, fixture_setup, test_delete_many_and_undo,
              fixture_teardown);
  g_test_add ("/delete-window/select-all-on-opening", Fixture, NULL, fixture_setup, test_select_all_on_opening,
              fixture_teardown);
  g_test_add ("/delete-window/undo-after-readd", Fixture, NULL, fixture_setup, test_undo_after_readd,
              fixture_teardown);
  g_test_add ("/delete-window/dismissing-forgets", Fixture, NULL, fixture_setup, test_dismiss_forgets,
              fixture_teardown);
  g_test_add ("/delete-window/closing-forgets", Fixture, NULL, fixture_setup, test_close_forgets,
              fixture_teardown);

  return g_test_run ();
}
