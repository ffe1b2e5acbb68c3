/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "casebook-case-check-private.h"
#include "casebook-store-private.h"
#include "casebook-test-util.h"

/* The rules a case keeps, as the editor checks them while a person types
 * and as the JSON reader applies them to every case it reads. */

static CasebookCase *
valid_case (void)
{
  CasebookCase *c = casebook_case_new ("mine-1");
  CasebookSource *source = casebook_source_new ();

  casebook_case_set_sector (c, "finance");
  casebook_case_take_title (c, casebook_text_new (NULL, "Cloud at a bank"));
  casebook_case_take_organization (c, casebook_text_new ("某银行", NULL));
  source->url = g_strdup ("https://example.org/case");
  casebook_case_take_source (c, source);

  return c;
}

static CasebookOutcome *
add_outcome (CasebookCase *c,
             const char   *text)
{
  CasebookOutcome *outcome = casebook_outcome_new ();

  outcome->text = casebook_text_new (NULL, text);
  g_ptr_array_add (casebook_case_get_outcomes (c), outcome);
  return outcome;
}

static CasebookPhase *
add_phase (CasebookCase *c,
           int           start_year,
           int           start_quarter,
           int           end_year,
           int           end_quarter)
{
  CasebookPhase *phase = casebook_phase_new ();

  phase->name = casebook_text_new ("试点", NULL);
  phase->start.year = start_year;
  phase->start.quarter = start_quarter;
  phase->end.year = end_year;
  phase->end.quarter = end_quarter;
  g_ptr_array_add (casebook_case_get_phases (c), phase);
  return phase;
}

static GPtrArray *
check (CasebookCase *c)
{
  return casebook_case_check (c, CASEBOOK_CHECK_ALL, NULL, NULL);
}

/* Asserts that @problems hold one at @path, with a message. */
static void
assert_problem_at (GPtrArray  *problems,
                   const char *path)
{
  const CasebookProblem *problem = _casebook_problems_find (problems, path);

  if (problem == NULL)
    {
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (all, " %s", ((CasebookProblem *) g_ptr_array_index (problems, i))->path);
      g_error ("expected a problem at “%s”; found:%s", path, all->str);
    }

  g_assert_cmpstr (problem->message, !=, "");
}

static void
assert_only_problem_at (CasebookCase *c,
                        const char   *path)
{
  g_autoptr(GPtrArray) problems = check (c);

  assert_problem_at (problems, path);
  g_assert_cmpuint (problems->len, ==, 1);
}

static void
test_valid_case (void)
{
  g_autoptr(CasebookCase) c = valid_case ();
  g_autoptr(GPtrArray) problems = check (c);

  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_required_fields (void)
{
  g_autoptr(CasebookCase) c = casebook_case_new ("empty");
  g_autoptr(GPtrArray) problems = check (c);

  assert_problem_at (problems, "sector");
  assert_problem_at (problems, "title");
  assert_problem_at (problems, "organization");
  assert_problem_at (problems, "source");
  g_assert_cmpuint (problems->len, ==, 4);

  /* In the order of the fields in the format. */
  g_assert_cmpstr (((CasebookProblem *) g_ptr_array_index (problems, 0))->path, ==, "sector");
  g_assert_cmpstr (((CasebookProblem *) g_ptr_array_index (problems, 3))->path, ==, "source");
}

static void
test_one_language_is_enough (void)
{
  g_autoptr(CasebookCase) c = valid_case ();
  g_autoptr(GPtrArray) problems = NULL;

  /* Chinese only, English only: both valid. */
  casebook_case_take_title (c, casebook_text_new ("银行云化", NULL));
  problems = check (c);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  casebook_case_take_title (c, casebook_text_new (NULL, "Cloud at a bank"));
  problems = check (c);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Empty in both is no title. */
  casebook_case_take_title (c, casebook_text_new ("", ""));
  assert_only_problem_at (c, "title");
}

static void
test_period (void)
{
  g_autoptr(CasebookCase) c = valid_case ();
  g_autoptr(GPtrArray) problems = NULL;
  const CasebookProblem *problem;

  casebook_case_set_period (c, 2023, 2025);
  problems = check (c);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  casebook_case_set_period (c, 2025, 2023);
  problems = check (c);
  problem = _casebook_problems_find (problems, "period.end");
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem->message, "2023"));
  g_assert_nonnull (strstr (problem->message, "2025"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  casebook_case_set_period (c, 1900, 2023);
  assert_only_problem_at (c, "period.start");

  casebook_case_set_period (c, 2023, 2101);
  assert_only_problem_at (c, "period.end");

  /* Half a period is no period. */
  casebook_case_set_period (c, 0, 2024);
  assert_only_problem_at (c, "period.start");
  casebook_case_set_period (c, 2024, 0);
  assert_only_problem_at (c, "period.end");
}

static void
test_employees (void)
{
  g_autoptr(CasebookCase) c = valid_case ();
  g_autoptr(GPtrArray) problems = NULL;

  casebook_case_set_employees (c, CASEBOOK_MAX_EMPLOYEES, CASEBOOK_QUALIFIER_ABOUT);
  problems = check (c);
  g_assert_cmpuint (problems->len, ==, 0);

  casebook_case_set_employees (c, CASEBOOK_MAX_EMPLOYEES + 1, CASEBOOK_QUALIFIER_EXACT);
  assert_only_problem_at (c, "employees");
}

static void
test_phases (void)
{
  g_autoptr(CasebookCase) c = valid_case ();
  g_autoptr(GPtrArray) problems = NULL;
  CasebookPhase *second;

  add_phase (c, 2023, 0, 2024, 2);
  second = add_phase (c, 2024, 3, 2024, 3);
  problems = check (c);
  g_assert_cmpuint (problems->len, ==, 0);

  /* A quarter before the one it started in. */
  second->end.quarter = 1;
  assert_only_problem_at (c, "phases[1].end");

  second->end.quarter = 5;
  assert_only_problem_at (c, "phases[1].end.quarter");

  second->end.quarter = 0;
  second->start.year = 1900;
  assert_only_problem_at (c, "phases[1].start.year");

  second->start.year = 2024;
  casebook_text_free (second->name);
  second->name = casebook_text_new (NULL, NULL);
  assert_only_problem_at (c, "phases[1].name");
}

static void
test_outcomes (void)
{
  g_autoptr(CasebookCase) c = valid_case ();
  g_autoptr(GPtrArray) problems = NULL;
  CasebookOutcome *qualitative, *measured;

  qualitative = add_outcome (c, "From weeks to hours");
  measured = add_outcome (c, "Costs fell by 40%");
  measured->has_value = TRUE;
  measured->value = -40;
  measured->unit = CASEBOOK_UNIT_PERCENT_CHANGE;
  measured->better = CASEBOOK_BETTER_LOWER;
  measured->metric = g_strdup ("cost");
  problems = check (c);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A value needs its unit and its direction. */
  measured->unit = CASEBOOK_UNIT_NONE;
  assert_only_problem_at (c, "outcomes[1].unit");
  measured->unit = CASEBOOK_UNIT_PERCENT_CHANGE;
  measured->better = CASEBOOK_BETTER_NONE;
  assert_only_problem_at (c, "outcomes[1].better");
  measured->better = CASEBOOK_BETTER_LOWER;

  /* Numbers stay finite and in range. */
  measured->value = NAN;
  assert_only_problem_at (c, "outcomes[1].value");
  measured->value = 2e12;
  assert_only_problem_at (c, "outcomes[1].value");
  measured->value = -40;
  measured->has_baseline = TRUE;
  measured->baseline = INFINITY;
  assert_only_problem_at (c, "outcomes[1].baseline");
  measured->baseline = 100;

  /* A baseline needs a value; a unit without one is not written, so it
   * is no problem. */
  qualitative->has_baseline = TRUE;
  qualitative->baseline = 30;
  assert_only_problem_at (c, "outcomes[0].baseline");
  qualitative->has_baseline = FALSE;
  qualitative->unit = CASEBOOK_UNIT_TIMES;
  problems = check (c);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  qualitative->metric = g_strdup ("Cost Savings");
  assert_only_problem_at (c, "outcomes[0].metric");
  g_clear_pointer (&qualitative->metric, g_free);

  casebook_text_set (qualitative->text, CASEBOOK_LANG_EN, NULL);
  assert_only_problem_at (c, "outcomes[0].text");
}

static gboolean
taken (const char *id,
       gpointer    user_data)
{
  return g_strcmp0 (id, user_data) == 0;
}

static void
test_keys (void)
{
  g_autoptr(CasebookCase) c = valid_case ();
  g_autoptr(GPtrArray) problems = NULL;
  CasebookStackItem *item = casebook_stack_item_new ();

  casebook_case_set_id (c, "Bad Id!");
  assert_only_problem_at (c, "id");
  casebook_case_set_id (c, "");
  assert_only_problem_at (c, "id");
  casebook_case_set_id (c, "mine-1");

  /* Ids are unique: the caller says which are taken. */
  problems = casebook_case_check (c, CASEBOOK_CHECK_ALL, taken, (gpointer) "mine-1");
  assert_problem_at (problems, "id");
  g_assert_nonnull (strstr (_casebook_problems_find (problems, "id")->message, "mine-1"));
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = casebook_case_check (c, CASEBOOK_CHECK_ALL, taken, (gpointer) "other");
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  casebook_case_set_sector (c, "Energy & Power");
  assert_only_problem_at (c, "sector");
  casebook_case_set_sector (c, "energy");

  item->role = casebook_text_new (NULL, "Container platform");
  item->product = casebook_text_new_same ("Kubernetes");
  g_ptr_array_add (casebook_case_get_stack (c), item);
  assert_only_problem_at (c, "stack[0].family");
  item->family = g_strdup ("orchestration");
  problems = check (c);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_failure_section (void)
{
  g_autoptr(CasebookCase) c = valid_case ();
  CasebookFailure *failure;

  casebook_case_set_kind (c, CASEBOOK_KIND_FAILURE);
  assert_only_problem_at (c, "failure");

  failure = casebook_failure_new ();
  failure->result = casebook_text_new (NULL, "Little value");
  g_ptr_array_add (failure->causes, casebook_text_new (NULL, NULL));
  casebook_case_take_failure (c, failure);
  {
    g_autoptr(GPtrArray) problems = check (c);

    assert_problem_at (problems, "failure.problem");
    assert_problem_at (problems, "failure.causes[0]");
    g_assert_cmpuint (problems->len, ==, 2);
  }

  casebook_case_set_kind (c, CASEBOOK_KIND_SUCCESS);
  {
    g_autoptr(GPtrArray) problems = check (c);

    assert_problem_at (problems, "failure");
  }
}

static void
test_source (void)
{
  g_autoptr(CasebookCase) c = valid_case ();
  CasebookSource *source = casebook_source_new ();

  source->note = casebook_text_new (NULL, "Told at a meetup");
  casebook_case_take_source (c, source);
  assert_only_problem_at (c, "source");

  source->title = casebook_text_new ("内部资料", NULL);
  source->date = g_strdup ("2025-02-30");
  assert_only_problem_at (c, "source.date");

  g_free (source->date);
  source->date = g_strdup ("2025-02-28");
  {
    g_autoptr(GPtrArray) problems = check (c);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
test_texts_of_lists (void)
{
  g_autoptr(CasebookCase) c = valid_case ();

  g_ptr_array_add (casebook_case_get_scenarios (c), casebook_text_new (NULL, "Core banking"));
  g_ptr_array_add (casebook_case_get_lessons (c), casebook_text_new (NULL, NULL));
  assert_only_problem_at (c, "lessons[0]");
}

static void
test_first_only (void)
{
  g_autoptr(CasebookCase) c = casebook_case_new ("empty");
  g_autoptr(GPtrArray) problems = casebook_case_check (c, CASEBOOK_CHECK_FIRST, NULL, NULL);

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((CasebookProblem *) g_ptr_array_index (problems, 0))->path, ==, "sector");
}

static void
test_problems_under (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_problem_free);

  g_ptr_array_add (problems, casebook_problem_new ("outcomes[10].value", "x"));
  g_assert_true (_casebook_problems_under (problems, "outcomes[10]"));
  g_assert_true (_casebook_problems_under (problems, "outcomes"));
  g_assert_false (_casebook_problems_under (problems, "outcomes[1]"));
  g_assert_false (_casebook_problems_under (problems, "outcomes[10].unit"));
  g_assert_null (_casebook_problems_find (problems, "outcomes[10]"));
}

static void
test_dates_and_colors (void)
{
  g_assert_true (_casebook_date_is_valid ("2024"));
  g_assert_true (_casebook_date_is_valid ("2024-02-29"));
  g_assert_false (_casebook_date_is_valid ("2023-02-29"));
  g_assert_false (_casebook_date_is_valid ("24-01-01"));
  g_assert_false (_casebook_date_is_valid ("2024/01/01"));
  g_assert_false (_casebook_date_is_valid ("-123"));
  g_assert_false (_casebook_date_is_valid (""));

  g_assert_true (casebook_color_is_valid ("#1c71d8"));
  g_assert_false (casebook_color_is_valid ("1c71d8"));
  g_assert_false (casebook_color_is_valid ("#1c71dz"));
}

/* The reader and the editor agree: a case the check finds a problem in,
 * written out and read back, is refused at the same place; a case it
 * finds valid is read back as it was. */

typedef void (*Spoil) (CasebookCase *c);

static void spoil_nothing (CasebookCase *c) { }
static void spoil_title (CasebookCase *c) { casebook_case_take_title (c, casebook_text_new (NULL, NULL)); }
static void spoil_period (CasebookCase *c) { casebook_case_set_period (c, 2025, 2021); }
static void spoil_employees (CasebookCase *c) { casebook_case_set_employees (c, CASEBOOK_MAX_EMPLOYEES + 5, 0); }
static void spoil_id (CasebookCase *c) { casebook_case_set_id (c, "Not A Key"); }
static void spoil_kind (CasebookCase *c) { casebook_case_set_kind (c, CASEBOOK_KIND_FAILURE); }

static void
spoil_phase (CasebookCase *c)
{
  add_phase (c, 2024, 4, 2024, 2);
}

static void
spoil_unit (CasebookCase *c)
{
  CasebookOutcome *outcome = add_outcome (c, "Ten times faster");

  outcome->has_value = TRUE;
  outcome->value = 10;
  outcome->better = CASEBOOK_BETTER_HIGHER;
}

static void
spoil_direction (CasebookCase *c)
{
  CasebookOutcome *outcome;

  add_outcome (c, "Fine");
  outcome = add_outcome (c, "Better");
  outcome->has_value = TRUE;
  outcome->value = 99.5;
  outcome->unit = CASEBOOK_UNIT_PERCENT;
}

static void
spoil_source (CasebookCase *c)
{
  CasebookSource *source = casebook_source_new ();

  source->date = g_strdup ("2025");
  casebook_case_take_source (c, source);
}

static void
spoil_date (CasebookCase *c)
{
  CasebookSource *source = casebook_source_new ();

  source->section = g_strdup ("2.1");
  source->date = g_strdup ("2025-13-01");
  casebook_case_take_source (c, source);
}

static void
test_reader_agrees (void)
{
  static const struct { Spoil spoil; const char *path; } cases[] = {
    { spoil_nothing, NULL },
    { spoil_title, "title" },
    { spoil_period, "period.end" },
    { spoil_employees, "employees" },
    { spoil_id, "id" },
    { spoil_kind, "failure" },
    { spoil_phase, "phases[0].end" },
    { spoil_unit, "outcomes[0].unit" },
    { spoil_direction, "outcomes[1].better" },
    { spoil_source, "source" },
    { spoil_date, "source.date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CasebookCase) c = valid_case ();
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(CasebookCase) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *json = NULL;

      cases[i].spoil (c);
      problems = casebook_case_check (c, CASEBOOK_CHECK_FIRST, NULL, NULL);
      json = casebook_json_case_to_string (c);
      back = casebook_json_case_from_string (json, &error);

      if (cases[i].path == NULL)
        {
          g_autofree char *again = NULL;

          g_assert_cmpuint (problems->len, ==, 0);
          g_assert_no_error (error);
          again = casebook_json_case_to_string (back);
          g_assert_cmpstr (json, ==, again);
        }
      else
        {
          g_autofree char *place = g_strdup_printf ("case.%s:", cases[i].path);

          g_assert_cmpuint (problems->len, ==, 1);
          g_assert_cmpstr (((CasebookProblem *) g_ptr_array_index (problems, 0))->path, ==, cases[i].path);
          g_assert_null (back);
          g_assert_error (error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_INVALID);
          if (strstr (error->message, place) == NULL)
            g_error ("expected “%s” in the reader's message “%s”", place, error->message);
        }
    }
}

/* One-line texts hold no control character; paragraphs keep line feeds
 * and tabs. Each problem names the language it is in. */
static void
test_control_characters (void)
{
  g_autoptr(CasebookCase) c = valid_case ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  CasebookChallenge *challenge = casebook_challenge_new ();
  CasebookStackItem *item = casebook_stack_item_new ();
  CasebookNote *note = casebook_note_new ();
  CasebookSource *source = casebook_source_new ();
  const CasebookProblem *problem;

  casebook_case_take_title (c, casebook_text_new ("标题", "Cloud\x1b]52;c;aGk=\x07 at a bank"));
  casebook_case_take_organization (c, casebook_text_new ("某银行\n伪造的一行", NULL));
  casebook_case_take_subsector (c, casebook_text_new_same ("R\tD"));
  g_ptr_array_add (casebook_case_get_lessons (c), casebook_text_new (NULL, "one\ntwo\tthree\xe2\x80\xa8" "four"));
  g_ptr_array_add (casebook_case_get_lessons (c), casebook_text_new (NULL, "carriage\rreturn"));
  challenge->title = casebook_text_new (NULL, "A\xe2\x80\xa8" "B");
  challenge->solution = casebook_text_new ("第一段\n\n第二段", NULL);
  g_ptr_array_add (casebook_case_get_challenges (c), challenge);
  item->role = casebook_text_new (NULL, "Platform");
  item->product = casebook_text_new_same ("Kubernetes");
  item->version = g_strdup ("1.30\x07");
  item->family = g_strdup ("containers");
  g_ptr_array_add (casebook_case_get_stack (c), item);
  note->text = casebook_text_new (NULL, "csi \xc2\x9b" "31m");
  g_ptr_array_add (casebook_case_get_notes (c), note);
  source->url = g_strdup ("https://example.org/\nfake");
  source->note = casebook_text_new (NULL, "a\tnote\nover two lines");
  casebook_case_take_source (c, source);

  problems = check (c);

  problem = _casebook_problems_find (problems, "title.en");
  g_assert_nonnull (problem);
  g_assert_cmpstr (problem->message, ==,
                   "contains the control character U+001B; one-line texts may not contain control characters");
  assert_problem_at (problems, "organization.zh");
  assert_problem_at (problems, "subsector");
  assert_problem_at (problems, "lessons[1].en");
  problem = _casebook_problems_find (problems, "lessons[1].en");
  g_assert_nonnull (strstr (problem->message, "U+000D"));
  problem = _casebook_problems_find (problems, "challenges[0].title.en");
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem->message, "U+2028"));
  assert_problem_at (problems, "stack[0].version");
  problem = _casebook_problems_find (problems, "notes[0].text.en");
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem->message, "U+009B"));
  assert_problem_at (problems, "source.url");
  /* Paragraphs keep their line feeds, tabs and line separators. */
  g_assert_null (_casebook_problems_find (problems, "lessons[0].en"));
  g_assert_null (_casebook_problems_find (problems, "challenges[0].solution.zh"));
  g_assert_null (_casebook_problems_find (problems, "source.note.en"));
  g_assert_cmpuint (problems->len, ==, 8);

  /* What an older version stored still reads back, to be mended. */
  stored = casebook_case_check (c, CASEBOOK_CHECK_STORED, NULL, NULL);
  g_assert_cmpuint (stored->len, ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *json = casebook_json_case_to_string (c);
    g_autoptr(CasebookCase) back = casebook_json_case_from_string (json, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (casebook_text_get (casebook_case_get_title (back), CASEBOOK_LANG_EN), ==,
                     "Cloud\x1b]52;c;aGk=\x07 at a bank");
  }
}

/* Every case that comes with Casebook keeps the rules. */
static void
test_bundled_cases_are_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = _casebook_bundled_document (&error);
  GPtrArray *cases;

  g_assert_no_error (error);
  cases = casebook_document_get_cases (doc);
  g_assert_cmpuint (cases->len, ==, 14);

  for (guint i = 0; i < cases->len; i++)
    {
      g_autoptr(GPtrArray) problems = check (g_ptr_array_index (cases, i));

      g_assert_cmpuint (problems->len, ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case-check/valid", test_valid_case);
  g_test_add_func ("/case-check/required-fields", test_required_fields);
  g_test_add_func ("/case-check/one-language-is-enough", test_one_language_is_enough);
  g_test_add_func ("/case-check/period", test_period);
  g_test_add_func ("/case-check/employees", test_employees);
  g_test_add_func ("/case-check/phases", test_phases);
  g_test_add_func ("/case-check/outcomes", test_outcomes);
  g_test_add_func ("/case-check/keys-and-ids", test_keys);
  g_test_add_func ("/case-check/failure-section", test_failure_section);
  g_test_add_func ("/case-check/source", test_source);
  g_test_add_func ("/case-check/texts-of-lists", test_texts_of_lists);
  g_test_add_func ("/case-check/first-only", test_first_only);
  g_test_add_func ("/case-check/problems-under", test_problems_under);
  g_test_add_func ("/case-check/dates-and-colors", test_dates_and_colors);
  g_test_add_func ("/case-check/reader-agrees", test_reader_agrees);
  g_test_add_func ("/case-check/control-characters", test_control_characters);
  g_test_add_func ("/case-check/bundled-cases-are-valid", test_bundled_cases_are_valid);

  return g_test_run ();
}
