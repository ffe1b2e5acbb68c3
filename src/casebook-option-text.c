/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-option-text"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-option-text.h"

/* GOption converts a G_OPTION_ARG_STRING value from the locale's encoding
 * itself, and on a byte it cannot convert stops with a message that names
 * neither the option nor the value. So the text options are declared as
 * G_OPTION_ARG_FILENAME, which keeps the bytes, and converted here, where
 * a failure can say which option is wrong. */

/* UTF-8 is taken as it is in any locale: a script run with LANG=C still
 * passes the UTF-8 it was written in. Otherwise the bytes are read in the
 * locale's character set, as G_OPTION_ARG_STRING does. */
static char *
decode (const char  *name,
        const char  *bytes,
        GError     **error)
{
  const char *charset;
  char *text;

  if (g_utf8_validate (bytes, -1, NULL))
    return g_strdup (bytes);

  if (g_get_charset (&charset))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The value of --%s is not valid UTF-8"), name);
      return NULL;
    }

  text = g_locale_to_utf8 (bytes, -1, NULL, NULL, NULL);
  if (text == NULL)
    /* Translators: the second %s is the name of a character set, such as ISO-8859-1 */
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("The value of --%s is neither UTF-8 nor text in the character set of the locale (%s)"),
                 name, charset);

  return text;
}

/**
 * casebook_option_text_decode:
 * @options: the options as GApplication collected them
 * @names: (array zero-terminated=1): options declared as
 *   %G_OPTION_ARG_FILENAME (`ay`) or %G_OPTION_ARG_FILENAME_ARRAY (`aay`)
 *   that are text
 *
 * Replaces the value of each of @names in @options by the same text as a
 * UTF-8 string (`s`, or `as` for an array), the way %G_OPTION_ARG_STRING
 * would have, so that the rest of the program reads it as text.
 *
 * Returns: %FALSE, with @error naming the option, if a value is not text
 */
gboolean
casebook_option_text_decode (GVariantDict       *options,
                             const char * const *names,
                             GError            **error)
{
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (names != NULL, FALSE);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_variant_dict_lookup_value (options, names[i], NULL);

      if (value == NULL)
        continue;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
        {
          g_autofree char *text = decode (names[i], g_variant_get_bytestring (value), error);

          if (text == NULL)
            return FALSE;
          g_variant_dict_insert (options, names[i], "s", text);
        }
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING_ARRAY))
        {
          g_autofree const char **items = g_variant_get_bytestring_array (value, NULL);
          g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

          for (guint k = 0; items[k] != NULL; k++)
            {
              char *text = decode (names[i], items[k], error);

              if (text == NULL)
                return FALSE;
              g_ptr_array_add (texts, text);
            }
          g_ptr_array_add (texts, NULL);
          g_variant_dict_insert_value (options, names[i],
                                       g_variant_new_strv ((const char * const *) texts->pdata, -1));
        }
    }

  return TRUE;
}
