/* repere-renderer.c: GTK's cairo renderer on machines without a GPU (issue 13)
 *
 * Many of Repère's users (HR officers) work on virtual desktops and VMs
 * without a GPU. There GTK 4 still draws with OpenGL, through Mesa's software
 * rasteriser (llvmpipe), which for a window of lists and labels is slower
 * than GTK's cairo renderer:
 *
 * - at start, creating the GL context loads LLVM and compiles GTK's shaders;
 * - every frame goes through a 3D pipeline emulated on the CPU (about
 *   50 ms of CPU in llvmpipe's threads per search, measured with perf).
 *
 * Measured on the project's 2-core VM under Xvfb with llvmpipe, each
 * renderer in turn in the same run (build/bench/bench-startup and
 * bench-search; docs/performance.md): with the cairo renderer and GL not set
 * up, Repère's first frame took 0.45 to 0.56 times as long as with GTK's
 * default GL renderer, and a search 0.22 to 0.38 times as long. The cairo
 * renderer alone (GDK still setting up GL) saved only about half of that
 * at start.
 *
 * So, before GTK starts, when the user has not chosen a renderer
 * (GSK_RENDERER unset) and the machine has no GPU render node
 * (/dev/dri/renderD*) or Mesa is told to render in software
 * (LIBGL_ALWAYS_SOFTWARE), Repère sets GSK_RENDERER=cairo and tells GDK not
 * to set up OpenGL at all (GDK_DEBUG=gl-disable up to GTK 4.14,
 * GDK_DISABLE=gl from 4.16; only when the user has not set that variable).
 * With a GPU render node nothing changes. Linux only: elsewhere there is no
 * /dev/dri to look at and GTK's choice stands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-renderer.h"

/**
 * repere_renderer_is_software_gl:
 * @libgl_always_software: (nullable): the value of LIBGL_ALWAYS_SOFTWARE
 *
 * Reads the variable as Mesa does (env_var_as_boolean()): "1", "true",
 * "yes" and "y" in any case are true; unset, empty, "0", "false" or anything
 * else is false.
 *
 * Returns: whether Mesa is told to render in software
 */
gboolean
repere_renderer_is_software_gl (const char *libgl_always_software)
{
  static const char *const yes[] = { "1", "true", "yes", "y" };

  if (libgl_always_software == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_ascii_strcasecmp (libgl_always_software, yes[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * repere_renderer_has_render_node:
 * @dri_dir: (nullable): the folder of the DRM device nodes; %NULL for
 *   "/dev/dri"
 *
 * Lists @dri_dir (one readdir, no device opened, no GL context created).
 *
 * Returns: whether @dri_dir holds a GPU render node (a name starting with
 *   "renderD"); %FALSE when @dri_dir is missing or unreadable
 */
gboolean
repere_renderer_has_render_node (const char *dri_dir)
{
  g_autoptr (GDir) dir = g_dir_open (dri_dir ? dri_dir : "/dev/dri", 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

/**
 * repere_renderer_choose:
 * @gsk_renderer: (nullable): the value of GSK_RENDERER (the user's choice)
 * @libgl_always_software: (nullable): the value of LIBGL_ALWAYS_SOFTWARE
 * @has_render_node: whether the machine has a GPU render node
 *   (repere_renderer_has_render_node())
 *
 * The rule of repere_renderer_select(), without reading or changing the
 * environment.
 *
 * Returns: (nullable): "cairo" when the user chose no renderer (@gsk_renderer
 *   %NULL or empty) and GL would be software (no render node, or
 *   LIBGL_ALWAYS_SOFTWARE true); %NULL to leave GTK's choice (or the user's)
 */
const char *
repere_renderer_choose (const char *gsk_renderer, const char *libgl_always_software, gboolean has_render_node)
{
  if (gsk_renderer && *gsk_renderer)
    return NULL;
  if (!has_render_node || repere_renderer_is_software_gl (libgl_always_software))
    return "cairo";
  return NULL;
}

/**
 * repere_renderer_select:
 * @dri_dir: (nullable): the folder of the DRM device nodes; %NULL for
 *   "/dev/dri" (another folder for the tests)
 *
 * Call before gtk_init() (or before the GtkApplication starts): applies
 * repere_renderer_choose() to the environment. When it says "cairo", sets
 * GSK_RENDERER=cairo, and, unless the user set it, GDK_DEBUG=gl-disable
 * (GTK 4.8 to 4.14; a GTK built without G_ENABLE_DEBUG ignores it with a
 * line on stderr) or GDK_DISABLE=gl (GTK 4.16 and later), so that GDK does
 * not load the GL driver when it opens the display. Child processes inherit
 * these variables. The choice is logged with g_debug()
 * (G_MESSAGES_DEBUG=Repere). Does nothing outside Linux.
 *
 * Returns: (nullable): "cairo" when it set the cairo renderer, %NULL when it
 *   changed nothing
 */
const char *
repere_renderer_select (const char *dri_dir)
{
#ifdef __linux__
  const char *user = g_getenv ("GSK_RENDERER");
  const char *software = g_getenv ("LIBGL_ALWAYS_SOFTWARE");
  gboolean has_node;
  const char *choice;

  if (user && *user)
    {
      g_debug ("Renderer: GSK_RENDERER=%s, the user's choice", user);
      return NULL;
    }
  has_node = repere_renderer_has_render_node (dri_dir);
  choice = repere_renderer_choose (user, software, has_node);
  if (choice == NULL)
    {
      g_debug ("Renderer: GTK's choice (a GPU render node in %s)", dri_dir ? dri_dir : "/dev/dri");
      return NULL;
    }
  g_setenv ("GSK_RENDERER", choice, TRUE);
  if (gtk_get_major_version () == 4 && gtk_get_minor_version () < 16)
    g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  else
    g_setenv ("GDK_DISABLE", "gl", FALSE);
  g_debug ("Renderer: %s, GL not set up (%s)", choice,
           has_node ? "LIBGL_ALWAYS_SOFTWARE is set" : "no GPU render node in /dev/dri");
  return choice;
#else
  return NULL;
#endif
}

/**
 * repere_renderer_get_name:
 * @native: a realized window (or other #GtkNative)
 *
 * Returns: (transfer none): the type name of the renderer that draws @native
 *   ("GskCairoRenderer", "GskGLRenderer", "GskNglRenderer",
 *   "GskVulkanRenderer"…), or "none" before it is realized
 */
const char *
repere_renderer_get_name (GtkNative *native)
{
  GskRenderer *renderer;

  g_return_val_if_fail (GTK_IS_NATIVE (native), "none");
  renderer = gtk_native_get_renderer (native);
  return renderer ? G_OBJECT_TYPE_NAME (renderer) : "none";
}
