/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-check.h"
#include "casebook-case-editor-private.h"
#include "casebook-challenge-item-row.h"
#include "casebook-note-item-row.h"
#include "casebook-outcome-item-row.h"
#include "casebook-phase-item-row.h"
#include "casebook-stack-item-row.h"

/* The lists of the case editor: outcomes, phases, technologies… Each item
 * is a row of its own type that edits the item of the draft in place; the
 * editor adds and removes items, and makes the rows again when the list
 * changes, since each row's paths ("outcomes[1].value") say where its
 * item is. */

/* Where each list is in the interchange format. */
static const char * const list_paths[N_LISTS] = {
  "stack", "outcomes", "phases", "scenarios", "requirements",
  "challenges", "failure.causes", "lessons", "notes",
};

/* The draft ------------------------------------------------------------- */

static void
ensure_text (CasebookText **slot)
{
  if (*slot == NULL)
    *slot = casebook_text_new (NULL, NULL);
}

CasebookFailure *
_casebook_case_editor_new_failure (void)
{
  CasebookFailure *failure = casebook_failure_new ();

  failure->problem = casebook_text_new (NULL, NULL);
  failure->result = casebook_text_new (NULL, NULL);
  return failure;
}

CasebookFailure *
_casebook_case_editor_copy_failure (const CasebookFailure *failure)
{
  CasebookFailure *copy = casebook_failure_new ();

  copy->problem = casebook_text_copy (failure->problem);
  copy->result = casebook_text_copy (failure->result);
  for (guint i = 0; i < failure->causes->len; i++)
    g_ptr_array_add (copy->causes, casebook_text_copy (g_ptr_array_index (failure->causes, i)));
  ensure_text (&copy->problem);
  ensure_text (&copy->result);

  return copy;
}

/* The draft belongs to the editor alone. Its texts, source and failure are
 * changed in place, as its arrays are, so that every field can keep a
 * pointer to what it edits: every text a field edits exists, if empty.
 * An empty text is written as no text at all. */
void
_casebook_case_editor_normalize_draft (CasebookCase *c)
{
  CasebookSource *source;
  GPtrArray *array;

  if (casebook_case_get_title (c) == NULL)
    casebook_case_take_title (c, casebook_text_new (NULL, NULL));
  if (casebook_case_get_organization (c) == NULL)
    casebook_case_take_organization (c, casebook_text_new (NULL, NULL));
  if (casebook_case_get_subsector (c) == NULL)
    casebook_case_take_subsector (c, casebook_text_new (NULL, NULL));

  if (casebook_case_get_source (c) == NULL)
    casebook_case_take_source (c, casebook_source_new ());
  source = (CasebookSource *) casebook_case_get_source (c);
  ensure_text (&source->title);
  ensure_text (&source->note);

  if (casebook_case_get_failure (c) != NULL)
    {
      CasebookFailure *failure = (CasebookFailure *) casebook_case_get_failure (c);

      ensure_text (&failure->problem);
      ensure_text (&failure->result);
    }
  else if (casebook_case_get_kind (c) == CASEBOOK_KIND_FAILURE)
    casebook_case_take_failure (c, _casebook_case_editor_new_failure ());

  array = casebook_case_get_stack (c);
  for (guint i = 0; i < array->len; i++)
    {
      CasebookStackItem *item = g_ptr_array_index (array, i);

      ensure_text (&item->role);
      ensure_text (&item->product);
    }

  array = casebook_case_get_phases (c);
  for (guint i = 0; i < array->len; i++)
    ensure_text (&((CasebookPhase *) g_ptr_array_index (array, i))->name);

  array = casebook_case_get_challenges (c);
  for (guint i = 0; i < array->len; i++)
    {
      CasebookChallenge *challenge = g_ptr_array_index (array, i);

      ensure_text (&challenge->title);
      ensure_text (&challenge->text);
      ensure_text (&challenge->solution);
    }

  array = casebook_case_get_outcomes (c);
  for (guint i = 0; i < array->len; i++)
    ensure_text (&((CasebookOutcome *) g_ptr_array_index (array, i))->text);

  array = casebook_case_get_notes (c);
  for (guint i = 0; i < array->len; i++)
    ensure_text (&((CasebookNote *) g_ptr_array_index (array, i))->text);
}

static GPtrArray *
list_array (CasebookCaseEditor *self,
            ListKind            kind)
{
  const CasebookFailure *failure;

  switch (kind)
    {
    case LIST_STACK: return casebook_case_get_stack (self->draft);
    case LIST_OUTCOMES: return casebook_case_get_outcomes (self->draft);
    case LIST_PHASES: return casebook_case_get_phases (self->draft);
    case LIST_SCENARIOS: return casebook_case_get_scenarios (self->draft);
    case LIST_REQUIREMENTS: return casebook_case_get_requirements (self->draft);
    case LIST_CHALLENGES: return casebook_case_get_challenges (self->draft);
    case LIST_LESSONS: return casebook_case_get_lessons (self->draft);
    case LIST_NOTES: return casebook_case_get_notes (self->draft);
    case LIST_CAUSES:
      failure = casebook_case_get_failure (self->draft);
      return failure != NULL ? failure->causes : NULL;
    case N_LISTS:
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

/* The list a row of a list is in. */
static ListKind
list_of (CasebookCaseEditor *self,
         GtkWidget          *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  ListKind kind;

  for (kind = 0; kind < N_LISTS; kind++)
    if (GTK_WIDGET (self->lists[kind]) == list)
      break;
  g_assert (kind < N_LISTS);

  return kind;
}

/* The rows --------------------------------------------------------------- */

static void
on_item_changed (CasebookCaseEditor *self,
                 const char         *path)
{
  _casebook_case_editor_touch (self, path);
  _casebook_case_editor_changed (self);
}

static void
on_text_item_edited (CasebookCaseEditor *self,
                     GtkWidget          *row)
{
  on_item_changed (self, casebook_problem_tracker_get_path (self->tracker, row));
}

static void
on_remove_requested (CasebookCaseEditor *self,
                     GtkWidget          *row)
{
  ListKind kind = list_of (self, row);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  GPtrArray *array = list_array (self, kind);

  if (array == NULL || index < 0 || (guint) index >= array->len)
    return;

  g_ptr_array_remove_index (array, (guint) index);

  /* The items after it move up; what was said of their places no longer
   * holds, so the list as a whole counts as visited. */
  casebook_problem_tracker_forget_parse_problems (self->tracker, list_paths[kind]);
  _casebook_case_editor_touch (self, list_paths[kind]);

  _casebook_case_editor_rebuild_list (self, kind);
  _casebook_case_editor_changed (self);
}

static char *
text_item_title (ListKind kind,
                 guint    number)
{
  switch (kind)
    {
    case LIST_SCENARIOS:
      /* Translators: the title of the n-th item of a list */
      return g_strdup_printf (_("Scenario %u"), number);
    case LIST_REQUIREMENTS:
      return g_strdup_printf (_("Requirement %u"), number);
    case LIST_CAUSES:
      return g_strdup_printf (_("Cause %u"), number);
    case LIST_LESSONS:
      return g_strdup_printf (_("Lesson %u"), number);
    case LIST_STACK:
    case LIST_OUTCOMES:
    case LIST_PHASES:
    case LIST_CHALLENGES:
    case LIST_NOTES:
    case N_LISTS:
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

/* An item of a list of texts is one entry row. */
static GtkWidget *
text_item_row (CasebookCaseEditor *self,
               ListKind            kind,
               guint               index,
               CasebookText       *text)
{
  g_autofree char *title = text_item_title (kind, index + 1);
  g_autofree char *path = g_strdup_printf ("%s[%u]", list_paths[kind], index);
  GtkWidget *row = casebook_field_row_new (title);

  casebook_problem_tracker_add_field (self->tracker, row, path, title);
  casebook_field_row_set_lang (CASEBOOK_FIELD_ROW (row), self->lang);
  casebook_field_row_bind_text (CASEBOOK_FIELD_ROW (row), text);
  casebook_field_row_set_removable (CASEBOOK_FIELD_ROW (row), TRUE);
  g_signal_connect_object (row, "edited", G_CALLBACK (on_text_item_edited), self, G_CONNECT_SWAPPED);

  return row;
}

static GtkWidget *
item_row (CasebookCaseEditor *self,
          ListKind            kind,
          guint               index,
          gpointer            item)
{
  GtkWidget *row;

  switch (kind)
    {
    case LIST_STACK:
      row = casebook_stack_item_row_new (self->tracker, index, item,
                                    (const char * const *) self->products,
                                    (const char * const *) self->families,
                                    self->product_families, self->lang);
      break;
    case LIST_OUTCOMES:
      row = casebook_outcome_item_row_new (self->tracker, index, item, self->metrics, self->content_lang, self->lang);
      break;
    case LIST_PHASES:
      row = casebook_phase_item_row_new (self->tracker, index, item, self->lang);
      break;
    case LIST_CHALLENGES:
      row = casebook_challenge_item_row_new (self->tracker, index, item, self->lang);
      break;
    case LIST_NOTES:
      row = casebook_note_item_row_new (self->tracker, index, item, self->lang);
      break;
    case LIST_SCENARIOS:
    case LIST_REQUIREMENTS:
    case LIST_CAUSES:
    case LIST_LESSONS:
      row = text_item_row (self, kind, index, item);
      break;
    case N_LISTS:
    default:
      g_assert_not_reached ();
      return NULL;
    }

  if (CASEBOOK_IS_ITEM_ROW (row))
    g_signal_connect_object (row, "changed", G_CALLBACK (on_item_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove-requested", G_CALLBACK (on_remove_requested), self, G_CONNECT_SWAPPED);

  return row;
}

void
_casebook_case_editor_rebuild_list (CasebookCaseEditor *self,
                                    ListKind            kind)
{
  GtkListBox *list = self->lists[kind];
  GPtrArray *array = list_array (self, kind);
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_LIST_BOX_ROW (child) && child != GTK_WIDGET (self->add_rows[kind]))
        gtk_list_box_remove (list, child);
      child = next;
    }

  for (guint i = 0; array != NULL && i < array->len; i++)
    gtk_list_box_insert (list, item_row (self, kind, i, g_ptr_array_index (array, i)), (int) i);
}

/* Adding ------------------------------------------------------------------ */

static gpointer
new_item (CasebookCaseEditor *self,
          ListKind            kind)
{
  switch (kind)
    {
    case LIST_STACK:
      {
        CasebookStackItem *item = casebook_stack_item_new ();

        item->role = casebook_text_new (NULL, NULL);
        item->product = casebook_text_new (NULL, NULL);
        return item;
      }

    case LIST_OUTCOMES:
      {
        CasebookOutcome *outcome = casebook_outcome_new ();

        outcome->text = casebook_text_new (NULL, NULL);
        return outcome;
      }

    case LIST_PHASES:
      {
        CasebookPhase *phase = casebook_phase_new ();
        GPtrArray *phases = casebook_case_get_phases (self->draft);
        int start = 0, end = 0;

        /* A new phase starts where the one before ended, or with the
         * period, or this year. */
        if (phases->len > 0)
          phase->start = ((CasebookPhase *) g_ptr_array_index (phases, phases->len - 1))->end;
        else if (casebook_case_get_period (self->draft, &start, &end) &&
                 start >= CASEBOOK_MIN_YEAR && start <= CASEBOOK_MAX_YEAR)
          phase->start.year = start;
        else
          {
            g_autoptr(GDateTime) now = g_date_time_new_now_local ();
            phase->start.year = CLAMP (g_date_time_get_year (now), CASEBOOK_MIN_YEAR, CASEBOOK_MAX_YEAR);
          }
        phase->end = phase->start;
        phase->name = casebook_text_new (NULL, NULL);
        return phase;
      }

    case LIST_CHALLENGES:
      {
        CasebookChallenge *challenge = casebook_challenge_new ();

        challenge->title = casebook_text_new (NULL, NULL);
        challenge->text = casebook_text_new (NULL, NULL);
        challenge->solution = casebook_text_new (NULL, NULL);
        return challenge;
      }

    case LIST_NOTES:
      {
        CasebookNote *note = casebook_note_new ();

        note->text = casebook_text_new (NULL, NULL);
        return note;
      }

    case LIST_SCENARIOS:
    case LIST_REQUIREMENTS:
    case LIST_CAUSES:
    case LIST_LESSONS:
      return casebook_text_new (NULL, NULL);

    case N_LISTS:
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

static GtkWidget *
first_entry (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ENTRY_ROW (child))
        return child;
      if ((found = first_entry (child)) != NULL)
        return found;
    }

  return NULL;
}

void
_casebook_case_editor_on_add_row_activated (CasebookCaseEditor *self,
                                            GtkListBoxRow      *row,
                                            GtkListBox         *list)
{
  GtkListBoxRow *added;
  GtkWidget *entry;
  GPtrArray *array;
  ListKind kind = list_of (self, GTK_WIDGET (row));

  if (row != self->add_rows[kind])
    return;

  array = list_array (self, kind);
  if (array == NULL)
    return;

  g_ptr_array_add (array, new_item (self, kind));
  _casebook_case_editor_rebuild_list (self, kind);

  added = gtk_list_box_get_row_at_index (list, (int) array->len - 1);
  if (ADW_IS_EXPANDER_ROW (added))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (added), TRUE);
  entry = ADW_IS_ENTRY_ROW (added) ? GTK_WIDGET (added) : first_entry (GTK_WIDGET (added));
  if (entry != NULL)
    gtk_widget_grab_focus (entry);

  _casebook_case_editor_changed (self);
}
