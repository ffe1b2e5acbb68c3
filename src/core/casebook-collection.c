/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-collection"

#include "casebook-collection.h"

/**
 * CasebookCollection:
 *
 * A collection as data: its name, an optional introduction (the brief's
 * cover text), and either the ordered ids of its cases (a plain
 * collection) or a saved filter and search (a smart one). It holds no
 * store: casebook-store-collections.h reads and writes collections, and
 * the JSON reader and writer exchange them.
 */
struct _CasebookCollection
{
  GObject         parent_instance;

  gint64          id;
  char           *name;
  char           *introduction;
  CasebookFilter *filter;     /* NULL for a plain collection */
  GPtrArray      *case_ids;   /* of char *, in the collection's order */
  guint           n_cases;
};

G_DEFINE_FINAL_TYPE (CasebookCollection, casebook_collection, G_TYPE_OBJECT)

static void
casebook_collection_finalize (GObject *object)
{
  CasebookCollection *self = (CasebookCollection *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->introduction, g_free);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->case_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (casebook_collection_parent_class)->finalize (object);
}

static void
casebook_collection_class_init (CasebookCollectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = casebook_collection_finalize;
}

static void
casebook_collection_init (CasebookCollection *self)
{
  self->case_ids = g_ptr_array_new_with_free_func (g_free);
}

/**
 * casebook_collection_new:
 * @name: the collection's name
 *
 * Returns: (transfer full): a new plain collection, with no cases and no
 *   store id (0)
 */
CasebookCollection *
casebook_collection_new (const char *name)
{
  CasebookCollection *self = g_object_new (CASEBOOK_TYPE_COLLECTION, NULL);

  self->name = g_strdup (name);

  return self;
}

/**
 * casebook_collection_new_smart:
 * @name: the collection's name
 * @filter: the facets and search the collection stands for
 *
 * The collection keeps a copy of @filter without its collection
 * restriction (casebook_filter_set_collection()): a smart collection is
 * never defined by another collection, so that none can refer to itself.
 *
 * Returns: (transfer full): a new smart collection
 */
CasebookCollection *
casebook_collection_new_smart (const char     *name,
                               CasebookFilter *filter)
{
  CasebookCollection *self;

  g_return_val_if_fail (CASEBOOK_IS_FILTER (filter), NULL);

  self = casebook_collection_new (name);
  self->filter = casebook_filter_copy (filter);
  casebook_filter_set_collection (self->filter, 0);

  return self;
}

/**
 * casebook_collection_get_id:
 *
 * Returns: the collection's id in its store, or 0 for one that is not
 *   stored (read from a file, or not created yet)
 */
gint64
casebook_collection_get_id (CasebookCollection *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COLLECTION (self), 0);
  return self->id;
}

void
casebook_collection_set_id (CasebookCollection *self,
                            gint64              id)
{
  g_return_if_fail (CASEBOOK_IS_COLLECTION (self));
  self->id = id;
}

const char *
casebook_collection_get_name (CasebookCollection *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COLLECTION (self), NULL);
  return self->name;
}

void
casebook_collection_set_name (CasebookCollection *self,
                              const char         *name)
{
  char *copy;

  g_return_if_fail (CASEBOOK_IS_COLLECTION (self));

  copy = g_strdup (name);
  g_free (self->name);
  self->name = copy;
}

/**
 * casebook_collection_get_introduction:
 *
 * Returns: (nullable): the text the brief's cover shows under the name
 */
const char *
casebook_collection_get_introduction (CasebookCollection *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COLLECTION (self), NULL);
  return self->introduction;
}

/**
 * casebook_collection_set_introduction:
 * @introduction: (nullable): plain text, line breaks kept; empty is none
 */
void
casebook_collection_set_introduction (CasebookCollection *self,
                                      const char         *introduction)
{
  char *copy;

  g_return_if_fail (CASEBOOK_IS_COLLECTION (self));

  copy = introduction != NULL && introduction[0] != '\0' ? g_strdup (introduction) : NULL;
  g_free (self->introduction);
  self->introduction = copy;
}

gboolean
casebook_collection_is_smart (CasebookCollection *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COLLECTION (self), FALSE);
  return self->filter != NULL;
}

/**
 * casebook_collection_get_filter:
 *
 * Returns: (transfer none) (nullable): the saved filter and search of a
 *   smart collection, or %NULL for a plain one
 */
CasebookFilter *
casebook_collection_get_filter (CasebookCollection *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COLLECTION (self), NULL);
  return self->filter;
}

/**
 * casebook_collection_set_filter:
 * @filter: (nullable): the saved filter, or %NULL to make the collection
 *   plain
 *
 * Keeps a copy of @filter, without its collection restriction, as
 * casebook_collection_new_smart() does.
 */
void
casebook_collection_set_filter (CasebookCollection *self,
                                CasebookFilter     *filter)
{
  g_return_if_fail (CASEBOOK_IS_COLLECTION (self));
  g_return_if_fail (filter == NULL || CASEBOOK_IS_FILTER (filter));

  g_clear_object (&self->filter);
  if (filter != NULL)
    {
      self->filter = casebook_filter_copy (filter);
      casebook_filter_set_collection (self->filter, 0);
    }
}

/**
 * casebook_collection_get_case_ids:
 *
 * The ids of a plain collection's cases, in its order. The array is the
 * collection's own: the JSON reader and the store append to it.
 *
 * Returns: (transfer none) (element-type utf8): the ids
 */
GPtrArray *
casebook_collection_get_case_ids (CasebookCollection *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COLLECTION (self), NULL);
  return self->case_ids;
}

guint
casebook_collection_get_n_cases (CasebookCollection *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COLLECTION (self), 0);
  return self->n_cases;
}

void
casebook_collection_set_n_cases (CasebookCollection *self,
                                 guint               n_cases)
{
  g_return_if_fail (CASEBOOK_IS_COLLECTION (self));
  self->n_cases = n_cases;
}
