/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-facet-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-facet-picker-private.h"

/**
 * CasebookFacetItem:
 *
 * One value of a facet in the full list of a #CasebookFacetPicker. Items
 * are made when the list asks for them, so a facet of 20,000 values costs
 * no more than the rows on screen.
 */
struct _CasebookFacetItem
{
  GObject  parent_instance;

  char    *key;
  char    *label;
  char    *search;
  guint    count;
};

G_DEFINE_FINAL_TYPE (CasebookFacetItem, casebook_facet_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_SEARCH,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

static void
casebook_facet_item_finalize (GObject *object)
{
  CasebookFacetItem *self = (CasebookFacetItem *)object;

  g_free (self->key);
  g_free (self->label);
  g_free (self->search);

  G_OBJECT_CLASS (casebook_facet_item_parent_class)->finalize (object);
}

static void
casebook_facet_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CasebookFacetItem *self = CASEBOOK_FACET_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_facet_item_class_init (CasebookFacetItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = casebook_facet_item_finalize;
  object_class->get_property = casebook_facet_item_get_property;

  /**
   * CasebookFacetItem:search:
   *
   * What a search in the list matches: the name as shown, then the key,
   * so that an English product name finds its row in the Chinese
   * interface too.
   */
  item_properties[ITEM_PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
casebook_facet_item_init (CasebookFacetItem *self)
{
}

static CasebookFacetItem *
casebook_facet_item_new (const CasebookFacetValue *value,
                         const char               *label)
{
  CasebookFacetItem *self = g_object_new (CASEBOOK_TYPE_FACET_ITEM, NULL);

  self->key = g_strdup (value->key);
  self->label = g_strdup (label != NULL ? label : value->key);
  self->search = g_strconcat (self->label, "\n", value->key, NULL);
  self->count = value->count;

  return self;
}

const char *
_casebook_facet_item_get_key (CasebookFacetItem *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FACET_ITEM (self), NULL);
  return self->key;
}

const char *
_casebook_facet_item_get_label (CasebookFacetItem *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FACET_ITEM (self), NULL);
  return self->label;
}

guint
_casebook_facet_item_get_count (CasebookFacetItem *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FACET_ITEM (self), 0);
  return self->count;
}

/* A list model over an array of values, most frequent first, that makes
 * each item only when it is asked for. */

#define VALUES_TYPE (values_get_type ())
G_DECLARE_FINAL_TYPE (Values, values, CASEBOOK, VALUES, GObject)

struct _Values
{
  GObject                 parent_instance;

  CasebookFacetGroups    *groups;  /* keeps the values alive */
  GPtrArray              *values;  /* of borrowed CasebookFacetValue */
  CasebookFacetLabelFunc  label_func;
  gpointer                user_data;
};

static GType
values_get_item_type (GListModel *model)
{
  return CASEBOOK_TYPE_FACET_ITEM;
}

static guint
values_get_n_items (GListModel *model)
{
  Values *self = CASEBOOK_VALUES (model);

  return self->values != NULL ? self->values->len : 0;
}

static gpointer
values_get_item (GListModel *model,
                 guint       position)
{
  Values *self = CASEBOOK_VALUES (model);
  const CasebookFacetValue *value;

  if (self->values == NULL || position >= self->values->len)
    return NULL;

  value = g_ptr_array_index (self->values, position);
  return casebook_facet_item_new (value, self->label_func (value, self->user_data));
}

static void
values_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = values_get_item_type;
  iface->get_n_items = values_get_n_items;
  iface->get_item = values_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (Values, values, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, values_list_model_init))

static void
values_finalize (GObject *object)
{
  Values *self = (Values *)object;

  g_clear_pointer (&self->values, g_ptr_array_unref);
  g_clear_pointer (&self->groups, casebook_facet_groups_unref);

  G_OBJECT_CLASS (values_parent_class)->finalize (object);
}

static void
values_class_init (ValuesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = values_finalize;
}

static void
values_init (Values *self)
{
}

static void
values_set (Values              *self,
            CasebookFacetGroups *groups,
            GPtrArray           *values)
{
  guint old_n = values_get_n_items (G_LIST_MODEL (self));

  if (groups != NULL)
    casebook_facet_groups_ref (groups);
  g_clear_pointer (&self->groups, casebook_facet_groups_unref);
  self->groups = groups;

  if (values != NULL)
    g_ptr_array_ref (values);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  self->values = values;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, values_get_n_items (G_LIST_MODEL (self)));
}

/**
 * CasebookFacetPicker:
 *
 * The last row of a facet in the filter pane, "Show All 23,519…", for a
 * facet with more values than the pane lists. It opens a popover with a
 * search entry over a list of every value and its count, most frequent
 * first; choosing a value there checks or unchecks it in the filter.
 *
 * The list is a #GtkListView, which makes rows only for what is on
 * screen, and its search filters incrementally, so neither the opening
 * nor a keystroke waits for the whole facet.
 */
struct _CasebookFacetPicker
{
  GtkListBoxRow      parent_instance;

  GtkMenuButton     *button;
  GtkPopover        *popover;
  GtkSearchEntry    *entry;
  GtkListView       *view;
  GtkStringFilter   *string_filter;
  GtkFilterListModel *shown;

  CasebookFacet      facet;
  char              *sector;
  CasebookFilter    *filter;
  Values            *values;

  /* The list items bound to a value now: at most a screenful. */
  GHashTable        *bound;

  /* Counts that came while the list was open. Choosing in the list does
   * not change the counts of its own facet, only the others' do, so the
   * list waits until it is closed rather than search all over again and
   * lose its place. */
  CasebookFacetGroups *next_groups;
  GPtrArray         *next_values;
};

G_DEFINE_FINAL_TYPE (CasebookFacetPicker, casebook_facet_picker, GTK_TYPE_LIST_BOX_ROW)

static void
update_label (CasebookFacetPicker *self)
{
  guint n = self->next_values != NULL ? self->next_values->len : _casebook_facet_picker_get_n_values (self);
  g_autofree char *number = g_strdup_printf ("%'u", n);
  /* Translators: the last row of a filter, which opens a list of all
   * %s values of it, e.g. "Show All 23,519…" */
  g_autofree char *label = g_strdup_printf (_("Show All %s…"), number);

  gtk_menu_button_set_label (self->button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
sync_item (CasebookFacetPicker *self,
           GtkListItem         *list_item)
{
  CasebookFacetItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *check = gtk_widget_get_first_child (box);
  gboolean active;

  if (item == NULL)
    return;

  active = self->filter != NULL && casebook_filter_has (self->filter, self->facet, item->key);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_accessible_update_state (GTK_ACCESSIBLE (box),
                               GTK_ACCESSIBLE_STATE_CHECKED,
                               active ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          CasebookFacetPicker      *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  /* The row, not the check button, takes the click and the keyboard.
   * can-focus as well: an unfocusable GTK 4.8 check button still claims
   * a Tab move without taking the focus, so the focus would stay put. */
  gtk_widget_set_can_target (check, FALSE);
  gtk_widget_set_focusable (check, FALSE);
  gtk_widget_set_can_focus (check, FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "count");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);

  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_item_set_child (list_item, box);
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         CasebookFacetPicker      *self)
{
  CasebookFacetItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  GtkWidget *count = gtk_widget_get_next_sibling (label);
  g_autofree char *number = g_strdup_printf ("%u", item->count);
  g_autofree char *name = NULL;

  gtk_label_set_label (GTK_LABEL (label), item->label);
  gtk_label_set_label (GTK_LABEL (count), number);
  gtk_widget_set_tooltip_text (label, item->label);

  /* Translators: how a screen reader names a filter value, e.g. "Finance, 4 cases" */
  name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u case", "%s, %u cases", item->count),
                          item->label, item->count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);

  g_hash_table_add (self->bound, list_item);
  sync_item (self, list_item);
}

static void
on_unbind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           CasebookFacetPicker      *self)
{
  g_hash_table_remove (self->bound, list_item);
}

static void
on_teardown (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CasebookFacetPicker      *self)
{
  g_hash_table_remove (self->bound, list_item);
}

static void
on_view_activate (CasebookFacetPicker *self,
                  guint                position,
                  GtkListView         *view)
{
  _casebook_facet_picker_choose (self, position);
}

static void
on_search_changed (CasebookFacetPicker *self,
                   GtkSearchEntry      *entry)
{
  gtk_string_filter_set_search (self->string_filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Down from the search goes into the list, as in a GtkDropDown's. */
static gboolean
on_search_key_pressed (CasebookFacetPicker   *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_child_focus (GTK_WIDGET (self->view), GTK_DIR_TAB_FORWARD);
  return GDK_EVENT_STOP;
}

/* Enter chooses the first value found. */
static void
on_search_activate (CasebookFacetPicker *self,
                    GtkSearchEntry      *entry)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0)
    _casebook_facet_picker_choose (self, 0);
}

static void
on_search_stop (CasebookFacetPicker *self,
                GtkSearchEntry      *entry)
{
  gtk_popover_popdown (self->popover);
}

static void
build_popover (CasebookFacetPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkExpression *expression;
  GtkEventController *controller;
  GtkWidget *box, *scroller;
  GtkNoSelection *selection;

  if (self->view != NULL)
    return;

  expression = gtk_property_expression_new (CASEBOOK_TYPE_FACET_ITEM, NULL, "search");
  self->string_filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->string_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->string_filter, TRUE);
  self->shown = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->values)),
                                           GTK_FILTER (g_object_ref (self->string_filter)));
  /* A search over 20,000 values runs in slices between frames. */
  gtk_filter_list_model_set_incremental (self->shown, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (on_teardown), self);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->shown)));
  self->view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (selection), g_steal_pointer (&factory)));
  gtk_list_view_set_single_click_activate (self->view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "navigation-sidebar");
  g_signal_connect_object (self->view, "activate", G_CALLBACK (on_view_activate), self, G_CONNECT_SWAPPED);

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_margin_start (GTK_WIDGET (self->entry), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->entry), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->entry), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search the values"),
                                  -1);
  g_object_set (self->entry, "placeholder-text", _("Search"), NULL);
  g_signal_connect_object (self->entry, "search-changed", G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (on_search_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "stop-search", G_CALLBACK (on_search_stop), self, G_CONNECT_SWAPPED);
  gtk_search_entry_set_key_capture_widget (self->entry, GTK_WIDGET (self->view));
  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_search_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->view));
  gtk_widget_set_vexpand (scroller, TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* Narrow enough for a 360 px wide window. */
  gtk_widget_set_size_request (box, 280, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (box), scroller);

  gtk_popover_set_child (self->popover, box);
  gtk_popover_set_default_widget (self->popover, NULL);
}

static void
on_popover_show (CasebookFacetPicker *self,
                 GtkPopover          *popover)
{
  build_popover (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
on_popover_closed (CasebookFacetPicker *self,
                   GtkPopover          *popover)
{
  if (self->next_values == NULL)
    return;

  values_set (self->values, self->next_groups, self->next_values);
  g_clear_pointer (&self->next_groups, casebook_facet_groups_unref);
  g_clear_pointer (&self->next_values, g_ptr_array_unref);
  update_label (self);
}

static void
casebook_facet_picker_dispose (GObject *object)
{
  CasebookFacetPicker *self = (CasebookFacetPicker *)object;

  if (self->bound != NULL)
    g_hash_table_remove_all (self->bound);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), NULL);
  g_clear_object (&self->shown);
  g_clear_object (&self->string_filter);
  g_clear_object (&self->filter);
  g_clear_object (&self->values);
  g_clear_pointer (&self->next_groups, casebook_facet_groups_unref);
  g_clear_pointer (&self->next_values, g_ptr_array_unref);

  G_OBJECT_CLASS (casebook_facet_picker_parent_class)->dispose (object);
}

static void
casebook_facet_picker_finalize (GObject *object)
{
  CasebookFacetPicker *self = (CasebookFacetPicker *)object;

  g_clear_pointer (&self->sector, g_free);
  g_clear_pointer (&self->bound, g_hash_table_unref);

  G_OBJECT_CLASS (casebook_facet_picker_parent_class)->finalize (object);
}

static void
casebook_facet_picker_class_init (CasebookFacetPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_facet_picker_dispose;
  object_class->finalize = casebook_facet_picker_finalize;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
casebook_facet_picker_init (CasebookFacetPicker *self)
{
  self->bound = g_hash_table_new (NULL, NULL);
  self->values = g_object_new (VALUES_TYPE, NULL);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_position (self->popover, GTK_POS_RIGHT);
  gtk_widget_add_css_class (GTK_WIDGET (self->popover), "facet-picker");
  g_signal_connect_object (self->popover, "show", G_CALLBACK (on_popover_show), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "closed", G_CALLBACK (on_popover_closed), self, G_CONNECT_SWAPPED);

  /* The row takes the click and the keyboard, and opens the popover. */
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (self->button, GTK_WIDGET (self->popover));
  gtk_menu_button_set_always_show_arrow (self->button, FALSE);
  gtk_widget_set_can_target (GTK_WIDGET (self->button), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self->button), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->button), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "more");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), GTK_WIDGET (self->button));
  gtk_widget_add_css_class (GTK_WIDGET (self), "more");
  /* The row speaks for the button inside it, so it is not announced twice. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->button),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);
}

/**
 * casebook_facet_picker_new:
 * @facet: the facet whose values the list shows
 * @sector: (nullable): for %CASEBOOK_FACET_SUBSECTOR, the sector whose
 *   subsectors it shows
 * @label_func: names each value in the list; called on this thread
 * @user_data: for @label_func, which must outlive the picker
 *
 * Returns: (transfer floating): a new picker with no values
 */
CasebookFacetPicker *
casebook_facet_picker_new (CasebookFacet           facet,
                           const char             *sector,
                           CasebookFacetLabelFunc  label_func,
                           gpointer                user_data)
{
  CasebookFacetPicker *self;

  g_return_val_if_fail (facet < CASEBOOK_N_FACETS, NULL);
  g_return_val_if_fail (label_func != NULL, NULL);

  self = g_object_new (CASEBOOK_TYPE_FACET_PICKER, NULL);
  self->facet = facet;
  self->sector = g_strdup (sector);
  self->values->label_func = label_func;
  self->values->user_data = user_data;
  /* A sector's row lines up with its subsectors' names. */
  gtk_widget_set_margin_start (GTK_WIDGET (self->button), sector != NULL ? 24 + 8 : 8);
  update_label (self);

  return self;
}

const char *
casebook_facet_picker_get_sector (CasebookFacetPicker *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FACET_PICKER (self), NULL);
  return self->sector;
}

/**
 * casebook_facet_picker_set_filter:
 * @filter: (nullable): the filter the check marks show and change
 */
void
casebook_facet_picker_set_filter (CasebookFacetPicker *self,
                                  CasebookFilter      *filter)
{
  g_return_if_fail (CASEBOOK_IS_FACET_PICKER (self));

  g_set_object (&self->filter, filter);
  casebook_facet_picker_sync_checks (self);
}

/**
 * casebook_facet_picker_set_values:
 * @groups: the groups @values belong to, which keep them alive
 * @values: (element-type CasebookFacetValue): every value, most frequent
 *   first; it must not change afterwards
 *
 * Puts new counts in the list, or, while it is open, when it closes.
 * Costs the same whatever the number of values, until the list is open
 * and searched.
 */
void
casebook_facet_picker_set_values (CasebookFacetPicker *self,
                                  CasebookFacetGroups *groups,
                                  GPtrArray           *values)
{
  g_return_if_fail (CASEBOOK_IS_FACET_PICKER (self));

  if (self->values->values == values)
    return;

  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    {
      casebook_facet_groups_ref (groups);
      g_clear_pointer (&self->next_groups, casebook_facet_groups_unref);
      self->next_groups = groups;
      g_ptr_array_ref (values);
      g_clear_pointer (&self->next_values, g_ptr_array_unref);
      self->next_values = values;
      update_label (self);
      return;
    }

  values_set (self->values, groups, values);
  update_label (self);
}

guint
_casebook_facet_picker_get_n_values (CasebookFacetPicker *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FACET_PICKER (self), 0);
  return values_get_n_items (G_LIST_MODEL (self->values));
}

/**
 * casebook_facet_picker_relabel:
 *
 * Names the values again, after the language changed.
 */
void
casebook_facet_picker_relabel (CasebookFacetPicker *self)
{
  guint n;

  g_return_if_fail (CASEBOOK_IS_FACET_PICKER (self));

  n = values_get_n_items (G_LIST_MODEL (self->values));
  g_list_model_items_changed (G_LIST_MODEL (self->values), 0, n, n);
  update_label (self);
}

/**
 * casebook_facet_picker_sync_checks:
 *
 * Brings the check marks of the rows on screen up to date with the
 * filter.
 */
void
casebook_facet_picker_sync_checks (CasebookFacetPicker *self)
{
  GHashTableIter iter;
  gpointer list_item;

  g_return_if_fail (CASEBOOK_IS_FACET_PICKER (self));

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    sync_item (self, list_item);
}

void
casebook_facet_picker_popup (CasebookFacetPicker *self)
{
  g_return_if_fail (CASEBOOK_IS_FACET_PICKER (self));

  build_popover (self);
  gtk_menu_button_popup (self->button);
}

void
_casebook_facet_picker_popdown (CasebookFacetPicker *self)
{
  g_return_if_fail (CASEBOOK_IS_FACET_PICKER (self));
  gtk_menu_button_popdown (self->button);
}

/**
 * _casebook_facet_picker_get_popover:
 *
 * Returns: (transfer none): the popover with the full list
 */
GtkPopover *
_casebook_facet_picker_get_popover (CasebookFacetPicker *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FACET_PICKER (self), NULL);

  build_popover (self);
  return self->popover;
}

/**
 * _casebook_facet_picker_get_entry:
 *
 * Returns: (transfer none): the search entry of the full list
 */
GtkSearchEntry *
_casebook_facet_picker_get_entry (CasebookFacetPicker *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FACET_PICKER (self), NULL);

  build_popover (self);
  return self->entry;
}

/**
 * _casebook_facet_picker_get_shown:
 *
 * Returns: (transfer none): the values the list shows, given the search,
 *   as #CasebookFacetItem
 */
GListModel *
_casebook_facet_picker_get_shown (CasebookFacetPicker *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FACET_PICKER (self), NULL);

  build_popover (self);
  return G_LIST_MODEL (self->shown);
}

/**
 * _casebook_facet_picker_choose:
 * @position: a position in _casebook_facet_picker_get_shown()
 *
 * Checks the value at @position in the filter, or unchecks it, as a
 * click on its row does.
 */
void
_casebook_facet_picker_choose (CasebookFacetPicker *self,
                              guint                position)
{
  g_autoptr(CasebookFacetItem) item = NULL;

  g_return_if_fail (CASEBOOK_IS_FACET_PICKER (self));

  build_popover (self);
  item = g_list_model_get_item (G_LIST_MODEL (self->shown), position);
  if (item == NULL || self->filter == NULL)
    return;

  casebook_filter_set (self->filter, self->facet, item->key,
                       !casebook_filter_has (self->filter, self->facet, item->key));
  casebook_facet_picker_sync_checks (self);
}
