/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "casebook-search-rank.h"
#include "casebook-store-private.h"
#include "casebook-tokenizer.h"

/* Full-text search, best match first, and the counts of the filter pane's
 * facets. */

/* How many of a query's matches are scored for ranking; see
 * casebook_store_search_filtered(). */
#define SEARCH_CANDIDATES 1000

static int
compare_facet_values (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const CasebookFacetValue *va = *(CasebookFacetValue * const *) a;
  const CasebookFacetValue *vb = *(CasebookFacetValue * const *) b;

  if (va->count != vb->count)
    return va->count > vb->count ? -1 : 1;
  return g_strcmp0 (va->key, vb->key);
}

/**
 * casebook_store_search_filtered:
 * @filter: the query and the facets to search within
 * @limit: the most results to return
 *
 * Full-text search over every text of every case, in both languages,
 * best match first, among the cases the facets of @filter allow. When a
 * query matches more than 1,000 cases, the newest 1,000 of them are
 * ranked. See
 * casebook_search_build_match() for how the query is read; no query can
 * inject FTS5 syntax. A query with nothing to search for matches nothing.
 *
 * Returns: (transfer full) (element-type CasebookCaseSummary): the matches
 */
typedef struct
{
  gint64 nr;
  double score;
} Hit;

/* Best first; among equals, the older case first. */
static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *ha = a, *hb = b;

  if (ha->score != hb->score)
    return ha->score < hb->score ? -1 : 1;
  return ha->nr < hb->nr ? -1 : ha->nr > hb->nr;
}

/* The newest SEARCH_CANDIDATES matches of @match, scored, into @hits,
 * reading the index once for a prefix (see casebook-search-rank.c): its
 * matches are counted for as long as the count can still change the
 * scores. */
static gboolean
rank_newest (CasebookStore  *self,
             const char     *match,
             guint           candidates,
             GArray         *hits,
             GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 n_matches = 0, n_rows = 0;
  gboolean complete = TRUE;
  /* One term, a prefix: casebook_search_build_match() writes it "term"*. */
  gboolean one_prefix = g_str_has_suffix (match, "*") && strchr (match + 1, '"') == strrchr (match, '"');
  int rc;

  stmt = _casebook_store_prepare (self,
                                  "SELECT rowid, casebook_rank(case_fts, :candidates, :complete, 10.0, 1.0) "
                                  "FROM case_fts WHERE case_fts MATCH :match ORDER BY rowid DESC",
                                  error);
  if (stmt == NULL)
    return FALSE;

  _casebook_store_bind_named_text (stmt, ":match", match);
  _casebook_store_bind_named_int64 (stmt, ":candidates", candidates);
  _casebook_store_bind_named_int64 (stmt, ":complete", !one_prefix);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      n_matches++;
      if (sqlite3_column_type (stmt, 1) == SQLITE_BLOB &&
          sqlite3_column_bytes (stmt, 1) == (int) sizeof (CasebookSearchRank))
        {
          CasebookSearchRank rank;
          Hit hit;

          memcpy (&rank, sqlite3_column_blob (stmt, 1), sizeof rank);
          n_rows = rank.n_rows;
          complete = rank.complete;
          hit.nr = sqlite3_column_int64 (stmt, 0);
          hit.score = rank.value;
          g_array_append_val (hits, hit);
          continue;
        }

      /* Past the candidates, only the count of the rows that hold a
       * single prefix still matters, and only until there are so many
       * that bm25() gives the phrase its floor: its IDF, the logarithm
       * of this ratio, is then not above 0. */
      if (complete || (n_rows - n_matches + 0.5) / (n_matches + 0.5) <= 1.0)
        {
          rc = SQLITE_DONE;
          break;
        }
    }

  if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not search"), error);
      return FALSE;
    }
  sqlite3_reset (stmt);

  if (!complete)
    {
      double idf = casebook_search_rank_idf (n_rows, n_matches);

      for (guint i = 0; i < hits->len; i++)
        g_array_index (hits, Hit, i).score = casebook_search_rank_score (idf, g_array_index (hits, Hit, i).score);
    }

  return TRUE;
}

/* The summaries of the best @limit of @hits, in their order: only the
 * rows shown are read. */
static GPtrArray *
summaries_of (CasebookStore  *self,
              GArray         *hits,
              guint           limit,
              GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_array_sort (hits, compare_hits);

  for (guint i = 0; i < hits->len && rows->len < limit; i++)
    {
      sqlite3_stmt *stmt = _casebook_store_prepare (self,
                                                    "SELECT " SUMMARY_COLUMNS " FROM cases c WHERE c.nr = :nr",
                                                    error);
      int rc;

      if (stmt == NULL)
        return NULL;

      _casebook_store_bind_named_int64 (stmt, ":nr", g_array_index (hits, Hit, i).nr);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (rows, _casebook_store_summary_from_row (stmt));
      else if (rc != SQLITE_DONE)
        {
          _casebook_store_query_failed (self, stmt, rc, _("Could not search"), error);
          return NULL;
        }
      sqlite3_reset (stmt);
    }

  return g_steal_pointer (&rows);
}

/**
 * casebook_store_search_filtered:
 * @filter: the query and the facets to search within
 * @limit: the most results to return
 *
 * Full-text search over every text of every case, in both languages,
 * best match first (by FTS5's bm25(), the title weighing ten times the
 * rest), among the cases the facets of @filter allow. When a query
 * matches more than 1,000 cases, the newest 1,000 of them are ranked. See
 * casebook_search_build_match() for how the query is read; no query can
 * inject FTS5 syntax. A query with nothing to search for matches nothing.
 *
 * Returns: (transfer full) (element-type CasebookCaseSummary): the matches
 */
GPtrArray *
casebook_store_search_filtered (CasebookStore   *self,
                                CasebookFilter  *filter,
                                guint            limit,
                                GError         **error)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (CASEBOOK_IS_FILTER (filter), NULL);

  match = casebook_search_build_match (casebook_filter_get_query (filter));
  if (match == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  /* Scoring every match of a broad query (one Chinese character can match
   * nearly every case) costs about a microsecond a row, far more than a
   * frame at 100,000 cases. So only the newest SEARCH_CANDIDATES matches
   * that pass the facets are scored and ranked. Below that many matches,
   * which is every query a person narrows down, the ranking is exact. */
  if (!casebook_filter_has_facets (filter) && casebook_filter_get_collection (filter) == 0)
    {
      if (!rank_newest (self, match, MAX (limit, SEARCH_CANDIDATES), hits, error))
        return NULL;
      return summaries_of (self, hits, limit, error);
    }

  stmt = _casebook_store_prepare (self,
                                  "WITH candidates AS ("
                                  "  SELECT f.rowid AS nr FROM case_fts f JOIN cases c ON c.nr = f.rowid "
                                  "  WHERE f.case_fts MATCH :match AND " F_SECTOR " AND " F_SUBSECTOR " AND " F_KIND
                                  "  AND " F_APPROACH " AND " F_TECH " AND " F_SIZE " AND " F_YEAR
                                  "  AND " F_TAG " AND " F_SOURCE " AND " F_WITHIN
                                  "  ORDER BY f.rowid DESC LIMIT :candidates) "
                                  "SELECT rowid, bm25(case_fts, 10.0, 1.0) FROM case_fts "
                                  "WHERE case_fts MATCH :match AND rowid IN (SELECT nr FROM candidates)",
                                  error);
  if (stmt == NULL)
    return NULL;

  _casebook_store_bind_filter (self, stmt, filter);
  _casebook_store_bind_named_int64 (stmt, ":candidates", MAX (limit, SEARCH_CANDIDATES));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Hit hit = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };

      g_array_append_val (hits, hit);
    }

  if (rc != SQLITE_DONE)
    {
      _casebook_store_query_failed (self, stmt, rc, _("Could not search"), error);
      return NULL;
    }
  sqlite3_reset (stmt);

  return summaries_of (self, hits, limit, error);
}

/**
 * casebook_store_search:
 * @query: free text, as a person typed it
 * @limit: the most results to return
 *
 * Searches every case; see casebook_store_search_filtered().
 *
 * Returns: (transfer full) (element-type CasebookCaseSummary): the matches
 */
GPtrArray *
casebook_store_search (CasebookStore  *self,
                       const char     *query,
                       guint           limit,
                       GError        **error)
{
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();

  casebook_filter_set_query (filter, query);
  return casebook_store_search_filtered (self, filter, limit, error);
}

/* Every facet's count query leaves out its own facet, but keeps the
 * collection: a facet counts within the collection shown. */
#define EXCEPT_SECTOR    F_SUBSECTOR " AND " F_KIND " AND " F_APPROACH " AND " F_TECH " AND " F_SIZE " AND " F_YEAR \
                         " AND " F_TAG " AND " F_SOURCE " AND " F_MATCH " AND " F_WITHIN
#define EXCEPT_SUBSECTOR F_SECTOR " AND " F_KIND " AND " F_APPROACH " AND " F_TECH " AND " F_SIZE " AND " F_YEAR \
                         " AND " F_TAG " AND " F_SOURCE " AND " F_MATCH " AND " F_WITHIN
#define EXCEPT_KIND      F_SECTOR " AND " F_SUBSECTOR " AND " F_APPROACH " AND " F_TECH " AND " F_SIZE " AND " F_YEAR \
                         " AND " F_TAG " AND " F_SOURCE " AND " F_MATCH " AND " F_WITHIN
#define EXCEPT_APPROACH  F_SECTOR " AND " F_SUBSECTOR " AND " F_KIND " AND " F_TECH " AND " F_SIZE " AND " F_YEAR \
                         " AND " F_TAG " AND " F_SOURCE " AND " F_MATCH " AND " F_WITHIN
#define EXCEPT_TECH      F_SECTOR " AND " F_SUBSECTOR " AND " F_KIND " AND " F_APPROACH " AND " F_SIZE " AND " F_YEAR \
                         " AND " F_TAG " AND " F_SOURCE " AND " F_MATCH " AND " F_WITHIN
#define EXCEPT_SIZE      F_SECTOR " AND " F_SUBSECTOR " AND " F_KIND " AND " F_APPROACH " AND " F_TECH " AND " F_YEAR \
                         " AND " F_TAG " AND " F_SOURCE " AND " F_MATCH " AND " F_WITHIN
#define EXCEPT_YEAR      F_SECTOR " AND " F_SUBSECTOR " AND " F_KIND " AND " F_APPROACH " AND " F_TECH " AND " F_SIZE \
                         " AND " F_TAG " AND " F_SOURCE " AND " F_MATCH " AND " F_WITHIN
#define EXCEPT_TAG       F_SECTOR " AND " F_SUBSECTOR " AND " F_KIND " AND " F_APPROACH " AND " F_TECH " AND " F_SIZE \
                         " AND " F_YEAR " AND " F_SOURCE " AND " F_MATCH " AND " F_WITHIN
#define EXCEPT_SOURCE    F_SECTOR " AND " F_SUBSECTOR " AND " F_KIND " AND " F_APPROACH " AND " F_TECH " AND " F_SIZE \
                         " AND " F_YEAR " AND " F_TAG " AND " F_MATCH " AND " F_WITHIN

static const char * const facet_sql[CASEBOOK_N_FACETS] = {
  [CASEBOOK_FACET_SECTOR] =
    "SELECT c.sector, NULL, NULL, count(*) FROM cases c WHERE " EXCEPT_SECTOR
    " GROUP BY c.sector",
  [CASEBOOK_FACET_SUBSECTOR] =
    "SELECT c.sector || '/' || c.subsector_key, min(c.subsector_zh), min(c.subsector_en), count(*) "
    "FROM cases c WHERE c.subsector_key IS NOT NULL AND " EXCEPT_SUBSECTOR
    " GROUP BY 1",
  [CASEBOOK_FACET_KIND] =
    "SELECT c.kind, NULL, NULL, count(*) FROM cases c WHERE " EXCEPT_KIND
    " GROUP BY c.kind",
  [CASEBOOK_FACET_APPROACH] =
    "SELECT coalesce(c.approach, ''), NULL, NULL, count(*) FROM cases c WHERE " EXCEPT_APPROACH
    " GROUP BY 1",
  /* The cases are chosen first, from the index cases_by_facets, and
   * their products then looked up by case. Joined the other way, SQLite
   * walks the products and reads each one's case from the table, whose
   * rows hold the documents: seconds at 100,000 cases. */
  [CASEBOOK_FACET_TECHNOLOGY] =
    "SELECT t.product, NULL, NULL, count(*) FROM technologies t WHERE t.case_nr IN "
    "(SELECT c.nr FROM cases c WHERE " EXCEPT_TECH ") GROUP BY t.product",
  [CASEBOOK_FACET_SIZE] =
    "SELECT c.size_band, NULL, NULL, count(*) FROM cases c WHERE " EXCEPT_SIZE
    " GROUP BY c.size_band",
  /* The matching cases are read once and grouped by their span of
   * years, of which there are few; each year then sums the spans that
   * cover it. (Joining the years to the cases read every case once for
   * every year.) */
  [CASEBOOK_FACET_YEAR] =
    "WITH RECURSIVE spans (first, last, n) AS MATERIALIZED ("
    "  SELECT c.period_start, c.period_end, count(*) FROM cases c"
    "  WHERE c.period_start IS NOT NULL AND c.period_end IS NOT NULL AND " EXCEPT_YEAR
    "  GROUP BY 1, 2), "
    "years (y) AS ("
    "  SELECT min(first) FROM spans"
    "  UNION ALL SELECT y + 1 FROM years WHERE y < (SELECT max(last) FROM spans)) "
    "SELECT years.y, NULL, NULL, sum(spans.n) FROM years JOIN spans "
    "ON spans.first <= years.y AND spans.last >= years.y WHERE years.y IS NOT NULL GROUP BY years.y",
  /* Tags of deleted cases (kept for undo) have no case to count. */
  [CASEBOOK_FACET_TAG] =
    "SELECT g.tag, NULL, NULL, count(*) FROM case_tags g JOIN cases c ON c.id = g.case_id WHERE "
    EXCEPT_TAG " GROUP BY g.tag",
  /* Labelled with the subscription's name; bundled and own are keys. */
  [CASEBOOK_FACET_SOURCE] =
    "SELECT CASE WHEN c.subscription IS NULL THEN c.origin ELSE s.url END, "
    "min(s.name_zh), min(s.name_en), count(*) "
    "FROM cases c LEFT JOIN subscriptions s ON s.id = c.subscription WHERE "
    EXCEPT_SOURCE " GROUP BY 1",
};

/* The technologies of every case, counted straight from their index, in
 * its order: the cases have nothing to pass (a row of technologies always
 * has its case). */
static const char tech_all_sql[] =
  "SELECT t.product, NULL, NULL, count(*) FROM technologies t GROUP BY t.product";

/* Whether @filter lets every case through but for its choices in @facet. */
static gboolean
passes_all_but (CasebookFilter *filter,
                CasebookFacet   facet)
{
  g_autofree char *match = NULL;

  if (filter == NULL)
    return TRUE;
  if (casebook_filter_get_collection (filter) != 0)
    return FALSE;
  for (guint other = 0; other < CASEBOOK_N_FACETS; other++)
    if (other != facet && casebook_filter_count (filter, other) > 0)
      return FALSE;

  match = casebook_search_build_match (casebook_filter_get_query (filter));
  return match == NULL;
}

/**
 * casebook_store_count_facet:
 * @filter: (nullable): the current choices
 * @facet: the facet to count
 * @values: (element-type CasebookFacetValue): where the values are added
 *
 * Counts, for every value of @facet, the cases that have it and match the
 * choices made in the other facets (and the query and the collection);
 * values without cases are left out. The counts of a facet depend on
 * nothing else of @filter, not on its own choices: a caller that keeps
 * them can skip a facet whose other choices did not change.
 *
 * Returns: %TRUE on success, with the values added to @values, most
 *   frequent first (years in calendar order)
 */
gboolean
casebook_store_count_facet (CasebookStore   *self,
                            CasebookFilter  *filter,
                            CasebookFacet    facet,
                            GPtrArray       *values,
                            GError         **error)
{
  sqlite3_stmt *stmt;
  guint first;
  int rc;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (facet < CASEBOOK_N_FACETS, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  if (facet == CASEBOOK_FACET_TECHNOLOGY && passes_all_but (filter, facet))
    stmt = _casebook_store_prepare (self, tech_all_sql, error);
  else
    stmt = _casebook_store_prepare (self, facet_sql[facet], error);
  if (stmt == NULL)
    return FALSE;

  _casebook_store_bind_filter (self, stmt, filter);

  first = values->len;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CasebookFacetValue *value = casebook_facet_value_new ();

      value->facet = (int) facet;
      value->key = g_strdup (_casebook_store_column_text (stmt, 0));
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL || sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        value->label = _casebook_store_text_from_columns (stmt, 1, 2);
      value->count = (guint) sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (values, value);
    }

  if (rc != SQLITE_DONE)
    {
      /* The values are all or nothing. */
      g_ptr_array_remove_range (values, first, values->len - first);
      return _casebook_store_query_failed (self, stmt, rc, _("Could not count the filters"), error);
    }
  sqlite3_reset (stmt);

  /* Most frequent first; years in calendar order. */
  if (facet != CASEBOOK_FACET_YEAR)
    g_qsort_with_data (values->pdata + first, (int) (values->len - first),
                       sizeof (gpointer), compare_facet_values, NULL);

  return TRUE;
}

/**
 * casebook_store_count_facets:
 * @filter: (nullable): the current choices
 *
 * Counts, for every value of every facet, the cases that have it and
 * match the choices made in the other facets. Values without cases are
 * left out. See casebook_store_count_facet().
 *
 * Returns: (transfer full) (element-type CasebookFacetValue): the values,
 *   facet by facet, most frequent first within a facet
 */
GPtrArray *
casebook_store_count_facets (CasebookStore   *self,
                             CasebookFilter  *filter,
                             GError         **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_facet_value_free);

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);

  for (guint facet = 0; facet < CASEBOOK_N_FACETS; facet++)
    if (!casebook_store_count_facet (self, filter, facet, values, error))
      return NULL;

  return g_steal_pointer (&values);
}
