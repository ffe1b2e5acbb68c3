/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-json.h"
#include "casebook-report-job.h"
#include "casebook-store-collections.h"
#include "casebook-store-export-stream.h"
#include "casebook-store-import-async.h"
#include "casebook-store-read.h"
#include "casebook-toast.h"
#include "casebook-window-private.h"

/* Moving cases in and out of the window: importing and exporting
 * collection files, printing and saving as PDF. The slow parts run on a
 * worker thread; what comes of them is a toast, or a dialog when it went
 * wrong. */

static GtkFileFilter *
json_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Case Collections (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_mime_type (filter, "application/x-casebook+json");
  gtk_file_filter_add_suffix (filter, "json");

  return filter;
}

/* Export: all cases, the ones the list shows, or the one on show, written
 * on a worker thread from a reader of its own. */

typedef struct
{
  GFile               *file;
  CasebookExportScope  scope;
  CasebookFilter      *filter;
  CasebookSort         sort;
  CasebookLang         lang;
  char                *id;
  guint                n_written;
  /* Not a reference: export_done() holds one until the read is over. */
  struct _ExportFlow  *flow;
} ExportJob;

/* What the window shows of an export while it runs: a toast with a
 * progress bar and Cancel. Shared by reference between export_done(),
 * which holds it until the read is over, and the progress reports on
 * their way from the worker thread; the last reference always goes on
 * the main thread, with the widgets. The window keeps the latest one as
 * "casebook-export-flow" (not a reference) for the tests' hooks. */
typedef struct _ExportFlow
{
  CasebookWindow *window;
  GCancellable   *cancellable;
  AdwToast       *toast;
  GtkProgressBar *bar;
  double          progress;
} ExportFlow;

#define EXPORT_FLOW_KEY "casebook-export-flow"

static void
export_flow_clear (gpointer data)
{
  ExportFlow *flow = data;

  g_clear_object (&flow->cancellable);
  g_clear_object (&flow->toast);
  g_clear_object (&flow->bar);
  g_clear_object (&flow->window);
}

static void
export_flow_release (ExportFlow *flow)
{
  g_atomic_rc_box_release_full (flow, export_flow_clear);
}

typedef struct
{
  ExportFlow *flow;
  double      fraction;
} ExportProgress;

static void
export_progress_free (gpointer data)
{
  ExportProgress *update = data;

  export_flow_release (update->flow);
  g_free (update);
}

static gboolean
apply_export_progress (gpointer data)
{
  ExportProgress *update = data;

  update->flow->progress = update->fraction;
  gtk_progress_bar_set_fraction (update->flow->bar, update->fraction);
  return G_SOURCE_REMOVE;
}

/* Runs on the export's worker thread. */
static void
on_export_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  ExportJob *job = user_data;
  ExportProgress *update = g_new0 (ExportProgress, 1);

  update->flow = g_atomic_rc_box_acquire (job->flow);
  update->fraction = total > 0 ? (double) done / total : 1.0;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, apply_export_progress, update, export_progress_free);
}

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->file);
  g_clear_object (&job->filter);
  g_free (job->id);
  g_free (job);
}

/* On the worker thread: the cases go to the file one at a time, so that
 * memory does not grow with the store. */
static gboolean
export_read (CasebookStore  *reader,
             gpointer        data,
             GCancellable   *cancellable,
             GError        **error)
{
  ExportJob *job = data;
  CasebookExportRequest request = { NULL, };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  const char *one[] = { job->id, NULL };

  request.progress = on_export_progress;
  request.progress_data = job;

  switch (job->scope)
    {
    case CASEBOOK_EXPORT_SELECTION:
      request.ids = one;
      break;

    case CASEBOOK_EXPORT_SHOWN:
      rows = casebook_store_list (reader, job->filter, job->sort, job->lang, NULL, G_MAXUINT, NULL, error);
      if (rows == NULL)
        return FALSE;

      ids = g_ptr_array_new ();
      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (ids, (gpointer) casebook_case_summary_get_id (g_ptr_array_index (rows, i)));
      g_ptr_array_add (ids, NULL);
      request.ids = (const char * const *) ids->pdata;
      break;

    case CASEBOOK_EXPORT_ALL:
    default:
      break;
    }

  return casebook_store_export_to_file (reader, &request, job->file, &job->n_written, cancellable, error);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportFlow *flow = user_data;
  g_autoptr(CasebookWindow) self = g_object_ref (flow->window);
  g_autoptr(GError) error = NULL;
  ExportJob *job = casebook_store_read_finish (CASEBOOK_STORE (source), result, &error);
  g_autofree char *message = NULL;

  if (g_object_get_data (G_OBJECT (self), EXPORT_FLOW_KEY) == flow)
    g_object_set_data (G_OBJECT (self), EXPORT_FLOW_KEY, NULL);
  casebook_toast_dismiss (flow->toast);
  export_flow_release (flow);

  /* The window was closed while the export ran; its toasts went with it. */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (job == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _casebook_window_add_status (self, _("The export was cancelled; no file was written"));
      return;
    }

  if (job == NULL)
    {
      _casebook_window_show_error (self, _("Could Not Export"), error->message);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u case", "Exported %u cases",
                                          job->n_written),
                             job->n_written);
  _casebook_window_add_status (self, message);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    CasebookWindow  *self)
{
  CasebookExportScope scope = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "scope"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  g_object_unref (dialog);

  if (file != NULL)
    _casebook_window_export_file (self, file, scope);
}

static void
choose_export_file (CasebookWindow      *self,
                    CasebookExportScope  scope)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = json_file_filter ();
  g_autofree char *name = NULL;

  if (scope == CASEBOOK_EXPORT_SELECTION && self->current != NULL)
    name = g_strdup_printf ("%s.json", casebook_case_get_id (self->current));
  else
    /* Translators: the file name an export suggests; keep the .json */
    name = g_strdup (_("cases.json"));

  dialog = gtk_file_chooser_native_new (_("Export Cases"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "scope", GINT_TO_POINTER (scope));
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_export_scope_response (AdwMessageDialog *dialog,
                          const char       *response,
                          CasebookWindow   *self)
{
  GtkCheckButton **checks = g_object_get_data (G_OBJECT (dialog), "checks");

  if (g_strcmp0 (response, "export") != 0)
    return;

  for (CasebookExportScope scope = CASEBOOK_EXPORT_ALL; scope <= CASEBOOK_EXPORT_SELECTION; scope++)
    if (gtk_check_button_get_active (checks[scope]))
      {
        choose_export_file (self, scope);
        return;
      }
}

static GtkWidget *
scope_row (const char *title,
           const char *subtitle,
           GtkWidget  *group,
           gboolean    sensitive)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *escaped = g_markup_escape_text (subtitle != NULL ? subtitle : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_widget_set_sensitive (row, sensitive);
  g_object_set_data (G_OBJECT (row), "check", check);

  return row;
}

/* Export asks first which cases the file should hold. */
void
_casebook_window_ask_export (CasebookWindow *self)
{
  guint n_all = casebook_store_get_n_cases (self->store);
  gboolean narrowed = casebook_filter_has_facets (self->filter) || casebook_filter_get_query (self->filter) != NULL;
  guint n_shown = casebook_case_list_is_searching (self->cases)
                  ? casebook_case_list_get_n_matches (self->cases)
                  : g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  g_autofree char *all_text = NULL;
  g_autofree char *shown_text = NULL;
  GtkCheckButton **checks = g_new0 (GtkCheckButton *, 3);
  GtkWidget *dialog, *list, *row;

  all_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case, with the report’s cross-sector material",
                                           "%u cases, with the report’s cross-sector material", n_all), n_all);
  shown_text = narrowed
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case that the search and filters show",
                                    "%u cases that the search and filters show", n_shown), n_shown)
    : g_strdup (_("No search or filter narrows the list"));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Cases"),
                                   _("Choose the cases to write to a collection file. Casebook can import "
                                     "the file, here or on another computer."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  row = scope_row (_("All Cases"), all_text, NULL, TRUE);
  checks[CASEBOOK_EXPORT_ALL] = g_object_get_data (G_OBJECT (row), "check");
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  row = scope_row (_("Shown Cases"), shown_text, GTK_WIDGET (checks[0]), narrowed && n_shown > 0);
  checks[CASEBOOK_EXPORT_SHOWN] = g_object_get_data (G_OBJECT (row), "check");
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  row = scope_row (_("Selected Case"),
                   self->current != NULL ? casebook_text_get (casebook_case_get_title (self->current), self->lang)
                                         : _("No case is selected"),
                   GTK_WIDGET (checks[0]), self->current != NULL);
  checks[CASEBOOK_EXPORT_SELECTION] = g_object_get_data (G_OBJECT (row), "check");
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  /* What the list shows is most likely what is wanted, when it is narrowed. */
  gtk_check_button_set_active (checks[narrowed && n_shown > 0 ? CASEBOOK_EXPORT_SHOWN : CASEBOOK_EXPORT_ALL], TRUE);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data_full (G_OBJECT (dialog), "checks", checks, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_scope_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Import: read and check the file on a worker thread, say what it holds,
 * and only then write it, in one transaction. Once the preview or the
 * message is answered, the next file handed to the window, if any, is
 * read (casebook-window-desktop.c). */

static void
on_import_dialog_answered (CasebookWindow *self,
                           const char     *response,
                           GtkWidget      *dialog)
{
  _casebook_window_import_done (self);
}

static void
show_import_error (CasebookWindow *self,
                   const char     *heading,
                   const char     *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_dialog_answered), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_read_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;
  CasebookDocument *doc = casebook_json_read_file (file, &error);

  if (doc == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, doc, g_object_unref);
}

/* Writing the cases, on a worker thread with a connection of its own: a
 * toast shows how far it got and offers to cancel, which leaves the store
 * as it was, since the import is one transaction. */

typedef struct
{
  GCancellable         *cancellable;
  AdwToast             *toast;
  GtkProgressBar       *bar;
  double                progress;
  /* What came of it, once it is over. */
  gboolean              ok;
  GError               *error;
  CasebookImportResult  counts;
  /* The cases the import writes, to select once it is done. */
  GPtrArray            *ids;
  /* For cases dropped on a plain collection: it, and every case of the
   * document, to add to it once they are all in the store. */
  gint64                collection_id;
  GPtrArray            *all_ids;
} ImportFlow;

static void
import_flow_free (ImportFlow *flow)
{
  g_clear_object (&flow->toast);
  g_clear_error (&flow->error);
  g_clear_object (&flow->bar);
  g_clear_object (&flow->cancellable);
  g_clear_pointer (&flow->ids, g_ptr_array_unref);
  g_clear_pointer (&flow->all_ids, g_ptr_array_unref);
  g_free (flow);
}

typedef struct
{
  CasebookWindow *self;
  double          fraction;
} ImportProgress;

static void
import_progress_free (gpointer data)
{
  ImportProgress *update = data;

  g_object_unref (update->self);
  g_free (update);
}

static gboolean
apply_import_progress (gpointer data)
{
  ImportProgress *update = data;
  ImportFlow *flow = update->self->import_flow;

  if (flow != NULL)
    {
      flow->progress = update->fraction;
      gtk_progress_bar_set_fraction (flow->bar, update->fraction);
    }
  return G_SOURCE_REMOVE;
}

/* Runs on the import's worker thread. */
static void
on_import_progress (double   fraction,
                    gpointer user_data)
{
  ImportProgress *update = g_new0 (ImportProgress, 1);

  update->self = g_object_ref (user_data);
  update->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, apply_import_progress, update, import_progress_free);
}

/* What an import did, as a person would say it: "3 cases imported". */
static char *
import_message (const CasebookImportResult *counts)
{
  guint imported = counts->added + counts->replaced;
  GString *message = g_string_new (NULL);

  if (imported == 0)
    /* Translators: a toast after an import that wrote nothing */
    g_string_append (message, _("No cases imported"));
  else
    /* Translators: a toast after an import */
    g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "%u case imported", "%u cases imported", imported),
                            imported);

  if (counts->replaced > 0)
    /* Translators: follows "N cases imported" in the toast after an import */
    g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, ", %u replacing the case already present",
                                                  ", %u replacing the cases already present", counts->replaced),
                            counts->replaced);
  if (counts->skipped > 0)
    /* Translators: follows "N cases imported" in the toast after an import */
    g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "; %u already present, kept as it was",
                                                  "; %u already present, kept as they were", counts->skipped),
                            counts->skipped);

  return g_string_free (message, FALSE);
}

/* The imported cases are selected, the first on show, so that the person
 * sees what came in; those the search or the filters hide stay hidden. */
static void
select_imported (CasebookWindow *self,
                 GPtrArray      *ids)
{
  if (ids == NULL || ids->len == 0)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  _casebook_window_reveal_case (self, g_ptr_array_index (ids, 0));
  if (ids->len > 1)
    {
      /* The list selects them again after the refresh below. */
      g_clear_pointer (&self->selected_ids, g_ptr_array_unref);
      self->selected_ids = g_ptr_array_ref (ids);
      self->all_selected = FALSE;
    }
  casebook_case_list_refresh (self->cases);
}

static gboolean
finish_import (gpointer data)
{
  g_autoptr(CasebookWindow) self = data;
  ImportFlow *flow = g_steal_pointer (&self->import_flow);
  g_autofree char *message = NULL;

  /* The window was closed while the import ran; its toasts went with it. */
  if (self->store == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      import_flow_free (flow);
      return G_SOURCE_REMOVE;
    }

  casebook_toast_dismiss (flow->toast);

  if (!flow->ok && g_error_matches (flow->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _casebook_window_add_status (self, _("The import was cancelled; nothing was changed"));
  else if (!flow->ok)
    _casebook_window_show_error (self, _("Nothing Was Imported"), flow->error->message);
  else
    {
      g_autoptr(GError) error = NULL;

      message = import_message (&flow->counts);
      /* Said in one message with the import's. */
      if (flow->collection_id != 0)
        {
          CasebookCollection *collection = casebook_collection_list_get_collection (self->collection_list,
                                                                                    flow->collection_id);
          g_autofree char *name = g_markup_escape_text (collection != NULL ? casebook_collection_get_name (collection)
                                                                           : "", -1);

          if (casebook_store_add_to_collection (self->store, flow->collection_id,
                                                (const char * const *) flow->all_ids->pdata, -1, NULL, &error))
            {
              g_autofree char *before = g_steal_pointer (&message);

              /* Translators: follows "N cases imported" in the toast after cases dropped on a collection
               * were imported; %s is the collection's name */
              message = g_strdup_printf (_("%s; all in “%s” now"), before, name);
            }
        }
      _casebook_window_add_status_markup (self, message);
      select_imported (self, flow->ids);
      if (error != NULL)
        _casebook_window_show_error (self, _("Could Not Add to the Collection"), error->message);
    }

  import_flow_free (flow);
  return G_SOURCE_REMOVE;
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CasebookWindow *self = user_data;
  ImportFlow *flow = self->import_flow;

  flow->ok = casebook_store_import_finish (CASEBOOK_STORE (source), result, &flow->counts, &flow->error);

  finish_import (self);
}

static AdwToast *
import_toast_new (ImportFlow *flow)
{
  GtkProgressBar *bar;
  AdwToast *toast = casebook_toast_new_progress (_("Importing cases…"), _("Importing cases"), flow->cancellable, &bar);

  flow->bar = g_object_ref (bar);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  return toast;
}

static void
run_import (CasebookWindow     *self,
            CasebookDocument   *doc,
            CasebookImportMode  mode,
            gint64              collection_id)
{
  ImportFlow *flow;

  /* One import at a time: the second would wait for the first one's
   * transaction anyway. */
  if (self->import_flow != NULL)
    {
      _casebook_window_add_status (self, _("Another import is still running; try again when it is done"));
      return;
    }

  flow = g_new0 (ImportFlow, 1);
  flow->ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < casebook_document_get_cases (doc)->len; i++)
    {
      const char *id = casebook_case_get_id (g_ptr_array_index (casebook_document_get_cases (doc), i));

      if (mode == CASEBOOK_IMPORT_REPLACE || !casebook_store_has_case (self->store, id))
        g_ptr_array_add (flow->ids, g_strdup (id));
    }
  if (collection_id != 0)
    {
      flow->collection_id = collection_id;
      flow->all_ids = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < casebook_document_get_cases (doc)->len; i++)
        g_ptr_array_add (flow->all_ids,
                         g_strdup (casebook_case_get_id (g_ptr_array_index (casebook_document_get_cases (doc), i))));
      g_ptr_array_add (flow->all_ids, NULL);
    }
  flow->cancellable = g_cancellable_new ();
  flow->toast = g_object_ref (import_toast_new (flow));
  self->import_flow = flow;
  casebook_toast_add (self->toast_overlay, flow->toast);

  casebook_store_import_async (self->store, doc, mode, flow->cancellable,
                               on_import_progress, g_object_ref (self), g_object_unref,
                               import_done, g_object_ref (self));
}

/* Called when the window goes away: the import stops and is rolled back. */
void
_casebook_window_stop_import (CasebookWindow *self)
{
  ImportFlow *flow = self->import_flow;

  if (flow != NULL)
    g_cancellable_cancel (flow->cancellable);
}

/**
 * _casebook_window_get_import_progress:
 *
 * Returns: the share of the cases an import from the window has written
 *   so far, from 0 to 1, or -1 if none is running
 */
double
_casebook_window_get_import_progress (CasebookWindow *self)
{
  ImportFlow *flow;

  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), -1);

  flow = self->import_flow;
  return flow != NULL ? flow->progress : -1;
}

/**
 * _casebook_window_cancel_import:
 *
 * What the Cancel button of the import's toast does: the import stops and
 * the store stays as it was before it.
 */
void
_casebook_window_cancel_import (CasebookWindow *self)
{
  g_return_if_fail (CASEBOOK_IS_WINDOW (self));

  _casebook_window_stop_import (self);
}

static void
on_import_preview_response (AdwMessageDialog *dialog,
                            const char       *response,
                            CasebookWindow   *self)
{
  CasebookDocument *doc = g_object_get_data (G_OBJECT (dialog), "document");
  gint64 *collection_id = g_object_get_data (G_OBJECT (dialog), "collection-id");

  if (g_strcmp0 (response, "skip") == 0 || g_strcmp0 (response, "import") == 0)
    run_import (self, doc, CASEBOOK_IMPORT_SKIP, collection_id != NULL ? *collection_id : 0);
  else if (g_strcmp0 (response, "replace") == 0)
    run_import (self, doc, CASEBOOK_IMPORT_REPLACE, collection_id != NULL ? *collection_id : 0);
}

/* The import preview lists this many cases at most, then says how many
 * more there are: a dialog is no place for a thousand rows. */
#define PREVIEW_MAX_ROWS 100

/* Whether the store's case @id is the file's @c: new, already present as
 * it is, or present and different. Both are compared as the interchange
 * format writes them, which is how the file would write back. */
static const char *
preview_status (CasebookWindow *self,
                CasebookCase   *c)
{
  g_autoptr(CasebookCase) stored = NULL;
  g_autofree char *stored_json = NULL;
  g_autofree char *file_json = NULL;

  if (!casebook_store_has_case (self->store, casebook_case_get_id (c)))
    /* Translators: in the import preview, a case the library does not have */
    return _("New");

  stored = casebook_store_get_case (self->store, casebook_case_get_id (c), NULL);
  if (stored != NULL)
    {
      stored_json = casebook_json_case_to_string (stored);
      file_json = casebook_json_case_to_string (c);
    }
  if (stored_json != NULL && g_strcmp0 (stored_json, file_json) == 0)
    /* Translators: in the import preview, a case the library has just as the file has it */
    return _("Already present, the same");

  /* Translators: in the import preview, a case the library has, which the file has otherwise */
  return _("Already present, changed in the file");
}

/* The cases of the file, one row each with its title and status. */
static GtkWidget *
import_preview_list (CasebookWindow *self,
                     GPtrArray      *cases)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  guint shown = MIN (cases->len, PREVIEW_MAX_ROWS);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  /* Translators: the accessible name of the list of cases in the import preview */
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cases in the file"), -1);

  for (guint i = 0; i < shown; i++)
    {
      CasebookCase *c = g_ptr_array_index (cases, i);
      const char *title = casebook_text_get (casebook_case_get_title (c), self->lang);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     title != NULL && title[0] != '\0' ? title : casebook_case_get_id (c));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), preview_status (self, c));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (box), list);

  if (cases->len > shown)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more case",
                                                            "And %u more cases", cases->len - shown),
                                               cases->len - shown);
      GtkWidget *label = gtk_label_new (more);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);

  return scrolled;
}

/* The preview of what an import would write: @doc read from a file handed
 * to the window (@queued: the next one is read once it is answered), or
 * cases dropped from another store, to go into the plain collection
 * @collection_id too, if not 0. */
static void
show_import_preview (CasebookWindow   *self,
                     CasebookDocument *doc,
                     gboolean          dropped,
                     gint64           collection_id,
                     gboolean          queued)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GPtrArray *cases;
  guint present = 0, n;
  GtkWidget *dialog;

  cases = casebook_document_get_cases (doc);
  n = cases->len;
  for (guint i = 0; i < n; i++)
    if (casebook_store_has_case (self->store, casebook_case_get_id (g_ptr_array_index (cases, i))))
      present++;

  /* Nothing is written before the person has seen what the file holds. */
  if (n == 0)
    g_string_append (body, dropped ? _("The dropped data holds no cases.") : _("The file holds no cases."));
  else if (present == 0 && dropped)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u new case was dropped.",
                                               "%u new cases were dropped.", n), n);
  else if (present == 0)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "The file holds %u new case.",
                                               "The file holds %u new cases.", n), n);
  else
    {
      if (dropped)
        /* Translators: the first part of the import preview of cases dropped from another window */
        g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u case was dropped: ",
                                                   "%u cases were dropped: ", n), n);
      else
        /* Translators: the first part of the import preview; the number of cases in the file */
        g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "The file holds %u case: ",
                                                   "The file holds %u cases: ", n), n);
      /* Translators: the second part of the import preview: new cases and cases already in the library */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u new, ", "%u new, ", n - present), n - present);
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u already in your library.",
                                                 "%u already in your library.", present), present);
      g_string_append_c (body, '\n');
      g_string_append (body, dropped ? _("Skip the ones already present, or replace them with the dropped version?")
                                     : _("Skip the ones already present, or replace them with the file’s version?"));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Cases?"), body->str);
  if (n > 0)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), import_preview_list (self, cases));
  if (present == 0)
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "import", _("_Import"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
    }
  else
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "skip", _("_Skip Existing"),
                                        "replace", _("_Replace Existing"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "skip",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "skip");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "document", g_object_ref (doc), g_object_unref);
  if (collection_id != 0)
    g_object_set_data_full (G_OBJECT (dialog), "collection-id", g_memdup2 (&collection_id, sizeof collection_id),
                            g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_preview_response), self, 0);
  if (queued)
    g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_dialog_answered), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_read_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CasebookWindow *self = CASEBOOK_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = g_task_propagate_pointer (G_TASK (result), &error);

  if (doc == NULL)
    {
      /* The reader's message names the place: the line and column, or the
       * member, such as cases[3].outcomes[1].value. */
      show_import_error (self, _("This File Cannot Be Imported"), error->message);
      return;
    }

  show_import_preview (self, doc, FALSE, 0, TRUE);
}

/**
 * _casebook_window_preview_dropped:
 * @doc: cases dropped from another store
 * @collection_id: the plain collection they were dropped on, or 0
 *
 * Shows the import preview for cases this store does not all have; once
 * they are imported, they all go into the collection @collection_id.
 */
void
_casebook_window_preview_dropped (CasebookWindow   *self,
                                  CasebookDocument *doc,
                                  gint64            collection_id)
{
  g_return_if_fail (CASEBOOK_IS_WINDOW (self));
  g_return_if_fail (CASEBOOK_IS_DOCUMENT (doc));

  show_import_preview (self, doc, TRUE, collection_id, FALSE);
}

static void
on_import_response (GtkNativeDialog *dialog,
                    int              response,
                    CasebookWindow  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  g_object_unref (dialog);

  if (file != NULL)
    _casebook_window_import_file (self, file);
}

void
_casebook_window_choose_import (CasebookWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = json_file_filter ();

  dialog = gtk_file_chooser_native_new (_("Import Cases"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Print and PDF: the cases selected in the list when there are several,
 * else the case on the detail page, or, with none there or when asked
 * for, the collection of the cases the list shows. */

static CasebookReportJob *report_job_for (CasebookWindow  *self,
                                          gboolean         collection,
                                          char           **selected);

/**
 * _casebook_window_new_report_job:
 * @collection: whether the collection of the cases listed was asked for
 *
 * Returns: (transfer full): the job that Print and Save as PDF run
 */
CasebookReportJob *
_casebook_window_new_report_job (CasebookWindow *self,
                                 gboolean        collection)
{
  g_auto(GStrv) selected = collection ? NULL : _casebook_window_get_target_ids (self);

  return report_job_for (self, collection, selected);
}

/* @selected: the cases selected, when several are */
static CasebookReportJob *
report_job_for (CasebookWindow  *self,
                gboolean         collection,
                char           **selected)
{
  if (selected != NULL && g_strv_length (selected) > 1)
    return casebook_report_job_new_for_cases (self->store, (const char * const *) selected, self->lang);

  if (!collection && self->current != NULL)
    return casebook_report_job_new_for_case (self->store, self->current, self->lang);

  return casebook_report_job_new_for_filter (self->store, self->filter, self->sort, self->lang);
}

static void
on_print_all_response (AdwMessageDialog *dialog,
                       const char       *response,
                       CasebookWindow   *self)
{
  if (g_str_equal (response, "print"))
    _casebook_window_print (self, TRUE);
}

static void
on_print_selection_response (AdwMessageDialog *dialog,
                             const char       *response,
                             CasebookWindow   *self)
{
  CasebookReportJob *job = g_object_get_data (G_OBJECT (dialog), "job");

  if (g_str_equal (response, "print"))
    casebook_report_job_print (job, GTK_WINDOW (self), self->toast_overlay);
}

/* Several cases selected: Print says that it prints those, and which, in
 * the order of the list, before the print dialog. */
static void
ask_print_selection (CasebookWindow  *self,
                     char           **ids)
{
  guint n = g_strv_length (ids);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: asked when Print is chosen with several cases selected in the list */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Print the %u Selected Case?",
                                          "Print the %u Selected Cases?", n), n);
  g_string_append (body, _("The summaries of the selected cases will be printed, in the order of the list:"));
  for (guint i = 0; i < n && i < 10; i++)
    {
      g_autoptr(CasebookCase) c = casebook_store_get_case (self->store, ids[i], NULL);

      g_string_append (body, "\n• ");
      g_string_append (body, c != NULL ? casebook_text_get (casebook_case_get_title (c), self->lang) : ids[i]);
    }
  if (n > 10)
    {
      g_string_append (body, "\n");
      /* Translators: ends the list of the cases about to be printed when it is long */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", n - 10), n - 10);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "print", _("_Print"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "print");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* The job is made now: what prints is what the dialog names, even if
   * the selection changes behind it. */
  g_object_set_data_full (G_OBJECT (dialog), "job",
                          casebook_report_job_new_for_cases (self->store, (const char * const *) ids, self->lang),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_print_selection_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Print with no case on show would print every case the list shows,
 * which may be many pages: the window asks first, saying how many. */
static void
ask_print_all (CasebookWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: asked when Print is chosen with no case selected */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Print the %u Case Shown?", "Print All %u Cases Shown?", n), n);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("No case is selected, so the summaries of all the cases the list shows "
                                     "will be printed. To print one case, select it first."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "print", _("_Print"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "print");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_print_all_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void print_cases (CasebookWindow  *self,
                         char           **selected,
                         gpointer         data);

/* Several cases selected: the report is made of them, which are found on
 * a worker thread first (casebook-window-targets.c); the cases themselves
 * are read on the report's worker thread. */
void
_casebook_window_print (CasebookWindow *self,
                        gboolean        collection)
{
  if (!collection && _casebook_window_n_selected (self) > 1)
    _casebook_window_with_target_ids (self, print_cases, NULL, NULL);
  else
    print_cases (self, NULL, GINT_TO_POINTER (collection));
}

static void
print_cases (CasebookWindow  *self,
             char           **selected,
             gpointer         data)
{
  gboolean collection = GPOINTER_TO_INT (data);
  g_autoptr(CasebookReportJob) job = NULL;

  if (selected != NULL && g_strv_length (selected) > 1)
    {
      ask_print_selection (self, selected);
      return;
    }

  if (!collection && self->current == NULL && self->cases != NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (self->cases)) > 0)
    {
      ask_print_all (self);
      return;
    }

  job = report_job_for (self, collection, selected);
  casebook_report_job_print (job, GTK_WINDOW (self), self->toast_overlay);
}

static void
save_pdf_of (CasebookWindow  *self,
             char           **selected,
             gpointer         data)
{
  g_autoptr(CasebookReportJob) job = report_job_for (self, GPOINTER_TO_INT (data), selected);

  casebook_report_job_save_pdf (job, GTK_WINDOW (self), self->toast_overlay);
}

void
_casebook_window_save_pdf (CasebookWindow *self,
                           gboolean        collection)
{
  if (!collection && _casebook_window_n_selected (self) > 1)
    _casebook_window_with_target_ids (self, save_pdf_of, NULL, NULL);
  else
    save_pdf_of (self, NULL, GINT_TO_POINTER (collection));
}

/**
 * _casebook_window_import_file:
 * @file: an interchange file
 *
 * Imports @file as Import… does once a file is chosen: the file is read and
 * checked on a worker thread, then a dialog says what it holds and offers to
 * skip or replace the cases already present; a file that is refused changes
 * nothing, and a dialog says where in the file the fault is.
 */
void
_casebook_window_import_file (CasebookWindow *self,
                              GFile          *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CASEBOOK_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL);

  if (casebook_store_is_read_only (self->store))
    {
      show_import_error (self, _("Nothing Was Imported"),
                         _("The case store is read-only, so no cases can be added to it."));
      return;
    }

  task = g_task_new (self, NULL, import_read_done, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, import_read_thread);
}

static AdwToast *
export_toast_new (ExportFlow *flow)
{
  GtkProgressBar *bar;
  AdwToast *toast = casebook_toast_new_progress (_("Exporting cases…"), _("Exporting cases"), flow->cancellable, &bar);

  flow->bar = g_object_ref (bar);
  return toast;
}

/**
 * _casebook_window_get_export_progress:
 *
 * Returns: the share of the cases the latest export from the window has
 *   written so far, from 0 to 1, or -1 once it is over
 */
double
_casebook_window_get_export_progress (CasebookWindow *self)
{
  ExportFlow *flow;

  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), -1);

  flow = g_object_get_data (G_OBJECT (self), EXPORT_FLOW_KEY);
  return flow != NULL ? flow->progress : -1;
}

/**
 * _casebook_window_cancel_export:
 *
 * What the Cancel button of the latest export's toast does: the export
 * stops, and the file chosen is left as it was.
 */
void
_casebook_window_cancel_export (CasebookWindow *self)
{
  ExportFlow *flow;

  g_return_if_fail (CASEBOOK_IS_WINDOW (self));

  flow = g_object_get_data (G_OBJECT (self), EXPORT_FLOW_KEY);
  if (flow != NULL)
    g_cancellable_cancel (flow->cancellable);
}

/**
 * _casebook_window_export_file:
 * @file: where to write
 * @scope: which cases
 *
 * Exports as Export… does once a file is chosen, on a worker thread; a
 * toast says how many cases were written.
 */
void
_casebook_window_export_file (CasebookWindow      *self,
                              GFile               *file,
                              CasebookExportScope  scope)
{
  ExportFlow *flow;
  ExportJob *job;

  g_return_if_fail (CASEBOOK_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL);
  g_return_if_fail (scope != CASEBOOK_EXPORT_SELECTION || self->current != NULL);

  /* The export must not land on the store it is read from. */
  {
    g_autofree char *path = g_file_get_path (file);
    g_autoptr(GError) error = NULL;

    if (path != NULL && !casebook_store_check_output (self->store, path, &error))
      {
        _casebook_window_show_error (self, _("Could Not Export"), error->message);
        return;
      }
  }

  flow = g_atomic_rc_box_new0 (ExportFlow);
  flow->window = g_object_ref (self);
  flow->cancellable = g_cancellable_new ();
  flow->toast = g_object_ref (export_toast_new (flow));
  g_object_set_data (G_OBJECT (self), EXPORT_FLOW_KEY, flow);
  casebook_toast_add (self->toast_overlay, flow->toast);

  job = g_new0 (ExportJob, 1);
  job->flow = flow;
  job->file = g_object_ref (file);
  job->scope = scope;
  job->filter = casebook_filter_copy (self->filter);
  job->sort = self->sort;
  job->lang = self->lang;
  job->id = self->current != NULL ? g_strdup (casebook_case_get_id (self->current)) : NULL;

  casebook_store_read_async (self->store, export_read, job, (GDestroyNotify) export_job_free, flow->cancellable,
                             export_done, flow);
}
