/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the parts of the interchange format: the syntax guard
 * (casebook-json-syntax.c), the checked reading of one member
 * (casebook-json-fields.c), the reader of documents, cases and insight
 * sections (casebook-json-reader.c) and the writer
 * (casebook-json-writer.c, and casebook-json-compact.c for the stored
 * form of a case). casebook-json.h is what the rest of Casebook
 * sees. */

#include "casebook-escape.h"
#include "casebook-json.h"

G_BEGIN_DECLS

/* Nesting deeper than this is refused before json-glib sees the data:
 * json-glib recurses once per level and has no limit of its own. */
#define CASEBOOK_JSON_MAX_DEPTH 64

#define CASEBOOK_FORMAT_NAME    "casebook"
#define CASEBOOK_FORMAT_VERSION 1

/* casebook-json-syntax.c */

/* Where a value lies in a document, in bytes from its start. */
typedef struct
{
  gsize start;
  gsize end;
} CasebookJsonSpan;

const char *_casebook_utf8_find_invalid (const char *data,
                                         gsize       length);

JsonNode *_casebook_json_parse (const char  *data,
                                gsize        length,
                                const char  *name,
                                JsonParser **parser_out,
                                GError     **error);
JsonNode *_casebook_json_parse_split (const char  *data,
                                      gsize        length,
                                      const char  *name,
                                      JsonParser **parser_out,
                                      GArray     **spans_out,
                                      GError     **error);
JsonNode *_casebook_json_parse_span (JsonParser              *parser,
                                     GString                 *scratch,
                                     const char              *data,
                                     gsize                    length,
                                     const CasebookJsonSpan  *span,
                                     const char              *name,
                                     GError                 **error);

/* casebook-json-fields.c */

typedef struct
{
  const char  *name;
  GError     **error;
  /* Reading back what the store holds, which an older version may have
   * written with control characters in its texts. */
  gboolean     stored;
} CasebookJsonCtx;

typedef gboolean (*CasebookJsonEnumParser) (const char *key,
                                            gpointer    out);
typedef gboolean (*CasebookJsonItemReader) (CasebookJsonCtx *ctx,
                                            JsonNode        *node,
                                            const char      *path,
                                            gpointer         item);

G_GNUC_PRINTF (3, 4)
gboolean    _casebook_json_invalid          (CasebookJsonCtx        *ctx,
                                             const char             *path,
                                             const char             *format,
                                             ...);
char       *_casebook_json_child_path       (const char             *path,
                                             const char             *member);
char       *_casebook_json_index_path       (const char             *path,
                                             guint                   index);
JsonNode   *_casebook_json_member           (JsonObject             *obj,
                                             const char             *name);
gboolean    _casebook_json_missing          (CasebookJsonCtx        *ctx,
                                             const char             *path,
                                             const char             *name);
gboolean    _casebook_json_read_object      (CasebookJsonCtx        *ctx,
                                             JsonNode               *node,
                                             const char             *path,
                                             JsonObject            **out);
gboolean    _casebook_json_read_array       (CasebookJsonCtx        *ctx,
                                             JsonObject             *obj,
                                             const char             *path,
                                             const char             *name,
                                             gboolean                required,
                                             JsonArray             **out);
gboolean    _casebook_json_read_string      (CasebookJsonCtx        *ctx,
                                             JsonObject             *obj,
                                             const char             *path,
                                             const char             *name,
                                             gboolean                required,
                                             char                  **out);
gboolean    _casebook_json_read_key         (CasebookJsonCtx        *ctx,
                                             JsonObject             *obj,
                                             const char             *path,
                                             const char             *name,
                                             gboolean                required,
                                             char                  **out);
gboolean    _casebook_json_check_text_chars (CasebookJsonCtx        *ctx,
                                             const char             *path,
                                             const char             *name,
                                             const CasebookText     *text,
                                             CasebookLineKind        kind);
gboolean    _casebook_json_read_text        (CasebookJsonCtx        *ctx,
                                             JsonObject             *obj,
                                             const char             *path,
                                             const char             *name,
                                             gboolean                required,
                                             gboolean                allow_plain,
                                             CasebookText          **out);
gboolean    _casebook_json_read_text_array  (CasebookJsonCtx        *ctx,
                                             JsonObject             *obj,
                                             const char             *path,
                                             const char             *name,
                                             gboolean                required,
                                             GPtrArray              *out);
gboolean    _casebook_json_read_int         (CasebookJsonCtx        *ctx,
                                             JsonObject             *obj,
                                             const char             *path,
                                             const char             *name,
                                             gboolean                required,
                                             gint64                  min,
                                             gint64                  max,
                                             gint64                 *out,
                                             gboolean               *present);
gboolean    _casebook_json_read_number      (CasebookJsonCtx        *ctx,
                                             JsonObject             *obj,
                                             const char             *path,
                                             const char             *name,
                                             gboolean                required,
                                             double                 *out,
                                             gboolean               *present);
gboolean    _casebook_json_read_enum        (CasebookJsonCtx        *ctx,
                                             JsonObject             *obj,
                                             const char             *path,
                                             const char             *name,
                                             gboolean                required,
                                             CasebookJsonEnumParser  parse,
                                             const char             *allowed,
                                             gpointer                out);
gboolean    _casebook_json_read_point       (CasebookJsonCtx        *ctx,
                                             JsonObject             *obj,
                                             const char             *path,
                                             const char             *name,
                                             CasebookPoint          *point);
gboolean    _casebook_json_read_each        (CasebookJsonCtx        *ctx,
                                             JsonObject             *obj,
                                             const char             *path,
                                             const char             *name,
                                             gboolean                required,
                                             gpointer              (*create) (void),
                                             void                  (*destroy) (gpointer),
                                             CasebookJsonItemReader  read,
                                             GPtrArray              *out);

/* What @node holds, to read after “found” (“expected a string, found an
 * array”). */
const char *_casebook_json_describe         (JsonNode               *node);

/* casebook-json-personal.c */

gboolean    _casebook_json_read_personal    (CasebookJsonCtx        *ctx,
                                             JsonObject             *obj,
                                             const char             *path,
                                             CasebookCase           *c);
gboolean    _casebook_json_read_collections (CasebookJsonCtx        *ctx,
                                             JsonObject             *obj,
                                             CasebookDocument       *doc);
gboolean    _casebook_json_check_collection_cases (CasebookJsonCtx  *ctx,
                                                   CasebookDocument *doc,
                                                   GHashTable       *ids);
void        _casebook_json_build_personal   (JsonBuilder            *b,
                                             CasebookCase           *c);
void        _casebook_json_build_collections (JsonBuilder           *b,
                                              CasebookDocument      *doc);

/* casebook-json-writer.c, for casebook-json-emitter.c */

JsonNode   *_casebook_json_build_head       (CasebookDocument       *document);
JsonNode   *_casebook_json_build_case_node  (CasebookCase           *c);
void        _casebook_json_emit_node        (GString                *out,
                                             JsonNode               *node,
                                             guint                   level);
void        _casebook_json_emit_member_name (GString                *out,
                                             const char             *name,
                                             guint                   level);
void        _casebook_json_emit_indent      (GString                *out,
                                             guint                   level);
void        _casebook_json_emit_string      (GString                *out,
                                             const char             *str);

G_END_DECLS
