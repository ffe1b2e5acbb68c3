/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-collection-list"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-drag-content.h"
#include "casebook-case-drag.h"
#include "casebook-collection-list.h"
#include "casebook-store-collections.h"
#include "casebook-tooltip.h"

/**
 * CasebookCollectionList:
 *
 * The Collections section of the sidebar: "All Cases", then each of the
 * person's collections with the number of cases in it; a smart
 * collection (a saved filter and search) has an icon of its own.
 *
 * Choosing a row sets #CasebookCollectionList:selected, which the window
 * turns into a restriction of its filter. Cases dragged from the case
 * list onto a plain collection come out as
 * #CasebookCollectionList::cases-dropped (or, for a selection dragged by
 * its positions, #CasebookCollectionList::case-drag-dropped); cases dragged from another
 * store (another window's, or another Casebook's) come out as their
 * interchange JSON, #CasebookCollectionList::cases-json-dropped, on a
 * plain collection or on "All Cases". Everything that changes a
 * collection is a win.* action of the window (the row menus name them),
 * so this widget only reads the store.
 */
struct _CasebookCollectionList
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkWidget     *box;
  GtkWidget     *new_button;
  GtkListBox    *list;

  CasebookStore *store;
  /* The collections as last read, in the order of the rows after "All
   * Cases". */
  GPtrArray     *collections;
  GMenu         *add_menu;
  GMenu         *add_section;
  GtkPopoverMenu *menu;
  gint64         selected;
  gboolean       reloading;
};

G_DEFINE_FINAL_TYPE (CasebookCollectionList, casebook_collection_list, GTK_TYPE_WIDGET)

/* A type of its own, rather than G_TYPE_STRV, so that no other list of
 * strings dragged in is taken for cases. */
GType
casebook_case_ids_get_type (void)
{
  static gsize type;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_boxed_type_register_static (g_intern_static_string ("CasebookCaseIds"),
                                                            (GBoxedCopyFunc) g_strdupv,
                                                            (GBoxedFreeFunc) g_strfreev));
  return type;
}

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

enum {
  CASES_DROPPED,
  CASE_DRAG_DROPPED,
  CASES_JSON_DROPPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define ID_KEY "casebook-collection-id"

static gint64
row_id (GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), ID_KEY);

  return id != NULL ? *id : 0;
}

/* How many characters of a name a menu shows: a menu is as wide as its
 * widest item, and a name can have 200. */
#define MENU_NAME_CHARS 40

/* A menu label takes underscores as mnemonics; a name keeps its own. */
static char *
menu_label (const char *name)
{
  g_autoptr(GString) label = NULL;

  if (g_utf8_strlen (name, -1) > MENU_NAME_CHARS)
    {
      g_autofree char *start = g_utf8_substring (name, 0, MENU_NAME_CHARS - 1);

      label = g_string_new (start);
      g_string_append (label, "…");
    }
  else
    label = g_string_new (name);

  g_string_replace (label, "_", "__", 0);
  return g_string_free (g_steal_pointer (&label), FALSE);
}

static void
show_row_menu (CasebookCollectionList *self,
               GtkListBoxRow          *row,
               double                  x,
               double                  y)
{
  gint64 id = row_id (row);
  CasebookCollection *collection = casebook_collection_list_get_collection (self, id);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();

  if (collection == NULL)
    return;

  /* Each item carries the collection's id, so that the menu acts on the
   * row it was opened on, whichever row is chosen. */
  {
    static const struct { const char *label; const char *action; } items[] = {
      { N_("_Rename…"), "win.rename-collection" },
      /* Translators: writes the collection as a PDF brief; win.save-brief */
      { N_("Save as _Brief…"), "win.save-brief" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (items); i++)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

        g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_int64 (id));
        g_menu_append_item (section, item);
      }
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  {
    g_autoptr(GMenu) danger = g_menu_new ();
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_Delete Collection"), NULL);

    g_menu_item_set_action_and_target_value (item, "win.delete-collection", g_variant_new_int64 (id));
    g_menu_append_item (danger, item);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));
  }

  /* One menu, kept by the list rather than the row: a row goes as soon
   * as the store changes, which the menu's own action does. It is made
   * when first opened, not with the window. */
  if (self->menu == NULL)
    {
      self->menu = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (NULL));
      gtk_widget_set_parent (GTK_WIDGET (self->menu), GTK_WIDGET (self));
    }
  gtk_popover_menu_set_menu_model (self->menu, G_MENU_MODEL (menu));
  if (x < 0 || !gtk_widget_translate_coordinates (GTK_WIDGET (row), GTK_WIDGET (self), x, y, &x, &y))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self), &bounds))
        return;
      x = bounds.origin.x + bounds.size.width / 2;
      y = bounds.origin.y + bounds.size.height;
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
on_row_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                gpointer         user_data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  CasebookCollectionList *self = user_data;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  show_row_menu (self, GTK_LIST_BOX_ROW (row), x, y);
}

static void
on_row_long_pressed (GtkGestureLongPress *gesture,
                     double               x,
                     double               y,
                     gpointer             user_data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  show_row_menu (user_data, GTK_LIST_BOX_ROW (row), x, y);
}

/* The Menu key or Shift+F10 on a row opens its menu. */
static gboolean
on_menu_key (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  CasebookCollectionList *self = CASEBOOK_COLLECTION_LIST (widget);
  GtkWidget *focus = gtk_widget_get_focus_child (GTK_WIDGET (self->list));

  if (!GTK_IS_LIST_BOX_ROW (focus) || row_id (GTK_LIST_BOX_ROW (focus)) == 0)
    return FALSE;

  show_row_menu (self, GTK_LIST_BOX_ROW (focus), -1, -1);
  return TRUE;
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  CasebookCollectionList *self = user_data;
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  CasebookCaseDragContent *content = casebook_case_drag_content_from_drop (gtk_drop_target_get_current_drop (target));
  char **ids = g_value_get_boxed (value);

  /* A selection dragged by its positions has no ids at hand: the window
   * asks the drag's content for them, or for its listing. */
  if ((ids == NULL || ids[0] == NULL) && content != NULL)
    {
      g_signal_emit (self, signals[CASE_DRAG_DROPPED], 0, row_id (GTK_LIST_BOX_ROW (row)), content);
      return TRUE;
    }

  if (ids == NULL || ids[0] == NULL)
    return FALSE;

  g_signal_emit (self, signals[CASES_DROPPED], 0, row_id (GTK_LIST_BOX_ROW (row)), ids);
  return TRUE;
}

/* Ids name cases only in the store they were dragged from. */
static gboolean
on_ids_accept (GtkDropTarget *target,
               GdkDrop       *drop,
               gpointer       user_data)
{
  CasebookCollectionList *self = user_data;

  return casebook_case_drag_accept_ids (drop, self->store);
}

static gboolean
on_json_accept (GtkDropTarget *target,
                GdkDrop       *drop,
                gpointer       user_data)
{
  CasebookCollectionList *self = user_data;

  return casebook_case_drag_accept_json (drop, self->store);
}

static gboolean
on_json_drop (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              gpointer       user_data)
{
  CasebookCollectionList *self = user_data;
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GBytes *json = G_VALUE_HOLDS (value, CASEBOOK_TYPE_CASES_JSON) ? g_value_get_boxed (value) : NULL;

  if (json == NULL)
    return FALSE;

  g_signal_emit (self, signals[CASES_JSON_DROPPED], 0, row_id (GTK_LIST_BOX_ROW (row)), json);
  return TRUE;
}

static GtkWidget *
make_row (CasebookCollectionList *self,
          gint64                  id,
          const char             *icon,
          const char             *name,
          guint                   n_cases,
          gboolean                droppable)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  /* The row's label says what it is; the icon adds nothing to read out. */
  GtkWidget *image = g_object_new (GTK_TYPE_IMAGE,
                                   "icon-name", icon,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);
  GtkWidget *label = gtk_label_new (name);
  g_autofree char *count_text = g_strdup_printf ("%u", n_cases);
  GtkWidget *count = gtk_label_new (count_text);

  g_object_set_data_full (G_OBJECT (row), ID_KEY, g_memdup2 (&id, sizeof id), g_free);

  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "count");
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* The whole name, for one the sidebar cuts short. */
  if (g_utf8_strlen (name, -1) > 20)
    casebook_tooltip_set_text (row, name);

  {
    /* Translators: how a screen reader names a collection's row: its name and how many cases it holds */
    g_autofree char *described = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u case", "%s, %u cases", n_cases),
                                                  name, n_cases);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, described, -1);
  }

  if (id != 0)
    {
      GtkGesture *click = gtk_gesture_click_new ();
      GtkGesture *long_press = gtk_gesture_long_press_new ();

      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
      g_signal_connect (click, "pressed", G_CALLBACK (on_row_pressed), self);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));

      gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
      g_signal_connect (long_press, "pressed", G_CALLBACK (on_row_long_pressed), self);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (long_press));
    }

  if (droppable)
    {
      GtkDropTarget *target = gtk_drop_target_new (CASEBOOK_TYPE_CASE_IDS, GDK_ACTION_COPY);

      g_signal_connect (target, "accept", G_CALLBACK (on_ids_accept), self);
      g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
    }

  /* Cases from elsewhere can also come into "All Cases": they are
   * imported without going into a collection. A drop the first target
   * turns down goes on to this one. */
  if (droppable || id == 0)
    {
      GtkDropTarget *target = gtk_drop_target_new (CASEBOOK_TYPE_CASES_JSON, GDK_ACTION_COPY);

      g_signal_connect (target, "accept", G_CALLBACK (on_json_accept), self);
      g_signal_connect (target, "drop", G_CALLBACK (on_json_drop), self);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
    }

  return row;
}

static void
set_selected (CasebookCollectionList *self,
              gint64                  id)
{
  if (self->selected == id)
    return;

  self->selected = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
on_row_selected (CasebookCollectionList *self,
                 GtkListBoxRow          *row,
                 GtkListBox             *list)
{
  if (self->reloading || row == NULL)
    return;

  set_selected (self, row_id (row));
}

static void
select_row (CasebookCollectionList *self)
{
  GtkListBoxRow *row;

  self->reloading = TRUE;
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    if (row_id (row) == self->selected)
      {
        gtk_list_box_select_row (self->list, row);
        break;
      }
  self->reloading = FALSE;
}

/**
 * casebook_collection_list_reload:
 *
 * Reads the collections and their counts again. A chosen collection that
 * is gone leaves "All Cases" chosen.
 */
void
casebook_collection_list_reload (CasebookCollectionList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) collections = NULL;
  GtkWidget *child;
  gboolean found = FALSE;

  g_return_if_fail (CASEBOOK_IS_COLLECTION_LIST (self));

  if (self->store == NULL)
    return;

  collections = casebook_store_list_collections (self->store, &error);
  if (collections == NULL)
    {
      /* The rows read before stay; the next change tries again. */
      g_warning ("Could not list the collections: %s", error->message);
      return;
    }

  g_clear_pointer (&self->collections, g_ptr_array_unref);
  self->collections = g_ptr_array_ref (collections);

  self->reloading = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  gtk_list_box_append (self->list, make_row (self, 0, "view-list-symbolic", _("All Cases"),
                                             casebook_store_get_n_cases (self->store), FALSE));

  g_menu_remove_all (self->add_section);
  for (guint i = 0; i < collections->len; i++)
    {
      CasebookCollection *collection = g_ptr_array_index (collections, i);
      gint64 id = casebook_collection_get_id (collection);
      gboolean smart = casebook_collection_is_smart (collection);

      gtk_list_box_append (self->list,
                           make_row (self, id, smart ? "folder-saved-search-symbolic" : "folder-symbolic",
                                     casebook_collection_get_name (collection),
                                     casebook_collection_get_n_cases (collection), !smart));
      found |= id == self->selected;

      /* A smart collection chooses its cases itself. */
      if (!smart)
        {
          g_autofree char *label = menu_label (casebook_collection_get_name (collection));
          g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

          g_menu_item_set_action_and_target_value (item, "win.add-to-collection", g_variant_new_int64 (id));
          g_menu_append_item (self->add_section, item);
        }
    }
  self->reloading = FALSE;

  if (!found)
    set_selected (self, 0);
  select_row (self);
}

static void
on_store_changed (CasebookCollectionList *self,
                  CasebookStore          *store)
{
  casebook_collection_list_reload (self);
}

static void
casebook_collection_list_dispose (GObject *object)
{
  CasebookCollectionList *self = (CasebookCollectionList *)object;

  g_clear_pointer ((GtkWidget **) &self->menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_COLLECTION_LIST);
  self->box = NULL;
  g_clear_object (&self->store);
  g_clear_pointer (&self->collections, g_ptr_array_unref);
  g_clear_object (&self->add_menu);
  g_clear_object (&self->add_section);

  G_OBJECT_CLASS (casebook_collection_list_parent_class)->dispose (object);
}

static void
casebook_collection_list_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CasebookCollectionList *self = CASEBOOK_COLLECTION_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int64 (value, self->selected);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_collection_list_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CasebookCollectionList *self = CASEBOOK_COLLECTION_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      casebook_collection_list_select (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_collection_list_class_init (CasebookCollectionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_collection_list_dispose;
  object_class->get_property = casebook_collection_list_get_property;
  object_class->set_property = casebook_collection_list_set_property;

  /**
   * CasebookCollectionList:selected:
   *
   * The id of the chosen collection, or 0 for "All Cases".
   */
  properties[PROP_SELECTED] =
    g_param_spec_int64 ("selected", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CasebookCollectionList::cases-dropped:
   * @id: the collection the cases were dropped on
   * @case_ids: the ids of the cases
   */
  signals[CASES_DROPPED] = g_signal_new ("cases-dropped",
                                         G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRV);

  /**
   * CasebookCollectionList::case-drag-dropped:
   * @id: the collection the cases were dropped on
   * @content: the drag's #CasebookCaseDragContent, which finds the ids
   *   (or gives the listing) of a selection dragged by its positions
   */
  signals[CASE_DRAG_DROPPED] = g_signal_new ("case-drag-dropped",
                                             G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 2, G_TYPE_INT64, CASEBOOK_TYPE_CASE_DRAG_CONTENT);

  /**
   * CasebookCollectionList::cases-json-dropped:
   * @id: the plain collection the cases were dropped on, or 0 for "All
   *   Cases"
   * @json: the cases' interchange JSON, as another store wrote them
   */
  signals[CASES_JSON_DROPPED] = g_signal_new ("cases-json-dropped",
                                              G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BYTES);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "collectionlist");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-collection-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookCollectionList, box);
  gtk_widget_class_bind_template_child (widget_class, CasebookCollectionList, new_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookCollectionList, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, on_menu_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, on_menu_key, NULL);
}

static void
casebook_collection_list_init (CasebookCollectionList *self)
{
  g_autoptr(GMenu) new_section = g_menu_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Here, not in the template: see casebook-tooltip.c. */
  casebook_tooltip_set_text (self->new_button, _("New Collection"));

  self->add_menu = g_menu_new ();
  self->add_section = g_menu_new ();
  g_menu_append_section (self->add_menu, NULL, G_MENU_MODEL (self->add_section));
  g_menu_append (new_section, _("_New Collection…"), "win.add-to-new-collection");
  g_menu_append_section (self->add_menu, NULL, G_MENU_MODEL (new_section));

}

/**
 * casebook_collection_list_set_store:
 *
 * Lists the collections of @store, and follows its changes.
 */
void
casebook_collection_list_set_store (CasebookCollectionList *self,
                                    CasebookStore          *store)
{
  g_return_if_fail (CASEBOOK_IS_COLLECTION_LIST (self));
  g_return_if_fail (CASEBOOK_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);

  casebook_collection_list_reload (self);
}

gint64
casebook_collection_list_get_selected (CasebookCollectionList *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COLLECTION_LIST (self), 0);
  return self->selected;
}

/**
 * casebook_collection_list_select:
 * @id: a collection's id, or 0 for "All Cases"
 */
void
casebook_collection_list_select (CasebookCollectionList *self,
                                 gint64                  id)
{
  g_return_if_fail (CASEBOOK_IS_COLLECTION_LIST (self));

  if (id != 0 && casebook_collection_list_get_collection (self, id) == NULL)
    id = 0;

  set_selected (self, id);
  select_row (self);
}

/**
 * casebook_collection_list_get_collection:
 *
 * Returns: (transfer none) (nullable): the collection with @id as last
 *   read, or %NULL
 */
CasebookCollection *
casebook_collection_list_get_collection (CasebookCollectionList *self,
                                         gint64                  id)
{
  g_return_val_if_fail (CASEBOOK_IS_COLLECTION_LIST (self), NULL);

  for (guint i = 0; self->collections != NULL && i < self->collections->len; i++)
    if (casebook_collection_get_id (g_ptr_array_index (self->collections, i)) == id)
      return g_ptr_array_index (self->collections, i);

  return NULL;
}

/**
 * casebook_collection_list_get_add_menu:
 *
 * Returns: (transfer none): a menu with an item per plain collection
 *   (win.add-to-collection with its id) and one that makes a new one
 *   (win.add-to-new-collection); it follows the store
 */
GMenuModel *
casebook_collection_list_get_add_menu (CasebookCollectionList *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COLLECTION_LIST (self), NULL);
  return G_MENU_MODEL (self->add_menu);
}
