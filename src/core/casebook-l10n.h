/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "casebook-lang.h"

G_BEGIN_DECLS

const char *casebook_l10n_get_locale_dir (void);
void        casebook_l10n_set_locale_dir (const char   *dir);
const char *casebook_l10n_gettext        (CasebookLang  lang,
                                          const char   *msgid) G_GNUC_FORMAT (2);
const char *casebook_l10n_pgettext       (CasebookLang  lang,
                                          const char   *context,
                                          const char   *msgid) G_GNUC_FORMAT (3);
const char *casebook_l10n_ngettext       (CasebookLang  lang,
                                          const char   *msgid,
                                          const char   *msgid_plural,
                                          gulong        n) G_GNUC_FORMAT (3);

/* Marks a string for translation into @lang, whatever the interface
 * language is: for text that goes into a document or onto the command
 * line in the language the person asked for. The extraction keywords are
 * in po/meson.build and build-aux/check-translations.sh. */
#define L_(lang, msgid)                 casebook_l10n_gettext ((lang), (msgid))
#define LC_(lang, context, msgid)       casebook_l10n_pgettext ((lang), (context), (msgid))
#define LN_(lang, msgid, msgid_plural, n) casebook_l10n_ngettext ((lang), (msgid), (msgid_plural), (n))

G_END_DECLS
