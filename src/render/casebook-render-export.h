/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "casebook-lang.h"
#include "casebook-render-theme.h"
#include "casebook-coverage.h"
#include "casebook-stats.h"

G_BEGIN_DECLS

#define CASEBOOK_RENDER_EXPORT_ERROR (casebook_render_export_error_quark ())

typedef enum
{
  CASEBOOK_RENDER_EXPORT_ERROR_FORMAT,
  CASEBOOK_RENDER_EXPORT_ERROR_FAILED,
} CasebookRenderExportError;

typedef enum
{
  CASEBOOK_EXPORT_PNG,
  CASEBOOK_EXPORT_SVG,
  CASEBOOK_EXPORT_PDF,
} CasebookExportFormat;

typedef double (*CasebookChartHeightFunc) (gpointer                   data,
                                           double                     width,
                                           CasebookLang               lang,
                                           const CasebookRenderTheme *theme);
typedef void   (*CasebookChartDrawFunc)   (cairo_t                   *cr,
                                           double                     width,
                                           double                     height,
                                           gpointer                   data,
                                           CasebookLang               lang,
                                           const CasebookRenderTheme *theme);

/**
 * CasebookRenderChart:
 * @height_for_width: how tall the chart is at a width
 * @draw: draws the chart
 * @data: what the chart shows, for @draw and @height_for_width
 * @lang: the language of its texts
 * @title: (nullable): a title above the chart
 * @subtitle: (nullable): a line under the title
 * @note: (nullable): a note under the chart, such as its source
 *
 * Any chart, as export (and print) need it. The strings are owned;
 * casebook_render_chart_clear() frees them.
 */
typedef struct
{
  CasebookChartHeightFunc  height_for_width;
  CasebookChartDrawFunc    draw;
  gpointer                 data;
  CasebookLang             lang;
  char                    *title;
  char                    *subtitle;
  char                    *note;
} CasebookRenderChart;

GQuark   casebook_render_export_error_quark    (void);

void     casebook_render_chart_init_compare    (CasebookRenderChart       *chart,
                                                CasebookStats             *stats,
                                                CasebookLang               lang);
void     casebook_render_chart_init_coverage   (CasebookRenderChart       *chart,
                                                CasebookCoverage          *coverage,
                                                CasebookLang               lang);
void     casebook_render_chart_clear           (CasebookRenderChart       *chart);

gboolean casebook_render_export_format_for_path (const char               *path,
                                                CasebookExportFormat      *format,
                                                GError                   **error);
gboolean casebook_render_export                (const CasebookRenderChart *chart,
                                                const char                *path,
                                                GError                   **error);
cairo_surface_t *casebook_render_export_image  (const CasebookRenderChart *chart,
                                                double                     scale);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CasebookRenderChart, casebook_render_chart_clear)

G_END_DECLS
