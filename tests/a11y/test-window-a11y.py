#!/usr/bin/env python3
"""The main window as a screen reader sees it (issue 13), in French: the
AT-SPI tree of each page, and the charts' marks.

For the job list, a job's page in a user assessment with ratings, each of
the five views, Familles, Préconisations, Cohérence, Consultation and Étude,
the test walks the page's accessible tree and finds no focusable or
interactive node without a name, or named by its GTK type ("GtkDropDown").
Inside a named button or drop-down, GTK's own parts (the drop-down's
current item) are read as the control and are not counted. Each chart
names itself and lists its marks with their values; the ranking's first
mark gives the first job's rank and score.

Run by meson under Xvfb (scripts/dev test); REPERE_GUI names the built
application, REPERE_CLI the command line.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from repere_atspi import App, Atspi, check, comment, description, main, name, role

NBSP = '\u00a0'
INTERACTIVE = {
    'push button', 'toggle button', 'check box', 'radio button', 'combo box', 'menu item', 'text', 'entry',
    'spin button', 'slider', 'table row', 'list', 'list item', 'tree table', 'table', 'scroll pane', 'link',
    'page tab', 'password text', 'menu', 'column header', 'table column header',
}
CONTROLS = {'push button', 'toggle button', 'combo box'}
TYPE_NAME = re.compile(r'^(Gtk|Adw|Repere)[A-Z]')
JOB = 'Chargé d’assistance'

state = {}


def cli(*args):
    return subprocess.run([os.environ['REPERE_CLI'], '--database', state['database']] + list(args), check=True,
                          capture_output=True, text=True, env=dict(os.environ, LC_ALL='C.UTF-8')).stdout


def unnamed(app, root):
    """(role, name, path) of the focusable or interactive nodes under ROOT
    without a proper name."""
    found = []
    stack = [(root, False, ())]
    while stack:
        node, inside_control, path = stack.pop()
        if node is None:
            continue
        try:
            role_name = node.get_role_name()
            text = name(node)
            focusable = node.get_state_set().contains(Atspi.StateType.FOCUSABLE)
            count = node.get_child_count()
        except Exception:  # a node gone while walking
            continue
        bad = not text.strip() or TYPE_NAME.match(text)
        if not inside_control and (focusable or role_name in INTERACTIVE) and bad and role_name not in (
                'image', 'label', 'separator'):
            found.append('%s "%s" in %s' % (role_name, text, ' < '.join(reversed(path[-3:]))))
        named_control = role_name in CONTROLS and not bad
        for i in range(count - 1, -1, -1):
            try:
                child = node.get_child_at_index(i)
            except Exception:
                continue
            stack.append((child, inside_control or named_control, path + ('%s:%s' % (role_name, text[:20]),)))
    return found


def check_page(app, root, what):
    missing = unnamed(app, root)
    comment('%s: %d nodes without a name' % (what, len(missing)))
    check(not missing, '%s: %d unnamed, e.g. %s' % (what, len(missing), missing[:4]))


def stack_page(app, index):
    """The accessible of the INDEXth page of the window's view stack: the
    views page's parent holds them all."""
    views = app.page('RepereViewsPage')
    stack = views.get_parent()
    while stack is not None and stack.get_child_count() < 7:
        stack = stack.get_parent()
    check(stack is not None, 'no view stack')
    return stack.get_child_at_index(index)


def test_prepare():
    state['dir'] = tempfile.mkdtemp(prefix='repere-window-a11y-')
    state['database'] = os.path.join(state['dir'], 'repere.db')
    cli('assessment', 'create', 'Atelier')
    state['app'] = App('--assessment', 'user-atelier', '--job', JOB, database=state['database'])
    app = state['app']
    # The bundled ROME loads after the first frame: wait for the fiche.
    app.wait_for(lambda a: role(a) == Atspi.Role.LIST and name(a) == 'Compétences de la fiche', 'the ROME fiche',
                 app.page('AdwLeaflet'))
    time.sleep(1)


def test_list_and_job():
    app = state['app']
    leaflet = app.page('AdwLeaflet')
    check_page(app, leaflet, 'job list and job page')
    wanted_names = ('Rechercher des métiers', 'Famille de métiers', 'Classification', 'Métiers',
                    'Compétences au niveau 1 · Négligeable')

    def read_names():
        # the job page may be rebuilt while read (the bundled ROME)
        names = {name(a) for a in app.walk(leaflet)}
        return names if all(any(n.startswith(w) for n in names) for w in wanted_names) else None

    names = app.wait(read_names) or {name(a) for a in app.walk(leaflet)}
    for wanted in wanted_names:
        check(any(n.startswith(wanted) for n in names), 'no control named %r' % wanted)
    # The header row and its titles, named (GTK 4.8 keeps them fillers).
    header_row = app.find(lambda a: role(a) == Atspi.Role.TABLE_ROW and name(a) == 'Titres des colonnes', leaflet)
    check(header_row is not None, 'no named header row')
    titles = [name(header_row.get_child_at_index(i)) for i in range(header_row.get_child_count())]
    check(titles[:3] == ['Rang', 'Métier', 'Famille'] and 'Métier cœur d’assistance' in titles,
          'column titles: %s' % titles)
    rows = app.find_all(lambda a: role(a) == Atspi.Role.TABLE_ROW and 'rang' in name(a), leaflet)
    check(len(rows) >= 10, '%d named rows' % len(rows))
    check(rows[0].get_name().startswith('Gestionnaire de dossiers d’assistance, rang 1, score'), name(rows[0]))
    header = app.page('Barre d’en-tête')
    check_page(app, header, 'header bar')


def test_views():
    for view in ('ranking', 'classification', 'distribution', 'evolution', 'families', 'shared-competencies',
                 'passerelles'):
        app = App('--view', view, database=state['database'])
        try:
            page = app.page('RepereViewsPage')
            chart = app.wait_for(lambda a: name(a).startswith('Graphique' + NBSP + ': '), 'a chart', page)
            if view in ('shared-competencies', 'passerelles'):
                # Issue 11's charts: named, their controls named; they list
                # no marks yet (render/repere-chart.c gives marks to the
                # five charts of issue 13).
                check_page(app, page, 'view ' + view)
                continue
            app.wait_for(lambda a: role(a) == Atspi.Role.LIST and name(a) == 'Valeurs du graphique',
                         'the values of the chart', page)
            # The boxed list holding the expander, and the expander's list of rows.
            values = max(app.find_all(lambda a: role(a) == Atspi.Role.LIST and name(a) == 'Valeurs du graphique',
                                      page), key=lambda a: a.get_child_count())
            marks = [name(values.get_child_at_index(i)) for i in range(values.get_child_count())]
            comment('%s: %d marks, first: %s' % (view, len(marks), marks[:1]))
            # The competencies chart shows the 10 core jobs (level counts), the others the 58 jobs or
            # the 13 families.
            check(len(marks) >= 10, '%s: %d marks' % (view, len(marks)))
            check('flèches' in description(chart), description(chart))
            if view == 'ranking':
                check(marks[0].startswith('Gestionnaire de dossiers d’assistance, métier cœur d’assistance'
                                          + NBSP + ': rang 1, score 1,00'), marks[0])
            if view == 'families':
                check(marks[0].startswith('01 '), marks[0])
            check_page(app, page, 'view ' + view)
        finally:
            app.close()


def test_pages():
    app = state['app']
    for index, key, what in ((2, '3', 'Familles'), (3, '4', 'Préconisations'), (4, '5', 'Cohérence'),
                             (5, '6', 'Consultation'), (6, '7', 'Étude')):
        page = stack_page(app, index)
        check(page is not None, 'no page %s' % what)
        check_page(app, page, what)


def test_close():
    state['app'].close()
    shutil.rmtree(state['dir'])


if __name__ == '__main__':
    sys.exit(main([
        ('the window opens on a job of a user assessment', test_prepare),
        ('the job list, the job page and the header bar: every control named', test_list_and_job),
        ('each view: a named chart, its marks with their values, every control named', test_views),
        ('Familles, Préconisations, Cohérence, Consultation, Étude: every control named', test_pages),
        ('closed', test_close),
    ]))
