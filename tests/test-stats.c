/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "casebook-coverage-private.h"
#include "casebook-enums.h"
#include "casebook-format.h"
#include "casebook-l10n.h"
#include "casebook-stats-private.h"
#include "casebook-store-charts.h"
#include "casebook-test-util.h"

/* Every expected number here is read off data/casebook-seed.json by hand:
 * the outcomes of each case (value, unit, baseline, better) and the
 * ranges of section 6.3. */

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

static CasebookStats *
load (Fixture        *fixture,
      CasebookFilter *filter,
      const char     *metric)
{
  g_autoptr(GError) error = NULL;
  CasebookStats *stats = casebook_stats_load (fixture->store, filter, metric, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stats);
  return stats;
}

static const CasebookStatsRow *
row (CasebookStats *stats,
     guint          panel,
     const char    *sector)
{
  const CasebookStatsRow *r = _casebook_stats_find_row (stats, panel, sector);

  g_assert_nonnull (r);
  return r;
}

/* The labels (report sections) of a row's points, in order of value. */
static char *
row_labels (CasebookStats          *stats,
            const CasebookStatsRow *r)
{
  g_autoptr(GString) labels = g_string_new (NULL);

  for (guint i = r->first; i < r->first + r->n_points; i++)
    g_string_append_printf (labels, "%s%s", labels->len > 0 ? " " : "",
                            casebook_stats_get_point (stats, i)->label);

  return g_string_free (g_steal_pointer (&labels), FALSE);
}

static void
test_cost (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CasebookStats) stats = load (fixture, NULL, "cost");
  const CasebookStatsPanel *panel;
  const CasebookStatsRow *r;
  g_autofree char *labels = NULL;

  /* Cost: 2.1 −40, 2.3 −30, 3.1 −35, 3.2 −40, 5.1 −25, all percent
   * changes, lower is better. */
  g_assert_cmpuint (casebook_stats_get_n_panels (stats), ==, 1);
  g_assert_cmpuint (casebook_stats_get_n_points (stats), ==, 5);
  g_assert_cmpuint (casebook_stats_get_n_cases (stats), ==, 5);
  g_assert_cmpuint (casebook_stats_get_n_qualitative (stats), ==, 0);
  g_assert_cmpstr (casebook_text_get (casebook_stats_get_name (stats), CASEBOOK_LANG_EN), ==, "Cost");
  g_assert_cmpstr (casebook_text_get (casebook_stats_get_name (stats), CASEBOOK_LANG_ZH), ==, "成本");

  panel = casebook_stats_get_panel (stats, 0);
  g_assert_cmpint (panel->scale, ==, CASEBOOK_SCALE_CHANGE);
  g_assert_cmpint (panel->unit, ==, CASEBOOK_UNIT_PERCENT_CHANGE);
  g_assert_cmpint (panel->better, ==, CASEBOOK_BETTER_LOWER);
  /* Rows in the store's sector order; Internet has a range but no case. */
  g_assert_cmpuint (panel->n_rows, ==, 4);
  g_assert_cmpstr (panel->rows[0].sector->key, ==, "finance");
  g_assert_cmpstr (panel->rows[1].sector->key, ==, "manufacturing");
  g_assert_cmpstr (panel->rows[2].sector->key, ==, "internet");
  g_assert_cmpstr (panel->rows[3].sector->key, ==, "government");
  /* Extent: the values −40…−25 and the ranges −50…−20. */
  g_assert_cmpfloat_with_epsilon (panel->lo, -50, 1e-9);
  g_assert_cmpfloat_with_epsilon (panel->hi, -20, 1e-9);

  r = row (stats, 0, "finance");
  g_assert_cmpuint (r->n_points, ==, 2);
  g_assert_cmpfloat_with_epsilon (r->mean, -35, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->min, -40, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->max, -30, 1e-9);
  labels = row_labels (stats, r);
  g_assert_cmpstr (labels, ==, "2.1 2.3");
  g_assert_nonnull (r->range);
  g_assert_cmpfloat_with_epsilon (r->range_min, -40, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->range_max, -30, 1e-9);
  g_assert_cmpstr (casebook_stats_get_point (stats, r->first)->case_id, ==, "report-2.1");
  g_assert_cmpstr (casebook_stats_get_point (stats, r->first)->title.en, ==, "Virtualization at a large bank");

  r = row (stats, 0, "manufacturing");
  g_assert_cmpuint (r->n_points, ==, 2);
  g_assert_cmpfloat_with_epsilon (r->mean, -37.5, 1e-9);
  g_clear_pointer (&labels, g_free);
  labels = row_labels (stats, r);
  g_assert_cmpstr (labels, ==, "3.2 3.1");
  g_assert_cmpfloat_with_epsilon (r->range_min, -35, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->range_max, -25, 1e-9);

  r = row (stats, 0, "internet");
  g_assert_cmpuint (r->n_points, ==, 0);
  g_assert_true (isnan (r->mean));
  g_assert_cmpfloat_with_epsilon (r->range_min, -50, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->range_max, -50, 1e-9);

  r = row (stats, 0, "government");
  g_assert_cmpuint (r->n_points, ==, 1);
  g_assert_cmpfloat_with_epsilon (r->mean, -25, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->range_min, -30, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->range_max, -20, 1e-9);
}

static void
test_availability (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CasebookStats) stats = load (fixture, NULL, "availability");
  const CasebookStatsPanel *panel;
  const CasebookStatsRow *r;

  /* 2.1 99.99, 2.3 99.9, 3.1 99.95, 4.1 99.99; range finance 99.99. */
  g_assert_cmpuint (casebook_stats_get_n_panels (stats), ==, 1);
  panel = casebook_stats_get_panel (stats, 0);
  g_assert_cmpint (panel->scale, ==, CASEBOOK_SCALE_NINES);
  g_assert_cmpint (panel->better, ==, CASEBOOK_BETTER_HIGHER);
  g_assert_cmpuint (panel->n_rows, ==, 3);

  r = row (stats, 0, "finance");
  g_assert_cmpuint (r->n_points, ==, 2);
  g_assert_cmpfloat_with_epsilon (r->mean, 99.945, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->range_min, 99.99, 1e-9);
  g_assert_cmpfloat_with_epsilon (row (stats, 0, "manufacturing")->mean, 99.95, 1e-9);
  g_assert_cmpfloat_with_epsilon (row (stats, 0, "internet")->mean, 99.99, 1e-9);
  g_assert_null (_casebook_stats_find_row (stats, 0, "government"));

  /* Each nine is a tenth of the downtime: 99.9 % is 3 nines and 8.766
   * hours a year (0.001 × 365.25 × 24 h); 99.99 % is 4 and 52.6 minutes. */
  g_assert_cmpfloat_with_epsilon (casebook_availability_nines (99.9), 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (casebook_availability_nines (99.99), 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (casebook_availability_nines (99), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (casebook_availability_nines (100), CASEBOOK_NINES_MAX, 1e-9);
  g_assert_true (isnan (casebook_availability_nines (-1)));
  g_assert_cmpfloat_with_epsilon (casebook_availability_downtime (99.9), 31557.6, 1e-6);
  g_assert_cmpfloat_with_epsilon (casebook_availability_downtime (99.99), 3155.76, 1e-6);

  {
    g_autofree char *hours = casebook_format_downtime (31557.6, CASEBOOK_LANG_EN);
    g_autofree char *minutes = casebook_format_downtime (3155.76, CASEBOOK_LANG_EN);
    g_autofree char *minutes_zh = casebook_format_downtime (3155.76, CASEBOOK_LANG_ZH);

    g_assert_cmpstr (hours, ==, "8.8 h/yr");
    g_assert_cmpstr (minutes, ==, "53 min/yr");
    g_assert_cmpstr (minutes_zh, ==, "53分钟/年");
  }
}

static void
test_multiples (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CasebookStats) performance = load (fixture, NULL, "performance");
  g_autoptr(CasebookStats) speed = load (fixture, NULL, "deployment_speed");
  const CasebookStatsPanel *panel;
  const CasebookStatsRow *r;
  const CasebookStatsPoint *point;

  /* Performance: 3.2 10×, 3.3 3×, and the changes 4.2 +50 % and 4.3
   * +30 %, which as multiples are 1.5× and 1.3×: one log axis. */
  g_assert_cmpuint (casebook_stats_get_n_panels (performance), ==, 1);
  panel = casebook_stats_get_panel (performance, 0);
  g_assert_cmpint (panel->scale, ==, CASEBOOK_SCALE_MULTIPLE);
  g_assert_cmpint (panel->unit, ==, CASEBOOK_UNIT_TIMES);
  g_assert_true (panel->converted);
  g_assert_cmpfloat_with_epsilon (panel->lo, 1.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (panel->hi, 10, 1e-9);

  r = row (performance, 0, "internet");
  g_assert_cmpuint (r->n_points, ==, 2);
  point = casebook_stats_get_point (performance, r->first);
  g_assert_cmpstr (point->label, ==, "4.3");
  g_assert_cmpfloat_with_epsilon (point->value, 1.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (point->stated, 30, 1e-9);
  g_assert_cmpint (point->stated_unit, ==, CASEBOOK_UNIT_PERCENT_CHANGE);
  /* Multiples average geometrically: √(1.5 × 1.3) = √1.95. */
  g_assert_cmpfloat_with_epsilon (r->mean, 1.396424004376894, 1e-9);
  /* √(10 × 3) = √30 */
  g_assert_cmpfloat_with_epsilon (row (performance, 0, "manufacturing")->mean, 5.477225575051661, 1e-9);

  /* Deployment speed: 2.1 says "from weeks to hours" without a number;
   * 2.2 10×, 4.1 20×, 4.3 5×, 5.2 10×. */
  g_assert_cmpuint (casebook_stats_get_n_qualitative (speed), ==, 1);
  g_assert_cmpuint (casebook_stats_get_n_points (speed), ==, 4);
  panel = casebook_stats_get_panel (speed, 0);
  g_assert_cmpint (panel->scale, ==, CASEBOOK_SCALE_MULTIPLE);
  g_assert_false (panel->converted);
  g_assert_cmpfloat_with_epsilon (row (speed, 0, "finance")->mean, 10, 1e-9);
  /* √(20 × 5) = 10 */
  g_assert_cmpfloat_with_epsilon (row (speed, 0, "internet")->mean, 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (row (speed, 0, "government")->mean, 10, 1e-9);
}

static void
test_mixed_units (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CasebookStats) stats = load (fixture, NULL, "utilization");
  const CasebookStatsPanel *level, *change;
  const CasebookStatsPoint *point;

  /* Utilization: 2.1 is a level, 30 % → 80 %; 4.3 a change, +60 %. A
   * level and a change do not convert: two panels. */
  g_assert_cmpuint (casebook_stats_get_n_panels (stats), ==, 2);
  level = casebook_stats_get_panel (stats, 0);
  change = casebook_stats_get_panel (stats, 1);
  g_assert_cmpint (level->scale, ==, CASEBOOK_SCALE_LEVEL);
  g_assert_cmpint (change->scale, ==, CASEBOOK_SCALE_CHANGE);
  g_assert_cmpint (level->better, ==, CASEBOOK_BETTER_HIGHER);
  g_assert_cmpuint (level->n_rows, ==, 1);
  g_assert_cmpuint (change->n_rows, ==, 1);
  g_assert_cmpfloat_with_epsilon (level->lo, 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (level->hi, 80, 1e-9);

  point = casebook_stats_get_point (stats, row (stats, 0, "finance")->first);
  g_assert_cmpstr (point->case_id, ==, "report-2.1");
  g_assert_cmpfloat_with_epsilon (point->value, 80, 1e-9);
  g_assert_cmpfloat_with_epsilon (point->baseline, 30, 1e-9);

  point = casebook_stats_get_point (stats, row (stats, 1, "internet")->first);
  g_assert_cmpstr (point->case_id, ==, "report-4.3");
  g_assert_cmpfloat_with_epsilon (point->value, 60, 1e-9);
  g_assert_true (isnan (point->baseline));
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CasebookFilter) finance = casebook_filter_new ();
  g_autoptr(CasebookFilter) query = casebook_filter_new ();
  g_autoptr(CasebookStats) stats = NULL;
  const CasebookStatsPanel *panel;

  /* The Cases page's filters narrow the numbers, and the ranges to the
   * chosen sectors. */
  casebook_filter_set (finance, CASEBOOK_FACET_SECTOR, "finance", TRUE);
  stats = load (fixture, finance, "cost");
  panel = casebook_stats_get_panel (stats, 0);
  g_assert_cmpuint (panel->n_rows, ==, 1);
  g_assert_cmpstr (panel->rows[0].sector->key, ==, "finance");
  g_assert_cmpuint (casebook_stats_get_n_points (stats), ==, 2);
  g_assert_cmpfloat_with_epsilon (panel->rows[0].mean, -35, 1e-9);
  g_clear_object (&stats);

  /* The search too: 等保 is only in 5.1, whose cost fell by 25 %. */
  casebook_filter_set_query (query, "等保");
  stats = load (fixture, query, "cost");
  g_assert_cmpuint (casebook_stats_get_n_points (stats), ==, 1);
  g_assert_cmpstr (casebook_stats_get_point (stats, 0)->case_id, ==, "report-5.1");
  g_assert_cmpfloat_with_epsilon (casebook_stats_get_point (stats, 0)->value, -25, 1e-9);
}

static void
test_coverage (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCoverage) coverage = casebook_coverage_load (fixture->store, NULL, &error);
  int cost, compliance, integration, speed, finance, manufacturing, internet, government;

  g_assert_no_error (error);
  g_assert_nonnull (coverage);

  /* The fourteen built-in families are the rows, the four sectors the
   * columns. */
  g_assert_cmpuint (casebook_coverage_get_n_metrics (coverage), ==, 14);
  g_assert_cmpuint (casebook_coverage_get_n_sectors (coverage), ==, 4);

  cost = _casebook_coverage_find_metric (coverage, "cost");
  compliance = _casebook_coverage_find_metric (coverage, "compliance");
  integration = _casebook_coverage_find_metric (coverage, "integration");
  speed = _casebook_coverage_find_metric (coverage, "deployment_speed");
  finance = _casebook_coverage_find_sector (coverage, "finance");
  manufacturing = _casebook_coverage_find_sector (coverage, "manufacturing");
  internet = _casebook_coverage_find_sector (coverage, "internet");
  government = _casebook_coverage_find_sector (coverage, "government");
  g_assert_cmpint (cost, ==, 0);
  g_assert_cmpint (finance, ==, 0);

  /* Cost: 2.1 and 2.3; 3.1 and 3.2; none in Internet; 5.1. */
  g_assert_cmpuint (casebook_coverage_get_count (coverage, cost, finance), ==, 2);
  g_assert_cmpuint (casebook_coverage_get_count (coverage, cost, manufacturing), ==, 2);
  g_assert_cmpuint (casebook_coverage_get_count (coverage, cost, internet), ==, 0);
  g_assert_cmpuint (casebook_coverage_get_count (coverage, cost, government), ==, 1);
  g_assert_cmpuint (casebook_coverage_get_metric_total (coverage, cost), ==, 5);

  /* Compliance: 2.3, and 5.1 with two outcomes, one of them without a
   * number: one case, one number. */
  g_assert_cmpuint (casebook_coverage_get_count (coverage, compliance, finance), ==, 1);
  g_assert_cmpuint (casebook_coverage_get_count (coverage, compliance, government), ==, 1);
  g_assert_cmpuint (casebook_coverage_get_n_values (coverage, compliance, government), ==, 1);
  g_assert_cmpuint (casebook_coverage_get_metric_total (coverage, compliance), ==, 2);

  /* Integration: 3.3 twice (80 % and 60 %), 5.2 once. */
  g_assert_cmpuint (casebook_coverage_get_count (coverage, integration, manufacturing), ==, 1);
  g_assert_cmpuint (casebook_coverage_get_n_values (coverage, integration, manufacturing), ==, 2);
  g_assert_cmpuint (casebook_coverage_get_count (coverage, integration, government), ==, 1);

  /* Deployment speed: 2.1 (no number) and 2.2; 4.1 and 4.3; 5.2. */
  g_assert_cmpuint (casebook_coverage_get_count (coverage, speed, finance), ==, 2);
  g_assert_cmpuint (casebook_coverage_get_n_values (coverage, speed, finance), ==, 1);
  g_assert_cmpuint (casebook_coverage_get_count (coverage, speed, internet), ==, 2);
  g_assert_cmpuint (casebook_coverage_get_count (coverage, speed, government), ==, 1);

  /* Efficiency, the widest family: 2.2; 3.1, 3.2; 4.1, 4.2; 5.1, 5.2. */
  g_assert_cmpuint (casebook_coverage_get_metric_total (coverage,
                                                        _casebook_coverage_find_metric (coverage, "efficiency")), ==, 7);
  g_assert_cmpuint (casebook_coverage_get_max (coverage), ==, 2);
}

static void
test_coverage_filter (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCoverage) coverage = NULL;

  /* Only the chosen sector is a column; the three failure cases report
   * no outcomes at all. */
  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "government", TRUE);
  coverage = casebook_coverage_load (fixture->store, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_coverage_get_n_sectors (coverage), ==, 1);
  g_assert_cmpstr (casebook_coverage_get_sector (coverage, 0)->key, ==, "government");
  g_assert_cmpuint (casebook_coverage_get_count (coverage, _casebook_coverage_find_metric (coverage, "cost"), 0), ==, 1);
  g_clear_pointer (&coverage, casebook_coverage_unref);

  casebook_filter_clear_facets (filter);
  casebook_filter_set (filter, CASEBOOK_FACET_KIND, "failure", TRUE);
  coverage = casebook_coverage_load (fixture->store, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_coverage_get_max (coverage), ==, 0);
}

static void
add_value (CasebookStats *stats,
           const char    *id,
           const char    *sector,
           double         value)
{
  CasebookOutcomeRow r = { 0 };

  r.case_id = id;
  r.sector = sector;
  r.has_value = TRUE;
  r.value = value;
  r.unit = CASEBOOK_UNIT_PERCENT_CHANGE;
  r.better = CASEBOOK_BETTER_LOWER;
  casebook_stats_add_outcome (stats, &r);
}

static void
test_not_finite (void)
{
  g_autoptr(CasebookStats) stats = casebook_stats_new ("cost", NULL);
  CasebookSector finance = { (char *) "finance", NULL, (char *) "#1c71d8" };
  const CasebookStatsPanel *panel;

  casebook_stats_add_sector (stats, &finance);
  add_value (stats, "a", "finance", -10);
  add_value (stats, "b", "finance", NAN);
  add_value (stats, "c", "finance", INFINITY);
  add_value (stats, "d", "finance", -30);
  casebook_stats_finish (stats);

  /* Numbers that are not finite never reach a chart. */
  g_assert_cmpuint (casebook_stats_get_n_points (stats), ==, 2);
  g_assert_cmpuint (_casebook_stats_get_n_skipped (stats), ==, 2);
  panel = casebook_stats_get_panel (stats, 0);
  g_assert_cmpfloat_with_epsilon (panel->rows[0].mean, -20, 1e-9);
  for (guint i = 0; i < casebook_stats_get_n_points (stats); i++)
    g_assert_true (isfinite (casebook_stats_get_point (stats, i)->value));

  /* A family without numbers has no panels: the chart says "no data". */
  {
    g_autoptr(CasebookStats) empty = casebook_stats_new ("cost", NULL);

    add_value (empty, "e", "finance", NAN);
    casebook_stats_finish (empty);
    g_assert_cmpuint (casebook_stats_get_n_panels (empty), ==, 0);
  }
}

static void
test_compare_outcomes (void)
{
  CasebookOutcome times = { NULL, (char *) "performance", TRUE, 10, CASEBOOK_UNIT_TIMES, FALSE, 0,
                            CASEBOOK_BETTER_HIGHER };
  CasebookOutcome change = { NULL, (char *) "performance", TRUE, 50, CASEBOOK_UNIT_PERCENT_CHANGE, FALSE, 0,
                             CASEBOOK_BETTER_HIGHER };
  CasebookOutcome cost_a = { NULL, (char *) "cost", TRUE, -40, CASEBOOK_UNIT_PERCENT_CHANGE, FALSE, 0,
                             CASEBOOK_BETTER_LOWER };
  CasebookOutcome cost_b = { NULL, (char *) "cost", TRUE, -30, CASEBOOK_UNIT_PERCENT_CHANGE, FALSE, 0,
                             CASEBOOK_BETTER_LOWER };
  CasebookOutcome level = { NULL, (char *) "utilization", TRUE, 80, CASEBOOK_UNIT_PERCENT, TRUE, 30,
                            CASEBOOK_BETTER_HIGHER };
  CasebookOutcome qualitative = { NULL, (char *) "cost", FALSE, 0, CASEBOOK_UNIT_NONE, FALSE, 0,
                                  CASEBOOK_BETTER_NONE };
  double values[3];
  CasebookUnit unit;

  /* 10× against +50 %: both as multiples, 10 and 1.5; 10× is better. */
  g_assert_cmpint (casebook_stats_compare_outcomes ((const CasebookOutcome *[]) { &change, &times }, 2,
                                                    values, &unit), ==, 1);
  g_assert_cmpint (unit, ==, CASEBOOK_UNIT_TIMES);
  g_assert_cmpfloat_with_epsilon (values[0], 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (values[1], 10, 1e-9);

  /* Lower is better for cost: −40 % beats −30 %; a qualitative outcome
   * takes no part. */
  g_assert_cmpint (casebook_stats_compare_outcomes ((const CasebookOutcome *[]) { &cost_b, &qualitative, &cost_a },
                                                    3, values, &unit), ==, 2);
  g_assert_cmpint (unit, ==, CASEBOOK_UNIT_PERCENT_CHANGE);
  g_assert_true (isnan (values[1]));

  /* A level and a change cannot be compared. */
  g_assert_cmpint (casebook_stats_compare_outcomes ((const CasebookOutcome *[]) { &level, &change }, 2,
                                                    values, &unit), ==, -1);

  /* Nor can outcomes that disagree on which way is better. */
  g_assert_cmpint (casebook_stats_compare_outcomes ((const CasebookOutcome *[]) { &cost_a, &change }, 2,
                                                    values, &unit), ==, -1);

  /* One number alone has nothing to beat. */
  g_assert_cmpint (casebook_stats_compare_outcomes ((const CasebookOutcome *[]) { &cost_a }, 1,
                                                    values, &unit), ==, -1);
}

static void
test_scale_round_trip (void)
{
  static const CasebookScale scales[] = {
    CASEBOOK_SCALE_LEVEL, CASEBOOK_SCALE_NINES, CASEBOOK_SCALE_CHANGE,
    CASEBOOK_SCALE_MULTIPLE, CASEBOOK_SCALE_NUMBER,
  };
  static const double values[] = { 0.5, 1, 10, 99, 99.95 };

  /* A multiple's axis is its logarithm; availability's its nines. */
  g_assert_cmpfloat_with_epsilon (casebook_scale_to_axis (CASEBOOK_SCALE_MULTIPLE, 100), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (casebook_scale_to_axis (CASEBOOK_SCALE_NINES, 99.9), 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (casebook_scale_from_axis (CASEBOOK_SCALE_NINES, 3), 99.9, 1e-9);
  g_assert_cmpfloat (casebook_scale_to_axis (CASEBOOK_SCALE_CHANGE, -40), ==, -40);

  /* What an axis cannot show is NAN, not a position. */
  g_assert_true (isnan (casebook_scale_to_axis (CASEBOOK_SCALE_MULTIPLE, 0)));
  g_assert_true (isnan (casebook_scale_to_axis (CASEBOOK_SCALE_MULTIPLE, -2)));
  g_assert_true (isnan (casebook_scale_to_axis (CASEBOOK_SCALE_LEVEL, INFINITY)));
  g_assert_true (isnan (casebook_scale_to_axis (CASEBOOK_SCALE_NUMBER, NAN)));

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    for (guint v = 0; v < G_N_ELEMENTS (values); v++)
      {
        double axis = casebook_scale_to_axis (scales[s], values[v]);

        g_assert_cmpfloat_with_epsilon (casebook_scale_from_axis (scales[s], axis), values[v], 1e-9);
      }
}

static void
test_format_value_for_scale (void)
{
  struct
  {
    CasebookScale  scale;
    CasebookUnit   unit;
    double         value;
    const char    *text;
  } cases[] = {
    /* One decimal of a percentage, two of a multiple; nines keep all. */
    { CASEBOOK_SCALE_CHANGE, CASEBOOK_UNIT_PERCENT_CHANGE, -42.5289, "−42.5%" },
    { CASEBOOK_SCALE_CHANGE, CASEBOOK_UNIT_PERCENT_CHANGE, 12.04, "+12%" },
    { CASEBOOK_SCALE_LEVEL, CASEBOOK_UNIT_PERCENT, 80.04, "80%" },
    { CASEBOOK_SCALE_MULTIPLE, CASEBOOK_UNIT_TIMES, 4.0 / 3.0, "1.33×" },
    { CASEBOOK_SCALE_NUMBER, CASEBOOK_UNIT_NONE, 2.345, "2.35" },
    { CASEBOOK_SCALE_NINES, CASEBOOK_UNIT_PERCENT, 99.995, "99.995%" },
    { CASEBOOK_SCALE_LEVEL, CASEBOOK_UNIT_PERCENT, NAN, "–" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = casebook_format_value_for_scale (cases[i].scale, cases[i].unit, cases[i].value,
                                                               CASEBOOK_LANG_EN);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_coverage_from_lists (void)
{
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_metric_free);
  g_autoptr(GPtrArray) sectors = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_sector_free);
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (CasebookCoverageCell));
  g_autoptr(CasebookCoverage) coverage = NULL;
  CasebookMetric *cost = casebook_metric_new ();
  CasebookSector *finance = casebook_sector_new ();
  CasebookCoverageCell cell;
  const CasebookSector *unlisted;
  int speed, other;

  cost->key = g_strdup ("cost");
  g_ptr_array_add (metrics, cost);
  finance->key = g_strdup ("finance");
  finance->color = g_strdup ("#3584e4");
  g_ptr_array_add (sectors, finance);

  cell = (CasebookCoverageCell) { (char *) "cost", (char *) "finance", 2, 1 };
  g_array_append_val (cells, cell);
  cell = (CasebookCoverageCell) { (char *) "speed", (char *) "other", 3, 0 };
  g_array_append_val (cells, cell);

  /* Built from what it is handed, without a store: a family and a sector
   * that only the counts name come last, the sector named by its key and
   * in grey. */
  coverage = casebook_coverage_new (metrics, sectors, cells);
  g_assert_cmpuint (casebook_coverage_get_n_metrics (coverage), ==, 2);
  g_assert_cmpuint (casebook_coverage_get_n_sectors (coverage), ==, 2);
  speed = _casebook_coverage_find_metric (coverage, "speed");
  other = _casebook_coverage_find_sector (coverage, "other");
  g_assert_cmpint (speed, ==, 1);
  g_assert_cmpint (other, ==, 1);
  g_assert_cmpint (_casebook_coverage_find_metric (coverage, "quality"), ==, -1);

  unlisted = casebook_coverage_get_sector (coverage, (guint) other);
  g_assert_cmpstr (unlisted->name->en, ==, "other");
  g_assert_cmpstr (unlisted->color, ==, "#5e5c64");
  g_assert_cmpstr (casebook_coverage_get_sector (coverage, 0)->color, ==, "#3584e4");
  g_assert_cmpstr (casebook_coverage_get_metric (coverage, (guint) speed)->name->en, ==, "speed");

  g_assert_cmpuint (casebook_coverage_get_count (coverage, 0, 0), ==, 2);
  g_assert_cmpuint (casebook_coverage_get_n_values (coverage, 0, 0), ==, 1);
  g_assert_cmpuint (casebook_coverage_get_count (coverage, (guint) speed, (guint) other), ==, 3);
  g_assert_cmpuint (casebook_coverage_get_count (coverage, (guint) speed, 0), ==, 0);
  g_assert_cmpuint (casebook_coverage_get_metric_total (coverage, (guint) speed), ==, 3);
  g_assert_cmpuint (casebook_coverage_get_max (coverage), ==, 3);

  /* It keeps copies: the lists it was built from can go. */
  g_clear_pointer (&metrics, g_ptr_array_unref);
  g_clear_pointer (&sectors, g_ptr_array_unref);
  g_assert_cmpstr (casebook_coverage_get_metric (coverage, 0)->key, ==, "cost");
}

static void
test_format_count (void)
{
  static const struct { gint64 n; const char *text; } cases[] = {
    { 0, "0" }, { 7, "7" }, { 999, "999" }, { 1000, "1,000" }, { 50000, "50,000" },
    { 100000, "100,000" }, { 1234567, "1,234,567" }, { -1234, "−1,234" },
    { G_MAXINT64, "9,223,372,036,854,775,807" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = casebook_format_count (cases[i].n);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* The Chinese a downtime and an enum's label read in is the catalogue's,
 * the one the window's gettext reads too, not a table of the core's own. */
static void
test_format_words_from_catalogue (void)
{
  const char *min_zh = casebook_l10n_gettext (CASEBOOK_LANG_ZH, "%s min/yr");
  const char *hours_zh = casebook_l10n_gettext (CASEBOOK_LANG_ZH, "%s h/yr");
  g_autofree char *minutes = casebook_format_downtime (3155.76, CASEBOOK_LANG_ZH);
  g_autofree char *hours = casebook_format_downtime (31557.6, CASEBOOK_LANG_ZH);
  g_autofree char *want_minutes = NULL;
  g_autofree char *want_hours = NULL;

  /* A catalogue that was not found would give the English back. */
  g_assert_cmpstr (min_zh, !=, "%s min/yr");
  g_assert_cmpstr (hours_zh, !=, "%s h/yr");

  want_minutes = g_strdup_printf (casebook_l10n_gettext (CASEBOOK_LANG_ZH, "%s min/yr"), "53");
  want_hours = g_strdup_printf (casebook_l10n_gettext (CASEBOOK_LANG_ZH, "%s h/yr"), "8.8");
  g_assert_cmpstr (minutes, ==, want_minutes);
  g_assert_cmpstr (hours, ==, want_hours);

  /* The labels are the editor's words: the same msgid, the same Chinese. */
  g_assert_cmpstr (casebook_approach_label (CASEBOOK_APPROACH_HYBRID, CASEBOOK_LANG_ZH), ==,
                   casebook_l10n_gettext (CASEBOOK_LANG_ZH, "Hybrid"));
  g_assert_cmpstr (casebook_approach_label (CASEBOOK_APPROACH_HYBRID, CASEBOOK_LANG_ZH), !=, "Hybrid");
  g_assert_cmpstr (casebook_size_label (CASEBOOK_SIZE_MEDIUM, CASEBOOK_LANG_ZH), ==,
                   casebook_l10n_gettext (CASEBOOK_LANG_ZH, "Medium"));
  g_assert_cmpstr (casebook_kind_label (CASEBOOK_KIND_FAILURE, CASEBOOK_LANG_ZH), ==,
                   casebook_l10n_gettext (CASEBOOK_LANG_ZH, "Failure"));
  g_assert_cmpstr (casebook_kind_label (CASEBOOK_KIND_FAILURE, CASEBOOK_LANG_EN), ==, "Failure");
  g_assert_cmpstr (casebook_size_label (CASEBOOK_SIZE_UNKNOWN, CASEBOOK_LANG_EN), ==, "Not stated");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/stats/cost/means-and-ranges", Fixture, NULL, fixture_set_up, test_cost, fixture_tear_down);
  g_test_add ("/stats/availability/nines-and-downtime", Fixture, NULL, fixture_set_up, test_availability,
              fixture_tear_down);
  g_test_add ("/stats/multiples/changes-join-multiples", Fixture, NULL, fixture_set_up, test_multiples,
              fixture_tear_down);
  g_test_add ("/stats/utilization/level-and-change-apart", Fixture, NULL, fixture_set_up, test_mixed_units,
              fixture_tear_down);
  g_test_add ("/stats/filter/narrows-values-and-ranges", Fixture, NULL, fixture_set_up, test_filter,
              fixture_tear_down);
  g_test_add ("/stats/coverage/seed-counts", Fixture, NULL, fixture_set_up, test_coverage, fixture_tear_down);
  g_test_add ("/stats/coverage/filter", Fixture, NULL, fixture_set_up, test_coverage_filter, fixture_tear_down);
  g_test_add_func ("/stats/values/not-finite-skipped", test_not_finite);
  g_test_add_func ("/stats/compare/normalized-best", test_compare_outcomes);
  g_test_add_func ("/scale/axis/round-trip", test_scale_round_trip);
  g_test_add_func ("/format/value-for-scale/rounds-by-scale", test_format_value_for_scale);
  g_test_add_func ("/format/count/groups-digits-in-threes", test_format_count);
  g_test_add_func ("/format/zh/words-from-the-catalogue", test_format_words_from_catalogue);
  g_test_add_func ("/coverage/new/adds-unlisted-keys", test_coverage_from_lists);

  return g_test_run ();
}
