/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-drag-content.h"
#include "casebook-store-collections.h"
#include "casebook-window-private.h"

/* Cases dropped on a row of the case list while it shows a plain
 * collection in its own order: they go next to that row. */

/**
 * _casebook_window_drop_next_to:
 * @collection_id: the plain collection the list shows
 * @target_id: the case of the row dropped on
 * @after: whether the cases go after it (dropped on its lower half)
 * @ids: the dropped cases, in order
 *
 * Puts the dropped cases next to the row of @target_id, moving those
 * already in the collection.
 *
 * Returns: %TRUE if they are there
 */
gboolean
_casebook_window_drop_next_to (CasebookWindow     *self,
                               gint64              collection_id,
                               const char         *target_id,
                               gboolean            after,
                               const char * const *ids)
{
  g_autoptr(CasebookCollection) now = NULL;
  g_autoptr(GError) error = NULL;
  guint found;
  int to;

  now = casebook_store_get_collection (self->store, collection_id, &error);
  if (now == NULL)
    {
      _casebook_window_add_status (self, error->message);
      return FALSE;
    }

  if (!g_ptr_array_find_with_equal_func (casebook_collection_get_case_ids (now), target_id, g_str_equal, &found))
    return FALSE;
  to = (int) found;
  if (after)
    to++;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      int from = g_ptr_array_find_with_equal_func (casebook_collection_get_case_ids (now), ids[i], g_str_equal, &found)
                 ? (int) found : -1;
      const char *one[] = { ids[i], NULL };
      gboolean ok;

      if (from >= 0)
        {
          /* Taking it out first shifts the places after it. */
          int place = from < to ? to - 1 : to;

          ok = casebook_store_move_in_collection (self->store, casebook_collection_get_id (now), ids[i],
                                                  (guint) place, &error);
          if (from >= to)
            to++;
        }
      else
        {
          ok = casebook_store_add_to_collection (self->store, casebook_collection_get_id (now), one, to, NULL, &error);
          to++;
        }

      if (!ok)
        {
          _casebook_window_show_error (self, _("Could Not Move the Case"), error->message);
          return FALSE;
        }

      g_clear_object (&now);
      now = casebook_store_get_collection (self->store, collection_id, &error);
      if (now == NULL)
        {
          _casebook_window_add_status (self, error->message);
          return FALSE;
        }
    }

  return TRUE;
}

typedef struct
{
  CasebookWindow *window;
  gint64          collection_id;
  char           *target_id;
  gboolean        after;
} RowDrop;

static void
row_drop_free (RowDrop *drop)
{
  g_clear_object (&drop->window);
  g_free (drop->target_id);
  g_free (drop);
}

static void
on_row_drop_ids (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RowDrop *drop = user_data;
  CasebookWindow *self = drop->window;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = casebook_case_drag_content_get_ids_finish (CASEBOOK_CASE_DRAG_CONTENT (source), result, &error);

  if (self->store == NULL)
    ;
  else if (ids == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _casebook_window_add_status (self, error->message);
  else if (ids == NULL)
    _casebook_window_show_error (self, _("Could Not Move the Case"), error->message);
  else
    _casebook_window_drop_next_to (self, drop->collection_id, drop->target_id, drop->after, (const char * const *) ids);

  row_drop_free (drop);
}

/**
 * _casebook_window_drop_dragged_next_to:
 * @content: a drag of a selection kept as positions
 *
 * Does what _casebook_window_drop_next_to() does with the dragged cases,
 * once their ids are found on a worker thread.
 */
void
_casebook_window_drop_dragged_next_to (CasebookWindow          *self,
                                       CasebookCaseDragContent *content,
                                       gint64                   collection_id,
                                       const char              *target_id,
                                       gboolean                 after)
{
  RowDrop *drop = g_new0 (RowDrop, 1);

  drop->window = g_object_ref (self);
  drop->collection_id = collection_id;
  drop->target_id = g_strdup (target_id);
  drop->after = after;
  casebook_case_drag_content_get_ids_async (content, NULL, on_row_drop_ids, drop);
}
