/* SPDX-License-Identifier: GPL-3.0-or-later */

/* casebook-bench-selected: what acting on many selected cases costs the
 * main thread, on a large store (docs/benchmarks.md). Needs no display.
 *
 * Over the window's case list and selection (CasebookCaseList in a
 * CasebookCaseSelection), it selects every row (Ctrl+A) or a range of
 * 50,000 (a Shift-click), then adds them to a new collection, the old way
 * and the new way alternately, for RUNS rounds:
 *
 *   old: each selected row read from the list to learn its id, then
 *        casebook_store_add_to_collection() with the ids, all on the main
 *        thread (what the window did);
 *   new: every row: casebook_store_add_matching_to_collection_async();
 *        a range: its runs to casebook_case_list_get_ids_async(), then
 *        casebook_store_add_ids_to_collection_async() (what it does now).
 *
 * For each it reports the wall time until the collection holds the cases,
 * the main thread's CPU time over that span, its longest single burst
 * (one main-loop dispatch: how long the window would not answer), and how
 * many rows the list was asked for. It writes to STORE: give it a copy.
 * Usage: casebook-bench-selected STORE [RUNS]. */

#include <gtk/gtk.h>
#include <time.h>

#include "casebook-case-list.h"
#include "casebook-case-selection.h"
#include "casebook-case-summary.h"
#include "casebook-filter.h"
#include "casebook-store.h"
#include "casebook-store-collections.h"
#include "casebook-store-matching.h"

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
wall_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

typedef struct
{
  double wall;
  double cpu;
  double burst;
  guint  n_read;
  guint  n_added;
} Figures;

/* Runs the main loop until *@done, noting the longest CPU burst. */
static void
iterate_until (gboolean *done,
               Figures  *fig)
{
  while (!*done)
    {
      double cpu = thread_cpu_ms ();

      g_main_context_iteration (NULL, TRUE);
      fig->burst = MAX (fig->burst, thread_cpu_ms () - cpu);
    }
}

static gint64
new_collection (CasebookStore *store,
                const char    *name)
{
  g_autoptr(CasebookCollection) collection = casebook_collection_new (name);
  g_autoptr(GError) error = NULL;

  if (!casebook_store_create_collection (store, collection, &error))
    g_error ("%s", error->message);
  return casebook_collection_get_id (collection);
}

typedef struct
{
  CasebookStore    *store;
  CasebookCaseList *list;
  gint64            collection;
  gboolean          done;
  guint             n_added;
} Job;

static void
on_added (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;

  if (!casebook_store_add_to_collection_finish (job->store, result, &job->n_added, &error))
    g_error ("%s", error->message);
  job->done = TRUE;
}

static void
on_ids (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = casebook_case_list_get_ids_finish (job->list, result, &error);

  if (ids == NULL)
    g_error ("%s", error->message);
  casebook_store_add_ids_to_collection_async (job->store, job->collection, (const char * const *) ids, NULL,
                                              on_added, job);
}

static Figures
run_old (CasebookStore         *store,
         CasebookCaseList      *list,
         CasebookCaseSelection *selection,
         gint64                 collection)
{
  Figures fig = { 0 };
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (selection));
  g_autoptr(GError) error = NULL;
  double wall = wall_ms ();
  double cpu = thread_cpu_ms ();
  GtkBitsetIter iter;
  guint position;

  /* What selected_ids() and the action did, on this thread. */
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(CasebookCaseSummary) row = g_list_model_get_item (G_LIST_MODEL (selection), position);

      fig.n_read++;
      if (row != NULL)
        g_ptr_array_add (ids, g_strdup (casebook_case_summary_get_id (row)));
    }
  g_ptr_array_add (ids, NULL);
  if (!casebook_store_add_to_collection (store, collection, (const char * const *) ids->pdata, -1,
                                         &fig.n_added, &error))
    g_error ("%s", error->message);

  fig.cpu = thread_cpu_ms () - cpu;
  fig.wall = wall_ms () - wall;
  fig.burst = fig.cpu;
  return fig;
}

static Figures
run_new (CasebookStore         *store,
         CasebookCaseList      *list,
         CasebookCaseSelection *selection,
         gint64                 collection,
         gboolean               all)
{
  Figures fig = { 0 };
  Job job = { store, list, collection, FALSE, 0 };
  double wall = wall_ms ();
  double cpu = thread_cpu_ms ();

  if (all)
    {
      CasebookFilter *filter = NULL;
      CasebookSort sort;
      CasebookLang lang;

      if (!casebook_case_list_get_listing (list, &filter, &sort, &lang))
        g_error ("the list is no listing");
      casebook_store_add_matching_to_collection_async (store, collection, filter, sort, lang, NULL, on_added, &job);
    }
  else
    {
      g_autoptr(GArray) runs = casebook_case_selection_get_runs (selection);

      casebook_case_list_get_ids_async (list, (const guint *) runs->data, runs->len / 2, NULL, on_ids, &job);
    }
  fig.burst = thread_cpu_ms () - cpu;
  iterate_until (&job.done, &fig);

  fig.cpu = thread_cpu_ms () - cpu;
  fig.wall = wall_ms () - wall;
  fig.n_added = job.n_added;
  return fig;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return values->len > 0 ? g_array_index (values, double, values->len / 2) : 0;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const kinds[] = { "Ctrl+A", "range of 50,000" };
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(CasebookFilter) filter = NULL;
  g_autoptr(CasebookCaseList) list = NULL;
  g_autoptr(GError) error = NULL;
  int runs = argc > 2 ? atoi (argv[2]) : 3;
  GArray *medians[2][2][3];

  if (argc < 2)
    {
      g_printerr ("Usage: casebook-bench-selected STORE [RUNS]\n");
      return 2;
    }

  store = casebook_store_open (argv[1], CASEBOOK_STORE_FLAGS_NONE, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  filter = casebook_filter_new ();
  list = casebook_case_list_new (store, filter, CASEBOOK_LANG_EN);
  g_print ("%u rows\n", g_list_model_get_n_items (G_LIST_MODEL (list)));

  for (guint k = 0; k < 2; k++)
    for (guint w = 0; w < 2; w++)
      for (guint m = 0; m < 3; m++)
        medians[k][w][m] = g_array_new (FALSE, FALSE, sizeof (double));

  for (int run = 0; run < runs; run++)
    for (guint kind = 0; kind < 2; kind++)
      for (guint way = 0; way < 2; way++)
        {
          /* The old way first in even runs, second in odd ones. */
          gboolean old = (way + run) % 2 == 0;
          g_autoptr(CasebookCaseSelection) selection = casebook_case_selection_new (G_LIST_MODEL (list));
          g_autofree char *name = g_strdup_printf ("bench %d %u %s %" G_GINT64_FORMAT, run, kind, old ? "old" : "new", g_get_real_time ());
          gint64 collection = new_collection (store, name);
          Figures fig;
          double cpu_select;

          /* The list reads itself again after each change of the store. */
          while (casebook_case_list_is_loading (list) || casebook_case_list_is_counting (list))
            g_main_context_iteration (NULL, TRUE);

          cpu_select = thread_cpu_ms ();
          if (kind == 0)
            gtk_selection_model_select_all (GTK_SELECTION_MODEL (selection));
          else
            gtk_selection_model_select_range (GTK_SELECTION_MODEL (selection), 10, 50000, TRUE);
          cpu_select = thread_cpu_ms () - cpu_select;

          fig = old ? run_old (store, list, selection, collection)
                    : run_new (store, list, selection, collection, kind == 0);

          g_print ("%s, %s: selecting %.1f ms CPU; adding %.0f ms wall, %.0f ms main-thread CPU, "
                   "longest burst %.1f ms, %u rows read, %u added\n",
                   kinds[kind], old ? "old" : "new", cpu_select, fig.wall, fig.cpu, fig.burst, fig.n_read,
                   fig.n_added);
          g_array_append_val (medians[kind][old][0], fig.wall);
          g_array_append_val (medians[kind][old][1], fig.cpu);
          g_array_append_val (medians[kind][old][2], fig.burst);
        }

  for (guint kind = 0; kind < 2; kind++)
    for (guint old = 0; old < 2; old++)
      {
        g_print ("%s, %s: median %.0f ms wall, %.0f ms main-thread CPU, longest burst %.1f ms\n",
                 kinds[kind], old ? "old" : "new", median (medians[kind][old][0]), median (medians[kind][old][1]),
                 median (medians[kind][old][2]));
        for (guint m = 0; m < 3; m++)
          g_array_unref (medians[kind][old][m]);
      }

  return 0;
}
