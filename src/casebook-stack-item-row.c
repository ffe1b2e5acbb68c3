/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-stack-row"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-completion.h"
#include "casebook-item-row-private.h"
#include "casebook-stack-item-row.h"

/**
 * CasebookStackItemRow:
 *
 * A row of the editor's list of technologies: the product, its version,
 * its role and its family. The product and the family offer the names the
 * store knows; choosing a product the store knows offers its family.
 */

struct _CasebookStackItemRow
{
  CasebookItemRow    parent_instance;

  CasebookFieldRow  *product_row;
  CasebookFieldRow  *version_row;
  CasebookFieldRow  *role_row;
  CasebookFieldRow  *family_row;

  CasebookStackItem *item;
  GHashTable        *product_families;
};

G_DEFINE_FINAL_TYPE (CasebookStackItemRow, casebook_stack_item_row, CASEBOOK_TYPE_ITEM_ROW)

static void
casebook_stack_item_row_describe (CasebookItemRow  *row,
                                  CasebookLang      lang,
                                  const char      **title,
                                  char            **subtitle)
{
  CasebookStackItemRow *self = CASEBOOK_STACK_ITEM_ROW (row);
  const char *role = casebook_text_get (self->item->role, lang);
  const char *version = self->item->version;

  *title = _casebook_item_row_text_or (self->item->product, lang, _("New Technology"));
  if (version != NULL && role[0] != '\0')
    /* Translators: a technology's version and role, e.g. "8.0 · Virtualization platform" */
    *subtitle = g_strdup_printf (_("%s · %s"), version, role);
  else
    *subtitle = g_strdup (version != NULL ? version : role);
}

static void
on_product_chosen (CasebookStackItemRow *self,
                   const char           *product)
{
  const char *family = g_hash_table_lookup (self->product_families, product);
  const char *current;

  /* Most cases give a product the same family; offer it. */
  if (family == NULL)
    return;

  current = gtk_editable_get_text (GTK_EDITABLE (self->family_row));
  if (current == NULL || current[0] == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->family_row), family);
}

static void
casebook_stack_item_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CASEBOOK_TYPE_STACK_ITEM_ROW);

  G_OBJECT_CLASS (casebook_stack_item_row_parent_class)->dispose (object);
}

static void
casebook_stack_item_row_finalize (GObject *object)
{
  CasebookStackItemRow *self = (CasebookStackItemRow *)object;

  g_clear_pointer (&self->product_families, g_hash_table_unref);

  G_OBJECT_CLASS (casebook_stack_item_row_parent_class)->finalize (object);
}

static void
casebook_stack_item_row_class_init (CasebookStackItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_stack_item_row_dispose;
  object_class->finalize = casebook_stack_item_row_finalize;
  CASEBOOK_ITEM_ROW_CLASS (klass)->describe = casebook_stack_item_row_describe;

  g_type_ensure (CASEBOOK_TYPE_FIELD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-stack-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookStackItemRow, product_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookStackItemRow, version_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookStackItemRow, role_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookStackItemRow, family_row);
}

static void
casebook_stack_item_row_init (CasebookStackItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  casebook_field_row_set_both_languages (self->product_row, TRUE);
}

/**
 * casebook_stack_item_row_new:
 * @tracker: where the row's fields are told about
 * @index: the place of the technology in the list
 * @item: (transfer none): the technology to edit in place; it must outlive
 *   the row
 * @products: the names of the products the store knows
 * @families: the families to offer
 * @product_families: (element-type utf8 utf8): the family of each product
 *   that has one
 * @lang: the language to show the texts in
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
casebook_stack_item_row_new (CasebookProblemTracker *tracker,
                             guint                   index,
                             CasebookStackItem      *item,
                             const char * const     *products,
                             const char * const     *families,
                             GHashTable             *product_families,
                             CasebookLang            lang)
{
  CasebookStackItemRow *self;
  CasebookCompletion *completion;

  g_return_val_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (tracker), NULL);
  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (products != NULL && families != NULL && product_families != NULL, NULL);

  self = g_object_new (CASEBOOK_TYPE_STACK_ITEM_ROW, NULL);
  self->item = item;
  self->product_families = g_hash_table_ref (product_families);

  _casebook_item_row_setup (CASEBOOK_ITEM_ROW (self), tracker, "stack", index, lang);
  _casebook_item_row_add_text (CASEBOOK_ITEM_ROW (self), self->product_row, item->product, "product");
  _casebook_item_row_add_string (CASEBOOK_ITEM_ROW (self), self->version_row, &item->version, "version");
  _casebook_item_row_add_text (CASEBOOK_ITEM_ROW (self), self->role_row, item->role, "role");
  _casebook_item_row_add_string (CASEBOOK_ITEM_ROW (self), self->family_row, &item->family, "family");

  completion = casebook_completion_attach (GTK_WIDGET (self->product_row), products);
  g_signal_connect_object (completion, "chosen", G_CALLBACK (on_product_chosen), self, G_CONNECT_SWAPPED);
  casebook_completion_attach (GTK_WIDGET (self->family_row), families);

  _casebook_item_row_refresh (CASEBOOK_ITEM_ROW (self));
  return GTK_WIDGET (self);
}
