/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "casebook-case-check.h"
#include "casebook-escape.h"
#include "casebook-store-private.h"

/* The editor's changes, each in one transaction: saving a case of the
 * person's own, deleting it, and undoing the deletion in its old place;
 * and the id a new case gets. */

static gboolean
check_case (CasebookCase  *c,
            const char    *what,
            GError       **error)
{
  g_autoptr(GPtrArray) problems = casebook_case_check (c, CASEBOOK_CHECK_FIRST, NULL, NULL);
  const CasebookProblem *problem;

  if (problems->len == 0)
    return TRUE;

  problem = g_ptr_array_index (problems, 0);
  g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID,
               "%s: %s: %s", what, problem->path, problem->message);
  return FALSE;
}

static gboolean
refuse_read_only (const char      *id,
                  CasebookOrigin   origin,
                  const char      *what,
                  GError         **error)
{
  if (origin == CASEBOOK_ORIGIN_SUBSCRIBED)
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_BUNDLED,
                   _("%s: “%s” comes from a subscription, which cannot be changed here; "
                     "duplicate it to get a copy of your own"), what, id);
      return FALSE;
    }

  g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_BUNDLED,
               _("%s: “%s” is one of the cases that come with Casebook, which cannot be changed; "
                 "duplicate it to get a copy of your own"), what, id);
  return FALSE;
}

/**
 * casebook_store_save_case:
 * @c: a case of the person's own, new or changed
 * @new_sector: (nullable): the case's sector when it is a new one, with its
 *   name and, if wanted, its colour; a new sector without a colour gets
 *   one no other sector has
 *
 * Stores @c in one transaction: as a new case when its id is not in the
 * store yet, or over the case with its id, which keeps its place. The case
 * is checked first with casebook_case_check(), so the store only ever holds
 * cases the interchange format accepts. A case that comes with Casebook is
 * never overwritten (%CASEBOOK_STORE_ERROR_BUNDLED).
 *
 * The person's note and tags that @c may carry are not written: they are
 * kept apart from the case (casebook_store_set_note(),
 * casebook_store_set_tags()), and stay as they are.
 *
 * On success @c counts as the person's own.
 */
gboolean
casebook_store_save_case (CasebookStore         *self,
                          CasebookCase          *c,
                          const CasebookSector  *new_sector,
                          GError               **error)
{
  const char *what = _("Could not save the case");
  CasebookOrigin origin = CASEBOOK_ORIGIN_OWN;
  gboolean ok;
  gint64 nr;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (CASEBOOK_IS_CASE (c), FALSE);
  g_return_val_if_fail (new_sector == NULL ||
                        g_strcmp0 (new_sector->key, casebook_case_get_sector (c)) == 0, FALSE);

  if (!_casebook_store_check_writable (self, error) || !check_case (c, what, error))
    return FALSE;

  if (!_casebook_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  ok = _casebook_store_find_case (self, casebook_case_get_id (c), &nr, &origin, error);
  if (ok && nr >= 0 && origin != CASEBOOK_ORIGIN_OWN)
    ok = refuse_read_only (casebook_case_get_id (c), origin, what, error);
  if (ok && new_sector != NULL)
    ok = _casebook_store_write_sector (self, new_sector, CASEBOOK_IMPORT_SKIP, error);
  if (ok)
    ok = _casebook_store_write_case (self, c, NULL, CASEBOOK_ORIGIN_OWN, nr, error);

  if (!_casebook_store_finish_transaction (self, ok, error))
    return FALSE;

  casebook_case_set_origin (c, CASEBOOK_ORIGIN_OWN);
  g_hash_table_remove (self->deleted_nrs, casebook_case_get_id (c));
  _casebook_store_forget_memberships (self, casebook_case_get_id (c));
  _casebook_store_mark_changed (self);
  return TRUE;
}

/**
 * casebook_store_delete_case:
 * @id: the id of one of the person's own cases
 *
 * Deletes the case in one transaction. The cases that come with Casebook
 * cannot be deleted (%CASEBOOK_STORE_ERROR_BUNDLED). The case leaves its
 * collections and loses its tags; its personal note stays in the store
 * until casebook_store_set_note() removes it, so that the caller can ask
 * whether to keep it.
 *
 * Returns: (transfer full) (nullable): the deleted case with its note and
 *   tags, for casebook_store_restore_case()
 */
CasebookCase *
casebook_store_delete_case (CasebookStore  *self,
                            const char     *id,
                            GError        **error)
{
  const char *what = _("Could not delete the case");
  g_autoptr(CasebookCase) c = NULL;
  g_autoptr(GArray) memberships = NULL;
  CasebookOrigin origin = CASEBOOK_ORIGIN_OWN;
  gboolean ok;
  gint64 nr = -1;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!_casebook_store_check_writable (self, error))
    return NULL;

  if (!_casebook_store_exec (self, "BEGIN IMMEDIATE", error))
    return NULL;

  ok = _casebook_store_find_case (self, id, &nr, &origin, error);
  if (ok && nr < 0)
    ok = _casebook_store_set_no_case (error, what, id);
  if (ok && origin != CASEBOOK_ORIGIN_OWN)
    ok = refuse_read_only (id, origin, what, error);
  if (ok)
    ok = (c = casebook_store_get_case (self, id, error)) != NULL;
  if (ok)
    ok = _casebook_store_delete_case_nr (self, nr, error);
  /* After the index row is gone: deleting it reads the tags. */
  if (ok)
    ok = _casebook_store_forget_case (self, id, &memberships, error);

  if (!_casebook_store_finish_transaction (self, ok, error))
    return NULL;

  g_hash_table_insert (self->deleted_nrs, g_strdup (id), g_memdup2 (&nr, sizeof nr));
  _casebook_store_remember_case (self, id, g_steal_pointer (&memberships));
  _casebook_store_mark_changed (self);
  return g_steal_pointer (&c);
}

static gboolean
nr_is_free (CasebookStore  *self,
            gint64          nr,
            gboolean       *is_free,
            GError        **error)
{
  sqlite3_stmt *stmt = _casebook_store_prepare (self, "SELECT 1 FROM cases WHERE nr = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, nr);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _casebook_store_set_sqlite_error (error, self->db, _("Could not look up a case"));

  *is_free = rc == SQLITE_DONE;
  return TRUE;
}

/**
 * casebook_store_restore_case:
 * @c: a case that casebook_store_delete_case() returned
 *
 * Undoes a deletion in one transaction: @c goes back with the same id and,
 * when nothing has taken it since, in the same place, so that an export
 * afterwards is the same as before the deletion; with the tags and the
 * note it carries (a note the store kept is left as it is), and in the
 * collections it was in, where it stood. Refused when a case with its id
 * has been added in the meantime.
 */
gboolean
casebook_store_restore_case (CasebookStore  *self,
                             CasebookCase   *c,
                             GError        **error)
{
  const char *what = _("Could not restore the case");
  const char *id;
  gint64 *old_nr;
  gboolean ok, is_free = FALSE;
  gint64 nr = -1;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (CASEBOOK_IS_CASE (c), FALSE);

  if (!_casebook_store_check_writable (self, error) || !check_case (c, what, error))
    return FALSE;

  id = casebook_case_get_id (c);
  old_nr = g_hash_table_lookup (self->deleted_nrs, id);

  if (!_casebook_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  ok = _casebook_store_find_case (self, id, &nr, NULL, error);
  if (ok && nr >= 0)
    {
      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_FAILED,
                   _("%s: another case with the id “%s” has been added since"), what, id);
      ok = FALSE;
    }
  if (ok && old_nr != NULL)
    ok = nr_is_free (self, *old_nr, &is_free, error);
  if (ok)
    ok = _casebook_store_restore_personal (self, c, error);
  if (ok)
    ok = _casebook_store_write_case_row (self, c, NULL, CASEBOOK_ORIGIN_OWN, is_free ? *old_nr : -1, FALSE, error);

  if (!_casebook_store_finish_transaction (self, ok, error))
    return FALSE;

  casebook_case_set_origin (c, CASEBOOK_ORIGIN_OWN);
  g_hash_table_remove (self->deleted_nrs, id);
  _casebook_store_forget_memberships (self, id);
  _casebook_store_mark_changed (self);
  return TRUE;
}

/**
 * casebook_store_make_id:
 * @base: a valid key to start from, such as `own-20250101` or the id of a
 *   case being duplicated
 *
 * Returns: (transfer full): @base if no case has it, or else @base with the
 *   first free number appended (`own-20250101-2`)
 */
char *
casebook_store_make_id (CasebookStore *self,
                        const char    *base)
{
  g_autofree char *stem = NULL;

  g_return_val_if_fail (CASEBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (casebook_key_is_valid (base), NULL);

  if (!casebook_store_has_case (self, base))
    return g_strdup (base);

  /* Room for "-" and ten digits within the 64 characters of a key. */
  stem = g_strndup (base, 64 - 11);
  for (guint n = 2; ; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", stem, n);

      if (!casebook_store_has_case (self, id))
        return g_steal_pointer (&id);
    }
}
