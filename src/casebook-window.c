/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "casebook-case-row.h"
#include "casebook-case-selection.h"
#include "casebook-escape.h"
#include "casebook-search-snippet.h"
#include "casebook-tooltip.h"
#include "casebook-window-private.h"

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
G_DEFINE_FINAL_TYPE (CasebookWindow, casebook_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_LANG,
  PROP_SORT_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const sort_nicks[CASEBOOK_N_SORTS] = { "title", "sector", "period", "size" };

/* The sectors, metric families and ranges, read again when the store
 * changes; a failed read keeps the ones read before. */
static void
load_catalog (CasebookWindow *self)
{
  g_autoptr(CasebookCatalog) catalog = casebook_store_get_catalog (self->store, NULL);

  if (catalog == NULL)
    return;

  g_set_object (&self->catalog, catalog);
  casebook_filter_pane_set_catalog (self->filter_pane, catalog);
}

static void
update_status (CasebookWindow *self)
{
  g_autofree char *text = NULL;
  guint n = casebook_case_list_get_n_rows (self->cases);
  const char *typed = casebook_filter_get_query (self->filter);
  /* A pasted query can be of any length; the status shows its start. */
  g_autofree char *query = typed != NULL ? casebook_quote_value (typed) : NULL;
  gboolean searching = casebook_case_list_is_searching (self->cases);
  gboolean filtered = casebook_filter_has_facets (self->filter);
  gboolean own_order;
  const char *tooltip;

  if (searching && n == 0)
    /* Translators: a search that found nothing, with the query */
    text = g_strdup_printf (_("No results for “%s”"), query);
  else if (searching && casebook_case_list_get_n_matches (self->cases) > n)
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
  casebook_view_title_set_subtitle (self->switcher_title, text);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    {
      g_autofree char *description = NULL;
      /* An empty collection is no failed search: nothing to clear. */
      gboolean empty_collection = query == NULL && !filtered && casebook_filter_get_collection (self->filter) != 0;

      _casebook_window_ensure_empty_page (self);
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      adw_status_page_set_title (self->empty_page,
                                 empty_collection ? _("No Cases in This Collection") : _("No Matching Cases"));
      adw_status_page_set_icon_name (self->empty_page, empty_collection ? "folder-symbolic" : "edit-find-symbolic");
      gtk_widget_set_visible (adw_status_page_get_child (self->empty_page), !empty_collection);

      /* The status page's description is markup. */
      if (query != NULL && filtered)
        description = g_markup_printf_escaped (_("No case matches “%s” with the chosen filters."), query);
      else if (query != NULL)
        description = g_markup_printf_escaped (_("No case matches “%s”. Try fewer or other words."), query);
      else if (filtered)
        description = g_strdup (_("No case has every chosen filter. Choose fewer filters."));
      else if (casebook_filter_get_collection (self->filter) != 0)
        description = g_strdup (_("Add cases from the menu of a case in All Cases, or drag them onto "
                                  "the collection."));
      else
        description = g_strdup (_("The store holds no cases yet. Import a collection to begin."));

      adw_status_page_set_description (self->empty_page, description);
    }

  /* Search results are ranked by relevance; the order applies otherwise. */
  /* ... and a plain collection keeps the order given it. */
  own_order = _casebook_window_shows_collection_order (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sort_button), !searching && !own_order);
  tooltip = searching ? _("Search results are sorted by relevance")
            : own_order ? _("A collection keeps the order you give it") : _("Sort Cases");
  /* This runs with every refresh of the list; setting the text it has
   * costs nothing. */
  casebook_tooltip_set_text (GTK_WIDGET (self->sort_button), tooltip);

}

/* Clearing depends on the filter alone, so it is offered as soon as the
 * filter changes, not once the list has caught up with it: the Compare
 * page can show a narrowed chart before the case list has refreshed. */
static void
update_clear_actions (CasebookWindow *self)
{
  gboolean filtered = casebook_filter_has_facets (self->filter);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filters", filtered);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-all",
                                 filtered || casebook_filter_get_query (self->filter) != NULL);
}

/* Below this, the list and a case no longer fit side by side: the list
 * pane's and the case pane's width requests in casebook-window.ui. */
#define NARROW_WIDTH (320 + 340)

/* How many rows of the case list come in each frame: as many as a tall
 * window shows, so that the first frame has all its rows, and few enough
 * to make in well under a frame's time. */
#define ROWS_PER_FRAME 24
/* GTK 4.8's GtkListView makes a row for each of up to 200 items around
 * the one it shows first; the items past those cost it nothing. */
#define ROWS_MADE_AT_ONCE 216
/* The height the first step of the list's rows guesses for each (a
 * title of two lines, the sector and the headline, at the usual text
 * size; rows with a shorter title bring more rows in the same frame, see
 * on_rows_laid_out()), and what is above the rows in a window without
 * their height yet: the header bar and the count of cases. */
#define ROW_HEIGHT_GUESS 88
#define ABOVE_ROWS 92

/* How long the window's work goes on before the spinner says so. */
#define SPINNER_DELAY_MS 400

/* The header fits a 360 px phone: when the list and the case fold into
 * one pane, New Case steps back into the main menu, which holds it too,
 * and leaves the title room. (Sorting sits above the list itself.) */
static void
update_header (CasebookWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);
  gboolean cases = g_strcmp0 (view, "cases") == 0;
  gboolean insights = g_strcmp0 (view, "insights") == 0;
  int width = 0, height = 0;
  gboolean narrow;

  /* The leaflet folds only once it is allocated; a window that opens
   * narrow must leave the room before then, or its header does not fit
   * the first frame. Its default width follows every resize. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  narrow = adw_leaflet_get_folded (self->leaflet) || (width > 0 && width < NARROW_WIDTH);

  gtk_widget_set_visible (GTK_WIDGET (self->new_case_button), !narrow);
  /* A case shown alone has Back instead: filters act on the list. */
  gtk_widget_set_visible (GTK_WIDGET (self->filters_button),
                          cases && !(adw_leaflet_get_folded (self->leaflet) &&
                                     g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") == 0));
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), !insights);
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
on_selection_changed (CasebookWindow    *self,
                      guint              position,
                      guint              n_items,
                      GtkSelectionModel *model)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(CasebookCaseSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCase) c = NULL;

  /* While a refresh replaces the rows, the selection is lost for a
   * moment; the refreshed handler puts it back where the cases went. */
  if (self->restoring_selection)
    return;

  _casebook_window_remember_selection (self);
  _casebook_window_update_case_actions (self);

  /* One case selected shows on the page; with several, the page keeps
   * the one it shows, and collection actions apply to all of them. */
  selected = gtk_selection_model_get_selection (model);
  if (gtk_bitset_get_size (selected) != 1)
    return;

  summary = g_list_model_get_item (G_LIST_MODEL (model), gtk_bitset_get_nth (selected, 0));
  if (summary == NULL)
    return;

  if (self->current != NULL &&
      g_strcmp0 (casebook_case_get_id (self->current), casebook_case_summary_get_id (summary)) == 0)
    return;

  c = casebook_store_get_case (self->store, casebook_case_summary_get_id (summary), &error);
  if (c == NULL)
    {
      _casebook_window_add_status (self, error->message);
      return;
    }

  _casebook_window_show_case (self, c);
}

/* The facet counts come after the rows they count. */
static void
on_cases_facets_changed (CasebookWindow   *self,
                         CasebookCaseList *cases)
{
  GPtrArray *facets = casebook_case_list_get_facets (cases);

  /* Not in the first frame: it shows the rows as soon as they are in,
   * without waiting for the pane's rows to be made and measured too; the
   * counts follow in the next one. */
  if (gtk_widget_get_realized (GTK_WIDGET (self)) && !self->painted)
    {
      self->facets_waiting = TRUE;
      return;
    }

  /* A search that finds nothing counts no facet values at all: the pane
   * keeps the filters it showed, so that the person can still see and
   * change them rather than face an empty pane. */
  if (facets != NULL &&
      !(g_list_model_get_n_items (G_LIST_MODEL (cases)) == 0 && casebook_case_list_is_searching (cases)))
    casebook_filter_pane_update (self->filter_pane, facets);
}

/* Just after the first frame, on its own, not in the same turn of the
 * main loop as the facet counts that waited for that frame. */
static gboolean
show_none_page (gpointer data)
{
  CasebookWindow *self = data;

  self->none_page_idle = 0;
  if (self->current == NULL)
    _casebook_window_show_none_page (self);

  return G_SOURCE_REMOVE;
}

/* After the window's first frame: the facet counts are read, and those
 * that came before it go into the filter pane. */
static void
on_first_paint (CasebookWindow *self,
                GdkFrameClock  *clock)
{
  g_clear_signal_handler (&self->first_paint_id, clock);
  self->painted = TRUE;
  if (self->none_page == NULL && self->none_page_idle == 0)
    self->none_page_idle = g_idle_add (show_none_page, self);
  if (self->refresh_waiting && self->cases != NULL)
    {
      self->refresh_waiting = FALSE;
      casebook_case_list_refresh (self->cases);
    }
  if (self->facets_waiting && self->cases != NULL)
    {
      self->facets_waiting = FALSE;
      on_cases_facets_changed (self, self->cases);
    }
}

static void
on_realize_watch_first_paint (CasebookWindow *self)
{
  if (self->painted || self->first_paint_id != 0)
    return;
  self->first_paint_id = g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                                                  G_CALLBACK (on_first_paint), self, G_CONNECT_SWAPPED);
}

static void
on_cases_refreshed (CasebookWindow   *self,
                    gint64            position,
                    CasebookCaseList *cases)
{
  /* The selected case stays selected if it still matches. */
  if (self->current != NULL && position >= 0)
    _casebook_window_select_position (self, position);
  else if (self->current != NULL)
    {
      _casebook_window_select_position (self, -1);
      _casebook_window_show_case (self, NULL);
    }

  _casebook_window_restore_selection (self);
  update_status (self);
}

/* The first step of the list's rows is as many as its height has room
 * for if their titles take two lines, one more: GtkListView makes every
 * row its model holds, shown or not, and a window of the usual size
 * shows seven or eight, where GtkListView would make fourteen of the
 * first twenty-four. Shorter rows bring the rest of what the frame shows
 * before it is painted (on_rows_laid_out()). Until the list has a
 * height, the window's is used, or that of its monitor when it opens
 * maximized. */
static void
update_first_step (CasebookWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  double height = adjustment != NULL ? gtk_adjustment_get_page_size (adjustment) : 0;
  guint first = ROWS_PER_FRAME;

  if (self->cases == NULL)
    return;

  if (height <= 0)
    {
      g_autoptr(GdkMonitor) monitor = NULL;
      GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
      int window_width = 0;
      int window_height = 0;

      /* Both, or GTK 4.8 crashes. */
      gtk_window_get_default_size (GTK_WINDOW (self), &window_width, &window_height);
      if (self->settings != NULL && g_settings_get_boolean (self->settings, "window-maximized"))
        {
          GdkRectangle geometry = { 0 };

          monitor = g_list_model_get_item (monitors, 0);
          if (monitor != NULL)
            gdk_monitor_get_geometry (monitor, &geometry);
          window_height = geometry.height;
        }
      height = window_height - ABOVE_ROWS;
    }

  if (height > 0)
    first = CLAMP ((guint) (height / ROW_HEIGHT_GUESS) + 1, 1, ROWS_PER_FRAME);
  casebook_case_list_set_rows_per_step (self->cases, first, ROWS_PER_FRAME, ROWS_MADE_AT_ONCE);
}

/* The list's rows come a step a frame (casebook_case_list_set_rows_per_step()):
 * each frame painted while some are still to come asks for the next. */
static void
stop_showing_rows (CasebookWindow *self)
{
  /* The clock goes with the window's surface, taking the handler. */
  if (self->show_more_clock != NULL)
    {
      g_clear_signal_handler (&self->show_more_id, self->show_more_clock);
      g_clear_signal_handler (&self->fill_rows_id, self->show_more_clock);
    }
  self->show_more_id = 0;
  self->fill_rows_id = 0;
  g_clear_weak_pointer (&self->show_more_clock);
}

static void
on_rows_painted (CasebookWindow *self,
                 GdkFrameClock  *clock)
{
  if (!casebook_case_list_show_more (self->cases))
    stop_showing_rows (self);
}

/* After GTK has laid out a frame whose list is still told its rows a
 * step at a time: rows shorter than the first step guessed (titles of
 * one line, cases without a headline) would leave a gap under them in
 * this frame. The rows it lacks, one more, are told at once, and GDK
 * lays the frame out again before painting it, as it does while its
 * layout phase is asked for again. */
static void
on_rows_laid_out (CasebookWindow *self,
                  GdkFrameClock  *clock)
{
  GtkWidget *list = GTK_WIDGET (self->list_view);
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  double page = gtk_widget_get_height (list);
  double filled = 0;

  if (n_rows == 0 || page <= 0 || !gtk_widget_get_mapped (list))
    return;

  /* The list's adjustment reaches at least its height, rows or none:
   * where its rows end is the bottom of the lowest one. */
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_visible (row) && gtk_widget_compute_bounds (row, list, &bounds))
        filled = MAX (filled, bounds.origin.y + bounds.size.height);
    }
  if (filled <= 0 || filled >= page)
    return;

  casebook_case_list_show_rows (self->cases, (guint) ceil ((page - filled) / (filled / n_rows)) + 1);
}

static void
show_rows_frame_by_frame (CasebookWindow *self)
{
  GdkFrameClock *clock;

  if (self->show_more_clock != NULL || self->cases == NULL || !casebook_case_list_is_loading (self->cases))
    return;

  /* Before the window is realized, the first frame starts it. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view));
  if (clock == NULL)
    return;

  g_set_weak_pointer (&self->show_more_clock, clock);
  self->show_more_id = g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_rows_painted), self,
                                                G_CONNECT_SWAPPED);
  /* After the surface's own handler, which allocates the window. */
  self->fill_rows_id = g_signal_connect_object (clock, "layout", G_CALLBACK (on_rows_laid_out), self,
                                                G_CONNECT_SWAPPED);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static gboolean
show_spinner (gpointer data)
{
  CasebookWindow *self = data;

  self->spinner_delay_id = 0;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);

  return G_SOURCE_REMOVE;
}

/**
 * _casebook_window_update_spinner:
 *
 * The spinner above the list turns while the list loads, until its facet
 * counts are in too, and while the window finds the cases an action on a
 * selection applies to (a worker may take a second or two at 100,000).
 *
 * It comes on only when the work has lasted SPINNER_DELAY_MS: most
 * changes of the list are over sooner, and a spinner that flashes on and
 * off at each of them says nothing. Nor does the first frame wait for it.
 */
void
_casebook_window_update_spinner (CasebookWindow *self)
{
  gboolean busy = self->n_busy > 0;

  /* Work that ends as the window closes. */
  if (self->spinner == NULL)
    return;

  if (self->cases != NULL)
    busy |= casebook_case_list_is_loading (self->cases) || casebook_case_list_is_counting (self->cases);

  if (!busy)
    {
      g_clear_handle_id (&self->spinner_delay_id, g_source_remove);
      gtk_spinner_set_spinning (self->spinner, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
    }
  else if (!gtk_widget_get_visible (GTK_WIDGET (self->spinner)) && self->spinner_delay_id == 0)
    {
      self->spinner_delay_id = g_timeout_add (SPINNER_DELAY_MS, show_spinner, self);
      g_source_set_name_by_id (self->spinner_delay_id, "[casebook] show the spinner");
    }
}

/**
 * _casebook_window_is_busy:
 *
 * Returns: whether the window is at some work the spinner stands for,
 *   shown yet or not
 */
gboolean
_casebook_window_is_busy (CasebookWindow *self)
{
  return self->spinner_delay_id != 0 || gtk_widget_get_visible (GTK_WIDGET (self->spinner));
}

/**
 * _casebook_window_hold_busy:
 * @busy: whether some work on a worker starts (%TRUE) or ends (%FALSE)
 *
 * Counts the window's work on workers that the person waits for, so that
 * the spinner says the window is at it.
 */
void
_casebook_window_hold_busy (CasebookWindow *self,
                            gboolean        busy)
{
  g_return_if_fail (busy || self->n_busy > 0);

  self->n_busy += busy ? 1 : -1;
  _casebook_window_update_spinner (self);
}

static void
on_loading_changed (CasebookWindow   *self,
                    GParamSpec       *pspec,
                    CasebookCaseList *cases)
{
  _casebook_window_update_spinner (self);
  show_rows_frame_by_frame (self);
}

static void
on_list_mapped (CasebookWindow *self,
                GtkWidget      *list_view)
{
  show_rows_frame_by_frame (self);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           CasebookWindow           *self)
{
  gtk_list_item_set_child (item, GTK_WIDGET (casebook_case_row_new ()));
  _casebook_window_setup_case_row (self, item);
}

/* While searching, a row says why its case matched. Only the rows a
 * person sees are bound, a screenful at a time, so each reads its one
 * case when it is bound and no more: nothing is worked out for the
 * thousands of results scrolled past or never reached. */
static void
bind_snippet (CasebookWindow      *self,
              CasebookCaseRow     *row,
              CasebookCaseSummary *summary)
{
  const char *query = casebook_filter_get_query (self->filter);
  g_autoptr(CasebookCase) c = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *plain = NULL;

  if (summary != NULL && query != NULL && self->store != NULL && casebook_case_list_is_searching (self->cases))
    c = casebook_store_get_case (self->store, casebook_case_summary_get_id (summary), NULL);
  if (c != NULL)
    markup = casebook_search_snippet (c, query, self->lang, &plain);

  casebook_case_row_set_snippet (row, markup, plain);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          CasebookWindow           *self)
{
  CasebookCaseSummary *summary = gtk_list_item_get_item (item);
  CasebookCaseRow *row = CASEBOOK_CASE_ROW (gtk_list_item_get_child (item));
  const CasebookSector *sector = NULL;

  if (summary != NULL && self->catalog != NULL)
    sector = casebook_catalog_get_sector (self->catalog, casebook_case_summary_get_sector (summary));

  casebook_case_row_bind (row, summary, sector, self->lang);
  bind_snippet (self, row, summary);
  casebook_case_row_set_source (row, summary != NULL
                                     ? _casebook_window_get_source_name (self, casebook_case_summary_get_id (summary))
                                     : NULL);
}

static void
on_list_activate (CasebookWindow *self,
                  guint           position,
                  GtkListView    *list_view)
{
  gtk_selection_model_select_item (self->selection, position, TRUE);
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
      gtk_selection_model_select_item (self->selection, 0, TRUE);
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

/* A tag on a case page shows the cases that have it, like a technology. */
static void
on_tag_activated (CasebookWindow   *self,
                  const char       *tag,
                  CasebookCasePage *page)
{
  casebook_filter_set (self->filter, CASEBOOK_FACET_TAG, tag, TRUE);
  adw_flap_set_reveal_flap (self->flap, TRUE);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_case_activated (CasebookWindow   *self,
                   const char       *id,
                   CasebookCasePage *page)
{
  _casebook_window_reveal_case (self, id);
}

/**
 * _casebook_window_ensure_case_page:
 *
 * The page that shows a case, made when the first case is shown: a
 * window that opens on its list has no page to build, measure and lay
 * out before its first frame.
 *
 * Returns: (transfer none): the case page
 */
CasebookCasePage *
_casebook_window_ensure_case_page (CasebookWindow *self)
{
  if (self->case_page != NULL)
    return self->case_page;

  self->case_page = casebook_case_page_new ();
  g_signal_connect_object (self->case_page, "technology-activated", G_CALLBACK (on_technology_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->case_page, "tag-activated", G_CALLBACK (on_tag_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->case_page, "case-activated", G_CALLBACK (on_case_activated), self,
                           G_CONNECT_SWAPPED);
  if (self->store != NULL)
    casebook_case_page_set_collection_menu (self->case_page,
                                            casebook_collection_list_get_add_menu (self->collection_list));
  gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->case_page), "case");

  return self->case_page;
}

static void
on_store_changed (CasebookWindow *self,
                  CasebookStore  *store)
{
  load_catalog (self);
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
  gboolean insights = g_strcmp0 (view, "insights") == 0;

  if (g_strcmp0 (view, "compare") == 0)
    _casebook_window_ensure_compare_view (self);
  else if (insights)
    _casebook_window_ensure_insights_view (self);

  update_header (self);
  if (insights)
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_search_bar_set_key_capture_widget (self->search_bar, insights ? NULL : GTK_WIDGET (self));
}

static gboolean
follow_leaflet (gpointer data)
{
  CasebookWindow *self = data;

  self->leaflet_idle = 0;
  update_back_button (self);
  update_header (self);
  /* Folded, the list is all there is: a tap on a case opens it, as on a
   * phone. Side by side, a click selects and the case shows beside. */
  gtk_list_view_set_single_click_activate (self->list_view, adw_leaflet_get_folded (self->leaflet));

  return G_SOURCE_REMOVE;
}

/* The leaflet folds and unfolds while it is being allocated: the header's
 * buttons, shown or hidden then, would change its size in the middle of
 * the window's layout and leave it without an allocation for that frame.
 * They follow the leaflet just before the next frame. */
static void
on_leaflet_changed (CasebookWindow *self,
                    GParamSpec     *pspec,
                    AdwLeaflet     *leaflet)
{
  if (self->leaflet_idle == 0)
    self->leaflet_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, follow_leaflet, self, NULL);
}

/* Window state */

static void
save_window_state (CasebookWindow *self)
{
  GSettings *settings = self->settings;
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

/* The tooltips of the window's own buttons are set here rather than in
 * its template, where each would cost GTK 4.8 two round trips to the
 * display before the first frame (see casebook-tooltip.c). */
static void
set_tooltips (CasebookWindow *self)
{
  casebook_tooltip_set_text (GTK_WIDGET (self->back_button), _("Back to the List"));
  casebook_tooltip_set_text (GTK_WIDGET (self->filters_button), _("Show Filters"));
  casebook_tooltip_set_text (GTK_WIDGET (self->new_case_button), _("New Case"));
  casebook_tooltip_set_text (GTK_WIDGET (self->primary_menu_button), _("Main Menu"));
  casebook_tooltip_set_text (GTK_WIDGET (self->search_button), _("Search"));
  casebook_tooltip_set_text (GTK_WIDGET (self->damage_button), _("Keep the damaged store aside and start a new one"));
  casebook_tooltip_set_text (GTK_WIDGET (self->spinner), _("Updating"));
  casebook_tooltip_set_text (GTK_WIDGET (self->sort_button), _("Sort Cases"));
}

/* The bar at the bottom that switches views when the header has no room
 * for the switcher. Its three buttons are fifty widgets, which a window
 * as wide as most never shows: it is made the first time the title takes
 * the switcher's place, and from then on shown as the title says. The
 * title says so while the header is being allocated; a bar made or shown
 * then would change the window's size in the middle of its layout, and
 * leave the header without an allocation for that frame. So the bar
 * follows the title just before the next frame, not at once. */
static gboolean
update_switcher_bar (gpointer data)
{
  CasebookWindow *self = data;
  gboolean wanted = casebook_view_title_get_title_visible (self->switcher_title);

  self->switcher_bar_idle = 0;
  if (self->switcher_bar == NULL && wanted)
    {
      self->switcher_bar = ADW_VIEW_SWITCHER_BAR (adw_view_switcher_bar_new ());
      adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
      gtk_box_append (self->content_box, GTK_WIDGET (self->switcher_bar));
    }
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_reveal (self->switcher_bar, wanted);

  return G_SOURCE_REMOVE;
}

static void
on_title_visible (CasebookWindow *self)
{
  if (self->switcher_bar_idle == 0)
    self->switcher_bar_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_switcher_bar, self, NULL);
}

/* A menu button's popover is made when it first opens: made from the
 * menu model with the window, it would build a row for every item
 * before the window's first frame. */
static void
make_menu_popover (GtkMenuButton *button,
                   gpointer       menu)
{
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/**
 * casebook_window_keep_before_close:
 * @self: a window about to close
 *
 * Keeps what closing the window would otherwise lose: its size and
 * view for the next start, and a note being written on the case page.
 *
 * Returns: %FALSE if the note could not be saved (the note says why)
 */
gboolean
casebook_window_keep_before_close (CasebookWindow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), FALSE);

  save_window_state (self);
  return self->case_page == NULL || casebook_case_page_commit_note (self->case_page);
}

static gboolean
casebook_window_close_request (GtkWindow *window)
{
  /* A note that cannot be saved (one over the length limit) keeps the
   * window open, with the note saying why, rather than being lost. */
  if (!casebook_window_keep_before_close (CASEBOOK_WINDOW (window)))
    return TRUE;

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
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_LANG:
      g_value_set_int (value, self->lang);
      break;

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
  GSettings *settings = self->settings;

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
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_LANG:
      _casebook_window_set_lang (self, g_value_get_int (value));
      break;

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

  stop_showing_rows (self);
  g_clear_handle_id (&self->switcher_bar_idle, g_source_remove);
  g_clear_handle_id (&self->none_page_idle, g_source_remove);
  g_clear_handle_id (&self->leaflet_idle, g_source_remove);
  g_clear_handle_id (&self->spinner_delay_id, g_source_remove);
  _casebook_window_stop_import (self);
  _casebook_window_stop_integrity (self);
  _casebook_window_desktop_dispose (self);
  _casebook_window_dispose_collections (self);
  _casebook_window_dispose_subscriptions (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_WINDOW);
  /* They went with the stack and the bins they were in. */
  self->case_page = NULL;
  self->compare_view = NULL;
  self->insights_view = NULL;
  self->empty_page = NULL;
  self->error_page = NULL;
  self->none_page = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->cases);
  g_clear_object (&self->filter);
  g_clear_object (&self->current);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->editor);
  _casebook_window_dispose_status (self);

  G_OBJECT_CLASS (casebook_window_parent_class)->dispose (object);
}

static void
casebook_window_finalize (GObject *object)
{
  CasebookWindow *self = (CasebookWindow *)object;

  g_clear_pointer (&self->deleted, g_hash_table_unref);
  g_clear_pointer (&self->collection_undo, g_hash_table_unref);
  g_clear_pointer (&self->selected_ids, g_ptr_array_unref);

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

  /**
   * CasebookWindow:settings:
   *
   * Where the window keeps its size, view, order and selected case
   * between runs, or %NULL to keep nothing.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CasebookWindow:lang:
   *
   * The #CasebookLang the cases are shown in. The application binds it to
   * its content language, so a change in Preferences shows at once.
   */
  properties[PROP_LANG] =
    g_param_spec_int ("lang", NULL, NULL,
                      CASEBOOK_LANG_ZH, CASEBOOK_LANG_EN, CASEBOOK_LANG_EN,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                      G_PARAM_STATIC_STRINGS);

  properties[PROP_SORT_ORDER] =
    g_param_spec_string ("sort-order", NULL, NULL, "title",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CASEBOOK_TYPE_CASE_ROW);
  g_type_ensure (CASEBOOK_TYPE_CASE_PAGE);
  g_type_ensure (CASEBOOK_TYPE_FILTER_PANE);
  g_type_ensure (CASEBOOK_TYPE_COLLECTION_LIST);
  g_type_ensure (CASEBOOK_TYPE_COMPARE_VIEW);
  g_type_ensure (CASEBOOK_TYPE_INSIGHTS_VIEW);
  g_type_ensure (CASEBOOK_TYPE_VIEW_TITLE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, filters_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, sort_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, sort_menu);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, new_case_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, filter_pane);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, collection_list);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, damage_banner);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, damage_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, damage_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, compare_bin);
  gtk_widget_class_bind_template_child (widget_class, CasebookWindow, insights_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, _casebook_window_ask_start_over);

  _casebook_window_class_actions_init (klass);
  _casebook_window_class_desktop_init (klass);
  _casebook_window_class_collections_init (klass);
  _casebook_window_class_subscriptions_init (klass);
}

static void
casebook_window_init (CasebookWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_tooltips (self);
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, make_menu_popover, self->primary_menu, NULL);
  gtk_menu_button_set_create_popup_func (self->sort_button, make_menu_popover, self->sort_menu, NULL);

  self->filter = casebook_filter_new ();
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (update_clear_actions), self,
                           G_CONNECT_SWAPPED);
  update_clear_actions (self);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (update_header), NULL);
  update_header (self);
  self->deleted = g_hash_table_new_full (NULL, NULL, NULL, _casebook_window_deletion_free);

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  /* The entry sits in a clamp, where the bar does not find it by itself;
   * without it, a key typed to the window only warns. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_object_set (self->search_entry, "search-delay", 150, NULL);
  _casebook_window_desktop_init (self);

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_leaflet_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child-name", G_CALLBACK (on_leaflet_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name", G_CALLBACK (on_view_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name", G_CALLBACK (_casebook_window_update_case_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->switcher_title, "notify::title-visible", G_CALLBACK (on_title_visible),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "realize", G_CALLBACK (on_realize_watch_first_paint), NULL);
}

static void
restore_window_state (CasebookWindow *self)
{
  GSettings *settings = self->settings;
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
  _casebook_window_show_error (self, _("The Case Store Was Damaged"), body);
}

static void
show_store (CasebookWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GSettings *settings = self->settings;

  /* Empty until casebook_case_list_refresh_first() below, so that the
   * list view makes its rows once, and the cases are counted once. */
  self->cases = casebook_case_list_new_empty (self->store, self->filter, self->sort, self->lang);
  update_first_step (self);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)), "notify::page-size",
                           G_CALLBACK (update_first_step), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "map", G_CALLBACK (on_list_mapped), self, G_CONNECT_SWAPPED);
  load_catalog (self);

  casebook_filter_pane_set_filter (self->filter_pane, self->filter);
  casebook_filter_pane_set_lang (self->filter_pane, self->lang);
  if (self->compare_view != NULL)
    casebook_compare_view_set_store (self->compare_view, self->store, self->filter, self->lang);
  if (self->insights_view != NULL)
    casebook_insights_view_set_store (self->insights_view, self->store, self->lang);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);

  /* Ctrl- and Shift-click select several cases, for collections. The
   * selection keeps positions only, so that selecting all of 100,000
   * cases, or all again after a refresh, reads none of them. */
  self->selection = GTK_SELECTION_MODEL (casebook_case_selection_new (G_LIST_MODEL (self->cases)));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, self->selection);

  /* Delete in the list deletes the selected cases. It is bound here and
   * not as an accelerator, which would take Delete from the search entry. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                            gtk_named_action_new ("win.delete-case")));
    gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
  }

  g_signal_connect_object (self->cases, "refreshed", G_CALLBACK (on_cases_refreshed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cases, "facets-changed", G_CALLBACK (on_cases_facets_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cases, "notify::loading", G_CALLBACK (on_loading_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cases, "notify::counting", G_CALLBACK (on_loading_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);
  _casebook_window_setup_collections (self);
  _casebook_window_setup_subscriptions (self);

  /* The first frame shows rows, counted and read here; the facet counts,
   * which grow with the store, are read on a worker after it, so that the
   * reading does not take a core from the window and the X server while
   * they make that frame. A search is left to the worker whole. */
  if (!self->painted && casebook_case_list_refresh_rows (self->cases))
    self->refresh_waiting = TRUE;
  else
    casebook_case_list_refresh_first (self->cases);

  /* Bring back the case that was selected last time. */
  if (settings != NULL)
    {
      g_autofree char *id = g_settings_get_string (settings, "selected-case");
      gint64 position = -1;

      if (id[0] != '\0')
        position = casebook_store_position (self->store, self->filter, self->sort, self->lang, id, NULL);
      if (position >= 0)
        {
          gtk_selection_model_select_item (self->selection, (guint) position, TRUE);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) position);
        }
    }

  update_status (self);
  update_back_button (self);
  on_loading_changed (self, NULL, self->cases);
  gtk_stack_set_visible_child_name (self->main_stack, "cases");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));

  if (casebook_store_get_moved_aside (self->store) != NULL)
    g_signal_connect (self, "map", G_CALLBACK (on_map_show_moved_aside), NULL);
  _casebook_window_watch_integrity (self);

  if (casebook_store_is_read_only (self->store))
    _casebook_window_add_status (self, _("The case store is read-only: you can read and search, but not change it"));
}

/**
 * casebook_window_new:
 * @app: the application
 * @settings: (nullable): where to keep the window's state, or %NULL
 * @lang: the language to show the cases in at first
 * @store: (nullable): the open store
 * @store_error: (nullable): why the store could not be opened
 *
 * The window asks nothing of @app beyond what every #GtkApplication has;
 * whoever changes the content language sets #CasebookWindow:lang.
 *
 * Returns: (transfer full): a new window
 */
CasebookWindow *
casebook_window_new (GtkApplication *app,
                     GSettings      *settings,
                     CasebookLang    lang,
                     CasebookStore  *store,
                     const GError   *store_error)
{
  CasebookWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (store == NULL || CASEBOOK_IS_STORE (store), NULL);

  self = g_object_new (CASEBOOK_TYPE_WINDOW,
                       "application", app,
                       "settings", settings,
                       "lang", lang,
                       NULL);

  restore_window_state (self);

  if (store != NULL)
    {
      self->store = g_object_ref (store);
      show_store (self);
    }
  else
    {
      /* The description is markup, and the message names the store's file. */
      g_autofree char *description = store_error != NULL ? g_markup_escape_text (store_error->message, -1) : NULL;

      _casebook_window_ensure_error_page (self);
      /* Set here, not in the template: GTK loads the icon of every image
       * in the window, shown or not, as the window starts. */
      adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
      adw_status_page_set_description (self->error_page, description);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->sort_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->filters_button), FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.subscribe", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh-subscriptions", FALSE);
      /* Without a store there is nothing to compare or read. */
      adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, GTK_WIDGET (self->compare_bin)),
                                       FALSE);
      adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, GTK_WIDGET (self->insights_bin)),
                                       FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-collection", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-pdf", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-collection-pdf", FALSE);
    }

  _casebook_window_update_case_actions (self);

  return self;
}

/**
 * _casebook_window_get_cases:
 *
 * Returns: (transfer none) (nullable): the list the window shows
 */
GListModel *
_casebook_window_get_cases (CasebookWindow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), NULL);
  return self->cases != NULL ? G_LIST_MODEL (self->cases) : NULL;
}

/**
 * _casebook_window_get_filter:
 *
 * Returns: (transfer none): the filter the list follows
 */
CasebookFilter *
_casebook_window_get_filter (CasebookWindow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), NULL);
  return self->filter;
}

/**
 * _casebook_window_get_current_case:
 *
 * Returns: (transfer none) (nullable): the case on the detail page
 */
CasebookCase *
_casebook_window_get_current_case (CasebookWindow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), NULL);
  return self->current;
}

/**
 * _casebook_window_get_lang:
 *
 * Returns: the language the cases are shown in
 */
CasebookLang
_casebook_window_get_lang (CasebookWindow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_WINDOW (self), CASEBOOK_LANG_EN);
  return self->lang;
}

/**
 * _casebook_window_set_lang:
 *
 * Shows every case text in @lang, at once, without a restart.
 */
void
_casebook_window_set_lang (CasebookWindow *self,
                           CasebookLang    lang)
{
  g_return_if_fail (CASEBOOK_IS_WINDOW (self));
  g_return_if_fail (lang == CASEBOOK_LANG_ZH || lang == CASEBOOK_LANG_EN);

  if (self->lang == lang)
    return;

  self->lang = lang;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANG]);

  if (self->cases == NULL)
    return;

  casebook_filter_pane_set_lang (self->filter_pane, lang);
  casebook_case_list_set_lang (self->cases, lang);
  if (self->compare_view != NULL)
    casebook_compare_view_set_lang (self->compare_view, lang);
  if (self->insights_view != NULL)
    casebook_insights_view_set_lang (self->insights_view, lang);
  if (self->case_page != NULL && self->current != NULL)
    casebook_case_page_set_case (self->case_page, self->store, self->current, lang);
}

/**
 * _casebook_window_select_case:
 *
 * Shows the case with @id, selecting it in the list when it is there.
 */
void
_casebook_window_select_case (CasebookWindow *self,
                              const char     *id)
{
  g_return_if_fail (CASEBOOK_IS_WINDOW (self));

  _casebook_window_reveal_case (self, id);
}
