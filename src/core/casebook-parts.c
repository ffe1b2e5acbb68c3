/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-parts"

#include "casebook-parts.h"

GPtrArray *
casebook_text_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_text_free);
}

CasebookStackItem *
casebook_stack_item_new (void)
{
  return g_new0 (CasebookStackItem, 1);
}

void
casebook_stack_item_free (CasebookStackItem *item)
{
  if (item == NULL)
    return;
  g_clear_pointer (&item->role, casebook_text_free);
  g_clear_pointer (&item->product, casebook_text_free);
  g_clear_pointer (&item->version, g_free);
  g_clear_pointer (&item->family, g_free);
  g_free (item);
}

CasebookPhase *
casebook_phase_new (void)
{
  return g_new0 (CasebookPhase, 1);
}

void
casebook_phase_free (CasebookPhase *phase)
{
  if (phase == NULL)
    return;
  g_clear_pointer (&phase->name, casebook_text_free);
  g_free (phase);
}

CasebookChallenge *
casebook_challenge_new (void)
{
  return g_new0 (CasebookChallenge, 1);
}

void
casebook_challenge_free (CasebookChallenge *challenge)
{
  if (challenge == NULL)
    return;
  g_clear_pointer (&challenge->title, casebook_text_free);
  g_clear_pointer (&challenge->text, casebook_text_free);
  g_clear_pointer (&challenge->solution, casebook_text_free);
  g_free (challenge);
}

CasebookOutcome *
casebook_outcome_new (void)
{
  return g_new0 (CasebookOutcome, 1);
}

void
casebook_outcome_free (CasebookOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_clear_pointer (&outcome->text, casebook_text_free);
  g_clear_pointer (&outcome->metric, g_free);
  g_free (outcome);
}

CasebookFailure *
casebook_failure_new (void)
{
  CasebookFailure *failure = g_new0 (CasebookFailure, 1);

  failure->causes = casebook_text_array_new ();

  return failure;
}

void
casebook_failure_free (CasebookFailure *failure)
{
  if (failure == NULL)
    return;
  g_clear_pointer (&failure->problem, casebook_text_free);
  g_clear_pointer (&failure->result, casebook_text_free);
  g_clear_pointer (&failure->causes, g_ptr_array_unref);
  g_free (failure);
}

CasebookNote *
casebook_note_new (void)
{
  return g_new0 (CasebookNote, 1);
}

void
casebook_note_free (CasebookNote *note)
{
  if (note == NULL)
    return;
  g_clear_pointer (&note->field, g_free);
  g_clear_pointer (&note->text, casebook_text_free);
  g_free (note);
}

CasebookSource *
casebook_source_new (void)
{
  return g_new0 (CasebookSource, 1);
}

void
casebook_source_free (CasebookSource *source)
{
  if (source == NULL)
    return;
  g_clear_pointer (&source->title, casebook_text_free);
  g_clear_pointer (&source->section, g_free);
  g_clear_pointer (&source->url, g_free);
  g_clear_pointer (&source->date, g_free);
  g_clear_pointer (&source->note, casebook_text_free);
  g_free (source);
}

CasebookSector *
casebook_sector_new (void)
{
  return g_new0 (CasebookSector, 1);
}

void
casebook_sector_free (CasebookSector *sector)
{
  if (sector == NULL)
    return;
  g_clear_pointer (&sector->key, g_free);
  g_clear_pointer (&sector->name, casebook_text_free);
  g_clear_pointer (&sector->color, g_free);
  g_free (sector);
}

/* A sector that a case names but the store does not list is shown in a
 * neutral grey (libadwaita's "dark 2"). */
#define UNKNOWN_SECTOR_COLOR "#5e5c64"

/**
 * casebook_sector_copy_for_display:
 * @sector: a sector
 *
 * A copy of @sector that always has a name and a colour: its key and a
 * neutral grey where it has none, so that what shows it need not check.
 *
 * Returns: (transfer full): the copy
 */
CasebookSector *
casebook_sector_copy_for_display (const CasebookSector *sector)
{
  CasebookSector *copy;

  g_return_val_if_fail (sector != NULL, NULL);

  copy = casebook_sector_new ();
  copy->key = g_strdup (sector->key);
  copy->name = sector->name != NULL ? casebook_text_copy (sector->name) : casebook_text_new_same (sector->key);
  copy->color = g_strdup (sector->color != NULL ? sector->color : UNKNOWN_SECTOR_COLOR);

  return copy;
}

/**
 * casebook_sector_get_name:
 * @sector: a sector
 * @lang: the language of the name
 *
 * The name to show for @sector: in @lang, else in the other language,
 * else its key, so that a sector never shows as nothing.
 *
 * Returns: (transfer none): the name
 */
const char *
casebook_sector_get_name (const CasebookSector *sector,
                          CasebookLang          lang)
{
  g_return_val_if_fail (sector != NULL, "");

  if (casebook_text_is_empty (sector->name))
    return sector->key != NULL ? sector->key : "";

  return casebook_text_get (sector->name, lang);
}

/**
 * casebook_sector_get_color:
 * @sector: (nullable): a sector
 *
 * Returns: (transfer none): the colour of @sector as the store gives it (a
 *   CSS colour), or a neutral grey for no sector or one without a colour
 */
const char *
casebook_sector_get_color (const CasebookSector *sector)
{
  return sector != NULL && sector->color != NULL ? sector->color : UNKNOWN_SECTOR_COLOR;
}

CasebookMetric *
casebook_metric_new (void)
{
  return g_new0 (CasebookMetric, 1);
}

void
casebook_metric_free (CasebookMetric *metric)
{
  if (metric == NULL)
    return;
  g_clear_pointer (&metric->key, g_free);
  g_clear_pointer (&metric->name, casebook_text_free);
  g_free (metric);
}

CasebookInsightItem *
casebook_insight_item_new (void)
{
  return g_new0 (CasebookInsightItem, 1);
}

void
casebook_insight_item_free (CasebookInsightItem *item)
{
  if (item == NULL)
    return;
  g_clear_pointer (&item->sector, g_free);
  g_clear_pointer (&item->title, casebook_text_free);
  g_clear_pointer (&item->text, casebook_text_free);
  g_free (item);
}

CasebookInsightGroup *
casebook_insight_group_new (void)
{
  CasebookInsightGroup *group = g_new0 (CasebookInsightGroup, 1);

  group->items = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_insight_item_free);

  return group;
}

void
casebook_insight_group_free (CasebookInsightGroup *group)
{
  if (group == NULL)
    return;
  g_clear_pointer (&group->title, casebook_text_free);
  g_clear_pointer (&group->items, g_ptr_array_unref);
  g_free (group);
}

CasebookInsight *
casebook_insight_new (void)
{
  CasebookInsight *insight = g_new0 (CasebookInsight, 1);

  insight->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_insight_group_free);

  return insight;
}

void
casebook_insight_free (CasebookInsight *insight)
{
  if (insight == NULL)
    return;
  g_clear_pointer (&insight->section, g_free);
  g_clear_pointer (&insight->topic, g_free);
  g_clear_pointer (&insight->title, casebook_text_free);
  g_clear_pointer (&insight->summary, casebook_text_free);
  g_clear_pointer (&insight->groups, g_ptr_array_unref);
  g_free (insight);
}

CasebookRange *
casebook_range_new (void)
{
  return g_new0 (CasebookRange, 1);
}

void
casebook_range_free (CasebookRange *range)
{
  if (range == NULL)
    return;
  g_clear_pointer (&range->section, g_free);
  g_clear_pointer (&range->sector, g_free);
  g_clear_pointer (&range->metric, g_free);
  g_clear_pointer (&range->text, casebook_text_free);
  g_free (range);
}

CasebookReference *
casebook_reference_new (void)
{
  return g_new0 (CasebookReference, 1);
}

void
casebook_reference_free (CasebookReference *reference)
{
  if (reference == NULL)
    return;
  g_clear_pointer (&reference->text, g_free);
  g_free (reference);
}

int
casebook_point_compare (const CasebookPoint *a,
                        const CasebookPoint *b)
{
  /* A whole year starts with its first quarter. */
  int qa = a->quarter ? a->quarter : 1;
  int qb = b->quarter ? b->quarter : 1;

  if (a->year != b->year)
    return a->year < b->year ? -1 : 1;
  if (qa != qb)
    return qa < qb ? -1 : 1;
  return 0;
}

char *
casebook_point_format (const CasebookPoint *point)
{
  if (point->quarter > 0)
    return g_strdup_printf ("%d Q%d", point->year, point->quarter);
  return g_strdup_printf ("%d", point->year);
}

CasebookFacetValue *
casebook_facet_value_new (void)
{
  return g_new0 (CasebookFacetValue, 1);
}

void
casebook_facet_value_free (CasebookFacetValue *value)
{
  if (value == NULL)
    return;
  g_clear_pointer (&value->key, g_free);
  g_clear_pointer (&value->label, casebook_text_free);
  g_free (value);
}

void
casebook_cursor_clear (CasebookCursor *cursor)
{
  g_clear_pointer (&cursor->k1, g_free);
  g_clear_pointer (&cursor->k2, g_free);
  cursor->nr = 0;
}

void
casebook_cursor_copy (CasebookCursor       *dest,
                      const CasebookCursor *src)
{
  casebook_cursor_clear (dest);
  dest->k1 = g_strdup (src->k1);
  dest->k2 = g_strdup (src->k2);
  dest->nr = src->nr;
}
