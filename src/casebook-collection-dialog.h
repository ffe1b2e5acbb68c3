/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-store.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_COLLECTION_DIALOG (casebook_collection_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCollectionDialog, casebook_collection_dialog, CASEBOOK, COLLECTION_DIALOG, AdwMessageDialog)

CasebookCollectionDialog *casebook_collection_dialog_new      (GtkWindow                *parent,
                                                               CasebookStore            *store,
                                                               const char               *heading,
                                                               const char               *body,
                                                               const char               *accept_label,
                                                               const char               *name,
                                                               gint64                    renaming_id);
const char               *casebook_collection_dialog_get_name (CasebookCollectionDialog *self);

G_END_DECLS
