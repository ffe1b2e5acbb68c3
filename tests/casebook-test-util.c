/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "casebook-test-util.h"

#if defined(__SANITIZE_ADDRESS__)
#define CASEBOOK_HAVE_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CASEBOOK_HAVE_LSAN 1
#endif
#endif
#ifdef CASEBOOK_HAVE_LSAN
#include <sanitizer/lsan_interface.h>
#endif

char *
casebook_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("casebook-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
casebook_test_rmdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        casebook_test_rmdir (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

CasebookStore *
casebook_test_open_store (const char         *dir,
                          CasebookStoreFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  CasebookStore *store = casebook_store_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* The whole store as exported JSON: two snapshots are equal exactly when
 * the store holds the same cases and material. */
char *
casebook_test_snapshot (CasebookStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = casebook_store_export (store, &error);

  g_assert_no_error (error);
  return casebook_json_write_document (doc, NULL);
}

char *
casebook_test_read_file (const char *path,
                         gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

CasebookDocument *
casebook_test_parse (const char  *json,
                     GError     **error)
{
  return casebook_json_read_document (json, strlen (json), "test.json", error);
}

/* A valid case as JSON text, with @extra_members (which must start with a
 * comma, or be empty) added at the end. */
char *
casebook_test_minimal_case (const char *id,
                            const char *extra_members)
{
  return g_strdup_printf ("{\"id\": \"%s\", \"kind\": \"success\", \"sector\": \"finance\","
                          " \"title\": {\"zh\": \"测试案例 %s\", \"en\": \"Test case %s\"},"
                          " \"organization\": {\"en\": \"An organization\"},"
                          " \"source\": {\"url\": \"https://example.org/%s\"}%s}",
                          id, id, id, id, extra_members != NULL ? extra_members : "");
}

/* Like g_assert_cmpstr(), for long texts such as two exports: on a
 * difference it shows the first place where they part, not both whole. */
void
casebook_test_assert_same_text (const char *seen,
                                const char *expected,
                                const char *what)
{
  gsize at = 0;
  gsize from;

  if (g_strcmp0 (seen, expected) == 0)
    return;
  if (seen == NULL || expected == NULL)
    g_error ("%s: %s is missing", what, seen == NULL ? "the text seen" : "the expected text");

  while (seen[at] != '\0' && seen[at] == expected[at])
    at++;
  from = at > 120 ? at - 120 : 0;

  g_error ("%s differs at byte %" G_GSIZE_FORMAT ":\n  seen: …%.240s\n  expected: …%.240s",
           what, at, seen + from, expected + from);
}

/**
 * casebook_test_unwatch_thread_leaks:
 *
 * Under LeakSanitizer, stops counting what the calling thread allocates
 * from now on as a leak, until casebook_test_watch_thread_leaks(). For a
 * test's own HTTP server: libsoup 3.2's SoupServer keeps the address of
 * its listening socket and the sockets it accepted after they are done
 * with, and LeakSanitizer cannot tell those apart from Casebook's by a
 * suppression (its trail ends at the first frame inside GLib). The code
 * under test runs on other threads, which stay watched.
 */
void
casebook_test_unwatch_thread_leaks (void)
{
#ifdef CASEBOOK_HAVE_LSAN
  __lsan_disable ();
#endif
}

/**
 * casebook_test_watch_thread_leaks:
 *
 * Ends casebook_test_unwatch_thread_leaks() on the calling thread.
 */
void
casebook_test_watch_thread_leaks (void)
{
#ifdef CASEBOOK_HAVE_LSAN
  __lsan_enable ();
#endif
}
