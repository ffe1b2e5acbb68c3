/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "casebook-enums.h"
#include "casebook-text.h"

G_BEGIN_DECLS

/**
 * CasebookSubscription:
 *
 * A collection someone else publishes as an interchange file at a URL,
 * whose cases the store keeps as a read-only source (like the bundled
 * ones) and refreshes from that URL. The store makes these; each is a
 * snapshot of the subscription when it was read, not a live view.
 *
 * - url: what was subscribed to (http, https or file), the key.
 * - name: the title of the published collection, as last fetched; when
 *   the file has none, the URL (never %NULL).
 * - publisher: the file's optional `publisher`, or %NULL.
 * - n_cases: how many cases of the subscription the store holds.
 * - fetched_at: when its cases were last brought up to date (a fetch
 *   that brought the file, or one answered "not modified"); %NULL never.
 * - checked_at: when it was last tried, successfully or not.
 * - etag, last_modified: the validators of the last fetch, for a
 *   conditional request; either may be %NULL.
 * - error: why the last try failed, or %NULL if it succeeded.
 */
#define CASEBOOK_TYPE_SUBSCRIPTION (casebook_subscription_get_type ())

G_DECLARE_FINAL_TYPE (CasebookSubscription, casebook_subscription, CASEBOOK, SUBSCRIPTION, GObject)

CasebookSubscription *casebook_subscription_new               (const char           *url);

const char           *casebook_subscription_get_url           (CasebookSubscription *self);
const CasebookText   *casebook_subscription_get_name          (CasebookSubscription *self);
const CasebookText   *casebook_subscription_get_publisher     (CasebookSubscription *self);
guint                 casebook_subscription_get_n_cases       (CasebookSubscription *self);
GDateTime            *casebook_subscription_get_fetched_at    (CasebookSubscription *self);
GDateTime            *casebook_subscription_get_checked_at    (CasebookSubscription *self);
const char           *casebook_subscription_get_etag          (CasebookSubscription *self);
const char           *casebook_subscription_get_last_modified (CasebookSubscription *self);
const char           *casebook_subscription_get_error         (CasebookSubscription *self);
/* Whether a refresh on start is due: never tried, or last tried a day
 * or more before @now (also after a failure, so that a server that is
 * down is not asked again on every start). */
gboolean              casebook_subscription_is_due            (CasebookSubscription *self,
                                                               GDateTime            *now);

/* Used by the store when it reads a subscription. */
void                  casebook_subscription_take_name         (CasebookSubscription *self,
                                                               CasebookText         *name);
void                  casebook_subscription_take_publisher    (CasebookSubscription *self,
                                                               CasebookText         *publisher);
void                  casebook_subscription_set_n_cases       (CasebookSubscription *self,
                                                               guint                 n_cases);
void                  casebook_subscription_set_fetched_at    (CasebookSubscription *self,
                                                               GDateTime            *fetched_at);
void                  casebook_subscription_set_checked_at    (CasebookSubscription *self,
                                                               GDateTime            *checked_at);
void                  casebook_subscription_set_validators    (CasebookSubscription *self,
                                                               const char           *etag,
                                                               const char           *last_modified);
void                  casebook_subscription_set_error         (CasebookSubscription *self,
                                                               const char           *error);

/**
 * CasebookSubscriptionClash:
 * @case_id: the id of a case the subscription's file has
 * @origin: what the case with that id in the store is: bundled, own, or
 *   %CASEBOOK_ORIGIN_SUBSCRIBED (another subscription's)
 * @subscription_url: (nullable): for %CASEBOOK_ORIGIN_SUBSCRIBED, the URL
 *   of the subscription that has it
 *
 * A case left out of a subscription because its id was taken.
 */
typedef struct
{
  char           *case_id;
  CasebookOrigin  origin;
  char           *subscription_url;
} CasebookSubscriptionClash;

/**
 * CasebookSubscriptionChanges:
 * @not_modified: the source answered that nothing changed since the last
 *   fetch; the cases were not touched
 * @added: cases that were new
 * @updated: cases whose content changed
 * @unchanged: cases that were there and stayed as they were
 * @removed: cases the file no longer has, taken out of the store
 * @clashes: (element-type CasebookSubscriptionClash): cases skipped
 *   because their id belongs to another source, in file order; %NULL
 *   until the first one
 *
 * What applying a subscription did. Zero-initialize; free the contents
 * with casebook_subscription_changes_clear().
 */
typedef struct
{
  gboolean   not_modified;
  guint      added;
  guint      updated;
  guint      unchanged;
  guint      removed;
  GPtrArray *clashes;
} CasebookSubscriptionChanges;

void                  casebook_subscription_changes_clear     (CasebookSubscriptionChanges *changes);
void                  casebook_subscription_changes_add_clash (CasebookSubscriptionChanges *changes,
                                                               const char                  *case_id,
                                                               CasebookOrigin               origin,
                                                               const char                  *subscription_url);
/* "2 cases updated, 1 added", "No changes" and the like, translated;
 * without the clashes. */
char                 *casebook_subscription_changes_describe  (const CasebookSubscriptionChanges *changes);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CasebookSubscriptionChanges, casebook_subscription_changes_clear)

G_END_DECLS
