/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "casebook-store.h"

G_BEGIN_DECLS

/**
 * CasebookExportFlags:
 * @CASEBOOK_EXPORT_FLAGS_NONE: the cases in the order they were added
 * @CASEBOOK_EXPORT_FLAGS_IDS_ORDER: the cases named by id in the order of
 *   the ids given (a drag keeps the order cases were dragged in)
 */
typedef enum
{
  CASEBOOK_EXPORT_FLAGS_NONE      = 0,
  CASEBOOK_EXPORT_FLAGS_IDS_ORDER = 1 << 0,
} CasebookExportFlags;

/**
 * CasebookExportProgress:
 * @done: the cases written so far
 * @total: the cases the export writes in all
 *
 * Called on the thread that exports, after every few cases.
 */
typedef void (*CasebookExportProgress) (guint    done,
                                        guint    total,
                                        gpointer user_data);

/**
 * CasebookExportRequest:
 * @ids: (nullable) (array zero-terminated=1): the cases to export, or
 *   %NULL
 * @collection_id: the collection to export, or 0
 * @flags: how to order the cases named by @ids
 * @progress: (nullable): told how far the export has come
 *
 * What an export writes: every case with all cross-sector material and
 * every collection when neither @ids nor @collection_id is given; the
 * cases with @ids (casebook_store_export_cases()); or one collection
 * (casebook_store_export_collection()).
 */
typedef struct
{
  const char * const     *ids;
  gint64                  collection_id;
  CasebookExportFlags     flags;
  CasebookExportProgress  progress;
  gpointer                progress_data;
} CasebookExportRequest;

gboolean casebook_store_export_to_stream (CasebookStore                *self,
                                          const CasebookExportRequest  *request,
                                          GOutputStream                *stream,
                                          guint                        *n_cases,
                                          GCancellable                 *cancellable,
                                          GError                      **error);
gboolean casebook_store_export_to_file   (CasebookStore                *self,
                                          const CasebookExportRequest  *request,
                                          GFile                        *file,
                                          guint                        *n_cases,
                                          GCancellable                 *cancellable,
                                          GError                      **error);

G_END_DECLS
