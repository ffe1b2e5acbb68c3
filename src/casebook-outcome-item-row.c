/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-outcome-row"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-format.h"
#include "casebook-input.h"
#include "casebook-item-row-private.h"
#include "casebook-outcome-item-row-private.h"

/**
 * CasebookOutcomeItemRow:
 *
 * A row of the editor's list of outcomes: the statement, the metric
 * family, the value with its unit and direction, and the baseline. A value
 * or baseline that is no number is kept out of the outcome, and the
 * problem tracker says why at its field.
 */

struct _CasebookOutcomeItemRow
{
  CasebookItemRow   parent_instance;

  CasebookFieldRow *statement_row;
  AdwComboRow      *metric_row;
  AdwEntryRow      *value_row;
  AdwComboRow      *unit_row;
  AdwComboRow      *better_row;
  AdwEntryRow      *baseline_row;

  CasebookOutcome  *outcome;
  GPtrArray        *metrics;
  CasebookLang      content_lang;
  guint             filling;
};

G_DEFINE_FINAL_TYPE (CasebookOutcomeItemRow, casebook_outcome_item_row, CASEBOOK_TYPE_ITEM_ROW)

static const char *
metric_name (CasebookOutcomeItemRow *self,
             const char             *key)
{
  for (guint i = 0; key != NULL && i < self->metrics->len; i++)
    {
      const CasebookMetric *metric = g_ptr_array_index (self->metrics, i);

      if (g_strcmp0 (metric->key, key) == 0)
        return casebook_text_get (metric->name, self->content_lang);
    }

  return key;
}

static void
casebook_outcome_item_row_describe (CasebookItemRow  *row,
                                    CasebookLang      lang,
                                    const char      **title,
                                    char            **subtitle)
{
  CasebookOutcomeItemRow *self = CASEBOOK_OUTCOME_ITEM_ROW (row);
  g_autofree char *figure = casebook_format_outcome (self->outcome, lang);
  const char *metric = metric_name (self, self->outcome->metric);

  *title = _casebook_item_row_text_or (self->outcome->text, lang, _("New Outcome"));
  if (figure != NULL && metric != NULL)
    *subtitle = g_strdup_printf (_("%s · %s"), metric, figure);
  else
    *subtitle = g_strdup (figure != NULL ? figure : metric);
}

static void
on_number_changed (CasebookOutcomeItemRow *self,
                   GtkEditable            *editable)
{
  gboolean is_baseline = editable == GTK_EDITABLE (self->baseline_row);
  CasebookProblemTracker *tracker = _casebook_item_row_get_tracker (CASEBOOK_ITEM_ROW (self));
  const char *path = casebook_problem_tracker_get_path (tracker, GTK_WIDGET (editable));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  gboolean *has = is_baseline ? &self->outcome->has_baseline : &self->outcome->has_value;
  double *value = is_baseline ? &self->outcome->baseline : &self->outcome->value;
  double v = 0;

  if (self->filling > 0)
    return;

  if (text[0] == '\0')
    {
      *has = FALSE;
      casebook_problem_tracker_set_parse_problem (tracker, path, NULL);
    }
  else if (casebook_input_parse_number (text, &v))
    {
      *has = TRUE;
      *value = v;
      casebook_problem_tracker_set_parse_problem (tracker, path, NULL);
    }
  else
    {
      *has = FALSE;
      casebook_problem_tracker_set_parse_problem (tracker, path,
                                                  _("enter a number, such as 40, -12.5 or 99.99, "
                                                    "without thousands separators"));
    }

  _casebook_item_row_edited (CASEBOOK_ITEM_ROW (self), GTK_WIDGET (editable));
}

static void
on_metric_selected (CasebookOutcomeItemRow *self)
{
  guint selected = adw_combo_row_get_selected (self->metric_row);

  if (self->filling > 0)
    return;

  g_clear_pointer (&self->outcome->metric, g_free);
  if (selected > 0 && selected <= self->metrics->len)
    self->outcome->metric = g_strdup (((CasebookMetric *) g_ptr_array_index (self->metrics, selected - 1))->key);

  _casebook_item_row_edited (CASEBOOK_ITEM_ROW (self), GTK_WIDGET (self->metric_row));
}

static void
on_unit_selected (CasebookOutcomeItemRow *self)
{
  if (self->filling > 0)
    return;

  self->outcome->unit = (CasebookUnit) adw_combo_row_get_selected (self->unit_row);
  _casebook_item_row_edited (CASEBOOK_ITEM_ROW (self), GTK_WIDGET (self->unit_row));
}

static void
on_better_selected (CasebookOutcomeItemRow *self)
{
  if (self->filling > 0)
    return;

  self->outcome->better = (CasebookBetter) adw_combo_row_get_selected (self->better_row);
  _casebook_item_row_edited (CASEBOOK_ITEM_ROW (self), GTK_WIDGET (self->better_row));
}

static void
casebook_outcome_item_row_dispose (GObject *object)
{
  CasebookOutcomeItemRow *self = (CasebookOutcomeItemRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_OUTCOME_ITEM_ROW);

  G_OBJECT_CLASS (casebook_outcome_item_row_parent_class)->dispose (object);
}

static void
casebook_outcome_item_row_finalize (GObject *object)
{
  CasebookOutcomeItemRow *self = (CasebookOutcomeItemRow *)object;

  g_clear_pointer (&self->metrics, g_ptr_array_unref);

  G_OBJECT_CLASS (casebook_outcome_item_row_parent_class)->finalize (object);
}

static void
casebook_outcome_item_row_class_init (CasebookOutcomeItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CasebookItemRowClass *row_class = CASEBOOK_ITEM_ROW_CLASS (klass);

  object_class->dispose = casebook_outcome_item_row_dispose;
  object_class->finalize = casebook_outcome_item_row_finalize;
  row_class->describe = casebook_outcome_item_row_describe;

  g_type_ensure (CASEBOOK_TYPE_FIELD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-outcome-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookOutcomeItemRow, statement_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookOutcomeItemRow, metric_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookOutcomeItemRow, value_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookOutcomeItemRow, unit_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookOutcomeItemRow, better_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookOutcomeItemRow, baseline_row);
  gtk_widget_class_bind_template_callback (widget_class, on_number_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_metric_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_better_selected);
}

static void
casebook_outcome_item_row_init (CasebookOutcomeItemRow *self)
{
  /* Nothing is an edit until the row is filled. */
  self->filling = 1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * casebook_outcome_item_row_new:
 * @tracker: where the row's fields are told about
 * @index: the place of the outcome in the list
 * @outcome: (transfer none): the outcome to edit in place; it must outlive
 *   the row
 * @metrics: (element-type CasebookMetric): the metric families to choose from
 * @content_lang: the language of the names of metric families
 * @lang: the language to show the texts in
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
casebook_outcome_item_row_new (CasebookProblemTracker *tracker,
                               guint                   index,
                               CasebookOutcome        *outcome,
                               GPtrArray              *metrics,
                               CasebookLang            content_lang,
                               CasebookLang            lang)
{
  CasebookOutcomeItemRow *self;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_return_val_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (tracker), NULL);
  g_return_val_if_fail (outcome != NULL, NULL);
  g_return_val_if_fail (metrics != NULL, NULL);

  self = g_object_new (CASEBOOK_TYPE_OUTCOME_ITEM_ROW, NULL);
  self->outcome = outcome;
  self->metrics = g_ptr_array_ref (metrics);
  self->content_lang = content_lang;

  _casebook_item_row_setup (CASEBOOK_ITEM_ROW (self), tracker, "outcomes", index, lang);
  _casebook_item_row_add_text (CASEBOOK_ITEM_ROW (self), self->statement_row, outcome->text, "text");
  _casebook_item_row_add_field (CASEBOOK_ITEM_ROW (self), GTK_WIDGET (self->metric_row), "metric");
  _casebook_item_row_add_field (CASEBOOK_ITEM_ROW (self), GTK_WIDGET (self->value_row), "value");
  _casebook_item_row_add_field (CASEBOOK_ITEM_ROW (self), GTK_WIDGET (self->unit_row), "unit");
  _casebook_item_row_add_field (CASEBOOK_ITEM_ROW (self), GTK_WIDGET (self->better_row), "better");
  _casebook_item_row_add_field (CASEBOOK_ITEM_ROW (self), GTK_WIDGET (self->baseline_row), "baseline");

  /* Translators: an outcome without a metric family */
  gtk_string_list_append (names, _("No Metric Family"));
  for (guint i = 0; i < metrics->len; i++)
    {
      const CasebookMetric *metric = g_ptr_array_index (metrics, i);

      gtk_string_list_append (names, casebook_text_get (metric->name, content_lang));
      if (g_strcmp0 (metric->key, outcome->metric) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->metric_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->metric_row, selected);
  adw_combo_row_set_selected (self->unit_row, (guint) outcome->unit);
  adw_combo_row_set_selected (self->better_row, (guint) outcome->better);

  if (outcome->has_value)
    {
      g_autofree char *text = casebook_input_format_number (outcome->value);
      gtk_editable_set_text (GTK_EDITABLE (self->value_row), text);
    }
  if (outcome->has_baseline)
    {
      g_autofree char *text = casebook_input_format_number (outcome->baseline);
      gtk_editable_set_text (GTK_EDITABLE (self->baseline_row), text);
    }

  self->filling--;
  _casebook_item_row_refresh (CASEBOOK_ITEM_ROW (self));

  return GTK_WIDGET (self);
}

/**
 * _casebook_outcome_item_row_get_outcome:
 *
 * Returns: (transfer none): the outcome the row edits
 */
CasebookOutcome *
_casebook_outcome_item_row_get_outcome (CasebookOutcomeItemRow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_OUTCOME_ITEM_ROW (self), NULL);
  return self->outcome;
}
