/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-render"

#include "casebook-render-report-private.h"

/* The structure of a tagged PDF, so that a screen reader can read a
 * printed report and a reader can reflow it: every block the flow lays
 * out is drawn inside its element (a heading, a paragraph, a list item, a
 * figure, a table), in reading order, all inside one Document element.
 *
 * What cairo 1.16 does with the tags decides how they are used:
 *
 * - Only an element without child elements holds marked content. What is
 *   drawn while an element with children is the innermost one is left
 *   unmarked, outside the structure: that is where the running header and
 *   footer, rules and a table's header repeated on later pages go.
 * - An element still open at cairo_show_page() goes on on the next page,
 *   and if it holds content itself, all that is drawn there (the running
 *   header first) goes into it. So a block broken over pages is one
 *   element holding a child element for each page's part, closed before
 *   the page ends.
 * - Structure elements take no attributes: there is no way to give a
 *   figure its /Alt text, nor the document its /Lang.
 *
 * Tags are only drawn while a PDF is written, page after page in order;
 * on the screen, in print and in images nothing changes. */

static const char * const headings[] = { "H1", "H2", "H3", "H4", "H5", "H6" };

/*
 * _casebook_render_report_style_tag:
 * @style: the style of a text block
 *
 * Returns: (transfer none): the element of a text block in @style: a
 *   heading of its level, or a paragraph
 */
const char *
_casebook_render_report_style_tag (CasebookRenderReport *self,
                                   StyleId               style)
{
  /* A collection or a brief has its cover's title above all else, so
   * the titles of its parts and cases are a level lower than those of a
   * summary. */
  guint shift = self->kind == CASEBOOK_RENDER_REPORT_SUMMARY ? 0 : 1;

  switch ((int) style)
    {
    case STYLE_COVER_TITLE:
      return headings[0];
    case STYLE_TITLE:
      return headings[0 + shift];
    case STYLE_HEADING:
      return headings[1 + shift];
    case STYLE_SUBHEADING:
      return headings[2 + shift];
    default:
      return "P";
    }
}

/*
 * _casebook_render_report_mark_tags:
 *
 * After the flow: marks which blocks open and close the run of blocks
 * their group element holds (a list around its items), and which
 * placement is the first and the last part of its block.
 */
void
_casebook_render_report_mark_tags (CasebookRenderReport *self)
{
  Block *previous = NULL;
  Placement *last = NULL;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      block->opens_group = block->closes_group = FALSE;

      /* A list does not go on over the start of a section. */
      if (block->type == BLOCK_BREAK)
        {
          if (previous != NULL && previous->group != NULL)
            previous->closes_group = TRUE;
          previous = NULL;
          continue;
        }

      if (block->type == BLOCK_SPACE || block->tag == NULL)
        continue;

      if (block->group != NULL)
        block->opens_group = previous == NULL || g_strcmp0 (previous->group, block->group) != 0;
      if (previous != NULL && previous->group != NULL && g_strcmp0 (previous->group, block->group) != 0)
        previous->closes_group = TRUE;
      previous = block;
    }

  if (previous != NULL && previous->group != NULL)
    previous->closes_group = TRUE;

  /* The flow places the parts of a block one after the other. */
  for (guint p = 0; p < self->pages->len; p++)
    {
      Page *page = g_ptr_array_index (self->pages, p);

      for (guint i = 0; i < page->placements->len; i++)
        {
          Placement *placement = &g_array_index (page->placements, Placement, i);

          placement->opens = last == NULL || last->block != placement->block;
          placement->closes = FALSE;
          if (last != NULL && last->block != placement->block)
            last->closes = TRUE;
          last = placement;
        }
    }

  if (last != NULL)
    last->closes = TRUE;
}

/*
 * _casebook_render_report_tag_begin:
 * @tag: (transfer none): a structure element cairo knows, as a static
 *   string
 *
 * Opens @tag while a PDF is written, and does nothing otherwise.
 */
void
_casebook_render_report_tag_begin (CasebookRenderReport *self,
                                   cairo_t              *cr,
                                   const char           *tag)
{
  if (!self->tagging)
    return;

  cairo_tag_begin (cr, tag, NULL);
  g_ptr_array_add (self->open_tags, (gpointer) tag);
}

/* Closes the innermost element opened with
 * _casebook_render_report_tag_begin(). */
void
_casebook_render_report_tag_end (CasebookRenderReport *self,
                                 cairo_t              *cr)
{
  const char *tag;

  if (!self->tagging)
    return;

  g_return_if_fail (self->open_tags->len > 0);

  tag = g_ptr_array_steal_index (self->open_tags, self->open_tags->len - 1);
  cairo_tag_end (cr, tag);
}

/* Before the first page of a PDF: from here on, blocks are drawn inside
 * their elements, and all of them inside the Document. */
void
_casebook_render_report_start_tagging (CasebookRenderReport *self,
                                       cairo_t              *cr)
{
  g_assert (!self->tagging);

  self->tagging = TRUE;
  self->open_tags = g_ptr_array_new ();
  _casebook_render_report_tag_begin (self, cr, "Document");
}

/* After the last page, or the last one drawn when writing stopped: closes
 * every element still open, as cairo refuses an unbalanced tree. */
void
_casebook_render_report_stop_tagging (CasebookRenderReport *self,
                                      cairo_t              *cr)
{
  if (!self->tagging)
    return;

  while (self->open_tags->len > 0)
    _casebook_render_report_tag_end (self, cr);

  g_clear_pointer (&self->open_tags, g_ptr_array_unref);
  self->tagging = FALSE;
}
