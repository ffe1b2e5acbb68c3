/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "casebook-parts.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_CASE (casebook_case_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCase, casebook_case, CASEBOOK, CASE, GObject)

CasebookCase          *casebook_case_new                     (const char         *id);
CasebookCase          *casebook_case_copy                    (CasebookCase       *self);

const char            *casebook_case_get_id                  (CasebookCase       *self);
void                   casebook_case_set_id                  (CasebookCase       *self,
                                                              const char         *id);
CasebookKind           casebook_case_get_kind                (CasebookCase       *self);
void                   casebook_case_set_kind                (CasebookCase       *self,
                                                              CasebookKind        kind);
CasebookOrigin         casebook_case_get_origin              (CasebookCase       *self);
void                   casebook_case_set_origin              (CasebookCase       *self,
                                                              CasebookOrigin      origin);
const char            *casebook_case_get_sector              (CasebookCase       *self);
void                   casebook_case_set_sector              (CasebookCase       *self,
                                                              const char         *sector);
const CasebookText    *casebook_case_get_subsector           (CasebookCase       *self);
void                   casebook_case_take_subsector          (CasebookCase       *self,
                                                              CasebookText       *subsector);
const CasebookText    *casebook_case_get_title               (CasebookCase       *self);
void                   casebook_case_take_title              (CasebookCase       *self,
                                                              CasebookText       *title);
const CasebookText    *casebook_case_get_organization        (CasebookCase       *self);
void                   casebook_case_take_organization       (CasebookCase       *self,
                                                              CasebookText       *organization);
CasebookSize           casebook_case_get_size                (CasebookCase       *self);
void                   casebook_case_set_size                (CasebookCase       *self,
                                                              CasebookSize        size);
gint64                 casebook_case_get_employees           (CasebookCase       *self);
CasebookQualifier      casebook_case_get_employees_qualifier (CasebookCase       *self);
void                   casebook_case_set_employees           (CasebookCase       *self,
                                                              gint64              employees,
                                                              CasebookQualifier   qualifier);
gboolean               casebook_case_get_period              (CasebookCase       *self,
                                                              int                *start,
                                                              int                *end);
void                   casebook_case_set_period              (CasebookCase       *self,
                                                              int                 start,
                                                              int                 end);
CasebookApproach       casebook_case_get_approach            (CasebookCase       *self);
void                   casebook_case_set_approach            (CasebookCase       *self,
                                                              CasebookApproach    approach);
GPtrArray             *casebook_case_get_scenarios           (CasebookCase       *self);
GPtrArray             *casebook_case_get_requirements        (CasebookCase       *self);
GPtrArray             *casebook_case_get_stack               (CasebookCase       *self);
GPtrArray             *casebook_case_get_phases              (CasebookCase       *self);
GPtrArray             *casebook_case_get_challenges          (CasebookCase       *self);
GPtrArray             *casebook_case_get_outcomes            (CasebookCase       *self);
GPtrArray             *casebook_case_get_lessons             (CasebookCase       *self);
GPtrArray             *casebook_case_get_notes               (CasebookCase       *self);
const CasebookFailure *casebook_case_get_failure             (CasebookCase       *self);
void                   casebook_case_take_failure            (CasebookCase       *self,
                                                              CasebookFailure    *failure);
const CasebookSource  *casebook_case_get_source              (CasebookCase       *self);
void                   casebook_case_take_source             (CasebookCase       *self,
                                                              CasebookSource     *source);

/* The person's own layer: a personal note (plain text, paragraphs kept)
 * and free tags (sorted, no duplicates). Never part of a bundled case's
 * data; the store keeps them apart from it. */
const char            *casebook_case_get_personal_note       (CasebookCase       *self);
void                   casebook_case_set_personal_note       (CasebookCase       *self,
                                                              const char         *note);
const char * const    *casebook_case_get_tags                (CasebookCase       *self);
void                   casebook_case_set_tags                (CasebookCase       *self,
                                                              const char * const *tags);

const CasebookOutcome *casebook_case_get_headline            (CasebookCase       *self);
char                  *casebook_case_format_period           (CasebookCase       *self);
char                  *casebook_case_format_employees        (CasebookCase       *self);
void                   casebook_case_append_search_text      (CasebookCase       *self,
                                                              GString            *title,
                                                              GString            *body);

G_END_DECLS
