/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

/* The entry point libFuzzer calls, and fuzz-replay.c in the test suite. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Whatever GLib, json-glib or Casebook warns about while an input runs is
 * a bug the input found, so warnings abort like crashes do. */
static inline void
fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
}

G_END_DECLS
