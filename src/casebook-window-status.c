/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include "casebook-window-private.h"

/* Status messages: the toasts without a button ("Copied", "Saved “…”",
 * "Added 2 cases to “…”"). Each is news only until the next one, which
 * takes its place at once instead of waiting out its timeout in the
 * overlay's queue.
 *
 * libadwaita 1.2 frees a toast's record twice when the toast is
 * dismissed while its show animation still runs, so a message that came
 * on screen moments ago is never dismissed: the next one is written into
 * it instead. Once it has been up long enough that the animation is
 * certainly over, or while it still waits in the queue, it is dismissed
 * and the next one gets a toast and a full timeout of its own. */

/* Comfortably longer than the overlay's longest show animation (half a
 * second), even when frames come late. */
#define STATUS_SETTLED_USEC (3 * G_USEC_PER_SEC)

static void
forget_status (CasebookWindow *self)
{
  g_clear_weak_pointer (&self->status_toast);
  g_clear_weak_pointer (&self->status_label);
  self->status_shown_at = 0;
}

static void
on_status_dismissed (AdwToast       *toast,
                     CasebookWindow *self)
{
  if (self->status_toast == toast)
    forget_status (self);
}

static void
on_status_mapped (GtkWidget      *label,
                  CasebookWindow *self)
{
  if (self->status_label == label && self->status_shown_at == 0)
    self->status_shown_at = g_get_monotonic_time ();
}

/* Whether dismissing the status toast now is safe: it has not been shown
 * yet, or it has been up long enough. */
static gboolean
status_can_go (CasebookWindow *self)
{
  return self->status_shown_at == 0 ||
         g_get_monotonic_time () - self->status_shown_at >= STATUS_SETTLED_USEC;
}

/**
 * _casebook_window_dismiss_status:
 *
 * Takes the last status message away when something has made it old news.
 * One that came on screen a moment ago stays until its timeout.
 */
void
_casebook_window_dismiss_status (CasebookWindow *self)
{
  AdwToast *toast = self->status_toast;

  if (toast == NULL || !status_can_go (self))
    return;
  forget_status (self);
  adw_toast_dismiss (toast);
}

/**
 * _casebook_window_add_status_markup:
 * @markup: the message, as Pango markup
 *
 * Shows a status message, in place of the one before it.
 */
void
_casebook_window_add_status_markup (CasebookWindow *self,
                                    const char     *markup)
{
  AdwToast *toast;
  GtkWidget *label;

  if (self->status_toast != NULL && !status_can_go (self))
    {
      gtk_label_set_markup (GTK_LABEL (self->status_label), markup);
      return;
    }
  _casebook_window_dismiss_status (self);

  /* A title widget of its own, looking like the toast's, tells when the
   * toast comes on screen and takes the text of the next message. */
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");

  toast = adw_toast_new ("");
  adw_toast_set_custom_title (toast, label);
  g_set_weak_pointer (&self->status_toast, toast);
  g_set_weak_pointer (&self->status_label, label);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_status_dismissed), self, 0);
  g_signal_connect_object (label, "map", G_CALLBACK (on_status_mapped), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * _casebook_window_add_status:
 * @text: the message, plain text (it may quote a file name or an id)
 *
 * Shows a status message, in place of the one before it.
 */
void
_casebook_window_add_status (CasebookWindow *self,
                             const char     *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  _casebook_window_add_status_markup (self, escaped);
}

/**
 * _casebook_window_dispose_status:
 *
 * Lets go of the status message as the window goes.
 */
void
_casebook_window_dispose_status (CasebookWindow *self)
{
  forget_status (self);
}
