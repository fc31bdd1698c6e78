#!/usr/bin/env bash
# make windows-check: tests dist/'s installer and portable zip under Wine in a fresh prefix (see check.py),
# prints a report and exits non-zero on any failure. Run `make windows` first; takes about 10 minutes.
set -euo pipefail
source "$(dirname "$0")/common.sh"
need_debs wine wine64 nsis osslsigncode gcc-mingw-w64-x86-64-win32 binutils-mingw-w64-x86-64 zip unzip fonts-noto-cjk \
    poppler-utils python3-venv
tools_venv
eval "$("$TOOLS/bin/python" "$HERE/installer_config.py" meta "$ROOT")"
exec "$TOOLS/bin/python" "$HERE/check.py" "$VERSION"
