// Public error classes (`errors.*`). Every error thrown by dynamodb-mate carries a stable `.code`;
// the codes and when they occur are listed in docs/wasm-interface.md. Messages never contain key
// bytes or plaintext.

export class DynamoDBMateError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The web build was used before `await init()`. */
export class NotInitializedError extends DynamoDBMateError {}

/** Base class of everything the codecs throw; E_RANDOM is raised with this class itself. */
export class CodecError extends DynamoDBMateError {}

/** E_INPUT_TYPE (a JS argument of the wrong type) and E_ARGUMENT (a value out of range). */
export class ArgumentError extends CodecError {}

/** E_KEY_LENGTH: a raw key is not 32 bytes. */
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

/** E_NOT_FOUND: the item does not exist (get, refresh). */
export class ItemNotFoundError extends DynamoDBMateError {}

/** E_BATCH_UNPROCESSED: DynamoDB left requests unprocessed after every retry; `unprocessed` lists them. */
export class BatchError extends DynamoDBMateError {
  constructor(code, message, { unprocessed }) {
    super(code, message);
    this.unprocessed = unprocessed;
  }
}

/**
 * E_TRANSACTION_CANCELLED: `reasons[i]` is `{ code, message }` for operation i (`code` 'None' for the
 * operations that were fine), as DynamoDB reported them.
 */
export class TransactionCanceledError extends DynamoDBMateError {
  constructor(message, { reasons, cause }) {
    super('E_TRANSACTION_CANCELLED', message, { cause });
    this.reasons = reasons;
  }
}
