/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-json"

#include "config.h"

#include "casebook-json-emitter.h"
#include "casebook-json-private.h"

/* Writing a document a case at a time, for exports of any size.
 *
 * casebook_json_write_document() builds the tree of the whole document
 * and lays it out in one string; at 100,000 cases that took several
 * times the file's size in memory. This writes the same bytes in the
 * same layout, but holds only the document's head (its sectors, metric
 * families, cross-sector material and collections) and one case at a
 * time: the head's tree is built with the document's `cases` left
 * empty, its members up to `cases` are written first, then each case as
 * it is given, then the members after `cases`. What is laid out goes to
 * the sink in pieces of about CHUNK bytes. */

#define CHUNK (256 * 1024)

/* The members of the document stand at level 1, its cases at level 2. */
#define MEMBER_LEVEL 1
#define CASE_LEVEL   2

struct _CasebookJsonEmitter
{
  CasebookJsonSink  sink;
  gpointer          sink_data;
  GOutputStream    *stream;
  GCancellable     *cancellable;

  GString          *out;
  JsonNode         *head;
  /* The head's member after `cases`, where casebook_json_emitter_end()
   * goes on. */
  GList            *members;
  GList            *after_cases;
  guint             n_cases;
  gboolean          begun;
  gboolean          ended;
  gboolean          failed;
};

/**
 * casebook_json_sink_stream:
 * @data: a #GOutputStream
 *
 * The #CasebookJsonSink that writes to the stream @data.
 *
 * Returns: whether all of @bytes were written
 */
gboolean
casebook_json_sink_stream (gpointer       data,
                           const void    *bytes,
                           gsize          length,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return g_output_stream_write_all (G_OUTPUT_STREAM (data), bytes, length, NULL, cancellable, error);
}

/**
 * casebook_json_emitter_new:
 * @sink: (scope notified): where the bytes go
 *
 * Returns: (transfer full): an emitter that writes a document to @sink
 */
CasebookJsonEmitter *
casebook_json_emitter_new (CasebookJsonSink  sink,
                           gpointer          sink_data,
                           GCancellable     *cancellable)
{
  CasebookJsonEmitter *self;

  g_return_val_if_fail (sink != NULL, NULL);

  self = g_new0 (CasebookJsonEmitter, 1);
  self->sink = sink;
  self->sink_data = sink_data;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->out = g_string_sized_new (CHUNK + CHUNK / 4);
  return self;
}

/**
 * casebook_json_emitter_new_for_stream:
 *
 * Returns: (transfer full): an emitter that writes a document to
 *   @stream, which it does not close
 */
CasebookJsonEmitter *
casebook_json_emitter_new_for_stream (GOutputStream *stream,
                                      GCancellable  *cancellable)
{
  CasebookJsonEmitter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = casebook_json_emitter_new (casebook_json_sink_stream, stream, cancellable);
  self->stream = g_object_ref (stream);
  return self;
}

static gboolean
flush (CasebookJsonEmitter  *self,
       gboolean              all,
       GError              **error)
{
  if (self->failed)
    return FALSE;

  if (self->out->len == 0 || (!all && self->out->len < CHUNK))
    return TRUE;

  if (g_cancellable_set_error_if_cancelled (self->cancellable, error) ||
      !self->sink (self->sink_data, self->out->str, self->out->len, self->cancellable, error))
    {
      self->failed = TRUE;
      return FALSE;
    }

  g_string_truncate (self->out, 0);
  return TRUE;
}

/* Writes the members of the head from @from up to @to (not included). */
static void
emit_members (CasebookJsonEmitter *self,
              GList               *from,
              GList               *to)
{
  JsonObject *obj = json_node_get_object (self->head);

  for (GList *l = from; l != to; l = l->next)
    {
      if (l != self->members)
        g_string_append_c (self->out, ',');
      _casebook_json_emit_member_name (self->out, l->data, MEMBER_LEVEL);
      _casebook_json_emit_node (self->out, json_object_get_member (obj, l->data), MEMBER_LEVEL);
    }
}

/**
 * casebook_json_emitter_begin:
 * @head: the document's title, publisher, sectors, metric families,
 *   cross-sector material and collections; its cases are not written
 *
 * Writes the document up to its first case.
 *
 * Returns: %FALSE with @error set if the sink failed
 */
gboolean
casebook_json_emitter_begin (CasebookJsonEmitter  *self,
                             CasebookDocument     *head,
                             GError              **error)
{
  GList *cases;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->begun, FALSE);
  g_return_val_if_fail (CASEBOOK_IS_DOCUMENT (head), FALSE);

  self->begun = TRUE;
  self->head = _casebook_json_build_head (head);
  self->members = json_object_get_members (json_node_get_object (self->head));

  /* The head always has `format` before `cases`, so the document's
   * object is never empty and `cases` never comes first. */
  cases = g_list_find_custom (self->members, "cases", (GCompareFunc) g_strcmp0);
  g_assert (cases != NULL && cases != self->members);
  self->after_cases = cases->next;

  g_string_append_c (self->out, '{');
  emit_members (self, self->members, cases);
  g_string_append_c (self->out, ',');
  _casebook_json_emit_member_name (self->out, "cases", MEMBER_LEVEL);

  return flush (self, FALSE, error);
}

/**
 * casebook_json_emitter_add_case:
 *
 * Writes @c, with its tags and note, as the next of the document's cases.
 *
 * Returns: %FALSE with @error set if the sink failed or the write was
 *   cancelled
 */
gboolean
casebook_json_emitter_add_case (CasebookJsonEmitter  *self,
                                CasebookCase         *c,
                                GError              **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->begun && !self->ended, FALSE);
  g_return_val_if_fail (CASEBOOK_IS_CASE (c), FALSE);

  if (self->failed)
    return FALSE;

  node = _casebook_json_build_case_node (c);
  g_string_append_c (self->out, self->n_cases == 0 ? '[' : ',');
  _casebook_json_emit_indent (self->out, CASE_LEVEL);
  _casebook_json_emit_node (self->out, node, CASE_LEVEL);
  self->n_cases++;

  return flush (self, FALSE, error);
}

/**
 * casebook_json_emitter_end:
 *
 * Writes the rest of the document after its cases and hands every byte
 * left to the sink.
 *
 * Returns: %FALSE with @error set if the sink failed
 */
gboolean
casebook_json_emitter_end (CasebookJsonEmitter  *self,
                           GError              **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->begun && !self->ended, FALSE);

  if (self->failed)
    return FALSE;

  self->ended = TRUE;
  if (self->n_cases == 0)
    g_string_append (self->out, "[]");
  else
    {
      _casebook_json_emit_indent (self->out, MEMBER_LEVEL);
      g_string_append_c (self->out, ']');
    }
  emit_members (self, self->after_cases, NULL);
  _casebook_json_emit_indent (self->out, 0);
  g_string_append (self->out, "}\n");

  return flush (self, TRUE, error);
}

/**
 * casebook_json_emitter_get_n_cases:
 *
 * Returns: how many cases have been written
 */
guint
casebook_json_emitter_get_n_cases (CasebookJsonEmitter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_cases;
}

/**
 * casebook_json_emitter_free:
 *
 * Frees @self; a stream it was made for is left open.
 */
void
casebook_json_emitter_free (CasebookJsonEmitter *self)
{
  if (self == NULL)
    return;

  g_list_free (self->members);
  g_clear_pointer (&self->head, json_node_unref);
  g_string_free (self->out, TRUE);
  g_clear_object (&self->stream);
  g_clear_object (&self->cancellable);
  g_free (self);
}
