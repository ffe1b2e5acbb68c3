/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-stats"

#include <math.h>
#include <string.h>

#include "casebook-format.h"
#include "casebook-stats.h"

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
 * drawing only maps numbers that are already in place.
 */

typedef struct
{
  const char     *case_id;
  const char     *label;
  const char     *title_zh;
  const char     *title_en;
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

/* A sector that a case names but the store does not list is drawn in a
 * neutral grey (libadwaita's "dark 2"). */
#define UNKNOWN_SECTOR_COLOR "#5e5c64"

static CasebookSector *
copy_sector (const CasebookSector *sector)
{
  CasebookSector *copy = casebook_sector_new ();

  copy->key = g_strdup (sector->key);
  copy->name = sector->name != NULL ? casebook_text_copy (sector->name) : casebook_text_new_same (sector->key);
  copy->color = g_strdup (sector->color != NULL ? sector->color : UNKNOWN_SECTOR_COLOR);

  return copy;
}

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

  copy = copy_sector (sector);
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

/* Scales ------------------------------------------------------------- */

/**
 * casebook_availability_nines:
 * @percent: an availability, such as 99.99
 *
 * Returns: the number of nines: 2 for 99 %, 3 for 99.9 %, 3.3 for 99.95 %;
 *   %CASEBOOK_NINES_MAX for 100 % and above; NAN below 0 %
 */
double
casebook_availability_nines (double percent)
{
  if (!isfinite (percent) || percent < 0)
    return NAN;
  if (percent >= 100)
    return CASEBOOK_NINES_MAX;

  return MIN (-log10 (1 - percent / 100), CASEBOOK_NINES_MAX);
}

/**
 * casebook_availability_downtime:
 * @percent: an availability, such as 99.99
 *
 * Returns: the downtime it allows, in seconds per year (of 365.25 days)
 */
double
casebook_availability_downtime (double percent)
{
  if (!isfinite (percent))
    return NAN;

  return MAX (0, 1 - percent / 100) * 365.25 * 24 * 3600;
}

/**
 * casebook_scale_to_axis:
 *
 * Where @value lies on the axis of @scale: itself on linear scales, its
 * logarithm for multiples, its nines for availability.
 *
 * Returns: the position, or NAN when @value cannot be drawn on @scale
 */
double
casebook_scale_to_axis (CasebookScale scale,
                        double        value)
{
  if (!isfinite (value))
    return NAN;

  switch (scale)
    {
    case CASEBOOK_SCALE_MULTIPLE:
      return value > 0 ? log10 (value) : NAN;
    case CASEBOOK_SCALE_NINES:
      return casebook_availability_nines (value);
    case CASEBOOK_SCALE_LEVEL:
    case CASEBOOK_SCALE_CHANGE:
    case CASEBOOK_SCALE_NUMBER:
    default:
      return value;
    }
}

/**
 * casebook_scale_from_axis:
 *
 * The inverse of casebook_scale_to_axis().
 */
double
casebook_scale_from_axis (CasebookScale scale,
                          double        axis)
{
  switch (scale)
    {
    case CASEBOOK_SCALE_MULTIPLE:
      return pow (10, axis);
    case CASEBOOK_SCALE_NINES:
      return 100 * (1 - pow (10, -axis));
    case CASEBOOK_SCALE_LEVEL:
    case CASEBOOK_SCALE_CHANGE:
    case CASEBOOK_SCALE_NUMBER:
    default:
      return axis;
    }
}

static char *
format_short (double value)
{
  /* One decimal below ten, none above: "8.8", "53". */
  if (value < 9.95)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (buf, sizeof buf, "%.1f", value);
      if (g_str_has_suffix (buf, ".0"))
        buf[strlen (buf) - 2] = '\0';
      return g_strdup (buf);
    }

  return g_strdup_printf ("%.0f", value);
}

/**
 * casebook_format_downtime:
 * @seconds: a downtime per year
 *
 * Returns: (transfer full): a short text such as "8.8 h/yr" or "53分钟/年"
 */
char *
casebook_format_downtime (double        seconds,
                          CasebookLang  lang)
{
  static const struct
  {
    double      size;
    const char *en;
    const char *zh;
  } units[] = {
    { 86400, " d/yr", "天/年" },
    { 3600, " h/yr", "小时/年" },
    { 60, " min/yr", "分钟/年" },
    { 1, " s/yr", "秒/年" },
  };

  if (!isfinite (seconds))
    return g_strdup ("–");

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (seconds >= units[i].size * 0.995 || i == G_N_ELEMENTS (units) - 1)
      {
        g_autofree char *number = format_short (seconds / units[i].size);

        return g_strconcat (number, lang == CASEBOOK_LANG_ZH ? units[i].zh : units[i].en, NULL);
      }

  g_assert_not_reached ();
  return NULL;
}

/**
 * casebook_stats_format_value:
 * @scale: the scale of the panel the value belongs to
 * @unit: the panel's unit
 * @value: a value in @unit
 *
 * Returns: (transfer full): the value as text: "80%", "−40%", "1.5×"
 */
char *
casebook_stats_format_value (CasebookScale  scale,
                             CasebookUnit   unit,
                             double         value,
                             CasebookLang   lang)
{
  if (!isfinite (value))
    return g_strdup ("–");

  /* Means and converted changes have long tails (−42.5289 %, 1.3333×);
   * one decimal says enough of a percentage, two of a multiple. Nines
   * keep theirs, since there the decimals are the point. */
  if (scale == CASEBOOK_SCALE_MULTIPLE || scale == CASEBOOK_SCALE_NUMBER)
    value = round (value * 100) / 100;
  else if (scale == CASEBOOK_SCALE_LEVEL || scale == CASEBOOK_SCALE_CHANGE)
    value = round (value * 10) / 10;

  return casebook_format_value (value, unit, lang);
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

/* Loading ----------------------------------------------------------- */

#define LABELLED_VALUES 2000

static gboolean
add_outcome_cb (const CasebookOutcomeRow *row,
                gpointer                  user_data)
{
  casebook_stats_add_outcome (user_data, row);
  return TRUE;
}

static gboolean
filter_allows_sector (CasebookFilter *filter,
                      const char     *sector)
{
  return filter == NULL ||
         casebook_filter_count (filter, CASEBOOK_FACET_SECTOR) == 0 ||
         casebook_filter_has (filter, CASEBOOK_FACET_SECTOR, sector);
}

/**
 * casebook_stats_load:
 * @filter: (nullable): which cases, or %NULL for all
 * @metric: a metric family
 *
 * Reads the numbers of @metric among the cases @filter lets through, and
 * the report's ranges for the sectors it lets through.
 *
 * Returns: (transfer full) (nullable): the finished statistics
 */
CasebookStats *
casebook_stats_load (CasebookStore   *store,
                     CasebookFilter  *filter,
                     const char      *metric,
                     GError         **error)
{
  g_autoptr(CasebookStats) self = NULL;
  g_autoptr(GPtrArray) sectors = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GPtrArray) ranges = NULL;
  const CasebookText *name = NULL;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (metric != NULL, NULL);

  sectors = casebook_store_list_sectors (store, error);
  if (sectors == NULL)
    return NULL;
  metrics = casebook_store_list_metrics (store, error);
  if (metrics == NULL)
    return NULL;

  for (guint i = 0; i < metrics->len; i++)
    {
      const CasebookMetric *m = g_ptr_array_index (metrics, i);

      if (g_strcmp0 (m->key, metric) == 0)
        name = m->name;
    }

  for (int pass = 0; pass < 2; pass++)
    {
      g_clear_object (&self);
      self = casebook_stats_new (metric, name);
      for (guint i = 0; i < sectors->len; i++)
        casebook_stats_add_sector (self, g_ptr_array_index (sectors, i));

      if (!casebook_store_foreach_outcome (store, filter, metric, pass > 0, add_outcome_cb, self, error))
        return NULL;

      /* The marks are labelled with the report section of their case,
       * which is worth reading again for only as many values as can be
       * labelled; beyond, the labels are the case ids. */
      if (self->raw->len + self->n_qualitative + self->n_skipped > LABELLED_VALUES)
        break;
    }

  ranges = casebook_store_list_ranges (store, metric, error);
  if (ranges == NULL)
    return NULL;
  for (guint i = 0; i < ranges->len; i++)
    {
      const CasebookRange *range = g_ptr_array_index (ranges, i);

      if (filter_allows_sector (filter, range->sector))
        casebook_stats_add_range (self, range);
    }

  casebook_stats_finish (self);
  return g_steal_pointer (&self);
}

/* Reading ----------------------------------------------------------- */

const char *
casebook_stats_get_metric (CasebookStats *self)
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

guint
casebook_stats_get_n_sectors (CasebookStats *self)
{
  g_return_val_if_fail (CASEBOOK_IS_STATS (self), 0);
  return self->sectors->len;
}

/**
 * casebook_stats_get_sector:
 *
 * Returns: (transfer none): the sector at @index, in row order
 */
const CasebookSector *
casebook_stats_get_sector (CasebookStats *self,
                           guint          index)
{
  g_return_val_if_fail (CASEBOOK_IS_STATS (self), NULL);
  g_return_val_if_fail (index < self->sectors->len, NULL);
  return g_ptr_array_index (self->sectors, index);
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
 * casebook_stats_find_row:
 * @panel: a panel
 * @sector: a sector key
 *
 * Returns: (transfer none) (nullable): the row of @sector in @panel
 */
const CasebookStatsRow *
casebook_stats_find_row (CasebookStats *self,
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
 * casebook_stats_get_n_skipped:
 *
 * Returns: how many numbers could not be drawn: not finite, or outside
 *   what their scale can show (a multiple of 0 or less)
 */
guint
casebook_stats_get_n_skipped (CasebookStats *self)
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

/* Coverage ------------------------------------------------------------ */

struct _CasebookCoverage
{
  gatomicrefcount  ref_count;
  GPtrArray       *metrics;
  GPtrArray       *sectors;
  guint           *counts;
  guint           *values;
  guint            max;
};

G_DEFINE_BOXED_TYPE (CasebookCoverage, casebook_coverage, casebook_coverage_ref, casebook_coverage_unref)

static CasebookMetric *
copy_metric (const CasebookMetric *metric)
{
  CasebookMetric *copy = casebook_metric_new ();

  copy->key = g_strdup (metric->key);
  copy->name = metric->name != NULL && !casebook_text_is_empty (metric->name)
               ? casebook_text_copy (metric->name) : casebook_text_new_same (metric->key);

  return copy;
}

static int
find_key (GPtrArray  *array,
          const char *key)
{
  /* CasebookMetric and CasebookSector both start with their key. */
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (*(char **) g_ptr_array_index (array, i), key) == 0)
      return (int) i;

  return -1;
}

/**
 * casebook_coverage_new:
 * @metrics: (element-type CasebookMetric): the metric families, in row
 *   order; copied
 * @sectors: (element-type CasebookSector): the sectors, in column order;
 *   copied
 * @cells: (element-type CasebookCoverageCell): the counts, as
 *   casebook_store_count_coverage() gives them
 *
 * Families and sectors that @cells names but the lists lack are added
 * at the end.
 *
 * Returns: (transfer full): the coverage
 */
CasebookCoverage *
casebook_coverage_new (GPtrArray *metrics,
                       GPtrArray *sectors,
                       GArray    *cells)
{
  CasebookCoverage *self = g_new0 (CasebookCoverage, 1);
  guint n_metrics, n_sectors;

  g_return_val_if_fail (metrics != NULL && sectors != NULL && cells != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_metric_free);
  self->sectors = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_sector_free);

  for (guint i = 0; i < metrics->len; i++)
    g_ptr_array_add (self->metrics, copy_metric (g_ptr_array_index (metrics, i)));
  for (guint i = 0; i < sectors->len; i++)
    g_ptr_array_add (self->sectors, copy_sector (g_ptr_array_index (sectors, i)));

  for (guint i = 0; i < cells->len; i++)
    {
      const CasebookCoverageCell *cell = &g_array_index (cells, CasebookCoverageCell, i);

      if (find_key (self->metrics, cell->metric) < 0)
        {
          CasebookMetric metric = { cell->metric, NULL };

          g_ptr_array_add (self->metrics, copy_metric (&metric));
        }
      if (find_key (self->sectors, cell->sector) < 0)
        {
          CasebookSector sector = { cell->sector, NULL, NULL };

          g_ptr_array_add (self->sectors, copy_sector (&sector));
        }
    }

  n_metrics = self->metrics->len;
  n_sectors = self->sectors->len;
  self->counts = g_new0 (guint, MAX (n_metrics * n_sectors, 1));
  self->values = g_new0 (guint, MAX (n_metrics * n_sectors, 1));

  for (guint i = 0; i < cells->len; i++)
    {
      const CasebookCoverageCell *cell = &g_array_index (cells, CasebookCoverageCell, i);
      guint m = (guint) find_key (self->metrics, cell->metric);
      guint s = (guint) find_key (self->sectors, cell->sector);

      self->counts[m * n_sectors + s] += cell->n_cases;
      self->values[m * n_sectors + s] += cell->n_values;
      self->max = MAX (self->max, self->counts[m * n_sectors + s]);
    }

  return self;
}

/**
 * casebook_coverage_load:
 * @filter: (nullable): which cases, or %NULL for all
 *
 * Counts, among the cases @filter lets through, the cases of each sector
 * that report each metric family. Every family of the store is a row;
 * the columns are the sectors the filter lets through.
 *
 * Returns: (transfer full) (nullable): the coverage
 */
CasebookCoverage *
casebook_coverage_load (CasebookStore   *store,
                        CasebookFilter  *filter,
                        GError         **error)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GPtrArray) sectors = NULL;
  g_autoptr(GArray) cells = NULL;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);

  metrics = casebook_store_list_metrics (store, error);
  if (metrics == NULL)
    return NULL;
  sectors = casebook_store_list_sectors (store, error);
  if (sectors == NULL)
    return NULL;
  cells = casebook_store_count_coverage (store, filter, error);
  if (cells == NULL)
    return NULL;

  for (guint i = sectors->len; i > 0; i--)
    if (!filter_allows_sector (filter, ((CasebookSector *) g_ptr_array_index (sectors, i - 1))->key))
      g_ptr_array_remove_index (sectors, i - 1);

  return casebook_coverage_new (metrics, sectors, cells);
}

CasebookCoverage *
casebook_coverage_ref (CasebookCoverage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
casebook_coverage_unref (CasebookCoverage *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->metrics);
  g_ptr_array_unref (self->sectors);
  g_free (self->counts);
  g_free (self->values);
  g_free (self);
}

guint
casebook_coverage_get_n_metrics (CasebookCoverage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->metrics->len;
}

/**
 * casebook_coverage_get_metric:
 *
 * Returns: (transfer none): the metric family of row @index
 */
const CasebookMetric *
casebook_coverage_get_metric (CasebookCoverage *self,
                              guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->metrics->len, NULL);
  return g_ptr_array_index (self->metrics, index);
}

guint
casebook_coverage_get_n_sectors (CasebookCoverage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->sectors->len;
}

/**
 * casebook_coverage_get_sector:
 *
 * Returns: (transfer none): the sector of column @index
 */
const CasebookSector *
casebook_coverage_get_sector (CasebookCoverage *self,
                              guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->sectors->len, NULL);
  return g_ptr_array_index (self->sectors, index);
}

/**
 * casebook_coverage_get_count:
 *
 * Returns: how many cases of sector @sector report family @metric
 */
guint
casebook_coverage_get_count (CasebookCoverage *self,
                             guint             metric,
                             guint             sector)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (metric < self->metrics->len && sector < self->sectors->len, 0);
  return self->counts[metric * self->sectors->len + sector];
}

/**
 * casebook_coverage_get_n_values:
 *
 * Returns: how many outcomes of those cases give a number
 */
guint
casebook_coverage_get_n_values (CasebookCoverage *self,
                                guint             metric,
                                guint             sector)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (metric < self->metrics->len && sector < self->sectors->len, 0);
  return self->values[metric * self->sectors->len + sector];
}

/**
 * casebook_coverage_get_metric_total:
 *
 * Returns: how many cases of all sectors report family @metric (a case
 *   has one sector, so this is the sum of the row)
 */
guint
casebook_coverage_get_metric_total (CasebookCoverage *self,
                                    guint             metric)
{
  guint total = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (metric < self->metrics->len, 0);

  for (guint s = 0; s < self->sectors->len; s++)
    total += self->counts[metric * self->sectors->len + s];

  return total;
}

/**
 * casebook_coverage_get_max:
 *
 * Returns: the largest count of one cell
 */
guint
casebook_coverage_get_max (CasebookCoverage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->max;
}

int
casebook_coverage_find_metric (CasebookCoverage *self,
                               const char       *key)
{
  g_return_val_if_fail (self != NULL, -1);
  return find_key (self->metrics, key);
}

int
casebook_coverage_find_sector (CasebookCoverage *self,
                               const char       *key)
{
  g_return_val_if_fail (self != NULL, -1);
  return find_key (self->sectors, key);
}
