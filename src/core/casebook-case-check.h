/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "casebook-case.h"

G_BEGIN_DECLS

/* The limits of the interchange format (docs/interchange-format.md). The
 * JSON reader and the case editor both check against these. */
#define CASEBOOK_MIN_YEAR      1950
#define CASEBOOK_MAX_YEAR      2100
#define CASEBOOK_MAX_EMPLOYEES G_GINT64_CONSTANT (100000000)
#define CASEBOOK_MAX_ABS_VALUE 1e12

/* The person's own layer (collections, tags, notes), in characters. */
#define CASEBOOK_MAX_COLLECTION_NAME_CHARS 200
#define CASEBOOK_MAX_TAG_CHARS             100
#define CASEBOOK_MAX_NOTE_CHARS            100000

/**
 * CasebookProblem:
 * @path: where the problem is, as the interchange format names it, such as
 *   `outcomes[1].value` or `period.end`
 * @message: what is wrong, translated; a clause that reads after the path
 *   (“the period ends before it starts”)
 *
 * One thing that keeps a case from being stored or exchanged.
 */
typedef struct
{
  char *path;
  char *message;
} CasebookProblem;

typedef enum
{
  CASEBOOK_CHECK_ALL   = 0,
  CASEBOOK_CHECK_FIRST = 1 << 0,
  CASEBOOK_CHECK_STORED = 1 << 1,
} CasebookCheckFlags;

/**
 * CasebookIdTakenFunc:
 * @id: a case id
 * @user_data: the data given to casebook_case_check()
 *
 * Returns: %TRUE if another case already uses @id
 */
typedef gboolean (*CasebookIdTakenFunc) (const char *id,
                                         gpointer    user_data);

CasebookProblem       *casebook_problem_new      (const char         *path,
                                                  const char         *message);
void                   casebook_problem_free     (CasebookProblem    *problem);

GPtrArray             *casebook_case_check       (CasebookCase       *c,
                                                  CasebookCheckFlags  flags,
                                                  CasebookIdTakenFunc id_taken,
                                                  gpointer            user_data);

gboolean               casebook_color_is_valid   (const char         *color);

char                  *casebook_collection_check_name (const char    *name);
char                  *casebook_check_tag        (const char         *tag);
char                  *casebook_check_note       (const char         *note);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CasebookProblem, casebook_problem_free)

G_END_DECLS
