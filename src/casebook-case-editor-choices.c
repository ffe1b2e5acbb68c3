/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-editor-private.h"
#include "casebook-sector-dialog.h"

/* What the case editor's choices offer: the sectors, the metric families,
 * the products and families of technologies the store knows; and a new
 * sector, named in the editor and stored with the case. */

static const char * const builtin_families[] = {
  "virtualization", "containers", "orchestration", "service-mesh", "monitoring",
  "storage", "network", "management", "edge", "iot", "data", "webassembly",
  "cloud", "security", "integration", "devops", "runtime", "ai", "communication",
};

void
_casebook_case_editor_load_choices (CasebookCaseEditor *self)
{
  g_autoptr(GPtrArray) sectors = casebook_store_list_sectors (self->store, NULL);
  g_autoptr(GPtrArray) metrics = casebook_store_list_metrics (self->store, NULL);
  g_autoptr(GPtrArray) products = casebook_store_list_products (self->store, NULL);
  g_autoptr(GStrvBuilder) product_words = g_strv_builder_new ();
  g_autoptr(GHashTable) families = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) family_words = g_ptr_array_new ();
  const char *key = casebook_case_get_sector (self->draft);
  gboolean known = FALSE;

  self->sectors = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_sector_free);
  for (guint i = 0; sectors != NULL && i < sectors->len; i++)
    {
      CasebookSector *sector = g_ptr_array_index (sectors, i);

      known = known || g_strcmp0 (sector->key, key) == 0;
      g_ptr_array_add (self->sectors, g_steal_pointer (&sectors->pdata[i]));
    }
  if (key != NULL && !known)
    {
      CasebookSector *sector = casebook_sector_new ();

      sector->key = g_strdup (key);
      sector->name = casebook_text_new_same (key);
      g_ptr_array_add (self->sectors, sector);
    }

  self->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_metric_free);
  for (guint i = 0; metrics != NULL && i < metrics->len; i++)
    g_ptr_array_add (self->metrics, g_steal_pointer (&metrics->pdata[i]));

  /* A metric family the case names but the store does not know stays a
   * choice, under its key. */
  for (guint i = 0; i < casebook_case_get_outcomes (self->draft)->len; i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (casebook_case_get_outcomes (self->draft), i);
      gboolean found = outcome->metric == NULL;

      for (guint j = 0; j < self->metrics->len && !found; j++)
        found = g_strcmp0 (((CasebookMetric *) g_ptr_array_index (self->metrics, j))->key, outcome->metric) == 0;
      if (!found)
        {
          CasebookMetric *metric = casebook_metric_new ();

          metric->key = g_strdup (outcome->metric);
          metric->name = casebook_text_new_same (outcome->metric);
          g_ptr_array_add (self->metrics, metric);
        }
    }

  self->product_families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (builtin_families); i++)
    if (g_hash_table_add (families, (gpointer) builtin_families[i]))
      g_ptr_array_add (family_words, (gpointer) builtin_families[i]);
  for (guint i = 0; products != NULL && i < products->len; i++)
    {
      CasebookProduct *product = g_ptr_array_index (products, i);

      g_strv_builder_add (product_words, product->name);
      if (product->family != NULL)
        {
          g_hash_table_insert (self->product_families, g_strdup (product->name), g_strdup (product->family));
          if (g_hash_table_add (families, product->family))
            g_ptr_array_add (family_words, product->family);
        }
    }
  g_ptr_array_add (family_words, NULL);
  self->products = g_strv_builder_end (product_words);
  self->families = g_strdupv ((char **) family_words->pdata);
}

/* The sector ----------------------------------------------------------- */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const char *color = user_data;
  GdkRGBA rgba;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    gdk_rgba_parse (&rgba, "#77767b");

  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
setup_sector_item (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   CasebookCaseEditor       *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 10);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
bind_sector_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CasebookCaseEditor       *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (swatch);
  GtkStringObject *name = gtk_list_item_get_item (item);
  GListModel *model = adw_combo_row_get_model (self->sector_row);
  const CasebookSector *sector = NULL;

  /* The row shows the chosen item outside the list, where the item's
   * position means nothing; find the item itself. */
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model) && i < self->sectors->len; i++)
    {
      g_autoptr(GObject) candidate = g_list_model_get_item (model, i);

      if (candidate == (GObject *) name)
        sector = g_ptr_array_index (self->sectors, i);
    }

  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (name));
  /* The swatch draws the colour it is given with its draw function. */
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  g_strdup (sector != NULL ? sector->color : NULL), g_free);
}

/* Each sector with its colour, a new one's too. */
void
_casebook_case_editor_setup_sectors (CasebookCaseEditor *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_sector_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_sector_item), self);
  adw_combo_row_set_factory (self->sector_row, factory);
}

void
_casebook_case_editor_fill_sectors (CasebookCaseEditor *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  const char *key = casebook_case_get_sector (self->draft);
  guint selected = 0;

  for (guint i = 0; i < self->sectors->len; i++)
    {
      const CasebookSector *sector = g_ptr_array_index (self->sectors, i);

      gtk_string_list_append (model, casebook_text_get (sector->name, self->content_lang));
      if (g_strcmp0 (sector->key, key) == 0)
        selected = i;
    }

  self->loading++;
  adw_combo_row_set_model (self->sector_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->sector_row, selected);
  self->loading--;

  if (self->sectors->len > 0 && key == NULL)
    casebook_case_set_sector (self->draft, ((CasebookSector *) g_ptr_array_index (self->sectors, 0))->key);
}

void
_casebook_case_editor_on_sector_selected (CasebookCaseEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->sector_row);

  if (self->draft == NULL || self->loading > 0 || selected >= self->sectors->len)
    return;

  casebook_case_set_sector (self->draft, ((CasebookSector *) g_ptr_array_index (self->sectors, selected))->key);
  _casebook_case_editor_touch (self, "sector");
  _casebook_case_editor_changed (self);
}

static char *
sector_key_for (CasebookCaseEditor *self,
                const char         *name)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *base = NULL;
  char *candidate;

  /* A key from the English name, such as "energy" or "public-health";
   * a name in other letters gives "sector". */
  for (const char *p = name != NULL ? name : ""; *p != '\0' && key->len < 48; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (key, g_ascii_tolower (*p));
      else if (key->len > 0 && key->str[key->len - 1] != '-')
        g_string_append_c (key, '-');
    }
  while (key->len > 0 && key->str[key->len - 1] == '-')
    g_string_truncate (key, key->len - 1);

  base = g_strdup (key->len > 0 ? key->str : "sector");
  candidate = g_strdup (base);
  for (guint n = 2; ; n++)
    {
      gboolean taken = FALSE;

      for (guint i = 0; i < self->sectors->len && !taken; i++)
        taken = g_strcmp0 (((CasebookSector *) g_ptr_array_index (self->sectors, i))->key, candidate) == 0;

      if (!taken)
        return candidate;

      g_free (candidate);
      candidate = g_strdup_printf ("%s-%u", base, n);
    }
}

/**
 * _casebook_case_editor_add_sector:
 * @name_zh: (nullable): the name in Chinese
 * @name_en: (nullable): the name in English
 *
 * Adds a new sector to the choices and chooses it for the case. It gets a
 * colour of its own, and goes into the store with the case, in the same
 * transaction; nothing is stored if the case is not saved.
 */
void
_casebook_case_editor_add_sector (CasebookCaseEditor *self,
                                  const char         *name_zh,
                                  const char         *name_en)
{
  g_autofree char *zh = g_strstrip (g_strdup (name_zh != NULL ? name_zh : ""));
  g_autofree char *en = g_strstrip (g_strdup (name_en != NULL ? name_en : ""));
  CasebookSector *sector;

  g_return_if_fail (CASEBOOK_IS_CASE_EDITOR (self));
  g_return_if_fail (zh[0] != '\0' || en[0] != '\0');

  /* Only one new sector at a time: another replaces it. */
  if (self->new_sector != NULL)
    {
      g_ptr_array_remove (self->sectors, self->new_sector);
      self->new_sector = NULL;
    }

  sector = casebook_sector_new ();
  sector->key = sector_key_for (self, en[0] != '\0' ? en : NULL);
  sector->name = casebook_text_new (zh, en);
  sector->color = casebook_store_pick_sector_color (self->store);
  g_ptr_array_add (self->sectors, sector);
  self->new_sector = sector;

  casebook_case_set_sector (self->draft, sector->key);
  _casebook_case_editor_fill_sectors (self);
  _casebook_case_editor_touch (self, "sector");
  _casebook_case_editor_changed (self);
}

void
_casebook_case_editor_on_new_sector_clicked (CasebookCaseEditor *self)
{
  CasebookSectorDialog *dialog = casebook_sector_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "chosen", G_CALLBACK (_casebook_case_editor_add_sector), self,
                           G_CONNECT_SWAPPED);
  casebook_sector_dialog_present (dialog, self->lang);
}
