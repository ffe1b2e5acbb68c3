/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-drag"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-drag-content.h"
#include "casebook-case-drag.h"
#include "casebook-case-summary.h"
#include "casebook-collection-list.h"
#include "casebook-json.h"
#include "casebook-store-export-stream.h"
#include "casebook-store-read.h"

/* What a drag of cases out of the case list offers, written only when a
 * drop target asks for it.
 *
 * A drag of every row after Ctrl+A over 100,000 cases used to read each
 * row and export each case to JSON as the drag began, on the main
 * thread, before anything was dropped. This content keeps what the list
 * shows instead (its filter, order and language, or the search results
 * it holds) and the selected positions; the ids, the text and the JSON
 * are made on a worker thread, with a reader of its own, when a drop
 * asks for one of them. A drag of one row keeps that row, as before.
 *
 * It offers what the drag offered before, in the same bytes: the ids
 * (#CASEBOOK_TYPE_CASE_IDS) for drops in this process, the interchange
 * JSON (#CASEBOOK_CASES_MIME_TYPE) and a readable summary as a string.
 * The ids are the one format GTK reads through
 * gdk_content_provider_get_value(), which cannot wait: for positions not
 * yet resolved it gives none, and the drop targets of this process ask
 * the content itself (casebook_case_drag_content_from_drop()), which
 * gives the listing or finds the ids on a worker thread. */

/* Rows read per page on the worker thread. */
#define PAGE_SIZE 1000

struct _CasebookCaseDragContent
{
  GdkContentProvider parent_instance;

  CasebookStore    *store;
  CasebookLang      text_lang;

  /* Known at once (a drag of rows at hand) … */
  char            **ids;
  char             *text;

  /* … or where to find them: the positions of the rows the list shows. */
  CasebookCaseList *list;
  guint64           serial;
  CasebookFilter   *filter;
  CasebookSort      sort;
  CasebookLang      lang;
  GPtrArray        *results;
  GArray           *runs;
  gboolean          all;
};

G_DEFINE_FINAL_TYPE (CasebookCaseDragContent, casebook_case_drag_content, GDK_TYPE_CONTENT_PROVIDER)

typedef enum
{
  WANT_IDS  = 1 << 0,
  WANT_TEXT = 1 << 1,
  WANT_JSON = 1 << 2,
} Want;

typedef struct
{
  Want            want;
  CasebookLang    text_lang;
  char          **known_ids;
  CasebookFilter *filter;
  CasebookSort    sort;
  CasebookLang    lang;
  GPtrArray      *results;
  GArray         *runs;
  /* What the read found */
  GPtrArray      *ids;
  GString        *text;
  char           *json;
  gsize           json_length;
  gboolean        first;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->known_ids, g_strfreev);
  g_clear_object (&job->filter);
  g_clear_pointer (&job->results, g_ptr_array_unref);
  g_clear_pointer (&job->runs, g_array_unref);
  g_clear_pointer (&job->ids, g_ptr_array_unref);
  if (job->text != NULL)
    g_string_free (job->text, TRUE);
  g_free (job->json);
  g_free (job);
}

/* Plain text for other programs: each case's title, then where and when,
 * then its headline; a blank line between cases. */
static void
append_text (GString             *text,
             gboolean             first,
             CasebookCaseSummary *row,
             CasebookLang         lang)
{
  g_autofree char *period = casebook_case_summary_format_period (row);
  const char *organization = casebook_text_get (casebook_case_summary_get_organization (row), lang);
  const char *headline = casebook_text_get (casebook_case_summary_get_headline (row), lang);

  if (!first)
    g_string_append_c (text, '\n');
  g_string_append_printf (text, "%s\n", casebook_text_get (casebook_case_summary_get_title (row), lang));
  if (organization != NULL && organization[0] != '\0')
    g_string_append (text, organization);
  if (period != NULL && period[0] != '\0')
    g_string_append_printf (text, "%s%s", text->str[text->len - 1] == '\n' ? "" : ", ", period);
  if (text->str[text->len - 1] != '\n')
    g_string_append_c (text, '\n');
  if (headline != NULL && headline[0] != '\0')
    g_string_append_printf (text, "%s\n", headline);
}

static void
take_row (Job                 *job,
          CasebookCaseSummary *row)
{
  g_ptr_array_add (job->ids, g_strdup (casebook_case_summary_get_id (row)));
  if (job->want & WANT_TEXT)
    {
      append_text (job->text, job->first, row, job->text_lang);
      job->first = FALSE;
    }
}

/* On the worker thread: the rows at the positions, read page by page in
 * the list's order, keeping only their ids and text. */
static gboolean
read_rows (Job            *job,
           CasebookStore  *reader,
           GCancellable   *cancellable,
           GError        **error)
{
  const guint *runs = (const guint *) job->runs->data;
  guint n_runs = job->runs->len / 2;
  g_auto(CasebookCursor) after = { NULL, NULL, 0 };
  guint64 position = 0;
  guint run = 0;

  if (job->results != NULL)
    {
      for (guint i = 0; i < n_runs; i++)
        for (guint64 p = runs[2 * i]; p < (guint64) runs[2 * i] + runs[2 * i + 1] && p < job->results->len; p++)
          take_row (job, g_ptr_array_index (job->results, p));
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }

  while (run < n_runs)
    {
      g_auto(CasebookCursor) last = { NULL, NULL, 0 };
      g_autoptr(GPtrArray) page = NULL;

      page = casebook_store_list (reader, job->filter, job->sort, job->lang, position == 0 ? NULL : &after,
                                  PAGE_SIZE, &last, error);
      if (page == NULL)
        return FALSE;

      for (guint i = 0; i < page->len && run < n_runs; i++, position++)
        {
          while (run < n_runs && position >= (guint64) runs[2 * run] + runs[2 * run + 1])
            run++;
          if (run < n_runs && position >= runs[2 * run])
            take_row (job, g_ptr_array_index (page, i));
        }

      if (page->len < PAGE_SIZE)
        break;
      casebook_cursor_clear (&after);
      casebook_cursor_copy (&after, &last);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }

  return TRUE;
}

/* On the worker thread. */
static gboolean
job_read (CasebookStore  *reader,
          gpointer        data,
          GCancellable   *cancellable,
          GError        **error)
{
  Job *job = data;
  CasebookExportRequest request = { NULL, };
  g_autoptr(GOutputStream) json = NULL;

  job->ids = g_ptr_array_new_with_free_func (g_free);
  job->text = g_string_new (NULL);
  job->first = TRUE;

  if (job->known_ids != NULL)
    for (guint i = 0; job->known_ids[i] != NULL; i++)
      g_ptr_array_add (job->ids, g_strdup (job->known_ids[i]));
  else if (!read_rows (job, reader, cancellable, error))
    return FALSE;

  g_ptr_array_add (job->ids, NULL);
  if (!(job->want & WANT_JSON))
    return TRUE;

  /* In the order they were dragged, which a collection they are dropped
   * on keeps, a case at a time: only the bytes are held, never the
   * cases. */
  request.ids = (const char * const *) job->ids->pdata;
  request.flags = CASEBOOK_EXPORT_FLAGS_IDS_ORDER;
  json = g_memory_output_stream_new_resizable ();
  if (!casebook_store_export_to_stream (reader, &request, json, NULL, cancellable, error) ||
      !g_output_stream_close (json, cancellable, error))
    return FALSE;

  job->json_length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (json));
  job->json = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (json));
  return TRUE;
}

/* Reads what @want asks for on a worker thread; the task returns the Job,
 * which stays the task's. */
static void
start_job (CasebookCaseDragContent *self,
           Want                     want,
           GTask                   *task);

static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CasebookCaseDragContent *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  Job *job = casebook_store_read_finish (CASEBOOK_STORE (source), result, &error);
  Job *kept;
  guint64 serial = 0;

  if (job == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Positions name the rows the list showed when the drag began; once
   * they are replaced, they would name others. */
  if (self->list != NULL && !self->all &&
      (!casebook_case_list_get_shown (self->list, NULL, NULL, NULL, NULL, &serial) || serial != self->serial))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The list changed before the dragged cases were found"));
      return;
    }

  /* The read frees its data with itself: keep what it found. */
  kept = g_new0 (Job, 1);
  kept->ids = g_steal_pointer (&job->ids);
  kept->text = g_steal_pointer (&job->text);
  kept->json = g_steal_pointer (&job->json);
  kept->json_length = job->json_length;
  g_task_return_pointer (task, kept, (GDestroyNotify) job_free);
}

static void
start_job (CasebookCaseDragContent *self,
           Want                     want,
           GTask                   *task)
{
  Job *job = g_new0 (Job, 1);

  job->want = want;
  job->text_lang = self->text_lang;
  job->known_ids = g_strdupv (self->ids);
  job->filter = self->filter != NULL ? casebook_filter_copy (self->filter) : NULL;
  job->sort = self->sort;
  job->lang = self->lang;
  job->results = self->results != NULL ? g_ptr_array_ref (self->results) : NULL;
  job->runs = self->runs != NULL ? g_array_ref (self->runs) : NULL;

  casebook_store_read_async (self->store, job_read, job, (GDestroyNotify) job_free, g_task_get_cancellable (task),
                             job_done, task);
}

static gboolean
is_text_mime_type (const char *mime_type)
{
  g_autoptr(GdkContentFormats) text = gdk_content_formats_new_for_gtype (G_TYPE_STRING);

  text = gdk_content_formats_union_serialize_mime_types (text);
  return gdk_content_formats_contain_mime_type (text, mime_type);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_serialized (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (gdk_content_serialize_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

typedef struct
{
  char          *mime_type;
  GOutputStream *stream;
  int            io_priority;
} Write;

static void
write_free (Write *write)
{
  g_free (write->mime_type);
  g_clear_object (&write->stream);
  g_free (write);
}

static void
serialize_text (GTask      *task,
                const char *text)
{
  Write *write = g_task_get_task_data (task);
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  gdk_content_serialize_async (write->stream, write->mime_type, &value, write->io_priority,
                               g_task_get_cancellable (task), on_serialized, task);
  g_value_unset (&value);
}

static void
on_read_for_write (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Write *write = g_task_get_task_data (task);
  GError *error = NULL;
  Job *job = g_task_propagate_pointer (G_TASK (result), &error);

  if (job == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (g_str_equal (write->mime_type, CASEBOOK_CASES_MIME_TYPE))
    {
      /* The bytes go with the write, and are freed with it. */
      g_object_set_data_full (G_OBJECT (task), "casebook-json", g_steal_pointer (&job->json), g_free);
      g_output_stream_write_all_async (write->stream, g_object_get_data (G_OBJECT (task), "casebook-json"),
                                       job->json_length, write->io_priority, g_task_get_cancellable (task),
                                       on_written, task);
    }
  else
    serialize_text (task, job->text->str);

  job_free (job);
}

static void
casebook_case_drag_content_write_mime_type_async (GdkContentProvider  *provider,
                                                  const char          *mime_type,
                                                  GOutputStream       *stream,
                                                  int                  io_priority,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  CasebookCaseDragContent *self = CASEBOOK_CASE_DRAG_CONTENT (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  GTask *read;
  Write *write;
  gboolean json = g_str_equal (mime_type, CASEBOOK_CASES_MIME_TYPE);

  g_task_set_priority (task, io_priority);
  g_task_set_source_tag (task, casebook_case_drag_content_write_mime_type_async);

  if (!json && !is_text_mime_type (mime_type))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Cannot provide the dragged cases as “%s”"), mime_type);
      g_object_unref (task);
      return;
    }

  write = g_new0 (Write, 1);
  write->mime_type = g_strdup (mime_type);
  write->stream = g_object_ref (stream);
  write->io_priority = io_priority;
  g_task_set_task_data (task, write, (GDestroyNotify) write_free);

  if (!json && self->text != NULL)
    {
      serialize_text (task, self->text);
      return;
    }

  read = g_task_new (self, cancellable, on_read_for_write, task);
  start_job (self, json ? WANT_JSON : WANT_TEXT, read);
}

static gboolean
casebook_case_drag_content_write_mime_type_finish (GdkContentProvider  *provider,
                                                   GAsyncResult        *result,
                                                   GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The text's MIME types, which GDK would offer for the string anyway, are
 * listed too: GDK then asks write_mime_type_async() for them, which can
 * wait for the worker thread, instead of the value, which cannot. */
static GdkContentFormats *
casebook_case_drag_content_ref_formats (GdkContentProvider *provider)
{
  GdkContentFormatsBuilder *builder = gdk_content_formats_builder_new ();
  g_autoptr(GdkContentFormats) text = gdk_content_formats_new_for_gtype (G_TYPE_STRING);

  text = gdk_content_formats_union_serialize_mime_types (text);
  gdk_content_formats_builder_add_gtype (builder, CASEBOOK_TYPE_CASE_IDS);
  gdk_content_formats_builder_add_mime_type (builder, CASEBOOK_CASES_MIME_TYPE);
  gdk_content_formats_builder_add_formats (builder, text);

  return gdk_content_formats_builder_free_to_formats (builder);
}

static gboolean
casebook_case_drag_content_get_value (GdkContentProvider  *provider,
                                      GValue              *value,
                                      GError             **error)
{
  CasebookCaseDragContent *self = CASEBOOK_CASE_DRAG_CONTENT (provider);

  if (G_VALUE_HOLDS (value, CASEBOOK_TYPE_CASE_IDS))
    {
      /* Not found yet: none here; the drop asks the content itself. */
      if (self->ids != NULL)
        g_value_set_boxed (value, self->ids);
      else
        g_value_take_boxed (value, g_new0 (char *, 1));
      return TRUE;
    }

  /* The text of many cases is written on a worker thread, when read
   * through write_mime_type_async(), which GDK falls back to. */
  if (G_VALUE_HOLDS (value, G_TYPE_STRING) && self->text != NULL)
    {
      g_value_set_string (value, self->text);
      return TRUE;
    }

  return GDK_CONTENT_PROVIDER_CLASS (casebook_case_drag_content_parent_class)->get_value (provider, value, error);
}

static void
casebook_case_drag_content_finalize (GObject *object)
{
  CasebookCaseDragContent *self = CASEBOOK_CASE_DRAG_CONTENT (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->ids, g_strfreev);
  g_clear_pointer (&self->text, g_free);
  g_clear_object (&self->list);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->runs, g_array_unref);

  G_OBJECT_CLASS (casebook_case_drag_content_parent_class)->finalize (object);
}

static void
casebook_case_drag_content_class_init (CasebookCaseDragContentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GdkContentProviderClass *provider_class = GDK_CONTENT_PROVIDER_CLASS (klass);

  object_class->finalize = casebook_case_drag_content_finalize;
  provider_class->ref_formats = casebook_case_drag_content_ref_formats;
  provider_class->get_value = casebook_case_drag_content_get_value;
  provider_class->write_mime_type_async = casebook_case_drag_content_write_mime_type_async;
  provider_class->write_mime_type_finish = casebook_case_drag_content_write_mime_type_finish;
}

static void
casebook_case_drag_content_init (CasebookCaseDragContent *self)
{
}

/**
 * casebook_case_drag_content_format_rows:
 * @rows: (element-type CasebookCaseSummary): rows of the case list
 * @lang: the language of the text
 *
 * The readable summary a drag of @rows offers other programs: each
 * case's title, then where and when, then its headline.
 *
 * Returns: (transfer full): the text
 */
char *
casebook_case_drag_content_format_rows (GPtrArray    *rows,
                                        CasebookLang  lang)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    append_text (text, i == 0, g_ptr_array_index (rows, i), lang);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * casebook_case_drag_content_new:
 * @store: the store the cases are in
 * @ids: the ids of the dragged cases, in order
 * @text: (nullable): a readable summary of them, for other programs
 *
 * The content of a drag of cases known by their ids (one row, usually):
 * the ids and the text now, their JSON when a drop asks for it.
 *
 * Returns: (transfer full): the content
 */
GdkContentProvider *
casebook_case_drag_content_new (CasebookStore      *store,
                                const char * const *ids,
                                const char         *text)
{
  CasebookCaseDragContent *self;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  self = g_object_new (CASEBOOK_TYPE_CASE_DRAG_CONTENT, NULL);
  self->store = g_object_ref (store);
  self->ids = g_strdupv ((char **) ids);
  self->text = g_strdup (text);

  return GDK_CONTENT_PROVIDER (self);
}

/**
 * casebook_case_drag_content_new_for_positions:
 * @store: the store @list shows
 * @list: the case list the rows are dragged from
 * @runs: (array length=n_runs): pairs of a first position and a number of
 *   rows, increasing and not overlapping; copied
 * @n_runs: the number of pairs
 * @lang: the language of the text
 *
 * The content of a drag of the rows at these positions of @list, which
 * reads no row: what it offers is found when a drop asks for it, on a
 * worker thread. When the positions are every row of a listing of the
 * store, the drop can add the cases by that listing
 * (casebook_case_drag_content_get_listing()).
 *
 * Returns: (transfer full) (nullable): the content, or %NULL when the
 *   list shows no rows of a store
 */
GdkContentProvider *
casebook_case_drag_content_new_for_positions (CasebookStore    *store,
                                              CasebookCaseList *list,
                                              const guint      *runs,
                                              guint             n_runs,
                                              CasebookLang      lang)
{
  CasebookCaseDragContent *self;
  CasebookFilter *filter = NULL;
  GPtrArray *results = NULL;
  CasebookSort sort;
  CasebookLang order_lang;
  guint64 serial;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (list), NULL);
  g_return_val_if_fail (runs != NULL || n_runs == 0, NULL);

  if (!casebook_case_list_get_shown (list, &filter, &sort, &order_lang, &results, &serial))
    return NULL;

  self = g_object_new (CASEBOOK_TYPE_CASE_DRAG_CONTENT, NULL);
  self->store = g_object_ref (store);
  self->text_lang = lang;
  self->list = g_object_ref (list);
  self->serial = serial;
  self->filter = filter != NULL ? casebook_filter_copy (filter) : NULL;
  self->sort = sort;
  self->lang = order_lang;
  self->results = results != NULL ? g_ptr_array_ref (results) : NULL;
  self->runs = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_runs * 2);
  g_array_append_vals (self->runs, runs, n_runs * 2);
  self->all = n_runs == 1 && runs[0] == 0 && runs[1] > 1 &&
              runs[1] == g_list_model_get_n_items (G_LIST_MODEL (list)) &&
              casebook_case_list_get_listing (list, NULL, NULL, NULL);

  return GDK_CONTENT_PROVIDER (self);
}

/**
 * casebook_case_drag_content_get_store:
 *
 * Returns: (transfer none): the store the dragged cases are in
 */
CasebookStore *
casebook_case_drag_content_get_store (CasebookCaseDragContent *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_DRAG_CONTENT (self), NULL);

  return self->store;
}

/**
 * casebook_case_drag_content_get_listing:
 * @filter: (out) (transfer none) (optional): which cases
 * @sort: (out) (optional): their order
 * @lang: (out) (optional): the language of the order
 *
 * Whether the drag is of every case of a listing of the store, which a
 * drop can add by the listing (casebook_store_add_matching_to_collection())
 * without finding each id.
 *
 * Returns: %TRUE when it is
 */
gboolean
casebook_case_drag_content_get_listing (CasebookCaseDragContent  *self,
                                        CasebookFilter          **filter,
                                        CasebookSort             *sort,
                                        CasebookLang             *lang)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_DRAG_CONTENT (self), FALSE);

  if (!self->all)
    return FALSE;
  if (filter != NULL)
    *filter = self->filter;
  if (sort != NULL)
    *sort = self->sort;
  if (lang != NULL)
    *lang = self->lang;
  return TRUE;
}

/**
 * casebook_case_drag_content_get_n_cases:
 *
 * Returns: how many cases are dragged (how many positions, for a
 *   selection dragged by its positions)
 */
guint
casebook_case_drag_content_get_n_cases (CasebookCaseDragContent *self)
{
  guint64 n = 0;

  g_return_val_if_fail (CASEBOOK_IS_CASE_DRAG_CONTENT (self), 0);

  if (self->ids != NULL)
    return g_strv_length (self->ids);
  for (guint i = 0; i + 1 < self->runs->len; i += 2)
    n += g_array_index (self->runs, guint, i + 1);
  return (guint) MIN (n, G_MAXUINT);
}

static void
on_ids_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  Job *job = g_task_propagate_pointer (G_TASK (result), &error);

  if (job == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_ptr_array_free (g_steal_pointer (&job->ids), FALSE), (GDestroyNotify) g_strfreev);
  job_free (job);
}

/**
 * casebook_case_drag_content_get_ids_async:
 * @cancellable: (nullable): stops it
 *
 * Finds the ids of the dragged cases, in the order they were dragged:
 * at once when they are known, else on a worker thread; the calling
 * thread reads no row.
 */
void
casebook_case_drag_content_get_ids_async (CasebookCaseDragContent *self,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback      callback,
                                          gpointer                 user_data)
{
  GTask *task;

  g_return_if_fail (CASEBOOK_IS_CASE_DRAG_CONTENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, casebook_case_drag_content_get_ids_async);

  if (self->ids != NULL)
    {
      g_task_return_pointer (task, g_strdupv (self->ids), (GDestroyNotify) g_strfreev);
      g_object_unref (task);
      return;
    }

  start_job (self, WANT_IDS, g_task_new (self, cancellable, on_ids_read, task));
}

/**
 * casebook_case_drag_content_get_ids_finish:
 *
 * Returns: (transfer full) (array zero-terminated=1): the ids; %NULL with
 *   %G_IO_ERROR_CANCELLED when the list's rows were replaced before they
 *   were found
 */
char **
casebook_case_drag_content_get_ids_finish (CasebookCaseDragContent  *self,
                                           GAsyncResult             *result,
                                           GError                  **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * casebook_case_drag_content_from_drop:
 * @drop: (nullable): a drop
 *
 * Returns: (transfer none) (nullable): the content of @drop when it is a
 *   drag of cases that started in this process
 */
CasebookCaseDragContent *
casebook_case_drag_content_from_drop (GdkDrop *drop)
{
  GdkDrag *drag = drop != NULL ? gdk_drop_get_drag (drop) : NULL;
  GdkContentProvider *content = drag != NULL ? gdk_drag_get_content (drag) : NULL;

  return CASEBOOK_IS_CASE_DRAG_CONTENT (content) ? CASEBOOK_CASE_DRAG_CONTENT (content) : NULL;
}
