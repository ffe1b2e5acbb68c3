/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casebook-file-io.h"
#include "casebook-l10n.h"
#include "casebook-render-outcomes.h"
#include "casebook-render-report-private.h"
#include "casebook-store-collections.h"
#include "casebook-store-private.h"
#include "casebook-test-util.h"

/* The PDFs are read back with poppler, as a person's viewer reads them:
 * their text, pages, sizes, fonts and metadata. */

#define EPOCH_2025_06_01 1748736000

/* poppler-glib 22.12 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerFontInfo, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerIndexIter, poppler_index_iter_free)

typedef struct
{
  char          *dir;
  CasebookStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = casebook_test_tmpdir ();
  fixture->store = casebook_test_open_store (fixture->dir, CASEBOOK_STORE_FLAGS_NONE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  casebook_test_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static CasebookCase *
get_case (Fixture    *fixture,
          const char *id)
{
  g_autoptr(GError) error = NULL;
  CasebookCase *c = casebook_store_get_case (fixture->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

static void
give_material (Fixture              *fixture,
               CasebookRenderReport *report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCatalog) catalog = casebook_store_get_catalog (fixture->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (casebook_catalog_get_sectors (catalog)->len, >, 0);
  casebook_render_report_set_catalog (report, catalog);
}

/* A report of the cases with @ids (NULL-terminated), or of every case when
 * @ids is NULL, dated 1 June 2025. */
static CasebookRenderReport *
make_report (Fixture                  *fixture,
             CasebookRenderReportKind  kind,
             CasebookLang              lang,
             const char * const       *ids)
{
  CasebookRenderReport *report = casebook_render_report_new (kind, lang);
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (EPOCH_2025_06_01);

  if (ids == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CasebookDocument) doc = casebook_store_export (fixture->store, &error);
      GPtrArray *cases;

      g_assert_no_error (error);
      cases = casebook_document_get_cases (doc);
      for (guint i = 0; i < cases->len; i++)
        casebook_render_report_add_case (report, g_ptr_array_index (cases, i));
    }
  else
    for (guint i = 0; ids[i] != NULL; i++)
      {
        g_autoptr(CasebookCase) c = get_case (fixture, ids[i]);

        casebook_render_report_add_case (report, c);
      }

  give_material (fixture, report);
  _casebook_render_report_set_date (report, date);

  return report;
}

static char *
write_pdf (Fixture              *fixture,
           CasebookRenderReport *report,
           const char           *name,
           double                width,
           double                height)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (casebook_render_report_write_pdf (report, file, width, height, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return path;
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static char *
page_text (PopplerDocument *doc,
           int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, index);

  g_assert_nonnull (page);
  return poppler_page_get_text (page);
}

/* Text without any white space: what a page says, however its lines were
 * broken and however the viewer spaced the words. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static char *
document_text (PopplerDocument *doc)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autofree char *text = page_text (doc, i);

      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static void
assert_says (const char *squeezed,
             const char *expected)
{
  g_autofree char *want = squeeze (expected);

  if (strstr (squeezed, want) == NULL)
    g_error ("The PDF does not say “%s”", expected);
}

/* A summary ------------------------------------------------------------------ */

static void
test_summary_english (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *ids[] = { "report-2.1", NULL };
  g_autoptr(CasebookRenderReport) report = make_report (fixture, CASEBOOK_RENDER_REPORT_SUMMARY,
                                                        CASEBOOK_LANG_EN, ids);
  g_autofree char *path = write_pdf (fixture, report, "en.pdf", CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT);
  g_autoptr(PopplerDocument) doc = open_pdf (path);
  g_autofree char *text = document_text (doc);
  g_autofree char *squeezed = squeeze (text);
  g_autofree char *title = poppler_document_get_title (doc);
  g_autofree char *author = poppler_document_get_author (doc);

  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, casebook_render_report_get_n_pages (report));
  g_assert_cmpint (poppler_document_get_n_pages (doc), >=, 1);

  g_assert_cmpstr (title, ==, "Virtualization at a large bank");
  g_assert_cmpstr (author, ==, "Casebook");

  /* The title, the sector, and what the case is made of. */
  assert_says (squeezed, "Virtualization at a large bank");
  assert_says (squeezed, "FINANCE · BANKING");
  assert_says (squeezed, "A large state-owned bank");
  assert_says (squeezed, ">50,000");
  assert_says (squeezed, "VMware vSphere");
  assert_says (squeezed, "Infrastructure virtualization");
  /* The outcome chart's figures, as casebook_format_outcome () gives them. */
  assert_says (squeezed, "30% → 80%");
  assert_says (squeezed, "99.99%");
  assert_says (squeezed, "−40%");
  assert_says (squeezed, "Server utilization rose from 30% to 80%");
  /* A challenge and its solution, a lesson, the source. */
  assert_says (squeezed, "Compliance");
  assert_says (squeezed, "Meet the regulatory requirements of the financial industry");
  assert_says (squeezed, "Deploy a zero-trust security architecture");
  assert_says (squeezed, "A phased rollout helps reduce risk and ensure success");
  assert_says (squeezed, "Enterprise Case Studies of Virtualization and Containerization, 2025, section 2.1");
}

/* Outcomes of three units (multiples, a change and a level) are three
 * charts, each with its own one scale, never bars of three scales side by
 * side in one chart. */
static void
test_summary_one_scale_per_chart (Fixture       *fixture,
                                  gconstpointer  data)
{
  const char *ids[] = { "report-2.2", NULL };
  g_autoptr(CasebookRenderReport) report = make_report (fixture, CASEBOOK_RENDER_REPORT_SUMMARY,
                                                        CASEBOOK_LANG_EN, ids);
  g_autofree char *path = write_pdf (fixture, report, "scales.pdf", CASEBOOK_RENDER_A4_WIDTH,
                                     CASEBOOK_RENDER_A4_HEIGHT);
  g_autoptr(PopplerDocument) doc = open_pdf (path);
  g_autofree char *text = document_text (doc);
  g_autofree char *squeezed = squeeze (text);
  static const char * const scales[] = { "Scale:multiplesfrom1×", "Scale:changesfromthezeroline",
                                         "Scale:levelsonascale" };

  g_assert_null (strstr (squeezed, "Scales:"));
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      const char *found = strstr (squeezed, scales[i]);

      if (found == NULL)
        g_error ("The PDF has no chart on the scale “%s”", scales[i]);
      g_assert_null (strstr (found + 1, scales[i]));
    }
  g_assert_null (strstr (squeezed, ";changesfrom"));
}

/* The person's note ------------------------------------------------------------ */

static gboolean
has_line (const char *text,
          const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_equal (g_strstrip (lines[i]), line))
      return TRUE;

  return FALSE;
}

/* The summary shows the person's note under a heading of its own, its
 * paragraphs and line breaks as written and its characters as typed, in
 * either language; a case without a note has no such heading. */
static void
check_personal_note (Fixture      *fixture,
                     CasebookLang  lang,
                     const char   *heading)
{
  static const char note[] = "Shortlisted for the platform review.\nAsk their CIO about licences & <support>.\n\n"
                             "第二段：与我们的试点对比。";
  const char *ids[] = { "report-2.1", NULL };
  const char *plain_ids[] = { "report-8.1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookRenderReport) report = NULL;
  g_autoptr(CasebookRenderReport) plain = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerDocument) plain_doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *plain_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *plain_text = NULL;
  const char *at_heading, *at_first, *at_second, *at_third;

  g_assert_true (casebook_store_set_note (fixture->store, "report-2.1", note, &error));
  g_assert_no_error (error);

  report = make_report (fixture, CASEBOOK_RENDER_REPORT_SUMMARY, lang, ids);
  path = write_pdf (fixture, report, "note.pdf", CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT);
  doc = open_pdf (path);
  text = document_text (doc);

  g_assert_true (has_line (text, heading));
  /* Each line of the note is a line of the page, in order, after the
   * heading. */
  g_assert_true (has_line (text, "Shortlisted for the platform review."));
  g_assert_true (has_line (text, "Ask their CIO about licences & <support>."));
  g_assert_true (has_line (text, "第二段：与我们的试点对比。"));
  at_heading = strstr (text, heading);
  at_first = strstr (text, "Shortlisted for the platform review.");
  at_second = strstr (text, "Ask their CIO");
  at_third = strstr (text, "第二段");
  g_assert_true (at_heading < at_first && at_first < at_second && at_second < at_third);

  plain = make_report (fixture, CASEBOOK_RENDER_REPORT_SUMMARY, lang, plain_ids);
  plain_path = write_pdf (fixture, plain, "plain.pdf", CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT);
  plain_doc = open_pdf (plain_path);
  plain_text = document_text (plain_doc);
  g_assert_false (has_line (plain_text, heading));
}

static void
test_personal_note_english (Fixture       *fixture,
                            gconstpointer  data)
{
  check_personal_note (fixture, CASEBOOK_LANG_EN, "Note");
}

static void
test_personal_note_chinese (Fixture       *fixture,
                            gconstpointer  data)
{
  check_personal_note (fixture, CASEBOOK_LANG_ZH, "笔记");
}

/* Names with markup characters ------------------------------------------- */

/* A sector named "Banking & <Insurance>" and a subsector "R&D": the
 * English summary prints the sector line in capitals, which once turned
 * the escaped "&amp;" into "&AMP;", an entity Pango does not know, and
 * lost the whole line (with a warning, which g_test_init() makes fatal). */
static void
import_markup_names (Fixture *fixture)
{
  static const char json[] =
    "{\"format\": \"casebook\", \"version\": 1,"
    " \"sectors\": [{\"key\": \"bank-ins\","
    "   \"name\": {\"zh\": \"银行 & <保险>\", \"en\": \"Banking & <Insurance>\"}}],"
    " \"cases\": [{\"id\": \"markup-1\", \"kind\": \"success\", \"sector\": \"bank-ins\","
    "   \"subsector\": {\"zh\": \"研发&<测试>\", \"en\": \"R&D\"},"
    "   \"title\": {\"zh\": \"标记测试\", \"en\": \"Markup test\"},"
    "   \"organization\": {\"zh\": \"一家公司\", \"en\": \"A company\"},"
    "   \"source\": {\"url\": \"https://example.org/markup\"}}]}";
  g_autoptr(GError) error = NULL;
  CasebookImportResult result = { 0 };

  g_assert_true (_casebook_store_import_data (fixture->store, json, strlen (json), "markup.json",
                                              CASEBOOK_IMPORT_SKIP, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 1);
}

static void
test_markup_names (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *ids[] = { "markup-1", NULL };
  struct { CasebookLang lang; const char *name; const char *line; } langs[] = {
    { CASEBOOK_LANG_EN, "en.pdf", "BANKING & <INSURANCE> · R&D" },
    { CASEBOOK_LANG_ZH, "zh.pdf", "银行 & <保险>" },
  };

  import_markup_names (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(CasebookRenderReport) report = make_report (fixture, CASEBOOK_RENDER_REPORT_SUMMARY,
                                                            langs[i].lang, ids);
      g_autofree char *path = write_pdf (fixture, report, langs[i].name,
                                         CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT);
      g_autoptr(PopplerDocument) doc = open_pdf (path);
      g_autofree char *text = document_text (doc);
      g_autofree char *squeezed = squeeze (text);

      assert_says (squeezed, langs[i].line);
      if (langs[i].lang == CASEBOOK_LANG_ZH)
        assert_says (squeezed, "研发&<测试>");
    }

  /* A collection names the sector in its comparison too. */
  {
    g_autoptr(CasebookRenderReport) report = make_report (fixture, CASEBOOK_RENDER_REPORT_COLLECTION,
                                                          CASEBOOK_LANG_EN, NULL);
    g_autofree char *path = write_pdf (fixture, report, "all.pdf",
                                       CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT);
    g_autoptr(PopplerDocument) doc = open_pdf (path);
    g_autofree char *text = document_text (doc);
    g_autofree char *squeezed = squeeze (text);

    assert_says (squeezed, "BANKING & <INSURANCE> · R&D");
    assert_says (squeezed, "Banking & <Insurance>");
  }
}

static gboolean
have_font_family (const char *name)
{
  PangoFontFamily **families = NULL;
  int n = 0;
  gboolean found = FALSE;

  pango_font_map_list_families (pango_cairo_font_map_get_default (), &families, &n);
  for (int i = 0; i < n && !found; i++)
    found = g_strcmp0 (pango_font_family_get_name (families[i]), name) == 0;
  g_free (families);

  return found;
}

static void
test_summary_chinese (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *ids[] = { "report-2.1", NULL };
  g_autoptr(CasebookRenderReport) report = make_report (fixture, CASEBOOK_RENDER_REPORT_SUMMARY,
                                                        CASEBOOK_LANG_ZH, ids);
  g_autofree char *path = write_pdf (fixture, report, "zh.pdf", CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT);
  g_autoptr(PopplerDocument) doc = open_pdf (path);
  g_autofree char *text = document_text (doc);
  g_autofree char *squeezed = squeeze (text);
  g_autofree char *title = poppler_document_get_title (doc);
  g_autoptr(PopplerFontInfo) info = poppler_font_info_new (doc);
  PopplerFontsIter *iter = NULL;
  gboolean simplified = FALSE, japanese = FALSE;
  guint n_fonts = 0;

  g_assert_cmpstr (title, ==, "大型银行虚拟化案例");

  assert_says (squeezed, "大型银行虚拟化案例");
  assert_says (squeezed, "某大型国有银行");
  assert_says (squeezed, "30% → 80%");
  assert_says (squeezed, "99.99%");
  assert_says (squeezed, "服务器利用率从30%提升到80%");
  assert_says (squeezed, "实现99.99%的系统可用性");
  assert_says (squeezed, "建立符合金融行业标准的虚拟化架构");
  assert_says (squeezed, "《2025年虚拟化容器化技术企业级案例研究》第 2.1 节");
  g_assert_null (strstr (squeezed, "Virtualization at a large bank"));

  /* Every font is in the file, and the Chinese glyphs are the Simplified
   * Chinese ones. */
  while (poppler_font_info_scan (info, 20, &iter))
    {
      if (iter == NULL)
        break;
      do
        {
          const char *name = poppler_fonts_iter_get_name (iter);

          n_fonts++;
          if (!poppler_fonts_iter_is_embedded (iter))
            g_error ("The font %s is not embedded", name);
          /* The Simplified Chinese face of Noto Sans CJK, the font the
           * Flatpak bundles and Debian's fonts-noto-cjk installs. */
          simplified |= name != NULL && strstr (name, "NotoSansCJKsc-") != NULL;
          japanese |= name != NULL && strstr (name, "CJKjp") != NULL;
        }
      while (poppler_fonts_iter_next (iter));
      g_clear_pointer (&iter, poppler_fonts_iter_free);
    }
  g_clear_pointer (&iter, poppler_fonts_iter_free);

  g_assert_cmpuint (n_fonts, >, 0);
  g_assert_false (japanese);
  if (have_font_family ("Noto Sans CJK SC"))
    g_assert_true (simplified);
  else
    g_test_message ("Noto Sans CJK SC is not installed: which CJK font was used is not checked");
}

static void
test_fonts_embedded (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CasebookRenderReport) report = make_report (fixture, CASEBOOK_RENDER_REPORT_COLLECTION,
                                                        CASEBOOK_LANG_EN, NULL);
  g_autofree char *path = write_pdf (fixture, report, "all.pdf", CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT);
  g_autoptr(PopplerDocument) doc = open_pdf (path);
  g_autoptr(PopplerFontInfo) info = poppler_font_info_new (doc);
  PopplerFontsIter *iter = NULL;
  guint n_fonts = 0;

  while (poppler_font_info_scan (info, 100, &iter))
    {
      if (iter == NULL)
        break;
      do
        {
          n_fonts++;
          if (!poppler_fonts_iter_is_embedded (iter))
            g_error ("The font %s is not embedded", poppler_fonts_iter_get_name (iter));
        }
      while (poppler_fonts_iter_next (iter));
      g_clear_pointer (&iter, poppler_fonts_iter_free);
    }

  g_assert_cmpuint (n_fonts, >, 0);
}

/* Pages ------------------------------------------------------------------------ */

static void
check_page_numbers (Fixture      *fixture,
                    CasebookLang  lang)
{
  g_autoptr(CasebookRenderReport) report = make_report (fixture, CASEBOOK_RENDER_REPORT_COLLECTION, lang, NULL);
  g_autofree char *path = write_pdf (fixture, report, lang == CASEBOOK_LANG_ZH ? "zh-all.pdf" : "en-all.pdf",
                                     CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT);
  g_autoptr(PopplerDocument) doc = open_pdf (path);
  g_autoptr(GRegex) footer = g_regex_new (lang == CASEBOOK_LANG_ZH ? "第(\\d+)页，共(\\d+)页" : "Page(\\d+)of(\\d+)",
                                          0, 0, NULL);
  int n = poppler_document_get_n_pages (doc);

  /* A cover, contents, 14 cases of at least a page each, a comparison. */
  g_assert_cmpint (n, ==, casebook_render_report_get_n_pages (report));
  g_assert_cmpint (n, >=, 2 + 14 + 1);

  for (int i = 0; i < n; i++)
    {
      g_autofree char *text = page_text (doc, i);
      g_autofree char *squeezed = squeeze (text);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *page = NULL;
      g_autofree char *of = NULL;

      /* Exactly one footer, and it names this page and the page count. */
      if (!g_regex_match (footer, squeezed, 0, &match))
        g_error ("Page %d has no page number", i + 1);
      page = g_match_info_fetch (match, 1);
      of = g_match_info_fetch (match, 2);
      g_assert_cmpint (atoi (page), ==, i + 1);
      g_assert_cmpint (atoi (of), ==, n);
      g_assert_false (g_match_info_next (match, NULL));

      /* And the date it was made. */
      assert_says (squeezed, lang == CASEBOOK_LANG_ZH ? "2025年6月1日" : "1 June 2025");
    }
}

static void
test_page_numbers_english (Fixture       *fixture,
                           gconstpointer  data)
{
  check_page_numbers (fixture, CASEBOOK_LANG_EN);
}

static void
test_page_numbers_chinese (Fixture       *fixture,
                           gconstpointer  data)
{
  check_page_numbers (fixture, CASEBOOK_LANG_ZH);
}

/* The number printed on the same line as @needle, right of it: in the
 * contents, the page of an entry. Reading order cannot tell (poppler may
 * read a right-aligned number after the footer), but where each character
 * is drawn can. Returns -1 if there is none. */
static int
number_on_line (PopplerDocument *doc,
                int              index,
                const char      *needle)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, index);
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *boxes = NULL;
  g_autoptr(GString) digits = g_string_new (NULL);
  const PopplerRectangle *last;
  const char *found = strstr (text, needle);
  guint n_boxes = 0;
  glong end;

  if (found == NULL || !poppler_page_get_text_layout (page, &boxes, &n_boxes))
    return -1;

  /* The layout has a box for each character of the text, in order. */
  end = g_utf8_pointer_to_offset (text, found) + g_utf8_strlen (needle, -1);
  g_assert_cmpint (end, <=, n_boxes);
  last = &boxes[end - 1];

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      glong k = g_utf8_pointer_to_offset (text, p);
      double middle;

      if (k >= (glong) n_boxes || !g_ascii_isdigit (*p))
        continue;

      middle = (boxes[k].y1 + boxes[k].y2) / 2;
      if (boxes[k].x1 > last->x2 && middle > last->y1 && middle < last->y2)
        g_string_append_c (digits, *p);
    }

  return digits->len > 0 ? atoi (digits->str) : -1;
}

static void
test_collection (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CasebookRenderReport) report = make_report (fixture, CASEBOOK_RENDER_REPORT_COLLECTION,
                                                        CASEBOOK_LANG_EN, NULL);
  g_autofree char *path = write_pdf (fixture, report, "all.pdf", CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT);
  g_autoptr(PopplerDocument) doc = open_pdf (path);
  g_autoptr(CasebookDocument) store_doc = casebook_store_export (fixture->store, NULL);
  GPtrArray *cases = casebook_document_get_cases (store_doc);
  g_autofree char *cover = page_text (doc, 0);
  g_autofree char *cover_squeezed = squeeze (cover);
  g_autofree char *contents = page_text (doc, 1);
  g_autoptr(PopplerIndexIter) index = poppler_index_iter_new (doc);
  guint previous = 1, n_outline = 0;

  g_assert_cmpuint (_casebook_render_report_get_n_cases (report), ==, cases->len);

  /* The cover. */
  assert_says (cover_squeezed, "Case summaries");
  assert_says (cover_squeezed, "14 cases from 4 sectors");
  assert_says (cover_squeezed, "11 success stories and 3 failures");

  /* Each case starts on a page of its own, which the contents name, and
   * which holds no other case's title. */
  g_assert_true (g_str_has_prefix (g_strstrip (contents), "Contents"));
  for (guint i = 0; i < cases->len; i++)
    {
      const char *title = casebook_text_get (casebook_case_get_title (g_ptr_array_index (cases, i)),
                                             CASEBOOK_LANG_EN);
      guint page = _casebook_render_report_get_case_page (report, i);
      g_autofree char *text = page_text (doc, page);
      g_autofree char *squeezed = squeeze (text);
      g_autofree char *squeezed_title = squeeze (title);

      g_assert_cmpuint (page, >, previous);
      previous = page;

      if (strstr (contents, title) == NULL)
        g_error ("The contents do not list “%s”", title);
      g_assert_cmpint (number_on_line (doc, 1, title), ==, page + 1);

      g_assert_nonnull (strstr (squeezed, squeezed_title));
      for (guint j = 0; j < cases->len; j++)
        {
          g_autofree char *other = squeeze (casebook_text_get (casebook_case_get_title (g_ptr_array_index (cases, j)),
                                                               CASEBOOK_LANG_EN));

          if (j != i && strstr (squeezed_title, other) == NULL)
            g_assert_null (strstr (squeezed, other));
        }
    }

  /* The comparison comes last, on the page the contents give. */
  {
    int page = number_on_line (doc, 1, "Sector comparison");
    g_autofree char *text = NULL;

    g_assert_cmpint (page, >, (int) previous + 1);
    text = page_text (doc, page - 1);
    g_assert_true (g_str_has_prefix (g_strstrip (text), "Sector comparison"));
    g_assert_nonnull (strstr (text, "Cost"));
  }

  /* The outline: the contents, each case, the comparison. */
  g_assert_nonnull (index);
  do
    n_outline++;
  while (poppler_index_iter_next (index));
  g_assert_cmpuint (n_outline, ==, cases->len + 2);
}

/* The contents' entries link to the pages they name, and the file is
 * whole: cairo 1.16 left the links without destinations and the
 * cross-reference table naming an object it never wrote. */
static void
test_collection_links (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CasebookRenderReport) report = make_report (fixture, CASEBOOK_RENDER_REPORT_COLLECTION,
                                                        CASEBOOK_LANG_EN, NULL);
  g_autofree char *path = write_pdf (fixture, report, "links.pdf", CASEBOOK_RENDER_A4_WIDTH,
                                     CASEBOOK_RENDER_A4_HEIGHT);
  g_autoptr(PopplerDocument) doc = open_pdf (path);
  g_autoptr(PopplerPage) contents = poppler_document_get_page (doc, 1);
  GList *mappings = poppler_page_get_link_mapping (contents);
  g_autoptr(GHashTable) targets = g_hash_table_new (NULL, NULL);
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");

  for (GList *l = mappings; l != NULL; l = l->next)
    {
      PopplerLinkMapping *mapping = l->data;
      PopplerActionGotoDest *go = &mapping->action->goto_dest;

      PopplerDest *dest;

      g_assert_cmpint (mapping->action->type, ==, POPPLER_ACTION_GOTO_DEST);
      g_assert_nonnull (go->dest);
      dest = go->dest->type == POPPLER_DEST_NAMED ? poppler_document_find_dest (doc, go->dest->named_dest)
                                                  : poppler_dest_copy (go->dest);
      g_assert_nonnull (dest);
      g_hash_table_add (targets, GINT_TO_POINTER (dest->page_num));
      poppler_dest_free (dest);
    }
  poppler_page_free_link_mapping (mappings);

  /* One for each case and one for the comparison, each to a page of its
   * own. */
  g_assert_cmpuint (g_hash_table_size (targets), ==, _casebook_render_report_get_n_cases (report) + 1);
  for (guint i = 0; i < _casebook_render_report_get_n_cases (report); i++)
    g_assert_true (g_hash_table_contains (targets,
                                          GINT_TO_POINTER (_casebook_render_report_get_case_page (report, i) + 1)));

  if (qpdf != NULL)
    {
      const char *argv[] = { qpdf, "--check", path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL) || strstr (out, "WARNING") != NULL || err[0] != '\0')
        g_error ("qpdf --check %s:\n%s%s", path, out, err);
    }
  else
    g_test_message ("qpdf is not installed: the PDF's structure is not checked");
}

/* The same case alone and in a collection takes the same pages. */
static void
test_collection_pages (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CasebookRenderReport) all = make_report (fixture, CASEBOOK_RENDER_REPORT_COLLECTION,
                                                     CASEBOOK_LANG_EN, NULL);
  guint n = casebook_render_report_paginate (all, CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT);
  g_autoptr(CasebookDocument) store_doc = casebook_store_export (fixture->store, NULL);
  GPtrArray *cases = casebook_document_get_cases (store_doc);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < cases->len; i++)
    {
      const char *ids[] = { casebook_case_get_id (g_ptr_array_index (cases, i)), NULL };
      g_autoptr(CasebookRenderReport) one = make_report (fixture, CASEBOOK_RENDER_REPORT_SUMMARY,
                                                         CASEBOOK_LANG_EN, ids);
      guint pages = casebook_render_report_paginate (one, CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT);
      guint next = i + 1 < cases->len ? _casebook_render_report_get_case_page (all, i + 1) : G_MAXUINT;

      g_assert_cmpuint (pages, >=, 1);
      if (next != G_MAXUINT)
        g_assert_cmpuint (next - _casebook_render_report_get_case_page (all, i), ==, pages);
      g_assert_cmpuint (_casebook_render_report_get_case_page (one, 0), ==, 0);
    }
}

/* Every glyph of every page lies inside the paper with room to spare. */
static void
assert_inside_margins (PopplerDocument *doc,
                       double           width,
                       double           height)
{
  const double margin = 15 * 72 / 25.4;

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      PopplerRectangle *boxes = NULL;
      guint n_boxes = 0;
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat (fabs (w - width), <, 0.01);
      g_assert_cmpfloat (fabs (h - height), <, 0.01);

      g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));
      g_assert_cmpuint (n_boxes, >, 0);
      for (guint b = 0; b < n_boxes; b++)
        {
          if (boxes[b].x1 < margin || boxes[b].x2 > width - margin ||
              boxes[b].y1 < margin * 0.6 || boxes[b].y2 > height - margin * 0.6)
            g_error ("Page %d has text at %.1f,%.1f–%.1f,%.1f, outside its margins",
                     i + 1, boxes[b].x1, boxes[b].y1, boxes[b].x2, boxes[b].y2);
        }
      g_free (boxes);
    }
}

static void
test_paper_sizes (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CasebookRenderReport) a4 = make_report (fixture, CASEBOOK_RENDER_REPORT_COLLECTION,
                                                    CASEBOOK_LANG_EN, NULL);
  g_autoptr(CasebookRenderReport) letter = make_report (fixture, CASEBOOK_RENDER_REPORT_COLLECTION,
                                                        CASEBOOK_LANG_ZH, NULL);
  g_autofree char *a4_path = write_pdf (fixture, a4, "a4.pdf", CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT);
  g_autofree char *letter_path = write_pdf (fixture, letter, "letter.pdf", CASEBOOK_RENDER_LETTER_WIDTH,
                                            CASEBOOK_RENDER_LETTER_HEIGHT);
  g_autoptr(PopplerDocument) a4_doc = open_pdf (a4_path);
  g_autoptr(PopplerDocument) letter_doc = open_pdf (letter_path);

  assert_inside_margins (a4_doc, 595.2756, 841.8898);
  assert_inside_margins (letter_doc, 612, 792);

  /* Landscape works too. */
  {
    g_autofree char *path = write_pdf (fixture, a4, "landscape.pdf", CASEBOOK_RENDER_A4_HEIGHT,
                                       CASEBOOK_RENDER_A4_WIDTH);
    g_autoptr(PopplerDocument) doc = open_pdf (path);

    assert_inside_margins (doc, 841.8898, 595.2756);
  }

  /* A sheet too small for a report is refused. */
  g_assert_cmpuint (casebook_render_report_paginate (a4, 100, 100), ==, 0);
}

/* A very long case -------------------------------------------------------------- */

static char *
long_text (CasebookLang lang)
{
  static const char * const en[] = { "kappa", "cluster", "migrate", "ledger", "rollout", "gateway", "tenant" };
  static const char * const zh[] = { "容器平台迁移", "数据同步", "服务网格治理", "边缘节点部署", "镜像仓库扩容" };
  GString *out = g_string_new (NULL);

  for (guint i = 0; g_utf8_strlen (out->str, -1) < 20000; i++)
    {
      if (lang == CASEBOOK_LANG_ZH)
        g_string_append_printf (out, "%s%u号，", zh[i % G_N_ELEMENTS (zh)], i);
      else
        g_string_append_printf (out, "%s%u ", en[i % G_N_ELEMENTS (en)], i);
    }

  /* Exactly 20,000 characters. */
  g_string_truncate (out, g_utf8_offset_to_pointer (out->str, 20000) - out->str);
  return g_string_free (out, FALSE);
}

static CasebookCase *
long_case (const char *zh,
           const char *en)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *members = NULL;
  g_autofree char *json = NULL;
  CasebookCase *c;

  /* The challenge, escaped for JSON by json-glib. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "zh");
  json_builder_add_string_value (builder, "超长的挑战");
  json_builder_set_member_name (builder, "en");
  json_builder_add_string_value (builder, "A very long challenge");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "zh");
  json_builder_add_string_value (builder, zh);
  json_builder_set_member_name (builder, "en");
  json_builder_add_string_value (builder, en);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  challenge = json_generator_to_data (generator, NULL);
  members = g_strdup_printf (", \"challenges\": [%s]", challenge);
  json = casebook_test_minimal_case ("long-1", members);
  c = casebook_json_case_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

static void
check_long_case (Fixture      *fixture,
                 CasebookLang  lang)
{
  g_autofree char *zh = long_text (CASEBOOK_LANG_ZH);
  g_autofree char *en = long_text (CASEBOOK_LANG_EN);
  g_autoptr(CasebookCase) c = long_case (zh, en);
  g_autoptr(CasebookCase) short_case = get_case (fixture, "report-8.1");
  g_autoptr(CasebookRenderReport) report = casebook_render_report_new (CASEBOOK_RENDER_REPORT_SUMMARY, lang);
  g_autoptr(CasebookRenderReport) short_report = casebook_render_report_new (CASEBOOK_RENDER_REPORT_SUMMARY, lang);
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (EPOCH_2025_06_01);
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *expected = NULL;
  const char *marker = lang == CASEBOOK_LANG_ZH ? "容器平台迁移" : "kappa";
  int n;

  g_assert_cmpint (g_utf8_strlen (lang == CASEBOOK_LANG_ZH ? zh : en, -1), ==, 20000);

  give_material (fixture, report);
  _casebook_render_report_set_date (report, date);
  casebook_render_report_add_case (report, c);
  casebook_render_report_add_case (short_report, short_case);

  path = write_pdf (fixture, report, "long.pdf", CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT);
  doc = open_pdf (path);
  n = poppler_document_get_n_pages (doc);

  /* 20,000 characters in a table cell under half a page wide fill many
   * pages more than a case of one page. */
  g_assert_cmpuint (casebook_render_report_paginate (short_report, CASEBOOK_RENDER_A4_WIDTH,
                                                     CASEBOOK_RENDER_A4_HEIGHT), ==, 1);
  g_assert_cmpint (n, >=, 1 + 5);

  /* Put the pages' text together, less what every page repeats: the
   * running header (title and sector), the table's header and the footer.
   * None of it is in the challenge's text. */
  for (int i = 0; i < n; i++)
    {
      g_autofree char *text = page_text (doc, i);
      g_autofree char *squeezed = squeeze (text);
      g_autoptr(GRegex) footer = g_regex_new (lang == CASEBOOK_LANG_ZH ? "第\\d+页，共\\d+页|2025年6月1日"
                                                                       : "Page\\d+of\\d+|1June2025",
                                              0, 0, NULL);
      g_autofree char *clean = g_regex_replace_literal (footer, squeezed, -1, 0, "", 0, NULL);
      g_autofree char *title = squeeze (lang == CASEBOOK_LANG_ZH ? "测试案例 long-1" : "Test case long-1");
      const char *repeated[] = {
        title,
        lang == CASEBOOK_LANG_ZH ? "金融" : "Finance",
        lang == CASEBOOK_LANG_ZH ? "挑战" : "CHALLENGE",
        lang == CASEBOOK_LANG_ZH ? "解决方案" : "SOLUTION",
      };

      /* The table's header is on every page that holds part of it, and
       * the case's title on every page. */
      if (strstr (squeezed, marker) != NULL)
        {
          g_assert_nonnull (strstr (squeezed, repeated[2]));
          g_assert_nonnull (strstr (squeezed, repeated[3]));
        }
      g_assert_nonnull (strstr (squeezed, title));

      for (guint r = 0; r < G_N_ELEMENTS (repeated); r++)
        {
          g_auto(GStrv) pieces = g_strsplit (clean, repeated[r], -1);

          g_free (clean);
          clean = g_strjoinv ("", pieces);
        }
      g_string_append (body, clean);
    }

  /* Every character of the challenge is there, in order. */
  expected = squeeze (lang == CASEBOOK_LANG_ZH ? zh : en);
  if (strstr (body->str, expected) == NULL)
    {
      gsize i = 0;
      const char *start = strstr (body->str, lang == CASEBOOK_LANG_ZH ? "容器平台迁移0号" : "kappa0");

      g_assert_nonnull (start);
      while (expected[i] != '\0' && start[i] == expected[i])
        i++;
      g_error ("The text of the challenge is lost or changed after %" G_GSIZE_FORMAT " bytes: …%.40s…", i,
               expected + i);
    }
}

static void
test_long_case_english (Fixture       *fixture,
                        gconstpointer  data)
{
  check_long_case (fixture, CASEBOOK_LANG_EN);
}

static void
test_long_case_chinese (Fixture       *fixture,
                        gconstpointer  data)
{
  check_long_case (fixture, CASEBOOK_LANG_ZH);
}

/* Reproducible output ------------------------------------------------------------ */

static char *
write_seed_pdf (Fixture      *fixture,
                const char   *name,
                CasebookLang  lang)
{
  const char *ids[] = { "report-3.2", "report-8.1", NULL };
  g_autoptr(CasebookRenderReport) report = make_report (fixture, CASEBOOK_RENDER_REPORT_COLLECTION, lang, ids);

  return write_pdf (fixture, report, name, CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT);
}

static GBytes *
read_bytes (const char *path)
{
  gsize length = 0;
  char *data = casebook_test_read_file (path, &length);

  return g_bytes_new_take (data, length);
}

/* Two reports of the same cases on the same date are the same bytes,
 * written by two report objects, each with its own fonts. */
static void
test_reproducible (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *first = write_seed_pdf (fixture, "first.pdf", CASEBOOK_LANG_EN);
  g_autofree char *second = write_seed_pdf (fixture, "second.pdf", CASEBOOK_LANG_EN);
  g_autofree char *chinese = write_seed_pdf (fixture, "chinese.pdf", CASEBOOK_LANG_ZH);
  g_autoptr(GBytes) a = read_bytes (first);
  g_autoptr(GBytes) b = read_bytes (second);
  g_autoptr(GBytes) c = read_bytes (chinese);
  g_autoptr(PopplerDocument) doc = open_pdf (first);

  g_assert_true (g_bytes_equal (a, b));
  g_assert_false (g_bytes_equal (a, c));

  /* The creation date is the report's, not the time of writing. */
  g_assert_cmpint (poppler_document_get_creation_date (doc), ==, EPOCH_2025_06_01);
}

/* Errors ------------------------------------------------------------------------- */

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;

  return n;
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  const char *ids[] = { "report-2.1", NULL };
  g_autoptr(CasebookRenderReport) empty = casebook_render_report_new (CASEBOOK_RENDER_REPORT_COLLECTION,
                                                                      CASEBOOK_LANG_EN);
  g_autoptr(CasebookRenderReport) report = make_report (fixture, CASEBOOK_RENDER_REPORT_SUMMARY,
                                                        CASEBOOK_LANG_EN, ids);
  g_autofree char *missing_dir = g_build_filename (fixture->dir, "no-such-folder", NULL);
  g_autofree char *missing = g_build_filename (missing_dir, "x.pdf", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "x.pdf", NULL);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint n_files = count_files (fixture->dir);

  g_assert_false (casebook_render_report_write_pdf (empty, file, CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT,
                                                    NULL, NULL, NULL, &error));
  g_assert_error (error, CASEBOOK_RENDER_REPORT_ERROR, CASEBOOK_RENDER_REPORT_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_false (casebook_render_report_write_pdf (report, file, 150, 150, NULL, NULL, NULL, &error));
  g_assert_error (error, CASEBOOK_RENDER_REPORT_ERROR, CASEBOOK_RENDER_REPORT_ERROR_PAGE_SIZE);
  g_clear_error (&error);

  /* The message says which folder is missing. */
  g_assert_false (casebook_render_report_write_pdf (report, missing_file, CASEBOOK_RENDER_A4_WIDTH,
                                                    CASEBOOK_RENDER_A4_HEIGHT, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing_dir));
  g_clear_error (&error);

  /* Cancelled, nothing is left behind: no PDF, no partial file. */
  g_cancellable_cancel (cancelled);
  g_assert_false (casebook_render_report_write_pdf (report, file, CASEBOOK_RENDER_A4_WIDTH,
                                                    CASEBOOK_RENDER_A4_HEIGHT, NULL, NULL, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_files (fixture->dir), ==, n_files);
}

/* A disk that fills up, fails or goes away at any point of the PDF: the
 * write ends with an error that names the file and the reason, leaves no
 * partial file, and leaves the file that was there as it was. The fault
 * is made in the file writer, so this runs anywhere, without root. */
static void
test_write_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *ids[] = { "report-2.1", NULL };
  const int errors[] = { ENOSPC, EIO, EPIPE, EDQUOT };
  const char old[] = "the PDF written last week\n";
  g_autoptr(CasebookRenderReport) report = make_report (fixture, CASEBOOK_RENDER_REPORT_SUMMARY,
                                                        CASEBOOK_LANG_EN, ids);
  g_autofree char *whole_path = g_build_filename (fixture->dir, "whole.pdf", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "w.pdf", NULL);
  g_autoptr(GFile) whole = g_file_new_for_path (whole_path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize size = 0;

  g_assert_true (casebook_render_report_write_pdf (report, whole, CASEBOOK_RENDER_A4_WIDTH,
                                                   CASEBOOK_RENDER_A4_HEIGHT, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (whole_path, &bytes, &size, NULL));
  g_assert_cmpuint (size, >, 1000);

  for (guint e = 0; e < G_N_ELEMENTS (errors); e++)
    {
      const gsize offsets[] = { 0, 1, size / 2, size - 1 };

      for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
        for (guint existing = 0; existing < 2; existing++)
          {
            g_autofree char *left = NULL;
            guint n_files;

            g_remove (path);
            if (existing)
              g_assert_true (g_file_set_contents (path, old, -1, NULL));
            n_files = count_files (fixture->dir);

            _casebook_file_io_fail_writes_after (offsets[o], errors[e]);
            g_assert_false (casebook_render_report_write_pdf (report, file, CASEBOOK_RENDER_A4_WIDTH,
                                                              CASEBOOK_RENDER_A4_HEIGHT, NULL, NULL, NULL, &error));
            _casebook_file_io_fail_writes_after (0, 0);

            g_assert_nonnull (error);
            g_assert_true (error->domain == G_IO_ERROR);
            g_assert_cmpint (error->code, ==, g_io_error_from_errno (errors[e]));
            if (errors[e] == ENOSPC)
              g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
            g_assert_nonnull (strstr (error->message, path));
            g_assert_nonnull (strstr (error->message, g_strerror (errors[e])));
            g_clear_error (&error);

            /* Nothing new beside it, and the old file whole. */
            g_assert_cmpuint (count_files (fixture->dir), ==, n_files);
            if (existing)
              {
                g_assert_true (g_file_get_contents (path, &left, NULL, NULL));
                g_assert_cmpstr (left, ==, old);
              }
            else
              g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
          }
    }

  /* With the disk working again, the same call writes the same file. */
  g_assert_true (casebook_render_report_write_pdf (report, file, CASEBOOK_RENDER_A4_WIDTH,
                                                   CASEBOOK_RENDER_A4_HEIGHT, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *again = NULL;
    gsize again_size = 0;

    g_assert_true (g_file_get_contents (path, &again, &again_size, NULL));
    g_assert_cmpmem (again, again_size, bytes, size);
  }
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  GArray *steps = user_data;

  g_array_append_val (steps, fraction);
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CasebookRenderReport) report = make_report (fixture, CASEBOOK_RENDER_REPORT_COLLECTION,
                                                        CASEBOOK_LANG_EN, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "p.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  g_assert_true (casebook_render_report_write_pdf (report, file, CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT,
                                                   record_progress, steps, NULL, &error));
  g_assert_no_error (error);

  /* It only goes forward, and ends done. */
  g_assert_cmpuint (steps->len, >, 14);
  for (guint i = 1; i < steps->len; i++)
    g_assert_cmpfloat (g_array_index (steps, double, i), >=, g_array_index (steps, double, i - 1));
  g_assert_cmpfloat (g_array_index (steps, double, steps->len - 1), ==, 1.0);
}

/* The outcome chart ---------------------------------------------------------------- */

static void
test_outcome_chart (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CasebookCase) c = get_case (fixture, "report-2.1");
  GPtrArray *outcomes = casebook_case_get_outcomes (c);
  CasebookRenderTheme theme;
  g_autoptr(CasebookRenderOutcomes) chart = NULL;
  g_autofree char *scales = NULL;
  guint n_numeric = 0;
  cairo_surface_t *surface;
  cairo_t *cr;
  double height;

  casebook_render_theme_init_default (&theme);
  chart = casebook_render_outcomes_new (&theme, CASEBOOK_LANG_EN);

  for (guint i = 0; i < outcomes->len; i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (outcomes, i);

      /* A qualitative outcome has no bar. */
      g_assert_cmpint (casebook_render_outcomes_add (chart, outcome->metric, NULL, outcome), ==, outcome->has_value);
      n_numeric += outcome->has_value;
    }
  g_assert_cmpuint (n_numeric, ==, 3);
  g_assert_cmpuint (casebook_render_outcomes_get_n_rows (chart), ==, n_numeric);

  /* Utilization 30% → 80% and availability 99.99% are levels on 0–100%;
   * the −40% cost change gives a scale down to −50%. */
  scales = casebook_render_outcomes_describe_scales (chart);
  g_assert_nonnull (strstr (scales, "0%–100%"));
  g_assert_nonnull (strstr (scales, "−50% to 0%"));
  g_assert_null (strstr (scales, "×"));
  g_assert_nonnull (strstr (scales, "grey band"));

  height = casebook_render_outcomes_layout (chart, NULL, 400);
  g_assert_cmpfloat (height, >, 0);
  {
    double sum = 0;

    for (guint i = 0; i < n_numeric; i++)
      sum += casebook_render_outcomes_get_row_height (chart, i);
    g_assert_cmpfloat (fabs (sum - height), <, 0.001);
  }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, (int) ceil (height));
  cr = cairo_create (surface);
  casebook_render_outcomes_draw (chart, cr, 0, n_numeric);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The command line ------------------------------------------------------------------- */

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

/* The real binary, without a display, with @epoch (if not NULL) as
 * SOURCE_DATE_EPOCH. */
static void
run_casebook_at (Run        *run,
                 const char *epoch,
                 const char *db,
                 va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *bin = g_getenv ("CASEBOOK_BIN");
  const char *arg;
  int wait_status = 0;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, g_strdup (bin));
  g_ptr_array_add (argv, g_strdup_printf ("--db=%s", db));
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  g_ptr_array_add (argv, NULL);

  if (epoch != NULL)
    envp = g_environ_setenv (envp, "SOURCE_DATE_EPOCH", epoch, TRUE);
  else
    envp = g_environ_unsetenv (envp, "SOURCE_DATE_EPOCH");
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
run_casebook (Run        *run,
              const char *db,
              ...)
{
  va_list args;

  va_start (args, db);
  run_casebook_at (run, NULL, db, args);
  va_end (args);
}

static void
run_casebook_with_epoch (Run        *run,
                         const char *epoch,
                         const char *db,
                         ...)
{
  va_list args;

  va_start (args, db);
  run_casebook_at (run, epoch, db, args);
  va_end (args);
}

/* SOURCE_DATE_EPOCH makes the output the same, byte for byte, run after
 * run; a value that is not a time is refused, and spoils nothing. */
static void
test_cli_source_date_epoch (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *first = g_build_filename (dir, "first.pdf", NULL);
  g_autofree char *second = g_build_filename (dir, "second.pdf", NULL);
  g_autofree char *first_arg = g_strdup_printf ("--export-pdf=%s", first);
  g_autofree char *second_arg = g_strdup_printf ("--export-pdf=%s", second);
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  Run run = { 0 };

  run_casebook_with_epoch (&run, "1748736000", db, "--lang=zh", first_arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_casebook_with_epoch (&run, "1748736000", db, "--lang=zh", second_arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  a = read_bytes (first);
  b = read_bytes (second);
  g_assert_true (g_bytes_equal (a, b));
  {
    g_autoptr(PopplerDocument) doc = open_pdf (first);
    g_autofree char *text = page_text (doc, 0);
    g_autofree char *squeezed = squeeze (text);

    g_assert_cmpint (poppler_document_get_creation_date (doc), ==, EPOCH_2025_06_01);
    assert_says (squeezed, "2025年6月1日");
  }

  /* Not a time: a clear error, and the file that was there stays. */
  run_casebook_with_epoch (&run, "yesterday", db, first_arg, "--case=report-2.1", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "SOURCE_DATE_EPOCH"));
  g_assert_nonnull (strstr (run.err, "yesterday"));
  run_clear (&run);
  {
    g_autoptr(GBytes) after = read_bytes (first);

    g_assert_true (g_bytes_equal (a, after));
  }

  casebook_test_rmdir (dir);
}

static gboolean
run_tool (const char * const *argv)
{
  int wait_status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &wait_status, NULL))
    return FALSE;
  return WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0;
}

/* Fills the file system at @dir: writes until the disk says it is full. */
static void
fill_disk (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "filler", NULL);
  char block[4096] = { 0 };
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, sizeof block) > 0)
    ;
  /* Then the last bytes, one at a time. */
  while (write (fd, block, 1) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
}

/* The crash that was seen: the real binary writing a one-case PDF onto a
 * full disk, a real one (a tiny tmpfs, so this needs root). */
static void
test_cli_full_disk (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *mnt = g_build_filename (dir, "full", NULL);
  g_autofree char *kept = g_build_filename (mnt, "kept.pdf", NULL);
  g_autofree char *fresh = g_build_filename (mnt, "new.pdf", NULL);
  g_autofree char *kept_arg = g_strdup_printf ("--export-pdf=%s", kept);
  g_autofree char *fresh_arg = g_strdup_printf ("--export-pdf=%s", fresh);
  const char *mount_argv[] = { "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt, NULL };
  const char *umount_argv[] = { "umount", mnt, NULL };
  const char old[] = "the PDF written last week\n";
  Run run = { 0 };

  if (geteuid () != 0)
    {
      g_test_skip ("Mounting a small tmpfs needs root");
      casebook_test_rmdir (dir);
      return;
    }

  g_assert_cmpint (g_mkdir (mnt, 0755), ==, 0);
  if (!run_tool (mount_argv))
    {
      g_test_skip ("Could not mount a tmpfs (no permission in this container?)");
      casebook_test_rmdir (dir);
      return;
    }

  g_assert_true (g_file_set_contents (kept, old, -1, NULL));
  fill_disk (mnt);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GDir) d = NULL;
      const char *name;
      guint n = 0;

      run_casebook (&run, db, i == 0 ? fresh_arg : kept_arg, "--case=report-2.1", NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "Could not write “"));
      g_assert_nonnull (strstr (run.err, i == 0 ? fresh : kept));
      g_assert_cmpstr (run.out, ==, "");
      run_clear (&run);

      /* Only the filler and the old file: no partial file, no new one. */
      d = g_dir_open (mnt, 0, NULL);
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_assert_true (g_str_equal (name, "filler") || g_str_equal (name, "kept.pdf"));
          n++;
        }
      g_assert_cmpuint (n, ==, 2);
    }

  {
    g_autofree char *left = NULL;

    g_assert_true (g_file_get_contents (kept, &left, NULL, NULL));
    g_assert_cmpstr (left, ==, old);
  }

  g_assert_true (run_tool (umount_argv));
  casebook_test_rmdir (dir);
}

static void
test_cli_export (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *one = g_build_filename (dir, "one.pdf", NULL);
  g_autofree char *all = g_build_filename (dir, "all.pdf", NULL);
  g_autofree char *letter = g_build_filename (dir, "letter.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.pdf", NULL);
  g_autofree char *one_arg = g_strdup_printf ("--export-pdf=%s", one);
  g_autofree char *all_arg = g_strdup_printf ("--export-pdf=%s", all);
  g_autofree char *letter_arg = g_strdup_printf ("--export-pdf=%s", letter);
  g_autofree char *bad_arg = g_strdup_printf ("--export-pdf=%s", bad);
  Run run = { 0 };

  /* One case, in Chinese: its summary. */
  run_casebook (&run, db, "--lang=zh", one_arg, "--case=report-8.1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, one));
  run_clear (&run);
  {
    g_autoptr(PopplerDocument) doc = open_pdf (one);
    g_autofree char *text = document_text (doc);
    g_autofree char *squeezed = squeeze (text);

    g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
    assert_says (squeezed, "技术选型失败案例");
    assert_says (squeezed, "选择了不成熟的开源虚拟化技术");
    g_assert_null (strstr (squeezed, "Technology selection failure"));
  }

  /* Every case: a collection, with its cover and contents. */
  run_casebook (&run, db, all_arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  {
    g_autoptr(PopplerDocument) doc = open_pdf (all);
    g_autofree char *cover = page_text (doc, 0);
    g_autofree char *contents = page_text (doc, 1);

    g_assert_cmpint (poppler_document_get_n_pages (doc), >=, 2 + 14 + 1);
    g_assert_nonnull (strstr (cover, "Case summaries"));
    g_assert_nonnull (strstr (contents, "Virtualization at a large bank"));
    g_assert_nonnull (strstr (contents, "Business integration failure"));
  }

  /* Two cases on Letter paper, the order given. */
  run_casebook (&run, db, letter_arg, "--case=report-4.2", "--case=report-2.1", "--paper=letter", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  {
    g_autoptr(PopplerDocument) doc = open_pdf (letter);
    g_autoptr(PopplerPage) page = poppler_document_get_page (doc, 0);
    g_autofree char *contents = page_text (doc, 1);
    double w, h;

    poppler_page_get_size (page, &w, &h);
    g_assert_cmpfloat (w, ==, 612);
    g_assert_cmpfloat (h, ==, 792);
    g_assert_true (strstr (contents, "WebAssembly at a social media platform") <
                   strstr (contents, "Virtualization at a large bank"));
  }

  /* Unknown ids: all of them named, and nothing written. */
  run_casebook (&run, db, bad_arg, "--case=report-2.1", "--case=no-such-case", "--case=report-99", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no-such-case"));
  g_assert_nonnull (strstr (run.err, "report-99"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  run_clear (&run);

  run_casebook (&run, db, "--case=report-2.1", "--list", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--export-pdf"));
  run_clear (&run);

  run_casebook (&run, db, bad_arg, "--paper=a5", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "a5"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  run_clear (&run);

  casebook_test_rmdir (dir);
}

/* One vocabulary -------------------------------------------------------------- */

/* Writes the report casebook_render_report_load () puts together of the
 * case @id, and returns its text without white space. */
static char *
load_and_read (Fixture      *fixture,
               const char   *id,
               CasebookLang  lang)
{
  const char *ids[] = { id, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookRenderReport) report = casebook_render_report_load (fixture->store, ids,
                                                                        CASEBOOK_RENDER_REPORT_SUMMARY,
                                                                        lang, NULL, &error);
  g_autofree char *name = g_strdup_printf ("%s-%s.pdf", id, lang == CASEBOOK_LANG_ZH ? "zh" : "en");
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (report);
  path = write_pdf (fixture, report, name, CASEBOOK_RENDER_A4_WIDTH, CASEBOOK_RENDER_A4_HEIGHT);
  doc = open_pdf (path);
  text = document_text (doc);

  return squeeze (text);
}

/* Whether the case page's template shows @msgid as a translatable label:
 * the proof that the window says what the PDF says. */
static gboolean
case_page_shows (const char *ui,
                 const char *msgid)
{
  g_autofree char *label = g_strdup_printf ("translatable=\"yes\">%s</property>", msgid);

  return strstr (ui, label) != NULL;
}

static void
test_words_window_headings (Fixture       *fixture,
                            gconstpointer  data)
{
  /* The headings and labels of a case, as the window's case page has
   * them; the second list is only on a failure. */
  static const char * const headings[] = {
    "Size", "Employees", "Period", "Approach", "Business scenarios", "Technical requirements",
    "Technology stack", "Phases", "Outcomes", "Challenges and solutions", "Lessons", "Source",
  };
  static const char * const failure_headings[] = {
    "What went wrong", "Problem", "Result", "Causes", "Lessons",
  };
  g_autofree char *ui_path = g_test_build_filename (G_TEST_DIST, "..", "ui", "casebook-case-page.ui", NULL);
  g_autofree char *ui = casebook_test_read_file (ui_path, NULL);
  g_autofree char *bank = load_and_read (fixture, "report-2.1", CASEBOOK_LANG_ZH);
  g_autofree char *failure = load_and_read (fixture, "report-8.1", CASEBOOK_LANG_ZH);

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      const char *zh = casebook_l10n_gettext (CASEBOOK_LANG_ZH, headings[i]);

      g_test_message ("%s: %s", headings[i], zh);
      g_assert_true (case_page_shows (ui, headings[i]));
      /* The catalogue was read: the word is in Chinese. */
      g_assert_cmpstr (zh, !=, headings[i]);
      assert_says (bank, zh);
    }

  for (guint i = 0; i < G_N_ELEMENTS (failure_headings); i++)
    {
      const char *zh = casebook_l10n_gettext (CASEBOOK_LANG_ZH, failure_headings[i]);

      g_test_message ("%s: %s", failure_headings[i], zh);
      g_assert_true (case_page_shows (ui, failure_headings[i]));
      g_assert_cmpstr (zh, !=, failure_headings[i]);
      assert_says (failure, zh);
    }

  /* The words of the report's own table, which the window never used. */
  g_assert_null (strstr (bank, "经验教训"));
  g_assert_null (strstr (bank, "员工人数"));
  g_assert_null (strstr (failure, "失败分析"));
  g_assert_null (strstr (failure, "后果"));
}

static void
test_words_employees (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CasebookCase) c = get_case (fixture, "report-2.1");
  g_autofree char *employees = casebook_case_format_employees (c);

  /* The same words on the page, on the command line and in the PDF. */
  g_assert_cmpstr (employees, ==, ">50,000");

  for (CasebookLang lang = 0; lang < CASEBOOK_N_LANGS; lang++)
    {
      g_autofree char *text = load_and_read (fixture, "report-2.1", lang);

      assert_says (text, employees);
    }
}

/* One path for a report ------------------------------------------------------- */

static void
test_load_all (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookRenderReport) report = casebook_render_report_load (fixture->store, NULL,
                                                                        CASEBOOK_RENDER_REPORT_COLLECTION,
                                                                        CASEBOOK_LANG_EN, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (_casebook_render_report_get_n_cases (report), ==, casebook_store_get_n_cases (fixture->store));
  g_assert_cmpint (_casebook_render_report_get_kind (report), ==, CASEBOOK_RENDER_REPORT_COLLECTION);
  g_assert_cmpint (_casebook_render_report_get_lang (report), ==, CASEBOOK_LANG_EN);
}

static void
test_load_ids (Fixture       *fixture,
               gconstpointer  data)
{
  const char *twice[] = { "report-2.1", "report-8.1", "report-2.1", NULL };
  const char *unknown[] = { "report-2.1", "no-such-case", "report-8.1", "nor-this", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookRenderReport) report = NULL;
  g_autoptr(CasebookRenderReport) none = NULL;

  /* Each case once, in the order given. */
  report = casebook_render_report_load (fixture->store, twice, CASEBOOK_RENDER_REPORT_COLLECTION,
                                        CASEBOOK_LANG_ZH, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (_casebook_render_report_get_n_cases (report), ==, 2);

  /* Every unknown id in one error, and no report. */
  none = casebook_render_report_load (fixture->store, unknown, CASEBOOK_RENDER_REPORT_COLLECTION,
                                      CASEBOOK_LANG_EN, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, CASEBOOK_RENDER_REPORT_ERROR, CASEBOOK_RENDER_REPORT_ERROR_UNKNOWN_CASE);
  g_assert_nonnull (strstr (error->message, "“no-such-case”"));
  g_assert_nonnull (strstr (error->message, "“nor-this”"));
  g_assert_null (strstr (error->message, "report-2.1"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* A Pango markup warning means text went missing from a page. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/report/summary/english", test_summary_english);
  ADD ("/report/summary/chinese", test_summary_chinese);
  ADD ("/report/summary/one-scale-per-chart", test_summary_one_scale_per_chart);
  ADD ("/report/summary/personal-note-english", test_personal_note_english);
  ADD ("/report/summary/personal-note-chinese", test_personal_note_chinese);
  ADD ("/report/fonts/embedded", test_fonts_embedded);
  ADD ("/report/pages/numbers-english", test_page_numbers_english);
  ADD ("/report/pages/numbers-chinese", test_page_numbers_chinese);
  ADD ("/report/pages/paper-sizes", test_paper_sizes);
  ADD ("/report/collection/contents", test_collection);
  ADD ("/report/collection/pages", test_collection_pages);
  ADD ("/report/collection/links", test_collection_links);
  ADD ("/report/flow/long-case-english", test_long_case_english);
  ADD ("/report/flow/long-case-chinese", test_long_case_chinese);
  ADD ("/report/pdf/reproducible", test_reproducible);
  ADD ("/report/pdf/errors", test_errors);
  ADD ("/report/pdf/write-errors", test_write_errors);
  ADD ("/report/pdf/progress", test_progress);
  ADD ("/report/outcomes/chart", test_outcome_chart);
  ADD ("/report/markup/names", test_markup_names);
  ADD ("/report/words/window-headings", test_words_window_headings);
  ADD ("/report/words/employees", test_words_employees);
  ADD ("/report/load/all", test_load_all);
  ADD ("/report/load/ids", test_load_ids);
  g_test_add_func ("/report/cli/export-pdf", test_cli_export);
  g_test_add_func ("/report/cli/export-pdf-full-disk", test_cli_full_disk);
  g_test_add_func ("/report/cli/source-date-epoch", test_cli_source_date_epoch);

#undef ADD

  return g_test_run ();
}
