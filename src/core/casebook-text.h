/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "casebook-lang.h"

G_BEGIN_DECLS

/**
 * CasebookText:
 * @zh: (nullable): the Chinese text
 * @en: (nullable): the English text
 *
 * A text a person reads, in both languages. Either may be %NULL; readers go
 * through casebook_text_get(), which falls back to the other language.
 */
typedef struct
{
  char *zh;
  char *en;
} CasebookText;

#define CASEBOOK_TYPE_TEXT (casebook_text_get_type ())

GType         casebook_text_get_type  (void) G_GNUC_CONST;
CasebookText *casebook_text_new       (const char         *zh,
                                       const char         *en);
CasebookText *casebook_text_new_same  (const char         *both);
CasebookText *casebook_text_copy      (const CasebookText *text);
void          casebook_text_free      (CasebookText       *text);
const char   *casebook_text_get       (const CasebookText *text,
                                       CasebookLang        lang);
const char   *casebook_text_get_exact (const CasebookText *text,
                                       CasebookLang        lang);
gboolean      casebook_text_is_empty  (const CasebookText *text);
gboolean      casebook_text_equal     (const CasebookText *a,
                                       const CasebookText *b);
void          casebook_text_set       (CasebookText       *text,
                                       CasebookLang        lang,
                                       const char         *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookText, casebook_text_free)

G_END_DECLS
