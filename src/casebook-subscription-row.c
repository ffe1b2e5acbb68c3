/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-subscription-row"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-subscription-row.h"

/**
 * CasebookSubscriptionRow:
 *
 * One subscription in Preferences: its name, its address, how many cases
 * it brings and when they were fetched, and why the last refresh failed,
 * if it did, with the date of the copy that is kept. Its buttons emit
 * #CasebookSubscriptionRow::refresh and
 * #CasebookSubscriptionRow::unsubscribe; the row does nothing itself.
 */
struct _CasebookSubscriptionRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *name_label;
  GtkLabel      *url_label;
  GtkLabel      *status_label;
  GtkLabel      *error_label;
  GtkStack      *refresh_stack;
  GtkButton     *refresh_button;
  GtkSpinner    *spinner;
  GtkButton     *unsubscribe_button;

  char          *url;
};

G_DEFINE_FINAL_TYPE (CasebookSubscriptionRow, casebook_subscription_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  REFRESH,
  UNSUBSCRIBE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * casebook_subscription_format_date:
 * @when: a time
 *
 * Returns: (transfer full): @when as a date and time in the local zone
 */
char *
casebook_subscription_format_date (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = g_date_time_to_local (when);
  /* Translators: a date and time, as strftime() takes it: "the copy from %s is kept" */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

/**
 * casebook_subscription_format_fetched:
 * @when: (nullable): when a subscription was fetched
 * @now: the time to count from
 *
 * Returns: (transfer full): "Fetched 2 hours ago" and the like, a date
 *   after a week, or "Not fetched yet"
 */
char *
casebook_subscription_format_fetched (GDateTime *when,
                                      GDateTime *now)
{
  GTimeSpan span;
  guint n;

  if (when == NULL)
    return g_strdup (_("Not fetched yet"));

  span = g_date_time_difference (now, when);
  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Fetched just now"));
  if (span < G_TIME_SPAN_HOUR)
    {
      n = span / G_TIME_SPAN_MINUTE;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Fetched %u minute ago", "Fetched %u minutes ago", n), n);
    }
  if (span < G_TIME_SPAN_DAY)
    {
      n = span / G_TIME_SPAN_HOUR;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Fetched %u hour ago", "Fetched %u hours ago", n), n);
    }
  if (span < 7 * G_TIME_SPAN_DAY)
    {
      n = span / G_TIME_SPAN_DAY;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Fetched %u day ago", "Fetched %u days ago", n), n);
    }

  {
    g_autofree char *date = casebook_subscription_format_date (when);

    /* Translators: %s is a date and time */
    return g_strdup_printf (_("Fetched on %s"), date);
  }
}

/**
 * casebook_subscription_row_describe_failure:
 * @subscription: a subscription whose last refresh failed
 *
 * Returns: (transfer full): why, and that the copy from its fetch date
 *   is kept
 */
char *
casebook_subscription_row_describe_failure (CasebookSubscription *subscription)
{
  GDateTime *fetched = casebook_subscription_get_fetched_at (subscription);
  const char *error = casebook_subscription_get_error (subscription);
  g_autofree char *date = NULL;

  if (error == NULL)
    return NULL;
  if (fetched == NULL)
    return g_strdup (error);

  date = casebook_subscription_format_date (fetched);
  /* Translators: the first %s is why a refresh failed, the second a date and time */
  return g_strdup_printf (_("%s\nThe copy fetched on %s is kept."), error, date);
}

static void
on_refresh_clicked (CasebookSubscriptionRow *self)
{
  g_signal_emit (self, signals[REFRESH], 0);
}

static void
on_unsubscribe_clicked (CasebookSubscriptionRow *self)
{
  g_signal_emit (self, signals[UNSUBSCRIBE], 0);
}

static void
casebook_subscription_row_finalize (GObject *object)
{
  CasebookSubscriptionRow *self = (CasebookSubscriptionRow *)object;

  g_free (self->url);

  G_OBJECT_CLASS (casebook_subscription_row_parent_class)->finalize (object);
}

static void
casebook_subscription_row_class_init (CasebookSubscriptionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = casebook_subscription_row_finalize;

  /**
   * CasebookSubscriptionRow::refresh:
   *
   * The Refresh button was clicked.
   */
  signals[REFRESH] = g_signal_new ("refresh", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CasebookSubscriptionRow::unsubscribe:
   *
   * The Unsubscribe button was clicked.
   */
  signals[UNSUBSCRIBE] = g_signal_new ("unsubscribe", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-subscription-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookSubscriptionRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookSubscriptionRow, url_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookSubscriptionRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookSubscriptionRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookSubscriptionRow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, CasebookSubscriptionRow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookSubscriptionRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CasebookSubscriptionRow, unsubscribe_button);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_unsubscribe_clicked);
}

static void
casebook_subscription_row_init (CasebookSubscriptionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * casebook_subscription_row_new:
 * @subscription: what to show
 * @lang: the content language, for the collection's name
 *
 * Returns: (transfer full): a new row
 */
CasebookSubscriptionRow *
casebook_subscription_row_new (CasebookSubscription *subscription,
                               CasebookLang          lang)
{
  CasebookSubscriptionRow *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *fetched = NULL;
  g_autofree char *status = NULL;
  g_autofree char *failure = NULL;
  g_autofree char *accessible = NULL;
  const char *name;
  guint n;

  g_return_val_if_fail (CASEBOOK_IS_SUBSCRIPTION (subscription), NULL);

  self = g_object_new (CASEBOOK_TYPE_SUBSCRIPTION_ROW, NULL);
  self->url = g_strdup (casebook_subscription_get_url (subscription));

  name = casebook_text_get (casebook_subscription_get_name (subscription), lang);
  if (name == NULL || name[0] == '\0')
    name = self->url;
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->url_label, self->url);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->url_label), self->url);

  n = casebook_subscription_get_n_cases (subscription);
  fetched = casebook_subscription_format_fetched (casebook_subscription_get_fetched_at (subscription), now);
  /* Translators: in Preferences, under a subscription's address: "12 cases · Fetched 2 hours ago" */
  status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case · %s", "%u cases · %s", n), n, fetched);
  gtk_label_set_label (self->status_label, status);

  failure = casebook_subscription_row_describe_failure (subscription);
  if (failure != NULL)
    {
      /* Translators: in Preferences, before why the last refresh of a subscription failed */
      g_autofree char *text = g_strdup_printf (_("The last refresh failed: %s"), failure);

      gtk_label_set_label (self->error_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), failure != NULL);

  {
    /* Translators: the accessible names of a subscription's buttons; %s is its name */
    g_autofree char *refresh = g_strdup_printf (_("Refresh “%s”"), name);
    /* Translators: the accessible names of a subscription's buttons; %s is its name */
    g_autofree char *unsubscribe = g_strdup_printf (_("Unsubscribe from “%s”"), name);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->refresh_button), GTK_ACCESSIBLE_PROPERTY_LABEL, refresh, -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->unsubscribe_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    unsubscribe, -1);
  }

  accessible = g_strdup_printf ("%s, %s", name, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return self;
}

/**
 * casebook_subscription_row_get_url:
 *
 * Returns: (transfer none): the subscription's address
 */
const char *
casebook_subscription_row_get_url (CasebookSubscriptionRow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_SUBSCRIPTION_ROW (self), NULL);
  return self->url;
}

/**
 * casebook_subscription_row_set_busy:
 *
 * Shows a spinner in place of the Refresh button while it refreshes.
 */
void
casebook_subscription_row_set_busy (CasebookSubscriptionRow *self,
                                    gboolean                 busy)
{
  g_return_if_fail (CASEBOOK_IS_SUBSCRIPTION_ROW (self));

  gtk_stack_set_visible_child_name (self->refresh_stack, busy ? "busy" : "idle");
  gtk_spinner_set_spinning (self->spinner, busy);
}
