#!/usr/bin/env python3
# atspi-rome-fiche.py: the Fiche ROME part read through AT-SPI and driven by
# keyboard (issue 9).
#
#   dbus-run-session -- python3 tests/atspi-rome-fiche.py build/ui/repere
#
# Runs under Xvfb (scripts/dev test) in a D-Bus session of its own, where
# GTK and this script meet on the accessibility bus. Starts Repère in French
# on a new database opened on "Acheteur" (a job without use cases: fewer
# controls before its fiche), waits for the bundled
# referential, then checks that the Fiche ROME part offers its sections and
# that every control in it has a French accessible name, moves the keyboard
# focus to the button of a mobility target's job and presses Enter: the
# window must show that job. On the way, Tab stops in the fiche on its
# controls only, not on the rows that only show text (work contexts,
# mobility targets). Exits non-zero on a failed check.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import shutil
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

CONTROLS = {
    Atspi.Role.PUSH_BUTTON,
    Atspi.Role.TOGGLE_BUTTON,
    Atspi.Role.CHECK_BOX,
    Atspi.Role.COMBO_BOX,
    Atspi.Role.ENTRY,
    Atspi.Role.SPIN_BUTTON,
    Atspi.Role.LINK,
}
# Words of the English interface that must not show in French.
ENGLISH = ("Definition", "Access to the job", "Work contexts", "Mobility", "Competencies", "Show the job",
           "Digital transition", "Ecological transition", "ROME fiche")
SECTIONS = ("Fiche ROME", "Définition", "Accès à l’emploi", "Contextes de travail", "Mobilité professionnelle",
            "Compétences de la fiche")
TARGET = "Afficher le métier Formateur d’assistance"
# From the window's first control: the header bar, the search, the filters,
# the list (one stop), then the job page down to the fiche's mobility (10
# presses on 2026-12-06; 24 while the fiche's 5 work-context rows and the 9
# mobility rows before the target's were Tab stops).
MAX_PRESSES = 40
TAB = 0xFF09
RETURN = 0xFF0D
results = []


def check(ok, what):
    results.append((bool(ok), what))
    # "#": the accessibility registry writes on the same output
    print("# " + ("ok" if ok else "not ok") + " %d - %s" % (len(results), what), flush=True)
    return ok


def children(node):
    try:
        return [node.get_child_at_index(i) for i in range(node.get_child_count())]
    except Exception:
        return []


def walk(node, depth=0, limit=60):
    """Every node under @node, depth first; the job list's cells skipped."""
    if node is None or depth > limit:
        return
    yield node
    try:
        role = node.get_role()
    except Exception:
        return
    if role in (Atspi.Role.TABLE, Atspi.Role.TREE_TABLE):
        return
    for child in children(node):
        yield from walk(child, depth + 1, limit)


def name(node):
    try:
        return node.get_name() or ""
    except Exception:
        return ""


def find_app(timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        desktop = Atspi.get_desktop(0)
        for app in children(desktop):
            if name(app) in ("repere", "Repère"):
                return app
        time.sleep(0.3)
    return None


def find(root, predicate, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for node in walk(root):
            if predicate(node):
                return node
        time.sleep(0.5)
    return None


def read_fiche(root):
    """The Fiche ROME part, the names under it and its controls."""
    heading = find(root, lambda n: name(n) == "Fiche ROME" and n.get_role() == Atspi.Role.LABEL, 10)
    try:
        fiche = heading.get_parent()
        nodes = list(walk(fiche))
        return fiche, [name(n) for n in nodes], [n for n in nodes if n.get_role() in CONTROLS]
    except Exception:  # gone while read
        return None, [], []


focus_events = []


def on_focus(event):
    if event.detail1:
        focus_events.append(event.source)


def inside(node, ancestor):
    """Whether ANCESTOR is NODE or one of its ancestors."""
    for _ in range(80):
        if node is None:
            return False
        if node == ancestor:
            return True
        try:
            node = node.get_parent()
        except Exception:
            return False
    return False


def press_and_wait_focus(keysym, timeout=10):
    """Presses KEYSYM and waits until a widget takes the focus; returns it
    (None if none did in TIMEOUT seconds)."""
    context = GLib.MainContext.default()
    seen = len(focus_events)
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.PRESSRELEASE | Atspi.KeySynthType.SYM)
    deadline = time.time() + timeout
    while len(focus_events) == seen and time.time() < deadline:
        while context.iteration(False):
            pass
        time.sleep(0.02)
    return focus_events[-1] if len(focus_events) > seen else None


def main():
    repere = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="repere-atspi-")
    env = dict(os.environ, LANG="fr_FR.UTF-8", LC_ALL="fr_FR.UTF-8", LANGUAGE="fr",
               XDG_DATA_HOME=tmp, GSK_RENDERER="cairo", GDK_BACKEND="x11")
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    app = subprocess.Popen([repere, "--database", os.path.join(tmp, "repere.db"), "--job", "Acheteur"],
                           env=env)
    try:
        root = find_app(30)
        if not check(root is not None, "Repère is on the accessibility bus"):
            return
        heading = find(root, lambda n: name(n) == "Fiche ROME", 60)
        if not check(heading is not None, "the job page has a Fiche ROME part"):
            return
        # the bundled referential loads meanwhile, then the page is rebuilt:
        # wait for the mobility section, then read the new part
        mobility = find(root, lambda n: name(n) == "Mobilité professionnelle", 90)
        check(mobility is not None, "the fiche shows once the bundled referential is loaded")
        # the page may be rebuilt again while it is read (a node gone mid
        # walk): read it until it is whole, then check what was read
        deadline = time.time() + 30
        while True:
            fiche, names, controls = read_fiche(root)
            if (set(SECTIONS) <= set(names) and any(name(n) == TARGET for n in controls)) \
                    or time.time() > deadline:
                break
            time.sleep(0.5)
        for section in SECTIONS:
            check(section in names, "the fiche offers « %s »" % section)
        check(len(controls) > 0, "the fiche has controls (%d)" % len(controls))
        unnamed = [n.get_role_name() for n in controls if not name(n).strip()]
        check(not unnamed, "every control of the fiche has an accessible name (unnamed: %s)" % unnamed)
        english = sorted({w for n in walk(fiche) for w in ENGLISH if name(n).startswith(w)})
        check(not english, "the fiche's names are French (English found: %s)" % english)
        button = next((n for n in controls if name(n) == TARGET), None)
        if not check(button is not None, "the mobility target K2111 of M1101 offers « %s »" % TARGET):
            return
        # the keyboard: from the window's first control, Tab until the
        # button has the focus, then Enter. Each press waits for the focus
        # to land (its AT-SPI focus event): on a loaded machine, presses
        # queued ahead of the check would step over the button.
        presses = 0
        focused = None
        stops = []
        while presses < MAX_PRESSES and name(focused) != TARGET:
            focused = press_and_wait_focus(TAB)
            stops.append(focused)
            presses += 1
        if not check(name(focused) == TARGET and button.get_state_set().contains(Atspi.StateType.FOCUSED),
                     "Tab reaches the button (%d presses, at most %d)" % (presses, MAX_PRESSES)):
            return
        # in the fiche, the stops are its controls up to the target's
        # button, in order: none on a row that only shows text
        fiche_stops = [n for n in stops if inside(n, fiche)]
        expected = [name(n) for n in controls[:controls.index(button) + 1]]
        not_controls = ["%s (%s)" % (name(n), n.get_role_name()) for n in fiche_stops if n.get_role() not in CONTROLS]
        check(not not_controls, "Tab stops on no read-only row of the fiche (stopped on: %s)" % not_controls)
        check([name(n) for n in fiche_stops] == expected,
              "Tab stops on the fiche's %d controls before the target's, no more (%d stops in the fiche)"
              % (len(expected), len(fiche_stops)))
        Atspi.generate_keyboard_event(RETURN, None, Atspi.KeySynthType.PRESSRELEASE | Atspi.KeySynthType.SYM)
        # the job's title, not the label of a button named after it
        title = find(root, lambda n: name(n) == "Formateur d’assistance" and n.get_role() == Atspi.Role.LABEL
                     and n.get_parent().get_role() != Atspi.Role.PUSH_BUTTON, 20)
        check(title is not None, "Enter on it shows the job « Formateur d’assistance »")
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()
        shutil.rmtree(tmp, ignore_errors=True)
        print("# %d checks, %d failed" % (len(results), sum(1 for ok, _ in results if not ok)), flush=True)


if __name__ == "__main__":
    Atspi.init()
    listener = Atspi.EventListener.new(on_focus)
    listener.register("object:state-changed:focused")
    main()
    sys.exit(0 if results and all(ok for ok, _ in results) else 1)
