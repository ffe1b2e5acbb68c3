/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>

#include "casebook-application.h"
#include "casebook-l10n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CasebookApplication) app = NULL;

  /* --lang chooses the language of the interface as well as of the
   * content, so it has to take effect before gettext reads the locale. */
  casebook_application_apply_lang_option (argc, argv);

  casebook_application_prefer_chinese_glyphs ();

  /* A locale that is named but not installed (LANG=de_DE.UTF-8 on a
   * machine without it) leaves the C locale, under which gettext ignores
   * the language chosen with --lang; C.UTF-8 is always there. GTK is
   * told not to try the missing one again. */
  if (setlocale (LC_ALL, "") == NULL)
    setlocale (LC_ALL, "C.UTF-8");
  gtk_disable_setlocale ();

  /* Run from the build folder, the program reads the translations it
   * compiled there. */
  bindtextdomain (GETTEXT_PACKAGE, casebook_l10n_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A closed pipe (`casebook --export-chart=/dev/stdout … | head -c 10`)
   * then fails the write with EPIPE, which is reported and cleans up,
   * instead of killing the process halfway through a file. */
  signal (SIGPIPE, SIG_IGN);

  app = casebook_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
