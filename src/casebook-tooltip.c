/* SPDX-License-Identifier: GPL-3.0-or-later */
/* casebook-tooltip.c: tooltips for widgets made by the hundred.
 *
 * GTK 4.8's gtk_widget_set_tooltip_text() asks the display where the
 * pointer is whenever it is called on a visible widget, in case the
 * pointer already rests on it; on X11 that is two round trips to the
 * server, made even for a widget that is not in a window yet. The filter
 * pane's rows and the case list's rows set theirs as they are made, which
 * came to some two hundred round trips before the first frame. A widget
 * given its tooltip here answers GTK's question for a tooltip itself
 * (has-tooltip and query-tooltip, which ask nothing of the display), and
 * its accessible description is the tooltip, as GTK would make it. */
#include "config.h"

#include "casebook-tooltip.h"

#define TOOLTIP_KEY "casebook-tooltip"

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * casebook_tooltip_set_text:
 * @widget: a widget that does not use GTK's own tooltip properties
 * @text: (nullable): the tooltip, or %NULL (or "") for none
 *
 * Gives @widget the tooltip @text, and makes it the widget's accessible
 * description, without the round trips to the display that
 * gtk_widget_set_tooltip_text() makes. Setting the text it has already
 * costs nothing.
 */
void
casebook_tooltip_set_text (GtkWidget  *widget,
                           const char *text)
{
  GObject *object = G_OBJECT (widget);

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (text, g_object_get_data (object, TOOLTIP_KEY)) == 0)
    return;

  /* The handler is connected with the first text and stays. */
  if (g_object_get_data (object, TOOLTIP_KEY) == NULL &&
      g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_query_tooltip, NULL) == 0)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  g_object_set_data_full (object, TOOLTIP_KEY, g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL);

  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * casebook_tooltip_get_text:
 * @widget: a widget
 *
 * Returns: (nullable): the tooltip casebook_tooltip_set_text() gave
 *   @widget, or else the one GTK's own properties give it
 */
const char *
casebook_tooltip_get_text (GtkWidget *widget)
{
  const char *text;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  text = g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY);
  return text != NULL ? text : gtk_widget_get_tooltip_text (widget);
}
