/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-l10n"

#include <string.h>

#include "casebook-l10n.h"

/* The translations are compared with the source they are compiled from:
 * po/zh_CN.po, read here by a small parser of its own. */
typedef struct
{
  char *context;
  char *msgid;
  char *plural;
  char *msgstr;
  gboolean fuzzy;
} Entry;

static void
entry_free (Entry *e)
{
  g_free (e->context);
  g_free (e->msgid);
  g_free (e->plural);
  g_free (e->msgstr);
  g_free (e);
}

static char *
unquote (const char *line)
{
  const char *p = strchr (line, '"');
  GString *out = g_string_new (NULL);

  g_assert_nonnull (p);
  for (p++; *p != '\0' && *p != '"'; p++)
    {
      if (*p != '\\')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'n': g_string_append_c (out, '\n'); break;
        case 't': g_string_append_c (out, '\t'); break;
        default: g_string_append_c (out, *p); break;
        }
    }

  return g_string_free (out, FALSE);
}

static GPtrArray *
read_po (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "po", "zh_CN.po", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  Entry *e = NULL;
  char **target = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (e == NULL)
        e = g_new0 (Entry, 1);

      if (g_str_has_prefix (line, "#,") && strstr (line, "fuzzy") != NULL)
        e->fuzzy = TRUE;
      else if (g_str_has_prefix (line, "#~"))
        continue;
      else if (g_str_has_prefix (line, "msgctxt "))
        target = &e->context;
      else if (g_str_has_prefix (line, "msgid_plural "))
        target = &e->plural;
      else if (g_str_has_prefix (line, "msgid "))
        target = &e->msgid;
      else if (g_str_has_prefix (line, "msgstr ") || g_str_has_prefix (line, "msgstr[0] "))
        target = &e->msgstr;
      else if (g_str_has_prefix (line, "msgstr["))
        target = NULL;
      else if (line[0] == '"')
        {
          if (target != NULL)
            {
              g_autofree char *more = unquote (line);
              char *joined = g_strconcat (*target, more, NULL);

              g_free (*target);
              *target = joined;
            }
          continue;
        }
      else if (line[0] == '\0' && e->msgid != NULL)
        {
          g_ptr_array_add (entries, e);
          e = NULL;
          target = NULL;
          continue;
        }
      else
        continue;

      if (target != NULL)
        *target = unquote (line);
    }

  if (e != NULL && e->msgid != NULL)
    g_ptr_array_add (entries, e);
  else if (e != NULL)
    entry_free (e);

  return entries;
}

static void
test_every_translation (void)
{
  g_autoptr(GPtrArray) entries = read_po ();
  guint checked = 0;

  /* The catalogue holds hundreds of strings, with contexts and plurals. */
  g_assert_cmpuint (entries->len, >, 300);

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);
      const char *got;

      if (e->msgid[0] == '\0' || e->fuzzy || e->msgstr == NULL || e->msgstr[0] == '\0')
        continue;

      if (e->plural != NULL)
        {
          got = casebook_l10n_ngettext (CASEBOOK_LANG_ZH, e->msgid, e->plural, 5);
          g_assert_cmpstr (got, ==, e->msgstr);
          got = casebook_l10n_ngettext (CASEBOOK_LANG_ZH, e->msgid, e->plural, 1);
          g_assert_cmpstr (got, ==, e->msgstr);
        }
      else if (e->context != NULL)
        got = casebook_l10n_pgettext (CASEBOOK_LANG_ZH, e->context, e->msgid);
      else
        got = casebook_l10n_gettext (CASEBOOK_LANG_ZH, e->msgid);

      g_assert_cmpstr (got, ==, e->msgstr);
      checked++;
    }

  g_assert_cmpuint (checked, >, 300);
}

static void
test_english_is_the_id (void)
{
  g_assert_cmpstr (casebook_l10n_gettext (CASEBOOK_LANG_EN, "Cases"), ==, "Cases");
  g_assert_cmpstr (casebook_l10n_pgettext (CASEBOOK_LANG_EN, "shortcut window", "General"), ==, "General");
  g_assert_cmpstr (casebook_l10n_ngettext (CASEBOOK_LANG_EN, "one case", "%u cases", 1), ==, "one case");
  g_assert_cmpstr (casebook_l10n_ngettext (CASEBOOK_LANG_EN, "one case", "%u cases", 2), ==, "%u cases");
}

static void
test_unknown_is_the_id (void)
{
  const char *id = "A sentence no catalogue holds";

  g_assert_true (casebook_l10n_gettext (CASEBOOK_LANG_ZH, id) == id);
  g_assert_true (casebook_l10n_pgettext (CASEBOOK_LANG_ZH, "nowhere", id) == id);
  /* The empty id is the catalogue's header, never a translation. */
  g_assert_cmpstr (casebook_l10n_gettext (CASEBOOK_LANG_ZH, ""), ==, "");
}

static void
test_damaged_catalogue (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("casebook-l10n-XXXXXX", NULL);
      g_autofree char *messages = g_build_filename (dir, "zh_CN", "LC_MESSAGES", NULL);
      g_autofree char *mo = g_build_filename (messages, "casebook.mo", NULL);
      /* The right magic, then tables that point far past the end. */
      static const guint8 damaged[28] = { 0xde, 0x12, 0x04, 0x95, 0, 0, 0, 0,
                                          0xff, 0xff, 0, 0, 28, 0, 0, 0,
                                          0xf0, 0xff, 0xff, 0x7f };

      /* The warning is what is tested, so it must not abort. */
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
      g_assert_true (g_file_set_contents (mo, (const char *) damaged, sizeof damaged, NULL));
      casebook_l10n_set_locale_dir (dir);
      g_assert_cmpstr (casebook_l10n_gettext (CASEBOOK_LANG_ZH, "Cases"), ==, "Cases");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*translations in*damaged*");
}

static void
test_missing_catalogue (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("casebook-l10n-XXXXXX", NULL);

      casebook_l10n_set_locale_dir (dir);
      g_assert_cmpstr (casebook_l10n_gettext (CASEBOOK_LANG_ZH, "Cases"), ==, "Cases");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/l10n/zh/every-translation-of-the-catalogue", test_every_translation);
  g_test_add_func ("/l10n/en/is-the-message-id", test_english_is_the_id);
  g_test_add_func ("/l10n/zh/unknown-is-the-message-id", test_unknown_is_the_id);
  g_test_add_func ("/l10n/zh/damaged-catalogue-is-not-used", test_damaged_catalogue);
  g_test_add_func ("/l10n/zh/missing-catalogue-gives-english", test_missing_catalogue);

  return g_test_run ();
}
