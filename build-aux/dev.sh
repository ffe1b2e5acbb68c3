#!/usr/bin/env bash
# Sets up a Debian 12 machine for Casebook, builds it, and then either
# starts it or runs the whole test suite.
#
#   build-aux/dev.sh run     install what is missing, build, start Casebook
#   build-aux/dev.sh test    install what is missing, build, run every test
#
# Run it as root (or with sudo) on a fresh machine: it installs the build
# and test dependencies with apt-get when they are missing.
set -euo pipefail

cd "$(dirname "$0")/.."

mode=${1:-run}
builddir=${BUILDDIR:-build}

packages=(
  # build
  meson ninja-build pkg-config gcc
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libjson-glib-dev libsqlite3-dev libicu-dev gettext
  # fetching subscribed collections over HTTP(S)
  libsoup-3.0-dev
  # data and packaging checks
  desktop-file-utils appstream flatpak-builder binutils
  # the collection file type: update-mime-database, and gio to ask it
  shared-mime-info libglib2.0-bin
  # runtime look: icons and fonts for both languages
  adwaita-icon-theme fonts-noto-cjk fonts-dejavu-core
  # runtime: TLS for https:// subscriptions (GIO's TLS backend)
  glib-networking
  # display tests
  xvfb xauth dbus
  # the fonts test compiles an en_US.UTF-8 locale with localedef
  locales
  # reading PDFs back in the print tests, and looking at them
  libpoppler-glib-dev poppler-utils
  # checking the structure of every PDF written (the brief tests)
  qpdf
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
  else
    SUDO=
  fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

if [ -f "$builddir/build.ninja" ]; then
  meson setup --reconfigure "$builddir"
else
  meson setup "$builddir"
fi
meson compile -C "$builddir"

case "$mode" in
  run)
    exec "$builddir/src/casebook" "${@:2}"
    ;;
  test)
    meson test -C "$builddir" --print-errorlogs --num-processes 2 "${@:2}"
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
