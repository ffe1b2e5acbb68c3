/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CasebookLang:
 * @CASEBOOK_LANG_ZH: Simplified Chinese
 * @CASEBOOK_LANG_EN: English
 *
 * The languages every text of a case is kept in.
 */
typedef enum
{
  CASEBOOK_LANG_ZH,
  CASEBOOK_LANG_EN,
} CasebookLang;

#define CASEBOOK_N_LANGS 2

CasebookLang  casebook_lang_from_locale (void);
gboolean      casebook_lang_parse       (const char   *str,
                                         CasebookLang *lang);
CasebookLang  casebook_lang_other       (CasebookLang  lang);

G_END_DECLS
