/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "casebook-search-provider-private.h"

/* How long the desktop's search waits for Casebook (docs/benchmarks.md,
 * "The desktop's search"): GetInitialResultSet followed by GetResultMetas
 * for the first five results, as GNOME Shell asks at every key typed in
 * the overview. Run under dbus-run-session, each request goes over a real
 * session bus from a connection of its own; otherwise the provider is
 * called directly and the figures leave out the bus. */

#define METAS_SHOWN 5

typedef struct
{
  const char *name;
  const char *terms[8];
} Query;

static const Query queries[] = {
  { "zh2_dengbao", { "等保", NULL } },
  { "zh2_rongqi", { "容器", NULL } },
  { "zh1", { "云", NULL } },
  { "en_prefix_kube", { "kube", NULL } },
  { "en_word_virtualization", { "virtualization", NULL } },
  { "two_words", { "容器", "平台", NULL } },
  { "fts_syntax", { "\"a\"", "OR", "NEAR(", NULL } },
};

typedef struct
{
  CasebookStore          *store;
  GApplication           *app;
  CasebookSearchProvider *provider;
  GDBusConnection        *server;
  GDBusConnection        *client;
} Bench;

static CasebookStore *
get_store (gpointer user_data)
{
  return ((Bench *) user_data)->store;
}

static void
on_called (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GVariant *
call (Bench      *bench,
      const char *method,
      GVariant   *parameters)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  g_dbus_connection_call (bench->client, g_dbus_connection_get_unique_name (bench->server),
                          "/io/github/casebook/Bench/SearchProvider", "org.gnome.Shell.SearchProvider2",
                          method, parameters, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_called, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  reply = g_dbus_connection_call_finish (bench->client, result, &error);
  if (reply == NULL)
    g_error ("%s: %s", method, error->message);
  return reply;
}

/* One keystroke: the results, then what the overview shows of the first
 * few. Returns the number of results. */
static guint
ask (Bench              *bench,
     const char * const *terms)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GVariant) metas = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (bench->client != NULL)
    {
      g_autoptr(GVariant) reply = call (bench, "GetInitialResultSet", g_variant_new ("(^as)", terms));

      g_variant_get (reply, "(^as)", &ids);
    }
  else
    {
      ids = _casebook_search_provider_search (bench->provider, terms, NULL, &error);
      if (ids == NULL)
        g_error ("search: %s", error->message);
    }

  n = g_strv_length (ids);
  if (n > METAS_SHOWN)
    g_clear_pointer (&ids[METAS_SHOWN], g_free);

  if (bench->client != NULL)
    metas = call (bench, "GetResultMetas", g_variant_new ("(^as)", ids));
  else
    {
      metas = g_variant_ref_sink (_casebook_search_provider_get_metas (bench->provider,
                                                                       (const char * const *) ids, &error));
      if (metas == NULL)
        g_error ("metas: %s", error->message);
    }

  return n;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
measure (Bench              *bench,
         const char         *name,
         const char * const *terms,
         guint               repeat)
{
  g_autofree double *ms = g_new (double, repeat);
  guint results = 0;

  /* Warm-up: the statements are prepared and the pages read once. */
  for (guint i = 0; i < 5; i++)
    ask (bench, terms);

  for (guint i = 0; i < repeat; i++)
    {
      gint64 start = g_get_monotonic_time ();

      results = ask (bench, terms);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  qsort (ms, repeat, sizeof (double), compare_doubles);
  printf ("provider_%s_p50: %.2f ms\n", name, ms[repeat / 2]);
  printf ("provider_%s_max: %.2f ms\n", name, ms[repeat - 1]);
  printf ("provider_%s_results: %u rows\n", name, results);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *dir = NULL;
  int repeat = 100;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      "Ask the store at PATH (such as casebook-bench's bench.db) instead of one with the bundled cases", "PATH" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "How many times to ask each query (default 100)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the desktop's search provider");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
  Bench bench = { NULL };
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || repeat < 2)
    {
      fprintf (stderr, "casebook-bench-search-provider: %s\n", error != NULL ? error->message : "--repeat needs 2 or more");
      return 2;
    }

  if (db == NULL)
    {
      dir = g_dir_make_tmp ("casebook-bench-provider-XXXXXX", &error);
      if (dir == NULL)
        g_error ("%s", error->message);
      db = g_build_filename (dir, "casebook.db", NULL);
    }

  start = g_get_monotonic_time ();
  bench.store = casebook_store_open (db, dir != NULL ? CASEBOOK_STORE_FLAGS_NONE : CASEBOOK_STORE_NO_BUNDLED, &error);
  if (bench.store == NULL)
    g_error ("%s", error->message);
  printf ("provider_store_open: %.2f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  printf ("provider_cases: %u cases\n", casebook_store_count (bench.store, NULL, NULL));

  bench.app = g_application_new ("io.github.casebook.Casebook.Bench", G_APPLICATION_DEFAULT_FLAGS);
  bench.provider = casebook_search_provider_new (bench.app, get_store, &bench);
  casebook_search_provider_set_lang (bench.provider, CASEBOOK_LANG_ZH);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    {
      g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
      GDBusConnectionFlags flags = G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION;

      if (address == NULL ||
          (bench.server = g_dbus_connection_new_for_address_sync (address, flags, NULL, NULL, &error)) == NULL ||
          (bench.client = g_dbus_connection_new_for_address_sync (address, flags, NULL, NULL, &error)) == NULL ||
          !casebook_search_provider_export (bench.provider, bench.server,
                                            "/io/github/casebook/Bench/SearchProvider", &error))
        g_error ("%s", error->message);
      printf ("provider_over_dbus: yes\n");
    }
  else
    printf ("provider_over_dbus: no (run under dbus-run-session to include the bus)\n");

  /* The first keystroke also opens the provider's read-only connection. */
  start = g_get_monotonic_time ();
  ask (&bench, queries[0].terms);
  printf ("provider_first_request: %.2f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    measure (&bench, queries[i].name, queries[i].terms, (guint) repeat);

  /* Pasted text: 5,000 words, FTS5 syntax among them. */
  for (guint i = 0; i < 5000; i++)
    g_ptr_array_add (many, i % 2 == 0 ? g_strdup_printf ("word%u", i) : g_strdup ("NEAR(\"x\"*"));
  g_ptr_array_add (many, NULL);
  measure (&bench, "5000_terms", (const char * const *) many->pdata, (guint) MAX (repeat / 10, 2));

  g_clear_object (&bench.provider);
  g_clear_object (&bench.app);
  g_clear_object (&bench.store);
  g_clear_object (&bench.client);
  g_clear_object (&bench.server);
  if (dir != NULL)
    {
      const char *suffixes[] = { "", "-wal", "-shm", "-session" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *path = g_strconcat (db, suffixes[i], NULL);

          g_remove (path);
        }
      g_rmdir (dir);
    }

  return 0;
}
