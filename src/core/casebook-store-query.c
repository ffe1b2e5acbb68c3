/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-escape.h"
#include "casebook-json.h"
#include "casebook-store-private.h"
#include "casebook-tokenizer.h"

/* Reading cases: one whole case, and the summaries of the cases a filter
 * lets through, a page at a time in any order, counted, skipped over by
 * pages, or the position of one of them; and the cases related to one. */

/* Sort orders. Each is: the key columns a row reports for its cursor,
 * the ORDER BY list (ending with the row number, which breaks every tie),
 * the two sides of the row-value comparison that starts a page after
 * a cursor, and that left side again with its first key written so that
 * no index of the order can serve it (see POSITION_). The title order has
 * one key, the others two. */
#define O_TITLE_ZH   "c.sort_title_zh, NULL", "c.sort_title_zh, c.nr", "(c.sort_title_zh, c.nr)", "(:k1, :nr)", \
                     "(+c.sort_title_zh, c.nr)"
#define O_TITLE_EN   "c.sort_title_en, NULL", "c.sort_title_en, c.nr", "(c.sort_title_en, c.nr)", "(:k1, :nr)", \
                     "(+c.sort_title_en, c.nr)"
#define O_SECTOR_ZH  "c.sector, c.sort_title_zh", "c.sector, c.sort_title_zh, c.nr", \
                     "(c.sector, c.sort_title_zh, c.nr)", "(:k1, :k2, :nr)", "(+c.sector, c.sort_title_zh, c.nr)"
#define O_SECTOR_EN  "c.sector, c.sort_title_en", "c.sector, c.sort_title_en, c.nr", \
                     "(c.sector, c.sort_title_en, c.nr)", "(:k1, :k2, :nr)", "(+c.sector, c.sort_title_en, c.nr)"
#define O_PERIOD_ZH  "c.sort_period, c.sort_title_zh", "c.sort_period, c.sort_title_zh, c.nr", \
                     "(c.sort_period, c.sort_title_zh, c.nr)", "(:k1, :k2, :nr)", \
                     "(+c.sort_period, c.sort_title_zh, c.nr)"
#define O_PERIOD_EN  "c.sort_period, c.sort_title_en", "c.sort_period, c.sort_title_en, c.nr", \
                     "(c.sort_period, c.sort_title_en, c.nr)", "(:k1, :k2, :nr)", \
                     "(+c.sort_period, c.sort_title_en, c.nr)"
#define O_SIZE_ZH    "c.sort_size, c.sort_title_zh", "c.sort_size, c.sort_title_zh, c.nr", \
                     "(c.sort_size, c.sort_title_zh, c.nr)", "(:k1, :k2, :nr)", "(+c.sort_size, c.sort_title_zh, c.nr)"
#define O_SIZE_EN    "c.sort_size, c.sort_title_en", "c.sort_size, c.sort_title_en, c.nr", \
                     "(c.sort_size, c.sort_title_en, c.nr)", "(:k1, :k2, :nr)", "(+c.sort_size, c.sort_title_en, c.nr)"

/* With no filter, the statements leave out the filter terms, so that a
 * page, or a skip over many pages, reads the sort index alone. */
#define W_ALL  F_ALL
#define W_NONE "1"

#define LIST_FIRST_(w, keys, order, lhs, rhs, unindexed) \
  "SELECT " SUMMARY_COLUMNS ", " keys " FROM cases c WHERE " w " ORDER BY " order " LIMIT :limit"
#define LIST_NEXT_(w, keys, order, lhs, rhs, unindexed) \
  "SELECT " SUMMARY_COLUMNS ", " keys " FROM cases c WHERE " w " AND " lhs " > " rhs \
  " ORDER BY " order " LIMIT :limit"
#define SKIP_FIRST_(w, keys, order, lhs, rhs, unindexed) \
  "SELECT " keys ", c.nr FROM cases c WHERE " w " ORDER BY " order " LIMIT :limit"
#define SKIP_NEXT_(w, keys, order, lhs, rhs, unindexed) \
  "SELECT " keys ", c.nr FROM cases c WHERE " w " AND " lhs " > " rhs " ORDER BY " order " LIMIT :limit"
/* Without a filter, the cases before a case are a range of the order's
 * index. With one, that range can be most of the store, and each of its
 * entries would send SQLite to the table for the filter's columns: with
 * the order's index out of the way, SQLite counts over cases_by_facets,
 * which holds the filter's columns and every sort key, at the cost of
 * reading all of it (milliseconds, against seconds at 100,000 cases). */
#define POSITION_NONE_(w, keys, order, lhs, rhs, unindexed) \
  "SELECT count(*) FROM cases c WHERE " w " AND " lhs " < (SELECT " order " FROM cases c WHERE c.id = :id)"
#define POSITION_ALL_(w, keys, order, lhs, rhs, unindexed) \
  "SELECT count(*) FROM cases c WHERE " w " AND " unindexed " < (SELECT " order " FROM cases c WHERE c.id = :id)"

#define LIST_FIRST(w, o) LIST_FIRST_ (w, o)
#define LIST_NEXT(w, o) LIST_NEXT_ (w, o)
#define SKIP_FIRST(w, o) SKIP_FIRST_ (w, o)
#define SKIP_NEXT(w, o) SKIP_NEXT_ (w, o)
#define POSITION_NONE(w, o) POSITION_NONE_ (w, o)
#define POSITION_ALL(w, o) POSITION_ALL_ (w, o)

#define FOR_EACH_ORDER(M, w) \
  { { M (w, O_TITLE_ZH), M (w, O_TITLE_EN) }, \
    { M (w, O_SECTOR_ZH), M (w, O_SECTOR_EN) }, \
    { M (w, O_PERIOD_ZH), M (w, O_PERIOD_EN) }, \
    { M (w, O_SIZE_ZH), M (w, O_SIZE_EN) } }

#define FOR_EACH_FILTER(M) { FOR_EACH_ORDER (M, W_NONE), FOR_EACH_ORDER (M, W_ALL) }

typedef const char * const OrderStatements[2][CASEBOOK_N_SORTS][CASEBOOK_N_LANGS];

static OrderStatements list_first_sql = FOR_EACH_FILTER (LIST_FIRST);
static OrderStatements list_next_sql = FOR_EACH_FILTER (LIST_NEXT);
static OrderStatements skip_first_sql = FOR_EACH_FILTER (SKIP_FIRST);
static OrderStatements skip_next_sql = FOR_EACH_FILTER (SKIP_NEXT);
static OrderStatements position_sql = { FOR_EACH_ORDER (POSITION_NONE, W_NONE), FOR_EACH_ORDER (POSITION_ALL, W_ALL) };

/* A plain collection's own order, whatever order was asked for: by
 * position, then by case id, which is how collection_cases_by_position
 * holds them (a WITHOUT ROWID table's index ends with its key), so a page
 * reads that index alone. The cursor is the position and the case id. */
#define POS_FROM \
  "FROM collection_cases m JOIN cases c ON c.id = m.case_id WHERE m.collection_id = :collection AND " F_ALL
#define POS_AFTER " AND (m.position, m.case_id) > (CAST(:k1 AS INTEGER), :k2)"
#define POS_ORDER " ORDER BY m.position, m.case_id LIMIT :limit"

static const char list_first_pos_sql[] = "SELECT " SUMMARY_COLUMNS ", m.position, m.case_id " POS_FROM POS_ORDER;
static const char list_next_pos_sql[] = "SELECT " SUMMARY_COLUMNS ", m.position, m.case_id " POS_FROM POS_AFTER POS_ORDER;
static const char skip_first_pos_sql[] = "SELECT m.position, m.case_id, c.nr " POS_FROM POS_ORDER;
static const char skip_next_pos_sql[] = "SELECT m.position, m.case_id, c.nr " POS_FROM POS_AFTER POS_ORDER;
static const char count_pos_sql[] = "SELECT count(*) " POS_FROM;
static const char position_pos_sql[] =
  "SELECT count(*) " POS_FROM " AND (m.position, m.case_id) < "
  "(SELECT m2.position, m2.case_id FROM collection_cases m2 WHERE m2.collection_id = :collection AND m2.case_id = :id)";

/* The ids of the matching cases in the order, one after another, from
 * :offset on, :limit of them; and the same cases written into a plain
 * collection :target, after its :base cases, in the order, those not in
 * it yet: see casebook-store-matching.c. */
#define IDS_(w, keys, order, lhs, rhs, unindexed) \
  "SELECT c.id FROM cases c WHERE " w " ORDER BY " order " LIMIT :limit OFFSET :offset"
#define ADD_(w, keys, order, lhs, rhs, unindexed) \
  "INSERT INTO collection_cases (collection_id, case_id, position) " \
  "SELECT :target, c.id, :base + row_number() OVER (ORDER BY " order ") - 1 FROM cases c WHERE " w \
  " AND NOT EXISTS (SELECT 1 FROM collection_cases x WHERE x.collection_id = :target AND x.case_id = c.id)"
#define IDS(w, o) IDS_ (w, o)
#define ADD(w, o) ADD_ (w, o)

static OrderStatements ids_sql = FOR_EACH_FILTER (IDS);
static OrderStatements add_sql = FOR_EACH_FILTER (ADD);
static const char ids_pos_sql[] =
  "SELECT m.case_id " POS_FROM " ORDER BY m.position, m.case_id LIMIT :limit OFFSET :offset";
static const char add_pos_sql[] =
  "INSERT INTO collection_cases (collection_id, case_id, position) "
  "SELECT :target, m.case_id, :base + row_number() OVER (ORDER BY m.position, m.case_id) - 1 " POS_FROM
  " AND NOT EXISTS (SELECT 1 FROM collection_cases x WHERE x.collection_id = :target AND x.case_id = m.case_id)";

/*
 * _casebook_store_order_sql:
 * @insert: the statement that adds the cases to a collection, rather than
 *   the one that lists their ids
 *
 * The statement that goes through the cases @filter lets through in the
 * order casebook_store_list() gives them (a plain collection's own order
 * when @filter is restricted to one), for casebook-store-matching.c.
 */
const char *
_casebook_store_order_sql (CasebookStore  *self,
                           CasebookFilter *filter,
                           CasebookSort    sort,
                           CasebookLang    lang,
                           gboolean        insert)
{
  if (_casebook_store_filter_in_order (self, filter))
    return insert ? add_pos_sql : ids_pos_sql;

  return insert ? add_sql[_casebook_store_filter_is_active (filter)][sort][lang]
                : ids_sql[_casebook_store_filter_is_active (filter)][sort][lang];
}

/* Whether @filter narrows anything down: facets, or a query with
 * something to search for. */
gboolean
_casebook_store_filter_is_active (CasebookFilter *filter)
{
  g_autofree char *match = NULL;

  if (filter == NULL)
    return FALSE;
  if (casebook_filter_has_facets (filter) || casebook_filter_get_collection (filter) != 0)
    return TRUE;

  match = casebook_search_build_match (casebook_filter_get_query (filter));
  return match != NULL;
}

void
_casebook_store_bind_named_text (sqlite3_stmt *stmt,
                                 const char   *name,
                                 const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    _casebook_store_bind_text (stmt, index, value);
}

void
_casebook_store_bind_named_int64 (sqlite3_stmt *stmt,
                                  const char   *name,
                                  gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_facets (sqlite3_stmt   *stmt,
             CasebookFilter *filter,
             const char     *prefix)
{
  static const char * const names[CASEBOOK_N_FACETS] = {
    "sectors", "subsectors", "kinds", "approaches", "technologies", "sizes", "years", "tags",
    "sources",
  };
  g_autofree char *match = NULL;
  g_autofree char *match_name = g_strconcat (":", prefix, "match", NULL);

  for (guint i = 0; i < CASEBOOK_N_FACETS; i++)
    {
      g_autofree char *json = filter != NULL ? casebook_filter_to_json (filter, i) : NULL;
      g_autofree char *name = g_strconcat (":", prefix, names[i], NULL);

      _casebook_store_bind_named_text (stmt, name, json);
    }

  match = filter != NULL ? casebook_search_build_match (casebook_filter_get_query (filter)) : NULL;
  _casebook_store_bind_named_text (stmt, match_name, match);
}

/* Binds what @filter chose to the statement's filter parameters; a NULL
 * filter, or an empty facet, binds NULL, which reads as "any". A
 * collection binds :collection (a plain one, or one that is not there,
 * which lets no case through) or :smart and the saved filter of a smart
 * one to the s_ parameters. */
void
_casebook_store_bind_filter (CasebookStore  *self,
                             sqlite3_stmt   *stmt,
                             CasebookFilter *filter)
{
  g_autoptr(CasebookFilter) saved = NULL;
  gint64 collection;

  bind_facets (stmt, filter, "");

  collection = filter != NULL ? casebook_filter_get_collection (filter) : 0;
  if (collection == 0)
    return;

  saved = _casebook_store_get_smart_filter (self, collection);
  if (saved == NULL)
    {
      _casebook_store_bind_named_int64 (stmt, ":collection", collection);
      return;
    }

  _casebook_store_bind_named_int64 (stmt, ":smart", 1);
  bind_facets (stmt, saved, "s_");
}

CasebookCaseSummary *
_casebook_store_summary_from_row (sqlite3_stmt *stmt)
{
  CasebookCaseSummaryData data = { 0 };
  g_auto(GStrv) tags = NULL;

  data.nr = sqlite3_column_int64 (stmt, 0);
  data.id = _casebook_store_column_text (stmt, 1);
  casebook_kind_from_key (_casebook_store_column_text (stmt, 2), &data.kind);
  data.origin = _casebook_store_origin_from_text (_casebook_store_column_text (stmt, 3));
  data.sector = _casebook_store_column_text (stmt, 4);
  data.title.zh = (char *) _casebook_store_column_text (stmt, 5);
  data.title.en = (char *) _casebook_store_column_text (stmt, 6);
  data.organization.zh = (char *) _casebook_store_column_text (stmt, 7);
  data.organization.en = (char *) _casebook_store_column_text (stmt, 8);
  data.headline.zh = (char *) _casebook_store_column_text (stmt, 9);
  data.headline.en = (char *) _casebook_store_column_text (stmt, 10);
  if (!casebook_size_from_key (_casebook_store_column_text (stmt, 11), &data.size))
    data.size = CASEBOOK_SIZE_UNKNOWN;
  data.employees = sqlite3_column_type (stmt, 12) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 12);
  data.period_start = sqlite3_column_int (stmt, 13);
  data.period_end = sqlite3_column_int (stmt, 14);
  if (!casebook_approach_from_key (_casebook_store_column_text (stmt, 15), &data.approach))
    data.approach = CASEBOOK_APPROACH_NONE;
  data.has_note = sqlite3_column_int (stmt, 16) != 0;
  if (sqlite3_column_type (stmt, 17) != SQLITE_NULL)
    tags = g_strsplit (_casebook_store_column_text (stmt, 17), "\x1f", -1);
  data.tags = (const char * const *) tags;

  return casebook_case_summary_new (&data);
}

/**
 * casebook_store_has_case:
 *
 * Returns: %TRUE if a case with @id is in the store
 */
gboolean
casebook_store_has_case (CasebookStore *self,
                         const char    *id)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);

  stmt = _casebook_store_prepare (self, "SELECT 1 FROM cases WHERE id = ?1", NULL);
  if (stmt == NULL)
    return FALSE;

  _casebook_store_bind_text (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return found;
}

/**
 * casebook_store_get_case:
 * @id: the case's id
 *
 * Loads the whole case, with the person's note and tags.
 *
 * Returns: (transfer full) (nullable): the case
 */
CasebookCase *
casebook_store_get_case (CasebookStore  *self,
                         const char     *id,
                         GError        **error)
{
  sqlite3_stmt *stmt;
  CasebookCase *c = NULL;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _casebook_store_prepare (self, "SELECT c.doc, " CASEBOOK_STORE_ORIGIN_SQL ("c") " FROM cases c WHERE c.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  _casebook_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      c = casebook_json_case_from_string (_casebook_store_column_text (stmt, 0), error);
      if (c != NULL)
        casebook_case_set_origin (c, _casebook_store_origin_from_text (_casebook_store_column_text (stmt, 1)));
      sqlite3_reset (stmt);
      if (c != NULL && !_casebook_store_read_personal (self, c, error))
        g_clear_object (&c);
      return c;
    }
  else if (rc == SQLITE_DONE)
    {
      /* The id may be anything a person typed, of any length. */
      g_autofree char *quoted = casebook_quote_value (id);

      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND,
                   _("There is no case with the id “%s”"), quoted);
    }
  else
    _casebook_store_set_sqlite_error (error, self->db, _("Could not read a case"));

  sqlite3_reset (stmt);
  return c;
}

/**
 * casebook_store_get_n_cases:
 *
 * The number of cases, counted once and then kept up to date.
 */
guint
casebook_store_get_n_cases (CasebookStore *self)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), 0);

  if (self->n_cases >= 0)
    return (guint) self->n_cases;

  /* Kept by triggers (schema 7): counting the rows would read an index. */
  stmt = _casebook_store_prepare (self, "SELECT n FROM case_count", NULL);
  if (stmt == NULL)
    return 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->n_cases = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return self->n_cases >= 0 ? (guint) self->n_cases : 0;
}

/**
 * casebook_store_count:
 * @filter: (nullable): what to count, or %NULL for every case
 *
 * Returns: the number of cases that match @filter, or 0 on error
 */
guint
casebook_store_count (CasebookStore   *self,
                      CasebookFilter  *filter,
                      GError         **error)
{
  sqlite3_stmt *stmt;
  guint count = 0;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), 0);

  if (filter == NULL || (!casebook_filter_has_facets (filter) && casebook_filter_get_query (filter) == NULL &&
                         casebook_filter_get_collection (filter) == 0))
    return casebook_store_get_n_cases (self);

  /* A plain collection's cases are counted from its own rows, not by
   * testing every case for membership. */
  if (_casebook_store_filter_in_order (self, filter))
    stmt = _casebook_store_prepare (self, count_pos_sql, error);
  else
    stmt = _casebook_store_prepare (self, "SELECT count(*) FROM cases c WHERE " F_ALL, error);
  if (stmt == NULL)
    return 0;

  _casebook_store_bind_filter (self, stmt, filter);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not count the cases"), error);
      return 0;
    }

  count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/**
 * casebook_store_list:
 * @filter: (nullable): which cases, or %NULL for all
 * @sort: the order
 * @lang: the language whose titles set the order
 * @after: (nullable): where the previous page ended, or %NULL for the
 *   first page
 * @limit: the most rows to return
 * @last: (out caller-allocates) (optional): where this page ends; cleared
 *   on error
 *
 * Pages through the matching cases by key, never by offset, so every page
 * costs the same however deep it lies. When @filter is restricted to a
 * plain collection (casebook_filter_set_collection()), the cases come in
 * the collection's order and @sort and @lang are not used.
 *
 * Returns: (transfer full) (element-type CasebookCaseSummary): the rows
 */
GPtrArray *
casebook_store_list (CasebookStore         *self,
                     CasebookFilter        *filter,
                     CasebookSort           sort,
                     CasebookLang           lang,
                     const CasebookCursor  *after,
                     guint                  limit,
                     CasebookCursor        *last,
                     GError               **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  const char *sql;
  sqlite3_stmt *stmt;
  gboolean active;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (sort < CASEBOOK_N_SORTS, NULL);

  active = _casebook_store_filter_is_active (filter);
  if (_casebook_store_filter_in_order (self, filter))
    sql = after != NULL ? list_next_pos_sql : list_first_pos_sql;
  else
    sql = after != NULL ? list_next_sql[active][sort][lang] : list_first_sql[active][sort][lang];
  stmt = _casebook_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  _casebook_store_bind_filter (self, stmt, filter);
  _casebook_store_bind_named_int64 (stmt, ":limit", MIN (limit, G_MAXINT));
  if (after != NULL)
    {
      _casebook_store_bind_named_text (stmt, ":k1", after->k1);
      _casebook_store_bind_named_text (stmt, ":k2", after->k2);
      _casebook_store_bind_named_int64 (stmt, ":nr", after->nr);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookCaseSummary *row = _casebook_store_summary_from_row (stmt);

      g_ptr_array_add (rows, row);
      if (last != NULL)
        {
          casebook_cursor_clear (last);
          last->k1 = g_strdup (_casebook_store_column_text (stmt, SUMMARY_N_COLUMNS));
          last->k2 = g_strdup (_casebook_store_column_text (stmt, SUMMARY_N_COLUMNS + 1));
          last->nr = casebook_case_summary_get_nr (row);
        }
    }

  if (rc != SQLITE_DONE)
    {
      /* A read interrupted (cancelled) part of the way through has
       * filled @last already; a failed page ends nowhere. */
      if (last != NULL)
        casebook_cursor_clear (last);
      _casebook_store_query_failed (self, stmt, rc, _("Could not list the cases"), error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

/**
 * casebook_store_skip_pages:
 * @after: (nullable): where to start, or %NULL for the beginning
 * @page_size: rows per page
 * @max_pages: how many pages to step over at most
 * @cursors: (element-type CasebookCursor): receives, for every full page
 *   stepped over, the cursor of its last row
 *
 * Steps over rows of the order, reading only their keys, many pages at
 * once in one pass over the index. A list that jumps far ahead uses it to
 * find where a page starts, without OFFSET and without loading the rows
 * between; jumping to its end, it reads each key once.
 */
gboolean
casebook_store_skip_pages (CasebookStore         *self,
                           CasebookFilter        *filter,
                           CasebookSort           sort,
                           CasebookLang           lang,
                           const CasebookCursor  *after,
                           guint                  page_size,
                           guint                  max_pages,
                           GArray                *cursors,
                           GError               **error)
{
  const char *sql;
  sqlite3_stmt *stmt;
  gboolean active;
  guint64 n = 0;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (sort < CASEBOOK_N_SORTS, FALSE);
  g_return_val_if_fail (page_size > 0, FALSE);

  active = _casebook_store_filter_is_active (filter);
  if (_casebook_store_filter_in_order (self, filter))
    sql = after != NULL ? skip_next_pos_sql : skip_first_pos_sql;
  else
    sql = after != NULL ? skip_next_sql[active][sort][lang] : skip_first_sql[active][sort][lang];
  stmt = _casebook_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  _casebook_store_bind_filter (self, stmt, filter);
  _casebook_store_bind_named_int64 (stmt, ":limit", MIN ((guint64) page_size * max_pages, G_MAXINT));
  if (after != NULL)
    {
      _casebook_store_bind_named_text (stmt, ":k1", after->k1);
      _casebook_store_bind_named_text (stmt, ":k2", after->k2);
      _casebook_store_bind_named_int64 (stmt, ":nr", after->nr);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (++n % page_size == 0)
        {
          CasebookCursor cursor = { g_strdup (_casebook_store_column_text (stmt, 0)),
                                    g_strdup (_casebook_store_column_text (stmt, 1)),
                                    sqlite3_column_int64 (stmt, 2) };

          g_array_append_val (cursors, cursor);
        }
    }

  if (rc != SQLITE_DONE)
    return _casebook_store_query_failed (self, stmt, rc, _("Could not list the cases"), error);

  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * casebook_store_position:
 * @id: a case
 *
 * Where @id stands in the order, so that a selection can follow its case
 * when the filter or the order changes.
 *
 * Returns: the position, or -1 if the case does not match @filter
 */
gint64
casebook_store_position (CasebookStore   *self,
                         CasebookFilter  *filter,
                         CasebookSort     sort,
                         CasebookLang     lang,
                         const char      *id,
                         GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 position = -1;
  gboolean matches;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), -1);
  g_return_val_if_fail (sort < CASEBOOK_N_SORTS, -1);

  if (id == NULL)
    return -1;

  stmt = _casebook_store_prepare (self, "SELECT count(*) FROM cases c WHERE c.id = :id AND " F_ALL, error);
  if (stmt == NULL)
    return -1;
  _casebook_store_bind_filter (self, stmt, filter);
  _casebook_store_bind_named_text (stmt, ":id", id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not find a case"), error);
      return -1;
    }
  matches = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);

  if (!matches)
    return -1;

  stmt = _casebook_store_prepare (self,
                                  _casebook_store_filter_in_order (self, filter)
                                  ? position_pos_sql
                                  : position_sql[_casebook_store_filter_is_active (filter)][sort][lang],
                                  error);
  if (stmt == NULL)
    return -1;
  _casebook_store_bind_filter (self, stmt, filter);
  _casebook_store_bind_named_text (stmt, ":id", id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not find a case"), error);
      return -1;
    }
  position = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return position;
}

/**
 * casebook_store_list_related:
 * @id: a case
 * @limit: the most cases to return
 *
 * The cases most like @id: those that share the most technologies with it,
 * and those of its sector, in that order of weight.
 *
 * Returns: (transfer full) (element-type CasebookCaseSummary): the related
 *   cases, most related first
 */
GPtrArray *
casebook_store_list_related (CasebookStore  *self,
                             const char     *id,
                             guint           limit,
                             GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  /* Candidates come through the indexes: cases sharing a product, and
   * cases of the same sector. Each shared product weighs one, the sector
   * two, so a same-sector case with one shared product beats a case that
   * only shares two products with another sector. */
  stmt = _casebook_store_prepare (self,
                                  "WITH self AS (SELECT nr, sector FROM cases WHERE id = ?1), "
                                  "shared AS (SELECT t.case_nr AS nr, count(*) AS n FROM technologies t "
                                  "  WHERE t.product IN (SELECT product FROM technologies WHERE case_nr = (SELECT nr FROM self)) "
                                  "  GROUP BY t.case_nr), "
                                  "candidates AS (SELECT nr FROM shared UNION "
                                  "  SELECT nr FROM cases WHERE sector = (SELECT sector FROM self)) "
                                  "SELECT " SUMMARY_COLUMNS ", "
                                  "  coalesce((SELECT n FROM shared WHERE shared.nr = c.nr), 0) "
                                  "  + 2 * (c.sector = (SELECT sector FROM self)) AS score "
                                  "FROM candidates JOIN cases c ON c.nr = candidates.nr "
                                  "WHERE c.nr != (SELECT nr FROM self) "
                                  "ORDER BY score DESC, c.nr LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;

  _casebook_store_bind_text (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, (int) MIN (limit, G_MAXINT));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, _casebook_store_summary_from_row (stmt));

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _casebook_store_set_sqlite_error (error, self->db, _("Could not find related cases"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}
