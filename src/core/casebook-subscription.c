/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "casebook-subscription.h"

/* A snapshot of one subscription as the store read it; see
 * casebook-store-subscriptions.h for what the store does with them. */

struct _CasebookSubscription
{
  GObject       parent_instance;

  char         *url;
  CasebookText *name;
  CasebookText *publisher;
  guint         n_cases;
  GDateTime    *fetched_at;
  GDateTime    *checked_at;
  char         *etag;
  char         *last_modified;
  char         *error;
};

G_DEFINE_FINAL_TYPE (CasebookSubscription, casebook_subscription, G_TYPE_OBJECT)

static void
casebook_subscription_finalize (GObject *object)
{
  CasebookSubscription *self = CASEBOOK_SUBSCRIPTION (object);

  g_free (self->url);
  g_clear_pointer (&self->name, casebook_text_free);
  g_clear_pointer (&self->publisher, casebook_text_free);
  g_clear_pointer (&self->fetched_at, g_date_time_unref);
  g_clear_pointer (&self->checked_at, g_date_time_unref);
  g_free (self->etag);
  g_free (self->last_modified);
  g_free (self->error);

  G_OBJECT_CLASS (casebook_subscription_parent_class)->finalize (object);
}

static void
casebook_subscription_class_init (CasebookSubscriptionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = casebook_subscription_finalize;
}

static void
casebook_subscription_init (CasebookSubscription *self)
{
}

/**
 * casebook_subscription_new:
 * @url: what is subscribed to
 *
 * Returns: (transfer full): a subscription named by its URL, with no cases
 */
CasebookSubscription *
casebook_subscription_new (const char *url)
{
  CasebookSubscription *self;

  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (CASEBOOK_TYPE_SUBSCRIPTION, NULL);
  self->url = g_strdup (url);
  self->name = casebook_text_new_same (url);
  return self;
}

const char *
casebook_subscription_get_url (CasebookSubscription *self)
{
  g_return_val_if_fail (CASEBOOK_IS_SUBSCRIPTION (self), NULL);
  return self->url;
}

const CasebookText *
casebook_subscription_get_name (CasebookSubscription *self)
{
  g_return_val_if_fail (CASEBOOK_IS_SUBSCRIPTION (self), NULL);
  return self->name;
}

const CasebookText *
casebook_subscription_get_publisher (CasebookSubscription *self)
{
  g_return_val_if_fail (CASEBOOK_IS_SUBSCRIPTION (self), NULL);
  return self->publisher;
}

guint
casebook_subscription_get_n_cases (CasebookSubscription *self)
{
  g_return_val_if_fail (CASEBOOK_IS_SUBSCRIPTION (self), 0);
  return self->n_cases;
}

/**
 * casebook_subscription_get_fetched_at:
 *
 * Returns: (transfer none) (nullable): when the cases were last brought
 *   up to date, in UTC
 */
GDateTime *
casebook_subscription_get_fetched_at (CasebookSubscription *self)
{
  g_return_val_if_fail (CASEBOOK_IS_SUBSCRIPTION (self), NULL);
  return self->fetched_at;
}

/**
 * casebook_subscription_get_checked_at:
 *
 * Returns: (transfer none) (nullable): when a refresh was last tried, in
 *   UTC, whether or not it succeeded
 */
GDateTime *
casebook_subscription_get_checked_at (CasebookSubscription *self)
{
  g_return_val_if_fail (CASEBOOK_IS_SUBSCRIPTION (self), NULL);
  return self->checked_at;
}

const char *
casebook_subscription_get_etag (CasebookSubscription *self)
{
  g_return_val_if_fail (CASEBOOK_IS_SUBSCRIPTION (self), NULL);
  return self->etag;
}

const char *
casebook_subscription_get_last_modified (CasebookSubscription *self)
{
  g_return_val_if_fail (CASEBOOK_IS_SUBSCRIPTION (self), NULL);
  return self->last_modified;
}

/**
 * casebook_subscription_get_error:
 *
 * Returns: (nullable): why the last refresh failed, or %NULL if it did not
 */
const char *
casebook_subscription_get_error (CasebookSubscription *self)
{
  g_return_val_if_fail (CASEBOOK_IS_SUBSCRIPTION (self), NULL);
  return self->error;
}

/**
 * casebook_subscription_is_due:
 * @now: the time to compare with
 *
 * Returns: %TRUE if the subscription was never tried, or last tried a day
 *   or more before @now (or, the clock having gone back, after it)
 */
gboolean
casebook_subscription_is_due (CasebookSubscription *self,
                              GDateTime            *now)
{
  GTimeSpan since;

  g_return_val_if_fail (CASEBOOK_IS_SUBSCRIPTION (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (self->checked_at == NULL)
    return TRUE;

  since = g_date_time_difference (now, self->checked_at);
  return since >= G_TIME_SPAN_DAY || since < 0;
}

/* An empty @name names the subscription by its URL. */
void
casebook_subscription_take_name (CasebookSubscription *self,
                                 CasebookText         *name)
{
  g_return_if_fail (CASEBOOK_IS_SUBSCRIPTION (self));

  g_clear_pointer (&self->name, casebook_text_free);
  if (casebook_text_is_empty (name))
    {
      g_clear_pointer (&name, casebook_text_free);
      name = casebook_text_new_same (self->url);
    }
  self->name = name;
}

void
casebook_subscription_take_publisher (CasebookSubscription *self,
                                      CasebookText         *publisher)
{
  g_return_if_fail (CASEBOOK_IS_SUBSCRIPTION (self));

  g_clear_pointer (&self->publisher, casebook_text_free);
  if (casebook_text_is_empty (publisher))
    g_clear_pointer (&publisher, casebook_text_free);
  self->publisher = publisher;
}

void
casebook_subscription_set_n_cases (CasebookSubscription *self,
                                   guint                 n_cases)
{
  g_return_if_fail (CASEBOOK_IS_SUBSCRIPTION (self));
  self->n_cases = n_cases;
}

void
casebook_subscription_set_fetched_at (CasebookSubscription *self,
                                      GDateTime            *fetched_at)
{
  g_return_if_fail (CASEBOOK_IS_SUBSCRIPTION (self));

  g_clear_pointer (&self->fetched_at, g_date_time_unref);
  if (fetched_at != NULL)
    self->fetched_at = g_date_time_ref (fetched_at);
}

void
casebook_subscription_set_checked_at (CasebookSubscription *self,
                                      GDateTime            *checked_at)
{
  g_return_if_fail (CASEBOOK_IS_SUBSCRIPTION (self));

  g_clear_pointer (&self->checked_at, g_date_time_unref);
  if (checked_at != NULL)
    self->checked_at = g_date_time_ref (checked_at);
}

void
casebook_subscription_set_validators (CasebookSubscription *self,
                                      const char           *etag,
                                      const char           *last_modified)
{
  g_return_if_fail (CASEBOOK_IS_SUBSCRIPTION (self));

  g_free (self->etag);
  self->etag = g_strdup (etag);
  g_free (self->last_modified);
  self->last_modified = g_strdup (last_modified);
}

void
casebook_subscription_set_error (CasebookSubscription *self,
                                 const char           *error)
{
  g_return_if_fail (CASEBOOK_IS_SUBSCRIPTION (self));

  g_free (self->error);
  self->error = g_strdup (error);
}

static void
clash_free (gpointer data)
{
  CasebookSubscriptionClash *clash = data;

  g_free (clash->case_id);
  g_free (clash->subscription_url);
  g_free (clash);
}

/**
 * casebook_subscription_changes_add_clash:
 *
 * Records that the case @case_id was skipped because a case of @origin
 * (of the subscription @subscription_url, for a subscribed one) has it.
 */
void
casebook_subscription_changes_add_clash (CasebookSubscriptionChanges *changes,
                                         const char                  *case_id,
                                         CasebookOrigin               origin,
                                         const char                  *subscription_url)
{
  CasebookSubscriptionClash *clash;

  g_return_if_fail (changes != NULL);

  if (changes->clashes == NULL)
    changes->clashes = g_ptr_array_new_with_free_func (clash_free);

  clash = g_new0 (CasebookSubscriptionClash, 1);
  clash->case_id = g_strdup (case_id);
  clash->origin = origin;
  clash->subscription_url = g_strdup (subscription_url);
  g_ptr_array_add (changes->clashes, clash);
}

void
casebook_subscription_changes_clear (CasebookSubscriptionChanges *changes)
{
  g_return_if_fail (changes != NULL);

  g_clear_pointer (&changes->clashes, g_ptr_array_unref);
  memset (changes, 0, sizeof *changes);
}

/**
 * casebook_subscription_changes_describe:
 *
 * Says what changed, the way a person reads it: "2 cases updated,
 * 1 added", the first part naming the cases; or that nothing changed.
 *
 * Returns: (transfer full): the sentence, translated
 */
char *
casebook_subscription_changes_describe (const CasebookSubscriptionChanges *changes)
{
  g_autofree char *text = NULL;
  guint counts[3];

  g_return_val_if_fail (changes != NULL, NULL);

  counts[0] = changes->updated;
  counts[1] = changes->added;
  counts[2] = changes->removed;

  /* Each sentence whole, so that every language can word it and count
   * it as it must. */
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *part = NULL;
      guint n = counts[i];

      if (n == 0)
        continue;

      if (text == NULL)
        {
          switch (i)
            {
            case 0:
              part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case updated", "%u cases updated", n), n);
              break;
            case 1:
              part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case added", "%u cases added", n), n);
              break;
            default:
              part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case removed", "%u cases removed", n), n);
              break;
            }
          text = g_steal_pointer (&part);
        }
      else
        {
          g_autofree char *joined = NULL;

          switch (i)
            {
            case 1:
              /* Translators: after "N cases updated, ": how many cases were added */
              part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u added", "%u added", n), n);
              break;
            default:
              /* Translators: after "N cases updated/added, ": how many cases were removed */
              part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u removed", "%u removed", n), n);
              break;
            }
          /* Translators: joins the parts of "2 cases updated, 1 added" */
          joined = g_strdup_printf (_("%s, %s"), text, part);
          g_free (text);
          text = g_steal_pointer (&joined);
        }
    }

  if (text == NULL)
    return g_strdup (_("No changes"));

  return g_steal_pointer (&text);
}
