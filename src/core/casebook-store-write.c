/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "casebook-collate.h"
#include "casebook-json.h"
#include "casebook-store-file.h"
#include "casebook-store-private.h"

/* Writing a case into the store, with the columns and rows derived from
 * it for listing, filtering, charts and search; and writing the sectors,
 * metric families and report material a collection brings. Importing,
 * the bundled refresh and the editor all write through here, inside a
 * transaction of their own. */

/* Colours for sectors that a user's file adds without naming one. They
 * come from the GNOME palette and stay apart from the four built-in ones. */
static const char * const extra_sector_colors[] = {
  "#c01c28", "#986a44", "#1a5fb4", "#26a269", "#a51d2d", "#613583",
  "#63452c", "#c64600", "#5e5c64", "#e5a50a", "#3584e4", "#2ec27e",
};

/* A new sector gets a colour that no other sector has yet. */
static const char *
pick_color (GPtrArray *sectors)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < sectors->len; i++)
    g_hash_table_add (used, ((CasebookSector *) g_ptr_array_index (sectors, i))->color);
  for (guint i = 0; i < G_N_ELEMENTS (extra_sector_colors); i++)
    if (!g_hash_table_contains (used, extra_sector_colors[i]))
      return extra_sector_colors[i];

  return extra_sector_colors[sectors->len % G_N_ELEMENTS (extra_sector_colors)];
}

static gboolean
ensure_sector (CasebookStore  *self,
               const char     *key,
               GError        **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) sectors = NULL;
  const char *color = NULL;
  int rc;

  stmt = _casebook_store_prepare (self, "SELECT 1 FROM sectors WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _casebook_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;

  sectors = casebook_store_list_sectors (self, error);
  if (sectors == NULL)
    return FALSE;
  color = pick_color (sectors);

  stmt = _casebook_store_prepare (self,
                                  "INSERT INTO sectors (key, position, color) "
                                  "VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM sectors), ?2)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _casebook_store_bind_text (stmt, 1, key);
  _casebook_store_bind_text (stmt, 2, color);

  return _casebook_store_step_done (self, stmt, error);
}

gboolean
_casebook_store_write_sector (CasebookStore         *self,
                              const CasebookSector  *sector,
                              CasebookImportMode     mode,
                              GError               **error)
{
  const char * const *builtin;
  sqlite3_stmt *stmt;

  if (!ensure_sector (self, sector->key, error))
    return FALSE;

  /* Skipping keeps what the person chose, but a built-in sector's own name
   * and colour are no choice of theirs: a file's names win over them, so
   * that an export imported into a new store gives that export back. */
  if (mode == CASEBOOK_IMPORT_SKIP)
    stmt = _casebook_store_prepare (self,
                                    "UPDATE sectors SET name_zh = ?2, name_en = ?3, color = coalesce(?4, color) "
                                    "WHERE key = ?1 AND ((name_zh IS NULL AND name_en IS NULL) "
                                    "                    OR (name_zh IS ?5 AND name_en IS ?6 AND color IS ?7))",
                                    error);
  else
    stmt = _casebook_store_prepare (self,
                                    "UPDATE sectors SET name_zh = ?2, name_en = ?3, color = coalesce(?4, color) "
                                    "WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;

  _casebook_store_bind_text (stmt, 1, sector->key);
  _casebook_store_bind_text (stmt, 2, sector->name->zh);
  _casebook_store_bind_text (stmt, 3, sector->name->en);
  _casebook_store_bind_text (stmt, 4, sector->color);

  if (mode == CASEBOOK_IMPORT_SKIP && (builtin = _casebook_store_builtin_sector (sector->key)) != NULL)
    {
      _casebook_store_bind_text (stmt, 5, builtin[1]);
      _casebook_store_bind_text (stmt, 6, builtin[2]);
      _casebook_store_bind_text (stmt, 7, builtin[3]);
    }

  return _casebook_store_step_done (self, stmt, error);
}

gboolean
_casebook_store_write_metric (CasebookStore         *self,
                              const CasebookMetric  *metric,
                              CasebookImportMode     mode,
                              GError               **error)
{
  sqlite3_stmt *stmt;

  if (mode == CASEBOOK_IMPORT_SKIP)
    stmt = _casebook_store_prepare (self,
                                    "INSERT INTO metrics (key, position, name_zh, name_en) "
                                    "VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM metrics), ?2, ?3) "
                                    "ON CONFLICT (key) DO NOTHING", error);
  else
    stmt = _casebook_store_prepare (self,
                                    "INSERT INTO metrics (key, position, name_zh, name_en) "
                                    "VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM metrics), ?2, ?3) "
                                    "ON CONFLICT (key) DO UPDATE SET name_zh = excluded.name_zh, "
                                    "name_en = excluded.name_en", error);
  if (stmt == NULL)
    return FALSE;

  _casebook_store_bind_text (stmt, 1, metric->key);
  _casebook_store_bind_text (stmt, 2, metric->name->zh);
  _casebook_store_bind_text (stmt, 3, metric->name->en);

  return _casebook_store_step_done (self, stmt, error);
}

/* Looks a case up by id. Returns TRUE and sets @nr (or -1 when absent). */
gboolean
_casebook_store_find_case (CasebookStore   *self,
                           const char      *id,
                           gint64          *nr,
                           CasebookOrigin  *origin,
                           GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _casebook_store_prepare (self, "SELECT c.nr, " CASEBOOK_STORE_ORIGIN_SQL ("c") " FROM cases c WHERE c.id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  _casebook_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  *nr = -1;
  if (rc == SQLITE_ROW)
    {
      *nr = sqlite3_column_int64 (stmt, 0);
      if (origin != NULL)
        *origin = _casebook_store_origin_from_text (_casebook_store_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _casebook_store_set_sqlite_error (error, self->db, _("Could not look up a case"));

  return TRUE;
}

static gboolean
delete_derived (CasebookStore  *self,
                gint64          nr,
                GError        **error)
{
  static const char * const statements[] = {
    "DELETE FROM outcomes WHERE case_nr = ?1",
    "DELETE FROM technologies WHERE case_nr = ?1",
    "DELETE FROM case_fts WHERE rowid = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = _casebook_store_prepare (self, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, nr);
      if (!_casebook_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* What writing a case needs that takes no store: its JSON, its sort keys
 * and its search text. A large import prepares cases on a second thread
 * while the first one writes (see casebook-store-import.c). */
struct _CasebookStorePrepared
{
  char    *doc;
  char    *sort_zh;
  char    *sort_en;
  GString *title;
  GString *body;
};

/* The case as the store keeps it: the text of `cases.doc`. */
const char *
_casebook_store_prepared_get_doc (const CasebookStorePrepared *prep)
{
  return prep->doc;
}

void
_casebook_store_prepared_free (CasebookStorePrepared *prep)
{
  if (prep == NULL)
    return;

  g_free (prep->doc);
  g_free (prep->sort_zh);
  g_free (prep->sort_en);
  g_string_free (prep->title, TRUE);
  g_string_free (prep->body, TRUE);
  g_free (prep);
}

CasebookStorePrepared *
_casebook_store_prepare_case (CasebookCase *c)
{
  CasebookStorePrepared *prep = g_new0 (CasebookStorePrepared, 1);
  const CasebookText *title = casebook_case_get_title (c);

  /* The person's note and tags are kept apart from the case's data
   * (casebook-store-personal.c), never in its document, and
   * casebook_json_case_to_string () leaves them out. */
  prep->doc = casebook_json_case_to_string (c);
  prep->sort_zh = casebook_collate_key (casebook_text_get (title, CASEBOOK_LANG_ZH), CASEBOOK_LANG_ZH);
  prep->sort_en = casebook_collate_key (casebook_text_get (title, CASEBOOK_LANG_EN), CASEBOOK_LANG_EN);
  prep->title = g_string_new (NULL);
  prep->body = g_string_new (NULL);
  casebook_case_append_search_text (c, prep->title, prep->body);

  return prep;
}

static gboolean
write_derived (CasebookStore                *self,
               CasebookCase                 *c,
               const CasebookStorePrepared  *prep,
               gint64                        nr,
               GError                      **error)
{
  GPtrArray *outcomes = casebook_case_get_outcomes (c);
  GPtrArray *stack = casebook_case_get_stack (c);
  sqlite3_stmt *stmt;

  for (guint i = 0; i < outcomes->len; i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (outcomes, i);

      stmt = _casebook_store_prepare (self,
                                      "INSERT INTO outcomes (case_nr, position, metric, value, unit, baseline, better) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, nr);
      sqlite3_bind_int (stmt, 2, (int) i);
      _casebook_store_bind_text (stmt, 3, outcome->metric);
      if (outcome->has_value)
        sqlite3_bind_double (stmt, 4, outcome->value);
      _casebook_store_bind_text (stmt, 5, casebook_unit_to_key (outcome->unit));
      if (outcome->has_baseline)
        sqlite3_bind_double (stmt, 6, outcome->baseline);
      _casebook_store_bind_text (stmt, 7, casebook_better_to_key (outcome->better));

      if (!_casebook_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < stack->len; i++)
    {
      const CasebookStackItem *item = g_ptr_array_index (stack, i);

      stmt = _casebook_store_prepare (self,
                                      "INSERT OR IGNORE INTO technologies (case_nr, product, family) "
                                      "VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, nr);
      _casebook_store_bind_text (stmt, 2, casebook_text_get (item->product, CASEBOOK_LANG_EN));
      _casebook_store_bind_text (stmt, 3, item->family);

      if (!_casebook_store_step_done (self, stmt, error))
        return FALSE;
    }

  /* The body ends with the note and tags the store keeps for the case's
   * id, as the view case_fts_source gives it. */
  stmt = _casebook_store_prepare (self,
                                  "INSERT INTO case_fts (rowid, title, body) "
                                  "VALUES (?1, ?2, ?3 || " CASEBOOK_STORE_PERSONAL_TEXT ("?4") ")", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, nr);
  _casebook_store_bind_text (stmt, 4, casebook_case_get_id (c));
  sqlite3_bind_text (stmt, 2, prep->title->str, (int) prep->title->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, prep->body->str, (int) prep->body->len, SQLITE_STATIC);

  return _casebook_store_step_done (self, stmt, error);
}

/* The size band a case is filtered by: the one its source states, or else
 * the band of its headcount (report section 1.3); "" when neither is
 * known. */
static const char *
size_band_key (CasebookCase *c)
{
  CasebookSize size = casebook_case_get_size (c);

  if (size == CASEBOOK_SIZE_UNKNOWN)
    size = casebook_size_for_employees (casebook_case_get_employees (c));

  return size == CASEBOOK_SIZE_UNKNOWN ? "" : casebook_size_to_key (size);
}

/* The number of cases (schema 7) goes up and down with the rows of
 * `cases`, in the same transaction: this file's two statements that add
 * and remove rows are the only ones, and each calls this. Triggers would
 * do it as well, but a statement that fires one, like an update that
 * may change more than one row, makes SQLite keep a statement journal
 * inside a transaction, and an import then wrote twenty times as much;
 * hence also the update names its one row. */
static gboolean
count_cases (CasebookStore  *self,
             int             change,
             GError        **error)
{
  sqlite3_stmt *stmt = _casebook_store_prepare (self, "UPDATE case_count SET n = n + ?1 WHERE one = 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, change);
  self->n_cases = -1;

  return _casebook_store_step_done (self, stmt, error);
}

/* Writes @c over the case numbered @nr (@update), or as a new case: with
 * the number @nr when it is not negative (undoing a deletion), or else
 * with the next free one. */
gboolean
_casebook_store_write_case_row (CasebookStore                *self,
                                CasebookCase                 *c,
                                const CasebookStorePrepared  *prep,
                                CasebookOrigin                origin,
                                gint64                        nr,
                                gboolean                      update,
                                GError                      **error)
{
  g_autoptr(CasebookStorePrepared) own = NULL;
  const CasebookOutcome *outcome = casebook_case_get_headline (c);
  const CasebookFailure *failure = casebook_case_get_failure (c);
  const CasebookText *title = casebook_case_get_title (c);
  const CasebookText *headline = NULL;
  const CasebookText *organization = casebook_case_get_organization (c);
  const CasebookText *subsector = casebook_case_get_subsector (c);
  g_autofree char *sort_period = NULL;
  g_autofree char *sort_size = NULL;
  sqlite3_stmt *stmt;
  int start, end;
  gint64 employees = casebook_case_get_employees (c);

  if (prep == NULL)
    prep = own = _casebook_store_prepare_case (c);

  /* Sort keys are text, so that one cursor type serves every order: the
   * period by its first year (cases without one last), the size by
   * headcount, largest first (the stated band when there is no count). */
  if (casebook_case_get_period (c, &start, &end))
    sort_period = g_strdup_printf ("%04d-%04d", start, end);
  else
    sort_period = g_strdup ("9999");

  if (employees < 0)
    {
      switch (casebook_case_get_size (c))
        {
        case CASEBOOK_SIZE_LARGE: employees = 10001; break;
        case CASEBOOK_SIZE_MEDIUM: employees = 1000; break;
        case CASEBOOK_SIZE_SMALL: employees = 0; break;
        case CASEBOOK_SIZE_UNKNOWN:
        default: employees = -1; break;
        }
    }
  sort_size = g_strdup_printf ("%010" G_GINT64_FORMAT, G_GINT64_CONSTANT (1000000000) - employees);

  /* A list row shows the headline outcome; a failure case without
   * outcomes shows what went wrong instead. */
  if (outcome != NULL)
    headline = outcome->text;
  else if (failure != NULL)
    headline = failure->problem;

  if (!ensure_sector (self, casebook_case_get_sector (c), error))
    return FALSE;

  if (update)
    {
      if (!delete_derived (self, nr, error))
        return FALSE;

      stmt = _casebook_store_prepare (self,
                                      "UPDATE cases SET id = ?2, origin = ?3, kind = ?4, sector = ?5, "
                                      "title_zh = ?6, title_en = ?7, organization_zh = ?8, organization_en = ?9, "
                                      "headline_zh = ?10, headline_en = ?11, size = ?12, employees = ?13, "
                                      "period_start = ?14, period_end = ?15, approach = ?16, "
                                      "sort_title_zh = ?17, sort_title_en = ?18, doc = ?19, "
                                      "subsector_zh = ?20, subsector_en = ?21, subsector_key = ?22, "
                                      "size_band = ?23, sort_period = ?24, sort_size = ?25, subscription = NULL WHERE nr = ?1",
                                      error);
    }
  else
    {
      stmt = _casebook_store_prepare (self,
                                      "INSERT INTO cases (nr, id, origin, kind, sector, title_zh, title_en, "
                                      "organization_zh, organization_en, headline_zh, headline_en, size, employees, "
                                      "period_start, period_end, approach, sort_title_zh, sort_title_en, doc, "
                                      "subsector_zh, subsector_en, subsector_key, size_band, sort_period, sort_size) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                                      "?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)", error);
    }
  if (stmt == NULL)
    return FALSE;

  if (nr >= 0)
    sqlite3_bind_int64 (stmt, 1, nr);
  else
    sqlite3_bind_null (stmt, 1);
  _casebook_store_bind_text (stmt, 2, casebook_case_get_id (c));
  _casebook_store_bind_text (stmt, 3, origin == CASEBOOK_ORIGIN_BUNDLED ? "bundled" : "own");
  _casebook_store_bind_text (stmt, 4, casebook_kind_to_key (casebook_case_get_kind (c)));
  _casebook_store_bind_text (stmt, 5, casebook_case_get_sector (c));
  _casebook_store_bind_text (stmt, 6, title->zh);
  _casebook_store_bind_text (stmt, 7, title->en);
  _casebook_store_bind_text (stmt, 8, organization->zh);
  _casebook_store_bind_text (stmt, 9, organization->en);
  _casebook_store_bind_text (stmt, 10, headline != NULL ? headline->zh : NULL);
  _casebook_store_bind_text (stmt, 11, headline != NULL ? headline->en : NULL);
  _casebook_store_bind_text (stmt, 12, casebook_size_to_key (casebook_case_get_size (c)));
  if (casebook_case_get_employees (c) >= 0)
    sqlite3_bind_int64 (stmt, 13, casebook_case_get_employees (c));
  if (casebook_case_get_period (c, &start, &end))
    {
      sqlite3_bind_int (stmt, 14, start);
      sqlite3_bind_int (stmt, 15, end);
    }
  _casebook_store_bind_text (stmt, 16, casebook_approach_to_key (casebook_case_get_approach (c)));
  _casebook_store_bind_text (stmt, 17, prep->sort_zh);
  _casebook_store_bind_text (stmt, 18, prep->sort_en);
  sqlite3_bind_text (stmt, 19, prep->doc, -1, SQLITE_STATIC);
  _casebook_store_bind_text (stmt, 20, subsector != NULL ? subsector->zh : NULL);
  _casebook_store_bind_text (stmt, 21, subsector != NULL ? subsector->en : NULL);
  _casebook_store_bind_text (stmt, 22, casebook_text_is_empty (subsector) ? NULL
                                       : casebook_text_get (subsector, CASEBOOK_LANG_EN));
  _casebook_store_bind_text (stmt, 23, size_band_key (c));
  _casebook_store_bind_text (stmt, 24, sort_period);
  _casebook_store_bind_text (stmt, 25, sort_size);

  if (!_casebook_store_step_done (self, stmt, error))
    return FALSE;

  if (nr < 0)
    nr = sqlite3_last_insert_rowid (self->db);

  if (!update && !count_cases (self, +1, error))
    return FALSE;

  return write_derived (self, c, prep, nr, error);
}

/* Writes @c as a new case (@nr < 0) or over the case numbered @nr. */
gboolean
_casebook_store_write_case (CasebookStore                *self,
                            CasebookCase                 *c,
                            const CasebookStorePrepared  *prep,
                            CasebookOrigin                origin,
                            gint64                        nr,
                            GError                      **error)
{
  return _casebook_store_write_case_row (self, c, prep, origin, nr, nr >= 0, error);
}

gboolean
_casebook_store_delete_case_nr (CasebookStore  *self,
                                gint64          nr,
                                GError        **error)
{
  sqlite3_stmt *stmt;

  if (!delete_derived (self, nr, error))
    return FALSE;

  stmt = _casebook_store_prepare (self, "DELETE FROM cases WHERE nr = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, nr);

  if (!_casebook_store_step_done (self, stmt, error))
    return FALSE;

  return sqlite3_changes (self->db) == 0 || count_cases (self, -1, error);
}

static gboolean
write_insight (CasebookStore          *self,
               const CasebookInsight  *insight,
               CasebookImportMode      mode,
               GError                **error)
{
  g_autofree char *doc = casebook_json_insight_to_string (insight);
  sqlite3_stmt *stmt;

  if (mode == CASEBOOK_IMPORT_SKIP)
    stmt = _casebook_store_prepare (self,
                                    "INSERT INTO insights (section, position, topic, doc) "
                                    "VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM insights), ?2, ?3) "
                                    "ON CONFLICT (section) DO NOTHING", error);
  else
    stmt = _casebook_store_prepare (self,
                                    "INSERT INTO insights (section, position, topic, doc) "
                                    "VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM insights), ?2, ?3) "
                                    "ON CONFLICT (section) DO UPDATE SET topic = excluded.topic, doc = excluded.doc",
                                    error);
  if (stmt == NULL)
    return FALSE;

  _casebook_store_bind_text (stmt, 1, insight->section);
  _casebook_store_bind_text (stmt, 2, insight->topic);
  _casebook_store_bind_text (stmt, 3, doc);

  return _casebook_store_step_done (self, stmt, error);
}

static gboolean
write_range (CasebookStore        *self,
             const CasebookRange  *range,
             CasebookImportMode    mode,
             GError              **error)
{
  sqlite3_stmt *stmt;

  if (mode == CASEBOOK_IMPORT_SKIP)
    stmt = _casebook_store_prepare (self,
                                    "INSERT INTO ranges (position, section, sector, metric, min, max, unit, better, "
                                    "text_zh, text_en) VALUES ((SELECT coalesce(max(position), 0) + 1 FROM ranges), "
                                    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                                    "ON CONFLICT (section, sector, metric) DO NOTHING", error);
  else
    stmt = _casebook_store_prepare (self,
                                    "INSERT INTO ranges (position, section, sector, metric, min, max, unit, better, "
                                    "text_zh, text_en) VALUES ((SELECT coalesce(max(position), 0) + 1 FROM ranges), "
                                    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                                    "ON CONFLICT (section, sector, metric) DO UPDATE SET min = excluded.min, "
                                    "max = excluded.max, unit = excluded.unit, better = excluded.better, "
                                    "text_zh = excluded.text_zh, text_en = excluded.text_en", error);
  if (stmt == NULL)
    return FALSE;

  _casebook_store_bind_text (stmt, 1, range->section);
  _casebook_store_bind_text (stmt, 2, range->sector);
  _casebook_store_bind_text (stmt, 3, range->metric);
  sqlite3_bind_double (stmt, 4, range->min);
  sqlite3_bind_double (stmt, 5, range->max);
  _casebook_store_bind_text (stmt, 6, casebook_unit_to_key (range->unit));
  _casebook_store_bind_text (stmt, 7, casebook_better_to_key (range->better));
  _casebook_store_bind_text (stmt, 8, range->text->zh);
  _casebook_store_bind_text (stmt, 9, range->text->en);

  if (!_casebook_store_step_done (self, stmt, error))
    return FALSE;

  return ensure_sector (self, range->sector, error);
}

static gboolean
write_reference (CasebookStore            *self,
                 const CasebookReference  *reference,
                 CasebookImportMode        mode,
                 GError                  **error)
{
  sqlite3_stmt *stmt;

  if (mode == CASEBOOK_IMPORT_SKIP)
    stmt = _casebook_store_prepare (self,
                                    "INSERT INTO refs (number, text) VALUES (?1, ?2) "
                                    "ON CONFLICT (number) DO NOTHING", error);
  else
    stmt = _casebook_store_prepare (self,
                                    "INSERT INTO refs (number, text) VALUES (?1, ?2) "
                                    "ON CONFLICT (number) DO UPDATE SET text = excluded.text", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, reference->number);
  _casebook_store_bind_text (stmt, 2, reference->text);

  return _casebook_store_step_done (self, stmt, error);
}

gboolean
_casebook_store_write_extras (CasebookStore       *self,
                              CasebookDocument    *document,
                              CasebookImportMode   mode,
                              GError             **error)
{
  GPtrArray *array;

  array = casebook_document_get_sectors (document);
  for (guint i = 0; i < array->len; i++)
    if (!_casebook_store_write_sector (self, g_ptr_array_index (array, i), mode, error))
      return FALSE;

  array = casebook_document_get_metrics (document);
  for (guint i = 0; i < array->len; i++)
    if (!_casebook_store_write_metric (self, g_ptr_array_index (array, i), mode, error))
      return FALSE;

  array = casebook_document_get_insights (document);
  for (guint i = 0; i < array->len; i++)
    if (!write_insight (self, g_ptr_array_index (array, i), mode, error))
      return FALSE;

  array = casebook_document_get_ranges (document);
  for (guint i = 0; i < array->len; i++)
    if (!write_range (self, g_ptr_array_index (array, i), mode, error))
      return FALSE;

  array = casebook_document_get_references (document);
  for (guint i = 0; i < array->len; i++)
    if (!write_reference (self, g_ptr_array_index (array, i), mode, error))
      return FALSE;

  return TRUE;
}

/**
 * casebook_store_pick_sector_color:
 *
 * Returns: (transfer full): the colour a sector added now would get, one
 *   that no other sector has while the palette lasts
 */
char *
casebook_store_pick_sector_color (CasebookStore *self)
{
  g_autoptr(GPtrArray) sectors = NULL;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  sectors = casebook_store_list_sectors (self, NULL);
  if (sectors == NULL)
    sectors = g_ptr_array_new ();

  return g_strdup (pick_color (sectors));
}

/* Refuses to start a change to a store that was opened read-only, and
 * says what stands in the way. */
gboolean
_casebook_store_check_writable (CasebookStore  *self,
                                GError        **error)
{
  if (self->read_only)
    {
      g_autofree char *dir = _casebook_store_file_is_uri (self->path) ? NULL : g_path_get_dirname (self->path);

      /* The store file itself may be writable: say what stands in the way. */
      if (dir != NULL && access (self->path, W_OK) == 0 && !_casebook_store_file_folder_is_writable (self->path))
        g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY,
                     _("The store “%s” is read-only; nothing was changed. Its folder “%s” may not be "
                       "written to by this user, and the store cannot be changed without files beside "
                       "it: ask for write access to the folder, or move the store to a folder of your own"),
                     self->path, dir);
      else
        g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY,
                     _("The store “%s” is read-only; nothing was changed"), self->path);
      return FALSE;
    }
  return TRUE;
}
