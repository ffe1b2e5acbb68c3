/* SPDX-License-Identifier: GPL-3.0-or-later */

/* casebook-bench-window: what a person waits for when Casebook starts.
 *
 * In one run, with the runs of each kind interleaved so that the load of a
 * shared machine falls on all of them alike, the program starts as
 * separate processes (it runs itself again with --child):
 *
 *  - an empty AdwApplicationWindow, the floor;
 *  - the real Casebook window on the bundled store;
 *  - the real Casebook window on a large store (--store, or the store that
 *    --json imports);
 *
 * and times each from just before the process is spawned to the first
 * `after-paint` of the window's frame clock in which the case list has
 * rows. At that moment the child reads its VmRSS and VmHWM. It then
 * measures the longest main-loop stall (a high-priority 5 ms timer that
 * records the longest gap between its calls) while the window settles,
 * while a search is typed into the search entry, and the time a facet
 * change takes to show its first page.
 *
 * It also times whole-process `casebook --show` and `casebook --search`
 * on both stores, and, with --json, one `casebook --import` of the file
 * into a new store (its peak RSS from wait4(), the store's size after the
 * process has exited) against json-glib parsing the same file in a
 * process of its own.
 *
 * The figures are medians over the runs, printed as a table with their
 * ratios to the floors and the targets of issue 13 (docs/benchmarks.md).
 * Run it under a display; the issue measures under Xvfb with the cairo
 * renderer:
 *
 *   xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
 *     build/bench/casebook-bench-window --json DIR/bench.json
 *
 * (GSK_RENDERER=cairo is the default it gives its children.)
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "casebook-application.h"
#include "casebook-case-list.h"
#include "casebook-window-private.h"

extern char **environ;

#define DEFAULT_RUNS        5
#define DEFAULT_SETTLE_S    5
#define DEFAULT_LIMIT_S     60
/* In one case of the bundled collection and in none the benchmark
 * generates: a rare word. */
#define DEFAULT_QUERY       "monolithic"
#define TICK_MS             5
#define KEY_INTERVAL_MS     150
#define AFTER_TYPING_MS     2000
#define FACET_SECTOR        "finance"
#define BUNDLED_CASE        "report-2.1"

/* The targets of issue 13. */
#define TARGET_FIRST_BUNDLED 1.25   /* × the empty window */
#define TARGET_FIRST_LARGE   1.5    /* × the empty window */
#define TARGET_RSS_MB        80.0   /* MB over the empty window */
#define TARGET_SHOW_RATIO    2.0    /* large --show ÷ bundled --show */
#define TARGET_IMPORT_PEAK   1.5    /* × the file */
#define TARGET_IMPORT_PARSE  1.5    /* × json-glib parsing the file */
#define TARGET_STORE_RATIO   2.0    /* × the file */
#define TARGET_SEARCH_MS     16.0
#define TARGET_STALL_MS      100.0

/* The child ------------------------------------------------------------ */

typedef enum
{
  PHASE_FIRST_FRAME,
  PHASE_SETTLE,
  PHASE_TYPING,
  PHASE_FACET,
  PHASE_DONE,
} Phase;

static struct
{
  gboolean     empty;          /* the empty window, not Casebook's */
  const char  *query;
  guint        settle_ms;
  guint        limit_ms;

  GtkWindow   *window;
  Phase        phase;
  gint64       first_frame;    /* monotonic µs */
  gint64       rss_kib;
  gint64       hwm_kib;
  gint64       settled_rss_kib;  /* at the end of the settling */
  guint        n_items;

  /* The stall timer: only the main thread writes these; the watchdog
   * thread reads last_tick to notice a main loop that does not answer. */
  gint64       last_tick;
  gint64       stall_settle;
  gint64       stall_typing;
  gint64       stall_facet;
  gint64       phase_start;

  guint        typed;          /* characters of the query typed so far */
  gint64       facet_start;
  gint64       facet_ms;       /* -1 until the facet's first page is painted */
  gboolean     facet_changed;
  gboolean     facet_changed_connected;
  /* CPU time over the facet change, of the main thread and of the whole
   * process: what the main thread itself did, apart from waiting for a
   * core on a loaded machine. */
  gint64       facet_cpu_main_us;
  gint64       facet_cpu_all_us;
} child;

static gint64
cpu_us (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static gint64
status_kib (const char *field)
{
  g_autofree char *text = NULL;
  const char *line;
  gsize n = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return -1;
  for (line = text; line != NULL && *line != '\0'; line = strchr (line, '\n'), line = line ? line + 1 : NULL)
    if (strncmp (line, field, n) == 0 && line[n] == ':')
      return g_ascii_strtoll (line + n + 1, NULL, 10);
  return -1;
}

/* Prints what was measured, as key=value lines the parent reads. A value
 * of -1 was not reached; a stall that was still going on when the child
 * gave up is printed as the time it had lasted, with stalled=1. */
static void
child_report (gboolean stalled)
{
  printf ("first_frame=%" G_GINT64_FORMAT "\n", child.first_frame);
  printf ("rss_kib=%" G_GINT64_FORMAT "\n", child.rss_kib);
  printf ("hwm_kib=%" G_GINT64_FORMAT "\n", child.hwm_kib);
  printf ("settled_rss_kib=%" G_GINT64_FORMAT "\n", child.settled_rss_kib);
  printf ("n_items=%u\n", child.n_items);
  printf ("stall_settle_us=%" G_GINT64_FORMAT "\n", child.stall_settle);
  printf ("stall_typing_us=%" G_GINT64_FORMAT "\n", child.stall_typing);
  printf ("stall_facet_us=%" G_GINT64_FORMAT "\n", child.stall_facet);
  printf ("facet_ms=%" G_GINT64_FORMAT "\n", child.facet_ms);
  printf ("facet_cpu_main_us=%" G_GINT64_FORMAT "\n", child.facet_cpu_main_us);
  printf ("facet_cpu_all_us=%" G_GINT64_FORMAT "\n", child.facet_cpu_all_us);
  printf ("stalled=%d\n", stalled ? 1 : 0);
  printf ("phase=%d\n", (int) child.phase);
  fflush (stdout);
}

/* Runs on a thread of its own: a main loop that stops answering (the
 * window freezes) cannot report anything, so this reports for it and
 * ends the process once the stall has lasted the limit. It reads the
 * figures while the main thread may still write them; a frozen main
 * thread writes nothing, and a benchmark can live with a figure one tick
 * old. */
static gpointer
watchdog (gpointer data)
{
  for (;;)
    {
      gint64 now, since;

      g_usleep (50 * 1000);
      /* A 64-bit load is not torn on the machines this runs on; a value
       * one tick old changes nothing. Before the first frame the limit
       * counts from the start of the process. */
      now = g_get_monotonic_time ();
      since = child.phase == PHASE_FIRST_FRAME ? now - child.phase_start : now - child.last_tick;

      if (since > (gint64) child.limit_ms * 1000)
        {
          switch (child.phase)
            {
            case PHASE_SETTLE:
              child.stall_settle = MAX (child.stall_settle, since);
              break;
            case PHASE_TYPING:
              child.stall_typing = MAX (child.stall_typing, since);
              break;
            case PHASE_FACET:
              child.stall_facet = MAX (child.stall_facet, since);
              break;
            default:
              break;
            }
          child_report (TRUE);
          _exit (0);
        }
    }
  return NULL;
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_list_view (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The case list, from the window's template (its child "list_view"), or
 * the first list view in the widget tree if the template changes. */
static GtkWidget *
case_list_view (void)
{
  GObject *child_object;

  child_object = gtk_widget_get_template_child (GTK_WIDGET (child.window), CASEBOOK_TYPE_WINDOW, "list_view");
  if (GTK_IS_LIST_VIEW (child_object))
    return GTK_WIDGET (child_object);
  return find_list_view (GTK_WIDGET (child.window));
}

/* Whether the frame just painted shows rows: the list view is mapped, its
 * model has items and at least one row widget is mapped with a height. */
static gboolean
shows_rows (void)
{
  GtkWidget *view;
  GListModel *model;

  if (child.empty)
    return TRUE;

  view = case_list_view ();
  if (view == NULL || !gtk_widget_get_mapped (view))
    return FALSE;
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
  if (model == NULL || g_list_model_get_n_items (model) == 0)
    return FALSE;
  /* All the rows of the list, not only those its first step told. */
  if (child.phase == PHASE_FIRST_FRAME && CASEBOOK_IS_WINDOW (child.window))
    child.n_items = casebook_case_list_get_n_rows (CASEBOOK_CASE_LIST (_casebook_window_get_cases (CASEBOOK_WINDOW (child.window))));

  for (GtkWidget *row = gtk_widget_get_first_child (view); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row) && gtk_widget_get_height (row) > 0 && !GTK_IS_SCROLLBAR (row))
      return TRUE;
  return FALSE;
}

static GtkEditable *
search_entry (void)
{
  GObject *entry = gtk_widget_get_template_child (GTK_WIDGET (child.window), CASEBOOK_TYPE_WINDOW, "search_entry");

  return GTK_IS_EDITABLE (entry) ? GTK_EDITABLE (entry) : NULL;
}

static gboolean
cases_loading (void)
{
  GListModel *cases = _casebook_window_get_cases (CASEBOOK_WINDOW (child.window));

  return CASEBOOK_IS_CASE_LIST (cases) && casebook_case_list_is_loading (CASEBOOK_CASE_LIST (cases));
}

static void
finish (void)
{
  child.phase = PHASE_DONE;
  child_report (FALSE);
  /* Quit as a person would, so that the store is closed cleanly: a
   * process that just exits leaves its session marker behind, and the
   * next start on the store then checks the whole file first. */
  g_application_quit (g_application_get_default ());
}

static void on_cases_changed (void);

static gboolean
start_facet_change (gpointer data)
{
  CasebookFilter *filter = _casebook_window_get_filter (CASEBOOK_WINDOW (child.window));

  /* The window makes its list once the store is open, after it has been
   * added to the application; by now it has one. */
  if (!child.facet_changed_connected)
    {
      g_signal_connect_swapped (_casebook_window_get_cases (CASEBOOK_WINDOW (child.window)), "items-changed",
                                G_CALLBACK (on_cases_changed), NULL);
      child.facet_changed_connected = TRUE;
    }
  child.facet_changed = FALSE;
  child.facet_start = g_get_monotonic_time ();
  child.facet_cpu_main_us = cpu_us (CLOCK_THREAD_CPUTIME_ID);
  child.facet_cpu_all_us = cpu_us (CLOCK_PROCESS_CPUTIME_ID);
  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, FACET_SECTOR, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_cases_changed (void)
{
  if (child.phase == PHASE_FACET)
    child.facet_changed = TRUE;
}

/* One key every KEY_INTERVAL_MS, as a quick typist; then the results are
 * given AFTER_TYPING_MS to arrive. */
static gboolean
type_next_key (gpointer data)
{
  GtkEditable *entry = search_entry ();
  g_autofree char *text = NULL;
  const char *end;

  if (entry == NULL || child.query[0] == '\0')
    return G_SOURCE_REMOVE;

  child.typed++;
  end = g_utf8_offset_to_pointer (child.query, child.typed);
  text = g_strndup (child.query, end - child.query);
  gtk_editable_set_text (entry, text);

  if (*end == '\0')
    return G_SOURCE_REMOVE;
  return G_SOURCE_CONTINUE;
}

static gboolean
on_tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - child.last_tick;

  switch (child.phase)
    {
    case PHASE_SETTLE:
      child.stall_settle = MAX (child.stall_settle, gap);
      if (now - child.phase_start >= (gint64) child.settle_ms * 1000)
        {
          child.settled_rss_kib = status_kib ("VmRSS");
          GtkEditable *entry = child.empty ? NULL : search_entry ();

          if (entry == NULL)
            finish ();
          child.phase = PHASE_TYPING;
          child.phase_start = now;
          g_timeout_add (KEY_INTERVAL_MS, type_next_key, NULL);
        }
      break;

    case PHASE_TYPING:
      child.stall_typing = MAX (child.stall_typing, gap);
      if (now - child.phase_start >= (gint64) (g_utf8_strlen (child.query, -1) * KEY_INTERVAL_MS + AFTER_TYPING_MS) * 1000)
        {
          /* The facet change is timed on the whole list, without the
           * search. */
          gtk_editable_set_text (search_entry (), "");
          child.phase = PHASE_FACET;
          child.facet_start = 0;
          g_timeout_add (AFTER_TYPING_MS, start_facet_change, NULL);
        }
      break;

    case PHASE_FACET:
      child.stall_facet = MAX (child.stall_facet, gap);
      break;

    default:
      break;
    }

  child.last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  if (child.phase == PHASE_FIRST_FRAME && shows_rows ())
    {
      child.first_frame = g_get_monotonic_time ();
      child.rss_kib = status_kib ("VmRSS");
      child.hwm_kib = status_kib ("VmHWM");
      child.phase = PHASE_SETTLE;
      child.phase_start = child.first_frame;
      child.last_tick = child.first_frame;
      g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, on_tick, NULL, NULL);
      return;
    }

  if (child.phase == PHASE_FACET && child.facet_start != 0 && child.facet_changed &&
      !cases_loading () && shows_rows ())
    {
      child.facet_ms = (g_get_monotonic_time () - child.facet_start) / 1000;
      child.facet_cpu_main_us = cpu_us (CLOCK_THREAD_CPUTIME_ID) - child.facet_cpu_main_us;
      child.facet_cpu_all_us = cpu_us (CLOCK_PROCESS_CPUTIME_ID) - child.facet_cpu_all_us;
      finish ();
    }
}

static void
on_realize (GtkWidget *window,
            gpointer   data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), NULL);
}

static void
watch_window (GtkWindow *window)
{
  if (child.window != NULL)
    return;
  child.window = window;
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        data)
{
  if (CASEBOOK_IS_WINDOW (window))
    watch_window (window);
}

static void
on_empty_activate (GApplication *app,
                   gpointer      data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  /* The size Casebook's window opens at (window-width, window-height). */
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  watch_window (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_child (const char *kind,
           const char *db,
           const char *query,
           guint       settle_ms,
           guint       limit_ms)
{
  g_autoptr(GApplication) app = NULL;

  child.empty = g_str_equal (kind, "empty");
  child.query = query;
  child.settle_ms = settle_ms;
  child.limit_ms = limit_ms;
  child.facet_ms = -1;
  child.first_frame = -1;
  child.rss_kib = child.hwm_kib = child.settled_rss_kib = -1;
  child.phase_start = g_get_monotonic_time ();
  g_thread_unref (g_thread_new ("watchdog", watchdog, NULL));

  setlocale (LC_ALL, "");
  signal (SIGPIPE, SIG_IGN);

  if (child.empty)
    {
      app = G_APPLICATION (adw_application_new ("io.github.casebook.BenchEmpty", G_APPLICATION_DEFAULT_FLAGS));
      g_signal_connect (app, "activate", G_CALLBACK (on_empty_activate), NULL);
      return g_application_run (app, 0, NULL);
    }
  else
    {
      char *argv[] = { (char *) "casebook", (char *) "--db", (char *) db, NULL };

      app = G_APPLICATION (casebook_application_new ());
      g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
      return g_application_run (app, 3, argv);
    }
}

/* JSON parsing alone, in a process of its own, for the import's floor. */
static int
run_parse_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *data = NULL;
  gsize length = 0;
  gint64 start;

  if (!g_file_get_contents (path, &data, &length, &error))
    {
      fprintf (stderr, "casebook-bench-window: %s\n", error->message);
      return 1;
    }
  start = g_get_monotonic_time ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &error))
    {
      fprintf (stderr, "casebook-bench-window: %s\n", error->message);
      return 1;
    }
  printf ("parse_us=%" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);
  return 0;
}

/* The parent ----------------------------------------------------------- */

typedef struct
{
  gint64  wall_us;      /* spawn to exit */
  gint64  maxrss_kib;   /* ru_maxrss of the child */
  int     status;
  char   *out;          /* what it printed */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
}

/* Spawns @argv, collects its standard output, and waits for it with
 * wait4() for its peak RSS. @t0 is set to the moment just before the
 * spawn, the start of the process as the person sees it. */
static gboolean
spawn_and_wait (char   **argv,
                gboolean keep_output,
                gint64   deadline_s,
                gint64  *t0,
                Run     *run)
{
  posix_spawn_file_actions_t actions;
  struct rusage usage;
  GString *out = g_string_new (NULL);
  int pipe_fds[2];
  pid_t pid;
  int err;

  memset (run, 0, sizeof *run);
  if (pipe (pipe_fds) != 0)
    return FALSE;
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_adddup2 (&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose (&actions, pipe_fds[0]);
  posix_spawn_file_actions_addclose (&actions, pipe_fds[1]);

  *t0 = g_get_monotonic_time ();
  err = posix_spawn (&pid, argv[0], &actions, NULL, argv, environ);
  posix_spawn_file_actions_destroy (&actions);
  close (pipe_fds[1]);
  if (err != 0)
    {
      close (pipe_fds[0]);
      fprintf (stderr, "casebook-bench-window: could not run %s: %s\n", argv[0], g_strerror (err));
      g_string_free (out, TRUE);
      return FALSE;
    }

  for (;;)
    {
      char buffer[4096];
      struct pollfd fd = { pipe_fds[0], POLLIN, 0 };
      ssize_t n;

      /* A child that neither finishes nor gives up by itself (its
       * watchdog did not run) is ended, so one bad start cannot hold up
       * the whole benchmark. */
      if (deadline_s > 0)
        {
          gint64 left_ms = (*t0 + deadline_s * G_USEC_PER_SEC - g_get_monotonic_time ()) / 1000;

          if (left_ms <= 0 || poll (&fd, 1, (int) left_ms) == 0)
            {
              fprintf (stderr, "casebook-bench-window: %s did not finish within %" G_GINT64_FORMAT " s; ending it\n",
                       argv[0], deadline_s);
              kill (pid, SIGKILL);
              break;
            }
        }
      n = read (pipe_fds[0], buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      if (keep_output)
        g_string_append_len (out, buffer, n);
    }
  close (pipe_fds[0]);

  while (wait4 (pid, &run->status, 0, &usage) < 0)
    if (errno != EINTR)
      break;
  run->wall_us = g_get_monotonic_time () - *t0;
  run->maxrss_kib = usage.ru_maxrss;
  run->out = g_string_free (out, FALSE);
  return TRUE;
}

static gint64
out_value (const char *out,
           const char *key)
{
  g_autofree char *needle = g_strdup_printf ("%s=", key);
  const char *at = out;

  while ((at = strstr (at, needle)) != NULL)
    {
      if (at == out || at[-1] == '\n')
        return g_ascii_strtoll (at + strlen (needle), NULL, 10);
      at++;
    }
  return -1;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Median of the samples that were reached (not negative); NAN if none. */
static double
median (GArray *samples)
{
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < samples->len; i++)
    if (g_array_index (samples, double, i) >= 0)
      g_array_append_val (sorted, g_array_index (samples, double, i));
  if (sorted->len == 0)
    return NAN;
  g_array_sort (sorted, compare_doubles);
  if (sorted->len % 2 == 1)
    return g_array_index (sorted, double, sorted->len / 2);
  return (g_array_index (sorted, double, sorted->len / 2 - 1) + g_array_index (sorted, double, sorted->len / 2)) / 2;
}

static double
max_of (GArray *samples)
{
  double m = -1;

  for (guint i = 0; i < samples->len; i++)
    m = MAX (m, g_array_index (samples, double, i));
  return m;
}

typedef struct
{
  const char *label;
  const char *db;        /* NULL: the empty window */
  GArray     *first_ms;
  GArray     *rss_mb;
  GArray     *hwm_mb;
  GArray     *settled_mb;
  GArray     *stall_settle_ms;
  GArray     *stall_typing_ms;
  GArray     *stall_facet_ms;
  GArray     *facet_ms;
  GArray     *show_ms;
  GArray     *search_ms;
  guint       n_items;
  guint       n_stalled;
} Subject;

static void
subject_init (Subject    *s,
              const char *label,
              const char *db)
{
  memset (s, 0, sizeof *s);
  s->label = label;
  s->db = db;
  s->first_ms = g_array_new (FALSE, FALSE, sizeof (double));
  s->rss_mb = g_array_new (FALSE, FALSE, sizeof (double));
  s->hwm_mb = g_array_new (FALSE, FALSE, sizeof (double));
  s->settled_mb = g_array_new (FALSE, FALSE, sizeof (double));
  s->stall_settle_ms = g_array_new (FALSE, FALSE, sizeof (double));
  s->stall_typing_ms = g_array_new (FALSE, FALSE, sizeof (double));
  s->stall_facet_ms = g_array_new (FALSE, FALSE, sizeof (double));
  s->facet_ms = g_array_new (FALSE, FALSE, sizeof (double));
  s->show_ms = g_array_new (FALSE, FALSE, sizeof (double));
  s->search_ms = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
push (GArray *a,
      double  v)
{
  g_array_append_val (a, v);
}

static void
run_window (const char *self_path,
            Subject    *s,
            const char *query,
            guint       settle_s,
            guint       limit_s)
{
  g_autofree char *settle = g_strdup_printf ("--settle=%u", settle_s);
  g_autofree char *limit = g_strdup_printf ("--limit=%u", limit_s);
  g_autofree char *query_arg = g_strdup_printf ("--query=%s", query);
  g_autofree char *db_arg = g_strdup_printf ("--store=%s", s->db != NULL ? s->db : "");
  char *argv[] = { (char *) self_path, (char *) (s->db != NULL ? "--child=window" : "--child=empty"),
                   db_arg, query_arg, settle, limit, NULL };
  Run run;
  gint64 t0, first;

  if (!spawn_and_wait (argv, TRUE, 2 * limit_s + settle_s + 60, &t0, &run))
    return;

  first = out_value (run.out, "first_frame");
  push (s->first_ms, first > 0 ? (first - t0) / 1000.0 : -1);
  push (s->rss_mb, out_value (run.out, "rss_kib") / 1024.0);
  push (s->hwm_mb, out_value (run.out, "hwm_kib") / 1024.0);
  push (s->settled_mb, out_value (run.out, "settled_rss_kib") / 1024.0);
  push (s->stall_settle_ms, out_value (run.out, "stall_settle_us") / 1000.0);
  push (s->stall_typing_ms, out_value (run.out, "stall_typing_us") / 1000.0);
  push (s->stall_facet_ms, out_value (run.out, "stall_facet_us") / 1000.0);
  push (s->facet_ms, (double) out_value (run.out, "facet_ms"));
  s->n_items = MAX (s->n_items, (guint) MAX (out_value (run.out, "n_items"), 0));
  if (out_value (run.out, "stalled") == 1)
    s->n_stalled++;

  fprintf (stderr, "  %-14s first frame %8.1f ms, RSS %6.1f MB, stalls %.0f / %.0f / %.0f ms, facet %.0f ms"
           " (CPU %.0f ms main thread, %.0f ms all)%s\n",
           s->label, first > 0 ? (first - t0) / 1000.0 : -1.0,
           out_value (run.out, "rss_kib") / 1024.0,
           out_value (run.out, "stall_settle_us") / 1000.0,
           out_value (run.out, "stall_typing_us") / 1000.0,
           out_value (run.out, "stall_facet_us") / 1000.0,
           (double) out_value (run.out, "facet_ms"),
           out_value (run.out, "facet_cpu_main_us") / 1000.0,
           out_value (run.out, "facet_cpu_all_us") / 1000.0,
           out_value (run.out, "stalled") == 1 ? " (gave up: the main loop stopped answering)" : "");
  run_clear (&run);
}

static double
run_cli (const char *casebook,
         const char *db,
         const char *option,
         const char *value)
{
  g_autofree char *db_arg = g_strdup_printf ("--db=%s", db);
  g_autofree char *opt_arg = g_strdup_printf ("--%s=%s", option, value);
  char *argv[] = { (char *) casebook, db_arg, opt_arg, NULL };
  Run run;
  gint64 t0;
  double ms;

  if (!spawn_and_wait (argv, FALSE, 0, &t0, &run))
    return -1;
  ms = WIFEXITED (run.status) && WEXITSTATUS (run.status) == 0 ? run.wall_us / 1000.0 : -1;
  run_clear (&run);
  return ms;
}

static guint64
file_bytes (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

static guint64
store_bytes (const char *db)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  return file_bytes (db) + file_bytes (wal) + file_bytes (shm);
}

static void
remove_store (const char *db)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  g_remove (db);
  g_remove (wal);
  g_remove (shm);
}

static const char *
verdict (double value,
         double target,
         gboolean at_most)
{
  if (isnan (value))
    return "not measured";
  return (at_most ? value <= target : value < target) ? "ok" : "MISSED";
}

/* Pads by characters: "×" and "≤" take more than one byte. */
static void
cell (const char *text,
      int         width)
{
  printf (" %s%*s |", text, MAX (0, width - (int) g_utf8_strlen (text, -1)), "");
}

static void
row (const char *figure,
     const char *now,
     const char *target,
     const char *result)
{
  printf ("|");
  cell (figure, 58);
  cell (now, 42);
  cell (target, 18);
  cell (result, 12);
  printf ("\n");
}

/* Sets what a child needs to run from the build directory as the tests
 * do, unless the caller chose otherwise: the settings in memory (nothing
 * written to the person's settings, the window at its default size), the
 * schemas of this build, the cairo renderer, no accessibility bus. */
static void
set_child_environment (void)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", SCHEMAS_BUILD_DIR, FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *child_kind = NULL;
  g_autofree char *parse_file = NULL;
  g_autofree char *store = NULL;
  g_autofree char *json = NULL;
  g_autofree char *casebook = NULL;
  g_autofree char *query = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *bundled_db = NULL;
  g_autofree char *imported_db = NULL;
  g_autofree char *self_path = NULL;
  gint runs = DEFAULT_RUNS, settle = DEFAULT_SETTLE_S, limit = DEFAULT_LIMIT_S;
  gboolean keep_store = FALSE;
  Subject empty, bundled, large;
  Subject *subjects[3];
  guint n_subjects = 0;
  double import_ms = NAN, import_peak_mb = NAN, parse_ms = NAN, parse_peak_mb = NAN;
  guint64 json_size = 0, imported_size = 0;
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store, "The large store to start on", "PATH" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json,
      "Import FILE once (timed, with its peak memory) and start on the store it makes, unless --store is given",
      "FILE" },
    { "keep-store", 0, 0, G_OPTION_ARG_NONE, &keep_store, "Keep the store that --json makes (its path is printed)", NULL },
    { "casebook", 0, 0, G_OPTION_ARG_FILENAME, &casebook, "The casebook program (default: this build's)", "PATH" },
    { "runs", 'k', 0, G_OPTION_ARG_INT, &runs, "Starts of each kind (default 5)", "K" },
    { "settle", 0, 0, G_OPTION_ARG_INT, &settle, "Seconds to watch the window settle after its first frame (default 5)", "S" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
      "Give up on a start whose first frame or main loop takes longer than S seconds (default 60)", "S" },
    { "query", 0, 0, G_OPTION_ARG_STRING, &query, "The search typed after the window settles (default: monolithic)", "TEXT" },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child_kind, NULL, NULL },
    { "parse", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &parse_file, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new ("— measure Casebook's start against an empty window");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "casebook-bench-window: %s\n", error->message);
      return 2;
    }
  if (query == NULL)
    query = g_strdup (DEFAULT_QUERY);
  if (runs < 1 || settle < 0 || limit < 1)
    {
      fprintf (stderr, "casebook-bench-window: --runs and --limit need positive numbers, --settle 0 or more\n");
      return 2;
    }

  if (parse_file != NULL)
    return run_parse_child (parse_file);
  if (child_kind != NULL)
    return run_child (child_kind, store, query, (guint) settle * 1000, (guint) limit * 1000);

  set_child_environment ();
  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_canonicalize_filename (argv[0], NULL);
  if (casebook == NULL)
    casebook = g_strdup (CASEBOOK_BIN);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      fprintf (stderr, "casebook-bench-window: there is no display; run it under xvfb-run (docs/benchmarks.md)\n");
      return 2;
    }

  dir = g_dir_make_tmp ("casebook-bench-window-XXXXXX", &error);
  if (dir == NULL)
    {
      fprintf (stderr, "casebook-bench-window: %s\n", error->message);
      return 1;
    }

  /* The bundled store: what a first start makes. */
  bundled_db = g_build_filename (dir, "bundled.db", NULL);
  if (run_cli (casebook, bundled_db, "show", BUNDLED_CASE) < 0)
    {
      fprintf (stderr, "casebook-bench-window: %s --show %s failed on a new store\n", casebook, BUNDLED_CASE);
      return 1;
    }

  /* The import, once: it takes minutes and gigabytes at 100k cases. */
  if (json != NULL)
    {
      g_autofree char *import_arg = g_strdup_printf ("--import=%s", json);
      g_autofree char *db_arg = NULL;
      g_autofree char *parse_arg = g_strdup_printf ("--parse=%s", json);
      char *parse_argv[] = { self_path, parse_arg, NULL };
      Run run;
      gint64 t0;

      imported_db = g_build_filename (dir, "imported.db", NULL);
      db_arg = g_strdup_printf ("--db=%s", imported_db);
      json_size = file_bytes (json);

      fprintf (stderr, "parsing %s with json-glib alone\n", json);
      if (spawn_and_wait (parse_argv, TRUE, 0, &t0, &run) && out_value (run.out, "parse_us") > 0)
        {
          parse_ms = out_value (run.out, "parse_us") / 1000.0;
          parse_peak_mb = run.maxrss_kib / 1024.0;
        }
      run_clear (&run);

      fprintf (stderr, "importing %s with casebook --import\n", json);
      {
        char *import_argv[] = { casebook, db_arg, import_arg, NULL };

        if (spawn_and_wait (import_argv, FALSE, 0, &t0, &run) &&
            WIFEXITED (run.status) && WEXITSTATUS (run.status) == 0)
          {
            import_ms = run.wall_us / 1000.0;
            import_peak_mb = run.maxrss_kib / 1024.0;
            imported_size = store_bytes (imported_db);
          }
        else
          fprintf (stderr, "casebook-bench-window: the import failed\n");
        run_clear (&run);
      }
      if (store == NULL && !isnan (import_ms))
        store = g_strdup (imported_db);
    }

  subject_init (&empty, "empty window", NULL);
  subject_init (&bundled, "bundled store", bundled_db);
  subjects[n_subjects++] = &empty;
  subjects[n_subjects++] = &bundled;
  if (store != NULL)
    {
      subject_init (&large, "large store", store);
      subjects[n_subjects++] = &large;
    }

  /* A first start on each store outside the count: it warms the page
   * cache with the store, as every later start of a person's day finds it. */
  fprintf (stderr, "warming up\n");
  for (guint i = 1; i < n_subjects; i++)
    run_cli (casebook, subjects[i]->db, "show", i == 1 ? BUNDLED_CASE : "bench-000001");

  for (gint k = 0; k < runs; k++)
    {
      fprintf (stderr, "run %d of %d\n", k + 1, runs);
      for (guint i = 0; i < n_subjects; i++)
        run_window (self_path, subjects[i], query, (guint) settle, (guint) limit);
      for (guint i = 1; i < n_subjects; i++)
        {
          const char *id = i == 1 ? BUNDLED_CASE : "bench-000001";

          push (subjects[i]->show_ms, run_cli (casebook, subjects[i]->db, "show", id));
          push (subjects[i]->search_ms, run_cli (casebook, subjects[i]->db, "search", query));
        }
    }

  /* The figures ------------------------------------------------------------ */
  {
    double empty_first = median (empty.first_ms);
    double empty_rss = median (empty.rss_mb);
    char now[128], target[64];

    printf ("\nMedians of %d interleaved runs (renderer %s). Ratios are to the floor named.\n\n",
            runs, g_getenv ("GSK_RENDERER"));
    printf ("| %-14s | %10s | %8s | %8s | %8s | %8s | %11s | %11s | %10s | %10s | %9s | %9s |\n",
            "start", "first (ms)", "x empty", "RSS (MB)", "HWM (MB)", "RSS 2 MB", "settle (ms)", "typing (ms)",
            "facet (ms)", "stall f.", "--show", "--search");
    printf ("|----------------|------------|----------|----------|----------|----------|-------------|-------------|------------|------------|-----------|-----------|\n");
    for (guint i = 0; i < n_subjects; i++)
      {
        Subject *s = subjects[i];

        printf ("| %-14s | %10.1f | %8.2f | %8.1f | %8.1f | %8.1f | %11.1f | %11.1f | %10.1f | %10.1f | %9.1f | %9.1f |\n",
                s->label, median (s->first_ms), median (s->first_ms) / empty_first,
                median (s->rss_mb), median (s->hwm_mb), median (s->settled_mb), max_of (s->stall_settle_ms),
                max_of (s->stall_typing_ms), median (s->facet_ms), max_of (s->stall_facet_ms),
                median (s->show_ms), median (s->search_ms));
      }
    for (guint i = 0; i < n_subjects; i++)
      if (subjects[i]->n_stalled > 0)
        printf ("\n%s: %u of %d starts stopped answering a 5 ms timer for the limit of %d s and were given up\n",
                subjects[i]->label, subjects[i]->n_stalled, runs, limit);
    if (store != NULL)
      printf ("\nThe large store (%s) lists %u cases.\n", store, large.n_items);
    printf ("RSS is VmRSS at the first frame, HWM is VmHWM then, \"RSS 2\" is VmRSS when the settling ends.\n"
            "Stalls are the longest over all runs; the 5 ms of the timer itself are included.\n\n");

    row ("figure", "now", "target", "");
    printf ("|%s|%s|%s|%s|\n", "------------------------------------------------------------",
            "--------------------------------------------", "--------------------", "--------------");

    g_snprintf (now, sizeof now, "%.0f ms, %.2f× the empty window (%.0f ms)",
                median (bundled.first_ms), median (bundled.first_ms) / empty_first, empty_first);
    g_snprintf (target, sizeof target, "≤ %.2f×", TARGET_FIRST_BUNDLED);
    row ("first frame showing case rows, bundled store", now, target,
         verdict (median (bundled.first_ms) / empty_first, TARGET_FIRST_BUNDLED, TRUE));

    if (store != NULL)
      {
        double show_ratio = median (large.show_ms) / median (bundled.show_ms);
        double search_extra = median (large.search_ms) - median (large.show_ms);
        double stall = MAX (max_of (large.stall_settle_ms), max_of (large.stall_typing_ms));

        g_snprintf (now, sizeof now, "%.0f ms, %.2f×", median (large.first_ms), median (large.first_ms) / empty_first);
        g_snprintf (target, sizeof target, "≤ %.1f×", TARGET_FIRST_LARGE);
        row ("the same with the large store", now, target,
             verdict (median (large.first_ms) / empty_first, TARGET_FIRST_LARGE, TRUE));

        g_snprintf (now, sizeof now, "%+.1f MB over the empty window", median (large.rss_mb) - empty_rss);
        g_snprintf (target, sizeof target, "≤ +%.0f MB", TARGET_RSS_MB);
        row ("resident memory at the first frame, large store", now, target,
             verdict (median (large.rss_mb) - empty_rss, TARGET_RSS_MB, TRUE));

        g_snprintf (now, sizeof now, "%+.1f MB over the empty window",
                    median (large.settled_mb) - median (empty.settled_mb));
        row ("resident memory after settling, large store", now, target,
             verdict (median (large.settled_mb) - median (empty.settled_mb), TARGET_RSS_MB, TRUE));

        g_snprintf (now, sizeof now, "%.2f× (%.0f ms vs %.0f ms)", show_ratio,
                    median (large.show_ms), median (bundled.show_ms));
        g_snprintf (target, sizeof target, "≤ %.0f×", TARGET_SHOW_RATIO);
        row ("whole-process --show, large vs bundled store", now, target,
             verdict (show_ratio, TARGET_SHOW_RATIO, TRUE));

        g_snprintf (now, sizeof now, "%.1f ms (%.0f − %.0f ms)", search_extra,
                    median (large.search_ms), median (large.show_ms));
        g_snprintf (target, sizeof target, "≤ %.0f ms", TARGET_SEARCH_MS);
        /* Two whole processes of seconds each: on a loaded machine their
         * difference can come out below zero, and then says nothing. */
        row ("--search of a rare word over --show, large store", now, target,
             search_extra < 0 ? "unresolved" : verdict (search_extra, TARGET_SEARCH_MS, TRUE));

        g_snprintf (now, sizeof now, "%s%.0f ms (settle %.0f, typing %.0f)",
                    large.n_stalled > 0 ? "≥ " : "", stall,
                    max_of (large.stall_settle_ms), max_of (large.stall_typing_ms));
        g_snprintf (target, sizeof target, "< %.0f ms", TARGET_STALL_MS);
        row ("longest main-loop stall after the first frame, large store", now, target,
             verdict (stall, TARGET_STALL_MS, FALSE));

        g_snprintf (now, sizeof now, "%.0f ms (stall %.0f ms)", median (large.facet_ms), max_of (large.stall_facet_ms));
        row ("facet change to its first page painted, large store", now, "(no target yet)", "");
      }

    if (json != NULL)
      {
        double peak_ratio = import_peak_mb * 1024 * 1024 / (double) json_size;
        double time_ratio = import_ms / parse_ms;
        double size_ratio = imported_size / (double) json_size;

        g_snprintf (now, sizeof now, "%.0f MB, %.2f× the file (%.0f MB)", import_peak_mb, peak_ratio,
                    json_size / 1048576.0);
        g_snprintf (target, sizeof target, "≤ %.1f× the file", TARGET_IMPORT_PEAK);
        row ("peak memory of casebook --import", now, target, verdict (peak_ratio, TARGET_IMPORT_PEAK, TRUE));

        g_snprintf (now, sizeof now, "%.2f× (%.1f s vs %.1f s)", time_ratio, import_ms / 1000, parse_ms / 1000);
        g_snprintf (target, sizeof target, "≤ %.1f×", TARGET_IMPORT_PARSE);
        row ("import (whole process) vs json-glib parsing the file", now, target,
             verdict (time_ratio, TARGET_IMPORT_PARSE, TRUE));

        g_snprintf (now, sizeof now, "%.0f MB, %.2f×", imported_size / 1048576.0, size_ratio);
        g_snprintf (target, sizeof target, "≤ %.0f×", TARGET_STORE_RATIO);
        row ("store size after the import's process exited, vs the file", now, target,
             verdict (size_ratio, TARGET_STORE_RATIO, TRUE));

        printf ("\njson-glib alone: %.1f s and a peak of %.0f MB (%.2f× the file).\n",
                parse_ms / 1000, parse_peak_mb, parse_peak_mb * 1048576.0 / (double) json_size);
      }
  }

  remove_store (bundled_db);
  if (imported_db != NULL && !keep_store)
    remove_store (imported_db);
  else if (imported_db != NULL)
    fprintf (stderr, "the imported store is kept in %s\n", imported_db);
  if (imported_db == NULL || !keep_store)
    g_rmdir (dir);

  return 0;
}
