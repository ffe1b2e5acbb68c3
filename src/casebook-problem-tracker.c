/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-problem-tracker"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "casebook-problem-tracker.h"

/**
 * CasebookProblemTracker:
 *
 * What the case editor knows about the problems of its draft: the problems
 * casebook_case_check() finds, those of fields whose text is no number or
 * year (which never reach the draft), the fields the person has been at,
 * and which widget shows the field at each path of the interchange format
 * ("outcomes[1].value").
 *
 * A field shows its problem only once the person has been at it, unless
 * the editor asks to show every problem; casebook_problem_tracker_show()
 * marks the fields and says what the bar above them should say.
 *
 * Fields are registered by whoever makes them, the editor or a row of a
 * list, and forgotten when their widget goes away.
 */

typedef struct
{
  CasebookProblemTracker *tracker;
  GtkWidget              *widget;
  GtkWidget              *icon;
  char                   *path;
  char                   *title;
  char                   *name;
  char                   *alias;
} Field;

struct _CasebookProblemTracker
{
  GObject     parent_instance;

  /* GtkWidget → Field */
  GHashTable *fields;
  /* Path → message, for fields that hold no number */
  GHashTable *parse_problems;
  GHashTable *touched;
  GPtrArray  *problems;
};

G_DEFINE_FINAL_TYPE (CasebookProblemTracker, casebook_problem_tracker, G_TYPE_OBJECT)

/* Paths ----------------------------------------------------------------- */

/* "outcomes[1].value" → "outcomes[1]" → "outcomes" → "". */
static gboolean
strip_last (char *path)
{
  char *cut = NULL;

  for (char *p = path; *p != '\0'; p++)
    if (*p == '.' || *p == '[')
      cut = p;

  if (cut == NULL)
    {
      gboolean had = path[0] != '\0';

      path[0] = '\0';
      return had;
    }

  *cut = '\0';
  return TRUE;
}

/* A field counts as visited when the person has been at it, at the item
 * or list around it, or at a field next to it: a value typed into an
 * outcome shows at once that the outcome needs a unit, and a last year
 * that the period cannot end before its first. */
static gboolean
is_touched (CasebookProblemTracker *self,
            const char             *path)
{
  g_autofree char *p = g_strdup (path);
  g_autofree char *parent = g_strdup (path);
  GHashTableIter iter;
  const char *key;

  do
    if (g_hash_table_contains (self->touched, p))
      return TRUE;
  while (strip_last (p));

  if (!strip_last (parent) || parent[0] == '\0')
    return FALSE;

  g_hash_table_iter_init (&iter, self->touched);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    {
      gsize len = strlen (parent);

      if (strncmp (key, parent, len) == 0 && key[len] == '.')
        return TRUE;
    }

  return FALSE;
}

/* Fields ---------------------------------------------------------------- */

static void
field_free (gpointer data)
{
  Field *field = data;

  g_free (field->path);
  g_free (field->title);
  g_free (field->name);
  g_free (field->alias);
  g_free (field);
}

static void
field_gone (gpointer  data,
            GObject  *where_the_widget_was)
{
  Field *field = data;

  g_hash_table_remove (field->tracker->fields, where_the_widget_was);
}

static Field *
lookup (CasebookProblemTracker *self,
        GtkWidget              *widget)
{
  return g_hash_table_lookup (self->fields, widget);
}

static void
set_row_title (GtkWidget  *row,
               const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title != NULL ? title : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
}

static void
show_field_problem (Field      *field,
                    const char *message)
{
  GtkWidget *widget = field->widget;

  if (message != NULL)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");

  if (field->icon != NULL)
    gtk_widget_set_visible (field->icon, message != NULL);

  gtk_widget_set_tooltip_text (widget, message);

  /* The message is part of the field, where the person looks: in the
   * title of an entry, or as the subtitle of a row that chooses. */
  if (ADW_IS_ENTRY_ROW (widget) && field->title != NULL)
    {
      g_autofree char *title = message != NULL
        /* Translators: the title of a field with what is wrong with it, e.g. "Last Year — the period ends before it starts" */
        ? g_strdup_printf (_("%s — %s"), field->title, message)
        : g_strdup (field->title);

      set_row_title (widget, title);
    }
  else if (ADW_IS_ACTION_ROW (widget))
    {
      g_autofree char *escaped = message != NULL ? g_markup_escape_text (message, -1) : NULL;

      adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), escaped != NULL ? escaped : "");
    }

  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Where problems go ------------------------------------------------------ */

static void
collect_fields (CasebookProblemTracker *self,
                GtkWidget              *widget,
                GPtrArray              *fields)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Field *field;

      if (GTK_IS_POPOVER (child))
        continue;

      if ((field = lookup (self, child)) != NULL)
        g_ptr_array_add (fields, field);
      collect_fields (self, child, fields);
    }
}

/* The field that shows a problem: the one at its path, or else the
 * nearest one around it ("phases[0].start.year" shows at the start row). */
static int
field_for (GPtrArray  *fields,
           const char *problem_path)
{
  g_autofree char *p = g_strdup (problem_path);

  do
    for (guint i = 0; i < fields->len; i++)
      {
        Field *field = g_ptr_array_index (fields, i);

        if (g_strcmp0 (field->path, p) == 0 || g_strcmp0 (field->alias, p) == 0)
          return (int) i;
      }
  while (strip_last (p));

  return -1;
}

typedef struct
{
  CasebookProblem *problem;
  int              field;
  guint            order;
} Placed;

static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *pa = a, *pb = b;
  guint fa = pa->field < 0 ? G_MAXUINT : (guint) pa->field;
  guint fb = pb->field < 0 ? G_MAXUINT : (guint) pb->field;

  if (fa != fb)
    return fa < fb ? -1 : 1;
  return pa->order < pb->order ? -1 : pa->order > pb->order;
}

static char *
capitalized (const char *message)
{
  gunichar first = g_utf8_get_char (message);
  char buf[8];
  int len = g_unichar_to_utf8 (g_unichar_totitle (first), buf);

  return g_strdup_printf ("%.*s%s", len, buf, g_utf8_next_char (message));
}

static char *
field_title (CasebookProblemTracker *self,
             Field                  *field)
{
  GtkWidget *parent = gtk_widget_get_parent (field->widget);
  GtkWidget *expander = parent != NULL ? gtk_widget_get_ancestor (parent, ADW_TYPE_EXPANDER_ROW) : NULL;

  if (field->name != NULL)
    return g_strdup (field->name);

  /* Inside a phase, "Ends" alone says little. */
  if (expander != NULL && field->title != NULL)
    {
      Field *item = lookup (self, expander);

      /* Translators: a field of an item of a list, e.g. "Cost savings › Value" */
      return g_strdup_printf (_("%s › %s"), item != NULL && item->title != NULL ? item->title : "", field->title);
    }

  return g_strdup (field->title != NULL ? field->title : field->path);
}

static char *
problem_bar_markup (CasebookProblemTracker *self,
                    GArray                 *placed,
                    GPtrArray              *fields,
                    int                     first_shown,
                    GtkWidget             **first_widget)
{
  const Placed *first;
  g_autofree char *message = NULL;
  g_autofree char *title = NULL;
  g_autofree char *more = NULL;
  gboolean shown = first_shown >= 0;

  /* A problem the person can see at its field comes first. */
  first = &g_array_index (placed, Placed, shown ? (guint) first_shown : 0);
  message = capitalized (first->problem->message);
  if (first->field >= 0)
    {
      Field *field = g_ptr_array_index (fields, first->field);

      *first_widget = field->widget;
      title = field_title (self, field);
    }
  else
    title = g_strdup (first->problem->path);

  if (placed->len > 1)
    more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more problem", "and %u more problems",
                                         placed->len - 1),
                            placed->len - 1);

  if (shown)
    /* Translators: the bar above the fields: the field, what is wrong, and how many more problems there are */
    return g_markup_printf_escaped (more != NULL ? _("<b>%s</b>: %s (%s)") : _("<b>%s</b>: %s%s"),
                                    title, message, more != NULL ? more : "");
  else
    {
      /* Nothing the person has been at is wrong; the case is only not
       * finished. Say which fields it still needs. */
      g_autoptr(GString) names = g_string_new (NULL);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint n_names = 0;

      for (guint i = 0; i < placed->len; i++)
        {
          const Placed *p = &g_array_index (placed, Placed, i);
          char *name = p->field >= 0 ? field_title (self, g_ptr_array_index (fields, p->field))
                                     : g_strdup (p->problem->path);

          if (!g_hash_table_add (seen, name))
            continue;
          if (n_names == 3)
            {
              /* Translators: ends a list of fields that goes on */
              g_string_append (names, _(", …"));
              break;
            }
          if (n_names > 0)
            /* Translators: separates the names of fields in a list */
            g_string_append (names, _(", "));
          g_string_append (names, name);
          n_names++;
        }

      /* Translators: the bar above the fields of a case not finished yet; %s names the fields */
      return g_markup_printf_escaped (_("To save the case, fill in: <b>%s</b>"), names->str);
    }
}

/* Overrides --------------------------------------------------------------- */

static void
casebook_problem_tracker_finalize (GObject *object)
{
  CasebookProblemTracker *self = (CasebookProblemTracker *)object;
  GHashTableIter iter;
  gpointer widget, field;

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &widget, &field))
    g_object_weak_unref (widget, field_gone, field);

  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->parse_problems, g_hash_table_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (casebook_problem_tracker_parent_class)->finalize (object);
}

static void
casebook_problem_tracker_class_init (CasebookProblemTrackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = casebook_problem_tracker_finalize;
}

static void
casebook_problem_tracker_init (CasebookProblemTracker *self)
{
  self->fields = g_hash_table_new_full (NULL, NULL, NULL, field_free);
  self->parse_problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_problem_free);
}

/* Public API ---------------------------------------------------------------- */

CasebookProblemTracker *
casebook_problem_tracker_new (void)
{
  return g_object_new (CASEBOOK_TYPE_PROBLEM_TRACKER, NULL);
}

/**
 * casebook_problem_tracker_add_field:
 * @widget: a row of the editor
 * @path: where the field's value is in the interchange format
 * @title: (nullable): the title of the row, as the person reads it
 *
 * Makes @widget show the problems at @path. An entry or action row gets a
 * warning icon at its end, hidden until there is a problem; an expander
 * row is only marked. Adding a field again points it at @path.
 */
void
casebook_problem_tracker_add_field (CasebookProblemTracker *self,
                                    GtkWidget              *widget,
                                    const char             *path,
                                    const char             *title)
{
  casebook_problem_tracker_add_field_full (self, widget, path, title, NULL);
}

/**
 * casebook_problem_tracker_add_field_full:
 * @icon: (nullable): the row's own warning icon, for a row whose icon
 *   does not go at its end; %NULL to give the row one
 *
 * Like casebook_problem_tracker_add_field(), for a row that places its
 * warning icon itself: the tracker shows @icon when there is a problem.
 */
void
casebook_problem_tracker_add_field_full (CasebookProblemTracker *self,
                                         GtkWidget              *widget,
                                         const char             *path,
                                         const char             *title,
                                         GtkWidget              *icon)
{
  Field *field;

  g_return_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (path != NULL);
  g_return_if_fail (icon == NULL || GTK_IS_WIDGET (icon));

  if ((field = lookup (self, widget)) != NULL)
    {
      g_free (field->path);
      field->path = g_strdup (path);
      return;
    }

  field = g_new0 (Field, 1);
  field->tracker = self;
  field->widget = widget;
  field->path = g_strdup (path);
  field->title = g_strdup (title);
  g_hash_table_insert (self->fields, widget, field);
  g_object_weak_ref (G_OBJECT (widget), field_gone, field);

  if (icon != NULL)
    {
      field->icon = icon;
      gtk_widget_set_visible (icon, FALSE);
      return;
    }

  if (!ADW_IS_ENTRY_ROW (widget) && !ADW_IS_ACTION_ROW (widget))
    return;

  field->icon = g_object_new (GTK_TYPE_IMAGE,
                              "icon-name", "dialog-warning-symbolic",
                              "valign", GTK_ALIGN_CENTER,
                              "visible", FALSE,
                              "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                              NULL);
  gtk_widget_add_css_class (field->icon, "error");

  if (ADW_IS_ENTRY_ROW (widget))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (widget), field->icon);
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (widget), field->icon);
}

/**
 * casebook_problem_tracker_set_field_title:
 * @title: (nullable): the new title
 *
 * Sets the title of a field as the tracker knows it, for an item whose
 * title follows what it holds. The row's own title is not changed.
 */
void
casebook_problem_tracker_set_field_title (CasebookProblemTracker *self,
                                          GtkWidget              *widget,
                                          const char             *title)
{
  Field *field;

  g_return_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (self));

  if ((field = lookup (self, widget)) != NULL)
    {
      g_free (field->title);
      field->title = g_strdup (title);
    }
}

/**
 * casebook_problem_tracker_set_field_name:
 * @name: the name of the field in the bar above the fields
 *
 * Names a field where its title alone would not say which one it is
 * ("Title" of the source).
 */
void
casebook_problem_tracker_set_field_name (CasebookProblemTracker *self,
                                         GtkWidget              *widget,
                                         const char             *name)
{
  Field *field;

  g_return_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (self));

  if ((field = lookup (self, widget)) != NULL)
    {
      g_free (field->name);
      field->name = g_strdup (name);
    }
}

/**
 * casebook_problem_tracker_set_field_alias:
 * @alias: another path whose problems the field shows
 *
 * A problem of the source as a whole shows at its first field.
 */
void
casebook_problem_tracker_set_field_alias (CasebookProblemTracker *self,
                                          GtkWidget              *widget,
                                          const char             *alias)
{
  Field *field;

  g_return_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (self));

  if ((field = lookup (self, widget)) != NULL)
    {
      g_free (field->alias);
      field->alias = g_strdup (alias);
    }
}

/**
 * casebook_problem_tracker_get_path:
 *
 * Returns: (nullable): the path of the field @widget shows
 */
const char *
casebook_problem_tracker_get_path (CasebookProblemTracker *self,
                                   GtkWidget              *widget)
{
  Field *field;

  g_return_val_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (self), NULL);

  field = lookup (self, widget);
  return field != NULL ? field->path : NULL;
}

/**
 * casebook_problem_tracker_touch:
 * @path: (nullable): the path of a field the person has been at
 */
void
casebook_problem_tracker_touch (CasebookProblemTracker *self,
                                const char             *path)
{
  g_return_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (self));

  if (path != NULL)
    g_hash_table_add (self->touched, g_strdup (path));
}

/**
 * casebook_problem_tracker_set_parse_problem:
 * @message: (nullable): what is wrong with the text at @path, or %NULL if
 *   it reads
 */
void
casebook_problem_tracker_set_parse_problem (CasebookProblemTracker *self,
                                            const char             *path,
                                            const char             *message)
{
  g_return_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (self));

  if (message != NULL)
    g_hash_table_insert (self->parse_problems, g_strdup (path), g_strdup (message));
  else
    g_hash_table_remove (self->parse_problems, path);
}

/**
 * casebook_problem_tracker_forget_parse_problems:
 * @prefix: a path
 *
 * Forgets the parse problems at @prefix and inside it, as when an item of a
 * list is removed and the items after it move up.
 */
void
casebook_problem_tracker_forget_parse_problems (CasebookProblemTracker *self,
                                                const char             *prefix)
{
  GHashTableIter iter;
  const char *path;
  gsize len;

  g_return_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (self));

  len = strlen (prefix);
  g_hash_table_iter_init (&iter, self->parse_problems);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    if (strncmp (path, prefix, len) == 0 && (path[len] == '\0' || path[len] == '[' || path[len] == '.'))
      g_hash_table_iter_remove (&iter);
}

/**
 * casebook_problem_tracker_has_parse_problems:
 *
 * Returns: %TRUE if a field holds text that is no number or year
 */
gboolean
casebook_problem_tracker_has_parse_problems (CasebookProblemTracker *self)
{
  g_return_val_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (self), FALSE);

  return g_hash_table_size (self->parse_problems) > 0;
}

/**
 * casebook_problem_tracker_check:
 * @c: the draft
 * @id_taken: (nullable) (scope call): for casebook_case_check()
 *
 * Finds the problems of @c: those of fields that hold no number first,
 * then those of the rules.
 *
 * Returns: (transfer none) (element-type CasebookProblem): the problems,
 *   valid until the next check
 */
GPtrArray *
casebook_problem_tracker_check (CasebookProblemTracker *self,
                                CasebookCase           *c,
                                CasebookIdTakenFunc     id_taken,
                                gpointer                user_data)
{
  g_autoptr(GPtrArray) checked = NULL;
  GHashTableIter iter;
  const char *path, *message;

  g_return_val_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (self), NULL);

  g_ptr_array_set_size (self->problems, 0);
  g_hash_table_iter_init (&iter, self->parse_problems);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, (gpointer *) &message))
    g_ptr_array_add (self->problems, casebook_problem_new (path, message));

  checked = casebook_case_check (c, CASEBOOK_CHECK_ALL, id_taken, user_data);
  for (guint i = 0; i < checked->len; i++)
    {
      CasebookProblem *problem = g_ptr_array_index (checked, i);

      if (!g_hash_table_contains (self->parse_problems, problem->path))
        g_ptr_array_add (self->problems, casebook_problem_new (problem->path, problem->message));
    }

  return self->problems;
}

/**
 * casebook_problem_tracker_show:
 * @root: the widget that holds the fields
 * @show_all: whether to show problems of fields the person has not been at
 * @shown: (out): whether the first problem the bar names shows at its field
 * @first_widget: (out) (transfer none) (nullable): the field of that problem
 *
 * Shows each problem of the last check at its field, in the order of the
 * fields in @root, and says what the bar above them should say.
 *
 * Returns: (transfer full) (nullable): Pango markup for the bar, or %NULL
 *   if there is no problem
 */
char *
casebook_problem_tracker_show (CasebookProblemTracker  *self,
                               GtkWidget               *root,
                               gboolean                 show_all,
                               gboolean                *shown,
                               GtkWidget              **first_widget)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_autoptr(GPtrArray) shown_paths = g_ptr_array_new ();
  g_autofree const char **messages = NULL;
  int first_shown = -1;

  g_return_val_if_fail (CASEBOOK_IS_PROBLEM_TRACKER (self), NULL);

  *shown = FALSE;
  *first_widget = NULL;

  /* Each problem goes to its field; the bar names the first in the page. */
  collect_fields (self, root, fields);
  for (guint i = 0; i < self->problems->len; i++)
    {
      Placed p = { g_ptr_array_index (self->problems, i), -1, i };

      p.field = field_for (fields, p.problem->path);
      g_array_append_val (placed, p);
    }
  g_array_sort (placed, compare_placed);

  messages = g_new0 (const char *, fields->len + 1);
  for (guint i = 0; i < placed->len; i++)
    {
      const Placed *p = &g_array_index (placed, Placed, i);
      Field *field = p->field >= 0 ? g_ptr_array_index (fields, p->field) : NULL;

      if (field != NULL && messages[p->field] == NULL && (show_all || is_touched (self, field->path)))
        {
          messages[p->field] = p->problem->message;
          g_ptr_array_add (shown_paths, field->path);
          if (first_shown < 0)
            first_shown = (int) i;
        }
    }

  for (guint i = 0; i < fields->len; i++)
    {
      Field *field = g_ptr_array_index (fields, i);

      if (ADW_IS_EXPANDER_ROW (field->widget) && messages[i] == NULL)
        {
          gboolean inside = FALSE;
          gsize len = strlen (field->path);

          /* A closed item says that something inside it is wrong. */
          for (guint j = 0; j < shown_paths->len && !inside; j++)
            {
              const char *s = g_ptr_array_index (shown_paths, j);
              inside = strncmp (s, field->path, len) == 0 && s[len] == '.';
            }
          /* Only its header turns red (style.css), not every row in it. */
          if (inside)
            gtk_widget_add_css_class (field->widget, "problem");
          else
            gtk_widget_remove_css_class (field->widget, "problem");
          continue;
        }

      show_field_problem (field, messages[i]);
    }

  if (placed->len == 0)
    return NULL;

  *shown = first_shown >= 0;
  return problem_bar_markup (self, placed, fields, first_shown, first_widget);
}
