/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/list/one-line-per-case", test_list);
  g_test_add_func ("/cli/show/language-and-numbers", test_lang_and_show);
  g_test_add_func ("/cli/import/refusal-changes-nothing", test_import_refusal_changes_nothing);
  g_test_add_func ("/cli/options/not-utf8-names-the-option", test_option_not_utf8);

  return g_test_run ();
}
