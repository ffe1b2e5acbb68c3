#!/bin/sh
# Holds the code to the layering that docs/architecture.md describes: the
# core includes neither drawing nor the toolkit, the drawing code includes
# the core but not the toolkit nor the application, nothing below the
# application includes an application header, only casebook-fetch.c
# includes libsoup, and only casebook-toast.c makes and shows toasts.
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

# Toasts are made and shown only through casebook-toast.c, which keeps
# libadwaita 1.2 from crashing on a toast dismissed or pushed back while
# it comes on screen.
found=$(grep -En "adw_toast_(new|overlay_add_toast|dismiss)[[:space:]]*\(" src/*.c src/core/*.c src/render/*.c \
        | grep -v '^src/casebook-toast\.c:' || true)
if [ -n "$found" ]; then
  echo "toasts must be made and shown through casebook-toast.h:"
  echo "$found"
  status=1
fi

exit $status
