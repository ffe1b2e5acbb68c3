/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-search"

#include "config.h"

#include <string.h>

#include "casebook-search-snippet.h"
#include "casebook-tokenizer.h"

/* Why a case matched a search: a short piece of the text that matched,
 * with the matched words marked. The terms are found the way the index
 * finds them (casebook_search_parse_terms() reads the query as the
 * search does, casebook_tokenize_runs() cuts a text where the tokenizer
 * does): a word whole, or by its start while it is being typed; a run of
 * Chinese characters, also a two-character word, where its characters
 * stand in a row.
 *
 * It is made for one case at a time, for the rows a person sees, so it
 * reads a case's texts directly rather than asking the index. */

/* A text longer than this (a long personal note) is searched in its
 * first part only: a snippet is a glimpse, and the work stays bounded. */
#define MAX_TEXT_BYTES 20000

/* How much of the text before the first match a snippet keeps. */
#define LEAD_CHARS 24

typedef struct
{
  gsize start;
  gsize end;
} Span;

typedef struct
{
  GPtrArray *terms;
  guint32    matched;  /* one bit per term */
  GArray    *spans;    /* (nullable): where, when wanted */
} Scan;

static void
mark (Scan  *scan,
      guint  term,
      gsize  start,
      gsize  end)
{
  Span span = { start, end };

  scan->matched |= 1u << term;
  if (scan->spans != NULL)
    g_array_append_val (scan->spans, span);
}

static void
on_run (const char *text,
        gsize       start,
        gsize       end,
        gboolean    cjk,
        gpointer    user_data)
{
  Scan *scan = user_data;
  g_autofree char *word = NULL;

  for (guint i = 0; i < scan->terms->len; i++)
    {
      const CasebookSearchTerm *term = g_ptr_array_index (scan->terms, i);

      if (term->cjk != cjk)
        continue;

      if (cjk)
        {
          /* UTF-8 is self-synchronising: a match of the bytes is a match
           * of whole characters. */
          gsize length = strlen (term->folded);
          const char *p = text + start;
          const char *limit = text + end;

          while ((gsize) (limit - p) >= length)
            {
              const char *hit = g_strstr_len (p, limit - p, term->folded);

              if (hit == NULL)
                break;
              mark (scan, i, hit - text, hit - text + length);
              p = hit + length;
            }
        }
      else
        {
          if (word == NULL)
            word = casebook_search_fold_word (text + start, end - start);
          if (term->prefix ? g_str_has_prefix (word, term->folded) : g_str_equal (word, term->folded))
            mark (scan, i, start, end);
        }
    }
}

static guint32
scan_text (GPtrArray  *terms,
           const char *text,
           gsize       length,
           GArray     *spans)
{
  Scan scan = { terms, 0, spans };

  casebook_tokenize_runs (text, MIN (length, MAX_TEXT_BYTES), on_run, &scan);
  return scan.matched;
}

static guint
count_bits (guint32 bits)
{
  guint n = 0;

  for (; bits != 0; bits &= bits - 1)
    n++;
  return n;
}

static gboolean
text_is_chinese (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;

  return FALSE;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *sa = a, *sb = b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  return sa->end < sb->end ? -1 : sa->end > sb->end;
}

static void
append_escaped (GString    *markup,
                GString    *plain,
                const char *text,
                gsize       length)
{
  g_autofree char *escaped = g_markup_escape_text (text, (gssize) length);

  g_string_append (markup, escaped);
  g_string_append_len (plain, text, (gssize) length);
}

/* The part of @line around its first match, about
 * CASEBOOK_SNIPPET_CHARS long, cut at a space where there is one near. */
static void
excerpt (const char *line,
         GArray     *spans,
         GString    *markup,
         GString    *plain)
{
  glong n_chars = g_utf8_strlen (line, -1);
  glong first = g_utf8_pointer_to_offset (line, line + g_array_index (spans, Span, 0).start);
  glong from = MAX (0, first - LEAD_CHARS);
  glong to;
  const char *start, *end, *p;

  /* A text whose match is near enough its start is shown from there. */
  if (first + LEAD_CHARS <= CASEBOOK_SNIPPET_CHARS)
    from = 0;

  /* From the start of a word, when a space is near. */
  if (from > 0)
    {
      const char *q = g_utf8_offset_to_pointer (line, from);

      for (glong i = 0; i < 12 && from + i < first; i++, q = g_utf8_next_char (q))
        if (*q == ' ')
          {
            from += i + 1;
            break;
          }
    }

  to = MIN (n_chars, from + CASEBOOK_SNIPPET_CHARS);
  if (to < n_chars)
    {
      const char *q = g_utf8_offset_to_pointer (line, to);

      for (glong i = 0; i < 16 && to - i > first + 1; i++, q = g_utf8_prev_char (q))
        if (*q == ' ')
          {
            to -= i;
            break;
          }
    }

  start = g_utf8_offset_to_pointer (line, from);
  end = g_utf8_offset_to_pointer (line, to);

  if (from > 0)
    append_escaped (markup, plain, "…", strlen ("…"));

  p = start;
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      const char *a = MAX (line + span->start, p);
      const char *b = MIN (line + span->end, end);

      if (a >= b)
        continue;

      append_escaped (markup, plain, p, a - p);
      g_string_append (markup, "<b>");
      append_escaped (markup, plain, a, b - a);
      g_string_append (markup, "</b>");
      p = b;
    }
  append_escaped (markup, plain, p, end - p);

  if (to < n_chars)
    append_escaped (markup, plain, "…", strlen ("…"));
}

/**
 * casebook_search_snippet:
 * @c: a case that a search found
 * @query: the search, as a person typed it
 * @lang: the language the person reads; a text in it is preferred when
 *   texts in both languages match as well
 * @plain: (out) (optional): the snippet as plain text, for screen readers
 *
 * Says why @c matched @query: the text of the case (other than its
 * title) that holds the most of the query's terms, cut to about
 * %CASEBOOK_SNIPPET_CHARS characters around the first match, with every
 * matched term in `<b>`…`</b>`. A case whose title holds every term needs
 * no snippet.
 *
 * Returns: (transfer full) (nullable): the snippet as Pango markup, the
 *   case's text escaped, or %NULL when there is nothing to show
 */
char *
casebook_search_snippet (CasebookCase  *c,
                         const char    *query,
                         CasebookLang   lang,
                         char         **plain)
{
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GString) title = NULL;
  g_autoptr(GString) body = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GString) markup = NULL;
  g_autoptr(GString) text = NULL;
  g_auto(GStrv) lines = NULL;
  const char * const *tags;
  const char *note;
  const char *best = NULL;
  guint32 all, in_title;
  guint best_new = 0, best_all = 0;
  gboolean best_in_lang = FALSE;

  g_return_val_if_fail (CASEBOOK_IS_CASE (c), NULL);

  if (plain != NULL)
    *plain = NULL;

  terms = casebook_search_parse_terms (query);
  if (terms->len == 0)
    return NULL;
  all = terms->len >= 32 ? G_MAXUINT32 : (1u << terms->len) - 1;

  title = g_string_new (NULL);
  body = g_string_new (NULL);
  casebook_case_append_search_text (c, title, body);

  /* The index's body also holds the person's own note and tags. */
  note = casebook_case_get_personal_note (c);
  if (note != NULL && note[0] != '\0')
    g_string_append_printf (body, "%s\n", note);
  tags = casebook_case_get_tags (c);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_string_append_printf (body, "%s\n", tags[i]);

  in_title = scan_text (terms, title->str, title->len, NULL);
  if ((in_title & all) == all)
    return NULL;

  /* Each text of the case is a line of the body, in each language. */
  lines = g_strsplit (body->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint32 found;
      guint n_new, n_all;
      gboolean in_lang;

      if (lines[i][0] == '\0')
        continue;

      found = scan_text (terms, lines[i], strlen (lines[i]), NULL);
      n_new = count_bits (found & ~in_title);
      n_all = count_bits (found);
      if (n_new == 0)
        continue;

      in_lang = text_is_chinese (lines[i]) == (lang == CASEBOOK_LANG_ZH);
      if (best == NULL || n_new > best_new || (n_new == best_new && n_all > best_all) ||
          (n_new == best_new && n_all == best_all && in_lang && !best_in_lang))
        {
          best = lines[i];
          best_new = n_new;
          best_all = n_all;
          best_in_lang = in_lang;
        }
    }

  if (best == NULL)
    return NULL;

  spans = g_array_new (FALSE, FALSE, sizeof (Span));
  scan_text (terms, best, strlen (best), spans);
  g_array_sort (spans, compare_spans);

  markup = g_string_new (NULL);
  text = g_string_new (NULL);
  excerpt (best, spans, markup, text);

  if (plain != NULL)
    *plain = g_string_free (g_steal_pointer (&text), FALSE);
  return g_string_free (g_steal_pointer (&markup), FALSE);
}
