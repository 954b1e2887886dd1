#!/usr/bin/python3
# test-french-text.py: the window's text as an HR officer reads it (issue 13,
# "Text"): no developer paths or commands, no raw timestamps, French
# typography (decimal commas, "Émergent").
#
# Reads po/fr.po (the entries whose references are in ui/, render/ or data/,
# i.e. what the window and the prints show) and the sources of ui/ and
# render/. TAP output, one test per check.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")


def po_entries(path):
    """Non-obsolete entries of a .po file: dicts with refs, ctxt, id, str."""
    entries = []
    entry = {"refs": [], "ctxt": None, "id": "", "str": ""}
    field = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if entry["id"] or entry["str"]:
                    entries.append(entry)
                entry = {"refs": [], "ctxt": None, "id": "", "str": ""}
                field = None
            elif line.startswith("#~"):
                field = None
            elif line.startswith("#:"):
                entry["refs"] += line[2:].split()
            elif line.startswith("#"):
                continue
            else:
                m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?)\s+"(.*)"$', line)
                if m:
                    key = {"msgctxt": "ctxt", "msgid": "id", "msgid_plural": "id"}.get(m.group(1), "str")
                    field = key
                    entry[key] = (entry[key] or "") + ("\n" if key in ("id", "str") and entry[key] else "")
                    entry[key] += unescape(m.group(2))
                elif line.startswith('"') and field:
                    entry[field] += unescape(line[1:-1])
    if entry["id"] or entry["str"]:
        entries.append(entry)
    return entries


def unescape(text):
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def shown_in_window(entry):
    return any(r.startswith(("ui/", "render/", "data/")) for r in entry["refs"])


# The messages of app/ and import/ (GError messages: a damaged database, a
# refused import…) reach the window too, in its dialogs and pages: only
# cli/ may name repere-cli's commands.
def reaches_window(entry):
    return any(r.startswith(("ui/", "render/", "data/", "app/", "import/")) for r in entry["refs"])


results = []


def check(name, failures):
    results.append((name, failures))


entries = po_entries(os.path.join(ROOT, "po", "fr.po"))
window = [e for e in entries if shown_in_window(e) and e["id"]]

# 1. No developer paths, files or commands in what the window shows.
developer = re.compile(r"docs/|\.md\b|repere-cli|rollback-rome|\bsrc/|\bapp/|\bschema/")
check("window text names no developer path or command",
      [f"{e['refs'][0]}: {e['str']!r}" for e in entries if e["id"] and reaches_window(e) and (developer.search(e["str"]) or developer.search(e["id"]))])

# 2. Decimal commas: no "0.38" in a French string of the window, and the
#    decimal separator the window's numbers use (C_("decimal separator"))
#    is the comma.
#    Section numbers ("3.3", "4.2") and versions ("ROME 4.0", "2.0") have
#    a point; a score, share or weight ("0.38", "1.25") has not.
point = re.compile(r"(?<![\w.])(?:0\.\d+|\d+\.\d\d+)(?![\w.])")
check("French window text writes decimals with a comma",
      [f"{e['refs'][0]}: {e['str']!r}" for e in window if point.search(e["str"])])
separator = [e for e in entries if e["ctxt"] == "decimal separator" and e["id"] == "."]
check("the decimal separator is translated as a comma",
      [] if separator and all(e["str"] == "," for e in separator) else ["msgctxt \"decimal separator\" missing or not ','"])

# 3. "Émergent" with its accent wherever French text names the class.
check("French text writes Émergent, not Emergent",
      [f"{e['refs'][0] if e['refs'] else '?'}: {e['str']!r}" for e in entries if re.search(r"\bEmergent", e["str"])])

# 3b. The typographic apostrophe (’) in French text, as in job names.
check("French text uses the typographic apostrophe",
      [f"{e['refs'][0] if e['refs'] else '?'}: {e['str']!r}" for e in entries if e["id"] and "'" in e["str"]])

# 4. The sources of the window and prints, and of the core whose messages
#    the window shows (app/, import/): no developer path or command in a
#    translatable string; stored timestamps ("…_at") shown only through
#    repere_format_date() ("4 décembre 2026 à 16:22").
literal = re.compile(r'\b(?:_|N_|C_|g_dngettext)\s*\((?:[^()"]|"(?:[^"\\]|\\.)*")*\)', re.S)
stamp = re.compile(r"->\s*(\w+_at)\b")
path_failures = []
stamp_failures = []
login_failures = []
login = re.compile(r"->\s*(rated_by|changed_by|applied_by|entered_by|excluded_by)\b")
for folder in ("ui", "render", "app", "import"):
    for name in sorted(os.listdir(os.path.join(ROOT, folder))):
        if not name.endswith(".c"):
            continue
        path = os.path.join(ROOT, folder, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for m in literal.finditer(text):
            if developer.search(m.group(0)):
                line = text.count("\n", 0, m.start()) + 1
                path_failures.append(f"{folder}/{name}:{line}: {m.group(0)[:80]!r}")
        if folder in ("app", "import"):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if login.search(line) and "repere_rating_display_name" not in line:
                login_failures.append(f"{folder}/{name}:{number}: {line.strip()}")
            for m in stamp.finditer(line):
                if "repere_format_date" not in line and "rolled_back_at" not in m.group(1):
                    stamp_failures.append(f"{folder}/{name}:{number}: {line.strip()}")
check("ui/, render/, app/ and import/ strings name no developer path or command", path_failures)
check("ui/ and render/ show stored timestamps through repere_format_date()", stamp_failures)
check("ui/ and render/ show recorded names through repere_rating_display_name()", login_failures)

print(f"1..{len(results)}")
status = 0
for number, (name, failures) in enumerate(results, 1):
    if failures:
        status = 1
        print(f"not ok {number} {name}")
        for failure in failures:
            print(f"# {failure}")
    else:
        print(f"ok {number} {name}")
sys.exit(status)
