/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-drag.h"
#include "casebook-case-text.h"
#include "casebook-chart-view.h"
#include "casebook-compare-view-private.h"
#include "casebook-json.h"
#include "casebook-window-private.h"

/* The window's part in the desktop: files and casebook:// links handed
 * to the application (a double-click in Files, `casebook FILE`), files
 * and cases from another Casebook dropped onto the window, and copying a
 * case or a chart to the clipboard. Files go through the import that Import… starts, one file
 * after another, so each gets its own preview or its own message. */

/* How sharp a copied chart is: two pixels to a point, as an exported PNG. */
#define CHART_COPY_SCALE 2.0

static void
toast (CasebookWindow *self,
       const char     *text)
{
  /* The text may quote a file or an id. */
  _casebook_window_add_status (self, text);
}

/* Opening files ---------------------------------------------------------- */

/**
 * _casebook_window_import_done:
 *
 * Called when the preview, or the message, of a file being imported has
 * been answered: the next file waiting, if any, is read.
 */
void
_casebook_window_import_done (CasebookWindow *self)
{
  g_autoptr(GFile) next = NULL;

  self->importing = FALSE;

  if (self->pending_imports == NULL || g_queue_is_empty (self->pending_imports))
    return;

  next = g_queue_pop_head (self->pending_imports);
  self->importing = TRUE;
  _casebook_window_import_file (self, next);
}

static void
on_cases_refreshed_open_link (CasebookWindow   *self,
                              gint64            position,
                              CasebookCaseList *cases)
{
  g_autofree char *uri = g_steal_pointer (&self->pending_link);

  g_signal_handlers_disconnect_by_func (cases, on_cases_refreshed_open_link, self);
  if (uri != NULL)
    _casebook_window_open_link (self, uri);
}

/**
 * _casebook_window_open_link:
 * @uri: a link such as casebook://case/report-2.1
 *
 * Shows the case the link names on the Cases page; a link that names no
 * case, or is no link to a case, is said so in a toast.
 */
void
_casebook_window_open_link (CasebookWindow *self,
                            const char     *uri)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_return_if_fail (CASEBOOK_IS_WINDOW (self));
  g_return_if_fail (uri != NULL);

  if (self->store == NULL)
    return;

  /* A window that has just opened is still loading its list, and the
   * first rows would put back the selection they were asked for: the
   * link is followed once they are in. */
  if (casebook_case_list_is_loading (self->cases))
    {
      if (self->pending_link == NULL)
        g_signal_connect_object (self->cases, "refreshed", G_CALLBACK (on_cases_refreshed_open_link), self,
                                 G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_free (self->pending_link);
      self->pending_link = g_strdup (uri);
      return;
    }

  id = casebook_case_link_parse (uri, &error);
  if (id == NULL)
    {
      toast (self, error->message);
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  /* An unknown id gets its toast there. */
  _casebook_window_reveal_case (self, id);
  /* As a click in the list does: in a narrow window, which may not have
   * folded yet when the link comes with the start, the case shows. */
  if (self->current != NULL && g_strcmp0 (casebook_case_get_id (self->current), id) == 0)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/**
 * casebook_window_open:
 * @files: (array length=n_files): collection files, or casebook:// links
 *   as #GFiles (g_file_new_for_commandline_arg() makes them)
 * @n_files: how many
 *
 * Opens what the application was asked to open: a link shows its case at
 * once; the files are imported one after another, each with the preview
 * Import… shows (or the message that says why it cannot be imported),
 * the next one once the person has answered.
 */
void
casebook_window_open (CasebookWindow  *self,
                      GFile          **files,
                      int              n_files)
{
  g_return_if_fail (CASEBOOK_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  for (int i = 0; i < n_files; i++)
    {
      if (g_file_has_uri_scheme (files[i], "casebook"))
        {
          g_autofree char *uri = g_file_get_uri (files[i]);

          _casebook_window_open_link (self, uri);
        }
      else if (self->store != NULL)
        {
          if (self->pending_imports == NULL)
            self->pending_imports = g_queue_new ();
          g_queue_push_tail (self->pending_imports, g_object_ref (files[i]));
        }
    }

  if (!self->importing)
    _casebook_window_import_done (self);
}

/* Dropping files --------------------------------------------------------- */

static gboolean
on_drop (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         CasebookWindow *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (self->store == NULL)
    return FALSE;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      for (GSList *l = gdk_file_list_get_files (g_value_get_boxed (value)); l != NULL; l = l->next)
        g_ptr_array_add (files, l->data);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    g_ptr_array_add (files, g_value_get_object (value));

  if (files->len == 0)
    return FALSE;

  casebook_window_open (self, (GFile **) files->pdata, (int) files->len);
  return TRUE;
}

/* Dropping cases from another store ----------------------------------- */

/**
 * _casebook_window_receive_cases:
 * @collection_id: the plain collection the cases were dropped on, or 0
 * @json: the cases' interchange JSON (%CASEBOOK_CASES_MIME_TYPE), as
 *   another window or another Casebook wrote them
 *
 * What a drop of cases from another store does. Cases this store already
 * has, all of them, go straight into the collection; otherwise the import
 * preview shows what they are, and once imported they all go into the
 * collection. Data that is no collection gets the import's message.
 */
void
_casebook_window_receive_cases (CasebookWindow *self,
                                gint64          collection_id,
                                GBytes         *json)
{
  g_autoptr(CasebookDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GPtrArray *cases;
  gboolean all_present = TRUE;
  gsize length = 0;
  const char *data;

  g_return_if_fail (CASEBOOK_IS_WINDOW (self));
  g_return_if_fail (json != NULL);

  if (self->store == NULL)
    return;

  data = g_bytes_get_data (json, &length);
  /* Translators: names the data of a drop in messages about it, as a file's name would be */
  doc = casebook_json_read_document (data != NULL ? data : "", length, _("the dropped cases"), &error);
  if (doc == NULL)
    {
      _casebook_window_show_error (self, _("These Cases Cannot Be Imported"), error->message);
      return;
    }

  cases = casebook_document_get_cases (doc);
  if (cases->len == 0)
    {
      toast (self, _("The dropped data holds no cases"));
      return;
    }

  for (guint i = 0; i < cases->len; i++)
    {
      const char *id = casebook_case_get_id (g_ptr_array_index (cases, i));

      all_present &= casebook_store_has_case (self->store, id);
      g_ptr_array_add (ids, (gpointer) id);
    }
  g_ptr_array_add (ids, NULL);

  if (!all_present)
    _casebook_window_preview_dropped (self, doc, collection_id);
  else if (collection_id != 0)
    _casebook_window_add_to_collection (self, collection_id, (const char * const *) ids->pdata);
  else
    toast (self, g_dngettext (GETTEXT_PACKAGE, "Already in your library", "All already in your library",
                              cases->len));
}

/* Dropped on the list, the cases go into the plain collection it shows. */
static gboolean
on_cases_drop (GtkDropTarget  *target,
               const GValue   *value,
               double          x,
               double          y,
               CasebookWindow *self)
{
  CasebookCollection *collection;
  GBytes *json;
  gint64 id;

  if (!G_VALUE_HOLDS (value, CASEBOOK_TYPE_CASES_JSON) || self->store == NULL)
    return FALSE;
  json = g_value_get_boxed (value);
  if (json == NULL)
    return FALSE;

  id = casebook_collection_list_get_selected (self->collection_list);
  collection = casebook_collection_list_get_collection (self->collection_list, id);
  if (collection == NULL || casebook_collection_is_smart (collection))
    id = 0;

  _casebook_window_receive_cases (self, id, json);
  return TRUE;
}

static gboolean
on_cases_accept (GtkDropTarget  *target,
                 GdkDrop        *drop,
                 CasebookWindow *self)
{
  return casebook_case_drag_accept_json (drop, self->store);
}

/* Copying ---------------------------------------------------------------- */

static const char *
sector_name (CasebookWindow *self,
             CasebookCase   *c)
{
  if (self->catalog == NULL)
    return NULL;

  return casebook_catalog_sector_name (self->catalog, casebook_case_get_sector (c), self->lang);
}

static void
copy_text (CasebookWindow *self,
           const char     *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  /* Translators: a toast after something was copied to the clipboard */
  _casebook_window_add_status (self, _("Copied"));
}

static void
copy_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  g_autofree char *text = NULL;

  if (self->current == NULL)
    return;

  if (g_str_equal (action_name, "win.copy-case-markdown"))
    text = casebook_case_format_markdown (self->current, sector_name (self, self->current), self->lang);
  else if (g_str_equal (action_name, "win.copy-case-link"))
    text = casebook_case_link_for_id (casebook_case_get_id (self->current));
  else
    text = casebook_case_format_text (self->current, sector_name (self, self->current), self->lang);

  copy_text (self, text);
}

static gboolean
copy_chart (CasebookWindow    *self,
            CasebookChartView *chart)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gboolean coverage;

  /* A chart to copy has been shown, so the view has been made. */
  if (self->compare_view == NULL)
    return FALSE;
  if (chart == _casebook_compare_view_get_chart (self->compare_view))
    coverage = FALSE;
  else if (chart == _casebook_compare_view_get_coverage_chart (self->compare_view))
    coverage = TRUE;
  else
    return FALSE;

  texture = _casebook_compare_view_render_chart (self->compare_view, coverage, CHART_COPY_SCALE, &error);
  if (texture == NULL)
    {
      toast (self, error->message);
      return TRUE;
    }

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  _casebook_window_add_status (self, _("Copied"));
  return TRUE;
}

/**
 * _casebook_window_copy:
 *
 * What Ctrl+C does when the focus is not on text that copies itself: a
 * focused chart is copied as an image, and on the Cases page the case on
 * show as a text summary.
 *
 * Returns: %TRUE if something was copied (or a message said why not);
 *   %FALSE to let the key go on to the focused widget
 */
gboolean
_casebook_window_copy (CasebookWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *chart;

  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), FALSE);

  if (focus != NULL)
    {
      int start, end;

      /* An entry, a text view or a label with text selected copies that. */
      if (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus))
        return FALSE;
      if (GTK_IS_LABEL (focus) && gtk_label_get_selection_bounds (GTK_LABEL (focus), &start, &end))
        return FALSE;

      chart = gtk_widget_get_ancestor (focus, CASEBOOK_TYPE_CHART_VIEW);
      if (chart != NULL && self->store != NULL)
        return copy_chart (self, CASEBOOK_CHART_VIEW (chart));
    }

  if (self->current == NULL ||
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "cases") != 0)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.copy-case", NULL);
  return TRUE;
}

static gboolean
on_copy_shortcut (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  return _casebook_window_copy (CASEBOOK_WINDOW (widget));
}

/* ------------------------------------------------------------------------ */

void
_casebook_window_class_desktop_init (CasebookWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.copy-case", NULL, copy_case_action);
  gtk_widget_class_install_action (widget_class, "win.copy-case-markdown", NULL, copy_case_action);
  gtk_widget_class_install_action (widget_class, "win.copy-case-link", NULL, copy_case_action);
}

void
_casebook_window_desktop_init (CasebookWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_drop_target_set_gtypes (drop, (GType[]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  /* The overlay shows the highlight (style.css) while files are over it. */
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (drop));
  gtk_widget_add_css_class (GTK_WIDGET (self->toast_overlay), "drop-target");

  /* Cases dragged from another window or another Casebook; a drag within
   * this store only moves cases in a collection, on the list's rows. */
  drop = gtk_drop_target_new (CASEBOOK_TYPE_CASES_JSON, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "accept", G_CALLBACK (on_cases_accept), self, 0);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_cases_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (drop));

  /* Ahead of the focused widget, so that a case is copied from the list
   * as well; _casebook_window_copy() lets the key through to text. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (on_copy_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

void
_casebook_window_desktop_dispose (CasebookWindow *self)
{
  g_clear_pointer (&self->pending_link, g_free);
  if (self->pending_imports != NULL)
    {
      g_queue_free_full (self->pending_imports, g_object_unref);
      self->pending_imports = NULL;
    }
}
