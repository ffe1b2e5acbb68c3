/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-store.h"
#include "casebook-subscription.h"

G_BEGIN_DECLS

/* Subscriptions: collections published at a URL whose cases the store
 * keeps read-only (CASEBOOK_ORIGIN_SUBSCRIBED), like the bundled ones. A
 * subscribed case can be duplicated but not edited or deleted (the
 * CASEBOOK_STORE_ERROR_BUNDLED error, as for a bundled case). The
 * person's notes, tags and collection memberships name cases by id and
 * are kept across refreshes. A subscription never takes over the id of a
 * bundled or own case or of another subscription's case: such cases are
 * skipped and reported as clashes. */

/* Every subscription (CasebookSubscription), sorted by URL. */
GPtrArray            *casebook_store_list_subscriptions     (CasebookStore               *self,
                                                             GError                     **error);
/* An unknown URL is CASEBOOK_STORE_ERROR_NOT_FOUND. */
CasebookSubscription *casebook_store_find_subscription      (CasebookStore               *self,
                                                             const char                  *url,
                                                             GError                     **error);
/* The subscription a case comes from; %NULL without an error for a case
 * that comes from none. */
CasebookSubscription *casebook_store_find_case_subscription (CasebookStore               *self,
                                                             const char                  *case_id,
                                                             GError                     **error);
/* Its URL alone, without counting its cases. */
char                 *casebook_store_get_case_subscription_url (CasebookStore            *self,
                                                                const char               *case_id);

/**
 * casebook_store_apply_subscription:
 * @url: the subscription's URL; it is created if new
 * @document: (nullable): what was fetched, already parsed and checked;
 *   %NULL when the source answered "not modified"
 * @etag, @last_modified: (nullable): the validators of this fetch
 * @changes: (out caller-allocates) (optional): what changed
 *
 * Brings the subscription's cases to exactly those of @document, in one
 * transaction: new ones are added, changed ones updated, missing ones
 * removed; clashing ids are skipped. Only the cases of @document are
 * used (its sectors as for an import; its collections, tags and notes,
 * which are someone else's, are not). Records the fetch time, the
 * validators, the name and publisher, and clears the last error.
 */
gboolean              casebook_store_apply_subscription     (CasebookStore               *self,
                                                             const char                  *url,
                                                             CasebookDocument            *document,
                                                             const char                  *etag,
                                                             const char                  *last_modified,
                                                             CasebookSubscriptionChanges *changes,
                                                             GError                     **error);
/* Records that refreshing @url failed with @message now; its cases stay
 * as they were. An unknown URL is CASEBOOK_STORE_ERROR_NOT_FOUND. */
gboolean              casebook_store_note_subscription_failure (CasebookStore            *self,
                                                             const char                  *url,
                                                             const char                  *message,
                                                             GError                     **error);
/* How many of the person's own references point at the cases of @url:
 * notes, tags and memberships of plain collections, each counted once,
 * so that unsubscribing can ask first. Any may be NULL. */
gboolean              casebook_store_count_subscription_references (CasebookStore        *self,
                                                             const char                  *url,
                                                             guint                       *n_notes,
                                                             guint                       *n_tags,
                                                             guint                       *n_memberships,
                                                             GError                     **error);
/* Removes the subscription and its cases, and nothing else: the notes,
 * tags and memberships naming them stay, as they do for a deleted case.
 * Sets @n_removed to the number of cases removed. */
gboolean              casebook_store_unsubscribe            (CasebookStore               *self,
                                                             const char                  *url,
                                                             guint                       *n_removed,
                                                             GError                     **error);

/* Fetching and applying (casebook-subscriptions.c). Fetching uses
 * casebook-fetch.h; the file is read by the same strict reader as
 * --import, so a refusal has the same message, prefixed with the URL.
 * On any failure the store is as it was (a refresh records the failure
 * with casebook_store_note_subscription_failure()). */

/* A fetched and checked subscription, not yet applied: for a preview.
 * It does not hold the cases; applying it reads them again from the
 * fetched file, one at a time, checking each as before. */
typedef struct _CasebookSubscriptionDownload CasebookSubscriptionDownload;

CasebookSubscriptionDownload *casebook_subscription_download (const char                *url,
                                                             const char                  *etag,
                                                             const char                  *last_modified,
                                                             GCancellable                *cancellable,
                                                             GError                     **error);
void                  casebook_subscription_download_async  (const char                  *url,
                                                             const char                  *etag,
                                                             const char                  *last_modified,
                                                             GCancellable                *cancellable,
                                                             GAsyncReadyCallback          callback,
                                                             gpointer                     user_data);
CasebookSubscriptionDownload *casebook_subscription_download_finish (GAsyncResult        *result,
                                                             GError                     **error);
const char           *casebook_subscription_download_get_url (CasebookSubscriptionDownload *download);
gboolean              casebook_subscription_download_get_not_modified (CasebookSubscriptionDownload *download);
/* What a preview shows: the collection's title and publisher (%NULL when
 * not modified or not given), how many cases it holds, and the id and
 * title of each (only for a download from
 * casebook_subscription_download(), which checks every case and keeps
 * just these, not the cases). */
const CasebookText   *casebook_subscription_download_get_title (CasebookSubscriptionDownload *download);
const CasebookText   *casebook_subscription_download_get_publisher (CasebookSubscriptionDownload *download);
guint                 casebook_subscription_download_get_n_cases (CasebookSubscriptionDownload *download);
const char           *casebook_subscription_download_get_case_id (CasebookSubscriptionDownload *download,
                                                             guint                        index);
const CasebookText   *casebook_subscription_download_get_case_title (CasebookSubscriptionDownload *download,
                                                             guint                        index);
void                  casebook_subscription_download_free   (CasebookSubscriptionDownload *download);
/* Applies a download (casebook_store_apply_subscription()), reading its
 * cases one at a time; a case the reader refuses leaves the store as it
 * was. */
gboolean              casebook_store_apply_download         (CasebookStore               *self,
                                                             CasebookSubscriptionDownload *download,
                                                             CasebookSubscriptionChanges *changes,
                                                             GError                     **error);
/* The same on a worker thread with its own connection; takes @download. */
void                  casebook_store_apply_download_async   (CasebookStore               *self,
                                                             CasebookSubscriptionDownload *download,
                                                             GAsyncReadyCallback          callback,
                                                             gpointer                     user_data);
gboolean              casebook_store_apply_download_finish  (CasebookStore               *self,
                                                             GAsyncResult                *result,
                                                             CasebookSubscriptionChanges *changes,
                                                             GError                     **error);

/* Subscribes to @url and fetches it now; an existing subscription is
 * CASEBOOK_STORE_ERROR_EXISTS. On failure nothing is recorded. */
gboolean              casebook_subscriptions_subscribe      (CasebookStore               *self,
                                                             const char                  *url,
                                                             GCancellable                *cancellable,
                                                             CasebookSubscriptionChanges *changes,
                                                             GError                     **error);
/* Refreshes one subscription with a conditional request; a failure is
 * recorded on it (and returned), its cases kept. */
gboolean              casebook_subscriptions_refresh_one    (CasebookStore               *self,
                                                             const char                  *url,
                                                             GCancellable                *cancellable,
                                                             CasebookSubscriptionChanges *changes,
                                                             GError                     **error);
/* The same on a worker thread, with its own reader-writer connection as
 * casebook_store_import_async() does; @changes are given by _finish. */
void                  casebook_subscriptions_refresh_one_async (CasebookStore            *self,
                                                             const char                  *url,
                                                             GCancellable                *cancellable,
                                                             GAsyncReadyCallback          callback,
                                                             gpointer                     user_data);
gboolean              casebook_subscriptions_refresh_one_finish (CasebookStore           *self,
                                                             GAsyncResult                *result,
                                                             CasebookSubscriptionChanges *changes,
                                                             GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookSubscriptionDownload, casebook_subscription_download_free)

G_END_DECLS
