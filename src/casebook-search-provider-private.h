/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-search-provider.h"

G_BEGIN_DECLS

/* What the D-Bus methods answer, without the bus: for the tests and the
 * benchmark. */
char     **_casebook_search_provider_search    (CasebookSearchProvider  *self,
                                                const char * const      *terms,
                                                const char * const      *previous,
                                                GError                 **error);
GVariant  *_casebook_search_provider_get_metas (CasebookSearchProvider  *self,
                                                const char * const      *ids,
                                                GError                 **error);
void       _casebook_search_provider_set_idle_ms (CasebookSearchProvider *self,
                                                  guint                   ms);

G_END_DECLS
