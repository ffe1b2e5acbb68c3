/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-application"

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <string.h>

#include "casebook-application-private.h"
#include "casebook-cli.h"
#include "casebook-option-text.h"
#include "casebook-resources.h"
#include "casebook-preferences-window.h"
#include "casebook-search-provider.h"
#include "casebook-window.h"

/* A development build has a schema of its own, under its own ID. */
#define SETTINGS_SCHEMA APP_ID

struct _CasebookApplication
{
  AdwApplication  parent_instance;

  CasebookStore  *store;
  GError         *store_error;
  char           *db_path;
  GSettings      *settings;
  CasebookLang    lang;
  gboolean        lang_forced;

  CasebookSearchProvider *search_provider;
};

G_DEFINE_FINAL_TYPE (CasebookApplication, casebook_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_CONTENT_LANG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * casebook_application_apply_lang_option:
 *
 * Looks for `--lang=zh|en` (or `--lang zh|en`) in the arguments, or else
 * for a content language chosen in Preferences, and makes gettext use that
 * language for the interface, before anything reads the locale. The option
 * itself is parsed again, properly, by GApplication.
 */
void
casebook_application_apply_lang_option (int    argc,
                                        char **argv)
{
  g_autofree char *preference = NULL;
  const char *value = NULL;
  CasebookLang lang;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--lang="))
        value = argv[i] + strlen ("--lang=");
      else if (g_str_equal (argv[i], "--lang") && i + 1 < argc)
        value = argv[i + 1];
      else if (g_str_equal (argv[i], "--"))
        break;
    }

  /* Without --lang, the language chosen in Preferences, when it is not
   * the desktop's, is the interface's too. */
  if (value == NULL)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
      if (schema != NULL && g_settings_schema_has_key (schema, "content-language"))
        {
          g_autoptr(GSettings) settings = g_settings_new_full (schema, NULL, NULL);

          preference = g_settings_get_string (settings, "content-language");
          value = preference;
        }
    }

  if (value == NULL || !casebook_lang_parse (value, &lang))
    return;

  g_setenv ("LANGUAGE", lang == CASEBOOK_LANG_ZH ? "zh_CN" : "en", TRUE);

  /* gettext ignores LANGUAGE under the C locale; C.UTF-8 is always there. */
  {
    const char *messages = g_getenv ("LC_ALL");

    if (messages == NULL || *messages == '\0')
      messages = g_getenv ("LC_MESSAGES");
    if (messages == NULL || *messages == '\0')
      messages = g_getenv ("LANG");
    if (messages == NULL || *messages == '\0' || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  }
}

/**
 * casebook_application_prefer_chinese_glyphs:
 *
 * Makes Pango draw Han characters in their Simplified Chinese forms,
 * whatever the interface language. Call it before anything uses Pango.
 *
 * Every case is written in Simplified Chinese, and a CJK font such as
 * Noto Sans CJK holds Japanese, Korean and Traditional Chinese forms of
 * the same characters too. GTK lays text out in the locale's language;
 * under any but Chinese, Pango takes a language for Han characters from
 * its preferred languages, and with no Chinese among them the font's
 * first face, the Japanese one, draws them.
 */
void
casebook_application_prefer_chinese_glyphs (void)
{
  const char *preferred = g_getenv ("PANGO_LANGUAGE");
  g_autofree char *languages = NULL;

  if (preferred == NULL || *preferred == '\0')
    preferred = g_getenv ("LANGUAGE");
  if (preferred == NULL)
    preferred = "";

  languages = g_strconcat ("zh-cn", *preferred != '\0' ? ":" : "", preferred, NULL);
  g_setenv ("PANGO_LANGUAGE", languages, TRUE);
}

CasebookApplication *
casebook_application_new (void)
{
  return g_object_new (CASEBOOK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       /* Collection files and casebook:// links, from the
                        * command line, Files or a browser. */
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

static CasebookStore *
open_store (CasebookApplication  *self,
            GError              **error)
{
  g_autofree char *default_path = NULL;
  const char *path = self->db_path;
  CasebookStore *store;

  if (path == NULL)
    path = default_path = casebook_store_default_path ();

  store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, error);

  /* The messages quote the path, a file name that need not be UTF-8;
   * what reaches the terminal or a label must be. */
  if (store == NULL && error != NULL && *error != NULL && !g_utf8_validate ((*error)->message, -1, NULL))
    {
      char *valid = g_utf8_make_valid ((*error)->message, -1);

      g_free ((*error)->message);
      (*error)->message = valid;
    }

  return store;
}

/**
 * _casebook_application_get_store:
 *
 * Opens the store on first use.
 *
 * Returns: (transfer none) (nullable): the store, or %NULL if it could
 *   not be opened
 */
CasebookStore *
_casebook_application_get_store (CasebookApplication *self)
{
  g_return_val_if_fail (CASEBOOK_IS_APPLICATION (self), NULL);

  if (self->store == NULL && self->store_error == NULL)
    self->store = open_store (self, &self->store_error);

  return self->store;
}

/**
 * casebook_application_get_store_error:
 *
 * Returns: (nullable): why the store could not be opened
 */
static const GError *
casebook_application_get_store_error (CasebookApplication *self)
{
  return self->store_error;
}

/**
 * _casebook_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL when the
 *   schema is not installed (as when running from a build directory
 *   without GSETTINGS_SCHEMA_DIR)
 */
GSettings *
_casebook_application_get_settings (CasebookApplication *self)
{
  g_return_val_if_fail (CASEBOOK_IS_APPLICATION (self), NULL);
  return self->settings;
}

static void
update_lang (CasebookApplication *self)
{
  CasebookLang lang = casebook_lang_from_locale ();

  if (self->lang_forced)
    return;

  if (self->settings != NULL)
    {
      g_autofree char *nick = g_settings_get_string (self->settings, "content-language");

      if (!casebook_lang_parse (nick, &lang))
        lang = casebook_lang_from_locale ();
    }

  if (lang == self->lang)
    return;

  self->lang = lang;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT_LANG]);
}

static void
on_content_language_changed (CasebookApplication *self,
                             const char          *key,
                             GSettings           *settings)
{
  update_lang (self);
}

void
_casebook_application_set_db_path (CasebookApplication *self,
                                   const char          *path)
{
  g_return_if_fail (CASEBOOK_IS_APPLICATION (self));

  g_free (self->db_path);
  self->db_path = g_strdup (path);
}

/* Which of the options of collections, notes and tags go together;
 * returns the exit status of a misuse, or 0. */
static int
check_collection_options (const char * const *case_ids,
                          const char         *add_to,
                          const char         *collection,
                          const char         *note,
                          const char         *tag,
                          gboolean            list,
                          const char         *export,
                          const char         *export_pdf)
{
  const char *misuse = NULL;

  if ((add_to != NULL || note != NULL || tag != NULL) && case_ids == NULL)
    misuse = add_to != NULL ? _("--add-to needs one or more --case=ID to say which cases to add")
           : note != NULL ? _("--note needs --case=ID to say which case the note is on")
           : _("--tag needs --case=ID to say which case to tag");
  else if (case_ids != NULL && export_pdf != NULL && (add_to != NULL || note != NULL || tag != NULL))
    misuse = _("--case with --export-pdf names the cases to write; add, note or tag them in a command of their own");
  else if (collection != NULL && !list && export == NULL && export_pdf == NULL)
    misuse = _("--collection only makes sense together with --list, --export or --export-pdf");

  if (misuse != NULL)
    {
      g_printerr ("%s\n", misuse);
      return 2;
    }
  return 0;
}

static int
run_cli (CasebookApplication *self,
         GVariantDict        *options)
{
  g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  g_autoptr(GOutputStream) err = g_unix_output_stream_new (STDERR_FILENO, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) store = NULL;
  const char *search = NULL, *show = NULL, *import = NULL, *export = NULL;
  const char *export_chart = NULL, *metric = NULL;
  gboolean list = FALSE, replace = FALSE, list_metrics = FALSE;
  g_autofree const char **case_ids = NULL;
  const char *export_pdf = NULL, *paper = NULL;
  const char *add_to = NULL, *collection = NULL, *note = NULL, *tag = NULL;
  gboolean list_collections = FALSE;
  const char *subscribe = NULL, *unsubscribe = NULL;
  gboolean list_subscriptions = FALSE, refresh = FALSE;

  g_variant_dict_lookup (options, "list", "b", &list);
  g_variant_dict_lookup (options, "replace", "b", &replace);
  g_variant_dict_lookup (options, "search", "&s", &search);
  g_variant_dict_lookup (options, "show", "&s", &show);
  g_variant_dict_lookup (options, "import", "^&ay", &import);
  g_variant_dict_lookup (options, "export", "^&ay", &export);
  g_variant_dict_lookup (options, "list-metrics", "b", &list_metrics);
  g_variant_dict_lookup (options, "export-chart", "^&ay", &export_chart);
  g_variant_dict_lookup (options, "metric", "&s", &metric);
  g_variant_dict_lookup (options, "export-pdf", "^&ay", &export_pdf);
  g_variant_dict_lookup (options, "case", "^a&s", &case_ids);
  g_variant_dict_lookup (options, "paper", "&s", &paper);
  g_variant_dict_lookup (options, "add-to", "&s", &add_to);
  g_variant_dict_lookup (options, "list-collections", "b", &list_collections);
  g_variant_dict_lookup (options, "collection", "&s", &collection);
  g_variant_dict_lookup (options, "note", "&s", &note);
  g_variant_dict_lookup (options, "tag", "&s", &tag);
  g_variant_dict_lookup (options, "subscribe", "&s", &subscribe);
  g_variant_dict_lookup (options, "unsubscribe", "&s", &unsubscribe);
  g_variant_dict_lookup (options, "subscriptions", "b", &list_subscriptions);
  g_variant_dict_lookup (options, "refresh", "b", &refresh);

  if (export_pdf != NULL && collection != NULL && case_ids != NULL)
    {
      g_printerr ("%s\n", _("--export-pdf writes either a collection’s brief or the cases named with --case, "
                             "not both"));
      return 2;
    }

  {
    int status = check_collection_options (case_ids, add_to, collection, note, tag,
                                           list, export, export_pdf);
    if (status != 0)
      return status;
  }

  if (export_pdf == NULL && (case_ids != NULL || paper != NULL) &&
      (paper != NULL || (add_to == NULL && note == NULL && tag == NULL)))
    {
      g_printerr ("%s\n", paper == NULL ? _("--case only makes sense together with --export-pdf, --add-to, "
                                             "--note or --tag")
                                         : _("--paper only makes sense together with --export-pdf"));
      return 2;
    }

  if (export_chart != NULL && metric == NULL)
    {
      g_printerr ("%s\n", _("--export-chart needs --metric=KEY to say which metric family to draw "
                             "(see --list-metrics)"));
      return 2;
    }
  if (metric != NULL && export_chart == NULL)
    {
      g_printerr ("%s\n", _("--metric only makes sense together with --export-chart"));
      return 2;
    }

  if (!list && search == NULL && show == NULL && import == NULL && export == NULL &&
      !list_metrics && export_chart == NULL && export_pdf == NULL &&
      add_to == NULL && !list_collections && note == NULL && tag == NULL &&
      subscribe == NULL && unsubscribe == NULL && !list_subscriptions && !refresh)
    {
      if (replace)
        {
          g_printerr ("%s\n", _("--replace only makes sense together with --import"));
          return 2;
        }
      return -1;
    }

  store = open_store (self, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (casebook_store_get_moved_aside (store) != NULL)
    {
      g_autofree char *shown = g_filename_display_name (casebook_store_get_moved_aside (store));

      g_printerr (_("The store was damaged. It was moved to %s and a new one was created.\n"), shown);
    }

  /* Before anything is imported or written: an output that is the store
   * itself, or a file beside it, would destroy it. */
  {
    const char *outputs[] = { export, export_pdf, export_chart };

    for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
      if (outputs[i] != NULL && !casebook_store_check_output (store, outputs[i], &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
  }

  if (import != NULL)
    {
      int status = casebook_cli_import (store, import, replace, out, err);
      if (status != 0)
        return status;
    }

  /* Subscriptions change the store like an import. */
  if (subscribe != NULL || unsubscribe != NULL || refresh || list_subscriptions)
    {
      int status = 0;

      if (subscribe != NULL)
        status = casebook_cli_subscribe (store, subscribe, self->lang, out, err);
      if (status == 0 && unsubscribe != NULL)
        status = casebook_cli_unsubscribe (store, unsubscribe, out, err);
      if (status == 0 && refresh)
        status = casebook_cli_refresh (store, out, err);
      if (status == 0 && list_subscriptions)
        status = casebook_cli_list_subscriptions (store, self->lang, out, err);
      if (status != 0)
        return status;
    }

  /* The person's own changes come before anything is printed or
   * written, so that one command can change and show. */
  if (add_to != NULL)
    {
      int status = casebook_cli_add_to_collection (store, add_to, case_ids, out, err);
      if (status != 0)
        return status;
    }

  if (note != NULL)
    {
      int status = casebook_cli_set_note (store, case_ids, note, out, err);
      if (status != 0)
        return status;
    }

  if (tag != NULL)
    {
      int status = casebook_cli_add_tag (store, case_ids, tag, out, err);
      if (status != 0)
        return status;
    }

  if (list_collections)
    {
      int status = casebook_cli_list_collections (store, out, err);
      if (status != 0)
        return status;
    }

  if (list)
    {
      int status = collection != NULL ? casebook_cli_list_collection (store, collection, self->lang, out, err)
                                      : casebook_cli_list (store, self->lang, out, err);
      if (status != 0)
        return status;
    }

  if (search != NULL)
    {
      int status = casebook_cli_search (store, search, self->lang, out, err);
      if (status != 0)
        return status;
    }

  if (show != NULL)
    {
      int status = casebook_cli_show (store, show, self->lang, out, err);
      if (status != 0)
        return status;
    }

  if (list_metrics)
    {
      int status = casebook_cli_list_metrics (store, self->lang, out, err);
      if (status != 0)
        return status;
    }

  if (export_chart != NULL)
    {
      int status = casebook_cli_export_chart (store, export_chart, metric, self->lang, out, err);
      if (status != 0)
        return status;
    }

  if (export_pdf != NULL)
    {
      /* With --collection, the collection's brief. */
      int status = collection != NULL
                   ? casebook_cli_export_brief (store, export_pdf, collection, paper, self->lang, out, err)
                   : casebook_cli_export_pdf (store, export_pdf, case_ids, paper, self->lang, out, err);
      if (status != 0)
        return status;
    }

  if (export != NULL)
    return collection != NULL ? casebook_cli_export_collection (store, collection, export, out, err)
                              : casebook_cli_export (store, export, out, err);

  return 0;
}

static int
casebook_application_handle_local_options (GApplication *app,
                                           GVariantDict *options)
{
  static const char * const text_options[] = { "lang", "search", "show", "metric", "case", "paper",
                                               "add-to", "collection", "note", "tag",
                                               "subscribe", "unsubscribe", NULL };
  CasebookApplication *self = CASEBOOK_APPLICATION (app);
  const char *db = NULL, *lang = NULL;
  gboolean version = FALSE;
  g_autoptr(GError) error = NULL;

  if (!casebook_option_text_decode (options, text_options, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (g_variant_dict_lookup (options, "version", "b", &version) && version)
    {
      g_print ("casebook %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "lang", "&s", &lang))
    {
      if (!casebook_lang_parse (lang, &self->lang))
        {
          g_printerr (_("Unknown language “%s”; use zh or en\n"), lang);
          return 2;
        }
      self->lang_forced = TRUE;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      /* SQLite takes both for a store that vanishes when Casebook quits,
       * and everything imported into it with it. */
      if (db[0] == '\0')
        {
          g_printerr ("%s\n", _("--db needs the name of a store file; it was given an empty one"));
          return 2;
        }
      /* A URI with no file name ("file:?mode=rwc") is a temporary store too. */
      if (g_str_equal (db, ":memory:") ||
          (g_str_has_prefix (db, "file:") && (strstr (db, "mode=memory") != NULL ||
                                              g_str_has_prefix (db, "file::memory:") ||
                                              strcspn (db + strlen ("file:"), "?#") == 0)))
        {
          g_printerr (_("--db needs the name of a store file; “%s” would keep the store in memory "
                        "and lose everything in it when Casebook quits\n"), db);
          return 2;
        }
      _casebook_application_set_db_path (self, db);
    }

  return run_cli (self, options);
}

/* The main window in front: the active window, or the one a case editor
 * in front belongs to, or else the first there is; %NULL if none is open. */
static CasebookWindow *
find_main_window (CasebookApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (CASEBOOK_IS_WINDOW (active))
    return CASEBOOK_WINDOW (active);
  if (active != NULL && CASEBOOK_IS_WINDOW (gtk_window_get_transient_for (active)))
    return CASEBOOK_WINDOW (gtk_window_get_transient_for (active));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CASEBOOK_IS_WINDOW (l->data))
      return CASEBOOK_WINDOW (l->data);

  return NULL;
}

static GtkWindow *
ensure_window (CasebookApplication *self)
{
  GtkWindow *window = GTK_WINDOW (find_main_window (self));

  if (window == NULL)
    {
      CasebookStore *store = _casebook_application_get_store (self);

      window = GTK_WINDOW (_casebook_application_new_window (self, store,
                                                             casebook_application_get_store_error (self)));
    }

  return window;
}

static void
casebook_application_activate (GApplication *app)
{
  gtk_window_present (ensure_window (CASEBOOK_APPLICATION (app)));
}

/* `casebook FILE…`, a double-click on a collection file, or a
 * casebook://case/ID link: the window, with the import preview of each
 * file, or the linked case. */
static void
casebook_application_open (GApplication  *app,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  GtkWindow *window = ensure_window (CASEBOOK_APPLICATION (app));

  gtk_window_present (window);
  if (CASEBOOK_IS_WINDOW (window))
    casebook_window_open (CASEBOOK_WINDOW (window), files, n_files);
}

/**
 * _casebook_application_new_window:
 * @store: (nullable): the open store
 * @store_error: (nullable): why the store could not be opened
 *
 * Opens a window on @store with the application's settings, showing the
 * cases in the content language and following it when it changes.
 *
 * Returns: (transfer full): a new window
 */
CasebookWindow *
_casebook_application_new_window (CasebookApplication *self,
                                  CasebookStore       *store,
                                  const GError        *store_error)
{
  CasebookWindow *window;

  g_return_val_if_fail (CASEBOOK_IS_APPLICATION (self), NULL);

  window = casebook_window_new (GTK_APPLICATION (self), self->settings, self->lang, store, store_error);
  g_object_bind_property (self, "content-lang", window, "lang", G_BINDING_DEFAULT);

  return window;
}

/* The window to show a case or a search in: the one in front, or a new
 * one when the application was started only to answer the desktop's
 * search. */
static CasebookWindow *
get_window (CasebookApplication *self)
{
  CasebookWindow *window = find_main_window (self);

  if (window != NULL)
    return window;

  return _casebook_application_new_window (self, _casebook_application_get_store (self),
                                           casebook_application_get_store_error (self));
}

static void
on_search_result_activated (CasebookApplication *self,
                            const char          *id,
                            const char * const  *terms,
                            guint32              timestamp)
{
  CasebookWindow *window = get_window (self);

  casebook_window_open_case (window, id);
  gtk_window_present_with_time (GTK_WINDOW (window), timestamp);
}

static void
on_search_launched (CasebookApplication *self,
                    const char          *text,
                    guint32              timestamp)
{
  CasebookWindow *window = get_window (self);

  casebook_window_open_search (window, text);
  gtk_window_present_with_time (GTK_WINDOW (window), timestamp);
}

static CasebookStore *
get_store_for_search (gpointer user_data)
{
  return _casebook_application_get_store (CASEBOOK_APPLICATION (user_data));
}

/* The desktop's search (GNOME Shell's overview) asks the application on
 * the session bus, under the object path its search provider file names. */
static gboolean
casebook_application_dbus_register (GApplication     *app,
                                    GDBusConnection  *connection,
                                    const char       *object_path,
                                    GError          **error)
{
  CasebookApplication *self = CASEBOOK_APPLICATION (app);
  g_autofree char *path = NULL;

  if (!G_APPLICATION_CLASS (casebook_application_parent_class)->dbus_register (app, connection, object_path, error))
    return FALSE;

  if (self->search_provider == NULL)
    {
      self->search_provider = casebook_search_provider_new (app, get_store_for_search, self);
      g_object_bind_property (self, "content-lang", self->search_provider, "lang", G_BINDING_SYNC_CREATE);
      g_signal_connect_object (self->search_provider, "activate-result",
                               G_CALLBACK (on_search_result_activated), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->search_provider, "launch-search",
                               G_CALLBACK (on_search_launched), self, G_CONNECT_SWAPPED);
    }

  path = g_strconcat (object_path, CASEBOOK_SEARCH_PROVIDER_PATH_SUFFIX, NULL);
  return casebook_search_provider_export (self->search_provider, connection, path, error);
}

static void
casebook_application_dbus_unregister (GApplication    *app,
                                      GDBusConnection *connection,
                                      const char      *object_path)
{
  CasebookApplication *self = CASEBOOK_APPLICATION (app);

  if (self->search_provider != NULL)
    casebook_search_provider_unexport (self->search_provider);

  G_APPLICATION_CLASS (casebook_application_parent_class)->dbus_unregister (app, connection, object_path);
}

/* Quit closes every window as its close button would, the case editors
 * first: an editor with changes that are not saved asks about them, and
 * then the windows on the store stay open until the person has answered
 * and quits again. The application ends when its last window has gone. */
static void
on_quit (GSimpleAction *action,
         GVariant      *param,
         gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));
  gboolean asking = FALSE;

  for (GList *l = windows; l != NULL; l = l->next)
    if (!CASEBOOK_IS_WINDOW (l->data))
      gtk_window_close (l->data);

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (!CASEBOOK_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      asking = TRUE;
  if (asking)
    return;

  for (GList *l = windows; l != NULL; l = l->next)
    if (CASEBOOK_IS_WINDOW (l->data) && g_list_find (gtk_application_get_windows (app), l->data) != NULL)
      gtk_window_close (l->data);
}

static void
on_about (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Casebook developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  adw_about_window_set_application_name (about, _("Casebook"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Casebook developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_website (about, "https://github.com/casebook/casebook");
  adw_about_window_set_issue_url (about, "https://github.com/casebook/casebook/issues");
  /* Translators: credit for the research report the bundled cases come from */
  adw_about_window_add_credit_section (about, _("Bundled case studies"),
                                       (const char *[]) {
                                         _("“Enterprise Case Studies of Virtualization and Containerization, 2025” (2025年虚拟化容器化技术企业级案例研究)"),
                                         NULL });
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  CasebookApplication *self = CASEBOOK_APPLICATION (user_data);
  CasebookPreferencesWindow *prefs = casebook_preferences_window_new (self->settings);
  CasebookWindow *window = find_main_window (self);

  /* The Subscriptions page lists those of the window it was opened from. */
  if (window != NULL)
    casebook_preferences_window_set_window (prefs, window);

  gtk_window_set_transient_for (GTK_WINDOW (prefs),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (prefs));
}

static const GActionEntry app_actions[] = {
  { "quit", on_quit },
  { "about", on_about },
  { "preferences", on_preferences },
};

static void
read_icon_theme (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  gtk_icon_theme_has_icon (data, "edit-find-symbolic");
}

/* GTK reads the icon theme's index files the first time an icon is
 * looked up, on the thread that asks. That is the window's first icon,
 * on the main thread, just before the first frame (about 20 ms). Asking
 * from a worker as soon as the theme is set up reads them while the
 * window is built; a lookup on the main thread meanwhile waits for the
 * theme's lock instead of reading them again. gtk_icon_theme_has_icon()
 * may be called from any thread. */
static void
start_reading_icon_theme (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GTask) task = NULL;

  if (display == NULL)
    return;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (gtk_icon_theme_get_for_display (display)), g_object_unref);
  g_task_run_in_thread (task, read_icon_theme);
}

static void
casebook_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.show-shortcuts", { "<Control>question", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.toggle-filters", { "F9", NULL } },
    { "win.clear-filters", { "<Control><Shift>r", NULL } },
    { "win.back", { "<Alt>Left", NULL } },
    { "win.show-view::cases", { "<Alt>1", NULL } },
    { "win.show-view::compare", { "<Alt>2", NULL } },
    { "win.show-view::insights", { "<Alt>3", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.import", { "<Control>o", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.new-case", { "<Control>n", NULL } },
    { "win.edit-case", { "F2", NULL } },
    { "win.duplicate-case", { "<Control>d", NULL } },
    { "win.print", { "<Control>p", NULL } },
    { "win.save-pdf", { "<Control><Shift>s", NULL } },
  };

  G_APPLICATION_CLASS (casebook_application_parent_class)->startup (app);
  start_reading_icon_theme ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Work the windows started and cancelled when they closed (a refresh of
 * the list, the integrity check) may still hold the store on a worker
 * thread; it lets go when its result comes back to this thread. The
 * store is closed with the last of it, for at most two seconds. */
static void
close_store (CasebookApplication *self)
{
  CasebookStore *store = g_steal_pointer (&self->store);
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  guint waker;

  if (store == NULL)
    return;

  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_object_unref (store);
  waker = g_timeout_add (20, wake, NULL);
  while (store != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (waker);
  if (store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (store), (gpointer *) &store);
}

/* The application can also end with windows open (the session ending,
 * g_application_quit() from elsewhere). They keep what closing would
 * keep and are destroyed, and the store is closed here rather than when
 * the last reference goes: a store left open looks like a crash to the
 * next start, which then checks the whole file. */
static void
casebook_application_shutdown (GApplication *app)
{
  CasebookApplication *self = CASEBOOK_APPLICATION (app);
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    {
      GtkWindow *window = windows->data;

      if (CASEBOOK_IS_WINDOW (window))
        casebook_window_keep_before_close (CASEBOOK_WINDOW (window));
      gtk_window_destroy (window);
    }
  close_store (self);

  G_APPLICATION_CLASS (casebook_application_parent_class)->shutdown (app);
}

static void
casebook_application_finalize (GObject *object)
{
  CasebookApplication *self = (CasebookApplication *)object;

  g_clear_object (&self->search_provider);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (casebook_application_parent_class)->finalize (object);
}

static void
casebook_application_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CasebookApplication *self = CASEBOOK_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CONTENT_LANG:
      g_value_set_int (value, self->lang);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_application_class_init (CasebookApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = casebook_application_finalize;
  object_class->get_property = casebook_application_get_property;

  /* The resources live in a static library; using them here makes sure
   * the linker keeps them, and with them the constructor that registers
   * them. */
  (void) casebook_get_resource ();

  properties[PROP_CONTENT_LANG] =
    g_param_spec_int ("content-lang", NULL, NULL,
                      CASEBOOK_LANG_ZH, CASEBOOK_LANG_EN, CASEBOOK_LANG_EN,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->handle_local_options = casebook_application_handle_local_options;
  app_class->activate = casebook_application_activate;
  app_class->open = casebook_application_open;
  app_class->startup = casebook_application_startup;
  app_class->shutdown = casebook_application_shutdown;
  app_class->dbus_register = casebook_application_dbus_register;
  app_class->dbus_unregister = casebook_application_dbus_unregister;
}

static void
casebook_application_init (CasebookApplication *self)
{
  /* The text options are taken as bytes and turned into text in
   * handle_local_options, so that a value that is not text is refused
   * with the option's name; see casebook_option_text_decode(). File names
   * stay bytes: on Linux they need not be UTF-8. */
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the store at PATH instead of the default one"), N_("PATH") },
    { "lang", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Show content and messages in this language: zh or en"), N_("LANG") },
    { "list", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print every case as id, sector and title, separated by tabs"), NULL },
    { "search", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Print the cases that match QUERY, best match first"), N_("QUERY") },
    { "show", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Print the case with this id in full"), N_("ID") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Import the cases of a collection file"), N_("FILE") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --import, replace cases that are already present instead of skipping them"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Export every case to a collection file"), N_("FILE") },
    { "list-metrics", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print every metric family as key and name, separated by a tab"), NULL },
    { "export-chart", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write the Compare chart of the metric family named with --metric to FILE (.png, .svg or .pdf)"),
      N_("FILE") },
    { "metric", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("The metric family for --export-chart, such as cost"), N_("KEY") },
    { "export-pdf", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write case summaries as one PDF to FILE: every case, or those named with --case"), N_("FILE") },
    { "case", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
      N_("With --export-pdf, write the case with this id; with --add-to, --note or --tag, the case to change; "
         "repeat it for more cases"), N_("ID") },
    { "paper", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("With --export-pdf, the paper size: a4 (the default) or letter"), N_("SIZE") },
    { "add-to", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Add the cases named with --case to the collection NAME, in that order; it is created if missing"),
      N_("NAME") },
    { "list-collections", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print every collection as name and number of cases, separated by a tab"), NULL },
    { "collection", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("With --list, --export or --export-pdf, only the cases of the collection NAME, in its order"),
      N_("NAME") },
    { "note", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Set the personal note of the case named with --case; an empty TEXT removes it"), N_("TEXT") },
    { "tag", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Add the tag TAG to the case named with --case"), N_("TAG") },
    { "subscribe", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Subscribe to the collection published at URL (https, http or file) and fetch it now"), N_("URL") },
    { "subscriptions", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print every subscription as URL, name, number of cases and when last fetched, separated by tabs"),
      NULL },
    { "refresh", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Fetch every subscription now and print what changed"), NULL },
    { "unsubscribe", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Remove the subscription to URL and its cases"), N_("URL") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  self->lang = casebook_lang_from_locale ();

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new_full (schema, NULL, NULL);
      g_signal_connect_object (self->settings, "changed::content-language",
                               G_CALLBACK (on_content_language_changed), self,
                               G_CONNECT_SWAPPED);
      update_lang (self);
    }

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     /* Translators: what `casebook --help` says the program takes besides options */
                                                     _("[FILE…|casebook://case/ID…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Casebook: a library of enterprise case studies on "
                                              "virtualization, containers and WebAssembly."));
}
