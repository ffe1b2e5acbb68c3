/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

#include "casebook-render-timeline.h"
#include "casebook-test-util.h"

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

/* How far a pixel is from white, 0 to 3 * 255. */
static int
ink_at (cairo_surface_t *surface,
        int              x,
        int              y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  pixel = *(guint32 *) (data + y * stride + x * 4);
  return (255 - ((pixel >> 16) & 0xff)) + (255 - ((pixel >> 8) & 0xff)) + (255 - (pixel & 0xff));
}

static cairo_surface_t *
render_to_image (GPtrArray                 *phases,
                 double                     width,
                 CasebookLang               lang,
                 const CasebookRenderTheme *theme)
{
  double height = casebook_render_timeline_height_for_width (phases, width, theme);
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_cmpfloat (height, >, 0);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) ceil (height));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  casebook_render_timeline (cr, width, height, phases, lang, theme);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static void
test_render_timeline_image (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CasebookCase) c = get_case (fixture, "report-2.2");
  GPtrArray *phases = casebook_case_get_phases (c);
  CasebookRenderTheme theme;
  cairo_surface_t *surface;
  const double width = 800;

  casebook_render_theme_init_default (&theme);
  g_assert_cmpuint (phases->len, ==, 3);

  surface = render_to_image (phases, width, CASEBOOK_LANG_EN, &theme);

  for (guint i = 0; i < phases->len; i++)
    {
      cairo_rectangle_t bar;
      int cx, cy;

      g_assert_true (casebook_render_timeline_get_bar (phases, width, &theme, CASEBOOK_LANG_EN, i, &bar));
      g_assert_cmpfloat (bar.width, >, 10);
      g_assert_cmpfloat (bar.x + bar.width, <=, width);

      /* Inside the bar, away from its label in the middle: the accent. */
      cx = (int) (bar.x + 4);
      cy = (int) (bar.y + bar.height / 2);
      g_assert_cmpint (ink_at (surface, cx, cy), >, 150);

      /* Bars follow each other, each phase in its own row. */
      if (i > 0)
        {
          cairo_rectangle_t previous;

          casebook_render_timeline_get_bar (phases, width, &theme, CASEBOOK_LANG_EN, i - 1, &previous);
          g_assert_cmpfloat (bar.x, >, previous.x + previous.width - 1);
          g_assert_cmpfloat (bar.y, >, previous.y);
        }
    }

  /* The phase names are drawn on the left, in the rows. */
  {
    cairo_rectangle_t bar;
    int ink = 0;

    casebook_render_timeline_get_bar (phases, width, &theme, CASEBOOK_LANG_EN, 0, &bar);
    for (int x = 0; x < 60; x++)
      for (int y = (int) bar.y; y < (int) (bar.y + bar.height); y++)
        ink += ink_at (surface, x, y) > 100;
    g_assert_cmpint (ink, >, 20);
  }

  cairo_surface_destroy (surface);
}

static void
test_render_timeline_spans (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CasebookCase) years = get_case (fixture, "report-2.1");
  g_autoptr(CasebookCase) quarters = get_case (fixture, "report-2.2");
  GPtrArray *phases = casebook_case_get_phases (years);
  CasebookRenderTheme theme;
  cairo_rectangle_t a, b, half;
  const double width = 900;

  casebook_render_theme_init_default (&theme);

  /* A whole-year phase covers all four quarters: 2023, 2024 and 2025 are
   * bars of the same length, each starting where the year before ends. */
  g_assert_true (casebook_render_timeline_get_bar (phases, width, &theme, CASEBOOK_LANG_EN, 0, &a));
  g_assert_true (casebook_render_timeline_get_bar (phases, width, &theme, CASEBOOK_LANG_EN, 1, &b));
  g_assert_cmpfloat (fabs (a.width - b.width), <, 1);
  g_assert_cmpfloat (fabs ((b.x - a.x) - (a.width + 4)), <, 1.5);

  /* Q1–Q2 is half a year. */
  g_assert_true (casebook_render_timeline_get_bar (casebook_case_get_phases (quarters), width, &theme,
                                                   CASEBOOK_LANG_EN, 0, &half));
  g_assert_cmpfloat (half.width, <, a.width);

  /* Narrow, the names go above the bars and the timeline grows taller. */
  g_assert_cmpfloat (casebook_render_timeline_height_for_width (phases, 300, &theme), >,
                     casebook_render_timeline_height_for_width (phases, 900, &theme));

  /* Nothing to draw, no height. */
  {
    g_autoptr(GPtrArray) empty = g_ptr_array_new ();

    g_assert_cmpfloat (casebook_render_timeline_height_for_width (empty, width, &theme), ==, 0);
    g_assert_cmpfloat (casebook_render_timeline_height_for_width (NULL, width, &theme), ==, 0);
  }
}

/* A long phase name wraps in its column and its row grows to hold it,
 * rather than being cut short while the chart has room to spare; the
 * bar stays in its row, under no other name. */
static void
test_render_timeline_wraps_names (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(CasebookCase) c = get_case (fixture, "report-2.1");
  GPtrArray *phases = casebook_case_get_phases (c);
  CasebookPhase *phase = g_ptr_array_index (phases, 0);
  CasebookRenderTheme theme;
  cairo_rectangle_t first, second;
  double short_height, long_height;

  casebook_render_theme_init_default (&theme);
  short_height = casebook_render_timeline_measure (phases, 700, &theme, CASEBOOK_LANG_EN);

  casebook_text_set (phase->name, CASEBOOK_LANG_EN,
                     "Consolidating the data centres of every branch onto one virtualization platform");
  long_height = casebook_render_timeline_measure (phases, 700, &theme, CASEBOOK_LANG_EN);
  g_assert_cmpfloat (long_height, >, short_height);
  /* Wider, it needs fewer lines. */
  g_assert_cmpfloat (casebook_render_timeline_measure (phases, 1400, &theme, CASEBOOK_LANG_EN), <, long_height);
  /* The height asked for without a language holds either. */
  g_assert_cmpfloat (casebook_render_timeline_height_for_width (phases, 700, &theme), >=, long_height);

  g_assert_true (casebook_render_timeline_get_bar (phases, 700, &theme, CASEBOOK_LANG_EN, 0, &first));
  g_assert_true (casebook_render_timeline_get_bar (phases, 700, &theme, CASEBOOK_LANG_EN, 1, &second));
  g_assert_cmpfloat (second.y - first.y, >, (long_height - short_height) + first.height);
}

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
test_render_timeline_pdf (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CasebookCase) c = get_case (fixture, "report-2.2");
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  GPtrArray *phases = casebook_case_get_phases (c);
  CasebookRenderTheme theme;
  cairo_surface_t *surface;
  cairo_t *cr;
  double height;

  casebook_render_theme_init_default (&theme);
  theme.font_size = 10;

  /* An A4 page in points, the timeline within its margins. */
  surface = cairo_pdf_surface_create_for_stream (append_to_bytes, bytes, 595, 842);
  cr = cairo_create (surface);
  cairo_translate (cr, 56, 56);
  height = casebook_render_timeline_height_for_width (phases, 483, &theme);
  casebook_render_timeline (cr, 483, height, phases, CASEBOOK_LANG_ZH, &theme);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_cmpuint (bytes->len, >, 1000);
  g_assert_true (memcmp (bytes->data, "%PDF", 4) == 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/render/timeline/image", Fixture, NULL,
              fixture_set_up, test_render_timeline_image, fixture_tear_down);
  g_test_add ("/render/timeline/spans", Fixture, NULL,
              fixture_set_up, test_render_timeline_spans, fixture_tear_down);
  g_test_add ("/render/timeline/wraps-names", Fixture, NULL,
              fixture_set_up, test_render_timeline_wraps_names, fixture_tear_down);
  g_test_add ("/render/timeline/pdf", Fixture, NULL,
              fixture_set_up, test_render_timeline_pdf, fixture_tear_down);

  return g_test_run ();
}
