/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  casebook_input_parse_number  (const char *text,
                                        double     *value);
gboolean  casebook_input_parse_whole   (const char *text,
                                        gint64     *value);
char     *casebook_input_format_number (double      value);

G_END_DECLS
