/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-report-job"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "casebook-print-operation.h"
#include "casebook-report-job-private.h"
#include "casebook-tokenizer.h"
#include "casebook-toast.h"

/**
 * CasebookReportJob:
 *
 * One print or one PDF of a case, or of the cases the window lists for its
 * search and filters. The cases are read and the pages laid out on a
 * worker thread, with a reader of its own on the store and a font map of
 * the report's own, so the window stays responsive however many cases
 * there are; only printing itself (the dialog and the drawing of pages
 * for the print system) happens on the main thread, as GTK requires.
 */
struct _CasebookReportJob
{
  GObject         parent_instance;

  CasebookStore  *store;
  CasebookFilter *filter;
  CasebookSort    sort;
  CasebookLang    lang;
  char           *case_id;
  char          **case_ids;   /* a selection of cases, in the list's order */
  char           *case_title;
  gint64          collection_id;
  double          progress;
};

G_DEFINE_FINAL_TYPE (CasebookReportJob, casebook_report_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A collection takes as many search results as the case list shows. */
#define SEARCH_LIMIT 1000
#define LIST_PAGE    500

/* The settings of the last print, so the next print and the next PDF
 * start with the same printer and paper. Main thread only. */
static GtkPrintSettings *last_settings;

/* Reading the cases (worker thread) ----------------------------------------- */

static gboolean
append_ids (GPtrArray  *ids,
            GPtrArray  *rows)
{
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (ids, g_strdup (casebook_case_summary_get_id (g_ptr_array_index (rows, i))));

  return TRUE;
}

/* The ids of the cases, in the order the window lists them. */
static GPtrArray *
list_ids (CasebookReportJob  *self,
          CasebookStore      *reader,
          GError            **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *match = NULL;

  if (self->case_id != NULL)
    {
      g_ptr_array_add (ids, g_strdup (self->case_id));
      return g_steal_pointer (&ids);
    }

  if (self->case_ids != NULL)
    {
      for (guint i = 0; self->case_ids[i] != NULL; i++)
        g_ptr_array_add (ids, g_strdup (self->case_ids[i]));
      return g_steal_pointer (&ids);
    }

  match = casebook_search_build_match (casebook_filter_get_query (self->filter));
  if (match != NULL)
    {
      g_autoptr(GPtrArray) rows = casebook_store_search_filtered (reader, self->filter, SEARCH_LIMIT, error);

      if (rows == NULL)
        return NULL;
      append_ids (ids, rows);
    }
  else
    {
      g_auto(CasebookCursor) cursor = { NULL, NULL, 0 };
      gboolean first = TRUE;

      for (;;)
        {
          g_auto(CasebookCursor) last = { NULL, NULL, 0 };
          g_autoptr(GPtrArray) rows = casebook_store_list (reader, self->filter, self->sort, self->lang,
                                                           first ? NULL : &cursor, LIST_PAGE, &last, error);

          if (rows == NULL)
            return NULL;
          append_ids (ids, rows);

          if (rows->len < LIST_PAGE)
            break;

          casebook_cursor_copy (&cursor, &last);
          first = FALSE;
        }
    }

  return g_steal_pointer (&ids);
}

static CasebookRenderReport *
load_report (CasebookReportJob  *self,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr(CasebookStore) reader = casebook_store_open_reader (self->store, error);
  g_autoptr(GPtrArray) ids = NULL;

  if (reader == NULL)
    return NULL;

  /* Cancelling the job stops its queries inside SQLite too. */
  casebook_store_set_cancellable (reader, cancellable);

  if (self->collection_id != 0)
    return casebook_render_report_load_brief (reader, self->collection_id, self->lang, cancellable, error);

  ids = list_ids (self, reader, error);
  if (ids == NULL)
    return NULL;

  if (ids->len == 0)
    {
      g_set_error_literal (error, CASEBOOK_RENDER_REPORT_ERROR, CASEBOOK_RENDER_REPORT_ERROR_EMPTY,
                           _("No case matches the search and the filters, so there is nothing to print."));
      return NULL;
    }

  g_ptr_array_add (ids, NULL);
  return casebook_render_report_load (reader, (const char * const *) ids->pdata,
                                      self->case_id != NULL ? CASEBOOK_RENDER_REPORT_SUMMARY
                                                            : CASEBOOK_RENDER_REPORT_COLLECTION,
                                      self->lang, cancellable, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  CasebookRenderReport *report = load_report (source_object, cancellable, &error);

  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, g_object_unref);
}

/* Progress travels from the worker to the main thread, where the
 * progress property changes and a progress bar may follow it. */

typedef struct
{
  GFile  *file;
  double  width;
  double  height;
  double  posted;
} WriteData;

typedef struct
{
  CasebookReportJob *self;
  double             fraction;
} ProgressUpdate;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->file);
  g_free (data);
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  g_object_unref (update->self);
  g_free (update);
}

static gboolean
apply_progress (gpointer data)
{
  ProgressUpdate *update = data;

  update->self->progress = update->fraction;
  g_object_notify_by_pspec (G_OBJECT (update->self), properties[PROP_PROGRESS]);

  return G_SOURCE_REMOVE;
}

static void
on_write_progress (double   fraction,
                   gpointer user_data)
{
  GTask *task = user_data;
  WriteData *data = g_task_get_task_data (task);
  ProgressUpdate *update;

  /* A bar moves in steps of a percent at most; more would only flood the
   * main loop. */
  if (fraction < 1 && fraction - data->posted < 0.01)
    return;
  data->posted = fraction;

  update = g_new0 (ProgressUpdate, 1);
  update->self = g_object_ref (g_task_get_source_object (task));
  update->fraction = fraction;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              apply_progress, update, progress_update_free);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookRenderReport) report = load_report (source_object, cancellable, &error);

  if (report == NULL ||
      !casebook_render_report_write_pdf (report, data->file, data->width, data->height,
                                         on_write_progress, task, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_int (task, casebook_render_report_get_n_pages (report));
}

/* Object ---------------------------------------------------------------------- */

static void
casebook_report_job_finalize (GObject *object)
{
  CasebookReportJob *self = (CasebookReportJob *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->case_id, g_free);
  g_clear_pointer (&self->case_ids, g_strfreev);
  g_clear_pointer (&self->case_title, g_free);

  G_OBJECT_CLASS (casebook_report_job_parent_class)->finalize (object);
}

static void
casebook_report_job_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CasebookReportJob *self = CASEBOOK_REPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_report_job_class_init (CasebookReportJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = casebook_report_job_finalize;
  object_class->get_property = casebook_report_job_get_property;

  /**
   * CasebookReportJob:progress:
   *
   * How much of the PDF being written is done, from 0 to 1.
   */
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
casebook_report_job_init (CasebookReportJob *self)
{
}

/**
 * casebook_report_job_new_for_case:
 * @c: the case to print; the job reads it afresh from @store
 * @lang: the language of the report
 *
 * Returns: (transfer full): a job for the summary of @c
 */
CasebookReportJob *
casebook_report_job_new_for_case (CasebookStore *store,
                                  CasebookCase  *c,
                                  CasebookLang   lang)
{
  CasebookReportJob *self;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (CASEBOOK_IS_CASE (c), NULL);

  self = g_object_new (CASEBOOK_TYPE_REPORT_JOB, NULL);
  self->store = g_object_ref (store);
  self->lang = lang;
  self->case_id = g_strdup (casebook_case_get_id (c));
  self->case_title = g_strdup (casebook_text_get (casebook_case_get_title (c), lang));

  return self;
}

/**
 * casebook_report_job_new_for_filter:
 * @filter: the search and filters; copied, so later changes do not reach
 *   the job
 * @sort: the order of the cases, as the list shows them
 * @lang: the language of the report
 *
 * Returns: (transfer full): a job for a collection report of the cases
 *   @filter lets through
 */
CasebookReportJob *
casebook_report_job_new_for_filter (CasebookStore  *store,
                                    CasebookFilter *filter,
                                    CasebookSort    sort,
                                    CasebookLang    lang)
{
  CasebookReportJob *self;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (CASEBOOK_IS_FILTER (filter), NULL);

  self = g_object_new (CASEBOOK_TYPE_REPORT_JOB, NULL);
  self->store = g_object_ref (store);
  self->filter = casebook_filter_copy (filter);
  self->sort = sort;
  self->lang = lang;

  return self;
}

/**
 * casebook_report_job_new_for_cases:
 * @ids: the ids of the cases to print, in the order to print them;
 *   copied
 * @lang: the language of the report
 *
 * For a selection of cases in the list: a collection report of exactly
 * these cases, in this order, whatever the search and filters.
 *
 * Returns: (transfer full): a job for a collection report of @ids
 */
CasebookReportJob *
casebook_report_job_new_for_cases (CasebookStore      *store,
                                   const char * const *ids,
                                   CasebookLang        lang)
{
  CasebookReportJob *self;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  self = g_object_new (CASEBOOK_TYPE_REPORT_JOB, NULL);
  self->store = g_object_ref (store);
  self->lang = lang;
  self->case_ids = g_strdupv ((char **) ids);

  return self;
}

/**
 * casebook_report_job_new_for_brief:
 * @collection: the collection; the job reads its cases, name and
 *   introduction afresh from @store when it runs
 * @lang: the language of the brief
 *
 * Returns: (transfer full): a job for the brief of @collection
 */
CasebookReportJob *
casebook_report_job_new_for_brief (CasebookStore      *store,
                                   CasebookCollection *collection,
                                   CasebookLang        lang)
{
  CasebookReportJob *self;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (CASEBOOK_IS_COLLECTION (collection), NULL);
  g_return_val_if_fail (casebook_collection_get_id (collection) != 0, NULL);

  self = g_object_new (CASEBOOK_TYPE_REPORT_JOB, NULL);
  self->store = g_object_ref (store);
  self->lang = lang;
  self->collection_id = casebook_collection_get_id (collection);
  /* The file is named after the collection, as a case's after its title. */
  self->case_title = g_strdup (casebook_collection_get_name (collection));

  return self;
}

/**
 * _casebook_report_job_dialog_title:
 *
 * Returns: (transfer full): the title of the dialog that asks where to
 *   save the PDF, which says how many cases a selection holds
 */
char *
_casebook_report_job_dialog_title (CasebookReportJob *self)
{
  guint n;

  g_return_val_if_fail (CASEBOOK_IS_REPORT_JOB (self), NULL);

  if (self->case_ids == NULL)
    return g_strdup (_("Save as PDF"));

  n = g_strv_length (self->case_ids);
  /* Translators: the title of the dialog that saves the summaries of the cases selected in the list */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Save the %u Selected Case as PDF",
                                       "Save the %u Selected Cases as PDF", n), n);
}

gboolean
_casebook_report_job_is_collection (CasebookReportJob *self)
{
  g_return_val_if_fail (CASEBOOK_IS_REPORT_JOB (self), FALSE);

  return self->case_id == NULL;
}

double
_casebook_report_job_get_progress (CasebookReportJob *self)
{
  g_return_val_if_fail (CASEBOOK_IS_REPORT_JOB (self), 0);

  return self->progress;
}

/**
 * _casebook_report_job_suggest_filename:
 *
 * Returns: (transfer full): a name for the PDF: the case's title, or one
 *   for a collection
 */
char *
_casebook_report_job_suggest_filename (CasebookReportJob *self)
{
  g_autoptr(GString) name = NULL;

  g_return_val_if_fail (CASEBOOK_IS_REPORT_JOB (self), NULL);

  if (self->case_title == NULL || self->case_title[0] == '\0')
    /* Translators: the suggested file name of a PDF of several cases */
    return g_strdup (_("Case summaries.pdf"));

  /* The title, without what a file name cannot hold, and not too long. */
  name = g_string_new (NULL);
  for (const char *p = self->case_title; *p != '\0' && g_utf8_strlen (name->str, -1) < 80; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || g_unichar_iscntrl (c))
        g_string_append_c (name, '-');
      else
        g_string_append_unichar (name, c);
    }
  g_string_append (name, ".pdf");

  return g_string_free (g_steal_pointer (&name), FALSE);
}

/*
 * casebook_report_job_load_async:
 *
 * Reads the cases and makes the report, on a worker thread.
 */
static void
casebook_report_job_load_async (CasebookReportJob   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CASEBOOK_IS_REPORT_JOB (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, casebook_report_job_load_async);
  g_task_run_in_thread (task, load_thread);
}

/*
 * casebook_report_job_load_finish:
 *
 * Returns: (transfer full) (nullable): the report, not yet laid out
 */
static CasebookRenderReport *
casebook_report_job_load_finish (CasebookReportJob  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * _casebook_report_job_write_pdf_async:
 * @file: where to write
 * @page_width: the paper's width in points
 * @page_height: its height
 *
 * Reads the cases, lays out the report and writes it as a PDF, on a worker
 * thread. #CasebookReportJob:progress follows the work.
 */
void
_casebook_report_job_write_pdf_async (CasebookReportJob   *self,
                                      GFile               *file,
                                      double               page_width,
                                      double               page_height,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (CASEBOOK_IS_REPORT_JOB (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _casebook_report_job_write_pdf_async);

  /* Refused before the file is touched: the PDF must not land on the store. */
  {
    g_autofree char *path = g_file_get_path (file);
    GError *error = NULL;

    if (path != NULL && !casebook_store_check_output (self->store, path, &error))
      {
        g_task_return_error (task, error);
        return;
      }
  }

  self->progress = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);

  data = g_new0 (WriteData, 1);
  data->file = g_object_ref (file);
  data->width = page_width;
  data->height = page_height;

  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

/**
 * _casebook_report_job_write_pdf_finish:
 *
 * Returns: the number of pages written, 0 on error
 */
guint
_casebook_report_job_write_pdf_finish (CasebookReportJob  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  gssize n_pages;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  n_pages = g_task_propagate_int (G_TASK (result), error);
  return n_pages > 0 ? (guint) n_pages : 0;
}

/*
 * casebook_report_job_get_paper_size:
 * @width: (out): the width in points
 * @height: (out): the height in points
 *
 * The paper of the last print, or else the locale's (A4 or Letter), turned
 * as it was printed.
 */
static void
casebook_report_job_get_paper_size (double *width,
                                    double *height)
{
  GtkPaperSize *paper = NULL;
  GtkPageOrientation orientation = GTK_PAGE_ORIENTATION_PORTRAIT;

  if (last_settings != NULL)
    {
      paper = gtk_print_settings_get_paper_size (last_settings);
      orientation = gtk_print_settings_get_orientation (last_settings);
    }
  if (paper == NULL)
    paper = gtk_paper_size_new (NULL);

  *width = gtk_paper_size_get_width (paper, GTK_UNIT_POINTS);
  *height = gtk_paper_size_get_height (paper, GTK_UNIT_POINTS);
  gtk_paper_size_free (paper);

  if (orientation == GTK_PAGE_ORIENTATION_LANDSCAPE || orientation == GTK_PAGE_ORIENTATION_REVERSE_LANDSCAPE)
    {
      double tmp = *width;

      *width = *height;
      *height = tmp;
    }
}

/* The flows: what a person sees -------------------------------------------- */

typedef struct
{
  CasebookReportJob *job;
  GtkWindow         *parent;
  AdwToastOverlay   *toasts;
  AdwToast          *progress_toast;
  GCancellable      *cancellable;
  GFile             *file;
  gboolean           reported;
} Flow;

static Flow *
flow_new (CasebookReportJob *job,
          GtkWindow         *parent,
          AdwToastOverlay   *toasts)
{
  Flow *flow = g_new0 (Flow, 1);

  flow->job = g_object_ref (job);
  flow->parent = parent != NULL ? g_object_ref (parent) : NULL;
  flow->toasts = toasts != NULL ? g_object_ref (toasts) : NULL;
  flow->cancellable = g_cancellable_new ();

  return flow;
}

static void
flow_free (Flow *flow)
{
  g_clear_object (&flow->job);
  g_clear_object (&flow->parent);
  g_clear_object (&flow->toasts);
  g_clear_object (&flow->progress_toast);
  g_clear_object (&flow->cancellable);
  g_clear_object (&flow->file);
  g_free (flow);
}

static void
show_error (GtkWindow  *parent,
            const char *heading,
            const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_toast (Flow     *flow,
           AdwToast *toast)
{
  if (flow->toasts != NULL)
    casebook_toast_add (flow->toasts, toast);
  else
    g_object_unref (toast);
}

/* Printing */

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               Flow                    *flow)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && !flow->reported)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      flow->reported = TRUE;
      show_error (flow->parent, _("Could Not Print"),
                  error != NULL ? error->message : _("The print system reported an error."));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&last_settings, gtk_print_operation_get_print_settings (operation));
}

/**
 * _casebook_report_job_get_print_settings:
 * @last: (nullable): the settings of the last print
 *
 * The settings a print starts with: the printer and paper of the last
 * print, and for Print to File a file named after what is printed (the
 * case's title, or the name for several cases) rather than GTK's
 * "output.pdf" or the last print's file, in the folder of the last one.
 *
 * Returns: (transfer full): new settings
 */
GtkPrintSettings *
_casebook_report_job_get_print_settings (CasebookReportJob *self,
                                         GtkPrintSettings  *last)
{
  g_autoptr(GtkPrintSettings) settings = last != NULL ? gtk_print_settings_copy (last) : gtk_print_settings_new ();
  g_autofree char *name = _casebook_report_job_suggest_filename (self);
  const char *uri;

  g_return_val_if_fail (CASEBOOK_IS_REPORT_JOB (self), NULL);

  /* GTK adds the extension of the format chosen in the dialog. */
  if (g_str_has_suffix (name, ".pdf"))
    name[strlen (name) - strlen (".pdf")] = '\0';
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, name);

  /* A file chosen last time would win over the name: keep its folder and
   * its format, with the name of what is printed now. */
  uri = gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI);
  if (uri != NULL && uri[0] != '\0')
    {
      g_autoptr(GFile) last_file = g_file_new_for_uri (uri);
      g_autoptr(GFile) folder = g_file_get_parent (last_file);
      g_autofree char *last_name = g_file_get_basename (last_file);
      const char *dot = last_name != NULL ? strrchr (last_name, '.') : NULL;
      g_autofree char *file_name = g_strconcat (name, dot != NULL ? dot : ".pdf", NULL);

      if (folder != NULL)
        {
          g_autoptr(GFile) file = g_file_get_child (folder, file_name);
          g_autofree char *new_uri = g_file_get_uri (file);

          gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, new_uri);
        }
      else
        gtk_print_settings_unset (settings, GTK_PRINT_SETTINGS_OUTPUT_URI);
    }

  return g_steal_pointer (&settings);
}

/* Print to File writes where the dialog's output URI says, once every
 * page is drawn; cancelling here, before the first, writes nothing. */
static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Flow              *flow)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  const char *uri = settings != NULL ? gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI) : NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (uri == NULL)
    return;

  file = g_file_new_for_uri (uri);
  path = g_file_get_path (file);
  if (path != NULL && !casebook_store_check_output (flow->job->store, path, &error))
    {
      flow->reported = TRUE;
      gtk_print_operation_cancel (operation);
      show_error (flow->parent, _("Could Not Print"), error->message);
    }
}

static void
on_print_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Flow *flow = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookRenderReport) report = casebook_report_job_load_finish (flow->job, result, &error);
  g_autoptr(CasebookPrintOperation) operation = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;
  GtkPrintOperationResult print_result;

  if (report == NULL)
    {
      show_error (flow->parent, _("Could Not Print"), error->message);
      flow_free (flow);
      return;
    }

  operation = casebook_print_operation_new (report);
  settings = _casebook_report_job_get_print_settings (flow->job, last_settings);
  gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (operation), settings);

  /* The flow lives as long as the operation, which lives until done. */
  g_object_set_data_full (G_OBJECT (operation), "casebook-flow", flow, (GDestroyNotify) flow_free);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), flow);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), flow);

  print_result = casebook_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                               flow->parent, &error);
  if (print_result == GTK_PRINT_OPERATION_RESULT_ERROR && !flow->reported)
    {
      flow->reported = TRUE;
      show_error (flow->parent, _("Could Not Print"),
                  error != NULL ? error->message : _("The print system reported an error."));
    }
}

/**
 * casebook_report_job_print:
 * @parent: (nullable): the window the print dialog belongs to
 * @toasts: (nullable): where to say what happened
 *
 * Reads the cases, then opens the print dialog, with its preview.
 */
void
casebook_report_job_print (CasebookReportJob *self,
                           GtkWindow         *parent,
                           AdwToastOverlay   *toasts)
{
  Flow *flow;

  g_return_if_fail (CASEBOOK_IS_REPORT_JOB (self));

  flow = flow_new (self, parent, toasts);
  casebook_report_job_load_async (self, flow->cancellable, on_print_loaded, flow);
}

/* Saving as PDF */

typedef struct
{
  GFile           *file;
  AdwToastOverlay *toasts;
} OpenData;

static void
open_data_free (gpointer data,
                GClosure *closure)
{
  OpenData *open = data;

  g_clear_object (&open->file);
  g_clear_object (&open->toasts);
  g_free (open);
}

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AdwToastOverlay) toasts = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) && toasts != NULL)
    {
      /* A toast's title is markup. */
      g_autofree char *message = g_markup_printf_escaped (_("Could not open the PDF: %s"), error->message);

      casebook_toast_add (toasts, casebook_toast_new (message));
    }
}

static void
on_open_clicked (AdwToast *toast,
                 OpenData *open)
{
  g_autofree char *uri = g_file_get_uri (open->file);
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gdk_display_get_default ());

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL, on_launched,
                                           open->toasts != NULL ? g_object_ref (open->toasts) : NULL);
}

static void
on_write_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Flow *flow = user_data;
  g_autoptr(GError) error = NULL;
  guint n_pages = _casebook_report_job_write_pdf_finish (flow->job, result, &error);

  if (flow->progress_toast != NULL)
    casebook_toast_dismiss (flow->progress_toast);

  if (n_pages == 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    add_toast (flow, casebook_toast_new (_("The PDF was not saved")));
  else if (n_pages == 0)
    show_error (flow->parent, _("Could Not Save the PDF"), error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (flow->file);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *title = g_markup_printf_escaped (_("Saved “%s”"), display);
      AdwToast *toast = casebook_toast_new (title);
      OpenData *open = g_new0 (OpenData, 1);

      open->file = g_object_ref (flow->file);
      open->toasts = flow->toasts != NULL ? g_object_ref (flow->toasts) : NULL;
      adw_toast_set_button_label (toast, _("_Open"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_clicked), open, open_data_free, 0);
      add_toast (flow, toast);
    }

  flow_free (flow);
}

/* A toast that stays while a collection is written, with a progress bar
 * and a way to stop. */
static AdwToast *
progress_toast_new (CasebookReportJob *self,
                    GCancellable      *cancellable)
{
  GtkProgressBar *bar;
  AdwToast *toast = casebook_toast_new_progress (_("Saving PDF…"), _("Saving PDF"), cancellable, &bar);

  g_object_bind_property (self, "progress", bar, "fraction", G_BINDING_SYNC_CREATE);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  return toast;
}

static void
start_writing (Flow  *flow,
               GFile *file)
{
  double width, height;

  flow->file = g_object_ref (file);
  casebook_report_job_get_paper_size (&width, &height);

  /* A single case takes a fraction of a second; a collection may take
   * long enough to want a progress bar. */
  if (_casebook_report_job_is_collection (flow->job) && flow->toasts != NULL)
    {
      flow->progress_toast = g_object_ref (progress_toast_new (flow->job, flow->cancellable));
      casebook_toast_add (flow->toasts, flow->progress_toast);
    }

  _casebook_report_job_write_pdf_async (flow->job, file, width, height, flow->cancellable, on_write_done, flow);
}

/**
 * _casebook_report_job_save_pdf_to_file:
 * @file: where to write
 * @parent: (nullable): the window for error dialogs
 * @toasts: (nullable): where to show progress and the result
 *
 * Writes the PDF without asking where: what Save as PDF does once the
 * file is chosen.
 */
void
_casebook_report_job_save_pdf_to_file (CasebookReportJob *self,
                                       GFile             *file,
                                       GtkWindow         *parent,
                                       AdwToastOverlay   *toasts)
{
  g_return_if_fail (CASEBOOK_IS_REPORT_JOB (self));
  g_return_if_fail (G_IS_FILE (file));

  start_writing (flow_new (self, parent, toasts), file);
}

static GtkFileFilter *
pdf_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");

  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)

/* GtkFileDialog is newer than the GTK 4.8 the build is pinned to. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
on_file_dialog_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Flow *flow = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file == NULL)
    {
      flow_free (flow);
      return;
    }

  start_writing (flow, file);
}

static void
choose_file (Flow *flow)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = pdf_file_filter ();
  g_autofree char *name = _casebook_report_job_suggest_filename (flow->job);

  g_autofree char *title = _casebook_report_job_dialog_title (flow->job);

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, _("_Save"));
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_save (dialog, flow->parent, NULL, on_file_dialog_done, flow);
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else

static void
on_file_chooser_response (GtkNativeDialog *dialog,
                          int              response,
                          Flow            *flow)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file == NULL)
    {
      flow_free (flow);
      return;
    }

  start_writing (flow, file);
}

static void
choose_file (Flow *flow)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = pdf_file_filter ();
  g_autofree char *name = _casebook_report_job_suggest_filename (flow->job);
  g_autofree char *title = _casebook_report_job_dialog_title (flow->job);

  dialog = gtk_file_chooser_native_new (title, flow->parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_file_chooser_response), flow);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

#endif

/**
 * casebook_report_job_save_pdf:
 * @parent: (nullable): the window the file chooser belongs to
 * @toasts: (nullable): where to show progress and the result
 *
 * Asks where to save, then writes the PDF on a worker thread. A collection
 * shows its progress; when the file is written, a toast offers to open it.
 */
void
casebook_report_job_save_pdf (CasebookReportJob *self,
                              GtkWindow         *parent,
                              AdwToastOverlay   *toasts)
{
  g_return_if_fail (CASEBOOK_IS_REPORT_JOB (self));

  choose_file (flow_new (self, parent, toasts));
}
