/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "casebook-collate.h"
#include "casebook-store-private.h"
#include "casebook-test-util.h"

/* Seven cities whose Chinese names sort differently by pinyin, by code
 * point and by their English names:
 *
 *   by pinyin:      安徽 Anhui, 北京 Beijing, 成都 Chengdu, 广州 Guangzhou,
 *                   上海 Shanghai, 深圳 Shenzhen, 天津 Tianjin
 *   by code point:  上 U+4E0A, 北 U+5317, 天 U+5929, 安 U+5B89,
 *                   广 U+5E7F, 成 U+6210, 深 U+6DF1
 *   by English:     anhui, Canton, chengdu, Peking, Shanghai, shenzhen,
 *                   Tientsin (mixed case, so that a case-sensitive order
 *                   would put "Canton" before "anhui")
 *
 * None of their first characters has a second reading: a collation gives
 * each character one place, so 长 (cháng, zhǎng) and 重 (chóng, zhòng)
 * sort under the reading CLDR chose for them (zhǎng, zhòng), and 长沙 and
 * 重庆 come after 上海. */
static const char * const cities[][3] = {
  /* id, zh, en */
  { "city-bj", "北京", "Peking" },
  { "city-ah", "安徽", "anhui" },
  { "city-tj", "天津", "Tientsin" },
  { "city-gz", "广州", "Canton" },
  { "city-cd", "成都", "chengdu" },
  { "city-sz", "深圳", "shenzhen" },
  { "city-sh", "上海", "Shanghai" },
};

static const char * const pinyin_order[] = {
  "city-ah", "city-bj", "city-cd", "city-gz", "city-sh", "city-sz", "city-tj",
};
static const char * const code_point_order[] = {
  "city-sh", "city-bj", "city-tj", "city-ah", "city-gz", "city-cd", "city-sz",
};
static const char * const english_order[] = {
  "city-ah", "city-gz", "city-cd", "city-bj", "city-sh", "city-sz", "city-tj",
};

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static int
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
import_cities (CasebookStore *store)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [");
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
    g_string_append_printf (json,
                            "%s{\"id\": \"%s\", \"kind\": \"success\", \"sector\": \"finance\","
                            " \"title\": {\"zh\": \"%s\", \"en\": \"%s\"},"
                            " \"organization\": {\"en\": \"O\"}, \"source\": {\"url\": \"https://x\"}}",
                            i > 0 ? ", " : "", cities[i][0], cities[i][1], cities[i][2]);
  g_string_append (json, "]}");

  doc = casebook_test_parse (json->str, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
}

/* Every case in the order, @page_size rows at a time, by id. */
static GPtrArray *
list_ids (CasebookStore *store,
          CasebookLang   lang,
          guint          page_size)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_auto(CasebookCursor) cursor = { NULL, NULL, 0 };
  gboolean first = TRUE;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_auto(CasebookCursor) last = { NULL, NULL, 0 };
      g_autoptr(GPtrArray) rows = casebook_store_list (store, NULL, CASEBOOK_SORT_TITLE, lang,
                                                       first ? NULL : &cursor, page_size, &last, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (ids, g_strdup (casebook_case_summary_get_id (g_ptr_array_index (rows, i))));
      if (rows->len < page_size)
        break;
      casebook_cursor_copy (&cursor, &last);
      first = FALSE;
    }

  return ids;
}

/* The cities among @ids, in the order they come. */
static void
assert_cities_in_order (GPtrArray          *ids,
                        const char * const *expected)
{
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      if (!g_str_has_prefix (id, "city-"))
        continue;
      g_assert_cmpuint (n, <, G_N_ELEMENTS (cities));
      g_assert_cmpstr (id, ==, expected[n]);
      n++;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (cities));
}

static void
assert_same_ids (GPtrArray *a,
                 GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

static void
test_keys (void)
{
  static const char * const zh_pinyin[] = { "安徽", "北京", "成都", "广州", "上海", "深圳", "天津" };
  g_autofree char *bei = casebook_collate_key ("北", CASEBOOK_LANG_ZH);
  g_autofree char *beijing = casebook_collate_key ("北京", CASEBOOK_LANG_ZH);
  g_autofree char *upper = casebook_collate_key ("ERP 系统", CASEBOOK_LANG_ZH);
  g_autofree char *lower = casebook_collate_key ("erp 系统", CASEBOOK_LANG_ZH);
  g_autofree char *empty = casebook_collate_key ("", CASEBOOK_LANG_ZH);

  for (guint i = 1; i < G_N_ELEMENTS (zh_pinyin); i++)
    {
      g_autofree char *a = casebook_collate_key (zh_pinyin[i - 1], CASEBOOK_LANG_ZH);
      g_autofree char *b = casebook_collate_key (zh_pinyin[i], CASEBOOK_LANG_ZH);

      g_assert_cmpint (strcmp (a, b), <, 0);
    }

  /* A title that begins another comes first. */
  g_assert_cmpint (strcmp (bei, beijing), <, 0);
  g_assert_cmpint (strcmp (empty, bei), <, 0);

  /* Letters in a Chinese title sort without regard to case. */
  g_assert_cmpstr (upper, ==, lower);

  /* Keys are ASCII, so SQLite stores and compares them as plain text. */
  for (const char *p = beijing; *p != '\0'; p++)
    g_assert_cmpint ((guchar) *p, <, 0x80);

  /* English: alphabetical, without regard to case. */
  {
    g_autofree char *a = casebook_collate_key ("anhui", CASEBOOK_LANG_EN);
    g_autofree char *c = casebook_collate_key ("Canton", CASEBOOK_LANG_EN);
    g_autofree char *c2 = casebook_collate_key ("CANTON", CASEBOOK_LANG_EN);
    g_autofree char *p = casebook_collate_key ("Peking", CASEBOOK_LANG_EN);

    g_assert_cmpint (strcmp (a, c), <, 0);
    g_assert_cmpint (strcmp (c, p), <, 0);
    g_assert_cmpstr (c, ==, c2);
  }
}

static void
test_store_orders (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(GPtrArray) zh_whole = NULL;
  g_autoptr(GPtrArray) en_whole = NULL;

  import_cities (store);

  zh_whole = list_ids (store, CASEBOOK_LANG_ZH, 1000);
  assert_cities_in_order (zh_whole, pinyin_order);

  /* Pages of one, two and three rows cross every boundary, with the
   * bundled cases in between, and give the same order. */
  for (guint page_size = 1; page_size <= 3; page_size++)
    {
      g_autoptr(GPtrArray) paged = list_ids (store, CASEBOOK_LANG_ZH, page_size);

      assert_same_ids (paged, zh_whole);
    }

  en_whole = list_ids (store, CASEBOOK_LANG_EN, 1000);
  assert_cities_in_order (en_whole, english_order);
  {
    g_autoptr(GPtrArray) paged = list_ids (store, CASEBOOK_LANG_EN, 2);

    assert_same_ids (paged, en_whole);
  }

  /* The position a selection follows agrees with the pages. */
  for (guint i = 0; i < zh_whole->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 position = casebook_store_position (store, NULL, CASEBOOK_SORT_TITLE, CASEBOOK_LANG_ZH,
                                                 g_ptr_array_index (zh_whole, i), &error);

      g_assert_no_error (error);
      g_assert_cmpint (position, ==, i);
    }

  casebook_test_rmdir (dir);
}

/* A store of schema version 1 kept its Chinese sort keys in code-point
 * order: the title, case-folded. This makes one from a current store,
 * without the view that version 2 added for the search index (the upgrade
 * makes the index anew). */
static void
make_version_1 (const char *path)
{
  exec_sql (path, "UPDATE cases SET sort_title_zh = coalesce(title_zh, title_en, '');"
                  "DROP VIEW case_fts_source;"
                  CASEBOOK_TEST_DROP_SCHEMA_4
                  "PRAGMA user_version = 1;");
}

/* Enough cases that the upgrade reads them in more than one batch. */
static void
import_fillers (CasebookStore *store)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [");
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 1100; i++)
    g_string_append_printf (json,
                            "%s{\"id\": \"filler-%04u\", \"kind\": \"success\", \"sector\": \"finance\","
                            " \"title\": {%s\"en\": \"Filler %u\"},"
                            " \"organization\": {\"en\": \"O\"}, \"source\": {\"url\": \"https://x\"}}",
                            i > 0 ? ", " : "", i, i % 3 == 0 ? "" : i % 3 == 1 ? "\"zh\": \"银行案例\", " : "\"zh\": \"工厂\", ",
                            i);
  g_string_append (json, "]}");

  doc = casebook_test_parse (json->str, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_import (store, doc, CASEBOOK_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);
}

/* Every case's Chinese key is the one writing it today would give: from
 * its Chinese title, or its English one when it has none. */
static void
assert_keys_current (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT title_zh, title_en, sort_title_zh FROM cases", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *zh = (const char *) sqlite3_column_text (stmt, 0);
      const char *en = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *key = casebook_collate_key (zh != NULL ? zh : en, CASEBOOK_LANG_ZH);

      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, key);
      n++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (n, >, 0);
}

/* The ids in the order of the stored Chinese keys, read without Casebook. */
static GPtrArray *
ids_by_zh_key (const char *path)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM cases ORDER BY sort_title_zh, nr", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return ids;
}

static void
test_migration (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  import_cities (store);
  import_fillers (store);
  g_clear_object (&store);
  make_version_1 (path);

  /* Before the upgrade, the old keys put the cities in code-point order. */
  before = ids_by_zh_key (path);
  assert_cities_in_order (before, code_point_order);

  store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  after = list_ids (store, CASEBOOK_LANG_ZH, 2);
  assert_cities_in_order (after, pinyin_order);
  g_clear_object (&store);

  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, CASEBOOK_STORE_SCHEMA_VERSION);

  /* Every key, past the first batch the upgrade reads, is what writing
   * the case today would give. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM cases"), >, 1000);
  assert_keys_current (path);

  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/collate/keys/pinyin-and-case-insensitive", test_keys);
  g_test_add_func ("/collate/store/pinyin-pages", test_store_orders);
  g_test_add_func ("/collate/store/migrates-version-1", test_migration);

  return g_test_run ();
}
