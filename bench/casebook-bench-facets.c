/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * casebook-bench-facets: what the reads of a facet change cost, without a
 * display.
 *
 * On a store given with --store (opened read-write, so that an older store
 * is brought to the current schema first: give it a copy), it times, for
 * no filter and for one sector chosen, what a refresh of the case list
 * reads on its worker thread: the count, the first page, the position of
 * a case deep in the order (the last case of the sector by title), and
 * the facet counts. Each figure is the median of --runs repeats, in wall
 * and CPU milliseconds of this single-threaded process:
 *
 *   build/bench/casebook-bench-facets --store /tmp/copy.db --sector finance
 */
#define G_LOG_DOMAIN "casebook-bench"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "casebook-store.h"

#define PAGE_SIZE 64

typedef struct
{
  double wall_ms;
  double cpu_ms;
} Sample;

static double
cpu_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db ? 1 : 0;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return values->len == 0 ? 0 : g_array_index (values, double, values->len / 2);
}

typedef gboolean (*Step) (CasebookStore   *store,
                          CasebookFilter  *filter,
                          const char      *id,
                          GError         **error);

static gboolean
step_count (CasebookStore   *store,
            CasebookFilter  *filter,
            const char      *id,
            GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  casebook_store_count (store, filter, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
step_first_page (CasebookStore   *store,
                 CasebookFilter  *filter,
                 const char      *id,
                 GError         **error)
{
  g_autoptr(GPtrArray) rows = casebook_store_list (store, filter, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN,
                                                   NULL, PAGE_SIZE, NULL, error);

  return rows != NULL;
}

static gboolean
step_position (CasebookStore   *store,
               CasebookFilter  *filter,
               const char      *id,
               GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  casebook_store_position (store, filter, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
step_facets (CasebookStore   *store,
             CasebookFilter  *filter,
             const char      *id,
             GError         **error)
{
  g_autoptr(GPtrArray) values = casebook_store_count_facets (store, filter, error);

  return values != NULL;
}

static void
run (const char      *name,
     Step             step,
     CasebookStore   *store,
     CasebookFilter  *filter,
     const char      *id,
     guint            runs)
{
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_now_ms ();
      double w, c;

      if (!step (store, filter, id, &error))
        {
          fprintf (stderr, "casebook-bench-facets: %s: %s\n", name, error->message);
          exit (1);
        }
      w = (g_get_monotonic_time () - start) / 1000.0;
      c = cpu_now_ms () - cpu_start;
      g_array_append_val (wall, w);
      g_array_append_val (cpu, c);
    }

  printf ("%s: %.1f ms wall, %.1f ms cpu\n", name, median (wall), median (cpu));
}

/* The id of the last case of @filter in the English title order: the
 * position that costs most to find. */
static char *
last_id (CasebookStore  *store,
         CasebookFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) cursors = g_array_new (FALSE, TRUE, sizeof (CasebookCursor));
  g_autoptr(GPtrArray) rows = NULL;
  CasebookCursor *after = NULL;

  g_array_set_clear_func (cursors, (GDestroyNotify) casebook_cursor_clear);
  if (!casebook_store_skip_pages (store, filter, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, NULL, PAGE_SIZE,
                                  G_MAXUINT / PAGE_SIZE, cursors, &error))
    {
      fprintf (stderr, "casebook-bench-facets: %s\n", error->message);
      exit (1);
    }
  /* The last page starts after the last full page, unless that one ends
   * the order. */
  for (guint back = 1; back <= 2; back++)
    {
      after = cursors->len >= back ? &g_array_index (cursors, CasebookCursor, cursors->len - back) : NULL;
      g_clear_pointer (&rows, g_ptr_array_unref);
      rows = casebook_store_list (store, filter, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, after, PAGE_SIZE, NULL, &error);
      if (rows == NULL)
        return NULL;
      if (rows->len > 0 || after == NULL)
        break;
    }
  if (rows->len == 0)
    return NULL;

  return g_strdup (casebook_case_summary_get_id (g_ptr_array_index (rows, rows->len - 1)));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *store_path = NULL;
  g_autofree char *sector = NULL;
  int runs = 5;
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, "The store (a copy: it is opened read-write)", "PATH" },
    { "sector", 0, 0, G_OPTION_ARG_STRING, &sector, "The sector to choose (default: finance)", "KEY" },
    { "runs", 'k', 0, G_OPTION_ARG_INT, &runs, "Repeats of each figure (default 5)", "K" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the reads of a facet change");
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(CasebookFilter) none = casebook_filter_new ();
  g_autoptr(CasebookFilter) chosen = casebook_filter_new ();
  g_autofree char *id = NULL;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || store_path == NULL || runs < 1)
    {
      fprintf (stderr, "casebook-bench-facets: %s\n", error != NULL ? error->message : "give --store PATH");
      return 2;
    }

  start = g_get_monotonic_time ();
  store = casebook_store_open (store_path, CASEBOOK_STORE_NO_BUNDLED, &error);
  if (store == NULL)
    {
      fprintf (stderr, "casebook-bench-facets: %s\n", error->message);
      return 1;
    }
  printf ("open: %.1f ms wall (an upgrade included)\n", (g_get_monotonic_time () - start) / 1000.0);

  casebook_filter_set (chosen, CASEBOOK_FACET_SECTOR, sector != NULL ? sector : "finance", TRUE);
  id = last_id (store, chosen);
  printf ("cases: %u, of the sector: %u, deep case: %s\n", casebook_store_count (store, none, NULL),
          casebook_store_count (store, chosen, NULL), id != NULL ? id : "(none)");

  run ("facets_none", step_facets, store, none, NULL, (guint) runs);
  run ("count_sector", step_count, store, chosen, NULL, (guint) runs);
  run ("first_page_sector", step_first_page, store, chosen, NULL, (guint) runs);
  if (id != NULL)
    run ("position_deep_sector", step_position, store, chosen, id, (guint) runs);
  run ("facets_sector", step_facets, store, chosen, NULL, (guint) runs);

  return 0;
}
