/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "casebook-parts.h"
#include "casebook-scale.h"

G_BEGIN_DECLS

/* How an outcome reads: better, worse, or neither (a level reached, or a
 * qualitative outcome). Derived from the data's own direction, never
 * assumed. */
typedef enum
{
  CASEBOOK_VERDICT_NEUTRAL,
  CASEBOOK_VERDICT_GOOD,
  CASEBOOK_VERDICT_BAD,
} CasebookVerdict;

char            *casebook_format_count          (gint64                 count);
char            *casebook_format_value           (double                 value,
                                                  CasebookUnit           unit,
                                                  CasebookLang           lang);
char            *casebook_format_value_for_scale (CasebookScale          scale,
                                                  CasebookUnit           unit,
                                                  double                 value,
                                                  CasebookLang           lang);
char            *casebook_format_downtime        (double                 seconds,
                                                  CasebookLang           lang);
char            *casebook_format_outcome         (const CasebookOutcome *outcome,
                                                  CasebookLang           lang);
CasebookVerdict  casebook_outcome_verdict        (const CasebookOutcome *outcome);
char            *casebook_format_phase_span      (const CasebookPhase   *phase);

G_END_DECLS
