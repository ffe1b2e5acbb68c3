/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-fetch.h"

G_BEGIN_DECLS

/* For tests: the time allowed for connecting and for the headers, and
 * between two pieces of the body (@timeout_seconds; the whole fetch gets
 * a few times that), the largest body (@max_bytes) and the most redirects
 * followed (@max_redirects). 0 for any of them restores its default. */
void _casebook_fetch_set_limits (guint  timeout_seconds,
                                 gsize  max_bytes,
                                 guint  max_redirects);

G_END_DECLS
