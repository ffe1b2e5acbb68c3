/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "casebook-case-check-private.h"
#include "casebook-escape.h"

/**
 * SECTION:casebook-case-check
 *
 * The rules a case must keep to be stored or exchanged, in one place: the
 * JSON reader applies them to every case it reads (after it has checked
 * the types of the members), and the case editor applies them as the
 * person types, so a case the editor accepts is one the reader accepts,
 * and the other way round.
 *
 * Each problem names its place as the interchange format does
 * (`outcomes[1].value`), so the reader can put the case's place in the
 * file in front of it, and the editor can find the field to mark.
 */

typedef struct
{
  GPtrArray           *problems;
  CasebookCheckFlags   flags;
  CasebookIdTakenFunc  id_taken;
  gpointer             user_data;
} Check;

CasebookProblem *
casebook_problem_new (const char *path,
                      const char *message)
{
  CasebookProblem *problem = g_new0 (CasebookProblem, 1);

  problem->path = g_strdup (path);
  problem->message = g_strdup (message);

  return problem;
}

void
casebook_problem_free (CasebookProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

static gboolean
done (Check *check)
{
  return (check->flags & CASEBOOK_CHECK_FIRST) != 0 && check->problems->len > 0;
}

/* Where a problem is: a member of the case ("title"), an item of a list
 * ("lessons[0]", with no member), or a member of an item
 * ("outcomes[1].value"). The path is only written out when there is a
 * problem, so a valid case costs no allocations; the reader checks every
 * case of a large import. */
typedef struct
{
  const char *list;
  int         index;
  const char *member;
} Place;

#define AT(member)           ((Place) { NULL, -1, (member) })
#define ITEM(list, i)        ((Place) { (list), (int) (i), NULL })
#define IN(list, i, member)  ((Place) { (list), (int) (i), (member) })

static char *
place_path (Place place)
{
  if (place.list == NULL)
    return g_strdup (place.member);
  if (place.member == NULL)
    return g_strdup_printf ("%s[%d]", place.list, place.index);
  return g_strdup_printf ("%s[%d].%s", place.list, place.index, place.member);
}

G_GNUC_PRINTF (3, 4)
static void
add (Check      *check,
     Place       place,
     const char *format,
     ...)
{
  g_autofree char *message = NULL;
  g_autofree char *path = NULL;
  va_list args;

  if (done (check))
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  path = place_path (place);
  g_ptr_array_add (check->problems, casebook_problem_new (path, message));
}

/* A case read back from a store that an older version wrote may hold
 * control characters; it must still open, so that it can be mended. The
 * command line escapes them when it prints. */
static gboolean
checks_characters (Check *check)
{
  return (check->flags & CASEBOOK_CHECK_STORED) == 0;
}

/* @lang names the language in the path ("title.en"), or is %NULL. */
static void
check_string_chars (Check            *check,
                    Place             place,
                    const char       *lang,
                    const char       *str,
                    CasebookLineKind  kind)
{
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  gunichar c;

  if (str == NULL || done (check) || !checks_characters (check) ||
      !casebook_string_find_control (str, kind, &c))
    return;

  path = place_path (place);
  if (lang != NULL)
    {
      char *with_lang = g_strdup_printf ("%s.%s", path, lang);

      g_free (path);
      path = with_lang;
    }
  message = casebook_control_message (c, kind);
  g_ptr_array_add (check->problems, casebook_problem_new (path, message));
}

static void
check_chars (Check              *check,
             Place               place,
             const CasebookText *text,
             CasebookLineKind    kind)
{
  if (text == NULL)
    return;

  /* A name given as one string for both languages is one value. */
  if (g_strcmp0 (text->zh, text->en) == 0)
    {
      check_string_chars (check, place, NULL, text->zh, kind);
      return;
    }

  check_string_chars (check, place, "zh", text->zh, kind);
  check_string_chars (check, place, "en", text->en, kind);
}

/* @required_message says what is missing when the key is required. */
static void
check_key (Check      *check,
           Place       place,
           const char *key,
           const char *required_message)
{
  if (key == NULL || key[0] == '\0')
    {
      if (required_message != NULL)
        add (check, place, "%s", required_message);
      return;
    }

  if (!casebook_key_is_valid (key))
    {
      g_autofree char *quoted = casebook_quote_value (key);

      add (check, place,
           _("“%s” is not a valid key (1 to 64 characters of a–z, 0–9, “.”, “_” and “-”, "
             "starting with a letter or a digit)"), quoted);
    }
}

/* A text a person reads may be missing in one language, but not in both. */
static void
check_text (Check              *check,
            Place               place,
            const CasebookText *text,
            const char         *required_message)
{
  if (casebook_text_is_empty (text))
    add (check, place, "%s", required_message);
}

static void
check_texts (Check      *check,
             const char *list,
             GPtrArray  *texts)
{
  for (guint i = 0; i < texts->len && !done (check); i++)
    {
      if (casebook_text_is_empty (g_ptr_array_index (texts, i)))
        add (check, ITEM (list, i), "%s",
             _("an item of a list needs a text; remove the item if it is not needed"));
      check_chars (check, ITEM (list, i), g_ptr_array_index (texts, i), CASEBOOK_PARAGRAPHS);
    }
}

static void
check_year (Check *check,
            Place  place,
            int    year)
{
  if (year < CASEBOOK_MIN_YEAR || year > CASEBOOK_MAX_YEAR)
    add (check, place, _("%d is out of range (%d to %d)"), year, CASEBOOK_MIN_YEAR, CASEBOOK_MAX_YEAR);
}

/* @year and @quarter name the point's two members, such as "start.year". */
static void
check_point (Check               *check,
             guint                index,
             const char          *year,
             const char          *quarter,
             const CasebookPoint *point)
{
  check_year (check, IN ("phases", index, year), point->year);
  if (point->quarter < 0 || point->quarter > 4)
    add (check, IN ("phases", index, quarter), _("%d is out of range (1 to 4)"), point->quarter);
}

static void
check_number (Check  *check,
              Place   place,
              double  value)
{
  if (!isfinite (value) || fabs (value) > CASEBOOK_MAX_ABS_VALUE)
    add (check, place, _("the number is out of range (at most %g in size)"), CASEBOOK_MAX_ABS_VALUE);
}

static void
check_period (Check        *check,
              CasebookCase *c)
{
  int start = 0, end = 0;

  casebook_case_get_period (c, &start, &end);

  /* No period at all is fine; half of one is not. */
  if (start == 0 && end == 0)
    return;

  if (start == 0)
    {
      add (check, AT ("period.start"), "%s", _("a period needs its first year"));
      return;
    }
  if (end == 0)
    {
      add (check, AT ("period.end"), "%s", _("a period needs its last year"));
      return;
    }

  check_year (check, AT ("period.start"), start);
  check_year (check, AT ("period.end"), end);
  if (end < start)
    add (check, AT ("period.end"), _("the period ends (%d) before it starts (%d)"), end, start);
}

static void
check_stack (Check     *check,
             GPtrArray *stack)
{
  for (guint i = 0; i < stack->len && !done (check); i++)
    {
      const CasebookStackItem *item = g_ptr_array_index (stack, i);

      check_text (check, IN ("stack", i, "product"), item->product,
                  _("a technology needs the name of its product"));
      check_chars (check, IN ("stack", i, "product"), item->product, CASEBOOK_ONE_LINE);
      check_text (check, IN ("stack", i, "role"), item->role,
                  _("a technology needs its role, such as “Container platform”"));
      check_chars (check, IN ("stack", i, "role"), item->role, CASEBOOK_ONE_LINE);
      check_string_chars (check, IN ("stack", i, "version"), NULL, item->version, CASEBOOK_ONE_LINE);
      check_key (check, IN ("stack", i, "family"), item->family,
                 _("a technology needs its family, such as “containers”"));
    }
}

static void
check_phases (Check     *check,
              GPtrArray *phases)
{
  for (guint i = 0; i < phases->len && !done (check); i++)
    {
      const CasebookPhase *phase = g_ptr_array_index (phases, i);
      guint before = check->problems->len;

      check_text (check, IN ("phases", i, "name"), phase->name, _("a phase needs a name saying what it did"));
      check_chars (check, IN ("phases", i, "name"), phase->name, CASEBOOK_ONE_LINE);
      check_point (check, i, "start.year", "start.quarter", &phase->start);
      check_point (check, i, "end.year", "end.quarter", &phase->end);

      /* Compare only two valid points. */
      if (check->problems->len == before && casebook_point_compare (&phase->end, &phase->start) < 0)
        add (check, IN ("phases", i, "end"), "%s", _("the phase ends before it starts"));
    }
}

static void
check_challenges (Check     *check,
                  GPtrArray *challenges)
{
  for (guint i = 0; i < challenges->len && !done (check); i++)
    {
      const CasebookChallenge *challenge = g_ptr_array_index (challenges, i);

      check_text (check, IN ("challenges", i, "title"), challenge->title,
                  _("a challenge needs a short name, such as “Compliance”"));
      check_chars (check, IN ("challenges", i, "title"), challenge->title, CASEBOOK_ONE_LINE);
      check_chars (check, IN ("challenges", i, "text"), challenge->text, CASEBOOK_PARAGRAPHS);
      check_chars (check, IN ("challenges", i, "solution"), challenge->solution, CASEBOOK_PARAGRAPHS);
    }
}

static void
check_outcomes (Check     *check,
                GPtrArray *outcomes)
{
  for (guint i = 0; i < outcomes->len && !done (check); i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (outcomes, i);

      check_text (check, IN ("outcomes", i, "text"), outcome->text,
                  _("an outcome needs its statement, as the source gives it"));
      check_chars (check, IN ("outcomes", i, "text"), outcome->text, CASEBOOK_PARAGRAPHS);
      check_key (check, IN ("outcomes", i, "metric"), outcome->metric, NULL);

      if (outcome->has_value)
        {
          check_number (check, IN ("outcomes", i, "value"), outcome->value);
          if (outcome->unit == CASEBOOK_UNIT_NONE)
            add (check, IN ("outcomes", i, "unit"), "%s", _("a value needs a unit"));
          if (outcome->better == CASEBOOK_BETTER_NONE)
            add (check, IN ("outcomes", i, "better"), "%s",
                 _("a value needs a direction: is higher or lower better?"));
        }

      /* A qualitative outcome may keep a unit and a direction around in
       * an editor; they are not written, so they are not a problem. */
      if (outcome->has_baseline)
        {
          if (!outcome->has_value)
            add (check, IN ("outcomes", i, "baseline"), "%s", _("a baseline needs a value"));
          else
            check_number (check, IN ("outcomes", i, "baseline"), outcome->baseline);
        }
    }
}

static void
check_failure (Check        *check,
               CasebookCase *c)
{
  const CasebookFailure *failure = casebook_case_get_failure (c);

  if (casebook_case_get_kind (c) == CASEBOOK_KIND_SUCCESS)
    {
      if (failure != NULL)
        add (check, AT ("failure"), "%s", _("only a case of kind “failure” has a failure section"));
      return;
    }

  if (failure == NULL)
    {
      add (check, AT ("failure"), "%s", _("a failed case needs to say what went wrong"));
      return;
    }

  check_text (check, AT ("failure.problem"), failure->problem, _("a failed case needs its problem"));
  check_chars (check, AT ("failure.problem"), failure->problem, CASEBOOK_PARAGRAPHS);
  check_text (check, AT ("failure.result"), failure->result, _("a failed case needs to say what came of it"));
  check_chars (check, AT ("failure.result"), failure->result, CASEBOOK_PARAGRAPHS);
  check_texts (check, "failure.causes", failure->causes);
}

static void
check_notes (Check     *check,
             GPtrArray *notes)
{
  for (guint i = 0; i < notes->len && !done (check); i++)
    {
      const CasebookNote *note = g_ptr_array_index (notes, i);

      check_string_chars (check, IN ("notes", i, "field"), NULL, note->field, CASEBOOK_ONE_LINE);
      check_text (check, IN ("notes", i, "text"), note->text, _("a note needs a text"));
      check_chars (check, IN ("notes", i, "text"), note->text, CASEBOOK_PARAGRAPHS);
    }
}

static void
check_source (Check        *check,
              CasebookCase *c)
{
  const CasebookSource *source = casebook_case_get_source (c);

  if (source == NULL)
    {
      add (check, AT ("source"), "%s", _("a case needs a source: its title, report section or URL"));
      return;
    }

  if (casebook_text_is_empty (source->title) &&
      (source->section == NULL || source->section[0] == '\0') &&
      (source->url == NULL || source->url[0] == '\0'))
    add (check, AT ("source"), "%s", _("a source needs at least a title, a report section or a URL"));

  check_chars (check, AT ("source.title"), source->title, CASEBOOK_ONE_LINE);
  check_string_chars (check, AT ("source.section"), NULL, source->section, CASEBOOK_ONE_LINE);
  check_string_chars (check, AT ("source.url"), NULL, source->url, CASEBOOK_ONE_LINE);

  if (source->date != NULL && source->date[0] != '\0' && !_casebook_date_is_valid (source->date))
    {
      g_autofree char *quoted = casebook_quote_value (source->date);

      add (check, AT ("source.date"), _("“%s” is not a date of the form YYYY-MM-DD or YYYY"), quoted);
    }

  check_chars (check, AT ("source.note"), source->note, CASEBOOK_PARAGRAPHS);
}

/**
 * casebook_case_check:
 * @c: a case
 * @flags: %CASEBOOK_CHECK_FIRST to stop at the first problem;
 *   %CASEBOOK_CHECK_STORED for a case read back from a store, which skips
 *   the rules on control characters that older versions did not keep
 * @id_taken: (nullable) (scope call): says whether another case uses an id
 * @user_data: data for @id_taken
 *
 * Checks every field of @c, in both languages, against the rules of the
 * interchange format: the required texts (title, organization, source),
 * the years and the order of the period and of each phase, the value, unit,
 * direction and baseline of each outcome, the keys, the failure section and
 * the source, and the characters of every text: one-line texts (titles,
 * names, the source's title, section, URL and date) hold no control
 * character, and the others no control character but line feeds and tabs
 * (casebook_string_find_control()). With @id_taken it also checks that the id is not taken.
 *
 * The problems come in the order of the fields in the format.
 *
 * Returns: (transfer full) (element-type CasebookProblem): the problems;
 *   empty when @c is valid
 */
GPtrArray *
casebook_case_check (CasebookCase        *c,
                     CasebookCheckFlags   flags,
                     CasebookIdTakenFunc  id_taken,
                     gpointer             user_data)
{
  Check check = { NULL, flags, id_taken, user_data };
  const char *id;
  gint64 employees;

  g_return_val_if_fail (CASEBOOK_IS_CASE (c), NULL);

  check.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_problem_free);

  id = casebook_case_get_id (c);
  check_key (&check, AT ("id"), id, _("a case needs an id"));
  if (id_taken != NULL && casebook_key_is_valid (id) && id_taken (id, user_data))
    add (&check, AT ("id"), _("another case already has the id “%s”"), id);

  check_key (&check, AT ("sector"), casebook_case_get_sector (c), _("a case needs a sector"));
  check_chars (&check, AT ("subsector"), casebook_case_get_subsector (c), CASEBOOK_ONE_LINE);
  check_text (&check, AT ("title"), casebook_case_get_title (c),
              _("a title is required, in Chinese, English or both"));
  check_chars (&check, AT ("title"), casebook_case_get_title (c), CASEBOOK_ONE_LINE);
  check_text (&check, AT ("organization"), casebook_case_get_organization (c),
              _("a description of the organization is required, in Chinese, English or both"));
  check_chars (&check, AT ("organization"), casebook_case_get_organization (c), CASEBOOK_ONE_LINE);

  employees = casebook_case_get_employees (c);
  if (employees > CASEBOOK_MAX_EMPLOYEES)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, employees);
      g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, CASEBOOK_MAX_EMPLOYEES);

      /* Translators: a headcount that is too large; the second number is the largest allowed */
      add (&check, AT ("employees"), _("%s is out of range (0 to %s)"), value, max);
    }

  check_period (&check, c);
  check_texts (&check, "scenarios", casebook_case_get_scenarios (c));
  check_texts (&check, "requirements", casebook_case_get_requirements (c));
  check_stack (&check, casebook_case_get_stack (c));
  check_phases (&check, casebook_case_get_phases (c));
  check_challenges (&check, casebook_case_get_challenges (c));
  check_outcomes (&check, casebook_case_get_outcomes (c));
  check_texts (&check, "lessons", casebook_case_get_lessons (c));
  check_failure (&check, c);
  check_notes (&check, casebook_case_get_notes (c));
  check_source (&check, c);

  return check.problems;
}

/**
 * _casebook_problems_find:
 * @problems: (element-type CasebookProblem): problems
 * @path: a place, such as `period.end`
 *
 * Returns: (transfer none) (nullable): the first problem at @path
 */
const CasebookProblem *
_casebook_problems_find (GPtrArray  *problems,
                         const char *path)
{
  g_return_val_if_fail (problems != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const CasebookProblem *problem = g_ptr_array_index (problems, i);

      if (strcmp (problem->path, path) == 0)
        return problem;
    }

  return NULL;
}

/**
 * _casebook_problems_under:
 * @problems: (element-type CasebookProblem): problems
 * @prefix: a place, such as `outcomes[1]`
 *
 * Returns: %TRUE if a problem is at @prefix or inside it
 *   (`outcomes[1].value`), but not in `outcomes[10]`
 */
gboolean
_casebook_problems_under (GPtrArray  *problems,
                          const char *prefix)
{
  gsize len;

  g_return_val_if_fail (problems != NULL, FALSE);
  g_return_val_if_fail (prefix != NULL, FALSE);

  len = strlen (prefix);
  for (guint i = 0; i < problems->len; i++)
    {
      const CasebookProblem *problem = g_ptr_array_index (problems, i);

      if (strncmp (problem->path, prefix, len) == 0 &&
          (problem->path[len] == '\0' || problem->path[len] == '.' || problem->path[len] == '['))
        return TRUE;
    }

  return FALSE;
}

/**
 * _casebook_date_is_valid:
 * @date: a date as a source gives it
 *
 * Returns: %TRUE for `YYYY` and for a real day written `YYYY-MM-DD`
 */
gboolean
_casebook_date_is_valid (const char *date)
{
  int y, m, d;
  gsize len;

  if (date == NULL)
    return FALSE;

  len = strlen (date);
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (date[i]) && !(date[i] == '-' && (i == 4 || i == 7)))
      return FALSE;

  if (len == 4)
    return TRUE;

  if (len != 10 || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;

  return g_date_valid_dmy (d, m, y);
}

/**
 * casebook_color_is_valid:
 *
 * Returns: %TRUE for a colour of the form `#rrggbb`
 */
gboolean
casebook_color_is_valid (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;

  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;

  return TRUE;
}

/* What is wrong with a one-line name of at most @max characters, or NULL. */
static char *
check_name (const char *name,
            glong       max)
{
  gunichar c;
  glong length;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_strdup (_("is not valid UTF-8 text"));

  for (const char *p = name; ; p = g_utf8_next_char (p))
    {
      if (*p == '\0')
        return g_strdup (_("must not be empty"));
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        break;
    }

  length = g_utf8_strlen (name, -1);
  if (length > max)
    /* Translators: the limit is 100 or more */
    return g_strdup_printf (_("is longer than %ld characters"), max);

  if (casebook_string_find_control (name, CASEBOOK_ONE_LINE, &c))
    return casebook_control_message (c, CASEBOOK_ONE_LINE);

  return NULL;
}

/**
 * casebook_collection_check_name:
 * @name: (nullable): a collection's name, as typed or read from a file
 *
 * A name is any Unicode text of 1 to %CASEBOOK_MAX_COLLECTION_NAME_CHARS
 * characters, not only spaces, with no control character. The store, the
 * JSON reader and the collection dialog all check with this.
 *
 * Returns: (transfer full) (nullable): %NULL when @name is valid, or else
 *   a clause saying what is wrong, which reads after the place of the name
 *   (“must not be empty”)
 */
char *
casebook_collection_check_name (const char *name)
{
  return check_name (name, CASEBOOK_MAX_COLLECTION_NAME_CHARS);
}

/**
 * casebook_check_tag:
 * @tag: (nullable): a tag
 *
 * A tag is any Unicode text of 1 to %CASEBOOK_MAX_TAG_CHARS characters,
 * not only spaces, with no control character. Spaces around it are kept:
 * whoever takes a tag from a person trims it first.
 *
 * Returns: (transfer full) (nullable): %NULL when @tag is valid, or else
 *   a clause saying what is wrong
 */
char *
casebook_check_tag (const char *tag)
{
  return check_name (tag, CASEBOOK_MAX_TAG_CHARS);
}

/**
 * casebook_check_note:
 * @note: (nullable): a personal note or a collection's introduction
 *
 * A note is plain text of at most %CASEBOOK_MAX_NOTE_CHARS characters, with
 * line feeds and tabs but no other control character. %NULL and empty are
 * valid: they are no note.
 *
 * Returns: (transfer full) (nullable): %NULL when @note is valid, or else
 *   a clause saying what is wrong
 */
char *
casebook_check_note (const char *note)
{
  gunichar c;
  glong length;

  if (note == NULL)
    return NULL;
  if (!g_utf8_validate (note, -1, NULL))
    return g_strdup (_("is not valid UTF-8 text"));

  length = g_utf8_strlen (note, -1);
  if (length > CASEBOOK_MAX_NOTE_CHARS)
    return g_strdup_printf (_("is longer than %ld characters"), (long) CASEBOOK_MAX_NOTE_CHARS);

  if (casebook_string_find_control (note, CASEBOOK_PARAGRAPHS, &c))
    return casebook_control_message (c, CASEBOOK_PARAGRAPHS);

  return NULL;
}
