/* SPDX-License-Identifier: GPL-3.0-or-later */

/* casebook-bench-list: what replacing the case list's rows costs the main
 * thread, in a GtkListView over a GtkMultiSelection with a row selected,
 * as in Casebook's window, on a large store (docs/benchmarks.md).
 *
 * The case list tells a refresh as two changes, all rows out and then the
 * new ones in. To compare with one change that removes and adds at once,
 * in the same run, the list view sees the case list through a model that
 * forwards its changes either as they are ("two") or joined into one
 * ("one"); the two kinds alternate. For each refresh the program reports
 * the wall and main-thread CPU time of telling the view (GtkListView and
 * GtkMultiSelection handle items-changed there) and how many rows GTK
 * asked for while the refresh was applied. Needs a display. Usage:
 * casebook-bench-list STORE [RUNS] [all].
 *
 * With "all", it compares instead the selection models, GtkMultiSelection
 * and the window's CasebookCaseSelection, alternately, each new for every
 * run: the rows read and the main thread's time of Ctrl+A, and of a
 * refresh while every row is selected, with all selected again once it
 * is done, as the window does. */

#include <gtk/gtk.h>
#include <time.h>

#include "casebook-case-list.h"
#include "casebook-case-selection.h"
#include "casebook-case-summary.h"
#include "casebook-filter.h"
#include "casebook-store.h"

#define BENCH_TYPE_RELAY (bench_relay_get_type ())
G_DECLARE_FINAL_TYPE (BenchRelay, bench_relay, BENCH, RELAY, GObject)

struct _BenchRelay
{
  GObject     parent_instance;
  GListModel *model;
  gboolean    join;     /* join a removal of all rows and the next addition */
  guint       pending;  /* rows removed and not told yet */
  guint       shown;    /* what the view believes the model holds */
  guint       n_get;
  double      wall_ms;  /* spent telling the view, since last reset */
  double      cpu_ms;
};

static GType
relay_get_item_type (GListModel *model)
{
  return CASEBOOK_TYPE_CASE_SUMMARY;
}

static guint
relay_get_n_items (GListModel *model)
{
  return BENCH_RELAY (model)->shown;
}

static gpointer
relay_get_item (GListModel *model,
                guint       position)
{
  BenchRelay *self = BENCH_RELAY (model);

  if (position >= self->shown)
    return NULL;
  self->n_get++;
  return g_list_model_get_item (self->model, position);
}

static void
relay_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = relay_get_item_type;
  iface->get_n_items = relay_get_n_items;
  iface->get_item = relay_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (BenchRelay, bench_relay, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, relay_iface_init))

static void
bench_relay_init (BenchRelay *self)
{
}

static void
bench_relay_class_init (BenchRelayClass *klass)
{
}

static double thread_cpu_ms (void);

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  BenchRelay *self)
{
  if (self->join && position == 0 && added == 0 && removed == self->shown &&
      g_list_model_get_n_items (model) == 0)
    {
      /* Wait for the addition; the view still sees the old rows. */
      self->pending = removed;
      return;
    }

  double t0 = g_get_monotonic_time () / 1000.0, c0 = thread_cpu_ms ();

  removed += self->pending;
  self->pending = 0;
  self->shown = g_list_model_get_n_items (model);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);

  self->wall_ms += g_get_monotonic_time () / 1000.0 - t0;
  self->cpu_ms += thread_cpu_ms () - c0;
}

static gboolean done;

/* With "all": the selection to select all of again after a refresh. */
static GtkSelectionModel *reselect;

static void
on_refreshed (CasebookCaseList *list,
              gint64            position,
              BenchRelay       *relay)
{
  done = TRUE;

  if (reselect != NULL)
    {
      double t0 = g_get_monotonic_time () / 1000.0, c0 = thread_cpu_ms ();

      gtk_selection_model_select_all (reselect);
      relay->wall_ms += g_get_monotonic_time () / 1000.0 - t0;
      relay->cpu_ms += thread_cpu_ms () - c0;
    }
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  CasebookCaseSummary *summary = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      summary != NULL ? casebook_case_summary_get_id (summary) : "");
}

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
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
  return values->len > 0 ? g_array_index (values, double, values->len / 2) : NAN;
}

/* Ctrl+A, then a refresh with every row selected (a sector chosen, then
 * cleared), over each kind of selection in turn. */
static void
bench_select_all (BenchRelay       *relay,
                  CasebookFilter   *filter,
                  GtkListView      *view,
                  int               runs)
{
  static const char * const kinds[] = { "GtkMultiSelection", "CasebookCaseSelection" };
  static const char * const steps[] = { "Ctrl+A", "refresh to finance, all selected", "refresh to all, all selected" };
  GArray *wall[2][3], *cpu[2][3], *gets[2][3];

  for (int k = 0; k < 2; k++)
    for (int step = 0; step < 3; step++)
      {
        wall[k][step] = g_array_new (FALSE, FALSE, sizeof (double));
        cpu[k][step] = g_array_new (FALSE, FALSE, sizeof (double));
        gets[k][step] = g_array_new (FALSE, FALSE, sizeof (double));
      }

  relay->join = FALSE;
  for (int run = 0; run < runs * 2; run++)
    {
      int k = run % 2;
      g_autoptr(GtkSelectionModel) selection = NULL;

      if (k == 0)
        selection = GTK_SELECTION_MODEL (gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (relay))));
      else
        selection = GTK_SELECTION_MODEL (casebook_case_selection_new (G_LIST_MODEL (relay)));
      gtk_list_view_set_model (view, selection);
      gtk_selection_model_select_item (selection, 0, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (view));
      settle (300);

      for (int step = 0; step < 3; step++)
        {
          g_autoptr(GtkBitset) selected = NULL;
          double w, c, n;

          relay->n_get = 0;
          relay->wall_ms = relay->cpu_ms = 0;
          if (step == 0)
            {
              double t0 = g_get_monotonic_time () / 1000.0, c0 = thread_cpu_ms ();

              gtk_widget_activate_action (GTK_WIDGET (view), "list.select-all", NULL);
              relay->wall_ms = g_get_monotonic_time () / 1000.0 - t0;
              relay->cpu_ms = thread_cpu_ms () - c0;
            }
          else
            {
              reselect = selection;
              done = FALSE;
              casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "finance", step == 1);
              while (!done)
                g_main_context_iteration (NULL, TRUE);
              reselect = NULL;
            }

          w = relay->wall_ms;
          c = relay->cpu_ms;
          n = relay->n_get;
          selected = gtk_selection_model_get_selection (selection);
          g_array_append_val (wall[k][step], w);
          g_array_append_val (cpu[k][step], c);
          g_array_append_val (gets[k][step], n);
          g_print ("%s, %s: %.1f ms wall, %.1f ms CPU, %u rows read, %u of %u rows selected\n",
                   kinds[k], steps[step], w, c, relay->n_get,
                   (guint) gtk_bitset_get_size (selected),
                   g_list_model_get_n_items (G_LIST_MODEL (selection)));
          settle (300);
        }
    }

  for (int k = 0; k < 2; k++)
    for (int step = 0; step < 3; step++)
      g_print ("%s, %s: median %.1f ms wall, %.1f ms main-thread CPU, %.0f rows read\n",
               kinds[k], steps[step], median (wall[k][step]), median (cpu[k][step]), median (gets[k][step]));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(CasebookFilter) filter = NULL;
  g_autoptr(CasebookCaseList) list = NULL;
  BenchRelay *relay;
  GtkSelectionModel *selection;
  GtkListItemFactory *factory;
  GtkWidget *window, *scrolled, *view;
  GArray *wall[2], *cpu[2], *gets[2];
  int runs = argc > 2 ? atoi (argv[2]) : 3;
  static const char * const kinds[] = { "two", "one" };

  if (argc < 2)
    {
      g_printerr ("Usage: casebook-bench-list STORE [RUNS] [all]\n");
      return 2;
    }

  gtk_init ();

  store = casebook_store_open (argv[1], CASEBOOK_STORE_FLAGS_NONE, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  filter = casebook_filter_new ();
  list = casebook_case_list_new (store, filter, CASEBOOK_LANG_EN);

  relay = g_object_new (BENCH_TYPE_RELAY, NULL);
  relay->model = G_LIST_MODEL (list);
  relay->shown = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), relay);
  g_signal_connect (list, "refreshed", G_CALLBACK (on_refreshed), relay);

  selection = GTK_SELECTION_MODEL (gtk_multi_selection_new (G_LIST_MODEL (relay)));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  view = GTK_WIDGET (gtk_list_view_new (selection, factory));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  settle (1500);

  for (int k = 0; k < 2; k++)
    {
      wall[k] = g_array_new (FALSE, FALSE, sizeof (double));
      cpu[k] = g_array_new (FALSE, FALSE, sizeof (double));
      gets[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  g_print ("%u rows\n", g_list_model_get_n_items (G_LIST_MODEL (list)));

  if (argc > 3 && g_str_equal (argv[3], "all"))
    {
      /* The view gives the first selection up, and the relay with it. */
      g_object_ref (relay);
      bench_select_all (relay, filter, GTK_LIST_VIEW (view), runs);
      gtk_window_destroy (GTK_WINDOW (window));
      return 0;
    }

  /* Each run: a sector chosen, then cleared, each way. */
  for (int run = 0; run < runs * 2; run++)
    for (int step = 0; step < 2; step++)
      {
        int k = run % 2;
        double w, c;

        relay->join = k == 1;
        gtk_selection_model_select_item (selection, 0, TRUE);
        gtk_widget_grab_focus (view);
        settle (300);

        relay->n_get = 0;
        relay->wall_ms = relay->cpu_ms = 0;
        done = FALSE;
        casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "finance", step == 0);
        while (!done)
          g_main_context_iteration (NULL, TRUE);
        w = relay->wall_ms;
        c = relay->cpu_ms;
        g_array_append_val (wall[k], w);
        g_array_append_val (cpu[k], c);
        {
          double n = relay->n_get;
          g_array_append_val (gets[k], n);
        }
        g_print ("%s change, %s: %.1f ms wall, %.1f ms CPU, %u rows read, %u rows now\n",
                 kinds[k], step == 0 ? "finance" : "all", w, c, relay->n_get,
                 g_list_model_get_n_items (G_LIST_MODEL (list)));
        settle (300);
      }

  for (int k = 0; k < 2; k++)
    g_print ("%s: median %.1f ms wall, %.1f ms main-thread CPU, %.0f rows read per refresh\n",
             k == 0 ? "two changes (as the case list emits)" : "one change (as before)",
             median (wall[k]), median (cpu[k]), median (gets[k]));

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
