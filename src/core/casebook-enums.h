/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "casebook-text.h"

G_BEGIN_DECLS

typedef enum
{
  CASEBOOK_KIND_SUCCESS,
  CASEBOOK_KIND_FAILURE,
} CasebookKind;

typedef enum
{
  CASEBOOK_APPROACH_NONE,
  CASEBOOK_APPROACH_VIRTUALIZATION,
  CASEBOOK_APPROACH_CONTAINERIZATION,
  CASEBOOK_APPROACH_WEBASSEMBLY,
  CASEBOOK_APPROACH_HYBRID,
} CasebookApproach;

typedef enum
{
  CASEBOOK_SIZE_UNKNOWN,
  CASEBOOK_SIZE_SMALL,
  CASEBOOK_SIZE_MEDIUM,
  CASEBOOK_SIZE_LARGE,
} CasebookSize;

typedef enum
{
  CASEBOOK_QUALIFIER_EXACT,
  CASEBOOK_QUALIFIER_MORE_THAN,
  CASEBOOK_QUALIFIER_LESS_THAN,
  CASEBOOK_QUALIFIER_ABOUT,
} CasebookQualifier;

typedef enum
{
  CASEBOOK_UNIT_NONE,
  CASEBOOK_UNIT_PERCENT,
  CASEBOOK_UNIT_PERCENT_CHANGE,
  CASEBOOK_UNIT_TIMES,
} CasebookUnit;

typedef enum
{
  CASEBOOK_BETTER_NONE,
  CASEBOOK_BETTER_HIGHER,
  CASEBOOK_BETTER_LOWER,
} CasebookBetter;

typedef enum
{
  CASEBOOK_ORIGIN_BUNDLED,
  CASEBOOK_ORIGIN_OWN,
  CASEBOOK_ORIGIN_SUBSCRIBED,
} CasebookOrigin;

/* Each enum has a stable key (used in JSON and in the store) and a
 * bilingual label. Parsing returns FALSE for an unknown key. */
const char *casebook_kind_to_key          (CasebookKind       kind);
gboolean    casebook_kind_from_key        (const char        *key,
                                           CasebookKind      *kind);
const char *casebook_kind_label           (CasebookKind       kind,
                                           CasebookLang       lang);

const char *casebook_approach_to_key      (CasebookApproach   approach);
gboolean    casebook_approach_from_key    (const char        *key,
                                           CasebookApproach  *approach);
const char *casebook_approach_label       (CasebookApproach   approach,
                                           CasebookLang       lang);

const char *casebook_size_to_key          (CasebookSize       size);
gboolean    casebook_size_from_key        (const char        *key,
                                           CasebookSize      *size);
const char *casebook_size_label           (CasebookSize       size,
                                           CasebookLang       lang);
CasebookSize casebook_size_for_employees  (gint64             employees);

const char *casebook_qualifier_to_key     (CasebookQualifier  qualifier);
gboolean    casebook_qualifier_from_key   (const char        *key,
                                           CasebookQualifier *qualifier);
const char *casebook_qualifier_symbol     (CasebookQualifier  qualifier);

const char *casebook_unit_to_key          (CasebookUnit       unit);
gboolean    casebook_unit_from_key        (const char        *key,
                                           CasebookUnit      *unit);

const char *casebook_better_to_key        (CasebookBetter     better);
gboolean    casebook_better_from_key      (const char        *key,
                                           CasebookBetter    *better);

gboolean    casebook_key_is_valid         (const char        *key);

G_END_DECLS
