/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-lang"

#include "casebook-lang.h"

/**
 * casebook_lang_from_locale:
 *
 * Picks the content language from the user's locale: Chinese for any
 * `zh*` locale, English otherwise.
 */
CasebookLang
casebook_lang_from_locale (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "zh"))
        return CASEBOOK_LANG_ZH;
      if (g_str_has_prefix (names[i], "en"))
        return CASEBOOK_LANG_EN;
    }

  return CASEBOOK_LANG_EN;
}

gboolean
casebook_lang_parse (const char   *str,
                     CasebookLang *lang)
{
  g_return_val_if_fail (lang != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (str, "zh") == 0 ||
      g_ascii_strncasecmp (str, "zh_", 3) == 0 ||
      g_ascii_strncasecmp (str, "zh-", 3) == 0)
    {
      *lang = CASEBOOK_LANG_ZH;
      return TRUE;
    }

  if (g_ascii_strcasecmp (str, "en") == 0 ||
      g_ascii_strncasecmp (str, "en_", 3) == 0 ||
      g_ascii_strncasecmp (str, "en-", 3) == 0)
    {
      *lang = CASEBOOK_LANG_EN;
      return TRUE;
    }

  return FALSE;
}

CasebookLang
casebook_lang_other (CasebookLang lang)
{
  return lang == CASEBOOK_LANG_ZH ? CASEBOOK_LANG_EN : CASEBOOK_LANG_ZH;
}
