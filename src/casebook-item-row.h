/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-text.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_ITEM_ROW (casebook_item_row_get_type ())

G_DECLARE_DERIVABLE_TYPE (CasebookItemRow, casebook_item_row, CASEBOOK, ITEM_ROW, AdwExpanderRow)

struct _CasebookItemRowClass
{
  AdwExpanderRowClass parent_class;

  /* The title and subtitle of the row in @lang: the title says which item
   * it is, the subtitle sums up the rest, so a list of closed rows still
   * reads. */
  void (*describe) (CasebookItemRow  *self,
                    CasebookLang      lang,
                    const char      **title,
                    char            **subtitle);
};

const char   *casebook_item_row_get_path (CasebookItemRow *self);
void          casebook_item_row_set_lang (CasebookItemRow *self,
                                          CasebookLang     lang);

G_END_DECLS
