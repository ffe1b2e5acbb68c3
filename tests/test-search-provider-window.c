/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "casebook-application-private.h"
#include "casebook-search-provider.h"
#include "casebook-test-util.h"
#include "casebook-window-private.h"

/* What choosing a result in the desktop's search does to the window: the
 * application, registered on the session bus, is asked over D-Bus as
 * GNOME Shell asks it. */

typedef struct
{
  char                *dir;
  CasebookApplication *app;
  GDBusConnection     *client;
  char                *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("io.github.casebook.Casebook.SearchTest%u", ++counter);
  g_autofree char *db = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = casebook_test_tmpdir ();
  db = g_build_filename (f->dir, "store.db", NULL);

  f->app = casebook_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), id);
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  _casebook_application_set_db_path (f->app, db);
  g_settings_set_string (_casebook_application_get_settings (f->app), "content-language", "en");
  g_settings_reset (_casebook_application_get_settings (f->app), "selected-case");

  f->path = g_strconcat (g_application_get_dbus_object_path (G_APPLICATION (f->app)),
                         CASEBOOK_SEARCH_PROVIDER_PATH_SUFFIX, NULL);

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  f->client = g_dbus_connection_new_for_address_sync (address,
                                                      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                      G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                      NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (f->app));

  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (f->app));
    }
  while (g_main_context_iteration (NULL, FALSE));

  g_dbus_connection_close_sync (f->client, NULL, NULL);
  g_clear_object (&f->client);
  g_clear_object (&f->app);
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
on_called (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GVariant *
call (Fixture    *f,
      const char *method,
      GVariant   *parameters)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  g_dbus_connection_call (f->client, g_application_get_application_id (G_APPLICATION (f->app)), f->path,
                          "org.gnome.Shell.SearchProvider2", method, parameters, NULL,
                          G_DBUS_CALL_FLAGS_NONE, 60000, NULL, on_called, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  reply = g_dbus_connection_call_finish (f->client, result, &error);
  g_assert_no_error (error);
  return reply;
}

static CasebookWindow *
the_window (Fixture *f)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (f->app));

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  g_assert_true (CASEBOOK_IS_WINDOW (windows->data));
  return windows->data;
}

static void
test_activate_result_shows_case (Fixture       *f,
                                 gconstpointer  user_data)
{
  g_autoptr(GVariant) found = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **ids = NULL;
  CasebookWindow *window;
  CasebookCase *current;

  found = call (f, "GetInitialResultSet", g_variant_new ("(^as)", (const char *[]) { "等保", NULL }));
  g_variant_get (found, "(^a&s)", &ids);
  g_assert_cmpuint (g_strv_length ((char **) ids), >=, 1);

  /* With no window open, as when D-Bus started the service: one opens. */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (f->app)));
  reply = call (f, "ActivateResult", g_variant_new ("(s^asu)", ids[0], (const char *[]) { "等保", NULL }, 0u));
  window = the_window (f);
  current = _casebook_window_get_current_case (window);
  g_assert_nonnull (current);
  g_assert_cmpstr (casebook_case_get_id (current), ==, ids[0]);
  g_clear_pointer (&reply, g_variant_unref);

  /* Again with the window open: the same window shows the other case. */
  reply = call (f, "ActivateResult", g_variant_new ("(s^asu)", "report-4.1", (const char *[]) { "kube", NULL }, 0u));
  g_assert_true (the_window (f) == window);
  g_assert_cmpstr (casebook_case_get_id (_casebook_window_get_current_case (window)), ==, "report-4.1");
}

static void
test_launch_search_searches (Fixture       *f,
                             gconstpointer  user_data)
{
  g_autoptr(GVariant) reply = NULL;
  CasebookWindow *window;

  reply = call (f, "LaunchSearch", g_variant_new ("(^asu)", (const char *[]) { "kube", "platform", NULL }, 0u));
  window = the_window (f);
  g_assert_cmpstr (casebook_filter_get_query (_casebook_window_get_filter (window)), ==, "kube platform");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add ("/search-provider/window/activate-result-shows-case", Fixture, NULL,
              fixture_setup, test_activate_result_shows_case, fixture_teardown);
  g_test_add ("/search-provider/window/launch-search-searches", Fixture, NULL,
              fixture_setup, test_launch_search_searches, fixture_teardown);

  return g_test_run ();
}
