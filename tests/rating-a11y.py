#!/usr/bin/python3
# rating-a11y.py: the rating grid as assistive technologies see it (issue 10)
#
# Runs Repère in French on a database with ROME v460 and a user assessment,
# opens the rating grid of Chargé d'assistance (--view rating), and reads
# its AT-SPI tree through the accessibility bus:
#   - every focusable or interactive node has a name, and not a GTK type
#     name ("GtkDropDown", "AdwGizmo");
#   - every row names its competency and its level; every level control
#     names its competency ("Niveau d’exposition de « … » : …");
#   - the grid opens on the first competency without a level; one key
#     press rates it and moves the focus to the next.
# Needs a session bus (run under dbus-run-session) and an X display (Xvfb);
# python3-pyatspi. Usage: rating-a11y.py REPERE REPERE_CLI ROME_V460_DIR
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import tempfile
import time

import pyatspi

INTERACTIVE = {
    'push button', 'toggle button', 'check box', 'radio button', 'combo box', 'menu item', 'text', 'entry',
    'spin button', 'slider', 'table row', 'list', 'list item', 'tree table', 'table', 'scroll pane', 'link',
    'page tab', 'password text', 'menu',
}
TYPE_NAME = re.compile(r'^(Gtk|Adw)[A-Z]')
JOB = 'Chargé d’assistance'

failures = []
checks = 0


def check(ok, message):
    global checks
    checks += 1
    print(('ok' if ok else 'not ok') + ' %d %s' % (checks, message))
    if not ok:
        failures.append(message)


def cli(*args):
    subprocess.run([sys.argv[2], '--database', database] + list(args), check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=dict(os.environ, LC_ALL='C.UTF-8'))


def walk(node, depth=0):
    if node is None or depth > 40:
        return
    yield node
    for child in node:
        yield from walk(child, depth + 1)


def wait_for(predicate, seconds=20):
    end = time.time() + seconds
    while time.time() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return predicate()


def find_window(app, title):
    for window in app:
        if window is not None and window.name == title:
            return window
    return None


def rows(window):
    """The grid's rows (not the column titles), as AT-SPI shows them."""
    for node in walk(window):
        if node.getRoleName() == 'list' and node.name == 'Compétences':
            return [child for child in node if child is not None and child.getRoleName() == 'table row']
    return []


directory = tempfile.mkdtemp(prefix='repere-a11y-')
database = os.path.join(directory, 'repere.db')
cli('import-rome', sys.argv[3])
cli('assessment', 'create', 'Atelier')
ids = subprocess.run([sys.argv[2], '--database', database, 'competencies', JOB], check=True, capture_output=True,
                     text=True).stdout.splitlines()[1:6]
for number, line in enumerate(ids):
    cli('rate-competency', 'user-atelier', JOB, line.split('\t')[1], str(1 + number % 5))

environment = dict(os.environ, LANG='fr_FR.UTF-8', LANGUAGE='', LC_ALL='fr_FR.UTF-8', GSK_RENDERER='cairo',
                   GDK_BACKEND='x11', GSETTINGS_BACKEND='memory')
environment.pop('NO_AT_BRIDGE', None)
environment.pop('GTK_A11Y', None)
repere = subprocess.Popen([sys.argv[1], '--database', database, '--assessment', 'user-atelier', '--job', JOB,
                           '--view', 'rating'], env=environment)
try:
    def application():
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == 'repere' and find_window(app, 'Notation\u00a0: ' + JOB):
                return app
        return None

    app = wait_for(application, 60)
    check(app is not None, 'the rating window "Notation\u00a0: %s" is on the accessibility bus' % JOB)
    if app is None:
        sys.exit(1)
    window = find_window(app, 'Notation\u00a0: ' + JOB)
    wait_for(lambda: len(rows(window)) > 3)

    # Every focusable or interactive node is named, in French, not by its type.
    unnamed = []
    for node in walk(window):
        role = node.getRoleName()
        focusable = node.getState().contains(pyatspi.STATE_FOCUSABLE)
        if (focusable or role in INTERACTIVE) and (not node.name.strip() or TYPE_NAME.match(node.name)):
            unnamed.append('%s "%s"' % (role, node.name))
    check(not unnamed, 'every focusable or interactive node of the rating window is named (%s)'
          % (', '.join(unnamed[:5]) or 'none unnamed'))

    # Rows name their competency and level; level controls name their competency.
    shown = rows(window)
    check(len(shown) >= 4, '%d rows of the grid are on the bus' % len(shown))
    controls = [node for node in walk(window)
                if node.getRoleName() == 'push button' and node.name.startswith('Niveau d’exposition de «')]
    named = [re.search(r'«\u00a0(.*)\u00a0»', control.name) for control in controls]
    named = [match.group(1) for match in named if match]
    check(all(re.search(r', (niveau \d · \w+|non notée)', row.name) for row in shown),
          'every row says its level ("niveau 2 · Léger", "non notée")')
    # French typography: no-break spaces inside « ».
    missing = [row.name for row in shown if not any(row.name.startswith(label + ', ') for label in named)]
    check(len(set(named)) == len(shown) and not missing,
          'every row has a level control named after its competency (%d controls, %d rows%s)'
          % (len(controls), len(shown), '; not for: ' + missing[0] if missing else ''))
    for name in ('Non notées seulement', 'Appliquer au score', 'Autres actions de notation', 'Grille de notation'):
        check(any(node.name == name for node in walk(window)), 'the control "%s" is there, named in French' % name)

    # The grid opens on the first competency without a level (the sixth:
    # five were rated above); one key rates it 3 and the focus goes to the
    # next. A click on the window's title bar gives it the keyboard (Xvfb
    # has no window manager) without moving the grid's focus.
    start = next((i for i, row in enumerate(shown) if 'non notée' in row.name), -1)
    check(start == 5, 'the grid opens on the first competency without a level (row %d)' % start)
    x, y, width, height = window.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(x + width // 2, y + 12, 'abs')
    time.sleep(0.5)
    pyatspi.Registry.generateKeyboardEvent(0x33, None, pyatspi.KEY_SYM)   # "3"
    rated = wait_for(lambda: rows(window) and 'niveau 3 · Modéré' in rows(window)[start].name, 15)
    check(bool(rated), 'the key 3 rated that row: "%s"' % rows(window)[start].name)
    moved = wait_for(lambda: rows(window)[start + 1].getState().contains(pyatspi.STATE_FOCUSED), 15)
    check(bool(moved), 'the focus moved to the next row')
finally:
    repere.terminate()
    repere.wait(10)
    for name in os.listdir(directory):
        os.unlink(os.path.join(directory, name))
    os.rmdir(directory)

print('1..%d' % checks)
sys.exit(1 if failures else 0)
