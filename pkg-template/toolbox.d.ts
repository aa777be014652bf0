// `dynamodb-mate/toolbox`: dynamodb-toolbox v2 schemas for dynamodb-mate's and pynamodb_mate's
// compressed and encrypted attributes (docs/adapters.md).
import type { AnySchema_, Transformer } from 'dynamodb-toolbox';
import type {
  AdapterCompressedJsonOptions, AdapterCompressedOptions, AdapterEncryptedNumberOptions, AdapterEncryptedOptions, codec,
} from 'dynamodb-mate';

/** Values in, the stored bytes out; its DTO names it, never its key. */
export interface MateTransformer<T> extends Transformer<unknown, T, Uint8Array> {
  transformerId: string;
  toJSON(): { transformerId: string };
}
/** An `any()` schema typed as `T` whose transformer writes the bytes (chain `.optional()`, `.savedAs()`, ...). */
export type MateSchema<T> = AnySchema_<{ castAs: T; transform: MateTransformer<T> }>;

export declare function compressedString(options?: AdapterCompressedOptions): MateSchema<string>;
export declare function compressedBinary(options?: AdapterCompressedOptions): MateSchema<Uint8Array>;
export declare function compressedJson(options?: AdapterCompressedJsonOptions): MateSchema<codec.JsonValue>;
export declare function encryptedString(options: AdapterEncryptedOptions): MateSchema<string>;
export declare function encryptedBinary(options: AdapterEncryptedOptions): MateSchema<Uint8Array>;
export declare function encryptedNumber(options: AdapterEncryptedNumberOptions): MateSchema<number | bigint | codec.PythonFloat>;
export declare function encryptedJson(options: AdapterEncryptedOptions): MateSchema<codec.JsonValue>;
