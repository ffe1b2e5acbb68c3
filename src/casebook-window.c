/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-list.h"
#include "casebook-case-row.h"
#include "casebook-window.h"

struct _CasebookWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkListView          *list_view;
  AdwStatusPage        *error_page;

  CasebookStore        *store;
  CasebookCaseList     *cases;
  GHashTable           *sectors;
  CasebookLang          lang;
};

G_DEFINE_FINAL_TYPE (CasebookWindow, casebook_window, ADW_TYPE_APPLICATION_WINDOW)

static void
load_sectors (CasebookWindow *self)
{
  g_autoptr(GPtrArray) sectors = casebook_store_list_sectors (self->store, NULL);

  g_hash_table_remove_all (self->sectors);
  for (guint i = 0; sectors != NULL && i < sectors->len; i++)
    {
      CasebookSector *sector = g_ptr_array_index (sectors, i);

      g_hash_table_insert (self->sectors, sector->key, sector);
      sectors->pdata[i] = NULL;
    }
}

static void
update_subtitle (CasebookWindow *self)
{
  g_autofree char *subtitle = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cases));

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", n), n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           CasebookWindow           *self)
{
  gtk_list_item_set_child (item, GTK_WIDGET (casebook_case_row_new ()));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          CasebookWindow           *self)
{
  CasebookCaseSummary *summary = gtk_list_item_get_item (item);
  CasebookCaseRow *row = CASEBOOK_CASE_ROW (gtk_list_item_get_child (item));
  const CasebookSector *sector = NULL;

  if (summary != NULL)
    sector = g_hash_table_lookup (self->sectors, casebook_case_summary_get_sector (summary));

  casebook_case_row_bind (row, summary, sector, self->lang);
}

static void
on_store_changed (CasebookWindow *self,
                  CasebookStore  *store)
{
  load_sectors (self);
  update_subtitle (self);
}

static void
casebook_window_dispose (GObject *object)
{
  CasebookWindow *self = (CasebookWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_WINDOW);
  g_clear_object (&self->cases);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (casebook_window_parent_class)->dispose (object);
}

static void
casebook_window_finalize (GObject *object)
{
  CasebookWindow *self = (CasebookWindow *)object;

  g_clear_pointer (&self->sectors, g_hash_table_unref);

  G_OBJECT_CLASS (casebook_window_parent_class)->finalize (object);
}

static void
casebook_window_class_init (CasebookWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_window_dispose;
  object_class->finalize = casebook_window_finalize;

  g_type_ensure (CASEBOOK_TYPE_CASE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, error_page);
}

static void
casebook_window_init (CasebookWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->sectors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) casebook_sector_free);
}

static void
show_store (CasebookWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSelectionModel) selection = NULL;

  self->cases = casebook_case_list_new (self->store, NULL, self->lang);
  load_sectors (self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);

  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->cases))));
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, selection);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);

  update_subtitle (self);
  gtk_stack_set_visible_child_name (self->stack, "list");

  if (casebook_store_get_moved_aside (self->store) != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The store was damaged and was moved to %s. A new store was created."),
                         casebook_store_get_moved_aside (self->store));
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

/**
 * casebook_window_new:
 * @store: (nullable): the open store
 * @store_error: (nullable): why the store could not be opened
 *
 * Returns: (transfer full): a new window
 */
CasebookWindow *
casebook_window_new (CasebookApplication *app,
                     CasebookStore       *store,
                     const GError        *store_error)
{
  CasebookWindow *self;

  g_return_val_if_fail (CASEBOOK_IS_APPLICATION (app), NULL);

  self = g_object_new (CASEBOOK_TYPE_WINDOW, "application", app, NULL);
  self->lang = casebook_application_get_lang (app);

  if (store != NULL)
    {
      self->store = g_object_ref (store);
      show_store (self);
    }
  else
    {
      adw_status_page_set_description (self->error_page,
                                       store_error != NULL ? store_error->message : NULL);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }

  return self;
}

/**
 * casebook_window_get_cases:
 *
 * Returns: (transfer none) (nullable): the list the window shows
 */
GListModel *
casebook_window_get_cases (CasebookWindow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), NULL);
  return self->cases != NULL ? G_LIST_MODEL (self->cases) : NULL;
}
