/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-phase-row"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-format.h"
#include "casebook-item-row-private.h"
#include "casebook-phase-item-row.h"
#include "casebook-point-row.h"

/**
 * CasebookPhaseItemRow:
 *
 * A row of the editor's list of phases: the name, and when the phase
 * starts and ends.
 */

struct _CasebookPhaseItemRow
{
  CasebookItemRow   parent_instance;

  CasebookFieldRow *name_row;
  CasebookPointRow *start_row;
  CasebookPointRow *end_row;

  CasebookPhase    *phase;
};

G_DEFINE_FINAL_TYPE (CasebookPhaseItemRow, casebook_phase_item_row, CASEBOOK_TYPE_ITEM_ROW)

static void
casebook_phase_item_row_describe (CasebookItemRow  *row,
                                  CasebookLang      lang,
                                  const char      **title,
                                  char            **subtitle)
{
  CasebookPhaseItemRow *self = CASEBOOK_PHASE_ITEM_ROW (row);

  *title = _casebook_item_row_text_or (self->phase->name, lang, _("New Phase"));
  *subtitle = casebook_format_phase_span (self->phase);
}

static void
on_point_edited (CasebookPhaseItemRow *self,
                 GtkWidget            *point_row)
{
  _casebook_item_row_edited (CASEBOOK_ITEM_ROW (self), point_row);
}

static void
add_point (CasebookPhaseItemRow *self,
           CasebookPointRow     *row,
           const char           *member)
{
  g_autofree char *path = g_strdup_printf ("%s.%s", casebook_item_row_get_path (CASEBOOK_ITEM_ROW (self)), member);

  casebook_problem_tracker_add_field_full (_casebook_item_row_get_tracker (CASEBOOK_ITEM_ROW (self)),
                                           GTK_WIDGET (row), path,
                                           adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                           casebook_point_row_get_problem_icon (row));
}

static void
casebook_phase_item_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CASEBOOK_TYPE_PHASE_ITEM_ROW);

  G_OBJECT_CLASS (casebook_phase_item_row_parent_class)->dispose (object);
}

static void
casebook_phase_item_row_class_init (CasebookPhaseItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_phase_item_row_dispose;
  CASEBOOK_ITEM_ROW_CLASS (klass)->describe = casebook_phase_item_row_describe;

  g_type_ensure (CASEBOOK_TYPE_FIELD_ROW);
  g_type_ensure (CASEBOOK_TYPE_POINT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-phase-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookPhaseItemRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookPhaseItemRow, start_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookPhaseItemRow, end_row);
}

static void
casebook_phase_item_row_init (CasebookPhaseItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * casebook_phase_item_row_new:
 * @tracker: where the row's fields are told about
 * @index: the place of the phase in the list
 * @phase: (transfer none): the phase to edit in place; it must outlive the row
 * @lang: the language to show the texts in
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
casebook_phase_item_row_new (CasebookProblemTracker *tracker,
                             guint                   index,
                             CasebookPhase          *phase,
                             CasebookLang            lang)
{
  CasebookPhaseItemRow *self;

  g_return_val_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (tracker), NULL);
  g_return_val_if_fail (phase != NULL, NULL);

  self = g_object_new (CASEBOOK_TYPE_PHASE_ITEM_ROW, NULL);
  self->phase = phase;

  _casebook_item_row_setup (CASEBOOK_ITEM_ROW (self), tracker, "phases", index, lang);
  _casebook_item_row_add_text (CASEBOOK_ITEM_ROW (self), self->name_row, phase->name, "name");
  add_point (self, self->start_row, "start");
  add_point (self, self->end_row, "end");
  casebook_point_row_bind (self->start_row, &phase->start);
  casebook_point_row_bind (self->end_row, &phase->end);
  g_signal_connect_object (self->start_row, "edited", G_CALLBACK (on_point_edited), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->end_row, "edited", G_CALLBACK (on_point_edited), self, G_CONNECT_SWAPPED);

  _casebook_item_row_refresh (CASEBOOK_ITEM_ROW (self));
  return GTK_WIDGET (self);
}
