/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "casebook-format.h"
#include "casebook-l10n.h"
#include "casebook-stats.h"

#include "casebook-render-report-private.h"

/* The pages a brief has before its case summaries: a cover with the
 * collection's name and the introduction the person wrote, an overview
 * table with a row per case, and the cases side by side, a few to a
 * page. The sector charts and the summaries are those of every other
 * report. */

/* At most this many cases share a side-by-side table: more columns than
 * that on a portrait page leave too little width for a line of text. */
#define SIDE_BY_SIDE_MAX 3

/* A note is printed whole in the case's summary; side by side it is cut
 * to what a cell can show. */
#define SIDE_BY_SIDE_NOTE_CHARS 280
#define OVERVIEW_TEXT_CHARS     60

/* @text cut to @max characters, with an ellipsis when it was longer. */
static char *
shorten (const char *text,
         glong       max)
{
  const char *end;

  if (text == NULL)
    return g_strdup ("");

  if (g_utf8_strlen (text, -1) <= max)
    return g_strdup (text);

  end = g_utf8_offset_to_pointer (text, max);
  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

static char *
dim_markup (const char *markup)
{
  g_autofree char *dim_spec = _casebook_render_color_spec (&dim);

  return g_strdup_printf ("<span foreground=\"%s\">%s</span>", dim_spec, markup);
}

/* Cover ------------------------------------------------------------------ */

/* The introduction, a paragraph for each run of lines between blank
 * lines; a single line break stays a line break. */
static void
add_introduction (CasebookRenderReport *self)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) paragraph = g_string_new (NULL);

  if (self->introduction == NULL)
    return;

  lines = g_strsplit (self->introduction, "\n", -1);
  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];
      g_autofree char *stripped = line != NULL ? g_strstrip (g_strdup (line)) : NULL;

      if (line == NULL || stripped[0] == '\0')
        {
          if (paragraph->len > 0)
            {
              _casebook_render_report_add_plain (self, paragraph->str, STYLE_INTRODUCTION);
              g_string_truncate (paragraph, 0);
            }
          if (line == NULL)
            break;
          continue;
        }

      if (paragraph->len > 0)
        g_string_append_c (paragraph, '\n');
      g_string_append (paragraph, g_strchomp (lines[i]));
    }
}

static void
build_cover (CasebookRenderReport *self,
             double                content_height)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) keys = _casebook_render_report_sectors (self, &counts);
  g_autofree char *prepared_date = _casebook_render_report_format_date (self, self->resolved_date);
  /* Translators: on the cover of a printed report, the date it was made */
  g_autofree char *prepared = g_strdup_printf (L_ (self->lang, "Prepared on %s"), prepared_date);
  guint n = self->cases->len;
  g_autofree char *cases = g_strdup_printf (LN_ (self->lang, "%u case", "%u cases", n), n);
  /* Translators: part of the cover's "14 cases from 5 sectors" */
  g_autofree char *sectors = g_strdup_printf (LN_ (self->lang, "%u sector", "%u sectors", keys->len), keys->len);
  /* Translators: the line under the title on the cover of a printed
   * report, e.g. "14 cases from 5 sectors" */
  g_autofree char *subtitle = g_strdup_printf (LC_ (self->lang, "report cover", "%s from %s"), cases, sectors);
  g_autofree char *overline = NULL;
  Block *block;

  _casebook_render_report_add_section (self, NULL, NULL, _casebook_render_report_title (self));

  /* Translators: the word over a collection's name on the cover of its
   * printed brief; English sets it in spaced capitals */
  overline = _casebook_render_small_caps (LC_ (self->lang, "report cover", "Brief"), self->lang, 1400);

  _casebook_render_report_add_space (self, round (content_height * (self->introduction != NULL ? 0.1 : 0.16)));
  _casebook_render_report_add_text (self, overline, STYLE_OVERLINE);
  _casebook_render_report_add_plain (self, _casebook_render_report_title (self), STYLE_COVER_TITLE);
  _casebook_render_report_add_plain (self, subtitle, STYLE_COVER_SUBTITLE);
  _casebook_render_report_add_space (self, 14);
  _casebook_render_report_add_rule (self, &default_accent, 56, 12);
  _casebook_render_report_add_space (self, 22);

  add_introduction (self);

  _casebook_render_report_add_space (self, 24);
  block = _casebook_render_report_add_plain (self, prepared, STYLE_CAPTION);
  block->color = dim;
}

/* Overview --------------------------------------------------------------- */

/* The outcomes a case leads with: its first two with a figure, each with
 * the name of its metric family; else the first one's words. */
static char *
headline_outcomes (CasebookRenderReport *self,
                   CasebookCase         *c)
{
  GPtrArray *outcomes = casebook_case_get_outcomes (c);
  g_autoptr(GString) markup = g_string_new (NULL);
  guint shown = 0;

  for (guint i = 0; i < outcomes->len && shown < 2; i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (outcomes, i);
      g_autofree char *figure = outcome->has_value ? casebook_format_outcome (outcome, self->lang) : NULL;
      const char *name = _casebook_render_report_metric_name (self, outcome->metric);
      g_autofree char *escaped_figure = NULL;
      g_autofree char *escaped_name = NULL;
      g_autofree char *label = NULL;

      if (figure == NULL)
        continue;

      escaped_figure = _casebook_render_escape (figure);
      if (name == NULL)
        {
          /* An outcome of no family is named by its own words. */
          g_autofree char *words = shorten (_casebook_render_report_text (self, outcome->text), 32);

          escaped_name = _casebook_render_escape (words);
        }
      else
        escaped_name = _casebook_render_escape (name);

      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      if (escaped_name[0] != '\0')
        {
          label = dim_markup (escaped_name);
          /* The window's "label: text", with the language's own colon. */
          g_string_append_printf (markup, L_ (self->lang, "%s: %s"), label, escaped_figure);
        }
      else
        g_string_append (markup, escaped_figure);
      shown++;
    }

  if (shown == 0 && outcomes->len > 0)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (outcomes, 0);
      g_autofree char *words = shorten (_casebook_render_report_text (self, outcome->text), OVERVIEW_TEXT_CHARS);

      return _casebook_render_escape (words);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
build_overview (CasebookRenderReport *self)
{
  static const double widths[] = { 0.25, 0.15, 0.17, 0.12 };
  const char *heading = L_ (self->lang, "Overview");
  const char *header[] = {
    L_ (self->lang, "Case"),
    L_ (self->lang, "Sector"),
    L_ (self->lang, "Approach"),
    L_ (self->lang, "Period"),
    /* Translators: the heading of the overview table's column with the
     * first outcomes of each case */
    L_ (self->lang, "Headline outcomes"),
  };
  Block *block;
  Table *table;

  _casebook_render_report_add_section (self, _casebook_render_report_title (self), heading, heading);
  _casebook_render_report_add_plain (self, heading, STYLE_TITLE);
  _casebook_render_report_add_space (self, 6);

  table = _casebook_render_report_add_table (self, G_N_ELEMENTS (header), widths, header);
  /* Smaller and closer than a summary's tables, so that a dozen cases
   * fit on the one page. */
  table->style = STYLE_TABLE_SMALL;
  table->pad_x = 4;
  table->pad_y = 4;
  block = g_ptr_array_index (self->blocks, self->blocks->len - 1);
  block->space_before = 0;

  for (guint i = 0; i < self->cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (self->cases, i);
      g_autofree char *title = _casebook_render_escape (_casebook_render_report_text (self, casebook_case_get_title (c)));
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *dim_number = dim_markup (number);
      g_autofree char *case_cell = NULL;
      g_autofree char *sector = _casebook_render_escape (_casebook_render_report_sector_name (self,
                                                                                             casebook_case_get_sector (c)));
      g_autofree char *approach = NULL;
      g_autofree char *period_text = casebook_case_format_period (c);
      g_autofree char *period = _casebook_render_escape (period_text);
      g_autofree char *outcomes = headline_outcomes (self, c);
      const char *cells[5];

      if (casebook_case_get_approach (c) != CASEBOOK_APPROACH_NONE)
        approach = _casebook_render_escape (casebook_approach_label (casebook_case_get_approach (c), self->lang));

      if (casebook_case_get_kind (c) == CASEBOOK_KIND_FAILURE)
        {
          g_autofree char *red = _casebook_render_color_spec (&failure_color);
          g_autofree char *kind = _casebook_render_escape (casebook_kind_label (CASEBOOK_KIND_FAILURE, self->lang));

          case_cell = g_strdup_printf ("%s  <b>%s</b>\n<span foreground=\"%s\">%s</span>",
                                       dim_number, title, red, kind);
        }
      else
        case_cell = g_strdup_printf ("%s  <b>%s</b>", dim_number, title);

      cells[0] = case_cell;
      cells[1] = sector;
      cells[2] = approach;
      cells[3] = period;
      cells[4] = outcomes;
      _casebook_render_report_add_table_row (self, table, cells);
      _casebook_render_report_link_table_row (table, i);
    }
}

/* Side by side ----------------------------------------------------------- */

/* One case's figures for a metric family, one to a line. */
static char *
metric_cell (CasebookRenderReport *self,
             CasebookCase         *c,
             const char           *metric)
{
  GPtrArray *outcomes = casebook_case_get_outcomes (c);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < outcomes->len; i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (outcomes, i);
      g_autofree char *figure = NULL;

      if (g_strcmp0 (outcome->metric, metric) != 0)
        continue;

      figure = casebook_format_outcome (outcome, self->lang);
      if (figure == NULL)
        figure = shorten (_casebook_render_report_text (self, outcome->text), OVERVIEW_TEXT_CHARS);
      if (figure[0] == '\0')
        continue;

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, figure);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The metric families the cases report: the catalog's in its order, then
 * any others as they come. */
static GPtrArray *
side_by_side_metrics (CasebookRenderReport *self,
                      guint                 first,
                      guint                 n)
{
  GPtrArray *metrics = casebook_catalog_get_metrics (self->catalog);
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GPtrArray *keys = g_ptr_array_new ();

  for (guint i = first; i < first + n; i++)
    {
      GPtrArray *outcomes = casebook_case_get_outcomes (g_ptr_array_index (self->cases, i));

      for (guint j = 0; j < outcomes->len; j++)
        {
          const CasebookOutcome *outcome = g_ptr_array_index (outcomes, j);

          if (outcome->metric != NULL && g_hash_table_add (present, outcome->metric))
            g_ptr_array_add (order, outcome->metric);
        }
    }

  for (guint m = 0; m < metrics->len; m++)
    {
      const char *key = ((const CasebookMetric *) g_ptr_array_index (metrics, m))->key;

      if (g_hash_table_remove (present, key))
        g_ptr_array_add (keys, (gpointer) key);
    }

  for (guint i = 0; i < order->len; i++)
    if (g_hash_table_contains (present, g_ptr_array_index (order, i)))
      g_ptr_array_add (keys, g_ptr_array_index (order, i));

  return keys;
}

typedef enum
{
  FIELD_SECTOR,
  FIELD_KIND,
  FIELD_ORGANIZATION,
  FIELD_SIZE,
  FIELD_EMPLOYEES,
  FIELD_PERIOD,
  FIELD_APPROACH,
  FIELD_STACK,
  FIELD_FAILURE,
  FIELD_NOTE,
  N_FIELDS
} Field;

static char *
field_text (CasebookRenderReport *self,
            CasebookCase         *c,
            Field                 field)
{
  switch (field)
    {
    case FIELD_SECTOR:
      {
        const CasebookText *subsector = casebook_case_get_subsector (c);
        const char *sector = _casebook_render_report_sector_name (self, casebook_case_get_sector (c));

        if (casebook_text_is_empty (subsector))
          return g_strdup (sector);
        return g_strdup_printf (L_ (self->lang, "%s · %s"), sector, _casebook_render_report_text (self, subsector));
      }

    case FIELD_KIND:
      return g_strdup (casebook_kind_label (casebook_case_get_kind (c), self->lang));

    case FIELD_ORGANIZATION:
      return g_strdup (_casebook_render_report_text (self, casebook_case_get_organization (c)));

    case FIELD_SIZE:
      return casebook_case_get_size (c) != CASEBOOK_SIZE_UNKNOWN
             ? g_strdup (casebook_size_label (casebook_case_get_size (c), self->lang)) : NULL;

    case FIELD_EMPLOYEES:
      return casebook_case_format_employees (c);

    case FIELD_PERIOD:
      return casebook_case_format_period (c);

    case FIELD_APPROACH:
      return casebook_case_get_approach (c) != CASEBOOK_APPROACH_NONE
             ? g_strdup (casebook_approach_label (casebook_case_get_approach (c), self->lang)) : NULL;

    case FIELD_STACK:
      {
        GPtrArray *stack = casebook_case_get_stack (c);
        g_autoptr(GString) text = g_string_new (NULL);
        g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

        /* Each product once, though it fills several roles. */
        for (guint i = 0; i < stack->len; i++)
          {
            const CasebookStackItem *item = g_ptr_array_index (stack, i);
            const char *product = _casebook_render_report_text (self, item->product);

            if (product[0] == '\0' || !g_hash_table_add (seen, (gpointer) product))
              continue;
            if (text->len > 0)
              g_string_append (text, _casebook_render_report_list_separator (self));
            g_string_append (text, product);
          }
        return g_string_free (g_steal_pointer (&text), FALSE);
      }

    case FIELD_FAILURE:
      {
        const CasebookFailure *failure = casebook_case_get_failure (c);

        return failure != NULL ? shorten (_casebook_render_report_text (self, failure->problem),
                                          SIDE_BY_SIDE_NOTE_CHARS)
                               : NULL;
      }

    case FIELD_NOTE:
      return shorten (casebook_case_get_personal_note (c), SIDE_BY_SIDE_NOTE_CHARS);

    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
field_label (CasebookRenderReport *self,
             Field                 field)
{
  switch (field)
    {
    case FIELD_SECTOR:
      return L_ (self->lang, "Sector");
    case FIELD_KIND:
      return L_ (self->lang, "Kind");
    case FIELD_ORGANIZATION:
      return L_ (self->lang, "Organization");
    case FIELD_SIZE:
      return L_ (self->lang, "Size");
    case FIELD_EMPLOYEES:
      return L_ (self->lang, "Employees");
    case FIELD_PERIOD:
      return L_ (self->lang, "Period");
    case FIELD_APPROACH:
      return L_ (self->lang, "Approach");
    case FIELD_STACK:
      return L_ (self->lang, "Technology stack");
    case FIELD_FAILURE:
      return L_ (self->lang, "What went wrong");
    case FIELD_NOTE:
      return LC_ (self->lang, "report heading", "Note");
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* A row with a label and a cell for each case; none when no case has
 * anything to put in it. */
static void
add_side_by_side_row (CasebookRenderReport *self,
                      Table                *table,
                      const char           *label,
                      char                **texts,
                      guint                 n)
{
  g_autofree char *escaped_label = _casebook_render_escape (label);
  g_autofree char *bold_label = g_strdup_printf ("<b>%s</b>", escaped_label);
  g_autofree char *label_markup = dim_markup (bold_label);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  gboolean any = FALSE;

  g_ptr_array_add (cells, g_steal_pointer (&label_markup));
  for (guint i = 0; i < n; i++)
    {
      any |= texts[i] != NULL && texts[i][0] != '\0';
      g_ptr_array_add (cells, _casebook_render_escape (texts[i]));
    }

  if (any)
    _casebook_render_report_add_table_row (self, table, (const char * const *) cells->pdata);
}

static void
build_side_by_side_group (CasebookRenderReport *self,
                          guint                 first,
                          guint                 n)
{
  g_autoptr(GPtrArray) metrics = side_by_side_metrics (self, first, n);
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  double label_fraction = 0.19;
  double fractions[MAX_COLS] = { label_fraction };
  g_autofree char *range = NULL;
  Table *table;

  g_assert (n >= 1 && n + 1 <= MAX_COLS);

  for (guint i = 1; i <= n; i++)
    fractions[i] = (1 - label_fraction) / n;

  if (n > 1)
    /* Translators: over each table of cases side by side in a printed
     * brief, e.g. "Cases 4 to 6 of 14" */
    range = g_strdup_printf (L_ (self->lang, "Cases %u to %u of %u"), first + 1, first + n, self->cases->len);
  else
    /* Translators: over a table of one case in a printed brief, e.g.
     * "Case 14 of 14" */
    range = g_strdup_printf (L_ (self->lang, "Case %u of %u"), first + 1, self->cases->len);
  _casebook_render_report_add_plain (self, range, STYLE_SUBHEADING);

  table = _casebook_render_report_add_table (self, n + 1, fractions, NULL);
  g_ptr_array_add (header, g_strdup (""));
  for (guint i = first; i < first + n; i++)
    {
      CasebookCase *c = g_ptr_array_index (self->cases, i);
      g_autofree char *title = _casebook_render_escape (_casebook_render_report_text (self, casebook_case_get_title (c)));
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *dim_number = dim_markup (number);
      g_autofree char *ink_spec = _casebook_render_color_spec (&ink);

      g_ptr_array_add (header, g_strdup_printf ("%s  <span foreground=\"%s\"><b>%s</b></span>",
                                                dim_number, ink_spec, title));
    }
  _casebook_render_report_set_table_header (self, table, (const char * const *) header->pdata);

  for (Field field = 0; field < N_FIELDS; field++)
    {
      char *texts[MAX_COLS] = { NULL };

      for (guint i = 0; i < n; i++)
        texts[i] = field_text (self, g_ptr_array_index (self->cases, first + i), field);

      add_side_by_side_row (self, table, field_label (self, field), texts, n);

      for (guint i = 0; i < n; i++)
        g_free (texts[i]);
    }

  for (guint m = 0; m < metrics->len; m++)
    {
      const char *metric = g_ptr_array_index (metrics, m);
      char *texts[MAX_COLS] = { NULL };

      for (guint i = 0; i < n; i++)
        texts[i] = metric_cell (self, g_ptr_array_index (self->cases, first + i), metric);

      add_side_by_side_row (self, table, _casebook_render_report_metric_name (self, metric), texts, n);

      for (guint i = 0; i < n; i++)
        g_free (texts[i]);
    }
}

/* The cases side by side, in groups of about the same size, as many as a
 * page's width holds; each group starts on a page of its own. */
static void
build_side_by_side (CasebookRenderReport *self)
{
  const char *heading = L_ (self->lang, "Side by side");
  guint per_group = self->width >= 400 ? SIDE_BY_SIDE_MAX : 2;
  guint n = self->cases->len;
  guint n_groups = (n + per_group - 1) / per_group;
  guint first = 0;

  _casebook_render_report_add_section (self, _casebook_render_report_title (self), heading, heading);
  _casebook_render_report_add_plain (self, heading, STYLE_TITLE);

  for (guint g = 0; g < n_groups; g++)
    {
      /* 14 cases in five groups are 3, 3, 3, 3 and 2, never 3 … 3 and 2
       * or a last case alone. */
      guint size = n / n_groups + (g < n % n_groups ? 1 : 0);

      if (g > 0)
        _casebook_render_report_add_block (self, BLOCK_BREAK);
      build_side_by_side_group (self, first, size);
      first += size;
    }
}

/**
 * _casebook_render_report_build_brief_front:
 * @content_height: the height of a page between its margins
 *
 * The brief's pages before the sector charts and the summaries.
 *
 * Returns: the number of sections built, the first case's section once
 *   the sector charts are built after them
 */
guint
_casebook_render_report_build_brief_front (CasebookRenderReport *self,
                                           double                content_height)
{
  build_cover (self, content_height);
  build_overview (self);
  build_side_by_side (self);

  return self->sections->len;
}
