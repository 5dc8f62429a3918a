#!/usr/bin/env bash
# bootstrap.sh - make this checkout runnable: the system libraries Qt needs (Debian/Ubuntu, via
# apt-get when missing) and a .venv with LiveDesk installed (editable) plus its test tools.
# Idempotent and quick when nothing is missing. Used by `make demo`, `make test` and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt offscreen/xcb runtime libraries, a CJK font and an emoji font (both render as boxes without),
# and binutils: PyInstaller (make dist, make selftest) reads the libraries with objdump.
DEBS=(libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0 libglib2.0-0
      libdbus-1-3 libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
      libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-xfixes0
      fonts-noto-cjk fonts-noto-color-emoji binutils)

log() { printf 'bootstrap: %s\n' "$*" >&2; }

install_debs() {
    command -v dpkg-query >/dev/null 2>&1 || { log "not a Debian system: install Qt's runtime libraries yourself"; return 0; }
    local missing=() p
    for p in "${DEBS[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { log "need root to install: ${missing[*]}"; exit 1; }
        sudo=(sudo)
    fi
    log "installing system packages: ${missing[*]}"
    local opts=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=600)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install "${opts[@]}" "${missing[@]}" >&2 || {
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q update >&2
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install "${opts[@]}" "${missing[@]}" >&2
    }
}

install_venv() {
    local py=${PYTHON:-python3} stamp=.venv/.livedesk-installed want
    want=$(sha256sum pyproject.toml | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x .venv/bin/python ]; then
        return 0
    fi
    [ -x .venv/bin/python ] || { log "creating .venv with $($py --version)"; "$py" -m venv .venv; }
    log "installing LiveDesk and its test tools into .venv"
    .venv/bin/python -m pip install -q --upgrade pip >&2
    .venv/bin/python -m pip install -q -e '.[test,dev]' >&2
    echo "$want" >"$stamp"
}

build_translations() {
    local ts qm
    for ts in resources/translations/*.ts; do
        [ -e "$ts" ] || continue
        qm=${ts%.ts}.qm
        if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
            .venv/bin/pyside6-lrelease -silent "$ts" -qm "$qm"
        fi
    done
}

install_debs
install_venv
build_translations
