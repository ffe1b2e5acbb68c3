/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "casebook-case.h"
#include "casebook-catalog.h"
#include "casebook-case-summary.h"
#include "casebook-document.h"
#include "casebook-filter.h"

G_BEGIN_DECLS

#define CASEBOOK_STORE_ERROR (casebook_store_error_quark ())

typedef enum
{
  CASEBOOK_STORE_ERROR_FAILED,
  CASEBOOK_STORE_ERROR_NEWER_SCHEMA,
  CASEBOOK_STORE_ERROR_CORRUPT,
  CASEBOOK_STORE_ERROR_READ_ONLY,
  CASEBOOK_STORE_ERROR_NOT_FOUND,
  CASEBOOK_STORE_ERROR_BUSY,
  CASEBOOK_STORE_ERROR_NO_SPACE,
  CASEBOOK_STORE_ERROR_IO,
  CASEBOOK_STORE_ERROR_BUNDLED,
  CASEBOOK_STORE_ERROR_INVALID,
  CASEBOOK_STORE_ERROR_NOT_A_STORE,
  CASEBOOK_STORE_ERROR_OWN_FILE,
  CASEBOOK_STORE_ERROR_EXISTS,
} CasebookStoreError;

typedef enum
{
  CASEBOOK_STORE_FLAGS_NONE  = 0,
  CASEBOOK_STORE_READ_ONLY   = 1 << 0,
  CASEBOOK_STORE_NO_BUNDLED  = 1 << 1,
} CasebookStoreFlags;

typedef enum
{
  CASEBOOK_IMPORT_SKIP,
  CASEBOOK_IMPORT_REPLACE,
} CasebookImportMode;

/**
 * CasebookImportResult:
 * @added: cases that were new
 * @replaced: cases that replaced one with their id
 * @skipped: cases left out because one with their id was there
 * @collections_created: collections the file brought that were new
 * @collections_merged: collections of the file whose name the store had:
 *   their cases were added to it
 */
typedef struct
{
  guint added;
  guint replaced;
  guint skipped;
  guint collections_created;
  guint collections_merged;
} CasebookImportResult;

/* The schema this version of Casebook writes. */
#define CASEBOOK_STORE_SCHEMA_VERSION 8

/* Every store carries this in its SQLite header (`PRAGMA application_id`,
 * offset 68): the ASCII letters "CsBk". A file without it is never opened
 * for writing, unless it is empty. */
#define CASEBOOK_STORE_APPLICATION_ID 0x4373426b

/**
 * CasebookProduct:
 * @name: a product as the store's technologies name it (its English name)
 * @family: the technology family most cases give it
 * @n_cases: how many cases use it
 */
typedef struct
{
  char  *name;
  char  *family;
  guint  n_cases;
} CasebookProduct;

void              casebook_product_free            (CasebookProduct       *product);

#define CASEBOOK_TYPE_STORE (casebook_store_get_type ())

G_DECLARE_FINAL_TYPE (CasebookStore, casebook_store, CASEBOOK, STORE, GObject)

GQuark            casebook_store_error_quark       (void);

char             *casebook_store_default_path      (void);
CasebookStore    *casebook_store_open              (const char            *path,
                                                    CasebookStoreFlags     flags,
                                                    GError               **error);
gboolean          casebook_store_check_output      (CasebookStore         *self,
                                                    const char            *path,
                                                    GError               **error);
gboolean          casebook_store_is_read_only      (CasebookStore         *self);
const char       *casebook_store_get_moved_aside   (CasebookStore         *self);
gboolean          casebook_store_check_integrity   (CasebookStore         *self,
                                                    GCancellable          *cancellable,
                                                    GError               **error);
gboolean          casebook_store_start_over        (CasebookStore         *self,
                                                    GError               **error);
guint             casebook_store_get_n_cases       (CasebookStore         *self);

gboolean          casebook_store_has_case          (CasebookStore         *self,
                                                    const char            *id);
CasebookCase     *casebook_store_get_case          (CasebookStore         *self,
                                                    const char            *id,
                                                    GError               **error);
guint             casebook_store_count             (CasebookStore         *self,
                                                    CasebookFilter        *filter,
                                                    GError               **error);
GPtrArray        *casebook_store_list              (CasebookStore         *self,
                                                    CasebookFilter        *filter,
                                                    CasebookSort           sort,
                                                    CasebookLang           lang,
                                                    const CasebookCursor  *after,
                                                    guint                  limit,
                                                    CasebookCursor        *last,
                                                    GError               **error);
gboolean          casebook_store_skip_pages        (CasebookStore         *self,
                                                    CasebookFilter        *filter,
                                                    CasebookSort           sort,
                                                    CasebookLang           lang,
                                                    const CasebookCursor  *after,
                                                    guint                  page_size,
                                                    guint                  max_pages,
                                                    GArray                *cursors,
                                                    GError               **error);
gint64            casebook_store_position          (CasebookStore         *self,
                                                    CasebookFilter        *filter,
                                                    CasebookSort           sort,
                                                    CasebookLang           lang,
                                                    const char            *id,
                                                    GError               **error);
GPtrArray        *casebook_store_search            (CasebookStore         *self,
                                                    const char            *query,
                                                    guint                  limit,
                                                    GError               **error);
GPtrArray        *casebook_store_search_filtered   (CasebookStore         *self,
                                                    CasebookFilter        *filter,
                                                    guint                  limit,
                                                    GError               **error);
GPtrArray        *casebook_store_count_facets      (CasebookStore         *self,
                                                    CasebookFilter        *filter,
                                                    GError               **error);
gboolean          casebook_store_count_facet       (CasebookStore         *self,
                                                    CasebookFilter        *filter,
                                                    CasebookFacet          facet,
                                                    GPtrArray             *values,
                                                    GError               **error);
CasebookStore    *casebook_store_open_reader       (CasebookStore         *self,
                                                    GError               **error);
void              casebook_store_set_cancellable   (CasebookStore         *self,
                                                    GCancellable          *cancellable);
GPtrArray        *casebook_store_list_related      (CasebookStore         *self,
                                                    const char            *id,
                                                    guint                  limit,
                                                    GError               **error);
gboolean          casebook_store_import            (CasebookStore         *self,
                                                    CasebookDocument      *document,
                                                    CasebookImportMode     mode,
                                                    CasebookImportResult  *result,
                                                    GError               **error);
gboolean          casebook_store_import_file       (CasebookStore         *self,
                                                    GFile                 *file,
                                                    CasebookImportMode     mode,
                                                    CasebookImportResult  *result,
                                                    GError               **error);
CasebookDocument *casebook_store_export            (CasebookStore         *self,
                                                    GError               **error);
CasebookDocument *casebook_store_export_cases      (CasebookStore         *self,
                                                    const char * const    *ids,
                                                    GError               **error);
gboolean          casebook_store_save_case         (CasebookStore         *self,
                                                    CasebookCase          *c,
                                                    const CasebookSector  *new_sector,
                                                    GError               **error);
CasebookCase     *casebook_store_delete_case       (CasebookStore         *self,
                                                    const char            *id,
                                                    GError               **error);
gboolean          casebook_store_restore_case      (CasebookStore         *self,
                                                    CasebookCase          *c,
                                                    GError               **error);
char             *casebook_store_make_id           (CasebookStore         *self,
                                                    const char            *base);
char             *casebook_store_pick_sector_color (CasebookStore         *self);
GPtrArray        *casebook_store_list_products     (CasebookStore         *self,
                                                    GError               **error);
CasebookText     *casebook_store_get_product_name  (CasebookStore         *self,
                                                    const char            *key,
                                                    GError               **error);
GPtrArray        *casebook_store_list_sectors      (CasebookStore         *self,
                                                    GError               **error);
GPtrArray        *casebook_store_list_metrics      (CasebookStore         *self,
                                                    GError               **error);
GPtrArray        *casebook_store_list_insights     (CasebookStore         *self,
                                                    GError               **error);
GPtrArray        *casebook_store_list_references   (CasebookStore         *self,
                                                    GError               **error);
CasebookCatalog  *casebook_store_get_catalog       (CasebookStore         *self,
                                                    GError               **error);

G_END_DECLS
