/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-row"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-row.h"
#include "casebook-sector-icons.h"
#include "casebook-tooltip.h"

/**
 * CasebookCaseRow:
 *
 * One row of the case list: title, organization, sector with its colour,
 * period and the headline outcome. A case of the person's own says so,
 * and a subscribed case names its subscription.
 */
struct _CasebookCaseRow
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkDrawingArea *swatch;
  GtkImage       *sector_icon;
  GtkLabel       *title;
  GtkLabel       *own_label;
  GtkLabel       *source_label;
  GtkLabel       *organization;
  GtkLabel       *sector;
  GtkLabel       *period;
  GtkLabel       *headline;
  GtkLabel       *snippet;

  GdkRGBA         color;
  char           *snippet_text;
};

G_DEFINE_FINAL_TYPE (CasebookCaseRow, casebook_case_row, GTK_TYPE_WIDGET)

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  CasebookCaseRow *self = user_data;
  double r = MIN (width, height) / 2.0;

  gdk_cairo_set_source_rgba (cr, &self->color);
  cairo_arc (cr, width / 2.0, height / 2.0, r, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
casebook_case_row_dispose (GObject *object)
{
  CasebookCaseRow *self = (CasebookCaseRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_CASE_ROW);
  self->box = NULL;
  g_clear_pointer (&self->snippet_text, g_free);

  G_OBJECT_CLASS (casebook_case_row_parent_class)->dispose (object);
}

static void
casebook_case_row_class_init (CasebookCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_case_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "caserow");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-case-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseRow, box);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseRow, sector_icon);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseRow, title);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseRow, own_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseRow, source_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseRow, organization);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseRow, sector);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseRow, period);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseRow, headline);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseRow, snippet);
}

static void
casebook_case_row_init (CasebookCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gdk_rgba_parse (&self->color, "#77767b");
  gtk_drawing_area_set_draw_func (self->swatch, draw_swatch, self, NULL);
}

CasebookCaseRow *
casebook_case_row_new (void)
{
  return g_object_new (CASEBOOK_TYPE_CASE_ROW, NULL);
}

/**
 * casebook_case_row_bind:
 * @summary: (nullable): the case to show, or %NULL to clear the row
 * @sector: (nullable): its sector, for the name and colour, as
 *   casebook_catalog_get_sector() gives it
 * @lang: the content language
 */
void
casebook_case_row_bind (CasebookCaseRow      *self,
                        CasebookCaseSummary  *summary,
                        const CasebookSector *sector,
                        CasebookLang          lang)
{
  g_autofree char *period = NULL;
  const char *title;
  const char *sector_name;
  const char *headline;
  gboolean own;

  g_return_if_fail (CASEBOOK_IS_CASE_ROW (self));

  if (summary == NULL)
    {
      gtk_label_set_label (self->title, "");
      gtk_label_set_label (self->organization, "");
      gtk_label_set_label (self->sector, "");
      gtk_label_set_label (self->period, "");
      gtk_label_set_label (self->headline, "");
      gtk_widget_set_visible (GTK_WIDGET (self->own_label), FALSE);
      casebook_case_row_set_snippet (self, NULL, NULL);
      return;
    }

  title = casebook_text_get (casebook_case_summary_get_title (summary), lang);
  sector_name = sector != NULL ? casebook_sector_get_name (sector, lang)
                               : casebook_case_summary_get_sector (summary);
  headline = casebook_text_get (casebook_case_summary_get_headline (summary), lang);
  period = casebook_case_summary_format_period (summary);

  gtk_label_set_label (self->title, title);
  own = casebook_case_summary_get_origin (summary) == CASEBOOK_ORIGIN_OWN;
  gtk_widget_set_visible (GTK_WIDGET (self->own_label), own);
  gtk_label_set_label (self->organization,
                       casebook_text_get (casebook_case_summary_get_organization (summary), lang));
  gtk_label_set_label (self->sector, sector_name);
  gtk_image_set_from_icon_name (self->sector_icon,
                                casebook_sector_icon_name (casebook_case_summary_get_sector (summary)));
  gtk_label_set_label (self->period, period != NULL ? period : "");
  gtk_widget_set_visible (GTK_WIDGET (self->period), period != NULL);
  gtk_label_set_label (self->headline, headline);
  gtk_widget_set_visible (GTK_WIDGET (self->headline), headline[0] != '\0');

  if (sector == NULL || sector->color == NULL || !gdk_rgba_parse (&self->color, sector->color))
    gdk_rgba_parse (&self->color, "#77767b");
  gtk_widget_queue_draw (GTK_WIDGET (self->swatch));

  if (casebook_case_summary_get_kind (summary) == CASEBOOK_KIND_FAILURE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "failure");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "failure");

  /* A screen reader hears what the eye sees: the title, the sector, and
   * the colour and pill that mark a failure or a case of one's own. */
  {
    gboolean failure = casebook_case_summary_get_kind (summary) == CASEBOOK_KIND_FAILURE;
    g_autofree char *label = NULL;

    if (failure && own)
      /* Translators: how a screen reader names a case in the list: its title, then its sector's name */
      label = g_strdup_printf (C_("accessible name of a case", "%s, %s, a failure case of your own"), title, sector_name);
    else if (failure)
      /* Translators: how a screen reader names a case in the list: its title, then its sector's name */
      label = g_strdup_printf (C_("accessible name of a case", "%s, %s, a failure case"), title, sector_name);
    else if (own)
      /* Translators: how a screen reader names a case in the list: its title, then its sector's name */
      label = g_strdup_printf (C_("accessible name of a case", "%s, %s, your case"), title, sector_name);
    else
      /* Translators: how a screen reader names a case in the list: its title, then its sector's name */
      label = g_strdup_printf (C_("accessible name of a case", "%s, %s"), title, sector_name);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
  }
}

/**
 * casebook_case_row_set_snippet:
 * @markup: (nullable): why the case matched a search, as Pango markup
 *   with the case's text escaped, or %NULL for none
 * @plain: (nullable): the same as plain text
 *
 * Shows, in place of the headline, the piece of the case's text that a
 * search matched; screen readers hear it as the row's description.
 */
void
casebook_case_row_set_snippet (CasebookCaseRow *self,
                               const char      *markup,
                               const char      *plain)
{
  gboolean shown = markup != NULL && markup[0] != '\0';

  g_return_if_fail (CASEBOOK_IS_CASE_ROW (self));

  gtk_label_set_markup (self->snippet, shown ? markup : "");
  gtk_widget_set_visible (GTK_WIDGET (self->snippet), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->headline),
                          !shown && gtk_label_get_label (self->headline)[0] != '\0');

  g_free (self->snippet_text);
  self->snippet_text = shown && plain != NULL ? g_strdup (plain) : NULL;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->snippet_text != NULL ? self->snippet_text : "",
                                  -1);
}

/**
 * _casebook_case_row_get_snippet:
 *
 * Returns: (transfer none): the label that shows the snippet
 */
GtkWidget *
_casebook_case_row_get_snippet (CasebookCaseRow *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_ROW (self), NULL);

  return GTK_WIDGET (self->snippet);
}

/**
 * casebook_case_row_set_source:
 * @name: (nullable): the name of the subscription the case comes from,
 *   or %NULL for a case of the report or of one's own
 *
 * Marks the row with @name, after casebook_case_row_bind().
 */
void
casebook_case_row_set_source (CasebookCaseRow *self,
                              const char      *name)
{
  g_return_if_fail (CASEBOOK_IS_CASE_ROW (self));

  gtk_label_set_label (self->source_label, name != NULL ? name : "");
  casebook_tooltip_set_text (GTK_WIDGET (self->source_label), name);
  gtk_widget_set_visible (GTK_WIDGET (self->source_label), name != NULL);

  if (name != NULL)
    {
      const char *title = gtk_label_get_label (self->title);
      const char *sector = gtk_label_get_label (self->sector);
      /* Translators: how a screen reader names a subscribed case in the list: its title, its sector's name, the subscription's name */
      g_autofree char *label = NULL;

      if (gtk_widget_has_css_class (GTK_WIDGET (self), "failure"))
        /* Translators: how a screen reader names a subscribed failure case: its title, its sector's name, the subscription's name */
        label = g_strdup_printf (C_("accessible name of a case", "%s, %s, a failure case from %s"), title, sector, name);
      else
        label = g_strdup_printf (C_("accessible name of a case", "%s, %s, from %s"), title, sector, name);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}
