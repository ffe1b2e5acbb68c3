/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "casebook-case-page-private.h"
#include "casebook-timeline-private.h"
#include "casebook-test-util.h"

typedef struct
{
  char             *dir;
  CasebookStore    *store;
  GtkWindow        *window;
  CasebookCasePage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = casebook_test_tmpdir ();
  fixture->store = casebook_test_open_store (fixture->dir, CASEBOOK_STORE_FLAGS_NONE);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 860, 900);
  fixture->page = casebook_case_page_new ();
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->store);
  casebook_test_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static CasebookCase *
get_case (Fixture    *fixture,
          const char *id)
{
  g_autoptr(GError) error = NULL;
  CasebookCase *c = casebook_store_get_case (fixture->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

static void
wait_until_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  /* Let layout settle too. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_true (gtk_widget_get_mapped (widget));
}

static void
show (Fixture      *fixture,
      const char   *id,
      CasebookLang  lang)
{
  g_autoptr(CasebookCase) c = get_case (fixture, id);

  casebook_case_page_set_case (fixture->page, fixture->store, c, lang);
  gtk_window_present (fixture->window);
  wait_until_mapped (GTK_WIDGET (fixture->page));
  g_assert_true (_casebook_case_page_get_case (fixture->page) == c);
}

/* What a person sees: the text of every label and button on screen. */
static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_get_mapped (child))
        {
          if (GTK_IS_LABEL (child))
            g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (child))));
          else if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) != NULL)
            g_ptr_array_add (texts, g_strdup (gtk_button_get_label (GTK_BUTTON (child))));
        }
      collect_texts (child, texts);
    }
}

static GPtrArray *
visible_texts (Fixture *fixture)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  collect_texts (GTK_WIDGET (fixture->page), texts);
  return texts;
}

static gboolean
shows (GPtrArray  *texts,
       const char *text)
{
  return g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_str_equal (gtk_label_get_text (GTK_LABEL (child)), text))
        return child;
      if ((found = find_label (child, text)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_ancestor (GtkWidget *widget,
               GType      type)
{
  while (widget != NULL && !g_type_is_a (G_OBJECT_TYPE (widget), type))
    widget = gtk_widget_get_parent (widget);
  return widget;
}

static void
find_all (GtkWidget *widget,
          GType      type,
          GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_type_is_a (G_OBJECT_TYPE (child), type) && gtk_widget_get_mapped (child))
        g_ptr_array_add (found, child);
      find_all (child, type, found);
    }
}

static void
test_case_page_shows_numbers (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) texts = NULL;
  GtkWidget *figure;

  show (fixture, "report-2.1", CASEBOOK_LANG_EN);
  texts = visible_texts (fixture);

  g_assert_true (shows (texts, "Virtualization at a large bank"));
  g_assert_true (shows (texts, "A large state-owned bank"));
  g_assert_true (shows (texts, "Finance"));
  g_assert_true (shows (texts, "Banking"));
  g_assert_true (shows (texts, ">50,000"));
  g_assert_true (shows (texts, "2023–2025"));
  g_assert_true (shows (texts, "VMware vSphere 8.0"));
  g_assert_true (shows (texts, "Outcomes"));
  g_assert_true (shows (texts, "30% → 80%"));
  g_assert_true (shows (texts, "−40%"));
  g_assert_true (shows (texts, "99.99%"));
  g_assert_true (shows (texts, "Utilization"));
  g_assert_true (shows (texts, "Section 2.1"));
  g_assert_true (shows (texts, "Achieve 99.99% system availability"));
  g_assert_true (shows (texts, "Deploy a zero-trust security architecture"));

  /* A qualitative outcome has no figure, but its text is there. */
  g_assert_true (shows (texts, "System deployment time fell from weeks to hours"));

  /* An improvement reads as one; a level without a baseline is neutral. */
  figure = find_label (GTK_WIDGET (fixture->page), "30% → 80%");
  g_assert_true (gtk_widget_has_css_class (figure, "success"));
  figure = find_label (GTK_WIDGET (fixture->page), "−40%");
  g_assert_true (gtk_widget_has_css_class (figure, "success"));
  figure = find_label (GTK_WIDGET (fixture->page), "99.99%");
  g_assert_false (gtk_widget_has_css_class (figure, "success"));
  g_assert_false (gtk_widget_has_css_class (figure, "error"));

  /* A success case has no failure section and, here, no notes. */
  g_assert_false (shows (texts, "What went wrong"));
  g_assert_false (shows (texts, "Data-quality notes"));
}

static void
test_case_page_shows_failure (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(CasebookCase) c = get_case (fixture, "report-8.1");
  const CasebookFailure *failure = casebook_case_get_failure (c);
  g_autoptr(GPtrArray) texts = NULL;
  GtkWidget *kind;

  g_assert_nonnull (failure);
  show (fixture, "report-8.1", CASEBOOK_LANG_EN);
  texts = visible_texts (fixture);

  g_assert_true (shows (texts, "What went wrong"));
  g_assert_true (shows (texts, casebook_text_get (failure->problem, CASEBOOK_LANG_EN)));
  g_assert_true (shows (texts, casebook_text_get (failure->result, CASEBOOK_LANG_EN)));
  g_assert_true (shows (texts, casebook_text_get (g_ptr_array_index (failure->causes, 0), CASEBOOK_LANG_EN)));

  /* The case has no outcomes, stack or phases, and the page does not
   * pretend otherwise. */
  g_assert_cmpuint (casebook_case_get_outcomes (c)->len, ==, 0);
  g_assert_false (shows (texts, "Outcomes"));
  g_assert_false (shows (texts, "Technology stack"));
  g_assert_false (shows (texts, "Phases"));

  /* Its kind is marked as a failure. */
  kind = find_label (GTK_WIDGET (fixture->page), casebook_kind_label (CASEBOOK_KIND_FAILURE, CASEBOOK_LANG_EN));
  g_assert_nonnull (kind);
  g_assert_true (gtk_widget_has_css_class (kind, "error"));
}

static void
test_case_page_shows_notes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CasebookCase) c = get_case (fixture, "report-3.2");
  GPtrArray *notes = casebook_case_get_notes (c);
  g_autoptr(GPtrArray) texts = NULL;
  const CasebookNote *note;

  g_assert_cmpuint (notes->len, >, 0);
  note = g_ptr_array_index (notes, 0);

  show (fixture, "report-3.2", CASEBOOK_LANG_EN);
  texts = visible_texts (fixture);

  g_assert_true (shows (texts, casebook_text_get (note->text, CASEBOOK_LANG_EN)));
  /* Stated as the report states it: medium-sized, with 15,000 staff. */
  g_assert_true (shows (texts, casebook_size_label (CASEBOOK_SIZE_MEDIUM, CASEBOOK_LANG_EN)));
  g_assert_true (shows (texts, "15,000"));
}

/* A note about the size sits with the size: right under the facts card,
 * above everything else on the page, headed with the fact it questions;
 * the fact carries a warning sign, and its value the note for screen
 * readers. No section at the end repeats it. */
static void
test_case_page_note_with_fact (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(CasebookCase) c = get_case (fixture, "report-3.2");
  const CasebookNote *note = g_ptr_array_index (casebook_case_get_notes (c), 0);
  const char *text = casebook_text_get (note->text, CASEBOOK_LANG_EN);
  g_autoptr(GPtrArray) texts = NULL;
  GtkWidget *note_label, *size_value, *facts, *stack_heading, *caption, *mark;
  graphene_point_t p_note, p_facts, p_stack;
  g_autofree char *differs = NULL;

  g_assert_cmpstr (note->field, ==, "size");
  show (fixture, "report-3.2", CASEBOOK_LANG_EN);
  texts = visible_texts (fixture);
  g_assert_false (shows (texts, "Data-quality notes"));
  g_assert_true (shows (texts, "About Size"));

  note_label = find_label (GTK_WIDGET (fixture->page), text);
  size_value = find_label (GTK_WIDGET (fixture->page), "Medium");
  stack_heading = find_label (GTK_WIDGET (fixture->page), "Technology stack");
  g_assert_nonnull (note_label);
  g_assert_nonnull (size_value);
  g_assert_nonnull (stack_heading);
  facts = find_ancestor (size_value, GTK_TYPE_FLOW_BOX);
  g_assert_true (gtk_widget_has_css_class (facts, "case-facts"));
  g_assert_true (gtk_widget_is_ancestor (note_label, gtk_widget_get_parent (facts)));

  /* Below the card, above the next section. */
  g_assert_true (gtk_widget_compute_point (note_label, GTK_WIDGET (fixture->page), &GRAPHENE_POINT_INIT (0, 0),
                                           &p_note));
  g_assert_true (gtk_widget_compute_point (facts, GTK_WIDGET (fixture->page),
                                           &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (facts)), &p_facts));
  g_assert_true (gtk_widget_compute_point (stack_heading, GTK_WIDGET (fixture->page), &GRAPHENE_POINT_INIT (0, 0),
                                           &p_stack));
  g_assert_cmpfloat (p_note.y, >=, p_facts.y);
  g_assert_cmpfloat (p_note.y, <, p_stack.y);

  /* The sign beside "Size", and only there. */
  caption = find_label (GTK_WIDGET (fixture->page), "Size");
  g_assert_nonnull (caption);
  mark = gtk_widget_get_next_sibling (caption);
  g_assert_true (GTK_IS_IMAGE (mark));
  g_assert_true (gtk_widget_get_mapped (mark));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (mark), ==, text);
  mark = gtk_widget_get_next_sibling (find_label (GTK_WIDGET (fixture->page), "Employees"));
  g_assert_false (gtk_widget_get_mapped (mark));

  differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (size_value), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                text);
  g_assert_null (differs);
}

/* A note about an outcome is in that outcome's card, under its figure;
 * a note about nothing in particular keeps the section of its own. */
static void
test_case_page_note_with_outcome (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(CasebookCase) c = get_case (fixture, "report-2.1");
  CasebookNote *about_outcome = casebook_note_new ();
  CasebookNote *general = casebook_note_new ();
  g_autoptr(GPtrArray) texts = NULL;
  GtkWidget *figure, *note_label, *card;

  about_outcome->field = g_strdup ("outcomes[0]");
  about_outcome->text = casebook_text_new ("利用率为估算值", "The utilization figures are estimates");
  general->text = casebook_text_new ("来源未经核实", "The source was not verified");
  g_ptr_array_add (casebook_case_get_notes (c), about_outcome);
  g_ptr_array_add (casebook_case_get_notes (c), general);

  casebook_case_page_set_case (fixture->page, fixture->store, c, CASEBOOK_LANG_EN);
  gtk_window_present (fixture->window);
  wait_until_mapped (GTK_WIDGET (fixture->page));

  figure = find_label (GTK_WIDGET (fixture->page), "30% → 80%");
  note_label = find_label (GTK_WIDGET (fixture->page), "The utilization figures are estimates");
  g_assert_nonnull (figure);
  g_assert_nonnull (note_label);
  card = find_ancestor (figure, GTK_TYPE_BOX);
  while (card != NULL && !gtk_widget_has_css_class (card, "outcome-card"))
    card = find_ancestor (gtk_widget_get_parent (card), GTK_TYPE_BOX);
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_is_ancestor (note_label, card));
  g_assert_true (gtk_widget_has_css_class (card, "questioned"));

  /* Only in the card; the general note has the section at the end. */
  texts = visible_texts (fixture);
  g_assert_true (shows (texts, "Data-quality notes"));
  g_assert_true (shows (texts, "The source was not verified"));
  g_assert_cmpuint (g_ptr_array_find_with_equal_func (texts, "The utilization figures are estimates", g_str_equal,
                                                      NULL), ==, TRUE);
  {
    guint n = 0;

    for (guint i = 0; i < texts->len; i++)
      n += g_str_equal (g_ptr_array_index (texts, i), "The utilization figures are estimates");
    g_assert_cmpuint (n, ==, 1);
  }
}

static double
label_y (Fixture    *fixture,
         const char *text)
{
  GtkWidget *label = find_label (GTK_WIDGET (fixture->page), text);
  graphene_point_t p;

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_compute_point (label, GTK_WIDGET (fixture->page), &GRAPHENE_POINT_INIT (0, 0), &p));
  return p.y;
}

static double
label_x (Fixture    *fixture,
         const char *text)
{
  GtkWidget *label = find_label (GTK_WIDGET (fixture->page), text);
  graphene_point_t p;

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_compute_point (label, GTK_WIDGET (fixture->page), &GRAPHENE_POINT_INIT (0, 0), &p));
  return p.x;
}

/* Four facts are four across where they fit, two by two where not:
 * never three and one, with the approach alone on a second row. */
static void
test_case_page_facts_rows (Fixture       *fixture,
                           gconstpointer  data)
{
  show (fixture, "report-2.1", CASEBOOK_LANG_EN);
  g_assert_cmpfloat (label_y (fixture, "Virtualization"), ==, label_y (fixture, "Large"));
  g_assert_cmpfloat (label_y (fixture, "2023–2025"), ==, label_y (fixture, "Large"));
  g_assert_cmpfloat (label_y (fixture, ">50,000"), ==, label_y (fixture, "Large"));

  /* A phone: two rows of two, the columns lined up. */
  gtk_window_set_default_size (fixture->window, 360, 900);
  gtk_widget_set_size_request (GTK_WIDGET (fixture->window), 360, -1);
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (gtk_widget_get_width (GTK_WIDGET (fixture->window)) > 360 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    while (g_main_context_iteration (NULL, FALSE))
      ;
  }
  if (gtk_widget_get_width (GTK_WIDGET (fixture->window)) > 400)
    {
      g_test_skip ("The window could not be made narrow here");
      return;
    }
  g_assert_cmpfloat (label_y (fixture, ">50,000"), ==, label_y (fixture, "Large"));
  g_assert_cmpfloat (label_y (fixture, "Virtualization"), ==, label_y (fixture, "2023–2025"));
  g_assert_cmpfloat (label_y (fixture, "2023–2025"), >, label_y (fixture, "Large"));
  g_assert_cmpfloat (label_x (fixture, "2023–2025"), ==, label_x (fixture, "Large"));
  g_assert_cmpfloat (label_x (fixture, "Virtualization"), ==, label_x (fixture, ">50,000"));
}

/* A failure case shows what facts it has: two in the card, or a lone one
 * said in a line, never a card that holds only the size. */
static void
test_case_page_failure_facts (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) texts = NULL;
  GtkWidget *value;

  show (fixture, "report-8.2", CASEBOOK_LANG_EN);
  texts = visible_texts (fixture);
  g_assert_true (shows (texts, "Size: Large"));
  g_assert_false (shows (texts, "Size"));
  g_assert_null (find_label (GTK_WIDGET (fixture->page), "Large"));

  show (fixture, "report-8.1", CASEBOOK_LANG_EN);
  g_clear_pointer (&texts, g_ptr_array_unref);
  texts = visible_texts (fixture);
  g_assert_false (shows (texts, "Size: Medium"));
  value = find_label (GTK_WIDGET (fixture->page), "Medium");
  g_assert_nonnull (value);
  g_assert_true (gtk_widget_has_css_class (find_ancestor (value, GTK_TYPE_FLOW_BOX), "case-facts"));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->page), "Virtualization"));
  g_assert_true (shows (texts, "Approach"));
  g_assert_cmpfloat (label_y (fixture, "Virtualization"), ==, label_y (fixture, "Medium"));
}

static void
test_case_page_switches_language (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) texts = NULL;

  show (fixture, "report-2.1", CASEBOOK_LANG_EN);

  casebook_case_page_set_case (fixture->page, fixture->store,
                               _casebook_case_page_get_case (fixture->page), CASEBOOK_LANG_ZH);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (_casebook_case_page_get_lang (fixture->page), ==, CASEBOOK_LANG_ZH);

  texts = visible_texts (fixture);
  g_assert_true (shows (texts, "大型银行虚拟化案例"));
  g_assert_true (shows (texts, "某大型国有银行"));
  g_assert_true (shows (texts, "金融"));
  g_assert_true (shows (texts, "服务器利用率从30%提升到80%"));
  g_assert_false (shows (texts, "Virtualization at a large bank"));
  g_assert_false (shows (texts, "Server utilization rose from 30% to 80%"));
}

static void
on_string_signal (CasebookCasePage *page,
                  const char       *value,
                  char            **out)
{
  g_free (*out);
  *out = g_strdup (value);
}

/* A button activated from the keyboard shows itself pressed for a moment
 * and only then emits ::clicked. */
static void
wait_for_string (char **value)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (*value == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_case_page_activates_technology (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *product = NULL;
  GtkWidget *label, *button;

  show (fixture, "report-2.1", CASEBOOK_LANG_EN);
  g_signal_connect (fixture->page, "technology-activated", G_CALLBACK (on_string_signal), &product);

  label = find_label (GTK_WIDGET (fixture->page), "VMware vSphere 8.0");
  g_assert_nonnull (label);
  button = find_ancestor (label, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  /* It says what it does, as a filter, and then what the product is for. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                   "Show cases using VMware vSphere\nVirtualization platform");
  g_assert_true (gtk_widget_has_css_class (button, "filter-chip"));
  {
    g_autofree char *label_differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button),
                                                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                         "Show cases using VMware vSphere");
    g_autofree char *description_differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button),
                                                                               GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                               "Virtualization platform");

    g_assert_null (label_differs);
    g_assert_null (description_differs);
  }

  g_assert_true (gtk_widget_activate (button));
  wait_for_string (&product);
  g_assert_cmpstr (product, ==, "VMware vSphere");

  /* The key is the English name, whatever the language shown. */
  g_clear_pointer (&product, g_free);
  casebook_case_page_set_case (fixture->page, fixture->store,
                               _casebook_case_page_get_case (fixture->page), CASEBOOK_LANG_ZH);
  label = find_label (GTK_WIDGET (fixture->page), "传统存储");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_activate (find_ancestor (label, GTK_TYPE_BUTTON)));
  wait_for_string (&product);
  g_assert_cmpstr (product, ==, "Traditional storage");
}

static void
test_case_page_activates_related (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(CasebookCase) related = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  show (fixture, "report-2.1", CASEBOOK_LANG_EN);
  g_signal_connect (fixture->page, "case-activated", G_CALLBACK (on_string_signal), &id);

  texts = visible_texts (fixture);
  g_assert_true (shows (texts, "Related cases"));

  find_all (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, rows);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpuint (rows->len, <=, 5);

  g_assert_true (gtk_widget_activate (g_ptr_array_index (rows, 0)));
  wait_for_string (&id);
  g_assert_nonnull (id);
  g_assert_cmpstr (id, !=, "report-2.1");

  /* A real case, and the row showed its title. */
  related = casebook_store_get_case (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (shows (texts, casebook_text_get (casebook_case_get_title (related), CASEBOOK_LANG_EN)));
}

static void
test_case_page_describes_timeline (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) timelines = g_ptr_array_new ();
  GtkWidget *timeline;

  show (fixture, "report-2.1", CASEBOOK_LANG_EN);

  find_all (GTK_WIDGET (fixture->page), CASEBOOK_TYPE_TIMELINE, timelines);
  g_assert_cmpuint (timelines->len, ==, 1);
  timeline = g_ptr_array_index (timelines, 0);

  /* Drawn, so it has a size, and described for those who cannot see it. */
  g_assert_cmpint (gtk_widget_get_height (timeline), >, 50);
  g_assert_cmpuint (_casebook_timeline_get_n_phases (CASEBOOK_TIMELINE (timeline)), ==, 3);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_LABEL));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Infrastructure virtualization: 2023; "
                                       "Application system virtualization: 2024; "
                                       "Network and security virtualization: 2025");

  /* The description follows the language of the content. */
  casebook_case_page_set_case (fixture->page, fixture->store,
                               _casebook_case_page_get_case (fixture->page), CASEBOOK_LANG_ZH);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "基础设施虚拟化: 2023; 应用系统虚拟化: 2024; 网络和安全虚拟化: 2025");
}

/* Tab goes through the page: the chips, the challenges, the related
 * cases, each a stop of its own. */
static void
test_case_page_keyboard (Fixture       *fixture,
                         gconstpointer  data)
{
  gboolean chip = FALSE, challenge = FALSE, related = FALSE;
  GtkWidget *first = NULL;

  show (fixture, "report-2.1", CASEBOOK_LANG_EN);

  for (guint i = 0; i < 200; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD))
        break;
      focus = gtk_window_get_focus (fixture->window);
      g_assert_nonnull (focus);
      if (focus == first)
        break;
      if (first == NULL)
        first = focus;

      if (GTK_IS_BUTTON (focus) && gtk_widget_has_css_class (focus, "chip"))
        chip = TRUE;
      else if (ADW_IS_ACTION_ROW (focus))
        related = TRUE;
      else if (GTK_IS_LIST_BOX_ROW (focus))
        challenge = TRUE;

      /* Never a flow box child around a chip or a card's columns. */
      g_assert_false (GTK_IS_FLOW_BOX_CHILD (focus) &&
                      gtk_widget_get_first_child (focus) != NULL &&
                      GTK_IS_BUTTON (gtk_widget_get_first_child (focus)));
    }

  g_assert_true (chip);
  g_assert_true (challenge);
  g_assert_true (related);
}

static void
test_case_page_clears (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) texts = NULL;

  show (fixture, "report-2.1", CASEBOOK_LANG_EN);
  casebook_case_page_set_case (fixture->page, fixture->store, NULL, CASEBOOK_LANG_EN);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_null (_casebook_case_page_get_case (fixture->page));
  texts = visible_texts (fixture);
  g_assert_false (shows (texts, "Virtualization at a large bank"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  /* Accessibility through GTK's test backend, which records what the page
   * tells assistive technologies, instead of a session's AT-SPI bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/case-page/shows-numbers", test_case_page_shows_numbers);
  ADD ("/case-page/shows-failure", test_case_page_shows_failure);
  ADD ("/case-page/shows-notes", test_case_page_shows_notes);
  ADD ("/case-page/note-with-fact", test_case_page_note_with_fact);
  ADD ("/case-page/note-with-outcome", test_case_page_note_with_outcome);
  ADD ("/case-page/facts-rows", test_case_page_facts_rows);
  ADD ("/case-page/failure-facts", test_case_page_failure_facts);
  ADD ("/case-page/switches-language", test_case_page_switches_language);
  ADD ("/case-page/activates-technology", test_case_page_activates_technology);
  ADD ("/case-page/activates-related", test_case_page_activates_related);
  ADD ("/case-page/describes-timeline", test_case_page_describes_timeline);
  ADD ("/case-page/keyboard", test_case_page_keyboard);
  ADD ("/case-page/clears", test_case_page_clears);

#undef ADD

  return g_test_run ();
}
