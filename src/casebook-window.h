/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-filter.h"
#include "casebook-store.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_WINDOW (casebook_window_get_type ())

G_DECLARE_FINAL_TYPE (CasebookWindow, casebook_window, CASEBOOK, WINDOW, AdwApplicationWindow)

CasebookWindow *casebook_window_new              (GtkApplication      *app,
                                                  GSettings           *settings,
                                                  CasebookLang         lang,
                                                  CasebookStore       *store,
                                                  const GError        *store_error);
void            casebook_window_open_case        (CasebookWindow      *self,
                                                  const char          *id);
void            casebook_window_open_search      (CasebookWindow      *self,
                                                  const char          *text);
void            casebook_window_open             (CasebookWindow      *self,
                                                  GFile              **files,
                                                  int                  n_files);
gboolean        casebook_window_keep_before_close (CasebookWindow     *self);

/**
 * CasebookExportScope:
 * @CASEBOOK_EXPORT_ALL: every case in the store, with the report's material
 * @CASEBOOK_EXPORT_SHOWN: the cases the list shows, with the search and filters
 * @CASEBOOK_EXPORT_SELECTION: the case on the detail page
 *
 * Which cases an export writes.
 */
typedef enum
{
  CASEBOOK_EXPORT_ALL,
  CASEBOOK_EXPORT_SHOWN,
  CASEBOOK_EXPORT_SELECTION,
} CasebookExportScope;


G_END_DECLS
