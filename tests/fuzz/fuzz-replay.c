/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-replay"

#include "config.h"

#include "fuzz-common.h"

/* The plain main() each harness is linked with outside fuzzing builds:
 * every file of the corpus folders named on the command line runs
 * through the harness as a test of its own, so that an input that once
 * found a bug keeps proving it fixed. */

static void
replay (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    g_error ("usage: %s [TEST-OPTION…] CORPUS-FOLDER…", argv[0]);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *base = g_path_get_basename (argv[i]);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_assert_cmpuint (names->len, >, 0);
      g_ptr_array_sort (names, compare_names);

      for (guint n = 0; n < names->len; n++)
        {
          g_autofree char *test_path = g_strdup_printf ("/fuzz/" FUZZ_HARNESS "/%s/%s", base,
                                                        (const char *) g_ptr_array_index (names, n));
          char *path = g_build_filename (argv[i], g_ptr_array_index (names, n), NULL);

          g_ptr_array_add (paths, path);
          g_test_add_data_func (test_path, path, replay);
        }
    }

  return g_test_run ();
}
