/**
 * `dynamodb-mate/toolbox`: dynamodb-toolbox v2 schemas for dynamodb-mate's and pynamodb_mate's
 * compressed and encrypted attributes (docs/adapters.md).
 * @module dynamodb-mate/toolbox
 */
import type { AnySchema_, Transformer } from 'dynamodb-toolbox';
import type {
  AdapterCompressedJsonOptions, AdapterCompressedOptions, AdapterEncryptedNumberOptions, AdapterEncryptedOptions, codec,
} from 'dynamodb-mate';

/** Values in, the stored bytes out; its DTO names it, never its key. */
export interface MateTransformer<T> extends Transformer<unknown, T, Uint8Array> {
  /** `dynamodb-mate/<factory>` (`dynamodb-mate/compressedJson`, ...): never a key or option. */
  transformerId: string;
  /** The DTO toolbox serialises schemas into: `{ transformerId }`. */
  toJSON(): { transformerId: string };
}
/** An `any()` schema typed as `T` whose transformer writes the bytes (chain `.optional()`, `.savedAs()`, ...). */
export type MateSchema<T> = AnySchema_<{ castAs: T; transform: MateTransformer<T> }>;

/** B: gzip of the string's UTF-8, as `attr.compressedString` and pynamodb_mate's CompressedUnicodeAttribute. */
export declare function compressedString(options?: AdapterCompressedOptions): MateSchema<string>;
/** B: gzip of the bytes, as `attr.compressedBinary` and pynamodb_mate's CompressedBinaryAttribute. */
export declare function compressedBinary(options?: AdapterCompressedOptions): MateSchema<Uint8Array>;
/** B: gzip of Python's `json.dumps(value)`, as `attr.compressedJson` and pynamodb_mate's CompressedJSONDictAttribute. */
export declare function compressedJson(options?: AdapterCompressedJsonOptions): MateSchema<codec.JsonValue>;
/** B: the string encrypted (aead envelope, or pynamodb_mate's bytes), as `attr.encryptedString`. */
export declare function encryptedString(options: AdapterEncryptedOptions): MateSchema<string>;
/** B: the bytes encrypted, as `attr.encryptedBinary`. */
export declare function encryptedBinary(options: AdapterEncryptedOptions): MateSchema<Uint8Array>;
/** B: the number encrypted (`integer`/`float` fix Python's plaintext), as `attr.encryptedNumber`. */
export declare function encryptedNumber(options: AdapterEncryptedNumberOptions): MateSchema<number | bigint | codec.PythonFloat>;
/** B: Python's `json.dumps(value)` encrypted, as `attr.encryptedJson`. */
export declare function encryptedJson(options: AdapterEncryptedOptions): MateSchema<codec.JsonValue>;
