/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-tag-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-check.h"
#include "casebook-completion.h"
#include "casebook-resources.h"
#include "casebook-store-collections.h"
#include "casebook-tag-bar-private.h"

/**
 * CasebookTagBar:
 *
 * The person's tags on a case, on the case page: one chip per tag, with a
 * button that removes it, and a field that adds one, suggesting the tags
 * already in use. Tags are the person's layer over the case, not its
 * data, so bundled cases take them too. Activating a chip shows the
 * cases with that tag.
 */
struct _CasebookTagBar
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *box;
  GtkFlowBox         *chips;
  GtkWidget          *add_box;
  GtkEntry           *entry;
  GtkWidget          *add_button;
  GtkLabel           *error_label;

  CasebookCompletion *completion;
  CasebookStore      *store;
  CasebookCase       *c;
  GPtrArray          *tags;   /* of char *, as the store has them */
};

G_DEFINE_FINAL_TYPE (CasebookTagBar, casebook_tag_bar, GTK_TYPE_WIDGET)

enum {
  TAG_ACTIVATED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define TAG_KEY "casebook-tag"

/* Helpers ------------------------------------------------------------ */

static gboolean
writable (CasebookTagBar *self)
{
  return self->store != NULL && !casebook_store_is_read_only (self->store);
}

static void
show_error (CasebookTagBar *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
}

/* The tags in use that this case does not have yet. */
static void
update_completion (CasebookTagBar *self)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_autoptr(GPtrArray) in_use = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store != NULL)
    in_use = casebook_store_list_tags (self->store, &error);
  if (error != NULL)
    g_debug ("Could not list the tags in use: %s", error->message);

  for (guint i = 0; in_use != NULL && i < in_use->len; i++)
    {
      const CasebookFacetValue *value = g_ptr_array_index (in_use, i);

      if (value->key != NULL &&
          !g_ptr_array_find_with_equal_func (self->tags, value->key, g_str_equal, NULL))
        g_ptr_array_add (words, value->key);
    }
  g_ptr_array_add (words, NULL);

  casebook_completion_set_words (self->completion, (const char * const *) words->pdata);
}

static void on_chip_clicked   (CasebookTagBar *self,
                               GtkButton      *button);
static void on_remove_clicked (CasebookTagBar *self,
                               GtkButton      *button);

static GtkWidget *
make_chip (CasebookTagBar *self,
           const char     *tag)
{
  g_autofree char *show = g_strdup_printf (_("Show the cases tagged “%s”"), tag);
  g_autofree char *remove_label = g_strdup_printf (_("Remove the tag “%s”"), tag);
  GtkWidget *chip, *button, *label, *remove;

  chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (chip, "tag-chip");

  label = gtk_label_new (tag);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_set_tooltip_text (button, show);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "tag-name");
  g_object_set_data_full (G_OBJECT (button), TAG_KEY, g_strdup (tag), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_chip_clicked), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (chip), button);

  if (writable (self))
    {
      remove = gtk_button_new_from_icon_name ("window-close-symbolic");
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                      -1);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_add_css_class (remove, "tag-remove");
      g_object_set_data_full (G_OBJECT (remove), TAG_KEY, g_strdup (tag), g_free);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (chip), remove);
    }

  return chip;
}

static void
show_tags (CasebookTagBar *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_flow_box_remove (self->chips, child);

  for (guint i = 0; i < self->tags->len; i++)
    {
      gtk_flow_box_append (self->chips, make_chip (self, g_ptr_array_index (self->tags, i)));
      /* The buttons in the chip take the focus, not the box around them. */
      gtk_widget_set_focusable (gtk_widget_get_last_child (GTK_WIDGET (self->chips)), FALSE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->chips), self->tags->len > 0);
  gtk_widget_set_visible (self->add_box, writable (self));
  gtk_widget_set_visible (GTK_WIDGET (self), self->c != NULL && (self->tags->len > 0 || writable (self)));
}

/* Reads the case's tags again from the store, which sorts them and
 * drops duplicates, and puts them on the shared case too. */
static void
reload (CasebookTagBar *self)
{
  g_autoptr(CasebookCase) fresh = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *tags;

  g_ptr_array_set_size (self->tags, 0);
  if (self->c == NULL)
    return;

  fresh = casebook_store_get_case (self->store, casebook_case_get_id (self->c), &error);
  if (fresh == NULL)
    g_debug ("Could not read the tags of %s: %s", casebook_case_get_id (self->c), error->message);

  tags = fresh != NULL ? casebook_case_get_tags (fresh) : casebook_case_get_tags (self->c);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_ptr_array_add (self->tags, g_strdup (tags[i]));

  if (fresh != NULL)
    casebook_case_set_tags (self->c, tags);
}

static void
refresh (CasebookTagBar *self)
{
  reload (self);
  show_tags (self);
  update_completion (self);
}

static gboolean
add_tag (CasebookTagBar *self,
         const char     *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tag = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *problem = NULL;

  if (self->c == NULL || tag[0] == '\0')
    return FALSE;

  /* The same rules as an import's, so that what the field takes a file
   * can hold, and the other way round. */
  problem = casebook_check_tag (tag);
  if (problem == NULL &&
      !casebook_store_add_tag (self->store, casebook_case_get_id (self->c), tag, &error))
    problem = g_strdup (error->message);

  if (problem != NULL)
    {
      show_error (self, problem);
      gtk_widget_error_bell (GTK_WIDGET (self->entry));
      return FALSE;
    }

  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* Signal callbacks --------------------------------------------------- */

static void
on_entry_activate (CasebookTagBar *self)
{
  add_tag (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
on_entry_changed (CasebookTagBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  /* An error is about the text that was refused; typing on clears it. */
  show_error (self, NULL);
  gtk_widget_set_sensitive (self->add_button, stripped[0] != '\0');
}

static void
on_completion_chosen (CasebookTagBar *self,
                      const char     *word)
{
  add_tag (self, word);
}

static void
on_chip_clicked (CasebookTagBar *self,
                 GtkButton      *button)
{
  const char *tag = g_object_get_data (G_OBJECT (button), TAG_KEY);

  if (tag != NULL)
    g_signal_emit (self, signals[TAG_ACTIVATED], 0, tag);
}

static void
on_remove_clicked (CasebookTagBar *self,
                   GtkButton      *button)
{
  g_autofree char *tag = g_strdup (g_object_get_data (G_OBJECT (button), TAG_KEY));
  g_autoptr(GError) error = NULL;
  GtkWidget *chip = gtk_widget_get_parent (GTK_WIDGET (button));
  int index = gtk_flow_box_child_get_index (GTK_FLOW_BOX_CHILD (gtk_widget_get_parent (chip)));
  GtkFlowBoxChild *next;

  if (tag == NULL || self->c == NULL)
    return;

  if (!casebook_store_remove_tag (self->store, casebook_case_get_id (self->c), tag, &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);

  /* The keyboard goes on with the chip that took the removed one's place,
   * or the field once none is left. */
  next = gtk_flow_box_get_child_at_index (self->chips, MAX (index - (index >= (int) self->tags->len), 0));
  if (next != NULL && self->tags->len > 0)
    gtk_widget_grab_focus (gtk_widget_get_first_child (gtk_flow_box_child_get_child (next)));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* Overrides ------------------------------------------------------------ */

static void
casebook_tag_bar_dispose (GObject *object)
{
  CasebookTagBar *self = (CasebookTagBar *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_TAG_BAR);
  self->completion = NULL;
  g_clear_object (&self->c);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (casebook_tag_bar_parent_class)->dispose (object);
}

static void
casebook_tag_bar_finalize (GObject *object)
{
  CasebookTagBar *self = (CasebookTagBar *)object;

  g_clear_pointer (&self->tags, g_ptr_array_unref);

  G_OBJECT_CLASS (casebook_tag_bar_parent_class)->finalize (object);
}

static void
casebook_tag_bar_class_init (CasebookTagBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_tag_bar_dispose;
  object_class->finalize = casebook_tag_bar_finalize;

  (void) casebook_get_resource ();

  /**
   * CasebookTagBar::tag-activated:
   * @tag: the tag
   *
   * A tag's chip was activated; the window shows the cases with the tag.
   */
  signals[TAG_ACTIVATED] = g_signal_new ("tag-activated",
                                         G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CasebookTagBar::changed:
   *
   * A tag was added to the case or removed from it.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tagbar");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-tag-bar.ui");

  gtk_widget_class_bind_template_child (widget_class, CasebookTagBar, box);
  gtk_widget_class_bind_template_child (widget_class, CasebookTagBar, chips);
  gtk_widget_class_bind_template_child (widget_class, CasebookTagBar, add_box);
  gtk_widget_class_bind_template_child (widget_class, CasebookTagBar, entry);
  gtk_widget_class_bind_template_child (widget_class, CasebookTagBar, add_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookTagBar, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
}

static void
casebook_tag_bar_init (CasebookTagBar *self)
{
  static const char * const no_words[] = { NULL };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->tags = g_ptr_array_new_with_free_func (g_free);

  /* The entry owns the completion. */
  self->completion = casebook_completion_attach (GTK_WIDGET (self->entry), no_words);
  g_signal_connect_object (self->completion, "chosen", G_CALLBACK (on_completion_chosen), self,
                           G_CONNECT_SWAPPED);

  show_tags (self);
}

/* Public API ------------------------------------------------------------ */

/**
 * casebook_tag_bar_new:
 *
 * Returns: (transfer floating): a new tag bar, showing nothing
 */
GtkWidget *
casebook_tag_bar_new (void)
{
  return g_object_new (CASEBOOK_TYPE_TAG_BAR, NULL);
}

/**
 * casebook_tag_bar_set_case:
 * @store: the store that keeps the tags
 * @c: (nullable): the case, or %NULL for none
 *
 * Shows the tags of @c as @store has them now. The bar updates @c's tags
 * whenever it changes the store's.
 */
void
casebook_tag_bar_set_case (CasebookTagBar *self,
                           CasebookStore  *store,
                           CasebookCase   *c)
{
  gboolean other_case;

  g_return_if_fail (CASEBOOK_IS_TAG_BAR (self));
  g_return_if_fail (CASEBOOK_IS_STORE (store));
  g_return_if_fail (c == NULL || CASEBOOK_IS_CASE (c));

  other_case = self->c == NULL || c == NULL ||
               g_strcmp0 (casebook_case_get_id (self->c), casebook_case_get_id (c)) != 0;

  g_set_object (&self->store, store);
  g_set_object (&self->c, c);

  /* A tag half typed, or refused, belongs to the case it was typed for. */
  if (other_case)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
      show_error (self, NULL);
    }

  g_ptr_array_set_size (self->tags, 0);
  if (c != NULL)
    {
      const char * const *tags = casebook_case_get_tags (c);

      for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
        g_ptr_array_add (self->tags, g_strdup (tags[i]));
    }

  show_tags (self);
  update_completion (self);
}

/* For the tests ---------------------------------------------------------- */

GtkEditable *
_casebook_tag_bar_get_entry (CasebookTagBar *self)
{
  g_return_val_if_fail (CASEBOOK_IS_TAG_BAR (self), NULL);
  return GTK_EDITABLE (self->entry);
}

GtkLabel *
_casebook_tag_bar_get_error (CasebookTagBar *self)
{
  g_return_val_if_fail (CASEBOOK_IS_TAG_BAR (self), NULL);
  return self->error_label;
}

/* The tags whose chips are on screen, in their order. */
GStrv
_casebook_tag_bar_get_shown (CasebookTagBar *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CASEBOOK_IS_TAG_BAR (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->chips));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkWidget *button = gtk_widget_get_first_child (chip);

      if (gtk_widget_get_mapped (button))
        g_strv_builder_add (builder, gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)))));
    }

  return g_strv_builder_end (builder);
}

GtkButton *
_casebook_tag_bar_get_remove (CasebookTagBar *self,
                              const char     *tag)
{
  g_return_val_if_fail (CASEBOOK_IS_TAG_BAR (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->chips));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkWidget *remove = gtk_widget_get_last_child (chip);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (remove), TAG_KEY), tag) == 0 &&
          remove != gtk_widget_get_first_child (chip))
        return GTK_BUTTON (remove);
    }

  return NULL;
}
