/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-window-private.h"

/* The case the window shows: the detail page, the row selected in the
 * list that goes with it, and the actions that apply to it; with the few
 * helpers every other file of the window uses. Nothing here calls into
 * those files, so they can all call it, but for the name of the
 * subscription a case comes from (casebook-window-subscriptions.c),
 * which only looks it up. */

void
_casebook_window_show_case (CasebookWindow *self,
                            CasebookCase   *c)
{
  GSettings *settings = self->settings;

  g_set_object (&self->current, c);
  if (c != NULL || self->case_page != NULL)
    {
      CasebookCasePage *page = _casebook_window_ensure_case_page (self);

      casebook_case_page_set_case (page, self->store, c, self->lang);
      casebook_case_page_set_source (page, c != NULL ? _casebook_window_get_source_name (self, casebook_case_get_id (c)) : NULL);
    }
  if (c != NULL)
    gtk_stack_set_visible_child_name (self->detail_stack, "case");
  else
    _casebook_window_show_none_page (self);

  casebook_case_list_set_track_id (self->cases, c != NULL ? casebook_case_get_id (c) : NULL);

  if (settings != NULL)
    g_settings_set_string (settings, "selected-case", c != NULL ? casebook_case_get_id (c) : "");

  _casebook_window_update_case_actions (self);
}

void
_casebook_window_select_position (CasebookWindow *self,
                                  gint64          position)
{
  self->restoring_selection = TRUE;
  if (position >= 0)
    gtk_selection_model_select_item (self->selection, (guint) position, TRUE);
  else
    gtk_selection_model_unselect_all (self->selection);
  self->restoring_selection = FALSE;
}

/* Shows the case with @id, and selects it in the list when the list
 * shows it. */
void
_casebook_window_reveal_case (CasebookWindow *self,
                              const char     *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (self->store, id, &error);
  gint64 position;

  if (c == NULL)
    {
      _casebook_window_add_status (self, error->message);
      return;
    }

  _casebook_window_show_case (self, c);

  /* Select it in the list too, if the filter lets it show there. */
  position = casebook_store_position (self->store, self->filter, self->sort, self->lang, id, NULL);
  if (casebook_case_list_is_searching (self->cases))
    {
      position = -1;
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->cases)); i++)
        {
          g_autoptr(CasebookCaseSummary) row = g_list_model_get_item (G_LIST_MODEL (self->cases), i);

          if (g_strcmp0 (casebook_case_summary_get_id (row), id) == 0)
            {
              position = i;
              break;
            }
        }
    }

  _casebook_window_select_position (self, position);
  if (position >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) position);
}

/* What can be done with the case on show: a case of one's own can be
 * changed and deleted; one that comes with Casebook only duplicated, which
 * gives a copy of one's own. Edit and Delete stay enabled on such a case
 * so that they can say why they do nothing (a menu item cannot carry a
 * tooltip). None of it applies away from the Cases page, where the case
 * is not to be seen. */
void
_casebook_window_update_case_actions (CasebookWindow *self)
{
  /* While cases are being deleted on a worker thread, no other change
   * of cases starts: it would wait for the store on the main thread. */
  gboolean writable = self->store != NULL && !casebook_store_is_read_only (self->store) &&
                      self->n_deleting == 0;
  gboolean on_page = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "cases") == 0;
  gboolean shown = on_page && self->current != NULL;
  /* Several selected rows are what Delete acts on, shown case or not
   * (Ctrl+A on opening shows none). */
  gboolean several = on_page && _casebook_window_n_selected (self) > 1;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-case", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-case", writable && shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-case", writable && shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-case", writable && (shown || several));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-case", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-case-markdown", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-case-link", shown);
}

/* An empty search and no filters: everything in the store shows. */
void
_casebook_window_clear_search (CasebookWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  casebook_filter_set_query (self->filter, NULL);
  casebook_filter_clear_facets (self->filter);
}

void
_casebook_window_show_error (CasebookWindow *self,
                             const char     *heading,
                             const char     *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * casebook_window_open_case:
 * @id: the id of a case
 *
 * Shows the case with @id on the Cases page, as when it is picked from
 * the desktop's search; an id the store does not have says so in a toast.
 */
void
casebook_window_open_case (CasebookWindow *self,
                           const char     *id)
{
  g_return_if_fail (CASEBOOK_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  /* A window that could not open its store shows why, and nothing else. */
  if (self->store == NULL || self->cases == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  _casebook_window_reveal_case (self, id);
  /* A refresh still under way (a new window starts one) would put back
   * the selection it began with; a newer one keeps this case. */
  casebook_case_list_refresh (self->cases);
  if (self->current != NULL && g_strcmp0 (casebook_case_get_id (self->current), id) == 0)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/**
 * casebook_window_open_search:
 * @text: what to search for
 *
 * Shows the Cases page searching for @text, as typed into the search bar.
 */
void
casebook_window_open_search (CasebookWindow *self,
                             const char     *text)
{
  g_return_if_fail (CASEBOOK_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  if (self->store == NULL || self->cases == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* At once, rather than after the entry's typing delay. */
  casebook_filter_set_query (self->filter, text);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
}
