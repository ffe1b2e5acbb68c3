/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "casebook-application-private.h"
#include "casebook-case-editor-private.h"
#include "casebook-fault-vfs.h"
#include "casebook-file-io.h"
#include "casebook-store-private.h"
#include "casebook-test-display.h"
#include "casebook-test-util.h"
#include "casebook-window-private.h"

/* What a person sees when the disk fills up, another program holds the
 * store, or the store cannot be opened: a dialog or a toast that says
 * what happened and what to do, a window that goes on working, and
 * nothing lost. The store is opened through the fault-injecting VFS. */

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child))
        g_ptr_array_add (labels, g_strdup (gtk_label_get_label (GTK_LABEL (child))));
      collect_labels (child, labels);
    }
}

/* Whether a mapped label under @widget holds @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  collect_labels (widget, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (g_ptr_array_index (labels, i), text) != NULL)
      return TRUE;
  return FALSE;
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds, for at most ten seconds, or
 * longer where CASEBOOK_TEST_SLOWDOWN says that everything is that many
 * times slower, as under valgrind. */
static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  const char *slowdown = g_getenv ("CASEBOOK_TEST_SLOWDOWN");
  guint64 factor = 1;
  gint64 deadline;

  if (slowdown != NULL)
    g_ascii_string_to_unsigned (slowdown, 10, 1, 1000, &factor, NULL);
  deadline = g_get_monotonic_time () + (gint64) factor * 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      if (condition (data))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }

  return condition (data);
}

static gboolean
has_dialog (gpointer heading)
{
  return casebook_test_find_message_dialog (heading) != NULL;
}

static gboolean
has_no_dialog (gpointer heading)
{
  return casebook_test_find_message_dialog (heading) == NULL;
}

/* Answers the dialog with @heading, as a click on @response would. */
static void
respond (const char *heading,
         const char *response)
{
  AdwMessageDialog *dialog;

  g_assert_true (wait_until (has_dialog, (gpointer) heading));
  dialog = casebook_test_find_message_dialog (heading);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (wait_until (has_no_dialog, (gpointer) heading));
}

/* Waits for the error dialog, checks what it says, and closes it. */
static void
assert_dialog_and_close (const char *heading,
                         const char *body_part,
                         const char *advice)
{
  AdwMessageDialog *dialog;

  g_assert_true (wait_until (has_dialog, (gpointer) heading));
  dialog = casebook_test_find_message_dialog (heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), body_part));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), advice));
  respond (heading, "close");
}

typedef struct
{
  char                *dir;
  char                *path;
  CasebookApplication *app;
  CasebookWindow      *window;
  char                *before;
  guint                expected;
} Fixture;

static gboolean
has_n_items (gpointer data)
{
  Fixture *f = data;
  GListModel *cases = _casebook_window_get_cases (f->window);

  return cases != NULL && g_list_model_get_n_items (cases) == f->expected;
}

static CasebookApplication *
new_app (const char *db)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("io.github.casebook.Casebook.FaultTest%u", ++counter);
  g_autoptr(GError) error = NULL;
  CasebookApplication *app = casebook_application_new ();
  GSettings *settings;

  g_application_set_application_id (G_APPLICATION (app), id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  _casebook_application_set_db_path (app, db);

  settings = _casebook_application_get_settings (app);
  g_settings_reset (settings, "selected-case");
  g_settings_reset (settings, "sort-order");
  g_settings_set_string (settings, "content-language", "en");

  return app;
}

/* What the store holds on disk, read by another connection. */
static char *
disk_snapshot (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) store = casebook_store_open (path, CASEBOOK_STORE_READ_ONLY | CASEBOOK_STORE_NO_BUNDLED,
                                                         &error);

  g_assert_no_error (error);
  return casebook_test_snapshot (store);
}

/* A window on a store with the bundled cases and one of the person's
 * own, opened through the shim. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  g_autofree char *uri = NULL;
  g_autofree char *own = casebook_test_minimal_case ("mine-1", "");
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", own);
  g_autoptr(GError) error = NULL;

  f->dir = casebook_test_tmpdir ();
  f->path = g_build_filename (f->dir, "store.db", NULL);
  {
    g_autoptr(CasebookStore) store = casebook_store_open (f->path, CASEBOOK_STORE_FLAGS_NONE, &error);

    g_assert_no_error (error);
    g_assert_true (_casebook_store_import_data (store, json, strlen (json), "own.json",
                                                CASEBOOK_IMPORT_SKIP, NULL, &error));
    g_assert_no_error (error);
  }
  f->before = disk_snapshot (f->path);

  uri = g_strdup_printf ("file:%s?vfs=" CASEBOOK_FAULT_VFS_NAME, f->path);
  f->app = new_app (uri);
  f->window = _casebook_application_new_window (f->app, _casebook_application_get_store (f->app), NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 900);
  gtk_window_present (GTK_WINDOW (f->window));

  f->expected = 15;
  g_assert_true (wait_until (has_n_items, f));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  casebook_fault_vfs_disarm ();
  g_unsetenv ("CASEBOOK_BUSY_TIMEOUT_MS");
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->before);
}

static GFile *
write_import_file (Fixture *f)
{
  g_autofree char *a = casebook_test_minimal_case ("new-1", "");
  g_autofree char *b = casebook_test_minimal_case ("new-2", "");
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s, %s]}", a, b);
  g_autofree char *path = g_build_filename (f->dir, "import.json", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
assert_nothing_lost (Fixture *f)
{
  g_autofree char *after = disk_snapshot (f->path);

  casebook_test_assert_same_text (after, f->before, "the store after the refused change");
  f->expected = 15;
  g_assert_true (wait_until (has_n_items, f));
}

typedef struct
{
  Fixture    *f;
  const char *text;
} TextWait;

static gboolean
window_shows_text (gpointer data)
{
  TextWait *wait = data;

  return shows_text (GTK_WIDGET (wait->f->window), wait->text);
}

/* The disk fills up during an import: a dialog says so and what to do,
 * the list stays as it was, and once there is room again the same
 * import goes through. */
static void
test_import_disk_full (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_import_file (f);
  TextWait wait = { f, "2 cases imported" };

  casebook_fault_vfs_arm (CASEBOOK_FAULT_WRITE, 0, CASEBOOK_FAULT_DISK_FULL, TRUE);
  _casebook_window_import_file (f->window, file);
  respond ("Import Cases?", "import");
  assert_dialog_and_close ("Nothing Was Imported", "the disk is full", "Free some space on it, then try again");
  g_assert_cmpuint (casebook_fault_vfs_get_n_failed (), >, 0);
  casebook_fault_vfs_disarm ();
  assert_nothing_lost (f);

  _casebook_window_import_file (f->window, file);
  respond ("Import Cases?", "import");
  g_assert_true (wait_until (window_shows_text, &wait));
  f->expected = 17;
  g_assert_true (wait_until (has_n_items, f));
}

static gboolean
import_over (gpointer data)
{
  Fixture *f = data;

  return _casebook_window_get_import_progress (f->window) < 0;
}

/* Holds every read made off the main thread, from the moment it is armed
 * until it is let go: the import's worker stops inside its work, so the
 * test cancels an import that is certainly under way. */
static struct
{
  GMutex   lock;
  GCond    cond;
  GThread *main_thread;
  gboolean armed;
  guint    n_held;
} gate;

static void
hold_worker_reads (guint    n_read,
                   gpointer user_data)
{
  if (g_thread_self () == gate.main_thread)
    return;

  g_mutex_lock (&gate.lock);
  if (gate.armed)
    {
      gate.n_held++;
      g_cond_broadcast (&gate.cond);
      while (gate.armed)
        g_cond_wait (&gate.cond, &gate.lock);
    }
  g_mutex_unlock (&gate.lock);
}

static gboolean
worker_held (gpointer data)
{
  gboolean held;

  g_mutex_lock (&gate.lock);
  held = gate.n_held > 0;
  g_mutex_unlock (&gate.lock);
  return held;
}

/* An import is written on a worker thread, with its progress shown and a
 * Cancel button: cancelled while it runs, it leaves the store as it was,
 * on disk and in the list, since it is one transaction. */
static void
test_import_cancel (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [");
  g_autofree char *path = g_build_filename (f->dir, "many.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TextWait wait = { f, "The import was cancelled" };

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("many-%u", i);
      g_autofree char *c = casebook_test_minimal_case (id, "");

      g_string_append_printf (json, "%s%s", i > 0 ? ", " : "", c);
    }
  g_string_append (json, "]}");
  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);

  g_assert_cmpfloat (_casebook_window_get_import_progress (f->window), <, 0);
  _casebook_window_import_file (f->window, file);
  g_assert_true (wait_until (has_dialog, (gpointer) "Import Cases?"));

  /* The import's worker is stopped at its first read of the store, and
   * the import shows as running. */
  gate.main_thread = g_thread_self ();
  gate.n_held = 0;
  g_mutex_lock (&gate.lock);
  gate.armed = TRUE;
  g_mutex_unlock (&gate.lock);
  casebook_fault_vfs_watch_reads (hold_worker_reads, NULL);
  respond ("Import Cases?", "import");
  g_assert_true (wait_until (worker_held, NULL));
  g_assert_cmpfloat (_casebook_window_get_import_progress (f->window), >=, 0);

  _casebook_window_cancel_import (f->window);
  g_mutex_lock (&gate.lock);
  gate.armed = FALSE;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.lock);
  casebook_fault_vfs_watch_reads (NULL, NULL);

  g_assert_true (wait_until (import_over, f));
  g_assert_true (wait_until (window_shows_text, &wait));
  g_assert_null (casebook_test_find_message_dialog ("Nothing Was Imported"));
  assert_nothing_lost (f);
}

/* What is not a collection file is refused by the window's import as by
 * the command line, at once: a device that never ends and a FIFO that
 * nobody writes to. */
static void
test_import_hostile_paths (Fixture       *f,
                           gconstpointer  user_data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "fifo.json", NULL);
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GFile) fifo_file = g_file_new_for_path (fifo);

  _casebook_window_import_file (f->window, zero);
  assert_dialog_and_close ("This File Cannot Be Imported", "“/dev/zero” is a device, not a file", "");

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  _casebook_window_import_file (f->window, fifo_file);
  assert_dialog_and_close ("This File Cannot Be Imported", "Nothing was written to the pipe", fifo);

  assert_nothing_lost (f);
}

/* The disk fills up while the window exports: a dialog names the file
 * and says why, and the earlier export is left whole. */
static void
test_export_disk_full (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *left = NULL;
  const char old[] = "last week's export\n";

  g_assert_true (g_file_set_contents (path, old, -1, NULL));

  _casebook_file_io_fail_writes_after (100, ENOSPC);
  _casebook_window_export_file (f->window, file, CASEBOOK_EXPORT_ALL);
  assert_dialog_and_close ("Could Not Export", path, g_strerror (ENOSPC));
  _casebook_file_io_fail_writes_after (0, 0);

  g_assert_true (g_file_get_contents (path, &left, NULL, NULL));
  g_assert_cmpstr (left, ==, old);
}

/* Another program holds the store while the person imports. */
static void
test_import_busy (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_import_file (f);
  sqlite3 *other = NULL;

  g_setenv ("CASEBOOK_BUSY_TIMEOUT_MS", "200", TRUE);
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  _casebook_window_import_file (f->window, file);
  respond ("Import Cases?", "import");
  assert_dialog_and_close ("Nothing Was Imported", "another program is changing the store",
                           "Wait until it has finished");

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  assert_nothing_lost (f);
}

/* Exporting only reads, and reading goes on while another program
 * writes: the export works and says how many cases it wrote. */
static void
test_export_while_locked (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  TextWait wait = { f, "Exported 15 cases" };
  sqlite3 *other = NULL;

  g_setenv ("CASEBOOK_BUSY_TIMEOUT_MS", "200", TRUE);
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  _casebook_window_export_file (f->window, file, CASEBOOK_EXPORT_ALL);
  g_assert_true (wait_until (window_shows_text, &wait));
  g_assert_null (casebook_test_find_message_dialog ("Could Not Export"));

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  doc = casebook_json_read_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_document_get_cases (doc)->len, ==, 15);
}

/* The export's toast shows its progress and offers Cancel: a cancelled
 * export leaves the file chosen as it was, and says so. Enough cases are
 * added for the export to be still running when it is cancelled. */
static void
test_export_cancelled (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) json = g_string_new ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [");
  g_autofree char *left = NULL;
  const char old[] = "last week's export\n";
  TextWait wait = { f, "The export was cancelled" };

  {
    g_autoptr(CasebookStore) other = casebook_store_open (f->path, CASEBOOK_STORE_FLAGS_NONE, NULL);
    g_autoptr(CasebookDocument) doc = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 3000; i++)
      {
        g_autofree char *id = g_strdup_printf ("many-%u", i);
        g_autofree char *one = casebook_test_minimal_case (id, NULL);

        g_string_append_printf (json, "%s%s", i == 0 ? "" : ", ", one);
      }
    g_string_append (json, "]}");
    doc = casebook_json_read_document (json->str, json->len, "many.json", &error);
    g_assert_no_error (error);
    g_assert_true (casebook_store_import (other, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
    g_assert_no_error (error);
  }

  g_assert_true (g_file_set_contents (path, old, -1, NULL));
  g_assert_cmpfloat (_casebook_window_get_export_progress (f->window), ==, -1);
  _casebook_window_export_file (f->window, file, CASEBOOK_EXPORT_ALL);
  g_assert_cmpfloat (_casebook_window_get_export_progress (f->window), >=, 0);
  _casebook_window_cancel_export (f->window);
  g_assert_true (wait_until (window_shows_text, &wait));
  g_assert_null (casebook_test_find_message_dialog ("Could Not Export"));
  g_assert_cmpfloat (_casebook_window_get_export_progress (f->window), ==, -1);

  g_assert_true (g_file_get_contents (path, &left, NULL, NULL));
  g_assert_cmpstr (left, ==, old);

  /* Not cancelled, the next one writes every case. */
  {
    TextWait done = { f, "Exported 3015 cases" };
    g_autoptr(CasebookDocument) doc = NULL;
    g_autoptr(GError) error = NULL;

    _casebook_window_export_file (f->window, file, CASEBOOK_EXPORT_ALL);
    g_assert_true (wait_until (window_shows_text, &done));
    doc = casebook_json_read_file (file, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (casebook_document_get_cases (doc)->len, ==, 3015);
  }
}

/* An export onto the store, a file beside it or a link to it is refused
 * before anything is written, with a dialog that says so. */
static void
test_export_onto_store (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *soft = g_build_filename (f->dir, "cases.json", NULL);
  g_autofree char *after = NULL;
  const char *targets[] = { f->path, wal, soft };

  g_assert_cmpint (symlink (f->path, soft), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (targets[i]);

      _casebook_window_export_file (f->window, file, CASEBOOK_EXPORT_ALL);
      assert_dialog_and_close ("Could Not Export", targets[i], "Nothing was written; choose another file");
    }

  after = disk_snapshot (f->path);
  g_assert_cmpstr (after, ==, f->before);
}

static gboolean
editor_is_open (gpointer data)
{
  Fixture *f = data;

  return _casebook_window_get_editor (f->window) != NULL;
}

static gboolean
editor_is_closed (gpointer data)
{
  return !editor_is_open (data);
}

/* The disk fills up as the person saves a case: the editor stays open
 * with the change in it, and saving again once there is room works. */
static void
test_save_disk_full (Fixture       *f,
                     gconstpointer  user_data)
{
  CasebookCaseEditor *editor;
  CasebookCase *draft;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(CasebookCase) saved = NULL;

  _casebook_window_select_case (f->window, "mine-1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-case", NULL));
  g_assert_true (wait_until (editor_is_open, f));
  editor = CASEBOOK_CASE_EDITOR (_casebook_window_get_editor (f->window));

  draft = _casebook_case_editor_get_draft (editor);
  casebook_case_take_title (draft, casebook_text_new (NULL, "A title worth keeping"));

  casebook_fault_vfs_arm (CASEBOOK_FAULT_WRITE, 0, CASEBOOK_FAULT_DISK_FULL, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.try-save", NULL));
  assert_dialog_and_close ("Could Not Save the Case", "the disk is full", "Free some space on it, then try again");
  casebook_fault_vfs_disarm ();

  /* Nothing was written, and nothing of the edit was thrown away. */
  assert_nothing_lost (f);
  g_assert_true (_casebook_window_get_editor (f->window) == GTK_WINDOW (editor));
  g_assert_cmpstr (casebook_text_get (casebook_case_get_title (_casebook_case_editor_get_draft (editor)),
                                      CASEBOOK_LANG_EN), ==, "A title worth keeping");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.try-save", NULL));
  g_assert_true (wait_until (editor_is_closed, f));

  store = casebook_store_open (f->path, CASEBOOK_STORE_READ_ONLY | CASEBOOK_STORE_NO_BUNDLED, &error);
  g_assert_no_error (error);
  saved = casebook_store_get_case (store, "mine-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (casebook_text_get (casebook_case_get_title (saved), CASEBOOK_LANG_EN), ==, "A title worth keeping");
}

/* Another program holds the store as the person saves a case. */
static void
test_save_busy (Fixture       *f,
                gconstpointer  user_data)
{
  CasebookCaseEditor *editor;
  sqlite3 *other = NULL;

  _casebook_window_select_case (f->window, "mine-1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-case", NULL));
  g_assert_true (wait_until (editor_is_open, f));
  editor = CASEBOOK_CASE_EDITOR (_casebook_window_get_editor (f->window));
  casebook_case_take_title (_casebook_case_editor_get_draft (editor),
                            casebook_text_new (NULL, "A title worth keeping"));

  g_setenv ("CASEBOOK_BUSY_TIMEOUT_MS", "200", TRUE);
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.try-save", NULL));
  assert_dialog_and_close ("Could Not Save the Case", "another program is changing the store",
                           "Wait until it has finished");

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  assert_nothing_lost (f);
  g_assert_true (_casebook_window_get_editor (f->window) == GTK_WINDOW (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.try-save", NULL));
  g_assert_true (wait_until (editor_is_closed, f));
}

/* A write fails on the way to the disk as the person deletes a case. */
static void
test_delete_io_error (Fixture       *f,
                      gconstpointer  user_data)
{
  _casebook_window_select_case (f->window, "mine-1");
  casebook_fault_vfs_arm (CASEBOOK_FAULT_WRITE, 0, CASEBOOK_FAULT_IO_ERROR, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-case", NULL));
  assert_dialog_and_close ("Could Not Delete the Case", "the disk reported an error", "then try again");
  casebook_fault_vfs_disarm ();

  assert_nothing_lost (f);
  g_assert_nonnull (_casebook_window_get_current_case (f->window));
}

/* Stores that cannot be opened: the window shows why, and what to do. */

/* Starts the application on @db as a person does, and returns its window. */
static CasebookWindow *
window_for_unopenable (const char           *db,
                       CasebookApplication **app_out)
{
  CasebookApplication *app = new_app (db);
  CasebookWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = CASEBOOK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  g_assert_null (_casebook_application_get_store (app));
  while (g_main_context_iteration (NULL, FALSE));

  *app_out = app;
  return window;
}

static void
test_store_error_page (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *damaged_ro = g_strdup_printf ("file:%s?mode=ro", damaged);
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookApplication) app = NULL;
  CasebookWindow *window;
  sqlite3 *db = NULL;
  char garbage[8192];

  /* Written by a newer Casebook. */
  {
    g_autoptr(CasebookStore) store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);

    g_assert_no_error (error);
    g_assert_nonnull (store);
  }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  window = window_for_unopenable (path, &app);
  g_assert_null (_casebook_window_get_cases (window));
  g_assert_true (shows_text (GTK_WIDGET (window), "The Case Store Could Not Be Opened"));
  g_assert_true (shows_text (GTK_WIDGET (window), "written by a newer version of Casebook"));
  g_assert_true (shows_text (GTK_WIDGET (window), "update Casebook to open it"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);

  /* Damaged, and opened read-only, so it cannot be moved aside. */
  {
    g_autoptr(CasebookStore) created = casebook_store_open (damaged, CASEBOOK_STORE_FLAGS_NONE, &error);
    g_autofree char *contents = NULL;

    g_assert_no_error (error);
    g_clear_object (&created);
    contents = casebook_test_read_file (damaged, NULL);
    for (guint i = 0; i < sizeof garbage; i++)
      garbage[i] = i < 100 ? contents[i] : (char) (i * 13 + 1);
  }
  g_file_set_contents (damaged, garbage, sizeof garbage, &error);
  g_assert_no_error (error);

  window = window_for_unopenable (damaged_ro, &app);
  g_assert_true (shows_text (GTK_WIDGET (window), "is damaged and cannot be read"));
  g_assert_true (shows_text (GTK_WIDGET (window), "restore it from a backup"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);

  casebook_test_rmdir (dir);
}

/* A damaged store opened normally: moved aside, never deleted, and a
 * dialog says where it went and what to do. */
static void
test_moved_aside_dialog (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  CasebookStore *store;
  CasebookWindow *window;
  AdwMessageDialog *dialog;
  char garbage[8192];
  Fixture f = { 0 };

  /* A store of Casebook's, by its file header, with garbage after it. */
  {
    g_autoptr(CasebookStore) created = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
    g_autofree char *contents = NULL;

    g_assert_no_error (error);
    g_clear_object (&created);
    contents = casebook_test_read_file (path, NULL);
    for (guint i = 0; i < sizeof garbage; i++)
      garbage[i] = i < 100 ? contents[i] : (char) (i * 5 + 7);
  }
  g_file_set_contents (path, garbage, sizeof garbage, &error);
  g_assert_no_error (error);

  app = new_app (path);
  g_test_expect_message ("casebook-store", G_LOG_LEVEL_WARNING, "*was damaged*");
  store = _casebook_application_get_store (app);
  g_test_assert_expected_messages ();
  g_assert_nonnull (casebook_store_get_moved_aside (store));

  window = _casebook_application_new_window (app, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (wait_until (has_dialog, (gpointer) "The Case Store Was Damaged"));
  dialog = casebook_test_find_message_dialog ("The Case Store Was Damaged");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), casebook_store_get_moved_aside (store)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "import that file"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  respond ("The Case Store Was Damaged", "close");

  /* The window goes on, on a new store, and the damaged one is kept. */
  f.window = window;
  f.expected = 14;
  g_assert_true (wait_until (has_n_items, &f));
  {
    g_autofree char *kept = casebook_test_read_file (casebook_store_get_moved_aside (store), NULL);
    g_assert_cmpmem (kept, sizeof garbage, garbage, sizeof garbage);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  casebook_test_rmdir (dir);
}

/* The mapped button under @widget labelled @label, if any. */
static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return GTK_BUTTON (child);
      found = find_button (child, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shows_damage_banner (gpointer window)
{
  return shows_text (window, "The case store is damaged") && find_button (window, "_Start Over…") != NULL;
}

/* Overwrites the page of an index that neither opening the store nor
 * listing its cases reads (outcomes by metric, which only the charts
 * use): only the check of the whole file finds it. Returns the bytes. */
static char *
damage_unread_page (const char *path,
                    gsize      *length)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *contents;
  int page = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE name = 'outcomes_by_metric'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    page = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (page, >, 1);

  contents = casebook_test_read_file (path, length);
  g_assert_cmpuint (*length, >=, (gsize) page * 4096);
  for (gsize i = 0; i < 4096; i++)
    contents[(gsize) (page - 1) * 4096 + i] = (char) ((i * 13 + 5) ^ (i >> 3));
  g_file_set_contents (path, contents, *length, &error);
  g_assert_no_error (error);

  return contents;
}

/* Damage that opening the store does not read: the window comes up at
 * once, the check in the background finds the damage and a banner says
 * so; starting over keeps the damaged file and shows the bundled cases. */
static void
test_damage_banner (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *damaged = NULL;
  g_autoptr(CasebookApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  CasebookStore *store;
  CasebookWindow *window;
  AdwMessageDialog *dialog;
  gsize length = 0;
  Fixture f = { 0 };

  /* The bundled cases and one of the person's own, closed cleanly. */
  {
    g_autoptr(CasebookStore) created = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
    g_autofree char *own = casebook_test_minimal_case ("mine-1", "");
    g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", own);
    g_autoptr(CasebookDocument) doc = casebook_test_parse (json, &error);

    g_assert_no_error (error);
    g_assert_true (casebook_store_import (created, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
    g_assert_no_error (error);
  }
  damaged = damage_unread_page (path, &length);

  g_setenv ("CASEBOOK_CHECK_DELAY_MS", "0", TRUE);
  app = new_app (path);
  store = _casebook_application_get_store (app);
  g_assert_nonnull (store);
  g_assert_null (casebook_store_get_moved_aside (store));

  window = _casebook_application_new_window (app, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  f.window = window;
  f.expected = 15;
  g_assert_true (wait_until (has_n_items, &f));

  g_assert_true (wait_until (shows_damage_banner, window));
  g_signal_emit_by_name (find_button (GTK_WIDGET (window), "_Start Over…"), "clicked");

  /* It asks first, and nothing has moved yet. */
  g_assert_true (wait_until (has_dialog, (gpointer) "Start Over With a New Store?"));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (casebook_store_get_moved_aside (store));
  respond ("Start Over With a New Store?", "start-over");

  /* It says where the damaged store went, which holds the same bytes. */
  g_assert_nonnull (casebook_store_get_moved_aside (store));
  g_assert_true (wait_until (has_dialog, (gpointer) "A New Store Was Started"));
  dialog = casebook_test_find_message_dialog ("A New Store Was Started");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), casebook_store_get_moved_aside (store)));
  respond ("A New Store Was Started", "close");
  {
    g_autofree char *kept = NULL;
    gsize kept_length = 0;

    kept = casebook_test_read_file (casebook_store_get_moved_aside (store), &kept_length);
    g_assert_cmpmem (kept, kept_length, damaged, length);
  }

  /* The window goes on with the bundled cases, on a sound store. */
  f.expected = 14;
  g_assert_true (wait_until (has_n_items, &f));
  g_assert_false (casebook_store_has_case (store, "mine-1"));
  g_assert_true (casebook_store_check_integrity (store, NULL, &error));
  g_assert_no_error (error);

  g_unsetenv ("CASEBOOK_CHECK_DELAY_MS");
  gtk_window_destroy (GTK_WINDOW (window));
  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  casebook_fault_vfs_register ();

  /* GTK must print no warnings at all while the window meets the faults. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add ("/window-faults/import/disk-full", Fixture, NULL, fixture_setup, test_import_disk_full, fixture_teardown);
  g_test_add ("/window-faults/import/cancel", Fixture, NULL, fixture_setup, test_import_cancel, fixture_teardown);
  g_test_add ("/window-faults/import/busy", Fixture, NULL, fixture_setup, test_import_busy, fixture_teardown);
  g_test_add ("/window-faults/import/hostile-paths", Fixture, NULL, fixture_setup, test_import_hostile_paths,
              fixture_teardown);
  g_test_add ("/window-faults/export/disk-full", Fixture, NULL, fixture_setup, test_export_disk_full,
              fixture_teardown);
  g_test_add ("/window-faults/export/onto-the-store", Fixture, NULL, fixture_setup, test_export_onto_store,
              fixture_teardown);
  g_test_add ("/window-faults/export/while-locked", Fixture, NULL, fixture_setup, test_export_while_locked,
              fixture_teardown);
  g_test_add ("/window-faults/export/cancelled-leaves-file", Fixture, NULL, fixture_setup, test_export_cancelled,
              fixture_teardown);
  g_test_add ("/window-faults/edit/save-disk-full", Fixture, NULL, fixture_setup, test_save_disk_full, fixture_teardown);
  g_test_add ("/window-faults/edit/save-busy", Fixture, NULL, fixture_setup, test_save_busy, fixture_teardown);
  g_test_add ("/window-faults/edit/delete-io-error", Fixture, NULL, fixture_setup, test_delete_io_error, fixture_teardown);
  g_test_add_func ("/window-faults/open/error-page", test_store_error_page);
  g_test_add_func ("/window-faults/open/moved-aside-dialog", test_moved_aside_dialog);
  g_test_add_func ("/window-faults/open/damage-banner-starts-over", test_damage_banner);

  return g_test_run ();
}
