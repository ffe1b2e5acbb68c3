/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "casebook-application-private.h"
#include "casebook-case-check-private.h"
#include "casebook-case-editor-private.h"
#include "casebook-case-list.h"
#include "casebook-outcome-item-row-private.h"
#include "casebook-problem-tracker.h"
#include "casebook-store-private.h"
#include "casebook-test-display.h"
#include "casebook-test-util.h"
#include "casebook-window-private.h"
#include "casebook-document-private.h"

/* The case editor and the window's own-case, import and export flows,
 * driven as a person drives them: through the fields, the actions and the
 * dialogs, with the store checked afterwards. */

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds, for at most ten seconds. */
static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      if (condition (data))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }

  return condition (data);
}

static void
spin (void)
{
  for (guint i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE));
}

static GtkWidget *
child (gpointer    editor,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (editor), CASEBOOK_TYPE_CASE_EDITOR, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
type_into (gpointer    editor,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (editor, name)), text);
}

static gboolean
is_marked (gpointer    editor,
           const char *name)
{
  return gtk_widget_has_css_class (child (editor, name), "error");
}

static gboolean
can_save (gpointer editor)
{
  return gtk_widget_get_sensitive (child (editor, "save_button"));
}

static const char *
row_title (GtkWidget *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* A row inside @widget whose title starts with @title. */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (ADW_IS_PREFERENCES_ROW (c) && !ADW_IS_EXPANDER_ROW (c) && g_str_has_prefix (row_title (c), title))
        return c;
      if ((found = find_row (c, title)) != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  const char       *heading;
  AdwMessageDialog *dialog;
} DialogWait;

static gboolean
dialog_shown (gpointer data)
{
  DialogWait *w = data;

  w->dialog = casebook_test_find_message_dialog (w->heading);
  return w->dialog != NULL;
}

static AdwMessageDialog *
wait_for_dialog (const char *heading)
{
  DialogWait w = { heading, NULL };

  g_assert_true (wait_until (dialog_shown, &w));
  return w.dialog;
}

static gboolean
dialog_gone (gpointer data)
{
  return casebook_test_find_message_dialog (data) == NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), label) == 0)
        return c;
      if ((found = find_button (c, label)) != NULL)
        return found;
    }

  return NULL;
}

/* Clicks the dialog's button for @response, as a person would. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_autofree char *heading = g_strdup (adw_message_dialog_get_heading (dialog));
  GtkWidget *button;

  g_assert_true (adw_message_dialog_has_response (dialog, response));
  button = find_button (GTK_WIDGET (dialog), adw_message_dialog_get_response_label (dialog, response));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  g_assert_true (wait_until (dialog_gone, heading));
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The editor alone --------------------------------------------------- */

typedef struct
{
  char          *dir;
  CasebookStore *store;
} EditorFixture;

static void
editor_setup (EditorFixture *f,
              gconstpointer  user_data)
{
  f->dir = casebook_test_tmpdir ();
  f->store = casebook_test_open_store (f->dir, CASEBOOK_STORE_FLAGS_NONE);
}

static void
editor_teardown (EditorFixture *f,
                 gconstpointer  user_data)
{
  g_clear_object (&f->store);
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
}

static CasebookCaseEditor *
open_editor (CasebookStore *store,
             CasebookCase  *c,
             gboolean       is_new)
{
  CasebookCaseEditor *editor = casebook_case_editor_new (store, c, is_new, CASEBOOK_LANG_EN);

  gtk_window_present (GTK_WINDOW (editor));
  spin ();
  return editor;
}

static void
test_editor_marks_wrong_field (EditorFixture *f,
                               gconstpointer  user_data)
{
  CasebookCaseEditor *editor = open_editor (f->store, NULL, TRUE);
  GPtrArray *problems;
  int width = 0, height = 0;

  /* The editor opens within a 1366×768 laptop screen, below GNOME's top
   * bar (32 px) and with room for the window's own shadow. */
  gtk_window_get_default_size (GTK_WINDOW (editor), &width, &height);
  g_assert_cmpint (height, >, 0);
  g_assert_cmpint (height, <=, 768 - 32 - 64);
  g_assert_cmpint (width, <=, 1366 / 2);

  /* An empty case cannot be saved, but nothing is red before the person
   * has been at it. */
  g_assert_false (can_save (editor));
  g_assert_false (_casebook_case_editor_is_valid (editor));
  problems = _casebook_case_editor_get_problems (editor);
  g_assert_nonnull (_casebook_problems_find (problems, "title"));
  g_assert_false (is_marked (editor, "title_row"));

  type_into (editor, "title_row", "Cloud at a utility");
  type_into (editor, "organization_row", "A regional power utility");
  type_into (editor, "source_url_row", "https://example.org/utility");
  g_assert_true (_casebook_case_editor_is_valid (editor));
  g_assert_true (can_save (editor));

  /* A period that ends before it starts: the last year is marked and says
   * why; the first is not; Save is off. */
  type_into (editor, "period_start_row", "2025");
  type_into (editor, "period_end_row", "2023");
  g_assert_true (is_marked (editor, "period_end_row"));
  g_assert_false (is_marked (editor, "period_start_row"));
  g_assert_nonnull (strstr (row_title (child (editor, "period_end_row")), "before it starts"));
  g_assert_nonnull (_casebook_problems_find (_casebook_case_editor_get_problems (editor), "period.end"));
  g_assert_false (can_save (editor));

  type_into (editor, "period_end_row", "2026");
  g_assert_false (is_marked (editor, "period_end_row"));
  g_assert_cmpstr (row_title (child (editor, "period_end_row")), ==, "Last Year");
  g_assert_true (can_save (editor));

  /* What is no number says so; the draft keeps no number. */
  type_into (editor, "employees_row", "12,000");
  g_assert_true (is_marked (editor, "employees_row"));
  g_assert_false (can_save (editor));
  g_assert_cmpint (casebook_case_get_employees (_casebook_case_editor_get_draft (editor)), ==, -1);
  type_into (editor, "employees_row", "12000");
  g_assert_false (is_marked (editor, "employees_row"));
  g_assert_cmpint (casebook_case_get_employees (_casebook_case_editor_get_draft (editor)), ==, 12000);

  type_into (editor, "source_date_row", "2025-13-01");
  g_assert_true (is_marked (editor, "source_date_row"));
  g_assert_false (can_save (editor));
  type_into (editor, "source_date_row", "2025-03-01");
  g_assert_false (is_marked (editor, "source_date_row"));
  g_assert_true (can_save (editor));

  /* The source needs a title, a section or a URL; without the URL the
   * source is marked at its first field. */
  type_into (editor, "source_url_row", "");
  g_assert_true (is_marked (editor, "source_title_row"));
  g_assert_false (can_save (editor));
  type_into (editor, "source_url_row", "https://example.org/utility");
  g_assert_true (can_save (editor));

  /* A pasted control character is refused by the same rule as in the
   * reader: the title says which character, and Save is off. */
  type_into (editor, "title_row", "Cloud\x1b[31m at a utility");
  g_assert_true (is_marked (editor, "title_row"));
  g_assert_nonnull (strstr (row_title (child (editor, "title_row")), "U+001B"));
  g_assert_nonnull (_casebook_problems_find (_casebook_case_editor_get_problems (editor), "title.en"));
  g_assert_false (can_save (editor));
  type_into (editor, "title_row", "Cloud at a utility");
  g_assert_false (is_marked (editor, "title_row"));
  g_assert_true (can_save (editor));

  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_editor_two_languages (EditorFixture *f,
                           gconstpointer  user_data)
{
  CasebookCaseEditor *editor = open_editor (f->store, NULL, TRUE);
  CasebookCase *draft = _casebook_case_editor_get_draft (editor);

  type_into (editor, "title_row", "Cloud at a utility");
  type_into (editor, "organization_row", "A regional power utility");
  type_into (editor, "source_url_row", "https://example.org/utility");

  /* In Chinese the fields show what is written in Chinese: nothing yet.
   * One language is enough to be valid. */
  _casebook_case_editor_set_lang (editor, CASEBOOK_LANG_ZH);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "title_row"))), ==, "");
  g_assert_true (_casebook_case_editor_is_valid (editor));

  type_into (editor, "title_row", "公用事业云迁移");
  g_assert_cmpstr (casebook_text_get_exact (casebook_case_get_title (draft), CASEBOOK_LANG_ZH), ==, "公用事业云迁移");
  g_assert_cmpstr (casebook_text_get_exact (casebook_case_get_title (draft), CASEBOOK_LANG_EN), ==, "Cloud at a utility");

  /* Clearing one language leaves the other. */
  _casebook_case_editor_set_lang (editor, CASEBOOK_LANG_EN);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "title_row"))), ==, "Cloud at a utility");
  type_into (editor, "title_row", "");
  g_assert_null (casebook_text_get_exact (casebook_case_get_title (draft), CASEBOOK_LANG_EN));
  g_assert_true (_casebook_case_editor_is_valid (editor));

  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_editor_failure_follows_kind (EditorFixture *f,
                                  gconstpointer  user_data)
{
  CasebookCaseEditor *editor = open_editor (f->store, NULL, TRUE);
  CasebookCase *draft = _casebook_case_editor_get_draft (editor);
  GtkWidget *group = child (editor, "failure_group");

  type_into (editor, "title_row", "A failed migration");
  type_into (editor, "organization_row", "A hospital");
  type_into (editor, "source_url_row", "https://example.org/hospital");
  g_assert_false (gtk_widget_get_visible (group));

  /* A failure needs to say what went wrong. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, "kind_row")), CASEBOOK_KIND_FAILURE);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_nonnull (casebook_case_get_failure (draft));
  g_assert_nonnull (_casebook_problems_find (_casebook_case_editor_get_problems (editor), "failure.problem"));
  g_assert_false (can_save (editor));

  type_into (editor, "problem_row", "The platform did not fit the hospital's systems");
  type_into (editor, "result_row", "Rolled back after a year");
  g_assert_true (can_save (editor));

  /* Back to a success: the section goes, and is there again, as it was,
   * when the case turns out a failure after all. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, "kind_row")), CASEBOOK_KIND_SUCCESS);
  g_assert_false (gtk_widget_get_visible (group));
  g_assert_null (casebook_case_get_failure (draft));
  g_assert_true (can_save (editor));

  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, "kind_row")), CASEBOOK_KIND_FAILURE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "result_row"))), ==, "Rolled back after a year");
  g_assert_cmpstr (casebook_text_get (casebook_case_get_failure (draft)->result, CASEBOOK_LANG_EN), ==,
                   "Rolled back after a year");
  g_assert_true (can_save (editor));

  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_editor_outcome_and_save (EditorFixture *f,
                              gconstpointer  user_data)
{
  CasebookCaseEditor *editor = open_editor (f->store, NULL, TRUE);
  GtkListBox *list = GTK_LIST_BOX (child (editor, "outcomes_list"));
  GtkListBoxRow *add = gtk_list_box_get_row_at_index (list, 0);
  g_autoptr(CasebookStore) again = NULL;
  g_autoptr(CasebookCase) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const CasebookOutcome *outcome;
  GtkWidget *expander, *value, *unit, *better, *statement;

  type_into (editor, "title_row", "Cloud at a utility");
  type_into (editor, "organization_row", "A regional power utility");
  type_into (editor, "source_url_row", "https://example.org/utility");

  /* A new outcome comes empty, and an empty outcome is not valid. */
  g_signal_emit_by_name (list, "row-activated", add);
  expander = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_true (ADW_IS_EXPANDER_ROW (expander));
  g_assert_nonnull (_casebook_problems_find (_casebook_case_editor_get_problems (editor), "outcomes[0].text"));
  g_assert_false (can_save (editor));

  statement = find_row (expander, "Statement");
  value = find_row (expander, "Value");
  unit = find_row (expander, "Unit");
  better = find_row (expander, "Direction");
  g_assert_nonnull (statement);
  g_assert_nonnull (value);
  g_assert_nonnull (unit);
  g_assert_nonnull (better);

  gtk_editable_set_text (GTK_EDITABLE (statement), "Costs fell by 40%");
  gtk_editable_set_text (GTK_EDITABLE (value), "−40");

  /* A value needs a unit: the unit is marked as soon as the value is in. */
  g_assert_true (gtk_widget_has_css_class (unit, "error"));
  g_assert_false (can_save (editor));
  adw_combo_row_set_selected (ADW_COMBO_ROW (unit), CASEBOOK_UNIT_PERCENT_CHANGE);
  g_assert_false (gtk_widget_has_css_class (unit, "error"));
  g_assert_true (gtk_widget_has_css_class (better, "error"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (better), CASEBOOK_BETTER_LOWER);
  g_assert_true (_casebook_case_editor_is_valid (editor));
  g_assert_true (can_save (editor));

  outcome = g_ptr_array_index (casebook_case_get_outcomes (_casebook_case_editor_get_draft (editor)), 0);
  g_assert_true (outcome->has_value);
  g_assert_cmpfloat (outcome->value, ==, -40);

  id = g_strdup (casebook_case_get_id (_casebook_case_editor_get_draft (editor)));
  g_assert_true (casebook_key_is_valid (id));
  g_assert_true (_casebook_case_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_false (_casebook_case_editor_is_dirty (editor));

  /* In the store, as a store opened again reads it. */
  again = casebook_test_open_store (f->dir, CASEBOOK_STORE_FLAGS_NONE);
  stored = casebook_store_get_case (again, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (casebook_case_get_origin (stored), ==, CASEBOOK_ORIGIN_OWN);
  g_assert_cmpstr (casebook_text_get (casebook_case_get_title (stored), CASEBOOK_LANG_EN), ==, "Cloud at a utility");
  outcome = g_ptr_array_index (casebook_case_get_outcomes (stored), 0);
  g_assert_cmpfloat (outcome->value, ==, -40);
  g_assert_cmpint (outcome->unit, ==, CASEBOOK_UNIT_PERCENT_CHANGE);
  g_assert_cmpint (outcome->better, ==, CASEBOOK_BETTER_LOWER);

  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_editor_new_sector (EditorFixture *f,
                        gconstpointer  user_data)
{
  CasebookCaseEditor *editor = open_editor (f->store, NULL, TRUE);
  g_autoptr(CasebookSector) sector = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *color = casebook_store_pick_sector_color (f->store);

  type_into (editor, "title_row", "Smart grid");
  type_into (editor, "organization_row", "A grid operator");
  type_into (editor, "source_url_row", "https://example.org/grid");

  /* A new sector is chosen at once, and stored only with the case. */
  _casebook_case_editor_add_sector (editor, "能源", "Energy & Utilities");
  g_assert_cmpstr (casebook_case_get_sector (_casebook_case_editor_get_draft (editor)), ==, "energy-utilities");
  g_assert_null (_casebook_store_get_sector (f->store, "energy-utilities"));

  g_assert_true (_casebook_case_editor_save (editor, &error));
  g_assert_no_error (error);
  sector = _casebook_store_get_sector (f->store, "energy-utilities");
  g_assert_nonnull (sector);
  g_assert_cmpstr (sector->name->zh, ==, "能源");
  g_assert_cmpstr (sector->color, ==, color);

  gtk_window_destroy (GTK_WINDOW (editor));
}

static CasebookCase *
own_case (CasebookStore *store,
          const char    *id,
          const char    *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = casebook_test_minimal_case (id, "");
  CasebookCase *c = casebook_json_case_from_string (json, &error);

  g_assert_no_error (error);
  casebook_case_take_title (c, casebook_text_new (NULL, title));
  g_assert_true (casebook_store_save_case (store, c, NULL, &error));
  g_assert_no_error (error);

  return c;
}

/* Stores a case of one's own for a test that needs only the store to hold it. */
static void
add_own_case (CasebookStore *store,
              const char    *id,
              const char    *title)
{
  g_object_unref (own_case (store, id, title));
}

static void
test_editor_close_asks_first (EditorFixture *f,
                              gconstpointer  user_data)
{
  g_autoptr(CasebookCase) c = own_case (f->store, "mine-1", "Before");
  g_autoptr(CasebookCase) stored = NULL;
  g_autoptr(GError) error = NULL;
  CasebookCaseEditor *editor;
  AdwMessageDialog *dialog;

  /* Nothing changed: it closes. */
  editor = open_editor (f->store, c, FALSE);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_false (_casebook_case_editor_is_dirty (editor));
  g_assert_false (can_save (editor));
  gtk_window_close (GTK_WINDOW (editor));
  g_assert_true (wait_until (pointer_cleared, &editor));

  /* Changed: it asks; Cancel keeps it open with the change. */
  editor = open_editor (f->store, c, FALSE);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  type_into (editor, "title_row", "After");
  g_assert_true (_casebook_case_editor_is_dirty (editor));
  gtk_window_close (GTK_WINDOW (editor));
  dialog = wait_for_dialog ("Save Changes?");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  respond (dialog, "cancel");
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "title_row"))), ==, "After");

  /* Discard closes and stores nothing. */
  gtk_window_close (GTK_WINDOW (editor));
  respond (wait_for_dialog ("Save Changes?"), "discard");
  g_assert_true (wait_until (pointer_cleared, &editor));
  stored = casebook_store_get_case (f->store, "mine-1", &error);
  g_assert_cmpstr (casebook_text_get (casebook_case_get_title (stored), CASEBOOK_LANG_EN), ==, "Before");
  g_clear_object (&stored);

  /* An invalid change cannot be saved from the question either. */
  editor = open_editor (f->store, c, FALSE);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  type_into (editor, "period_start_row", "2030");
  gtk_window_close (GTK_WINDOW (editor));
  dialog = wait_for_dialog ("Save Changes?");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  respond (dialog, "cancel");

  /* Save saves, then closes. */
  type_into (editor, "period_start_row", "");
  type_into (editor, "title_row", "After");
  gtk_window_close (GTK_WINDOW (editor));
  respond (wait_for_dialog ("Save Changes?"), "save");
  g_assert_true (wait_until (pointer_cleared, &editor));
  stored = casebook_store_get_case (f->store, "mine-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (casebook_text_get (casebook_case_get_title (stored), CASEBOOK_LANG_EN), ==, "After");
}

/* A row of a list alone ------------------------------------------------ */

typedef struct
{
  guint     n_changed;
  char     *path;
  gboolean  has_value;
  double    value;
  guint     n_remove;
} RowWatch;

static void
on_outcome_row_changed (CasebookItemRow *row,
                        const char      *path,
                        RowWatch        *w)
{
  CasebookOutcome *outcome = _casebook_outcome_item_row_get_outcome (CASEBOOK_OUTCOME_ITEM_ROW (row));

  w->n_changed++;
  g_free (w->path);
  w->path = g_strdup (path);
  /* The outcome holds what was typed when the row says so. */
  w->has_value = outcome->has_value;
  w->value = outcome->value;
}

static void
on_outcome_row_remove (CasebookItemRow *row,
                       RowWatch        *w)
{
  w->n_remove++;
}

static GtkWidget *
find_icon_button (GtkWidget  *widget,
                  const char *icon_name)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (c)), icon_name) == 0)
        return c;
      if ((found = find_icon_button (c, icon_name)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_outcome_row_signals (void)
{
  g_autoptr(CasebookProblemTracker) tracker = casebook_problem_tracker_new ();
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_metric_free);
  CasebookOutcome *outcome = casebook_outcome_new ();
  RowWatch w = { 0, };
  GtkWidget *row, *value, *unit, *statement;

  outcome->text = casebook_text_new (NULL, "Costs fell");
  outcome->has_value = TRUE;
  outcome->value = 99.99;

  row = g_object_ref_sink (casebook_outcome_item_row_new (tracker, 2, outcome, metrics,
                                                          CASEBOOK_LANG_EN, CASEBOOK_LANG_EN));
  g_signal_connect (row, "changed", G_CALLBACK (on_outcome_row_changed), &w);
  g_signal_connect (row, "remove-requested", G_CALLBACK (on_outcome_row_remove), &w);

  /* Filled from the outcome, which counts as no change. */
  statement = find_row (row, "Statement");
  value = find_row (row, "Value");
  unit = find_row (row, "Unit");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (statement)), ==, "Costs fell");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value)), ==, "99.99");
  g_assert_cmpstr (row_title (row), ==, "Costs fell");
  g_assert_cmpuint (w.n_changed, ==, 0);

  /* A number as a person types it, with the minus sign the case page shows. */
  /* Replacing the text may change it twice, once to empty. */
  gtk_editable_set_text (GTK_EDITABLE (value), " −12.5 ");
  g_assert_cmpuint (w.n_changed, >=, 1);
  g_assert_cmpstr (w.path, ==, "outcomes[2].value");
  g_assert_true (w.has_value);
  g_assert_cmpfloat (w.value, ==, -12.5);
  g_assert_false (casebook_problem_tracker_has_parse_problems (tracker));

  /* No number: the outcome keeps none, and the tracker knows why. */
  w.n_changed = 0;
  gtk_editable_set_text (GTK_EDITABLE (value), "1,000");
  g_assert_cmpuint (w.n_changed, >=, 1);
  g_assert_cmpstr (w.path, ==, "outcomes[2].value");
  g_assert_false (w.has_value);
  g_assert_true (casebook_problem_tracker_has_parse_problems (tracker));
  gtk_editable_set_text (GTK_EDITABLE (value), "");
  g_assert_false (casebook_problem_tracker_has_parse_problems (tracker));

  adw_combo_row_set_selected (ADW_COMBO_ROW (unit), CASEBOOK_UNIT_TIMES);
  g_assert_cmpstr (w.path, ==, "outcomes[2].unit");
  g_assert_cmpint (outcome->unit, ==, CASEBOOK_UNIT_TIMES);

  /* The title follows the statement. */
  gtk_editable_set_text (GTK_EDITABLE (statement), "Costs fell by half");
  g_assert_cmpstr (w.path, ==, "outcomes[2].text");
  g_assert_cmpstr (row_title (row), ==, "Costs fell by half");
  g_assert_cmpstr (casebook_text_get_exact (outcome->text, CASEBOOK_LANG_EN), ==, "Costs fell by half");

  /* Removing is the editor's business: the row only asks. */
  g_signal_emit_by_name (find_icon_button (row, "user-trash-symbolic"), "clicked");
  g_assert_cmpuint (w.n_remove, ==, 1);

  g_object_unref (row);
  casebook_outcome_free (outcome);
  g_free (w.path);
}

/* The window -------------------------------------------------------------- */

typedef struct
{
  char                *dir;
  char                *db;
  CasebookApplication *app;
  CasebookWindow      *window;
  CasebookStore       *store;
  guint                expected;
  const char          *id;
  const char          *text;
} Fixture;

static gboolean
has_n_items (gpointer data)
{
  Fixture *f = data;
  GListModel *cases = _casebook_window_get_cases (f->window);

  return g_list_model_get_n_items (cases) == f->expected &&
         !casebook_case_list_is_loading (CASEBOOK_CASE_LIST (cases));
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
      if ((found = find_widget (c, type)) != NULL)
        return found;
    }

  return NULL;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c) && gtk_widget_get_mapped (c))
        g_ptr_array_add (labels, g_strdup (gtk_label_get_label (GTK_LABEL (c))));
      collect_labels (c, labels);
    }
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  collect_labels (widget, labels);
  return g_ptr_array_find_with_equal_func (labels, text, g_str_equal, NULL);
}

static GtkWidget *
find_mapped_label (GtkWidget  *widget,
                   const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (c) && gtk_widget_get_mapped (c) && g_str_equal (gtk_label_get_label (GTK_LABEL (c)), text))
        return c;
      if ((found = find_mapped_label (c, text)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_allocated (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0;
}

static gboolean
shows_text (gpointer data)
{
  Fixture *f = data;

  return shows_label (GTK_WIDGET (f->window), f->text);
}

/* The case @f->id is on the detail page and selected in the list. */
static gboolean
is_selected (gpointer data)
{
  Fixture *f = data;
  CasebookCase *current = _casebook_window_get_current_case (f->window);
  GtkListView *view = GTK_LIST_VIEW (find_widget (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW));
  GtkSelectionModel *selection = gtk_list_view_get_model (view);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);
  g_autoptr(CasebookCaseSummary) row = NULL;

  /* Exactly one row selected, and it is that case. */
  if (gtk_bitset_get_size (selected) != 1)
    return FALSE;
  row = g_list_model_get_item (G_LIST_MODEL (selection), gtk_bitset_get_nth (selected, 0));

  return current != NULL && g_strcmp0 (casebook_case_get_id (current), f->id) == 0 &&
         row != NULL && g_strcmp0 (casebook_case_summary_get_id (row), f->id) == 0;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  static guint counter;
  g_autofree char *app_id = g_strdup_printf ("io.github.casebook.Casebook.TestEditor%u", ++counter);
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  f->dir = casebook_test_tmpdir ();
  f->db = g_build_filename (f->dir, "store.db", NULL);

  f->app = casebook_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), app_id);
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  _casebook_application_set_db_path (f->app, f->db);

  settings = _casebook_application_get_settings (f->app);
  g_settings_reset (settings, "selected-case");
  g_settings_reset (settings, "sort-order");
  g_settings_set_string (settings, "content-language", "en");

  f->store = g_object_ref (_casebook_application_get_store (f->app));
  f->window = _casebook_application_new_window (f->app, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 900);
  gtk_window_present (GTK_WINDOW (f->window));

  f->expected = 14;
  g_assert_true (wait_until (has_n_items, f));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin ();
  g_clear_object (&f->store);
  g_clear_object (&f->app);
  casebook_test_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static CasebookStore *
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CasebookStore *store = casebook_store_open (f->db, CASEBOOK_STORE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return store;
}

static gboolean
editor_open (gpointer data)
{
  return _casebook_window_get_editor (((Fixture *) data)->window) != NULL;
}

static gboolean
editor_closed (gpointer data)
{
  return _casebook_window_get_editor (((Fixture *) data)->window) == NULL;
}

static void
test_window_new_case (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(CasebookStore) again = NULL;
  g_autofree char *id = NULL;
  GtkWindow *editor;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-case", NULL);
  g_assert_true (wait_until (editor_open, f));
  editor = _casebook_window_get_editor (f->window);
  g_assert_true (_casebook_case_editor_is_new (CASEBOOK_CASE_EDITOR (editor)));

  type_into (editor, "title_row", "Kubernetes at a regional bank");
  type_into (editor, "organization_row", "A regional bank");
  type_into (editor, "source_url_row", "https://example.org/bank");
  id = g_strdup (casebook_case_get_id (_casebook_case_editor_get_draft (CASEBOOK_CASE_EDITOR (editor))));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_true (wait_until (editor_closed, f));

  /* The list and the page show it, selected, marked as one's own. */
  f->expected = 15;
  g_assert_true (wait_until (has_n_items, f));
  f->id = id;
  g_assert_true (wait_until (is_selected, f));
  f->text = "Your Case";
  g_assert_true (wait_until (shows_text, f));
  g_assert_true (shows_label (GTK_WIDGET (f->window), "Kubernetes at a regional bank"));

  again = reopen (f);
  g_assert_true (casebook_store_has_case (again, id));
  g_assert_cmpuint (casebook_store_get_n_cases (again), ==, 15);
}

static void
test_window_save_shows_filtered_out_case (Fixture       *f,
                                          gconstpointer  user_data)
{
  CasebookFilter *filter = _casebook_window_get_filter (f->window);
  GtkWindow *editor;

  /* The list shows government cases; the new case is a finance one. */
  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "government", TRUE);
  f->expected = 2;
  g_assert_true (wait_until (has_n_items, f));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-case", NULL);
  editor = _casebook_window_get_editor (f->window);
  type_into (editor, "title_row", "Payments on WebAssembly");
  type_into (editor, "organization_row", "A payment processor");
  type_into (editor, "source_url_row", "https://example.org/pay");
  f->id = casebook_case_get_id (_casebook_case_editor_get_draft (CASEBOOK_CASE_EDITOR (editor)));
  f->id = g_intern_string (f->id);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_true (wait_until (editor_closed, f));

  /* The filter gives way, so the case the person just wrote is in sight. */
  f->expected = 15;
  g_assert_true (wait_until (has_n_items, f));
  g_assert_false (casebook_filter_has_facets (filter));
  g_assert_true (wait_until (is_selected, f));
}

/* The button of a toast, by its label: the case page has buttons with the
 * same actions, so the action does not tell them apart. */
static GtkWidget *
find_toast_button (GtkWidget  *widget,
                   const char *label)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && gtk_widget_get_mapped (c) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), label) == 0)
        return c;
      if ((found = find_toast_button (c, label)) != NULL)
        return found;
    }

  return NULL;
}

/* The action the list binds to @keyval, if any. */
static char *
list_key_action (Fixture *f,
                 guint    keyval)
{
  GtkWidget *view = find_widget (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              GTK_IS_NAMED_ACTION (action))
            return g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }

  return NULL;
}

static void
test_window_bundled_is_read_only (Fixture       *f,
                                  gconstpointer  user_data)
{
  g_autofree char *before = casebook_test_snapshot (f->store);
  CasebookCaseEditor *editor;
  CasebookCase *draft;

  _casebook_window_select_case (f->window, "report-2.1");
  f->id = "report-2.1";
  g_assert_true (wait_until (is_selected, f));
  g_assert_false (shows_label (GTK_WIDGET (f->window), "Your Case"));

  /* Delete and Edit do nothing to a case that comes with Casebook, but
   * they can be tried, and they say why, offering the copy that can be
   * changed... */
  {
    g_autofree char *on_delete = list_key_action (f, GDK_KEY_Delete);

    /* Delete in the list is that action. */
    g_assert_cmpstr (on_delete, ==, "win.delete-case");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-case", NULL));
  f->text = "Cases from the report are read-only";
  g_assert_true (wait_until (shows_text, f));
  g_assert_true (casebook_store_has_case (f->store, "report-2.1"));
  /* The reason takes one line where the window has room for it. */
  {
    GtkWidget *label = find_mapped_label (GTK_WIDGET (f->window), f->text);
    g_autoptr(PangoLayout) layout = NULL;
    int text_width = 0;

    g_assert_nonnull (label);
    layout = gtk_widget_create_pango_layout (label, f->text);
    pango_layout_get_pixel_size (layout, &text_width, NULL);
    g_assert_true (wait_until (is_allocated, label));
    g_assert_cmpint (gtk_widget_get_width (label), >=, text_width);
  }
  {
    g_autofree char *now = casebook_test_snapshot (f->store);

    g_assert_cmpstr (now, ==, before);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-case", NULL));
  spin ();
  g_assert_null (_casebook_window_get_editor (f->window));

  /* ...and the toast's Duplicate gives a copy of one's own, with an id of
   * its own. */
  g_assert_nonnull (find_toast_button (GTK_WIDGET (f->window), "_Duplicate"));
  gtk_widget_activate (find_toast_button (GTK_WIDGET (f->window), "_Duplicate"));
  g_assert_true (wait_until (editor_open, f));
  editor = CASEBOOK_CASE_EDITOR (_casebook_window_get_editor (f->window));
  draft = _casebook_case_editor_get_draft (editor);
  g_assert_true (_casebook_case_editor_is_new (editor));
  g_assert_cmpstr (casebook_case_get_id (draft), ==, "report-2.1-copy");
  g_assert_cmpstr (casebook_text_get (casebook_case_get_title (draft), CASEBOOK_LANG_EN), ==,
                   "Virtualization at a large bank (Copy)");
  g_assert_true (_casebook_case_editor_is_valid (editor));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_true (wait_until (editor_closed, f));
  f->expected = 15;
  g_assert_true (wait_until (has_n_items, f));
  g_assert_true (casebook_store_has_case (f->store, "report-2.1-copy"));

  /* The original is as it was. */
  {
    g_autoptr(GError) error = NULL;
    const char *ids[] = { "report-2.1", NULL };
    g_autoptr(CasebookDocument) doc = casebook_store_export_cases (f->store, ids, &error);
    g_autoptr(CasebookDocument) old = casebook_test_parse (before, &error);
    g_autofree char *now_json = casebook_json_case_to_string (g_ptr_array_index (casebook_document_get_cases (doc), 0));
    g_autofree char *old_json = casebook_json_case_to_string (_casebook_document_find_case (old, "report-2.1"));

    g_assert_no_error (error);
    g_assert_cmpstr (now_json, ==, old_json);
  }
}

static void
test_window_edit_own (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(CasebookStore) again = NULL;
  g_autoptr(CasebookCase) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *editor;

  add_own_case (f->store, "mine-1", "Before");
  f->expected = 15;
  g_assert_true (wait_until (has_n_items, f));
  _casebook_window_select_case (f->window, "mine-1");
  f->id = "mine-1";
  g_assert_true (wait_until (is_selected, f));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-case", NULL);
  g_assert_true (wait_until (editor_open, f));
  editor = _casebook_window_get_editor (f->window);
  g_assert_false (_casebook_case_editor_is_new (CASEBOOK_CASE_EDITOR (editor)));
  g_assert_false (gtk_widget_get_sensitive (child (editor, "id_row")));
  type_into (editor, "title_row", "After");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_true (wait_until (editor_closed, f));

  f->text = "After";
  g_assert_true (wait_until (shows_text, f));
  g_assert_true (wait_until (is_selected, f));
  g_assert_cmpuint (casebook_store_get_n_cases (f->store), ==, 15);

  again = reopen (f);
  stored = casebook_store_get_case (again, "mine-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (casebook_text_get (casebook_case_get_title (stored), CASEBOOK_LANG_EN), ==, "After");
}

static GtkWidget *
find_undo_button (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), "win.undo-delete") == 0)
        return c;
      if ((found = find_undo_button (c)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
undo_shown (gpointer data)
{
  return find_undo_button (data) != NULL;
}

static void
test_window_delete_and_undo (Fixture       *f,
                             gconstpointer  user_data)
{
  g_autoptr(CasebookStore) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reopened = NULL;

  add_own_case (f->store, "mine-a", "First of mine");
  add_own_case (f->store, "mine-b", "Second of mine");
  before = casebook_test_snapshot (f->store);
  f->expected = 16;
  g_assert_true (wait_until (has_n_items, f));
  _casebook_window_select_case (f->window, "mine-a");
  f->id = "mine-a";
  g_assert_true (wait_until (is_selected, f));
  g_assert_true (shows_label (GTK_WIDGET (f->window), "Your Case"));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-case", NULL);
  f->expected = 15;
  g_assert_true (wait_until (has_n_items, f));
  g_assert_false (casebook_store_has_case (f->store, "mine-a"));
  g_assert_null (_casebook_window_get_current_case (f->window));

  /* The toast's Undo brings back the very case, in its place. */
  g_assert_true (wait_until (undo_shown, f->window));
  gtk_widget_activate (find_undo_button (GTK_WIDGET (f->window)));
  f->expected = 16;
  g_assert_true (wait_until (has_n_items, f));
  g_assert_true (wait_until (is_selected, f));

  after = casebook_test_snapshot (f->store);
  g_assert_cmpstr (after, ==, before);
  again = reopen (f);
  reopened = casebook_test_snapshot (again);
  g_assert_cmpstr (reopened, ==, before);
}

static guint
position_of (Fixture    *f,
             const char *id)
{
  GListModel *cases = _casebook_window_get_cases (f->window);

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(CasebookCaseSummary) row = g_list_model_get_item (cases, i);

      if (g_strcmp0 (casebook_case_summary_get_id (row), id) == 0)
        return i;
    }

  g_assert_not_reached ();
}

/* With several cases selected, Delete acts on the selection, not on the
 * case the detail page shows: it says how many of the person's cases go
 * and that the report's case stays, and one Undo brings all back. */
static void
test_window_delete_selection (Fixture       *f,
                              gconstpointer  user_data)
{
  GtkListView *view;
  GtkSelectionModel *selection;
  AdwMessageDialog *dialog;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_own_case (f->store, "mine-a", "First of mine");
  add_own_case (f->store, "mine-b", "Second of mine");
  add_own_case (f->store, "mine-c", "Third of mine");
  before = casebook_test_snapshot (f->store);
  f->expected = 17;
  g_assert_true (wait_until (has_n_items, f));
  _casebook_window_select_case (f->window, "mine-c");
  f->id = "mine-c";
  g_assert_true (wait_until (is_selected, f));

  /* mine-c stays on show; the selection is mine-a, mine-b and a case of
   * the report's. */
  view = GTK_LIST_VIEW (find_widget (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW));
  selection = gtk_list_view_get_model (view);
  {
    g_autoptr(GtkBitset) rows = gtk_bitset_new_empty ();
    g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, 17);

    gtk_bitset_add (rows, position_of (f, "mine-a"));
    gtk_bitset_add (rows, position_of (f, "mine-b"));
    gtk_bitset_add (rows, position_of (f, "report-2.1"));
    gtk_selection_model_set_selection (selection, rows, mask);
  }
  spin ();
  g_assert_cmpstr (casebook_case_get_id (_casebook_window_get_current_case (f->window)), ==, "mine-c");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-case", NULL);
  dialog = wait_for_dialog ("Delete 2 Cases?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 of your cases will be deleted"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "1 selected case comes from the report and stays"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "keep"), ==, ADW_RESPONSE_DESTRUCTIVE);

  /* Cancel changes nothing. */
  respond (dialog, "cancel");
  spin ();
  after = casebook_test_snapshot (f->store);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-case", NULL);
  respond (wait_for_dialog ("Delete 2 Cases?"), "keep");
  f->expected = 15;
  g_assert_true (wait_until (has_n_items, f));
  g_assert_false (casebook_store_has_case (f->store, "mine-a"));
  g_assert_false (casebook_store_has_case (f->store, "mine-b"));
  g_assert_true (casebook_store_has_case (f->store, "mine-c"));
  g_assert_true (casebook_store_has_case (f->store, "report-2.1"));

  f->text = "2 cases deleted";
  g_assert_true (wait_until (shows_text, f));
  g_assert_true (wait_until (undo_shown, f->window));
  gtk_widget_activate (find_undo_button (GTK_WIDGET (f->window)));
  f->expected = 17;
  g_assert_true (wait_until (has_n_items, f));
  after = casebook_test_snapshot (f->store);
  g_assert_cmpstr (after, ==, before);
}

/* Import ------------------------------------------------------------------ */

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static char *
collection (const char *cases)
{
  return g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [%s]}", cases);
}

/* Three cases: one that comes with Casebook, changed, and two new ones. */
static GFile *
three_cases_file (Fixture *f)
{
  g_autofree char *changed = casebook_test_minimal_case ("report-2.1", "");
  g_autofree char *x = casebook_test_minimal_case ("mine-x", "");
  g_autofree char *y = casebook_test_minimal_case ("mine-y", "");
  g_autofree char *cases = g_strdup_printf ("%s, %s, %s", changed, x, y);
  g_autofree char *json = collection (cases);

  return write_file (f, "three.json", json, -1);
}

static const char *
title_of (CasebookStore *store,
          const char    *id)
{
  static char buf[256];
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (store, id, &error);

  g_assert_no_error (error);
  g_strlcpy (buf, casebook_text_get (casebook_case_get_title (c), CASEBOOK_LANG_EN), sizeof buf);
  return buf;
}

static void
assert_preview_counts (AdwMessageDialog *dialog)
{
  const char *body = adw_message_dialog_get_body (dialog);

  g_assert_nonnull (strstr (body, "3 cases"));
  g_assert_nonnull (strstr (body, "2 new"));
  g_assert_nonnull (strstr (body, "1 already in your library"));
  g_assert_true (adw_message_dialog_has_response (dialog, "skip"));
  g_assert_true (adw_message_dialog_has_response (dialog, "replace"));
}

/* The row of the import preview whose title is @title: its subtitle. */
static const char *
preview_row_status (GtkWidget  *widget,
                    const char *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      const char *found;

      if (ADW_IS_ACTION_ROW (c) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), title) == 0)
        return adw_action_row_get_subtitle (ADW_ACTION_ROW (c));
      if ((found = preview_row_status (c, title)) != NULL)
        return found;
    }

  return NULL;
}

/* Exactly the cases @ids are selected in the list. */
static gboolean
selects_exactly (Fixture            *f,
                 const char * const *ids)
{
  GtkListView *view = GTK_LIST_VIEW (find_widget (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW));
  GtkSelectionModel *selection = gtk_list_view_get_model (view);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  if (gtk_bitset_get_size (selected) != g_strv_length ((char **) ids))
    return FALSE;

  for (guint i = 0; i < gtk_bitset_get_size (selected); i++)
    {
      g_autoptr(CasebookCaseSummary) row = g_list_model_get_item (G_LIST_MODEL (selection),
                                                                  gtk_bitset_get_nth (selected, i));

      if (!g_strv_contains (ids, casebook_case_summary_get_id (row)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
selects_new_x_y (gpointer data)
{
  static const char * const ids[] = { "mine-x", "mine-y", NULL };

  return selects_exactly (data, ids);
}

static void
test_import_preview_skip (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autoptr(GFile) file = three_cases_file (f);
  g_autofree char *before = casebook_test_snapshot (f->store);
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;

  _casebook_window_import_file (f->window, file);
  dialog = wait_for_dialog ("Import Cases?");

  /* Nothing is written while the preview shows. */
  after = casebook_test_snapshot (f->store);
  g_assert_cmpstr (after, ==, before);

  assert_preview_counts (dialog);
  /* The preview lists the cases, each with what the import would do. */
  g_assert_cmpstr (preview_row_status (GTK_WIDGET (dialog), "Test case mine-x"), ==, "New");
  g_assert_cmpstr (preview_row_status (GTK_WIDGET (dialog), "Test case mine-y"), ==, "New");
  g_assert_cmpstr (preview_row_status (GTK_WIDGET (dialog), "Test case report-2.1"), ==,
                   "Already present, changed in the file");
  respond (dialog, "skip");

  f->expected = 16;
  g_assert_true (wait_until (has_n_items, f));
  g_assert_true (casebook_store_has_case (f->store, "mine-x"));
  g_assert_true (casebook_store_has_case (f->store, "mine-y"));
  g_assert_cmpstr (title_of (f->store, "report-2.1"), ==, "Virtualization at a large bank");

  /* The toast says it as a person would, and the new cases are selected. */
  f->text = "2 cases imported; 1 already present, kept as it was";
  g_assert_true (wait_until (shows_text, f));
  g_assert_true (wait_until (selects_new_x_y, f));
}

/* A case the library has just as the file has it says so, and importing
 * it alone imports nothing, saying so. */
static void
test_import_preview_same (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) stored = casebook_store_get_case (f->store, "report-2.1", &error);
  g_autofree char *one = casebook_json_case_to_string (stored);
  g_autofree char *json = collection (one);
  g_autoptr(GFile) file = write_file (f, "same.json", json, -1);
  AdwMessageDialog *dialog;

  g_assert_no_error (error);
  _casebook_window_import_file (f->window, file);
  dialog = wait_for_dialog ("Import Cases?");
  g_assert_cmpstr (preview_row_status (GTK_WIDGET (dialog), "Virtualization at a large bank"), ==,
                   "Already present, the same");
  respond (dialog, "skip");
  f->text = "No cases imported; 1 already present, kept as it was";
  g_assert_true (wait_until (shows_text, f));
}

static void
test_import_preview_replace (Fixture       *f,
                             gconstpointer  user_data)
{
  g_autoptr(GFile) file = three_cases_file (f);
  g_autoptr(CasebookCase) replaced = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  _casebook_window_import_file (f->window, file);
  dialog = wait_for_dialog ("Import Cases?");
  assert_preview_counts (dialog);
  respond (dialog, "replace");

  f->expected = 16;
  g_assert_true (wait_until (has_n_items, f));
  g_assert_cmpstr (title_of (f->store, "report-2.1"), ==, "Test case report-2.1");
  replaced = casebook_store_get_case (f->store, "report-2.1", &error);
  g_assert_cmpint (casebook_case_get_origin (replaced), ==, CASEBOOK_ORIGIN_OWN);
  f->text = "3 cases imported, 1 replacing the case already present";
  g_assert_true (wait_until (shows_text, f));
}

static void
test_import_preview_new_only_and_cancel (Fixture       *f,
                                         gconstpointer  user_data)
{
  g_autofree char *one = casebook_test_minimal_case ("mine-z", "");
  g_autofree char *json = collection (one);
  g_autoptr(GFile) file = write_file (f, "one.json", json, -1);
  g_autofree char *before = casebook_test_snapshot (f->store);
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;

  /* Cancel writes nothing. */
  _casebook_window_import_file (f->window, file);
  dialog = wait_for_dialog ("Import Cases?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 new case"));
  g_assert_false (adw_message_dialog_has_response (dialog, "replace"));
  respond (dialog, "cancel");
  spin ();
  after = casebook_test_snapshot (f->store);
  g_assert_cmpstr (after, ==, before);

  /* With nothing already present there is nothing to skip or replace. */
  _casebook_window_import_file (f->window, file);
  respond (wait_for_dialog ("Import Cases?"), "import");
  f->expected = 15;
  g_assert_true (wait_until (has_n_items, f));
  g_assert_true (casebook_store_has_case (f->store, "mine-z"));
}

/* A refused file changes nothing, and the dialog says where the fault is. */
static void
test_import_hostile_files (Fixture       *f,
                           gconstpointer  user_data)
{
  g_autofree char *good = casebook_test_minimal_case ("fine-1", "");
  g_autofree char *bad_value = casebook_test_minimal_case ("bad-1",
    ", \"outcomes\": [{\"text\": {\"en\": \"a\"}, \"value\": \"ten\", \"unit\": \"times\", \"better\": \"higher\"}]");
  g_autofree char *bad_period = casebook_test_minimal_case ("bad-2", ", \"period\": {\"start\": 2025, \"end\": 2023}");
  g_autofree char *two_bad_values = g_strdup_printf ("%s, %s", good, bad_value);
  g_autofree char *two_periods = g_strdup_printf ("%s, %s", good, bad_period);
  g_autofree char *twice = g_strdup_printf ("%s, %s", good, good);
  g_autofree char *deep = NULL;
  g_autofree char *json_value = collection (two_bad_values);
  g_autofree char *json_period = collection (two_periods);
  g_autofree char *json_twice = collection (twice);
  g_autofree char *dir_path = g_build_filename (f->dir, "a-folder.json", NULL);
  g_autofree char *before = casebook_test_snapshot (f->store);
  struct { const char *name; const char *contents; gssize length; const char *place; } files[] = {
    { "deep.json", NULL, -1, "deep.json:1:65:" },
    { "value.json", json_value, -1, "cases[1].outcomes[0].value" },
    { "period.json", json_period, -1, "cases[1].period.end" },
    { "twice.json", json_twice, -1, "cases[1].id" },
    { "comment.json", "{\n  // a note\n  \"format\": \"casebook\"}", -1, "comment.json:2:3:" },
    { "binary.json", "{\"a\": \"\xff\xfe\"}", -1, "UTF-8" },
    { "empty.json", "", 0, "empty" },
    { "huge.json", "{\"version\": 18446744073709551616}", -1, "too large" },
    { "newer.json", "{\"format\": \"casebook\", \"version\": 7, \"cases\": []}", -1, "newer Casebook" },
    { "other.json", "{\"format\": \"spreadsheet\", \"version\": 1, \"cases\": []}", -1, "format" },
  };

  deep = g_malloc (2 * 100000 + 1);
  memset (deep, '[', 100000);
  memset (deep + 100000, ']', 100000);
  deep[200000] = '\0';
  files[0].contents = deep;

  for (guint i = 0; i <= G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GFile) file = NULL;
      g_autofree char *after = NULL;
      AdwMessageDialog *dialog;
      const char *body;
      const char *place;

      if (i < G_N_ELEMENTS (files))
        {
          file = write_file (f, files[i].name, files[i].contents, files[i].length);
          place = files[i].place;
        }
      else
        {
          g_assert_cmpint (g_mkdir (dir_path, 0700), ==, 0);
          file = g_file_new_for_path (dir_path);
          place = "folder";
        }

      _casebook_window_import_file (f->window, file);
      dialog = wait_for_dialog ("This File Cannot Be Imported");
      body = adw_message_dialog_get_body (dialog);
      if (strstr (body, place) == NULL)
        g_error ("expected “%s” in the message “%s”", place, body);
      g_assert_null (casebook_test_find_message_dialog ("Import Cases?"));
      respond (dialog, "close");

      after = casebook_test_snapshot (f->store);
      g_assert_cmpstr (after, ==, before);
    }

  g_assert_cmpuint (casebook_store_get_n_cases (f->store), ==, 14);
}

/* Export -------------------------------------------------------------------- */

typedef struct
{
  GFile            *file;
  CasebookDocument *doc;
} ExportWait;

static gboolean
file_written (gpointer data)
{
  ExportWait *w = data;

  if (!g_file_query_exists (w->file, NULL))
    return FALSE;

  g_clear_object (&w->doc);
  w->doc = casebook_json_read_file (w->file, NULL);
  return w->doc != NULL;
}

static CasebookDocument *
export_and_read (Fixture             *f,
                 const char          *name,
                 CasebookExportScope  scope)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  ExportWait w = { g_file_new_for_path (path), NULL };

  _casebook_window_export_file (f->window, w.file, scope);
  g_assert_true (wait_until (file_written, &w));
  g_object_unref (w.file);

  return w.doc;
}

static void
test_export_scopes (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(CasebookDocument) all = NULL;
  g_autoptr(CasebookDocument) shown = NULL;
  g_autoptr(CasebookDocument) selected = NULL;
  GPtrArray *cases;

  all = export_and_read (f, "all.json", CASEBOOK_EXPORT_ALL);
  g_assert_cmpuint (casebook_document_get_cases (all)->len, ==, 14);
  g_assert_cmpuint (casebook_document_get_insights (all)->len, >, 0);

  casebook_filter_set (_casebook_window_get_filter (f->window), CASEBOOK_FACET_SECTOR, "finance", TRUE);
  f->expected = 4;
  g_assert_true (wait_until (has_n_items, f));
  shown = export_and_read (f, "shown.json", CASEBOOK_EXPORT_SHOWN);
  cases = casebook_document_get_cases (shown);
  g_assert_cmpuint (cases->len, ==, 4);
  for (guint i = 0; i < cases->len; i++)
    g_assert_cmpstr (casebook_case_get_sector (g_ptr_array_index (cases, i)), ==, "finance");
  g_assert_cmpuint (casebook_document_get_insights (shown)->len, ==, 0);

  _casebook_window_select_case (f->window, "report-2.1");
  f->id = "report-2.1";
  g_assert_true (wait_until (is_selected, f));
  selected = export_and_read (f, "selected.json", CASEBOOK_EXPORT_SELECTION);
  cases = casebook_document_get_cases (selected);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpstr (casebook_case_get_id (g_ptr_array_index (cases, 0)), ==, "report-2.1");
}

/* What the window exports, imported into an empty store and exported
 * again, is the same file, byte for byte; for a filtered export too. */
static void
test_export_import_export (Fixture       *f,
                           gconstpointer  user_data)
{
  const char *names[] = { "all.json", "shown.json" };
  CasebookExportScope scopes[] = { CASEBOOK_EXPORT_ALL, CASEBOOK_EXPORT_SHOWN };

  add_own_case (f->store, "mine-bank", "A bank of my own");
  f->expected = 15;
  g_assert_true (wait_until (has_n_items, f));
  casebook_filter_set (_casebook_window_get_filter (f->window), CASEBOOK_FACET_SECTOR, "finance", TRUE);
  f->expected = 5;
  g_assert_true (wait_until (has_n_items, f));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dir = casebook_test_tmpdir ();
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);
      g_autoptr(CasebookDocument) doc = export_and_read (f, names[i], scopes[i]);
      g_autoptr(CasebookStore) empty = casebook_test_open_store (dir, CASEBOOK_STORE_NO_BUNDLED);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(CasebookDocument) again = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      gsize length = 0;

      g_assert_cmpuint (casebook_document_get_cases (doc)->len, ==, i == 0 ? 15 : 5);
      g_assert_true (casebook_store_import_file (empty, file, CASEBOOK_IMPORT_SKIP, NULL, &error));
      g_assert_no_error (error);
      again = casebook_store_export (empty, &error);
      g_assert_no_error (error);

      first = casebook_test_read_file (path, &length);
      second = casebook_json_write_document (again, NULL);
      g_assert_cmpstr (first, ==, second);

      casebook_test_rmdir (dir);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* GTK must print no warnings at all while the editor is used. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add ("/editor/marks-wrong-field-and-save", EditorFixture, NULL,
              editor_setup, test_editor_marks_wrong_field, editor_teardown);
  g_test_add ("/editor/two-languages", EditorFixture, NULL,
              editor_setup, test_editor_two_languages, editor_teardown);
  g_test_add ("/editor/failure-section-follows-kind", EditorFixture, NULL,
              editor_setup, test_editor_failure_follows_kind, editor_teardown);
  g_test_add ("/editor/outcome-then-save-round-trip", EditorFixture, NULL,
              editor_setup, test_editor_outcome_and_save, editor_teardown);
  g_test_add ("/editor/new-sector-saved-with-case", EditorFixture, NULL,
              editor_setup, test_editor_new_sector, editor_teardown);
  g_test_add ("/editor/close-asks-first", EditorFixture, NULL,
              editor_setup, test_editor_close_asks_first, editor_teardown);
  g_test_add_func ("/editor/outcome-row/changed-with-parsed-value", test_outcome_row_signals);

  g_test_add ("/own-cases/new-case-saved-and-selected", Fixture, NULL,
              fixture_setup, test_window_new_case, fixture_teardown);
  g_test_add ("/own-cases/saved-case-shown-past-filters", Fixture, NULL,
              fixture_setup, test_window_save_shows_filtered_out_case, fixture_teardown);
  g_test_add ("/own-cases/bundled-read-only-duplicate-editable", Fixture, NULL,
              fixture_setup, test_window_bundled_is_read_only, fixture_teardown);
  g_test_add ("/own-cases/edit-round-trip", Fixture, NULL,
              fixture_setup, test_window_edit_own, fixture_teardown);
  g_test_add ("/own-cases/delete-selection-and-undo", Fixture, NULL,
              fixture_setup, test_window_delete_selection, fixture_teardown);
  g_test_add ("/own-cases/delete-and-undo", Fixture, NULL,
              fixture_setup, test_window_delete_and_undo, fixture_teardown);
  g_test_add ("/import/preview-counts-skip", Fixture, NULL,
              fixture_setup, test_import_preview_skip, fixture_teardown);
  g_test_add ("/import/preview-same-case", Fixture, NULL,
              fixture_setup, test_import_preview_same, fixture_teardown);
  g_test_add ("/import/preview-counts-replace", Fixture, NULL,
              fixture_setup, test_import_preview_replace, fixture_teardown);
  g_test_add ("/import/new-only-and-cancel", Fixture, NULL,
              fixture_setup, test_import_preview_new_only_and_cancel, fixture_teardown);
  g_test_add ("/import/hostile-files-change-nothing", Fixture, NULL,
              fixture_setup, test_import_hostile_files, fixture_teardown);
  g_test_add ("/export/all-shown-selected", Fixture, NULL,
              fixture_setup, test_export_scopes, fixture_teardown);
  g_test_add ("/export/import-export-identical", Fixture, NULL,
              fixture_setup, test_export_import_export, fixture_teardown);

  return g_test_run ();
}
