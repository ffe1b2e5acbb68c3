/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-compare-item"

#include "casebook-compare-item-private.h"

/**
 * CasebookCompareItem:
 *
 * One row of the Compare view's table: a case's value, a sector's mean or
 * the report's range, with the same numbers the chart draws. Its
 * properties are what the table's columns show.
 */
struct _CasebookCompareItem
{
  GObject                  parent_instance;

  CasebookCompareItemKind  kind;
  char                    *case_id;
  char                    *sector;
  char                    *name;
  char                    *value;
  char                    *compared;
};

G_DEFINE_FINAL_TYPE (CasebookCompareItem, casebook_compare_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SECTOR,
  PROP_NAME,
  PROP_VALUE,
  PROP_COMPARED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
casebook_compare_item_finalize (GObject *object)
{
  CasebookCompareItem *self = (CasebookCompareItem *)object;

  g_clear_pointer (&self->case_id, g_free);
  g_clear_pointer (&self->sector, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->compared, g_free);

  G_OBJECT_CLASS (casebook_compare_item_parent_class)->finalize (object);
}

static void
casebook_compare_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CasebookCompareItem *self = CASEBOOK_COMPARE_ITEM (object);

  switch (prop_id)
    {
    case PROP_SECTOR:
      g_value_set_string (value, self->sector);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_COMPARED:
      g_value_set_string (value, self->compared);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_compare_item_class_init (CasebookCompareItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = casebook_compare_item_finalize;
  object_class->get_property = casebook_compare_item_get_property;

  properties[PROP_SECTOR] =
    g_param_spec_string ("sector", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPARED] =
    g_param_spec_string ("compared", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
casebook_compare_item_init (CasebookCompareItem *self)
{
}

/**
 * casebook_compare_item_new:
 * @case_id: (nullable): the case, for a case's value
 * @sector: the sector's name
 * @name: what the row is: the case's title, "Mean" or "Report range"
 * @value: the value as stated
 * @compared: (nullable): the value as the chart places it, when that
 *   differs (a change drawn as a multiple, an availability's downtime)
 *
 * Returns: (transfer full): the row
 */
CasebookCompareItem *
casebook_compare_item_new (CasebookCompareItemKind  kind,
                           const char              *case_id,
                           const char              *sector,
                           const char              *name,
                           const char              *value,
                           const char              *compared)
{
  CasebookCompareItem *self = g_object_new (CASEBOOK_TYPE_COMPARE_ITEM, NULL);

  self->kind = kind;
  self->case_id = g_strdup (case_id);
  self->sector = g_strdup (sector);
  self->name = g_strdup (name);
  self->value = g_strdup (value);
  self->compared = g_strdup (compared);

  return self;
}

CasebookCompareItemKind
casebook_compare_item_get_kind (CasebookCompareItem *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COMPARE_ITEM (self), CASEBOOK_COMPARE_ITEM_CASE);
  return self->kind;
}

const char *
casebook_compare_item_get_case_id (CasebookCompareItem *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COMPARE_ITEM (self), NULL);
  return self->case_id;
}

const char *
_casebook_compare_item_get_sector (CasebookCompareItem *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COMPARE_ITEM (self), NULL);
  return self->sector;
}

const char *
_casebook_compare_item_get_name (CasebookCompareItem *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COMPARE_ITEM (self), NULL);
  return self->name;
}

const char *
_casebook_compare_item_get_value (CasebookCompareItem *self)
{
  g_return_val_if_fail (CASEBOOK_IS_COMPARE_ITEM (self), NULL);
  return self->value;
}
