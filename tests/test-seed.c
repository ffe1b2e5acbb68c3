/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "casebook-case-check.h"
#include "casebook-store-private.h"
#include "casebook-test-util.h"
#include "casebook-document-private.h"

static void
assert_both (const CasebookText *text,
             const char         *where)
{
  if (text == NULL || text->zh == NULL || text->en == NULL)
    g_error ("%s is missing a language", where);
}

static void
assert_all_both (GPtrArray  *texts,
                 const char *where)
{
  for (guint i = 0; i < texts->len; i++)
    assert_both (g_ptr_array_index (texts, i), where);
}

static CasebookDocument *
bundled (void)
{
  g_autoptr(GError) error = NULL;
  CasebookDocument *doc = _casebook_bundled_document (&error);

  g_assert_no_error (error);
  return doc;
}

static void
test_complete_and_bilingual (void)
{
  g_autoptr(CasebookDocument) doc = bundled ();
  GPtrArray *cases = casebook_document_get_cases (doc);
  static const char *ids[] = {
    "report-2.1", "report-2.2", "report-2.3", "report-3.1", "report-3.2", "report-3.3",
    "report-4.1", "report-4.2", "report-4.3", "report-5.1", "report-5.2",
    "report-8.1", "report-8.2", "report-8.3",
  };
  guint failures = 0;

  g_assert_cmpuint (cases->len, ==, G_N_ELEMENTS (ids));

  for (guint i = 0; i < cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (cases, i);
      const CasebookSource *source = casebook_case_get_source (c);
      g_autofree char *section = g_strdup (ids[i] + strlen ("report-"));

      g_assert_cmpstr (casebook_case_get_id (c), ==, ids[i]);
      g_assert_nonnull (source);
      g_assert_cmpstr (source->section, ==, section);
      assert_both (source->title, "source title");

      assert_both (casebook_case_get_title (c), "title");
      assert_both (casebook_case_get_organization (c), "organization");
      assert_all_both (casebook_case_get_scenarios (c), "scenario");
      assert_all_both (casebook_case_get_requirements (c), "requirement");
      assert_all_both (casebook_case_get_lessons (c), "lesson");
      g_assert_cmpuint (casebook_case_get_lessons (c)->len, ==, 4);

      for (guint j = 0; j < casebook_case_get_stack (c)->len; j++)
        {
          CasebookStackItem *item = g_ptr_array_index (casebook_case_get_stack (c), j);
          assert_both (item->role, "stack role");
          assert_both (item->product, "stack product");
        }
      for (guint j = 0; j < casebook_case_get_phases (c)->len; j++)
        assert_both (((CasebookPhase *) g_ptr_array_index (casebook_case_get_phases (c), j))->name, "phase");
      for (guint j = 0; j < casebook_case_get_challenges (c)->len; j++)
        {
          CasebookChallenge *ch = g_ptr_array_index (casebook_case_get_challenges (c), j);
          assert_both (ch->title, "challenge");
          assert_both (ch->text, "challenge text");
          assert_both (ch->solution, "solution");
        }
      for (guint j = 0; j < casebook_case_get_outcomes (c)->len; j++)
        assert_both (((CasebookOutcome *) g_ptr_array_index (casebook_case_get_outcomes (c), j))->text, "outcome");

      if (casebook_case_get_kind (c) == CASEBOOK_KIND_FAILURE)
        {
          const CasebookFailure *failure = casebook_case_get_failure (c);

          failures++;
          g_assert_nonnull (failure);
          assert_both (failure->problem, "problem");
          assert_both (failure->result, "result");
          assert_all_both (failure->causes, "cause");
          g_assert_cmpuint (failure->causes->len, ==, 4);
        }
      else
        {
          /* Every adoption case has its period, four challenges with
           * solutions, four outcomes and at least three phases. */
          g_assert_true (casebook_case_get_period (c, NULL, NULL));
          g_assert_cmpuint (casebook_case_get_challenges (c)->len, ==, 4);
          g_assert_cmpuint (casebook_case_get_outcomes (c)->len, ==, 4);
          g_assert_cmpuint (casebook_case_get_phases (c)->len, >=, 3);
        }
    }

  g_assert_cmpuint (failures, ==, 3);
}

static const CasebookOutcome *
find_outcome (CasebookCase *c,
              const char   *metric,
              guint         nth)
{
  GPtrArray *outcomes = casebook_case_get_outcomes (c);

  for (guint i = 0; i < outcomes->len; i++)
    {
      const CasebookOutcome *o = g_ptr_array_index (outcomes, i);

      if (g_strcmp0 (o->metric, metric) == 0 && nth-- == 0)
        return o;
    }

  g_error ("no outcome %s in %s", metric, casebook_case_get_id (c));
  return NULL;
}

static void
test_numbers_as_reported (void)
{
  g_autoptr(CasebookDocument) doc = bundled ();
  CasebookCase *bank = _casebook_document_find_case (doc, "report-2.1");
  CasebookCase *insurer = _casebook_document_find_case (doc, "report-2.2");
  CasebookCase *securities = _casebook_document_find_case (doc, "report-2.3");
  CasebookCase *shop = _casebook_document_find_case (doc, "report-4.1");
  CasebookCase *gov = _casebook_document_find_case (doc, "report-5.1");
  const CasebookOutcome *o;
  int start, end;

  /* Section 2.1: >50000 staff, 2023–2025, utilization 30% → 80%. */
  g_assert_cmpint (casebook_case_get_employees (bank), ==, 50000);
  g_assert_cmpint (casebook_case_get_employees_qualifier (bank), ==, CASEBOOK_QUALIFIER_MORE_THAN);
  g_assert_true (casebook_case_get_period (bank, &start, &end));
  g_assert_cmpint (start, ==, 2023);
  g_assert_cmpint (end, ==, 2025);
  o = find_outcome (bank, "utilization", 0);
  g_assert_true (o->has_value && o->has_baseline);
  g_assert_cmpfloat (o->value, ==, 80);
  g_assert_cmpfloat (o->baseline, ==, 30);
  g_assert_cmpint (o->unit, ==, CASEBOOK_UNIT_PERCENT);
  g_assert_cmpint (o->better, ==, CASEBOOK_BETTER_HIGHER);
  o = find_outcome (bank, "cost", 0);
  g_assert_cmpfloat (o->value, ==, -40);
  g_assert_cmpint (o->better, ==, CASEBOOK_BETTER_LOWER);
  o = find_outcome (bank, "availability", 0);
  g_assert_cmpfloat (fabs (o->value - 99.99), <, 1e-9);

  /* "From weeks to hours" keeps its words and gets no invented number. */
  o = find_outcome (bank, "deployment_speed", 0);
  g_assert_false (o->has_value);
  g_assert_nonnull (strstr (o->text->zh, "数周"));

  /* Section 2.2: deployment ten times faster, quarters in the phases. */
  o = find_outcome (insurer, "deployment_speed", 0);
  g_assert_cmpfloat (o->value, ==, 10);
  g_assert_cmpint (o->unit, ==, CASEBOOK_UNIT_TIMES);
  {
    CasebookPhase *first = g_ptr_array_index (casebook_case_get_phases (insurer), 0);
    g_assert_cmpint (first->start.year, ==, 2024);
    g_assert_cmpint (first->start.quarter, ==, 1);
    g_assert_cmpint (first->end.quarter, ==, 2);
  }

  /* Section 2.3: 5000 staff, exactly as stated. */
  g_assert_cmpint (casebook_case_get_employees (securities), ==, 5000);
  g_assert_cmpint (casebook_case_get_employees_qualifier (securities), ==, CASEBOOK_QUALIFIER_EXACT);

  o = find_outcome (shop, "deployment_speed", 0);
  g_assert_cmpfloat (o->value, ==, 20);

  /* Section 5.1: 等保2.0 met is qualitative. */
  o = find_outcome (gov, "compliance", 0);
  g_assert_false (o->has_value);
  g_assert_nonnull (strstr (o->text->zh, "等保2.0"));
}

static void
test_flags_size_contradiction (void)
{
  g_autoptr(CasebookDocument) doc = bundled ();
  CasebookCase *c = _casebook_document_find_case (doc, "report-3.2");
  GPtrArray *notes = casebook_case_get_notes (c);
  gboolean found = FALSE;

  /* Kept as the report says it ... */
  g_assert_cmpint (casebook_case_get_size (c), ==, CASEBOOK_SIZE_MEDIUM);
  g_assert_cmpint (casebook_case_get_employees (c), ==, 15000);
  /* ... although section 1.3 puts 15,000 staff in the large band ... */
  g_assert_cmpint (casebook_size_for_employees (15000), ==, CASEBOOK_SIZE_LARGE);

  /* ... and flagged. */
  for (guint i = 0; i < notes->len; i++)
    {
      CasebookNote *note = g_ptr_array_index (notes, i);

      if (g_strcmp0 (note->field, "size") == 0)
        {
          found = TRUE;
          assert_both (note->text, "note");
        }
    }
  g_assert_true (found);
}

static void
test_cross_sector_material (void)
{
  g_autoptr(CasebookDocument) doc = bundled ();
  GPtrArray *insights = casebook_document_get_insights (doc);
  GPtrArray *ranges = casebook_document_get_ranges (doc);
  /* The abstract and section 1 first, as the report has them, then the
   * sections of 6, 7 and 9 to 12. */
  static const char *sections[] = {
    "abstract", "1.1", "1.2", "1.3",
    "6.1", "6.2", "6.3", "7.1", "7.2", "7.3", "9.1", "9.2", "9.3",
    "10.1", "10.2", "10.3", "11.1", "11.2", "11.3", "12",
  };
  /* How many points each group of section 1 lists in the report: three
   * aims of each kind (1.1), three points of each method (1.2); four
   * industries, four technologies and three size bands (1.3). */
  static const guint overview_items[][3] = { { 3, 3, 3 }, { 3, 3, 3 }, { 4, 4, 3 } };
  gboolean finance_cost = FALSE;

  g_assert_cmpuint (insights->len, ==, G_N_ELEMENTS (sections));
  for (guint i = 0; i < insights->len; i++)
    {
      CasebookInsight *insight = g_ptr_array_index (insights, i);

      g_assert_cmpstr (insight->section, ==, sections[i]);
      assert_both (insight->title, "insight title");

      if (g_str_equal (insight->section, "abstract"))
        {
          /* One paragraph, no groups. */
          g_assert_cmpstr (insight->topic, ==, "abstract");
          assert_both (insight->summary, "abstract");
          g_assert_null (strstr (insight->summary->zh, "\n"));
          g_assert_cmpuint (insight->groups->len, ==, 0);
          continue;
        }

      if (insight->section[0] == '1' && insight->section[1] == '.')
        {
          const guint *counts = overview_items[insight->section[2] - '1'];

          g_assert_cmpstr (insight->topic, ==, "overview");
          g_assert_cmpuint (insight->groups->len, ==, 3);
          for (guint j = 0; j < insight->groups->len; j++)
            {
              CasebookInsightGroup *group = g_ptr_array_index (insight->groups, j);

              assert_both (group->title, "group title");
              g_assert_cmpuint (group->items->len, ==, counts[j]);
              for (guint k = 0; k < group->items->len; k++)
                assert_both (((CasebookInsightItem *) g_ptr_array_index (group->items, k))->text, "item");
            }
          continue;
        }

      g_assert_cmpuint (insight->groups->len, >=, 3);
      for (guint j = 0; j < insight->groups->len; j++)
        {
          CasebookInsightGroup *group = g_ptr_array_index (insight->groups, j);

          assert_both (group->title, "group title");
          g_assert_cmpuint (group->items->len, ==, 4);
          for (guint k = 0; k < group->items->len; k++)
            assert_both (((CasebookInsightItem *) g_ptr_array_index (group->items, k))->text, "item");
        }
    }

  g_assert_cmpuint (ranges->len, ==, 8);
  for (guint i = 0; i < ranges->len; i++)
    {
      CasebookRange *range = g_ptr_array_index (ranges, i);

      g_assert_cmpstr (range->section, ==, "6.3");
      g_assert_cmpfloat (range->min, <=, range->max);
      if (g_str_equal (range->sector, "finance") && g_str_equal (range->metric, "cost"))
        {
          /* Operations cost −30% to −40% in finance. */
          finance_cost = TRUE;
          g_assert_cmpfloat (range->min, ==, -40);
          g_assert_cmpfloat (range->max, ==, -30);
          g_assert_cmpint (range->unit, ==, CASEBOOK_UNIT_PERCENT_CHANGE);
          g_assert_cmpint (range->better, ==, CASEBOOK_BETTER_LOWER);
        }
    }
  g_assert_true (finance_cost);

  g_assert_cmpuint (casebook_document_get_references (doc)->len, ==, 10);
  g_assert_cmpuint (casebook_document_get_sectors (doc)->len, ==, 4);
}

/* The numbers of @text, with the thousands separators dropped. */
static guint
numbers_in (const char *text,
            gint64     *numbers,
            guint       max)
{
  guint n = 0;

  for (const char *p = text; *p != '\0';)
    {
      gint64 value = 0;

      if (!g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }
      for (; g_ascii_isdigit (*p) || (*p == ',' && g_ascii_isdigit (p[1])); p++)
        if (*p != ',')
          value = value * 10 + (*p - '0');
      g_assert_cmpuint (n, <, max);
      numbers[n++] = value;
    }

  return n;
}

/* The band a size band's line names, in @lang, as the Size filter
 * names it: "Large enterprises" is the band the filter calls "Large". */
static CasebookSize
band_named (const CasebookText *title,
            CasebookLang        lang)
{
  static const CasebookSize bands[] = { CASEBOOK_SIZE_SMALL, CASEBOOK_SIZE_MEDIUM, CASEBOOK_SIZE_LARGE };
  CasebookSize found = CASEBOOK_SIZE_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    if (strstr (casebook_text_get (title, lang), casebook_size_label (bands[i], lang)) != NULL)
      {
        g_assert_cmpint (found, ==, CASEBOOK_SIZE_UNKNOWN);
        found = bands[i];
      }

  g_assert_cmpint (found, !=, CASEBOOK_SIZE_UNKNOWN);
  return found;
}

/* Section 1.3's size bands, which the collection states as the report
 * does, are the bands that Casebook files cases under
 * (casebook_size_for_employees(), which the Size filter uses): each
 * bound, in both languages, is where the band begins or ends. */
static void
test_size_bands_agree (void)
{
  g_autoptr(CasebookDocument) doc = bundled ();
  GPtrArray *insights = casebook_document_get_insights (doc);
  const CasebookInsightGroup *group = NULL;
  gboolean seen[CASEBOOK_SIZE_LARGE + 1] = { FALSE, };

  for (guint i = 0; i < insights->len; i++)
    {
      CasebookInsight *insight = g_ptr_array_index (insights, i);

      if (g_str_equal (insight->section, "1.3"))
        for (guint j = 0; j < insight->groups->len; j++)
          {
            CasebookInsightGroup *g = g_ptr_array_index (insight->groups, j);

            if (g_str_equal (g->title->zh, "规模范围"))
              group = g;
          }
    }
  g_assert_nonnull (group);
  g_assert_cmpuint (group->items->len, ==, 3);

  for (guint i = 0; i < group->items->len; i++)
    {
      const CasebookInsightItem *item = g_ptr_array_index (group->items, i);
      CasebookSize band = band_named (item->title, CASEBOOK_LANG_ZH);
      gint64 zh[3], en[3];
      guint n = numbers_in (item->text->zh, zh, G_N_ELEMENTS (zh));

      g_assert_cmpint (band_named (item->title, CASEBOOK_LANG_EN), ==, band);
      g_assert_false (seen[band]);
      seen[band] = TRUE;

      /* Both languages give the same bounds. */
      g_assert_cmpuint (numbers_in (item->text->en, en, G_N_ELEMENTS (en)), ==, n);
      for (guint k = 0; k < n; k++)
        g_assert_cmpint (zh[k], ==, en[k]);

      if (n == 2)
        {
          /* From one number to the other, both in the band. */
          g_assert_cmpint (casebook_size_for_employees (zh[0]), ==, band);
          g_assert_cmpint (casebook_size_for_employees (zh[1]), ==, band);
          g_assert_cmpint (casebook_size_for_employees (zh[0] - 1), !=, band);
          g_assert_cmpint (casebook_size_for_employees (zh[1] + 1), !=, band);
        }
      else if (strchr (item->text->zh, '>') != NULL)
        {
          /* More than the number, with no upper end. */
          g_assert_cmpuint (n, ==, 1);
          g_assert_nonnull (strstr (item->text->en, "More than"));
          g_assert_cmpint (casebook_size_for_employees (zh[0]), !=, band);
          g_assert_cmpint (casebook_size_for_employees (zh[0] + 1), ==, band);
          g_assert_cmpint (casebook_size_for_employees (CASEBOOK_MAX_EMPLOYEES), ==, band);
        }
      else
        {
          /* Fewer than the number, from none. */
          g_assert_cmpuint (n, ==, 1);
          g_assert_nonnull (strchr (item->text->zh, '<'));
          g_assert_nonnull (strstr (item->text->en, "Fewer than"));
          g_assert_cmpint (casebook_size_for_employees (zh[0]), !=, band);
          g_assert_cmpint (casebook_size_for_employees (zh[0] - 1), ==, band);
          g_assert_cmpint (casebook_size_for_employees (0), ==, band);
        }
    }

  g_assert_true (seen[CASEBOOK_SIZE_SMALL] && seen[CASEBOOK_SIZE_MEDIUM] && seen[CASEBOOK_SIZE_LARGE]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/seed/complete-and-bilingual", test_complete_and_bilingual);
  g_test_add_func ("/seed/numbers-as-reported", test_numbers_as_reported);
  g_test_add_func ("/seed/flags-size-contradiction", test_flags_size_contradiction);
  g_test_add_func ("/seed/cross-sector-material", test_cross_sector_material);
  g_test_add_func ("/seed/size-bands-agree", test_size_bands_agree);

  return g_test_run ();
}
