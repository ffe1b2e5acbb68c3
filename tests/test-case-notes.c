/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "casebook-application-private.h"
#include "casebook-case-check.h"
#include "casebook-case-compare-private.h"
#include "casebook-case-list.h"
#include "casebook-case-page-private.h"
#include "casebook-facet-row-private.h"
#include "casebook-json.h"
#include "casebook-personal-note-private.h"
#include "casebook-store-collections.h"
#include "casebook-tag-bar-private.h"
#include "casebook-test-display.h"
#include "casebook-test-util.h"
#include "casebook-window-private.h"

/* The person's own layer on the case page and in the window: the note
 * (written, kept, cleared and brought back, too long), the tags (added
 * with completion, refused, removed, a facet of the list), a search that
 * finds a note, and deleting a case that has one. Driven through the
 * widgets a person uses, with the store checked afterwards. */

static void
spin (void)
{
  for (guint i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE));
}

/* A mapped button under @widget whose label is @label. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && gtk_widget_get_mapped (c) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), label) == 0)
        return c;
      if ((found = find_button (c, label)) != NULL)
        return found;
    }

  return NULL;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c) && gtk_widget_get_mapped (c))
        g_ptr_array_add (labels, g_strdup (gtk_label_get_text (GTK_LABEL (c))));
      collect_labels (c, labels);
    }
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  collect_labels (widget, labels);
  return g_ptr_array_find_with_equal_func (labels, text, g_str_equal, NULL);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
is_shown (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_mapped (widget);
}

/* Sends a key press to the key controllers of @widget, as GTK does for a
 * key typed while the focus is inside it. */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }

  return handled;
}

static char *
stored_note (CasebookStore *store,
             const char    *id)
{
  g_autoptr(GError) error = NULL;
  char *note = casebook_store_get_note (store, id, &error);

  g_assert_no_error (error);
  return note;
}

static gboolean
case_has_tag (CasebookStore *store,
              const char    *id,
              const char    *tag)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (store, id, &error);
  const char * const *tags;

  g_assert_no_error (error);
  tags = casebook_case_get_tags (c);
  return tags != NULL && g_strv_contains (tags, tag);
}

/* The page ----------------------------------------------------------------- */

typedef struct
{
  char                 *dir;
  CasebookStore        *store;
  GtkWindow            *window;
  AdwToastOverlay      *overlay;
  CasebookCasePage     *page;
  CasebookPersonalNote *note;
  CasebookTagBar       *tags;
} PageFixture;

static void
page_set_up (PageFixture   *f,
             gconstpointer  data)
{
  f->dir = casebook_test_tmpdir ();
  f->store = casebook_test_open_store (f->dir, CASEBOOK_STORE_FLAGS_NONE);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 860, 900);
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  f->page = casebook_case_page_new ();
  adw_toast_overlay_set_child (f->overlay, GTK_WIDGET (f->page));
  gtk_window_set_child (f->window, GTK_WIDGET (f->overlay));
  f->note = CASEBOOK_PERSONAL_NOTE (_casebook_case_page_get_personal_note (f->page));
  f->tags = CASEBOOK_TAG_BAR (_casebook_case_page_get_tag_bar (f->page));
}

static void
page_tear_down (PageFixture   *f,
                gconstpointer  data)
{
  gtk_window_destroy (f->window);
  spin ();
  g_clear_object (&f->store);
  casebook_test_rmdir (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static void
show (PageFixture *f,
      const char  *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (f->store, id, &error);

  g_assert_no_error (error);
  casebook_case_page_set_case (f->page, f->store, c, CASEBOOK_LANG_EN);
  gtk_window_present (f->window);
  spin ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static GtkWidget *
note_button (PageFixture *f,
             const char  *name)
{
  return GTK_WIDGET (_casebook_personal_note_get_button (f->note, name));
}

static void
click (GtkWidget *button)
{
  g_assert_true (is_shown (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  spin ();
}

/* The part of the note section that handles its keys: the text and its
 * buttons. */
static GtkWidget *
editor_of (PageFixture *f)
{
  GtkWidget *view = GTK_WIDGET (_casebook_personal_note_get_text_view (f->note));

  return gtk_widget_get_parent (gtk_widget_get_parent (view));
}

static void
type_note (PageFixture *f,
           const char  *text)
{
  GtkTextView *view = _casebook_personal_note_get_text_view (f->note);

  g_assert_true (_casebook_personal_note_is_editing (f->note));
  g_assert_true (is_shown (GTK_WIDGET (view)));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  spin ();
}

#define NOTE "Shortlisted for the 2026 platform review.\nAsk their CIO about licences.\n\nSecond paragraph: R&D <draft>."

static void
test_note_write_persists (PageFixture   *f,
                          gconstpointer  data)
{
  g_autoptr(CasebookStore) again = NULL;
  g_autoptr(CasebookCase) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  CasebookCasePage *page;
  GtkWidget *window;

  /* A bundled case: Edit is not offered, the note is. */
  show (f, "report-2.1");
  g_assert_true (shows_label (GTK_WIDGET (f->page), "Your Note"));
  g_assert_null (_casebook_personal_note_get_shown (f->note));
  g_assert_false (is_shown (note_button (f, "edit")));
  g_assert_false (is_shown (note_button (f, "clear")));

  click (note_button (f, "add"));
  g_assert_true (_casebook_personal_note_is_editing (f->note));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (_casebook_personal_note_get_text_view (f->note))));
  type_note (f, NOTE);

  /* Enter alone is a new line; Ctrl+Enter saves. */
  g_assert_false (press_key (editor_of (f), GDK_KEY_Return, 0));
  g_assert_true (_casebook_personal_note_is_editing (f->note));
  g_assert_true (press_key (editor_of (f), GDK_KEY_Return, GDK_CONTROL_MASK));
  spin ();

  g_assert_false (_casebook_personal_note_is_editing (f->note));
  note = stored_note (f->store, "report-2.1");
  g_assert_cmpstr (note, ==, NOTE);
  /* Shown as written: its line breaks and paragraphs, its characters. */
  g_assert_cmpstr (_casebook_personal_note_get_shown (f->note), ==, NOTE);
  g_assert_true (is_shown (note_button (f, "edit")));
  g_assert_true (is_shown (note_button (f, "clear")));
  /* The case the page shares with the window says so too. */
  g_assert_cmpstr (casebook_case_get_personal_note (_casebook_case_page_get_case (f->page)), ==, NOTE);

  /* Another case has no note; back on the first, the note is there. */
  show (f, "report-8.1");
  g_assert_null (_casebook_personal_note_get_shown (f->note));
  show (f, "report-2.1");
  g_assert_cmpstr (_casebook_personal_note_get_shown (f->note), ==, NOTE);

  /* A new page on a store opened again shows it. */
  again = casebook_test_open_store (f->dir, CASEBOOK_STORE_FLAGS_NONE);
  reread = casebook_store_get_case (again, "report-2.1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (casebook_case_get_personal_note (reread), ==, NOTE);
  window = gtk_window_new ();
  page = casebook_case_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  casebook_case_page_set_case (page, again, reread, CASEBOOK_LANG_EN);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  g_assert_cmpstr (_casebook_personal_note_get_shown (CASEBOOK_PERSONAL_NOTE (_casebook_case_page_get_personal_note (page))),
                   ==, NOTE);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* The page's sections sit 18 pixels in from each side: at 360 pixels
 * wide, a section has 324. The note and the tags fit there, in their
 * widest state (buttons shown, the editor open). */
static void
test_fits_narrow_window (PageFixture   *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int note_min, tags_min;

  g_assert_true (casebook_store_set_note (f->store, "report-2.1", NOTE, &error));
  g_assert_true (casebook_store_add_tag (f->store, "report-2.1", "a rather long tag for a narrow window", &error));
  g_assert_no_error (error);
  show (f, "report-2.1");

  gtk_widget_measure (GTK_WIDGET (f->note), GTK_ORIENTATION_HORIZONTAL, -1, &note_min, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (f->tags), GTK_ORIENTATION_HORIZONTAL, -1, &tags_min, NULL, NULL, NULL);
  g_assert_cmpint (note_min, <=, 324);
  g_assert_cmpint (tags_min, <=, 324);

  click (note_button (f, "edit"));
  gtk_widget_measure (GTK_WIDGET (f->note), GTK_ORIENTATION_HORIZONTAL, -1, &note_min, NULL, NULL, NULL);
  g_assert_cmpint (note_min, <=, 324);
}

static void
test_note_edit_and_cancel (PageFixture   *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  g_assert_true (casebook_store_set_note (f->store, "report-2.1", "Before", &error));
  g_assert_no_error (error);
  show (f, "report-2.1");
  g_assert_cmpstr (_casebook_personal_note_get_shown (f->note), ==, "Before");

  /* Escape leaves the note as it was. */
  click (note_button (f, "edit"));
  type_note (f, "Changed my mind");
  g_assert_true (press_key (editor_of (f), GDK_KEY_Escape, 0));
  spin ();
  g_assert_false (_casebook_personal_note_is_editing (f->note));
  g_assert_cmpstr (_casebook_personal_note_get_shown (f->note), ==, "Before");
  note = stored_note (f->store, "report-2.1");
  g_assert_cmpstr (note, ==, "Before");
  g_clear_pointer (&note, g_free);

  /* So does Cancel. */
  click (note_button (f, "edit"));
  type_note (f, "Changed my mind again");
  click (note_button (f, "cancel"));
  note = stored_note (f->store, "report-2.1");
  g_assert_cmpstr (note, ==, "Before");
  g_clear_pointer (&note, g_free);

  /* Save writes it. */
  click (note_button (f, "edit"));
  type_note (f, "After");
  click (note_button (f, "save"));
  note = stored_note (f->store, "report-2.1");
  g_assert_cmpstr (note, ==, "After");
  g_clear_pointer (&note, g_free);
  g_assert_cmpstr (_casebook_personal_note_get_shown (f->note), ==, "After");

  /* A note being written when the page moves to another case is kept,
   * not lost. */
  click (note_button (f, "edit"));
  type_note (f, "Written, then moved on");
  show (f, "report-8.1");
  note = stored_note (f->store, "report-2.1");
  g_assert_cmpstr (note, ==, "Written, then moved on");
}

static void
test_note_focus_out_saves (PageFixture   *f,
                           gconstpointer  data)
{
  g_autofree char *note = NULL;

  show (f, "report-2.1");
  click (note_button (f, "add"));
  type_note (f, "Saved as the focus leaves");

  /* The focus goes to another part of the page, the tag field. */
  gtk_widget_grab_focus (GTK_WIDGET (_casebook_tag_bar_get_entry (f->tags)));
  spin ();

  if (!gtk_window_is_active (f->window))
    {
      /* Without a window manager the window may never be active; the
       * note then stays in the editor, which the focus rule allows. */
      g_test_skip ("The window is not active under this X server");
      return;
    }

  g_assert_false (_casebook_personal_note_is_editing (f->note));
  note = stored_note (f->store, "report-2.1");
  g_assert_cmpstr (note, ==, "Saved as the focus leaves");
}

static gboolean
undo_shown (gpointer data)
{
  return find_button (data, "_Undo") != NULL;
}

static void
test_note_clear_and_undo (PageFixture   *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  g_assert_true (casebook_store_set_note (f->store, "report-2.1", NOTE, &error));
  g_assert_no_error (error);
  show (f, "report-2.1");

  click (note_button (f, "clear"));
  note = stored_note (f->store, "report-2.1");
  g_assert_null (note);
  g_assert_null (_casebook_personal_note_get_shown (f->note));
  g_assert_true (is_shown (note_button (f, "add")));
  g_assert_true (shows_label (GTK_WIDGET (f->overlay), "Note cleared"));

  /* Undo puts back the very text. */
  g_assert_true (casebook_test_wait_until (undo_shown, f->overlay));
  click (find_button (GTK_WIDGET (f->overlay), "_Undo"));
  note = stored_note (f->store, "report-2.1");
  g_assert_cmpstr (note, ==, NOTE);
  g_assert_cmpstr (_casebook_personal_note_get_shown (f->note), ==, NOTE);
  g_assert_cmpstr (casebook_case_get_personal_note (_casebook_case_page_get_case (f->page)), ==, NOTE);
}

/* A note of @n characters in lines of 80, as a long note is written:
 * words and lines, not one word of a hundred thousand letters. */
static char *
long_note (guint n)
{
  GString *text = g_string_sized_new (n);

  while (text->len < n)
    {
      if (text->len % 80 == 79)
        g_string_append_c (text, '\n');
      else if (text->len % 8 == 7)
        g_string_append_c (text, ' ');
      else
        g_string_append_c (text, 'a' + text->len % 26);
    }

  return g_string_free (text, FALSE);
}

static void
test_note_too_long (PageFixture   *f,
                    gconstpointer  data)
{
  g_autofree char *too_long = long_note (CASEBOOK_MAX_NOTE_CHARS + 1);
  g_autofree char *note = NULL;
  GtkLabel *message = _casebook_personal_note_get_message (f->note);

  show (f, "report-2.1");
  click (note_button (f, "add"));
  type_note (f, too_long);

  /* Said under the text, and Save cannot be pressed. */
  g_assert_true (is_shown (GTK_WIDGET (message)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (message), "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "100,001"));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "100,000"));
  g_assert_false (gtk_widget_is_sensitive (note_button (f, "save")));

  /* Ctrl+Enter keeps the text in the editor and the store unchanged. */
  press_key (editor_of (f), GDK_KEY_Return, GDK_CONTROL_MASK);
  spin ();
  g_assert_true (_casebook_personal_note_is_editing (f->note));
  note = stored_note (f->store, "report-2.1");
  g_assert_null (note);

  /* At the limit it is taken. */
  too_long[CASEBOOK_MAX_NOTE_CHARS] = '\0';
  type_note (f, too_long);
  g_assert_true (gtk_widget_is_sensitive (note_button (f, "save")));
  click (note_button (f, "save"));
  note = stored_note (f->store, "report-2.1");
  g_assert_cmpuint (strlen (note), ==, CASEBOOK_MAX_NOTE_CHARS);
}

/* A store opened read-only shows the note and the tags, and offers no
 * change to them; a case with neither shows no section for them. */
static void
test_read_only_store (PageFixture   *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) reader = NULL;
  g_autoptr(CasebookCase) c = NULL;
  g_autoptr(CasebookCase) plain = NULL;
  g_auto(GStrv) shown = NULL;

  g_assert_true (casebook_store_set_note (f->store, "report-2.1", "Read me", &error));
  g_assert_true (casebook_store_add_tag (f->store, "report-2.1", "kept", &error));
  g_assert_no_error (error);

  reader = casebook_test_open_store (f->dir, CASEBOOK_STORE_READ_ONLY);
  g_assert_true (casebook_store_is_read_only (reader));
  c = casebook_store_get_case (reader, "report-2.1", &error);
  g_assert_no_error (error);
  casebook_case_page_set_case (f->page, reader, c, CASEBOOK_LANG_EN);
  gtk_window_present (f->window);
  spin ();

  g_assert_cmpstr (_casebook_personal_note_get_shown (f->note), ==, "Read me");
  g_assert_false (is_shown (note_button (f, "edit")));
  g_assert_false (is_shown (note_button (f, "clear")));
  shown = _casebook_tag_bar_get_shown (f->tags);
  g_assert_cmpuint (g_strv_length (shown), ==, 1);
  g_assert_cmpstr (shown[0], ==, "kept");
  g_assert_null (_casebook_tag_bar_get_remove (f->tags, "kept"));
  g_assert_false (is_shown (GTK_WIDGET (_casebook_tag_bar_get_entry (f->tags))));

  plain = casebook_store_get_case (reader, "report-8.1", &error);
  g_assert_no_error (error);
  casebook_case_page_set_case (f->page, reader, plain, CASEBOOK_LANG_EN);
  spin ();
  g_assert_false (is_shown (GTK_WIDGET (f->note)));
  g_assert_false (is_shown (GTK_WIDGET (f->tags)));
}

static GtkListBox *
suggestions (GtkEditable *entry)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (entry)); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_POPOVER (c) && gtk_widget_get_visible (c))
      return GTK_LIST_BOX (casebook_test_find_widget (c, GTK_TYPE_LIST_BOX));

  return NULL;
}

static GtkListBoxRow *
suggestion (GtkListBox *list,
            const char *text)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)))), text) == 0)
      return GTK_LIST_BOX_ROW (row);

  return NULL;
}

static void
test_tags_add_complete_remove (PageFixture   *f,
                               gconstpointer  data)
{
  GtkEditable *entry = _casebook_tag_bar_get_entry (f->tags);
  g_auto(GStrv) shown = NULL;
  GtkListBox *list;
  GtkListBoxRow *row;

  /* Tags go on a bundled case, whose data cannot be edited. */
  show (f, "report-2.1");
  g_assert_true (shows_label (GTK_WIDGET (f->page), "Tags"));
  g_assert_true (is_shown (GTK_WIDGET (entry)));

  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (entry, "Shortlist 2026");
  g_signal_emit_by_name (entry, "activate");
  spin ();
  g_assert_true (case_has_tag (f->store, "report-2.1", "Shortlist 2026"));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  shown = _casebook_tag_bar_get_shown (f->tags);
  g_assert_cmpuint (g_strv_length (shown), ==, 1);
  g_assert_cmpstr (shown[0], ==, "Shortlist 2026");
  g_clear_pointer (&shown, g_strfreev);

  /* Another case: typing part of it suggests the tag in use. */
  show (f, "report-8.1");
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (entry, "short");
  spin ();
  list = suggestions (entry);
  g_assert_nonnull (list);
  row = suggestion (list, "Shortlist 2026");
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  spin ();
  g_assert_true (case_has_tag (f->store, "report-8.1", "Shortlist 2026"));
  shown = _casebook_tag_bar_get_shown (f->tags);
  g_assert_true (g_strv_contains ((const char * const *) shown, "Shortlist 2026"));
  g_clear_pointer (&shown, g_strfreev);

  /* A tag the case has is not suggested for it again. */
  gtk_editable_set_text (entry, "short");
  spin ();
  list = suggestions (entry);
  g_assert_true (list == NULL || suggestion (list, "Shortlist 2026") == NULL);
  gtk_editable_set_text (entry, "");

  /* A tag with a control character is refused, saying why. */
  gtk_editable_set_text (entry, "bad\x01tag");
  g_signal_emit_by_name (entry, "activate");
  spin ();
  g_assert_true (is_shown (GTK_WIDGET (_casebook_tag_bar_get_error (f->tags))));
  g_assert_cmpstr (gtk_label_get_text (_casebook_tag_bar_get_error (f->tags)), !=, "");
  g_assert_false (case_has_tag (f->store, "report-8.1", "bad\x01tag"));
  /* Typing on clears the message. */
  gtk_editable_set_text (entry, "");
  g_assert_false (is_shown (GTK_WIDGET (_casebook_tag_bar_get_error (f->tags))));

  /* Its remove button takes the tag off this case only. */
  click (GTK_WIDGET (_casebook_tag_bar_get_remove (f->tags, "Shortlist 2026")));
  g_assert_false (case_has_tag (f->store, "report-8.1", "Shortlist 2026"));
  g_assert_true (case_has_tag (f->store, "report-2.1", "Shortlist 2026"));
  shown = _casebook_tag_bar_get_shown (f->tags);
  g_assert_cmpuint (g_strv_length (shown), ==, 0);
}

/* The window ----------------------------------------------------------------- */

typedef struct
{
  char                *dir;
  CasebookApplication *app;
  CasebookStore       *store;
  CasebookWindow      *window;
  guint                expected;
  const char          *id;
} Fixture;

static gboolean
has_n_items (gpointer data)
{
  Fixture *f = data;
  GListModel *cases = _casebook_window_get_cases (f->window);

  return g_list_model_get_n_items (cases) == f->expected &&
         !casebook_case_list_is_loading (CASEBOOK_CASE_LIST (cases));
}

static gboolean
is_current (gpointer data)
{
  Fixture *f = data;
  CasebookCase *current = _casebook_window_get_current_case (f->window);

  return current != NULL && g_strcmp0 (casebook_case_get_id (current), f->id) == 0;
}

static void
window_set_up (Fixture       *f,
               gconstpointer  data)
{
  static guint counter;
  g_autofree char *app_id = g_strdup_printf ("io.github.casebook.Casebook.TestNotes%u", ++counter);
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  f->dir = casebook_test_tmpdir ();
  db = g_build_filename (f->dir, "store.db", NULL);

  f->app = casebook_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), app_id);
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  _casebook_application_set_db_path (f->app, db);

  settings = _casebook_application_get_settings (f->app);
  g_settings_reset (settings, "selected-case");
  g_settings_reset (settings, "sort-order");
  g_settings_set_string (settings, "content-language", "en");

  f->store = g_object_ref (_casebook_application_get_store (f->app));
  f->window = _casebook_application_new_window (f->app, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 900);
  gtk_window_present (GTK_WINDOW (f->window));

  f->expected = 14;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
}

static void
window_tear_down (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin ();
  g_clear_object (&f->store);
  g_clear_object (&f->app);
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
}

static CasebookFacetRow *
find_facet_row (GtkWidget     *widget,
                CasebookFacet  facet,
                const char    *key)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      CasebookFacetRow *found;

      if (CASEBOOK_IS_FACET_ROW (c) &&
          casebook_facet_row_get_facet (CASEBOOK_FACET_ROW (c)) == facet &&
          g_strcmp0 (casebook_facet_row_get_key (CASEBOOK_FACET_ROW (c)), key) == 0)
        return CASEBOOK_FACET_ROW (c);
      if ((found = find_facet_row (c, facet, key)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
tag_row_counts (gpointer data)
{
  Fixture *f = data;
  CasebookFacetRow *row = find_facet_row (GTK_WIDGET (f->window), CASEBOOK_FACET_TAG, "shortlist");

  return row != NULL && gtk_widget_get_mapped (GTK_WIDGET (row)) &&
         _casebook_facet_row_get_count (row) == f->expected;
}

static void
test_window_tag_facet (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CasebookTagBar *bar;
  CasebookFacetRow *row;
  GListModel *cases = _casebook_window_get_cases (f->window);

  /* Two cases tagged on their pages, one through the store. */
  _casebook_window_select_case (f->window, "report-2.1");
  f->id = "report-2.1";
  g_assert_true (casebook_test_wait_until (is_current, f));
  bar = CASEBOOK_TAG_BAR (casebook_test_find_widget (GTK_WIDGET (f->window), CASEBOOK_TYPE_TAG_BAR));
  gtk_editable_set_text (_casebook_tag_bar_get_entry (bar), "shortlist");
  g_signal_emit_by_name (_casebook_tag_bar_get_entry (bar), "activate");
  g_assert_true (casebook_store_add_tag (f->store, "report-3.2", "shortlist", &error));
  g_assert_no_error (error);

  /* The filter pane lists the tag with its count... */
  f->expected = 2;
  g_assert_true (casebook_test_wait_until (tag_row_counts, f));
  g_assert_true (shows_label (GTK_WIDGET (f->window), "Tags"));

  /* ...and checking it narrows the list to those cases. */
  row = find_facet_row (GTK_WIDGET (f->window), CASEBOOK_FACET_TAG, "shortlist");
  casebook_facet_row_toggle (row);
  g_assert_true (casebook_filter_has (_casebook_window_get_filter (f->window), CASEBOOK_FACET_TAG, "shortlist"));
  f->expected = 2;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(CasebookCaseSummary) summary = g_list_model_get_item (cases, i);
      const char *id = casebook_case_summary_get_id (summary);

      g_assert_true (g_str_equal (id, "report-2.1") || g_str_equal (id, "report-3.2"));
    }

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-filters", NULL);
  f->expected = 14;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
}

static void
test_window_search_finds_note (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *entry = casebook_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY);
  g_autoptr(CasebookCaseSummary) first = NULL;
  CasebookPersonalNote *note;

  /* The note is written on the page, as a person writes it. */
  _casebook_window_select_case (f->window, "report-5.1");
  f->id = "report-5.1";
  g_assert_true (casebook_test_wait_until (is_current, f));
  note = CASEBOOK_PERSONAL_NOTE (casebook_test_find_widget (GTK_WIDGET (f->window), CASEBOOK_TYPE_PERSONAL_NOTE));
  g_assert_true (casebook_test_wait_until (is_mapped, _casebook_personal_note_get_button (note, "add")));
  click (GTK_WIDGET (_casebook_personal_note_get_button (note, "add")));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (_casebook_personal_note_get_text_view (note)),
                            "Compare with the quokkaplatform pilot next spring.", -1);
  click (GTK_WIDGET (_casebook_personal_note_get_button (note, "save")));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "quokkaplatform");
  f->expected = 1;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  first = g_list_model_get_item (_casebook_window_get_cases (f->window), 0);
  g_assert_cmpstr (casebook_case_summary_get_id (first), ==, "report-5.1");
}

static void
add_own_case (CasebookStore *store,
              const char    *id,
              const char    *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = casebook_test_minimal_case (id, "");
  g_autoptr(CasebookCase) c = casebook_json_case_from_string (json, &error);

  g_assert_no_error (error);
  casebook_case_take_title (c, casebook_text_new (NULL, title));
  g_assert_true (casebook_store_save_case (store, c, NULL, &error));
  g_assert_no_error (error);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

/* Clicks the dialog's button for @response, as a person would. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  GtkWidget *button;

  g_assert_true (adw_message_dialog_has_response (dialog, response));
  button = find_button (GTK_WIDGET (dialog), adw_message_dialog_get_response_label (dialog, response));
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  g_assert_true (casebook_test_wait_until (dialog_gone, NULL));
}

static void
collect_undo_delete (GtkWidget *widget,
                     GPtrArray *found)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_BUTTON (c) && gtk_widget_get_mapped (c) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), "win.undo-delete") == 0)
        g_ptr_array_add (found, c);
      collect_undo_delete (c, found);
    }
}

/* The Undo of the toast on show, once a toast it replaced has left. */
static GtkWidget *
find_undo_delete (GtkWidget *widget)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_undo_delete (widget, found);
  return found->len == 1 ? g_ptr_array_index (found, 0) : NULL;
}

static gboolean
undo_delete_shown (gpointer data)
{
  return find_undo_delete (data) != NULL;
}

static void
select_own (Fixture    *f,
            const char *id)
{
  _casebook_window_select_case (f->window, id);
  f->id = id;
  g_assert_true (casebook_test_wait_until (is_current, f));
}

static void
test_window_delete_asks_for_note (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *note = NULL;

  add_own_case (f->store, "mine-plain", "Mine without a note");
  add_own_case (f->store, "mine-noted", "Mine with a note");
  add_own_case (f->store, "mine-kept", "Mine whose note stays");
  g_assert_true (casebook_store_set_note (f->store, "mine-noted", "My thoughts", &error));
  g_assert_true (casebook_store_set_note (f->store, "mine-kept", "Keep these thoughts", &error));
  g_assert_no_error (error);
  f->expected = 17;
  g_assert_true (casebook_test_wait_until (has_n_items, f));

  /* No note: deleted at once, as before, with its Undo. */
  select_own (f, "mine-plain");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-case", NULL);
  spin ();
  g_assert_null (find_dialog ());
  g_assert_false (casebook_store_has_case (f->store, "mine-plain"));
  f->expected = 16;
  g_assert_true (casebook_test_wait_until (has_n_items, f));

  /* A note: the window asks first, and Cancel changes nothing. */
  select_own (f, "mine-noted");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-case", NULL);
  g_assert_true (casebook_test_wait_until (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_true (adw_message_dialog_has_response (dialog, "keep"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "delete"), ==, "_Delete Case and Note");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Mine with a note"));
  respond (dialog, "cancel");
  g_assert_true (casebook_store_has_case (f->store, "mine-noted"));
  note = stored_note (f->store, "mine-noted");
  g_assert_cmpstr (note, ==, "My thoughts");
  g_clear_pointer (&note, g_free);

  /* Delete Case and Note: both go; Undo brings both back. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-case", NULL);
  g_assert_true (casebook_test_wait_until (dialog_shown, NULL));
  respond (find_dialog (), "delete");
  f->expected = 15;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  g_assert_false (casebook_store_has_case (f->store, "mine-noted"));
  note = stored_note (f->store, "mine-noted");
  g_assert_null (note);

  g_assert_true (casebook_test_wait_until (undo_delete_shown, f->window));
  gtk_widget_activate (find_undo_delete (GTK_WIDGET (f->window)));
  f->expected = 16;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  g_assert_true (casebook_store_has_case (f->store, "mine-noted"));
  note = stored_note (f->store, "mine-noted");
  g_assert_cmpstr (note, ==, "My thoughts");
  g_clear_pointer (&note, g_free);

  /* Keep Note: the case goes, the note stays in the store. */
  select_own (f, "mine-kept");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-case", NULL);
  g_assert_true (casebook_test_wait_until (dialog_shown, NULL));
  respond (find_dialog (), "keep");
  f->expected = 15;
  g_assert_true (casebook_test_wait_until (has_n_items, f));
  g_assert_false (casebook_store_has_case (f->store, "mine-kept"));
  note = stored_note (f->store, "mine-kept");
  g_assert_cmpstr (note, ==, "Keep these thoughts");
}

static void
test_window_compare_shows_note (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rows = NULL;
  g_autofree char *cell = NULL;
  g_autofree char *long_text = g_strnfill (2000, 'n');
  CasebookCaseCompare *compare;

  /* Without a note on any of the cases, no row for it. */
  compare = casebook_case_compare_new (f->store, CASEBOOK_LANG_EN);
  gtk_window_present (GTK_WINDOW (compare));
  casebook_case_compare_set_cases (compare, (const char *[]) { "report-3.2", "report-4.2", NULL });
  rows = _casebook_case_compare_get_rows (compare);
  g_assert_false (g_strv_contains ((const char * const *) rows, "note"));
  g_clear_pointer (&rows, g_strfreev);
  gtk_window_destroy (GTK_WINDOW (compare));

  /* A note on one: a row, its text there and a dash beside it; a long
   * note is cut short. */
  g_assert_true (casebook_store_set_note (f->store, "report-3.2", "Line one\nLine two", &error));
  g_assert_true (casebook_store_set_note (f->store, "report-4.2", long_text, &error));
  g_assert_no_error (error);
  compare = casebook_case_compare_new (f->store, CASEBOOK_LANG_EN);
  gtk_window_present (GTK_WINDOW (compare));
  casebook_case_compare_set_cases (compare, (const char *[]) { "report-3.2", "report-4.2", "report-2.1", NULL });
  rows = _casebook_case_compare_get_rows (compare);
  g_assert_true (g_strv_contains ((const char * const *) rows, "note"));
  cell = _casebook_case_compare_get_cell_text (compare, "note", 0);
  g_assert_cmpstr (cell, ==, "Line one\nLine two");
  g_clear_pointer (&cell, g_free);
  cell = _casebook_case_compare_get_cell_text (compare, "note", 1);
  g_assert_true (g_str_has_suffix (cell, "…"));
  g_assert_cmpint (g_utf8_strlen (cell, -1), <, 2000);
  g_clear_pointer (&cell, g_free);
  cell = _casebook_case_compare_get_cell_text (compare, "note", 2);
  g_assert_cmpstr (cell, ==, "");
  gtk_window_destroy (GTK_WINDOW (compare));
  spin ();
}

/* The column headers of the side-by-side comparison name their cases in
 * full, on two lines if need be, not "Virtualization at a large b…". */
static void
collect_menu_button_labels (GtkWidget *widget,
                            GPtrArray *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child))
        {
          GtkWidget *label = casebook_test_find_widget (child, GTK_TYPE_LABEL);

          if (label != NULL)
            g_ptr_array_add (labels, label);
          continue;
        }
      collect_menu_button_labels (child, labels);
    }
}

static void
test_window_compare_whole_titles (Fixture       *f,
                                  gconstpointer  data)
{
  const char *ids[] = { "report-2.1", "report-3.2", NULL };
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  CasebookCaseCompare *compare = casebook_case_compare_new (f->store, CASEBOOK_LANG_EN);

  gtk_window_set_default_size (GTK_WINDOW (compare), 1000, 700);
  gtk_window_present (GTK_WINDOW (compare));
  casebook_case_compare_set_cases (compare, ids);
  spin ();

  collect_menu_button_labels (GTK_WIDGET (compare), labels);
  g_assert_cmpuint (labels->len, ==, 2);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      g_autoptr(CasebookCase) c = casebook_store_get_case (f->store, ids[i], NULL);

      g_assert_nonnull (c);
      g_assert_cmpstr (gtk_label_get_text (label), ==, casebook_text_get (casebook_case_get_title (c), CASEBOOK_LANG_EN));
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
    }
  gtk_window_destroy (GTK_WINDOW (compare));
  spin ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD_PAGE(path, func) \
  g_test_add (path, PageFixture, NULL, page_set_up, func, page_tear_down)
#define ADD_WINDOW(path, func) \
  g_test_add (path, Fixture, NULL, window_set_up, func, window_tear_down)

  ADD_PAGE ("/case-notes/note/write-persists", test_note_write_persists);
  ADD_PAGE ("/case-notes/note/edit-and-cancel", test_note_edit_and_cancel);
  ADD_PAGE ("/case-notes/note/focus-out-saves", test_note_focus_out_saves);
  ADD_PAGE ("/case-notes/note/clear-and-undo", test_note_clear_and_undo);
  ADD_PAGE ("/case-notes/note/too-long", test_note_too_long);
  ADD_PAGE ("/case-notes/tags/add-complete-remove", test_tags_add_complete_remove);
  ADD_PAGE ("/case-notes/read-only-store", test_read_only_store);
  ADD_PAGE ("/case-notes/fits-narrow-window", test_fits_narrow_window);
  ADD_WINDOW ("/case-notes/window/tag-facet", test_window_tag_facet);
  ADD_WINDOW ("/case-notes/window/search-finds-note", test_window_search_finds_note);
  ADD_WINDOW ("/case-notes/window/delete-asks-for-note", test_window_delete_asks_for_note);
  ADD_WINDOW ("/case-notes/window/compare-shows-note", test_window_compare_shows_note);
  ADD_WINDOW ("/case-notes/window/compare-names-cases-whole", test_window_compare_whole_titles);

#undef ADD_PAGE
#undef ADD_WINDOW

  return g_test_run ();
}
