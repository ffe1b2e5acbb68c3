/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-format"

#include <math.h>
#include <string.h>

#include "casebook-format.h"
#include "casebook-l10n.h"

/* Up to four decimals, without trailing zeros: 99.99, 80, 0.5, -40. */
static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.4f", value);
  if (strchr (buf, '.') != NULL)
    {
      char *end = buf + strlen (buf) - 1;

      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }

  if (strcmp (buf, "-0") == 0)
    return g_strdup ("0");

  return g_strdup (buf);
}

/**
 * casebook_format_count:
 * @count: a whole number, such as a headcount
 *
 * A count with its digits grouped in threes, "50,000", the same in both
 * languages (Chinese reports group them so too). Every place that shows a
 * count uses this, so the page, the PDF and the command line agree.
 *
 * Returns: (transfer full): the count as text
 */
char *
casebook_format_count (gint64 count)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, count);
  const char *p = digits;
  GString *grouped = g_string_sized_new (strlen (digits) + 8);
  gsize len;

  if (*p == '-')
    {
      g_string_append (grouped, "−");
      p++;
    }

  len = strlen (p);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (grouped, ',');
      g_string_append_c (grouped, p[i]);
    }

  return g_string_free (grouped, FALSE);
}

/**
 * casebook_format_value:
 *
 * A value with its unit: "80%", "−40%" for a change, "+60%", "10×".
 *
 * Returns: (transfer full): the value as text
 */
char *
casebook_format_value (double        value,
                       CasebookUnit  unit,
                       CasebookLang  lang)
{
  g_autofree char *number = format_number (fabs (value));
  const char *sign = value < 0 ? "−" : "";

  switch (unit)
    {
    case CASEBOOK_UNIT_PERCENT:
      return g_strdup_printf ("%s%s%%", sign, number);
    case CASEBOOK_UNIT_PERCENT_CHANGE:
      return g_strdup_printf ("%s%s%%", value > 0 ? "+" : sign, number);
    case CASEBOOK_UNIT_TIMES:
      return g_strdup_printf ("%s%s×", sign, number);
    case CASEBOOK_UNIT_NONE:
    default:
      return g_strdup_printf ("%s%s", sign, number);
    }
}

static char *
format_short (double value)
{
  /* One decimal below ten, none above: "8.8", "53". */
  if (value < 9.95)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (buf, sizeof buf, "%.1f", value);
      if (g_str_has_suffix (buf, ".0"))
        buf[strlen (buf) - 2] = '\0';
      return g_strdup (buf);
    }

  return g_strdup_printf ("%.0f", value);
}

/**
 * casebook_format_downtime:
 * @seconds: a downtime per year
 *
 * Returns: (transfer full): a short text such as "8.8 h/yr" or "53分钟/年"
 */
char *
casebook_format_downtime (double        seconds,
                          CasebookLang  lang)
{
  /* The unit is the largest that the downtime fills; the words are
   * abbreviations, which English does not inflect, so one msgid each
   * rather than a plural: the number is often a fraction ("8.8"), which
   * ngettext could not count anyway. */
  static const double sizes[] = { 86400, 3600, 60, 1 };
  g_autofree char *number = NULL;
  guint i = 0;

  if (!isfinite (seconds))
    return g_strdup ("–");

  while (i < G_N_ELEMENTS (sizes) - 1 && seconds < sizes[i] * 0.995)
    i++;
  number = format_short (seconds / sizes[i]);

  switch (i)
    {
    case 0:
      /* Translators: a downtime per year in days, e.g. "1.5 d/yr" */
      return g_strdup_printf (L_ (lang, "%s d/yr"), number);
    case 1:
      /* Translators: a downtime per year in hours, e.g. "8.8 h/yr" */
      return g_strdup_printf (L_ (lang, "%s h/yr"), number);
    case 2:
      /* Translators: a downtime per year in minutes, e.g. "53 min/yr" */
      return g_strdup_printf (L_ (lang, "%s min/yr"), number);
    default:
      /* Translators: a downtime per year in seconds, e.g. "32 s/yr" */
      return g_strdup_printf (L_ (lang, "%s s/yr"), number);
    }
}

/**
 * casebook_format_value_for_scale:
 * @scale: the scale of the panel the value belongs to
 * @unit: the panel's unit
 * @value: a value in @unit
 *
 * Returns: (transfer full): the value as text: "80%", "−40%", "1.5×"
 */
char *
casebook_format_value_for_scale (CasebookScale  scale,
                                 CasebookUnit   unit,
                                 double         value,
                                 CasebookLang   lang)
{
  if (!isfinite (value))
    return g_strdup ("–");

  /* Means and converted changes have long tails (−42.5289 %, 1.3333×);
   * one decimal says enough of a percentage, two of a multiple. Nines
   * keep theirs, since there the decimals are the point. */
  if (scale == CASEBOOK_SCALE_MULTIPLE || scale == CASEBOOK_SCALE_NUMBER)
    value = round (value * 100) / 100;
  else if (scale == CASEBOOK_SCALE_LEVEL || scale == CASEBOOK_SCALE_CHANGE)
    value = round (value * 10) / 10;

  return casebook_format_value (value, unit, lang);
}

/**
 * casebook_format_outcome:
 *
 * The number of an outcome, with "before → after" where it has a
 * baseline, or %NULL for a qualitative outcome.
 *
 * Returns: (transfer full) (nullable): the figure
 */
char *
casebook_format_outcome (const CasebookOutcome *outcome,
                         CasebookLang           lang)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (outcome != NULL, NULL);

  if (!outcome->has_value)
    return NULL;

  value = casebook_format_value (outcome->value, outcome->unit, lang);
  if (outcome->has_baseline)
    {
      g_autofree char *baseline = casebook_format_value (outcome->baseline, outcome->unit, lang);
      return g_strdup_printf ("%s → %s", baseline, value);
    }

  return g_steal_pointer (&value);
}

/**
 * casebook_outcome_verdict:
 *
 * Whether an outcome is an improvement, judged by the direction the data
 * gives. A change (or a level with a baseline) in the better direction is
 * good, in the other direction bad. A level without a baseline, such as
 * 99.99% availability, says nothing about change and is neutral.
 */
CasebookVerdict
casebook_outcome_verdict (const CasebookOutcome *outcome)
{
  double delta;

  g_return_val_if_fail (outcome != NULL, CASEBOOK_VERDICT_NEUTRAL);

  if (!outcome->has_value || outcome->better == CASEBOOK_BETTER_NONE)
    return CASEBOOK_VERDICT_NEUTRAL;

  switch (outcome->unit)
    {
    case CASEBOOK_UNIT_PERCENT_CHANGE:
      delta = outcome->value;
      break;
    case CASEBOOK_UNIT_TIMES:
      delta = outcome->value - 1.0;
      break;
    case CASEBOOK_UNIT_PERCENT:
    case CASEBOOK_UNIT_NONE:
    default:
      if (!outcome->has_baseline)
        return CASEBOOK_VERDICT_NEUTRAL;
      delta = outcome->value - outcome->baseline;
      break;
    }

  if (delta == 0)
    return CASEBOOK_VERDICT_NEUTRAL;

  if ((delta > 0) == (outcome->better == CASEBOOK_BETTER_HIGHER))
    return CASEBOOK_VERDICT_GOOD;

  return CASEBOOK_VERDICT_BAD;
}

/**
 * casebook_format_phase_span:
 *
 * Returns: (transfer full): "2023", "2024 Q1–Q2" or "2023–2024 Q3"
 */
char *
casebook_format_phase_span (const CasebookPhase *phase)
{
  g_autofree char *start = casebook_point_format (&phase->start);
  g_autofree char *end = casebook_point_format (&phase->end);

  if (g_strcmp0 (start, end) == 0)
    return g_steal_pointer (&start);

  if (phase->start.year == phase->end.year && phase->start.quarter > 0 && phase->end.quarter > 0)
    return g_strdup_printf ("%d Q%d–Q%d", phase->start.year, phase->start.quarter, phase->end.quarter);

  return g_strdup_printf ("%s – %s", start, end);
}
