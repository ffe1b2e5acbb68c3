/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-scale"

#include <math.h>

#include "casebook-scale.h"

/* The arithmetic of a chart's axes: where a value lies on the axis of
 * its scale and back, and what an availability means in nines and in
 * downtime. Pure functions of numbers, so that the aggregation, the
 * drawing and the views all map values the same way. */

/**
 * casebook_availability_nines:
 * @percent: an availability, such as 99.99
 *
 * Returns: the number of nines: 2 for 99 %, 3 for 99.9 %, 3.3 for 99.95 %;
 *   %CASEBOOK_NINES_MAX for 100 % and above; NAN below 0 %
 */
double
casebook_availability_nines (double percent)
{
  if (!isfinite (percent) || percent < 0)
    return NAN;
  if (percent >= 100)
    return CASEBOOK_NINES_MAX;

  return MIN (-log10 (1 - percent / 100), CASEBOOK_NINES_MAX);
}

/**
 * casebook_availability_downtime:
 * @percent: an availability, such as 99.99
 *
 * Returns: the downtime it allows, in seconds per year (of 365.25 days)
 */
double
casebook_availability_downtime (double percent)
{
  if (!isfinite (percent))
    return NAN;

  return MAX (0, 1 - percent / 100) * 365.25 * 24 * 3600;
}

/**
 * casebook_scale_to_axis:
 *
 * Where @value lies on the axis of @scale: itself on linear scales, its
 * logarithm for multiples, its nines for availability.
 *
 * Returns: the position, or NAN when @value cannot be drawn on @scale
 */
double
casebook_scale_to_axis (CasebookScale scale,
                        double        value)
{
  if (!isfinite (value))
    return NAN;

  switch (scale)
    {
    case CASEBOOK_SCALE_MULTIPLE:
      return value > 0 ? log10 (value) : NAN;
    case CASEBOOK_SCALE_NINES:
      return casebook_availability_nines (value);
    case CASEBOOK_SCALE_LEVEL:
    case CASEBOOK_SCALE_CHANGE:
    case CASEBOOK_SCALE_NUMBER:
    default:
      return value;
    }
}

/**
 * casebook_scale_from_axis:
 *
 * The inverse of casebook_scale_to_axis().
 */
double
casebook_scale_from_axis (CasebookScale scale,
                          double        axis)
{
  switch (scale)
    {
    case CASEBOOK_SCALE_MULTIPLE:
      return pow (10, axis);
    case CASEBOOK_SCALE_NINES:
      return 100 * (1 - pow (10, -axis));
    case CASEBOOK_SCALE_LEVEL:
    case CASEBOOK_SCALE_CHANGE:
    case CASEBOOK_SCALE_NUMBER:
    default:
      return axis;
    }
}
