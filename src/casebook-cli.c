/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "casebook-cli.h"
#include "casebook-format.h"
#include "casebook-json.h"

G_GNUC_PRINTF (2, 3)
static void
say (GOutputStream *stream,
     const char    *format,
     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_output_stream_write_all (stream, text, strlen (text), NULL, NULL, NULL);
}

static char *
sector_name (CasebookStore *store,
             const char    *key,
             CasebookLang   lang)
{
  g_autoptr(CasebookSector) sector = casebook_store_get_sector (store, key);

  if (sector == NULL)
    return g_strdup (key);

  return g_strdup (casebook_text_get (sector->name, lang));
}

static void
print_rows (GPtrArray     *rows,
            CasebookLang   lang,
            GOutputStream *out)
{
  for (guint i = 0; i < rows->len; i++)
    {
      CasebookCaseSummary *row = g_ptr_array_index (rows, i);

      say (out, "%s\t%s\t%s\n",
           casebook_case_summary_get_id (row),
           casebook_case_summary_get_sector (row),
           casebook_text_get (casebook_case_summary_get_title (row), lang));
    }
}

/**
 * casebook_cli_list:
 *
 * Prints one line per case: id, TAB, sector, TAB, title.
 */
int
casebook_cli_list (CasebookStore *store,
                   CasebookLang   lang,
                   GOutputStream *out,
                   GOutputStream *err)
{
  g_auto(CasebookCursor) cursor = { NULL, NULL, 0 };
  gboolean first = TRUE;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_auto(CasebookCursor) last = { NULL, NULL, 0 };
      g_autoptr(GPtrArray) rows = casebook_store_list (store, NULL, CASEBOOK_SORT_TITLE, lang,
                                                       first ? NULL : &cursor, 500, &last, &error);

      if (rows == NULL)
        {
          say (err, "%s\n", error->message);
          return 1;
        }

      print_rows (rows, lang, out);

      if (rows->len < 500)
        return 0;

      casebook_cursor_copy (&cursor, &last);
      first = FALSE;
    }
}

int
casebook_cli_search (CasebookStore *store,
                     const char    *query,
                     CasebookLang   lang,
                     GOutputStream *out,
                     GOutputStream *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = casebook_store_search (store, query, G_MAXINT, &error);

  if (rows == NULL)
    {
      say (err, "%s\n", error->message);
      return 1;
    }

  print_rows (rows, lang, out);
  return 0;
}

static void
heading (GString    *out,
         const char *title)
{
  g_string_append_printf (out, "\n%s\n", title);
}

static void
bullet_texts (GString      *out,
              GPtrArray    *texts,
              CasebookLang  lang)
{
  for (guint i = 0; i < texts->len; i++)
    g_string_append_printf (out, "  • %s\n", casebook_text_get (g_ptr_array_index (texts, i), lang));
}

/**
 * casebook_cli_format_case:
 *
 * Returns: (transfer full): the whole case as readable text
 */
char *
casebook_cli_format_case (CasebookStore *store,
                          CasebookCase  *c,
                          CasebookLang   lang)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *sector = sector_name (store, casebook_case_get_sector (c), lang);
  g_autofree char *period = casebook_case_format_period (c);
  g_autofree char *employees = casebook_case_format_employees (c);
  const CasebookText *subsector = casebook_case_get_subsector (c);
  const CasebookFailure *failure = casebook_case_get_failure (c);
  const CasebookSource *source = casebook_case_get_source (c);
  GPtrArray *array;

  g_string_append_printf (out, "%s\n", casebook_text_get (casebook_case_get_title (c), lang));
  g_string_append_printf (out, "%s: %s\n", _("ID"), casebook_case_get_id (c));
  g_string_append_printf (out, "%s: %s\n", _("Kind"),
                          casebook_kind_label (casebook_case_get_kind (c), lang));
  if (!casebook_text_is_empty (subsector))
    g_string_append_printf (out, "%s: %s / %s\n", _("Sector"), sector, casebook_text_get (subsector, lang));
  else
    g_string_append_printf (out, "%s: %s\n", _("Sector"), sector);
  g_string_append_printf (out, "%s: %s\n", _("Organization"),
                          casebook_text_get (casebook_case_get_organization (c), lang));
  if (casebook_case_get_size (c) != CASEBOOK_SIZE_UNKNOWN)
    g_string_append_printf (out, "%s: %s\n", _("Size"),
                            casebook_size_label (casebook_case_get_size (c), lang));
  if (employees != NULL)
    g_string_append_printf (out, "%s: %s\n", _("Employees"), employees);
  if (period != NULL)
    g_string_append_printf (out, "%s: %s\n", _("Period"), period);
  if (casebook_case_get_approach (c) != CASEBOOK_APPROACH_NONE)
    g_string_append_printf (out, "%s: %s\n", _("Approach"),
                            casebook_approach_label (casebook_case_get_approach (c), lang));

  if (casebook_case_get_scenarios (c)->len > 0)
    {
      heading (out, _("Business scenarios"));
      bullet_texts (out, casebook_case_get_scenarios (c), lang);
    }

  if (casebook_case_get_requirements (c)->len > 0)
    {
      heading (out, _("Technical requirements"));
      bullet_texts (out, casebook_case_get_requirements (c), lang);
    }

  array = casebook_case_get_stack (c);
  if (array->len > 0)
    {
      heading (out, _("Technology stack"));
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookStackItem *item = g_ptr_array_index (array, i);

          g_string_append_printf (out, "  • %s: %s%s%s\n",
                                  casebook_text_get (item->role, lang),
                                  casebook_text_get (item->product, lang),
                                  item->version != NULL ? " " : "",
                                  item->version != NULL ? item->version : "");
        }
    }

  array = casebook_case_get_phases (c);
  if (array->len > 0)
    {
      heading (out, _("Phases"));
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookPhase *phase = g_ptr_array_index (array, i);
          g_autofree char *span = casebook_format_phase_span (phase);

          g_string_append_printf (out, "  %u. %s (%s)\n", i + 1,
                                  casebook_text_get (phase->name, lang), span);
        }
    }

  array = casebook_case_get_challenges (c);
  if (array->len > 0)
    {
      heading (out, _("Challenges and solutions"));
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookChallenge *challenge = g_ptr_array_index (array, i);

          if (challenge->text != NULL)
            g_string_append_printf (out, "  • %s: %s\n",
                                    casebook_text_get (challenge->title, lang),
                                    casebook_text_get (challenge->text, lang));
          else
            g_string_append_printf (out, "  • %s\n", casebook_text_get (challenge->title, lang));
          if (challenge->solution != NULL)
            g_string_append_printf (out, "    → %s\n", casebook_text_get (challenge->solution, lang));
        }
    }

  array = casebook_case_get_outcomes (c);
  if (array->len > 0)
    {
      heading (out, _("Outcomes"));
      for (guint i = 0; i < array->len; i++)
        {
          const CasebookOutcome *outcome = g_ptr_array_index (array, i);

          g_autofree char *figure = casebook_format_outcome (outcome, lang);

          if (figure != NULL)
            g_string_append_printf (out, "  • %s  [%s]\n",
                                    casebook_text_get (outcome->text, lang), figure);
          else
            g_string_append_printf (out, "  • %s\n", casebook_text_get (outcome->text, lang));
        }
    }

  if (failure != NULL)
    {
      heading (out, _("What went wrong"));
      g_string_append_printf (out, "  %s: %s\n", _("Problem"), casebook_text_get (failure->problem, lang));
      g_string_append_printf (out, "  %s: %s\n", _("Result"), casebook_text_get (failure->result, lang));
      heading (out, _("Causes"));
      bullet_texts (out, failure->causes, lang);
    }

  if (casebook_case_get_lessons (c)->len > 0)
    {
      heading (out, _("Lessons"));
      bullet_texts (out, casebook_case_get_lessons (c), lang);
    }

  array = casebook_case_get_notes (c);
  if (array->len > 0)
    {
      heading (out, _("Data-quality notes"));
      for (guint i = 0; i < array->len; i++)
        g_string_append_printf (out, "  ! %s\n",
                                casebook_text_get (((CasebookNote *) g_ptr_array_index (array, i))->text, lang));
    }

  if (source != NULL)
    {
      heading (out, _("Source"));
      if (source->title != NULL)
        g_string_append_printf (out, "  %s\n", casebook_text_get (source->title, lang));
      if (source->section != NULL)
        g_string_append_printf (out, "  %s: %s\n", _("Section"), source->section);
      if (source->url != NULL)
        g_string_append_printf (out, "  %s\n", source->url);
      if (source->date != NULL)
        g_string_append_printf (out, "  %s: %s\n", _("Date"), source->date);
      if (source->note != NULL)
        g_string_append_printf (out, "  %s\n", casebook_text_get (source->note, lang));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

int
casebook_cli_show (CasebookStore *store,
                   const char    *id,
                   CasebookLang   lang,
                   GOutputStream *out,
                   GOutputStream *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (store, id, &error);
  g_autofree char *text = NULL;

  if (c == NULL)
    {
      say (err, "%s\n", error->message);
      return 1;
    }

  text = casebook_cli_format_case (store, c, lang);
  say (out, "%s", text);
  return 0;
}

int
casebook_cli_import (CasebookStore *store,
                     const char    *path,
                     gboolean       replace,
                     GOutputStream *out,
                     GOutputStream *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  CasebookImportResult result = { 0 };

  if (!casebook_store_import_file (store, file, replace ? CASEBOOK_IMPORT_REPLACE : CASEBOOK_IMPORT_SKIP,
                                   &result, &error))
    {
      say (err, _("Nothing was imported: %s\n"), error->message);
      return 1;
    }

  /* Translators: a summary after an import, e.g. "Imported 3 new cases, replaced 0, skipped 2 already present" */
  say (out, _("Imported %u new cases, replaced %u, skipped %u already present\n"),
       result.added, result.replaced, result.skipped);
  return 0;
}

int
casebook_cli_export (CasebookStore *store,
                     const char    *path,
                     GOutputStream *out,
                     GOutputStream *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(CasebookDocument) doc = casebook_store_export (store, &error);

  if (doc == NULL || !casebook_json_write_file (doc, file, &error))
    {
      say (err, _("Could not export: %s\n"), error->message);
      return 1;
    }

  say (out, _("Exported %u cases to %s\n"),
       casebook_document_get_cases (doc)->len, path);
  return 0;
}
