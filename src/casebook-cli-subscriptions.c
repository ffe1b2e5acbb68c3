/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-cli"

/* The command line of subscriptions: --subscribe=URL, --subscriptions,
 * --refresh and --unsubscribe=URL; and the name of the subscription a
 * case comes from, for --list and --show. Every value that comes from a
 * server or a store is escaped before it reaches the terminal. */

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-cli-private.h"
#include "casebook-escape.h"
#include "casebook-fetch.h"
#include "casebook-store-subscriptions.h"

G_GNUC_PRINTF (2, 3)
static void
say (GOutputStream *stream,
     const char    *format,
     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  _casebook_cli_print (stream, text);
}

/* Says, on @err, which cases were left out and why. */
static void
report_clashes (const CasebookSubscriptionChanges *changes,
                GOutputStream                     *err)
{
  if (changes->clashes == NULL)
    return;

  for (guint i = 0; i < changes->clashes->len; i++)
    {
      const CasebookSubscriptionClash *clash = g_ptr_array_index (changes->clashes, i);
      g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
      const char *id = _casebook_cli_line (pool, clash->case_id);

      switch (clash->origin)
        {
        case CASEBOOK_ORIGIN_BUNDLED:
          say (err, _("Skipped the case “%s”: a case that comes with Casebook has its id\n"), id);
          break;
        case CASEBOOK_ORIGIN_SUBSCRIBED:
          say (err, _("Skipped the case “%s”: the case of that id comes from the subscription %s\n"), id,
               _casebook_cli_line (pool, clash->subscription_url != NULL ? clash->subscription_url : ""));
          break;
        case CASEBOOK_ORIGIN_OWN:
        default:
          say (err, _("Skipped the case “%s”: one of your own cases has its id\n"), id);
          break;
        }
    }
}

/**
 * casebook_cli_subscribe:
 * @url: an http, https or file URL
 *
 * Subscribes and fetches now. On any failure the store is left as it was
 * and the status is 1.
 */
int
casebook_cli_subscribe (CasebookStore *store,
                        const char    *url,
                        CasebookLang   lang,
                        GOutputStream *out,
                        GOutputStream *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CasebookSubscription) sub = NULL;
  g_auto(CasebookSubscriptionChanges) changes = { 0 };
  const char *scheme = g_uri_peek_scheme (url);

  if (g_strcmp0 (scheme, "http") == 0)
    {
      g_autofree char *shown = casebook_fetch_describe_url (url);

      say (err, _("Warning: %s is fetched over plain HTTP, which anyone on the way can read and change; "
                  "use https:// if the server offers it\n"), shown);
    }

  if (!casebook_subscriptions_subscribe (store, url, NULL, &changes, &error))
    {
      if (g_error_matches (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_EXISTS))
        say (err, "%s\n", error->message);
      else
        say (err, _("Not subscribed: %s\n"), error->message);
      return 1;
    }

  report_clashes (&changes, err);

  sub = casebook_store_find_subscription (store, url, NULL);
  /* Translators: after subscribing: the collection's name, its URL and the number of cases added */
  say (out, g_dngettext (GETTEXT_PACKAGE, "Subscribed to “%s” (%s): %u case\n",
                         "Subscribed to “%s” (%s): %u cases\n", changes.added),
       _casebook_cli_line (pool, sub != NULL ? casebook_text_get (casebook_subscription_get_name (sub), lang) : url),
       _casebook_cli_line (pool, url), changes.added);
  return 0;
}

/**
 * casebook_cli_list_subscriptions:
 *
 * Prints one line per subscription: URL, TAB, name, TAB, number of
 * cases, TAB, when last fetched (ISO 8601, UTC).
 */
int
casebook_cli_list_subscriptions (CasebookStore *store,
                                 CasebookLang   lang,
                                 GOutputStream *out,
                                 GOutputStream *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) subs = casebook_store_list_subscriptions (store, &error);

  if (subs == NULL)
    {
      say (err, "%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < subs->len; i++)
    {
      CasebookSubscription *sub = g_ptr_array_index (subs, i);
      g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
      GDateTime *fetched_at = casebook_subscription_get_fetched_at (sub);
      g_autofree char *when = fetched_at != NULL ? g_date_time_format_iso8601 (fetched_at) : g_strdup ("");

      say (out, "%s\t%s\t%u\t%s\n",
           _casebook_cli_line (pool, casebook_subscription_get_url (sub)),
           _casebook_cli_line (pool, casebook_text_get (casebook_subscription_get_name (sub), lang)),
           casebook_subscription_get_n_cases (sub), when);
    }

  return 0;
}

/**
 * casebook_cli_refresh:
 *
 * Refreshes every subscription, each on its own: one that fails keeps its
 * cases and does not stop the others. Prints what changed, one line per
 * subscription; the status is 1 if any failed.
 */
int
casebook_cli_refresh (CasebookStore *store,
                      GOutputStream *out,
                      GOutputStream *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) subs = casebook_store_list_subscriptions (store, &error);
  int status = 0;

  if (subs == NULL)
    {
      say (err, "%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < subs->len; i++)
    {
      const char *url = casebook_subscription_get_url (g_ptr_array_index (subs, i));
      g_auto(CasebookSubscriptionChanges) changes = { 0 };
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);

      if (!casebook_subscriptions_refresh_one (store, url, NULL, &changes, &local_error))
        {
          /* The message names the URL. */
          say (err, _("Could not refresh: %s\n"), local_error->message);
          status = 1;
          continue;
        }

      report_clashes (&changes, err);
      {
        g_autofree char *what = casebook_subscription_changes_describe (&changes);

        /* Translators: a subscription's URL, then what a refresh changed, such as "2 cases updated, 1 added" */
        say (out, _("%s: %s\n"), _casebook_cli_line (pool, url), what);
      }
    }

  return status;
}

/**
 * casebook_cli_unsubscribe:
 *
 * Removes the subscription @url and its cases; the person's notes, tags
 * and collections stay.
 */
int
casebook_cli_unsubscribe (CasebookStore *store,
                          const char    *url,
                          GOutputStream *out,
                          GOutputStream *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  guint n_removed = 0;

  if (!casebook_store_unsubscribe (store, url, &n_removed, &error))
    {
      say (err, "%s\n", error->message);
      return 1;
    }

  /* Translators: after unsubscribing: the URL and how many cases went with it */
  say (out, g_dngettext (GETTEXT_PACKAGE, "Unsubscribed from %s and removed its %u case\n",
                         "Unsubscribed from %s and removed its %u cases\n", n_removed),
       _casebook_cli_line (pool, url), n_removed);
  return 0;
}

/**
 * _casebook_cli_subscription_name:
 * @case_id: a case that comes from a subscription
 *
 * Returns: (transfer full) (nullable): the name of its subscription, or
 *   %NULL if it comes from none
 */
char *
_casebook_cli_subscription_name (CasebookStore *store,
                                 const char    *case_id,
                                 CasebookLang   lang)
{
  g_autoptr(CasebookSubscription) sub = casebook_store_find_case_subscription (store, case_id, NULL);

  if (sub == NULL)
    return NULL;
  return g_strdup (casebook_text_get (casebook_subscription_get_name (sub), lang));
}
