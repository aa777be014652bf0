// Executing write plans (js/model/writes.mjs): the I/O of a write, in order. First what the S3
// cleanup needs (the 'item'-layout objects the write replaces, read from the item unless the write
// returns the old item), then the uploads, then the DynamoDB request, then the S3 side settled by its
// outcome (js/model/s3-writes.mjs). An S3 object is thus written before the item that points to it.
import { uploadObjects, written } from './s3-writes.mjs';

/**
 * Everything of `plan` before its request: reads what it replaces, uploads its objects. A failed
 * upload deletes what the plan uploaded (nothing was sent), then throws. `abortSignal` (the
 * write's) reaches the read and the uploads; an abort rejects with E_ABORTED.
 */
export async function stage(plan, abortSignal) {
  if (plan.s3 && !plan.s3.fromResponse) await plan.s3.readPrevious(abortSignal);
  await uploadObjects(plan.m, plan.itemKey, plan.objects, plan.s3, abortSignal);
}

/**
 * Executes one plan: stage, `request()` (the DynamoDB call), settle, commit; returns the response.
 * A plan without S3 objects has nothing to stage or settle: its request alone, with no async step
 * around it.
 */
export async function execute(plan, request, abortSignal) {
  const staged = Boolean(plan.s3) || plan.objects.length > 0;
  if (staged) await stage(plan, abortSignal);
  const out = await (staged ? written(plan.s3, request) : request());
  plan.commit();
  return out;
}
