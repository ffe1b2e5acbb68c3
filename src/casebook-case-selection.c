/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-selection"

#include "config.h"

#include "casebook-case-selection.h"

/* The case list's selection: any number of rows, kept as positions only.
 *
 * GTK 4.8's GtkMultiSelection also keeps every selected item, so that it
 * can find them again when its model replaces rows. For that it asks the
 * model for each row whose selection changes, and the case list makes a
 * new summary for every row it is asked for, reading its page of the
 * store: Ctrl+A over 100,000 cases read them all on the main thread, and
 * so did selecting them all again after each refresh. Following items is
 * of no use here anyway, since the case list's rows are new objects after
 * every refresh; the window selects the cases again by id (or selects all
 * again) once the list is read anew.
 *
 * So this model never asks its model for a row except when it is itself
 * asked for one. Its selection is a GtkBitset that is never changed once
 * it has been handed out: each change makes a new one, so that a caller
 * may keep what get_selection_in_range() returned while the selection
 * changes. */

struct _CasebookCaseSelection
{
  GObject     parent_instance;

  GListModel *model;
  GtkBitset  *selected;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init      (GListModelInterface        *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CasebookCaseSelection, casebook_case_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

static guint
n_items (CasebookCaseSelection *self)
{
  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

/* The positions from @start on, @n of them, that the model has. */
static GtkBitset *
range (CasebookCaseSelection *self,
       guint                  start,
       guint                  n)
{
  GtkBitset *set = gtk_bitset_new_empty ();
  guint total = n_items (self);

  if (start < total && n > 0)
    gtk_bitset_add_range (set, start, MIN (n, total - start));
  return set;
}

/* GListModel */

static GType
get_item_type (GListModel *model)
{
  CasebookCaseSelection *self = CASEBOOK_CASE_SELECTION (model);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
get_n_items (GListModel *model)
{
  return n_items (CASEBOOK_CASE_SELECTION (model));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  CasebookCaseSelection *self = CASEBOOK_CASE_SELECTION (model);

  return self->model != NULL ? g_list_model_get_item (self->model, position) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* GtkSelectionModel */

static gboolean
is_selected (GtkSelectionModel *model,
             guint              position)
{
  return gtk_bitset_contains (CASEBOOK_CASE_SELECTION (model)->selected, position);
}

static GtkBitset *
get_selection_in_range (GtkSelectionModel *model,
                        guint              position,
                        guint              n)
{
  /* Positions outside the range may be included; the bitset is never
   * changed after this, so the caller may keep it. */
  return gtk_bitset_ref (CASEBOOK_CASE_SELECTION (model)->selected);
}

/* Everything below comes here: within @mask, what @wanted holds becomes
 * selected and the rest unselected. Only bitsets are combined, so the
 * cost follows the runs of positions, never the number of rows. */
static gboolean
set_selection (GtkSelectionModel *model,
               GtkBitset         *wanted,
               GtkBitset         *mask)
{
  CasebookCaseSelection *self = CASEBOOK_CASE_SELECTION (model);
  g_autoptr(GtkBitset) changes = gtk_bitset_copy (wanted);
  GtkBitset *selected;
  guint n = n_items (self);
  guint first, last;

  /* The positions that flip: (wanted XOR selected) AND mask, and only
   * rows the model has. */
  gtk_bitset_difference (changes, self->selected);
  gtk_bitset_intersect (changes, mask);
  if (!gtk_bitset_is_empty (changes) && gtk_bitset_get_maximum (changes) >= n)
    gtk_bitset_remove_range_closed (changes, n, gtk_bitset_get_maximum (changes));
  if (gtk_bitset_is_empty (changes))
    return TRUE;

  first = gtk_bitset_get_minimum (changes);
  last = gtk_bitset_get_maximum (changes);

  selected = gtk_bitset_copy (self->selected);
  gtk_bitset_difference (selected, changes);
  g_clear_pointer (&self->selected, gtk_bitset_unref);
  self->selected = selected;

  gtk_selection_model_selection_changed (model, first, last - first + 1);
  return TRUE;
}

static gboolean
select_range (GtkSelectionModel *model,
              guint              position,
              guint              n,
              gboolean           unselect_rest)
{
  CasebookCaseSelection *self = CASEBOOK_CASE_SELECTION (model);
  g_autoptr(GtkBitset) wanted = range (self, position, n);
  g_autoptr(GtkBitset) mask = unselect_rest ? range (self, 0, G_MAXUINT) : gtk_bitset_ref (wanted);

  return set_selection (model, wanted, mask);
}

static gboolean
unselect_range (GtkSelectionModel *model,
                guint              position,
                guint              n)
{
  g_autoptr(GtkBitset) wanted = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = range (CASEBOOK_CASE_SELECTION (model), position, n);

  return set_selection (model, wanted, mask);
}

static gboolean
select_item (GtkSelectionModel *model,
             guint              position,
             gboolean           unselect_rest)
{
  return select_range (model, position, 1, unselect_rest);
}

static gboolean
unselect_item (GtkSelectionModel *model,
               guint              position)
{
  return unselect_range (model, position, 1);
}

static gboolean
select_all (GtkSelectionModel *model)
{
  return select_range (model, 0, n_items (CASEBOOK_CASE_SELECTION (model)), FALSE);
}

static gboolean
unselect_all (GtkSelectionModel *model)
{
  return unselect_range (model, 0, n_items (CASEBOOK_CASE_SELECTION (model)));
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = is_selected;
  iface->get_selection_in_range = get_selection_in_range;
  iface->select_item = select_item;
  iface->unselect_item = unselect_item;
  iface->select_range = select_range;
  iface->unselect_range = unselect_range;
  iface->select_all = select_all;
  iface->unselect_all = unselect_all;
  iface->set_selection = set_selection;
}

/* Signal callbacks */

static void
on_model_items_changed (GListModel            *model,
                        guint                  position,
                        guint                  removed,
                        guint                  added,
                        CasebookCaseSelection *self)
{
  /* Selected rows after the change move with it, removed ones go, added
   * ones come unselected. A changed selection is not announced: the list
   * views learn it from items-changed, as with GTK's own selections. */
  if (!gtk_bitset_is_empty (self->selected) && gtk_bitset_get_maximum (self->selected) >= position)
    {
      GtkBitset *selected = gtk_bitset_copy (self->selected);

      gtk_bitset_splice (selected, position, removed, added);
      g_clear_pointer (&self->selected, gtk_bitset_unref);
      self->selected = selected;
    }

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* GObject */

static void
casebook_case_selection_dispose (GObject *object)
{
  CasebookCaseSelection *self = CASEBOOK_CASE_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_model_items_changed, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (casebook_case_selection_parent_class)->dispose (object);
}

static void
casebook_case_selection_finalize (GObject *object)
{
  CasebookCaseSelection *self = CASEBOOK_CASE_SELECTION (object);

  g_clear_pointer (&self->selected, gtk_bitset_unref);

  G_OBJECT_CLASS (casebook_case_selection_parent_class)->finalize (object);
}

static void
casebook_case_selection_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CasebookCaseSelection *self = CASEBOOK_CASE_SELECTION (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, n_items (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_case_selection_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CasebookCaseSelection *self = CASEBOOK_CASE_SELECTION (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      if (self->model != NULL)
        g_signal_connect (self->model, "items-changed", G_CALLBACK (on_model_items_changed), self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_case_selection_class_init (CasebookCaseSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = casebook_case_selection_dispose;
  object_class->finalize = casebook_case_selection_finalize;
  object_class->get_property = casebook_case_selection_get_property;
  object_class->set_property = casebook_case_selection_set_property;

  /**
   * CasebookCaseSelection:model:
   *
   * The list whose rows are selected.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CasebookCaseSelection:n-items:
   *
   * The number of rows, as g_list_model_get_n_items() gives it.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
casebook_case_selection_init (CasebookCaseSelection *self)
{
  self->selected = gtk_bitset_new_empty ();
}

/**
 * casebook_case_selection_new:
 * @model: (transfer none): the rows to select from
 *
 * Makes a selection of any number of @model's rows that keeps their
 * positions only, and asks @model for a row only when it is asked for
 * one itself.
 *
 * Returns: (transfer full): a new #CasebookCaseSelection
 */
CasebookCaseSelection *
casebook_case_selection_new (GListModel *model)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  return g_object_new (CASEBOOK_TYPE_CASE_SELECTION, "model", model, NULL);
}

/**
 * casebook_case_selection_get_model:
 *
 * Returns: (transfer none): the rows this selection selects from
 */
GListModel *
casebook_case_selection_get_model (CasebookCaseSelection *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_SELECTION (self), NULL);

  return self->model;
}

/**
 * casebook_case_selection_get_runs:
 * @self: a selection
 *
 * The selected positions as runs, for acting on them without asking the
 * model for a row: each run is two guints, its first position and its
 * length, in increasing order. Finding where each run ends is a binary
 * search over counts of the bitset, so the cost follows the number of
 * runs (one after Ctrl+A or a Shift-click), not the number of rows.
 *
 * Returns: (transfer full) (element-type guint): the runs, two guints each
 */
GArray *
casebook_case_selection_get_runs (CasebookCaseSelection *self)
{
  GArray *runs;
  guint first, last;

  g_return_val_if_fail (CASEBOOK_IS_CASE_SELECTION (self), NULL);

  runs = g_array_new (FALSE, FALSE, sizeof (guint));
  if (gtk_bitset_is_empty (self->selected))
    return runs;

  first = gtk_bitset_get_minimum (self->selected);
  last = gtk_bitset_get_maximum (self->selected);
  for (;;)
    {
      GtkBitsetIter iter;
      guint lo = first, hi = last, next, n;

      /* The last position of the run: the furthest one up to which every
       * position from @first is selected. */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo + 1) / 2;

          if (gtk_bitset_get_size_in_range (self->selected, first, mid) == (guint64) mid - first + 1)
            lo = mid;
          else
            hi = mid - 1;
        }

      n = lo - first + 1;
      g_array_append_val (runs, first);
      g_array_append_val (runs, n);

      if (lo == last || !gtk_bitset_iter_init_at (&iter, self->selected, lo + 1, &next))
        break;
      first = next;
    }

  return runs;
}
