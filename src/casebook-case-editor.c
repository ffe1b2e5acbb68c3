/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "casebook-case-check.h"
#include "casebook-case-editor.h"
#include "casebook-completion.h"
#include "casebook-format.h"
#include "casebook-json.h"
#include "casebook-resources.h"

/**
 * CasebookCaseEditor:
 *
 * A window to write a case of one's own, or to change one: every field of
 * the model, the texts in Chinese or English (a switch in the header bar
 * chooses which; a text left empty in one language shows the other).
 *
 * The editor works on a draft, a copy of the case, and writes every change
 * into it at once. After each change the draft is checked with
 * casebook_case_check(), the same rules the JSON reader applies, and each
 * problem is shown at its field: the field is marked with the `error`
 * style class and says what is wrong. A field shows its problem once the
 * person has been at it, so an empty new case is not red all over; a bar
 * above the fields always says what still keeps the case from being saved.
 * Save is possible only when the case is valid.
 *
 * The fixed fields are in the template; the rows of the lists (outcomes,
 * phases, technologies…) are made here, one expander row per item.
 */

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

/* Where each list is in the interchange format. */
static const char * const list_paths[N_LISTS] = {
  "stack", "outcomes", "phases", "scenarios", "requirements",
  "challenges", "failure.causes", "lessons", "notes",
};

struct _CasebookCaseEditor
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkWidget          *save_button;
  GtkToggleButton    *lang_zh_button;
  GtkToggleButton    *lang_en_button;
  GtkRevealer        *problem_revealer;
  GtkImage           *problem_icon;
  GtkLabel           *problem_label;
  GtkWidget          *problem_button;
  AdwPreferencesPage *page;
  AdwEntryRow        *title_row;
  AdwEntryRow        *organization_row;
  AdwComboRow        *kind_row;
  AdwComboRow        *sector_row;
  AdwEntryRow        *subsector_row;
  AdwComboRow        *approach_row;
  AdwComboRow        *size_row;
  AdwEntryRow        *employees_row;
  AdwComboRow        *qualifier_row;
  AdwEntryRow        *period_start_row;
  AdwEntryRow        *period_end_row;
  GtkWidget          *failure_group;
  AdwEntryRow        *problem_row;
  AdwEntryRow        *result_row;
  AdwEntryRow        *source_title_row;
  AdwEntryRow        *source_url_row;
  AdwEntryRow        *source_date_row;
  AdwEntryRow        *source_section_row;
  AdwEntryRow        *source_note_row;
  AdwEntryRow        *id_row;
  GtkListBox         *lists[N_LISTS];

  CasebookStore      *store;
  CasebookCase       *draft;
  char               *saved_json;
  gboolean            is_new;
  gboolean            closing;
  CasebookLang        lang;
  CasebookLang        content_lang;
  int                 loading;

  /* What the choices offer. */
  GPtrArray          *sectors;
  CasebookSector     *new_sector;
  GPtrArray          *metrics;
  GStrv               products;
  GStrv               families;
  GHashTable         *product_families;

  /* A failure section put aside while the case is a success, so that
   * switching the kind back and forth loses nothing. */
  CasebookFailure    *stashed_failure;

  /* Problems: those the check finds and those of fields whose text is no
   * number or year (path to message); the fields the person has been at;
   * and whether to show every problem anyway. */
  GPtrArray          *problems;
  GHashTable         *parse_problems;
  GHashTable         *touched;
  gboolean            show_all;
  GtkWidget          *first_problem_widget;
};

G_DEFINE_FINAL_TYPE (CasebookCaseEditor, casebook_case_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define PATH_KEY        "casebook-path"
#define TEXT_KEY        "casebook-text"
#define SLOT_KEY        "casebook-slot"
#define ITEM_KEY        "casebook-item"
#define LIST_KEY        "casebook-list"
#define INDEX_KEY       "casebook-index"
#define EXPANDER_KEY    "casebook-expander"
#define BASE_TITLE_KEY  "casebook-base-title"
#define ICON_KEY        "casebook-error-icon"
#define FALLBACK_KEY    "casebook-fallback"
#define BOTH_LANGS_KEY  "casebook-both-langs"
#define ADD_ROW_KEY     "casebook-add-row"
#define FAMILY_ROW_KEY  "casebook-family-row"
#define ALIAS_KEY       "casebook-alias"
#define NAME_KEY        "casebook-name"

static const char * const builtin_families[] = {
  "virtualization", "containers", "orchestration", "service-mesh", "monitoring",
  "storage", "network", "management", "edge", "iot", "data", "webassembly",
  "cloud", "security", "integration", "devops", "runtime", "ai", "communication",
};

static void changed (CasebookCaseEditor *self);
static void rebuild_list (CasebookCaseEditor *self, ListKind kind);

/* Helpers ------------------------------------------------------------ */

static char *
stripped (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static char *
format_plain_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  return g_strdup (buf);
}

/* A number as a person types it: "40", "-12.5", "−40" (with the minus sign
 * the case page shows). Thousands separators are refused rather than
 * guessed at: “1,000” is a thousand in English and may be one point zero
 * elsewhere. */
static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autofree char *s = stripped (text);
  g_autoptr(GString) ascii = g_string_new (NULL);
  char *end = NULL;
  double v;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2212)
        g_string_append_c (ascii, '-');
      else if (c < 0x80 && (g_ascii_isdigit ((char) c) || c == '.' || c == '-' || c == '+' ||
                            c == 'e' || c == 'E'))
        g_string_append_c (ascii, (char) c);
      else
        return FALSE;
    }

  if (ascii->len == 0)
    return FALSE;

  v = g_ascii_strtod (ascii->str, &end);
  if (end == ascii->str || *end != '\0' || !isfinite (v))
    return FALSE;

  *value = v;
  return TRUE;
}

static gboolean
parse_whole (const char *text,
             gint64     *value)
{
  g_autofree char *s = stripped (text);
  guint64 v;

  if (!g_ascii_string_to_unsigned (s, 10, 0, G_MAXINT64, &v, NULL))
    return FALSE;

  *value = (gint64) v;
  return TRUE;
}

static const char *
lang_name (CasebookLang lang)
{
  /* Translators: the language of a case's texts */
  return lang == CASEBOOK_LANG_ZH ? _("Chinese") : _("English");
}

/* The draft belongs to the editor alone. Its texts, source and failure are
 * changed in place, as its arrays are, so that every field can keep a
 * pointer to what it edits. */
static CasebookText *
mutable_text (const CasebookText *text)
{
  return (CasebookText *) text;
}

static void
ensure_text (CasebookText **slot)
{
  if (*slot == NULL)
    *slot = casebook_text_new (NULL, NULL);
}

static CasebookFailure *
new_failure (void)
{
  CasebookFailure *failure = casebook_failure_new ();

  failure->problem = casebook_text_new (NULL, NULL);
  failure->result = casebook_text_new (NULL, NULL);
  return failure;
}

static CasebookFailure *
copy_failure (const CasebookFailure *failure)
{
  CasebookFailure *copy = casebook_failure_new ();

  copy->problem = casebook_text_copy (failure->problem);
  copy->result = casebook_text_copy (failure->result);
  for (guint i = 0; i < failure->causes->len; i++)
    g_ptr_array_add (copy->causes, casebook_text_copy (g_ptr_array_index (failure->causes, i)));
  ensure_text (&copy->problem);
  ensure_text (&copy->result);

  return copy;
}

/* Every text a field edits exists, if empty, so the field can point at it.
 * An empty text is written as no text at all. */
static void
normalize_draft (CasebookCase *c)
{
  CasebookSource *source;
  GPtrArray *array;

  if (casebook_case_get_title (c) == NULL)
    casebook_case_take_title (c, casebook_text_new (NULL, NULL));
  if (casebook_case_get_organization (c) == NULL)
    casebook_case_take_organization (c, casebook_text_new (NULL, NULL));
  if (casebook_case_get_subsector (c) == NULL)
    casebook_case_take_subsector (c, casebook_text_new (NULL, NULL));

  if (casebook_case_get_source (c) == NULL)
    casebook_case_take_source (c, casebook_source_new ());
  source = (CasebookSource *) casebook_case_get_source (c);
  ensure_text (&source->title);
  ensure_text (&source->note);

  if (casebook_case_get_failure (c) != NULL)
    {
      CasebookFailure *failure = (CasebookFailure *) casebook_case_get_failure (c);

      ensure_text (&failure->problem);
      ensure_text (&failure->result);
    }
  else if (casebook_case_get_kind (c) == CASEBOOK_KIND_FAILURE)
    casebook_case_take_failure (c, new_failure ());

  array = casebook_case_get_stack (c);
  for (guint i = 0; i < array->len; i++)
    {
      CasebookStackItem *item = g_ptr_array_index (array, i);

      ensure_text (&item->role);
      ensure_text (&item->product);
    }

  array = casebook_case_get_phases (c);
  for (guint i = 0; i < array->len; i++)
    ensure_text (&((CasebookPhase *) g_ptr_array_index (array, i))->name);

  array = casebook_case_get_challenges (c);
  for (guint i = 0; i < array->len; i++)
    {
      CasebookChallenge *challenge = g_ptr_array_index (array, i);

      ensure_text (&challenge->title);
      ensure_text (&challenge->text);
      ensure_text (&challenge->solution);
    }

  array = casebook_case_get_outcomes (c);
  for (guint i = 0; i < array->len; i++)
    ensure_text (&((CasebookOutcome *) g_ptr_array_index (array, i))->text);

  array = casebook_case_get_notes (c);
  for (guint i = 0; i < array->len; i++)
    ensure_text (&((CasebookNote *) g_ptr_array_index (array, i))->text);
}

static GPtrArray *
list_array (CasebookCaseEditor *self,
            ListKind            kind)
{
  const CasebookFailure *failure;

  switch (kind)
    {
    case LIST_STACK: return casebook_case_get_stack (self->draft);
    case LIST_OUTCOMES: return casebook_case_get_outcomes (self->draft);
    case LIST_PHASES: return casebook_case_get_phases (self->draft);
    case LIST_SCENARIOS: return casebook_case_get_scenarios (self->draft);
    case LIST_REQUIREMENTS: return casebook_case_get_requirements (self->draft);
    case LIST_CHALLENGES: return casebook_case_get_challenges (self->draft);
    case LIST_LESSONS: return casebook_case_get_lessons (self->draft);
    case LIST_NOTES: return casebook_case_get_notes (self->draft);
    case LIST_CAUSES:
      failure = casebook_case_get_failure (self->draft);
      return failure != NULL ? failure->causes : NULL;
    case N_LISTS:
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

/* Paths and problems -------------------------------------------------- */

static void
set_path (GtkWidget  *widget,
          const char *path)
{
  g_object_set_data_full (G_OBJECT (widget), PATH_KEY, g_strdup (path), g_free);
}

static const char *
get_path (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), PATH_KEY);
}

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

static void
touch (CasebookCaseEditor *self,
       const char         *path)
{
  if (path != NULL && self->loading == 0)
    g_hash_table_add (self->touched, g_strdup (path));
}

/* A field counts as visited when the person has been at it, at the item
 * or list around it, or at a field next to it: a value typed into an
 * outcome shows at once that the outcome needs a unit, and a last year
 * that the period cannot end before its first. */
static gboolean
is_touched (CasebookCaseEditor *self,
            const char         *path)
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

static void
set_parse_problem (CasebookCaseEditor *self,
                   const char         *path,
                   const char         *message)
{
  if (message != NULL)
    g_hash_table_insert (self->parse_problems, g_strdup (path), g_strdup (message));
  else
    g_hash_table_remove (self->parse_problems, path);
}

static void
forget_parse_problems_under (CasebookCaseEditor *self,
                             const char         *prefix)
{
  GHashTableIter iter;
  const char *path;
  gsize len = strlen (prefix);

  g_hash_table_iter_init (&iter, self->parse_problems);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    if (strncmp (path, prefix, len) == 0 && (path[len] == '\0' || path[len] == '[' || path[len] == '.'))
      g_hash_table_iter_remove (&iter);
}

static gboolean
id_taken (const char *id,
          gpointer    user_data)
{
  CasebookCaseEditor *self = user_data;

  return casebook_store_has_case (self->store, id);
}

/* Decorations of a field ---------------------------------------------- */

static void
set_row_title (GtkWidget  *row,
               const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title != NULL ? title : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
}

/* Readies a row to show a problem: it remembers its own title and gets a
 * warning icon, hidden until there is a problem. */
static void
decorate_field (GtkWidget  *row,
                const char *title)
{
  GtkWidget *icon;

  g_object_set_data_full (G_OBJECT (row), BASE_TITLE_KEY, g_strdup (title), g_free);

  if (!ADW_IS_ENTRY_ROW (row) && !ADW_IS_ACTION_ROW (row))
    return;

  icon = g_object_new (GTK_TYPE_IMAGE,
                       "icon-name", "dialog-warning-symbolic",
                       "valign", GTK_ALIGN_CENTER,
                       "visible", FALSE,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       NULL);
  gtk_widget_add_css_class (icon, "error");

  if (ADW_IS_ENTRY_ROW (row))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), icon);
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);

  g_object_set_data (G_OBJECT (row), ICON_KEY, icon);
}

static void
show_field_problem (GtkWidget  *widget,
                    const char *message)
{
  const char *base = g_object_get_data (G_OBJECT (widget), BASE_TITLE_KEY);
  GtkWidget *icon = g_object_get_data (G_OBJECT (widget), ICON_KEY);

  if (message != NULL)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");

  if (icon != NULL)
    gtk_widget_set_visible (icon, message != NULL);

  gtk_widget_set_tooltip_text (widget, message);

  /* The message is part of the field, where the person looks: in the
   * title of an entry, or as the subtitle of a row that chooses. */
  if (ADW_IS_ENTRY_ROW (widget) && base != NULL)
    {
      g_autofree char *title = message != NULL
        /* Translators: the title of a field with what is wrong with it, e.g. "Last Year — the period ends before it starts" */
        ? g_strdup_printf (_("%s — %s"), base, message)
        : g_strdup (base);

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

/* Expander rows of the lists ------------------------------------------ */

static const char *
text_or (const CasebookText *text,
         CasebookLang        lang,
         const char         *fallback)
{
  const char *str = casebook_text_get (text, lang);

  return str[0] != '\0' ? str : fallback;
}

static const char *
metric_name (CasebookCaseEditor *self,
             const char         *key)
{
  for (guint i = 0; key != NULL && i < self->metrics->len; i++)
    {
      const CasebookMetric *metric = g_ptr_array_index (self->metrics, i);

      if (g_strcmp0 (metric->key, key) == 0)
        return casebook_text_get (metric->name, self->content_lang);
    }

  return key;
}

/* An expander row's title says which item it is; its subtitle sums up the
 * rest, so a list of closed rows still reads. */
static void
refresh_expander (CasebookCaseEditor *self,
                  GtkWidget          *expander)
{
  ListKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (expander), LIST_KEY));
  gpointer item = g_object_get_data (G_OBJECT (expander), ITEM_KEY);
  g_autofree char *subtitle = NULL;
  const char *title = NULL;

  switch (kind)
    {
    case LIST_STACK:
      {
        CasebookStackItem *stack = item;
        const char *role = casebook_text_get (stack->role, self->lang);

        title = text_or (stack->product, self->lang, _("New Technology"));
        if (stack->version != NULL && role[0] != '\0')
          /* Translators: a technology's version and role, e.g. "8.0 · Virtualization platform" */
          subtitle = g_strdup_printf (_("%s · %s"), stack->version, role);
        else
          subtitle = g_strdup (stack->version != NULL ? stack->version : role);
      }
      break;

    case LIST_OUTCOMES:
      {
        CasebookOutcome *outcome = item;
        g_autofree char *figure = casebook_format_outcome (outcome, self->lang);
        const char *metric = metric_name (self, outcome->metric);

        title = text_or (outcome->text, self->lang, _("New Outcome"));
        if (figure != NULL && metric != NULL)
          subtitle = g_strdup_printf (_("%s · %s"), metric, figure);
        else
          subtitle = g_strdup (figure != NULL ? figure : metric);
      }
      break;

    case LIST_PHASES:
      {
        CasebookPhase *phase = item;

        title = text_or (phase->name, self->lang, _("New Phase"));
        subtitle = casebook_format_phase_span (phase);
      }
      break;

    case LIST_CHALLENGES:
      {
        CasebookChallenge *challenge = item;

        title = text_or (challenge->title, self->lang, _("New Challenge"));
        subtitle = g_strdup (casebook_text_get (challenge->solution, self->lang));
      }
      break;

    case LIST_NOTES:
      {
        CasebookNote *note = item;

        title = text_or (note->text, self->lang, _("New Note"));
        subtitle = g_strdup (note->field);
      }
      break;

    case LIST_SCENARIOS:
    case LIST_REQUIREMENTS:
    case LIST_CAUSES:
    case LIST_LESSONS:
    case N_LISTS:
    default:
      return;
    }

  set_row_title (expander, title);
  g_object_set_data_full (G_OBJECT (expander), BASE_TITLE_KEY, g_strdup (title), g_free);
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle != NULL ? subtitle : "", -1);

    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), escaped);
  }
}

static void
item_changed (CasebookCaseEditor *self,
              GtkWidget          *field)
{
  GtkWidget *expander = g_object_get_data (G_OBJECT (field), EXPANDER_KEY);

  if (expander != NULL)
    refresh_expander (self, expander);
}

/* Text fields ---------------------------------------------------------- */

static void
update_fallback (CasebookCaseEditor *self,
                 GtkWidget          *row)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (row), FALLBACK_KEY);
  CasebookText *text = g_object_get_data (G_OBJECT (row), TEXT_KEY);
  CasebookLang other = casebook_lang_other (self->lang);
  const char *mine = casebook_text_get_exact (text, self->lang);
  const char *theirs = casebook_text_get_exact (text, other);
  gboolean show = (mine == NULL || mine[0] == '\0') && theirs != NULL && theirs[0] != '\0';

  if (label == NULL)
    return;

  gtk_widget_set_visible (label, show);
  if (show)
    {
      g_autofree char *tooltip =
        /* Translators: shown by a field left empty in one language; %s is the other language */
        g_strdup_printf (_("Left empty, this text shows in %s: the other language stands in"),
                         lang_name (other));

      gtk_label_set_label (GTK_LABEL (label), theirs);
      gtk_widget_set_tooltip_text (label, tooltip);
    }
}

static void
fill_text_row (CasebookCaseEditor *self,
               GtkWidget          *row)
{
  CasebookText *text = g_object_get_data (G_OBJECT (row), TEXT_KEY);
  const char *value = casebook_text_get_exact (text, self->lang);

  self->loading++;
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  self->loading--;

  update_fallback (self, row);
}

static void
on_text_changed (GtkEditable        *editable,
                 CasebookCaseEditor *self)
{
  CasebookText *text = g_object_get_data (G_OBJECT (editable), TEXT_KEY);
  g_autofree char *value = NULL;

  if (self->loading > 0 || text == NULL)
    return;

  value = stripped (gtk_editable_get_text (editable));

  /* A product's name is the same in both languages unless someone has
   * written it differently in the other one. */
  if (g_object_get_data (G_OBJECT (editable), BOTH_LANGS_KEY) != NULL)
    {
      CasebookLang other = casebook_lang_other (self->lang);
      const char *old = casebook_text_get_exact (text, self->lang);
      const char *theirs = casebook_text_get_exact (text, other);

      if (theirs == NULL || g_strcmp0 (theirs, old) == 0)
        casebook_text_set (text, other, value);
    }

  casebook_text_set (text, self->lang, value);

  touch (self, get_path (GTK_WIDGET (editable)));
  update_fallback (self, GTK_WIDGET (editable));
  item_changed (self, GTK_WIDGET (editable));
  changed (self);
}

/* Binds @row to @text. Binding again (when the failure section comes back,
 * with new texts) only points the row at the new text. */
static void
bind_text (CasebookCaseEditor *self,
           GtkWidget          *row,
           CasebookText       *text,
           const char         *path)
{
  if (g_object_get_data (G_OBJECT (row), FALLBACK_KEY) == NULL)
    {
      GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                       "ellipsize", PANGO_ELLIPSIZE_END,
                                       "max-width-chars", 18,
                                       "valign", GTK_ALIGN_CENTER,
                                       "visible", FALSE,
                                       NULL);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "fallback");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), label);
      g_object_set_data (G_OBJECT (row), FALLBACK_KEY, label);
      g_signal_connect_object (row, "changed", G_CALLBACK (on_text_changed), self, 0);
    }

  g_object_set_data (G_OBJECT (row), TEXT_KEY, text);
  set_path (row, path);
  fill_text_row (self, row);
}

static void
on_string_changed (GtkEditable        *editable,
                   CasebookCaseEditor *self)
{
  char **slot = g_object_get_data (G_OBJECT (editable), SLOT_KEY);
  g_autofree char *value = NULL;

  if (self->loading > 0 || slot == NULL)
    return;

  value = stripped (gtk_editable_get_text (editable));
  g_free (*slot);
  *slot = value[0] != '\0' ? g_steal_pointer (&value) : NULL;

  touch (self, get_path (GTK_WIDGET (editable)));
  item_changed (self, GTK_WIDGET (editable));
  changed (self);
}

/* Binds @row to a plain string of the model, such as a URL or a version. */
static void
bind_string (CasebookCaseEditor  *self,
             GtkWidget           *row,
             char               **slot,
             const char          *path)
{
  g_object_set_data (G_OBJECT (row), SLOT_KEY, slot);
  set_path (row, path);

  self->loading++;
  gtk_editable_set_text (GTK_EDITABLE (row), *slot != NULL ? *slot : "");
  self->loading--;

  g_signal_connect_object (row, "changed", G_CALLBACK (on_string_changed), self, 0);
}

static GtkWidget *
entry_row (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  set_row_title (row, title);
  decorate_field (row, title);
  return row;
}

/* Numbers --------------------------------------------------------------- */

static void
on_outcome_number_changed (GtkEditable        *editable,
                           CasebookCaseEditor *self)
{
  CasebookOutcome *outcome = g_object_get_data (G_OBJECT (editable), ITEM_KEY);
  gboolean is_baseline = g_object_get_data (G_OBJECT (editable), SLOT_KEY) != NULL;
  const char *path = get_path (GTK_WIDGET (editable));
  g_autofree char *text = stripped (gtk_editable_get_text (editable));
  gboolean *has = is_baseline ? &outcome->has_baseline : &outcome->has_value;
  double *value = is_baseline ? &outcome->baseline : &outcome->value;
  double v = 0;

  if (self->loading > 0)
    return;

  if (text[0] == '\0')
    {
      *has = FALSE;
      set_parse_problem (self, path, NULL);
    }
  else if (parse_number (text, &v))
    {
      *has = TRUE;
      *value = v;
      set_parse_problem (self, path, NULL);
    }
  else
    {
      *has = FALSE;
      set_parse_problem (self, path, _("enter a number, such as 40, -12.5 or 99.99, without thousands separators"));
    }

  touch (self, path);
  item_changed (self, GTK_WIDGET (editable));
  changed (self);
}

static void
on_employees_changed (CasebookCaseEditor *self)
{
  g_autofree char *text = stripped (gtk_editable_get_text (GTK_EDITABLE (self->employees_row)));
  gint64 employees = -1;

  if (self->loading > 0)
    return;

  if (text[0] == '\0' || parse_whole (text, &employees))
    set_parse_problem (self, "employees", NULL);
  else
    {
      employees = -1;
      set_parse_problem (self, "employees", _("enter a whole number of people, such as 1200"));
    }

  casebook_case_set_employees (self->draft, employees,
                               (CasebookQualifier) adw_combo_row_get_selected (self->qualifier_row));
  touch (self, "employees");
  changed (self);
}

static int
read_year (CasebookCaseEditor *self,
           AdwEntryRow        *row,
           const char         *path)
{
  g_autofree char *text = stripped (gtk_editable_get_text (GTK_EDITABLE (row)));
  gint64 year = 0;

  if (text[0] == '\0')
    {
      set_parse_problem (self, path, NULL);
      return 0;
    }

  if (!parse_whole (text, &year) || year > G_MAXINT || year == 0)
    {
      set_parse_problem (self, path, _("enter a year, such as 2024"));
      return 0;
    }

  set_parse_problem (self, path, NULL);
  return (int) year;
}

static void
on_period_changed (CasebookCaseEditor *self,
                   GtkEditable        *editable)
{
  int start, end;

  if (self->loading > 0)
    return;

  start = read_year (self, self->period_start_row, "period.start");
  end = read_year (self, self->period_end_row, "period.end");
  casebook_case_set_period (self->draft, start, end);

  touch (self, get_path (GTK_WIDGET (editable)));
  changed (self);
}

/* Phases: a point in time is a year and, if known, a quarter. */

static void
on_point_year_changed (GtkSpinButton      *spin,
                       CasebookCaseEditor *self)
{
  CasebookPoint *point = g_object_get_data (G_OBJECT (spin), ITEM_KEY);
  GtkWidget *row = g_object_get_data (G_OBJECT (spin), EXPANDER_KEY);

  if (self->loading > 0)
    return;

  point->year = gtk_spin_button_get_value_as_int (spin);
  touch (self, get_path (row));
  item_changed (self, row);
  changed (self);
}

static void
on_point_quarter_changed (GtkDropDown        *dropdown,
                          GParamSpec         *pspec,
                          CasebookCaseEditor *self)
{
  CasebookPoint *point = g_object_get_data (G_OBJECT (dropdown), ITEM_KEY);
  GtkWidget *row = g_object_get_data (G_OBJECT (dropdown), EXPANDER_KEY);

  if (self->loading > 0)
    return;

  point->quarter = (int) gtk_drop_down_get_selected (dropdown);
  touch (self, get_path (row));
  item_changed (self, row);
  changed (self);
}

static GtkWidget *
point_row (CasebookCaseEditor *self,
           const char         *title,
           CasebookPoint      *point,
           const char         *path,
           GtkWidget          *expander)
{
  const char *quarters[] = {
    /* Translators: a phase's start or end without a quarter */
    _("Whole Year"),
    /* Translators: the quarters of a year */
    _("Q1"), _("Q2"), _("Q3"), _("Q4"),
    NULL
  };
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin, *dropdown;

  set_row_title (row, title);
  decorate_field (row, title);
  set_path (row, path);
  g_object_set_data (G_OBJECT (row), EXPANDER_KEY, expander);

  spin = gtk_spin_button_new_with_range (CASEBOOK_MIN_YEAR, CASEBOOK_MAX_YEAR, 1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                             CLAMP (point->year, CASEBOOK_MIN_YEAR, CASEBOOK_MAX_YEAR));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Year"), -1);
  g_object_set_data (G_OBJECT (spin), ITEM_KEY, point);
  g_object_set_data (G_OBJECT (spin), EXPANDER_KEY, row);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_point_year_changed), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

  dropdown = gtk_drop_down_new_from_strings (quarters);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), (guint) CLAMP (point->quarter, 0, 4));
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Quarter"), -1);
  g_object_set_data (G_OBJECT (dropdown), ITEM_KEY, point);
  g_object_set_data (G_OBJECT (dropdown), EXPANDER_KEY, row);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_point_quarter_changed), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);

  return row;
}

/* Choices of an outcome ------------------------------------------------- */

static void
on_outcome_metric_selected (AdwComboRow        *row,
                            GParamSpec         *pspec,
                            CasebookCaseEditor *self)
{
  CasebookOutcome *outcome = g_object_get_data (G_OBJECT (row), ITEM_KEY);
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading > 0)
    return;

  g_clear_pointer (&outcome->metric, g_free);
  if (selected > 0 && selected <= self->metrics->len)
    outcome->metric = g_strdup (((CasebookMetric *) g_ptr_array_index (self->metrics, selected - 1))->key);

  touch (self, get_path (GTK_WIDGET (row)));
  item_changed (self, GTK_WIDGET (row));
  changed (self);
}

static void
on_outcome_unit_selected (AdwComboRow        *row,
                          GParamSpec         *pspec,
                          CasebookCaseEditor *self)
{
  CasebookOutcome *outcome = g_object_get_data (G_OBJECT (row), ITEM_KEY);

  if (self->loading > 0)
    return;

  outcome->unit = (CasebookUnit) adw_combo_row_get_selected (row);
  touch (self, get_path (GTK_WIDGET (row)));
  item_changed (self, GTK_WIDGET (row));
  changed (self);
}

static void
on_outcome_better_selected (AdwComboRow        *row,
                            GParamSpec         *pspec,
                            CasebookCaseEditor *self)
{
  CasebookOutcome *outcome = g_object_get_data (G_OBJECT (row), ITEM_KEY);

  if (self->loading > 0)
    return;

  outcome->better = (CasebookBetter) adw_combo_row_get_selected (row);
  touch (self, get_path (GTK_WIDGET (row)));
  item_changed (self, GTK_WIDGET (row));
  changed (self);
}

static GtkWidget *
combo_row (const char         *title,
           const char * const *items,
           guint               selected)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);
  GtkWidget *row = adw_combo_row_new ();

  set_row_title (row, title);
  decorate_field (row, title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);

  return row;
}

/* Rows of the lists ----------------------------------------------------- */

static void
on_remove_clicked (GtkButton          *button,
                   CasebookCaseEditor *self)
{
  ListKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), LIST_KEY));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), INDEX_KEY));
  GPtrArray *array = list_array (self, kind);

  if (array == NULL || index >= array->len)
    return;

  g_ptr_array_remove_index (array, index);

  /* The items after it move up; what was said of their places no longer
   * holds, so the list as a whole counts as visited. */
  forget_parse_problems_under (self, list_paths[kind]);
  touch (self, list_paths[kind]);

  rebuild_list (self, kind);
  changed (self);
}

static GtkWidget *
remove_button (ListKind kind,
               guint    index,
               CasebookCaseEditor *self)
{
  GtkWidget *button = g_object_new (GTK_TYPE_BUTTON,
                                    "icon-name", "user-trash-symbolic",
                                    "valign", GTK_ALIGN_CENTER,
                                    "tooltip-text", _("Remove"),
                                    NULL);

  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
  g_object_set_data (G_OBJECT (button), LIST_KEY, GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (button), INDEX_KEY, GUINT_TO_POINTER (index));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_clicked), self, 0);

  return button;
}

static char *
text_item_title (ListKind kind,
                 guint    number)
{
  switch (kind)
    {
    case LIST_SCENARIOS:
      /* Translators: the title of the n-th item of a list */
      return g_strdup_printf (_("Scenario %u"), number);
    case LIST_REQUIREMENTS:
      return g_strdup_printf (_("Requirement %u"), number);
    case LIST_CAUSES:
      return g_strdup_printf (_("Cause %u"), number);
    case LIST_LESSONS:
      return g_strdup_printf (_("Lesson %u"), number);
    case LIST_STACK:
    case LIST_OUTCOMES:
    case LIST_PHASES:
    case LIST_CHALLENGES:
    case LIST_NOTES:
    case N_LISTS:
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

static GtkWidget *
text_item_row (CasebookCaseEditor *self,
               ListKind            kind,
               guint               index,
               CasebookText       *text)
{
  g_autofree char *title = text_item_title (kind, index + 1);
  g_autofree char *path = g_strdup_printf ("%s[%u]", list_paths[kind], index);
  GtkWidget *row = entry_row (title);

  bind_text (self, row, text, path);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove_button (kind, index, self));

  return row;
}

static GtkWidget *
expander_for (CasebookCaseEditor *self,
              ListKind            kind,
              guint               index,
              gpointer            item,
              const char         *path)
{
  GtkWidget *expander = adw_expander_row_new ();

  g_object_set_data (G_OBJECT (expander), ITEM_KEY, item);
  g_object_set_data (G_OBJECT (expander), LIST_KEY, GINT_TO_POINTER (kind));
  set_path (expander, path);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), remove_button (kind, index, self));

  return expander;
}

static GtkWidget *
add_text_field (CasebookCaseEditor *self,
                GtkWidget          *expander,
                const char         *title,
                CasebookText       *text,
                const char         *path,
                const char         *member)
{
  g_autofree char *p = g_strdup_printf ("%s.%s", path, member);
  GtkWidget *row = entry_row (title);

  g_object_set_data (G_OBJECT (row), EXPANDER_KEY, expander);
  bind_text (self, row, text, p);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  return row;
}

static GtkWidget *
add_string_field (CasebookCaseEditor  *self,
                  GtkWidget           *expander,
                  const char          *title,
                  char               **slot,
                  const char          *path,
                  const char          *member)
{
  g_autofree char *p = g_strdup_printf ("%s.%s", path, member);
  GtkWidget *row = entry_row (title);

  g_object_set_data (G_OBJECT (row), EXPANDER_KEY, expander);
  bind_string (self, row, slot, p);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  return row;
}

static void
on_product_chosen (CasebookCaseEditor *self,
                   const char         *product,
                   CasebookCompletion *completion)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (completion), FAMILY_ROW_KEY);
  const char *family = g_hash_table_lookup (self->product_families, product);
  const char *current;

  /* Most cases give a product the same family; offer it. */
  if (row == NULL || family == NULL)
    return;

  current = gtk_editable_get_text (GTK_EDITABLE (row));
  if (current == NULL || current[0] == '\0')
    gtk_editable_set_text (GTK_EDITABLE (row), family);
}

static GtkWidget *
stack_row (CasebookCaseEditor *self,
           guint               index,
           CasebookStackItem  *item)
{
  g_autofree char *path = g_strdup_printf ("stack[%u]", index);
  GtkWidget *expander = expander_for (self, LIST_STACK, index, item, path);
  GtkWidget *product, *family;
  CasebookCompletion *completion;

  product = add_text_field (self, expander, _("Product"), item->product, path, "product");
  g_object_set_data (G_OBJECT (product), BOTH_LANGS_KEY, GINT_TO_POINTER (TRUE));
  add_string_field (self, expander, _("Version"), &item->version, path, "version");
  add_text_field (self, expander, _("Role"), item->role, path, "role");
  family = add_string_field (self, expander, _("Family"), &item->family, path, "family");

  completion = casebook_completion_attach (product, (const char * const *) self->products);
  g_object_set_data (G_OBJECT (completion), FAMILY_ROW_KEY, family);
  g_signal_connect_object (completion, "chosen", G_CALLBACK (on_product_chosen), self, G_CONNECT_SWAPPED);
  casebook_completion_attach (family, (const char * const *) self->families);

  refresh_expander (self, expander);
  return expander;
}

static GtkWidget *
outcome_row (CasebookCaseEditor *self,
             guint               index,
             CasebookOutcome    *outcome)
{
  const char *units[] = {
    /* Translators: the unit of an outcome's value */
    _("No Unit"), _("Percent (a Level)"), _("Percent Change"), _("Times (×)"), NULL
  };
  const char *betters[] = {
    /* Translators: which direction of an outcome's value counts as better */
    _("Not Stated"), _("Higher Is Better"), _("Lower Is Better"), NULL
  };
  g_autofree char *path = g_strdup_printf ("outcomes[%u]", index);
  g_autofree char *p = NULL;
  g_autoptr(GPtrArray) metric_names = g_ptr_array_new ();
  GtkWidget *expander = expander_for (self, LIST_OUTCOMES, index, outcome, path);
  GtkWidget *row;
  guint selected = 0;

  add_text_field (self, expander, _("Statement"), outcome->text, path, "text");

  /* Translators: an outcome without a metric family */
  g_ptr_array_add (metric_names, (gpointer) _("No Metric Family"));
  for (guint i = 0; i < self->metrics->len; i++)
    {
      const CasebookMetric *metric = g_ptr_array_index (self->metrics, i);

      g_ptr_array_add (metric_names, (gpointer) casebook_text_get (metric->name, self->content_lang));
      if (g_strcmp0 (metric->key, outcome->metric) == 0)
        selected = i + 1;
    }
  g_ptr_array_add (metric_names, NULL);

  self->loading++;

  row = combo_row (_("Metric Family"), (const char * const *) metric_names->pdata, selected);
  p = g_strdup_printf ("%s.metric", path);
  set_path (row, p);
  g_object_set_data (G_OBJECT (row), ITEM_KEY, outcome);
  g_object_set_data (G_OBJECT (row), EXPANDER_KEY, expander);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_outcome_metric_selected), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  row = entry_row (_("Value"));
  g_clear_pointer (&p, g_free);
  p = g_strdup_printf ("%s.value", path);
  set_path (row, p);
  g_object_set_data (G_OBJECT (row), ITEM_KEY, outcome);
  g_object_set_data (G_OBJECT (row), EXPANDER_KEY, expander);
  if (outcome->has_value)
    {
      g_autofree char *text = format_plain_number (outcome->value);
      gtk_editable_set_text (GTK_EDITABLE (row), text);
    }
  g_signal_connect_object (row, "changed", G_CALLBACK (on_outcome_number_changed), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  row = combo_row (_("Unit"), units, (guint) outcome->unit);
  g_clear_pointer (&p, g_free);
  p = g_strdup_printf ("%s.unit", path);
  set_path (row, p);
  g_object_set_data (G_OBJECT (row), ITEM_KEY, outcome);
  g_object_set_data (G_OBJECT (row), EXPANDER_KEY, expander);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_outcome_unit_selected), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  row = combo_row (_("Direction"), betters, (guint) outcome->better);
  g_clear_pointer (&p, g_free);
  p = g_strdup_printf ("%s.better", path);
  set_path (row, p);
  g_object_set_data (G_OBJECT (row), ITEM_KEY, outcome);
  g_object_set_data (G_OBJECT (row), EXPANDER_KEY, expander);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_outcome_better_selected), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  row = entry_row (_("Baseline"));
  g_clear_pointer (&p, g_free);
  p = g_strdup_printf ("%s.baseline", path);
  set_path (row, p);
  g_object_set_data (G_OBJECT (row), ITEM_KEY, outcome);
  g_object_set_data (G_OBJECT (row), SLOT_KEY, GINT_TO_POINTER (TRUE));
  g_object_set_data (G_OBJECT (row), EXPANDER_KEY, expander);
  gtk_widget_set_tooltip_text (row, _("The value before, in the same unit"));
  if (outcome->has_baseline)
    {
      g_autofree char *text = format_plain_number (outcome->baseline);
      gtk_editable_set_text (GTK_EDITABLE (row), text);
    }
  g_signal_connect_object (row, "changed", G_CALLBACK (on_outcome_number_changed), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  self->loading--;

  refresh_expander (self, expander);
  return expander;
}

static GtkWidget *
phase_row (CasebookCaseEditor *self,
           guint               index,
           CasebookPhase      *phase)
{
  g_autofree char *path = g_strdup_printf ("phases[%u]", index);
  g_autofree char *start = g_strdup_printf ("%s.start", path);
  g_autofree char *end = g_strdup_printf ("%s.end", path);
  GtkWidget *expander = expander_for (self, LIST_PHASES, index, phase, path);

  add_text_field (self, expander, _("Name"), phase->name, path, "name");

  self->loading++;
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            point_row (self, _("Starts"), &phase->start, start, expander));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            point_row (self, _("Ends"), &phase->end, end, expander));
  self->loading--;

  refresh_expander (self, expander);
  return expander;
}

static GtkWidget *
challenge_row (CasebookCaseEditor *self,
               guint               index,
               CasebookChallenge  *challenge)
{
  g_autofree char *path = g_strdup_printf ("challenges[%u]", index);
  GtkWidget *expander = expander_for (self, LIST_CHALLENGES, index, challenge, path);

  add_text_field (self, expander, _("Challenge"), challenge->title, path, "title");
  add_text_field (self, expander, _("Description"), challenge->text, path, "text");
  add_text_field (self, expander, _("Solution"), challenge->solution, path, "solution");

  refresh_expander (self, expander);
  return expander;
}

static GtkWidget *
note_row (CasebookCaseEditor *self,
          guint               index,
          CasebookNote       *note)
{
  g_autofree char *path = g_strdup_printf ("notes[%u]", index);
  GtkWidget *expander = expander_for (self, LIST_NOTES, index, note, path);

  add_text_field (self, expander, _("Note"), note->text, path, "text");
  add_string_field (self, expander, _("About the Field"), &note->field, path, "field");

  refresh_expander (self, expander);
  return expander;
}

static GtkWidget *
item_row (CasebookCaseEditor *self,
          ListKind            kind,
          guint               index,
          gpointer            item)
{
  switch (kind)
    {
    case LIST_STACK: return stack_row (self, index, item);
    case LIST_OUTCOMES: return outcome_row (self, index, item);
    case LIST_PHASES: return phase_row (self, index, item);
    case LIST_CHALLENGES: return challenge_row (self, index, item);
    case LIST_NOTES: return note_row (self, index, item);
    case LIST_SCENARIOS:
    case LIST_REQUIREMENTS:
    case LIST_CAUSES:
    case LIST_LESSONS:
      return text_item_row (self, kind, index, item);
    case N_LISTS:
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

static void
rebuild_list (CasebookCaseEditor *self,
              ListKind            kind)
{
  GtkListBox *list = self->lists[kind];
  GPtrArray *array = list_array (self, kind);
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_LIST_BOX_ROW (child) && g_object_get_data (G_OBJECT (child), ADD_ROW_KEY) == NULL)
        gtk_list_box_remove (list, child);
      child = next;
    }

  for (guint i = 0; array != NULL && i < array->len; i++)
    gtk_list_box_insert (list, item_row (self, kind, i, g_ptr_array_index (array, i)), (int) i);
}

static gpointer
new_item (CasebookCaseEditor *self,
          ListKind            kind)
{
  switch (kind)
    {
    case LIST_STACK:
      {
        CasebookStackItem *item = casebook_stack_item_new ();

        item->role = casebook_text_new (NULL, NULL);
        item->product = casebook_text_new (NULL, NULL);
        return item;
      }

    case LIST_OUTCOMES:
      {
        CasebookOutcome *outcome = casebook_outcome_new ();

        outcome->text = casebook_text_new (NULL, NULL);
        return outcome;
      }

    case LIST_PHASES:
      {
        CasebookPhase *phase = casebook_phase_new ();
        GPtrArray *phases = casebook_case_get_phases (self->draft);
        int start = 0, end = 0;

        /* A new phase starts where the one before ended, or with the
         * period, or this year. */
        if (phases->len > 0)
          phase->start = ((CasebookPhase *) g_ptr_array_index (phases, phases->len - 1))->end;
        else if (casebook_case_get_period (self->draft, &start, &end) &&
                 start >= CASEBOOK_MIN_YEAR && start <= CASEBOOK_MAX_YEAR)
          phase->start.year = start;
        else
          {
            g_autoptr(GDateTime) now = g_date_time_new_now_local ();
            phase->start.year = CLAMP (g_date_time_get_year (now), CASEBOOK_MIN_YEAR, CASEBOOK_MAX_YEAR);
          }
        phase->end = phase->start;
        phase->name = casebook_text_new (NULL, NULL);
        return phase;
      }

    case LIST_CHALLENGES:
      {
        CasebookChallenge *challenge = casebook_challenge_new ();

        challenge->title = casebook_text_new (NULL, NULL);
        challenge->text = casebook_text_new (NULL, NULL);
        challenge->solution = casebook_text_new (NULL, NULL);
        return challenge;
      }

    case LIST_NOTES:
      {
        CasebookNote *note = casebook_note_new ();

        note->text = casebook_text_new (NULL, NULL);
        return note;
      }

    case LIST_SCENARIOS:
    case LIST_REQUIREMENTS:
    case LIST_CAUSES:
    case LIST_LESSONS:
      return casebook_text_new (NULL, NULL);

    case N_LISTS:
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

static GtkWidget *
first_entry (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ENTRY_ROW (child))
        return child;
      if ((found = first_entry (child)) != NULL)
        return found;
    }

  return NULL;
}

static void
on_add_row_activated (CasebookCaseEditor *self,
                      GtkListBoxRow      *row,
                      GtkListBox         *list)
{
  GtkListBoxRow *added;
  GtkWidget *entry;
  GPtrArray *array;
  ListKind kind;

  if (g_object_get_data (G_OBJECT (row), ADD_ROW_KEY) == NULL)
    return;

  for (kind = 0; kind < N_LISTS; kind++)
    if (self->lists[kind] == list)
      break;
  g_assert (kind < N_LISTS);

  array = list_array (self, kind);
  if (array == NULL)
    return;

  g_ptr_array_add (array, new_item (self, kind));
  rebuild_list (self, kind);

  added = gtk_list_box_get_row_at_index (list, (int) array->len - 1);
  if (ADW_IS_EXPANDER_ROW (added))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (added), TRUE);
  entry = ADW_IS_ENTRY_ROW (added) ? GTK_WIDGET (added) : first_entry (GTK_WIDGET (added));
  if (entry != NULL)
    gtk_widget_grab_focus (entry);

  changed (self);
}

/* The sector ----------------------------------------------------------- */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const char *color = g_object_get_data (G_OBJECT (area), "color");
  GdkRGBA rgba;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    gdk_rgba_parse (&rgba, "#77767b");

  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
setup_sector_item (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   CasebookCaseEditor       *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 10);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, NULL, NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
bind_sector_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CasebookCaseEditor       *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (swatch);
  GtkStringObject *name = gtk_list_item_get_item (item);
  GListModel *model = adw_combo_row_get_model (self->sector_row);
  const CasebookSector *sector = NULL;

  /* The row shows the chosen item outside the list, where the item's
   * position means nothing; find the item itself. */
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model) && i < self->sectors->len; i++)
    {
      g_autoptr(GObject) candidate = g_list_model_get_item (model, i);

      if (candidate == (GObject *) name)
        sector = g_ptr_array_index (self->sectors, i);
    }

  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (name));
  g_object_set_data_full (G_OBJECT (swatch), "color",
                          g_strdup (sector != NULL ? sector->color : NULL), g_free);
  gtk_widget_queue_draw (swatch);
}

static void
fill_sectors (CasebookCaseEditor *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  const char *key = casebook_case_get_sector (self->draft);
  guint selected = 0;

  for (guint i = 0; i < self->sectors->len; i++)
    {
      const CasebookSector *sector = g_ptr_array_index (self->sectors, i);

      gtk_string_list_append (model, casebook_text_get (sector->name, self->content_lang));
      if (g_strcmp0 (sector->key, key) == 0)
        selected = i;
    }

  self->loading++;
  adw_combo_row_set_model (self->sector_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->sector_row, selected);
  self->loading--;

  if (self->sectors->len > 0 && key == NULL)
    casebook_case_set_sector (self->draft, ((CasebookSector *) g_ptr_array_index (self->sectors, 0))->key);
}

static void
on_sector_selected (CasebookCaseEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->sector_row);

  if (self->draft == NULL || self->loading > 0 || selected >= self->sectors->len)
    return;

  casebook_case_set_sector (self->draft, ((CasebookSector *) g_ptr_array_index (self->sectors, selected))->key);
  touch (self, "sector");
  changed (self);
}

static char *
sector_key_for (CasebookCaseEditor *self,
                const char         *name)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *base = NULL;
  char *candidate;

  /* A key from the English name, such as "energy" or "public-health";
   * a name in other letters gives "sector". */
  for (const char *p = name != NULL ? name : ""; *p != '\0' && key->len < 48; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (key, g_ascii_tolower (*p));
      else if (key->len > 0 && key->str[key->len - 1] != '-')
        g_string_append_c (key, '-');
    }
  while (key->len > 0 && key->str[key->len - 1] == '-')
    g_string_truncate (key, key->len - 1);

  base = g_strdup (key->len > 0 ? key->str : "sector");
  candidate = g_strdup (base);
  for (guint n = 2; ; n++)
    {
      gboolean taken = FALSE;

      for (guint i = 0; i < self->sectors->len && !taken; i++)
        taken = g_strcmp0 (((CasebookSector *) g_ptr_array_index (self->sectors, i))->key, candidate) == 0;

      if (!taken)
        return candidate;

      g_free (candidate);
      candidate = g_strdup_printf ("%s-%u", base, n);
    }
}

/**
 * casebook_case_editor_add_sector:
 * @name_zh: (nullable): the name in Chinese
 * @name_en: (nullable): the name in English
 *
 * Adds a new sector to the choices and chooses it for the case. It gets a
 * colour of its own, and goes into the store with the case, in the same
 * transaction; nothing is stored if the case is not saved.
 */
void
casebook_case_editor_add_sector (CasebookCaseEditor *self,
                                 const char         *name_zh,
                                 const char         *name_en)
{
  g_autofree char *zh = stripped (name_zh);
  g_autofree char *en = stripped (name_en);
  CasebookSector *sector;

  g_return_if_fail (CASEBOOK_IS_CASE_EDITOR (self));
  g_return_if_fail (zh[0] != '\0' || en[0] != '\0');

  /* Only one new sector at a time: another replaces it. */
  if (self->new_sector != NULL)
    {
      g_ptr_array_remove (self->sectors, self->new_sector);
      self->new_sector = NULL;
    }

  sector = casebook_sector_new ();
  sector->key = sector_key_for (self, en[0] != '\0' ? en : NULL);
  sector->name = casebook_text_new (zh, en);
  sector->color = casebook_store_pick_sector_color (self->store);
  g_ptr_array_add (self->sectors, sector);
  self->new_sector = sector;

  casebook_case_set_sector (self->draft, sector->key);
  fill_sectors (self);
  touch (self, "sector");
  changed (self);
}

static void
on_new_sector_response (AdwMessageDialog   *dialog,
                        const char         *response,
                        CasebookCaseEditor *self)
{
  GtkEditable *zh = g_object_get_data (G_OBJECT (dialog), "zh");
  GtkEditable *en = g_object_get_data (G_OBJECT (dialog), "en");

  if (g_strcmp0 (response, "add") == 0)
    casebook_case_editor_add_sector (self, gtk_editable_get_text (zh), gtk_editable_get_text (en));
}

static void
on_new_sector_name_changed (AdwMessageDialog *dialog)
{
  g_autofree char *zh = stripped (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "zh")));
  g_autofree char *en = stripped (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "en")));

  adw_message_dialog_set_response_enabled (dialog, "add", zh[0] != '\0' || en[0] != '\0');
}

static void
on_new_sector_clicked (CasebookCaseEditor *self)
{
  GtkWidget *dialog, *list, *zh, *en;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Sector"),
                                   _("Name the sector in Chinese, English or both. "
                                     "It gets a colour of its own, and is kept when the case is saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  zh = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (zh), _("Name in Chinese"));
  en = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (en), _("Name in English"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (zh), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (en), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), zh);
  gtk_list_box_append (GTK_LIST_BOX (list), en);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  g_object_set_data (G_OBJECT (dialog), "zh", zh);
  g_object_set_data (G_OBJECT (dialog), "en", en);
  g_signal_connect_object (zh, "changed", G_CALLBACK (on_new_sector_name_changed), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (en, "changed", G_CALLBACK (on_new_sector_name_changed), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_sector_response), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (self->lang == CASEBOOK_LANG_ZH ? zh : en);
}

/* Choices of the case -------------------------------------------------- */

static void
bind_failure (CasebookCaseEditor *self)
{
  const CasebookFailure *failure = casebook_case_get_failure (self->draft);

  gtk_widget_set_visible (self->failure_group, failure != NULL);
  if (failure != NULL)
    {
      bind_text (self, GTK_WIDGET (self->problem_row), failure->problem, "failure.problem");
      bind_text (self, GTK_WIDGET (self->result_row), failure->result, "failure.result");
    }
  else
    {
      g_object_set_data (G_OBJECT (self->problem_row), TEXT_KEY, NULL);
      g_object_set_data (G_OBJECT (self->result_row), TEXT_KEY, NULL);
    }
  rebuild_list (self, LIST_CAUSES);
}

static void
on_kind_selected (CasebookCaseEditor *self)
{
  CasebookKind kind = (CasebookKind) adw_combo_row_get_selected (self->kind_row);
  const CasebookFailure *failure;

  if (self->draft == NULL || self->loading > 0 || kind == casebook_case_get_kind (self->draft))
    return;

  casebook_case_set_kind (self->draft, kind);
  failure = casebook_case_get_failure (self->draft);

  if (kind == CASEBOOK_KIND_FAILURE && failure == NULL)
    casebook_case_take_failure (self->draft, self->stashed_failure != NULL
                                             ? g_steal_pointer (&self->stashed_failure) : new_failure ());
  else if (kind == CASEBOOK_KIND_SUCCESS && failure != NULL)
    {
      g_clear_pointer (&self->stashed_failure, casebook_failure_free);
      self->stashed_failure = copy_failure (failure);
      casebook_case_take_failure (self->draft, NULL);
    }

  bind_failure (self);
  touch (self, "kind");
  changed (self);
}

static void
on_approach_selected (CasebookCaseEditor *self)
{
  if (self->draft == NULL || self->loading > 0)
    return;

  casebook_case_set_approach (self->draft, (CasebookApproach) adw_combo_row_get_selected (self->approach_row));
  changed (self);
}

static void
on_size_selected (CasebookCaseEditor *self)
{
  if (self->draft == NULL || self->loading > 0)
    return;

  casebook_case_set_size (self->draft, (CasebookSize) adw_combo_row_get_selected (self->size_row));
  changed (self);
}

static void
on_qualifier_selected (CasebookCaseEditor *self)
{
  if (self->draft == NULL || self->loading > 0)
    return;

  casebook_case_set_employees (self->draft, casebook_case_get_employees (self->draft),
                               (CasebookQualifier) adw_combo_row_get_selected (self->qualifier_row));
  changed (self);
}

static void
on_id_changed (CasebookCaseEditor *self)
{
  g_autofree char *id = NULL;

  if (self->draft == NULL || self->loading > 0)
    return;

  id = stripped (gtk_editable_get_text (GTK_EDITABLE (self->id_row)));
  casebook_case_set_id (self->draft, id);
  touch (self, "id");
  changed (self);
}

/* Checking ------------------------------------------------------------- */

typedef struct
{
  GtkWidget *widget;
  char      *path;
} Field;

static void
collect_fields (GtkWidget *widget,
                GPtrArray *fields)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *path = get_path (child);

      if (GTK_IS_POPOVER (child))
        continue;

      if (path != NULL)
        g_ptr_array_add (fields, child);
      collect_fields (child, fields);
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
        GtkWidget *field = g_ptr_array_index (fields, i);

        if (g_strcmp0 (get_path (field), p) == 0 ||
            g_strcmp0 (g_object_get_data (G_OBJECT (field), ALIAS_KEY), p) == 0)
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
field_title (GtkWidget *widget)
{
  const char *base = g_object_get_data (G_OBJECT (widget), BASE_TITLE_KEY);
  const char *name = g_object_get_data (G_OBJECT (widget), NAME_KEY);
  GtkWidget *expander = g_object_get_data (G_OBJECT (widget), EXPANDER_KEY);

  if (name != NULL)
    return g_strdup (name);

  /* Inside a phase, "Ends" alone says little. */
  while (expander != NULL && !ADW_IS_EXPANDER_ROW (expander))
    expander = g_object_get_data (G_OBJECT (expander), EXPANDER_KEY);

  if (expander != NULL && base != NULL)
    {
      const char *item = g_object_get_data (G_OBJECT (expander), BASE_TITLE_KEY);

      /* Translators: a field of an item of a list, e.g. "Cost savings › Value" */
      return g_strdup_printf (_("%s › %s"), item != NULL ? item : "", base);
    }

  return g_strdup (base != NULL ? base : get_path (widget));
}

static void
update_problem_bar (CasebookCaseEditor *self,
                    GArray             *placed,
                    GPtrArray          *fields,
                    int                 first_shown)
{
  const Placed *first;
  g_autofree char *message = NULL;
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *more = NULL;
  gboolean shown;

  self->first_problem_widget = NULL;

  if (placed->len == 0)
    {
      gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
      return;
    }

  /* A problem the person can see at its field comes first. */
  shown = first_shown >= 0;
  first = &g_array_index (placed, Placed, shown ? (guint) first_shown : 0);
  message = capitalized (first->problem->message);
  if (first->field >= 0)
    {
      self->first_problem_widget = g_ptr_array_index (fields, first->field);
      title = field_title (self->first_problem_widget);
    }
  else
    title = g_strdup (first->problem->path);

  if (placed->len > 1)
    more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more problem", "and %u more problems",
                                         placed->len - 1),
                            placed->len - 1);

  if (shown)
    /* Translators: the bar above the fields: the field, what is wrong, and how many more problems there are */
    markup = g_markup_printf_escaped (more != NULL ? _("<b>%s</b>: %s (%s)") : _("<b>%s</b>: %s%s"),
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
          char *name = p->field >= 0 ? field_title (g_ptr_array_index (fields, p->field)) : g_strdup (p->problem->path);

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
      markup = g_markup_printf_escaped (_("To save the case, fill in: <b>%s</b>"), names->str);
    }

  gtk_label_set_markup (self->problem_label, markup);
  gtk_image_set_from_icon_name (self->problem_icon, shown ? "dialog-warning-symbolic" : "dialog-information-symbolic");
  if (shown)
    gtk_widget_add_css_class (gtk_widget_get_parent (GTK_WIDGET (self->problem_label)), "error");
  else
    gtk_widget_remove_css_class (gtk_widget_get_parent (GTK_WIDGET (self->problem_label)), "error");
  gtk_widget_set_visible (self->problem_button, self->first_problem_widget != NULL);
  gtk_revealer_set_reveal_child (self->problem_revealer, TRUE);
}

static void
revalidate (CasebookCaseEditor *self)
{
  g_autoptr(GPtrArray) checked = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autofree const char **messages = NULL;
  int first_shown = -1;
  GPtrArray *problems;
  GHashTableIter iter;
  const char *path, *message;

  /* The problems of fields that hold no number, then the rules. */
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_problem_free);
  g_hash_table_iter_init (&iter, self->parse_problems);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, (gpointer *) &message))
    g_ptr_array_add (problems, casebook_problem_new (path, message));

  checked = casebook_case_check (self->draft, CASEBOOK_CHECK_ALL, self->is_new ? id_taken : NULL, self);
  for (guint i = 0; i < checked->len; i++)
    {
      CasebookProblem *problem = g_ptr_array_index (checked, i);

      if (!g_hash_table_contains (self->parse_problems, problem->path))
        g_ptr_array_add (problems, casebook_problem_new (problem->path, problem->message));
    }

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = problems;

  /* Each problem goes to its field; the bar names the first in the page. */
  collect_fields (GTK_WIDGET (self->page), fields);
  for (guint i = 0; i < problems->len; i++)
    {
      Placed p = { g_ptr_array_index (problems, i), -1, i };

      p.field = field_for (fields, p.problem->path);
      g_array_append_val (placed, p);
    }
  g_array_sort (placed, compare_placed);

  messages = g_new0 (const char *, fields->len + 1);
  for (guint i = 0; i < placed->len; i++)
    {
      const Placed *p = &g_array_index (placed, Placed, i);

      if (p->field >= 0 && messages[p->field] == NULL &&
          (self->show_all || is_touched (self, get_path (g_ptr_array_index (fields, p->field)))))
        {
          messages[p->field] = p->problem->message;
          g_ptr_array_add (shown, (gpointer) get_path (g_ptr_array_index (fields, p->field)));
          if (first_shown < 0)
            first_shown = (int) i;
        }
    }

  for (guint i = 0; i < fields->len; i++)
    {
      GtkWidget *field = g_ptr_array_index (fields, i);

      if (ADW_IS_EXPANDER_ROW (field) && messages[i] == NULL)
        {
          gboolean inside = FALSE;
          const char *prefix = get_path (field);
          gsize len = strlen (prefix);

          /* A closed item says that something inside it is wrong. */
          for (guint j = 0; j < shown->len && !inside; j++)
            {
              const char *s = g_ptr_array_index (shown, j);
              inside = strncmp (s, prefix, len) == 0 && s[len] == '.';
            }
          /* Only its header turns red (style.css), not every row in it. */
          if (inside)
            gtk_widget_add_css_class (field, "problem");
          else
            gtk_widget_remove_css_class (field, "problem");
          continue;
        }

      show_field_problem (field, messages[i]);
    }

  update_problem_bar (self, placed, fields, first_shown);
}

static char *
draft_json (CasebookCaseEditor *self)
{
  return casebook_json_case_to_string (self->draft);
}

static void
update_title (CasebookCaseEditor *self)
{
  const char *title = casebook_text_get (casebook_case_get_title (self->draft), self->lang);

  adw_window_title_set_title (self->window_title, self->is_new ? _("New Case") : _("Edit Case"));
  adw_window_title_set_subtitle (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("New Case") : _("Edit Case"));
}

static void
changed (CasebookCaseEditor *self)
{
  gboolean valid, dirty;

  if (self->draft == NULL || self->loading > 0)
    return;

  revalidate (self);
  update_title (self);

  valid = self->problems->len == 0;
  dirty = casebook_case_editor_is_dirty (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid && (dirty || self->is_new));
}

static void
go_to_problem (CasebookCaseEditor *self)
{
  GtkWidget *widget = self->first_problem_widget;

  if (widget == NULL)
    return;

  /* Open every item around the field, then go there. */
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (ADW_IS_EXPANDER_ROW (w))
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (w), TRUE);

  touch (self, get_path (widget));
  changed (self);

  gtk_widget_grab_focus (widget);
}

static void
on_problem_button_clicked (CasebookCaseEditor *self)
{
  go_to_problem (self);
}

/* Language -------------------------------------------------------------- */

static void
refill_texts (CasebookCaseEditor *self,
              GtkWidget          *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child))
        continue;

      if (ADW_IS_ENTRY_ROW (child) && g_object_get_data (G_OBJECT (child), TEXT_KEY) != NULL)
        fill_text_row (self, child);
      else if (ADW_IS_EXPANDER_ROW (child))
        refresh_expander (self, child);

      refill_texts (self, child);
    }
}

static void
on_lang_toggled (CasebookCaseEditor *self,
                 GtkToggleButton    *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  casebook_case_editor_set_lang (self, button == self->lang_zh_button ? CASEBOOK_LANG_ZH : CASEBOOK_LANG_EN);
}

/* Saving and closing ---------------------------------------------------- */

static void
show_save_error (CasebookCaseEditor *self,
                 const GError       *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save the Case"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
save_and_close (CasebookCaseEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!casebook_case_editor_save (self, &error))
    {
      show_save_error (self, error);
      return FALSE;
    }

  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  save_and_close (CASEBOOK_CASE_EDITOR (widget));
}

/* Ctrl+S: saves a valid case; on one that is not, shows every problem and
 * goes to the first. */
static void
try_save_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CasebookCaseEditor *self = CASEBOOK_CASE_EDITOR (widget);

  if (casebook_case_editor_is_valid (self))
    {
      save_and_close (self);
      return;
    }

  self->show_all = TRUE;
  changed (self);
  go_to_problem (self);
  gtk_widget_error_bell (widget);
}

static gboolean
close_later (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_close_response (AdwMessageDialog   *dialog,
                   const char         *response,
                   CasebookCaseEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "discard") != 0 && g_strcmp0 (response, "save") != 0)
    return;

  if (g_strcmp0 (response, "save") == 0 && !casebook_case_editor_save (self, &error))
    {
      show_save_error (self, error);
      return;
    }

  /* The question closes first; a dialog must not outlive the window it
   * belongs to. */
  self->closing = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_later, g_object_ref (self), g_object_unref);
}

static gboolean
casebook_case_editor_close_request (GtkWindow *window)
{
  CasebookCaseEditor *self = CASEBOOK_CASE_EDITOR (window);
  gboolean valid;
  GtkWidget *dialog;

  if (self->closing || !casebook_case_editor_is_dirty (self))
    return GTK_WINDOW_CLASS (casebook_case_editor_parent_class)->close_request (window);

  valid = casebook_case_editor_is_valid (self);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"),
                                   valid
                                   ? _("The case has changes that are not saved. Changes that are not saved are lost.")
                                   : _("The case has changes that are not saved, and it cannot be saved until its "
                                       "problems are fixed. Changes that are not saved are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", valid);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), valid ? "save" : "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* Overrides ------------------------------------------------------------- */

static void
casebook_case_editor_dispose (GObject *object)
{
  CasebookCaseEditor *self = (CasebookCaseEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CASEBOOK_TYPE_CASE_EDITOR);
  self->first_problem_widget = NULL;
  g_clear_object (&self->store);

  G_OBJECT_CLASS (casebook_case_editor_parent_class)->dispose (object);
}

static void
casebook_case_editor_finalize (GObject *object)
{
  CasebookCaseEditor *self = (CasebookCaseEditor *)object;

  g_clear_object (&self->draft);
  g_clear_pointer (&self->saved_json, g_free);
  g_clear_pointer (&self->sectors, g_ptr_array_unref);
  g_clear_pointer (&self->metrics, g_ptr_array_unref);
  g_clear_pointer (&self->products, g_strfreev);
  g_clear_pointer (&self->families, g_strfreev);
  g_clear_pointer (&self->product_families, g_hash_table_unref);
  g_clear_pointer (&self->stashed_failure, casebook_failure_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->parse_problems, g_hash_table_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);

  G_OBJECT_CLASS (casebook_case_editor_parent_class)->finalize (object);
}

static void
casebook_case_editor_class_init (CasebookCaseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = casebook_case_editor_dispose;
  object_class->finalize = casebook_case_editor_finalize;
  window_class->close_request = casebook_case_editor_close_request;

  (void) casebook_get_resource ();

  /**
   * CasebookCaseEditor::saved:
   * @id: the id of the saved case
   *
   * The case was stored; the window shows and selects it.
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/casebook-case-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, lang_zh_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, lang_en_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, problem_icon);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, problem_button);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, page);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, organization_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, sector_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, subsector_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, approach_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, size_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, employees_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, qualifier_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, period_start_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, period_end_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, failure_group);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, problem_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, result_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, source_title_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, source_url_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, source_date_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, source_section_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, source_note_row);
  gtk_widget_class_bind_template_child (widget_class, CasebookCaseEditor, id_row);
  gtk_widget_class_bind_template_child_full (widget_class, "stack_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_STACK]));
  gtk_widget_class_bind_template_child_full (widget_class, "outcomes_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_OUTCOMES]));
  gtk_widget_class_bind_template_child_full (widget_class, "phases_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_PHASES]));
  gtk_widget_class_bind_template_child_full (widget_class, "scenarios_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_SCENARIOS]));
  gtk_widget_class_bind_template_child_full (widget_class, "requirements_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_REQUIREMENTS]));
  gtk_widget_class_bind_template_child_full (widget_class, "challenges_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_CHALLENGES]));
  gtk_widget_class_bind_template_child_full (widget_class, "causes_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_CAUSES]));
  gtk_widget_class_bind_template_child_full (widget_class, "lessons_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_LESSONS]));
  gtk_widget_class_bind_template_child_full (widget_class, "notes_list", FALSE,
                                             G_STRUCT_OFFSET (CasebookCaseEditor, lists[LIST_NOTES]));
  gtk_widget_class_bind_template_callback (widget_class, on_lang_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_sector_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_new_sector_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_approach_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_size_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_qualifier_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_add_row_activated);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.try-save", NULL, try_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.try-save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
casebook_case_editor_init (CasebookCaseEditor *self)
{
  static const char * const add_rows[N_LISTS] = {
    "add_stack_row", "add_outcome_row", "add_phase_row", "add_scenario_row", "add_requirement_row",
    "add_challenge_row", "add_cause_row", "add_lesson_row", "add_note_row",
  };

  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Each sector with its colour, a new one's too. */
  g_signal_connect (factory, "setup", G_CALLBACK (setup_sector_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_sector_item), self);
  adw_combo_row_set_factory (self->sector_row, factory);

  self->lang = CASEBOOK_LANG_ZH;
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->parse_problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* The add rows end their lists; new items go in before them. */
  for (guint i = 0; i < N_LISTS; i++)
    {
      GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (self->lists[i]));

      g_assert (ADW_IS_ACTION_ROW (last));
      g_object_set_data (G_OBJECT (last), ADD_ROW_KEY, (gpointer) add_rows[i]);
    }
}

static void
decorate_template_fields (CasebookCaseEditor *self)
{
  struct { gpointer row; const char *path; } fields[] = {
    { self->title_row, "title" },
    { self->organization_row, "organization" },
    { self->kind_row, "kind" },
    { self->sector_row, "sector" },
    { self->subsector_row, "subsector" },
    { self->approach_row, "approach" },
    { self->size_row, "size" },
    { self->employees_row, "employees" },
    { self->qualifier_row, "employees_qualifier" },
    { self->period_start_row, "period.start" },
    { self->period_end_row, "period.end" },
    { self->problem_row, "failure.problem" },
    { self->result_row, "failure.result" },
    { self->source_title_row, "source.title" },
    { self->source_url_row, "source.url" },
    { self->source_date_row, "source.date" },
    { self->source_section_row, "source.section" },
    { self->source_note_row, "source.note" },
    { self->id_row, "id" },
  };

  /* Names for the bar above the fields, where "Title" alone would not say
   * which one. */
  struct { gpointer row; const char *name; } names[] = {
    /* Translators: names of fields of the source of a case, as the bar above the fields names them */
    { self->source_title_row, _("Source Title") },
    { self->source_url_row, _("Source URL") },
    { self->source_date_row, _("Source Date") },
    { self->source_note_row, _("Source Note") },
    { self->problem_row, _("What Went Wrong") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = fields[i].row;
      g_autofree char *title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

      decorate_field (row, title);
      set_path (row, fields[i].path);
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_set_data_full (G_OBJECT (names[i].row), NAME_KEY, g_strdup (names[i].name), g_free);

  /* A problem of the source as a whole shows at its first field. */
  g_object_set_data (G_OBJECT (self->source_title_row), ALIAS_KEY, (gpointer) "source");
  g_object_set_data (G_OBJECT (self->problem_row), ALIAS_KEY, (gpointer) "failure");
}

/* Public API ------------------------------------------------------------- */

static void
load_choices (CasebookCaseEditor *self)
{
  g_autoptr(GPtrArray) sectors = casebook_store_list_sectors (self->store, NULL);
  g_autoptr(GPtrArray) metrics = casebook_store_list_metrics (self->store, NULL);
  g_autoptr(GPtrArray) products = casebook_store_list_products (self->store, NULL);
  g_autoptr(GStrvBuilder) product_words = g_strv_builder_new ();
  g_autoptr(GHashTable) families = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) family_words = g_ptr_array_new ();
  const char *key = casebook_case_get_sector (self->draft);
  gboolean known = FALSE;

  self->sectors = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_sector_free);
  for (guint i = 0; sectors != NULL && i < sectors->len; i++)
    {
      CasebookSector *sector = g_ptr_array_index (sectors, i);

      known = known || g_strcmp0 (sector->key, key) == 0;
      g_ptr_array_add (self->sectors, g_steal_pointer (&sectors->pdata[i]));
    }
  if (key != NULL && !known)
    {
      CasebookSector *sector = casebook_sector_new ();

      sector->key = g_strdup (key);
      sector->name = casebook_text_new_same (key);
      g_ptr_array_add (self->sectors, sector);
    }

  self->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) casebook_metric_free);
  for (guint i = 0; metrics != NULL && i < metrics->len; i++)
    g_ptr_array_add (self->metrics, g_steal_pointer (&metrics->pdata[i]));

  /* A metric family the case names but the store does not know stays a
   * choice, under its key. */
  for (guint i = 0; i < casebook_case_get_outcomes (self->draft)->len; i++)
    {
      const CasebookOutcome *outcome = g_ptr_array_index (casebook_case_get_outcomes (self->draft), i);
      gboolean found = outcome->metric == NULL;

      for (guint j = 0; j < self->metrics->len && !found; j++)
        found = g_strcmp0 (((CasebookMetric *) g_ptr_array_index (self->metrics, j))->key, outcome->metric) == 0;
      if (!found)
        {
          CasebookMetric *metric = casebook_metric_new ();

          metric->key = g_strdup (outcome->metric);
          metric->name = casebook_text_new_same (outcome->metric);
          g_ptr_array_add (self->metrics, metric);
        }
    }

  self->product_families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (builtin_families); i++)
    if (g_hash_table_add (families, (gpointer) builtin_families[i]))
      g_ptr_array_add (family_words, (gpointer) builtin_families[i]);
  for (guint i = 0; products != NULL && i < products->len; i++)
    {
      CasebookProduct *product = g_ptr_array_index (products, i);

      g_strv_builder_add (product_words, product->name);
      if (product->family != NULL)
        {
          g_hash_table_insert (self->product_families, g_strdup (product->name), g_strdup (product->family));
          if (g_hash_table_add (families, product->family))
            g_ptr_array_add (family_words, product->family);
        }
    }
  g_ptr_array_add (family_words, NULL);
  self->products = g_strv_builder_end (product_words);
  self->families = g_strdupv ((char **) family_words->pdata);
}

static void
fill_fields (CasebookCaseEditor *self)
{
  CasebookSource *source = (CasebookSource *) casebook_case_get_source (self->draft);
  g_autofree char *employees = NULL;
  int start = 0, end = 0;

  self->loading++;

  bind_text (self, GTK_WIDGET (self->title_row), mutable_text (casebook_case_get_title (self->draft)), "title");
  bind_text (self, GTK_WIDGET (self->organization_row),
             mutable_text (casebook_case_get_organization (self->draft)), "organization");
  bind_text (self, GTK_WIDGET (self->subsector_row),
             mutable_text (casebook_case_get_subsector (self->draft)), "subsector");
  bind_text (self, GTK_WIDGET (self->source_title_row), source->title, "source.title");
  bind_text (self, GTK_WIDGET (self->source_note_row), source->note, "source.note");
  bind_string (self, GTK_WIDGET (self->source_url_row), &source->url, "source.url");
  bind_string (self, GTK_WIDGET (self->source_date_row), &source->date, "source.date");
  bind_string (self, GTK_WIDGET (self->source_section_row), &source->section, "source.section");

  adw_combo_row_set_selected (self->kind_row, (guint) casebook_case_get_kind (self->draft));
  adw_combo_row_set_selected (self->approach_row, (guint) casebook_case_get_approach (self->draft));
  adw_combo_row_set_selected (self->size_row, (guint) casebook_case_get_size (self->draft));
  adw_combo_row_set_selected (self->qualifier_row, (guint) casebook_case_get_employees_qualifier (self->draft));

  if (casebook_case_get_employees (self->draft) >= 0)
    employees = g_strdup_printf ("%" G_GINT64_FORMAT, casebook_case_get_employees (self->draft));
  gtk_editable_set_text (GTK_EDITABLE (self->employees_row), employees != NULL ? employees : "");

  if (casebook_case_get_period (self->draft, &start, &end))
    {
      g_autofree char *s = g_strdup_printf ("%d", start);
      g_autofree char *e = g_strdup_printf ("%d", end);

      gtk_editable_set_text (GTK_EDITABLE (self->period_start_row), s);
      gtk_editable_set_text (GTK_EDITABLE (self->period_end_row), e);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->id_row), casebook_case_get_id (self->draft));
  gtk_editable_set_editable (GTK_EDITABLE (self->id_row), self->is_new);
  gtk_widget_set_sensitive (GTK_WIDGET (self->id_row), self->is_new);

  self->loading--;

  fill_sectors (self);
  bind_failure (self);
  for (ListKind kind = 0; kind < N_LISTS; kind++)
    if (kind != LIST_CAUSES)
      rebuild_list (self, kind);

  g_signal_connect_object (self->employees_row, "changed", G_CALLBACK (on_employees_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->period_start_row, "changed", G_CALLBACK (on_period_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->period_end_row, "changed", G_CALLBACK (on_period_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->id_row, "changed", G_CALLBACK (on_id_changed), self, G_CONNECT_SWAPPED);
}

/**
 * casebook_case_editor_new:
 * @store: the store the case goes into
 * @c: (nullable): the case to change, or to start from; %NULL for an empty
 *   new case
 * @is_new: whether saving adds a case (a new one, or a duplicate with an id
 *   of its own) rather than changing @c
 * @lang: the language to write in first; also the language of the names of
 *   sectors and metric families
 *
 * The editor never changes @c; it works on a copy.
 *
 * Returns: (transfer full): a new editor
 */
CasebookCaseEditor *
casebook_case_editor_new (CasebookStore *store,
                          CasebookCase  *c,
                          gboolean       is_new,
                          CasebookLang   lang)
{
  CasebookCaseEditor *self;

  g_return_val_if_fail (CASEBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (c == NULL || CASEBOOK_IS_CASE (c), NULL);
  g_return_val_if_fail (c != NULL || is_new, NULL);

  self = g_object_new (CASEBOOK_TYPE_CASE_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->is_new = is_new;
  self->content_lang = lang;

  if (c != NULL)
    self->draft = casebook_case_copy (c);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *base = g_date_time_format (now, "own-%Y%m%d");
      g_autofree char *id = casebook_store_make_id (store, base);

      self->draft = casebook_case_new (id);
    }
  casebook_case_set_origin (self->draft, CASEBOOK_ORIGIN_OWN);
  normalize_draft (self->draft);

  load_choices (self);
  decorate_template_fields (self);
  fill_fields (self);

  self->saved_json = draft_json (self);

  /* A case that exists shows all its problems at once; a new one only
   * those of the fields the person has been at. */
  self->show_all = !is_new;

  casebook_case_editor_set_lang (self, lang);
  changed (self);

  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));

  return self;
}

/**
 * casebook_case_editor_get_draft:
 *
 * Returns: (transfer none): the case as edited so far
 */
CasebookCase *
casebook_case_editor_get_draft (CasebookCaseEditor *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_EDITOR (self), NULL);
  return self->draft;
}

/**
 * casebook_case_editor_get_problems:
 *
 * Returns: (transfer none) (element-type CasebookProblem): what keeps the
 *   draft from being saved, shown or not
 */
GPtrArray *
casebook_case_editor_get_problems (CasebookCaseEditor *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_EDITOR (self), NULL);
  return self->problems;
}

gboolean
casebook_case_editor_is_valid (CasebookCaseEditor *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_EDITOR (self), FALSE);
  return self->problems != NULL && self->problems->len == 0;
}

/**
 * casebook_case_editor_is_dirty:
 *
 * Returns: %TRUE if the draft differs from what was saved or loaded
 */
gboolean
casebook_case_editor_is_dirty (CasebookCaseEditor *self)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (CASEBOOK_IS_CASE_EDITOR (self), FALSE);

  if (self->saved_json == NULL)
    return FALSE;

  /* A field that holds no number changes nothing in the draft, but the
   * person typed it. */
  if (g_hash_table_size (self->parse_problems) > 0)
    return TRUE;

  json = draft_json (self);
  return g_strcmp0 (json, self->saved_json) != 0;
}

gboolean
casebook_case_editor_is_new (CasebookCaseEditor *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_EDITOR (self), FALSE);
  return self->is_new;
}

CasebookLang
casebook_case_editor_get_lang (CasebookCaseEditor *self)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE_EDITOR (self), CASEBOOK_LANG_EN);
  return self->lang;
}

/**
 * casebook_case_editor_set_lang:
 * @lang: the language of the texts to write
 *
 * Shows every text field in @lang. The draft keeps both languages.
 */
void
casebook_case_editor_set_lang (CasebookCaseEditor *self,
                               CasebookLang        lang)
{
  g_return_if_fail (CASEBOOK_IS_CASE_EDITOR (self));

  self->lang = lang;
  gtk_toggle_button_set_active (lang == CASEBOOK_LANG_ZH ? self->lang_zh_button : self->lang_en_button, TRUE);

  if (self->draft == NULL)
    return;

  refill_texts (self, GTK_WIDGET (self->page));
  changed (self);
}

/**
 * casebook_case_editor_save:
 *
 * Stores the draft in one transaction (with its new sector, if it has
 * one) and emits #CasebookCaseEditor::saved.
 *
 * Returns: %TRUE if the case was stored
 */
gboolean
casebook_case_editor_save (CasebookCaseEditor  *self,
                           GError             **error)
{
  g_autoptr(CasebookCase) c = NULL;
  const CasebookSector *new_sector = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (CASEBOOK_IS_CASE_EDITOR (self), FALSE);

  if (!casebook_case_editor_is_valid (self))
    {
      const CasebookProblem *problem = self->problems != NULL && self->problems->len > 0
                                       ? g_ptr_array_index (self->problems, 0) : NULL;

      g_set_error (error, CASEBOOK_STORE_ERROR, CASEBOOK_STORE_ERROR_INVALID,
                   "%s: %s", problem != NULL ? problem->path : "", problem != NULL ? problem->message : "");
      return FALSE;
    }

  c = casebook_case_copy (self->draft);
  if (self->new_sector != NULL && g_strcmp0 (self->new_sector->key, casebook_case_get_sector (c)) == 0)
    new_sector = self->new_sector;

  if (!casebook_store_save_case (self->store, c, new_sector, error))
    return FALSE;

  /* Saved: it is a case of the store now, and its sector too. */
  self->new_sector = NULL;
  self->is_new = FALSE;
  g_free (self->saved_json);
  self->saved_json = draft_json (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->id_row), FALSE);
  changed (self);

  id = g_strdup (casebook_case_get_id (c));
  g_signal_emit (self, signals[SAVED], 0, id);
  return TRUE;
}
