/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many characters of a value a message quotes before it cuts it off
 * with an ellipsis. */
#define CASEBOOK_QUOTE_MAX_CHARS 80

/**
 * CasebookLineKind:
 * @CASEBOOK_ONE_LINE: a title, a name, an id or another text shown on one
 *   line; it may hold no control character at all
 * @CASEBOOK_PARAGRAPHS: a text that may run over several lines; it may hold
 *   line feeds and tabs, but no other control character
 *
 * Which characters a text may hold.
 */
typedef enum
{
  CASEBOOK_ONE_LINE,
  CASEBOOK_PARAGRAPHS,
} CasebookLineKind;

/**
 * CasebookEscapeFlags:
 * @CASEBOOK_ESCAPE_LINE: escape everything that breaks a line or a column
 *   too: line feeds, tabs and the Unicode line and paragraph separators
 * @CASEBOOK_ESCAPE_KEEP_LINES: keep line feeds and tabs as they are
 *
 * What casebook_escape() leaves alone.
 */
typedef enum
{
  CASEBOOK_ESCAPE_LINE       = 0,
  CASEBOOK_ESCAPE_KEEP_LINES = 1 << 0,
} CasebookEscapeFlags;

gboolean  casebook_string_find_control    (const char          *str,
                                           CasebookLineKind     kind,
                                           gunichar            *found);
char     *casebook_control_message        (gunichar             c,
                                           CasebookLineKind     kind);
char     *casebook_string_normalize_lines (const char          *str);

char     *casebook_escape                 (const char          *str,
                                           CasebookEscapeFlags  flags);
char     *casebook_quote_value            (const char          *str);
char     *casebook_quote_bytes            (const char          *data,
                                           gsize                length);

G_END_DECLS
