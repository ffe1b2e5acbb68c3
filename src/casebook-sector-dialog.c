/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-sector-dialog"

#include "config.h"

#include "casebook-sector-dialog.h"

/**
 * CasebookSectorDialog:
 *
 * Asks for the names of a new sector, in Chinese, English or both. Add is
 * possible once one name is given; it emits
 * #CasebookSectorDialog::chosen with both names, stripped of spaces
 * around them.
 */

struct _CasebookSectorDialog
{
  AdwMessageDialog  parent_instance;

  GtkEditable      *zh_row;
  GtkEditable      *en_row;
};

G_DEFINE_FINAL_TYPE (CasebookSectorDialog, casebook_sector_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
stripped_text (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

static void
on_name_changed (CasebookSectorDialog *self)
{
  g_autofree char *zh = stripped_text (self->zh_row);
  g_autofree char *en = stripped_text (self->en_row);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", zh[0] != '\0' || en[0] != '\0');
}

static void
casebook_sector_dialog_response (AdwMessageDialog *dialog,
                                 const char       *response)
{
  CasebookSectorDialog *self = CASEBOOK_SECTOR_DIALOG (dialog);
  g_autofree char *zh = NULL;
  g_autofree char *en = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;

  zh = stripped_text (self->zh_row);
  en = stripped_text (self->en_row);
  if (zh[0] != '\0' || en[0] != '\0')
    g_signal_emit (self, signals[CHOSEN], 0, zh, en);
}

static void
casebook_sector_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CASEBOOK_TYPE_SECTOR_DIALOG);

  G_OBJECT_CLASS (casebook_sector_dialog_parent_class)->dispose (object);
}

static void
casebook_sector_dialog_class_init (CasebookSectorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = casebook_sector_dialog_dispose;
  dialog_class->response = casebook_sector_dialog_response;

  /**
   * CasebookSectorDialog::chosen:
   * @name_zh: the name in Chinese, or ""
   * @name_en: the name in English, or ""
   *
   * The person named the new sector and chose Add.
   */
  signals[CHOSEN] = g_signal_new ("chosen",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-sector-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookSectorDialog, zh_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookSectorDialog, en_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
}

static void
casebook_sector_dialog_init (CasebookSectorDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * casebook_sector_dialog_new:
 * @parent: the window the dialog belongs to
 *
 * Returns: (transfer none): a new dialog, owned by GTK's list of windows
 *   until it closes
 */
CasebookSectorDialog *
casebook_sector_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CASEBOOK_TYPE_SECTOR_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       NULL);
}

/**
 * casebook_sector_dialog_present:
 * @lang: the language the person writes in, whose name is asked for first
 */
void
casebook_sector_dialog_present (CasebookSectorDialog *self,
                                CasebookLang          lang)
{
  g_return_if_fail (CASEBOOK_IS_SECTOR_DIALOG (self));

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (lang == CASEBOOK_LANG_ZH ? self->zh_row : self->en_row));
}
