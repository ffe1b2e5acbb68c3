#!/bin/sh
# Builds Casebook for the /app prefix a Flatpak uses, installs it into a
# scratch DESTDIR and checks that everything lands where GNOME and the app
# look for it.
set -eu

srcdir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

meson setup "$work/build" "$srcdir" --prefix=/app -Dtests=false -Dbuildtype=release >"$work/setup.log" 2>&1 ||
  { cat "$work/setup.log"; exit 1; }
meson compile -C "$work/build" >"$work/compile.log" 2>&1 || { cat "$work/compile.log"; exit 1; }
DESTDIR="$work/root" meson install -C "$work/build" --no-rebuild >"$work/install.log" 2>&1 ||
  { cat "$work/install.log"; exit 1; }

status=0
for f in \
  app/bin/casebook \
  app/share/applications/io.github.casebook.Casebook.desktop \
  app/share/metainfo/io.github.casebook.Casebook.metainfo.xml \
  app/share/glib-2.0/schemas/io.github.casebook.Casebook.gschema.xml \
  app/share/icons/hicolor/scalable/apps/io.github.casebook.Casebook.svg \
  app/share/icons/hicolor/symbolic/apps/io.github.casebook.Casebook-symbolic.svg \
  app/share/locale/zh_CN/LC_MESSAGES/casebook.mo \
  app/share/gnome-shell/search-providers/io.github.casebook.Casebook.search-provider.ini \
  app/share/dbus-1/services/io.github.casebook.Casebook.service \
  app/share/icons/hicolor/symbolic/apps/io.github.casebook.Casebook-sector-finance-symbolic.svg \
  app/share/icons/hicolor/symbolic/apps/io.github.casebook.Casebook-sector-other-symbolic.svg \
  app/share/mime/packages/io.github.casebook.Casebook.xml \
  app/share/icons/hicolor/scalable/mimetypes/io.github.casebook.Casebook-application-x-casebook+json.svg
do
  if [ ! -s "$work/root/$f" ]; then
    echo "missing after install: /$f"
    status=1
  fi
done

# The desktop's search and D-Bus activation: the search provider file names
# the desktop file, the bus name and the object path the application
# exports; D-Bus starts the installed binary as a service under that name.
# $1: the folder with the files, $2: the app ID, $3: the bindir.
check_dbus_files() {
  dir=$1 id=$2 bin=$3
  path=/$(echo "$id" | tr . /)
  ini=$(find "$dir" -name "$id.search-provider.ini" | head -n 1)
  service=$(find "$dir" -name "$id.service" | head -n 1)
  desktop=$(find "$dir" -name "$id.desktop" -o -name "$id.desktop.in" | head -n 1)
  for want in "[Shell Search Provider]" "DesktopId=$id.desktop" "BusName=$id" \
              "ObjectPath=$path/SearchProvider" "Version=2"; do
    grep -qxF "$want" "$ini" || { echo "$ini: no line $want"; status=1; }
  done
  for want in "[D-BUS Service]" "Name=$id" "Exec=$bin/casebook --gapplication-service"; do
    grep -qxF "$want" "$service" || { echo "$service: no line $want"; status=1; }
  done
  grep -qxF "DBusActivatable=true" "$desktop" || { echo "$desktop: not DBusActivatable=true"; status=1; }
}

check_dbus_files "$work/root/app/share" io.github.casebook.Casebook /app/bin
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$work/root/app/share/applications/io.github.casebook.Casebook.desktop" || status=1
fi

# A development build has IDs of its own for all of it; configuring it is
# enough to write these files.
meson setup "$work/devel" "$srcdir" --prefix=/app -Dtests=false -Ddevelopment=true >"$work/devel.log" 2>&1 ||
  { cat "$work/devel.log"; exit 1; }
check_dbus_files "$work/devel/data" io.github.casebook.Casebook.Devel /app/bin
for f in io.github.casebook.Casebook.search-provider.ini io.github.casebook.Casebook.service; do
  if [ -e "$work/devel/data/$f" ]; then
    echo "the development build writes the release's $f"
    status=1
  fi
done

# Nothing may land outside the prefix.
outside=$(cd "$work/root" && find . -mindepth 1 -maxdepth 1 ! -name app)
if [ -n "$outside" ]; then
  echo "installed outside /app: $outside"
  status=1
fi

# The binary must look for its translations under the prefix.
if ! strings "$work/root/app/bin/casebook" | grep -qx '/app/share/locale'; then
  echo "the binary does not look for translations in /app/share/locale"
  status=1
fi

# The desktop file offers to open collection files and casebook:// links,
# and passes them on to the binary.
desktop="$work/root/app/share/applications/io.github.casebook.Casebook.desktop"
if [ -s "$desktop" ]; then
  grep -q '^MimeType=.*application/x-casebook+json;' "$desktop" ||
    { echo "the desktop file does not list application/x-casebook+json"; status=1; }
  grep -q '^MimeType=.*x-scheme-handler/casebook;' "$desktop" ||
    { echo "the desktop file does not list x-scheme-handler/casebook"; status=1; }
  grep -q '^Exec=casebook %U$' "$desktop" ||
    { echo "the desktop file's Exec does not take files and links (%U)"; status=1; }
fi

# The installed MIME package declares the type with the icon installed
# beside it, and update-mime-database takes it (next to the system's
# types, which it sub-classes).
mime_pkg="$work/root/app/share/mime/packages/io.github.casebook.Casebook.xml"
if [ -s "$mime_pkg" ]; then
  grep -q '<mime-type type="application/x-casebook+json">' "$mime_pkg" ||
    { echo "the MIME package does not declare application/x-casebook+json"; status=1; }
  grep -q '<icon name="io.github.casebook.Casebook-application-x-casebook+json"/>' "$mime_pkg" ||
    { echo "the MIME package does not name the installed icon"; status=1; }
  if command -v update-mime-database >/dev/null; then
    mkdir -p "$work/mime/packages"
    cp "$mime_pkg" "$work/mime/packages/"
    if [ -f /usr/share/mime/packages/freedesktop.org.xml ]; then
      cp /usr/share/mime/packages/freedesktop.org.xml "$work/mime/packages/"
    fi
    update-mime-database "$work/mime" || { echo "update-mime-database refuses the package"; status=1; }
    grep -q '^application/x-casebook+json$' "$work/mime/types" ||
      { echo "update-mime-database did not take application/x-casebook+json"; status=1; }
  fi
fi

# The installed schema compiles, and the binary starts from the prefix.
glib-compile-schemas --strict --dry-run "$work/root/app/share/glib-2.0/schemas" || status=1
"$work/root/app/bin/casebook" --version | grep -q '^casebook ' || { echo "the installed binary does not run"; status=1; }

exit $status
