/* x11-test-keys.h: real key presses for the window tests (XTest, Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <X11/Xlib.h>
#include <gtk/gtk.h>

G_BEGIN_DECLS

void repere_test_x_focus (GtkWidget *window);
void repere_test_x_press (GtkWidget *window, KeySym keysym, gboolean shift);

G_END_DECLS
