/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "casebook-store.h"

G_BEGIN_DECLS

/* The command line's actions. Each writes its results to @out and its
 * problems to @err, and returns the process exit status. None needs a
 * display. */

int   casebook_cli_list       (CasebookStore *store,
                               CasebookLang   lang,
                               GOutputStream *out,
                               GOutputStream *err);
int   casebook_cli_search     (CasebookStore *store,
                               const char    *query,
                               CasebookLang   lang,
                               GOutputStream *out,
                               GOutputStream *err);
int   casebook_cli_show       (CasebookStore *store,
                               const char    *id,
                               CasebookLang   lang,
                               GOutputStream *out,
                               GOutputStream *err);
int   casebook_cli_import     (CasebookStore *store,
                               const char    *path,
                               gboolean       replace,
                               GOutputStream *out,
                               GOutputStream *err);
int   casebook_cli_export     (CasebookStore *store,
                               const char    *path,
                               GOutputStream *out,
                               GOutputStream *err);
int   casebook_cli_list_metrics (CasebookStore *store,
                                 CasebookLang   lang,
                                 GOutputStream *out,
                                 GOutputStream *err);
int   casebook_cli_export_chart (CasebookStore *store,
                                 const char    *path,
                                 const char    *metric,
                                 CasebookLang   lang,
                                 GOutputStream *out,
                                 GOutputStream *err);
int   casebook_cli_export_pdf   (CasebookStore      *store,
                                 const char         *path,
                                 const char * const *ids,
                                 const char         *paper,
                                 CasebookLang        lang,
                                 GOutputStream      *out,
                                 GOutputStream      *err);
int   casebook_cli_export_brief (CasebookStore      *store,
                                 const char         *path,
                                 const char         *name,
                                 const char         *paper,
                                 CasebookLang        lang,
                                 GOutputStream      *out,
                                 GOutputStream      *err);


/* casebook-cli-collections.c: collections, notes and tags. */
int   casebook_cli_add_to_collection     (CasebookStore      *store,
                                          const char         *name,
                                          const char * const *ids,
                                          GOutputStream      *out,
                                          GOutputStream      *err);
int   casebook_cli_list_collections      (CasebookStore      *store,
                                          GOutputStream      *out,
                                          GOutputStream      *err);
int   casebook_cli_list_collection       (CasebookStore      *store,
                                          const char         *name,
                                          CasebookLang        lang,
                                          GOutputStream      *out,
                                          GOutputStream      *err);
int   casebook_cli_export_collection     (CasebookStore      *store,
                                          const char         *name,
                                          const char         *path,
                                          GOutputStream      *out,
                                          GOutputStream      *err);
int   casebook_cli_set_note              (CasebookStore      *store,
                                          const char * const *ids,
                                          const char         *note,
                                          GOutputStream      *out,
                                          GOutputStream      *err);
int   casebook_cli_add_tag               (CasebookStore      *store,
                                          const char * const *ids,
                                          const char         *tag,
                                          GOutputStream      *out,
                                          GOutputStream      *err);

/* casebook-cli-subscriptions.c: subscriptions. */
int   casebook_cli_subscribe             (CasebookStore      *store,
                                          const char         *url,
                                          CasebookLang        lang,
                                          GOutputStream      *out,
                                          GOutputStream      *err);
int   casebook_cli_list_subscriptions    (CasebookStore      *store,
                                          CasebookLang        lang,
                                          GOutputStream      *out,
                                          GOutputStream      *err);
int   casebook_cli_refresh               (CasebookStore      *store,
                                          GOutputStream      *out,
                                          GOutputStream      *err);
int   casebook_cli_unsubscribe           (CasebookStore      *store,
                                          const char         *url,
                                          GOutputStream      *out,
                                          GOutputStream      *err);

G_END_DECLS
