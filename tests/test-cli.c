/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

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
  g_assert_nonnull (strstr (run.out, ">50000"));
  run_clear (&run);

  run_casebook (&run, db, "--lang=zh", "--show=report-3.2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "电子制造企业容器化案例"));
  g_assert_nonnull (strstr (run.out, "15000"));
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/list/one-line-per-case", test_list);
  g_test_add_func ("/cli/show/language-and-numbers", test_lang_and_show);
  g_test_add_func ("/cli/import/refusal-changes-nothing", test_import_refusal_changes_nothing);
  g_test_add_func ("/cli/output/hostile-store-text", test_hostile_store_text);

  return g_test_run ();
}
