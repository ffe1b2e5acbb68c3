/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "casebook-store-collections.h"
#include "casebook-store-delete.h"
#include "casebook-store-private.h"
#include "casebook-test-util.h"

/* Deleting many cases at once (casebook-store-delete.c): one transaction,
 * what the Undo needs kept in the store, and the store exactly as before
 * once it is undone. */

#define N_OWN 240

/* The tables that hold what a person sees; the search index is checked
 * by its own integrity check instead (its pages differ after a delete
 * and an undo, its content does not). */
static const char * const content_tables[] = {
  "cases", "outcomes", "technologies", "case_tags", "case_notes",
  "collections", "collection_cases", "case_count", "sectors", NULL
};

static const char * const deletion_tables[] = {
  "deletions", "deleted_cases", "deleted_outcomes", "deleted_technologies",
  "deleted_tags", "deleted_notes", "deleted_members", NULL
};

static gint64
query_int (CasebookStore *store,
           const char    *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Every row of the content tables, in the order of their keys. */
static char *
content_digest (CasebookStore *store)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; content_tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", content_tables[i]);
      sqlite3_stmt *stmt = NULL;

      g_checksum_update (sum, (const guchar *) content_tables[i], -1);
      g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int col = 0; col < sqlite3_column_count (stmt); col++)
          {
            guchar type = (guchar) sqlite3_column_type (stmt, col);
            int n = sqlite3_column_bytes (stmt, col);

            g_checksum_update (sum, &type, 1);
            g_checksum_update (sum, (const guchar *) &n, sizeof n);
            if (n > 0)
              g_checksum_update (sum, sqlite3_column_blob (stmt, col), n);
          }
      sqlite3_finalize (stmt);
    }

  return g_strdup (g_checksum_get_string (sum));
}

static gint64
n_kept (CasebookStore *store)
{
  gint64 n = 0;

  for (guint i = 0; deletion_tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", deletion_tables[i]);

      n += query_int (store, sql);
    }
  return n;
}

static void
assert_consistent (CasebookStore *store)
{
  char *message = NULL;

  /* With rank 1, FTS5 also compares the index with what the view gives. */
  if (sqlite3_exec (store->db, "INSERT INTO case_fts (case_fts, rank) VALUES ('integrity-check', 1)",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("the search index is damaged: %s", message);
  g_assert_cmpint (query_int (store, "SELECT n FROM case_count"), ==,
                   query_int (store, "SELECT count(*) FROM cases"));
  g_assert_cmpint ((gint64) casebook_store_get_n_cases (store), ==, query_int (store, "SELECT count(*) FROM cases"));
}

static int
count_commit (void *data)
{
  (*(guint *) data)++;
  return 0;
}

static char *
own_id (guint i)
{
  return g_strdup_printf ("own-%03u", i);
}

/* The bundled cases, N_OWN of the person's own (each with an outcome and
 * a technology), tags on every third, notes on every fifth, and a
 * collection that mixes own and bundled cases. */
static CasebookStore *
make_store (const char *dir)
{
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(GString) cases = g_string_new ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [");
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(CasebookCollection) shortlist = casebook_collection_new ("Shortlist");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_OWN; i++)
    {
      g_autofree char *id = own_id (i);
      g_autofree char *extra = g_strdup_printf (", \"outcomes\": [{\"text\": {\"en\": \"Cost fell by %u%%\"},"
                                                " \"metric\": \"cost\", \"value\": -%u, \"unit\": \"percent\","
                                                " \"better\": \"lower\"}],"
                                                " \"stack\": [{\"role\": {\"en\": \"Platform\"},"
                                                " \"product\": {\"en\": \"Zanzibarware\"}, \"family\": \"containers\"}]",
                                                i % 90 + 1, i % 90 + 1);
      g_autofree char *json = casebook_test_minimal_case (id, extra);

      g_string_append_printf (cases, "%s%s", i > 0 ? ", " : "", json);
    }
  g_string_append (cases, "]}");
  doc = casebook_test_parse (cases->str, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < N_OWN; i++)
    {
      g_autofree char *id = own_id (i);

      if (i % 3 == 0)
        {
          const char *tags[] = { "shortlist", "审计", NULL };

          g_assert_true (casebook_store_set_tags (store, id, tags, &error));
        }
      if (i % 5 == 0)
        {
          g_autofree char *note = g_strdup_printf ("Quokkanote for %s", id);

          g_assert_true (casebook_store_set_note (store, id, note, &error));
        }
      g_assert_no_error (error);
      if (i % 7 == 0)
        g_ptr_array_add (casebook_collection_get_case_ids (shortlist), g_strdup (id));
      if (i % 40 == 0)
        g_ptr_array_add (casebook_collection_get_case_ids (shortlist), g_strdup_printf ("report-%u.1", 2 + i / 40 % 3));
    }
  g_assert_true (casebook_store_create_collection (store, shortlist, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

static GPtrArray *
own_ids (guint from,
         guint to)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = from; i < to; i++)
    g_ptr_array_add (ids, own_id (i));
  g_ptr_array_add (ids, NULL);
  return ids;
}

static void
test_many_in_one_transaction (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = make_store (dir);
  g_autoptr(GPtrArray) ids = own_ids (0, N_OWN);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = casebook_test_snapshot (store);
  g_autofree char *before_digest = content_digest (store);
  g_autofree char *after = NULL;
  g_autofree char *after_digest = NULL;
  g_auto(GStrv) not_restored = NULL;
  gint64 n_cases = (gint64) casebook_store_get_n_cases (store);
  gint64 deletion;
  guint n_commits = 0;
  guint n = 0;

  assert_consistent (store);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM case_fts WHERE case_fts MATCH 'quokkanote'"), ==, N_OWN / 5);

  sqlite3_commit_hook (store->db, count_commit, &n_commits);
  deletion = casebook_store_delete_cases (store, (const char * const *) ids->pdata, FALSE, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpint (deletion, >, 0);
  g_assert_cmpuint (n, ==, N_OWN);
  g_assert_cmpuint (n_commits, ==, 1);

  /* Gone, and from the search index; their notes stay, as asked. */
  g_assert_cmpint ((gint64) casebook_store_get_n_cases (store), ==, n_cases - N_OWN);
  g_assert_false (casebook_store_has_case (store, "own-000"));
  g_assert_false (casebook_store_has_case (store, "own-239"));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM case_fts WHERE case_fts MATCH 'zanzibarware'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM case_tags"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM case_notes"), ==, N_OWN / 5);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM collection_cases"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outcomes o JOIN deleted_cases d ON d.nr = o.case_nr"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deleted_cases"), ==, N_OWN);
  assert_consistent (store);

  n_commits = 0;
  g_assert_true (casebook_store_undo_deletion (store, deletion, &n, &not_restored, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_commits, ==, 1);
  sqlite3_commit_hook (store->db, NULL, NULL);
  g_assert_cmpuint (n, ==, N_OWN);
  g_assert_nonnull (not_restored);
  g_assert_cmpuint (g_strv_length (not_restored), ==, 0);

  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, before, "the export after the undo");
  after_digest = content_digest (store);
  g_assert_cmpstr (after_digest, ==, before_digest);
  g_assert_cmpint (n_kept (store), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM case_fts WHERE case_fts MATCH 'zanzibarware'"), ==, N_OWN);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM case_fts WHERE case_fts MATCH 'quokkanote'"), ==, N_OWN / 5);
  assert_consistent (store);

  /* Undone once, it cannot be undone again; the message names it. */
  g_assert_false (casebook_store_undo_deletion (store, deletion, NULL, NULL, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, deletion);

    g_assert_nonnull (strstr (error->message, number));
  }

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* Deleted with their notes, the notes come back with the Undo; a single
 * case is a deletion like any other. */
static void
test_with_notes (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = make_store (dir);
  g_autoptr(GPtrArray) ids = own_ids (0, 20);
  g_autoptr(GPtrArray) one = own_ids (25, 26);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = casebook_test_snapshot (store);
  g_autofree char *before_digest = content_digest (store);
  g_autofree char *after = NULL;
  g_autofree char *after_digest = NULL;
  g_autofree char *note = NULL;
  gint64 deletion, single;

  deletion = casebook_store_delete_cases (store, (const char * const *) ids->pdata, TRUE, NULL, &error);
  g_assert_no_error (error);
  single = casebook_store_delete_cases (store, (const char * const *) one->pdata, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (single, !=, deletion);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM case_notes"), ==, N_OWN / 5 - 4 - 1);
  note = casebook_store_get_note (store, "own-005", &error);
  g_assert_no_error (error);
  g_assert_null (note);
  assert_consistent (store);

  /* Undone in the other order than they were made. */
  g_assert_true (casebook_store_undo_deletion (store, deletion, NULL, NULL, &error));
  g_assert_true (casebook_store_undo_deletion (store, single, NULL, NULL, &error));
  g_assert_no_error (error);

  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, before, "the export after the undo");
  after_digest = content_digest (store);
  g_assert_cmpstr (after_digest, ==, before_digest);
  note = casebook_store_get_note (store, "own-005", &error);
  g_assert_cmpstr (note, ==, "Quokkanote for own-005");
  assert_consistent (store);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

static void
import_case (CasebookStore *store,
             const char    *id,
             const char    *extra)
{
  g_autofree char *c = casebook_test_minimal_case (id, extra);
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", c);
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = casebook_test_parse (json, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
}

/* A case added since with the id of a deleted one stays; the others come
 * back, and the Undo names the one that did not. */
static void
test_undo_partial (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = make_store (dir);
  g_autoptr(GPtrArray) ids = own_ids (0, 10);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) not_restored = NULL;
  g_autoptr(CasebookCase) c = NULL;
  gint64 n_cases = (gint64) casebook_store_get_n_cases (store);
  gint64 deletion;
  guint n = 0;

  deletion = casebook_store_delete_cases (store, (const char * const *) ids->pdata, FALSE, NULL, &error);
  g_assert_no_error (error);
  import_case (store, "own-003", ", \"lessons\": [{\"en\": \"Replaced\"}]");
  g_assert_true (casebook_store_set_tags (store, "own-003", (const char *[]) { "new", NULL }, &error));

  g_assert_true (casebook_store_undo_deletion (store, deletion, &n, &not_restored, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 9);
  g_assert_cmpuint (g_strv_length (not_restored), ==, 1);
  g_assert_cmpstr (not_restored[0], ==, "own-003");
  g_assert_cmpint ((gint64) casebook_store_get_n_cases (store), ==, n_cases);
  g_assert_true (casebook_store_has_case (store, "own-002"));

  /* The new case keeps its own tags, not those of the deleted one. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM case_tags WHERE case_id = 'own-003'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM case_tags WHERE case_id = 'own-003' AND tag = 'new'"), ==, 1);
  c = casebook_store_get_case (store, "own-003", &error);
  g_assert_no_error (error);
  g_assert_nonnull (c);
  g_assert_cmpint (n_kept (store), ==, 0);
  assert_consistent (store);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* A case whose row number another took since comes back with a new one. */
static void
test_undo_renumbers (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = make_store (dir);
  g_autoptr(GPtrArray) ids = own_ids (N_OWN - 3, N_OWN);
  g_autoptr(GError) error = NULL;
  gint64 last = query_int (store, "SELECT max(nr) FROM cases");
  gint64 deletion;
  guint n = 0;

  deletion = casebook_store_delete_cases (store, (const char * const *) ids->pdata, FALSE, NULL, &error);
  g_assert_no_error (error);
  import_case (store, "fresh-1", "");
  g_assert_cmpint (query_int (store, "SELECT nr FROM cases WHERE id = 'fresh-1'"), ==, last - 2);

  g_assert_true (casebook_store_undo_deletion (store, deletion, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (query_int (store, "SELECT nr FROM cases WHERE id = 'fresh-1'"), ==, last - 2);
  g_assert_cmpint (query_int (store, "SELECT nr FROM cases WHERE id = 'own-237'"), ==, last + 1);
  g_assert_cmpint (query_int (store, "SELECT nr FROM cases WHERE id = 'own-239'"), ==, last);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outcomes o JOIN cases c ON c.nr = o.case_nr "
                                     "WHERE c.id = 'own-237'"), ==, 1);
  assert_consistent (store);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* Forgetting drops what was kept; the cases stay deleted. */
static void
test_forget (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = make_store (dir);
  g_autoptr(GPtrArray) ids = own_ids (0, 50);
  g_autoptr(GPtrArray) others = own_ids (60, 70);
  g_autoptr(GError) error = NULL;
  gint64 deletion, other;

  deletion = casebook_store_delete_cases (store, (const char * const *) ids->pdata, TRUE, NULL, &error);
  other = casebook_store_delete_cases (store, (const char * const *) others->pdata, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deleted_cases"), ==, 60);

  g_assert_true (casebook_store_forget_deletion (store, deletion, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deleted_cases"), ==, 10);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deleted_notes"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deletions"), ==, 1);
  g_assert_false (casebook_store_has_case (store, "own-000"));

  g_assert_false (casebook_store_undo_deletion (store, deletion, NULL, NULL, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The other one is still there to undo. */
  g_assert_true (casebook_store_undo_deletion (store, other, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (casebook_store_has_case (store, "own-065"));
  g_assert_cmpint (n_kept (store), ==, 0);
  assert_consistent (store);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* A deletion not undone when Casebook stopped (a crash) is dropped when
 * the store opens next, unless another Casebook has it open still. */
static void
test_purge_on_reopen (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = make_store (dir);
  g_autoptr(CasebookStore) second = NULL;
  g_autoptr(GPtrArray) ids = own_ids (0, 30);
  g_autoptr(GError) error = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *reopened = NULL;
  gint64 deletion;

  deletion = casebook_store_delete_cases (store, (const char * const *) ids->pdata, TRUE, NULL, &error);
  g_assert_no_error (error);
  deleted = casebook_test_snapshot (store);

  /* Another Casebook opening the store leaves the deletion alone. */
  second = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_assert_cmpint (query_int (second, "SELECT count(*) FROM deleted_cases"), ==, 30);
  g_clear_object (&second);

  g_clear_object (&store);
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_assert_cmpint (n_kept (store), ==, 0);
  reopened = casebook_test_snapshot (store);
  casebook_test_assert_same_text (reopened, deleted, "the store reopened after a deletion");
  g_assert_false (casebook_store_undo_deletion (store, deletion, NULL, NULL, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);
  assert_consistent (store);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* Only the person's own cases go; asked to delete none of them, nothing
 * changes. */
static void
test_own_only (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = make_store (dir);
  const char *mixed[] = { "report-2.1", "own-001", "no-such-case", "own-002", NULL };
  const char *none[] = { "report-2.1", "no-such-case", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n = 0;

  g_assert_cmpint (casebook_store_delete_cases (store, mixed, FALSE, &n, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (casebook_store_has_case (store, "report-2.1"));

  before = content_digest (store);
  g_assert_cmpint (casebook_store_delete_cases (store, none, FALSE, &n, &error), ==, 0);
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);
  after = content_digest (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deletions"), ==, 1);
  assert_consistent (store);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
on_changed (CasebookStore *store,
            guint         *n_changed)
{
  (*n_changed)++;
}

/* On a worker thread: the store's own connection sees the change and
 * tells its views before the caller hears of it. */
static void
test_async (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = make_store (dir);
  g_autoptr(GPtrArray) ids = own_ids (0, N_OWN);
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GAsyncResult) undone = NULL;
  g_autoptr(GAsyncResult) forgotten = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) not_restored = NULL;
  g_autofree char *before = casebook_test_snapshot (store);
  g_autofree char *after = NULL;
  gint64 n_cases = (gint64) casebook_store_get_n_cases (store);
  guint n_changed = 0;
  gint64 deletion;
  guint n = 0;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &n_changed);
  g_ptr_array_remove_index (ids, ids->len - 1);
  casebook_store_delete_cases_async (store, ids, FALSE, NULL, on_done, &deleted);
  deletion = casebook_store_delete_cases_finish (store, wait_for (&deleted), &n, &error);
  g_assert_no_error (error);
  g_assert_cmpint (deletion, >, 0);
  g_assert_cmpuint (n, ==, N_OWN);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpint ((gint64) casebook_store_get_n_cases (store), ==, n_cases - N_OWN);

  casebook_store_undo_deletion_async (store, deletion, NULL, on_done, &undone);
  g_assert_true (casebook_store_undo_deletion_finish (store, wait_for (&undone), &n, &not_restored, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, N_OWN);
  g_assert_cmpuint (g_strv_length (not_restored), ==, 0);
  g_assert_cmpuint (n_changed, ==, 2);
  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, before, "the export after the undo");

  /* Forgetting one that was undone does nothing, and no harm. */
  casebook_store_forget_deletion_async (store, deletion, NULL, on_done, &forgotten);
  g_assert_true (casebook_store_forget_deletion_finish (store, wait_for (&forgotten), &error));
  g_assert_no_error (error);
  assert_consistent (store);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* 7 → 8 adds the tables of deletions and changes nothing else. */
static void
test_upgrade (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = make_store (dir);
  g_autofree char *before = casebook_test_snapshot (store);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) ids = own_ids (0, 5);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN;" CASEBOOK_TEST_DROP_SCHEMA_8 "PRAGMA user_version = 7; COMMIT;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, CASEBOOK_STORE_SCHEMA_VERSION);
  g_assert_cmpint (n_kept (store), ==, 0);
  after = casebook_test_snapshot (store);
  casebook_test_assert_same_text (after, before, "the store after the upgrade to schema 8");
  g_assert_cmpint (casebook_store_delete_cases (store, (const char * const *) ids->pdata, FALSE, NULL, &error), >, 0);
  g_assert_no_error (error);
  assert_consistent (store);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/delete/many-in-one-transaction", test_many_in_one_transaction);
  g_test_add_func ("/store/delete/with-notes", test_with_notes);
  g_test_add_func ("/store/delete/undo-partial", test_undo_partial);
  g_test_add_func ("/store/delete/undo-renumbers", test_undo_renumbers);
  g_test_add_func ("/store/delete/forget", test_forget);
  g_test_add_func ("/store/delete/purge-on-reopen", test_purge_on_reopen);
  g_test_add_func ("/store/delete/own-only", test_own_only);
  g_test_add_func ("/store/delete/async", test_async);
  g_test_add_func ("/store/upgrade/deletion-tables", test_upgrade);

  return g_test_run ();
}
