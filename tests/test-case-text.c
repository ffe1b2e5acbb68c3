/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "casebook-case-text.h"
#include "casebook-format.h"
#include "casebook-json.h"
#include "casebook-test-util.h"

/* A case copied as text or Markdown (casebook-case-text.c): the expected
 * texts are put together here from the seed case's own fields, so a
 * field left out, a value in the wrong language or a line out of place
 * shows as a difference. */

static CasebookCase *
seed_case (const char *id)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "casebook-seed.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = casebook_json_read_file (file, &error);
  GPtrArray *cases;

  g_assert_no_error (error);
  cases = casebook_document_get_cases (doc);
  for (guint i = 0; i < cases->len; i++)
    if (g_str_equal (casebook_case_get_id (g_ptr_array_index (cases, i)), id))
      return g_object_ref (g_ptr_array_index (cases, i));

  g_assert_not_reached ();
}

static void
test_plain_seed_case (void)
{
  g_autoptr(CasebookCase) c = seed_case ("report-2.1");
  const CasebookLang lang = CASEBOOK_LANG_EN;
  GPtrArray *outcomes = casebook_case_get_outcomes (c);
  const CasebookSource *source = casebook_case_get_source (c);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *employees = casebook_case_format_employees (c);
  g_autofree char *period = casebook_case_format_period (c);
  g_autofree char *text = NULL;

  g_assert_cmpuint (outcomes->len, ==, 4);
  g_assert_nonnull (source);
  g_assert_null (source->url);

  g_string_append_printf (expected, "%s\n", casebook_text_get (casebook_case_get_title (c), lang));
  g_string_append_printf (expected, "Organization: %s\n",
                          casebook_text_get (casebook_case_get_organization (c), lang));
  g_string_append_printf (expected, "Sector: Finance / %s\n",
                          casebook_text_get (casebook_case_get_subsector (c), lang));
  g_string_append (expected, "Kind: Success\n");
  g_string_append (expected, "Size: Large\n");
  g_string_append_printf (expected, "Employees: %s\n", employees);
  g_string_append_printf (expected, "Period: %s\n", period);
  g_string_append (expected, "Approach: Virtualization\n");
  g_string_append (expected, "\nOutcomes\n");
  for (guint i = 0; i < outcomes->len; i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (outcomes, i);
      g_autofree char *figure = casebook_format_outcome (outcome, lang);

      if (figure != NULL)
        g_string_append_printf (expected, "  • %s  [%s]\n", casebook_text_get (outcome->text, lang), figure);
      else
        g_string_append_printf (expected, "  • %s\n", casebook_text_get (outcome->text, lang));
    }
  g_string_append (expected, "\nSource\n");
  g_string_append_printf (expected, "  • %s\n", casebook_text_get (source->title, lang));
  g_string_append_printf (expected, "  Section: %s\n", source->section);
  g_string_append (expected, "\nLink: casebook://case/report-2.1\n");

  text = casebook_case_format_text (c, "Finance", lang);
  casebook_test_assert_same_text (text, expected->str, "the plain-text summary");

  /* The labels and the values agree in their language. */
  g_clear_pointer (&text, g_free);
  text = casebook_case_format_text (c, "金融", CASEBOOK_LANG_ZH);
  g_assert_true (g_str_has_prefix (text, "大型银行虚拟化案例\n"));
  g_assert_nonnull (strstr (text, "\n行业：金融 / 银行\n"));
  g_assert_nonnull (strstr (text, "\n  • 运维成本降低40%"));
  g_assert_null (strstr (text, "Sector"));
}

static void
test_markdown_seed_case (void)
{
  g_autoptr(CasebookCase) c = seed_case ("report-2.1");
  const CasebookLang lang = CASEBOOK_LANG_EN;
  GPtrArray *outcomes = casebook_case_get_outcomes (c);
  const CasebookSource *source = casebook_case_get_source (c);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *employees = casebook_case_format_employees (c);
  g_autofree char *period = casebook_case_format_period (c);
  g_autofree char *text = NULL;

  g_string_append_printf (expected, "# %s\n\n", casebook_text_get (casebook_case_get_title (c), lang));
  g_string_append_printf (expected, "- **Organization**: %s\n",
                          casebook_text_get (casebook_case_get_organization (c), lang));
  g_string_append_printf (expected, "- **Sector**: Finance / %s\n",
                          casebook_text_get (casebook_case_get_subsector (c), lang));
  g_string_append (expected, "- **Kind**: Success\n");
  g_string_append (expected, "- **Size**: Large\n");
  /* ">" is escaped wherever it is. */
  g_assert_true (employees[0] == '>');
  g_string_append_printf (expected, "- **Employees**: \\%s\n", employees);
  g_string_append_printf (expected, "- **Period**: %s\n", period);
  g_string_append (expected, "- **Approach**: Virtualization\n");
  g_string_append (expected, "\n## Outcomes\n\n");
  for (guint i = 0; i < outcomes->len; i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (outcomes, i);
      g_autofree char *figure = casebook_format_outcome (outcome, lang);

      /* None of the seed's outcomes holds a character Markdown reads. */
      if (figure != NULL)
        g_string_append_printf (expected, "- %s (%s)\n", casebook_text_get (outcome->text, lang), figure);
      else
        g_string_append_printf (expected, "- %s\n", casebook_text_get (outcome->text, lang));
    }
  g_string_append (expected, "\n## Source\n\n");
  g_string_append_printf (expected, "- %s\n", casebook_text_get (source->title, lang));
  g_string_append_printf (expected, "- **Section**: %s\n", source->section);
  g_string_append (expected, "\n[Open in Casebook](casebook://case/report-2.1)\n");

  text = casebook_case_format_markdown (c, "Finance", lang);
  casebook_test_assert_same_text (text, expected->str, "the Markdown summary");
}

/* Texts that would be markup, or a link a reader could click, stay text. */
static void
test_markdown_escape (void)
{
  static const struct {
    const char *text;
    const char *escaped;
  } cases[] = {
    { "*[x](javascript:)*", "\\*\\[x\\]\\(javascript:\\)\\*" },
    { "![img](http://evil/x.png)", "\\!\\[img\\]\\(http://evil/x.png\\)" },
    { "<script>alert(1)</script>", "\\<script\\>alert\\(1\\)\\</script\\>" },
    { "`code` _em_ ~~del~~ a|b", "\\`code\\` \\_em\\_ \\~\\~del\\~\\~ a\\|b" },
    { "&lt; &#x41;", "\\&lt; \\&\\#x41;" },
    { "back\\slash", "back\\\\slash" },
    { "# heading\n- item\n> quote", "\\# heading - item \\> quote" },
    { "a\r\n\tb\x1b[31m", "a b \\[31m" },
    { "\u202Eevil\u202C txt", "evil txt" },
    { "K3s-based v1.2+", "K3s-based v1.2+" },
    { "等保2.0（三级）", "等保2.0（三级）" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = casebook_markdown_escape (cases[i].text);

      g_assert_cmpstr (escaped, ==, cases[i].escaped);
    }
}

static void
test_markdown_hostile_case (void)
{
  const char *json =
    "{\"id\": \"evil-1\", \"kind\": \"success\", \"sector\": \"finance\","
    " \"title\": {\"en\": \"*[x](javascript:)*\"},"
    " \"subsector\": {\"en\": \"R&D <b>\"},"
    " \"organization\": {\"en\": \"An organization\"},"
    " \"outcomes\": [{\"text\": {\"en\": \"[click](javascript:alert(1))\"}}],"
    " \"source\": {\"url\": \"javascript:alert(1)//https://\"}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *plain = NULL;

  c = casebook_json_case_from_string (json, &error);
  g_assert_no_error (error);

  markdown = casebook_case_format_markdown (c, "Finance *bold*", CASEBOOK_LANG_EN);
  g_assert_true (g_str_has_prefix (markdown, "# \\*\\[x\\]\\(javascript:\\)\\*\n\n"));
  g_assert_nonnull (strstr (markdown, "\n- **Sector**: Finance \\*bold\\* / R\\&D \\<b\\>\n"));
  g_assert_nonnull (strstr (markdown, "\n- \\[click\\]\\(javascript:alert\\(1\\)\\)\n"));
  /* Only a web address becomes a link. */
  g_assert_nonnull (strstr (markdown, "\n- javascript:alert\\(1\\)//https://\n"));
  g_assert_null (strstr (markdown, "<javascript"));
  g_assert_null (strstr (markdown, "](javascript"));

  /* The plain text holds the characters as they are. */
  plain = casebook_case_format_text (c, NULL, CASEBOOK_LANG_EN);
  g_assert_true (g_str_has_prefix (plain, "*[x](javascript:)*\n"));
  g_assert_nonnull (strstr (plain, "\nSector: finance / R&D <b>\n"));
}

static void
test_markdown_web_source (void)
{
  g_autofree char *json = casebook_test_minimal_case ("web-1", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_json_case_from_string (json, &error);
  g_autofree char *markdown = NULL;

  g_assert_no_error (error);
  markdown = casebook_case_format_markdown (c, NULL, CASEBOOK_LANG_EN);
  g_assert_nonnull (strstr (markdown, "\n## Source\n\n- <https://example.org/web-1>\n"));
}

static void
test_link_round_trip (void)
{
  static const char *ids[] = { "report-2.1", "my case/1?#%", "案例-1", "a&b<c>" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *link = casebook_case_link_for_id (ids[i]);
      g_autofree char *id = casebook_case_link_parse (link, &error);

      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (link, "casebook://case/"));
      g_assert_null (strpbrk (link + strlen ("casebook://case/"), "/?#& <>"));
      g_assert_cmpstr (id, ==, ids[i]);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *id = casebook_case_link_parse ("CaseBook://CASE/report-2.1?from=chat#top", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (id, ==, "report-2.1");
  }
}

static void
test_link_refused (void)
{
  static const char *links[] = {
    "casebook://case/",
    "casebook://case",
    "casebook://cases/report-2.1",
    "casebook:report-2.1",
    "casebook://user@case/report-2.1",
    "casebook://case:80/report-2.1",
    "casebook://case/a/b",
    "casebook://case/a%00b",
    "casebook://case/a%0Ab",
    "casebook://case/%FF%FE",
    "https://case/report-2.1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = casebook_case_link_parse (links[i], &error);

      g_assert_null (id);
      g_assert_error (error, G_URI_ERROR, G_URI_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "casebook://case/ID"));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  /* A long link is quoted shortened, and its bytes are made text. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GString) link = g_string_new ("casebook://nowhere/\xff");

    for (guint i = 0; i < 10000; i++)
      g_string_append_c (link, 'x');
    g_assert_null (casebook_case_link_parse (link->str, &error));
    g_assert_cmpuint (strlen (error->message), <, 512);
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
  }

  g_assert_true (casebook_case_link_is_link ("casebook://case/x"));
  g_assert_true (casebook_case_link_is_link ("CASEBOOK:x"));
  g_assert_false (casebook_case_link_is_link ("/tmp/casebook:x"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case-text/plain/seed-case", test_plain_seed_case);
  g_test_add_func ("/case-text/markdown/seed-case", test_markdown_seed_case);
  g_test_add_func ("/case-text/markdown/escape", test_markdown_escape);
  g_test_add_func ("/case-text/markdown/hostile-case", test_markdown_hostile_case);
  g_test_add_func ("/case-text/markdown/web-source", test_markdown_web_source);
  g_test_add_func ("/case-text/link/round-trip", test_link_round_trip);
  g_test_add_func ("/case-text/link/refused", test_link_refused);

  return g_test_run ();
}
