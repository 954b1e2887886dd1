#!/usr/bin/env bash
# bench-import.sh: the full ROME import against the sqlite3 shell (issue 4,
# acceptance 5).
#
#   bench/bench-import.sh [REPERE_CLI] [ROME_DIR] [RUNS]
#
# Imports ROME_DIR (default ../shared/rome/v460) RUNS times (default 5) with
# `repere-cli import-rome` into a fresh database (created, with the study
# loaded, before the timing starts), and loads the same six files with the
# sqlite3 shell's `.import --csv` into plain tables, alternating the two.
# Prints the best and median wall times of each, their ratio (target ≤ 2)
# and Repère's peak resident memory (target < 100 MB), from /usr/bin/time.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cli=${1:-$here/../build/cli/repere-cli}
dir=${2:-$here/../../shared/rome/v460}
runs=${3:-5}

command -v sqlite3 >/dev/null || { echo "bench-import: the sqlite3 shell is missing (apt install sqlite3)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-import: /usr/bin/time is missing (apt install time)" >&2; exit 1; }
[ -d "$dir" ] || { echo "bench-import: no ROME export in $dir" >&2; exit 1; }

files=(referentiel_code_rome referentiel_appellation referentiel_competence referentiel_savoir
       liens_rome_referentiels coherence_item)
version=$(ls "$dir" | sed -n 's/^unix_referentiel_code_rome_\(v[0-9]*\)_utf8\.csv$/\1/p' | head -1)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
script=$tmp/import.sql
for f in "${files[@]}"; do
  echo ".import --csv '$dir/unix_${f}_${version}_utf8.csv' $f" >> "$script"
done

calc () { awk "BEGIN { print $1 }"; }

repere_wall=() sqlite_wall=() rss_max=0 repere_cpu=() sqlite_cpu=()
for ((i = 1; i <= runs; i++)); do
  rm -f "$tmp"/r.db* "$tmp"/s.db*
  "$cli" --database "$tmp/r.db" check >/dev/null
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$cli" --database "$tmp/r.db" import-rome "$dir" >/dev/null 2>"$tmp/err" \
    || { cat "$tmp/err" >&2; exit 1; }
  read -r wall user sys rss < <(tail -1 "$tmp/t")
  repere_wall+=("$wall"); repere_cpu+=("$(calc "$user + $sys")")
  (( rss > rss_max )) && rss_max=$rss

  /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" sqlite3 "$tmp/s.db" < "$script"
  read -r wall user sys rss < <(tail -1 "$tmp/t")
  sqlite_wall+=("$wall"); sqlite_cpu+=("$(calc "$user + $sys")")
done

best () { printf '%s\n' "$@" | sort -g | head -1; }
median () { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

rb=$(best "${repere_wall[@]}"); sb=$(best "${sqlite_wall[@]}")
rm_=$(median "${repere_wall[@]}"); sm=$(median "${sqlite_wall[@]}")
rc=$(best "${repere_cpu[@]}"); sc=$(best "${sqlite_cpu[@]}")
rows=$(for f in "${files[@]}"; do echo "SELECT count(*) FROM $f;"; done | sqlite3 "$tmp/s.db" | awk '{ n += $1 } END { print n }')

echo "ROME $version, ${#files[@]} files, $rows rows, $runs runs each (best / median)"
printf 'repere-cli import-rome (validation, diff, apply, index): %6.3f s / %6.3f s wall, %6.3f s CPU\n' "$rb" "$rm_" "$rc"
printf 'sqlite3 .import --csv into plain tables:                %6.3f s / %6.3f s wall, %6.3f s CPU\n' "$sb" "$sm" "$sc"
printf 'ratio Repère / sqlite3: %.2f (best wall), %.2f (median wall), %.2f (CPU); target <= 2\n' \
  "$(calc "$rb / $sb")" "$(calc "$rm_ / $sm")" "$(calc "$rc / $sc")"
printf 'Repère peak RSS: %.1f MB; target < 100 MB\n' "$(calc "$rss_max / 1024")"
