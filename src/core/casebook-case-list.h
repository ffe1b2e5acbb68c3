/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "casebook-filter.h"
#include "casebook-store.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_CASE_LIST (casebook_case_list_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCaseList, casebook_case_list, CASEBOOK, CASE_LIST, GObject)

CasebookCaseList *casebook_case_list_new          (CasebookStore    *store,
                                                   CasebookFilter   *filter,
                                                   CasebookLang      lang);
CasebookCaseList *casebook_case_list_new_empty    (CasebookStore    *store,
                                                   CasebookFilter   *filter,
                                                   CasebookSort      sort,
                                                   CasebookLang      lang);
void              casebook_case_list_set_lang     (CasebookCaseList *self,
                                                   CasebookLang      lang);
void              casebook_case_list_set_sort     (CasebookCaseList *self,
                                                   CasebookSort      sort);
void              casebook_case_list_set_track_id (CasebookCaseList *self,
                                                   const char       *id);
GPtrArray        *casebook_case_list_get_facets   (CasebookCaseList *self);
gboolean          casebook_case_list_is_loading   (CasebookCaseList *self);
guint             casebook_case_list_get_n_rows   (CasebookCaseList *self);
void              casebook_case_list_set_rows_per_step (CasebookCaseList *self,
                                                        guint             first,
                                                        guint             rows,
                                                        guint             until);
gboolean          casebook_case_list_show_more    (CasebookCaseList *self);
gboolean          casebook_case_list_show_rows    (CasebookCaseList *self,
                                                   guint             n_rows);
gboolean          casebook_case_list_is_counting  (CasebookCaseList *self);
gboolean          casebook_case_list_is_searching (CasebookCaseList *self);
guint             casebook_case_list_get_n_matches (CasebookCaseList *self);
void              casebook_case_list_refresh      (CasebookCaseList *self);
void              casebook_case_list_refresh_first (CasebookCaseList *self);
gboolean          casebook_case_list_refresh_rows (CasebookCaseList *self);


/* casebook-case-list-ids.c: acting on many rows without reading them */
void              casebook_case_list_get_ids_async  (CasebookCaseList    *self,
                                                     const guint         *runs,
                                                     guint                n_runs,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
char            **casebook_case_list_get_ids_finish (CasebookCaseList    *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
gboolean          casebook_case_list_get_listing    (CasebookCaseList    *self,
                                                     CasebookFilter     **filter,
                                                     CasebookSort        *sort,
                                                     CasebookLang        *lang);
gboolean          casebook_case_list_get_shown      (CasebookCaseList    *self,
                                                     CasebookFilter     **filter,
                                                     CasebookSort        *sort,
                                                     CasebookLang        *lang,
                                                     GPtrArray          **results,
                                                     guint64             *serial);

G_END_DECLS
