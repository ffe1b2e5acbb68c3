/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casebook-file-io.h"
#include "casebook-l10n.h"
#include "casebook-render-compare-private.h"
#include "casebook-render-coverage-private.h"
#include "casebook-render-export.h"
#include "casebook-stats-private.h"
#include "casebook-store-charts.h"
#include "casebook-test-util.h"

/* The charts drawn on image surfaces, without a display: marks where the
 * data and the exposed axis mapping say, axis ranges (linear, log and
 * nines), the "no data" message, nothing drawn for numbers that are not
 * finite; the exports; and the command line that writes them. */

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
load (Fixture    *fixture,
      const char *metric)
{
  g_autoptr(GError) error = NULL;
  CasebookStats *stats = casebook_stats_load (fixture->store, NULL, metric, &error);

  g_assert_no_error (error);
  return stats;
}

typedef struct
{
  int r;
  int g;
  int b;
} Rgb;

static Rgb
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int ix = (int) floor (x), iy = (int) floor (y);
  guint32 pixel;

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (iy, <, cairo_image_surface_get_height (surface));

  pixel = *(guint32 *) (data + iy * stride + ix * 4);
  return (Rgb) { (pixel >> 16) & 0xff, (pixel >> 8) & 0xff, pixel & 0xff };
}

static gboolean
close_to (Rgb         pixel,
          const char *hex)
{
  unsigned int r, g, b;

  g_assert_true (sscanf (hex + 1, "%02x%02x%02x", &r, &g, &b) == 3);
  return abs (pixel.r - (int) r) <= 24 && abs (pixel.g - (int) g) <= 24 && abs (pixel.b - (int) b) <= 24;
}

static gboolean
is_white (Rgb pixel)
{
  return pixel.r > 250 && pixel.g > 250 && pixel.b > 250;
}

/* How many pixels of a region are not white. */
static int
ink_in (cairo_surface_t *surface,
        double           x0,
        double           y0,
        double           x1,
        double           y1)
{
  int ink = 0;

  for (int y = (int) y0; y < (int) y1; y++)
    for (int x = (int) x0; x < (int) x1; x++)
      ink += !is_white (pixel_at (surface, x, y));

  return ink;
}

static cairo_surface_t *
draw_layout (CasebookCompareLayout *layout)
{
  double width = _casebook_compare_layout_get_width (layout);
  double height = casebook_compare_layout_get_height (layout);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) ceil (height));
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  casebook_render_compare_layout (cr, layout, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static const char *
sector_color (const char *key)
{
  /* The seed's sector colours. */
  if (g_str_equal (key, "finance"))
    return "#1c71d8";
  if (g_str_equal (key, "manufacturing"))
    return "#e66100";
  if (g_str_equal (key, "internet"))
    return "#2ec27e";
  return "#9141ac";
}

/* Every dot is at x0 + (axis(v) − lo) / (hi − lo) × (x1 − x0) on its row's
 * line, in its sector's colour. */
static void
check_marks (CasebookStats         *stats,
             CasebookCompareLayout *layout,
             cairo_surface_t       *surface)
{
  for (guint i = 0; i < casebook_stats_get_n_points (stats); i++)
    {
      const CasebookStatsPoint *point = casebook_stats_get_point (stats, i);
      const CasebookStatsPanel *panel = casebook_stats_get_panel (stats, point->panel);
      CasebookCompareAxis axis;
      double expected, x, y, radius, top, bottom;

      g_assert_true (_casebook_compare_layout_get_axis (layout, point->panel, &axis));
      expected = axis.x0 + (casebook_scale_to_axis (axis.scale, point->value) - axis.lo) / (axis.hi - axis.lo) *
                 (axis.x1 - axis.x0);

      g_assert_true (casebook_compare_layout_get_mark (layout, i, &x, &y, &radius));
      g_assert_cmpfloat_with_epsilon (x, expected, 0.01);
      g_assert_true (_casebook_compare_layout_get_row_y (layout, point->panel, point->row, &top, NULL, &bottom));
      g_assert_cmpfloat (y, >, top);
      g_assert_cmpfloat (y, <, bottom);

      /* The dot's own colour at its centre (a dumbbell's line ends under
       * the dot, and the mean of two values sits between them). */
      if (!close_to (pixel_at (surface, expected, y), sector_color (panel->rows[point->row].sector->key)))
        g_error ("the dot of %s (%s) at %.1f, %.1f is not in its sector's colour", point->case_id, point->label,
                 expected, y);

      /* And the hit test finds the point there. */
      g_assert_cmpint (casebook_compare_layout_hit_test (layout, expected, y), ==, (int) i);
    }
}

static void
test_compare_cost (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CasebookStats) stats = load (fixture, "cost");
  g_autoptr(CasebookCompareLayout) layout = NULL;
  CasebookRenderTheme theme;
  CasebookCompareAxis axis;
  cairo_surface_t *surface;
  const CasebookStatsRow *internet;
  double top, centre, bottom, band_x;

  casebook_render_theme_init_default (&theme);
  layout = casebook_compare_layout_new (stats, 900, CASEBOOK_LANG_EN, &theme, NULL);
  g_assert_false (_casebook_compare_layout_is_empty (layout));

  /* The values (−40 … −25), the ranges (−50 … −20) and 0, the line of no
   * change: the axis runs from −50 % to 0 %. */
  g_assert_true (_casebook_compare_layout_get_axis (layout, 0, &axis));
  g_assert_cmpint (axis.scale, ==, CASEBOOK_SCALE_CHANGE);
  g_assert_cmpfloat_with_epsilon (axis.lo, -50, 1e-9);
  g_assert_cmpfloat_with_epsilon (axis.hi, 0, 1e-9);
  g_assert_cmpfloat (axis.x0, >, 0);
  g_assert_cmpfloat (axis.x1, <=, 900);
  g_assert_false (_casebook_compare_layout_get_axis (layout, 1, &axis));

  surface = draw_layout (layout);
  check_marks (stats, layout, surface);

  /* Internet has no case, only the report's −50 %: its band is drawn at
   * the start of the axis, in Internet's green, tinted. */
  internet = _casebook_stats_find_row (stats, 0, "internet");
  g_assert_nonnull (internet);
  g_assert_cmpuint (internet->n_points, ==, 0);
  g_assert_true (_casebook_compare_layout_get_row_y (layout, 0, 2, &top, &centre, &bottom));
  band_x = _casebook_compare_layout_value_to_x (layout, 0, -50);
  {
    Rgb band = pixel_at (surface, band_x, centre);

    g_assert_false (is_white (band));
    g_assert_cmpint (band.g, >, band.r);
  }

  /* Nothing is drawn beyond the right end of the axis in a row, past the
   * labels' margin. */
  g_assert_cmpint (ink_in (surface, axis.x1 + 12, centre - 3, 900, centre + 3), ==, 0);

  cairo_surface_destroy (surface);
}

static void
test_compare_log_axis (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CasebookStats) performance = load (fixture, "performance");
  g_autoptr(CasebookStats) speed = load (fixture, "deployment_speed");
  g_autoptr(CasebookCompareLayout) layout = NULL;
  CasebookRenderTheme theme;
  CasebookCompareAxis axis;
  cairo_surface_t *surface;
  double x1, x2, x10;

  casebook_render_theme_init_default (&theme);

  /* Performance: 1.3× … 10×, on a log axis from 1× to 10×. */
  layout = casebook_compare_layout_new (performance, 800, CASEBOOK_LANG_EN, &theme, NULL);
  g_assert_true (_casebook_compare_layout_get_axis (layout, 0, &axis));
  g_assert_cmpint (axis.scale, ==, CASEBOOK_SCALE_MULTIPLE);
  g_assert_cmpfloat_with_epsilon (axis.lo, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (axis.hi, 1, 1e-9);

  /* On a log axis 1× to 2× is as long as 5× to 10×. */
  x1 = _casebook_compare_layout_value_to_x (layout, 0, 1);
  x2 = _casebook_compare_layout_value_to_x (layout, 0, 2);
  x10 = _casebook_compare_layout_value_to_x (layout, 0, 10);
  g_assert_cmpfloat_with_epsilon (x1, axis.x0, 1e-9);
  g_assert_cmpfloat_with_epsilon (x10, axis.x1, 1e-9);
  g_assert_cmpfloat_with_epsilon (x2 - x1, _casebook_compare_layout_value_to_x (layout, 0, 10) -
                                           _casebook_compare_layout_value_to_x (layout, 0, 5), 1e-6);
  /* Nothing at or below 0 has a place on it. */
  g_assert_true (isnan (_casebook_compare_layout_value_to_x (layout, 0, 0)));

  surface = draw_layout (layout);
  check_marks (performance, layout, surface);
  cairo_surface_destroy (surface);
  g_clear_pointer (&layout, casebook_compare_layout_free);

  /* Deployment speed: 5× … 20×; the axis takes in 1×, and ends at 20×. */
  layout = casebook_compare_layout_new (speed, 800, CASEBOOK_LANG_ZH, &theme, NULL);
  g_assert_true (_casebook_compare_layout_get_axis (layout, 0, &axis));
  g_assert_cmpfloat_with_epsilon (axis.lo, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (axis.hi, log10 (20), 1e-9);
  surface = draw_layout (layout);
  check_marks (speed, layout, surface);
  cairo_surface_destroy (surface);
}

static void
test_compare_nines (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CasebookStats) stats = load (fixture, "availability");
  g_autoptr(CasebookCompareLayout) layout = NULL;
  CasebookRenderTheme theme;
  CasebookCompareAxis axis;
  cairo_surface_t *surface;
  double third;

  casebook_render_theme_init_default (&theme);
  layout = casebook_compare_layout_new (stats, 800, CASEBOOK_LANG_EN, &theme, NULL);

  /* 99.9 % (3 nines) … 99.99 % (4), with a nine of room on each side:
   * 99 % to 99.999 %, each nine a third of the axis. */
  g_assert_true (_casebook_compare_layout_get_axis (layout, 0, &axis));
  g_assert_cmpint (axis.scale, ==, CASEBOOK_SCALE_NINES);
  g_assert_cmpfloat_with_epsilon (axis.lo, 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (axis.hi, 5, 1e-9);

  third = (axis.x1 - axis.x0) / 3;
  g_assert_cmpfloat_with_epsilon (_casebook_compare_layout_value_to_x (layout, 0, 99.9), axis.x0 + third, 1e-6);
  g_assert_cmpfloat_with_epsilon (_casebook_compare_layout_value_to_x (layout, 0, 99.99), axis.x0 + 2 * third, 1e-6);
  /* 99.9 % and 99.99 % stand a third of the axis apart, not a hair. */
  g_assert_cmpfloat (third, >, 150);

  surface = draw_layout (layout);
  check_marks (stats, layout, surface);
  cairo_surface_destroy (surface);
}

static void
test_compare_dumbbell (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CasebookStats) stats = load (fixture, "utilization");
  g_autoptr(CasebookCompareLayout) layout = NULL;
  CasebookRenderTheme theme;
  CasebookCompareAxis axis;
  cairo_surface_t *surface;
  double before, after, y, mid;

  casebook_render_theme_init_default (&theme);
  layout = casebook_compare_layout_new (stats, 800, CASEBOOK_LANG_EN, &theme, NULL);

  /* 2.1: 30 % → 80 % on a level axis from 0 % to 100 %. */
  g_assert_true (_casebook_compare_layout_get_axis (layout, 0, &axis));
  g_assert_cmpint (axis.scale, ==, CASEBOOK_SCALE_LEVEL);
  g_assert_cmpfloat_with_epsilon (axis.lo, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (axis.hi, 100, 1e-9);

  surface = draw_layout (layout);
  check_marks (stats, layout, surface);

  g_assert_true (casebook_compare_layout_get_mark (layout, _casebook_stats_find_row (stats, 0, "finance")->first,
                                                   &after, &y, NULL));
  before = _casebook_compare_layout_value_to_x (layout, 0, 30);
  mid = _casebook_compare_layout_value_to_x (layout, 0, 55);

  /* The bar between before and after is in Finance's blue; the "before"
   * dot is hollow (its centre is the background). */
  g_assert_false (is_white (pixel_at (surface, mid, y)));
  g_assert_cmpint (pixel_at (surface, mid, y).b, >, pixel_at (surface, mid, y).r);
  g_assert_true (is_white (pixel_at (surface, before, y)));
  g_assert_false (is_white (pixel_at (surface, before + 4, y)) && is_white (pixel_at (surface, before - 4, y)));

  cairo_surface_destroy (surface);
}

static void
test_compare_no_data (void)
{
  g_autoptr(CasebookStats) stats = casebook_stats_new ("cost", NULL);
  g_autoptr(CasebookCompareLayout) layout = NULL;
  CasebookRenderTheme theme;
  cairo_surface_t *surface;
  cairo_t *cr;
  int centre_ink, corner_ink;

  casebook_stats_finish (stats);
  casebook_render_theme_init_default (&theme);
  layout = casebook_compare_layout_new (stats, 600, CASEBOOK_LANG_EN, &theme, NULL);
  g_assert_true (_casebook_compare_layout_is_empty (layout));
  g_assert_false (_casebook_compare_layout_get_axis (layout, 0, &(CasebookCompareAxis) { 0 }));
  g_assert_cmpint (casebook_compare_layout_hit_test (layout, 300, 100), ==, -1);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 300);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  casebook_render_compare (cr, 600, 300, stats, CASEBOOK_LANG_EN, &theme);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The message sits in the middle; the corners, where an empty frame's
   * axis and labels would be, stay blank. */
  centre_ink = ink_in (surface, 150, 100, 450, 200);
  corner_ink = ink_in (surface, 0, 0, 120, 60) + ink_in (surface, 480, 240, 600, 300);
  g_assert_cmpint (centre_ink, >, 300);
  g_assert_cmpint (corner_ink, ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_compare_nan_never_drawn (void)
{
  g_autoptr(CasebookStats) stats = casebook_stats_new ("cost", NULL);
  g_autoptr(CasebookCompareLayout) layout = NULL;
  CasebookSector finance = { (char *) "finance", NULL, (char *) "#1c71d8" };
  CasebookOutcomeRow row = { 0 };
  CasebookRenderTheme theme;
  cairo_surface_t *surface;
  CasebookCompareAxis axis;
  double x, y, top, bottom;
  int blue = 0;

  casebook_stats_add_sector (stats, &finance);
  row.case_id = "a";
  row.sector = "finance";
  row.has_value = TRUE;
  row.unit = CASEBOOK_UNIT_PERCENT_CHANGE;
  row.better = CASEBOOK_BETTER_LOWER;
  row.value = -20;
  casebook_stats_add_outcome (stats, &row);
  row.case_id = "b";
  row.value = NAN;
  casebook_stats_add_outcome (stats, &row);
  row.case_id = "c";
  row.value = -INFINITY;
  casebook_stats_add_outcome (stats, &row);
  row.case_id = "d";
  row.value = -40;
  row.has_baseline = TRUE;
  row.baseline = NAN;
  casebook_stats_add_outcome (stats, &row);
  casebook_stats_finish (stats);

  casebook_render_theme_init_default (&theme);
  layout = casebook_compare_layout_new (stats, 700, CASEBOOK_LANG_EN, &theme, NULL);
  surface = draw_layout (layout);

  /* Two dots, both at finite places; the axis is finite too. */
  g_assert_cmpuint (casebook_stats_get_n_points (stats), ==, 2);
  g_assert_true (_casebook_compare_layout_get_axis (layout, 0, &axis));
  g_assert_true (isfinite (axis.lo) && isfinite (axis.hi));
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (casebook_compare_layout_get_mark (layout, i, &x, &y, NULL));
      g_assert_true (isfinite (x) && isfinite (y));
      g_assert_true (isnan (casebook_stats_get_point (stats, i)->baseline));
    }

  /* The only blue in the row is those two dots: no mark at a NaN place,
   * no dumbbell from a NaN baseline. */
  _casebook_compare_layout_get_row_y (layout, 0, 0, &top, NULL, &bottom);
  for (int py = (int) top; py < (int) bottom; py++)
    for (int px = (int) axis.x0 - 10; px < (int) axis.x1 + 10; px++)
      if (close_to (pixel_at (surface, px, py), "#1c71d8"))
        blue++;
  g_assert_cmpint (blue, >, 2 * 40);
  g_assert_cmpint (blue, <, 2 * 130);

  cairo_surface_destroy (surface);
}

static void
test_compare_aggregates (void)
{
  g_autoptr(CasebookStats) stats = casebook_stats_new ("cost", NULL);
  g_autoptr(CasebookCompareLayout) layout = NULL;
  CasebookSector finance = { (char *) "finance", NULL, (char *) "#1c71d8" };
  CasebookRenderTheme theme;
  CasebookCompareAxis axis;
  cairo_surface_t *surface;
  double top, centre, bottom;
  guint counted = 0;
  const guint n = 20000;

  casebook_stats_add_sector (stats, &finance);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("case-%u", i);
      CasebookOutcomeRow row = { 0 };

      row.case_id = id;
      row.sector = "finance";
      row.has_value = TRUE;
      row.value = -((double) (i % 80));
      row.unit = CASEBOOK_UNIT_PERCENT_CHANGE;
      row.better = CASEBOOK_BETTER_LOWER;
      casebook_stats_add_outcome (stats, &row);
    }
  casebook_stats_finish (stats);

  casebook_render_theme_init_default (&theme);
  layout = casebook_compare_layout_new (stats, 800, CASEBOOK_LANG_EN, &theme, NULL);

  /* More values than pixels: the row is a density strip, not 20,000 dots,
   * and every value is in one of its bins. */
  g_assert_true (_casebook_compare_layout_is_aggregated (layout, 0, 0));
  g_assert_false (casebook_compare_layout_get_mark (layout, 0, NULL, NULL, NULL));
  g_assert_cmpint (casebook_compare_layout_hit_test (layout, 400, 100), ==, -1);

  _casebook_compare_layout_get_axis (layout, 0, &axis);
  _casebook_compare_layout_get_row_y (layout, 0, 0, &top, &centre, &bottom);
  for (double x = axis.x0; x <= axis.x1 + 2; x += 2)
    {
      CasebookCompareBin bin;

      if (casebook_compare_layout_get_bin_at (layout, x + 0.5, centre, &bin))
        {
          g_assert_cmpfloat (bin.lo, <=, bin.hi);
          counted += bin.count;
        }
    }
  g_assert_cmpuint (counted, ==, n);

  surface = draw_layout (layout);
  g_assert_false (is_white (pixel_at (surface, _casebook_compare_layout_value_to_x (layout, 0, -40), centre)));
  cairo_surface_destroy (surface);
}

static void
test_coverage (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCoverage) coverage = casebook_coverage_load (fixture->store, NULL, &error);
  g_autoptr(CasebookCoverageLayout) layout = NULL;
  CasebookRenderTheme theme;
  cairo_surface_t *surface;
  cairo_rectangle_t filled, empty;
  guint n_columns, metric;
  int sector;
  cairo_t *cr;

  g_assert_no_error (error);
  casebook_render_theme_init_default (&theme);
  layout = casebook_coverage_layout_new (coverage, 800, CASEBOOK_LANG_EN, &theme, NULL);

  /* 14 families × (4 sectors + the total). */
  n_columns = casebook_coverage_layout_get_n_columns (layout);
  g_assert_cmpuint (n_columns, ==, 5);
  g_assert_cmpuint (_casebook_coverage_layout_get_n_cells (layout), ==, 14 * 5);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, (int) casebook_coverage_layout_get_height (layout));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  casebook_render_coverage_layout (cr, layout, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Cost × Finance holds 2, the most of any cell: a strong accent tile.
   * Cost × Internet holds none: a faint grey one. */
  g_assert_true (casebook_coverage_layout_get_cell (layout, 0 * n_columns + 0, &filled, &metric, &sector));
  g_assert_cmpuint (metric, ==, 0);
  g_assert_cmpint (sector, ==, 0);
  g_assert_true (casebook_coverage_layout_get_cell (layout, 0 * n_columns + 2, &empty, NULL, NULL));
  {
    Rgb strong = pixel_at (surface, filled.x + 4, filled.y + filled.height / 2);
    Rgb faint = pixel_at (surface, empty.x + 4, empty.y + empty.height / 2);

    g_assert_cmpint (strong.b, >, strong.r + 60);
    g_assert_false (is_white (faint));
    g_assert_cmpint (abs (faint.r - faint.b), <, 12);
  }

  /* The total column's cell reports no sector; hit-testing maps back. */
  g_assert_true (casebook_coverage_layout_get_cell (layout, 0 * n_columns + 4, NULL, NULL, &sector));
  g_assert_cmpint (sector, ==, -1);
  g_assert_cmpint (casebook_coverage_layout_hit_test (layout, filled.x + filled.width / 2, filled.y + filled.height / 2),
                   ==, 0);
  g_assert_cmpint (casebook_coverage_layout_hit_test (layout, 1, 1), ==, -1);

  cairo_surface_destroy (surface);
}

static void
check_magic (const char *path,
             const char *magic,
             gsize       length)
{
  gsize size = 0;
  g_autofree char *contents = casebook_test_read_file (path, &size);

  g_assert_cmpuint (size, >, 1000);
  g_assert_true (memcmp (contents, magic, length) == 0);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CasebookStats) stats = load (fixture, "availability");
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCoverage) coverage = casebook_coverage_load (fixture->store, NULL, &error);
  g_auto(CasebookRenderChart) chart = { 0 };
  g_auto(CasebookRenderChart) cover = { 0 };
  g_autofree char *png = g_build_filename (fixture->dir, "availability.png", NULL);
  g_autofree char *svg = g_build_filename (fixture->dir, "availability.SVG", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "availability.pdf", NULL);
  g_autofree char *coverage_png = g_build_filename (fixture->dir, "coverage.png", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "availability.bmp", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no", "such", "folder.png", NULL);
  g_autofree char *contents = NULL;
  CasebookExportFormat format;

  g_assert_no_error (error);
  casebook_render_chart_init_compare (&chart, stats, CASEBOOK_LANG_EN);
  g_assert_cmpstr (chart.title, ==, "Availability");
  g_assert_cmpstr (chart.subtitle, ==, "4 values from 4 cases, by sector");

  g_assert_true (casebook_render_export (&chart, png, &error));
  g_assert_no_error (error);
  g_assert_true (casebook_render_export (&chart, svg, &error));
  g_assert_no_error (error);
  g_assert_true (casebook_render_export (&chart, pdf, &error));
  g_assert_no_error (error);

  check_magic (png, "\x89PNG", 4);
  check_magic (pdf, "%PDF", 4);
  contents = casebook_test_read_file (svg, NULL);
  g_assert_nonnull (strstr (contents, "<svg"));

  casebook_render_chart_init_coverage (&cover, coverage, CASEBOOK_LANG_ZH);
  g_assert_true (casebook_render_export (&cover, coverage_png, &error));
  g_assert_no_error (error);
  check_magic (coverage_png, "\x89PNG", 4);

  /* The extension picks the format, in any case; others are refused with
   * a message that names the file. */
  g_assert_true (casebook_render_export_format_for_path ("a/b.Pdf", &format, NULL));
  g_assert_cmpint (format, ==, CASEBOOK_EXPORT_PDF);
  g_assert_false (casebook_render_export (&chart, bad, &error));
  g_assert_error (error, CASEBOOK_RENDER_EXPORT_ERROR, CASEBOOK_RENDER_EXPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "availability.bmp"));
  g_assert_nonnull (strstr (error->message, ".png, .svg or .pdf"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (casebook_render_export (&chart, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "folder.png"));
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

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* A full disk at any point of an exported chart, in each format: one
 * message that names the file and the reason, no partial file, and the
 * chart exported before left whole. */
static void
test_export_write_errors (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *names[] = { "full.png", "full.svg", "full.pdf" };
  const char old[] = "last week's chart\n";
  g_autoptr(CasebookStats) stats = load (fixture, "availability");
  g_auto(CasebookRenderChart) chart = { 0 };
  g_autoptr(GError) error = NULL;

  casebook_render_chart_init_compare (&chart, stats, CASEBOOK_LANG_EN);

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, names[f], NULL);
      g_autofree char *whole = NULL;
      gsize size = 0;

      g_assert_true (casebook_render_export (&chart, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &whole, &size, NULL));

      for (guint o = 0; o < 4; o++)
        {
          const gsize offsets[] = { 0, 1, size / 2, size - 1 };
          g_autofree char *left = NULL;
          guint n_files;

          g_assert_true (g_file_set_contents (path, old, -1, NULL));
          n_files = count_files (fixture->dir);

          _casebook_file_io_fail_writes_after (offsets[o], ENOSPC);
          g_assert_false (casebook_render_export (&chart, path, &error));
          _casebook_file_io_fail_writes_after (0, 0);

          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
          g_assert_cmpuint (count_occurrences (error->message, path), ==, 1);
          g_assert_cmpuint (count_occurrences (error->message, "Could not"), ==, 1);
          g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
          g_clear_error (&error);

          g_assert_cmpuint (count_files (fixture->dir), ==, n_files);
          g_assert_true (g_file_get_contents (path, &left, NULL, NULL));
          g_assert_cmpstr (left, ==, old);
        }
      g_remove (path);
    }
}

/* The command line ---------------------------------------------------------- */

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

/* The real binary, without a display, as test-cli.c runs it. */
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
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, g_strdup (bin));
  g_ptr_array_add (argv, g_strdup_printf ("--db=%s", db));
  va_start (args, db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
test_cli_list_metrics (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_auto(GStrv) lines = NULL;
  Run run = { 0 };

  run_casebook (&run, db, "--list-metrics", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  /* The seed's fourteen families, in its order, key TAB name. */
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 15);
  g_assert_cmpstr (lines[0], ==, "cost\tCost");
  g_assert_cmpstr (lines[1], ==, "availability\tAvailability");
  g_assert_cmpstr (lines[3], ==, "deployment_speed\tDeployment speed");
  g_assert_cmpstr (lines[13], ==, "accuracy\tAccuracy");
  g_assert_cmpstr (lines[14], ==, "");
  run_clear (&run);

  run_casebook (&run, db, "--lang=zh", "--list-metrics", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "cost\t成本\navailability\t可用性\n"));
  run_clear (&run);

  casebook_test_rmdir (dir);
}

static void
test_cli_export_chart (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  g_autofree char *png = g_build_filename (dir, "cost.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "cost.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "speed.pdf", NULL);
  g_autofree char *bmp = g_build_filename (dir, "cost.bmp", NULL);
  g_autofree char *opt_png = g_strdup_printf ("--export-chart=%s", png);
  g_autofree char *opt_svg = g_strdup_printf ("--export-chart=%s", svg);
  g_autofree char *opt_pdf = g_strdup_printf ("--export-chart=%s", pdf);
  g_autofree char *opt_bmp = g_strdup_printf ("--export-chart=%s", bmp);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "cost.png", NULL);
  g_autofree char *opt_missing = g_strdup_printf ("--export-chart=%s", missing);
  g_autofree char *contents = NULL;
  Run run = { 0 };

  run_casebook (&run, db, opt_png, "--metric=cost", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "cost.png"));
  check_magic (png, "\x89PNG", 4);
  run_clear (&run);

  run_casebook (&run, db, opt_svg, "--metric=cost", NULL);
  g_assert_cmpint (run.status, ==, 0);
  contents = casebook_test_read_file (svg, NULL);
  g_assert_nonnull (strstr (contents, "<svg"));
  run_clear (&run);

  run_casebook (&run, db, "--lang=zh", opt_pdf, "--metric=deployment_speed", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "部署速度"));
  check_magic (pdf, "%PDF", 4);
  run_clear (&run);

  /* Clear errors for what the person can fix, and no file. */
  run_casebook (&run, db, opt_png, "--metric=speed_of_light", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "speed_of_light"));
  g_assert_nonnull (strstr (run.err, "--list-metrics"));
  g_assert_nonnull (strstr (run.err, "deployment_speed"));
  run_clear (&run);

  run_casebook (&run, db, opt_bmp, "--metric=cost", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "cost.bmp"));
  g_assert_nonnull (strstr (run.err, ".png, .svg or .pdf"));
  g_assert_false (g_file_test (bmp, G_FILE_TEST_EXISTS));
  run_clear (&run);

  /* A failed write says "Could not" once, and names the file once. */
  run_casebook (&run, db, opt_missing, "--metric=cost", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_occurrences (run.err, "Could not"), ==, 1);
  g_assert_cmpuint (count_occurrences (run.err, missing), ==, 1);
  g_assert_cmpuint (count_occurrences (run.err, "\n"), ==, 1);
  run_clear (&run);

  run_casebook (&run, db, opt_png, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--metric"));
  run_clear (&run);

  run_casebook (&run, db, "--metric=cost", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--export-chart"));
  run_clear (&run);

  casebook_test_rmdir (dir);
}

/* An exported chart in Chinese says what the window says: its words come
 * from the catalogue that the window's gettext reads, by the same msgids. */
static void
test_export_zh_words (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CasebookStats) stats = load (fixture, "availability");
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCoverage) coverage = casebook_coverage_load (fixture->store, NULL, &error);
  g_auto(CasebookRenderChart) chart = { 0 };
  g_auto(CasebookRenderChart) cover = { 0 };
  const char *title = casebook_l10n_gettext (CASEBOOK_LANG_ZH, "Coverage of metric families by sector");
  const char *source = casebook_l10n_gettext (CASEBOOK_LANG_ZH, "Source: Casebook.");
  guint n_values = casebook_stats_get_n_points (stats);
  g_autofree char *values = g_strdup_printf (casebook_l10n_ngettext (CASEBOOK_LANG_ZH, "%u value", "%u values",
                                                                     n_values),
                                             n_values);
  g_autofree char *caption = NULL;
  g_autofree char *svg = g_build_filename (fixture->dir, "coverage.svg", NULL);

  g_assert_no_error (error);

  /* Found and translated: a missing catalogue would give the English. */
  g_assert_cmpstr (title, !=, "Coverage of metric families by sector");
  g_assert_cmpstr (source, !=, "Source: Casebook.");

  casebook_render_chart_init_coverage (&cover, coverage, CASEBOOK_LANG_ZH);
  g_assert_cmpstr (cover.title, ==, title);
  g_assert_cmpstr (cover.note, ==, source);
  g_assert_cmpstr (cover.subtitle, ==, casebook_l10n_gettext (CASEBOOK_LANG_ZH,
                                                              "How many cases report each metric family"));
  g_assert_true (casebook_render_export (&cover, svg, &error));
  g_assert_no_error (error);

  /* The Compare chart counts its values in the window's words, and its
   * note cites the report in the catalogue's words; its axis says what
   * it measures in the catalogue's words. */
  casebook_render_chart_init_compare (&chart, stats, CASEBOOK_LANG_ZH);
  g_assert_nonnull (strstr (chart.subtitle, values));
  g_assert_null (strstr (chart.subtitle, "values"));
  g_assert_null (strstr (chart.note, source));
  g_assert_null (strstr (chart.note, "Source"));

  caption = casebook_render_compare_scale_caption (casebook_stats_get_panel (stats, 0), CASEBOOK_LANG_ZH);
  g_assert_cmpstr (caption, ==, casebook_l10n_gettext (CASEBOOK_LANG_ZH,
                                                       "Availability in nines, with the downtime it allows per year"));
  g_assert_cmpstr (caption, !=, "Availability in nines, with the downtime it allows per year");
}


/* Labels, ranges of one value and the source line (issue 14, "Charts"). */

static const CasebookStatsPoint *
find_point (CasebookStats *stats,
            const char    *case_id,
            guint         *index)
{
  for (guint i = 0; i < casebook_stats_get_n_points (stats); i++)
    if (g_strcmp0 (casebook_stats_get_point (stats, i)->case_id, case_id) == 0)
      {
        *index = i;
        return casebook_stats_get_point (stats, i);
      }

  g_assert_not_reached ();
}

/* A point of the bundled collection is labelled with its organisation,
 * in the language of the chart, not with its report section. */
static void
test_compare_labels_name_organisation (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(CasebookStats) stats = load (fixture, "cost");
  g_autoptr(CasebookCompareLayout) en = NULL;
  g_autoptr(CasebookCompareLayout) zh = NULL;
  CasebookRenderTheme theme;
  const CasebookStatsPoint *point;
  guint index;

  casebook_render_theme_init_default (&theme);
  en = casebook_compare_layout_new (stats, 1200, CASEBOOK_LANG_EN, &theme, NULL);
  zh = casebook_compare_layout_new (stats, 1200, CASEBOOK_LANG_ZH, &theme, NULL);

  /* The seed's "A large state-owned bank" (某大型国有银行), section 2.1. */
  point = find_point (stats, "report-2.1", &index);
  g_assert_cmpstr (point->label, ==, "2.1");
  g_assert_cmpstr (_casebook_compare_layout_get_label (en, index, NULL, NULL, NULL, NULL), ==,
                   "Large state-owned bank");
  g_assert_cmpstr (_casebook_compare_layout_get_label (zh, index, NULL, NULL, NULL, NULL), ==, "大型国有银行");

  /* Every labelled point says its organisation, never a section number. */
  for (guint i = 0; i < casebook_stats_get_n_points (stats); i++)
    {
      const char *label = _casebook_compare_layout_get_label (en, i, NULL, NULL, NULL, NULL);
      const char *organization = casebook_stats_get_point (stats, i)->organization.en;

      g_assert_nonnull (organization);
      if (label == NULL)
        continue;
      g_assert_cmpstr (label, !=, casebook_stats_get_point (stats, i)->label);
      g_assert_true (g_ascii_strcasecmp (label, strchr (organization, ' ') + 1) == 0);
    }
}

static void
add_value (CasebookStats *stats,
           const char    *id,
           const char    *organization,
           double         value)
{
  CasebookOutcomeRow row = { 0 };

  row.case_id = id;
  row.sector = "finance";
  row.has_value = TRUE;
  row.value = value;
  row.unit = CASEBOOK_UNIT_PERCENT_CHANGE;
  row.better = CASEBOOK_BETTER_LOWER;
  row.section = "2.1";
  row.organization.en = (char *) organization;
  casebook_stats_add_outcome (stats, &row);
}

static gboolean
rects_meet (double ax, double ay, double aw, double ah,
            double bx, double by, double bw, double bh)
{
  return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

/* Equal values: their labels go above and below the dots, never onto
 * each other, and no label leaves its row, at a desktop and a phone
 * width. */
static void
test_compare_labels_apart (void)
{
  g_autoptr(CasebookStats) stats = casebook_stats_new ("cost", NULL);
  CasebookSector finance = { (char *) "finance", NULL, (char *) "#1c71d8" };
  CasebookSector industry = { (char *) "manufacturing", NULL, (char *) "#e66100" };
  static const double widths[] = { 900, 360 };
  CasebookRenderTheme theme;

  casebook_stats_add_sector (stats, &finance);
  casebook_stats_add_sector (stats, &industry);
  add_value (stats, "a", "A large bank", -30);
  add_value (stats, "b", "A large insurance company", -30);
  add_value (stats, "c", "A medium-sized securities firm", -30);
  add_value (stats, "d", "A small broker", -31);
  {
    CasebookOutcomeRow row = { 0 };

    /* A row below, whose labels the first row's must not reach. */
    row.case_id = "e";
    row.sector = "manufacturing";
    row.has_value = TRUE;
    row.value = -30;
    row.unit = CASEBOOK_UNIT_PERCENT_CHANGE;
    row.organization.en = (char *) "A large automotive manufacturer";
    casebook_stats_add_outcome (stats, &row);
  }
  casebook_stats_finish (stats);
  casebook_render_theme_init_default (&theme);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autoptr(CasebookCompareLayout) layout = casebook_compare_layout_new (stats, widths[w], CASEBOOK_LANG_EN,
                                                                             &theme, NULL);
      guint n = casebook_stats_get_n_points (stats);
      guint labelled = 0;
      gboolean above = FALSE, below = FALSE;

      for (guint i = 0; i < n; i++)
        {
          const CasebookStatsPoint *point = casebook_stats_get_point (stats, i);
          double x, y, lw, lh, top, centre, bottom;

          if (_casebook_compare_layout_get_label (layout, i, &x, &y, &lw, &lh) == NULL)
            continue;

          labelled++;
          g_assert_true (_casebook_compare_layout_get_row_y (layout, point->panel, point->row, &top, &centre, &bottom));
          g_assert_cmpfloat (lw, >, 0);
          g_assert_cmpfloat (lh, >, 0);
          g_assert_cmpfloat (y, >=, top);
          g_assert_cmpfloat (y + lh, <=, bottom);
          g_assert_cmpfloat (x, >=, 0);
          g_assert_cmpfloat (x + lw, <=, widths[w]);
          if (point->row == 0)
            {
              above |= y + lh <= centre;
              below |= y >= centre;
            }

          for (guint j = 0; j < i; j++)
            {
              double x2, y2, w2, h2;

              if (_casebook_compare_layout_get_label (layout, j, &x2, &y2, &w2, &h2) != NULL)
                g_assert_false (rects_meet (x, y, lw, lh, x2, y2, w2, h2));
            }
        }

      /* The crowded row names cases above and below its dots; what has no
       * room left is named by the tooltip. */
      g_assert_true (above);
      g_assert_true (below);
      g_assert_cmpuint (labelled, >=, 3);
    }
}

/* Exactly two cases of one value, the report's usual pair: both named, one
 * above the dots and one below, neither reaching past its row. */
static void
test_compare_labels_of_a_pair (void)
{
  g_autoptr(CasebookStats) stats = casebook_stats_new ("cost", NULL);
  g_autoptr(CasebookCompareLayout) layout = NULL;
  CasebookSector finance = { (char *) "finance", NULL, (char *) "#1c71d8" };
  CasebookRenderTheme theme;
  double x[2], y[2], w[2], h[2], top, centre, bottom, dot_y[2], radius;

  casebook_stats_add_sector (stats, &finance);
  add_value (stats, "a", "A large bank", -30);
  add_value (stats, "b", "A large insurance company", -30);
  casebook_stats_finish (stats);
  casebook_render_theme_init_default (&theme);
  layout = casebook_compare_layout_new (stats, 700, CASEBOOK_LANG_EN, &theme, NULL);
  g_assert_true (_casebook_compare_layout_get_row_y (layout, 0, 0, &top, &centre, &bottom));

  for (guint i = 0; i < 2; i++)
    {
      g_assert_nonnull (_casebook_compare_layout_get_label (layout, i, &x[i], &y[i], &w[i], &h[i]));
      g_assert_true (casebook_compare_layout_get_mark (layout, i, NULL, &dot_y[i], &radius));
      g_assert_cmpfloat (y[i], >=, top);
      g_assert_cmpfloat (y[i] + h[i], <=, bottom);
    }

  /* One above both dots, one below both, the dots apart too. */
  g_assert_cmpfloat (fabs (dot_y[0] - dot_y[1]), >=, radius);
  g_assert_true ((y[0] + h[0] <= MIN (dot_y[0], dot_y[1]) - radius && y[1] >= MAX (dot_y[0], dot_y[1]) + radius) ||
                 (y[1] + h[1] <= MIN (dot_y[0], dot_y[1]) - radius && y[0] >= MAX (dot_y[0], dot_y[1]) + radius));
  g_assert_false (rects_meet (x[0], y[0], w[0], h[0], x[1], y[1], w[1], h[1]));
}

static void
add_range (CasebookStats *stats,
           const char    *sector,
           double         min,
           double         max)
{
  CasebookRange range = { 0 };

  range.section = (char *) "6.3";
  range.sector = (char *) sector;
  range.metric = (char *) "cost";
  range.min = min;
  range.max = max;
  range.unit = CASEBOOK_UNIT_PERCENT_CHANGE;
  range.better = CASEBOOK_BETTER_LOWER;
  casebook_stats_add_range (stats, &range);
}

static gboolean
strv_has (char       **strv,
          const char  *text)
{
  return g_strv_contains ((const char * const *) strv, text);
}

/* A report range of one value is a tick at that value, not a box; the
 * legend and the note speak of bands only when a band is drawn. */
static void
test_compare_one_value_range_is_tick (void)
{
  g_autoptr(CasebookStats) ticks = casebook_stats_new ("cost", NULL);
  g_autoptr(CasebookStats) both = casebook_stats_new ("cost", NULL);
  g_autoptr(CasebookCompareLayout) layout = NULL;
  g_autoptr(CasebookCompareLayout) mixed = NULL;
  g_auto(GStrv) legend = NULL;
  g_auto(GStrv) mixed_legend = NULL;
  g_auto(CasebookRenderChart) chart = { 0 };
  g_auto(CasebookRenderChart) mixed_chart = { 0 };
  CasebookSector finance = { (char *) "finance", NULL, (char *) "#1c71d8" };
  CasebookSector industry = { (char *) "manufacturing", NULL, (char *) "#e66100" };
  CasebookRenderTheme theme;
  cairo_surface_t *surface;
  double x0, x1, top, centre, bottom, value_x;
  gboolean tick;

  casebook_stats_add_sector (ticks, &finance);
  add_value (ticks, "a", "A large bank", -20);
  add_range (ticks, "finance", -50, -50);
  casebook_stats_finish (ticks);

  casebook_render_theme_init_default (&theme);
  layout = casebook_compare_layout_new (ticks, 700, CASEBOOK_LANG_EN, &theme, NULL);
  g_assert_true (_casebook_compare_layout_get_range (layout, 0, 0, &x0, &x1, &tick));
  value_x = _casebook_compare_layout_value_to_x (layout, 0, -50);
  g_assert_true (tick);
  g_assert_cmpfloat_with_epsilon (x0, value_x, 1e-9);
  g_assert_cmpfloat_with_epsilon (x1, value_x, 1e-9);

  /* Drawn: ink on the value's line above and below the centre, none a few
   * pixels to either side where the dashed box's edges were. */
  surface = draw_layout (layout);
  g_assert_true (_casebook_compare_layout_get_row_y (layout, 0, 0, &top, &centre, &bottom));
  g_assert_false (is_white (pixel_at (surface, value_x, centre - 6)));
  g_assert_false (is_white (pixel_at (surface, value_x, centre + 6)));
  g_assert_cmpint (ink_in (surface, value_x - 12, centre - 3, value_x - 7, centre + 3), ==, 0);
  g_assert_cmpint (ink_in (surface, value_x + 7, centre - 3, value_x + 12, centre + 3), ==, 0);
  cairo_surface_destroy (surface);

  legend = _casebook_compare_layout_dup_legend (layout);
  g_assert_false (strv_has (legend, "Report range (section 6.3)"));
  g_assert_true (strv_has (legend, "Report value (section 6.3)"));
  casebook_render_chart_init_compare (&chart, ticks, CASEBOOK_LANG_EN);
  g_assert_null (strstr (chart.note, "Band"));
  g_assert_nonnull (strstr (chart.note, "Ticks are the values the report gives"));

  /* A real range next to it is still a band, and both are explained. */
  casebook_stats_add_sector (both, &finance);
  casebook_stats_add_sector (both, &industry);
  add_value (both, "a", "A large bank", -20);
  add_range (both, "finance", -50, -50);
  add_range (both, "manufacturing", -35, -25);
  casebook_stats_finish (both);
  mixed = casebook_compare_layout_new (both, 700, CASEBOOK_LANG_EN, &theme, NULL);
  g_assert_true (_casebook_compare_layout_get_range (mixed, 0, 1, &x0, &x1, &tick));
  g_assert_false (tick);
  g_assert_cmpfloat (x1 - x0, >, 10);
  mixed_legend = _casebook_compare_layout_dup_legend (mixed);
  g_assert_true (strv_has (mixed_legend, "Report range (section 6.3)"));
  g_assert_true (strv_has (mixed_legend, "Report value (section 6.3)"));
  casebook_render_chart_init_compare (&mixed_chart, both, CASEBOOK_LANG_EN);
  g_assert_nonnull (strstr (mixed_chart.note, "Bands and ticks"));
}

/* The footer of an exported chart cites the report its cases come from,
 * in the chart's language; numbers of the person's own cases cite
 * Casebook. */
static void
test_export_cites_report (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CasebookStats) stats = load (fixture, "cost");
  g_autoptr(CasebookStats) own = casebook_stats_new ("cost", NULL);
  g_auto(CasebookRenderChart) en = { 0 };
  g_auto(CasebookRenderChart) zh = { 0 };
  g_auto(CasebookRenderChart) mine = { 0 };
  g_autofree char *zh_source = NULL;
  CasebookSector finance = { (char *) "finance", NULL, (char *) "#1c71d8" };

  casebook_render_chart_init_compare (&en, stats, CASEBOOK_LANG_EN);
  g_assert_true (g_str_has_suffix (en.note,
                                   "Source: Enterprise Case Studies of Virtualization and Containerization, 2025."));
  g_assert_null (strstr (en.note, "Casebook"));

  casebook_render_chart_init_compare (&zh, stats, CASEBOOK_LANG_ZH);
  zh_source = g_strdup_printf (casebook_l10n_gettext (CASEBOOK_LANG_ZH, "Source: %s."),
                               "2025年虚拟化容器化技术企业级案例研究");
  g_assert_cmpstr (casebook_l10n_gettext (CASEBOOK_LANG_ZH, "Source: %s."), !=, "Source: %s.");
  g_assert_true (g_str_has_suffix (zh.note, zh_source));

  casebook_stats_add_sector (own, &finance);
  add_value (own, "mine", "A large bank", -20);
  casebook_stats_finish (own);
  casebook_render_chart_init_compare (&mine, own, CASEBOOK_LANG_EN);
  g_assert_cmpstr (mine.note, ==, "Source: Casebook.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/charts/compare/marks-where-the-data-says", Fixture, NULL, fixture_set_up, test_compare_cost,
              fixture_tear_down);
  g_test_add ("/charts/compare/log-axis", Fixture, NULL, fixture_set_up, test_compare_log_axis, fixture_tear_down);
  g_test_add ("/charts/compare/nines-axis", Fixture, NULL, fixture_set_up, test_compare_nines, fixture_tear_down);
  g_test_add ("/charts/compare/dumbbell", Fixture, NULL, fixture_set_up, test_compare_dumbbell, fixture_tear_down);
  g_test_add_func ("/charts/compare/no-data-message", test_compare_no_data);
  g_test_add_func ("/charts/compare/nan-never-drawn", test_compare_nan_never_drawn);
  g_test_add_func ("/charts/compare/aggregates-dense-rows", test_compare_aggregates);
  g_test_add ("/charts/compare/labels-name-the-organisation", Fixture, NULL, fixture_set_up,
              test_compare_labels_name_organisation, fixture_tear_down);
  g_test_add_func ("/charts/compare/labels-of-equal-values-apart", test_compare_labels_apart);
  g_test_add_func ("/charts/compare/labels-of-a-pair", test_compare_labels_of_a_pair);
  g_test_add_func ("/charts/compare/one-value-range-is-a-tick", test_compare_one_value_range_is_tick);
  g_test_add ("/charts/export/footer-cites-the-report", Fixture, NULL, fixture_set_up, test_export_cites_report,
              fixture_tear_down);
  g_test_add ("/charts/coverage/cells", Fixture, NULL, fixture_set_up, test_coverage, fixture_tear_down);
  g_test_add ("/charts/export/formats", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/charts/export/zh-words-from-the-catalogue", Fixture, NULL, fixture_set_up, test_export_zh_words,
              fixture_tear_down);
  g_test_add ("/charts/export/write-errors", Fixture, NULL, fixture_set_up, test_export_write_errors,
              fixture_tear_down);
  g_test_add_func ("/charts/cli/list-metrics", test_cli_list_metrics);
  g_test_add_func ("/charts/cli/export-chart", test_cli_export_chart);

  return g_test_run ();
}
