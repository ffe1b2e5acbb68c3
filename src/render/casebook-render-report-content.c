/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "casebook-l10n.h"

#include "casebook-render-outcomes.h"
#include "casebook-render-report-private.h"
#include "casebook-render-timeline.h"

/* The summary of one case as blocks: its title, key facts, failure,
 * stack, phases, outcomes, challenges, lessons, notes and source, in the
 * report's language. */

/* Key facts: a grid of cells, each a small label over its value. */

typedef struct
{
  Para *label;
  Para *value;
} Fact;

typedef struct
{
  GArray *facts;
  guint   n_cols;
  double  col_width;
  double  gap;
  double  label_gap;
} FactsData;

static void
fact_clear (gpointer data)
{
  Fact *fact = data;

  _casebook_para_free (fact->label);
  _casebook_para_free (fact->value);
}

static void
facts_data_free (FactsData *data)
{
  g_array_unref (data->facts);
  g_free (data);
}

static void
draw_facts (CasebookRenderReport *self,
            Block                *block,
            cairo_t              *cr,
            guint                 first,
            guint                 n)
{
  FactsData *data = block->data;
  double y = 0;

  for (guint r = first; r < first + n; r++)
    {
      for (guint c = 0; c < data->n_cols; c++)
        {
          guint i = r * data->n_cols + c;
          Fact *fact;
          double x = c * (data->col_width + data->gap);
          double label_height;

          if (i >= data->facts->len)
            break;

          fact = &g_array_index (data->facts, Fact, i);
          label_height = _casebook_para_height (fact->label, 0, _casebook_para_n_lines (fact->label));

          /* In a tagged PDF each fact is a paragraph: its label, then
           * its value. */
          _casebook_render_report_tag_begin (self, cr, "P");
          _casebook_render_set_source (cr, &dim, 1);
          _casebook_para_draw_lines (fact->label, cr, x, y, 0, _casebook_para_n_lines (fact->label));
          _casebook_render_set_source (cr, &ink, 1);
          _casebook_para_draw_lines (fact->value, cr, x, y + label_height + data->label_gap,
                                     0, _casebook_para_n_lines (fact->value));
          _casebook_render_report_tag_end (self, cr);
        }

      y += g_array_index (block->unit_heights, double, r);
    }
}

typedef struct
{
  GPtrArray           *phases;
  CasebookRenderTheme  theme;
} TimelineData;

static void
timeline_data_free (TimelineData *data)
{
  g_ptr_array_unref (data->phases);
  g_free (data);
}

static void
draw_timeline (CasebookRenderReport *self,
               Block                *block,
               cairo_t              *cr,
               guint                 first,
               guint                 n)
{
  TimelineData *data = block->data;

  casebook_render_timeline (cr, block->width, g_array_index (block->unit_heights, double, 0),
                            data->phases, self->lang, &data->theme);
}

static void
draw_outcomes (CasebookRenderReport *self,
               Block                *block,
               cairo_t              *cr,
               guint                 first,
               guint                 n)
{
  casebook_render_outcomes_draw (block->data, cr, first, n);
}

/* Case material ---------------------------------------------------------- */

void
_casebook_render_report_chart_theme (CasebookRenderTheme *theme)
{
  casebook_render_theme_init_default (theme);
  theme->foreground = ink;
  theme->dim_foreground = dim;
  theme->grid = (CasebookRenderColor) { 0, 0, 0, 0.14 };
  theme->accent = default_accent;
  theme->accent_foreground = (CasebookRenderColor) { 1, 1, 1, 1 };
  theme->font_family = FONT_FAMILY;
  theme->font_size = 8.5;
}

const CasebookSector *
_casebook_render_report_find_sector (CasebookRenderReport *self,
                                     const char           *key)
{
  return casebook_catalog_get_sector (self->catalog, key);
}

const char *
_casebook_render_report_sector_name (CasebookRenderReport *self,
                                     const char           *key)
{
  return casebook_catalog_sector_name (self->catalog, key, self->lang);
}

CasebookRenderColor
_casebook_render_report_sector_color (CasebookRenderReport *self,
                                      const char           *key)
{
  const CasebookSector *sector = _casebook_render_report_find_sector (self, key);
  CasebookRenderColor color;

  if (sector == NULL || !_casebook_render_color_parse (sector->color, &color))
    return default_accent;

  return color;
}

const char *
_casebook_render_report_metric_name (CasebookRenderReport *self,
                                     const char           *key)
{
  return key != NULL ? casebook_catalog_metric_name (self->catalog, key, self->lang) : NULL;
}

/* The title given, or the one case's, or a plain one for a collection. */
const char *
_casebook_render_report_title (CasebookRenderReport *self)
{
  if (self->title != NULL)
    return self->title;

  if (self->cases->len == 1)
    return _casebook_render_report_text (self, casebook_case_get_title (g_ptr_array_index (self->cases, 0)));

  return L_ (self->lang, "Case summaries");
}

const char *
_casebook_render_report_text (CasebookRenderReport *self,
                              const CasebookText   *text)
{
  const char *value = text != NULL ? casebook_text_get (text, self->lang) : NULL;

  return value != NULL ? value : "";
}

static char *
join_texts (CasebookRenderReport *self,
            GPtrArray            *texts)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = _casebook_render_report_text (self, g_ptr_array_index (texts, i));

      if (text[0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, _casebook_render_report_list_separator (self));
      g_string_append (out, text);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Between the items of a list run into one line. */
const char *
_casebook_render_report_list_separator (CasebookRenderReport *self)
{
  /* Translators: between the items of a list run into one line in a
   * printed report, such as its business scenarios; Chinese uses the
   * full-width semicolon "；" with no space */
  return LC_ (self->lang, "list separator", "; ");
}

char *
_casebook_render_report_format_date (CasebookRenderReport *self,
                                     GDateTime            *date)
{
  static const char * const months[] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"), NC_("month", "April"),
    NC_("month", "May"), NC_("month", "June"), NC_("month", "July"), NC_("month", "August"),
    NC_("month", "September"), NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
  };
  const char *month = LC_ (self->lang, "month", months[g_date_time_get_month (date) - 1]);

  /* Translators: a date in a printed report: %1$d is the day, %2$s the
   * month as translated above and %3$d the year, e.g. "14 November 2023";
   * in Chinese "%3$d年%2$s%1$d日", with the month as "11月" */
  return g_strdup_printf (LC_ (self->lang, "report date", "%1$d %2$s %3$d"),
                          g_date_time_get_day_of_month (date), month, g_date_time_get_year (date));
}

/* The label of a case field, for a data-quality note about it. */
static const char *
field_label (CasebookRenderReport *self,
             const char           *field)
{
  /* The window's labels for the same fields. */
  static const struct { const char *field; const char *label; } fields[] = {
    { "title", N_("Title") },
    { "sector", N_("Sector") },
    { "subsector", N_("Sector") },
    { "organization", N_("Organization") },
    { "kind", N_("Kind") },
    { "size", N_("Size") },
    { "employees", N_("Employees") },
    { "period", N_("Period") },
    { "approach", N_("Approach") },
    { "scenarios", N_("Business scenarios") },
    { "requirements", N_("Technical requirements") },
    { "stack", N_("Technology stack") },
    { "phases", N_("Phases") },
    { "outcomes", N_("Outcomes") },
    { "challenges", N_("Challenges and solutions") },
    { "lessons", N_("Lessons") },
    { "failure", N_("What went wrong") },
    { "source", N_("Source") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (field, fields[i].field) == 0)
      return L_ (self->lang, fields[i].label);

  return field;
}

/* The number of the first data-quality note about @field, or 0. */
static guint
note_number (CasebookCase *c,
             const char   *field)
{
  GPtrArray *notes = casebook_case_get_notes (c);

  for (guint i = 0; i < notes->len; i++)
    if (g_strcmp0 (((CasebookNote *) g_ptr_array_index (notes, i))->field, field) == 0)
      return i + 1;

  return 0;
}

static char *
label_markup (CasebookRenderReport *self,
              const char           *label)
{
  return _casebook_render_small_caps (label, self->lang, 700);
}

static void
facts_add (CasebookRenderReport *self,
           FactsData            *data,
           const char           *label,
           const char           *value,
           guint                 note)
{
  g_autofree char *label_text = label_markup (self, label);
  g_autofree char *value_text = NULL;
  Fact fact;

  if (value == NULL || value[0] == '\0')
    return;

  value_text = _casebook_render_escape (value);
  if (note > 0)
    {
      g_autofree char *dim_spec = _casebook_render_color_spec (&dim);
      char *marked = g_strdup_printf ("%s<sup><span foreground=\"%s\">%u</span></sup>", value_text, dim_spec, note);

      g_free (value_text);
      value_text = marked;
    }

  fact.label = _casebook_render_report_para_new (self, label_text, STYLE_LABEL, data->col_width);
  fact.value = _casebook_render_report_para_new (self, value_text, STYLE_BODY, data->col_width);
  g_array_append_val (data->facts, fact);
}

static void
build_facts (CasebookRenderReport *self,
             CasebookCase         *c)
{
  FactsData *data = g_new0 (FactsData, 1);
  const CasebookText *subsector = casebook_case_get_subsector (c);
  g_autofree char *sector = NULL;
  g_autofree char *employees = casebook_case_format_employees (c);
  g_autofree char *period = casebook_case_format_period (c);
  g_autofree char *scenarios = join_texts (self, casebook_case_get_scenarios (c));
  g_autofree char *requirements = join_texts (self, casebook_case_get_requirements (c));
  Block *block;
  guint n_rows;

  data->n_cols = self->width > 340 ? 3 : 2;
  data->gap = 16;
  data->label_gap = 2.5;
  data->col_width = floor ((self->width - data->gap * (data->n_cols - 1)) / data->n_cols);
  data->facts = g_array_new (FALSE, TRUE, sizeof (Fact));
  g_array_set_clear_func (data->facts, fact_clear);

  if (!casebook_text_is_empty (subsector))
    sector = g_strdup_printf (L_ (self->lang, "%s · %s"),
                              _casebook_render_report_sector_name (self, casebook_case_get_sector (c)),
                              _casebook_render_report_text (self, subsector));
  else
    sector = g_strdup (_casebook_render_report_sector_name (self, casebook_case_get_sector (c)));

  facts_add (self, data, L_ (self->lang, "Sector"), sector, note_number (c, "sector"));
  facts_add (self, data, L_ (self->lang, "Organization"),
             _casebook_render_report_text (self, casebook_case_get_organization (c)),
             note_number (c, "organization"));
  facts_add (self, data, L_ (self->lang, "Kind"), casebook_kind_label (casebook_case_get_kind (c), self->lang),
             note_number (c, "kind"));
  if (casebook_case_get_size (c) != CASEBOOK_SIZE_UNKNOWN)
    facts_add (self, data, L_ (self->lang, "Size"), casebook_size_label (casebook_case_get_size (c), self->lang),
               note_number (c, "size"));
  facts_add (self, data, L_ (self->lang, "Employees"), employees, note_number (c, "employees"));
  facts_add (self, data, L_ (self->lang, "Period"), period, note_number (c, "period"));
  if (casebook_case_get_approach (c) != CASEBOOK_APPROACH_NONE)
    facts_add (self, data, L_ (self->lang, "Approach"),
               casebook_approach_label (casebook_case_get_approach (c), self->lang),
               note_number (c, "approach"));
  facts_add (self, data, L_ (self->lang, "Business scenarios"), scenarios, note_number (c, "scenarios"));
  facts_add (self, data, L_ (self->lang, "Technical requirements"), requirements, note_number (c, "requirements"));

  block = _casebook_render_report_add_rows (self, draw_facts, data, (GDestroyNotify) facts_data_free);
  /* Labels and values, read row by row: text, not a chart. */
  block->tag = "Div";
  block->space_before = 2;
  block->space_after = 2;

  n_rows = (data->facts->len + data->n_cols - 1) / data->n_cols;
  for (guint r = 0; r < n_rows; r++)
    {
      double height = 0;

      for (guint col = 0; col < data->n_cols && r * data->n_cols + col < data->facts->len; col++)
        {
          Fact *fact = &g_array_index (data->facts, Fact, r * data->n_cols + col);

          height = MAX (height, _casebook_para_height (fact->label, 0, _casebook_para_n_lines (fact->label)) +
                                data->label_gap +
                                _casebook_para_height (fact->value, 0, _casebook_para_n_lines (fact->value)));
        }
      _casebook_block_add_unit (block, ceil (height + 10));
    }
}

static void
build_failure (CasebookRenderReport  *self,
               const CasebookFailure *failure)
{
  _casebook_render_report_add_heading (self, L_ (self->lang, "What went wrong"));

  if (!casebook_text_is_empty (failure->problem))
    {
      g_autofree char *text = _casebook_render_escape (_casebook_render_report_text (self, failure->problem));
      g_autofree char *label = g_strdup_printf ("<b>%s</b>", L_ (self->lang, "Problem"));
      /* The window's "label: text", with the language's own colon. */
      g_autofree char *markup = g_strdup_printf (L_ (self->lang, "%s: %s"), label, text);

      _casebook_render_report_add_text (self, markup, STYLE_BODY);
    }

  if (!casebook_text_is_empty (failure->result))
    {
      g_autofree char *text = _casebook_render_escape (_casebook_render_report_text (self, failure->result));
      g_autofree char *label = g_strdup_printf ("<b>%s</b>", L_ (self->lang, "Result"));
      /* The window's "label: text", with the language's own colon. */
      g_autofree char *markup = g_strdup_printf (L_ (self->lang, "%s: %s"), label, text);

      _casebook_render_report_add_text (self, markup, STYLE_BODY);
    }

  if (failure->causes != NULL && failure->causes->len > 0)
    {
      _casebook_render_report_add_plain (self, L_ (self->lang, "Causes"), STYLE_SUBHEADING);
      for (guint i = 0; i < failure->causes->len; i++)
        {
          const CasebookText *cause = g_ptr_array_index (failure->causes, i);
          g_autofree char *text = _casebook_render_escape (_casebook_render_report_text (self, cause));

          _casebook_render_report_add_item (self, "•", text, STYLE_BODY);
        }
    }
}

static void
build_stack (CasebookRenderReport *self,
             GPtrArray            *stack)
{
  static const double three[] = { 0.36, 0.48 };
  static const double two[] = { 0.4 };
  const char *header[] = { L_ (self->lang, "Role"), L_ (self->lang, "Product"), L_ (self->lang, "Version") };
  gboolean versions = FALSE;
  Table *table;

  for (guint i = 0; i < stack->len; i++)
    versions |= ((CasebookStackItem *) g_ptr_array_index (stack, i))->version != NULL;

  _casebook_render_report_add_heading (self, L_ (self->lang, "Technology stack"));
  table = _casebook_render_report_add_table (self, versions ? 3 : 2, versions ? three : two, header);

  for (guint i = 0; i < stack->len; i++)
    {
      const CasebookStackItem *item = g_ptr_array_index (stack, i);
      g_autofree char *role = _casebook_render_escape (_casebook_render_report_text (self, item->role));
      g_autofree char *product = _casebook_render_escape (_casebook_render_report_text (self, item->product));
      g_autofree char *product_markup = g_strdup_printf ("<b>%s</b>", product);
      g_autofree char *version = _casebook_render_escape (item->version);
      const char *cells[] = { role, product_markup, version };

      _casebook_render_report_add_table_row (self, table, cells);
    }
}

static void
build_phases (CasebookRenderReport *self,
              GPtrArray            *phases)
{
  TimelineData *data;
  Block *block;
  double height;

  _casebook_render_report_add_heading (self, L_ (self->lang, "Phases"));

  data = g_new0 (TimelineData, 1);
  data->phases = g_ptr_array_ref (phases);
  _casebook_render_report_chart_theme (&data->theme);
  data->theme.accent = default_accent;
  height = casebook_render_timeline_height_for_width (phases, self->width, &data->theme);

  if (height <= 0)
    {
      /* No phase has a date, so there is no time axis: a list instead. */
      timeline_data_free (data);
      for (guint i = 0; i < phases->len; i++)
        {
          const CasebookPhase *phase = g_ptr_array_index (phases, i);
          g_autofree char *marker = g_strdup_printf ("%u.", i + 1);
          g_autofree char *name = _casebook_render_escape (_casebook_render_report_text (self, phase->name));

          _casebook_render_report_add_item (self, marker, name, STYLE_BODY);
        }
      return;
    }

  block = _casebook_render_report_add_rows (self, draw_timeline, data, (GDestroyNotify) timeline_data_free);
  block->space_before = 2;
  block->space_after = 4;
  _casebook_block_add_unit (block, height);
}

/* A chart of rows, flowing row by row, and its caption. */
static void
add_outcome_chart (CasebookRenderReport   *self,
                   CasebookRenderOutcomes *chart)
{
  g_autofree char *caption = casebook_render_outcomes_describe_scales (chart);
  Block *block;

  casebook_render_outcomes_layout (chart, self->context, self->width);

  block = _casebook_render_report_add_rows (self, draw_outcomes, chart, (GDestroyNotify) casebook_render_outcomes_free);
  block->space_before = 2;
  block->keep_with_next = caption != NULL;
  for (guint i = 0; i < casebook_render_outcomes_get_n_rows (chart); i++)
    _casebook_block_add_unit (block, casebook_render_outcomes_get_row_height (chart, i));

  if (caption != NULL)
    _casebook_render_report_add_plain (self, caption, STYLE_CAPTION);
}

static void
build_outcomes (CasebookRenderReport *self,
                GPtrArray            *outcomes)
{
  CasebookRenderTheme theme;
  CasebookRenderOutcomes *chart;
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();

  _casebook_render_report_add_heading (self, L_ (self->lang, "Outcomes"));

  /* One chart per unit, each with its one scale: bars of a level, a
   * change and a multiple side by side would look comparable and are
   * not. The charts come in the order their first outcome does, their
   * tracks in one column. */
  _casebook_render_report_chart_theme (&theme);
  for (guint i = 0; i < outcomes->len; i++)
    {
      const CasebookOutcome *first = g_ptr_array_index (outcomes, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = ((const CasebookOutcome *) g_ptr_array_index (outcomes, j))->unit == first->unit;
      if (seen)
        continue;

      chart = casebook_render_outcomes_new (&theme, self->lang);
      for (guint j = i; j < outcomes->len; j++)
        {
          const CasebookOutcome *outcome = g_ptr_array_index (outcomes, j);
          const char *label;

          if (outcome->unit != first->unit)
            continue;

          label = _casebook_render_report_metric_name (self, outcome->metric);
          casebook_render_outcomes_add (chart, label != NULL ? label : _casebook_render_report_text (self, outcome->text),
                                        NULL, outcome);
        }

      if (casebook_render_outcomes_get_n_rows (chart) > 0)
        g_ptr_array_add (charts, chart);
      else
        casebook_render_outcomes_free (chart);
    }

  casebook_render_outcomes_align ((CasebookRenderOutcomes **) charts->pdata, charts->len, self->context, self->width);
  for (guint i = 0; i < charts->len; i++)
    add_outcome_chart (self, g_ptr_array_index (charts, i));

  for (guint i = 0; i < outcomes->len; i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (outcomes, i);
      g_autofree char *text = NULL;

      if (casebook_text_is_empty (outcome->text))
        continue;

      text = _casebook_render_escape (_casebook_render_report_text (self, outcome->text));
      _casebook_render_report_add_item (self, "•", text, STYLE_BODY);
    }
}

static void
build_challenges (CasebookRenderReport *self,
                  GPtrArray            *challenges)
{
  static const double widths[] = { 0.45 };
  const char *header[] = { L_ (self->lang, "Challenge"), L_ (self->lang, "Solution") };
  Table *table;

  _casebook_render_report_add_heading (self, L_ (self->lang, "Challenges and solutions"));
  table = _casebook_render_report_add_table (self, 2, widths, header);

  for (guint i = 0; i < challenges->len; i++)
    {
      const CasebookChallenge *challenge = g_ptr_array_index (challenges, i);
      g_autofree char *title = _casebook_render_escape (_casebook_render_report_text (self, challenge->title));
      g_autofree char *text = _casebook_render_escape (_casebook_render_report_text (self, challenge->text));
      g_autofree char *solution = _casebook_render_escape (_casebook_render_report_text (self, challenge->solution));
      g_autofree char *first = NULL;
      const char *cells[2];

      if (title[0] != '\0' && text[0] != '\0')
        first = g_strdup_printf ("<b>%s</b>\n%s", title, text);
      else if (title[0] != '\0')
        first = g_strdup_printf ("<b>%s</b>", title);
      else
        first = g_strdup (text);

      cells[0] = first;
      cells[1] = solution;
      _casebook_render_report_add_table_row (self, table, cells);
    }
}

static void
build_notes (CasebookRenderReport *self,
             GPtrArray            *notes)
{
  _casebook_render_report_add_heading (self, L_ (self->lang, "Data-quality notes"));

  for (guint i = 0; i < notes->len; i++)
    {
      const CasebookNote *note = g_ptr_array_index (notes, i);
      g_autofree char *field = _casebook_render_escape (note->field != NULL ? field_label (self, note->field) : NULL);
      g_autofree char *text = _casebook_render_escape (_casebook_render_report_text (self, note->text));
      g_autofree char *markup = NULL;
      Block *block = _casebook_render_report_add_block (self, BLOCK_TEXT);

      if (field[0] != '\0')
        markup = g_strdup_printf ("<b>%u · %s</b>\n%s", i + 1, field, text);
      else
        markup = g_strdup_printf ("<b>%u</b>\n%s", i + 1, text);

      block->tag = "P";
      block->boxed = TRUE;
      block->pad_x = 11;
      block->pad_y = 7;
      block->para = _casebook_render_report_para_new (self, markup, STYLE_BODY, block->width - 2 * block->pad_x);
      block->space_before = 2;
      block->space_after = 6;
    }
}

/* Where in the published report a case comes from: its title and
 * section, as markup. */
static char *
source_reference (CasebookRenderReport *self,
                  const CasebookSource *source)
{
  g_autofree char *title = NULL;
  g_autofree char *section = NULL;

  if (!casebook_text_is_empty (source->title))
    {
      g_autofree char *escaped = _casebook_render_escape (_casebook_render_report_text (self, source->title));

      /* Translators: Pango markup for the title of the published report
       * a case comes from; Chinese sets it in book-title marks, "《%s》" */
      title = g_strdup_printf (LC_ (self->lang, "source title", "<i>%s</i>"), escaped);
    }

  if (source->section != NULL)
    section = _casebook_render_escape (source->section);

  if (title != NULL && section != NULL)
    /* Translators: the title of a published report and the section a
     * case comes from, e.g. "Cloud Native Survey, section 6.3." */
    return g_strdup_printf (LC_ (self->lang, "source", "%s, section %s."), title, section);

  if (section != NULL)
    /* Translators: the section of a published report a case comes from,
     * e.g. "Section 6.3." */
    return g_strdup_printf (LC_ (self->lang, "source", "Section %s."), section);

  if (title != NULL)
    /* Translators: the title of the published report a case comes from,
     * as a sentence: English ends it with a full stop */
    return g_strdup_printf (LC_ (self->lang, "source", "%s."), title);

  return NULL;
}

static void
build_source (CasebookRenderReport  *self,
              const CasebookSource  *source)
{
  g_autofree char *reference = source_reference (self, source);
  g_autoptr(GString) markup = g_string_new (reference);

  if (source->url != NULL)
    {
      g_autofree char *url = _casebook_render_escape (source->url);

      /* A long address breaks anywhere, without a hyphen that is not in
       * it. */
      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      g_string_append_printf (markup, "<span insert_hyphens=\"false\">%s</span>", url);
    }

  if (source->date != NULL)
    {
      g_autofree char *date = _casebook_render_escape (source->date);

      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      /* Translators: when the report a case comes from was published */
      g_string_append_printf (markup, L_ (self->lang, "Published %s"), date);
    }

  if (!casebook_text_is_empty (source->note))
    {
      g_autofree char *note = _casebook_render_escape (_casebook_render_report_text (self, source->note));

      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      g_string_append (markup, note);
    }

  if (markup->len == 0)
    return;

  _casebook_render_report_add_heading (self, L_ (self->lang, "Source"));
  _casebook_render_report_add_text (self, markup->str, STYLE_BODY);
}

/**
 * _casebook_render_report_build_personal_note:
 * @c: a case
 *
 * The person's own note on @c, under a "Note" heading: the text as
 * written, its paragraphs and line breaks kept. Nothing when the case has
 * no note. Every summary draws the note through here, the single case's
 * as well as the brief's.
 */
void
_casebook_render_report_build_personal_note (CasebookRenderReport *self,
                                             CasebookCase         *c)
{
  const char *note = casebook_case_get_personal_note (c);
  g_autoptr(GString) normalized = NULL;
  g_auto(GStrv) paragraphs = NULL;

  if (note == NULL || note[0] == '\0')
    return;

  /* Paragraphs as the person wrote them, each line break kept. A
   * paragraph is a block of its own, so that the flow can break a long
   * note between paragraphs as well as between lines. */
  normalized = g_string_new (note);
  g_string_replace (normalized, "\r\n", "\n", 0);
  g_string_replace (normalized, "\r", "\n", 0);
  paragraphs = g_regex_split_simple ("\n[ \t]*\n", normalized->str, 0, 0);

  /* Translators: the heading of the person's own note on a case, in a
   * printed report; not the notes on the quality of the data */
  _casebook_render_report_add_heading (self, LC_ (self->lang, "personal note", "Note"));

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *markup = NULL;
      char *text = paragraphs[i];
      gsize len;

      while (*text == '\n')
        text++;
      len = strlen (text);
      while (len > 0 && text[len - 1] == '\n')
        text[--len] = '\0';
      if (len == 0)
        continue;

      markup = _casebook_render_escape (text);
      _casebook_render_report_add_text (self, markup, STYLE_BODY);
    }
}

void
_casebook_render_report_build_case (CasebookRenderReport *self,
                                    CasebookCase         *c)
{
  const char *title = _casebook_render_report_text (self, casebook_case_get_title (c));
  const char *sector = _casebook_render_report_sector_name (self, casebook_case_get_sector (c));
  const CasebookText *subsector = casebook_case_get_subsector (c);
  const CasebookFailure *failure = casebook_case_get_failure (c);
  const CasebookSource *source = casebook_case_get_source (c);
  CasebookRenderColor color = _casebook_render_report_sector_color (self, casebook_case_get_sector (c));
  g_autofree char *overline = NULL;
  g_autofree char *subtitle = NULL;
  guint section;
  Block *block;

  section = _casebook_render_report_add_section (self, title, sector, title);
  g_array_append_val (self->case_sections, section);

  /* The title block: sector above, title, organization and kind below. */
  if (!casebook_text_is_empty (subsector))
    {
      g_autofree char *both = g_strdup_printf (L_ (self->lang, "%s · %s"), sector,
                                               _casebook_render_report_text (self, subsector));

      overline = label_markup (self, both);
    }
  else
    overline = label_markup (self, sector);

  block = _casebook_render_report_add_text (self, overline, STYLE_OVERLINE);
  block->color = color;
  _casebook_render_report_add_plain (self, title, STYLE_TITLE);

  {
    const CasebookText *organization_text = casebook_case_get_organization (c);
    g_autofree char *organization = _casebook_render_escape (_casebook_render_report_text (self, organization_text));
    g_autofree char *kind = _casebook_render_escape (casebook_kind_label (casebook_case_get_kind (c), self->lang));

    if (casebook_case_get_kind (c) == CASEBOOK_KIND_FAILURE)
      {
        g_autofree char *red = _casebook_render_color_spec (&failure_color);
        char *marked = g_strdup_printf ("<span foreground=\"%s\" weight=\"bold\">%s</span>", red, kind);

        g_free (kind);
        kind = marked;
      }

    if (organization[0] != '\0')
      /* Translators: under a case's title in a printed report, its
       * organization and its kind, e.g. "A large bank  ·  Success story";
       * English spaces the dot out widely */
      subtitle = g_strdup_printf (LC_ (self->lang, "report subtitle", "%s  ·  %s"), organization, kind);
    else
      subtitle = g_strdup (kind);

    _casebook_render_report_add_text (self, subtitle, STYLE_SUBTITLE);
  }

  _casebook_render_report_add_rule (self, &color, 48, 16);

  _casebook_render_report_add_heading (self, L_ (self->lang, "Key facts"));
  build_facts (self, c);

  /* What the person noted comes first, as it is why the case is here. */
  _casebook_render_report_build_personal_note (self, c);

  if (failure != NULL)
    build_failure (self, failure);

  if (casebook_case_get_stack (c)->len > 0)
    build_stack (self, casebook_case_get_stack (c));

  if (casebook_case_get_phases (c)->len > 0)
    build_phases (self, casebook_case_get_phases (c));

  if (casebook_case_get_outcomes (c)->len > 0)
    build_outcomes (self, casebook_case_get_outcomes (c));

  if (casebook_case_get_challenges (c)->len > 0)
    build_challenges (self, casebook_case_get_challenges (c));

  if (casebook_case_get_lessons (c)->len > 0)
    {
      GPtrArray *lessons = casebook_case_get_lessons (c);

      _casebook_render_report_add_heading (self, L_ (self->lang, "Lessons"));
      for (guint i = 0; i < lessons->len; i++)
        {
          g_autofree char *marker = g_strdup_printf ("%u.", i + 1);
          const CasebookText *lesson = g_ptr_array_index (lessons, i);
          g_autofree char *text = _casebook_render_escape (_casebook_render_report_text (self, lesson));

          _casebook_render_report_add_item (self, marker, text, STYLE_BODY);
        }
    }

  if (casebook_case_get_notes (c)->len > 0)
    build_notes (self, casebook_case_get_notes (c));

  if (source != NULL)
    build_source (self, source);
}

