/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "casebook-store-file.h"
#include "casebook-store-private.h"

/* The files around a store: what a store is made of on disk, what may be
 * opened as one, and which paths must never be written over while it is
 * open. Everything here reads files with plain system calls, so that a
 * file that is not Casebook's is never handed to SQLite for writing: even
 * opening a database read-write and switching it to WAL changes it. */

#define SQLITE_MAGIC "SQLite format 3"  /* and its terminating NUL: 16 bytes */
#define HEADER_SIZE 100
#define SNIFF_SIZE (64 * 1024)

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | (guint32) p[3];
}

/*
 * _casebook_store_file_is_uri:
 * @path: what was given as the store
 *
 * Returns: whether @path is an SQLite URI or `:memory:` rather than a
 *   file name
 */
gboolean
_casebook_store_file_is_uri (const char *path)
{
  /* `:memory:` is no file either: there is nothing to check, create or
   * move aside. The fuzzers and tests keep their stores there. */
  return g_str_has_prefix (path, "file:") || g_str_equal (path, ":memory:");
}

/*
 * _casebook_store_file_from_uri:
 * @path: what casebook_store_open() was given
 *
 * Returns: (transfer full) (nullable): the file that @path names: @path
 *   itself, or the file of an SQLite `file:` URI; %NULL for a store that
 *   lives in memory (or SQLite's private temporary file), which has no file
 */
char *
_casebook_store_file_from_uri (const char *path)
{
  const char *rest;
  const char *end;
  g_autofree char *escaped = NULL;

  if (path[0] == '\0' || g_str_equal (path, ":memory:"))
    return NULL;
  if (!g_str_has_prefix (path, "file:"))
    return g_strdup (path);

  rest = path + strlen ("file:");
  if (g_str_has_prefix (rest, "//localhost/"))
    rest += strlen ("//localhost");
  else if (g_str_has_prefix (rest, "///"))
    rest += 2;

  end = rest + strcspn (rest, "?#");
  if (*end == '?')
    {
      g_autofree char *query = g_strndup (end + 1, strcspn (end + 1, "#"));
      g_auto(GStrv) params = g_strsplit (query, "&", -1);

      for (guint i = 0; params[i] != NULL; i++)
        if (g_str_equal (params[i], "mode=memory"))
          return NULL;
    }

  escaped = g_strndup (rest, end - rest);
  if (escaped[0] == '\0' || g_str_equal (escaped, ":memory:"))
    return NULL;

  return g_uri_unescape_string (escaped, NULL);
}

/* Reads the first bytes of @path through SQLite's own file layer. A
 * close() of any descriptor of a file drops every POSIX lock this process
 * holds on it, so reading a store that another connection of this process
 * has open with plain open() and close() would let a third program write
 * under that connection's feet; SQLite's layer keeps the descriptor open
 * while locks are held. Returns an errno value, or 0. */
static int
read_head (const char *path,
           guchar     *buf,
           gsize       size,
           gsize      *length)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);
  g_autofree sqlite3_file *file = g_malloc0 (vfs->szOsFile);
  sqlite3_int64 file_size = 0;
  int out_flags = 0;
  int rc;

  *length = 0;
  errno = 0;
  rc = vfs->xOpen (vfs, path, file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &out_flags);
  if (rc != SQLITE_OK)
    {
      int saved = errno;

      if (file->pMethods != NULL)
        file->pMethods->xClose (file);
      return saved != 0 ? saved : EIO;
    }

  rc = file->pMethods->xFileSize (file, &file_size);
  if (rc == SQLITE_OK)
    {
      gsize want = (gsize) MIN ((sqlite3_int64) size, MAX (file_size, 0));

      rc = want > 0 ? file->pMethods->xRead (file, buf, (int) want, 0) : SQLITE_OK;
      if (rc == SQLITE_OK)
        *length = want;
    }
  file->pMethods->xClose (file);

  return rc == SQLITE_OK ? 0 : EIO;
}

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * _casebook_store_file_identify:
 * @path: a file name
 * @kind: (out): what the file seems to be
 *
 * Looks at the first bytes of @path without opening it for writing.
 *
 * Returns: %FALSE, with @error set, when the file cannot even be looked at
 */
gboolean
_casebook_store_file_identify (const char             *path,
                               CasebookStoreFileKind  *kind,
                               GError                **error)
{
  g_autofree guchar *head = NULL;
  GStatBuf st;
  gsize n = 0;
  gsize first;
  int saved;

  if (g_stat (path, &st) != 0)
    {
      saved = errno;

      if (saved == ENOENT)
        {
          *kind = CASEBOOK_STORE_FILE_MISSING;
          return TRUE;
        }
      if (saved == EACCES)
        return _casebook_store_file_check_folder (path, error);

      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_FAILED,
                   _("Could not open the store “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }

  if (S_ISDIR (st.st_mode))
    {
      *kind = CASEBOOK_STORE_FILE_DIRECTORY;
      return TRUE;
    }
  if (!S_ISREG (st.st_mode))
    {
      *kind = CASEBOOK_STORE_FILE_OTHER;
      return TRUE;
    }
  if (st.st_size == 0)
    {
      *kind = CASEBOOK_STORE_FILE_EMPTY;
      return TRUE;
    }

  head = g_malloc (SNIFF_SIZE);
  saved = read_head (path, head, SNIFF_SIZE, &n);
  if (saved != 0)
    {
      g_set_error (error, CASEBOOK_STORE_ERROR,
                   saved == EACCES ? CASEBOOK_STORE_ERROR_READ_ONLY : CASEBOOK_STORE_ERROR_IO,
                   saved == EACCES
                   ? _("Could not read the store “%s”: this user may not read it (%s). Ask its "
                       "owner to let you read it, or choose a store of your own")
                   : _("Could not read the store “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }

  if (n >= sizeof SQLITE_MAGIC && memcmp (head, SQLITE_MAGIC, sizeof SQLITE_MAGIC) == 0)
    {
      /* A header cut short says nothing about whose it is. */
      if (n < HEADER_SIZE)
        *kind = CASEBOOK_STORE_FILE_SQLITE;
      else if (read_be32 (head + 68) == CASEBOOK_STORE_APPLICATION_ID)
        *kind = CASEBOOK_STORE_FILE_OURS;
      else if (read_be32 (head + 68) == 0 && read_be32 (head + 60) > 0)
        *kind = CASEBOOK_STORE_FILE_UNSTAMPED;
      else
        *kind = CASEBOOK_STORE_FILE_SQLITE;
      return TRUE;
    }

  for (first = 0; first < (gsize) n && is_json_space (head[first]); first++)
    ;
  if (first < (gsize) n && (head[first] == '{' || head[first] == '['))
    {
      *kind = g_strstr_len ((const char *) head, n, "\"cases\"") != NULL
              ? CASEBOOK_STORE_FILE_COLLECTION : CASEBOOK_STORE_FILE_JSON;
      return TRUE;
    }

  *kind = CASEBOOK_STORE_FILE_OTHER;
  return TRUE;
}

static char *
immutable_uri (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);

  return g_strdup_printf ("file:%s?mode=ro&immutable=1", escaped);
}

static int
count_columns (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

/*
 * _casebook_store_file_is_old_store:
 *
 * Whether an SQLite database with no application id holds Casebook's
 * tables: a store written before stores were stamped. It is read as
 * immutable, which takes no lock and creates nothing beside it.
 */
gboolean
_casebook_store_file_is_old_store (const char *path)
{
  g_autofree char *uri = immutable_uri (path);
  sqlite3 *db = NULL;
  gboolean ours;

  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return FALSE;
    }

  ours = count_columns (db, "SELECT count(*) FROM pragma_table_info('cases') "
                            "WHERE name IN ('nr', 'id', 'origin', 'kind', 'sector', 'doc')") == 6 &&
         count_columns (db, "SELECT count(*) FROM pragma_table_info('sectors') "
                            "WHERE name IN ('key', 'position', 'color')") == 3 &&
         count_columns (db, "SELECT count(*) FROM pragma_table_info('meta') "
                            "WHERE name IN ('key', 'value')") == 2;
  sqlite3_close (db);

  return ours;
}

/*
 * _casebook_store_file_is_wal_mode:
 *
 * Whether the header of @path says it is in WAL mode, in which even a
 * reader needs the -wal and -shm files beside it.
 */
gboolean
_casebook_store_file_is_wal_mode (const char *path)
{
  guchar head[HEADER_SIZE];
  gsize n = 0;

  if (read_head (path, head, sizeof head, &n) != 0)
    return FALSE;

  return n == HEADER_SIZE && memcmp (head, SQLITE_MAGIC, sizeof SQLITE_MAGIC) == 0 &&
         head[18] == 2 && head[19] == 2;
}

/*
 * _casebook_store_file_set_not_a_store_error:
 *
 * Says what @path seems to be instead of a store, and that it was left
 * alone.
 */
void
_casebook_store_file_set_not_a_store_error (GError               **error,
                                            const char            *path,
                                            CasebookStoreFileKind  kind)
{
  switch (kind)
    {
    case CASEBOOK_STORE_FILE_COLLECTION:
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_A_STORE,
                   _("“%s” is not a Casebook store: it seems to be a collection exported from "
                     "Casebook. It was left as it is. Import it into a store instead (casebook "
                     "--import), and choose another file for the store"), path);
      break;
    case CASEBOOK_STORE_FILE_JSON:
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_A_STORE,
                   _("“%s” is not a Casebook store: it seems to be JSON text. It was left as it "
                     "is; choose another file for the store"), path);
      break;
    case CASEBOOK_STORE_FILE_SQLITE:
    case CASEBOOK_STORE_FILE_UNSTAMPED:
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_A_STORE,
                   _("“%s” is not a Casebook store: it seems to be another program's SQLite "
                     "database. It was left as it is; choose another file for the store"), path);
      break;
    case CASEBOOK_STORE_FILE_DIRECTORY:
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_A_STORE,
                   _("“%s” is not a Casebook store: it is a folder. Choose a file in it, or "
                     "another file, for the store"), path);
      break;
    case CASEBOOK_STORE_FILE_OTHER:
    case CASEBOOK_STORE_FILE_MISSING:
    case CASEBOOK_STORE_FILE_EMPTY:
    case CASEBOOK_STORE_FILE_OURS:
    default:
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_A_STORE,
                   _("“%s” is not a Casebook store: it seems to be some other file. It was left "
                     "as it is; choose another file for the store. (If it is a Casebook store "
                     "whose beginning was damaged, move it elsewhere and Casebook will start a "
                     "new one.)"), path);
      break;
    }
}

/*
 * _casebook_store_file_check_folder:
 * @path: a store that could not be looked at
 *
 * Names the first folder on the way to @path that this user may not
 * enter, which SQLite reports only as "unable to open database file".
 *
 * Returns: %FALSE, with @error set
 */
gboolean
_casebook_store_file_check_folder (const char  *path,
                                   GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);
  g_auto(GStrv) parts = g_strsplit (dir, G_DIR_SEPARATOR_S, -1);
  g_autoptr(GString) walked = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      g_string_append_printf (walked, "/%s", parts[i]);
      if (access (walked->str, X_OK) != 0)
        {
          g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY,
                       _("Could not open the store “%s”: this user may not enter the folder “%s”. "
                         "Ask its owner for access to it, or choose a store in a folder of your own"),
                       path, walked->str);
          return FALSE;
        }
    }

  g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY,
               _("Could not open the store “%s”: this user may not read it. Ask its owner to let "
                 "you read it, or choose a store of your own"), path);
  return FALSE;
}

/*
 * _casebook_store_file_folder_is_writable:
 *
 * Whether files can be created beside @path, as SQLite needs to for the
 * journal, the log and its index.
 */
gboolean
_casebook_store_file_folder_is_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return access (dir, W_OK | X_OK) == 0;
}

/* Output paths -------------------------------------------------------------- */

/* Follows symbolic links in @path's last part, even to a file that does not
 * exist yet, and makes the folder it ends in canonical: the name under
 * which a write to @path would land. */
static char *
resolve_output_name (const char *path)
{
  g_autofree char *current = g_canonicalize_filename (path, NULL);

  for (guint hops = 0; hops < 40; hops++)
    {
      g_autofree char *target = g_file_read_link (current, NULL);
      g_autofree char *dir = NULL;

      if (target == NULL)
        break;
      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_canonicalize_filename (target, dir);
    }

  {
    g_autofree char *dir = g_path_get_dirname (current);
    g_autofree char *base = g_path_get_basename (current);
    g_autofree char *real_dir = realpath (dir, NULL);

    if (real_dir == NULL)
      return g_steal_pointer (&current);
    return g_build_filename (real_dir, base, NULL);
  }
}

/**
 * casebook_store_check_output:
 * @self: the open store
 * @path: (type filename): a file about to be written: an export, a PDF,
 *   a chart
 *
 * Refuses a path that would write over the store or a file SQLite keeps
 * beside it (its `-wal`, `-shm` or `-journal`), whichever way it names
 * them: relative, through `..`, through a symbolic link (even one that
 * points to a file that does not exist yet) or as a hard link. Call it
 * before anything opens @path for writing.
 *
 * Returns: %TRUE if @path may be written; %FALSE, with
 *   %CASEBOOK_STORE_ERROR_OWN_FILE, if it must not
 */
gboolean
casebook_store_check_output (CasebookStore  *self,
                             const char     *path,
                             GError        **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *store_file = NULL;
  g_autofree char *store_name = NULL;
  g_autofree char *output_name = NULL;
  GStatBuf out_st;
  gboolean out_exists;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  store_file = _casebook_store_file_from_uri (self->path);
  if (store_file == NULL)
    return TRUE;

  out_exists = g_stat (path, &out_st) == 0;
  output_name = resolve_output_name (path);
  store_name = resolve_output_name (store_file);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (store_file, suffixes[i], NULL);
      g_autofree char *name = g_strconcat (store_name, suffixes[i], NULL);
      GStatBuf st;
      gboolean same = g_strcmp0 (name, output_name) == 0;

      if (!same && out_exists && g_stat (file, &st) == 0)
        same = st.st_dev == out_st.st_dev && st.st_ino == out_st.st_ino;

      if (same)
        {
          g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_OWN_FILE,
                       i == 0
                       ? _("“%s” is Casebook's own store; writing there would destroy the cases in "
                           "it. Nothing was written; choose another file")
                       : _("“%s” is one of the files Casebook keeps beside its store; writing there "
                           "would damage the store. Nothing was written; choose another file"),
                       path);
          return FALSE;
        }
    }

  return TRUE;
}
