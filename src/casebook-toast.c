/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-toast"

#include "config.h"

#include "casebook-toast.h"

/* Toasts that can be taken away safely.
 *
 * libadwaita 1.2 frees a toast's record while the toast's show animation
 * still refers to it when the toast is dismissed during that animation,
 * and the process crashes when the animation ends. A toast made here
 * carries a title widget of the caller's, which tells, on the frame
 * clock the animation runs on, when the toast came on screen; dismissing
 * it waits until the animation is over. */

/* Longer than the overlay's longest show animation (half a second). */
#define SETTLE_USEC (700 * G_TIME_SPAN_MILLISECOND)

#define SHOWN_AT_KEY "casebook-toast-shown-at"

static gint64
frame_time (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  return clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
}

static void
on_title_mapped (GtkWidget *title,
                 AdwToast  *toast)
{
  gint64 *shown_at = g_object_get_data (G_OBJECT (toast), SHOWN_AT_KEY);

  /* A toast pushed back into the queue by a more urgent one comes on
   * screen again, with a new show animation. */
  *shown_at = frame_time (title);
}

/**
 * casebook_toast_new_with_title:
 * @title: the toast's title widget
 *
 * Returns: (transfer full): a toast with @title, which
 *   casebook_toast_dismiss() can take away at any time
 */
AdwToast *
casebook_toast_new_with_title (GtkWidget *title)
{
  AdwToast *toast = adw_toast_new ("");

  g_object_set_data_full (G_OBJECT (toast), SHOWN_AT_KEY, g_new0 (gint64, 1), g_free);
  adw_toast_set_custom_title (toast, title);
  g_signal_connect_object (title, "map", G_CALLBACK (on_title_mapped), toast, 0);

  return toast;
}

/**
 * casebook_toast_is_settled:
 * @toast: a toast from casebook_toast_new_with_title()
 *
 * Returns: whether @toast can be dismissed at once: it waits in the queue
 *   and has not been on screen, or its show animation is over
 */
gboolean
casebook_toast_is_settled (AdwToast *toast)
{
  GtkWidget *title = adw_toast_get_custom_title (toast);
  gint64 *shown_at = g_object_get_data (G_OBJECT (toast), SHOWN_AT_KEY);

  g_return_val_if_fail (shown_at != NULL, FALSE);

  if (title == NULL || !gtk_widget_get_mapped (title))
    return TRUE;

  return frame_time (title) - *shown_at >= SETTLE_USEC;
}

static gboolean
dismiss_when_settled (GtkWidget     *title,
                      GdkFrameClock *clock,
                      gpointer       data)
{
  AdwToast *toast = data;

  if (!casebook_toast_is_settled (toast))
    return G_SOURCE_CONTINUE;

  adw_toast_dismiss (toast);
  return G_SOURCE_REMOVE;
}

/**
 * casebook_toast_dismiss:
 * @toast: a toast from casebook_toast_new_with_title()
 *
 * Takes @toast away: at once when that is safe, else on the first frame
 * after its show animation.
 */
void
casebook_toast_dismiss (AdwToast *toast)
{
  g_return_if_fail (ADW_IS_TOAST (toast));

  if (casebook_toast_is_settled (toast))
    adw_toast_dismiss (toast);
  else
    /* The title dies with the toast, and its tick callbacks with it. */
    gtk_widget_add_tick_callback (adw_toast_get_custom_title (toast), dismiss_when_settled, toast, NULL);
}
