/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-search-provider"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-search-provider-private.h"
#include "casebook-sector-icons.h"

/**
 * CasebookSearchProvider:
 *
 * Answers the searches of GNOME Shell's Activities overview
 * (`org.gnome.Shell.SearchProvider2`) from the store, with the ranking
 * and the query rules of the window's search (casebook_store_search()):
 * a query is data, bounded in terms and characters, whatever it holds.
 *
 * It reads through a read-only connection of its own, so a query never
 * writes and never waits for the window's connection. While it is being
 * asked it holds the application, and lets go once nothing has asked for
 * a while, so that a service started only to answer searches quits.
 *
 * Choosing a result or "show more" is left to the application, through
 * the #CasebookSearchProvider::activate-result and
 * #CasebookSearchProvider::launch-search signals.
 */

/* The overview shows a handful of results; more are never looked at. */
#define RESULT_LIMIT 50

/* Metas asked for at once: the overview asks for the few it shows. */
#define METAS_LIMIT 100

/* Results remembered for GetResultMetas before the memory starts over. */
#define CACHE_LIMIT 1000

/* How long the application is held after the last request. Typing in the
 * overview asks again at every key, so this spans a pause in typing. */
#define IDLE_MS_DEFAULT 20000

struct _CasebookSearchProvider
{
  GObject                          parent_instance;

  GApplication                    *app;
  CasebookSearchProviderStoreFunc  store_func;
  gpointer                         store_data;
  CasebookLang                     lang;

  GDBusConnection                 *connection;
  guint                            registration_id;

  CasebookStore                   *reader;
  GHashTable                      *summaries;  /* id → CasebookCaseSummary */
  guint                            idle_id;
  guint                            idle_ms;
};

G_DEFINE_FINAL_TYPE (CasebookSearchProvider, casebook_search_provider, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LANG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE_RESULT,
  LAUNCH_SEARCH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
forget_store (CasebookSearchProvider *self)
{
  g_clear_object (&self->reader);
  g_hash_table_remove_all (self->summaries);
}

static gboolean
on_idle_timeout (gpointer user_data)
{
  CasebookSearchProvider *self = user_data;

  self->idle_id = 0;

  /* A fresh connection next time sees the store as it is then, also
   * after it was moved aside and made anew. */
  forget_store (self);
  g_application_release (self->app);

  return G_SOURCE_REMOVE;
}

/* Every request keeps the application for another while. */
static void
hold_for_a_while (CasebookSearchProvider *self)
{
  if (self->idle_id != 0)
    g_source_remove (self->idle_id);
  else
    g_application_hold (self->app);

  self->idle_id = g_timeout_add (self->idle_ms, on_idle_timeout, self);
  g_source_set_name_by_id (self->idle_id, "[casebook] search provider idle");
}

static CasebookStore *
get_reader (CasebookSearchProvider  *self,
            GError                 **error)
{
  CasebookStore *store;

  if (self->reader != NULL)
    return self->reader;

  store = self->store_func (self->store_data);
  if (store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The store could not be opened"));
      return NULL;
    }

  self->reader = casebook_store_open_reader (store, error);
  return self->reader;
}

/**
 * casebook_search_provider_join_terms:
 * @terms: the words as the desktop split them
 *
 * Joins the words of a search back into the text a person typed, for the
 * window's search bar and the store's query rules.
 *
 * Returns: (transfer full): the text
 */
char *
casebook_search_provider_join_terms (const char * const *terms)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    {
      if (terms[i][0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, terms[i]);
    }

  return g_string_free (text, FALSE);
}

/**
 * _casebook_search_provider_search:
 * @terms: the words to search for
 * @previous: (nullable): the results to narrow, for a subsearch
 *
 * The ids of the cases that match @terms, best match first, as the
 * window's search ranks them; with @previous, only those among it.
 *
 * Returns: (transfer full): the ids, or %NULL with @error set
 */
char **
_casebook_search_provider_search (CasebookSearchProvider  *self,
                                  const char * const      *terms,
                                  const char * const      *previous,
                                  GError                 **error)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GHashTable) allowed = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *query = NULL;
  CasebookStore *reader;

  g_return_val_if_fail (CASEBOOK_IS_SEARCH_PROVIDER (self), NULL);

  reader = get_reader (self, error);
  if (reader == NULL)
    return NULL;

  query = casebook_search_provider_join_terms (terms);
  rows = casebook_store_search (reader, query, RESULT_LIMIT, error);
  if (rows == NULL)
    return NULL;

  if (previous != NULL)
    {
      allowed = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; previous[i] != NULL; i++)
        g_hash_table_add (allowed, (gpointer) previous[i]);
    }

  if (g_hash_table_size (self->summaries) + rows->len > CACHE_LIMIT)
    g_hash_table_remove_all (self->summaries);

  for (guint i = 0; i < rows->len; i++)
    {
      CasebookCaseSummary *summary = g_ptr_array_index (rows, i);
      const char *id = casebook_case_summary_get_id (summary);

      if (allowed != NULL && !g_hash_table_contains (allowed, id))
        continue;

      g_strv_builder_add (ids, id);
      g_hash_table_replace (self->summaries, g_strdup (id), g_object_ref (summary));
    }

  return g_strv_builder_end (ids);
}

/* The sector's icon, installed into the icon theme under the
 * application's ID so that the Shell (and a Flatpak's export) finds it;
 * the application's own icon where the theme has no such icon. */
static GIcon *
sector_icon (const char *sector)
{
  const char *name = casebook_sector_icon_name (sector);
  g_autofree char *installed = NULL;

  if (g_str_has_prefix (name, "casebook-"))
    name += strlen ("casebook-");
  installed = g_strconcat (APP_ID, "-", name, NULL);

  return g_themed_icon_new_from_names ((char *[]) { installed, (char *) APP_ID, NULL }, 2);
}

static void
add_meta (GVariantBuilder *metas,
          const char      *id,
          const char      *title,
          const char      *sector_name,
          const char      *organization,
          const char      *sector)
{
  g_autoptr(GIcon) icon = sector_icon (sector);
  g_autoptr(GVariant) serialized = g_icon_serialize (icon);
  g_autofree char *description = NULL;
  GVariantBuilder meta;

  if (organization != NULL && *organization != '\0' && sector_name != NULL && *sector_name != '\0')
    /* Translators: how a case is described in the desktop's search
     * results: its sector, then the organization, such as
     * "Finance · A national bank" */
    description = g_strdup_printf (_("%s · %s"), sector_name, organization);
  else
    description = g_strdup (organization != NULL && *organization != '\0' ? organization : sector_name);

  g_variant_builder_init (&meta, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (id));
  g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (title));
  g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description != NULL ? description : ""));
  if (serialized != NULL)
    g_variant_builder_add (&meta, "{sv}", "icon", serialized);
  g_variant_builder_add_value (metas, g_variant_builder_end (&meta));
}

/**
 * _casebook_search_provider_get_metas:
 * @ids: the ids of cases
 *
 * What the overview shows of each case: its title as the name, its
 * sector and organization as the description, and the sector's icon, in
 * the content language. Ids the store does not have are left out.
 *
 * Returns: (transfer floating): an `aa{sv}`, or %NULL with @error set
 */
GVariant *
_casebook_search_provider_get_metas (CasebookSearchProvider  *self,
                                     const char * const      *ids,
                                     GError                 **error)
{
  g_autoptr(CasebookCatalog) catalog = NULL;
  GVariantBuilder metas;
  CasebookStore *reader;

  g_return_val_if_fail (CASEBOOK_IS_SEARCH_PROVIDER (self), NULL);

  reader = get_reader (self, error);
  if (reader == NULL)
    return NULL;

  /* Without its catalog a sector is shown by its key, as in the list. */
  catalog = casebook_store_get_catalog (reader, NULL);

  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));

  for (guint i = 0; ids != NULL && ids[i] != NULL && i < METAS_LIMIT; i++)
    {
      CasebookCaseSummary *summary = g_hash_table_lookup (self->summaries, ids[i]);
      const char *sector, *sector_name;

      if (summary != NULL)
        {
          sector = casebook_case_summary_get_sector (summary);
          sector_name = catalog != NULL ? casebook_catalog_sector_name (catalog, sector, self->lang) : sector;
          add_meta (&metas, ids[i],
                    casebook_text_get (casebook_case_summary_get_title (summary), self->lang),
                    sector_name,
                    casebook_text_get (casebook_case_summary_get_organization (summary), self->lang),
                    sector);
        }
      else
        {
          /* Not among the last results: the overview may ask after
           * the provider has let go of them. */
          g_autoptr(CasebookCase) c = casebook_store_get_case (reader, ids[i], NULL);

          if (c == NULL)
            continue;

          sector = casebook_case_get_sector (c);
          sector_name = catalog != NULL ? casebook_catalog_sector_name (catalog, sector, self->lang) : sector;
          add_meta (&metas, ids[i],
                    casebook_text_get (casebook_case_get_title (c), self->lang),
                    sector_name,
                    casebook_text_get (casebook_case_get_organization (c), self->lang),
                    sector);
        }
    }

  return g_variant_builder_end (&metas);
}

static void
return_ids (GDBusMethodInvocation *invocation,
            char                 **ids,
            GError                *error)
{
  if (ids == NULL)
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return;
    }

  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(^as)", ids));
}

static void
handle_method_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *object_path,
                    const char            *interface_name,
                    const char            *method_name,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  CasebookSearchProvider *self = user_data;
  g_autoptr(GError) error = NULL;

  hold_for_a_while (self);

  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_autofree const char **terms = NULL;
      g_auto(GStrv) ids = NULL;

      g_variant_get (parameters, "(^a&s)", &terms);
      ids = _casebook_search_provider_search (self, terms, NULL, &error);
      return_ids (invocation, ids, error);
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      g_autofree const char **previous = NULL;
      g_autofree const char **terms = NULL;
      g_auto(GStrv) ids = NULL;

      g_variant_get (parameters, "(^a&s^a&s)", &previous, &terms);
      ids = _casebook_search_provider_search (self, terms, previous, &error);
      return_ids (invocation, ids, error);
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_autofree const char **ids = NULL;
      GVariant *metas;

      g_variant_get (parameters, "(^a&s)", &ids);
      metas = _casebook_search_provider_get_metas (self, ids, &error);
      if (metas == NULL)
        g_dbus_method_invocation_return_gerror (invocation, error);
      else
        g_dbus_method_invocation_return_value (invocation, g_variant_new_tuple (&metas, 1));
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      const char *id;
      g_autofree const char **terms = NULL;
      guint32 timestamp;

      g_variant_get (parameters, "(&s^a&su)", &id, &terms, &timestamp);
      g_signal_emit (self, signals[ACTIVATE_RESULT], 0, id, terms, timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_autofree const char **terms = NULL;
      g_autofree char *text = NULL;
      guint32 timestamp;

      g_variant_get (parameters, "(^a&su)", &terms, &timestamp);
      text = casebook_search_provider_join_terms (terms);
      g_signal_emit (self, signals[LAUNCH_SEARCH], 0, text, timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                             "Unknown method %s", method_name);
    }
}

static const GDBusInterfaceVTable vtable = {
  handle_method_call,
  NULL,
  NULL,
  { NULL },
};

/**
 * casebook_search_provider_export:
 * @connection: the session bus
 * @object_path: where the desktop's search provider file says it is
 *
 * Starts answering the overview's searches on @connection.
 *
 * Returns: %TRUE on success
 */
gboolean
casebook_search_provider_export (CasebookSearchProvider  *self,
                                 GDBusConnection         *connection,
                                 const char              *object_path,
                                 GError                 **error)
{
  g_autoptr(GDBusNodeInfo) info = NULL;

  g_return_val_if_fail (CASEBOOK_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  info = g_dbus_node_info_new_for_xml (introspection_xml, error);
  if (info == NULL)
    return FALSE;

  self->registration_id = g_dbus_connection_register_object (connection, object_path,
                                                             info->interfaces[0], &vtable,
                                                             self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;

  g_set_object (&self->connection, connection);
  return TRUE;
}

/**
 * casebook_search_provider_unexport:
 *
 * Stops answering; the counterpart of casebook_search_provider_export().
 */
void
casebook_search_provider_unexport (CasebookSearchProvider *self)
{
  g_return_if_fail (CASEBOOK_IS_SEARCH_PROVIDER (self));

  if (self->registration_id != 0)
    {
      g_dbus_connection_unregister_object (self->connection, self->registration_id);
      self->registration_id = 0;
    }
  g_clear_object (&self->connection);
}

/**
 * casebook_search_provider_set_lang:
 * @lang: the content language
 *
 * Sets the language of the titles, organizations and sectors the
 * overview shows; the application's content language.
 */
void
casebook_search_provider_set_lang (CasebookSearchProvider *self,
                                   CasebookLang            lang)
{
  g_return_if_fail (CASEBOOK_IS_SEARCH_PROVIDER (self));

  if (self->lang == lang)
    return;

  self->lang = lang;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANG]);
}

CasebookLang
casebook_search_provider_get_lang (CasebookSearchProvider *self)
{
  g_return_val_if_fail (CASEBOOK_IS_SEARCH_PROVIDER (self), CASEBOOK_LANG_EN);
  return self->lang;
}

/**
 * casebook_search_provider_new:
 * @app: the application to hold while the overview asks
 * @store_func: gives the store, opening it on first use
 * @user_data: for @store_func
 *
 * Returns: (transfer full): a new provider, not yet on any bus
 */
CasebookSearchProvider *
casebook_search_provider_new (GApplication                    *app,
                              CasebookSearchProviderStoreFunc  store_func,
                              gpointer                         user_data)
{
  CasebookSearchProvider *self;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (store_func != NULL, NULL);

  self = g_object_new (CASEBOOK_TYPE_SEARCH_PROVIDER, NULL);
  /* The application owns the provider; a reference back would keep both. */
  self->app = app;
  self->store_func = store_func;
  self->store_data = user_data;

  return self;
}

static void
casebook_search_provider_dispose (GObject *object)
{
  CasebookSearchProvider *self = CASEBOOK_SEARCH_PROVIDER (object);

  casebook_search_provider_unexport (self);

  if (self->idle_id != 0)
    {
      g_clear_handle_id (&self->idle_id, g_source_remove);
      g_application_release (self->app);
    }
  forget_store (self);

  G_OBJECT_CLASS (casebook_search_provider_parent_class)->dispose (object);
}

static void
casebook_search_provider_finalize (GObject *object)
{
  CasebookSearchProvider *self = CASEBOOK_SEARCH_PROVIDER (object);

  g_clear_pointer (&self->summaries, g_hash_table_unref);

  G_OBJECT_CLASS (casebook_search_provider_parent_class)->finalize (object);
}

static void
casebook_search_provider_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CasebookSearchProvider *self = CASEBOOK_SEARCH_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_LANG:
      g_value_set_int (value, self->lang);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_search_provider_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CasebookSearchProvider *self = CASEBOOK_SEARCH_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_LANG:
      casebook_search_provider_set_lang (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_search_provider_class_init (CasebookSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = casebook_search_provider_dispose;
  object_class->finalize = casebook_search_provider_finalize;
  object_class->get_property = casebook_search_provider_get_property;
  object_class->set_property = casebook_search_provider_set_property;

  properties[PROP_LANG] =
    g_param_spec_int ("lang", NULL, NULL,
                      CASEBOOK_LANG_ZH, CASEBOOK_LANG_EN, CASEBOOK_LANG_EN,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CasebookSearchProvider::activate-result:
   * @id: the id of the case chosen
   * @terms: the words that found it
   * @timestamp: the time of the choice, for presenting a window
   *
   * A result was chosen in the overview: the case is to be shown.
   */
  signals[ACTIVATE_RESULT] =
    g_signal_new ("activate-result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRV | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_UINT);

  /**
   * CasebookSearchProvider::launch-search:
   * @text: the search, as typed
   * @timestamp: the time of the request, for presenting a window
   *
   * The overview asked for more results: the window is to search for
   * @text.
   */
  signals[LAUNCH_SEARCH] =
    g_signal_new ("launch-search", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_UINT);
}

static void
casebook_search_provider_init (CasebookSearchProvider *self)
{
  self->lang = CASEBOOK_LANG_EN;
  self->idle_ms = IDLE_MS_DEFAULT;
  self->summaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * _casebook_search_provider_set_idle_ms:
 * @ms: how long to hold the application after the last request
 *
 * For the tests, which see a service quit without waiting long.
 */
void
_casebook_search_provider_set_idle_ms (CasebookSearchProvider *self,
                                       guint                   ms)
{
  g_return_if_fail (CASEBOOK_IS_SEARCH_PROVIDER (self));
  g_return_if_fail (ms > 0);

  self->idle_ms = ms;
}
