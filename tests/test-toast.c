/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "casebook-test-display.h"
#include "casebook-toast.h"

/* Toasts that the window takes away before their time: a progress toast
 * when its work is done, a status message when the next one comes. In
 * libadwaita 1.2, dismissing a toast while its show animation runs
 * crashes the process when the animation ends; these tests dismiss at
 * every moment of that animation and after it. */

typedef struct
{
  GtkWindow       *window;
  AdwToastOverlay *overlay;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (f->overlay, gtk_label_new ("content"));
  gtk_window_set_child (f->window, GTK_WIDGET (f->overlay));
  gtk_window_set_default_size (f->window, 640, 480);
  gtk_window_present (f->window);
  casebook_test_settle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  gtk_window_destroy (f->window);
  casebook_test_settle ();
}

static void
count_dismissal (AdwToast *toast,
                 guint    *n)
{
  (*n)++;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
is_at_least_one (gpointer data)
{
  return *(guint *) data >= 1;
}

/* Runs the main loop for about @ms milliseconds of frames. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_dismiss_during_show (Fixture       *f,
                          gconstpointer  user_data)
{
  const guint delays[] = { 0, 16, 50, 120, 250, 400, 600, 900 };

  for (guint i = 0; i < G_N_ELEMENTS (delays); i++)
    {
      /* Kept to look at after the toast has gone. */
      GtkWidget *title = g_object_ref_sink (gtk_label_new ("Saving…"));
      AdwToast *toast = casebook_toast_new_with_title (title);
      guint n_dismissed = 0;

      adw_toast_set_timeout (toast, 0);
      g_signal_connect (toast, "dismissed", G_CALLBACK (count_dismissal), &n_dismissed);
      adw_toast_overlay_add_toast (f->overlay, toast);
      g_assert_true (casebook_test_wait_until (is_mapped, title));

      run_for (delays[i]);
      casebook_toast_dismiss (toast);

      /* Taken away, once, and the overlay lives through the end of both
       * animations. */
      g_assert_true (casebook_test_wait_until (is_at_least_one, &n_dismissed));
      run_for (800);
      g_assert_cmpuint (n_dismissed, ==, 1);
      g_assert_false (gtk_widget_get_mapped (title));
      g_object_unref (title);
    }
}

static void
test_queued_goes_at_once (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autoptr(GtkWidget) first_title = g_object_ref_sink (gtk_label_new ("Importing…"));
  AdwToast *first = casebook_toast_new_with_title (first_title);
  AdwToast *queued = casebook_toast_new_with_title (gtk_label_new ("Queued"));
  guint n_dismissed = 0;

  adw_toast_set_timeout (first, 0);
  adw_toast_overlay_add_toast (f->overlay, first);
  g_assert_true (casebook_test_wait_until (is_mapped, first_title));

  g_signal_connect (queued, "dismissed", G_CALLBACK (count_dismissal), &n_dismissed);
  adw_toast_overlay_add_toast (f->overlay, queued);
  g_assert_true (casebook_toast_is_settled (queued));
  casebook_toast_dismiss (queued);
  g_assert_cmpuint (n_dismissed, ==, 1);

  /* The one on screen, just shown, is not settled: it goes after its
   * animation, once. */
  n_dismissed = 0;
  g_signal_connect (first, "dismissed", G_CALLBACK (count_dismissal), &n_dismissed);
  g_assert_false (casebook_toast_is_settled (first));
  casebook_toast_dismiss (first);
  g_assert_cmpuint (n_dismissed, ==, 0);
  g_assert_true (casebook_test_wait_until (is_at_least_one, &n_dismissed));
  run_for (800);
  g_assert_cmpuint (n_dismissed, ==, 1);
  g_assert_false (gtk_widget_get_mapped (first_title));
}

int
main (int   argc,
      char *argv[])
{
  /* No accessibility bus: its messages would mix with the test's output. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/toast/dismiss-during-show-animation", Fixture, NULL, fixture_setup, test_dismiss_during_show,
              fixture_teardown);
  g_test_add ("/toast/queued-goes-at-once", Fixture, NULL, fixture_setup, test_queued_goes_at_once,
              fixture_teardown);

  return g_test_run ();
}
