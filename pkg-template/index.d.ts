// Types of the dynamodb-mate package (Node ESM/CJS and browser builds share them).

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
 * Node builds are initialised at import time; there `init()` resolves at once.
 */
export declare function init(input?: InitInput | Promise<InitInput>): Promise<void>;

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

  type EncryptOptions = AeadOptions | LegacyOptions;

  /** Python `json.dumps` options. */
  interface DumpsOptions {
    /** Default true. */
    ensureAscii?: boolean;
    /** `[itemSeparator, keySeparator]`, default `[', ', ': ']`. */
    separators?: readonly [string, string];
    /** Default false. */
    sortKeys?: boolean;
  }

  /** Marks a JS number as a Python float: `new PythonFloat(1)` is written `1.0`. */
  class PythonFloat {
    constructor(value: number);
    readonly value: number;
    valueOf(): number;
  }

  /** One gzip member: header `1f8b 08 00`, MTIME `mtime` (default 0), XFL, OS 255. Level default 9. */
  function gzip(data: Uint8Array | string, opts?: { level?: number; mtime?: number }): Uint8Array;
  /** Any gzip stream, also multi-member. `maxOutput` defaults to 64 MiB (E_GZIP_TOO_LARGE past it). */
  function gunzip(data: Uint8Array, opts?: { maxOutput?: number }): Uint8Array;
  function sha256Hex(data: Uint8Array | string): string;
  function md5Hex(data: Uint8Array | string): string;
  /** Python `base64.b85encode`. */
  function b85encode(data: Uint8Array | string): string;
  /** Python `base64.b85decode`. */
  function b85decode(text: string): Uint8Array;

  /** Byte-exact Python `json.dumps`. */
  function pythonJsonDumps(value: JsonValue, opts?: DumpsOptions): string;
  /** Python `json.loads`: ints beyond ±(2^53-1) become BigInt; NaN and ±Infinity are accepted. */
  function pythonJsonLoads(text: string): unknown;

  /** pynamodb's `YYYY-MM-DDTHH:MM:SS.ffffff+0000`. */
  function formatDatetime(value: Date | { epochMicros: bigint }): string;
  function parseDatetime(text: string): { date: Date; epochMicros: bigint };

  /** pynamodb_mate's key of a password: SHA-256 of its UTF-8 bytes. */
  function legacyKeyFromPassword(password: string): Uint8Array;

  /** `kind` defaults from the value: string, Uint8Array → binary, number/bigint/PythonFloat → number, else json. */
  function encrypt(value: string | Uint8Array | JsonValue, opts: EncryptOptions & { kind?: Kind }): Uint8Array;
  function decrypt(stored: Uint8Array, opts: EncryptOptions & { kind: 'string' }): string;
  function decrypt(stored: Uint8Array, opts: EncryptOptions & { kind: 'binary' }): Uint8Array;
  function decrypt(stored: Uint8Array, opts: EncryptOptions & { kind: 'number' | 'int' | 'float' }): number | bigint;
  function decrypt(stored: Uint8Array, opts: EncryptOptions & { kind: Kind }): unknown;

  /** gzip (MTIME 0) of the value's plaintext, as pynamodb_mate's Compressed*Attribute. */
  function compress(
    value: string | Uint8Array | JsonValue,
    opts?: { kind?: Kind; level?: number; ensureAscii?: boolean },
  ): Uint8Array;
  function decompress(stored: Uint8Array, opts: { kind: 'string'; maxOutput?: number }): string;
  function decompress(stored: Uint8Array, opts: { kind: 'binary'; maxOutput?: number }): Uint8Array;
  function decompress(stored: Uint8Array, opts: { kind: 'number' | 'int' | 'float'; maxOutput?: number }): number | bigint;
  function decompress(stored: Uint8Array, opts: { kind: Kind; maxOutput?: number }): unknown;
}

export declare namespace errors {
  type ArgumentErrorCode = 'E_INPUT_TYPE' | 'E_ARGUMENT';
  type CompressionErrorCode = 'E_GZIP_HEADER' | 'E_GZIP_DATA' | 'E_GZIP_TRUNCATED' | 'E_GZIP_CHECKSUM' | 'E_GZIP_TOO_LARGE';
  type EncodingErrorCode = 'E_BASE85' | 'E_JSON_SYNTAX' | 'E_JSON_TYPE' | 'E_JSON_SURROGATE' | 'E_JSON_DEPTH' | 'E_DATETIME' | 'E_UTF8';
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
  type CodecErrorCode =
    | ArgumentErrorCode
    | 'E_KEY_LENGTH'
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
  /** Every code (E_SCHEMA: the item codec refused a model's schema). */
  type ErrorCode = CodecErrorCode | ItemErrorCode | 'E_SCHEMA' | 'E_NOT_INITIALIZED' | 'E_EXPRESSION';

  /** Base of every error the package throws. */
  class DynamoDBMateError extends Error {
    constructor(code: ErrorCode, message: string, options?: ErrorOptions);
    readonly code: ErrorCode;
  }
  /** The browser build was used before `await init()`. */
  class NotInitializedError extends DynamoDBMateError {
    readonly code: 'E_NOT_INITIALIZED';
  }
  /** Base of codec errors; E_RANDOM is thrown as a plain CodecError. */
  class CodecError extends DynamoDBMateError {
    readonly code: CodecErrorCode;
  }
  class ArgumentError extends CodecError {
    readonly code: ArgumentErrorCode;
  }
  class KeyError extends CodecError {
    readonly code: 'E_KEY_LENGTH';
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
}
