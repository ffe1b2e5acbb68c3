/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include "casebook-search-rank.h"

/* FTS5's bm25() works out, before it scores the first row, how many rows
 * hold each phrase of the query (its IDF), by running each phrase again
 * over the whole index. For a prefix such as `kube`, FTS5 has to merge
 * the lists of every word that starts with it, so bm25() doubles the
 * largest cost of the query; and the search only ranks the newest 1,000
 * matches, which it has to read anyway.
 *
 * casebook_rank() gives the same scores with less work for a query of
 * one prefix. Its rows are the rows that hold the phrase, so the count
 * comes from reading the matches themselves: it returns, for each of the
 * first CANDIDATES rows, the part of bm25() that does not depend on the
 * count, and the caller finishes the score once it has counted
 * (casebook_search_rank_score()). The arithmetic is bm25()'s, operation
 * for operation, so the scores are the same to the last bit. Otherwise
 * (several phrases, or a whole word, whose list FTS5 reads without
 * merging, faster than the caller could count) it returns bm25() itself,
 * counting as bm25() does. Rows after the first CANDIDATES are left
 * unscored. */

/* bm25()'s constants. */
#define K1 1.2
#define B  0.75

typedef struct
{
  sqlite3_int64 n_rows;
  double  avgdl;
  int     n_phrases;
  gboolean complete;
  double *idf;       /* only when complete */
  double *freq;
  gint64  seen;
} RankData;

static void
rank_data_free (void *data)
{
  RankData *d = data;

  g_free (d->idf);
  g_free (d->freq);
  g_free (d);
}

static int
count_row (const Fts5ExtensionApi *api,
           Fts5Context            *fts,
           void                   *user_data)
{
  (*(gint64 *) user_data)++;
  return SQLITE_OK;
}

/**
 * casebook_search_rank_idf:
 * @n_rows: the rows of the index
 * @n_hits: the rows that hold the phrase
 *
 * The inverse document frequency of a phrase, as bm25() computes it.
 */
double
casebook_search_rank_idf (gint64 n_rows,
                          gint64 n_hits)
{
  double idf = log ((n_rows - n_hits + 0.5) / (n_hits + 0.5));

  if (idf <= 0.0)
    idf = 1e-6;
  return idf;
}

/**
 * casebook_search_rank_score:
 * @idf: from casebook_search_rank_idf()
 * @part: what casebook_rank() returned for the row
 *
 * The bm25() score of a row of a query of one phrase.
 */
double
casebook_search_rank_score (double idf,
                            double part)
{
  double score = 0.0;

  score += idf * part;
  return -1.0 * score;
}

static RankData *
get_data (const Fts5ExtensionApi *api,
          Fts5Context            *fts,
          gboolean                complete,
          int                    *rc)
{
  RankData *d = api->xGetAuxdata (fts, 0);
  sqlite3_int64 n_tokens = 0;

  if (d != NULL)
    return d;

  d = g_new0 (RankData, 1);
  d->n_phrases = api->xPhraseCount (fts);
  d->complete = complete || d->n_phrases != 1;
  d->freq = g_new0 (double, MAX (d->n_phrases, 1));

  *rc = api->xRowCount (fts, &d->n_rows);
  if (*rc == SQLITE_OK)
    *rc = api->xColumnTotalSize (fts, -1, &n_tokens);
  if (*rc == SQLITE_OK)
    d->avgdl = (double) n_tokens / (double) d->n_rows;

  if (*rc == SQLITE_OK && d->complete)
    {
      d->idf = g_new0 (double, d->n_phrases);
      for (int i = 0; *rc == SQLITE_OK && i < d->n_phrases; i++)
        {
          gint64 n_hits = 0;

          *rc = api->xQueryPhrase (fts, i, &n_hits, count_row);
          d->idf[i] = casebook_search_rank_idf (d->n_rows, n_hits);
        }
    }

  if (*rc == SQLITE_OK)
    *rc = api->xSetAuxdata (fts, d, rank_data_free);
  else
    rank_data_free (d);

  return *rc == SQLITE_OK ? d : NULL;
}

/* casebook_rank(case_fts, candidates, complete, weight…): see above.
 * Returns a blob of a CasebookSearchRank for each of the first
 * @candidates rows, NULL for the rows after. With @complete, or for a
 * query of several phrases, the score is bm25()'s whole, its counts made
 * as bm25() makes them. */
static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      n_values,
               sqlite3_value          **values)
{
  CasebookSearchRank result = { 0 };
  RankData *d;
  double D = 0.0;
  int n_inst = 0;
  int rc = SQLITE_OK;
  int n_tokens;

  if (n_values < 2)
    {
      sqlite3_result_error (context, "casebook_rank() needs the number of candidates and the mode", -1);
      return;
    }

  d = get_data (api, fts, sqlite3_value_int (values[1]) != 0, &rc);
  if (d == NULL)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  if (d->seen++ >= sqlite3_value_int64 (values[0]))
    {
      sqlite3_result_null (context);
      return;
    }

  /* The column weights follow. */
  values += 2;
  n_values -= 2;

  memset (d->freq, 0, sizeof (double) * MAX (d->n_phrases, 1));
  rc = api->xInstCount (fts, &n_inst);
  for (int i = 0; rc == SQLITE_OK && i < n_inst; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK)
        {
          double w = (n_values > column) ? sqlite3_value_double (values[column]) : 1.0;

          d->freq[phrase] += w;
        }
    }

  if (rc == SQLITE_OK)
    {
      rc = api->xColumnSize (fts, -1, &n_tokens);
      D = (double) n_tokens;
    }

  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  result.n_rows = d->n_rows;
  result.complete = d->complete;
  if (!d->complete)
    result.value = (d->freq[0] * (K1 + 1.0)) / (d->freq[0] + K1 * (1 - B + B * D / d->avgdl));
  else
    {
      double score = 0.0;

      for (int i = 0; i < d->n_phrases; i++)
        score += d->idf[i] * ((d->freq[i] * (K1 + 1.0)) / (d->freq[i] + K1 * (1 - B + B * D / d->avgdl)));
      result.value = -1.0 * score;
    }

  sqlite3_result_blob (context, &result, sizeof result, SQLITE_TRANSIENT);
}

/**
 * casebook_search_rank_register:
 * @api: FTS5 of a connection
 *
 * Makes casebook_rank() available to queries of FTS5 tables.
 *
 * Returns: an SQLite result code
 */
int
casebook_search_rank_register (fts5_api *api)
{
  return api->xCreateFunction (api, "casebook_rank", NULL, rank_function, NULL);
}
