/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-json.h"
#include "casebook-store.h"

G_BEGIN_DECLS

/* SQL that takes a store of the current schema back to version 7: what
 * version 8 added (the tables that keep deletions for their Undo). */
#define CASEBOOK_TEST_DROP_SCHEMA_8 \
  "DROP TABLE deletions; DROP TABLE deleted_cases; DROP TABLE deleted_outcomes; " \
  "DROP TABLE deleted_technologies; DROP TABLE deleted_tags; DROP TABLE deleted_notes; " \
  "DROP TABLE deleted_members;"

/* SQL that takes a store of the current schema back to version 6: what
 * versions 7 (the count of cases) and 8 added. */
#define CASEBOOK_TEST_DROP_SCHEMA_7 \
  CASEBOOK_TEST_DROP_SCHEMA_8 \
  "DROP TABLE case_count;"

/* SQL that takes a store of the current schema back to version 5: what
 * versions 6 (the index that facet counts read) and 7 added. */
#define CASEBOOK_TEST_DROP_SCHEMA_6 \
  CASEBOOK_TEST_DROP_SCHEMA_7 \
  "DROP INDEX cases_by_facets;"

/* SQL that takes a store of the current schema back to version 4: what
 * versions 5 (subscriptions) and 6 added. */
#define CASEBOOK_TEST_DROP_SCHEMA_5 \
  CASEBOOK_TEST_DROP_SCHEMA_6 \
  "DROP INDEX cases_by_subscription; ALTER TABLE cases DROP COLUMN subscription; DROP TABLE subscriptions;"

/* SQL that takes a store of the current schema back to version 3, after
 * its view case_fts_source is dropped: the tables versions 4 and 5 added. */
#define CASEBOOK_TEST_DROP_SCHEMA_4 \
  CASEBOOK_TEST_DROP_SCHEMA_5 \
  "DROP TABLE collection_cases; DROP TABLE collections; DROP TABLE case_tags; DROP TABLE case_notes;"

char             *casebook_test_tmpdir        (void);
void              casebook_test_rmdir         (const char       *path);
CasebookStore    *casebook_test_open_store    (const char       *dir,
                                               CasebookStoreFlags flags);
char             *casebook_test_snapshot      (CasebookStore    *store);
char             *casebook_test_read_file     (const char       *path,
                                               gsize            *length);
CasebookDocument *casebook_test_parse         (const char       *json,
                                               GError          **error);
char             *casebook_test_minimal_case  (const char       *id,
                                               const char       *extra_members);
void              casebook_test_assert_same_text (const char    *seen,
                                                  const char    *expected,
                                                  const char    *what);

void              casebook_test_unwatch_thread_leaks (void);
void              casebook_test_watch_thread_leaks   (void);

G_END_DECLS
