/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-field-row"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-field-row.h"

/**
 * CasebookFieldRow:
 *
 * An entry row of the case editor that edits one text of the draft in
 * place: a #CasebookText in the language the editor writes in, or a plain
 * string of the model such as a URL or a version. What is typed is written
 * into the draft at once, stripped of spaces around it, and an empty text
 * is written as no text at all.
 *
 * A text left empty in one language shows the other language's text,
 * dimmed, at the end of the row: that is what the case shows in its
 * place. A row can also offer to remove the item it edits.
 *
 * The row emits #CasebookFieldRow::edited after each change the person
 * makes, never when it is filled.
 */

struct _CasebookFieldRow
{
  AdwEntryRow    parent_instance;

  CasebookText  *text;
  char         **slot;
  CasebookLang   lang;
  gboolean       both_languages;
  guint          filling;

  GtkWidget     *fallback;
  GtkWidget     *remove_button;
};

G_DEFINE_FINAL_TYPE (CasebookFieldRow, casebook_field_row, ADW_TYPE_ENTRY_ROW)

enum {
  EDITED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
lang_name (CasebookLang lang)
{
  /* Translators: the language of a case's texts */
  return lang == CASEBOOK_LANG_ZH ? _("Chinese") : _("English");
}

static void
update_fallback (CasebookFieldRow *self)
{
  CasebookLang other = casebook_lang_other (self->lang);
  const char *mine, *theirs;
  gboolean show;

  if (self->fallback == NULL)
    return;

  mine = self->text != NULL ? casebook_text_get_exact (self->text, self->lang) : NULL;
  theirs = self->text != NULL ? casebook_text_get_exact (self->text, other) : NULL;
  show = (mine == NULL || mine[0] == '\0') && theirs != NULL && theirs[0] != '\0';

  gtk_widget_set_visible (self->fallback, show);
  if (show)
    {
      g_autofree char *tooltip =
        /* Translators: shown by a field left empty in one language; %s is the other language */
        g_strdup_printf (_("Left empty, this text shows in %s: the other language stands in"),
                         lang_name (other));

      gtk_label_set_label (GTK_LABEL (self->fallback), theirs);
      gtk_widget_set_tooltip_text (self->fallback, tooltip);
    }
}

static void
fill (CasebookFieldRow *self)
{
  const char *value = NULL;

  if (self->text != NULL)
    value = casebook_text_get_exact (self->text, self->lang);
  else if (self->slot != NULL)
    value = *self->slot;

  self->filling++;
  gtk_editable_set_text (GTK_EDITABLE (self), value != NULL ? value : "");
  self->filling--;

  update_fallback (self);
}

static void
on_changed (CasebookFieldRow *self)
{
  g_autofree char *value = NULL;

  if (self->filling > 0 || (self->text == NULL && self->slot == NULL))
    return;

  value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));

  if (self->text != NULL)
    {
      /* A product's name is the same in both languages unless someone has
       * written it differently in the other one. */
      if (self->both_languages)
        {
          CasebookLang other = casebook_lang_other (self->lang);
          const char *old = casebook_text_get_exact (self->text, self->lang);
          const char *theirs = casebook_text_get_exact (self->text, other);

          if (theirs == NULL || g_strcmp0 (theirs, old) == 0)
            casebook_text_set (self->text, other, value);
        }

      casebook_text_set (self->text, self->lang, value);
      update_fallback (self);
    }
  else
    {
      g_free (*self->slot);
      *self->slot = value[0] != '\0' ? g_steal_pointer (&value) : NULL;
    }

  g_signal_emit (self, signals[EDITED], 0);
}

static void
on_remove_clicked (CasebookFieldRow *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

static void
casebook_field_row_class_init (CasebookFieldRowClass *klass)
{
  /**
   * CasebookFieldRow::edited:
   *
   * The person changed the text; it is in the draft already.
   */
  signals[EDITED] = g_signal_new ("edited",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  /**
   * CasebookFieldRow::remove-requested:
   *
   * The person asked to remove the item the row edits.
   */
  signals[REMOVE_REQUESTED] = g_signal_new ("remove-requested",
                                            G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
}

static void
casebook_field_row_init (CasebookFieldRow *self)
{
  self->lang = CASEBOOK_LANG_ZH;
  g_signal_connect (self, "changed", G_CALLBACK (on_changed), NULL);
}

/**
 * casebook_field_row_new:
 * @title: the title of the row, as plain text
 *
 * Returns: (transfer floating): a new row bound to nothing yet
 */
GtkWidget *
casebook_field_row_new (const char *title)
{
  GtkWidget *row = g_object_new (CASEBOOK_TYPE_FIELD_ROW, NULL);
  g_autofree char *escaped = g_markup_escape_text (title != NULL ? title : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  return row;
}

/**
 * casebook_field_row_bind_text:
 * @text: (nullable) (transfer none): the text to edit, which must outlive
 *   the binding; %NULL to edit nothing
 *
 * Binds the row to @text. Binding again (when the failure section comes
 * back, with new texts) only points the row at the new text.
 */
void
casebook_field_row_bind_text (CasebookFieldRow *self,
                              CasebookText     *text)
{
  g_return_if_fail (CASEBOOK_IS_FIELD_ROW (self));

  if (self->fallback == NULL)
    {
      self->fallback = g_object_new (GTK_TYPE_LABEL,
                                     "ellipsize", PANGO_ELLIPSIZE_END,
                                     "max-width-chars", 18,
                                     "valign", GTK_ALIGN_CENTER,
                                     "visible", FALSE,
                                     NULL);
      gtk_widget_add_css_class (self->fallback, "dim-label");
      gtk_widget_add_css_class (self->fallback, "fallback");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->fallback);
    }

  self->text = text;
  self->slot = NULL;
  if (text != NULL)
    fill (self);
}

/**
 * casebook_field_row_bind_string:
 * @slot: (transfer none): where the string of the model is kept; the row
 *   replaces it there
 *
 * Binds the row to a plain string of the model, the same in both languages.
 */
void
casebook_field_row_bind_string (CasebookFieldRow  *self,
                                char             **slot)
{
  g_return_if_fail (CASEBOOK_IS_FIELD_ROW (self));
  g_return_if_fail (slot != NULL);

  self->slot = slot;
  self->text = NULL;
  fill (self);
}

/**
 * casebook_field_row_set_lang:
 *
 * Shows the text in @lang. A plain string is the same in both.
 */
void
casebook_field_row_set_lang (CasebookFieldRow *self,
                             CasebookLang      lang)
{
  g_return_if_fail (CASEBOOK_IS_FIELD_ROW (self));

  self->lang = lang;
  if (self->text != NULL)
    fill (self);
}

/**
 * casebook_field_row_set_both_languages:
 *
 * Whether what is typed in one language is also the text of the other,
 * as long as the other has not been written differently.
 */
void
casebook_field_row_set_both_languages (CasebookFieldRow *self,
                                       gboolean          both_languages)
{
  g_return_if_fail (CASEBOOK_IS_FIELD_ROW (self));
  self->both_languages = !!both_languages;
}

/**
 * casebook_field_row_set_removable:
 *
 * Gives the row a button that emits #CasebookFieldRow::remove-requested.
 */
void
casebook_field_row_set_removable (CasebookFieldRow *self,
                                  gboolean          removable)
{
  g_return_if_fail (CASEBOOK_IS_FIELD_ROW (self));

  if (removable && self->remove_button == NULL)
    {
      self->remove_button = g_object_new (GTK_TYPE_BUTTON,
                                          "icon-name", "user-trash-symbolic",
                                          "valign", GTK_ALIGN_CENTER,
                                          "tooltip-text", _("Remove"),
                                          NULL);
      gtk_widget_add_css_class (self->remove_button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
      g_signal_connect_object (self->remove_button, "clicked", G_CALLBACK (on_remove_clicked), self,
                               G_CONNECT_SWAPPED);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->remove_button);
    }

  if (self->remove_button != NULL)
    gtk_widget_set_visible (self->remove_button, removable);
}
