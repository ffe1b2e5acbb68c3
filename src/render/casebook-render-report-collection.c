/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "casebook-l10n.h"

#include "casebook-render-compare.h"
#include "casebook-render-report-private.h"

/* The pages a collection has around its case summaries: the cover, the
 * table of contents and the sector comparison. */

/* The cover's bars: the cases of each sector. */

typedef struct
{
  CasebookRenderColor color;
  Para               *name;
  Para               *count;
  double              fraction;
} SectorBar;

typedef struct
{
  GArray *bars;
  double  name_width;
  double  row_height;
} SectorBarsData;

static void
sector_bar_clear (gpointer data)
{
  SectorBar *bar = data;

  _casebook_para_free (bar->name);
  _casebook_para_free (bar->count);
}

static void
sector_bars_data_free (SectorBarsData *data)
{
  g_array_unref (data->bars);
  g_free (data);
}

static void
draw_sector_bars (CasebookRenderReport *self,
                  Block                *block,
                  cairo_t              *cr,
                  guint                 first,
                  guint                 n)
{
  SectorBarsData *data = block->data;
  double track_x = data->name_width + 12;
  double track_width = block->width * 0.45;
  double y = 0;

  /* The bars are one unit: they are never split between pages. */
  for (guint i = 0; i < data->bars->len; i++)
    {
      SectorBar *bar = &g_array_index (data->bars, SectorBar, i);
      double h = _casebook_para_height (bar->name, 0, 1);
      double cy = y + data->row_height / 2;

      _casebook_render_set_source (cr, &ink, 1);
      _casebook_para_draw_lines (bar->name, cr, 0, cy - h / 2, 0, 1);

      _casebook_render_set_source (cr, &bar->color, 1);
      _casebook_render_rounded_rect (cr, track_x, cy - 4.5, MAX (track_width * bar->fraction, 2), 9, 1.5);
      cairo_fill (cr);

      _casebook_render_set_source (cr, &dim, 1);
      _casebook_para_draw_lines (bar->count, cr, track_x + track_width * bar->fraction + 8, cy - h / 2, 0, 1);

      y += data->row_height;
    }
}

/* Where a sector comes in the order the sectors were given, for sorting;
 * unknown sectors come last. */
static guint
sector_rank (CasebookRenderReport *self,
             const char           *key)
{
  return casebook_catalog_sector_position (self->catalog, key);
}

/* Collection pages ------------------------------------------------------- */

/* The sectors of the report's cases, in the order the sectors were given,
 * each with its number of cases. */
GPtrArray *
_casebook_render_report_sectors (CasebookRenderReport *self,
                                 GHashTable          **counts)
{
  GPtrArray *keys = g_ptr_array_new ();

  *counts = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->cases->len; i++)
    {
      const char *key = casebook_case_get_sector (g_ptr_array_index (self->cases, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (*counts, key));

      if (n == 0)
        g_ptr_array_add (keys, (gpointer) key);
      g_hash_table_insert (*counts, (gpointer) key, GUINT_TO_POINTER (n + 1));
    }

  for (guint i = 1; i < keys->len; i++)
    for (guint j = i; j > 0 && sector_rank (self, g_ptr_array_index (keys, j - 1)) >
                               sector_rank (self, g_ptr_array_index (keys, j)); j--)
      {
        gpointer tmp = keys->pdata[j];

        keys->pdata[j] = keys->pdata[j - 1];
        keys->pdata[j - 1] = tmp;
      }

  return keys;
}

void
_casebook_render_report_build_cover (CasebookRenderReport *self,
                                     double                content_height)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) keys = _casebook_render_report_sectors (self, &counts);
  g_autoptr(GHashTable) seen_sources = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) sources = g_string_new (NULL);
  /* Laying out fixed the date before the pages are built. */
  g_autofree char *prepared_date = _casebook_render_report_format_date (self, self->resolved_date);
  /* Translators: on the cover of a printed report, the date it was made */
  g_autofree char *prepared = g_strdup_printf (L_ (self->lang, "Prepared on %s"), prepared_date);
  g_autofree char *subtitle = NULL;
  g_autofree char *kinds = NULL;
  SectorBarsData *data;
  guint n = self->cases->len, failures = 0, most = 1;
  Block *block;

  _casebook_render_report_add_section (self, NULL, NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      CasebookCase *c = g_ptr_array_index (self->cases, i);
      const CasebookSource *source = casebook_case_get_source (c);

      if (casebook_case_get_kind (c) == CASEBOOK_KIND_FAILURE)
        failures++;

      if (source != NULL && !casebook_text_is_empty (source->title))
        {
          const char *title = _casebook_render_report_text (self, source->title);

          if (!g_hash_table_contains (seen_sources, title) && g_hash_table_size (seen_sources) < 3)
            {
              g_hash_table_add (seen_sources, (gpointer) title);
              if (sources->len > 0)
                g_string_append (sources, _casebook_render_report_list_separator (self));
              /* Translators: the title of a published report the cases come
               * from, in running text; Chinese sets it in book-title marks,
               * "《%s》" */
              g_string_append_printf (sources, LC_ (self->lang, "source title, plain", "%s"), title);
            }
        }
    }

  if (self->subtitle != NULL)
    subtitle = g_strdup (self->subtitle);
  else
    {
      g_autofree char *cases = g_strdup_printf (LN_ (self->lang, "%u case", "%u cases", n), n);
      /* Translators: part of the cover's "14 cases from 5 sectors" */
      g_autofree char *sectors = g_strdup_printf (LN_ (self->lang, "%u sector", "%u sectors", keys->len), keys->len);

      /* Translators: the line under the title on the cover of a printed
       * report, e.g. "14 cases from 5 sectors" */
      subtitle = g_strdup_printf (LC_ (self->lang, "report cover", "%s from %s"), cases, sectors);
    }

  {
    /* Translators: part of the cover's "11 success stories and 3 failures" */
    g_autofree char *successes = g_strdup_printf (LN_ (self->lang, "%u success story", "%u success stories",
                                                       n - failures), n - failures);
    /* Translators: part of the cover's "11 success stories and 3 failures" */
    g_autofree char *failed = g_strdup_printf (LN_ (self->lang, "%u failure", "%u failures", failures), failures);

    /* Translators: on the cover of a printed report, e.g. "11 success
     * stories and 3 failures" */
    kinds = g_strdup_printf (LC_ (self->lang, "report cover", "%s and %s"), successes, failed);
  }

  _casebook_render_report_add_space (self, round (content_height * 0.16));
  _casebook_render_report_add_text (self, "<span letter_spacing=\"1400\">CASEBOOK</span>", STYLE_OVERLINE);
  _casebook_render_report_add_plain (self, _casebook_render_report_title (self), STYLE_COVER_TITLE);
  _casebook_render_report_add_plain (self, subtitle, STYLE_COVER_SUBTITLE);
  _casebook_render_report_add_space (self, 14);
  _casebook_render_report_add_rule (self, &default_accent, 56, 12);
  _casebook_render_report_add_space (self, 30);

  _casebook_render_report_add_plain (self, L_ (self->lang, "Cases by sector"), STYLE_SUBHEADING);

  data = g_new0 (SectorBarsData, 1);
  data->bars = g_array_new (FALSE, TRUE, sizeof (SectorBar));
  g_array_set_clear_func (data->bars, sector_bar_clear);
  data->row_height = 20;

  for (guint i = 0; i < keys->len; i++)
    most = MAX (most, GPOINTER_TO_UINT (g_hash_table_lookup (counts, g_ptr_array_index (keys, i))));

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
      g_autofree char *name = _casebook_render_escape (_casebook_render_report_sector_name (self, key));
      g_autofree char *number = g_strdup_printf ("%u", count);
      SectorBar bar = { 0 };
      double w;

      bar.color = _casebook_render_report_sector_color (self, key);
      bar.name = _casebook_render_report_para_new (self, name, STYLE_BODY, self->width * 0.4);
      bar.count = _casebook_render_report_para_new (self, number, STYLE_BODY, 40);
      bar.fraction = (double) count / most;
      _casebook_render_text_size (bar.name->layout, &w, NULL);
      data->name_width = MAX (data->name_width, ceil (w));
      g_array_append_val (data->bars, bar);
    }

  block = _casebook_render_report_add_rows (self, draw_sector_bars, data, (GDestroyNotify) sector_bars_data_free);
  _casebook_block_add_unit (block, data->bars->len * data->row_height);
  block->space_after = 8;

  block = _casebook_render_report_add_plain (self, kinds, STYLE_BODY);
  block->color = dim;

  _casebook_render_report_add_space (self, 36);
  if (sources->len > 0)
    {
      /* Translators: on the cover of a printed report, the published
       * reports its cases come from */
      g_autofree char *line = g_strdup_printf (L_ (self->lang, "Cases from %s"), sources->str);

      _casebook_render_report_add_plain (self, line, STYLE_CAPTION);
    }
  _casebook_render_report_add_plain (self, prepared, STYLE_CAPTION);
}

static void
add_toc_entry (CasebookRenderReport *self,
               const char           *marker,
               const char           *title,
               const char           *detail,
               guint                 target)
{
  const double indent = 22, number_width = 36;
  Block *block = _casebook_render_report_add_block (self, BLOCK_TEXT);
  g_autofree char *escaped = _casebook_render_escape (title);
  g_autofree char *markup = NULL;

  if (detail != NULL)
    {
      g_autofree char *escaped_detail = _casebook_render_escape (detail);
      g_autofree char *dim_spec = _casebook_render_color_spec (&dim);

      markup = g_strdup_printf ("%s<span foreground=\"%s\">   %s</span>", escaped, dim_spec, escaped_detail);
    }
  else
    markup = g_strdup_printf ("<b>%s</b>", escaped);

  block->x = indent;
  block->width = self->width - indent - number_width;
  block->para = _casebook_render_report_para_new (self, markup, STYLE_TOC, block->width);
  block->space_after = styles[STYLE_TOC].after;
  block->toc_target = (int) target;
  block->tag = "TOCI";
  block->group = "TOC";

  if (marker != NULL)
    {
      g_autofree char *marker_markup = _casebook_render_escape (marker);
      double w;

      block->marker = _casebook_render_report_para_new (self, marker_markup, STYLE_TOC, indent);
      _casebook_render_text_size (block->marker->layout, &w, NULL);
      block->marker_x = indent - w - 8;
    }
}

void
_casebook_render_report_build_contents (CasebookRenderReport *self,
                                        guint                 first_case_section,
                                        guint                 comparison_section)
{
  const char *contents = L_ (self->lang, "Contents");

  _casebook_render_report_add_section (self, _casebook_render_report_title (self), contents, contents);

  _casebook_render_report_add_plain (self, contents, STYLE_TITLE);
  _casebook_render_report_add_space (self, 18);

  for (guint i = 0; i < self->cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (self->cases, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      add_toc_entry (self, number, _casebook_render_report_text (self, casebook_case_get_title (c)),
                     _casebook_render_report_sector_name (self, casebook_case_get_sector (c)), first_case_section + i);
    }

  _casebook_render_report_add_space (self, 6);
  add_toc_entry (self, NULL, L_ (self->lang, "Sector comparison"), NULL, comparison_section);
}

/* The metrics the cases give figures for: the known ones in their order,
 * then any others in the order they come up. */
static GPtrArray *
comparison_metrics (CasebookRenderReport *self)
{
  GPtrArray *keys = g_ptr_array_new ();
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GPtrArray *metrics;

  for (guint i = 0; i < self->cases->len; i++)
    {
      GPtrArray *outcomes = casebook_case_get_outcomes (g_ptr_array_index (self->cases, i));

      for (guint j = 0; j < outcomes->len; j++)
        {
          const CasebookOutcome *outcome = g_ptr_array_index (outcomes, j);

          if (outcome->metric != NULL && outcome->has_value &&
              g_hash_table_add (present, outcome->metric))
            g_ptr_array_add (order, outcome->metric);
        }
    }

  metrics = casebook_catalog_get_metrics (self->catalog);
  for (guint i = 0; i < metrics->len; i++)
    {
      const char *key = ((const CasebookMetric *) g_ptr_array_index (metrics, i))->key;

      if (g_hash_table_contains (present, key) && g_hash_table_add (added, (gpointer) key))
        g_ptr_array_add (keys, (gpointer) key);
    }

  for (guint i = 0; i < order->len; i++)
    if (g_hash_table_add (added, g_ptr_array_index (order, i)))
      g_ptr_array_add (keys, g_ptr_array_index (order, i));

  return keys;
}

/* The statistics of one metric among the report's own cases, for the
 * Compare chart: the same numbers the app's Compare view shows for a
 * filter, but from the cases in hand rather than from a store. */
static CasebookStats *
comparison_stats (CasebookRenderReport *self,
                  const char           *metric,
                  GPtrArray            *sector_keys)
{
  const CasebookMetric *family = casebook_catalog_get_metric (self->catalog, metric);
  CasebookStats *stats = casebook_stats_new (metric, family != NULL ? family->name : NULL);
  GPtrArray *ranges = casebook_catalog_get_ranges (self->catalog);
  g_autoptr(GHashTable) in_report = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < sector_keys->len; i++)
    {
      const char *key = g_ptr_array_index (sector_keys, i);
      const CasebookSector *sector = _casebook_render_report_find_sector (self, key);

      g_hash_table_add (in_report, (gpointer) key);
      if (sector != NULL)
        casebook_stats_add_sector (stats, sector);
      else
        {
          g_autoptr(CasebookSector) bare = casebook_sector_new ();

          bare->key = g_strdup (key);
          bare->name = casebook_text_new_same (key);
          casebook_stats_add_sector (stats, bare);
        }
    }

  for (guint i = 0; i < self->cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (self->cases, i);
      GPtrArray *outcomes = casebook_case_get_outcomes (c);
      const CasebookText *title = casebook_case_get_title (c);
      const CasebookSource *source = casebook_case_get_source (c);
      const CasebookText *organization = casebook_case_get_organization (c);

      for (guint j = 0; j < outcomes->len; j++)
        {
          const CasebookOutcome *outcome = g_ptr_array_index (outcomes, j);
          CasebookOutcomeRow row = { 0 };

          if (g_strcmp0 (outcome->metric, metric) != 0)
            continue;

          row.case_id = casebook_case_get_id (c);
          row.sector = casebook_case_get_sector (c);
          row.kind = casebook_case_get_kind (c);
          row.title.zh = title != NULL ? title->zh : NULL;
          row.title.en = title != NULL ? title->en : NULL;
          row.section = source != NULL ? source->section : NULL;
          row.organization.zh = organization != NULL ? organization->zh : NULL;
          row.organization.en = organization != NULL ? organization->en : NULL;
          row.source_title.zh = source != NULL && source->title != NULL ? source->title->zh : NULL;
          row.source_title.en = source != NULL && source->title != NULL ? source->title->en : NULL;
          row.position = (int) j;
          row.has_value = outcome->has_value;
          row.value = outcome->value;
          row.unit = outcome->unit;
          row.has_baseline = outcome->has_baseline;
          row.baseline = outcome->baseline;
          row.better = outcome->better;
          casebook_stats_add_outcome (stats, &row);
        }
    }

  for (guint i = 0; i < ranges->len; i++)
    {
      const CasebookRange *range = g_ptr_array_index (ranges, i);

      if (g_strcmp0 (range->metric, metric) == 0 && g_hash_table_contains (in_report, range->sector))
        casebook_stats_add_range (stats, range);
    }

  casebook_stats_finish (stats);
  return stats;
}

/* One number alone compares with nothing, unless the report gives its
 * sector a range to set it against. */
static gboolean
stats_compare_something (CasebookStats *stats)
{
  guint n = casebook_stats_get_n_points (stats);

  if (n >= 2)
    return TRUE;

  for (guint p = 0; n == 1 && p < casebook_stats_get_n_panels (stats); p++)
    {
      const CasebookStatsPanel *panel = casebook_stats_get_panel (stats, p);

      for (guint r = 0; r < panel->n_rows; r++)
        if (panel->rows[r].range != NULL)
          return TRUE;
    }

  return FALSE;
}

typedef struct
{
  CasebookStats       *stats;
  CasebookRenderTheme  theme;
} CompareData;

static void
compare_data_free (CompareData *data)
{
  g_clear_object (&data->stats);
  g_free (data);
}

static void
draw_compare (CasebookRenderReport *self,
              Block                *block,
              cairo_t              *cr,
              guint                 first,
              guint                 n)
{
  CompareData *data = block->data;

  casebook_render_compare (cr, block->width, g_array_index (block->unit_heights, double, 0),
                           data->stats, self->lang, &data->theme);
}

/* The sector comparison: the Compare chart of each metric the cases give
 * figures for, each sector a row. */
void
_casebook_render_report_build_comparison (CasebookRenderReport *self)
{
  g_autoptr(GPtrArray) metrics = comparison_metrics (self);
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) sectors = _casebook_render_report_sectors (self, &counts);
  const char *heading = L_ (self->lang, "Sector comparison");
  guint n_charts = 0;

  _casebook_render_report_add_section (self, _casebook_render_report_title (self), heading, heading);
  _casebook_render_report_add_plain (self, heading, STYLE_TITLE);
  _casebook_render_report_add_space (self, 8);
  _casebook_render_report_add_plain (self,
                                     L_ (self->lang, "One chart for each metric the cases in this report give figures "
                                                     "for, with a row per sector: a dot for each case, named by its "
                                                     "organisation, the sector’s mean, and, where the report gives "
                                                     "one (section 6.3), the sector’s range as a band behind them, or "
                                                     "a tick where it is a single value."),
                                     STYLE_BODY);

  for (guint m = 0; m < metrics->len; m++)
    {
      const char *metric = g_ptr_array_index (metrics, m);
      g_autoptr(CasebookStats) stats = comparison_stats (self, metric, sectors);
      CompareData *data;
      Block *block;
      double height;

      if (!stats_compare_something (stats))
        continue;

      data = g_new0 (CompareData, 1);
      data->stats = g_steal_pointer (&stats);
      _casebook_render_report_chart_theme (&data->theme);
      height = casebook_render_compare_height_for_width (data->stats, self->width, self->lang, &data->theme);
      if (height <= 0)
        {
          compare_data_free (data);
          continue;
        }

      _casebook_render_report_add_plain (self, _casebook_render_report_metric_name (self, metric), STYLE_SUBHEADING);
      block = _casebook_render_report_add_rows (self, draw_compare, data, (GDestroyNotify) compare_data_free);
      block->space_before = 2;
      block->space_after = 6;
      _casebook_block_add_unit (block, ceil (height));
      n_charts++;
    }

  if (n_charts == 0)
    _casebook_render_report_add_plain (self,
                                       L_ (self->lang, "No metric has figures from two or more cases in this report, "
                                                       "so there is nothing to compare."),
                                       STYLE_BODY);
}

