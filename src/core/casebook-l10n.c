/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-l10n"

#include "config.h"

#include <string.h>

#include "casebook-l10n.h"

/**
 * SECTION:casebook-l10n
 *
 * The translations of Casebook's own words in a language chosen by the
 * caller, not by the locale. The window follows the interface language
 * through gettext; a PDF or a command-line answer is written in the
 * language the person asked for, which may differ from it, and must use
 * the very same words. So both read the same catalogue: this module reads
 * the compiled `casebook.mo` of a language itself, which also works when
 * that language's locale is not installed.
 *
 * English is the language of the message ids, so it needs no catalogue.
 * Chinese has one plural form; a language with more would need its
 * `Plural-Forms` evaluated, which is left for when one is added.
 */

#define MO_MAGIC         0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U

typedef struct
{
  GMappedFile *file;
  const char  *data;
  gsize        size;
  gboolean     swapped;
  guint32      n_strings;
  guint32      originals;
  guint32      translations;
} Catalog;

static GMutex lock;
static char *locale_dir;
static Catalog *catalogs[CASEBOOK_N_LANGS];
static gboolean loaded[CASEBOOK_N_LANGS];

static const char * const catalog_names[CASEBOOK_N_LANGS] = {
  [CASEBOOK_LANG_ZH] = "zh_CN",
  [CASEBOOK_LANG_EN] = NULL,
};

static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = g_strconcat (CASEBOOK_BUILD_ROOT, "/", NULL);

  return exe != NULL && g_str_has_prefix (exe, root);
}

/**
 * casebook_l10n_get_locale_dir:
 *
 * The folder that holds Casebook's compiled translations: the one set
 * with casebook_l10n_set_locale_dir(), else `$CASEBOOK_LOCALEDIR`, else
 * the build folder's own when the program runs from it uninstalled, else
 * the installed one.
 *
 * Returns: the folder
 */
const char *
casebook_l10n_get_locale_dir (void)
{
  const char *dir;

  g_mutex_lock (&lock);
  if (locale_dir == NULL)
    {
      const char *env = g_getenv ("CASEBOOK_LOCALEDIR");

      if (env != NULL && *env != '\0')
        locale_dir = g_strdup (env);
      else if (running_from_build_tree ())
        locale_dir = g_build_filename (CASEBOOK_BUILD_ROOT, "po", NULL);
      else
        locale_dir = g_strdup (LOCALEDIR);
    }
  dir = locale_dir;
  g_mutex_unlock (&lock);

  return dir;
}

/**
 * casebook_l10n_set_locale_dir:
 * @dir: the folder with `LANG/LC_MESSAGES/casebook.mo` in it
 *
 * Sets where translations are read from. Call it before the first
 * translation is looked up.
 */
void
casebook_l10n_set_locale_dir (const char *dir)
{
  g_return_if_fail (dir != NULL);

  g_mutex_lock (&lock);
  g_free (locale_dir);
  locale_dir = g_strdup (dir);
  g_mutex_unlock (&lock);
}

static guint32
read_u32 (const Catalog *catalog,
          gsize          offset)
{
  guint32 v;

  memcpy (&v, catalog->data + offset, sizeof v);
  return catalog->swapped ? GUINT32_SWAP_LE_BE (v) : v;
}

/* The string of table entry @index: its length and where it starts. A
 * damaged file gives NULL instead of a read past its end. */
static const char *
table_string (const Catalog *catalog,
              guint32        table,
              guint32        index,
              guint32       *length)
{
  gsize entry = (gsize) table + (gsize) index * 8;
  guint32 len, offset;

  if (entry + 8 > catalog->size)
    return NULL;

  len = read_u32 (catalog, entry);
  offset = read_u32 (catalog, entry + 4);
  if ((gsize) offset + len >= catalog->size || catalog->data[offset + len] != '\0')
    return NULL;

  if (length != NULL)
    *length = len;
  return catalog->data + offset;
}

static Catalog *
catalog_open (const char *name)
{
  g_autofree char *path = g_build_filename (casebook_l10n_get_locale_dir (), name,
                                            "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GError) error = NULL;
  GMappedFile *file = g_mapped_file_new (path, FALSE, &error);
  Catalog *catalog;
  guint32 magic;

  if (file == NULL)
    {
      g_debug ("No translations for %s: %s", name, error->message);
      return NULL;
    }

  catalog = g_new0 (Catalog, 1);
  catalog->file = file;
  catalog->data = g_mapped_file_get_contents (file);
  catalog->size = g_mapped_file_get_length (file);

  if (catalog->size < 28)
    goto bad;

  memcpy (&magic, catalog->data, sizeof magic);
  if (magic == MO_MAGIC)
    catalog->swapped = FALSE;
  else if (magic == MO_MAGIC_SWAPPED)
    catalog->swapped = TRUE;
  else
    goto bad;

  catalog->n_strings = read_u32 (catalog, 8);
  catalog->originals = read_u32 (catalog, 12);
  catalog->translations = read_u32 (catalog, 16);

  if ((guint64) catalog->originals + (guint64) catalog->n_strings * 8 > catalog->size ||
      (guint64) catalog->translations + (guint64) catalog->n_strings * 8 > catalog->size)
    goto bad;

  return catalog;

bad:
  g_warning ("The translations in %s are damaged and were not used", path);
  g_mapped_file_unref (file);
  g_free (catalog);
  return NULL;
}

static const Catalog *
catalog_for (CasebookLang lang)
{
  const Catalog *catalog;

  if ((guint) lang >= CASEBOOK_N_LANGS || catalog_names[lang] == NULL)
    return NULL;

  g_mutex_lock (&lock);
  if (!loaded[lang])
    {
      /* The lock is not held while the locale folder is read. */
      g_mutex_unlock (&lock);
      catalog = catalog_open (catalog_names[lang]);
      g_mutex_lock (&lock);

      if (!loaded[lang])
        {
          catalogs[lang] = (Catalog *) catalog;
          loaded[lang] = TRUE;
        }
      else if (catalog != NULL)
        {
          g_mapped_file_unref (catalog->file);
          g_free ((Catalog *) catalog);
        }
    }
  catalog = catalogs[lang];
  g_mutex_unlock (&lock);

  return catalog;
}

/* msgfmt writes the original strings sorted, so a key is found by
 * bisection. A key is the message id, preceded by its context and EOT
 * when it has one; a plural entry holds both ids, separated by NUL, which
 * strcmp() stops at. */
static const char *
lookup (const Catalog *catalog,
        const char    *key)
{
  guint32 lo = 0, hi = catalog->n_strings;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      const char *original = table_string (catalog, catalog->originals, mid, NULL);
      int cmp;

      if (original == NULL)
        return NULL;

      cmp = strcmp (key, original);
      if (cmp == 0)
        {
          const char *translation = table_string (catalog, catalog->translations, mid, NULL);

          return translation != NULL && *translation != '\0' ? translation : NULL;
        }
      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }

  return NULL;
}

/**
 * casebook_l10n_gettext:
 * @lang: the language wanted
 * @msgid: the English text, which is also its message id
 *
 * Returns: (transfer none): @msgid in @lang, or @msgid itself when it has
 *   no translation there
 */
const char *
casebook_l10n_gettext (CasebookLang  lang,
                       const char   *msgid)
{
  const Catalog *catalog;
  const char *translation;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (*msgid == '\0' || (catalog = catalog_for (lang)) == NULL)
    return msgid;

  translation = lookup (catalog, msgid);
  return translation != NULL ? translation : msgid;
}

/**
 * casebook_l10n_pgettext:
 * @lang: the language wanted
 * @context: what the text is, where one English text needs two translations
 * @msgid: the English text
 *
 * Returns: (transfer none): @msgid in @lang, or @msgid itself
 */
const char *
casebook_l10n_pgettext (CasebookLang  lang,
                        const char   *context,
                        const char   *msgid)
{
  const Catalog *catalog;
  g_autofree char *key = NULL;
  const char *translation;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (msgid != NULL, NULL);

  if ((catalog = catalog_for (lang)) == NULL)
    return msgid;

  key = g_strconcat (context, "\004", msgid, NULL);
  translation = lookup (catalog, key);
  return translation != NULL ? translation : msgid;
}

/**
 * casebook_l10n_ngettext:
 * @lang: the language wanted
 * @msgid: the English text for one
 * @msgid_plural: the English text for other counts
 * @n: the count
 *
 * Returns: (transfer none): the text for @n in @lang
 */
const char *
casebook_l10n_ngettext (CasebookLang  lang,
                        const char   *msgid,
                        const char   *msgid_plural,
                        gulong        n)
{
  const Catalog *catalog;
  const char *translation;

  g_return_val_if_fail (msgid != NULL, NULL);
  g_return_val_if_fail (msgid_plural != NULL, NULL);

  if ((catalog = catalog_for (lang)) == NULL)
    return n == 1 ? msgid : msgid_plural;

  /* Chinese, the one catalogue so far, has a single form for every count:
   * the first. */
  translation = lookup (catalog, msgid);
  return translation != NULL ? translation : (n == 1 ? msgid : msgid_plural);
}
