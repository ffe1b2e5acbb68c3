/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "casebook-file-io.h"
#include "casebook-l10n.h"
#include "casebook-render-chart.h"
#include "casebook-render-compare.h"
#include "casebook-render-coverage.h"
#include "casebook-render-export.h"

/* Exported charts are pages of their own: a title, the chart and a note
 * on white, in the print theme, whatever the window's style. PNG is drawn
 * at twice the size so that it stays sharp on a slide or a HiDPI screen;
 * SVG and PDF are vectors, with the text kept as text. */

#define EXPORT_WIDTH  760.0
#define EXPORT_MARGIN 32.0
#define PNG_SCALE     2.0

G_DEFINE_QUARK (casebook-render-export-error-quark, casebook_render_export_error)

static double
compare_height (gpointer                   data,
                double                     width,
                CasebookLang               lang,
                const CasebookRenderTheme *theme)
{
  return casebook_render_compare_height_for_width (data, width, lang, theme);
}

static void
compare_draw (cairo_t                   *cr,
              double                     width,
              double                     height,
              gpointer                   data,
              CasebookLang               lang,
              const CasebookRenderTheme *theme)
{
  casebook_render_compare (cr, width, height, data, lang, theme);
}

static double
coverage_height (gpointer                   data,
                 double                     width,
                 CasebookLang               lang,
                 const CasebookRenderTheme *theme)
{
  return casebook_render_coverage_height_for_width (data, width, lang, theme);
}

static void
coverage_draw (cairo_t                   *cr,
               double                     width,
               double                     height,
               gpointer                   data,
               CasebookLang               lang,
               const CasebookRenderTheme *theme)
{
  casebook_render_coverage (cr, width, height, data, lang, theme);
}

/* Adds a sentence to a chart's note: after a space in English, straight
 * after the full stop in Chinese. */
static void
append_sentence (GString      *note,
                 CasebookLang  lang,
                 const char   *sentence)
{
  g_autofree char *joined = NULL;

  if (note->len == 0)
    {
      g_string_append (note, sentence);
      return;
    }

  /* Translators: two sentences of a chart's note, one after the other */
  joined = g_strdup_printf (LC_ (lang, "two sentences", "%s %s"), note->str, sentence);
  g_string_assign (note, joined);
}

/* The sentence that says where the numbers come from: the published
 * report when the cases cite one (the bundled cases cite the study they
 * are taken from, and the ranges are that study's too), Casebook itself
 * when none does. */
static char *
compare_source (CasebookStats *stats,
                CasebookLang   lang)
{
  const char *report = NULL;
  gboolean several = FALSE;
  guint n_own = 0;

  for (guint i = 0; i < casebook_stats_get_n_points (stats); i++)
    {
      const char *title = casebook_text_get (&casebook_stats_get_point (stats, i)->source_title, lang);

      if (title[0] == '\0')
        n_own++;
      else if (report == NULL)
        report = title;
      else if (strcmp (report, title) != 0)
        several = TRUE;
    }

  if (report == NULL)
    return g_strdup (L_ (lang, "Source: Casebook."));
  if (several)
    return g_strdup (L_ (lang, "Sources: the reports each case cites."));
  if (n_own > 0)
    /* Translators: an exported chart's source, when some of its cases come
     * from a published report (%s, its title) and the others were added by
     * the person; Chinese sets the title in book-title marks, "《%s》" */
    return g_strdup_printf (L_ (lang, "Sources: %s, and cases added in Casebook."), report);

  /* Translators: an exported chart's source: the title of the published
   * report its numbers come from; Chinese sets it in book-title marks,
   * "《%s》" */
  return g_strdup_printf (L_ (lang, "Source: %s."), report);
}

/**
 * casebook_render_chart_init_compare:
 * @stats: the numbers; not referenced, so it must outlive @chart
 *
 * Describes the Compare chart of @stats, with its title and notes.
 */
void
casebook_render_chart_init_compare (CasebookRenderChart *chart,
                                    CasebookStats       *stats,
                                    CasebookLang         lang)
{
  guint n_values, n_cases, n_qualitative;
  gboolean bands = FALSE, ticks = FALSE;
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *source = NULL;

  g_return_if_fail (chart != NULL);
  g_return_if_fail (CASEBOOK_IS_STATS (stats));

  memset (chart, 0, sizeof *chart);
  chart->height_for_width = compare_height;
  chart->draw = compare_draw;
  chart->data = stats;
  chart->lang = lang;

  n_values = casebook_stats_get_n_points (stats);
  n_cases = casebook_stats_get_n_cases (stats);
  n_qualitative = casebook_stats_get_n_qualitative (stats);
  for (guint p = 0; p < casebook_stats_get_n_panels (stats); p++)
    for (guint r = 0; r < casebook_stats_get_panel (stats, p)->n_rows; r++)
      {
        const CasebookStatsRow *row = &casebook_stats_get_panel (stats, p)->rows[r];

        if (row->range != NULL && row->range_min == row->range_max)
          ticks = TRUE;
        else if (row->range != NULL)
          bands = TRUE;
      }

  chart->title = g_strdup (casebook_text_get (casebook_stats_get_name (stats), lang));

  /* The counts in the window's words, which says the same above its chart. */
  {
    g_autofree char *values = g_strdup_printf (LN_ (lang, "%u value", "%u values", n_values), n_values);
    g_autofree char *cases = g_strdup_printf (LN_ (lang, "%u case", "%u cases", n_cases), n_cases);

    /* Translators: an exported chart's subtitle, e.g. "5 values from 4 cases, by sector" */
    chart->subtitle = g_strdup_printf (L_ (lang, "%s from %s, by sector"), values, cases);
  }

  /* A range of one value is drawn as a tick, not a band. */
  if (bands && ticks)
    append_sentence (note, lang, L_ (lang, "Bands and ticks are the report’s sector ranges and values (section 6.3)."));
  else if (bands)
    append_sentence (note, lang, L_ (lang, "Bands are the report’s sector ranges (section 6.3)."));
  else if (ticks)
    append_sentence (note, lang, L_ (lang, "Ticks are the values the report gives for a sector (section 6.3)."));
  if (n_qualitative > 0)
    {
      g_autofree char *not_drawn = g_strdup_printf (LN_ (lang, "%u outcome without a number is not drawn",
                                                         "%u outcomes without a number are not drawn",
                                                         n_qualitative),
                                                    n_qualitative);
      /* Translators: a clause made a sentence of its own, with a full stop */
      g_autofree char *sentence = g_strdup_printf (LC_ (lang, "end of a sentence", "%s."), not_drawn);

      append_sentence (note, lang, sentence);
    }
  source = compare_source (stats, lang);
  append_sentence (note, lang, source);
  chart->note = g_string_free (g_steal_pointer (&note), FALSE);
}

/**
 * casebook_render_chart_init_coverage:
 * @coverage: the counts; not referenced, so it must outlive @chart
 *
 * Describes the coverage overview of @coverage.
 */
void
casebook_render_chart_init_coverage (CasebookRenderChart *chart,
                                     CasebookCoverage    *coverage,
                                     CasebookLang         lang)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (coverage != NULL);

  memset (chart, 0, sizeof *chart);
  chart->height_for_width = coverage_height;
  chart->draw = coverage_draw;
  chart->data = coverage;
  chart->lang = lang;
  /* The title the window gives the same chart. */
  chart->title = g_strdup (L_ (lang, "Coverage of metric families by sector"));
  chart->subtitle = g_strdup (L_ (lang, "How many cases report each metric family"));
  chart->note = g_strdup (L_ (lang, "Source: Casebook."));
}

void
casebook_render_chart_clear (CasebookRenderChart *chart)
{
  g_return_if_fail (chart != NULL);

  g_clear_pointer (&chart->title, g_free);
  g_clear_pointer (&chart->subtitle, g_free);
  g_clear_pointer (&chart->note, g_free);
}

/*
 * casebook_render_theme_init_print:
 *
 * The theme of paper and exported images: dark text on white, at a size
 * that reads well on an A4 page.
 */
static void
casebook_render_theme_init_print (CasebookRenderTheme *theme)
{
  g_return_if_fail (theme != NULL);

  casebook_render_theme_init_default (theme);
  theme->font_size = 11;
}

/**
 * casebook_render_export_format_for_path:
 * @path: a file name
 * @format: (out): the format its extension names
 *
 * Returns: %FALSE, with an error that names the file, when the extension
 *   is not .png, .svg or .pdf (in any case)
 */
gboolean
casebook_render_export_format_for_path (const char            *path,
                                        CasebookExportFormat  *format,
                                        GError               **error)
{
  g_autofree char *base = NULL;
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  base = g_path_get_basename (path);
  dot = strrchr (base, '.');

  if (dot != NULL && g_ascii_strcasecmp (dot, ".png") == 0)
    *format = CASEBOOK_EXPORT_PNG;
  else if (dot != NULL && g_ascii_strcasecmp (dot, ".svg") == 0)
    *format = CASEBOOK_EXPORT_SVG;
  else if (dot != NULL && g_ascii_strcasecmp (dot, ".pdf") == 0)
    *format = CASEBOOK_EXPORT_PDF;
  else
    {
      if (dot == NULL)
        g_set_error (error, CASEBOOK_RENDER_EXPORT_ERROR, CASEBOOK_RENDER_EXPORT_ERROR_FORMAT,
                     _("“%s” has no file extension; end the name with .png, .svg or .pdf to choose the format"),
                     path);
      else
        g_set_error (error, CASEBOOK_RENDER_EXPORT_ERROR, CASEBOOK_RENDER_EXPORT_ERROR_FORMAT,
                     _("“%s”: charts cannot be exported as “%s”; use .png, .svg or .pdf"),
                     path, dot);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  PangoLayout *title;
  PangoLayout *subtitle;
  PangoLayout *note;
  double       title_h;
  double       subtitle_h;
  double       note_h;
} Frame;

static void
frame_clear (Frame *frame)
{
  g_clear_object (&frame->title);
  g_clear_object (&frame->subtitle);
  g_clear_object (&frame->note);
}

static void
frame_init (Frame                     *frame,
            PangoContext              *context,
            const CasebookRenderChart *chart,
            const CasebookRenderTheme *theme,
            double                     width)
{
  double f = theme->font_size > 0 ? theme->font_size : 13;

  memset (frame, 0, sizeof *frame);

  if (chart->title != NULL)
    {
      frame->title = _casebook_render_text (context, theme, chart->title, round (f * 1.6), PANGO_WEIGHT_BOLD);
      pango_layout_set_width (frame->title, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (frame->title, PANGO_WRAP_WORD_CHAR);
      _casebook_render_text_size (frame->title, NULL, &frame->title_h);
    }
  if (chart->subtitle != NULL)
    {
      frame->subtitle = _casebook_render_text (context, theme, chart->subtitle, f, PANGO_WEIGHT_NORMAL);
      pango_layout_set_width (frame->subtitle, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (frame->subtitle, PANGO_WRAP_WORD_CHAR);
      _casebook_render_text_size (frame->subtitle, NULL, &frame->subtitle_h);
    }
  if (chart->note != NULL)
    {
      frame->note = _casebook_render_text (context, theme, chart->note, round (f * 0.85), PANGO_WEIGHT_NORMAL);
      pango_layout_set_width (frame->note, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (frame->note, PANGO_WRAP_WORD_CHAR);
      _casebook_render_text_size (frame->note, NULL, &frame->note_h);
    }
}

static double
header_height (const Frame *frame,
               double       f)
{
  double h = frame->title_h + frame->subtitle_h;

  return h > 0 ? h + round (f * 1.2) : 0;
}

static double
footer_height (const Frame *frame,
               double       f)
{
  return frame->note_h > 0 ? frame->note_h + round (f * 1.2) : 0;
}

/*
 * casebook_render_export_size:
 * @width: (out): the page width, in points or pixels before scaling
 * @height: (out): the page height
 *
 * The size of the page casebook_render_export_draw() fills.
 */
static void
casebook_render_export_size (const CasebookRenderChart *chart,
                             const CasebookRenderTheme *theme,
                             double                    *width,
                             double                    *height)
{
  g_autoptr(CasebookRenderContext) context = NULL;
  double f = theme->font_size > 0 ? theme->font_size : 13;
  double inner = EXPORT_WIDTH - 2 * EXPORT_MARGIN;
  Frame frame;

  g_return_if_fail (chart != NULL && theme != NULL);

  context = _casebook_render_context_new (NULL, chart->lang);
  frame_init (&frame, context, chart, theme, inner);

  *width = EXPORT_WIDTH;
  *height = ceil (2 * EXPORT_MARGIN + header_height (&frame, f) +
                  chart->height_for_width (chart->data, inner, chart->lang, theme) + footer_height (&frame, f));

  frame_clear (&frame);
}

/*
 * casebook_render_export_draw:
 * @cr: where to draw the page
 * @width: the page width, from casebook_render_export_size()
 * @height: the page height
 *
 * Draws the page of an exported chart: white, with the title, the chart
 * and the note within a margin.
 */
static void
casebook_render_export_draw (cairo_t                   *cr,
                             const CasebookRenderChart *chart,
                             double                     width,
                             double                     height,
                             const CasebookRenderTheme *theme)
{
  g_autoptr(CasebookRenderContext) context = NULL;
  double f = theme->font_size > 0 ? theme->font_size : 13;
  double inner = width - 2 * EXPORT_MARGIN;
  double top, chart_h;
  Frame frame;

  g_return_if_fail (cr != NULL && chart != NULL && theme != NULL);

  context = _casebook_render_context_new (cr, chart->lang);
  frame_init (&frame, context, chart, theme, inner);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  top = EXPORT_MARGIN;
  if (frame.title != NULL)
    {
      _casebook_render_set_source (cr, &theme->foreground, 1);
      _casebook_render_show (cr, frame.title, EXPORT_MARGIN, top);
    }
  if (frame.subtitle != NULL)
    {
      _casebook_render_set_source (cr, &theme->dim_foreground, 1);
      _casebook_render_show (cr, frame.subtitle, EXPORT_MARGIN, top + frame.title_h);
    }
  top += header_height (&frame, f);

  chart_h = height - top - EXPORT_MARGIN - footer_height (&frame, f);
  cairo_save (cr);
  cairo_translate (cr, EXPORT_MARGIN, top);
  chart->draw (cr, inner, MAX (chart_h, 1), chart->data, chart->lang, theme);
  cairo_restore (cr);

  if (frame.note != NULL)
    {
      _casebook_render_set_source (cr, &theme->dim_foreground, 1);
      _casebook_render_show (cr, frame.note, EXPORT_MARGIN, height - EXPORT_MARGIN - frame.note_h);
    }

  cairo_restore (cr);
  frame_clear (&frame);
}

/* Errors are never handed back to cairo, whose PDF surface can crash on
 * them (cairo 1.16): the writer keeps the first one, drops what follows,
 * and it is read once cairo has finished. */
static cairo_status_t
write_to_writer (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  casebook_file_writer_write (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * casebook_render_export:
 * @chart: the chart
 * @path: where to write it; its extension (.png, .svg or .pdf) picks the
 *   format
 *
 * Writes @chart as an image or a document, with its title and note, in
 * the print theme. The file is replaced in one step, so a failed export
 * (a full disk, a closed pipe) leaves what was there and no partial file.
 *
 * Returns: %FALSE, with an error that names @path, if it failed
 */
gboolean
casebook_render_export (const CasebookRenderChart  *chart,
                        const char                 *path,
                        GError                    **error)
{
  g_autoptr(CasebookFileWriter) writer = NULL;
  g_autoptr(GFile) file = NULL;
  CasebookRenderTheme theme;
  CasebookExportFormat format;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;

  g_return_val_if_fail (chart != NULL && chart->draw != NULL && chart->height_for_width != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!casebook_render_export_format_for_path (path, &format, error))
    return FALSE;

  file = g_file_new_for_path (path);
  writer = casebook_file_writer_new (file, NULL, error);
  if (writer == NULL)
    return FALSE;

  casebook_render_theme_init_print (&theme);
  casebook_render_export_size (chart, &theme, &width, &height);

  switch (format)
    {
    case CASEBOOK_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * PNG_SCALE),
                                            (int) ceil (height * PNG_SCALE));
      cairo_surface_set_device_scale (surface, PNG_SCALE, PNG_SCALE);
      break;
    case CASEBOOK_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_writer, writer, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case CASEBOOK_EXPORT_PDF:
    default:
      surface = cairo_pdf_surface_create_for_stream (write_to_writer, writer, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, chart->title != NULL ? chart->title : "");
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Casebook");
      break;
    }

  cr = cairo_create (surface);
  casebook_render_export_draw (cr, chart, width, height, &theme);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == CASEBOOK_EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_writer, writer);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    casebook_file_writer_fail (writer, g_error_new (CASEBOOK_RENDER_EXPORT_ERROR, CASEBOOK_RENDER_EXPORT_ERROR_FAILED,
                                                    _("Could not draw the chart for “%s”: %s"),
                                                    path, cairo_status_to_string (status)));

  /* The error, if any, names @path and says why; the CLI and the window
   * show it as it is. */
  return casebook_file_writer_commit (writer, error);
}

/**
 * casebook_render_export_image:
 * @chart: the chart
 * @scale: how many pixels a point of the page is, such as 2 for a sharp
 *   image on a high-resolution screen
 *
 * Draws @chart as casebook_render_export() does for a PNG file, into an
 * image in memory: for the clipboard.
 *
 * Returns: (transfer full): an ARGB32 image surface; its status says
 *   whether drawing failed
 */
cairo_surface_t *
casebook_render_export_image (const CasebookRenderChart *chart,
                              double                     scale)
{
  CasebookRenderTheme theme;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;

  g_return_val_if_fail (chart != NULL && chart->draw != NULL && chart->height_for_width != NULL, NULL);
  g_return_val_if_fail (scale > 0, NULL);

  casebook_render_theme_init_print (&theme);
  casebook_render_export_size (chart, &theme, &width, &height);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                        (int) ceil (height * scale));
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  casebook_render_export_draw (cr, chart, width, height, &theme);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}
