/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "casebook-tooltip.h"
#include "casebook-case-list.h"
#include "casebook-facet-picker-private.h"
#include "casebook-facet-row-private.h"
#include "casebook-filter-pane-private.h"
#include "casebook-store-private.h"
#include "casebook-test-util.h"

/* A real pane in a real window, fed the way the window feeds it: the
 * sectors once, the filter, and new counts after every refresh of the
 * case list. The assertions read the widgets a person sees. */
typedef struct
{
  char               *dir;
  CasebookStore      *store;
  CasebookFilter     *filter;
  CasebookCaseList   *list;
  GtkWidget          *window;
  CasebookFilterPane *pane;
  guint               n_refreshed;
} Fixture;

static void
on_facets_changed (CasebookCaseList *list,
                   Fixture          *fixture)
{
  casebook_filter_pane_update (fixture->pane, casebook_case_list_get_facets (list));
  fixture->n_refreshed++;
}

static void
wait_refreshed (Fixture *fixture)
{
  guint before = fixture->n_refreshed;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (fixture->n_refreshed == before && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (fixture->n_refreshed, >, before);

  /* Large counts are sorted out on a worker thread. */
  while (_casebook_filter_pane_is_updating (fixture->pane) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (_casebook_filter_pane_is_updating (fixture->pane));
}

/* Until the widgets have had their layout after a change. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* Until @widget is on screen and laid out. */
static void
wait_shown (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *json = data;
  g_autoptr(CasebookCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = casebook_test_tmpdir ();
  fixture->store = casebook_test_open_store (fixture->dir, CASEBOOK_STORE_FLAGS_NONE);
  if (json != NULL)
    {
      g_assert_true (_casebook_store_import_data (fixture->store, json, strlen (json), "many.json",
                                                  CASEBOOK_IMPORT_SKIP, NULL, &error));
      g_assert_no_error (error);
    }
  fixture->filter = casebook_filter_new ();
  fixture->list = casebook_case_list_new (fixture->store, fixture->filter, CASEBOOK_LANG_EN);

  fixture->pane = _casebook_filter_pane_new ();
  catalog = casebook_store_get_catalog (fixture->store, &error);
  g_assert_no_error (error);
  casebook_filter_pane_set_catalog (fixture->pane, catalog);
  casebook_filter_pane_set_filter (fixture->pane, fixture->filter);
  casebook_filter_pane_set_lang (fixture->pane, CASEBOOK_LANG_EN);

  g_signal_connect (fixture->list, "facets-changed", G_CALLBACK (on_facets_changed), fixture);
  casebook_case_list_refresh (fixture->list);
  wait_refreshed (fixture);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 260, 1000);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->pane));
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_shown (GTK_WIDGET (fixture->pane));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_func (fixture->list, on_facets_changed, fixture);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->list);
  g_clear_object (&fixture->filter);
  g_clear_object (&fixture->store);
  casebook_test_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Walking the widget tree */

static gboolean
shows (GtkWidget *widget)
{
  return gtk_widget_is_visible (widget) && gtk_widget_get_mapped (gtk_widget_get_parent (widget));
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return GTK_LABEL (child);
      if ((found = find_label (child, text)) != NULL)
        return found;
    }

  return NULL;
}

/* The part of the pane under a heading such as "Kind". */
static GtkWidget *
find_section (Fixture    *fixture,
              const char *heading)
{
  GtkLabel *label = find_label (GTK_WIDGET (fixture->pane), heading);

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "heading"));
  return gtk_widget_get_parent (GTK_WIDGET (label));
}

/* The row whose name reads @text, or NULL. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *text)
{
  GtkLabel *label = find_label (root, text);
  GtkWidget *row;

  if (label == NULL)
    return NULL;

  row = gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  return row;
}

static GtkLabel *
find_count_label (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "count"))
        return GTK_LABEL (child);
      if ((found = find_count_label (child)) != NULL)
        return found;
    }

  return NULL;
}

static GtkCheckButton *
find_check (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found;

      if (GTK_IS_CHECK_BUTTON (child))
        return GTK_CHECK_BUTTON (child);
      if ((found = find_check (child)) != NULL)
        return found;
    }

  return NULL;
}

static GtkButton *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found;

      if (GTK_IS_BUTTON (child) && !GTK_IS_CHECK_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return GTK_BUTTON (child);
      if ((found = find_button (child, label)) != NULL)
        return found;
    }

  return NULL;
}

/* Whether @section shows no row named @text. */
static gboolean
lacks (GtkWidget  *section,
       const char *text)
{
  GtkLabel *label = find_label (section, text);

  return label == NULL || !shows (gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_LIST_BOX_ROW));
}

/* The "Show All" row of @section, or of a sector's subsectors. */
static CasebookFacetPicker *
find_picker (GtkWidget  *section,
             const char *sector)
{
  for (GtkWidget *child = gtk_widget_get_first_child (section);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX (child))
      for (GtkWidget *row = gtk_widget_get_first_child (child);
           row != NULL;
           row = gtk_widget_get_next_sibling (row))
        if (CASEBOOK_IS_FACET_PICKER (row) &&
            g_strcmp0 (casebook_facet_picker_get_sector (CASEBOOK_FACET_PICKER (row)), sector) == 0)
          return CASEBOOK_FACET_PICKER (row);

  return NULL;
}

static guint
count_values (Fixture       *fixture,
              CasebookFacet  facet,
              const char    *prefix)
{
  GPtrArray *facets = casebook_case_list_get_facets (fixture->list);
  guint n = 0;

  for (guint i = 0; i < facets->len; i++)
    {
      CasebookFacetValue *value = g_ptr_array_index (facets, i);

      if (value->facet == (int) facet && (prefix == NULL || g_str_has_prefix (value->key, prefix)))
        n++;
    }

  return n;
}

/* Where @widget is, top to bottom, in the pane. */
static float
y_of (Fixture   *fixture,
      GtkWidget *widget)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (fixture->pane),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.y;
}

/* The names of the rows a person sees in @section, top to bottom. */
static GPtrArray *
shown_rows (GtkWidget *section)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *list = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (section);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX (child))
      list = child;
  g_assert_nonnull (list);

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (CASEBOOK_IS_FACET_ROW (row) && shows (row))
      g_ptr_array_add (names, g_strdup (_casebook_facet_row_get_label (CASEBOOK_FACET_ROW (row))));

  g_ptr_array_add (names, NULL);
  return names;
}

static void
assert_rows (GtkWidget   *section,
             const char **expected)
{
  g_autoptr(GPtrArray) names = shown_rows (section);
  g_autofree char *got = g_strjoinv (", ", (char **) names->pdata);
  g_autofree char *want = g_strjoinv (", ", (char **) expected);

  g_assert_cmpstr (got, ==, want);
}

/* Asserts that @section shows a row named @name with @count beside it. */
static GtkWidget *
assert_shows (GtkWidget  *section,
              const char *name,
              const char *count)
{
  GtkWidget *row = find_row (section, name);
  GtkLabel *count_label;

  if (row == NULL)
    g_error ("No row “%s”", name);
  g_assert_true (shows (row));

  count_label = find_count_label (row);
  g_assert_nonnull (count_label);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (count_label)));
  g_assert_cmpstr (gtk_label_get_label (count_label), ==, count);

  return row;
}

/* What a click does, without the pressed look's delay of an activation. */
static void
click (GtkButton *button)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

/* What Down (1) or Up (-1) does on the focused @row. */
static void
move_focus (GtkWidget *row,
            int        count)
{
  g_assert_true (gtk_widget_is_focus (row));
  g_signal_emit_by_name (gtk_widget_get_parent (row), "move-cursor",
                         GTK_MOVEMENT_DISPLAY_LINES, count, FALSE, FALSE);
}

static gboolean
is_checked (GtkWidget *row)
{
  return gtk_check_button_get_active (find_check (row));
}

/* Tests */

static void
test_shows_counts (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *sector = find_section (fixture, "Sector");
  GtkWidget *technology = find_section (fixture, "Technology");
  GtkButton *clear = find_button (GTK_WIDGET (fixture->pane), "Clear All");
  CasebookFacetPicker *more = find_picker (technology, NULL);
  g_autoptr(GPtrArray) technologies = NULL;
  g_autofree char *more_label = NULL;
  GtkWidget *headings[6];
  graphene_point_t previous = GRAPHENE_POINT_INIT (0, -1);

  /* Every facet has a section, in this order, top to bottom. */
  headings[0] = sector;
  headings[1] = find_section (fixture, "Kind");
  headings[2] = find_section (fixture, "Approach");
  headings[3] = technology;
  headings[4] = find_section (fixture, "Size");
  headings[5] = find_section (fixture, "Years");
  wait_shown (headings[5]);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      graphene_point_t point;

      g_assert_true (shows (headings[i]));
      g_assert_true (gtk_widget_compute_point (headings[i], GTK_WIDGET (fixture->pane),
                                               &GRAPHENE_POINT_INIT (0, 0), &point));
      g_assert_cmpfloat (point.y, >, previous.y);
      previous = point;
    }

  /* Sectors in the store's order, with their counts; subsectors fold
   * away until their sector is chosen. */
  assert_shows (sector, "Finance", "4");
  assert_shows (sector, "Government", "2");
  assert_rows (sector, (const char *[]) { "Finance", "Manufacturing", "Internet", "Government", NULL });

  assert_shows (headings[1], "Success", "11");
  assert_shows (headings[1], "Failure", "3");
  assert_rows (headings[2], (const char *[]) { "Virtualization", "Containerization", "WebAssembly",
                                               "Hybrid", "Not stated", NULL });
  assert_shows (headings[2], "Not stated", "2");
  assert_rows (headings[4], (const char *[]) { "Large", "Medium", NULL });
  assert_rows (headings[5], (const char *[]) { "2022", "2023", "2024", "2025", NULL });
  assert_shows (headings[5], "2024", "11");

  /* The eight most used technologies, in alphabetical order. */
  technologies = shown_rows (technology);
  g_assert_cmpuint (technologies->len - 1, ==, 8);
  assert_shows (technology, "Kubernetes", "7");
  assert_shows (technology, "VMware vSphere", "6");
  for (guint i = 1; i + 1 < technologies->len; i++)
    {
      g_autofree char *a = g_utf8_casefold (g_ptr_array_index (technologies, i - 1), -1);
      g_autofree char *b = g_utf8_casefold (g_ptr_array_index (technologies, i), -1);

      g_assert_cmpstr (a, <, b);
    }
  /* The rest are a "Show All" away, which counts them all. */
  g_assert_nonnull (more);
  g_assert_true (shows (GTK_WIDGET (more)));
  g_assert_cmpuint (_casebook_facet_picker_get_n_values (more), ==,
                    count_values (fixture, CASEBOOK_FACET_TECHNOLOGY, NULL));
  more_label = g_strdup_printf ("Show All %u…", count_values (fixture, CASEBOOK_FACET_TECHNOLOGY, NULL));
  g_assert_nonnull (find_label (GTK_WIDGET (more), more_label));
  /* The other facets have few enough values to list them all. */
  g_assert_null (find_picker (sector, NULL));
  g_assert_null (find_picker (headings[5], NULL));

  /* Nothing is chosen, so there is nothing to clear. */
  g_assert_nonnull (clear);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (clear)));
  g_assert_nonnull (casebook_tooltip_get_text (GTK_WIDGET (clear)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->pane)), >=, 240);
}

static void
test_choose_and_clear (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *sector = find_section (fixture, "Sector");
  GtkWidget *kind = find_section (fixture, "Kind");
  GtkButton *clear = find_button (GTK_WIDGET (fixture->pane), "Clear All");
  GtkWidget *finance = assert_shows (sector, "Finance", "4");
  GtkWidget *manufacturing = assert_shows (sector, "Manufacturing", "4");
  float manufacturing_y = y_of (fixture, manufacturing);
  float kind_y = y_of (fixture, kind);

  g_assert_false (is_checked (finance));
  gtk_widget_grab_focus (finance);
  g_assert_true (gtk_widget_is_focus (finance));

  /* Checking Finance chooses it at once; the counts follow the refresh. */
  gtk_widget_activate (GTK_WIDGET (find_check (finance)));
  g_assert_true (casebook_filter_has (fixture->filter, CASEBOOK_FACET_SECTOR, "finance"));
  g_assert_cmpuint (casebook_filter_count (fixture->filter, CASEBOOK_FACET_SECTOR), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (clear)));
  wait_refreshed (fixture);

  assert_shows (kind, "Success", "3");
  assert_shows (kind, "Failure", "1");

  /* The same row, still checked, still under the keyboard focus; the
   * other sectors keep their own counts, and nothing below Finance moves:
   * its subsectors stay folded until the person opens them. */
  g_assert_true (find_row (sector, "Finance") == finance);
  g_assert_true (is_checked (finance));
  g_assert_true (gtk_widget_is_focus (finance));
  assert_shows (sector, "Internet", "4");
  assert_rows (sector, (const char *[]) { "Finance", "Manufacturing", "Internet", "Government", NULL });
  settle ();
  g_assert_true (find_row (sector, "Manufacturing") == manufacturing);
  g_assert_cmpfloat (y_of (fixture, manufacturing), ==, manufacturing_y);
  g_assert_cmpfloat (y_of (fixture, kind), ==, kind_y);
  g_assert_false (casebook_facet_row_get_expanded (CASEBOOK_FACET_ROW (finance)));

  /* Opening the disclosure shows them, set in under Finance. */
  casebook_facet_row_set_expanded (CASEBOOK_FACET_ROW (finance), TRUE);
  assert_rows (sector, (const char *[]) { "Finance", "Banking", "Insurance", "Securities",
                                          "Manufacturing", "Internet", "Government", NULL });
  g_assert_true (gtk_widget_has_css_class (find_row (sector, "Banking"), "indented"));
  casebook_facet_row_set_expanded (CASEBOOK_FACET_ROW (finance), FALSE);

  /* Clear All empties the filter and has nothing left to clear. */
  click (clear);
  g_assert_false (casebook_filter_has_facets (fixture->filter));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (clear)));
  g_assert_false (is_checked (finance));
  wait_refreshed (fixture);

  assert_shows (kind, "Success", "11");
  assert_rows (sector, (const char *[]) { "Finance", "Manufacturing", "Internet", "Government", NULL });
}

static void
test_follows_filter (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *technology = find_section (fixture, "Technology");
  GtkWidget *webrtc;

  /* Outside the eight most used, so not listed... */
  g_assert_true (lacks (technology, "WebRTC"));

  /* ...until chosen elsewhere, e.g. on a case page; so is a value the
   * counts do not know at all. */
  casebook_filter_set (fixture->filter, CASEBOOK_FACET_TECHNOLOGY, "WebRTC", TRUE);
  casebook_filter_set (fixture->filter, CASEBOOK_FACET_TECHNOLOGY, "Punch cards", TRUE);
  webrtc = find_row (technology, "WebRTC");
  g_assert_nonnull (webrtc);
  g_assert_true (shows (webrtc));
  g_assert_true (is_checked (webrtc));
  g_assert_true (is_checked (assert_shows (technology, "Punch cards", "0")));
  wait_refreshed (fixture);
  g_assert_true (is_checked (assert_shows (technology, "Punch cards", "0")));

  /* Unchecking from the pane takes it out of the filter. */
  gtk_widget_activate (GTK_WIDGET (find_check (find_row (technology, "Punch cards"))));
  g_assert_false (casebook_filter_has (fixture->filter, CASEBOOK_FACET_TECHNOLOGY, "Punch cards"));
  g_assert_true (casebook_filter_has (fixture->filter, CASEBOOK_FACET_TECHNOLOGY, "WebRTC"));
  wait_refreshed (fixture);
  g_assert_true (lacks (technology, "Punch cards"));

  casebook_filter_clear_facets (fixture->filter);
  g_assert_true (lacks (technology, "WebRTC"));
  wait_refreshed (fixture);
  g_assert_true (lacks (technology, "WebRTC"));
}

/* Waits until the search of @picker's list has gone through every
 * value and left @n. */
static void
wait_shown_n (CasebookFacetPicker *picker,
              guint                n)
{
  GListModel *shown = _casebook_facet_picker_get_shown (picker);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((g_list_model_get_n_items (shown) != n ||
          gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (shown)) > 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (shown)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
}

static void
test_show_all (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *technology = find_section (fixture, "Technology");
  CasebookFacetPicker *more = find_picker (technology, NULL);
  guint n_technologies = count_values (fixture, CASEBOOK_FACET_TECHNOLOGY, NULL);
  g_autoptr(CasebookFacetItem) first = NULL;
  GtkSearchEntry *entry;

  g_assert_cmpuint (n_technologies, >, 8);

  /* The row opens a list of every value, most frequent first. */
  gtk_widget_activate (GTK_WIDGET (more));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_casebook_facet_picker_get_popover (more))));
  wait_shown_n (more, n_technologies);
  first = g_list_model_get_item (_casebook_facet_picker_get_shown (more), 0);
  g_assert_cmpstr (_casebook_facet_item_get_key (first), ==, "Kubernetes");
  g_assert_cmpuint (_casebook_facet_item_get_count (first), ==, 7);

  /* Its search finds a value whatever its case, and choosing it filters. */
  entry = _casebook_facet_picker_get_entry (more);
  gtk_editable_set_text (GTK_EDITABLE (entry), "webrtc");
  g_signal_emit_by_name (entry, "search-changed");
  wait_shown_n (more, 1);
  g_clear_object (&first);
  first = g_list_model_get_item (_casebook_facet_picker_get_shown (more), 0);
  g_assert_cmpstr (_casebook_facet_item_get_label (first), ==, "WebRTC");

  /* Enter in the search chooses the first value found. */
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (casebook_filter_has (fixture->filter, CASEBOOK_FACET_TECHNOLOGY, "WebRTC"));
  wait_refreshed (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 1);
  g_assert_true (is_checked (assert_shows (technology, "WebRTC", "1")));

  /* Choosing it again takes it out. */
  _casebook_facet_picker_choose (more, 0);
  g_assert_false (casebook_filter_has (fixture->filter, CASEBOOK_FACET_TECHNOLOGY, "WebRTC"));
  _casebook_facet_picker_popdown (more);
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *kind = find_section (fixture, "Kind");
  GtkWidget *approach = find_section (fixture, "Approach");
  GtkWidget *failure = assert_shows (kind, "Failure", "3");

  /* The row takes the focus; the check mark inside it does not, so there
   * is one stop per value. */
  g_assert_true (gtk_widget_get_focusable (failure));
  g_assert_false (gtk_widget_get_focusable (GTK_WIDGET (find_check (failure))));

  /* Space and Enter are the window's bindings for "activate-focus" and
   * "activate-default"; both activate the focused row, which toggles. */
  gtk_widget_grab_focus (failure);
  g_signal_emit_by_name (fixture->window, "activate-focus");
  g_assert_true (casebook_filter_has (fixture->filter, CASEBOOK_FACET_KIND, "failure"));
  g_assert_true (is_checked (failure));
  wait_refreshed (fixture);
  assert_shows (find_section (fixture, "Sector"), "Finance", "1");

  g_signal_emit_by_name (fixture->window, "activate-default");
  g_assert_false (casebook_filter_has (fixture->filter, CASEBOOK_FACET_KIND, "failure"));
  g_assert_false (is_checked (failure));
  wait_refreshed (fixture);
  g_assert_true (gtk_widget_is_focus (failure));

  /* The arrows go from row to row, across sections too: Down from the
   * last kind is the first approach, Up goes back. */
  move_focus (failure, 1);
  g_assert_true (gtk_widget_is_focus (find_row (approach, "Virtualization")));
  move_focus (find_row (approach, "Virtualization"), 1);
  g_assert_true (gtk_widget_is_focus (find_row (approach, "Containerization")));
  move_focus (find_row (approach, "Containerization"), -1);
  move_focus (find_row (approach, "Virtualization"), -1);
  g_assert_true (gtk_widget_is_focus (failure));
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *sector = find_section (fixture, "Sector");
  GtkWidget *finance = assert_shows (sector, "Finance", "4");
  GtkWidget *list = gtk_widget_get_parent (finance);
  GtkButton *clear = find_button (GTK_WIDGET (fixture->pane), "Clear All");
  CasebookFacetPicker *more = find_picker (find_section (fixture, "Technology"), NULL);

  /* A row is a check box named by its value and count. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (finance), GTK_ACCESSIBLE_ROLE_CHECKBOX);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (finance), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Finance, 4 cases");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (finance), GTK_ACCESSIBLE_STATE_CHECKED,
                                    GTK_ACCESSIBLE_TRISTATE_FALSE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find_row (find_section (fixture, "Approach"), "WebAssembly")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "WebAssembly, 1 case");

  /* Each list is named by its heading. */
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       find_label (sector, "Sector"), NULL);

  casebook_filter_set (fixture->filter, CASEBOOK_FACET_SECTOR, "finance", TRUE);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (finance), GTK_ACCESSIBLE_STATE_CHECKED,
                                    GTK_ACCESSIBLE_TRISTATE_TRUE);
  wait_refreshed (fixture);

  /* A sector says whether its subsectors show. */
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (finance), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE);
  casebook_facet_row_set_expanded (CASEBOOK_FACET_ROW (finance), TRUE);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (finance), GTK_ACCESSIBLE_STATE_EXPANDED, TRUE);

  /* "Show All" is a button named by what it shows. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_ROLE_BUTTON);
  {
    g_autofree char *name = g_strdup_printf ("Show All %u…", count_values (fixture, CASEBOOK_FACET_TECHNOLOGY, NULL));

    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  }

  g_assert_cmpstr (casebook_tooltip_get_text (GTK_WIDGET (clear)), !=, NULL);
}

static void
test_language (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *sector = find_section (fixture, "Sector");
  GtkWidget *finance = find_row (sector, "Finance");

  casebook_filter_pane_set_lang (fixture->pane, CASEBOOK_LANG_ZH);
  g_assert_true (assert_shows (sector, "金融", "4") == finance);
  assert_shows (find_section (fixture, "Kind"), "成功案例", "11");
  assert_shows (find_section (fixture, "Approach"), "未说明", "2");
  g_assert_null (find_row (sector, "Finance"));

  /* Products have their Chinese names, as on the case page. */
  assert_shows (find_section (fixture, "Technology"), "数据湖", "3");
  g_assert_true (lacks (find_section (fixture, "Technology"), "Data lake"));

  /* Subsectors have names of their own in each language. */
  casebook_facet_row_set_expanded (CASEBOOK_FACET_ROW (finance), TRUE);
  assert_shows (sector, "银行", "1");

  casebook_filter_pane_set_lang (fixture->pane, CASEBOOK_LANG_EN);
  assert_shows (sector, "Finance", "4");
  assert_shows (sector, "Banking", "1");
  assert_shows (find_section (fixture, "Technology"), "Data lake", "3");
}

/* A store of cases from many sources: 5,000 subsectors of Finance and
 * as many products, one case each, and a few cases of one of each. */
static char *
many_values_json (void)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"casebook\", \"version\": 1, \"cases\": [");

  for (guint i = 0; i < 5006; i++)
    {
      guint n = i < 5000 ? i : 42;
      g_autofree char *id = g_strdup_printf ("many-%u", i);
      g_autofree char *extra = g_strdup_printf (", \"subsector\": {\"en\": \"Branch %04u\"},"
                                                " \"stack\": [{\"role\": {\"en\": \"Data\"},"
                                                " \"product\": {\"zh\": \"产品 %04u\", \"en\": \"Product %04u\"},"
                                                " \"family\": \"data\"}]", n, n, n);
      g_autofree char *one = casebook_test_minimal_case (id, extra);

      g_string_append_printf (json, "%s%s", i > 0 ? ", " : "", one);
    }

  g_string_append (json, "]}");
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
test_many_values (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *sector = find_section (fixture, "Sector");
  GtkWidget *technology = find_section (fixture, "Technology");
  GtkWidget *finance = find_row (sector, "Finance");
  GtkWidget *manufacturing = find_row (sector, "Manufacturing");
  guint n_subsectors = count_values (fixture, CASEBOOK_FACET_SUBSECTOR, "finance/");
  CasebookFacetPicker *more;
  g_autoptr(GPtrArray) rows = NULL;
  float manufacturing_y;

  g_assert_cmpuint (n_subsectors, >=, 5000);

  /* The subsectors stay folded; checking Finance leaves them so. */
  rows = shown_rows (sector);
  g_assert_cmpuint (rows->len - 1, ==, 4);
  g_clear_pointer (&rows, g_ptr_array_unref);
  settle ();
  manufacturing_y = y_of (fixture, manufacturing);
  casebook_filter_set (fixture->filter, CASEBOOK_FACET_SECTOR, "finance", TRUE);
  wait_refreshed (fixture);
  settle ();
  g_assert_cmpfloat (y_of (fixture, manufacturing), ==, manufacturing_y);
  casebook_filter_clear_facets (fixture->filter);
  wait_refreshed (fixture);

  /* Opened, Finance lists its eight most frequent subsectors, the one
   * with six cases first among them, and a row for all the rest. */
  casebook_facet_row_set_expanded (CASEBOOK_FACET_ROW (finance), TRUE);
  rows = shown_rows (sector);
  g_assert_cmpuint (rows->len - 1, ==, 4 + 8);
  g_clear_pointer (&rows, g_ptr_array_unref);
  assert_shows (sector, "Branch 0042", "7");
  more = find_picker (sector, "finance");
  g_assert_nonnull (more);
  g_assert_true (shows (GTK_WIDGET (more)));
  g_assert_cmpuint (_casebook_facet_picker_get_n_values (more), ==, n_subsectors);
  g_assert_true (y_of (fixture, GTK_WIDGET (more)) < y_of (fixture, manufacturing));

  /* Closed again, they fold away with their "Show All" row. */
  casebook_facet_row_set_expanded (CASEBOOK_FACET_ROW (finance), FALSE);
  g_assert_null (find_picker (sector, "finance"));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = shown_rows (sector);
  g_assert_cmpuint (rows->len - 1, ==, 4);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The same for the products. */
  settle ();
  rows = shown_rows (technology);
  g_assert_cmpuint (rows->len - 1, ==, 8);
  assert_shows (technology, "Product 0042", "7");
  more = find_picker (technology, NULL);
  g_assert_cmpuint (_casebook_facet_picker_get_n_values (more), ==,
                    count_values (fixture, CASEBOOK_FACET_TECHNOLOGY, NULL));

  /* The search over all of them finds one, and choosing it filters the
   * cases. */
  casebook_facet_picker_popup (more);
  gtk_editable_set_text (GTK_EDITABLE (_casebook_facet_picker_get_entry (more)), "product 4321");
  g_signal_emit_by_name (_casebook_facet_picker_get_entry (more), "search-changed");
  wait_shown_n (more, 1);
  _casebook_facet_picker_choose (more, 0);
  g_assert_true (casebook_filter_has (fixture->filter, CASEBOOK_FACET_TECHNOLOGY, "Product 4321"));
  wait_refreshed (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 1);
  g_assert_true (is_checked (assert_shows (technology, "Product 4321", "1")));
  _casebook_facet_picker_popdown (more);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *many = NULL;

  g_setenv ("LANGUAGE", "en", TRUE);
  /* GTK's test backend keeps what assistive technologies would be told,
   * for the assertions, and needs no accessibility bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  many = many_values_json ();

  g_test_add ("/filter-pane/shows-counts", Fixture, NULL,
              fixture_set_up, test_shows_counts, fixture_tear_down);
  g_test_add ("/filter-pane/choose-and-clear", Fixture, NULL,
              fixture_set_up, test_choose_and_clear, fixture_tear_down);
  g_test_add ("/filter-pane/follows-filter", Fixture, NULL,
              fixture_set_up, test_follows_filter, fixture_tear_down);
  g_test_add ("/filter-pane/show-all", Fixture, NULL,
              fixture_set_up, test_show_all, fixture_tear_down);
  g_test_add ("/filter-pane/keyboard", Fixture, NULL,
              fixture_set_up, test_keyboard, fixture_tear_down);
  g_test_add ("/filter-pane/accessible", Fixture, NULL,
              fixture_set_up, test_accessible, fixture_tear_down);
  g_test_add ("/filter-pane/language", Fixture, NULL,
              fixture_set_up, test_language, fixture_tear_down);
  g_test_add ("/filter-pane/many-values", Fixture, many,
              fixture_set_up, test_many_values, fixture_tear_down);

  return g_test_run ();
}
