/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "casebook-l10n.h"

#include "casebook-render-report-private.h"

/**
 * CasebookRenderReport:
 *
 * The printed form of one or more cases, laid out on pages of a given
 * size with cairo and pango alone, so that the same pages go to a printer
 * (through GtkPrintOperation), into a PDF file, or into an image.
 *
 * Everything to be drawn is first turned into a list of blocks: paragraphs
 * (Pango layouts), drawings made of rows (charts, a grid of facts) and
 * tables. Pagination then flows the blocks down the pages and breaks them
 * between lines or rows, never inside one: a paragraph between two of its
 * lines, a table between rows or between the lines of a row, repeating
 * its header on every page it reaches. Because the page count is known
 * once pagination is done, every footer can say "Page X of Y" and the
 * table of contents can give page numbers.
 *
 * Reports lay text out with a font map of their own, one per thread and
 * never the one the interface draws with, so a report can be laid out and
 * drawn on a worker thread while the interface draws on the main one. The
 * map stays with its thread for the next report: building its font sets
 * again for every report would cost more than laying out a whole case. A
 * report is laid out and drawn on the same thread.
 */

G_DEFINE_FINAL_TYPE (CasebookRenderReport, casebook_render_report, G_TYPE_OBJECT)

G_DEFINE_QUARK (casebook-render-report-error-quark, casebook_render_report_error)

static char *casebook_render_report_format_page_number (CasebookLang      lang,
                                                        guint             page,
                                                        guint             n_pages);

/* Each thread's font map for reports, freed when the thread ends. */
static GPrivate thread_font_map = G_PRIVATE_INIT (g_object_unref);

static PangoFontMap *
get_thread_font_map (void)
{
  PangoFontMap *font_map = g_private_get (&thread_font_map);

  if (font_map == NULL)
    {
      font_map = pango_cairo_font_map_new ();
      g_private_set (&thread_font_map, font_map);
    }

  return font_map;
}

/* Running headers and footers ------------------------------------------- */

static PangoLayout *
furniture_layout (CasebookRenderReport *self,
                  const char           *text,
                  double                width,
                  PangoAlignment        alignment)
{
  g_autofree char *markup = _casebook_render_escape (text);
  PangoLayout *layout = _casebook_render_layout_new (self->context, FONT_FAMILY, styles[STYLE_FURNITURE].size,
                                                     PANGO_WEIGHT_NORMAL, markup);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, alignment);
  return layout;
}

static void
draw_running_header (CasebookRenderReport *self,
                     cairo_t              *cr,
                     const Section        *section)
{
  double y = self->margin_top - 13 * MM;
  double h = 0;

  if (section->header_left != NULL)
    {
      g_autoptr(PangoLayout) left = furniture_layout (self, section->header_left, self->width * 0.62,
                                                      PANGO_ALIGN_LEFT);

      _casebook_render_set_source (cr, &dim, 1);
      cairo_move_to (cr, self->margin_x, y);
      pango_cairo_show_layout (cr, left);
      _casebook_render_text_size (left, NULL, &h);
    }

  if (section->header_right != NULL)
    {
      g_autoptr(PangoLayout) right = furniture_layout (self, section->header_right, self->width * 0.35,
                                                       PANGO_ALIGN_RIGHT);

      _casebook_render_set_source (cr, &dim, 1);
      cairo_move_to (cr, self->margin_x + self->width * 0.65, y);
      pango_cairo_show_layout (cr, right);
    }

  _casebook_render_set_source (cr, &rule, 1);
  cairo_rectangle (cr, self->margin_x, y + MAX (h, 9) + 4, self->width, 0.5);
  cairo_fill (cr);
}

static void
draw_footer (CasebookRenderReport *self,
             cairo_t              *cr,
             guint                 page)
{
  g_autofree char *date = _casebook_render_report_format_date (self, self->resolved_date);
  g_autofree char *number = casebook_render_report_format_page_number (self->lang, page + 1, self->pages->len);
  g_autoptr(PangoLayout) left = furniture_layout (self, date, self->width * 0.5, PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) right = furniture_layout (self, number, self->width * 0.5, PANGO_ALIGN_RIGHT);
  double y = self->page_height - self->margin_bottom + 9 * MM;

  _casebook_render_set_source (cr, &rule, 1);
  cairo_rectangle (cr, self->margin_x, y - 5, self->width, 0.5);
  cairo_fill (cr);

  _casebook_render_set_source (cr, &dim, 1);
  cairo_move_to (cr, self->margin_x, y);
  pango_cairo_show_layout (cr, left);
  cairo_move_to (cr, self->margin_x + self->width * 0.5, y);
  pango_cairo_show_layout (cr, right);
}

/* The report ------------------------------------------------------------- */

void
_casebook_render_report_clear_layout (CasebookRenderReport *self)
{
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->case_sections, g_array_unref);
  self->page_width = 0;
  self->page_height = 0;
}

gboolean
_casebook_render_report_page_size_is_valid (double width,
                                            double height)
{
  /* Room for the margins and a column of text; a PDF page may be at most
   * 200 inches on a side. */
  return width >= 216 && height >= 216 && width <= 14400 && height <= 14400;
}

gboolean
_casebook_render_report_lay_out (CasebookRenderReport       *self,
                                 double                      page_width,
                                 double                      page_height,
                                 CasebookRenderProgressFunc  progress,
                                 gpointer                    user_data,
                                 GCancellable               *cancellable)
{
  guint n = self->cases->len;
  guint first_case_section = 0;

  if (self->pages != NULL && self->page_width == page_width && self->page_height == page_height &&
      self->thread == g_thread_self ())
    return TRUE;

  _casebook_render_report_clear_layout (self);

  /* The thread's own fonts: nothing here touches the font map that the
   * interface draws with, so this can run on any thread. A report laid
   * out again on another thread takes that thread's fonts. */
  if (self->thread != g_thread_self ())
    {
      g_clear_object (&self->context);
      g_set_object (&self->font_map, get_thread_font_map ());
      self->context = _casebook_render_context_new_for_font_map (self->font_map, self->lang);
      self->thread = g_thread_self ();
    }

  if (self->resolved_date == NULL)
    {
      self->resolved_date = casebook_render_report_get_date (self, NULL);
      if (self->resolved_date == NULL)
        self->resolved_date = g_date_time_new_now_local ();
    }

  self->page_width = page_width;
  self->page_height = page_height;
  self->margin_x = round (MIN (20 * MM, page_width * 0.12));
  self->margin_top = round (MIN (24 * MM, page_height * 0.12));
  self->margin_bottom = round (MIN (24 * MM, page_height * 0.12));
  self->width = page_width - 2 * self->margin_x;

  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) _casebook_block_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) _casebook_section_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) _casebook_flow_page_free);
  self->case_sections = g_array_new (FALSE, FALSE, sizeof (guint));

  if (self->kind == CASEBOOK_RENDER_REPORT_COLLECTION)
    {
      /* Cover, contents, the cases, the comparison: the contents name
       * sections that come after them. */
      first_case_section = 2;
      _casebook_render_report_build_cover (self, page_height - self->margin_top - self->margin_bottom);
      _casebook_render_report_build_contents (self, first_case_section, first_case_section + n);
    }
  else if (self->kind == CASEBOOK_RENDER_REPORT_BRIEF)
    {
      /* Cover, overview, side by side and the sector charts come before
       * the summaries: a brief is read from the general to the detail. */
      _casebook_render_report_build_brief_front (self, page_height - self->margin_top - self->margin_bottom);
      _casebook_render_report_build_comparison (self);
      first_case_section = self->sections->len;
    }

  for (guint i = 0; i < n; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          _casebook_render_report_clear_layout (self);
          return FALSE;
        }

      _casebook_render_report_build_case (self, g_ptr_array_index (self->cases, i));

      if (progress != NULL)
        progress (0.5 * (i + 1) / n, user_data);
    }

  if (self->kind == CASEBOOK_RENDER_REPORT_COLLECTION)
    _casebook_render_report_build_comparison (self);

  g_assert (self->case_sections->len == n);
  g_assert (n == 0 || g_array_index (self->case_sections, guint, 0) == first_case_section);

  _casebook_render_report_flow_blocks (self);

  return TRUE;
}

static void
casebook_render_report_finalize (GObject *object)
{
  CasebookRenderReport *self = (CasebookRenderReport *)object;

  _casebook_render_report_clear_layout (self);
  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->introduction, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->resolved_date, g_date_time_unref);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);

  G_OBJECT_CLASS (casebook_render_report_parent_class)->finalize (object);
}

static void
casebook_render_report_class_init (CasebookRenderReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = casebook_render_report_finalize;
}

static void
casebook_render_report_init (CasebookRenderReport *self)
{
  self->cases = g_ptr_array_new_with_free_func (g_object_unref);
  /* Without a catalog, sectors and metric families show as their keys. */
  self->catalog = casebook_catalog_new (NULL, NULL, NULL);
}

/**
 * casebook_render_report_new:
 * @kind: a summary of each case, a collection with cover and contents,
 *   or the brief of a collection (see casebook_render_report_set_collection())
 * @lang: the language to write the report in
 *
 * Returns: (transfer full): a new, empty report
 */
CasebookRenderReport *
casebook_render_report_new (CasebookRenderReportKind kind,
                            CasebookLang             lang)
{
  CasebookRenderReport *self = g_object_new (CASEBOOK_TYPE_RENDER_REPORT, NULL);

  self->kind = kind;
  self->lang = lang;

  return self;
}

CasebookRenderReportKind
_casebook_render_report_get_kind (CasebookRenderReport *self)
{
  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), CASEBOOK_RENDER_REPORT_SUMMARY);

  return self->kind;
}

CasebookLang
_casebook_render_report_get_lang (CasebookRenderReport *self)
{
  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), CASEBOOK_LANG_EN);

  return self->lang;
}

/**
 * casebook_render_report_add_case:
 * @c: a case; the report keeps a reference and reads it when it lays the
 *   pages out, so it must not change after this
 *
 * Adds @c after the cases added before it.
 */
void
casebook_render_report_add_case (CasebookRenderReport *self,
                                 CasebookCase         *c)
{
  g_return_if_fail (CASEBOOK_IS_RENDER_REPORT (self));
  g_return_if_fail (CASEBOOK_IS_CASE (c));

  g_ptr_array_add (self->cases, g_object_ref (c));
  _casebook_render_report_clear_layout (self);
}

guint
_casebook_render_report_get_n_cases (CasebookRenderReport *self)
{
  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), 0);

  return self->cases->len;
}

/**
 * casebook_render_report_set_collection:
 * @collection: the collection the report is a brief of
 *
 * Takes the collection's name as the report's title and its
 * introduction, if it has one, for the cover. Only the name and the
 * introduction are read, now: the cases are added one by one.
 */
void
casebook_render_report_set_collection (CasebookRenderReport *self,
                                       CasebookCollection   *collection)
{
  const char *introduction;

  g_return_if_fail (CASEBOOK_IS_RENDER_REPORT (self));
  g_return_if_fail (CASEBOOK_IS_COLLECTION (collection));

  introduction = casebook_collection_get_introduction (collection);

  g_free (self->title);
  self->title = g_strdup (casebook_collection_get_name (collection));
  g_free (self->introduction);
  self->introduction = introduction != NULL && introduction[0] != '\0' ? g_strdup (introduction) : NULL;
  _casebook_render_report_clear_layout (self);
}

/**
 * casebook_render_report_set_catalog:
 * @catalog: the sectors (their names, colours and order), the metric
 *   families and the ranges the sector comparison sets figures against
 *
 * Without it a sector or a metric family shows as its key.
 */
void
casebook_render_report_set_catalog (CasebookRenderReport *self,
                                    CasebookCatalog      *catalog)
{
  g_return_if_fail (CASEBOOK_IS_RENDER_REPORT (self));
  g_return_if_fail (CASEBOOK_IS_CATALOG (catalog));

  g_set_object (&self->catalog, catalog);
  _casebook_render_report_clear_layout (self);
}

/**
 * casebook_render_report_get_title:
 *
 * Returns: the title the report is given, or its default one
 */
const char *
casebook_render_report_get_title (CasebookRenderReport *self)
{
  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), NULL);

  return _casebook_render_report_title (self);
}

/**
 * _casebook_render_report_set_date:
 * @date: (nullable): the date, %NULL for the default
 *
 * Sets the date in the footers and the PDF's creation date.
 */
void
_casebook_render_report_set_date (CasebookRenderReport *self,
                                  GDateTime            *date)
{
  g_return_if_fail (CASEBOOK_IS_RENDER_REPORT (self));

  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->resolved_date, g_date_time_unref);
  if (date != NULL)
    self->date = g_date_time_ref (date);
  _casebook_render_report_clear_layout (self);
}

/**
 * casebook_render_report_get_date:
 *
 * The date of the report: the one set, or else the time SOURCE_DATE_EPOCH
 * gives (so that a build that sets it makes the same PDF every time), or
 * else now.
 *
 * Returns: (transfer full) (nullable): the date, or %NULL if
 *   SOURCE_DATE_EPOCH is set to something that is not a time
 */
GDateTime *
casebook_render_report_get_date (CasebookRenderReport  *self,
                                 GError               **error)
{
  const char *epoch;
  guint64 seconds;

  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), NULL);

  if (self->date != NULL)
    return g_date_time_ref (self->date);

  epoch = g_getenv ("SOURCE_DATE_EPOCH");
  if (epoch == NULL || epoch[0] == '\0')
    return g_date_time_new_now_local ();

  /* Up to the last second of the year 9999, which GDateTime can hold. */
  if (!g_ascii_string_to_unsigned (epoch, 10, 0, G_GUINT64_CONSTANT (253402300799), &seconds, NULL))
    {
      g_set_error (error, CASEBOOK_RENDER_REPORT_ERROR, CASEBOOK_RENDER_REPORT_ERROR_DATE,
                   _("SOURCE_DATE_EPOCH is “%s”, which is not a number of seconds since 1970"), epoch);
      return NULL;
    }

  return g_date_time_new_from_unix_utc ((gint64) seconds);
}

/**
 * casebook_render_report_paginate:
 * @page_width: the width of a page, in points (or whatever unit @cr will
 *   be in when the pages are drawn)
 * @page_height: its height
 *
 * Lays the report out on pages of the given size, which it needs before
 * it can draw any. Laying out again at the same size does nothing.
 *
 * Returns: the number of pages, 0 if the size is too small
 */
guint
casebook_render_report_paginate (CasebookRenderReport *self,
                                 double                page_width,
                                 double                page_height)
{
  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), 0);

  if (!_casebook_render_report_page_size_is_valid (page_width, page_height))
    return 0;

  _casebook_render_report_lay_out (self, page_width, page_height, NULL, NULL, NULL);
  return self->pages->len;
}

/**
 * casebook_render_report_get_n_pages:
 *
 * Returns: the number of pages of the last pagination, 0 before it
 */
guint
casebook_render_report_get_n_pages (CasebookRenderReport *self)
{
  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), 0);

  return self->pages != NULL ? self->pages->len : 0;
}

/**
 * _casebook_render_report_get_case_page:
 * @case_index: a case, by the order it was added in
 *
 * Returns: the page (from 0) on which the case starts
 */
guint
_casebook_render_report_get_case_page (CasebookRenderReport *self,
                                       guint                 case_index)
{
  const Section *section;

  g_return_val_if_fail (CASEBOOK_IS_RENDER_REPORT (self), 0);
  g_return_val_if_fail (self->pages != NULL, 0);
  g_return_val_if_fail (case_index < self->case_sections->len, 0);

  section = g_ptr_array_index (self->sections, g_array_index (self->case_sections, guint, case_index));
  return section->first_page;
}

/**
 * casebook_render_report_draw_page:
 * @cr: where to draw, in the unit the report was paginated in, with the
 *   origin at the top left corner of the paper
 * @page: the page, from 0
 *
 * Draws one page of the last pagination.
 */
void
casebook_render_report_draw_page (CasebookRenderReport *self,
                                  cairo_t              *cr,
                                  guint                 page)
{
  const Page *p;
  const Section *section;

  g_return_if_fail (CASEBOOK_IS_RENDER_REPORT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (self->pages != NULL);
  g_return_if_fail (page < self->pages->len);
  g_return_if_fail (self->thread == g_thread_self ());

  p = g_ptr_array_index (self->pages, page);
  section = g_ptr_array_index (self->sections, p->section);

  cairo_save (cr);

  /* Where the contents' links lead: the top of the page a section
   * starts on. */
  for (guint i = 0; i < self->sections->len; i++)
    {
      const Section *s = g_ptr_array_index (self->sections, i);

      if (s->placed && s->first_page == page)
        {
          g_autofree char *name = g_strdup_printf ("name='section-%u'", i);

          cairo_tag_begin (cr, CAIRO_TAG_DEST, name);
          cairo_tag_end (cr, CAIRO_TAG_DEST);
        }
    }

  if (!p->opening && section->header_left != NULL)
    draw_running_header (self, cr, section);

  for (guint i = 0; i < p->placements->len; i++)
    _casebook_render_report_draw_placement (self, cr, &g_array_index (p->placements, Placement, i));

  draw_footer (self, cr, page);

  cairo_restore (cr);
}

/*
 * casebook_render_report_format_page_number:
 * @page: a page, from 1
 * @n_pages: the number of pages
 *
 * Returns: (transfer full): the footer's "Page 3 of 12", in @lang
 */
static char *
casebook_render_report_format_page_number (CasebookLang lang,
                                           guint        page,
                                           guint        n_pages)
{
  /* Translators: the footer of a printed report, e.g. "Page 3 of 12" */
  return g_strdup_printf (L_ (lang, "Page %u of %u"), page, n_pages);
}

