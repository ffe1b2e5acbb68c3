/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-drag"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-drag.h"
#include "casebook-case-drag-content.h"
#include "casebook-collection-list.h"
#include "casebook-json.h"

/* Cases dragged out of the case list (what a drag offers is
 * CasebookCaseDragContent, casebook-case-drag-content.c). Inside one store a drag carries the
 * cases' ids, and a drop adds those very cases to a collection or moves
 * them in it. Another store (another window's, or another process's) has
 * other cases under those ids, or none: it reads the cases' interchange
 * JSON instead, and imports what it does not have. Other programs get the
 * text summary. */

/* Read 64 KiB at a time from whoever offers the JSON. */
#define READ_CHUNK (64 * 1024)

typedef struct
{
  GByteArray *data;
} JsonRead;

static void
json_read_free (gpointer data)
{
  JsonRead *read = data;

  g_byte_array_unref (read->data);
  g_free (read);
}

static void read_next_chunk (GdkContentDeserializer *deserializer);

static void
on_chunk_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GdkContentDeserializer *deserializer = user_data;
  JsonRead *read = gdk_content_deserializer_get_task_data (deserializer);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      gdk_content_deserializer_return_error (deserializer, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_value_take_boxed (gdk_content_deserializer_get_value (deserializer),
                          g_bytes_new (read->data->data, read->data->len));
      gdk_content_deserializer_return_success (deserializer);
      return;
    }

  /* The same bound as a file to import: a drop cannot make the window
   * hold more than an import would read. */
  if (read->data->len + g_bytes_get_size (chunk) > CASEBOOK_JSON_MAX_FILE_SIZE)
    {
      gdk_content_deserializer_return_error (deserializer,
                                             g_error_new_literal (CASEBOOK_JSON_ERROR, CASEBOOK_JSON_ERROR_TOO_LARGE,
                                                                  _("The dropped cases are too large to import")));
      return;
    }

  g_byte_array_append (read->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_next_chunk (deserializer);
}

static void
read_next_chunk (GdkContentDeserializer *deserializer)
{
  g_input_stream_read_bytes_async (gdk_content_deserializer_get_input_stream (deserializer),
                                   READ_CHUNK,
                                   gdk_content_deserializer_get_priority (deserializer),
                                   gdk_content_deserializer_get_cancellable (deserializer),
                                   on_chunk_read, deserializer);
}

/* Reads the JSON another program (or window) writes into a drop. */
static void
deserialize_cases_json (GdkContentDeserializer *deserializer)
{
  JsonRead *read = g_new0 (JsonRead, 1);

  read->data = g_byte_array_new ();
  gdk_content_deserializer_set_task_data (deserializer, read, json_read_free);
  read_next_chunk (deserializer);
}

GType
casebook_cases_json_get_type (void)
{
  static gsize type;

  if (g_once_init_enter (&type))
    {
      GType t = g_boxed_type_register_static (g_intern_static_string ("CasebookCasesJson"),
                                              (GBoxedCopyFunc) g_bytes_ref,
                                              (GBoxedFreeFunc) g_bytes_unref);

      /* Registered with the type, so that every drop target asking for it
       * can read it. */
      gdk_content_register_deserializer (CASEBOOK_CASES_MIME_TYPE, t, deserialize_cases_json, NULL, NULL);
      g_once_init_leave (&type, t);
    }

  return type;
}

/**
 * casebook_case_drag_is_from_store:
 * @drop: (nullable): a drop
 * @store: a store
 *
 * Returns: %TRUE if @drop is a drag of cases that started in this
 *   process on @store itself, so that its ids name @store's cases
 */
gboolean
casebook_case_drag_is_from_store (GdkDrop       *drop,
                                  CasebookStore *store)
{
  CasebookCaseDragContent *content = casebook_case_drag_content_from_drop (drop);

  return content != NULL && store != NULL && casebook_case_drag_content_get_store (content) == store;
}

/**
 * casebook_case_drag_accept_ids:
 *
 * What a drop target for #CASEBOOK_TYPE_CASE_IDS accepts: ids dragged
 * from @store.
 */
gboolean
casebook_case_drag_accept_ids (GdkDrop       *drop,
                               CasebookStore *store)
{
  return casebook_case_drag_is_from_store (drop, store) &&
         gdk_content_formats_contain_gtype (gdk_drop_get_formats (drop), CASEBOOK_TYPE_CASE_IDS);
}

/**
 * casebook_case_drag_accept_json:
 *
 * What a drop target for #CASEBOOK_TYPE_CASES_JSON accepts: cases from
 * anywhere but @store, whose own drags carry ids.
 */
gboolean
casebook_case_drag_accept_json (GdkDrop       *drop,
                                CasebookStore *store)
{
  return store != NULL && !casebook_case_drag_is_from_store (drop, store) &&
         gdk_content_formats_contain_gtype (gdk_drop_get_formats (drop), CASEBOOK_TYPE_CASES_JSON);
}
