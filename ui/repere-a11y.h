/* repere-a11y.h: accessible names for what GTK 4.8 leaves unnamed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void repere_a11y_set_label (GtkWidget *widget, const char *label);
void repere_a11y_mark_named (GtkWidget *widget);
void repere_a11y_label_control (GtkWidget *control, const char *label);
void repere_a11y_name_lists (GtkWidget *root, const char *fallback);
char *repere_a11y_widget_text (GtkWidget *widget);
void repere_a11y_name_scrollers (GtkWidget *root, const char *label);
void repere_window_close_on_escape (GtkWindow *window);

G_END_DECLS
