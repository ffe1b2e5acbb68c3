/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-cli"

/* The command line of the person's own layer: collections (--add-to,
 * --list-collections, --collection with --list or --export), notes
 * (--note) and tags (--tag). Everything that names a case or a
 * collection is checked before anything changes, so an unknown name
 * leaves the store as it was. */

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-case-check.h"
#include "casebook-cli-private.h"
#include "casebook-escape.h"
#include "casebook-json.h"
#include "casebook-store-collections.h"
#include "casebook-store-export-stream.h"

G_GNUC_PRINTF (2, 3)
static void
say (GOutputStream *stream,
     const char    *format,
     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  _casebook_cli_print (stream, text);
}

/* A name or a tag as a person types it: the spaces around it are not
 * part of it (casebook_check_tag()). */
static char *
trimmed (const char *text)
{
  return g_strstrip (g_strdup (text));
}

/* Says, one line each, which of @ids the store does not hold. */
static gboolean
check_cases (CasebookStore      *store,
             const char * const *ids,
             GOutputStream      *err)
{
  gboolean all_known = TRUE;

  for (guint i = 0; ids[i] != NULL; i++)
    if (!casebook_store_has_case (store, ids[i]))
      {
        g_autofree char *quoted = casebook_quote_value (ids[i]);

        say (err, _("There is no case with the id “%s”"), quoted);
        say (err, "\n");
        all_known = FALSE;
      }

  return all_known;
}

/* The collection named @name, or %NULL after saying that there is none
 * (or why it could not be read). */
static CasebookCollection *
find_collection (CasebookStore *store,
                 const char    *typed,
                 GOutputStream *err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = trimmed (typed);
  g_autoptr(CasebookCollection) collection = casebook_store_find_collection (store, name, &error);

  if (collection == NULL)
    {
      if (error == NULL || g_error_matches (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND))
        {
          g_autofree char *quoted = casebook_quote_value (name);

          /* Translators: %s is the name of a collection */
          say (err, _("There is no collection named “%s” (see --list-collections)\n"), quoted);
        }
      else
        say (err, "%s\n", error->message);
    }

  return g_steal_pointer (&collection);
}

/**
 * casebook_cli_add_to_collection:
 * @typed: the collection's name, created if the store has none of that
 *   name; spaces around it are not part of it
 * @ids: (array zero-terminated=1): the cases, in the order to add them
 *
 * Adds @ids at the end of the collection @name; cases already in it stay
 * where they are.
 */
int
casebook_cli_add_to_collection (CasebookStore      *store,
                                const char         *typed,
                                const char * const *ids,
                                GOutputStream      *out,
                                GOutputStream      *err)
{
  g_autofree char *name = trimmed (typed);
  g_autoptr(GError) error = NULL;
  g_autoptr(CasebookCollection) collection = NULL;
  g_autofree char *quoted = casebook_quote_value (name);
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_ids, n_added = 0;

  /* A case named twice is added once, and counted once. */
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (distinct, (gpointer) ids[i]);
  n_ids = g_hash_table_size (distinct);

  {
    g_autofree char *problem = casebook_collection_check_name (name);

    if (problem != NULL)
      {
        /* Translators: %s is the name given to --add-to, then what is wrong with it */
        say (err, _("Cannot use “%s” as the name of a collection: %s\n"), quoted, problem);
        return 1;
      }
  }

  if (!check_cases (store, ids, err))
    return 1;

  collection = casebook_store_find_collection (store, name, &error);
  if (collection == NULL && error != NULL &&
      !g_error_matches (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND))
    {
      say (err, "%s\n", error->message);
      return 1;
    }
  g_clear_error (&error);

  if (collection == NULL)
    {
      /* A new collection is made with its cases in one transaction: a
       * failure leaves no empty collection behind. */
      GPtrArray *case_ids;

      collection = casebook_collection_new (name);
      case_ids = casebook_collection_get_case_ids (collection);
      for (guint i = 0; ids[i] != NULL; i++)
        {
          gboolean seen = FALSE;

          for (guint j = 0; j < case_ids->len && !seen; j++)
            seen = g_str_equal (g_ptr_array_index (case_ids, j), ids[i]);
          if (!seen)
            g_ptr_array_add (case_ids, g_strdup (ids[i]));
        }

      if (!casebook_store_create_collection (store, collection, &error))
        {
          say (err, "%s\n", error->message);
          return 1;
        }

      /* Translators: %s is the name of a collection, %u a number of cases */
      say (out, g_dngettext (GETTEXT_PACKAGE, "Created the collection “%s” with %u case\n",
                             "Created the collection “%s” with %u cases\n", case_ids->len),
           quoted, case_ids->len);
      return 0;
    }

  if (casebook_collection_is_smart (collection))
    {
      /* Translators: %s is the name of a collection */
      say (err, _("“%s” is a smart collection: its cases are the ones its search and filters find, "
                  "and cannot be added to\n"), quoted);
      return 1;
    }

  if (!casebook_store_add_to_collection (store, casebook_collection_get_id (collection), ids, -1,
                                         &n_added, &error))
    {
      say (err, "%s\n", error->message);
      return 1;
    }

  if (n_added < n_ids)
    /* Translators: a number of cases, the name of a collection, then how
     * many of the cases named were in it already */
    say (out, g_dngettext (GETTEXT_PACKAGE, "Added %u case to “%s” (%u already in it)\n",
                           "Added %u cases to “%s” (%u already in it)\n", n_added),
         n_added, quoted, n_ids - n_added);
  else
    /* Translators: a number of cases, then the name of a collection */
    say (out, g_dngettext (GETTEXT_PACKAGE, "Added %u case to “%s”\n", "Added %u cases to “%s”\n", n_added),
         n_added, quoted);
  return 0;
}

/**
 * casebook_cli_list_collections:
 *
 * Prints one line per collection: its name, TAB, its number of cases.
 */
int
casebook_cli_list_collections (CasebookStore *store,
                               GOutputStream *out,
                               GOutputStream *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) collections = casebook_store_list_collections (store, &error);

  if (collections == NULL)
    {
      say (err, "%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < collections->len; i++)
    {
      CasebookCollection *collection = g_ptr_array_index (collections, i);
      g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);

      /* Exactly one line per collection, whatever its name holds. */
      say (out, "%s\t%u\n", _casebook_cli_line (pool, casebook_collection_get_name (collection)),
           casebook_collection_get_n_cases (collection));
    }

  return 0;
}

/**
 * casebook_cli_list_collection:
 *
 * Prints the cases of the collection @name as --list does (id, sector,
 * title), in the collection's order; a smart collection's in the order of
 * --list.
 */
int
casebook_cli_list_collection (CasebookStore *store,
                              const char    *name,
                              CasebookLang   lang,
                              GOutputStream *out,
                              GOutputStream *err)
{
  g_autoptr(CasebookCollection) collection = find_collection (store, name, err);
  g_autoptr(CasebookFilter) filter = casebook_filter_new ();

  if (collection == NULL)
    return 1;

  /* The store lists a plain collection in its own order. */
  casebook_filter_set_collection (filter, casebook_collection_get_id (collection));
  return _casebook_cli_list_filtered (store, filter, lang, out, err);
}

/**
 * casebook_cli_export_collection:
 *
 * Writes the cases of the collection @name, in its order, and its
 * definition to @path: a file that `--import` reads back into the same
 * collection.
 */
int
casebook_cli_export_collection (CasebookStore *store,
                                const char    *name,
                                const char    *path,
                                GOutputStream *out,
                                GOutputStream *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(CasebookCollection) collection = find_collection (store, name, err);
  CasebookExportRequest request = { NULL, };
  guint n = 0;

  if (collection == NULL)
    return 1;

  request.collection_id = casebook_collection_get_id (collection);
  if (!casebook_store_export_to_file (store, &request, file, &n, NULL, &error))
    {
      /* A write error already says "Could not write “FILE”: reason". */
      if (error->domain == G_IO_ERROR)
        say (err, "%s\n", error->message);
      else
        say (err, _("Could not export: %s\n"), error->message);
      return 1;
    }

  {
    g_autofree char *shown = g_filename_display_name (path);
    g_autofree char *quoted = casebook_quote_value (casebook_collection_get_name (collection));

    /* Translators: a number of cases, the name of a collection, then a file */
    say (_casebook_cli_confirmation_stream (path, out, err),
         g_dngettext (GETTEXT_PACKAGE, "Exported %u case of “%s” to %s\n", "Exported %u cases of “%s” to %s\n", n),
         n, quoted, shown);
  }
  return 0;
}

/**
 * casebook_cli_set_note:
 * @ids: (array zero-terminated=1): the cases
 * @note: the note; empty removes it
 */
int
casebook_cli_set_note (CasebookStore      *store,
                       const char * const *ids,
                       const char         *note,
                       GOutputStream      *out,
                       GOutputStream      *err)
{
  g_autofree char *lf = casebook_string_normalize_lines (note);
  g_autofree char *problem = NULL;

  /* The rules of a note in a file, Windows line ends included. */
  if (lf != NULL)
    note = lf;
  problem = casebook_check_note (note);
  if (problem != NULL)
    {
      /* Translators: %s says what is wrong with the note given to --note,
       * such as “is longer than 100000 characters” */
      say (err, _("Cannot use this note: it %s\n"), problem);
      return 1;
    }

  if (!check_cases (store, ids, err))
    return 1;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted = casebook_quote_value (ids[i]);

      if (!casebook_store_set_note (store, ids[i], note, &error))
        {
          say (err, "%s\n", error->message);
          return 1;
        }

      if (note[0] != '\0')
        /* Translators: %s is the id of a case */
        say (out, _("Saved the note on “%s”\n"), quoted);
      else
        /* Translators: %s is the id of a case */
        say (out, _("Removed the note from “%s”\n"), quoted);
    }

  return 0;
}

/**
 * casebook_cli_add_tag:
 * @ids: (array zero-terminated=1): the cases
 */
int
casebook_cli_add_tag (CasebookStore      *store,
                      const char * const *ids,
                      const char         *typed,
                      GOutputStream      *out,
                      GOutputStream      *err)
{
  g_autofree char *tag = trimmed (typed);
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted_tag = casebook_quote_value (tag);

  g_autofree char *problem = casebook_check_tag (tag);

  if (problem != NULL)
    {
      /* Translators: %s is the tag given to --tag, then what is wrong with it */
      say (err, _("Cannot use “%s” as a tag: %s\n"), quoted_tag, problem);
      return 1;
    }

  if (!check_cases (store, ids, err))
    return 1;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *quoted = casebook_quote_value (ids[i]);

      if (!casebook_store_add_tag (store, ids[i], tag, &error))
        {
          say (err, "%s\n", error->message);
          return 1;
        }

      /* Translators: the id of a case, then a tag */
      say (out, _("Tagged “%s” with “%s”\n"), quoted, quoted_tag);
    }

  return 0;
}
