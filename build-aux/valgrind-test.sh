#!/bin/sh
# `meson test --setup=valgrind` runs every test through this script (see
# docs/checking.md): under valgrind's memcheck, with the suppression files
# beside it. It follows the programs a test starts, such as the casebook
# binary of the command-line tests, but not system programs. A display
# test runs inside build-aux/display-test.sh, with its own D-Bus and X
# server; there valgrind goes inside, just before the test program.
here=$(cd "$(dirname "$0")" && pwd)

wrapper=
if [ "${1##*/}" = display-test.sh ]; then
  wrapper=$1
  shift
fi

exec ${wrapper:+"$wrapper"} valgrind --quiet --error-exitcode=99 \
  --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
  --num-callers=40 \
  --suppressions="$here/valgrind/glib.supp" \
  --suppressions="$here/valgrind/gtk.supp" \
  --suppressions="$here/valgrind/fontconfig.supp" \
  --suppressions="$here/valgrind/casebook.supp" \
  --trace-children=yes \
  --trace-children-skip='/bin/*,/usr/bin/*,/sbin/*,/usr/sbin/*,/usr/libexec/*' \
  "$@"
