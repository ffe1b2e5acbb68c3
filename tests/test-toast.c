/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "casebook-test-display.h"
#include "casebook-toast.h"

/* Toasts that libadwaita 1.2 cannot crash on. Dismissing a toast while
 * its show animation runs (from our code, its close button, or its own
 * button, which dismisses it) crashes the process when the animation
 * ends; a toast of high priority that pushes back one still coming on
 * screen makes the overlay abort when the newer one goes soon after.
 * These tests do each at every moment of the show animation and after
 * it, through casebook_toast_add() and casebook_toast_dismiss(). */

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
      casebook_toast_add (f->overlay, toast);
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
  casebook_toast_add (f->overlay, first);
  g_assert_true (casebook_test_wait_until (is_mapped, first_title));

  g_signal_connect (queued, "dismissed", G_CALLBACK (count_dismissal), &n_dismissed);
  casebook_toast_add (f->overlay, queued);
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


/* A label showing @text inside @widget, on screen. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} Shown;

static gboolean
is_shown (gpointer data)
{
  Shown *s = data;
  GtkWidget *label = find_label (s->root, s->text);

  return label != NULL && gtk_widget_get_mapped (label);
}

static gboolean
is_not_shown (gpointer data)
{
  return !is_shown (data);
}

/* The button inside @widget whose label is @text, such as "_Undo". */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The round button that closes the toast showing @text. */
static GtkWidget *
find_close_button (GtkWidget  *overlay,
                   const char *text)
{
  GtkWidget *label = find_label (overlay, text);
  GtkWidget *toast_widget = label;

  g_assert_nonnull (label);
  while (gtk_widget_get_parent (toast_widget) != overlay)
    toast_widget = gtk_widget_get_parent (toast_widget);
  for (GtkWidget *child = gtk_widget_get_last_child (toast_widget); child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "window-close-symbolic") == 0)
      return child;
  g_assert_not_reached ();
}

static AdwToast *
counted_toast (const char *text,
               guint      *n_dismissed)
{
  AdwToast *toast = casebook_toast_new (text);

  adw_toast_set_timeout (toast, 0);
  g_signal_connect (toast, "dismissed", G_CALLBACK (count_dismissal), n_dismissed);
  return toast;
}

static const guint show_delays[] = { 0, 16, 120, 300, 450 };

/* A toast of high priority pushes the one on screen back into the queue,
 * at any moment of that one's show animation: the newer toast shows, the
 * older one comes back once the newer one goes, and closing the window
 * afterwards leaves the process alive. */
static void
test_high_priority_during_show (Fixture       *f,
                                gconstpointer  user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (show_delays); i++)
    {
      guint n_older = 0, n_newer = 0;
      AdwToast *older = counted_toast ("Older", &n_older);
      AdwToast *newer = counted_toast ("Newer", &n_newer);
      Shown older_shown = { GTK_WIDGET (f->overlay), "Older" };
      Shown newer_shown = { GTK_WIDGET (f->overlay), "Newer" };

      g_object_ref (newer);
      casebook_toast_add (f->overlay, older);
      g_assert_true (casebook_test_wait_until (is_shown, &older_shown));
      run_for (show_delays[i]);

      adw_toast_set_priority (newer, ADW_TOAST_PRIORITY_HIGH);
      casebook_toast_add (f->overlay, newer);
      g_assert_true (casebook_test_wait_until (is_shown, &newer_shown));

      /* At once, while the older one still hides. */
      casebook_toast_dismiss (newer);
      g_assert_true (casebook_test_wait_until (is_at_least_one, &n_newer));
      g_assert_true (casebook_test_wait_until (is_shown, &older_shown));
      g_assert_cmpuint (n_newer, ==, 1);
      g_assert_cmpuint (n_older, ==, 0);
      g_assert_true (casebook_test_wait_until (is_not_shown, &newer_shown));
      g_object_unref (newer);

      /* The window goes while the older toast comes back on screen. */
      run_for (show_delays[i]);
      gtk_window_destroy (f->window);
      run_for (800);
      g_assert_cmpuint (n_older, ==, 1);
      g_assert_cmpuint (n_newer, ==, 1);
      fixture_setup (f, NULL);
    }
}

/* Toasts of high priority that come at once replace each other in turn,
 * as libadwaita shows them: the newest first, then the one before it,
 * then the oldest; and the window closes with them in the queue. */
static void
test_high_priority_in_a_row (Fixture       *f,
                             gconstpointer  user_data)
{
  guint n_first = 0, n_second = 0, n_third = 0;
  AdwToast *first = counted_toast ("First", &n_first);
  AdwToast *second = counted_toast ("Second", &n_second);
  AdwToast *third = counted_toast ("Third", &n_third);
  Shown first_shown = { GTK_WIDGET (f->overlay), "First" };
  Shown second_shown = { GTK_WIDGET (f->overlay), "Second" };
  Shown third_shown = { GTK_WIDGET (f->overlay), "Third" };

  g_object_ref (second);
  g_object_ref (third);
  adw_toast_set_priority (second, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_priority (third, ADW_TOAST_PRIORITY_HIGH);
  casebook_toast_add (f->overlay, first);
  casebook_toast_add (f->overlay, second);
  casebook_toast_add (f->overlay, third);

  g_assert_true (casebook_test_wait_until (is_shown, &third_shown));
  casebook_toast_dismiss (third);
  g_assert_true (casebook_test_wait_until (is_shown, &second_shown));
  g_assert_true (casebook_test_wait_until (is_not_shown, &third_shown));
  casebook_toast_dismiss (second);
  g_assert_true (casebook_test_wait_until (is_shown, &first_shown));
  g_assert_true (casebook_test_wait_until (is_not_shown, &second_shown));
  g_assert_cmpuint (n_first, ==, 0);
  g_assert_cmpuint (n_second, ==, 1);
  g_assert_cmpuint (n_third, ==, 1);
  g_object_unref (second);
  g_object_unref (third);
}

/* The window closes right after toasts of high priority pushed back
 * ones that were still coming on screen, as a deletion's progress toast
 * and then its Undo toast do to a status message; or later, with the
 * toasts they pushed back in the overlay's queue. */
static void
test_high_priority_then_close (Fixture       *f,
                               gconstpointer  user_data)
{
  const guint delays[] = { 0, 16, 120, 300, 450, 900 };

  for (guint i = 0; i < G_N_ELEMENTS (delays); i++)
    {
      guint n_older = 0, n_working = 0, n_newer = 0;
      AdwToast *older = counted_toast ("Older", &n_older);
      AdwToast *working = counted_toast ("Working", &n_working);
      AdwToast *newer = counted_toast ("Newer", &n_newer);
      Shown older_shown = { GTK_WIDGET (f->overlay), "Older" };

      casebook_toast_add (f->overlay, older);
      /* The first time, all come at once. */
      if (i > 0)
        g_assert_true (casebook_test_wait_until (is_shown, &older_shown));
      adw_toast_set_priority (working, ADW_TOAST_PRIORITY_HIGH);
      casebook_toast_add (f->overlay, working);
      run_for (delays[i]);
      adw_toast_set_priority (newer, ADW_TOAST_PRIORITY_HIGH);
      casebook_toast_add (f->overlay, newer);
      run_for (delays[i]);

      gtk_window_destroy (f->window);
      run_for (800);
      /* Each went with the window, once. */
      g_assert_cmpuint (n_older, ==, 1);
      g_assert_cmpuint (n_working, ==, 1);
      g_assert_cmpuint (n_newer, ==, 1);
      fixture_setup (f, NULL);
    }
}

static void
count_click (AdwToast *toast,
             guint    *n)
{
  (*n)++;
}

/* A click on a toast's button at any moment of its show animation: what
 * the button does happens once, also when it is clicked again while the
 * toast goes, and the toast goes, once. */
static void
test_early_button_click (Fixture       *f,
                         gconstpointer  user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (show_delays); i++)
    {
      guint n_dismissed = 0, n_clicked = 0;
      AdwToast *toast = counted_toast ("Deleted", &n_dismissed);
      Shown shown = { GTK_WIDGET (f->overlay), "Deleted" };
      GtkWidget *button;

      adw_toast_set_button_label (toast, "_Undo");
      g_signal_connect (toast, "button-clicked", G_CALLBACK (count_click), &n_clicked);
      casebook_toast_add (f->overlay, toast);
      g_assert_true (casebook_test_wait_until (is_shown, &shown));
      run_for (show_delays[i]);

      button = g_object_ref (find_button (GTK_WIDGET (f->overlay), "_Undo"));
      g_signal_emit_by_name (button, "clicked");
      g_assert_cmpuint (n_clicked, ==, 1);
      run_for (30);
      if (gtk_widget_get_mapped (button) && gtk_widget_get_can_target (button))
        g_signal_emit_by_name (button, "clicked");
      g_object_unref (button);

      g_assert_true (casebook_test_wait_until (is_at_least_one, &n_dismissed));
      run_for (800);
      g_assert_cmpuint (n_dismissed, ==, 1);
      g_assert_cmpuint (n_clicked, ==, 1);
      g_assert_false (is_shown (&shown));
    }
}

/* The same with the toast's close button. */
static void
test_early_close_click (Fixture       *f,
                        gconstpointer  user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (show_delays); i++)
    {
      guint n_dismissed = 0;
      AdwToast *toast = counted_toast ("Saved", &n_dismissed);
      Shown shown = { GTK_WIDGET (f->overlay), "Saved" };

      casebook_toast_add (f->overlay, toast);
      g_assert_true (casebook_test_wait_until (is_shown, &shown));
      run_for (show_delays[i]);

      g_signal_emit_by_name (find_close_button (GTK_WIDGET (f->overlay), "Saved"), "clicked");
      g_assert_true (casebook_test_wait_until (is_at_least_one, &n_dismissed));
      run_for (800);
      g_assert_cmpuint (n_dismissed, ==, 1);
      g_assert_false (is_shown (&shown));
    }
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

  g_test_add ("/toast/high-priority-during-show-animation", Fixture, NULL, fixture_setup,
              test_high_priority_during_show, fixture_teardown);
  g_test_add ("/toast/high-priority-in-a-row", Fixture, NULL, fixture_setup, test_high_priority_in_a_row,
              fixture_teardown);
  g_test_add ("/toast/high-priority-then-close", Fixture, NULL, fixture_setup, test_high_priority_then_close,
              fixture_teardown);
  g_test_add ("/toast/early-button-click", Fixture, NULL, fixture_setup, test_early_button_click,
              fixture_teardown);
  g_test_add ("/toast/early-close-click", Fixture, NULL, fixture_setup, test_early_close_click,
              fixture_teardown);

  return g_test_run ();
}
