/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-collection.h"
#include "casebook-store.h"

G_BEGIN_DECLS

/* The person's own layer over every case, bundled, own or subscribed:
 * collections (plain and smart), tags and a personal note per case.
 * Each call that changes something is one transaction. None of it is
 * touched by a bundled-collection refresh. Names are checked with
 * casebook_collection_check_name() and tags with casebook_check_tag()
 * (casebook-case-check.h), so the editor and the importer agree. */

/* Collections, sorted by name (collation as for Chinese titles: Chinese
 * by pinyin before Latin), with counts; case ids are not read. */
GPtrArray          *casebook_store_list_collections        (CasebookStore        *self,
                                                            GError              **error);
/* One collection with its case ids in order (plain) and its count; an
 * unknown id or name is CASEBOOK_STORE_ERROR_NOT_FOUND. */
CasebookCollection *casebook_store_get_collection          (CasebookStore        *self,
                                                            gint64                collection_id,
                                                            GError              **error);
CasebookCollection *casebook_store_find_collection         (CasebookStore        *self,
                                                            const char           *name,
                                                            GError              **error);
/* Creates @collection (plain or smart, with its case ids if any) and sets
 * its id (the one it carries, when free: undoing a deletion keeps it); a
 * name in use is CASEBOOK_STORE_ERROR_EXISTS, an unknown case id
 * CASEBOOK_STORE_ERROR_NOT_FOUND. */
gboolean            casebook_store_create_collection       (CasebookStore        *self,
                                                            CasebookCollection   *collection,
                                                            GError              **error);
gboolean            casebook_store_rename_collection       (CasebookStore        *self,
                                                            gint64                collection_id,
                                                            const char           *name,
                                                            GError              **error);
gboolean            casebook_store_set_collection_introduction (CasebookStore    *self,
                                                            gint64                collection_id,
                                                            const char           *introduction,
                                                            GError              **error);
gboolean            casebook_store_set_collection_filter   (CasebookStore        *self,
                                                            gint64                collection_id,
                                                            CasebookFilter       *filter,
                                                            GError              **error);
/* Returns the deleted collection with its case ids, for
 * casebook_store_create_collection() to undo. */
CasebookCollection *casebook_store_delete_collection       (CasebookStore        *self,
                                                            gint64                collection_id,
                                                            GError              **error);
/* Adds @case_ids (in that order) at @position (-1: at the end); ids
 * already in the collection stay where they are. Unknown ids are an
 * error naming them, and nothing is added. Returns how many were added. */
gboolean            casebook_store_add_to_collection       (CasebookStore        *self,
                                                            gint64                collection_id,
                                                            const char * const   *case_ids,
                                                            int                   position,
                                                            guint                *n_added,
                                                            GError              **error);
gboolean            casebook_store_remove_from_collection  (CasebookStore        *self,
                                                            gint64                collection_id,
                                                            const char * const   *case_ids,
                                                            GError              **error);
gboolean            casebook_store_move_in_collection      (CasebookStore        *self,
                                                            gint64                collection_id,
                                                            const char           *case_id,
                                                            guint                 position,
                                                            GError              **error);
/* One collection as a document: its definition and its cases. */
CasebookDocument   *casebook_store_export_collection       (CasebookStore        *self,
                                                            gint64                collection_id,
                                                            GError              **error);

/* The plain collections (ids) a case belongs to; smart ones are not
 * evaluated. */
GArray             *casebook_store_list_case_collections   (CasebookStore        *self,
                                                            const char           *case_id,
                                                            GError              **error);

/* Tags in use (CasebookFacetValue, facet CASEBOOK_FACET_TAG) with their
 * counts, most used first, as the facet counts of
 * casebook_store_count_facets() are. add_tag/set_tags check each tag with
 * casebook_check_tag(); set_tags gives the case exactly @tags. */
GPtrArray          *casebook_store_list_tags               (CasebookStore        *self,
                                                            GError              **error);
gboolean            casebook_store_add_tag                 (CasebookStore        *self,
                                                            const char           *case_id,
                                                            const char           *tag,
                                                            GError              **error);
gboolean            casebook_store_remove_tag              (CasebookStore        *self,
                                                            const char           *case_id,
                                                            const char           *tag,
                                                            GError              **error);
gboolean            casebook_store_set_tags                (CasebookStore        *self,
                                                            const char           *case_id,
                                                            const char * const   *tags,
                                                            GError              **error);

/* The personal note; an empty or NULL @note removes it (also for a case
 * that was deleted: its note is kept until removed). The note is part of
 * what search finds, and so are the tags. */
gboolean            casebook_store_set_note                (CasebookStore        *self,
                                                            const char           *case_id,
                                                            const char           *note,
                                                            GError              **error);
char               *casebook_store_get_note                (CasebookStore        *self,
                                                            const char           *case_id,
                                                            GError              **error);

G_END_DECLS
