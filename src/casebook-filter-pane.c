/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-filter-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "casebook-enums.h"
#include "casebook-facet-groups.h"
#include "casebook-facet-picker.h"
#include "casebook-facet-row.h"
#include "casebook-filter-pane-private.h"
#include "casebook-parts.h"
#include "casebook-resources.h"
#include "casebook-tooltip.h"

/**
 * CasebookFilterPane:
 *
 * The filter sidebar: one section per facet, each value with a check mark
 * and the number of cases that have it, given the other choices.
 *
 * A facet can have tens of thousands of values (the subsectors and
 * products of a library gathered from many sources), so the pane lists
 * only the most frequent few of each, in the facet's fixed order, and
 * reaches the rest through a last row, "Show All 23,519…", that opens a
 * searchable list (#CasebookFacetPicker). The counts come sorted from a
 * worker thread; sorting them out by facet and by sector also runs on
 * one (#CasebookFacetGroups), so the work on this thread is the same at
 * any size.
 *
 * A sector's subsectors stay folded under a disclosure button until the
 * person opens it, so that checking a sector never moves the rows below.
 * A chosen value always shows, so that it can be un-chosen, and so does
 * the row the keyboard is on.
 */

typedef enum
{
  SECTION_TAG,
  SECTION_SOURCE,
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
  GtkWidget      *sections[N_SECTIONS];
  GtkListBox     *lists[N_SECTIONS];

  CasebookFilter *filter;
  gulong          filter_changed_id;
  CasebookLang    lang;

  /* One table per facet, key → CasebookFacetRow, for the values listed
   * now: a few per facet. The lists own the rows. */
  GHashTable     *rows[CASEBOOK_N_FACETS];

  /* The "Show All" rows: one per facet, and one per open sector for its
   * subsectors (sector key → CasebookFacetPicker). */
  CasebookFacetPicker *pickers[CASEBOOK_N_FACETS];
  GHashTable     *subsector_pickers;

  /* The sectors whose subsectors the person opened. */
  GHashTable     *expanded;

  /* The sectors' names, colours and order. */
  CasebookCatalog *catalog;

  /* The counts, sorted out, and the sorting out under way. */
  CasebookFacetGroups *groups;
  GCancellable   *grouping;
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
  "tag", "source", "sector", "kind", "approach", "technology", "size", "years",
};

static const Section facet_sections[CASEBOOK_N_FACETS] = {
  [CASEBOOK_FACET_SECTOR] = SECTION_SECTOR,
  [CASEBOOK_FACET_SUBSECTOR] = SECTION_SECTOR,
  [CASEBOOK_FACET_KIND] = SECTION_KIND,
  [CASEBOOK_FACET_APPROACH] = SECTION_APPROACH,
  [CASEBOOK_FACET_TECHNOLOGY] = SECTION_TECHNOLOGY,
  [CASEBOOK_FACET_SIZE] = SECTION_SIZE,
  [CASEBOOK_FACET_YEAR] = SECTION_YEARS,
  [CASEBOOK_FACET_TAG] = SECTION_TAG,
  [CASEBOOK_FACET_SOURCE] = SECTION_SOURCE,
};

/* How many values of a facet the pane lists; more than N_SHOWN + N_SLACK
 * and the rest are a "Show All" away. The slack spares a list of a few
 * more than N_SHOWN a row that would only hide one or two. */
#define N_SHOWN 8
#define N_SLACK 4

/* How many rows of a facet that no longer show are kept, hidden, for when
 * their values come back (a search cleared, a choice undone): making a
 * row costs far more than showing it again. */
#define N_KEPT 32

/* Counts with fewer values than this are sorted out on this thread, at
 * once; more go to a worker thread. */
#define N_GROUP_HERE 2000

/* Where a row stores its value's names in both languages. */
#define TEXT_KEY "casebook-facet-text"

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

/* How a value reads, from its names when the counts gave them
 * (subsectors, products), else from its key. */
static const char *
label_for (CasebookFilterPane *self,
           CasebookFacet       facet,
           const char         *key,
           const CasebookText *text)
{
  if (text != NULL && !casebook_text_is_empty (text))
    {
      const char *label = casebook_text_get (text, self->lang);

      if (label != NULL && label[0] != '\0')
        return label;
    }

  switch (facet)
    {
    case CASEBOOK_FACET_SECTOR:
      return casebook_catalog_sector_name (self->catalog, key, self->lang);

    case CASEBOOK_FACET_SUBSECTOR:
      {
        const char *slash = strchr (key, '/');

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

    case CASEBOOK_FACET_SOURCE:
      /* A subscription's name comes with the counts; its URL else. */
      if (g_str_equal (key, "bundled"))
        /* Translators: in the filter sidebar's Source section: the cases that come with Casebook */
        return _("From the Report");
      if (g_str_equal (key, "own"))
        /* Translators: in the filter sidebar's Source section: the cases the person added */
        return _("Your Cases");
      return key;

    case CASEBOOK_FACET_TECHNOLOGY:
    case CASEBOOK_FACET_YEAR:
    case CASEBOOK_FACET_TAG:
    case CASEBOOK_N_FACETS:
    default:
      return key;
    }
}

static const char *
label_value (const CasebookFacetValue *value,
             gpointer                  user_data)
{
  return label_for (user_data, value->facet, value->key, value->label);
}

static void
relabel_row (CasebookFilterPane *self,
             CasebookFacetRow   *row)
{
  CasebookFacet facet = casebook_facet_row_get_facet (row);
  const char *key = casebook_facet_row_get_key (row);
  const CasebookText *text = g_object_get_data (G_OBJECT (row), TEXT_KEY);

  casebook_facet_row_set_label (row, label_for (self, facet, key, text));

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

/* Sectors in the catalog's order; those the store does not describe go
 * last. */
static int
compare_parents (CasebookFilterPane *self,
                 const char         *parent_a,
                 const char         *parent_b)
{
  guint pos_a = casebook_catalog_sector_position (self->catalog, parent_a);
  guint pos_b = casebook_catalog_sector_position (self->catalog, parent_b);

  if (pos_a != pos_b)
    return pos_a < pos_b ? -1 : 1;
  return strcmp (parent_a, parent_b);
}

static int
compare_sector_rows (CasebookFilterPane *self,
                     CasebookFacetRow   *a,
                     CasebookFacetRow   *b)
{
  g_autofree char *parent_a = parent_sector_of (a);
  g_autofree char *parent_b = parent_sector_of (b);
  CasebookFacet facet_a = casebook_facet_row_get_facet (a);
  CasebookFacet facet_b = casebook_facet_row_get_facet (b);
  int cmp;

  if ((cmp = compare_parents (self, parent_a, parent_b)) != 0)
    return cmp;

  /* A sector comes before its subsectors. */
  if (facet_a != facet_b)
    return facet_a == CASEBOOK_FACET_SECTOR ? -1 : 1;

  return compare_keys_casefold (casebook_facet_row_get_key (a), casebook_facet_row_get_key (b));
}

/* A facet's "Show All" row ends its section; a sector's ends the list of
 * its subsectors. */
static int
compare_with_picker (CasebookFilterPane *self,
                     GtkListBoxRow      *a,
                     GtkListBoxRow      *b)
{
  g_autofree char *parent_a = NULL;
  g_autofree char *parent_b = NULL;
  int cmp;

  if (CASEBOOK_IS_FACET_PICKER (a) && casebook_facet_picker_get_sector (CASEBOOK_FACET_PICKER (a)) == NULL)
    return CASEBOOK_IS_FACET_PICKER (b) && casebook_facet_picker_get_sector (CASEBOOK_FACET_PICKER (b)) == NULL ? 0 : 1;
  if (CASEBOOK_IS_FACET_PICKER (b) && casebook_facet_picker_get_sector (CASEBOOK_FACET_PICKER (b)) == NULL)
    return -1;

  /* Only the sector list has pickers of subsectors. */
  parent_a = CASEBOOK_IS_FACET_PICKER (a) ? g_strdup (casebook_facet_picker_get_sector (CASEBOOK_FACET_PICKER (a)))
                                          : parent_sector_of (CASEBOOK_FACET_ROW (a));
  parent_b = CASEBOOK_IS_FACET_PICKER (b) ? g_strdup (casebook_facet_picker_get_sector (CASEBOOK_FACET_PICKER (b)))
                                          : parent_sector_of (CASEBOOK_FACET_ROW (b));
  if ((cmp = compare_parents (self, parent_a, parent_b)) != 0)
    return cmp;

  return CASEBOOK_IS_FACET_PICKER (a) ? (CASEBOOK_IS_FACET_PICKER (b) ? 0 : 1) : -1;
}

static int
compare_rows (GtkListBoxRow *row_a,
              GtkListBoxRow *row_b,
              gpointer       user_data)
{
  CasebookFilterPane *self = user_data;
  CasebookFacetRow *a, *b;
  const char *key_a, *key_b;
  int rank_a = 0;
  int rank_b = 0;

  if (CASEBOOK_IS_FACET_PICKER (row_a) || CASEBOOK_IS_FACET_PICKER (row_b))
    return compare_with_picker (self, row_a, row_b);

  a = CASEBOOK_FACET_ROW (row_a);
  b = CASEBOOK_FACET_ROW (row_b);
  key_a = casebook_facet_row_get_key (a);
  key_b = casebook_facet_row_get_key (b);

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

    case CASEBOOK_FACET_SOURCE:
      /* The report, one's own, then the subscriptions by address. */
      rank_a = g_str_equal (key_a, "bundled") ? 0 : g_str_equal (key_a, "own") ? 1 : 2;
      rank_b = g_str_equal (key_b, "bundled") ? 0 : g_str_equal (key_b, "own") ? 1 : 2;
      break;

    case CASEBOOK_FACET_TECHNOLOGY:
    case CASEBOOK_FACET_TAG:
    case CASEBOOK_N_FACETS:
    default:
      return compare_keys_casefold (key_a, key_b);
    }

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  return strcmp (key_a, key_b);
}

/* Rows */

static gboolean
is_chosen (CasebookFilterPane *self,
           CasebookFacet       facet,
           const char         *key)
{
  return self->filter != NULL && casebook_filter_has (self->filter, facet, key);
}

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

static void apply_groups (CasebookFilterPane *self);

static void
on_facet_row_expanded (CasebookFacetRow   *row,
                       GParamSpec         *pspec,
                       CasebookFilterPane *self)
{
  const char *key = casebook_facet_row_get_key (row);

  if (casebook_facet_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (key));
  else
    g_hash_table_remove (self->expanded, key);

  apply_groups (self);
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
  g_signal_connect_object (row, "toggled", G_CALLBACK (on_facet_row_toggled), self, 0);
  if (facet == CASEBOOK_FACET_SECTOR)
    {
      casebook_facet_row_set_expanded (row, g_hash_table_contains (self->expanded, key));
      g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_facet_row_expanded), self, 0);
    }

  g_hash_table_insert (self->rows[facet], g_strdup (key), row);
  /* With a sort function set, the list puts the row in its place. */
  gtk_list_box_append (self->lists[facet_sections[facet]], GTK_WIDGET (row));

  return row;
}

/* Gives @row the count and the names @value has now, or a count of 0. */
static void
update_row (CasebookFilterPane       *self,
            CasebookFacetRow         *row,
            const CasebookFacetValue *value)
{
  if (value != NULL && value->label != NULL)
    {
      const CasebookText *known = g_object_get_data (G_OBJECT (row), TEXT_KEY);

      if (known == NULL || !casebook_text_equal (known, value->label))
        {
          g_object_set_data_full (G_OBJECT (row), TEXT_KEY, casebook_text_copy (value->label),
                                  (GDestroyNotify) casebook_text_free);
          relabel_row (self, row);
        }
    }

  casebook_facet_row_set_count (row, value != NULL ? value->count : 0);
  casebook_facet_row_set_active (row, is_chosen (self, casebook_facet_row_get_facet (row),
                                                 casebook_facet_row_get_key (row)));
}

static void
remove_row (GtkWidget *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);

  if (list != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), row);
}

/* Lists the values in @wanted, key → CasebookFacetValue or NULL for a
 * chosen value no case has now, and hides the other rows of @facet, but
 * not the one the keyboard is on; beyond N_KEPT hidden rows, they go.
 * At most a few dozen rows each time. Returns whether any row shows. */
static gboolean
sync_rows (CasebookFilterPane *self,
           CasebookFacet       facet,
           GHashTable         *wanted)
{
  GHashTableIter iter;
  gpointer key, value, row;
  guint n_hidden = 0;
  gboolean any = FALSE;

  g_hash_table_iter_init (&iter, self->rows[facet]);
  while (g_hash_table_iter_next (&iter, &key, &row))
    {
      if (g_hash_table_contains (wanted, key))
        continue;

      if (gtk_widget_get_visible (row) && gtk_widget_has_focus (row))
        {
          update_row (self, row, NULL);
          any = TRUE;
          continue;
        }

      if (n_hidden < N_KEPT)
        {
          gtk_widget_set_visible (row, FALSE);
          n_hidden++;
          continue;
        }

      /* The table's key is the row's; remove the row from the list last. */
      g_object_ref (row);
      g_hash_table_iter_remove (&iter);
      remove_row (row);
      g_object_unref (row);
    }

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CasebookFacetRow *shown = ensure_row (self, facet, key);

      update_row (self, shown, value);
      gtk_widget_set_visible (GTK_WIDGET (shown), TRUE);
      any = TRUE;
    }

  return any;
}

/* Adds to @wanted the values of @facet to list from @values, most
 * frequent first: all of them, or the first N_SHOWN. Returns whether the
 * rest needs a "Show All" row. */
static gboolean
want_top (GHashTable *wanted,
          GPtrArray  *values)
{
  guint n;

  if (values == NULL)
    return FALSE;

  n = values->len <= N_SHOWN + N_SLACK ? values->len : N_SHOWN;
  for (guint i = 0; i < n; i++)
    {
      CasebookFacetValue *value = g_ptr_array_index (values, i);

      g_hash_table_insert (wanted, value->key, value);
    }

  return n < values->len;
}

/* Adds the chosen values of @facet, which always show, to @wanted. */
static void
want_chosen (CasebookFilterPane *self,
             CasebookFacet       facet,
             GHashTable         *wanted,
             GStrv               chosen)
{
  for (guint i = 0; chosen[i] != NULL; i++)
    if (!g_hash_table_contains (wanted, chosen[i]))
      g_hash_table_insert (wanted, chosen[i],
                           (gpointer) casebook_facet_groups_lookup (self->groups, facet, chosen[i]));
}

static CasebookFacetPicker *
new_picker (CasebookFilterPane *self,
            CasebookFacet       facet,
            const char         *sector)
{
  CasebookFacetPicker *picker = casebook_facet_picker_new (facet, sector, label_value, self);

  casebook_facet_picker_set_filter (picker, self->filter);
  gtk_list_box_append (self->lists[facet_sections[facet]], GTK_WIDGET (picker));
  return picker;
}

static void
sync_picker (CasebookFilterPane *self,
             CasebookFacet       facet,
             gboolean            needed)
{
  if (!needed)
    {
      if (self->pickers[facet] != NULL)
        remove_row (GTK_WIDGET (g_steal_pointer (&self->pickers[facet])));
      return;
    }

  if (self->pickers[facet] == NULL)
    self->pickers[facet] = new_picker (self, facet, NULL);
  casebook_facet_picker_set_values (self->pickers[facet], self->groups,
                                    casebook_facet_groups_get (self->groups, facet));
}

/* The subsectors of the open sectors, and of none other, except chosen
 * ones. */
static void
sync_subsectors (CasebookFilterPane *self)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) chosen = NULL;
  GHashTableIter iter;
  gpointer key, row, picker;

  /* Every listed sector says whether it has subsectors to open. */
  g_hash_table_iter_init (&iter, self->rows[CASEBOOK_FACET_SECTOR]);
  while (g_hash_table_iter_next (&iter, &key, &row))
    {
      GPtrArray *subsectors = casebook_facet_groups_get_subsectors (self->groups, key);

      casebook_facet_row_set_expandable (row, subsectors != NULL);

      if (subsectors != NULL && g_hash_table_contains (self->expanded, key))
        {
          if (want_top (wanted, subsectors))
            {
              picker = g_hash_table_lookup (self->subsector_pickers, key);
              if (picker == NULL)
                {
                  picker = new_picker (self, CASEBOOK_FACET_SUBSECTOR, key);
                  g_hash_table_insert (self->subsector_pickers, g_strdup (key), picker);
                }
              casebook_facet_picker_set_values (picker, self->groups, subsectors);
            }
        }
    }

  /* Pickers of sectors closed, or no longer listed. */
  g_hash_table_iter_init (&iter, self->subsector_pickers);
  while (g_hash_table_iter_next (&iter, &key, &picker))
    {
      GPtrArray *subsectors = casebook_facet_groups_get_subsectors (self->groups, key);

      if (g_hash_table_contains (self->expanded, key) &&
          g_hash_table_contains (self->rows[CASEBOOK_FACET_SECTOR], key) &&
          subsectors != NULL && subsectors->len > N_SHOWN + N_SLACK)
        continue;

      g_object_ref (picker);
      g_hash_table_iter_remove (&iter);
      remove_row (picker);
      g_object_unref (picker);
    }

  chosen = self->filter != NULL ? casebook_filter_get_values (self->filter, CASEBOOK_FACET_SUBSECTOR)
                                : g_new0 (char *, 1);
  want_chosen (self, CASEBOOK_FACET_SUBSECTOR, wanted, chosen);
  sync_rows (self, CASEBOOK_FACET_SUBSECTOR, wanted);
}

/* Puts the last counts in place: a few rows per facet, with a "Show All"
 * row for the rest. */
static void
apply_groups (CasebookFilterPane *self)
{
  gboolean section_shown[N_SECTIONS] = { FALSE, };

  for (guint facet = 0; facet < CASEBOOK_N_FACETS; facet++)
    {
      g_autoptr(GHashTable) wanted = NULL;
      g_auto(GStrv) chosen = NULL;
      gboolean more;

      if (facet == CASEBOOK_FACET_SUBSECTOR)
        continue;

      wanted = g_hash_table_new (g_str_hash, g_str_equal);
      chosen = self->filter != NULL ? casebook_filter_get_values (self->filter, facet)
                                    : g_new0 (char *, 1);
      more = want_top (wanted, casebook_facet_groups_get (self->groups, facet));
      want_chosen (self, facet, wanted, chosen);
      section_shown[facet_sections[facet]] |= sync_rows (self, facet, wanted);
      sync_picker (self, facet, more);

      if (facet == CASEBOOK_FACET_SECTOR)
        sync_subsectors (self);
    }

  /* Where the cases come from is worth a section only once some come
   * from a subscription, or one is chosen. */
  if (section_shown[SECTION_SOURCE])
    {
      GPtrArray *sources = casebook_facet_groups_get (self->groups, CASEBOOK_FACET_SOURCE);
      gboolean subscribed = self->filter != NULL && casebook_filter_count (self->filter, CASEBOOK_FACET_SOURCE) > 0;

      for (guint i = 0; !subscribed && sources != NULL && i < sources->len; i++)
        {
          const CasebookFacetValue *value = g_ptr_array_index (sources, i);

          subscribed = !g_str_equal (value->key, "bundled") && !g_str_equal (value->key, "own");
        }
      section_shown[SECTION_SOURCE] = subscribed;
    }

  for (guint i = 0; i < N_SECTIONS; i++)
    gtk_widget_set_visible (self->sections[i], section_shown[i]);

  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button),
                            self->filter != NULL && casebook_filter_has_facets (self->filter));
}

static void
foreach_picker (CasebookFilterPane *self,
                void              (*func) (CasebookFacetPicker *picker))
{
  GHashTableIter iter;
  gpointer picker;

  for (guint facet = 0; facet < CASEBOOK_N_FACETS; facet++)
    if (self->pickers[facet] != NULL)
      func (self->pickers[facet]);

  g_hash_table_iter_init (&iter, self->subsector_pickers);
  while (g_hash_table_iter_next (&iter, NULL, &picker))
    func (picker);
}

static void
foreach_picker_filter (CasebookFilterPane *self)
{
  GHashTableIter iter;
  gpointer picker;

  for (guint facet = 0; facet < CASEBOOK_N_FACETS; facet++)
    if (self->pickers[facet] != NULL)
      casebook_facet_picker_set_filter (self->pickers[facet], self->filter);

  g_hash_table_iter_init (&iter, self->subsector_pickers);
  while (g_hash_table_iter_next (&iter, NULL, &picker))
    casebook_facet_picker_set_filter (picker, self->filter);
}

static void
sync_with_filter (CasebookFilterPane *self)
{
  /* The check marks follow at once; the counts follow with the next
   * update. */
  apply_groups (self);
  foreach_picker (self, casebook_facet_picker_sync_checks);
}

/* Sorting the counts out */

static void
group_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_task_return_pointer (task, casebook_facet_groups_new (task_data),
                         (GDestroyNotify) casebook_facet_groups_unref);
}

static void
set_groups (CasebookFilterPane  *self,
            CasebookFacetGroups *groups)
{
  g_clear_pointer (&self->groups, casebook_facet_groups_unref);
  self->groups = groups;
  apply_groups (self);
}

static void
on_grouped (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CasebookFilterPane *self = CASEBOOK_FILTER_PANE (source);
  CasebookFacetGroups *groups = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Cancelled: newer counts are on their way, or the pane is gone. */
  if (groups == NULL || g_task_get_cancellable (G_TASK (result)) != self->grouping)
    {
      g_clear_pointer (&groups, casebook_facet_groups_unref);
      return;
    }

  g_clear_object (&self->grouping);
  set_groups (self, groups);
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
  if (CASEBOOK_IS_FACET_PICKER (row))
    casebook_facet_picker_popup (CASEBOOK_FACET_PICKER (row));
  else
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

/* Overrides */

static void
casebook_filter_pane_dispose (GObject *object)
{
  CasebookFilterPane *self = (CasebookFilterPane *)object;

  if (self->filter != NULL)
    g_clear_signal_handler (&self->filter_changed_id, self->filter);
  g_clear_object (&self->filter);

  if (self->grouping != NULL)
    g_cancellable_cancel (self->grouping);
  g_clear_object (&self->grouping);

  /* The tables only point at rows the lists own. */
  for (guint i = 0; i < CASEBOOK_N_FACETS; i++)
    {
      if (self->rows[i] != NULL)
        g_hash_table_remove_all (self->rows[i]);
      self->pickers[i] = NULL;
    }
  if (self->subsector_pickers != NULL)
    g_hash_table_remove_all (self->subsector_pickers);

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
  g_clear_pointer (&self->subsector_pickers, g_hash_table_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->groups, casebook_facet_groups_unref);

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
  g_type_ensure (CASEBOOK_TYPE_FACET_PICKER);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filterpane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-filter-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookFilterPane, box);
  gtk_widget_class_bind_template_child (widget_class, CasebookFilterPane, clear_button);

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
}

static void
casebook_filter_pane_init (CasebookFilterPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Here, not in the template: see casebook-tooltip.c. */
  casebook_tooltip_set_text (GTK_WIDGET (self->clear_button), _("Remove every chosen filter; the search stays"));

  self->lang = CASEBOOK_LANG_EN;

  for (guint i = 0; i < CASEBOOK_N_FACETS; i++)
    self->rows[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->catalog = casebook_catalog_new (NULL, NULL, NULL);
  self->subsector_pickers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->groups = casebook_facet_groups_new (NULL);

  for (guint i = 0; i < N_SECTIONS; i++)
    gtk_list_box_set_sort_func (self->lists[i], compare_rows, self, NULL);

  apply_groups (self);
}

/* Public API */

/**
 * _casebook_filter_pane_new:
 *
 * Returns: (transfer floating): a new, empty pane
 */
CasebookFilterPane *
_casebook_filter_pane_new (void)
{
  return g_object_new (CASEBOOK_TYPE_FILTER_PANE, NULL);
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
  foreach_picker_filter (self);

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

  foreach_picker (self, casebook_facet_picker_relabel);
}

/**
 * casebook_filter_pane_update:
 * @facets: (nullable) (element-type CasebookFacetValue): the counts, as
 *   casebook_case_list_get_facets() gives them after each refresh; they
 *   must not change afterwards
 *
 * Puts new counts in place. Large counts are sorted out on a worker
 * thread first, so the rows change a moment later;
 * _casebook_filter_pane_is_updating() says whether that is under way.
 */
void
casebook_filter_pane_update (CasebookFilterPane *self,
                             GPtrArray          *facets)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CASEBOOK_IS_FILTER_PANE (self));

  if (self->grouping != NULL)
    g_cancellable_cancel (self->grouping);
  g_clear_object (&self->grouping);

  if (facets == NULL || facets->len < N_GROUP_HERE)
    {
      set_groups (self, casebook_facet_groups_new (facets));
      return;
    }

  self->grouping = g_cancellable_new ();
  task = g_task_new (self, self->grouping, on_grouped, NULL);
  g_task_set_source_tag (task, casebook_filter_pane_update);
  g_task_set_task_data (task, g_ptr_array_ref (facets), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, group_in_thread);
}

/**
 * _casebook_filter_pane_is_updating:
 *
 * Returns: whether counts given to casebook_filter_pane_update() are
 *   still being sorted out
 */
gboolean
_casebook_filter_pane_is_updating (CasebookFilterPane *self)
{
  g_return_val_if_fail (CASEBOOK_IS_FILTER_PANE (self), FALSE);

  return self->grouping != NULL;
}
