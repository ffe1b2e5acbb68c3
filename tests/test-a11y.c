/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "casebook-tooltip.h"
#include "casebook-application-private.h"
#include "casebook-case-list.h"
#include "casebook-case-row.h"
#include "casebook-test-display.h"
#include "casebook-test-util.h"
#include "casebook-window-private.h"

/* A screen reader names a control by its accessible label, by the widgets
 * that label it, or by the text inside it. A control with none of these
 * is read out by its widget type ("GtkImage", "GtkToggleButton"), which
 * tells a person nothing. These tests walk every page of the window and
 * fail on each control a person can reach that has no name. */

static gboolean
is_text_label (GtkWidget *widget)
{
  const char *text;

  if (!GTK_IS_LABEL (widget))
    return FALSE;

  text = gtk_label_get_text (GTK_LABEL (widget));
  return text != NULL && *text != '\0';
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_ptr_array_add (labels, child);
      collect_labels (child, labels);
    }
}

/* Whether @target, which labels @widget, says something: a label with
 * text, or a widget with an accessible label of its own. */
static gboolean
is_telling (GtkWidget *target)
{
  return is_text_label (target) ||
         gtk_test_accessible_has_property (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* GTK 4.8 names a control by its accessible label, or else by the
 * widgets its "labelled-by" relation lists. A button labels itself by its
 * child, which for an icon button is a GtkImage: read out as "GtkImage".
 * The relation's list cannot be read, only compared, so it is compared
 * with each widget that could label @widget: its parent, its first child
 * and every label near it. */
static gboolean
is_named (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  GtkWidget *parent = gtk_widget_get_parent (widget);
  g_autofree char *empty = NULL;

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;
  if (!gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return FALSE;
  /* Set to an empty list. */
  if ((empty = gtk_test_accessible_check_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY, NULL)) == NULL)
    return FALSE;

  /* A menu button's own toggle is labelled by the menu button. */
  if (parent != NULL)
    g_ptr_array_add (candidates, parent);
  if (gtk_widget_get_first_child (widget) != NULL)
    g_ptr_array_add (candidates, gtk_widget_get_first_child (widget));
  collect_labels (parent != NULL ? parent : widget, candidates);

  for (guint i = 0; i < candidates->len; i++)
    {
      GtkWidget *target = g_ptr_array_index (candidates, i);
      g_autofree char *differs = gtk_test_accessible_check_relation (accessible,
                                                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                                     target, NULL);

      if (differs == NULL)
        return is_telling (target);
    }

  /* Labelled by several widgets, or by one far away: taken as named. */
  return TRUE;
}

/* The controls a person operates: buttons of every kind (a menu button's
 * own toggle is what a screen reader lands on), drop-downs, switches and
 * text fields. */
static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_CHECK_BUTTON (widget) || GTK_IS_TEXT (widget);
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *report)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;

      /* libadwaita 1.2's toast has an unnamed close button of its own;
       * later versions name it. Casebook cannot reach inside. */
      if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget"))
        continue;

      /* A text field inside an entry is named through the entry. */
      if (GTK_IS_TEXT (child) && gtk_widget_get_parent (child) != NULL &&
          !GTK_IS_TEXT (gtk_widget_get_parent (child)) &&
          is_named (gtk_widget_get_parent (child)))
        ;
      else if (is_control (child) && !is_named (child))
        {
          const char *tooltip = casebook_tooltip_get_text (child);

          g_string_append_printf (report, "\n  %s (css name %s%s%s%s)",
                                  G_OBJECT_TYPE_NAME (child),
                                  gtk_widget_get_css_name (child),
                                  tooltip != NULL ? ", tooltip \"" : "",
                                  tooltip != NULL ? tooltip : "",
                                  tooltip != NULL ? "\"" : "");
          if (gtk_widget_get_parent (child) != NULL)
            g_string_append_printf (report, " in %s", G_OBJECT_TYPE_NAME (gtk_widget_get_parent (child)));
        }

      collect_unnamed (child, report);
    }
}

static void
assert_all_named (GtkWidget  *root,
                  const char *where)
{
  g_autoptr(GString) report = g_string_new (NULL);

  collect_unnamed (root, report);
  if (report->len > 0)
    g_error ("%s: these controls have no accessible name:%s", where, report->str);
}

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

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("io.github.casebook.Casebook.A11yTest%u", ++counter);
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

static void
test_every_page_named (Fixture       *f,
                       gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (f->window);

  assert_all_named (window, "the case list");

  /* A case's page, with its facts, outcomes and menus. */
  _casebook_window_select_case (f->window, "2.1");
  casebook_test_settle ();
  assert_all_named (window, "a case's page");

  gtk_widget_activate_action (window, "win.show-view", "s", "compare");
  casebook_test_settle ();
  assert_all_named (window, "Compare");

  gtk_widget_activate_action (window, "win.show-view", "s", "insights");
  casebook_test_settle ();
  assert_all_named (window, "Insights");

  /* The filter pane, shown over the list. */
  gtk_widget_activate_action (window, "win.show-view", "s", "cases");
  gtk_widget_activate_action (window, "win.toggle-filters", NULL);
  casebook_test_settle ();
  assert_all_named (window, "the filter pane");
}

static GtkWidget *
find_label_with_class (GtkWidget  *widget,
                       const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, css_class))
        return child;
      if ((found = find_label_with_class (child, css_class)) != NULL)
        return found;
    }

  return NULL;
}

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

/* A row says what the eye sees: the title, the sector and, for the red
 * rows, that the case is a failure. */
static void
test_rows_named (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint n_failures = 0;

  collect_rows (GTK_WIDGET (f->window), rows);
  g_assert_cmpuint (rows->len, >, 3);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkWidget *title = find_label_with_class (row, "heading");
      GtkWidget *sector = find_label_with_class (row, "caption-heading");
      g_autofree char *expected = NULL;
      g_autofree char *differs = NULL;

      g_assert_nonnull (title);
      g_assert_nonnull (sector);
      if (gtk_widget_has_css_class (row, "failure"))
        {
          expected = g_strdup_printf ("%s, %s, a failure case",
                                      gtk_label_get_text (GTK_LABEL (title)),
                                      gtk_label_get_text (GTK_LABEL (sector)));
          n_failures++;
        }
      else
        expected = g_strdup_printf ("%s, %s",
                                    gtk_label_get_text (GTK_LABEL (title)),
                                    gtk_label_get_text (GTK_LABEL (sector)));

      differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
      if (differs != NULL)
        g_error ("row %u is named “%s”, not “%s”", i, differs, expected);
    }

  /* The report has three failure cases; the first screenful of rows,
   * sorted by title, holds at least one of them. */
  g_assert_cmpuint (n_failures, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add ("/a11y/every-control-named/wide", Fixture, GINT_TO_POINTER (1280),
              fixture_setup, test_every_page_named, fixture_teardown);
  g_test_add ("/a11y/every-control-named/narrow", Fixture, GINT_TO_POINTER (360),
              fixture_setup, test_every_page_named, fixture_teardown);

  g_test_add ("/a11y/case-rows-say-title-sector-failure", Fixture, GINT_TO_POINTER (1280),
              fixture_setup, test_rows_named, fixture_teardown);

  return g_test_run ();
}
