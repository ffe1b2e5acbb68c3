/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-completion"

#include "config.h"

#include <string.h>

#include "casebook-completion.h"

/**
 * CasebookCompletion:
 *
 * Suggests words for an editable field (a #GtkEntry or an #AdwEntryRow) in
 * a popover under it, as the person types: the words that start with the
 * text first, then those that contain it. Up and Down move through the
 * suggestions, Enter takes one, Escape closes them; a click takes one too.
 *
 * GtkEntryCompletion only works with a #GtkEntry and goes away in GTK
 * 4.10; this works with any #GtkEditable and keeps the keyboard focus in
 * the field, so typing carries on while the suggestions show.
 */
struct _CasebookCompletion
{
  GObject     parent_instance;

  GtkWidget  *editable;
  GtkWidget  *popover;
  GtkListBox *list;
  char      **words;
  char      **folded;
  guint       n_shown;
  gboolean    choosing;
};

G_DEFINE_FINAL_TYPE (CasebookCompletion, casebook_completion, G_TYPE_OBJECT)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MAX_SHOWN 8
#define WORD_KEY "casebook-completion-word"

static void
popdown (CasebookCompletion *self)
{
  if (self->popover != NULL && gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
choose (CasebookCompletion *self,
        GtkListBoxRow      *row)
{
  g_autofree char *word = g_strdup (g_object_get_data (G_OBJECT (row), WORD_KEY));

  self->choosing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->editable), word);
  gtk_editable_set_position (GTK_EDITABLE (self->editable), -1);
  self->choosing = FALSE;

  popdown (self);
  g_signal_emit (self, signals[CHOSEN], 0, word);
}

static void
clear_list (CasebookCompletion *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_shown = 0;
}

static void
add_suggestion (CasebookCompletion *self,
                const char         *word)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (word);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_widget_set_focusable (row, FALSE);
  g_object_set_data_full (G_OBJECT (row), WORD_KEY, g_strdup (word), g_free);
  gtk_list_box_append (self->list, row);
  self->n_shown++;
}

static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
on_changed (CasebookCompletion *self,
            GtkEditable        *editable)
{
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *folded = NULL;
  gboolean exact = FALSE;

  if (self->choosing)
    return;

  clear_list (self);

  /* Only what the person types brings suggestions, not a text the
   * program puts into the field. */
  if (text == NULL || text[0] == '\0' || !contains_focus (self->editable))
    {
      popdown (self);
      return;
    }

  folded = g_utf8_casefold (text, -1);

  /* The words that start with the text, then the ones that contain it. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; self->words[i] != NULL && self->n_shown < MAX_SHOWN; i++)
      {
        const char *found = strstr (self->folded[i], folded);

        if (found == NULL || (pass == 0) != (found == self->folded[i]))
          continue;
        if (strcmp (self->folded[i], folded) == 0)
          exact = TRUE;
        add_suggestion (self, self->words[i]);
      }

  if (self->n_shown == 0 || (exact && self->n_shown == 1))
    {
      popdown (self);
      return;
    }

  gtk_widget_set_size_request (GTK_WIDGET (self->list),
                               MAX (gtk_widget_get_width (self->editable) - 24, 120), -1);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
on_row_activated (CasebookCompletion *self,
                  GtkListBoxRow      *row,
                  GtkListBox         *list)
{
  choose (self, row);
}

static void
move_selection (CasebookCompletion *self,
                int                 delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) + delta : (delta > 0 ? 0 : (int) self->n_shown - 1);

  index = CLAMP (index, 0, (int) self->n_shown - 1);
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, index));
}

static gboolean
on_key_pressed (CasebookCompletion    *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;

  if (!gtk_widget_get_visible (self->popover))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 1);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_Tab:
      row = gtk_list_box_get_selected_row (self->list);
      if (row == NULL)
        {
          popdown (self);
          return FALSE;
        }
      choose (self, row);
      return keyval != GDK_KEY_Tab;

    case GDK_KEY_Escape:
      popdown (self);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
on_focus_leave (CasebookCompletion *self)
{
  popdown (self);
}

static void
on_editable_destroy (CasebookCompletion *self,
                     GtkWidget          *editable)
{
  /* A popover must leave its parent before the parent goes. */
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  self->list = NULL;
}

static void
casebook_completion_finalize (GObject *object)
{
  CasebookCompletion *self = (CasebookCompletion *)object;

  g_clear_pointer (&self->words, g_strfreev);
  g_clear_pointer (&self->folded, g_strfreev);

  G_OBJECT_CLASS (casebook_completion_parent_class)->finalize (object);
}

static void
casebook_completion_class_init (CasebookCompletionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = casebook_completion_finalize;

  /**
   * CasebookCompletion::chosen:
   * @word: the suggestion the person took
   *
   * Emitted after a suggestion was put into the field.
   */
  signals[CHOSEN] = g_signal_new ("chosen",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
casebook_completion_init (CasebookCompletion *self)
{
}

static void
set_words (CasebookCompletion *self,
           const char * const *words)
{
  guint n;

  g_clear_pointer (&self->words, g_strfreev);
  g_clear_pointer (&self->folded, g_strfreev);

  self->words = g_strdupv ((char **) words);
  n = g_strv_length (self->words);
  self->folded = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    self->folded[i] = g_utf8_casefold (self->words[i], -1);
}

/**
 * casebook_completion_attach:
 * @editable: a widget implementing #GtkEditable
 * @words: (array zero-terminated=1): the words to suggest
 *
 * Adds suggestions to @editable. The completion belongs to @editable and
 * goes with it.
 *
 * Returns: (transfer none): the completion
 */
CasebookCompletion *
casebook_completion_attach (GtkWidget          *editable,
                            const char * const *words)
{
  CasebookCompletion *self;
  GtkEventController *controller;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);
  g_return_val_if_fail (words != NULL, NULL);

  self = g_object_new (CASEBOOK_TYPE_COMPLETION, NULL);
  self->editable = editable;
  set_words (self, words);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->list), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated), self,
                           G_CONNECT_SWAPPED);

  /* Without autohide the popover leaves the focus in the field. */
  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), GTK_WIDGET (self->list));
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_focusable (self->popover, FALSE);
  gtk_widget_add_css_class (self->popover, "menu");
  gtk_widget_set_parent (self->popover, editable);

  g_signal_connect_object (editable, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editable, "destroy", G_CALLBACK (on_editable_destroy), self, G_CONNECT_SWAPPED);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (editable, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_focus_leave), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (editable, controller);

  g_object_set_data_full (G_OBJECT (editable), "casebook-completion", self, g_object_unref);

  return self;
}

/**
 * casebook_completion_set_words:
 * @words: (array zero-terminated=1): the words to suggest from now on
 *
 * Replaces the words, for a field whose suggestions change while it
 * shows, such as the tags in use. Suggestions already shown stay until
 * the next change of the text.
 */
void
casebook_completion_set_words (CasebookCompletion *self,
                               const char * const *words)
{
  g_return_if_fail (CASEBOOK_IS_COMPLETION (self));
  g_return_if_fail (words != NULL);

  set_words (self, words);
}
