/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-window.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_PREFERENCES_WINDOW (casebook_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CasebookPreferencesWindow, casebook_preferences_window, CASEBOOK, PREFERENCES_WINDOW, AdwPreferencesWindow)

CasebookPreferencesWindow *casebook_preferences_window_new                (GSettings                 *settings);
void                       casebook_preferences_window_set_window         (CasebookPreferencesWindow *self,
                                                                           CasebookWindow            *window);
void                       casebook_preferences_window_show_subscriptions (CasebookPreferencesWindow *self);

G_END_DECLS
