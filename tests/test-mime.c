/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "casebook-test-util.h"

/* The file type of collection files (data/io.github.casebook.Casebook.xml.in.in):
 * a MIME database is built in a scratch folder from the system's types and
 * the package this build installs, the real `casebook --export` writes a
 * file, and GIO, looking only in that folder, tells what each file is. */

#define CASEBOOK_TYPE "application/x-casebook+json"

typedef struct
{
  char *dir;
  char *data_dir;
} Fixture;

static void
run (const char * const *argv,
     const char * const *envp,
     char              **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  /* Whatever is not read must stay out of the TAP output. */
  g_spawn_sync (NULL, (char **) argv, (char **) envp,
                G_SPAWN_SEARCH_PATH | (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0), NULL, NULL,
                out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
}

static gboolean have_tools (void);
static void     update_database (Fixture *f);

/* One database for every test: update-mime-database takes a while over
 * the system's thousand types. */
static void
fixture_setup (Fixture *f)
{
  const char *system_types = "/usr/share/mime/packages/freedesktop.org.xml";
  g_autofree char *packages = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *ours = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  f->dir = casebook_test_tmpdir ();
  f->data_dir = g_build_filename (f->dir, "share", NULL);
  packages = g_build_filename (f->data_dir, "mime", "packages", NULL);
  g_assert_no_errno (g_mkdir_with_parents (packages, 0755));

  if (!g_file_get_contents (system_types, &contents, &length, NULL))
    return;
  copy = g_build_filename (packages, "freedesktop.org.xml", NULL);
  g_file_set_contents (copy, contents, length, &error);
  g_assert_no_error (error);

  g_clear_pointer (&contents, g_free);
  g_file_get_contents (MIME_PACKAGE, &contents, &length, &error);
  g_assert_no_error (error);
  ours = g_build_filename (packages, "io.github.casebook.Casebook.xml", NULL);
  g_file_set_contents (ours, contents, length, &error);
  g_assert_no_error (error);

  if (have_tools ())
    update_database (f);
}

static void
fixture_teardown (Fixture *f)
{
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
}

static gboolean
have_tools (void)
{
  g_autofree char *update = g_find_program_in_path ("update-mime-database");
  g_autofree char *gio = g_find_program_in_path ("gio");

  return update != NULL && gio != NULL &&
         g_file_test ("/usr/share/mime/packages/freedesktop.org.xml", G_FILE_TEST_EXISTS);
}

static Fixture shared;

static gboolean
skip_without_tools (void)
{
  if (have_tools ())
    return FALSE;
  g_test_skip ("needs update-mime-database, gio and shared-mime-info");
  return TRUE;
}

/* What `gio info` says the file is, with only the scratch database. */
static char *
content_type (Fixture    *f,
              const char *path)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *home = g_build_filename (f->dir, "home", NULL);
  g_autofree char *out = NULL;
  const char *prefix = "standard::content-type: ";
  const char *found;
  const char *argv[] = { "gio", "info", "-a", "standard::content-type", path, NULL };

  envp = g_environ_setenv (envp, "XDG_DATA_DIRS", f->data_dir, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", home, TRUE);
  run (argv, (const char * const *) envp, &out);

  found = strstr (out, prefix);
  g_assert_nonnull (found);
  found += strlen (prefix);
  return g_strndup (found, strcspn (found, "\n"));
}

static void
update_database (Fixture *f)
{
  g_autofree char *mime = g_build_filename (f->data_dir, "mime", NULL);
  g_autofree char *types = g_build_filename (mime, "types", NULL);
  g_autofree char *list = NULL;
  const char *argv[] = { "update-mime-database", mime, NULL };

  run (argv, NULL, NULL);

  g_file_get_contents (types, &list, NULL, NULL);
  g_assert_nonnull (strstr (list, "\n" CASEBOOK_TYPE "\n"));
}

static char *
export (Fixture    *f,
        const char *name)
{
  const char *bin = g_getenv ("CASEBOOK_BIN");
  g_autofree char *db = g_build_filename (f->dir, "store.db", NULL);
  g_autofree char *db_arg = g_strconcat ("--db=", db, NULL);
  char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *export_arg = g_strconcat ("--export=", path, NULL);
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = { bin, db_arg, export_arg, NULL };

  g_assert_nonnull (bin);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", f->dir, TRUE);
  run (argv, (const char * const *) envp, NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_export_recognised (void)
{
  Fixture *f = &shared;
  g_autofree char *plain = NULL, *named = NULL, *type = NULL;

  if (skip_without_tools ())
    return;

  /* A plain .json name: by its content. */
  plain = export (f, "cases.json");
  type = content_type (f, plain);
  g_assert_cmpstr (type, ==, CASEBOOK_TYPE);

  /* The type's own name. */
  named = export (f, "bank.casebook.json");
  g_clear_pointer (&type, g_free);
  type = content_type (f, named);
  g_assert_cmpstr (type, ==, CASEBOOK_TYPE);
}

static void
test_other_json_stays_json (void)
{
  Fixture *f = &shared;
  static const char *texts[] = {
    "{\"a\": 1}\n",
    "[1, 2, 3]\n",
    /* "casebook" as a value elsewhere, or as another member's name */
    "{\"app\": \"casebook\", \"format\": \"geojson\"}\n",
    "{\"casebook\": {\"format\": \"x\"}}\n",
  };

  if (skip_without_tools ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *name = g_strdup_printf ("other-%u.json", i);
      g_autofree char *path = write_file (f, name, texts[i]);
      g_autofree char *type = content_type (f, path);

      g_assert_cmpstr (type, ==, "application/json");
    }
}

/* Written compactly, by another tool, the file is recognised too. */
static void
test_compact_recognised (void)
{
  Fixture *f = &shared;
  g_autofree char *path = NULL, *type = NULL;

  if (skip_without_tools ())
    return;

  path = write_file (f, "compact.json", "{\"format\":\"casebook\",\"version\":1,\"cases\":[]}");
  type = content_type (f, path);
  g_assert_cmpstr (type, ==, CASEBOOK_TYPE);
}

/* The package declares a sub-class of JSON with the icon that is
 * installed beside it, and a description. */
static void
test_package_declares_type (void)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (MIME_PACKAGE, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<mime-type type=\"" CASEBOOK_TYPE "\">"));
  g_assert_nonnull (strstr (contents, "<sub-class-of type=\"application/json\"/>"));
  g_assert_nonnull (strstr (contents, "<icon name=\"" APP_ID "-application-x-casebook+json\"/>"));
  g_assert_nonnull (strstr (contents, "<comment>Casebook case collection</comment>"));
  g_assert_nonnull (strstr (contents, "<comment xml:lang=\"zh_CN\">"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mime/export-recognised", test_export_recognised);
  g_test_add_func ("/mime/compact-recognised", test_compact_recognised);
  g_test_add_func ("/mime/other-json-stays-json", test_other_json_stays_json);
  g_test_add_func ("/mime/package-declares-type", test_package_declares_type);

  fixture_setup (&shared);
  status = g_test_run ();
  fixture_teardown (&shared);

  return status;
}
