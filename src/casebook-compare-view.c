/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-compare-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "casebook-a11y.h"
#include "casebook-case-compare.h"
#include "casebook-compare-item.h"
#include "casebook-compare-view-private.h"
#include "casebook-format.h"
#include "casebook-render-compare.h"
#include "casebook-render-export.h"
#include "casebook-store-charts.h"
#include "casebook-store-read.h"
#include "casebook-toast.h"

/**
 * CasebookCompareView:
 *
 * The Compare page: one metric family at a time, a row per sector with
 * every case's value, the sector mean and the report's range; the same
 * numbers as a table; and the coverage overview, whose cells choose the
 * family and sector. It follows the window's #CasebookFilter, so the
 * filters and the search of the Cases page narrow the comparison too.
 *
 * The numbers are read on a worker thread, from a connection of their
 * own; a newer change cancels an older read.
 */
struct _CasebookCompareView
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkDropDown        *metric_dropdown;
  GtkToggleButton    *table_button;
  GtkLabel           *filter_label;
  GtkButton          *clear_button;
  GtkSpinner         *spinner;
  GtkScrolledWindow  *scroller;
  GtkLabel           *title_label;
  GtkLabel           *summary_label;
  GtkStack           *chart_stack;
  CasebookChartView  *chart;
  GtkColumnView      *table;
  CasebookChartView  *coverage_chart;

  CasebookStore      *store;
  CasebookFilter     *filter;
  CasebookLang        lang;
  CasebookCatalog    *catalog;
  GtkStringList      *metric_names;
  char               *metric;
  char               *sector;
  CasebookStats      *stats;
  CasebookCoverage   *coverage;
  GListStore         *rows;           /* CasebookCompareItem */
  GCancellable       *cancellable;
  guint               n_in_view;
  gboolean            loading;
  gboolean            updating_dropdown;
  /* Nothing is read until the page is first shown, and a change while it
   * is hidden is read when it shows again: a start, or a search typed on
   * the Cases page, does not pay for a page nobody looks at. */
  gboolean            stale;
  gboolean            metrics_stale;
  gboolean            loaded;
};

G_DEFINE_FINAL_TYPE (CasebookCompareView, casebook_compare_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CASE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The family the page opens with: the report's first, cost. */
#define DEFAULT_METRIC "cost"

/* What a load reads, and what it found. */
typedef struct
{
  CasebookFilter   *filter;
  char             *metric;
  CasebookStats    *stats;
  CasebookCoverage *coverage;
  guint             n_in_view;
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->filter);
  g_clear_pointer (&load->metric, g_free);
  g_clear_object (&load->stats);
  g_clear_pointer (&load->coverage, casebook_coverage_unref);
  g_free (load);
}

static gboolean
load_read (CasebookStore  *reader,
           gpointer        data,
           GCancellable   *cancellable,
           GError        **error)
{
  Load *load = data;
  g_autoptr(GError) local_error = NULL;

  load->stats = casebook_stats_load (reader, load->filter, load->metric, error);
  if (load->stats == NULL)
    return FALSE;
  load->coverage = casebook_coverage_load (reader, load->filter, error);
  if (load->coverage == NULL)
    return FALSE;
  load->n_in_view = casebook_store_count (reader, load->filter, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static char *
format_stated (const CasebookStatsPoint *point,
               CasebookLang              lang)
{
  g_autofree char *value = casebook_format_value (point->stated, point->stated_unit, lang);

  if (!isnan (point->stated_baseline))
    {
      g_autofree char *before = casebook_format_value (point->stated_baseline, point->stated_unit, lang);

      return g_strdup_printf (_("%s → %s"), before, value);
    }

  return g_steal_pointer (&value);
}

/* What the chart places, when it is not the stated value itself. */
static char *
format_compared (const CasebookStatsPanel *panel,
                 double                    value,
                 CasebookUnit              stated_unit,
                 CasebookLang              lang)
{
  if (panel->scale == CASEBOOK_SCALE_NINES)
    {
      g_autofree char *downtime = casebook_format_downtime (casebook_availability_downtime (value), lang);

      /* Translators: the downtime an availability allows, e.g. "53 min/yr of downtime" */
      return g_strdup_printf (_("%s of downtime"), downtime);
    }

  if (panel->scale == CASEBOOK_SCALE_MULTIPLE && stated_unit == CASEBOOK_UNIT_PERCENT_CHANGE)
    return casebook_format_value_for_scale (panel->scale, panel->unit, value, lang);

  return NULL;
}

static void
update_table (CasebookCompareView *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->stats != NULL)
    for (guint p = 0; p < casebook_stats_get_n_panels (self->stats); p++)
      {
        const CasebookStatsPanel *panel = casebook_stats_get_panel (self->stats, p);

        for (guint r = 0; r < panel->n_rows; r++)
          {
            const CasebookStatsRow *row = &panel->rows[r];
            const char *sector = casebook_sector_get_name (row->sector, self->lang);

            for (guint i = row->first; i < row->first + row->n_points; i++)
              {
                const CasebookStatsPoint *point = casebook_stats_get_point (self->stats, i);
                const char *title = casebook_text_get (&point->title, self->lang);
                g_autofree char *value = format_stated (point, self->lang);
                g_autofree char *compared = format_compared (panel, point->value, point->stated_unit, self->lang);

                g_ptr_array_add (items, casebook_compare_item_new (CASEBOOK_COMPARE_ITEM_CASE, point->case_id, sector,
                                                                   title != NULL ? title : point->case_id,
                                                                   value, compared));
              }

            if (row->n_points > 1)
              {
                g_autofree char *mean = casebook_format_value_for_scale (panel->scale, panel->unit, row->mean, self->lang);
                g_autofree char *compared = format_compared (panel, row->mean, CASEBOOK_UNIT_NONE, self->lang);

                g_ptr_array_add (items, casebook_compare_item_new (CASEBOOK_COMPARE_ITEM_MEAN, NULL, sector,
                                                                   panel->scale == CASEBOOK_SCALE_MULTIPLE
                                                                   ? _("Sector mean (geometric)")
                                                                   : _("Sector mean"),
                                                                   mean, compared));
              }

            if (row->range != NULL)
              {
                g_autofree char *lo = casebook_format_value_for_scale (panel->scale, panel->unit, row->range_min, self->lang);
                g_autofree char *hi = casebook_format_value_for_scale (panel->scale, panel->unit, row->range_max, self->lang);
                /* Translators: a range of values, e.g. "−40% to −30%" */
                g_autofree char *range = row->range_min == row->range_max ? g_strdup (lo)
                                                                          : g_strdup_printf (_("%s to %s"), lo, hi);

                g_ptr_array_add (items, casebook_compare_item_new (CASEBOOK_COMPARE_ITEM_RANGE, NULL, sector,
                                                                   _("Report range (section 6.3)"), range,
                                                                   casebook_text_get (row->range->text, self->lang)));
              }
          }
      }

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items->pdata, items->len);
}

static void
update_labels (CasebookCompareView *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *filter_text = NULL;
  gboolean filtered = self->filter != NULL &&
                      (casebook_filter_has_facets (self->filter) || casebook_filter_get_query (self->filter) != NULL);
  guint n_total = self->store != NULL ? casebook_store_get_n_cases (self->store) : 0;

  if (self->stats != NULL)
    {
      guint n_values = casebook_stats_get_n_points (self->stats);
      guint n_cases = casebook_stats_get_n_cases (self->stats);
      guint n_qualitative = casebook_stats_get_n_qualitative (self->stats);
      g_autofree char *values = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u value", "%u values", n_values),
                                                 n_values);
      g_autofree char *cases = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", n_cases),
                                                n_cases);
      g_autoptr(GString) text = g_string_new (NULL);

      gtk_label_set_label (self->title_label, casebook_text_get (casebook_stats_get_name (self->stats), self->lang));

      /* Translators: e.g. "5 values from 4 cases" */
      g_string_append_printf (text, _("%s from %s"), values, cases);
      if (n_qualitative > 0)
        {
          g_string_append (text, " · ");
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u outcome without a number is not drawn",
                                                     "%u outcomes without a number are not drawn", n_qualitative),
                                  n_qualitative);
        }
      if (casebook_stats_get_n_panels (self->stats) > 1)
        {
          g_string_append (text, " · ");
          g_string_append (text, _("the outcomes use units that do not convert, so each unit has its own axis"));
        }
      summary = g_string_free (g_steal_pointer (&text), FALSE);
    }

  gtk_label_set_label (self->summary_label, summary);

  if (filtered)
    /* Translators: how many cases the filters let through, e.g. "4 of 14 cases match the filters" */
    filter_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u case matches the filters",
                                                "%u of %u cases match the filters", n_total),
                                   self->n_in_view, n_total);
  else
    filter_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All %u case", "All %u cases", n_total), n_total);

  gtk_label_set_label (self->filter_label, filter_text);
  gtk_widget_set_visible (GTK_WIDGET (self->clear_button), filtered);
}

static void
set_loading (CasebookCompareView *self,
             gboolean             loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_results (CasebookCompareView *self)
{
  casebook_chart_view_set_stats (self->chart, self->stats, self->lang);
  casebook_chart_view_set_selection (self->chart, self->metric, self->sector);
  casebook_chart_view_set_coverage (self->coverage_chart, self->coverage, self->lang);
  casebook_chart_view_set_selection (self->coverage_chart, self->metric, self->sector);
  update_table (self);
  update_labels (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export-chart", self->stats != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export-coverage", self->coverage != NULL);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CasebookCompareView) self = user_data;
  g_autoptr(GError) error = NULL;
  Load *load = casebook_store_read_finish (CASEBOOK_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);

  if (load == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      return;
    }

  g_set_object (&self->stats, load->stats);
  g_clear_pointer (&self->coverage, casebook_coverage_unref);
  self->coverage = g_steal_pointer (&load->coverage);
  self->n_in_view = load->n_in_view;
  self->loaded = TRUE;

  show_results (self);
}

static void
reload (CasebookCompareView *self)
{
  Load *load;

  if (self->store == NULL)
    return;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;

  if (self->metric == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  load = g_new0 (Load, 1);
  load->filter = self->filter != NULL ? casebook_filter_copy (self->filter) : NULL;
  load->metric = g_strdup (self->metric);

  set_loading (self, TRUE);

  casebook_store_read_async (self->store, load_read, load, (GDestroyNotify) load_free, self->cancellable,
                             load_done, g_object_ref (self));
}

static void
load_metrics (CasebookCompareView *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = GTK_INVALID_LIST_POSITION;
  GPtrArray *metrics;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->metrics_stale = TRUE;
      return;
    }
  self->metrics_stale = FALSE;

  g_clear_object (&self->catalog);
  self->catalog = casebook_store_read_catalog (self->store);
  metrics = casebook_catalog_get_metrics (self->catalog);

  for (guint i = 0; i < metrics->len; i++)
    {
      const CasebookMetric *metric = g_ptr_array_index (metrics, i);

      g_ptr_array_add (names, (gpointer) casebook_catalog_metric_name (self->catalog, metric->key, self->lang));
      if (g_strcmp0 (metric->key, self->metric) == 0)
        selected = i;
    }
  g_ptr_array_add (names, NULL);

  if (selected == GTK_INVALID_LIST_POSITION && metrics->len > 0)
    {
      selected = 0;
      for (guint i = 0; i < metrics->len; i++)
        if (g_strcmp0 (((CasebookMetric *) g_ptr_array_index (metrics, i))->key, DEFAULT_METRIC) == 0)
          selected = i;
      g_free (self->metric);
      self->metric = g_strdup (((CasebookMetric *) g_ptr_array_index (metrics, selected))->key);
    }

  self->updating_dropdown = TRUE;
  gtk_string_list_splice (self->metric_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->metric_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->metric_dropdown, selected);
  self->updating_dropdown = FALSE;
}

/* Callbacks ------------------------------------------------------------ */

static void
on_metric_selected (CasebookCompareView *self,
                    GParamSpec          *pspec,
                    GtkDropDown         *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const CasebookMetric *metric;

  if (self->updating_dropdown || self->catalog == NULL ||
      selected >= casebook_catalog_get_metrics (self->catalog)->len)
    return;

  metric = g_ptr_array_index (casebook_catalog_get_metrics (self->catalog), selected);
  if (g_strcmp0 (metric->key, self->metric) == 0)
    return;

  g_free (self->metric);
  self->metric = g_strdup (metric->key);
  reload (self);
}

static void
on_filter_changed (CasebookCompareView *self,
                   CasebookFilter      *filter)
{
  reload (self);
}

static void
on_store_changed (CasebookCompareView *self,
                  CasebookStore       *store)
{
  load_metrics (self);
  reload (self);
}

static void
on_table_toggled (CasebookCompareView *self,
                  GtkToggleButton     *button)
{
  gtk_stack_set_visible_child_name (self->chart_stack, gtk_toggle_button_get_active (button) ? "table" : "chart");
}

static void
on_chart_case_activated (CasebookCompareView *self,
                         const char          *id,
                         CasebookChartView   *chart)
{
  g_signal_emit (self, signals[CASE_ACTIVATED], 0, id);
}

static void
on_table_activate (CasebookCompareView *self,
                   guint                position,
                   GtkColumnView       *table)
{
  g_autoptr(CasebookCompareItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (item != NULL && casebook_compare_item_get_case_id (item) != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, casebook_compare_item_get_case_id (item));
}

static void
on_coverage_cell_activated (CasebookCompareView *self,
                            const char          *metric,
                            const char          *sector,
                            CasebookChartView   *chart)
{
  casebook_compare_view_select (self, metric, sector);

  /* Show the chart the cell chose; the keyboard stays on the cells, so
   * that the next one is an arrow key away. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* Table columns: each shows one string property of the row. */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  const char *property = user_data;
  CasebookCompareItem *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  g_object_get (row, property, &text, NULL);
  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");

  /* Means and ranges read as summaries of the case rows above them. */
  if (casebook_compare_item_get_kind (row) != CASEBOOK_COMPARE_ITEM_CASE)
    gtk_widget_add_css_class (label, "summary-row");
  else
    gtk_widget_remove_css_class (label, "summary-row");
}

static void
add_column (CasebookCompareView *self,
            const char          *title,
            const char          *property,
            gboolean             expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) property);

  column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->table, column);
}

/* Export --------------------------------------------------------------- */

static void
show_error (CasebookCompareView *self,
            const char          *heading,
            const char          *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_toast (CasebookCompareView *self,
            const char          *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  /* A toast's title is markup, and the message names a file. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (overlay != NULL)
    casebook_toast_add (ADW_TOAST_OVERLAY (overlay), casebook_toast_new (escaped));
}

static void
on_export_response (GtkNativeDialog     *dialog,
                    int                  response,
                    CasebookCompareView *self)
{
  gboolean coverage = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "coverage"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (self, _("Could Not Export"), _("The chart can only be saved to a local file."));
      return;
    }

  if (!_casebook_compare_view_export_chart (self, coverage, path, &error))
    {
      show_error (self, _("Could Not Export"), error->message);
      return;
    }

  {
    g_autofree char *name = g_file_get_basename (file);
    /* Translators: after exporting a chart, e.g. "Saved cost.png" */
    g_autofree char *message = g_strdup_printf (_("Saved %s"), name);

    show_toast (self, message);
  }
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
export_dialog (CasebookCompareView *self,
               gboolean             coverage)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  dialog = gtk_file_chooser_native_new (coverage ? _("Export Coverage") : _("Export Chart"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  /* The extension of the name picks the format; the filters only show
   * which extensions there are. */
  add_filter (GTK_FILE_CHOOSER (dialog), _("PNG Image"), "image/png", "png");
  add_filter (GTK_FILE_CHOOSER (dialog), _("SVG Image"), "image/svg+xml", "svg");
  add_filter (GTK_FILE_CHOOSER (dialog), _("PDF Document"), "application/pdf", "pdf");

  name = g_strdup_printf ("%s.png", coverage ? "coverage" : self->metric);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "coverage", GINT_TO_POINTER (coverage));
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  export_dialog (CASEBOOK_COMPARE_VIEW (widget), FALSE);
}

static void
export_coverage_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  export_dialog (CASEBOOK_COMPARE_VIEW (widget), TRUE);
}

static void
on_compared_case_activated (CasebookCompareView *self,
                            const char          *id,
                            CasebookCaseCompare *window)
{
  g_signal_emit (self, signals[CASE_ACTIVATED], 0, id);
}

static void
compare_cases_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CasebookCompareView *self = CASEBOOK_COMPARE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  CasebookCaseCompare *window;

  if (self->store == NULL)
    return;

  /* It opens with two cases that have numbers for the family on show,
   * from different sectors where it can, or else the first cases in view;
   * each column can be changed to any case. */
  for (guint p = 0; self->stats != NULL && p < casebook_stats_get_n_panels (self->stats) && ids->len < 2; p++)
    {
      const CasebookStatsPanel *panel = casebook_stats_get_panel (self->stats, p);

      for (guint r = 0; r < panel->n_rows && ids->len < 2; r++)
        if (panel->rows[r].n_points > 0)
          {
            const char *id = casebook_stats_get_point (self->stats, panel->rows[r].first)->case_id;

            if (!g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
              g_ptr_array_add (ids, (gpointer) id);
          }
    }
  if (ids->len < 2)
    first = casebook_store_list (self->store, self->filter, CASEBOOK_SORT_TITLE, self->lang, NULL, 2, NULL, NULL);
  for (guint i = 0; first != NULL && i < first->len && ids->len < 2; i++)
    {
      const char *id = casebook_case_summary_get_id (g_ptr_array_index (first, i));

      if (!g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_ptr_array_add (ids, (gpointer) id);
    }
  g_ptr_array_add (ids, NULL);

  window = casebook_case_compare_new (self->store, self->lang);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  casebook_case_compare_set_cases (window, (const char * const *) ids->pdata);
  g_signal_connect_object (window, "case-activated", G_CALLBACK (on_compared_case_activated), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

/* The first showing reads what the page needs, as does a showing after a
 * change made while the page was hidden. */
static void
casebook_compare_view_map (GtkWidget *widget)
{
  CasebookCompareView *self = CASEBOOK_COMPARE_VIEW (widget);

  GTK_WIDGET_CLASS (casebook_compare_view_parent_class)->map (widget);
  /* What was measured while the page was hidden was nothing. */
  gtk_widget_queue_resize (widget);

  if (self->metrics_stale)
    load_metrics (self);
  if (self->stale)
    reload (self);
}

/* A hidden page of the window's view stack asks for no room, so that the
 * stack's measuring leaves its labels unshaped until it is shown; once
 * shown (and mapped, which measures it again) it asks for what it needs. */
static void
casebook_compare_view_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  if (!gtk_widget_get_child_visible (widget))
    {
      *minimum = *natural = 0;
      *minimum_baseline = *natural_baseline = -1;
      return;
    }

  GTK_WIDGET_CLASS (casebook_compare_view_parent_class)->measure (widget, orientation, for_size,
                                                                  minimum, natural, minimum_baseline, natural_baseline);
}

/* GObject ---------------------------------------------------------------- */

static void
casebook_compare_view_dispose (GObject *object)
{
  CasebookCompareView *self = (CasebookCompareView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_COMPARE_VIEW);

  g_clear_object (&self->store);
  g_clear_object (&self->filter);
  g_clear_object (&self->stats);
  g_clear_pointer (&self->coverage, casebook_coverage_unref);
  g_clear_object (&self->rows);
  g_clear_object (&self->metric_names);

  G_OBJECT_CLASS (casebook_compare_view_parent_class)->dispose (object);
}

static void
casebook_compare_view_finalize (GObject *object)
{
  CasebookCompareView *self = (CasebookCompareView *)object;

  g_clear_object (&self->catalog);
  g_clear_pointer (&self->metric, g_free);
  g_clear_pointer (&self->sector, g_free);

  G_OBJECT_CLASS (casebook_compare_view_parent_class)->finalize (object);
}

static void
casebook_compare_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CasebookCompareView *self = CASEBOOK_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_compare_view_class_init (CasebookCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_compare_view_dispose;
  object_class->finalize = casebook_compare_view_finalize;
  object_class->get_property = casebook_compare_view_get_property;
  widget_class->map = casebook_compare_view_map;
  widget_class->measure = casebook_compare_view_measure;

  /**
   * CasebookCompareView:loading:
   *
   * Whether the numbers are being read.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CasebookCompareView::case-activated:
   * @id: the case to open
   */
  signals[CASE_ACTIVATED] = g_signal_new ("case-activated",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (CASEBOOK_TYPE_CHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookCompareView, metric_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CasebookCompareView, table_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookCompareView, filter_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCompareView, clear_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookCompareView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CasebookCompareView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CasebookCompareView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCompareView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCompareView, chart_stack);
  gtk_widget_class_bind_template_child (widget_class, CasebookCompareView, chart);
  gtk_widget_class_bind_template_child (widget_class, CasebookCompareView, table);
  gtk_widget_class_bind_template_child (widget_class, CasebookCompareView, coverage_chart);
  gtk_widget_class_bind_template_callback (widget_class, on_table_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_case_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_table_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_coverage_cell_activated);

  gtk_widget_class_install_action (widget_class, "compare.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "compare.export-coverage", NULL, export_coverage_action);
  gtk_widget_class_install_action (widget_class, "compare.compare-cases", NULL, compare_cases_action);

  gtk_widget_class_set_css_name (widget_class, "compareview");
}

static void
casebook_compare_view_init (CasebookCompareView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->lang = CASEBOOK_LANG_EN;
  self->rows = g_list_store_new (CASEBOOK_TYPE_COMPARE_ITEM);
  self->metric_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->metric_dropdown, G_LIST_MODEL (self->metric_names));
  casebook_a11y_name_inner_button (GTK_WIDGET (self->metric_dropdown), _("Metric family to compare"));
  g_signal_connect_object (self->metric_dropdown, "notify::selected", G_CALLBACK (on_metric_selected), self,
                           G_CONNECT_SWAPPED);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (selection));
  add_column (self, _("Sector"), "sector", FALSE);
  add_column (self, _("Case"), "name", TRUE);
  add_column (self, _("Value"), "value", FALSE);
  add_column (self, _("As Drawn"), "compared", TRUE);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->clear_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export-chart", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export-coverage", FALSE);
}

/* Public API --------------------------------------------------------------- */

/**
 * casebook_compare_view_set_store:
 * @store: the store
 * @filter: (nullable): the filter to follow, usually the window's
 * @lang: the content language
 *
 * Shows the numbers of @store among the cases @filter lets through, and
 * follows both as they change.
 */
void
casebook_compare_view_set_store (CasebookCompareView *self,
                                 CasebookStore       *store,
                                 CasebookFilter      *filter,
                                 CasebookLang         lang)
{
  g_return_if_fail (CASEBOOK_IS_COMPARE_VIEW (self));
  g_return_if_fail (CASEBOOK_IS_STORE (store));
  g_return_if_fail (filter == NULL || CASEBOOK_IS_FILTER (filter));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);

  g_set_object (&self->store, store);
  g_set_object (&self->filter, filter);
  self->lang = lang;

  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  if (filter != NULL)
    g_signal_connect_object (filter, "changed", G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);

  load_metrics (self);
  reload (self);
}

/**
 * casebook_compare_view_set_lang:
 *
 * Shows every name and number in @lang, at once.
 */
void
casebook_compare_view_set_lang (CasebookCompareView *self,
                                CasebookLang         lang)
{
  g_return_if_fail (CASEBOOK_IS_COMPARE_VIEW (self));

  if (self->lang == lang)
    return;

  self->lang = lang;
  load_metrics (self);
  show_results (self);
}

/**
 * _casebook_compare_view_get_metric:
 *
 * Returns: (nullable): the metric family being compared
 */
const char *
_casebook_compare_view_get_metric (CasebookCompareView *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COMPARE_VIEW (self), NULL);
  return self->metric;
}

/**
 * casebook_compare_view_select:
 * @metric: a metric family
 * @sector: (nullable): a sector to bring forward, or %NULL
 *
 * What a click on a coverage cell does: compares @metric, with the rows
 * of @sector highlighted.
 */
void
casebook_compare_view_select (CasebookCompareView *self,
                              const char          *metric,
                              const char          *sector)
{
  GPtrArray *metrics;
  gboolean metric_changed;

  g_return_if_fail (CASEBOOK_IS_COMPARE_VIEW (self));
  g_return_if_fail (metric != NULL);

  metric_changed = g_strcmp0 (metric, self->metric) != 0;

  g_free (self->sector);
  self->sector = g_strdup (sector);
  casebook_chart_view_set_selection (self->chart, metric, sector);
  casebook_chart_view_set_selection (self->coverage_chart, metric, sector);

  if (!metric_changed)
    return;

  g_free (self->metric);
  self->metric = g_strdup (metric);

  self->updating_dropdown = TRUE;
  metrics = self->catalog != NULL ? casebook_catalog_get_metrics (self->catalog) : NULL;
  for (guint i = 0; metrics != NULL && i < metrics->len; i++)
    if (g_strcmp0 (((CasebookMetric *) g_ptr_array_index (metrics, i))->key, metric) == 0)
      gtk_drop_down_set_selected (self->metric_dropdown, i);
  self->updating_dropdown = FALSE;

  reload (self);
}

/**
 * _casebook_compare_view_get_sector:
 *
 * Returns: (nullable): the sector brought forward
 */
const char *
_casebook_compare_view_get_sector (CasebookCompareView *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COMPARE_VIEW (self), NULL);
  return self->sector;
}

gboolean
_casebook_compare_view_is_loading (CasebookCompareView *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COMPARE_VIEW (self), FALSE);
  return self->loading;
}

/**
 * _casebook_compare_view_has_loaded:
 *
 * The page reads nothing until it is first shown; tests ask this to see
 * that a start leaves it alone.
 *
 * Returns: %TRUE once the page has read its numbers at least once
 */
gboolean
_casebook_compare_view_has_loaded (CasebookCompareView *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COMPARE_VIEW (self), FALSE);
  return self->loaded;
}

/**
 * _casebook_compare_view_set_show_table:
 *
 * Shows the chart's numbers as a table instead of the chart, as the
 * "Show as Table" button does.
 */
void
_casebook_compare_view_set_show_table (CasebookCompareView *self,
                                       gboolean             show_table)
{
  g_return_if_fail (CASEBOOK_IS_COMPARE_VIEW (self));
  gtk_toggle_button_set_active (self->table_button, show_table);
}

/**
 * _casebook_compare_view_get_table_model:
 *
 * Returns: (transfer none): the table's rows, #CasebookCompareItem
 */
GListModel *
_casebook_compare_view_get_table_model (CasebookCompareView *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COMPARE_VIEW (self), NULL);
  return G_LIST_MODEL (self->rows);
}

/**
 * _casebook_compare_view_get_chart:
 *
 * Returns: (transfer none): the Compare chart
 */
CasebookChartView *
_casebook_compare_view_get_chart (CasebookCompareView *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COMPARE_VIEW (self), NULL);
  return self->chart;
}

/**
 * _casebook_compare_view_get_coverage_chart:
 *
 * Returns: (transfer none): the coverage overview
 */
CasebookChartView *
_casebook_compare_view_get_coverage_chart (CasebookCompareView *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COMPARE_VIEW (self), NULL);
  return self->coverage_chart;
}

/**
 * _casebook_compare_view_export_chart:
 * @coverage: %TRUE for the coverage overview, %FALSE for the Compare chart
 * @path: the file; its extension picks PNG, SVG or PDF
 *
 * Writes the chart as shown (with the filters applied), in the print
 * theme.
 *
 * Returns: %FALSE, with an error that names @path, if it failed
 */
gboolean
_casebook_compare_view_export_chart (CasebookCompareView  *self,
                                     gboolean              coverage,
                                     const char           *path,
                                     GError              **error)
{
  g_auto(CasebookRenderChart) chart = { 0 };

  g_return_val_if_fail (CASEBOOK_IS_COMPARE_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->store != NULL && !casebook_store_check_output (self->store, path, error))
    return FALSE;

  if ((coverage && self->coverage == NULL) || (!coverage && self->stats == NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("The chart is still being prepared; try again in a moment"));
      return FALSE;
    }

  if (coverage)
    casebook_render_chart_init_coverage (&chart, self->coverage, self->lang);
  else
    casebook_render_chart_init_compare (&chart, self->stats, self->lang);

  return casebook_render_export (&chart, path, error);
}

/**
 * _casebook_compare_view_render_chart:
 * @coverage: %TRUE for the coverage overview, %FALSE for the Compare chart
 * @scale: pixels per point, 2 for a sharp image
 *
 * Draws the chart as an export to PNG does, for the clipboard.
 *
 * Returns: (transfer full) (nullable): the image, or %NULL with @error
 *   set while the chart is still being prepared or when drawing failed
 */
GdkTexture *
_casebook_compare_view_render_chart (CasebookCompareView  *self,
                                     gboolean              coverage,
                                     double                scale,
                                     GError              **error)
{
  g_auto(CasebookRenderChart) chart = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  int width, height, stride;

  g_return_val_if_fail (CASEBOOK_IS_COMPARE_VIEW (self), NULL);

  if ((coverage && self->coverage == NULL) || (!coverage && self->stats == NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("The chart is still being prepared; try again in a moment"));
      return NULL;
    }

  if (coverage)
    casebook_render_chart_init_coverage (&chart, self->coverage, self->lang);
  else
    casebook_render_chart_init_compare (&chart, self->stats, self->lang);

  surface = casebook_render_export_image (&chart, scale);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the chart: %s"), cairo_status_to_string (status));
      return NULL;
    }

  /* Cairo's ARGB32 is premultiplied, in the machine's byte order: what
   * GDK calls its default memory format. */
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) height * stride,
                                      (GDestroyNotify) cairo_surface_destroy, surface);

  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}
