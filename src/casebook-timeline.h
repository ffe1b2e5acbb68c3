/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "casebook-lang.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_TIMELINE (casebook_timeline_get_type ())

G_DECLARE_FINAL_TYPE (CasebookTimeline, casebook_timeline, CASEBOOK, TIMELINE, GtkWidget)

void              casebook_timeline_set_phases (CasebookTimeline *self,
                                                GPtrArray        *phases,
                                                CasebookLang      lang);

G_END_DECLS
