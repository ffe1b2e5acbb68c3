/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-window"

#include "config.h"

#include <glib/gi18n.h>

#include "casebook-report-job-private.h"
#include "casebook-store-collections.h"
#include "casebook-window-private.h"

/* The brief of a collection: win.save-brief asks for a file and writes
 * the PDF on a worker thread, with the progress and the Open toast of
 * Save as PDF; win.print-brief prints it through the same print
 * operation as a summary. Both take the collection's id, so a menu item
 * of the collections sidebar names the collection it belongs to. */

/* The collection with the id @id, or %NULL after telling why not. */
static CasebookCollection *
find_collection (CasebookWindow *self,
                 gint64          id,
                 const char     *heading)
{
  g_autoptr(GError) error = NULL;
  CasebookCollection *collection;

  if (self->store == NULL)
    return NULL;

  collection = casebook_store_get_collection (self->store, id, &error);
  if (collection == NULL)
    {
      if (g_error_matches (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_NOT_FOUND))
        _casebook_window_show_error (self, heading,
                                     _("The collection was deleted, so there is no brief to make."));
      else
        _casebook_window_show_error (self, heading, error->message);
    }

  return collection;
}

static CasebookReportJob *
brief_job_new (CasebookWindow *self,
               gint64          id,
               const char     *heading)
{
  g_autoptr(CasebookCollection) collection = find_collection (self, id, heading);

  if (collection == NULL)
    return NULL;

  return casebook_report_job_new_for_brief (self->store, collection, self->lang);
}

/**
 * _casebook_window_save_brief:
 * @id: the collection's id
 * @file: (nullable): where to write; %NULL to ask, suggesting the
 *   collection's name
 *
 * Writes the brief of a collection as a PDF, off the main loop.
 */
void
_casebook_window_save_brief (CasebookWindow *self,
                             gint64          id,
                             GFile          *file)
{
  g_autoptr(CasebookReportJob) job = NULL;

  g_return_if_fail (CASEBOOK_IS_WINDOW (self));

  job = brief_job_new (self, id, _("Could Not Save the Brief"));
  if (job == NULL)
    return;

  if (file != NULL)
    _casebook_report_job_save_pdf_to_file (job, file, GTK_WINDOW (self), self->toast_overlay);
  else
    casebook_report_job_save_pdf (job, GTK_WINDOW (self), self->toast_overlay);
}

static void
save_brief_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  _casebook_window_save_brief (CASEBOOK_WINDOW (widget), g_variant_get_int64 (param), NULL);
}

static void
print_brief_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CasebookWindow *self = CASEBOOK_WINDOW (widget);
  g_autoptr(CasebookReportJob) job = brief_job_new (self, g_variant_get_int64 (param), _("Could Not Print"));

  if (job != NULL)
    casebook_report_job_print (job, GTK_WINDOW (self), self->toast_overlay);
}

void
_casebook_window_class_brief_init (CasebookWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.save-brief", "x", save_brief_action);
  gtk_widget_class_install_action (widget_class, "win.print-brief", "x", print_brief_action);
}
