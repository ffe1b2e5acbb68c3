/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "casebook-lang.h"

G_BEGIN_DECLS

char *casebook_collate_key (const char   *text,
                            CasebookLang  lang);

G_END_DECLS
