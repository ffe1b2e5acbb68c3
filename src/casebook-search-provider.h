/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "casebook-lang.h"
#include "casebook-store.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_SEARCH_PROVIDER (casebook_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (CasebookSearchProvider, casebook_search_provider, CASEBOOK, SEARCH_PROVIDER, GObject)

/**
 * CasebookSearchProviderStoreFunc:
 * @user_data: the data given with the function
 *
 * Gives the store to answer from, opening it on first use.
 *
 * Returns: (transfer none) (nullable): the store, or %NULL if it cannot
 *   be opened
 */
typedef CasebookStore *(*CasebookSearchProviderStoreFunc) (gpointer user_data);

/* The name the desktop's search provider file gives, below the
 * application's object path. */
#define CASEBOOK_SEARCH_PROVIDER_PATH_SUFFIX "/SearchProvider"

CasebookSearchProvider *casebook_search_provider_new        (GApplication                    *app,
                                                             CasebookSearchProviderStoreFunc  store_func,
                                                             gpointer                         user_data);
gboolean                casebook_search_provider_export     (CasebookSearchProvider          *self,
                                                             GDBusConnection                 *connection,
                                                             const char                      *object_path,
                                                             GError                         **error);
void                    casebook_search_provider_unexport   (CasebookSearchProvider          *self);
void                    casebook_search_provider_set_lang   (CasebookSearchProvider          *self,
                                                             CasebookLang                     lang);
CasebookLang            casebook_search_provider_get_lang   (CasebookSearchProvider          *self);
char                   *casebook_search_provider_join_terms (const char * const              *terms);

G_END_DECLS
