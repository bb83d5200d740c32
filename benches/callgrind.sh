#!/usr/bin/env bash
# Instructions per operation under callgrind, crate beside baseline: the
# deterministic companion of `cargo bench --bench account`'s time ratios.
# Needs valgrind. Usage: bash benches/callgrind.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "callgrind.sh: needs valgrind" >&2; exit 1; }
binary=$(cargo bench --bench instructions --no-run --message-format=json |
    sed -n 's/.*"executable":"\([^"]*instructions[^"]*\)".*/\1/p' | tail -n 1)
[ -x "$binary" ] || { echo "callgrind.sh: the instructions bench did not build" >&2; exit 1; }
instructions() { # case iterations -> total instructions
    local count
    count=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$binary" "$1" "$2" 2>&1 |
        sed -n 's/.*Collected : *\([0-9]*\).*/\1/p')
    [ -n "$count" ] || { echo "callgrind.sh: no count for $1 $2" >&2; exit 1; }
    echo "$count"
}
per_op() { # case small large divisor -> instructions per operation
    local a b
    a=$(instructions "$1" "$2")
    b=$(instructions "$1" "$3")
    echo $(((b - a) / $4))
}
row() { # case small large divisor -> a line of the table, crate beside baseline
    local ours base
    ours=$(per_op "$1" "$2" "$3" "$4")
    base=$(per_op "${1}_baseline" "$2" "$3" "$4")
    printf '%-22s %12s %12s %6s\n' "$1" "$ours" "$base" "$(awk "BEGIN { printf \"%.2f\", $ours / $base }")"
}
printf '%-22s %12s %12s %6s\n' case crate baseline ratio
for case in unlink_accepted unlink_refused change_seats_accepted change_seats_refused \
    account_seats_3 account_seats_50; do
    row "$case" 1000 11000 10000
done
# The wire: reading (from_json, validation included) and writing an account
# of 3 and of 50 licences, beside an IgnoredAny parse of the same bytes and
# the same document written from a serde_json::Value.
for case in deserialize_3 serialize_3; do
    row "$case" 100 1100 1000
done
for case in deserialize_50 serialize_50; do
    row "$case" 10 110 100
done
# Per account: one sweep of 20,000 accounts against six.
row next_deadline 1 6 100000
# Per event: 1,100 replays of the year against 100. The baseline clones the
# initial account and visits the events without applying them: the part of
# the crate's figure that is not `evolve`.
events=$("$binary" replay_events)
row account_replay 100 1100 $((1000 * events))
# GDAP and transfer request decisions (no baseline: the guard rail is the
# unlink's), and next_deadline with 10 and 100 GDAP relationships (linear:
# the second about ten times the first).
for case in gdap_request gdap_approve gdap_terminate gdap_refused transfer_create transfer_accept transfer_refused; do
    printf '%-22s %12s %12s %6s\n' "$case" "$(per_op "$case" 1000 11000 10000)" - -
done
for case in gdap_deadline_10 gdap_deadline_100; do
    printf '%-22s %12s %12s %6s\n' "$case" "$(per_op "$case" 100 1100 1000)" - -
done
