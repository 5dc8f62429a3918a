#!/usr/bin/env bash
# make_dmg.sh - pack dist/LiveDesk.app (from `make dist` on macOS) into dist/LiveDesk-<version>.dmg.
# Signing/notarisation: set CODESIGN_IDENTITY to sign the app before packing.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
app=dist/LiveDesk.app
[ -d "$app" ] || { echo "make_dmg: $app not found; run make dist first" >&2; exit 1; }
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --deep --force --options runtime --sign "$CODESIGN_IDENTITY" "$app"
fi
stage=$(mktemp -d)
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -volname "LiveDesk $version" -srcfolder "$stage" -ov -format UDZO "dist/LiveDesk-$version.dmg"
rm -rf "$stage"
echo "dist/LiveDesk-$version.dmg"
