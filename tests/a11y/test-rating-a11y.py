#!/usr/bin/env python3
"""The rating grid as assistive technologies see it (issue 10), in French.

Opens the rating grid of Chargé d'assistance (--view rating) on a database
with ROME v460 and a user assessment where five competencies are rated, and
reads its AT-SPI tree:
  - every focusable or interactive node has a name, and not a GTK type name
    ("GtkDropDown", "AdwGizmo");
  - every row names its competency and its level; every level control names
    its competency ("Niveau d’exposition de « … » : …");
  - the grid opens on the first competency without a level; one key press
    rates it and moves the focus to the next.

Run by meson under Xvfb (scripts/dev test); REPERE_GUI names the built
application, REPERE_CLI the command line, REPERE_ROME_V460 the referential.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from repere_atspi import App, Atspi, check, main, name, role
from gi.repository import GLib

NBSP = '\u00a0'
JOB = 'Chargé d’assistance'
TITLE = 'Notation' + NBSP + ': ' + JOB
INTERACTIVE = {
    'push button', 'toggle button', 'check box', 'radio button', 'combo box', 'menu item', 'text', 'entry',
    'spin button', 'slider', 'table row', 'list', 'list item', 'tree table', 'table', 'scroll pane', 'link',
    'page tab', 'password text', 'menu',
}
TYPE_NAME = re.compile(r'^(Gtk|Adw)[A-Z]')

state = {}


def cli(*args):
    return subprocess.run([os.environ['REPERE_CLI'], '--database', state['database']] + list(args), check=True,
                          capture_output=True, text=True, env=dict(os.environ, LC_ALL='C.UTF-8')).stdout


def rows():
    """The grid's rows (not the column titles), as AT-SPI shows them."""
    grid = state['app'].find(lambda a: role(a) == Atspi.Role.LIST and name(a) == 'Compétences', state['window'])
    if grid is None:
        return []
    children = (grid.get_child_at_index(i) for i in range(grid.get_child_count()))
    return [child for child in children if child is not None and role(child) == Atspi.Role.TABLE_ROW]


def row_at(index):
    """Row @index of the grid, or None while the grid is rebuilt (a loaded
    machine can show it between its old and new rows)."""
    shown = rows()
    return shown[index] if 0 <= index < len(shown) else None


def wait(predicate, seconds=20):
    """Polls @predicate until it holds; an accessible that vanished while it
    was read (the grid refreshing) counts as not yet."""
    end = time.monotonic() + seconds
    while True:
        try:
            value = predicate()
        except (IndexError, AttributeError, GLib.Error):
            value = None
        if value or time.monotonic() >= end:
            return value
        time.sleep(0.2)


def test_window():
    state['dir'] = tempfile.mkdtemp(prefix='repere-rating-a11y-')
    state['database'] = os.path.join(state['dir'], 'repere.db')
    cli('import-rome', os.environ['REPERE_ROME_V460'])
    cli('assessment', 'create', 'Atelier')
    for number, line in enumerate(cli('competencies', JOB).splitlines()[1:6]):
        cli('rate-competency', 'user-atelier', JOB, line.split('\t')[1], str(1 + number % 5))
    app = state['app'] = App('--assessment', 'user-atelier', '--job', JOB, '--view', 'rating',
                             database=state['database'])
    state['window'] = app.wait_for(lambda a: role(a) == Atspi.Role.FRAME and name(a) == TITLE,
                                   'the window "%s"' % TITLE, app.root)
    check(wait(lambda: len(rows()) > 3), 'the grid has no rows on the bus')


def test_named():
    unnamed = []
    for node in state['app'].walk(state['window']):
        focusable = node.get_state_set().contains(Atspi.StateType.FOCUSABLE)
        if (focusable or node.get_role_name() in INTERACTIVE) and (not name(node).strip()
                                                                     or TYPE_NAME.match(name(node))):
            unnamed.append('%s "%s"' % (node.get_role_name(), name(node)))
    check(not unnamed, 'unnamed: %s' % ', '.join(unnamed[:5]))


def test_rows():
    shown = rows()
    check(len(shown) == 46, '%d rows on the bus' % len(shown))
    levels = [name(row) for row in shown if not re.search(r', (niveau \d · \w+|non notée)', name(row))]
    check(not levels, 'rows that do not say their level: %s' % levels[:3])
    controls = state['app'].find_all(lambda a: role(a) == Atspi.Role.PUSH_BUTTON
                                     and name(a).startswith('Niveau d’exposition de «'), state['window'])
    # French typography: no-break spaces inside « ».
    named = [re.search('«' + NBSP + '(.*)' + NBSP + '»', name(control)) for control in controls]
    named = [match.group(1) for match in named if match]
    missing = [name(row) for row in shown if not any(name(row).startswith(label + ', ') for label in named)]
    check(len(set(named)) == len(shown) and not missing,
          '%d level controls for %d rows; none for %s' % (len(controls), len(shown), missing[:1]))


def test_controls_in_french():
    names = {name(node) for node in state['app'].walk(state['window'])}
    for wanted in ('Non notées seulement', 'Appliquer au score', 'Autres actions de notation', 'Grille de notation'):
        check(wanted in names, 'no control named "%s"' % wanted)


def test_one_key():
    # The grid opens on the first competency without a level (the sixth:
    # five were rated above); one key rates it 3 and the focus goes to the
    # next. The pointer over the window's title bar gives it the keyboard
    # (Xvfb has no window manager) without moving the grid's focus.
    shown = rows()
    start = next((i for i, row in enumerate(shown) if 'non notée' in name(row)), -1)
    check(start == 5, 'the grid opened on row %d' % start)
    extents = state['window'].get_extents(Atspi.CoordType.SCREEN)
    Atspi.generate_mouse_event(extents.x + extents.width // 2, extents.y + 12, 'abs')
    # The key once the window has the keyboard and its focus is on the row.
    check(wait(lambda: row_at(start).get_state_set().contains(Atspi.StateType.FOCUSED)),
          'row %d has not the focus' % start)
    state['app'].key('3')
    check(wait(lambda: 'niveau 3 · Modéré' in name(row_at(start))),
          'row %d: "%s"' % (start, name(row_at(start)) if row_at(start) else 'gone'))
    check(wait(lambda: row_at(start + 1).get_state_set().contains(Atspi.StateType.FOCUSED)),
          'the focus did not move to the next row')


def test_close():
    state['app'].close()
    shutil.rmtree(state['dir'])


if __name__ == '__main__':
    sys.exit(main([
        ('the rating window of %s is on the accessibility bus with its grid' % JOB, test_window),
        ('every focusable or interactive node of the rating window is named, not by its type', test_named),
        ('every row says its level; every level control names its competency', test_rows),
        ('the controls are named in French', test_controls_in_french),
        ('the grid opens on the first competency without a level; one key rates it and moves on', test_one_key),
        ('closed', test_close),
    ]))
