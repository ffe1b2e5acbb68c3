/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-collate"

#include "config.h"

#include <unicode/ucol.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "casebook-collate.h"

/* Sort keys for titles, in the order readers of each language expect.
 * Chinese titles sort by pinyin through ICU's CLDR collation, which is
 * compiled into ICU's own data, so the order does not depend on which
 * locales the system has installed. English titles sort alphabetically
 * without regard to case. A key is plain ASCII text that sorts bytewise,
 * so the store's indexes and keyset paging compare keys with SQLite's
 * BINARY collation and need no collation of their own. */

/* A UCollator is not meant to be shared between threads, and a large
 * import computes keys on a worker thread, so each thread opens its own. */
static void
collator_free (gpointer data)
{
  ucol_close (data);
}

static GPrivate zh_collator = G_PRIVATE_INIT (collator_free);

/* Returns: (nullable): the thread's pinyin collator, or %NULL if ICU
 * could not open one */
static UCollator *
get_zh_collator (void)
{
  UCollator *coll = g_private_get (&zh_collator);
  UErrorCode status = U_ZERO_ERROR;

  if (coll != NULL)
    return coll;

  coll = ucol_open ("zh@collation=pinyin", &status);
  if (U_FAILURE (status))
    {
      g_warning ("Could not open the pinyin collation: %s", u_errorName (status));
      return NULL;
    }

  /* Secondary strength: letters in a Chinese title sort without regard
   * to case, as English titles do; accents still count. Two titles that
   * compare equal are kept apart by the row number in every ORDER BY. */
  ucol_setStrength (coll, UCOL_SECONDARY);
  g_private_set (&zh_collator, coll);

  return coll;
}

/* Writes @len bytes six bits to a character, from '0' (0x30) up to 'o'
 * (0x6f). Equal-length runs of bits compare the same way as the bytes,
 * and padding the last character with zero bits keeps a key that is a
 * prefix of another in front of it, so the text sorts bytewise exactly
 * as the key does, in a third less room than hexadecimal. */
static char *
encode_key (const guint8 *key,
            gsize         len)
{
  GString *out = g_string_sized_new ((len * 8 + 5) / 6 + 1);
  guint32 bits = 0;
  guint n_bits = 0;

  for (gsize i = 0; i < len; i++)
    {
      bits = (bits << 8) | key[i];
      n_bits += 8;
      while (n_bits >= 6)
        {
          n_bits -= 6;
          g_string_append_c (out, (char) ('0' + ((bits >> n_bits) & 0x3f)));
        }
    }
  if (n_bits > 0)
    g_string_append_c (out, (char) ('0' + ((bits << (6 - n_bits)) & 0x3f)));

  return g_string_free (out, FALSE);
}

static char *
fold_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

static char *
pinyin_key (const char *text)
{
  UCollator *coll = get_zh_collator ();
  g_autofree gunichar2 *utf16 = NULL;
  g_autofree guint8 *key = NULL;
  glong n_units = 0;
  int32_t len;

  if (coll == NULL)
    return fold_key (text);

  utf16 = g_utf8_to_utf16 (text, -1, NULL, &n_units, NULL);
  if (utf16 == NULL || n_units > G_MAXINT32)
    return fold_key (text);

  len = ucol_getSortKey (coll, (const UChar *) utf16, (int32_t) n_units, NULL, 0);
  if (len <= 0)
    return fold_key (text);
  key = g_malloc (len);
  len = ucol_getSortKey (coll, (const UChar *) utf16, (int32_t) n_units, key, len);

  /* The key's length counts the zero byte that ends it; the encoding
   * keeps prefixes in front without it. */
  return encode_key (key, len > 0 ? (gsize) len - 1 : 0);
}

/**
 * casebook_collate_key:
 * @text: a title, in UTF-8
 * @lang: the language whose readers' order the key follows
 *
 * A key that sorts @text among other titles of @lang when compared
 * bytewise (strcmp(), or SQLite's BINARY collation): pinyin order for
 * Chinese, alphabetical order without regard to case for English.
 *
 * Returns: (transfer full): the key, ASCII for Chinese
 */
char *
casebook_collate_key (const char   *text,
                      CasebookLang  lang)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (lang == CASEBOOK_LANG_ZH)
    return pinyin_key (text);

  return fold_key (text);
}
