/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "casebook-lang.h"
#include "casebook-parts.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_CATALOG (casebook_catalog_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCatalog, casebook_catalog, CASEBOOK, CATALOG, GObject)

CasebookCatalog      *casebook_catalog_new          (GPtrArray       *sectors,
                                                     GPtrArray       *metrics,
                                                     GPtrArray       *ranges);
GPtrArray            *casebook_catalog_get_sectors  (CasebookCatalog *self);
GPtrArray            *casebook_catalog_get_metrics  (CasebookCatalog *self);
GPtrArray            *casebook_catalog_get_ranges   (CasebookCatalog *self);
GPtrArray            *casebook_catalog_list_ranges  (CasebookCatalog *self,
                                                     const char      *metric);
const CasebookSector *casebook_catalog_get_sector   (CasebookCatalog *self,
                                                     const char      *key);
const CasebookMetric *casebook_catalog_get_metric   (CasebookCatalog *self,
                                                     const char      *key);
const char           *casebook_catalog_sector_name  (CasebookCatalog *self,
                                                     const char      *key,
                                                     CasebookLang     lang);
const char           *casebook_catalog_metric_name  (CasebookCatalog *self,
                                                     const char      *key,
                                                     CasebookLang     lang);
const char           *casebook_catalog_sector_color (CasebookCatalog *self,
                                                     const char      *key);
guint                 casebook_catalog_sector_position (CasebookCatalog *self,
                                                        const char      *key);

G_END_DECLS
