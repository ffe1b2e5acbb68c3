/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "casebook-case-check.h"
#include "casebook-collate.h"
#include "casebook-escape.h"
#include "casebook-store-collections.h"
#include "casebook-store-private.h"

/* Collections, plain and smart, and what becomes of a case's places in
 * them and of its tags and note when it is deleted and restored. Tags, notes and memberships name a case by its
 * id (see migration 3 → 4 in casebook-store-schema.c). Each public call
 * that changes something is one transaction; the _casebook_store_ helpers
 * run in the caller's, for the import and the editor's delete and undo.
 *
 * Tags and notes are in casebook-store-personal.c. */

/* A case's place in a collection, kept while the case is deleted so that
 * undoing the deletion puts it back (casebook_store_restore_case()). */
typedef struct
{
  gint64 collection;
  gint64 position;
} Membership;

/* What a message says for a changing call that failed. */
#define WHAT_COLLECTION _("Could not change the collection")

static gboolean
check_name (const char  *name,
            const char  *what,
            GError     **error)
{
  g_autofree char *problem = casebook_collection_check_name (name);

  if (problem == NULL)
    return TRUE;

  /* Translators: the first %s says what failed, the second what is wrong
   * with the name, such as “must not be empty” */
  g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID, _("%s: the collection name %s"), what, problem);
  return FALSE;
}

static gboolean
check_introduction (const char  *introduction,
                    const char  *what,
                    GError     **error)
{
  g_autofree char *problem = casebook_check_note (introduction);

  if (problem == NULL)
    return TRUE;

  /* Translators: the first %s says what failed, the second what is wrong
   * with the introduction, such as “is longer than 100000 characters” */
  g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID, _("%s: the introduction %s"), what, problem);
  return FALSE;
}

static gboolean
set_no_collection (GError     **error,
                   const char  *what,
                   gint64       id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND,
               _("%s: there is no collection with the number %s"), what, number);
  return FALSE;
}

static gboolean
set_name_taken (GError     **error,
                const char  *what,
                const char  *name)
{
  g_autofree char *quoted = casebook_quote_value (name);

  g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_EXISTS,
               _("%s: there is already a collection named “%s”"), what, quoted);
  return FALSE;
}

/* Reads the collection with @id: its name, introduction and saved
 * filter, without its cases. Returns FALSE on an error; sets @out to NULL
 * when there is no such collection. */
static gboolean
read_collection (CasebookStore       *self,
                 gint64               id,
                 CasebookCollection **out,
                 GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out = NULL;
  stmt = _casebook_store_prepare (self, "SELECT name, introduction, filter FROM collections WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *filter = _casebook_store_column_text (stmt, 2);

      *out = casebook_collection_new (_casebook_store_column_text (stmt, 0));
      casebook_collection_set_id (*out, id);
      casebook_collection_set_introduction (*out, _casebook_store_column_text (stmt, 1));
      if (filter != NULL)
        {
          g_autoptr(CasebookFilter) saved = casebook_filter_deserialize (filter, NULL);

          /* A saved filter that no longer reads lets every case through
           * rather than hiding what the collection was. */
          if (saved == NULL)
            saved = casebook_filter_new ();
          casebook_collection_set_filter (*out, saved);
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not read a collection"), error);

  return TRUE;
}

/* Appends the ids of the cases of the plain collection @id, in its order,
 * to @ids; only cases the store holds. */
static gboolean
read_case_ids (CasebookStore  *self,
               gint64          id,
               GPtrArray      *ids,
               GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _casebook_store_prepare (self,
                                  "SELECT m.case_id FROM collection_cases m "
                                  "WHERE m.collection_id = ?1 AND EXISTS (SELECT 1 FROM cases c WHERE c.id = m.case_id) "
                                  "ORDER BY m.position, m.case_id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (_casebook_store_column_text (stmt, 0)));

  if (rc != SQLITE_DONE)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not read a collection"), error);

  sqlite3_reset (stmt);
  return TRUE;
}

/* Counts the cases of @collection as a listing restricted to it would. */
static gboolean
count_cases (CasebookStore       *self,
             CasebookCollection  *collection,
             GError             **error)
{
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(GError) local_error = NULL;
  guint n;

  casebook_filter_set_collection (filter, casebook_collection_get_id (collection));
  n = casebook_store_count (self, filter, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  casebook_collection_set_n_cases (collection, n);
  return TRUE;
}

/* Reads the whole collection @id: with its cases in order when plain, and
 * counted. Sets @out to NULL when there is no such collection. */
static gboolean
load_collection (CasebookStore       *self,
                 gint64               id,
                 CasebookCollection **out,
                 GError             **error)
{
  if (!read_collection (self, id, out, error))
    return FALSE;
  if (*out == NULL)
    return TRUE;

  if (!casebook_collection_is_smart (*out) &&
      !read_case_ids (self, id, casebook_collection_get_case_ids (*out), error))
    {
      g_clear_object (out);
      return FALSE;
    }

  if (!count_cases (self, *out, error))
    {
      g_clear_object (out);
      return FALSE;
    }

  return TRUE;
}

/**
 * _casebook_store_get_smart_filter:
 * @id: a collection's id
 *
 * Returns: (transfer full) (nullable): the saved filter of the smart
 *   collection @id, or %NULL when it is plain, not there, or cannot be
 *   read (then nothing matches it)
 */
CasebookFilter *
_casebook_store_get_smart_filter (CasebookStore *self,
                                  gint64         id)
{
  sqlite3_stmt *stmt;
  CasebookFilter *filter = NULL;

  stmt = _casebook_store_prepare (self, "SELECT filter FROM collections WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      filter = casebook_filter_deserialize (_casebook_store_column_text (stmt, 0), NULL);
      if (filter == NULL)
        filter = casebook_filter_new ();
    }
  sqlite3_reset (stmt);

  return filter;
}

/**
 * _casebook_store_filter_in_order:
 * @filter: (nullable): a filter
 *
 * Returns: %TRUE when @filter is restricted to a plain collection, whose
 *   cases are listed in the collection's order
 */
gboolean
_casebook_store_filter_in_order (CasebookStore  *self,
                                 CasebookFilter *filter)
{
  sqlite3_stmt *stmt;
  gboolean plain;
  gint64 id;

  if (filter == NULL || (id = casebook_filter_get_collection (filter)) == 0)
    return FALSE;

  stmt = _casebook_store_prepare (self, "SELECT filter IS NULL FROM collections WHERE id = ?1", NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  /* A collection that is not there lists nothing, in either order. */
  plain = sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  return plain;
}

/* The ids of the plain collection @collection's members in their order,
 * all of them, also those whose case is not in the store. */
static GPtrArray *
read_order (CasebookStore  *self,
            gint64          collection,
            GError        **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _casebook_store_prepare (self,
                                  "SELECT case_id FROM collection_cases WHERE collection_id = ?1 "
                                  "ORDER BY position, case_id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, collection);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (_casebook_store_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not read a collection"), error);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&ids);
}

/* Makes the members of @collection exactly @new_ids, at the positions
 * 0, 1, 2…, from @old_ids (what read_order() gave): writes only the rows
 * that change. */
static gboolean
write_order (CasebookStore  *self,
             gint64          collection,
             GPtrArray      *old_ids,
             GPtrArray      *new_ids,
             GError        **error)
{
  g_autoptr(GHashTable) old_positions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;

  for (guint i = 0; i < old_ids->len; i++)
    g_hash_table_insert (old_positions, g_ptr_array_index (old_ids, i), GUINT_TO_POINTER (i + 1));

  for (guint i = 0; i < new_ids->len; i++)
    {
      const char *id = g_ptr_array_index (new_ids, i);
      guint old = GPOINTER_TO_UINT (g_hash_table_lookup (old_positions, id));

      g_hash_table_add (kept, (gpointer) id);
      if (old == i + 1)
        continue;

      if (old != 0)
        stmt = _casebook_store_prepare (self,
                                        "UPDATE collection_cases SET position = ?3 "
                                        "WHERE collection_id = ?1 AND case_id = ?2", error);
      else
        stmt = _casebook_store_prepare (self,
                                        "INSERT INTO collection_cases (collection_id, case_id, position) "
                                        "VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, collection);
      _casebook_store_bind_text (stmt, 2, id);
      sqlite3_bind_int64 (stmt, 3, i);
      if (!_casebook_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < old_ids->len; i++)
    {
      const char *id = g_ptr_array_index (old_ids, i);

      if (g_hash_table_contains (kept, id))
        continue;

      stmt = _casebook_store_prepare (self,
                                      "DELETE FROM collection_cases WHERE collection_id = ?1 AND case_id = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, collection);
      _casebook_store_bind_text (stmt, 2, id);
      if (!_casebook_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Refuses a collection that is not there or is smart, for changes to the
 * cases of a plain one. */
static gboolean
check_plain (CasebookStore  *self,
             gint64          id,
             const char     *what,
             GError        **error)
{
  g_autoptr(CasebookCollection) collection = NULL;

  if (!read_collection (self, id, &collection, error))
    return FALSE;
  if (collection == NULL)
    return set_no_collection (error, what, id);

  if (casebook_collection_is_smart (collection))
    {
      g_autofree char *quoted = casebook_quote_value (casebook_collection_get_name (collection));

      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID,
                   _("%s: “%s” is a smart collection, which finds its cases itself"), what, quoted);
      return FALSE;
    }

  return TRUE;
}

gboolean
_casebook_store_check_plain (CasebookStore  *self,
                             gint64          id,
                             const char     *what,
                             GError        **error)
{
  return check_plain (self, id, what, error);
}

/**
 * _casebook_store_add_members:
 * @ids: (element-type utf8): case ids, each of a case in the store
 * @position: where to insert them, or -1 for the end
 *
 * Adds the cases @ids to the plain collection @collection in the caller's
 * transaction: those not in it yet, in the order given, at @position.
 */
gboolean
_casebook_store_add_members (CasebookStore  *self,
                             gint64          collection,
                             GPtrArray      *ids,
                             int             position,
                             guint          *n_added,
                             GError        **error)
{
  g_autoptr(GPtrArray) old_ids = NULL;
  g_autoptr(GPtrArray) new_ids = g_ptr_array_new ();
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  guint at;

  if ((old_ids = read_order (self, collection, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < old_ids->len; i++)
    g_hash_table_add (present, g_ptr_array_index (old_ids, i));
  for (guint i = 0; i < ids->len; i++)
    if (g_hash_table_add (present, g_ptr_array_index (ids, i)))
      g_ptr_array_add (added, g_ptr_array_index (ids, i));

  if (n_added != NULL)
    *n_added = added->len;
  if (added->len == 0)
    return TRUE;

  at = position < 0 || (guint) position > old_ids->len ? old_ids->len : (guint) position;
  for (guint i = 0; i < at; i++)
    g_ptr_array_add (new_ids, g_ptr_array_index (old_ids, i));
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (new_ids, g_ptr_array_index (added, i));
  for (guint i = at; i < old_ids->len; i++)
    g_ptr_array_add (new_ids, g_ptr_array_index (old_ids, i));

  return write_order (self, collection, old_ids, new_ids, error);
}

/* Inserts the collection's row and its cases; the id is @collection's
 * when it has one no other collection has (undoing a deletion), or else
 * a new one, which @collection gets. */
static gboolean
insert_collection (CasebookStore       *self,
                   CasebookCollection  *collection,
                   const char          *what,
                   GError             **error)
{
  g_autofree char *filter = NULL;
  sqlite3_stmt *stmt;
  gint64 id = casebook_collection_get_id (collection);
  int rc;

  if (casebook_collection_is_smart (collection))
    filter = casebook_filter_serialize (casebook_collection_get_filter (collection));

  stmt = _casebook_store_prepare (self,
                                  "INSERT INTO collections (id, name, introduction, filter) VALUES "
                                  "((SELECT ?1 WHERE ?1 > 0 AND NOT EXISTS (SELECT 1 FROM collections WHERE id = ?1)), "
                                  " ?2, ?3, ?4) ON CONFLICT (name) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  _casebook_store_bind_text (stmt, 2, casebook_collection_get_name (collection));
  _casebook_store_bind_text (stmt, 3, casebook_collection_get_introduction (collection));
  _casebook_store_bind_text (stmt, 4, filter);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _casebook_store_set_sqlite_error (error, self->db, what);

  if (sqlite3_changes (self->db) == 0)
    return set_name_taken (error, what, casebook_collection_get_name (collection));

  casebook_collection_set_id (collection, sqlite3_last_insert_rowid (self->db));

  if (casebook_collection_is_smart (collection))
    return TRUE;

  return _casebook_store_add_members (self, casebook_collection_get_id (collection),
                                      casebook_collection_get_case_ids (collection), -1, NULL, error);
}

/* Checks that every id of @ids is a case in the store. */
static gboolean
check_cases (CasebookStore       *self,
             const char * const  *ids,
             guint                n_ids,
             const char          *what,
             GError             **error)
{
  for (guint i = 0; i < n_ids; i++)
    {
      gint64 nr = -1;

      if (!_casebook_store_find_case (self, ids[i], &nr, NULL, error))
        return FALSE;
      if (nr < 0)
        return _casebook_store_set_no_case (error, what, ids[i]);
    }

  return TRUE;
}

static int
compare_by_key (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *keys = user_data;
  CasebookCollection *ca = *(CasebookCollection * const *) a;
  CasebookCollection *cb = *(CasebookCollection * const *) b;
  int cmp = g_strcmp0 (g_hash_table_lookup (keys, ca), g_hash_table_lookup (keys, cb));

  return cmp != 0 ? cmp : g_strcmp0 (casebook_collection_get_name (ca), casebook_collection_get_name (cb));
}

/**
 * casebook_store_list_collections:
 *
 * Every collection, sorted by name (as Chinese titles sort: by pinyin,
 * with Latin letters among them), each with its number of cases; a plain
 * collection's case ids are not read (casebook_store_find_collection()
 * reads them).
 *
 * Returns: (transfer full) (element-type CasebookCollection): the
 *   collections
 */
GPtrArray *
casebook_store_list_collections (CasebookStore  *self,
                                 GError        **error)
{
  g_autoptr(GPtrArray) collections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  stmt = _casebook_store_prepare (self, "SELECT id FROM collections", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not list the collections"), error);
      return NULL;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      CasebookCollection *collection = NULL;

      if (!read_collection (self, g_array_index (ids, gint64, i), &collection, error))
        return NULL;
      if (collection == NULL)
        continue;
      g_ptr_array_add (collections, collection);
      if (!count_cases (self, collection, error))
        return NULL;
      g_hash_table_insert (keys, collection,
                           casebook_collate_key (casebook_collection_get_name (collection), CASEBOOK_LANG_ZH));
    }

  g_ptr_array_sort_with_data (collections, compare_by_key, keys);
  return g_steal_pointer (&collections);
}

/**
 * casebook_store_get_collection:
 * @id: a collection's id
 *
 * Returns: (transfer full) (nullable): the collection with its cases in
 *   order (a plain one) and their number, or %NULL with
 *   %CASEBOOK_STORE_ERROR_NOT_FOUND
 */
CasebookCollection *
casebook_store_get_collection (CasebookStore  *self,
                               gint64          id,
                               GError        **error)
{
  CasebookCollection *collection = NULL;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  if (!load_collection (self, id, &collection, error))
    return NULL;
  if (collection == NULL)
    set_no_collection (error, _("Could not read the collection"), id);

  return collection;
}

/**
 * casebook_store_find_collection:
 * @name: a collection's name, exactly
 *
 * Returns: (transfer full) (nullable): the collection named @name with its
 *   cases in order (a plain one) and their number, or %NULL with
 *   %CASEBOOK_STORE_ERROR_NOT_FOUND when there is none
 */
CasebookCollection *
casebook_store_find_collection (CasebookStore  *self,
                                const char     *name,
                                GError        **error)
{
  CasebookCollection *collection = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = _casebook_store_prepare (self, "SELECT id FROM collections WHERE name = ?1", error);
  if (stmt == NULL)
    return NULL;

  _casebook_store_bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not read a collection"), error);
      return NULL;
    }
  sqlite3_reset (stmt);

  if (id != 0 && !load_collection (self, id, &collection, error))
    return NULL;

  if (collection == NULL)
    {
      g_autofree char *quoted = casebook_quote_value (name);

      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND,
                   _("There is no collection named “%s”"), quoted);
    }

  return collection;
}

/**
 * casebook_store_create_collection:
 * @collection: a new collection: plain, with the ids of its cases in
 *   order (maybe none), or smart
 *
 * Stores @collection in one transaction and sets its id: the one it
 * carries when no other collection has it (as casebook_store_delete_collection()
 * returns it, so that undoing keeps the id), or else a new one. Its name is
 * checked with casebook_collection_check_name() and its introduction with
 * casebook_check_note(); a name another collection has is
 * %CASEBOOK_STORE_ERROR_EXISTS, and an id of no case in the store
 * %CASEBOOK_STORE_ERROR_NOT_FOUND, naming it. On any error nothing is
 * stored.
 */
gboolean
casebook_store_create_collection (CasebookStore       *self,
                                  CasebookCollection  *collection,
                                  GError             **error)
{
  const char *what = _("Could not create the collection");
  GPtrArray *ids;
  gint64 old_id;
  gboolean ok;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (CASEBOOK_IS_COLLECTION (collection), FALSE);

  if (!check_name (casebook_collection_get_name (collection), what, error) ||
      !check_introduction (casebook_collection_get_introduction (collection), what, error))
    return FALSE;

  old_id = casebook_collection_get_id (collection);
  ids = casebook_collection_get_case_ids (collection);
  if (!_casebook_store_begin_change (self, error))
    return FALSE;

  ok = casebook_collection_is_smart (collection) ||
       check_cases (self, (const char * const *) ids->pdata, ids->len, what, error);
  if (ok)
    ok = insert_collection (self, collection, what, error);

  if (!_casebook_store_end_change (self, ok, error))
    {
      casebook_collection_set_id (collection, old_id);
      return FALSE;
    }

  /* A case named twice is in it once; a smart one counts what it finds. */
  count_cases (self, collection, NULL);
  return TRUE;
}

/**
 * casebook_store_rename_collection:
 * @name: the new name, checked with casebook_collection_check_name()
 *
 * A name another collection has is %CASEBOOK_STORE_ERROR_EXISTS.
 */
gboolean
casebook_store_rename_collection (CasebookStore  *self,
                                  gint64          collection_id,
                                  const char     *name,
                                  GError        **error)
{
  const char *what = _("Could not rename the collection");
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);

  if (!check_name (name, what, error) || !_casebook_store_begin_change (self, error))
    return FALSE;

  ok = (stmt = _casebook_store_prepare (self,
                                        "UPDATE OR IGNORE collections SET name = ?2 WHERE id = ?1", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, collection_id);
      _casebook_store_bind_text (stmt, 2, name);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        ok = _casebook_store_set_sqlite_error (error, self->db, what);
      else if (sqlite3_changes (self->db) == 0)
        {
          g_autoptr(CasebookCollection) collection = NULL;

          /* Either there is no such collection, or the name is taken. */
          ok = read_collection (self, collection_id, &collection, error);
          if (ok && collection == NULL)
            ok = set_no_collection (error, what, collection_id);
          else if (ok)
            ok = set_name_taken (error, what, name);
        }
    }

  return _casebook_store_end_change (self, ok, error);
}

/**
 * casebook_store_set_collection_introduction:
 * @introduction: (nullable): the text the brief's cover shows; %NULL or
 *   empty for none. Checked with casebook_check_note().
 */
gboolean
casebook_store_set_collection_introduction (CasebookStore  *self,
                                            gint64          collection_id,
                                            const char     *introduction,
                                            GError        **error)
{
  const char *what = WHAT_COLLECTION;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);

  if (introduction != NULL && introduction[0] == '\0')
    introduction = NULL;

  if (!check_introduction (introduction, what, error) || !_casebook_store_begin_change (self, error))
    return FALSE;

  ok = (stmt = _casebook_store_prepare (self, "UPDATE collections SET introduction = ?2 WHERE id = ?1",
                                        error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, collection_id);
      _casebook_store_bind_text (stmt, 2, introduction);
      ok = _casebook_store_step_done (self, stmt, error);
    }
  if (ok && sqlite3_changes (self->db) == 0)
    ok = set_no_collection (error, what, collection_id);

  return _casebook_store_end_change (self, ok, error);
}

/**
 * casebook_store_set_collection_filter:
 * @filter: the new saved filter and search (its collection restriction
 *   is not kept)
 *
 * Replaces what a smart collection finds. A plain collection is refused
 * (%CASEBOOK_STORE_ERROR_INVALID): its cases are the person's choice.
 */
gboolean
casebook_store_set_collection_filter (CasebookStore   *self,
                                      gint64           collection_id,
                                      CasebookFilter  *filter,
                                      GError         **error)
{
  const char *what = WHAT_COLLECTION;
  g_autoptr(CasebookFilter) copy = NULL;
  g_autoptr(CasebookCollection) collection = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (CASEBOOK_IS_FILTER (filter), FALSE);

  copy = casebook_filter_copy (filter);
  casebook_filter_set_collection (copy, 0);
  json = casebook_filter_serialize (copy);

  if (!_casebook_store_begin_change (self, error))
    return FALSE;

  ok = read_collection (self, collection_id, &collection, error);
  if (ok && collection == NULL)
    ok = set_no_collection (error, what, collection_id);
  else if (ok && !casebook_collection_is_smart (collection))
    {
      g_autofree char *quoted = casebook_quote_value (casebook_collection_get_name (collection));

      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID,
                   _("%s: “%s” is not a smart collection"), what, quoted);
      ok = FALSE;
    }
  if (ok)
    ok = (stmt = _casebook_store_prepare (self, "UPDATE collections SET filter = ?2 WHERE id = ?1", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, collection_id);
      _casebook_store_bind_text (stmt, 2, json);
      ok = _casebook_store_step_done (self, stmt, error);
    }

  return _casebook_store_end_change (self, ok, error);
}

/**
 * casebook_store_delete_collection:
 *
 * Deletes the collection in one transaction; its cases stay in the store.
 *
 * Returns: (transfer full) (nullable): the collection as it was, with its
 *   id and the ids of its cases, for casebook_store_create_collection() to
 *   undo the deletion
 */
CasebookCollection *
casebook_store_delete_collection (CasebookStore  *self,
                                  gint64          collection_id,
                                  GError        **error)
{
  const char *what = _("Could not delete the collection");
  g_autoptr(CasebookCollection) collection = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  if (!_casebook_store_begin_change (self, error))
    return NULL;

  ok = load_collection (self, collection_id, &collection, error);
  if (ok && collection == NULL)
    ok = set_no_collection (error, what, collection_id);
  if (ok)
    ok = (stmt = _casebook_store_prepare (self, "DELETE FROM collections WHERE id = ?1", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, collection_id);
      ok = _casebook_store_step_done (self, stmt, error);
    }

  if (!_casebook_store_end_change (self, ok, error))
    return NULL;

  return g_steal_pointer (&collection);
}

/**
 * casebook_store_add_to_collection:
 * @case_ids: (array zero-terminated=1): ids of cases in the store
 * @position: where to insert them among the collection's cases, from 0;
 *   -1 (or past the end) for the end
 * @n_added: (out) (optional): how many were not in the collection yet
 *
 * Adds the cases to a plain collection in one transaction, in the order
 * given; a case already in it stays where it is. An id of no case in the
 * store is %CASEBOOK_STORE_ERROR_NOT_FOUND, naming it, and a smart
 * collection %CASEBOOK_STORE_ERROR_INVALID; then nothing is added.
 */
gboolean
casebook_store_add_to_collection (CasebookStore       *self,
                                  gint64               collection_id,
                                  const char * const  *case_ids,
                                  int                  position,
                                  guint               *n_added,
                                  GError             **error)
{
  const char *what = _("Could not add to the collection");
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  guint added = 0;
  gboolean ok;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_ids != NULL, FALSE);

  for (guint i = 0; case_ids[i] != NULL; i++)
    g_ptr_array_add (ids, (gpointer) case_ids[i]);

  if (n_added != NULL)
    *n_added = 0;
  if (!_casebook_store_begin_change (self, error))
    return FALSE;

  ok = check_plain (self, collection_id, what, error) &&
       check_cases (self, case_ids, ids->len, what, error) &&
       _casebook_store_add_members (self, collection_id, ids, position, &added, error);

  if (!_casebook_store_end_change (self, ok, error))
    return FALSE;

  if (n_added != NULL)
    *n_added = added;
  return TRUE;
}

/**
 * casebook_store_remove_from_collection:
 * @case_ids: (array zero-terminated=1): ids of cases in the collection;
 *   others are passed over
 *
 * Takes the cases out of a plain collection in one transaction; the
 * others close up, keeping their order.
 */
gboolean
casebook_store_remove_from_collection (CasebookStore       *self,
                                       gint64               collection_id,
                                       const char * const  *case_ids,
                                       GError             **error)
{
  const char *what = _("Could not remove from the collection");
  g_autoptr(GPtrArray) old_ids = NULL;
  g_autoptr(GPtrArray) new_ids = g_ptr_array_new ();
  g_autoptr(GHashTable) removed = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean ok;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_ids != NULL, FALSE);

  for (guint i = 0; case_ids[i] != NULL; i++)
    g_hash_table_add (removed, (gpointer) case_ids[i]);

  if (!_casebook_store_begin_change (self, error))
    return FALSE;

  ok = check_plain (self, collection_id, what, error) &&
       (old_ids = read_order (self, collection_id, error)) != NULL;
  if (ok)
    {
      for (guint i = 0; i < old_ids->len; i++)
        if (!g_hash_table_contains (removed, g_ptr_array_index (old_ids, i)))
          g_ptr_array_add (new_ids, g_ptr_array_index (old_ids, i));
      ok = write_order (self, collection_id, old_ids, new_ids, error);
    }

  return _casebook_store_end_change (self, ok, error);
}

/**
 * casebook_store_move_in_collection:
 * @case_id: a case in the collection
 * @position: its new place among the collection's cases, from 0; past the
 *   end is the end
 *
 * Moves one case of a plain collection in one transaction; the others
 * keep their order around it. A case not in the collection is
 * %CASEBOOK_STORE_ERROR_NOT_FOUND.
 */
gboolean
casebook_store_move_in_collection (CasebookStore  *self,
                                   gint64          collection_id,
                                   const char     *case_id,
                                   guint           position,
                                   GError        **error)
{
  const char *what = _("Could not move the case in the collection");
  g_autoptr(GPtrArray) old_ids = NULL;
  g_autoptr(GPtrArray) new_ids = g_ptr_array_new ();
  gboolean ok;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  if (!_casebook_store_begin_change (self, error))
    return FALSE;

  ok = check_plain (self, collection_id, what, error) &&
       (old_ids = read_order (self, collection_id, error)) != NULL;
  if (ok)
    {
      const char *moved = NULL;

      for (guint i = 0; i < old_ids->len; i++)
        {
          if (strcmp (g_ptr_array_index (old_ids, i), case_id) == 0)
            moved = g_ptr_array_index (old_ids, i);
          else
            g_ptr_array_add (new_ids, g_ptr_array_index (old_ids, i));
        }

      if (moved == NULL)
        {
          g_autofree char *quoted = casebook_quote_value (case_id);

          g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND,
                       _("%s: the case “%s” is not in the collection"), what, quoted);
          ok = FALSE;
        }
      else
        {
          g_ptr_array_insert (new_ids, (int) MIN (position, new_ids->len), (gpointer) moved);
          ok = write_order (self, collection_id, old_ids, new_ids, error);
        }
    }

  return _casebook_store_end_change (self, ok, error);
}

/**
 * casebook_store_list_case_collections:
 * @case_id: a case's id
 *
 * The plain collections the case is in. Smart collections are not
 * evaluated for it.
 *
 * Returns: (transfer full) (element-type gint64): the collections' ids,
 *   by id
 */
GArray *
casebook_store_list_case_collections (CasebookStore  *self,
                                      const char     *case_id,
                                      GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  stmt = _casebook_store_prepare (self,
                                  "SELECT collection_id FROM collection_cases WHERE case_id = ?1 "
                                  "ORDER BY collection_id", error);
  if (stmt == NULL)
    return NULL;

  _casebook_store_bind_text (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not read the collections of a case"), error);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&ids);
}

static void
memberships_free (gpointer data)
{
  g_array_unref (data);
}

/**
 * _casebook_store_forget_case:
 * @id: the id of a case being deleted, whose index row is gone already
 *
 * In the deletion's transaction: takes the case out of its collections and
 * drops its tags (the deleted case that casebook_store_delete_case()
 * returns carries them). Where it stood in each collection is kept in
 * memory (@memberships, to be handed to _casebook_store_remember_case()
 * once the deletion is committed). Its note stays.
 */
gboolean
_casebook_store_forget_case (CasebookStore  *self,
                             const char     *id,
                             GArray        **memberships,
                             GError        **error)
{
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (Membership));
  g_autoptr(GArray) collections = NULL;
  sqlite3_stmt *stmt;

  collections = casebook_store_list_case_collections (self, id, error);
  if (collections == NULL)
    return FALSE;

  for (guint i = 0; i < collections->len; i++)
    {
      gint64 collection = g_array_index (collections, gint64, i);
      g_autoptr(GPtrArray) order = read_order (self, collection, error);
      g_autoptr(GPtrArray) rest = g_ptr_array_new ();
      Membership place = { collection, -1 };

      if (order == NULL)
        return FALSE;
      for (guint j = 0; j < order->len; j++)
        {
          if (strcmp (g_ptr_array_index (order, j), id) == 0)
            place.position = j;
          else
            g_ptr_array_add (rest, g_ptr_array_index (order, j));
        }
      g_array_append_val (places, place);
      if (!write_order (self, collection, order, rest, error))
        return FALSE;
    }

  stmt = _casebook_store_prepare (self, "DELETE FROM case_tags WHERE case_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _casebook_store_bind_text (stmt, 1, id);
  if (!_casebook_store_step_done (self, stmt, error))
    return FALSE;

  *memberships = g_steal_pointer (&places);
  return TRUE;
}

/**
 * _casebook_store_remember_case:
 * @memberships: (transfer full): what _casebook_store_forget_case() gave
 *
 * Keeps where a deleted case stood in its collections, for its return.
 */
void
_casebook_store_remember_case (CasebookStore *self,
                               const char    *id,
                               GArray        *memberships)
{
  if (self->deleted_memberships == NULL)
    self->deleted_memberships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, memberships_free);
  g_hash_table_insert (self->deleted_memberships, g_strdup (id), memberships);
}

/**
 * _casebook_store_restore_personal:
 * @c: a case coming back after its deletion, not written yet
 *
 * In the transaction that restores @c, before it is written (so that its
 * index row is written once, with them): gives it back its tags and, when
 * the store has none for it any more, its note, as @c carries them; and
 * its places in the collections that are still there.
 */
gboolean
_casebook_store_restore_personal (CasebookStore  *self,
                                  CasebookCase   *c,
                                  GError        **error)
{
  const char *id = casebook_case_get_id (c);
  const char *note = casebook_case_get_personal_note (c);
  g_autofree char *kept = NULL;
  GArray *places;

  if (!_casebook_store_write_tags (self, id, casebook_case_get_tags (c), error))
    return FALSE;

  if (note != NULL)
    {
      if (!_casebook_store_read_note (self, id, &kept, error))
        return FALSE;
      if (kept == NULL && !_casebook_store_write_note (self, id, note, error))
        return FALSE;
    }

  places = self->deleted_memberships != NULL ? g_hash_table_lookup (self->deleted_memberships, id) : NULL;
  for (guint i = 0; places != NULL && i < places->len; i++)
    {
      const Membership *place = &g_array_index (places, Membership, i);
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      g_autoptr(CasebookCollection) collection = NULL;

      if (!read_collection (self, place->collection, &collection, error))
        return FALSE;
      if (collection == NULL || casebook_collection_is_smart (collection))
        continue;

      g_ptr_array_add (one, (gpointer) id);
      if (!_casebook_store_add_members (self, place->collection, one, (int) MIN (place->position, G_MAXINT),
                                        NULL, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _casebook_store_forget_memberships:
 *
 * Drops what was kept of where the deleted case @id stood, once it is back
 * or another case took its id.
 */
void
_casebook_store_forget_memberships (CasebookStore *self,
                                    const char    *id)
{
  if (self->deleted_memberships != NULL)
    g_hash_table_remove (self->deleted_memberships, id);
}

/* "collections[2].name: " and the problem, for an import. */
G_GNUC_PRINTF (4, 5)
static gboolean
set_import_error (GError     **error,
                  int          code,
                  const char  *place,
                  const char  *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CASEBOOK_STORE_ERROR, code, "%s: %s", place, message);
  return FALSE;
}

/* Checks the collections of an import before anything of them is
 * written: their names and introductions, one name once in the file, and
 * every case they name in the store (where the import put the file's). */
static gboolean
check_import (CasebookStore  *self,
              GPtrArray      *collections,
              GError        **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint n = 0; n < collections->len; n++)
    {
      CasebookCollection *collection = g_ptr_array_index (collections, n);
      const char *name = casebook_collection_get_name (collection);
      g_autofree char *place = g_strdup_printf ("collections[%u].name", n);
      g_autofree char *problem = casebook_collection_check_name (name);
      GPtrArray *ids = casebook_collection_get_case_ids (collection);

      if (problem != NULL)
        return set_import_error (error, CASEBOOK_STORE_ERROR_INVALID, place, "%s", problem);

      if (!g_hash_table_add (names, (gpointer) name))
        {
          g_autofree char *quoted = casebook_quote_value (name);

          return set_import_error (error, CASEBOOK_STORE_ERROR_INVALID, place,
                                   _("another collection of the file is also named “%s”"), quoted);
        }

      if ((problem = casebook_check_note (casebook_collection_get_introduction (collection))) != NULL)
        {
          g_free (place);
          place = g_strdup_printf ("collections[%u].introduction", n);
          return set_import_error (error, CASEBOOK_STORE_ERROR_INVALID, place, "%s", problem);
        }

      for (guint m = 0; !casebook_collection_is_smart (collection) && m < ids->len; m++)
        {
          const char *id = g_ptr_array_index (ids, m);
          gint64 nr = -1;

          if (!_casebook_store_find_case (self, id, &nr, NULL, error))
            return FALSE;
          if (nr < 0)
            {
              g_autofree char *quoted = casebook_quote_value (id);

              g_free (place);
              place = g_strdup_printf ("collections[%u].cases[%u]", n, m);
              return set_import_error (error, CASEBOOK_STORE_ERROR_NOT_FOUND, place,
                                       _("there is no case with the id “%s” in the file or in the store"),
                                       quoted);
            }
        }
    }

  return TRUE;
}

/**
 * _casebook_store_import_collections:
 * @document: what is being imported, its cases in the store already
 * @result: counts the collections created and merged
 *
 * In the import's transaction: creates each collection of @document, in
 * file order, or, when the store has one with its name, adds its cases
 * (those not in it yet, at the end) to that one, and gives it the file's
 * introduction if it has none. A smart collection whose name the store
 * has is left as it is, and counted as merged. A plain one meeting a
 * smart one of its name (or the other way round) fails the import.
 */
gboolean
_casebook_store_import_collections (CasebookStore         *self,
                                    CasebookDocument      *document,
                                    CasebookImportResult  *result,
                                    GError               **error)
{
  GPtrArray *collections = casebook_document_get_collections (document);

  if (collections->len == 0)
    return TRUE;

  if (!check_import (self, collections, error))
    return FALSE;

  for (guint n = 0; n < collections->len; n++)
    {
      CasebookCollection *incoming = g_ptr_array_index (collections, n);
      const char *name = casebook_collection_get_name (incoming);
      const char *introduction = casebook_collection_get_introduction (incoming);
      g_autoptr(CasebookCollection) existing = NULL;
      sqlite3_stmt *stmt;
      gint64 id = 0;
      int rc;

      stmt = _casebook_store_prepare (self, "SELECT id FROM collections WHERE name = ?1", error);
      if (stmt == NULL)
        return FALSE;
      _casebook_store_bind_text (stmt, 1, name);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return _casebook_store_set_sqlite_error (error, self->db, _("Could not read a collection"));

      if (id == 0)
        {
          /* A copy without the id another store gave it. */
          g_autoptr(CasebookCollection) copy = casebook_collection_new (name);
          GPtrArray *ids = casebook_collection_get_case_ids (incoming);

          casebook_collection_set_introduction (copy, introduction);
          casebook_collection_set_filter (copy, casebook_collection_get_filter (incoming));
          for (guint m = 0; m < ids->len; m++)
            g_ptr_array_add (casebook_collection_get_case_ids (copy), g_strdup (g_ptr_array_index (ids, m)));
          if (!insert_collection (self, copy, _("Could not create the collection"), error))
            return FALSE;
          result->collections_created++;
          continue;
        }

      if (!read_collection (self, id, &existing, error))
        return FALSE;
      if (casebook_collection_is_smart (existing) != casebook_collection_is_smart (incoming))
        {
          g_autofree char *place = g_strdup_printf ("collections[%u]", n);
          g_autofree char *quoted = casebook_quote_value (name);

          return set_import_error (error, CASEBOOK_STORE_ERROR_EXISTS, place,
                                   casebook_collection_is_smart (existing)
                                   ? _("the store has a smart collection named “%s”, to which cases cannot be added")
                                   : _("the store has a collection named “%s” that is not smart"),
                                   quoted);
        }

      if (!casebook_collection_is_smart (incoming) &&
          !_casebook_store_add_members (self, id, casebook_collection_get_case_ids (incoming), -1, NULL, error))
        return FALSE;

      if (casebook_collection_get_introduction (existing) == NULL && introduction != NULL)
        {
          stmt = _casebook_store_prepare (self, "UPDATE collections SET introduction = ?2 WHERE id = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          _casebook_store_bind_text (stmt, 2, introduction);
          if (!_casebook_store_step_done (self, stmt, error))
            return FALSE;
        }
      result->collections_merged++;
    }

  return TRUE;
}

/**
 * _casebook_store_export_collections:
 * @document: receives every collection, by id (the order they were made
 *   in), a plain one with the ids of its cases that are in the store
 *
 * Reads the collections for an export, in the export's transaction.
 */
gboolean
_casebook_store_export_collections (CasebookStore     *self,
                                    CasebookDocument  *document,
                                    GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _casebook_store_prepare (self, "SELECT id FROM collections ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not list the collections"), error);
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      CasebookCollection *collection = NULL;

      if (!read_collection (self, g_array_index (ids, gint64, i), &collection, error))
        return FALSE;
      if (collection == NULL)
        continue;
      g_ptr_array_add (casebook_document_get_collections (document), collection);
      if (!casebook_collection_is_smart (collection) &&
          !read_case_ids (self, casebook_collection_get_id (collection),
                          casebook_collection_get_case_ids (collection), error))
        return FALSE;
      casebook_collection_set_n_cases (collection, casebook_collection_get_case_ids (collection)->len);
    }

  return TRUE;
}
