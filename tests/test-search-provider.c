/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "casebook-case-list.h"
#include "casebook-json.h"
#include "casebook-search-provider-private.h"
#include "casebook-test-util.h"

/* The desktop's search provider, asked over a real session bus (the test
 * runs under dbus-run-session) as GNOME Shell asks it: a client connection
 * of its own calls the methods the provider exports on another. */

#define IFACE "org.gnome.Shell.SearchProvider2"
#define PATH "/io/github/casebook/Casebook/Test/SearchProvider"

typedef struct
{
  char                   *dir;
  CasebookStore          *store;
  GApplication           *app;
  CasebookSearchProvider *provider;
  GDBusConnection        *server;
  GDBusConnection        *client;
  char                   *activated_id;
  char                  **activated_terms;
  char                   *launched;
  guint32                 timestamp;
} Fixture;

static CasebookStore *
get_store (gpointer user_data)
{
  Fixture *f = user_data;

  return f->store;
}

static GDBusConnection *
new_connection (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GDBusConnection *connection;

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = casebook_test_tmpdir ();
  path = g_build_filename (f->dir, "casebook.db", NULL);
  f->store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  f->app = g_application_new ("io.github.casebook.Casebook.Test", G_APPLICATION_DEFAULT_FLAGS);
  f->provider = casebook_search_provider_new (f->app, get_store, f);
  casebook_search_provider_set_lang (f->provider, CASEBOOK_LANG_EN);

  f->server = new_connection ();
  f->client = new_connection ();
  casebook_search_provider_export (f->provider, f->server, PATH, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  g_clear_object (&f->provider);
  g_clear_object (&f->app);
  g_clear_object (&f->store);
  g_dbus_connection_close_sync (f->client, NULL, NULL);
  g_dbus_connection_close_sync (f->server, NULL, NULL);
  g_clear_object (&f->client);
  g_clear_object (&f->server);
  g_clear_pointer (&f->activated_id, g_free);
  g_clear_pointer (&f->activated_terms, g_strfreev);
  g_clear_pointer (&f->launched, g_free);
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
}

static void
on_called (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The provider answers on this thread's main context, so the call is made
 * asynchronously and the context run until the answer is there. */
static GVariant *
call (Fixture     *f,
      const char  *method,
      GVariant    *parameters,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_dbus_connection_call (f->client, g_dbus_connection_get_unique_name (f->server), PATH, IFACE,
                          method, parameters, NULL, G_DBUS_CALL_FLAGS_NONE, 60000, NULL,
                          on_called, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_dbus_connection_call_finish (f->client, result, error);
}

static char **
initial (Fixture            *f,
         const char * const *terms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = call (f, "GetInitialResultSet", g_variant_new ("(^as)", terms), &error);
  char **ids = NULL;

  g_assert_no_error (error);
  g_variant_get (reply, "(^as)", &ids);
  return ids;
}

static char **
subsearch (Fixture            *f,
           const char * const *previous,
           const char * const *terms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = call (f, "GetSubsearchResultSet",
                                    g_variant_new ("(^as^as)", previous, terms), &error);
  char **ids = NULL;

  g_assert_no_error (error);
  g_variant_get (reply, "(^as)", &ids);
  return ids;
}

/* What the window's search finds for @query, in its order. */
static char **
store_search (Fixture    *f,
              const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = casebook_store_search (f->store, query, 50, &error);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_strv_builder_add (ids, casebook_case_summary_get_id (g_ptr_array_index (rows, i)));
  return g_strv_builder_end (ids);
}

static void
assert_same_ids (char **seen,
                 char **expected)
{
  g_assert_cmpuint (g_strv_length (seen), ==, g_strv_length (expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (seen[i], ==, expected[i]);
}

static void
test_initial_chinese (Fixture       *f,
                      gconstpointer  user_data)
{
  /* A two-character word, which a tokenizer of single characters or of
   * longer n-grams would not find. */
  g_auto(GStrv) ids = initial (f, (const char *[]) { "等保", NULL });
  g_auto(GStrv) expected = store_search (f, "等保");
  g_autoptr(CasebookCase) c = NULL;

  g_assert_cmpuint (g_strv_length (ids), >=, 1);
  assert_same_ids (ids, expected);

  /* It is there in the case's own text. */
  c = casebook_store_get_case (f->store, ids[0], NULL);
  g_assert_nonnull (c);
}

static void
test_initial_english (Fixture       *f,
                      gconstpointer  user_data)
{
  /* A prefix as typed, and the words of a query as the Shell splits them. */
  g_auto(GStrv) kube = initial (f, (const char *[]) { "kube", NULL });
  g_auto(GStrv) kube_expected = store_search (f, "kube");
  g_auto(GStrv) two = initial (f, (const char *[]) { "容器", "", "保险", NULL });
  g_auto(GStrv) two_expected = store_search (f, "容器 保险");
  g_auto(GStrv) none = initial (f, (const char *[]) { "zzzzqqqq", NULL });

  g_assert_cmpuint (g_strv_length (kube), >=, 2);
  assert_same_ids (kube, kube_expected);
  g_assert_cmpuint (g_strv_length (two), >=, 1);
  assert_same_ids (two, two_expected);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

static void
test_subsearch_narrows (Fixture       *f,
                        gconstpointer  user_data)
{
  g_auto(GStrv) broad = initial (f, (const char *[]) { "容器", NULL });
  g_auto(GStrv) narrow = subsearch (f, (const char * const *) broad, (const char *[]) { "容器", "保险", NULL });
  g_auto(GStrv) expected = store_search (f, "容器 保险");
  g_auto(GStrv) kept = NULL;
  g_auto(GStrv) only_one = NULL;

  g_assert_cmpuint (g_strv_length (broad), >, g_strv_length (narrow));
  g_assert_cmpuint (g_strv_length (narrow), >=, 1);
  assert_same_ids (narrow, expected);
  for (guint i = 0; narrow[i] != NULL; i++)
    g_assert_true (g_strv_contains ((const char * const *) broad, narrow[i]));

  /* Only among the previous results, in the order of the ranking. */
  only_one = subsearch (f, (const char *[]) { broad[1], NULL }, (const char *[]) { "容器", NULL });
  g_assert_cmpuint (g_strv_length (only_one), ==, 1);
  g_assert_cmpstr (only_one[0], ==, broad[1]);

  kept = subsearch (f, (const char *[]) { broad[2], broad[0], NULL }, (const char *[]) { "容器", NULL });
  g_assert_cmpuint (g_strv_length (kept), ==, 2);
  g_assert_cmpstr (kept[0], ==, broad[0]);
  g_assert_cmpstr (kept[1], ==, broad[2]);
}

static GVariant *
metas (Fixture            *f,
       const char * const *ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = call (f, "GetResultMetas", g_variant_new ("(^as)", ids), &error);

  g_assert_no_error (error);
  return g_variant_get_child_value (reply, 0);
}

static void
assert_meta (Fixture      *f,
             GVariant     *meta,
             CasebookLang  lang)
{
  g_autoptr(GVariantDict) dict = g_variant_dict_new (meta);
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = NULL;
  g_autoptr(CasebookCatalog) catalog = casebook_store_get_catalog (f->store, NULL);
  g_autoptr(GVariant) icon_data = NULL;
  g_autoptr(GIcon) icon = NULL;
  g_autofree char *icon_name = NULL;
  const char *id = NULL, *name = NULL, *description = NULL;
  const char *sector;

  g_assert_true (g_variant_dict_lookup (dict, "id", "&s", &id));
  g_assert_true (g_variant_dict_lookup (dict, "name", "&s", &name));
  g_assert_true (g_variant_dict_lookup (dict, "description", "&s", &description));
  icon_data = g_variant_dict_lookup_value (dict, "icon", NULL);
  g_assert_nonnull (icon_data);

  c = casebook_store_get_case (f->store, id, &error);
  g_assert_no_error (error);
  sector = casebook_case_get_sector (c);

  g_assert_cmpstr (name, ==, casebook_text_get (casebook_case_get_title (c), lang));
  g_assert_nonnull (strstr (description, casebook_text_get (casebook_case_get_organization (c), lang)));
  g_assert_nonnull (strstr (description, casebook_catalog_sector_name (catalog, sector, lang)));

  /* The sector's icon, as installed into the icon theme under the app ID. */
  icon = g_icon_deserialize (icon_data);
  g_assert_true (G_IS_THEMED_ICON (icon));
  icon_name = g_strdup_printf (APP_ID "-sector-%s-symbolic", sector);
  g_assert_cmpstr (g_themed_icon_get_names (G_THEMED_ICON (icon))[0], ==, icon_name);
}

static void
test_metas (Fixture       *f,
            gconstpointer  user_data)
{
  g_auto(GStrv) ids = initial (f, (const char *[]) { "kube", NULL });
  g_autoptr(GVariant) en = metas (f, (const char * const *) ids);
  g_autoptr(GVariant) zh = NULL;
  g_autoptr(GVariant) unknown = NULL;

  g_assert_cmpuint (g_variant_n_children (en), ==, g_strv_length (ids));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GVariant) meta = g_variant_get_child_value (en, i);
      g_autoptr(GVariantDict) dict = g_variant_dict_new (meta);
      const char *id = NULL;

      g_assert_true (g_variant_dict_lookup (dict, "id", "&s", &id));
      g_assert_cmpstr (id, ==, ids[i]);
      assert_meta (f, meta, CASEBOOK_LANG_EN);
    }

  /* In the content language, also for ids the provider was not asked
   * about before; ids the store does not have are left out. */
  casebook_search_provider_set_lang (f->provider, CASEBOOK_LANG_ZH);
  zh = metas (f, (const char *[]) { ids[0], "no-such-case", "report-5.1", NULL });
  g_assert_cmpuint (g_variant_n_children (zh), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GVariant) meta = g_variant_get_child_value (zh, i);

      assert_meta (f, meta, CASEBOOK_LANG_ZH);
    }

  unknown = metas (f, (const char *[]) { "", "\"a\" OR NEAR(", NULL });
  g_assert_cmpuint (g_variant_n_children (unknown), ==, 0);
}

static void
test_hostile_queries (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) syntax = initial (f, (const char *[]) { "\"a\"", "OR", "NEAR(", NULL });
  g_auto(GStrv) syntax_expected = store_search (f, "\"a\" OR NEAR(");
  g_auto(GStrv) many = NULL;
  g_auto(GStrv) many_expected = NULL;
  g_auto(GStrv) many_sub = NULL;
  g_autofree char *joined = NULL;

  assert_same_ids (syntax, syntax_expected);

  /* 5,000 words, among them FTS5 syntax: the first of them are searched,
   * as in the window. */
  g_ptr_array_add (terms, g_strdup ("kube"));
  for (guint i = 0; i < 5000; i++)
    g_ptr_array_add (terms, i % 3 == 0 ? g_strdup ("NEAR(\"x\"*") :
                            i % 3 == 1 ? g_strdup_printf ("w%u", i) : g_strdup ("OR"));
  g_ptr_array_add (terms, NULL);

  many = initial (f, (const char * const *) terms->pdata);
  joined = casebook_search_provider_join_terms ((const char * const *) terms->pdata);
  many_expected = store_search (f, joined);
  assert_same_ids (many, many_expected);

  many_sub = subsearch (f, (const char * const *) many, (const char * const *) terms->pdata);
  assert_same_ids (many_sub, many_expected);
}

static void
on_activate_result (CasebookSearchProvider *provider,
                    const char             *id,
                    const char * const     *terms,
                    guint32                 timestamp,
                    Fixture                *f)
{
  f->activated_id = g_strdup (id);
  f->activated_terms = g_strdupv ((char **) terms);
  f->timestamp = timestamp;
}

static void
on_launch_search (CasebookSearchProvider *provider,
                  const char             *text,
                  guint32                 timestamp,
                  Fixture                *f)
{
  f->launched = g_strdup (text);
  f->timestamp = timestamp;
}

static void
test_activation (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (f->provider, "activate-result", G_CALLBACK (on_activate_result), f);
  g_signal_connect (f->provider, "launch-search", G_CALLBACK (on_launch_search), f);

  reply = call (f, "ActivateResult",
                g_variant_new ("(s^asu)", "report-5.1", (const char *[]) { "等保", NULL }, 1234u), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->activated_id, ==, "report-5.1");
  g_assert_cmpstr (f->activated_terms[0], ==, "等保");
  g_assert_cmpuint (f->timestamp, ==, 1234);
  g_clear_pointer (&reply, g_variant_unref);

  reply = call (f, "LaunchSearch",
                g_variant_new ("(^asu)", (const char *[]) { "kube", "", "等保", NULL }, 99u), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->launched, ==, "kube 等保");
  g_assert_cmpuint (f->timestamp, ==, 99);
}

/* A service started by D-Bus: held while it answers, and gone once the
 * overview has stopped asking. */
typedef struct
{
  GApplication           *app;
  CasebookStore          *store;
  CasebookSearchProvider *provider;
  GDBusConnection        *client;
  char                  **first;
  char                  **second;
} ServiceTest;

static CasebookStore *
service_store (gpointer user_data)
{
  ServiceTest *t = user_data;

  return t->store;
}

static void
on_service_startup (GApplication *app,
                    ServiceTest  *t)
{
  g_autoptr(GError) error = NULL;

  t->provider = casebook_search_provider_new (app, service_store, t);
  _casebook_search_provider_set_idle_ms (t->provider, 300);
  casebook_search_provider_export (t->provider, g_application_get_dbus_connection (app), PATH, &error);
  g_assert_no_error (error);
}

static gpointer
ask_twice (gpointer data)
{
  ServiceTest *t = data;
  g_autoptr(GVariant) first = NULL;
  g_autoptr(GVariant) second = NULL;
  g_autoptr(GError) error = NULL;

  /* The service may not own its name, or have its object, yet: D-Bus
   * starts nothing for this name, so ask again until it answers. */
  for (guint i = 0; i < 3000 && first == NULL; i++)
    {
      g_clear_error (&error);
      first = g_dbus_connection_call_sync (t->client, "io.github.casebook.Casebook.ServiceTest", PATH, IFACE,
                                           "GetInitialResultSet",
                                           g_variant_new ("(^as)", (const char *[]) { "kube", NULL }),
                                           NULL, G_DBUS_CALL_FLAGS_NONE, 60000, NULL, &error);
      if (first == NULL)
        g_usleep (10 * 1000);
    }
  g_assert_no_error (error);
  g_variant_get (first, "(^as)", &t->first);

  /* Within the idle time, the service is still there. */
  g_usleep (50 * 1000);
  second = g_dbus_connection_call_sync (t->client, "io.github.casebook.Casebook.ServiceTest", PATH, IFACE,
                                        "GetInitialResultSet",
                                        g_variant_new ("(^as)", (const char *[]) { "等保", NULL }),
                                        NULL, G_DBUS_CALL_FLAGS_NONE, 60000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (second, "(^as)", &t->second);

  return NULL;
}

static void
test_service_quits_when_idle (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "casebook.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  ServiceTest t = { NULL };
  char *argv[] = { (char *) "test", NULL };
  int status;

  t.store = casebook_store_open (path, CASEBOOK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  t.client = new_connection ();
  t.app = g_application_new ("io.github.casebook.Casebook.ServiceTest", G_APPLICATION_IS_SERVICE);
  g_signal_connect (t.app, "startup", G_CALLBACK (on_service_startup), &t);

  thread = g_thread_new ("client", ask_twice, &t);

  /* Returns once the service has let go: the provider held it while it
   * answered, then released it after the idle time. */
  status = g_application_run (t.app, 1, argv);
  g_thread_join (g_steal_pointer (&thread));

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (t.first);
  g_assert_cmpuint (g_strv_length (t.first), >=, 2);
  g_assert_nonnull (t.second);
  g_assert_cmpuint (g_strv_length (t.second), >=, 1);

  g_strfreev (t.first);
  g_strfreev (t.second);
  g_clear_object (&t.provider);
  g_clear_object (&t.app);
  g_clear_object (&t.store);
  g_dbus_connection_close_sync (t.client, NULL, NULL);
  g_clear_object (&t.client);
  casebook_test_rmdir (dir);
}

/* Enough cases that more of them match a broad query than the search
 * ranks (the newest 1,000 matches), each scoring differently: the titles
 * repeat the words a different number of times. */
static void
add_many_cases (Fixture *f,
                guint    n)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [");
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  CasebookImportResult counts;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) zh = g_string_new (NULL);
      g_autoptr(GString) en = g_string_new (NULL);

      for (guint k = 0; k <= i % 3; k++)
        g_string_append (zh, "容器");
      for (guint k = 0; k < i % 7; k++)
        g_string_append (zh, k % 2 == 0 ? "平台" : "云");
      for (guint k = 0; k <= i % 4; k++)
        g_string_append (en, "Kubernetes ");
      for (guint k = 0; k < i % 5; k++)
        g_string_append (en, "platform ");
      if (i % 2 == 0)
        g_string_append (en, "kubectl ");
      g_string_append_printf (json,
                              "%s{\"id\": \"gen-%u\", \"kind\": \"success\", \"sector\": \"finance\","
                              " \"title\": {\"zh\": \"%s %u\", \"en\": \"%s%u\"},"
                              " \"organization\": {\"en\": \"Organization %u\"},"
                              " \"source\": {\"url\": \"https://example.org/gen-%u\"}}",
                              i > 0 ? ", " : "", i, zh->str, i, en->str, i, i % 11, i);
    }
  g_string_append (json, "]}");

  doc = casebook_json_read_document (json->str, json->len, "many.json", &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_import (f->store, doc, CASEBOOK_IMPORT_SKIP, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, n);
}

static void
on_list_refreshed (CasebookCaseList *list,
                   gint64            position,
                   gboolean         *refreshed)
{
  *refreshed = TRUE;
}

/* What the window's list shows for @query, in its order, at most @limit. */
static char **
window_search (Fixture    *f,
               const char *query,
               guint       limit)
{
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(CasebookCaseList) list = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  gboolean refreshed = FALSE;
  guint n;

  casebook_filter_set_query (filter, query);
  list = casebook_case_list_new (f->store, filter, CASEBOOK_LANG_EN);
  g_signal_connect (list, "refreshed", G_CALLBACK (on_list_refreshed), &refreshed);
  casebook_case_list_refresh (list);
  while (!refreshed || casebook_case_list_is_loading (list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (casebook_case_list_is_searching (list));

  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (list)), limit);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CasebookCaseSummary) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_strv_builder_add (ids, casebook_case_summary_get_id (row));
    }
  g_signal_handlers_disconnect_by_func (list, on_list_refreshed, &refreshed);

  return g_strv_builder_end (ids);
}

/* The overview's results are the first of the window's list, in its
 * order, for Chinese and English queries, prefixes among them, also when
 * more cases match than are ranked. */
static void
test_same_order_as_window (Fixture       *f,
                           gconstpointer  user_data)
{
  static const char * const queries[][4] = {
    { "kube", NULL },
    { "kubernetes", "platform", NULL },
    { "容器", NULL },
    { "容器", "平台", NULL },
    { "云", NULL },
    { "Virtualization", NULL },
  };

  add_many_cases (f, 1500);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autofree char *text = casebook_search_provider_join_terms (queries[q]);
      g_auto(GStrv) provider = initial (f, queries[q]);
      g_auto(GStrv) window = window_search (f, text, g_strv_length (provider));
      g_autoptr(GPtrArray) all = casebook_store_search (f->store, text, 1000, NULL);

      g_test_message ("%s: %u results of %u", text, g_strv_length (provider), all->len);
      g_assert_cmpuint (g_strv_length (provider), >=, 1);
      assert_same_ids (provider, window);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_print ("1..0 # SKIP needs a session bus: run under dbus-run-session\n");
      return 0;
    }

  g_test_add ("/search-provider/initial/chinese-word", Fixture, NULL,
              fixture_setup, test_initial_chinese, fixture_teardown);
  g_test_add ("/search-provider/initial/english-prefix-and-terms", Fixture, NULL,
              fixture_setup, test_initial_english, fixture_teardown);
  g_test_add ("/search-provider/initial/same-order-as-window", Fixture, NULL,
              fixture_setup, test_same_order_as_window, fixture_teardown);
  g_test_add ("/search-provider/subsearch/narrows", Fixture, NULL,
              fixture_setup, test_subsearch_narrows, fixture_teardown);
  g_test_add ("/search-provider/metas/title-sector-organization-icon", Fixture, NULL,
              fixture_setup, test_metas, fixture_teardown);
  g_test_add ("/search-provider/hostile-queries", Fixture, NULL,
              fixture_setup, test_hostile_queries, fixture_teardown);
  g_test_add ("/search-provider/activation", Fixture, NULL,
              fixture_setup, test_activation, fixture_teardown);
  g_test_add_func ("/search-provider/service-quits-when-idle", test_service_quits_when_idle);

  return g_test_run ();
}
