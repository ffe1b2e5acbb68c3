/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-personal-note"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-check.h"
#include "casebook-format.h"
#include "casebook-personal-note-private.h"
#include "casebook-resources.h"
#include "casebook-store-collections.h"
#include "casebook-toast.h"

/**
 * CasebookPersonalNote:
 *
 * The person's own note on a case, on the case page: plain text whose
 * paragraphs and line breaks show as written, edited in place. It is the
 * person's layer over the case, not the case's data, so bundled cases
 * have one too, and it lives in the store apart from the case.
 *
 * The note is saved with the Save button, with Ctrl+Enter, and when the
 * keyboard focus leaves the editor for another part of the window;
 * Escape and Cancel leave it as it was. Clearing it shows a toast whose
 * Undo puts it back.
 */
struct _CasebookPersonalNote
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkWidget     *box;
  GtkWidget     *edit_button;
  GtkWidget     *clear_button;
  GtkStack      *stack;
  GtkWidget     *add_button;
  GtkLabel      *note_label;
  GtkWidget     *editor;
  GtkTextView   *text_view;
  GtkLabel      *message;
  GtkWidget     *save_button;

  CasebookStore *store;
  CasebookCase  *c;
  char          *note;      /* as the store has it; NULL for none */
  gboolean       editing;
  gboolean       saving;
};

G_DEFINE_FINAL_TYPE (CasebookPersonalNote, casebook_personal_note, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the Undo of a cleared note needs once the page shows another case,
 * or none. */
typedef struct
{
  CasebookStore        *store;
  char                 *case_id;
  char                 *note;
  GWeakRef              widget;
} Cleared;

static void
cleared_free (gpointer data)
{
  Cleared *cleared = data;

  g_clear_object (&cleared->store);
  g_free (cleared->case_id);
  g_free (cleared->note);
  g_weak_ref_clear (&cleared->widget);
  g_free (cleared);
}

static void
cleared_notify (gpointer  data,
                GClosure *closure)
{
  cleared_free (data);
}

/* Helpers ------------------------------------------------------------ */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static const char *
case_id (CasebookPersonalNote *self)
{
  return self->c != NULL ? casebook_case_get_id (self->c) : NULL;
}

static void
show_error (CasebookPersonalNote *self,
            const char           *heading,
            const char           *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Shows the note as the store has it: the text, an invitation to write
 * one, or the editor. A store that cannot be written shows a note but
 * offers no change, and shows nothing where there is no note. */
static void
update (CasebookPersonalNote *self)
{
  gboolean has_note = self->note != NULL;
  gboolean writable = self->store != NULL && !casebook_store_is_read_only (self->store);

  gtk_label_set_text (self->note_label, has_note ? self->note : "");

  /* A stack does not switch to a page whose child is hidden: the button
   * shows first. */
  gtk_widget_set_visible (self->add_button, writable);
  if (self->editing)
    gtk_stack_set_visible_child_name (self->stack, "edit");
  else
    gtk_stack_set_visible_child_name (self->stack, has_note ? "view" : "empty");

  gtk_widget_set_visible (self->edit_button, has_note && writable && !self->editing);
  gtk_widget_set_visible (self->clear_button, has_note && writable && !self->editing);
  gtk_widget_set_visible (GTK_WIDGET (self), self->c != NULL && (has_note || writable));
}

static void
set_note (CasebookPersonalNote *self,
          const char           *note)
{
  g_autofree char *old = g_steal_pointer (&self->note);

  self->note = is_blank (note) ? NULL : g_strdup (note);

  /* The page and the window share the case; it says what the store says. */
  if (self->c != NULL)
    casebook_case_set_personal_note (self->c, self->note);

  if (g_strcmp0 (old, self->note) != 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_message (CasebookPersonalNote *self,
             const char           *text,
             gboolean              error)
{
  gtk_label_set_text (self->message, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL);
  if (error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message), "dim-label");
    }
}

/* What keeps the text from being saved, until the next change. */
static void
show_problem (CasebookPersonalNote *self,
              const char           *problem)
{
  set_message (self, problem, TRUE);
}

/* Says how long the note is once it comes near the limit, and that it
 * cannot be saved past it. */
static void
update_message (CasebookPersonalNote *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  int n = gtk_text_buffer_get_char_count (buffer);
  gboolean too_long = n > CASEBOOK_MAX_NOTE_CHARS;
  g_autofree char *count = casebook_format_count (n);
  g_autofree char *limit = casebook_format_count (CASEBOOK_MAX_NOTE_CHARS);
  g_autofree char *text = NULL;

  if (too_long)
    /* Translators: under the note being edited; both numbers are counts of characters */
    text = g_strdup_printf (_("The note is %s characters long, but a note can hold at most %s. "
                              "Shorten it to save it."), count, limit);
  else if (n > CASEBOOK_MAX_NOTE_CHARS * 9 / 10)
    /* Translators: under the note being edited, e.g. "95,000 of 100,000 characters" */
    text = g_strdup_printf (_("%s of %s characters"), count, limit);

  set_message (self, text, too_long);
  gtk_widget_set_sensitive (self->save_button, !too_long);
}

static void
start_editing (CasebookPersonalNote *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter end;

  if (self->c == NULL || self->editing)
    return;

  gtk_text_buffer_set_text (buffer, self->note != NULL ? self->note : "", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  update_message (self);

  self->editing = TRUE;
  update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* Leaves the editor; the focus goes to what now stands for the note, so
 * that the keyboard is not left nowhere. */
static void
stop_editing (CasebookPersonalNote *self)
{
  gboolean had_focus = gtk_widget_has_focus (GTK_WIDGET (self->text_view));

  self->editing = FALSE;
  update (self);

  if (had_focus)
    {
      if (self->note != NULL && gtk_widget_get_visible (self->edit_button))
        gtk_widget_grab_focus (self->edit_button);
      else if (gtk_widget_get_visible (self->add_button))
        gtk_widget_grab_focus (self->add_button);
    }
}

/* Writes the editor's text to the store. Returns %FALSE, and stays in the
 * editor, when it could not: too long, or the store refused. */
static gboolean
save (CasebookPersonalNote *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *problem = NULL;
  GtkTextIter start, end;

  if (!self->editing || self->saving)
    return self->editing == FALSE;

  if (gtk_text_buffer_get_char_count (buffer) > CASEBOOK_MAX_NOTE_CHARS)
    {
      update_message (self);
      gtk_widget_error_bell (GTK_WIDGET (self->text_view));
      return FALSE;
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (is_blank (text))
    g_clear_pointer (&text, g_free);

  /* The rules an import applies, such as no control characters. */
  if (text != NULL && (problem = casebook_check_note (text)) != NULL)
    {
      show_problem (self, problem);
      gtk_widget_error_bell (GTK_WIDGET (self->text_view));
      return FALSE;
    }

  if (g_strcmp0 (text, self->note) == 0)
    {
      stop_editing (self);
      return TRUE;
    }

  /* A failure shows a dialog, which takes the focus from the editor;
   * that must not try to save again. */
  self->saving = TRUE;
  if (!casebook_store_set_note (self->store, case_id (self), text, &error))
    {
      show_error (self, _("Could Not Save the Note"), error->message);
      self->saving = FALSE;
      return FALSE;
    }
  self->saving = FALSE;

  set_note (self, text);
  stop_editing (self);
  return TRUE;
}

static void
cancel (CasebookPersonalNote *self)
{
  if (!self->editing)
    return;

  stop_editing (self);
}

/* Signal callbacks --------------------------------------------------- */

static void
on_edit_clicked (CasebookPersonalNote *self)
{
  start_editing (self);
}

static void
on_save_clicked (CasebookPersonalNote *self)
{
  save (self);
}

static void
on_cancel_clicked (CasebookPersonalNote *self)
{
  cancel (self);
}

static void
on_undo_clicked (AdwToast *toast,
                 Cleared  *cleared)
{
  g_autoptr(CasebookPersonalNote) self = g_weak_ref_get (&cleared->widget);
  g_autoptr(GError) error = NULL;

  if (!casebook_store_set_note (cleared->store, cleared->case_id, cleared->note, &error))
    {
      if (self != NULL)
        show_error (self, _("Could Not Restore the Note"), error->message);
      else
        g_warning ("Could not restore the note of %s: %s", cleared->case_id, error->message);
      return;
    }

  /* The page may have moved on to another case meanwhile. */
  if (self != NULL && g_strcmp0 (case_id (self), cleared->case_id) == 0)
    {
      set_note (self, cleared->note);
      update (self);
    }
}

static void
on_clear_clicked (CasebookPersonalNote *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  Cleared *cleared;
  AdwToast *toast;

  if (self->note == NULL || self->c == NULL)
    return;

  if (!casebook_store_set_note (self->store, case_id (self), NULL, &error))
    {
      show_error (self, _("Could Not Clear the Note"), error->message);
      return;
    }

  cleared = g_new0 (Cleared, 1);
  cleared->store = g_object_ref (self->store);
  cleared->case_id = g_strdup (case_id (self));
  cleared->note = g_strdup (self->note);
  g_weak_ref_init (&cleared->widget, self);

  set_note (self, NULL);
  update (self);
  if (gtk_widget_get_visible (self->add_button))
    gtk_widget_grab_focus (self->add_button);

  /* Without a toast overlay above it (a page on its own) there is no
   * Undo to offer. */
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      cleared_free (cleared);
      return;
    }

  /* Translators: a toast after the person cleared their note on a case, with an Undo button */
  toast = casebook_toast_new (_("Note cleared"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), cleared,
                         cleared_notify, 0);
  casebook_toast_add (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
on_buffer_changed (CasebookPersonalNote *self)
{
  update_message (self);
}

static gboolean
on_key_pressed (CasebookPersonalNote  *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if ((state & GDK_CONTROL_MASK) == 0)
        return FALSE;
      save (self);
      return TRUE;

    case GDK_KEY_Escape:
      cancel (self);
      return TRUE;

    default:
      return FALSE;
    }
}

/* The focus left the editor (text, Cancel and Save) for another part of
 * the window: the note is saved, as a person expects of a text written in
 * place. A window that only lost the focus to another window, or to the
 * dialog of a failed save, keeps the editor as it is. */
static void
on_editor_focus_leave (CasebookPersonalNote    *self,
                       GtkEventControllerFocus *controller)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!self->editing || self->saving)
    return;
  if (GTK_IS_WINDOW (root) && !gtk_window_is_active (GTK_WINDOW (root)))
    return;

  save (self);
}

/* Overrides ------------------------------------------------------------ */

static void
casebook_personal_note_dispose (GObject *object)
{
  CasebookPersonalNote *self = (CasebookPersonalNote *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_PERSONAL_NOTE);
  g_clear_object (&self->c);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (casebook_personal_note_parent_class)->dispose (object);
}

static void
casebook_personal_note_finalize (GObject *object)
{
  CasebookPersonalNote *self = (CasebookPersonalNote *)object;

  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (casebook_personal_note_parent_class)->finalize (object);
}

static void
casebook_personal_note_class_init (CasebookPersonalNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_personal_note_dispose;
  object_class->finalize = casebook_personal_note_finalize;

  (void) casebook_get_resource ();

  /**
   * CasebookPersonalNote::changed:
   *
   * The note was saved, cleared or restored.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "personalnote");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-personal-note.ui");

  gtk_widget_class_bind_template_child (widget_class, CasebookPersonalNote, box);
  gtk_widget_class_bind_template_child (widget_class, CasebookPersonalNote, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookPersonalNote, clear_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookPersonalNote, stack);
  gtk_widget_class_bind_template_child (widget_class, CasebookPersonalNote, add_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookPersonalNote, note_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookPersonalNote, editor);
  gtk_widget_class_bind_template_child (widget_class, CasebookPersonalNote, text_view);
  gtk_widget_class_bind_template_child (widget_class, CasebookPersonalNote, message);
  gtk_widget_class_bind_template_child (widget_class, CasebookPersonalNote, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked);
}

static void
casebook_personal_note_init (CasebookPersonalNote *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->editor, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_editor_focus_leave), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->editor, controller);

  update (self);
}

/* Public API ------------------------------------------------------------ */

/**
 * casebook_personal_note_new:
 *
 * Returns: (transfer floating): a new note section, showing nothing
 */
GtkWidget *
casebook_personal_note_new (void)
{
  return g_object_new (CASEBOOK_TYPE_PERSONAL_NOTE, NULL);
}

/**
 * casebook_personal_note_set_case:
 * @store: the store that keeps the note
 * @c: (nullable): the case, or %NULL for none
 *
 * Shows the note of @c as @store has it now. A note being edited for
 * another case is saved first (see casebook_personal_note_commit()).
 * The section updates @c's personal note whenever it changes the store's.
 */
void
casebook_personal_note_set_case (CasebookPersonalNote *self,
                                 CasebookStore        *store,
                                 CasebookCase         *c)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  g_return_if_fail (CASEBOOK_IS_PERSONAL_NOTE (self));
  g_return_if_fail (CASEBOOK_IS_STORE (store));
  g_return_if_fail (c == NULL || CASEBOOK_IS_CASE (c));

  /* The same case again (another language, a refresh) keeps an edit
   * under way as it is. */
  if (self->editing && c != NULL && g_strcmp0 (case_id (self), casebook_case_get_id (c)) == 0 &&
      self->store == store)
    {
      g_set_object (&self->c, c);
      return;
    }

  if (self->editing)
    {
      casebook_personal_note_commit (self);
      self->editing = FALSE;
    }

  g_set_object (&self->store, store);
  g_set_object (&self->c, c);
  g_clear_pointer (&self->note, g_free);

  if (c != NULL)
    {
      /* The store has the latest word; the case may have been read
       * before the note changed. */
      note = casebook_store_get_note (store, casebook_case_get_id (c), &error);
      if (error != NULL)
        {
          g_debug ("Could not read the note of %s: %s", casebook_case_get_id (c), error->message);
          note = g_strdup (casebook_case_get_personal_note (c));
        }
      self->note = is_blank (note) ? NULL : g_steal_pointer (&note);
    }

  update (self);
}

/**
 * casebook_personal_note_commit:
 *
 * Saves a note being edited, as leaving the editor would.
 *
 * Returns: %TRUE if nothing was being edited or the note was saved
 */
gboolean
casebook_personal_note_commit (CasebookPersonalNote *self)
{
  g_return_val_if_fail (CASEBOOK_IS_PERSONAL_NOTE (self), FALSE);

  if (!self->editing)
    return TRUE;

  return save (self);
}

/* For the tests ---------------------------------------------------------- */

gboolean
_casebook_personal_note_is_editing (CasebookPersonalNote *self)
{
  g_return_val_if_fail (CASEBOOK_IS_PERSONAL_NOTE (self), FALSE);
  return self->editing;
}

/* The text shown as the note, or NULL when none shows. */
const char *
_casebook_personal_note_get_shown (CasebookPersonalNote *self)
{
  g_return_val_if_fail (CASEBOOK_IS_PERSONAL_NOTE (self), NULL);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->note_label)))
    return NULL;
  return gtk_label_get_text (self->note_label);
}

GtkTextView *
_casebook_personal_note_get_text_view (CasebookPersonalNote *self)
{
  g_return_val_if_fail (CASEBOOK_IS_PERSONAL_NOTE (self), NULL);
  return self->text_view;
}

GtkLabel *
_casebook_personal_note_get_message (CasebookPersonalNote *self)
{
  g_return_val_if_fail (CASEBOOK_IS_PERSONAL_NOTE (self), NULL);
  return self->message;
}

/* "edit", "clear", "add", "save" or "cancel". */
GtkButton *
_casebook_personal_note_get_button (CasebookPersonalNote *self,
                                    const char           *name)
{
  g_return_val_if_fail (CASEBOOK_IS_PERSONAL_NOTE (self), NULL);

  if (g_str_equal (name, "edit"))
    return GTK_BUTTON (self->edit_button);
  if (g_str_equal (name, "clear"))
    return GTK_BUTTON (self->clear_button);
  if (g_str_equal (name, "add"))
    return GTK_BUTTON (self->add_button);
  if (g_str_equal (name, "save"))
    return GTK_BUTTON (self->save_button);
  if (g_str_equal (name, "cancel"))
    return GTK_BUTTON (gtk_widget_get_prev_sibling (self->save_button));

  g_return_val_if_reached (NULL);
}
