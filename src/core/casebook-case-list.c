/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-list"

#include <gio/gio.h>

#include "casebook-case-list-private.h"
#include "casebook-facet-groups.h"
#include "casebook-store-read.h"
#include "casebook-tokenizer.h"

/**
 * CasebookCaseList:
 *
 * A #GListModel of #CasebookCaseSummary over a store: the cases that match
 * a #CasebookFilter, in the chosen order, or, while the filter has a
 * query, the search results, best match first.
 *
 * The model never loads the whole store. What it shows is a snapshot: the
 * filter as it was, the number of rows, and the pages fetched so far, a
 * page at a time by key. When the filter, the order or the store changes,
 * a refresh runs on a worker thread with a connection of its own, in two
 * steps: first the new count, the search or the first pages, which swap
 * the snapshot (#CasebookCaseList::refreshed, #CasebookCaseList:loading
 * ends), then the facet counts, which take longer on a large store
 * (#CasebookCaseList::facets-changed, #CasebookCaseList:counting ends). A
 * newer change cancels an older one that is still running. So typing
 * never waits for the store, and rows never wait for the counts.
 */

#define PAGE_SIZE        64
/* The pages a refresh reads on its worker thread: a GtkListView (GTK 4.8)
 * makes up to 200 rows at once, whatever it shows, and asks for each. */
#define FIRST_PAGES      4
#define MAX_CACHED_PAGES 32
#define SEARCH_LIMIT     1000
/* How many of the most frequent products get their Chinese names. */
#define N_NAMED_PRODUCTS 100

typedef struct
{
  CasebookFilter *filter;
  CasebookSort    sort;
  CasebookLang    lang;
  guint           n_items;
  guint           n_matches; /* search mode: all matches, shown or not */
  GPtrArray      *results;   /* search mode: the best rows, ranked */
  GArray         *cursors;   /* cursors[k]: where page k starts after */
  GHashTable     *pages;     /* page number → GPtrArray of summaries */
  GQueue          page_order;
  gboolean        without_facets; /* read on this thread, the facets to come */
  char           *track_id;  /* the case whose place the refresh found */
} Snapshot;

struct _CasebookCaseList
{
  GObject         parent_instance;

  CasebookStore  *store;
  CasebookFilter *filter;
  CasebookSort    sort;
  CasebookLang    lang;
  char           *track_id;

  Snapshot       *snapshot;
  GPtrArray      *facets;
  /* Product key → CasebookText, the names found so far; see
   * casebook_facet_values_name_products(). */
  GHashTable     *product_names;
  /* The filter self->facets were counted for, while they still hold for
   * the store; a refresh reuses the counts of every facet whose other
   * choices are the same. */
  CasebookFilter *facets_filter;
  GCancellable   *cancellable;
  gboolean        loading;
  gboolean        counting;
  /* The rows told to the list's users so far: all of the snapshot's, or
   * with rows_per_step set, the first ones until
   * casebook_case_list_show_more() has told the rest; then ::refreshed
   * gives shown_position. */
  guint           n_shown;
  guint           first_step;
  guint           rows_per_step;
  guint           stepped_rows;
  gint64          shown_position;
  gulong          store_changed_id;
  gulong          filter_changed_id;
  /* Counts the snapshots put in, so that work done for one can tell
   * whether it still holds (see casebook-case-list-ids.c). */
  guint64         serial;
  /* How many rows the list was asked for: for the tests. */
  guint           n_rows_read;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CasebookCaseList, casebook_case_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_COUNTING,
  PROP_SEARCHING,
  N_PROPS
};

enum {
  REFRESHED,
  FACETS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
clear_cursor (gpointer data)
{
  casebook_cursor_clear (data);
}

static Snapshot *
snapshot_new (CasebookFilter *filter,
              CasebookSort    sort,
              CasebookLang    lang)
{
  Snapshot *snap = g_new0 (Snapshot, 1);

  snap->filter = casebook_filter_copy (filter);
  snap->sort = sort;
  snap->lang = lang;
  snap->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  snap->cursors = g_array_new (FALSE, TRUE, sizeof (CasebookCursor));
  g_array_set_clear_func (snap->cursors, clear_cursor);
  g_queue_init (&snap->page_order);

  return snap;
}

static void
snapshot_free (Snapshot *snap)
{
  if (snap == NULL)
    return;

  g_clear_object (&snap->filter);
  g_clear_pointer (&snap->track_id, g_free);
  g_clear_pointer (&snap->results, g_ptr_array_unref);
  g_clear_pointer (&snap->cursors, g_array_unref);
  g_clear_pointer (&snap->pages, g_hash_table_unref);
  g_queue_clear (&snap->page_order);
  g_free (snap);
}

static gboolean
filter_searches (CasebookFilter *filter)
{
  g_autofree char *match = casebook_search_build_match (casebook_filter_get_query (filter));

  return match != NULL;
}

/* The worker: everything a new snapshot needs that may take a while. */

typedef struct
{
  CasebookCaseList *list;
  GCancellable   *cancellable;
  gboolean        ran;

  CasebookFilter *filter;
  CasebookSort    sort;
  CasebookLang    lang;
  char           *track_id;

  guint           n_items;
  guint           n_matches;
  GPtrArray      *results;
  gint64          position;
  GPtrArray      *first_pages; /* without a search, pages 0 and on */
  GArray         *first_ends;  /* where each of them ends */

  GPtrArray      *facets;
  GHashTable     *product_names;
  /* Counts of an earlier filter that may be reused, and that filter. */
  GPtrArray      *old_facets;
  CasebookFilter *old_filter;
} Refresh;

static void
refresh_free (Refresh *r)
{
  g_clear_object (&r->list);
  g_clear_object (&r->cancellable);
  g_clear_object (&r->filter);
  g_clear_pointer (&r->track_id, g_free);
  g_clear_pointer (&r->results, g_ptr_array_unref);
  g_clear_pointer (&r->first_pages, g_ptr_array_unref);
  g_clear_pointer (&r->first_ends, g_array_unref);
  g_clear_pointer (&r->facets, g_ptr_array_unref);
  g_clear_pointer (&r->product_names, g_hash_table_unref);
  g_clear_pointer (&r->old_facets, g_ptr_array_unref);
  g_clear_object (&r->old_filter);
  g_free (r);
}

/* The rows: the count, where the tracked case went, and the search
 * results or, with @first_pages, the first pages. */
static gboolean
compute_rows (CasebookStore  *store,
              Refresh        *r,
              gboolean        first_pages,
              GError        **error)
{
  r->position = -1;

  if (filter_searches (r->filter))
    {
      g_autoptr(GError) local_error = NULL;

      r->results = casebook_store_search_filtered (store, r->filter, SEARCH_LIMIT, error);
      if (r->results == NULL)
        return FALSE;
      r->n_items = r->results->len;

      /* The list shows the best SEARCH_LIMIT; say how many there are. */
      r->n_matches = r->n_items;
      if (r->n_items == SEARCH_LIMIT)
        {
          r->n_matches = casebook_store_count (store, r->filter, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }

      for (guint i = 0; r->track_id != NULL && i < r->results->len; i++)
        if (g_strcmp0 (casebook_case_summary_get_id (g_ptr_array_index (r->results, i)), r->track_id) == 0)
          r->position = i;
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      r->n_items = casebook_store_count (store, r->filter, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (r->track_id != NULL)
        {
          r->position = casebook_store_position (store, r->filter, r->sort, r->lang, r->track_id, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }

      /* The pages the list view asks for first, read here rather than on
       * the main thread: a filter that few cases pass may have to step
       * over many rows of the order to fill one. */
      if (first_pages && r->n_items > 0)
        {
          r->first_pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
          r->first_ends = g_array_new (FALSE, TRUE, sizeof (CasebookCursor));
          g_array_set_clear_func (r->first_ends, clear_cursor);

          for (guint page = 0; page < FIRST_PAGES && page * PAGE_SIZE < r->n_items; page++)
            {
              CasebookCursor end = { NULL, NULL, 0 };
              GPtrArray *rows;

              rows = casebook_store_list (store, r->filter, r->sort, r->lang,
                                          page == 0 ? NULL : &g_array_index (r->first_ends, CasebookCursor, page - 1),
                                          PAGE_SIZE, &end, error);
              if (rows == NULL)
                return FALSE;
              g_ptr_array_add (r->first_pages, rows);
              g_array_append_val (r->first_ends, end);
              if (rows->len < PAGE_SIZE)
                break;
            }
        }
    }

  return TRUE;
}

static CasebookFacetValue *
facet_value_copy (const CasebookFacetValue *value)
{
  CasebookFacetValue *copy = casebook_facet_value_new ();

  copy->facet = value->facet;
  copy->key = g_strdup (value->key);
  copy->label = value->label != NULL ? casebook_text_copy (value->label) : NULL;
  copy->count = value->count;

  return copy;
}

/* Whether @a and @b make the same choices in every facet but @facet, and
 * search for the same: then @facet's counts are the same for both. */
static gboolean
same_but (CasebookFilter *a,
          CasebookFilter *b,
          CasebookFacet   facet)
{
  g_autoptr(CasebookFilter) a_but = casebook_filter_copy (a);
  g_autoptr(CasebookFilter) b_but = casebook_filter_copy (b);
  g_autofree char *a_text = NULL;
  g_autofree char *b_text = NULL;
  g_auto(GStrv) a_values = casebook_filter_get_values (a, facet);
  g_auto(GStrv) b_values = casebook_filter_get_values (b, facet);

  for (guint i = 0; a_values != NULL && a_values[i] != NULL; i++)
    casebook_filter_set (a_but, facet, a_values[i], FALSE);
  for (guint i = 0; b_values != NULL && b_values[i] != NULL; i++)
    casebook_filter_set (b_but, facet, b_values[i], FALSE);

  a_text = casebook_filter_serialize (a_but);
  b_text = casebook_filter_serialize (b_but);
  return g_strcmp0 (a_text, b_text) == 0;
}

/* The facet counts. A facet's counts depend only on the choices made in
 * the other facets, the query and the collection, so after a change of
 * one facet the counts of that facet are still those of the old filter
 * (the old counts are only offered while the store has not changed, and
 * only outside a collection, whose cases can change without the filter). */
static gboolean
compute_facets (CasebookStore  *store,
                Refresh        *r,
                GError        **error)
{
  g_autoptr(GPtrArray) facets = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_facet_value_free);

  for (guint facet = 0; facet < CASEBOOK_N_FACETS; facet++)
    {
      if (r->old_facets != NULL && same_but (r->old_filter, r->filter, facet))
        {
          for (guint i = 0; i < r->old_facets->len; i++)
            {
              const CasebookFacetValue *value = g_ptr_array_index (r->old_facets, i);

              if (value->facet == (int) facet)
                g_ptr_array_add (facets, facet_value_copy (value));
            }
        }
      else if (!casebook_store_count_facet (store, r->filter, facet, facets, error))
        return FALSE;
    }

  if (r->product_names != NULL &&
      !casebook_facet_values_name_products (store, facets, r->filter, r->product_names,
                                            N_NAMED_PRODUCTS, error))
    return FALSE;

  r->facets = g_steal_pointer (&facets);
  return TRUE;
}

static gboolean
refresh_rows_read (CasebookStore  *reader,
                   gpointer        data,
                   GCancellable   *cancellable,
                   GError        **error)
{
  Refresh *r = data;

  r->ran = TRUE;
  return compute_rows (reader, r, TRUE, error);
}

static gboolean
refresh_facets_read (CasebookStore  *reader,
                     gpointer        data,
                     GCancellable   *cancellable,
                     GError        **error)
{
  Refresh *r = data;

  r->ran = TRUE;
  return compute_facets (reader, r, error);
}

/* ::refreshed gives the place of the case the window shows. The refresh
 * found the place of the case shown when it began; a case shown since
 * (opened from a chart while the rows were still coming, say) is looked
 * for again, or the window would take it for one the list lacks. */
static void
emit_refreshed (CasebookCaseList *self,
                gint64            position)
{
  Snapshot *snap = self->snapshot;

  if (snap != NULL && g_strcmp0 (snap->track_id, self->track_id) != 0)
    {
      position = -1;
      for (guint i = 0; self->track_id != NULL && snap->results != NULL && i < snap->results->len; i++)
        if (g_strcmp0 (casebook_case_summary_get_id (g_ptr_array_index (snap->results, i)), self->track_id) == 0)
          position = i;
      if (self->track_id != NULL && snap->results == NULL)
        position = casebook_store_position (self->store, snap->filter, snap->sort, snap->lang, self->track_id, NULL);
      if (position >= snap->n_items)
        position = -1;
    }

  g_signal_emit (self, signals[REFRESHED], 0, position);
}

static void
apply (CasebookCaseList *self,
       Snapshot         *snap,
       gint64            position)
{
  guint old_n = self->snapshot != NULL ? self->n_shown : 0;
  gboolean was_searching = self->snapshot != NULL && self->snapshot->results != NULL;

  g_clear_pointer (&self->snapshot, snapshot_free);
  self->n_shown = 0;
  self->serial++;

  /* Every row is new, so the change is told as two: all rows go, then
   * the new ones come. One items-changed (0, old, new) would cost as many
   * rows as the list has: GtkListView (its focus, anchor and selection
   * trackers) and GtkMultiSelection (its selected items) look for each
   * row they follow among all the added rows, by identity, and so read
   * every page of the store, a second and more at 100,000 cases. With
   * nothing added in the first and nothing removed in the second, there
   * is nothing to look for. Between the two the list is empty. */
  if (old_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
  self->snapshot = snap;
  self->n_shown = self->rows_per_step > 0 ? MIN (snap->n_items, self->first_step) : snap->n_items;
  if (self->n_shown > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_shown);

  if (old_n != self->n_shown)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (was_searching != (snap->results != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);

  /* The rest of the rows come with casebook_case_list_show_more(), and
   * ::refreshed with the last of them; the list is loading until then. */
  if (self->n_shown < snap->n_items)
    {
      self->shown_position = position;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }

  emit_refreshed (self, position);
}

static gboolean
showing_all (CasebookCaseList *self)
{
  return self->snapshot == NULL || self->n_shown >= self->snapshot->n_items;
}

static void
set_loading (CasebookCaseList *self,
             gboolean          loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_counting (CasebookCaseList *self,
              gboolean          counting)
{
  if (self->counting == counting)
    return;

  self->counting = counting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

/* Puts in new facet counts, counted for @filter. */
static void
apply_facets (CasebookCaseList *self,
              GPtrArray        *facets,
              CasebookFilter   *filter)
{
  g_clear_pointer (&self->facets, g_ptr_array_unref);
  self->facets = g_ptr_array_ref (facets);
  g_clear_object (&self->facets_filter);
  self->facets_filter = casebook_filter_copy (filter);

  set_counting (self, FALSE);
  g_signal_emit (self, signals[FACETS_CHANGED], 0);
}

/* The snapshot of @r's rows, with the first page in its cache. */
static Snapshot *
snapshot_of (Refresh *r)
{
  Snapshot *snap = snapshot_new (r->filter, r->sort, r->lang);

  snap->track_id = g_strdup (r->track_id);
  snap->n_items = r->n_items;
  snap->n_matches = r->n_matches;
  snap->results = g_steal_pointer (&r->results);

  /* Page k starts after the end of page k - 1. */
  for (guint page = 0; r->first_pages != NULL && page < r->first_pages->len; page++)
    {
      GPtrArray *rows = g_ptr_array_index (r->first_pages, page);
      CasebookCursor start = { NULL, NULL, 0 };

      if (page > 0)
        casebook_cursor_copy (&start, &g_array_index (r->first_ends, CasebookCursor, page - 1));
      g_array_append_val (snap->cursors, start);
      g_hash_table_insert (snap->pages, GUINT_TO_POINTER (page), g_ptr_array_ref (rows));
      g_queue_push_tail (&snap->page_order, GUINT_TO_POINTER (page));

      /* The end of a full page is where the next one starts. */
      if (page + 1 == r->first_pages->len && rows->len == PAGE_SIZE)
        {
          CasebookCursor next = { NULL, NULL, 0 };

          casebook_cursor_copy (&next, &g_array_index (r->first_ends, CasebookCursor, page));
          g_array_append_val (snap->cursors, next);
        }
    }
  g_clear_pointer (&r->first_pages, g_ptr_array_unref);

  return snap;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Refresh, refresh_free)

/* A refresh names products in a table of its own, so that one still
 * running after a newer one started does not share it. The copy is made
 * on this thread, so a table grown past a few hundred names over many
 * different filters starts afresh instead. */
static GHashTable *
copy_names (GHashTable *names)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) casebook_text_free);
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (names) > 4 * N_NAMED_PRODUCTS)
    return copy;

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), casebook_text_copy (value));

  return copy;
}

static gboolean
same_request (Snapshot *snap,
              Refresh  *r)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (snap->sort != r->sort || snap->lang != r->lang ||
      casebook_filter_get_collection (snap->filter) != casebook_filter_get_collection (r->filter))
    return FALSE;

  a = casebook_filter_serialize (snap->filter);
  b = casebook_filter_serialize (r->filter);
  return g_strcmp0 (a, b) == 0;
}

static void refresh_facets_done (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data);

static void
refresh_rows_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Refresh) r = user_data;
  CasebookCaseList *self = r->list;
  g_autoptr(GError) error = NULL;

  if (casebook_store_read_finish (CASEBOOK_STORE (source), result, &error) == NULL)
    {
      /* Cancelled, or for a list that nobody holds any more (its window
       * has closed, and its store may be gone with it). */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || G_OBJECT (self)->ref_count == 1)
        return;

      if (!r->ran)
        {
          /* No second connection could be opened; the list's own will do,
           * if more slowly. */
          g_warning ("%s", error->message);
          if (r->cancellable == self->cancellable)
            _casebook_case_list_refresh_sync (self);
          return;
        }

      g_warning ("Could not refresh the case list: %s", error->message);
      if (r->cancellable == self->cancellable)
        {
          g_clear_object (&self->cancellable);
          set_loading (self, FALSE);
          set_counting (self, FALSE);
        }
      return;
    }

  /* A newer refresh is on its way; this one is already stale. */
  if (r->cancellable != self->cancellable)
    return;

  /* The facets come next, on the worker again; the rows are in now. */
  set_counting (self, TRUE);
  set_loading (self, FALSE);

  /* The rows shown since casebook_case_list_refresh_rows() are what this
   * read found too when it asked for the same, so the list view keeps
   * them. (A change of order, language or filter may have started this
   * read before the facets came.) */
  if (self->snapshot != NULL && self->snapshot->without_facets && self->snapshot->results == NULL &&
      r->results == NULL && self->snapshot->n_items == r->n_items && same_request (self->snapshot, r))
    {
      self->snapshot->without_facets = FALSE;
      g_free (self->snapshot->track_id);
      self->snapshot->track_id = g_strdup (r->track_id);
      if (showing_all (self))
        emit_refreshed (self, r->position);
      else
        self->shown_position = r->position;
    }
  else
    apply (self, snapshot_of (r), r->position);

  /* The handlers of ::refreshed may have started a newer refresh. */
  if (r->cancellable != self->cancellable)
    return;

  /* Only this refresh still holds the list, so nobody will ask for its
   * counts; and the store may be closing (its last reference dropped). */
  if (G_OBJECT (self)->ref_count == 1)
    {
      g_clear_object (&self->cancellable);
      set_counting (self, FALSE);
      return;
    }

  r->ran = FALSE;
  casebook_store_read_async (self->store, refresh_facets_read, r, NULL, self->cancellable,
                             refresh_facets_done, r);
  r = NULL;
}

static void
refresh_facets_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Refresh) r = user_data;
  CasebookCaseList *self = r->list;
  g_autoptr(GError) error = NULL;

  if (casebook_store_read_finish (CASEBOOK_STORE (source), result, &error) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || r->cancellable != self->cancellable ||
          G_OBJECT (self)->ref_count == 1)
        return;

      g_clear_object (&self->cancellable);
      if (!r->ran)
        {
          g_warning ("%s", error->message);
          g_clear_error (&error);
          g_clear_object (&r->cancellable);
          if (compute_facets (self->store, r, &error))
            {
              g_clear_pointer (&self->product_names, g_hash_table_unref);
              self->product_names = g_steal_pointer (&r->product_names);
              apply_facets (self, r->facets, r->filter);
              return;
            }
        }

      g_warning ("Could not count the filters: %s", error->message);
      set_counting (self, FALSE);
      return;
    }

  if (r->cancellable != self->cancellable)
    return;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->product_names, g_hash_table_unref);
  self->product_names = g_steal_pointer (&r->product_names);
  apply_facets (self, r->facets, r->filter);
}

static void
refresh (CasebookCaseList *self,
         gboolean          reuse_facets)
{
  Refresh *r;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  r = g_new0 (Refresh, 1);
  r->list = g_object_ref (self);
  r->cancellable = g_object_ref (self->cancellable);
  r->filter = casebook_filter_copy (self->filter);
  r->sort = self->sort;
  r->lang = self->lang;
  r->track_id = g_strdup (self->track_id);
  r->product_names = copy_names (self->product_names);

  if (reuse_facets && self->facets != NULL && self->facets_filter != NULL &&
      casebook_filter_get_collection (self->facets_filter) == 0 &&
      casebook_filter_get_collection (r->filter) == 0)
    {
      r->old_facets = g_ptr_array_ref (self->facets);
      r->old_filter = g_object_ref (self->facets_filter);
    }

  set_loading (self, TRUE);

  /* @r is freed by refresh_rows_done() or refresh_facets_done(), one of
   * which always runs. */
  casebook_store_read_async (self->store, refresh_rows_read, r, NULL, self->cancellable, refresh_rows_done, r);
}

/**
 * casebook_case_list_refresh:
 *
 * Reads the store again on a worker thread with the current filter, order
 * and language, and swaps in the result when it is ready; a refresh still
 * running is cancelled. #CasebookCaseList::refreshed says when the rows
 * are in, #CasebookCaseList::facets-changed when the facet counts are.
 * Every facet is counted again: call this when the cases have changed.
 */
void
casebook_case_list_refresh (CasebookCaseList *self)
{
  g_return_if_fail (CASEBOOK_IS_CASE_LIST (self));

  /* The store may have changed in ways it does not announce (a tag). */
  g_clear_object (&self->facets_filter);
  refresh (self, FALSE);
}

static void
refresh_sync (CasebookCaseList *self,
              gboolean          with_facets)
{
  g_autoptr(GError) error = NULL;
  Refresh r = { 0 };

  g_return_if_fail (CASEBOOK_IS_CASE_LIST (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
  set_counting (self, FALSE);

  r.filter = casebook_filter_copy (self->filter);
  r.sort = self->sort;
  r.lang = self->lang;
  r.track_id = g_strdup (self->track_id);
  r.product_names = g_hash_table_ref (self->product_names);

  if (!compute_rows (self->store, &r, FALSE, &error))
    g_warning ("Could not refresh the case list: %s", error->message);
  else if (with_facets)
    set_counting (self, TRUE);

  apply (self, snapshot_of (&r), r.position);

  if (with_facets && self->counting)
    {
      if (compute_facets (self->store, &r, &error))
        apply_facets (self, r.facets, r.filter);
      else
        {
          g_warning ("Could not count the filters: %s", error->message);
          set_counting (self, FALSE);
        }
    }

  g_clear_object (&r.filter);
  g_clear_pointer (&r.track_id, g_free);
  g_clear_pointer (&r.results, g_ptr_array_unref);
  g_clear_pointer (&r.facets, g_ptr_array_unref);
  g_clear_pointer (&r.product_names, g_hash_table_unref);
}

/*
 * _casebook_case_list_refresh_sync:
 *
 * Like casebook_case_list_refresh(), but on this thread, and done when it
 * returns.
 */
void
_casebook_case_list_refresh_sync (CasebookCaseList *self)
{
  g_return_if_fail (CASEBOOK_IS_CASE_LIST (self));

  refresh_sync (self, TRUE);
}

/**
 * casebook_case_list_refresh_first:
 *
 * What a window does when it opens: counts the cases on this thread, which
 * takes a moment at any size, so that the first frame already shows rows
 * (a row is read when the list view asks for it), and then reads the
 * facet counts, which grow with the store, on a worker thread like
 * casebook_case_list_refresh(). A search is left to the worker whole.
 */
void
casebook_case_list_refresh_first (CasebookCaseList *self)
{
  g_return_if_fail (CASEBOOK_IS_CASE_LIST (self));

  casebook_case_list_refresh_rows (self);
  casebook_case_list_refresh (self);
}

/**
 * casebook_case_list_refresh_rows:
 *
 * The first half of casebook_case_list_refresh_first(): counts the cases
 * on this thread, so that rows can show at once, and cancels a refresh
 * still running. The facet counts are left to a casebook_case_list_refresh()
 * that the caller starts when it suits it, such as after the first frame;
 * that refresh keeps these rows if the count is still the same.
 *
 * Returns: %FALSE, doing nothing, when the filter searches: then the whole
 *   list is left to casebook_case_list_refresh()
 */
gboolean
casebook_case_list_refresh_rows (CasebookCaseList *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), FALSE);

  if (filter_searches (self->filter))
    return FALSE;

  refresh_sync (self, FALSE);
  self->snapshot->without_facets = TRUE;
  return TRUE;
}

static void
on_store_changed (CasebookCaseList *self,
                  CasebookStore    *store)
{
  /* A product may have been renamed, or be gone. */
  g_hash_table_remove_all (self->product_names);

  casebook_case_list_refresh (self);
}

static void
on_filter_changed (CasebookCaseList *self,
                   CasebookFilter   *filter)
{
  refresh (self, TRUE);
}

/* Pages. */

static gboolean
ensure_cursor (CasebookCaseList *self,
               guint             page)
{
  Snapshot *snap = self->snapshot;

  if (snap->cursors->len == 0)
    {
      CasebookCursor first = { NULL, NULL, 0 };
      g_array_append_val (snap->cursors, first);
    }

  if (snap->cursors->len <= page)
    {
      guint k = snap->cursors->len - 1;
      const CasebookCursor *last = &g_array_index (snap->cursors, CasebookCursor, k);
      g_autoptr(GError) error = NULL;
      g_auto(CasebookCursor) after = { NULL, NULL, 0 };

      /* The array may grow while the store appends to it. */
      casebook_cursor_copy (&after, last);

      if (!casebook_store_skip_pages (self->store, snap->filter, snap->sort, snap->lang,
                                      k == 0 ? NULL : &after, PAGE_SIZE, page + 1 - k,
                                      snap->cursors, &error))
        {
          g_warning ("Could not page through the cases: %s", error->message);
          return FALSE;
        }
    }

  return snap->cursors->len > page;
}

static GPtrArray *
load_page (CasebookCaseList *self,
           guint             page)
{
  Snapshot *snap = self->snapshot;
  GPtrArray *rows = g_hash_table_lookup (snap->pages, GUINT_TO_POINTER (page));
  g_autoptr(GError) error = NULL;
  g_auto(CasebookCursor) last = { NULL, NULL, 0 };

  if (rows != NULL)
    return rows;

  if (!ensure_cursor (self, page))
    return NULL;

  rows = casebook_store_list (self->store, snap->filter, snap->sort, snap->lang,
                              page == 0 ? NULL : &g_array_index (snap->cursors, CasebookCursor, page),
                              PAGE_SIZE, &last, &error);
  if (rows == NULL)
    {
      g_warning ("Could not list the cases: %s", error->message);
      return NULL;
    }

  /* The end of this page is where the next one starts. */
  if (snap->cursors->len == page + 1 && rows->len == PAGE_SIZE)
    {
      CasebookCursor next = { NULL, NULL, 0 };

      casebook_cursor_copy (&next, &last);
      g_array_append_val (snap->cursors, next);
    }

  g_hash_table_insert (snap->pages, GUINT_TO_POINTER (page), rows);
  g_queue_push_tail (&snap->page_order, GUINT_TO_POINTER (page));

  if (g_queue_get_length (&snap->page_order) > MAX_CACHED_PAGES)
    g_hash_table_remove (snap->pages, g_queue_pop_head (&snap->page_order));

  return rows;
}

static GType
casebook_case_list_get_item_type (GListModel *model)
{
  return CASEBOOK_TYPE_CASE_SUMMARY;
}

static guint
casebook_case_list_get_n_items (GListModel *model)
{
  CasebookCaseList *self = CASEBOOK_CASE_LIST (model);

  return self->snapshot != NULL ? self->n_shown : 0;
}

static gpointer
casebook_case_list_get_item (GListModel *model,
                             guint       position)
{
  CasebookCaseList *self = CASEBOOK_CASE_LIST (model);
  Snapshot *snap = self->snapshot;
  GPtrArray *rows;
  guint page;

  self->n_rows_read++;
  if (snap == NULL || position >= self->n_shown)
    return NULL;

  if (snap->results != NULL)
    return g_object_ref (g_ptr_array_index (snap->results, position));

  page = position / PAGE_SIZE;
  rows = load_page (self, page);
  if (rows == NULL || position % PAGE_SIZE >= rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = casebook_case_list_get_item_type;
  iface->get_n_items = casebook_case_list_get_n_items;
  iface->get_item = casebook_case_list_get_item;
}

static void
casebook_case_list_dispose (GObject *object)
{
  CasebookCaseList *self = (CasebookCaseList *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  if (self->filter != NULL)
    g_clear_signal_handler (&self->filter_changed_id, self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (casebook_case_list_parent_class)->dispose (object);
}

static void
casebook_case_list_finalize (GObject *object)
{
  CasebookCaseList *self = (CasebookCaseList *)object;

  g_clear_pointer (&self->snapshot, snapshot_free);
  g_clear_pointer (&self->facets, g_ptr_array_unref);
  g_clear_object (&self->facets_filter);
  g_clear_pointer (&self->product_names, g_hash_table_unref);
  g_clear_pointer (&self->track_id, g_free);

  G_OBJECT_CLASS (casebook_case_list_parent_class)->finalize (object);
}

static void
casebook_case_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CasebookCaseList *self = CASEBOOK_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, casebook_case_list_get_n_items (G_LIST_MODEL (self)));
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_COUNTING:
      g_value_set_boolean (value, self->counting);
      break;

    case PROP_SEARCHING:
      g_value_set_boolean (value, casebook_case_list_is_searching (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_case_list_class_init (CasebookCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = casebook_case_list_dispose;
  object_class->finalize = casebook_case_list_finalize;
  object_class->get_property = casebook_case_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CasebookCaseList:counting:
   *
   * Whether facet counts for the rows shown are still being read; until
   * they are in, casebook_case_list_get_facets() gives the earlier ones.
   */
  properties[PROP_COUNTING] =
    g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CasebookCaseList::refreshed:
   * @position: where the tracked case now stands, or -1 if it no longer
   *   matches
   *
   * Emitted when the rows of a refresh are in place. Its facet counts
   * may still be coming (#CasebookCaseList:counting), with
   * #CasebookCaseList::facets-changed.
   */
  signals[REFRESHED] = g_signal_new ("refreshed",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * CasebookCaseList::facets-changed:
   *
   * Emitted when the facet counts of the rows shown are in place
   * (casebook_case_list_get_facets()), after #CasebookCaseList::refreshed.
   */
  signals[FACETS_CHANGED] = g_signal_new ("facets-changed",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
casebook_case_list_init (CasebookCaseList *self)
{
  self->product_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) casebook_text_free);
}

/**
 * casebook_case_list_new_empty:
 * @store: the store to list
 * @filter: (nullable): the filter to follow, or %NULL for a filter of its own
 * @sort: the order of the rows
 * @lang: the language whose titles set the order
 *
 * A list with no rows yet, for one that is put in place (in a list view,
 * with a selection) before it is filled with
 * casebook_case_list_refresh_first(): its rows are then made once, and
 * the cases counted once. Later changes refresh it as for
 * casebook_case_list_new().
 *
 * Returns: (transfer full): a new, empty case list
 */
CasebookCaseList *
casebook_case_list_new_empty (CasebookStore  *store,
                              CasebookFilter *filter,
                              CasebookSort    sort,
                              CasebookLang    lang)
{
  CasebookCaseList *self;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (filter == NULL || CASEBOOK_IS_FILTER (filter), NULL);
  g_return_val_if_fail (sort < CASEBOOK_N_SORTS, NULL);

  self = g_object_new (CASEBOOK_TYPE_CASE_LIST, NULL);
  self->store = g_object_ref (store);
  self->filter = filter != NULL ? g_object_ref (filter) : casebook_filter_new ();
  self->lang = lang;
  self->sort = sort;

  self->store_changed_id = g_signal_connect_object (store, "changed",
                                                    G_CALLBACK (on_store_changed), self,
                                                    G_CONNECT_SWAPPED);
  self->filter_changed_id = g_signal_connect_object (self->filter, "changed",
                                                     G_CALLBACK (on_filter_changed), self,
                                                     G_CONNECT_SWAPPED);

  return self;
}

/**
 * casebook_case_list_new:
 * @store: the store to list
 * @filter: (nullable): the filter to follow, or %NULL for a filter of its own
 * @lang: the language whose titles set the order
 *
 * The rows are there when this returns; the facet counts come with the
 * first refresh (casebook_case_list_refresh()). Later changes of @filter,
 * of the store, of the order or of the language refresh the list in the
 * background.
 *
 * Returns: (transfer full): a new list
 */
CasebookCaseList *
casebook_case_list_new (CasebookStore  *store,
                        CasebookFilter *filter,
                        CasebookLang    lang)
{
  CasebookCaseList *self;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (filter == NULL || CASEBOOK_IS_FILTER (filter), NULL);

  self = casebook_case_list_new_empty (store, filter, CASEBOOK_SORT_TITLE, lang);

  /* Only the count, so that the first rows show at once however large the
   * store; the facet counts come with the first refresh. */
  refresh_sync (self, FALSE);

  return self;
}

void
casebook_case_list_set_lang (CasebookCaseList *self,
                             CasebookLang      lang)
{
  g_return_if_fail (CASEBOOK_IS_CASE_LIST (self));

  if (self->lang == lang)
    return;

  self->lang = lang;
  refresh (self, TRUE);
}

/**
 * casebook_case_list_set_sort:
 *
 * Sets the order used when the filter has no query; search results are
 * always ranked by relevance.
 */
void
casebook_case_list_set_sort (CasebookCaseList *self,
                             CasebookSort      sort)
{
  g_return_if_fail (CASEBOOK_IS_CASE_LIST (self));
  g_return_if_fail (sort < CASEBOOK_N_SORTS);

  if (self->sort == sort)
    return;

  self->sort = sort;
  refresh (self, TRUE);
}

/**
 * casebook_case_list_set_track_id:
 * @id: (nullable): the case whose position #CasebookCaseList::refreshed
 *   reports, usually the selected one
 */
void
casebook_case_list_set_track_id (CasebookCaseList *self,
                                 const char       *id)
{
  g_return_if_fail (CASEBOOK_IS_CASE_LIST (self));

  g_free (self->track_id);
  self->track_id = g_strdup (id);
}

/**
 * casebook_case_list_get_facets:
 *
 * Returns: (transfer none) (nullable) (element-type CasebookFacetValue):
 *   the facet counts of the current snapshot (of the one before while
 *   casebook_case_list_is_counting()), or %NULL before the first refresh
 */
GPtrArray *
casebook_case_list_get_facets (CasebookCaseList *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), NULL);
  return self->facets;
}

/**
 * casebook_case_list_is_loading:
 *
 * Returns: %TRUE while the rows of a refresh are being read
 */
gboolean
casebook_case_list_is_loading (CasebookCaseList *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), FALSE);
  return self->loading || !showing_all (self);
}

/**
 * casebook_case_list_get_n_rows:
 *
 * Returns: how many rows the list holds, told yet or not (see
 *   casebook_case_list_set_rows_per_step())
 */
guint
casebook_case_list_get_n_rows (CasebookCaseList *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), 0);

  return self->snapshot != NULL ? self->snapshot->n_items : 0;
}

/**
 * casebook_case_list_set_rows_per_step:
 * @first: how many rows the first step tells
 * @rows: how many rows each later step tells, or 0 for all at once
 * @until: after how many rows to tell all the rest at once
 *
 * Tells a refresh's first @until rows a step at a time: @first with the
 * refresh, then @rows with each casebook_case_list_show_more(), and the
 * rest with the last step. GTK 4.8's GtkListView makes a row widget for
 * each of the first two hundred items of its model at once, which at
 * about 1 ms a row held the window's first frame, and every change of
 * filter, for a fifth of a second or more; a window that calls
 * show_more() after each frame it paints makes them a step a frame
 * instead, and one whose first step is the rows it has room for makes no
 * row before its first frame that the frame does not show. Until the
 * last step the list is loading, its #GListModel holds only the rows
 * told so far, and ::refreshed waits for it. @first may be changed at
 * any time; it applies from the next refresh.
 */
void
casebook_case_list_set_rows_per_step (CasebookCaseList *self,
                                      guint             first,
                                      guint             rows,
                                      guint             until)
{
  g_return_if_fail (CASEBOOK_IS_CASE_LIST (self));
  g_return_if_fail (rows == 0 || first > 0);

  self->first_step = first;
  self->rows_per_step = rows;
  self->stepped_rows = until;
}

/**
 * casebook_case_list_show_more:
 *
 * Tells the next step of rows, and on the last emits ::refreshed.
 *
 * Returns: whether rows are still to come
 */
gboolean
casebook_case_list_show_more (CasebookCaseList *self)
{
  guint more = G_MAXUINT;

  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), FALSE);

  if (showing_all (self))
    return FALSE;

  if (self->rows_per_step > 0 && self->n_shown + self->rows_per_step < self->stepped_rows)
    more = self->rows_per_step;

  return casebook_case_list_show_rows (self, more);
}

/**
 * casebook_case_list_show_rows:
 * @n_rows: how many more rows to tell, at most
 *
 * Tells up to @n_rows more rows now, whatever the size of a step: for a
 * window whose first step turned out not to fill its list. The rows
 * after them still come with casebook_case_list_show_more(); with the
 * last row ::refreshed is emitted.
 *
 * Returns: whether rows are still to come
 */
gboolean
casebook_case_list_show_rows (CasebookCaseList *self,
                              guint             n_rows)
{
  guint before, more;

  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), FALSE);

  if (showing_all (self) || n_rows == 0)
    return !showing_all (self);

  before = self->n_shown;
  more = MIN (n_rows, self->snapshot->n_items - before);
  self->n_shown += more;
  g_list_model_items_changed (G_LIST_MODEL (self), before, 0, more);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  if (!showing_all (self))
    return TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  emit_refreshed (self, self->shown_position);
  return FALSE;
}

/**
 * casebook_case_list_is_counting:
 *
 * Returns: %TRUE while the facet counts of the rows shown are being read
 */
gboolean
casebook_case_list_is_counting (CasebookCaseList *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), FALSE);
  return self->counting;
}

/**
 * casebook_case_list_get_n_matches:
 *
 * Returns: while searching, how many cases match in all, which can be more
 *   than the list shows; otherwise the number of rows
 */
guint
casebook_case_list_get_n_matches (CasebookCaseList *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), 0);

  if (self->snapshot == NULL)
    return 0;

  return self->snapshot->results != NULL ? self->snapshot->n_matches : self->snapshot->n_items;
}

/**
 * casebook_case_list_is_searching:
 *
 * Returns: %TRUE when the list shows search results, ranked by relevance
 */
gboolean
casebook_case_list_is_searching (CasebookCaseList *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), FALSE);
  return self->snapshot != NULL && self->snapshot->results != NULL;
}

/*
 * _casebook_case_list_get_shown:
 * @filter: (out) (transfer none) (optional): the filter of the rows shown
 * @sort: (out) (optional): their order
 * @lang: (out) (optional): the language of their order
 * @results: (out) (transfer none) (optional): while searching, the rows,
 *   ranked; else %NULL
 * @serial: (out) (optional): changes whenever the rows are replaced
 *
 * What the rows the list shows now are, for casebook-case-list-ids.c.
 *
 * Returns: %FALSE when the list has no rows to show yet
 */
gboolean
_casebook_case_list_get_shown (CasebookCaseList  *self,
                               CasebookFilter   **filter,
                               CasebookSort      *sort,
                               CasebookLang      *lang,
                               GPtrArray        **results,
                               guint64           *serial)
{
  Snapshot *snap;

  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), FALSE);

  snap = self->snapshot;
  if (serial != NULL)
    *serial = self->serial;
  if (snap == NULL)
    return FALSE;

  if (filter != NULL)
    *filter = snap->filter;
  if (sort != NULL)
    *sort = snap->sort;
  if (lang != NULL)
    *lang = snap->lang;
  if (results != NULL)
    *results = snap->results;
  return TRUE;
}

/*
 * _casebook_case_list_get_store:
 *
 * Returns: (transfer none): the store the list reads
 */
CasebookStore *
_casebook_case_list_get_store (CasebookCaseList *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), NULL);
  return self->store;
}

/*
 * _casebook_case_list_get_n_rows_read:
 *
 * Returns: how many times the list was asked for a row, for the tests
 */
guint
_casebook_case_list_get_n_rows_read (CasebookCaseList *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), 0);
  return self->n_rows_read;
}
