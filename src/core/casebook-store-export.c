/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-json.h"
#include "casebook-store-private.h"

/* Exporting the whole store, some of its cases, or one collection, as one
 * document read in a single transaction, with the person's tags and notes
 * on the cases. */

/* Moves every element of @from to the end of @to, which frees them the
 * same way. */
void
_casebook_store_move_all (GPtrArray *from,
                          GPtrArray *to)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_steal_pointer (&from->pdata[i]));
  g_ptr_array_set_size (from, 0);
}

/* Gives each case of @doc its note and tags. */
static gboolean
add_personal (CasebookStore     *self,
              CasebookDocument  *doc,
              GError           **error)
{
  g_autoptr(GHashTable) notes = NULL;
  g_autoptr(GHashTable) tags = NULL;
  GPtrArray *cases = casebook_document_get_cases (doc);

  if (!_casebook_store_read_all_personal (self, &notes, &tags, error))
    return FALSE;

  for (guint i = 0; i < cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (cases, i);
      GPtrArray *list = g_hash_table_lookup (tags, casebook_case_get_id (c));

      casebook_case_set_personal_note (c, g_hash_table_lookup (notes, casebook_case_get_id (c)));
      if (list != NULL)
        {
          g_ptr_array_add (list, NULL);
          casebook_case_set_tags (c, (const char * const *) list->pdata);
          g_ptr_array_set_size (list, list->len - 1);
        }
    }

  return TRUE;
}

/* Collects the cases whose ids are in the JSON array @ids, or those of
 * the plain collection @collection in its order, or every case with all
 * cross-sector material and every collection when neither is given. */
/*
 * _casebook_store_export_whole_store_parts:
 *
 * Adds to @doc what only an export of the whole store has, in the
 * current transaction: the collections, and the report's material that
 * belongs to no case (insights, ranges, references).
 */
gboolean
_casebook_store_export_whole_store_parts (CasebookStore     *self,
                                          CasebookDocument  *doc,
                                          GError           **error)
{
  g_autoptr(GPtrArray) insights = NULL;
  g_autoptr(GPtrArray) ranges = NULL;
  g_autoptr(GPtrArray) references = NULL;

  if (!_casebook_store_export_collections (self, doc, error))
    return FALSE;

  insights = casebook_store_list_insights (self, error);
  ranges = insights != NULL ? _casebook_store_list_ranges (self, NULL, error) : NULL;
  references = ranges != NULL ? casebook_store_list_references (self, error) : NULL;
  if (references == NULL)
    return FALSE;

  _casebook_store_move_all (insights, casebook_document_get_insights (doc));
  _casebook_store_move_all (ranges, casebook_document_get_ranges (doc));
  _casebook_store_move_all (references, casebook_document_get_references (doc));
  return TRUE;
}

/*
 * _casebook_store_prepare_export_cases:
 * @ids: (nullable): the ids of the cases as a JSON array, or %NULL for all
 * @collection: a collection whose cases to export in its order, or 0
 * @in_ids_order: the cases in the order of @ids (an id given twice where
 *   it was given last) rather than the order they were added
 *
 * Returns: (transfer none) (nullable): the bound statement that gives the
 *   exported cases' documents, one a row
 */
sqlite3_stmt *
_casebook_store_prepare_export_cases (CasebookStore  *self,
                                      const char     *ids,
                                      gint64          collection,
                                      gboolean        in_ids_order,
                                      GError        **error)
{
  sqlite3_stmt *stmt;

  if (collection != 0)
    stmt = _casebook_store_prepare (self,
                                    "SELECT c.doc FROM collection_cases m JOIN cases c ON c.id = m.case_id "
                                    "WHERE m.collection_id = ?2 ORDER BY m.position, m.case_id", error);
  else if (ids == NULL)
    stmt = _casebook_store_prepare (self, "SELECT doc FROM cases ORDER BY nr", error);
  else if (in_ids_order)
    stmt = _casebook_store_prepare (self,
                                    "SELECT c.doc FROM (SELECT value AS id, max(key) AS k FROM json_each(?1) "
                                    "GROUP BY value) j JOIN cases c ON c.id = j.id ORDER BY j.k", error);
  else
    stmt = _casebook_store_prepare (self,
                                    "SELECT doc FROM cases WHERE id IN (SELECT value FROM json_each(?1)) "
                                    "ORDER BY nr", error);
  if (stmt == NULL)
    return NULL;
  if (ids != NULL)
    _casebook_store_bind_text (stmt, 1, ids);
  if (collection != 0)
    sqlite3_bind_int64 (stmt, 2, collection);
  return stmt;
}

static CasebookDocument *
export_document (CasebookStore  *self,
                 const char     *ids,
                 gint64          collection,
                 GError        **error)
{
  g_autoptr(CasebookDocument) doc = casebook_document_new ();
  g_autoptr(GPtrArray) sectors = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  /* One read transaction, so the export is a consistent snapshot. */
  if (!_casebook_store_exec (self, "BEGIN", error))
    return NULL;

  sectors = casebook_store_list_sectors (self, error);
  metrics = casebook_store_list_metrics (self, error);
  if (sectors == NULL || metrics == NULL)
    goto fail;

  _casebook_store_move_all (sectors, casebook_document_get_sectors (doc));
  _casebook_store_move_all (metrics, casebook_document_get_metrics (doc));

  stmt = _casebook_store_prepare_export_cases (self, ids, collection, FALSE, error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookCase *c = casebook_json_case_from_string (_casebook_store_column_text (stmt, 0), error);

      if (c == NULL)
        {
          sqlite3_reset (stmt);
          goto fail;
        }
      g_ptr_array_add (casebook_document_get_cases (doc), c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _casebook_store_set_sqlite_error (error, self->db, _("Could not read the cases"));
      goto fail;
    }

  if (!add_personal (self, doc, error))
    goto fail;

  /* The report's material belongs to no case, nor do the collections;
   * only a whole export has them. */
  if (ids != NULL || collection != 0)
    goto done;

  if (!_casebook_store_export_whole_store_parts (self, doc, error))
    goto fail;

done:
  _casebook_store_exec (self, "COMMIT", NULL);
  return g_steal_pointer (&doc);

fail:
  _casebook_store_exec (self, "ROLLBACK", NULL);
  return NULL;
}

/**
 * casebook_store_export:
 *
 * Collects the whole store as one document, in the order things were
 * added, so that export, import into an empty store and export again give
 * the same bytes: every case with its note and tags, the cross-sector
 * material, and every collection (a plain one with those of its cases
 * the store holds, in its order).
 *
 * Returns: (transfer full) (nullable): the document
 */
CasebookDocument *
casebook_store_export (CasebookStore  *self,
                       GError        **error)
{
  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  return export_document (self, NULL, 0, error);
}

/**
 * casebook_store_export_cases:
 * @ids: (array zero-terminated=1): the ids of the cases to export
 *
 * Collects the cases with @ids, in the order they were added, with every
 * sector and metric family so that the file can be read on its own. The
 * report's cross-sector material is left out: it belongs to no case; so
 * are the collections (casebook_store_export_collection() exports one).
 * The cases carry their notes and tags. Ids that are not in the store are
 * passed over.
 *
 * Returns: (transfer full) (nullable): the document
 */
CasebookDocument *
casebook_store_export_cases (CasebookStore       *self,
                             const char * const  *ids,
                             GError             **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  /* The ids go to SQLite as one bound JSON array, never into the SQL. */
  json_builder_begin_array (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    json_builder_add_string_value (builder, ids[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);

  return export_document (self, json, 0, error);
}

/* The ids go to SQLite as one bound JSON array, never into the SQL. */
char *
_casebook_store_ids_to_json (const char * const *ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    json_builder_add_string_value (builder, ids[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* A smart collection's cases are those it finds now: their ids, by title. */
GStrv
_casebook_store_smart_collection_ids (CasebookStore  *self,
                                      gint64          collection_id,
                                      GError        **error)
{
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  casebook_filter_set_collection (filter, collection_id);
  rows = casebook_store_list (self, filter, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, NULL, G_MAXUINT, NULL, error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    g_strv_builder_add (ids, casebook_case_summary_get_id (g_ptr_array_index (rows, i)));

  return g_strv_builder_end (ids);
}

/**
 * casebook_store_export_collection:
 * @collection_id: a collection's id
 *
 * Collects one collection, so that importing the file recreates it: its
 * definition (name, introduction, and the saved filter of a smart one)
 * and its cases with their notes and tags, with every sector and metric
 * family. A plain collection's cases come in its order; a smart one's are
 * those it finds now, in the order they were added.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with
 *   %CASEBOOK_STORE_ERROR_NOT_FOUND when there is no such collection
 */
CasebookDocument *
casebook_store_export_collection (CasebookStore  *self,
                                  gint64          collection_id,
                                  GError        **error)
{
  g_autoptr(CasebookCollection) collection = NULL;
  g_autoptr(CasebookDocument) doc = NULL;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  /* Read under the export's own transaction below; the definition is
   * read first, and a collection that changes in between is exported as
   * the cases say. */
  collection = casebook_store_get_collection (self, collection_id, error);
  if (collection == NULL)
    return NULL;

  if (casebook_collection_is_smart (collection))
    {
      g_auto(GStrv) ids = _casebook_store_smart_collection_ids (self, collection_id, error);
      g_autofree char *json = NULL;

      if (ids == NULL)
        return NULL;
      json = _casebook_store_ids_to_json ((const char * const *) ids);
      doc = export_document (self, json, 0, error);
    }
  else
    {
      doc = export_document (self, NULL, collection_id, error);
    }

  if (doc == NULL)
    return NULL;

  /* The file's copy carries no store id. */
  casebook_collection_set_id (collection, 0);
  g_ptr_array_add (casebook_document_get_collections (doc), g_steal_pointer (&collection));
  return g_steal_pointer (&doc);
}
