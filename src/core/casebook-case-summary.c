/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-summary"

#include "casebook-case-summary.h"

struct _CasebookCaseSummary
{
  GObject           parent_instance;

  gint64            nr;
  char             *id;
  CasebookKind      kind;
  CasebookOrigin    origin;
  char             *sector;
  CasebookText     *title;
  CasebookText     *organization;
  CasebookText     *headline;
  CasebookSize      size;
  gint64            employees;
  int               period_start;
  int               period_end;
  CasebookApproach  approach;
  gboolean          has_note;
  char            **tags;
};

G_DEFINE_FINAL_TYPE (CasebookCaseSummary, casebook_case_summary, G_TYPE_OBJECT)

static void
casebook_case_summary_finalize (GObject *object)
{
  CasebookCaseSummary *self = (CasebookCaseSummary *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->sector, g_free);
  g_clear_pointer (&self->title, casebook_text_free);
  g_clear_pointer (&self->organization, casebook_text_free);
  g_clear_pointer (&self->headline, casebook_text_free);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (casebook_case_summary_parent_class)->finalize (object);
}

static void
casebook_case_summary_class_init (CasebookCaseSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = casebook_case_summary_finalize;
}

static void
casebook_case_summary_init (CasebookCaseSummary *self)
{
}

/**
 * casebook_case_summary_new:
 * @data: the fields, copied
 *
 * Returns: (transfer full): a new summary
 */
CasebookCaseSummary *
casebook_case_summary_new (const CasebookCaseSummaryData *data)
{
  CasebookCaseSummary *self = g_object_new (CASEBOOK_TYPE_CASE_SUMMARY, NULL);

  self->nr = data->nr;
  self->id = g_strdup (data->id);
  self->kind = data->kind;
  self->origin = data->origin;
  self->sector = g_strdup (data->sector);
  self->title = casebook_text_copy (&data->title);
  self->organization = casebook_text_copy (&data->organization);
  self->headline = casebook_text_copy (&data->headline);
  self->size = data->size;
  self->employees = data->employees;
  self->period_start = data->period_start;
  self->period_end = data->period_end;
  self->approach = data->approach;
  self->has_note = data->has_note;
  self->tags = data->tags != NULL ? g_strdupv ((char **) data->tags) : g_new0 (char *, 1);

  return self;
}

gint64
casebook_case_summary_get_nr (CasebookCaseSummary *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_SUMMARY (self), 0);
  return self->nr;
}

const char *
casebook_case_summary_get_id (CasebookCaseSummary *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_SUMMARY (self), NULL);
  return self->id;
}

CasebookKind
casebook_case_summary_get_kind (CasebookCaseSummary *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_SUMMARY (self), CASEBOOK_KIND_SUCCESS);
  return self->kind;
}

CasebookOrigin
casebook_case_summary_get_origin (CasebookCaseSummary *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_SUMMARY (self), CASEBOOK_ORIGIN_OWN);
  return self->origin;
}

const char *
casebook_case_summary_get_sector (CasebookCaseSummary *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_SUMMARY (self), NULL);
  return self->sector;
}

const CasebookText *
casebook_case_summary_get_title (CasebookCaseSummary *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_SUMMARY (self), NULL);
  return self->title;
}

const CasebookText *
casebook_case_summary_get_organization (CasebookCaseSummary *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_SUMMARY (self), NULL);
  return self->organization;
}

const CasebookText *
casebook_case_summary_get_headline (CasebookCaseSummary *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_SUMMARY (self), NULL);
  return self->headline;
}

/**
 * casebook_case_summary_format_period:
 *
 * Returns: (transfer full) (nullable): "2023–2025", "2024", or %NULL
 */
char *
casebook_case_summary_format_period (CasebookCaseSummary *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_SUMMARY (self), NULL);

  if (self->period_start == 0)
    return NULL;
  if (self->period_start == self->period_end)
    return g_strdup_printf ("%d", self->period_start);
  return g_strdup_printf ("%d–%d", self->period_start, self->period_end);
}

/**
 * casebook_case_summary_has_note:
 *
 * Returns: %TRUE if the person wrote a note on the case
 */
gboolean
casebook_case_summary_has_note (CasebookCaseSummary *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_SUMMARY (self), FALSE);
  return self->has_note;
}

/**
 * casebook_case_summary_get_tags:
 *
 * Returns: (transfer none) (array zero-terminated=1): the person's tags on
 *   the case, sorted; never %NULL
 */
const char * const *
casebook_case_summary_get_tags (CasebookCaseSummary *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_SUMMARY (self), NULL);
  return (const char * const *) self->tags;
}
