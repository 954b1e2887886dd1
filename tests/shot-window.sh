#!/usr/bin/env bash
# shot-window.sh: the screenshots of issue 13, in French (not a test)
#
#   tests/shot-window.sh BUILD_DIR OUT_DIR
#
# Saves, light and dark (ADW_DEBUG_COLOR_SCHEME=prefer-dark), at 800 × 600
# and 1920 × 1080: the job list with Infirmier d'assistance open
# (window-WxH-STYLE.png) and the ranking view (views-WxH-STYLE.png); and
# the About window (about.png). Each run has its own Xvfb of that size;
# --size sizes the window to the screen (no window manager); xdotool opens
# About from the main menu.
# Needs xvfb, xdotool, imagemagick.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

build=$(realpath "$1")
out=$(mkdir -p "$2" && realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shoot() { # NAME WIDTH HEIGHT STYLE ARGS...
  local name=$1 w=$2 h=$3 style=$4 disp
  shift 4
  for disp in $(seq 150 199); do [ -e /tmp/.X$disp-lock ] || break; done
  Xvfb :$disp -screen 0 ${w}x${h}x24 -nolisten tcp >/dev/null 2>&1 &
  local xpid=$!
  sleep 1
  local scheme=default
  [ "$style" = dark ] && scheme=prefer-dark
  DISPLAY=:$disp GSK_RENDERER=cairo NO_AT_BRIDGE=1 LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 \
    XDG_DATA_HOME=$work XDG_CONFIG_HOME=$work ADW_DEBUG_COLOR_SCHEME=$scheme \
    "$build/ui/repere" --database "$work/repere.db" --size "${w}x${h}" "$@" >/dev/null 2>&1 &
  local apid=$!
  # The pointer in a corner: no tooltip over the chart.
  DISPLAY=:$disp xdotool mousemove "$((w - 1))" "$((h - 1))" 2>/dev/null || true
  sleep 14
  # Again once the window is there (the first move can come before the
  # server takes it), and time for a tooltip to go.
  DISPLAY=:$disp xdotool mousemove "$((w - 1))" "$((h - 1))" 2>/dev/null || true
  sleep 1
  if [ "$name" = about ]; then
    DISPLAY=:$disp xdotool key F10 2>/dev/null; sleep 1
    DISPLAY=:$disp xdotool key Up Up Return 2>/dev/null; sleep 3
  fi
  DISPLAY=:$disp import -window root "$out/$name.png"
  kill $apid 2>/dev/null || true
  wait $apid 2>/dev/null || true
  kill $xpid 2>/dev/null || true
  wait $xpid 2>/dev/null || true
  echo "saved $out/$name.png"
}

# The database first, so that each window opens at once.
LC_ALL=C.UTF-8 "$build/cli/repere-cli" --database "$work/repere.db" families >/dev/null

for size in 800x600 1920x1080; do
  w=${size%x*}; h=${size#*x}
  for style in light dark; do
    shoot "window-$size-$style" "$w" "$h" "$style" --job "Infirmier d'assistance"
    shoot "views-$size-$style" "$w" "$h" "$style" --view ranking
  done
done
shoot about 1280 800 light
