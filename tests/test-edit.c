/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "casebook-input.h"
#include "casebook-store-private.h"
#include "casebook-test-util.h"

/* Cases of one's own through the store: each change is one transaction,
 * and what was written is what a store opened again reads. */

static CasebookCase *
full_case (const char *id)
{
  CasebookCase *c = casebook_case_new (id);
  CasebookSource *source = casebook_source_new ();
  CasebookStackItem *item = casebook_stack_item_new ();
  CasebookPhase *phase = casebook_phase_new ();
  CasebookOutcome *outcome = casebook_outcome_new ();
  CasebookChallenge *challenge = casebook_challenge_new ();
  CasebookNote *note = casebook_note_new ();

  casebook_case_set_sector (c, "manufacturing");
  casebook_case_take_subsector (c, casebook_text_new ("汽车", "Automotive"));
  casebook_case_take_title (c, casebook_text_new ("某车企边缘计算", "Edge computing at a carmaker"));
  casebook_case_take_organization (c, casebook_text_new ("某汽车制造商", "A carmaker"));
  casebook_case_set_size (c, CASEBOOK_SIZE_LARGE);
  casebook_case_set_employees (c, 52000, CASEBOOK_QUALIFIER_MORE_THAN);
  casebook_case_set_period (c, 2023, 2025);
  casebook_case_set_approach (c, CASEBOOK_APPROACH_HYBRID);
  g_ptr_array_add (casebook_case_get_scenarios (c), casebook_text_new ("产线质检", "Quality checks on the line"));
  g_ptr_array_add (casebook_case_get_requirements (c), casebook_text_new (NULL, "Low latency"));
  g_ptr_array_add (casebook_case_get_lessons (c), casebook_text_new ("先试点", NULL));

  item->role = casebook_text_new ("边缘平台", "Edge platform");
  item->product = casebook_text_new_same ("K3s");
  item->version = g_strdup ("1.29");
  item->family = g_strdup ("edge");
  g_ptr_array_add (casebook_case_get_stack (c), item);

  phase->name = casebook_text_new ("试点", "Pilot");
  phase->start.year = 2023;
  phase->start.quarter = 2;
  phase->end.year = 2024;
  g_ptr_array_add (casebook_case_get_phases (c), phase);

  outcome->text = casebook_text_new ("缺陷率下降35%", "Defects fell by 35%");
  outcome->metric = g_strdup ("accuracy");
  outcome->has_value = TRUE;
  outcome->value = -35.5;
  outcome->unit = CASEBOOK_UNIT_PERCENT_CHANGE;
  outcome->better = CASEBOOK_BETTER_LOWER;
  outcome->has_baseline = TRUE;
  outcome->baseline = 2.25;
  g_ptr_array_add (casebook_case_get_outcomes (c), outcome);

  challenge->title = casebook_text_new ("网络", "Network");
  challenge->solution = casebook_text_new (NULL, "Local breakout");
  g_ptr_array_add (casebook_case_get_challenges (c), challenge);

  note->field = g_strdup ("employees");
  note->text = casebook_text_new (NULL, "Headcount from the annual report");
  g_ptr_array_add (casebook_case_get_notes (c), note);

  source->title = casebook_text_new ("内部复盘", "Internal review");
  source->url = g_strdup ("https://intranet.example/review");
  source->date = g_strdup ("2025-03-14");
  source->note = casebook_text_new (NULL, "Shared with permission");
  casebook_case_take_source (c, source);

  return c;
}

static char *
json_of (CasebookCase *c)
{
  return casebook_json_case_to_string (c);
}

/* The position of @id among the exported cases, that is, its place. */
static int
export_position (CasebookStore *store,
                 const char    *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = casebook_store_export (store, &error);
  GPtrArray *cases;

  g_assert_no_error (error);
  cases = casebook_document_get_cases (doc);
  for (guint i = 0; i < cases->len; i++)
    if (g_strcmp0 (casebook_case_get_id (g_ptr_array_index (cases, i)), id) == 0)
      return (int) i;

  return -1;
}

static void
test_create_round_trip (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookCase) c = full_case ("mine-edge");
  g_autoptr(CasebookCase) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = json_of (c);
  g_autofree char *read = NULL;
  guint64 generation = _casebook_store_get_generation (store);

  g_assert_true (casebook_store_save_case (store, c, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (casebook_case_get_origin (c), ==, CASEBOOK_ORIGIN_OWN);
  g_assert_cmpuint (_casebook_store_get_generation (store), >, generation);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 15);

  /* A store opened again reads the case as it was written. */
  g_clear_object (&store);
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  back = casebook_store_get_case (store, "mine-edge", &error);
  g_assert_no_error (error);
  g_assert_cmpint (casebook_case_get_origin (back), ==, CASEBOOK_ORIGIN_OWN);
  read = json_of (back);
  g_assert_cmpstr (read, ==, written);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 15);

  /* The derived tables follow: it is found by its product and its words. */
  {
    g_autoptr(CasebookFilter) filter = casebook_filter_new ();

    casebook_filter_set (filter, CASEBOOK_FACET_TECHNOLOGY, "K3s", TRUE);
    casebook_filter_set_query (filter, "carmaker");
    g_assert_cmpuint (casebook_store_count (store, filter, &error), ==, 1);
    g_assert_no_error (error);
  }

  casebook_test_rmdir (dir);
}

static void
test_edit_round_trip (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookCase) first = full_case ("mine-a");
  g_autoptr(CasebookCase) second = full_case ("mine-b");
  g_autoptr(CasebookCase) edited = NULL;
  g_autoptr(CasebookCase) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *read = NULL;
  CasebookOutcome *outcome;
  CasebookPhase *phase = casebook_phase_new ();
  int place;

  g_assert_true (casebook_store_save_case (store, first, NULL, &error));
  g_assert_true (casebook_store_save_case (store, second, NULL, &error));
  g_assert_no_error (error);
  place = export_position (store, "mine-a");
  g_assert_cmpint (place, ==, 14);

  /* Change texts in one language, a number and a list. */
  edited = casebook_store_get_case (store, "mine-a", &error);
  g_assert_no_error (error);
  casebook_case_take_title (edited, casebook_text_new ("某车企边缘计算（二期）", "Edge computing at a carmaker"));
  outcome = g_ptr_array_index (casebook_case_get_outcomes (edited), 0);
  outcome->value = -41;
  phase->name = casebook_text_new (NULL, "Roll-out");
  phase->start.year = 2024;
  phase->start.quarter = 3;
  phase->end.year = 2025;
  phase->end.quarter = 4;
  g_ptr_array_add (casebook_case_get_phases (edited), phase);
  written = json_of (edited);

  g_assert_true (casebook_store_save_case (store, edited, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 16);

  g_clear_object (&store);
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  back = casebook_store_get_case (store, "mine-a", &error);
  g_assert_no_error (error);
  read = json_of (back);
  g_assert_cmpstr (read, ==, written);

  /* Edited, it keeps its place, ahead of the case saved after it. */
  g_assert_cmpint (export_position (store, "mine-a"), ==, place);
  g_assert_cmpint (export_position (store, "mine-b"), ==, place + 1);
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 16);

  casebook_test_rmdir (dir);
}

static void
test_refuses_bundled (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *before = casebook_test_snapshot (store);
  g_autofree char *after = NULL;
  g_autoptr(CasebookCase) bundled = NULL;
  g_autoptr(CasebookCase) deleted = NULL;
  g_autoptr(GError) error = NULL;

  bundled = casebook_store_get_case (store, "report-2.1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (casebook_case_get_origin (bundled), ==, CASEBOOK_ORIGIN_BUNDLED);
  casebook_case_take_title (bundled, casebook_text_new (NULL, "Changed"));

  g_assert_false (casebook_store_save_case (store, bundled, NULL, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_BUNDLED);
  g_assert_nonnull (strstr (error->message, "report-2.1"));
  g_assert_nonnull (strstr (error->message, "duplicate"));
  g_clear_error (&error);

  deleted = casebook_store_delete_case (store, "report-2.1", &error);
  g_assert_null (deleted);
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_BUNDLED);
  g_clear_error (&error);

  deleted = casebook_store_delete_case (store, "no-such-case", &error);
  g_assert_null (deleted);
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND);

  after = casebook_test_snapshot (store);
  g_assert_cmpstr (before, ==, after);

  casebook_test_rmdir (dir);
}

static void
test_refuses_invalid (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autofree char *before = casebook_test_snapshot (store);
  g_autofree char *after = NULL;
  g_autoptr(CasebookCase) c = full_case ("mine-bad");
  g_autoptr(GError) error = NULL;

  casebook_case_set_period (c, 2025, 2020);
  g_assert_false (casebook_store_save_case (store, c, NULL, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "period.end"));

  after = casebook_test_snapshot (store);
  g_assert_cmpstr (before, ==, after);

  casebook_test_rmdir (dir);
}

static void
test_refuses_read_only (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookStore) reader = NULL;
  g_autoptr(CasebookCase) c = full_case ("mine-ro");
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  reader = casebook_test_open_store (dir, CASEBOOK_STORE_READ_ONLY);
  g_assert_false (casebook_store_save_case (reader, c, NULL, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_READ_ONLY);
  g_assert_false (casebook_store_has_case (reader, "mine-ro"));

  casebook_test_rmdir (dir);
}

static void
test_delete_and_undo (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookCase) a = full_case ("mine-a");
  g_autoptr(CasebookCase) b = full_case ("mine-b");
  g_autoptr(CasebookCase) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *reopened = NULL;
  g_autofree char *a_json = json_of (a);
  g_autofree char *deleted_json = NULL;

  g_assert_true (casebook_store_save_case (store, a, NULL, &error));
  g_assert_true (casebook_store_save_case (store, b, NULL, &error));
  g_assert_no_error (error);
  before = casebook_test_snapshot (store);

  deleted = casebook_store_delete_case (store, "mine-a", &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  deleted_json = json_of (deleted);
  g_assert_cmpstr (deleted_json, ==, a_json);
  g_assert_false (casebook_store_has_case (store, "mine-a"));
  g_assert_cmpuint (casebook_store_get_n_cases (store), ==, 15);
  gone = casebook_test_snapshot (store);
  g_assert_cmpstr (gone, !=, before);
  g_assert_null (strstr (gone, "\"mine-a\""));

  /* Undo puts back the very case, in its place: the whole store is as it
   * was, byte for byte, and stays so in a store opened again. */
  g_assert_true (casebook_store_restore_case (store, deleted, &error));
  g_assert_no_error (error);
  undone = casebook_test_snapshot (store);
  g_assert_cmpstr (undone, ==, before);

  g_clear_object (&store);
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  reopened = casebook_test_snapshot (store);
  g_assert_cmpstr (reopened, ==, before);

  /* A deletion too outlives the store that made it. */
  g_clear_object (&deleted);
  deleted = casebook_store_delete_case (store, "mine-b", &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_assert_false (casebook_store_has_case (store, "mine-b"));
  g_assert_true (casebook_store_has_case (store, "mine-a"));

  casebook_test_rmdir (dir);
}

static void
test_restore_refuses_taken_id (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookCase) a = full_case ("mine-a");
  g_autoptr(CasebookCase) again = full_case ("mine-a");
  g_autoptr(CasebookCase) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (casebook_store_save_case (store, a, NULL, &error));
  deleted = casebook_store_delete_case (store, "mine-a", &error);
  g_assert_no_error (error);

  casebook_case_take_title (again, casebook_text_new (NULL, "Written again"));
  g_assert_true (casebook_store_save_case (store, again, NULL, &error));
  before = casebook_test_snapshot (store);

  g_assert_false (casebook_store_restore_case (store, deleted, &error));
  g_assert_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "mine-a"));
  after = casebook_test_snapshot (store);
  g_assert_cmpstr (after, ==, before);

  casebook_test_rmdir (dir);
}

static void
test_new_sector (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookCase) c = full_case ("mine-grid");
  g_autoptr(CasebookSector) sector = casebook_sector_new ();
  g_autoptr(CasebookSector) stored = NULL;
  g_autoptr(GPtrArray) sectors = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *color = casebook_store_pick_sector_color (store);

  sector->key = g_strdup ("energy");
  sector->name = casebook_text_new ("能源", "Energy");
  casebook_case_set_sector (c, "energy");

  g_assert_true (casebook_store_save_case (store, c, sector, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  stored = _casebook_store_get_sector (store, "energy");
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->name->zh, ==, "能源");
  g_assert_cmpstr (stored->name->en, ==, "Energy");

  /* The colour the editor showed beforehand, and no other sector's. */
  g_assert_cmpstr (stored->color, ==, color);
  sectors = casebook_store_list_sectors (store, &error);
  for (guint i = 0; i < sectors->len; i++)
    {
      CasebookSector *other = g_ptr_array_index (sectors, i);

      if (g_strcmp0 (other->key, "energy") != 0)
        g_assert_cmpstr (other->color, !=, stored->color);
    }

  /* The next new sector would get yet another colour. */
  {
    g_autofree char *next = casebook_store_pick_sector_color (store);
    g_assert_cmpstr (next, !=, color);
  }

  casebook_test_rmdir (dir);
}

static void
test_list_products (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookCase) c = full_case ("mine-k3s");
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GError) error = NULL;
  const CasebookProduct *k3s = NULL, *kubernetes = NULL;

  g_assert_true (casebook_store_save_case (store, c, NULL, &error));
  products = casebook_store_list_products (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (products->len, >, 10);

  for (guint i = 0; i < products->len; i++)
    {
      const CasebookProduct *product = g_ptr_array_index (products, i);

      /* Each product once, in order whatever the case of its letters. */
      if (i > 0)
        {
          const CasebookProduct *previous = g_ptr_array_index (products, i - 1);

          g_assert_cmpint (g_ascii_strcasecmp (previous->name, product->name), <=, 0);
          g_assert_cmpstr (previous->name, !=, product->name);
        }
      g_assert_cmpuint (product->n_cases, >=, 1);

      if (g_strcmp0 (product->name, "K3s") == 0)
        k3s = product;
      if (g_strcmp0 (product->name, "Kubernetes") == 0)
        kubernetes = product;
    }

  g_assert_nonnull (k3s);
  g_assert_cmpstr (k3s->family, ==, "edge");
  g_assert_nonnull (kubernetes);
  g_assert_cmpuint (kubernetes->n_cases, >=, 3);

  casebook_test_rmdir (dir);
}

static void
test_make_id (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookCase) c = full_case ("report-2.1-2");
  g_autoptr(GError) error = NULL;
  g_autofree char *free_id = casebook_store_make_id (store, "mine-1");
  g_autofree char *taken = NULL;
  g_autofree char *long_id = NULL;
  g_autofree char *long_base = g_strnfill (64, 'a');

  g_assert_cmpstr (free_id, ==, "mine-1");

  g_assert_true (casebook_store_save_case (store, c, NULL, &error));
  taken = casebook_store_make_id (store, "report-2.1");
  g_assert_cmpstr (taken, ==, "report-2.1-3");

  /* A long id leaves room for its number and stays a key. */
  {
    g_autoptr(CasebookCase) l = full_case (long_base);
    g_assert_true (casebook_store_save_case (store, l, NULL, &error));
  }
  long_id = casebook_store_make_id (store, long_base);
  g_assert_true (casebook_key_is_valid (long_id));
  g_assert_false (casebook_store_has_case (store, long_id));

  casebook_test_rmdir (dir);
}

static void
test_export_cases (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  const char *ids[] = { "report-5.1", "no-such-case", "report-2.1", NULL };
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GPtrArray) sectors = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *cases;

  doc = casebook_store_export_cases (store, ids, &error);
  g_assert_no_error (error);

  /* The cases asked for, in the store's order, with every sector and
   * metric family but none of the report's material. */
  cases = casebook_document_get_cases (doc);
  g_assert_cmpuint (cases->len, ==, 2);
  g_assert_cmpstr (casebook_case_get_id (g_ptr_array_index (cases, 0)), ==, "report-2.1");
  g_assert_cmpstr (casebook_case_get_id (g_ptr_array_index (cases, 1)), ==, "report-5.1");
  sectors = casebook_store_list_sectors (store, &error);
  g_assert_cmpuint (casebook_document_get_sectors (doc)->len, ==, sectors->len);
  g_assert_cmpuint (casebook_document_get_metrics (doc)->len, >=, 14);
  g_assert_cmpuint (casebook_document_get_insights (doc)->len, ==, 0);
  g_assert_cmpuint (casebook_document_get_references (doc)->len, ==, 0);

  casebook_test_rmdir (dir);
}

/* Export a part of the store to a file, import the file into an empty
 * store, export that store: the two files are the same, byte for byte. */
static void
test_filtered_export_round_trip (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *dir2 = casebook_test_tmpdir ();
  g_autofree char *first_path = g_build_filename (dir, "finance.json", NULL);
  g_autofree char *second_path = g_build_filename (dir, "again.json", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookStore) empty = casebook_test_open_store (dir2, CASEBOOK_STORE_NO_BUNDLED);
  g_autoptr(CasebookCase) own = full_case ("mine-bank");
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(CasebookDocument) part = NULL;
  g_autoptr(CasebookDocument) whole = NULL;
  g_autoptr(GFile) first_file = g_file_new_for_path (first_path);
  g_autoptr(GFile) second_file = g_file_new_for_path (second_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  CasebookImportResult result = { 0 };
  gsize first_len = 0, second_len = 0;

  casebook_case_set_sector (own, "finance");
  g_assert_true (casebook_store_save_case (store, own, NULL, &error));

  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "finance", TRUE);
  rows = casebook_store_list (store, filter, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_EN, NULL, G_MAXUINT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (ids, (gpointer) casebook_case_summary_get_id (g_ptr_array_index (rows, i)));
  g_ptr_array_add (ids, NULL);

  part = casebook_store_export_cases (store, (const char * const *) ids->pdata, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_document_get_cases (part)->len, ==, 5);
  g_assert_true (casebook_json_write_file (part, first_file, &error));
  g_assert_no_error (error);

  g_assert_true (casebook_store_import_file (empty, first_file, CASEBOOK_IMPORT_SKIP, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 5);

  whole = casebook_store_export (empty, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_json_write_file (whole, second_file, &error));

  first = casebook_test_read_file (first_path, &first_len);
  second = casebook_test_read_file (second_path, &second_len);
  g_assert_cmpuint (first_len, ==, second_len);
  g_assert_cmpstr (first, ==, second);

  casebook_test_rmdir (dir);
  casebook_test_rmdir (dir2);
}

/* What a person types into the editor's number fields, read back. */
static void
test_input_numbers (void)
{
  const struct { const char *text; gboolean ok; double value; } numbers[] = {
    { "40", TRUE, 40 },
    { " -12.5 ", TRUE, -12.5 },
    { "\xe2\x88\x92" "40", TRUE, -40 },   /* the minus sign the case page shows */
    { "99.99", TRUE, 99.99 },
    { "1e3", TRUE, 1000 },
    { "1,000", FALSE, 0 },
    { "1 000", FALSE, 0 },
    { "", FALSE, 0 },
    { "-", FALSE, 0 },
    { "1e999", FALSE, 0 },
    { "nan", FALSE, 0 },
    { "４０", FALSE, 0 },
  };
  const struct { const char *text; gboolean ok; gint64 value; } wholes[] = {
    { "1200", TRUE, 1200 },
    { " 2024 ", TRUE, 2024 },
    { "0", TRUE, 0 },
    { "-1", FALSE, 0 },
    { "12,000", FALSE, 0 },
    { "1.5", FALSE, 0 },
    { "99999999999999999999", FALSE, 0 },
  };
  const double round_trips[] = { 0.1, -40, 99.99, 1.0 / 3.0, 1e-7, 123456789.125 };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      double value = -1;

      g_assert_cmpint (casebook_input_parse_number (numbers[i].text, &value), ==, numbers[i].ok);
      if (numbers[i].ok)
        g_assert_cmpfloat (value, ==, numbers[i].value);
      else
        g_assert_cmpfloat (value, ==, -1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (wholes); i++)
    {
      gint64 value = -1;

      g_assert_cmpint (casebook_input_parse_whole (wholes[i].text, &value), ==, wholes[i].ok);
      g_assert_cmpint (value, ==, wholes[i].ok ? wholes[i].value : -1);
    }

  /* A stored value shown in a field reads back as the same number. */
  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      g_autofree char *text = casebook_input_format_number (round_trips[i]);
      double value = 0;

      g_assert_true (casebook_input_parse_number (text, &value));
      g_assert_cmpfloat (value, ==, round_trips[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edit/create/round-trip", test_create_round_trip);
  g_test_add_func ("/edit/edit/round-trip-keeps-place", test_edit_round_trip);
  g_test_add_func ("/edit/refuses/bundled", test_refuses_bundled);
  g_test_add_func ("/edit/refuses/invalid", test_refuses_invalid);
  g_test_add_func ("/edit/refuses/read-only", test_refuses_read_only);
  g_test_add_func ("/edit/delete/undo-restores-exactly", test_delete_and_undo);
  g_test_add_func ("/edit/delete/undo-refuses-taken-id", test_restore_refuses_taken_id);
  g_test_add_func ("/edit/sector/new-with-own-colour", test_new_sector);
  g_test_add_func ("/edit/products/for-completion", test_list_products);
  g_test_add_func ("/edit/id/make-unique", test_make_id);
  g_test_add_func ("/edit/input/numbers-as-typed", test_input_numbers);
  g_test_add_func ("/export/cases/by-id", test_export_cases);
  g_test_add_func ("/export/cases/filtered-round-trip-identical", test_filtered_export_round_trip);

  return g_test_run ();
}
