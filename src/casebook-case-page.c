/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "casebook-case-page-notes.h"
#include "casebook-case-page-private.h"
#include "casebook-format.h"
#include "casebook-personal-note.h"
#include "casebook-resources.h"
#include "casebook-sector-icons.h"
#include "casebook-store-read.h"
#include "casebook-tag-bar.h"
#include "casebook-timeline.h"

/**
 * CasebookCasePage:
 *
 * Everything about one case, in reading order: what it is (sector, kind,
 * title, organization and key facts), what was used, what it brought, how
 * it went in time, what it was for, what stood in the way and how that was
 * solved, what went wrong in a failure, what to learn, how reliable the
 * data is, where it comes from, and what to read next.
 *
 * The structure is the template; this file fills in the texts, creates the
 * items of the lists and hides every section that has nothing to show.
 */
struct _CasebookCasePage
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkWidget         *content;
  GtkWidget         *sector_badge;
  GtkImage          *sector_icon;
  GtkLabel          *sector_label;
  GtkWidget         *subsector_box;
  GtkLabel          *subsector_label;
  GtkLabel          *kind_label;
  GtkWidget         *own_label;
  GtkWidget         *source_label;
  GtkMenuButton     *collection_button;
  GtkWidget         *edit_button;
  GtkWidget         *duplicate_button;
  GtkLabel          *title_label;
  GtkLabel          *organization_label;
  GtkWidget         *facts_box;
  GtkWidget         *facts_pair_1;
  GtkWidget         *facts_pair_2;
  GtkLabel          *facts_line;
  GtkBox            *fact_notes;
  GtkWidget         *size_fact;
  GtkLabel          *size_value;
  GtkWidget         *employees_fact;
  GtkLabel          *employees_value;
  GtkWidget         *period_fact;
  GtkLabel          *period_value;
  GtkWidget         *approach_fact;
  GtkLabel          *approach_value;
  GtkWidget         *personal_section;
  CasebookTagBar    *tag_bar;
  CasebookPersonalNote *personal_note;
  GtkWidget         *stack_section;
  GtkFlowBox        *stack_box;
  GtkWidget         *outcomes_section;
  GtkFlowBox        *outcomes_box;
  GtkWidget         *phases_section;
  CasebookTimeline  *timeline;
  GtkWidget         *needs_box;
  GtkWidget         *scenarios_section;
  GtkBox            *scenarios_list;
  GtkWidget         *requirements_section;
  GtkBox            *requirements_list;
  GtkWidget         *challenges_section;
  GtkListBox        *challenges_list;
  GtkWidget         *failure_section;
  GtkWidget         *problem_box;
  GtkLabel          *problem_label;
  GtkWidget         *result_box;
  GtkLabel          *result_label;
  GtkWidget         *causes_box;
  GtkBox            *causes_list;
  GtkWidget         *lessons_section;
  GtkBox            *lessons_list;
  GtkWidget         *notes_section;
  GtkBox            *notes_list;
  GtkWidget         *source_section;
  GtkLabel          *source_title;
  GtkLabel          *source_details;
  GtkLabel          *source_link;
  GtkLabel          *source_note;
  GtkWidget         *related_section;
  GtkListBox        *related_list;

  /* The facts in the order shown, and the warning sign each shows when a
   * data-quality note is about it. */
  GtkWidget         *facts[4];
  GtkLabel          *fact_values[4];
  GtkWidget         *fact_marks[4];

  CasebookStore     *store;
  CasebookCase      *c;
  CasebookLang       lang;

  /* What the store says of sectors and metric families, asked for again
   * for each case so that an import shows at once. */
  CasebookCatalog   *catalog;

  /* Sector colours as CSS classes (sector-<key>), built from the store. */
  GtkCssProvider    *sector_css;
  char              *sector_css_text;
  char              *badge_class;
};

G_DEFINE_FINAL_TYPE (CasebookCasePage, casebook_case_page, GTK_TYPE_WIDGET)

enum {
  TECHNOLOGY_ACTIVATED,
  CASE_ACTIVATED,
  TAG_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define RELATED_LIMIT 5
#define PRODUCT_KEY "casebook-product-key"
#define PRODUCT_NAME_KEY "casebook-product-name"
#define ROLES_KEY "casebook-product-roles"

/* The key facts, in the order of the card; a note whose field is a fact's
 * key is shown with that fact. */
enum {
  FACT_SIZE,
  FACT_EMPLOYEES,
  FACT_PERIOD,
  FACT_APPROACH,
  N_FACTS
};

static const char * const fact_keys[N_FACTS] = { "size", "employees", "period", "approach" };
#define CASE_ID_KEY "casebook-case-id"

/* Helpers ------------------------------------------------------------ */

static void
remove_all (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else if (GTK_IS_BOX (container))
        gtk_box_remove (GTK_BOX (container), child);
      else
        g_assert_not_reached ();
    }
}

static void
append_unfocusable (GtkFlowBox *box,
                    GtkWidget  *child)
{
  gtk_flow_box_append (box, child);
  gtk_widget_set_focusable (gtk_widget_get_parent (child), FALSE);
}

static GtkWidget *
text_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* A wrapping label that asks for little width. A flow box decides from
 * natural widths how many children fit a line; capped, every row of cards
 * or columns makes the same choice, whatever the length of its texts. */
static GtkWidget *
narrow_label (const char *text,
              const char *css_class)
{
  GtkWidget *label = text_label (text, css_class);

  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  return label;
}

static void
set_label_or_hide (GtkLabel   *label,
                   GtkWidget  *container,
                   const char *text)
{
  gboolean empty = text == NULL || text[0] == '\0';

  gtk_label_set_label (label, empty ? "" : text);
  gtk_widget_set_visible (container, !empty);
}

static const char *
fact_caption (guint fact)
{
  switch (fact)
    {
    case FACT_SIZE:
      return _("Size");
    case FACT_EMPLOYEES:
      return _("Employees");
    case FACT_PERIOD:
      return _("Period");
    case FACT_APPROACH:
    default:
      return _("Approach");
    }
}

/* The fact a data-quality note is about, or -1. */
static int
note_fact (const CasebookNote *note)
{
  for (guint i = 0; note->field != NULL && i < N_FACTS; i++)
    if (g_ascii_strcasecmp (note->field, fact_keys[i]) == 0)
      return (int) i;

  return -1;
}

/* A bulleted list, each item a list item for screen readers. Returns how
 * many items it shows. */
static guint
fill_bullets (GtkBox       *list,
              GPtrArray    *texts,
              CasebookLang  lang)
{
  guint n = 0;

  remove_all (GTK_WIDGET (list));

  for (guint i = 0; texts != NULL && i < texts->len; i++)
    {
      const CasebookText *text = g_ptr_array_index (texts, i);
      GtkWidget *item, *bullet, *label;

      if (casebook_text_is_empty (text))
        continue;

      item = g_object_new (GTK_TYPE_BOX,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                           "spacing", 10,
                           NULL);
      bullet = g_object_new (GTK_TYPE_LABEL,
                             "label", "•",
                             "valign", GTK_ALIGN_START,
                             "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                             NULL);
      gtk_widget_add_css_class (bullet, "bullet");
      gtk_box_append (GTK_BOX (item), bullet);
      label = text_label (casebook_text_get (text, lang), NULL);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (item), label);
      gtk_box_append (list, item);
      n++;
    }

  return n;
}

/* Sector keys are `a-z0-9._-`; a dot would end a CSS class name. */
static char *
sector_css_class (const char *key)
{
  g_autofree char *canon = g_strdup (key != NULL ? key : "none");

  g_strcanon (canon, "abcdefghijklmnopqrstuvwxyz0123456789_-", '_');
  return g_strconcat ("sector-", canon, NULL);
}

/* The sector colours come from the data, so they are parsed and written
 * out again rather than pasted into CSS. On a dark background they are
 * lightened a little, so that an icon in the sector colour keeps its
 * contrast. */
static void
update_sector_css (CasebookCasePage *self)
{
  g_autoptr(GString) css = g_string_new (NULL);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  GPtrArray *sectors = self->catalog != NULL ? casebook_catalog_get_sectors (self->catalog) : NULL;

  for (guint i = 0; sectors != NULL && i < sectors->len; i++)
    {
      const CasebookSector *sector = g_ptr_array_index (sectors, i);
      g_autofree char *css_class = NULL;
      g_autofree char *color = NULL;
      GdkRGBA rgba;

      if (sector->key == NULL || sector->color == NULL || !gdk_rgba_parse (&rgba, sector->color))
        continue;

      if (dark)
        {
          rgba.red += (1 - rgba.red) * 0.3;
          rgba.green += (1 - rgba.green) * 0.3;
          rgba.blue += (1 - rgba.blue) * 0.3;
        }
      rgba.alpha = 1;

      css_class = sector_css_class (sector->key);
      color = gdk_rgba_to_string (&rgba);
      g_string_append_printf (css,
                              ".sector-badge.%s { background-color: alpha(%s, 0.15); }\n"
                              ".%s .sector-icon, .sector-icon.%s { color: %s; }\n",
                              css_class, color, css_class, css_class, color);
    }

  if (g_strcmp0 (css->str, self->sector_css_text) == 0)
    return;

  g_free (self->sector_css_text);
  self->sector_css_text = g_strdup (css->str);
  gtk_css_provider_load_from_data (self->sector_css, css->str, -1);
}

/* A selectable label that gets the keyboard focus selects all of its text;
 * the title is often the first thing focused on the page, and a page
 * that opens with its title highlighted looks broken. */
static gboolean
unselect_label (gpointer data)
{
  GtkLabel *label = data;
  int start, end;

  if (gtk_label_get_selection_bounds (label, &start, &end) &&
      start == 0 && end == g_utf8_strlen (gtk_label_get_text (label), -1))
    gtk_label_select_region (label, 0, 0);

  return G_SOURCE_REMOVE;
}

/* The warning sign beside a fact's name, shown when a data-quality note
 * is about the fact: the caption and the sign share a line. */
static GtkWidget *
add_fact_mark (GtkWidget *fact)
{
  GtkWidget *caption = gtk_widget_get_first_child (fact);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *mark = _casebook_note_sign_new (12);

  gtk_widget_set_visible (mark, FALSE);
  gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
  g_object_ref (caption);
  gtk_box_remove (GTK_BOX (fact), caption);
  gtk_box_append (GTK_BOX (line), caption);
  g_object_unref (caption);
  gtk_box_append (GTK_BOX (line), mark);
  gtk_box_prepend (GTK_BOX (fact), line);

  return mark;
}

static void
on_title_focus_enter (GtkEventControllerFocus *controller,
                      GtkLabel                *label)
{
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, unselect_label, g_object_ref (label), g_object_unref);
}

/* Signal callbacks --------------------------------------------------- */

static void
on_chip_clicked (CasebookCasePage *self,
                 GtkButton        *button)
{
  const char *key = g_object_get_data (G_OBJECT (button), PRODUCT_KEY);

  if (key != NULL)
    g_signal_emit (self, signals[TECHNOLOGY_ACTIVATED], 0, key);
}

static void
on_related_row_activated (CasebookCasePage *self,
                          GtkListBoxRow    *row,
                          GtkListBox       *list)
{
  const char *id = g_object_get_data (G_OBJECT (row), CASE_ID_KEY);

  if (id != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, id);
}

static void
on_tag_activated (CasebookCasePage *self,
                  const char       *tag,
                  CasebookTagBar   *bar)
{
  g_signal_emit (self, signals[TAG_ACTIVATED], 0, tag);
}

static void
on_dark_changed (CasebookCasePage *self)
{
  update_sector_css (self);
}

/* Filling the sections ----------------------------------------------- */

/* The facts a case has go into the card in order, two to a pair: the
 * pairs sit side by side where there is room and one over the other where
 * there is not, so the card shows four across or two by two, never three
 * and one. A single fact (a failure case may have only its size) makes no
 * card; it is said in a line under the organization. */
static void
place_facts (CasebookCasePage *self)
{
  GtkWidget *shown[N_FACTS];
  guint n = 0;

  for (guint i = 0; i < N_FACTS; i++)
    {
      GtkWidget *fact = self->facts[i];

      g_object_ref (fact);
      gtk_box_remove (GTK_BOX (gtk_widget_get_parent (fact)), fact);
      if (gtk_widget_get_visible (fact))
        shown[n++] = fact;
    }

  for (guint i = 0; i < n; i++)
    gtk_box_append (GTK_BOX (i < 2 ? self->facts_pair_1 : self->facts_pair_2), shown[i]);
  for (guint i = 0; i < N_FACTS; i++)
    {
      if (gtk_widget_get_parent (self->facts[i]) == NULL)
        gtk_box_append (GTK_BOX (self->facts_pair_2), self->facts[i]);
      g_object_unref (self->facts[i]);
    }

  gtk_widget_set_visible (gtk_widget_get_parent (self->facts_pair_2), n > 2);
  gtk_widget_set_visible (self->facts_box, n > 1);

  if (n == 1)
    {
      g_autofree char *line = NULL;

      for (guint i = 0; i < N_FACTS; i++)
        if (gtk_widget_get_visible (self->facts[i]))
          /* Translators: a case's only key fact, said in a line: its name and value, e.g. "Size: Large" */
          line = g_strdup_printf (_("%s: %s"), fact_caption (i), gtk_label_get_label (self->fact_values[i]));
      gtk_label_set_label (self->facts_line, line);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->facts_line), n == 1);
}

static void
show_header (CasebookCasePage *self)
{
  CasebookCase *c = self->c;
  const char *sector_key = casebook_case_get_sector (c);
  const CasebookText *subsector = casebook_case_get_subsector (c);
  CasebookKind kind = casebook_case_get_kind (c);
  CasebookSize size = casebook_case_get_size (c);
  CasebookApproach approach = casebook_case_get_approach (c);
  g_autofree char *employees = casebook_case_format_employees (c);
  g_autofree char *period = casebook_case_format_period (c);
  gboolean own;

  if (self->badge_class != NULL)
    gtk_widget_remove_css_class (self->sector_badge, self->badge_class);
  g_free (self->badge_class);
  self->badge_class = sector_css_class (sector_key);
  gtk_widget_add_css_class (self->sector_badge, self->badge_class);

  gtk_image_set_from_icon_name (self->sector_icon, casebook_sector_icon_name (sector_key));
  gtk_label_set_label (self->sector_label, casebook_catalog_sector_name (self->catalog, sector_key, self->lang));
  set_label_or_hide (self->subsector_label, self->subsector_box,
                     casebook_text_is_empty (subsector) ? NULL : casebook_text_get (subsector, self->lang));

  gtk_label_set_label (self->kind_label, casebook_kind_label (kind, self->lang));
  if (kind == CASEBOOK_KIND_FAILURE)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->kind_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->kind_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->kind_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->kind_label), "success");
    }

  /* A case of one's own says so and offers to edit it; one that comes with
   * Casebook can only be duplicated. */
  own = casebook_case_get_origin (c) == CASEBOOK_ORIGIN_OWN;
  gtk_widget_set_visible (self->own_label, own);
  gtk_widget_set_visible (self->edit_button, own);
  gtk_widget_set_visible (self->duplicate_button, !own);

  gtk_label_set_label (self->title_label, casebook_text_get (casebook_case_get_title (c), self->lang));
  set_label_or_hide (self->organization_label, GTK_WIDGET (self->organization_label),
                     casebook_text_get (casebook_case_get_organization (c), self->lang));

  set_label_or_hide (self->size_value, self->size_fact,
                     size != CASEBOOK_SIZE_UNKNOWN ? casebook_size_label (size, self->lang) : NULL);
  set_label_or_hide (self->employees_value, self->employees_fact, employees);
  set_label_or_hide (self->period_value, self->period_fact, period);
  set_label_or_hide (self->approach_value, self->approach_fact,
                     approach != CASEBOOK_APPROACH_NONE ? casebook_approach_label (approach, self->lang) : NULL);

  place_facts (self);
}

/* What a chip does, said on hover and to screen readers: it shows the
 * cases that use the product; the product's roles in this case follow. */
static void
describe_chip (GtkWidget *button)
{
  const char *product = g_object_get_data (G_OBJECT (button), PRODUCT_NAME_KEY);
  const char *roles = g_object_get_data (G_OBJECT (button), ROLES_KEY);
  /* Translators: the tooltip and accessible name of a technology chip on a case page; it filters the list */
  g_autofree char *action = g_strdup_printf (_("Show cases using %s"), product);
  g_autofree char *tooltip = NULL;

  if (roles != NULL && roles[0] != '\0')
    tooltip = g_strdup_printf ("%s\n%s", action, roles);
  gtk_widget_set_tooltip_text (button, tooltip != NULL ? tooltip : action);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, action,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, roles != NULL ? roles : "",
                                  -1);
}

/* One chip per product. A product listed under two roles (Kubernetes as
 * the platform and for analytics) is one chip whose tooltip names both. */
static void
show_stack (CasebookCasePage *self)
{
  GPtrArray *stack = casebook_case_get_stack (self->c);
  g_autoptr(GHashTable) chips = g_hash_table_new (g_str_hash, g_str_equal);

  remove_all (GTK_WIDGET (self->stack_box));

  for (guint i = 0; i < stack->len; i++)
    {
      const CasebookStackItem *item = g_ptr_array_index (stack, i);
      const char *key = casebook_text_get (item->product, CASEBOOK_LANG_EN);
      const char *product = casebook_text_get (item->product, self->lang);
      const char *role = casebook_text_get (item->role, self->lang);
      g_autofree char *markup = NULL;
      GtkWidget *button, *box, *icon, *label;

      if (key[0] == '\0')
        continue;

      button = g_hash_table_lookup (chips, key);
      if (button != NULL)
        {
          g_autofree char *roles = NULL;
          const char *old = g_object_get_data (G_OBJECT (button), ROLES_KEY);

          if (role[0] == '\0' || (old != NULL && strstr (old, role) != NULL))
            continue;

          /* Translators: the roles of one product in a stack, e.g. "Container platform, Data analytics" */
          roles = old != NULL && old[0] != '\0' ? g_strdup_printf (_("%s, %s"), old, role) : g_strdup (role);
          g_object_set_data_full (G_OBJECT (button), ROLES_KEY, g_steal_pointer (&roles), g_free);
          describe_chip (button);
          continue;
        }

      if (item->version != NULL && item->version[0] != '\0')
        markup = g_markup_printf_escaped ("%s <span alpha=\"70%%\">%s</span>", product, item->version);
      else
        markup = g_markup_escape_text (product, -1);

      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);

      /* A chip is a filter: the sign of a search, like the filter pane's,
       * says that it finds something rather than opens a page. */
      icon = g_object_new (GTK_TYPE_IMAGE,
                           "icon-name", "edit-find-symbolic",
                           "pixel-size", 12,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                           NULL);
      gtk_widget_add_css_class (icon, "chip-icon");
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);

      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "chip");
      gtk_widget_add_css_class (button, "filter-chip");
      g_object_set_data_full (G_OBJECT (button), PRODUCT_KEY, g_strdup (key), g_free);
      g_object_set_data_full (G_OBJECT (button), PRODUCT_NAME_KEY, g_strdup (product), g_free);
      g_object_set_data_full (G_OBJECT (button), ROLES_KEY, g_strdup (role), g_free);
      describe_chip (button);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_chip_clicked), self, G_CONNECT_SWAPPED);

      /* The button takes the focus, not the flow box child around it. */
      append_unfocusable (self->stack_box, button);
      g_hash_table_insert (chips, (gpointer) g_object_get_data (G_OBJECT (button), PRODUCT_KEY), button);
    }

  gtk_widget_set_visible (self->stack_section, g_hash_table_size (chips) > 0);
}

static GtkWidget *
outcome_card (CasebookCasePage      *self,
              const CasebookOutcome *outcome,
              guint                  index,
              gboolean              *attached)
{
  g_autofree char *figure = casebook_format_outcome (outcome, self->lang);
  const char *text = casebook_text_get (outcome->text, self->lang);
  const char *metric = outcome->metric != NULL
                       ? casebook_catalog_metric_name (self->catalog, outcome->metric, self->lang)
                       : NULL;
  GtkWidget *card, *label;

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "outcome-card");
  /* Natural widths decide how many cards a line of the flow box takes;
   * without a cap, one long statement would put every card on a line of
   * its own. */
  gtk_widget_set_size_request (card, 150, -1);

  if (metric != NULL)
    {
      label = text_label (metric, "caption-heading");
      gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (card), label);
    }

  if (figure != NULL)
    {
      /* A figure never breaks over two lines: "30% →" and "80%" would
       * read as two numbers. */
      label = text_label (figure, "outcome-figure");
      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_widget_add_css_class (label, "numeric");
      switch (casebook_outcome_verdict (outcome))
        {
        case CASEBOOK_VERDICT_GOOD:
          gtk_widget_add_css_class (label, "success");
          break;
        case CASEBOOK_VERDICT_BAD:
          gtk_widget_add_css_class (label, "error");
          break;
        case CASEBOOK_VERDICT_NEUTRAL:
        default:
          break;
        }
      gtk_box_append (GTK_BOX (card), label);
      label = text_label (text, "outcome-text");
      gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
      gtk_box_append (GTK_BOX (card), label);
    }
  else
    {
      /* No number to show: the statement itself takes the figure's place. */
      label = text_label (text, "outcome-qualitative");
      gtk_label_set_max_width_chars (GTK_LABEL (label), 10);
      gtk_box_append (GTK_BOX (card), label);
    }

  /* A note that questions the figure is read with it, not pages later. */
  {
    GPtrArray *notes = casebook_case_get_notes (self->c);
    g_autoptr(GString) said = g_string_new (NULL);

    for (guint i = 0; i < notes->len; i++)
      {
        const CasebookNote *note = g_ptr_array_index (notes, i);

        if (casebook_text_is_empty (note->text) || !_casebook_note_is_about_outcome (note, outcome, index))
          continue;

        attached[i] = TRUE;
        gtk_box_append (GTK_BOX (card), _casebook_note_line_new (casebook_text_get (note->text, self->lang)));

        if (said->len > 0)
          g_string_append_c (said, ' ');
        g_string_append (said, casebook_text_get (note->text, self->lang));
      }

    if (said->len > 0)
      {
        gtk_widget_add_css_class (card, "questioned");
        gtk_accessible_update_property (GTK_ACCESSIBLE (card),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, said->str,
                                        -1);
      }
  }

  return card;
}

static void
show_outcomes (CasebookCasePage *self,
               gboolean         *attached)
{
  GPtrArray *outcomes = casebook_case_get_outcomes (self->c);
  guint n = 0;

  remove_all (GTK_WIDGET (self->outcomes_box));

  for (guint i = 0; i < outcomes->len; i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (outcomes, i);

      if (casebook_text_is_empty (outcome->text) && !outcome->has_value)
        continue;

      gtk_flow_box_append (self->outcomes_box, outcome_card (self, outcome, i, attached));
      n++;
    }

  gtk_widget_set_visible (self->outcomes_section, n > 0);
}

static void
show_phases (CasebookCasePage *self)
{
  GPtrArray *phases = casebook_case_get_phases (self->c);

  casebook_timeline_set_phases (self->timeline, phases, self->lang);
  gtk_widget_set_visible (self->phases_section, phases->len > 0);
}

static void
show_needs (CasebookCasePage *self)
{
  guint n_scenarios = fill_bullets (self->scenarios_list, casebook_case_get_scenarios (self->c), self->lang);
  guint n_requirements = fill_bullets (self->requirements_list, casebook_case_get_requirements (self->c),
                                       self->lang);

  gtk_widget_set_visible (self->scenarios_section, n_scenarios > 0);
  gtk_widget_set_visible (self->requirements_section, n_requirements > 0);
  gtk_widget_set_visible (self->needs_box, n_scenarios + n_requirements > 0);
}

/* The challenge on the left, the solution on the right behind an arrow;
 * the two halves are equal, so the arrows line up from row to row. Where
 * two columns do not fit, the solution goes under the challenge. */
static GtkWidget *
challenge_row (CasebookCasePage        *self,
               const CasebookChallenge *challenge)
{
  GtkWidget *row, *box, *side, *label;

  box = g_object_new (GTK_TYPE_FLOW_BOX,
                      "selection-mode", GTK_SELECTION_NONE,
                      "homogeneous", TRUE,
                      "min-children-per-line", 1,
                      "max-children-per-line", 2,
                      "column-spacing", 12,
                      "row-spacing", 12,
                      /* The row takes the focus; inside is only text. */
                      "can-focus", FALSE,
                      NULL);
  gtk_widget_add_css_class (box, "challenge");

  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_size_request (side, 200, -1);
  if (!casebook_text_is_empty (challenge->title))
    gtk_box_append (GTK_BOX (side), narrow_label (casebook_text_get (challenge->title, self->lang), "heading"));
  if (!casebook_text_is_empty (challenge->text))
    gtk_box_append (GTK_BOX (side), narrow_label (casebook_text_get (challenge->text, self->lang), NULL));
  gtk_flow_box_append (GTK_FLOW_BOX (box), side);

  if (!casebook_text_is_empty (challenge->solution))
    {
      GtkWidget *arrow, *solution, *caption;

      side = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_set_size_request (side, 200, -1);

      arrow = g_object_new (GTK_TYPE_IMAGE,
                            "icon-name", "go-next-symbolic",
                            "valign", GTK_ALIGN_CENTER,
                            "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                            NULL);
      gtk_widget_add_css_class (arrow, "dim-label");
      gtk_box_append (GTK_BOX (side), arrow);

      solution = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      gtk_widget_set_hexpand (solution, TRUE);
      caption = narrow_label (_("Solution"), "caption-heading");
      gtk_widget_add_css_class (caption, "solution-caption");
      gtk_box_append (GTK_BOX (solution), caption);
      label = narrow_label (casebook_text_get (challenge->solution, self->lang), NULL);
      gtk_box_append (GTK_BOX (solution), label);
      gtk_box_append (GTK_BOX (side), solution);

      gtk_flow_box_append (GTK_FLOW_BOX (box), side);
    }

  /* Focusable but not activatable: keyboard users can move through the
   * rows and hear them read, and nothing pretends to be clickable. */
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
show_challenges (CasebookCasePage *self)
{
  GPtrArray *challenges = casebook_case_get_challenges (self->c);
  guint n = 0;

  remove_all (GTK_WIDGET (self->challenges_list));

  for (guint i = 0; i < challenges->len; i++)
    {
      const CasebookChallenge *challenge = g_ptr_array_index (challenges, i);

      if (casebook_text_is_empty (challenge->title) && casebook_text_is_empty (challenge->text) &&
          casebook_text_is_empty (challenge->solution))
        continue;

      gtk_list_box_append (self->challenges_list, challenge_row (self, challenge));
      n++;
    }

  gtk_widget_set_visible (self->challenges_section, n > 0);
}

static void
show_failure (CasebookCasePage *self)
{
  const CasebookFailure *failure = casebook_case_get_failure (self->c);
  gboolean has_problem, has_result;
  guint n_causes;

  if (failure == NULL)
    {
      remove_all (GTK_WIDGET (self->causes_list));
      gtk_widget_set_visible (self->failure_section, FALSE);
      return;
    }

  has_problem = !casebook_text_is_empty (failure->problem);
  has_result = !casebook_text_is_empty (failure->result);
  set_label_or_hide (self->problem_label, self->problem_box,
                     has_problem ? casebook_text_get (failure->problem, self->lang) : NULL);
  set_label_or_hide (self->result_label, self->result_box,
                     has_result ? casebook_text_get (failure->result, self->lang) : NULL);
  n_causes = fill_bullets (self->causes_list, failure->causes, self->lang);
  gtk_widget_set_visible (self->causes_box, n_causes > 0);

  gtk_widget_set_visible (self->failure_section, has_problem || has_result || n_causes > 0);
}

static void
show_lessons (CasebookCasePage *self)
{
  guint n = fill_bullets (self->lessons_list, casebook_case_get_lessons (self->c), self->lang);

  gtk_widget_set_visible (self->lessons_section, n > 0);
}

/* Data-quality notes go with what they question: a note about a fact
 * under the facts, with a sign at the fact, and one about an outcome in
 * its card (see outcome_card()). Only notes about nothing shown, or
 * about the case as a whole, are left for the section of their own. */
static void
show_notes (CasebookCasePage *self,
            const gboolean   *attached)
{
  GPtrArray *notes = casebook_case_get_notes (self->c);
  GString *fact_said[N_FACTS] = { NULL };
  guint n = 0, n_fact_notes = 0;

  remove_all (GTK_WIDGET (self->notes_list));
  remove_all (GTK_WIDGET (self->fact_notes));

  for (guint i = 0; i < notes->len; i++)
    {
      const CasebookNote *note = g_ptr_array_index (notes, i);
      const char *text = casebook_text_get (note->text, self->lang);
      int fact = note_fact (note);

      if (casebook_text_is_empty (note->text) || attached[i])
        continue;

      if (fact >= 0 && gtk_widget_get_visible (self->facts[fact]))
        {
          gtk_box_append (self->fact_notes, _casebook_note_card_new (fact_caption (fact), text));
          if (fact_said[fact] == NULL)
            fact_said[fact] = g_string_new (text);
          else
            g_string_append_printf (fact_said[fact], " %s", text);
          n_fact_notes++;
          continue;
        }

      gtk_box_append (self->notes_list, _casebook_note_card_new (NULL, text));
      n++;
    }

  /* The fact a note is about carries the sign, and its value the note,
   * for whoever hears the value read. */
  for (guint i = 0; i < N_FACTS; i++)
    {
      gtk_widget_set_visible (self->fact_marks[i], fact_said[i] != NULL);
      gtk_widget_set_tooltip_text (self->fact_marks[i], fact_said[i] != NULL ? fact_said[i]->str : NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->fact_values[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      fact_said[i] != NULL ? fact_said[i]->str : "",
                                      -1);
      if (fact_said[i] != NULL)
        g_string_free (fact_said[i], TRUE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->fact_notes), n_fact_notes > 0);
  gtk_widget_set_visible (self->notes_section, n > 0);
}

static void
show_source (CasebookCasePage *self)
{
  const CasebookSource *source = casebook_case_get_source (self->c);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *link = NULL;
  gboolean has_title;

  if (source == NULL)
    {
      gtk_widget_set_visible (self->source_section, FALSE);
      return;
    }

  has_title = !casebook_text_is_empty (source->title);
  set_label_or_hide (self->source_title, GTK_WIDGET (self->source_title),
                     has_title ? casebook_text_get (source->title, self->lang) : NULL);

  if (source->section != NULL && source->section[0] != '\0')
    /* Translators: where in the report a case comes from, e.g. "Section 2.1" */
    g_string_append_printf (details, _("Section %s"), source->section);
  if (source->date != NULL && source->date[0] != '\0')
    {
      if (details->len > 0)
        g_string_append (details, " · ");
      g_string_append (details, source->date);
    }
  set_label_or_hide (self->source_details, GTK_WIDGET (self->source_details), details->str);

  /* Only web addresses become links; anything else in the data is shown
   * as text, never handed to the system to open. */
  if (source->url != NULL && source->url[0] != '\0')
    {
      if (g_str_has_prefix (source->url, "https://") || g_str_has_prefix (source->url, "http://"))
        link = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", source->url, source->url);
      else
        link = g_markup_escape_text (source->url, -1);
    }
  set_label_or_hide (self->source_link, GTK_WIDGET (self->source_link), link);

  set_label_or_hide (self->source_note, GTK_WIDGET (self->source_note),
                     casebook_text_is_empty (source->note) ? NULL : casebook_text_get (source->note, self->lang));

  gtk_widget_set_visible (self->source_section,
                          has_title || details->len > 0 || link != NULL || !casebook_text_is_empty (source->note));
}

static GtkWidget *
related_row (CasebookCasePage    *self,
             CasebookCaseSummary *summary)
{
  const char *sector_key = casebook_case_summary_get_sector (summary);
  const char *sector = casebook_catalog_sector_name (self->catalog, sector_key, self->lang);
  const char *organization = casebook_text_get (casebook_case_summary_get_organization (summary), self->lang);
  g_autofree char *css_class = sector_css_class (sector_key);
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *icon;

  if (organization[0] != '\0')
    /* Translators: the subtitle of a related case: its sector, then its organization */
    subtitle = g_strdup_printf (_("%s · %s"), sector, organization);
  else
    subtitle = g_strdup (sector);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 casebook_text_get (casebook_case_summary_get_title (summary), self->lang));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  icon = gtk_image_new_from_icon_name (casebook_sector_icon_name (sector_key));
  gtk_widget_add_css_class (icon, "sector-icon");
  gtk_widget_add_css_class (icon, css_class);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (casebook_case_summary_get_kind (summary) == CASEBOOK_KIND_FAILURE)
    {
      GtkWidget *pill = gtk_label_new (casebook_kind_label (CASEBOOK_KIND_FAILURE, self->lang));

      gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (pill, "kind-pill");
      gtk_widget_add_css_class (pill, "error");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  g_object_set_data_full (G_OBJECT (row), CASE_ID_KEY,
                          g_strdup (casebook_case_summary_get_id (summary)), g_free);

  return row;
}

static void
show_related (CasebookCasePage *self)
{
  g_autoptr(GPtrArray) related = NULL;
  g_autoptr(GError) error = NULL;

  remove_all (GTK_WIDGET (self->related_list));

  related = casebook_store_list_related (self->store, casebook_case_get_id (self->c), RELATED_LIMIT, &error);
  if (related == NULL)
    {
      /* Related cases are a suggestion; without them the page is whole. */
      g_debug ("Could not list the cases related to %s: %s",
               casebook_case_get_id (self->c), error->message);
      gtk_widget_set_visible (self->related_section, FALSE);
      return;
    }

  for (guint i = 0; i < related->len; i++)
    gtk_list_box_append (self->related_list, related_row (self, g_ptr_array_index (related, i)));

  gtk_widget_set_visible (self->related_section, related->len > 0);
}

static void
load_store_material (CasebookCasePage *self)
{
  g_clear_object (&self->catalog);
  self->catalog = casebook_store_read_catalog (self->store);
  update_sector_css (self);
}

static void
show_case (CasebookCasePage *self)
{
  g_autofree gboolean *attached = NULL;

  gtk_widget_set_visible (self->content, self->c != NULL);

  /* A note being written for the case shown until now is saved first. */
  casebook_tag_bar_set_case (self->tag_bar, self->store, self->c);
  casebook_personal_note_set_case (self->personal_note, self->store, self->c);
  /* A store that cannot be written and a case without tags or a note
   * leave nothing to show, not even the space between sections. */
  gtk_widget_set_visible (self->personal_section,
                          gtk_widget_get_visible (GTK_WIDGET (self->tag_bar)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->personal_note)));

  if (self->c == NULL)
    {
      casebook_timeline_set_phases (self->timeline, NULL, self->lang);
      return;
    }

  attached = g_new0 (gboolean, MAX (casebook_case_get_notes (self->c)->len, 1));

  show_header (self);
  show_stack (self);
  show_outcomes (self, attached);
  show_phases (self);
  show_needs (self);
  show_challenges (self);
  show_failure (self);
  show_lessons (self);
  show_notes (self, attached);
  show_source (self);
  show_related (self);
}

/* Overrides ------------------------------------------------------------ */

static void
casebook_case_page_dispose (GObject *object)
{
  CasebookCasePage *self = (CasebookCasePage *)object;

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  if (self->sector_css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->sector_css));

  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_CASE_PAGE);
  g_clear_object (&self->sector_css);
  g_clear_object (&self->c);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (casebook_case_page_parent_class)->dispose (object);
}

static void
casebook_case_page_finalize (GObject *object)
{
  CasebookCasePage *self = (CasebookCasePage *)object;

  g_clear_object (&self->catalog);
  g_clear_pointer (&self->sector_css_text, g_free);
  g_clear_pointer (&self->badge_class, g_free);

  G_OBJECT_CLASS (casebook_case_page_parent_class)->finalize (object);
}

static void
casebook_case_page_class_init (CasebookCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_case_page_dispose;
  object_class->finalize = casebook_case_page_finalize;

  /* The template is in the resources of a static library; using them keeps
   * them, and the constructor that registers them, in any program that
   * uses the page, not only in the application. */
  (void) casebook_get_resource ();

  /**
   * CasebookCasePage::technology-activated:
   * @product: the product's key, its English name, as the store's
   *   technologies table has it
   *
   * A technology chip was activated; the window shows the cases that use
   * the product.
   */
  signals[TECHNOLOGY_ACTIVATED] =
    g_signal_new ("technology-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CasebookCasePage::case-activated:
   * @id: the id of a related case
   *
   * A related case was activated; the window opens it.
   */
  signals[CASE_ACTIVATED] =
    g_signal_new ("case-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CasebookCasePage::tag-activated:
   * @tag: one of the person's tags
   *
   * A tag's chip was activated; the window shows the cases with the tag.
   */
  signals[TAG_ACTIVATED] =
    g_signal_new ("tag-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (CASEBOOK_TYPE_TIMELINE);
  g_type_ensure (CASEBOOK_TYPE_TAG_BAR);
  g_type_ensure (CASEBOOK_TYPE_PERSONAL_NOTE);
  g_type_ensure (ADW_TYPE_CLAMP);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "casepage");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-case-page.ui");

  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, content);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, sector_badge);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, sector_icon);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, sector_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, subsector_box);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, subsector_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, kind_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, own_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, source_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, collection_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, duplicate_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, organization_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, facts_box);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, facts_pair_1);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, facts_pair_2);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, facts_line);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, fact_notes);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, size_fact);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, size_value);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, employees_fact);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, employees_value);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, period_fact);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, period_value);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, approach_fact);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, approach_value);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, personal_section);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, tag_bar);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, personal_note);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, stack_section);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, stack_box);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, outcomes_section);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, outcomes_box);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, phases_section);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, timeline);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, needs_box);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, scenarios_section);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, scenarios_list);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, requirements_section);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, requirements_list);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, challenges_section);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, challenges_list);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, failure_section);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, problem_box);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, result_box);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, result_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, causes_box);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, causes_list);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, lessons_section);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, lessons_list);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, notes_section);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, notes_list);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, source_section);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, source_title);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, source_details);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, source_link);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, source_note);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, related_section);
  gtk_widget_class_bind_template_child (widget_class, CasebookCasePage, related_list);
  gtk_widget_class_bind_template_callback (widget_class, on_related_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_activated);
}

static void
casebook_case_page_init (CasebookCasePage *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->lang = CASEBOOK_LANG_EN;

  self->facts[FACT_SIZE] = self->size_fact;
  self->facts[FACT_EMPLOYEES] = self->employees_fact;
  self->facts[FACT_PERIOD] = self->period_fact;
  self->facts[FACT_APPROACH] = self->approach_fact;
  self->fact_values[FACT_SIZE] = self->size_value;
  self->fact_values[FACT_EMPLOYEES] = self->employees_value;
  self->fact_values[FACT_PERIOD] = self->period_value;
  self->fact_values[FACT_APPROACH] = self->approach_value;
  for (guint i = 0; i < N_FACTS; i++)
    self->fact_marks[i] = add_fact_mark (self->facts[i]);

  self->sector_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->sector_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (on_dark_changed), self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (on_title_focus_enter), self->title_label);
  gtk_widget_add_controller (GTK_WIDGET (self->title_label), focus);

  gtk_widget_set_visible (self->content, FALSE);
}

/* Public API ------------------------------------------------------------ */

/**
 * casebook_case_page_new:
 *
 * Returns: (transfer full): a new, empty case page
 */
CasebookCasePage *
casebook_case_page_new (void)
{
  return g_object_new (CASEBOOK_TYPE_CASE_PAGE, NULL);
}

/**
 * casebook_case_page_set_case:
 * @store: the store the case comes from, for its sector and related cases
 * @c: (nullable): the case to show, or %NULL for an empty page
 * @lang: the language of the content
 *
 * Shows @c in @lang. Calling it again with the same case and another
 * language shows the case in that language at once; with another case, the
 * page scrolls back to the top.
 */
void
casebook_case_page_set_case (CasebookCasePage *self,
                             CasebookStore    *store,
                             CasebookCase     *c,
                             CasebookLang      lang)
{
  gboolean other_case;

  g_return_if_fail (CASEBOOK_IS_CASE_PAGE (self));
  g_return_if_fail (CASEBOOK_IS_STORE (store));
  g_return_if_fail (c == NULL || CASEBOOK_IS_CASE (c));

  other_case = self->c == NULL || c == NULL ||
               g_strcmp0 (casebook_case_get_id (self->c), casebook_case_get_id (c)) != 0;

  g_set_object (&self->store, store);
  g_set_object (&self->c, c);
  self->lang = lang;

  load_store_material (self);
  show_case (self);

  if (other_case)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/**
 * casebook_case_page_set_source:
 * @name: (nullable): the name of the subscription the case on show comes
 *   from, or %NULL for a case of the report or of one's own
 *
 * Marks the case with @name, beside where a case of one's own says so.
 */
void
casebook_case_page_set_source (CasebookCasePage *self,
                               const char       *name)
{
  g_return_if_fail (CASEBOOK_IS_CASE_PAGE (self));

  gtk_label_set_label (GTK_LABEL (self->source_label), name != NULL ? name : "");
  if (name != NULL)
    {
      /* Translators: the tooltip of the mark on a subscribed case; %s is the subscription's name */
      g_autofree char *tooltip = g_strdup_printf (_("From the subscription “%s”, read-only"), name);

      gtk_widget_set_tooltip_text (self->source_label, tooltip);
    }
  gtk_widget_set_visible (self->source_label, name != NULL);
}

/**
 * casebook_case_page_commit_note:
 *
 * Saves the person's note if it is being edited, as leaving the editor
 * would; for an action that needs the store to know of it first.
 *
 * Returns: %TRUE if no note was being edited or it was saved
 */
gboolean
casebook_case_page_commit_note (CasebookCasePage *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_PAGE (self), FALSE);

  return casebook_personal_note_commit (self->personal_note);
}

/**
 * _casebook_case_page_get_case:
 *
 * Returns: (transfer none) (nullable): the case shown
 */
CasebookCase *
_casebook_case_page_get_case (CasebookCasePage *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_PAGE (self), NULL);

  return self->c;
}

/**
 * _casebook_case_page_get_lang:
 *
 * Returns: the language the case is shown in
 */
CasebookLang
_casebook_case_page_get_lang (CasebookCasePage *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_PAGE (self), CASEBOOK_LANG_EN);

  return self->lang;
}

/**
 * _casebook_case_page_get_tag_bar:
 *
 * Returns: (transfer none): the #CasebookTagBar of the page
 */
GtkWidget *
_casebook_case_page_get_tag_bar (CasebookCasePage *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_PAGE (self), NULL);

  return GTK_WIDGET (self->tag_bar);
}

/**
 * _casebook_case_page_get_personal_note:
 *
 * Returns: (transfer none): the #CasebookPersonalNote of the page
 */
GtkWidget *
_casebook_case_page_get_personal_note (CasebookCasePage *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_PAGE (self), NULL);

  return GTK_WIDGET (self->personal_note);
}

/**
 * casebook_case_page_set_collection_menu:
 * @menu: (nullable): the menu of the "Add to Collection" button
 *
 * The window knows the collections; the page only shows its menu.
 */
void
casebook_case_page_set_collection_menu (CasebookCasePage *self,
                                        GMenuModel       *menu)
{
  g_return_if_fail (CASEBOOK_IS_CASE_PAGE (self));
  g_return_if_fail (menu == NULL || G_IS_MENU_MODEL (menu));

  gtk_menu_button_set_menu_model (self->collection_button, menu);
}
