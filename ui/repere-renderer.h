/* repere-renderer.h: GTK's cairo renderer on machines without a GPU (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean
repere_renderer_is_software_gl (const char *libgl_always_software);

gboolean
repere_renderer_has_render_node (const char *dri_dir);

const char *
repere_renderer_choose (const char *gsk_renderer, const char *libgl_always_software, gboolean has_render_node);

const char *
repere_renderer_select (const char *dri_dir);

const char *
repere_renderer_get_name (GtkNative *native);

G_END_DECLS
