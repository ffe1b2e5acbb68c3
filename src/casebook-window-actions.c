/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include "casebook-window-private.h"

/* The window's win.* actions. Each handler is short: the work is done in
 * casebook-window-io.c and casebook-window-edit.c, and the shortcuts of
 * most actions are application accelerators (casebook-application.c),
 * where the shortcuts window finds them. */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
toggle_filters_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);

  casebook_filter_clear_facets (self->filter);
}

static void
clear_all_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);

  _casebook_window_clear_search (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);

  /* A name from a stale accelerator or a remote call is ignored. */
  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  _casebook_window_choose_import (CASEBOOK_WINDOW (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  _casebook_window_ask_export (CASEBOOK_WINDOW (widget));
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  _casebook_window_new_case (CASEBOOK_WINDOW (widget));
}

static void
edit_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  _casebook_window_edit_case (CASEBOOK_WINDOW (widget));
}

static void
duplicate_case_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  _casebook_window_duplicate_case (CASEBOOK_WINDOW (widget));
}

static void
delete_case_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  _casebook_window_delete_case (CASEBOOK_WINDOW (widget));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  _casebook_window_undo_delete (CASEBOOK_WINDOW (widget), g_variant_get_uint32 (param));
}

/* win.print and win.save-pdf take the case on show, the -collection
 * variants the cases the list shows. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  _casebook_window_print (CASEBOOK_WINDOW (widget),
                          g_str_equal (action_name, "win.print-collection"));
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  _casebook_window_save_pdf (CASEBOOK_WINDOW (widget),
                             g_str_equal (action_name, "win.save-collection-pdf"));
}

/* The shortcuts window is made when it is asked for. Put where
 * GtkApplication looks for it (gtk/help-overlay.ui), it would be built
 * for every new window, before the window's first frame. Once made, it
 * is the window's help overlay, which gives its shortcuts their keys
 * and hides it on closing, to be shown again. */
static void
shortcuts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *shortcuts = gtk_application_window_get_help_overlay (window);

  if (shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/casebook-shortcuts-window.ui");

      shortcuts = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
      gtk_application_window_set_help_overlay (window, shortcuts);
    }

  gtk_window_present (GTK_WINDOW (shortcuts));
}

void
_casebook_window_class_actions_init (CasebookWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-filters", NULL, toggle_filters_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.clear-all", NULL, clear_all_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "win.edit-case", NULL, edit_case_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-case", NULL, duplicate_case_action);
  gtk_widget_class_install_action (widget_class, "win.delete-case", NULL, delete_case_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "u", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.print-collection", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.save-collection-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.show-shortcuts", NULL, shortcuts_action);
  _casebook_window_class_brief_init (klass);
  gtk_widget_class_install_property_action (widget_class, "win.sort", "sort-order");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
}
