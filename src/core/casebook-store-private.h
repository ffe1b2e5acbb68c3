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
 *   casebook-store-delete.c   deleting many cases at once, and its undo
 *   casebook-store-import.c   importing files and the bundled collection
 *   casebook-store-export.c   exporting the store or some of its cases
 *   casebook-store-collections.c  collections, plain and smart
 *   casebook-store-personal.c tags and the personal note of a case
 *   casebook-store-read.c     reading on a worker thread
 *   casebook-store-subscriptions.c  subscriptions and their cases
 *
 * Functions here start with an underscore; those tests call are marked so. */

#include <sqlite3.h>

#include "casebook-store.h"
#include "casebook-store-collections.h"
#include "casebook-subscription.h"

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
  /* And where it stood in its collections (id to GArray), created when
   * first needed (casebook-store-collections.c). */
  GHashTable *deleted_memberships;

  /* The session marker beside the store (casebook-store-session.c), held
   * with a shared lock by every read-write connection, or -1. */
  int         session_fd;
  gboolean    no_bundled;
  /* Whether no other connection had the store open when this one began
   * its session: what deletions left for an Undo is then dropped. */
  gboolean    alone_at_open;

  /* Where "damaged" is emitted: the context the store was opened on. A
   * reader connection reports damage to the store it was opened from. */
  GMainContext *context;
  GWeakRef    owner;
  gboolean    is_reader;
  int         damage_reported;  /* atomic */
};

/* The columns _casebook_store_summary_from_row() reads, from `cases c`:
 * SUMMARY_N_COLUMNS of them. The last two are whether the case has a note
 * and its tags, joined by U+001F (which no tag may hold), each one lookup
 * in an index keyed by the case's id. */
/* Where the case in row @t of `cases` comes from, as text: 'bundled',
 * 'own' or 'subscribed' (schema version 5 keeps a subscribed case as
 * 'own' with its `subscription` set); _casebook_store_origin_from_text()
 * reads it. */
#define CASEBOOK_STORE_ORIGIN_SQL(t) \
  "(CASE WHEN " t ".subscription IS NOT NULL THEN 'subscribed' ELSE " t ".origin END)"

#define SUMMARY_COLUMNS \
  "c.nr, c.id, c.kind, " CASEBOOK_STORE_ORIGIN_SQL ("c") ", c.sector, c.title_zh, c.title_en, " \
  "c.organization_zh, c.organization_en, c.headline_zh, c.headline_en, " \
  "c.size, c.employees, c.period_start, c.period_end, c.approach, " \
  "EXISTS (SELECT 1 FROM case_notes n WHERE n.case_id = c.id), " \
  "(SELECT group_concat(g.tag, char(31)) FROM case_tags g WHERE g.case_id = c.id)"
#define SUMMARY_N_COLUMNS 18

/* Filters. Each facet is one bound parameter holding a JSON array of the
 * chosen values, or NULL for "any"; the SQL is the same whatever is
 * chosen. Each facet-count query leaves out its own facet, so that every
 * count reflects the other facets' choices. The macros ending in _ take a
 * prefix for the parameter names: "" for the filter itself, "s_" for the
 * saved filter of a smart collection, which must match as well. */
#define F_SECTOR_(p)    "(:" p "sectors IS NULL OR c.sector IN (SELECT value FROM json_each(:" p "sectors)))"
#define F_SUBSECTOR_(p) "(:" p "subsectors IS NULL OR (c.sector || '/' || c.subsector_key) IN " \
                        "(SELECT value FROM json_each(:" p "subsectors)))"
#define F_KIND_(p)      "(:" p "kinds IS NULL OR c.kind IN (SELECT value FROM json_each(:" p "kinds)))"
#define F_APPROACH_(p)  "(:" p "approaches IS NULL OR coalesce(c.approach, '') IN (SELECT value FROM json_each(:" p "approaches)))"
#define F_TECH_(p)      "(:" p "technologies IS NULL OR EXISTS (SELECT 1 FROM technologies t WHERE t.case_nr = c.nr " \
                        "AND t.product IN (SELECT value FROM json_each(:" p "technologies))))"
#define F_SIZE_(p)      "(:" p "sizes IS NULL OR c.size_band IN (SELECT value FROM json_each(:" p "sizes)))"
#define F_YEAR_(p)      "(:" p "years IS NULL OR EXISTS (SELECT 1 FROM json_each(:" p "years) y " \
                        "WHERE y.value BETWEEN c.period_start AND c.period_end))"
#define F_TAG_(p)       "(:" p "tags IS NULL OR EXISTS (SELECT 1 FROM case_tags g WHERE g.case_id = c.id " \
                        "AND g.tag IN (SELECT value FROM json_each(:" p "tags))))"
/* Where a case comes from: 'bundled', 'own' or its subscription's URL. */
#define F_SOURCE_(p)    "(:" p "sources IS NULL OR (CASE WHEN c.subscription IS NULL THEN c.origin " \
                        "ELSE (SELECT s.url FROM subscriptions s WHERE s.id = c.subscription) END) " \
                        "IN (SELECT value FROM json_each(:" p "sources)))"
#define F_MATCH_(p)     "(:" p "match IS NULL OR c.nr IN (SELECT rowid FROM case_fts WHERE case_fts MATCH :" p "match))"

#define F_SECTOR     F_SECTOR_ ("")
#define F_SUBSECTOR  F_SUBSECTOR_ ("")
#define F_KIND       F_KIND_ ("")
#define F_APPROACH   F_APPROACH_ ("")
#define F_TECH       F_TECH_ ("")
#define F_SIZE       F_SIZE_ ("")
#define F_YEAR       F_YEAR_ ("")
#define F_TAG        F_TAG_ ("")
#define F_SOURCE     F_SOURCE_ ("")
#define F_MATCH      F_MATCH_ ("")

/* The collection a filter is restricted to: :collection is bound to a
 * plain collection's id, :smart to 1 for a smart one, whose saved facets
 * and query are bound to the s_ parameters. Unbound, each costs one test
 * of a parameter per row. */
#define F_COLLECTION "(:collection IS NULL OR c.id IN (SELECT m.case_id FROM collection_cases m " \
                     "WHERE m.collection_id = :collection))"
#define F_SMART      "(:smart IS NULL OR (" F_SECTOR_ ("s_") " AND " F_SUBSECTOR_ ("s_") " AND " \
                     F_KIND_ ("s_") " AND " F_APPROACH_ ("s_") " AND " F_TECH_ ("s_") " AND " \
                     F_SIZE_ ("s_") " AND " F_YEAR_ ("s_") " AND " F_TAG_ ("s_") " AND " F_SOURCE_ ("s_") " AND " \
                     F_MATCH_ ("s_") "))"
#define F_WITHIN     F_COLLECTION " AND " F_SMART

#define F_ALL \
  F_SECTOR " AND " F_SUBSECTOR " AND " F_KIND " AND " F_APPROACH " AND " \
  F_TECH " AND " F_SIZE " AND " F_YEAR " AND " F_TAG " AND " F_SOURCE " AND " F_MATCH " AND " F_WITHIN

/* What the search index's body holds of the person's own layer for the
 * case with id @id (an SQL expression): the note, then the tags, each
 * followed by a line feed, or ''. The view case_fts_source appends the
 * same, and writing a case's index row must give the same text, since
 * deleting a row reads its old text back through the view. */
#define CASEBOOK_STORE_PERSONAL_TEXT(id) \
  "(coalesce((SELECT n.text || char(10) FROM case_notes n WHERE n.case_id = " id "), '') || " \
  "coalesce((SELECT group_concat(g.tag, char(10)) || char(10) FROM case_tags g WHERE g.case_id = " id "), ''))"

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
gboolean       _casebook_store_begin_change       (CasebookStore  *self,
                                                   GError        **error);
gboolean       _casebook_store_end_change         (CasebookStore  *self,
                                                   gboolean        ok,
                                                   GError        **error);
gboolean       _casebook_store_set_no_case        (GError        **error,
                                                   const char     *what,
                                                   const char     *id);
void           _casebook_store_report_damage      (CasebookStore  *self);
void           _casebook_store_track_connection   (CasebookStore  *self);
void           _casebook_store_untrack_connection (CasebookStore  *self);

CasebookOrigin _casebook_store_origin_from_text   (const char     *text);

/* casebook-store.c: used by tests */
const char    *_casebook_store_get_path           (CasebookStore  *self);
guint64        _casebook_store_get_generation     (CasebookStore  *self);

/* casebook-store-open.c: used by tests */
guint          _casebook_store_get_quick_check_count (void);

/* casebook-store-session.c */
int            _casebook_store_session_begin      (const char     *file,
                                                   gboolean        read_only,
                                                   gboolean       *unclean,
                                                   gboolean       *alone);
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
void           _casebook_store_bind_filter        (CasebookStore  *self,
                                                   sqlite3_stmt   *stmt,
                                                   CasebookFilter *filter);
CasebookCaseSummary *_casebook_store_summary_from_row (sqlite3_stmt *stmt);

/* casebook-store-write.c */

/* What writing a case needs that takes no store; see
 * _casebook_store_prepare_case(). */
typedef struct _CasebookStorePrepared CasebookStorePrepared;

CasebookStorePrepared *_casebook_store_prepare_case (CasebookCase          *c);
void           _casebook_store_prepared_free      (CasebookStorePrepared *prep);
const char    *_casebook_store_prepared_get_doc   (const CasebookStorePrepared *prep);
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
gboolean       _casebook_store_write_metric       (CasebookStore         *self,
                                                   const CasebookMetric  *metric,
                                                   CasebookImportMode     mode,
                                                   GError               **error);
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

/* casebook-store-import-async.c: a second read-write connection for a
 * worker thread */
CasebookStore *_casebook_store_open_writer        (CasebookStore  *self,
                                                   GError        **error);

/* casebook-store-query.c: the order's statements for
 * casebook-store-matching.c */
const char    *_casebook_store_order_sql          (CasebookStore  *self,
                                                   CasebookFilter *filter,
                                                   CasebookSort    sort,
                                                   CasebookLang    lang,
                                                   gboolean        insert);
/* casebook-store-collections.c: refuses a collection that is not there or
 * is smart, for a change to a plain one's cases */
gboolean       _casebook_store_check_plain        (CasebookStore  *self,
                                                   gint64          id,
                                                   const char     *what,
                                                   GError        **error);

/* casebook-store-collections.c: what a filter's collection means */
CasebookFilter *_casebook_store_get_smart_filter  (CasebookStore  *self,
                                                   gint64          id);
gboolean       _casebook_store_filter_in_order    (CasebookStore  *self,
                                                   CasebookFilter *filter);

/* casebook-store-personal.c */
gboolean       _casebook_store_read_note          (CasebookStore  *self,
                                                   const char     *id,
                                                   char          **note,
                                                   GError        **error);
gboolean       _casebook_store_read_personal      (CasebookStore  *self,
                                                   CasebookCase   *c,
                                                   GError        **error);
gboolean       _casebook_store_write_note         (CasebookStore  *self,
                                                   const char     *id,
                                                   const char     *note,
                                                   GError        **error);
gboolean       _casebook_store_write_tags         (CasebookStore       *self,
                                                   const char          *id,
                                                   const char * const  *tags,
                                                   GError             **error);
gboolean       _casebook_store_import_personal    (CasebookStore       *self,
                                                   CasebookCase        *c,
                                                   guint                index,
                                                   CasebookImportMode   mode,
                                                   GError             **error);
gboolean       _casebook_store_read_all_personal  (CasebookStore  *self,
                                                   GHashTable    **notes,
                                                   GHashTable    **tags,
                                                   GError        **error);

/* casebook-store-export.c */
sqlite3_stmt  *_casebook_store_prepare_export_cases (CasebookStore  *self,
                                                     const char     *ids,
                                                     gint64          collection,
                                                     gboolean        in_ids_order,
                                                     GError        **error);
gboolean       _casebook_store_export_whole_store_parts (CasebookStore     *self,
                                                         CasebookDocument  *doc,
                                                         GError           **error);
void           _casebook_store_move_all           (GPtrArray          *from,
                                                   GPtrArray          *to);
char          *_casebook_store_ids_to_json        (const char * const *ids);
GStrv          _casebook_store_smart_collection_ids (CasebookStore  *self,
                                                     gint64          collection_id,
                                                     GError        **error);

/* casebook-store-collections.c */
gboolean       _casebook_store_import_collections (CasebookStore         *self,
                                                   CasebookDocument      *document,
                                                   CasebookImportResult  *result,
                                                   GError               **error);
gboolean       _casebook_store_export_collections (CasebookStore     *self,
                                                   CasebookDocument  *document,
                                                   GError           **error);
gboolean       _casebook_store_add_members        (CasebookStore  *self,
                                                   gint64          collection,
                                                   GPtrArray      *ids,
                                                   int             position,
                                                   guint          *n_added,
                                                   GError        **error);
gboolean       _casebook_store_forget_case        (CasebookStore  *self,
                                                   const char     *id,
                                                   GArray        **memberships,
                                                   GError        **error);
void           _casebook_store_remember_case      (CasebookStore  *self,
                                                   const char     *id,
                                                   GArray         *memberships);
gboolean       _casebook_store_restore_personal   (CasebookStore  *self,
                                                   CasebookCase   *c,
                                                   GError        **error);
void           _casebook_store_forget_memberships (CasebookStore  *self,
                                                   const char     *id);

/* casebook-store-delete.c: on opening a store no other Casebook has open */
gboolean       _casebook_store_purge_deletions    (CasebookStore  *self,
                                                   GError        **error);

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
gint64            _casebook_bundled_revision      (void);

/* casebook-store-subscriptions.c: applying a subscription whose cases
 * are read one at a time (casebook-subscriptions.c streams them from the
 * fetched file). */
typedef CasebookCase *(*CasebookSubscriptionCaseFunc) (gpointer   source,
                                                       guint      index,
                                                       GError   **error);

gboolean       _casebook_store_apply_subscription_cases (CasebookStore               *self,
                                                         const char                  *url,
                                                         CasebookDocument            *header,
                                                         CasebookSubscriptionCaseFunc next_case,
                                                         gpointer                     source,
                                                         guint                        n_cases,
                                                         const char                  *etag,
                                                         const char                  *last_modified,
                                                         CasebookSubscriptionChanges *changes,
                                                         GError                     **error);

G_END_DECLS
