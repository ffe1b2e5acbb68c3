/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CASEBOOK_TYPE_CASE_SELECTION (casebook_case_selection_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCaseSelection, casebook_case_selection, CASEBOOK, CASE_SELECTION, GObject)

CasebookCaseSelection *casebook_case_selection_new       (GListModel            *model);
GListModel            *casebook_case_selection_get_model (CasebookCaseSelection *self);

GArray                *casebook_case_selection_get_runs  (CasebookCaseSelection *self);

G_END_DECLS
