/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "casebook-tooltip.h"
#include "casebook-application-private.h"
#include "casebook-case-list.h"
#include "casebook-case-row.h"
#include "casebook-compare-view-private.h"
#include "casebook-filter-pane.h"
#include "casebook-test-display.h"
#include "casebook-test-util.h"
#include "casebook-window-private.h"

/* A person who works with the keyboard alone moves with Tab and
 * Shift+Tab. These tests move the focus the way those keys do and check
 * where it lands. */

typedef struct
{
  char                *dir;
  CasebookApplication *app;
  CasebookWindow      *window;
} Fixture;

static gboolean
list_ready (gpointer data)
{
  Fixture *f = data;
  GListModel *cases = _casebook_window_get_cases (f->window);

  return g_list_model_get_n_items (cases) == 14 &&
         !casebook_case_list_is_loading (CASEBOOK_CASE_LIST (cases));
}

static gboolean
list_ready_searching (gpointer data)
{
  Fixture *f = data;
  GListModel *cases = _casebook_window_get_cases (f->window);

  return g_list_model_get_n_items (cases) > 0 &&
         !casebook_case_list_is_loading (CASEBOOK_CASE_LIST (cases));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("io.github.casebook.Casebook.KeyboardTest%u", ++counter);
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  GSettings *settings;
  int width = GPOINTER_TO_INT (user_data);

  f->dir = casebook_test_tmpdir ();
  db = g_build_filename (f->dir, "store.db", NULL);

  f->app = casebook_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), id);
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  _casebook_application_set_db_path (f->app, db);

  settings = _casebook_application_get_settings (f->app);
  g_assert_nonnull (settings);
  g_settings_reset (settings, "selected-case");
  g_settings_set_string (settings, "last-view", "cases");
  g_settings_set_string (settings, "content-language", "en");

  f->window = _casebook_application_new_window (f->app, _casebook_application_get_store (f->app), NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (casebook_test_wait_until (list_ready, f));
  casebook_test_settle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
}

/* The first mapped descendant of @widget whose tooltip is @tooltip. */
static GtkWidget *
find_by_tooltip (GtkWidget  *widget,
                 const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (gtk_widget_get_mapped (child) &&
          g_strcmp0 (casebook_tooltip_get_text (child), tooltip) == 0)
        return child;
      if ((found = find_by_tooltip (child, tooltip)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
get_focus (Fixture *f)
{
  return gtk_window_get_focus (GTK_WINDOW (f->window));
}

/* Whether the focus is @widget or inside it: a drop-down or a menu button
 * takes the focus with a button of its own. */
static gboolean
focus_in (Fixture   *f,
          GtkWidget *widget)
{
  GtkWidget *focus = get_focus (f);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
move_focus (Fixture          *f,
            GtkDirectionType  direction)
{
  gtk_widget_child_focus (GTK_WIDGET (f->window), direction);
  casebook_test_settle ();
}

static const char *
describe_focus (Fixture *f)
{
  GtkWidget *focus = get_focus (f);

  return focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing";
}

/* Tab, from the start of the window, reaches the Compare metric
 * drop-down on its way to the table button after it, and Shift+Tab
 * from the table button goes back to the drop-down. */
static void
test_tab_reaches_metric (Fixture       *f,
                         gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *compare;
  GtkWidget *dropdown;
  GtkWidget *table_button;
  GtkWidget *before = NULL;
  gboolean reached = FALSE;

  gtk_widget_activate_action (window, "win.show-view", "s", "compare");
  compare = casebook_test_find_widget (window, CASEBOOK_TYPE_COMPARE_VIEW);
  casebook_test_settle ();
  g_assert_nonnull (compare);
  dropdown = casebook_test_find_widget (compare, GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (dropdown);
  g_assert_true (gtk_widget_get_mapped (dropdown));
  table_button = find_by_tooltip (compare, "Show as Table");
  g_assert_nonnull (table_button);

  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
  for (guint i = 0; i < 100 && !focus_in (f, table_button); i++)
    {
      before = get_focus (f);
      move_focus (f, GTK_DIR_TAB_FORWARD);
      g_test_message ("Tab %u: %s", i, describe_focus (f));
      if (focus_in (f, dropdown))
        reached = TRUE;
    }
  g_assert_true (focus_in (f, table_button));
  g_assert_true (reached);
  /* The stop just before the table button is the drop-down. */
  g_assert_nonnull (before);
  g_assert_true (before == dropdown || gtk_widget_is_ancestor (before, dropdown));

  move_focus (f, GTK_DIR_TAB_BACKWARD);
  g_assert_true (focus_in (f, dropdown));
}

/* Shift+Tab from the first row of the case list leaves the list for the
 * control above it, the Sort button; Tab goes back into the list. */
static void
test_shift_tab_leaves_list (Fixture       *f,
                            gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *list = casebook_test_find_widget (window, GTK_TYPE_LIST_VIEW);
  GtkWidget *sort_button = find_by_tooltip (window, "Sort Cases");
  GtkWidget *row;
  GtkWidget *item;

  g_assert_nonnull (list);
  g_assert_nonnull (sort_button);
  row = casebook_test_find_widget (list, CASEBOOK_TYPE_CASE_ROW);
  g_assert_nonnull (row);

  /* The list item that holds the first row takes the focus. */
  item = row;
  while (gtk_widget_get_parent (item) != list)
    item = gtk_widget_get_parent (item);
  g_assert_true (gtk_widget_grab_focus (item));
  casebook_test_settle ();
  g_assert_true (focus_in (f, list));

  move_focus (f, GTK_DIR_TAB_BACKWARD);
  g_test_message ("Shift+Tab: %s", describe_focus (f));
  g_assert_false (focus_in (f, list));
  g_assert_true (focus_in (f, sort_button));

  move_focus (f, GTK_DIR_TAB_FORWARD);
  g_assert_true (focus_in (f, list));
}

static gboolean
sort_disabled (gpointer data)
{
  GtkWidget *sort_button = data;

  return !gtk_widget_get_sensitive (sort_button);
}

/* While a search is on, the Sort button stands aside (results come by
 * relevance), so Shift+Tab from the first row must go on past it to the
 * search entry or the filter pane, and not stay in the list. */
static void
test_shift_tab_leaves_list_searching (Fixture       *f,
                                      gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *list = casebook_test_find_widget (window, GTK_TYPE_LIST_VIEW);
  GtkWidget *sort_button = find_by_tooltip (window, "Sort Cases");
  GtkWidget *entry = casebook_test_find_widget (window, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *pane = casebook_test_find_widget (window, CASEBOOK_TYPE_FILTER_PANE);
  GtkWidget *row;
  GtkWidget *item;

  g_assert_nonnull (list);
  g_assert_nonnull (sort_button);
  g_assert_nonnull (entry);
  g_assert_nonnull (pane);

  if (!gtk_widget_get_mapped (pane))
    gtk_widget_activate_action (window, "win.toggle-filters", NULL);
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (casebook_test_find_widget (window, GTK_TYPE_SEARCH_BAR)), TRUE);
  casebook_test_settle ();
  g_assert_true (gtk_widget_get_mapped (pane));
  g_assert_true (gtk_widget_get_mapped (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "cloud");
  g_assert_true (casebook_test_wait_until (sort_disabled, sort_button));
  g_assert_true (casebook_test_wait_until (list_ready_searching, f));
  casebook_test_settle ();

  row = casebook_test_find_widget (list, CASEBOOK_TYPE_CASE_ROW);
  g_assert_nonnull (row);
  item = row;
  while (gtk_widget_get_parent (item) != list)
    item = gtk_widget_get_parent (item);
  g_assert_true (gtk_widget_grab_focus (item));
  casebook_test_settle ();
  g_assert_true (focus_in (f, list));

  move_focus (f, GTK_DIR_TAB_BACKWARD);
  g_test_message ("Shift+Tab while searching: %s", describe_focus (f));
  g_assert_false (focus_in (f, list));
  g_assert_true (focus_in (f, pane) || focus_in (f, entry));

  move_focus (f, GTK_DIR_TAB_FORWARD);
  g_assert_true (focus_in (f, list));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add ("/keyboard/tab-reaches-compare-metric/wide", Fixture, GINT_TO_POINTER (1280),
              fixture_setup, test_tab_reaches_metric, fixture_teardown);
  g_test_add ("/keyboard/tab-reaches-compare-metric/narrow", Fixture, GINT_TO_POINTER (360),
              fixture_setup, test_tab_reaches_metric, fixture_teardown);
  g_test_add ("/keyboard/shift-tab-leaves-case-list/wide", Fixture, GINT_TO_POINTER (1280),
              fixture_setup, test_shift_tab_leaves_list, fixture_teardown);
  g_test_add ("/keyboard/shift-tab-leaves-case-list/narrow", Fixture, GINT_TO_POINTER (360),
              fixture_setup, test_shift_tab_leaves_list, fixture_teardown);

  g_test_add ("/keyboard/shift-tab-leaves-case-list/searching/wide", Fixture, GINT_TO_POINTER (1280),
              fixture_setup, test_shift_tab_leaves_list_searching, fixture_teardown);
  g_test_add ("/keyboard/shift-tab-leaves-case-list/searching/narrow", Fixture, GINT_TO_POINTER (360),
              fixture_setup, test_shift_tab_leaves_list_searching, fixture_teardown);

  return g_test_run ();
}
