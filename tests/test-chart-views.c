/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <unistd.h>

#include "casebook-application-private.h"
#include "casebook-case-compare-private.h"
#include "casebook-chart-view-private.h"
#include "casebook-compare-item-private.h"
#include "casebook-compare-view-private.h"
#include "casebook-coverage-private.h"
#include "casebook-insights-view-private.h"
#include "casebook-stats-private.h"
#include "casebook-store-private.h"
#include "casebook-test-display.h"
#include "casebook-test-util.h"
#include "casebook-window-private.h"

/* The chart widgets and the Compare and Insights pages, in a real window:
 * tooltips, clicks and the keyboard on marks, the filters of the Cases
 * page, the table, the coverage cells, the case comparison and the
 * report's search. */

typedef struct
{
  char                 *dir;
  CasebookApplication  *app;
  CasebookWindow       *window;
  CasebookCompareView  *compare;
  CasebookInsightsView *insights;
  const char           *metric;
  guint                 n_points;
  char                 *activated;
  char                 *cell_metric;
  char                 *cell_sector;
} Fixture;

/* Whether a mapped label under @widget reads @text. */
static gboolean
shows_mapped_label (GtkWidget  *widget,
                    const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (shows_mapped_label (child, text))
        return TRUE;
    }

  return FALSE;
}

static gboolean
compare_shows (gpointer data)
{
  Fixture *f = data;
  CasebookChartView *chart = _casebook_compare_view_get_chart (f->compare);
  CasebookStats *stats = _casebook_chart_view_get_stats (chart);

  return !_casebook_compare_view_is_loading (f->compare) && stats != NULL &&
         g_strcmp0 (_casebook_stats_get_metric (stats), f->metric) == 0 &&
         casebook_stats_get_n_points (stats) == f->n_points &&
         gtk_widget_get_width (GTK_WIDGET (chart)) > 0;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("io.github.casebook.Casebook.ChartTest%u", ++counter);
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  f->dir = casebook_test_tmpdir ();
  db = g_build_filename (f->dir, "store.db", NULL);

  f->app = casebook_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), id);
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  _casebook_application_set_db_path (f->app, db);

  settings = _casebook_application_get_settings (f->app);
  g_assert_nonnull (settings);
  g_settings_reset (settings, "selected-case");
  g_settings_set_string (settings, "content-language", "en");
  g_settings_set_string (settings, "last-view", user_data != NULL ? user_data : "compare");

  f->window = _casebook_application_new_window (f->app, _casebook_application_get_store (f->app), NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 900);
  gtk_window_present (GTK_WINDOW (f->window));

  /* The window makes each view when its page is first shown; these
   * tests reach both from the start. */
  f->compare = _casebook_window_ensure_compare_view (f->window);
  f->insights = _casebook_window_ensure_insights_view (f->window);
  g_assert_nonnull (f->compare);
  g_assert_nonnull (f->insights);

  /* The page opens on cost: 2.1, 2.3, 3.1, 3.2 and 5.1. */
  f->metric = "cost";
  f->n_points = 5;
  if (user_data == NULL)
    g_assert_true (casebook_test_wait_until (compare_shows, f));
  casebook_test_settle ();
}

static gboolean
insights_built (gpointer data)
{
  Fixture *f = data;

  return _casebook_insights_view_is_built (f->insights);
}

static void
show_view (Fixture    *f,
           const char *name)
{
  AdwViewStack *stack = ADW_VIEW_STACK (casebook_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));

  adw_view_stack_set_visible_child_name (stack, name);
}

/* A start on the Cases page reads and builds nothing for the Compare and
 * Insights pages, nor does a search typed there; each page reads what it
 * needs when it is first shown, with the filters of the moment. */
static void
test_pages_load_when_shown (Fixture       *f,
                            gconstpointer  user_data)
{
  CasebookFilter *filter = _casebook_window_get_filter (f->window);

  g_assert_false (_casebook_compare_view_has_loaded (f->compare));
  g_assert_false (_casebook_compare_view_is_loading (f->compare));
  g_assert_false (_casebook_insights_view_is_built (f->insights));
  g_assert_null (_casebook_chart_view_get_stats (_casebook_compare_view_get_chart (f->compare)));

  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "finance", TRUE);
  casebook_test_settle ();
  g_assert_false (_casebook_compare_view_has_loaded (f->compare));
  g_assert_false (_casebook_compare_view_is_loading (f->compare));

  /* Shown, Compare reads the numbers of the finance cases: Finance's two
   * cost values. */
  show_view (f, "compare");
  f->metric = "cost";
  f->n_points = 2;
  g_assert_true (casebook_test_wait_until (compare_shows, f));
  g_assert_true (_casebook_compare_view_has_loaded (f->compare));
  g_assert_false (_casebook_insights_view_is_built (f->insights));

  show_view (f, "insights");
  g_assert_true (casebook_test_wait_until (insights_built, f));
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "Gartner Research"));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->activated);
  g_free (f->cell_metric);
  g_free (f->cell_sector);
}

/* The mark of a case's value in the chart. */
static int
mark_of (CasebookChartView *chart,
         const char        *case_id)
{
  CasebookStats *stats = _casebook_chart_view_get_stats (chart);

  for (guint i = 0; i < casebook_stats_get_n_points (stats); i++)
    if (g_strcmp0 (casebook_stats_get_point (stats, i)->case_id, case_id) == 0)
      return (int) i;

  g_assert_not_reached ();
  return -1;
}

static void
on_case_activated (Fixture    *f,
                   const char *id)
{
  g_free (f->activated);
  f->activated = g_strdup (id);
}

static void
test_tooltip (Fixture       *f,
              gconstpointer  user_data)
{
  CasebookChartView *chart = _casebook_compare_view_get_chart (f->compare);
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  int mark = mark_of (chart, "report-2.1");
  double x, y;

  /* The pointer over 2.1's dot: its mark, and a tooltip with the case,
   * the value and its unit. */
  g_assert_true (_casebook_chart_view_get_mark_position (chart, mark, &x, &y));
  g_assert_cmpint (_casebook_chart_view_get_mark_at (chart, x, y), ==, mark);
  g_assert_cmpint (_casebook_chart_view_get_mark_at (chart, x + 2, y - 2), ==, mark);
  g_assert_cmpint (_casebook_chart_view_get_mark_at (chart, 2, 2), ==, -1);

  text = _casebook_chart_view_get_mark_tooltip (chart, mark);
  g_assert_true (g_str_has_prefix (text, "Virtualization at a large bank\n"));
  g_assert_nonnull (strstr (text, "Finance · section 2.1"));
  g_assert_nonnull (strstr (text, "Cost: −40% change"));
  g_assert_nonnull (strstr (text, "Lower is better"));

  /* The tooltip GTK asks for at those coordinates is that text. */
  {
    GtkTooltip *tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
    gboolean shown = FALSE;

    g_signal_emit_by_name (chart, "query-tooltip", (int) x, (int) y, FALSE, tooltip, &shown);
    g_assert_true (shown);
    g_object_unref (tooltip);
  }

  /* The screen reader's description names every sector's numbers. */
  description = _casebook_chart_view_get_description (chart);
  g_assert_nonnull (strstr (description, "Finance: 2 values from −40% to −30%, mean −35%, report range −40% to −30%"));
  g_assert_nonnull (strstr (description, "Internet: no values, report range −50% to −50%"));
}

static void
test_click_opens_case (Fixture       *f,
                       gconstpointer  user_data)
{
  CasebookChartView *chart = _casebook_compare_view_get_chart (f->compare);
  int mark = mark_of (chart, "report-3.2");
  double x, y;

  g_signal_connect_swapped (chart, "case-activated", G_CALLBACK (on_case_activated), f);

  /* A click at 3.2's dot opens 3.2: in the chart's signal, and in the
   * window, which shows it on the Cases page. */
  g_assert_true (_casebook_chart_view_get_mark_position (chart, mark, &x, &y));
  _casebook_chart_view_activate_mark (chart, (guint) _casebook_chart_view_get_mark_at (chart, x, y));
  g_assert_cmpstr (f->activated, ==, "report-3.2");

  casebook_test_settle ();
  g_assert_nonnull (_casebook_window_get_current_case (f->window));
  g_assert_cmpstr (casebook_case_get_id (_casebook_window_get_current_case (f->window)), ==, "report-3.2");
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  user_data)
{
  CasebookChartView *chart = _casebook_compare_view_get_chart (f->compare);
  CasebookStats *stats = _casebook_chart_view_get_stats (chart);
  int focus;

  gtk_widget_grab_focus (GTK_WIDGET (chart));
  casebook_test_settle ();

  /* Into the chart: the first mark, Finance's −40 % (2.1). */
  if (_casebook_chart_view_get_focus_mark (chart) < 0)
    _casebook_chart_view_move_focus (chart, GTK_DIR_TAB_BACKWARD);
  focus = _casebook_chart_view_get_focus_mark (chart);
  g_assert_cmpstr (casebook_stats_get_point (stats, focus)->case_id, ==, "report-2.1");

  /* Right along the row to −30 % (2.3); no further right in that row. */
  g_assert_true (_casebook_chart_view_move_focus (chart, GTK_DIR_RIGHT));
  g_assert_cmpstr (casebook_stats_get_point (stats, _casebook_chart_view_get_focus_mark (chart))->case_id, ==,
                   "report-2.3");
  g_assert_false (_casebook_chart_view_move_focus (chart, GTK_DIR_RIGHT));

  /* Down to Manufacturing, nearest to −30 %: 3.1 at −35 %; down again
   * skips Internet, which has no case, to Government's 5.1. */
  g_assert_true (_casebook_chart_view_move_focus (chart, GTK_DIR_DOWN));
  g_assert_cmpstr (casebook_stats_get_point (stats, _casebook_chart_view_get_focus_mark (chart))->case_id, ==,
                   "report-3.1");
  g_assert_true (_casebook_chart_view_move_focus (chart, GTK_DIR_DOWN));
  g_assert_cmpstr (casebook_stats_get_point (stats, _casebook_chart_view_get_focus_mark (chart))->case_id, ==,
                   "report-5.1");
  g_assert_true (_casebook_chart_view_move_focus (chart, GTK_DIR_UP));
  g_assert_cmpstr (casebook_stats_get_point (stats, _casebook_chart_view_get_focus_mark (chart))->case_id, ==,
                   "report-3.1");

  /* The arrow keys themselves, through the widget's key handling. */
  {
    GtkEventController *keys = NULL;
    GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (chart));
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
          keys = controller;
      }
    g_assert_nonnull (keys);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Left, 0, 0, &handled);
    g_assert_true (handled);
    g_assert_cmpstr (casebook_stats_get_point (stats, _casebook_chart_view_get_focus_mark (chart))->case_id, ==,
                     "report-3.2");

    /* Enter opens the focused case. */
    g_signal_connect_swapped (chart, "case-activated", G_CALLBACK (on_case_activated), f);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
    g_assert_true (handled);
    g_assert_cmpstr (f->activated, ==, "report-3.2");
    g_object_unref (controllers);
  }
}

static void
on_cell_activated (Fixture    *f,
                   const char *metric,
                   const char *sector)
{
  g_free (f->cell_metric);
  f->cell_metric = g_strdup (metric);
  g_free (f->cell_sector);
  f->cell_sector = g_strdup (sector);
}

static void
test_coverage_cell (Fixture       *f,
                    gconstpointer  user_data)
{
  CasebookChartView *coverage = _casebook_compare_view_get_coverage_chart (f->compare);
  CasebookCoverage *counts = _casebook_chart_view_get_coverage (coverage);
  guint n_columns = casebook_coverage_get_n_sectors (counts) + 1;
  int availability = _casebook_coverage_find_metric (counts, "availability");
  int manufacturing = _casebook_coverage_find_sector (counts, "manufacturing");
  guint cell = availability * n_columns + manufacturing;
  g_autofree char *tooltip = NULL;
  double x, y;

  g_signal_connect_swapped (coverage, "cell-activated", G_CALLBACK (on_cell_activated), f);

  /* Availability × Manufacturing: 3.1 alone. */
  tooltip = _casebook_chart_view_get_mark_tooltip (coverage, cell);
  g_assert_true (g_str_has_prefix (tooltip, "Availability · Manufacturing\n1 case reports it, 1 outcome gives a number"));

  /* Choosing the cell compares availability with Manufacturing brought
   * forward. */
  g_assert_true (_casebook_chart_view_get_mark_position (coverage, cell, &x, &y));
  _casebook_chart_view_activate_mark (coverage, (guint) _casebook_chart_view_get_mark_at (coverage, x, y));
  g_assert_cmpstr (f->cell_metric, ==, "availability");
  g_assert_cmpstr (f->cell_sector, ==, "manufacturing");
  g_assert_cmpstr (_casebook_compare_view_get_metric (f->compare), ==, "availability");
  g_assert_cmpstr (_casebook_compare_view_get_sector (f->compare), ==, "manufacturing");

  f->metric = "availability";
  f->n_points = 4;
  g_assert_true (casebook_test_wait_until (compare_shows, f));

  /* The total column compares the family with no sector singled out. */
  _casebook_chart_view_activate_mark (coverage, 0 * n_columns + n_columns - 1);
  g_assert_cmpstr (f->cell_metric, ==, "cost");
  g_assert_null (f->cell_sector);
  g_assert_null (_casebook_compare_view_get_sector (f->compare));
}

static void
test_filters_and_table (Fixture       *f,
                        gconstpointer  user_data)
{
  GListModel *rows = _casebook_compare_view_get_table_model (f->compare);
  CasebookFilter *filter = _casebook_window_get_filter (f->window);
  g_autoptr(CasebookCompareItem) first = NULL;
  g_autoptr(CasebookCompareItem) last = NULL;
  guint n_cases = 0, n_means = 0, n_ranges = 0, n_rows;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;
  GtkWidget *table;

  /* The table has the chart's numbers: five values, the means of Finance
   * and Manufacturing (two values each), four ranges. */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CasebookCompareItem) item = g_list_model_get_item (rows, i);

      switch (casebook_compare_item_get_kind (item))
        {
        case CASEBOOK_COMPARE_ITEM_CASE: n_cases++; break;
        case CASEBOOK_COMPARE_ITEM_MEAN: n_means++; break;
        case CASEBOOK_COMPARE_ITEM_RANGE: n_ranges++; break;
        default: g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (n_cases, ==, 5);
  g_assert_cmpuint (n_means, ==, 2);
  g_assert_cmpuint (n_ranges, ==, 4);

  first = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (_casebook_compare_item_get_sector (first), ==, "Finance");
  g_assert_cmpstr (_casebook_compare_item_get_name (first), ==, "Virtualization at a large bank");
  g_assert_cmpstr (_casebook_compare_item_get_value (first), ==, "−40%");

  /* Narrow, where the names wrap and rows differ in height. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 560, 700);
  _casebook_compare_view_set_show_table (f->compare, TRUE);
  casebook_test_settle ();
  table = casebook_test_find_widget (GTK_WIDGET (f->compare), GTK_TYPE_COLUMN_VIEW);
  g_assert_true (gtk_widget_get_mapped (table));

  /* Every row can be reached: the table scrolls to its last row, which
   * then shows its name. */
  n_rows = g_list_model_get_n_items (rows);
  last = g_list_model_get_item (rows, n_rows - 1);
  g_assert_true (shows_mapped_label (table, _casebook_compare_item_get_name (first)));
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (table, GTK_TYPE_SCROLLED_WINDOW));
  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  casebook_test_settle ();
  g_assert_true (shows_mapped_label (table, _casebook_compare_item_get_name (last)));
  _casebook_compare_view_set_show_table (f->compare, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 900);

  /* The Cases page's filter narrows the comparison: Finance's two. */
  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "finance", TRUE);
  f->n_points = 2;
  g_assert_true (casebook_test_wait_until (compare_shows, f));
  g_assert_cmpuint (casebook_stats_get_panel (_casebook_chart_view_get_stats (_casebook_compare_view_get_chart (f->compare)),
                                              0)->n_rows, ==, 1);
  g_assert_cmpuint (casebook_coverage_get_n_sectors (
                      _casebook_chart_view_get_coverage (_casebook_compare_view_get_coverage_chart (f->compare))), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-all", NULL);
  f->n_points = 5;
  g_assert_true (casebook_test_wait_until (compare_shows, f));
}

static void
test_export (Fixture       *f,
             gconstpointer  user_data)
{
  g_autofree char *png = g_build_filename (f->dir, "chart.png", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "coverage.pdf", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "chart.gif", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (_casebook_compare_view_export_chart (f->compare, FALSE, png, &error));
  g_assert_no_error (error);
  contents = casebook_test_read_file (png, &length);
  g_assert_true (length > 1000 && memcmp (contents, "\x89PNG", 4) == 0);
  g_clear_pointer (&contents, g_free);

  g_assert_true (_casebook_compare_view_export_chart (f->compare, TRUE, pdf, &error));
  g_assert_no_error (error);
  contents = casebook_test_read_file (pdf, &length);
  g_assert_true (length > 1000 && memcmp (contents, "%PDF", 4) == 0);

  g_assert_false (_casebook_compare_view_export_chart (f->compare, FALSE, bad, &error));
  g_assert_nonnull (strstr (error->message, "chart.gif"));
  g_clear_error (&error);

  /* Never onto the store, even through a link that looks like a chart. */
  {
    CasebookStore *store = _casebook_application_get_store (f->app);
    g_autofree char *link = g_build_filename (f->dir, "store.png", NULL);
    gsize before_len = 0, after_len = 0;
    g_autofree char *before = casebook_test_read_file (_casebook_store_get_path (store), &before_len);
    g_autofree char *after = NULL;

    g_assert_cmpint (symlink (_casebook_store_get_path (store), link), ==, 0);
    g_assert_false (_casebook_compare_view_export_chart (f->compare, FALSE, link, &error));
    g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_OWN_FILE);
    g_assert_nonnull (strstr (error->message, "store.png"));
    after = casebook_test_read_file (_casebook_store_get_path (store), &after_len);
    g_assert_cmpmem (after, after_len, before, before_len);
  }
}

static void
test_case_compare (Fixture       *f,
                   gconstpointer  user_data)
{
  CasebookStore *store = _casebook_application_get_store (f->app);
  CasebookCaseCompare *window = casebook_case_compare_new (store, CASEBOOK_LANG_EN);
  g_autofree char *cell = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) rows = NULL;

  gtk_window_present (GTK_WINDOW (window));

  /* 3.2 and 4.2: sectors side by side; performance 10× against +50 %,
   * which as a multiple is 1.5×: 3.2 is best. */
  casebook_case_compare_set_cases (window, (const char *[]) { "report-3.2", "report-4.2", NULL });
  ids = _casebook_case_compare_get_cases (window);
  g_assert_cmpstr (ids[0], ==, "report-3.2");
  g_assert_cmpstr (ids[1], ==, "report-4.2");

  cell = _casebook_case_compare_get_cell_text (window, "sector", 0);
  g_assert_cmpstr (cell, ==, "Manufacturing");
  g_clear_pointer (&cell, g_free);
  cell = _casebook_case_compare_get_cell_text (window, "metric:performance", 1);
  g_assert_cmpstr (cell, ==, "+50% (= 1.5×)");
  g_clear_pointer (&cell, g_free);
  g_assert_cmpint (_casebook_case_compare_get_best_column (window, "metric:performance"), ==, 0);

  /* Rows line up by field, then by family in the store's order; a family
   * only one case reports has nothing to rank. */
  rows = _casebook_case_compare_get_rows (window);
  g_assert_cmpstr (rows[0], ==, "sector");
  g_assert_true (g_strv_contains ((const char * const *) rows, "metric:efficiency"));
  g_assert_true (g_strv_contains ((const char * const *) rows, "metric:latency"));
  g_assert_cmpint (_casebook_case_compare_get_best_column (window, "metric:latency"), ==, -1);
  /* Efficiency: 3.2 +25 %, 4.2 +40 %, higher is better. */
  g_assert_cmpint (_casebook_case_compare_get_best_column (window, "metric:efficiency"), ==, 1);

  /* Cost, lower is better: 2.3 −30 %, 3.1 −35 %, 5.1 −25 % → 3.1. */
  casebook_case_compare_set_cases (window, (const char *[]) { "report-2.3", "report-3.1", "report-5.1", NULL });
  g_assert_cmpuint (_casebook_case_compare_get_n_columns (window), ==, 3);
  g_assert_cmpint (_casebook_case_compare_get_best_column (window, "metric:cost"), ==, 1);
  /* Availability: 2.3 99.9 %, 3.1 99.95 % → 3.1, with its downtime. */
  g_assert_cmpint (_casebook_case_compare_get_best_column (window, "metric:availability"), ==, 1);
  cell = _casebook_case_compare_get_cell_text (window, "metric:availability", 1);
  g_assert_cmpstr (cell, ==, "99.95% · 4.4 h/yr down");
  g_clear_pointer (&cell, g_free);

  /* Two to four columns. */
  g_assert_true (_casebook_case_compare_add_column (window));
  g_assert_false (_casebook_case_compare_add_column (window));
  g_assert_cmpuint (_casebook_case_compare_get_n_columns (window), ==, 4);
  g_assert_true (_casebook_case_compare_remove_column (window, 3));
  g_assert_true (_casebook_case_compare_remove_column (window, 0));
  g_assert_false (_casebook_case_compare_remove_column (window, 0));
  g_assert_cmpuint (_casebook_case_compare_get_n_columns (window), ==, 2);

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (_casebook_case_compare_set_case (window, 0, "no-such-case", &error));
    g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);
  }

  casebook_test_settle ();
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Each comparison table shows all its rows: the last one ends within
 * the scroller that holds the table, not below its edge. */
static void
assert_tables_whole (GtkWidget *widget,
                     guint     *n_tables)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_has_css_class (child, "insights-table") && gtk_widget_get_mapped (child))
        {
          GtkWidget *scroller = gtk_widget_get_ancestor (child, GTK_TYPE_SCROLLED_WINDOW);
          GtkWidget *last = gtk_widget_get_last_child (child);
          graphene_point_t point;

          g_assert_true (gtk_widget_compute_point (last, scroller,
                                                   &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (last)), &point));
          g_assert_cmpfloat (point.y, <=, gtk_widget_get_height (scroller) + 0.5);
          (*n_tables)++;
        }
      else
        assert_tables_whole (child, n_tables);
    }
}

static void
test_insights (Fixture       *f,
               gconstpointer  user_data)
{
  g_auto(GStrv) chapters = _casebook_insights_view_get_chapters (f->insights);
  GSettings *settings = _casebook_application_get_settings (f->app);
  g_autoptr(GPtrArray) marks = NULL;
  GtkWidget *match;

  /* The page is built when it is first shown. */
  g_assert_false (_casebook_insights_view_is_built (f->insights));
  show_view (f, "insights");
  g_assert_true (casebook_test_wait_until (insights_built, f));
  chapters = _casebook_insights_view_get_chapters (f->insights);

  /* The abstract first, then sections 1, 6 to 12 and the references. */
  g_assert_cmpuint (g_strv_length (chapters), ==, 10);
  g_assert_cmpstr (chapters[0], ==, "abstract");
  g_assert_cmpstr (chapters[1], ==, "1");
  g_assert_cmpstr (chapters[2], ==, "6");
  g_assert_cmpstr (chapters[4], ==, "8");
  g_assert_cmpstr (chapters[9], ==, "references");

  /* The report's texts: the abstract, 1.3's size bands, 6.1 by sector,
   * 8 from the failure cases, 10, 12, a reference. */
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "this report is an in-depth case study"));
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "More than 10,000 employees"));

  /* The three tables of section 6, whole. */
  {
    guint n_tables = 0;

    casebook_test_settle ();
    assert_tables_whole (GTK_WIDGET (f->insights), &n_tables);
    g_assert_cmpuint (n_tables, ==, 3);
  }
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "Mainly chooses VMware vSphere"));
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "Chose an immature open-source virtualization technology"));
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "Edge virtualization will become an important direction"));
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "Technology selection is key"));
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "Gartner Research"));

  /* Searching: "budget control" is only in 6.3, in the government's cost
   * line and in its range. */
  _casebook_insights_view_set_query (f->insights, "Budget control");
  g_assert_cmpuint (_casebook_insights_view_get_n_matches (f->insights), ==, 2);
  marks = _casebook_insights_view_get_marks (f->insights);
  g_assert_cmpuint (marks->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (marks, 0), ==, "budget control");
  g_clear_pointer (&marks, g_ptr_array_unref);
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "IT costs down 20–30%, with a focus on budget control"));
  g_assert_false (_casebook_insights_view_shows_text (f->insights, "Mainly chooses VMware vSphere"));
  g_clear_pointer (&chapters, g_strfreev);
  chapters = _casebook_insights_view_get_chapters (f->insights);
  g_assert_cmpuint (g_strv_length (chapters), ==, 1);
  g_assert_cmpstr (chapters[0], ==, "6");

  /* "budget" alone is also in 8.2's result. */
  _casebook_insights_view_set_query (f->insights, "budget");
  g_assert_cmpuint (_casebook_insights_view_get_n_matches (f->insights), ==, 3);
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "The project ran over budget"));

  /* Next and Previous go round the matches, say where they are, and
   * bring each into view: 8.2's line is the last of the three. */
  casebook_test_settle ();
  match = _casebook_insights_view_next_match (f->insights, 1);
  g_assert_nonnull (match);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (match)), "budget"));
  g_assert_true (shows_mapped_label (GTK_WIDGET (f->insights), "1 of 3"));
  match = _casebook_insights_view_next_match (f->insights, -1);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (match)), "The project ran over budget"));
  g_assert_true (shows_mapped_label (GTK_WIDGET (f->insights), "3 of 3"));
  casebook_test_settle ();
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (match, GTK_TYPE_SCROLLED_WINDOW);
    graphene_point_t point;

    g_assert_true (gtk_widget_compute_point (match, scroller, &GRAPHENE_POINT_INIT (0, 0), &point));
    g_assert_cmpfloat (point.y, >=, 0);
    g_assert_cmpfloat (point.y, <, gtk_widget_get_height (scroller));
  }
  match = _casebook_insights_view_next_match (f->insights, 1);
  g_assert_true (shows_mapped_label (GTK_WIDGET (f->insights), "1 of 3"));

  /* A heading that matches keeps all under it. */
  _casebook_insights_view_set_query (f->insights, "trends");
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "Edge virtualization will become an important direction"));
  g_assert_false (_casebook_insights_view_shows_text (f->insights, "Gartner Research"));

  _casebook_insights_view_set_query (f->insights, "qwertyuiop");
  g_assert_cmpuint (_casebook_insights_view_get_n_matches (f->insights), ==, 0);
  g_assert_false (_casebook_insights_view_shows_text (f->insights, "Gartner Research"));

  _casebook_insights_view_set_query (f->insights, NULL);
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "Gartner Research"));

  /* In Chinese, at once, and searchable in Chinese. */
  g_settings_set_string (settings, "content-language", "zh");
  casebook_test_settle ();
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "主要选择VMware vSphere"));
  _casebook_insights_view_set_query (f->insights, "预算控制");
  g_assert_cmpuint (_casebook_insights_view_get_n_matches (f->insights), ==, 2);
  /* Each match is marked, also in a line with full-width punctuation,
   * which folding changes in length. */
  marks = _casebook_insights_view_get_marks (f->insights);
  g_assert_cmpuint (marks->len, ==, 2);
  for (guint i = 0; i < marks->len; i++)
    g_assert_cmpstr (g_ptr_array_index (marks, i), ==, "预算控制");
  g_clear_pointer (&marks, g_ptr_array_unref);
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "IT成本降低20-30%，注重预算控制"));
}

/* 合规 (compliance) is in seven texts of the report's material, each in
 * both languages: the government's three lines of 6.1, the government's
 * two and finance's one of 6.2, and finance's trend in 10.2. No failure
 * case, range, reference or heading holds the word in either language. */
#define COMPLIANCE_TEXTS 7

static void
test_insights_both_languages (Fixture       *f,
                              gconstpointer  user_data)
{
  GSettings *settings = _casebook_application_get_settings (f->app);
  g_autoptr(GPtrArray) marks = NULL;
  g_auto(GStrv) chapters = NULL;
  GtkWidget *match;

  show_view (f, "insights");
  g_assert_true (casebook_test_wait_until (insights_built, f));

  /* An English page finds the Chinese word: each of the texts shows, in
   * English, says that it matched in the Chinese text, and nothing of
   * it is marked, since nothing it shows matched. */
  _casebook_insights_view_set_query (f->insights, "合规");
  g_assert_cmpuint (_casebook_insights_view_get_n_matches (f->insights), ==, COMPLIANCE_TEXTS);
  g_assert_cmpuint (_casebook_insights_view_get_n_other_matches (f->insights), ==, COMPLIANCE_TEXTS);
  marks = _casebook_insights_view_get_marks (f->insights);
  g_assert_cmpuint (marks->len, ==, 0);
  g_clear_pointer (&marks, g_ptr_array_unref);
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "Standardized implementation, focused on compliance"));
  g_assert_true (_casebook_insights_view_shows_text (f->insights,
                                                     "The finance sector will place greater emphasis on security and compliance"));
  g_assert_false (_casebook_insights_view_shows_text (f->insights, "Technology selection is key"));
  casebook_test_settle ();
  g_assert_true (shows_mapped_label (GTK_WIDGET (f->insights), "Matched in the Chinese text"));
  chapters = _casebook_insights_view_get_chapters (f->insights);
  g_assert_cmpuint (g_strv_length (chapters), ==, 2);
  g_assert_cmpstr (chapters[0], ==, "6");
  g_assert_cmpstr (chapters[1], ==, "10");
  g_clear_pointer (&chapters, g_strfreev);

  /* Next and Previous go to them like any match. */
  match = _casebook_insights_view_next_match (f->insights, 1);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (match)), "compliance"));
  g_assert_true (shows_mapped_label (GTK_WIDGET (f->insights), "1 of 7"));
  match = _casebook_insights_view_next_match (f->insights, -1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (match)), ==,
                   "The finance sector will place greater emphasis on security and compliance");
  g_assert_true (shows_mapped_label (GTK_WIDGET (f->insights), "7 of 7"));

  /* A heading of section 1 in Chinese keeps its lines, in English. */
  _casebook_insights_view_set_query (f->insights, "规模范围");
  g_assert_cmpuint (_casebook_insights_view_get_n_matches (f->insights), ==, 1);
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "Fewer than 1,000 employees"));
  g_assert_false (_casebook_insights_view_shows_text (f->insights, "Banks, insurers, securities firms and others"));
  chapters = _casebook_insights_view_get_chapters (f->insights);
  g_assert_cmpuint (g_strv_length (chapters), ==, 1);
  g_assert_cmpstr (chapters[0], ==, "1");
  g_clear_pointer (&chapters, g_strfreev);

  /* A word in both languages is marked where it shows, and no note. */
  _casebook_insights_view_set_query (f->insights, "Kubernetes");
  g_assert_cmpuint (_casebook_insights_view_get_n_matches (f->insights), >, 0);
  g_assert_cmpuint (_casebook_insights_view_get_n_other_matches (f->insights), ==, 0);
  marks = _casebook_insights_view_get_marks (f->insights);
  g_assert_cmpuint (marks->len, >=, _casebook_insights_view_get_n_matches (f->insights));
  g_clear_pointer (&marks, g_ptr_array_unref);
  casebook_test_settle ();
  g_assert_false (shows_mapped_label (GTK_WIDGET (f->insights), "Matched in the Chinese text"));

  /* A Chinese page finds the English word the same way ... */
  g_settings_set_string (settings, "content-language", "zh");
  casebook_test_settle ();
  _casebook_insights_view_set_query (f->insights, "compliance");
  g_assert_cmpuint (_casebook_insights_view_get_n_matches (f->insights), ==, COMPLIANCE_TEXTS);
  g_assert_cmpuint (_casebook_insights_view_get_n_other_matches (f->insights), ==, COMPLIANCE_TEXTS);
  marks = _casebook_insights_view_get_marks (f->insights);
  g_assert_cmpuint (marks->len, ==, 0);
  g_clear_pointer (&marks, g_ptr_array_unref);
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "标准化实施，注重合规性"));
  casebook_test_settle ();
  g_assert_true (shows_mapped_label (GTK_WIDGET (f->insights), "Matched in the English text"));

  /* ... and marks the Chinese word in each text that shows it. */
  _casebook_insights_view_set_query (f->insights, "合规");
  g_assert_cmpuint (_casebook_insights_view_get_n_matches (f->insights), ==, COMPLIANCE_TEXTS);
  g_assert_cmpuint (_casebook_insights_view_get_n_other_matches (f->insights), ==, 0);
  marks = _casebook_insights_view_get_marks (f->insights);
  g_assert_cmpuint (marks->len, ==, COMPLIANCE_TEXTS);
  for (guint i = 0; i < marks->len; i++)
    g_assert_cmpstr (g_ptr_array_index (marks, i), ==, "合规");
  match = _casebook_insights_view_next_match (f->insights, 1);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (match)), "合规"));

  /* The abstract, in Chinese as the report has it. */
  _casebook_insights_view_set_query (f->insights, NULL);
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "本文基于2025年最新技术标准和实际企业应用案例"));
  g_assert_true (_casebook_insights_view_shows_text (f->insights, "员工数>10000人"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* GTK must print no warnings at all while the pages are used. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add ("/chart-view/compare/tooltip", Fixture, NULL, fixture_setup, test_tooltip, fixture_teardown);
  g_test_add ("/chart-view/compare/click-opens-case", Fixture, NULL, fixture_setup, test_click_opens_case,
              fixture_teardown);
  g_test_add ("/chart-view/compare/keyboard", Fixture, NULL, fixture_setup, test_keyboard, fixture_teardown);
  g_test_add ("/chart-view/coverage/cell-selects", Fixture, NULL, fixture_setup, test_coverage_cell,
              fixture_teardown);
  g_test_add ("/compare-view/filters-and-table", Fixture, NULL, fixture_setup, test_filters_and_table,
              fixture_teardown);
  g_test_add ("/compare-view/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add ("/case-compare/rows-and-best", Fixture, NULL, fixture_setup, test_case_compare, fixture_teardown);
  g_test_add ("/window/pages-load-when-shown", Fixture, "cases", fixture_setup, test_pages_load_when_shown,
              fixture_teardown);
  g_test_add ("/insights-view/sections-and-search", Fixture, NULL, fixture_setup, test_insights, fixture_teardown);
  g_test_add ("/insights-view/search-both-languages", Fixture, NULL, fixture_setup, test_insights_both_languages,
              fixture_teardown);

  return g_test_run ();
}
