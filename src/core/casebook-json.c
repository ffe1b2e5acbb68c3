/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-json"

#include "config.h"

#include "casebook-file-io.h"
#include "casebook-json-private.h"

G_DEFINE_QUARK (casebook-json-error-quark, casebook_json_error)

/**
 * casebook_json_read_file:
 *
 * Returns: (transfer full) (nullable): the document in @file
 */
CasebookDocument *
casebook_json_read_file (GFile   *file,
                         GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* Bounded: a device, a huge file or an endless pipe is refused before
   * it can fill the memory. */
  contents = casebook_file_read_bounded (file, CASEBOOK_JSON_MAX_FILE_SIZE, &length, NULL, error);
  if (contents == NULL)
    return NULL;

  name = g_file_get_parse_name (file);
  return casebook_json_read_document (contents, length, name, error);
}

/**
 * casebook_json_write_file:
 *
 * Writes @document to @file atomically: a failed write leaves any earlier
 * file in place.
 */
gboolean
casebook_json_write_file (CasebookDocument  *document,
                          GFile             *file,
                          GError           **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (CASEBOOK_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = casebook_json_write_document (document, &length);

  /* Through a hidden file put in place at the end: a full disk leaves the
   * earlier file whole and nothing half-written, and the error names the
   * file and the reason once. */
  return casebook_file_write_contents (file, data, length, error);
}
