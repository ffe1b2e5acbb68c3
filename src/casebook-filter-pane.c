/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-filter-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "casebook-enums.h"
#include "casebook-facet-row.h"
#include "casebook-filter-pane.h"
#include "casebook-parts.h"
#include "casebook-resources.h"

/**
 * CasebookFilterPane:
 *
 * The filter sidebar: one section per facet, each value with a check mark
 * and the number of cases that have it, given the other choices.
 *
 * The pane keeps one row per value for as long as it lives and only
 * changes counts, labels, check marks and visibility, so that rows do not
 * move under the pointer and keyboard focus survives every refresh. A
 * value without cases is hidden unless it is chosen, so that it can
 * always be un-chosen.
 */

typedef enum
{
  SECTION_SECTOR,
  SECTION_KIND,
  SECTION_APPROACH,
  SECTION_TECHNOLOGY,
  SECTION_SIZE,
  SECTION_YEARS,
  N_SECTIONS
} Section;

struct _CasebookFilterPane
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *box;
  GtkButton      *clear_button;
  GtkButton      *more_button;
  GtkWidget      *sections[N_SECTIONS];
  GtkListBox     *lists[N_SECTIONS];

  CasebookFilter *filter;
  gulong          filter_changed_id;
  CasebookLang    lang;

  /* One table per facet, key → CasebookFacetRow. The lists own the rows. */
  GHashTable     *rows[CASEBOOK_N_FACETS];

  /* The sectors' names, colours and order. */
  CasebookCatalog *catalog;

  /* Subsector key → CasebookText, as the last counts named them. */
  GHashTable     *subsector_labels;

  /* The technology keys among the most frequent, and whether the rest
   * shows as well. */
  GHashTable     *top_technologies;
  gboolean        show_all_technologies;
};

G_DEFINE_FINAL_TYPE (CasebookFilterPane, casebook_filter_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The ids of the sections in the template: <id>_section and <id>_list. */
static const char * const section_ids[N_SECTIONS] = {
  "sector", "kind", "approach", "technology", "size", "years",
};

static const Section facet_sections[CASEBOOK_N_FACETS] = {
  [CASEBOOK_FACET_SECTOR] = SECTION_SECTOR,
  [CASEBOOK_FACET_SUBSECTOR] = SECTION_SECTOR,
  [CASEBOOK_FACET_KIND] = SECTION_KIND,
  [CASEBOOK_FACET_APPROACH] = SECTION_APPROACH,
  [CASEBOOK_FACET_TECHNOLOGY] = SECTION_TECHNOLOGY,
  [CASEBOOK_FACET_SIZE] = SECTION_SIZE,
  [CASEBOOK_FACET_YEAR] = SECTION_YEARS,
};

/* How many technologies show before "Show All". */
#define N_TOP_TECHNOLOGIES 10

/* Labels */

/* The sector a sector or subsector row belongs under: the key itself, or
 * the part of "sector/Subsector" before the slash. */
static char *
parent_sector_of (CasebookFacetRow *row)
{
  const char *key = casebook_facet_row_get_key (row);
  const char *slash;

  if (casebook_facet_row_get_facet (row) != CASEBOOK_FACET_SUBSECTOR)
    return g_strdup (key);

  slash = strchr (key, '/');
  return slash != NULL ? g_strndup (key, slash - key) : g_strdup (key);
}

static const char *
label_for (CasebookFilterPane *self,
           CasebookFacet       facet,
           const char         *key)
{
  switch (facet)
    {
    case CASEBOOK_FACET_SECTOR:
      return casebook_catalog_sector_name (self->catalog, key, self->lang);

    case CASEBOOK_FACET_SUBSECTOR:
      {
        const CasebookText *text = g_hash_table_lookup (self->subsector_labels, key);
        const char *slash = strchr (key, '/');

        if (text != NULL && !casebook_text_is_empty (text))
          return casebook_text_get (text, self->lang);
        return slash != NULL ? slash + 1 : key;
      }

    case CASEBOOK_FACET_KIND:
      {
        CasebookKind kind;

        if (casebook_kind_from_key (key, &kind))
          return casebook_kind_label (kind, self->lang);
        return key;
      }

    case CASEBOOK_FACET_APPROACH:
      {
        CasebookApproach approach;

        if (key[0] == '\0')
          return casebook_approach_label (CASEBOOK_APPROACH_NONE, self->lang);
        if (casebook_approach_from_key (key, &approach))
          return casebook_approach_label (approach, self->lang);
        return key;
      }

    case CASEBOOK_FACET_SIZE:
      {
        CasebookSize size;

        if (key[0] == '\0')
          return casebook_size_label (CASEBOOK_SIZE_UNKNOWN, self->lang);
        if (casebook_size_from_key (key, &size))
          return casebook_size_label (size, self->lang);
        return key;
      }

    case CASEBOOK_FACET_TECHNOLOGY:
    case CASEBOOK_FACET_YEAR:
    case CASEBOOK_N_FACETS:
    default:
      return key;
    }
}

static void
relabel_row (CasebookFilterPane *self,
             CasebookFacetRow   *row)
{
  CasebookFacet facet = casebook_facet_row_get_facet (row);
  const char *key = casebook_facet_row_get_key (row);

  casebook_facet_row_set_label (row, label_for (self, facet, key));

  if (facet == CASEBOOK_FACET_SECTOR)
    {
      const CasebookSector *sector = casebook_catalog_get_sector (self->catalog, key);

      casebook_facet_row_set_color (row, sector != NULL ? sector->color : NULL);
    }
}

/* Order. Each section keeps a fixed order, whatever the counts. */

static int
compare_keys_casefold (const char *a,
                       const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  int cmp = strcmp (fa, fb);

  return cmp != 0 ? cmp : strcmp (a, b);
}

static int
kind_rank (const char *key)
{
  CasebookKind kind;

  return casebook_kind_from_key (key, &kind) ? (int) kind : 100;
}

static int
approach_rank (const char *key)
{
  CasebookApproach approach;

  /* "Not stated" last, after any approach this version does not know. */
  if (key[0] == '\0')
    return 200;
  return casebook_approach_from_key (key, &approach) ? (int) approach : 100;
}

static int
size_rank (const char *key)
{
  CasebookSize size;

  /* Large first, the way the report reads; "not stated" last. */
  if (key[0] == '\0')
    return 200;
  if (!casebook_size_from_key (key, &size))
    return 100;

  switch (size)
    {
    case CASEBOOK_SIZE_LARGE:
      return 0;
    case CASEBOOK_SIZE_MEDIUM:
      return 1;
    case CASEBOOK_SIZE_SMALL:
      return 2;
    case CASEBOOK_SIZE_UNKNOWN:
    default:
      return 200;
    }
}

static int
compare_sector_rows (CasebookFilterPane *self,
                     CasebookFacetRow   *a,
                     CasebookFacetRow   *b)
{
  g_autofree char *parent_a = parent_sector_of (a);
  g_autofree char *parent_b = parent_sector_of (b);
  /* Sectors the store does not describe go last. */
  guint pos_a = casebook_catalog_sector_position (self->catalog, parent_a);
  guint pos_b = casebook_catalog_sector_position (self->catalog, parent_b);
  CasebookFacet facet_a = casebook_facet_row_get_facet (a);
  CasebookFacet facet_b = casebook_facet_row_get_facet (b);
  int cmp;

  if (pos_a != pos_b)
    return pos_a < pos_b ? -1 : 1;
  if ((cmp = strcmp (parent_a, parent_b)) != 0)
    return cmp;

  /* A sector comes before its subsectors. */
  if (facet_a != facet_b)
    return facet_a == CASEBOOK_FACET_SECTOR ? -1 : 1;

  return compare_keys_casefold (casebook_facet_row_get_key (a), casebook_facet_row_get_key (b));
}

static int
compare_rows (GtkListBoxRow *row_a,
              GtkListBoxRow *row_b,
              gpointer       user_data)
{
  CasebookFilterPane *self = user_data;
  CasebookFacetRow *a = CASEBOOK_FACET_ROW (row_a);
  CasebookFacetRow *b = CASEBOOK_FACET_ROW (row_b);
  const char *key_a = casebook_facet_row_get_key (a);
  const char *key_b = casebook_facet_row_get_key (b);
  int rank_a = 0;
  int rank_b = 0;

  switch (casebook_facet_row_get_facet (a))
    {
    case CASEBOOK_FACET_SECTOR:
    case CASEBOOK_FACET_SUBSECTOR:
      return compare_sector_rows (self, a, b);

    case CASEBOOK_FACET_KIND:
      rank_a = kind_rank (key_a);
      rank_b = kind_rank (key_b);
      break;

    case CASEBOOK_FACET_APPROACH:
      rank_a = approach_rank (key_a);
      rank_b = approach_rank (key_b);
      break;

    case CASEBOOK_FACET_SIZE:
      rank_a = size_rank (key_a);
      rank_b = size_rank (key_b);
      break;

    case CASEBOOK_FACET_YEAR:
      {
        gint64 year_a = g_ascii_strtoll (key_a, NULL, 10);
        gint64 year_b = g_ascii_strtoll (key_b, NULL, 10);

        if (year_a != year_b)
          return year_a < year_b ? -1 : 1;
      }
      break;

    case CASEBOOK_FACET_TECHNOLOGY:
    case CASEBOOK_N_FACETS:
    default:
      return compare_keys_casefold (key_a, key_b);
    }

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  return strcmp (key_a, key_b);
}

/* Visibility */

static int
compare_by_count (gconstpointer a,
                  gconstpointer b)
{
  CasebookFacetRow *row_a = *(CasebookFacetRow * const *) a;
  CasebookFacetRow *row_b = *(CasebookFacetRow * const *) b;
  guint count_a = casebook_facet_row_get_count (row_a);
  guint count_b = casebook_facet_row_get_count (row_b);

  if (count_a != count_b)
    return count_a > count_b ? -1 : 1;
  return compare_keys_casefold (casebook_facet_row_get_key (row_a), casebook_facet_row_get_key (row_b));
}

/* Which technologies make the short list: the most frequent by the
 * current counts. Returns how many have cases at all. */
static guint
pick_top_technologies (CasebookFilterPane *self)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer row;

  g_hash_table_remove_all (self->top_technologies);

  g_hash_table_iter_init (&iter, self->rows[CASEBOOK_FACET_TECHNOLOGY]);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    if (casebook_facet_row_get_count (row) > 0)
      g_ptr_array_add (candidates, row);

  g_ptr_array_sort (candidates, compare_by_count);
  for (guint i = 0; i < candidates->len && i < N_TOP_TECHNOLOGIES; i++)
    g_hash_table_add (self->top_technologies, g_ptr_array_index (candidates, i));

  return candidates->len;
}

static gboolean
is_chosen (CasebookFilterPane *self,
           CasebookFacet       facet,
           const char         *key)
{
  return self->filter != NULL && casebook_filter_has (self->filter, facet, key);
}

static gboolean
row_is_wanted (CasebookFilterPane *self,
               CasebookFacetRow   *row)
{
  CasebookFacet facet = casebook_facet_row_get_facet (row);

  /* A chosen value stays, so that it can be un-chosen. */
  if (casebook_facet_row_get_active (row))
    return TRUE;

  /* So does the row the keyboard is on, so that focus is not lost. */
  if (gtk_widget_get_visible (GTK_WIDGET (row)) && gtk_widget_is_focus (GTK_WIDGET (row)))
    return TRUE;

  if (casebook_facet_row_get_count (row) == 0)
    return FALSE;

  switch (facet)
    {
    case CASEBOOK_FACET_SUBSECTOR:
      {
        /* Subsectors unfold under a sector once it is chosen. */
        g_autofree char *parent = parent_sector_of (row);

        return is_chosen (self, CASEBOOK_FACET_SECTOR, parent);
      }

    case CASEBOOK_FACET_TECHNOLOGY:
      return self->show_all_technologies ||
             g_hash_table_contains (self->top_technologies, row);

    case CASEBOOK_FACET_SECTOR:
    case CASEBOOK_FACET_KIND:
    case CASEBOOK_FACET_APPROACH:
    case CASEBOOK_FACET_SIZE:
    case CASEBOOK_FACET_YEAR:
    case CASEBOOK_N_FACETS:
    default:
      return TRUE;
    }
}

static void
update_more_button (CasebookFilterPane *self,
                    guint               n_technologies)
{
  gboolean needed = n_technologies > N_TOP_TECHNOLOGIES;

  gtk_widget_set_visible (GTK_WIDGET (self->more_button), needed);
  gtk_button_set_label (self->more_button,
                        self->show_all_technologies ? _("Show Fewer") : _("Show All"));
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->more_button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, self->show_all_technologies,
                               -1);
}

static void
update_visibility (CasebookFilterPane *self)
{
  gboolean section_shown[N_SECTIONS] = { FALSE, };
  guint n_technologies = pick_top_technologies (self);

  for (guint facet = 0; facet < CASEBOOK_N_FACETS; facet++)
    {
      GHashTableIter iter;
      gpointer row;

      g_hash_table_iter_init (&iter, self->rows[facet]);
      while (g_hash_table_iter_next (&iter, NULL, &row))
        {
          gboolean wanted = row_is_wanted (self, row);

          gtk_widget_set_visible (row, wanted);
          section_shown[facet_sections[facet]] |= wanted;
        }
    }

  for (guint i = 0; i < N_SECTIONS; i++)
    gtk_widget_set_visible (self->sections[i], section_shown[i]);

  update_more_button (self, n_technologies);

  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button),
                            self->filter != NULL && casebook_filter_has_facets (self->filter));
}

/* Rows */

static void
on_facet_row_toggled (CasebookFacetRow   *row,
                      CasebookFilterPane *self)
{
  gboolean active = casebook_facet_row_get_active (row);

  if (self->filter == NULL)
    {
      casebook_facet_row_set_active (row, FALSE);
      return;
    }

  /* The filter's ::changed brings the rest of the pane up to date. */
  casebook_filter_set (self->filter,
                       casebook_facet_row_get_facet (row),
                       casebook_facet_row_get_key (row),
                       active);
}

static CasebookFacetRow *
ensure_row (CasebookFilterPane *self,
            CasebookFacet       facet,
            const char         *key)
{
  CasebookFacetRow *row = g_hash_table_lookup (self->rows[facet], key);

  if (row != NULL)
    return row;

  row = casebook_facet_row_new (facet, key);
  casebook_facet_row_set_indent (row, facet == CASEBOOK_FACET_SUBSECTOR);
  casebook_facet_row_set_active (row, is_chosen (self, facet, key));
  relabel_row (self, row);
  /* Hidden until update_visibility() decides, so a new row never
   * flashes up for a moment. */
  gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
  g_signal_connect_object (row, "toggled", G_CALLBACK (on_facet_row_toggled), self, 0);

  g_hash_table_insert (self->rows[facet], g_strdup (key), row);
  /* With a sort function set, the list puts the row in its place. */
  gtk_list_box_append (self->lists[facet_sections[facet]], GTK_WIDGET (row));

  return row;
}

/* Every chosen value needs a row, even one the counts do not mention
 * (yet), such as a technology chosen on a case page. */
static void
ensure_chosen_rows (CasebookFilterPane *self)
{
  if (self->filter == NULL)
    return;

  for (guint facet = 0; facet < CASEBOOK_N_FACETS; facet++)
    {
      g_auto(GStrv) values = casebook_filter_get_values (self->filter, facet);

      for (guint i = 0; values[i] != NULL; i++)
        ensure_row (self, facet, values[i]);
    }
}

static void
sync_with_filter (CasebookFilterPane *self)
{
  ensure_chosen_rows (self);

  for (guint facet = 0; facet < CASEBOOK_N_FACETS; facet++)
    {
      GHashTableIter iter;
      gpointer key, row;

      g_hash_table_iter_init (&iter, self->rows[facet]);
      while (g_hash_table_iter_next (&iter, &key, &row))
        casebook_facet_row_set_active (row, is_chosen (self, facet, key));
    }

  update_visibility (self);
}

/* Signal callbacks */

static void
on_filter_changed (CasebookFilterPane *self,
                   CasebookFilter     *filter)
{
  sync_with_filter (self);
}

static void
on_row_activated (CasebookFilterPane *self,
                  GtkListBoxRow      *row,
                  GtkListBox         *list)
{
  casebook_facet_row_toggle (CASEBOOK_FACET_ROW (row));
}

/* The arrows run on from the last row of a section to the first of the
 * next, and back, as if the sections were one list. */
static gboolean
on_list_keynav_failed (CasebookFilterPane *self,
                       GtkDirectionType    direction,
                       GtkListBox         *list)
{
  int step;
  int section = -1;

  if (direction == GTK_DIR_DOWN)
    step = 1;
  else if (direction == GTK_DIR_UP)
    step = -1;
  else
    return FALSE;

  for (guint i = 0; i < N_SECTIONS; i++)
    if (self->lists[i] == list)
      section = (int) i;
  g_assert (section >= 0);

  for (int i = section + step; i >= 0 && i < N_SECTIONS; i += step)
    {
      GtkWidget *row;

      if (!gtk_widget_get_visible (self->sections[i]))
        continue;

      row = step > 0 ? gtk_widget_get_first_child (GTK_WIDGET (self->lists[i]))
                     : gtk_widget_get_last_child (GTK_WIDGET (self->lists[i]));
      for (; row != NULL;
           row = step > 0 ? gtk_widget_get_next_sibling (row) : gtk_widget_get_prev_sibling (row))
        if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_visible (row))
          return gtk_widget_grab_focus (row);
    }

  gtk_widget_error_bell (GTK_WIDGET (list));
  return TRUE;
}

static void
on_clear_clicked (CasebookFilterPane *self,
                  GtkButton          *button)
{
  if (self->filter != NULL)
    casebook_filter_clear_facets (self->filter);
}

static void
on_more_clicked (CasebookFilterPane *self,
                 GtkButton          *button)
{
  self->show_all_technologies = !self->show_all_technologies;
  update_visibility (self);
}

/* Overrides */

static void
casebook_filter_pane_dispose (GObject *object)
{
  CasebookFilterPane *self = (CasebookFilterPane *)object;

  if (self->filter != NULL)
    g_clear_signal_handler (&self->filter_changed_id, self->filter);
  g_clear_object (&self->filter);

  /* The tables only point at rows the lists own. */
  for (guint i = 0; i < CASEBOOK_N_FACETS; i++)
    if (self->rows[i] != NULL)
      g_hash_table_remove_all (self->rows[i]);
  if (self->top_technologies != NULL)
    g_hash_table_remove_all (self->top_technologies);

  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_FILTER_PANE);

  G_OBJECT_CLASS (casebook_filter_pane_parent_class)->dispose (object);
}

static void
casebook_filter_pane_finalize (GObject *object)
{
  CasebookFilterPane *self = (CasebookFilterPane *)object;

  for (guint i = 0; i < CASEBOOK_N_FACETS; i++)
    g_clear_pointer (&self->rows[i], g_hash_table_unref);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->subsector_labels, g_hash_table_unref);
  g_clear_pointer (&self->top_technologies, g_hash_table_unref);

  G_OBJECT_CLASS (casebook_filter_pane_parent_class)->finalize (object);
}

static void
casebook_filter_pane_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CasebookFilterPane *self = CASEBOOK_FILTER_PANE (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_filter_pane_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CasebookFilterPane *self = CASEBOOK_FILTER_PANE (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      casebook_filter_pane_set_filter (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_filter_pane_class_init (CasebookFilterPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = casebook_filter_pane_dispose;
  object_class->finalize = casebook_filter_pane_finalize;
  object_class->get_property = casebook_filter_pane_get_property;
  object_class->set_property = casebook_filter_pane_set_property;

  /* The template is in the resources of a static library; using them
   * keeps them, and the constructor that registers them, in any program
   * that uses this widget. */
  (void) casebook_get_resource ();

  /**
   * CasebookFilterPane:filter:
   *
   * The filter the check marks show and change.
   */
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL,
                         CASEBOOK_TYPE_FILTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CASEBOOK_TYPE_FACET_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filterpane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-filter-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookFilterPane, box);
  gtk_widget_class_bind_template_child (widget_class, CasebookFilterPane, clear_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookFilterPane, more_button);

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      g_autofree char *section = g_strconcat (section_ids[i], "_section", NULL);
      g_autofree char *list = g_strconcat (section_ids[i], "_list", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, section, FALSE,
                                                 G_STRUCT_OFFSET (CasebookFilterPane, sections) +
                                                 i * sizeof (GtkWidget *));
      gtk_widget_class_bind_template_child_full (widget_class, list, FALSE,
                                                 G_STRUCT_OFFSET (CasebookFilterPane, lists) +
                                                 i * sizeof (GtkListBox *));
    }

  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_list_keynav_failed);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked);
}

static void
casebook_filter_pane_init (CasebookFilterPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->lang = CASEBOOK_LANG_EN;

  for (guint i = 0; i < CASEBOOK_N_FACETS; i++)
    self->rows[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->catalog = casebook_catalog_new (NULL, NULL, NULL);
  self->subsector_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) casebook_text_free);
  self->top_technologies = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < N_SECTIONS; i++)
    gtk_list_box_set_sort_func (self->lists[i], compare_rows, self, NULL);

  update_visibility (self);
}

/* Public API */

/**
 * casebook_filter_pane_new:
 *
 * Returns: (transfer floating): a new, empty pane
 */
CasebookFilterPane *
casebook_filter_pane_new (void)
{
  return g_object_new (CASEBOOK_TYPE_FILTER_PANE, NULL);
}

/**
 * casebook_filter_pane_get_filter:
 *
 * Returns: (transfer none) (nullable): the filter the pane changes
 */
CasebookFilter *
casebook_filter_pane_get_filter (CasebookFilterPane *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FILTER_PANE (self), NULL);
  return self->filter;
}

/**
 * casebook_filter_pane_set_filter:
 * @filter: (nullable): the filter to show and change
 *
 * Checking a value sets it on @filter; when @filter changes from
 * elsewhere (a technology on a case page, "clear all"), the check marks
 * follow.
 */
void
casebook_filter_pane_set_filter (CasebookFilterPane *self,
                                 CasebookFilter     *filter)
{
  g_return_if_fail (CASEBOOK_IS_FILTER_PANE (self));
  g_return_if_fail (filter == NULL || CASEBOOK_IS_FILTER (filter));

  if (self->filter == filter)
    return;

  if (self->filter != NULL)
    g_clear_signal_handler (&self->filter_changed_id, self->filter);

  g_set_object (&self->filter, filter);

  if (filter != NULL)
    self->filter_changed_id = g_signal_connect_object (filter, "changed",
                                                       G_CALLBACK (on_filter_changed), self,
                                                       G_CONNECT_SWAPPED);

  sync_with_filter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

/**
 * casebook_filter_pane_set_catalog:
 * @catalog: where the names, colours and order of the sectors come from
 */
void
casebook_filter_pane_set_catalog (CasebookFilterPane *self,
                                  CasebookCatalog    *catalog)
{
  GHashTableIter iter;
  gpointer row;

  g_return_if_fail (CASEBOOK_IS_FILTER_PANE (self));
  g_return_if_fail (CASEBOOK_IS_CATALOG (catalog));

  if (catalog == self->catalog)
    return;

  g_set_object (&self->catalog, catalog);

  g_hash_table_iter_init (&iter, self->rows[CASEBOOK_FACET_SECTOR]);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    relabel_row (self, row);

  gtk_list_box_invalidate_sort (self->lists[SECTION_SECTOR]);
}

/**
 * casebook_filter_pane_set_sectors:
 * @sectors: (nullable) (element-type CasebookSector): the sectors, in the
 *   order the pane lists them; they must not change afterwards
 *
 * Like casebook_filter_pane_set_catalog() with a catalog of @sectors only.
 */
void
casebook_filter_pane_set_sectors (CasebookFilterPane *self,
                                  GPtrArray          *sectors)
{
  g_autoptr(CasebookCatalog) catalog = NULL;

  g_return_if_fail (CASEBOOK_IS_FILTER_PANE (self));

  catalog = casebook_catalog_new (sectors, NULL, NULL);
  casebook_filter_pane_set_catalog (self, catalog);
}

CasebookLang
casebook_filter_pane_get_lang (CasebookFilterPane *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FILTER_PANE (self), CASEBOOK_LANG_EN);
  return self->lang;
}

/**
 * casebook_filter_pane_set_lang:
 *
 * Names every value in @lang. The order stays as it is.
 */
void
casebook_filter_pane_set_lang (CasebookFilterPane *self,
                               CasebookLang        lang)
{
  g_return_if_fail (CASEBOOK_IS_FILTER_PANE (self));

  if (self->lang == lang)
    return;

  self->lang = lang;

  for (guint facet = 0; facet < CASEBOOK_N_FACETS; facet++)
    {
      GHashTableIter iter;
      gpointer row;

      g_hash_table_iter_init (&iter, self->rows[facet]);
      while (g_hash_table_iter_next (&iter, NULL, &row))
        relabel_row (self, row);
    }
}

/**
 * casebook_filter_pane_update:
 * @facets: (nullable) (element-type CasebookFacetValue): the counts, as
 *   casebook_case_list_get_facets() gives them after each refresh
 *
 * Puts new counts in place. Rows stay where they are; a value the counts
 * no longer mention counts 0 and hides, unless it is chosen.
 */
void
casebook_filter_pane_update (CasebookFilterPane *self,
                             GPtrArray          *facets)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_return_if_fail (CASEBOOK_IS_FILTER_PANE (self));

  for (guint i = 0; facets != NULL && i < facets->len; i++)
    {
      const CasebookFacetValue *value = g_ptr_array_index (facets, i);
      CasebookFacetRow *row;

      if (value->facet < 0 || value->facet >= CASEBOOK_N_FACETS || value->key == NULL)
        continue;

      if (value->facet == CASEBOOK_FACET_SUBSECTOR && value->label != NULL)
        {
          CasebookText *known = g_hash_table_lookup (self->subsector_labels, value->key);

          if (known == NULL || !casebook_text_equal (known, value->label))
            g_hash_table_insert (self->subsector_labels, g_strdup (value->key),
                                 casebook_text_copy (value->label));
        }

      row = ensure_row (self, value->facet, value->key);
      if (value->facet == CASEBOOK_FACET_SUBSECTOR)
        relabel_row (self, row);
      casebook_facet_row_set_count (row, value->count);
      g_hash_table_add (seen, row);
    }

  for (guint facet = 0; facet < CASEBOOK_N_FACETS; facet++)
    {
      GHashTableIter iter;
      gpointer row;

      g_hash_table_iter_init (&iter, self->rows[facet]);
      while (g_hash_table_iter_next (&iter, NULL, &row))
        if (!g_hash_table_contains (seen, row))
          casebook_facet_row_set_count (row, 0);
    }

  ensure_chosen_rows (self);
  update_visibility (self);
}
