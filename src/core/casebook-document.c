/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-document"

#include "casebook-document-private.h"

/**
 * CasebookDocument:
 *
 * A case collection as one interchange file holds it: cases, sectors,
 * metric families and the report's cross-sector material. Documents are
 * what import reads and export writes; the store is where they live.
 */
struct _CasebookDocument
{
  GObject       parent_instance;

  gint64        revision;
  CasebookText *title;
  CasebookText *publisher;
  GPtrArray    *cases;
  GPtrArray    *sectors;
  GPtrArray    *metrics;
  GPtrArray    *insights;
  GPtrArray    *ranges;
  GPtrArray    *references;
  GPtrArray    *collections;
};

G_DEFINE_FINAL_TYPE (CasebookDocument, casebook_document, G_TYPE_OBJECT)

static void
casebook_document_finalize (GObject *object)
{
  CasebookDocument *self = (CasebookDocument *)object;

  g_clear_pointer (&self->title, casebook_text_free);
  g_clear_pointer (&self->publisher, casebook_text_free);
  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_clear_pointer (&self->sectors, g_ptr_array_unref);
  g_clear_pointer (&self->metrics, g_ptr_array_unref);
  g_clear_pointer (&self->insights, g_ptr_array_unref);
  g_clear_pointer (&self->ranges, g_ptr_array_unref);
  g_clear_pointer (&self->references, g_ptr_array_unref);
  g_clear_pointer (&self->collections, g_ptr_array_unref);

  G_OBJECT_CLASS (casebook_document_parent_class)->finalize (object);
}

static void
casebook_document_class_init (CasebookDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = casebook_document_finalize;
}

static void
casebook_document_init (CasebookDocument *self)
{
  self->cases = g_ptr_array_new_with_free_func (g_object_unref);
  self->sectors = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_sector_free);
  self->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_metric_free);
  self->insights = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_insight_free);
  self->ranges = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_range_free);
  self->references = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_reference_free);
  self->collections = g_ptr_array_new_with_free_func (g_object_unref);
}

CasebookDocument *
casebook_document_new (void)
{
  return g_object_new (CASEBOOK_TYPE_DOCUMENT, NULL);
}

/**
 * casebook_document_get_revision:
 *
 * Returns: the collection's revision, or 0 when it has none
 */
gint64
casebook_document_get_revision (CasebookDocument *self)
{
  g_return_val_if_fail (CASEBOOK_IS_DOCUMENT (self), 0);
  return self->revision;
}

void
casebook_document_set_revision (CasebookDocument *self,
                                gint64            revision)
{
  g_return_if_fail (CASEBOOK_IS_DOCUMENT (self));
  self->revision = revision;
}

const CasebookText *
casebook_document_get_title (CasebookDocument *self)
{
  g_return_val_if_fail (CASEBOOK_IS_DOCUMENT (self), NULL);
  return self->title;
}

void
casebook_document_take_title (CasebookDocument *self,
                              CasebookText     *title)
{
  g_return_if_fail (CASEBOOK_IS_DOCUMENT (self));
  g_clear_pointer (&self->title, casebook_text_free);
  self->title = title;
}

/**
 * casebook_document_get_publisher:
 *
 * Returns: (nullable): who publishes the collection (the file's optional
 *   `publisher`), shown to those who subscribe to it
 */
const CasebookText *
casebook_document_get_publisher (CasebookDocument *self)
{
  g_return_val_if_fail (CASEBOOK_IS_DOCUMENT (self), NULL);
  return self->publisher;
}

void
casebook_document_take_publisher (CasebookDocument *self,
                                  CasebookText     *publisher)
{
  g_return_if_fail (CASEBOOK_IS_DOCUMENT (self));
  g_clear_pointer (&self->publisher, casebook_text_free);
  self->publisher = publisher;
}

#define DEFINE_ARRAY(field)                                                   \
  GPtrArray *                                                                 \
  casebook_document_get_##field (CasebookDocument *self)                      \
  {                                                                           \
    g_return_val_if_fail (CASEBOOK_IS_DOCUMENT (self), NULL);                 \
    return self->field;                                                       \
  }

DEFINE_ARRAY (cases)
DEFINE_ARRAY (sectors)
DEFINE_ARRAY (metrics)
DEFINE_ARRAY (insights)
DEFINE_ARRAY (ranges)
DEFINE_ARRAY (references)
DEFINE_ARRAY (collections)

/**
 * _casebook_document_find_case:
 *
 * Returns: (transfer none) (nullable): the case with @id
 */
CasebookCase *
_casebook_document_find_case (CasebookDocument *self,
                              const char       *id)
{
  g_return_val_if_fail (CASEBOOK_IS_DOCUMENT (self), NULL);

  for (guint i = 0; i < self->cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (self->cases, i);

      if (g_strcmp0 (casebook_case_get_id (c), id) == 0)
        return c;
    }

  return NULL;
}
