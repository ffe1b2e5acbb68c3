/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "casebook-enums.h"
#include "casebook-text.h"

G_BEGIN_DECLS

/* The plain records a case and a collection are made of. Each owns its
 * members; arrays are GPtrArrays with their free function set. */

typedef struct
{
  CasebookText *role;
  CasebookText *product;
  char         *version;
  char         *family;
} CasebookStackItem;

/* A point in time: a year, or one quarter of it (quarter 1 to 4; 0 means
 * the whole year). */
typedef struct
{
  int year;
  int quarter;
} CasebookPoint;

typedef struct
{
  CasebookText  *name;
  CasebookPoint  start;
  CasebookPoint  end;
} CasebookPhase;

typedef struct
{
  CasebookText *title;
  CasebookText *text;
  CasebookText *solution;
} CasebookChallenge;

typedef struct
{
  CasebookText   *text;
  char           *metric;
  gboolean        has_value;
  double          value;
  CasebookUnit    unit;
  gboolean        has_baseline;
  double          baseline;
  CasebookBetter  better;
} CasebookOutcome;

typedef struct
{
  CasebookText *problem;
  CasebookText *result;
  GPtrArray    *causes;
} CasebookFailure;

typedef struct
{
  char         *field;
  CasebookText *text;
} CasebookNote;

typedef struct
{
  CasebookText *title;
  char         *section;
  char         *url;
  char         *date;
  CasebookText *note;
} CasebookSource;

typedef struct
{
  char         *key;
  CasebookText *name;
  char         *color;
} CasebookSector;

typedef struct
{
  char         *key;
  CasebookText *name;
} CasebookMetric;

typedef struct
{
  char         *sector;
  CasebookText *title;
  CasebookText *text;
} CasebookInsightItem;

typedef struct
{
  CasebookText *title;
  GPtrArray    *items;
} CasebookInsightGroup;

typedef struct
{
  char         *section;
  char         *topic;
  CasebookText *title;
  CasebookText *summary;
  GPtrArray    *groups;
} CasebookInsight;

typedef struct
{
  char           *section;
  char           *sector;
  char           *metric;
  double          min;
  double          max;
  CasebookUnit    unit;
  CasebookBetter  better;
  CasebookText   *text;
} CasebookRange;

typedef struct
{
  gint64  number;
  char   *text;
} CasebookReference;

/* One value of a facet with the number of cases that have it, given the
 * other facets' choices. */
typedef struct
{
  int           facet;
  char         *key;
  CasebookText *label;
  guint         count;
} CasebookFacetValue;

/* Where a page of a sorted list ends, so that the next page can start
 * after it: the sort keys and the row number of the last row. */
typedef struct
{
  char   *k1;
  char   *k2;
  gint64  nr;
} CasebookCursor;

/**
 * CasebookOutcomeRow:
 * @case_id: the case's id
 * @sector: the case's sector key
 * @kind: success or failure
 * @title: the case's title; its strings belong to the store
 * @section: (nullable): the report section the case comes from
 * @position: the outcome's position in its case
 * @has_value: whether the outcome states a number
 * @value: the number
 * @unit: its unit
 * @has_baseline: whether the outcome states the value before
 * @baseline: the value before
 * @better: which direction the data calls better
 * @organization: the case's organisation, such as "A large bank"
 * @source_title: (nullable): the title of the report the case comes from,
 *   read only with @section
 *
 * One outcome of a metric family, with what a chart needs of its case.
 * Unlike the records above it owns nothing: everything it points to
 * belongs to whoever hands it over, and the store's rows are valid only
 * during the callback.
 */
typedef struct
{
  const char     *case_id;
  const char     *sector;
  CasebookKind    kind;
  CasebookText    title;
  const char     *section;
  int             position;
  gboolean        has_value;
  double          value;
  CasebookUnit    unit;
  gboolean        has_baseline;
  double          baseline;
  CasebookBetter  better;
  CasebookText    organization;
  CasebookText    source_title;
} CasebookOutcomeRow;

/**
 * CasebookCoverageCell:
 * @metric: a metric family
 * @sector: a sector
 * @n_cases: how many cases of @sector report @metric, with or without a number
 * @n_values: how many outcomes of them state a number
 */
typedef struct
{
  char  *metric;
  char  *sector;
  guint  n_cases;
  guint  n_values;
} CasebookCoverageCell;

CasebookStackItem    *casebook_stack_item_new      (void);
void                  casebook_stack_item_free     (CasebookStackItem    *item);
CasebookPhase        *casebook_phase_new           (void);
void                  casebook_phase_free          (CasebookPhase        *phase);
CasebookChallenge    *casebook_challenge_new       (void);
void                  casebook_challenge_free      (CasebookChallenge    *challenge);
CasebookOutcome      *casebook_outcome_new         (void);
void                  casebook_outcome_free        (CasebookOutcome      *outcome);
CasebookFailure      *casebook_failure_new         (void);
void                  casebook_failure_free        (CasebookFailure      *failure);
CasebookNote         *casebook_note_new            (void);
void                  casebook_note_free           (CasebookNote         *note);
CasebookSource       *casebook_source_new          (void);
void                  casebook_source_free         (CasebookSource       *source);
CasebookSector       *casebook_sector_new          (void);
void                  casebook_sector_free         (CasebookSector       *sector);
CasebookSector       *casebook_sector_copy_for_display (const CasebookSector *sector);
const char           *casebook_sector_get_name     (const CasebookSector *sector,
                                                    CasebookLang          lang);
const char           *casebook_sector_get_color    (const CasebookSector *sector);
CasebookMetric       *casebook_metric_new          (void);
void                  casebook_metric_free         (CasebookMetric       *metric);
CasebookInsightItem  *casebook_insight_item_new    (void);
void                  casebook_insight_item_free   (CasebookInsightItem  *item);
CasebookInsightGroup *casebook_insight_group_new   (void);
void                  casebook_insight_group_free  (CasebookInsightGroup *group);
CasebookInsight      *casebook_insight_new         (void);
void                  casebook_insight_free        (CasebookInsight      *insight);
CasebookRange        *casebook_range_new           (void);
void                  casebook_range_free          (CasebookRange        *range);
CasebookReference    *casebook_reference_new       (void);
void                  casebook_reference_free      (CasebookReference    *reference);

CasebookFacetValue   *casebook_facet_value_new     (void);
void                  casebook_facet_value_free    (CasebookFacetValue   *value);
void                  casebook_cursor_clear        (CasebookCursor       *cursor);
void                  casebook_cursor_copy         (CasebookCursor       *dest,
                                                    const CasebookCursor *src);

GPtrArray            *casebook_text_array_new      (void);

int                   casebook_point_compare       (const CasebookPoint  *a,
                                                    const CasebookPoint  *b);
char                 *casebook_point_format        (const CasebookPoint  *point);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookStackItem, casebook_stack_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookPhase, casebook_phase_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookChallenge, casebook_challenge_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookOutcome, casebook_outcome_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookFailure, casebook_failure_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookNote, casebook_note_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookSource, casebook_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookSector, casebook_sector_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookMetric, casebook_metric_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookInsightItem, casebook_insight_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookInsightGroup, casebook_insight_group_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookInsight, casebook_insight_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookRange, casebook_range_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookReference, casebook_reference_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookFacetValue, casebook_facet_value_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CasebookCursor, casebook_cursor_clear)

G_END_DECLS
