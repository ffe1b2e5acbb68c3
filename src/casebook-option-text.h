/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean casebook_option_text_decode (GVariantDict       *options,
                                      const char * const *names,
                                      GError            **error);

G_END_DECLS
