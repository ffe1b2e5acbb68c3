/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-catalog.h"
#include "casebook-escape.h"
#include "casebook-store-collections.h"
#include "casebook-render-report.h"

/* The one way a report is put together from a store, whoever asks for
 * it: the command line, the window's Save as PDF and Print, and the
 * benchmark. */

/* Every case of @store, in the order an export lists them. */
static gboolean
add_all_cases (GPtrArray      *cases,
               CasebookStore  *store,
               GError        **error)
{
  g_autoptr(CasebookDocument) doc = casebook_store_export (store, error);
  GPtrArray *all;

  if (doc == NULL)
    return FALSE;

  all = casebook_document_get_cases (doc);
  for (guint i = 0; i < all->len; i++)
    g_ptr_array_add (cases, g_object_ref (g_ptr_array_index (all, i)));

  if (cases->len == 0)
    {
      g_set_error_literal (error, CASEBOOK_RENDER_REPORT_ERROR, CASEBOOK_RENDER_REPORT_ERROR_EMPTY,
                           _("The store holds no cases, so there is nothing to write"));
      return FALSE;
    }

  return TRUE;
}

/* The cases named by @ids, each once, in the order given. Every id is
 * checked before the error is set, so that it names all the unknown ones
 * at once. */
static gboolean
add_cases (GPtrArray           *cases,
           CasebookStore       *store,
           const char * const  *ids,
           GCancellable        *cancellable,
           GError             **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) unknown = g_string_new (NULL);
  guint n_unknown = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      CasebookCase *c;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!g_hash_table_add (seen, (gpointer) ids[i]))
        continue;

      c = casebook_store_get_case (store, ids[i], &local_error);
      if (c != NULL)
        g_ptr_array_add (cases, c);
      else if (g_error_matches (local_error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND))
        {
          g_autofree char *quoted = casebook_quote_value (ids[i]);

          g_string_append_printf (unknown, "%s“%s”", n_unknown > 0 ? ", " : "", quoted);
          n_unknown++;
        }
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (n_unknown > 0)
    {
      /* Only the command line takes ids from a person, so the message
       * points there. */
      g_set_error (error, CASEBOOK_RENDER_REPORT_ERROR, CASEBOOK_RENDER_REPORT_ERROR_UNKNOWN_CASE,
                   /* Translators: %s is one or more case ids in quotes */
                   g_dngettext (GETTEXT_PACKAGE,
                                "No case has the id %s, so no PDF was written (see --list for the ids)",
                                "No cases have the ids %s, so no PDF was written (see --list for the ids)",
                                n_unknown),
                   unknown->str);
      return FALSE;
    }

  return TRUE;
}

/**
 * casebook_render_report_load:
 * @store: the store to read; on a worker thread, a reader of its own
 * @ids: (nullable) (array zero-terminated=1): the cases, in this order;
 *   %NULL or empty for every case in the store
 * @kind: the summary of each case, or a collection with a cover,
 *   contents and a sector comparison
 * @lang: the language to write the report in
 * @cancellable: (nullable): cancels reading the cases
 *
 * Puts a report together from @store: the cases, and the sectors, metric
 * families and ranges that name, colour and compare them.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with
 *   %CASEBOOK_RENDER_REPORT_ERROR_UNKNOWN_CASE naming every id that no
 *   case has, %CASEBOOK_RENDER_REPORT_ERROR_EMPTY when there is no case,
 *   or the store's error
 */
CasebookRenderReport *
casebook_render_report_load (CasebookStore            *store,
                             const char * const       *ids,
                             CasebookRenderReportKind  kind,
                             CasebookLang              lang,
                             GCancellable             *cancellable,
                             GError                  **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CasebookCatalog) catalog = NULL;
  CasebookRenderReport *report;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (ids == NULL || ids[0] == NULL)
    {
      if (!add_all_cases (cases, store, error))
        return NULL;
    }
  else if (!add_cases (cases, store, ids, cancellable, error))
    return NULL;

  report = casebook_render_report_new (kind, lang);
  for (guint i = 0; i < cases->len; i++)
    casebook_render_report_add_case (report, g_ptr_array_index (cases, i));

  /* Without names and colours a sector prints as its key, which is no
   * reason to fail. */
  catalog = casebook_store_get_catalog (store, NULL);
  if (catalog != NULL)
    {
      casebook_render_report_set_catalog (report, catalog);
    }

  return report;
}

/* The ids of a collection's cases in its order; for a smart collection,
 * the cases its saved filter and search let through now, by title. */
static GPtrArray *
collection_case_ids (CasebookStore       *store,
                     CasebookCollection  *collection,
                     CasebookLang         lang,
                     GError             **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CasebookFilter) filter = NULL;
  g_auto(CasebookCursor) cursor = { NULL, NULL, 0 };
  gboolean first = TRUE;

  if (!casebook_collection_is_smart (collection))
    {
      GPtrArray *plain = casebook_collection_get_case_ids (collection);

      for (guint i = 0; i < plain->len; i++)
        g_ptr_array_add (ids, g_strdup (g_ptr_array_index (plain, i)));
      return g_steal_pointer (&ids);
    }

  filter = casebook_filter_new ();
  casebook_filter_set_collection (filter, casebook_collection_get_id (collection));

  for (;;)
    {
      g_auto(CasebookCursor) last = { NULL, NULL, 0 };
      g_autoptr(GPtrArray) rows = casebook_store_list (store, filter, CASEBOOK_SORT_TITLE, lang,
                                                       first ? NULL : &cursor, 500, &last, error);

      if (rows == NULL)
        return NULL;
      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (ids, g_strdup (casebook_case_summary_get_id (g_ptr_array_index (rows, i))));

      if (rows->len < 500)
        break;

      casebook_cursor_copy (&cursor, &last);
      first = FALSE;
    }

  return g_steal_pointer (&ids);
}

/**
 * casebook_render_report_load_brief:
 * @store: the store to read; on a worker thread, a reader of its own
 * @collection_id: the collection, as casebook_collection_get_id() gives it
 * @lang: the language to write the brief in
 * @cancellable: (nullable): cancels reading the cases
 *
 * Puts the brief of a collection together from @store: its name and
 * introduction, its cases in the collection's order (a smart
 * collection's as the store finds them now), and the catalog.
 *
 * Returns: (transfer full) (nullable): the brief, or %NULL with
 *   %CASEBOOK_RENDER_REPORT_ERROR_EMPTY when the collection holds no
 *   case, %CASEBOOK_STORE_ERROR_NOT_FOUND when there is no such
 *   collection, or the store's error
 */
CasebookRenderReport *
casebook_render_report_load_brief (CasebookStore  *store,
                                   gint64          collection_id,
                                   CasebookLang    lang,
                                   GCancellable   *cancellable,
                                   GError        **error)
{
  g_autoptr(CasebookCollection) collection = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  CasebookRenderReport *report;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  collection = casebook_store_get_collection (store, collection_id, error);
  if (collection == NULL)
    return NULL;

  ids = collection_case_ids (store, collection, lang, error);
  if (ids == NULL)
    return NULL;

  if (ids->len == 0)
    {
      g_autofree char *name = casebook_quote_value (casebook_collection_get_name (collection));

      g_set_error (error, CASEBOOK_RENDER_REPORT_ERROR, CASEBOOK_RENDER_REPORT_ERROR_EMPTY,
                   _("The collection “%s” holds no cases, so there is nothing to write"), name);
      return NULL;
    }

  g_ptr_array_add (ids, NULL);
  report = casebook_render_report_load (store, (const char * const *) ids->pdata, CASEBOOK_RENDER_REPORT_BRIEF,
                                        lang, cancellable, error);
  if (report != NULL)
    casebook_render_report_set_collection (report, collection);

  return report;
}
