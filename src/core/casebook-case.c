/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case"

#include <string.h>

#include "casebook-case.h"
#include "casebook-format.h"

/**
 * CasebookCase:
 *
 * One case study: an organization's adoption (or failed adoption) of
 * virtualization, containers or WebAssembly, with everything the source
 * says about it. Every text a person reads is a #CasebookText.
 *
 * The array getters return the case's own arrays (transfer none); editing
 * code appends to or removes from them directly.
 */
struct _CasebookCase
{
  GObject            parent_instance;

  char              *id;
  CasebookKind       kind;
  CasebookOrigin     origin;
  char              *sector;
  CasebookText      *subsector;
  CasebookText      *title;
  CasebookText      *organization;
  CasebookSize       size;
  gint64             employees;
  CasebookQualifier  employees_qualifier;
  int                period_start;
  int                period_end;
  CasebookApproach   approach;
  GPtrArray         *scenarios;
  GPtrArray         *requirements;
  GPtrArray         *stack;
  GPtrArray         *phases;
  GPtrArray         *challenges;
  GPtrArray         *outcomes;
  GPtrArray         *lessons;
  GPtrArray         *notes;
  CasebookFailure   *failure;
  CasebookSource    *source;

  /* The person's own layer, kept apart from the case's data by the store. */
  char              *personal_note;
  char             **tags;
};

G_DEFINE_FINAL_TYPE (CasebookCase, casebook_case, G_TYPE_OBJECT)

static void
replace_str (char       **slot,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*slot);
  *slot = copy;
}

static void
casebook_case_finalize (GObject *object)
{
  CasebookCase *self = (CasebookCase *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->sector, g_free);
  g_clear_pointer (&self->subsector, casebook_text_free);
  g_clear_pointer (&self->title, casebook_text_free);
  g_clear_pointer (&self->organization, casebook_text_free);
  g_clear_pointer (&self->scenarios, g_ptr_array_unref);
  g_clear_pointer (&self->requirements, g_ptr_array_unref);
  g_clear_pointer (&self->stack, g_ptr_array_unref);
  g_clear_pointer (&self->phases, g_ptr_array_unref);
  g_clear_pointer (&self->challenges, g_ptr_array_unref);
  g_clear_pointer (&self->outcomes, g_ptr_array_unref);
  g_clear_pointer (&self->lessons, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->failure, casebook_failure_free);
  g_clear_pointer (&self->source, casebook_source_free);
  g_clear_pointer (&self->personal_note, g_free);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (casebook_case_parent_class)->finalize (object);
}

static void
casebook_case_class_init (CasebookCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = casebook_case_finalize;
}

static void
casebook_case_init (CasebookCase *self)
{
  self->employees = -1;
  self->origin = CASEBOOK_ORIGIN_OWN;
  self->scenarios = casebook_text_array_new ();
  self->requirements = casebook_text_array_new ();
  self->lessons = casebook_text_array_new ();
  self->stack = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_stack_item_free);
  self->phases = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_phase_free);
  self->challenges = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_challenge_free);
  self->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_outcome_free);
  self->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_note_free);
  self->tags = g_new0 (char *, 1);
}

/**
 * casebook_case_new:
 * @id: the case's stable id
 *
 * Returns: (transfer full): a new, empty case
 */
CasebookCase *
casebook_case_new (const char *id)
{
  CasebookCase *self = g_object_new (CASEBOOK_TYPE_CASE, NULL);

  self->id = g_strdup (id);

  return self;
}

static GPtrArray *
copy_texts (GPtrArray *texts)
{
  GPtrArray *copy = casebook_text_array_new ();

  for (guint i = 0; i < texts->len; i++)
    g_ptr_array_add (copy, casebook_text_copy (g_ptr_array_index (texts, i)));

  return copy;
}

/**
 * casebook_case_copy:
 *
 * A deep copy, for editing without touching the original.
 *
 * Returns: (transfer full): the copy
 */
CasebookCase *
casebook_case_copy (CasebookCase *self)
{
  CasebookCase *copy;

  g_return_val_if_fail (CASEBOOK_IS_CASE (self), NULL);

  copy = casebook_case_new (self->id);
  copy->kind = self->kind;
  copy->origin = self->origin;
  copy->sector = g_strdup (self->sector);
  copy->subsector = casebook_text_copy (self->subsector);
  copy->title = casebook_text_copy (self->title);
  copy->organization = casebook_text_copy (self->organization);
  copy->size = self->size;
  copy->employees = self->employees;
  copy->employees_qualifier = self->employees_qualifier;
  copy->period_start = self->period_start;
  copy->period_end = self->period_end;
  copy->approach = self->approach;

  g_ptr_array_unref (copy->scenarios);
  copy->scenarios = copy_texts (self->scenarios);
  g_ptr_array_unref (copy->requirements);
  copy->requirements = copy_texts (self->requirements);
  g_ptr_array_unref (copy->lessons);
  copy->lessons = copy_texts (self->lessons);

  for (guint i = 0; i < self->stack->len; i++)
    {
      const CasebookStackItem *item = g_ptr_array_index (self->stack, i);
      CasebookStackItem *c = casebook_stack_item_new ();

      c->role = casebook_text_copy (item->role);
      c->product = casebook_text_copy (item->product);
      c->version = g_strdup (item->version);
      c->family = g_strdup (item->family);
      g_ptr_array_add (copy->stack, c);
    }

  for (guint i = 0; i < self->phases->len; i++)
    {
      const CasebookPhase *phase = g_ptr_array_index (self->phases, i);
      CasebookPhase *c = casebook_phase_new ();

      c->name = casebook_text_copy (phase->name);
      c->start = phase->start;
      c->end = phase->end;
      g_ptr_array_add (copy->phases, c);
    }

  for (guint i = 0; i < self->challenges->len; i++)
    {
      const CasebookChallenge *challenge = g_ptr_array_index (self->challenges, i);
      CasebookChallenge *c = casebook_challenge_new ();

      c->title = casebook_text_copy (challenge->title);
      c->text = casebook_text_copy (challenge->text);
      c->solution = casebook_text_copy (challenge->solution);
      g_ptr_array_add (copy->challenges, c);
    }

  for (guint i = 0; i < self->outcomes->len; i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (self->outcomes, i);
      CasebookOutcome *c = casebook_outcome_new ();

      *c = *outcome;
      c->text = casebook_text_copy (outcome->text);
      c->metric = g_strdup (outcome->metric);
      g_ptr_array_add (copy->outcomes, c);
    }

  for (guint i = 0; i < self->notes->len; i++)
    {
      const CasebookNote *note = g_ptr_array_index (self->notes, i);
      CasebookNote *c = casebook_note_new ();

      c->field = g_strdup (note->field);
      c->text = casebook_text_copy (note->text);
      g_ptr_array_add (copy->notes, c);
    }

  if (self->failure != NULL)
    {
      copy->failure = casebook_failure_new ();
      copy->failure->problem = casebook_text_copy (self->failure->problem);
      copy->failure->result = casebook_text_copy (self->failure->result);
      g_ptr_array_unref (copy->failure->causes);
      copy->failure->causes = copy_texts (self->failure->causes);
    }

  if (self->source != NULL)
    {
      copy->source = casebook_source_new ();
      copy->source->title = casebook_text_copy (self->source->title);
      copy->source->section = g_strdup (self->source->section);
      copy->source->url = g_strdup (self->source->url);
      copy->source->date = g_strdup (self->source->date);
      copy->source->note = casebook_text_copy (self->source->note);
    }

  copy->personal_note = g_strdup (self->personal_note);
  g_strfreev (copy->tags);
  copy->tags = g_strdupv (self->tags);

  return copy;
}

const char *
casebook_case_get_id (CasebookCase *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (self), NULL);
  return self->id;
}

void
casebook_case_set_id (CasebookCase *self,
                      const char   *id)
{
  g_return_if_fail (CASEBOOK_IS_CASE (self));
  replace_str (&self->id, id);
}

CasebookKind
casebook_case_get_kind (CasebookCase *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (self), CASEBOOK_KIND_SUCCESS);
  return self->kind;
}

void
casebook_case_set_kind (CasebookCase *self,
                        CasebookKind  kind)
{
  g_return_if_fail (CASEBOOK_IS_CASE (self));
  self->kind = kind;
}

CasebookOrigin
casebook_case_get_origin (CasebookCase *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (self), CASEBOOK_ORIGIN_OWN);
  return self->origin;
}

void
casebook_case_set_origin (CasebookCase   *self,
                          CasebookOrigin  origin)
{
  g_return_if_fail (CASEBOOK_IS_CASE (self));
  self->origin = origin;
}

const char *
casebook_case_get_sector (CasebookCase *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (self), NULL);
  return self->sector;
}

void
casebook_case_set_sector (CasebookCase *self,
                          const char   *sector)
{
  g_return_if_fail (CASEBOOK_IS_CASE (self));
  replace_str (&self->sector, sector);
}

#define DEFINE_TEXT_FIELD(field)                                              \
  const CasebookText *                                                        \
  casebook_case_get_##field (CasebookCase *self)                              \
  {                                                                           \
    g_return_val_if_fail (CASEBOOK_IS_CASE (self), NULL);                     \
    return self->field;                                                       \
  }                                                                           \
                                                                              \
  void                                                                        \
  casebook_case_take_##field (CasebookCase *self,                             \
                              CasebookText *value)                            \
  {                                                                           \
    g_return_if_fail (CASEBOOK_IS_CASE (self));                               \
    g_clear_pointer (&self->field, casebook_text_free);                       \
    self->field = value;                                                      \
  }

DEFINE_TEXT_FIELD (subsector)
DEFINE_TEXT_FIELD (title)
DEFINE_TEXT_FIELD (organization)

CasebookSize
casebook_case_get_size (CasebookCase *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (self), CASEBOOK_SIZE_UNKNOWN);
  return self->size;
}

void
casebook_case_set_size (CasebookCase *self,
                        CasebookSize  size)
{
  g_return_if_fail (CASEBOOK_IS_CASE (self));
  self->size = size;
}

/**
 * casebook_case_get_employees:
 *
 * Returns: the headcount as stated, or -1 when the source gives none
 */
gint64
casebook_case_get_employees (CasebookCase *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (self), -1);
  return self->employees;
}

CasebookQualifier
casebook_case_get_employees_qualifier (CasebookCase *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (self), CASEBOOK_QUALIFIER_EXACT);
  return self->employees_qualifier;
}

void
casebook_case_set_employees (CasebookCase      *self,
                             gint64             employees,
                             CasebookQualifier  qualifier)
{
  g_return_if_fail (CASEBOOK_IS_CASE (self));
  self->employees = employees < 0 ? -1 : employees;
  self->employees_qualifier = qualifier;
}

/**
 * casebook_case_get_period:
 * @start: (out) (optional): the first year
 * @end: (out) (optional): the last year
 *
 * Returns: %TRUE if the case has an implementation period
 */
gboolean
casebook_case_get_period (CasebookCase *self,
                          int          *start,
                          int          *end)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (self), FALSE);

  if (start != NULL)
    *start = self->period_start;
  if (end != NULL)
    *end = self->period_end;

  return self->period_start != 0;
}

/**
 * casebook_case_set_period:
 *
 * Sets the implementation period; 0 for both clears it.
 */
void
casebook_case_set_period (CasebookCase *self,
                          int           start,
                          int           end)
{
  g_return_if_fail (CASEBOOK_IS_CASE (self));
  self->period_start = start;
  self->period_end = end;
}

CasebookApproach
casebook_case_get_approach (CasebookCase *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (self), CASEBOOK_APPROACH_NONE);
  return self->approach;
}

void
casebook_case_set_approach (CasebookCase     *self,
                            CasebookApproach  approach)
{
  g_return_if_fail (CASEBOOK_IS_CASE (self));
  self->approach = approach;
}

#define DEFINE_ARRAY_FIELD(field)                                             \
  GPtrArray *                                                                 \
  casebook_case_get_##field (CasebookCase *self)                              \
  {                                                                           \
    g_return_val_if_fail (CASEBOOK_IS_CASE (self), NULL);                     \
    return self->field;                                                       \
  }

DEFINE_ARRAY_FIELD (scenarios)
DEFINE_ARRAY_FIELD (requirements)
DEFINE_ARRAY_FIELD (stack)
DEFINE_ARRAY_FIELD (phases)
DEFINE_ARRAY_FIELD (challenges)
DEFINE_ARRAY_FIELD (outcomes)
DEFINE_ARRAY_FIELD (lessons)
DEFINE_ARRAY_FIELD (notes)

const CasebookFailure *
casebook_case_get_failure (CasebookCase *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (self), NULL);
  return self->failure;
}

void
casebook_case_take_failure (CasebookCase    *self,
                            CasebookFailure *failure)
{
  g_return_if_fail (CASEBOOK_IS_CASE (self));
  g_clear_pointer (&self->failure, casebook_failure_free);
  self->failure = failure;
}

const CasebookSource *
casebook_case_get_source (CasebookCase *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (self), NULL);
  return self->source;
}

void
casebook_case_take_source (CasebookCase   *self,
                           CasebookSource *source)
{
  g_return_if_fail (CASEBOOK_IS_CASE (self));
  g_clear_pointer (&self->source, casebook_source_free);
  self->source = source;
}

/**
 * casebook_case_get_personal_note:
 *
 * The person's own note on the case: plain text, line breaks kept. It is
 * not part of the case's data, and the store keeps it apart (see
 * casebook_store_set_note()).
 *
 * Returns: (nullable): the note, or %NULL when there is none
 */
const char *
casebook_case_get_personal_note (CasebookCase *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (self), NULL);
  return self->personal_note;
}

/**
 * casebook_case_set_personal_note:
 * @note: (nullable): the note; %NULL or empty removes it
 */
void
casebook_case_set_personal_note (CasebookCase *self,
                                 const char   *note)
{
  g_return_if_fail (CASEBOOK_IS_CASE (self));
  replace_str (&self->personal_note, note != NULL && note[0] != '\0' ? note : NULL);
}

/**
 * casebook_case_get_tags:
 *
 * Returns: (transfer none) (array zero-terminated=1): the person's tags on
 *   the case, sorted by byte value, each once; never %NULL
 */
const char * const *
casebook_case_get_tags (CasebookCase *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (self), NULL);
  return (const char * const *) self->tags;
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/**
 * casebook_case_set_tags:
 * @tags: (nullable) (array zero-terminated=1): the tags, in any order,
 *   maybe repeated
 *
 * Keeps each tag once, sorted by byte value (strcmp()), so that equal sets
 * of tags compare, store and export the same.
 */
void
casebook_case_set_tags (CasebookCase       *self,
                        const char * const *tags)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  char **copy;
  guint n = 0;

  g_return_if_fail (CASEBOOK_IS_CASE (self));

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) tags[i]);
  g_ptr_array_sort (sorted, compare_tags);

  copy = g_new0 (char *, sorted->len + 1);
  for (guint i = 0; i < sorted->len; i++)
    if (n == 0 || strcmp (copy[n - 1], g_ptr_array_index (sorted, i)) != 0)
      copy[n++] = g_strdup (g_ptr_array_index (sorted, i));

  g_strfreev (self->tags);
  self->tags = copy;
}

/**
 * casebook_case_get_headline:
 *
 * The outcome a list row shows: the first one with a number, or else the
 * first one.
 *
 * Returns: (transfer none) (nullable): the headline outcome
 */
const CasebookOutcome *
casebook_case_get_headline (CasebookCase *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (self), NULL);

  for (guint i = 0; i < self->outcomes->len; i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (self->outcomes, i);

      if (outcome->has_value)
        return outcome;
    }

  return self->outcomes->len > 0 ? g_ptr_array_index (self->outcomes, 0) : NULL;
}

/**
 * casebook_case_format_period:
 *
 * Returns: (transfer full) (nullable): "2023–2025", "2024", or %NULL
 */
char *
casebook_case_format_period (CasebookCase *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (self), NULL);

  if (self->period_start == 0)
    return NULL;
  if (self->period_start == self->period_end)
    return g_strdup_printf ("%d", self->period_start);
  return g_strdup_printf ("%d–%d", self->period_start, self->period_end);
}

/**
 * casebook_case_format_employees:
 *
 * Returns: (transfer full) (nullable): the headcount with its qualifier,
 *   such as ">50,000", or %NULL
 */
char *
casebook_case_format_employees (CasebookCase *self)
{
  g_autofree char *count = NULL;

  g_return_val_if_fail (CASEBOOK_IS_CASE (self), NULL);

  if (self->employees < 0)
    return NULL;

  count = casebook_format_count (self->employees);
  return g_strconcat (casebook_qualifier_symbol (self->employees_qualifier), count, NULL);
}

static void
append_text (GString            *str,
             const CasebookText *text)
{
  if (text == NULL)
    return;

  if (text->zh != NULL)
    {
      g_string_append (str, text->zh);
      g_string_append_c (str, '\n');
    }
  if (text->en != NULL)
    {
      g_string_append (str, text->en);
      g_string_append_c (str, '\n');
    }
}

static void
append_texts (GString   *str,
              GPtrArray *texts)
{
  for (guint i = 0; i < texts->len; i++)
    append_text (str, g_ptr_array_index (texts, i));
}

/**
 * casebook_case_append_search_text:
 * @title: receives the title, in both languages
 * @body: receives every other text of the case, in both languages
 *
 * Collects what full-text search indexes.
 */
void
casebook_case_append_search_text (CasebookCase *self,
                                  GString      *title,
                                  GString      *body)
{
  g_return_if_fail (CASEBOOK_IS_CASE (self));

  append_text (title, self->title);

  append_text (body, self->organization);
  append_text (body, self->subsector);
  append_texts (body, self->scenarios);
  append_texts (body, self->requirements);

  for (guint i = 0; i < self->stack->len; i++)
    {
      const CasebookStackItem *item = g_ptr_array_index (self->stack, i);

      append_text (body, item->role);
      append_text (body, item->product);
      if (item->version != NULL)
        {
          g_string_append (body, item->version);
          g_string_append_c (body, '\n');
        }
    }

  for (guint i = 0; i < self->phases->len; i++)
    append_text (body, ((CasebookPhase *) g_ptr_array_index (self->phases, i))->name);

  for (guint i = 0; i < self->challenges->len; i++)
    {
      const CasebookChallenge *challenge = g_ptr_array_index (self->challenges, i);

      append_text (body, challenge->title);
      append_text (body, challenge->text);
      append_text (body, challenge->solution);
    }

  for (guint i = 0; i < self->outcomes->len; i++)
    append_text (body, ((CasebookOutcome *) g_ptr_array_index (self->outcomes, i))->text);

  append_texts (body, self->lessons);

  if (self->failure != NULL)
    {
      append_text (body, self->failure->problem);
      append_text (body, self->failure->result);
      append_texts (body, self->failure->causes);
    }

  for (guint i = 0; i < self->notes->len; i++)
    append_text (body, ((CasebookNote *) g_ptr_array_index (self->notes, i))->text);

  /* The source's title is left out: every bundled case shares it, so it
   * would make its words match everything. */
  if (self->source != NULL)
    append_text (body, self->source->note);
}
