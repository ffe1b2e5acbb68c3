/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-format"

#include <math.h>
#include <string.h>

#include "casebook-format.h"

/**
 * casebook_format_number:
 *
 * Up to four decimals, without trailing zeros: 99.99, 80, 0.5, -40.
 *
 * Returns: (transfer full): the number as text
 */
char *
casebook_format_number (double value)
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
  g_autofree char *number = casebook_format_number (fabs (value));
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
