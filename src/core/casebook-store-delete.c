/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-store-delete.h"
#include "casebook-store-private.h"

/* Deleting many of the person's own cases at once, and undoing it.
 *
 * A deletion is one transaction, however many cases it takes, and keeps
 * what its Undo needs in the store, not in memory: the cases' rows (with
 * their row numbers, so that an export after the Undo is the same as
 * before), their outcomes and technologies, their tags, their places in
 * the collections and, when the person asked to delete them too, their
 * notes move into the tables of schema 8 (deleted_cases and the rest)
 * under the deletion's number. Every step is one SQL statement over all
 * the cases, so nothing here grows with their number but SQLite's work.
 *
 * Undoing moves the rows back in one transaction. A case whose id was
 * taken by another case since (an import, a new case, a subscription)
 * stays deleted and the others come back: the Undo says which ones did
 * not (not_restored). A case whose row number was taken comes back with a
 * new one, at the end of the store's order. Forgetting a deletion (its
 * toast went, the window closed) drops what was kept; and opening a store
 * that no other Casebook has open drops what any deletion left there,
 * since no Undo can reach it any more (a crash never brings cases back).
 *
 * The search index loses the cases' rows in the deletion's transaction
 * and gets them back in the Undo's, read through the view case_fts_source
 * as writing a case writes them; the tables of deleted cases are not
 * indexed, so dropping them never touches the index.
 *
 * The window runs deletions and Undos on a worker thread with a second
 * connection (the _async functions); tests and the command line can use
 * the store's own connection. */

#define CASE_COLUMNS \
  "nr, id, origin, kind, sector, title_zh, title_en, subsector_zh, subsector_en, subsector_key, " \
  "organization_zh, organization_en, headline_zh, headline_en, size, size_band, employees, " \
  "period_start, period_end, approach, sort_title_zh, sort_title_en, sort_period, sort_size, doc"

/* The cases of deletion ?1, as a subquery. */
#define DELETED_NRS "(SELECT nr FROM deleted_cases WHERE deletion = ?1)"
#define DELETED_IDS "(SELECT id FROM deleted_cases WHERE deletion = ?1)"

/* Runs @sql with the deletion's number bound to ?1 (and @n to ?2). */
static gboolean
run (CasebookStore  *self,
     const char     *sql,
     gint64          deletion,
     gint64          n,
     GError        **error)
{
  sqlite3_stmt *stmt = _casebook_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deletion);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, n);

  return _casebook_store_step_done (self, stmt, error);
}

static gboolean
run_all (CasebookStore       *self,
         const char * const  *statements,
         gint64               deletion,
         GError             **error)
{
  for (guint i = 0; statements[i] != NULL; i++)
    if (!run (self, statements[i], deletion, 0, error))
      return FALSE;

  return TRUE;
}

/* Drops what the deletion ?1 keeps, in the caller's transaction. */
static const char * const purge_statements[] = {
  "DELETE FROM deleted_members WHERE deletion = ?1",
  "DELETE FROM deleted_notes WHERE deletion = ?1",
  "DELETE FROM deleted_tags WHERE deletion = ?1",
  "DELETE FROM deleted_technologies WHERE deletion = ?1",
  "DELETE FROM deleted_outcomes WHERE deletion = ?1",
  "DELETE FROM deleted_cases WHERE deletion = ?1",
  "DELETE FROM deletions WHERE id = ?1",
  NULL
};

/* Keeps the ids to delete in a temporary table of the connection, where
 * the statements below find them through its index. */
static gboolean
fill_ids (CasebookStore       *self,
          const char * const  *ids,
          GError             **error)
{
  sqlite3_stmt *stmt;

  if (!_casebook_store_exec (self, "CREATE TEMP TABLE IF NOT EXISTS delete_ids (id TEXT PRIMARY KEY) WITHOUT ROWID; "
                                   "DELETE FROM temp.delete_ids", error))
    return FALSE;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      stmt = _casebook_store_prepare (self, "INSERT OR IGNORE INTO temp.delete_ids (id) VALUES (?1)", error);
      if (stmt == NULL)
        return FALSE;
      _casebook_store_bind_text (stmt, 1, ids[i]);
      if (!_casebook_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* The deletion itself, in the caller's transaction: sets @deletion to its
 * number and @n_deleted to the number of cases it took. */
static gboolean
delete_in_transaction (CasebookStore       *self,
                       const char * const  *ids,
                       gboolean             with_notes,
                       gint64              *deletion,
                       guint               *n_deleted,
                       GError             **error)
{
  /* The index rows go while the cases, their tags and notes are there to
   * read them from; then what the Undo needs moves aside; then the rows. */
  static const char * const keep[] = {
    "INSERT INTO deleted_outcomes (deletion, case_nr, position, metric, value, unit, baseline, better) "
    "SELECT ?1, case_nr, position, metric, value, unit, baseline, better FROM outcomes "
    "WHERE case_nr IN " DELETED_NRS,
    "INSERT INTO deleted_technologies (deletion, case_nr, product, family) "
    "SELECT ?1, case_nr, product, family FROM technologies WHERE case_nr IN " DELETED_NRS,
    "INSERT INTO deleted_tags (deletion, case_id, tag) "
    "SELECT ?1, case_id, tag FROM case_tags WHERE case_id IN " DELETED_IDS,
    "INSERT INTO deleted_members (deletion, collection_id, case_id, position) "
    "SELECT ?1, collection_id, case_id, position FROM collection_cases WHERE case_id IN " DELETED_IDS,
    "DELETE FROM case_tags WHERE case_id IN " DELETED_IDS,
    /* The others keep their positions: the gaps leave their order as it
     * was, and an Undo puts each case back where it stood. */
    "DELETE FROM collection_cases WHERE case_id IN " DELETED_IDS,
    "DELETE FROM outcomes WHERE case_nr IN " DELETED_NRS,
    "DELETE FROM technologies WHERE case_nr IN " DELETED_NRS,
    "DELETE FROM cases WHERE nr IN " DELETED_NRS,
    NULL
  };
  static const char * const notes[] = {
    "INSERT INTO deleted_notes (deletion, case_id, text) "
    "SELECT ?1, case_id, text FROM case_notes WHERE case_id IN " DELETED_IDS,
    "DELETE FROM case_notes WHERE case_id IN " DELETED_IDS,
    NULL
  };
  sqlite3_stmt *stmt;
  gint64 id;
  int n;

  if (!fill_ids (self, ids, error))
    return FALSE;

  stmt = _casebook_store_prepare (self, "INSERT INTO deletions (with_notes) VALUES (?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, with_notes ? 1 : 0);
  if (!_casebook_store_step_done (self, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (self->db);

  /* Only the person's own cases: those from the report and from
   * subscriptions cannot be deleted, and are left out. */
  if (!run (self,
            "INSERT INTO deleted_cases (deletion, " CASE_COLUMNS ") "
            "SELECT ?1, " CASE_COLUMNS " FROM cases "
            "WHERE id IN (SELECT id FROM temp.delete_ids) AND origin = 'own' AND subscription IS NULL "
            "ORDER BY nr", id, 0, error))
    return FALSE;
  n = sqlite3_changes (self->db);

  if (n == 0)
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND,
                   _("None of the cases to delete is one of your own cases in the store any more"));
      return FALSE;
    }

  if (!run (self, "DELETE FROM case_fts WHERE rowid IN " DELETED_NRS, id, 0, error))
    return FALSE;
  if (with_notes && !run_all (self, notes, id, error))
    return FALSE;
  if (!run_all (self, keep, id, error))
    return FALSE;

  /* The count of cases (schema 7) goes down in the same transaction. */
  if (!run (self, "UPDATE case_count SET n = n - ?2 WHERE one = ?1", 1, n, error) ||
      !_casebook_store_exec (self, "DELETE FROM temp.delete_ids", error))
    return FALSE;
  self->n_cases = -1;

  *deletion = id;
  *n_deleted = (guint) n;
  return TRUE;
}

/* Gives the cases of @deletion whose row number another case took since
 * numbers after every other, and moves their derived rows with them. */
static gboolean
renumber_taken (CasebookStore  *self,
                gint64          deletion,
                GError        **error)
{
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 next = 0;
  int rc;

  stmt = _casebook_store_prepare (self,
                                  "SELECT d.nr FROM deleted_cases d WHERE d.deletion = ?1 "
                                  "AND EXISTS (SELECT 1 FROM cases c WHERE c.nr = d.nr) ORDER BY d.nr", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deletion);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 nr = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (taken, nr);
    }
  if (rc != SQLITE_DONE)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not read a deletion"), error);
  sqlite3_reset (stmt);

  if (taken->len == 0)
    return TRUE;

  stmt = _casebook_store_prepare (self,
                                  "SELECT max(coalesce((SELECT max(nr) FROM cases), 0), "
                                  "coalesce((SELECT max(nr) FROM deleted_cases WHERE deletion = ?1), 0))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deletion);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not read a deletion"), error);
  next = sqlite3_column_int64 (stmt, 0) + 1;
  sqlite3_reset (stmt);

  for (guint i = 0; i < taken->len; i++, next++)
    {
      static const char * const statements[] = {
        "UPDATE deleted_cases SET nr = ?2 WHERE deletion = ?1 AND nr = ?3",
        "UPDATE deleted_outcomes SET case_nr = ?2 WHERE deletion = ?1 AND case_nr = ?3",
        "UPDATE deleted_technologies SET case_nr = ?2 WHERE deletion = ?1 AND case_nr = ?3",
      };

      for (guint j = 0; j < G_N_ELEMENTS (statements); j++)
        {
          stmt = _casebook_store_prepare (self, statements[j], error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, deletion);
          sqlite3_bind_int64 (stmt, 2, next);
          sqlite3_bind_int64 (stmt, 3, g_array_index (taken, gint64, i));
          if (!_casebook_store_step_done (self, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* The Undo, in the caller's transaction. */
static gboolean
undo_in_transaction (CasebookStore  *self,
                     gint64          deletion,
                     guint          *n_restored,
                     GStrv          *not_restored,
                     GError        **error)
{
  /* The cases whose id is taken stay deleted: out of the way first, so
   * that the statements below see only the cases that come back. */
  static const char * const drop_taken[] = {
    "DELETE FROM deleted_outcomes WHERE deletion = ?1 AND case_nr IN "
    "(SELECT nr FROM deleted_cases WHERE deletion = ?1 AND id IN (SELECT id FROM cases))",
    "DELETE FROM deleted_technologies WHERE deletion = ?1 AND case_nr IN "
    "(SELECT nr FROM deleted_cases WHERE deletion = ?1 AND id IN (SELECT id FROM cases))",
    "DELETE FROM deleted_cases WHERE deletion = ?1 AND id IN (SELECT id FROM cases)",
    NULL
  };
  /* The index row last, when the note and tags it holds are back. A tag
   * or note the store has again for a case (as an import may bring) is
   * kept over the one kept here; a collection deleted since stays so. */
  static const char * const restore[] = {
    "INSERT INTO outcomes (case_nr, position, metric, value, unit, baseline, better) "
    "SELECT case_nr, position, metric, value, unit, baseline, better FROM deleted_outcomes WHERE deletion = ?1",
    "INSERT OR IGNORE INTO technologies (case_nr, product, family) "
    "SELECT case_nr, product, family FROM deleted_technologies WHERE deletion = ?1",
    "INSERT OR IGNORE INTO case_tags (case_id, tag) "
    "SELECT case_id, tag FROM deleted_tags WHERE deletion = ?1 AND case_id IN " DELETED_IDS,
    "INSERT OR IGNORE INTO case_notes (case_id, text) "
    "SELECT case_id, text FROM deleted_notes WHERE deletion = ?1 AND case_id IN " DELETED_IDS,
    "INSERT OR IGNORE INTO collection_cases (collection_id, case_id, position) "
    "SELECT m.collection_id, m.case_id, m.position FROM deleted_members m "
    "WHERE m.deletion = ?1 AND m.case_id IN " DELETED_IDS " "
    "AND EXISTS (SELECT 1 FROM collections k WHERE k.id = m.collection_id AND k.filter IS NULL)",
    "INSERT INTO case_fts (rowid, title, body) "
    "SELECT nr, title, body FROM case_fts_source WHERE nr IN " DELETED_NRS,
    NULL
  };
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc, n;

  stmt = _casebook_store_prepare (self, "SELECT 1 FROM deletions WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deletion);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, deletion);

      /* Translators: %s is the number of a deletion of cases */
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND,
                   _("The deletion number %s can no longer be undone: the store no longer keeps its cases"),
                   number);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _casebook_store_set_sqlite_error (error, self->db, _("Could not read a deletion"));

  stmt = _casebook_store_prepare (self,
                                  "SELECT id FROM deleted_cases WHERE deletion = ?1 "
                                  "AND id IN (SELECT id FROM cases) ORDER BY nr", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deletion);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (taken, g_strdup (_casebook_store_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not read a deletion"), error);
  sqlite3_reset (stmt);

  if (taken->len > 0 && !run_all (self, drop_taken, deletion, error))
    return FALSE;
  if (!renumber_taken (self, deletion, error))
    return FALSE;

  if (!run (self,
            "INSERT INTO cases (" CASE_COLUMNS ") "
            "SELECT " CASE_COLUMNS " FROM deleted_cases WHERE deletion = ?1 ORDER BY nr",
            deletion, 0, error))
    return FALSE;
  n = sqlite3_changes (self->db);

  if (!run_all (self, restore, deletion, error) ||
      !run (self, "UPDATE case_count SET n = n + ?2 WHERE one = ?1", 1, n, error) ||
      !run_all (self, purge_statements, deletion, error))
    return FALSE;
  self->n_cases = -1;

  *n_restored = (guint) n;
  if (not_restored != NULL)
    {
      g_ptr_array_add (taken, NULL);
      *not_restored = (GStrv) g_ptr_array_free (g_steal_pointer (&taken), FALSE);
    }
  return TRUE;
}

static gboolean
delete_cases (CasebookStore       *self,
              const char * const  *ids,
              gboolean             with_notes,
              gint64              *deletion,
              guint               *n_deleted,
              GError             **error)
{
  gboolean ok;

  if (!_casebook_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  ok = delete_in_transaction (self, ids, with_notes, deletion, n_deleted, error);

  /* The rollback must not be interrupted by a cancellation it follows;
   * only a worker's connection has one (job_thread()). */
  if (self->cancellable != NULL)
    casebook_store_set_cancellable (self, NULL);
  if (!_casebook_store_finish_transaction (self, ok, ok ? error : NULL))
    {
      g_prefix_error (error, "%s: ", _("Could not delete the cases"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
undo_deletion (CasebookStore  *self,
               gint64          deletion,
               guint          *n_restored,
               GStrv          *not_restored,
               GError        **error)
{
  gboolean ok;

  if (!_casebook_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  ok = undo_in_transaction (self, deletion, n_restored, not_restored, error);
  if (self->cancellable != NULL)
    casebook_store_set_cancellable (self, NULL);
  if (!_casebook_store_finish_transaction (self, ok, ok ? error : NULL))
    {
      if (not_restored != NULL)
        g_clear_pointer (not_restored, g_strfreev);
      g_prefix_error (error, "%s: ", _("Could not restore the deleted cases"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
forget_deletion (CasebookStore  *self,
                 gint64          deletion,
                 GError        **error)
{
  gboolean ok;

  if (!_casebook_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  ok = run_all (self, purge_statements, deletion, error);
  return _casebook_store_finish_transaction (self, ok, ok ? error : NULL);
}

/**
 * _casebook_store_purge_deletions:
 *
 * Drops what every deletion left for its Undo, when the store has any:
 * called as the store opens, when no other Casebook has it open, so no
 * Undo can be on offer. Costs one read of a page when there is none.
 */
gboolean
_casebook_store_purge_deletions (CasebookStore  *self,
                                 GError        **error)
{
  static const char * const statements[] = {
    "DELETE FROM deleted_members",
    "DELETE FROM deleted_notes",
    "DELETE FROM deleted_tags",
    "DELETE FROM deleted_technologies",
    "DELETE FROM deleted_outcomes",
    "DELETE FROM deleted_cases",
    "DELETE FROM deletions",
  };
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  stmt = _casebook_store_prepare (self, "SELECT 1 FROM deletions LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return _casebook_store_set_sqlite_error (error, self->db, _("Could not read the deletions"));

  g_debug ("Dropping the cases of deletions that were not undone");
  if (!_casebook_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (statements); i++)
    ok = _casebook_store_exec (self, statements[i], error);

  return _casebook_store_finish_transaction (self, ok, ok ? error : NULL);
}

/**
 * casebook_store_delete_cases:
 * @ids: (array zero-terminated=1): ids of the person's own cases
 * @with_notes: whether the person's notes on them go too; otherwise they
 *   stay in the store (a case added again with the same id finds its note)
 * @n_deleted: (out) (optional): how many cases were deleted
 *
 * Deletes the cases of @ids in one transaction, keeping what an Undo
 * needs in the store (see casebook_store_undo_deletion()). Ids of cases
 * that come with Casebook or from a subscription, or of no case, are left
 * out; when none is left, nothing is done and the error is
 * %CASEBOOK_STORE_ERROR_NOT_FOUND.
 *
 * Returns: the number of the deletion, for casebook_store_undo_deletion()
 *   and casebook_store_forget_deletion(), or 0 on error
 */
gint64
casebook_store_delete_cases (CasebookStore       *self,
                             const char * const  *ids,
                             gboolean             with_notes,
                             guint               *n_deleted,
                             GError             **error)
{
  gint64 deletion = 0;
  guint n = 0;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), 0);
  g_return_val_if_fail (ids != NULL, 0);

  if (!_casebook_store_check_writable (self, error) ||
      !delete_cases (self, ids, with_notes, &deletion, &n, error))
    return 0;

  if (n_deleted != NULL)
    *n_deleted = n;
  _casebook_store_mark_changed (self);
  return deletion;
}

/**
 * casebook_store_undo_deletion:
 * @deletion: what casebook_store_delete_cases() returned
 * @n_restored: (out) (optional): how many cases came back
 * @not_restored: (out) (optional) (transfer full): the ids of the cases
 *   that did not come back because another case has taken their id since,
 *   in the order of the store; empty when all came back
 *
 * Brings the cases of @deletion back in one transaction, each in its old
 * place when nothing took it, with its tags, its places in the
 * collections still there and, if the deletion took it, its note. The
 * deletion is then done with, also for the cases that did not come back.
 * A deletion that was forgotten, or undone already, is refused with
 * %CASEBOOK_STORE_ERROR_NOT_FOUND and a message that names its number.
 */
gboolean
casebook_store_undo_deletion (CasebookStore  *self,
                              gint64          deletion,
                              guint          *n_restored,
                              GStrv          *not_restored,
                              GError        **error)
{
  guint n = 0;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);

  if (!_casebook_store_check_writable (self, error) ||
      !undo_deletion (self, deletion, &n, not_restored, error))
    return FALSE;

  if (n_restored != NULL)
    *n_restored = n;
  _casebook_store_mark_changed (self);
  return TRUE;
}

/**
 * casebook_store_forget_deletion:
 * @deletion: what casebook_store_delete_cases() returned
 *
 * Drops what the store keeps for undoing @deletion, which can then no
 * longer be undone. Forgetting one that is gone already does nothing.
 */
gboolean
casebook_store_forget_deletion (CasebookStore  *self,
                                gint64          deletion,
                                GError        **error)
{
  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);

  return _casebook_store_check_writable (self, error) && forget_deletion (self, deletion, error);
}

/* On a worker thread, with a connection of its own. */

typedef enum
{
  JOB_DELETE,
  JOB_UNDO,
  JOB_FORGET,
} JobKind;

typedef struct
{
  JobKind    kind;
  GPtrArray *ids;
  gboolean   with_notes;
  gint64     deletion;
  guint      n;
  GStrv      not_restored;
  GAsyncReadyCallback callback;
  gpointer   user_data;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->ids, g_ptr_array_unref);
  g_strfreev (job->not_restored);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(CasebookStore) writer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  if (g_task_return_error_if_cancelled (task))
    return;

  writer = _casebook_store_open_writer (source_object, &error);
  if (writer != NULL)
    {
      casebook_store_set_cancellable (writer, cancellable);
      switch (job->kind)
        {
        case JOB_DELETE:
          {
            /* The pointers only, ended by a NULL; the strings are the
             * caller's array's, dropped here rather than on its thread
             * when the caller no longer holds it. */
            g_autoptr(GPtrArray) list = g_ptr_array_sized_new (job->ids->len + 1);

            for (guint i = 0; i < job->ids->len; i++)
              g_ptr_array_add (list, g_ptr_array_index (job->ids, i));
            g_ptr_array_add (list, NULL);
            ok = delete_cases (writer, (const char * const *) list->pdata, job->with_notes,
                               &job->deletion, &job->n, &error);
            g_clear_pointer (&job->ids, g_ptr_array_unref);
          }
          break;
        case JOB_UNDO:
          ok = undo_deletion (writer, job->deletion, &job->n, &job->not_restored, &error);
          break;
        case JOB_FORGET:
          ok = forget_deletion (writer, job->deletion, &error);
          break;
        default:
          g_assert_not_reached ();
        }
      casebook_store_set_cancellable (writer, NULL);
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));

  /* The writer is closed here, on the thread that used it. */
}

/* Runs on the caller's thread: the store's own connection learns that the
 * cases changed, and tells its views, before the caller hears of it. */
static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_had_error (G_TASK (result)) && job->kind != JOB_FORGET)
    _casebook_store_mark_changed (CASEBOOK_STORE (source));

  if (job->callback != NULL)
    job->callback (source, result, job->user_data);
}

static void
start_job (CasebookStore       *self,
           Job                 *job,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  job->callback = callback;
  job->user_data = user_data;

  task = g_task_new (self, cancellable, job_done, NULL);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* A commit that won the race with a late cancel is still a success. */
  g_task_set_check_cancellable (task, FALSE);

  if (!_casebook_store_check_writable (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, job_thread);
}

static Job *
finish_job (CasebookStore  *self,
            GAsyncResult   *result,
            gpointer        source_tag,
            GError        **error)
{
  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  return g_task_get_task_data (G_TASK (result));
}

/**
 * casebook_store_delete_cases_async:
 * @ids: (element-type utf8): ids of the person's own cases; a reference
 *   is taken, and dropped on the worker thread once the ids are read
 * @with_notes: as for casebook_store_delete_cases()
 *
 * Runs casebook_store_delete_cases() on a worker thread with a connection
 * of its own, so that the caller's thread does no work that grows with
 * the number of cases. Cancelling rolls it back, unless its commit came
 * first. The store emits "changed" before @callback runs.
 */
void
casebook_store_delete_cases_async (CasebookStore       *self,
                                   GPtrArray           *ids,
                                   gboolean             with_notes,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Job *job;

  g_return_if_fail (CASEBOOK_IS_STORE (self));
  g_return_if_fail (ids != NULL);

  job = g_new0 (Job, 1);
  job->kind = JOB_DELETE;
  job->ids = g_ptr_array_ref (ids);
  job->with_notes = with_notes;
  start_job (self, job, casebook_store_delete_cases_async, cancellable, callback, user_data);
}

/**
 * casebook_store_delete_cases_finish:
 * @n_deleted: (out) (optional): how many cases were deleted
 *
 * Returns: the number of the deletion, or 0 on error
 */
gint64
casebook_store_delete_cases_finish (CasebookStore  *self,
                                    GAsyncResult   *result,
                                    guint          *n_deleted,
                                    GError        **error)
{
  Job *job = finish_job (self, result, casebook_store_delete_cases_async, error);

  if (job == NULL)
    return 0;
  if (n_deleted != NULL)
    *n_deleted = job->n;
  return job->deletion;
}

/**
 * casebook_store_undo_deletion_async:
 * @deletion: what casebook_store_delete_cases() or its _async form gave
 *
 * Runs casebook_store_undo_deletion() on a worker thread.
 */
void
casebook_store_undo_deletion_async (CasebookStore       *self,
                                    gint64               deletion,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Job *job;

  g_return_if_fail (CASEBOOK_IS_STORE (self));

  job = g_new0 (Job, 1);
  job->kind = JOB_UNDO;
  job->deletion = deletion;
  start_job (self, job, casebook_store_undo_deletion_async, cancellable, callback, user_data);
}

/**
 * casebook_store_undo_deletion_finish:
 * @n_restored: (out) (optional): how many cases came back
 * @not_restored: (out) (optional) (transfer full): as for
 *   casebook_store_undo_deletion()
 */
gboolean
casebook_store_undo_deletion_finish (CasebookStore  *self,
                                     GAsyncResult   *result,
                                     guint          *n_restored,
                                     GStrv          *not_restored,
                                     GError        **error)
{
  Job *job = finish_job (self, result, casebook_store_undo_deletion_async, error);

  if (job == NULL)
    return FALSE;
  if (n_restored != NULL)
    *n_restored = job->n;
  if (not_restored != NULL)
    *not_restored = g_steal_pointer (&job->not_restored);
  return TRUE;
}

/**
 * casebook_store_forget_deletion_async:
 *
 * Runs casebook_store_forget_deletion() on a worker thread: dropping the
 * rows of a large deletion takes as long as writing them.
 */
void
casebook_store_forget_deletion_async (CasebookStore       *self,
                                      gint64               deletion,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  Job *job;

  g_return_if_fail (CASEBOOK_IS_STORE (self));

  job = g_new0 (Job, 1);
  job->kind = JOB_FORGET;
  job->deletion = deletion;
  start_job (self, job, casebook_store_forget_deletion_async, cancellable, callback, user_data);
}

gboolean
casebook_store_forget_deletion_finish (CasebookStore  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  return finish_job (self, result, casebook_store_forget_deletion_async, error) != NULL;
}
