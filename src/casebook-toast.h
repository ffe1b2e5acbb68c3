/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *casebook_toast_new               (const char      *title);
void      casebook_toast_add               (AdwToastOverlay *overlay,
                                            AdwToast        *toast);
AdwToast *casebook_toast_new_with_title    (GtkWidget       *title);
AdwToast *casebook_toast_new_progress      (const char      *text,
                                            const char      *bar_name,
                                            GCancellable    *cancellable,
                                            GtkProgressBar **bar);
gboolean  casebook_toast_is_settled        (AdwToast        *toast);
void      casebook_toast_dismiss           (AdwToast        *toast);

G_END_DECLS
