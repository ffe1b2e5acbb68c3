/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the parts of CasebookStore share, and nothing else includes but
 * tests: the instance structure, the statement helpers every part uses,
 * the SQL that several parts build their queries from, and the functions
 * one part calls in another. The parts are:
 *
 *   casebook-store.c          the object, its connection, cancellation,
 *                             and the helpers below, which every part uses
 *   casebook-store-open.c     opening, recovery, the integrity check,
 *                             starting over, and reader connections
 *   casebook-store-session.c  the marker that tells an unclean shutdown
 *   casebook-store-file.c     what a file given as the store is
 *   casebook-store-schema.c   the tables, their migrations, built-in sectors
 *   casebook-store-query.c    reading cases: lists, pages, counts, related
 *   casebook-store-search.c   full-text search and facet counts
 *   casebook-store-catalog.c  sectors, metric families, ranges, report
 *                             sections, references and products
 *   casebook-store-charts.c   the outcomes and coverage the charts read
 *   casebook-store-write.c    writing a case, its derived rows and the
 *                             cross-sector material
 *   casebook-store-edit.c     the editor's save, delete and undo
 *   casebook-store-import.c   importing files and the bundled collection
 *   casebook-store-export.c   exporting the store or some of its cases
 *   casebook-store-read.c     reading on a worker thread
 *
 * Functions here start with an underscore; those tests call are marked so. */

#include <sqlite3.h>

#include "casebook-store.h"

G_BEGIN_DECLS

/* See casebook-store.c for what the store keeps where. */
struct _CasebookStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *sqlite_path;  /* what SQLite opens: @path, or a URI for it */
  char       *moved_aside;
  GHashTable *statements;
  GCancellable *cancellable;
  gulong      cancelled_id;
  gboolean    read_only;
  int         n_cases;
  guint64     generation;
  CasebookCatalog *catalog;
  guint64     catalog_generation;
  gint64      catalog_data_version;

  /* Where each case that casebook_store_delete_case() removed stood (id to
   * row number), so that undoing the deletion puts it back in its place. */
  GHashTable *deleted_nrs;

  /* The session marker beside the store (casebook-store-session.c), held
   * with a shared lock by every read-write connection, or -1. */
  int         session_fd;
  gboolean    no_bundled;

  /* Where "damaged" is emitted: the context the store was opened on. A
   * reader connection reports damage to the store it was opened from. */
  GMainContext *context;
  GWeakRef    owner;
  gboolean    is_reader;
  int         damage_reported;  /* atomic */
};

/* The columns _casebook_store_summary_from_row() reads, from `cases c`. */
#define SUMMARY_COLUMNS \
  "c.nr, c.id, c.kind, c.origin, c.sector, c.title_zh, c.title_en, " \
  "c.organization_zh, c.organization_en, c.headline_zh, c.headline_en, " \
  "c.size, c.employees, c.period_start, c.period_end, c.approach"

/* Filters. Each facet is one bound parameter holding a JSON array of the
 * chosen values, or NULL for "any"; the SQL is the same whatever is
 * chosen. Each facet-count query leaves out its own facet, so that every
 * count reflects the other facets' choices. */
#define F_SECTOR     "(:sectors IS NULL OR c.sector IN (SELECT value FROM json_each(:sectors)))"
#define F_SUBSECTOR  "(:subsectors IS NULL OR (c.sector || '/' || c.subsector_key) IN (SELECT value FROM json_each(:subsectors)))"
#define F_KIND       "(:kinds IS NULL OR c.kind IN (SELECT value FROM json_each(:kinds)))"
#define F_APPROACH   "(:approaches IS NULL OR coalesce(c.approach, '') IN (SELECT value FROM json_each(:approaches)))"
#define F_TECH       "(:technologies IS NULL OR EXISTS (SELECT 1 FROM technologies t WHERE t.case_nr = c.nr " \
                     "AND t.product IN (SELECT value FROM json_each(:technologies))))"
#define F_SIZE       "(:sizes IS NULL OR c.size_band IN (SELECT value FROM json_each(:sizes)))"
#define F_YEAR       "(:years IS NULL OR EXISTS (SELECT 1 FROM json_each(:years) y " \
                     "WHERE y.value BETWEEN c.period_start AND c.period_end))"
#define F_MATCH      "(:match IS NULL OR c.nr IN (SELECT rowid FROM case_fts WHERE case_fts MATCH :match))"

#define F_ALL \
  F_SECTOR " AND " F_SUBSECTOR " AND " F_KIND " AND " F_APPROACH " AND " \
  F_TECH " AND " F_SIZE " AND " F_YEAR " AND " F_MATCH

/* casebook-store.c: statements and errors */
int            _casebook_store_busy_timeout_ms    (void);
gboolean       _casebook_store_set_sqlite_error   (GError        **error,
                                                   sqlite3        *db,
                                                   const char     *what);
sqlite3_stmt  *_casebook_store_prepare            (CasebookStore  *self,
                                                   const char     *sql,
                                                   GError        **error);
gboolean       _casebook_store_exec               (CasebookStore  *self,
                                                   const char     *sql,
                                                   GError        **error);
gboolean       _casebook_store_step_done          (CasebookStore  *self,
                                                   sqlite3_stmt   *stmt,
                                                   GError        **error);
void           _casebook_store_bind_text          (sqlite3_stmt   *stmt,
                                                   int             index,
                                                   const char     *value);
const char    *_casebook_store_column_text        (sqlite3_stmt   *stmt,
                                                   int             index);
CasebookText  *_casebook_store_text_from_columns  (sqlite3_stmt   *stmt,
                                                   int             zh,
                                                   int             en);
gboolean       _casebook_store_query_failed       (CasebookStore  *self,
                                                   sqlite3_stmt   *stmt,
                                                   int             rc,
                                                   const char     *what,
                                                   GError        **error);
gboolean       _casebook_store_finish_transaction (CasebookStore  *self,
                                                   gboolean        ok,
                                                   GError        **error);
void           _casebook_store_mark_changed       (CasebookStore  *self);
void           _casebook_store_report_damage      (CasebookStore  *self);
void           _casebook_store_track_connection   (CasebookStore  *self);
void           _casebook_store_untrack_connection (CasebookStore  *self);

/* casebook-store.c: used by tests */
const char    *_casebook_store_get_path           (CasebookStore  *self);
guint64        _casebook_store_get_generation     (CasebookStore  *self);

/* casebook-store-open.c: used by tests */
guint          _casebook_store_get_quick_check_count (void);

/* casebook-store-session.c */
int            _casebook_store_session_begin      (const char     *file,
                                                   gboolean        read_only,
                                                   gboolean       *unclean);
void           _casebook_store_session_end        (int             fd,
                                                   const char     *file);
gboolean       _casebook_store_session_is_alone   (int             fd);
char          *_casebook_store_session_path       (const char     *file);

/* casebook-store-schema.c */
int            _casebook_store_read_user_version  (CasebookStore  *self,
                                                   int            *version);
void           _casebook_store_set_newer_schema_error (CasebookStore  *self,
                                                       int             version,
                                                       GError        **error);
gboolean       _casebook_store_migrate            (CasebookStore  *self,
                                                   GError        **error);
gboolean       _casebook_store_has_builtin_sectors (CasebookStore *self);
gboolean       _casebook_store_ensure_builtin_sectors (CasebookStore  *self,
                                                       GError        **error);
const char * const *_casebook_store_builtin_sector (const char    *key);

/* casebook-store-catalog.c; _casebook_store_get_sector() for tests */
GPtrArray     *_casebook_store_list_ranges        (CasebookStore  *self,
                                                   const char     *metric,
                                                   GError        **error);
CasebookSector *_casebook_store_get_sector        (CasebookStore  *self,
                                                   const char     *key);

/* casebook-store-query.c */
gboolean       _casebook_store_filter_is_active   (CasebookFilter *filter);
void           _casebook_store_bind_named_text    (sqlite3_stmt   *stmt,
                                                   const char     *name,
                                                   const char     *value);
void           _casebook_store_bind_named_int64   (sqlite3_stmt   *stmt,
                                                   const char     *name,
                                                   gint64          value);
void           _casebook_store_bind_filter        (sqlite3_stmt   *stmt,
                                                   CasebookFilter *filter);
CasebookCaseSummary *_casebook_store_summary_from_row (sqlite3_stmt *stmt);

/* casebook-store-write.c */

/* What writing a case needs that takes no store; see
 * _casebook_store_prepare_case(). */
typedef struct _CasebookStorePrepared CasebookStorePrepared;

CasebookStorePrepared *_casebook_store_prepare_case (CasebookCase          *c);
void           _casebook_store_prepared_free      (CasebookStorePrepared *prep);
gboolean       _casebook_store_find_case          (CasebookStore   *self,
                                                   const char      *id,
                                                   gint64          *nr,
                                                   CasebookOrigin  *origin,
                                                   GError         **error);
gboolean       _casebook_store_write_case_row     (CasebookStore                *self,
                                                   CasebookCase                 *c,
                                                   const CasebookStorePrepared  *prep,
                                                   CasebookOrigin                origin,
                                                   gint64                        nr,
                                                   gboolean                      update,
                                                   GError                      **error);
gboolean       _casebook_store_write_case         (CasebookStore                *self,
                                                   CasebookCase                 *c,
                                                   const CasebookStorePrepared  *prep,
                                                   CasebookOrigin                origin,
                                                   gint64                        nr,
                                                   GError                      **error);
gboolean       _casebook_store_delete_case_nr     (CasebookStore  *self,
                                                   gint64          nr,
                                                   GError        **error);
gboolean       _casebook_store_write_sector       (CasebookStore         *self,
                                                   const CasebookSector  *sector,
                                                   CasebookImportMode     mode,
                                                   GError               **error);
gboolean       _casebook_store_write_extras       (CasebookStore       *self,
                                                   CasebookDocument    *document,
                                                   CasebookImportMode   mode,
                                                   GError             **error);

gboolean       _casebook_store_check_writable     (CasebookStore  *self,
                                                   GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookStorePrepared, _casebook_store_prepared_free)

/* casebook-store-import.c; also used by tests */
gboolean       _casebook_store_import_data        (CasebookStore         *self,
                                                   const char            *data,
                                                   gsize                  length,
                                                   const char            *name,
                                                   CasebookImportMode     mode,
                                                   CasebookImportResult  *result,
                                                   GError               **error);
gint64         _casebook_store_get_bundled_revision (CasebookStore     *self);
gboolean       _casebook_store_refresh_bundled    (CasebookStore     *self,
                                                   CasebookDocument  *bundled,
                                                   GError           **error);
CasebookDocument *_casebook_bundled_document      (GError           **error);

G_END_DECLS
