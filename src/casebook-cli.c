/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "casebook-cli-private.h"
#include "casebook-escape.h"
#include "casebook-format.h"
#include "casebook-json.h"
#include "casebook-render-export.h"
#include "casebook-render-report.h"
#include "casebook-store-charts.h"
#include "casebook-store-collections.h"
#include "casebook-store-export-stream.h"

G_GNUC_PRINTF (2, 3)
static void
say (GOutputStream *stream,
     const char    *format,
     ...)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  /* Whatever reaches the terminal may quote a file or the store: a
   * control character in it must show, not act. Lines and tabs are the
   * output's own; the values that must not break them are escaped
   * before (line()). */
  escaped = casebook_escape (text, CASEBOOK_ESCAPE_KEEP_LINES);
  g_output_stream_write_all (stream, escaped, strlen (escaped), NULL, NULL, NULL);
}

/* @value made safe for one line or one column of output; @pool keeps it
 * until the caller is done. */
static const char *
line (GPtrArray  *pool,
      const char *value)
{
  char *escaped = casebook_escape (value, CASEBOOK_ESCAPE_LINE);

  g_ptr_array_add (pool, escaped);
  return escaped;
}

static void
print_rows (CasebookStore *store,
            GPtrArray     *rows,
            CasebookLang   lang,
            GOutputStream *out)
{
  for (guint i = 0; i < rows->len; i++)
    {
      CasebookCaseSummary *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *subscription = NULL;

      /* A subscribed case says where it comes from in a fourth column;
       * the lines of the other cases stay as they were. */
      if (casebook_case_summary_get_origin (row) == CASEBOOK_ORIGIN_SUBSCRIBED)
        subscription = _casebook_cli_subscription_name (store, casebook_case_summary_get_id (row), lang);

      /* Exactly one line per case, whatever an older store holds. */
      say (out, "%s\t%s\t%s%s%s\n",
           line (pool, casebook_case_summary_get_id (row)),
           line (pool, casebook_case_summary_get_sector (row)),
           line (pool, casebook_text_get (casebook_case_summary_get_title (row), lang)),
           subscription != NULL ? "\t" : "",
           subscription != NULL ? line (pool, subscription) : "");
    }
}

/* Where to say that a file was written: on standard output, unless the
 * file is standard output itself, whose bytes it would spoil. */
static GOutputStream *
confirmation_stream (const char    *path,
                     GOutputStream *out,
                     GOutputStream *err)
{
  GStatBuf target, standard;

  if (g_stat (path, &target) == 0 && fstat (STDOUT_FILENO, &standard) == 0 &&
      target.st_dev == standard.st_dev && target.st_ino == standard.st_ino)
    return err;

  return out;
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
  return _casebook_cli_list_filtered (store, NULL, lang, out, err);
}

/* Like casebook_cli_list(), for the cases @filter (nullable) lets
 * through: a smart collection's. */
int
_casebook_cli_list_filtered (CasebookStore  *store,
                             CasebookFilter *filter,
                             CasebookLang    lang,
                             GOutputStream  *out,
                             GOutputStream  *err)
{
  g_auto(CasebookCursor) cursor = { NULL, NULL, 0 };
  gboolean first = TRUE;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_auto(CasebookCursor) last = { NULL, NULL, 0 };
      g_autoptr(GPtrArray) rows = casebook_store_list (store, filter, CASEBOOK_SORT_TITLE, lang,
                                                       first ? NULL : &cursor, 500, &last, &error);

      if (rows == NULL)
        {
          say (err, "%s\n", error->message);
          return 1;
        }

      print_rows (store, rows, lang, out);

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

  print_rows (store, rows, lang, out);
  return 0;
}

/* A label and its value on a line of their own; the separator is the
 * language's own (a full-width colon in Chinese). */
static void
field (GString    *out,
       const char *indent,
       const char *label,
       const char *value)
{
  g_string_append (out, indent);
  /* Translators: a label and its value, such as "Sector: Finance" */
  g_string_append_printf (out, _("%s: %s"), label, value);
  g_string_append_c (out, '\n');
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

/*
 * casebook_cli_format_case:
 *
 * The one-line values (title, names, the source's title and address) are
 * escaped to stay on their line (casebook_escape()); the paragraphs keep
 * their line feeds, and say() escapes every other control character.
 *
 * Returns: (transfer full): the whole case as readable text
 */
static char *
casebook_cli_format_case (CasebookStore *store,
                          CasebookCase  *c,
                          CasebookLang   lang)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(CasebookCatalog) catalog = casebook_store_get_catalog (store, NULL);
  g_autofree char *sector = catalog != NULL
    ? g_strdup (casebook_catalog_sector_name (catalog, casebook_case_get_sector (c), lang))
    : g_strdup (casebook_case_get_sector (c));
  g_autofree char *period = casebook_case_format_period (c);
  g_autofree char *employees = casebook_case_format_employees (c);
  const CasebookText *subsector = casebook_case_get_subsector (c);
  const CasebookFailure *failure = casebook_case_get_failure (c);
  const CasebookSource *source = casebook_case_get_source (c);
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *array;

  g_string_append_printf (out, "%s\n", line (pool, casebook_text_get (casebook_case_get_title (c), lang)));
  field (out, "", _("ID"), line (pool, casebook_case_get_id (c)));
  if (casebook_case_get_origin (c) == CASEBOOK_ORIGIN_SUBSCRIBED)
    {
      g_autofree char *subscription = _casebook_cli_subscription_name (store, casebook_case_get_id (c), lang);

      if (subscription != NULL)
        field (out, "", _("Subscription"), line (pool, subscription));
    }
  field (out, "", _("Kind"),
                          casebook_kind_label (casebook_case_get_kind (c), lang));
  if (!casebook_text_is_empty (subsector))
    {
      g_autofree char *both = g_strdup_printf ("%s / %s", sector, casebook_text_get (subsector, lang));
      field (out, "", _("Sector"), line (pool, both));
    }
  else
    field (out, "", _("Sector"), line (pool, sector));
  field (out, "", _("Organization"),
                          line (pool, casebook_text_get (casebook_case_get_organization (c), lang)));
  if (casebook_case_get_size (c) != CASEBOOK_SIZE_UNKNOWN)
    field (out, "", _("Size"),
                            casebook_size_label (casebook_case_get_size (c), lang));
  if (employees != NULL)
    field (out, "", _("Employees"), employees);
  if (period != NULL)
    field (out, "", _("Period"), period);
  if (casebook_case_get_approach (c) != CASEBOOK_APPROACH_NONE)
    field (out, "", _("Approach"),
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
                                  line (pool, casebook_text_get (item->role, lang)),
                                  line (pool, casebook_text_get (item->product, lang)),
                                  item->version != NULL ? " " : "",
                                  item->version != NULL ? line (pool, item->version) : "");
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
                                  line (pool, casebook_text_get (phase->name, lang)), span);
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
                                    line (pool, casebook_text_get (challenge->title, lang)),
                                    casebook_text_get (challenge->text, lang));
          else
            g_string_append_printf (out, "  • %s\n", line (pool, casebook_text_get (challenge->title, lang)));
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
      field (out, "  ", _("Problem"), casebook_text_get (failure->problem, lang));
      field (out, "  ", _("Result"), casebook_text_get (failure->result, lang));
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
        g_string_append_printf (out, "  %s\n", line (pool, casebook_text_get (source->title, lang)));
      if (source->section != NULL)
        field (out, "  ", _("Section"), line (pool, source->section));
      if (source->url != NULL)
        g_string_append_printf (out, "  %s\n", line (pool, source->url));
      if (source->date != NULL)
        field (out, "  ", _("Date"), line (pool, source->date));
      if (source->note != NULL)
        g_string_append_printf (out, "  %s\n", casebook_text_get (source->note, lang));
    }

  /* The person's own layer, after the case's data. */
  {
    const char * const *tags = casebook_case_get_tags (c);
    const char *note = casebook_case_get_personal_note (c);

    if (tags != NULL && tags[0] != NULL)
      {
        g_autofree char *joined = g_strjoinv (", ", (char **) tags);

        heading (out, _("Tags"));
        g_string_append_printf (out, "  %s\n", line (pool, joined));
      }

    if (note != NULL && note[0] != '\0')
      {
        g_auto(GStrv) lines = g_strsplit (note, "\n", -1);

        heading (out, _("Your note"));
        for (guint i = 0; lines[i] != NULL; i++)
          g_string_append_printf (out, lines[i][0] != '\0' ? "  %s\n" : "%s\n", lines[i]);
      }
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
  if (result.collections_created > 0)
    /* Translators: after an import, the number of collections it made */
    say (out, g_dngettext (GETTEXT_PACKAGE, "Created %u collection\n", "Created %u collections\n",
                           result.collections_created),
         result.collections_created);
  if (result.collections_merged > 0)
    /* Translators: after an import, the number of collections of the file
     * whose name the store already had */
    say (out, g_dngettext (GETTEXT_PACKAGE,
                           "Added the cases of %u collection to the collection of the same name already here\n",
                           "Added the cases of %u collections to the collections of the same names already here\n",
                           result.collections_merged),
         result.collections_merged);
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
  CasebookExportRequest request = { NULL, };
  guint n_written = 0;

  /* A case at a time, so that memory does not grow with the store. */
  if (!casebook_store_export_to_file (store, &request, file, &n_written, NULL, &error))
    {
      /* A write error already says "Could not write “FILE”: reason". */
      if (error->domain == G_IO_ERROR)
        say (err, "%s\n", error->message);
      else
        say (err, _("Could not export: %s\n"), error->message);
      return 1;
    }

  {
    /* A file name need not be UTF-8; what is printed must be. */
    g_autofree char *shown = g_filename_display_name (path);

    say (confirmation_stream (path, out, err), _("Exported %u cases to %s\n"),
         n_written, shown);
  }
  return 0;
}

/**
 * casebook_cli_list_metrics:
 *
 * Prints one line per metric family: key, TAB, name in @lang.
 */
int
casebook_cli_list_metrics (CasebookStore *store,
                           CasebookLang   lang,
                           GOutputStream *out,
                           GOutputStream *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCatalog) catalog = casebook_store_get_catalog (store, &error);
  GPtrArray *metrics;

  if (catalog == NULL)
    {
      say (err, "%s\n", error->message);
      return 1;
    }

  metrics = casebook_catalog_get_metrics (catalog);
  for (guint i = 0; i < metrics->len; i++)
    {
      const CasebookMetric *metric = g_ptr_array_index (metrics, i);
      g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);

      say (out, "%s\t%s\n", line (pool, metric->key),
           line (pool, casebook_catalog_metric_name (catalog, metric->key, lang)));
    }

  return 0;
}

/**
 * casebook_cli_export_chart:
 * @path: the file to write; its extension (.png, .svg or .pdf) picks the
 *   format
 * @metric: the metric family to compare
 *
 * Writes the Compare chart of @metric over every case, without a display.
 */
int
casebook_cli_export_chart (CasebookStore *store,
                           const char    *path,
                           const char    *metric,
                           CasebookLang   lang,
                           GOutputStream *out,
                           GOutputStream *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCatalog) catalog = NULL;
  GPtrArray *metrics;
  g_autoptr(CasebookStats) stats = NULL;
  g_auto(CasebookRenderChart) chart = { 0 };
  g_autoptr(GString) keys = g_string_new (NULL);
  CasebookExportFormat format;
  gboolean known = FALSE;

  /* Check what the person can fix before doing any work. */
  if (!casebook_render_export_format_for_path (path, &format, &error))
    {
      say (err, _("Could not export the chart: %s\n"), error->message);
      return 1;
    }

  catalog = casebook_store_get_catalog (store, &error);
  if (catalog == NULL)
    {
      say (err, "%s\n", error->message);
      return 1;
    }

  metrics = casebook_catalog_get_metrics (catalog);
  for (guint i = 0; i < metrics->len; i++)
    {
      const CasebookMetric *m = g_ptr_array_index (metrics, i);

      known |= g_strcmp0 (m->key, metric) == 0;
      g_string_append_printf (keys, "%s%s", i > 0 ? ", " : "", m->key);
    }

  if (!known)
    {
      g_autofree char *quoted = casebook_quote_value (metric);

      /* Translators: the second %s is a list of metric family keys */
      say (err, _("Unknown metric family “%s”. The known families are: %s (see --list-metrics)\n"),
           quoted, keys->str);
      return 1;
    }

  stats = casebook_stats_load (store, NULL, metric, &error);
  if (stats == NULL)
    {
      say (err, "%s\n", error->message);
      return 1;
    }

  casebook_render_chart_init_compare (&chart, stats, lang);
  /* Its messages name the file and say what went wrong; no prefix. */
  if (!casebook_render_export (&chart, path, &error))
    {
      say (err, "%s\n", error->message);
      return 1;
    }

  /* Translators: after exporting a chart; %s are the metric family's name and the file */
  {
    g_autofree char *shown = g_filename_display_name (path);

    say (confirmation_stream (path, out, err), _("Wrote the chart of “%s” to %s\n"), chart.title, shown);
  }
  return 0;
}

static gboolean
parse_paper (const char *paper,
             double     *width,
             double     *height)
{
  if (paper == NULL || g_ascii_strcasecmp (paper, "a4") == 0)
    {
      *width = CASEBOOK_RENDER_A4_WIDTH;
      *height = CASEBOOK_RENDER_A4_HEIGHT;
      return TRUE;
    }

  if (g_ascii_strcasecmp (paper, "letter") == 0)
    {
      *width = CASEBOOK_RENDER_LETTER_WIDTH;
      *height = CASEBOOK_RENDER_LETTER_HEIGHT;
      return TRUE;
    }

  return FALSE;
}

static int write_report (CasebookRenderReport *report,
                         const char           *path,
                         double                width,
                         double                height,
                         GOutputStream        *out,
                         GOutputStream        *err);

/**
 * casebook_cli_export_pdf:
 * @ids: (nullable) (array zero-terminated=1): the cases to write, in this
 *   order; %NULL or empty for every case
 * @paper: (nullable): "a4" (the default) or "letter"
 *
 * Writes case summaries to one PDF: a single case as its summary, several
 * as a collection with a cover, contents and a sector comparison. Checks
 * every id before writing anything, and names all the unknown ones.
 */
int
casebook_cli_export_pdf (CasebookStore      *store,
                         const char         *path,
                         const char * const *ids,
                         const char         *paper,
                         CasebookLang        lang,
                         GOutputStream      *out,
                         GOutputStream      *err)
{
  g_autoptr(CasebookRenderReport) report = NULL;
  g_autoptr(GError) error = NULL;
  double width, height;

  if (!parse_paper (paper, &width, &height))
    {
      g_autofree char *quoted = casebook_quote_value (paper);

      say (err, _("Unknown paper size “%s”; use a4 or letter\n"), quoted);
      return 2;
    }

  /* One case named makes its summary; more, or every case, a collection. */
  report = casebook_render_report_load (store, ids,
                                        ids != NULL && ids[0] != NULL && ids[1] == NULL
                                          ? CASEBOOK_RENDER_REPORT_SUMMARY : CASEBOOK_RENDER_REPORT_COLLECTION,
                                        lang, NULL, &error);
  if (report == NULL)
    {
      say (err, "%s\n", error->message);
      return 1;
    }

  return write_report (report, path, width, height, out, err);
}

/**
 * casebook_cli_export_brief:
 * @name: the collection's name, as --list-collections prints it
 * @paper: (nullable): "a4" (the default) or "letter"
 *
 * Writes the brief of a collection to one PDF: its cover and
 * introduction, the overview, its cases side by side, the sector charts
 * and each case's summary with its note.
 */
int
casebook_cli_export_brief (CasebookStore *store,
                           const char    *path,
                           const char    *name,
                           const char    *paper,
                           CasebookLang   lang,
                           GOutputStream *out,
                           GOutputStream *err)
{
  g_autoptr(CasebookCollection) collection = NULL;
  g_autoptr(CasebookRenderReport) report = NULL;
  g_autoptr(GError) error = NULL;
  double width, height;

  if (!parse_paper (paper, &width, &height))
    {
      g_autofree char *quoted = casebook_quote_value (paper);

      say (err, _("Unknown paper size “%s”; use a4 or letter\n"), quoted);
      return 2;
    }

  collection = casebook_store_find_collection (store, name, &error);
  if (collection == NULL)
    {
      if (error != NULL && !g_error_matches (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND))
        say (err, "%s\n", error->message);
      else
        {
          g_autofree char *quoted = casebook_quote_value (name);

          say (err, _("No collection is named “%s”, so no PDF was written (see --list-collections)\n"), quoted);
        }
      return 1;
    }

  report = casebook_render_report_load_brief (store, casebook_collection_get_id (collection), lang, NULL, &error);
  if (report == NULL)
    {
      say (err, "%s\n", error->message);
      return 1;
    }

  return write_report (report, path, width, height, out, err);
}

/* Writes @report to @path and says how many pages it has. */
static int
write_report (CasebookRenderReport *report,
              const char           *path,
              double                width,
              double                height,
              GOutputStream        *out,
              GOutputStream        *err)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  guint n_pages;

  file = g_file_new_for_commandline_arg (path);
  if (!casebook_render_report_write_pdf (report, file, width, height, NULL, NULL, NULL, &error))
    {
      /* A write error already says "Could not write “FILE”: reason". */
      if (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED)
        say (err, "%s\n", error->message);
      else
        say (err, _("Could not write the PDF: %s\n"), error->message);
      return 1;
    }

  n_pages = casebook_render_report_get_n_pages (report);
  shown = g_filename_display_name (path);
  /* Translators: after writing a PDF; %u is its number of pages, %s the file */
  say (confirmation_stream (path, out, err),
       g_dngettext (GETTEXT_PACKAGE, "Wrote %u page to %s\n", "Wrote %u pages to %s\n", n_pages),
       n_pages, shown);
  return 0;
}

void
_casebook_cli_print (GOutputStream *stream,
                     const char    *text)
{
  say (stream, "%s", text);
}

const char *
_casebook_cli_line (GPtrArray  *pool,
                    const char *value)
{
  return line (pool, value);
}

GOutputStream *
_casebook_cli_confirmation_stream (const char    *path,
                                   GOutputStream *out,
                                   GOutputStream *err)
{
  return confirmation_stream (path, out, err);
}
