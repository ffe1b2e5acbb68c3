/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unistd.h>

#include "casebook-collection.h"
#include "casebook-json.h"
#include "casebook-l10n.h"
#include "casebook-store-private.h"
#include "casebook-test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs the real binary, with no display, as a script would. */
static void
run_casebook (Run        *run,
              const char *db,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *bin = g_getenv ("CASEBOOK_BIN");
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, g_strdup (bin));
  g_ptr_array_add (argv, g_strdup_printf ("--db=%s", db));
  va_start (args, db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
test_list (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_auto(GStrv) lines = NULL;
  Run run = { 0 };

  run_casebook (&run, db, "--list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 15);
  g_assert_cmpstr (lines[14], ==, "");
  for (guint i = 0; i < 14; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      g_assert_true (g_str_has_prefix (fields[0], "report-"));
      g_assert_true (g_strv_contains ((const char *[]) { "finance", "manufacturing", "internet", "government", NULL },
                                      fields[1]));
      g_assert_cmpstr (fields[2], !=, "");
    }
  g_assert_nonnull (strstr (run.out, "report-2.1\tfinance\tVirtualization at a large bank\n"));

  run_clear (&run);
  casebook_test_rmdir (dir);
}

static void
test_lang_and_show (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  Run run = { 0 };

  run_casebook (&run, db, "--lang=zh", "--search=等保", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "report-5.1\tgovernment\t政府部门虚拟化案例\n");
  run_clear (&run);

  run_casebook (&run, db, "--lang", "en", "--show=report-2.1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Virtualization at a large bank\n"));
  g_assert_nonnull (strstr (run.out, "[30% → 80%]"));
  g_assert_nonnull (strstr (run.out, "[99.99%]"));
  g_assert_nonnull (strstr (run.out, "VMware vSphere 8.0"));
  g_assert_nonnull (strstr (run.out, ">50,000"));
  run_clear (&run);

  run_casebook (&run, db, "--lang=zh", "--show=report-3.2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "电子制造企业容器化案例"));
  g_assert_nonnull (strstr (run.out, "15,000"));
  run_clear (&run);

  run_casebook (&run, db, "--show=no-such-case", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "no-such-case"));
  run_clear (&run);

  run_casebook (&run, db, "--lang=fr", "--list", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "fr"));
  run_clear (&run);

  casebook_test_rmdir (dir);
}

/* No raw control byte, and no character that reorders a line. */
static void
assert_inert (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
        g_error ("raw control byte 0x%02x in “%s”", c, text);
    }
  g_assert_null (strstr (text, "\xc2\x9b"));
  g_assert_null (strstr (text, "\xe2\x80\xae"));
  g_assert_null (strstr (text, "\xe2\x80\xa8"));
}

static void
assert_one_line_per_case (const char *out,
                          guint       n_cases)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, n_cases + 1);
  g_assert_cmpstr (lines[n_cases], ==, "");
  for (guint i = 0; i < n_cases; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
    }
}

/* A store written before texts were checked may hold a title with ESC,
 * BEL, a line feed and a tab: what the command line prints must still be
 * one line per case, and must not drive the terminal (OSC 52 writes to
 * the clipboard, CSI recolours). */
static void
test_hostile_store_text (void)
{
  static const char hostile[] =
    "Fake\nreport-0\tfinance\tforged line\x1b]52;c;aGk=\x07\x1b[31m red \xc2\x9b" "2J \xe2\x80\xae" "txet \xe2\x80\xa8" "end";
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *file = g_build_filename (dir, "own.json", NULL);
  g_autofree char *c = casebook_test_minimal_case ("own-1", ", \"subsector\": {\"en\": \"Retail\"}");
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", c);
  g_autofree char *bad_file = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *import_arg = g_strdup_printf ("--import=%s", file);
  g_autofree char *bad_arg = g_strdup_printf ("--import=%s", bad_file);
  sqlite3 *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  Run run = { 0 };

  g_assert_true (g_file_set_contents (file, json, -1, NULL));
  run_casebook (&run, db, import_arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* What an older version could have stored, written behind Casebook's
   * back: the title column --list reads and the case --show reads. */
  g_assert_cmpint (sqlite3_open (db, &sql), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (sql,
                                       "UPDATE cases SET title_en = ?1, subsector_en = ?1,"
                                       " doc = json_set (json_set (doc, '$.title.en', ?1), '$.subsector.en', ?1)"
                                       " WHERE id = 'own-1'", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, hostile, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (sql), ==, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (sql, "UPDATE metrics SET name_en = 'Cost' || char(27) || '[2J' || char(10) || 'x'"
                                 " WHERE key = 'cost'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (sql);

  run_casebook (&run, db, "--list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_inert (run.out);
  assert_one_line_per_case (run.out, 15);
  /* The title shows what it holds, escaped. */
  g_assert_nonnull (strstr (run.out, "own-1\tfinance\tFake\\x0areport-0\\x09finance\\x09forged line"
                                     "\\x1b]52;c;aGk=\\x07\\x1b[31m red \\u{9b}2J \\u{202e}txet \\u{2028}end\n"));
  run_clear (&run);

  run_casebook (&run, db, "--search=example", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_inert (run.out);
  run_clear (&run);

  run_casebook (&run, db, "--show=own-1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_inert (run.out);
  g_assert_true (g_str_has_prefix (run.out, "Fake\\x0areport-0\\x09finance"));
  g_assert_null (strstr (run.out, "\nreport-0"));
  run_clear (&run);

  run_casebook (&run, db, "--list-metrics", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_inert (run.out);
  g_assert_nonnull (strstr (run.out, "cost\tCost\\x1b[2J\\x0ax\n"));
  run_clear (&run);

  /* A refused import quotes the file's value, escaped too. */
  g_assert_true (g_file_set_contents (bad_file,
                                      "{\"format\": \"casebook\", \"version\": 1, \"cases\": [],"
                                      " \"x\\u001b]52;c;aGk=\\u0007\": 1, \"x\\u001b]52;c;aGk=\\u0007\": 2}",
                                      -1, NULL));
  run_casebook (&run, db, bad_arg, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_inert (run.err);
  g_assert_nonnull (strstr (run.err, "the member “x\\x1b]52;c;aGk=\\x07” appears twice"));
  run_clear (&run);

  /* A value of any length typed on the command line comes back short. */
  {
    g_autofree char *long_id = g_strnfill (100000, 'x');
    g_autofree char *show_arg = g_strdup_printf ("--show=%s", long_id);

    run_casebook (&run, db, show_arg, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "xxx…”"));
    g_assert_cmpint (g_utf8_strlen (run.err, -1), <, 200);
    run_clear (&run);
  }

  casebook_test_rmdir (dir);
}

static void
test_import_refusal_changes_nothing (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *good = g_build_filename (dir, "good.json", NULL);
  g_autofree char *out1 = g_build_filename (dir, "export1.json", NULL);
  g_autofree char *out2 = g_build_filename (dir, "export2.json", NULL);
  g_autofree char *case_ok = casebook_test_minimal_case ("mine-1", "");
  g_autofree char *case_bad = casebook_test_minimal_case ("mine-2", ",\n \"period\": {\"start\": 2025, \"end\": 2020}");
  g_autofree char *bad_json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s, %s]}",
                                               case_ok, case_bad);
  g_autofree char *good_json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}",
                                                case_ok);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Run run = { 0 };

  g_assert_true (g_file_set_contents (bad, bad_json, -1, NULL));
  g_assert_true (g_file_set_contents (good, good_json, -1, NULL));

  run_casebook (&run, db, "--export", out1, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_casebook (&run, db, "--import", bad, NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "bad.json"));
  g_assert_nonnull (strstr (run.err, "cases[1].period.end"));
  run_clear (&run);

  run_casebook (&run, db, "--export", out2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  before = casebook_test_read_file (out1, NULL);
  after = casebook_test_read_file (out2, NULL);
  g_assert_cmpstr (before, ==, after);

  /* A syntax error names its line and column. */
  g_assert_true (g_file_set_contents (bad, "{\n  \"format\": \"casebook\",\n  'version': 1\n}", -1, NULL));
  run_casebook (&run, db, "--import", bad, NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "bad.json:3:3:"));
  run_clear (&run);

  /* The good file goes in once; the second time it is skipped. */
  run_casebook (&run, db, "--import", good, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Imported 1 new cases, replaced 0, skipped 0"));
  run_clear (&run);
  run_casebook (&run, db, "--import", good, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "skipped 1"));
  run_clear (&run);
  run_casebook (&run, db, "--import", good, "--replace", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "replaced 1"));
  run_clear (&run);

  casebook_test_rmdir (dir);
}

typedef struct
{
  GMainLoop *loop;
  Run       *run;
  GError    *error;
  gboolean   timed_out;
} Guard;

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Guard *guard = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &guard->run->out, &guard->run->err,
                                        &guard->error);
  g_main_loop_quit (guard->loop);
}

static gboolean
on_guard_timeout (gpointer user_data)
{
  Guard *guard = user_data;

  guard->timed_out = TRUE;
  g_main_loop_quit (guard->loop);
  return G_SOURCE_REMOVE;
}

/* Runs the binary as run_casebook() does, but gives up after a minute (30
 * times that with CASEBOOK_TEST_SLOWDOWN=30, as under valgrind), so that
 * a regression that blocks, on a FIFO with no writer say, fails the test
 * instead of hanging it. @input, if not NULL, is written to its standard
 * input; @stdout_fd, if not -1, becomes its standard output. */
static void
run_guarded (Run        *run,
             const char *input,
             int         stdout_fd,
             const char *db,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(GSource) timeout = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDERR_PIPE;
  const char *bin = g_getenv ("CASEBOOK_BIN");
  const char *slowdown = g_getenv ("CASEBOOK_TEST_SLOWDOWN");
  Guard guard = { loop, run, NULL, FALSE };
  const char *arg;
  va_list args;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, g_strdup (bin));
  g_ptr_array_add (argv, g_strdup_printf ("--db=%s", db));
  va_start (args, db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (stdout_fd < 0)
    flags |= G_SUBPROCESS_FLAGS_STDOUT_PIPE;
  flags |= input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : G_SUBPROCESS_FLAGS_STDIN_INHERIT;
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  if (stdout_fd >= 0)
    g_subprocess_launcher_take_stdout_fd (launcher, stdout_fd);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_main_context_push_thread_default (context);
  timeout = g_timeout_source_new_seconds (60 * MAX (1, slowdown != NULL ? atoi (slowdown) : 1));
  g_source_set_callback (timeout, on_guard_timeout, &guard, NULL);
  g_source_attach (timeout, context);
  g_subprocess_communicate_utf8_async (process, input, NULL, on_communicated, &guard);
  g_main_loop_run (loop);
  if (guard.timed_out)
    {
      g_subprocess_force_exit (process);
      g_error ("casebook %s did not finish", (const char *) argv->pdata[2]);
    }
  g_source_destroy (timeout);
  g_main_context_pop_thread_default (context);

  g_assert_no_error (guard.error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  if (run->out == NULL)
    run->out = g_strdup ("");

  /* Not killed by a signal, SIGPIPE included. */
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* What is not a file is refused before anything is read, with a message
 * that says what it is and names it once; the store is untouched. */
static void
test_import_hostile_paths (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.json", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.json", NULL);
  g_autofree char *socket_path = g_build_filename (dir, "socket.json", NULL);
  g_autofree char *fifo_arg = g_strdup_printf ("--import=%s", fifo);
  g_autofree char *folder_arg = g_strdup_printf ("--import=%s", folder);
  g_autofree char *huge_arg = g_strdup_printf ("--import=%s", huge);
  g_autofree char *socket_arg = g_strdup_printf ("--import=%s", socket_path);
  g_autofree char *before = NULL;
  g_autoptr(GSocket) sock = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  int fd;

  run_casebook (&run, db, "--list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  before = g_steal_pointer (&run.out);
  run_clear (&run);

  /* A device that never ends. */
  run_guarded (&run, NULL, -1, db, "--import=/dev/zero", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“/dev/zero” is a device, not a file"));
  run_clear (&run);

  /* A FIFO nobody writes to: opening it does not wait. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  run_guarded (&run, NULL, -1, db, fifo_arg, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_occurrences (run.err, fifo), ==, 1);
  g_assert_nonnull (strstr (run.err, "Nothing was written to the pipe"));
  run_clear (&run);

  /* A folder, named once. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  run_guarded (&run, NULL, -1, db, folder_arg, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_occurrences (run.err, folder), ==, 1);
  g_assert_nonnull (strstr (run.err, "is a folder, not a file"));
  run_clear (&run);

  /* A sparse file of 2 GiB: refused by its size, without reading it. */
  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 2 << 30), ==, 0);
  close (fd);
  run_guarded (&run, NULL, -1, db, huge_arg, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_occurrences (run.err, huge), ==, 1);
  g_assert_nonnull (strstr (run.err, "is larger than the limit of 1.0"));
  run_clear (&run);
  g_remove (huge);

  /* A socket. */
  sock = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (socket_path);
  g_assert_true (g_socket_bind (sock, address, TRUE, &error));
  g_assert_no_error (error);
  run_guarded (&run, NULL, -1, db, socket_arg, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "is a socket, not a file"));
  run_clear (&run);

  /* An empty pipe on standard input. */
  run_guarded (&run, "", -1, db, "--import=/dev/stdin", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Nothing was written to the pipe"));
  run_clear (&run);

  run_casebook (&run, db, "--list", NULL);
  g_assert_cmpstr (run.out, ==, before);
  run_clear (&run);

  casebook_test_rmdir (dir);
}

/* A collection can come through a pipe: it is read to its end. */
static void
test_import_from_pipe (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *case_ok = casebook_test_minimal_case ("piped-1", "");
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", case_ok);
  Run run = { 0 };

  run_guarded (&run, json, -1, db, "--import=/dev/stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Imported 1 new cases"));
  run_clear (&run);

  run_casebook (&run, db, "--show=piped-1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  casebook_test_rmdir (dir);
}

/* `casebook --export… | head -c 10`: the reader has gone. The write fails
 * with EPIPE, which is reported; the process is not killed by SIGPIPE. */
static void
test_export_closed_pipe (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *png = g_build_filename (dir, "out.png", NULL);
  g_autofree char *png_arg = g_strdup_printf ("--export-chart=%s", png);
  const char *commands[][3] = {
    { png_arg, "--metric=cost", NULL },
    { "--export=/dev/stdout", NULL, NULL },
    { "--export-pdf=/dev/stdout", "--case=report-2.1", NULL },
  };
  Run run = { 0 };

  /* A chart's format comes from its extension: a link to standard output. */
  g_assert_cmpint (symlink ("/dev/stdout", png), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      int fds[2];

      g_assert_cmpint (pipe (fds), ==, 0);
      close (fds[0]);
      run_guarded (&run, NULL, fds[1], db, commands[i][0], commands[i][1], NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "Could not write “"));
      g_assert_nonnull (strstr (run.err, i == 0 ? png : "/dev/stdout"));
      run_clear (&run);
    }

  /* The link to standard output is still a link: nothing was put in its
   * place. */
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_SYMLINK));

  casebook_test_rmdir (dir);
}

/* The names in @dir, sorted, one a line. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("\n", (char **) names->pdata);
}

/* The store's whole contents, as its export. */
static char *
export_text (const char *db,
             const char *out)
{
  Run run = { 0 };
  char *text;

  run_casebook (&run, db, "--export", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  text = casebook_test_read_file (out, NULL);
  g_unlink (out);
  return text;
}

/* An export, a PDF or a chart written onto the store, the files beside it,
 * or a link to them, is refused before anything is written. */
static void
test_export_onto_store (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *good = g_build_filename (dir, "good.json", NULL);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *soft = g_build_filename (dir, "link.json", NULL);
  g_autofree char *soft_png = g_build_filename (dir, "link.png", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard.pdf", NULL);
  g_autofree char *case_ok = casebook_test_minimal_case ("mine-1", "");
  g_autofree char *good_json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}",
                                                case_ok);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *targets[] = { db, wal, shm, soft, soft_png, hard };
  const char *options[] = { "--export=", "--export-pdf=", "--export-chart=" };
  Run run = { 0 };

  g_assert_true (g_file_set_contents (good, good_json, -1, NULL));
  run_casebook (&run, db, "--import", good, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  before = export_text (db, out);
  g_assert_nonnull (strstr (before, "\"mine-1\""));

  g_assert_cmpint (symlink (db, soft), ==, 0);
  g_assert_cmpint (symlink ("s.db", soft_png), ==, 0);
  g_assert_cmpint (link (db, hard), ==, 0);

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    for (guint o = 0; o < G_N_ELEMENTS (options); o++)
      {
        g_autofree char *arg = g_strconcat (options[o], targets[t], NULL);

        /* With an import too: nothing is imported either. */
        run_casebook (&run, db, arg, "--import", good, "--replace",
                      o == 2 ? "--metric=cost" : NULL, NULL);
        g_assert_cmpint (run.status, ==, 1);
        g_assert_cmpstr (run.out, ==, "");
        g_assert_nonnull (strstr (run.err, targets[t]));
        g_assert_nonnull (strstr (run.err, "Nothing was written; choose another file"));
        g_assert_true (strstr (run.err, "is Casebook's own store") != NULL ||
                       strstr (run.err, "one of the files Casebook keeps beside its store") != NULL);
        run_clear (&run);
      }

  /* Everything is still there, and the next start finds the store sound. */
  run_casebook (&run, db, "--list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "mine-1\t"));
  run_clear (&run);
  after = export_text (db, out);
  g_assert_cmpstr (after, ==, before);

  casebook_test_rmdir (dir);
}

/* --db on a file that is not a store: refused, and the file and its
 * folder left exactly as they were. */
static void
test_db_refuses_non_store (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *json = g_build_filename (dir, "cases.json", NULL);
  g_autofree char *foreign = g_build_filename (dir, "other.db", NULL);
  g_autofree char *image = g_build_filename (dir, "picture.png", NULL);
  g_autofree char *case_ok = casebook_test_minimal_case ("mine-1", "");
  g_autofree char *collection = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}",
                                                 case_ok);
  const char *files[] = { json, foreign, image };
  const char *what[] = { "a collection exported from Casebook", "another program's SQLite database",
                         "some other file" };
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (json, collection, -1, NULL));
  g_assert_true (g_file_set_contents (image, png, sizeof png - 1, NULL));
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *listing = list_dir (dir);
      g_autofree char *listing_after = NULL;
      gsize before_len = 0, after_len = 0;
      g_autofree char *before = casebook_test_read_file (files[i], &before_len);
      g_autofree char *after = NULL;
      const char *actions[] = { "--list", "--import", "--export" };

      for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
        {
          Run run = { 0 };

          if (a == 0)
            run_casebook (&run, files[i], actions[a], NULL);
          else
            run_casebook (&run, files[i], actions[a], a == 1 ? json : image, NULL);
          g_assert_cmpint (run.status, ==, 1);
          g_assert_cmpstr (run.out, ==, "");
          g_assert_nonnull (strstr (run.err, files[i]));
          g_assert_nonnull (strstr (run.err, "is not a Casebook store"));
          g_assert_nonnull (strstr (run.err, what[i]));
          g_assert_nonnull (strstr (run.err, "left as it is"));
          run_clear (&run);
        }

      after = casebook_test_read_file (files[i], &after_len);
      g_assert_cmpmem (after, after_len, before, before_len);
      listing_after = list_dir (dir);
      g_assert_cmpstr (listing_after, ==, listing);
    }

  casebook_test_rmdir (dir);
}

/* A store in memory would take an import and lose it at once. */
static void
test_db_refuses_memory (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "good.json", NULL);
  g_autofree char *case_ok = casebook_test_minimal_case ("mine-1", "");
  g_autofree char *good_json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}",
                                                case_ok);
  const char *dbs[] = { "", ":memory:", "file::memory:", "file:x?mode=memory", "file:", "file:?mode=rwc" };

  g_assert_true (g_file_set_contents (good, good_json, -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (dbs); i++)
    {
      Run run = { 0 };

      run_casebook (&run, dbs[i], "--import", good, NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "--db needs the name of a store file"));
      run_clear (&run);
    }

  casebook_test_rmdir (dir);
}

/* Text options refuse bytes that are not text, and say which option it
 * was; file names may be any bytes, and are printed as valid UTF-8. */
static void
test_option_not_utf8 (void)
{
  static const struct {
    const char *option;
    const char *arg;
    const char *other;
  } cases[] = {
    { "--search", "--search=kube\xff", NULL },
    { "--show", "--show=\xc3(", NULL },
    { "--lang", "--lang=\xff", "--list" },
    { "--metric", "--metric=\xe5\xae", "--export-chart=x.png" },
    { "--paper", "--paper=\xff", "--export-pdf=x.pdf" },
    { "--case", "--case=\xff", "--export-pdf=x.pdf" },
  };
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *odd_name = g_build_filename (dir, "cases-\xff\xfe.json", NULL);
  Run run = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *named = g_strdup_printf ("The value of %s is ", cases[i].option);

      run_casebook (&run, db, cases[i].arg, cases[i].other, NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, named));
      g_assert_nonnull (strstr (run.err, "UTF-8"));
      g_assert_true (g_utf8_validate (run.err, -1, NULL));
      /* Refused before the store was even opened. */
      g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
      run_clear (&run);
    }

  /* The second of several values is checked as well. */
  run_casebook (&run, db, "--export-pdf=x.pdf", "--case=report-2.1", "--case=report-\xff", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "The value of --case is "));
  run_clear (&run);

  /* A file name that is not UTF-8 is used as it is. */
  run_casebook (&run, db, "--export", odd_name, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (odd_name, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_utf8_validate (run.out, -1, NULL));
  g_assert_nonnull (strstr (run.out, "cases-"));
  run_clear (&run);

  run_casebook (&run, db, "--import", odd_name, "--lang=zh", "--search=等保", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "report-5.1\t"));
  run_clear (&run);

  /* A store that cannot be opened is named in valid UTF-8 too. */
  {
    g_autofree char *missing = g_strdup_printf ("file:%s/none-\xff.db?mode=ro", dir);

    run_casebook (&run, missing, "--list", NULL);
    g_assert_cmpint (run.status, !=, 0);
    g_assert_nonnull (strstr (run.err, "none-"));
    g_assert_true (g_utf8_validate (run.err, -1, NULL));
    run_clear (&run);
  }

  casebook_test_rmdir (dir);
}

/* The interface speaks the language asked for, with --lang or in
 * Preferences, also from the build folder and under a locale the machine
 * does not have. */
static void
run_in_locale (Run                *run,
               const char         *config_home,
               const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CASEBOOK_BIN"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_unsetenv (envp, "LC_ALL");
  envp = g_environ_unsetenv (envp, "LC_MESSAGES");
  envp = g_environ_setenv (envp, "LANG", "de_DE.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config_home, TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
test_interface_language (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *settings_dir = g_build_filename (dir, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  const char *msgid = "--db needs the name of a store file; it was given an empty one";
  const char *zh = casebook_l10n_gettext (CASEBOOK_LANG_ZH, msgid);
  g_autofree char *zh_line = g_strconcat (zh, "\n", NULL);
  g_autofree char *en_line = g_strconcat (msgid, "\n", NULL);
  const char * const with_lang[] = { "--lang=zh", "--db=", "--list", NULL };
  const char * const without[] = { "--db=", "--list", NULL };
  Run run = { 0 };

  /* The catalogue has the message, so the check below can fail. */
  g_assert_cmpstr (zh, !=, msgid);

  run_in_locale (&run, dir, with_lang);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, zh_line);
  run_clear (&run);

  /* No preference: the desktop's language, which has no catalogue. */
  run_in_locale (&run, dir, without);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, en_line);
  run_clear (&run);

  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile,
                                      "[" SCHEMA_PATH_FOR_TESTS "]\ncontent-language='zh'\n", -1, NULL));
  run_in_locale (&run, dir, without);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, zh_line);
  run_clear (&run);

  casebook_test_rmdir (dir);
}

/* Written to standard output, an export is the whole of what is printed
 * there; the word that it was written goes to standard error. */
static void
test_export_to_stdout (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *png_arg = g_strconcat ("--export-chart=", png, NULL);
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  run_casebook (&run, db, "--export=/dev/stdout", NULL);
  g_assert_cmpint (run.status, ==, 0);
  doc = casebook_test_parse (run.out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_document_get_cases (doc)->len, ==, 14);
  g_assert_nonnull (strstr (run.err, "Exported 14 cases to /dev/stdout"));
  run_clear (&run);

  /* With every section of the report's material as the collection
   * bundles it, the abstract and section 1 first. */
  {
    g_autoptr(CasebookDocument) bundled = _casebook_bundled_document (&error);
    GPtrArray *exported = casebook_document_get_insights (doc);
    GPtrArray *expected = casebook_document_get_insights (bundled);

    g_assert_no_error (error);
    g_assert_cmpuint (exported->len, ==, expected->len);
    g_assert_cmpstr (((CasebookInsight *) g_ptr_array_index (exported, 0))->section, ==, "abstract");
    g_assert_cmpstr (((CasebookInsight *) g_ptr_array_index (exported, 1))->section, ==, "1.1");
    for (guint i = 0; i < exported->len; i++)
      {
        g_autofree char *seen = casebook_json_insight_to_string (g_ptr_array_index (exported, i));
        g_autofree char *want = casebook_json_insight_to_string (g_ptr_array_index (expected, i));

        g_assert_cmpstr (seen, ==, want);
      }
  }

  /* The extension picks the chart's format, so a link names it. */
  g_assert_cmpint (symlink ("/dev/stdout", png), ==, 0);
  run_casebook (&run, db, png_arg, "--metric=cost", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "\x89PNG"));
  g_assert_null (strstr (run.out, "Wrote"));
  g_assert_nonnull (strstr (run.err, "Wrote the chart"));
  run_clear (&run);

  casebook_test_rmdir (dir);
}

/* The lines of @text, without the empty one after the last line feed. */
static GStrv
lines_of (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_clear_pointer (&lines[n - 1], g_free);
  return g_steal_pointer (&lines);
}

/* The first column of each line of @text, joined with spaces. */
static char *
first_column (const char *text)
{
  g_auto(GStrv) lines = lines_of (text);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", fields[0]);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_collections (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *third = g_build_filename (dir, "third.db", NULL);
  g_autofree char *file = g_build_filename (dir, "shortlist.json", NULL);
  g_autofree char *export_arg = g_strconcat ("--export=", file, NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", file, NULL);
  g_autofree char *expected = NULL;
  g_autofree char *ids = NULL;
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  run_casebook (&run, db, "--list-collections", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  /* Created, with the cases in the order given. */
  run_casebook (&run, db, "--add-to=Shortlist 短名单", "--case=report-5.1", "--case=report-2.1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Created the collection “Shortlist 短名单” with 2 cases\n");
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);

  /* Added at the end; a case already in it stays where it is. */
  run_casebook (&run, db, "--add-to=Shortlist 短名单", "--case=report-3.2", "--case=report-2.1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Added 1 case to “Shortlist 短名单” (1 already in it)\n");
  run_clear (&run);

  run_casebook (&run, db, "--add-to=Other", "--case=report-4.1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_casebook (&run, db, "--list-collections", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Other\t1\nShortlist 短名单\t3\n");
  run_clear (&run);

  /* Restricted to the collection, in its order. */
  run_casebook (&run, db, "--collection=Shortlist 短名单", "--list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  ids = first_column (run.out);
  g_assert_cmpstr (ids, ==, "report-5.1 report-2.1 report-3.2");
  g_assert_nonnull (strstr (run.out, "report-2.1\tfinance\tVirtualization at a large bank\n"));
  run_clear (&run);

  /* The export holds its cases, in its order, and its definition. */
  run_casebook (&run, db, "--collection=Shortlist 短名单", export_arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  expected = g_strdup_printf ("Exported 3 cases of “Shortlist 短名单” to %s\n", file);
  g_assert_cmpstr (run.out, ==, expected);
  run_clear (&run);
  {
    g_autofree char *json = casebook_test_read_file (file, NULL);
    GPtrArray *cases, *collections, *case_ids;
    CasebookCollection *collection;

    doc = casebook_test_parse (json, &error);
    g_assert_no_error (error);
    cases = casebook_document_get_cases (doc);
    g_assert_cmpuint (cases->len, ==, 3);
    g_assert_cmpstr (casebook_case_get_id (g_ptr_array_index (cases, 0)), ==, "report-5.1");
    g_assert_cmpstr (casebook_case_get_id (g_ptr_array_index (cases, 1)), ==, "report-2.1");
    g_assert_cmpstr (casebook_case_get_id (g_ptr_array_index (cases, 2)), ==, "report-3.2");
    collections = casebook_document_get_collections (doc);
    g_assert_cmpuint (collections->len, ==, 1);
    collection = g_ptr_array_index (collections, 0);
    g_assert_cmpstr (casebook_collection_get_name (collection), ==, "Shortlist 短名单");
    case_ids = casebook_collection_get_case_ids (collection);
    g_assert_cmpuint (case_ids->len, ==, 3);
    g_assert_cmpstr (g_ptr_array_index (case_ids, 0), ==, "report-5.1");
    g_assert_cmpstr (g_ptr_array_index (case_ids, 2), ==, "report-3.2");
  }

  /* Imported into a store that has a collection of that name: its cases
   * are added after the ones it has, and the import says so. */
  run_casebook (&run, other, "--add-to=Shortlist 短名单", "--case=report-4.1", "--case=report-2.1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_casebook (&run, other, import_arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Imported 0 new cases, replaced 0, skipped 3 already present\n"
                                "Added the cases of 1 collection to the collection of the same name already here\n");
  run_clear (&run);
  run_casebook (&run, other, "--collection=Shortlist 短名单", "--list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&ids, g_free);
  ids = first_column (run.out);
  g_assert_cmpstr (ids, ==, "report-4.1 report-2.1 report-5.1 report-3.2");
  run_clear (&run);

  /* Into a store without it: recreated, in its order. */
  run_casebook (&run, third, import_arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_suffix (run.out, "\nCreated 1 collection\n"));
  run_clear (&run);
  run_casebook (&run, third, "--collection=Shortlist 短名单", "--list", NULL);
  g_clear_pointer (&ids, g_free);
  ids = first_column (run.out);
  g_assert_cmpstr (ids, ==, "report-5.1 report-2.1 report-3.2");
  run_clear (&run);

  casebook_test_rmdir (dir);
}

/* What names no collection or no case, and options that do not go
 * together: an error that names them, a non-zero status, nothing
 * changed. */
static void
test_collections_refused (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *file = g_build_filename (dir, "x.json", NULL);
  g_autofree char *pdf = g_build_filename (dir, "x.pdf", NULL);
  g_autofree char *export_arg = g_strconcat ("--export=", file, NULL);
  g_autofree char *pdf_arg = g_strconcat ("--export-pdf=", pdf, NULL);
  g_autofree char *long_name = g_strnfill (201, 'n');
  g_autofree char *long_arg = g_strconcat ("--add-to=", long_name, NULL);
  Run run = { 0 };

  run_casebook (&run, db, "--add-to=Kept", "--case=report-2.1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_casebook (&run, db, "--collection=No such list", "--list", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "There is no collection named “No such list” (see --list-collections)\n");
  run_clear (&run);

  run_casebook (&run, db, "--collection=No such list", export_arg, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“No such list”"));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  run_clear (&run);

  run_casebook (&run, db, "--collection=No such list", pdf_arg, NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "“No such list”"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  run_clear (&run);

  /* Every unknown case is named, and no collection is made. */
  run_casebook (&run, db, "--add-to=New", "--case=report-2.1", "--case=nope-1", "--case=nope-2", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "There is no case with the id “nope-1”\nThere is no case with the id “nope-2”\n");
  run_clear (&run);
  run_casebook (&run, db, "--add-to=Kept", "--case=nope-1", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“nope-1”"));
  run_clear (&run);

  /* Names the shared check refuses, said escaped. */
  run_casebook (&run, db, "--add-to=   ", "--case=report-2.1", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "Cannot use “” as the name of a collection: "));
  run_clear (&run);
  run_casebook (&run, db, long_arg, "--case=report-2.1", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "as the name of a collection: "));
  run_clear (&run);
  run_casebook (&run, db, "--add-to=bell\a\x1b[2J", "--case=report-2.1", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_null (strchr (run.err, '\a'));
  g_assert_null (strchr (run.err, '\x1b'));
  g_assert_nonnull (strstr (run.err, "\\x1b"));
  run_clear (&run);

  run_casebook (&run, db, "--list-collections", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Kept\t1\n");
  run_clear (&run);

  /* Options that need another. */
  run_casebook (&run, db, "--add-to=Kept", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--add-to needs one or more --case=ID"));
  run_clear (&run);
  run_casebook (&run, db, "--collection=Kept", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--collection only makes sense together with --list, --export or --export-pdf"));
  run_clear (&run);
  run_casebook (&run, db, "--note=text", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--note needs --case=ID"));
  run_clear (&run);
  run_casebook (&run, db, "--tag=t", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--tag needs --case=ID"));
  run_clear (&run);
  run_casebook (&run, db, "--case=report-2.1", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  run_casebook (&run, db, "--list-collections", NULL);
  g_assert_cmpstr (run.out, ==, "Kept\t1\n");
  run_clear (&run);

  casebook_test_rmdir (dir);
}

static void
test_notes_and_tags (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  Run run = { 0 };

  run_casebook (&run, db, "--note=Ask about the audit.\nSecond line\x1b[31m", "--case=report-2.1", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_null (strchr (run.err, '\x1b'));
  run_clear (&run);

  run_casebook (&run, db, "--note=Ask about the audit.\n\nSecond paragraph", "--case=report-2.1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Saved the note on “report-2.1”\n");
  run_clear (&run);

  run_casebook (&run, db, "--tag=shortlist", "--case=report-2.1", "--case=report-5.1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Tagged “report-2.1” with “shortlist”\nTagged “report-5.1” with “shortlist”\n");
  run_clear (&run);
  /* The spaces around a tag are not part of it. */
  run_casebook (&run, db, "--tag=  audit ", "--case=report-2.1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Tagged “report-2.1” with “audit”\n");
  run_clear (&run);

  /* --show prints the tags and the note, paragraphs kept. */
  run_casebook (&run, db, "--show=report-2.1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\nTags\n  audit, shortlist\n"));
  g_assert_nonnull (strstr (run.out, "\nYour note\n  Ask about the audit.\n\n  Second paragraph\n"));
  run_clear (&run);
  run_casebook (&run, db, "--show=report-4.1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "\nTags\n"));
  g_assert_null (strstr (run.out, "\nYour note\n"));
  run_clear (&run);

  /* An empty note removes it. */
  run_casebook (&run, db, "--note=", "--case=report-2.1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Removed the note from “report-2.1”\n");
  run_clear (&run);
  run_casebook (&run, db, "--show=report-2.1", NULL);
  g_assert_null (strstr (run.out, "Your note"));
  g_assert_nonnull (strstr (run.out, "\nTags\n  audit, shortlist\n"));
  run_clear (&run);

  /* Unknown cases, and a tag the shared check refuses. */
  run_casebook (&run, db, "--note=x", "--case=no-such-case", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "There is no case with the id “no-such-case”\n");
  run_clear (&run);
  run_casebook (&run, db, "--tag=x", "--case=report-2.1", "--case=no-such-case", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "There is no case with the id “no-such-case”\n");
  run_clear (&run);
  run_casebook (&run, db, "--tag=a\ab", "--case=report-2.1", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "Cannot use “a\\x07b” as a tag: "));
  run_clear (&run);

  /* Nothing of that changed anything. */
  run_casebook (&run, db, "--show=report-2.1", NULL);
  g_assert_nonnull (strstr (run.out, "\nTags\n  audit, shortlist\n"));
  g_assert_null (strstr (run.out, "\nTags\n  audit, shortlist, x\n"));
  run_clear (&run);

  casebook_test_rmdir (dir);
}

/* A smart collection, brought by a file: listed and exported as its
 * query finds, and refusing cases added by hand. */
static void
test_smart_collection (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *in = g_build_filename (dir, "smart.json", NULL);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", in, NULL);
  g_autofree char *export_arg = g_strconcat ("--export=", out, NULL);
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  Run run = { 0 };

  g_assert_true (g_file_set_contents (in, "{\"format\": \"casebook\", \"version\": 1, \"cases\": [],"
                                          " \"collections\": [{\"name\": \"Finance\","
                                          " \"query\": {\"sector\": [\"finance\"]}}]}", -1, NULL));
  run_casebook (&run, db, import_arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Imported 0 new cases, replaced 0, skipped 0 already present\nCreated 1 collection\n");
  run_clear (&run);

  run_casebook (&run, db, "--collection=Finance", "--list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = lines_of (run.out);
  g_assert_cmpuint (g_strv_length (lines), >, 0);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpstr (fields[1], ==, "finance");
    }
  run_clear (&run);

  run_casebook (&run, db, "--list-collections", NULL);
  {
    g_autofree char *expected = g_strdup_printf ("Finance\t%u\n", g_strv_length (lines));
    g_assert_cmpstr (run.out, ==, expected);
  }
  run_clear (&run);

  run_casebook (&run, db, "--add-to=Finance", "--case=report-5.1", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "“Finance” is a smart collection"));
  run_clear (&run);

  run_casebook (&run, db, "--collection=Finance", export_arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  {
    g_autofree char *json = casebook_test_read_file (out, NULL);
    CasebookCollection *collection;

    doc = casebook_test_parse (json, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (casebook_document_get_cases (doc)->len, ==, g_strv_length (lines));
    collection = g_ptr_array_index (casebook_document_get_collections (doc), 0);
    g_assert_true (casebook_collection_is_smart (collection));
    g_assert_true (casebook_filter_has (casebook_collection_get_filter (collection), CASEBOOK_FACET_SECTOR, "finance"));
    g_assert_nonnull (strstr (json, "\"query\": {\n        \"sector\": [\n          \"finance\"\n        ]\n      }\n"));
  }

  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/list/one-line-per-case", test_list);
  g_test_add_func ("/cli/show/language-and-numbers", test_lang_and_show);
  g_test_add_func ("/cli/lang/interface-follows-option-and-preference", test_interface_language);
  g_test_add_func ("/cli/import/refusal-changes-nothing", test_import_refusal_changes_nothing);
  g_test_add_func ("/cli/output/hostile-store-text", test_hostile_store_text);
  g_test_add_func ("/cli/import/hostile-paths", test_import_hostile_paths);
  g_test_add_func ("/cli/import/from-pipe", test_import_from_pipe);
  g_test_add_func ("/cli/export/closed-pipe", test_export_closed_pipe);
  g_test_add_func ("/cli/export/to-standard-output", test_export_to_stdout);
  g_test_add_func ("/cli/export/refuses-the-store", test_export_onto_store);
  g_test_add_func ("/cli/db/refuses-what-is-not-a-store", test_db_refuses_non_store);
  g_test_add_func ("/cli/db/refuses-memory", test_db_refuses_memory);
  g_test_add_func ("/cli/options/not-utf8-names-the-option", test_option_not_utf8);
  g_test_add_func ("/cli/collections/add-list-export-import", test_collections);
  g_test_add_func ("/cli/collections/refused", test_collections_refused);
  g_test_add_func ("/cli/collections/smart", test_smart_collection);
  g_test_add_func ("/cli/notes-and-tags/set-show-remove", test_notes_and_tags);

  return g_test_run ();
}
