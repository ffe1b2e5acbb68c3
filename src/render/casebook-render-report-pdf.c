/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "casebook-file-io.h"
#include "casebook-render-report-private.h"

/* PDF output ------------------------------------------------------------- */

/* cairo's PDF surface crashes (cairo 1.16) when its very first write
 * fails: the error is never handed back to it. The writer keeps the first
 * error and drops everything after it, and the error is read once cairo
 * has finished. */
static cairo_status_t
write_to_writer (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  casebook_file_writer_write (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (CasebookRenderReport *self,
              cairo_surface_t      *surface)
{
  g_autofree char *created = NULL;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, casebook_render_report_get_title (self));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, "Casebook");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Casebook " PACKAGE_VERSION);

  /* Given explicitly, so that it is the report's date and not the time
   * of writing: with SOURCE_DATE_EPOCH the same input gives the same
   * bytes. */
  if (g_date_time_get_utc_offset (self->resolved_date) == 0)
    created = g_date_time_format (self->resolved_date, "%Y-%m-%dT%H:%M:%SZ");
  else
    created = g_date_time_format (self->resolved_date, "%Y-%m-%dT%H:%M:%S%:z");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);

  for (guint i = 0; i < self->sections->len; i++)
    {
      const Section *section = g_ptr_array_index (self->sections, i);
      g_autofree char *link = NULL;

      if (section->outline == NULL || !section->placed)
        continue;

      link = g_strdup_printf ("page=%u", section->first_page + 1);
      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, section->outline, link, 0);
    }
}

/**
 * casebook_render_report_write_pdf:
 * @file: the file to write; it is replaced only once the whole PDF is
 *   written, and left as it was when writing fails
 * @page_width: the width of a page in points, such as
 *   %CASEBOOK_RENDER_A4_WIDTH
 * @page_height: the height of a page in points
 * @progress: (nullable) (scope call): called as the work goes on
 * @user_data: data for @progress
 *
 * Lays the report out and writes it as a PDF with every font embedded,
 * an outline of its sections, and its title, author and creation date in
 * the metadata. Safe to call on a worker thread.
 *
 * Returns: %TRUE if the file was written
 */
gboolean
casebook_render_report_write_pdf (CasebookRenderReport        *self,
                                  GFile                       *file,
                                  double                       page_width,
                                  double                       page_height,
                                  CasebookRenderProgressFunc   progress,
                                  gpointer                     user_data,
                                  GCancellable                *cancellable,
                                  GError                     **error)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(CasebookFileWriter) writer = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->cases->len == 0)
    {
      g_set_error_literal (error, CASEBOOK_RENDER_REPORT_ERROR, CASEBOOK_RENDER_REPORT_ERROR_EMPTY,
                           _("There are no cases to write"));
      return FALSE;
    }

  if (!_casebook_render_report_page_size_is_valid (page_width, page_height))
    {
      g_set_error (error, CASEBOOK_RENDER_REPORT_ERROR, CASEBOOK_RENDER_REPORT_ERROR_PAGE_SIZE,
                   _("A page of %.0f × %.0f points cannot hold a report; it needs at least 216 × 216"),
                   page_width, page_height);
      return FALSE;
    }

  date = casebook_render_report_get_date (self, error);
  if (date == NULL)
    return FALSE;

  if (self->resolved_date == NULL || !g_date_time_equal (self->resolved_date, date))
    {
      g_clear_pointer (&self->resolved_date, g_date_time_unref);
      self->resolved_date = g_date_time_ref (date);
      _casebook_render_report_clear_layout (self);
    }

  if (!_casebook_render_report_lay_out (self, page_width, page_height, progress, user_data, cancellable))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }

  /* The PDF takes the place of @file only once it is whole, so that
   * neither an error nor a cancelled or killed export leaves half a PDF
   * under the name chosen, nor spoils the file that was there. */
  writer = casebook_file_writer_new (file, cancellable, error);
  if (writer == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (write_to_writer, writer, page_width, page_height);
  set_metadata (self, surface);

  cr = cairo_create (surface);

  /* A tagged PDF, so that screen readers and reflow can read it. It
   * also keeps the file whole: cairo 1.16 gives a link annotation a
   * structure parent even when the document has no structure tree, and
   * never writes the object it numbered for it, so that without the
   * Document element around everything the cross-reference table names
   * an object the file lacks (qpdf: "object not found") and the
   * contents' links lose their destinations. */
  _casebook_render_report_start_tagging (self, cr);

  for (guint i = 0; i < self->pages->len && !casebook_file_writer_has_failed (writer); i++)
    {
      GError *cancelled = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, &cancelled))
        {
          casebook_file_writer_fail (writer, cancelled);
          break;
        }

      casebook_render_report_draw_page (self, cr, i);
      cairo_show_page (cr);

      if (progress != NULL)
        progress (0.5 + 0.5 * (i + 1) / self->pages->len, user_data);
    }
  _casebook_render_report_stop_tagging (self, cr);
  cairo_destroy (cr);

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    casebook_file_writer_fail (writer, g_error_new (CASEBOOK_RENDER_REPORT_ERROR,
                                                    CASEBOOK_RENDER_REPORT_ERROR_DRAWING,
                                                    _("The PDF could not be drawn: %s"),
                                                    cairo_status_to_string (status)));

  /* On failure this removes the partial file and leaves @file as it was. */
  return casebook_file_writer_commit (writer, error);
}

