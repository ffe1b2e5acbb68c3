/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* What casebook_rank() returns for a row, as a blob: bm25() itself when
 * @complete; otherwise, for a query of one phrase, the part of bm25()
 * that does not depend on how many rows hold the phrase. */
typedef struct
{
  double   value;
  gint64   n_rows;
  gboolean complete;
} CasebookSearchRank;

int    casebook_search_rank_register (fts5_api *api);
double casebook_search_rank_idf      (gint64    n_rows,
                                      gint64    n_hits);
double casebook_search_rank_score    (double    idf,
                                      double    part);

G_END_DECLS
