/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>
#include <sys/wait.h>

#include "casebook-render-report-private.h"
#include "casebook-store-collections.h"
#include "casebook-test-util.h"

/* The brief of a collection, read back with poppler as a person's viewer
 * reads it: its cover and introduction, the overview table, the cases
 * side by side, and each case's summary with its note, in both
 * languages; and checked with qpdf where it is installed. */

#define EPOCH_2025_06_01 1748736000

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerFontInfo, g_object_unref)

/* Three cases of two sectors, one a failure, out of the store's order. */
static const char * const three[] = { "report-4.2", "report-2.1", "report-8.1", NULL };

static const char *intro_en = "Why these three cases.\n"
                              "They run what we run.\n"
                              "\n"
                              "A second paragraph for the board.";
static const char *intro_zh = "为什么是这三个案例。\n\n第二段：给董事会看的。";

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

/* Every case id of the store, in the order an export lists them. */
static GPtrArray *
all_ids (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = casebook_store_export (fixture->store, &error);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *cases;

  g_assert_no_error (error);
  cases = casebook_document_get_cases (doc);
  for (guint i = 0; i < cases->len; i++)
    g_ptr_array_add (ids, g_strdup (casebook_case_get_id (g_ptr_array_index (cases, i))));
  g_ptr_array_add (ids, NULL);

  return ids;
}

static char *
note_for (const char   *id,
          CasebookLang  lang)
{
  if (lang == CASEBOOK_LANG_ZH)
    return g_strdup_printf ("我的笔记：%s 值得一看。\n第二行保留。", id);
  return g_strdup_printf ("My note on %s: worth a look.\nA second line, kept.", id);
}

/* The brief of @ids, each case but the last with a note, dated 1 June
 * 2025, built from cases and a collection object as the store would give
 * them. */
static CasebookRenderReport *
make_brief (Fixture            *fixture,
            CasebookLang        lang,
            const char * const *ids,
            const char         *name,
            const char         *introduction)
{
  g_autoptr(CasebookRenderReport) report = casebook_render_report_new (CASEBOOK_RENDER_REPORT_BRIEF, lang);
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (EPOCH_2025_06_01);
  g_autoptr(CasebookCollection) collection = casebook_collection_new (name);
  g_autoptr(CasebookCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  guint n = g_strv_length ((char **) ids);

  casebook_collection_set_introduction (collection, introduction);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CasebookCase) c = casebook_store_get_case (fixture->store, ids[i], &error);

      g_assert_no_error (error);
      if (i + 1 < n)
        {
          g_autofree char *note = note_for (ids[i], lang);

          casebook_case_set_personal_note (c, note);
        }
      casebook_render_report_add_case (report, c);
    }

  catalog = casebook_store_get_catalog (fixture->store, &error);
  g_assert_no_error (error);
  casebook_render_report_set_catalog (report, catalog);
  casebook_render_report_set_collection (report, collection);
  _casebook_render_report_set_date (report, date);

  return g_steal_pointer (&report);
}

static char *
write_pdf (Fixture              *fixture,
           CasebookRenderReport *report,
           const char           *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (casebook_render_report_write_pdf (report, file, CASEBOOK_RENDER_A4_WIDTH,
                                                   CASEBOOK_RENDER_A4_HEIGHT, NULL, NULL, NULL, &error));
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

/* What a page says without any white space, however its lines broke. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));

  return g_string_free (out, FALSE);
}

static char *
page_says (PopplerDocument *doc,
           int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, index);
  g_autofree char *text = NULL;

  g_assert_nonnull (page);
  text = poppler_page_get_text (page);
  return squeeze (text);
}

static char *
document_says (PopplerDocument *doc)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autofree char *text = page_says (doc, i);

      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* Where @expected starts in @squeezed, failing when it is not there. */
static gsize
find (const char *squeezed,
      const char *expected)
{
  g_autofree char *want = squeeze (expected);
  const char *at = strstr (squeezed, want);

  if (at == NULL)
    g_error ("The PDF does not say “%s”", expected);
  return at - squeezed;
}

static gboolean
says (const char *squeezed,
      const char *expected)
{
  g_autofree char *want = squeeze (expected);

  return strstr (squeezed, want) != NULL;
}

static const char *
title_of (Fixture      *fixture,
          const char   *id,
          CasebookLang  lang,
          char        **owned)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (fixture->store, id, &error);

  g_assert_no_error (error);
  *owned = g_strdup (casebook_text_get (casebook_case_get_title (c), lang));
  return *owned;
}

/* The pages (from 0) the links of page @index lead to. */
static GHashTable *
link_targets (PopplerDocument *doc,
              int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, index);
  GList *mappings = poppler_page_get_link_mapping (page);
  GHashTable *targets = g_hash_table_new (NULL, NULL);

  for (GList *l = mappings; l != NULL; l = l->next)
    {
      PopplerAction *action = ((PopplerLinkMapping *) l->data)->action;
      PopplerDest *dest;

      g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
      dest = action->goto_dest.dest->type == POPPLER_DEST_NAMED
             ? poppler_document_find_dest (doc, action->goto_dest.dest->named_dest)
             : poppler_dest_copy (action->goto_dest.dest);
      g_assert_nonnull (dest);
      g_hash_table_add (targets, GINT_TO_POINTER (dest->page_num - 1));
      poppler_dest_free (dest);
    }
  poppler_page_free_link_mapping (mappings);

  return targets;
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

/* The brief holds its cases and only them, in the collection's order:
 * in the overview, side by side and as summaries, each with its note. */
static void
check_brief (Fixture      *fixture,
             CasebookLang  lang)
{
  const char *name = lang == CASEBOOK_LANG_ZH ? "董事会简报 · 虚拟化" : "Board brief: <virtualization> & more";
  const char *intro = lang == CASEBOOK_LANG_ZH ? intro_zh : intro_en;
  g_autoptr(CasebookRenderReport) report = make_brief (fixture, lang, three, name, intro);
  g_autofree char *path = write_pdf (fixture, report, lang == CASEBOOK_LANG_ZH ? "zh.pdf" : "en.pdf");
  g_autoptr(PopplerDocument) doc = open_pdf (path);
  g_autofree char *all = document_says (doc);
  g_autofree char *cover = page_says (doc, 0);
  g_autofree char *overview = page_says (doc, 1);
  g_autofree char *title = poppler_document_get_title (doc);
  g_autoptr(GPtrArray) every = all_ids (fixture);
  gsize last = 0;

  g_assert_cmpstr (title, ==, name);

  /* The cover: the name and the introduction, both its paragraphs. */
  find (cover, name);
  if (lang == CASEBOOK_LANG_ZH)
    {
      find (cover, "为什么是这三个案例。");
      find (cover, "第二段：给董事会看的。");
      find (cover, "2025年6月1日");
    }
  else
    {
      g_assert_cmpuint (find (cover, "Why these three cases."), <, find (cover, "They run what we run."));
      find (cover, "A second paragraph for the board.");
      find (cover, "3 cases from 3 sectors");
    }

  /* The overview: one row for each case, in order, with its sector. */
  find (overview, lang == CASEBOOK_LANG_ZH ? "概览" : "Overview");
  for (guint i = 0; three[i] != NULL; i++)
    {
      g_autofree char *owned = NULL;
      gsize at = find (overview, title_of (fixture, three[i], lang, &owned));

      g_assert_cmpuint (at, >=, last);
      last = at;
    }
  find (overview, lang == CASEBOOK_LANG_ZH ? "互联网" : "Internet");
  find (overview, lang == CASEBOOK_LANG_ZH ? "金融" : "Finance");

  /* Each row links to its case's summary. */
  {
    g_autoptr(GHashTable) targets = link_targets (doc, 1);

    g_assert_cmpuint (g_hash_table_size (targets), ==, 3);
    for (guint i = 0; three[i] != NULL; i++)
      g_assert_true (g_hash_table_contains (targets,
                                            GINT_TO_POINTER (_casebook_render_report_get_case_page (report, i))));
  }

  /* Only its cases, wherever one looks. */
  for (guint i = 0; g_ptr_array_index (every, i) != NULL; i++)
    {
      const char *id = g_ptr_array_index (every, i);
      g_autofree char *owned = NULL;

      if (!g_strv_contains (three, id))
        g_assert_false (says (all, title_of (fixture, id, lang, &owned)));
    }

  /* Each summary starts on a page of its own, in order, and says its
   * note under its heading; the last case has none. */
  g_assert_cmpuint (_casebook_render_report_get_n_cases (report), ==, 3);
  for (guint i = 0; three[i] != NULL; i++)
    {
      guint page = _casebook_render_report_get_case_page (report, i);
      g_autofree char *text = page_says (doc, (int) page);
      g_autofree char *owned = NULL;
      g_autofree char *note = note_for (three[i], lang);

      if (i > 0)
        g_assert_cmpuint (page, >, _casebook_render_report_get_case_page (report, i - 1));
      find (text, title_of (fixture, three[i], lang, &owned));

      if (three[i + 1] != NULL)
        {
          g_assert_cmpuint (find (all, lang == CASEBOOK_LANG_ZH ? "备注" : "Note"), <, strlen (all));
          g_assert_true (says (text, note));
        }
      else
        g_assert_false (says (all, note));
    }

  /* The cases side by side, and the sector charts. */
  find (all, lang == CASEBOOK_LANG_ZH ? "案例对照" : "Side by side");
  find (all, lang == CASEBOOK_LANG_ZH ? "第 1 至 3 个案例，共 3 个" : "Cases 1 to 3 of 3");

  assert_qpdf_clean (path);
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
  g_autoptr(CasebookRenderReport) report = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerFontInfo) info = NULL;
  PopplerFontsIter *iter = NULL;
  guint n_fonts = 0;

  check_brief (fixture, CASEBOOK_LANG_ZH);

  /* Every font, the Chinese ones too, is in the file. */
  report = make_brief (fixture, CASEBOOK_LANG_ZH, three, "简报", intro_zh);
  path = write_pdf (fixture, report, "fonts.pdf");
  doc = open_pdf (path);
  info = poppler_font_info_new (doc);
  while (poppler_font_info_scan (info, 50, &iter))
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

/* Every case of the store: the overview of up to a dozen cases is one
 * page, more continue with the header repeated; side by side the cases
 * come three or so to a page, never one alone. */
static void
test_brief_many (Fixture       *fixture,
                 gconstpointer  data)
{
  CasebookLang lang = GPOINTER_TO_INT (data);
  g_autoptr(GPtrArray) ids = all_ids (fixture);
  const char * const *strv = (const char * const *) ids->pdata;
  guint n = ids->len - 1;
  g_autoptr(CasebookRenderReport) report = make_brief (fixture, lang, strv, "Everything", NULL);
  g_autofree char *path = write_pdf (fixture, report, lang == CASEBOOK_LANG_ZH ? "all-zh.pdf" : "all.pdf");
  g_autoptr(PopplerDocument) doc = open_pdf (path);
  g_autofree char *overview = page_says (doc, 1);
  g_autofree char *all = document_says (doc);
  g_autofree char *group = NULL;
  guint twelve = MIN (n, 12);
  guint first = 0, size = 0;

  g_assert_cmpuint (n, >=, 12);

  /* The first dozen rows are all on the overview's first page. */
  for (guint i = 0; i < twelve; i++)
    {
      g_autofree char *owned = NULL;

      find (overview, title_of (fixture, strv[i], lang, &owned));
    }

  /* 14 cases side by side: five tables of 3, 3, 3, 3 and 2. */
  for (guint g = 0, groups = (n + 2) / 3; g < groups; g++, first += size)
    {
      g_autofree char *heading = NULL;

      size = n / groups + (g < n % groups ? 1 : 0);
      g_assert_cmpuint (size, >=, 2);
      heading = lang == CASEBOOK_LANG_ZH ? g_strdup_printf ("第 %u 至 %u 个案例，共 %u 个", first + 1, first + size, n)
                                         : g_strdup_printf ("Cases %u to %u of %u", first + 1, first + size, n);
      find (all, heading);
    }
  g_assert_cmpuint (first, ==, n);
  group = lang == CASEBOOK_LANG_ZH ? g_strdup_printf ("第 %u 个案例，共 %u 个", n, n)
                                   : g_strdup_printf ("Case %u of %u", n, n);
  g_assert_false (says (all, group));

  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (_casebook_render_report_get_case_page (report, i), <, (guint) poppler_document_get_n_pages (doc));

  assert_qpdf_clean (path);
}

/* With SOURCE_DATE_EPOCH, or a date set, the same brief is the same
 * bytes, written by two report objects. */
static void
test_brief_reproducible (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CasebookRenderReport) a = make_brief (fixture, CASEBOOK_LANG_ZH, three, "简报", intro_zh);
  g_autoptr(CasebookRenderReport) b = make_brief (fixture, CASEBOOK_LANG_ZH, three, "简报", intro_zh);
  g_autofree char *first = write_pdf (fixture, a, "a.pdf");
  g_autofree char *second = write_pdf (fixture, b, "b.pdf");
  gsize la = 0, lb = 0;
  g_autofree char *da = casebook_test_read_file (first, &la);
  g_autofree char *db = casebook_test_read_file (second, &lb);

  g_assert_cmpmem (da, la, db, lb);
}

/* A note is the person's own text, whatever it holds: markup, control
 * characters and bidirectional controls are printed as text, and lose
 * nothing around them. */
static void
test_brief_hostile_note (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *ids[] = { "report-2.1", NULL };
  g_autoptr(CasebookRenderReport) report = casebook_render_report_new (CASEBOOK_RENDER_REPORT_BRIEF,
                                                                       CASEBOOK_LANG_EN);
  g_autoptr(CasebookCollection) collection = casebook_collection_new ("<b>Bold</b> & \u202eevil");
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (EPOCH_2025_06_01);
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (fixture->store, ids[0], &error);
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *all = NULL;

  g_assert_no_error (error);
  casebook_case_set_personal_note (c, "Before\x1b[31mred\x07 <i>not italic</i> &amp;\tafter\r\nend");
  casebook_collection_set_introduction (collection, "Intro \x01with\x7f controls");
  casebook_render_report_add_case (report, c);
  casebook_render_report_set_collection (report, collection);
  _casebook_render_report_set_date (report, date);

  path = write_pdf (fixture, report, "hostile.pdf");
  doc = open_pdf (path);
  all = document_says (doc);

  find (all, "<b>Bold</b> &");
  find (all, "Before");
  find (all, "red");
  find (all, "<i>not italic</i> &amp;");
  find (all, "after");
  find (all, "end");
  find (all, "Intro");
  find (all, "controls");
  assert_qpdf_clean (path);
}

/* The store -------------------------------------------------------------- */

/* A collection "Board" in the fixture's store with @ids in that order,
 * an introduction, and a note on its first case. */
static gint64
make_collection (CasebookStore      *store,
                 const char         *name,
                 const char * const *ids)
{
  g_autoptr(CasebookCollection) collection = casebook_collection_new (name);
  g_autoptr(GError) error = NULL;
  guint n_added = 0;

  g_assert_true (casebook_store_create_collection (store, collection, &error));
  g_assert_no_error (error);
  if (ids != NULL)
    {
      g_assert_true (casebook_store_add_to_collection (store, casebook_collection_get_id (collection), ids, -1,
                                                       &n_added, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_added, ==, g_strv_length ((char **) ids));
      g_assert_true (casebook_store_set_note (store, ids[0], "Ask the bank about their licences.", &error));
      g_assert_no_error (error);
    }
  g_assert_true (casebook_store_set_collection_introduction (store, casebook_collection_get_id (collection),
                                                             "For the architecture board.", &error));
  g_assert_no_error (error);

  return casebook_collection_get_id (collection);
}

/* From the store: the collection's cases in its order, its name and
 * introduction, the note the store keeps; an empty collection and one
 * that is not there are errors. */
static void
test_load_from_store (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *ids[] = { "report-2.1", "report-8.3", "report-3.1", NULL };
  gint64 id = make_collection (fixture->store, "Board", ids);
  gint64 empty = make_collection (fixture->store, "Nothing yet", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookRenderReport) report = casebook_render_report_load_brief (fixture->store, id, CASEBOOK_LANG_EN,
                                                                             NULL, &error);
  g_autoptr(CasebookRenderReport) none = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *all = NULL;
  g_autofree char *cover = NULL;
  g_autofree char *overview = NULL;
  gsize last = 0;

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpint (_casebook_render_report_get_kind (report), ==, CASEBOOK_RENDER_REPORT_BRIEF);
  g_assert_cmpuint (_casebook_render_report_get_n_cases (report), ==, 3);
  g_assert_cmpstr (casebook_render_report_get_title (report), ==, "Board");

  path = write_pdf (fixture, report, "store.pdf");
  doc = open_pdf (path);
  all = document_says (doc);
  cover = page_says (doc, 0);
  overview = page_says (doc, 1);
  find (cover, "Board");
  find (cover, "For the architecture board.");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *owned = NULL;
      gsize at = find (overview, title_of (fixture, ids[i], CASEBOOK_LANG_EN, &owned));

      g_assert_cmpuint (at, >=, last);
      last = at;
    }
  {
    g_autofree char *first = page_says (doc, (int) _casebook_render_report_get_case_page (report, 0));

    find (first, "Ask the bank about their licences.");
  }
  g_assert_false (says (all, "Containerization at an insurance company"));
  assert_qpdf_clean (path);

  none = casebook_render_report_load_brief (fixture->store, empty, CASEBOOK_LANG_EN, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, CASEBOOK_RENDER_REPORT_ERROR, CASEBOOK_RENDER_REPORT_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "“Nothing yet”"));
  g_clear_error (&error);

  none = casebook_render_report_load_brief (fixture->store, id + empty + 100, CASEBOOK_LANG_EN, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);
}

/* A smart collection's brief holds the cases its filter lets through
 * now, and only them. */
static void
test_load_smart (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(CasebookCollection) smart = NULL;
  g_autoptr(CasebookRenderReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) every = all_ids (fixture);
  guint n_government = 0;

  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "government", TRUE);
  smart = casebook_collection_new_smart ("Government", filter);
  g_assert_true (casebook_store_create_collection (fixture->store, smart, &error));
  g_assert_no_error (error);

  report = casebook_render_report_load_brief (fixture->store, casebook_collection_get_id (smart), CASEBOOK_LANG_EN,
                                              NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; g_ptr_array_index (every, i) != NULL; i++)
    {
      g_autoptr(CasebookCase) c = casebook_store_get_case (fixture->store, g_ptr_array_index (every, i), NULL);

      n_government += g_strcmp0 (casebook_case_get_sector (c), "government") == 0;
    }
  g_assert_cmpuint (n_government, >, 0);
  g_assert_cmpuint (_casebook_render_report_get_n_cases (report), ==, n_government);
}

/* The command line --------------------------------------------------------- */

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

/* The real binary, without a display, with SOURCE_DATE_EPOCH set. */
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
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, g_strdup (bin));
  g_ptr_array_add (argv, g_strdup_printf ("--db=%s", db));
  va_start (args, db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "SOURCE_DATE_EPOCH", "1748736000", TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* --collection=NAME --export-pdf=FILE writes the collection's brief, the
 * same bytes every time; an unknown collection is an error naming it,
 * and --case with it is refused; neither writes anything. */
static void
test_cli_export_pdf (void)
{
  const char *ids[] = { "report-4.2", "report-2.1", NULL };
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "store.db", NULL);
  g_autofree char *first = g_build_filename (dir, "first.pdf", NULL);
  g_autofree char *second = g_build_filename (dir, "second.pdf", NULL);
  g_autofree char *other = g_build_filename (dir, "other.pdf", NULL);
  g_autofree char *first_arg = g_strdup_printf ("--export-pdf=%s", first);
  g_autofree char *second_arg = g_strdup_printf ("--export-pdf=%s", second);
  g_autofree char *other_arg = g_strdup_printf ("--export-pdf=%s", other);
  gsize la = 0, lb = 0;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  Run run = { 0 };

  {
    g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);

    make_collection (store, "董事会 brief", ids);
  }

  run_casebook (&run, db, "--lang=zh", "--collection=董事会 brief", first_arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, first));
  run_clear (&run);
  run_casebook (&run, db, "--lang=zh", "--collection=董事会 brief", second_arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  a = casebook_test_read_file (first, &la);
  b = casebook_test_read_file (second, &lb);
  g_assert_cmpmem (a, la, b, lb);
  {
    g_autoptr(PopplerDocument) doc = open_pdf (first);
    g_autofree char *all = document_says (doc);
    g_autofree char *title = poppler_document_get_title (doc);

    g_assert_cmpstr (title, ==, "董事会 brief");
    g_assert_cmpuint (find (all, "社交平台WebAssembly案例"), <, find (all, "大型银行虚拟化案例"));
    find (all, "Ask the bank about their licences.");
    find (all, "For the architecture board.");
    g_assert_false (says (all, "保险公司容器化案例"));
    assert_qpdf_clean (first);
  }

  run_casebook (&run, db, "--collection=No such", other_arg, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“No such”"));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  run_clear (&run);

  run_casebook (&run, db, "--collection=董事会 brief", "--case=report-2.1", other_arg, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--case"));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  run_clear (&run);

  casebook_test_rmdir (dir);
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

  ADD ("/brief/layout/english", test_brief_english);
  ADD ("/brief/layout/chinese", test_brief_chinese);
  g_test_add ("/brief/layout/many-cases-english", Fixture, GINT_TO_POINTER (CASEBOOK_LANG_EN), fixture_set_up,
              test_brief_many, fixture_tear_down);
  g_test_add ("/brief/layout/many-cases-chinese", Fixture, GINT_TO_POINTER (CASEBOOK_LANG_ZH), fixture_set_up,
              test_brief_many, fixture_tear_down);
  ADD ("/brief/pdf/reproducible", test_brief_reproducible);
  ADD ("/brief/note/hostile", test_brief_hostile_note);
  ADD ("/brief/load/store", test_load_from_store);
  ADD ("/brief/load/smart", test_load_smart);
  g_test_add_func ("/brief/cli/export-pdf", test_cli_export_pdf);

#undef ADD

  return g_test_run ();
}
