/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "casebook-case-check.h"
#include "casebook-collection.h"
#include "casebook-store-collections.h"
#include "casebook-store-private.h"
#include "casebook-test-util.h"

/* The person's own layer in the interchange format: tags and a note per
 * case, and collections (plain and smart) at the top level. */

static char *
wrap (const char *cases,
      const char *rest)
{
  return g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]%s}",
                          cases, rest != NULL ? rest : "");
}

/* Two minimal cases, a-1 and b-1, the first with @extra, and @rest after
 * the cases. */
static char *
two_cases (const char *extra,
           const char *rest)
{
  g_autofree char *a = casebook_test_minimal_case ("a-1", extra);
  g_autofree char *b = casebook_test_minimal_case ("b-1", "");
  g_autofree char *both = g_strdup_printf ("%s, %s", a, b);

  return wrap (both, rest);
}

/* Refused, read whole and imported into a store (which reads the cases
 * one at a time), with @expected at the start of the message; the store
 * is unchanged. */
static void
assert_refused (const char *json,
                const char *expected)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *before = casebook_test_snapshot (store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = casebook_test_parse (json, &error);

  g_assert_null (doc);
  g_assert_error (error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("expected “%s” at the start of “%s”", expected, error->message);
  g_clear_error (&error);

  g_assert_false (_casebook_store_import_data (store, json, strlen (json), "test.json",
                                               CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_error (error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("expected “%s” at the start of “%s”", expected, error->message);

  after = casebook_test_snapshot (store);
  g_assert_cmpstr (before, ==, after);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

static void
test_read_tags_and_note (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = two_cases (", \"tags\": [\"cloud-native\", \"shortlist\"],"
                                     " \"note\": \"Ask about the audit.\\r\\nSecond line\\n\\n\\tand a tab\"",
                                     NULL);
  g_autoptr(CasebookDocument) doc = casebook_test_parse (json, &error);
  g_autoptr(CasebookDocument) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *stored = NULL;
  CasebookCase *a, *b;
  const char * const *tags;
  gsize length = 0;

  g_assert_no_error (error);
  a = g_ptr_array_index (casebook_document_get_cases (doc), 0);
  b = g_ptr_array_index (casebook_document_get_cases (doc), 1);

  tags = casebook_case_get_tags (a);
  g_assert_nonnull (tags);
  g_assert_cmpstr (tags[0], ==, "cloud-native");
  g_assert_cmpstr (tags[1], ==, "shortlist");
  g_assert_null (tags[2]);
  /* A Windows line end reads as a line feed; the rest is kept. */
  g_assert_cmpstr (casebook_case_get_personal_note (a), ==, "Ask about the audit.\nSecond line\n\n\tand a tab");

  g_assert_true (casebook_case_get_tags (b) == NULL || casebook_case_get_tags (b)[0] == NULL);
  g_assert_null (casebook_case_get_personal_note (b));

  /* Written back: after the case's own members, and only where there is
   * something; read again, it gives the same bytes. */
  first = casebook_json_write_document (doc, &length);
  g_assert_nonnull (strstr (first, "\"tags\": [\n        \"cloud-native\",\n        \"shortlist\"\n      ],\n"
                                   "      \"note\": \"Ask about the audit.\\nSecond line\\n\\n\\tand a tab\"\n    },\n"));
  again = casebook_json_read_document (first, length, "first", &error);
  g_assert_no_error (error);
  second = casebook_json_write_document (again, NULL);
  casebook_test_assert_same_text (second, first, "the second export");

  /* The store keeps them apart from the case's own data. */
  stored = casebook_json_case_to_string (a);
  g_assert_null (strstr (stored, "\"tags\""));
  g_assert_null (strstr (stored, "audit"));
}

/* A file with no tags, notes or collections is written as before: none of
 * the new members appears. The bundled collection's round trip
 * (/json/round-trip/bundled) keeps its bytes too. */
static void
test_write_nothing_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = two_cases ("", NULL);
  g_autoptr(CasebookDocument) doc = casebook_test_parse (json, &error);
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  out = casebook_json_write_document (doc, NULL);
  g_assert_null (strstr (out, "\"tags\""));
  g_assert_null (strstr (out, "\"note\""));
  g_assert_null (strstr (out, "\"collections\""));
  g_assert_true (g_str_has_suffix (out, "\n    }\n  ]\n}\n"));
}

static const char collections_json[] =
  ", \"collections\": ["
  "{\"name\": \"支付 shortlist\", \"introduction\": \"For the board.\\r\\nTwo lines.\","
  " \"cases\": [\"b-1\", \"a-1\"]},"
  "{\"name\": \"Empty\", \"cases\": []},"
  "{\"name\": \"Recent finance\", \"query\": {\"year\": [2024, 2019], \"search\": \"  kubernetes  \","
  " \"sector\": [\"finance\"], \"kind\": [\"success\"], \"approach\": [\"hybrid\", \"containerization\"],"
  " \"technology\": [\"Kubernetes\"], \"size\": [\"large\"], \"subsector\": [\"finance/banking\"]}},"
  "{\"name\": \"Everything\", \"query\": {}}"
  "]";

static void
test_read_collections (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = two_cases ("", collections_json);
  g_autoptr(CasebookDocument) doc = casebook_test_parse (json, &error);
  g_autoptr(CasebookDocument) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  GPtrArray *collections, *ids;
  CasebookCollection *plain, *empty, *smart, *all;
  CasebookFilter *filter;
  g_auto(GStrv) years = NULL;
  g_auto(GStrv) approaches = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  collections = casebook_document_get_collections (doc);
  g_assert_cmpuint (collections->len, ==, 4);
  plain = g_ptr_array_index (collections, 0);
  empty = g_ptr_array_index (collections, 1);
  smart = g_ptr_array_index (collections, 2);
  all = g_ptr_array_index (collections, 3);

  g_assert_cmpstr (casebook_collection_get_name (plain), ==, "支付 shortlist");
  g_assert_cmpstr (casebook_collection_get_introduction (plain), ==, "For the board.\nTwo lines.");
  g_assert_false (casebook_collection_is_smart (plain));
  ids = casebook_collection_get_case_ids (plain);
  g_assert_cmpuint (ids->len, ==, 2);
  /* The collection's order, not the file's. */
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "b-1");
  g_assert_cmpstr (g_ptr_array_index (ids, 1), ==, "a-1");

  g_assert_false (casebook_collection_is_smart (empty));
  g_assert_cmpuint (casebook_collection_get_case_ids (empty)->len, ==, 0);
  g_assert_null (casebook_collection_get_introduction (empty));

  g_assert_true (casebook_collection_is_smart (smart));
  filter = casebook_collection_get_filter (smart);
  g_assert_cmpstr (casebook_filter_get_query (filter), ==, "kubernetes");
  g_assert_true (casebook_filter_has (filter, CASEBOOK_FACET_SECTOR, "finance"));
  g_assert_true (casebook_filter_has (filter, CASEBOOK_FACET_SUBSECTOR, "finance/banking"));
  g_assert_true (casebook_filter_has (filter, CASEBOOK_FACET_KIND, "success"));
  g_assert_true (casebook_filter_has (filter, CASEBOOK_FACET_TECHNOLOGY, "Kubernetes"));
  g_assert_true (casebook_filter_has (filter, CASEBOOK_FACET_SIZE, "large"));
  approaches = casebook_filter_get_values (filter, CASEBOOK_FACET_APPROACH);
  g_assert_cmpuint (g_strv_length (approaches), ==, 2);
  years = casebook_filter_get_values (filter, CASEBOOK_FACET_YEAR);
  g_assert_cmpuint (g_strv_length (years), ==, 2);
  g_assert_cmpstr (years[0], ==, "2019");
  g_assert_cmpstr (years[1], ==, "2024");

  g_assert_true (casebook_collection_is_smart (all));
  g_assert_false (casebook_filter_has_facets (casebook_collection_get_filter (all)));
  g_assert_null (casebook_filter_get_query (casebook_collection_get_filter (all)));

  /* Written in a fixed order: the collections as the document holds
   * them, a query's members in the order of the format, its values
   * sorted, years as numbers. */
  first = casebook_json_write_document (doc, &length);
  g_assert_nonnull (strstr (first,
    "  \"collections\": [\n"
    "    {\n"
    "      \"name\": \"支付 shortlist\",\n"
    "      \"introduction\": \"For the board.\\nTwo lines.\",\n"
    "      \"cases\": [\n"
    "        \"b-1\",\n"
    "        \"a-1\"\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"Empty\",\n"
    "      \"cases\": []\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"Recent finance\",\n"
    "      \"query\": {\n"
    "        \"search\": \"kubernetes\",\n"
    "        \"sector\": [\n          \"finance\"\n        ],\n"
    "        \"subsector\": [\n          \"finance/banking\"\n        ],\n"
    "        \"kind\": [\n          \"success\"\n        ],\n"
    "        \"approach\": [\n          \"containerization\",\n          \"hybrid\"\n        ],\n"
    "        \"technology\": [\n          \"Kubernetes\"\n        ],\n"
    "        \"size\": [\n          \"large\"\n        ],\n"
    "        \"year\": [\n          2019,\n          2024\n        ]\n"
    "      }\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"Everything\",\n"
    "      \"query\": {}\n"
    "    }\n"
    "  ]\n"
    "}\n"));

  again = casebook_json_read_document (first, length, "first", &error);
  g_assert_no_error (error);
  second = casebook_json_write_document (again, NULL);
  casebook_test_assert_same_text (second, first, "the second export");
}

static void
test_refuses_names (void)
{
  g_autofree char *long_name = g_strnfill (201, 'x');
  g_autofree char *longest = g_strnfill (200, 'x');
  /* 200 characters of three bytes each: characters count, not bytes. */
  GString *wide = g_string_new (NULL);
  struct { const char *rest; const char *expected; } refused[] = {
    { ", \"collections\": [{\"name\": \"\", \"cases\": []}]", "test.json: collections[0].name: " },
    { ", \"collections\": [{\"name\": \"ok\", \"cases\": []}, {\"name\": \"bell\\u0007\", \"cases\": []}]",
      "test.json: collections[1].name: " },
    { ", \"collections\": [{\"name\": \"a\\nb\", \"cases\": []}]", "test.json: collections[0].name: " },
    { ", \"collections\": [{\"name\": \"esc\\u001b[2J\", \"cases\": []}]", "test.json: collections[0].name: " },
    { ", \"collections\": [{\"name\": \"Same\", \"cases\": []}, {\"name\": \"Same\", \"query\": {}}]",
      "test.json: collections[1].name: the collection “Same” appears twice in this file" },
    /* NFC: é written whole and as e + combining acute is one name. */
    { ", \"collections\": [{\"name\": \"caf\\u00e9\", \"cases\": []}, {\"name\": \"cafe\\u0301\", \"cases\": []}]",
      "test.json: collections[1].name: the collection “cafe\xcc\x81” appears twice in this file" },
  };

  for (guint i = 0; i < 200; i++)
    g_string_append (wide, "案");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *json = two_cases ("", refused[i].rest);
      assert_refused (json, refused[i].expected);
    }

  {
    g_autofree char *rest = g_strdup_printf (", \"collections\": [{\"name\": \"%s\", \"cases\": []}]", long_name);
    g_autofree char *json = two_cases ("", rest);
    assert_refused (json, "test.json: collections[0].name: ");
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *rest = g_strdup_printf (", \"collections\": [{\"name\": \"%s\", \"cases\": []},"
                                             " {\"name\": \"%s\", \"cases\": []}]", longest, wide->str);
    g_autofree char *json = two_cases ("", rest);
    g_autoptr(CasebookDocument) doc = casebook_test_parse (json, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (casebook_document_get_collections (doc)->len, ==, 2);
  }

  g_string_free (wide, TRUE);
}

static void
test_refuses_tags_and_notes (void)
{
  g_autofree char *long_note = g_strnfill (100001, 'n');
  GString *longest = g_string_new (NULL);
  struct { const char *extra; const char *expected; } refused[] = {
    { ", \"tags\": [\"ok\", \"bell\\u0007\"]", "test.json: cases[0].tags[1]: " },
    { ", \"tags\": [\"line\\nbreak\"]", "test.json: cases[0].tags[0]: " },
    { ", \"tags\": [\"\"]", "test.json: cases[0].tags[0]: " },
    { ", \"tags\": \"one\"", "test.json: cases[0].tags: expected an array, found a string" },
    { ", \"tags\": [3]", "test.json: cases[0].tags[0]: expected a string, found a number" },
    { ", \"note\": 3", "test.json: cases[0].note: expected a string, found a number" },
    { ", \"note\": {\"en\": \"x\"}", "test.json: cases[0].note: expected a string, found an object" },
    { ", \"note\": \"esc\\u001b[31m\"", "test.json: cases[0].note: contains the control character U+001B" },
    { ", \"note\": \"one\\rtwo\"", "test.json: cases[0].note: contains the control character U+000D" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *json = two_cases (refused[i].extra, NULL);
      assert_refused (json, refused[i].expected);
    }

  {
    g_autofree char *extra = g_strdup_printf (", \"note\": \"%s\"", long_note);
    g_autofree char *json = two_cases (extra, NULL);
    assert_refused (json, "test.json: cases[0].note: is longer than 100000 characters");
  }

  /* 100,000 characters of three bytes each once its CR LF line ends are
   * read as line feeds (110,000 in the file): accepted. */
  for (guint i = 0; i < 100000 / 10; i++)
    g_string_append (longest, "案案案案案案案案案\\r\\n");
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *extra = g_strdup_printf (", \"note\": \"%s\"", longest->str);
    g_autofree char *json = two_cases (extra, NULL);
    g_autoptr(CasebookDocument) doc = casebook_test_parse (json, &error);
    CasebookCase *a;

    g_assert_no_error (error);
    a = g_ptr_array_index (casebook_document_get_cases (doc), 0);
    g_assert_cmpint (g_utf8_strlen (casebook_case_get_personal_note (a), -1), ==, 100000);
  }

  g_string_free (longest, TRUE);
}

static void
test_refuses_collection_shapes (void)
{
  static const struct { const char *rest; const char *expected; } refused[] = {
    { ", \"collections\": {}", "test.json: collections: expected an array, found an object" },
    { ", \"collections\": [3]", "test.json: collections[0]: expected an object, found a number" },
    { ", \"collections\": [{\"cases\": []}]", "test.json: collections[0].name: this member is required" },
    { ", \"collections\": [{\"name\": 7, \"cases\": []}]", "test.json: collections[0].name: expected a string, found a number" },
    { ", \"collections\": [{\"name\": \"n\"}]", "test.json: collections[0]: a collection needs “cases”" },
    { ", \"collections\": [{\"name\": \"n\", \"cases\": [], \"query\": {}}]",
      "test.json: collections[0]: a collection has either “cases” or “query”, not both" },
    { ", \"collections\": [{\"name\": \"n\", \"cases\": \"a-1\"}]",
      "test.json: collections[0].cases: expected an array, found a string" },
    { ", \"collections\": [{\"name\": \"n\", \"cases\": [\"a-1\", 2]}]",
      "test.json: collections[0].cases[1]: expected a string, found a number" },
    { ", \"collections\": [{\"name\": \"n\", \"cases\": [\"a-1\", \"a-1\"]}]",
      "test.json: collections[0].cases[1]: the case “a-1” is in this collection twice" },
    { ", \"collections\": [{\"name\": \"n\", \"cases\": [\"A B\"]}]",
      "test.json: collections[0].cases[0]: “A B” is not the id of a case" },
    { ", \"collections\": [{\"name\": \"n\", \"introduction\": 1, \"cases\": []}]",
      "test.json: collections[0].introduction: expected a string, found a number" },
    { ", \"collections\": [{\"name\": \"n\", \"query\": []}]",
      "test.json: collections[0].query: expected an object, found an array" },
    { ", \"collections\": [{\"name\": \"n\", \"query\": {\"colour\": [\"red\"]}}]",
      "test.json: collections[0].query.colour: “colour” is not a facet of a query" },
    { ", \"collections\": [{\"name\": \"n\", \"query\": {\"search\": 5}}]",
      "test.json: collections[0].query.search: expected a string, found a number" },
    { ", \"collections\": [{\"name\": \"n\", \"query\": {\"sector\": \"finance\"}}]",
      "test.json: collections[0].query.sector: expected an array, found a string" },
    { ", \"collections\": [{\"name\": \"n\", \"query\": {\"kind\": [\"maybe\"]}}]",
      "test.json: collections[0].query.kind[0]: “maybe” is not a value this facet can have" },
    { ", \"collections\": [{\"name\": \"n\", \"query\": {\"year\": [\"2020\"]}}]",
      "test.json: collections[0].query.year[0]: expected a whole number, found a string" },
    { ", \"collections\": [{\"name\": \"n\", \"query\": {\"year\": [1800]}}]",
      "test.json: collections[0].query.year[0]: 1800 is out of range (1950 to 2100)" },
    { ", \"collections\": [{\"name\": \"n\", \"query\": {\"technology\": [\"K\\u0007\"]}}]",
      "test.json: collections[0].query.technology[0]: contains the control character U+0007" },
    /* The file carries the cases its collections name. */
    { ", \"collections\": [{\"name\": \"n\", \"cases\": [\"a-1\"]}, {\"name\": \"m\", \"cases\": [\"b-1\", \"zz-9\"]}]",
      "test.json: collections[1].cases[1]: the file holds no case “zz-9”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *json = two_cases ("", refused[i].rest);
      assert_refused (json, refused[i].expected);
    }

  /* No case at all, and a collection that names one. */
  {
    g_autofree char *json = wrap ("", ", \"collections\": [{\"name\": \"n\", \"cases\": [\"a-1\"]}]");
    assert_refused (json, "test.json: collections[0].cases[0]: the file holds no case “a-1”");
  }
}

/* Enough cases that the import reads them on its second thread: the
 * collection is checked once the last case is read, and nothing is
 * kept. */
static void
test_refuses_unknown_case_in_large_file (void)
{
  GString *cases = g_string_new (NULL);
  g_autofree char *json = NULL;

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *id = g_strdup_printf ("case-%u", i);
      g_autofree char *c = casebook_test_minimal_case (id, i == 40 ? ", \"tags\": [\"t\"], \"note\": \"n\"" : "");

      g_string_append_printf (cases, "%s%s\n", i > 0 ? "," : "", c);
    }
  json = wrap (cases->str, ", \"collections\": [{\"name\": \"Big\", \"cases\": [\"case-99\", \"case-0\", \"case-100\"]}]");
  assert_refused (json, "test.json: collections[0].cases[2]: the file holds no case “case-100”");
  g_string_free (cases, TRUE);
}

/* Exports @store and imports the export into a new store opened with
 * @flags: the second export must be the same bytes. Returns the first. */
static char *
assert_store_round_trip (CasebookStore      *store,
                         CasebookStoreFlags  flags)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) other = casebook_test_open_store (dir, flags);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = casebook_test_snapshot (store);
  g_autofree char *second = NULL;
  CasebookImportResult result = { 0 };

  g_assert_true (_casebook_store_import_data (other, first, strlen (first), "export.json",
                                              CASEBOOK_IMPORT_SKIP, &result, &error));
  g_assert_no_error (error);
  second = casebook_test_snapshot (other);
  casebook_test_assert_same_text (second, first, "the export of the imported export");

  g_clear_object (&other);
  casebook_test_rmdir (dir);
  return g_steal_pointer (&first);
}

/* File → store → file → store → file: tags, notes and collections (plain
 * and smart) come back, and the two exports are the same bytes. */
static void
test_round_trip_store (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = two_cases (", \"tags\": [\"shortlist\", \"cloud-native\"],"
                                     " \"note\": \"Ask about the audit.\\r\\nSecond line\"",
                                     collections_json);
  g_autofree char *first = NULL;
  g_autoptr(CasebookDocument) back = NULL;
  CasebookImportResult result = { 0 };
  CasebookCase *a;
  GPtrArray *collections;

  g_assert_true (_casebook_store_import_data (store, json, strlen (json), "test.json",
                                              CASEBOOK_IMPORT_SKIP, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 2);
  g_assert_cmpuint (result.collections_created, ==, 4);

  first = assert_store_round_trip (store, CASEBOOK_STORE_NO_BUNDLED);

  back = casebook_test_parse (first, &error);
  g_assert_no_error (error);
  a = g_ptr_array_index (casebook_document_get_cases (back), 0);
  g_assert_cmpstr (casebook_case_get_id (a), ==, "a-1");
  g_assert_cmpstr (casebook_case_get_tags (a)[0], ==, "cloud-native");
  g_assert_cmpstr (casebook_case_get_tags (a)[1], ==, "shortlist");
  g_assert_cmpstr (casebook_case_get_personal_note (a), ==, "Ask about the audit.\nSecond line");

  /* Every collection, as the store lists them (by name). */
  collections = casebook_document_get_collections (back);
  g_assert_cmpuint (collections->len, ==, 4);
  for (guint i = 0; i < collections->len; i++)
    {
      CasebookCollection *collection = g_ptr_array_index (collections, i);
      const char *name = casebook_collection_get_name (collection);

      if (g_str_equal (name, "支付 shortlist"))
        {
          GPtrArray *ids = casebook_collection_get_case_ids (collection);

          g_assert_cmpuint (ids->len, ==, 2);
          g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "b-1");
          g_assert_cmpstr (g_ptr_array_index (ids, 1), ==, "a-1");
          g_assert_cmpstr (casebook_collection_get_introduction (collection), ==, "For the board.\nTwo lines.");
        }
      else if (g_str_equal (name, "Recent finance"))
        {
          CasebookFilter *filter = casebook_collection_get_filter (collection);

          g_assert_true (casebook_collection_is_smart (collection));
          g_assert_cmpstr (casebook_filter_get_query (filter), ==, "kubernetes");
          g_assert_true (casebook_filter_has (filter, CASEBOOK_FACET_YEAR, "2019"));
          g_assert_true (casebook_filter_has (filter, CASEBOOK_FACET_SUBSECTOR, "finance/banking"));
        }
      else
        g_assert_true (g_str_equal (name, "Empty") || g_str_equal (name, "Everything"));
    }

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* With the bundled cases: the person's layer over bundled cases is
 * exported, and a store that has the bundled cases already takes it on
 * import, so that export → import → export keeps the bytes. */
static void
test_round_trip_bundled_store (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookCollection) collection = casebook_collection_new ("Board brief");
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(CasebookCollection) smart = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;

  g_ptr_array_add (casebook_collection_get_case_ids (collection), g_strdup ("report-5.1"));
  g_ptr_array_add (casebook_collection_get_case_ids (collection), g_strdup ("report-2.1"));
  casebook_collection_set_introduction (collection, "Why these two.\n\nAnd what we ask.");
  g_assert_true (casebook_store_create_collection (store, collection, &error));
  g_assert_no_error (error);
  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "finance", TRUE);
  casebook_filter_set (filter, CASEBOOK_FACET_TAG, "shortlist", TRUE);
  smart = casebook_collection_new_smart ("Tagged finance", filter);
  g_assert_true (casebook_store_create_collection (store, smart, &error));
  g_assert_no_error (error);
  g_assert_true (casebook_store_add_tag (store, "report-2.1", "shortlist", &error));
  g_assert_true (casebook_store_set_note (store, "report-5.1", "Level 3 protection.\n\tSee 5.1", &error));
  g_assert_no_error (error);

  first = assert_store_round_trip (store, CASEBOOK_STORE_FLAGS_NONE);
  g_assert_nonnull (strstr (first, "      \"tags\": [\n        \"shortlist\"\n      ]\n"));
  g_assert_nonnull (strstr (first, "      \"note\": \"Level 3 protection.\\n\\tSee 5.1\"\n"));
  g_assert_nonnull (strstr (first, "        \"tag\": [\n          \"shortlist\"\n        ]\n"));
  g_assert_nonnull (strstr (first, "      \"cases\": [\n        \"report-5.1\",\n        \"report-2.1\"\n      ]\n"));

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-personal/read/tags-and-note", test_read_tags_and_note);
  g_test_add_func ("/json-personal/write/nothing-new", test_write_nothing_new);
  g_test_add_func ("/json-personal/read/collections", test_read_collections);
  g_test_add_func ("/json-personal/refuses/collection-names", test_refuses_names);
  g_test_add_func ("/json-personal/refuses/tags-and-notes", test_refuses_tags_and_notes);
  g_test_add_func ("/json-personal/refuses/collection-shapes", test_refuses_collection_shapes);
  g_test_add_func ("/json-personal/refuses/unknown-case-in-large-file", test_refuses_unknown_case_in_large_file);
  g_test_add_func ("/json-personal/round-trip/file-store-file", test_round_trip_store);
  g_test_add_func ("/json-personal/round-trip/with-bundled-cases", test_round_trip_bundled_store);

  return g_test_run ();
}
