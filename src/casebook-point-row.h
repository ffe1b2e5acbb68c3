/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-parts.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_POINT_ROW (casebook_point_row_get_type ())

G_DECLARE_FINAL_TYPE (CasebookPointRow, casebook_point_row, CASEBOOK, POINT_ROW, AdwActionRow)

void       casebook_point_row_bind             (CasebookPointRow *self,
                                                CasebookPoint    *point);
GtkWidget *casebook_point_row_get_problem_icon (CasebookPointRow *self);

G_END_DECLS
