#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the program and its tests need, when any is missing.
# Qt's wheels need the EGL/GL/xkb/fontconfig libraries (and the xcb ones for a real window); Chinese text
# needs a Simplified Chinese font; the PDF tests read PDFs with poppler's pdftotext and pdffonts.
set -euo pipefail
packages=(
    libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
    libxcb-shape0 libxcb-xkb1 libx11-xcb1
    fonts-noto-cjk poppler-utils
)
if ! command -v dpkg >/dev/null 2>&1; then
    echo "Not a Debian-like system: install the equivalents of: ${packages[*]}" >&2
    exit 0
fi
python=${PYTHON:-python3}
"$python" -c "import ensurepip, venv" 2>/dev/null || packages+=(python3-venv)
missing=()
for pkg in "${packages[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
