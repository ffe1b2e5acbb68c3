/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-check.h"
#include "casebook-case-editor-private.h"
#include "casebook-input.h"
#include "casebook-item-row.h"
#include "casebook-json.h"
#include "casebook-resources.h"

/**
 * CasebookCaseEditor:
 *
 * A window to write a case of one's own, or to change one: every field of
 * the model, the texts in Chinese or English (a switch in the header bar
 * chooses which; a text left empty in one language shows the other).
 *
 * The editor works on a draft, a copy of the case, and writes every change
 * into it at once. After each change the draft is checked with
 * casebook_case_check(), the same rules the JSON reader applies, and each
 * problem is shown at its field: the field is marked with the `error`
 * style class and says what is wrong. A field shows its problem once the
 * person has been at it, so an empty new case is not red all over; a bar
 * above the fields always says what still keeps the case from being saved.
 * Save is possible only when the case is valid.
 *
 * The fixed fields are in the template, and this file looks after them,
 * the checking, saving and closing. The rows of the lists (outcomes,
 * phases, technologies…) are widgets of their own, one expander row per
 * item, made in casebook-case-editor-lists.c; what the choices offer comes
 * from casebook-case-editor-choices.c; and #CasebookProblemTracker knows
 * which field shows which problem.
 */

G_DEFINE_FINAL_TYPE (CasebookCaseEditor, casebook_case_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void go_to_problem (CasebookCaseEditor *self);

/* Helpers ------------------------------------------------------------ */

static char *
stripped (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

/* The draft belongs to the editor alone; its texts are changed in place. */
static CasebookText *
mutable_text (const CasebookText *text)
{
  return (CasebookText *) text;
}

static gboolean
id_taken (const char *id,
          gpointer    user_data)
{
  CasebookCaseEditor *self = user_data;

  return casebook_store_has_case (self->store, id);
}

void
_casebook_case_editor_touch (CasebookCaseEditor *self,
                             const char         *path)
{
  if (self->loading == 0)
    casebook_problem_tracker_touch (self->tracker, path);
}

/* Fields of the template --------------------------------------------------- */

static void
on_field_edited (CasebookCaseEditor *self,
                 GtkWidget          *row)
{
  if (self->loading > 0)
    return;

  _casebook_case_editor_touch (self, casebook_problem_tracker_get_path (self->tracker, row));
  _casebook_case_editor_changed (self);
}

static void
on_employees_changed (CasebookCaseEditor *self)
{
  g_autofree char *text = stripped (gtk_editable_get_text (GTK_EDITABLE (self->employees_row)));
  gint64 employees = -1;

  if (self->loading > 0)
    return;

  if (text[0] == '\0' || casebook_input_parse_whole (text, &employees))
    casebook_problem_tracker_set_parse_problem (self->tracker, "employees", NULL);
  else
    {
      employees = -1;
      casebook_problem_tracker_set_parse_problem (self->tracker, "employees",
                                                  _("enter a whole number of people, such as 1200"));
    }

  casebook_case_set_employees (self->draft, employees,
                               (CasebookQualifier) adw_combo_row_get_selected (self->qualifier_row));
  _casebook_case_editor_touch (self, "employees");
  _casebook_case_editor_changed (self);
}

static int
read_year (CasebookCaseEditor *self,
           AdwEntryRow        *row,
           const char         *path)
{
  g_autofree char *text = stripped (gtk_editable_get_text (GTK_EDITABLE (row)));
  gint64 year = 0;

  if (text[0] == '\0')
    {
      casebook_problem_tracker_set_parse_problem (self->tracker, path, NULL);
      return 0;
    }

  if (!casebook_input_parse_whole (text, &year) || year > G_MAXINT || year == 0)
    {
      casebook_problem_tracker_set_parse_problem (self->tracker, path, _("enter a year, such as 2024"));
      return 0;
    }

  casebook_problem_tracker_set_parse_problem (self->tracker, path, NULL);
  return (int) year;
}

static void
on_period_changed (CasebookCaseEditor *self,
                   GtkEditable        *editable)
{
  int start, end;

  if (self->loading > 0)
    return;

  start = read_year (self, self->period_start_row, "period.start");
  end = read_year (self, self->period_end_row, "period.end");
  casebook_case_set_period (self->draft, start, end);

  _casebook_case_editor_touch (self, casebook_problem_tracker_get_path (self->tracker, GTK_WIDGET (editable)));
  _casebook_case_editor_changed (self);
}

/* Choices of the case -------------------------------------------------- */

static void
bind_failure (CasebookCaseEditor *self)
{
  const CasebookFailure *failure = casebook_case_get_failure (self->draft);

  /* Bound again when the failure section comes back, with new texts. */
  gtk_widget_set_visible (self->failure_group, failure != NULL);
  casebook_field_row_bind_text (self->problem_row, failure != NULL ? failure->problem : NULL);
  casebook_field_row_bind_text (self->result_row, failure != NULL ? failure->result : NULL);
  _casebook_case_editor_rebuild_list (self, LIST_CAUSES);
}

static void
on_kind_selected (CasebookCaseEditor *self)
{
  CasebookKind kind = (CasebookKind) adw_combo_row_get_selected (self->kind_row);
  const CasebookFailure *failure;

  if (self->draft == NULL || self->loading > 0 || kind == casebook_case_get_kind (self->draft))
    return;

  casebook_case_set_kind (self->draft, kind);
  failure = casebook_case_get_failure (self->draft);

  if (kind == CASEBOOK_KIND_FAILURE && failure == NULL)
    casebook_case_take_failure (self->draft, self->stashed_failure != NULL
                                             ? g_steal_pointer (&self->stashed_failure)
                                             : _casebook_case_editor_new_failure ());
  else if (kind == CASEBOOK_KIND_SUCCESS && failure != NULL)
    {
      g_clear_pointer (&self->stashed_failure, casebook_failure_free);
      self->stashed_failure = _casebook_case_editor_copy_failure (failure);
      casebook_case_take_failure (self->draft, NULL);
    }

  bind_failure (self);
  _casebook_case_editor_touch (self, "kind");
  _casebook_case_editor_changed (self);
}

static void
on_approach_selected (CasebookCaseEditor *self)
{
  if (self->draft == NULL || self->loading > 0)
    return;

  casebook_case_set_approach (self->draft, (CasebookApproach) adw_combo_row_get_selected (self->approach_row));
  _casebook_case_editor_changed (self);
}

static void
on_size_selected (CasebookCaseEditor *self)
{
  if (self->draft == NULL || self->loading > 0)
    return;

  casebook_case_set_size (self->draft, (CasebookSize) adw_combo_row_get_selected (self->size_row));
  _casebook_case_editor_changed (self);
}

static void
on_qualifier_selected (CasebookCaseEditor *self)
{
  if (self->draft == NULL || self->loading > 0)
    return;

  casebook_case_set_employees (self->draft, casebook_case_get_employees (self->draft),
                               (CasebookQualifier) adw_combo_row_get_selected (self->qualifier_row));
  _casebook_case_editor_changed (self);
}

static void
on_id_changed (CasebookCaseEditor *self)
{
  g_autofree char *id = NULL;

  if (self->draft == NULL || self->loading > 0)
    return;

  id = stripped (gtk_editable_get_text (GTK_EDITABLE (self->id_row)));
  casebook_case_set_id (self->draft, id);
  _casebook_case_editor_touch (self, "id");
  _casebook_case_editor_changed (self);
}

/* Checking ------------------------------------------------------------- */

static void
revalidate (CasebookCaseEditor *self)
{
  g_autofree char *markup = NULL;
  GtkWidget *bar = gtk_widget_get_parent (GTK_WIDGET (self->problem_label));
  gboolean shown = FALSE;

  self->problems = casebook_problem_tracker_check (self->tracker, self->draft,
                                                   self->is_new ? id_taken : NULL, self);
  markup = casebook_problem_tracker_show (self->tracker, GTK_WIDGET (self->page), self->show_all,
                                          &shown, &self->first_problem_widget);

  if (markup == NULL)
    {
      gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
      return;
    }

  gtk_label_set_markup (self->problem_label, markup);
  gtk_image_set_from_icon_name (self->problem_icon, shown ? "dialog-warning-symbolic" : "dialog-information-symbolic");
  if (shown)
    gtk_widget_add_css_class (bar, "error");
  else
    gtk_widget_remove_css_class (bar, "error");
  gtk_widget_set_visible (self->problem_button, self->first_problem_widget != NULL);
  gtk_revealer_set_reveal_child (self->problem_revealer, TRUE);
}

static char *
draft_json (CasebookCaseEditor *self)
{
  return casebook_json_case_to_string (self->draft);
}

static void
update_title (CasebookCaseEditor *self)
{
  const char *title = casebook_text_get (casebook_case_get_title (self->draft), self->lang);

  adw_window_title_set_title (self->window_title, self->is_new ? _("New Case") : _("Edit Case"));
  adw_window_title_set_subtitle (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("New Case") : _("Edit Case"));
}

void
_casebook_case_editor_changed (CasebookCaseEditor *self)
{
  gboolean valid, dirty;

  if (self->draft == NULL || self->loading > 0)
    return;

  revalidate (self);
  update_title (self);

  valid = self->problems->len == 0;
  dirty = _casebook_case_editor_is_dirty (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid && (dirty || self->is_new));
}

static void
go_to_problem (CasebookCaseEditor *self)
{
  GtkWidget *widget = self->first_problem_widget;

  if (widget == NULL)
    return;

  /* Open every item around the field, then go there. */
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (ADW_IS_EXPANDER_ROW (w))
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (w), TRUE);

  _casebook_case_editor_touch (self, casebook_problem_tracker_get_path (self->tracker, widget));
  _casebook_case_editor_changed (self);

  gtk_widget_grab_focus (widget);
}

static void
on_problem_button_clicked (CasebookCaseEditor *self)
{
  go_to_problem (self);
}

/* Language -------------------------------------------------------------- */

static void
refill_texts (CasebookCaseEditor *self,
              GtkWidget          *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child))
        continue;

      /* An item shows its own fields in its language. */
      if (CASEBOOK_IS_ITEM_ROW (child))
        casebook_item_row_set_lang (CASEBOOK_ITEM_ROW (child), self->lang);
      else if (CASEBOOK_IS_FIELD_ROW (child))
        casebook_field_row_set_lang (CASEBOOK_FIELD_ROW (child), self->lang);
      else
        refill_texts (self, child);
    }
}

static void
on_lang_toggled (CasebookCaseEditor *self,
                 GtkToggleButton    *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  _casebook_case_editor_set_lang (self, button == self->lang_zh_button ? CASEBOOK_LANG_ZH : CASEBOOK_LANG_EN);
}

/* Saving and closing ---------------------------------------------------- */

static void
show_save_error (CasebookCaseEditor *self,
                 const GError       *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save the Case"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
save_and_close (CasebookCaseEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!_casebook_case_editor_save (self, &error))
    {
      show_save_error (self, error);
      return FALSE;
    }

  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  save_and_close (CASEBOOK_CASE_EDITOR (widget));
}

/* Ctrl+S: saves a valid case; on one that is not, shows every problem and
 * goes to the first. */
static void
try_save_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CasebookCaseEditor *self = CASEBOOK_CASE_EDITOR (widget);

  if (_casebook_case_editor_is_valid (self))
    {
      save_and_close (self);
      return;
    }

  self->show_all = TRUE;
  _casebook_case_editor_changed (self);
  go_to_problem (self);
  gtk_widget_error_bell (widget);
}

static gboolean
close_later (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_close_response (AdwMessageDialog   *dialog,
                   const char         *response,
                   CasebookCaseEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "discard") != 0 && g_strcmp0 (response, "save") != 0)
    return;

  if (g_strcmp0 (response, "save") == 0 && !_casebook_case_editor_save (self, &error))
    {
      show_save_error (self, error);
      return;
    }

  /* The question closes first; a dialog must not outlive the window it
   * belongs to. */
  self->closing = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_later, g_object_ref (self), g_object_unref);
}

static gboolean
casebook_case_editor_close_request (GtkWindow *window)
{
  CasebookCaseEditor *self = CASEBOOK_CASE_EDITOR (window);
  gboolean valid;
  GtkWidget *dialog;

  if (self->closing || !_casebook_case_editor_is_dirty (self))
    return GTK_WINDOW_CLASS (casebook_case_editor_parent_class)->close_request (window);

  valid = _casebook_case_editor_is_valid (self);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"),
                                   valid
                                   ? _("The case has changes that are not saved. Changes that are not saved are lost.")
                                   : _("The case has changes that are not saved, and it cannot be saved until its "
                                       "problems are fixed. Changes that are not saved are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", valid);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), valid ? "save" : "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* Overrides ------------------------------------------------------------- */

static void
casebook_case_editor_dispose (GObject *object)
{
  CasebookCaseEditor *self = (CasebookCaseEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_CASE_EDITOR);
  self->first_problem_widget = NULL;
  self->problems = NULL;
  g_clear_object (&self->tracker);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (casebook_case_editor_parent_class)->dispose (object);
}

static void
casebook_case_editor_finalize (GObject *object)
{
  CasebookCaseEditor *self = (CasebookCaseEditor *)object;

  g_clear_object (&self->draft);
  g_clear_pointer (&self->saved_json, g_free);
  g_clear_pointer (&self->sectors, g_ptr_array_unref);
  g_clear_pointer (&self->metrics, g_ptr_array_unref);
  g_clear_pointer (&self->products, g_strfreev);
  g_clear_pointer (&self->families, g_strfreev);
  g_clear_pointer (&self->product_families, g_hash_table_unref);
  g_clear_pointer (&self->stashed_failure, casebook_failure_free);

  G_OBJECT_CLASS (casebook_case_editor_parent_class)->finalize (object);
}

static void
casebook_case_editor_class_init (CasebookCaseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = casebook_case_editor_dispose;
  object_class->finalize = casebook_case_editor_finalize;
  window_class->close_request = casebook_case_editor_close_request;

  (void) casebook_get_resource ();
  g_type_ensure (CASEBOOK_TYPE_FIELD_ROW);

  /**
   * CasebookCaseEditor::saved:
   * @id: the id of the saved case
   *
   * The case was stored; the window shows and selects it.
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-case-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, lang_zh_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, lang_en_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, problem_icon);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, problem_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, page);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, organization_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, sector_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, subsector_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, approach_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, size_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, employees_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, qualifier_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, period_start_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, period_end_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, failure_group);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, problem_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, result_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, source_title_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, source_url_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, source_date_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, source_section_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, source_note_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, id_row);
  gtk_widget_class_bind_template_child_full (widget_class, "stack_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_STACK]));
  gtk_widget_class_bind_template_child_full (widget_class, "outcomes_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_OUTCOMES]));
  gtk_widget_class_bind_template_child_full (widget_class, "phases_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_PHASES]));
  gtk_widget_class_bind_template_child_full (widget_class, "scenarios_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_SCENARIOS]));
  gtk_widget_class_bind_template_child_full (widget_class, "requirements_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_REQUIREMENTS]));
  gtk_widget_class_bind_template_child_full (widget_class, "challenges_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_CHALLENGES]));
  gtk_widget_class_bind_template_child_full (widget_class, "causes_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_CAUSES]));
  gtk_widget_class_bind_template_child_full (widget_class, "lessons_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_LESSONS]));
  gtk_widget_class_bind_template_child_full (widget_class, "notes_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_NOTES]));
  gtk_widget_class_bind_template_child_full (widget_class, "add_stack_row", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, add_rows[LIST_STACK]));
  gtk_widget_class_bind_template_child_full (widget_class, "add_outcome_row", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, add_rows[LIST_OUTCOMES]));
  gtk_widget_class_bind_template_child_full (widget_class, "add_phase_row", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, add_rows[LIST_PHASES]));
  gtk_widget_class_bind_template_child_full (widget_class, "add_scenario_row", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, add_rows[LIST_SCENARIOS]));
  gtk_widget_class_bind_template_child_full (widget_class, "add_requirement_row", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, add_rows[LIST_REQUIREMENTS]));
  gtk_widget_class_bind_template_child_full (widget_class, "add_challenge_row", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, add_rows[LIST_CHALLENGES]));
  gtk_widget_class_bind_template_child_full (widget_class, "add_cause_row", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, add_rows[LIST_CAUSES]));
  gtk_widget_class_bind_template_child_full (widget_class, "add_lesson_row", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, add_rows[LIST_LESSONS]));
  gtk_widget_class_bind_template_child_full (widget_class, "add_note_row", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, add_rows[LIST_NOTES]));
  gtk_widget_class_bind_template_callback (widget_class, on_lang_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_sector_selected",
                                                G_CALLBACK (_casebook_case_editor_on_sector_selected));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_new_sector_clicked",
                                                G_CALLBACK (_casebook_case_editor_on_new_sector_clicked));
  gtk_widget_class_bind_template_callback (widget_class, on_approach_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_size_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_qualifier_selected);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_add_row_activated",
                                                G_CALLBACK (_casebook_case_editor_on_add_row_activated));

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.try-save", NULL, try_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.try-save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}


static void
casebook_case_editor_init (CasebookCaseEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->lang = CASEBOOK_LANG_ZH;
  self->tracker = casebook_problem_tracker_new ();
  _casebook_case_editor_setup_sectors (self);
}

static void
decorate_template_fields (CasebookCaseEditor *self)
{
  struct { gpointer row; const char *path; } fields[] = {
    { self->title_row, "title" },
    { self->organization_row, "organization" },
    { self->kind_row, "kind" },
    { self->sector_row, "sector" },
    { self->subsector_row, "subsector" },
    { self->approach_row, "approach" },
    { self->size_row, "size" },
    { self->employees_row, "employees" },
    { self->qualifier_row, "employees_qualifier" },
    { self->period_start_row, "period.start" },
    { self->period_end_row, "period.end" },
    { self->problem_row, "failure.problem" },
    { self->result_row, "failure.result" },
    { self->source_title_row, "source.title" },
    { self->source_url_row, "source.url" },
    { self->source_date_row, "source.date" },
    { self->source_section_row, "source.section" },
    { self->source_note_row, "source.note" },
    { self->id_row, "id" },
  };

  /* Names for the bar above the fields, where "Title" alone would not say
   * which one. */
  struct { gpointer row; const char *name; } names[] = {
    /* Translators: names of fields of the source of a case, as the bar above the fields names them */
    { self->source_title_row, _("Source Title") },
    { self->source_url_row, _("Source URL") },
    { self->source_date_row, _("Source Date") },
    { self->source_note_row, _("Source Note") },
    { self->problem_row, _("What Went Wrong") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = fields[i].row;
      g_autofree char *title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

      casebook_problem_tracker_add_field (self->tracker, row, fields[i].path, title);
      if (CASEBOOK_IS_FIELD_ROW (row))
        g_signal_connect_object (row, "edited", G_CALLBACK (on_field_edited), self, G_CONNECT_SWAPPED);
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    casebook_problem_tracker_set_field_name (self->tracker, names[i].row, names[i].name);

  /* A problem of the source as a whole shows at its first field. */
  casebook_problem_tracker_set_field_alias (self->tracker, GTK_WIDGET (self->source_title_row), "source");
  casebook_problem_tracker_set_field_alias (self->tracker, GTK_WIDGET (self->problem_row), "failure");
}

/* Public API ------------------------------------------------------------- */

static void
fill_fields (CasebookCaseEditor *self)
{
  CasebookSource *source = (CasebookSource *) casebook_case_get_source (self->draft);
  g_autofree char *employees = NULL;
  int start = 0, end = 0;

  self->loading++;

  casebook_field_row_bind_text (self->title_row, mutable_text (casebook_case_get_title (self->draft)));
  casebook_field_row_bind_text (self->organization_row, mutable_text (casebook_case_get_organization (self->draft)));
  casebook_field_row_bind_text (self->subsector_row, mutable_text (casebook_case_get_subsector (self->draft)));
  casebook_field_row_bind_text (self->source_title_row, source->title);
  casebook_field_row_bind_text (self->source_note_row, source->note);
  casebook_field_row_bind_string (self->source_url_row, &source->url);
  casebook_field_row_bind_string (self->source_date_row, &source->date);
  casebook_field_row_bind_string (self->source_section_row, &source->section);

  adw_combo_row_set_selected (self->kind_row, (guint) casebook_case_get_kind (self->draft));
  adw_combo_row_set_selected (self->approach_row, (guint) casebook_case_get_approach (self->draft));
  adw_combo_row_set_selected (self->size_row, (guint) casebook_case_get_size (self->draft));
  adw_combo_row_set_selected (self->qualifier_row, (guint) casebook_case_get_employees_qualifier (self->draft));

  if (casebook_case_get_employees (self->draft) >= 0)
    employees = g_strdup_printf ("%" G_GINT64_FORMAT, casebook_case_get_employees (self->draft));
  gtk_editable_set_text (GTK_EDITABLE (self->employees_row), employees != NULL ? employees : "");

  if (casebook_case_get_period (self->draft, &start, &end))
    {
      g_autofree char *s = g_strdup_printf ("%d", start);
      g_autofree char *e = g_strdup_printf ("%d", end);

      gtk_editable_set_text (GTK_EDITABLE (self->period_start_row), s);
      gtk_editable_set_text (GTK_EDITABLE (self->period_end_row), e);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->id_row), casebook_case_get_id (self->draft));
  gtk_editable_set_editable (GTK_EDITABLE (self->id_row), self->is_new);
  gtk_widget_set_sensitive (GTK_WIDGET (self->id_row), self->is_new);

  self->loading--;

  _casebook_case_editor_fill_sectors (self);
  bind_failure (self);
  for (ListKind kind = 0; kind < N_LISTS; kind++)
    if (kind != LIST_CAUSES)
      _casebook_case_editor_rebuild_list (self, kind);

  g_signal_connect_object (self->employees_row, "changed", G_CALLBACK (on_employees_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->period_start_row, "changed", G_CALLBACK (on_period_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->period_end_row, "changed", G_CALLBACK (on_period_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->id_row, "changed", G_CALLBACK (on_id_changed), self, G_CONNECT_SWAPPED);
}

/**
 * casebook_case_editor_new:
 * @store: the store the case goes into
 * @c: (nullable): the case to change, or to start from; %NULL for an empty
 *   new case
 * @is_new: whether saving adds a case (a new one, or a duplicate with an id
 *   of its own) rather than changing @c
 * @lang: the language to write in first; also the language of the names of
 *   sectors and metric families
 *
 * The editor never changes @c; it works on a copy.
 *
 * Returns: (transfer full): a new editor
 */
CasebookCaseEditor *
casebook_case_editor_new (CasebookStore *store,
                          CasebookCase  *c,
                          gboolean       is_new,
                          CasebookLang   lang)
{
  CasebookCaseEditor *self;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (c == NULL || CASEBOOK_IS_CASE (c), NULL);
  g_return_val_if_fail (c != NULL || is_new, NULL);

  self = g_object_new (CASEBOOK_TYPE_CASE_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->is_new = is_new;
  self->content_lang = lang;

  if (c != NULL)
    self->draft = casebook_case_copy (c);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *base = g_date_time_format (now, "own-%Y%m%d");
      g_autofree char *id = casebook_store_make_id (store, base);

      self->draft = casebook_case_new (id);
    }
  casebook_case_set_origin (self->draft, CASEBOOK_ORIGIN_OWN);
  _casebook_case_editor_normalize_draft (self->draft);

  _casebook_case_editor_load_choices (self);
  decorate_template_fields (self);
  fill_fields (self);

  self->saved_json = draft_json (self);

  /* A case that exists shows all its problems at once; a new one only
   * those of the fields the person has been at. */
  self->show_all = !is_new;

  _casebook_case_editor_set_lang (self, lang);
  _casebook_case_editor_changed (self);

  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));

  return self;
}

/**
 * _casebook_case_editor_get_draft:
 *
 * Returns: (transfer none): the case as edited so far
 */
CasebookCase *
_casebook_case_editor_get_draft (CasebookCaseEditor *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_EDITOR (self), NULL);
  return self->draft;
}

/**
 * _casebook_case_editor_get_problems:
 *
 * Returns: (transfer none) (element-type CasebookProblem): what keeps the
 *   draft from being saved, shown or not
 */
GPtrArray *
_casebook_case_editor_get_problems (CasebookCaseEditor *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_EDITOR (self), NULL);
  return self->problems;
}

gboolean
_casebook_case_editor_is_valid (CasebookCaseEditor *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_EDITOR (self), FALSE);
  return self->problems != NULL && self->problems->len == 0;
}

/**
 * _casebook_case_editor_is_dirty:
 *
 * Returns: %TRUE if the draft differs from what was saved or loaded
 */
gboolean
_casebook_case_editor_is_dirty (CasebookCaseEditor *self)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (CASEBOOK_IS_CASE_EDITOR (self), FALSE);

  if (self->saved_json == NULL)
    return FALSE;

  /* A field that holds no number changes nothing in the draft, but the
   * person typed it. */
  if (casebook_problem_tracker_has_parse_problems (self->tracker))
    return TRUE;

  json = draft_json (self);
  return g_strcmp0 (json, self->saved_json) != 0;
}

gboolean
_casebook_case_editor_is_new (CasebookCaseEditor *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_EDITOR (self), FALSE);
  return self->is_new;
}

/**
 * _casebook_case_editor_set_lang:
 * @lang: the language of the texts to write
 *
 * Shows every text field in @lang. The draft keeps both languages.
 */
void
_casebook_case_editor_set_lang (CasebookCaseEditor *self,
                                CasebookLang        lang)
{
  g_return_if_fail (CASEBOOK_IS_CASE_EDITOR (self));

  self->lang = lang;
  gtk_toggle_button_set_active (lang == CASEBOOK_LANG_ZH ? self->lang_zh_button : self->lang_en_button, TRUE);

  if (self->draft == NULL)
    return;

  refill_texts (self, GTK_WIDGET (self->page));
  _casebook_case_editor_changed (self);
}

/**
 * _casebook_case_editor_save:
 *
 * Stores the draft in one transaction (with its new sector, if it has
 * one) and emits #CasebookCaseEditor::saved.
 *
 * Returns: %TRUE if the case was stored
 */
gboolean
_casebook_case_editor_save (CasebookCaseEditor  *self,
                            GError             **error)
{
  g_autoptr(CasebookCase) c = NULL;
  const CasebookSector *new_sector = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (CASEBOOK_IS_CASE_EDITOR (self), FALSE);

  if (!_casebook_case_editor_is_valid (self))
    {
      const CasebookProblem *problem = self->problems != NULL && self->problems->len > 0
                                       ? g_ptr_array_index (self->problems, 0) : NULL;

      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID,
                   "%s: %s", problem != NULL ? problem->path : "", problem != NULL ? problem->message : "");
      return FALSE;
    }

  c = casebook_case_copy (self->draft);
  if (self->new_sector != NULL && g_strcmp0 (self->new_sector->key, casebook_case_get_sector (c)) == 0)
    new_sector = self->new_sector;

  if (!casebook_store_save_case (self->store, c, new_sector, error))
    return FALSE;

  /* Saved: it is a case of the store now, and its sector too. */
  self->new_sector = NULL;
  self->is_new = FALSE;
  g_free (self->saved_json);
  self->saved_json = draft_json (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->id_row), FALSE);
  _casebook_case_editor_changed (self);

  id = g_strdup (casebook_case_get_id (c));
  g_signal_emit (self, signals[SAVED], 0, id);
  return TRUE;
}
