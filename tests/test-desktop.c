/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "casebook-application-private.h"
#include "casebook-case-drag.h"
#include "casebook-case-list.h"
#include "casebook-chart-view.h"
#include "casebook-compare-view-private.h"
#include "casebook-json.h"
#include "casebook-store-collections.h"
#include "casebook-test-display.h"
#include "casebook-test-util.h"
#include "casebook-window-private.h"

/* The window in the desktop (casebook-window-desktop.c): files and
 * casebook:// links given on the command line, as Files and a browser
 * give them; and what Ctrl+C and the case menu put on the clipboard. */

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds, for at most ten seconds. */
static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      if (condition (data))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }

  return condition (data);
}

static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child))
        g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (child))));
      collect_texts (child, texts);
    }
}

/* Whether a label under @widget shows @text, as a person reads it. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_texts (widget, texts);
  return g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
}

/* The message dialogs that are up. */
static GPtrArray *
dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        g_ptr_array_add (found, window);
    }

  return found;
}

static gboolean
has_dialog (gpointer data)
{
  g_autoptr(GPtrArray) up = dialogs ();

  return up->len > 0;
}

/* Waits for exactly one dialog, checks its heading, answers it with
 * @response and returns its body. */
static char *
answer_dialog (const char *heading,
               const char *response)
{
  g_autoptr(GPtrArray) up = NULL;
  AdwMessageDialog *dialog;
  char *body;

  g_assert_true (wait_until (has_dialog, NULL));
  up = dialogs ();
  /* One file at a time: the next one waits for this answer. */
  g_assert_cmpuint (up->len, ==, 1);
  dialog = g_ptr_array_index (up, 0);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  body = g_strdup (adw_message_dialog_get_body (dialog));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE));

  return body;
}

/* The application as `casebook ARGS…` starts it, on a store of its own. */
typedef struct
{
  char                *dir;
  char                *db;
  CasebookApplication *app;
  const char * const  *args;
  void               (*check) (gpointer fixture);
  CasebookWindow      *window;
} Run;

static gboolean
window_has_cases (gpointer data)
{
  Run *run = data;
  GListModel *cases;

  run->window = CASEBOOK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (run->app)));
  if (run->window == NULL)
    return FALSE;
  cases = _casebook_window_get_cases (run->window);
  return cases != NULL && g_list_model_get_n_items (cases) > 0 &&
         !casebook_case_list_is_loading (CASEBOOK_CASE_LIST (cases));
}

static void
on_activate_or_open (GApplication *app,
                     Run          *run)
{
  /* Checked once the application has made its window and started on
   * the files; the check runs the main loop itself. */
  static gboolean running;

  if (running)
    return;
  running = TRUE;
  g_assert_true (wait_until (window_has_cases, run));
  run->check (run);
  gtk_window_destroy (GTK_WINDOW (run->window));
  g_application_quit (app);
  running = FALSE;
}

static void
on_open (GApplication  *app,
         GFile        **files,
         int            n_files,
         const char    *hint,
         Run           *run)
{
  on_activate_or_open (app, run);
}

static void
run_app (Run *run)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("io.github.casebook.Casebook.DesktopTest%u", ++counter);
  g_autofree char *db_arg = g_strconcat ("--db=", run->db, NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int status;

  g_ptr_array_add (argv, (gpointer) "casebook");
  g_ptr_array_add (argv, db_arg);
  for (guint i = 0; run->args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) run->args[i]);
  g_ptr_array_add (argv, NULL);

  run->app = casebook_application_new ();
  g_application_set_application_id (G_APPLICATION (run->app), id);
  g_application_set_flags (G_APPLICATION (run->app),
                           g_application_get_flags (G_APPLICATION (run->app)) | G_APPLICATION_NON_UNIQUE);
  /* After the application's own handlers, which make the window. */
  g_signal_connect_after (run->app, "open", G_CALLBACK (on_open), run);
  g_signal_connect_after (run->app, "activate", G_CALLBACK (on_activate_or_open), run);

  status = g_application_run (G_APPLICATION (run->app), (int) argv->len - 1, (char **) argv->pdata);
  g_assert_cmpint (status, ==, 0);
  g_clear_object (&run->app);
}

static void
run_setup (Run *run)
{
  run->dir = casebook_test_tmpdir ();
  run->db = g_build_filename (run->dir, "store.db", NULL);
}

static void
run_teardown (Run *run)
{
  casebook_test_rmdir (run->dir);
  g_free (run->dir);
  g_free (run->db);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
write_collection (const char *dir,
                  const char *name,
                  const char *case_id)
{
  g_autofree char *one = casebook_test_minimal_case (case_id, NULL);
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", one);

  return write_file (dir, name, json);
}

static void
check_file_preview (gpointer data)
{
  g_autofree char *body = answer_dialog ("Import Cases?", "import");
  Run *run = data;

  g_assert_cmpstr (body, ==, "The file holds 1 new case.");
  /* Imported on the answer. */
  g_assert_true (casebook_store_has_case (_casebook_application_get_store (run->app), "opened-1"));
}

static void
test_open_file_argument (void)
{
  Run run = { 0 };
  g_autofree char *file = NULL;
  const char *args[2];

  run_setup (&run);
  file = write_collection (run.dir, "opened.json", "opened-1");
  args[0] = file;
  args[1] = NULL;
  run.args = args;
  run.check = check_file_preview;
  run_app (&run);
  run_teardown (&run);
}

static void
check_files_in_turn (gpointer data)
{
  g_autofree char *first = answer_dialog ("Import Cases?", "cancel");
  g_autofree char *second = answer_dialog ("This File Cannot Be Imported", "close");
  g_autofree char *third = answer_dialog ("Import Cases?", "cancel");
  g_autofree char *fourth = answer_dialog ("This File Cannot Be Imported", "close");
  Run *run = data;

  g_assert_cmpstr (first, ==, "The file holds 1 new case.");
  /* The import's own messages: a folder, and a file that is no collection. */
  g_assert_nonnull (strstr (second, "folder"));
  g_assert_cmpstr (third, ==, "The file holds 1 new case.");
  g_assert_nonnull (strstr (fourth, "notes.txt"));
  g_assert_false (has_dialog (NULL));
  g_assert_false (casebook_store_has_case (_casebook_application_get_store (run->app), "first-1"));
}

/* Several files: one preview or message after another, each once the one
 * before it is answered. */
static void
test_open_several_files (void)
{
  Run run = { 0 };
  g_autofree char *first = NULL, *folder = NULL, *second = NULL, *text = NULL;
  const char *args[5];

  run_setup (&run);
  first = write_collection (run.dir, "first.json", "first-1");
  folder = g_build_filename (run.dir, "a folder.json", NULL);
  g_assert_no_errno (g_mkdir (folder, 0755));
  second = write_collection (run.dir, "second.json", "second-1");
  text = write_file (run.dir, "notes.txt", "Not a collection at all\n");
  args[0] = first;
  args[1] = folder;
  args[2] = second;
  args[3] = text;
  args[4] = NULL;
  run.args = args;
  run.check = check_files_in_turn;
  run_app (&run);
  run_teardown (&run);
}

static gboolean
shows_case_2_2 (gpointer data)
{
  Run *run = data;
  CasebookCase *current = _casebook_window_get_current_case (run->window);

  return current != NULL && g_str_equal (casebook_case_get_id (current), "report-2.2");
}

static void
check_link (gpointer data)
{
  g_assert_true (wait_until (shows_case_2_2, data));
}

static void
test_open_link_argument (void)
{
  Run run = { 0 };
  const char *args[] = { "casebook://case/report-2.2", NULL };

  run_setup (&run);
  run.args = args;
  run.check = check_link;
  run_app (&run);
  run_teardown (&run);
}

/* A window of its own, for the tests that call into it. */
typedef struct
{
  char                *dir;
  CasebookApplication *app;
  CasebookWindow      *window;
  const char          *text;
  char                *clipboard_text;
  GdkTexture          *clipboard_texture;
  gboolean             read;
} Fixture;

static gboolean
fixture_has_cases (gpointer data)
{
  Fixture *f = data;
  GListModel *cases = _casebook_window_get_cases (f->window);

  return g_list_model_get_n_items (cases) == 14 && !casebook_case_list_is_loading (CASEBOOK_CASE_LIST (cases));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("io.github.casebook.Casebook.DesktopWindow%u", ++counter);
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
  g_assert_nonnull (settings);
  g_settings_reset (settings, "selected-case");
  g_settings_set_string (settings, "content-language", "en");

  f->window = _casebook_application_new_window (f->app, _casebook_application_get_store (f->app), NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_until (fixture_has_cases, f));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
  g_clear_object (&f->clipboard_texture);
  g_free (f->clipboard_text);
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
}

static gboolean
window_shows (gpointer data)
{
  Fixture *f = data;

  return shows_text (GTK_WIDGET (f->window), f->text);
}

static void
open_uri (Fixture    *f,
          const char *uri)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (uri);

  casebook_window_open (f->window, &file, 1);
}

static void
test_link_opens_case (Fixture       *f,
                      gconstpointer  user_data)
{
  open_uri (f, "casebook://case/report-2.1");
  g_assert_nonnull (_casebook_window_get_current_case (f->window));
  g_assert_cmpstr (casebook_case_get_id (_casebook_window_get_current_case (f->window)), ==, "report-2.1");
  f->text = "Virtualization at a large bank";
  g_assert_true (wait_until (window_shows, f));
}

/* An unknown id is named, as text: its markup characters stay text. */
static void
test_link_unknown_id (Fixture       *f,
                      gconstpointer  user_data)
{
  open_uri (f, "casebook://case/report-2.1");
  open_uri (f, "casebook://case/%3Cb%3Enope%26");
  f->text = "There is no case with the id “<b>nope&”";
  g_assert_true (wait_until (window_shows, f));
  /* The case on show stays. */
  g_assert_cmpstr (casebook_case_get_id (_casebook_window_get_current_case (f->window)), ==, "report-2.1");

  open_uri (f, "casebook://nothing/here");
  f->text = "“casebook://nothing/here” is not a link to a case; a link looks like casebook://case/ID";
  g_assert_true (wait_until (window_shows, f));
}

static void
on_text_read (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Fixture *f = data;
  g_autoptr(GError) error = NULL;

  f->clipboard_text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  f->read = TRUE;
}

static void
on_texture_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Fixture *f = data;
  g_autoptr(GError) error = NULL;

  f->clipboard_texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  f->read = TRUE;
}

static gboolean
is_read (gpointer data)
{
  return ((Fixture *) data)->read;
}

static const char *
read_clipboard_text (Fixture *f)
{
  g_clear_pointer (&f->clipboard_text, g_free);
  f->read = FALSE;
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), NULL, on_text_read, f);
  g_assert_true (wait_until (is_read, f));
  return f->clipboard_text;
}

static void
test_copy_case (Fixture       *f,
                gconstpointer  user_data)
{
  GtkWidget *list_view;
  const char *text;

  open_uri (f, "casebook://case/report-2.1");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), "before");

  /* Ctrl+C with the list focused. */
  list_view = GTK_WIDGET (f->window->list_view);
  gtk_widget_grab_focus (list_view);
  g_assert_true (_casebook_window_copy (f->window));
  text = read_clipboard_text (f);
  g_assert_true (g_str_has_prefix (text, "Virtualization at a large bank\n"
                                         "Organization: A large state-owned bank\n"
                                         "Sector: Finance / Banking\n"));
  g_assert_nonnull (strstr (text, "\nOutcomes\n  • Server utilization rose from 30% to 80%  [30% → 80%]\n"));
  g_assert_nonnull (strstr (text, "\nSource\n  • Enterprise Case Studies of Virtualization and Containerization, 2025\n"));
  g_assert_true (g_str_has_suffix (text, "\nLink: casebook://case/report-2.1\n"));
  f->text = "Copied";
  g_assert_true (wait_until (window_shows, f));

  /* In the search entry, the key is the entry's. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), "before");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  g_assert_false (_casebook_window_copy (f->window));
  g_assert_cmpstr (read_clipboard_text (f), ==, "before");

  /* The case menu's Markdown and link. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-case-markdown", NULL);
  text = read_clipboard_text (f);
  g_assert_true (g_str_has_prefix (text, "# Virtualization at a large bank\n\n- **Organization**: "));
  g_assert_true (g_str_has_suffix (text, "\n[Open in Casebook](casebook://case/report-2.1)\n"));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-case-link", NULL);
  g_assert_cmpstr (read_clipboard_text (f), ==, "casebook://case/report-2.1");
}

static gboolean
chart_ready (gpointer data)
{
  Fixture *f = data;

  return !_casebook_compare_view_is_loading (f->window->compare_view);
}

static void
test_copy_chart (Fixture       *f,
                 gconstpointer  user_data)
{
  CasebookChartView *chart;

  adw_view_stack_set_visible_child_name (f->window->view_stack, "compare");
  g_assert_true (wait_until (chart_ready, f));
  chart = _casebook_compare_view_get_chart (f->window->compare_view);
  gtk_widget_grab_focus (GTK_WIDGET (chart));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (chart)));

  g_assert_true (_casebook_window_copy (f->window));
  f->read = FALSE;
  gdk_clipboard_read_texture_async (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), NULL, on_texture_read, f);
  g_assert_true (wait_until (is_read, f));
  g_assert_nonnull (f->clipboard_texture);
  /* Twice the 760-point page of an exported chart. */
  g_assert_cmpint (gdk_texture_get_width (f->clipboard_texture), ==, 1520);
  g_assert_cmpint (gdk_texture_get_height (f->clipboard_texture), >, 200);
  f->text = "Copied";
  g_assert_true (wait_until (window_shows, f));
}

/* The drop target of @widget that reads @type. */
static GtkDropTarget *
find_drop_target_for (GtkWidget *widget,
                      GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller) &&
          gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (GTK_DROP_TARGET (controller)), type))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

/* Files dropped onto the window: the same previews, one after another. */
static void
test_drop_files (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autofree char *path = write_collection (f->dir, "dropped.json", "dropped-1");
  g_autofree char *text = write_file (f->dir, "dropped.txt", "{\"format\": \"something else\"}");
  GFile *files[2];
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = find_drop_target_for (GTK_WIDGET (f->window->toast_overlay), GDK_TYPE_FILE_LIST);
  gboolean accepted = FALSE;
  g_autofree char *first = NULL, *second = NULL;

  g_assert_nonnull (target);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->window->toast_overlay), "drop-target"));

  files[0] = g_file_new_for_path (path);
  files[1] = g_file_new_for_path (text);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, 2));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);

  first = answer_dialog ("Import Cases?", "import");
  g_assert_cmpstr (first, ==, "The file holds 1 new case.");
  second = answer_dialog ("This File Cannot Be Imported", "close");
  g_assert_nonnull (strstr (second, "format"));
  g_assert_true (casebook_store_has_case (_casebook_application_get_store (f->app), "dropped-1"));

  g_object_unref (files[0]);
  g_object_unref (files[1]);
}

/* Dragging cases between windows on two stores ----------------------------- */

typedef struct
{
  GValue   value;
  GError  *error;
  gboolean done;
} Deserialized;

static void
on_deserialized (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Deserialized *d = data;
  const GValue *value = NULL;

  if (gdk_content_deserialize_finish (result, &d->value, &d->error))
    value = &d->value;
  g_assert_true (value != NULL || d->error != NULL);
  d->done = TRUE;
}

static gboolean
is_deserialized (gpointer data)
{
  return ((Deserialized *) data)->done;
}

typedef struct
{
  GOutputStream *stream;
  gboolean       done;
} Written;

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Written *w = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (gdk_content_provider_write_mime_type_finish (GDK_CONTENT_PROVIDER (source), result, &error));
  g_assert_no_error (error);
  g_output_stream_close (w->stream, NULL, NULL);
  w->done = TRUE;
}

static gboolean
is_written (gpointer data)
{
  return ((Written *) data)->done;
}

/* What a drop in another process receives from @content: the bytes the
 * drag writes for the MIME type, read back by the deserializer GTK runs
 * for a drop target of CASEBOOK_TYPE_CASES_JSON. */
static void
transfer_json (GdkContentProvider *content,
               GValue             *value)
{
  Written written = { g_memory_output_stream_new_resizable (), FALSE };
  Deserialized d = { G_VALUE_INIT, NULL, FALSE };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) input = NULL;

  gdk_content_provider_write_mime_type_async (content, CASEBOOK_CASES_MIME_TYPE, written.stream,
                                              G_PRIORITY_DEFAULT, NULL, on_written, &written);
  g_assert_true (wait_until (is_written, &written));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (written.stream));
  g_clear_object (&written.stream);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);

  input = g_memory_input_stream_new_from_bytes (bytes);
  gdk_content_deserialize_async (input, CASEBOOK_CASES_MIME_TYPE, CASEBOOK_TYPE_CASES_JSON,
                                 G_PRIORITY_DEFAULT, NULL, on_deserialized, &d);
  g_assert_true (wait_until (is_deserialized, &d));
  g_assert_no_error (d.error);
  g_assert_true (G_VALUE_HOLDS (&d.value, CASEBOOK_TYPE_CASES_JSON));
  g_value_init (value, CASEBOOK_TYPE_CASES_JSON);
  g_value_copy (&d.value, value);
  g_value_unset (&d.value);
}

/* The sidebar's row of the collection named @name. */
static GtkWidget *
find_collection_row (CasebookWindow *window,
                     const char     *name)
{
  GtkWidget *sidebar = GTK_WIDGET (_casebook_window_get_collection_list (window));
  GtkListBox *list = GTK_LIST_BOX (casebook_test_find_widget (sidebar, GTK_TYPE_LIST_BOX));
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (shows_text (GTK_WIDGET (row), name))
      return GTK_WIDGET (row);

  return NULL;
}

static gint64
new_collection (CasebookStore *store,
                const char    *name)
{
  g_autoptr(CasebookCollection) collection = casebook_collection_new (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (casebook_store_create_collection (store, collection, &error));
  g_assert_no_error (error);
  return casebook_collection_get_id (collection);
}

static char *
collection_ids (CasebookStore *store,
                gint64         id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCollection) collection = casebook_store_get_collection (store, id, &error);

  GPtrArray *ids;
  GString *joined = g_string_new (NULL);

  g_assert_no_error (error);
  ids = casebook_collection_get_case_ids (collection);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? " " : "", (const char *) g_ptr_array_index (ids, i));
  return g_string_free (joined, FALSE);
}

typedef struct
{
  CasebookStore *store;
  gint64         collection_id;
  const char    *ids;
} CollectionHolds;

static gboolean
collection_holds (gpointer data)
{
  CollectionHolds *holds = data;
  g_autofree char *ids = collection_ids (holds->store, holds->collection_id);

  return g_str_equal (ids, holds->ids);
}

static gboolean
has_no_cases (gpointer data)
{
  GListModel *cases = _casebook_window_get_cases (data);

  return g_list_model_get_n_items (cases) == 0 && !casebook_case_list_is_loading (CASEBOOK_CASE_LIST (cases));
}

static gboolean
shows_imported_into_moved (gpointer window)
{
  return shows_text (GTK_WIDGET (window), "2 cases imported; all in “Moved here” now");
}

static gboolean
shows_added_again (gpointer window)
{
  return shows_text (GTK_WIDGET (window), "Added 2 cases to “Again”");
}

/* Cases dragged from a window on one store to a window on another: the
 * drag offers their interchange JSON; dropped on a collection of the
 * other store, they go through the import preview (they are new there),
 * arrive with their data, notes and tags, and join the collection; a
 * second drop of the same cases, now present, goes straight into
 * another collection. */
static void
test_drag_cases_between_stores (Fixture       *f,
                                gconstpointer  user_data)
{
  CasebookStore *source = _casebook_application_get_store (f->app);
  g_autofree char *other_db = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(CasebookStore) other = NULL;
  g_autoptr(GdkContentProvider) content = NULL;
  g_autoptr(GdkContentFormats) formats = NULL;
  g_autoptr(CasebookCase) original = NULL, copied = NULL;
  g_autofree char *original_json = NULL, *copied_json = NULL;
  g_autofree char *note = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) ids_value = G_VALUE_INIT;
  const char *dragged[] = { "report-3.3", "report-2.1", NULL };
  CasebookWindow *window;
  GtkDropTarget *target;
  GtkWidget *row;
  gboolean accepted = FALSE;
  CollectionHolds holds;
  gint64 moved, again;

  g_assert_true (casebook_store_add_tag (source, "report-3.3", "shortlist", &error));
  g_assert_true (casebook_store_set_note (source, "report-3.3", "Ask the bank about <b>rollback</b>", &error));
  g_assert_no_error (error);

  other = casebook_store_open (other_db, CASEBOOK_STORE_NO_BUNDLED, &error);
  g_assert_no_error (error);
  moved = new_collection (other, "Moved here");
  again = new_collection (other, "Again");
  window = _casebook_application_new_window (f->app, other, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (has_no_cases, window));

  /* The drag of the first window offers ids, the JSON and text. */
  content = _casebook_window_drag_content (f->window, dragged);
  formats = gdk_content_provider_ref_formats (content);
  g_assert_true (gdk_content_formats_contain_gtype (formats, CASEBOOK_TYPE_CASE_IDS));
  g_assert_true (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING));
  g_assert_true (gdk_content_formats_contain_mime_type (formats, CASEBOOK_CASES_MIME_TYPE));
  /* Within this process, the ids are read as they are. */
  g_value_init (&ids_value, CASEBOOK_TYPE_CASE_IDS);
  g_assert_true (gdk_content_provider_get_value (content, &ids_value, NULL));
  g_assert_cmpstrv (g_value_get_boxed (&ids_value), dragged);

  /* Dropped on the other window's collection. */
  transfer_json (content, &value);
  row = find_collection_row (window, "Moved here");
  g_assert_nonnull (row);
  /* The plain collection's row reads ids only from its own store. */
  g_assert_nonnull (find_drop_target_for (row, CASEBOOK_TYPE_CASE_IDS));
  target = find_drop_target_for (row, CASEBOOK_TYPE_CASES_JSON);
  g_assert_nonnull (target);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);

  body = answer_dialog ("Import Cases?", "import");
  g_assert_cmpstr (body, ==, "2 new cases were dropped.");
  holds = (CollectionHolds) { other, moved, "report-3.3 report-2.1" };
  g_assert_true (wait_until (collection_holds, &holds));
  g_assert_true (wait_until (shows_imported_into_moved, window));
  /* With all their data. */
  for (guint i = 0; dragged[i] != NULL; i++)
    {
      g_clear_object (&original);
      g_clear_object (&copied);
      g_clear_pointer (&original_json, g_free);
      g_clear_pointer (&copied_json, g_free);
      original = casebook_store_get_case (source, dragged[i], &error);
      g_assert_no_error (error);
      copied = casebook_store_get_case (other, dragged[i], &error);
      g_assert_no_error (error);
      original_json = casebook_json_case_to_string (original);
      copied_json = casebook_json_case_to_string (copied);
      g_assert_cmpstr (copied_json, ==, original_json);
    }
  note = casebook_store_get_note (other, "report-3.3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (note, ==, "Ask the bank about <b>rollback</b>");
  g_clear_object (&copied);
  copied = casebook_store_get_case (other, "report-3.3", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (casebook_case_get_tags (copied), ((const char *[]) { "shortlist", NULL }));
  g_assert_cmpuint (casebook_store_get_n_cases (other), ==, 2);

  /* Present now: straight into the collection, with no preview. */
  row = find_collection_row (window, "Again");
  g_assert_nonnull (row);
  target = find_drop_target_for (row, CASEBOOK_TYPE_CASES_JSON);
  accepted = FALSE;
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  g_assert_false (has_dialog (NULL));
  holds = (CollectionHolds) { other, again, "report-3.3 report-2.1" };
  g_assert_true (collection_holds (&holds));
  g_assert_true (wait_until (shows_added_again, window));

  /* The first store is as it was. */
  g_assert_cmpuint (casebook_store_get_n_cases (source), ==, 14);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;

  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* A store that is not the person's, wherever --db is not given. */
  home = casebook_test_tmpdir ();
  g_setenv ("XDG_DATA_HOME", home, TRUE);

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/desktop/open/file-argument-shows-preview", test_open_file_argument);
  g_test_add_func ("/desktop/open/several-files-in-turn", test_open_several_files);
  g_test_add_func ("/desktop/open/link-argument-shows-case", test_open_link_argument);
  g_test_add ("/desktop/link/opens-case", Fixture, NULL, fixture_setup, test_link_opens_case, fixture_teardown);
  g_test_add ("/desktop/link/unknown-id", Fixture, NULL, fixture_setup, test_link_unknown_id, fixture_teardown);
  g_test_add ("/desktop/drop/files-show-previews", Fixture, NULL, fixture_setup, test_drop_files, fixture_teardown);
  g_test_add ("/desktop/drop/cases-from-another-store", Fixture, NULL, fixture_setup, test_drag_cases_between_stores,
              fixture_teardown);
  g_test_add ("/desktop/copy/case-text", Fixture, NULL, fixture_setup, test_copy_case, fixture_teardown);
  g_test_add ("/desktop/copy/chart-image", Fixture, NULL, fixture_setup, test_copy_chart, fixture_teardown);

  return g_test_run ();
}
