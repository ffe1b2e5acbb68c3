/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>

#include "casebook-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CasebookApplication) app = NULL;

  /* --lang chooses the language of the interface as well as of the
   * content, so it has to take effect before gettext reads the locale. */
  casebook_application_apply_lang_option (argc, argv);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A closed pipe (`casebook --export-chart=/dev/stdout … | head -c 10`)
   * then fails the write with EPIPE, which is reported and cleans up,
   * instead of killing the process halfway through a file. */
  signal (SIGPIPE, SIG_IGN);

  app = casebook_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
