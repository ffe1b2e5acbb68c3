/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "casebook-file-io.h"
#include "casebook-json-private.h"
#include "casebook-store-collections.h"
#include "casebook-store-export-stream.h"
#include "casebook-test-util.h"

/* Exporting a case at a time (casebook_store_export_to_stream() and
 * _to_file()) gives the bytes the whole-document writer gives, and a
 * failed or cancelled export leaves the file named as it was. */

/* A stream that takes @limit bytes and then fails as a full disk would. */
#define TYPE_FAILING_STREAM (failing_stream_get_type ())
G_DECLARE_FINAL_TYPE (FailingStream, failing_stream, FAILING, STREAM, GOutputStream)

struct _FailingStream
{
  GOutputStream parent_instance;
  GString      *taken;
  gsize         limit;
};

G_DEFINE_FINAL_TYPE (FailingStream, failing_stream, G_TYPE_OUTPUT_STREAM)

static gssize
failing_stream_write (GOutputStream  *stream,
                      const void     *buffer,
                      gsize           count,
                      GCancellable   *cancellable,
                      GError        **error)
{
  FailingStream *self = FAILING_STREAM (stream);
  gsize n = MIN (count, self->limit - self->taken->len);

  if (n == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "no space left in the test stream");
      return -1;
    }
  g_string_append_len (self->taken, buffer, n);
  return n;
}

static void
failing_stream_finalize (GObject *object)
{
  g_string_free (FAILING_STREAM (object)->taken, TRUE);
  G_OBJECT_CLASS (failing_stream_parent_class)->finalize (object);
}

static void
failing_stream_class_init (FailingStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = failing_stream_finalize;
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = failing_stream_write;
}

static void
failing_stream_init (FailingStream *self)
{
  self->taken = g_string_new (NULL);
}

static GOutputStream *
failing_stream_new (gsize limit)
{
  FailingStream *self = g_object_new (TYPE_FAILING_STREAM, NULL);

  self->limit = limit;
  return G_OUTPUT_STREAM (self);
}

/* Own cases beside the bundled ones: notes, tags, Chinese text, every
 * kind of escape, a number with a fraction, and collections plain and
 * smart. */
static const char own_cases[] =
  "{\"format\": \"casebook\", \"version\": 1, \"cases\": ["
  "{\"id\": \"own-1\", \"kind\": \"success\", \"sector\": \"finance\","
  " \"title\": {\"zh\": \"支付系统迁移 “云原生”\", \"en\": \"Payments move: \\\"quotes\\\", back\\\\slash, é, 😀\"},"
  " \"organization\": {\"zh\": \"某银行\", \"en\": \"A bank </script> & <b>\"},"
  " \"outcomes\": [{\"text\": {\"en\": \"Latency\"}, \"metric\": \"latency\", \"value\": 99.99,"
  " \"unit\": \"percent\", \"baseline\": 80, \"better\": \"lower\"}],"
  " \"lessons\": [{\"zh\": \"第一行\\n第二行\", \"en\": \"Line one\\nLine two\\tand a tab\\u2028sep \\u00a0nbsp\"}],"
  " \"source\": {\"url\": \"https://example.org/own-1?a=1&b=2\"},"
  " \"tags\": [\"云\", \"shortlist\", \"a\\\"b\"], \"note\": \"Ask about the audit.\\nSecond line\\n\\n\\tand a tab 注意\"},"
  "{\"id\": \"own-2\", \"kind\": \"failure\", \"sector\": \"energy\","
  " \"title\": {\"zh\": \"电网\"}, \"organization\": {\"zh\": \"某电网\"},"
  " \"failure\": {\"problem\": {\"en\": \"Too early\"}, \"result\": {\"zh\": \"停了\"}, \"causes\": [{\"zh\": \"预算\"}]},"
  " \"source\": {\"title\": {\"en\": \"Notes\"}, \"date\": \"2026-01-02\"}, \"tags\": [\"shortlist\"]},"
  "{\"id\": \"own-3\", \"kind\": \"success\", \"sector\": \"finance\","
  " \"title\": {\"en\": \"Third\"}, \"organization\": {\"en\": \"Org\"},"
  " \"source\": {\"url\": \"https://example.org/3\"}, \"note\": \"only a note\"}"
  "], \"collections\": ["
  "{\"name\": \"支付 shortlist\", \"introduction\": \"For the board.\\nTwo lines.\","
  " \"cases\": [\"own-2\", \"own-1\"]},"
  "{\"name\": \"Empty\", \"cases\": []},"
  "{\"name\": \"Finance\", \"query\": {\"sector\": [\"finance\"]}}"
  "]}";

typedef struct
{
  char          *dir;
  CasebookStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = NULL;

  f->dir = casebook_test_tmpdir ();
  f->store = casebook_test_open_store (f->dir, CASEBOOK_STORE_FLAGS_NONE);
  doc = casebook_json_read_document (own_cases, strlen (own_cases), "own.json", &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_import (f->store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
}

/* What the new export writes to a memory stream, as a string. */
static char *
stream_export (CasebookStore               *store,
               const CasebookExportRequest *request,
               guint                       *n_cases)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (casebook_store_export_to_stream (store, request, out, n_cases, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static char *
document_bytes (CasebookDocument *doc)
{
  g_assert_nonnull (doc);
  return casebook_json_write_document (doc, NULL);
}

static gint64
collection_id (CasebookStore *store,
               const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCollection) collection = casebook_store_find_collection (store, name, &error);

  g_assert_no_error (error);
  return casebook_collection_get_id (collection);
}

static void
test_same_bytes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CasebookExportRequest request = { NULL, };
  g_autoptr(CasebookDocument) whole = casebook_store_export (f->store, &error);
  g_autofree char *expected = document_bytes (whole);
  g_autofree char *seen = NULL;
  guint n = 0;

  /* The whole store, with what the bundled file brings (insights,
   * ranges, references) and the collections. */
  g_assert_no_error (error);
  seen = stream_export (f->store, &request, &n);
  casebook_test_assert_same_text (seen, expected, "the whole store");
  g_assert_cmpuint (n, ==, casebook_document_get_cases (whole)->len);
  g_assert_cmpuint (n, ==, casebook_store_get_n_cases (f->store));
  g_assert_nonnull (strstr (seen, "\"insights\""));
  g_assert_nonnull (strstr (seen, "\"collections\""));
  g_assert_nonnull (strstr (seen, "\\\\slash"));
  g_assert_nonnull (strstr (seen, "99.99,"));

  /* Some cases by id, one of them unknown and one given twice. */
  {
    const char *ids[] = { "own-3", "no-such-case", "own-1", "own-3", NULL };
    g_autoptr(CasebookDocument) doc = casebook_store_export_cases (f->store, ids, &error);
    g_autofree char *old = document_bytes (doc);
    g_autofree char *new = NULL;

    request.ids = ids;
    new = stream_export (f->store, &request, &n);
    casebook_test_assert_same_text (new, old, "cases by id");
    g_assert_cmpuint (n, ==, 2);
    /* In the order they were added: own-1 before own-3. */
    g_assert_true (strstr (new, "\"own-1\"") < strstr (new, "\"own-3\""));

    /* In the order given, an id given twice where it was given last,
     * as a drag sorted the document it exported. */
    request.flags = CASEBOOK_EXPORT_FLAGS_IDS_ORDER;
    g_free (new);
    new = stream_export (f->store, &request, &n);
    g_assert_cmpuint (n, ==, 2);
    g_assert_true (strstr (new, "\"own-1\"") < strstr (new, "\"own-3\""));
    {
      GPtrArray *cases = casebook_document_get_cases (doc);

      g_ptr_array_add (cases, g_ptr_array_steal_index (cases, 0));
      g_free (old);
      old = document_bytes (doc);
      request.ids = (const char *[]) { "own-3", "own-1", NULL };
      g_free (new);
      new = stream_export (f->store, &request, &n);
      casebook_test_assert_same_text (new, old, "cases in the order given");
      g_assert_true (strstr (new, "\"own-3\"") < strstr (new, "\"own-1\""));
    }
    request.flags = CASEBOOK_EXPORT_FLAGS_NONE;
  }

  /* No case at all: an empty array, as before. */
  {
    const char *ids[] = { "no-such-case", NULL };
    g_autoptr(CasebookDocument) doc = casebook_store_export_cases (f->store, ids, &error);
    g_autofree char *old = document_bytes (doc);
    g_autofree char *new = NULL;

    request.ids = ids;
    new = stream_export (f->store, &request, &n);
    casebook_test_assert_same_text (new, old, "no case");
    g_assert_cmpuint (n, ==, 0);
    g_assert_nonnull (strstr (new, "\"cases\": []"));
    request.ids = NULL;
  }

  /* Collections: a plain one in its order, an empty one, a smart one. */
  {
    const char *names[] = { "支付 shortlist", "Empty", "Finance" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        gint64 id = collection_id (f->store, names[i]);
        g_autoptr(CasebookDocument) doc = casebook_store_export_collection (f->store, id, &error);
        g_autofree char *old = document_bytes (doc);
        g_autofree char *new = NULL;

        g_assert_no_error (error);
        request.collection_id = id;
        new = stream_export (f->store, &request, &n);
        casebook_test_assert_same_text (new, old, names[i]);
        g_assert_cmpuint (n, ==, casebook_document_get_cases (doc)->len);
      }
    g_assert_cmpuint (n, >, 2);
  }

  /* An unknown collection is refused as before. */
  {
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

    request.collection_id = 999;
    g_assert_false (casebook_store_export_to_stream (f->store, &request, out, NULL, NULL, &error));
    g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
}

static void
test_empty_store_same_bytes (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  g_autoptr(CasebookDocument) doc = casebook_store_export (store, NULL);
  g_autofree char *old = document_bytes (doc);
  CasebookExportRequest request = { NULL, };
  g_autofree char *new = stream_export (store, &request, NULL);

  casebook_test_assert_same_text (new, old, "an empty store");
  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* The file holds the same bytes, and a second export replaces it whole. */
static void
test_file_same_bytes (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "cases.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *expected = casebook_test_snapshot (f->store);
  g_autoptr(GError) error = NULL;
  CasebookExportRequest request = { NULL, };
  guint n = 0;

  g_assert_true (g_file_set_contents (path, "an older, much longer file than nothing at all", -1, NULL));
  g_assert_true (casebook_store_export_to_file (f->store, &request, file, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, casebook_store_get_n_cases (f->store));
  {
    g_autofree char *written = NULL;

    g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
    casebook_test_assert_same_text (written, expected, "the file");
  }
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
assert_left_as_before (const char *dir,
                       const char *path,
                       guint       n_files,
                       const char *before)
{
  g_autofree char *left = NULL;

  g_assert_cmpuint (count_files (dir), ==, n_files);
  g_assert_true (g_file_get_contents (path, &left, NULL, NULL));
  g_assert_cmpstr (left, ==, before);
}

/* The store is left as it was: no transaction open, another export and a
 * change both work. */
static void
assert_store_usable (CasebookStore *store,
                     const char    *expected)
{
  g_autofree char *again = casebook_test_snapshot (store);
  g_autoptr(GError) error = NULL;

  casebook_test_assert_same_text (again, expected, "the store after a failed export");
  g_assert_true (casebook_store_add_tag (store, "own-3", "after", &error));
  g_assert_no_error (error);
  g_assert_true (casebook_store_remove_tag (store, "own-3", "after", &error));
  g_assert_no_error (error);
}

/* Enough cases for the export to tell its progress on the way, and to
 * write its file in more than one piece. */
static void
add_many_cases (CasebookStore *store,
                guint          n)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [");
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("many-%u", i);
      g_autofree char *one = casebook_test_minimal_case (id, NULL);

      g_string_append_printf (json, "%s%s", i == 0 ? "" : ", ", one);
    }
  g_string_append (json, "]}");
  doc = casebook_json_read_document (json->str, json->len, "many.json", &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
}

/* A disk that fills up at any point of the file: the target keeps its
 * old bytes, nothing is left beside it, and the error names the file and
 * the reason. A stream that fails at any point gives its error. */
static void
test_failed_write_leaves_target (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "cases.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *expected = NULL;
  gsize size;
  const char before[] = "{\"format\": \"casebook\", \"version\": 1, \"cases\": []}\n";
  CasebookExportRequest request = { NULL, };
  g_autoptr(GError) error = NULL;

  add_many_cases (f->store, 1500);
  expected = casebook_test_snapshot (f->store);
  size = strlen (expected);
  /* More than two of the pieces the export writes at a time. */
  g_assert_cmpuint (size, >, 2 * 256 * 1024);
  for (guint step = 0; step <= 8; step++)
    {
      gsize offset = step == 8 ? size - 1 : size * step / 8;
      guint n_files;

      g_assert_true (g_file_set_contents (path, before, -1, NULL));
      n_files = count_files (f->dir);

      _casebook_file_io_fail_writes_after (offset, ENOSPC);
      g_assert_false (casebook_store_export_to_file (f->store, &request, file, NULL, NULL, &error));
      _casebook_file_io_fail_writes_after (0, 0);

      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
      g_clear_error (&error);
      assert_left_as_before (f->dir, path, n_files, before);
    }

  for (guint step = 0; step <= 4; step++)
    {
      gsize limit = step == 4 ? size - 1 : size * step / 4;
      g_autoptr(GOutputStream) out = failing_stream_new (limit);

      g_assert_false (casebook_store_export_to_stream (f->store, &request, out, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_clear_error (&error);
      /* What was written is the start of the export. */
      g_assert_cmpuint (FAILING_STREAM (out)->taken->len, <=, limit);
      g_assert_cmpmem (FAILING_STREAM (out)->taken->str, FAILING_STREAM (out)->taken->len,
                       expected, FAILING_STREAM (out)->taken->len);
    }

  assert_store_usable (f->store, expected);

  /* Once the disk works, the whole file. */
  g_assert_true (casebook_store_export_to_file (f->store, &request, file, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *written = NULL;

    g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
    casebook_test_assert_same_text (written, expected, "the file after the failures");
  }
}

typedef struct
{
  GCancellable *cancellable;
  guint         cancel_at;
  guint         last_done;
  guint         last_total;
  guint         n_calls;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >=, progress->last_done);
  g_assert_cmpuint (done, <=, total);
  progress->last_done = done;
  progress->last_total = total;
  progress->n_calls++;
  if (progress->cancel_at != 0 && done >= progress->cancel_at)
    g_cancellable_cancel (progress->cancellable);
}

/* Cancelled before, half-way, or after the last case: the target keeps
 * its old bytes; the progress counts up to the whole. */
static void
test_cancelled_leaves_target (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "cases.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char before[] = "an earlier export";
  g_autofree char *expected = NULL;
  CasebookExportRequest request = { NULL, };
  g_autoptr(GError) error = NULL;
  guint total;

  add_many_cases (f->store, 700);
  total = casebook_store_get_n_cases (f->store);
  expected = casebook_test_snapshot (f->store);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      Progress progress = { cancellable, 0, 0, 0, 0 };
      guint n_files;

      progress.cancel_at = i == 1 ? 300 : total;
      if (i == 0)
        g_cancellable_cancel (cancellable);
      request.progress = on_progress;
      request.progress_data = &progress;

      g_assert_true (g_file_set_contents (path, before, -1, NULL));
      n_files = count_files (f->dir);
      g_assert_false (casebook_store_export_to_file (f->store, &request, file, NULL, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      assert_left_as_before (f->dir, path, n_files, before);

      if (i == 1)
        g_assert_cmpuint (progress.last_done, <, total);
      if (i == 2)
        g_assert_cmpuint (progress.last_done, ==, total);
      if (i > 0)
        g_assert_cmpuint (progress.last_total, ==, total);
    }

  assert_store_usable (f->store, expected);

  /* Not cancelled: the whole file, the progress up to every case. */
  {
    Progress progress = { NULL, 0, 0, 0, 0 };
    g_autofree char *written = NULL;
    guint n = 0;

    request.progress_data = &progress;
    g_assert_true (casebook_store_export_to_file (f->store, &request, file, &n, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, total);
    g_assert_cmpuint (progress.last_done, ==, total);
    g_assert_cmpuint (progress.last_total, ==, total);
    g_assert_cmpuint (progress.n_calls, >, 1);
    g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
    casebook_test_assert_same_text (written, expected, "the file after the cancellations");
  }
}

/* Every character is quoted as json-glib quotes it, which is what every
 * export so far has had: alone, and among others. */
static void
test_escapes_as_json_glib (void)
{
  g_autoptr(GString) mixed = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  for (gunichar c = 1; c <= 0x10FFFF; c++)
    {
      char s[8] = { 0 };
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *expected = NULL;

      if (c >= 0xD800 && c < 0xE000)
        continue;
      g_unichar_to_utf8 (c, s);
      if (c < 0x800 || c % 97 == 0)
        g_string_append (mixed, s);

      node = json_node_init_string (json_node_alloc (), s);
      expected = json_to_string (node, FALSE);
      g_string_truncate (out, 0);
      _casebook_json_emit_string (out, s);
      if (strcmp (out->str, expected) != 0)
        g_error ("U+%04X is written as %s, json-glib writes %s", c, out->str, expected);
    }

  {
    g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), mixed->str);
    g_autofree char *expected = json_to_string (node, FALSE);

    g_string_truncate (out, 0);
    _casebook_json_emit_string (out, mixed->str);
    casebook_test_assert_same_text (out->str, expected, "many characters together");
    g_assert_nonnull (strstr (out->str, "\\u0001"));
    g_assert_nonnull (strstr (out->str, "\\\\"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/export/streams-same-bytes", Fixture, NULL, fixture_set_up, test_same_bytes,
              fixture_tear_down);
  g_test_add_func ("/store/export/streams-same-bytes-empty-store", test_empty_store_same_bytes);
  g_test_add_func ("/json/writer/escapes-as-json-glib", test_escapes_as_json_glib);
  g_test_add ("/store/export/file-same-bytes", Fixture, NULL, fixture_set_up, test_file_same_bytes,
              fixture_tear_down);
  g_test_add ("/store/export/failed-write-leaves-target", Fixture, NULL, fixture_set_up,
              test_failed_write_leaves_target, fixture_tear_down);
  g_test_add ("/store/export/cancelled-leaves-target", Fixture, NULL, fixture_set_up,
              test_cancelled_leaves_target, fixture_tear_down);

  return g_test_run ();
}
