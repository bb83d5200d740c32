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
# and, for each view, the pairs and the runs (a pair plus its "+N more runs";
# a run shared by three files counts once in each of their pairs), and the
# runs the tool leaves out as too common to list (in more than 8 places).
#
# A pair is counted per pair of files, so splitting one file into several
# turns one pair with many runs into several pairs; the runs are the same in
# both views unless a cut falls inside one.
set -euo pipefail

command -v duplicates >/dev/null || {
    echo "duplicates: tool not found (it is part of the development machine's tool library)" >&2
    exit 1
}

root=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

count() { # DIR -> "pairs runs too-common"
    duplicates --repo "$1" --most 200 | perl -ne '
        if (/^D\d+ /) { $p++; $r++; $r += $1 if /\(\+(\d+) more runs?\)/ }
        $c += $1 if /^left out: (\d+) runs? .*too common/;
        die "duplicates: $_" if /^incomplete:|^\(\+\d+ more pairs\)/;
        END { printf "%d %d %d\n", $p, $r, $c }'
}

measure() { # LABEL DIR
    local label=$1 dir=$2 joined=$work/$1-modules
    mkdir -p "$joined"
    # A top-level file stays as it is; a module directory (at any depth) and
    # a sibling `name.rs` become one `name.rs`.
    find "$dir" -maxdepth 1 -name '*.rs' -exec cp {} "$joined/" \;
    for sub in "$dir"/*/; do
        [ -d "$sub" ] || continue
        local name=$(basename "$sub")
        { [ -f "$dir/$name.rs" ] && cat "$dir/$name.rs"; find "$sub" -name '*.rs' | sort | xargs -r cat; } >"$joined/$name.rs.tmp"
        mv "$joined/$name.rs.tmp" "$joined/$name.rs"
    done
    local files=$(find "$dir" -name '*.rs' | wc -l)
    local lines=$(find "$dir" -name '*.rs' -exec cat {} + | wc -l)
    # Command substitution, not `< <(...)`, so that a failed count stops the script.
    local by_file by_module
    by_file=$(count "$dir")
    by_module=$(count "$joined")
    read -r fp fr fc <<<"$by_file"
    read -r mp mr mc <<<"$by_module"
    printf '%-12s %5s files %6s lines | files: %3s pairs %3s runs | modules: %3s pairs %3s runs | too common to list: %s, %s\n' \
        "$label" "$files" "$lines" "$fp" "$fr" "$mp" "$mr" "$fc" "$mc"
}

if [ $# -eq 0 ]; then
    # The files git would see (tracked, or untracked and not ignored), as
    # `duplicates --repo src` reads them.
    mkdir -p "$work/tree"
    git -C "$root" ls-files -co --exclude-standard src | (cd "$root" && xargs -r cp --parents -t "$work/tree")
    measure "working-tree" "$work/tree/src"
else
    for rev in "$@"; do
        short=$(git -C "$root" rev-parse --short "$rev")
        mkdir -p "$work/$short-tree"
        git -C "$root" archive "$rev" src | tar -x -C "$work/$short-tree"
        measure "$short" "$work/$short-tree/src"
    done
fi
