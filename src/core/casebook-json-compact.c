/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-json"

/* The document of one case as the store keeps it, written straight into
 * a string. It used to be built as a json-glib tree and generated with
 * json_to_string (): a tree node and a copy of every text for each
 * member, about an eighth of the CPU of a large import. The bytes must
 * stay exactly the ones json-glib 1.6's compact generator gives, because
 * stores already hold them and exports compare them: members in the
 * order below, no space anywhere, and json-glib's escapes and numbers
 * (see append_string () and append_double ()).
 * /json/case-string/same-as-json-glib holds the two together. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "casebook-json-private.h"

/* Before a member or an element: a comma, unless it is the first in its
 * object or array, which the last byte written tells. A value never ends
 * with “{”, “[” or “:” (a string ends with its quote). */
static inline void
separate (GString *out)
{
  char last;

  if (out->len == 0)
    return;

  last = out->str[out->len - 1];
  if (last != '{' && last != '[' && last != ':')
    g_string_append_c (out, ',');
}

/* json-glib's escapes: the quote and the backslash; \b \t \n \f \r; the
 * other bytes from 0x01 to 0x1e and 0x7f as \u00xx in lower case. 0x1f
 * stays as it is (json-glib 1.6 compares with < 0x1f), and every byte of
 * a multi-byte character stays as it is. A text has no NUL: the reader
 * refuses \u0000. */
static inline gboolean
needs_escape (guchar c)
{
  return c < 0x1f || c == '"' || c == '\\' || c == 0x7f;
}

static void
append_string (GString    *out,
               const char *str)
{
  const char *run = str;
  const char *p = str;

  g_string_append_c (out, '"');
  for (;; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\0' || !needs_escape (c))
        {
          if (c == '\0')
            break;
          continue;
        }

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u%04x", c); break;
        }
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static void
append_name (GString    *out,
             const char *name)
{
  separate (out);
  /* Every member name below is plain ASCII with nothing to escape. */
  g_string_append_c (out, '"');
  g_string_append (out, name);
  g_string_append (out, "\":");
}

static void
append_int (GString *out,
            gint64   value)
{
  char buf[24];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  g_string_append (out, buf);
}

/* As json-glib 1.6 writes a double: g_ascii_dtostr (), and “.0” after it
 * when it has no decimal point (even after an exponent). */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (buf, sizeof buf, value);
  g_string_append (out, buf);
  if (strchr (buf, '.') == NULL)
    g_string_append (out, ".0");
}

static void
member_string (GString    *out,
               const char *name,
               const char *value)
{
  if (value == NULL)
    return;

  append_name (out, name);
  append_string (out, value);
}

static void
member_int (GString    *out,
            const char *name,
            gint64      value)
{
  append_name (out, name);
  append_int (out, value);
}

/* Whole numbers are written as integers, so 80 stays 80 and not 80.0. */
static void
member_number (GString    *out,
               const char *name,
               double      value)
{
  append_name (out, name);
  if (value == floor (value) && fabs (value) < 1e15)
    append_int (out, (gint64) value);
  else
    append_double (out, value);
}

static void
text_value (GString            *out,
            const CasebookText *text)
{
  g_string_append_c (out, '{');
  member_string (out, "zh", text->zh);
  member_string (out, "en", text->en);
  g_string_append_c (out, '}');
}

static void
member_text (GString            *out,
             const char         *name,
             const CasebookText *text)
{
  if (casebook_text_is_empty (text))
    return;

  append_name (out, name);
  text_value (out, text);
}

/* A product's name, written once when both languages say the same. */
static void
member_name_text (GString            *out,
                  const char         *name,
                  const CasebookText *text)
{
  if (text->zh != NULL && g_strcmp0 (text->zh, text->en) == 0)
    {
      member_string (out, name, text->zh);
      return;
    }

  member_text (out, name, text);
}

static void
text_array (GString   *out,
            GPtrArray *texts)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < texts->len; i++)
    {
      separate (out);
      text_value (out, g_ptr_array_index (texts, i));
    }
  g_string_append_c (out, ']');
}

static void
member_texts (GString    *out,
              const char *name,
              GPtrArray  *texts)
{
  if (texts->len == 0)
    return;

  append_name (out, name);
  text_array (out, texts);
}

static void
member_point (GString             *out,
              const char          *name,
              const CasebookPoint *point)
{
  append_name (out, name);
  g_string_append_c (out, '{');
  member_int (out, "year", point->year);
  if (point->quarter > 0)
    member_int (out, "quarter", point->quarter);
  g_string_append_c (out, '}');
}

/* Opens the array of member @name, or returns FALSE when @array is
 * empty and the member is left out. */
static gboolean
begin_array (GString    *out,
             const char *name,
             GPtrArray  *array)
{
  if (array->len == 0)
    return FALSE;

  append_name (out, name);
  g_string_append_c (out, '[');
  return TRUE;
}

static void
begin_element (GString *out)
{
  separate (out);
  g_string_append_c (out, '{');
}

static void
write_case (GString      *out,
            CasebookCase *c)
{
  GPtrArray *array;
  int start, end;

  g_string_append_c (out, '{');

  member_string (out, "id", casebook_case_get_id (c));
  member_string (out, "kind", casebook_kind_to_key (casebook_case_get_kind (c)));
  member_string (out, "sector", casebook_case_get_sector (c));
  member_text (out, "subsector", casebook_case_get_subsector (c));
  member_text (out, "title", casebook_case_get_title (c));
  member_text (out, "organization", casebook_case_get_organization (c));
  member_string (out, "size", casebook_size_to_key (casebook_case_get_size (c)));

  if (casebook_case_get_employees (c) >= 0)
    {
      member_int (out, "employees", casebook_case_get_employees (c));
      member_string (out, "employees_qualifier",
                     casebook_qualifier_to_key (casebook_case_get_employees_qualifier (c)));
    }

  if (casebook_case_get_period (c, &start, &end))
    {
      append_name (out, "period");
      g_string_append_c (out, '{');
      member_int (out, "start", start);
      member_int (out, "end", end);
      g_string_append_c (out, '}');
    }

  member_string (out, "approach", casebook_approach_to_key (casebook_case_get_approach (c)));
  member_texts (out, "scenarios", casebook_case_get_scenarios (c));
  member_texts (out, "requirements", casebook_case_get_requirements (c));

  array = casebook_case_get_stack (c);
  if (begin_array (out, "stack", array))
    {
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookStackItem *item = g_ptr_array_index (array, i);

          begin_element (out);
          member_text (out, "role", item->role);
          member_name_text (out, "product", item->product);
          member_string (out, "version", item->version);
          member_string (out, "family", item->family);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }

  array = casebook_case_get_phases (c);
  if (begin_array (out, "phases", array))
    {
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookPhase *phase = g_ptr_array_index (array, i);

          begin_element (out);
          member_text (out, "name", phase->name);
          member_point (out, "start", &phase->start);
          member_point (out, "end", &phase->end);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }

  array = casebook_case_get_challenges (c);
  if (begin_array (out, "challenges", array))
    {
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookChallenge *challenge = g_ptr_array_index (array, i);

          begin_element (out);
          member_text (out, "title", challenge->title);
          member_text (out, "text", challenge->text);
          member_text (out, "solution", challenge->solution);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }

  array = casebook_case_get_outcomes (c);
  if (begin_array (out, "outcomes", array))
    {
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookOutcome *outcome = g_ptr_array_index (array, i);

          begin_element (out);
          member_text (out, "text", outcome->text);
          member_string (out, "metric", outcome->metric);
          if (outcome->has_value)
            {
              member_number (out, "value", outcome->value);
              member_string (out, "unit", casebook_unit_to_key (outcome->unit));
              if (outcome->has_baseline)
                member_number (out, "baseline", outcome->baseline);
              member_string (out, "better", casebook_better_to_key (outcome->better));
            }
          else
            {
              append_name (out, "value");
              g_string_append (out, "null");
            }
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }

  member_texts (out, "lessons", casebook_case_get_lessons (c));

  if (casebook_case_get_failure (c) != NULL)
    {
      const CasebookFailure *failure = casebook_case_get_failure (c);

      append_name (out, "failure");
      g_string_append_c (out, '{');
      member_text (out, "problem", failure->problem);
      member_text (out, "result", failure->result);
      append_name (out, "causes");
      text_array (out, failure->causes);
      g_string_append_c (out, '}');
    }

  array = casebook_case_get_notes (c);
  if (begin_array (out, "notes", array))
    {
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookNote *note = g_ptr_array_index (array, i);

          begin_element (out);
          member_string (out, "field", note->field);
          member_text (out, "text", note->text);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }

  if (casebook_case_get_source (c) != NULL)
    {
      const CasebookSource *source = casebook_case_get_source (c);

      append_name (out, "source");
      g_string_append_c (out, '{');
      member_text (out, "title", source->title);
      member_string (out, "section", source->section);
      member_string (out, "url", source->url);
      member_string (out, "date", source->date);
      member_text (out, "note", source->note);
      g_string_append_c (out, '}');
    }

  g_string_append_c (out, '}');
}

/**
 * casebook_json_case_to_string:
 *
 * The case's own data only: its tags and personal note are the
 * person's, which the store keeps apart, and are left out.
 *
 * Returns: (transfer full): @c as compact JSON, as the store keeps it
 */
char *
casebook_json_case_to_string (CasebookCase *c)
{
  GString *out;

  g_return_val_if_fail (CASEBOOK_IS_CASE (c), NULL);

  /* Most cases take a few kilobytes; one allocation covers them. */
  out = g_string_sized_new (4096);
  write_case (out, c);
  return g_string_free (out, FALSE);
}
