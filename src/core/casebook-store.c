/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "casebook-case-check.h"
#include "casebook-core-resources.h"
#include "casebook-escape.h"
#include "casebook-file-io.h"
#include "casebook-json.h"
#include "casebook-filter.h"
#include "casebook-store.h"
#include "casebook-store-file.h"
#include "casebook-tokenizer.h"

/**
 * CasebookStore:
 *
 * The local SQLite store that everything Casebook shows is read from.
 *
 * Each case is kept whole as interchange JSON in `cases.doc`; the other
 * columns of `cases`, and the `outcomes`, `technologies` and `case_fts`
 * tables, are derived from it in the same transaction, for listing,
 * filtering, charts and search. Every statement is prepared from a
 * constant string and bound, and cached for the life of the store.
 */
struct _CasebookStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *sqlite_path;  /* what SQLite opens: @path, or a URI for it */
  char       *moved_aside;
  GHashTable *statements;
  GCancellable *cancellable;
  gulong      cancelled_id;
  gboolean    read_only;
  CasebookStoreFileKind kind;  /* what the file was before it was opened */
  int         n_cases;
  guint64     generation;
  CasebookCatalog *catalog;
  guint64     catalog_generation;
  gint64      catalog_data_version;

  /* Where each case that casebook_store_delete_case() removed stood (id to
   * row number), so that undoing the deletion puts it back in its place. */
  GHashTable *deleted_nrs;
};

G_DEFINE_FINAL_TYPE (CasebookStore, casebook_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (casebook-store-error-quark, casebook_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How long a statement waits for another connection's lock before it
 * gives up and says so; CASEBOOK_BUSY_TIMEOUT_MS overrides it, so that
 * tests of a busy store need not wait five seconds. */
#define BUSY_TIMEOUT_MS 5000

/* How many of a query's matches are scored for ranking; see
 * casebook_store_search_filtered(). */
#define SEARCH_CANDIDATES 1000
#define BUNDLED_RESOURCE "/io/github/casebook/Casebook/casebook-seed.json"

/* Migrations only move forward. Migration N takes a store from schema
 * version N to N + 1; each runs in its own transaction, together with the
 * user_version update at its end. */
static const char * const migrations[] = {
  /* 0 → 1 */
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
  "PRAGMA user_version = 1;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CASEBOOK_STORE_SCHEMA_VERSION);

/* Colours for sectors that a user's file adds without naming one. They
 * come from the GNOME palette and stay apart from the four built-in ones. */
static const char * const extra_sector_colors[] = {
  "#c01c28", "#986a44", "#1a5fb4", "#26a269", "#a51d2d", "#613583",
  "#63452c", "#c64600", "#5e5c64", "#e5a50a", "#3584e4", "#2ec27e",
};

static const char * const builtin_sectors[][4] = {
  { "finance", "金融", "Finance", "#1c71d8" },
  { "manufacturing", "制造业", "Manufacturing", "#e66100" },
  { "internet", "互联网", "Internet", "#2ec27e" },
  { "government", "政府机构", "Government", "#9141ac" },
};

static int
busy_timeout_ms (void)
{
  const char *value = g_getenv ("CASEBOOK_BUSY_TIMEOUT_MS");
  guint64 ms;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, 600000, &ms, NULL))
    return (int) ms;

  return BUSY_TIMEOUT_MS;
}

static gboolean
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  const char  *what)
{
  int code = sqlite3_extended_errcode (db);
  int primary = code & 0xff;
  CasebookStoreError kind = CASEBOOK_STORE_ERROR_FAILED;

  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    kind = CASEBOOK_STORE_ERROR_BUSY;
  else if (primary == SQLITE_READONLY)
    kind = CASEBOOK_STORE_ERROR_READ_ONLY;
  else if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    kind = CASEBOOK_STORE_ERROR_CORRUPT;
  else if (primary == SQLITE_FULL)
    kind = CASEBOOK_STORE_ERROR_NO_SPACE;
  else if (primary == SQLITE_IOERR)
    kind = CASEBOOK_STORE_ERROR_IO;

  /* These three are what a person can do something about, so the message
   * says what happened in plain words and what to do next. */
  if (kind == CASEBOOK_STORE_ERROR_BUSY)
    {
      int ms = busy_timeout_ms ();
      g_autofree char *wait = ms % 1000 == 0
                              ? g_strdup_printf ("%d s", ms / 1000)
                              : g_strdup_printf ("%.1f s", ms / 1000.0);

      g_set_error (error, CASEBOOK_STORE_ERROR, kind,
                   "%s: another program is changing the store and kept it locked for more than %s. "
                   "Wait until it has finished (it may be another Casebook importing a file) "
                   "or close it, then try again",
                   what, wait);
    }
  else if (kind == CASEBOOK_STORE_ERROR_NO_SPACE)
    g_set_error (error, CASEBOOK_STORE_ERROR, kind,
                 "%s: the disk is full. Free some space on it, then try again", what);
  else if (kind == CASEBOOK_STORE_ERROR_IO)
    g_set_error (error, CASEBOOK_STORE_ERROR, kind,
                 "%s: the disk reported an error (%s). Check that it is still connected "
                 "and working, then try again", what, sqlite3_errmsg (db));
  else
    g_set_error (error, CASEBOOK_STORE_ERROR, kind, "%s: %s", what, sqlite3_errmsg (db));

  return FALSE;
}

static sqlite3_stmt *
prepare (CasebookStore  *self,
         const char     *sql,
         GError        **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  /* sqlite3_interrupt() only stops statements that are running, so a
   * query that would start after its cancellable was cancelled stops here. */
  if (self->cancellable != NULL && g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return NULL;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      /* Reading the schema can be interrupted too. */
      if ((sqlite3_errcode (self->db) & 0xff) == SQLITE_INTERRUPT)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Could not prepare a query: cancelled");
      else
        set_sqlite_error (error, self->db, "Could not prepare a query");
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
exec (CasebookStore  *self,
      const char     *sql,
      GError        **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (error, self->db, "Could not change the store");
  return TRUE;
}

static gboolean
step_done (CasebookStore  *self,
           sqlite3_stmt   *stmt,
           GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_sqlite_error (error, self->db, "Could not change the store");

  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
casebook_store_finalize (GObject *object)
{
  CasebookStore *self = (CasebookStore *)object;

  /* Waits for a cancel handler running on another thread, which must not
   * interrupt a connection that is being closed. */
  casebook_store_set_cancellable (self, NULL);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->sqlite_path, g_free);
  g_clear_pointer (&self->moved_aside, g_free);
  g_clear_pointer (&self->deleted_nrs, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (casebook_store_parent_class)->finalize (object);
}

static void
casebook_store_class_init (CasebookStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = casebook_store_finalize;

  /**
   * CasebookStore::changed:
   *
   * Emitted after a transaction changed the cases in the store.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
casebook_store_init (CasebookStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  self->n_cases = -1;
  self->deleted_nrs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * casebook_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/casebook/casebook.db`
 */
char *
casebook_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "casebook", "casebook.db", NULL);
}

static gboolean
path_is_uri (const char *path)
{
  /* `:memory:` is no file either: there is nothing to check, create or
   * move aside. The fuzzers and tests keep their stores there. */
  return g_str_has_prefix (path, "file:") || g_str_equal (path, ":memory:");
}

static gboolean
uri_is_read_only (const char *path)
{
  const char *query = strchr (path, '?');

  return query != NULL && (strstr (query, "mode=ro") != NULL || strstr (query, "immutable=1") != NULL);
}

static int
read_user_version (CasebookStore *self,
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

/* Returns SQLITE_OK and sets @ok, or an SQLite error code. */
static int
quick_check (CasebookStore *self,
             gboolean      *ok,
             char         **first_problem)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *ok = FALSE;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *result = column_text (stmt, 0);

      *ok = g_strcmp0 (result, "ok") == 0;
      if (!*ok && first_problem != NULL)
        *first_problem = g_strdup (result);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  return rc;
}

static void
set_newer_schema_error (CasebookStore  *self,
                        int             version,
                        GError        **error)
{
  g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NEWER_SCHEMA,
               "The store “%s” was written by a newer version of Casebook "
               "(schema version %d; this version understands up to %d). "
               "It was left unchanged; update Casebook to open it.",
               self->path, version, CASEBOOK_STORE_SCHEMA_VERSION);
}

static gboolean
migrate (CasebookStore  *self,
         GError        **error)
{
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      int v = 0;

      if (!exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      /* Another Casebook started at the same moment may have upgraded the
       * store while this one waited for the lock, so the version is read
       * again inside the transaction that changes it. */
      if (read_user_version (self, &v) != SQLITE_OK)
        {
          set_sqlite_error (error, self->db, "Could not read the schema version of the store");
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }

      if (v >= CASEBOOK_STORE_SCHEMA_VERSION)
        {
          exec (self, "ROLLBACK", NULL);
          if (v > CASEBOOK_STORE_SCHEMA_VERSION)
            {
              set_newer_schema_error (self, v, error);
              return FALSE;
            }
          return TRUE;
        }

      if (!exec (self, migrations[v], &local_error))
        {
          exec (self, "ROLLBACK", NULL);
          g_set_error (error, CASEBOOK_STORE_ERROR, local_error->code,
                       "Could not upgrade the store from schema version %d: %s",
                       v, local_error->message);
          return FALSE;
        }

      if (!exec (self, "COMMIT", error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
}

/* Even reading a store in WAL mode takes the -shm index beside it. A
 * store someone else owns, in a folder this user may not write to, has
 * none once its owner quit, and SQLite cannot create one. With no log
 * left to replay, the file alone holds everything, and can be read as
 * immutable. */
static gboolean
can_read_immutable (CasebookStore *self,
                    int            rc)
{
  g_autofree char *wal = NULL;
  GStatBuf st;

  if (!self->read_only || path_is_uri (self->path))
    return FALSE;
  if ((rc & 0xff) != SQLITE_READONLY && (rc & 0xff) != SQLITE_CANTOPEN)
    return FALSE;

  wal = g_strconcat (self->path, "-wal", NULL);
  return g_stat (wal, &st) != 0 || st.st_size == 0;
}

static char *
immutable_uri (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);

  return g_strdup_printf ("file:%s?mode=ro&immutable=1", escaped);
}

/* Even a read-only connection to a store in WAL mode creates the -wal
 * and -shm files beside it when it can, and leaves them there owned by
 * the reader. When no Casebook has the store open (there is no log and no
 * index) the file alone holds everything, and is read as immutable, which
 * creates nothing. */
static void
read_without_log (CasebookStore *self)
{
  g_autofree char *file = _casebook_store_file_from_uri (self->path);
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  if (!self->read_only || file == NULL || !_casebook_store_file_is_wal_mode (file))
    return;

  wal = g_strconcat (file, "-wal", NULL);
  shm = g_strconcat (file, "-shm", NULL);
  if (g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (shm, G_FILE_TEST_EXISTS))
    return;

  g_free (self->sqlite_path);
  if (g_str_has_prefix (self->path, "file:"))
    self->sqlite_path = g_strconcat (self->path, strchr (self->path, '?') != NULL ? "&" : "?",
                                     "immutable=1", NULL);
  else
    self->sqlite_path = immutable_uri (self->path);
}

/* Stamps a new store, or one written before stores were stamped, as
 * Casebook's, before anything else is written to it. */
static gboolean
stamp (CasebookStore  *self,
       GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean stamped = FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA application_id", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    stamped = (guint32) sqlite3_column_int (stmt, 0) == CASEBOOK_STORE_APPLICATION_ID;
  sqlite3_finalize (stmt);

  if (stamped)
    return TRUE;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!exec (self, "PRAGMA application_id = " G_STRINGIFY (CASEBOOK_STORE_APPLICATION_ID), error) ||
      !exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  return TRUE;
}

typedef enum
{
  OPEN_OK,
  OPEN_FAILED,
  OPEN_CORRUPT,
} OpenResult;

static OpenResult
open_database (CasebookStore  *self,
               GError        **error)
{
  int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
  int version = 0;
  gboolean ok = FALSE;
  g_autofree char *problem = NULL;
  int rc;

  flags |= self->read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  read_without_log (self);

  for (gboolean retried = FALSE; ; retried = TRUE)
    {
      rc = sqlite3_open_v2 (self->sqlite_path, &self->db, flags, NULL);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_FAILED,
                       "Could not open the store “%s”: %s", self->path,
                       self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
          return OPEN_FAILED;
        }

      sqlite3_extended_result_codes (self->db, 1);
      sqlite3_busy_timeout (self->db, busy_timeout_ms ());

      if (!self->read_only && sqlite3_db_readonly (self->db, "main") == 1)
        self->read_only = TRUE;

      if (!casebook_tokenizer_register (self->db, error))
        return OPEN_FAILED;

      /* Read the version and check the file before anything writes to it:
       * even switching to WAL would write to a store we must not touch. */
      rc = read_user_version (self, &version);
      if (rc == SQLITE_OK || retried || !can_read_immutable (self, rc))
        break;

      sqlite3_close (self->db);
      self->db = NULL;
      g_free (self->sqlite_path);
      self->sqlite_path = immutable_uri (self->path);
    }

  if (rc == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
    return OPEN_CORRUPT;
  if ((rc & 0xff) == SQLITE_BUSY)
    {
      set_sqlite_error (error, self->db, "Could not open the store");
      return OPEN_FAILED;
    }
  if (self->read_only && ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN))
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY,
                   "Could not read the store “%s”: it belongs to another user, was not closed "
                   "properly, and its folder may not be written to. Ask its owner to start and "
                   "quit Casebook once, or copy the store to a folder of your own", self->path);
      return OPEN_FAILED;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_FAILED,
                   "Could not read the store “%s”: %s", self->path, sqlite3_errmsg (self->db));
      return OPEN_FAILED;
    }

  if (version > CASEBOOK_STORE_SCHEMA_VERSION)
    {
      set_newer_schema_error (self, version, error);
      return OPEN_FAILED;
    }

  rc = quick_check (self, &ok, &problem);
  if (rc == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT || (rc == SQLITE_OK && !ok))
    return OPEN_CORRUPT;
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, "Could not check the store");
      return OPEN_FAILED;
    }

  if (!self->read_only && !stamp (self, error))
    return OPEN_FAILED;

  if (!self->read_only && !exec (self, "PRAGMA journal_mode = WAL", error))
    return OPEN_FAILED;

  /* In WAL mode, NORMAL still never corrupts the store; it only lets the
   * last transaction be lost if the machine loses power. A larger cache
   * keeps a big import's index pages in memory instead of spilling them
   * to the log halfway, and the log is cut back after a checkpoint. */
  if (!self->read_only &&
      !exec (self, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; "
                   "PRAGMA journal_size_limit = 67108864", error))
    return OPEN_FAILED;

  if (!exec (self, "PRAGMA foreign_keys = ON", error))
    return OPEN_FAILED;

  if (version < CASEBOOK_STORE_SCHEMA_VERSION)
    {
      if (self->read_only)
        {
          g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY,
                       version == 0
                       ? "The store “%s” is read-only and holds no Casebook collection yet"
                       : "The store “%s” is read-only and needs an upgrade to the current schema",
                       self->path);
          return OPEN_FAILED;
        }

      if (!migrate (self, error))
        return OPEN_FAILED;
    }

  return OPEN_OK;
}

static void
close_database (CasebookStore *self)
{
  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
}

/* Keeps a damaged store, and its journal files, under a new name with a
 * timestamp, so that nothing is ever deleted. */
static gboolean
move_aside (CasebookStore  *self,
            GError        **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.corrupt-%s", self->path, stamp);
  static const char * const suffixes[] = { "-wal", "-shm" };

  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.corrupt-%s-%u", self->path, stamp, n);
    }

  if (g_rename (self->path, target) != 0)
    {
      int saved = errno;

      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_CORRUPT,
                   "The store “%s” is damaged, and could not be moved aside: %s",
                   self->path, g_strerror (saved));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  g_free (self->moved_aside);
  self->moved_aside = g_steal_pointer (&target);

  return TRUE;
}

/* Reading is enough on every start but the first, so that opening a store
 * never waits for another Casebook that is in the middle of a long import. */
static gboolean
has_builtin_sectors (CasebookStore *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_sectors); i++)
    {
      sqlite3_stmt *stmt = prepare (self, "SELECT 1 FROM sectors WHERE key = ?1", NULL);
      gboolean found;

      if (stmt == NULL)
        return FALSE;

      bind_text (stmt, 1, builtin_sectors[i][0]);
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);

      if (!found)
        return FALSE;
    }

  return TRUE;
}

static gboolean
ensure_builtin_sectors (CasebookStore  *self,
                        GError        **error)
{
  sqlite3_stmt *stmt;

  for (guint i = 0; i < G_N_ELEMENTS (builtin_sectors); i++)
    {
      stmt = prepare (self,
                      "INSERT OR IGNORE INTO sectors (key, position, name_zh, name_en, color) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;

      bind_text (stmt, 1, builtin_sectors[i][0]);
      sqlite3_bind_int (stmt, 2, (int) i + 1);
      bind_text (stmt, 3, builtin_sectors[i][1]);
      bind_text (stmt, 4, builtin_sectors[i][2]);
      bind_text (stmt, 5, builtin_sectors[i][3]);

      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * casebook_store_open:
 * @path: a file name, an SQLite `file:` URI (such as `file:x.db?mode=ro`),
 *   or `:memory:` for a store that lives and dies with the object
 * @flags: how to open it
 *
 * Opens the store, creating it (and loading the bundled collection, unless
 * %CASEBOOK_STORE_NO_BUNDLED) on first use, and upgrading its schema when
 * needed. A store from a newer Casebook is refused and left as it is. A
 * damaged store is moved aside under a name with a timestamp and a new one
 * is created; casebook_store_get_moved_aside() then says where it went.
 * A store that cannot be written is opened read-only.
 *
 * Returns: (transfer full) (nullable): the store
 */
CasebookStore *
casebook_store_open (const char          *path,
                     CasebookStoreFlags   flags,
                     GError             **error)
{
  g_autoptr(CasebookStore) self = NULL;
  g_autofree char *file = NULL;
  OpenResult result;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CASEBOOK_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->sqlite_path = g_strdup (path);
  self->read_only = (flags & CASEBOOK_STORE_READ_ONLY) != 0;
  self->kind = CASEBOOK_STORE_FILE_MISSING;

  /* Look at the file before SQLite does: SQLite would write its tables into
   * any database, and start afresh over any other file as if it were a
   * damaged store. Only a missing or empty file, or a store, goes on. */
  file = _casebook_store_file_from_uri (path);
  if (file != NULL)
    {
      if (!_casebook_store_file_identify (file, &self->kind, error))
        return NULL;

      if (self->kind == CASEBOOK_STORE_FILE_UNSTAMPED && !_casebook_store_file_is_old_store (file))
        self->kind = CASEBOOK_STORE_FILE_SQLITE;

      if (self->kind != CASEBOOK_STORE_FILE_MISSING && self->kind != CASEBOOK_STORE_FILE_EMPTY &&
          self->kind != CASEBOOK_STORE_FILE_OURS && self->kind != CASEBOOK_STORE_FILE_UNSTAMPED)
        {
          _casebook_store_file_set_not_a_store_error (error, file, self->kind);
          return NULL;
        }
    }

  if (path_is_uri (path))
    {
      if (uri_is_read_only (path))
        self->read_only = TRUE;
    }
  else if (self->kind != CASEBOOK_STORE_FILE_MISSING)
    {
      /* Nothing can be written where SQLite cannot create its journal. */
      if (access (path, W_OK) != 0 || !_casebook_store_file_folder_is_writable (path))
        self->read_only = TRUE;
    }
  else if (!self->read_only)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;

          if (saved == EACCES)
            {
              _casebook_store_file_check_folder (path, error);
              return NULL;
            }

          g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_FAILED,
                       "Could not create the folder “%s” for the store: %s",
                       dir, g_strerror (saved));
          return NULL;
        }

      if (!_casebook_store_file_folder_is_writable (path))
        {
          g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY,
                       _("Could not create the store “%s”: this user may not write to the folder “%s”. "
                         "Choose a store in a folder of your own, or ask its owner for write access"),
                       path, dir);
          return NULL;
        }
    }

  result = open_database (self, error);

  if (result == OPEN_CORRUPT)
    {
      close_database (self);

      /* Only a file that is Casebook's is ever moved aside. */
      if (self->kind != CASEBOOK_STORE_FILE_OURS && self->kind != CASEBOOK_STORE_FILE_UNSTAMPED)
        {
          g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_CORRUPT,
                       _("“%s” cannot be read: SQLite reports it as damaged, and it carries no mark "
                         "of a Casebook store, so it was left as it is. Choose another file for the store"),
                       path);
          return NULL;
        }

      if (self->read_only || path_is_uri (path))
        {
          g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_CORRUPT,
                       "The store “%s” is damaged and cannot be read. It was opened read-only, "
                       "so Casebook left it as it is: restore it from a backup, or open it "
                       "read-write to have it moved aside and a new store created", path);
          return NULL;
        }

      if (!move_aside (self, error))
        return NULL;

      g_warning ("The store %s was damaged; it was moved to %s", path, self->moved_aside);
      result = open_database (self, error);
      if (result == OPEN_CORRUPT)
        g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_CORRUPT,
                     "Could not create a new store at “%s”", path);
    }

  if (result != OPEN_OK)
    return NULL;

  if (!self->read_only && !has_builtin_sectors (self))
    {
      if (!exec (self, "BEGIN IMMEDIATE", error))
        return NULL;
      if (!ensure_builtin_sectors (self, error) || !exec (self, "COMMIT", error))
        {
          exec (self, "ROLLBACK", NULL);
          return NULL;
        }
    }

  if (!self->read_only && (flags & CASEBOOK_STORE_NO_BUNDLED) == 0)
    {
      g_autoptr(CasebookDocument) bundled = casebook_bundled_document (error);

      if (bundled == NULL)
        return NULL;

      if (casebook_document_get_revision (bundled) > casebook_store_get_bundled_revision (self) &&
          !casebook_store_refresh_bundled (self, bundled, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

static int
on_progress (void *user_data)
{
  CasebookStore *self = user_data;

  return self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable);
}

/**
 * casebook_store_open_reader:
 *
 * Opens a second, read-only connection to the same store, for queries
 * that run on a worker thread while the window goes on using @self. Each
 * connection must only be used by one thread at a time.
 *
 * Returns: (transfer full) (nullable): the reader
 */
CasebookStore *
casebook_store_open_reader (CasebookStore  *self,
                            GError        **error)
{
  g_autoptr(CasebookStore) reader = NULL;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  reader = g_object_new (CASEBOOK_TYPE_STORE, NULL);
  reader->path = g_strdup (self->path);
  reader->sqlite_path = g_strdup (self->sqlite_path);
  reader->read_only = TRUE;

  rc = sqlite3_open_v2 (self->sqlite_path, &reader->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_FAILED,
                   "Could not open the store “%s” for reading: %s", self->path,
                   reader->db != NULL ? sqlite3_errmsg (reader->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (reader->db, 1);
  sqlite3_busy_timeout (reader->db, busy_timeout_ms ());
  sqlite3_progress_handler (reader->db, 1000, on_progress, reader);

  if (!casebook_tokenizer_register (reader->db, error))
    return NULL;

  return g_steal_pointer (&reader);
}

/* Runs on the thread that cancels. The progress handler only runs between
 * instructions of SQLite's VM, and one instruction can be long (FTS5
 * reading and ranking every match of a term), so the statement is
 * interrupted as well; sqlite3_interrupt() may be called from any thread. */
static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  CasebookStore *self = user_data;

  if (self->db != NULL)
    sqlite3_interrupt (self->db);
}

/**
 * casebook_store_set_cancellable:
 * @cancellable: (nullable): cancels the queries running on this connection
 *
 * A query of this connection stops soon after @cancellable is cancelled,
 * from any thread, and fails with %G_IO_ERROR_CANCELLED; so does any query
 * started after that.
 */
void
casebook_store_set_cancellable (CasebookStore *self,
                                GCancellable  *cancellable)
{
  g_return_if_fail (CASEBOOK_IS_STORE (self));

  if (self->cancellable == cancellable)
    return;

  if (self->cancelled_id != 0)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  self->cancelled_id = 0;

  g_set_object (&self->cancellable, cancellable);
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);
  if (self->db != NULL)
    sqlite3_progress_handler (self->db, 1000, on_progress, self);
}

const char *
casebook_store_get_path (CasebookStore *self)
{
  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  return self->path;
}

gboolean
casebook_store_is_read_only (CasebookStore *self)
{
  g_return_val_if_fail (CASEBOOK_IS_STORE (self), TRUE);
  return self->read_only;
}

/**
 * casebook_store_get_moved_aside:
 *
 * Returns: (nullable): where a damaged store was moved when it was opened,
 *   or %NULL if it was sound
 */
const char *
casebook_store_get_moved_aside (CasebookStore *self)
{
  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  return self->moved_aside;
}

/**
 * casebook_store_get_generation:
 *
 * Returns: a number that grows with every change to the cases, so that
 *   caches can tell whether they are stale
 */
guint64
casebook_store_get_generation (CasebookStore *self)
{
  g_return_val_if_fail (CASEBOOK_IS_STORE (self), 0);
  return self->generation;
}

/**
 * casebook_store_get_n_cases:
 *
 * The number of cases, counted once and then kept up to date.
 */
guint
casebook_store_get_n_cases (CasebookStore *self)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), 0);

  if (self->n_cases >= 0)
    return (guint) self->n_cases;

  stmt = prepare (self, "SELECT count(*) FROM cases", NULL);
  if (stmt == NULL)
    return 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->n_cases = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return self->n_cases >= 0 ? (guint) self->n_cases : 0;
}

static void
mark_changed (CasebookStore *self)
{
  self->n_cases = -1;
  self->generation++;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Reading ----------------------------------------------------------- */

/**
 * casebook_store_has_case:
 *
 * Returns: %TRUE if a case with @id is in the store
 */
gboolean
casebook_store_has_case (CasebookStore *self,
                         const char    *id)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);

  stmt = prepare (self, "SELECT 1 FROM cases WHERE id = ?1", NULL);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return found;
}

/**
 * casebook_store_get_case:
 * @id: the case's id
 *
 * Loads the whole case.
 *
 * Returns: (transfer full) (nullable): the case
 */
CasebookCase *
casebook_store_get_case (CasebookStore  *self,
                         const char     *id,
                         GError        **error)
{
  sqlite3_stmt *stmt;
  CasebookCase *c = NULL;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = prepare (self, "SELECT doc, origin FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      c = casebook_json_case_from_string (column_text (stmt, 0), error);
      if (c != NULL)
        casebook_case_set_origin (c, g_strcmp0 (column_text (stmt, 1), "bundled") == 0
                                     ? CASEBOOK_ORIGIN_BUNDLED : CASEBOOK_ORIGIN_OWN);
    }
  else if (rc == SQLITE_DONE)
    {
      /* The id may be anything a person typed, of any length. */
      g_autofree char *quoted = casebook_quote_value (id);

      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND,
                   "There is no case with the id “%s”", quoted);
    }
  else
    set_sqlite_error (error, self->db, "Could not read a case");

  sqlite3_reset (stmt);
  return c;
}

#define SUMMARY_COLUMNS \
  "c.nr, c.id, c.kind, c.origin, c.sector, c.title_zh, c.title_en, " \
  "c.organization_zh, c.organization_en, c.headline_zh, c.headline_en, " \
  "c.size, c.employees, c.period_start, c.period_end, c.approach"

static CasebookCaseSummary *
summary_from_row (sqlite3_stmt *stmt)
{
  CasebookCaseSummaryData data = { 0 };

  data.nr = sqlite3_column_int64 (stmt, 0);
  data.id = column_text (stmt, 1);
  casebook_kind_from_key (column_text (stmt, 2), &data.kind);
  data.origin = g_strcmp0 (column_text (stmt, 3), "bundled") == 0
                ? CASEBOOK_ORIGIN_BUNDLED : CASEBOOK_ORIGIN_OWN;
  data.sector = column_text (stmt, 4);
  data.title.zh = (char *) column_text (stmt, 5);
  data.title.en = (char *) column_text (stmt, 6);
  data.organization.zh = (char *) column_text (stmt, 7);
  data.organization.en = (char *) column_text (stmt, 8);
  data.headline.zh = (char *) column_text (stmt, 9);
  data.headline.en = (char *) column_text (stmt, 10);
  if (!casebook_size_from_key (column_text (stmt, 11), &data.size))
    data.size = CASEBOOK_SIZE_UNKNOWN;
  data.employees = sqlite3_column_type (stmt, 12) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 12);
  data.period_start = sqlite3_column_int (stmt, 13);
  data.period_end = sqlite3_column_int (stmt, 14);
  if (!casebook_approach_from_key (column_text (stmt, 15), &data.approach))
    data.approach = CASEBOOK_APPROACH_NONE;

  return casebook_case_summary_new (&data);
}

static CasebookText *
text_from_columns (sqlite3_stmt *stmt,
                   int           zh,
                   int           en)
{
  return casebook_text_new (column_text (stmt, zh), column_text (stmt, en));
}

static int
compare_facet_values (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const CasebookFacetValue *va = *(CasebookFacetValue * const *) a;
  const CasebookFacetValue *vb = *(CasebookFacetValue * const *) b;

  if (va->count != vb->count)
    return va->count > vb->count ? -1 : 1;
  return g_strcmp0 (va->key, vb->key);
}

/* Filters. Each facet is one bound parameter holding a JSON array of the
 * chosen values, or NULL for "any"; the SQL is the same whatever is
 * chosen. Each facet-count query leaves out its own facet, so that every
 * count reflects the other facets' choices. */
#define F_SECTOR     "(:sectors IS NULL OR c.sector IN (SELECT value FROM json_each(:sectors)))"
#define F_SUBSECTOR  "(:subsectors IS NULL OR (c.sector || '/' || c.subsector_key) IN (SELECT value FROM json_each(:subsectors)))"
#define F_KIND       "(:kinds IS NULL OR c.kind IN (SELECT value FROM json_each(:kinds)))"
#define F_APPROACH   "(:approaches IS NULL OR coalesce(c.approach, '') IN (SELECT value FROM json_each(:approaches)))"
#define F_TECH       "(:technologies IS NULL OR EXISTS (SELECT 1 FROM technologies t WHERE t.case_nr = c.nr " \
                     "AND t.product IN (SELECT value FROM json_each(:technologies))))"
#define F_SIZE       "(:sizes IS NULL OR c.size_band IN (SELECT value FROM json_each(:sizes)))"
#define F_YEAR       "(:years IS NULL OR EXISTS (SELECT 1 FROM json_each(:years) y " \
                     "WHERE y.value BETWEEN c.period_start AND c.period_end))"
#define F_MATCH      "(:match IS NULL OR c.nr IN (SELECT rowid FROM case_fts WHERE case_fts MATCH :match))"

#define F_ALL \
  F_SECTOR " AND " F_SUBSECTOR " AND " F_KIND " AND " F_APPROACH " AND " \
  F_TECH " AND " F_SIZE " AND " F_YEAR " AND " F_MATCH

/* Sort orders. Each is: the key columns a row reports for its cursor,
 * the ORDER BY list (ending with the row number, which breaks every tie),
 * and the two sides of the row-value comparison that starts a page after
 * a cursor. The title order has one key, the others two. */
#define O_TITLE_ZH   "c.sort_title_zh, NULL", "c.sort_title_zh, c.nr", "(c.sort_title_zh, c.nr)", "(:k1, :nr)"
#define O_TITLE_EN   "c.sort_title_en, NULL", "c.sort_title_en, c.nr", "(c.sort_title_en, c.nr)", "(:k1, :nr)"
#define O_SECTOR_ZH  "c.sector, c.sort_title_zh", "c.sector, c.sort_title_zh, c.nr", \
                     "(c.sector, c.sort_title_zh, c.nr)", "(:k1, :k2, :nr)"
#define O_SECTOR_EN  "c.sector, c.sort_title_en", "c.sector, c.sort_title_en, c.nr", \
                     "(c.sector, c.sort_title_en, c.nr)", "(:k1, :k2, :nr)"
#define O_PERIOD_ZH  "c.sort_period, c.sort_title_zh", "c.sort_period, c.sort_title_zh, c.nr", \
                     "(c.sort_period, c.sort_title_zh, c.nr)", "(:k1, :k2, :nr)"
#define O_PERIOD_EN  "c.sort_period, c.sort_title_en", "c.sort_period, c.sort_title_en, c.nr", \
                     "(c.sort_period, c.sort_title_en, c.nr)", "(:k1, :k2, :nr)"
#define O_SIZE_ZH    "c.sort_size, c.sort_title_zh", "c.sort_size, c.sort_title_zh, c.nr", \
                     "(c.sort_size, c.sort_title_zh, c.nr)", "(:k1, :k2, :nr)"
#define O_SIZE_EN    "c.sort_size, c.sort_title_en", "c.sort_size, c.sort_title_en, c.nr", \
                     "(c.sort_size, c.sort_title_en, c.nr)", "(:k1, :k2, :nr)"

/* With no filter, the statements leave out the filter terms, so that a
 * page, or a skip over many pages, reads the sort index alone. */
#define W_ALL  F_ALL
#define W_NONE "1"

#define LIST_FIRST_(w, keys, order, lhs, rhs) \
  "SELECT " SUMMARY_COLUMNS ", " keys " FROM cases c WHERE " w " ORDER BY " order " LIMIT :limit"
#define LIST_NEXT_(w, keys, order, lhs, rhs) \
  "SELECT " SUMMARY_COLUMNS ", " keys " FROM cases c WHERE " w " AND " lhs " > " rhs \
  " ORDER BY " order " LIMIT :limit"
#define SKIP_FIRST_(w, keys, order, lhs, rhs) \
  "SELECT " keys ", c.nr FROM cases c WHERE " w " ORDER BY " order " LIMIT :limit"
#define SKIP_NEXT_(w, keys, order, lhs, rhs) \
  "SELECT " keys ", c.nr FROM cases c WHERE " w " AND " lhs " > " rhs " ORDER BY " order " LIMIT :limit"
#define POSITION_(w, keys, order, lhs, rhs) \
  "SELECT count(*) FROM cases c WHERE " w " AND " lhs " < (SELECT " order " FROM cases c WHERE c.id = :id)"

#define LIST_FIRST(w, o) LIST_FIRST_ (w, o)
#define LIST_NEXT(w, o) LIST_NEXT_ (w, o)
#define SKIP_FIRST(w, o) SKIP_FIRST_ (w, o)
#define SKIP_NEXT(w, o) SKIP_NEXT_ (w, o)
#define POSITION(w, o) POSITION_ (w, o)

#define FOR_EACH_ORDER(M, w) \
  { { M (w, O_TITLE_ZH), M (w, O_TITLE_EN) }, \
    { M (w, O_SECTOR_ZH), M (w, O_SECTOR_EN) }, \
    { M (w, O_PERIOD_ZH), M (w, O_PERIOD_EN) }, \
    { M (w, O_SIZE_ZH), M (w, O_SIZE_EN) } }

#define FOR_EACH_FILTER(M) { FOR_EACH_ORDER (M, W_NONE), FOR_EACH_ORDER (M, W_ALL) }

typedef const char * const OrderStatements[2][CASEBOOK_N_SORTS][CASEBOOK_N_LANGS];

static OrderStatements list_first_sql = FOR_EACH_FILTER (LIST_FIRST);
static OrderStatements list_next_sql = FOR_EACH_FILTER (LIST_NEXT);
static OrderStatements skip_first_sql = FOR_EACH_FILTER (SKIP_FIRST);
static OrderStatements skip_next_sql = FOR_EACH_FILTER (SKIP_NEXT);
static OrderStatements position_sql = FOR_EACH_FILTER (POSITION);

/* Whether @filter narrows anything down: facets, or a query with
 * something to search for. */
static gboolean
filter_is_active (CasebookFilter *filter)
{
  g_autofree char *match = NULL;

  if (filter == NULL)
    return FALSE;
  if (casebook_filter_has_facets (filter))
    return TRUE;

  match = casebook_search_build_match (casebook_filter_get_query (filter));
  return match != NULL;
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    bind_text (stmt, index, value);
}

static void
bind_named_int64 (sqlite3_stmt *stmt,
                  const char   *name,
                  gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

/* Binds what @filter chose to the statement's filter parameters; a NULL
 * filter, or an empty facet, binds NULL, which reads as "any". */
static void
bind_filter (sqlite3_stmt   *stmt,
             CasebookFilter *filter)
{
  static const char * const names[CASEBOOK_N_FACETS] = {
    ":sectors", ":subsectors", ":kinds", ":approaches", ":technologies", ":sizes", ":years",
  };

  for (guint i = 0; i < CASEBOOK_N_FACETS; i++)
    {
      g_autofree char *json = filter != NULL ? casebook_filter_to_json (filter, i) : NULL;

      bind_named_text (stmt, names[i], json);
    }

  {
    g_autofree char *match = filter != NULL
      ? casebook_search_build_match (casebook_filter_get_query (filter)) : NULL;

    bind_named_text (stmt, ":match", match);
  }
}

static gboolean
query_failed (CasebookStore  *self,
              sqlite3_stmt   *stmt,
              int             rc,
              const char     *what,
              GError        **error)
{
  sqlite3_reset (stmt);

  if (rc == SQLITE_INTERRUPT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s: cancelled", what);
      return FALSE;
    }

  return set_sqlite_error (error, self->db, what);
}

/**
 * casebook_store_count:
 * @filter: (nullable): what to count, or %NULL for every case
 *
 * Returns: the number of cases that match @filter, or 0 on error
 */
guint
casebook_store_count (CasebookStore   *self,
                      CasebookFilter  *filter,
                      GError         **error)
{
  sqlite3_stmt *stmt;
  guint count = 0;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), 0);

  if (filter == NULL || (!casebook_filter_has_facets (filter) && casebook_filter_get_query (filter) == NULL))
    return casebook_store_get_n_cases (self);

  stmt = prepare (self, "SELECT count(*) FROM cases c WHERE " F_ALL, error);
  if (stmt == NULL)
    return 0;

  bind_filter (stmt, filter);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      query_failed (self, stmt, rc, "Could not count the cases", error);
      return 0;
    }

  count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/**
 * casebook_store_list:
 * @filter: (nullable): which cases, or %NULL for all
 * @sort: the order
 * @lang: the language whose titles set the order
 * @after: (nullable): where the previous page ended, or %NULL for the
 *   first page
 * @limit: the most rows to return
 * @last: (out caller-allocates) (optional): where this page ends
 *
 * Pages through the matching cases by key, never by offset, so every page
 * costs the same however deep it lies.
 *
 * Returns: (transfer full) (element-type CasebookCaseSummary): the rows
 */
GPtrArray *
casebook_store_list (CasebookStore         *self,
                     CasebookFilter        *filter,
                     CasebookSort           sort,
                     CasebookLang           lang,
                     const CasebookCursor  *after,
                     guint                  limit,
                     CasebookCursor        *last,
                     GError               **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean active;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (sort < CASEBOOK_N_SORTS, NULL);

  active = filter_is_active (filter);
  stmt = prepare (self, after != NULL ? list_next_sql[active][sort][lang] : list_first_sql[active][sort][lang], error);
  if (stmt == NULL)
    return NULL;

  bind_filter (stmt, filter);
  bind_named_int64 (stmt, ":limit", MIN (limit, G_MAXINT));
  if (after != NULL)
    {
      bind_named_text (stmt, ":k1", after->k1);
      bind_named_text (stmt, ":k2", after->k2);
      bind_named_int64 (stmt, ":nr", after->nr);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookCaseSummary *row = summary_from_row (stmt);

      g_ptr_array_add (rows, row);
      if (last != NULL)
        {
          casebook_cursor_clear (last);
          last->k1 = g_strdup (column_text (stmt, 16));
          last->k2 = g_strdup (column_text (stmt, 17));
          last->nr = casebook_case_summary_get_nr (row);
        }
    }

  if (rc != SQLITE_DONE)
    {
      query_failed (self, stmt, rc, "Could not list the cases", error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

/**
 * casebook_store_skip:
 * @after: (nullable): where to start, or %NULL for the beginning
 * @count: how many rows to step over
 * @last: (out caller-allocates): the last row stepped over
 * @n_skipped: (out): how many rows there were (fewer than @count at the end)
 *
 * Steps over rows of the order, reading only their keys. A list that
 * jumps far ahead uses it to find where a page starts, without OFFSET and
 * without loading the rows between.
 */
gboolean
casebook_store_skip (CasebookStore         *self,
                     CasebookFilter        *filter,
                     CasebookSort           sort,
                     CasebookLang           lang,
                     const CasebookCursor  *after,
                     guint                  count,
                     CasebookCursor        *last,
                     guint                 *n_skipped,
                     GError               **error)
{
  sqlite3_stmt *stmt;
  gboolean active;
  guint n = 0;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (sort < CASEBOOK_N_SORTS, FALSE);

  active = filter_is_active (filter);
  stmt = prepare (self, after != NULL ? skip_next_sql[active][sort][lang] : skip_first_sql[active][sort][lang], error);
  if (stmt == NULL)
    return FALSE;

  bind_filter (stmt, filter);
  bind_named_int64 (stmt, ":limit", MIN (count, G_MAXINT));
  if (after != NULL)
    {
      bind_named_text (stmt, ":k1", after->k1);
      bind_named_text (stmt, ":k2", after->k2);
      bind_named_int64 (stmt, ":nr", after->nr);
    }

  casebook_cursor_clear (last);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      n++;
      if (n == count)
        {
          last->k1 = g_strdup (column_text (stmt, 0));
          last->k2 = g_strdup (column_text (stmt, 1));
          last->nr = sqlite3_column_int64 (stmt, 2);
        }
    }

  if (rc != SQLITE_DONE)
    return query_failed (self, stmt, rc, "Could not list the cases", error);

  sqlite3_reset (stmt);
  *n_skipped = n;
  return TRUE;
}

/**
 * casebook_store_skip_pages:
 * @after: (nullable): where to start, or %NULL for the beginning
 * @page_size: rows per page
 * @max_pages: how many pages to step over at most
 * @cursors: (element-type CasebookCursor): receives, for every full page
 *   stepped over, the cursor of its last row
 *
 * Like casebook_store_skip(), but in one pass over the index for many
 * pages at once, so that a list jumping to its end reads each key once.
 */
gboolean
casebook_store_skip_pages (CasebookStore         *self,
                           CasebookFilter        *filter,
                           CasebookSort           sort,
                           CasebookLang           lang,
                           const CasebookCursor  *after,
                           guint                  page_size,
                           guint                  max_pages,
                           GArray                *cursors,
                           GError               **error)
{
  sqlite3_stmt *stmt;
  gboolean active;
  guint64 n = 0;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (sort < CASEBOOK_N_SORTS, FALSE);
  g_return_val_if_fail (page_size > 0, FALSE);

  active = filter_is_active (filter);
  stmt = prepare (self, after != NULL ? skip_next_sql[active][sort][lang] : skip_first_sql[active][sort][lang], error);
  if (stmt == NULL)
    return FALSE;

  bind_filter (stmt, filter);
  bind_named_int64 (stmt, ":limit", MIN ((guint64) page_size * max_pages, G_MAXINT));
  if (after != NULL)
    {
      bind_named_text (stmt, ":k1", after->k1);
      bind_named_text (stmt, ":k2", after->k2);
      bind_named_int64 (stmt, ":nr", after->nr);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (++n % page_size == 0)
        {
          CasebookCursor cursor = { g_strdup (column_text (stmt, 0)), g_strdup (column_text (stmt, 1)),
                                    sqlite3_column_int64 (stmt, 2) };

          g_array_append_val (cursors, cursor);
        }
    }

  if (rc != SQLITE_DONE)
    return query_failed (self, stmt, rc, "Could not list the cases", error);

  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * casebook_store_position:
 * @id: a case
 *
 * Where @id stands in the order, so that a selection can follow its case
 * when the filter or the order changes.
 *
 * Returns: the position, or -1 if the case does not match @filter
 */
gint64
casebook_store_position (CasebookStore   *self,
                         CasebookFilter  *filter,
                         CasebookSort     sort,
                         CasebookLang     lang,
                         const char      *id,
                         GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 position = -1;
  gboolean matches;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), -1);
  g_return_val_if_fail (sort < CASEBOOK_N_SORTS, -1);

  if (id == NULL)
    return -1;

  stmt = prepare (self, "SELECT count(*) FROM cases c WHERE c.id = :id AND " F_ALL, error);
  if (stmt == NULL)
    return -1;
  bind_filter (stmt, filter);
  bind_named_text (stmt, ":id", id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      query_failed (self, stmt, rc, "Could not find a case", error);
      return -1;
    }
  matches = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);

  if (!matches)
    return -1;

  stmt = prepare (self, position_sql[filter_is_active (filter)][sort][lang], error);
  if (stmt == NULL)
    return -1;
  bind_filter (stmt, filter);
  bind_named_text (stmt, ":id", id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      query_failed (self, stmt, rc, "Could not find a case", error);
      return -1;
    }
  position = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return position;
}

/**
 * casebook_store_search_filtered:
 * @filter: the query and the facets to search within
 * @limit: the most results to return
 *
 * Full-text search over every text of every case, in both languages,
 * best match first, among the cases the facets of @filter allow. When a
 * query matches more than 1,000 cases, the newest 1,000 of them are
 * ranked. See
 * casebook_search_build_match() for how the query is read; no query can
 * inject FTS5 syntax. A query with nothing to search for matches nothing.
 *
 * Returns: (transfer full) (element-type CasebookCaseSummary): the matches
 */
GPtrArray *
casebook_store_search_filtered (CasebookStore   *self,
                                CasebookFilter  *filter,
                                guint            limit,
                                GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (CASEBOOK_IS_FILTER (filter), NULL);

  match = casebook_search_build_match (casebook_filter_get_query (filter));
  if (match == NULL)
    return g_steal_pointer (&rows);

  /* Scoring every match of a broad query (one Chinese character can match
   * nearly every case) costs about a microsecond a row, far more than a
   * frame at 100,000 cases. So only the newest SEARCH_CANDIDATES matches
   * that pass the facets are scored and ranked. Below that many matches,
   * which is every query a person narrows down, the ranking is exact. */
  if (!casebook_filter_has_facets (filter))
    stmt = prepare (self,
                    "SELECT " SUMMARY_COLUMNS " FROM "
                    "(SELECT rowid AS nr, bm25(case_fts, 10.0, 1.0) AS score FROM case_fts "
                    " WHERE case_fts MATCH :match ORDER BY rowid DESC LIMIT :candidates) AS hits "
                    "JOIN cases c ON c.nr = hits.nr ORDER BY hits.score, c.nr LIMIT :limit", error);
  else
    stmt = prepare (self,
                    "WITH candidates AS ("
                    "  SELECT f.rowid AS nr FROM case_fts f JOIN cases c ON c.nr = f.rowid "
                    "  WHERE f.case_fts MATCH :match AND " F_SECTOR " AND " F_SUBSECTOR " AND " F_KIND
                    "  AND " F_APPROACH " AND " F_TECH " AND " F_SIZE " AND " F_YEAR
                    "  ORDER BY f.rowid DESC LIMIT :candidates) "
                    "SELECT " SUMMARY_COLUMNS " FROM "
                    "(SELECT rowid AS nr, bm25(case_fts, 10.0, 1.0) AS score FROM case_fts "
                    " WHERE case_fts MATCH :match AND rowid IN (SELECT nr FROM candidates)) AS hits "
                    "JOIN cases c ON c.nr = hits.nr ORDER BY hits.score, c.nr LIMIT :limit", error);
  if (stmt == NULL)
    return NULL;

  bind_filter (stmt, filter);
  bind_named_int64 (stmt, ":limit", MIN (limit, G_MAXINT));
  bind_named_int64 (stmt, ":candidates", MAX (limit, SEARCH_CANDIDATES));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, summary_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      query_failed (self, stmt, rc, "Could not search", error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

/**
 * casebook_store_search:
 * @query: free text, as a person typed it
 * @limit: the most results to return
 *
 * Searches every case; see casebook_store_search_filtered().
 *
 * Returns: (transfer full) (element-type CasebookCaseSummary): the matches
 */
GPtrArray *
casebook_store_search (CasebookStore  *self,
                       const char     *query,
                       guint           limit,
                       GError        **error)
{
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();

  casebook_filter_set_query (filter, query);
  return casebook_store_search_filtered (self, filter, limit, error);
}

static const char * const facet_sql[CASEBOOK_N_FACETS] = {
  [CASEBOOK_FACET_SECTOR] =
    "SELECT c.sector, NULL, NULL, count(*) FROM cases c WHERE "
    F_SUBSECTOR " AND " F_KIND " AND " F_APPROACH " AND " F_TECH " AND " F_SIZE " AND " F_YEAR " AND " F_MATCH
    " GROUP BY c.sector",
  [CASEBOOK_FACET_SUBSECTOR] =
    "SELECT c.sector || '/' || c.subsector_key, min(c.subsector_zh), min(c.subsector_en), count(*) "
    "FROM cases c WHERE c.subsector_key IS NOT NULL AND "
    F_SECTOR " AND " F_KIND " AND " F_APPROACH " AND " F_TECH " AND " F_SIZE " AND " F_YEAR " AND " F_MATCH
    " GROUP BY 1",
  [CASEBOOK_FACET_KIND] =
    "SELECT c.kind, NULL, NULL, count(*) FROM cases c WHERE "
    F_SECTOR " AND " F_SUBSECTOR " AND " F_APPROACH " AND " F_TECH " AND " F_SIZE " AND " F_YEAR " AND " F_MATCH
    " GROUP BY c.kind",
  [CASEBOOK_FACET_APPROACH] =
    "SELECT coalesce(c.approach, ''), NULL, NULL, count(*) FROM cases c WHERE "
    F_SECTOR " AND " F_SUBSECTOR " AND " F_KIND " AND " F_TECH " AND " F_SIZE " AND " F_YEAR " AND " F_MATCH
    " GROUP BY 1",
  [CASEBOOK_FACET_TECHNOLOGY] =
    "SELECT t.product, NULL, NULL, count(*) FROM technologies t JOIN cases c ON c.nr = t.case_nr WHERE "
    F_SECTOR " AND " F_SUBSECTOR " AND " F_KIND " AND " F_APPROACH " AND " F_SIZE " AND " F_YEAR " AND " F_MATCH
    " GROUP BY t.product",
  [CASEBOOK_FACET_SIZE] =
    "SELECT c.size_band, NULL, NULL, count(*) FROM cases c WHERE "
    F_SECTOR " AND " F_SUBSECTOR " AND " F_KIND " AND " F_APPROACH " AND " F_TECH " AND " F_YEAR " AND " F_MATCH
    " GROUP BY c.size_band",
  [CASEBOOK_FACET_YEAR] =
    "WITH RECURSIVE years (y) AS ("
    "  SELECT min(period_start) FROM cases"
    "  UNION ALL SELECT y + 1 FROM years WHERE y < (SELECT max(period_end) FROM cases)) "
    "SELECT years.y, NULL, NULL, count(*) FROM years JOIN cases c "
    "ON c.period_start <= years.y AND c.period_end >= years.y WHERE years.y IS NOT NULL AND "
    F_SECTOR " AND " F_SUBSECTOR " AND " F_KIND " AND " F_APPROACH " AND " F_TECH " AND " F_SIZE " AND " F_MATCH
    " GROUP BY years.y",
};

/**
 * casebook_store_count_facets:
 * @filter: (nullable): the current choices
 *
 * Counts, for every value of every facet, the cases that have it and
 * match the choices made in the other facets. Values without cases are
 * left out.
 *
 * Returns: (transfer full) (element-type CasebookFacetValue): the values,
 *   facet by facet, most frequent first within a facet
 */
GPtrArray *
casebook_store_count_facets (CasebookStore   *self,
                             CasebookFilter  *filter,
                             GError         **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_facet_value_free);

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  for (guint facet = 0; facet < CASEBOOK_N_FACETS; facet++)
    {
      sqlite3_stmt *stmt = prepare (self, facet_sql[facet], error);
      guint first = values->len;
      int rc;

      if (stmt == NULL)
        return NULL;

      bind_filter (stmt, filter);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          CasebookFacetValue *value = casebook_facet_value_new ();

          value->facet = (int) facet;
          value->key = g_strdup (column_text (stmt, 0));
          if (sqlite3_column_type (stmt, 1) != SQLITE_NULL || sqlite3_column_type (stmt, 2) != SQLITE_NULL)
            value->label = text_from_columns (stmt, 1, 2);
          value->count = (guint) sqlite3_column_int64 (stmt, 3);
          g_ptr_array_add (values, value);
        }

      if (rc != SQLITE_DONE)
        {
          query_failed (self, stmt, rc, "Could not count the filters", error);
          return NULL;
        }
      sqlite3_reset (stmt);

      /* Most frequent first; years in calendar order. */
      if (facet != CASEBOOK_FACET_YEAR)
        g_qsort_with_data (values->pdata + first, (int) (values->len - first),
                           sizeof (gpointer), compare_facet_values, NULL);
    }

  return g_steal_pointer (&values);
}

/**
 * casebook_store_list_related:
 * @id: a case
 * @limit: the most cases to return
 *
 * The cases most like @id: those that share the most technologies with it,
 * and those of its sector, in that order of weight.
 *
 * Returns: (transfer full) (element-type CasebookCaseSummary): the related
 *   cases, most related first
 */
GPtrArray *
casebook_store_list_related (CasebookStore  *self,
                             const char     *id,
                             guint           limit,
                             GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  /* Candidates come through the indexes: cases sharing a product, and
   * cases of the same sector. Each shared product weighs one, the sector
   * two, so a same-sector case with one shared product beats a case that
   * only shares two products with another sector. */
  stmt = prepare (self,
                  "WITH self AS (SELECT nr, sector FROM cases WHERE id = ?1), "
                  "shared AS (SELECT t.case_nr AS nr, count(*) AS n FROM technologies t "
                  "  WHERE t.product IN (SELECT product FROM technologies WHERE case_nr = (SELECT nr FROM self)) "
                  "  GROUP BY t.case_nr), "
                  "candidates AS (SELECT nr FROM shared UNION "
                  "  SELECT nr FROM cases WHERE sector = (SELECT sector FROM self)) "
                  "SELECT " SUMMARY_COLUMNS ", "
                  "  coalesce((SELECT n FROM shared WHERE shared.nr = c.nr), 0) "
                  "  + 2 * (c.sector = (SELECT sector FROM self)) AS score "
                  "FROM candidates JOIN cases c ON c.nr = candidates.nr "
                  "WHERE c.nr != (SELECT nr FROM self) "
                  "ORDER BY score DESC, c.nr LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, (int) MIN (limit, G_MAXINT));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, summary_from_row (stmt));

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "Could not find related cases");
      return NULL;
    }

  return g_steal_pointer (&rows);
}


/**
 * casebook_store_list_sectors:
 *
 * Returns: (transfer full) (element-type CasebookSector): every sector, in
 *   the order they were added
 */
GPtrArray *
casebook_store_list_sectors (CasebookStore  *self,
                             GError        **error)
{
  g_autoptr(GPtrArray) sectors = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_sector_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT key, name_zh, name_en, color FROM sectors ORDER BY position, key", error);
  if (stmt == NULL)
    return NULL;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CasebookSector *sector = casebook_sector_new ();

      sector->key = g_strdup (column_text (stmt, 0));
      sector->name = text_from_columns (stmt, 1, 2);
      if (casebook_text_is_empty (sector->name))
        {
          casebook_text_free (sector->name);
          sector->name = casebook_text_new_same (sector->key);
        }
      sector->color = g_strdup (column_text (stmt, 3));
      g_ptr_array_add (sectors, sector);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&sectors);
}

/**
 * casebook_store_get_sector:
 *
 * Returns: (transfer full) (nullable): the sector with @key
 */
CasebookSector *
casebook_store_get_sector (CasebookStore *self,
                           const char    *key)
{
  g_autoptr(GPtrArray) sectors = casebook_store_list_sectors (self, NULL);

  for (guint i = 0; sectors != NULL && i < sectors->len; i++)
    {
      CasebookSector *sector = g_ptr_array_index (sectors, i);

      if (g_strcmp0 (sector->key, key) == 0)
        return g_ptr_array_steal_index (sectors, i);
    }

  return NULL;
}

/**
 * casebook_store_list_metrics:
 *
 * Returns: (transfer full) (element-type CasebookMetric): every metric family
 */
GPtrArray *
casebook_store_list_metrics (CasebookStore  *self,
                             GError        **error)
{
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_metric_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT key, name_zh, name_en FROM metrics ORDER BY position, key", error);
  if (stmt == NULL)
    return NULL;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CasebookMetric *metric = casebook_metric_new ();

      metric->key = g_strdup (column_text (stmt, 0));
      metric->name = text_from_columns (stmt, 1, 2);
      g_ptr_array_add (metrics, metric);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&metrics);
}

/* Charts ------------------------------------------------------------ */

/* The outcomes of one metric family, in the order of the index on the
 * family (which holds the case and the position), so no sorting is
 * needed. Without a filter the filter terms are left out. The report
 * section lives only in the case's document, whose pages cost four times
 * the rest of the query to read, so it is read only when asked for. */
#define OUTCOME_COLUMNS(section) \
  "c.id, c.sector, c.kind, c.title_zh, c.title_en, " section ", " \
  "o.position, o.value, o.unit, o.baseline, o.better"
#define OUTCOME_SQL(section, where) \
  "SELECT " OUTCOME_COLUMNS (section) " FROM outcomes o JOIN cases c ON c.nr = o.case_nr " \
  "WHERE o.metric = :metric" where " ORDER BY o.case_nr, o.position"

static const char * const outcome_sql[2][2] = {
  { OUTCOME_SQL ("NULL", ""), OUTCOME_SQL ("NULL", " AND " F_ALL) },
  { OUTCOME_SQL ("json_extract(c.doc, '$.source.section')", ""),
    OUTCOME_SQL ("json_extract(c.doc, '$.source.section')", " AND " F_ALL) },
};

/**
 * casebook_store_foreach_outcome:
 * @filter: (nullable): which cases, or %NULL for all
 * @metric: a metric family
 * @with_sections: whether to read each case's report section, which
 *   costs reading its whole document; without, rows have no section
 * @func: (scope call): called for each outcome of @metric; returns %FALSE
 *   to stop
 *
 * Calls @func for every outcome of the family @metric among the cases
 * @filter lets through, with or without a number, in case order.
 *
 * Returns: %FALSE on error
 */
gboolean
casebook_store_foreach_outcome (CasebookStore        *self,
                                CasebookFilter       *filter,
                                const char           *metric,
                                gboolean              with_sections,
                                CasebookOutcomeFunc   func,
                                gpointer              user_data,
                                GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (metric != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = prepare (self, outcome_sql[with_sections != FALSE][filter_is_active (filter)], error);
  if (stmt == NULL)
    return FALSE;

  bind_filter (stmt, filter);
  bind_named_text (stmt, ":metric", metric);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookOutcomeRow row = { 0 };

      row.case_id = column_text (stmt, 0);
      row.sector = column_text (stmt, 1);
      casebook_kind_from_key (column_text (stmt, 2), &row.kind);
      row.title.zh = (char *) column_text (stmt, 3);
      row.title.en = (char *) column_text (stmt, 4);
      row.section = column_text (stmt, 5);
      row.position = sqlite3_column_int (stmt, 6);
      row.has_value = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
      row.value = sqlite3_column_double (stmt, 7);
      if (!casebook_unit_from_key (column_text (stmt, 8), &row.unit))
        row.unit = CASEBOOK_UNIT_NONE;
      row.has_baseline = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
      row.baseline = sqlite3_column_double (stmt, 9);
      if (!casebook_better_from_key (column_text (stmt, 10), &row.better))
        row.better = CASEBOOK_BETTER_NONE;

      if (!func (&row, user_data))
        {
          sqlite3_reset (stmt);
          return TRUE;
        }
    }

  if (rc != SQLITE_DONE)
    return query_failed (self, stmt, rc, "Could not read the outcomes", error);

  sqlite3_reset (stmt);
  return TRUE;
}

static const char * const coverage_sql[2] = {
  "SELECT o.metric, c.sector, count(DISTINCT o.case_nr), count(o.value) "
  "FROM outcomes o JOIN cases c ON c.nr = o.case_nr WHERE o.metric IS NOT NULL "
  "GROUP BY o.metric, c.sector",
  "SELECT o.metric, c.sector, count(DISTINCT o.case_nr), count(o.value) "
  "FROM outcomes o JOIN cases c ON c.nr = o.case_nr WHERE o.metric IS NOT NULL AND " F_ALL
  " GROUP BY o.metric, c.sector",
};

static void
clear_coverage_cell (gpointer data)
{
  CasebookCoverageCell *cell = data;

  g_clear_pointer (&cell->metric, g_free);
  g_clear_pointer (&cell->sector, g_free);
}

/**
 * casebook_store_count_coverage:
 * @filter: (nullable): which cases, or %NULL for all
 *
 * Counts, for each metric family and sector, the cases that report the
 * family and the outcomes that give a number for it. Pairs without any
 * case are left out.
 *
 * Returns: (transfer full) (element-type CasebookCoverageCell) (nullable):
 *   the counts
 */
GArray *
casebook_store_count_coverage (CasebookStore   *self,
                               CasebookFilter  *filter,
                               GError         **error)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (CasebookCoverageCell));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  g_array_set_clear_func (cells, clear_coverage_cell);

  stmt = prepare (self, coverage_sql[filter_is_active (filter)], error);
  if (stmt == NULL)
    return NULL;

  bind_filter (stmt, filter);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookCoverageCell cell;

      cell.metric = g_strdup (column_text (stmt, 0));
      cell.sector = g_strdup (column_text (stmt, 1));
      cell.n_cases = (guint) sqlite3_column_int64 (stmt, 2);
      cell.n_values = (guint) sqlite3_column_int64 (stmt, 3);
      g_array_append_val (cells, cell);
    }

  if (rc != SQLITE_DONE)
    {
      query_failed (self, stmt, rc, "Could not count the outcomes", error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&cells);
}

/**
 * casebook_store_list_ranges:
 * @metric: (nullable): a metric family, or %NULL for every range
 *
 * Returns: (transfer full) (element-type CasebookRange) (nullable): the
 *   numeric ranges of the report (section 6.3), in the order they were
 *   added
 */
GPtrArray *
casebook_store_list_ranges (CasebookStore  *self,
                            const char     *metric,
                            GError        **error)
{
  g_autoptr(GPtrArray) ranges = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_range_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT section, sector, metric, min, max, unit, better, text_zh, text_en "
                  "FROM ranges WHERE ?1 IS NULL OR metric = ?1 ORDER BY position", error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, metric);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookRange *range = casebook_range_new ();

      range->section = g_strdup (column_text (stmt, 0));
      range->sector = g_strdup (column_text (stmt, 1));
      range->metric = g_strdup (column_text (stmt, 2));
      range->min = sqlite3_column_double (stmt, 3);
      range->max = sqlite3_column_double (stmt, 4);
      casebook_unit_from_key (column_text (stmt, 5), &range->unit);
      casebook_better_from_key (column_text (stmt, 6), &range->better);
      range->text = text_from_columns (stmt, 7, 8);
      g_ptr_array_add (ranges, range);
    }

  if (rc != SQLITE_DONE)
    {
      query_failed (self, stmt, rc, "Could not read the ranges", error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&ranges);
}

/**
 * casebook_store_get_catalog:
 *
 * The sectors, metric families and ranges of the store, read once and kept
 * until the store changes. Each connection keeps its own, so a worker
 * thread asks its reader for it.
 *
 * Returns: (transfer full) (nullable): the catalog
 */
CasebookCatalog *
casebook_store_get_catalog (CasebookStore  *self,
                            GError        **error)
{
  g_autoptr(GPtrArray) sectors = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GPtrArray) ranges = NULL;
  sqlite3_stmt *stmt;
  gint64 data_version = -1;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  /* data_version changes when another connection commits, such as the
   * window's while this is a worker's reader. */
  stmt = prepare (self, "PRAGMA data_version", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    data_version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (self->catalog != NULL && self->catalog_generation == self->generation &&
      self->catalog_data_version == data_version)
    return g_object_ref (self->catalog);

  if ((sectors = casebook_store_list_sectors (self, error)) == NULL ||
      (metrics = casebook_store_list_metrics (self, error)) == NULL ||
      (ranges = casebook_store_list_ranges (self, NULL, error)) == NULL)
    return NULL;

  g_set_object (&self->catalog, NULL);
  self->catalog = casebook_catalog_new (sectors, metrics, ranges);
  self->catalog_generation = self->generation;
  self->catalog_data_version = data_version;

  return g_object_ref (self->catalog);
}

/**
 * casebook_store_list_insights:
 *
 * Returns: (transfer full) (element-type CasebookInsight) (nullable): the
 *   report's cross-sector sections, in the order they were added
 */
GPtrArray *
casebook_store_list_insights (CasebookStore  *self,
                              GError        **error)
{
  g_autoptr(GPtrArray) insights = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_insight_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT doc FROM insights ORDER BY position", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookInsight *insight = casebook_json_insight_from_string (column_text (stmt, 0), error);

      if (insight == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (insights, insight);
    }

  if (rc != SQLITE_DONE)
    {
      query_failed (self, stmt, rc, "Could not read the report sections", error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&insights);
}

/**
 * casebook_store_list_references:
 *
 * Returns: (transfer full) (element-type CasebookReference) (nullable):
 *   the report's references, by number
 */
GPtrArray *
casebook_store_list_references (CasebookStore  *self,
                                GError        **error)
{
  g_autoptr(GPtrArray) references = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_reference_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT number, text FROM refs ORDER BY number", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookReference *reference = casebook_reference_new ();

      reference->number = sqlite3_column_int64 (stmt, 0);
      reference->text = g_strdup (column_text (stmt, 1));
      g_ptr_array_add (references, reference);
    }

  if (rc != SQLITE_DONE)
    {
      query_failed (self, stmt, rc, "Could not read the references", error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&references);
}

/* Writing ----------------------------------------------------------- */

static char *
sort_key (const CasebookText *title,
          CasebookLang        lang)
{
  g_autofree char *folded = g_utf8_casefold (casebook_text_get (title, lang), -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

/* A new sector gets a colour that no other sector has yet. */
static const char *
pick_color (GPtrArray *sectors)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < sectors->len; i++)
    g_hash_table_add (used, ((CasebookSector *) g_ptr_array_index (sectors, i))->color);
  for (guint i = 0; i < G_N_ELEMENTS (extra_sector_colors); i++)
    if (!g_hash_table_contains (used, extra_sector_colors[i]))
      return extra_sector_colors[i];

  return extra_sector_colors[sectors->len % G_N_ELEMENTS (extra_sector_colors)];
}

static gboolean
ensure_sector (CasebookStore  *self,
               const char     *key,
               GError        **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) sectors = NULL;
  const char *color = NULL;
  int rc;

  stmt = prepare (self, "SELECT 1 FROM sectors WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;

  sectors = casebook_store_list_sectors (self, error);
  if (sectors == NULL)
    return FALSE;
  color = pick_color (sectors);

  stmt = prepare (self,
                  "INSERT INTO sectors (key, position, color) "
                  "VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM sectors), ?2)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  bind_text (stmt, 2, color);

  return step_done (self, stmt, error);
}

static gboolean
write_sector (CasebookStore         *self,
              const CasebookSector  *sector,
              CasebookImportMode     mode,
              GError               **error)
{
  sqlite3_stmt *stmt;

  if (!ensure_sector (self, sector->key, error))
    return FALSE;

  /* Skipping keeps what the person chose, but a built-in sector's own name
   * and colour are no choice of theirs: a file's names win over them, so
   * that an export imported into a new store gives that export back. */
  if (mode == CASEBOOK_IMPORT_SKIP)
    stmt = prepare (self,
                    "UPDATE sectors SET name_zh = ?2, name_en = ?3, color = coalesce(?4, color) "
                    "WHERE key = ?1 AND ((name_zh IS NULL AND name_en IS NULL) "
                    "                    OR (name_zh IS ?5 AND name_en IS ?6 AND color IS ?7))", error);
  else
    stmt = prepare (self,
                    "UPDATE sectors SET name_zh = ?2, name_en = ?3, color = coalesce(?4, color) "
                    "WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, sector->key);
  bind_text (stmt, 2, sector->name->zh);
  bind_text (stmt, 3, sector->name->en);
  bind_text (stmt, 4, sector->color);

  if (mode == CASEBOOK_IMPORT_SKIP)
    for (guint i = 0; i < G_N_ELEMENTS (builtin_sectors); i++)
      if (g_str_equal (builtin_sectors[i][0], sector->key))
        {
          bind_text (stmt, 5, builtin_sectors[i][1]);
          bind_text (stmt, 6, builtin_sectors[i][2]);
          bind_text (stmt, 7, builtin_sectors[i][3]);
        }

  return step_done (self, stmt, error);
}

static gboolean
write_metric (CasebookStore         *self,
              const CasebookMetric  *metric,
              CasebookImportMode     mode,
              GError               **error)
{
  sqlite3_stmt *stmt;

  if (mode == CASEBOOK_IMPORT_SKIP)
    stmt = prepare (self,
                    "INSERT INTO metrics (key, position, name_zh, name_en) "
                    "VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM metrics), ?2, ?3) "
                    "ON CONFLICT (key) DO NOTHING", error);
  else
    stmt = prepare (self,
                    "INSERT INTO metrics (key, position, name_zh, name_en) "
                    "VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM metrics), ?2, ?3) "
                    "ON CONFLICT (key) DO UPDATE SET name_zh = excluded.name_zh, "
                    "name_en = excluded.name_en", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, metric->key);
  bind_text (stmt, 2, metric->name->zh);
  bind_text (stmt, 3, metric->name->en);

  return step_done (self, stmt, error);
}

/* Looks a case up by id. Returns TRUE and sets @nr (or -1 when absent). */
static gboolean
find_case (CasebookStore   *self,
           const char      *id,
           gint64          *nr,
           CasebookOrigin  *origin,
           GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self, "SELECT nr, origin FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  *nr = -1;
  if (rc == SQLITE_ROW)
    {
      *nr = sqlite3_column_int64 (stmt, 0);
      if (origin != NULL)
        *origin = g_strcmp0 (column_text (stmt, 1), "bundled") == 0
                  ? CASEBOOK_ORIGIN_BUNDLED : CASEBOOK_ORIGIN_OWN;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "Could not look up a case");

  return TRUE;
}

static gboolean
delete_derived (CasebookStore  *self,
                gint64          nr,
                GError        **error)
{
  static const char * const statements[] = {
    "DELETE FROM outcomes WHERE case_nr = ?1",
    "DELETE FROM technologies WHERE case_nr = ?1",
    "DELETE FROM case_fts WHERE rowid = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = prepare (self, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, nr);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* What writing a case needs that takes no store: its JSON, its sort keys
 * and its search text. A large import prepares cases on a second thread
 * while the first one writes. */
typedef struct
{
  char    *doc;
  char    *sort_zh;
  char    *sort_en;
  GString *title;
  GString *body;
} Prepared;

static void
prepared_free (Prepared *prep)
{
  if (prep == NULL)
    return;

  g_free (prep->doc);
  g_free (prep->sort_zh);
  g_free (prep->sort_en);
  g_string_free (prep->title, TRUE);
  g_string_free (prep->body, TRUE);
  g_free (prep);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Prepared, prepared_free)

static Prepared *
prepare_case (CasebookCase *c)
{
  Prepared *prep = g_new0 (Prepared, 1);

  prep->doc = casebook_json_case_to_string (c);
  prep->sort_zh = sort_key (casebook_case_get_title (c), CASEBOOK_LANG_ZH);
  prep->sort_en = sort_key (casebook_case_get_title (c), CASEBOOK_LANG_EN);
  prep->title = g_string_new (NULL);
  prep->body = g_string_new (NULL);
  casebook_case_append_search_text (c, prep->title, prep->body);

  return prep;
}

static gboolean
write_derived (CasebookStore   *self,
               CasebookCase    *c,
               const Prepared  *prep,
               gint64           nr,
               GError         **error)
{
  GPtrArray *outcomes = casebook_case_get_outcomes (c);
  GPtrArray *stack = casebook_case_get_stack (c);
  sqlite3_stmt *stmt;

  for (guint i = 0; i < outcomes->len; i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (outcomes, i);

      stmt = prepare (self,
                      "INSERT INTO outcomes (case_nr, position, metric, value, unit, baseline, better) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, nr);
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_text (stmt, 3, outcome->metric);
      if (outcome->has_value)
        sqlite3_bind_double (stmt, 4, outcome->value);
      bind_text (stmt, 5, casebook_unit_to_key (outcome->unit));
      if (outcome->has_baseline)
        sqlite3_bind_double (stmt, 6, outcome->baseline);
      bind_text (stmt, 7, casebook_better_to_key (outcome->better));

      if (!step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < stack->len; i++)
    {
      const CasebookStackItem *item = g_ptr_array_index (stack, i);

      stmt = prepare (self,
                      "INSERT OR IGNORE INTO technologies (case_nr, product, family) "
                      "VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, nr);
      bind_text (stmt, 2, casebook_text_get (item->product, CASEBOOK_LANG_EN));
      bind_text (stmt, 3, item->family);

      if (!step_done (self, stmt, error))
        return FALSE;
    }

  stmt = prepare (self, "INSERT INTO case_fts (rowid, title, body) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, nr);
  sqlite3_bind_text (stmt, 2, prep->title->str, (int) prep->title->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, prep->body->str, (int) prep->body->len, SQLITE_STATIC);

  return step_done (self, stmt, error);
}

/* The size band a case is filtered by: the one its source states, or else
 * the band of its headcount (report section 1.3); "" when neither is
 * known. */
static const char *
size_band_key (CasebookCase *c)
{
  CasebookSize size = casebook_case_get_size (c);

  if (size == CASEBOOK_SIZE_UNKNOWN)
    size = casebook_size_for_employees (casebook_case_get_employees (c));

  return size == CASEBOOK_SIZE_UNKNOWN ? "" : casebook_size_to_key (size);
}

/* Writes @c over the case numbered @nr (@update), or as a new case: with
 * the number @nr when it is not negative (undoing a deletion), or else
 * with the next free one. */
static gboolean
write_case_row (CasebookStore   *self,
                CasebookCase    *c,
                const Prepared  *prep,
                CasebookOrigin   origin,
                gint64           nr,
                gboolean         update,
                GError         **error)
{
  g_autoptr(Prepared) own = NULL;
  const CasebookOutcome *outcome = casebook_case_get_headline (c);
  const CasebookFailure *failure = casebook_case_get_failure (c);
  const CasebookText *title = casebook_case_get_title (c);
  const CasebookText *headline = NULL;
  const CasebookText *organization = casebook_case_get_organization (c);
  const CasebookText *subsector = casebook_case_get_subsector (c);
  g_autofree char *sort_period = NULL;
  g_autofree char *sort_size = NULL;
  sqlite3_stmt *stmt;
  int start, end;
  gint64 employees = casebook_case_get_employees (c);

  if (prep == NULL)
    prep = own = prepare_case (c);

  /* Sort keys are text, so that one cursor type serves every order: the
   * period by its first year (cases without one last), the size by
   * headcount, largest first (the stated band when there is no count). */
  if (casebook_case_get_period (c, &start, &end))
    sort_period = g_strdup_printf ("%04d-%04d", start, end);
  else
    sort_period = g_strdup ("9999");

  if (employees < 0)
    {
      switch (casebook_case_get_size (c))
        {
        case CASEBOOK_SIZE_LARGE: employees = 10001; break;
        case CASEBOOK_SIZE_MEDIUM: employees = 1000; break;
        case CASEBOOK_SIZE_SMALL: employees = 0; break;
        case CASEBOOK_SIZE_UNKNOWN:
        default: employees = -1; break;
        }
    }
  sort_size = g_strdup_printf ("%010" G_GINT64_FORMAT, G_GINT64_CONSTANT (1000000000) - employees);

  /* A list row shows the headline outcome; a failure case without
   * outcomes shows what went wrong instead. */
  if (outcome != NULL)
    headline = outcome->text;
  else if (failure != NULL)
    headline = failure->problem;

  if (!ensure_sector (self, casebook_case_get_sector (c), error))
    return FALSE;

  if (update)
    {
      if (!delete_derived (self, nr, error))
        return FALSE;

      stmt = prepare (self,
                      "UPDATE cases SET id = ?2, origin = ?3, kind = ?4, sector = ?5, "
                      "title_zh = ?6, title_en = ?7, organization_zh = ?8, organization_en = ?9, "
                      "headline_zh = ?10, headline_en = ?11, size = ?12, employees = ?13, "
                      "period_start = ?14, period_end = ?15, approach = ?16, "
                      "sort_title_zh = ?17, sort_title_en = ?18, doc = ?19, "
                      "subsector_zh = ?20, subsector_en = ?21, subsector_key = ?22, "
                      "size_band = ?23, sort_period = ?24, sort_size = ?25 WHERE nr = ?1", error);
    }
  else
    {
      stmt = prepare (self,
                      "INSERT INTO cases (nr, id, origin, kind, sector, title_zh, title_en, "
                      "organization_zh, organization_en, headline_zh, headline_en, size, employees, "
                      "period_start, period_end, approach, sort_title_zh, sort_title_en, doc, "
                      "subsector_zh, subsector_en, subsector_key, size_band, sort_period, sort_size) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                      "?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)", error);
    }
  if (stmt == NULL)
    return FALSE;

  if (nr >= 0)
    sqlite3_bind_int64 (stmt, 1, nr);
  else
    sqlite3_bind_null (stmt, 1);
  bind_text (stmt, 2, casebook_case_get_id (c));
  bind_text (stmt, 3, origin == CASEBOOK_ORIGIN_BUNDLED ? "bundled" : "own");
  bind_text (stmt, 4, casebook_kind_to_key (casebook_case_get_kind (c)));
  bind_text (stmt, 5, casebook_case_get_sector (c));
  bind_text (stmt, 6, title->zh);
  bind_text (stmt, 7, title->en);
  bind_text (stmt, 8, organization->zh);
  bind_text (stmt, 9, organization->en);
  bind_text (stmt, 10, headline != NULL ? headline->zh : NULL);
  bind_text (stmt, 11, headline != NULL ? headline->en : NULL);
  bind_text (stmt, 12, casebook_size_to_key (casebook_case_get_size (c)));
  if (casebook_case_get_employees (c) >= 0)
    sqlite3_bind_int64 (stmt, 13, casebook_case_get_employees (c));
  if (casebook_case_get_period (c, &start, &end))
    {
      sqlite3_bind_int (stmt, 14, start);
      sqlite3_bind_int (stmt, 15, end);
    }
  bind_text (stmt, 16, casebook_approach_to_key (casebook_case_get_approach (c)));
  bind_text (stmt, 17, prep->sort_zh);
  bind_text (stmt, 18, prep->sort_en);
  sqlite3_bind_text (stmt, 19, prep->doc, -1, SQLITE_STATIC);
  bind_text (stmt, 20, subsector != NULL ? subsector->zh : NULL);
  bind_text (stmt, 21, subsector != NULL ? subsector->en : NULL);
  bind_text (stmt, 22, casebook_text_is_empty (subsector) ? NULL
                       : casebook_text_get (subsector, CASEBOOK_LANG_EN));
  bind_text (stmt, 23, size_band_key (c));
  bind_text (stmt, 24, sort_period);
  bind_text (stmt, 25, sort_size);

  if (!step_done (self, stmt, error))
    return FALSE;

  if (nr < 0)
    nr = sqlite3_last_insert_rowid (self->db);

  return write_derived (self, c, prep, nr, error);
}

/* Writes @c as a new case (@nr < 0) or over the case numbered @nr. */
static gboolean
write_case (CasebookStore   *self,
            CasebookCase    *c,
            const Prepared  *prep,
            CasebookOrigin   origin,
            gint64           nr,
            GError         **error)
{
  return write_case_row (self, c, prep, origin, nr, nr >= 0, error);
}

static gboolean
delete_case_nr (CasebookStore  *self,
                gint64          nr,
                GError        **error)
{
  sqlite3_stmt *stmt;

  if (!delete_derived (self, nr, error))
    return FALSE;

  stmt = prepare (self, "DELETE FROM cases WHERE nr = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, nr);

  return step_done (self, stmt, error);
}

static gboolean
write_insight (CasebookStore          *self,
               const CasebookInsight  *insight,
               CasebookImportMode      mode,
               GError                **error)
{
  g_autofree char *doc = casebook_json_insight_to_string (insight);
  sqlite3_stmt *stmt;

  if (mode == CASEBOOK_IMPORT_SKIP)
    stmt = prepare (self,
                    "INSERT INTO insights (section, position, topic, doc) "
                    "VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM insights), ?2, ?3) "
                    "ON CONFLICT (section) DO NOTHING", error);
  else
    stmt = prepare (self,
                    "INSERT INTO insights (section, position, topic, doc) "
                    "VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM insights), ?2, ?3) "
                    "ON CONFLICT (section) DO UPDATE SET topic = excluded.topic, doc = excluded.doc", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, insight->section);
  bind_text (stmt, 2, insight->topic);
  bind_text (stmt, 3, doc);

  return step_done (self, stmt, error);
}

static gboolean
write_range (CasebookStore        *self,
             const CasebookRange  *range,
             CasebookImportMode    mode,
             GError              **error)
{
  sqlite3_stmt *stmt;

  if (mode == CASEBOOK_IMPORT_SKIP)
    stmt = prepare (self,
                    "INSERT INTO ranges (position, section, sector, metric, min, max, unit, better, "
                    "text_zh, text_en) VALUES ((SELECT coalesce(max(position), 0) + 1 FROM ranges), "
                    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                    "ON CONFLICT (section, sector, metric) DO NOTHING", error);
  else
    stmt = prepare (self,
                    "INSERT INTO ranges (position, section, sector, metric, min, max, unit, better, "
                    "text_zh, text_en) VALUES ((SELECT coalesce(max(position), 0) + 1 FROM ranges), "
                    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                    "ON CONFLICT (section, sector, metric) DO UPDATE SET min = excluded.min, "
                    "max = excluded.max, unit = excluded.unit, better = excluded.better, "
                    "text_zh = excluded.text_zh, text_en = excluded.text_en", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, range->section);
  bind_text (stmt, 2, range->sector);
  bind_text (stmt, 3, range->metric);
  sqlite3_bind_double (stmt, 4, range->min);
  sqlite3_bind_double (stmt, 5, range->max);
  bind_text (stmt, 6, casebook_unit_to_key (range->unit));
  bind_text (stmt, 7, casebook_better_to_key (range->better));
  bind_text (stmt, 8, range->text->zh);
  bind_text (stmt, 9, range->text->en);

  if (!step_done (self, stmt, error))
    return FALSE;

  return ensure_sector (self, range->sector, error);
}

static gboolean
write_reference (CasebookStore            *self,
                 const CasebookReference  *reference,
                 CasebookImportMode        mode,
                 GError                  **error)
{
  sqlite3_stmt *stmt;

  if (mode == CASEBOOK_IMPORT_SKIP)
    stmt = prepare (self,
                    "INSERT INTO refs (number, text) VALUES (?1, ?2) "
                    "ON CONFLICT (number) DO NOTHING", error);
  else
    stmt = prepare (self,
                    "INSERT INTO refs (number, text) VALUES (?1, ?2) "
                    "ON CONFLICT (number) DO UPDATE SET text = excluded.text", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, reference->number);
  bind_text (stmt, 2, reference->text);

  return step_done (self, stmt, error);
}

static gboolean
write_extras (CasebookStore       *self,
              CasebookDocument    *document,
              CasebookImportMode   mode,
              GError             **error)
{
  GPtrArray *array;

  array = casebook_document_get_sectors (document);
  for (guint i = 0; i < array->len; i++)
    if (!write_sector (self, g_ptr_array_index (array, i), mode, error))
      return FALSE;

  array = casebook_document_get_metrics (document);
  for (guint i = 0; i < array->len; i++)
    if (!write_metric (self, g_ptr_array_index (array, i), mode, error))
      return FALSE;

  array = casebook_document_get_insights (document);
  for (guint i = 0; i < array->len; i++)
    if (!write_insight (self, g_ptr_array_index (array, i), mode, error))
      return FALSE;

  array = casebook_document_get_ranges (document);
  for (guint i = 0; i < array->len; i++)
    if (!write_range (self, g_ptr_array_index (array, i), mode, error))
      return FALSE;

  array = casebook_document_get_references (document);
  for (guint i = 0; i < array->len; i++)
    if (!write_reference (self, g_ptr_array_index (array, i), mode, error))
      return FALSE;

  return TRUE;
}

static gboolean
check_writable (CasebookStore  *self,
                GError        **error)
{
  if (self->read_only)
    {
      g_autofree char *dir = path_is_uri (self->path) ? NULL : g_path_get_dirname (self->path);

      /* The store file itself may be writable: say what stands in the way. */
      if (dir != NULL && access (self->path, W_OK) == 0 && !_casebook_store_file_folder_is_writable (self->path))
        g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY,
                     _("The store “%s” is read-only; nothing was changed. Its folder “%s” may not be "
                       "written to by this user, and the store cannot be changed without files beside "
                       "it: ask for write access to the folder, or move the store to a folder of your own"),
                     self->path, dir);
      else
        g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY,
                     "The store “%s” is read-only; nothing was changed", self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
finish_transaction (CasebookStore  *self,
                    gboolean        ok,
                    GError        **error)
{
  if (ok && exec (self, "COMMIT", error))
    return TRUE;

  exec (self, "ROLLBACK", NULL);
  return FALSE;
}

/* The second thread of a large import: it produces the cases in order,
 * each with its prepared form, staying at most PIPELINE_DEPTH cases ahead
 * of the writer. Where the cases come from a file, it also reads and
 * checks them, so checking and writing overlap. */
#define PIPELINE_DEPTH 64

typedef CasebookCase *(*CaseSource) (gpointer   source,
                                     guint      index,
                                     GError   **error);

typedef struct
{
  CasebookCase *c;
  Prepared     *prep;
  GError       *error;
} PipelineItem;

typedef struct
{
  CaseSource   next_case;
  gpointer     source;
  guint        n_cases;
  GAsyncQueue *ready;
  GMutex       lock;
  GCond        cond;
  guint        consumed;
  gboolean     stop;
  GThread     *thread;
} Pipeline;

static void
pipeline_item_free (PipelineItem *item)
{
  g_clear_object (&item->c);
  g_clear_pointer (&item->prep, prepared_free);
  g_clear_error (&item->error);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PipelineItem, pipeline_item_free)

static gpointer
pipeline_run (gpointer data)
{
  Pipeline *pl = data;

  for (guint i = 0; i < pl->n_cases; i++)
    {
      PipelineItem *item = g_new0 (PipelineItem, 1);
      gboolean stop, failed;

      g_mutex_lock (&pl->lock);
      while (!pl->stop && i >= pl->consumed + PIPELINE_DEPTH)
        g_cond_wait (&pl->cond, &pl->lock);
      stop = pl->stop;
      g_mutex_unlock (&pl->lock);

      if (stop)
        {
          g_free (item);
          break;
        }

      item->c = pl->next_case (pl->source, i, &item->error);
      if (item->c != NULL)
        item->prep = prepare_case (item->c);
      failed = item->c == NULL;

      /* From here on the item is the writer's, which may already have
       * freed it: it must not be looked at again. */
      g_async_queue_push (pl->ready, g_steal_pointer (&item));

      if (failed)
        break;
    }

  return NULL;
}

static void
pipeline_start (Pipeline   *pl,
                CaseSource  next_case,
                gpointer    source,
                guint       n_cases)
{
  pl->next_case = next_case;
  pl->source = source;
  pl->n_cases = n_cases;
  pl->ready = g_async_queue_new_full ((GDestroyNotify) pipeline_item_free);
  g_mutex_init (&pl->lock);
  g_cond_init (&pl->cond);
  pl->thread = g_thread_new ("casebook-import", pipeline_run, pl);
}

/* Returns the next case, in order, with its prepared form or its error. */
static PipelineItem *
pipeline_next (Pipeline *pl)
{
  PipelineItem *item = g_async_queue_pop (pl->ready);

  g_mutex_lock (&pl->lock);
  pl->consumed++;
  g_cond_signal (&pl->cond);
  g_mutex_unlock (&pl->lock);

  return item;
}

static void
pipeline_finish (Pipeline *pl)
{
  g_mutex_lock (&pl->lock);
  pl->stop = TRUE;
  g_cond_signal (&pl->cond);
  g_mutex_unlock (&pl->lock);

  g_thread_join (pl->thread);
  g_async_queue_unref (pl->ready);
  g_mutex_clear (&pl->lock);
  g_cond_clear (&pl->cond);
}

static CasebookCase *
case_from_array (gpointer   source,
                 guint      index,
                 GError   **error)
{
  return g_object_ref (g_ptr_array_index ((GPtrArray *) source, index));
}

static CasebookCase *
case_from_stream (gpointer   source,
                  guint      index,
                  GError   **error)
{
  return casebook_json_stream_read_case (source, index, error);
}

/* Writes what @document holds and the cases @next_case produces, in one
 * transaction. */
static gboolean
import_cases (CasebookStore         *self,
              CasebookDocument      *document,
              CaseSource             next_case,
              gpointer               source,
              guint                  n_cases,
              CasebookImportMode     mode,
              CasebookImportResult  *result,
              GError               **error)
{
  CasebookImportResult counts = { 0 };
  Pipeline pipeline = { 0 };
  gboolean pipelined = n_cases > PIPELINE_DEPTH;
  gboolean ok = TRUE;

  if (!check_writable (self, error))
    return FALSE;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  ok = write_extras (self, document, mode, error);

  if (ok && pipelined)
    pipeline_start (&pipeline, next_case, source, n_cases);

  for (guint i = 0; ok && i < n_cases; i++)
    {
      g_autoptr(PipelineItem) item = NULL;
      g_autoptr(CasebookCase) own = NULL;
      CasebookCase *c;
      gint64 nr;

      if (pipelined)
        {
          item = pipeline_next (&pipeline);
          if (item->error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&item->error));
              ok = FALSE;
              break;
            }
          c = item->c;
        }
      else
        {
          c = own = next_case (source, i, error);
          if (c == NULL)
            {
              ok = FALSE;
              break;
            }
        }

      ok = find_case (self, casebook_case_get_id (c), &nr, NULL, error);
      if (!ok)
        break;

      if (nr >= 0 && mode == CASEBOOK_IMPORT_SKIP)
        {
          counts.skipped++;
          continue;
        }

      ok = write_case (self, c, item != NULL ? item->prep : NULL, CASEBOOK_ORIGIN_OWN, nr, error);
      if (nr >= 0)
        counts.replaced++;
      else
        counts.added++;
    }

  if (pipeline.thread != NULL)
    pipeline_finish (&pipeline);

  if (!finish_transaction (self, ok, error))
    return FALSE;

  /* A large import leaves a write-ahead log as large as what it wrote;
   * fold it into the store now rather than keep the space until exit. */
  if (counts.added + counts.replaced > 1000)
    exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);

  if (result != NULL)
    *result = counts;

  mark_changed (self);
  return TRUE;
}

/**
 * casebook_store_import:
 * @document: a validated collection
 * @mode: what to do with cases whose id is already in the store
 * @result: (out caller-allocates) (optional): the counts
 *
 * Stores every case and all cross-sector material of @document in one
 * transaction: either all of it goes in, or the store stays as it was.
 * Imported cases count as the person's own.
 */
gboolean
casebook_store_import (CasebookStore         *self,
                       CasebookDocument      *document,
                       CasebookImportMode     mode,
                       CasebookImportResult  *result,
                       GError               **error)
{
  GPtrArray *cases;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (CASEBOOK_IS_DOCUMENT (document), FALSE);

  cases = casebook_document_get_cases (document);
  return import_cases (self, document, case_from_array, cases, cases->len, mode, result, error);
}

/**
 * casebook_store_import_file:
 * @file: an interchange file
 * @mode: what to do with cases whose id is already in the store
 * @result: (out caller-allocates) (optional): the counts
 *
 * Reads, checks and imports @file in one transaction, checking each case
 * on a second thread while the one before is written. A file with any
 * fault anywhere changes nothing; the error names the place.
 */
gboolean
casebook_store_import_file (CasebookStore         *self,
                            GFile                 *file,
                            CasebookImportMode     mode,
                            CasebookImportResult  *result,
                            GError               **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!check_writable (self, error))
    return FALSE;

  /* The same bounded read as the window's import: a device, a huge file
   * or an endless pipe is refused, and the message names the file once. */
  contents = casebook_file_read_bounded (file, CASEBOOK_JSON_MAX_FILE_SIZE, &length, NULL, error);
  if (contents == NULL)
    return FALSE;

  name = g_file_get_parse_name (file);

  return casebook_store_import_data (self, contents, length, name, mode, result, error);
}

/**
 * casebook_store_import_data:
 * @data: (array length=length): the bytes of an interchange file
 * @length: their length
 * @name: where they came from, for messages
 * @mode: what to do with cases whose id is already in the store
 * @result: (out caller-allocates) (optional): the counts
 *
 * Checks and imports a collection held in memory, exactly as
 * casebook_store_import_file() does with the contents of a file: in one
 * transaction, and not at all if anything in @data is wrong.
 */
gboolean
casebook_store_import_data (CasebookStore         *self,
                            const char            *data,
                            gsize                  length,
                            const char            *name,
                            CasebookImportMode     mode,
                            CasebookImportResult  *result,
                            GError               **error)
{
  g_autoptr(CasebookDocument) header = NULL;
  g_autoptr(CasebookJsonStream) stream = NULL;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  stream = casebook_json_stream_open (data, length, name, &header, error);
  if (stream == NULL)
    return FALSE;

  return import_cases (self, header, case_from_stream, stream,
                       casebook_json_stream_get_n_cases (stream), mode, result, error);
}

/**
 * casebook_store_get_bundled_revision:
 *
 * Returns: the revision of the bundled collection the store holds, or 0
 */
gint64
casebook_store_get_bundled_revision (CasebookStore *self)
{
  sqlite3_stmt *stmt;
  gint64 revision = 0;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), 0);

  stmt = prepare (self, "SELECT value FROM meta WHERE key = 'bundled-revision'", NULL);
  if (stmt == NULL)
    return 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    revision = g_ascii_strtoll (column_text (stmt, 0), NULL, 10);
  sqlite3_reset (stmt);

  return revision;
}

/**
 * casebook_store_refresh_bundled:
 * @bundled: the collection that ships with this release
 *
 * Brings the bundled cases up to @bundled in one transaction: bundled cases
 * are updated, added or removed to match, and the cross-sector material is
 * replaced. A person's own cases are never touched, even when one shares
 * an id with a bundled case. A store that already holds the revision of
 * @bundled, or a later one, is left as it is.
 */
gboolean
casebook_store_refresh_bundled (CasebookStore     *self,
                                CasebookDocument  *bundled,
                                GError           **error)
{
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *revision = NULL;
  GPtrArray *cases;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (CASEBOOK_IS_DOCUMENT (bundled), FALSE);

  if (!check_writable (self, error))
    return FALSE;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Another Casebook started at the same moment may have brought the
   * store up to this release while this one waited for the lock. */
  if (casebook_store_get_bundled_revision (self) >= casebook_document_get_revision (bundled))
    return finish_transaction (self, TRUE, error);

  ok = write_extras (self, bundled, CASEBOOK_IMPORT_REPLACE, error);

  cases = casebook_document_get_cases (bundled);
  for (guint i = 0; ok && i < cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (cases, i);
      CasebookOrigin origin = CASEBOOK_ORIGIN_BUNDLED;
      gint64 nr;

      g_hash_table_add (keep, (gpointer) casebook_case_get_id (c));

      ok = find_case (self, casebook_case_get_id (c), &nr, &origin, error);
      if (ok && (nr < 0 || origin == CASEBOOK_ORIGIN_BUNDLED))
        ok = write_case (self, c, NULL, CASEBOOK_ORIGIN_BUNDLED, nr, error);
    }

  /* Bundled cases that the new release no longer ships. */
  if (ok && (stmt = prepare (self, "SELECT nr, id FROM cases WHERE origin = 'bundled'", error)) != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 nr = sqlite3_column_int64 (stmt, 0);

          if (!g_hash_table_contains (keep, column_text (stmt, 1)))
            g_array_append_val (stale, nr);
        }
      sqlite3_reset (stmt);
    }
  else
    ok = FALSE;

  for (guint i = 0; ok && i < stale->len; i++)
    ok = delete_case_nr (self, g_array_index (stale, gint64, i), error);

  if (ok)
    {
      revision = g_strdup_printf ("%" G_GINT64_FORMAT, casebook_document_get_revision (bundled));
      stmt = prepare (self,
                      "INSERT INTO meta (key, value) VALUES ('bundled-revision', ?1) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
      ok = stmt != NULL;
      if (ok)
        {
          bind_text (stmt, 1, revision);
          ok = step_done (self, stmt, error);
        }
    }

  if (!finish_transaction (self, ok, error))
    return FALSE;

  mark_changed (self);
  return TRUE;
}

/* Collects the cases whose ids are in the JSON array @ids, or every case
 * and all cross-sector material when @ids is %NULL. */
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
  if (!exec (self, "BEGIN", error))
    return NULL;

  sectors = casebook_store_list_sectors (self, error);
  metrics = casebook_store_list_metrics (self, error);
  if (sectors == NULL || metrics == NULL)
    goto fail;

  move_all (sectors, casebook_document_get_sectors (doc));
  move_all (metrics, casebook_document_get_metrics (doc));

  if (ids == NULL)
    stmt = prepare (self, "SELECT doc FROM cases ORDER BY nr", error);
  else
    stmt = prepare (self,
                    "SELECT doc FROM cases WHERE id IN (SELECT value FROM json_each(?1)) "
                    "ORDER BY nr", error);
  if (stmt == NULL)
    goto fail;
  if (ids != NULL)
    bind_text (stmt, 1, ids);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookCase *c = casebook_json_case_from_string (column_text (stmt, 0), error);

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
      set_sqlite_error (error, self->db, "Could not read the cases");
      goto fail;
    }

  /* The report's material belongs to no case; only a whole export has it. */
  if (ids != NULL)
    goto done;

  {
    g_autoptr(GPtrArray) insights = casebook_store_list_insights (self, error);
    g_autoptr(GPtrArray) ranges = insights != NULL ? casebook_store_list_ranges (self, NULL, error) : NULL;
    g_autoptr(GPtrArray) references = ranges != NULL ? casebook_store_list_references (self, error) : NULL;

    if (references == NULL)
      goto fail;

    move_all (insights, casebook_document_get_insights (doc));
    move_all (ranges, casebook_document_get_ranges (doc));
    move_all (references, casebook_document_get_references (doc));
  }

done:
  exec (self, "COMMIT", NULL);
  return g_steal_pointer (&doc);

fail:
  exec (self, "ROLLBACK", NULL);
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

/* Editing ------------------------------------------------------------- */

static gboolean
check_case (CasebookCase  *c,
            const char    *what,
            GError       **error)
{
  g_autoptr(GPtrArray) problems = casebook_case_check (c, CASEBOOK_CHECK_FIRST, NULL, NULL);
  const CasebookProblem *problem;

  if (problems->len == 0)
    return TRUE;

  problem = g_ptr_array_index (problems, 0);
  g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID,
               "%s: %s: %s", what, problem->path, problem->message);
  return FALSE;
}

static gboolean
refuse_bundled (const char  *id,
                const char  *what,
                GError     **error)
{
  g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_BUNDLED,
               "%s: “%s” is one of the cases that come with Casebook, which cannot be changed; "
               "duplicate it to get a copy of your own", what, id);
  return FALSE;
}

/**
 * casebook_store_save_case:
 * @c: a case of the person's own, new or changed
 * @new_sector: (nullable): the case's sector when it is a new one, with its
 *   name and, if wanted, its colour; a new sector without a colour gets
 *   one no other sector has
 *
 * Stores @c in one transaction: as a new case when its id is not in the
 * store yet, or over the case with its id, which keeps its place. The case
 * is checked first with casebook_case_check(), so the store only ever holds
 * cases the interchange format accepts. A case that comes with Casebook is
 * never overwritten (%CASEBOOK_STORE_ERROR_BUNDLED).
 *
 * On success @c counts as the person's own.
 */
gboolean
casebook_store_save_case (CasebookStore         *self,
                          CasebookCase          *c,
                          const CasebookSector  *new_sector,
                          GError               **error)
{
  const char *what = "Could not save the case";
  CasebookOrigin origin = CASEBOOK_ORIGIN_OWN;
  gboolean ok;
  gint64 nr;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (CASEBOOK_IS_CASE (c), FALSE);
  g_return_val_if_fail (new_sector == NULL ||
                        g_strcmp0 (new_sector->key, casebook_case_get_sector (c)) == 0, FALSE);

  if (!check_writable (self, error) || !check_case (c, what, error))
    return FALSE;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  ok = find_case (self, casebook_case_get_id (c), &nr, &origin, error);
  if (ok && nr >= 0 && origin == CASEBOOK_ORIGIN_BUNDLED)
    ok = refuse_bundled (casebook_case_get_id (c), what, error);
  if (ok && new_sector != NULL)
    ok = write_sector (self, new_sector, CASEBOOK_IMPORT_SKIP, error);
  if (ok)
    ok = write_case (self, c, NULL, CASEBOOK_ORIGIN_OWN, nr, error);

  if (!finish_transaction (self, ok, error))
    return FALSE;

  casebook_case_set_origin (c, CASEBOOK_ORIGIN_OWN);
  g_hash_table_remove (self->deleted_nrs, casebook_case_get_id (c));
  mark_changed (self);
  return TRUE;
}

/**
 * casebook_store_delete_case:
 * @id: the id of one of the person's own cases
 *
 * Deletes the case in one transaction. The cases that come with Casebook
 * cannot be deleted (%CASEBOOK_STORE_ERROR_BUNDLED).
 *
 * Returns: (transfer full) (nullable): the deleted case, for
 *   casebook_store_restore_case()
 */
CasebookCase *
casebook_store_delete_case (CasebookStore  *self,
                            const char     *id,
                            GError        **error)
{
  const char *what = "Could not delete the case";
  g_autoptr(CasebookCase) c = NULL;
  CasebookOrigin origin = CASEBOOK_ORIGIN_OWN;
  gboolean ok;
  gint64 nr = -1;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!check_writable (self, error))
    return NULL;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return NULL;

  ok = find_case (self, id, &nr, &origin, error);
  if (ok && nr < 0)
    {
      g_autofree char *quoted = casebook_quote_value (id);

      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND,
                   "%s: there is no case with the id “%s”", what, quoted);
      ok = FALSE;
    }
  if (ok && origin == CASEBOOK_ORIGIN_BUNDLED)
    ok = refuse_bundled (id, what, error);
  if (ok)
    ok = (c = casebook_store_get_case (self, id, error)) != NULL;
  if (ok)
    ok = delete_case_nr (self, nr, error);

  if (!finish_transaction (self, ok, error))
    return NULL;

  g_hash_table_insert (self->deleted_nrs, g_strdup (id), g_memdup2 (&nr, sizeof nr));
  mark_changed (self);
  return g_steal_pointer (&c);
}

static gboolean
nr_is_free (CasebookStore  *self,
            gint64          nr,
            gboolean       *is_free,
            GError        **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT 1 FROM cases WHERE nr = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, nr);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "Could not look up a case");

  *is_free = rc == SQLITE_DONE;
  return TRUE;
}

/**
 * casebook_store_restore_case:
 * @c: a case that casebook_store_delete_case() returned
 *
 * Undoes a deletion in one transaction: @c goes back with the same id and,
 * when nothing has taken it since, in the same place, so that an export
 * afterwards is the same as before the deletion. Refused when a case with
 * its id has been added in the meantime.
 */
gboolean
casebook_store_restore_case (CasebookStore  *self,
                             CasebookCase   *c,
                             GError        **error)
{
  const char *what = "Could not restore the case";
  const char *id;
  gint64 *old_nr;
  gboolean ok, is_free = FALSE;
  gint64 nr = -1;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (CASEBOOK_IS_CASE (c), FALSE);

  if (!check_writable (self, error) || !check_case (c, what, error))
    return FALSE;

  id = casebook_case_get_id (c);
  old_nr = g_hash_table_lookup (self->deleted_nrs, id);

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  ok = find_case (self, id, &nr, NULL, error);
  if (ok && nr >= 0)
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_FAILED,
                   "%s: another case with the id “%s” has been added since", what, id);
      ok = FALSE;
    }
  if (ok && old_nr != NULL)
    ok = nr_is_free (self, *old_nr, &is_free, error);
  if (ok)
    ok = write_case_row (self, c, NULL, CASEBOOK_ORIGIN_OWN, is_free ? *old_nr : -1, FALSE, error);

  if (!finish_transaction (self, ok, error))
    return FALSE;

  casebook_case_set_origin (c, CASEBOOK_ORIGIN_OWN);
  g_hash_table_remove (self->deleted_nrs, id);
  mark_changed (self);
  return TRUE;
}

/**
 * casebook_store_make_id:
 * @base: a valid key to start from, such as `own-20250101` or the id of a
 *   case being duplicated
 *
 * Returns: (transfer full): @base if no case has it, or else @base with the
 *   first free number appended (`own-20250101-2`)
 */
char *
casebook_store_make_id (CasebookStore *self,
                        const char    *base)
{
  g_autofree char *stem = NULL;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (casebook_key_is_valid (base), NULL);

  if (!casebook_store_has_case (self, base))
    return g_strdup (base);

  /* Room for "-" and ten digits within the 64 characters of a key. */
  stem = g_strndup (base, 64 - 11);
  for (guint n = 2; ; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", stem, n);

      if (!casebook_store_has_case (self, id))
        return g_steal_pointer (&id);
    }
}

/**
 * casebook_store_pick_sector_color:
 *
 * Returns: (transfer full): the colour a sector added now would get, one
 *   that no other sector has while the palette lasts
 */
char *
casebook_store_pick_sector_color (CasebookStore *self)
{
  g_autoptr(GPtrArray) sectors = NULL;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  sectors = casebook_store_list_sectors (self, NULL);
  if (sectors == NULL)
    sectors = g_ptr_array_new ();

  return g_strdup (pick_color (sectors));
}

void
casebook_product_free (CasebookProduct *product)
{
  if (product == NULL)
    return;

  g_free (product->name);
  g_free (product->family);
  g_free (product);
}

/**
 * casebook_store_list_products:
 *
 * Lists every product the cases use, for completion in an editor, each with
 * the family most of its cases give it.
 *
 * Returns: (transfer full) (element-type CasebookProduct): the products,
 *   sorted by name without regard to case
 */
GPtrArray *
casebook_store_list_products (CasebookStore  *self,
                              GError        **error)
{
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_product_free);
  CasebookProduct *last = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT product, family, count(*) AS n FROM technologies "
                  "GROUP BY product, family "
                  "ORDER BY product COLLATE NOCASE, product, n DESC, family", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = column_text (stmt, 0);
      guint n = (guint) sqlite3_column_int (stmt, 2);

      if (last != NULL && g_strcmp0 (last->name, name) == 0)
        {
          last->n_cases += n;
          continue;
        }

      last = g_new0 (CasebookProduct, 1);
      last->name = g_strdup (name);
      last->family = g_strdup (column_text (stmt, 1));
      last->n_cases = n;
      g_ptr_array_add (products, last);
    }

  if (rc != SQLITE_DONE)
    {
      query_failed (self, stmt, rc, "Could not list the products", error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&products);
}

/**
 * casebook_bundled_document:
 *
 * Reads the collection that ships inside Casebook.
 *
 * Returns: (transfer full) (nullable): the bundled collection
 */
CasebookDocument *
casebook_bundled_document (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  const char *data;

  bytes = g_resource_lookup_data (casebook_core_get_resource (), BUNDLED_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  return casebook_json_read_document (data, length, "casebook-seed.json", error);
}
