#!/usr/bin/env bash
# bench-import.sh: the full ROME import against the sqlite3 shell and a
# Python loader (issue 4, acceptance 5; issue 9, point 5).
#
#   bench/bench-import.sh [REPERE_CLI] [ROME_DIR] [RUNS]
#
# On the same twelve files of ROME_DIR (default ../shared/rome/v460), RUNS
# times each (default 5), alternating:
# - Repère: `repere-cli --no-bundled-rome import-rome` into a fresh database
#   (created, with the study loaded, before the timing starts): read,
#   validate, write, index, commit;
# - the sqlite3 shell's `.import --csv` of the twelve files into plain tables;
# - bench/python-loader.py: csv + sqlite3 into plain tables, one transaction.
# Each is timed as a whole process (wall and CPU, /usr/bin/time). Prints the
# best and median times, the ratios Repère / shell (target ≤ 2) and Python /
# Repère (target ≥ 1.5), and Repère's peak resident memory (target < 100 MB).
# Then, for information, the load of the bundled (compressed) copy
# (`repere-cli rome-history` on a fresh database). The startup targets are
# bench/bench-startup (first frame, competencies shown).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cli=${1:-$here/../build/cli/repere-cli}
dir=${2:-$here/../../shared/rome/v460}
runs=${3:-5}
python=/usr/bin/python3
[ -x "$python" ] || python=python3

command -v sqlite3 >/dev/null || { echo "bench-import: the sqlite3 shell is missing (apt install sqlite3)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-import: /usr/bin/time is missing (apt install time)" >&2; exit 1; }
[ -d "$dir" ] || { echo "bench-import: no ROME export in $dir" >&2; exit 1; }

files=(grand_domaine domaine_professionnel referentiel_code_rome cr_gd_dp referentiel_appellation
       referentiel_competence referentiel_savoir referentiel_contexte_travail coherence_item
       liens_rome_referentiels texte rubrique_mobilite)
version=$(ls "$dir" | sed -n 's/^unix_referentiel_code_rome_\(v[0-9]*\)_utf8\.csv$/\1/p' | head -1)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
script=$tmp/import.sql
paths=()
for f in "${files[@]}"; do
  echo ".import --csv '$dir/unix_${f}_${version}_utf8.csv' $f" >> "$script"
  paths+=("$dir/unix_${f}_${version}_utf8.csv")
done
bytes=$(cat "${paths[@]}" | wc -c)

calc () { awk "BEGIN { print $1 }"; }

repere_wall=() repere_cpu=() sqlite_wall=() sqlite_cpu=() python_wall=() python_cpu=() bundle_wall=() rss_max=0
for ((i = 1; i <= runs; i++)); do
  rm -f "$tmp"/r.db* "$tmp"/s.db* "$tmp"/p.db* "$tmp"/b.db*
  "$cli" --database "$tmp/r.db" --no-bundled-rome check >/dev/null
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$cli" --database "$tmp/r.db" --no-bundled-rome import-rome "$dir" \
    >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  read -r wall user sys rss < <(tail -1 "$tmp/t")
  repere_wall+=("$wall"); repere_cpu+=("$(calc "$user + $sys")")
  (( rss > rss_max )) && rss_max=$rss

  /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" sqlite3 "$tmp/s.db" < "$script"
  read -r wall user sys rss < <(tail -1 "$tmp/t")
  sqlite_wall+=("$wall"); sqlite_cpu+=("$(calc "$user + $sys")")

  /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$python" "$here/python-loader.py" "$tmp/p.db" "${paths[@]}"
  read -r wall user sys rss < <(tail -1 "$tmp/t")
  python_wall+=("$wall"); python_cpu+=("$(calc "$user + $sys")")

  "$cli" --database "$tmp/b.db" --no-bundled-rome check >/dev/null
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$cli" --database "$tmp/b.db" rome-history >/dev/null 2>&1
  read -r wall user sys rss < <(tail -1 "$tmp/t")
  bundle_wall+=("$wall")
  (( rss > rss_max )) && rss_max=$rss
done

best () { printf '%s\n' "$@" | sort -g | head -1; }
median () { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

rb=$(best "${repere_wall[@]}"); rm_=$(median "${repere_wall[@]}"); rc=$(best "${repere_cpu[@]}")
sb=$(best "${sqlite_wall[@]}"); sm=$(median "${sqlite_wall[@]}"); sc=$(best "${sqlite_cpu[@]}")
pb=$(best "${python_wall[@]}"); pm=$(median "${python_wall[@]}"); pc=$(best "${python_cpu[@]}")
rows=$(for f in "${files[@]}"; do echo "SELECT count(*) FROM $f;"; done | sqlite3 "$tmp/s.db" | awk '{ n += $1 } END { print n }')

echo "ROME $version, ${#files[@]} files, $rows rows, $bytes bytes, $runs runs each (best / median; whole processes)"
printf 'repere-cli import-rome (validation, write, index, commit): %6.3f s / %6.3f s wall, %6.3f s CPU\n' "$rb" "$rm_" "$rc"
printf 'sqlite3 .import --csv into plain tables:                  %6.3f s / %6.3f s wall, %6.3f s CPU\n' "$sb" "$sm" "$sc"
printf 'Python csv + sqlite3 into plain tables, one transaction:   %6.3f s / %6.3f s wall, %6.3f s CPU\n' "$pb" "$pm" "$pc"
printf 'ratio Repère / sqlite3: %.2f (best wall), %.2f (median wall), %.2f (CPU); target <= 2\n' \
  "$(calc "$rb / $sb")" "$(calc "$rm_ / $sm")" "$(calc "$rc / $sc")"
printf 'ratio Python / Repère:  %.2f (best wall), %.2f (median wall), %.2f (CPU); target >= 1.5\n' \
  "$(calc "$pb / $rb")" "$(calc "$pm / $rm_")" "$(calc "$pc / $rc")"
printf 'Repère peak RSS: %.1f MB; target < 100 MB\n' "$(calc "$rss_max / 1024")"
printf 'bundled copy (gzip in the binary) into a new database: %.3f s best, %.3f s median wall\n' \
  "$(best "${bundle_wall[@]}")" "$(median "${bundle_wall[@]}")"
