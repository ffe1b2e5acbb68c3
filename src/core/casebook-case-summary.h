/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "casebook-enums.h"
#include "casebook-text.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_CASE_SUMMARY (casebook_case_summary_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCaseSummary, casebook_case_summary, CASEBOOK, CASE_SUMMARY, GObject)

/**
 * CasebookCaseSummaryData:
 *
 * What a list row needs of a case; the full case is loaded only when its
 * detail page opens.
 */
typedef struct
{
  gint64             nr;
  const char        *id;
  CasebookKind       kind;
  CasebookOrigin     origin;
  const char        *sector;
  CasebookText       title;
  CasebookText       organization;
  CasebookText       headline;
  CasebookSize       size;
  gint64             employees;
  int                period_start;
  int                period_end;
  CasebookApproach   approach;
  gboolean           has_note;
  const char * const *tags;   /* sorted, or NULL for none */
} CasebookCaseSummaryData;

CasebookCaseSummary *casebook_case_summary_new              (const CasebookCaseSummaryData *data);
gint64               casebook_case_summary_get_nr           (CasebookCaseSummary *self);
const char          *casebook_case_summary_get_id           (CasebookCaseSummary *self);
CasebookKind         casebook_case_summary_get_kind         (CasebookCaseSummary *self);
CasebookOrigin       casebook_case_summary_get_origin       (CasebookCaseSummary *self);
const char          *casebook_case_summary_get_sector       (CasebookCaseSummary *self);
const CasebookText  *casebook_case_summary_get_title        (CasebookCaseSummary *self);
const CasebookText  *casebook_case_summary_get_organization (CasebookCaseSummary *self);
const CasebookText  *casebook_case_summary_get_headline     (CasebookCaseSummary *self);
char                *casebook_case_summary_format_period    (CasebookCaseSummary *self);
gboolean             casebook_case_summary_has_note         (CasebookCaseSummary *self);
const char * const  *casebook_case_summary_get_tags         (CasebookCaseSummary *self);

G_END_DECLS
