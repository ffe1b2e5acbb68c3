/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "casebook-store-delete.h"
#include "casebook-store-private.h"

/* Deleting every case of the person's own in a store, then undoing it,
 * the way the window did before (one transaction per case on the main
 * thread, each deleted case kept in memory for the Undo) or does now
 * (one transaction on a worker thread, the Undo's rows in the store).
 *
 *   casebook-bench-delete STORE old|new [LIMIT]
 *
 * STORE is changed: give it a copy. LIMIT deletes only the first cases.
 * Prints wall time, the main thread's CPU time, its longest stall (the
 * longest gap between ticks of a 5 ms timer, for the new way; the whole
 * run for the old one, which never returns to the main loop) and the
 * peak resident memory of the process. */

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
  gint64        last_tick;
  gint64        longest;
} Wait;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static GPtrArray *
own_ids (CasebookStore *store,
         guint          limit)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, "SELECT id FROM cases WHERE origin = 'own' AND subscription IS NULL "
                          "ORDER BY nr LIMIT ?1", -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (store->db));
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? limit : G_MAXINT64);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return ids;
}

static void
report (const char *what,
        double      wall,
        double      cpu,
        double      stall,
        guint       n)
{
  printf ("%-8s %7u cases  wall %10.1f ms  main-thread CPU %10.1f ms  longest stall %10.1f ms  peak RSS %7.1f MB\n",
          what, n, wall, cpu, stall, peak_rss_mb ());
  fflush (stdout);
}

static void
run_old (CasebookStore *store,
         GPtrArray     *ids)
{
  g_autoptr(GPtrArray) deleted = g_ptr_array_new_with_free_func (g_object_unref);
  double wall = now_ms (), cpu = thread_cpu_ms ();

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      CasebookCase *c = casebook_store_delete_case (store, g_ptr_array_index (ids, i), &error);

      if (c == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (deleted, c);
    }
  wall = now_ms () - wall;
  cpu = thread_cpu_ms () - cpu;
  report ("delete", wall, cpu, wall, ids->len);

  wall = now_ms ();
  cpu = thread_cpu_ms ();
  for (guint i = 0; i < deleted->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!casebook_store_restore_case (store, g_ptr_array_index (deleted, i), &error))
        g_error ("%s", error->message);
    }
  wall = now_ms () - wall;
  cpu = thread_cpu_ms () - cpu;
  report ("undo", wall, cpu, wall, deleted->len);
}

static gboolean
on_tick (gpointer data)
{
  Wait *w = data;
  gint64 now = g_get_monotonic_time ();

  w->longest = MAX (w->longest, now - w->last_tick);
  w->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Wait *w = data;

  w->result = g_object_ref (result);
  g_main_loop_quit (w->loop);
}

/* Runs the loop until the job started just before ends. */
static void
wait_for (Wait *w)
{
  guint tick = 0;

  /* The timer's own wake-ups cost the main thread about 40 µs each:
   * CASEBOOK_BENCH_NO_TICK=1 leaves it out, to measure the CPU alone. */
  if (g_getenv ("CASEBOOK_BENCH_NO_TICK") == NULL)
    tick = g_timeout_add (5, on_tick, w);

  w->last_tick = g_get_monotonic_time ();
  w->longest = 0;
  g_main_loop_run (w->loop);
  if (tick != 0)
    g_source_remove (tick);
}

static void
run_new (CasebookStore *store,
         GPtrArray     *ids)
{
  Wait w = { g_main_loop_new (NULL, FALSE), NULL, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) not_restored = NULL;
  double wall = now_ms (), cpu = thread_cpu_ms ();
  gint64 deletion;
  guint n = 0;

  casebook_store_delete_cases_async (store, ids, FALSE, NULL, on_done, &w);
  wait_for (&w);
  deletion = casebook_store_delete_cases_finish (store, w.result, &n, &error);
  if (deletion == 0)
    g_error ("%s", error->message);
  g_clear_object (&w.result);
  report ("delete", now_ms () - wall, thread_cpu_ms () - cpu, w.longest / 1000.0, n);

  wall = now_ms ();
  cpu = thread_cpu_ms ();
  casebook_store_undo_deletion_async (store, deletion, NULL, on_done, &w);
  wait_for (&w);
  if (!casebook_store_undo_deletion_finish (store, w.result, &n, &not_restored, &error))
    g_error ("%s", error->message);
  g_clear_object (&w.result);
  report ("undo", now_ms () - wall, thread_cpu_ms () - cpu, w.longest / 1000.0, n);

  g_main_loop_unref (w.loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint limit = argc > 3 ? (guint) atoi (argv[3]) : 0;

  if (argc < 3 || (g_strcmp0 (argv[2], "old") != 0 && g_strcmp0 (argv[2], "new") != 0))
    {
      fprintf (stderr, "Usage: %s STORE old|new [LIMIT]\n", argv[0]);
      return 2;
    }

  store = casebook_store_open (argv[1], CASEBOOK_STORE_NO_BUNDLED, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  ids = own_ids (store, limit);
  printf ("%s: %u own cases, peak RSS after opening %.1f MB\n", argv[2], ids->len, peak_rss_mb ());

  if (g_str_equal (argv[2], "old"))
    run_old (store, ids);
  else
    run_new (store, ids);

  return 0;
}
