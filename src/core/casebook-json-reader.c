/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-json"

/* Reading a collection from the json-glib tree the syntax guard let
 * through: the header (sectors, metrics, insights, ranges, references),
 * every case with all its parts, and the stream that hands the cases of a
 * large import over one at a time. Nothing is returned that does not
 * pass every check. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "casebook-case-check.h"
#include "casebook-escape.h"
#include "casebook-json-private.h"

static gboolean
read_outcome (CasebookJsonCtx *ctx,
              JsonNode        *node,
              const char      *path,
              CasebookOutcome *outcome)
{
  JsonObject *obj = NULL;

  if (!_casebook_json_read_object (ctx, node, path, &obj) ||
      !_casebook_json_read_text (ctx, obj, path, "text", TRUE, FALSE, &outcome->text) ||
      !_casebook_json_read_key (ctx, obj, path, "metric", FALSE, &outcome->metric) ||
      !_casebook_json_read_number (ctx, obj, path, "value", FALSE, &outcome->value, &outcome->has_value) ||
      !_casebook_json_read_number (ctx, obj, path, "baseline", FALSE, &outcome->baseline, &outcome->has_baseline) ||
      !_casebook_json_read_enum (ctx, obj, path, "unit", FALSE, (CasebookJsonEnumParser) casebook_unit_from_key,
                                 /* Translators: the values allowed, after “is not one of”; keep the quoted words */
                                 _("“percent”, “percent_change” or “times”"), &outcome->unit) ||
      !_casebook_json_read_enum (ctx, obj, path, "better", FALSE, (CasebookJsonEnumParser) casebook_better_from_key,
                                 /* Translators: the values allowed, after “is not one of”; keep the quoted words */
                                 _("“higher” or “lower”"), &outcome->better))
    return FALSE;

  /* A value without a unit or a direction, or a baseline without a value,
   * is left to casebook_case_check(), which the editor shares. */
  if (!outcome->has_value)
    {
      /* A qualitative outcome carries no unit or direction. */
      outcome->unit = CASEBOOK_UNIT_NONE;
      outcome->better = CASEBOOK_BETTER_NONE;
    }

  return TRUE;
}

static gboolean
read_stack_item (CasebookJsonCtx   *ctx,
                 JsonNode          *node,
                 const char        *path,
                 CasebookStackItem *item)
{
  JsonObject *obj = NULL;

  return _casebook_json_read_object (ctx, node, path, &obj) &&
         _casebook_json_read_text (ctx, obj, path, "role", TRUE, FALSE, &item->role) &&
         _casebook_json_read_text (ctx, obj, path, "product", TRUE, TRUE, &item->product) &&
         _casebook_json_read_string (ctx, obj, path, "version", FALSE, &item->version) &&
         _casebook_json_read_key (ctx, obj, path, "family", TRUE, &item->family);
}

static gboolean
read_phase (CasebookJsonCtx *ctx,
            JsonNode        *node,
            const char      *path,
            CasebookPhase   *phase)
{
  JsonObject *obj = NULL;

  /* The order of the two points is left to casebook_case_check(). */
  return _casebook_json_read_object (ctx, node, path, &obj) &&
         _casebook_json_read_text (ctx, obj, path, "name", TRUE, FALSE, &phase->name) &&
         _casebook_json_read_point (ctx, obj, path, "start", &phase->start) &&
         _casebook_json_read_point (ctx, obj, path, "end", &phase->end);
}

static gboolean
read_challenge (CasebookJsonCtx   *ctx,
                JsonNode          *node,
                const char        *path,
                CasebookChallenge *challenge)
{
  JsonObject *obj = NULL;

  return _casebook_json_read_object (ctx, node, path, &obj) &&
         _casebook_json_read_text (ctx, obj, path, "title", TRUE, FALSE, &challenge->title) &&
         _casebook_json_read_text (ctx, obj, path, "text", FALSE, FALSE, &challenge->text) &&
         _casebook_json_read_text (ctx, obj, path, "solution", FALSE, FALSE, &challenge->solution);
}

static gboolean
read_note (CasebookJsonCtx *ctx,
           JsonNode        *node,
           const char      *path,
           CasebookNote    *note)
{
  JsonObject *obj = NULL;

  return _casebook_json_read_object (ctx, node, path, &obj) &&
         _casebook_json_read_string (ctx, obj, path, "field", FALSE, &note->field) &&
         _casebook_json_read_text (ctx, obj, path, "text", TRUE, FALSE, &note->text);
}

static gboolean
read_source (CasebookJsonCtx  *ctx,
             JsonObject       *parent,
             const char       *path,
             CasebookSource  **out)
{
  JsonObject *obj = NULL;
  g_autoptr(CasebookSource) source = casebook_source_new ();
  g_autofree char *p = _casebook_json_child_path (path, "source");
  JsonNode *node = _casebook_json_member (parent, "source");

  if (node == NULL)
    return _casebook_json_missing (ctx, path, "source");

  if (!_casebook_json_read_object (ctx, node, p, &obj) ||
      !_casebook_json_read_text (ctx, obj, p, "title", FALSE, FALSE, &source->title) ||
      !_casebook_json_read_string (ctx, obj, p, "section", FALSE, &source->section) ||
      !_casebook_json_read_string (ctx, obj, p, "url", FALSE, &source->url) ||
      !_casebook_json_read_string (ctx, obj, p, "date", FALSE, &source->date) ||
      !_casebook_json_read_text (ctx, obj, p, "note", FALSE, FALSE, &source->note))
    return FALSE;

  *out = g_steal_pointer (&source);
  return TRUE;
}

static gboolean
read_failure (CasebookJsonCtx  *ctx,
              JsonObject       *parent,
              const char       *path,
              CasebookFailure **out)
{
  JsonObject *obj = NULL;
  g_autoptr(CasebookFailure) failure = casebook_failure_new ();
  g_autofree char *p = _casebook_json_child_path (path, "failure");
  JsonNode *node = _casebook_json_member (parent, "failure");

  *out = NULL;
  if (node == NULL)
    return TRUE;

  if (!_casebook_json_read_object (ctx, node, p, &obj) ||
      !_casebook_json_read_text (ctx, obj, p, "problem", TRUE, FALSE, &failure->problem) ||
      !_casebook_json_read_text (ctx, obj, p, "result", TRUE, FALSE, &failure->result) ||
      !_casebook_json_read_text_array (ctx, obj, p, "causes", TRUE, failure->causes))
    return FALSE;

  *out = g_steal_pointer (&failure);
  return TRUE;
}

static CasebookCase *
read_case (CasebookJsonCtx *ctx,
           JsonNode        *node,
           const char      *path)
{
  JsonObject *obj = NULL;
  g_autoptr(CasebookCase) c = NULL;
  g_autofree char *id = NULL;
  g_autofree char *sector = NULL;
  CasebookKind kind = CASEBOOK_KIND_SUCCESS;
  CasebookSize size = CASEBOOK_SIZE_UNKNOWN;
  CasebookApproach approach = CASEBOOK_APPROACH_NONE;
  CasebookQualifier qualifier = CASEBOOK_QUALIFIER_EXACT;
  CasebookText *text = NULL;
  CasebookFailure *failure = NULL;
  CasebookSource *source = NULL;
  gint64 employees = -1;
  gboolean has_employees = FALSE;
  JsonNode *period;

  if (!_casebook_json_read_object (ctx, node, path, &obj) ||
      !_casebook_json_read_key (ctx, obj, path, "id", TRUE, &id) ||
      !_casebook_json_read_enum (ctx, obj, path, "kind", TRUE, (CasebookJsonEnumParser) casebook_kind_from_key,
                                 /* Translators: the values allowed, after “is not one of”; keep the quoted words */
                                 _("“success” or “failure”"), &kind) ||
      !_casebook_json_read_key (ctx, obj, path, "sector", TRUE, &sector))
    return NULL;

  c = casebook_case_new (id);
  casebook_case_set_kind (c, kind);
  casebook_case_set_sector (c, sector);

  if (!_casebook_json_read_text (ctx, obj, path, "subsector", FALSE, FALSE, &text))
    return NULL;
  casebook_case_take_subsector (c, text);

  if (!_casebook_json_read_text (ctx, obj, path, "title", TRUE, FALSE, &text))
    return NULL;
  casebook_case_take_title (c, text);

  if (!_casebook_json_read_text (ctx, obj, path, "organization", TRUE, FALSE, &text))
    return NULL;
  casebook_case_take_organization (c, text);

  if (!_casebook_json_read_enum (ctx, obj, path, "size", FALSE, (CasebookJsonEnumParser) casebook_size_from_key,
                                 /* Translators: the values allowed, after “is not one of”; keep the quoted words */
                                 _("“large”, “medium” or “small”"), &size) ||
      !_casebook_json_read_int (ctx, obj, path, "employees", FALSE, 0, CASEBOOK_MAX_EMPLOYEES, &employees, &has_employees) ||
      !_casebook_json_read_enum (ctx, obj, path, "employees_qualifier", FALSE,
                                 (CasebookJsonEnumParser) casebook_qualifier_from_key,
                                 /* Translators: the values allowed, after “is not one of”; keep the quoted words */
                                 _("“exact”, “more-than”, “less-than” or “about”"), &qualifier) ||
      !_casebook_json_read_enum (ctx, obj, path, "approach", FALSE, (CasebookJsonEnumParser) casebook_approach_from_key,
                                 /* Translators: the values allowed, after “is not one of”; keep the quoted words */
                                 _("“virtualization”, “containerization”, “webassembly” or “hybrid”"), &approach))
    return NULL;

  casebook_case_set_size (c, size);
  casebook_case_set_employees (c, has_employees ? employees : -1, qualifier);
  casebook_case_set_approach (c, approach);

  period = _casebook_json_member (obj, "period");
  if (period != NULL)
    {
      g_autofree char *p = _casebook_json_child_path (path, "period");
      JsonObject *pobj = NULL;
      gint64 start = 0, end = 0;

      if (!_casebook_json_read_object (ctx, period, p, &pobj) ||
          !_casebook_json_read_int (ctx, pobj, p, "start", TRUE, CASEBOOK_MIN_YEAR, CASEBOOK_MAX_YEAR, &start, NULL) ||
          !_casebook_json_read_int (ctx, pobj, p, "end", TRUE, CASEBOOK_MIN_YEAR, CASEBOOK_MAX_YEAR, &end, NULL))
        return NULL;

      casebook_case_set_period (c, (int) start, (int) end);
    }

  if (!_casebook_json_read_text_array (ctx, obj, path, "scenarios", FALSE, casebook_case_get_scenarios (c)) ||
      !_casebook_json_read_text_array (ctx, obj, path, "requirements", FALSE, casebook_case_get_requirements (c)) ||
      !_casebook_json_read_each (ctx, obj, path, "stack", FALSE,
                                 (gpointer (*) (void)) casebook_stack_item_new,
                                 (void (*) (gpointer)) casebook_stack_item_free,
                                 (CasebookJsonItemReader) read_stack_item,
                                 casebook_case_get_stack (c)) ||
      !_casebook_json_read_each (ctx, obj, path, "phases", FALSE,
                                 (gpointer (*) (void)) casebook_phase_new,
                                 (void (*) (gpointer)) casebook_phase_free,
                                 (CasebookJsonItemReader) read_phase,
                                 casebook_case_get_phases (c)) ||
      !_casebook_json_read_each (ctx, obj, path, "challenges", FALSE,
                                 (gpointer (*) (void)) casebook_challenge_new,
                                 (void (*) (gpointer)) casebook_challenge_free,
                                 (CasebookJsonItemReader) read_challenge,
                                 casebook_case_get_challenges (c)) ||
      !_casebook_json_read_each (ctx, obj, path, "outcomes", FALSE,
                                 (gpointer (*) (void)) casebook_outcome_new,
                                 (void (*) (gpointer)) casebook_outcome_free,
                                 (CasebookJsonItemReader) read_outcome,
                                 casebook_case_get_outcomes (c)) ||
      !_casebook_json_read_text_array (ctx, obj, path, "lessons", FALSE, casebook_case_get_lessons (c)) ||
      !_casebook_json_read_each (ctx, obj, path, "notes", FALSE,
                                 (gpointer (*) (void)) casebook_note_new,
                                 (void (*) (gpointer)) casebook_note_free,
                                 (CasebookJsonItemReader) read_note,
                                 casebook_case_get_notes (c)) ||
      !read_failure (ctx, obj, path, &failure))
    return NULL;

  casebook_case_take_failure (c, failure);

  if (!read_source (ctx, obj, path, &source))
    return NULL;
  casebook_case_take_source (c, source);

  if (!_casebook_json_read_personal (ctx, obj, path, c))
    return NULL;

  /* The members have the right types; the rules that tie them together
   * (the order of years, an outcome's unit, the failure section, the
   * source) are the ones the editor checks too. */
  {
    CasebookCheckFlags flags = CASEBOOK_CHECK_FIRST | (ctx->stored ? CASEBOOK_CHECK_STORED : 0);
    g_autoptr(GPtrArray) problems = casebook_case_check (c, flags, NULL, NULL);

    if (problems->len > 0)
      {
        const CasebookProblem *problem = g_ptr_array_index (problems, 0);
        g_autofree char *p = _casebook_json_child_path (path, problem->path);

        _casebook_json_invalid (ctx, p, "%s", problem->message);
        return NULL;
      }
  }

  return g_steal_pointer (&c);
}

static gboolean
read_sector (CasebookJsonCtx *ctx,
             JsonNode        *node,
             const char      *path,
             CasebookSector  *sector)
{
  JsonObject *obj = NULL;

  if (!_casebook_json_read_object (ctx, node, path, &obj) ||
      !_casebook_json_read_key (ctx, obj, path, "key", TRUE, &sector->key) ||
      !_casebook_json_read_text (ctx, obj, path, "name", TRUE, FALSE, &sector->name) ||
      !_casebook_json_check_text_chars (ctx, path, "name", sector->name, CASEBOOK_ONE_LINE) ||
      !_casebook_json_read_string (ctx, obj, path, "color", FALSE, &sector->color))
    return FALSE;

  if (sector->color != NULL)
    {
      if (!casebook_color_is_valid (sector->color))
        {
          g_autofree char *p = _casebook_json_child_path (path, "color");
          g_autofree char *quoted = casebook_quote_value (sector->color);
          /* Translators: %s is a value the file holds; #rrggbb is a
           * colour as HTML writes it, such as #1c71d8 */
          return _casebook_json_invalid (ctx, p, _("“%s” is not a colour of the form #rrggbb"), quoted);
        }
    }

  return TRUE;
}

static gboolean
read_metric (CasebookJsonCtx *ctx,
             JsonNode        *node,
             const char      *path,
             CasebookMetric  *metric)
{
  JsonObject *obj = NULL;

  return _casebook_json_read_object (ctx, node, path, &obj) &&
         _casebook_json_read_key (ctx, obj, path, "key", TRUE, &metric->key) &&
         _casebook_json_read_text (ctx, obj, path, "name", TRUE, FALSE, &metric->name) &&
         _casebook_json_check_text_chars (ctx, path, "name", metric->name, CASEBOOK_ONE_LINE);
}

static gboolean
read_insight_item (CasebookJsonCtx     *ctx,
                   JsonNode            *node,
                   const char          *path,
                   CasebookInsightItem *item)
{
  JsonObject *obj = NULL;

  return _casebook_json_read_object (ctx, node, path, &obj) &&
         _casebook_json_read_key (ctx, obj, path, "sector", FALSE, &item->sector) &&
         _casebook_json_read_text (ctx, obj, path, "title", FALSE, FALSE, &item->title) &&
         _casebook_json_check_text_chars (ctx, path, "title", item->title, CASEBOOK_ONE_LINE) &&
         _casebook_json_read_text (ctx, obj, path, "text", TRUE, FALSE, &item->text) &&
         _casebook_json_check_text_chars (ctx, path, "text", item->text, CASEBOOK_PARAGRAPHS);
}

static gboolean
read_insight_group (CasebookJsonCtx      *ctx,
                    JsonNode             *node,
                    const char           *path,
                    CasebookInsightGroup *group)
{
  JsonObject *obj = NULL;

  return _casebook_json_read_object (ctx, node, path, &obj) &&
         _casebook_json_read_text (ctx, obj, path, "title", TRUE, FALSE, &group->title) &&
         _casebook_json_check_text_chars (ctx, path, "title", group->title, CASEBOOK_ONE_LINE) &&
         _casebook_json_read_each (ctx, obj, path, "items", TRUE,
                                   (gpointer (*) (void)) casebook_insight_item_new,
                                   (void (*) (gpointer)) casebook_insight_item_free,
                                   (CasebookJsonItemReader) read_insight_item,
                                   group->items);
}

static gboolean
topic_is_valid (const char *topic)
{
  static const char * const topics[] = {
    "abstract", "overview", "comparison", "success-factors", "best-practices",
    "trends", "recommendations", "conclusions",
  };

  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    if (g_strcmp0 (topic, topics[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
read_insight (CasebookJsonCtx *ctx,
              JsonNode        *node,
              const char      *path,
              CasebookInsight *insight)
{
  JsonObject *obj = NULL;

  if (!_casebook_json_read_object (ctx, node, path, &obj) ||
      !_casebook_json_read_string (ctx, obj, path, "section", TRUE, &insight->section) ||
      !_casebook_json_read_string (ctx, obj, path, "topic", TRUE, &insight->topic))
    return FALSE;

  if (!topic_is_valid (insight->topic))
    {
      g_autofree char *p = _casebook_json_child_path (path, "topic");
      g_autofree char *quoted = casebook_quote_value (insight->topic);
      /* Translators: %s is a value the file holds; the values in quotes
       * after it are words of the file format and stay as they are */
      return _casebook_json_invalid (ctx, p, _("“%s” is not one of “abstract”, “overview”, “comparison”, "
                                               "“success-factors”, “best-practices”, “trends”, “recommendations” "
                                               "or “conclusions”"),
                                     quoted);
    }

  return _casebook_json_read_text (ctx, obj, path, "title", TRUE, FALSE, &insight->title) &&
         _casebook_json_check_text_chars (ctx, path, "title", insight->title, CASEBOOK_ONE_LINE) &&
         _casebook_json_read_text (ctx, obj, path, "summary", FALSE, FALSE, &insight->summary) &&
         _casebook_json_check_text_chars (ctx, path, "summary", insight->summary, CASEBOOK_PARAGRAPHS) &&
         _casebook_json_read_each (ctx, obj, path, "groups", TRUE,
                                   (gpointer (*) (void)) casebook_insight_group_new,
                                   (void (*) (gpointer)) casebook_insight_group_free,
                                   (CasebookJsonItemReader) read_insight_group,
                                   insight->groups);
}

static gboolean
read_range (CasebookJsonCtx *ctx,
            JsonNode        *node,
            const char      *path,
            CasebookRange   *range)
{
  JsonObject *obj = NULL;
  gboolean present;

  if (!_casebook_json_read_object (ctx, node, path, &obj) ||
      !_casebook_json_read_string (ctx, obj, path, "section", TRUE, &range->section) ||
      !_casebook_json_read_key (ctx, obj, path, "sector", TRUE, &range->sector) ||
      !_casebook_json_read_key (ctx, obj, path, "metric", TRUE, &range->metric) ||
      !_casebook_json_read_number (ctx, obj, path, "min", TRUE, &range->min, &present) ||
      !_casebook_json_read_number (ctx, obj, path, "max", TRUE, &range->max, &present) ||
      !_casebook_json_read_enum (ctx, obj, path, "unit", TRUE, (CasebookJsonEnumParser) casebook_unit_from_key,
                                 _("“percent”, “percent_change” or “times”"), &range->unit) ||
      !_casebook_json_read_enum (ctx, obj, path, "better", TRUE, (CasebookJsonEnumParser) casebook_better_from_key,
                                 _("“higher” or “lower”"), &range->better) ||
      !_casebook_json_read_text (ctx, obj, path, "text", TRUE, FALSE, &range->text) ||
      !_casebook_json_check_text_chars (ctx, path, "text", range->text, CASEBOOK_PARAGRAPHS))
    return FALSE;

  if (range->max < range->min)
    {
      g_autofree char *p = _casebook_json_child_path (path, "max");
      /* Translators: the upper bound, then the lower bound of a range */
      return _casebook_json_invalid (ctx, p, _("the upper bound %g is below the lower bound %g"), range->max, range->min);
    }

  return TRUE;
}

static gboolean
read_reference (CasebookJsonCtx   *ctx,
                JsonNode          *node,
                const char        *path,
                CasebookReference *reference)
{
  JsonObject *obj = NULL;

  return _casebook_json_read_object (ctx, node, path, &obj) &&
         _casebook_json_read_int (ctx, obj, path, "number", TRUE, 1, G_MAXINT32, &reference->number, NULL) &&
         _casebook_json_read_string (ctx, obj, path, "text", TRUE, &reference->text);
}

/* Reads and checks everything but the cases; @cases receives their array
 * (empty when the cases were left out of the tree). */
static gboolean
read_header (CasebookJsonCtx   *ctx,
             JsonNode          *root,
             CasebookDocument  *doc,
             JsonArray        **cases_out)
{
  JsonObject *obj = NULL;
  g_autofree char *format = NULL;
  gint64 version = 0, revision = 0;
  gboolean has_revision = FALSE;
  JsonArray *cases;
  CasebookText *title = NULL;
  g_autoptr(CasebookText) publisher = NULL;
  g_autoptr(GHashTable) sections = g_hash_table_new (g_str_hash, g_str_equal);

  if (!_casebook_json_read_object (ctx, root, "", &obj) ||
      !_casebook_json_read_string (ctx, obj, "", "format", TRUE, &format))
    return FALSE;

  if (g_strcmp0 (format, CASEBOOK_FORMAT_NAME) != 0)
    {
      g_autofree char *quoted = casebook_quote_value (format);
      /* Translators: the format the file names, then the one expected
       * (casebook); both are words of the file format */
      return _casebook_json_invalid (ctx, "format", _("this is not a Casebook collection (format “%s”, expected “%s”)"),
                                     quoted, CASEBOOK_FORMAT_NAME);
    }

  if (!_casebook_json_read_int (ctx, obj, "", "version", TRUE, 1, G_MAXINT32, &version, NULL))
    return FALSE;

  if (version > CASEBOOK_FORMAT_VERSION)
    {
      /* Said like any other refusal, but with its own code, so that a
       * caller can tell a newer file from a damaged one. The version is
       * at most G_MAXINT32, read above. */
      g_autofree char *message =
        /* Translators: the format version the file has, then the one this Casebook reads */
        g_strdup_printf (_("the file was written by a newer Casebook (format version %d); "
                           "this version reads version %d"),
                         (int) version, CASEBOOK_FORMAT_VERSION);

      g_set_error (ctx->error, CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_VERSION,
                   _("%s: %s: %s"), ctx->name, "version", message);
      return FALSE;
    }

  if (!_casebook_json_read_int (ctx, obj, "", "revision", FALSE, 0, G_MAXINT32, &revision, &has_revision) ||
      !_casebook_json_read_text (ctx, obj, "", "title", FALSE, FALSE, &title))
    return FALSE;

  if (!_casebook_json_check_text_chars (ctx, "", "title", title, CASEBOOK_ONE_LINE))
    {
      casebook_text_free (title);
      return FALSE;
    }

  casebook_document_set_revision (doc, has_revision ? revision : 0);
  casebook_document_take_title (doc, title);

  if (!_casebook_json_read_text (ctx, obj, "", "publisher", FALSE, FALSE, &publisher) ||
      !_casebook_json_check_text_chars (ctx, "", "publisher", publisher, CASEBOOK_ONE_LINE))
    return FALSE;
  casebook_document_take_publisher (doc, g_steal_pointer (&publisher));

  if (!_casebook_json_read_each (ctx, obj, "", "sectors", FALSE,
                                 (gpointer (*) (void)) casebook_sector_new,
                                 (void (*) (gpointer)) casebook_sector_free,
                                 (CasebookJsonItemReader) read_sector,
                                 casebook_document_get_sectors (doc)) ||
      !_casebook_json_read_each (ctx, obj, "", "metrics", FALSE,
                                 (gpointer (*) (void)) casebook_metric_new,
                                 (void (*) (gpointer)) casebook_metric_free,
                                 (CasebookJsonItemReader) read_metric,
                                 casebook_document_get_metrics (doc)))
    return FALSE;

  if (!_casebook_json_read_array (ctx, obj, "", "cases", TRUE, &cases))
    return FALSE;

  if (!_casebook_json_read_each (ctx, obj, "", "insights", FALSE,
                                 (gpointer (*) (void)) casebook_insight_new,
                                 (void (*) (gpointer)) casebook_insight_free,
                                 (CasebookJsonItemReader) read_insight,
                                 casebook_document_get_insights (doc)) ||
      !_casebook_json_read_each (ctx, obj, "", "ranges", FALSE,
                                 (gpointer (*) (void)) casebook_range_new,
                                 (void (*) (gpointer)) casebook_range_free,
                                 (CasebookJsonItemReader) read_range,
                                 casebook_document_get_ranges (doc)) ||
      !_casebook_json_read_each (ctx, obj, "", "references", FALSE,
                                 (gpointer (*) (void)) casebook_reference_new,
                                 (void (*) (gpointer)) casebook_reference_free,
                                 (CasebookJsonItemReader) read_reference,
                                 casebook_document_get_references (doc)) ||
      !_casebook_json_read_collections (ctx, obj, doc))
    return FALSE;

  for (guint i = 0; i < casebook_document_get_insights (doc)->len; i++)
    {
      CasebookInsight *insight = g_ptr_array_index (casebook_document_get_insights (doc), i);

      if (!g_hash_table_add (sections, insight->section))
        {
          g_autofree char *p = g_strdup_printf ("insights[%u].section", i);
          g_autofree char *quoted = casebook_quote_value (insight->section);
          /* Translators: %s is a section number, such as 4.2 */
          return _casebook_json_invalid (ctx, p, _("the section “%s” appears twice"), quoted);
        }
    }

  *cases_out = cases;
  return TRUE;
}

struct _CasebookJsonStream
{
  char       *name;
  const char *data;
  gsize       length;
  JsonParser *parser;      /* the tree of everything but the cases */
  JsonArray  *cases;       /* the cases, when they are in that tree */
  GArray     *spans;       /* otherwise where each case lies in @data */
  JsonParser *case_parser; /* the tree of the case read last */
  GString    *scratch;     /* the bytes of that case, without their spaces */
  GHashTable *ids;
  CasebookDocument *header; /* for the collections, checked after the last case */
};

/**
 * casebook_json_stream_open:
 * @data: the bytes of an interchange file; they must outlive the stream
 * @length: their length
 * @name: the file name, used in messages
 * @header: (out) (transfer full): everything in the file but its cases
 *
 * Checks the syntax of the whole file and reads and checks everything
 * but the cases, which casebook_json_stream_read_case() then parses,
 * reads and checks one at a time: only one case's json-glib tree exists
 * at any time, and a large import can check a case while it writes the
 * one before.
 *
 * Returns: (transfer full) (nullable): the stream
 */
CasebookJsonStream *
casebook_json_stream_open (const char        *data,
                           gsize              length,
                           const char        *name,
                           CasebookDocument **header,
                           GError           **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GArray) spans = NULL;
  CasebookJsonStream *stream;
  CasebookJsonCtx ctx = { name, error };
  JsonArray *cases = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (header != NULL, NULL);

  if (data == NULL)
    data = "";

  root = _casebook_json_parse_split (data, length, name, &parser, &spans, error);
  if (root == NULL)
    return NULL;

  doc = casebook_document_new ();
  if (!read_header (&ctx, root, doc, &cases))
    return NULL;

  stream = g_new0 (CasebookJsonStream, 1);
  stream->name = g_strdup (name);
  stream->data = data;
  stream->length = length;
  stream->parser = g_steal_pointer (&parser);
  stream->spans = g_steal_pointer (&spans);
  stream->cases = stream->spans == NULL ? cases : NULL;
  stream->case_parser = json_parser_new_immutable ();
  stream->scratch = g_string_new (NULL);
  stream->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stream->header = g_object_ref (doc);

  /* With no case to read, the collections are checked now; otherwise
   * once the last case is read. */
  if (casebook_json_stream_get_n_cases (stream) == 0 &&
      !_casebook_json_check_collection_cases (&ctx, doc, stream->ids))
    {
      casebook_json_stream_free (stream);
      return NULL;
    }

  *header = g_steal_pointer (&doc);
  return stream;
}

/**
 * casebook_json_stream_get_n_cases:
 *
 * Returns: how many cases the stream holds
 */
guint
casebook_json_stream_get_n_cases (CasebookJsonStream *stream)
{
  g_return_val_if_fail (stream != NULL, 0);

  if (stream->spans != NULL)
    return stream->spans->len;
  return json_array_get_length (stream->cases);
}

/**
 * casebook_json_stream_get_case_offset:
 * @index: which case
 *
 * Where case @index starts in the stream's bytes: a reader that has
 * read the cases before it no longer needs the bytes before this, and
 * may let the system have their memory back.
 *
 * Returns: the offset in bytes, or 0 when the cases were read with the
 *   rest of the file (a document the syntax pass could not split)
 */
gsize
casebook_json_stream_get_case_offset (CasebookJsonStream *stream,
                                      guint               index)
{
  g_return_val_if_fail (stream != NULL, 0);
  g_return_val_if_fail (index < casebook_json_stream_get_n_cases (stream), 0);

  if (stream->spans == NULL)
    return 0;
  return g_array_index (stream->spans, CasebookJsonSpan, index).start;
}

/**
 * casebook_json_stream_read_case:
 * @index: which case; cases must be read in order, from 0
 *
 * Returns: (transfer full) (nullable): the checked case
 */
CasebookCase *
casebook_json_stream_read_case (CasebookJsonStream  *stream,
                                guint                index,
                                GError             **error)
{
  CasebookJsonCtx ctx = { stream->name, error };
  g_autofree char *p = NULL;
  g_autoptr(CasebookCase) c = NULL;
  JsonNode *node;

  g_return_val_if_fail (stream != NULL, NULL);
  g_return_val_if_fail (index < casebook_json_stream_get_n_cases (stream), NULL);

  if (stream->spans != NULL)
    {
      node = _casebook_json_parse_span (stream->case_parser, stream->scratch, stream->data, stream->length,
                                        &g_array_index (stream->spans, CasebookJsonSpan, index),
                                        stream->name, error);
      if (node == NULL)
        return NULL;
    }
  else
    node = json_array_get_element (stream->cases, index);

  /* The path is the case's place in the whole file, as if json-glib had
   * parsed all of it. */
  p = _casebook_json_index_path ("cases", index);
  c = read_case (&ctx, node, p);
  if (c == NULL)
    return NULL;

  if (g_hash_table_contains (stream->ids, casebook_case_get_id (c)))
    {
      g_autofree char *idp = _casebook_json_child_path (p, "id");
      /* Translators: %s is the id of a case, such as report-2.1 */
      _casebook_json_invalid (&ctx, idp, _("the id “%s” is used by an earlier case in this file"),
                              casebook_case_get_id (c));
      return NULL;
    }

  g_hash_table_add (stream->ids, g_strdup (casebook_case_get_id (c)));

  /* The collections may name only cases the file holds: known once the
   * last case is read, and refused before the caller keeps anything. */
  if (index + 1 == casebook_json_stream_get_n_cases (stream) &&
      !_casebook_json_check_collection_cases (&ctx, stream->header, stream->ids))
    return NULL;

  return g_steal_pointer (&c);
}

/**
 * casebook_json_stream_free:
 *
 * Frees @stream.
 */
void
casebook_json_stream_free (CasebookJsonStream *stream)
{
  if (stream == NULL)
    return;

  g_clear_object (&stream->parser);
  g_clear_object (&stream->case_parser);
  if (stream->scratch != NULL)
    g_string_free (stream->scratch, TRUE);
  g_clear_pointer (&stream->spans, g_array_unref);
  g_clear_pointer (&stream->ids, g_hash_table_unref);
  g_clear_object (&stream->header);
  g_free (stream->name);
  g_free (stream);
}

/**
 * casebook_json_read_document:
 * @data: the bytes of an interchange file
 * @length: their length
 * @name: the file name, used in messages
 *
 * Parses and validates a whole collection. Nothing is returned unless
 * every field of every case is valid.
 *
 * Returns: (transfer full) (nullable): the document
 */
CasebookDocument *
casebook_json_read_document (const char  *data,
                             gsize        length,
                             const char  *name,
                             GError     **error)
{
  g_autoptr(CasebookJsonStream) stream = NULL;
  g_autoptr(CasebookDocument) doc = NULL;
  guint n_cases;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stream = casebook_json_stream_open (data, length, name, &doc, error);
  if (stream == NULL)
    return NULL;

  n_cases = casebook_json_stream_get_n_cases (stream);
  for (guint i = 0; i < n_cases; i++)
    {
      CasebookCase *c = casebook_json_stream_read_case (stream, i, error);

      if (c == NULL)
        return NULL;
      g_ptr_array_add (casebook_document_get_cases (doc), c);
    }

  return g_steal_pointer (&doc);
}

/**
 * casebook_json_case_from_string:
 *
 * Reads one case as the store keeps it.
 *
 * Returns: (transfer full) (nullable): the case
 */
CasebookCase *
casebook_json_case_from_string (const char  *json,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  CasebookJsonCtx ctx = { "store", error, TRUE };
  JsonNode *root;

  root = _casebook_json_parse (json, strlen (json), "store", &parser, error);
  if (root == NULL)
    return NULL;

  return read_case (&ctx, root, "case");
}

/**
 * casebook_json_insight_from_string:
 *
 * Returns: (transfer full) (nullable): the insight section
 */
CasebookInsight *
casebook_json_insight_from_string (const char  *json,
                                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(CasebookInsight) insight = casebook_insight_new ();
  CasebookJsonCtx ctx = { "store", error };
  JsonNode *root;

  root = _casebook_json_parse (json, strlen (json), "store", &parser, error);
  if (root == NULL || !read_insight (&ctx, root, "insight", insight))
    return NULL;

  return g_steal_pointer (&insight);
}
