/**
 * `dynamodb-mate/electrodb`: ElectroDB attribute definitions for dynamodb-mate's and pynamodb_mate's
 * compressed and encrypted attributes (docs/adapters.md).
 * @module dynamodb-mate/electrodb
 */
import type {
  AdapterCompressedJsonOptions, AdapterCompressedOptions, AdapterEncryptedOptions, AdapterNumberKind, AdapterRandomizedAeadOptions, codec,
} from 'dynamodb-mate';

/** The encrypted options ElectroDB takes: the adapters' and randomized aead, bound to the item's key. */
export type ElectroEncryptedOptions = AdapterEncryptedOptions | AdapterRandomizedAeadOptions;
/** The options of `encryptedNumber`: those of `ElectroEncryptedOptions` and `integer` or `float`. */
export type ElectroEncryptedNumberOptions = ElectroEncryptedOptions & AdapterNumberKind;

/**
 * An attribute definition to spread into an entity's `attributes` (`{ ...encryptedString(o), required: true }`).
 * `encode(value)` gives the stored bytes, for `where` clauses (ElectroDB does not pass their operands
 * through `set`); it is not enumerable, so keep the definition to call it.
 */
export interface MateAttribute<T> {
  type: 'any';
  /** ElectroDB's read hook: the stored bytes decoded (absent or null passes through); `item`, the item read, gives a randomized aead value its key attributes. */
  get(value: Uint8Array | undefined | null, item?: Record<string, unknown>): T | undefined | null;
  /** ElectroDB's write hook: the value encoded (absent or null passes through); `item`, the item written (put/create), gives a randomized aead value its key attributes. */
  set(value: T | undefined | null, item?: Record<string, unknown>): Uint8Array | undefined | null;
  /** The stored bytes of `value`, for `where` clauses. */
  readonly encode: (value: T) => Uint8Array;
}

/** B: gzip of the string's UTF-8, as `attr.compressedString` and pynamodb_mate's CompressedUnicodeAttribute. */
export declare function compressedString(options?: AdapterCompressedOptions): MateAttribute<string>;
/** B: gzip of the bytes, as `attr.compressedBinary` and pynamodb_mate's CompressedBinaryAttribute. */
export declare function compressedBinary(options?: AdapterCompressedOptions): MateAttribute<Uint8Array>;
/** B: gzip of Python's `json.dumps(value)`, as `attr.compressedJson` and pynamodb_mate's CompressedJSONDictAttribute. */
export declare function compressedJson(options?: AdapterCompressedJsonOptions): MateAttribute<codec.JsonValue>;
/** B: the string encrypted (aead envelope, or pynamodb_mate's bytes), as `attr.encryptedString`. */
export declare function encryptedString(options: ElectroEncryptedOptions): MateAttribute<string>;
/** B: the bytes encrypted, as `attr.encryptedBinary`. */
export declare function encryptedBinary(options: ElectroEncryptedOptions): MateAttribute<Uint8Array>;
/** B: the number encrypted (`integer`/`float` fix Python's plaintext), as `attr.encryptedNumber`. */
export declare function encryptedNumber(options: ElectroEncryptedNumberOptions): MateAttribute<number | bigint | codec.PythonFloat>;
/** B: Python's `json.dumps(value)` encrypted, as `attr.encryptedJson`. */
export declare function encryptedJson(options: ElectroEncryptedOptions): MateAttribute<codec.JsonValue>;
