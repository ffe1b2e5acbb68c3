/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "casebook-case-list-private.h"
#include "casebook-facet-groups.h"
#include "casebook-json.h"
#include "casebook-test-util.h"

static void
add_value (GPtrArray    *values,
           CasebookFacet facet,
           const char   *key,
           guint         count)
{
  CasebookFacetValue *value = casebook_facet_value_new ();

  value->facet = (int) facet;
  value->key = g_strdup (key);
  value->count = count;
  g_ptr_array_add (values, value);
}

static void
test_groups (void)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_facet_value_free);
  g_autoptr(CasebookFacetGroups) groups = NULL;
  g_autoptr(CasebookFacetGroups) empty = casebook_facet_groups_new (NULL);
  GPtrArray *group;

  add_value (values, CASEBOOK_FACET_SECTOR, "finance", 9);
  add_value (values, CASEBOOK_FACET_SECTOR, "internet", 4);
  add_value (values, CASEBOOK_FACET_SUBSECTOR, "finance/Banking", 5);
  add_value (values, CASEBOOK_FACET_SUBSECTOR, "internet/Games", 3);
  add_value (values, CASEBOOK_FACET_SUBSECTOR, "finance/Insurance", 2);
  add_value (values, CASEBOOK_FACET_SUBSECTOR, "finance/Securities", 1);
  add_value (values, CASEBOOK_FACET_TECHNOLOGY, "Kubernetes", 7);
  /* Out of range or without a key: left out. */
  add_value (values, CASEBOOK_N_FACETS, "nothing", 1);
  add_value (values, CASEBOOK_FACET_KIND, NULL, 1);

  groups = casebook_facet_groups_new (values);

  group = casebook_facet_groups_get (groups, CASEBOOK_FACET_SECTOR);
  g_assert_cmpuint (group->len, ==, 2);
  g_assert_cmpstr (((CasebookFacetValue *) g_ptr_array_index (group, 1))->key, ==, "internet");
  g_assert_cmpuint (casebook_facet_groups_get (groups, CASEBOOK_FACET_SUBSECTOR)->len, ==, 4);
  g_assert_cmpuint (casebook_facet_groups_get (groups, CASEBOOK_FACET_KIND)->len, ==, 0);

  /* A sector's subsectors, in the order the counts gave them. */
  group = casebook_facet_groups_get_subsectors (groups, "finance");
  g_assert_cmpuint (group->len, ==, 3);
  g_assert_cmpstr (((CasebookFacetValue *) g_ptr_array_index (group, 0))->key, ==, "finance/Banking");
  g_assert_cmpstr (((CasebookFacetValue *) g_ptr_array_index (group, 2))->key, ==, "finance/Securities");
  g_assert_cmpuint (casebook_facet_groups_get_subsectors (groups, "internet")->len, ==, 1);
  g_assert_null (casebook_facet_groups_get_subsectors (groups, "government"));

  g_assert_cmpuint (casebook_facet_groups_lookup (groups, CASEBOOK_FACET_TECHNOLOGY, "Kubernetes")->count, ==, 7);
  g_assert_null (casebook_facet_groups_lookup (groups, CASEBOOK_FACET_TECHNOLOGY, "Punch cards"));
  g_assert_null (casebook_facet_groups_lookup (groups, CASEBOOK_FACET_TECHNOLOGY, NULL));

  /* The groups keep the values alive. */
  g_clear_pointer (&values, g_ptr_array_unref);
  g_assert_cmpstr (casebook_facet_groups_lookup (groups, CASEBOOK_FACET_SECTOR, "finance")->key, ==, "finance");

  g_assert_cmpuint (casebook_facet_groups_get (empty, CASEBOOK_FACET_SECTOR)->len, ==, 0);
}

static const CasebookFacetValue *
find_value (GPtrArray  *values,
            const char *key)
{
  for (guint i = 0; i < values->len; i++)
    {
      const CasebookFacetValue *value = g_ptr_array_index (values, i);

      if (value->facet == CASEBOOK_FACET_TECHNOLOGY && g_strcmp0 (value->key, key) == 0)
        return value;
    }

  return NULL;
}

static void
test_product_names (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) casebook_text_free);
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(CasebookCaseList) list = NULL;
  g_autoptr(GError) error = NULL;
  const CasebookFacetValue *value;

  /* The three most frequent products, and the chosen WebRTC. */
  casebook_filter_set (filter, CASEBOOK_FACET_TECHNOLOGY, "WebRTC", TRUE);
  values = casebook_store_count_facets (store, filter, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_facet_values_name_products (store, values, filter, names, 3, &error));
  g_assert_no_error (error);

  value = find_value (values, "Data lake");
  g_assert_nonnull (value->label);
  g_assert_cmpstr (casebook_text_get (value->label, CASEBOOK_LANG_ZH), ==, "数据湖");
  g_assert_cmpstr (casebook_text_get (value->label, CASEBOOK_LANG_EN), ==, "Data lake");
  g_assert_nonnull (find_value (values, "WebRTC")->label);
  g_assert_null (find_value (values, "Microservices")->label);
  g_assert_cmpuint (g_hash_table_size (names), ==, 4);

  /* Names found once are reused for the next counts, whatever the limit. */
  again = casebook_store_count_facets (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_facet_values_name_products (store, again, NULL, names, 0, &error));
  g_assert_cmpstr (casebook_text_get (find_value (again, "Data lake")->label, CASEBOOK_LANG_ZH), ==, "数据湖");
  g_assert_null (find_value (again, "Microservices")->label);

  /* The case list gives its counts these names. */
  list = casebook_case_list_new (store, NULL, CASEBOOK_LANG_ZH);
  _casebook_case_list_refresh_sync (list);
  value = find_value (casebook_case_list_get_facets (list), "Microservices");
  g_assert_nonnull (value->label);
  g_assert_cmpstr (casebook_text_get (value->label, CASEBOOK_LANG_ZH), ==, "微服务");

  g_clear_object (&list);
  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

static void
save_case (CasebookStore *store,
           const char    *id,
           const char    *stack)
{
  g_autofree char *extra = g_strdup_printf (", \"stack\": [%s]", stack);
  g_autofree char *json = casebook_test_minimal_case (id, extra);
  g_autoptr(CasebookCase) c = NULL;
  g_autoptr(GError) error = NULL;

  c = casebook_json_case_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_true (casebook_store_save_case (store, c, NULL, &error));
  g_assert_no_error (error);
}

/* A product's Chinese name lives only in the documents of the cases that
 * use it: the store reads it from the first stored one, in whichever of
 * its three forms the document gives it. */
static void
test_product_name_forms (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autoptr(CasebookStore) store = casebook_test_open_store (dir, CASEBOOK_STORE_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  static const struct {
    const char *key;
    const char *zh;
    const char *en;
  } expected[] = {
    { "Zeta Mesh", "泽塔网格", "Zeta Mesh" },
    { "Omega OS", "Omega OS", "Omega OS" },
    { "仅中文平台", "仅中文平台", "仅中文平台" },
    { "Nobody Uses This", "Nobody Uses This", "Nobody Uses This" },
  };

  /* The first of two cases names it, whatever the second says. */
  save_case (store, "mine-1",
             "{\"role\": {\"en\": \"Mesh\"}, \"product\": {\"zh\": \"泽塔网格\", \"en\": \"Zeta Mesh\"}, \"family\": \"network\"},"
             "{\"role\": {\"en\": \"OS\"}, \"product\": \"Omega OS\", \"family\": \"other\"},"
             "{\"role\": {\"en\": \"Platform\"}, \"product\": {\"zh\": \"仅中文平台\"}, \"family\": \"containers\"}");
  save_case (store, "mine-2",
             "{\"role\": {\"en\": \"Mesh\"}, \"product\": {\"zh\": \"另一个名字\", \"en\": \"Zeta Mesh\"}, \"family\": \"network\"}");

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(CasebookText) name = casebook_store_get_product_name (store, expected[i].key, &error);

      g_assert_no_error (error);
      g_assert_nonnull (name);
      g_assert_cmpstr (casebook_text_get (name, CASEBOOK_LANG_ZH), ==, expected[i].zh);
      g_assert_cmpstr (casebook_text_get (name, CASEBOOK_LANG_EN), ==, expected[i].en);
    }

  g_clear_object (&store);
  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/facet-groups/groups", test_groups);
  g_test_add_func ("/facet-groups/product-names", test_product_names);
  g_test_add_func ("/facet-groups/product-name-forms", test_product_name_forms);

  return g_test_run ();
}
