/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

/* The render kit's text: Pango contexts and layouts, and markup made
 * safely from what a person typed. */

#include <math.h>
#include <string.h>

#include "casebook-render-private.h"

/**
 * _casebook_render_context_new_for_font_map:
 * @font_map: (nullable): the font map to use, %NULL for the calling
 *   thread's default one
 * @lang: the language of the text
 *
 * A context for laying out text that is measured once and drawn anywhere:
 * unhinted metrics make a line as wide in a PDF as on paper or on screen,
 * so a layout made without a cairo_t draws where it was measured.
 *
 * Returns: (transfer full): a new context
 */
PangoContext *
_casebook_render_context_new_for_font_map (PangoFontMap *font_map,
                                           CasebookLang  lang)
{
  PangoContext *context;
  cairo_font_options_t *options;

  if (font_map == NULL)
    font_map = pango_cairo_font_map_get_default ();

  context = pango_font_map_create_context (font_map);

  /* Chinese and Japanese share code points; the language picks the
   * Simplified Chinese forms of the glyphs and a Simplified Chinese font. */
  pango_context_set_language (context,
                              pango_language_from_string (lang == CASEBOOK_LANG_ZH ? "zh-cn" : "en"));

  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  return context;
}

static gboolean
unichar_is_chinese (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN ||
         (c >= 0x3000 && c <= 0x303f) ||    /* CJK symbols and punctuation */
         (c >= 0xff00 && c <= 0xffef);      /* full-width forms */
}

/**
 * _casebook_render_mark_chinese:
 *
 * Tags every run of Chinese characters in @layout as Simplified Chinese.
 * The context's language covers a Chinese report; this covers Chinese
 * text in an English one (a case with no English title, say), which would
 * otherwise be drawn with whatever CJK font the fallback finds first,
 * often a Japanese one.
 */
void
_casebook_render_mark_chinese (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  PangoAttrList *attrs = NULL;
  PangoLanguage *zh = pango_language_from_string ("zh-cn");
  const char *run = NULL;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean chinese = c != 0 && unichar_is_chinese (c);

      if (chinese && run == NULL)
        run = p;
      else if (!chinese && run != NULL)
        {
          PangoAttribute *attr = pango_attr_language_new (zh);

          if (attrs == NULL)
            {
              PangoAttrList *current = pango_layout_get_attributes (layout);

              attrs = current != NULL ? pango_attr_list_copy (current) : pango_attr_list_new ();
            }

          attr->start_index = run - text;
          attr->end_index = p - text;
          pango_attr_list_insert (attrs, attr);
          run = NULL;
        }

      if (c == 0)
        break;
    }

  if (attrs != NULL)
    {
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
}

/**
 * _casebook_render_font_layout_new:
 * @family: (nullable): the font family, %NULL for "Sans"
 * @size: the size in user-space units
 *
 * The one place a layout gets its font: every other layout of the render
 * library starts here.
 *
 * Returns: (transfer full): an empty layout in @family at @size
 */
PangoLayout *
_casebook_render_font_layout_new (PangoContext *context,
                                  const char   *family,
                                  double        size,
                                  PangoWeight   weight)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, family != NULL ? family : "Sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);

  return layout;
}

/**
 * _casebook_render_layout_new:
 * @markup: Pango markup; user text in it must be escaped
 *
 * Returns: (transfer full): a layout of @markup in @family at @size
 *   user-space units
 */
PangoLayout *
_casebook_render_layout_new (PangoContext *context,
                             const char   *family,
                             double        size,
                             PangoWeight   weight,
                             const char   *markup)
{
  PangoLayout *layout = _casebook_render_font_layout_new (context, family, size, weight);

  pango_layout_set_markup (layout, markup != NULL ? markup : "", -1);
  _casebook_render_mark_chinese (layout);

  return layout;
}

/**
 * _casebook_render_escape:
 * @text: (nullable): text as a person typed it
 *
 * Everything a person typed is escaped before it goes into markup.
 *
 * Returns: (transfer full): @text as Pango markup, "" for %NULL
 */
char *
_casebook_render_escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

/**
 * _casebook_render_small_caps:
 * @text: (nullable): plain text
 * @lang: the language of the text
 * @letter_spacing: the spacing between letters, in 1/1024 of a point
 *
 * A label in spaced capitals where the script has capitals (English), as
 * it is elsewhere. The case is mapped before escaping: "&amp;" upper-cased
 * is "&AMP;", which Pango does not know, and it drops the text.
 *
 * Returns: (transfer full): the markup of @text as a label
 */
char *
_casebook_render_small_caps (const char   *text,
                             CasebookLang  lang,
                             int           letter_spacing)
{
  g_autofree char *upper = NULL;
  g_autofree char *escaped = NULL;

  if (lang != CASEBOOK_LANG_EN)
    return _casebook_render_escape (text);

  upper = g_utf8_strup (text != NULL ? text : "", -1);
  escaped = _casebook_render_escape (upper);
  return g_strdup_printf ("<span letter_spacing=\"%d\">%s</span>", letter_spacing, escaped);
}

static void
setup_context (PangoContext               *context,
               const cairo_font_options_t *target_options,
               CasebookLang                lang)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* The language picks the Simplified Chinese forms of shared glyphs. */
  pango_context_set_language (context,
                              pango_language_from_string (lang == CASEBOOK_LANG_ZH ? "zh-cn" : "en"));

  /* Unhinted metrics lay text out the same on screen, on paper and in a
   * PDF, so a layout measured without a cairo_t (for hit-testing) matches
   * the one that is drawn. */
  if (target_options != NULL)
    cairo_font_options_merge (options, target_options);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
}

/**
 * _casebook_render_context_new:
 * @cr: (nullable): where the text will be drawn, or %NULL to measure only
 *
 * Returns: (transfer full): a Pango context for @lang
 */
PangoContext *
_casebook_render_context_new (cairo_t      *cr,
                              CasebookLang  lang)
{
  PangoContext *context;

  if (cr != NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      context = pango_cairo_create_context (cr);
      cairo_surface_get_font_options (cairo_get_target (cr), options);
      setup_context (context, options, lang);
      cairo_font_options_destroy (options);
    }
  else
    {
      context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      setup_context (context, NULL, lang);
    }

  return context;
}

void
_casebook_render_text_size (PangoLayout *layout,
                            double      *width,
                            double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

