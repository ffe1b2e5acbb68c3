/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-collate.h"
#include "casebook-store-private.h"

/* The store's tables, and the migrations that build and upgrade them,
 * one schema version at a time; and the sectors every store starts with. */

/* A migration step that SQL alone cannot write, such as computing ICU
 * sort keys; it runs in the migration's transaction, after its SQL. */
typedef gboolean (*MigrationStep) (CasebookStore  *self,
                                   GError        **error);

typedef struct
{
  const char    *sql;
  MigrationStep  step;
} Migration;

static gboolean recompute_zh_sort_keys (CasebookStore  *self,
                                        GError        **error);

/* Migrations only move forward. Migration N takes a store from schema
 * version N to N + 1: its SQL (if any), then its C step (if any). A store
 * is brought from its version to the newest in one transaction, so that
 * a failure at any point leaves it as it was. */
static const Migration migrations[] = {
  /* 0 → 1 */
  { .sql =
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE sectors ("
  "  key      TEXT PRIMARY KEY,"
  "  position INTEGER NOT NULL,"
  "  name_zh  TEXT,"
  "  name_en  TEXT,"
  "  color    TEXT NOT NULL"
  ");"
  "CREATE TABLE metrics ("
  "  key      TEXT PRIMARY KEY,"
  "  position INTEGER NOT NULL,"
  "  name_zh  TEXT,"
  "  name_en  TEXT"
  ");"
  "CREATE TABLE cases ("
  "  nr              INTEGER PRIMARY KEY,"
  "  id              TEXT NOT NULL UNIQUE,"
  "  origin          TEXT NOT NULL CHECK (origin IN ('bundled', 'own')),"
  "  kind            TEXT NOT NULL CHECK (kind IN ('success', 'failure')),"
  "  sector          TEXT NOT NULL REFERENCES sectors (key),"
  "  title_zh        TEXT,"
  "  title_en        TEXT,"
  "  subsector_zh    TEXT,"
  "  subsector_en    TEXT,"
  "  subsector_key   TEXT,"
  "  organization_zh TEXT,"
  "  organization_en TEXT,"
  "  headline_zh     TEXT,"
  "  headline_en     TEXT,"
  "  size            TEXT,"
  "  size_band       TEXT NOT NULL,"
  "  employees       INTEGER,"
  "  period_start    INTEGER,"
  "  period_end      INTEGER,"
  "  approach        TEXT,"
  "  sort_title_zh   TEXT NOT NULL,"
  "  sort_title_en   TEXT NOT NULL,"
  "  sort_period     TEXT NOT NULL,"
  "  sort_size       TEXT NOT NULL,"
  "  doc             TEXT NOT NULL"
  ");"
  "CREATE INDEX cases_by_title_zh ON cases (sort_title_zh, nr);"
  "CREATE INDEX cases_by_title_en ON cases (sort_title_en, nr);"
  "CREATE INDEX cases_by_sector_zh ON cases (sector, sort_title_zh, nr);"
  "CREATE INDEX cases_by_sector_en ON cases (sector, sort_title_en, nr);"
  "CREATE INDEX cases_by_period_zh ON cases (sort_period, sort_title_zh, nr);"
  "CREATE INDEX cases_by_period_en ON cases (sort_period, sort_title_en, nr);"
  "CREATE INDEX cases_by_size_zh ON cases (sort_size, sort_title_zh, nr);"
  "CREATE INDEX cases_by_size_en ON cases (sort_size, sort_title_en, nr);"
  "CREATE TABLE outcomes ("
  "  case_nr  INTEGER NOT NULL REFERENCES cases (nr) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  metric   TEXT,"
  "  value    REAL,"
  "  unit     TEXT,"
  "  baseline REAL,"
  "  better   TEXT,"
  "  PRIMARY KEY (case_nr, position)"
  ") WITHOUT ROWID;"
  "CREATE INDEX outcomes_by_metric ON outcomes (metric);"
  "CREATE TABLE technologies ("
  "  case_nr INTEGER NOT NULL REFERENCES cases (nr) ON DELETE CASCADE,"
  "  product TEXT NOT NULL,"
  "  family  TEXT NOT NULL,"
  "  PRIMARY KEY (case_nr, product)"
  ") WITHOUT ROWID;"
  "CREATE INDEX technologies_by_product ON technologies (product);"
  "CREATE TABLE insights ("
  "  section  TEXT PRIMARY KEY,"
  "  position INTEGER NOT NULL,"
  "  topic    TEXT NOT NULL,"
  "  doc      TEXT NOT NULL"
  ");"
  "CREATE TABLE ranges ("
  "  position INTEGER NOT NULL,"
  "  section  TEXT NOT NULL,"
  "  sector   TEXT NOT NULL,"
  "  metric   TEXT NOT NULL,"
  "  min      REAL NOT NULL,"
  "  max      REAL NOT NULL,"
  "  unit     TEXT NOT NULL,"
  "  better   TEXT NOT NULL,"
  "  text_zh  TEXT,"
  "  text_en  TEXT,"
  "  PRIMARY KEY (section, sector, metric)"
  ");"
  "CREATE TABLE refs ("
  "  number INTEGER PRIMARY KEY,"
  "  text   TEXT NOT NULL"
  ");"
  "CREATE VIRTUAL TABLE case_fts USING fts5 (title, body, tokenize = 'casebook');"
  "INSERT INTO case_fts (case_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');"
  "PRAGMA user_version = 1;" },

  /* 1 → 2: the search index no longer keeps its own copy of every text
   * (a quarter of the store): it reads them, when it must, through a view
   * that derives them from each case's document, as writing a case does.
   * Deleting a row of the index reads the old texts from the view, so the
   * index row of a case is deleted before the case is changed. */
  { .sql =
  "DROP TABLE case_fts;"
  "CREATE VIEW case_fts_source AS"
  "  SELECT nr, casebook_search_text (doc, 0) AS title, casebook_search_text (doc, 1) AS body"
  "  FROM cases;"
  "CREATE VIRTUAL TABLE case_fts USING fts5 (title, body, content = 'case_fts_source',"
  "                                          content_rowid = 'nr', tokenize = 'casebook');"
  "INSERT INTO case_fts (case_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');"
  "INSERT INTO case_fts (case_fts) VALUES ('rebuild');"
  "PRAGMA user_version = 2;" },

  /* 2 → 3: Chinese titles sort by pinyin (ICU collation keys) instead of
   * by code point. Needs only the tables of version 1. */
  { .step = recompute_zh_sort_keys },

  /* 3 → 4: the person's own layer: collections (plain ones with their
   * cases in order, smart ones with a saved filter as JSON), tags and a
   * personal note per case. Tags, notes and memberships name a case by
   * its id, not its row number, so that they outlive the bundled refresh
   * (which writes the bundled cases again) and a deletion that is undone.
   * The search index's body also holds the note and the tags; until now
   * no case has either, so every body stays what it was and the index
   * needs no rebuilding (CASEBOOK_STORE_PERSONAL_TEXT must stay the
   * expression this view appends). */
  { .sql =
  "CREATE TABLE collections ("
  "  id           INTEGER PRIMARY KEY,"
  "  name         TEXT NOT NULL UNIQUE,"
  "  introduction TEXT,"
  "  filter       TEXT"
  ");"
  "CREATE TABLE collection_cases ("
  "  collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,"
  "  case_id       TEXT NOT NULL,"
  "  position      INTEGER NOT NULL,"
  "  PRIMARY KEY (collection_id, case_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX collection_cases_by_position ON collection_cases (collection_id, position);"
  "CREATE INDEX collection_cases_by_case ON collection_cases (case_id);"
  "CREATE TABLE case_tags ("
  "  case_id TEXT NOT NULL,"
  "  tag     TEXT NOT NULL,"
  "  PRIMARY KEY (case_id, tag)"
  ") WITHOUT ROWID;"
  "CREATE INDEX case_tags_by_tag ON case_tags (tag);"
  "CREATE TABLE case_notes ("
  "  case_id TEXT PRIMARY KEY,"
  "  text    TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "DROP VIEW case_fts_source;"
  "CREATE VIEW case_fts_source AS"
  "  SELECT c.nr, casebook_search_text (c.doc, 0) AS title,"
  "         casebook_search_text (c.doc, 1) || " CASEBOOK_STORE_PERSONAL_TEXT ("c.id") " AS body"
  "  FROM cases c;" },

  /* 4 → 5: subscriptions, collections published at a URL whose cases the
   * store keeps read-only. A subscribed case is a row of `cases` like any
   * other, with origin 'own' (which the CHECK of version 1 allows) and
   * `subscription` naming its subscription; every reader maps that to
   * CASEBOOK_ORIGIN_SUBSCRIBED (CASEBOOK_STORE_ORIGIN_SQL). Adding a
   * nullable column only changes the table's definition, and the partial
   * index reads each row once and writes nothing for the existing cases,
   * where rebuilding `cases` to widen its CHECK would copy every document
   * and index (and, with foreign keys on inside the migration's
   * transaction, dropping the old table would delete every outcome and
   * technology row). The column has no REFERENCES clause, so that tests
   * can drop it again; unsubscribing removes the cases before the
   * subscription. Times are Unix seconds, UTC. */
  { .sql =
  "CREATE TABLE subscriptions ("
  "  id            INTEGER PRIMARY KEY,"
  "  url           TEXT NOT NULL UNIQUE,"
  "  name_zh       TEXT,"
  "  name_en       TEXT,"
  "  publisher_zh  TEXT,"
  "  publisher_en  TEXT,"
  "  fetched_at    INTEGER,"
  "  checked_at    INTEGER,"
  "  etag          TEXT,"
  "  last_modified TEXT,"
  "  error         TEXT"
  ");"
  "ALTER TABLE cases ADD COLUMN subscription INTEGER;"
  "CREATE INDEX cases_by_subscription ON cases (subscription) WHERE subscription IS NOT NULL;" },

  /* 5 → 6: every column a facet count or a filter reads from a case, and
   * the sort keys, in one index, so that counting the cases a filter lets
   * through (in all, by facet value, or before a case in an order) reads
   * this index, about 200 bytes a case, instead of the table, where each
   * row carries its document and fills most of a page: at 100,000 cases
   * one facet count read some 800 MB, and a refresh counts nine facets.
   * Building it reads the table once, in the migration's transaction. An
   * import large enough to drop the secondary indexes drops and builds
   * this one with them. */
  { .sql =
  "CREATE INDEX cases_by_facets ON cases (sector, kind, size_band, approach, period_start, period_end,"
  "                                       origin, subscription, subsector_key, subsector_zh, subsector_en, id,"
  "                                       sort_title_zh, sort_title_en, sort_period, sort_size);" },

  /* 6 → 7: the number of cases, kept in the same transaction as every
   * row added to or removed from `cases` (casebook-store-write.c).
   * Counting them took reading a whole index (580 pages at 100,000 cases,
   * about 20 ms), on the main thread before the window's first frame;
   * every row that comes or goes now costs a one-row update instead. */
  { .sql =
  "CREATE TABLE case_count ("
  "  one INTEGER PRIMARY KEY CHECK (one = 1),"
  "  n   INTEGER NOT NULL"
  ");"
  "INSERT INTO case_count (one, n) SELECT 1, count(*) FROM cases;" },

  /* 7 → 8: what undoing a deletion of many cases needs, kept in the store
   * rather than in memory (casebook-store-delete.c). A deletion moves the
   * rows of its cases, with their derived rows, tags, places in
   * collections and, when asked, notes, into these tables under its
   * number, in the transaction that deletes them; undoing moves them back
   * and forgetting drops them. Nothing here is indexed: the tables hold
   * only the deletions whose Undo is still on offer, normally none, and
   * every statement on them reads them once; an index would only slow the
   * deletion down. */
  { .sql =
  "CREATE TABLE deletions ("
  "  id         INTEGER PRIMARY KEY,"
  "  with_notes INTEGER NOT NULL"
  ");"
  "CREATE TABLE deleted_cases ("
  "  deletion        INTEGER NOT NULL,"
  "  nr              INTEGER NOT NULL,"
  "  id              TEXT NOT NULL,"
  "  origin          TEXT NOT NULL,"
  "  kind            TEXT NOT NULL,"
  "  sector          TEXT NOT NULL,"
  "  title_zh        TEXT,"
  "  title_en        TEXT,"
  "  subsector_zh    TEXT,"
  "  subsector_en    TEXT,"
  "  subsector_key   TEXT,"
  "  organization_zh TEXT,"
  "  organization_en TEXT,"
  "  headline_zh     TEXT,"
  "  headline_en     TEXT,"
  "  size            TEXT,"
  "  size_band       TEXT NOT NULL,"
  "  employees       INTEGER,"
  "  period_start    INTEGER,"
  "  period_end      INTEGER,"
  "  approach        TEXT,"
  "  sort_title_zh   TEXT NOT NULL,"
  "  sort_title_en   TEXT NOT NULL,"
  "  sort_period     TEXT NOT NULL,"
  "  sort_size       TEXT NOT NULL,"
  "  doc             TEXT NOT NULL"
  ");"
  "CREATE TABLE deleted_outcomes ("
  "  deletion INTEGER NOT NULL,"
  "  case_nr  INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  metric   TEXT,"
  "  value    REAL,"
  "  unit     TEXT,"
  "  baseline REAL,"
  "  better   TEXT"
  ");"
  "CREATE TABLE deleted_technologies ("
  "  deletion INTEGER NOT NULL,"
  "  case_nr  INTEGER NOT NULL,"
  "  product  TEXT NOT NULL,"
  "  family   TEXT NOT NULL"
  ");"
  "CREATE TABLE deleted_tags ("
  "  deletion INTEGER NOT NULL,"
  "  case_id  TEXT NOT NULL,"
  "  tag      TEXT NOT NULL"
  ");"
  "CREATE TABLE deleted_notes ("
  "  deletion INTEGER NOT NULL,"
  "  case_id  TEXT NOT NULL,"
  "  text     TEXT NOT NULL"
  ");"
  "CREATE TABLE deleted_members ("
  "  deletion      INTEGER NOT NULL,"
  "  collection_id INTEGER NOT NULL,"
  "  case_id       TEXT NOT NULL,"
  "  position      INTEGER NOT NULL"
  ");" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CASEBOOK_STORE_SCHEMA_VERSION);

/* The Chinese sort key of every case, computed again from its title the
 * way writing a case computes it (the Chinese title, else the English).
 * The cases are read in batches, each read whole before its keys are
 * written, so that no statement steps over rows being changed and memory
 * stays bounded however many cases there are. */
static gboolean
recompute_zh_sort_keys (CasebookStore  *self,
                        GError        **error)
{
  enum { BATCH = 512 };
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) nrs = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 after = G_MININT64;

  for (;;)
    {
      sqlite3_stmt *stmt;
      int rc;

      stmt = _casebook_store_prepare (self,
                                      "SELECT nr, coalesce(title_zh, title_en, '') FROM cases "
                                      "WHERE nr > ?1 ORDER BY nr LIMIT ?2", error);
      if (stmt == NULL)
        return FALSE;

      g_ptr_array_set_size (titles, 0);
      g_array_set_size (nrs, 0);
      sqlite3_bind_int64 (stmt, 1, after);
      sqlite3_bind_int (stmt, 2, BATCH);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 nr = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (nrs, nr);
          g_ptr_array_add (titles, g_strdup (_casebook_store_column_text (stmt, 1)));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _casebook_store_set_sqlite_error (error, self->db, _("Could not read the titles of the cases"));

      for (guint i = 0; i < nrs->len; i++)
        {
          g_autofree char *key = casebook_collate_key (g_ptr_array_index (titles, i), CASEBOOK_LANG_ZH);

          stmt = _casebook_store_prepare (self, "UPDATE cases SET sort_title_zh = ?2 WHERE nr = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, g_array_index (nrs, gint64, i));
          _casebook_store_bind_text (stmt, 2, key);
          if (!_casebook_store_step_done (self, stmt, error))
            return FALSE;
        }

      if (nrs->len < BATCH)
        return TRUE;
      after = g_array_index (nrs, gint64, nrs->len - 1);
    }
}

/* The sectors of the report, which every store has: key, Chinese name,
 * English name and colour. */
static const char * const builtin_sectors[][4] = {
  { "finance", "金融", "Finance", "#1c71d8" },
  { "manufacturing", "制造业", "Manufacturing", "#e66100" },
  { "internet", "互联网", "Internet", "#2ec27e" },
  { "government", "政府机构", "Government", "#9141ac" },
};

/* Reads the schema version without the statement cache, before anything
 * else has been asked of a file. Returns SQLITE_OK and sets @version, or
 * the SQLite error. */
int
_casebook_store_read_user_version (CasebookStore *self,
                                   int           *version)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *version = sqlite3_column_int (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  return rc;
}

void
_casebook_store_set_newer_schema_error (CasebookStore  *self,
                                        int             version,
                                        GError        **error)
{
  g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NEWER_SCHEMA,
               _("The store “%s” was written by a newer version of Casebook "
                 "(schema version %d; this version understands up to %d). "
                 "It was left unchanged; update Casebook to open it."),
               self->path, version, CASEBOOK_STORE_SCHEMA_VERSION);
}

/* Brings the store up to CASEBOOK_STORE_SCHEMA_VERSION in one
 * transaction; a store from a newer Casebook is refused. */
gboolean
_casebook_store_migrate (CasebookStore  *self,
                         GError        **error)
{
  int v = 0;

  if (!_casebook_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Another Casebook started at the same moment may have upgraded the
   * store while this one waited for the lock, so the version is read
   * again inside the transaction that changes it. */
  if (_casebook_store_read_user_version (self, &v) != SQLITE_OK)
    {
      _casebook_store_set_sqlite_error (error, self->db, _("Could not read the schema version of the store"));
      _casebook_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  if (v > CASEBOOK_STORE_SCHEMA_VERSION)
    {
      _casebook_store_exec (self, "ROLLBACK", NULL);
      _casebook_store_set_newer_schema_error (self, v, error);
      return FALSE;
    }

  for (int from = v; from < CASEBOOK_STORE_SCHEMA_VERSION; from++)
    {
      const Migration *m = &migrations[from];
      g_autoptr(GError) local_error = NULL;
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", from + 1);

      if ((m->sql != NULL && !_casebook_store_exec (self, m->sql, &local_error)) ||
          (m->step != NULL && !m->step (self, &local_error)) ||
          !_casebook_store_exec (self, set_version, &local_error))
        {
          _casebook_store_exec (self, "ROLLBACK", NULL);
          g_set_error (error, CASEBOOK_STORE_ERROR, local_error->code,
                       _("Could not upgrade the store from schema version %d: %s"),
                       from, local_error->message);
          return FALSE;
        }
    }

  if (!_casebook_store_exec (self, "COMMIT", error))
    {
      _casebook_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  return TRUE;
}

/* Reading is enough on every start but the first, so that opening a store
 * never waits for another Casebook that is in the middle of a long import. */
gboolean
_casebook_store_has_builtin_sectors (CasebookStore *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_sectors); i++)
    {
      sqlite3_stmt *stmt = _casebook_store_prepare (self, "SELECT 1 FROM sectors WHERE key = ?1", NULL);
      gboolean found;

      if (stmt == NULL)
        return FALSE;

      _casebook_store_bind_text (stmt, 1, builtin_sectors[i][0]);
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);

      if (!found)
        return FALSE;
    }

  return TRUE;
}

/* Adds the built-in sectors a store lacks, in the caller's transaction. */
gboolean
_casebook_store_ensure_builtin_sectors (CasebookStore  *self,
                                        GError        **error)
{
  sqlite3_stmt *stmt;

  for (guint i = 0; i < G_N_ELEMENTS (builtin_sectors); i++)
    {
      stmt = _casebook_store_prepare (self,
                                      "INSERT OR IGNORE INTO sectors (key, position, name_zh, name_en, color) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;

      _casebook_store_bind_text (stmt, 1, builtin_sectors[i][0]);
      sqlite3_bind_int (stmt, 2, (int) i + 1);
      _casebook_store_bind_text (stmt, 3, builtin_sectors[i][1]);
      _casebook_store_bind_text (stmt, 4, builtin_sectors[i][2]);
      _casebook_store_bind_text (stmt, 5, builtin_sectors[i][3]);

      if (!_casebook_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _casebook_store_builtin_sector:
 * @key: a sector key
 *
 * Returns: (nullable): the key, Chinese name, English name and colour of
 *   the built-in sector @key, or %NULL if @key is none of them
 */
const char * const *
_casebook_store_builtin_sector (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_sectors); i++)
    if (g_strcmp0 (builtin_sectors[i][0], key) == 0)
      return builtin_sectors[i];

  return NULL;
}
