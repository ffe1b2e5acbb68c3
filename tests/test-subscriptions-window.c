/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "casebook-application-private.h"
#include "casebook-case-list.h"
#include "casebook-case-row.h"
#include "casebook-facet-row-private.h"
#include "casebook-preferences-window.h"
#include "casebook-store-collections.h"
#include "casebook-store-subscriptions.h"
#include "casebook-subscribe-dialog.h"
#include "casebook-subscription-row.h"
#include "casebook-test-display.h"
#include "casebook-test-util.h"
#include "casebook-window-private.h"

/* Subscriptions in a real window: subscribing to a file:// collection
 * through the dialog, its preview and its clashes; the rows and the case
 * page marked with the subscription's name; the source facet; asking
 * before unsubscribing from cases a note refers to; and a refresh that
 * fails, which keeps the cases and says so. Every step is checked in the
 * store and in what the window shows. */

#define TEAM_NAME "Team Library"

typedef struct
{
  char                *dir;
  char                *file;
  char                *url;
  CasebookApplication *app;
  CasebookWindow      *window;
  CasebookStore       *store;
  GtkListView         *list_view;
  guint                expected;
  const char          *text;
} Fixture;

static void
collect_labels (GtkWidget  *widget,
                const char *css_class,
                GPtrArray  *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          (css_class == NULL || gtk_widget_has_css_class (child, css_class)))
        g_ptr_array_add (labels, g_strdup (gtk_label_get_label (GTK_LABEL (child))));
      collect_labels (child, css_class, labels);
    }
}

/* Whether a label on show in @widget holds @text. */
static gboolean
shows_text_in (GtkWidget  *widget,
               const char *css_class,
               const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  collect_labels (widget, css_class, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (g_ptr_array_index (labels, i), text) != NULL)
      return TRUE;

  return FALSE;
}

static gboolean
window_shows_text (gpointer data)
{
  Fixture *f = data;

  return shows_text_in (GTK_WIDGET (f->window), NULL, f->text);
}

/* The button on show that runs @action, as a toast's is. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0 &&
          gtk_widget_get_ancestor (child, ADW_TYPE_TOAST_OVERLAY) != NULL &&
          gtk_widget_get_ancestor (child, CASEBOOK_TYPE_CASE_PAGE) == NULL)
        return child;
      if ((found = find_action_button (child, action)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
list_settled (gpointer data)
{
  Fixture *f = data;
  GListModel *cases = _casebook_window_get_cases (f->window);

  return g_list_model_get_n_items (cases) == f->expected &&
         !casebook_case_list_is_loading (CASEBOOK_CASE_LIST (cases));
}

static char *
listed_ids (Fixture *f)
{
  GListModel *cases = _casebook_window_get_cases (f->window);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(CasebookCaseSummary) row = g_list_model_get_item (cases, i);

      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", casebook_case_summary_get_id (row));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static gboolean
has_dialog (gpointer heading)
{
  return casebook_test_find_message_dialog (heading) != NULL;
}

static CasebookSubscribeDialog *
find_subscribe_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (CASEBOOK_IS_SUBSCRIBE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return CASEBOOK_SUBSCRIBE_DIALOG (window);
    }

  return NULL;
}

static gboolean
has_subscribe_dialog (gpointer data)
{
  return find_subscribe_dialog () != NULL;
}

/* Answers @dialog as a click on @response would, and closes it. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  casebook_test_settle ();
}

/* A collection as someone would publish it: two cases of its own and,
 * when @clash, one with the id of a case of the report; a later edition,
 * with @extra_title, has a third case of its own. */
static void
write_collection (Fixture    *f,
                  gboolean    clash,
                  const char *extra_title)
{
  g_autofree char *a = casebook_test_minimal_case ("team-a", "");
  g_autofree char *b = casebook_test_minimal_case ("team-b", "");
  g_autofree char *c = casebook_test_minimal_case ("report-2.1", "");
  g_autofree char *d = casebook_test_minimal_case ("team-c", "");
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  json = g_strdup_printf ("{\"format\": \"casebook\", \"version\": 1, \"title\": {\"en\": \"%s%s\"},"
                          " \"publisher\": {\"en\": \"Architecture Office\"}, \"cases\": [%s, %s%s%s%s%s]}",
                          TEAM_NAME, extra_title != NULL ? extra_title : "", a, b,
                          clash ? ", " : "", clash ? c : "",
                          extra_title != NULL ? ", " : "", extra_title != NULL ? d : "");
  g_file_set_contents (f->file, json, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("io.github.casebook.Casebook.SubsTest%u", ++counter);
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  f->dir = casebook_test_tmpdir ();
  db = g_build_filename (f->dir, "store.db", NULL);
  f->file = g_build_filename (f->dir, "team.json", NULL);
  f->url = g_filename_to_uri (f->file, NULL, &error);
  g_assert_no_error (error);

  f->app = casebook_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), id);
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  _casebook_application_set_db_path (f->app, db);

  settings = _casebook_application_get_settings (f->app);
  g_settings_reset (settings, "selected-case");
  g_settings_reset (settings, "sort-order");
  g_settings_set_string (settings, "content-language", "en");

  f->store = g_object_ref (_casebook_application_get_store (f->app));
  f->window = _casebook_application_new_window (f->app, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  f->list_view = GTK_LIST_VIEW (casebook_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW));

  f->expected = 14;
  g_assert_true (casebook_test_wait_until (list_settled, f));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  casebook_test_settle ();
  g_clear_object (&f->store);
  g_clear_object (&f->app);
  casebook_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->file);
  g_free (f->url);
}

/* Subscribes as the store's own call does, for the tests whose subject
 * comes after subscribing. */
static void
subscribe_directly (Fixture *f)
{
  CasebookSubscriptionChanges changes = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_true (casebook_subscriptions_subscribe (f->store, f->url, NULL, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.added, ==, 2);
  casebook_subscription_changes_clear (&changes);

  f->expected = 16;
  g_assert_true (casebook_test_wait_until (list_settled, f));
}

static gboolean
dialog_gone (gpointer heading)
{
  return casebook_test_find_message_dialog (heading) == NULL;
}

/* The whole way a person goes: the menu's action, the address, the
 * fetch, the preview with the case that clashes, and the rows after. */
static void
test_subscribe_through_dialog (Fixture       *f,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookSubscription) sub = NULL;
  g_autoptr(CasebookCase) bundled_before = casebook_store_get_case (f->store, "report-2.1", NULL);
  g_autoptr(CasebookCase) bundled_after = NULL;
  CasebookSubscribeDialog *dialog;
  AdwMessageDialog *preview;
  g_autofree char *heading = g_strdup_printf ("Subscribe to “%s”?", TEAM_NAME);
  GtkWidget *page;

  write_collection (f, TRUE, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.subscribe", NULL));
  g_assert_true (casebook_test_wait_until (has_subscribe_dialog, NULL));
  dialog = find_subscribe_dialog ();

  /* An address that cannot be fetched cannot go on, and says why. */
  casebook_subscribe_dialog_set_url (dialog, "ftp://example.org/cases.json");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "continue"));
  g_assert_true (shows_text_in (GTK_WIDGET (dialog), "error", "“ftp”"));
  /* Plain http:// can, with the warning that it is not private. */
  casebook_subscribe_dialog_set_url (dialog, "http://example.org/cases.json");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "continue"));
  g_assert_true (shows_text_in (GTK_WIDGET (dialog), "warning", "not private"));

  casebook_subscribe_dialog_set_url (dialog, f->url);
  g_assert_false (shows_text_in (GTK_WIDGET (dialog), "warning", "not private"));
  respond (ADW_MESSAGE_DIALOG (dialog), "continue");

  /* The preview names the collection, counts its cases, and lists the
   * one left out with why. Nothing is written yet. */
  g_assert_true (casebook_test_wait_until (has_dialog, heading));
  preview = casebook_test_find_message_dialog (heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (preview), "Published by Architecture Office."));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (preview), "3 cases"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (preview), "1 case is left out"));
  g_assert_true (shows_text_in (GTK_WIDGET (preview), NULL, "A case from the report has its id"));
  g_assert_null (casebook_store_find_subscription (f->store, f->url, NULL));
  g_assert_cmpuint (casebook_store_get_n_cases (f->store), ==, 14);

  respond (preview, "subscribe");

  f->expected = 16;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  sub = casebook_store_find_subscription (f->store, f->url, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (casebook_subscription_get_n_cases (sub), ==, 2);
  g_assert_cmpstr (casebook_text_get (casebook_subscription_get_name (sub), CASEBOOK_LANG_EN), ==, TEAM_NAME);

  /* The report's case with the same id is the report's still. */
  bundled_after = casebook_store_get_case (f->store, "report-2.1", NULL);
  g_assert_cmpint (casebook_case_get_origin (bundled_after), ==, CASEBOOK_ORIGIN_BUNDLED);
  g_assert_cmpstr (casebook_text_get (casebook_case_get_title (bundled_after), CASEBOOK_LANG_EN), ==,
                   casebook_text_get (casebook_case_get_title (bundled_before), CASEBOOK_LANG_EN));

  /* The rows of the subscribed cases, and only those, carry its name. */
  f->text = "Subscribed to “" TEAM_NAME "”: 2 cases added";
  g_assert_true (casebook_test_wait_until (window_shows_text, f));
  _casebook_window_select_case (f->window, "team-a");
  casebook_test_settle ();
  {
    g_autoptr(GPtrArray) marks = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
    guint n_team = 0;

    collect_labels (GTK_WIDGET (f->list_view), "source-pill", marks);
    collect_labels (GTK_WIDGET (f->list_view), "heading", titles);
    for (guint i = 0; i < titles->len; i++)
      n_team += g_str_has_prefix (g_ptr_array_index (titles, i), "Test case team-");
    g_assert_cmpuint (n_team, >, 0);
    g_assert_cmpuint (marks->len, ==, n_team);
    for (guint i = 0; i < marks->len; i++)
      g_assert_cmpstr (g_ptr_array_index (marks, i), ==, TEAM_NAME);
  }

  /* So does the case page, and it is read-only there: Edit says so and
   * offers a copy. */
  page = GTK_WIDGET (f->window->case_page);
  g_assert_true (shows_text_in (page, "source-pill", TEAM_NAME));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-case", NULL));
  casebook_test_settle ();
  g_assert_null (_casebook_window_get_editor (f->window));
  f->text = "Cases from “" TEAM_NAME "” are read-only";
  g_assert_true (casebook_test_wait_until (window_shows_text, f));
  g_assert_nonnull (find_action_button (GTK_WIDGET (f->window), "win.duplicate-case"));

  /* The report's cases are not marked. */
  _casebook_window_select_case (f->window, "report-2.1");
  casebook_test_settle ();
  g_assert_false (shows_text_in (page, "source-pill", TEAM_NAME));
  g_assert_true (dialog_gone ((gpointer) heading));
}

/* An address that leads nowhere: a dialog names it and says why, and
 * the store is as it was. */
static void
test_subscribe_error (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autofree char *before = casebook_test_snapshot (f->store);
  g_autofree char *after = NULL;
  CasebookSubscribeDialog *dialog;
  AdwMessageDialog *error_dialog;

  _casebook_window_subscribe (f->window, NULL, f->url);
  g_assert_true (casebook_test_wait_until (has_subscribe_dialog, NULL));
  dialog = find_subscribe_dialog ();
  respond (ADW_MESSAGE_DIALOG (dialog), "continue");

  g_assert_true (casebook_test_wait_until (has_dialog, "Could Not Subscribe"));
  error_dialog = casebook_test_find_message_dialog ("Could Not Subscribe");
  /* The file was never written: its address is in the message. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (error_dialog), f->url));
  respond (error_dialog, "close");

  g_assert_null (casebook_store_find_subscription (f->store, f->url, NULL));
  after = casebook_test_snapshot (f->store);
  g_assert_cmpstr (after, ==, before);
}

static CasebookFacetRow *
find_facet_row (GtkWidget     *widget,
                CasebookFacet  facet,
                const char    *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CasebookFacetRow *found;

      if (CASEBOOK_IS_FACET_ROW (child) &&
          casebook_facet_row_get_facet (CASEBOOK_FACET_ROW (child)) == facet &&
          g_strcmp0 (casebook_facet_row_get_key (CASEBOOK_FACET_ROW (child)), key) == 0)
        return CASEBOOK_FACET_ROW (child);
      if ((found = find_facet_row (child, facet, key)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shows_source_row (gpointer data)
{
  Fixture *f = data;
  CasebookFacetRow *row = find_facet_row (GTK_WIDGET (f->window), CASEBOOK_FACET_SOURCE, f->url);

  return row != NULL && gtk_widget_get_mapped (GTK_WIDGET (row)) && _casebook_facet_row_get_count (row) == 2;
}

/* The filters gain a Source section once a subscription brings cases,
 * and choosing it lists its cases alone. */
static void
test_filter_by_source (Fixture       *f,
                       gconstpointer  user_data)
{
  CasebookFacetRow *row;
  g_autofree char *ids = NULL;

  /* Without a subscription, no Source section. */
  g_assert_false (shows_text_in (GTK_WIDGET (f->window->filter_pane), "heading", "Source"));

  write_collection (f, FALSE, NULL);
  subscribe_directly (f);

  adw_flap_set_reveal_flap (f->window->flap, TRUE);
  g_assert_true (casebook_test_wait_until (shows_source_row, f));
  g_assert_true (shows_text_in (GTK_WIDGET (f->window->filter_pane), "heading", "Source"));

  row = find_facet_row (GTK_WIDGET (f->window), CASEBOOK_FACET_SOURCE, f->url);
  casebook_facet_row_toggle (row);
  f->expected = 2;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  ids = listed_ids (f);
  /* By title: "Test case team-a", "Test case team-b". */
  g_assert_cmpstr (ids, ==, "team-a team-b");
  g_assert_true (casebook_filter_has (_casebook_window_get_filter (f->window), CASEBOOK_FACET_SOURCE, f->url));
}

/* A note on one of its cases makes Unsubscribe ask first, saying so;
 * Cancel changes nothing, Unsubscribe removes its cases and no other. */
static void
test_unsubscribe_asks (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = g_strdup_printf ("Unsubscribe from “%s”?", TEAM_NAME);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *note = NULL;
  AdwMessageDialog *dialog;

  before = listed_ids (f);
  write_collection (f, FALSE, NULL);
  subscribe_directly (f);
  g_assert_true (casebook_store_set_note (f->store, "team-b", "Ask the architects about this one", &error));
  g_assert_no_error (error);

  _casebook_window_unsubscribe (f->window, NULL, f->url);
  g_assert_true (casebook_test_wait_until (has_dialog, heading));
  dialog = casebook_test_find_message_dialog (heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 cases will be removed"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 note"));
  respond (dialog, "cancel");
  g_assert_nonnull (casebook_store_find_subscription (f->store, f->url, NULL));
  g_assert_cmpuint (casebook_store_get_n_cases (f->store), ==, 16);

  _casebook_window_unsubscribe (f->window, NULL, f->url);
  g_assert_true (casebook_test_wait_until (has_dialog, heading));
  respond (casebook_test_find_message_dialog (heading), "unsubscribe");

  f->expected = 14;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  after = listed_ids (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (casebook_store_find_subscription (f->store, f->url, NULL));
  g_assert_false (casebook_store_has_case (f->store, "team-a"));
  /* The person's note is theirs, and stays. */
  note = casebook_store_get_note (f->store, "team-b", NULL);
  g_assert_cmpstr (note, ==, "Ask the architects about this one");
  f->text = "Unsubscribed from “" TEAM_NAME "”: 2 cases removed";
  g_assert_true (casebook_test_wait_until (window_shows_text, f));
}

static gboolean
refresh_done (gpointer data)
{
  Fixture *f = data;

  return !_casebook_window_is_refreshing (f->window, NULL);
}

static gboolean
row_shows_failure (gpointer data)
{
  GtkWidget *prefs = data;

  return shows_text_in (prefs, "error", "The last refresh failed");
}

/* A collection that cannot be read any more: the refresh keeps the cases
 * and says that the copy from when it was fetched is kept, in a toast and
 * in Preferences. */
static void
test_failing_refresh_keeps_cases (Fixture       *f,
                                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookSubscription) sub = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CasebookPreferencesWindow *prefs;

  write_collection (f, FALSE, NULL);
  subscribe_directly (f);
  before = listed_ids (f);

  /* The shared folder now holds a web page where the collection was. */
  g_file_set_contents (f->file, "<html><body>Moved</body></html>", -1, &error);
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh-subscriptions", NULL));
  g_assert_true (casebook_test_wait_until (refresh_done, f));

  f->text = "could not be refreshed: the copy from";
  g_assert_true (casebook_test_wait_until (window_shows_text, f));
  after = listed_ids (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (casebook_store_get_n_cases (f->store), ==, 16);
  sub = casebook_store_find_subscription (f->store, f->url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (casebook_subscription_get_error (sub));
  g_assert_cmpuint (casebook_subscription_get_n_cases (sub), ==, 2);

  /* Preferences lists it with the failure and the date of the copy kept. */
  prefs = casebook_preferences_window_new (NULL);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (f->window));
  casebook_preferences_window_set_window (prefs, f->window);
  casebook_preferences_window_show_subscriptions (prefs);
  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (casebook_test_wait_until (row_shows_failure, prefs));
  g_assert_true (shows_text_in (GTK_WIDGET (prefs), "error", "is kept"));
  g_assert_true (shows_text_in (GTK_WIDGET (prefs), "heading", TEAM_NAME));
  g_assert_true (shows_text_in (GTK_WIDGET (prefs), NULL, "2 cases · Fetched"));

  /* Fixed again, Refresh in Preferences brings the change and clears the
   * failure; the toast says what changed. */
  write_collection (f, FALSE, " (Edited)");
  {
    CasebookSubscriptionRow *row = CASEBOOK_SUBSCRIPTION_ROW (casebook_test_find_widget (GTK_WIDGET (prefs),
                                                                                         CASEBOOK_TYPE_SUBSCRIPTION_ROW));

    g_assert_nonnull (row);
    g_signal_emit_by_name (row, "refresh");
  }
  g_assert_true (casebook_test_wait_until (refresh_done, f));
  f->expected = 17;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  f->text = "1 case added";
  g_assert_true (casebook_test_wait_until (window_shows_text, f));
  casebook_test_settle ();
  g_assert_false (shows_text_in (GTK_WIDGET (prefs), "error", "The last refresh failed"));
  g_assert_true (shows_text_in (GTK_WIDGET (prefs), NULL, "3 cases · Fetched"));
  g_assert_true (shows_text_in (GTK_WIDGET (prefs), "heading", TEAM_NAME " (Edited)"));

  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* A window that opens a day after the last refresh refreshes in the
 * background once it is up, and says what changed. */
static void
test_refresh_on_start (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autofree char *db = g_build_filename (f->dir, "store.db", NULL);
  CasebookWindow *second;
  sqlite3 *conn = NULL;

  write_collection (f, FALSE, NULL);
  subscribe_directly (f);

  /* As if the last try were two days ago. */
  g_assert_cmpint (sqlite3_open (db, &conn), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (conn, "UPDATE subscriptions SET checked_at = checked_at - 2 * 86400",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (conn);
  write_collection (f, FALSE, " (Edited)");

  g_setenv ("CASEBOOK_SUBSCRIPTION_DELAY_MS", "0", TRUE);
  second = _casebook_application_new_window (f->app, f->store, NULL);
  g_setenv ("CASEBOOK_SUBSCRIPTION_DELAY_MS", "3600000", TRUE);
  gtk_window_present (GTK_WINDOW (second));

  f->expected = 17;
  g_assert_true (casebook_test_wait_until (list_settled, f));
  g_assert_true (casebook_store_has_case (f->store, "team-c"));
  f->text = "1 case added";
  {
    CasebookWindow *first = f->window;

    f->window = second;
    g_assert_true (casebook_test_wait_until (window_shows_text, f));
    f->window = first;
  }
  gtk_window_destroy (GTK_WINDOW (second));
  casebook_test_settle ();
}

/* With no subscription, Preferences says so and how to make one; once
 * there is one, the list shows it instead. */
static gboolean
prefs_lists_a_subscription (gpointer data)
{
  return casebook_test_find_widget (GTK_WIDGET (data), CASEBOOK_TYPE_SUBSCRIPTION_ROW) != NULL;
}

static gboolean
prefs_says_none (gpointer data)
{
  return shows_text_in (GTK_WIDGET (data), NULL, "No subscriptions yet");
}

static void
test_preferences_empty (Fixture       *f,
                        gconstpointer  user_data)
{
  CasebookPreferencesWindow *prefs = casebook_preferences_window_new (NULL);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (f->window));
  casebook_preferences_window_set_window (prefs, f->window);
  casebook_preferences_window_show_subscriptions (prefs);
  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (casebook_test_wait_until (prefs_says_none, prefs));
  g_assert_false (prefs_lists_a_subscription (prefs));
  gtk_window_destroy (GTK_WINDOW (prefs));

  write_collection (f, FALSE, NULL);
  subscribe_directly (f);
  prefs = casebook_preferences_window_new (NULL);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (f->window));
  casebook_preferences_window_set_window (prefs, f->window);
  casebook_preferences_window_show_subscriptions (prefs);
  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (casebook_test_wait_until (prefs_lists_a_subscription, prefs));
  casebook_test_settle ();
  g_assert_false (prefs_says_none (prefs));
  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* No refresh on start unless a test asks for one. */
  g_setenv ("CASEBOOK_SUBSCRIPTION_DELAY_MS", "3600000", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* GTK must print no warnings at all while the window is used. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add ("/subscriptions-window/subscribe-through-dialog", Fixture, NULL, fixture_setup, test_subscribe_through_dialog, fixture_teardown);
  g_test_add ("/subscriptions-window/subscribe-error", Fixture, NULL, fixture_setup, test_subscribe_error, fixture_teardown);
  g_test_add ("/subscriptions-window/filter-by-source", Fixture, NULL, fixture_setup, test_filter_by_source, fixture_teardown);
  g_test_add ("/subscriptions-window/unsubscribe-asks-for-notes", Fixture, NULL, fixture_setup, test_unsubscribe_asks, fixture_teardown);
  g_test_add ("/subscriptions-window/refresh-on-start", Fixture, NULL, fixture_setup, test_refresh_on_start, fixture_teardown);
  g_test_add ("/subscriptions-window/preferences-when-empty", Fixture, NULL, fixture_setup, test_preferences_empty, fixture_teardown);
  g_test_add ("/subscriptions-window/failing-refresh-keeps-cases", Fixture, NULL, fixture_setup, test_failing_refresh_keeps_cases, fixture_teardown);

  return g_test_run ();
}
