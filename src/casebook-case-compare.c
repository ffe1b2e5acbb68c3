/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-compare"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "casebook-case-compare-private.h"
#include "casebook-format.h"
#include "casebook-stats.h"
#include "casebook-store-read.h"

/**
 * CasebookCaseCompare:
 *
 * Two to four cases side by side. The rows line up by field (sector,
 * size, period, …) and by metric family, so that each row compares like
 * with like. Numbers whose units convert are put in one unit (a change of
 * +50 % next to a multiple of 3× reads as 1.5×), and the best value of a
 * row, in the direction the data call better, is highlighted.
 *
 * Each column has a picker that finds any case of the store, by title
 * or by full-text search, so the window scales to any collection.
 */
struct _CasebookCaseCompare
{
  AdwWindow      parent_instance;

  /* Template widgets */
  GtkButton     *add_button;
  GtkGrid       *grid;

  CasebookStore *store;
  CasebookLang   lang;
  GPtrArray     *cases;       /* CasebookCase, or NULL for an empty column */
  CasebookCatalog *catalog;   /* asked for again at each rebuild */
  GPtrArray     *rows;        /* the row keys, in order */
  GHashTable    *cells;       /* "row\x1fcolumn" → text */
  GHashTable    *best;        /* row → best column + 1 */
};

G_DEFINE_FINAL_TYPE (CasebookCaseCompare, casebook_case_compare, ADW_TYPE_WINDOW)

enum {
  CASE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define PICKER_LIMIT 40

static void rebuild (CasebookCaseCompare *self);

/* Empty columns hold NULL. */
static void
unref_case (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static char *
cell_key (const char *row,
          guint       column)
{
  return g_strdup_printf ("%s\x1f%u", row, column);
}

/* The catalog is the store's while the store is unchanged, so asking for
 * it again costs little and shows an import at once. */
static void
refresh_catalog (CasebookCaseCompare *self)
{
  g_clear_object (&self->catalog);
  self->catalog = casebook_store_read_catalog (self->store);
}

static char *
stack_text (CasebookCase *c,
            CasebookLang  lang)
{
  GPtrArray *stack = casebook_case_get_stack (c);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < stack->len; i++)
    {
      const CasebookStackItem *item = g_ptr_array_index (stack, i);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, casebook_text_get (item->product, lang));
      if (item->version != NULL)
        g_string_append_printf (text, " %s", item->version);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* The person's note, as its first few hundred characters: a grid cell
 * is no place to read a note of many pages, the case page is. */
#define NOTE_CHARS 400

static char *
note_text (CasebookCase *c)
{
  const char *note = casebook_case_get_personal_note (c);
  const char *cut;

  if (note == NULL || note[0] == '\0')
    return NULL;
  if (g_utf8_strlen (note, -1) <= NOTE_CHARS)
    return g_strdup (note);

  cut = g_utf8_offset_to_pointer (note, NOTE_CHARS);
  return g_strdup_printf ("%.*s…", (int) (cut - note), note);
}

/* The text of a field for one case; NULL when the case does not say. */
static char *
field_text (CasebookCaseCompare *self,
            const char          *field,
            CasebookCase        *c)
{
  const CasebookText *text;

  if (g_str_equal (field, "sector"))
    return g_strdup (casebook_catalog_sector_name (self->catalog, casebook_case_get_sector (c), self->lang));
  if (g_str_equal (field, "kind"))
    return g_strdup (casebook_kind_label (casebook_case_get_kind (c), self->lang));
  if (g_str_equal (field, "subsector"))
    return (text = casebook_case_get_subsector (c)) != NULL && !casebook_text_is_empty (text)
           ? g_strdup (casebook_text_get (text, self->lang)) : NULL;
  if (g_str_equal (field, "organization"))
    return g_strdup (casebook_text_get (casebook_case_get_organization (c), self->lang));
  if (g_str_equal (field, "size"))
    return casebook_case_get_size (c) != CASEBOOK_SIZE_UNKNOWN
           ? g_strdup (casebook_size_label (casebook_case_get_size (c), self->lang)) : NULL;
  if (g_str_equal (field, "employees"))
    return casebook_case_format_employees (c);
  if (g_str_equal (field, "period"))
    return casebook_case_format_period (c);
  if (g_str_equal (field, "approach"))
    return casebook_case_get_approach (c) != CASEBOOK_APPROACH_NONE
           ? g_strdup (casebook_approach_label (casebook_case_get_approach (c), self->lang)) : NULL;
  if (g_str_equal (field, "stack"))
    return stack_text (c, self->lang);
  if (g_str_equal (field, "failure"))
    return casebook_case_get_failure (c) != NULL
           ? g_strdup (casebook_text_get (casebook_case_get_failure (c)->problem, self->lang)) : NULL;
  if (g_str_equal (field, "note"))
    return note_text (c);

  return NULL;
}

static const struct
{
  const char *key;
  const char *label;
} fields[] = {
  { "sector", N_("Sector") },
  { "kind", N_("Kind") },
  { "subsector", N_("Subsector") },
  { "organization", N_("Organization") },
  { "size", N_("Size") },
  { "employees", N_("Employees") },
  { "period", N_("Period") },
  { "approach", N_("Approach") },
  { "stack", N_("Technology stack") },
  { "failure", N_("What went wrong") },
  /* Translators: a row in the comparison of cases: the person's own note on each */
  { "note", N_("Your note") },
};

/* Grid cells ----------------------------------------------------------- */

static GtkWidget *
cell_label (const char *text,
            gboolean    odd)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), 18);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, "compare-cell");
  if (odd)
    gtk_widget_add_css_class (label, "odd");

  return label;
}

static void
attach_row_label (CasebookCaseCompare *self,
                  const char          *text,
                  int                  row,
                  gboolean             odd)
{
  GtkWidget *label = cell_label (text, odd);

  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_widget_add_css_class (label, "compare-row-label");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (self->grid, label, 0, row, 1, 1);
}

static GtkWidget *
attach_cell (CasebookCaseCompare *self,
             const char          *key,
             guint                column,
             const char          *text,
             int                  row,
             gboolean             odd,
             gboolean             best)
{
  GtkWidget *cell;

  g_hash_table_insert (self->cells, cell_key (key, column), g_strdup (text != NULL ? text : ""));

  if (best)
    {
      GtkWidget *label = cell_label (text, FALSE);
      GtkWidget *icon = gtk_image_new_from_icon_name ("starred-symbolic");

      gtk_widget_remove_css_class (label, "compare-cell");
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (icon, _("The best value of this row"));
      cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (cell), label);
      gtk_box_append (GTK_BOX (cell), icon);
      gtk_widget_add_css_class (cell, "compare-cell");
      gtk_widget_add_css_class (cell, "compare-best");
      if (odd)
        gtk_widget_add_css_class (cell, "odd");
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Best value"), -1);
    }
  else if (text == NULL)
    {
      cell = cell_label ("–", odd);
      gtk_widget_add_css_class (cell, "dim-label");
    }
  else
    cell = cell_label (text, odd);

  /* The cases share the room the labels leave. */
  gtk_widget_set_hexpand (cell, TRUE);
  gtk_grid_attach (self->grid, cell, (int) column + 1, row, 1, 1);

  return cell;
}

static void
attach_heading (CasebookCaseCompare *self,
                const char          *text,
                int                  row)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "compare-heading");
  gtk_grid_attach (self->grid, label, 0, row, (int) self->cases->len + 1, 1);
}

/* Pickers ------------------------------------------------------------- */

static void
fill_picker (CasebookCaseCompare *self,
             GtkListBox          *list,
             const char          *query)
{
  g_autoptr(GPtrArray) results = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);

  refresh_catalog (self);

  if (query != NULL && *query != '\0')
    results = casebook_store_search (self->store, query, PICKER_LIMIT, NULL);
  else
    results = casebook_store_list (self->store, NULL, CASEBOOK_SORT_SECTOR, self->lang, NULL, PICKER_LIMIT,
                                   NULL, NULL);

  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      CasebookCaseSummary *summary = g_ptr_array_index (results, i);
      const char *sector = casebook_catalog_sector_name (self->catalog, casebook_case_summary_get_sector (summary),
                                                         self->lang);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (casebook_text_get (casebook_case_summary_get_title (summary), self->lang));
      GtkWidget *caption = gtk_label_new (sector);
      GtkWidget *row = gtk_list_box_row_new ();

      /* Whole titles: two cases often differ only in their last words. */
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), caption);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "case-id", g_strdup (casebook_case_summary_get_id (summary)), g_free);
      gtk_list_box_append (list, row);
    }
}

static void
on_picker_search_changed (GtkSearchEntry *entry,
                          GtkListBox     *list)
{
  CasebookCaseCompare *self = g_object_get_data (G_OBJECT (list), "compare");

  fill_picker (self, list, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

typedef struct
{
  GWeakRef  window;
  guint     column;
  char     *id;
} Choice;

static void
choice_free (Choice *choice)
{
  g_weak_ref_clear (&choice->window);
  g_free (choice->id);
  g_free (choice);
}

static gboolean
set_case_idle (gpointer data)
{
  Choice *choice = data;
  g_autoptr(CasebookCaseCompare) self = g_weak_ref_get (&choice->window);
  g_autoptr(GError) error = NULL;

  /* The case was listed a moment ago; if it is gone since, the column
   * says so by staying as it was. */
  if (self != NULL && choice->column < self->cases->len &&
      !_casebook_case_compare_set_case (self, choice->column, choice->id, &error))
    g_debug ("%s", error->message);

  return G_SOURCE_REMOVE;
}

static void
on_picker_row_activated (GtkListBox    *list,
                         GtkListBoxRow *row,
                         GtkPopover    *popover)
{
  Choice *choice = g_new0 (Choice, 1);

  g_weak_ref_init (&choice->window, g_object_get_data (G_OBJECT (list), "compare"));
  choice->column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (list), "column"));
  choice->id = g_strdup (g_object_get_data (G_OBJECT (row), "case-id"));
  gtk_popover_popdown (popover);

  /* The grid, and this popover in it, are rebuilt; not from inside its
   * own signal. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, set_case_idle, choice, (GDestroyNotify) choice_free);
}

static void
on_picker_show (GtkPopover *popover,
                GtkListBox *list)
{
  CasebookCaseCompare *self = g_object_get_data (G_OBJECT (list), "compare");
  GtkEditable *entry = g_object_get_data (G_OBJECT (list), "entry");

  gtk_editable_set_text (entry, "");
  fill_picker (self, list, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

static GtkWidget *
make_picker (CasebookCaseCompare *self,
             guint                column)
{
  CasebookCase *c = g_ptr_array_index (self->cases, column);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_search_entry_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *label = gtk_label_new (c != NULL ? casebook_text_get (casebook_case_get_title (c), self->lang)
                                              : _("Choose a Case…"));

  /* The column's whole width, on two lines if need be: "Virtualization at
   * a large b…" does not say which case it is. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), label);
  gtk_widget_set_tooltip_text (button, _("Choose the case of this column"));
  gtk_widget_set_hexpand (button, TRUE);

  g_object_set (entry, "placeholder-text", _("Search cases"), NULL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 380);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  g_object_set_data (G_OBJECT (list), "compare", self);
  g_object_set_data (G_OBJECT (list), "column", GUINT_TO_POINTER (column));
  g_object_set_data (G_OBJECT (list), "entry", entry);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_picker_search_changed), list);
  g_signal_connect (list, "row-activated", G_CALLBACK (on_picker_row_activated), popover);
  g_signal_connect (popover, "show", G_CALLBACK (on_picker_show), list);

  return button;
}

static void
on_open_clicked (GtkButton           *button,
                 CasebookCaseCompare *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "case-id");

  if (id != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, id);
}

static void
on_remove_clicked (GtkButton           *button,
                   CasebookCaseCompare *self)
{
  _casebook_case_compare_remove_column (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "column")));
}

static GtkWidget *
make_header (CasebookCaseCompare *self,
             guint                column)
{
  CasebookCase *c = g_ptr_array_index (self->cases, column);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_box_append (GTK_BOX (box), make_picker (self, column));

  if (c != NULL)
    {
      GtkWidget *open = gtk_button_new_from_icon_name ("go-next-symbolic");

      gtk_widget_set_tooltip_text (open, _("Open This Case"));
      gtk_widget_add_css_class (open, "flat");
      g_object_set_data_full (G_OBJECT (open), "case-id", g_strdup (casebook_case_get_id (c)), g_free);
      g_signal_connect (open, "clicked", G_CALLBACK (on_open_clicked), self);
      gtk_box_append (GTK_BOX (box), open);
    }

  if (self->cases->len > CASEBOOK_CASE_COMPARE_MIN)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");

      gtk_widget_set_tooltip_text (remove, _("Remove This Column"));
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      g_object_set_data (G_OBJECT (remove), "column", GUINT_TO_POINTER (column));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
      gtk_box_append (GTK_BOX (box), remove);
    }

  gtk_widget_add_css_class (box, "compare-header");
  return box;
}

/* Outcome rows ---------------------------------------------------------- */

static gboolean
case_has_metric (CasebookCase *c,
                 const char   *metric)
{
  GPtrArray *outcomes = casebook_case_get_outcomes (c);

  for (guint i = 0; i < outcomes->len; i++)
    if (g_strcmp0 (((CasebookOutcome *) g_ptr_array_index (outcomes, i))->metric, metric) == 0)
      return TRUE;

  return FALSE;
}

/* The metric families the chosen cases report, in the store's order;
 * families the store does not list come last. */
static GPtrArray *
metric_rows (CasebookCaseCompare *self)
{
  GPtrArray *metrics = casebook_catalog_get_metrics (self->catalog);
  GPtrArray *keys = g_ptr_array_new ();

  for (guint m = 0; m < metrics->len; m++)
    {
      const char *key = ((CasebookMetric *) g_ptr_array_index (metrics, m))->key;

      for (guint i = 0; i < self->cases->len; i++)
        {
          CasebookCase *c = g_ptr_array_index (self->cases, i);

          if (c != NULL && case_has_metric (c, key))
            {
              g_ptr_array_add (keys, (gpointer) key);
              break;
            }
        }
    }

  for (guint i = 0; i < self->cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (self->cases, i);
      GPtrArray *outcomes = c != NULL ? casebook_case_get_outcomes (c) : NULL;

      for (guint o = 0; outcomes != NULL && o < outcomes->len; o++)
        {
          const char *key = ((CasebookOutcome *) g_ptr_array_index (outcomes, o))->metric;

          if (key != NULL && !g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
            g_ptr_array_add (keys, (gpointer) key);
        }
    }

  return keys;
}

/* One case's outcomes of a family, one per line, in the row's common unit
 * where it differs from the stated one. */
static char *
outcome_text (CasebookCaseCompare *self,
              CasebookCase        *c,
              const char          *metric,
              CasebookUnit         common,
              gboolean            *numbers)
{
  GPtrArray *outcomes = casebook_case_get_outcomes (c);
  g_autoptr(GString) text = g_string_new (NULL);

  *numbers = FALSE;

  for (guint i = 0; i < outcomes->len; i++)
    {
      const CasebookOutcome *o = g_ptr_array_index (outcomes, i);
      g_autofree char *figure = NULL;

      if (g_strcmp0 (o->metric, metric) != 0)
        continue;

      if (text->len > 0)
        g_string_append_c (text, '\n');

      figure = casebook_format_outcome (o, self->lang);
      if (figure == NULL)
        {
          g_string_append (text, casebook_text_get (o->text, self->lang));
          continue;
        }

      *numbers = TRUE;
      if (common == CASEBOOK_UNIT_TIMES && o->unit == CASEBOOK_UNIT_PERCENT_CHANGE)
        {
          g_autofree char *multiple = casebook_format_value_for_scale (CASEBOOK_SCALE_MULTIPLE, CASEBOOK_UNIT_TIMES,
                                                                       1 + o->value / 100, self->lang);

          /* Translators: a change put into the row's unit, e.g. "+50% (= 1.5×)" */
          g_string_append_printf (text, _("%s (= %s)"), figure, multiple);
        }
      else if (g_strcmp0 (metric, "availability") == 0 && o->unit == CASEBOOK_UNIT_PERCENT)
        {
          g_autofree char *downtime = casebook_format_downtime (casebook_availability_downtime (o->value), self->lang);

          /* Translators: an availability and the downtime it allows, e.g. "99.99% · 53 min/yr down" */
          g_string_append_printf (text, _("%s · %s down"), figure, downtime);
        }
      else
        g_string_append (text, figure);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* Which column has the best value of a family: every number of every
 * chosen case goes into one comparison. */
static int
best_column (CasebookCaseCompare *self,
             const char          *metric,
             CasebookUnit        *common,
             double              *best_value)
{
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new ();
  g_autoptr(GArray) owners = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree double *values = NULL;
  int best;

  for (guint i = 0; i < self->cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (self->cases, i);
      GPtrArray *list = c != NULL ? casebook_case_get_outcomes (c) : NULL;

      for (guint o = 0; list != NULL && o < list->len; o++)
        {
          CasebookOutcome *outcome = g_ptr_array_index (list, o);

          if (g_strcmp0 (outcome->metric, metric) == 0 && outcome->has_value)
            {
              g_ptr_array_add (outcomes, outcome);
              g_array_append_val (owners, i);
            }
        }
    }

  values = g_new (double, MAX (outcomes->len, 1));
  best = casebook_stats_compare_outcomes ((const CasebookOutcome * const *) outcomes->pdata, outcomes->len,
                                          values, common);
  if (best < 0)
    return -1;

  /* Several outcomes of one case count as that case's numbers; the best
   * must beat another case, not the same case's other outcome. */
  {
    guint owner = g_array_index (owners, guint, best);
    gboolean other = FALSE;

    for (guint i = 0; i < owners->len; i++)
      other |= g_array_index (owners, guint, i) != owner;
    if (!other)
      return -1;

    *best_value = values[best];
    return (int) owner;
  }
}

static gboolean
column_has_value (CasebookCaseCompare *self,
                  guint                column,
                  const char          *metric,
                  CasebookUnit         common,
                  double               value)
{
  CasebookCase *c = g_ptr_array_index (self->cases, column);
  GPtrArray *list = c != NULL ? casebook_case_get_outcomes (c) : NULL;

  for (guint o = 0; list != NULL && o < list->len; o++)
    {
      CasebookOutcome *outcome = g_ptr_array_index (list, o);
      double v;

      if (g_strcmp0 (outcome->metric, metric) != 0 || !outcome->has_value)
        continue;

      v = common == CASEBOOK_UNIT_TIMES && outcome->unit == CASEBOOK_UNIT_PERCENT_CHANGE
          ? 1 + outcome->value / 100 : outcome->value;
      if (fabs (v - value) < 1e-9)
        return TRUE;
    }

  return FALSE;
}

/* Building --------------------------------------------------------------- */

static void
rebuild (CasebookCaseCompare *self)
{
  g_autoptr(GPtrArray) metrics = NULL;
  GtkWidget *child;
  gboolean any_failure = FALSE;
  gboolean any_note = FALSE;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);

  refresh_catalog (self);

  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->cells);
  g_hash_table_remove_all (self->best);

  for (guint i = 0; i < self->cases->len; i++)
    {
      GtkWidget *header = make_header (self, i);

      gtk_grid_attach (self->grid, header, (int) i + 1, row, 1, 1);
    }
  row++;

  for (guint i = 0; i < self->cases->len; i++)
    if (g_ptr_array_index (self->cases, i) != NULL &&
        casebook_case_get_failure (g_ptr_array_index (self->cases, i)) != NULL)
      any_failure = TRUE;

  for (guint i = 0; i < self->cases->len; i++)
    if (g_ptr_array_index (self->cases, i) != NULL &&
        casebook_case_get_personal_note (g_ptr_array_index (self->cases, i)) != NULL)
      any_note = TRUE;

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      gboolean odd = (row % 2) == 0;

      if (g_str_equal (fields[f].key, "failure") && !any_failure)
        continue;
      if (g_str_equal (fields[f].key, "note") && !any_note)
        continue;

      g_ptr_array_add (self->rows, g_strdup (fields[f].key));
      attach_row_label (self, _(fields[f].label), row, odd);
      for (guint i = 0; i < self->cases->len; i++)
        {
          CasebookCase *c = g_ptr_array_index (self->cases, i);
          g_autofree char *text = c != NULL ? field_text (self, fields[f].key, c) : NULL;

          attach_cell (self, fields[f].key, i, text, row, odd, FALSE);
        }
      row++;
    }

  metrics = metric_rows (self);
  if (metrics->len > 0)
    attach_heading (self, _("Outcomes by metric family"), row++);

  for (guint m = 0; m < metrics->len; m++)
    {
      const char *metric = g_ptr_array_index (metrics, m);
      g_autofree char *key = g_strconcat ("metric:", metric, NULL);
      CasebookUnit common = CASEBOOK_UNIT_NONE;
      double best_value = NAN;
      gboolean odd = (row % 2) == 0;
      int best = best_column (self, metric, &common, &best_value);

      g_ptr_array_add (self->rows, g_strdup (key));
      if (best >= 0)
        g_hash_table_insert (self->best, g_strdup (key), GINT_TO_POINTER (best + 1));

      attach_row_label (self, casebook_catalog_metric_name (self->catalog, metric, self->lang), row, odd);
      for (guint i = 0; i < self->cases->len; i++)
        {
          CasebookCase *c = g_ptr_array_index (self->cases, i);
          gboolean numbers = FALSE;
          g_autofree char *text = c != NULL ? outcome_text (self, c, metric, common, &numbers) : NULL;
          gboolean is_best = best >= 0 && column_has_value (self, i, metric, common, best_value);
          GtkWidget *cell = attach_cell (self, key, i, text, row, odd, is_best);

          /* An outcome in words only reads quieter than the numbers. */
          if (text != NULL && !numbers)
            gtk_widget_add_css_class (cell, "dim-label");
        }
      row++;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.add-column",
                                 self->cases->len < CASEBOOK_CASE_COMPARE_MAX);
}

static void
add_column_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  _casebook_case_compare_add_column (CASEBOOK_CASE_COMPARE (widget));
}

/* GObject ---------------------------------------------------------------- */

static void
casebook_case_compare_dispose (GObject *object)
{
  CasebookCaseCompare *self = (CasebookCaseCompare *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_CASE_COMPARE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (casebook_case_compare_parent_class)->dispose (object);
}

static void
casebook_case_compare_finalize (GObject *object)
{
  CasebookCaseCompare *self = (CasebookCaseCompare *)object;

  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->best, g_hash_table_unref);

  G_OBJECT_CLASS (casebook_case_compare_parent_class)->finalize (object);
}

static void
casebook_case_compare_class_init (CasebookCaseCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_case_compare_dispose;
  object_class->finalize = casebook_case_compare_finalize;

  /**
   * CasebookCaseCompare::case-activated:
   * @id: the case to open
   */
  signals[CASE_ACTIVATED] = g_signal_new ("case-activated",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-case-compare.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseCompare, add_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseCompare, grid);

  gtk_widget_class_install_action (widget_class, "compare.add-column", NULL, add_column_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
casebook_case_compare_init (CasebookCaseCompare *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cases = g_ptr_array_new_with_free_func (unref_case);
  self->rows = g_ptr_array_new_with_free_func (g_free);
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API ------------------------------------------------------------ */

/**
 * casebook_case_compare_new:
 * @store: where the cases come from
 * @lang: the content language
 *
 * Returns: (transfer full): a window with two empty columns
 */
CasebookCaseCompare *
casebook_case_compare_new (CasebookStore *store,
                           CasebookLang   lang)
{
  CasebookCaseCompare *self;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);

  self = g_object_new (CASEBOOK_TYPE_CASE_COMPARE, NULL);
  self->store = g_object_ref (store);
  self->lang = lang;

  for (guint i = 0; i < CASEBOOK_CASE_COMPARE_MIN; i++)
    g_ptr_array_add (self->cases, NULL);
  rebuild (self);

  return self;
}

/**
 * casebook_case_compare_set_cases:
 * @ids: (array zero-terminated=1): up to four case ids; unknown ids leave
 *   their column empty
 *
 * Puts the cases side by side, in columns of their own; there are always
 * at least two columns.
 */
void
casebook_case_compare_set_cases (CasebookCaseCompare *self,
                                 const char * const  *ids)
{
  g_return_if_fail (CASEBOOK_IS_CASE_COMPARE (self));

  g_ptr_array_set_size (self->cases, 0);
  for (guint i = 0; ids != NULL && ids[i] != NULL && i < CASEBOOK_CASE_COMPARE_MAX; i++)
    g_ptr_array_add (self->cases, casebook_store_get_case (self->store, ids[i], NULL));
  while (self->cases->len < CASEBOOK_CASE_COMPARE_MIN)
    g_ptr_array_add (self->cases, NULL);

  rebuild (self);
}

/**
 * _casebook_case_compare_get_cases:
 *
 * Returns: (transfer full): the ids of the columns' cases, "" for an
 *   empty column
 */
char **
_casebook_case_compare_get_cases (CasebookCaseCompare *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CASEBOOK_IS_CASE_COMPARE (self), NULL);

  for (guint i = 0; i < self->cases->len; i++)
    {
      CasebookCase *c = g_ptr_array_index (self->cases, i);

      g_strv_builder_add (builder, c != NULL ? casebook_case_get_id (c) : "");
    }

  return g_strv_builder_end (builder);
}

/**
 * _casebook_case_compare_set_case:
 * @column: a column
 * @id: the case to show in it
 *
 * Returns: %FALSE, with an error, if there is no such case
 */
gboolean
_casebook_case_compare_set_case (CasebookCaseCompare  *self,
                                 guint                 column,
                                 const char           *id,
                                 GError              **error)
{
  CasebookCase *c;

  g_return_val_if_fail (CASEBOOK_IS_CASE_COMPARE (self), FALSE);
  g_return_val_if_fail (column < self->cases->len, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  c = casebook_store_get_case (self->store, id, error);
  if (c == NULL)
    return FALSE;

  if (g_ptr_array_index (self->cases, column) != NULL)
    g_object_unref (g_ptr_array_index (self->cases, column));
  self->cases->pdata[column] = c;

  rebuild (self);
  return TRUE;
}

guint
_casebook_case_compare_get_n_columns (CasebookCaseCompare *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_COMPARE (self), 0);
  return self->cases->len;
}

/**
 * _casebook_case_compare_add_column:
 *
 * Returns: %FALSE if there are four columns already
 */
gboolean
_casebook_case_compare_add_column (CasebookCaseCompare *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_COMPARE (self), FALSE);

  if (self->cases->len >= CASEBOOK_CASE_COMPARE_MAX)
    return FALSE;

  g_ptr_array_add (self->cases, NULL);
  rebuild (self);
  return TRUE;
}

/**
 * _casebook_case_compare_remove_column:
 *
 * Returns: %FALSE if only two columns are left, or @column is not one
 */
gboolean
_casebook_case_compare_remove_column (CasebookCaseCompare *self,
                                      guint                column)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_COMPARE (self), FALSE);

  if (self->cases->len <= CASEBOOK_CASE_COMPARE_MIN || column >= self->cases->len)
    return FALSE;

  g_ptr_array_remove_index (self->cases, column);
  rebuild (self);
  return TRUE;
}

/**
 * _casebook_case_compare_get_rows:
 *
 * Returns: (transfer full): the keys of the rows, in order: fields such
 *   as "sector" or "period", then "metric:" and a metric family
 */
char **
_casebook_case_compare_get_rows (CasebookCaseCompare *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CASEBOOK_IS_CASE_COMPARE (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->rows, i));

  return g_strv_builder_end (builder);
}

/**
 * _casebook_case_compare_get_cell_text:
 * @row: a row key, see _casebook_case_compare_get_rows()
 *
 * Returns: (transfer full) (nullable): what the cell says; "" when the
 *   case does not say
 */
char *
_casebook_case_compare_get_cell_text (CasebookCaseCompare *self,
                                      const char          *row,
                                      guint                column)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CASEBOOK_IS_CASE_COMPARE (self), NULL);

  key = cell_key (row, column);
  return g_strdup (g_hash_table_lookup (self->cells, key));
}

/**
 * _casebook_case_compare_get_best_column:
 * @row: a row key
 *
 * Returns: the column with the row's best value, or -1 when the row's
 *   values cannot be ranked
 */
int
_casebook_case_compare_get_best_column (CasebookCaseCompare *self,
                                        const char          *row)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_COMPARE (self), -1);

  return GPOINTER_TO_INT (g_hash_table_lookup (self->best, row)) - 1;
}
