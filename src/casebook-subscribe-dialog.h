/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CASEBOOK_TYPE_SUBSCRIBE_DIALOG (casebook_subscribe_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CasebookSubscribeDialog, casebook_subscribe_dialog, CASEBOOK, SUBSCRIBE_DIALOG, AdwMessageDialog)

CasebookSubscribeDialog *casebook_subscribe_dialog_new     (GtkWindow               *parent,
                                                            const char * const      *subscribed);
const char              *casebook_subscribe_dialog_get_url (CasebookSubscribeDialog *self);
void                     casebook_subscribe_dialog_set_url (CasebookSubscribeDialog *self,
                                                            const char              *url);

char                    *casebook_subscribe_check_url      (const char              *url,
                                                            gboolean                *insecure);

G_END_DECLS
