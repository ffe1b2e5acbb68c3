/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "casebook-file-io.h"
#include "casebook-json-private.h"
#include "casebook-l10n.h"
#include "casebook-store-private.h"
#include "casebook-test-util.h"

/* A little under the longest string the reader takes (4 MiB). */
#define MAX_STRING_BYTES (4 * 1024 * 1024 - 16)

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

/* Member names are compared as json-glib sees them, after their escapes
 * are decoded: otherwise the second "cases" silently wins. */
static void
test_refuses_escaped_duplicates (void)
{
  static const char *duplicates[] = {
    "{\"a\": 1, \"\\u0061\": 2}",
    "{\"a/b\": 1, \"a\\/b\": 2}",
    "{\"\\ud83d\\ude00\": 1, \"\xf0\x9f\x98\x80\": 2}",
    "{\"tab\\t\": 1, \"tab\\u0009\": 2}",
  };
  g_autofree char *a = casebook_test_minimal_case ("from-a", "");
  g_autofree char *b = casebook_test_minimal_case ("from-b", "");
  g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1,"
                                           " \"cases\": [%s], \"\\u0063ases\": [%s]}", a, b);
  g_autofree char *place = NULL;
  const char *second = strstr (json, "\"\\u0063ases\"");

  /* The place of the second name: line 1, its column. */
  place = g_strdup_printf ("test.json:1:%ld: the member “cases” appears twice",
                           (long) g_utf8_strlen (json, second - json) + 1);
  assert_refused (json, CASEBOOK_JSON_ERROR_SYNTAX, place);

  for (guint i = 0; i < G_N_ELEMENTS (duplicates); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (casebook_json_check_syntax (duplicates[i], strlen (duplicates[i]), "test.json", &error));
      g_assert_error (error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_SYNTAX);
      g_assert_nonnull (strstr (error->message, "appears twice"));
    }

  /* Names that only look alike are different members. */
  {
    const char *different = "{\"a\": 1, \"\\u0041\": 2, \"\\u00e9\": 3, \"e\\u0301\": 4}";
    g_autoptr(GError) error = NULL;

    g_assert_true (casebook_json_check_syntax (different, strlen (different), "test.json", &error));
    g_assert_no_error (error);
  }

  /* NUL is refused in a member name as in any string. */
  assert_refused ("{\"a\\u0000\": 1}", CASEBOOK_JSON_ERROR_SYNTAX, "NUL");
}

static void
assert_short_message (const char *json,
                      int         code,
                      const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = casebook_test_parse (json, &error);

  g_assert_null (doc);
  g_assert_error (error, CASEBOOK_JSON_ERROR, code);
  if (strstr (error->message, what) == NULL)
    g_error ("expected “%s” in the message “%.300s”", what, error->message);
  /* The value is cut to 80 characters with an ellipsis; the rest of the
   * message is the file name, the place and the sentence around it. */
  g_assert_nonnull (strstr (error->message, "…"));
  if (g_utf8_strlen (error->message, -1) > 240)
    g_error ("the message is too long: %.400s", error->message);
}

static void
test_cuts_huge_values (void)
{
  gsize n = 1000000;
  g_autofree char *digits = g_malloc (n + 1);
  g_autofree char *big = g_malloc (MAX_STRING_BYTES + 1);
  g_autofree char *json = NULL;

  memset (digits, '9', n);
  digits[n] = '\0';
  json = g_strdup_printf ("{\"version\": %s}", digits);
  assert_short_message (json, CASEBOOK_JSON_ERROR_NUMBER, "the integer 9999");
  g_clear_pointer (&json, g_free);
  json = g_strdup_printf ("[%s.5e999]", digits);
  assert_short_message (json, CASEBOOK_JSON_ERROR_NUMBER, "too large");
  g_clear_pointer (&json, g_free);

  /* A string of almost 4 MB, of Chinese characters so that a cut in the
   * middle of one would show as invalid UTF-8. */
  for (gsize i = 0; i + 3 <= MAX_STRING_BYTES; i += 3)
    memcpy (big + i, "案", 3);
  big[MAX_STRING_BYTES - MAX_STRING_BYTES % 3] = '\0';

  json = g_strdup_printf ("{\"format\": \"%s\", \"version\": 1, \"cases\": []}", big);
  assert_short_message (json, CASEBOOK_JSON_ERROR_INVALID, "format “案案");
  g_clear_pointer (&json, g_free);

  {
    g_autofree char *extra = g_strdup_printf (", \"approach\": \"%s\"", big);
    g_autofree char *c = casebook_test_minimal_case ("huge-1", extra);

    json = wrap_cases (c);
    assert_short_message (json, CASEBOOK_JSON_ERROR_INVALID, "cases[0].approach: “案案");
    g_clear_pointer (&json, g_free);
  }
  {
    g_autofree char *extra = g_strdup_printf (", \"source\": {\"url\": \"https://x\", \"date\": \"%s\"}", big);
    g_autofree char *c = g_strdup_printf ("{\"id\": \"huge-2\", \"kind\": \"success\", \"sector\": \"finance\","
                                          " \"title\": {\"en\": \"t\"}, \"organization\": {\"en\": \"o\"}%s}", extra);

    json = wrap_cases (c);
    assert_short_message (json, CASEBOOK_JSON_ERROR_INVALID, "cases[0].source.date: “案案");
    g_clear_pointer (&json, g_free);
  }
  {
    g_autofree char *c = g_strdup_printf ("{\"id\": \"%s\", \"kind\": \"success\"}", big);

    json = wrap_cases (c);
    assert_short_message (json, CASEBOOK_JSON_ERROR_INVALID, "cases[0].id: “案案");
    g_clear_pointer (&json, g_free);
  }
  {
    g_autofree char *dup = g_strdup_printf ("{\"%s\": 1, \"%s\": 2}", big, big);

    assert_short_message (dup, CASEBOOK_JSON_ERROR_SYNTAX, "the member “案案");
  }
}

/* Control characters: a title may not recolour a terminal or forge a
 * line; a paragraph keeps its line feeds and tabs. */
static void
test_control_characters (void)
{
  static const struct { const char *extra; const char *message; } refused[] = {
    { ", \"subsector\": {\"en\": \"Bank\\u001b]52;c;aGk=\\u0007\"}",
      "cases[1].subsector.en: contains the control character U+001B; one-line texts may not contain control characters" },
    { ", \"stack\": [{\"role\": {\"en\": \"r\"}, \"product\": \"Kube\\nrnetes\", \"family\": \"containers\"}]",
      "cases[1].stack[0].product: contains the control character U+000A" },
    { ", \"stack\": [{\"role\": {\"en\": \"r\"}, \"product\": \"p\", \"version\": \"1\\t2\", \"family\": \"containers\"}]",
      "cases[1].stack[0].version: contains the control character U+0009" },
    { ", \"phases\": [{\"name\": {\"zh\": \"阶段\\u009b31m\"}, \"start\": {\"year\": 2024}, \"end\": {\"year\": 2024}}]",
      "cases[1].phases[0].name.zh: contains the control character U+009B" },
    { ", \"challenges\": [{\"title\": {\"en\": \"A\\u2028B\"}}]",
      "cases[1].challenges[0].title.en: contains the line break U+2028" },
    { ", \"lessons\": [{\"en\": \"one\\rtwo\"}]",
      "cases[1].lessons[0].en: contains the control character U+000D; texts may contain line feeds and tabs" },
    { ", \"lessons\": [{\"en\": \"bell\\u0007\"}]",
      "cases[1].lessons[0].en: contains the control character U+0007" },
    { ", \"notes\": [{\"text\": {\"en\": \"del\\u007f\"}}]",
      "cases[1].notes[0].text.en: contains the control character U+007F" },
  };
  g_autofree char *title = casebook_test_minimal_case ("ctl-1", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_case_refused (refused[i].extra, refused[i].message);

  /* The title itself, replaced in a minimal case. */
  {
    g_autofree char *json = wrap_cases ("{\"id\": \"x\", \"kind\": \"success\", \"sector\": \"finance\","
                                        " \"title\": {\"zh\": \"标题\", \"en\": \"fake\\nfinance\\tfake\"},"
                                        " \"organization\": {\"en\": \"o\"}, \"source\": {\"url\": \"https://x\"}}");
    assert_refused (json, CASEBOOK_JSON_ERROR_INVALID,
                    "cases[0].title.en: contains the control character U+000A; "
                    "one-line texts may not contain control characters");
  }
  {
    g_autofree char *json = wrap_cases ("{\"id\": \"x\", \"kind\": \"success\", \"sector\": \"finance\","
                                        " \"title\": {\"en\": \"t\"}, \"organization\": {\"en\": \"o\"},"
                                        " \"source\": {\"url\": \"https://x\\r\\nSet-Cookie: a\"}}");
    assert_refused (json, CASEBOOK_JSON_ERROR_INVALID, "cases[0].source.url: contains the control character U+000D");
  }

  /* Outside the cases: names of sectors and metrics, titles of insights. */
  assert_refused ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [],"
                  " \"sectors\": [{\"key\": \"s\", \"name\": {\"en\": \"R&D\\u001b[2J\"}}]}",
                  CASEBOOK_JSON_ERROR_INVALID, "sectors[0].name.en: contains the control character U+001B");
  assert_refused ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [],"
                  " \"metrics\": [{\"key\": \"m\", \"name\": {\"zh\": \"指标\\u0085\"}}]}",
                  CASEBOOK_JSON_ERROR_INVALID, "metrics[0].name.zh: contains the control character U+0085");
  assert_refused ("{\"format\": \"casebook\", \"version\": 1, \"title\": {\"en\": \"a\\nb\"}, \"cases\": []}",
                  CASEBOOK_JSON_ERROR_INVALID, "title.en: contains the control character U+000A");
  assert_refused ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [],"
                  " \"references\": [{\"number\": 1, \"text\": \"a\\u001bb\"}]}",
                  CASEBOOK_JSON_ERROR_INVALID, "references[0].text: contains the control character U+001B");

  /* Paragraphs keep line feeds and tabs; Windows line ends become line
   * feeds. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *c = casebook_test_minimal_case ("para-1",
                                                     ", \"lessons\": [{\"en\": \"one\\ntwo\\tthree\"},"
                                                     " {\"en\": \"four\\r\\nfive\"}],"
                                                     " \"challenges\": [{\"title\": {\"en\": \"t\"},"
                                                     " \"solution\": {\"en\": \"a\\r\\nb\"}}]");
    g_autofree char *json = wrap_cases (c);
    g_autoptr(CasebookDocument) doc = casebook_test_parse (json, &error);
    CasebookCase *first;
    const CasebookChallenge *challenge;

    g_assert_no_error (error);
    first = g_ptr_array_index (casebook_document_get_cases (doc), 0);
    g_assert_cmpstr (casebook_text_get (g_ptr_array_index (casebook_case_get_lessons (first), 0), CASEBOOK_LANG_EN),
                     ==, "one\ntwo\tthree");
    g_assert_cmpstr (casebook_text_get (g_ptr_array_index (casebook_case_get_lessons (first), 1), CASEBOOK_LANG_EN),
                     ==, "four\nfive");
    challenge = g_ptr_array_index (casebook_case_get_challenges (first), 0);
    g_assert_cmpstr (casebook_text_get (challenge->solution, CASEBOOK_LANG_EN), ==, "a\nb");
  }

  /* Other characters, bidirectional controls among them, are text. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *c = casebook_test_minimal_case ("bidi-1", ", \"subsector\": {\"en\": \"\\u202eabc \\u00a0\\u3000x\"}");
    g_autofree char *json = wrap_cases (c);
    g_autoptr(CasebookDocument) doc = casebook_test_parse (json, &error);

    g_assert_no_error (error);
    g_assert_nonnull (doc);
  }

  (void) title;
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
  g_autoptr(CasebookDocument) doc = _casebook_bundled_document (&error);
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

/* What the store keeps of a case is json-glib's compact form of its
 * tree, byte for byte, though it is no longer made through json-glib:
 * json-glib, given the same data back, must write the same bytes. */
static void
assert_as_json_glib_writes (CasebookCase *c,
                            gboolean      read_back)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = casebook_json_case_to_string (c);
  g_autoptr(JsonNode) tree = json_from_string (stored, &error);
  g_autofree char *generated = NULL;
  g_autofree char *again = NULL;
  g_autoptr(CasebookCase) back = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (tree);
  generated = json_to_string (tree, FALSE);
  g_assert_cmpstr (stored, ==, generated);

  if (!read_back)
    return;

  back = casebook_json_case_from_string (stored, &error);
  g_assert_no_error (error);
  again = casebook_json_case_to_string (back);
  g_assert_cmpstr (stored, ==, again);
}

static void
test_case_string_as_json_glib (void)
{
  static const double numbers[] = { 80, 99.99, 0.1, -2.5, 1e15, 2.5e15, 1e-7, 123456789.123, 1234567.0000001, -0.5 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = _casebook_bundled_document (&error);
  g_autoptr(CasebookCase) c = casebook_case_new ("hostile-1");
  g_autoptr(GString) every = g_string_new (NULL);
  GPtrArray *cases;

  g_assert_no_error (error);
  cases = casebook_document_get_cases (doc);
  g_assert_cmpuint (cases->len, >, 0);
  for (guint i = 0; i < cases->len; i++)
    assert_as_json_glib_writes (g_ptr_array_index (cases, i), TRUE);

  /* Every byte that json-glib escapes, or leaves as it is, with the
   * characters of several lengths after them. */
  for (guint b = 1; b < 0x80; b++)
    g_string_append_c (every, (char) b);
  g_string_append (every, "é中\xf0\x9f\x98\x80\"end\\");

  casebook_case_set_sector (c, "finance");
  casebook_case_take_title (c, casebook_text_new (every->str, "A \"quoted\" title / with \\ slashes"));
  casebook_case_take_organization (c, casebook_text_new (NULL, "Org\tanisation\r\n\x1f\x7f"));
  casebook_case_set_employees (c, 1200, CASEBOOK_QUALIFIER_ABOUT);
  casebook_case_set_period (c, 2019, 2023);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      CasebookOutcome *outcome = casebook_outcome_new ();

      outcome->text = casebook_text_new ("结果", NULL);
      outcome->metric = g_strdup ("latency");
      outcome->has_value = TRUE;
      outcome->value = numbers[i];
      outcome->unit = CASEBOOK_UNIT_PERCENT;
      outcome->has_baseline = i % 2 == 0;
      outcome->baseline = numbers[G_N_ELEMENTS (numbers) - 1 - i];
      outcome->better = CASEBOOK_BETTER_LOWER;
      g_ptr_array_add (casebook_case_get_outcomes (c), outcome);
    }
  {
    CasebookOutcome *qualitative = casebook_outcome_new ();

    qualitative->text = casebook_text_new (NULL, "Calmer nights");
    g_ptr_array_add (casebook_case_get_outcomes (c), qualitative);
  }
  g_ptr_array_add (casebook_case_get_lessons (c), casebook_text_new ("\u2028 \\u0041", ""));
  {
    CasebookSource *source = casebook_source_new ();

    source->title = casebook_text_new (NULL, "A report");
    source->url = g_strdup ("https://example.org/a?b=\"c\"");
    casebook_case_take_source (c, source);
  }

  /* json-glib 1.6 leaves U+001F unescaped, which no strict reader takes
   * back, and the reader takes no number beyond 1e12: a case with them
   * is written as json-glib writes it, but only one without them is
   * read back (the reader reads CR LF as LF). */
  assert_as_json_glib_writes (c, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      CasebookOutcome *outcome = g_ptr_array_index (casebook_case_get_outcomes (c), i);

      if (fabs (outcome->value) > 1e12)
        outcome->value = 999999999999.5;
      if (fabs (outcome->baseline) > 1e12)
        outcome->baseline = -999999999999.25;
    }
  g_string_erase (every, 0x1e, 1);
  casebook_case_take_title (c, casebook_text_new (every->str, "A \"quoted\" title / with \\ slashes"));
  casebook_case_take_organization (c, casebook_text_new (NULL, "Org\tanisation\n\x7f"));
  assert_as_json_glib_writes (c, TRUE);

  /* The person's tags and note stay out of the stored form. */
  {
    g_autofree char *before = casebook_json_case_to_string (c);
    g_autofree char *after = NULL;
    const char *tags[] = { "mine", NULL };

    casebook_case_set_tags (c, tags);
    casebook_case_set_personal_note (c, "a note of my own");
    after = casebook_json_case_to_string (c);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
assert_utf8_as_glib (const guchar *bytes,
                     gsize         length)
{
  const char *glib_end = NULL;
  gboolean valid = g_utf8_validate_len ((const char *) bytes, length, &glib_end);
  const char *invalid = _casebook_utf8_find_invalid ((const char *) bytes, length);

  if (valid)
    g_assert_null (invalid);
  else if (invalid != glib_end)
    g_error ("UTF-8 check of %" G_GSIZE_FORMAT " bytes stops at %ld, GLib at %ld", length,
             invalid != NULL ? (long) (invalid - (const char *) bytes) : -1L,
             (long) (glib_end - (const char *) bytes));
}

/* The syntax guard's own UTF-8 check refuses exactly what GLib's does, at
 * the same byte: every sequence of up to three bytes after ASCII of each
 * alignment, four-byte ones around their limits, and random mixtures. */
static void
test_utf8_as_glib (void)
{
  static const guchar edges[] = { 0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF4, 0xFF };
  static const guchar pool[] = { 0x00, 0x20, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1,
                                 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF };
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  guchar buf[64];

  for (guint a = 0; a < 256; a++)
    for (guint b = 0; b < 256; b++)
      for (guint c = 0; c < 256; c++)
        {
          guint skip = (a + b + c) % 9;

          memset (buf, 'x', skip);
          buf[skip] = (guchar) a;
          buf[skip + 1] = (guchar) b;
          buf[skip + 2] = (guchar) c;
          assert_utf8_as_glib (buf, skip + 3);
          assert_utf8_as_glib (buf, skip + 2);
        }

  for (guint a = 0xF0; a <= 0xF5; a++)
    for (guint b = 0; b < 256; b++)
      for (guint c = 0; c < G_N_ELEMENTS (edges); c++)
        for (guint d = 0; d < G_N_ELEMENTS (edges); d++)
          {
            guchar seq[5] = { (guchar) a, (guchar) b, edges[c], edges[d], 'x' };

            assert_utf8_as_glib (seq, 5);
            assert_utf8_as_glib (seq, 4);
          }

  for (guint i = 0; i < 200000; i++)
    {
      guint length = g_rand_int_range (rand, 0, sizeof buf);

      for (guint j = 0; j < length; j++)
        buf[j] = g_rand_int_range (rand, 0, 4) == 0 ? pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))]
                                                    : (guchar) g_rand_int_range (rand, 0x20, 0x7F);
      assert_utf8_as_glib (buf, length);
    }

  /* A file with a NUL or a broken character deep in long ASCII runs. */
  {
    g_autofree char *text = g_strnfill (1000, 'a');

    text[517] = '\0';
    assert_utf8_as_glib ((const guchar *) text, 1000);
    text[517] = '\xC3';
    assert_utf8_as_glib ((const guchar *) text, 1000);
    text[518] = '\xA9';
    assert_utf8_as_glib ((const guchar *) text, 1000);
  }
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

/* A pipe holding @length bytes and then closed, as a path to open. */
static char *
filled_pipe (gsize length)
{
  g_autofree char *bytes = g_strnfill (length, 'x');
  int fds[2];

  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], bytes, length), ==, (gssize) length);
  close (fds[1]);
  return g_strdup_printf ("/proc/self/fd/%d", fds[0]);
}

static void
close_pipe_path (const char *path)
{
  close (atoi (strrchr (path, '/') + 1));
}

/* The bounded read stops at the limit, for a file and for a pipe, and
 * never hands back more. */
static void
test_read_bounded (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "hundred.json", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autofree char *hundred = g_strnfill (100, 'x');
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (g_file_set_contents (path, hundred, 100, NULL));

  for (guint pass = 0; pass < 2; pass++)
    {
      const gsize limits[] = { 0, 50, 99, 100, 101, 4096 };

      for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
        {
          g_autofree char *pipe_path = pass == 1 ? filled_pipe (100) : NULL;
          g_autoptr(GFile) source = pass == 1 ? g_file_new_for_path (pipe_path) : g_object_ref (file);
          g_autofree char *contents = casebook_file_read_bounded (source, limits[i], &length, NULL, &error);

          if (limits[i] < 100)
            {
              g_assert_null (contents);
              g_assert_error (error, CASEBOOK_FILE_ERROR, CASEBOOK_FILE_ERROR_TOO_LARGE);
              g_assert_nonnull (strstr (error->message, pass == 1 ? pipe_path : path));
              g_clear_error (&error);
            }
          else
            {
              g_assert_no_error (error);
              g_assert_cmpuint (length, ==, 100);
              g_assert_cmpuint (strlen (contents), ==, 100);
            }
          if (pipe_path != NULL)
            close_pipe_path (pipe_path);
        }
    }

  /* A folder: what it is, and its name once. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_null (casebook_json_read_file (folder_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_cmpuint (count_occurrences (error->message, folder), ==, 1);
  g_clear_error (&error);

  /* A device, refused before reading. */
  {
    g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");

    g_assert_null (casebook_json_read_file (zero, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
    g_assert_cmpuint (count_occurrences (error->message, "/dev/zero"), ==, 1);
    g_clear_error (&error);
  }

  casebook_test_rmdir (dir);
}

/* Runs `casebook --db=DB --import=FILE` plus @lang_arg, with the
 * environment in English, and returns what it printed on stderr. */
static char *
run_import (const char *db,
            const char *file,
            const char *lang_arg,
            int        *status)
{
  const char *bin = g_getenv ("CASEBOOK_BIN");
  g_autofree char *db_arg = g_strdup_printf ("--db=%s", db);
  g_autofree char *import_arg = g_strdup_printf ("--import=%s", file);
  const char *argv[] = { bin, db_arg, import_arg, lang_arg, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  char *err = NULL;
  int wait_status = 0;

  g_assert_nonnull (bin);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "");
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return err;
}

/* Message ids as the JSON reader has them, written out so that the
 * compiler checks the formats against the arguments. */
#define TEXT_MSGID  "expected a text object such as {\"zh\": \"…\", \"en\": \"…\"}, found %s"
#define OCTAL_MSGID "numbers cannot have leading zeros (octal numbers are not JSON)"

/* A refused import is explained in the interface language: the reason
 * comes from the same catalogue as the rest of the interface, and the
 * place in the file (a member's path, or a line and a column) stays as
 * the file has it. */
static void
test_refusal_translated (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *member_file = g_build_filename (dir, "member.json", NULL);
  g_autofree char *syntax_file = g_build_filename (dir, "syntax.json", NULL);
  g_autoptr(GError) error = NULL;
  int status = -1;

  /* A title that is a number: refused at cases[0].title. */
  g_file_set_contents (member_file,
                       "{\"format\": \"casebook\", \"version\": 1, \"cases\": "
                       "[{\"id\": \"a\", \"kind\": \"success\", \"sector\": \"finance\", \"title\": 5}]}",
                       -1, &error);
  g_assert_no_error (error);
  /* An octal number on the second line, at the thirteenth column. */
  g_file_set_contents (syntax_file, "{\"format\": \"casebook\",\n \"version\": 01}", -1, &error);
  g_assert_no_error (error);

  {
    const char *found = casebook_l10n_gettext (CASEBOOK_LANG_ZH, "a number");
    g_autofree char *reason = g_strdup_printf (casebook_l10n_gettext (CASEBOOK_LANG_ZH, TEXT_MSGID), found);
    g_autofree char *refusal = g_strdup_printf (casebook_l10n_gettext (CASEBOOK_LANG_ZH, "%s: %s: %s"),
                                                member_file, "cases[0].title", reason);
    g_autofree char *expected = g_strdup_printf (casebook_l10n_gettext (CASEBOOK_LANG_ZH, "Nothing was imported: %s\n"),
                                                 refusal);
    g_autofree char *english = g_strdup_printf ("Nothing was imported: %s: cases[0].title: "
                                                "expected a text object such as {\"zh\": \"…\", \"en\": \"…\"}, "
                                                "found a number\n", member_file);
    g_autofree char *err = NULL;

    /* The catalogue has the words; else the comparison below proves nothing. */
    g_assert_cmpstr (casebook_l10n_gettext (CASEBOOK_LANG_ZH, TEXT_MSGID), !=, TEXT_MSGID);
    g_assert_cmpstr (found, !=, "a number");

    err = run_import (db, member_file, "--lang=zh", &status);
    g_assert_cmpint (status, !=, 0);
    g_assert_cmpstr (err, ==, expected);
    g_assert_nonnull (strstr (err, member_file));
    g_assert_nonnull (strstr (err, "cases[0].title"));
    g_clear_pointer (&err, g_free);

    err = run_import (db, member_file, "--lang=en", &status);
    g_assert_cmpint (status, !=, 0);
    g_assert_cmpstr (err, ==, english);
  }

  {
    g_autofree char *refusal = g_strdup_printf (casebook_l10n_gettext (CASEBOOK_LANG_ZH, "%s:%u:%u: %s"),
                                                syntax_file, 2, 13, casebook_l10n_gettext (CASEBOOK_LANG_ZH, OCTAL_MSGID));
    g_autofree char *expected = g_strdup_printf (casebook_l10n_gettext (CASEBOOK_LANG_ZH, "Nothing was imported: %s\n"),
                                                 refusal);
    g_autofree char *where = g_strdup_printf ("%s:2:13", syntax_file);
    g_autofree char *err = NULL;

    g_assert_cmpstr (casebook_l10n_gettext (CASEBOOK_LANG_ZH, OCTAL_MSGID), !=, OCTAL_MSGID);

    err = run_import (db, syntax_file, "--lang=zh", &status);
    g_assert_cmpint (status, !=, 0);
    g_assert_cmpstr (err, ==, expected);
    g_assert_true (g_str_has_prefix (strstr (err, syntax_file), where));
  }

  casebook_test_rmdir (dir);
}

/* A collection of @n cases, one to a line, where case @bad (from 0) has
 * @extra added to its members. */
static char *
cases_file (guint       n,
            guint       bad,
            const char *extra)
{
  GString *json = g_string_new ("{\n  \"format\": \"casebook\",\n  \"version\": 1,\n  \"cases\": [\n");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("case-%u", i);
      g_autofree char *c = casebook_test_minimal_case (id, i == bad ? extra : "");

      g_string_append_printf (json, "    %s%s\n", c, i + 1 < n ? "," : "");
    }
  g_string_append (json, "  ],\n  \"ranges\": []\n}\n");

  return g_string_free (json, FALSE);
}

/* The line and column, counted in characters from 1, of the first
 * occurrence of @needle in @text, plus @shift characters. */
static char *
position_of (const char *text,
             const char *needle,
             guint       shift)
{
  const char *at = strstr (text, needle);
  const char *line_start = text;
  guint line = 1;

  g_assert_nonnull (at);
  for (const char *q = text; q < at; q++)
    if (*q == '\n')
      {
        line++;
        line_start = q + 1;
      }

  return g_strdup_printf ("%u:%ld", line, g_utf8_strlen (line_start, at - line_start) + 1 + shift);
}

/* Refuses @json both when read whole and when imported into a store,
 * which reads the cases one at a time; the store stays as it was. */
static void
assert_import_refused (const char        *json,
                       CasebookJsonError  code,
                       const char        *expected)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *before = casebook_test_snapshot (store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  assert_refused (json, code, expected);

  g_assert_false (_casebook_store_import_data (store, json, strlen (json), "test.json",
                                               CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_error (error, CASEBOOK_JSON_ERROR, (int) code);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("expected “%s” at the start of “%s”", expected, error->message);

  after = casebook_test_snapshot (store);
  g_assert_cmpstr (before, ==, after);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

/* The cases of a file are handed to json-glib one at a time; a refusal
 * still names the place in the whole file: the case's index and member,
 * or the line and column counted from the start of the file. */
static void
test_refusal_place_in_file (void)
{
  /* More cases than the import's pipeline holds, so that the import
   * reads them on its second thread. */
  guint n = 100;

  {
    g_autofree char *json = cases_file (n, 2, ", \"employees\": \"many\"");
    assert_import_refused (json, CASEBOOK_JSON_ERROR_INVALID,
                           "test.json: cases[2].employees: expected a whole number");
  }
  {
    /* After the title, which holds Chinese characters: the column counts
     * characters, not bytes. */
    g_autofree char *json = cases_file (n, 2, ", \"employees\": 0012");
    g_autofree char *where = position_of (json, "0012", 0);
    g_autofree char *expected = g_strdup_printf ("test.json:%s: numbers cannot have leading zeros", where);

    g_assert_true (g_str_has_prefix (where, "7:"));
    assert_import_refused (json, CASEBOOK_JSON_ERROR_NUMBER, expected);
  }
  {
    /* The trailing comma is reported at the bracket after it. */
    g_autofree char *json = cases_file (n, 97, ", \"lessons\": [{\"en\": \"a\"},]");
    g_autofree char *where = position_of (json, ",]", 1);
    g_autofree char *expected = g_strdup_printf ("test.json:%s: a trailing comma", where);

    g_assert_true (g_str_has_prefix (where, "102:"));
    assert_import_refused (json, CASEBOOK_JSON_ERROR_SYNTAX, expected);
  }
  {
    /* A case that is not an object at all. */
    g_autofree char *json = g_strdup ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [null, 3]}");
    assert_import_refused (json, CASEBOOK_JSON_ERROR_INVALID, "test.json: cases[0]: expected an object, found null");
  }
  {
    g_autofree char *json = g_strdup ("{\"format\": \"casebook\", \"version\": 1, \"cases\": \"none\"}");
    assert_import_refused (json, CASEBOOK_JSON_ERROR_INVALID, "test.json: cases: expected an array");
  }
  {
    /* Something wrong after the cases is still found, and first. */
    g_autofree char *good = casebook_test_minimal_case ("good-1", "");
    g_autofree char *bad = casebook_test_minimal_case ("bad-1", ", \"employees\": -1");
    g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s, %s],"
                                             " \"ranges\": 5}", good, bad);
    assert_import_refused (json, CASEBOOK_JSON_ERROR_INVALID, "test.json: ranges: expected an array");
  }
}

/* What the split reading must not change: a member named "cases" deeper
 * in the file, an escaped name, a byte-order mark, and an empty array. */
static void
test_cases_one_at_a_time (void)
{
  g_autofree char *a = casebook_test_minimal_case ("a-1", ", \"notes\": [{\"field\": \"cases\", \"text\": {\"en\": \"[1, 2]\"}}]");
  g_autofree char *b = casebook_test_minimal_case ("b-1", "");
  g_autofree char *escaped = g_strdup_printf ("\xEF\xBB\xBF{\"format\": \"casebook\", \"version\": 1,"
                                              " \"\\u0063ases\" : \n [ %s ,\n%s\n]\n, \"references\": []}", a, b);
  g_autofree char *empty = g_strdup ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [ ]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = NULL;
  GPtrArray *cases;

  doc = casebook_test_parse (escaped, &error);
  g_assert_no_error (error);
  cases = casebook_document_get_cases (doc);
  g_assert_cmpuint (cases->len, ==, 2);
  g_assert_cmpstr (casebook_case_get_id (g_ptr_array_index (cases, 0)), ==, "a-1");
  g_assert_cmpstr (casebook_case_get_id (g_ptr_array_index (cases, 1)), ==, "b-1");
  g_clear_object (&doc);

  doc = casebook_test_parse (empty, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_document_get_cases (doc)->len, ==, 0);
  g_clear_object (&doc);

  /* Each case reaches json-glib without the space between its tokens:
   * the space inside its strings, escaped quotes and backslashes before
   * a quote stay as they were. */
  {
    g_autofree char *spaced = casebook_test_minimal_case ("c-1", " ,\r\n\t \"lessons\" :\n [ {\"en\" : \" a \\\" b\\\\\" ,"
                                                                 " \"zh\": \"\\\\\\\" \\t x \" } ]\n");
    g_autofree char *json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [\n  %s\n]}", spaced);
    const CasebookText *lesson;

    doc = casebook_test_parse (json, &error);
    g_assert_no_error (error);
    lesson = g_ptr_array_index (casebook_case_get_lessons (g_ptr_array_index (casebook_document_get_cases (doc), 0)), 0);
    g_assert_cmpstr (lesson->en, ==, " a \" b\\");
    g_assert_cmpstr (lesson->zh, ==, "\\\" \t x ");
  }
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
  g_test_add_func ("/json/refuses/escaped-duplicate-members", test_refuses_escaped_duplicates);
  g_test_add_func ("/json/refuses/control-characters", test_control_characters);
  g_test_add_func ("/json/messages/huge-values-cut", test_cuts_huge_values);
  g_test_add_func ("/json/accepts/minimal-case", test_accepts_minimal);
  g_test_add_func ("/json/round-trip/bundled", test_round_trip_bundled);
  g_test_add_func ("/json/case-string/same-as-json-glib", test_case_string_as_json_glib);
  g_test_add_func ("/json/utf8/same-as-glib", test_utf8_as_glib);
  g_test_add_func ("/json/read-file/bounded", test_read_bounded);
  g_test_add_func ("/json/messages/translated", test_refusal_translated);
  g_test_add_func ("/json/messages/place-in-whole-file", test_refusal_place_in_file);
  g_test_add_func ("/json/accepts/cases-one-at-a-time", test_cases_one_at_a_time);

  return g_test_run ();
}
