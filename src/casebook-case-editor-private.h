/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "casebook-case-editor.h"
#include "casebook-field-row.h"
#include "casebook-problem-tracker.h"

G_BEGIN_DECLS

/* What the files of the case editor share: casebook-case-editor.c (the
 * window, its fixed fields, checking, saving and closing),
 * casebook-case-editor-lists.c (the lists of items) and
 * casebook-case-editor-choices.c (what the choices offer, and new
 * sectors). */

typedef enum
{
  LIST_STACK,
  LIST_OUTCOMES,
  LIST_PHASES,
  LIST_SCENARIOS,
  LIST_REQUIREMENTS,
  LIST_CHALLENGES,
  LIST_CAUSES,
  LIST_LESSONS,
  LIST_NOTES,
  N_LISTS
} ListKind;

struct _CasebookCaseEditor
{
  AdwWindow               parent_instance;

  /* Template widgets */
  AdwWindowTitle         *window_title;
  GtkWidget              *save_button;
  GtkToggleButton        *lang_zh_button;
  GtkToggleButton        *lang_en_button;
  GtkRevealer            *problem_revealer;
  GtkImage               *problem_icon;
  GtkLabel               *problem_label;
  GtkWidget              *problem_button;
  AdwPreferencesPage     *page;
  CasebookFieldRow       *title_row;
  CasebookFieldRow       *organization_row;
  AdwComboRow            *kind_row;
  AdwComboRow            *sector_row;
  CasebookFieldRow       *subsector_row;
  AdwComboRow            *approach_row;
  AdwComboRow            *size_row;
  AdwEntryRow            *employees_row;
  AdwComboRow            *qualifier_row;
  AdwEntryRow            *period_start_row;
  AdwEntryRow            *period_end_row;
  GtkWidget              *failure_group;
  CasebookFieldRow       *problem_row;
  CasebookFieldRow       *result_row;
  CasebookFieldRow       *source_title_row;
  CasebookFieldRow       *source_url_row;
  CasebookFieldRow       *source_date_row;
  CasebookFieldRow       *source_section_row;
  CasebookFieldRow       *source_note_row;
  AdwEntryRow            *id_row;
  GtkListBox             *lists[N_LISTS];
  /* The row that ends each list and adds an item to it */
  GtkListBoxRow          *add_rows[N_LISTS];

  CasebookStore          *store;
  CasebookCase           *draft;
  char                   *saved_json;
  gboolean                is_new;
  gboolean                closing;
  CasebookLang            lang;
  CasebookLang            content_lang;
  int                     loading;

  /* What the choices offer. */
  GPtrArray              *sectors;
  CasebookSector         *new_sector;
  GPtrArray              *metrics;
  GStrv                   products;
  GStrv                   families;
  GHashTable             *product_families;

  /* A failure section put aside while the case is a success, so that
   * switching the kind back and forth loses nothing. */
  CasebookFailure        *stashed_failure;

  /* Problems: the last check's (owned by the tracker), and whether to
   * show every problem, also of fields the person has not been at. */
  CasebookProblemTracker *tracker;
  GPtrArray              *problems;
  gboolean                show_all;
  GtkWidget              *first_problem_widget;
};

/* casebook-case-editor.c */
void       _casebook_case_editor_changed        (CasebookCaseEditor *self);
void       _casebook_case_editor_touch          (CasebookCaseEditor *self,
                                                 const char         *path);

/* casebook-case-editor-lists.c */
void       _casebook_case_editor_normalize_draft (CasebookCase      *c);
CasebookFailure *
           _casebook_case_editor_new_failure    (void);
CasebookFailure *
           _casebook_case_editor_copy_failure   (const CasebookFailure *failure);
void       _casebook_case_editor_rebuild_list   (CasebookCaseEditor *self,
                                                 ListKind            kind);
void       _casebook_case_editor_on_add_row_activated (CasebookCaseEditor *self,
                                                 GtkListBoxRow      *row,
                                                 GtkListBox         *list);

/* casebook-case-editor-choices.c */
void       _casebook_case_editor_load_choices   (CasebookCaseEditor *self);
void       _casebook_case_editor_setup_sectors  (CasebookCaseEditor *self);
void       _casebook_case_editor_fill_sectors   (CasebookCaseEditor *self);
void       _casebook_case_editor_on_sector_selected (CasebookCaseEditor *self);
void       _casebook_case_editor_on_new_sector_clicked (CasebookCaseEditor *self);

/* For the tests only: the application itself does not call these. */
void                _casebook_case_editor_add_sector   (CasebookCaseEditor *self,
                                                        const char         *name_zh,
                                                        const char         *name_en);
CasebookCase       *_casebook_case_editor_get_draft    (CasebookCaseEditor *self);
GPtrArray          *_casebook_case_editor_get_problems (CasebookCaseEditor *self);
gboolean            _casebook_case_editor_is_dirty     (CasebookCaseEditor *self);
gboolean            _casebook_case_editor_is_new       (CasebookCaseEditor *self);
gboolean            _casebook_case_editor_is_valid     (CasebookCaseEditor *self);
gboolean            _casebook_case_editor_save         (CasebookCaseEditor *self,
                                                        GError            **error);
void                _casebook_case_editor_set_lang     (CasebookCaseEditor *self,
                                                        CasebookLang        lang);

G_END_DECLS
