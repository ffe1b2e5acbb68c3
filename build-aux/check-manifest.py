#!/usr/bin/env python3
# Checks the Flatpak manifest: that flatpak-builder reads it, and that the
# sandbox gets exactly the permissions Casebook needs and no more.
import json
import shutil
import subprocess
import sys

EXPECTED_FINISH_ARGS = ["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"]
SKIP = 77


def check(manifest, where):
    problems = []
    app_id = manifest.get("id") or manifest.get("app-id")
    if app_id != "io.github.casebook.Casebook":
        problems.append(f"{where}: the app ID is {app_id!r}, not io.github.casebook.Casebook")
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        problems.append(f"{where}: the runtime must be org.gnome.Platform with org.gnome.Sdk")
    if manifest.get("command") != "casebook":
        problems.append(f"{where}: the command is {manifest.get('command')!r}, not casebook")
    if manifest.get("finish-args") != EXPECTED_FINISH_ARGS:
        problems.append(f"{where}: finish-args are {manifest.get('finish-args')}, "
                        f"expected exactly {EXPECTED_FINISH_ARGS}")
    modules = manifest.get("modules", [])
    names = [m.get("name") if isinstance(m, dict) else m for m in modules]
    if not names or names[-1] != "casebook":
        problems.append(f"{where}: the last module must be casebook, found {names}")
    for m in modules:
        if not isinstance(m, dict):
            continue
        if m.get("name") in ("json-glib", "sqlite", "sqlite3", "gtk", "libadwaita"):
            problems.append(f"{where}: module {m['name']} is already in the GNOME runtime")
        for source in m.get("sources", []):
            if source.get("type") in ("archive", "file") and not source.get("sha256"):
                problems.append(f"{where}: source {source.get('url')} has no sha256")
    fonts = [m for m in modules if isinstance(m, dict) and any(
        "share/fonts" in c for c in m.get("build-commands", []))]
    if not fonts:
        problems.append(f"{where}: no module installs a CJK font under /app/share/fonts")
    return problems


def main():
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
    problems = check(manifest, path)

    builder = shutil.which("flatpak-builder")
    if builder is None:
        for p in problems:
            print(p, file=sys.stderr)
        if problems:
            return 1
        print("SKIP: flatpak-builder is not installed, so the manifest was only read as JSON "
              "(install the flatpak-builder package to check it fully)")
        return SKIP

    shown = subprocess.run([builder, "--show-manifest", path], capture_output=True, text=True)
    if shown.returncode != 0:
        print(f"flatpak-builder cannot read {path}:\n{shown.stderr}", file=sys.stderr)
        return 1
    problems += check(json.loads(shown.stdout), "flatpak-builder --show-manifest")

    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
