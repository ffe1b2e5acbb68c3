/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-stats"

#include <math.h>
#include <string.h>

#include "casebook-stats-private.h"

/**
 * CasebookStats:
 *
 * The numbers of one metric family, laid out for comparison: for each
 * sector the cases' values, their mean, and the report's range from
 * section 6.3.
 *
 * Values are grouped into panels by unit. Changes (+50 %) join stated
 * multiples (10×) as multiples (1.5×) when a family has both, since the
 * two say the same thing; a level (80 %) and a change cannot be put on
 * one axis and get a panel each. Availability gets its own scale of
 * nines, because 99.9 % and 99.99 % look alike on a percent axis but mean
 * ten times the downtime. Which direction is better always comes from
 * the data.
 *
 * Everything here is computed once, when the data change, so that
 * drawing only maps numbers that are already in place. The numbers are
 * handed in (casebook_stats_load() in casebook-store-charts.h reads them
 * from the store), so this file knows nothing of where they come from.
 */

typedef struct
{
  const char     *case_id;
  const char     *label;
  const char     *title_zh;
  const char     *title_en;
  const char     *organization_zh;
  const char     *organization_en;
  const char     *source_zh;
  const char     *source_en;
  guint           sector;
  CasebookKind    kind;
  double          value;
  double          baseline;
  CasebookUnit    unit;
  CasebookBetter  better;
} Raw;

struct _CasebookStats
{
  GObject        parent_instance;

  char          *metric;
  CasebookText  *name;

  GPtrArray     *sectors;       /* CasebookSector */
  GHashTable    *sector_index;  /* key → index + 1 */
  GPtrArray     *ranges;        /* CasebookRange */
  GStringChunk  *strings;
  GArray        *raw;           /* Raw, until finished */
  GHashTable    *cases;         /* case ids with a number */

  GArray        *points;        /* CasebookStatsPoint */
  GArray        *panels;        /* CasebookStatsPanel */

  guint          n_qualitative;
  guint          n_skipped;
  gboolean       finished;
};

G_DEFINE_FINAL_TYPE (CasebookStats, casebook_stats, G_TYPE_OBJECT)

static CasebookRange *
copy_range (const CasebookRange *range)
{
  CasebookRange *copy = casebook_range_new ();

  copy->section = g_strdup (range->section);
  copy->sector = g_strdup (range->sector);
  copy->metric = g_strdup (range->metric);
  copy->min = range->min;
  copy->max = range->max;
  copy->unit = range->unit;
  copy->better = range->better;
  copy->text = range->text != NULL ? casebook_text_copy (range->text) : NULL;

  return copy;
}

static void
clear_panel (gpointer data)
{
  CasebookStatsPanel *panel = data;

  g_clear_pointer (&panel->rows, g_free);
}

static void
casebook_stats_finalize (GObject *object)
{
  CasebookStats *self = (CasebookStats *)object;

  g_clear_pointer (&self->metric, g_free);
  g_clear_pointer (&self->name, casebook_text_free);
  g_clear_pointer (&self->sectors, g_ptr_array_unref);
  g_clear_pointer (&self->sector_index, g_hash_table_unref);
  g_clear_pointer (&self->ranges, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->raw, g_array_unref);
  g_clear_pointer (&self->cases, g_hash_table_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->panels, g_array_unref);

  G_OBJECT_CLASS (casebook_stats_parent_class)->finalize (object);
}

static void
casebook_stats_class_init (CasebookStatsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = casebook_stats_finalize;
}

static void
casebook_stats_init (CasebookStats *self)
{
  self->sectors = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_sector_free);
  self->sector_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->ranges = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_range_free);
  self->strings = g_string_chunk_new (4096);
  self->raw = g_array_new (FALSE, FALSE, sizeof (Raw));
  self->cases = g_hash_table_new (g_str_hash, g_str_equal);
  self->points = g_array_new (FALSE, FALSE, sizeof (CasebookStatsPoint));
  self->panels = g_array_new (FALSE, TRUE, sizeof (CasebookStatsPanel));
  g_array_set_clear_func (self->panels, clear_panel);
}

/**
 * casebook_stats_new:
 * @metric: the metric family's key
 * @name: (nullable): its name; the key when %NULL
 *
 * An empty set of numbers. Add sectors (in the order their rows should
 * have), outcomes and ranges, then call casebook_stats_finish().
 *
 * Returns: (transfer full): the statistics
 */
CasebookStats *
casebook_stats_new (const char         *metric,
                    const CasebookText *name)
{
  CasebookStats *self;

  g_return_val_if_fail (metric != NULL, NULL);

  self = g_object_new (CASEBOOK_TYPE_STATS, NULL);
  self->metric = g_strdup (metric);
  self->name = name != NULL && !casebook_text_is_empty (name) ? casebook_text_copy (name)
                                                              : casebook_text_new_same (metric);

  return self;
}

static guint
sector_index (CasebookStats *self,
              const char    *key)
{
  gpointer index = g_hash_table_lookup (self->sector_index, key);

  if (index == NULL)
    {
      CasebookSector sector = { (char *) key, NULL, NULL };

      casebook_stats_add_sector (self, &sector);
      index = g_hash_table_lookup (self->sector_index, key);
    }

  return GPOINTER_TO_UINT (index) - 1;
}

/**
 * casebook_stats_add_sector:
 * @sector: a sector, copied
 *
 * Gives the sector its place among the rows, and its colour. Sectors that
 * outcomes name without being added come after, in grey.
 */
void
casebook_stats_add_sector (CasebookStats        *self,
                           const CasebookSector *sector)
{
  CasebookSector *copy;

  g_return_if_fail (CASEBOOK_IS_STATS (self));
  g_return_if_fail (sector != NULL && sector->key != NULL);
  g_return_if_fail (!self->finished);

  if (g_hash_table_contains (self->sector_index, sector->key))
    return;

  copy = casebook_sector_copy_for_display (sector);
  g_ptr_array_add (self->sectors, copy);
  g_hash_table_insert (self->sector_index, copy->key, GUINT_TO_POINTER (self->sectors->len));
}

/**
 * casebook_stats_add_outcome:
 * @row: an outcome of the family
 *
 * Adds the outcome's number. Qualitative outcomes are counted, and
 * numbers that cannot be drawn (not finite) are counted as skipped.
 */
void
casebook_stats_add_outcome (CasebookStats            *self,
                            const CasebookOutcomeRow *row)
{
  Raw raw;

  g_return_if_fail (CASEBOOK_IS_STATS (self));
  g_return_if_fail (row != NULL && row->case_id != NULL && row->sector != NULL);
  g_return_if_fail (!self->finished);

  if (!row->has_value)
    {
      self->n_qualitative++;
      return;
    }

  if (!isfinite (row->value))
    {
      self->n_skipped++;
      return;
    }

  raw.case_id = g_string_chunk_insert_const (self->strings, row->case_id);
  raw.label = row->section != NULL && row->section[0] != '\0'
              ? g_string_chunk_insert_const (self->strings, row->section) : raw.case_id;
  raw.title_zh = row->title.zh != NULL ? g_string_chunk_insert (self->strings, row->title.zh) : NULL;
  raw.title_en = row->title.en != NULL ? g_string_chunk_insert (self->strings, row->title.en) : NULL;
  raw.organization_zh = row->organization.zh != NULL ? g_string_chunk_insert_const (self->strings, row->organization.zh) : NULL;
  raw.organization_en = row->organization.en != NULL ? g_string_chunk_insert_const (self->strings, row->organization.en) : NULL;
  /* Every case of the bundled collection names the same report, so its
   * title is kept once. */
  raw.source_zh = row->source_title.zh != NULL ? g_string_chunk_insert_const (self->strings, row->source_title.zh) : NULL;
  raw.source_en = row->source_title.en != NULL ? g_string_chunk_insert_const (self->strings, row->source_title.en) : NULL;
  raw.sector = sector_index (self, row->sector);
  raw.kind = row->kind;
  raw.value = row->value;
  raw.baseline = row->has_baseline && isfinite (row->baseline) ? row->baseline : NAN;
  raw.unit = row->unit;
  raw.better = row->better;

  g_array_append_val (self->raw, raw);
}

/**
 * casebook_stats_add_range:
 * @range: a range of the report, copied
 *
 * Ranges of other families and sections than 6.3 are ignored.
 */
void
casebook_stats_add_range (CasebookStats       *self,
                          const CasebookRange *range)
{
  g_return_if_fail (CASEBOOK_IS_STATS (self));
  g_return_if_fail (range != NULL);
  g_return_if_fail (!self->finished);

  if (g_strcmp0 (range->metric, self->metric) != 0 || g_strcmp0 (range->section, "6.3") != 0 ||
      range->sector == NULL || !isfinite (range->min) || !isfinite (range->max))
    return;

  sector_index (self, range->sector);
  g_ptr_array_add (self->ranges, copy_range (range));
}

/* Finishing --------------------------------------------------------- */

static CasebookScale
scale_for_unit (CasebookStats *self,
                CasebookUnit   unit,
                gboolean       changes_as_multiples)
{
  switch (unit)
    {
    case CASEBOOK_UNIT_PERCENT:
      return g_strcmp0 (self->metric, "availability") == 0 ? CASEBOOK_SCALE_NINES : CASEBOOK_SCALE_LEVEL;
    case CASEBOOK_UNIT_PERCENT_CHANGE:
      return changes_as_multiples ? CASEBOOK_SCALE_MULTIPLE : CASEBOOK_SCALE_CHANGE;
    case CASEBOOK_UNIT_TIMES:
      return CASEBOOK_SCALE_MULTIPLE;
    case CASEBOOK_UNIT_NONE:
    default:
      return CASEBOOK_SCALE_NUMBER;
    }
}

static CasebookUnit
unit_for_scale (CasebookScale scale)
{
  switch (scale)
    {
    case CASEBOOK_SCALE_LEVEL:
    case CASEBOOK_SCALE_NINES:
      return CASEBOOK_UNIT_PERCENT;
    case CASEBOOK_SCALE_CHANGE:
      return CASEBOOK_UNIT_PERCENT_CHANGE;
    case CASEBOOK_SCALE_MULTIPLE:
      return CASEBOOK_UNIT_TIMES;
    case CASEBOOK_SCALE_NUMBER:
    default:
      return CASEBOOK_UNIT_NONE;
    }
}

/* A value in @unit as a value of @scale: a change of +50 % is 1.5×. */
static double
convert (double        value,
         CasebookUnit  unit,
         CasebookScale scale)
{
  if (scale == CASEBOOK_SCALE_MULTIPLE && unit == CASEBOOK_UNIT_PERCENT_CHANGE)
    return 1 + value / 100;

  return value;
}

static CasebookBetter
merge_better (CasebookBetter merged,
              gboolean       first,
              CasebookBetter better)
{
  if (first)
    return better;
  return merged == better ? merged : CASEBOOK_BETTER_NONE;
}

static int
compare_points (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const CasebookStatsPoint *pa = a;
  const CasebookStatsPoint *pb = b;

  if (pa->panel != pb->panel)
    return pa->panel < pb->panel ? -1 : 1;
  if (pa->row != pb->row)
    return pa->row < pb->row ? -1 : 1;
  if (pa->value != pb->value)
    return pa->value < pb->value ? -1 : 1;
  return strcmp (pa->case_id, pb->case_id);
}

/**
 * casebook_stats_finish:
 *
 * Groups the numbers into panels and rows and computes the means. After
 * this, nothing more can be added.
 */
void
casebook_stats_finish (CasebookStats *self)
{
  gboolean has_unit[4] = { FALSE, };
  gboolean changes_as_multiples;
  gboolean change_fits = TRUE;
  int panel_of_scale[CASEBOOK_SCALE_NUMBER + 1];
  guint n_sectors;
  g_autofree guint *row_of = NULL;   /* [panel × sector] → row + 1 */
  guint n_panels = 0;

  g_return_if_fail (CASEBOOK_IS_STATS (self));
  g_return_if_fail (!self->finished);

  self->finished = TRUE;
  n_sectors = self->sectors->len;

  /* Which units there are, and whether every change can become a
   * multiple (a fall of 100 % or more cannot). */
  for (guint i = 0; i < self->raw->len; i++)
    {
      const Raw *raw = &g_array_index (self->raw, Raw, i);

      has_unit[raw->unit] = TRUE;
      if (raw->unit == CASEBOOK_UNIT_PERCENT_CHANGE && raw->value <= -100)
        change_fits = FALSE;
    }
  for (guint i = 0; i < self->ranges->len; i++)
    {
      const CasebookRange *range = g_ptr_array_index (self->ranges, i);

      if (range->unit == CASEBOOK_UNIT_PERCENT_CHANGE && range->min <= -100)
        change_fits = FALSE;
    }
  changes_as_multiples = has_unit[CASEBOOK_UNIT_TIMES] && has_unit[CASEBOOK_UNIT_PERCENT_CHANGE] && change_fits;

  /* Panels in scale order, for the scales that have values or ranges. */
  for (guint s = 0; s < G_N_ELEMENTS (panel_of_scale); s++)
    panel_of_scale[s] = -1;
  for (guint i = 0; i < self->raw->len; i++)
    panel_of_scale[scale_for_unit (self, g_array_index (self->raw, Raw, i).unit, changes_as_multiples)] = 0;
  for (guint i = 0; i < self->ranges->len; i++)
    panel_of_scale[scale_for_unit (self, ((CasebookRange *) g_ptr_array_index (self->ranges, i))->unit,
                                   changes_as_multiples)] = 0;

  for (guint s = 0; s < G_N_ELEMENTS (panel_of_scale); s++)
    {
      CasebookStatsPanel panel = { 0 };

      if (panel_of_scale[s] < 0)
        continue;

      panel_of_scale[s] = (int) n_panels++;
      panel.scale = s;
      panel.unit = unit_for_scale (s);
      panel.lo = NAN;
      panel.hi = NAN;
      g_array_append_val (self->panels, panel);
    }

  row_of = g_new0 (guint, MAX (n_panels * n_sectors, 1));

  /* Points, with their values in the panel's unit. Values a scale cannot
   * draw (a multiple of 0, availability below 0 %) are skipped. */
  for (guint i = 0; i < self->raw->len; i++)
    {
      const Raw *raw = &g_array_index (self->raw, Raw, i);
      CasebookScale scale = scale_for_unit (self, raw->unit, changes_as_multiples);
      CasebookStatsPoint point = { 0 };

      point.value = convert (raw->value, raw->unit, scale);
      if (isnan (casebook_scale_to_axis (scale, point.value)))
        {
          self->n_skipped++;
          continue;
        }

      point.case_id = raw->case_id;
      point.label = raw->label;
      point.title.zh = (char *) raw->title_zh;
      point.title.en = (char *) raw->title_en;
      point.organization.zh = (char *) raw->organization_zh;
      point.organization.en = (char *) raw->organization_en;
      point.source_title.zh = (char *) raw->source_zh;
      point.source_title.en = (char *) raw->source_en;
      point.kind = raw->kind;
      point.panel = (guint) panel_of_scale[scale];
      point.row = raw->sector;   /* the sector, until rows are numbered */
      point.baseline = convert (raw->baseline, raw->unit, scale);
      if (isnan (casebook_scale_to_axis (scale, point.baseline)))
        point.baseline = NAN;
      point.stated = raw->value;
      point.stated_baseline = raw->baseline;
      point.stated_unit = raw->unit;
      point.better = raw->better;

      row_of[point.panel * n_sectors + point.row] = 1;
      g_hash_table_add (self->cases, (gpointer) raw->case_id);
      g_array_append_val (self->points, point);
    }

  for (guint i = 0; i < self->ranges->len; i++)
    {
      const CasebookRange *range = g_ptr_array_index (self->ranges, i);
      CasebookScale scale = scale_for_unit (self, range->unit, changes_as_multiples);
      guint sector = sector_index (self, range->sector);

      row_of[panel_of_scale[scale] * n_sectors + sector] = 1;
    }

  /* Rows: the sectors with anything in a panel, in sector order. */
  for (guint p = 0; p < n_panels; p++)
    {
      CasebookStatsPanel *panel = &g_array_index (self->panels, CasebookStatsPanel, p);
      guint n = 0;

      for (guint s = 0; s < n_sectors; s++)
        if (row_of[p * n_sectors + s] != 0)
          row_of[p * n_sectors + s] = ++n;

      panel->n_rows = n;
      panel->rows = g_new0 (CasebookStatsRow, MAX (n, 1));
      for (guint s = 0; s < n_sectors; s++)
        if (row_of[p * n_sectors + s] != 0)
          {
            CasebookStatsRow *row = &panel->rows[row_of[p * n_sectors + s] - 1];

            row->sector = g_ptr_array_index (self->sectors, s);
            row->mean = row->min = row->max = NAN;
            row->range_min = row->range_max = NAN;
          }
    }

  for (guint i = 0; i < self->points->len; i++)
    {
      CasebookStatsPoint *point = &g_array_index (self->points, CasebookStatsPoint, i);

      point->row = row_of[point->panel * n_sectors + point->row] - 1;
    }

  g_array_sort_with_data (self->points, compare_points, NULL);

  /* Means, extents and directions. */
  for (guint i = 0; i < self->points->len; i++)
    {
      const CasebookStatsPoint *point = &g_array_index (self->points, CasebookStatsPoint, i);
      CasebookStatsPanel *panel = &g_array_index (self->panels, CasebookStatsPanel, point->panel);
      CasebookStatsRow *row = &panel->rows[point->row];

      if (row->n_points == 0)
        {
          row->first = i;
          row->mean = 0;
          row->min = point->value;
        }
      row->n_points++;
      row->max = point->value;
      row->mean += panel->scale == CASEBOOK_SCALE_MULTIPLE ? log (point->value) : point->value;

      panel->better = merge_better (panel->better, isnan (panel->lo), point->better);
      panel->lo = isnan (panel->lo) ? point->value : MIN (panel->lo, point->value);
      panel->hi = isnan (panel->hi) ? point->value : MAX (panel->hi, point->value);
      if (!isnan (point->baseline))
        {
          panel->lo = MIN (panel->lo, point->baseline);
          panel->hi = MAX (panel->hi, point->baseline);
        }
      if (point->stated_unit == CASEBOOK_UNIT_PERCENT_CHANGE && panel->scale == CASEBOOK_SCALE_MULTIPLE)
        panel->converted = TRUE;
    }

  for (guint p = 0; p < n_panels; p++)
    {
      CasebookStatsPanel *panel = &g_array_index (self->panels, CasebookStatsPanel, p);

      for (guint r = 0; r < panel->n_rows; r++)
        {
          CasebookStatsRow *row = &panel->rows[r];

          if (row->n_points == 0)
            continue;

          row->mean /= row->n_points;
          if (panel->scale == CASEBOOK_SCALE_MULTIPLE)
            row->mean = exp (row->mean);
        }
    }

  for (guint i = 0; i < self->ranges->len; i++)
    {
      const CasebookRange *range = g_ptr_array_index (self->ranges, i);
      CasebookScale scale = scale_for_unit (self, range->unit, changes_as_multiples);
      guint p = (guint) panel_of_scale[scale];
      CasebookStatsPanel *panel = &g_array_index (self->panels, CasebookStatsPanel, p);
      CasebookStatsRow *row = &panel->rows[row_of[p * n_sectors + sector_index (self, range->sector)] - 1];
      double lo = convert (MIN (range->min, range->max), range->unit, scale);
      double hi = convert (MAX (range->min, range->max), range->unit, scale);
      gboolean first = isnan (panel->lo);

      /* One range per sector; the first the report gives counts. */
      if (row->range != NULL || isnan (casebook_scale_to_axis (scale, lo)) ||
          isnan (casebook_scale_to_axis (scale, hi)))
        continue;

      row->range = range;
      row->range_min = lo;
      row->range_max = hi;
      panel->better = merge_better (panel->better, first, range->better);
      panel->lo = first ? lo : MIN (panel->lo, lo);
      panel->hi = first ? hi : MAX (panel->hi, hi);
    }

  g_clear_pointer (&self->raw, g_array_unref);
}

/* Reading ----------------------------------------------------------- */

const char *
_casebook_stats_get_metric (CasebookStats *self)
{
  g_return_val_if_fail (CASEBOOK_IS_STATS (self), NULL);
  return self->metric;
}

/**
 * casebook_stats_get_name:
 *
 * Returns: (transfer none): the metric family's name
 */
const CasebookText *
casebook_stats_get_name (CasebookStats *self)
{
  g_return_val_if_fail (CASEBOOK_IS_STATS (self), NULL);
  return self->name;
}

/**
 * casebook_stats_get_n_panels:
 *
 * Returns: the number of panels; 0 when there is nothing to draw
 */
guint
casebook_stats_get_n_panels (CasebookStats *self)
{
  g_return_val_if_fail (CASEBOOK_IS_STATS (self), 0);
  g_return_val_if_fail (self->finished, 0);
  return self->panels->len;
}

/**
 * casebook_stats_get_panel:
 *
 * Returns: (transfer none): the panel at @index
 */
const CasebookStatsPanel *
casebook_stats_get_panel (CasebookStats *self,
                          guint          index)
{
  g_return_val_if_fail (CASEBOOK_IS_STATS (self), NULL);
  g_return_val_if_fail (index < self->panels->len, NULL);
  return &g_array_index (self->panels, CasebookStatsPanel, index);
}

/**
 * casebook_stats_get_n_points:
 *
 * Returns: the number of values that are drawn
 */
guint
casebook_stats_get_n_points (CasebookStats *self)
{
  g_return_val_if_fail (CASEBOOK_IS_STATS (self), 0);
  return self->points->len;
}

/**
 * casebook_stats_get_point:
 *
 * Points are ordered by panel, row and value.
 *
 * Returns: (transfer none): the point at @index
 */
const CasebookStatsPoint *
casebook_stats_get_point (CasebookStats *self,
                          guint          index)
{
  g_return_val_if_fail (CASEBOOK_IS_STATS (self), NULL);
  g_return_val_if_fail (index < self->points->len, NULL);
  return &g_array_index (self->points, CasebookStatsPoint, index);
}

/**
 * _casebook_stats_find_row:
 * @panel: a panel
 * @sector: a sector key
 *
 * Returns: (transfer none) (nullable): the row of @sector in @panel
 */
const CasebookStatsRow *
_casebook_stats_find_row (CasebookStats *self,
                          guint          panel,
                          const char    *sector)
{
  const CasebookStatsPanel *p;

  g_return_val_if_fail (CASEBOOK_IS_STATS (self), NULL);

  if (panel >= self->panels->len)
    return NULL;

  p = &g_array_index (self->panels, CasebookStatsPanel, panel);
  for (guint i = 0; i < p->n_rows; i++)
    if (g_strcmp0 (p->rows[i].sector->key, sector) == 0)
      return &p->rows[i];

  return NULL;
}

/**
 * casebook_stats_get_n_cases:
 *
 * Returns: how many cases have a value drawn
 */
guint
casebook_stats_get_n_cases (CasebookStats *self)
{
  g_return_val_if_fail (CASEBOOK_IS_STATS (self), 0);
  return g_hash_table_size (self->cases);
}

/**
 * casebook_stats_get_n_qualitative:
 *
 * Returns: how many outcomes of the family give no number
 */
guint
casebook_stats_get_n_qualitative (CasebookStats *self)
{
  g_return_val_if_fail (CASEBOOK_IS_STATS (self), 0);
  return self->n_qualitative;
}

/**
 * _casebook_stats_get_n_skipped:
 *
 * Returns: how many numbers could not be drawn: not finite, or outside
 *   what their scale can show (a multiple of 0 or less)
 */
guint
_casebook_stats_get_n_skipped (CasebookStats *self)
{
  g_return_val_if_fail (CASEBOOK_IS_STATS (self), 0);
  return self->n_skipped;
}

/* Comparing chosen cases ------------------------------------------------ */

/**
 * casebook_stats_compare_outcomes:
 * @outcomes: (array length=n_outcomes): outcomes of one metric family;
 *   %NULL entries and qualitative outcomes are allowed
 * @values: (out caller-allocates) (array length=n_outcomes): each number
 *   in the common unit, NAN where there is none or the units do not convert
 * @unit: (out): the common unit
 *
 * Puts the numbers of several outcomes into one unit where the units
 * allow it: all in the same unit, or changes and multiples together as
 * multiples (+50 % is 1.5×). A level and a change cannot be compared.
 *
 * Returns: the index of the best value in the direction the outcomes
 *   agree on, or -1 when there are fewer than two numbers, they cannot be
 *   compared, or the outcomes do not agree which direction is better
 */
int
casebook_stats_compare_outcomes (const CasebookOutcome * const *outcomes,
                                 guint                          n_outcomes,
                                 double                        *values,
                                 CasebookUnit                  *unit)
{
  gboolean has_unit[4] = { FALSE, };
  CasebookBetter better = CASEBOOK_BETTER_NONE;
  gboolean agree = TRUE;
  gboolean as_multiples = FALSE;
  CasebookUnit common = CASEBOOK_UNIT_NONE;
  guint n_numbers = 0, n_units = 0;
  int best = -1;

  g_return_val_if_fail (outcomes != NULL || n_outcomes == 0, -1);
  g_return_val_if_fail (values != NULL || n_outcomes == 0, -1);

  for (guint i = 0; i < n_outcomes; i++)
    {
      const CasebookOutcome *o = outcomes[i];

      values[i] = NAN;
      if (o == NULL || !o->has_value || !isfinite (o->value))
        continue;

      if (!has_unit[o->unit])
        n_units++;
      has_unit[o->unit] = TRUE;
      common = o->unit;
      if (n_numbers == 0)
        better = o->better;
      else if (better != o->better)
        agree = FALSE;
      n_numbers++;
    }

  if (n_units > 1)
    {
      as_multiples = n_units == 2 && has_unit[CASEBOOK_UNIT_TIMES] && has_unit[CASEBOOK_UNIT_PERCENT_CHANGE];
      for (guint i = 0; as_multiples && i < n_outcomes; i++)
        if (outcomes[i] != NULL && outcomes[i]->has_value &&
            outcomes[i]->unit == CASEBOOK_UNIT_PERCENT_CHANGE && outcomes[i]->value <= -100)
          as_multiples = FALSE;

      if (!as_multiples)
        {
          if (unit != NULL)
            *unit = CASEBOOK_UNIT_NONE;
          return -1;
        }
      common = CASEBOOK_UNIT_TIMES;
    }

  for (guint i = 0; i < n_outcomes; i++)
    {
      const CasebookOutcome *o = outcomes[i];

      if (o == NULL || !o->has_value || !isfinite (o->value))
        continue;

      values[i] = as_multiples ? convert (o->value, o->unit, CASEBOOK_SCALE_MULTIPLE) : o->value;
    }

  if (unit != NULL)
    *unit = common;

  if (n_numbers < 2 || !agree || better == CASEBOOK_BETTER_NONE)
    return -1;

  for (guint i = 0; i < n_outcomes; i++)
    {
      if (isnan (values[i]))
        continue;
      if (best < 0 ||
          (better == CASEBOOK_BETTER_HIGHER && values[i] > values[best]) ||
          (better == CASEBOOK_BETTER_LOWER && values[i] < values[best]))
        best = (int) i;
    }

  return best;
}
