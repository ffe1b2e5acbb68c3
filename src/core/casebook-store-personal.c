/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-case-check.h"
#include "casebook-escape.h"
#include "casebook-store-collections.h"
#include "casebook-store-private.h"

/* The person's tags and note on a case, kept by the case's id (see
 * migration 3 → 4 in casebook-store-schema.c). Each public call that
 * changes something is one transaction; the _casebook_store_ helpers run
 * in the caller's.
 *
 * The search index's body holds each case's note and tags
 * (CASEBOOK_STORE_PERSONAL_TEXT). Deleting an index row reads the row's
 * text back through the view case_fts_source, so a change to a case's
 * note or tags deletes its index row first, changes them, and then writes
 * the row again from the view. */

/**
 * _casebook_store_read_personal:
 * @c: a case read from the store
 *
 * Fills in @c's note and tags.
 */
gboolean
_casebook_store_read_personal (CasebookStore  *self,
                               CasebookCase   *c,
                               GError        **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *note = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!_casebook_store_read_note (self, casebook_case_get_id (c), &note, error))
    return FALSE;

  stmt = _casebook_store_prepare (self, "SELECT tag FROM case_tags WHERE case_id = ?1 ORDER BY tag", error);
  if (stmt == NULL)
    return FALSE;

  _casebook_store_bind_text (stmt, 1, casebook_case_get_id (c));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tags, g_strdup (_casebook_store_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not read the tags of a case"), error);
  sqlite3_reset (stmt);

  g_ptr_array_add (tags, NULL);
  casebook_case_set_personal_note (c, note);
  casebook_case_set_tags (c, (const char * const *) tags->pdata);
  return TRUE;
}

/* Takes the index row of the case @id out before its note or tags change;
 * sets @nr to the case's row number, or -1 when there is no such case. */
static gboolean
unindex (CasebookStore  *self,
         const char     *id,
         gint64         *nr,
         GError        **error)
{
  sqlite3_stmt *stmt;

  if (!_casebook_store_find_case (self, id, nr, NULL, error))
    return FALSE;
  if (*nr < 0)
    return TRUE;

  stmt = _casebook_store_prepare (self, "DELETE FROM case_fts WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *nr);

  return _casebook_store_step_done (self, stmt, error);
}

/* Writes the index row of case @nr again, once its note or tags changed. */
static gboolean
reindex (CasebookStore  *self,
         gint64          nr,
         GError        **error)
{
  sqlite3_stmt *stmt;

  if (nr < 0)
    return TRUE;

  stmt = _casebook_store_prepare (self,
                                  "INSERT INTO case_fts (rowid, title, body) "
                                  "SELECT nr, title, body FROM case_fts_source WHERE nr = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, nr);

  return _casebook_store_step_done (self, stmt, error);
}

/* Reads the note of the case @id into @note, or NULL when it has none. */
gboolean
_casebook_store_read_note (CasebookStore  *self,
           const char     *id,
           char          **note,
           GError        **error)
{
  sqlite3_stmt *stmt = _casebook_store_prepare (self, "SELECT text FROM case_notes WHERE case_id = ?1", error);
  int rc;

  *note = NULL;
  if (stmt == NULL)
    return FALSE;

  _casebook_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *note = g_strdup (_casebook_store_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not read the note of a case"), error);

  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * _casebook_store_write_note:
 * @id: a case's id
 * @note: (nullable): the note; %NULL or empty removes it
 *
 * Sets the note of the case @id in the caller's transaction, and its
 * index row with it. The case need not be in the store (a deleted case's
 * note is kept for its return). Does nothing when the note is the same.
 */
gboolean
_casebook_store_write_note (CasebookStore  *self,
                            const char     *id,
                            const char     *note,
                            GError        **error)
{
  g_autofree char *old = NULL;
  sqlite3_stmt *stmt;
  gint64 nr = -1;

  if (note != NULL && note[0] == '\0')
    note = NULL;

  if (!_casebook_store_read_note (self, id, &old, error))
    return FALSE;
  if (g_strcmp0 (old, note) == 0)
    return TRUE;

  if (!unindex (self, id, &nr, error))
    return FALSE;

  if (note == NULL)
    stmt = _casebook_store_prepare (self, "DELETE FROM case_notes WHERE case_id = ?1", error);
  else
    stmt = _casebook_store_prepare (self,
                                    "INSERT INTO case_notes (case_id, text) VALUES (?1, ?2) "
                                    "ON CONFLICT (case_id) DO UPDATE SET text = excluded.text", error);
  if (stmt == NULL)
    return FALSE;
  _casebook_store_bind_text (stmt, 1, id);
  if (note != NULL)
    _casebook_store_bind_text (stmt, 2, note);
  if (!_casebook_store_step_done (self, stmt, error))
    return FALSE;

  return reindex (self, nr, error);
}

/* Whether the case @id has @tag. */
static gboolean
has_tag (CasebookStore  *self,
         const char     *id,
         const char     *tag,
         gboolean       *found,
         GError        **error)
{
  sqlite3_stmt *stmt = _casebook_store_prepare (self, "SELECT 1 FROM case_tags WHERE case_id = ?1 AND tag = ?2",
                                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  _casebook_store_bind_text (stmt, 1, id);
  _casebook_store_bind_text (stmt, 2, tag);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _casebook_store_set_sqlite_error (error, self->db, _("Could not read the tags of a case"));

  *found = rc == SQLITE_ROW;
  return TRUE;
}

/**
 * _casebook_store_write_tags:
 * @id: a case's id
 * @tags: (array zero-terminated=1): the case's tags, sorted and each once
 *   (as casebook_case_get_tags() gives them), all valid
 *
 * Gives the case @id exactly @tags, in the caller's transaction, and
 * writes its index row again when they changed.
 */
gboolean
_casebook_store_write_tags (CasebookStore       *self,
                            const char          *id,
                            const char * const  *tags,
                            GError             **error)
{
  g_autoptr(CasebookCase) current = casebook_case_new (id);
  const char * const *old;
  sqlite3_stmt *stmt;
  gboolean same;
  gint64 nr = -1;

  if (!_casebook_store_read_personal (self, current, error))
    return FALSE;

  old = casebook_case_get_tags (current);
  same = g_strv_equal ((const char * const *) old, tags);
  if (same)
    return TRUE;

  if (!unindex (self, id, &nr, error))
    return FALSE;

  stmt = _casebook_store_prepare (self, "DELETE FROM case_tags WHERE case_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _casebook_store_bind_text (stmt, 1, id);
  if (!_casebook_store_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; tags[i] != NULL; i++)
    {
      stmt = _casebook_store_prepare (self, "INSERT OR IGNORE INTO case_tags (case_id, tag) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      _casebook_store_bind_text (stmt, 1, id);
      _casebook_store_bind_text (stmt, 2, tags[i]);
      if (!_casebook_store_step_done (self, stmt, error))
        return FALSE;
    }

  return reindex (self, nr, error);
}

/**
 * casebook_store_list_tags:
 *
 * Every tag of a case in the store, with the number of cases that have
 * it, for completion.
 *
 * Returns: (transfer full) (element-type CasebookFacetValue): the tags
 *   (facet %CASEBOOK_FACET_TAG), most used first, then by byte value
 */
GPtrArray *
casebook_store_list_tags (CasebookStore  *self,
                          GError        **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_facet_value_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  stmt = _casebook_store_prepare (self,
                                  "SELECT g.tag, count(*) FROM case_tags g JOIN cases c ON c.id = g.case_id "
                                  "GROUP BY g.tag ORDER BY count(*) DESC, g.tag", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookFacetValue *value = casebook_facet_value_new ();

      value->facet = CASEBOOK_FACET_TAG;
      value->key = g_strdup (_casebook_store_column_text (stmt, 0));
      value->count = (guint) sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (values, value);
    }
  if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not list the tags"), error);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&values);
}

static gboolean
check_tag (const char  *tag,
           const char  *what,
           GError     **error)
{
  g_autofree char *problem = casebook_check_tag (tag);

  if (problem == NULL)
    return TRUE;

  /* Translators: the first %s says what failed, the second what is wrong
   * with the tag, such as “must not be empty” */
  g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID, _("%s: the tag %s"), what, problem);
  return FALSE;
}

/**
 * casebook_store_add_tag:
 * @case_id: a case in the store
 * @tag: a tag, checked with casebook_check_tag()
 *
 * Gives the case @tag in one transaction; a tag it has already is no
 * change.
 */
gboolean
casebook_store_add_tag (CasebookStore  *self,
                        const char     *case_id,
                        const char     *tag,
                        GError        **error)
{
  const char *what = _("Could not add the tag");
  sqlite3_stmt *stmt;
  gboolean ok, found = FALSE;
  gint64 nr = -1;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  if (!check_tag (tag, what, error) || !_casebook_store_begin_change (self, error))
    return FALSE;

  ok = _casebook_store_find_case (self, case_id, &nr, NULL, error);
  if (ok && nr < 0)
    ok = _casebook_store_set_no_case (error, what, case_id);
  if (ok)
    ok = has_tag (self, case_id, tag, &found, error);
  if (ok && !found)
    {
      ok = unindex (self, case_id, &nr, error) &&
           (stmt = _casebook_store_prepare (self, "INSERT INTO case_tags (case_id, tag) VALUES (?1, ?2)",
                                            error)) != NULL;
      if (ok)
        {
          _casebook_store_bind_text (stmt, 1, case_id);
          _casebook_store_bind_text (stmt, 2, tag);
          ok = _casebook_store_step_done (self, stmt, error) && reindex (self, nr, error);
        }
    }

  return _casebook_store_end_change (self, ok, error);
}

/**
 * casebook_store_remove_tag:
 *
 * Takes @tag from the case in one transaction; a tag it does not have is
 * no change.
 */
gboolean
casebook_store_remove_tag (CasebookStore  *self,
                           const char     *case_id,
                           const char     *tag,
                           GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean ok, found = FALSE;
  gint64 nr = -1;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  if (!_casebook_store_begin_change (self, error))
    return FALSE;

  ok = has_tag (self, case_id, tag, &found, error);
  if (ok && found)
    {
      ok = unindex (self, case_id, &nr, error) &&
           (stmt = _casebook_store_prepare (self, "DELETE FROM case_tags WHERE case_id = ?1 AND tag = ?2",
                                            error)) != NULL;
      if (ok)
        {
          _casebook_store_bind_text (stmt, 1, case_id);
          _casebook_store_bind_text (stmt, 2, tag);
          ok = _casebook_store_step_done (self, stmt, error) && reindex (self, nr, error);
        }
    }

  return _casebook_store_end_change (self, ok, error);
}

/**
 * casebook_store_set_tags:
 * @case_id: a case in the store
 * @tags: (array zero-terminated=1) (nullable): all its tags, in any order;
 *   each is checked with casebook_check_tag()
 *
 * Gives the case exactly @tags (each once) in one transaction.
 */
gboolean
casebook_store_set_tags (CasebookStore       *self,
                         const char          *case_id,
                         const char * const  *tags,
                         GError             **error)
{
  const char *what = _("Could not change the tags");
  g_autoptr(CasebookCase) sorted = casebook_case_new (case_id);
  gboolean ok;
  gint64 nr = -1;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (!check_tag (tags[i], what, error))
      return FALSE;
  casebook_case_set_tags (sorted, tags);

  if (!_casebook_store_begin_change (self, error))
    return FALSE;

  ok = _casebook_store_find_case (self, case_id, &nr, NULL, error);
  if (ok && nr < 0)
    ok = _casebook_store_set_no_case (error, what, case_id);
  if (ok)
    ok = _casebook_store_write_tags (self, case_id, casebook_case_get_tags (sorted), error);

  return _casebook_store_end_change (self, ok, error);
}

/**
 * casebook_store_set_note:
 * @case_id: a case's id
 * @note: (nullable): the note, plain text with line feeds, checked with
 *   casebook_check_note(); %NULL or empty removes it
 *
 * Sets the person's note on the case in one transaction, and what search
 * finds of it. Setting a note needs the case to be in the store
 * (%CASEBOOK_STORE_ERROR_NOT_FOUND); removing one does not, since the
 * note of a deleted case is kept until it is removed.
 */
gboolean
casebook_store_set_note (CasebookStore  *self,
                         const char     *case_id,
                         const char     *note,
                         GError        **error)
{
  const char *what = _("Could not save the note");
  g_autofree char *problem = NULL;
  gboolean ok;
  gint64 nr = -1;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  if (note != NULL && note[0] == '\0')
    note = NULL;

  if ((problem = casebook_check_note (note)) != NULL)
    {
      /* Translators: the first %s says what failed, the second what is
       * wrong with the note, such as “is longer than 100000 characters” */
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID, _("%s: the note %s"), what, problem);
      return FALSE;
    }

  if (!_casebook_store_begin_change (self, error))
    return FALSE;

  ok = _casebook_store_find_case (self, case_id, &nr, NULL, error);
  if (ok && nr < 0 && note != NULL)
    ok = _casebook_store_set_no_case (error, what, case_id);
  if (ok)
    ok = _casebook_store_write_note (self, case_id, note, error);

  return _casebook_store_end_change (self, ok, error);
}

/**
 * casebook_store_get_note:
 * @case_id: a case's id
 *
 * Returns: (transfer full) (nullable): the note on the case @case_id, or
 *   %NULL when it has none (and on an error, which is set)
 */
char *
casebook_store_get_note (CasebookStore  *self,
                         const char     *case_id,
                         GError        **error)
{
  char *note = NULL;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  if (!_casebook_store_read_note (self, case_id, &note, error))
    return NULL;

  return note;
}

/* "cases[3].tags[1]: " and the problem, for an import. */
static gboolean
set_import_invalid (GError     **error,
                    guint        index,
                    const char  *member,
                    int          item,
                    const char  *problem)
{
  g_autofree char *place = item >= 0 ? g_strdup_printf ("cases[%u].%s[%d]", index, member, item)
                                     : g_strdup_printf ("cases[%u].%s", index, member);

  g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID, "%s: %s", place, problem);
  return FALSE;
}

/**
 * _casebook_store_import_personal:
 * @c: the case at @index of an import, written or skipped already
 * @index: its place in the file, for messages
 * @mode: the import's mode
 *
 * In the import's transaction: adds the tags @c carries to the case's
 * (a tag is never taken away by an import), and sets its note: the file's
 * note replaces the store's with %CASEBOOK_IMPORT_REPLACE, and with
 * %CASEBOOK_IMPORT_SKIP only fills in a note the case does not have. This
 * holds also for a case the import skips, so that a whole export brings
 * the person's notes on the bundled cases along.
 */
gboolean
_casebook_store_import_personal (CasebookStore       *self,
                                 CasebookCase        *c,
                                 guint                index,
                                 CasebookImportMode   mode,
                                 GError             **error)
{
  const char * const *tags = casebook_case_get_tags (c);
  const char *note = casebook_case_get_personal_note (c);
  const char *id = casebook_case_get_id (c);

  if (tags[0] == NULL && note == NULL)
    return TRUE;

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *problem = casebook_check_tag (tags[i]);

      if (problem != NULL)
        return set_import_invalid (error, index, "tags", (int) i, problem);
    }

  if (tags[0] != NULL)
    {
      g_autoptr(CasebookCase) current = casebook_case_new (id);
      g_autoptr(GPtrArray) all = g_ptr_array_new ();
      const char * const *old;

      if (!_casebook_store_read_personal (self, current, error))
        return FALSE;

      old = casebook_case_get_tags (current);
      for (guint i = 0; old[i] != NULL; i++)
        g_ptr_array_add (all, (gpointer) old[i]);
      for (guint i = 0; tags[i] != NULL; i++)
        g_ptr_array_add (all, (gpointer) tags[i]);
      g_ptr_array_add (all, NULL);

      /* Sorted and each once, as the store keeps them. */
      casebook_case_set_tags (current, (const char * const *) all->pdata);
      if (!_casebook_store_write_tags (self, id, casebook_case_get_tags (current), error))
        return FALSE;
    }

  if (note != NULL)
    {
      g_autofree char *problem = casebook_check_note (note);
      g_autofree char *kept = NULL;

      if (problem != NULL)
        return set_import_invalid (error, index, "note", -1, problem);

      if (mode == CASEBOOK_IMPORT_SKIP && !_casebook_store_read_note (self, id, &kept, error))
        return FALSE;
      if (kept == NULL && !_casebook_store_write_note (self, id, note, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _casebook_store_read_all_personal:
 * @notes: (out): case id to note
 * @tags: (out): case id to a #GPtrArray of its tags, sorted
 *
 * Reads every note and tag at once, for an export of many cases.
 */
gboolean
_casebook_store_read_all_personal (CasebookStore  *self,
                                   GHashTable    **notes,
                                   GHashTable    **tags,
                                   GError        **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) tags_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _casebook_store_prepare (self, "SELECT case_id, text FROM case_notes", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (by_id, g_strdup (_casebook_store_column_text (stmt, 0)),
                         g_strdup (_casebook_store_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not read the notes"), error);
  sqlite3_reset (stmt);

  stmt = _casebook_store_prepare (self, "SELECT case_id, tag FROM case_tags ORDER BY case_id, tag", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = _casebook_store_column_text (stmt, 0);
      GPtrArray *list = g_hash_table_lookup (tags_by_id, id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (tags_by_id, g_strdup (id), list);
        }
      g_ptr_array_add (list, g_strdup (_casebook_store_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not read the tags"), error);
  sqlite3_reset (stmt);

  *notes = g_steal_pointer (&by_id);
  *tags = g_steal_pointer (&tags_by_id);
  return TRUE;
}
