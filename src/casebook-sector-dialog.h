/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-text.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_SECTOR_DIALOG (casebook_sector_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CasebookSectorDialog, casebook_sector_dialog, CASEBOOK, SECTOR_DIALOG, AdwMessageDialog)

CasebookSectorDialog *casebook_sector_dialog_new     (GtkWindow            *parent);
void                  casebook_sector_dialog_present (CasebookSectorDialog *self,
                                                      CasebookLang          lang);

G_END_DECLS
