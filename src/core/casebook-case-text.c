/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-case-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "casebook-case-text.h"
#include "casebook-escape.h"
#include "casebook-format.h"
#include "casebook-l10n.h"

/**
 * SECTION:casebook-case-text
 *
 * A case as a short text to copy into a mail, a chat or a document: its
 * title, the facts (organisation, sector, kind, size, period, approach),
 * what went wrong for a failure, the measured outcomes and the source,
 * with a link that opens the case in Casebook. Plain text for the
 * clipboard, and Markdown in which nothing a case holds can become markup
 * (a title such as `*[x](javascript:)*` stays that text).
 *
 * The labels are in the content language, like the text around them,
 * whatever the language of the interface.
 *
 * And the links themselves: casebook://case/ID, with the id
 * percent-encoded.
 */

typedef enum
{
  FORMAT_TEXT,
  FORMAT_MARKDOWN,
} Format;

/* One value on one line: a line feed or any other control character
 * becomes a space, and the controls that reorder text (which could make
 * a pasted line read differently from what it holds) are dropped. Runs of
 * spaces made that way are kept to one. */
static char *
one_line (const char *str)
{
  GString *out = g_string_new (NULL);
  gboolean space = TRUE;

  if (str == NULL)
    return g_string_free (out, FALSE);

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
          c == 0x200E || c == 0x200F || c == 0x061C)
        continue;

      if (g_unichar_iscntrl (c) || c == ' ' || c == 0x2028 || c == 0x2029)
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
          continue;
        }

      g_string_append_unichar (out, c);
      space = FALSE;
    }

  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/**
 * casebook_markdown_escape:
 * @text: (nullable): text to put into Markdown
 *
 * Escapes @text so that Markdown (CommonMark, and GitHub's flavour of it)
 * shows it as it is: every character that can open or close emphasis, a
 * link, an image, code, HTML, an entity, a table cell or strike-through is
 * preceded by a backslash, and the text is kept on one line, so it cannot
 * start a heading, a list or a quote of its own. `-`, `+` and `.` are left
 * alone: they mean something only at the start of a line, where escaped
 * text never is.
 *
 * Returns: (transfer full): the escaped text
 */
char *
casebook_markdown_escape (const char *text)
{
  g_autofree char *flat = one_line (text);
  GString *out = g_string_sized_new (strlen (flat) + 8);

  for (const char *p = flat; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]()#!<>|~&", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
append_value (GString    *out,
              Format      format,
              const char *value)
{
  g_autofree char *text = format == FORMAT_MARKDOWN ? casebook_markdown_escape (value) : one_line (value);

  g_string_append (out, text);
}

/* A label and its value; @indent for a fact under a heading, which in
 * plain text is indented like the items there. */
static void
append_fact (GString      *out,
             Format        format,
             CasebookLang  lang,
             gboolean      indent,
             const char   *label,
             const char   *value)
{
  if (value == NULL || *value == '\0')
    return;

  if (format == FORMAT_MARKDOWN)
    {
      g_autofree char *escaped = casebook_markdown_escape (value);

      /* Translators: a label and its value in a copied case, such as "Sector: Finance" */
      g_autofree char *pair = g_strdup_printf (L_ (lang, "%s: %s"), "\x01", escaped);
      g_auto(GStrv) parts = g_strsplit (pair, "\x01", 2);

      /* The label is bold; the separator is the language's own. */
      g_string_append_printf (out, "- %s**%s**%s\n", parts[0], label, parts[1] != NULL ? parts[1] : "");
    }
  else
    {
      g_autofree char *flat = one_line (value);

      if (indent)
        g_string_append (out, "  ");
      g_string_append_printf (out, L_ (lang, "%s: %s"), label, flat);
      g_string_append_c (out, '\n');
    }
}

static void
append_heading (GString    *out,
                Format      format,
                const char *title)
{
  if (format == FORMAT_MARKDOWN)
    g_string_append_printf (out, "\n## %s\n\n", title);
  else
    g_string_append_printf (out, "\n%s\n", title);
}

static void
append_item (GString    *out,
             Format      format,
             const char *text,
             const char *figure)
{
  g_string_append (out, format == FORMAT_MARKDOWN ? "- " : "  • ");
  append_value (out, format, text);
  if (figure != NULL)
    {
      g_string_append (out, format == FORMAT_MARKDOWN ? " (" : "  [");
      append_value (out, format, figure);
      g_string_append_c (out, format == FORMAT_MARKDOWN ? ')' : ']');
    }
  g_string_append_c (out, '\n');
}

/* Markdown makes a link of an address only when it is plainly a web
 * address; anything else is shown as escaped text. */
static gboolean
is_web_address (const char *url)
{
  if (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    return FALSE;

  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || (guchar) *p >= 0x7f || strchr ("<>\"`\\", *p) != NULL)
      return FALSE;

  return TRUE;
}

static char *
format_case (CasebookCase *c,
             const char   *sector_name,
             CasebookLang  lang,
             Format        format)
{
  GString *out = g_string_new (NULL);
  const CasebookText *subsector = casebook_case_get_subsector (c);
  const CasebookFailure *failure = casebook_case_get_failure (c);
  const CasebookSource *source = casebook_case_get_source (c);
  GPtrArray *outcomes = casebook_case_get_outcomes (c);
  g_autofree char *sector = NULL;
  g_autofree char *employees = casebook_case_format_employees (c);
  g_autofree char *period = casebook_case_format_period (c);
  g_autofree char *link = casebook_case_link_for_id (casebook_case_get_id (c));

  if (sector_name == NULL || *sector_name == '\0')
    sector_name = casebook_case_get_sector (c);
  if (!casebook_text_is_empty (subsector))
    sector = g_strdup_printf ("%s / %s", sector_name, casebook_text_get (subsector, lang));
  else
    sector = g_strdup (sector_name);

  if (format == FORMAT_MARKDOWN)
    g_string_append (out, "# ");
  append_value (out, format, casebook_text_get (casebook_case_get_title (c), lang));
  g_string_append (out, format == FORMAT_MARKDOWN ? "\n\n" : "\n");

  append_fact (out, format, lang, FALSE, L_ (lang, "Organization"),
               casebook_text_get (casebook_case_get_organization (c), lang));
  append_fact (out, format, lang, FALSE, L_ (lang, "Sector"), sector);
  append_fact (out, format, lang, FALSE, L_ (lang, "Kind"), casebook_kind_label (casebook_case_get_kind (c), lang));
  if (casebook_case_get_size (c) != CASEBOOK_SIZE_UNKNOWN)
    append_fact (out, format, lang, FALSE, L_ (lang, "Size"), casebook_size_label (casebook_case_get_size (c), lang));
  append_fact (out, format, lang, FALSE, L_ (lang, "Employees"), employees);
  append_fact (out, format, lang, FALSE, L_ (lang, "Period"), period);
  if (casebook_case_get_approach (c) != CASEBOOK_APPROACH_NONE)
    append_fact (out, format, lang, FALSE, L_ (lang, "Approach"),
                 casebook_approach_label (casebook_case_get_approach (c), lang));

  if (failure != NULL)
    {
      append_heading (out, format, L_ (lang, "What went wrong"));
      append_fact (out, format, lang, TRUE, L_ (lang, "Problem"), casebook_text_get (failure->problem, lang));
      append_fact (out, format, lang, TRUE, L_ (lang, "Result"), casebook_text_get (failure->result, lang));
    }

  if (outcomes->len > 0)
    {
      append_heading (out, format, L_ (lang, "Outcomes"));
      for (guint i = 0; i < outcomes->len; i++)
        {
          const CasebookOutcome *outcome = g_ptr_array_index (outcomes, i);
          g_autofree char *figure = casebook_format_outcome (outcome, lang);

          append_item (out, format, casebook_text_get (outcome->text, lang), figure);
        }
    }

  if (source != NULL)
    {
      append_heading (out, format, L_ (lang, "Source"));
      if (source->title != NULL)
        append_item (out, format, casebook_text_get (source->title, lang), NULL);
      if (source->section != NULL)
        append_fact (out, format, lang, TRUE, L_ (lang, "Section"), source->section);
      if (source->url != NULL)
        {
          if (format == FORMAT_MARKDOWN && is_web_address (source->url))
            g_string_append_printf (out, "- <%s>\n", source->url);
          else
            append_item (out, format, source->url, NULL);
        }
      if (source->date != NULL)
        append_fact (out, format, lang, TRUE, L_ (lang, "Date"), source->date);
    }

  g_string_append_c (out, '\n');
  /* The link is percent-encoded, so it holds nothing Markdown reads. */
  if (format == FORMAT_MARKDOWN)
    g_string_append_printf (out, "[%s](%s)\n",
                            /* Translators: a link at the end of a case copied as Markdown */
                            L_ (lang, "Open in Casebook"), link);
  else
    {
      g_string_append_printf (out, L_ (lang, "%s: %s"),
                              /* Translators: the label of a case's casebook:// link in a copied case */
                              L_ (lang, "Link"), link);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/**
 * casebook_case_format_text:
 * @c: a case
 * @sector_name: (nullable): the name of the case's sector in @lang, or
 *   %NULL to show its key
 * @lang: the language of the text
 *
 * The case as a short plain text: the title on the first line, one line
 * per fact ("Sector: Finance"), what went wrong, the outcomes and the
 * source as indented bullets under their headings, and a last line with
 * the case's link. Every value is kept on its line.
 *
 * Returns: (transfer full): the text, ending with a line feed
 */
char *
casebook_case_format_text (CasebookCase *c,
                           const char   *sector_name,
                           CasebookLang  lang)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (c), NULL);

  return format_case (c, sector_name, lang, FORMAT_TEXT);
}

/**
 * casebook_case_format_markdown:
 * @c: a case
 * @sector_name: (nullable): the name of the case's sector in @lang
 * @lang: the language of the text
 *
 * The same as casebook_case_format_text() in Markdown: the title as a
 * heading, the facts as a list with bold labels, a section for each part,
 * and a link that opens the case in Casebook. Every text of the case is
 * escaped with casebook_markdown_escape(); the source's address becomes a
 * link only when it is a plain web address.
 *
 * Returns: (transfer full): the Markdown text
 */
char *
casebook_case_format_markdown (CasebookCase *c,
                               const char   *sector_name,
                               CasebookLang  lang)
{
  g_return_val_if_fail (CASEBOOK_IS_CASE (c), NULL);

  return format_case (c, sector_name, lang, FORMAT_MARKDOWN);
}

/**
 * casebook_case_link_for_id:
 * @id: a case id
 *
 * Returns: (transfer full): the link that opens the case with @id, such as
 *   `casebook://case/report-2.1`
 */
char *
casebook_case_link_for_id (const char *id)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  escaped = g_uri_escape_string (id, NULL, FALSE);
  return g_strconcat (CASEBOOK_CASE_LINK_PREFIX, escaped, NULL);
}

/**
 * casebook_case_link_is_link:
 * @uri: any text
 *
 * Returns: whether @uri has the casebook: scheme, so that it is to be
 *   taken as a link rather than as a file name
 */
gboolean
casebook_case_link_is_link (const char *uri)
{
  g_return_val_if_fail (uri != NULL, FALSE);

  return g_ascii_strncasecmp (uri, "casebook:", strlen ("casebook:")) == 0;
}

/**
 * casebook_case_link_parse:
 * @uri: a link such as `casebook://case/report-2.1`
 * @error: where to say why @uri is not a link to a case
 *
 * Takes the case id out of a link made by casebook_case_link_for_id(). A
 * query or a fragment after the id is ignored. Whether a case with that
 * id exists is for the store to say.
 *
 * Returns: (transfer full) (nullable): the id, or %NULL with @error set
 */
char *
casebook_case_link_parse (const char  *uri,
                          GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *id = NULL;
  const char *path;

  g_return_val_if_fail (uri != NULL, NULL);

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL ||
      g_ascii_strcasecmp (g_uri_get_scheme (parsed), "casebook") != 0 ||
      g_uri_get_host (parsed) == NULL ||
      g_ascii_strcasecmp (g_uri_get_host (parsed), "case") != 0 ||
      g_uri_get_port (parsed) != -1 ||
      g_uri_get_userinfo (parsed) != NULL)
    goto refuse;

  path = g_uri_get_path (parsed);
  if (path[0] != '/' || path[1] == '\0')
    goto refuse;

  /* An id is one segment: a "/" in it comes percent-encoded. %00 is
   * refused by the unescaping. */
  if (strchr (path + 1, '/') != NULL)
    goto refuse;
  id = g_uri_unescape_segment (path + 1, NULL, NULL);
  if (id == NULL || !g_utf8_validate (id, -1, NULL) || casebook_string_find_control (id, CASEBOOK_ONE_LINE, NULL))
    goto refuse;

  return g_steal_pointer (&id);

refuse:
  {
    g_autofree char *valid = g_utf8_make_valid (uri, -1);
    g_autofree char *quoted = casebook_quote_value (valid);

    /* Translators: the argument is the link as it was given, quoted and shortened */
    g_set_error (error, G_URI_ERROR, G_URI_ERROR_FAILED,
                 _("“%s” is not a link to a case; a link looks like casebook://case/ID"), quoted);
    return NULL;
  }
}
