/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "casebook-application.h"
#include "casebook-case-row.h"
#include "casebook-test-util.h"
#include "casebook-window.h"

static void
collect_heading_labels (GtkWidget *widget,
                        GPtrArray *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "heading") &&
          gtk_widget_get_mapped (child))
        g_ptr_array_add (labels, g_strdup (gtk_label_get_label (GTK_LABEL (child))));
      collect_heading_labels (child, labels);
    }
}

static gboolean
wait_for_rows (GtkWidget *window,
               GPtrArray *labels)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_ptr_array_set_size (labels, 0);
      collect_heading_labels (window, labels);
      if (labels->len > 0)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }

  return FALSE;
}

/* Each test gets an application of its own, on its own bus name. */
static void
start_app (CasebookApplication *app)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("io.github.casebook.Casebook.Test%u", ++counter);
  g_autoptr(GError) error = NULL;

  g_application_set_application_id (G_APPLICATION (app), id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
}

static void
test_window_lists_cases (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookApplication) app = casebook_application_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  CasebookWindow *window;
  GListModel *cases;

  start_app (app);
  casebook_application_set_db_path (app, db);

  window = casebook_window_new (app, casebook_application_get_store (app), NULL);
  gtk_window_present (GTK_WINDOW (window));

  cases = casebook_window_get_cases (window);
  g_assert_nonnull (cases);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 14);

  g_assert_true (wait_for_rows (GTK_WIDGET (window), labels));

  /* The first rows are on screen, in title order, with real titles. */
  g_assert_cmpuint (labels->len, >=, 5);
  g_assert_true (g_ptr_array_find_with_equal_func (labels, "Business integration failure", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (labels, "Containerization at a large e-commerce platform",
                                                   g_str_equal, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  casebook_test_rmdir (dir);
}

static void
test_window_reports_unopenable_store (void)
{
  g_autofree char *dir = casebook_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "store.db", NULL);
  g_autoptr(CasebookApplication) app = casebook_application_new ();
  g_autoptr(GError) store_error = g_error_new_literal (CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NEWER_SCHEMA,
                                                       "written by a newer version");
  CasebookWindow *window;

  start_app (app);

  window = casebook_window_new (app, NULL, store_error);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (casebook_window_get_cases (window));
  gtk_window_destroy (GTK_WINDOW (window));
  casebook_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/lists-cases", test_window_lists_cases);
  g_test_add_func ("/window/reports-unopenable-store", test_window_reports_unopenable_store);

  return g_test_run ();
}
