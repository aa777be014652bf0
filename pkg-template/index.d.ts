// Types of the dynamodb-mate package (Node ESM/CJS and browser builds share them). The build copies
// this file to dist/index.d.ts (CommonJS consumers: the package is "type": "commonjs") and to
// dist/index.d.mts (ESM consumers), so that each condition of "exports" gets types of its own format.
//
// Model typing in short: `attr.*` returns an `Attribute<Value, Options, Descriptor>` that carries the
// JS value type and the options that matter (nullable, default, hashKey, rangeKey); `defineModel`
// derives from the attributes the item shape of instances, the values `create` requires, the key
// arguments of `get`/`getOp`/`batchGet`, and the typed attribute references of `Model.attr`.
/**
 * `dynamodb-mate` (and `dynamodb-mate/web`): models (`defineModel`, `attr`, `cond`), the codecs
 * (`codec`), the status tracker (`StatusTracker`) and the error classes (`errors`).
 * @module dynamodb-mate
 */
import type { AttributeValue, DynamoDBClient, TableDescription, WriteRequest } from '@aws-sdk/client-dynamodb';

/** The package version. */
export declare const version: string;

/**
 * Instances of a global class where the compilation knows it (DOM lib, @types/node), else never,
 * so that these types check with or without the DOM lib.
 */
type GlobalInstance<Name extends string> = typeof globalThis extends Record<Name, abstract new (...args: any) => infer T>
  ? T
  : never;
type WasmModule = typeof globalThis extends { WebAssembly: { Module: abstract new (...args: any) => infer T } } ? T : never;

/** Where `init` gets the wasm: a URL, a fetch Request or Response, the bytes, or a compiled module. */
export type InitInput =
  | string
  | GlobalInstance<'URL'>
  | GlobalInstance<'Request'>
  | GlobalInstance<'Response'>
  | ArrayBuffer
  | ArrayBufferView
  | WasmModule;

/**
 * Loads the WebAssembly module. Browser build: required before any `codec` call (which otherwise
 * throws `E_NOT_INITIALIZED`); `input` defaults to the `dynamodb_mate_bg.wasm` next to the module.
 * Node builds load the module synchronously at the first call that needs it (a model of plain
 * attributes may never load it); there `init()` resolves at once.
 */
export declare function init(input?: InitInput | Promise<InitInput>): Promise<void>;

/**
 * The value codecs of pynamodb_mate, byte for byte: Python-exact JSON, gzip, base85, datetimes, and
 * encryption (the authenticated envelope and pynamodb_mate's legacy formats).
 */
export declare namespace codec {
  /** How a value is turned into the plaintext pynamodb_mate stores. */
  type Kind = 'string' | 'binary' | 'number' | 'int' | 'float' | 'json';

  /** A value the Python JSON codec can represent. Integral numbers and BigInt are Python ints. */
  type JsonValue =
    | null
    | boolean
    | number
    | bigint
    | string
    | PythonFloat
    | JsonValue[]
    | { [key: string]: JsonValue | undefined };

  /** A 32-byte key, or a password string (the key is then SHA-256 of its UTF-8 bytes). */
  type Key = string | Uint8Array;

  /** Keys by id; `current` encrypts, decryption picks the key named by the stored bytes. */
  interface Keyring {
    current: string;
    keys: Record<string, Key>;
  }

  /** The default format: an authenticated envelope bound to table + attribute, with a key id. */
  interface AeadOptions {
    key: Key | Keyring;
    format?: 'aead';
    /** The ciphertext only decrypts under the same table and attribute names. */
    table: string;
    attribute: string;
    /**
     * Binds the ciphertext to one item too: it then only decrypts with the same bytes (a string is
     * its UTF-8). Models bind randomized values to the item's canonical key bytes (docs/envelope.md).
     */
    item?: Uint8Array | string;
    /** Key id of a single key (a keyring names its own). Default 'default'. */
    keyId?: string;
    /** Default true: equal values give equal bytes (usable in conditions). */
    deterministic?: boolean;
  }

  /** pynamodb_mate's legacy bytes, which Python reads and writes. No key id, so no keyring. */
  interface LegacyOptions {
    key: Key;
    format: 'pynamodb_mate';
    /** Default true (AES-ECB); false is AES-CTR with a random nonce. Decrypt with the same value. */
    deterministic?: boolean;
  }

  /** The options of `encrypt` and `decrypt`: the envelope (default) or pynamodb_mate's legacy bytes. */
  type EncryptOptions = AeadOptions | LegacyOptions;

  /** A key provider (the hook for a KMS data key): called once per function, its key cached (a failed call is retried). */
  type KeyProvider = () => Key | PromiseLike<Key>;
  /** A keyring some of whose keys come from providers. */
  interface ProvidedKeyring {
    current: string;
    keys: Record<string, Key | KeyProvider>;
  }
  /** Options whose key is (or whose keyring has) a provider: `encrypt` and `decrypt` return a Promise. */
  type ProvidedKeyOptions =
    | (Omit<AeadOptions, 'key'> & { key: KeyProvider | ProvidedKeyring })
    | (Omit<LegacyOptions, 'key'> & { key: KeyProvider });
  /** What `decrypt` gives for `kind`. */
  type Decrypted<K extends Kind> = K extends 'string'
    ? string
    : K extends 'binary'
      ? Uint8Array
      : K extends 'number'
        ? number | bigint | PythonFloat
        : K extends 'int' | 'float'
          ? number | bigint
          : unknown;

  /** Python `json.dumps` options. */
  interface DumpsOptions {
    /** Default true. */
    ensureAscii?: boolean;
    /** `[itemSeparator, keySeparator]`, default `[', ', ': ']`. */
    separators?: readonly [string, string];
    /** Default false. */
    sortKeys?: boolean;
  }

  /**
   * Marks a JS number as a Python float: `new PythonFloat(1)` is written `1.0`. Reads give one for a
   * whole float (`1.0`, `1e+16`) where a plain number would be written back as a Python int.
   */
  class PythonFloat {
    constructor(value: number);
    readonly value: number;
    /** The number: arithmetic and `<`, `>`, `==` work (`===` compares the object). */
    valueOf(): number;
    /** `String(value)`, as the number prints in JS (`'1'`). */
    toString(): string;
    /** The number, so that `JSON.stringify` writes it plainly. */
    toJSON(): number;
  }

  /** One gzip member: header `1f8b 08 00`, MTIME `mtime` (default 0), XFL, OS 255. Level default 9. */
  function gzip(data: Uint8Array | string, opts?: { level?: number; mtime?: number }): Uint8Array;
  /** Any gzip stream, also multi-member. `maxOutput` defaults to 64 MiB (E_GZIP_TOO_LARGE past it). */
  function gunzip(data: Uint8Array, opts?: { maxOutput?: number }): Uint8Array;
  /** SHA-256 as lowercase hex (a string is hashed as its UTF-8). */
  function sha256Hex(data: Uint8Array | string): string;
  /** MD5 as lowercase hex (a string is hashed as its UTF-8), as pynamodb_mate names S3 objects by content. */
  function md5Hex(data: Uint8Array | string): string;
  /** Python `base64.b85encode`. */
  function b85encode(data: Uint8Array | string): string;
  /** Python `base64.b85decode`. */
  function b85decode(text: string): Uint8Array;

  /** Byte-exact Python `json.dumps`. */
  function pythonJsonDumps(value: JsonValue, opts?: DumpsOptions): string;
  /**
   * Python `json.loads`: ints beyond ±(2^53-1) become BigInt, whole floats (`10.0`) PythonFloat (so
   * `pythonJsonDumps` writes them back as `10.0`); NaN and ±Infinity are accepted.
   */
  function pythonJsonLoads(text: string): unknown;

  /** pynamodb's `YYYY-MM-DDTHH:MM:SS.ffffff+0000`. */
  function formatDatetime(value: Date | { epochMicros: bigint }): string;
  /** Reads pynamodb's format; `epochMicros` keeps the microseconds a Date drops. */
  function parseDatetime(text: string): { date: Date; epochMicros: bigint };

  /** pynamodb_mate's key of a password: SHA-256 of its UTF-8 bytes. */
  function legacyKeyFromPassword(password: string): Uint8Array;

  /** `kind` defaults from the value: string, Uint8Array → binary, number/bigint/PythonFloat → number, else json. */
  function encrypt(value: string | Uint8Array | JsonValue, opts: EncryptOptions & { kind?: Kind }): Uint8Array;
  /** With a key provider: a Promise. */
  function encrypt(value: string | Uint8Array | JsonValue, opts: ProvidedKeyOptions & { kind?: Kind }): Promise<Uint8Array>;
  /** Kind `string`: the UTF-8 plaintext. */
  function decrypt(stored: Uint8Array, opts: EncryptOptions & { kind: 'string' }): string;
  /** Kind `binary`: the plaintext bytes. */
  function decrypt(stored: Uint8Array, opts: EncryptOptions & { kind: 'binary' }): Uint8Array;
  /** Kind `number`: a whole float (`1.0`) is a PythonFloat. */
  function decrypt(stored: Uint8Array, opts: EncryptOptions & { kind: 'number' }): number | bigint | PythonFloat;
  /** Kind `int` or `float`: a number, or a BigInt beyond ±(2^53-1). */
  function decrypt(stored: Uint8Array, opts: EncryptOptions & { kind: 'int' | 'float' }): number | bigint;
  /** A kind known only at run time. */
  function decrypt(stored: Uint8Array, opts: EncryptOptions & { kind: Kind }): unknown;
  /** With a key provider: a Promise. */
  function decrypt<K extends Kind>(stored: Uint8Array, opts: ProvidedKeyOptions & { kind: K }): Promise<Decrypted<K>>;

  /** gzip (MTIME 0) of the value's plaintext, as pynamodb_mate's Compressed*Attribute. */
  function compress(
    value: string | Uint8Array | JsonValue,
    opts?: { kind?: Kind; level?: number; ensureAscii?: boolean },
  ): Uint8Array;
  /** Kind `string`: the UTF-8 text. `maxOutput` as in `gunzip`. */
  function decompress(stored: Uint8Array, opts: { kind: 'string'; maxOutput?: number }): string;
  /** Kind `binary`: the bytes. */
  function decompress(stored: Uint8Array, opts: { kind: 'binary'; maxOutput?: number }): Uint8Array;
  /** Kind `number`: a whole float (`1.0`) is a PythonFloat. */
  function decompress(stored: Uint8Array, opts: { kind: 'number'; maxOutput?: number }): number | bigint | PythonFloat;
  /** Kind `int` or `float`: a number, or a BigInt beyond ±(2^53-1). */
  function decompress(stored: Uint8Array, opts: { kind: 'int' | 'float'; maxOutput?: number }): number | bigint;
  /** A kind known only at run time. */
  function decompress(stored: Uint8Array, opts: { kind: Kind; maxOutput?: number }): unknown;
}

/** The error classes (each with a stable `code`) and their codes. */
export declare namespace errors {
  /** E_INPUT_TYPE: an argument of the wrong JS type; E_ARGUMENT: a value out of range. */
  type ArgumentErrorCode = 'E_INPUT_TYPE' | 'E_ARGUMENT';
  /** Bytes that are not a well-formed gzip stream, or that inflate past `maxOutput` (E_GZIP_TOO_LARGE). */
  type CompressionErrorCode = 'E_GZIP_HEADER' | 'E_GZIP_DATA' | 'E_GZIP_TRUNCATED' | 'E_GZIP_CHECKSUM' | 'E_GZIP_TOO_LARGE';
  /** Text or bytes that do not decode: base85, Python JSON, pynamodb datetimes, UTF-8. */
  type EncodingErrorCode = 'E_BASE85' | 'E_JSON_SYNTAX' | 'E_JSON_TYPE' | 'E_JSON_SURROGATE' | 'E_JSON_DEPTH' | 'E_DATETIME' | 'E_UTF8';
  /** Stored bytes that do not decrypt: malformed legacy bytes (E_LEGACY_*) or envelopes (E_AEAD_*), a wrong key, another context. */
  type DecryptionErrorCode =
    | 'E_LEGACY_LENGTH'
    | 'E_LEGACY_PADDING'
    | 'E_LEGACY_ENVELOPE'
    | 'E_AEAD_FORMAT'
    | 'E_AEAD_VERSION'
    | 'E_AEAD_TRUNCATED'
    | 'E_AEAD_UNKNOWN_KEY_ID'
    | 'E_AEAD_WRONG_KEY'
    | 'E_AEAD_CONTEXT'
    | 'E_AEAD_TAMPERED';
  /** E_KEY_LENGTH: a raw key is not 32 bytes; E_KEY_NOT_SET: an encrypted attribute was used before its key provider was resolved (`await Model.prepare()`). */
  type KeyErrorCode = 'E_KEY_LENGTH' | 'E_KEY_NOT_SET';
  /** The codes of CodecError and of its subclasses (E_RANDOM: the platform's random source failed). */
  type CodecErrorCode =
    | ArgumentErrorCode
    | KeyErrorCode
    | CompressionErrorCode
    | EncodingErrorCode
    | DecryptionErrorCode
    | 'E_RANDOM';
  /** An item or value that does not fit its model, or a stored item that does not (docs/item-codec.md). */
  type ItemErrorCode =
    | 'E_ITEM_REQUIRED'
    | 'E_ITEM_TYPE'
    | 'E_ITEM_VALUE'
    | 'E_ITEM_UNKNOWN'
    | 'E_ITEM_TOO_LARGE'
    | 'E_ITEM_STORED';
  /** E_MODEL: a model definition is invalid; E_SCHEMA: the item codec refused a model's schema. */
  type ModelErrorCode = 'E_MODEL' | 'E_SCHEMA';
  /**
   * E_S3_*: an S3-backed attribute's object could not be uploaded, found or read, S3 refused access
   * (403), or its stored value is not an s3:// URI. E_S3_CLEANUP is never thrown: `onS3CleanupError` gets it.
   */
  type S3ErrorCode = 'E_S3_NOT_FOUND' | 'E_S3_READ' | 'E_S3_WRITE' | 'E_S3_ACCESS_DENIED' | 'E_S3_URI' | 'E_S3_CLEANUP';
  /** The status tracker's refusals (`E_TASK_*`) and `E_LOCK_LOST`. */
  type TaskErrorCode =
    | 'E_TASK_NOT_READY'
    | 'E_TASK_LOCKED'
    | 'E_TASK_ALREADY_SUCCEEDED'
    | 'E_TASK_IGNORED'
    | 'E_TASK_NOT_FOUND'
    | 'E_TASK_EXISTS'
    | 'E_LOCK_LOST';
  /**
   * A DynamoDB request failed: throttled after the SDK's retries, timed out, a 5xx (E_DYNAMODB_SERVICE),
   * no such table or index (E_DYNAMODB_NOT_FOUND), refused as invalid, or anything else (E_DYNAMODB).
   */
  type DynamoDBErrorCode =
    | 'E_DYNAMODB'
    | 'E_DYNAMODB_THROTTLED'
    | 'E_DYNAMODB_TIMEOUT'
    | 'E_DYNAMODB_SERVICE'
    | 'E_DYNAMODB_NOT_FOUND'
    | 'E_DYNAMODB_VALIDATION';
  /** The codes of DynamoDBError and of its subclasses. */
  type AnyDynamoDBErrorCode = DynamoDBErrorCode | 'E_DYNAMODB_CONDITION' | 'E_ABORTED' | 'E_BATCH_UNPROCESSED' | 'E_TRANSACTION_CANCELLED';
  /** Every code. */
  type ErrorCode =
    | CodecErrorCode
    | ItemErrorCode
    | ModelErrorCode
    | S3ErrorCode
    | TaskErrorCode
    | AnyDynamoDBErrorCode
    | 'E_NOT_INITIALIZED'
    | 'E_EXPRESSION'
    | 'E_NOT_FOUND';

  /** Base of every error the package throws. */
  class DynamoDBMateError extends Error {
    constructor(code: ErrorCode, message: string, options?: ErrorOptions);
    readonly code: ErrorCode;
    /**
     * The key (`{ property: value }` of the hash and range key) of the item being read or written,
     * when the error concerns one; the message ends with it too (`, item id="a"`).
     */
    readonly itemKey?: Readonly<Record<string, unknown>>;
  }
  /** The browser build was used before `await init()`; on Node, the `.wasm` could not be read or instantiated (at its first use). */
  class NotInitializedError extends DynamoDBMateError {
    readonly code: 'E_NOT_INITIALIZED';
  }
  /** Base of codec errors; E_RANDOM is thrown as a plain CodecError. */
  class CodecError extends DynamoDBMateError {
    readonly code: CodecErrorCode;
  }
  /** A JS argument of the wrong type, or a value out of range (also bad cursors, unknown indexes). */
  class ArgumentError extends CodecError {
    readonly code: ArgumentErrorCode;
  }
  /** A raw key is not 32 bytes (E_KEY_LENGTH), or a key provider was not resolved yet (E_KEY_NOT_SET: `await Model.prepare()`). */
  class KeyError extends CodecError {
    readonly code: KeyErrorCode;
  }
  class CompressionError extends CodecError {
    readonly code: CompressionErrorCode;
  }
  class EncodingError extends CodecError {
    readonly code: EncodingErrorCode;
  }
  class DecryptionError extends CodecError {
    readonly code: DecryptionErrorCode;
  }
  /** A condition, update, key condition or projection that DynamoDB would refuse, caught while it is built. */
  class ExpressionError extends DynamoDBMateError {
    readonly code: 'E_EXPRESSION';
  }
  /** A model definition is invalid (names the model and the attribute or index). */
  class ModelError extends DynamoDBMateError {
    readonly code: ModelErrorCode;
  }
  /** An item or value does not fit its model (names the model and attribute, never the value). */
  class ItemError extends DynamoDBMateError {
    readonly code: ItemErrorCode;
  }
  /**
   * An S3-backed attribute could not upload (E_S3_WRITE) or download (E_S3_NOT_FOUND, E_S3_READ) its
   * object, S3 refused access (E_S3_ACCESS_DENIED), or its stored value is not an s3:// URI
   * (E_S3_URI); or (E_S3_CLEANUP, reported to `onS3CleanupError`, never thrown) a write could not
   * delete an 'item'-layout object it replaced. Names the model, the attribute, the URI and the item,
   * never the content; `cause` is the SDK's error.
   */
  class S3Error extends DynamoDBMateError {
    constructor(
      code: S3ErrorCode,
      message: string,
      details?: { model?: string; attribute?: string; uri?: string; itemKey?: Record<string, unknown>; cause?: unknown },
    );
    readonly code: S3ErrorCode;
    /** The model's name. */
    readonly model: string;
    /** The attribute's property name. */
    readonly attribute: string;
    /** `s3://bucket/key` (E_S3_URI: `<not an s3:// URI>`). */
    readonly uri: string;
  }
  /** The item does not exist (`get`, `refresh`). */
  class ItemNotFoundError extends DynamoDBMateError {
    readonly code: 'E_NOT_FOUND';
  }
  /** Where a DynamoDB request failed, and why (the SDK's error). */
  interface DynamoDBErrorDetails {
    operation?: string;
    table?: string;
    model?: string;
    itemKey?: Record<string, unknown>;
    cause?: unknown;
  }
  /**
   * A DynamoDB request of a model or of the status tracker failed. The message names the operation,
   * the table and the item (`PutItem on table "pages" was throttled after 3 attempts (...), item
   * id="a"`), never a value; `cause` is the AWS SDK's error (`$metadata`: HTTP status, request id,
   * attempts). The subclasses are the refusals with more to say.
   */
  class DynamoDBError extends DynamoDBMateError {
    constructor(code: AnyDynamoDBErrorCode, message: string, details?: DynamoDBErrorDetails);
    readonly code: AnyDynamoDBErrorCode;
    /** The DynamoDB operation: 'PutItem', 'Query', 'TransactWriteItems', ... */
    readonly operation: string | undefined;
    /** The table (undefined for a transaction over several tables, which the message lists). */
    readonly table: string | undefined;
    /** The model's name (undefined for a transaction over several models). */
    readonly model: string | undefined;
  }
  /** The condition of a write failed (a version check included): `save`, `update`, `delete`. */
  class ConditionFailedError extends DynamoDBError {
    constructor(message: string, details: DynamoDBErrorDetails & { item?: Record<string, AttributeValue> });
    readonly code: 'E_DYNAMODB_CONDITION';
    /** The stored item as DynamoDB returned it, when the request asked for it (ReturnValuesOnConditionCheckFailure). */
    readonly item: Record<string, AttributeValue> | undefined;
  }
  /**
   * The request was cancelled by its `abortSignal` (`name` is 'AbortError'). A write aborted in
   * flight may still have been applied; S3 objects it uploaded are left for `collectS3Orphans`.
   */
  class AbortError extends DynamoDBError {
    constructor(message: string, details?: DynamoDBErrorDetails);
    readonly code: 'E_ABORTED';
  }
  /** DynamoDB left requests unprocessed after every retry. */
  class BatchError extends DynamoDBError {
    constructor(code: 'E_BATCH_UNPROCESSED', message: string, details: DynamoDBErrorDetails & { unprocessed: BatchError['unprocessed'] });
    readonly code: 'E_BATCH_UNPROCESSED';
    /** `batchGet`: the keys (AttributeValue maps); `batchWrite`: the write requests. */
    readonly unprocessed: Array<Record<string, AttributeValue> | WriteRequest>;
  }
  /** Why DynamoDB cancelled one operation of a transaction ('None': that operation was fine). */
  type CancellationReasonCode =
    | 'None'
    | 'ConditionalCheckFailed'
    | 'ItemCollectionSizeLimitExceeded'
    | 'TransactionConflict'
    | 'ProvisionedThroughputExceeded'
    | 'ThrottlingError'
    | 'ValidationError'
    | (string & {});
  /** One entry of `TransactionCanceledError.reasons`: DynamoDB's code and message for that operation. */
  interface CancellationReason {
    code: CancellationReasonCode;
    message: string | undefined;
  }
  /** `transactWrite` / `transactGet` was cancelled; `reasons[i]` belongs to operation i. */
  class TransactionCanceledError extends DynamoDBError {
    constructor(message: string, details: DynamoDBErrorDetails & { reasons: CancellationReason[] });
    readonly code: 'E_TRANSACTION_CANCELLED';
    readonly reasons: CancellationReason[];
  }

  /**
   * A task as a tracker error carries it: read from the item DynamoDB returned with the refusal. The
   * layout, status names and data type of the tracker are not known where the error is caught:
   * `data` is any JSON object, `errors` either layout's shape; assert the tracker's to read it as
   * such (`e.task as Task`, `e.task as unknown as Task<Crawl>` for an interface `Crawl`).
   */
  type StoredTask = Task<TaskData, string, TrackerLayout>;
  /** What tracker errors carry: `taskId` and `useCaseId` name the task; `cause` (LockLost) is the body's own error. */
  interface TaskErrorDetails {
    taskId: string;
    useCaseId: string;
    task?: StoredTask;
    cause?: unknown;
  }
  /**
   * Base of the status tracker's errors (a type to catch with `instanceof`; each error is of one of
   * the subclasses, whose `code` and `task` are narrower).
   */
  class TaskError extends DynamoDBMateError {
    constructor(code: TaskErrorCode, message: string, details: TaskErrorDetails);
    readonly code: TaskErrorCode;
    readonly taskId: string;
    readonly useCaseId: string;
    /** The task as stored when DynamoDB returned it with the refusal (no second read). */
    readonly task: StoredTask | undefined;
  }
  /** `run`/`work`: the task's status is not one this run may start (in progress, or a status not listed). */
  class TaskNotReady extends TaskError {
    readonly code: 'E_TASK_NOT_READY';
    readonly task: StoredTask;
  }
  /** `run`/`work`: another worker holds an unexpired lock on the task. */
  class TaskLocked extends TaskError {
    readonly code: 'E_TASK_LOCKED';
    readonly task: StoredTask;
  }
  /** `run`/`work`: the task has succeeded; it is not run again. */
  class TaskAlreadySucceeded extends TaskError {
    readonly code: 'E_TASK_ALREADY_SUCCEEDED';
    readonly task: StoredTask;
  }
  /** `run`/`work`: the task failed `maxRetry` times and is ignored. */
  class TaskIgnored extends TaskError {
    readonly code: 'E_TASK_IGNORED';
    readonly task: StoredTask;
  }
  /** `get`, `run`: no task with this id (there is no stored task to carry). */
  class TaskNotFound extends TaskError {
    readonly code: 'E_TASK_NOT_FOUND';
    readonly task: undefined;
  }
  /** `create`: the id is taken (`overwrite: true` replaces it); `task` is the existing one. */
  class TaskExists extends TaskError {
    readonly code: 'E_TASK_EXISTS';
    readonly task: StoredTask;
  }
  /**
   * `run`/`work`/`ctx.heartbeat()`: the lock expired and another worker took the task over (or the
   * item was replaced) while this worker ran it; nothing was written. `task`: the item as it now is
   * (undefined when it was deleted); `cause`: what the body threw, if it threw.
   */
  class LockLost extends TaskError {
    readonly code: 'E_LOCK_LOST';
    readonly task: StoredTask | undefined;
  }
  /**
   * Any error of the package, as a union whose `code` narrows the class:
   * `if (e.code === 'E_TRANSACTION_CANCELLED') e.reasons`. (A type only: cast a caught
   * `DynamoDBMateError` to it, `error as errors.AnyError`.)
   */
  type AnyError =
    | NotInitializedError
    | ArgumentError
    | KeyError
    | CompressionError
    | EncodingError
    | DecryptionError
    | (CodecError & { readonly code: 'E_RANDOM' })
    | ExpressionError
    | ModelError
    | ItemError
    | S3Error
    | ItemNotFoundError
    | (DynamoDBError & { readonly code: DynamoDBErrorCode })
    | ConditionFailedError
    | AbortError
    | BatchError
    | TransactionCanceledError
    | TaskNotReady
    | TaskLocked
    | TaskAlreadySucceeded
    | TaskIgnored
    | TaskNotFound
    | TaskExists
    | LockLost;
}

// ---------------------------------------------------------------------------------------------------
// Type-level helpers (not exported)

/** Brands of objects that only the library makes (conditions, actions, references, operations). */
declare const brand: unique symbol;
/** Phantom slots: types carried for inference, never present at runtime. */
declare const phantom: unique symbol;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** Refuses option names that `Allowed` does not have (the runtime refuses them too: E_ARGUMENT). */
type NoExtra<O, Allowed> = O & { [K in Exclude<keyof O, keyof Allowed>]: never };
type IsNever<T> = [T] extends [never] ? true : false;
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
type StringKeys<T> = Extract<keyof T, string>;

// ---------------------------------------------------------------------------------------------------
// Attributes

/** The item codec type of an attribute (`attribute.type` at runtime). */
export type AttributeKind =
  | 'string'
  | 'number'
  | 'binary'
  | 'boolean'
  | 'null'
  | 'stringSet'
  | 'numberSet'
  | 'binarySet'
  | 'list'
  | 'map'
  | 'dynamic'
  | 'json'
  | 'datetime'
  | 'ttl'
  | 'version'
  | 'discriminator'
  | 'compressed'
  | 'encrypted';

/** What the types know of an attribute besides its value: its kind, and a list's element or a map's fields. */
export interface AttributeDescriptor {
  /** `'s3'`: an S3-backed attribute (its runtime `type`, 'string' or 'dynamic', is in `type`). */
  kind: AttributeKind | 's3';
  /** The runtime `attribute.type` when it differs from `kind`. */
  type?: AttributeKind;
  of?: AnyAttribute | undefined;
  attributes?: NestedAttributes;
}

/** `attribute.type` of an attribute with descriptor `D`. */
type RuntimeKind<D extends AttributeDescriptor> = D extends { type: infer T extends AttributeKind } ? T : Exclude<D['kind'], 's3'>;

/**
 * What `attr.*()` returns: an attribute definition for `defineModel({ attributes })` or a typed map.
 * `TValue` is the JS value (null excluded), `TOptions` the options it was made with (their literal
 * `nullable: true`, `default`, `hashKey: true`, `rangeKey: true` decide the item shape), `TDescriptor`
 * its kind. A type only: the runtime class is internal.
 */
export interface Attribute<
  TValue = unknown,
  TOptions extends object = {},
  TDescriptor extends AttributeDescriptor = AttributeDescriptor,
> {
  readonly type: RuntimeKind<TDescriptor>;
  readonly options: TOptions;
  readonly hashKey: boolean;
  readonly rangeKey: boolean;
  /** True when the options say so, and always for version attributes. */
  readonly nullable: boolean;
  /** 'S' | 'N' | 'B' for string, number and binary attributes, 'S' for datetime (the types keys may have). */
  readonly keyType: 'S' | 'N' | 'B' | undefined;
  readonly collection: 'set' | 'list' | 'map' | null;
  readonly [phantom]?: { value: TValue; descriptor: TDescriptor };
}

/**
 * Any attribute. It has no `options` on purpose: a factory called inside `defineModel({ attributes })`
 * would infer its options from this contextual type (`any` for `attr.stringSet()`, or widened
 * literals) instead of from its argument.
 */
export interface AnyAttribute {
  readonly type: AttributeKind;
  readonly hashKey: boolean;
  readonly rangeKey: boolean;
  readonly nullable: boolean;
  readonly [phantom]?: unknown;
}
/** The attributes of a model: property name → attribute. */
export type Attributes = Record<string, AnyAttribute>;
/** The fields of a typed map (never keys: see NoKeys). */
export type NestedAttributes = Record<string, AnyAttribute>;
/** Refuses key flags on attributes where keys cannot be (map fields, list elements), and top-level-only attributes (encrypted, S3, legacyEncoding). */
type NoKeys<F> = {
  [K in keyof F]: OptionsOf<F[K]> extends { hashKey: true } | { rangeKey: true }
    ? { 'a map field cannot be a key': never }
    : true extends IsEncrypted<F[K]>
      ? { 'encrypted attributes are top-level attributes only': never }
      : true extends IsS3<F[K]>
        ? { 'S3-backed attributes are top-level attributes only': never }
        : OptionsOf<F[K]> extends { legacyEncoding: true }
          ? { 'legacyEncoding is for top-level attributes only': never }
          : unknown;
};

/** Options every attribute takes. */
export interface CommonOptions<T> {
  /** May be absent (or null); absent values are omitted from the item. Default false. */
  nullable?: boolean;
  /** The value `create()` fills in when none is given: a value or a function making one. Top-level attributes only. */
  default?: T | (() => T);
  /** The attribute's name in DynamoDB when it differs from the property name. */
  attrName?: string;
}
/** Key flags of string, number and binary attributes: a key is never nullable, and not both keys. */
export type KeyOptions =
  | { hashKey: true; rangeKey?: false; nullable?: false }
  | { rangeKey: true; hashKey?: false; nullable?: false }
  | { hashKey?: false; rangeKey?: false; nullable?: boolean };

/** Options of `attr.string()`. */
export type StringOptions = CommonOptions<string> & KeyOptions;
/**
 * `legacyEncoding: true`: pynamodb's `legacy_encoding=True` for tables written by pynamodb < 6: B
 * holds the base64 text of the bytes (items, keys, expression values). Top-level attributes only
 * (E_MODEL in a map or list); compares by eq, ne, in only.
 */
export interface LegacyEncodingOption {
  legacyEncoding?: boolean;
}
/** Options of `attr.binary()`. */
export type BinaryOptions = CommonOptions<Uint8Array> & KeyOptions & LegacyEncodingOption;
/** `integer`: Python ints (BigInt beyond 2^53); `float`: always floats; neither: by value. */
export type NumberOptions = CommonOptions<number | bigint | codec.PythonFloat> &
  KeyOptions &
  ({ integer?: boolean; float?: false } | { float?: boolean; integer?: false });
/** Options of `attr.boolean()`. */
export type BooleanOptions = CommonOptions<boolean>;
/** Options of `attr.stringSet()`. */
export type StringSetOptions = CommonOptions<ReadonlySet<string>>;
/** Options of `attr.numberSet()`. */
export type NumberSetOptions = CommonOptions<ReadonlySet<number | bigint | codec.PythonFloat>>;
/** Options of `attr.binarySet()`. */
export type BinarySetOptions = CommonOptions<ReadonlySet<Uint8Array>> & LegacyEncodingOption;
/** Options of the Date-valued attributes that are never keys (`attr.ttl()`). */
export type DateOptions = CommonOptions<Date>;
/** A datetime can be a table or index key (S, as in pynamodb, where it keys indexes). */
export type DatetimeOptions = DateOptions & KeyOptions;
/** Options of `attr.json()`. */
export type JsonOptions = CommonOptions<JsonAttributeValue>;
/** Options of `attr.dynamic()`. */
export type DynamicOptions = CommonOptions<unknown>;
/** Options of `attr.null()`. */
export interface NullOptions {
  nullable?: boolean;
  attrName?: string;
}
/** A version is absent until the first save sets it to 1; `save`/`update`/`delete` check and advance it. */
export interface VersionOptions {
  attrName?: string;
  nullable?: boolean;
}
/** The discriminator's value is its class's: only its stored name can be chosen. */
export interface DiscriminatorOptions {
  attrName?: string;
}
/** A list element: no key, attrName or default (E_MODEL at runtime). */
export type ElementAttribute = AnyAttribute;
type ElementCheck<E> = OptionsOf<E> extends { hashKey: true } | { rangeKey: true } | { attrName: string } | { default: unknown }
  ? { 'a list element takes no hashKey, rangeKey, attrName or default': never }
  : true extends IsEncrypted<E>
    ? { 'encrypted attributes are top-level attributes only': never }
    : true extends IsS3<E>
      ? { 'S3-backed attributes are top-level attributes only': never }
      : OptionsOf<E> extends { legacyEncoding: true }
        ? { 'legacyEncoding is for top-level attributes only': never }
        : unknown;
/** Options of `attr.list()`. */
export interface ListOptions extends CommonOptions<unknown[]> {
  /** The element type; absent: any values (as `attr.dynamic()`). */
  of?: ElementAttribute;
}
/** Options of `attr.map()`: a typed map. */
export interface MapOptions extends CommonOptions<object> {
  /** The map's fields: property name → attribute. */
  attributes: NestedAttributes;
}
/**
 * A polymorphic typed map (pynamodb's MapAttribute subclasses with a DiscriminatorAttribute): one
 * `attr.discriminator()` among `attributes`, and per subclass value the fields it adds.
 */
export interface PolymorphicMapOptions extends MapOptions {
  subclasses: Record<string, NestedAttributes>;
}

/** A non-null JSON value (a JSON `null` is a null attribute, as in pynamodb). */
export type JsonAttributeValue = Exclude<codec.JsonValue, null>;

type OptionsOf<At> = At extends Attribute<any, infer O, any> ? O : never;
type DescriptorOf<At> = At extends Attribute<any, any, infer D> ? D : never;
type KindOf<At> = DescriptorOf<At>['kind'];
/**
 * What a number attribute reads: `float` ones numbers, `integer` ones ints (BigInt beyond 2^53),
 * others also a `codec.PythonFloat` for a whole float (`1.0`), which stays a float when written back.
 */
type NumberRead<O> = O extends { float: true } ? number : O extends { integer: true } ? number | bigint : number | bigint | codec.PythonFloat;
/** The JS value of an attribute, null excluded (what reads give). */
export type ValueOf<At> = At extends Attribute<infer V, any, any> ? V : never;
/** What writes accept: the value; numbers also BigInt (float attributes convert it) and `codec.PythonFloat`. */
type WriteValueOf<At> = KindOf<At> extends 'number'
  ? number | bigint | codec.PythonFloat
  : KindOf<At> extends 's3'
    ? ValueOf<At> | S3Lazy<Exclude<ValueOf<At>, S3Lazy<unknown>>>
  : DescriptorOf<At> extends { kind: 'encrypted'; value: 'number' }
    ? number | bigint | codec.PythonFloat
    : ValueOf<At>;
type IsNullable<At> = KindOf<At> extends 'version' | 'null' | 'discriminator' ? true : OptionsOf<At> extends { nullable: true } ? true : false;
type HasDefault<At> = OptionsOf<At> extends { default: unknown } ? true : false;

type NullableKeys<A> = { [K in keyof A]: IsNullable<A[K]> extends true ? K : never }[keyof A];
type DefaultKeys<A> = { [K in keyof A]: HasDefault<A[K]> extends true ? K : never }[keyof A];

/** The value of a typed map: fields are optional when nullable (defaults do not apply inside maps). */
export type MapValue<F> = Simplify<
  { -readonly [K in Exclude<keyof F, NullableKeys<F>>]: ValueOf<F[K]> } & {
    -readonly [K in NullableKeys<F>]?: ValueOf<F[K]> | null | undefined;
  }
>;
type MapWriteValue<F> = Simplify<
  { -readonly [K in Exclude<keyof F, NullableKeys<F>>]: WriteValueOf<F[K]> } & {
    -readonly [K in NullableKeys<F>]?: WriteValueOf<F[K]> | null | undefined;
  }
>;
/** A list element's value: null allowed when the element attribute is nullable. */
type ElementValue<E> = ValueOf<E> | (IsNullable<E> extends true ? null : never);
type ListValue<O> = O extends { of: infer E extends AnyAttribute } ? ElementValue<E>[] : unknown[];
type MapFields<O> = O extends { attributes: infer F extends NestedAttributes } ? F : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type SubclassesOf<O> = O extends { subclasses: infer S extends Record<string, NestedAttributes> } ? S : never;
/** The name of the discriminator field of fields `F`. */
type DiscriminatorName<F> = { [K in keyof F]: KindOf<F[K]> extends 'discriminator' ? K : never }[keyof F];
/** A polymorphic map's value: per subclass value `V`, the discriminator `V`, the base fields and `V`'s. */
type VariantValue<F, S> = {
  [V in keyof S & string]: Simplify<{ -readonly [K in DiscriminatorName<F>]: V } & MapValue<Omit<F, DiscriminatorName<F>> & S[V]>>;
}[keyof S & string];

// Compressed and encrypted attributes (B values; never keys)

/** Compressed attributes: `level` 0-9 (default 9, as Python), `maxOutput` bytes a read may inflate to (default 64 MiB, else E_GZIP_TOO_LARGE). */
export interface CompressionOptions {
  level?: number;
  maxOutput?: number;
}
/** Options of `attr.compressedString()`. */
export type CompressedStringOptions = CommonOptions<string> & CompressionOptions;
/** Options of `attr.compressedBinary()`. */
export type CompressedBinaryOptions = CommonOptions<Uint8Array> & CompressionOptions;
/** `ensureAscii: false` writes raw UTF-8 JSON as pynamodb_mate 5.3.4.4; the default is read by 5.x and 6.x. */
export type CompressedJsonOptions = CommonOptions<JsonAttributeValue> & CompressionOptions & { ensureAscii?: boolean };

// S3-backed attributes (the item holds `s3://bucket/key`, S; top-level only, never keys)

/** What the options of every S3-backed attribute share. */
export interface S3CommonOptions<T> extends CommonOptions<T> {
  /** The bucket uploads go to (reads use the bucket of the stored URI). */
  bucket: string;
  /** gzip the body: default true with layout 'content', false with 'item'. */
  compress?: boolean;
  /** Bytes a read may inflate a gzip body to (default 64 MiB, else E_GZIP_TOO_LARGE). */
  maxOutput?: number;
  /** Values under this many bytes stay in the item as gzip B (pynamodb_mate cannot read those). A positive integer. */
  inlineBelow?: number;
  /** Reads give an `S3Lazy` (the URI now, `load()` downloads) instead of downloading. */
  lazy?: boolean;
}
/**
 * Options of `attr.s3Text/s3Binary/s3Json`. Layout 'content' (default): the key is the SHA-256
 * `{fingerprint}` of the bytes, under `prefix` (default 'pynamodb-mate') or from a `keyTemplate`
 * containing '{fingerprint}' (not both). Layout 'item': pynamodb_mate 6.x keys
 * `{prefix}/pk=…/sk=…/attr=…/md5=…` (no keyTemplate).
 */
export type S3Options<T> = S3CommonOptions<T> &
  (
    | { layout?: 'content'; prefix?: string; keyTemplate?: undefined }
    | { layout?: 'content'; keyTemplate: `${string}{fingerprint}${string}`; prefix?: undefined }
    | { layout: 'item'; prefix?: string; keyTemplate?: undefined }
  );
/** What a `lazy: true` S3-backed attribute reads (a type only: the runtime class is internal). Not a thenable. */
export interface S3Lazy<T> {
  /** `s3://bucket/key`. */
  readonly uri: string;
  /** The value: the first call downloads, later calls share its result. */
  load(): Promise<T>;
  /** The URI. */
  toJSON(): string;
}
/** The value an S3-backed attribute with options `O` reads: also an S3Lazy when `lazy` may be true. */
type S3Value<T, O> = O extends { lazy: infer L } ? (true extends L ? T | S3Lazy<T> : T) : T;
type IsS3<At> = At extends Attribute<any, any, infer D> ? (D extends { kind: 's3' } ? true : false) : false;
type S3Descriptor<O, V extends 'text' | 'binary' | 'json'> = {
  kind: 's3';
  value: V;
  type: O extends { inlineBelow: number } ? 'dynamic' : 'string';
};

/** Key bytes: a password string (the key is SHA-256 of its UTF-8 bytes, as pynamodb_mate) or 32 bytes (else E_KEY_LENGTH). */
export type KeyMaterial = string | Uint8Array;
/**
 * A key provider (the hook for a KMS data key): called on first use, once per function, its result
 * cached (a failed call is retried next time). Models await it in requests and `Model.prepare()`.
 */
export type KeyProvider = () => KeyMaterial | PromiseLike<KeyMaterial>;
/** One key: a password, 32 bytes, or a provider of either. */
export type EncryptionKey = KeyMaterial | KeyProvider;
/** Keys by id: writes use `current` (which must be in `keys`), reads pick the key id stored in each value. */
export interface EncryptionKeyring {
  current: string;
  keys: Record<string, EncryptionKey>;
}
/** The default format: an authenticated envelope bound to table and attribute, with a key id. */
export interface AeadKeyOptions {
  key: EncryptionKey | EncryptionKeyring;
  format?: 'aead';
  /** The id of a single key (a keyring names its own); default 'default'. */
  keyId?: string;
  /**
   * Default true: equal values give equal bytes, so `eq`, `ne` and `in` work. false: AES-GCM, each
   * value also bound to its item's primary key (copied into another item it fails, E_AEAD_CONTEXT).
   */
  deterministic?: boolean;
  /** Also read pynamodb_mate's bytes under this key (a migration: `Model.reencrypt()` rewrites them). */
  legacy?: LegacyKeyOptions;
}
/** The pynamodb_mate key an aead attribute also reads with (`legacy`), until `Model.reencrypt()` has rewritten its values. */
export interface LegacyKeyOptions {
  /** A single key: pynamodb_mate bytes name no key id. */
  key: EncryptionKey;
  /** Default: the attribute's `deterministic`. */
  deterministic?: boolean;
}
/** pynamodb_mate's own bytes, which Python reads and writes: a single key (no key id, so no keyring). */
export interface PynamodbMateKeyOptions {
  key: EncryptionKey;
  format: 'pynamodb_mate';
  /** Default true (AES-ECB); false: AES-CTR with a random nonce. */
  deterministic?: boolean;
}

// The adapters' options (`dynamodb-mate/toolbox`, `dynamodb-mate/electrodb`; docs/adapters.md)

/** A compressed adapter attribute: as `attr.compressed*` (`ensureAscii` for JSON only). */
export interface AdapterCompressedOptions {
  /** The DynamoDB attribute name, which errors name. */
  attribute?: string;
  level?: number;
  maxOutput?: number;
}
/** A compressed JSON adapter attribute: `ensureAscii: false` writes raw UTF-8 JSON, as `attr.compressedJson`. */
export type AdapterCompressedJsonOptions = AdapterCompressedOptions & { ensureAscii?: boolean };
/**
 * aead in an adapter: bound to `table` and `attribute`, the DynamoDB names a model binds to.
 * Deterministic (randomized values are bound to their item's key: ElectroDB only, with
 * `AdapterRandomizedAeadOptions`). Key material only: the hooks are synchronous, so resolve a provider first.
 */
export interface AdapterAeadOptions {
  table: string;
  attribute: string;
  key: KeyMaterial | { current: string; keys: Record<string, KeyMaterial> };
  format?: 'aead';
  keyId?: string;
  deterministic?: true;
}
/** pynamodb_mate's bytes in an adapter: a password (shared with Python) or 32 bytes. */
export interface AdapterPynamodbMateOptions {
  /** The DynamoDB attribute name, which errors name (pynamodb_mate bytes are bound to none). */
  attribute?: string;
  key: KeyMaterial;
  format: 'pynamodb_mate';
  deterministic?: boolean;
}
/** An encrypted adapter attribute: the envelope (default) or pynamodb_mate's bytes. */
export type AdapterEncryptedOptions = AdapterAeadOptions | AdapterPynamodbMateOptions;
/**
 * Randomized aead in the ElectroDB adapter: each value is bound to its item's primary key, as a
 * model binds it, taken from the item ElectroDB gives `get`/`set`. `keyAttributes`: the table's key
 * attributes, hash key then range key, entity attributes stored as they are (template `'${pk}'`),
 * with string values. Update and patch give the hooks no key: refused (`E_ITEM_REQUIRED`).
 */
export interface AdapterRandomizedAeadOptions extends Omit<AdapterAeadOptions, 'deterministic'> {
  deterministic: false;
  keyAttributes: [hashKey: string] | [hashKey: string, rangeKey: string];
}
/** `integer` or `float` fix Python's int/float plaintext, as `attr.encryptedNumber`. */
export type AdapterNumberKind = { integer?: boolean; float?: undefined } | { float?: boolean; integer?: undefined };
/** The options of an adapter's `encryptedNumber`: an encrypted attribute's, and `integer` or `float`. */
export type AdapterEncryptedNumberOptions = AdapterEncryptedOptions & AdapterNumberKind;
/** Options of `attr.encrypted*`: `CommonOptions` (no keys) and a key option of either format. */
export type EncryptedOptions<T> = CommonOptions<T> & (AeadKeyOptions | PynamodbMateKeyOptions);
/** `integer`: Python ints (`1`), `float`: floats (`1.0`): their plaintexts, so their bytes, differ. */
export type EncryptedNumberOptions = EncryptedOptions<number | bigint | codec.PythonFloat> &
  ({ integer?: boolean; float?: false } | { float?: boolean; integer?: false });
/** The options an encrypted attribute with options `O` may have: those of its format. */
type EncryptedAllowed<O, T> = CommonOptions<T> & (O extends { format: 'pynamodb_mate' } ? PynamodbMateKeyOptions : AeadKeyOptions);
/** A keyring's literal `current` must name one of its `keys` (E_ARGUMENT); `legacy` takes `key` and `deterministic` only (E_ARGUMENT). */
type EncryptedCheck<O> = (O extends { key: { current: infer C extends string; keys: infer K } }
  ? string extends C
    ? unknown
    : C extends keyof K
      ? unknown
      : { key: { current: keyof K } }
  : unknown) &
  (O extends { legacy: infer L extends object } ? { legacy: NoExtra<L, LegacyKeyOptions> } : unknown);
/** Whether a binary's `legacyEncoding` is true (base64 text stored). */
type IsLegacy<O> = O extends { legacyEncoding: true } ? true : false;
/** Deterministic unless `deterministic` may be false. */
type IsDeterministic<O> = O extends { deterministic?: infer D } ? ([D] extends [true | undefined] ? true : false) : true;
/** aead (the default format) binds values to their attribute: no other attribute as operand. */
type IsAead<O> = O extends { format: 'pynamodb_mate' } ? false : true;
type SealedKind = 'string' | 'binary' | 'json' | 'number';
type EncryptedDescriptor<O, V extends SealedKind> = { kind: 'encrypted'; value: V; deterministic: IsDeterministic<O>; aead: IsAead<O> };
type IsEncrypted<At> = At extends Attribute<any, any, infer D> ? (D extends { kind: 'encrypted' } ? true : false) : false;

/** The attribute factories. Each refuses options it does not know (at runtime: E_ARGUMENT, as every options object). */
export declare const attr: {
  /** S. Can be a key. */
  string<const O extends StringOptions = {}>(options?: NoExtra<O, StringOptions>): Attribute<string, O, { kind: 'string' }>;
  /**
   * N: number or BigInt (ints beyond 2^53 read as BigInt), a whole float (`1.0`) as `codec.PythonFloat`;
   * `{ float: true }` reads numbers only, `{ integer: true }` no PythonFloat. Can be a key.
   */
  number<const O extends NumberOptions = {}>(
    options?: NoExtra<O, NumberOptions>,
  ): Attribute<NumberRead<O>, O, { kind: 'number' }>;
  /** B. Can be a key. `{ legacyEncoding: true }`: base64 text in B, as pynamodb < 6 stored it. */
  binary<const O extends BinaryOptions = {}>(options?: NoExtra<O, BinaryOptions>): Attribute<Uint8Array, O, { kind: 'binary'; legacy: IsLegacy<O> }>;
  /** BOOL. */
  boolean<const O extends BooleanOptions = {}>(options?: NoExtra<O, BooleanOptions>): Attribute<boolean, O, { kind: 'boolean' }>;
  /** NULL, always (also when absent). */
  null<const O extends NullOptions = {}>(options?: NoExtra<O, NullOptions>): Attribute<null, O, { kind: 'null' }>;
  /** SS. A missing set reads as an empty Set; an empty Set is not written, and `set(new Set())` is REMOVE (as pynamodb). */
  stringSet<const O extends StringSetOptions = {}>(options?: NoExtra<O, StringSetOptions>): Attribute<Set<string>, O, { kind: 'stringSet' }>;
  /** NS (a whole float `1.0` reads as `codec.PythonFloat`, an element `has(1)` does not find). */
  numberSet<const O extends NumberSetOptions = {}>(
    options?: NoExtra<O, NumberSetOptions>,
  ): Attribute<Set<number | bigint | codec.PythonFloat>, O, { kind: 'numberSet' }>;
  /** BS. */
  binarySet<const O extends BinarySetOptions = {}>(
    options?: NoExtra<O, BinarySetOptions>,
  ): Attribute<Set<Uint8Array>, O, { kind: 'binarySet'; legacy: IsLegacy<O> }>;
  /** L: `T[]` with `{ of: attr.x() }`, else `unknown[]` (elements mapped as `attr.dynamic()`). */
  list<const O extends ListOptions = {}>(
    options?: NoExtra<O, ListOptions> & { of?: ElementCheck<O['of']>; default?: ListValue<O> | (() => ListValue<O>) },
  ): Attribute<ListValue<O>, O, { kind: 'list'; of: O extends { of: infer E extends AnyAttribute } ? E : undefined }>;
  /** M with typed fields, shorthand: `attr.map({ author: attr.string(), seen: attr.datetime({ nullable: true }) })`. */
  map<const F extends NestedAttributes>(fields: F & NoKeys<F>): Attribute<MapValue<F>, {}, { kind: 'map'; attributes: F }>;
  /** M with typed fields and options: `attr.map({ attributes: { ... }, nullable: true })`. */
  map<const O extends MapOptions>(
    options: NoExtra<O, MapOptions> & {
      attributes: NoKeys<MapFields<O>>;
      default?: MapWriteValue<MapFields<O>> | (() => MapWriteValue<MapFields<O>>);
    },
  ): Attribute<MapValue<MapFields<O>>, O, { kind: 'map'; attributes: MapFields<O> }>;
  /**
   * M, polymorphic: `attr.map({ attributes: { kind: attr.discriminator(), ... }, subclasses: { circle: { radius: attr.number() } } })`.
   * A value is `{ kind: 'circle', ...base fields, ...circle's }`; references have every subclass's fields.
   */
  map<const O extends PolymorphicMapOptions>(
    options: NoExtra<O, PolymorphicMapOptions> & {
      attributes: NoKeys<MapFields<O>>;
      subclasses: { [V in keyof SubclassesOf<O>]: NoKeys<SubclassesOf<O>[V]> };
      default?: VariantValue<MapFields<O>, SubclassesOf<O>> | (() => VariantValue<MapFields<O>, SubclassesOf<O>>);
    },
  ): Attribute<
    VariantValue<MapFields<O>, SubclassesOf<O>>,
    O,
    { kind: 'map'; attributes: MapFields<O> & UnionToIntersection<SubclassesOf<O>[keyof SubclassesOf<O>]> }
  >;
  /** Any value, mapped by JS type like the SDK's `marshall`. */
  dynamic<const O extends DynamicOptions = {}>(options?: NoExtra<O, DynamicOptions>): Attribute<unknown, O, { kind: 'dynamic' }>;
  /** S holding Python's `json.dumps(value)` (pynamodb JSONAttribute). */
  json<const O extends JsonOptions = {}>(options?: NoExtra<O, JsonOptions>): Attribute<JsonAttributeValue, O, { kind: 'json' }>;
  /** S `YYYY-MM-DDTHH:MM:SS.ffffff+0000`. Reads give a `UtcDateTime` (microseconds kept). */
  datetime<const O extends DatetimeOptions = {}>(options?: NoExtra<O, DatetimeOptions>): Attribute<Date, O, { kind: 'datetime' }>;
  /** N, epoch seconds: the table's TTL attribute (at most one). Reads give a `UtcDateTime`. */
  ttl<const O extends DateOptions = {}>(options?: NoExtra<O, DateOptions>): Attribute<Date, O, { kind: 'ttl' }>;
  /** N, pynamodb's VersionAttribute (optimistic locking; at most one). Always optional. */
  version<const O extends VersionOptions = {}>(options?: NoExtra<O, VersionOptions>): Attribute<number, O, { kind: 'version' }>;
  /**
   * S, pynamodb's DiscriminatorAttribute (at most one, top-level): the value of the item's class in a
   * model hierarchy (`Model.defineSubclass`). Set by `create()`; absent on items written without it.
   */
  discriminator<const O extends DiscriminatorOptions = {}>(
    options?: NoExtra<O, DiscriminatorOptions>,
  ): Attribute<string, O, { kind: 'discriminator' }>;

  /** B: gzip of the UTF-8 string (CompressedUnicodeAttribute). Never a key; `set`/`ifNotExists` only in expressions. */
  compressedString<const O extends CompressedStringOptions = {}>(
    options?: NoExtra<O, CompressedStringOptions>,
  ): Attribute<string, O, { kind: 'compressed'; value: 'string' }>;
  /** B: gzip of the bytes (CompressedBinaryAttribute). */
  compressedBinary<const O extends CompressedBinaryOptions = {}>(
    options?: NoExtra<O, CompressedBinaryOptions>,
  ): Attribute<Uint8Array, O, { kind: 'compressed'; value: 'binary' }>;
  /** B: gzip of Python's `json.dumps(value)` (CompressedJSONAttribute). */
  compressedJson<const O extends CompressedJsonOptions = {}>(
    options?: NoExtra<O, CompressedJsonOptions>,
  ): Attribute<JsonAttributeValue, O, { kind: 'compressed'; value: 'json' }>;

  /**
   * S `s3://bucket/key`: the UTF-8 text in S3 (S3BackedBigTextAttribute). Top-level only, never a key;
   * the model needs `s3`. In expressions: `exists`, `notExists`, `attributeType` only.
   */
  s3Text<const O extends S3Options<string>>(
    options: NoExtra<O, S3Options<string>>,
  ): Attribute<S3Value<string, O>, O, S3Descriptor<O, 'text'>>;
  /** S `s3://bucket/key`: the bytes in S3 (S3BackedBigBinaryAttribute). */
  s3Binary<const O extends S3Options<Uint8Array>>(
    options: NoExtra<O, S3Options<Uint8Array>>,
  ): Attribute<S3Value<Uint8Array, O>, O, S3Descriptor<O, 'binary'>>;
  /** S `s3://bucket/key`: Python's `json.dumps(value)` in S3 (S3BackedJsonDictAttribute). */
  s3Json<const O extends S3Options<JsonAttributeValue>>(
    options: NoExtra<O, S3Options<JsonAttributeValue>>,
  ): Attribute<S3Value<JsonAttributeValue, O>, O, S3Descriptor<O, 'json'>>;

  /**
   * B: the string encrypted client-side. Top-level only, never a key. In expressions: deterministic
   * (the default) `eq`, `ne`, `in`, `set`, `ifNotExists`; randomized `set`, `ifNotExists`.
   */
  encryptedString<const O extends EncryptedOptions<string>>(
    options: NoExtra<O, EncryptedAllowed<O, string>> & EncryptedCheck<O>,
  ): Attribute<string, O, EncryptedDescriptor<O, 'string'>>;
  /** B: the bytes encrypted client-side. Top-level only, never a key; expressions as `encryptedString`. */
  encryptedBinary<const O extends EncryptedOptions<Uint8Array>>(
    options: NoExtra<O, EncryptedAllowed<O, Uint8Array>> & EncryptedCheck<O>,
  ): Attribute<Uint8Array, O, EncryptedDescriptor<O, 'binary'>>;
  /** `{ integer: true }` or `{ float: true }` fix Python's plaintext (`1` vs `1.0`); `float: true` reads numbers only. */
  encryptedNumber<const O extends EncryptedNumberOptions>(
    options: NoExtra<O, EncryptedAllowed<O, number | bigint | codec.PythonFloat> & ({ integer?: boolean; float?: false } | { float?: boolean; integer?: false })> &
      EncryptedCheck<O>,
  ): Attribute<NumberRead<O>, O, EncryptedDescriptor<O, 'number'>>;
  /** B: Python's `json.dumps(value)` encrypted client-side. Top-level only, never a key; expressions as `encryptedString`. */
  encryptedJson<const O extends EncryptedOptions<JsonAttributeValue>>(
    options: NoExtra<O, EncryptedAllowed<O, JsonAttributeValue>> & EncryptedCheck<O>,
  ): Attribute<JsonAttributeValue, O, EncryptedDescriptor<O, 'json'>>;
};

// ---------------------------------------------------------------------------------------------------
// Expressions

/** One step of an attribute path: a map key / attribute name, or a list index. */
export type PathSegment = { readonly name: string } | { readonly index: number };
/** DynamoDB type names for `attributeType`. */
export type DynamoDBTypeName = 'S' | 'SS' | 'N' | 'NS' | 'B' | 'BS' | 'BOOL' | 'NULL' | 'L' | 'M';

/** A condition: ConditionExpression, FilterExpression, or the `range` of a query. Made by `Model.attr.*` and `cond.*`. */
export interface Condition {
  readonly [brand]: 'Condition' | 'KeyCondition';
  readonly type: 'compare' | 'between' | 'in' | 'function' | 'and' | 'or' | 'not';
}
/**
 * A condition DynamoDB accepts on a key in a query's `range`: eq, lt, le, gt, ge, between or
 * beginsWith on the top-level string, number or binary attribute `Name`. A query takes the one on
 * its range key (of the table, or of the index).
 */
export interface KeyCondition<Name extends string = string> extends Condition {
  readonly [brand]: 'KeyCondition';
  readonly [phantom]?: Name;
}
/** One SET, REMOVE, ADD or DELETE action of an update. */
export interface UpdateAction {
  readonly [brand]: 'UpdateAction';
  readonly type: 'set' | 'remove' | 'add' | 'delete';
}
/**
 * A computed value of type `T` for `ref.set(...)` (plus, minus, ifNotExists, append, prepend); used
 * alone in an update it is the action `SET ref = expression`.
 */
export interface ValueExpression<T = unknown> {
  readonly [brand]: 'ValueExpression';
  readonly [phantom]?: T;
  readonly type: 'plus' | 'minus' | 'if_not_exists' | 'list_append';
}
/** What `update()`, `updateOp()` take: actions, and value expressions standing for SET. */
export type UpdateInput = UpdateAction | ValueExpression<unknown>;

/** `ref.size()`: compared with numbers, other attributes or sizes; conditions only. */
export interface SizeOperand {
  readonly [brand]: 'SizeOperand';
  /** `size(this) = value`. */
  eq(value: SizeArgument): Condition;
  /** `size(this) <> value`. */
  ne(value: SizeArgument): Condition;
  /** `size(this) < value`. */
  lt(value: SizeArgument): Condition;
  /** `size(this) <= value`. */
  le(value: SizeArgument): Condition;
  /** `size(this) > value`. */
  gt(value: SizeArgument): Condition;
  /** `size(this) >= value`. */
  ge(value: SizeArgument): Condition;
  /** `size(this) BETWEEN low AND high`, inclusive at both ends. */
  between(low: SizeArgument, high: SizeArgument): Condition;
}
type SizeArgument = number | bigint | Operand;

/**
 * An attribute reference (`Model.attr.<name>`, a typed map's `.field`, `list.at(i)`): what every
 * reference has. The methods that depend on the attribute's type come with the typed references
 * below (`RefOf`).
 */
export interface AttrRef {
  readonly [brand]: 'AttrRef';
  readonly path: readonly PathSegment[];
  readonly collection: 'set' | 'list' | 'map' | null;
  /** The path for humans: `meta.tags[2]`. */
  toString(): string;
  /** `attribute_exists(this)`. */
  exists(): Condition;
  /** `attribute_not_exists(this)`. */
  notExists(): Condition;
  /** `attribute_type(this, type)`: the stored value is of DynamoDB type `type`. */
  attributeType(type: DynamoDBTypeName): Condition;
  /** `size(this)`: a string's or binary's length, a set's, list's or map's number of elements. */
  size(): SizeOperand;
}
/** What a condition compares with besides values: another attribute, or a size(). */
export type Operand = AttrRef | SizeOperand;

/** eq, ne, in and the SET actions, for values of type V. `C`: what eq returns (KeyCondition on keys). */
export interface ValueRef<V, C extends Condition = Condition> extends AttrRef {
  /** `this = value` (a key condition on a top-level key). */
  eq(value: V | Operand): C;
  /** `this <> value`. */
  ne(value: V | Operand): Condition;
  /** 1 to 100 values or attributes. */
  in(values: readonly (V | Operand)[]): Condition;
  /** SET to a value, another attribute's value, or a value expression. */
  set(value: V | AttrRef | ValueExpression<V>): UpdateAction;
  /** `if_not_exists(this, value)`; alone, `SET this = if_not_exists(this, value)`. */
  ifNotExists(value: V | AttrRef): ValueExpression<V>;
}
/** REMOVE: on nullable attributes, sets (a missing set reads as empty) and list elements. */
export interface RemovableRef {
  /** REMOVE this attribute (or list element). */
  remove(): UpdateAction;
}
/** lt le gt ge between, for strings, numbers, binaries and dates (never null: DynamoDB does not order NULL). */
export interface OrderedRef<V, C extends Condition = Condition> {
  /** `this < value`. */
  lt(value: Exclude<V, null> | Operand): C;
  /** `this <= value`. */
  le(value: Exclude<V, null> | Operand): C;
  /** `this > value`. */
  gt(value: Exclude<V, null> | Operand): C;
  /** `this >= value`. */
  ge(value: Exclude<V, null> | Operand): C;
  /** Inclusive at both ends. */
  between(low: Exclude<V, null> | Operand, high: Exclude<V, null> | Operand): C;
}
/** `begins_with` and `contains`, for strings (a key condition on a range key). */
export interface StringRef<C extends Condition = Condition> {
  /** `begins_with(this, prefix)`. */
  beginsWith(prefix: string | AttrRef): C;
  /** A substring. */
  contains(substring: string | AttrRef): Condition;
}
/** `begins_with`, for binaries (a key condition on a range key). */
export interface BinaryRef<C extends Condition = Condition> {
  /** `begins_with(this, prefix)`: the stored bytes start with `prefix`. */
  beginsWith(prefix: Uint8Array | AttrRef): C;
}
/** ADD and arithmetic, for numbers. */
export interface NumberRef {
  /** ADD: adds to the number (an absent attribute starts at 0). */
  add(value: number | bigint | codec.PythonFloat): UpdateAction;
  /** `this + value`; alone, `SET this = this + value`. */
  plus(value: number | bigint | codec.PythonFloat | AttrRef): ValueExpression<number | bigint>;
  /** `this - value`; alone, `SET this = this - value`. */
  minus(value: number | bigint | codec.PythonFloat | AttrRef): ValueExpression<number | bigint>;
}
/** `contains`, ADD and DELETE, for sets of elements `E`. */
export interface SetRef<E> {
  /** An element of the set. */
  contains(element: E | AttrRef): Condition;
  /** ADD elements (an absent set starts empty). */
  add(elements: ReadonlySet<E>): UpdateAction;
  /** DELETE elements. */
  delete(elements: ReadonlySet<E>): UpdateAction;
}
/** Elements, `contains` and appends, for lists of elements `E` (`R`: an element's reference). */
export interface ListRef<E, R> {
  /** An element of the list. */
  contains(element: E | AttrRef): Condition;
  /** Element `index`. */
  at(index: number): R;
  /** `list_append(this, list)`; alone, `SET this = list_append(this, list)`. */
  append(list: readonly E[] | AttrRef): ValueExpression<E[]>;
  /** `list_append(list, this)`; alone, `SET this = list_append(list, this)`. */
  prepend(list: readonly E[] | AttrRef): ValueExpression<E[]>;
}
/**
 * A compressed or encrypted attribute's whole-value writes: SET to a value (or, `Copy`, another
 * attribute's value) and `if_not_exists`. aead-encrypted values are bound to their attribute, so
 * they take no other attribute (`Copy` never).
 */
export interface WholeValueRef<V, Copy extends AttrRef = AttrRef> extends AttrRef {
  /** SET to a value (encoded by the attribute), `Copy`'s value, or a value expression. */
  set(value: V | Copy | ValueExpression<V>): UpdateAction;
  /** `if_not_exists(this, value)`; alone, `SET this = if_not_exists(this, value)`. */
  ifNotExists(value: V | Copy): ValueExpression<V>;
}
/** eq, ne, in of a deterministic encrypted attribute (the operand is encrypted); `Other`: operands besides values. */
export interface EqualityRef<V, Other extends Operand = Operand> {
  /** `this = value`, the value encrypted as the attribute stores it. */
  eq(value: V | Other): Condition;
  /** `this <> value`, the value encrypted as the attribute stores it. */
  ne(value: V | Other): Condition;
  /** 1 to 100 values. */
  in(values: readonly (V | Other)[]): Condition;
}
/**
 * A `legacyEncoding` binary or binary set: equality and whole-value writes, values only (its base64
 * text neither orders nor matches the bytes another attribute may store).
 */
export interface LegacyBinaryRef<V, C extends Condition = Condition> extends WholeValueRef<V, never> {
  /** `this = value` (a key condition on a top-level key). */
  eq(value: V): C;
  /** `this <> value`. */
  ne(value: V): Condition;
  /** 1 to 100 values. */
  in(values: readonly V[]): Condition;
}
/** A `legacyEncoding` binary set's elements: values only. */
export interface LegacySetRef {
  /** An element of the set. */
  contains(element: Uint8Array): Condition;
  /** ADD elements (an absent set starts empty). */
  add(elements: ReadonlySet<Uint8Array>): UpdateAction;
  /** DELETE elements. */
  delete(elements: ReadonlySet<Uint8Array>): UpdateAction;
}
/** An encrypted attribute's reference: equality when deterministic, other attributes as operands unless aead. */
type EncryptedRefOf<At, V> = DescriptorOf<At> extends { aead: false }
  ? WholeValueRef<V> & (DescriptorOf<At> extends { deterministic: true } ? EqualityRef<V> : {})
  : WholeValueRef<V, never> & (DescriptorOf<At> extends { deterministic: true } ? EqualityRef<V, never> : {});

/**
 * An S3-backed attribute's reference: the item holds the s3:// URI, not the value, so conditions ask
 * only presence and type (no operand). `set(value)` uploads the value when the update runs, before
 * its UpdateItem (a nullable attribute also has `remove()`).
 */
export interface S3Ref<V = unknown> {
  readonly [brand]: 'AttrRef';
  readonly path: readonly PathSegment[];
  readonly collection: null;
  /** The path for humans: the property name. */
  toString(): string;
  /** `attribute_exists(this)`. */
  exists(): Condition;
  /** `attribute_not_exists(this)`. */
  notExists(): Condition;
  /** `attribute_type(this, type)`. */
  attributeType(type: DynamoDBTypeName): Condition;
  /** SET to this value, uploaded by the update (or an `S3Lazy`: its URI, nothing uploaded). */
  set(value: V): UpdateAction;
}

/** A `dynamic` attribute (or a value inside one): any value, every method. */
export interface DynamicRef
  extends ValueRef<unknown>,
    RemovableRef,
    OrderedRef<unknown>,
    Omit<ListRef<unknown, DynamicRef>, 'contains'>,
    Omit<NumberRef, 'add'>,
    Omit<SetRef<unknown>, 'add' | 'contains'> {
  /** Entry `name` of the map value. */
  key(name: string): DynamicRef;
  /** A substring of a string, an element of a set or list. */
  contains(value: unknown): Condition;
  /** `begins_with(this, prefix)`, for a string or binary value. */
  beginsWith(prefix: unknown): Condition;
  /** ADD to a number, or elements to a set. */
  add(value: unknown): UpdateAction;
}

/** Update methods a key or version reference does not have (DynamoDB refuses updating a key; versions advance by themselves). */
type UpdateMethods = 'set' | 'remove' | 'add' | 'delete' | 'ifNotExists';
/** What comparisons return: a KeyCondition on top-level attribute `N`, else (map fields, list elements) a Condition. */
type CondFor<N extends string | false> = N extends string ? KeyCondition<N> : Condition;
type IsRemovable<At> = IsNullable<At> extends true ? true : KindOf<At> extends 'stringSet' | 'numberSet' | 'binarySet' ? true : false;
type MaybeRemovable<R extends boolean> = R extends true ? RemovableRef : {};
type RefValue<At> = WriteValueOf<At> | (IsNullable<At> extends true ? null : never);

/** The reference of a value of attribute `At`: `V` its values, `N` its name when top-level (key conditions), `R` removable. */
type RefByKind<At, V, N extends string | false, R extends boolean> =
  KindOf<At> extends 'string'
    ? ValueRef<V, CondFor<N>> & OrderedRef<V, CondFor<N>> & StringRef<CondFor<N>> & MaybeRemovable<R>
    : KindOf<At> extends 'binary'
      ? DescriptorOf<At> extends { legacy: true }
        ? LegacyBinaryRef<V, CondFor<N>> & MaybeRemovable<R>
        : ValueRef<V, CondFor<N>> & OrderedRef<V, CondFor<N>> & BinaryRef<CondFor<N>> & MaybeRemovable<R>
      : KindOf<At> extends 'number'
        ? ValueRef<V, CondFor<N>> & OrderedRef<V, CondFor<N>> & NumberRef & MaybeRemovable<R>
        : KindOf<At> extends 'version'
          ? ValueRef<V> & OrderedRef<V> & NumberRef & MaybeRemovable<R>
          : KindOf<At> extends 'datetime'
            ? ValueRef<V, CondFor<N>> & OrderedRef<V, CondFor<N>> & MaybeRemovable<R>
          : KindOf<At> extends 'ttl'
            ? ValueRef<V> & OrderedRef<V> & MaybeRemovable<R>
          : KindOf<At> extends 'discriminator'
            ? ValueRef<V> & StringRef<Condition>
          : KindOf<At> extends 'compressed'
            ? WholeValueRef<V> & MaybeRemovable<R>
          : KindOf<At> extends 's3'
            ? S3Ref<Exclude<V, null>> & MaybeRemovable<R>
          : KindOf<At> extends 'encrypted'
            ? EncryptedRefOf<At, V> & MaybeRemovable<R>
            : KindOf<At> extends 'stringSet'
              ? ValueRef<V> & SetRef<string> & MaybeRemovable<R>
              : KindOf<At> extends 'numberSet'
                ? ValueRef<V> & SetRef<number | bigint | codec.PythonFloat> & MaybeRemovable<R>
                : KindOf<At> extends 'binarySet'
                  ? (DescriptorOf<At> extends { legacy: true } ? LegacyBinaryRef<V> & LegacySetRef : ValueRef<V> & SetRef<Uint8Array>) & MaybeRemovable<R>
                  : KindOf<At> extends 'list'
                    ? ValueRef<V> & ListRef<ListElementWrite<At>, ElementRefOf<DescriptorOf<At>['of']>> & MaybeRemovable<R>
                    : KindOf<At> extends 'map'
                      ? MapRef<DescriptorOf<At>['attributes'] & {}, V, R>
                      : KindOf<At> extends 'dynamic'
                        ? DynamicRef
                        : ValueRef<V> & MaybeRemovable<R>;

type ListElementWrite<At> = DescriptorOf<At>['of'] extends infer E extends AnyAttribute
  ? WriteValueOf<E> | (IsNullable<E> extends true ? null : never)
  : unknown;
/**
 * `list.at(i)`: typed by the element attribute, always removable: its values (null too when the
 * element is nullable), a map element's fields and `key(name)`, a list element's `at(j)`; a
 * compressed element takes whole-value writes only. Untyped elements are dynamic.
 */
type ElementRefOf<E> = E extends AnyAttribute ? RefByKind<E, RefValue<E>, false, true> : DynamicRef;

/** A typed map's `key(name)`: the field of property name `name`, as `ref[name]`. */
export interface MapKeyRef<F extends NestedAttributes> {
  /** The field `name`, also when a method of the reference shadows `ref[name]`. */
  key<K extends keyof F & string>(name: K): RefOf<F[K], false, false>;
}
/** A typed map: its fields as references (they shadow methods of the same name, as at runtime). */
type MapRef<F extends NestedAttributes, V, R extends boolean> = Omit<ValueRef<V> & MaybeRemovable<R> & MapKeyRef<F>, keyof F> & {
  readonly [K in keyof F]: RefOf<F[K], false, false>;
};

/**
 * The typed reference of attribute `At`: `Name` is its property name when it is a top-level
 * attribute (comparisons on strings, numbers and binaries are then KeyConditions of that name),
 * false inside maps; `Key` when it is the table's hash or range key (no update actions).
 */
export type RefOf<At, Name extends string | false = false, Key extends boolean = false> = Key extends true
  ? Omit<RefByKind<At, RefValue<At>, Name, false>, UpdateMethods>
  : KindOf<At> extends 'version' | 'discriminator'
    ? Omit<RefByKind<At, RefValue<At>, Name, false>, UpdateMethods>
    : RefByKind<At, RefValue<At>, Name, IsRemovable<At>>;

/** `Model.attr`: a typed reference per attribute. */
export type RefsOf<A extends Attributes> = {
  readonly [K in keyof A]: RefOf<A[K], K & string, K extends HashKeyName<A> | RangeKeyName<A> ? true : false>;
};

/** Combining conditions. */
export declare namespace cond {
  /** All of the conditions (at least one; a single one is returned as is). */
  function and(...conditions: Condition[]): Condition;
  /** Any of the conditions (at least one; a single one is returned as is). */
  function or(...conditions: Condition[]): Condition;
  /** `NOT condition`. */
  function not(condition: Condition): Condition;
}

// ---------------------------------------------------------------------------------------------------
// AWS console URLs

/**
 * A key value for a console URL: a string (S), a finite number or bigint (N, as its decimal text),
 * or bytes (B, as standard base64).
 */
export type ConsoleKeyValue = string | number | bigint | Uint8Array;

/**
 * AWS console URLs of pynamodb_mate's `ConsoleUrlMaker` routes, identical for keys of unreserved
 * characters (A-Z a-z 0-9 - . _ ~); other key characters are percent-encoded (UTF-8), so every key
 * parses back to itself. A region that is not a region name, or a table that is not a DynamoDB table
 * name, is an ArgumentError (E_ARGUMENT).
 */
export declare const consoleUrls: {
  /** The table's overview page (settings, indexes, monitoring). */
  tableOverview(region: string, table: string): string;
  /** The table's item explorer. */
  tableItems(region: string, table: string): string;
  /** One item's page; `rangeValue` for tables with a range key. */
  itemDetail(region: string, table: string, hashValue: ConsoleKeyValue, rangeValue?: ConsoleKeyValue): string;
};

/**
 * `region` overrides the model client's region. Without it the client's region is used once known:
 * the SDK resolves it asynchronously, so in the tick that defines the model it is not yet known
 * (`await Model.prepare()` settles it); no region at all is an ArgumentError (E_ARGUMENT).
 */
export interface ConsoleUrlOptions {
  region?: string;
}

// ---------------------------------------------------------------------------------------------------
// Dates

/** A Date that keeps microseconds (pynamodb stores them); what datetime and ttl attributes read as. Immutable. */
export declare class UtcDateTime extends Date {
  /** From epoch microseconds, or a Date (a plain Date has millisecond precision). */
  constructor(value: bigint | Date);
  readonly epochMicros: bigint;
  /** Microseconds within the second, 0..999999 (Python's `datetime.microsecond`). */
  readonly microsecond: number;
  /** @deprecated Throws: a UtcDateTime is immutable; make a new one. */
  setTime(time: number): never;
  /** @deprecated Throws: a UtcDateTime is immutable; make a new one. */
  setMilliseconds(ms: number): never;
  /** @deprecated Throws: a UtcDateTime is immutable; make a new one. */
  setUTCMilliseconds(ms: number): never;
  /** @deprecated Throws: a UtcDateTime is immutable; make a new one. */
  setSeconds(sec: number, ms?: number): never;
  /** @deprecated Throws: a UtcDateTime is immutable; make a new one. */
  setUTCSeconds(sec: number, ms?: number): never;
  /** @deprecated Throws: a UtcDateTime is immutable; make a new one. */
  setMinutes(min: number, sec?: number, ms?: number): never;
  /** @deprecated Throws: a UtcDateTime is immutable; make a new one. */
  setUTCMinutes(min: number, sec?: number, ms?: number): never;
  /** @deprecated Throws: a UtcDateTime is immutable; make a new one. */
  setHours(hours: number, min?: number, sec?: number, ms?: number): never;
  /** @deprecated Throws: a UtcDateTime is immutable; make a new one. */
  setUTCHours(hours: number, min?: number, sec?: number, ms?: number): never;
  /** @deprecated Throws: a UtcDateTime is immutable; make a new one. */
  setDate(date: number): never;
  /** @deprecated Throws: a UtcDateTime is immutable; make a new one. */
  setUTCDate(date: number): never;
  /** @deprecated Throws: a UtcDateTime is immutable; make a new one. */
  setMonth(month: number, date?: number): never;
  /** @deprecated Throws: a UtcDateTime is immutable; make a new one. */
  setUTCMonth(month: number, date?: number): never;
  /** @deprecated Throws: a UtcDateTime is immutable; make a new one. */
  setFullYear(year: number, month?: number, date?: number): never;
  /** @deprecated Throws: a UtcDateTime is immutable; make a new one. */
  setUTCFullYear(year: number, month?: number, date?: number): never;
}

// ---------------------------------------------------------------------------------------------------
// Models

/** Names of the attributes that can be keys (string, number, binary, datetime). */
type KeyableName<A> = { [K in keyof A]: KindOf<A[K]> extends 'string' | 'number' | 'binary' | 'datetime' ? K : never }[keyof A] & string;
/** The table's hash key attribute name. */
export type HashKeyName<A> = { [K in keyof A]: OptionsOf<A[K]> extends { hashKey: true } ? K : never }[keyof A];
/** The table's range key attribute name; never for hash-only models. */
export type RangeKeyName<A> = { [K in keyof A]: OptionsOf<A[K]> extends { rangeKey: true } ? K : never }[keyof A];
type HashValue<A> = ValueOf<A[HashKeyName<A>]>;
type RangeValue<A> = ValueOf<A[RangeKeyName<A>]>;
type HasRange<A> = IsNever<RangeKeyName<A>> extends true ? false : true;

/** A key as `get(hash, range?)` takes it: the range argument exists only on models with a range key. */
export type KeyArgs<A extends Attributes, Rest extends unknown[] = []> =
  HasRange<A> extends true ? [hash: HashValue<A>, range: RangeValue<A>, ...rest: Rest] : [hash: HashValue<A>, ...rest: Rest];
/** A key in batches and condition checks: a hash value, a `[hash, range]` pair, or an object with the key properties (an instance). */
export type KeyOf<A extends Attributes> =
  HasRange<A> extends true
    ? readonly [hash: HashValue<A>, range: RangeValue<A>] | { readonly [K in HashKeyName<A> | RangeKeyName<A>]: ValueOf<A[K]> }
    : HashValue<A> | { readonly [K in HashKeyName<A>]: ValueOf<A[K]> };

/**
 * The attribute values of an instance: required unless nullable (nullable ones may be null or
 * absent; version and null attributes always may). Attributes with defaults are present, since
 * `create` fills them in. A projected read (`attributes: [...]`) gives fewer at runtime.
 */
export type Item<A extends Attributes> = Simplify<
  { -readonly [K in Exclude<keyof A, NullableKeys<A>>]: ValueOf<A[K]> } & {
    -readonly [K in NullableKeys<A>]?: ValueOf<A[K]> | null | undefined;
  }
>;
/** What `create(values)` takes: every attribute that is neither nullable nor has a default is required. */
export type CreateValues<A extends Attributes> = Simplify<
  { -readonly [K in Exclude<keyof A, NullableKeys<A> | DefaultKeys<A>>]: WriteValueOf<A[K]> } & {
    -readonly [K in Exclude<DefaultKeys<A>, NullableKeys<A>>]?: WriteValueOf<A[K]> | undefined;
  } & { -readonly [K in NullableKeys<A>]?: WriteValueOf<A[K]> | null | undefined }
>;

/** DynamoDB JSON as `toJSON()` gives it (binary values base64). */
export type AttributeValueJSON =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { L: AttributeValueJSON[] }
  | { M: { [name: string]: AttributeValueJSON } };
/** An item in DynamoDB JSON, as `toJSON()` gives and `fromJSON()` takes: attribute name → value. */
export type ItemJSON = { [attributeName: string]: AttributeValueJSON };

/** Provisioned capacity units of a global index. */
export interface Throughput {
  read: number;
  write: number;
}
type Projection<N extends string> = 'ALL' | 'KEYS_ONLY' | readonly N[];
/** A global secondary index: any hash key `K` (and range key) among the model's key-typed attributes. */
export interface GlobalIndexDefinition<K extends string = string, N extends string = string> {
  type: 'global';
  hashKey: K;
  rangeKey?: K;
  /** Default 'ALL'; an array: these attributes besides the keys. */
  projection?: Projection<N>;
  /** PROVISIONED billing; defaults to the table's. */
  throughput?: Throughput;
}
/** A local secondary index: the table's hash key with another range key. */
export interface LocalIndexDefinition<K extends string = string, N extends string = string> {
  type: 'local';
  /** The table's hash key (the only one allowed). */
  hashKey?: K;
  rangeKey: K;
  projection?: Projection<N>;
}
/** A secondary index, global or local. */
export type IndexDefinition<K extends string = string, N extends string = string> = GlobalIndexDefinition<K, N> | LocalIndexDefinition<K, N>;
/** The indexes of a model with attributes `A`: index name → definition naming the attributes by property name. */
export type Indexes<A = Attributes> = Record<string, IndexDefinition<KeyableName<A>, StringKeys<A>>>;

/** Anything with the DynamoDBClient's `send` (the model only calls `send`). */
export type DynamoDBClientLike = DynamoDBClient | {
  /** Sends a DynamoDB command, as `DynamoDBClient.send`. */
  send(command: any, ...rest: any[]): Promise<any>;
};
/** An S3Client (typed structurally: @aws-sdk/client-s3 is an optional peer dependency). */
export interface S3ClientLike {
  /** Sends an S3 command, as `S3Client.send`. */
  send(command: any, ...rest: any[]): Promise<any>;
}
/**
 * The S3 storage of S3-backed attributes, made by `s3Storage(s3Client)` of `dynamodb-mate/s3`: the
 * main entry never loads `@aws-sdk/client-s3`, so an application without S3 attributes bundles none
 * of it. Each method sends one command (its SDK input) and resolves to the SDK's output.
 */
export interface S3Storage {
  /** The S3Client the commands are sent through. */
  readonly client: S3ClientLike;
  /** HeadObject. */
  head(input: any, abortSignal?: AbortSignal): Promise<any>;
  /** PutObject. */
  put(input: any, abortSignal?: AbortSignal): Promise<any>;
  /** CopyObject. */
  copy(input: any, abortSignal?: AbortSignal): Promise<any>;
  /** GetObject. */
  get(input: any, abortSignal?: AbortSignal): Promise<any>;
  /** DeleteObjects. */
  deleteObjects(input: any, abortSignal?: AbortSignal): Promise<any>;
  /** ListObjectsV2. */
  list(input: any, abortSignal?: AbortSignal): Promise<any>;
}

/** Instance members attributes may not be named after (E_MODEL at runtime). */
type ReservedName =
  | 'save'
  | 'update'
  | 'delete'
  | 'deleteIfExists'
  | 'refresh'
  | 'toJSON'
  | 'putOp'
  | 'updateOp'
  | 'deleteOp'
  | 'conditionCheckOp'
  | 'itemDetailConsoleUrl';
/** Turns a definition mistake the runtime refuses (E_MODEL) into a type error naming it. */
type KeyCheck<A> =
  IsNever<HashKeyName<A>> extends true
    ? { 'exactly one attribute must have hashKey: true': never }
    : true extends IsUnion<HashKeyName<A>>
      ? { 'exactly one attribute must have hashKey: true': never }
      : true extends IsUnion<RangeKeyName<A>>
        ? { 'at most one attribute can have rangeKey: true': never }
        : unknown;

/** What `defineModel` takes: the table, the client, the attributes and the indexes. */
export interface ModelDefinition<A extends Attributes = Attributes, I extends Indexes<A> = {}> {
  /** The model's name in messages; default the table name. */
  name?: string;
  table: string;
  client: DynamoDBClientLike;
  /** Needed by S3-backed attributes: `s3Storage(new S3Client(...))` of `dynamodb-mate/s3`. */
  s3?: S3Storage;
  /**
   * Gets each 'item'-layout S3 object a write could not delete (E_S3_CLEANUP); the write itself
   * succeeded (or failed for its own reason) and the object is left for `collectS3Orphans`.
   * Default: a warning (`process.emitWarning`, or `console.warn`).
   */
  onS3CleanupError?: (error: errors.S3Error) => void;
  /** Default 'PAY_PER_REQUEST'. */
  billingMode?: 'PAY_PER_REQUEST' | 'PROVISIONED';
  /** Required with PROVISIONED. */
  throughput?: Throughput;
  attributes: A & { readonly [K in ReservedName]?: never };
  indexes?: I;
  /** This model's own class value, with an `attr.discriminator()` attribute (pynamodb's `class Animal(Model, discriminator='animal')`). */
  discriminatorValue?: string;
}

/**
 * A class of a model hierarchy (`Base.defineSubclass`): items store `value` in the base model's
 * `attr.discriminator()` attribute, and have the base's attributes and `attributes` (no keys, no
 * attribute of the base again: E_MODEL at runtime).
 */
export interface SubclassDefinition<S extends Attributes = {}> {
  /** The class value, unique in the hierarchy. */
  value: string;
  /** The class's name in messages; default the value. */
  name?: string;
  attributes?: S & { readonly [K in ReservedName]?: never };
}
/** Refuses subclass attributes that are keys, discriminators or already the base's. */
type SubclassCheck<A, S> = {
  [K in keyof S]: K extends keyof A
    ? { 'the base model already defines this attribute': never }
    : OptionsOf<S[K]> extends { hashKey: true } | { rangeKey: true }
      ? { 'keys belong to the base model': never }
      : KindOf<S[K]> extends 'discriminator'
        ? { 'the discriminator belongs to the base model': never }
        : unknown;
};

/** A condition the write requires of the stored item (a failed one: `errors.ConditionFailedError`). */
export interface ConditionOptions {
  condition?: Condition;
}
/**
 * Cancels the operation's DynamoDB requests (the AWS SDK's option of that name): it rejects at once
 * with `errors.AbortError` (E_ABORTED). An aborted write may still have been applied.
 */
export interface AbortOptions {
  abortSignal?: GlobalInstance<'AbortSignal'>;
}
/** `putOp`, `updateOp`, `deleteOp`. */
export interface VersionConditionOptions extends ConditionOptions {
  /**
   * Default true: on a model with a `version` attribute, the write is conditional on the stored
   * version being the instance's (pynamodb's `add_version_condition`). False: last write wins; the
   * version still moves on (a put stores the instance's + 1, an update adds 1 to the stored one).
   */
  addVersionCondition?: boolean;
}
/** `save`, `update`, `delete`. */
export interface WriteOptions extends VersionConditionOptions, AbortOptions {
  /** 'ALL_OLD': a failed condition's ConditionFailedError carries the stored item (`error.item`); default 'NONE'. */
  returnValuesOnConditionCheckFailure?: 'ALL_OLD' | 'NONE';
}
/** Options of `get` and `getOneOrNone`. */
export interface GetOptions<A extends Attributes> extends AbortOptions {
  consistentRead?: boolean;
  /** Only these attributes (and the key) are read. */
  attributes?: readonly StringKeys<A>[];
}
interface ReadOptions<A extends Attributes, I> extends AbortOptions {
  filter?: Condition;
  /** Query or scan this index. */
  index?: StringKeys<I>;
  /** Stop after this many items. */
  limit?: number;
  /** Items per request (DynamoDB's Limit). */
  pageSize?: number;
  /** Only these attributes (names or references) and the table's key, so that the items can still be saved or deleted. */
  attributes?: readonly (StringKeys<A> | AttrRef)[];
  consistentRead?: boolean;
  /** Start after the page that returned this cursor. */
  cursor?: string;
}
/** Options of `query` and `queryPage`. */
export interface QueryOptions<A extends Attributes = Attributes, I = {}, R extends string = string> extends ReadOptions<A, I> {
  /** A condition on the range key `R` (of the table, or of the index): `Model.attr.<rangeKey>.beginsWith(...)`. */
  range?: KeyCondition<R>;
  /** Default 'asc'. */
  order?: 'asc' | 'desc';
}
/** Options of `scan`. */
export interface ScanOptions<A extends Attributes = Attributes, I = {}> extends ReadOptions<A, I> {
  /** A parallel scan over this many segments (items arrive as they come). */
  segments?: number;
}
/** Options of `scanPage`. */
export interface ScanPageOptions<A extends Attributes = Attributes, I = {}> extends ReadOptions<A, I> {
  /** One worker of a parallel scan: its segment of `totalSegments`. */
  segment?: number;
  totalSegments?: number;
}
/** Options of `count`: a query's or scan's filter, index, range condition and read settings. */
export interface CountOptions<A extends Attributes = Attributes, I = {}, R extends string = string> extends AbortOptions {
  filter?: Condition;
  index?: StringKeys<I>;
  range?: KeyCondition<R>;
  consistentRead?: boolean;
  pageSize?: number;
}
/** Backoff for what a batch left unprocessed: every field (default `{ attempts: 8, baseMs: 50, maxMs: 5000 }`). */
export interface RetryOptions {
  attempts: number;
  baseMs: number;
  maxMs: number;
}
/** Options of `batchGet`. */
export interface BatchGetOptions<A extends Attributes> extends GetOptions<A> {
  retry?: RetryOptions;
}
/** A page of `queryPage` or `scanPage`. */
export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; undefined after the last one. */
  cursor: string | undefined;
}

/** A write of `transactWrite`, made by `putOp`, `updateOp`, `deleteOp`, `conditionCheckOp`. */
export interface WriteOp {
  readonly [brand]: 'WriteOp';
  readonly kind: 'put' | 'update' | 'delete' | 'conditionCheck';
}
/** A read of `transactGet` giving a `T` (or null), made by `Model.getOp`. */
export interface GetOp<T = unknown> {
  readonly [brand]: 'GetOp';
  readonly [phantom]?: T;
}
type Transacted<Ops> = { -readonly [K in keyof Ops]: Ops[K] extends GetOp<infer T> ? T | null : never };

type AnyConstructor = abstract new (...args: any) => any;
type IndexHashName<A, I, N> = N extends keyof I ? (I[N] extends { hashKey: infer H extends keyof A } ? H : HashKeyName<A>) : never;
type IndexHashValue<A, I, N> = ValueOf<A[IndexHashName<A, I, N>]>;
type IndexRangeName<I, N> = N extends keyof I ? (I[N] extends { rangeKey: infer R extends string } ? R : never) : never;
type TableRange<A> = RangeKeyName<A> & string;

/**
 * The static side of a model class. The methods that return instances are `this`-typed, so that a
 * subclass (`class Url extends defineModel({...}) {}`) gets `Url` instances from `Url.get(...)`.
 */
export interface ModelStatics<A extends Attributes, I extends Indexes<A> = {}> {
  /** The model's name (definition `name`, else the table). */
  readonly name: string;
  readonly tableName: string;
  /** Typed attribute references for conditions and updates: `Url.attr.n.gt(3)`, `Url.attr.meta.author.eq('Ann')`. */
  readonly attr: RefsOf<A>;

  /**
   * A subclass sharing this model's table (pynamodb's `class Cat(Animal, discriminator='cat')`):
   * reads of this model give instances of the class the stored discriminator names; queries, scans
   * and counts of a class match its items and its subclasses'. Needs an `attr.discriminator()`.
   */
  defineSubclass<const S extends Attributes = {}>(
    definition: SubclassDefinition<S> & { attributes?: SubclassCheck<A, S> },
  ): ModelClass<Simplify<A & S>, I>;

  /** Creates the table unless it exists (no-op then), and enables TTL; `wait`: until ACTIVE; `abortSignal` ends the requests and the wait. */
  createTable(options?: { wait?: boolean; abortSignal?: GlobalInstance<'AbortSignal'> }): Promise<TableDescription | null>;
  /** The table's description, or null when it does not exist. */
  describeTable(): Promise<TableDescription | null>;
  /** Deletes the table (no-op when it does not exist); `wait`: until it is gone; `abortSignal` ends the request and the wait. */
  deleteTable(options?: { wait?: boolean; abortSignal?: GlobalInstance<'AbortSignal'> }): Promise<void>;

  /** A new, validated instance with defaults applied; nothing is written until `save()`. */
  create<M extends AnyConstructor>(this: M, values: CreateValues<A>): InstanceType<M>;
  /** The item; ItemNotFoundError (E_NOT_FOUND) when it does not exist. */
  get<M extends AnyConstructor>(this: M, ...key: KeyArgs<A, [options?: GetOptions<A>]>): Promise<InstanceType<M>>;
  /** The item, or null when it does not exist. */
  getOneOrNone<M extends AnyConstructor>(this: M, ...key: KeyArgs<A, [options?: GetOptions<A>]>): Promise<InstanceType<M> | null>;
  /** The inverse of `toJSON()`. */
  fromJSON<M extends AnyConstructor>(this: M, json: ItemJSON): InstanceType<M>;

  /** The items with this hash key, page after page. */
  query<M extends AnyConstructor>(
    this: M,
    hash: HashValue<A>,
    options?: QueryOptions<A, I, TableRange<A>> & { index?: undefined },
  ): AsyncIterableIterator<InstanceType<M>>;
  /** The items of index `index` with this (index) hash key. */
  query<M extends AnyConstructor, N extends StringKeys<I>>(
    this: M,
    hash: IndexHashValue<A, I, N>,
    options: QueryOptions<A, I, IndexRangeName<I, N>> & { index: N },
  ): AsyncIterableIterator<InstanceType<M>>;
  /** One page of a query. */
  queryPage<M extends AnyConstructor>(
    this: M,
    hash: HashValue<A>,
    options?: QueryOptions<A, I, TableRange<A>> & { index?: undefined },
  ): Promise<Page<InstanceType<M>>>;
  /** One page of a query of index `index`. */
  queryPage<M extends AnyConstructor, N extends StringKeys<I>>(
    this: M,
    hash: IndexHashValue<A, I, N>,
    options: QueryOptions<A, I, IndexRangeName<I, N>> & { index: N },
  ): Promise<Page<InstanceType<M>>>;
  /** Every item (of the table or of `index`), page after page, or `segments` in parallel. */
  scan<M extends AnyConstructor>(this: M, options?: ScanOptions<A, I>): AsyncIterableIterator<InstanceType<M>>;
  /** One page of a scan. */
  scanPage<M extends AnyConstructor>(this: M, options?: ScanPageOptions<A, I>): Promise<Page<InstanceType<M>>>;
  /** Number of items: `count()` scans (`count(undefined, { filter })`), `count(hash, options)` queries. */
  count(hash?: undefined, options?: CountOptions<A, I> & { range?: undefined }): Promise<number>;
  /** Number of items with this hash key (and `range`). */
  count(hash: HashValue<A>, options?: CountOptions<A, I, TableRange<A>> & { index?: undefined }): Promise<number>;
  /** Number of items of index `index` with this (index) hash key. */
  count<N extends StringKeys<I>>(hash: IndexHashValue<A, I, N>, options: CountOptions<A, I, IndexRangeName<I, N>> & { index: N }): Promise<number>;

  /** The items of these keys (duplicates dropped, missing ones skipped), in no particular order. */
  batchGet<M extends AnyConstructor>(this: M, keys: readonly KeyOf<A>[], options?: BatchGetOptions<A>): Promise<InstanceType<M>[]>;
  /**
   * Puts instances and deletes keys, 25 per request, retrying what DynamoDB leaves unprocessed. The
   * whole call is checked before anything is sent: `E_ARGUMENT` for an entry that is no instance or
   * key, or a key written twice (`put[0] and delete[3]`).
   */
  batchWrite(requests: { put?: readonly Item<A>[]; delete?: readonly KeyOf<A>[] }, options?: { retry?: RetryOptions } & AbortOptions): Promise<void>;
  /** Writes 1 to 100 operations (of any models on this client) atomically; TransactionCanceledError when cancelled. */
  transactWrite(ops: readonly WriteOp[], options?: { clientRequestToken?: string } & AbortOptions): Promise<void>;
  /** Reads 1 to 100 items atomically: an instance or null per operation, in order. */
  transactGet<const Ops extends readonly GetOp<unknown>[]>(ops: Ops, options?: AbortOptions): Promise<Transacted<Ops>>;
  /** A read for `transactGet`. */
  getOp<M extends AnyConstructor>(this: M, ...key: KeyArgs<A>): GetOp<InstanceType<M>>;
  /** A condition on another item, for `transactWrite`. */
  conditionCheckOp(key: KeyOf<A>, condition: Condition): WriteOp;

  /**
   * Resolves the key providers of encrypted attributes (once; requests do it themselves). Needed
   * before sync work on those attributes (`create()`, conditions on them): else KeyError E_KEY_NOT_SET.
   * Also settles the client's region for the console URL methods.
   */
  prepare(): Promise<void>;
  /** The table's overview page in the AWS console (region: the client's, see ConsoleUrlOptions). */
  tableOverviewConsoleUrl(options?: ConsoleUrlOptions): string;
  /** The table's item explorer in the AWS console. */
  tableItemsConsoleUrl(options?: ConsoleUrlOptions): string;
  /** Rotation: encrypted attribute `name` takes another key option (a keyring with a new current id; pynamodb_mate format: a single key). */
  setKey<N extends EncryptedName<A>>(name: N, key: KeyOptionOf<A[N]>, options?: { keyId?: string }): Promise<void>;
  /**
   * Rewrites encrypted values not under their attribute's current key (an older key id, or
   * pynamodb_mate bytes read through `legacy`), each conditional on the old bytes; resumable from `cursor`.
   */
  reencrypt(
    ...options: IsNever<AeadName<A>> extends true
      ? [options: { 'the model has no aead-encrypted attribute': never }]
      : [options?: ReencryptOptions<AeadName<A>>]
  ): Promise<ReencryptResult>;
  /**
   * Deletes the S3 objects under the S3-backed attributes' prefixes that no item references (a
   * consistent scan of this table and of `models`, then the listing) and that are older than
   * `olderThan` seconds (default 3600); DeleteObjects takes `batchSize` keys at a time (at most 1000).
   * A deleting run names the other tables' models sharing the prefixes (`models`, `[]` for none).
   */
  collectS3Orphans(
    ...options: [S3Name<A>] extends [never]
      ? [options: { 'the model has no S3-backed attribute': never }]
      : [options: CollectS3OrphansOptions<S3Name<A> & string>]
  ): Promise<CollectS3OrphansResult>;
}

/**
 * Options of `Model.collectS3Orphans()`: `models` is required unless `dryRun: true` (else
 * `errors.ArgumentError` E_ARGUMENT), since objects another table references would be deleted.
 */
export type CollectS3OrphansOptions<N extends string = string> = CollectS3OrphansFields<N> & ({ models: readonly ModelStatics<any, any>[] } | { dryRun: true });
/** The fields of `CollectS3OrphansOptions`. */
export interface CollectS3OrphansFields<N extends string = string> {
  /** Whose prefixes are listed (default every S3-backed attribute; a non-empty array). */
  attributes?: readonly N[];
  /**
   * The models of every other table whose items may reference objects under the same prefixes (their
   * tables are scanned too); `[]` states that there is none. Required unless `dryRun: true`:
   * pynamodb_mate's default keys are shared by every table that uses them in a bucket.
   */
  models?: readonly ModelStatics<any, any>[];
  /** List this bucket instead of the attributes'. */
  bucket?: string;
  /** List this prefix instead of the attributes' ('' lists the whole bucket). */
  prefix?: string;
  /** The grace period in seconds (default 3600): younger unreferenced objects stay. */
  olderThan?: number;
  /** Count and list the orphans (`uris`), delete nothing (`models` may be left out: the counts then take objects other tables reference for orphans). */
  dryRun?: boolean;
  /** Keys per DeleteObjects call, 1 to 1000 (default 1000). */
  batchSize?: number;
  /** After every scan page and every listing page (its deletes done), and at the end: the counts so far. */
  onProgress?: (progress: CollectS3OrphansResult) => void;
  /** Cancels the scan, the listing and the deletes: the call rejects with `errors.AbortError` (deletes already done stay done). */
  abortSignal?: GlobalInstance<'AbortSignal'>;
}
/** What `Model.collectS3Orphans()` found and did (also `onProgress`'s counts so far). */
export interface CollectS3OrphansResult {
  /** Items scanned for references. */
  scanned: number;
  /** Objects listed: `referenced + young + orphans`. */
  listed: number;
  /** Listed objects that an item references. */
  referenced: number;
  /** Unreferenced objects inside the grace period (kept). */
  young: number;
  /** Unreferenced objects past it: deleted, or to delete in a dry run. */
  orphans: number;
  deleted: number;
  /** Orphans S3 did not delete (listed in `failed`). */
  errors: number;
  failed: { uri: string; code: string; message: string }[];
  /** The orphans' URIs. */
  uris: string[];
  dryRun: boolean;
}

/** Names of the encrypted attributes. */
type EncryptedName<A> = { [K in keyof A]: true extends IsEncrypted<A[K]> ? K : never }[keyof A] & string;
/** Names of the encrypted attributes of format 'aead' (those `reencrypt` migrates). */
type AeadName<A> = { [K in keyof A]: true extends IsEncrypted<A[K]> ? (DescriptorOf<A[K]> extends { aead: true } ? K : never) : never }[keyof A] & string;
/** What `setKey` takes for attribute `At`: a keyring only in the aead format. */
type KeyOptionOf<At> = DescriptorOf<At> extends { aead: false } ? EncryptionKey : EncryptionKey | EncryptionKeyring;

/** Options of `Model.reencrypt()`. */
export interface ReencryptOptions<N extends string = string> {
  /** Default: every aead-encrypted attribute (a non-empty array). */
  attributes?: readonly N[];
  /** Resume: a cursor that `onProgress` or an earlier result gave. */
  cursor?: string | undefined;
  /** A parallel scan over this many segments (a cursor keeps its own). */
  segments?: number;
  /** Items per scan request. */
  pageSize?: number;
  /** Stop: the pages under way finish and the call resolves; the result's cursor resumes. */
  stopSignal?: GlobalInstance<'AbortSignal'>;
  /** Cancels the scans and rewrites in flight: the call rejects with `errors.AbortError` (rewrites already done stay done; the last `onProgress` cursor resumes). */
  abortSignal?: GlobalInstance<'AbortSignal'>;
  /** After every page: the counts so far and the cursor to resume from. */
  onProgress?: (progress: ReencryptResult) => void;
}
/** What `Model.reencrypt()` did (also `onProgress`'s counts so far). */
export interface ReencryptResult {
  /** Items read. */
  scanned: number;
  /** Items rewritten. */
  updated: number;
  /** Items whose values were all current (or absent). */
  unchanged: number;
  /** Items written (or deleted) meanwhile by someone else: their bytes stay. */
  conflicts: number;
  /** Undefined once every segment is done. */
  cursor: string | undefined;
}

/** The instance methods of a model (the attribute values are own properties, see `Item`). */
export interface ModelMethods {
  /** Puts the item (conditionally with the version attribute); advances the version. A failed condition: `errors.ConditionFailedError`. */
  save(options?: WriteOptions): Promise<this>;
  /** Applies update actions (a non-empty array); the instance takes the item's new values. */
  update(actions: readonly UpdateInput[], options?: WriteOptions): Promise<this>;
  /** Deletes the item (conditionally with the version attribute). A failed condition: `errors.ConditionFailedError`. */
  delete(options?: WriteOptions): Promise<void>;
  /** True when the item existed. */
  deleteIfExists(options?: AbortOptions): Promise<boolean>;
  /** Re-reads the item (strongly consistent unless told otherwise); ItemNotFoundError when gone. */
  refresh(options?: { consistentRead?: boolean } & AbortOptions): Promise<this>;
  /** The item in DynamoDB JSON (binary as base64). */
  toJSON(): ItemJSON;
  /** This item's page in the AWS console, its key values as stored (numbers as written, binary as base64). */
  itemDetailConsoleUrl(options?: ConsoleUrlOptions): string;
  /** `save()` as one write of `transactWrite`. */
  putOp(options?: VersionConditionOptions): WriteOp;
  /** `update(actions)` as one write of `transactWrite`. */
  updateOp(actions: readonly UpdateInput[], options?: VersionConditionOptions): WriteOp;
  /** `delete()` as one write of `transactWrite`. */
  deleteOp(options?: VersionConditionOptions): WriteOp;
}

/** An instance of a model with attributes `A`. */
export type ModelInstance<A extends Attributes> = Item<A> & ModelMethods;

/** What `defineModel` returns: a class to use as is or to extend. */
export type ModelClass<A extends Attributes, I extends Indexes<A> = {}> = ModelStatics<A, I> & {
  /** Instances are normally made by `create(values)` (validated, defaults applied) or read from the table. */
  new (values?: Partial<Item<A>>): ModelInstance<A>;
};

/** The instance type of a model class: `InstanceOf<typeof Url>`. */
export type InstanceOf<M extends AnyConstructor> = InstanceType<M>;
/** The attributes of a model class. */
export type AttributesOf<M> = M extends ModelStatics<infer A, any> ? A : never;

/** Names of the S3-backed attributes. */
type S3Name<A> = { [K in keyof A]: true extends IsS3<A[K]> ? K : never }[keyof A];
/** A model with S3-backed attributes needs `s3` (E_MODEL at runtime). */
type S3Check<A> = [S3Name<A>] extends [never] ? unknown : { s3: S3Storage };

/** Defines a model: a class whose instances are items and whose statics read and write the table. */
export declare function defineModel<A extends Attributes, I extends Indexes<A> = {}>(
  definition: ModelDefinition<A, I> & { attributes: KeyCheck<A> } & S3Check<A>,
): ModelClass<A, I>;

// ---------------------------------------------------------------------------------------------------
// Status tracker
//
// Typing in short: `StatusTracker<Data, Extra, Layout>` — `Data` the tasks' data (a JSON object;
// given explicitly: `new StatusTracker<Crawl>({...})`), `Extra` the names of `extraStatuses` and
// `Layout` the `layout` option, both inferred from the options (and given explicitly along with an
// explicit `Data`: TypeScript infers all type arguments or none). Statuses are taken by name (typed)
// or by code (any number: the codes are not tracked by the types). `Task` is a full task (get,
// create, ctx.task, errors), `PartialTask` what the index gives (queryByStatus, queryUnfinished).

/** 'v6': pynamodb_mate 6.0.1.1's items and index; 'v5': 5.3.4.4's. */
export type TrackerLayout = 'v6' | 'v5';
/** The five statuses every tracker has (their codes: the `statuses` option). */
export type StandardStatus = 'pending' | 'inProgress' | 'failed' | 'succeeded' | 'ignored';
/** A status as methods take it: a name, or a code (unknown names and codes: ArgumentError E_ARGUMENT). */
export type StatusArg<S extends string = string> = S | number;
/** One status or several (at least one). */
type StatusArgs<S extends string> = StatusArg<S> | readonly StatusArg<S>[];

/** The default task data: a JSON object (pynamodb_mate's dict), as Python writes and reads it. */
export type TaskData = { [key: string]: codec.JsonValue | undefined };
/**
 * `T` checked to be JSON (what the Python JSON codec writes): functions, and the methods of objects
 * that have them (Date, Map, Set, ...), become never, so that a data type holding them is refused.
 */
type JsonCheck<T> = T extends codec.JsonValue | undefined
  ? T
  : T extends (...args: any) => any
    ? never
    : T extends object
      ? { [K in keyof T]: JsonCheck<T[K]> }
      : never;
/** Refuses (in the tracker's options) a data type that is not a JSON object: arrays are E_ARGUMENT, Dates E_ITEM_TYPE at runtime. */
type DataCheck<Data> = [Data] extends [readonly unknown[]]
  ? { 'task data must be a JSON object, not an array': never }
  : [Data] extends [JsonCheck<Data>]
    ? unknown
    : { 'task data must be JSON (no Date, Map, Set or function)': never };

/** One entry of a 'v6' task's error history (pynamodb_mate's keys). */
export interface TaskErrorEntry {
  /** 1 for the first failure since the last success. */
  nth_retry: number;
  /** Python `datetime.isoformat()`: `2024-01-01T00:00:00.123456+00:00`. */
  update_time: string;
  /** Python `repr(e)`: `TypeError('bad input')`; a thrown non-Error is `NonError('...')`. */
  error: string;
  /** The stack, cut to `tracebackStackLimit` frames; empty for a non-Error. */
  traceback: string;
}
/** `task.errors`: 'v6' keeps the history of failures, 'v5' the last one only (`{}` before any). */
export type TaskErrors<L extends TrackerLayout = 'v6'> = L extends 'v5'
  ? { error?: string; traceback?: string }
  : { history: TaskErrorEntry[] };

/** What every task has, also the partial ones of `queryByStatus` / `queryUnfinished`. */
interface TaskIds<S extends string, L extends TrackerLayout> {
  readonly useCaseId: string;
  readonly taskId: string;
  /** The item's hash key: `{useCaseId}{sep}{taskId}`. */
  readonly key: string;
  /** The index hash key: `{useCaseId}{sep}{status}{sep}{shard}` ('v5': no shard). */
  readonly value: string;
  /** The status code. */
  readonly status: number;
  /** The status's name; null for a code the tracker does not know (written by another service). */
  readonly statusName: S | null;
  /** The index shard of the task ('v5': none). */
  readonly shard: L extends 'v5' ? undefined : number;
  /** 'v6' only (a 'v5' item has no create time). */
  readonly createTime: L extends 'v5' ? undefined : UtcDateTime;
}

/**
 * A task as `get`, `getOneOrNone`, `create`, `createMany`, `ctx.task` and the tracker errors give it:
 * the whole item, its ids split out, its status named. A value, not a live object: changing it
 * writes nothing.
 */
export interface Task<Data = TaskData, S extends string = string, L extends TrackerLayout = 'v6'> extends TaskIds<S, L> {
  /** Set when created, then by each final write ('v5': also when locked). */
  readonly updateTime: UtcDateTime;
  /** Failures since the last success. */
  readonly retry: number;
  /** The holder's lock (uuid4 hex); null when free. */
  readonly lock: string | null;
  /** When it was locked, moved by heartbeats; the epoch until first locked. */
  readonly lockTime: UtcDateTime;
  /** `{}` or the data of the create or last success. */
  readonly data: Data;
  readonly errors: TaskErrors<L>;
  /** The fencing token: +1 at every lock this library takes (0 before). */
  readonly fence: number;
  /** With the `ttl` option: when a succeeded or ignored task expires; else undefined. */
  readonly expireAt: UtcDateTime | undefined;
  /** Whether a worker holds an unexpired lock at `at` (default now). */
  isLocked(at?: Date): boolean;
}

/**
 * A task as `queryByStatus` and `queryUnfinished` give it: only what the index projects. Present:
 * the ids, `status`, `statusName`, `shard`, and in 'v6' `createTime` and `updateTime`. Absent
 * (undefined): `updateTime` in 'v5', `retry`, `lock`, `lockTime`, `data`, `errors`, `fence`,
 * `expireAt`; `get(task.taskId)` reads the whole task.
 */
export interface PartialTask<S extends string = string, L extends TrackerLayout = 'v6'> extends TaskIds<S, L> {
  readonly updateTime: L extends 'v5' ? undefined : UtcDateTime;
  readonly retry: undefined;
  readonly lock: undefined;
  readonly lockTime: undefined;
  readonly data: undefined;
  readonly errors: undefined;
  readonly fence: undefined;
  readonly expireAt: undefined;
}

/** What a task body (`run`, `work`) receives. */
export interface TaskContext<Data = TaskData, S extends string = string, L extends TrackerLayout = 'v6'> {
  /** The task as locked: in progress, under this worker's lock. */
  readonly task: Task<Data, S, L> & { readonly statusName: 'inProgress'; readonly lock: string };
  readonly taskId: string;
  /** The fencing token: larger than that of every earlier holder; pass it along to guard side effects. */
  readonly fence: number;
  /** Aborted (reason: `errors.LockLost`) when a heartbeat finds that another worker took the task over. */
  readonly signal: GlobalInstance<'AbortSignal'>;
  /**
   * The data the success write stores (replacing the task's; discarded if the body fails). The
   * oldest entries of the error history give way when the item cannot hold both. Data the item cannot
   * hold even without a history throws `errors.ItemError` (E_ITEM_TOO_LARGE), and the run fails with
   * it even if the body catches it, unless a later `setData` fits.
   */
  setData(data: Data): this;
  /** Extends the lock now; rejects with `errors.LockLost` when it is gone. */
  heartbeat(): Promise<void>;
}

/** `heartbeatSeconds`: seconds between lock extensions while a body runs, below `lockExpireSeconds`; 0 or false: none. */
export type HeartbeatSeconds = number | false;

/**
 * The tracker's options (defaults: pynamodb_mate's for the layout). `Extra`: the names of
 * `extraStatuses`; `L`: the layout. An object literal with an unknown option does not compile (E_ARGUMENT at runtime).
 */
export type StatusTrackerOptions<Extra extends string = never, L extends TrackerLayout = 'v6'> = TrackerOptionFields<Extra, L> &
  ExtraStatusesGiven<Extra>;
interface TrackerOptionFields<Extra extends string, L extends TrackerLayout> {
  client: DynamoDBClientLike;
  table: string;
  /** One table holds many use cases; it may not contain `sep`. */
  useCaseId: string;
  /** Default 'v6'. */
  layout?: L;
  /** Codes of the five standard statuses (distinct integers >= 0); others go in `extraStatuses`. */
  statuses?: { readonly [K in StandardStatus]?: number };
  /** More statuses: name → code. */
  extraStatuses?: { readonly [K in Extra]: number };
  /** Those `run` and `work` start from; default `['pending', 'failed']`. */
  readyStatuses?: readonly StatusArg<StandardStatus | NoInfer<Extra>>[];
  /** Index shards per status name (default 1 each); 'v5' has none. */
  shards?: NoInfer<L> extends 'v5'
    ? { readonly [K in StandardStatus | NoInfer<Extra>]?: 1 }
    : { readonly [K in StandardStatus | NoInfer<Extra>]?: number };
  /** Default '____'. */
  sep?: string;
  /** Digits of the status code and of the shard in `value`; default 3 each. */
  statusZeroPad?: number;
  shardZeroPad?: number;
  /** Failures after which a task is ignored; default 3. */
  maxRetry?: number;
  /** Default 300 ('v6') / 900 ('v5'). */
  lockExpireSeconds?: number;
  /** Stack frames kept in the error history (whose texts are bounded, see docs/tracker.md); default 10. */
  tracebackStackLimit?: number;
  /** Take in-progress tasks whose lock expired (their worker died); default true. */
  recoverExpired?: boolean;
  /** Default `lockExpireSeconds / 3`. */
  heartbeatSeconds?: HeartbeatSeconds;
  /** Seconds (at most 100 years) after which succeeded / ignored tasks expire (a number: both); `attribute` default 'expire_at'. */
  ttl?: number | { succeeded?: number; ignored?: number; attribute?: string };
}
/**
 * Explicit extra status names (`new StatusTracker<Crawl, 'later'>`) need their `extraStatuses`, and
 * with none (`new StatusTracker<Crawl>`) there may be none.
 */
type ExtraStatusesGiven<Extra extends string> = [Extra] extends [never] ? { extraStatuses?: undefined } : { extraStatuses: unknown };

/** `create` options; `data` is required when `Data` has required properties (the default data is `{}`). */
export type CreateTaskOptions<Data = TaskData, S extends string = string> = {
  /** Default 'pending'. */
  status?: StatusArg<S>;
  /** Replace a task with this id instead of refusing with `errors.TaskExists`. */
  overwrite?: boolean;
} & ({} extends Data ? { data?: Data } : { data: Data });
/** A task of `createMany`: an id (when `{}` is valid data), or `{ taskId, data, status }`. */
export type TaskSpec<Data = TaskData, S extends string = string> =
  | ({} extends Data ? string : never)
  | ({ taskId: string; status?: StatusArg<S> } & ({} extends Data ? { data?: Data } : { data: Data }));

/** Options of `queryByStatus` and `queryUnfinished`. */
export interface QueryByStatusOptions {
  /** At most this many tasks over all statuses and shards. */
  limit?: number;
  /** Default true: by update time ('v5': by key), oldest first. */
  olderFirst?: boolean;
  /** Items per request. */
  pageSize?: number;
}

/** Options of `StatusTracker.run`. */
export interface RunOptions<S extends string = string> {
  /** The statuses this run may start from; default the tracker's `readyStatuses`. */
  statuses?: StatusArgs<S>;
  heartbeatSeconds?: HeartbeatSeconds;
}

/** Options of `StatusTracker.work`. */
export interface WorkOptions<S extends string = string> {
  /** Bodies running at once; default 1. */
  concurrency?: number;
  /** Stop: no more claims, the running bodies finish, then the call resolves (as `Model.reencrypt`'s `stopSignal`). */
  stopSignal?: GlobalInstance<'AbortSignal'>;
  /** The statuses to claim; default the tracker's `readyStatuses`. */
  statuses?: StatusArgs<S>;
  /** Resolve once no task is unfinished or in progress anywhere. */
  drain?: boolean;
  /** Backoff while there is nothing to claim; default `{ min: 100, max: 5000 }`. */
  idleMs?: { min?: number; max?: number };
  heartbeatSeconds?: HeartbeatSeconds;
}
/** What `work` resolves to: counts of this loop's bodies and skipped claims. */
export interface WorkResult {
  succeeded: number;
  /** Failed and recorded as failed (to be retried). */
  failed: number;
  /** Failed for the `maxRetry`-th time. */
  ignored: number;
  /** Ended with `errors.LockLost` (nothing written). */
  lost: number;
  /** Claims refused because another worker had the task or it had finished. */
  skipped: number;
}

type TrackerCommonAttributes = {
  key: Attribute<string, { hashKey: true }, { kind: 'string' }>;
  value: Attribute<string, {}, { kind: 'string' }>;
  updateTime: Attribute<Date, { attrName: 'update_time' }, { kind: 'datetime' }>;
  retry: Attribute<number | bigint, { integer: true }, { kind: 'number' }>;
  lockTime: Attribute<Date, { attrName: 'lock_time' }, { kind: 'datetime' }>;
  data: Attribute<JsonAttributeValue, { nullable: true }, { kind: 'json' }>;
  errors: Attribute<JsonAttributeValue, { nullable: true }, { kind: 'json' }>;
  fence: Attribute<number | bigint, { integer: true; nullable: true }, { kind: 'number' }>;
};
/** The attributes of the tracker's model (with the `ttl` option also `expireAt`, not typed here). */
export type TrackerAttributes<L extends TrackerLayout = 'v6'> = L extends 'v5'
  ? Simplify<TrackerCommonAttributes & { lock: Attribute<string, { nullable: true }, { kind: 'string' }> }>
  : Simplify<
      TrackerCommonAttributes & {
        status: Attribute<number | bigint, { integer: true }, { kind: 'number' }>;
        createTime: Attribute<Date, { attrName: 'create_time' }, { kind: 'datetime' }>;
        lock: Attribute<string, {}, { kind: 'string' }>;
      }
    >;
type TrackerModel<L extends TrackerLayout> = L extends TrackerLayout ? ModelClass<TrackerAttributes<L>> : never;

/**
 * pynamodb_mate's status tracker on a table shared with Python workers: `create` tasks, `run` one
 * (lock, body, record the outcome), `work` a pull loop over unfinished ones, query and count by
 * status. `Data`: the tasks' data, a JSON object (default `TaskData`), given explicitly:
 * `new StatusTracker<Crawl>({...})`; `Extra` (names of `extraStatuses`) and `Layout` are inferred
 * from the options, but with an explicit `Data` they must be given too:
 * `new StatusTracker<Crawl, 'later', 'v5'>({ ..., extraStatuses: { later: 60 }, layout: 'v5' })`.
 * Methods that do I/O reject (never throw) on bad arguments.
 */
export declare class StatusTracker<
  Data extends object = TaskData,
  Extra extends string = never,
  Layout extends TrackerLayout = 'v6',
> {
  constructor(options: StatusTrackerOptions<Extra, Layout> & DataCheck<Data>);
  readonly useCaseId: string;
  readonly layout: Layout;
  /** Name → code of every status (the standard ones with defaults filled in, and the extra ones). */
  readonly statuses: { [K in StandardStatus | Extra]: number };
  /** The model of the tracker's items (`defineModel`), for reads the tracker does not offer. */
  readonly Model: TrackerModel<Layout>;

  /** The code of a status name or code; ArgumentError (E_ARGUMENT) for one the tracker does not know. */
  statusCode(status: StatusArg<StandardStatus | Extra>): number;
  /** Creates the table with the layout's index (and TTL when configured) unless it exists; `wait`: until ACTIVE. */
  createTable(options?: { wait?: boolean; abortSignal?: GlobalInstance<'AbortSignal'> }): Promise<TableDescription | null>;
  /** Deletes the table (no-op when it does not exist); `wait`: until it is gone. */
  deleteTable(options?: { wait?: boolean; abortSignal?: GlobalInstance<'AbortSignal'> }): Promise<void>;

  /** A new task (pending unless told); `errors.TaskExists` when the id is taken, unless `overwrite`. */
  create(
    taskId: string,
    ...options: {} extends Data
      ? [options?: CreateTaskOptions<Data, StandardStatus | Extra>]
      : [options: CreateTaskOptions<Data, StandardStatus | Extra>]
  ): Promise<Task<Data, StandardStatus | Extra, Layout>>;
  /**
   * Creates tasks (all validated before any write), `concurrency` conditional puts at a time (a
   * positive integer, default 16); ids already taken are returned in `existing` as stored. An id given
   * twice is refused (E_ARGUMENT). `overwrite`: batch writes instead.
   */
  createMany(
    tasks: readonly TaskSpec<Data, StandardStatus | Extra>[],
    options?: { overwrite?: boolean; concurrency?: number },
  ): Promise<{ created: Task<Data, StandardStatus | Extra, Layout>[]; existing: Task<Data, StandardStatus | Extra, Layout>[] }>;
  /** The task; `errors.TaskNotFound` when it does not exist. `consistentRead` defaults to true. */
  get(taskId: string, options?: { consistentRead?: boolean }): Promise<Task<Data, StandardStatus | Extra, Layout>>;
  /** The task, or null when it does not exist. */
  getOneOrNone(taskId: string, options?: { consistentRead?: boolean }): Promise<Task<Data, StandardStatus | Extra, Layout> | null>;

  /**
   * Locks the task (one conditional write), runs `fn`, and records the outcome: resolves to what `fn`
   * returned, rejects with what it threw (whatever it was) once recorded. Refusals: `errors.TaskNotFound`, `TaskLocked`,
   * `TaskAlreadySucceeded`, `TaskIgnored`, `TaskNotReady`; `errors.LockLost` when the lock was taken over.
   */
  run<R>(
    taskId: string,
    fn: (ctx: TaskContext<Data, StandardStatus | Extra, Layout>) => R | PromiseLike<R>,
    options?: RunOptions<StandardStatus | Extra>,
  ): Promise<R>;
  /** The pull loop over unfinished tasks (every shard): claims, runs `fn` with bounded concurrency, backs off while idle. */
  work(
    options: WorkOptions<StandardStatus | Extra> | undefined,
    fn: (ctx: TaskContext<Data, StandardStatus | Extra, Layout>) => unknown,
  ): Promise<WorkResult>;

  /** Tasks in `statuses`, every shard, merged by update time ('v5': by key): partial tasks (see `PartialTask`). */
  queryByStatus(statuses: StatusArgs<StandardStatus | Extra>, options?: QueryByStatusOptions): AsyncIterableIterator<PartialTask<StandardStatus | Extra, Layout>>;
  /** Tasks a worker may start (the ready statuses), as `queryByStatus`. */
  queryUnfinished(options?: QueryByStatusOptions): AsyncIterableIterator<PartialTask<StandardStatus | Extra, Layout>>;
  /** Tasks in `statuses`, summed over statuses and shards. */
  countByStatus(statuses: StatusArgs<StandardStatus | Extra>): Promise<number>;
  /** The tasks in one status on each of its shards: `[shard 1, shard 2, ...]` (one entry in layout 'v5'). */
  countByShard(status: StatusArg<StandardStatus | Extra>): Promise<number[]>;
  /** Deletes every task of this use case (and only this one); resolves to how many. */
  deleteByUseCase(): Promise<number>;
  /**
   * An operator's decision (the CLI's `tracker retry|ignore`): moves a task that no live worker holds,
   * and whose status is one of `from` (default: any), to `status`, its retry count at 0. Refused with
   * the lock's TaskError codes (E_TASK_NOT_FOUND, E_TASK_LOCKED, E_TASK_ALREADY_SUCCEEDED, ...).
   */
  setStatus(
    taskId: string,
    status: StatusArg<StandardStatus | Extra>,
    options?: { from?: StatusArgs<StandardStatus | Extra> },
  ): Promise<Task<Data, StandardStatus | Extra, Layout>>;
}

// Without this, every top-level declaration of a declaration file is exported, also the helpers
// above (and `brand`/`phantom` as values that do not exist at runtime).
export {};
