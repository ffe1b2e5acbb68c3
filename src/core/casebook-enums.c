/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-enums"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "casebook-enums.h"
#include "casebook-l10n.h"

/* An enum's key in the files, and what a person reads for it: a msgid,
 * translated into the language asked for, so the case page, the filters,
 * the PDF and the command line use the editor's words; or, for the
 * qualifiers, a symbol the same in every language. */
typedef struct
{
  const char *key;
  const char *label;
} EnumEntry;

static const EnumEntry kinds[] = {
  /* Translators: the kind of a case */
  { "success", N_("Success") },
  /* Translators: the kind of a case */
  { "failure", N_("Failure") },
};

static const EnumEntry approaches[] = {
  /* Translators: a case gives no technical approach, or no size; a filter's value */
  { NULL, N_("Not stated") },
  { "virtualization", N_("Virtualization") },
  { "containerization", N_("Containerization") },
  { "webassembly", N_("WebAssembly") },
  { "hybrid", N_("Hybrid") },
};

static const EnumEntry sizes[] = {
  { NULL, N_("Not stated") },
  { "small", N_("Small") },
  { "medium", N_("Medium") },
  { "large", N_("Large") },
};

static const EnumEntry qualifiers[] = {
  { "exact", "" },
  { "more-than", ">" },
  { "less-than", "<" },
  { "about", "≈" },
};

/* Only keys: a value's unit is shown by casebook_format_value(). */
static const EnumEntry units[] = {
  { NULL, NULL },
  { "percent", NULL },
  { "percent_change", NULL },
  { "times", NULL },
};

/* Only keys: the window and the documents say which way is better in
 * words of their own. */
static const EnumEntry betters[] = {
  { NULL, NULL },
  { "higher", NULL },
  { "lower", NULL },
};

static gboolean
lookup (const EnumEntry *entries,
        guint            n_entries,
        const char      *key,
        guint           *out)
{
  if (key == NULL)
    return FALSE;

  for (guint i = 0; i < n_entries; i++)
    {
      if (entries[i].key != NULL && strcmp (entries[i].key, key) == 0)
        {
          *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

static const char *
label (const EnumEntry *entry,
       CasebookLang     lang)
{
  return L_ (lang, entry->label);
}

#define DEFINE_ENUM_KEYS(Type, type_name, table)                              \
  const char *                                                                \
  casebook_##type_name##_to_key (Type value)                                  \
  {                                                                           \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);        \
    return table[value].key;                                                  \
  }                                                                           \
                                                                              \
  gboolean                                                                    \
  casebook_##type_name##_from_key (const char *key,                           \
                                   Type       *value)                         \
  {                                                                           \
    guint i;                                                                  \
                                                                              \
    g_return_val_if_fail (value != NULL, FALSE);                              \
                                                                              \
    if (!lookup (table, G_N_ELEMENTS (table), key, &i))                       \
      return FALSE;                                                           \
                                                                              \
    *value = (Type) i;                                                        \
    return TRUE;                                                              \
  }

DEFINE_ENUM_KEYS (CasebookKind, kind, kinds)
DEFINE_ENUM_KEYS (CasebookApproach, approach, approaches)
DEFINE_ENUM_KEYS (CasebookSize, size, sizes)
DEFINE_ENUM_KEYS (CasebookQualifier, qualifier, qualifiers)
DEFINE_ENUM_KEYS (CasebookUnit, unit, units)
DEFINE_ENUM_KEYS (CasebookBetter, better, betters)

const char *
casebook_kind_label (CasebookKind kind,
                     CasebookLang lang)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kinds), "");
  return label (&kinds[kind], lang);
}

const char *
casebook_approach_label (CasebookApproach approach,
                         CasebookLang     lang)
{
  g_return_val_if_fail ((guint) approach < G_N_ELEMENTS (approaches), "");
  return label (&approaches[approach], lang);
}

const char *
casebook_size_label (CasebookSize size,
                     CasebookLang lang)
{
  g_return_val_if_fail ((guint) size < G_N_ELEMENTS (sizes), "");
  return label (&sizes[size], lang);
}

const char *
casebook_qualifier_symbol (CasebookQualifier qualifier)
{
  g_return_val_if_fail ((guint) qualifier < G_N_ELEMENTS (qualifiers), "");
  return qualifiers[qualifier].label;
}

/**
 * casebook_size_for_employees:
 *
 * The size band that the report's section 1.3 defines for a headcount:
 * large above 10,000, medium from 1,000 to 10,000, small below 1,000.
 */
CasebookSize
casebook_size_for_employees (gint64 employees)
{
  if (employees < 0)
    return CASEBOOK_SIZE_UNKNOWN;
  if (employees > 10000)
    return CASEBOOK_SIZE_LARGE;
  if (employees >= 1000)
    return CASEBOOK_SIZE_MEDIUM;
  return CASEBOOK_SIZE_SMALL;
}

/**
 * casebook_key_is_valid:
 *
 * Keys are 1 to 64 characters of `a-z0-9._-`, starting with a letter or a
 * digit. They end up in file names and CSS classes, so nothing else is
 * allowed.
 */
gboolean
casebook_key_is_valid (const char *key)
{
  gsize len;

  if (key == NULL)
    return FALSE;

  len = strlen (key);
  if (len == 0 || len > 64)
    return FALSE;

  if (!g_ascii_islower (key[0]) && !g_ascii_isdigit (key[0]))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = key[i];

      if (!g_ascii_islower (c) && !g_ascii_isdigit (c) &&
          c != '.' && c != '_' && c != '-')
        return FALSE;
    }

  return TRUE;
}
