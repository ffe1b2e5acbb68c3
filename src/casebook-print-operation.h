/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "casebook-render-report.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_PRINT_OPERATION (casebook_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (CasebookPrintOperation, casebook_print_operation, CASEBOOK, PRINT_OPERATION, GtkPrintOperation)

CasebookPrintOperation *casebook_print_operation_new        (CasebookRenderReport     *report);
GtkPrintOperationResult casebook_print_operation_run        (CasebookPrintOperation   *self,
                                                             GtkPrintOperationAction   action,
                                                             GtkWindow                *parent,
                                                             GError                  **error);

G_END_DECLS
