/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "casebook-case.h"
#include "casebook-collection.h"
#include "casebook-lang.h"
#include "casebook-store.h"

G_BEGIN_DECLS

/* Paper sizes in PostScript points, the unit of a PDF page. */
#define CASEBOOK_RENDER_A4_WIDTH      595.2756
#define CASEBOOK_RENDER_A4_HEIGHT     841.8898
#define CASEBOOK_RENDER_LETTER_WIDTH  612.0
#define CASEBOOK_RENDER_LETTER_HEIGHT 792.0

#define CASEBOOK_RENDER_REPORT_ERROR (casebook_render_report_error_quark ())

typedef enum
{
  CASEBOOK_RENDER_REPORT_ERROR_EMPTY,
  CASEBOOK_RENDER_REPORT_ERROR_PAGE_SIZE,
  CASEBOOK_RENDER_REPORT_ERROR_DATE,
  CASEBOOK_RENDER_REPORT_ERROR_DRAWING,
  CASEBOOK_RENDER_REPORT_ERROR_UNKNOWN_CASE,
} CasebookRenderReportError;

/**
 * CasebookRenderReportKind:
 * @CASEBOOK_RENDER_REPORT_SUMMARY: the summary of each case, one after
 *   the other, each starting on a new page
 * @CASEBOOK_RENDER_REPORT_COLLECTION: a cover page, a table of contents,
 *   the summaries, and charts comparing the sectors
 * @CASEBOOK_RENDER_REPORT_BRIEF: a collection the person put together: a
 *   cover with its name and introduction, an overview table, the cases
 *   side by side, charts comparing the sectors, then the summaries
 */
typedef enum
{
  CASEBOOK_RENDER_REPORT_SUMMARY,
  CASEBOOK_RENDER_REPORT_COLLECTION,
  CASEBOOK_RENDER_REPORT_BRIEF,
} CasebookRenderReportKind;

/**
 * CasebookRenderProgressFunc:
 * @fraction: how much is done, from 0 to 1
 * @user_data: the data passed with the function
 *
 * Called on the thread that does the work.
 */
typedef void (*CasebookRenderProgressFunc) (double   fraction,
                                            gpointer user_data);

#define CASEBOOK_TYPE_RENDER_REPORT (casebook_render_report_get_type ())

G_DECLARE_FINAL_TYPE (CasebookRenderReport, casebook_render_report, CASEBOOK, RENDER_REPORT, GObject)

GQuark                   casebook_render_report_error_quark   (void);

CasebookRenderReport    *casebook_render_report_new           (CasebookRenderReportKind    kind,
                                                               CasebookLang                lang);
CasebookRenderReport    *casebook_render_report_load          (CasebookStore              *store,
                                                               const char * const         *ids,
                                                               CasebookRenderReportKind    kind,
                                                               CasebookLang                lang,
                                                               GCancellable               *cancellable,
                                                               GError                    **error);
void                     casebook_render_report_add_case      (CasebookRenderReport       *self,
                                                               CasebookCase               *c);
CasebookRenderReport    *casebook_render_report_load_brief    (CasebookStore              *store,
                                                               gint64                      collection_id,
                                                               CasebookLang                lang,
                                                               GCancellable               *cancellable,
                                                               GError                    **error);
void                     casebook_render_report_set_collection (CasebookRenderReport      *self,
                                                               CasebookCollection         *collection);
void                     casebook_render_report_set_catalog   (CasebookRenderReport       *self,
                                                               CasebookCatalog            *catalog);
const char              *casebook_render_report_get_title     (CasebookRenderReport       *self);
GDateTime               *casebook_render_report_get_date      (CasebookRenderReport       *self,
                                                               GError                    **error);

guint                    casebook_render_report_paginate      (CasebookRenderReport       *self,
                                                               double                      page_width,
                                                               double                      page_height);
guint                    casebook_render_report_get_n_pages   (CasebookRenderReport       *self);
void                     casebook_render_report_draw_page     (CasebookRenderReport       *self,
                                                               cairo_t                    *cr,
                                                               guint                       page);


gboolean                 casebook_render_report_write_pdf     (CasebookRenderReport       *self,
                                                               GFile                      *file,
                                                               double                      page_width,
                                                               double                      page_height,
                                                               CasebookRenderProgressFunc  progress,
                                                               gpointer                    user_data,
                                                               GCancellable               *cancellable,
                                                               GError                    **error);

G_END_DECLS
