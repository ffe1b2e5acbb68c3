/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "casebook-application-private.h"
#include "casebook-case-list.h"
#include "casebook-print-operation-private.h"
#include "casebook-report-job-private.h"
#include "casebook-store-collections.h"
#include "casebook-test-util.h"
#include "casebook-window-private.h"

/* Printing through GTK, and the jobs behind Print… and Save as PDF…: the
 * output is read back with poppler. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds, for at most thirty seconds. */
static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      if (condition (data))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }

  return condition (data);
}

static gboolean
is_set (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

typedef struct
{
  char          *dir;
  CasebookStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  f->dir = casebook_test_tmpdir ();
  f->store = casebook_test_open_store (f->dir, CASEBOOK_STORE_FLAGS_NONE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  g_clear_object (&f->store);
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static char *
document_text (PopplerDocument *doc)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);

      /* Without line breaks, so that a title broken over two lines
       * still reads as one. */
      for (char *p = text; *p != '\0'; p++)
        if (*p == '\n')
          *p = ' ';
      g_string_append (out, text);
      g_string_append_c (out, ' ');
    }

  return g_string_free (out, FALSE);
}

static gboolean
says (const char *text,
      const char *expected)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *a = g_regex_replace_literal (space, text, -1, 0, "", 0, NULL);
  g_autofree char *b = g_regex_replace_literal (space, expected, -1, 0, "", 0, NULL);

  return strstr (a, b) != NULL;
}

/* The print operation ------------------------------------------------------ */

typedef struct
{
  gboolean                done;
  GtkPrintOperationResult result;
} Done;

static void
on_done (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         Done                    *d)
{
  d->done = TRUE;
  d->result = result;
}

/* Prints to a PDF through GTK's own export, the path a print takes once the
 * dialog is closed: begin-print, paginate and draw-page of the operation. */
static char *
print_case (Fixture            *f,
            const char         *id,
            const char         *paper,
            GtkPageOrientation  orientation,
            guint              *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (f->store, id, &error);
  g_autoptr(CasebookRenderReport) report = casebook_render_report_new (CASEBOOK_RENDER_REPORT_SUMMARY,
                                                                       CASEBOOK_LANG_EN);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) size = gtk_paper_size_new (paper);
  char *path = g_strdup_printf ("%s/%s-%s-%d.pdf", f->dir, id, paper, orientation);
  CasebookPrintOperation *operation;
  Done d = { FALSE, GTK_PRINT_OPERATION_RESULT_ERROR };

  g_assert_no_error (error);
  casebook_render_report_add_case (report, c);

  gtk_page_setup_set_paper_size (setup, size);
  gtk_page_setup_set_orientation (setup, orientation);

  operation = casebook_print_operation_new (report);
  g_assert_true (_casebook_print_operation_get_report (operation) == report);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (operation), setup);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  g_signal_connect (operation, "done", G_CALLBACK (on_done), &d);

  g_object_add_weak_pointer (G_OBJECT (operation), (gpointer *) &operation);
  casebook_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);

  /* The caller lets go at once; the operation lives on until it is done,
   * and no longer. */
  g_object_unref (operation);
  g_assert_true (wait_until (is_null, &operation));
  g_assert_true (d.done);
  g_assert_cmpint (d.result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  *n_pages = casebook_render_report_get_n_pages (report);
  return path;
}

static void
assert_page_sizes (PopplerDocument *doc,
                   double           width,
                   double           height)
{
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat (fabs (w - width), <, 0.5);
      g_assert_cmpfloat (fabs (h - height), <, 0.5);
    }
}

static void
test_print_operation (Fixture       *f,
                      gconstpointer  user_data)
{
  guint a4_pages = 0, letter_pages = 0, landscape_pages = 0;
  g_autofree char *a4 = print_case (f, "report-3.2", GTK_PAPER_NAME_A4, GTK_PAGE_ORIENTATION_PORTRAIT, &a4_pages);
  g_autofree char *letter = print_case (f, "report-3.2", GTK_PAPER_NAME_LETTER, GTK_PAGE_ORIENTATION_PORTRAIT,
                                        &letter_pages);
  g_autofree char *landscape = print_case (f, "report-3.2", GTK_PAPER_NAME_A4, GTK_PAGE_ORIENTATION_LANDSCAPE,
                                           &landscape_pages);
  g_autoptr(PopplerDocument) a4_doc = open_pdf (a4);
  g_autoptr(PopplerDocument) letter_doc = open_pdf (letter);
  g_autoptr(PopplerDocument) landscape_doc = open_pdf (landscape);
  g_autofree char *text = document_text (a4_doc);
  g_autofree char *last = g_strdup_printf ("Page %u of %u", a4_pages, a4_pages);

  /* Every page the report laid out was printed, on the paper chosen. */
  g_assert_cmpint (poppler_document_get_n_pages (a4_doc), ==, a4_pages);
  g_assert_cmpint (poppler_document_get_n_pages (letter_doc), ==, letter_pages);
  g_assert_cmpint (poppler_document_get_n_pages (landscape_doc), ==, landscape_pages);
  assert_page_sizes (a4_doc, 595.28, 841.89);
  assert_page_sizes (letter_doc, 612, 792);
  assert_page_sizes (landscape_doc, 841.89, 595.28);

  g_assert_true (says (text, "Containerization at an electronics manufacturer"));
  g_assert_true (says (text, "Section 1.3 of the report defines large enterprises"));
  g_assert_true (says (text, last));
}

/* The jobs ------------------------------------------------------------------ */

typedef struct
{
  gboolean  finished;
  guint     n_pages;
  GError   *error;
  GArray   *progress;
} Written;

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Written *w = data;

  w->n_pages = _casebook_report_job_write_pdf_finish (CASEBOOK_REPORT_JOB (source), result, &w->error);
  w->finished = TRUE;
}

static void
on_progress (CasebookReportJob *job,
             GParamSpec        *pspec,
             Written           *w)
{
  double fraction = _casebook_report_job_get_progress (job);

  g_array_append_val (w->progress, fraction);
}

static char *
write_job (Fixture           *f,
           CasebookReportJob *job,
           const char        *name,
           GCancellable      *cancellable,
           Written           *w)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  w->progress = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (job, "notify::progress", G_CALLBACK (on_progress), w);
  _casebook_report_job_write_pdf_async (job, file, CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT,
                                        cancellable, on_written, w);
  g_assert_true (wait_until (is_set, &w->finished));

  return path;
}

static void
written_clear (Written *w)
{
  g_clear_error (&w->error);
  g_clear_pointer (&w->progress, g_array_unref);
}

static void
test_job_filter (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(CasebookReportJob) job = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  Written w = { 0 };

  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "finance", TRUE);
  job = casebook_report_job_new_for_filter (f->store, filter, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN);

  /* The job took a copy: changing the filter now changes nothing. */
  casebook_filter_clear_facets (filter);

  g_assert_true (_casebook_report_job_is_collection (job));
  name = _casebook_report_job_suggest_filename (job);
  g_assert_true (g_str_has_suffix (name, ".pdf"));

  path = write_job (f, job, "finance.pdf", NULL, &w);
  g_assert_no_error (w.error);
  g_assert_cmpuint (w.n_pages, >, 4);

  /* The progress went forward to the end. */
  g_assert_cmpuint (w.progress->len, >, 1);
  for (guint i = 1; i < w.progress->len; i++)
    g_assert_cmpfloat (g_array_index (w.progress, double, i), >=, g_array_index (w.progress, double, i - 1));
  g_assert_cmpfloat (_casebook_report_job_get_progress (job), ==, 1.0);

  doc = open_pdf (path);
  text = document_text (doc);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, w.n_pages);
  g_assert_true (says (text, "4 cases from 1 sector"));
  g_assert_true (says (text, "Virtualization at a large bank"));
  g_assert_true (says (text, "Containerization at an insurance company"));
  g_assert_true (says (text, "Hybrid architecture at a securities firm"));
  g_assert_true (says (text, "Project management failure"));
  g_assert_false (says (text, "Virtualization at a government department"));
  g_assert_false (says (text, "WebAssembly at a social media platform"));

  written_clear (&w);
}

static void
test_job_search (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(CasebookReportJob) job = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  Written w = { 0 };

  /* A search, in Chinese: the collection of its results. */
  casebook_filter_set_query (filter, "等保");
  job = casebook_report_job_new_for_filter (f->store, filter, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_ZH);
  path = write_job (f, job, "search.pdf", NULL, &w);
  g_assert_no_error (w.error);

  doc = open_pdf (path);
  text = document_text (doc);
  g_assert_true (says (text, "政府部门虚拟化案例"));
  g_assert_true (says (text, "共 1 个案例"));
  g_assert_false (says (text, "大型银行虚拟化案例"));

  written_clear (&w);
}

static void
test_job_case_and_errors (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (f->store, "report-8.1", &error);
  g_autoptr(CasebookReportJob) job = casebook_report_job_new_for_case (f->store, c, CASEBOOK_LANG_EN);
  g_autoptr(CasebookFilter) nothing = casebook_filter_new ();
  g_autoptr(CasebookReportJob) empty = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *name = _casebook_report_job_suggest_filename (job);
  g_autofree char *path = NULL;
  g_autofree char *empty_path = NULL;
  g_autofree char *cancelled_path = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  Written w = { 0 }, w_empty = { 0 }, w_cancelled = { 0 };

  g_assert_false (_casebook_report_job_is_collection (job));
  g_assert_cmpstr (name, ==, "Technology selection failure.pdf");

  path = write_job (f, job, "one.pdf", NULL, &w);
  g_assert_no_error (w.error);
  doc = open_pdf (path);
  text = document_text (doc);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  g_assert_true (says (text, "Technology selection failure"));
  g_assert_true (says (text, "Chose an immature open-source virtualization technology"));

  /* A search that finds nothing prints nothing, and says why. */
  casebook_filter_set_query (nothing, "zzzqqq");
  empty = casebook_report_job_new_for_filter (f->store, nothing, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN);
  empty_path = write_job (f, empty, "empty.pdf", NULL, &w_empty);
  g_assert_error (w_empty.error, CASEBOOK_RENDER_REPORT_ERROR, CASEBOOK_RENDER_REPORT_ERROR_EMPTY);
  g_assert_false (g_file_test (empty_path, G_FILE_TEST_EXISTS));

  /* Cancelled, nothing is written. */
  g_cancellable_cancel (cancelled);
  cancelled_path = write_job (f, job, "cancelled.pdf", cancelled, &w_cancelled);
  g_assert_error (w_cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (cancelled_path, G_FILE_TEST_EXISTS));

  written_clear (&w);
  written_clear (&w_empty);
  written_clear (&w_cancelled);
}

/* The labels under @widget, as a person reads them. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child))
        g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (child)));
      else if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child) &&
               gtk_button_get_label (GTK_BUTTON (child)) != NULL)
        g_string_append_printf (out, "%s\n", gtk_button_get_label (GTK_BUTTON (child)));
      collect_labels (child, out);
    }
}

typedef struct
{
  GtkWidget  *window;
  const char *text;
} Shown;

static gboolean
shows (gpointer data)
{
  Shown *s = data;
  g_autoptr(GString) labels = g_string_new (NULL);

  collect_labels (s->window, labels);
  return strstr (labels->str, s->text) != NULL;
}

/* What Save as PDF… does once the file is chosen: the PDF is written and a
 * toast says so, offering to open it. */
static void
test_save_toast (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (f->store, "report-2.1", &error);
  g_autoptr(CasebookReportJob) job = casebook_report_job_new_for_case (f->store, c, CASEBOOK_LANG_ZH);
  g_autofree char *path = g_build_filename (f->dir, "银行.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  Shown saved = { window, "Saved “银行.pdf”" };
  Shown open = { window, "_Open" };

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), gtk_label_new ("Cases"));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_present (GTK_WINDOW (window));

  _casebook_report_job_save_pdf_to_file (job, file, GTK_WINDOW (window), ADW_TOAST_OVERLAY (overlay));
  g_assert_true (wait_until (shows, &saved));
  g_assert_true (shows (&open));

  {
    g_autoptr(PopplerDocument) doc = open_pdf (path);
    g_autofree char *text = document_text (doc);

    g_assert_true (says (text, "大型银行虚拟化案例"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The brief of a collection: named after it, its cases in its order and
 * its introduction, written off the main loop with the progress and the
 * toast of Save as PDF. */
static void
test_job_brief (Fixture       *f,
                gconstpointer  user_data)
{
  const char *ids[] = { "report-8.1", "report-2.1", NULL };
  g_autoptr(CasebookCollection) collection = casebook_collection_new ("Board/brief");
  g_autoptr(CasebookReportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  guint n_added = 0;
  Written w = { 0 };

  casebook_collection_set_introduction (collection, "Read this first.");
  g_assert_true (casebook_store_create_collection (f->store, collection, &error));
  g_assert_no_error (error);
  g_assert_true (casebook_store_add_to_collection (f->store, casebook_collection_get_id (collection), ids, -1,
                                                   &n_added, &error));
  g_assert_no_error (error);
  g_assert_true (casebook_store_set_collection_introduction (f->store, casebook_collection_get_id (collection),
                                                             "Read this first.", &error));
  g_assert_no_error (error);

  job = casebook_report_job_new_for_brief (f->store, collection, CASEBOOK_LANG_EN);
  name = _casebook_report_job_suggest_filename (job);
  g_assert_cmpstr (name, ==, "Board-brief.pdf");
  g_assert_true (_casebook_report_job_is_collection (job));

  path = write_job (f, job, "brief.pdf", NULL, &w);
  g_assert_no_error (w.error);
  g_assert_cmpuint (w.n_pages, >, 4);
  g_assert_cmpfloat (g_array_index (w.progress, double, w.progress->len - 1), ==, 1.0);

  doc = open_pdf (path);
  text = document_text (doc);
  g_assert_true (says (text, "Board/brief"));
  g_assert_true (says (text, "Read this first."));
  g_assert_true (strstr (text, "Technology selection failure") < strstr (text, "Virtualization at a large bank"));
  g_assert_false (says (text, "WebAssembly at a social media platform"));
  written_clear (&w);
}

/* win.save-brief with a file: the toast says it is saved; an id no
 * collection has says so instead of writing anything. */
static void
test_window_save_brief (Fixture       *f,
                        gconstpointer  user_data)
{
  const char *ids[] = { "report-2.1", NULL };
  g_autoptr(CasebookCollection) collection = casebook_collection_new ("简报");
  g_autoptr(CasebookApplication) app = casebook_application_new ();
  g_autofree char *db = g_build_filename (f->dir, "window.db", NULL);
  g_autofree char *path = g_build_filename (f->dir, "简报.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CasebookStore *store;
  CasebookWindow *window;
  guint n_added = 0;
  Shown saved = { NULL, "Saved “简报.pdf”" };

  g_application_set_application_id (G_APPLICATION (app), "io.github.casebook.Casebook.TestBrief");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  _casebook_application_set_db_path (app, db);
  store = _casebook_application_get_store (app);

  g_assert_true (casebook_store_create_collection (store, collection, &error));
  g_assert_no_error (error);
  g_assert_true (casebook_store_add_to_collection (store, casebook_collection_get_id (collection), ids, -1,
                                                   &n_added, &error));
  g_assert_no_error (error);

  window = _casebook_application_new_window (app, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  saved.window = GTK_WIDGET (window);

  _casebook_window_save_brief (window, casebook_collection_get_id (collection), file);
  g_assert_true (wait_until (shows, &saved));
  {
    g_autoptr(PopplerDocument) doc = open_pdf (path);
    g_autofree char *text = document_text (doc);

    g_assert_true (says (text, "简报"));
    g_assert_true (says (text, "Virtualization at a large bank"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A PDF is never written onto the store, nor a file beside it. */
static void
test_job_refuses_store (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (f->store, "report-2.1", &error);
  g_autofree char *before = casebook_test_snapshot (f->store);
  g_autofree char *after = NULL;
  const char *names[] = { "store.db", "store.db-wal", "store.db-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CasebookReportJob) job = casebook_report_job_new_for_case (f->store, c, CASEBOOK_LANG_EN);
      g_autofree char *path = NULL;
      Written w = { 0 };

      path = write_job (f, job, names[i], NULL, &w);
      g_assert_cmpuint (w.n_pages, ==, 0);
      g_assert_error (w.error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_OWN_FILE);
      g_assert_nonnull (strstr (w.error->message, path));
      written_clear (&w);
    }

  after = casebook_test_snapshot (f->store);
  g_assert_cmpstr (after, ==, before);
}

/* The window ----------------------------------------------------------------- */

static gboolean
has_action (GtkWidget  *widget,
            const char *name)
{
  const char *action_name, *property;
  const GVariantType *parameter;
  GType owner;

  /* GTK 4.8 wants every out argument. */
  for (guint i = 0;
       gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (widget), i, &owner, &action_name, &parameter,
                                      &property);
       i++)
    if (g_strcmp0 (action_name, name) == 0)
      return TRUE;

  return FALSE;
}

/* The window offers printing and saving, for the case and the collection,
 * with the usual shortcuts. */
static void
test_window_actions (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookApplication) app = casebook_application_new ();
  g_autoptr(GError) error = NULL;
  static const char * const actions[] = {
    "win.print", "win.print-collection", "win.save-pdf", "win.save-collection-pdf",
    "win.save-brief", "win.print-brief",
  };
  CasebookWindow *window;
  g_auto(GStrv) print_accels = NULL;
  g_auto(GStrv) save_accels = NULL;

  g_application_set_application_id (G_APPLICATION (app), "io.github.casebook.Casebook.TestPrint");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  _casebook_application_set_db_path (app, db);

  window = _casebook_application_new_window (app, _casebook_application_get_store (app), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (!has_action (GTK_WIDGET (window), actions[i]))
      g_error ("The window has no action %s", actions[i]);

  print_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.print");
  save_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.save-pdf");
  g_assert_cmpuint (g_strv_length (print_accels), ==, 1);
  g_assert_cmpuint (g_strv_length (save_accels), ==, 1);
  g_assert_cmpstr (print_accels[0], ==, "<Control>p");
  g_assert_cmpstr (save_accels[0], ==, "<Shift><Control>s");

  gtk_window_destroy (GTK_WINDOW (window));
  casebook_test_rmdir (dir);
}

/* Print to File suggests a file named after what is printed, not GTK's
 * "output.pdf", nor the file of the last print (whose folder and format
 * it keeps). */
static void
test_print_to_file_name (Fixture       *f,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (f->store, "report-8.1", &error);
  g_autoptr(CasebookReportJob) job = casebook_report_job_new_for_case (f->store, c, CASEBOOK_LANG_EN);
  g_autoptr(CasebookFilter) all = casebook_filter_new ();
  g_autoptr(CasebookReportJob) several = casebook_report_job_new_for_filter (f->store, all, CASEBOOK_SORT_TITLE,
                                                                             CASEBOOK_LANG_EN);
  g_autoptr(GtkPrintSettings) first = NULL;
  g_autoptr(GtkPrintSettings) last = gtk_print_settings_new ();
  g_autoptr(GtkPrintSettings) again = NULL;
  g_autoptr(GtkPrintSettings) collection = NULL;
  g_autofree char *folder_uri = g_filename_to_uri (f->dir, NULL, NULL);
  g_autofree char *old_uri = g_strconcat (folder_uri, "/old%20print.ps", NULL);
  g_autofree char *expected = g_strconcat (folder_uri, "/Technology%20selection%20failure.ps", NULL);

  g_assert_no_error (error);

  first = _casebook_report_job_get_print_settings (job, NULL);
  g_assert_cmpstr (gtk_print_settings_get (first, GTK_PRINT_SETTINGS_OUTPUT_BASENAME), ==,
                   "Technology selection failure");
  g_assert_null (gtk_print_settings_get (first, GTK_PRINT_SETTINGS_OUTPUT_URI));

  gtk_print_settings_set (last, GTK_PRINT_SETTINGS_OUTPUT_URI, old_uri);
  gtk_print_settings_set (last, GTK_PRINT_SETTINGS_PRINTER, "Print to File");
  again = _casebook_report_job_get_print_settings (job, last);
  g_assert_cmpstr (gtk_print_settings_get (again, GTK_PRINT_SETTINGS_OUTPUT_URI), ==, expected);
  g_assert_cmpstr (gtk_print_settings_get_printer (again), ==, "Print to File");
  /* The last print's settings are left as they were. */
  g_assert_cmpstr (gtk_print_settings_get (last, GTK_PRINT_SETTINGS_OUTPUT_URI), ==, old_uri);

  collection = _casebook_report_job_get_print_settings (several, NULL);
  g_assert_cmpstr (gtk_print_settings_get (collection, GTK_PRINT_SETTINGS_OUTPUT_BASENAME), ==, "Case summaries");
}

static gboolean
window_lists_all (gpointer data)
{
  GListModel *cases = _casebook_window_get_cases (data);

  return g_list_model_get_n_items (cases) == 14 && !casebook_case_list_is_loading (CASEBOOK_CASE_LIST (cases));
}

static AdwMessageDialog *
message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }

  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return message_dialog () != NULL;
}

static gboolean
has_no_message_dialog (gpointer data)
{
  return message_dialog () == NULL;
}

/* Print with no case selected asks before printing every case shown,
 * saying how many. */
static void
test_window_print_all_asks (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookApplication) app = casebook_application_new ();
  g_autoptr(GError) error = NULL;
  CasebookWindow *window;
  AdwMessageDialog *dialog;

  g_application_set_application_id (G_APPLICATION (app), "io.github.casebook.Casebook.TestPrintAll");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  _casebook_application_set_db_path (app, db);
  g_settings_reset (_casebook_application_get_settings (app), "selected-case");
  g_settings_set_string (_casebook_application_get_settings (app), "content-language", "en");

  window = _casebook_application_new_window (app, _casebook_application_get_store (app), NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window_lists_all, window));
  g_assert_null (_casebook_window_get_current_case (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
  g_assert_true (wait_until (has_message_dialog, NULL));
  dialog = message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Print All 14 Cases Shown?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "No case is selected"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "print"), ==, "_Print");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");

  /* Escape closes it, printing nothing. */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_until (has_no_message_dialog, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  casebook_test_rmdir (dir);
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_VIEW (child))
        return child;
      if ((found = find_list_view (child)) != NULL)
        return found;
    }

  return NULL;
}

static char *
title_at (CasebookWindow *window,
          guint           position)
{
  g_autoptr(CasebookCaseSummary) row = g_list_model_get_item (_casebook_window_get_cases (window), position);

  return g_strdup (casebook_text_get (casebook_case_summary_get_title (row), CASEBOOK_LANG_EN));
}

/* Several cases selected in the list: Save as PDF and Print take exactly
 * those, in the order of the list, and Print says so, naming them, before
 * it prints. */
static void
test_window_selection (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autofree char *db = g_build_filename (f->dir, "window.db", NULL);
  g_autoptr(CasebookApplication) app = casebook_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookReportJob) job = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *squeezed = NULL;
  g_autofree char *dialog_title = NULL;
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  GtkSelectionModel *selection;
  CasebookWindow *window;
  AdwMessageDialog *dialog;
  const char *body;
  Written w = { 0 };

  g_application_set_application_id (G_APPLICATION (app), "io.github.casebook.Casebook.TestPrintSelection");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  _casebook_application_set_db_path (app, db);
  g_settings_reset (_casebook_application_get_settings (app), "selected-case");
  g_settings_set_string (_casebook_application_get_settings (app), "content-language", "en");

  window = _casebook_application_new_window (app, _casebook_application_get_store (app), NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window_lists_all, window));

  /* The later case in the list is selected first: the list's order wins. */
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (find_list_view (GTK_WIDGET (window))));
  gtk_selection_model_select_item (selection, 6, TRUE);
  gtk_selection_model_select_item (selection, 2, FALSE);
  first = title_at (window, 2);
  second = title_at (window, 6);

  job = _casebook_window_new_report_job (window, FALSE);
  g_assert_true (_casebook_report_job_is_collection (job));
  dialog_title = _casebook_report_job_dialog_title (job);
  g_assert_cmpstr (dialog_title, ==, "Save the 2 Selected Cases as PDF");
  path = write_job (f, job, "selection.pdf", NULL, &w);
  g_assert_no_error (w.error);

  doc = open_pdf (path);
  text = document_text (doc);
  squeezed = g_regex_replace_literal (space, text, -1, 0, "", 0, NULL);
  for (guint i = 0; i < 14; i++)
    {
      g_autofree char *title = title_at (window, i);

      if (i == 2 || i == 6)
        g_assert_true (says (text, title));
      else if (says (text, title))
        g_error ("The PDF of two selected cases holds “%s” too", title);
    }
  {
    g_autofree char *a = g_regex_replace_literal (space, first, -1, 0, "", 0, NULL);
    g_autofree char *b = g_regex_replace_literal (space, second, -1, 0, "", 0, NULL);

    g_assert_true (strstr (squeezed, a) < strstr (squeezed, b));
  }

  /* Print asks first, naming the cases in the list's order. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
  g_assert_true (wait_until (has_message_dialog, NULL));
  dialog = message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Print the 2 Selected Cases?");
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, first));
  g_assert_nonnull (strstr (body, second));
  g_assert_true (strstr (body, first) < strstr (body, second));
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_until (has_no_message_dialog, NULL));

  written_clear (&w);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/print/operation/paper", Fixture, NULL, fixture_setup, test_print_operation, fixture_teardown);
  g_test_add ("/print/job/filter", Fixture, NULL, fixture_setup, test_job_filter, fixture_teardown);
  g_test_add ("/print/job/search", Fixture, NULL, fixture_setup, test_job_search, fixture_teardown);
  g_test_add ("/print/job/case-and-errors", Fixture, NULL, fixture_setup, test_job_case_and_errors,
              fixture_teardown);
  g_test_add ("/print/job/refuses-the-store", Fixture, NULL, fixture_setup, test_job_refuses_store,
              fixture_teardown);
  g_test_add ("/print/job/save-toast", Fixture, NULL, fixture_setup, test_save_toast, fixture_teardown);
  g_test_add ("/print/job/brief", Fixture, NULL, fixture_setup, test_job_brief, fixture_teardown);
  g_test_add ("/print/window/save-brief", Fixture, NULL, fixture_setup, test_window_save_brief, fixture_teardown);
  g_test_add_func ("/print/window/actions", test_window_actions);
  g_test_add ("/print/job/print-to-file-name", Fixture, NULL, fixture_setup, test_print_to_file_name,
              fixture_teardown);
  g_test_add_func ("/print/window/print-all-asks", test_window_print_all_asks);
  g_test_add ("/print/window/selection", Fixture, NULL, fixture_setup, test_window_selection, fixture_teardown);

  return g_test_run ();
}
