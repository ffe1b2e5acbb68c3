/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "casebook-application-private.h"
#include "casebook-case-editor-private.h"
#include "casebook-personal-note-private.h"
#include "casebook-store.h"
#include "casebook-store-collections.h"
#include "casebook-test-display.h"
#include "casebook-test-util.h"
#include "casebook-window-private.h"

/* The application running for real. Quitting, as Ctrl+Q does (the
 * application's "quit" action): a note being written is kept, the store
 * is closed so that the next start does not take the quit for a crash,
 * and a case editor with changes asks before anything closes. And a link
 * opened while a case editor is in front goes to the main window. */

typedef struct
{
  char                *dir;
  char                *db;
  CasebookApplication *app;
  CasebookWindow      *window;
  void               (*steps) (gpointer run);
} Run;

static gboolean
window_has_cases (gpointer data)
{
  Run *run = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));

  if (!CASEBOOK_IS_WINDOW (window))
    return FALSE;
  run->window = CASEBOOK_WINDOW (window);
  return g_list_model_get_n_items (_casebook_window_get_cases (run->window)) == 14;
}

static void
on_activate (GApplication *app,
             Run          *run)
{
  g_assert_true (casebook_test_wait_until (window_has_cases, run));
  run->steps (run);
}

/* Runs the application on the test's store until it ends, and returns
 * its exit status. */
static int
run_app (Run *run)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("io.github.casebook.Casebook.QuitTest%u", ++counter);
  g_autofree char *db_arg = g_strconcat ("--db=", run->db, NULL);
  char *argv[] = { (char *) "casebook", db_arg, NULL };
  int status;

  run->app = casebook_application_new ();
  g_application_set_application_id (G_APPLICATION (run->app), id);
  g_application_set_flags (G_APPLICATION (run->app),
                           g_application_get_flags (G_APPLICATION (run->app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (run->app, "activate", G_CALLBACK (on_activate), run);

  status = g_application_run (G_APPLICATION (run->app), 2, argv);
  g_clear_object (&run->app);
  return status;
}

static void
run_setup (Run           *run,
           gconstpointer  data)
{
  run->dir = casebook_test_tmpdir ();
  run->db = g_build_filename (run->dir, "store.db", NULL);
}

static void
run_teardown (Run           *run,
              gconstpointer  data)
{
  casebook_test_rmdir (run->dir);
  g_free (run->dir);
  g_free (run->db);
}

static void
quit (Run *run)
{
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
}

/* The store was closed: its session marker and its log are gone, as
 * after a window closed by its close button. */
static void
assert_closed_cleanly (Run *run)
{
  g_autofree char *marker = g_strconcat (run->db, "-session", NULL);
  g_autofree char *wal = g_strconcat (run->db, "-wal", NULL);

  g_assert_true (g_file_test (run->db, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* Quit with a note being written -------------------------------------- */

#define NOTE "Written a moment before quitting.\nSecond line."

static gboolean
note_shown (gpointer data)
{
  Run *run = data;
  GtkWidget *note = casebook_test_find_widget (GTK_WIDGET (run->window), CASEBOOK_TYPE_PERSONAL_NOTE);

  return note != NULL && gtk_widget_get_mapped (note);
}

static void
write_note_and_quit (gpointer data)
{
  Run *run = data;
  CasebookPersonalNote *note;
  GtkTextView *view;

  casebook_window_open_case (run->window, "report-2.1");
  g_assert_true (casebook_test_wait_until (note_shown, run));
  note = CASEBOOK_PERSONAL_NOTE (casebook_test_find_widget (GTK_WIDGET (run->window), CASEBOOK_TYPE_PERSONAL_NOTE));

  g_signal_emit_by_name (_casebook_personal_note_get_button (note, "add"), "clicked");
  casebook_test_settle ();
  g_assert_true (_casebook_personal_note_is_editing (note));
  view = _casebook_personal_note_get_text_view (note);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), NOTE, -1);
  casebook_test_settle ();

  quit (run);
}

static void
test_quit_keeps_note (Run           *run,
                      gconstpointer  data)
{
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  run->steps = write_note_and_quit;
  g_assert_cmpint (run_app (run), ==, 0);

  assert_closed_cleanly (run);
  store = casebook_store_open (run->db, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  note = casebook_store_get_note (store, "report-2.1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (note, ==, NOTE);
}

/* Quit while an editor has changes ------------------------------------ */

static gboolean
asks_to_save (gpointer data)
{
  return casebook_test_find_message_dialog ("Save Changes?") != NULL;
}

static gboolean
editor_shown (gpointer data)
{
  Run *run = data;
  GtkWindow *editor = _casebook_window_get_editor (run->window);

  return editor != NULL && gtk_widget_get_mapped (GTK_WIDGET (editor));
}

static gboolean
editor_gone (gpointer data)
{
  Run *run = data;

  return _casebook_window_get_editor (run->window) == NULL &&
         g_list_length (gtk_application_get_windows (GTK_APPLICATION (run->app))) == 1;
}

static void
edit_and_quit (gpointer data)
{
  Run *run = data;
  GtkWindow *editor;
  GObject *title;
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (run->window), "win.new-case", NULL);
  g_assert_true (casebook_test_wait_until (editor_shown, run));
  editor = _casebook_window_get_editor (run->window);
  title = gtk_widget_get_template_child (GTK_WIDGET (editor), CASEBOOK_TYPE_CASE_EDITOR, "title_row");
  g_assert_nonnull (title);
  gtk_editable_set_text (GTK_EDITABLE (title), "Never saved");
  g_assert_true (_casebook_case_editor_is_dirty (CASEBOOK_CASE_EDITOR (editor)));

  /* Quit asks about the changes, and nothing closes meanwhile. */
  quit (run);
  g_assert_true (casebook_test_wait_until (asks_to_save, NULL));
  casebook_test_settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (run->window)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  /* Discarding closes the editor, and only the editor. */
  dialog = casebook_test_find_message_dialog ("Save Changes?");
  adw_message_dialog_response (dialog, "discard");
  g_assert_true (casebook_test_wait_until (editor_gone, run));
  casebook_test_settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (run->window)));

  /* Quit again: nothing left to ask, the application ends. */
  quit (run);
}

static void
test_quit_asks_about_editor (Run           *run,
                             gconstpointer  data)
{
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(GError) error = NULL;

  run->steps = edit_and_quit;
  g_assert_cmpint (run_app (run), ==, 0);

  assert_closed_cleanly (run);
  store = casebook_store_open (run->db, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_store_count (store, NULL, &error), ==, 14);
  g_assert_no_error (error);
}

/* A link while an editor is in front ------------------------------------ */

static gboolean
shows_linked_case (gpointer data)
{
  Run *run = data;
  CasebookCase *c = _casebook_window_get_current_case (run->window);

  return c != NULL && g_str_equal (casebook_case_get_id (c), "report-2.1");
}

static void
open_link_while_editing (gpointer data)
{
  Run *run = data;
  g_autoptr(GFile) link = g_file_new_for_uri ("casebook://case/report-2.1");
  GFile *files[] = { link };
  guint n_main = 0;

  gtk_widget_activate_action (GTK_WIDGET (run->window), "win.new-case", NULL);
  g_assert_true (casebook_test_wait_until (editor_shown, run));
  gtk_window_present (_casebook_window_get_editor (run->window));
  casebook_test_settle ();

  g_application_open (G_APPLICATION (run->app), files, 1, "");
  g_assert_true (casebook_test_wait_until (shows_linked_case, run));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (run->app)); l != NULL; l = l->next)
    if (CASEBOOK_IS_WINDOW (l->data))
      n_main++;
  g_assert_cmpuint (n_main, ==, 1);

  gtk_window_close (_casebook_window_get_editor (run->window));
  g_assert_true (casebook_test_wait_until (editor_gone, run));
  quit (run);
}

static void
test_link_while_editing (Run           *run,
                         gconstpointer  data)
{
  run->steps = open_link_while_editing;
  g_assert_cmpint (run_app (run), ==, 0);
  assert_closed_cleanly (run);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/quit/keeps-note-and-closes-store", Run, NULL, run_setup, test_quit_keeps_note, run_teardown);
  g_test_add ("/quit/asks-about-editor-changes", Run, NULL, run_setup, test_quit_asks_about_editor, run_teardown);
  g_test_add ("/app/link-while-editing/goes-to-main-window", Run, NULL, run_setup, test_link_while_editing,
              run_teardown);

  return g_test_run ();
}
