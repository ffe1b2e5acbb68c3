/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-list.h"
#include "casebook-case-page.h"
#include "casebook-case-row.h"
#include "casebook-filter-pane.h"
#include "casebook-json.h"
#include "casebook-window.h"

/**
 * CasebookWindow:
 *
 * The main window: filters on the left, the case list in the middle and
 * the selected case on the right. Below 700 px the list and the case show
 * one at a time.
 *
 * Everything shown comes from the store through a #CasebookCaseList that
 * follows the window's #CasebookFilter; the window only wires the widgets
 * to it.
 */
struct _CasebookWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkButton            *back_button;
  GtkToggleButton      *filters_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *sort_button;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  AdwViewStack         *view_stack;
  GtkStack             *main_stack;
  AdwFlap              *flap;
  CasebookFilterPane   *filter_pane;
  AdwLeaflet           *leaflet;
  GtkLabel             *count_label;
  GtkSpinner           *spinner;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  AdwStatusPage        *empty_page;
  GtkStack             *detail_stack;
  CasebookCasePage     *case_page;
  AdwStatusPage        *error_page;

  CasebookApplication  *app;
  CasebookStore        *store;
  CasebookFilter       *filter;
  CasebookCaseList     *cases;
  GtkSingleSelection   *selection;
  GHashTable           *sectors;
  CasebookCase         *current;
  CasebookLang          lang;
  CasebookSort          sort;
  gboolean              restoring_selection;
};

G_DEFINE_FINAL_TYPE (CasebookWindow, casebook_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SORT_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const sort_nicks[CASEBOOK_N_SORTS] = { "title", "sector", "period", "size" };

static GSettings *
get_settings (CasebookWindow *self)
{
  return self->app != NULL ? casebook_application_get_settings (self->app) : NULL;
}

static void
load_sectors (CasebookWindow *self)
{
  g_autoptr(GPtrArray) sectors = casebook_store_list_sectors (self->store, NULL);

  if (sectors == NULL)
    return;

  g_hash_table_remove_all (self->sectors);
  for (guint i = 0; i < sectors->len; i++)
    {
      CasebookSector *sector = g_ptr_array_index (sectors, i);
      CasebookSector *copy = casebook_sector_new ();

      copy->key = g_strdup (sector->key);
      copy->name = casebook_text_copy (sector->name);
      copy->color = g_strdup (sector->color);
      g_hash_table_insert (self->sectors, copy->key, copy);
    }

  casebook_filter_pane_set_sectors (self->filter_pane, sectors);
}

static void
update_status (CasebookWindow *self)
{
  g_autofree char *text = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  const char *query = casebook_filter_get_query (self->filter);
  gboolean searching = casebook_case_list_is_searching (self->cases);
  gboolean filtered = casebook_filter_has_facets (self->filter);

  if (searching && casebook_case_list_get_n_matches (self->cases) > n)
    /* Translators: a broad search; the numbers are the results shown and all the matches */
    text = g_strdup_printf (_("The best %u of %u results for “%s”"),
                            n, casebook_case_list_get_n_matches (self->cases), query);
  else if (searching)
    /* Translators: the number of search results, with the query */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u result for “%s”, best match first",
                                         "%u results for “%s”, best match first", n), n, query);
  else if (filtered)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u matching case", "%u matching cases", n), n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", n), n);

  gtk_label_set_label (self->count_label, text);
  adw_view_switcher_title_set_subtitle (self->switcher_title, text);

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  if (n == 0)
    {
      g_autofree char *description = NULL;

      if (query != NULL && filtered)
        description = g_strdup_printf (_("No case matches “%s” with the chosen filters."), query);
      else if (query != NULL)
        description = g_strdup_printf (_("No case matches “%s”. Try fewer or other words."), query);
      else if (filtered)
        description = g_strdup (_("No case has every chosen filter. Choose fewer filters."));
      else
        description = g_strdup (_("The store holds no cases yet. Import a collection to begin."));

      adw_status_page_set_description (self->empty_page, description);
    }

  /* Search results are ranked by relevance; the order applies otherwise. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->sort_button), !searching);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sort_button),
                               searching ? _("Search results are sorted by relevance") : _("Sort Cases"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filters", filtered);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-all", filtered || query != NULL);
}

static void
update_back_button (CasebookWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  const char *visible = adw_leaflet_get_visible_child_name (self->leaflet);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          folded && g_strcmp0 (visible, "detail") == 0);
}

static void
show_case (CasebookWindow *self,
           CasebookCase   *c)
{
  GSettings *settings = get_settings (self);

  g_set_object (&self->current, c);
  casebook_case_page_set_case (self->case_page, self->store, c, self->lang);
  gtk_stack_set_visible_child_name (self->detail_stack, c != NULL ? "case" : "none");

  casebook_case_list_set_track_id (self->cases, c != NULL ? casebook_case_get_id (c) : NULL);

  if (settings != NULL)
    g_settings_set_string (settings, "selected-case", c != NULL ? casebook_case_get_id (c) : "");
}

static void
on_selection_changed (CasebookWindow    *self,
                      guint              position,
                      guint              n_items,
                      GtkSelectionModel *model)
{
  CasebookCaseSummary *summary = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = NULL;

  /* While a refresh replaces the rows, the selection is lost for a
   * moment; the refreshed handler puts it back where the case went. */
  if (summary == NULL || self->restoring_selection)
    return;

  if (self->current != NULL &&
      g_strcmp0 (casebook_case_get_id (self->current), casebook_case_summary_get_id (summary)) == 0)
    return;

  c = casebook_store_get_case (self->store, casebook_case_summary_get_id (summary), &error);
  if (c == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  show_case (self, c);
}

static void
select_position (CasebookWindow *self,
                 gint64          position)
{
  self->restoring_selection = TRUE;
  if (position >= 0)
    gtk_single_selection_set_selected (self->selection, (guint) position);
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->restoring_selection = FALSE;
}

static void
on_cases_refreshed (CasebookWindow   *self,
                    gint64            position,
                    CasebookCaseList *cases)
{
  casebook_filter_pane_update (self->filter_pane, casebook_case_list_get_facets (cases));

  /* The selected case stays selected if it still matches. */
  if (self->current != NULL && position >= 0)
    select_position (self, position);
  else if (self->current != NULL)
    {
      select_position (self, -1);
      show_case (self, NULL);
    }

  update_status (self);
}

static void
on_loading_changed (CasebookWindow   *self,
                    GParamSpec       *pspec,
                    CasebookCaseList *cases)
{
  gboolean loading = casebook_case_list_is_loading (cases);

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
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
on_list_activate (CasebookWindow *self,
                  guint           position,
                  GtkListView    *list_view)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_search_changed (CasebookWindow *self,
                   GtkSearchEntry *entry)
{
  casebook_filter_set_query (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_stop_search (CasebookWindow *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_search_activate (CasebookWindow *self,
                    GtkSearchEntry *entry)
{
  /* Enter picks the best match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->cases)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }
}

static void
on_technology_activated (CasebookWindow   *self,
                         const char       *product,
                         CasebookCasePage *page)
{
  casebook_filter_set (self->filter, CASEBOOK_FACET_TECHNOLOGY, product, TRUE);
  adw_flap_set_reveal_flap (self->flap, TRUE);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_case_activated (CasebookWindow   *self,
                   const char       *id,
                   CasebookCasePage *page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = casebook_store_get_case (self->store, id, &error);
  gint64 position;

  if (c == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  show_case (self, c);

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

  select_position (self, position);
  if (position >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) position);
}

static void
on_store_changed (CasebookWindow *self,
                  CasebookStore  *store)
{
  load_sectors (self);
}

static void
on_leaflet_changed (CasebookWindow *self,
                    GParamSpec     *pspec,
                    AdwLeaflet     *leaflet)
{
  update_back_button (self);
}

static void
on_content_lang_changed (CasebookWindow      *self,
                         GParamSpec          *pspec,
                         CasebookApplication *app)
{
  casebook_window_set_lang (self, casebook_application_get_lang (app));
}

/* Actions */

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

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  casebook_filter_set_query (self->filter, NULL);
  casebook_filter_clear_facets (self->filter);
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

static GtkFileFilter *
json_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Case Collections (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");

  return filter;
}

static void
show_error_dialog (CasebookWindow *self,
                   const char     *heading,
                   const char     *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Export: the whole store, written on a worker thread. */

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CasebookWindow *self = source_object;
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) reader = casebook_store_open_reader (self->store, &error);
  g_autoptr(CasebookDocument) doc = NULL;

  if (reader != NULL)
    doc = casebook_store_export (reader, &error);
  if (doc == NULL || !casebook_json_write_file (doc, file, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_int (task, casebook_document_get_cases (doc)->len);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CasebookWindow *self = CASEBOOK_WINDOW (source);
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);
  g_autofree char *message = NULL;

  if (n < 0)
    {
      show_error_dialog (self, _("Could Not Export"), error->message);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u case", "Exported %u cases", (gulong) n),
                             (guint) n);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    CasebookWindow  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  g_object_unref (dialog);

  if (file == NULL)
    return;

  task = g_task_new (self, NULL, export_done, NULL);
  g_task_set_task_data (task, g_steal_pointer (&file), g_object_unref);
  g_task_run_in_thread (task, export_thread);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = json_file_filter ();

  dialog = gtk_file_chooser_native_new (_("Export Cases"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("cases.json"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Import: read and check the file on a worker thread, say what it holds,
 * and only then write it, in one transaction. */

static void
import_read_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;
  CasebookDocument *doc = casebook_json_read_file (file, &error);

  if (doc == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, doc, g_object_unref);
}

static void
run_import (CasebookWindow     *self,
            CasebookDocument   *doc,
            CasebookImportMode  mode)
{
  g_autoptr(GError) error = NULL;
  CasebookImportResult result = { 0 };
  g_autofree char *message = NULL;

  if (!casebook_store_import (self->store, doc, mode, &result, &error))
    {
      show_error_dialog (self, _("Nothing Was Imported"), error->message);
      return;
    }

  /* Translators: after an import; the three numbers are new, replaced and skipped cases */
  message = g_strdup_printf (_("Imported %u new, replaced %u, skipped %u"),
                             result.added, result.replaced, result.skipped);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
on_import_preview_response (AdwMessageDialog *dialog,
                            const char       *response,
                            CasebookWindow   *self)
{
  CasebookDocument *doc = g_object_get_data (G_OBJECT (dialog), "document");

  if (g_strcmp0 (response, "skip") == 0)
    run_import (self, doc, CASEBOOK_IMPORT_SKIP);
  else if (g_strcmp0 (response, "replace") == 0)
    run_import (self, doc, CASEBOOK_IMPORT_REPLACE);
}

static void
import_read_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CasebookWindow *self = CASEBOOK_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookDocument) doc = g_task_propagate_pointer (G_TASK (result), &error);
  GPtrArray *cases;
  guint present = 0;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (doc == NULL)
    {
      show_error_dialog (self, _("This File Cannot Be Imported"), error->message);
      return;
    }

  cases = casebook_document_get_cases (doc);
  for (guint i = 0; i < cases->len; i++)
    if (casebook_store_has_case (self->store, casebook_case_get_id (g_ptr_array_index (cases, i))))
      present++;

  if (present == 0)
    {
      run_import (self, doc, CASEBOOK_IMPORT_SKIP);
      return;
    }

  /* Translators: the import preview; the numbers are new cases and cases already in the library */
  body = g_strdup_printf (_("The file holds %u cases: %u new, and %u already in your library. "
                            "Skip the ones already present, or replace them with the file’s version?"),
                          cases->len, cases->len - present, present);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Cases?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "skip", _("_Skip Existing"),
                                    "replace", _("_Replace Existing"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "skip",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "skip");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "document", g_steal_pointer (&doc), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_preview_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_response (GtkNativeDialog *dialog,
                    int              response,
                    CasebookWindow  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  g_object_unref (dialog);

  if (file == NULL)
    return;

  if (casebook_store_is_read_only (self->store))
    {
      show_error_dialog (self, _("Nothing Was Imported"),
                         _("The case store is read-only, so no cases can be added to it."));
      return;
    }

  task = g_task_new (self, NULL, import_read_done, NULL);
  g_task_set_task_data (task, g_steal_pointer (&file), g_object_unref);
  g_task_run_in_thread (task, import_read_thread);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = json_file_filter ();

  dialog = gtk_file_chooser_native_new (_("Import Cases"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Window state */

static void
save_window_state (CasebookWindow *self)
{
  GSettings *settings = get_settings (self);
  int width, height;

  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_set_string (settings, "last-view", adw_view_stack_get_visible_child_name (self->view_stack));
}

static gboolean
casebook_window_close_request (GtkWindow *window)
{
  save_window_state (CASEBOOK_WINDOW (window));

  return GTK_WINDOW_CLASS (casebook_window_parent_class)->close_request (window);
}

static void
casebook_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CasebookWindow *self = CASEBOOK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SORT_ORDER:
      g_value_set_string (value, sort_nicks[self->sort]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_sort (CasebookWindow *self,
          CasebookSort    sort)
{
  GSettings *settings = get_settings (self);

  if (self->sort == sort)
    return;

  self->sort = sort;
  if (self->cases != NULL)
    casebook_case_list_set_sort (self->cases, sort);
  if (settings != NULL)
    g_settings_set_string (settings, "sort-order", sort_nicks[sort]);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_ORDER]);
}

static void
casebook_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CasebookWindow *self = CASEBOOK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SORT_ORDER:
      for (guint i = 0; i < CASEBOOK_N_SORTS; i++)
        if (g_strcmp0 (g_value_get_string (value), sort_nicks[i]) == 0)
          set_sort (self, i);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_window_dispose (GObject *object)
{
  CasebookWindow *self = (CasebookWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->cases);
  g_clear_object (&self->filter);
  g_clear_object (&self->current);
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
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = casebook_window_dispose;
  object_class->finalize = casebook_window_finalize;
  object_class->get_property = casebook_window_get_property;
  object_class->set_property = casebook_window_set_property;
  window_class->close_request = casebook_window_close_request;

  properties[PROP_SORT_ORDER] =
    g_param_spec_string ("sort-order", NULL, NULL, "title",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CASEBOOK_TYPE_CASE_ROW);
  g_type_ensure (CASEBOOK_TYPE_CASE_PAGE);
  g_type_ensure (CASEBOOK_TYPE_FILTER_PANE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, filters_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, sort_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, filter_pane);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, case_page);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_technology_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_case_activated);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-filters", NULL, toggle_filters_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.clear-all", NULL, clear_all_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_property_action (widget_class, "win.sort", "sort-order");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
}

static void
casebook_window_init (CasebookWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->sectors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) casebook_sector_free);
  self->filter = casebook_filter_new ();

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_object_set (self->search_entry, "search-delay", 150, NULL);

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_leaflet_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child-name", G_CALLBACK (on_leaflet_changed),
                           self, G_CONNECT_SWAPPED);
}

static void
restore_window_state (CasebookWindow *self)
{
  GSettings *settings = get_settings (self);
  g_autofree char *sort = NULL;
  g_autofree char *view = NULL;

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  sort = g_settings_get_string (settings, "sort-order");
  for (guint i = 0; i < CASEBOOK_N_SORTS; i++)
    if (g_strcmp0 (sort, sort_nicks[i]) == 0)
      self->sort = i;

  view = g_settings_get_string (settings, "last-view");
  if (adw_view_stack_get_child_by_name (self->view_stack, view) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, view);
}

static void
show_store (CasebookWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GSettings *settings = get_settings (self);

  self->cases = casebook_case_list_new (self->store, self->filter, self->lang);
  casebook_case_list_set_sort (self->cases, self->sort);
  load_sectors (self);

  casebook_filter_pane_set_filter (self->filter_pane, self->filter);
  casebook_filter_pane_set_lang (self->filter_pane, self->lang);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->cases)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->cases, "refreshed", G_CALLBACK (on_cases_refreshed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cases, "notify::loading", G_CALLBACK (on_loading_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);

  /* Bring back the case that was selected last time. */
  if (settings != NULL)
    {
      g_autofree char *id = g_settings_get_string (settings, "selected-case");
      gint64 position = -1;

      if (id[0] != '\0')
        position = casebook_store_position (self->store, self->filter, self->sort, self->lang, id, NULL);
      if (position >= 0)
        {
          gtk_single_selection_set_selected (self->selection, (guint) position);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) position);
        }
    }

  /* The facet counts arrive with the first refresh. */
  casebook_case_list_refresh (self->cases);

  update_status (self);
  update_back_button (self);
  on_loading_changed (self, NULL, self->cases);
  gtk_stack_set_visible_child_name (self->main_stack, "cases");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));

  if (casebook_store_get_moved_aside (self->store) != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The case store was damaged and was moved to %s. A new store was created."),
                         casebook_store_get_moved_aside (self->store));
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  if (casebook_store_is_read_only (self->store))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("The case store is read-only: you can read and search, but not change it")));
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
  self->app = app;
  self->lang = casebook_application_get_lang (app);

  g_signal_connect_object (app, "notify::content-lang", G_CALLBACK (on_content_lang_changed), self,
                           G_CONNECT_SWAPPED);

  restore_window_state (self);

  if (store != NULL)
    {
      self->store = g_object_ref (store);
      show_store (self);
    }
  else
    {
      adw_status_page_set_description (self->error_page,
                                       store_error != NULL ? store_error->message : NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->sort_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->filters_button), FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);
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

/**
 * casebook_window_get_filter:
 *
 * Returns: (transfer none): the filter the list follows
 */
CasebookFilter *
casebook_window_get_filter (CasebookWindow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), NULL);
  return self->filter;
}

/**
 * casebook_window_get_current_case:
 *
 * Returns: (transfer none) (nullable): the case on the detail page
 */
CasebookCase *
casebook_window_get_current_case (CasebookWindow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), NULL);
  return self->current;
}

/**
 * casebook_window_set_lang:
 *
 * Shows every case text in @lang, at once, without a restart.
 */
void
casebook_window_set_lang (CasebookWindow *self,
                          CasebookLang    lang)
{
  g_return_if_fail (CASEBOOK_IS_WINDOW (self));

  if (self->lang == lang)
    return;

  self->lang = lang;

  if (self->cases == NULL)
    return;

  casebook_filter_pane_set_lang (self->filter_pane, lang);
  casebook_case_list_set_lang (self->cases, lang);
  if (self->current != NULL)
    casebook_case_page_set_case (self->case_page, self->store, self->current, lang);
}

/**
 * casebook_window_select_case:
 *
 * Shows the case with @id, selecting it in the list when it is there.
 */
void
casebook_window_select_case (CasebookWindow *self,
                             const char     *id)
{
  g_return_if_fail (CASEBOOK_IS_WINDOW (self));

  on_case_activated (self, id, self->case_page);
}
