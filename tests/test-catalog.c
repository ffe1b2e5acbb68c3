/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "casebook-catalog.h"
#include "casebook-store-read.h"
#include "casebook-test-util.h"

/* The catalog on its own ------------------------------------------------ */

static CasebookSector *
sector (const char *key,
        const char *zh,
        const char *en,
        const char *color)
{
  CasebookSector *s = casebook_sector_new ();

  s->key = g_strdup (key);
  s->name = zh != NULL || en != NULL ? casebook_text_new (zh, en) : NULL;
  s->color = g_strdup (color);
  return s;
}

static CasebookMetric *
metric (const char *key,
        const char *zh,
        const char *en)
{
  CasebookMetric *m = casebook_metric_new ();

  m->key = g_strdup (key);
  m->name = zh != NULL || en != NULL ? casebook_text_new (zh, en) : NULL;
  return m;
}

static CasebookCatalog *
sample_catalog (void)
{
  g_autoptr(GPtrArray) sectors = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_sector_free);
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_metric_free);

  g_ptr_array_add (sectors, sector ("finance", "金融", "Finance", "#1c71d8"));
  g_ptr_array_add (sectors, sector ("energy", NULL, "Energy", NULL));
  g_ptr_array_add (sectors, sector ("unnamed", NULL, NULL, "#26a269"));
  /* A repeated key: the first entry stands. */
  g_ptr_array_add (sectors, sector ("finance", "重复", "Repeated", "#000000"));

  g_ptr_array_add (metrics, metric ("cost", "成本", "Cost"));
  g_ptr_array_add (metrics, metric ("bare", NULL, NULL));

  return casebook_catalog_new (sectors, metrics, NULL);
}

static void
test_names (void)
{
  g_autoptr(CasebookCatalog) catalog = sample_catalog ();

  g_assert_cmpstr (casebook_catalog_sector_name (catalog, "finance", CASEBOOK_LANG_ZH), ==, "金融");
  g_assert_cmpstr (casebook_catalog_sector_name (catalog, "finance", CASEBOOK_LANG_EN), ==, "Finance");
  /* A name in one language only shows in the other too. */
  g_assert_cmpstr (casebook_catalog_sector_name (catalog, "energy", CASEBOOK_LANG_ZH), ==, "Energy");
  /* Neither a sector without a name nor an unknown key shows as nothing. */
  g_assert_cmpstr (casebook_catalog_sector_name (catalog, "unnamed", CASEBOOK_LANG_EN), ==, "unnamed");
  g_assert_cmpstr (casebook_catalog_sector_name (catalog, "retail", CASEBOOK_LANG_EN), ==, "retail");
  g_assert_cmpstr (casebook_catalog_sector_name (catalog, NULL, CASEBOOK_LANG_EN), ==, "");

  g_assert_cmpstr (casebook_catalog_metric_name (catalog, "cost", CASEBOOK_LANG_ZH), ==, "成本");
  g_assert_cmpstr (casebook_catalog_metric_name (catalog, "bare", CASEBOOK_LANG_ZH), ==, "bare");
  g_assert_cmpstr (casebook_catalog_metric_name (catalog, "speed", CASEBOOK_LANG_EN), ==, "speed");
}

static void
test_colors_and_positions (void)
{
  g_autoptr(CasebookCatalog) catalog = sample_catalog ();
  const char *grey = casebook_sector_get_color (NULL);

  g_assert_cmpstr (casebook_catalog_sector_color (catalog, "finance"), ==, "#1c71d8");
  g_assert_cmpstr (casebook_catalog_sector_color (catalog, "unnamed"), ==, "#26a269");
  /* No colour and no sector look the same, and never like a listed one. */
  g_assert_cmpstr (casebook_catalog_sector_color (catalog, "energy"), ==, grey);
  g_assert_cmpstr (casebook_catalog_sector_color (catalog, "retail"), ==, grey);
  g_assert_cmpstr (grey, !=, "#1c71d8");

  g_assert_cmpuint (casebook_catalog_sector_position (catalog, "finance"), ==, 0);
  g_assert_cmpuint (casebook_catalog_sector_position (catalog, "energy"), ==, 1);
  g_assert_cmpuint (casebook_catalog_sector_position (catalog, "unnamed"), ==, 2);
  g_assert_cmpuint (casebook_catalog_sector_position (catalog, "retail"), ==, G_MAXUINT);
  g_assert_cmpuint (casebook_catalog_sector_position (catalog, NULL), ==, G_MAXUINT);

  g_assert_cmpstr (casebook_catalog_get_sector (catalog, "finance")->color, ==, "#1c71d8");
}

static void
test_read_catalog_without_store (void)
{
  g_autoptr(CasebookCatalog) catalog = casebook_store_read_catalog (NULL);

  g_assert_cmpuint (casebook_catalog_get_sectors (catalog)->len, ==, 0);
  g_assert_cmpstr (casebook_catalog_sector_name (catalog, "finance", CASEBOOK_LANG_ZH), ==, "finance");
}

/* Reading on a worker thread ---------------------------------------------- */

typedef struct
{
  GThread        *caller;
  GThread        *ran_on;
  CasebookStore  *store;
  gboolean        reader_was_read_only;
  gboolean        fail;
  gboolean        cancel_inside;
  GCancellable   *cancellable;
  guint           n_cases;
  gint           *n_freed;
} Job;

/* What the callback saw; the job itself is freed with the operation. */
typedef struct
{
  gboolean  done;
  gpointer  data;
  GError   *error;
  guint     n_cases;
  GThread  *caller;
  GThread  *ran_on;
  gboolean  reader_was_read_only;
} Outcome;

static void
job_free (Job *job)
{
  g_atomic_int_inc (job->n_freed);
  g_free (job);
}

/* The operation may be freed on the worker thread, which wakes no main
 * loop; so look, let the other thread run, and look again. */
static void
wait_freed (gint  *n_freed,
            gint   n)
{
  while (g_atomic_int_get (n_freed) < n)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpint (g_atomic_int_get (n_freed), ==, n);
}

static gboolean
job_read (CasebookStore  *reader,
          gpointer        data,
          GCancellable   *cancellable,
          GError        **error)
{
  Job *job = data;
  g_autoptr(GError) local_error = NULL;

  job->ran_on = g_thread_self ();
  job->reader_was_read_only = reader != job->store && casebook_store_is_read_only (reader);
  g_assert_true (cancellable == job->cancellable);

  if (job->fail)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the job failed on purpose");
      return FALSE;
    }

  job->n_cases = casebook_store_count (reader, NULL, &local_error);
  g_assert_no_error (local_error);

  if (job->cancel_inside)
    g_cancellable_cancel (cancellable);

  return TRUE;
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *outcome = user_data;
  Job *job;

  job = casebook_store_read_finish (CASEBOOK_STORE (source), result, &outcome->error);
  outcome->data = job;
  if (job != NULL)
    {
      outcome->n_cases = job->n_cases;
      outcome->caller = job->caller;
      outcome->ran_on = job->ran_on;
      outcome->reader_was_read_only = job->reader_was_read_only;
    }
  outcome->done = TRUE;
}

static void
run_job (CasebookStore *store,
         Job           *job,
         Outcome       *outcome)
{
  casebook_store_read_async (store, job_read, job, (GDestroyNotify) job_free, job->cancellable, on_read, outcome);
  while (!outcome->done)
    g_main_context_iteration (NULL, TRUE);
}

static Job *
job_new (CasebookStore *store,
         gint          *n_freed)
{
  Job *job = g_new0 (Job, 1);

  job->caller = g_thread_self ();
  job->store = store;
  job->n_freed = n_freed;
  return job;
}

static void
test_read_delivers_result (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  Outcome outcome = { 0 };
  gint n_freed = 0;
  Job *job = job_new (store, &n_freed);

  run_job (store, job, &outcome);

  g_assert_no_error (outcome.error);
  g_assert_true (outcome.data == job);
  g_assert_true (outcome.caller == g_thread_self ());
  g_assert_true (outcome.ran_on != NULL && outcome.ran_on != outcome.caller);
  g_assert_true (outcome.reader_was_read_only);
  g_assert_cmpuint (outcome.n_cases, ==, casebook_store_get_n_cases (store));
  g_assert_cmpuint (outcome.n_cases, >, 0);

  /* Freed once, after the callback. */
  wait_freed (&n_freed, 1);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

static void
test_read_delivers_error (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  Outcome outcome = { 0 };
  gint n_freed = 0;
  Job *job = job_new (store, &n_freed);

  job->fail = TRUE;
  run_job (store, job, &outcome);

  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (outcome.error->message, ==, "the job failed on purpose");
  g_assert_null (outcome.data);
  g_clear_error (&outcome.error);
  wait_freed (&n_freed, 1);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

static void
test_read_cancelled (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(GCancellable) before = g_cancellable_new ();
  g_autoptr(GCancellable) during = g_cancellable_new ();
  Outcome outcome = { 0 };
  gint n_freed = 0;
  Job *job;

  /* Cancelled before it starts: the read does not run at all. */
  job = job_new (store, &n_freed);
  job->cancellable = before;
  g_cancellable_cancel (before);
  run_job (store, job, &outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (outcome.data);
  g_clear_error (&outcome.error);
  wait_freed (&n_freed, 1);

  /* Cancelled while it runs: what it read is dropped, even though the
   * read itself finished. */
  memset (&outcome, 0, sizeof outcome);
  job = job_new (store, &n_freed);
  job->cancellable = during;
  job->cancel_inside = TRUE;
  run_job (store, job, &outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (outcome.data);
  g_clear_error (&outcome.error);
  wait_freed (&n_freed, 2);

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/names/fall-back-to-keys", test_names);
  g_test_add_func ("/catalog/sectors/colors-and-positions", test_colors_and_positions);
  g_test_add_func ("/catalog/read/without-store-is-empty", test_read_catalog_without_store);
  g_test_add_func ("/store-read/delivers-result", test_read_delivers_result);
  g_test_add_func ("/store-read/delivers-error", test_read_delivers_error);
  g_test_add_func ("/store-read/cancelled", test_read_cancelled);

  return g_test_run ();
}
