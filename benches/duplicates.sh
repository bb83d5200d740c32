#!/usr/bin/env bash
# Repeated code in src/, counted with the `duplicates` tool (which lists the
# pairs of places sharing runs of six or more identical or same-shape lines).
#
#   bash benches/duplicates.sh [REV...]     (default: the working tree)
#
# For each tree it prints two views:
#   files   - src/ as it is: one row per pair of files, as `duplicates --repo src`
#             reports it;
#   modules - each module directory (src/account/, src/licence/, ...) joined
#             into one file, the granularity src/ had before the layout split
#             (issue 13), so that a count taken before the split and one taken
#             after it compare the same thing.
# and, for each view, the pairs and the runs (a pair plus its "+N more runs").
#
# A pair is counted per pair of files, so splitting one file into several
# turns one pair with many runs into several pairs: the runs are the measure
# that does not depend on how the files are cut.
set -euo pipefail

command -v duplicates >/dev/null || {
    echo "duplicates: tool not found (it is part of the development machine's tool library)" >&2
    exit 1
}

root=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

count() { # DIR -> "pairs runs"
    duplicates --repo "$1" --most 200 | grep -E '^D[0-9]+ ' |
        perl -ne '$p++; $r++; $r += $1 if /\(\+(\d+) more runs?\)/; END { printf "%d %d\n", $p, $r }'
}

measure() { # LABEL DIR
    local label=$1 dir=$2
    mkdir -p "$work/$label-modules"
    cp "$dir"/*.rs "$work/$label-modules/"
    for sub in "$dir"/*/; do
        [ -d "$sub" ] || continue
        cat "$sub"*.rs >"$work/$label-modules/$(basename "$sub").rs"
    done
    local files=$(find "$dir" -name '*.rs' | wc -l)
    local lines=$(find "$dir" -name '*.rs' -exec cat {} + | wc -l)
    read -r fp fr < <(count "$dir")
    read -r mp mr < <(count "$work/$label-modules")
    printf '%-12s %5s files %6s lines | files: %3s pairs %3s runs | modules: %3s pairs %3s runs\n' \
        "$label" "$files" "$lines" "$fp" "$fr" "$mp" "$mr"
}

if [ $# -eq 0 ]; then
    measure "working-tree" "$root/src"
else
    for rev in "$@"; do
        short=$(git -C "$root" rev-parse --short "$rev")
        mkdir -p "$work/$short-tree"
        git -C "$root" archive "$rev" src | tar -x -C "$work/$short-tree"
        measure "$short" "$work/$short-tree/src"
    done
fi
