/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <poppler.h>
#include <string.h>

#include "casebook-l10n.h"
#include "casebook-render-report-private.h"
#include "casebook-store-collections.h"
#include "casebook-test-util.h"

/* The PDFs are tagged: their structure tree, read back with poppler as a
 * screen reader reads it, holds the report in reading order. A case's
 * summary and a collection's brief, in English and in Chinese, each
 * compared with the cases it was made of. */

#define EPOCH_2025_06_01 1748736000

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerStructureElement, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerStructureElementIter, poppler_structure_element_iter_free)

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

/* Text without any white space: poppler puts spaces and line breaks
 * where the lines were broken, and none of that is the text. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Elements ----------------------------------------------------------------- */

/* A structure element, with its children, flattened: the elements in
 * reading order, each with its depth and whole text. */
typedef struct
{
  PopplerStructureElementKind kind;
  guint                       depth;
  guint                       n_children;
  int                         page;
  char                       *text;
} Element;

static void
element_free (Element *element)
{
  g_free (element->text);
  g_free (element);
}

static void
flatten (PopplerStructureElementIter *iter,
         guint                        depth,
         GPtrArray                   *out)
{
  do
    {
      g_autoptr(PopplerStructureElement) element = poppler_structure_element_iter_get_element (iter);
      g_autoptr(PopplerStructureElementIter) child = NULL;
      g_autofree char *text = NULL;
      Element *flat;
      guint index;

      /* The marked content an element holds is not an element. */
      if (poppler_structure_element_is_content (element) ||
          poppler_structure_element_get_kind (element) == POPPLER_STRUCTURE_ELEMENT_OBJECT_REFERENCE)
        continue;

      flat = g_new0 (Element, 1);
      flat->kind = poppler_structure_element_get_kind (element);
      flat->depth = depth;
      flat->page = poppler_structure_element_get_page (element);
      text = poppler_structure_element_get_text (element, POPPLER_STRUCTURE_GET_TEXT_RECURSIVE);
      flat->text = squeeze (text);
      g_ptr_array_add (out, flat);
      index = out->len;

      child = poppler_structure_element_iter_get_child (iter);
      if (child != NULL)
        flatten (child, depth + 1, out);

      for (guint i = index; i < out->len; i++)
        if (((Element *) g_ptr_array_index (out, i))->depth == depth + 1)
          flat->n_children++;
    }
  while (poppler_structure_element_iter_next (iter));
}

static GPtrArray *
read_structure (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(PopplerDocument) doc = poppler_document_new_from_file (uri, NULL, &error);
  g_autoptr(PopplerStructureElementIter) iter = NULL;
  GPtrArray *elements = g_ptr_array_new_with_free_func ((GDestroyNotify) element_free);

  g_assert_no_error (error);
  iter = poppler_structure_element_iter_new (doc);
  if (iter == NULL)
    g_error ("%s is not tagged", path);

  flatten (iter, 0, elements);

  /* One Document holds everything. */
  g_assert_cmpuint (elements->len, >, 1);
  g_assert_cmpint (((Element *) g_ptr_array_index (elements, 0))->kind, ==, POPPLER_STRUCTURE_ELEMENT_DOCUMENT);
  for (guint i = 1; i < elements->len; i++)
    g_assert_cmpuint (((Element *) g_ptr_array_index (elements, i))->depth, >, 0);

  return elements;
}

static Element *
element_at (GPtrArray *elements,
            guint      i)
{
  g_assert_cmpuint (i, <, elements->len);
  return g_ptr_array_index (elements, i);
}

static gboolean text_matches (const char *actual,
                              const char *expected);

/* The index of the first element of @kind from @from on whose text is
 * @text (any text if %NULL), or -1. */
static int
find_element (GPtrArray                   *elements,
              guint                        from,
              PopplerStructureElementKind  kind,
              const char                  *text)
{
  for (guint i = from; i < elements->len; i++)
    {
      Element *element = g_ptr_array_index (elements, i);

      if (element->kind == kind && (text == NULL || text_matches (element->text, text)))
        return (int) i;
    }

  return -1;
}

/* The texts of every element of @kind, in reading order. */
static GPtrArray *
texts_of (GPtrArray                   *elements,
          PopplerStructureElementKind  kind)
{
  GPtrArray *texts = g_ptr_array_new ();

  for (guint i = 0; i < elements->len; i++)
    if (element_at (elements, i)->kind == kind)
      g_ptr_array_add (texts, element_at (elements, i)->text);

  return texts;
}

/* The elements whose parent is element @parent. */
static GArray *
children_of (GPtrArray *elements,
             guint      parent)
{
  GArray *children = g_array_new (FALSE, FALSE, sizeof (guint));
  guint depth = element_at (elements, parent)->depth;

  for (guint i = parent + 1; i < elements->len && element_at (elements, i)->depth > depth; i++)
    if (element_at (elements, i)->depth == depth + 1)
      g_array_append_val (children, i);

  return children;
}

/* What poppler-glib 22.12 makes of @text in an element: it takes the
 * UTF-8 it collected for PDFDocEncoding and converts it to UTF-8 again,
 * so that only ASCII comes back as it was. The same conversion of what
 * is expected gives what it must read. */
static char *
as_poppler_reads (const char *text)
{
  /* PDFDocEncoding from 0x80 to 0xa0; 0x9f has no character. */
  static const gunichar high[] = {
    0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044,
    0x2039, 0x203a, 0x2212, 0x2030, 0x201e, 0x201c, 0x201d, 0x2018,
    0x2019, 0x201a, 0x2122, 0xfb01, 0xfb02, 0x0141, 0x0152, 0x0160,
    0x0178, 0x017d, 0x0131, 0x0142, 0x0153, 0x0161, 0x017e, 0xfffd,
    0x20ac,
  };
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p >= 0x80 && *p <= 0xa0)
        g_string_append_unichar (out, high[*p - 0x80]);
      else if (*p == 0xad)
        g_string_append_unichar (out, 0xfffd);
      else
        g_string_append_unichar (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Whether @actual, an element's text as poppler reads it, is @expected
 * (@whole) or starts with it. poppler 22.12 also stops reading an
 * element's text at the first glyph that carries its own /ActualText,
 * which cairo writes for a ligature such as "fi" and for the space where
 * a line was broken: its MarkedContentOutputDev ignores the opening of
 * marked content without an MCID but takes its end for the end of the
 * element's. What it read before that must then be exactly the start of
 * @expected, of ten bytes at least, and at most the three characters it
 * made of a ligature may follow. */
static gboolean
text_begins (const char *actual,
             const char *expected,
             gboolean    whole)
{
  g_autofree char *squeezed = squeeze (expected);
  g_autofree char *want = as_poppler_reads (squeezed);
  gsize n = 0;

  if (whole ? strcmp (actual, want) == 0 : g_str_has_prefix (actual, want))
    return TRUE;

  while (actual[n] != '\0' && actual[n] == want[n])
    n++;

  /* Back to the start of the character where they part. */
  while (n > 0 && ((guchar) want[n] & 0xc0) == 0x80)
    n--;

  return n >= MIN (strlen (want), 10) && g_utf8_strlen (actual + n, -1) <= 3 &&
         (actual[n] == '\0' || (guchar) actual[n] >= 0x80);
}

static gboolean
text_matches (const char *actual,
              const char *expected)
{
  return text_begins (actual, expected, TRUE);
}

static void
assert_text (const char *actual,
             const char *expected)
{
  if (!text_matches (actual, expected))
    {
      g_autofree char *squeezed = squeeze (expected);
      g_autofree char *want = as_poppler_reads (squeezed);

      g_assert_cmpstr (actual, ==, want);
    }
}

/* qpdf finds nothing wrong with the file, not even a warning. */
static void
assert_qpdf_clean (const char *path)
{
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { qpdf, "--check", path, NULL };
  int status = 0;

  if (qpdf == NULL)
    {
      g_test_message ("qpdf is not installed: the PDF's structure is not checked");
      return;
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || strstr (out, "WARNING") != NULL || err[0] != '\0')
    g_error ("qpdf --check %s:\n%s%s", path, out, err);
}

/* Reports ------------------------------------------------------------------ */

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

static char *
write_report (Fixture              *fixture,
              CasebookRenderReport *report,
              const char           *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCatalog) catalog = casebook_store_get_catalog (fixture->store, &error);
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (EPOCH_2025_06_01);
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_no_error (error);
  casebook_render_report_set_catalog (report, catalog);
  _casebook_render_report_set_date (report, date);

  g_assert_true (casebook_render_report_write_pdf (report, file, CASEBOOK_RENDER_A4_WIDTH,
                                                   CASEBOOK_RENDER_A4_HEIGHT, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_qpdf_clean (path);

  return path;
}

/* A summary ---------------------------------------------------------------- */

/* The headings of a summary's parts, in the order the summary of @c has
 * them, from what @c holds. */
static GPtrArray *
expected_headings (CasebookCase *c,
                   CasebookLang  lang)
{
  GPtrArray *headings = g_ptr_array_new ();

  g_ptr_array_add (headings, (gpointer) L_ (lang, "Key facts"));
  if (casebook_case_get_failure (c) != NULL)
    g_ptr_array_add (headings, (gpointer) L_ (lang, "What went wrong"));
  if (casebook_case_get_stack (c)->len > 0)
    g_ptr_array_add (headings, (gpointer) L_ (lang, "Technology stack"));
  if (casebook_case_get_phases (c)->len > 0)
    g_ptr_array_add (headings, (gpointer) L_ (lang, "Phases"));
  if (casebook_case_get_outcomes (c)->len > 0)
    g_ptr_array_add (headings, (gpointer) L_ (lang, "Outcomes"));
  if (casebook_case_get_challenges (c)->len > 0)
    g_ptr_array_add (headings, (gpointer) L_ (lang, "Challenges and solutions"));
  if (casebook_case_get_lessons (c)->len > 0)
    g_ptr_array_add (headings, (gpointer) L_ (lang, "Lessons"));
  if (casebook_case_get_notes (c)->len > 0)
    g_ptr_array_add (headings, (gpointer) L_ (lang, "Data-quality notes"));
  if (casebook_case_get_source (c) != NULL)
    g_ptr_array_add (headings, (gpointer) L_ (lang, "Source"));

  return headings;
}

static void
check_summary (Fixture      *fixture,
               CasebookLang  lang)
{
  const char *id = "report-2.1";
  g_autoptr(CasebookCase) c = get_case (fixture, id);
  g_autoptr(CasebookRenderReport) report = casebook_render_report_new (CASEBOOK_RENDER_REPORT_SUMMARY, lang);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) h1 = NULL;
  g_autoptr(GPtrArray) h2 = NULL;
  g_autoptr(GPtrArray) want = expected_headings (c, lang);
  g_autofree char *footer = NULL;
  g_autofree char *squeezed_footer = NULL;
  g_autofree char *footer_read = NULL;
  GPtrArray *lessons = casebook_case_get_lessons (c);
  GPtrArray *stack = casebook_case_get_stack (c);
  int title, at, next;

  casebook_render_report_add_case (report, c);
  path = write_report (fixture, report, lang == CASEBOOK_LANG_ZH ? "summary-zh.pdf" : "summary-en.pdf");
  elements = read_structure (path);

  /* The case's title is the one first-level heading, and the paragraph
   * under it names the organization. */
  h1 = texts_of (elements, POPPLER_STRUCTURE_ELEMENT_HEADING_1);
  g_assert_cmpuint (h1->len, ==, 1);
  assert_text (g_ptr_array_index (h1, 0), casebook_text_get (casebook_case_get_title (c), lang));
  title = find_element (elements, 0, POPPLER_STRUCTURE_ELEMENT_HEADING_1, NULL);
  g_assert_cmpint (element_at (elements, title + 1)->kind, ==, POPPLER_STRUCTURE_ELEMENT_PARAGRAPH);
  {
    g_autofree char *squeezed = squeeze (casebook_text_get (casebook_case_get_organization (c), lang));
    g_autofree char *organization = as_poppler_reads (squeezed);

    g_assert_cmpuint (strlen (organization), >, 0);
    g_assert_nonnull (strstr (element_at (elements, title + 1)->text, organization));
  }

  /* The parts' headings, one level down, in the summary's order. */
  h2 = texts_of (elements, POPPLER_STRUCTURE_ELEMENT_HEADING_2);
  g_assert_cmpuint (h2->len, ==, want->len);
  for (guint i = 0; i < want->len; i++)
    assert_text (g_ptr_array_index (h2, i), g_ptr_array_index (want, i));
  at = find_element (elements, 0, POPPLER_STRUCTURE_ELEMENT_HEADING_2, L_ (lang, "Key facts"));
  g_assert_cmpint (at, >, title);

  /* The key facts: a paragraph for each, its label then its value; the
   * second is the organization. */
  g_assert_cmpint (element_at (elements, at + 1)->kind, ==, POPPLER_STRUCTURE_ELEMENT_DIV);
  {
    g_autoptr(GArray) facts = children_of (elements, at + 1);
    g_autofree char *squeezed = squeeze (casebook_text_get (casebook_case_get_organization (c), lang));
    g_autofree char *organization = as_poppler_reads (squeezed);

    g_assert_cmpuint (facts->len, >=, 3);
    for (guint i = 0; i < facts->len; i++)
      g_assert_cmpint (element_at (elements, g_array_index (facts, guint, i))->kind, ==,
                       POPPLER_STRUCTURE_ELEMENT_PARAGRAPH);
    g_assert_true (g_str_has_suffix (element_at (elements, g_array_index (facts, guint, 1))->text, organization));
  }

  /* The technology stack is a table: a row of column headings, then a
   * row for each product, in order. */
  g_assert_cmpuint (stack->len, >, 0);
  at = find_element (elements, 0, POPPLER_STRUCTURE_ELEMENT_HEADING_2, L_ (lang, "Technology stack"));
  g_assert_cmpint (at, >, 0);
  g_assert_cmpint (element_at (elements, at + 1)->kind, ==, POPPLER_STRUCTURE_ELEMENT_TABLE);
  {
    g_autoptr(GArray) rows = children_of (elements, at + 1);

    g_assert_cmpuint (rows->len, ==, stack->len + 1);
    for (guint r = 0; r < rows->len; r++)
      {
        guint row = g_array_index (rows, guint, r);
        g_autoptr(GArray) cells = children_of (elements, row);

        g_assert_cmpint (element_at (elements, row)->kind, ==, POPPLER_STRUCTURE_ELEMENT_TABLE_ROW);
        g_assert_cmpuint (cells->len, >=, 2);
        for (guint k = 0; k < cells->len; k++)
          g_assert_cmpint (element_at (elements, g_array_index (cells, guint, k))->kind, ==,
                           r == 0 ? POPPLER_STRUCTURE_ELEMENT_TABLE_HEADING : POPPLER_STRUCTURE_ELEMENT_TABLE_DATA);

        if (r > 0)
          {
            const CasebookStackItem *item = g_ptr_array_index (stack, r - 1);

            assert_text (element_at (elements, g_array_index (cells, guint, 0))->text,
                         casebook_text_get (item->role, lang));
            assert_text (element_at (elements, g_array_index (cells, guint, 1))->text,
                         casebook_text_get (item->product, lang));
          }
      }
  }

  /* The outcomes are a chart: a figure, before the next heading. */
  at = find_element (elements, 0, POPPLER_STRUCTURE_ELEMENT_HEADING_2, L_ (lang, "Outcomes"));
  g_assert_cmpint (at, >, 0);
  next = find_element (elements, at + 1, POPPLER_STRUCTURE_ELEMENT_HEADING_2, NULL);
  {
    int figure = find_element (elements, at + 1, POPPLER_STRUCTURE_ELEMENT_FIGURE, NULL);

    g_assert_cmpint (figure, >, at);
    g_assert_true (next < 0 || figure < next);
    g_assert_cmpuint (strlen (element_at (elements, figure)->text), >, 0);
  }

  /* The lessons are a list of numbered items, in order. */
  g_assert_cmpuint (lessons->len, >, 0);
  at = find_element (elements, 0, POPPLER_STRUCTURE_ELEMENT_HEADING_2, L_ (lang, "Lessons"));
  g_assert_cmpint (at, >, 0);
  g_assert_cmpint (element_at (elements, at + 1)->kind, ==, POPPLER_STRUCTURE_ELEMENT_LIST);
  {
    g_autoptr(GArray) items = children_of (elements, at + 1);

    g_assert_cmpuint (items->len, ==, lessons->len);
    for (guint i = 0; i < items->len; i++)
      {
        guint item = g_array_index (items, guint, i);
        g_autoptr(GArray) parts = children_of (elements, item);
        g_autofree char *number = g_strdup_printf ("%u.", i + 1);

        g_assert_cmpint (element_at (elements, item)->kind, ==, POPPLER_STRUCTURE_ELEMENT_LIST_ITEM);
        g_assert_cmpuint (parts->len, ==, 2);
        g_assert_cmpint (element_at (elements, g_array_index (parts, guint, 0))->kind, ==,
                         POPPLER_STRUCTURE_ELEMENT_LIST_LABEL);
        assert_text (element_at (elements, g_array_index (parts, guint, 0))->text, number);
        g_assert_cmpint (element_at (elements, g_array_index (parts, guint, 1))->kind, ==,
                         POPPLER_STRUCTURE_ELEMENT_LIST_BODY);
        assert_text (element_at (elements, g_array_index (parts, guint, 1))->text,
                     casebook_text_get (g_ptr_array_index (lessons, i), lang));
      }
  }

  /* The running footer is not part of the text a reader reads. */
  footer = g_strdup_printf (L_ (lang, "Page %u of %u"), 1, casebook_render_report_get_n_pages (report));
  squeezed_footer = squeeze (footer);
  footer_read = as_poppler_reads (squeezed_footer);
  for (guint i = 0; i < elements->len; i++)
    g_assert_null (strstr (element_at (elements, i)->text, footer_read));
}

static void
test_summary_english (Fixture       *fixture,
                      gconstpointer  data)
{
  check_summary (fixture, CASEBOOK_LANG_EN);
}

static void
test_summary_chinese (Fixture       *fixture,
                      gconstpointer  data)
{
  check_summary (fixture, CASEBOOK_LANG_ZH);
}

/* A paragraph over pages ----------------------------------------------------- */

/* A lesson of some 8,000 characters, no two of its words alike. */
static char *
long_lesson (CasebookLang lang)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; g_utf8_strlen (out->str, -1) < 8000; i++)
    {
      if (lang == CASEBOOK_LANG_ZH)
        g_string_append_printf (out, "第%u步分阶段推进，", i);
      else
        g_string_append_printf (out, "step%u goes ahead in phases, ", i);
    }

  return g_string_free (out, FALSE);
}

/* A list item longer than a page is one item: its label, and a body with
 * a part on each page it reaches, one page after the other; the running
 * header and footer between them are not part of it. */
static void
check_broken_item (Fixture      *fixture,
                   CasebookLang  lang)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *zh = long_lesson (CASEBOOK_LANG_ZH);
  g_autofree char *en = long_lesson (CASEBOOK_LANG_EN);
  g_autofree char *members = g_strdup_printf (", \"lessons\": [{\"zh\": \"%s\", \"en\": \"%s\"}]", zh, en);
  g_autofree char *json = casebook_test_minimal_case ("long-2", members);
  g_autoptr(CasebookCase) c = casebook_json_case_from_string (json, &error);
  g_autoptr(CasebookRenderReport) report = casebook_render_report_new (CASEBOOK_RENDER_REPORT_SUMMARY, lang);
  const char *lesson = lang == CASEBOOK_LANG_ZH ? zh : en;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GArray) items = NULL;
  g_autoptr(GArray) parts = NULL;
  g_autoptr(GArray) pieces = NULL;
  int list, body;

  g_assert_no_error (error);
  casebook_render_report_add_case (report, c);
  path = write_report (fixture, report, lang == CASEBOOK_LANG_ZH ? "long-zh.pdf" : "long-en.pdf");
  g_assert_cmpuint (casebook_render_report_get_n_pages (report), >=, 3);
  elements = read_structure (path);

  list = find_element (elements, 0, POPPLER_STRUCTURE_ELEMENT_LIST, NULL);
  g_assert_cmpint (list, >, 0);
  items = children_of (elements, list);
  g_assert_cmpuint (items->len, ==, 1);
  parts = children_of (elements, g_array_index (items, guint, 0));
  g_assert_cmpuint (parts->len, ==, 2);
  g_assert_cmpint (element_at (elements, g_array_index (parts, guint, 0))->kind, ==,
                   POPPLER_STRUCTURE_ELEMENT_LIST_LABEL);
  body = (int) g_array_index (parts, guint, 1);
  g_assert_cmpint (element_at (elements, body)->kind, ==, POPPLER_STRUCTURE_ELEMENT_LIST_BODY);

  pieces = children_of (elements, body);
  g_assert_cmpuint (pieces->len, >=, 2);
  for (guint i = 0; i < pieces->len; i++)
    {
      Element *piece = element_at (elements, g_array_index (pieces, guint, i));

      g_assert_cmpint (piece->kind, ==, POPPLER_STRUCTURE_ELEMENT_SPAN);
      g_assert_cmpint (piece->page, ==, element_at (elements, g_array_index (parts, guint, 0))->page + (int) i);
    }
  g_assert_cmpint (element_at (elements, g_array_index (pieces, guint, pieces->len - 1))->page, <,
                   (int) casebook_render_report_get_n_pages (report));

  /* Chinese breaks its lines without spaces, so poppler reads all of it:
   * the whole lesson, in order, nothing else. */
  if (lang == CASEBOOK_LANG_ZH)
    {
      g_autofree char *squeezed = squeeze (lesson);
      g_autofree char *want = as_poppler_reads (squeezed);

      casebook_test_assert_same_text (element_at (elements, body)->text, want, "The lesson's text");
    }
  else
    g_assert_true (text_begins (element_at (elements, g_array_index (pieces, guint, 0))->text, lesson, FALSE));
}

static void
test_broken_item_english (Fixture       *fixture,
                          gconstpointer  data)
{
  check_broken_item (fixture, CASEBOOK_LANG_EN);
}

static void
test_broken_item_chinese (Fixture       *fixture,
                          gconstpointer  data)
{
  check_broken_item (fixture, CASEBOOK_LANG_ZH);
}

/* A brief ------------------------------------------------------------------ */

/* Three cases of two sectors, one a failure, out of the store's order. */
static const char * const three[] = { "report-4.2", "report-2.1", "report-8.1", NULL };

/* The collection's name is the cover's heading; each case's title heads
 * its summary, one level down, in the collection's order. */
static void
check_brief (Fixture      *fixture,
             CasebookLang  lang)
{
  const char *name = lang == CASEBOOK_LANG_ZH ? "董事会简报" : "Board brief";
  g_autoptr(CasebookRenderReport) report = casebook_render_report_new (CASEBOOK_RENDER_REPORT_BRIEF, lang);
  g_autoptr(CasebookCollection) collection = casebook_collection_new (name);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) h1 = NULL;
  g_autofree char *path = NULL;
  guint found = 0;
  int previous = 0;

  for (guint i = 0; three[i] != NULL; i++)
    {
      g_autoptr(CasebookCase) c = get_case (fixture, three[i]);

      casebook_render_report_add_case (report, c);
      g_ptr_array_add (titles, squeeze (casebook_text_get (casebook_case_get_title (c), lang)));
    }
  casebook_render_report_set_collection (report, collection);
  path = write_report (fixture, report, lang == CASEBOOK_LANG_ZH ? "brief-zh.pdf" : "brief-en.pdf");
  elements = read_structure (path);

  h1 = texts_of (elements, POPPLER_STRUCTURE_ELEMENT_HEADING_1);
  g_assert_cmpuint (h1->len, ==, 1);
  assert_text (g_ptr_array_index (h1, 0), name);

  for (guint i = 0; i < elements->len; i++)
    {
      Element *element = element_at (elements, i);

      if (element->kind != POPPLER_STRUCTURE_ELEMENT_HEADING_2)
        continue;
      for (guint t = 0; t < titles->len; t++)
        if (text_matches (element->text, g_ptr_array_index (titles, t)))
          {
            g_assert_cmpuint (t, ==, found);
            g_assert_cmpint ((int) i, >, previous);
            previous = (int) i;
            found++;
          }
    }
  g_assert_cmpuint (found, ==, titles->len);

  /* The overview is a table with a row for each case, after its header. */
  {
    int table = find_element (elements, 0, POPPLER_STRUCTURE_ELEMENT_TABLE, NULL);
    g_autoptr(GArray) rows = NULL;

    g_assert_cmpint (table, >, 0);
    rows = children_of (elements, table);
    g_assert_cmpuint (rows->len, ==, titles->len + 1);
    for (guint r = 1; r < rows->len; r++)
      {
        g_autoptr(GArray) cells = children_of (elements, g_array_index (rows, guint, r));
        g_autofree char *number_title = g_strdup_printf ("%u%s", r, (char *) g_ptr_array_index (titles, r - 1));

        g_assert_cmpuint (cells->len, ==, 5);
        g_assert_true (text_begins (element_at (elements, g_array_index (cells, guint, 0))->text, number_title, FALSE));
      }
  }
}

static void
test_brief_english (Fixture       *fixture,
                    gconstpointer  data)
{
  check_brief (fixture, CASEBOOK_LANG_EN);
}

static void
test_brief_chinese (Fixture       *fixture,
                    gconstpointer  data)
{
  check_brief (fixture, CASEBOOK_LANG_ZH);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/report-tags/summary/english", test_summary_english);
  ADD ("/report-tags/summary/chinese", test_summary_chinese);
  ADD ("/report-tags/flow/broken-item-english", test_broken_item_english);
  ADD ("/report-tags/flow/broken-item-chinese", test_broken_item_chinese);
  ADD ("/report-tags/brief/english", test_brief_english);
  ADD ("/report-tags/brief/chinese", test_brief_chinese);

#undef ADD

  return g_test_run ();
}
