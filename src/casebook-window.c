/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-editor.h"
#include "casebook-case-list.h"
#include "casebook-case-page.h"
#include "casebook-case-row.h"
#include "casebook-compare-view.h"
#include "casebook-filter-pane.h"
#include "casebook-insights-view.h"
#include "casebook-json.h"
#include "casebook-report-job.h"
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
  CasebookCompareView  *compare_view;
  CasebookInsightsView *insights_view;
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

  /* The case editor while it is open, and the cases deleted while their
   * Undo toast is up, by the number of the deletion. */
  GtkWindow            *editor;
  GHashTable           *deleted;
  guint                 n_deletions;
  AdwToast             *saved_toast;
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

/* What can be done with the case on show: a case of one's own can be
 * changed and deleted; one that comes with Casebook only duplicated, which
 * gives a copy of one's own. None of it applies away from the Cases page,
 * where the case is not to be seen. */
static void
update_case_actions (CasebookWindow *self)
{
  gboolean writable = self->store != NULL && !casebook_store_is_read_only (self->store);
  gboolean on_page = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "cases") == 0;
  gboolean shown = on_page && self->current != NULL;
  gboolean own = shown && casebook_case_get_origin (self->current) == CASEBOOK_ORIGIN_OWN;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-case", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-case", writable && own);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-case", writable && shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-case", writable && own);
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

  update_case_actions (self);
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

/* A case opened from the Compare or Insights page shows on the Cases page. */
static void
on_compare_case_activated (CasebookWindow *self,
                           const char     *id,
                           GtkWidget      *view)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  on_case_activated (self, id, self->case_page);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_insights_metric_activated (CasebookWindow       *self,
                              const char           *metric,
                              const char           *sector,
                              CasebookInsightsView *view)
{
  casebook_compare_view_select (self->compare_view, metric, sector);
  adw_view_stack_set_visible_child_name (self->view_stack, "compare");
}

/* Sorting and the filter pane belong to the Cases page; the search applies
 * to Compare too, but Insights has a search of its own, so typing there
 * must not open the window's. */
static void
on_view_changed (CasebookWindow *self,
                 GParamSpec     *pspec,
                 AdwViewStack   *stack)
{
  const char *view = adw_view_stack_get_visible_child_name (stack);
  gboolean cases = g_strcmp0 (view, "cases") == 0;
  gboolean insights = g_strcmp0 (view, "insights") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->sort_button), cases);
  gtk_widget_set_visible (GTK_WIDGET (self->filters_button), cases);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), !insights);
  if (insights)
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_search_bar_set_key_capture_widget (self->search_bar, insights ? NULL : GTK_WIDGET (self));
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

/* Export: all cases, the ones the list shows, or the one on show, written
 * on a worker thread from a reader of its own. */

typedef struct
{
  GFile               *file;
  CasebookExportScope  scope;
  CasebookFilter      *filter;
  CasebookSort         sort;
  CasebookLang         lang;
  char                *id;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->file);
  g_clear_object (&job->filter);
  g_free (job->id);
  g_free (job);
}

static CasebookDocument *
export_document (CasebookStore  *reader,
                 ExportJob      *job,
                 GError        **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  switch (job->scope)
    {
    case CASEBOOK_EXPORT_SELECTION:
      {
        const char *one[] = { job->id, NULL };

        return casebook_store_export_cases (reader, one, error);
      }

    case CASEBOOK_EXPORT_SHOWN:
      rows = casebook_store_list (reader, job->filter, job->sort, job->lang, NULL, G_MAXUINT, NULL, error);
      if (rows == NULL)
        return NULL;

      ids = g_ptr_array_new ();
      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (ids, (gpointer) casebook_case_summary_get_id (g_ptr_array_index (rows, i)));
      g_ptr_array_add (ids, NULL);

      return casebook_store_export_cases (reader, (const char * const *) ids->pdata, error);

    case CASEBOOK_EXPORT_ALL:
    default:
      return casebook_store_export (reader, error);
    }
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CasebookWindow *self = source_object;
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookStore) reader = casebook_store_open_reader (self->store, &error);
  g_autoptr(CasebookDocument) doc = NULL;

  if (reader != NULL)
    doc = export_document (reader, job, &error);
  if (doc == NULL || !casebook_json_write_file (doc, job->file, &error))
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
  CasebookExportScope scope = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "scope"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  g_object_unref (dialog);

  if (file != NULL)
    casebook_window_export_file (self, file, scope);
}

static void
choose_export_file (CasebookWindow      *self,
                    CasebookExportScope  scope)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = json_file_filter ();
  g_autofree char *name = NULL;

  if (scope == CASEBOOK_EXPORT_SELECTION && self->current != NULL)
    name = g_strdup_printf ("%s.json", casebook_case_get_id (self->current));
  else
    /* Translators: the file name an export suggests; keep the .json */
    name = g_strdup (_("cases.json"));

  dialog = gtk_file_chooser_native_new (_("Export Cases"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "scope", GINT_TO_POINTER (scope));
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_export_scope_response (AdwMessageDialog *dialog,
                          const char       *response,
                          CasebookWindow   *self)
{
  GtkCheckButton **checks = g_object_get_data (G_OBJECT (dialog), "checks");

  if (g_strcmp0 (response, "export") != 0)
    return;

  for (CasebookExportScope scope = CASEBOOK_EXPORT_ALL; scope <= CASEBOOK_EXPORT_SELECTION; scope++)
    if (gtk_check_button_get_active (checks[scope]))
      {
        choose_export_file (self, scope);
        return;
      }
}

static GtkWidget *
scope_row (const char *title,
           const char *subtitle,
           GtkWidget  *group,
           gboolean    sensitive)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *escaped = g_markup_escape_text (subtitle != NULL ? subtitle : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_widget_set_sensitive (row, sensitive);
  g_object_set_data (G_OBJECT (row), "check", check);

  return row;
}

/* Export asks first which cases the file should hold. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  guint n_all = casebook_store_get_n_cases (self->store);
  gboolean narrowed = casebook_filter_has_facets (self->filter) || casebook_filter_get_query (self->filter) != NULL;
  guint n_shown = casebook_case_list_is_searching (self->cases)
                  ? casebook_case_list_get_n_matches (self->cases)
                  : g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  g_autofree char *all_text = NULL;
  g_autofree char *shown_text = NULL;
  GtkCheckButton **checks = g_new0 (GtkCheckButton *, 3);
  GtkWidget *dialog, *list, *row;

  all_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case, with the report’s cross-sector material",
                                           "%u cases, with the report’s cross-sector material", n_all), n_all);
  shown_text = narrowed
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case that the search and filters show",
                                    "%u cases that the search and filters show", n_shown), n_shown)
    : g_strdup (_("No search or filter narrows the list"));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Cases"),
                                   _("Choose the cases to write to a collection file. Casebook can import "
                                     "the file, here or on another computer."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  row = scope_row (_("All Cases"), all_text, NULL, TRUE);
  checks[CASEBOOK_EXPORT_ALL] = g_object_get_data (G_OBJECT (row), "check");
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  row = scope_row (_("Shown Cases"), shown_text, GTK_WIDGET (checks[0]), narrowed && n_shown > 0);
  checks[CASEBOOK_EXPORT_SHOWN] = g_object_get_data (G_OBJECT (row), "check");
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  row = scope_row (_("Selected Case"),
                   self->current != NULL ? casebook_text_get (casebook_case_get_title (self->current), self->lang)
                                         : _("No case is selected"),
                   GTK_WIDGET (checks[0]), self->current != NULL);
  checks[CASEBOOK_EXPORT_SELECTION] = g_object_get_data (G_OBJECT (row), "check");
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  /* What the list shows is most likely what is wanted, when it is narrowed. */
  gtk_check_button_set_active (checks[narrowed && n_shown > 0 ? CASEBOOK_EXPORT_SHOWN : CASEBOOK_EXPORT_ALL], TRUE);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data_full (G_OBJECT (dialog), "checks", checks, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_scope_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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

  if (g_strcmp0 (response, "skip") == 0 || g_strcmp0 (response, "import") == 0)
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
  g_autoptr(GString) body = g_string_new (NULL);
  GPtrArray *cases;
  guint present = 0, n;
  GtkWidget *dialog;

  if (doc == NULL)
    {
      /* The reader's message names the place: the line and column, or the
       * member, such as cases[3].outcomes[1].value. */
      show_error_dialog (self, _("This File Cannot Be Imported"), error->message);
      return;
    }

  cases = casebook_document_get_cases (doc);
  n = cases->len;
  for (guint i = 0; i < n; i++)
    if (casebook_store_has_case (self->store, casebook_case_get_id (g_ptr_array_index (cases, i))))
      present++;

  /* Nothing is written before the person has seen what the file holds. */
  if (n == 0)
    g_string_append (body, _("The file holds no cases."));
  else if (present == 0)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "The file holds %u new case.",
                                               "The file holds %u new cases.", n), n);
  else
    {
      /* Translators: the first part of the import preview; the number of cases in the file */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "The file holds %u case: ",
                                                 "The file holds %u cases: ", n), n);
      /* Translators: the second part of the import preview: new cases and cases already in the library */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u new, ", "%u new, ", n - present), n - present);
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u already in your library.",
                                                 "%u already in your library.", present), present);
      g_string_append_c (body, '\n');
      g_string_append (body, _("Skip the ones already present, or replace them with the file’s version?"));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Cases?"), body->str);
  if (present == 0)
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "import", _("_Import"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
    }
  else
    {
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
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "document", g_steal_pointer (&doc), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_preview_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_response (GtkNativeDialog *dialog,
                    int              response,
                    CasebookWindow  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  g_object_unref (dialog);

  if (file != NULL)
    casebook_window_import_file (self, file);
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

/* Cases of one's own: new, edit, duplicate, delete and undo. Every change
 * is one transaction of the store; the list follows the store by itself. */

static void
on_editor_saved (CasebookWindow     *self,
                 const char         *id,
                 CasebookCaseEditor *editor)
{
  g_autofree char *saved = g_strdup (id);
  g_autofree char *message = NULL;
  gint64 position;

  /* A saved case that the search or the filters would hide is shown all
   * the same: the person just wrote it and looks for it. */
  position = casebook_store_position (self->store, self->filter, self->sort, self->lang, saved, NULL);
  if (position < 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      casebook_filter_set_query (self->filter, NULL);
      casebook_filter_clear_facets (self->filter);
    }

  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  casebook_window_select_case (self, saved);
  casebook_case_list_refresh (self->cases);

  if (self->current != NULL)
    {
      AdwToast *toast;

      message = g_markup_printf_escaped (_("Saved “%s”"),
                                         casebook_text_get (casebook_case_get_title (self->current), self->lang));
      toast = adw_toast_new (message);
      g_set_weak_pointer (&self->saved_toast, toast);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
open_editor (CasebookWindow *self,
             CasebookCase   *c,
             gboolean        is_new)
{
  CasebookCaseEditor *editor;

  /* One editor at a time; it is modal, so this only guards a second
   * shortcut pressed before it shows. */
  if (self->editor != NULL)
    {
      gtk_window_present (self->editor);
      return;
    }

  editor = casebook_case_editor_new (self->store, c, is_new, self->lang);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->editor, GTK_WINDOW (editor));
  gtk_window_present (GTK_WINDOW (editor));
}

static gboolean
case_is_own (CasebookCase *c)
{
  return c != NULL && casebook_case_get_origin (c) == CASEBOOK_ORIGIN_OWN;
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  open_editor (CASEBOOK_WINDOW (widget), NULL, TRUE);
}

static void
edit_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);

  if (case_is_own (self->current))
    open_editor (self, self->current, FALSE);
}

/* A copy with an id of its own, the person's to change; it is stored only
 * when saved. */
static void
duplicate_case_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  g_autoptr(CasebookCase) copy = NULL;
  g_autofree char *base = NULL;
  g_autofree char *id = NULL;
  g_autofree char *zh = NULL;
  g_autofree char *en = NULL;
  const CasebookText *title;

  if (self->current == NULL)
    return;

  copy = casebook_case_copy (self->current);
  base = g_strdup_printf ("%.58s-copy", casebook_case_get_id (self->current));
  id = casebook_store_make_id (self->store, base);
  casebook_case_set_id (copy, id);
  casebook_case_set_origin (copy, CASEBOOK_ORIGIN_OWN);

  /* The copy's title says it is one, in each language the case has. */
  title = casebook_case_get_title (copy);
  if (casebook_text_get_exact (title, CASEBOOK_LANG_ZH) != NULL)
    zh = g_strdup_printf ("%s（副本）", casebook_text_get_exact (title, CASEBOOK_LANG_ZH));
  if (casebook_text_get_exact (title, CASEBOOK_LANG_EN) != NULL)
    en = g_strdup_printf ("%s (Copy)", casebook_text_get_exact (title, CASEBOOK_LANG_EN));
  casebook_case_take_title (copy, casebook_text_new (zh, en));

  open_editor (self, copy, TRUE);
}

static void
on_delete_toast_dismissed (AdwToast       *toast,
                           CasebookWindow *self)
{
  guint token = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "token"));

  /* Past the toast there is no undo; the case can go. */
  g_hash_table_remove (self->deleted, GUINT_TO_POINTER (token));
}

static void
delete_case_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  g_autoptr(CasebookCase) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  guint token;

  if (!case_is_own (self->current))
    return;

  id = g_strdup (casebook_case_get_id (self->current));
  deleted = casebook_store_delete_case (self->store, id, &error);
  if (deleted == NULL)
    {
      show_error_dialog (self, _("Could Not Delete the Case"), error->message);
      return;
    }

  select_position (self, -1);
  show_case (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));

  /* "Saved" is old news once the case is gone. */
  if (self->saved_toast != NULL)
    adw_toast_dismiss (self->saved_toast);

  /* Translators: a toast after a case was deleted, with an Undo button */
  title = g_markup_printf_escaped (_("“%s” deleted"),
                                   casebook_text_get (casebook_case_get_title (deleted), self->lang));
  token = ++self->n_deletions;
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target (toast, "u", token);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (toast), "token", GUINT_TO_POINTER (token));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed), self, 0);
  g_hash_table_insert (self->deleted, GUINT_TO_POINTER (token), g_steal_pointer (&deleted));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  gpointer token = GUINT_TO_POINTER (g_variant_get_uint32 (param));
  CasebookCase *c = g_hash_table_lookup (self->deleted, token);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (c == NULL)
    return;

  if (!casebook_store_restore_case (self->store, c, &error))
    {
      show_error_dialog (self, _("Could Not Restore the Case"), error->message);
      return;
    }

  id = g_strdup (casebook_case_get_id (c));
  g_hash_table_remove (self->deleted, token);
  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  casebook_window_select_case (self, id);
  casebook_case_list_refresh (self->cases);
}

/* Print and PDF: the case on the detail page, or, with none there or when
 * asked for, the collection of the cases the list shows. */

static CasebookReportJob *
report_job_new (CasebookWindow *self,
                gboolean        collection)
{
  if (!collection && self->current != NULL)
    return casebook_report_job_new_for_case (self->store, self->current, self->lang);

  return casebook_report_job_new_for_filter (self->store, self->filter, self->sort, self->lang);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  g_autoptr(CasebookReportJob) job = report_job_new (self, g_str_equal (action_name, "win.print-collection"));

  casebook_report_job_print (job, GTK_WINDOW (self), self->toast_overlay);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  g_autoptr(CasebookReportJob) job = report_job_new (self, g_str_equal (action_name, "win.save-collection-pdf"));

  casebook_report_job_save_pdf (job, GTK_WINDOW (self), self->toast_overlay);
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
  g_clear_weak_pointer (&self->editor);
  g_clear_weak_pointer (&self->saved_toast);

  G_OBJECT_CLASS (casebook_window_parent_class)->dispose (object);
}

static void
casebook_window_finalize (GObject *object)
{
  CasebookWindow *self = (CasebookWindow *)object;

  g_clear_pointer (&self->sectors, g_hash_table_unref);
  g_clear_pointer (&self->deleted, g_hash_table_unref);

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
  g_type_ensure (CASEBOOK_TYPE_COMPARE_VIEW);
  g_type_ensure (CASEBOOK_TYPE_INSIGHTS_VIEW);

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
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, compare_view);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, insights_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_technology_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_case_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_compare_case_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_insights_metric_activated);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-filters", NULL, toggle_filters_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.clear-all", NULL, clear_all_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
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
  self->deleted = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  /* The entry sits in a clamp, where the bar does not find it by itself;
   * without it, a key typed to the window only warns. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_object_set (self->search_entry, "search-delay", 150, NULL);

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_leaflet_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child-name", G_CALLBACK (on_leaflet_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name", G_CALLBACK (on_view_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name", G_CALLBACK (update_case_actions),
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

/* A store that was found damaged and moved aside is news that must not
 * time out or be cut short, so it is a dialog, shown once the window is
 * up to carry it. */
static void
on_map_show_moved_aside (CasebookWindow *self)
{
  g_autofree char *body = NULL;

  g_signal_handlers_disconnect_by_func (self, on_map_show_moved_aside, NULL);

  /* Translators: %s is the file name the damaged store was kept under */
  body = g_strdup_printf (_("Casebook could not read its case store, so it kept the damaged file, "
                            "untouched, as “%s”, and started a new store with the cases that come "
                            "with Casebook.\n\nCases of your own were in the damaged store. If you "
                            "exported them, import that file. If you keep backups, quit Casebook "
                            "and put a backup of the store back in its place."),
                          casebook_store_get_moved_aside (self->store));
  show_error_dialog (self, _("The Case Store Was Damaged"), body);
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
  casebook_compare_view_set_store (self->compare_view, self->store, self->filter, self->lang);
  casebook_insights_view_set_store (self->insights_view, self->store, self->lang);

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
    g_signal_connect (self, "map", G_CALLBACK (on_map_show_moved_aside), NULL);

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
      /* Without a store there is nothing to compare or read. */
      adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, GTK_WIDGET (self->compare_view)),
                                       FALSE);
      adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, GTK_WIDGET (self->insights_view)),
                                       FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-collection", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-pdf", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-collection-pdf", FALSE);
    }

  update_case_actions (self);

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
  casebook_compare_view_set_lang (self->compare_view, lang);
  casebook_insights_view_set_lang (self->insights_view, lang);
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

/**
 * casebook_window_import_file:
 * @file: an interchange file
 *
 * Imports @file as Import… does once a file is chosen: the file is read and
 * checked on a worker thread, then a dialog says what it holds and offers to
 * skip or replace the cases already present; a file that is refused changes
 * nothing, and a dialog says where in the file the fault is.
 */
void
casebook_window_import_file (CasebookWindow *self,
                             GFile          *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CASEBOOK_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL);

  if (casebook_store_is_read_only (self->store))
    {
      show_error_dialog (self, _("Nothing Was Imported"),
                         _("The case store is read-only, so no cases can be added to it."));
      return;
    }

  task = g_task_new (self, NULL, import_read_done, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, import_read_thread);
}

/**
 * casebook_window_export_file:
 * @file: where to write
 * @scope: which cases
 *
 * Exports as Export… does once a file is chosen, on a worker thread; a
 * toast says how many cases were written.
 */
void
casebook_window_export_file (CasebookWindow      *self,
                             GFile               *file,
                             CasebookExportScope  scope)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (CASEBOOK_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL);
  g_return_if_fail (scope != CASEBOOK_EXPORT_SELECTION || self->current != NULL);

  /* The export must not land on the store it is read from. */
  {
    g_autofree char *path = g_file_get_path (file);
    g_autoptr(GError) error = NULL;

    if (path != NULL && !casebook_store_check_output (self->store, path, &error))
      {
        show_error_dialog (self, _("Could Not Export"), error->message);
        return;
      }
  }

  job = g_new0 (ExportJob, 1);
  job->file = g_object_ref (file);
  job->scope = scope;
  job->filter = casebook_filter_copy (self->filter);
  job->sort = self->sort;
  job->lang = self->lang;
  job->id = self->current != NULL ? g_strdup (casebook_case_get_id (self->current)) : NULL;

  task = g_task_new (self, NULL, export_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * casebook_window_get_editor:
 *
 * Returns: (transfer none) (nullable): the case editor, while it is open
 */
GtkWindow *
casebook_window_get_editor (CasebookWindow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), NULL);
  return self->editor;
}
