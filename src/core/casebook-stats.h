/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "casebook-parts.h"
#include "casebook-scale.h"

G_BEGIN_DECLS

/**
 * CasebookStatsPoint:
 * @case_id: the case
 * @label: a short label for the mark: the report section, or the case id
 * @title: the case's title
 * @kind: success or failure
 * @panel: the panel the point is drawn in
 * @row: its row (sector) in the panel
 * @value: the value in the panel's unit
 * @baseline: the value before, in the panel's unit, or NAN
 * @stated: the value as the outcome states it
 * @stated_baseline: the value before as stated, or NAN
 * @stated_unit: the unit the outcome states
 * @better: which direction the outcome calls better
 * @organization: the case's organisation; its strings may be %NULL
 * @source_title: the title of the report the case comes from; its strings
 *   are %NULL when it does not say (or the source was not read)
 *
 * One number of one case. The strings belong to the #CasebookStats.
 */
typedef struct
{
  const char     *case_id;
  const char     *label;
  CasebookText    title;
  CasebookKind    kind;
  guint           panel;
  guint           row;
  double          value;
  double          baseline;
  double          stated;
  double          stated_baseline;
  CasebookUnit    stated_unit;
  CasebookBetter  better;
  CasebookText    organization;
  CasebookText    source_title;
} CasebookStatsPoint;

/**
 * CasebookStatsRow:
 * @sector: the sector
 * @first: the index of the row's first point; its points follow in
 *   order of value
 * @n_points: how many points the row has (may be 0 when it only has a range)
 * @mean: the mean of the values: arithmetic, but geometric for multiples;
 *   NAN without points
 * @min: the smallest value, NAN without points
 * @max: the largest value, NAN without points
 * @range: (nullable): the report's range for this sector (section 6.3)
 * @range_min: its lower bound in the panel's unit
 * @range_max: its upper bound in the panel's unit
 */
typedef struct
{
  const CasebookSector *sector;
  guint                 first;
  guint                 n_points;
  double                mean;
  double                min;
  double                max;
  const CasebookRange  *range;
  double                range_min;
  double                range_max;
} CasebookStatsRow;

/**
 * CasebookStatsPanel:
 * @scale: how the values are laid out
 * @unit: the unit of the values
 * @better: the direction the data call better, or
 *   %CASEBOOK_BETTER_NONE when they disagree or do not say
 * @converted: whether some changes are shown as multiples (+50 % as 1.5×)
 *   so that they share an axis with stated multiples
 * @lo: the smallest value, baseline or range bound to draw
 * @hi: the largest
 * @n_rows: the number of rows
 * @rows: (array length=n_rows): one row per sector with data
 *
 * Values of one family that share a unit. Most families have one panel;
 * a family whose outcomes mix units that do not convert (a level and a
 * change) has one per unit.
 */
typedef struct
{
  CasebookScale     scale;
  CasebookUnit      unit;
  CasebookBetter    better;
  gboolean          converted;
  double            lo;
  double            hi;
  guint             n_rows;
  CasebookStatsRow *rows;
} CasebookStatsPanel;

#define CASEBOOK_TYPE_STATS (casebook_stats_get_type ())

G_DECLARE_FINAL_TYPE (CasebookStats, casebook_stats, CASEBOOK, STATS, GObject)

CasebookStats            *casebook_stats_new             (const char               *metric,
                                                          const CasebookText       *name);
void                      casebook_stats_add_sector      (CasebookStats            *self,
                                                          const CasebookSector     *sector);
void                      casebook_stats_add_outcome     (CasebookStats            *self,
                                                          const CasebookOutcomeRow *row);
void                      casebook_stats_add_range       (CasebookStats            *self,
                                                          const CasebookRange      *range);
void                      casebook_stats_finish          (CasebookStats            *self);

const CasebookText       *casebook_stats_get_name        (CasebookStats            *self);
guint                     casebook_stats_get_n_panels    (CasebookStats            *self);
const CasebookStatsPanel *casebook_stats_get_panel       (CasebookStats            *self,
                                                          guint                     index);
guint                     casebook_stats_get_n_points    (CasebookStats            *self);
const CasebookStatsPoint *casebook_stats_get_point       (CasebookStats            *self,
                                                          guint                     index);
guint                     casebook_stats_get_n_cases     (CasebookStats            *self);
guint                     casebook_stats_get_n_qualitative (CasebookStats          *self);

int                       casebook_stats_compare_outcomes (const CasebookOutcome * const *outcomes,
                                                          guint                     n_outcomes,
                                                          double                   *values,
                                                          CasebookUnit             *unit);

G_END_DECLS
