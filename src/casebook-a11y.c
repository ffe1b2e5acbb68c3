/* SPDX-License-Identifier: GPL-3.0-or-later */
/* casebook-a11y.c: names for the parts of GTK widgets that a screen
 * reader lands on but a .ui file cannot reach. */
#include "config.h"

#include "casebook-a11y.h"

/**
 * casebook_a11y_name_inner_button:
 * @widget: a #GtkDropDown or a #GtkMenuButton
 * @name: what a screen reader should call it
 *
 * A drop-down or a menu button takes the keyboard focus with a toggle
 * button of its own, which GTK 4.8 names after its content: an arrow
 * image, read out as "GtkImage". The accessible label given to @widget in
 * its .ui file does not reach that button, so it is given here as well.
 */
void
casebook_a11y_name_inner_button (GtkWidget  *widget,
                                 const char *name)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (widget) || GTK_IS_MENU_BUTTON (widget));
  g_return_if_fail (name != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
}
