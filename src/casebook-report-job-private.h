/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-report-job.h"

G_BEGIN_DECLS

GtkPrintSettings     *_casebook_report_job_get_print_settings (CasebookReportJob *self,
                                                               GtkPrintSettings  *last);

/* For the tests only: the application itself does not call these. */
double                _casebook_report_job_get_progress     (CasebookReportJob    *self);
gboolean              _casebook_report_job_is_collection    (CasebookReportJob    *self);
void                  _casebook_report_job_save_pdf_to_file (CasebookReportJob    *self,
                                                             GFile                *file,
                                                             GtkWindow            *parent,
                                                             AdwToastOverlay      *toasts);
char                 *_casebook_report_job_suggest_filename (CasebookReportJob    *self);
char                 *_casebook_report_job_dialog_title     (CasebookReportJob    *self);
void                  _casebook_report_job_write_pdf_async  (CasebookReportJob    *self,
                                                             GFile                *file,
                                                             double                page_width,
                                                             double                page_height,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
guint                 _casebook_report_job_write_pdf_finish (CasebookReportJob    *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

G_END_DECLS
