/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-note-row"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-item-row-private.h"
#include "casebook-note-item-row.h"

/**
 * CasebookNoteItemRow:
 *
 * A row of the editor's list of data-quality notes: the note, and the
 * field it is about.
 */

struct _CasebookNoteItemRow
{
  CasebookItemRow   parent_instance;

  CasebookFieldRow *text_row;
  CasebookFieldRow *field_row;

  CasebookNote     *note;
};

G_DEFINE_FINAL_TYPE (CasebookNoteItemRow, casebook_note_item_row, CASEBOOK_TYPE_ITEM_ROW)

static void
casebook_note_item_row_describe (CasebookItemRow  *row,
                                 CasebookLang      lang,
                                 const char      **title,
                                 char            **subtitle)
{
  CasebookNoteItemRow *self = CASEBOOK_NOTE_ITEM_ROW (row);

  *title = _casebook_item_row_text_or (self->note->text, lang, _("New Note"));
  *subtitle = g_strdup (self->note->field);
}

static void
casebook_note_item_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CASEBOOK_TYPE_NOTE_ITEM_ROW);

  G_OBJECT_CLASS (casebook_note_item_row_parent_class)->dispose (object);
}

static void
casebook_note_item_row_class_init (CasebookNoteItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_note_item_row_dispose;
  CASEBOOK_ITEM_ROW_CLASS (klass)->describe = casebook_note_item_row_describe;

  g_type_ensure (CASEBOOK_TYPE_FIELD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-note-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookNoteItemRow, text_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookNoteItemRow, field_row);
}

static void
casebook_note_item_row_init (CasebookNoteItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * casebook_note_item_row_new:
 * @tracker: where the row's fields are told about
 * @index: the place of the note in the list
 * @note: (transfer none): the note to edit in place; it must outlive the row
 * @lang: the language to show the texts in
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
casebook_note_item_row_new (CasebookProblemTracker *tracker,
                            guint                   index,
                            CasebookNote           *note,
                            CasebookLang            lang)
{
  CasebookNoteItemRow *self;

  g_return_val_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (tracker), NULL);
  g_return_val_if_fail (note != NULL, NULL);

  self = g_object_new (CASEBOOK_TYPE_NOTE_ITEM_ROW, NULL);
  self->note = note;

  _casebook_item_row_setup (CASEBOOK_ITEM_ROW (self), tracker, "notes", index, lang);
  _casebook_item_row_add_text (CASEBOOK_ITEM_ROW (self), self->text_row, note->text, "text");
  _casebook_item_row_add_string (CASEBOOK_ITEM_ROW (self), self->field_row, &note->field, "field");

  _casebook_item_row_refresh (CASEBOOK_ITEM_ROW (self));
  return GTK_WIDGET (self);
}
