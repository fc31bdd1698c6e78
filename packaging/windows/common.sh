# Shared by build.sh and check.sh (sourced): where things go, Debian packages, the Linux-side tools venv.
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${WINDOWS_BUILD_DIR:-$ROOT/build/windows}   # git-ignored: downloads, staging, Wine prefixes
DIST=$ROOT/dist                                  # git-ignored: the two deliverables
TOOLS=$WORK/tools-venv

log() { printf '\n== %s\n' "$*"; }
fail() { echo "error: $*" >&2; exit 1; }

# need_debs PACKAGE...: apt-get install the packages not installed yet (a fresh Debian/Ubuntu machine).
need_debs() {
    local missing=() pkg sudo=""
    for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    log "installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# python_for SHORT: a Python of that minor version on this machine (on PATH, or one of pyenv's), to compile the
# bytecode the shipped Python reads (the magic number is the same for every 3.12.x).
python_for() {
    local short=$1 candidate root
    root=$(pyenv root 2>/dev/null || true)
    for candidate in "python$short" ${root:+"$root"/versions/"$short".*/bin/python"$short"}; do
        if "$candidate" -c "import sys; sys.exit('%d.%d' % sys.version_info[:2] != '$short')" 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

# tools_venv: pynsist, pefile, openpyxl for the Linux side, installed once per requirements change.
tools_venv() {
    local stamp=$TOOLS/.installed
    if [ ! -f "$stamp" ] || [ "$HERE/requirements-tools.txt" -nt "$stamp" ]; then
        log "tools venv ($TOOLS)"
        python3 -m venv "$TOOLS"
        "$TOOLS/bin/pip" install -q -r "$HERE/requirements-tools.txt" 2>&1 | grep -v '^WARNING: Location' || true
        "$TOOLS/bin/python" -c "import nsist, pefile, openpyxl" || fail "tools venv incomplete"
        touch "$stamp"
    fi
}
