#!/usr/bin/env bash
# shot-rating.sh: the screenshots of issue 10, in French (not a test)
#
#   tests/shot-rating.sh BUILD_DIR OUT_DIR
#
# Builds a database with ROME v460 (../shared/rome/v460) and a user
# assessment "Ma société" where three raters filled the sheets of three jobs
# (CSV, levels made up from the competency ids) and Claire Martin rated 20 of
# the 46 competencies of Chargé d'assistance; then saves
#   grid.png       the rating grid of Chargé d'assistance, mid-way
#   agreement.png  the agreement report
#   sheet-1.png, sheet-2.png  an exported XLSX sheet as LibreOffice prints
#                  it (instructions, then a job)
# Needs xvfb, imagemagick, poppler-utils, LibreOffice and
# ../shared/tools/screenshot.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

build=$(realpath "$1")
out=$(mkdir -p "$2" && realpath "$2")
here=$(dirname "$(realpath "$0")")
rome=$here/../../shared/rome/v460
shot=$here/../../shared/tools/screenshot
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/repere.db
cli() { LC_ALL=C.UTF-8 "$build/cli/repere-cli" --database "$db" "$@" 2>/dev/null; }

cli import-rome "$rome" >/dev/null
cli assessment create "Ma société" >/dev/null
cli rating-sheet export user-ma-societe --job "Gestionnaire de dossiers d’assistance" \
  --job "Chargé d’accueil d’assistance" --job "Formateur d’assistance" --output "$work/sheets.csv" >/dev/null
# Column 4 is the competency id, column 9 the level.
for rater in "Claire Martin" "Karim Benali" "Sophie Laurent"; do
  awk -F';' -v OFS=';' -v who="$rater" 'NR == 1 { print; next } {
      level = 1 + $4 % 4
      if (who == "Karim Benali" && $4 % 5 == 0) level++
      if (who == "Sophie Laurent" && $4 % 7 == 0) level--
      if (who == "Sophie Laurent" && $4 % 19 == 0) level += 2
      $9 = level < 1 ? 1 : level > 5 ? 5 : level
      print }' "$work/sheets.csv" >"$work/filled.csv"
  cli rating-sheet import user-ma-societe "$work/filled.csv" --rater "$rater" >/dev/null
done
n=0
for id in $(cli competencies "Chargé d’assistance" | tail -n +2 | head -20 | cut -f2); do
  n=$((n + 1))
  cli rate-competency user-ma-societe charge-d-assistance "$id" $((n % 4 + 1)) --rater "Claire Martin" >/dev/null
done

app() { "$shot" "$out/$1.png" 14 env LANG=fr_FR.UTF-8 LANGUAGE=fr GSETTINGS_BACKEND=memory \
  "$build/ui/repere" --database "$db" --assessment user-ma-societe --job "$2" --view "$1" >/dev/null 2>&1; }
app rating "Chargé d’assistance"
mv "$out/rating.png" "$out/grid.png"
app agreement "Gestionnaire de dossiers d’assistance"

LANG=fr_FR.UTF-8 LANGUAGE=fr "$build/cli/repere-cli" --database "$db" rating-sheet export user-ma-societe \
  --job "Chargé d’assistance" --rater "Claire Martin" --output "$work/feuilles.xlsx" >/dev/null 2>&1
HOME=$work soffice --headless --convert-to pdf --outdir "$work" "$work/feuilles.xlsx" >/dev/null 2>&1
pdftoppm -r 100 -png -f 1 -l 2 "$work/feuilles.pdf" "$work/sheet"
for page in 1 2; do
  convert "$work"/sheet-*"$page".png -trim -bordercolor white -border 20 "$out/sheet-$page.png"
done
echo "screenshots in $out"
