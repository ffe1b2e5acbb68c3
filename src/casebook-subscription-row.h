/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "casebook-lang.h"
#include "casebook-subscription.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_SUBSCRIPTION_ROW (casebook_subscription_row_get_type ())

G_DECLARE_FINAL_TYPE (CasebookSubscriptionRow, casebook_subscription_row, CASEBOOK, SUBSCRIPTION_ROW, GtkListBoxRow)

CasebookSubscriptionRow *casebook_subscription_row_new          (CasebookSubscription    *subscription,
                                                                 CasebookLang             lang);
const char              *casebook_subscription_row_get_url      (CasebookSubscriptionRow *self);
void                     casebook_subscription_row_set_busy     (CasebookSubscriptionRow *self,
                                                                 gboolean                 busy);

char                    *casebook_subscription_format_date      (GDateTime               *when);
char                    *casebook_subscription_format_fetched   (GDateTime               *when,
                                                                 GDateTime               *now);
char                    *casebook_subscription_row_describe_failure (CasebookSubscription *subscription);

G_END_DECLS
