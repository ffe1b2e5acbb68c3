/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-toast"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-toast.h"

/* Toasts that libadwaita 1.2 cannot crash on.
 *
 * AdwToastOverlay 1.2 keeps a record for each toast and plays a show
 * animation that still refers to that record when it ends. Two things
 * break it while that animation runs, and pushing back a third:
 *
 * - dismissing the toast (our code, its close button, its own button,
 *   which dismisses it on the next idle, or Escape): the record is freed
 *   when the hide animation ends, which can be before the show animation
 *   does, and the process crashes when the show animation ends;
 * - a toast of high priority, which pushes the one on screen back into
 *   the queue: when the newer one goes before the older one has finished
 *   hiding, the overlay shows the older one again while its widget is
 *   still there, and aborts;
 * - an overlay disposed of with a toast it pushed back in its queue, or
 *   showing one that came back from there, crashes.
 *
 * Every toast of the application is made here, with a title widget of
 * ours that tells, on the frame clock the animations run on, when the
 * toast came on screen; and added here. A dismissal that comes while
 * the show animation runs is held back (its emission stopped before the
 * overlay's handler sees it) and made again once the animation is over.
 * A toast that would push the one on screen back waits until no toast of
 * the overlay is in its show animation. Each such wait is shorter than a
 * second. As the overlay is unrealized, its toasts go while that is
 * still safe. */

/* Longer than the overlay's longest show animation (half a second), and
 * than its hide animation, so that a toast pushed back has finished
 * hiding before the toast that pushed it can go. */
#define SETTLE_USEC (700 * G_TIME_SPAN_MILLISECOND)

#define STATE_KEY "casebook-toast-state"
#define OVERLAY_KEY "casebook-toast-overlay"

typedef struct
{
  gint64           shown_at;
  /* Both cleared when the overlay goes. */
  AdwToastOverlay *overlay;     /* where it was added, until it goes */
  AdwToastOverlay *held_on;     /* waiting to be added to this one */
  guint            tick_id;     /* a held-back dismissal waits for frames */
  guint            idle_id;     /* … or, off screen, for the next idle */
  guint            pending : 1; /* a dismissal is held back */
  guint            passing : 1; /* the dismissal goes through */
  guint            clicked : 1; /* its button was clicked */
} ToastState;

typedef struct
{
  AdwToastOverlay *overlay;
  GList           *toasts;  /* (element-type AdwToast) (owned) added, not yet gone */
  GQueue           held;    /* (element-type AdwToast) (owned) waiting to be added */
  guint            tick_id;
} OverlayState;

static void dismiss_now          (AdwToast     *toast);
static void on_overlay_unrealize (GtkWidget    *overlay,
                                  OverlayState *ostate);

static ToastState *
toast_state (AdwToast *toast)
{
  return g_object_get_data (G_OBJECT (toast), STATE_KEY);
}

static void
toast_state_free (gpointer data)
{
  ToastState *state = data;

  g_clear_handle_id (&state->idle_id, g_source_remove);
  g_free (state);
}

static gint64
frame_time (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  return clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
}

/* The toast's widget inside the overlay, around its title. */
static GtkWidget *
toast_widget (AdwToast *toast)
{
  GtkWidget *widget = adw_toast_get_custom_title (toast);

  while (widget != NULL && gtk_widget_get_parent (widget) != NULL
         && !ADW_IS_TOAST_OVERLAY (gtk_widget_get_parent (widget)))
    widget = gtk_widget_get_parent (widget);
  return widget != NULL && gtk_widget_get_parent (widget) != NULL ? widget : NULL;
}

/* What libadwaita does to a toast as it starts to hide: no more clicks
 * or focus, so that its button does not act twice. */
static void
stop_input (AdwToast *toast)
{
  GtkWidget *widget = toast_widget (toast);

  if (widget != NULL)
    {
      gtk_widget_set_can_target (widget, FALSE);
      gtk_widget_set_can_focus (widget, FALSE);
    }
}

/* Overlays */

static void
overlay_forget (OverlayState *ostate,
                AdwToast     *toast)
{
  GList *link = g_list_find (ostate->toasts, toast);

  if (link != NULL)
    {
      ostate->toasts = g_list_delete_link (ostate->toasts, link);
      g_object_unref (toast);
    }
}

static gboolean
overlay_is_settled (OverlayState *ostate)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (ostate->overlay)))
    return TRUE;

  for (GList *l = ostate->toasts; l != NULL; l = l->next)
    if (!casebook_toast_is_settled (l->data))
      return FALSE;
  return TRUE;
}

/* Whether @toast would push a toast on screen back into the queue. */
static gboolean
must_wait (OverlayState *ostate,
           AdwToast     *toast)
{
  return adw_toast_get_priority (toast) == ADW_TOAST_PRIORITY_HIGH && !overlay_is_settled (ostate);
}

static void
really_add (OverlayState *ostate,
            AdwToast     *toast)
{
  ToastState *state = toast_state (toast);

  state->overlay = ostate->overlay;
  ostate->toasts = g_list_prepend (ostate->toasts, g_object_ref (toast));
  adw_toast_overlay_add_toast (ostate->overlay, toast);
}

/* Adds the toasts that waited, in the order they came, as far as none
 * has to wait any more. */
static void
add_held (OverlayState *ostate)
{
  AdwToast *toast;

  while ((toast = g_queue_peek_head (&ostate->held)) != NULL && !must_wait (ostate, toast))
    {
      g_queue_pop_head (&ostate->held);
      toast_state (toast)->held_on = NULL;
      really_add (ostate, toast);
    }
}

static gboolean
add_held_when_settled (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       data)
{
  OverlayState *ostate = data;

  add_held (ostate);
  if (!g_queue_is_empty (&ostate->held))
    return G_SOURCE_CONTINUE;

  ostate->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
on_overlay_destroy (GtkWidget    *overlay,
                    OverlayState *ostate)
{
  AdwToast *toast;

  g_signal_handlers_disconnect_by_func (overlay, on_overlay_destroy, ostate);
  g_signal_handlers_disconnect_by_func (overlay, on_overlay_unrealize, ostate);
  g_object_set_data (G_OBJECT (overlay), OVERLAY_KEY, NULL);
  for (GList *l = ostate->toasts; l != NULL; l = l->next)
    toast_state (l->data)->overlay = NULL;

  /* The overlay has dismissed the toasts it had; those that never got to
   * it go too, so that whoever waits for them to go hears of it. Its
   * widget is disposed of, and its tick callbacks with it. */
  while ((toast = g_queue_pop_head (&ostate->held)) != NULL)
    {
      toast_state (toast)->held_on = NULL;
      dismiss_now (toast);
      g_object_unref (toast);
    }
  g_list_free_full (ostate->toasts, g_object_unref);
  g_free (ostate);
}

static void
on_overlay_unrealize (GtkWidget    *overlay,
                      OverlayState *ostate)
{
  g_autoptr(GPtrArray) toasts = g_ptr_array_new_with_free_func (g_object_unref);

  /* libadwaita 1.2 crashes when the overlay is disposed of with a toast
   * in its queue that a toast of high priority pushed back, or showing
   * one that came back from there. As the window goes it is unmapped,
   * which ends every animation, then unrealized: here every toast goes
   * the way it goes safely. First those in the queue, so that the
   * overlay shows none of them when the one on screen (whose title is
   * inside the overlay) goes: a toast's title can still be held by the
   * widget it had before (libadwaita keeps that until the idle after
   * its button is clicked), and GTK would refuse it a second parent. */
  for (GList *l = ostate->toasts; l != NULL; l = l->next)
    {
      GtkWidget *title = adw_toast_get_custom_title (l->data);

      if (title == NULL || !gtk_widget_is_ancestor (title, overlay))
        g_ptr_array_insert (toasts, 0, g_object_ref (l->data));
      else
        g_ptr_array_add (toasts, g_object_ref (l->data));
    }
  for (guint i = 0; i < toasts->len; i++)
    {
      AdwToast *toast = g_ptr_array_index (toasts, i);

      if (toast_state (toast)->pending)
        dismiss_now (toast);
      else
        adw_toast_dismiss (toast);
    }
}

static OverlayState *
overlay_state (AdwToastOverlay *overlay)
{
  OverlayState *ostate = g_object_get_data (G_OBJECT (overlay), OVERLAY_KEY);

  if (ostate == NULL)
    {
      ostate = g_new0 (OverlayState, 1);
      ostate->overlay = overlay;
      g_queue_init (&ostate->held);
      g_object_set_data (G_OBJECT (overlay), OVERLAY_KEY, ostate);
      /* GtkWidget emits it as it is disposed of, after the overlay has
       * dismissed its toasts. */
      g_signal_connect (overlay, "destroy", G_CALLBACK (on_overlay_destroy), ostate);
      g_signal_connect (overlay, "unrealize", G_CALLBACK (on_overlay_unrealize), ostate);
    }
  return ostate;
}

/* Dismissals */

/* Lets @toast go: the overlay, and everyone else listening, hear of it. */
static void
dismiss_now (AdwToast *toast)
{
  ToastState *state = toast_state (toast);

  g_object_ref (toast);
  state->pending = FALSE;
  g_clear_handle_id (&state->idle_id, g_source_remove);
  if (state->tick_id != 0)
    {
      guint tick_id = state->tick_id;

      state->tick_id = 0;
      gtk_widget_remove_tick_callback (adw_toast_get_custom_title (toast), tick_id);
    }

  state->passing = TRUE;
  g_signal_emit_by_name (toast, "dismissed");
  state->passing = FALSE;
  g_object_unref (toast);
}

static gboolean
dismiss_when_settled (GtkWidget     *title,
                      GdkFrameClock *clock,
                      gpointer       data)
{
  AdwToast *toast = data;
  ToastState *state = toast_state (toast);

  if (!casebook_toast_is_settled (toast))
    return G_SOURCE_CONTINUE;

  state->tick_id = 0;
  dismiss_now (toast);
  return G_SOURCE_REMOVE;
}

static gboolean
dismiss_on_idle (gpointer data)
{
  AdwToast *toast = data;

  toast_state (toast)->idle_id = 0;
  dismiss_now (toast);
  return G_SOURCE_REMOVE;
}

static void
on_dismissed (AdwToast   *toast,
              ToastState *state)
{
  if (!state->passing && !casebook_toast_is_settled (toast))
    {
      /* libadwaita's own handler, which ran first, has already marked
       * the toast as gone; the overlay's, which comes after this one,
       * must not see it yet. */
      g_signal_stop_emission_by_name (toast, "dismissed");
      if (!state->pending)
        {
          state->pending = TRUE;
          stop_input (toast);
          state->tick_id = gtk_widget_add_tick_callback (adw_toast_get_custom_title (toast), dismiss_when_settled,
                                                         g_object_ref (toast), g_object_unref);
        }
      return;
    }

  state->pending = FALSE;
  if (state->overlay != NULL)
    overlay_forget (overlay_state (state->overlay), toast);
  state->overlay = NULL;
}

static void
on_title_mapped (GtkWidget *title,
                 AdwToast  *toast)
{
  /* A toast pushed back into the queue by a more urgent one comes on
   * screen again, with a new show animation. */
  toast_state (toast)->shown_at = frame_time (title);
}

static void
on_title_unmapped (GtkWidget *title,
                   AdwToast  *toast)
{
  ToastState *state = toast_state (toast);

  /* Off screen no more frames come, and the overlay skips its
   * animations to their end, after this. */
  if (state->pending && state->idle_id == 0)
    state->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, dismiss_on_idle, g_object_ref (toast), g_object_unref);
}

static void
on_button_clicked (AdwToast   *toast,
                   ToastState *state)
{
  /* libadwaita dismisses the toast on the next idle; until then, and
   * while that dismissal is held back, the button must not act again. */
  if (state->clicked || state->pending)
    {
      g_signal_stop_emission_by_name (toast, "button-clicked");
      return;
    }
  state->clicked = TRUE;
  stop_input (toast);
}

/* Public API */

/**
 * casebook_toast_new_with_title:
 * @title: the toast's title widget
 *
 * Makes a toast that shows @title. Add it with casebook_toast_add();
 * it can then be taken away at any time, by casebook_toast_dismiss(),
 * its close button or its own button.
 *
 * Returns: (transfer full): a new toast
 */
AdwToast *
casebook_toast_new_with_title (GtkWidget *title)
{
  AdwToast *toast = adw_toast_new ("");
  ToastState *state = g_new0 (ToastState, 1);

  g_return_val_if_fail (GTK_IS_WIDGET (title), toast);

  g_object_set_data_full (G_OBJECT (toast), STATE_KEY, state, toast_state_free);
  adw_toast_set_custom_title (toast, title);
  g_signal_connect_object (title, "map", G_CALLBACK (on_title_mapped), toast, 0);
  g_signal_connect_object (title, "unmap", G_CALLBACK (on_title_unmapped), toast, 0);
  /* Before any handler of the caller's or the overlay's. */
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_dismissed), state);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_button_clicked), state);

  return toast;
}

/**
 * casebook_toast_new:
 * @title: the toast's title, as Pango markup
 *
 * Makes a toast that looks like one from adw_toast_new(), which can be
 * taken away at any time; see casebook_toast_new_with_title(). Its title
 * is a label of its own, adw_toast_get_custom_title().
 *
 * Returns: (transfer full): a new toast
 */
AdwToast *
casebook_toast_new (const char *title)
{
  GtkWidget *label = gtk_label_new (NULL);

  g_return_val_if_fail (title != NULL, NULL);

  /* As libadwaita makes the title of a toast of its own. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_markup (GTK_LABEL (label), title);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");

  /* AdwToast:title and AdwToast:custom-title exclude each other. */
  return casebook_toast_new_with_title (label);
}

/**
 * casebook_toast_add:
 * @overlay: where to show @toast
 * @toast: (transfer full): a toast from casebook_toast_new() or
 *   casebook_toast_new_with_title()
 *
 * Shows @toast as adw_toast_overlay_add_toast() does. A toast of high
 * priority that would push back a toast still coming on screen waits
 * until that one is there, a fraction of a second, and so do the toasts
 * added after it.
 */
void
casebook_toast_add (AdwToastOverlay *overlay,
                    AdwToast        *toast)
{
  ToastState *state;
  OverlayState *ostate;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  state = toast_state (toast);
  if (state == NULL)
    {
      g_critical ("%s: a toast not made by casebook_toast_new()", G_STRFUNC);
      g_object_unref (toast);
      return;
    }

  ostate = overlay_state (overlay);

  /* Already waiting, or on its way out. */
  if (state->held_on != NULL || state->pending)
    {
      g_object_unref (toast);
      return;
    }

  if (state->overlay == NULL && (!g_queue_is_empty (&ostate->held) || must_wait (ostate, toast)))
    {
      state->held_on = overlay;
      g_queue_push_tail (&ostate->held, toast);
      if (ostate->tick_id == 0)
        ostate->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (overlay), add_held_when_settled, ostate, NULL);
      return;
    }

  if (state->overlay == overlay)
    /* On screen or queued: libadwaita starts its timeout again, or moves
     * it forward in the queue, without pushing anything back. */
    adw_toast_overlay_add_toast (overlay, toast);
  else
    really_add (ostate, toast);
}

/**
 * casebook_toast_is_settled:
 * @toast: a toast from casebook_toast_new() or casebook_toast_new_with_title()
 *
 * Returns: whether @toast is not in its show animation: it waits in the
 *   queue and has not been on screen, or that animation is over
 */
gboolean
casebook_toast_is_settled (AdwToast *toast)
{
  GtkWidget *title = adw_toast_get_custom_title (toast);
  ToastState *state = toast_state (toast);

  g_return_val_if_fail (state != NULL, FALSE);

  if (title == NULL || !gtk_widget_get_mapped (title))
    return TRUE;

  return frame_time (title) - state->shown_at >= SETTLE_USEC;
}

/**
 * casebook_toast_dismiss:
 * @toast: a toast from casebook_toast_new() or casebook_toast_new_with_title()
 *
 * Takes @toast away: at once when that is safe, else on the first frame
 * after its show animation. A toast still waiting to be added is dropped,
 * and ::dismissed is emitted for it all the same.
 */
void
casebook_toast_dismiss (AdwToast *toast)
{
  ToastState *state;

  g_return_if_fail (ADW_IS_TOAST (toast));

  state = toast_state (toast);
  g_return_if_fail (state != NULL);

  if (state->held_on != NULL)
    {
      OverlayState *ostate = overlay_state (state->held_on);

      state->held_on = NULL;
      g_queue_remove (&ostate->held, toast);
      dismiss_now (toast);
      g_object_unref (toast);
      return;
    }

  adw_toast_dismiss (toast);
}


/**
 * casebook_toast_new_progress:
 * @text: what is being done, such as “Importing cases…”
 * @bar_name: the progress bar's name for assistive technologies
 * @cancellable: what the toast's Cancel button cancels
 * @bar: (out) (transfer none): the toast's progress bar, to set its
 *   fraction or bind it
 *
 * Makes a toast that stays while some work runs: @text, a progress bar
 * and a Cancel button. Its priority is the caller's to choose.
 *
 * Returns: (transfer full): a new toast, as casebook_toast_new_with_title()
 */
AdwToast *
casebook_toast_new_progress (const char      *text,
                             const char      *bar_name,
                             GCancellable    *cancellable,
                             GtkProgressBar **bar)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *progress = gtk_progress_bar_new ();
  AdwToast *toast = casebook_toast_new_with_title (box);

  g_return_val_if_fail (G_IS_CANCELLABLE (cancellable), toast);

  gtk_widget_set_valign (progress, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (progress, 120, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (progress), GTK_ACCESSIBLE_PROPERTY_LABEL, bar_name, -1);
  gtk_box_append (GTK_BOX (box), gtk_label_new (text));
  gtk_box_append (GTK_BOX (box), progress);

  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Cancel"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (g_cancellable_cancel), cancellable,
                           G_CONNECT_SWAPPED);

  if (bar != NULL)
    *bar = GTK_PROGRESS_BAR (progress);
  return toast;
}
