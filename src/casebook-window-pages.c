/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include "casebook-window-private.h"

/* The pages and views of the window that its first frame does without,
 * each made when it is first shown: the list's page for no matching
 * cases, the detail pane's "No Case Selected", the page for a store that
 * could not be opened, and the Compare and Insights views. (The case
 * page, made the same way, stays with the window's handlers of its
 * signals in casebook-window.c.) */

/* Builds the status page @object_id from @resource and adds it to
 * @stack as @page_name. The stack holds the page from then on. */
static AdwStatusPage *
add_status_page (GtkStack   *stack,
                 const char *resource,
                 const char *object_id,
                 const char *page_name)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (resource);
  AdwStatusPage *page = ADW_STATUS_PAGE (gtk_builder_get_object (builder, object_id));

  gtk_stack_add_named (stack, GTK_WIDGET (page), page_name);
  return page;
}

/**
 * _casebook_window_ensure_empty_page:
 *
 * The list's "empty" page, for a search, filter or collection that
 * shows no case, made when the list is first empty: most windows open
 * on cases, and need not build the page before their first frame.
 *
 * Returns: (transfer none): the page
 */
AdwStatusPage *
_casebook_window_ensure_empty_page (CasebookWindow *self)
{
  if (self->empty_page == NULL)
    self->empty_page = add_status_page (self->list_stack, RESOURCE_BASE "/casebook-window-empty-page.ui",
                                        "empty_page", "empty");

  return self->empty_page;
}

/**
 * _casebook_window_show_none_page:
 *
 * Shows the detail pane's "none" page, which says that no case is
 * selected, making it the first time. It tells nothing a person needs
 * before the list's rows, and its large title and icon cost the first
 * frame as much as two rows: it is first shown just after that frame
 * (or when a case is unselected before it).
 */
void
_casebook_window_show_none_page (CasebookWindow *self)
{
  if (self->none_page == NULL)
    self->none_page = add_status_page (self->detail_stack, RESOURCE_BASE "/casebook-window-none-page.ui",
                                       "none_page", "none");

  gtk_stack_set_visible_child_name (self->detail_stack, "none");
}

/**
 * _casebook_window_ensure_error_page:
 *
 * The "error" page that takes the place of the cases when the store
 * could not be opened, made only then.
 *
 * Returns: (transfer none): the page
 */
AdwStatusPage *
_casebook_window_ensure_error_page (CasebookWindow *self)
{
  if (self->error_page == NULL)
    self->error_page = add_status_page (self->main_stack, RESOURCE_BASE "/casebook-window-error-page.ui",
                                        "error_page", "error");

  return self->error_page;
}

/* A case opened from the Compare or Insights page shows on the Cases page. */
static void
on_compare_case_activated (CasebookWindow *self,
                           const char     *id,
                           GtkWidget      *view)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  _casebook_window_reveal_case (self, id);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_insights_metric_activated (CasebookWindow       *self,
                              const char           *metric,
                              const char           *sector,
                              CasebookInsightsView *view)
{
  casebook_compare_view_select (_casebook_window_ensure_compare_view (self), metric, sector);
  adw_view_stack_set_visible_child_name (self->view_stack, "compare");
}

/**
 * _casebook_window_ensure_compare_view:
 *
 * The Compare page's view, made when the page is first shown (or asked
 * for): a window that opens on its list has none to build and lay out
 * before its first frame.
 *
 * Returns: (transfer none): the view
 */
CasebookCompareView *
_casebook_window_ensure_compare_view (CasebookWindow *self)
{
  if (self->compare_view != NULL)
    return self->compare_view;

  self->compare_view = g_object_new (CASEBOOK_TYPE_COMPARE_VIEW, NULL);
  g_signal_connect_object (self->compare_view, "case-activated", G_CALLBACK (on_compare_case_activated), self,
                           G_CONNECT_SWAPPED);
  if (self->store != NULL)
    casebook_compare_view_set_store (self->compare_view, self->store, self->filter, self->lang);
  adw_bin_set_child (self->compare_bin, GTK_WIDGET (self->compare_view));

  return self->compare_view;
}

/**
 * _casebook_window_ensure_insights_view:
 *
 * The Insights page's view, made when the page is first shown.
 *
 * Returns: (transfer none): the view
 */
CasebookInsightsView *
_casebook_window_ensure_insights_view (CasebookWindow *self)
{
  if (self->insights_view != NULL)
    return self->insights_view;

  self->insights_view = g_object_new (CASEBOOK_TYPE_INSIGHTS_VIEW, NULL);
  g_signal_connect_object (self->insights_view, "case-activated", G_CALLBACK (on_compare_case_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->insights_view, "metric-activated", G_CALLBACK (on_insights_metric_activated), self,
                           G_CONNECT_SWAPPED);
  if (self->store != NULL)
    casebook_insights_view_set_store (self->insights_view, self->store, self->lang);
  adw_bin_set_child (self->insights_bin, GTK_WIDGET (self->insights_view));

  return self->insights_view;
}
