/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <unistd.h>

#include "casebook-application-private.h"
#include "casebook-test-util.h"
#include "casebook-window-private.h"

/* Chinese and Japanese share code points, and a CJK font collection such
 * as Noto Sans CJK (what the Flatpak bundles, and Debian's fonts-noto-cjk)
 * holds both forms of the glyphs. The window must draw Chinese text with
 * the Simplified Chinese face of it, whatever the interface language. */

#define SC_FAMILY "Noto Sans CJK SC"

static gboolean
have_family (const char *name)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoFontFamily **families = NULL;
  gboolean found = FALSE;
  int n = 0;

  pango_font_map_list_families (map, &families, &n);
  for (int i = 0; i < n && !found; i++)
    found = g_ascii_strcasecmp (pango_font_family_get_name (families[i]), name) == 0;
  g_free (families);

  return found;
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

static void
collect_chinese_labels (GtkWidget *widget,
                        GPtrArray *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          has_han (gtk_label_get_text (GTK_LABEL (child))))
        g_ptr_array_add (labels, child);
      collect_chinese_labels (child, labels);
    }
}

/* The families of the fonts the label's Han characters are drawn with. */
static void
collect_han_families (GtkLabel   *label,
                      GHashTable *families)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  const char *text = pango_layout_get_text (layout);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      g_autoptr(PangoFontDescription) desc = NULL;
      g_autofree char *run_text = NULL;

      if (run == NULL)
        continue;

      run_text = g_strndup (text + run->item->offset, run->item->length);
      if (!has_han (run_text))
        continue;

      desc = pango_font_describe (run->item->analysis.font);
      g_hash_table_add (families, g_strdup (pango_font_description_get_family (desc)));
    }
  while (pango_layout_iter_next_run (iter));

  pango_layout_iter_free (iter);
}

static void
test_window_draws_chinese_in_sc (gconstpointer data)
{
  const char *content = data;
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookApplication) app = casebook_application_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GHashTable) families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("io.github.casebook.Casebook.FontTest.%s", content);
  CasebookWindow *window;
  GHashTableIter iter;
  const char *family;
  gint64 end;

  if (g_strcmp0 (setlocale (LC_CTYPE, NULL), "en_US.UTF-8") != 0)
    {
      g_test_skip ("the en_US.UTF-8 locale could not be made (localedef, from the locales package)");
      return;
    }
  if (!have_family (SC_FAMILY))
    {
      g_test_skip (SC_FAMILY " is not installed (fonts-noto-cjk)");
      return;
    }

  g_application_set_application_id (G_APPLICATION (app), id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  _casebook_application_set_db_path (app, db);
  g_settings_set_string (_casebook_application_get_settings (app), "content-language", content);
  g_settings_reset (_casebook_application_get_settings (app), "selected-case");

  window = _casebook_application_new_window (app, _casebook_application_get_store (app), NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  /* A case in full: its title, facts and sections are Chinese text. */
  casebook_window_open_case (window, "report-5.1");

  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (labels->len == 0 && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      collect_chinese_labels (GTK_WIDGET (window), labels);
    }
  g_assert_cmpuint (labels->len, >, 0);

  for (guint i = 0; i < labels->len; i++)
    collect_han_families (g_ptr_array_index (labels, i), families);

  g_assert_cmpuint (g_hash_table_size (families), >, 0);
  g_hash_table_iter_init (&iter, families);
  while (g_hash_table_iter_next (&iter, (gpointer *) &family, NULL))
    g_assert_cmpstr (family, ==, SC_FAMILY);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE));
  casebook_test_rmdir (dir);
}

/* The window is tested under a desktop's locale, en_US.UTF-8. Under C,
 * Pango knows no language and takes any CJK face; a machine with nothing
 * but C has the locale compiled for the test (the locales package), kept
 * in the build folder for the next run. */
static void
reexec_in_english_locale (char **argv)
{
  g_autofree char *locpath = NULL;
  g_autofree char *locale_dir = NULL;
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");

  if (g_getenv ("CASEBOOK_TEST_FONTS_LOCALE") != NULL)
    return;

  locpath = g_build_filename (builddir != NULL ? builddir : g_get_tmp_dir (), "test-locales", NULL);
  locale_dir = g_build_filename (locpath, "en_US.UTF-8", NULL);
  if (!g_file_test (locale_dir, G_FILE_TEST_IS_DIR))
    {
      const char *localedef[] = { "localedef", "-i", "en_US", "-f", "UTF-8", locale_dir, NULL };
      int status = -1;

      g_mkdir_with_parents (locpath, 0755);
      if (!g_spawn_sync (NULL, (char **) localedef, NULL, G_SPAWN_SEARCH_PATH |
                         G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, &status, NULL) ||
          !g_spawn_check_wait_status (status, NULL))
        return;
    }

  g_setenv ("CASEBOOK_TEST_FONTS_LOCALE", "1", TRUE);
  g_setenv ("LOCPATH", locpath, TRUE);
  g_setenv ("LC_ALL", "en_US.UTF-8", TRUE);
  execv (argv[0], argv);
}

int
main (int   argc,
      char *argv[])
{
  reexec_in_english_locale (argv);

  /* An English interface: the case where a CJK fallback would choose the
   * first face of the collection, the Japanese one, were the language
   * not set. */
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* As main() does. */
  casebook_application_prefer_chinese_glyphs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/fonts/window/chinese-content-uses-sc-face", "zh", test_window_draws_chinese_in_sc);

  return g_test_run ();
}
