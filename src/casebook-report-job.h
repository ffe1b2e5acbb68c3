/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-render-report.h"
#include "casebook-store.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_REPORT_JOB (casebook_report_job_get_type ())

G_DECLARE_FINAL_TYPE (CasebookReportJob, casebook_report_job, CASEBOOK, REPORT_JOB, GObject)

CasebookReportJob    *casebook_report_job_new_for_case     (CasebookStore        *store,
                                                            CasebookCase         *c,
                                                            CasebookLang          lang);
CasebookReportJob    *casebook_report_job_new_for_filter   (CasebookStore        *store,
                                                            CasebookFilter       *filter,
                                                            CasebookSort          sort,
                                                            CasebookLang          lang);
CasebookReportJob    *casebook_report_job_new_for_cases    (CasebookStore        *store,
                                                            const char * const   *ids,
                                                            CasebookLang          lang);
CasebookReportJob    *casebook_report_job_new_for_brief    (CasebookStore        *store,
                                                            CasebookCollection   *collection,
                                                            CasebookLang          lang);


void                  casebook_report_job_print            (CasebookReportJob    *self,
                                                            GtkWindow            *parent,
                                                            AdwToastOverlay      *toasts);
void                  casebook_report_job_save_pdf         (CasebookReportJob    *self,
                                                            GtkWindow            *parent,
                                                            AdwToastOverlay      *toasts);


G_END_DECLS
