/* SPDX-License-Identifier: GPL-3.0-or-later */

/* casebook-bench-drag: what starting a drag of every row (Ctrl+A) costs
 * the main thread, on a large store (docs/benchmarks.md). Needs no
 * display; only reads the store.
 *
 *   old: what on_drag_prepare() did: each selected row read from the list,
 *        their text made, the cases exported and put in the dragged order
 *        (each id looked up in the list of ids), and written as JSON;
 *        --no-sort leaves out the ordering, which alone grows with the
 *        square of the number of cases;
 *   new: casebook_case_drag_content_new_for_positions() (what it does now).
 *
 * For each, the wall time, the main thread's CPU time, the rows the list
 * was asked for and the growth of the resident set. Right after the old
 * way, the allocator is still sorting the millions of small blocks it
 * freed: every call of the new way then costs a few milliseconds more
 * (tens in all); --new-only times it in a process of its own.
 * Usage: casebook-bench-drag STORE [RUNS] [--no-sort|--new-only]. */

#include <gtk/gtk.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "casebook-case-drag-content.h"
#include "casebook-case-list-private.h"
#include "casebook-case-selection.h"
#include "casebook-case-summary.h"
#include "casebook-json.h"
#include "casebook-store.h"

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

static guint
index_of (const char * const *ids,
          const char         *id)
{
  guint i;

  for (i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], id))
      break;
  return i;
}

static int
compare_drag_order (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const char * const *ids = user_data;
  guint ia = index_of (ids, casebook_case_get_id (*(CasebookCase * const *) a));
  guint ib = index_of (ids, casebook_case_get_id (*(CasebookCase * const *) b));

  return ia < ib ? -1 : ia > ib;
}

/* The drag's content as on_drag_prepare() made it before. */
static void
run_old (CasebookStore         *store,
         GtkSelectionModel     *selection,
         gboolean               sort)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  GtkBitsetIter iter;
  guint position;
  gsize length = 0;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (selection), position));
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (ids, (gpointer) casebook_case_summary_get_id (g_ptr_array_index (rows, i)));
  g_ptr_array_add (ids, NULL);
  text = casebook_case_drag_content_format_rows (rows, CASEBOOK_LANG_EN);

  doc = casebook_store_export_cases (store, (const char * const *) ids->pdata, &error);
  g_assert_no_error (error);
  if (sort)
    g_ptr_array_sort_with_data (casebook_document_get_cases (doc), compare_drag_order, ids->pdata);
  json = casebook_json_write_document (doc, &length);
  g_printerr ("(old: %u rows, %zu bytes of text, %zu bytes of JSON)\n", rows->len, strlen (text), length);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CasebookStore) store = NULL;
  g_autoptr(CasebookFilter) filter = NULL;
  g_autoptr(CasebookCaseList) list = NULL;
  g_autoptr(CasebookCaseSelection) selection = NULL;
  g_autoptr(GError) error = NULL;
  int runs = argc > 2 ? atoi (argv[2]) : 3;
  gboolean sort = !(argc > 3 && g_str_equal (argv[3], "--no-sort"));
  gboolean new_only = argc > 3 && g_str_equal (argv[3], "--new-only");

  if (argc < 2)
    {
      g_printerr ("Usage: casebook-bench-drag STORE [RUNS] [--no-sort|--new-only]\n");
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
  while (casebook_case_list_is_loading (list) || casebook_case_list_is_counting (list))
    g_main_context_iteration (NULL, TRUE);
  selection = casebook_case_selection_new (G_LIST_MODEL (list));
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (selection));
  g_print ("%u rows, all selected\n", g_list_model_get_n_items (G_LIST_MODEL (list)));

  for (int run = 0; run < runs; run++)
    for (guint way = 0; way < 2; way++)
      {
        /* The old way first in even runs, second in odd ones. */
        gboolean old = (way + run) % 2 == 0;

        if (old && new_only)
          continue;
        guint read = _casebook_case_list_get_n_rows_read (list);
        double rss = rss_mb ();
        double cpu = thread_cpu_ms ();
        double wall = g_get_monotonic_time () / 1e3;

        if (old)
          run_old (store, GTK_SELECTION_MODEL (selection), sort);
        else
          {
            g_autoptr(GArray) r = casebook_case_selection_get_runs (selection);
            g_autoptr(GdkContentProvider) content = NULL;

            content = casebook_case_drag_content_new_for_positions (store, list, (const guint *) r->data, r->len / 2,
                                                                    CASEBOOK_LANG_EN);
            g_assert_nonnull (content);
          }

        g_print ("%s%s: %.1f ms wall, %.1f ms main-thread CPU, %u rows read, RSS %+.0f MB (peak of the step not shown)\n",
                 old ? "old" : "new", old && !sort ? " (no ordering)" : "",
                 g_get_monotonic_time () / 1e3 - wall, thread_cpu_ms () - cpu,
                 _casebook_case_list_get_n_rows_read (list) - read, rss_mb () - rss);
      }

  return 0;
}
