/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "casebook-test-util.h"

/* Each refusal must be a GError that names the file and the place. */
static void
assert_refused (const char        *json,
                CasebookJsonError  code,
                const char        *place)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = casebook_test_parse (json, &error);

  g_assert_null (doc);
  g_assert_error (error, CASEBOOK_JSON_ERROR, (int) code);
  g_assert_true (g_str_has_prefix (error->message, "test.json"));
  if (place != NULL && strstr (error->message, place) == NULL)
    g_error ("expected “%s” in the message “%s”", place, error->message);
}

static char *
wrap_cases (const char *cases)
{
  return g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", cases);
}

static void
test_refuses_empty (void)
{
  assert_refused ("", CASEBOOK_JSON_ERROR_EMPTY, "empty");
  assert_refused (" \n\t ", CASEBOOK_JSON_ERROR_EMPTY, "empty");
}

static void
test_refuses_deep_nesting (void)
{
  gsize depth = 100000;
  g_autofree char *json = g_malloc (2 * depth + 1);

  memset (json, '[', depth);
  memset (json + depth, ']', depth);
  json[2 * depth] = '\0';

  /* The guard stops at the first level too deep: line 1, column 65. */
  assert_refused (json, CASEBOOK_JSON_ERROR_TOO_DEEP, "test.json:1:65:");
}

static void
test_refuses_huge_integers (void)
{
  assert_refused ("{\"version\": 18446744073709551616}", CASEBOOK_JSON_ERROR_NUMBER, "1:13:");
  assert_refused ("[9223372036854775808]", CASEBOOK_JSON_ERROR_NUMBER, "too large");
  assert_refused ("[-99999999999999999999]", CASEBOOK_JSON_ERROR_NUMBER, "too large");
  assert_refused ("[1e999]", CASEBOOK_JSON_ERROR_NUMBER, "too large");
}

static void
test_refuses_lenient_syntax (void)
{
  assert_refused ("[012]", CASEBOOK_JSON_ERROR_NUMBER, "octal");
  assert_refused ("[0x10]", CASEBOOK_JSON_ERROR_NUMBER, "hexadecimal");
  assert_refused ("{\n  // note\n  \"a\": 1}", CASEBOOK_JSON_ERROR_SYNTAX, "test.json:2:3:");
  assert_refused ("{\"a\": /* c */ 1}", CASEBOOK_JSON_ERROR_SYNTAX, "comments");
  assert_refused ("{'a': 1}", CASEBOOK_JSON_ERROR_SYNTAX, "double quotes");
  assert_refused ("{\"a\": 'b'}", CASEBOOK_JSON_ERROR_SYNTAX, "single quotes");
  assert_refused ("{} {}", CASEBOOK_JSON_ERROR_SYNTAX, "1:4:");
  assert_refused ("[1, 2,]", CASEBOOK_JSON_ERROR_SYNTAX, "trailing comma");
  assert_refused ("[NaN]", CASEBOOK_JSON_ERROR_SYNTAX, "NaN");
  assert_refused ("[Infinity]", CASEBOOK_JSON_ERROR_SYNTAX, "Infinity");
  assert_refused ("{\"a\": 1, \"a\": 2}", CASEBOOK_JSON_ERROR_SYNTAX, "twice");
  assert_refused ("[\"a\xff\"]", CASEBOOK_JSON_ERROR_SYNTAX, "UTF-8");
  assert_refused ("[\"\\u0000\"]", CASEBOOK_JSON_ERROR_SYNTAX, "NUL");
  assert_refused ("[\"\\ud800\"]", CASEBOOK_JSON_ERROR_SYNTAX, "surrogate");
  assert_refused ("[\"tab\there\"]", CASEBOOK_JSON_ERROR_SYNTAX, "control character");
  assert_refused ("{\"a\": [1, 2}", CASEBOOK_JSON_ERROR_SYNTAX, "1:12:");
  assert_refused ("[\"open", CASEBOOK_JSON_ERROR_SYNTAX, "not closed");
}

static void
test_refuses_wrong_document (void)
{
  assert_refused ("[]", CASEBOOK_JSON_ERROR_INVALID, "expected an object");
  assert_refused ("{\"format\": \"other\", \"version\": 1, \"cases\": []}",
                  CASEBOOK_JSON_ERROR_INVALID, "format");
  assert_refused ("{\"format\": \"casebook\", \"version\": 2, \"cases\": []}",
                  CASEBOOK_JSON_ERROR_VERSION, "newer Casebook");
  assert_refused ("{\"format\": \"casebook\", \"version\": 1}",
                  CASEBOOK_JSON_ERROR_INVALID, "cases: this member is required");
}

static void
assert_case_refused (const char *extra,
                     const char *place)
{
  g_autofree char *good = casebook_test_minimal_case ("good-1", "");
  g_autofree char *bad = casebook_test_minimal_case ("bad-1", extra);
  g_autofree char *cases = g_strdup_printf ("%s, %s", good, bad);
  g_autofree char *json = wrap_cases (cases);

  assert_refused (json, CASEBOOK_JSON_ERROR_INVALID, place);
}

static void
test_refuses_bad_fields (void)
{
  assert_case_refused (", \"period\": {\"start\": 2025, \"end\": 2023}", "cases[1].period.end: the period ends");
  assert_case_refused (", \"period\": {\"start\": 1200, \"end\": 2023}", "cases[1].period.start: 1200 is out of range");
  assert_case_refused (", \"employees\": -5", "cases[1].employees");
  assert_case_refused (", \"employees\": 1.5", "cases[1].employees: expected a whole number");
  assert_case_refused (", \"approach\": \"mainframe\"", "cases[1].approach: “mainframe” is not one of");
  assert_case_refused (", \"outcomes\": [{\"text\": {\"en\": \"a\"}, \"value\": \"ten\", \"unit\": \"times\", \"better\": \"higher\"}]",
                       "cases[1].outcomes[0].value: expected a number, found a string");
  assert_case_refused (", \"outcomes\": [{\"text\": {\"en\": \"a\"}, \"value\": 10}]",
                       "cases[1].outcomes[0].unit: a value needs a unit");
  assert_case_refused (", \"outcomes\": [{\"text\": {\"en\": \"a\"}, \"value\": 1e13, \"unit\": \"times\", \"better\": \"higher\"}]",
                       "cases[1].outcomes[0].value: the number is out of range");
  assert_case_refused (", \"phases\": [{\"name\": {\"en\": \"p\"}, \"start\": {\"year\": 2024, \"quarter\": 3}, \"end\": {\"year\": 2024, \"quarter\": 1}}]",
                       "cases[1].phases[0].end: the phase ends before it starts");
  assert_case_refused (", \"phases\": [{\"name\": {\"en\": \"p\"}, \"start\": {\"year\": 2024, \"quarter\": 5}, \"end\": {\"year\": 2024}}]",
                       "cases[1].phases[0].start.quarter");
  assert_case_refused (", \"subsector\": {\"zh\": \"\", \"en\": \"\"}", "cases[1].subsector: a text needs");
  assert_case_refused (", \"subsector\": \"banking\"", "cases[1].subsector: expected a text object");
  assert_case_refused (", \"failure\": {\"problem\": {\"en\": \"p\"}, \"result\": {\"en\": \"r\"}, \"causes\": []}",
                       "cases[1].failure: only a case of kind");
  {
    g_autofree char *json = wrap_cases ("{\"id\": \"x\", \"kind\": \"success\", \"sector\": \"finance\","
                                        " \"title\": {\"en\": \"t\"}, \"organization\": {\"en\": \"o\"},"
                                        " \"source\": {\"url\": \"https://x\", \"date\": \"2025-13-01\"}}");
    assert_refused (json, CASEBOOK_JSON_ERROR_INVALID, "cases[0].source.date: “2025-13-01” is not a date");
  }
  {
    g_autofree char *json = wrap_cases ("{\"id\": \"x\", \"kind\": \"success\", \"sector\": \"finance\","
                                        " \"title\": {\"en\": \"t\"}, \"organization\": {\"en\": \"o\"},"
                                        " \"source\": {\"note\": {\"en\": \"n\"}}}");
    assert_refused (json, CASEBOOK_JSON_ERROR_INVALID, "cases[0].source: a source needs");
  }

  {
    g_autofree char *json = wrap_cases ("{\"id\": \"Bad Id!\", \"kind\": \"success\"}");
    assert_refused (json, CASEBOOK_JSON_ERROR_INVALID, "cases[0].id: “Bad Id!” is not a valid key");
  }
  {
    g_autofree char *json = wrap_cases ("{\"id\": \"x\", \"kind\": \"maybe\"}");
    assert_refused (json, CASEBOOK_JSON_ERROR_INVALID, "cases[0].kind: “maybe” is not one of");
  }
  {
    g_autofree char *a = casebook_test_minimal_case ("same", "");
    g_autofree char *cases = g_strdup_printf ("%s, %s", a, a);
    g_autofree char *json = wrap_cases (cases);
    assert_refused (json, CASEBOOK_JSON_ERROR_INVALID, "cases[1].id: the id “same” is used");
  }
}

static void
test_accepts_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *c = casebook_test_minimal_case ("min-1", ", \"employees\": 5000, \"employees_qualifier\": \"more-than\"");
  g_autofree char *json = wrap_cases (c);
  g_autoptr(CasebookDocument) doc = casebook_test_parse (json, &error);
  CasebookCase *first;

  g_assert_no_error (error);
  g_assert_cmpuint (casebook_document_get_cases (doc)->len, ==, 1);
  first = g_ptr_array_index (casebook_document_get_cases (doc), 0);
  g_assert_cmpstr (casebook_case_get_id (first), ==, "min-1");
  g_assert_cmpint (casebook_case_get_employees (first), ==, 5000);
  g_assert_cmpint (casebook_case_get_employees_qualifier (first), ==, CASEBOOK_QUALIFIER_MORE_THAN);
  /* The organization was given in English only: Chinese falls back to it. */
  g_assert_cmpstr (casebook_text_get (casebook_case_get_organization (first), CASEBOOK_LANG_ZH),
                   ==, "An organization");
}

static void
test_round_trip_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = casebook_bundled_document (&error);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(CasebookDocument) again = NULL;
  gsize len = 0;

  g_assert_no_error (error);
  first = casebook_json_write_document (doc, &len);
  again = casebook_json_read_document (first, len, "first", &error);
  g_assert_no_error (error);
  second = casebook_json_write_document (again, NULL);

  g_assert_cmpstr (first, ==, second);
  /* Numbers keep their form: a whole number stays whole, 99.99 stays 99.99. */
  g_assert_nonnull (strstr (first, "\"value\": 99.99,\n"));
  g_assert_nonnull (strstr (first, "\"baseline\": 30,\n"));
  g_assert_null (strstr (first, "99.989999"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/refuses/empty", test_refuses_empty);
  g_test_add_func ("/json/refuses/deep-nesting", test_refuses_deep_nesting);
  g_test_add_func ("/json/refuses/huge-integers", test_refuses_huge_integers);
  g_test_add_func ("/json/refuses/lenient-syntax", test_refuses_lenient_syntax);
  g_test_add_func ("/json/refuses/wrong-document", test_refuses_wrong_document);
  g_test_add_func ("/json/refuses/bad-fields-with-path", test_refuses_bad_fields);
  g_test_add_func ("/json/accepts/minimal-case", test_accepts_minimal);
  g_test_add_func ("/json/round-trip/bundled", test_round_trip_bundled);

  return g_test_run ();
}
