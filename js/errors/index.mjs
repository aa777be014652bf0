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
