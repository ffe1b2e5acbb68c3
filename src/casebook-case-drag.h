/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "casebook-store.h"

G_BEGIN_DECLS

/* The MIME type of Casebook's interchange JSON (data/ declares it). */
#define CASEBOOK_CASES_MIME_TYPE "application/x-casebook+json"

/* What a drop of cases from another Casebook reads: their interchange
 * JSON, as a #GBytes. A type of its own, rather than G_TYPE_BYTES, so
 * that no other data dragged in is taken for cases. */
#define CASEBOOK_TYPE_CASES_JSON (casebook_cases_json_get_type ())

GType               casebook_cases_json_get_type        (void) G_GNUC_CONST;

gboolean            casebook_case_drag_is_from_store    (GdkDrop            *drop,
                                                         CasebookStore      *store);
gboolean            casebook_case_drag_accept_ids       (GdkDrop            *drop,
                                                         CasebookStore      *store);
gboolean            casebook_case_drag_accept_json      (GdkDrop            *drop,
                                                         CasebookStore      *store);

G_END_DECLS
