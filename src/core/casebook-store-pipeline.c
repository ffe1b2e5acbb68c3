/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "casebook-store"

#include "config.h"

#include "casebook-store-private.h"

/* The second thread of a large import or subscription: it produces the
 * cases in order, each with its prepared form, staying at most
 * CASEBOOK_STORE_PIPELINE_DEPTH cases ahead of the writer. Where the
 * cases come from a file, it also reads and checks them, so checking and
 * writing overlap. */

void
_casebook_store_pipeline_item_free (CasebookStorePipelineItem *item)
{
  g_clear_object (&item->c);
  g_clear_pointer (&item->prep, _casebook_store_prepared_free);
  g_clear_error (&item->error);
  g_free (item);
}

static gpointer
pipeline_run (gpointer data)
{
  CasebookStorePipeline *pl = data;

  for (guint i = 0; i < pl->n_cases; i++)
    {
      CasebookStorePipelineItem *item = g_new0 (CasebookStorePipelineItem, 1);
      CasebookStorePipelineItem *spent;
      gboolean stop, failed;

      /* Freeing a case and its prepared form is work the writer, the
       * busier thread, leaves to this one. */
      while ((spent = g_async_queue_try_pop (pl->spent)) != NULL)
        _casebook_store_pipeline_item_free (spent);

      g_mutex_lock (&pl->lock);
      while (!pl->stop && i >= pl->consumed + CASEBOOK_STORE_PIPELINE_DEPTH)
        g_cond_wait (&pl->cond, &pl->lock);
      stop = pl->stop;
      g_mutex_unlock (&pl->lock);

      if (stop)
        {
          g_free (item);
          break;
        }

      item->c = pl->next_case (pl->source, i, &item->error);
      if (item->c != NULL)
        item->prep = _casebook_store_prepare_case (item->c);
      failed = item->c == NULL;

      /* From here on the item is the writer's, which may already have
       * freed it: it must not be looked at again. */
      g_async_queue_push (pl->ready, g_steal_pointer (&item));

      if (failed)
        break;
    }

  return NULL;
}

void
_casebook_store_pipeline_start (CasebookStorePipeline   *pl,
                CasebookCaseSource  next_case,
                gpointer    source,
                guint       n_cases)
{
  pl->next_case = next_case;
  pl->source = source;
  pl->n_cases = n_cases;
  pl->ready = g_async_queue_new_full ((GDestroyNotify) _casebook_store_pipeline_item_free);
  pl->spent = g_async_queue_new_full ((GDestroyNotify) _casebook_store_pipeline_item_free);
  g_mutex_init (&pl->lock);
  g_cond_init (&pl->cond);
  pl->thread = g_thread_new ("casebook-import", pipeline_run, pl);
}

/* Returns the next case, in order, with its prepared form or its error. */
CasebookStorePipelineItem *
_casebook_store_pipeline_next (CasebookStorePipeline *pl)
{
  CasebookStorePipelineItem *item = g_async_queue_pop (pl->ready);

  g_mutex_lock (&pl->lock);
  pl->consumed++;
  g_cond_signal (&pl->cond);
  g_mutex_unlock (&pl->lock);

  return item;
}

/* Hands @item, which the writer is done with, back to be freed. */
void
_casebook_store_pipeline_release (CasebookStorePipeline     *pl,
                  CasebookStorePipelineItem *item)
{
  g_async_queue_push (pl->spent, item);
}

void
_casebook_store_pipeline_finish (CasebookStorePipeline *pl)
{
  g_mutex_lock (&pl->lock);
  pl->stop = TRUE;
  g_cond_signal (&pl->cond);
  g_mutex_unlock (&pl->lock);

  g_thread_join (pl->thread);
  g_async_queue_unref (pl->ready);
  g_async_queue_unref (pl->spent);
  g_mutex_clear (&pl->lock);
  g_cond_clear (&pl->cond);
}

