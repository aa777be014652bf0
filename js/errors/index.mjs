// Public error classes (`errors.*`). Every error thrown by dynamodb-mate carries a stable `.code`;
// the codec codes and when they occur are listed in docs/wasm-interface.md, the DynamoDB ones in
// docs/models.md. Messages never contain key bytes or plaintext.

export class DynamoDBMateError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The web build was used before `await init()`; on Node, the .wasm could not be read or instantiated (at its first use). */
export class NotInitializedError extends DynamoDBMateError {}

/** Base class of everything the codecs throw; E_RANDOM is raised with this class itself. */
export class CodecError extends DynamoDBMateError {}

/** E_INPUT_TYPE (a JS argument of the wrong type) and E_ARGUMENT (a value out of range). */
export class ArgumentError extends CodecError {}

/**
 * E_KEY_LENGTH: a raw key is not 32 bytes. E_KEY_NOT_SET: an encrypted attribute was used before its
 * key provider was resolved (`await Model.prepare()`).
 */
export class KeyError extends CodecError {}

/** E_GZIP_*. */
export class CompressionError extends CodecError {}

/** E_BASE85, E_JSON_*, E_DATETIME, E_UTF8. */
export class EncodingError extends CodecError {}

/** E_LEGACY_* and E_AEAD_*: the bytes cannot be decrypted with this key and context. */
export class DecryptionError extends CodecError {}

/**
 * E_EXPRESSION: a condition, update, key condition or projection that DynamoDB would refuse, caught
 * while it is built. The message names the attribute path, never a value.
 */
export class ExpressionError extends DynamoDBMateError {}

/** E_MODEL: a model definition is invalid (names the model and the attribute or index). */
export class ModelError extends DynamoDBMateError {}

/** E_ITEM_*: an item or value does not fit its model (names the model and attribute, never the value). */
export class ItemError extends DynamoDBMateError {}

/**
 * E_S3_*: an S3-backed attribute could not upload (E_S3_WRITE) or download (E_S3_NOT_FOUND,
 * E_S3_READ) its object, S3 refused access (E_S3_ACCESS_DENIED), or its stored value is not an
 * s3:// URI (E_S3_URI). E_S3_CLEANUP is never thrown: it reports an object a write could not delete
 * (to `onS3CleanupError`). `model`, `attribute`, `uri` and `itemKey` say where; `cause` is the SDK's error.
 */
export class S3Error extends DynamoDBMateError {
  constructor(code, message, { model, attribute, uri, itemKey, cause } = {}) {
    super(code, message, { cause });
    this.model = model;
    this.attribute = attribute;
    this.uri = uri;
    if (itemKey !== undefined) this.itemKey = itemKey;
  }
}

/** E_NOT_FOUND: the item does not exist (get, refresh). */
export class ItemNotFoundError extends DynamoDBMateError {}

/**
 * A DynamoDB request of a model or of the status tracker failed (js/model/send.mjs sorts the SDK's
 * errors): E_DYNAMODB_THROTTLED, E_DYNAMODB_TIMEOUT, E_DYNAMODB_SERVICE (5xx), E_DYNAMODB_NOT_FOUND
 * (no such table or index), E_DYNAMODB_VALIDATION, E_DYNAMODB (anything else); the subclasses below
 * for conditions, aborts, batches and transactions. `operation` (PutItem, ...), `table` (undefined
 * for a transaction over several), `model` and `itemKey` (one item) say where; `cause` is the SDK's
 * error, with its `$metadata` (HTTP status, request id, attempts).
 */
export class DynamoDBError extends DynamoDBMateError {
  constructor(code, message, { operation, table, model, itemKey, cause } = {}) {
    super(code, message, cause === undefined ? undefined : { cause });
    this.operation = operation;
    this.table = table;
    this.model = model;
    if (itemKey !== undefined) this.itemKey = itemKey;
  }
}

/**
 * E_DYNAMODB_CONDITION: the write's condition (a version check included) failed. `item` is the
 * stored item (AttributeValues) when the request asked for it (ReturnValuesOnConditionCheckFailure).
 */
export class ConditionFailedError extends DynamoDBError {
  constructor(message, { item, ...where }) {
    super('E_DYNAMODB_CONDITION', message, where);
    this.item = item;
  }
}

/** E_ABORTED: the request was cancelled by the `abortSignal` it was given; it may have reached DynamoDB. */
export class AbortError extends DynamoDBError {
  constructor(message, where) {
    super('E_ABORTED', message, where);
  }
}

/** E_BATCH_UNPROCESSED: DynamoDB left requests unprocessed after every retry; `unprocessed` lists them. */
export class BatchError extends DynamoDBError {
  constructor(code, message, { unprocessed, ...where }) {
    super(code, message, where);
    this.unprocessed = unprocessed;
  }
}

/**
 * E_TRANSACTION_CANCELLED: `reasons[i]` is `{ code, message }` for operation i (`code` 'None' for the
 * operations that were fine), as DynamoDB reported them.
 */
export class TransactionCanceledError extends DynamoDBError {
  constructor(message, { reasons, ...where }) {
    super('E_TRANSACTION_CANCELLED', message, where);
    this.reasons = reasons;
  }
}

/**
 * Base of the status tracker's errors (`E_TASK_*`, `E_LOCK_LOST`). `taskId` and `useCaseId` name the
 * task; `task` is the stored task when DynamoDB returned it with the refusal (no second read).
 */
export class TaskError extends DynamoDBMateError {
  constructor(code, message, { taskId, useCaseId, task, cause } = {}) {
    super(code, message, cause === undefined ? undefined : { cause });
    this.taskId = taskId;
    this.useCaseId = useCaseId;
    this.task = task;
  }
}

/** E_TASK_NOT_READY: the task's status is not one this run may start (e.g. in progress, or a custom status). */
export class TaskNotReady extends TaskError {}

/** E_TASK_LOCKED: another worker holds an unexpired lock on the task. */
export class TaskLocked extends TaskError {}

/** E_TASK_ALREADY_SUCCEEDED: the task has succeeded; it is not run again. */
export class TaskAlreadySucceeded extends TaskError {}

/** E_TASK_IGNORED: the task failed `maxRetry` times and is ignored. */
export class TaskIgnored extends TaskError {}

/** E_TASK_NOT_FOUND: no task with this id (create it first). */
export class TaskNotFound extends TaskError {}

/** E_TASK_EXISTS: `create` found a task with this id (pass `overwrite: true` to replace it). */
export class TaskExists extends TaskError {}

/**
 * E_LOCK_LOST: the lock expired and another worker took the task (or the item was replaced) while
 * this worker ran it; its result was not written. `cause` is the task's own error, if it threw.
 */
export class LockLost extends TaskError {}
