#!/usr/bin/env bash
# bench-input.sh: bounded memory on hostile input (issue 12, acceptance 3).
#
#   bench/bench-input.sh [REPERE_CLI] [ROME_DIR] [FIELD_MIB]
#
# In the same script, each import is run as a whole process under
# /usr/bin/time (peak resident memory, %M):
# - the job ↔ ROME mapping: data/rome-mapping.csv (the reference), then the
#   same file with a FIELD_MIB field (default 1024: 1 GiB) in a note;
# - a ROME import: the twelve files of ROME_DIR (default ../shared/rome/v460,
#   the reference), then the same folder with a FIELD_MIB field in an
#   appellation's label;
# - a named pipe in place of the mapping file and of one ROME file (refused
#   at once: the time is printed; `timeout 20` guards a hang).
# The big files are streamed (tr on /dev/zero, never in memory) into a
# temporary folder and removed at the end; nothing is committed.
# Prints the peak RSS of each, the ratio hostile / reference (target: the
# hostile import under 100 MB whatever the field) and the refusal times.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cli=${1:-$here/../build/cli/repere-cli}
dir=${2:-$here/../../shared/rome/v460}
mib=${3:-1024}
mapping=$here/../data/rome-mapping.csv

[ -x /usr/bin/time ] || { echo "bench-input: /usr/bin/time is missing (apt install time)" >&2; exit 1; }
[ -d "$dir" ] || { echo "bench-input: no ROME export in $dir" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
calc () { awk "BEGIN { print $1 }"; }

# run NAME EXPECT(ok|fail) COMMAND…: peak RSS (KiB) and wall time of one process.
run () {
  local name=$1 expect=$2
  shift 2
  local status=0
  timeout 600 /usr/bin/time -f '%e %M' -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" || status=$?
  if [[ $expect == ok && $status != 0 ]] || [[ $expect == fail && $status == 0 ]]; then
    echo "bench-input: $name: unexpected exit status $status" >&2
    cat "$tmp/err" >&2
    exit 1
  fi
  read -r wall rss < <(tail -1 "$tmp/t")
  printf '%-34s %8.0f KiB  %6.2f s   %s\n' "$name" "$rss" "$wall" "$(grep -v '%$' "$tmp/err" | tail -1 | cut -c1-110)"
  eval "${name//[^a-z]/_}_rss=$rss; ${name//[^a-z]/_}_wall=$wall"
}

# FILE: its first LINES lines, then a record whose quoted field COLUMN of
# NCOLUMNS is FIELD_MIB MiB of 'x', streamed.
big_csv () {
  local source=$1 out=$2 lines=$3 before=$4 after=$5
  head -n "$lines" "$source" > "$out"
  printf '%s"' "$before" >> "$out"
  head -c $((mib * 1024 * 1024)) /dev/zero | tr '\0' 'x' >> "$out"
  printf '"%s\n' "$after" >> "$out"
}

echo "bench-input: a ${mib} MiB field, $(nproc) CPU(s)"

# Mapping: a database with the bundled referential and mapping first.
"$cli" --database "$tmp/m.db" restore-mapping 2>/dev/null
run "mapping reference" ok "$cli" --database "$tmp/m.db" import-mapping "$mapping"
big_csv "$mapping" "$tmp/big-mapping.csv" 20 "charge-d-assistance,K1903,,low," ""
run "mapping big field" fail "$cli" --database "$tmp/m.db" import-mapping "$tmp/big-mapping.csv"

# ROME: a fresh database without the bundled copy, then the folder.
"$cli" --database "$tmp/r.db" --no-bundled-rome check >/dev/null
run "rome reference" ok "$cli" --database "$tmp/r.db" --no-bundled-rome import-rome "$dir"
mkdir "$tmp/rome"
for f in "$dir"/*.csv; do ln -s "$f" "$tmp/rome/"; done
appellation=$(ls "$dir"/unix_referentiel_appellation_v*_utf8.csv)
rm "$tmp/rome/$(basename "$appellation")"
big_csv "$appellation" "$tmp/rome/$(basename "$appellation")" 50 '"99999999",' ',"","D1408","","","","","","","","","N"'
run "rome big field" fail "$cli" --database "$tmp/r.db" --no-bundled-rome import-rome "$tmp/rome"

# Named pipes: refused at once (no writer ever opens them).
mkfifo "$tmp/pipe.csv"
run "mapping named pipe" fail timeout 20 "$cli" --database "$tmp/m.db" import-mapping "$tmp/pipe.csv"
rm "$tmp/rome/$(basename "$appellation")"
mkfifo "$tmp/rome/$(basename "$appellation")"
run "rome named pipe" fail timeout 20 "$cli" --database "$tmp/r.db" --no-bundled-rome import-rome "$tmp/rome"

echo
echo "peak RSS, big field / reference: mapping $(calc "$mapping_big_field_rss / $mapping_reference_rss") ($(calc "$mapping_big_field_rss / 1024") MB)," \
     "ROME $(calc "$rome_big_field_rss / $rome_reference_rss") ($(calc "$rome_big_field_rss / 1024") MB); target < 100 MB"
echo "named pipe refused in: mapping ${mapping_named_pipe_wall} s, ROME ${rome_named_pipe_wall} s"
(( mapping_big_field_rss < 100 * 1024 && rome_big_field_rss < 100 * 1024 )) || { echo "bench-input: over 100 MB" >&2; exit 1; }
