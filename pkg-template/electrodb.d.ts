// `dynamodb-mate/electrodb`: ElectroDB attribute definitions for dynamodb-mate's and pynamodb_mate's
// compressed and encrypted attributes (docs/adapters.md).
import type {
  AdapterCompressedJsonOptions, AdapterCompressedOptions, AdapterEncryptedNumberOptions, AdapterEncryptedOptions, codec,
} from 'dynamodb-mate';

/**
 * An attribute definition to spread into an entity's `attributes` (`{ ...encryptedString(o), required: true }`).
 * `encode(value)` gives the stored bytes, for `where` clauses (ElectroDB does not pass their operands
 * through `set`); it is not enumerable, so keep the definition to call it.
 */
export interface MateAttribute<T> {
  type: 'any';
  get(value: Uint8Array | undefined | null): T | undefined | null;
  set(value: T | undefined | null): Uint8Array | undefined | null;
  readonly encode: (value: T) => Uint8Array;
}

export declare function compressedString(options?: AdapterCompressedOptions): MateAttribute<string>;
export declare function compressedBinary(options?: AdapterCompressedOptions): MateAttribute<Uint8Array>;
export declare function compressedJson(options?: AdapterCompressedJsonOptions): MateAttribute<codec.JsonValue>;
export declare function encryptedString(options: AdapterEncryptedOptions): MateAttribute<string>;
export declare function encryptedBinary(options: AdapterEncryptedOptions): MateAttribute<Uint8Array>;
export declare function encryptedNumber(options: AdapterEncryptedNumberOptions): MateAttribute<number | bigint | codec.PythonFloat>;
export declare function encryptedJson(options: AdapterEncryptedOptions): MateAttribute<codec.JsonValue>;
