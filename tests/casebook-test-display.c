/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "casebook-test-display.h"

/**
 * casebook_test_wait_until:
 *
 * Runs the main loop until @condition holds, for at most ten seconds.
 *
 * Returns: whether @condition held
 */
gboolean
casebook_test_wait_until (CasebookTestCondition condition,
                          gpointer              data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      if (condition (data))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }

  return condition (data);
}

/**
 * casebook_test_settle:
 *
 * Lets the window finish what it has to do now: about a tenth of a
 * second of main loop, drained each time.
 */
void
casebook_test_settle (void)
{
  for (guint i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

/**
 * casebook_test_find_widget:
 *
 * Returns: (transfer none) (nullable): the first descendant of @widget of
 *   @type, depth first
 */
GtkWidget *
casebook_test_find_widget (GtkWidget *widget,
                           GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = casebook_test_find_widget (child, type)) != NULL)
        return found;
    }

  return NULL;
}

/**
 * casebook_test_find_message_dialog:
 * @heading: (nullable): the dialog's heading, or %NULL for any
 *
 * Returns: (transfer none) (nullable): a message dialog on show with
 *   @heading
 */
AdwMessageDialog *
casebook_test_find_message_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          (heading == NULL || g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}
