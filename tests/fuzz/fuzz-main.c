/* fuzz-main.c: a main for the fuzz targets without libFuzzer (gcc): runs
 * LLVMFuzzerTestOneInput() once on each file of the folders or files given,
 * so that the seed corpus replays as a normal test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <stdio.h>

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static guint
run_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, &error))
    g_error ("%s", error->message);
  LLVMFuzzerTestOneInput ((const guint8 *) data, length);
  return 1;
}

int
main (int argc, char **argv)
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      if (dir == NULL)
        {
          n += run_file (argv[i]);
          continue;
        }
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          n += run_file (path);
        }
    }
  if (n == 0)
    g_error ("no input: give the corpus folders");
  printf ("%u inputs replayed without a crash\n", n);
  return 0;
}
