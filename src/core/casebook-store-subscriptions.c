/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-escape.h"
#include "casebook-store-private.h"
#include "casebook-store-subscriptions.h"

/* Subscriptions in the store (schema version 5): the `subscriptions`
 * table, and the cases whose `subscription` column names one of its
 * rows. Fetching lives in casebook-subscriptions.c; here is only what a
 * fetched collection does to the store, its cases given one at a time
 * (and checked as they come) so that a large one is never all in
 * memory. */

#define SUBSCRIPTION_COLUMNS \
  "s.id, s.url, s.name_zh, s.name_en, s.publisher_zh, s.publisher_en, s.fetched_at, s.checked_at, " \
  "s.etag, s.last_modified, s.error, " \
  "(SELECT count(*) FROM cases c WHERE c.subscription = s.id)"

static GDateTime *
time_from_column (sqlite3_stmt *stmt,
                  int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, column));
}

static CasebookSubscription *
subscription_from_row (sqlite3_stmt *stmt)
{
  CasebookSubscription *sub = casebook_subscription_new (_casebook_store_column_text (stmt, 1));
  g_autoptr(GDateTime) fetched_at = time_from_column (stmt, 6);
  g_autoptr(GDateTime) checked_at = time_from_column (stmt, 7);

  casebook_subscription_take_name (sub, _casebook_store_text_from_columns (stmt, 2, 3));
  casebook_subscription_take_publisher (sub, _casebook_store_text_from_columns (stmt, 4, 5));
  casebook_subscription_set_fetched_at (sub, fetched_at);
  casebook_subscription_set_checked_at (sub, checked_at);
  casebook_subscription_set_validators (sub, _casebook_store_column_text (stmt, 8),
                                        _casebook_store_column_text (stmt, 9));
  casebook_subscription_set_error (sub, _casebook_store_column_text (stmt, 10));
  casebook_subscription_set_n_cases (sub, (guint) sqlite3_column_int64 (stmt, 11));
  return sub;
}

static gboolean
set_no_subscription (GError    **error,
                     const char *url)
{
  g_autofree char *quoted = casebook_quote_value (url);

  g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND,
               _("There is no subscription to “%s”"), quoted);
  return FALSE;
}

/**
 * casebook_store_list_subscriptions:
 *
 * Returns: (transfer full) (element-type CasebookSubscription): every
 *   subscription, sorted by URL
 */
GPtrArray *
casebook_store_list_subscriptions (CasebookStore  *self,
                                   GError        **error)
{
  g_autoptr(GPtrArray) subs = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  stmt = _casebook_store_prepare (self, "SELECT " SUBSCRIPTION_COLUMNS " FROM subscriptions s ORDER BY s.url", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (subs, subscription_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not read the subscriptions"), error);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&subs);
}

/* Looks a subscription up; *@id is 0 when there is none. */
static gboolean
find_subscription_id (CasebookStore  *self,
                      const char     *url,
                      gint64         *id,
                      GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _casebook_store_prepare (self, "SELECT id FROM subscriptions WHERE url = ?1", error);
  if (stmt == NULL)
    return FALSE;

  _casebook_store_bind_text (stmt, 1, url);
  rc = sqlite3_step (stmt);
  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _casebook_store_set_sqlite_error (error, self->db, _("Could not read the subscriptions"));
  return TRUE;
}

static CasebookSubscription *
find_by (CasebookStore  *self,
         const char     *sql,
         const char     *value,
         GError        **error)
{
  CasebookSubscription *sub = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _casebook_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  _casebook_store_bind_text (stmt, 1, value);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    sub = subscription_from_row (stmt);
  else if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not read the subscriptions"), error);
      return NULL;
    }
  sqlite3_reset (stmt);

  return sub;
}

/**
 * casebook_store_find_subscription:
 * @url: a subscription's URL
 *
 * Returns: (transfer full): the subscription, or %NULL with
 *   %CASEBOOK_STORE_ERROR_NOT_FOUND if there is none
 */
CasebookSubscription *
casebook_store_find_subscription (CasebookStore  *self,
                                  const char     *url,
                                  GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  CasebookSubscription *sub;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  sub = find_by (self, "SELECT " SUBSCRIPTION_COLUMNS " FROM subscriptions s WHERE s.url = ?1", url, &local_error);
  if (sub == NULL && local_error == NULL)
    set_no_subscription (&local_error, url);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return sub;
}

/**
 * casebook_store_find_case_subscription:
 * @case_id: a case's id
 *
 * Returns: (transfer full) (nullable): the subscription the case comes
 *   from; %NULL without an error when it comes from none (or is not in
 *   the store)
 */
CasebookSubscription *
casebook_store_find_case_subscription (CasebookStore  *self,
                                       const char     *case_id,
                                       GError        **error)
{
  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return find_by (self,
                  "SELECT " SUBSCRIPTION_COLUMNS " FROM cases k JOIN subscriptions s ON s.id = k.subscription "
                  "WHERE k.id = ?1", case_id, error);
}

/**
 * casebook_store_get_case_subscription_url:
 * @case_id: a case's id
 *
 * The URL of the subscription a case comes from: what
 * casebook_store_find_case_subscription() finds, without counting the
 * subscription's cases, for a row of the list as it is shown.
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL for a case that
 *   comes from no subscription (or on an error)
 */
char *
casebook_store_get_case_subscription_url (CasebookStore *self,
                                          const char    *case_id)
{
  sqlite3_stmt *stmt;
  char *url = NULL;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  stmt = _casebook_store_prepare (self,
                                  "SELECT s.url FROM cases k JOIN subscriptions s ON s.id = k.subscription "
                                  "WHERE k.id = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  _casebook_store_bind_text (stmt, 1, case_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    url = g_strdup (_casebook_store_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return url;
}

static gboolean
set_subscription_of (CasebookStore  *self,
                     const char     *case_id,
                     gint64          sub_id,
                     GError        **error)
{
  sqlite3_stmt *stmt = _casebook_store_prepare (self, "UPDATE cases SET subscription = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  _casebook_store_bind_text (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, sub_id);
  return _casebook_store_step_done (self, stmt, error);
}

/* The subscription (id and URL) a case belongs to, for a clash. */
static char *
subscription_url_of_case (CasebookStore *self,
                          gint64         nr,
                          gint64        *sub_id)
{
  sqlite3_stmt *stmt;
  char *url = NULL;

  *sub_id = 0;
  stmt = _casebook_store_prepare (self,
                                  "SELECT s.id, s.url FROM cases c JOIN subscriptions s ON s.id = c.subscription "
                                  "WHERE c.nr = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, nr);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *sub_id = sqlite3_column_int64 (stmt, 0);
      url = g_strdup (_casebook_store_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return url;
}

static char *
stored_doc (CasebookStore *self,
            gint64         nr)
{
  sqlite3_stmt *stmt = _casebook_store_prepare (self, "SELECT doc FROM cases WHERE nr = ?1", NULL);
  char *doc = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, nr);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    doc = g_strdup (_casebook_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return doc;
}

/* Writes the cases @next_case produces as those of subscription @sub_id,
 * and the sectors and metrics of @header. Each case is freed before the
 * next is asked for, so only one exists at a time however many the file
 * holds. */
static gboolean
apply_cases (CasebookStore               *self,
             gint64                       sub_id,
             CasebookDocument            *header,
             CasebookSubscriptionCaseFunc next_case,
             gpointer                     source,
             guint                        n_cases,
             CasebookSubscriptionChanges *changes,
             GError                     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *array;
  sqlite3_stmt *stmt;
  int rc;

  /* The sectors and metric families the cases name, where the store
   * lacks them; the report's own material (insights, ranges, references)
   * is not someone else's to change. */
  array = casebook_document_get_sectors (header);
  for (guint i = 0; i < array->len; i++)
    if (!_casebook_store_write_sector (self, g_ptr_array_index (array, i), CASEBOOK_IMPORT_SKIP, error))
      return FALSE;
  array = casebook_document_get_metrics (header);
  for (guint i = 0; i < array->len; i++)
    if (!_casebook_store_write_metric (self, g_ptr_array_index (array, i), CASEBOOK_IMPORT_SKIP, error))
      return FALSE;

  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(CasebookCase) c = NULL;
      const char *id;
      g_autoptr(CasebookStorePrepared) prep = NULL;
      CasebookOrigin origin = CASEBOOK_ORIGIN_OWN;
      gint64 nr;

      /* A case the reader refuses (its message names cases[N]) fails
       * the whole apply, and the caller's transaction is rolled back. */
      c = next_case (source, i, error);
      if (c == NULL)
        return FALSE;
      id = casebook_case_get_id (c);

      /* The reader refuses a file that repeats an id; a document made
       * otherwise keeps its first. */
      if (g_hash_table_contains (seen, id))
        continue;
      g_hash_table_add (seen, g_strdup (id));

      if (!_casebook_store_find_case (self, id, &nr, &origin, error))
        return FALSE;

      if (nr >= 0 && origin != CASEBOOK_ORIGIN_SUBSCRIBED)
        {
          casebook_subscription_changes_add_clash (changes, id, origin, NULL);
          continue;
        }

      if (nr >= 0)
        {
          g_autofree char *doc = NULL;
          g_autofree char *other = NULL;
          gint64 owner = 0;

          other = subscription_url_of_case (self, nr, &owner);
          if (owner != sub_id)
            {
              casebook_subscription_changes_add_clash (changes, id, CASEBOOK_ORIGIN_SUBSCRIBED, other);
              continue;
            }

          prep = _casebook_store_prepare_case (c);
          doc = stored_doc (self, nr);
          if (g_strcmp0 (doc, _casebook_store_prepared_get_doc (prep)) == 0)
            {
              changes->unchanged++;
              continue;
            }
          changes->updated++;
        }
      else
        changes->added++;

      if (prep == NULL)
        prep = _casebook_store_prepare_case (c);
      if (!_casebook_store_write_case (self, c, prep, CASEBOOK_ORIGIN_SUBSCRIBED, nr, error) ||
          !set_subscription_of (self, id, sub_id, error))
        return FALSE;
    }

  /* Cases the file no longer has. The person's notes, tags and
   * memberships naming them stay, as for a bundled case a release drops. */
  stmt = _casebook_store_prepare (self, "SELECT nr, id FROM cases WHERE subscription = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sub_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!g_hash_table_contains (seen, _casebook_store_column_text (stmt, 1)))
      {
        gint64 nr = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (stale, nr);
      }
  if (rc != SQLITE_DONE)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not read the cases of a subscription"), error);
  sqlite3_reset (stmt);

  for (guint i = 0; i < stale->len; i++)
    if (!_casebook_store_delete_case_nr (self, g_array_index (stale, gint64, i), error))
      return FALSE;
  changes->removed = stale->len;

  return TRUE;
}

static guint
count_cases_of (CasebookStore *self,
                gint64         sub_id)
{
  sqlite3_stmt *stmt = _casebook_store_prepare (self, "SELECT count(*) FROM cases WHERE subscription = ?1", NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, sub_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static CasebookCase *
case_from_array (gpointer   source,
                 guint      index,
                 GError   **error)
{
  return g_object_ref (g_ptr_array_index ((GPtrArray *) source, index));
}

gboolean
casebook_store_apply_subscription (CasebookStore               *self,
                                   const char                  *url,
                                   CasebookDocument            *document,
                                   const char                  *etag,
                                   const char                  *last_modified,
                                   CasebookSubscriptionChanges *changes,
                                   GError                     **error)
{
  GPtrArray *cases;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (document == NULL || CASEBOOK_IS_DOCUMENT (document), FALSE);

  cases = document != NULL ? casebook_document_get_cases (document) : NULL;
  return _casebook_store_apply_subscription_cases (self, url, document, case_from_array, cases,
                                                   cases != NULL ? cases->len : 0,
                                                   etag, last_modified, changes, error);
}

/**
 * _casebook_store_apply_subscription_cases:
 * @header: (nullable): everything fetched but the cases (title,
 *   publisher, sectors, metrics); %NULL when the source answered "not
 *   modified"
 * @next_case: gives case @index, in order from 0, or %NULL with an error
 * @n_cases: how many cases @next_case gives
 *
 * casebook_store_apply_subscription() with the cases read one at a time,
 * as a large subscription is applied: a case @next_case refuses fails
 * the whole apply and leaves the store as it was.
 */
gboolean
_casebook_store_apply_subscription_cases (CasebookStore               *self,
                                          const char                  *url,
                                          CasebookDocument            *header,
                                          CasebookSubscriptionCaseFunc next_case,
                                          gpointer                     source,
                                          guint                        n_cases,
                                          const char                  *etag,
                                          const char                  *last_modified,
                                          CasebookSubscriptionChanges *changes,
                                          GError                     **error)
{
  CasebookDocument *document = header;
  CasebookSubscriptionChanges counts = { 0 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3_stmt *stmt;
  gint64 sub_id = 0;
  gboolean ok;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (header == NULL || CASEBOOK_IS_DOCUMENT (header), FALSE);
  g_return_val_if_fail (header == NULL || n_cases == 0 || next_case != NULL, FALSE);

  if (!_casebook_store_check_writable (self, error))
    return FALSE;

  if (!_casebook_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  ok = find_subscription_id (self, url, &sub_id, error);
  if (ok && sub_id == 0 && document == NULL)
    {
      /* "Not modified" can only answer a request made with validators,
       * which only a subscription the store has can give. */
      ok = set_no_subscription (error, url);
    }
  else if (ok && sub_id == 0)
    {
      stmt = _casebook_store_prepare (self, "INSERT INTO subscriptions (url) VALUES (?1)", error);
      ok = stmt != NULL;
      if (ok)
        {
          _casebook_store_bind_text (stmt, 1, url);
          ok = _casebook_store_step_done (self, stmt, error);
          sub_id = sqlite3_last_insert_rowid (self->db);
        }
    }

  if (ok && document != NULL)
    ok = apply_cases (self, sub_id, document, next_case, source, n_cases, &counts, error);
  else if (ok)
    {
      counts.not_modified = TRUE;
      counts.unchanged = count_cases_of (self, sub_id);
    }

  if (ok)
    {
      stmt = _casebook_store_prepare (self,
                                      document != NULL
                                      ? "UPDATE subscriptions SET fetched_at = ?2, checked_at = ?2, etag = ?3, "
                                        "last_modified = ?4, error = NULL, name_zh = ?5, name_en = ?6, "
                                        "publisher_zh = ?7, publisher_en = ?8 WHERE id = ?1"
                                      : "UPDATE subscriptions SET fetched_at = ?2, checked_at = ?2, "
                                        "etag = coalesce(?3, etag), last_modified = coalesce(?4, last_modified), "
                                        "error = NULL WHERE id = ?1",
                                      error);
      ok = stmt != NULL;
    }
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, sub_id);
      sqlite3_bind_int64 (stmt, 2, now);
      _casebook_store_bind_text (stmt, 3, etag);
      _casebook_store_bind_text (stmt, 4, last_modified);
      if (document != NULL)
        {
          const CasebookText *title = casebook_document_get_title (document);
          const CasebookText *publisher = casebook_document_get_publisher (document);

          _casebook_store_bind_text (stmt, 5, title != NULL ? title->zh : NULL);
          _casebook_store_bind_text (stmt, 6, title != NULL ? title->en : NULL);
          _casebook_store_bind_text (stmt, 7, publisher != NULL ? publisher->zh : NULL);
          _casebook_store_bind_text (stmt, 8, publisher != NULL ? publisher->en : NULL);
        }
      ok = _casebook_store_step_done (self, stmt, error);
    }

  if (!_casebook_store_finish_transaction (self, ok, error))
    {
      casebook_subscription_changes_clear (&counts);
      return FALSE;
    }

  if (counts.added + counts.updated > 1000)
    _casebook_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);

  if (changes != NULL)
    *changes = counts;
  else
    casebook_subscription_changes_clear (&counts);

  _casebook_store_mark_changed (self);
  return TRUE;
}

gboolean
casebook_store_note_subscription_failure (CasebookStore  *self,
                                          const char     *url,
                                          const char     *message,
                                          GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!_casebook_store_check_writable (self, error))
    return FALSE;

  stmt = _casebook_store_prepare (self, "UPDATE subscriptions SET checked_at = ?2, error = ?3 WHERE url = ?1", error);
  if (stmt == NULL)
    return FALSE;

  _casebook_store_bind_text (stmt, 1, url);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  _casebook_store_bind_text (stmt, 3, message != NULL ? message : "");
  if (!_casebook_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return set_no_subscription (error, url);

  _casebook_store_mark_changed (self);
  return TRUE;
}

static gboolean
count_sql (CasebookStore  *self,
           const char     *sql,
           gint64          sub_id,
           guint          *n,
           GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (n == NULL)
    return TRUE;

  stmt = _casebook_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sub_id);
  rc = sqlite3_step (stmt);
  *n = rc == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  if (rc != SQLITE_ROW)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not read the subscriptions"), error);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
casebook_store_count_subscription_references (CasebookStore  *self,
                                              const char     *url,
                                              guint          *n_notes,
                                              guint          *n_tags,
                                              guint          *n_memberships,
                                              GError        **error)
{
  gint64 sub_id = 0;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!find_subscription_id (self, url, &sub_id, error))
    return FALSE;
  if (sub_id == 0)
    return set_no_subscription (error, url);

  return count_sql (self, "SELECT count(*) FROM case_notes n JOIN cases c ON c.id = n.case_id "
                          "WHERE c.subscription = ?1", sub_id, n_notes, error) &&
         count_sql (self, "SELECT count(*) FROM case_tags g JOIN cases c ON c.id = g.case_id "
                          "WHERE c.subscription = ?1", sub_id, n_tags, error) &&
         count_sql (self, "SELECT count(*) FROM collection_cases m JOIN cases c ON c.id = m.case_id "
                          "WHERE c.subscription = ?1", sub_id, n_memberships, error);
}

gboolean
casebook_store_unsubscribe (CasebookStore  *self,
                            const char     *url,
                            guint          *n_removed,
                            GError        **error)
{
  g_autoptr(GArray) nrs = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  gint64 sub_id = 0;
  gboolean ok;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!_casebook_store_check_writable (self, error))
    return FALSE;

  if (!_casebook_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  ok = find_subscription_id (self, url, &sub_id, error);
  if (ok && sub_id == 0)
    ok = set_no_subscription (error, url);

  if (ok)
    ok = (stmt = _casebook_store_prepare (self, "SELECT nr FROM cases WHERE subscription = ?1", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, sub_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 nr = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (nrs, nr);
        }
      if (rc != SQLITE_DONE)
        ok = _casebook_store_query_failed (self, stmt, rc, _("Could not read the cases of a subscription"), error);
      else
        sqlite3_reset (stmt);
    }

  for (guint i = 0; ok && i < nrs->len; i++)
    ok = _casebook_store_delete_case_nr (self, g_array_index (nrs, gint64, i), error);

  /* Last: the cases' rows name it. */
  if (ok)
    ok = (stmt = _casebook_store_prepare (self, "DELETE FROM subscriptions WHERE id = ?1", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, sub_id);
      ok = _casebook_store_step_done (self, stmt, error);
    }

  if (!_casebook_store_finish_transaction (self, ok, error))
    return FALSE;

  if (n_removed != NULL)
    *n_removed = nrs->len;

  _casebook_store_mark_changed (self);
  return TRUE;
}
