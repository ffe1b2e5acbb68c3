/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-point-row"

#include "config.h"

#include "casebook-case-check.h"
#include "casebook-point-row.h"

/**
 * CasebookPointRow:
 *
 * A point in time of a phase, as the editor edits it in place: a year and,
 * if known, a quarter. It emits #CasebookPointRow::edited after each
 * change the person makes.
 */

struct _CasebookPointRow
{
  AdwActionRow   parent_instance;

  GtkWidget     *problem_icon;
  GtkSpinButton *year_spin;
  GtkDropDown   *quarter_dropdown;

  CasebookPoint *point;
  guint          filling;
};

G_DEFINE_FINAL_TYPE (CasebookPointRow, casebook_point_row, ADW_TYPE_ACTION_ROW)

enum {
  EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_year_changed (CasebookPointRow *self)
{
  if (self->filling > 0 || self->point == NULL)
    return;

  self->point->year = gtk_spin_button_get_value_as_int (self->year_spin);
  g_signal_emit (self, signals[EDITED], 0);
}

static void
on_quarter_selected (CasebookPointRow *self)
{
  if (self->filling > 0 || self->point == NULL)
    return;

  self->point->quarter = (int) gtk_drop_down_get_selected (self->quarter_dropdown);
  g_signal_emit (self, signals[EDITED], 0);
}

static void
casebook_point_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CASEBOOK_TYPE_POINT_ROW);

  G_OBJECT_CLASS (casebook_point_row_parent_class)->dispose (object);
}

static void
casebook_point_row_class_init (CasebookPointRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_point_row_dispose;

  /**
   * CasebookPointRow::edited:
   *
   * The person changed the year or the quarter; the point holds it already.
   */
  signals[EDITED] = g_signal_new ("edited",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-point-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookPointRow, problem_icon);
  gtk_widget_class_bind_template_child (widget_class, CasebookPointRow, year_spin);
  gtk_widget_class_bind_template_child (widget_class, CasebookPointRow, quarter_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_year_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_quarter_selected);
}

static void
casebook_point_row_init (CasebookPointRow *self)
{
  self->filling = 1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_spin_button_set_range (self->year_spin, CASEBOOK_MIN_YEAR, CASEBOOK_MAX_YEAR);
  gtk_spin_button_set_increments (self->year_spin, 1, 10);
  self->filling = 0;
}

/**
 * casebook_point_row_bind:
 * @point: (transfer none): the point to edit in place; it must outlive the
 *   row
 */
void
casebook_point_row_bind (CasebookPointRow *self,
                         CasebookPoint    *point)
{
  g_return_if_fail (CASEBOOK_IS_POINT_ROW (self));
  g_return_if_fail (point != NULL);

  self->filling++;
  self->point = point;
  gtk_spin_button_set_value (self->year_spin, CLAMP (point->year, CASEBOOK_MIN_YEAR, CASEBOOK_MAX_YEAR));
  gtk_drop_down_set_selected (self->quarter_dropdown, (guint) CLAMP (point->quarter, 0, 4));
  self->filling--;
}

/**
 * casebook_point_row_get_problem_icon:
 *
 * Returns: (transfer none): the icon that says the point has a problem,
 *   hidden until then
 */
GtkWidget *
casebook_point_row_get_problem_icon (CasebookPointRow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_POINT_ROW (self), NULL);
  return self->problem_icon;
}
