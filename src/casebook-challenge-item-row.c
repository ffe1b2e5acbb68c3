/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-challenge-row"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-challenge-item-row.h"
#include "casebook-item-row-private.h"

/**
 * CasebookChallengeItemRow:
 *
 * A row of the editor's list of challenges: the challenge, what it was,
 * and how it was solved.
 */

struct _CasebookChallengeItemRow
{
  CasebookItemRow    parent_instance;

  CasebookFieldRow  *title_row;
  CasebookFieldRow  *text_row;
  CasebookFieldRow  *solution_row;

  CasebookChallenge *challenge;
};

G_DEFINE_FINAL_TYPE (CasebookChallengeItemRow, casebook_challenge_item_row, CASEBOOK_TYPE_ITEM_ROW)

static void
casebook_challenge_item_row_describe (CasebookItemRow  *row,
                                      CasebookLang      lang,
                                      const char      **title,
                                      char            **subtitle)
{
  CasebookChallengeItemRow *self = CASEBOOK_CHALLENGE_ITEM_ROW (row);

  *title = _casebook_item_row_text_or (self->challenge->title, lang, _("New Challenge"));
  *subtitle = g_strdup (casebook_text_get (self->challenge->solution, lang));
}

static void
casebook_challenge_item_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CASEBOOK_TYPE_CHALLENGE_ITEM_ROW);

  G_OBJECT_CLASS (casebook_challenge_item_row_parent_class)->dispose (object);
}

static void
casebook_challenge_item_row_class_init (CasebookChallengeItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_challenge_item_row_dispose;
  CASEBOOK_ITEM_ROW_CLASS (klass)->describe = casebook_challenge_item_row_describe;

  g_type_ensure (CASEBOOK_TYPE_FIELD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-challenge-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookChallengeItemRow, title_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookChallengeItemRow, text_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookChallengeItemRow, solution_row);
}

static void
casebook_challenge_item_row_init (CasebookChallengeItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * casebook_challenge_item_row_new:
 * @tracker: where the row's fields are told about
 * @index: the place of the challenge in the list
 * @challenge: (transfer none): the challenge to edit in place; it must
 *   outlive the row
 * @lang: the language to show the texts in
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
casebook_challenge_item_row_new (CasebookProblemTracker *tracker,
                                 guint                   index,
                                 CasebookChallenge      *challenge,
                                 CasebookLang            lang)
{
  CasebookChallengeItemRow *self;

  g_return_val_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (tracker), NULL);
  g_return_val_if_fail (challenge != NULL, NULL);

  self = g_object_new (CASEBOOK_TYPE_CHALLENGE_ITEM_ROW, NULL);
  self->challenge = challenge;

  _casebook_item_row_setup (CASEBOOK_ITEM_ROW (self), tracker, "challenges", index, lang);
  _casebook_item_row_add_text (CASEBOOK_ITEM_ROW (self), self->title_row, challenge->title, "title");
  _casebook_item_row_add_text (CASEBOOK_ITEM_ROW (self), self->text_row, challenge->text, "text");
  _casebook_item_row_add_text (CASEBOOK_ITEM_ROW (self), self->solution_row, challenge->solution, "solution");

  _casebook_item_row_refresh (CASEBOOK_ITEM_ROW (self));
  return GTK_WIDGET (self);
}
