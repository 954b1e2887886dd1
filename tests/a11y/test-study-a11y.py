#!/usr/bin/env python3
"""The Consultation and Étude pages and a job's fiche notes as a screen
reader sees them (AT-SPI), in French, and driven by keyboard.

Run by meson under Xvfb (scripts/dev test); REPERE_GUI names the built
application.
"""
import sys
import time

from repere_atspi import App, Atspi, check, description, focused_among, main, name, role

NBSP = '\u00a0'
CHART_PREFIX = 'Graphique' + NBSP + ': '


CONTROLS = (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.IMAGE, Atspi.Role.LIST_ITEM,
            Atspi.Role.CHECK_BOX, Atspi.Role.COMBO_BOX, Atspi.Role.LIST)


def nodes(app, page):
    """(accessible, role, name) of every accessible of PAGE, read once."""
    return [(a, role(a), name(a)) for a in app.walk(page)]


def test_survey():
    app = App('--view', 'survey')
    try:
        page = app.page('RepereSurveyPage')
        app.wait_for(lambda a: role(a) == Atspi.Role.IMAGE and name(a).startswith(CHART_PREFIX), 'a chart', page)
        tree = nodes(app, page)
        charts = [a for a, r, n in tree if r == Atspi.Role.IMAGE and n.startswith(CHART_PREFIX)]
        names = [name(c) for c in charts]
        check(len(charts) == 10, 'expected 10 charts, found %d: %s' % (len(charts), names))
        check(CHART_PREFIX + 'Stratégie et gouvernance' in names, names)
        check(CHART_PREFIX + 'Formation' in names, names)
        for chart in charts:
            text = description(chart)
            check(text.startswith('Section 2.2.'), 'chart %s: description %r' % (name(chart), text))
        strategy = charts[names.index(CHART_PREFIX + 'Stratégie et gouvernance')]
        check('45' + NBSP + '%' in description(strategy), description(strategy))
        training = charts[names.index(CHART_PREFIX + 'Formation')]
        check('≈' + NBSP + '33' + NBSP + '%' in description(training), description(training))
        check('Aucun dispositif de formation' in description(training), description(training))

        # GTK 4.8 names a button by its accessible label, then its text.
        buttons = [n for a, r, n in tree if r == Atspi.Role.PUSH_BUTTON]
        for wanted in ('Imprimer la consultation', 'Exporter la consultation en PDF', 'Exporter la consultation en CSV'):
            check(any(n.startswith(wanted) for n in buttons), '%s not among the buttons %s' % (wanted, buttons))
        unnamed = [r.value_nick for a, r, n in tree if r in CONTROLS and not n.strip()]
        check(not unnamed, 'controls without a name: %s' % unnamed)
        expanders = [a for a, r, n in tree if r == Atspi.Role.LIST_ITEM and n == 'Valeurs du graphique']
        check(len(expanders) >= 10, 'expected 10 “Valeurs du graphique”, found %d' % len(expanders))
        english = [n for a, r, n in tree if n in ('Print…', 'Values of the chart', 'Going further', 'Did you know?')]
        check(not english, 'English names: %s' % english)

        # Keyboard: from the window's first control, Tab goes through the
        # header and the page's buttons to the first chart, then to its
        # values, which Space opens.
        buttons = [a for a, r, n in tree if r == Atspi.Role.PUSH_BUTTON]
        app.point_at(buttons[0])
        candidates = buttons + charts + expanders
        reached = []
        chart = expander = None
        for _ in range(80):
            app.key('Tab', focus=True)
            focused = focused_among(candidates)
            if focused is None:
                continue
            reached.append(name(focused))
            if chart is None and focused in charts:
                check(any(n.startswith('Exporter la consultation') for n in reached), 'a chart before the buttons')
                chart = focused
            elif chart is not None and focused in expanders:
                expander = focused
                break
        check(chart is not None, 'Tab never reached a chart: %s' % reached)
        check(name(chart) == CHART_PREFIX + 'Profil des répondants / Rôle générique', name(chart))
        check(expander is not None, 'Tab never reached the chart’s values: %s' % reached)
        row = [expander]
        while len(row) < 6 and row[-1] is not None:
            row.append(row[-1].get_parent())

        def expanded():
            return any(a is not None and a.get_state_set().contains(Atspi.StateType.EXPANDED) for a in row)

        check(not expanded(), 'values open before Space')
        app.key('space')
        check(app.wait(expanded), 'Space did not open the values: %s' % [
            (role(a).value_nick, [st.value_nick for st in a.get_state_set().get_states()]) for a in row if a])
    finally:
        app.close()


def test_study():
    app = App('--view', 'study')
    try:
        page = app.page('RepereStudyPage')
        app.wait_for(lambda a: name(a) == 'OPCO Atlas', 'the glossary', page)
        tree = nodes(app, page)
        names = [n for a, r, n in tree]
        for wanted in ('OPCO Atlas', 'Transformer / Transformateur (modèle)', 'Prompt (Entrée de texte)',
                       'Étape 6', 'The Future of Jobs Report 2023'):
            check(wanted in names, '%s is not on the page' % wanted)
        for wanted in ('Imprimer la page Étude', 'Exporter la page Étude en PDF'):
            check(any(n.startswith(wanted) for n in names), '%s is not on the page' % wanted)
        unnamed = [r.value_nick for a, r, n in tree if r in CONTROLS and not n.strip()]
        check(not unnamed, 'controls without a name: %s' % unnamed)
    finally:
        app.close()


def test_job_note():
    app = App('--job', "Infirmier d'assistance")
    try:
        leaflet = app.page('AdwLeaflet')
        notes = app.wait_for(lambda a: role(a) == Atspi.Role.LIST and name(a) == 'Notes de la fiche',
                             'the notes’ list', leaflet)
        note = app.find(lambda a: role(a) == Atspi.Role.LIST_ITEM and name(a) == 'Sur la notation (4.2.5)', notes)
        check(note is not None, 'no note on the rating')
        # The row's title, then its subtitle: the note and the rank change.
        text = ' '.join(name(a) for a in app.walk(note) if role(a) == Atspi.Role.LABEL)
        check('réalisé par des médecins' in text and '45 → 17 (+28' in text, text)
    finally:
        app.close()


if __name__ == '__main__':
    sys.exit(main([('survey page', test_survey), ('study page', test_study), ('job page note', test_job_note)]))
