/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-print-operation.h"

G_BEGIN_DECLS

/* For the tests only: the application itself does not call these. */
CasebookRenderReport   *_casebook_print_operation_get_report (CasebookPrintOperation   *self);

G_END_DECLS
