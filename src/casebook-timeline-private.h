/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-timeline.h"

G_BEGIN_DECLS

/* For the tests only: the application itself does not call these. */
guint             _casebook_timeline_get_n_phases (CasebookTimeline *self);

G_END_DECLS
