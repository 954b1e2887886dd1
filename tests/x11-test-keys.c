/* x11-test-keys.c: real key presses for the window tests (XTest, Xvfb)
 *
 * Shared by test-window (the job list, issue 13) and test-rating-ui (the
 * rating grid): the key events go through the X server as the keyboard's
 * do, so GTK's own key handling and focus moves are what is tested.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "x11-test-keys.h"

#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#include <gdk/x11/gdkx.h>

/**
 * repere_test_x_focus:
 * @window: a realized toplevel window on an X11 display
 *
 * Gives @window the X keyboard focus (Xvfb runs no window manager to do it)
 * and waits for the server to have done it. The caller runs the main loop
 * for GTK to hear of it.
 */
void
repere_test_x_focus (GtkWidget *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (window));

  XSetInputFocus (display, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (display, False);
}

/**
 * repere_test_x_press:
 * @window: a widget on the X11 display to send the key to
 * @keysym: the key, as an X keysym (XK_Down, XK_Tab…); must be on the
 *   keyboard map (asserted)
 * @shift: whether Shift is held around the key
 *
 * One real key press and release, as the keyboard sends them, to whichever
 * window has the X keyboard focus; returns once the server has them.
 */
void
repere_test_x_press (GtkWidget *window, KeySym keysym, gboolean shift)
{
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (window));
  KeyCode code = XKeysymToKeycode (display, keysym);
  KeyCode shift_code = XKeysymToKeycode (display, XK_Shift_L);

  g_assert_cmpuint (code, !=, 0);
  if (shift)
    XTestFakeKeyEvent (display, shift_code, True, CurrentTime);
  XTestFakeKeyEvent (display, code, True, CurrentTime);
  XTestFakeKeyEvent (display, code, False, CurrentTime);
  if (shift)
    XTestFakeKeyEvent (display, shift_code, False, CurrentTime);
  XSync (display, False);
}
