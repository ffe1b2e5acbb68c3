/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "casebook-case-check.h"

G_BEGIN_DECLS

#define CASEBOOK_TYPE_PROBLEM_TRACKER (casebook_problem_tracker_get_type ())

G_DECLARE_FINAL_TYPE (CasebookProblemTracker, casebook_problem_tracker, CASEBOOK, PROBLEM_TRACKER, GObject)

CasebookProblemTracker *casebook_problem_tracker_new                  (void);
void                    casebook_problem_tracker_add_field            (CasebookProblemTracker *self,
                                                                       GtkWidget              *widget,
                                                                       const char             *path,
                                                                       const char             *title);
void                    casebook_problem_tracker_add_field_full       (CasebookProblemTracker *self,
                                                                       GtkWidget              *widget,
                                                                       const char             *path,
                                                                       const char             *title,
                                                                       GtkWidget              *icon);
void                    casebook_problem_tracker_set_field_title      (CasebookProblemTracker *self,
                                                                       GtkWidget              *widget,
                                                                       const char             *title);
void                    casebook_problem_tracker_set_field_name       (CasebookProblemTracker *self,
                                                                       GtkWidget              *widget,
                                                                       const char             *name);
void                    casebook_problem_tracker_set_field_alias      (CasebookProblemTracker *self,
                                                                       GtkWidget              *widget,
                                                                       const char             *alias);
const char             *casebook_problem_tracker_get_path             (CasebookProblemTracker *self,
                                                                       GtkWidget              *widget);
void                    casebook_problem_tracker_touch                (CasebookProblemTracker *self,
                                                                       const char             *path);
void                    casebook_problem_tracker_set_parse_problem    (CasebookProblemTracker *self,
                                                                       const char             *path,
                                                                       const char             *message);
void                    casebook_problem_tracker_forget_parse_problems (CasebookProblemTracker *self,
                                                                       const char             *prefix);
gboolean                casebook_problem_tracker_has_parse_problems   (CasebookProblemTracker *self);
GPtrArray              *casebook_problem_tracker_check                (CasebookProblemTracker *self,
                                                                       CasebookCase           *c,
                                                                       CasebookIdTakenFunc     id_taken,
                                                                       gpointer                user_data);
char                   *casebook_problem_tracker_show                 (CasebookProblemTracker *self,
                                                                       GtkWidget              *root,
                                                                       gboolean                show_all,
                                                                       gboolean               *shown,
                                                                       GtkWidget             **first_widget);

G_END_DECLS
