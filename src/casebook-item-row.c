/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-item-row"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-item-row-private.h"

/**
 * CasebookItemRow:
 *
 * The base of the rows of the case editor's lists that hold more than one
 * field (outcomes, phases, technologies, challenges, notes): an expander
 * row for one item of the draft, which its fields edit in place.
 *
 * The row tells the problem tracker where each of its fields is in the
 * interchange format ("outcomes[1].value"), keeps its title and subtitle
 * up to date with the item, and emits #CasebookItemRow::changed with the
 * path of a field the person changed, and
 * #CasebookItemRow::remove-requested when the person asks to remove the
 * item. What to do then is the editor's business.
 */

typedef struct
{
  CasebookProblemTracker *tracker;
  char                   *path;
  CasebookLang            lang;
} CasebookItemRowPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CasebookItemRow, casebook_item_row, ADW_TYPE_EXPANDER_ROW)

enum {
  CHANGED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_remove_clicked (CasebookItemRow *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

static void
on_field_edited (CasebookItemRow *self,
                 GtkWidget       *field)
{
  _casebook_item_row_edited (self, field);
}

static void
set_lang_inside (GtkWidget    *widget,
                 CasebookLang  lang)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child))
        continue;
      if (CASEBOOK_IS_FIELD_ROW (child))
        casebook_field_row_set_lang (CASEBOOK_FIELD_ROW (child), lang);
      else
        set_lang_inside (child, lang);
    }
}

static void
casebook_item_row_dispose (GObject *object)
{
  CasebookItemRow *self = (CasebookItemRow *)object;
  CasebookItemRowPrivate *priv = casebook_item_row_get_instance_private (self);

  g_clear_object (&priv->tracker);

  G_OBJECT_CLASS (casebook_item_row_parent_class)->dispose (object);
}

static void
casebook_item_row_finalize (GObject *object)
{
  CasebookItemRow *self = (CasebookItemRow *)object;
  CasebookItemRowPrivate *priv = casebook_item_row_get_instance_private (self);

  g_clear_pointer (&priv->path, g_free);

  G_OBJECT_CLASS (casebook_item_row_parent_class)->finalize (object);
}

static void
casebook_item_row_class_init (CasebookItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = casebook_item_row_dispose;
  object_class->finalize = casebook_item_row_finalize;

  /**
   * CasebookItemRow::changed:
   * @path: where the field the person changed is in the interchange format
   *
   * The person changed the item; the draft holds the change already.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CasebookItemRow::remove-requested:
   *
   * The person asked to remove the item.
   */
  signals[REMOVE_REQUESTED] = g_signal_new ("remove-requested",
                                            G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
}

static void
casebook_item_row_init (CasebookItemRow *self)
{
  CasebookItemRowPrivate *priv = casebook_item_row_get_instance_private (self);

  priv->lang = CASEBOOK_LANG_ZH;
}

/* For the subclasses ------------------------------------------------------ */

/*
 * _casebook_item_row_setup:
 * @list: the path of the list, such as "outcomes"
 * @index: the place of the item in it
 * @lang: the language to show its texts in
 *
 * Tells @tracker about the row and gives it its remove button. A subclass
 * calls it once, before it adds its fields.
 */
void
_casebook_item_row_setup (CasebookItemRow        *self,
                          CasebookProblemTracker *tracker,
                          const char             *list,
                          guint                   index,
                          CasebookLang            lang)
{
  CasebookItemRowPrivate *priv = casebook_item_row_get_instance_private (self);
  GtkWidget *button;

  g_return_if_fail (CASEBOOK_IS_ITEM_ROW (self));
  g_return_if_fail (priv->tracker == NULL);

  priv->tracker = g_object_ref (tracker);
  priv->lang = lang;
  priv->path = g_strdup_printf ("%s[%u]", list, index);
  casebook_problem_tracker_add_field (tracker, GTK_WIDGET (self), priv->path, NULL);

  button = g_object_new (GTK_TYPE_BUTTON,
                         "icon-name", "user-trash-symbolic",
                         "valign", GTK_ALIGN_CENTER,
                         "tooltip-text", _("Remove"),
                         NULL);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_clicked), self, G_CONNECT_SWAPPED);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (self), button);
}

/* Tells the tracker that @row shows the item's @member. */
void
_casebook_item_row_add_field (CasebookItemRow *self,
                              GtkWidget       *row,
                              const char      *member)
{
  CasebookItemRowPrivate *priv = casebook_item_row_get_instance_private (self);
  g_autofree char *path = g_strdup_printf ("%s.%s", priv->path, member);
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

  casebook_problem_tracker_add_field (priv->tracker, row, path, title);
}

/* Binds @row to a text of the item, its @member. */
void
_casebook_item_row_add_text (CasebookItemRow  *self,
                             CasebookFieldRow *row,
                             CasebookText     *text,
                             const char       *member)
{
  CasebookItemRowPrivate *priv = casebook_item_row_get_instance_private (self);

  _casebook_item_row_add_field (self, GTK_WIDGET (row), member);
  casebook_field_row_set_lang (row, priv->lang);
  casebook_field_row_bind_text (row, text);
  g_signal_connect_object (row, "edited", G_CALLBACK (on_field_edited), self, G_CONNECT_SWAPPED);
}

/* Binds @row to a plain string of the item, its @member. */
void
_casebook_item_row_add_string (CasebookItemRow  *self,
                               CasebookFieldRow *row,
                               char            **slot,
                               const char       *member)
{
  _casebook_item_row_add_field (self, GTK_WIDGET (row), member);
  casebook_field_row_bind_string (row, slot);
  g_signal_connect_object (row, "edited", G_CALLBACK (on_field_edited), self, G_CONNECT_SWAPPED);
}

/* The person changed @field, and the item with it. */
void
_casebook_item_row_edited (CasebookItemRow *self,
                           GtkWidget       *field)
{
  CasebookItemRowPrivate *priv = casebook_item_row_get_instance_private (self);

  _casebook_item_row_refresh (self);
  g_signal_emit (self, signals[CHANGED], 0, casebook_problem_tracker_get_path (priv->tracker, field));
}

void
_casebook_item_row_refresh (CasebookItemRow *self)
{
  CasebookItemRowPrivate *priv = casebook_item_row_get_instance_private (self);
  const char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped_title = NULL;
  g_autofree char *escaped_subtitle = NULL;

  CASEBOOK_ITEM_ROW_GET_CLASS (self)->describe (self, priv->lang, &title, &subtitle);

  escaped_title = g_markup_escape_text (title != NULL ? title : "", -1);
  escaped_subtitle = g_markup_escape_text (subtitle != NULL ? subtitle : "", -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), escaped_title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), escaped_subtitle);
  if (priv->tracker != NULL)
    casebook_problem_tracker_set_field_title (priv->tracker, GTK_WIDGET (self), title);
}

CasebookProblemTracker *
_casebook_item_row_get_tracker (CasebookItemRow *self)
{
  CasebookItemRowPrivate *priv = casebook_item_row_get_instance_private (self);

  return priv->tracker;
}

const char *
_casebook_item_row_text_or (const CasebookText *text,
                            CasebookLang        lang,
                            const char         *fallback)
{
  const char *str = casebook_text_get (text, lang);

  return str[0] != '\0' ? str : fallback;
}

/* Public API ----------------------------------------------------------------- */

/**
 * casebook_item_row_get_path:
 *
 * Returns: where the item is in the interchange format, such as "outcomes[1]"
 */
const char *
casebook_item_row_get_path (CasebookItemRow *self)
{
  CasebookItemRowPrivate *priv = casebook_item_row_get_instance_private (self);

  g_return_val_if_fail (CASEBOOK_IS_ITEM_ROW (self), NULL);
  return priv->path;
}

/**
 * casebook_item_row_set_lang:
 *
 * Shows the item's texts, and its title, in @lang.
 */
void
casebook_item_row_set_lang (CasebookItemRow *self,
                            CasebookLang     lang)
{
  CasebookItemRowPrivate *priv = casebook_item_row_get_instance_private (self);

  g_return_if_fail (CASEBOOK_IS_ITEM_ROW (self));

  priv->lang = lang;
  set_lang_inside (GTK_WIDGET (self), lang);
  _casebook_item_row_refresh (self);
}
