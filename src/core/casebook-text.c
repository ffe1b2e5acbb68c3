/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-text"

#include "casebook-text.h"

G_DEFINE_BOXED_TYPE (CasebookText, casebook_text, casebook_text_copy, casebook_text_free)

static char *
dup_nonempty (const char *str)
{
  return (str != NULL && str[0] != '\0') ? g_strdup (str) : NULL;
}

/**
 * casebook_text_new:
 * @zh: (nullable): Chinese text
 * @en: (nullable): English text
 *
 * Empty strings are stored as missing, so that the fallback applies.
 *
 * Returns: (transfer full): a new text
 */
CasebookText *
casebook_text_new (const char *zh,
                   const char *en)
{
  CasebookText *text = g_new0 (CasebookText, 1);

  text->zh = dup_nonempty (zh);
  text->en = dup_nonempty (en);

  return text;
}

/**
 * casebook_text_new_same:
 * @both: a text that reads the same in every language, such as a product name
 *
 * Returns: (transfer full): a new text
 */
CasebookText *
casebook_text_new_same (const char *both)
{
  return casebook_text_new (both, both);
}

CasebookText *
casebook_text_copy (const CasebookText *text)
{
  if (text == NULL)
    return NULL;

  return casebook_text_new (text->zh, text->en);
}

void
casebook_text_free (CasebookText *text)
{
  if (text == NULL)
    return;

  g_free (text->zh);
  g_free (text->en);
  g_free (text);
}

/**
 * casebook_text_get_exact:
 *
 * Returns: (nullable): the text in @lang, without fallback
 */
const char *
casebook_text_get_exact (const CasebookText *text,
                         CasebookLang        lang)
{
  if (text == NULL)
    return NULL;

  return lang == CASEBOOK_LANG_ZH ? text->zh : text->en;
}

/**
 * casebook_text_get:
 * @text: (nullable): a text
 * @lang: the wanted language
 *
 * Returns the text in @lang, or in the other language when @lang is
 * missing. Never returns %NULL, so callers can show the result directly.
 *
 * Returns: (transfer none): the text
 */
const char *
casebook_text_get (const CasebookText *text,
                   CasebookLang        lang)
{
  const char *str;

  if (text == NULL)
    return "";

  str = casebook_text_get_exact (text, lang);
  if (str == NULL)
    str = casebook_text_get_exact (text, casebook_lang_other (lang));

  return str != NULL ? str : "";
}

gboolean
casebook_text_is_empty (const CasebookText *text)
{
  return text == NULL || (text->zh == NULL && text->en == NULL);
}

gboolean
casebook_text_equal (const CasebookText *a,
                     const CasebookText *b)
{
  if (casebook_text_is_empty (a) || casebook_text_is_empty (b))
    return casebook_text_is_empty (a) == casebook_text_is_empty (b);

  return g_strcmp0 (a->zh, b->zh) == 0 && g_strcmp0 (a->en, b->en) == 0;
}

void
casebook_text_set (CasebookText *text,
                   CasebookLang  lang,
                   const char   *value)
{
  char **slot;

  g_return_if_fail (text != NULL);

  slot = lang == CASEBOOK_LANG_ZH ? &text->zh : &text->en;
  g_free (*slot);
  *slot = dup_nonempty (value);
}
