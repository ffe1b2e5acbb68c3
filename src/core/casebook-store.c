/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-escape.h"
#include "casebook-store-file.h"
#include "casebook-store-private.h"

/* The object and its connection: the statement cache and the helpers
 * every part of the store runs statements with and reports their errors
 * through, cancellation, and the "changed" signal. Opening it is in
 * casebook-store-open.c; casebook-store-private.h lists the other parts. */

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

G_DEFINE_FINAL_TYPE (CasebookStore, casebook_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (casebook-store-error-quark, casebook_store_error)

enum {
  CHANGED,
  DAMAGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How long a statement waits for another connection's lock before it
 * gives up and says so; CASEBOOK_BUSY_TIMEOUT_MS overrides it, so that
 * tests of a busy store need not wait five seconds. */
#define BUSY_TIMEOUT_MS 5000

/* How long a connection waits for a lock, in milliseconds. */
int
_casebook_store_busy_timeout_ms (void)
{
  const char *value = g_getenv ("CASEBOOK_BUSY_TIMEOUT_MS");
  guint64 ms;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, 600000, &ms, NULL))
    return (int) ms;

  return BUSY_TIMEOUT_MS;
}

static gboolean
emit_damaged (gpointer data)
{
  g_signal_emit (data, signals[DAMAGED], 0);
  return G_SOURCE_REMOVE;
}

/* Tells whoever shows the store, on the thread it was opened on, that
 * SQLite found part of it damaged; once, until it is started over. A
 * reader connection, on a worker thread, tells the store it was opened
 * from. Nothing is told while the store is being opened, since opening
 * moves a damaged store aside itself. May be called from any thread. */
void
_casebook_store_report_damage (CasebookStore *self)
{
  g_autoptr(CasebookStore) target = self->is_reader ? g_weak_ref_get (&self->owner) : g_object_ref (self);
  g_autoptr(GSource) idle = NULL;

  if (target == NULL || target->context == NULL ||
      !g_atomic_int_compare_and_exchange (&target->damage_reported, FALSE, TRUE))
    return;

  g_message ("SQLite found the store %s damaged", target->path);

  /* Never at once, even on the store's own thread: the query that found
   * the damage is still failing. */
  idle = g_idle_source_new ();
  g_source_set_callback (idle, emit_damaged, g_object_ref (target), g_object_unref);
  g_source_set_name (idle, "[casebook] store damaged");
  g_source_attach (idle, target->context);
}

/* Which store each open connection belongs to, so that an error set from
 * a connection alone, by any part of the store, can report damage. The
 * references are weak: a store may be finalized on another thread. */
static GMutex connections_lock;
static GHashTable *connections;  /* sqlite3 * to GWeakRef * */

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Call once the store's connection is open, and before anything can
 * report damage through it. */
void
_casebook_store_track_connection (CasebookStore *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  g_mutex_lock (&connections_lock);
  if (connections == NULL)
    connections = g_hash_table_new_full (NULL, NULL, NULL, weak_ref_free);
  g_hash_table_insert (connections, self->db, ref);
  g_mutex_unlock (&connections_lock);
}

/* Call before the store's connection is closed. */
void
_casebook_store_untrack_connection (CasebookStore *self)
{
  g_mutex_lock (&connections_lock);
  if (connections != NULL && self->db != NULL)
    g_hash_table_remove (connections, self->db);
  g_mutex_unlock (&connections_lock);
}

static CasebookStore *
store_of_connection (sqlite3 *db)
{
  CasebookStore *store = NULL;
  GWeakRef *ref;

  g_mutex_lock (&connections_lock);
  ref = connections != NULL ? g_hash_table_lookup (connections, db) : NULL;
  if (ref != NULL)
    store = g_weak_ref_get (ref);
  g_mutex_unlock (&connections_lock);

  return store;
}

/* Sets @error from the last error of @db, as "@what: what happened", in
 * the CasebookStoreError that fits. Returns FALSE, for `return`. */
gboolean
_casebook_store_set_sqlite_error (GError     **error,
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
    {
      g_autoptr(CasebookStore) store = store_of_connection (db);

      kind = CASEBOOK_STORE_ERROR_CORRUPT;
      if (store != NULL)
        _casebook_store_report_damage (store);
    }
  else if (primary == SQLITE_FULL)
    kind = CASEBOOK_STORE_ERROR_NO_SPACE;
  else if (primary == SQLITE_IOERR)
    kind = CASEBOOK_STORE_ERROR_IO;

  /* These three are what a person can do something about, so the message
   * says what happened in plain words and what to do next. */
  if (kind == CASEBOOK_STORE_ERROR_BUSY)
    {
      int ms = _casebook_store_busy_timeout_ms ();
      /* Translators: a time to wait, in seconds */
      g_autofree char *wait = ms % 1000 == 0
                              ? g_strdup_printf (_("%d s"), ms / 1000)
                              : g_strdup_printf (_("%.1f s"), ms / 1000.0);

      g_set_error (error, CASEBOOK_STORE_ERROR, kind,
                   _("%s: another program is changing the store and kept it locked for more than %s. "
                     "Wait until it has finished (it may be another Casebook importing a file) "
                     "or close it, then try again"),
                   what, wait);
    }
  else if (kind == CASEBOOK_STORE_ERROR_NO_SPACE)
    g_set_error (error, CASEBOOK_STORE_ERROR, kind,
                 _("%s: the disk is full. Free some space on it, then try again"), what);
  else if (kind == CASEBOOK_STORE_ERROR_IO)
    g_set_error (error, CASEBOOK_STORE_ERROR, kind,
                 _("%s: the disk reported an error (%s). Check that it is still connected "
                   "and working, then try again"), what, sqlite3_errmsg (db));
  else
    g_set_error (error, CASEBOOK_STORE_ERROR, kind, "%s: %s", what, sqlite3_errmsg (db));

  return FALSE;
}

/* Returns the statement for @sql, reset and unbound: @sql must be a
 * constant string, since the statement is cached under its address. */
sqlite3_stmt *
_casebook_store_prepare (CasebookStore  *self,
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
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Could not prepare a query: cancelled"));
      else
        _casebook_store_set_sqlite_error (error, self->db, _("Could not prepare a query"));
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* Runs statements that return no rows, such as BEGIN or a PRAGMA. */
gboolean
_casebook_store_exec (CasebookStore  *self,
                      const char     *sql,
                      GError        **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _casebook_store_set_sqlite_error (error, self->db, _("Could not change the store"));
  return TRUE;
}

/* Runs a statement that changes the store, and resets it. */
gboolean
_casebook_store_step_done (CasebookStore  *self,
                           sqlite3_stmt   *stmt,
                           GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _casebook_store_set_sqlite_error (error, self->db, _("Could not change the store"));

  return TRUE;
}

void
_casebook_store_bind_text (sqlite3_stmt *stmt,
                           int           index,
                           const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

const char *
_casebook_store_column_text (sqlite3_stmt *stmt,
                             int           index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}

CasebookText *
_casebook_store_text_from_columns (sqlite3_stmt *stmt,
                                   int           zh,
                                   int           en)
{
  return casebook_text_new (_casebook_store_column_text (stmt, zh), _casebook_store_column_text (stmt, en));
}

/* Resets @stmt after sqlite3_step() returned @rc, and sets @error: a
 * query interrupted by the cancellable fails as cancelled. */
gboolean
_casebook_store_query_failed (CasebookStore  *self,
                              sqlite3_stmt   *stmt,
                              int             rc,
                              const char     *what,
                              GError        **error)
{
  sqlite3_reset (stmt);

  if (rc == SQLITE_INTERRUPT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: cancelled"), what);
      return FALSE;
    }

  return _casebook_store_set_sqlite_error (error, self->db, what);
}

/* Commits the transaction if @ok, and rolls it back otherwise, or when the
 * commit fails. Returns whether it was committed. */
gboolean
_casebook_store_finish_transaction (CasebookStore  *self,
                                    gboolean        ok,
                                    GError        **error)
{
  if (ok && _casebook_store_exec (self, "COMMIT", error))
    return TRUE;

  _casebook_store_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

/* Starts a change the person makes: refuses a read-only store, and
 * begins the change's one transaction. */
gboolean
_casebook_store_begin_change (CasebookStore  *self,
                              GError        **error)
{
  return _casebook_store_check_writable (self, error) && _casebook_store_exec (self, "BEGIN IMMEDIATE", error);
}

/* Ends a change begun with _casebook_store_begin_change(): commits it if
 * @ok, and tells the views once it is committed. */
gboolean
_casebook_store_end_change (CasebookStore  *self,
                            gboolean        ok,
                            GError        **error)
{
  if (!_casebook_store_finish_transaction (self, ok, error))
    return FALSE;

  _casebook_store_mark_changed (self);
  return TRUE;
}

/* Sets the error for a case id the store does not hold, after @what (what
 * could not be done). Returns %FALSE. */
gboolean
_casebook_store_set_no_case (GError     **error,
                             const char  *what,
                             const char  *id)
{
  g_autofree char *quoted = casebook_quote_value (id);

  g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND,
               _("%s: there is no case with the id “%s”"), what, quoted);
  return FALSE;
}

/* Tells caches and views that the cases changed; call it after a
 * transaction that changed them was committed. */
void
_casebook_store_mark_changed (CasebookStore *self)
{
  self->n_cases = -1;
  self->generation++;
  g_signal_emit (self, signals[CHANGED], 0);
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
      _casebook_store_untrack_connection (self);
      sqlite3_close (self->db);
      self->db = NULL;
    }
  /* After the connection, so that the last one to close has checkpointed
   * and removed the log when the marker goes. */
  if (self->session_fd >= 0)
    {
      g_autofree char *file = _casebook_store_file_from_uri (self->path);

      if (file != NULL)
        _casebook_store_session_end (self->session_fd, file);
      self->session_fd = -1;
    }
  g_weak_ref_clear (&self->owner);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->sqlite_path, g_free);
  g_clear_pointer (&self->moved_aside, g_free);
  g_clear_pointer (&self->deleted_nrs, g_hash_table_unref);
  g_clear_pointer (&self->deleted_memberships, g_hash_table_unref);
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

  /**
   * CasebookStore::damaged:
   *
   * Emitted, once, on the thread the store was opened on, when SQLite
   * found part of the store damaged while it was open: a query failed, or
   * casebook_store_check_integrity() found damage, on this connection or
   * a reader opened from it. casebook_store_start_over() moves the
   * damaged file aside and makes a new store.
   */
  signals[DAMAGED] = g_signal_new ("damaged",
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
  self->session_fd = -1;
  g_weak_ref_init (&self->owner, NULL);
}

static int
on_progress (void *user_data)
{
  CasebookStore *self = user_data;

  return self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable);
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

/**
 * _casebook_store_get_path:
 *
 * Returns: the path the store was opened with
 */
const char *
_casebook_store_get_path (CasebookStore *self)
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
 * _casebook_store_get_generation:
 *
 * Returns: a number that grows with every change to the cases, so that
 *   caches can tell whether they are stale
 */
guint64
_casebook_store_get_generation (CasebookStore *self)
{
  g_return_val_if_fail (CASEBOOK_IS_STORE (self), 0);
  return self->generation;
}

/* Reads what CASEBOOK_STORE_ORIGIN_SQL gives. */
CasebookOrigin
_casebook_store_origin_from_text (const char *text)
{
  if (g_strcmp0 (text, "bundled") == 0)
    return CASEBOOK_ORIGIN_BUNDLED;
  if (g_strcmp0 (text, "subscribed") == 0)
    return CASEBOOK_ORIGIN_SUBSCRIBED;
  return CASEBOOK_ORIGIN_OWN;
}
