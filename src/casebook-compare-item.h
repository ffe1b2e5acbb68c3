/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CasebookCompareItemKind:
 * @CASEBOOK_COMPARE_ITEM_CASE: a case's value
 * @CASEBOOK_COMPARE_ITEM_MEAN: a sector's mean
 * @CASEBOOK_COMPARE_ITEM_RANGE: the report's range for a sector
 */
typedef enum
{
  CASEBOOK_COMPARE_ITEM_CASE,
  CASEBOOK_COMPARE_ITEM_MEAN,
  CASEBOOK_COMPARE_ITEM_RANGE,
} CasebookCompareItemKind;

#define CASEBOOK_TYPE_COMPARE_ITEM (casebook_compare_item_get_type ())

G_DECLARE_FINAL_TYPE (CasebookCompareItem, casebook_compare_item, CASEBOOK, COMPARE_ITEM, GObject)

CasebookCompareItem     *casebook_compare_item_new          (CasebookCompareItemKind  kind,
                                                             const char              *case_id,
                                                             const char              *sector,
                                                             const char              *name,
                                                             const char              *value,
                                                             const char              *compared);
CasebookCompareItemKind  casebook_compare_item_get_kind     (CasebookCompareItem     *self);
const char              *casebook_compare_item_get_case_id  (CasebookCompareItem     *self);

G_END_DECLS
