/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-case-drag-content.h"
#include "casebook-case-list.h"
#include "casebook-case-page.h"
#include "casebook-catalog.h"
#include "casebook-collection-list.h"
#include "casebook-compare-view.h"
#include "casebook-filter-pane.h"
#include "casebook-insights-view.h"
#include "casebook-report-job.h"
#include "casebook-view-title.h"
#include "casebook-window.h"

G_BEGIN_DECLS

/*
 * The window is one type written in five files, which share its struct
 * and the functions below. Each file calls only those listed below it:
 *
 *   casebook-window.c            the type, template, construction, moving
 *                                between the list, the case and the views,
 *                                and what the window keeps in its settings
 *   casebook-window-actions.c    the win.* actions and their key bindings
 *   casebook-window-io.c         import, export, printing and PDF
 *   casebook-window-edit.c       the case editor, saving, and asking before
 *                                deleting
 *   casebook-window-delete.c     deleting on a worker thread, and its undo
 *   casebook-window-integrity.c  the background check of the store, and
 *                                the banner that offers to start over
 *   casebook-window-collections.c  the chosen collection, adding, removing
 *                                and moving cases, the case list's drags
 *                                and menus, and keeping a multiple
 *                                selection through a refresh
 *   casebook-window-targets.c    the cases an action applies to, the
 *                                selected ones found on a worker thread
 *   casebook-window-subscriptions.c  subscribing, refreshing and
 *                                unsubscribing, and the name of the
 *                                subscription each case comes from
 *   casebook-window-selection.c  the case on show, its row in the list,
 *                                the actions that apply to it, and the
 *                                helpers the files above share
 */
struct _CasebookWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkBox               *content_box;
  AdwHeaderBar         *header_bar;
  GtkButton            *back_button;
  GtkToggleButton      *filters_button;
  CasebookViewTitle    *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  guint                 switcher_bar_idle;
  guint                 leaflet_idle;
  GtkMenuButton        *sort_button;
  GMenuModel           *sort_menu;
  GtkMenuButton        *primary_menu_button;
  GMenuModel           *primary_menu;
  GtkButton            *new_case_button;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  AdwViewStack         *view_stack;
  GtkStack             *main_stack;
  AdwFlap              *flap;
  CasebookFilterPane   *filter_pane;
  CasebookCollectionList *collection_list;
  AdwLeaflet           *leaflet;
  GtkLabel             *count_label;
  GtkSpinner           *spinner;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  /* The list's "empty" page and the view's "error" page, each made when
   * first shown (_casebook_window_ensure_empty_page, _ensure_error_page). */
  AdwStatusPage        *empty_page;
  GtkStack             *detail_stack;
  /* The detail pane's "none" page, made after the first frame or when
   * first shown (_casebook_window_show_none_page). */
  AdwStatusPage        *none_page;
  guint                 none_page_idle;
  CasebookCasePage     *case_page;
  /* Compare and Insights, each made when its page is first shown. */
  AdwBin               *compare_bin;
  AdwBin               *insights_bin;
  CasebookCompareView  *compare_view;
  CasebookInsightsView *insights_view;
  AdwStatusPage        *error_page;
  GtkRevealer          *damage_banner;
  GtkLabel             *damage_label;
  GtkButton            *damage_button;

  /* Construct properties: the settings may be %NULL when the schema is
   * not installed, as when running from a build directory. */
  GSettings            *settings;
  CasebookLang          lang;

  CasebookStore        *store;
  CasebookCatalog      *catalog;
  CasebookFilter       *filter;
  CasebookCaseList     *cases;
  GtkSelectionModel    *selection;
  CasebookCase         *current;
  CasebookSort          sort;
  gboolean              restoring_selection;

  /* The case editor while it is open, and the cases deleted while their
   * Undo toast is up, by the number of the deletion. */
  GtkWindow            *editor;
  GHashTable           *deleted;
  guint                 n_deletions;
  /* Deletions and their Undos running on a worker thread
   * (casebook-window-delete.c). */
  guint                 n_deleting;
  /* The last status message, which the next one replaces
   * (casebook-window-status.c). */
  AdwToast             *status_toast;

  /* The import being written, if any (casebook-window-io.c). */
  gpointer              import_flow;
  /* Collections: what Undo toasts put back, by token; the cases selected
   * before a refresh of the list, to select again after it. */
  GHashTable           *collection_undo;
  guint                 n_collection_undos;
  GPtrArray            *selected_ids;
  gboolean              all_selected;
  gboolean              refocus_after_refresh;
  GtkWidget            *case_menu;
  /* The selections being turned into ids (casebook-window-targets.c). */
  GPtrArray            *target_reads;

  /* Asking the case list for its next rows after each frame. */
  GdkFrameClock        *show_more_clock;
  gulong                show_more_id;
  gulong                fill_rows_id;
  gulong                first_paint_id;
  gboolean              painted;
  gboolean              facets_waiting;
  gboolean              refresh_waiting;
  guint                 n_busy;
  guint                 spinner_delay_id;

  /* The integrity check that runs a while after the window is up. */
  GCancellable         *integrity_cancellable;
  guint                 integrity_timeout;

  /* Files handed to the window (opened or dropped) that wait for the
   * preview of the one before them to be answered. */
  GQueue               *pending_imports;
  gboolean              importing;
  /* A link that came while the list was still loading. */
  char                 *pending_link;

  /* Subscribing and refreshing (casebook-window-subscriptions.c). */
  gpointer              subscriptions;
};

/* casebook-window.c */
CasebookCasePage     *_casebook_window_ensure_case_page     (CasebookWindow *self);
CasebookCompareView  *_casebook_window_ensure_compare_view  (CasebookWindow *self);
CasebookInsightsView *_casebook_window_ensure_insights_view (CasebookWindow *self);
AdwStatusPage        *_casebook_window_ensure_empty_page    (CasebookWindow *self);
AdwStatusPage        *_casebook_window_ensure_error_page    (CasebookWindow *self);
void                  _casebook_window_show_none_page       (CasebookWindow *self);

/* casebook-window-selection.c */
void _casebook_window_show_case             (CasebookWindow      *self,
                                             CasebookCase        *c);
void _casebook_window_reveal_case           (CasebookWindow      *self,
                                             const char          *id);
void _casebook_window_select_position       (CasebookWindow      *self,
                                             gint64               position);
void _casebook_window_update_case_actions   (CasebookWindow      *self);
void _casebook_window_clear_search          (CasebookWindow      *self);
void _casebook_window_show_error            (CasebookWindow      *self,
                                             const char          *heading,
                                             const char          *body);

/* casebook-window-status.c */
void _casebook_window_add_status            (CasebookWindow      *self,
                                             const char          *text);
void _casebook_window_add_status_markup     (CasebookWindow      *self,
                                             const char          *markup);
void _casebook_window_dismiss_status        (CasebookWindow      *self);
void _casebook_window_dispose_status        (CasebookWindow      *self);

/* casebook-window-integrity.c */
void _casebook_window_watch_integrity       (CasebookWindow      *self);
void _casebook_window_stop_integrity        (CasebookWindow      *self);
void _casebook_window_ask_start_over        (CasebookWindow      *self);

/* casebook-window-collections.c */
void   _casebook_window_class_collections_init    (CasebookWindowClass *klass);
void   _casebook_window_setup_collections         (CasebookWindow      *self);
void   _casebook_window_dispose_collections       (CasebookWindow      *self);
void   _casebook_window_setup_case_row            (CasebookWindow      *self,
                                                   GtkListItem         *item);
void   _casebook_window_update_collection_actions (CasebookWindow      *self);
void   _casebook_window_remember_selection        (CasebookWindow      *self);
void   _casebook_window_restore_selection         (CasebookWindow      *self);
char **_casebook_window_get_target_ids            (CasebookWindow      *self);
void   _casebook_window_add_to_collection         (CasebookWindow      *self,
                                                   gint64               collection_id,
                                                   const char * const  *ids);
gboolean _casebook_window_shows_collection_order  (CasebookWindow      *self);

/* casebook-window-targets.c */
typedef void (*CasebookTargetsFunc) (CasebookWindow *self,
                                     char          **ids,
                                     gpointer        data);
guint    _casebook_window_n_selected            (CasebookWindow      *self);
gboolean _casebook_window_all_selected          (CasebookWindow      *self,
                                                 CasebookFilter     **filter,
                                                 CasebookSort        *sort,
                                                 CasebookLang        *lang);
void     _casebook_window_with_target_ids       (CasebookWindow      *self,
                                                 CasebookTargetsFunc  func,
                                                 gpointer             data,
                                                 GDestroyNotify       data_free);
void     _casebook_window_stop_target_reads     (CasebookWindow      *self);
void     _casebook_window_update_spinner        (CasebookWindow      *self);
gboolean _casebook_window_is_busy               (CasebookWindow      *self);
void     _casebook_window_hold_busy             (CasebookWindow      *self,
                                                 gboolean             busy);

/* casebook-window-actions.c */
void _casebook_window_class_actions_init    (CasebookWindowClass *klass);

/* casebook-window-io.c */
void _casebook_window_choose_import         (CasebookWindow      *self);
void _casebook_window_ask_export            (CasebookWindow      *self);
void _casebook_window_stop_import           (CasebookWindow      *self);
CasebookReportJob *_casebook_window_new_report_job (CasebookWindow *self,
                                                   gboolean        collection);
void _casebook_window_preview_dropped       (CasebookWindow      *self,
                                             CasebookDocument    *doc,
                                             gint64               collection_id);
void _casebook_window_print                 (CasebookWindow      *self,
                                             gboolean             collection);
void _casebook_window_save_pdf              (CasebookWindow      *self,
                                             gboolean             collection);

/* casebook-window-desktop.c */
void _casebook_window_class_desktop_init    (CasebookWindowClass *klass);
void _casebook_window_desktop_init          (CasebookWindow      *self);
void _casebook_window_desktop_dispose       (CasebookWindow      *self);
void _casebook_window_import_done           (CasebookWindow      *self);
void _casebook_window_receive_cases         (CasebookWindow      *self,
                                             gint64               collection_id,
                                             GBytes              *json);
/* casebook-window-brief.c */
void _casebook_window_class_brief_init      (CasebookWindowClass *klass);
void _casebook_window_save_brief            (CasebookWindow      *self,
                                             gint64               id,
                                             GFile               *file);

/* casebook-window-edit.c */
void _casebook_window_new_case              (CasebookWindow      *self);
void _casebook_window_edit_case             (CasebookWindow      *self);
void _casebook_window_duplicate_case        (CasebookWindow      *self);
void _casebook_window_delete_case           (CasebookWindow      *self);

/* casebook-window-delete.c */
void _casebook_window_delete_ids            (CasebookWindow      *self,
                                             GPtrArray           *ids,
                                             gboolean             with_notes,
                                             const char          *title);
void _casebook_window_undo_delete           (CasebookWindow      *self,
                                             guint                token);
void _casebook_window_deletion_free         (gpointer             data);

/* casebook-window-subscriptions.c; the Preferences call these too. */
void        _casebook_window_class_subscriptions_init (CasebookWindowClass *klass);
void        _casebook_window_setup_subscriptions      (CasebookWindow      *self);
void        _casebook_window_dispose_subscriptions    (CasebookWindow      *self);
const char *_casebook_window_get_source_name          (CasebookWindow      *self,
                                                       const char          *id);
void        _casebook_window_subscribe                (CasebookWindow      *self,
                                                       GtkWindow           *parent,
                                                       const char          *url);
void        _casebook_window_refresh_subscriptions    (CasebookWindow      *self,
                                                       const char          *url,
                                                       gboolean             manual);
gboolean    _casebook_window_is_refreshing            (CasebookWindow      *self,
                                                       const char          *url);
void        _casebook_window_unsubscribe              (CasebookWindow      *self,
                                                       GtkWindow           *parent,
                                                       const char          *url);
CasebookStore *_casebook_window_get_store             (CasebookWindow      *self);

/* For the tests only: the application itself does not call these. */
void            _casebook_window_export_file      (CasebookWindow      *self,
                                                   GFile               *file,
                                                   CasebookExportScope  scope);
double          _casebook_window_get_import_progress (CasebookWindow *self);
void            _casebook_window_cancel_import    (CasebookWindow      *self);
double          _casebook_window_get_export_progress (CasebookWindow *self);
void            _casebook_window_cancel_export    (CasebookWindow      *self);
GListModel     *_casebook_window_get_cases        (CasebookWindow      *self);
CasebookCollectionList *_casebook_window_get_collection_list (CasebookWindow *self);
CasebookCase   *_casebook_window_get_current_case (CasebookWindow      *self);
GtkWindow      *_casebook_window_get_editor       (CasebookWindow      *self);
CasebookFilter *_casebook_window_get_filter       (CasebookWindow      *self);
CasebookLang    _casebook_window_get_lang         (CasebookWindow      *self);
void            _casebook_window_import_file      (CasebookWindow      *self,
                                                   GFile               *file);
gboolean        _casebook_window_copy             (CasebookWindow      *self);
GdkContentProvider *_casebook_window_drag_selection (CasebookWindow    *self);

/* casebook-window-drop.c */
gboolean _casebook_window_drop_next_to         (CasebookWindow          *self,
                                                gint64                   collection_id,
                                                const char              *target_id,
                                                gboolean                 after,
                                                const char * const      *ids);
void     _casebook_window_drop_dragged_next_to (CasebookWindow          *self,
                                                CasebookCaseDragContent *content,
                                                gint64                   collection_id,
                                                const char              *target_id,
                                                gboolean                 after);

GdkContentProvider *_casebook_window_drag_content (CasebookWindow      *self,
                                                   const char * const  *ids);
void            _casebook_window_open_link        (CasebookWindow      *self,
                                                   const char          *uri);
void            _casebook_window_select_case      (CasebookWindow      *self,
                                                   const char          *id);
void            _casebook_window_set_lang         (CasebookWindow      *self,
                                                   CasebookLang         lang);

G_END_DECLS
