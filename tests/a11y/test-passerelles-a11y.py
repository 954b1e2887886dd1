#!/usr/bin/env python3
"""The Passerelles part of a job's page and the comparison window as a
screen reader sees them (AT-SPI), in French, and driven by keyboard
(issue 11): Alt+E reaches the "less exposed only" filter, Tab the first
passerelle, Return opens the comparison of the two jobs, Escape closes it.

Run by meson under Xvfb (scripts/dev test); REPERE_GUI names the built
application, REPERE_CLI the command line, REPERE_ROME_V460 the ROME files.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import repere_atspi
from repere_atspi import App, Atspi, check, focused_among, main, name, role

NBSP = '\u00a0'
JOB = 'Gestionnaire de dossiers d’assistance'
TYPE_NAME = re.compile(r'^(Gtk|Adw|Repere)[A-Z]')
# Keys this test presses beyond the harness's.
repere_atspi.KEYVALS.update(Escape=0xff1b, e=0x65)
ALT_L = 64  # the keycode of Alt_L in Xvfb's default keymap

state = {}


def cli(*args):
    return subprocess.run([os.environ['REPERE_CLI'], '--database', state['database']] + list(args), check=True,
                          capture_output=True, text=True, env=dict(os.environ, LC_ALL='C.UTF-8')).stdout


def wait(predicate, seconds=30):
    """PREDICATE() once true, read again until SECONDS have passed; a node
    gone while read (the part refreshed) counts as not yet."""
    end = time.monotonic() + seconds
    while True:
        try:
            value = predicate()
        except Exception:
            value = None
        if value or time.monotonic() > end:
            return value
        time.sleep(0.3)


def comparison_windows():
    app = state['app']
    return [app.root.get_child_at_index(i) for i in range(app.root.get_child_count())
            if app.root.get_child_at_index(i) is not None
            and name(app.root.get_child_at_index(i)).startswith(JOB + ' → ')]


def test_window():
    state['dir'] = tempfile.mkdtemp(prefix='repere-passerelles-a11y-')
    state['database'] = os.path.join(state['dir'], 'repere.db')
    cli('import-rome', os.environ['REPERE_ROME_V460'])
    state['expected'] = [line.split('\t') for line in cli('passerelles', JOB).splitlines()[1:]]
    check(len(state['expected']) >= 3, 'repere-cli lists %d passerelles' % len(state['expected']))
    app = state['app'] = App('--job', JOB, database=state['database'])
    state['list'] = app.wait_for(lambda a: role(a) == Atspi.Role.LIST and name(a) == 'Passerelles',
                                 'the list of passerelles', app.root)
    # The part: the list's parent, with the filters.
    state['part'] = state['list'].get_parent()


def rows():
    passerelles = state['list']
    children = (passerelles.get_child_at_index(i) for i in range(passerelles.get_child_count()))
    return [child for child in children if child is not None and role(child) == Atspi.Role.LIST_ITEM]


def test_names():
    app, part = state['app'], state['part']
    names = [name(a) for a in app.walk(part)]
    for wanted in ('Passerelles', 'Métiers du référentiel seulement', 'Moins exposés seulement', 'Écart maximal'):
        check(wanted in names, '%s is not in the part: %s' % (wanted, names[:20]))
    # The rows are the core's list (repere-cli passerelles), in its order
    # (once the part has shown them all: a loaded machine fills it late).
    expected = state['expected']
    shown = wait(lambda: len(rows()) == min(len(expected), 8) and rows()) or rows()
    check(len(shown) == min(len(expected), 8), '%d rows for %d passerelles' % (len(shown), len(expected)))
    for row, line in zip(shown, expected):
        texts = [name(a) for a in app.walk(row)]
        title = name(row)
        check(line[8] in title or any(line[8] in t for t in texts), 'row "%s" is not %s' % (title, line[8]))
        check(any('reprises' in t and 'à acquérir' in t for t in texts), 'row "%s" says no counts: %s' % (title, texts))
        check(any(t.startswith('Ouvrir le métier ') for t in texts), 'row "%s" has no named open button' % title)
    unnamed = []
    for node in app.walk(part):
        focusable = node.get_state_set().contains(Atspi.StateType.FOCUSABLE)
        # The items of the drop-down's popover, closed: GTK 4.8's own.
        if role(node) == Atspi.Role.FILLER and name(node) == 'GtkListItemWidget':
            continue
        if focusable and (not name(node).strip() or TYPE_NAME.match(name(node))):
            unnamed.append('%s "%s"' % (node.get_role_name(), name(node)))
    check(not unnamed, 'unnamed: %s' % ', '.join(unnamed[:5]))
    english = [n for n in names if n in ('Referential jobs only', 'Less exposed only', 'Largest gap')]
    mnemonics = [n for n in names if '_' in n]
    check(not mnemonics, 'names with a mnemonic underscore: %s' % mnemonics)
    check(not english, 'English names: %s' % english)


def alt(key):
    """Alt+KEY: Alt_L held (keycode 64 in Xvfb's keymap) while KEY is typed."""
    Atspi.generate_keyboard_event(ALT_L, None, Atspi.KeySynthType.PRESS)
    time.sleep(0.1)
    state['app'].key(key)
    Atspi.generate_keyboard_event(ALT_L, None, Atspi.KeySynthType.RELEASE)
    time.sleep(0.3)


def test_keyboard():
    app = state['app']
    window = app.root.get_child_at_index(0)
    extents = window.get_extents(Atspi.CoordType.SCREEN)
    # The pointer over the title bar gives the window the keyboard (Xvfb
    # has no window manager).
    Atspi.generate_mouse_event(extents.x + extents.width // 2, extents.y + 12, 'abs')
    time.sleep(0.5)
    # Alt+E toggles "Moins _exposés seulement" and focuses it; again, the
    # filter is back as it was.
    less = app.find(lambda a: role(a) == Atspi.Role.CHECK_BOX and name(a) == 'Moins exposés seulement'
                    and a.get_state_set().contains(Atspi.StateType.FOCUSABLE), state['part'])
    check(less is not None, 'no check box "Moins exposés seulement": %s' % [
        (a.get_role_name(), name(a), [st.value_nick for st in a.get_state_set().get_states()])
        for a in app.walk(state['part']) if 'exposés' in name(a)])
    def checked():
        return less.get_state_set().contains(Atspi.StateType.CHECKED)

    def toggle(want):
        # A loaded machine may lose the first key to a window still
        # settling: up to three tries.
        for _ in range(3):
            alt('e')
            if wait(lambda: checked() == want, 8):
                return True
        return False

    check(toggle(True), 'Alt+E did not check it')
    check(toggle(False), 'Alt+E did not uncheck it')
    shown = wait(rows, 10)
    check(shown, 'no rows after the filter came back')
    first = shown[0]
    app.key('Tab')
    check(wait(lambda: first.get_state_set().contains(Atspi.StateType.FOCUSED), 10),
          'Tab did not reach the first passerelle')
    mark = repere_atspi.focus_mark()
    app.key('Return')
    opened = wait(comparison_windows)
    check(opened, 'Return did not open the comparison')
    # Escape below once the comparison has the keyboard, not the window
    # under it.
    check(repere_atspi.wait_focus(mark, 30) is not None, 'the comparison took no focus')
    comparison = opened[0]
    target = state['expected'][0][8]
    check(name(comparison) == JOB + ' → ' + target, 'the comparison is "%s"' % name(comparison))
    names = [name(a) for a in app.walk(comparison)]
    for wanted in ('Imprimer la comparaison', 'Exporter la comparaison en PDF'):
        check(wanted in names, '%s not in the comparison' % wanted)
    carried = int(state['expected'][0][3])
    check(any(re.match(r'^Savoir-faire — Reprises \(\d+\)$', n) for n in names),
          'no list of carried savoir-faire: %s' % names[:30])
    check(any(n.startswith('Reprises · %d' % carried) for n in names), 'no total of %d carried over' % carried)
    # Escape closes it.
    extents = comparison.get_extents(Atspi.CoordType.SCREEN)
    Atspi.generate_mouse_event(extents.x + extents.width // 2, extents.y + 12, 'abs')
    time.sleep(0.5)
    app.key('Escape')
    check(wait(lambda: not comparison_windows(), 10), 'Escape did not close the comparison')


def test_close():
    state['app'].close()
    shutil.rmtree(state['dir'])


if __name__ == '__main__':
    sys.exit(main([
        ('the Passerelles part of %s is on the accessibility bus' % JOB, test_window),
        ('its controls and rows are named in French; its rows are repere-cli passerelles', test_names),
        ('Alt+E, Tab, Return open the comparison; Escape closes it', test_keyboard),
        ('closed', test_close),
    ]))
