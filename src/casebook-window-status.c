/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include "casebook-toast.h"
#include "casebook-window-private.h"

/* Status messages: the toasts without a button ("Copied", "Saved “…”",
 * "Added 2 cases to “…”"). Each is news only until the next one, which
 * takes its place at once instead of waiting out its timeout in the
 * overlay's queue. A message that came on screen a moment ago, still in
 * its show animation, would only go once that is over (casebook-toast.c):
 * the next one is written into it instead. */

static void
forget_status (CasebookWindow *self)
{
  g_clear_weak_pointer (&self->status_toast);
}

static void
on_status_dismissed (AdwToast       *toast,
                     CasebookWindow *self)
{
  if (self->status_toast == toast)
    forget_status (self);
}

/**
 * _casebook_window_dismiss_status:
 *
 * Takes the last status message away when something has made it old news.
 */
void
_casebook_window_dismiss_status (CasebookWindow *self)
{
  AdwToast *toast = self->status_toast;

  if (toast == NULL)
    return;
  forget_status (self);
  casebook_toast_dismiss (toast);
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

  if (self->status_toast != NULL && !casebook_toast_is_settled (self->status_toast))
    {
      gtk_label_set_markup (GTK_LABEL (adw_toast_get_custom_title (self->status_toast)), markup);
      return;
    }
  _casebook_window_dismiss_status (self);

  /* Looks like the title libadwaita gives a toast of its own. */
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");

  toast = casebook_toast_new_with_title (label);
  g_set_weak_pointer (&self->status_toast, toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_status_dismissed), self, 0);
  casebook_toast_add (self->toast_overlay, toast);
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
