/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-insights-view"

#include "config.h"

#include <string.h>

#include "casebook-insights-text.h"

/* What the Insights page needs of its texts beyond showing them: the
 * folding its search compares, the marks on what it finds, and a
 * holder that gives a sideways-scrolling table the height it needs. */

/* What search compares: the @len bytes at @text (-1: all of it) in
 * compatibility form and case-folded, so that full-width and half-width,
 * upper and lower case meet. */
static char *
fold_n (const char *text,
        gssize      len)
{
  g_autofree char *normalized = g_utf8_normalize (text, len, G_NORMALIZE_ALL_COMPOSE);

  return normalized != NULL ? g_utf8_casefold (normalized, -1) : g_utf8_casefold (text, len);
}

/**
 * _casebook_insights_fold:
 *
 * Returns: (transfer full): @text as the search compares it
 */
char *
_casebook_insights_fold (const char *text)
{
  return fold_n (text, -1);
}

/* Folds @text as _casebook_insights_fold() does, one character at a
 * time, and notes for each byte of the result where its character
 * starts in @text: folding changes lengths (NFKC turns a full-width comma, common in Chinese, into
 * an ASCII one), and the marks go on @text. */
static char *
fold_mapped (const char *text,
             GArray     *starts)
{
  GString *folded = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *one = fold_n (p, g_utf8_next_char (p) - p);
      guint start = (guint) (p - text);

      for (gsize i = 0; one[i] != '\0'; i++)
        g_array_append_val (starts, start);
      g_string_append (folded, one);
    }

  {
    guint end = (guint) strlen (text);

    g_array_append_val (starts, end);
  }
  return g_string_free (folded, FALSE);
}

/**
 * _casebook_insights_highlight:
 * @folded_query: (nullable): a query as _casebook_insights_fold() gives it,
 *   or %NULL to mark nothing
 *
 * Marks every place in @label's text where @folded_query is found.
 */
void
_casebook_insights_highlight (GtkLabel   *label,
                              const char *folded_query)
{
  const char *text = gtk_label_get_text (label);
  g_autoptr(GArray) starts = NULL;
  g_autofree char *folded = NULL;
  PangoAttrList *attrs;
  const char *at;

  if (folded_query == NULL)
    {
      gtk_label_set_attributes (label, NULL);
      return;
    }

  starts = g_array_new (FALSE, FALSE, sizeof (guint));
  folded = fold_mapped (text, starts);

  attrs = pango_attr_list_new ();
  for (at = strstr (folded, folded_query); at != NULL; at = strstr (at + 1, folded_query))
    {
      gsize begin = (gsize) (at - folded);
      gsize end = begin + strlen (folded_query);
      PangoAttribute *background = pango_attr_background_new (0xf6f6, 0xd3d3, 0x2d2d);
      PangoAttribute *foreground = pango_attr_foreground_new (0, 0, 0);

      /* From the start of the first character matched to the end of the
       * last one: the start of the character after it. */
      background->start_index = foreground->start_index = g_array_index (starts, guint, begin);
      while (end < starts->len - 1 &&
             g_array_index (starts, guint, end) == g_array_index (starts, guint, end - 1))
        end++;
      background->end_index = foreground->end_index = g_array_index (starts, guint, end);
      pango_attr_list_insert (attrs, background);
      pango_attr_list_insert (attrs, foreground);
    }

  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}

/* A scroller asks for the height of what it holds at that child's
 * natural width, and a viewport gives a box its minimum height: a table
 * whose cells wrap into more lines at the width it gets was cut off.
 * The table's holder asks for the table's height at the width the
 * table will have (the page's, or the table's least when the page is
 * narrower and the table scrolls), and gives the scroller all of it. */
static void
table_holder_measure (GtkWidget      *holder,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  GtkWidget *scroller = gtk_widget_get_first_child (holder);
  GtkWidget *table = g_object_get_data (G_OBJECT (holder), "table");

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (scroller, orientation, for_size, minimum, natural, NULL, NULL);
    }
  else
    {
      int least = 0, height = 0;

      gtk_widget_measure (table, GTK_ORIENTATION_HORIZONTAL, -1, &least, NULL, NULL, NULL);
      gtk_widget_measure (table, GTK_ORIENTATION_VERTICAL, for_size < 0 ? -1 : MAX (for_size, least),
                          NULL, &height, NULL, NULL);
      *minimum = *natural = height;
    }
  *minimum_baseline = *natural_baseline = -1;
}

static void
table_holder_allocate (GtkWidget *holder,
                       int        width,
                       int        height,
                       int        baseline)
{
  gtk_widget_allocate (gtk_widget_get_first_child (holder), width, height, -1, NULL);
}

static GtkSizeRequestMode
table_holder_request_mode (GtkWidget *holder)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/**
 * _casebook_insights_table_holder_new:
 * @scroller: a scrolled window that scrolls sideways only
 * @table: the scroller's child
 *
 * Returns: (transfer floating): a widget holding @scroller, as tall as
 *   @table is at the width it gets
 */
GtkWidget *
_casebook_insights_table_holder_new (GtkWidget *scroller,
                                     GtkWidget *table)
{
  GtkWidget *holder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_layout_manager (holder, gtk_custom_layout_new (table_holder_request_mode, table_holder_measure,
                                                                table_holder_allocate));
  g_object_set_data (G_OBJECT (holder), "table", table);
  gtk_box_append (GTK_BOX (holder), scroller);
  return holder;
}
