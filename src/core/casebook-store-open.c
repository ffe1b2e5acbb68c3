/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "casebook-store-file.h"
#include "casebook-store-private.h"
#include "casebook-tokenizer.h"

/* Opening a store: the file is looked at before SQLite opens it, so that
 * nothing that is not Casebook's is written to; its schema is checked and
 * upgraded; a damaged store is moved aside and a new one made; a store
 * that cannot be written is read as it is; and a new or older store gets
 * the bundled collection. Also the second, read-only connections that
 * worker threads read through, the integrity check, and starting over
 * after damage was found.
 *
 * Opening reads only the pages it needs. The whole file is read to check
 * it (`PRAGMA quick_check`, 1.4 s for a store of 100,000 cases) only when
 * the last session did not end properly (casebook-store-session.c); a
 * store that SQLite finds damaged while opening it is moved aside all the
 * same, and damage found later is reported by CasebookStore::damaged. */

/* How many times the whole file was checked, for tests. */
static int quick_checks;

/**
 * _casebook_store_get_quick_check_count:
 *
 * Returns: how many integrity checks ran in this process, so that tests
 *   can tell whether opening a store read all of it
 */
guint
_casebook_store_get_quick_check_count (void)
{
  return (guint) g_atomic_int_get (&quick_checks);
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
uri_is_read_only (const char *path)
{
  const char *query = strchr (path, '?');

  return query != NULL && (strstr (query, "mode=ro") != NULL || strstr (query, "immutable=1") != NULL);
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
  g_atomic_int_inc (&quick_checks);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *result = _casebook_store_column_text (stmt, 0);

      *ok = g_strcmp0 (result, "ok") == 0;
      if (!*ok && first_problem != NULL)
        *first_problem = g_strdup (result);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  return rc;
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

  if (!self->read_only || _casebook_store_file_is_uri (self->path))
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

  if (!_casebook_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!_casebook_store_exec (self, "PRAGMA application_id = " G_STRINGIFY (CASEBOOK_STORE_APPLICATION_ID), error) ||
      !_casebook_store_exec (self, "COMMIT", error))
    {
      _casebook_store_exec (self, "ROLLBACK", NULL);
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
               gboolean        check,
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
                       _("Could not open the store “%s”: %s"), self->path,
                       self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
          return OPEN_FAILED;
        }

      sqlite3_extended_result_codes (self->db, 1);
      sqlite3_busy_timeout (self->db, _casebook_store_busy_timeout_ms ());

      if (!self->read_only && sqlite3_db_readonly (self->db, "main") == 1)
        self->read_only = TRUE;

      if (!casebook_tokenizer_register (self->db, error))
        return OPEN_FAILED;

      /* Read the version and check the file before anything writes to it:
       * even switching to WAL would write to a store we must not touch. */
      rc = _casebook_store_read_user_version (self, &version);
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
      _casebook_store_set_sqlite_error (error, self->db, _("Could not open the store"));
      return OPEN_FAILED;
    }
  if (self->read_only && ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN))
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY,
                   _("Could not read the store “%s”: it belongs to another user, was not closed "
                     "properly, and its folder may not be written to. Ask its owner to start and "
                     "quit Casebook once, or copy the store to a folder of your own"), self->path);
      return OPEN_FAILED;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_FAILED,
                   _("Could not read the store “%s”: %s"), self->path, sqlite3_errmsg (self->db));
      return OPEN_FAILED;
    }

  if (version > CASEBOOK_STORE_SCHEMA_VERSION)
    {
      _casebook_store_set_newer_schema_error (self, version, error);
      return OPEN_FAILED;
    }

  /* Only after an unclean shutdown is the whole file worth reading here;
   * any other damage shows as soon as SQLite reads a damaged page. */
  if (check)
    {
      rc = quick_check (self, &ok, &problem);
      if (rc == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT || (rc == SQLITE_OK && !ok))
        {
          g_debug ("The store %s is damaged: %s", self->path, problem != NULL ? problem : sqlite3_errmsg (self->db));
          return OPEN_CORRUPT;
        }
      if (rc != SQLITE_OK)
        {
          _casebook_store_set_sqlite_error (error, self->db, _("Could not check the store"));
          return OPEN_FAILED;
        }
    }

  if (!self->read_only && !stamp (self, error))
    return OPEN_FAILED;

  if (!self->read_only && !_casebook_store_exec (self, "PRAGMA journal_mode = WAL", error))
    return OPEN_FAILED;

  /* In WAL mode, NORMAL still never corrupts the store; it only lets the
   * last transaction be lost if the machine loses power. A larger cache
   * keeps a big import's index pages in memory instead of spilling them
   * to the log halfway, and the log is cut back after a checkpoint. */
  if (!self->read_only &&
      !_casebook_store_exec (self, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; "
                                   "PRAGMA journal_size_limit = 67108864", error))
    return OPEN_FAILED;

  if (!_casebook_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return OPEN_FAILED;

  if (version < CASEBOOK_STORE_SCHEMA_VERSION)
    {
      if (self->read_only)
        {
          g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY,
                       version == 0
                       ? _("The store “%s” is read-only and holds no Casebook collection yet")
                       : _("The store “%s” is read-only and needs an upgrade to the current schema"),
                       self->path);
          return OPEN_FAILED;
        }

      if (!_casebook_store_migrate (self, error))
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

/* A new or older store gets the built-in sectors and the bundled
 * collection. */
static gboolean
fill (CasebookStore  *self,
      GError        **error)
{
  if (self->read_only)
    return TRUE;

  if (!_casebook_store_has_builtin_sectors (self))
    {
      if (!_casebook_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!_casebook_store_ensure_builtin_sectors (self, error) || !_casebook_store_exec (self, "COMMIT", error))
        {
          _casebook_store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  /* Deletions whose Undo was on offer when Casebook last stopped (it
   * crashed, or quit before it could drop them) can no longer be undone;
   * while another Casebook has the store open, they may be its own.
   * Whether one had it is known from the session's start, without
   * converting its lock (which is not atomic). */
  if (self->alone_at_open && !_casebook_store_purge_deletions (self, error))
    return FALSE;

  /* The cases are read only when the store's copy is older. */
  if (!self->no_bundled)
    {
      g_autoptr(CasebookDocument) bundled = NULL;

      if (_casebook_bundled_revision () <= _casebook_store_get_bundled_revision (self))
        return TRUE;

      bundled = _casebook_bundled_document (error);
      if (bundled == NULL || !_casebook_store_refresh_bundled (self, bundled, error))
        return FALSE;
    }

  return TRUE;
}

/* Opens the database and fills it. Without the check of the whole file,
 * damage shows when a step reads a damaged page, which counts as the
 * check failing. */
static OpenResult
open_and_fill (CasebookStore  *self,
               gboolean        check,
               GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  OpenResult result = open_database (self, check, &local_error);

  if (result == OPEN_OK && !fill (self, &local_error))
    result = OPEN_FAILED;

  if (result == OPEN_FAILED &&
      g_error_matches (local_error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_CORRUPT))
    {
      g_debug ("The store %s is damaged: %s", self->path, local_error->message);
      return OPEN_CORRUPT;
    }

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return result;
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
                   _("The store “%s” is damaged, and could not be moved aside: %s"),
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
  CasebookStoreFileKind kind = CASEBOOK_STORE_FILE_MISSING;  /* what the file was before it was opened */
  gboolean unclean = FALSE;
  OpenResult result;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CASEBOOK_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->sqlite_path = g_strdup (path);
  self->read_only = (flags & CASEBOOK_STORE_READ_ONLY) != 0;
  self->no_bundled = (flags & CASEBOOK_STORE_NO_BUNDLED) != 0;

  /* Look at the file before SQLite does: SQLite would write its tables into
   * any database, and start afresh over any other file as if it were a
   * damaged store. Only a missing or empty file, or a store, goes on. */
  file = _casebook_store_file_from_uri (path);
  if (file != NULL)
    {
      if (!_casebook_store_file_identify (file, &kind, error))
        return NULL;

      if (kind == CASEBOOK_STORE_FILE_UNSTAMPED && !_casebook_store_file_is_old_store (file))
        kind = CASEBOOK_STORE_FILE_SQLITE;

      if (kind != CASEBOOK_STORE_FILE_MISSING && kind != CASEBOOK_STORE_FILE_EMPTY &&
          kind != CASEBOOK_STORE_FILE_OURS && kind != CASEBOOK_STORE_FILE_UNSTAMPED)
        {
          _casebook_store_file_set_not_a_store_error (error, file, kind);
          return NULL;
        }
    }

  if (_casebook_store_file_is_uri (path))
    {
      if (uri_is_read_only (path))
        self->read_only = TRUE;
    }
  else if (kind != CASEBOOK_STORE_FILE_MISSING)
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
                       _("Could not create the folder “%s” for the store: %s"),
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

  /* Held from before SQLite opens the store, so that no other Casebook
   * can take this one's session for one that was left unfinished. */
  if (file != NULL)
    self->session_fd = _casebook_store_session_begin (file, self->read_only, &unclean, &self->alone_at_open);
  else
    self->alone_at_open = TRUE;
  if (unclean)
    g_debug ("The store %s was not closed properly; checking it", path);

  result = open_and_fill (self, unclean, error);

  if (result == OPEN_CORRUPT)
    {
      close_database (self);

      /* Only a file that is Casebook's is ever moved aside. */
      if (kind != CASEBOOK_STORE_FILE_OURS && kind != CASEBOOK_STORE_FILE_UNSTAMPED)
        {
          g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_CORRUPT,
                       _("“%s” cannot be read: SQLite reports it as damaged, and it carries no mark "
                         "of a Casebook store, so it was left as it is. Choose another file for the store"),
                       path);
          return NULL;
        }

      if (self->read_only || _casebook_store_file_is_uri (path))
        {
          g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_CORRUPT,
                       _("The store “%s” is damaged and cannot be read. It was opened read-only, "
                         "so Casebook left it as it is: restore it from a backup, or open it "
                         "read-write to have it moved aside and a new store created"), path);
          return NULL;
        }

      if (!move_aside (self, error))
        return NULL;

      g_warning ("The store %s was damaged; it was moved to %s", path, self->moved_aside);
      result = open_and_fill (self, FALSE, error);
      if (result == OPEN_CORRUPT)
        g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_CORRUPT,
                     _("Could not create a new store at “%s”"), path);
    }

  if (result != OPEN_OK)
    return NULL;

  /* From now on damage is news for whoever shows the store. */
  self->context = g_main_context_ref_thread_default ();
  _casebook_store_track_connection (self);

  return g_steal_pointer (&self);
}

/**
 * casebook_store_check_integrity:
 * @self: a store
 * @cancellable: (nullable): stops the check
 * @error: return location for an error
 *
 * Reads the whole store to check that it is sound (SQLite's
 * `PRAGMA quick_check`). On a big store this takes seconds, so run it on
 * a connection of its own on a worker thread, through
 * casebook_store_read_async(). Opening a store only runs it when the
 * store was not closed properly. Damage found is also reported by
 * CasebookStore::damaged.
 *
 * Returns: %TRUE if the store is sound; %FALSE with
 *   %CASEBOOK_STORE_ERROR_CORRUPT if it is damaged, or another error if
 *   it could not be checked
 */
gboolean
casebook_store_check_integrity (CasebookStore  *self,
                                GCancellable   *cancellable,
                                GError        **error)
{
  g_autoptr(GCancellable) previous = NULL;
  g_autofree char *problem = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (cancellable != NULL)
    {
      previous = self->cancellable != NULL ? g_object_ref (self->cancellable) : NULL;
      casebook_store_set_cancellable (self, cancellable);
    }
  rc = quick_check (self, &ok, &problem);
  if (cancellable != NULL)
    casebook_store_set_cancellable (self, previous);

  if ((rc & 0xff) == SQLITE_INTERRUPT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Could not check the store: cancelled"));
      return FALSE;
    }
  if (rc == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT || (rc == SQLITE_OK && !ok))
    {
      g_autofree char *detail = g_strdup (problem != NULL ? problem : sqlite3_errmsg (self->db));

      _casebook_store_report_damage (self);
      /* Translators: the second %s is SQLite's first finding, in English */
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_CORRUPT,
                   _("The store “%s” is damaged: %s"), self->path, g_strstrip (detail));
      return FALSE;
    }
  if (rc != SQLITE_OK)
    return _casebook_store_set_sqlite_error (error, self->db, _("Could not check the store"));

  return TRUE;
}

/**
 * casebook_store_start_over:
 * @self: a store that was found damaged while it was open
 * @error: return location for an error
 *
 * Moves the store's file, and its log, aside under a name with a
 * timestamp, untouched (casebook_store_get_moved_aside() then says
 * where), and opens a new store in its place on the same object, with the
 * bundled collection unless the store was opened with
 * %CASEBOOK_STORE_NO_BUNDLED. #CasebookStore::changed is emitted.
 *
 * Refused for a store opened read-only, and while another connection
 * (another Casebook) has the store open.
 *
 * Returns: %TRUE if a new store took the old one's place
 */
gboolean
casebook_store_start_over (CasebookStore  *self,
                           GError        **error)
{
  OpenResult result;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);

  if (self->read_only || self->session_fd < 0 || _casebook_store_file_is_uri (self->path))
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY,
                   _("The store “%s” was opened read-only, so Casebook cannot move it aside. "
                     "Quit Casebook and move the file yourself"), self->path);
      return FALSE;
    }

  /* The other Casebook would go on writing to the file moved aside. */
  if (!_casebook_store_session_is_alone (self->session_fd))
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_BUSY,
                   _("Another Casebook has the store “%s” open. Quit it, then try again"), self->path);
      return FALSE;
    }

  /* Closing would copy the log into the damaged file: keep both as they are. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  _casebook_store_untrack_connection (self);
  close_database (self);

  if (!move_aside (self, error))
    {
      /* Go on with the store as it was. */
      if (open_and_fill (self, FALSE, NULL) != OPEN_OK)
        close_database (self);
      else
        _casebook_store_track_connection (self);
      return FALSE;
    }

  g_message ("The store %s was damaged; it was moved to %s", self->path, self->moved_aside);
  result = open_and_fill (self, FALSE, error);
  if (result == OPEN_CORRUPT)
    g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_CORRUPT,
                 _("Could not create a new store at “%s”"), self->path);
  if (result != OPEN_OK)
    {
      close_database (self);
      return FALSE;
    }

  _casebook_store_track_connection (self);
  g_clear_object (&self->catalog);
  g_hash_table_remove_all (self->deleted_nrs);
  if (self->deleted_memberships != NULL)
    g_hash_table_remove_all (self->deleted_memberships);
  g_atomic_int_set (&self->damage_reported, FALSE);
  _casebook_store_mark_changed (self);

  return TRUE;
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
  reader->is_reader = TRUE;
  g_weak_ref_set (&reader->owner, self);

  rc = sqlite3_open_v2 (self->sqlite_path, &reader->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_FAILED,
                   _("Could not open the store “%s” for reading: %s"), self->path,
                   reader->db != NULL ? sqlite3_errmsg (reader->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (reader->db, 1);
  sqlite3_busy_timeout (reader->db, _casebook_store_busy_timeout_ms ());

  if (!casebook_tokenizer_register (reader->db, error))
    return NULL;

  _casebook_store_track_connection (reader);
  return g_steal_pointer (&reader);
}
