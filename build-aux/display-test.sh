#!/bin/sh
# Runs one display test in a private X server with its own session bus, the
# way a desktop session provides them.
exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" "$@"
