#!/bin/sh
# Regenerates the translation template from po/POTFILES.in and fails if
# any language in po/LINGUAS lacks a translation for any of its strings,
# or has a fuzzy one.
set -eu

srcdir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$srcdir"
xgettext --package-name=casebook --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --keyword=L_:2 --keyword=LC_:2c,3 --keyword=LN_:2,3 \
  --flag=N_:1:pass-c-format --flag=L_:2:pass-c-format --flag=LC_:3:pass-c-format --flag=LN_:2:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --files-from=po/POTFILES.in --output="$work/casebook.pot"

status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$work/casebook.pot" -o "$work/$lang.po"
  # Entries are taken whole (one paragraph each), since a long message
  # starts with an empty first line; the header is the entry whose msgid
  # is empty, and @APP_ID@ and the like are substituted, not text.
  entries='BEGIN { RS = "" } !/(^|\n)msgid ""\nmsgstr/ && !/msgid "@[A-Z_]*@"\n/ { print; print "" }'
  missing=$(msgattrib --untranslated --no-obsolete "$work/$lang.po" | awk "$entries")
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "po/$lang.po" | awk "$entries")
  if [ -n "$missing" ]; then
    echo "$lang: these strings have no translation:"
    echo "$missing"
    status=1
  fi
  if [ -n "$fuzzy" ]; then
    echo "$lang: these translations are fuzzy:"
    echo "$fuzzy"
    status=1
  fi
  msgfmt --check --output-file=/dev/null "po/$lang.po" || status=1
done

exit $status
