#!/usr/bin/env bash
# make windows: builds on Linux, from this checkout,
#   dist/fedclient-setup-<version>-x64.exe     per-user NSIS installer (pynsist), Python's signed pythonw.exe
#   dist/fedclient-portable-<version>-x64.zip  the same program in a folder: double-click fedclient-gui.exe
# Both have bin\fedclient.exe, the command line (export-month, consolidate, ...).
# The portable zip carries compiled bytecode (the installer compiles at install instead): hash-based pycs that need
# no file times, made with this machine's python3.12 (same bytecode as the shipped 3.12.x).
# Options (used by windows-check for the "previous version"): --version V  build as version V;
#   --fast  quick zlib compression; --out DIR  write there instead of dist/; --installer-only.
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$HERE/fetch.sh"

version_override="" fast="" out=$DIST portable=yes
while [ $# -gt 0 ]; do
    case $1 in
        --version) version_override=$2; shift ;;
        --fast) fast=yes ;;
        --out) out=$(realpath -m "$2"); shift ;;
        --installer-only) portable="" ;;
        *) fail "unknown option $1" ;;
    esac
    shift
done
started=$SECONDS

need_debs nsis osslsigncode gcc-mingw-w64-x86-64-win32 binutils-mingw-w64-x86-64 zip unzip python3-venv
tools_venv

# 1. A clean copy of what ships (no caches, no tests), with the version patched when asked.
stage=$WORK/stage${version_override:+-$version_override}
rm -rf "$stage" && mkdir -p "$stage"
cp -r "$ROOT/fedclient" "$ROOT/pyproject.toml" "$stage/"
find "$stage" -name __pycache__ -prune -exec rm -rf {} +
if [ -n "$version_override" ]; then
    sed -i "s/^__version__ = \"[^\"]*\"/__version__ = \"$version_override\"/" "$stage/fedclient/__init__.py"
fi
eval "$("$TOOLS/bin/python" "$HERE/installer_config.py" meta "$stage")"
if [ -n "$portable" ]; then
    ship_python=$(python_for "${PYTHON_VERSION%.*}") ||
        fail "python${PYTHON_VERSION%.*} is needed to compile the portable zip's bytecode (e.g. pyenv install ${PYTHON_VERSION%.*})"
fi
for folder in $DATA_FOLDERS; do
    cp -r "$ROOT/$folder" "$stage/"
    find "$stage/$folder" -name __pycache__ -prune -exec rm -rf {} +
done
log "fedclient $VERSION for Windows x64 (Python $PYTHON_VERSION)"

# 2. Downloads (cached) and the signature check of the embeddable Python.
fetch_wheels
fetch_python

# 3. pynsist lays out the program (Python\, pkgs\, bin\fedclient.exe) and writes installer.nsi from our template.
nsis_dir=$stage-nsis
rm -rf "$nsis_dir" && mkdir -p "$nsis_dir"
cp "$HERE/installer.nsi" "$nsis_dir/"
"$TOOLS/bin/python" "$HERE/installer_config.py" pynsist "$stage" "$WORK/wheels" "$nsis_dir/installer.cfg"
log "pynsist"
(cd "$nsis_dir" && PYTHONUTF8=1 PYNSIST_CACHE_DIR="$WORK/pynsist-cache" PYTHONPATH="$stage" \
    "$TOOLS/bin/pynsist" --no-makensis installer.cfg >pynsist.log 2>&1) || { tail -20 "$nsis_dir/pynsist.log"; fail "pynsist failed"; }
layout=$nsis_dir/build/nsis
installer=fedclient-setup-$VERSION-x64.exe

# 4. makensis: lzma for the release (~4 min on 2 cores), zlib with --fast.
log "makensis${fast:+ (fast compression)}"
mkdir -p "$out"
(cd "$layout" && makensis -V2 -INPUTCHARSET UTF8 ${fast:+-DFAST_COMPRESSION} installer.nsi) || fail "makensis failed"
mv "$layout/$installer" "$out/$installer"

# 5. The portable zip: the installed layout plus fedclient-gui.exe, a small launcher with icon and version.
if [ -n "$portable" ]; then
    # unchecked-hash: valid whatever times unzipping gives the files (a timestamp pyc would be compiled again on
    # the chair's first start, and on every start when the folder is read-only). -s: no build path inside.
    log "portable zip: bytecode ($("$ship_python" -V))"
    "$ship_python" -m compileall -q --invalidation-mode unchecked-hash -s "$layout" "$layout/pkgs" ||
        log "(some third-party files did not compile; windows-check verifies the program's own)"
    # shellcheck disable=SC2046  # DATA_FOLDERS is a list of plain folder names
    "$ship_python" -m compileall -q --invalidation-mode unchecked-hash -s "$stage" $(printf "$stage/%s " $DATA_FOLDERS) ||
        fail "the data folders' modules did not compile"
    log "portable zip"
    "$TOOLS/bin/python" "$HERE/installer_config.py" rc "$stage" "$stage-launcher.rc"
    x86_64-w64-mingw32-windres -c 65001 "$stage-launcher.rc" -O coff -o "$stage-launcher.res"
    x86_64-w64-mingw32-gcc -O2 -s -municode -mwindows -o "$stage-fedclient-gui.exe" "$HERE/launcher.c" "$stage-launcher.res"
    "$TOOLS/bin/python" "$HERE/portable.py" "$layout" "$nsis_dir/installer.cfg" "$stage-fedclient-gui.exe" \
        "$out/fedclient-portable-$VERSION-x64.zip"
fi

log "done in $((SECONDS - started)) s"
ls -l "$out"/fedclient-*"$VERSION"-x64.*
