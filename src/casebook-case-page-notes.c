/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "casebook-case-page-notes.h"

/* A data-quality note says how far a figure of the case can be trusted,
 * so it is shown where the figure is: under the facts for a note about a
 * fact, in the outcome's card for a note about an outcome. These are the
 * pieces the case page builds them from. */

/**
 * _casebook_note_is_about_outcome:
 * @index: the outcome's place among the case's outcomes
 *
 * Whether @note is about @outcome: its field names the outcome by its
 * place in the case (`outcomes[2]`, as the checks of a case name it, or
 * something inside it such as `outcomes[2].value`), or by its metric.
 */
gboolean
_casebook_note_is_about_outcome (const CasebookNote    *note,
                                 const CasebookOutcome *outcome,
                                 guint                  index)
{
  g_autofree char *place = NULL;
  gsize length;

  g_return_val_if_fail (note != NULL, FALSE);
  g_return_val_if_fail (outcome != NULL, FALSE);

  if (note->field == NULL || note->field[0] == '\0')
    return FALSE;

  place = g_strdup_printf ("outcomes[%u]", index);
  length = strlen (place);
  if (strncmp (note->field, place, length) == 0 &&
      (note->field[length] == '\0' || note->field[length] == '.'))
    return TRUE;

  return outcome->metric != NULL && g_strcmp0 (note->field, outcome->metric) == 0;
}

/**
 * _casebook_note_sign_new:
 * @pixel_size: the size of the sign, or -1 for the icon's own
 *
 * Returns: (transfer floating): the warning sign of a data-quality note,
 *   named for screen readers
 */
GtkWidget *
_casebook_note_sign_new (int pixel_size)
{
  GtkWidget *sign = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", "dialog-warning-symbolic",
                                  "pixel-size", pixel_size,
                                  "valign", GTK_ALIGN_START,
                                  NULL);

  gtk_widget_add_css_class (sign, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (sign),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Data-quality note"),
                                  -1);
  return sign;
}

static GtkWidget *
note_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/**
 * _casebook_note_card_new:
 * @heading: (nullable): the name of the fact the note is about
 * @text: the note
 *
 * Returns: (transfer floating): a card with the sign, and the note under
 *   a heading that names the fact when there is one
 */
GtkWidget *
_casebook_note_card_new (const char *heading,
                         const char *text)
{
  GtkWidget *card, *box, *label;

  card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "note-card");
  gtk_box_append (GTK_BOX (card), _casebook_note_sign_new (-1));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (box, TRUE);
  if (heading != NULL)
    {
      /* Translators: the heading of a data-quality note about one of a case's facts, such as "About Size" */
      g_autofree char *about = g_strdup_printf (_("About %s"), heading);

      gtk_box_append (GTK_BOX (box), note_label (about, "caption-heading"));
    }
  label = note_label (text, NULL);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (card), box);

  return card;
}

/**
 * _casebook_note_line_new:
 * @text: the note
 *
 * Returns: (transfer floating): the note as a small line with the sign,
 *   for the card of the outcome it is about
 */
GtkWidget *
_casebook_note_line_new (const char *text)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = note_label (text, "caption");

  gtk_widget_add_css_class (line, "outcome-note");
  gtk_box_append (GTK_BOX (line), _casebook_note_sign_new (12));
  /* Narrow, like the outcome's own text, so the cards keep their width. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (line), label);

  return line;
}
