/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-collection-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-check.h"
#include "casebook-collection.h"
#include "casebook-collection-dialog.h"
#include "casebook-store-collections.h"

/**
 * CasebookCollectionDialog:
 *
 * Asks for a collection's name, to make one or to rename one. The name is
 * checked as it is typed, with the rules the store and the importer use
 * (casebook_collection_check_name()) and against the names in use; a
 * refused name says why under the entry, and the dialog cannot be
 * accepted until the name is fine. The response is "accept" or "cancel".
 */
struct _CasebookCollectionDialog
{
  AdwMessageDialog  parent_instance;

  GtkEntry         *entry;
  GtkLabel         *problem;
  CasebookStore    *store;
  gint64            renaming_id;
};

G_DEFINE_FINAL_TYPE (CasebookCollectionDialog, casebook_collection_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Why @name cannot be used, or %NULL when it can. */
static char *
check (CasebookCollectionDialog *self,
       const char               *name)
{
  g_autoptr(CasebookCollection) existing = NULL;
  char *problem = casebook_collection_check_name (name);

  if (problem != NULL)
    return problem;

  existing = casebook_store_find_collection (self->store, name, NULL);
  if (existing != NULL && casebook_collection_get_id (existing) != self->renaming_id)
    /* Translators: %s is a collection's name */
    return g_strdup_printf (_("There is already a collection named “%s”."), name);

  return NULL;
}

static void
on_entry_changed (CasebookCollectionDialog *self,
                  GtkEditable              *entry)
{
  const char *name = gtk_editable_get_text (entry);
  g_autofree char *problem = check (self, name);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "accept", problem == NULL);

  /* An empty entry before anything was typed is no mistake yet. */
  gtk_label_set_label (self->problem, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  problem != NULL ? problem : "", -1);
}

static void
casebook_collection_dialog_dispose (GObject *object)
{
  CasebookCollectionDialog *self = (CasebookCollectionDialog *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (casebook_collection_dialog_parent_class)->dispose (object);
}

static void
casebook_collection_dialog_class_init (CasebookCollectionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = casebook_collection_dialog_dispose;
}

static void
casebook_collection_dialog_init (CasebookCollectionDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (self->entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Collection name"), -1);

  self->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem, TRUE);
  gtk_label_set_xalign (self->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->problem), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), FALSE);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problem));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
}

/**
 * casebook_collection_dialog_new:
 * @parent: the window the dialog belongs to
 * @store: where the names in use are looked up
 * @heading: what the dialog is for ("New Collection")
 * @body: (nullable): a sentence that says more
 * @accept_label: the label of the button that accepts, with a mnemonic
 * @name: (nullable): the name to start with
 * @renaming_id: the collection being renamed, whose own name is fine, or 0
 *
 * Returns: (transfer full): a new dialog, not yet shown
 */
CasebookCollectionDialog *
casebook_collection_dialog_new (GtkWindow     *parent,
                                CasebookStore *store,
                                const char    *heading,
                                const char    *body,
                                const char    *accept_label,
                                const char    *name,
                                gint64         renaming_id)
{
  CasebookCollectionDialog *self;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);

  self = g_object_new (CASEBOOK_TYPE_COLLECTION_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading,
                       "body", body,
                       NULL);
  self->store = g_object_ref (store);
  self->renaming_id = renaming_id;

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "accept", accept_label);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "accept");

  gtk_editable_set_text (GTK_EDITABLE (self->entry), name != NULL ? name : "");
  /* Nothing typed yet: no complaint, but no empty name either. */
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "accept",
                                           name != NULL && name[0] != '\0');
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (on_entry_changed), self, G_CONNECT_SWAPPED);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));

  return self;
}

/**
 * casebook_collection_dialog_get_name:
 *
 * Returns: (transfer none): the name as typed
 */
const char *
casebook_collection_dialog_get_name (CasebookCollectionDialog *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COLLECTION_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}
