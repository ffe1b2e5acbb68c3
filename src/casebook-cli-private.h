/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-cli.h"
#include "casebook-filter.h"

G_BEGIN_DECLS

/* Shared by the files of the command line (casebook-cli.c and
 * casebook-cli-collections.c): every line printed goes through these, so
 * that nothing a store or a file holds can drive the terminal. */

void           _casebook_cli_print               (GOutputStream *stream,
                                                  const char    *text);
const char    *_casebook_cli_line                (GPtrArray     *pool,
                                                  const char    *value);
GOutputStream *_casebook_cli_confirmation_stream (const char    *path,
                                                  GOutputStream *out,
                                                  GOutputStream *err);
int            _casebook_cli_list_filtered       (CasebookStore  *store,
                                                  CasebookFilter *filter,
                                                  CasebookLang    lang,
                                                  GOutputStream  *out,
                                                  GOutputStream  *err);
char          *_casebook_cli_subscription_name   (CasebookStore  *store,
                                                  const char     *case_id,
                                                  CasebookLang    lang);

G_END_DECLS
