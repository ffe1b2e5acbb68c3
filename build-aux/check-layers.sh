#!/bin/sh
# Holds the code to the layering that docs/architecture.md describes: the
# core includes neither drawing nor the toolkit, the drawing code includes
# the core but not the toolkit nor the application, nothing below the
# application includes an application header, and only casebook-fetch.c
# includes libsoup.
set -eu

cd "$1"
status=0

refuse () {
  layer=$1
  pattern=$2
  what=$3
  shift 3
  found=$(grep -En "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pattern)" "$@" || true)
  if [ -n "$found" ]; then
    echo "$layer must not include $what:"
    echo "$found"
    status=1
  fi
}

app_headers=$(cd src && ls casebook-*.h | sed 's/\./\\./g' | paste -sd'|' -)

refuse "src/core" "gtk/|adwaita|gdk/|cairo|pango|casebook-render" "GTK, cairo, Pango or the drawing code" src/core/*.c src/core/*.h
refuse "src/core" "$app_headers" "application headers" src/core/*.c src/core/*.h
refuse "src/render" "gtk/|adwaita|gdk/" "GTK or libadwaita" src/render/*.c src/render/*.h
refuse "src/render" "$app_headers" "application headers" src/render/*.c src/render/*.h

# libsoup is for fetching subscribed collections, in one file of the core;
# everything else fetches through casebook-fetch.h.
not_fetch=$(ls src/core/*.c src/core/*.h | grep -v '^src/core/casebook-fetch\.c$')
refuse "src/core (but casebook-fetch.c)" "libsoup/" "libsoup" $not_fetch
refuse "src/render" "libsoup/" "libsoup" src/render/*.c src/render/*.h
refuse "src" "libsoup/" "libsoup (use casebook-fetch.h)" src/*.c src/*.h

exit $status
