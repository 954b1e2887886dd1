"""A small harness to read Repère's accessibility tree over AT-SPI and to
drive it by keyboard, for the tests of tests/a11y/.

main() runs the tests under a new D-Bus session (dbus-run-session) on the
display of the environment (Xvfb): the accessibility bus (at-spi2-core)
starts on demand. The application is
started in French (LANG=fr_FR.UTF-8), so names are read as a French user's
screen reader reads them.
"""
import os
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402

TIMEOUT = 60.0
# X keysyms of the keys the tests press.
KEYVALS = {'Tab': 0xff09, 'Return': 0xff0d, 'space': 0x20, **{str(d): 0x30 + d for d in range(10)}}


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class App:
    """Repère started on a fresh database with ARGS (or on DATABASE, one a
    test prepared); its AT-SPI tree."""

    def __init__(self, *args, database=None):
        self.dir = tempfile.mkdtemp(prefix='repere-a11y-')
        repere = os.environ.get('REPERE_GUI')
        check(repere and os.access(repere, os.X_OK), 'REPERE_GUI must name the repere executable')
        env = dict(os.environ)
        for var in ('NO_AT_BRIDGE', 'GTK_A11Y', 'LANGUAGE', 'LC_ALL'):
            env.pop(var, None)
        # Tests start several windows on one database at once: each its own
        # instance (one instance per database would hand the second one's
        # arguments to the first and exit).
        env.update(LANG='fr_FR.UTF-8', LC_ALL='fr_FR.UTF-8', GSK_RENDERER='cairo', GDK_BACKEND='x11',
                   XDG_DATA_HOME=self.dir, XDG_CONFIG_HOME=self.dir, REPERE_NON_UNIQUE='1')
        self.process = subprocess.Popen([repere, '--database', database or os.path.join(self.dir, 'repere.db')]
                                        + list(args),
                                        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.root = self._find_app()

    def _find_app(self):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise Failure('repere exited (status %d): %s' % (
                    self.process.returncode, self.process.stdout.read().decode(errors='replace')))
            desktop = Atspi.get_desktop(0)
            for i in range(desktop.get_child_count()):
                app = desktop.get_child_at_index(i)
                if app is not None and app.get_process_id() == self.process.pid:
                    # Wait for the window.
                    if app.get_child_count() > 0:
                        return app
            time.sleep(0.5)
        raise Failure('repere did not appear on the accessibility bus')

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def walk(self, root=None, depth=None):
        """Every accessible under ROOT (the application), depth first, at most
        DEPTH levels down. GTK 4.8 marks every widget of the window visible
        and none showing, the hidden pages of the view stack included: tests
        walk the one page they look at (page())."""
        stack = [(root or self.root, 0)]
        while stack:
            node, level = stack.pop()
            if node is None:
                continue
            yield node
            if depth is not None and level >= depth:
                continue
            for i in range(node.get_child_count() - 1, -1, -1):
                stack.append((node.get_child_at_index(i), level + 1))

    def page(self, type_name):
        """The accessible of a page of the window, named after its widget type
        ("RepereSurveyPage"), or a part named in French ("Barre d’en-tête":
        GTK 4.8 leaves a group such as the header bar unnamed). Waits for
        it: the window builds some pages when first shown."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                for node in self.walk(depth=10):
                    if name(node) == type_name:
                        return node
            except Exception:  # a node gone while walking
                pass
            if time.monotonic() > deadline:
                raise Failure('no page ' + type_name)
            time.sleep(0.3)

    def find_all(self, predicate, root=None):
        return [a for a in self.walk(root) if predicate(a)]

    def find(self, predicate, root=None):
        for a in self.walk(root):
            if predicate(a):
                return a
        return None

    def wait_for(self, predicate, what, root=None):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                found = self.find(predicate, root)
            except Exception:  # a node gone while walking (pages rebuilt after the ROME load)
                found = None
            if found is not None:
                return found
            time.sleep(0.3)
        raise Failure('not found: ' + what)

    def key(self, name, times=1, focus=False):
        """Presses the key NAME ("Tab", "Return", "space") through the
        accessibility bus (XTest under Xvfb). With FOCUS, each press waits
        (up to 10 s) for the focus it moves (its AT-SPI focus event): a
        check read before a late Tab landed would miss it, and the next Tab
        would step over the control looked for."""
        code = KEYVALS[name]
        for _ in range(times):
            mark = focus_mark() if focus else 0
            Atspi.generate_keyboard_event(code, None, Atspi.KeySynthType.SYM)
            if focus:
                wait_focus(mark)
            else:
                time.sleep(0.15)
        if not focus:
            time.sleep(0.5)

    def wait(self, predicate, seconds=TIMEOUT):
        """The first true value of PREDICATE(), read again until SECONDS
        have passed; a node gone while read (a page refreshed) counts as
        not yet."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                value = predicate()
            except Exception:
                value = None
            if value or time.monotonic() > deadline:
                return value
            time.sleep(0.3)

    def point_at(self, accessible):
        """Moves the pointer over ACCESSIBLE: Xvfb has no window manager, the
        window under the pointer gets the keys."""
        extents = accessible.get_extents(Atspi.CoordType.SCREEN)
        Atspi.generate_mouse_event(extents.x + extents.width // 2, extents.y + extents.height // 2, 'abs')
        time.sleep(0.3)


_focus_events = []
_focus_listener = None


def _on_focus(event):
    if event.detail1:
        _focus_events.append(event.source)


def pump():
    """Handles the AT-SPI events received so far (focus events)."""
    global _focus_listener
    if _focus_listener is None:
        _focus_listener = Atspi.EventListener.new(_on_focus)
        _focus_listener.register('object:state-changed:focused')
    context = GLib.MainContext.default()
    while context.iteration(False):
        pass


def focus_mark():
    """A mark of the focus events so far, for wait_focus(); first handles
    the pending ones, so that a later event is one that came after."""
    pump()
    return len(_focus_events)


def wait_focus(mark, timeout=10.0, where=None):
    """Waits until a widget takes the focus after MARK (focus_mark()), at
    most TIMEOUT seconds: on a loaded machine a key's effect lands late,
    and the next key or check must not run ahead of it. With WHERE, waits
    for a focused accessible for which WHERE(accessible) is true (a late
    event of an earlier key does not count). Returns the accessible
    focused last (that WHERE accepts), or None if none was in time."""
    deadline = time.monotonic() + timeout
    seen = mark
    while True:
        pump()
        while seen < len(_focus_events):
            source = _focus_events[seen]
            seen += 1
            try:
                accepted = where is None or where(source)
            except Exception:  # gone since
                accepted = False
            if accepted and (where is not None or seen == len(_focus_events)):
                return source
        if where is None and len(_focus_events) > mark:
            return _focus_events[-1]
        if time.monotonic() > deadline:
            return None
        time.sleep(0.02)


def focused_last():
    """The accessible of the last focus event, or None."""
    pump()
    return _focus_events[-1] if _focus_events else None


def focused_among(candidates):
    """The one of CANDIDATES that has the keyboard focus, or None."""
    for a in candidates:
        if a.get_state_set().contains(Atspi.StateType.FOCUSED):
            return a
    return None


def role(accessible):
    try:
        return accessible.get_role()
    except Exception:
        return None


def name(accessible):
    return accessible.get_name() or ''


def description(accessible):
    return accessible.get_description() or ''


def main(tests):
    """Runs TESTS under a new D-Bus session and prints TAP on the standard
    output. The session's daemons (the accessibility bus, at-spi2-registryd)
    write to their standard output too: the tests run in a child whose
    standard output goes to the standard error, and write TAP to a pipe."""
    fd = os.environ.get('REPERE_A11Y_TAP_FD')
    if fd is not None:
        with os.fdopen(int(fd), 'w', encoding='utf-8', buffering=1) as out:
            return run(tests, out)
    read, write = os.pipe()
    env = dict(os.environ, REPERE_A11Y_TAP_FD=str(write))
    child = subprocess.Popen(['dbus-run-session', '--', sys.executable] + sys.argv, env=env,
                             stdout=sys.stderr.fileno(), pass_fds=(write,))
    os.close(write)
    with os.fdopen(read, encoding='utf-8') as tap:
        for line in tap:
            sys.stdout.write(line)
            sys.stdout.flush()
    return child.wait()


_tap = None


def comment(text):
    """Writes TEXT as a TAP comment ("# TEXT") among the results, which
    meson's log keeps with them; on the standard error outside run()."""
    for line in text.splitlines():
        print('# ' + line, file=_tap or sys.stderr, flush=True)


def run(tests, out):
    """Runs each test function of TESTS (name → function) as a TAP test,
    written to OUT."""
    global _tap
    _tap = out
    print('1..%d' % len(tests), file=out)
    failed = 0
    for number, (title, test) in enumerate(tests, 1):
        try:
            test()
            print('ok %d %s' % (number, title), file=out)
        except Exception as exception:  # a failure or an AT-SPI error
            # "TITLE # TODO reason": a known defect, TAP's expected failure
            failed += '# TODO' not in title
            print('not ok %d %s' % (number, title), file=out)
            for line in ('%s: %s' % (type(exception).__name__, exception)).splitlines():
                print('# ' + line, file=out)
    return 1 if failed else 0
