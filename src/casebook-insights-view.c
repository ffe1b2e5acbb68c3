/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-insights-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "casebook-format.h"
#include "casebook-insights-text.h"
#include "casebook-insights-view-private.h"
#include "casebook-store-read.h"

/**
 * CasebookInsightsView:
 *
 * The report's material beyond its cases, read from the store: the
 * abstract, the study's aims, methods and scope (1), the
 * comparisons of section 6 as tables by sector, success factors (7), the
 * lessons of the failure cases (8), best practices (9), trends (10),
 * recommendations (11), conclusions (12) and the references.
 *
 * A search entry narrows the page down to what matches, with the matches
 * highlighted: a match in a heading keeps everything under it, so that
 * searching "cost" finds the cost rows and "trends" the whole chapter.
 * The search looks at the report's texts in both languages, as the case
 * search does: 合规 finds the compliance rows on an English page, which
 * then say that they matched in the Chinese text, since nothing of what
 * they show can be marked.
 */

typedef struct
{
  GtkLabel  *label;
  char      *folded;
  /* The same text in the language not shown, folded, or NULL. */
  char      *other;
  /* "Matched in the Chinese text", made when first needed. */
  GtkWidget *note;
  GtkWidget *unit;
  int        chapter;
  int        group;
  gboolean   heading;
} Entry;

typedef struct
{
  GtkWidget *widget;
  int        chapter;
  /* The group this one lies in (a section's group of bullets lies in
   * the section), or -1. */
  int        parent;
} Group;

typedef struct
{
  char      *key;
  GtkWidget *widget;
  GtkWidget *toc_row;
} Chapter;

struct _CasebookInsightsView
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkSearchEntry *search_entry;
  GtkLabel       *match_label;
  GtkWidget      *previous_button;
  GtkWidget      *next_button;
  AdwFlap        *flap;
  GtkListBox     *toc;
  GtkStack       *content_stack;
  GtkScrolledWindow *scroller;
  GtkBox         *content_box;

  CasebookStore  *store;
  CasebookLang    lang;
  GArray         *entries;    /* Entry */
  GArray         *groups;     /* Group */
  GArray         *chapters;   /* Chapter */
  CasebookCatalog *catalog;   /* asked for again at each rebuild */
  char           *query;
  guint           n_matches;
  /* The match that Next and Previous went to (an index into entries),
   * or -1, and its place among the matches, from 1. */
  int             current_match;
  guint           current_ordinal;
  gboolean        setting_text;
  /* The page is built when it is first shown, and again when it shows
   * after a change made while it was hidden: its hundreds of labels are
   * not made, laid out and shaped for a start that never opens it. */
  gboolean        stale;
  gboolean        built;
};

G_DEFINE_FINAL_TYPE (CasebookInsightsView, casebook_insights_view, ADW_TYPE_BIN)

static gboolean casebook_insights_view_scroll_to (CasebookInsightsView *self,
                                                  const char           *chapter);

enum {
  CASE_ACTIVATED,
  METRIC_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_entry (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->folded, g_free);
  g_clear_pointer (&entry->other, g_free);
}

static void
clear_chapter (gpointer data)
{
  Chapter *chapter = data;

  g_clear_pointer (&chapter->key, g_free);
}

/* The language the page does not show, whose texts the search also
 * looks at. */
static CasebookLang
other_lang (CasebookInsightsView *self)
{
  return self->lang == CASEBOOK_LANG_ZH ? CASEBOOK_LANG_EN : CASEBOOK_LANG_ZH;
}

/* @text in the language not shown, or NULL when it has none. */
static const char *
other_text (CasebookInsightsView *self,
            const CasebookText   *text)
{
  return casebook_text_get_exact (text, other_lang (self));
}

/* Building blocks ------------------------------------------------------- */

/* Adds a label showing @text, which the search finds also by @other,
 * the same text in the language not shown (%NULL for the interface's
 * own words, which have no other text here). */
static GtkLabel *
add_text (CasebookInsightsView *self,
          GtkBox               *box,
          const char           *text,
          const char           *other,
          const char           *css_class,
          GtkWidget            *unit,
          int                   chapter,
          int                   group,
          gboolean              heading)
{
  GtkWidget *label = gtk_label_new (text);
  Entry entry = { 0 };

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);

  entry.label = GTK_LABEL (label);
  entry.folded = _casebook_insights_fold (text);
  entry.other = other != NULL && g_strcmp0 (other, text) != 0 ? _casebook_insights_fold (other) : NULL;
  entry.unit = unit != NULL ? unit : label;
  entry.chapter = chapter;
  entry.group = group;
  entry.heading = heading;
  g_array_append_val (self->entries, entry);

  return GTK_LABEL (label);
}

static int
add_group (CasebookInsightsView *self,
           GtkWidget            *widget,
           int                   chapter)
{
  Group group = { widget, chapter, -1 };

  g_array_append_val (self->groups, group);
  return (int) self->groups->len - 1;
}

static GtkWidget *
new_box (GtkOrientation orientation,
         int            spacing)
{
  return gtk_box_new (orientation, spacing);
}

/* A bulleted line; its box is what the search hides. */
static void
add_bullet (CasebookInsightsView *self,
            GtkBox               *parent,
            const CasebookText   *title,
            const CasebookText   *text,
            int                   chapter,
            int                   group)
{
  GtkWidget *row = new_box (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *bullet = gtk_label_new ("•");
  GtkWidget *texts = new_box (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_valign (bullet, GTK_ALIGN_START);
  gtk_widget_add_css_class (bullet, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (row), bullet);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_box_append (parent, row);

  if (title != NULL)
    add_text (self, GTK_BOX (texts), casebook_text_get (title, self->lang), other_text (self, title), "heading",
              row, chapter, group, FALSE);
  if (text != NULL)
    add_text (self, GTK_BOX (texts), casebook_text_get (text, self->lang), other_text (self, text), NULL, row,
              chapter, group, FALSE);
}

static int
begin_chapter (CasebookInsightsView *self,
               const char           *key,
               const char           *number,
               const char           *title)
{
  GtkWidget *box = new_box (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = new_box (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *row_label = gtk_label_new (NULL);
  g_autofree char *toc_text = number != NULL ? g_strdup_printf ("%s  %s", number, title) : g_strdup (title);
  Chapter chapter = { g_strdup (key), box, row };
  int index = (int) self->chapters->len;

  gtk_widget_add_css_class (box, "insights-chapter");
  if (index > 0)
    gtk_widget_set_margin_top (box, 24);

  if (number != NULL)
    {
      GtkWidget *n = gtk_label_new (number);

      gtk_widget_add_css_class (n, "title-1");
      gtk_widget_add_css_class (n, "chapter-number");
      gtk_widget_set_valign (n, GTK_ALIGN_BASELINE);
      gtk_box_append (GTK_BOX (heading), n);
    }
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (self->content_box, box);

  g_array_append_val (self->chapters, chapter);
  add_text (self, GTK_BOX (heading), title, NULL, "title-1", NULL, index, -1, TRUE);

  gtk_label_set_label (GTK_LABEL (row_label), toc_text);
  gtk_label_set_xalign (GTK_LABEL (row_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row_label), PANGO_ELLIPSIZE_END);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), row_label);
  g_object_set_data_full (G_OBJECT (row), "chapter", g_strdup (key), g_free);
  gtk_list_box_append (self->toc, row);

  return index;
}

static GtkBox *
chapter_box (CasebookInsightsView *self,
             int                   chapter)
{
  return GTK_BOX (g_array_index (self->chapters, Chapter, chapter).widget);
}

static GtkWidget *
section_heading (CasebookInsightsView  *self,
                 GtkBox                *parent,
                 const CasebookInsight *insight,
                 int                    chapter,
                 int                    group)
{
  g_autofree char *text = g_strdup_printf ("%s  %s", insight->section,
                                           casebook_text_get (insight->title, self->lang));
  g_autofree char *other = other_text (self, insight->title) != NULL
    ? g_strdup_printf ("%s  %s", insight->section, other_text (self, insight->title)) : NULL;

  return GTK_WIDGET (add_text (self, parent, text, other, "title-3", NULL, chapter, group, TRUE));
}

/* The narrowest a table's column gets; a narrower page scrolls the
 * table sideways. */
#define COLUMN_MIN_WIDTH 120

/* A comparison section (6.x): a table with the groups down and the
 * sectors across, each cell what the report says of that sector. */
static void
add_comparison (CasebookInsightsView  *self,
                const CasebookInsight *insight,
                int                    chapter)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  GtkWidget *section = new_box (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *table = new_box (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = new_box (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *corner = gtk_label_new (NULL);
  GtkWidget *scroller;
  int group;

  gtk_box_append (chapter_box (self, chapter), section);
  group = add_group (self, section, chapter);
  section_heading (self, GTK_BOX (section), insight, chapter, group);

  /* The sectors, in the order the report first names them. */
  for (guint g = 0; g < insight->groups->len; g++)
    {
      const CasebookInsightGroup *ig = g_ptr_array_index (insight->groups, g);

      for (guint i = 0; i < ig->items->len; i++)
        {
          const CasebookInsightItem *item = g_ptr_array_index (ig->items, i);

          if (item->sector != NULL && !g_ptr_array_find_with_equal_func (columns, item->sector, g_str_equal, NULL))
            g_ptr_array_add (columns, item->sector);
        }
    }

  gtk_widget_add_css_class (table, "insights-table");
  gtk_widget_add_css_class (table, "card");

  /* A column per sector needs more room than a phone has: the table
   * scrolls sideways there, and the page itself keeps to the screen. */
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), table);
  gtk_box_append (GTK_BOX (section), _casebook_insights_table_holder_new (scroller, table));

  gtk_box_set_homogeneous (GTK_BOX (header), TRUE);
  gtk_widget_add_css_class (header, "insights-table-header");
  gtk_box_append (GTK_BOX (header), corner);
  for (guint c = 0; c < columns->len; c++)
    {
      const char *key = g_ptr_array_index (columns, c);
      g_autofree char *escaped = g_markup_escape_text (casebook_catalog_sector_name (self->catalog, key, self->lang),
                                                       -1);
      g_autofree char *markup = g_strdup_printf ("<span foreground=\"%s\">●</span>\u00a0%s",
                                                 casebook_catalog_sector_color (self->catalog, key), escaped);
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      /* A sector's name is one word in most languages: wrap between
       * words, never inside one. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "insights-cell");
      gtk_widget_set_size_request (label, COLUMN_MIN_WIDTH, -1);
      gtk_box_append (GTK_BOX (header), label);
    }
  gtk_box_append (GTK_BOX (table), header);

  for (guint g = 0; g < insight->groups->len; g++)
    {
      const CasebookInsightGroup *ig = g_ptr_array_index (insight->groups, g);
      GtkWidget *row = new_box (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *cell = new_box (GTK_ORIENTATION_VERTICAL, 0);

      gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
      gtk_widget_add_css_class (row, "insights-table-row");
      gtk_box_append (GTK_BOX (table), row);

      gtk_widget_add_css_class (cell, "insights-cell");
      gtk_widget_set_size_request (cell, COLUMN_MIN_WIDTH, -1);
      gtk_box_append (GTK_BOX (row), cell);
      add_text (self, GTK_BOX (cell), casebook_text_get (ig->title, self->lang), other_text (self, ig->title),
                "heading", row, chapter, group, FALSE);

      for (guint c = 0; c < columns->len; c++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          g_autoptr(GString) other = g_string_new (NULL);

          cell = new_box (GTK_ORIENTATION_VERTICAL, 0);
          gtk_widget_add_css_class (cell, "insights-cell");
          gtk_box_append (GTK_BOX (row), cell);

          for (guint i = 0; i < ig->items->len; i++)
            {
              const CasebookInsightItem *item = g_ptr_array_index (ig->items, i);

              if (g_strcmp0 (item->sector, g_ptr_array_index (columns, c)) != 0)
                continue;
              if (text->len > 0)
                g_string_append_c (text, '\n');
              g_string_append (text, casebook_text_get (item->text, self->lang));
              if (other_text (self, item->text) != NULL)
                {
                  if (other->len > 0)
                    g_string_append_c (other, '\n');
                  g_string_append (other, other_text (self, item->text));
                }
            }

          add_text (self, GTK_BOX (cell), text->len > 0 ? text->str : "–", other->len > 0 ? other->str : NULL,
                    NULL, row, chapter, group, FALSE);
        }

      /* Items that name no sector read under the table. */
      for (guint i = 0; i < ig->items->len; i++)
        {
          const CasebookInsightItem *item = g_ptr_array_index (ig->items, i);

          if (item->sector == NULL)
            add_bullet (self, GTK_BOX (section), NULL, item->text, chapter, group);
        }
    }
}

static void
on_compare_clicked (GtkButton            *button,
                    CasebookInsightsView *self)
{
  g_signal_emit (self, signals[METRIC_ACTIVATED], 0,
                 g_object_get_data (G_OBJECT (button), "metric"),
                 g_object_get_data (G_OBJECT (button), "sector"));
}

/* The numbers the report gives in 6.3, each with a way to see it among
 * the cases' own numbers. */
static void
add_ranges (CasebookInsightsView *self,
            int                   chapter)
{
  GPtrArray *ranges = casebook_catalog_get_ranges (self->catalog);
  GtkWidget *section, *list;
  int group;

  if (ranges->len == 0)
    return;

  section = new_box (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (chapter_box (self, chapter), section);
  group = add_group (self, section, chapter);
  add_text (self, GTK_BOX (section), _("The report’s ranges in numbers"), NULL, "heading", NULL, chapter, group,
            TRUE);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (section), list);

  for (guint i = 0; i < ranges->len; i++)
    {
      const CasebookRange *range = g_ptr_array_index (ranges, i);
      const char *sector_name = casebook_catalog_sector_name (self->catalog, range->sector, self->lang);
      const char *metric_name = casebook_catalog_metric_name (self->catalog, range->metric, self->lang);
      GtkWidget *row = new_box (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *texts = new_box (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Compare"));
      g_autofree char *lo = casebook_format_value (range->min, range->unit, self->lang);
      g_autofree char *hi = casebook_format_value (range->max, range->unit, self->lang);
      g_autofree char *figure = range->min == range->max ? g_strdup (lo) : g_strdup_printf (_("%s to %s"), lo, hi);
      g_autofree char *title = NULL;
      g_autofree char *other = NULL;

      /* Translators: a range of the report, e.g. "Finance · Cost: −40% to −30%" */
      title = g_strdup_printf (_("%s · %s: %s"), sector_name, metric_name, figure);
      /* What the search finds of it in the other language: the names. */
      other = g_strdup_printf ("%s · %s",
                               casebook_catalog_sector_name (self->catalog, range->sector, other_lang (self)),
                               casebook_catalog_metric_name (self->catalog, range->metric, other_lang (self)));

      gtk_widget_set_hexpand (texts, TRUE);
      gtk_widget_set_margin_start (row, 12);
      gtk_widget_set_margin_end (row, 12);
      gtk_widget_set_margin_top (row, 8);
      gtk_widget_set_margin_bottom (row, 8);
      gtk_box_append (GTK_BOX (row), texts);
      gtk_list_box_append (GTK_LIST_BOX (list), row);

      /* The search hides the list's row, not only what is in it. */
      add_text (self, GTK_BOX (texts), title, other, "heading", gtk_widget_get_parent (row), chapter, group, FALSE);
      add_text (self, GTK_BOX (texts), casebook_text_get (range->text, self->lang), other_text (self, range->text),
                "dim-label", gtk_widget_get_parent (row), chapter, group, FALSE);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("See this range among the cases’ own numbers"));
      g_object_set_data_full (G_OBJECT (button), "metric", g_strdup (range->metric), g_free);
      g_object_set_data_full (G_OBJECT (button), "sector", g_strdup (range->sector), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_compare_clicked), self);
      gtk_box_append (GTK_BOX (row), button);
    }
}

/* A section of groups of bulleted items (7, 9–12). */
static void
add_section (CasebookInsightsView  *self,
             const CasebookInsight *insight,
             int                    chapter)
{
  GtkWidget *section = new_box (GTK_ORIENTATION_VERTICAL, 6);
  int group;

  gtk_box_append (chapter_box (self, chapter), section);
  group = add_group (self, section, chapter);

  /* A chapter of one section (12) has its heading already. */
  if (strchr (insight->section, '.') != NULL)
    section_heading (self, GTK_BOX (section), insight, chapter, group);

  if (insight->summary != NULL)
    {
      g_auto(GStrv) paragraphs = g_strsplit (casebook_text_get (insight->summary, self->lang), "\n\n", -1);
      g_auto(GStrv) others = other_text (self, insight->summary) != NULL
        ? g_strsplit (other_text (self, insight->summary), "\n\n", -1) : NULL;
      gboolean paired = others != NULL && g_strv_length (others) == g_strv_length (paragraphs);

      /* Each paragraph is found by its translation; a translation
       * paragraphed differently goes whole with the first. */
      for (guint p = 0; paragraphs[p] != NULL; p++)
        {
          const char *other = paired ? g_strstrip (others[p])
                                     : p == 0 ? other_text (self, insight->summary) : NULL;

          add_text (self, GTK_BOX (section), g_strstrip (paragraphs[p]), other, "insights-paragraph", NULL,
                    chapter, group, FALSE);
        }
    }

  for (guint g = 0; g < insight->groups->len; g++)
    {
      const CasebookInsightGroup *ig = g_ptr_array_index (insight->groups, g);
      GtkWidget *box = new_box (GTK_ORIENTATION_VERTICAL, 4);
      int inner;

      gtk_widget_set_margin_top (box, 6);
      gtk_box_append (GTK_BOX (section), box);
      inner = add_group (self, box, chapter);
      g_array_index (self->groups, Group, inner).parent = group;
      add_text (self, GTK_BOX (box), casebook_text_get (ig->title, self->lang), other_text (self, ig->title),
                "heading", NULL, chapter, inner, TRUE);

      for (guint i = 0; i < ig->items->len; i++)
        {
          const CasebookInsightItem *item = g_ptr_array_index (ig->items, i);

          add_bullet (self, GTK_BOX (box), item->title, item->text, chapter, inner);
        }
    }
}

static void
on_open_case_clicked (GtkButton            *button,
                      CasebookInsightsView *self)
{
  g_signal_emit (self, signals[CASE_ACTIVATED], 0, g_object_get_data (G_OBJECT (button), "case-id"));
}

static int
compare_summaries (gconstpointer a,
                   gconstpointer b)
{
  CasebookCaseSummary *sa = *(CasebookCaseSummary **) a;
  CasebookCaseSummary *sb = *(CasebookCaseSummary **) b;

  return g_strcmp0 (casebook_case_summary_get_id (sa), casebook_case_summary_get_id (sb));
}

static void
add_bullets (CasebookInsightsView *self,
             GtkBox               *box,
             const char           *heading,
             GPtrArray            *texts,
             int                   chapter,
             int                   group)
{
  GtkWidget *label;

  if (texts == NULL || texts->len == 0)
    return;

  label = GTK_WIDGET (add_text (self, box, heading, NULL, "caption-heading", NULL, chapter, group, FALSE));
  gtk_widget_set_margin_top (label, 6);
  for (guint i = 0; i < texts->len; i++)
    add_bullet (self, box, NULL, g_ptr_array_index (texts, i), chapter, group);
}

/* Section 8: the lessons of the report's failure cases, from the cases
 * themselves. */
static void
add_failures (CasebookInsightsView *self,
              int                   chapter)
{
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();

  casebook_filter_set (filter, CASEBOOK_FACET_KIND, "failure", TRUE);
  rows = casebook_store_list (self->store, filter, CASEBOOK_SORT_TITLE, self->lang, NULL, 200, NULL, NULL);
  if (rows == NULL)
    return;

  /* The report's own failures; a collection without them shows the
   * failures it has. */
  for (guint i = 0; i < rows->len; i++)
    if (casebook_case_summary_get_origin (g_ptr_array_index (rows, i)) == CASEBOOK_ORIGIN_BUNDLED)
      g_ptr_array_add (chosen, g_ptr_array_index (rows, i));
  if (chosen->len == 0)
    for (guint i = 0; i < MIN (rows->len, 20); i++)
      g_ptr_array_add (chosen, g_ptr_array_index (rows, i));
  g_ptr_array_sort (chosen, compare_summaries);

  for (guint i = 0; i < chosen->len; i++)
    {
      CasebookCaseSummary *summary = g_ptr_array_index (chosen, i);
      g_autoptr(CasebookCase) c = casebook_store_get_case (self->store, casebook_case_summary_get_id (summary), NULL);
      const CasebookFailure *failure;
      const CasebookSource *source;
      GtkWidget *card, *header, *texts, *open;
      g_autofree char *title = NULL;
      g_autofree char *other_title = NULL;
      g_autofree char *caption = NULL;
      g_autofree char *other_caption = NULL;
      g_autofree char *problem = NULL;
      g_autofree char *result = NULL;
      CasebookLang other = other_lang (self);
      int group;

      if (c == NULL)
        continue;

      failure = casebook_case_get_failure (c);
      source = casebook_case_get_source (c);

      card = new_box (GTK_ORIENTATION_VERTICAL, 4);
      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "insights-failure");
      gtk_box_append (chapter_box (self, chapter), card);
      group = add_group (self, card, chapter);

      header = new_box (GTK_ORIENTATION_HORIZONTAL, 12);
      texts = new_box (GTK_ORIENTATION_VERTICAL, 2);
      gtk_widget_set_hexpand (texts, TRUE);
      gtk_box_append (GTK_BOX (header), texts);
      gtk_box_append (GTK_BOX (card), header);

      title = source != NULL && source->section != NULL
        ? g_strdup_printf ("%s  %s", source->section, casebook_text_get (casebook_case_get_title (c), self->lang))
        : g_strdup (casebook_text_get (casebook_case_get_title (c), self->lang));
      other_title = g_strdup (casebook_text_get (casebook_case_get_title (c), other));
      add_text (self, GTK_BOX (texts), title, other_title, "title-4", NULL, chapter, group, TRUE);
      caption = g_strdup_printf ("%s · %s",
                                 casebook_catalog_sector_name (self->catalog, casebook_case_get_sector (c), self->lang),
                                 casebook_text_get (casebook_case_get_organization (c), self->lang));
      other_caption = g_strdup_printf ("%s · %s",
                                       casebook_catalog_sector_name (self->catalog, casebook_case_get_sector (c), other),
                                       casebook_text_get (casebook_case_get_organization (c), other));
      add_text (self, GTK_BOX (texts), caption, other_caption, "dim-label", NULL, chapter, group, FALSE);

      open = gtk_button_new_with_mnemonic (_("_Open Case"));
      gtk_widget_set_valign (open, GTK_ALIGN_START);
      g_object_set_data_full (G_OBJECT (open), "case-id", g_strdup (casebook_case_get_id (c)), g_free);
      g_signal_connect (open, "clicked", G_CALLBACK (on_open_case_clicked), self);
      gtk_box_append (GTK_BOX (header), open);

      if (failure != NULL)
        {
          /* Translators: the problem of a failure case, e.g. "Problem: Chose an immature technology" */
          problem = g_strdup_printf (_("Problem: %s"), casebook_text_get (failure->problem, self->lang));
          /* Translators: what came of a failure, e.g. "Result: Poor system stability" */
          result = g_strdup_printf (_("Result: %s"), casebook_text_get (failure->result, self->lang));
          add_text (self, GTK_BOX (card), problem, other_text (self, failure->problem), "insights-paragraph", NULL,
                    chapter, group, FALSE);
          add_text (self, GTK_BOX (card), result, other_text (self, failure->result), NULL, NULL, chapter, group,
                    FALSE);
          add_bullets (self, GTK_BOX (card), _("Causes"), failure->causes, chapter, group);
        }
      add_bullets (self, GTK_BOX (card), _("Lessons"), casebook_case_get_lessons (c), chapter, group);
    }
}

static void
add_references (CasebookInsightsView *self,
                int                   chapter)
{
  g_autoptr(GPtrArray) references = casebook_store_list_references (self->store, NULL);
  GtkWidget *box = new_box (GTK_ORIENTATION_VERTICAL, 6);
  int group;

  gtk_box_append (chapter_box (self, chapter), box);
  group = add_group (self, box, chapter);

  for (guint i = 0; references != NULL && i < references->len; i++)
    {
      const CasebookReference *reference = g_ptr_array_index (references, i);
      g_autofree char *text = g_strdup_printf ("[%" G_GINT64_FORMAT "]  %s", reference->number, reference->text);

      add_text (self, GTK_BOX (box), text, NULL, "insights-reference", NULL, chapter, group, FALSE);
    }
}

static const char *
chapter_title (const char *number)
{
  static const struct
  {
    const char *number;
    const char *title;
  } titles[] = {
    /* Translators: the heading of the report's abstract */
    { "abstract", N_("Abstract") },
    /* Translators: the heading of the report's section 1: its aims,
     * methods and scope */
    { "1", N_("About the study") },
    { "6", N_("Cross-sector comparison") },
    { "7", N_("Success factors") },
    { "8", N_("Lessons from failures") },
    { "9", N_("Best practices") },
    { "10", N_("Trends") },
    { "11", N_("Recommendations") },
    { "12", N_("Conclusions") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (number, titles[i].number))
      return _(titles[i].title);

  return NULL;
}

static char *
chapter_of (const char *section)
{
  const char *dot = strchr (section, '.');

  return dot != NULL ? g_strndup (section, dot - section) : g_strdup (section);
}

static int
find_chapter (CasebookInsightsView *self,
              const char           *key)
{
  for (guint i = 0; i < self->chapters->len; i++)
    if (g_strcmp0 (g_array_index (self->chapters, Chapter, i).key, key) == 0)
      return (int) i;

  return -1;
}

static void apply_query (CasebookInsightsView *self);

static void
rebuild (CasebookInsightsView *self)
{
  static const char * const order[] = { "abstract", "1", "6", "7", "8", "9", "10", "11", "12" };
  g_autoptr(GPtrArray) insights = NULL;
  GtkWidget *child;

  if (self->store != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  self->built = self->store != NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))) != NULL)
    gtk_box_remove (self->content_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->toc))) != NULL)
    gtk_list_box_remove (self->toc, child);
  g_array_set_size (self->entries, 0);
  g_array_set_size (self->groups, 0);
  g_array_set_size (self->chapters, 0);

  g_clear_object (&self->catalog);
  self->catalog = casebook_store_read_catalog (self->store);

  if (self->store == NULL)
    return;

  insights = casebook_store_list_insights (self->store, NULL);
  if (insights == NULL)
    insights = g_ptr_array_new ();

  /* The report's chapters in order, then any a collection adds. */
  for (guint c = 0; c < G_N_ELEMENTS (order); c++)
    {
      int chapter = -1;

      for (guint i = 0; i < insights->len; i++)
        {
          const CasebookInsight *insight = g_ptr_array_index (insights, i);
          g_autofree char *number = chapter_of (insight->section);

          if (!g_str_equal (number, order[c]))
            continue;

          /* The abstract has no number. */
          if (chapter < 0)
            chapter = begin_chapter (self, order[c], g_ascii_isdigit (order[c][0]) ? order[c] : NULL,
                                     chapter_title (order[c]));

          if (g_strcmp0 (insight->topic, "comparison") == 0)
            add_comparison (self, insight, chapter);
          else
            add_section (self, insight, chapter);

          if (g_strcmp0 (insight->section, "6.3") == 0)
            add_ranges (self, chapter);
        }

      if (g_str_equal (order[c], "8"))
        {
          chapter = begin_chapter (self, "8", "8", chapter_title ("8"));
          add_failures (self, chapter);
        }
    }

  for (guint i = 0; i < insights->len; i++)
    {
      const CasebookInsight *insight = g_ptr_array_index (insights, i);
      g_autofree char *number = chapter_of (insight->section);
      int chapter = find_chapter (self, number);

      if (chapter_title (number) != NULL)
        continue;

      if (chapter < 0)
        chapter = begin_chapter (self, number, number, casebook_text_get (insight->title, self->lang));
      if (g_strcmp0 (insight->topic, "comparison") == 0)
        add_comparison (self, insight, chapter);
      else
        add_section (self, insight, chapter);
    }

  add_references (self, begin_chapter (self, "references", NULL, _("References")));

  apply_query (self);
}

/* Search ---------------------------------------------------------------- */

typedef enum
{
  MATCH_NONE,
  MATCH_SHOWN,  /* in the text shown, which is marked */
  MATCH_OTHER,  /* only in the text of the language not shown */
} Match;

static Match
entry_matches (const Entry *entry,
               const char  *folded_query)
{
  if (folded_query == NULL)
    return MATCH_NONE;
  if (strstr (entry->folded, folded_query) != NULL)
    return MATCH_SHOWN;
  if (entry->other != NULL && strstr (entry->other, folded_query) != NULL)
    return MATCH_OTHER;
  return MATCH_NONE;
}

/* A text shown for a match in its other language has nothing to mark:
 * a line under it says why it is there. */
static void
show_other_note (CasebookInsightsView *self,
                 Entry                *entry,
                 gboolean              shown)
{
  GtkWidget *label = GTK_WIDGET (entry->label);

  if (!shown)
    {
      if (entry->note != NULL)
        gtk_widget_set_visible (entry->note, FALSE);
      return;
    }

  if (entry->note == NULL)
    {
      const char *text = other_lang (self) == CASEBOOK_LANG_ZH
        /* Translators: under a text of Insights that a search shows
         * because the query is in its Chinese version */
        ? _("Matched in the Chinese text")
        /* Translators: under a text of Insights that a search shows
         * because the query is in its English version */
        : _("Matched in the English text");

      entry->note = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (entry->note), 0);
      gtk_label_set_wrap (GTK_LABEL (entry->note), TRUE);
      gtk_widget_set_valign (entry->note, GTK_ALIGN_BASELINE);
      gtk_widget_add_css_class (entry->note, "caption");
      gtk_widget_add_css_class (entry->note, "dim-label");
      gtk_widget_add_css_class (entry->note, "insights-other-match");
      gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (label)), entry->note, label);
    }
  gtk_widget_set_visible (entry->note, TRUE);
}

static void
apply_query (CasebookInsightsView *self)
{
  g_autofree char *query = self->query != NULL ? _casebook_insights_fold (self->query) : NULL;
  g_autofree gboolean *chapter_match = g_new0 (gboolean, MAX (self->chapters->len, 1));
  g_autofree gboolean *chapter_shown = g_new0 (gboolean, MAX (self->chapters->len, 1));
  g_autofree gboolean *group_match = g_new0 (gboolean, MAX (self->groups->len, 1));
  g_autofree gboolean *group_shown = g_new0 (gboolean, MAX (self->groups->len, 1));
  g_autoptr(GHashTable) units = g_hash_table_new (NULL, NULL);
  g_autofree char *count = NULL;
  Match next;

  self->n_matches = 0;
  self->current_match = -1;
  self->current_ordinal = 0;

  /* What matches: texts, and the headings that keep all under them. */
  next = self->entries->len > 0 ? entry_matches (&g_array_index (self->entries, Entry, 0), query) : MATCH_NONE;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      Entry *following = i + 1 < self->entries->len ? &g_array_index (self->entries, Entry, i + 1) : NULL;
      Match match = next;

      next = following != NULL ? entry_matches (following, query) : MATCH_NONE;

      /* Only what shows is marked. A bullet's title and its text, both
       * found in the other language, share one note, under the text. */
      _casebook_insights_highlight (entry->label, match == MATCH_SHOWN ? query : NULL);
      show_other_note (self, entry,
                       match == MATCH_OTHER &&
                       !(next == MATCH_OTHER && following->unit == entry->unit &&
                         gtk_widget_get_parent (GTK_WIDGET (following->label)) ==
                         gtk_widget_get_parent (GTK_WIDGET (entry->label))));
      if (match == MATCH_NONE)
        continue;

      self->n_matches++;
      if (!entry->heading)
        g_hash_table_add (units, entry->unit);
      else if (entry->group < 0)
        chapter_match[entry->chapter] = TRUE;
      else
        group_match[entry->group] = TRUE;
    }

  /* A group lies after the one it is in, so one pass passes a heading's
   * match down to everything under it. */
  for (guint g = 0; g < self->groups->len; g++)
    {
      Group *group = &g_array_index (self->groups, Group, g);

      if (chapter_match[group->chapter] || (group->parent >= 0 && group_match[group->parent]))
        group_match[g] = TRUE;
    }

  /* Lines show when they match or their heading does; headings show
   * with what is under them. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      gboolean shown;

      if (entry->heading)
        continue;

      shown = query == NULL || g_hash_table_contains (units, entry->unit) ||
              (entry->group >= 0 ? group_match[entry->group] : chapter_match[entry->chapter]);
      gtk_widget_set_visible (entry->unit, shown);
      if (shown && entry->group >= 0)
        group_shown[entry->group] = TRUE;
    }

  /* And from the last back, a group that shows shows the one it is in:
   * a line of 10.2 keeps 10.2's heading. */
  for (guint g = self->groups->len; g-- > 0;)
    {
      Group *group = &g_array_index (self->groups, Group, g);
      gboolean shown = query == NULL || group_match[g] || group_shown[g];

      gtk_widget_set_visible (group->widget, shown);
      if (shown)
        chapter_shown[group->chapter] = TRUE;
      if (shown && group->parent >= 0)
        group_shown[group->parent] = TRUE;
    }

  for (guint c = 0; c < self->chapters->len; c++)
    {
      Chapter *chapter = &g_array_index (self->chapters, Chapter, c);
      gboolean shown = query == NULL || chapter_match[c] || chapter_shown[c];

      gtk_widget_set_visible (chapter->widget, shown);
      gtk_widget_set_visible (chapter->toc_row, shown);
    }

  if (query != NULL)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", self->n_matches),
                             self->n_matches);
  gtk_label_set_label (self->match_label, count);
  gtk_widget_set_sensitive (self->previous_button, self->n_matches > 0);
  gtk_widget_set_sensitive (self->next_button, self->n_matches > 0);
  gtk_stack_set_visible_child_name (self->content_stack,
                                    query != NULL && self->n_matches == 0 ? "empty" : "content");
}

/* Goes to the next match after the current one (@step 1) or the one
 * before it (-1), round the page's end, and brings it into view. */
static void
go_to_match (CasebookInsightsView *self,
             int                   step)
{
  g_autofree char *query = self->query != NULL ? _casebook_insights_fold (self->query) : NULL;
  int n = (int) self->entries->len;
  int at = self->current_match;

  if (query == NULL || self->n_matches == 0 || n == 0)
    return;

  for (int tries = 0; tries < n; tries++)
    {
      Entry *entry;

      at = at < 0 ? (step > 0 ? 0 : n - 1) : (at + step + n) % n;
      entry = &g_array_index (self->entries, Entry, at);
      if (entry_matches (entry, query) != MATCH_NONE)
        break;
    }

  self->current_match = at;
  self->current_ordinal = 0;
  for (int i = 0; i <= at; i++)
    if (entry_matches (&g_array_index (self->entries, Entry, i), query) != MATCH_NONE)
      self->current_ordinal++;

  {
    /* Translators: the match gone to with Next or Previous, and how many
     * there are, as in "3 of 7" */
    g_autofree char *count = g_strdup_printf (_("%u of %u"), self->current_ordinal, self->n_matches);
    GtkWidget *label = GTK_WIDGET (g_array_index (self->entries, Entry, at).label);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
    graphene_point_t point;

    gtk_label_set_label (self->match_label, count);

    /* A third of the way down, with what leads up to it above. */
    if (gtk_widget_compute_point (label, GTK_WIDGET (self->content_box), &GRAPHENE_POINT_INIT (0, 0), &point))
      gtk_adjustment_set_value (adjustment, point.y - gtk_adjustment_get_page_size (adjustment) / 3);
  }
}

static void
on_next_match (CasebookInsightsView *self)
{
  go_to_match (self, 1);
}

static void
on_previous_match (CasebookInsightsView *self)
{
  go_to_match (self, -1);
}

static void
on_search_changed (CasebookInsightsView *self,
                   GtkSearchEntry       *entry)
{
  /* Replacing the entry's text empties it for a moment; that is not a
   * search. */
  if (self->setting_text)
    return;

  _casebook_insights_view_set_query (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_stop_search (CasebookInsightsView *self,
                GtkSearchEntry       *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_toc_activated (CasebookInsightsView *self,
                  GtkListBoxRow        *row,
                  GtkListBox           *list)
{
  casebook_insights_view_scroll_to (self, g_object_get_data (G_OBJECT (row), "chapter"));
  /* Folded, the list lies over the text it leads to: step aside. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
on_store_changed (CasebookInsightsView *self,
                  CasebookStore        *store)
{
  rebuild (self);
}

static void
casebook_insights_view_map (GtkWidget *widget)
{
  CasebookInsightsView *self = CASEBOOK_INSIGHTS_VIEW (widget);

  GTK_WIDGET_CLASS (casebook_insights_view_parent_class)->map (widget);
  /* What was measured while the page was hidden was nothing. */
  gtk_widget_queue_resize (widget);

  if (self->stale)
    rebuild (self);
}

/* A hidden page of the window's view stack asks for no room, so that the
 * stack's measuring leaves its labels unshaped until it is shown; once
 * shown (and mapped, which measures it again) it asks for what it needs. */
static void
casebook_insights_view_measure (GtkWidget      *widget,
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

  GTK_WIDGET_CLASS (casebook_insights_view_parent_class)->measure (widget, orientation, for_size,
                                                                   minimum, natural, minimum_baseline, natural_baseline);
}

/* GObject ---------------------------------------------------------------- */

static void
casebook_insights_view_dispose (GObject *object)
{
  CasebookInsightsView *self = (CasebookInsightsView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_INSIGHTS_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (casebook_insights_view_parent_class)->dispose (object);
}

static void
casebook_insights_view_finalize (GObject *object)
{
  CasebookInsightsView *self = (CasebookInsightsView *)object;

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->groups, g_array_unref);
  g_clear_pointer (&self->chapters, g_array_unref);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (casebook_insights_view_parent_class)->finalize (object);
}

static void
casebook_insights_view_class_init (CasebookInsightsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_insights_view_dispose;
  object_class->finalize = casebook_insights_view_finalize;
  widget_class->map = casebook_insights_view_map;
  widget_class->measure = casebook_insights_view_measure;

  /**
   * CasebookInsightsView::case-activated:
   * @id: a failure case to open
   */
  signals[CASE_ACTIVATED] = g_signal_new ("case-activated",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CasebookInsightsView::metric-activated:
   * @metric: a metric family of a range of section 6.3
   * @sector: its sector
   */
  signals[METRIC_ACTIVATED] = g_signal_new ("metric-activated",
                                            G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-insights-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookInsightsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CasebookInsightsView, match_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookInsightsView, flap);
  gtk_widget_class_bind_template_child (widget_class, CasebookInsightsView, toc);
  gtk_widget_class_bind_template_child (widget_class, CasebookInsightsView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CasebookInsightsView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CasebookInsightsView, content_box);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_match);
  gtk_widget_class_bind_template_child (widget_class, CasebookInsightsView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookInsightsView, next_button);
  gtk_widget_class_bind_template_callback (widget_class, on_toc_activated);

  gtk_widget_class_set_css_name (widget_class, "insightsview");
}

static void
casebook_insights_view_init (CasebookInsightsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Typing anywhere on the page searches it. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  self->lang = CASEBOOK_LANG_EN;
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  self->current_match = -1;
  g_array_set_clear_func (self->entries, clear_entry);
  self->groups = g_array_new (FALSE, TRUE, sizeof (Group));
  self->chapters = g_array_new (FALSE, TRUE, sizeof (Chapter));
  g_array_set_clear_func (self->chapters, clear_chapter);
  self->catalog = casebook_catalog_new (NULL, NULL, NULL);
}

/* Public API ------------------------------------------------------------ */

/**
 * casebook_insights_view_set_store:
 *
 * Shows the report material of @store in @lang, and follows the store
 * as it changes.
 */
void
casebook_insights_view_set_store (CasebookInsightsView *self,
                                  CasebookStore        *store,
                                  CasebookLang          lang)
{
  g_return_if_fail (CASEBOOK_IS_INSIGHTS_VIEW (self));
  g_return_if_fail (CASEBOOK_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  g_set_object (&self->store, store);
  self->lang = lang;
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);

  rebuild (self);
}

void
casebook_insights_view_set_lang (CasebookInsightsView *self,
                                 CasebookLang          lang)
{
  g_return_if_fail (CASEBOOK_IS_INSIGHTS_VIEW (self));

  if (self->lang == lang)
    return;

  self->lang = lang;
  rebuild (self);
}

/**
 * _casebook_insights_view_set_query:
 * @query: (nullable): words to look for, as typed
 *
 * Shows only what contains @query (in either case), highlighted, with
 * the headings above it; a heading that matches keeps all under it.
 */
void
_casebook_insights_view_set_query (CasebookInsightsView *self,
                                   const char           *query)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (CASEBOOK_IS_INSIGHTS_VIEW (self));

  stripped = g_strstrip (g_strdup (query != NULL ? query : ""));
  g_free (self->query);
  self->query = *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), query != NULL ? query : "") != 0)
    {
      self->setting_text = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query != NULL ? query : "");
      self->setting_text = FALSE;
    }

  apply_query (self);
}

/**
 * _casebook_insights_view_is_built:
 *
 * The page is built when it is first shown; tests ask this to see that a
 * start leaves it alone.
 *
 * Returns: %TRUE if the page holds the store's material
 */
gboolean
_casebook_insights_view_is_built (CasebookInsightsView *self)
{
  g_return_val_if_fail (CASEBOOK_IS_INSIGHTS_VIEW (self), FALSE);
  return self->built;
}

/**
 * _casebook_insights_view_get_n_matches:
 *
 * Returns: how many texts match the query
 */
guint
_casebook_insights_view_get_n_matches (CasebookInsightsView *self)
{
  g_return_val_if_fail (CASEBOOK_IS_INSIGHTS_VIEW (self), 0);
  return self->n_matches;
}

/**
 * _casebook_insights_view_shows_text:
 *
 * Returns: %TRUE if a text the page shows now contains @text
 */
gboolean
_casebook_insights_view_shows_text (CasebookInsightsView *self,
                                    const char           *text)
{
  g_return_val_if_fail (CASEBOOK_IS_INSIGHTS_VIEW (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "content") != 0)
    return FALSE;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (gtk_widget_is_visible (GTK_WIDGET (entry->label)) &&
          strstr (gtk_label_get_text (entry->label), text) != NULL)
        return TRUE;
    }

  return FALSE;
}

/**
 * _casebook_insights_view_get_chapters:
 *
 * Returns: (transfer full): the chapters shown now: "abstract", "1",
 *   "6" to "12" and "references"
 */
char **
_casebook_insights_view_get_chapters (CasebookInsightsView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CASEBOOK_IS_INSIGHTS_VIEW (self), NULL);

  for (guint i = 0; i < self->chapters->len; i++)
    {
      Chapter *chapter = &g_array_index (self->chapters, Chapter, i);

      if (gtk_widget_get_visible (chapter->widget))
        g_strv_builder_add (builder, chapter->key);
    }

  return g_strv_builder_end (builder);
}

/*
 * casebook_insights_view_scroll_to:
 * @chapter: a chapter key, such as "8" or "references"
 *
 * Returns: %TRUE if the page scrolled to the chapter
 */
static gboolean
casebook_insights_view_scroll_to (CasebookInsightsView *self,
                                  const char           *chapter)
{
  GtkAdjustment *adjustment;
  graphene_point_t point;
  int index;

  g_return_val_if_fail (CASEBOOK_IS_INSIGHTS_VIEW (self), FALSE);

  index = find_chapter (self, chapter);
  if (index < 0)
    return FALSE;

  if (!gtk_widget_compute_point (g_array_index (self->chapters, Chapter, index).widget,
                                 GTK_WIDGET (self->content_box), &GRAPHENE_POINT_INIT (0, 0), &point))
    return FALSE;

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (adjustment, point.y);
  return TRUE;
}

/**
 * _casebook_insights_view_get_marks:
 *
 * What the search marks on the page: the text under each mark, in the
 * page's order.
 *
 * Returns: (transfer full) (element-type utf8): the marked texts
 */
GPtrArray *
_casebook_insights_view_get_marks (CasebookInsightsView *self)
{
  GPtrArray *marks = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CASEBOOK_IS_INSIGHTS_VIEW (self), marks);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      PangoAttrList *attrs = gtk_label_get_attributes (entry->label);
      const char *text = gtk_label_get_text (entry->label);
      GSList *list;

      if (attrs == NULL)
        continue;

      list = pango_attr_list_get_attributes (attrs);
      for (GSList *l = list; l != NULL; l = l->next)
        {
          PangoAttribute *attr = l->data;

          if (attr->klass->type == PANGO_ATTR_BACKGROUND)
            g_ptr_array_add (marks, g_strndup (text + attr->start_index, attr->end_index - attr->start_index));
        }
      g_slist_free_full (list, (GDestroyNotify) pango_attribute_destroy);
    }

  return marks;
}

/**
 * _casebook_insights_view_get_n_other_matches:
 *
 * Returns: how many notes say that a match is only in the language not
 *   shown: one for each such text, and one for a bullet's title and text
 *   together
 */
guint
_casebook_insights_view_get_n_other_matches (CasebookInsightsView *self)
{
  guint n = 0;

  g_return_val_if_fail (CASEBOOK_IS_INSIGHTS_VIEW (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->note != NULL && gtk_widget_get_visible (entry->note))
        n++;
    }

  return n;
}

/**
 * _casebook_insights_view_next_match:
 * @step: 1 for the next match, -1 for the previous one
 *
 * As the Next and Previous buttons do.
 *
 * Returns: (transfer none) (nullable): the label of the match gone to
 */
GtkWidget *
_casebook_insights_view_next_match (CasebookInsightsView *self,
                                    int                   step)
{
  g_return_val_if_fail (CASEBOOK_IS_INSIGHTS_VIEW (self), NULL);

  go_to_match (self, step);
  if (self->current_match < 0)
    return NULL;
  return GTK_WIDGET (g_array_index (self->entries, Entry, self->current_match).label);
}
