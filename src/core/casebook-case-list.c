/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-list"

#include "casebook-case-list.h"

/**
 * CasebookCaseList:
 *
 * A #GListModel of #CasebookCaseSummary over a store: every case in title
 * order, or the results of a search, best match first.
 *
 * The model never loads the whole store. It counts the rows once, and
 * fetches them a page at a time as the view asks for them, paging by key.
 * Recently used pages are kept in a small cache.
 */

#define PAGE_SIZE        64
#define MAX_CACHED_PAGES 32
#define SEARCH_LIMIT     5000

typedef struct
{
  char   *key;
  gint64  nr;
} Cursor;

struct _CasebookCaseList
{
  GObject         parent_instance;

  CasebookStore  *store;
  CasebookLang    lang;
  char           *query;

  guint           n_items;
  GPtrArray      *results;   /* in search mode */
  GArray         *cursors;   /* cursors[k]: the row page k starts after */
  GHashTable     *pages;     /* page number → GPtrArray of summaries */
  GQueue          page_order;
  gulong          changed_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CasebookCaseList, casebook_case_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LANG,
  PROP_QUERY,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_cursor (gpointer data)
{
  Cursor *cursor = data;

  g_clear_pointer (&cursor->key, g_free);
}

static void
drop_caches (CasebookCaseList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_order);
  g_array_set_size (self->cursors, 0);
  g_clear_pointer (&self->results, g_ptr_array_unref);
}

static guint
count_items (CasebookCaseList *self)
{
  g_autoptr(GError) error = NULL;

  if (self->query != NULL)
    {
      self->results = casebook_store_search (self->store, self->query, SEARCH_LIMIT, &error);
      if (self->results == NULL)
        {
          g_warning ("Search failed: %s", error->message);
          self->results = g_ptr_array_new_with_free_func (g_object_unref);
        }
      return self->results->len;
    }

  return casebook_store_get_n_cases (self->store);
}

/**
 * casebook_case_list_reload:
 *
 * Reads the store again and tells the views what changed.
 */
void
casebook_case_list_reload (CasebookCaseList *self)
{
  guint old_n;

  g_return_if_fail (CASEBOOK_IS_CASE_LIST (self));

  old_n = self->n_items;
  drop_caches (self);
  self->n_items = count_items (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_store_changed (CasebookCaseList *self,
                  CasebookStore    *store)
{
  casebook_case_list_reload (self);
}

static gboolean
ensure_cursor (CasebookCaseList *self,
               guint             page)
{
  if (self->cursors->len == 0)
    {
      Cursor first = { NULL, 0 };
      g_array_append_val (self->cursors, first);
    }

  while (self->cursors->len <= page)
    {
      const Cursor *last = &g_array_index (self->cursors, Cursor, self->cursors->len - 1);
      g_autoptr(GError) error = NULL;
      Cursor next = { NULL, 0 };
      guint n = 0;

      if (!casebook_store_scan_keys (self->store, self->lang, last->key, last->nr, PAGE_SIZE,
                                     &next.key, &next.nr, &n, &error))
        {
          g_warning ("Could not page through the cases: %s", error->message);
          return FALSE;
        }

      if (n < PAGE_SIZE)
        return FALSE;

      g_array_append_val (self->cursors, next);
    }

  return TRUE;
}

static GPtrArray *
load_page (CasebookCaseList *self,
           guint             page)
{
  GPtrArray *rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  g_autoptr(GError) error = NULL;
  g_autofree char *last_key = NULL;
  const Cursor *cursor;

  if (rows != NULL)
    return rows;

  if (!ensure_cursor (self, page))
    return NULL;

  cursor = &g_array_index (self->cursors, Cursor, page);
  rows = casebook_store_list (self->store, self->lang, cursor->key, cursor->nr,
                              PAGE_SIZE, &last_key, &error);
  if (rows == NULL)
    {
      g_warning ("Could not list the cases: %s", error->message);
      return NULL;
    }

  /* The end of this page is where the next one starts. */
  if (self->cursors->len == page + 1 && rows->len == PAGE_SIZE)
    {
      Cursor next = { g_steal_pointer (&last_key),
                      casebook_case_summary_get_nr (g_ptr_array_index (rows, rows->len - 1)) };
      g_array_append_val (self->cursors, next);
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (page));

  if (g_queue_get_length (&self->page_order) > MAX_CACHED_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_head (&self->page_order));

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
  return CASEBOOK_CASE_LIST (model)->n_items;
}

static gpointer
casebook_case_list_get_item (GListModel *model,
                             guint       position)
{
  CasebookCaseList *self = CASEBOOK_CASE_LIST (model);
  GPtrArray *rows;
  guint page;

  if (position >= self->n_items)
    return NULL;

  if (self->results != NULL)
    return g_object_ref (g_ptr_array_index (self->results, position));

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

  if (self->store != NULL && self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (casebook_case_list_parent_class)->dispose (object);
}

static void
casebook_case_list_finalize (GObject *object)
{
  CasebookCaseList *self = (CasebookCaseList *)object;

  drop_caches (self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->cursors, g_array_unref);
  g_clear_pointer (&self->query, g_free);

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
    case PROP_LANG:
      g_value_set_int (value, self->lang);
      break;

    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_case_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CasebookCaseList *self = CASEBOOK_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_LANG:
      casebook_case_list_set_lang (self, g_value_get_int (value));
      break;

    case PROP_QUERY:
      casebook_case_list_set_query (self, g_value_get_string (value));
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
  object_class->set_property = casebook_case_list_set_property;

  properties[PROP_LANG] =
    g_param_spec_int ("lang", NULL, NULL,
                      CASEBOOK_LANG_ZH, CASEBOOK_LANG_EN, CASEBOOK_LANG_EN,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
casebook_case_list_init (CasebookCaseList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->cursors = g_array_new (FALSE, TRUE, sizeof (Cursor));
  g_array_set_clear_func (self->cursors, clear_cursor);
  g_queue_init (&self->page_order);
}

/**
 * casebook_case_list_new:
 * @store: the store to list
 * @lang: the language whose titles set the order
 *
 * Returns: (transfer full): a new list of every case in @store
 */
CasebookCaseList *
casebook_case_list_new (CasebookStore *store,
                        CasebookLang   lang)
{
  CasebookCaseList *self;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);

  self = g_object_new (CASEBOOK_TYPE_CASE_LIST, NULL);
  self->store = g_object_ref (store);
  self->lang = lang;
  self->changed_id = g_signal_connect_object (store, "changed",
                                              G_CALLBACK (on_store_changed), self,
                                              G_CONNECT_SWAPPED);
  self->n_items = count_items (self);

  return self;
}

/**
 * casebook_case_list_get_store:
 *
 * Returns: (transfer none): the store
 */
CasebookStore *
casebook_case_list_get_store (CasebookCaseList *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), NULL);
  return self->store;
}

CasebookLang
casebook_case_list_get_lang (CasebookCaseList *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), CASEBOOK_LANG_EN);
  return self->lang;
}

void
casebook_case_list_set_lang (CasebookCaseList *self,
                             CasebookLang      lang)
{
  g_return_if_fail (CASEBOOK_IS_CASE_LIST (self));

  if (self->lang == lang)
    return;

  self->lang = lang;
  casebook_case_list_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANG]);
}

const char *
casebook_case_list_get_query (CasebookCaseList *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_LIST (self), NULL);
  return self->query;
}

/**
 * casebook_case_list_set_query:
 * @query: (nullable): a search, or %NULL (or only spaces) for every case
 */
void
casebook_case_list_set_query (CasebookCaseList *self,
                              const char       *query)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (CASEBOOK_IS_CASE_LIST (self));

  if (query != NULL)
    {
      stripped = g_strstrip (g_strdup (query));
      if (stripped[0] == '\0')
        g_clear_pointer (&stripped, g_free);
    }

  if (g_strcmp0 (self->query, query) == 0 && (stripped != NULL) == (self->query != NULL))
    return;

  g_free (self->query);
  self->query = stripped != NULL ? g_strdup (query) : NULL;
  casebook_case_list_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}
