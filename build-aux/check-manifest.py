#!/usr/bin/env python3
# Checks the Flatpak manifest: that flatpak-builder reads it, and that the
# sandbox gets exactly the permissions Casebook needs and no more.
import hashlib
import json
import os
import shutil
import subprocess
import sys

# --share=network: subscribed collections are fetched over HTTP(S).
EXPECTED_FINISH_ARGS = ["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri",
                        "--share=network"]
SKIP = 77

# The CJK font comes from its own project, pinned to a commit (tag
# Sans2.004): these files, as `file` sources with their sha256.
NOTO_CJK_COMMIT = "523d033d6cb47f4a80c58a35753646f5c3608a78"
NOTO_CJK_URL = f"https://raw.githubusercontent.com/notofonts/noto-cjk/{NOTO_CJK_COMMIT}/"
NOTO_CJK_FILES = ["Sans/OTC/NotoSansCJK-Regular.ttc", "Sans/OTC/NotoSansCJK-Bold.ttc", "LICENSE"]
# Debian 12's fonts-noto-cjk installs the same two font files, byte for
# byte, so their checksums can be checked on a machine that has them.
DEBIAN_NOTO_CJK = "/usr/share/fonts/opentype/noto"


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
    for m in fonts:
        problems += check_font_module(m, where)
    return problems


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_font_module(module, where):
    problems = []
    name = module.get("name")
    sources = module.get("sources", [])
    urls = [s.get("url") for s in sources]
    expected = [NOTO_CJK_URL + f for f in NOTO_CJK_FILES]
    if urls != expected or any(s.get("type") != "file" for s in sources):
        problems.append(f"{where}: module {name} must take exactly {expected} as file sources, "
                        f"found {[(s.get('type'), s.get('url')) for s in sources]}")
        return problems

    commands = module.get("build-commands", [])
    for f in NOTO_CJK_FILES[:2]:
        base = os.path.basename(f)
        if not any(c.startswith(f"install -Dm644 {base} ${{FLATPAK_DEST}}/share/fonts/") for c in commands):
            problems.append(f"{where}: module {name} does not install {base} under /app/share/fonts, "
                            "where fontconfig in the sandbox finds it")
    if not any(c.startswith("install -Dm644 LICENSE ${FLATPAK_DEST}/share/licenses/") for c in commands):
        problems.append(f"{where}: module {name} does not install the font's LICENSE under /app/share/licenses")

    for source in sources:
        sha = source.get("sha256", "")
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            problems.append(f"{where}: {source['url']} has no well-formed sha256")
            continue
        local = os.path.join(DEBIAN_NOTO_CJK, os.path.basename(source["url"]))
        if source["url"].endswith(".ttc") and os.path.exists(local):
            seen = sha256_of(local)
            if seen != sha:
                problems.append(f"{where}: {source['url']} has sha256 {sha}, but Debian's identical "
                                f"{local} has {seen}")
            else:
                print(f"{os.path.basename(local)}: sha256 matches {local}")
        elif source["url"].endswith(".ttc"):
            print(f"{local} is not installed (fonts-noto-cjk): its sha256 was not checked")
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
