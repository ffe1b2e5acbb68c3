/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-json.h"
#include "casebook-store-private.h"

/* Exporting the whole store, or some of its cases, as one document read
 * in a single transaction. */

/* Moves every element of @from to the end of @to, which frees them the
 * same way. */
static void
move_all (GPtrArray *from,
          GPtrArray *to)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_steal_pointer (&from->pdata[i]));
  g_ptr_array_set_size (from, 0);
}

/* Collects the cases whose ids are in the JSON array @ids, or every case
 * and all cross-sector material when @ids is %NULL. */
static CasebookDocument *
export_document (CasebookStore  *self,
                 const char     *ids,
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

  move_all (sectors, casebook_document_get_sectors (doc));
  move_all (metrics, casebook_document_get_metrics (doc));

  if (ids == NULL)
    stmt = _casebook_store_prepare (self, "SELECT doc FROM cases ORDER BY nr", error);
  else
    stmt = _casebook_store_prepare (self,
                                    "SELECT doc FROM cases WHERE id IN (SELECT value FROM json_each(?1)) "
                                    "ORDER BY nr", error);
  if (stmt == NULL)
    goto fail;
  if (ids != NULL)
    _casebook_store_bind_text (stmt, 1, ids);
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

  /* The report's material belongs to no case; only a whole export has it. */
  if (ids != NULL)
    goto done;

  {
    g_autoptr(GPtrArray) insights = casebook_store_list_insights (self, error);
    g_autoptr(GPtrArray) ranges = insights != NULL ? _casebook_store_list_ranges (self, NULL, error) : NULL;
    g_autoptr(GPtrArray) references = ranges != NULL ? casebook_store_list_references (self, error) : NULL;

    if (references == NULL)
      goto fail;

    move_all (insights, casebook_document_get_insights (doc));
    move_all (ranges, casebook_document_get_ranges (doc));
    move_all (references, casebook_document_get_references (doc));
  }

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
 * the same bytes.
 *
 * Returns: (transfer full) (nullable): the document
 */
CasebookDocument *
casebook_store_export (CasebookStore  *self,
                       GError        **error)
{
  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  return export_document (self, NULL, error);
}

/**
 * casebook_store_export_cases:
 * @ids: (array zero-terminated=1): the ids of the cases to export
 *
 * Collects the cases with @ids, in the order they were added, with every
 * sector and metric family so that the file can be read on its own. The
 * report's cross-sector material is left out: it belongs to no case. Ids
 * that are not in the store are passed over.
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

  return export_document (self, json, error);
}
