/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CasebookScale:
 * @CASEBOOK_SCALE_LEVEL: a percentage reached, such as 80 % utilization,
 *   on a linear axis
 * @CASEBOOK_SCALE_NINES: availability, on an axis of nines (99.9 % is 3,
 *   99.99 % is 4), so that each nine is the same step and a tenth of the
 *   downtime
 * @CASEBOOK_SCALE_CHANGE: a relative change in percent, on a linear axis
 *   through 0
 * @CASEBOOK_SCALE_MULTIPLE: a multiple such as 10×, on a logarithmic axis
 * @CASEBOOK_SCALE_NUMBER: a number without a unit, on a linear axis
 *
 * How the values of one panel of a chart are laid out.
 */
typedef enum
{
  CASEBOOK_SCALE_LEVEL,
  CASEBOOK_SCALE_NINES,
  CASEBOOK_SCALE_CHANGE,
  CASEBOOK_SCALE_MULTIPLE,
  CASEBOOK_SCALE_NUMBER,
} CasebookScale;

/* The top of the availability axis: 99.9999 %. A stated 100 % has no
 * finite number of nines and is drawn there. */
#define CASEBOOK_NINES_MAX 6.0

double casebook_scale_to_axis         (CasebookScale scale,
                                       double        value);
double casebook_scale_from_axis       (CasebookScale scale,
                                       double        axis);
double casebook_availability_nines    (double        percent);
double casebook_availability_downtime (double        percent);

G_END_DECLS
