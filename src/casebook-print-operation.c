/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-print-operation"

#include "config.h"

#include "casebook-print-operation-private.h"

/**
 * CasebookPrintOperation:
 *
 * Prints a #CasebookRenderReport through the system's print dialog (the
 * portal's inside Flatpak), with its preview. The pages are the report's
 * own, drawn by the same code that writes a PDF, on the cairo context the
 * print system hands over, in points, on the whole sheet: the report keeps
 * its own margins, which are wider than any printer's.
 *
 * The operation holds a reference to itself while it runs, so the caller
 * can let go of it as soon as it has started.
 */
struct _CasebookPrintOperation
{
  GtkPrintOperation     parent_instance;

  CasebookRenderReport *report;
  double                width;
  double                height;
  gboolean              running;

  /* Print to File's target, when there was no file there before: GTK
   * leaves what it wrote of it when writing fails. */
  GFile                *new_output;
};

G_DEFINE_FINAL_TYPE (CasebookPrintOperation, casebook_print_operation, GTK_TYPE_PRINT_OPERATION)

enum {
  PROP_0,
  PROP_REPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GTK's Print to File renders into a spool file, then copies it to the
 * chosen file through g_file_replace(); when that copy fails (a full
 * disk), it closes the stream all the same, so the chosen file is left
 * with the part written: new, or in place of the file that was there.
 * Only the first can be undone here, by removing the file when the
 * operation ends in an error; the second is out of our hands. */
static void
remember_new_output (CasebookPrintOperation *self)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (GTK_PRINT_OPERATION (self));
  const char *uri = settings != NULL ? gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI) : NULL;
  g_autoptr(GFile) file = NULL;

  g_clear_object (&self->new_output);
  if (uri == NULL || *uri == '\0')
    return;

  file = g_file_new_for_uri (uri);
  if (g_file_is_native (file) && !g_file_query_exists (file, NULL))
    self->new_output = g_steal_pointer (&file);
}

static void
casebook_print_operation_begin_print (GtkPrintOperation *operation,
                                      GtkPrintContext   *context)
{
  CasebookPrintOperation *self = CASEBOOK_PRINT_OPERATION (operation);

  /* The sheet chosen in the dialog, turned as it will be printed. */
  self->width = gtk_print_context_get_width (context);
  self->height = gtk_print_context_get_height (context);

  remember_new_output (self);
}

static gboolean
casebook_print_operation_paginate (GtkPrintOperation *operation,
                                   GtkPrintContext   *context)
{
  CasebookPrintOperation *self = CASEBOOK_PRINT_OPERATION (operation);
  guint n_pages = casebook_render_report_paginate (self->report, self->width, self->height);

  if (n_pages == 0)
    {
      g_warning ("A sheet of %.0f × %.0f points is too small for a report", self->width, self->height);
      gtk_print_operation_cancel (operation);
      return TRUE;
    }

  /* All pages are laid out at once: the footers need the page count. */
  gtk_print_operation_set_n_pages (operation, (int) n_pages);
  return TRUE;
}

static void
casebook_print_operation_draw_page (GtkPrintOperation *operation,
                                    GtkPrintContext   *context,
                                    int                page_nr)
{
  CasebookPrintOperation *self = CASEBOOK_PRINT_OPERATION (operation);

  if (page_nr < 0 || (guint) page_nr >= casebook_render_report_get_n_pages (self->report))
    return;

  casebook_render_report_draw_page (self->report, gtk_print_context_get_cairo_context (context), page_nr);
}

static void
casebook_print_operation_done (GtkPrintOperation       *operation,
                               GtkPrintOperationResult  result)
{
  CasebookPrintOperation *self = CASEBOOK_PRINT_OPERATION (operation);
  gboolean was_running = self->running;

  self->running = FALSE;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && self->new_output != NULL)
    g_file_delete (self->new_output, NULL, NULL);
  g_clear_object (&self->new_output);

  if (GTK_PRINT_OPERATION_CLASS (casebook_print_operation_parent_class)->done != NULL)
    GTK_PRINT_OPERATION_CLASS (casebook_print_operation_parent_class)->done (operation, result);

  /* The reference casebook_print_operation_run() took. */
  if (was_running)
    g_object_unref (self);
}

static void
casebook_print_operation_dispose (GObject *object)
{
  CasebookPrintOperation *self = (CasebookPrintOperation *)object;

  g_clear_object (&self->report);
  g_clear_object (&self->new_output);

  G_OBJECT_CLASS (casebook_print_operation_parent_class)->dispose (object);
}

static void
casebook_print_operation_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CasebookPrintOperation *self = CASEBOOK_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_print_operation_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CasebookPrintOperation *self = CASEBOOK_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
casebook_print_operation_class_init (CasebookPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = casebook_print_operation_dispose;
  object_class->get_property = casebook_print_operation_get_property;
  object_class->set_property = casebook_print_operation_set_property;

  operation_class->begin_print = casebook_print_operation_begin_print;
  operation_class->paginate = casebook_print_operation_paginate;
  operation_class->draw_page = casebook_print_operation_draw_page;
  operation_class->done = casebook_print_operation_done;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL,
                         CASEBOOK_TYPE_RENDER_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
casebook_print_operation_init (CasebookPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
}

/**
 * casebook_print_operation_new:
 * @report: the report to print
 *
 * Returns: (transfer full): a new print operation
 */
CasebookPrintOperation *
casebook_print_operation_new (CasebookRenderReport *report)
{
  CasebookPrintOperation *self;

  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (report), NULL);

  self = g_object_new (CASEBOOK_TYPE_PRINT_OPERATION, "report", report, NULL);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), casebook_render_report_get_title (report));

  return self;
}

/**
 * _casebook_print_operation_get_report:
 *
 * Returns: (transfer none): the report the operation prints
 */
CasebookRenderReport *
_casebook_print_operation_get_report (CasebookPrintOperation *self)
{
  g_return_val_if_fail (CASEBOOK_IS_PRINT_OPERATION (self), NULL);

  return self->report;
}

/**
 * casebook_print_operation_run:
 * @action: what to do: show the print dialog, or (for tests and export)
 *   write the file set with gtk_print_operation_set_export_filename()
 * @parent: (nullable): the window the dialog belongs to
 *
 * Starts the operation. It keeps itself alive until it emits
 * #GtkPrintOperation::done, where the caller learns how it ended.
 *
 * Returns: what gtk_print_operation_run() returns
 */
GtkPrintOperationResult
casebook_print_operation_run (CasebookPrintOperation   *self,
                              GtkPrintOperationAction   action,
                              GtkWindow                *parent,
                              GError                  **error)
{
  GtkPrintOperationResult result;

  g_return_val_if_fail (CASEBOOK_IS_PRINT_OPERATION (self), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (!self->running, GTK_PRINT_OPERATION_RESULT_ERROR);

  self->running = TRUE;
  g_object_ref (self);

  result = gtk_print_operation_run (GTK_PRINT_OPERATION (self), action, parent, error);

  /* Finished before returning, without a ::done: let go here instead. */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && self->running)
    {
      self->running = FALSE;
      g_object_unref (self);
    }

  return result;
}
