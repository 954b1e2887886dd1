#!/usr/bin/env bash
# test-unique.sh: one instance per database (issue 13).
# Run under dbus-run-session and a display: a second launch on the same
# database hands over to the first and exits at once; a launch on another
# database stays, as its own instance.
set -u
gui="$1"
dir=$(mktemp -d)
trap 'kill $first $other 2>/dev/null; rm -rf "$dir"' EXIT
unset REPERE_NON_UNIQUE
export GSETTINGS_BACKEND=memory GTK_A11Y=none
"$gui" --database "$dir/a.db" & first=$!
other=""
sleep 4
kill -0 $first || { echo "not ok: the first instance did not start"; exit 1; }
timeout 10 "$gui" --database "$dir/a.db"
rc=$?
[ $rc -eq 0 ] || { echo "not ok: a second launch on the same database did not hand over (status $rc)"; exit 1; }
"$gui" --database "$dir/b.db" & other=$!
sleep 4
kill -0 $other || { echo "not ok: a launch on another database did not stay"; exit 1; }
kill -0 $first || { echo "not ok: the first instance ended"; exit 1; }
echo "ok: same database → one instance; another database → its own"
