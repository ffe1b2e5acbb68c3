/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "casebook-tooltip.h"
#include "casebook-application-private.h"
#include "casebook-case-list.h"
#include "casebook-case-list-private.h"
#include "casebook-case-page.h"
#include "casebook-case-row.h"
#include "casebook-compare-view.h"
#include "casebook-facet-row-private.h"
#include "casebook-insights-view-private.h"
#include "casebook-test-display.h"
#include "casebook-test-util.h"
#include "casebook-window-private.h"

/* What a person sees: the text of every mapped label under @widget. */
static void
collect_labels (GtkWidget  *widget,
                const char *css_class,
                GPtrArray  *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          (css_class == NULL || gtk_widget_has_css_class (child, css_class)))
        g_ptr_array_add (labels, g_strdup (gtk_label_get_label (GTK_LABEL (child))));
      collect_labels (child, css_class, labels);
    }
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  collect_labels (widget, NULL, labels);
  return g_ptr_array_find_with_equal_func (labels, text, g_str_equal, NULL);
}

static CasebookFacetRow *
find_facet_row (GtkWidget     *widget,
                CasebookFacet  facet,
                const char    *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CasebookFacetRow *found;

      if (CASEBOOK_IS_FACET_ROW (child) &&
          casebook_facet_row_get_facet (CASEBOOK_FACET_ROW (child)) == facet &&
          g_strcmp0 (casebook_facet_row_get_key (CASEBOOK_FACET_ROW (child)), key) == 0)
        return CASEBOOK_FACET_ROW (child);
      if ((found = find_facet_row (child, facet, key)) != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  char                *dir;
  CasebookApplication *app;
  CasebookWindow      *window;
  guint                expected;
  const char          *text;
} Fixture;

static gboolean
has_n_items (gpointer data)
{
  Fixture *f = data;
  GListModel *cases = _casebook_window_get_cases (f->window);

  return g_list_model_get_n_items (cases) == f->expected &&
         !casebook_case_list_is_loading (CASEBOOK_CASE_LIST (cases));
}

static gboolean
shows_text (gpointer data)
{
  Fixture *f = data;

  return shows_label (GTK_WIDGET (f->window), f->text);
}

/* A window on a fresh store, made but not yet shown. */
static void
fixture_setup_unshown (Fixture       *f,
                       gconstpointer  user_data)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("io.github.casebook.Casebook.Test%u", ++counter);
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  f->dir = casebook_test_tmpdir ();
  db = g_build_filename (f->dir, "store.db", NULL);

  f->app = casebook_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), id);
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  _casebook_application_set_db_path (f->app, db);

  /* A fresh start: no remembered case, English content. */
  settings = _casebook_application_get_settings (f->app);
  g_assert_nonnull (settings);
  g_settings_reset (settings, "selected-case");
  g_settings_reset (settings, "sort-order");
  g_settings_set_string (settings, "content-language", "en");

  f->window = _casebook_application_new_window (f->app, _casebook_application_get_store (f->app), NULL);
  /* Tests may ask for a narrower window, as a number in @user_data. */
  gtk_window_set_default_size (GTK_WINDOW (f->window),
                               user_data != NULL ? GPOINTER_TO_INT (user_data) : 1280, 900);
}

/* The same, at the usual width, for tests whose @user_data says something else. */
static void
fixture_setup_unshown_wide (Fixture       *f,
                            gconstpointer  user_data)
{
  fixture_setup_unshown (f, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  fixture_setup_unshown (f, user_data);
  gtk_window_present (GTK_WINDOW (f->window));

  f->expected = 14;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
}

static void
test_opens_with_cases (Fixture       *f,
                       gconstpointer  user_data)
{
  f->text = "Business integration failure";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  g_assert_true (shows_label (GTK_WIDGET (f->window), "Containerization at a large e-commerce platform"));
  g_assert_true (shows_label (GTK_WIDGET (f->window), "14 cases"));
  /* Nothing is selected yet, and the detail pane says so. */
  g_assert_null (_casebook_window_get_current_case (f->window));
  f->text = "No Case Selected";
  g_assert_true (casebook_test_wait_until (shows_text, f));
}

static gboolean
facet_count_is (gpointer data)
{
  Fixture *f = data;
  CasebookFacetRow *row = find_facet_row (GTK_WIDGET (f->window), CASEBOOK_FACET_KIND, "failure");

  return row != NULL && _casebook_facet_row_get_count (row) == f->expected;
}

static void
test_facet_narrows (Fixture       *f,
                    gconstpointer  user_data)
{
  CasebookFacetRow *finance;

  f->expected = 3;
  g_assert_true (casebook_test_wait_until (facet_count_is, f));

  finance = find_facet_row (GTK_WIDGET (f->window), CASEBOOK_FACET_SECTOR, "finance");
  g_assert_nonnull (finance);
  casebook_facet_row_toggle (finance);
  g_assert_true (casebook_filter_has (_casebook_window_get_filter (f->window), CASEBOOK_FACET_SECTOR, "finance"));

  /* The list narrows to the four finance cases ... */
  f->expected = 4;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  g_assert_true (shows_label (GTK_WIDGET (f->window), "4 matching cases"));
  /* ... and the other facets count within them. */
  f->expected = 1;
  g_assert_true (casebook_test_wait_until (facet_count_is, f));

  /* One action clears every filter. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-filters", NULL);
  f->expected = 14;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
}

static void
test_search_chinese_word (Fixture       *f,
                          gconstpointer  user_data)
{
  GtkWidget *entry = casebook_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY);
  g_autoptr(CasebookCaseSummary) first = NULL;

  g_assert_nonnull (entry);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "等保");

  f->expected = 1;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  first = g_list_model_get_item (_casebook_window_get_cases (f->window), 0);
  g_assert_cmpstr (casebook_case_summary_get_id (first), ==, "report-5.1");
  g_assert_true (casebook_case_list_is_searching (CASEBOOK_CASE_LIST (_casebook_window_get_cases (f->window))));

  /* Nothing matches: the empty state offers to clear. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "鲲鹏");
  f->expected = 0;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  f->text = "No Matching Cases";
  g_assert_true (casebook_test_wait_until (shows_text, f));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-all", NULL);
  f->expected = 14;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
}

static gboolean
shows_label_containing (GtkWidget  *widget,
                        const char *part)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  collect_labels (widget, NULL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (g_ptr_array_index (labels, i), part) != NULL)
      return TRUE;

  return FALSE;
}

/* A search that finds nothing says so, without the ranking the results
 * would have, and the filter pane still shows the filters, the chosen one
 * too, so that they can be changed. */
static void
test_search_no_results (Fixture       *f,
                        gconstpointer  user_data)
{
  GtkWidget *entry = casebook_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY);
  CasebookFilter *filter = _casebook_window_get_filter (f->window);
  CasebookFacetRow *row;

  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "finance", TRUE);
  f->expected = 4;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  casebook_test_settle ();

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "zzzqqq");
  casebook_filter_set_query (filter, "zzzqqq");
  f->expected = 0;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  casebook_test_settle ();

  f->text = "No results for “zzzqqq”";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  g_assert_false (shows_label_containing (GTK_WIDGET (f->window), "best match first"));

  row = find_facet_row (GTK_WIDGET (f->window), CASEBOOK_FACET_SECTOR, "finance");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  g_assert_true (casebook_facet_row_get_active (row));
  g_assert_nonnull (find_facet_row (GTK_WIDGET (f->window), CASEBOOK_FACET_SECTOR, "government"));

  /* Unchecking the filter there still works. */
  casebook_filter_set (filter, CASEBOOK_FACET_SECTOR, "finance", FALSE);
  casebook_filter_set_query (filter, NULL);
  f->expected = 14;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
}

/* The list's page for no results is built only when a list is first
 * empty: a window that opens on its cases has none; a search that finds
 * nothing makes and shows it, and its button clears the search. */
static void
test_empty_page_made_when_needed (Fixture       *f,
                                  gconstpointer  user_data)
{
  GtkWidget *entry = casebook_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY);
  GtkStack *list_stack = f->window->list_stack;
  GtkWidget *page;
  GtkWidget *button;

  f->text = "Business integration failure";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  g_assert_null (gtk_stack_get_child_by_name (list_stack, "empty"));
  g_assert_null (f->window->empty_page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");
  /* Nor is there an error page, the store being open. */
  g_assert_null (gtk_stack_get_child_by_name (f->window->main_stack, "error"));
  g_assert_null (f->window->error_page);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "zzzqqq");
  f->expected = 0;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  f->text = "No Matching Cases";
  g_assert_true (casebook_test_wait_until (shows_text, f));

  page = gtk_stack_get_child_by_name (list_stack, "empty");
  g_assert_nonnull (page);
  g_assert_true (ADW_IS_STATUS_PAGE (page));
  g_assert_true (page == GTK_WIDGET (f->window->empty_page));
  g_assert_true (gtk_stack_get_visible_child (list_stack) == page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "No Matching Cases");
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (page)), ==, "edit-find-symbolic");
  g_assert_true (gtk_widget_has_css_class (page, "compact"));
  g_assert_true (shows_label_containing (page, "zzzqqq"));

  button = adw_status_page_get_child (ADW_STATUS_PAGE (page));
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Clear Filters and Search");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.clear-all");

  /* The button clears the search, and the list has its rows again. */
  gtk_widget_activate (button);
  f->expected = 14;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_null (casebook_filter_get_query (_casebook_window_get_filter (f->window)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");
  f->text = "Business integration failure";
  g_assert_true (casebook_test_wait_until (shows_text, f));

  /* The next search with no results shows the same page again. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "qqqzzz");
  f->expected = 0;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  g_assert_true (gtk_stack_get_child_by_name (list_stack, "empty") == page);
  g_assert_true (gtk_stack_get_visible_child (list_stack) == page);
  g_assert_true (shows_label_containing (page, "qqqzzz"));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-all", NULL);
  f->expected = 14;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
}

static guint
position_of (GListModel *model,
             const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CasebookCaseSummary) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (casebook_case_summary_get_id (row), id) == 0)
        return i;
    }

  g_assert_not_reached ();
  return 0;
}

static void
test_select_shows_detail (Fixture       *f,
                          gconstpointer  user_data)
{
  GtkListView *list_view = GTK_LIST_VIEW (casebook_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW));
  GtkSelectionModel *selection = gtk_list_view_get_model (list_view);
  guint position = position_of (_casebook_window_get_cases (f->window), "report-2.1");

  gtk_selection_model_select_item (selection, position, TRUE);

  g_assert_nonnull (_casebook_window_get_current_case (f->window));
  g_assert_cmpstr (casebook_case_get_id (_casebook_window_get_current_case (f->window)), ==, "report-2.1");

  f->text = "30% → 80%";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  g_assert_true (shows_label (GTK_WIDGET (f->window), "99.99%"));
  g_assert_true (shows_label (GTK_WIDGET (f->window), "−40%"));

  /* The selection stays on the case when a filter it matches changes. */
  casebook_filter_set (_casebook_window_get_filter (f->window), CASEBOOK_FACET_SECTOR, "finance", TRUE);
  f->expected = 4;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  g_assert_true (gtk_selection_model_is_selected (selection, position_of (_casebook_window_get_cases (f->window), "report-2.1")));
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

    g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  }
  g_assert_cmpstr (casebook_case_get_id (_casebook_window_get_current_case (f->window)), ==, "report-2.1");

  /* When it no longer matches, the detail pane empties. */
  casebook_filter_set (_casebook_window_get_filter (f->window), CASEBOOK_FACET_SECTOR, "finance", FALSE);
  casebook_filter_set (_casebook_window_get_filter (f->window), CASEBOOK_FACET_SECTOR, "internet", TRUE);
  f->expected = 4;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  f->text = "No Case Selected";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  g_assert_null (_casebook_window_get_current_case (f->window));
}

static void
test_language_switch (Fixture       *f,
                      gconstpointer  user_data)
{
  GtkListView *list_view = GTK_LIST_VIEW (casebook_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW));
  GSettings *settings = _casebook_application_get_settings (f->app);

  gtk_selection_model_select_item (gtk_list_view_get_model (list_view),
                                   position_of (_casebook_window_get_cases (f->window), "report-2.1"), TRUE);
  f->text = "Virtualization at a large bank";
  g_assert_true (casebook_test_wait_until (shows_text, f));

  /* The preference changes every text at once, list and page alike. */
  g_settings_set_string (settings, "content-language", "zh");
  g_assert_cmpint (_casebook_window_get_lang (f->window), ==, CASEBOOK_LANG_ZH);
  /* The first in pinyin order, at the top of the list. */
  f->text = "保险公司容器化案例";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  f->text = "大型银行虚拟化案例";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  /* Until the list has its rows in the new order, the row of a case
   * can still show the old language for a moment. */
  f->expected = 14;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  g_assert_false (shows_label (GTK_WIDGET (f->window), "Virtualization at a large bank"));
  g_assert_true (shows_label (GTK_WIDGET (f->window), "金融"));

  g_settings_set_string (settings, "content-language", "en");
  f->text = "Virtualization at a large bank";
  g_assert_true (casebook_test_wait_until (shows_text, f));
}

/* Activates what @accel is bound to on the window, as a key press would. */
static void
press_accel (Fixture    *f,
             const char *accel)
{
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (f->app), accel);
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (actions);
  g_assert_cmpuint (g_strv_length (actions), ==, 1);
  g_action_parse_detailed_name (actions[0], &name, &target, &error);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), name, target));
}

static void
test_view_shortcuts (Fixture       *f,
                     gconstpointer  user_data)
{
  AdwViewStack *stack = ADW_VIEW_STACK (casebook_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));
  g_auto(GStrv) close = NULL;

  g_assert_nonnull (stack);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "cases");

  /* Compare and Insights, and the case page, are made when first shown. */
  g_assert_null (casebook_test_find_widget (GTK_WIDGET (f->window), CASEBOOK_TYPE_COMPARE_VIEW));
  g_assert_null (casebook_test_find_widget (GTK_WIDGET (f->window), CASEBOOK_TYPE_INSIGHTS_VIEW));
  g_assert_null (casebook_test_find_widget (GTK_WIDGET (f->window), CASEBOOK_TYPE_CASE_PAGE));

  press_accel (f, "<Alt>2");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "compare");
  g_assert_nonnull (casebook_test_find_widget (GTK_WIDGET (f->window), CASEBOOK_TYPE_COMPARE_VIEW));
  g_assert_null (casebook_test_find_widget (GTK_WIDGET (f->window), CASEBOOK_TYPE_INSIGHTS_VIEW));
  press_accel (f, "<Alt>3");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "insights");
  g_assert_nonnull (casebook_test_find_widget (GTK_WIDGET (f->window), CASEBOOK_TYPE_INSIGHTS_VIEW));
  press_accel (f, "<Alt>1");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "cases");

  /* A name no page has changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "nowhere");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "cases");

  /* Ctrl+W closes the window, through GtkWindow's own action. */
  close = gtk_application_get_actions_for_accel (GTK_APPLICATION (f->app), "<Control>w");
  g_assert_nonnull (close);
  g_assert_cmpstr (close[0], ==, "window.close");
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "window.close", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (f->window);
}

static GtkWindow *
find_shortcuts_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (window))
        return window;
    }

  return NULL;
}

static gboolean
shortcuts_window_shown (gpointer data)
{
  GtkWindow *shortcuts = find_shortcuts_window ();

  return shortcuts != NULL && gtk_widget_get_mapped (GTK_WIDGET (shortcuts));
}

/* The shortcuts window exists only once it is asked for (Ctrl+?), and
 * then belongs to the window it was asked from, which gives its
 * shortcuts their keys. */
static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  user_data)
{
  GtkWindow *shortcuts;

  GLogLevelFlags fatal;

  /* GTK 4.8's shortcuts window measures two labels of its own below
   * zero under Adwaita's style ("reported min width -3"), whatever it
   * shows; its warnings are not fatal here. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_null (find_shortcuts_window ());

  press_accel (f, "<Control>question");
  g_assert_true (casebook_test_wait_until (shortcuts_window_shown, NULL));
  shortcuts = find_shortcuts_window ();
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (f->window));
  g_assert_true (gtk_window_get_modal (shortcuts));
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)) ==
                 GTK_SHORTCUTS_WINDOW (shortcuts));

  /* Closing hides it; asking again shows the same one. */
  gtk_window_close (shortcuts);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  press_accel (f, "<Control>question");
  g_assert_true (casebook_test_wait_until (shortcuts_window_shown, NULL));
  g_assert_true (find_shortcuts_window () == shortcuts);
  gtk_window_close (shortcuts);
  casebook_test_settle ();
  g_log_set_always_fatal (fatal);
}

/* Names the widgets that keep the window from getting narrower, for the
 * message of a failing test. */
static void
report_min_widths (GtkWidget *widget,
                   int        limit,
                   GString   *report)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min = 0;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > limit)
        g_string_append_printf (report, "\n  %s %s needs %d px", G_OBJECT_TYPE_NAME (child),
                                gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)) != NULL
                                  ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)) : "", min);
      report_min_widths (child, limit, report);
    }
}

static void
assert_fits (Fixture    *f,
             int         width,
             const char *where)
{
  int min = 0;

  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > width)
    {
      g_autoptr(GString) report = g_string_new (NULL);

      report_min_widths (GTK_WIDGET (f->window), width - 24, report);
      g_error ("%s: the window needs %d px, more than %d:%s", where, min, width, report->str);
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, width);
}

static gboolean
is_narrow (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_width (GTK_WIDGET (f->window)) <= 360;
}

static gboolean
insights_built (gpointer data)
{
  Fixture *f = data;

  return _casebook_insights_view_is_built (CASEBOOK_INSIGHTS_VIEW (casebook_test_find_widget (GTK_WIDGET (f->window),
                                                                              CASEBOOK_TYPE_INSIGHTS_VIEW)));
}

/* The smallest GNOME phone is 360 px wide: every page fits, and the list
 * and a case take turns, with a back button. */
static void
test_narrow (Fixture       *f,
             gconstpointer  user_data)
{
  GtkListView *list_view = GTK_LIST_VIEW (casebook_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW));
  AdwLeaflet *leaflet = ADW_LEAFLET (casebook_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));

  g_assert_true (casebook_test_wait_until (is_narrow, f));
  casebook_test_settle ();
  g_assert_true (adw_leaflet_get_folded (leaflet));
  assert_fits (f, 360, "the case list");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");

  /* A tap on a case shows it alone, with a way back. */
  g_assert_true (gtk_list_view_get_single_click_activate (list_view));
  g_signal_emit_by_name (list_view, "activate", position_of (_casebook_window_get_cases (f->window), "report-2.1"));
  f->text = "30% → 80%";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  casebook_test_settle ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  assert_fits (f, 360, "a case");

  /* The longest sector's name, with a subsector, fits too. */
  g_signal_emit_by_name (list_view, "activate", position_of (_casebook_window_get_cases (f->window), "report-3.1"));
  f->text = "A large automotive manufacturer";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  casebook_test_settle ();
  assert_fits (f, 360, "a manufacturing case");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL));
  casebook_test_settle ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "compare");
  casebook_test_settle ();
  assert_fits (f, 360, "Compare");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "insights");
  g_assert_true (casebook_test_wait_until (insights_built, f));
  casebook_test_settle ();
  assert_fits (f, 360, "Insights");

  /* The sections fold away, and come back from a button over the text;
   * choosing one puts them away again. */
  {
    GtkWidget *insights = casebook_test_find_widget (GTK_WIDGET (f->window), CASEBOOK_TYPE_INSIGHTS_VIEW);
    AdwFlap *flap = ADW_FLAP (casebook_test_find_widget (insights, ADW_TYPE_FLAP));
    GtkWidget *button = casebook_test_find_widget (insights, GTK_TYPE_TOGGLE_BUTTON);
    GtkListBox *toc = GTK_LIST_BOX (casebook_test_find_widget (adw_flap_get_flap (flap), GTK_TYPE_LIST_BOX));

    g_assert_true (adw_flap_get_folded (flap));
    g_assert_false (adw_flap_get_reveal_flap (flap));
    g_assert_true (gtk_widget_get_mapped (button));
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
    casebook_test_settle ();
    g_assert_true (adw_flap_get_reveal_flap (flap));
    g_assert_nonnull (gtk_list_box_get_row_at_index (toc, 1));
    g_signal_emit_by_name (toc, "row-activated", gtk_list_box_get_row_at_index (toc, 1));
    casebook_test_settle ();
    g_assert_false (adw_flap_get_reveal_flap (flap));
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  }
}

static gboolean
switcher_bar_revealed (gpointer data)
{
  Fixture *f = data;
  GtkWidget *bar = casebook_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_SWITCHER_BAR);

  return bar != NULL && adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)) &&
         gtk_widget_get_mapped (bar);
}

static gboolean
is_wide (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_width (GTK_WIDGET (f->window)) >= 1000;
}

static gboolean
is_middling (gpointer data)
{
  Fixture *f = data;

  int width = gtk_widget_get_width (GTK_WIDGET (f->window));

  return width > 500 && width < 700;
}

/* The switchers in the header's title: their number, and the one the
 * title shows (%NULL when it shows the window's title). */
static guint
header_switchers (Fixture          *f,
                  AdwViewSwitcher **shown)
{
  AdwSqueezer *squeezer = ADW_SQUEEZER (casebook_test_find_widget (GTK_WIDGET (f->window->switcher_title),
                                                                   ADW_TYPE_SQUEEZER));
  GtkWidget *visible = adw_squeezer_get_visible_child (squeezer);
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (squeezer));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += ADW_IS_VIEW_SWITCHER (child);
  *shown = ADW_IS_VIEW_SWITCHER (visible) ? ADW_VIEW_SWITCHER (visible) : NULL;

  return n;
}

/* The header shows the wide view switcher where it fits, the narrow one
 * where that fits, and the window's title with the number of cases
 * where neither does; the narrow switcher is made only when the wide one
 * first has no room. The view switcher at the bottom is made only when
 * the title shows, and is hidden again when a switcher does. */
static void
test_switcher_bar (Fixture       *f,
                   gconstpointer  user_data)
{
  AdwWindowTitle *title = ADW_WINDOW_TITLE (casebook_test_find_widget (GTK_WIDGET (f->window->switcher_title),
                                                                       ADW_TYPE_WINDOW_TITLE));
  AdwViewSwitcher *shown;
  GtkWidget *bar;

  casebook_test_settle ();
  g_assert_null (casebook_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_SWITCHER_BAR));
  g_assert_cmpuint (header_switchers (f, &shown), ==, 1);
  g_assert_nonnull (shown);
  g_assert_cmpint (adw_view_switcher_get_policy (shown), ==, ADW_VIEW_SWITCHER_POLICY_WIDE);
  g_assert_false (casebook_view_title_get_title_visible (f->window->switcher_title));
  /* The title keeps the number of cases until it shows. */
  g_assert_cmpstr (casebook_view_title_get_subtitle (f->window->switcher_title), ==,
                   gtk_label_get_label (f->window->count_label));
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "");

  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 900);
  g_assert_true (casebook_test_wait_until (is_middling, f));
  casebook_test_settle ();
  g_assert_cmpuint (header_switchers (f, &shown), ==, 2);
  g_assert_nonnull (shown);
  g_assert_cmpint (adw_view_switcher_get_policy (shown), ==, ADW_VIEW_SWITCHER_POLICY_NARROW);
  g_assert_true (adw_view_switcher_get_stack (shown) ==
                 ADW_VIEW_STACK (casebook_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK)));
  g_assert_false (casebook_view_title_get_title_visible (f->window->switcher_title));
  g_assert_false (switcher_bar_revealed (f));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 900);
  g_assert_true (casebook_test_wait_until (is_narrow, f));
  g_assert_true (casebook_test_wait_until (switcher_bar_revealed, f));
  g_assert_cmpuint (header_switchers (f, &shown), ==, 2);
  g_assert_null (shown);
  g_assert_true (casebook_view_title_get_title_visible (f->window->switcher_title));
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Casebook");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, gtk_label_get_label (f->window->count_label));
  g_assert_true (g_str_has_prefix (adw_window_title_get_subtitle (title), "14 "));
  bar = casebook_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_SWITCHER_BAR);
  g_assert_true (adw_view_switcher_bar_get_stack (ADW_VIEW_SWITCHER_BAR (bar)) ==
                 ADW_VIEW_STACK (casebook_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK)));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 900);
  g_assert_true (casebook_test_wait_until (is_wide, f));
  casebook_test_settle ();
  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  g_assert_true (casebook_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_SWITCHER_BAR) == bar);
  g_assert_cmpuint (header_switchers (f, &shown), ==, 2);
  g_assert_nonnull (shown);
  g_assert_cmpint (adw_view_switcher_get_policy (shown), ==, ADW_VIEW_SWITCHER_POLICY_WIDE);
  g_assert_false (casebook_view_title_get_title_visible (f->window->switcher_title));
}

static void
test_window_reports_unopenable_store (void)
{
  g_autoptr(CasebookApplication) app = casebook_application_new ();
  g_autoptr(GError) store_error = g_error_new_literal (CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NEWER_SCHEMA,
                                                       "written by a newer version");
  g_autoptr(GError) error = NULL;
  CasebookWindow *window;

  g_application_set_application_id (G_APPLICATION (app), "io.github.casebook.Casebook.TestError");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = _casebook_application_new_window (app, NULL, store_error);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE));

  g_assert_null (_casebook_window_get_cases (window));
  g_assert_true (shows_label (GTK_WIDGET (window), "The Case Store Could Not Be Opened"));
  g_assert_true (shows_label (GTK_WIDGET (window), "written by a newer version"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

/* The window takes its settings and language from whoever makes it, and
 * says when the language changes; without settings it remembers nothing
 * and still works. */
static void
test_window_lang_property (void)
{
  g_autoptr(CasebookApplication) app = casebook_application_new ();
  g_autoptr(GError) store_error = g_error_new_literal (CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NEWER_SCHEMA,
                                                       "written by a newer version");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  CasebookWindow *window;
  guint n_notify = 0;
  int lang = -1;

  g_application_set_application_id (G_APPLICATION (app), "io.github.casebook.Casebook.TestLang");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = casebook_window_new (GTK_APPLICATION (app), NULL, CASEBOOK_LANG_ZH, NULL, store_error);
  g_object_get (window, "lang", &lang, "settings", &settings, NULL);
  g_assert_cmpint (lang, ==, CASEBOOK_LANG_ZH);
  g_assert_null (settings);

  g_signal_connect (window, "notify::lang", G_CALLBACK (count_notify), &n_notify);
  g_object_set (window, "lang", CASEBOOK_LANG_EN, NULL);
  g_assert_cmpint (_casebook_window_get_lang (window), ==, CASEBOOK_LANG_EN);
  g_assert_cmpuint (n_notify, ==, 1);
  _casebook_window_set_lang (window, CASEBOOK_LANG_EN);
  g_assert_cmpuint (n_notify, ==, 1);

  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE));
  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE));
}

/* The rows of the case list on screen. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (CASEBOOK_IS_CASE_ROW (child) && gtk_widget_get_mapped (child))
        g_ptr_array_add (rows, child);
      collect_rows (child, rows);
    }
}

static CasebookCaseRow *
row_titled (Fixture    *f,
            const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (f->window), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

      collect_labels (g_ptr_array_index (rows, i), "heading", labels);
      if (labels->len > 0 && g_str_equal (g_ptr_array_index (labels, 0), title))
        return g_ptr_array_index (rows, i);
    }

  return NULL;
}

static gboolean
row_has_snippet (gpointer data)
{
  Fixture *f = data;
  CasebookCaseRow *row = row_titled (f, f->text);
  GtkWidget *snippet = row != NULL ? _casebook_case_row_get_snippet (row) : NULL;

  return snippet != NULL && gtk_widget_get_mapped (snippet);
}

/* A search for a word only in a case's body says where it matched: the
 * row shows the text around it with the word in bold, and a screen reader
 * hears that text as the row's description. A row whose title matched
 * shows no snippet. Two Chinese characters are found and marked too. */
static void
test_search_snippets (Fixture       *f,
                      gconstpointer  user_data)
{
  GtkWidget *entry = casebook_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY);
  CasebookCaseRow *row;
  GtkWidget *snippet;
  g_autofree char *differs = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "vSAN");
  f->expected = 2;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  f->text = "Virtualization at a large bank";
  g_assert_true (casebook_test_wait_until (row_has_snippet, f));

  row = row_titled (f, "Virtualization at a large bank");
  snippet = _casebook_case_row_get_snippet (row);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (snippet)), "<b>vSAN</b>"));
  g_assert_true (gtk_label_get_use_markup (GTK_LABEL (snippet)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (snippet)), "vSAN"));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (snippet)), "<b>"));
  differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                gtk_label_get_text (GTK_LABEL (snippet)));
  g_assert_null (differs);

  /* The title says why: no snippet. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "bank");
  f->expected = 1;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  casebook_test_settle ();
  row = row_titled (f, "Virtualization at a large bank");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_mapped (_casebook_case_row_get_snippet (row)));

  gtk_editable_set_text (GTK_EDITABLE (entry), "等保");
  f->expected = 1;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  f->text = "Virtualization at a government department";
  g_assert_true (casebook_test_wait_until (row_has_snippet, f));
  snippet = _casebook_case_row_get_snippet (row_titled (f, f->text));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (snippet)), "<b>等保</b>"));

  /* No search, no snippets. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-all", NULL);
  f->expected = 14;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  casebook_test_settle ();
  row = row_titled (f, "Virtualization at a large bank");
  if (row != NULL)
    g_assert_false (gtk_widget_get_mapped (_casebook_case_row_get_snippet (row)));
}

static GtkWidget *
find_filter_chip (GtkWidget  *widget,
                  const char *tooltip_start)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;
      const char *tooltip = casebook_tooltip_get_text (child);

      if (GTK_IS_BUTTON (child) && gtk_widget_has_css_class (child, "filter-chip") &&
          gtk_widget_get_mapped (child) && tooltip != NULL && g_str_has_prefix (tooltip, tooltip_start))
        return child;
      if ((found = find_filter_chip (child, tooltip_start)) != NULL)
        return found;
    }

  return NULL;
}

/* A technology chip on a case page is a filter: it chooses the product in
 * the Technology filter, and the list shows the cases that use it. */
static void
test_technology_chip_filters (Fixture       *f,
                              gconstpointer  user_data)
{
  CasebookFilter *filter = _casebook_window_get_filter (f->window);
  g_auto(GStrv) values = NULL;
  GtkWidget *chip;

  _casebook_window_select_case (f->window, "report-2.1");
  f->text = "30% → 80%";
  g_assert_true (casebook_test_wait_until (shows_text, f));

  chip = find_filter_chip (GTK_WIDGET (f->window), "Show cases using VMware vSAN");
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_activate (chip));

  f->expected = 2;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  values = casebook_filter_get_values (filter, CASEBOOK_FACET_TECHNOLOGY);
  g_assert_cmpuint (g_strv_length (values), ==, 1);
  g_assert_cmpstr (values[0], ==, "VMware vSAN");
  g_assert_true (shows_label (GTK_WIDGET (f->window), "2 matching cases"));
}

static void
count_paint (GdkFrameClock *clock,
             guint         *n_paints)
{
  (*n_paints)++;
}

static gboolean
shows_finance_row (gpointer data)
{
  Fixture *f = data;

  return find_facet_row (GTK_WIDGET (f->window), CASEBOOK_FACET_SECTOR, "finance") != NULL;
}

/* The first frame shows the case rows without waiting for the facet
 * counts, which are read after it, nor for the filter pane's rows: counts
 * that are in before the window has painted a frame go into the pane
 * after it. */
static void
test_facets_after_first_frame (Fixture       *f,
                               gconstpointer  user_data)
{
  CasebookCaseList *cases = CASEBOOK_CASE_LIST (_casebook_window_get_cases (f->window));
  guint n_paints = 0;

  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_get_realized (GTK_WIDGET (f->window)));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)), "after-paint",
                    G_CALLBACK (count_paint), &n_paints);

  /* The window counts the facets only after its first frame. */
  g_assert_cmpuint (casebook_case_list_get_n_matches (cases), ==, 14);
  g_assert_false (casebook_case_list_is_counting (cases));
  g_assert_null (casebook_case_list_get_facets (cases));

  /* The rows and their counts, here and now, before any frame. */
  _casebook_case_list_refresh_sync (cases);
  g_assert_cmpuint (casebook_case_list_get_n_matches (cases), ==, 14);
  g_assert_nonnull (casebook_case_list_get_facets (cases));
  g_assert_cmpuint (n_paints, ==, 0);
  g_assert_false (shows_finance_row (f));

  g_assert_true (casebook_test_wait_until (shows_finance_row, f));
  g_assert_cmpuint (n_paints, >=, 1);

  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)), count_paint, &n_paints);
  f->expected = 14;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
}

typedef struct
{
  Fixture *f;
  gboolean painted;   /* a frame with rows */
  guint    n_rows;    /* the rows it had */
  guint    n_all;     /* the rows the list holds */
  double   filled;    /* their height */
  double   page;      /* the list's height */
} FirstRows;

static void
note_first_rows (GdkFrameClock *clock,
                 FirstRows     *first)
{
  CasebookCaseList *cases = CASEBOOK_CASE_LIST (_casebook_window_get_cases (first->f->window));
  GtkWidget *list = GTK_WIDGET (first->f->window->list_view);

  if (first->painted || g_list_model_get_n_items (G_LIST_MODEL (cases)) == 0)
    return;
  first->painted = TRUE;
  first->n_rows = g_list_model_get_n_items (G_LIST_MODEL (cases));
  first->n_all = casebook_case_list_get_n_rows (cases);
  first->page = gtk_widget_get_height (list);
  /* Down to the bottom of the lowest row, with the space between rows. */
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (row, list, &bounds))
        first->filled = MAX (first->filled, bounds.origin.y + bounds.size.height);
    }
}

static gboolean
first_rows_painted (gpointer data)
{
  return ((FirstRows *) data)->painted;
}

/* The first frame's rows fill the list, with less than two rows to
 * spare: in a window lower than the first step guessed, and in taller
 * ones, where the rows the guess lacks come before the frame is painted. */
static void
test_first_rows_fill_the_list (Fixture       *f,
                               gconstpointer  user_data)
{
  g_auto(GStrv) parts = g_strsplit (user_data, "/", 3);
  const char *language = parts[0];
  FirstRows first = { f };
  double row;

  g_settings_set_string (_casebook_application_get_settings (f->app), "content-language", language);
  gtk_window_set_default_size (GTK_WINDOW (f->window), atoi (parts[1]), atoi (parts[2]));
  gtk_window_present (GTK_WINDOW (f->window));
  /* At "paint": by "after-paint" the window asks for the next rows. */
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)), "paint",
                    G_CALLBACK (note_first_rows), &first);
  g_assert_true (casebook_test_wait_until (first_rows_painted, &first));
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)), note_first_rows, &first);

  g_assert_cmpuint (first.n_all, ==, 14);
  g_assert_cmpfloat (first.page, >, 400);
  /* Rows to spare: the test says nothing otherwise. */
  g_assert_cmpuint (first.n_rows, <, first.n_all);
  row = first.filled / first.n_rows;
  g_test_message ("%s: %u rows of %.0f px for a list of %.0f px", language, first.n_rows, row, first.page);
  g_assert_cmpfloat (first.filled, >=, first.page);
  g_assert_cmpfloat (first.filled - first.page, <, 2 * row);
}

static gboolean
shows_none_page (gpointer data)
{
  Fixture *f = data;
  GtkWidget *page = gtk_stack_get_child_by_name (f->window->detail_stack, "none");

  return page != NULL && gtk_widget_get_mapped (page);
}

/* The detail pane's "No Case Selected" comes just after the first frame,
 * which it would cost as much as two rows; a case unselected before
 * that frame brings it at once. */
static void
test_none_page_after_first_frame (Fixture       *f,
                                  gconstpointer  user_data)
{
  guint n_paints = 0;

  gtk_window_present (GTK_WINDOW (f->window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)), "after-paint",
                    G_CALLBACK (count_paint), &n_paints);
  g_assert_null (gtk_stack_get_child_by_name (f->window->detail_stack, "none"));

  g_assert_true (casebook_test_wait_until (shows_none_page, f));
  g_assert_cmpuint (n_paints, >=, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->detail_stack), ==, "none");
  g_assert_cmpstr (adw_status_page_get_title (f->window->none_page), ==, "No Case Selected");
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)), count_paint, &n_paints);

  /* A case shown and let go again: the same page. */
  _casebook_window_select_case (f->window, "report-2.1");
  f->text = "30% → 80%";
  g_assert_true (casebook_test_wait_until (shows_text, f));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->detail_stack), ==, "case");
  _casebook_window_show_case (f->window, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->detail_stack), ==, "none");
  g_assert_true (gtk_stack_get_child_by_name (f->window->detail_stack, "none") == GTK_WIDGET (f->window->none_page));
}

/* Unshown, the window has not painted: a case let go makes the page. */
static void
test_none_page_when_unselected_first (Fixture       *f,
                                      gconstpointer  user_data)
{
  _casebook_window_select_case (f->window, "report-2.1");
  g_assert_null (gtk_stack_get_child_by_name (f->window->detail_stack, "none"));
  _casebook_window_show_case (f->window, NULL);
  g_assert_nonnull (f->window->none_page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->detail_stack), ==, "none");
}

static gboolean
is_idle (gpointer data)
{
  return !_casebook_window_is_busy (data);
}

static gboolean
shows_spinner (gpointer data)
{
  CasebookWindow *window = data;

  return gtk_widget_get_visible (GTK_WIDGET (window->spinner));
}

static void
run_main_loop_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* The spinner comes on when the window's work lasts a moment, and goes
 * with the work; work over sooner shows none. */
static void
test_spinner_after_a_moment (Fixture       *f,
                             gconstpointer  user_data)
{
  GtkWidget *spinner = GTK_WIDGET (f->window->spinner);

  g_assert_true (casebook_test_wait_until (is_idle, f->window));
  g_assert_false (gtk_widget_get_visible (spinner));

  _casebook_window_hold_busy (f->window, TRUE);
  g_assert_true (_casebook_window_is_busy (f->window));
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_true (casebook_test_wait_until (shows_spinner, f->window));
  g_assert_true (gtk_spinner_get_spinning (f->window->spinner));

  _casebook_window_hold_busy (f->window, FALSE);
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_false (gtk_spinner_get_spinning (f->window->spinner));
  g_assert_false (_casebook_window_is_busy (f->window));

  /* Work that ends before the spinner was due leaves it off. */
  _casebook_window_hold_busy (f->window, TRUE);
  _casebook_window_hold_busy (f->window, FALSE);
  run_main_loop_for (1000);
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_false (_casebook_window_is_busy (f->window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* GTK must print no warnings at all while the window is used. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add ("/window/opens-with-cases", Fixture, NULL, fixture_setup, test_opens_with_cases, fixture_teardown);
  g_test_add ("/window/facet-narrows-list-and-counts", Fixture, NULL, fixture_setup, test_facet_narrows, fixture_teardown);
  g_test_add ("/window/search-no-results-keeps-filters", Fixture, NULL, fixture_setup, test_search_no_results,
              fixture_teardown);
  g_test_add ("/window/search-two-chinese-characters", Fixture, NULL, fixture_setup, test_search_chinese_word, fixture_teardown);
  g_test_add ("/window/empty-page/made-when-first-needed", Fixture, NULL, fixture_setup, test_empty_page_made_when_needed,
              fixture_teardown);
  g_test_add ("/window/search/snippets", Fixture, NULL, fixture_setup, test_search_snippets, fixture_teardown);
  g_test_add ("/window/technology-chip-filters", Fixture, NULL, fixture_setup, test_technology_chip_filters,
              fixture_teardown);
  g_test_add ("/window/selection-shows-detail", Fixture, NULL, fixture_setup, test_select_shows_detail, fixture_teardown);
  g_test_add ("/window/language-switch", Fixture, NULL, fixture_setup, test_language_switch, fixture_teardown);
  g_test_add ("/window/shortcuts/views-and-close", Fixture, NULL, fixture_setup, test_view_shortcuts, fixture_teardown);
  g_test_add ("/window/shortcuts/window-made-when-asked", Fixture, NULL, fixture_setup, test_shortcuts_window,
              fixture_teardown);
  g_test_add ("/window/narrow/fits-360", Fixture, GINT_TO_POINTER (360), fixture_setup, test_narrow, fixture_teardown);
  g_test_add ("/window/header/switchers-and-title-by-width", Fixture, NULL, fixture_setup, test_switcher_bar,
              fixture_teardown);
  g_test_add ("/window/first-frame/facet-counts-after-it", Fixture, NULL, fixture_setup_unshown,
              test_facets_after_first_frame, fixture_teardown);
  /* The first step guesses from the window's remembered height (720 px
   * at first): these windows are lower and taller than that. */
  g_test_add ("/window/first-frame/rows-fill-the-list/en-low", Fixture, "en/1280/700", fixture_setup_unshown_wide,
              test_first_rows_fill_the_list, fixture_teardown);
  g_test_add ("/window/first-frame/rows-fill-the-list/zh-tall", Fixture, "zh/1280/950", fixture_setup_unshown_wide,
              test_first_rows_fill_the_list, fixture_teardown);
  g_test_add ("/window/first-frame/rows-fill-the-list/en-narrow-tall", Fixture, "en/760/950",
              fixture_setup_unshown_wide, test_first_rows_fill_the_list, fixture_teardown);
  g_test_add ("/window/first-frame/no-case-selected-after-it", Fixture, NULL, fixture_setup_unshown,
              test_none_page_after_first_frame, fixture_teardown);
  g_test_add ("/window/first-frame/no-case-selected-when-unselected-before-it", Fixture, NULL, fixture_setup_unshown,
              test_none_page_when_unselected_first, fixture_teardown);
  g_test_add ("/window/spinner/comes-on-after-a-moment", Fixture, NULL, fixture_setup, test_spinner_after_a_moment,
              fixture_teardown);
  g_test_add_func ("/window/reports-unopenable-store", test_window_reports_unopenable_store);
  g_test_add_func ("/window/lang-property", test_window_lang_property);

  return g_test_run ();
}
