// `dynamodb-mate/electrodb`: ElectroDB attribute definitions for dynamodb-mate's and pynamodb_mate's
// compressed and encrypted attributes (docs/adapters.md).
import type {
  AdapterCompressedJsonOptions, AdapterCompressedOptions, AdapterEncryptedOptions, AdapterNumberKind, AdapterRandomizedAeadOptions, codec,
} from 'dynamodb-mate';

/** The encrypted options ElectroDB takes: the adapters' and randomized aead, bound to the item's key. */
export type ElectroEncryptedOptions = AdapterEncryptedOptions | AdapterRandomizedAeadOptions;
export type ElectroEncryptedNumberOptions = ElectroEncryptedOptions & AdapterNumberKind;

/**
 * An attribute definition to spread into an entity's `attributes` (`{ ...encryptedString(o), required: true }`).
 * `encode(value)` gives the stored bytes, for `where` clauses (ElectroDB does not pass their operands
 * through `set`); it is not enumerable, so keep the definition to call it.
 */
export interface MateAttribute<T> {
  type: 'any';
  /** `item`: the item read, which a randomized aead value needs the key attributes of. */
  get(value: Uint8Array | undefined | null, item?: Record<string, unknown>): T | undefined | null;
  /** `item`: the item written (put/create), which a randomized aead value needs the key attributes of. */
  set(value: T | undefined | null, item?: Record<string, unknown>): Uint8Array | undefined | null;
  readonly encode: (value: T) => Uint8Array;
}

export declare function compressedString(options?: AdapterCompressedOptions): MateAttribute<string>;
export declare function compressedBinary(options?: AdapterCompressedOptions): MateAttribute<Uint8Array>;
export declare function compressedJson(options?: AdapterCompressedJsonOptions): MateAttribute<codec.JsonValue>;
export declare function encryptedString(options: ElectroEncryptedOptions): MateAttribute<string>;
export declare function encryptedBinary(options: ElectroEncryptedOptions): MateAttribute<Uint8Array>;
export declare function encryptedNumber(options: ElectroEncryptedNumberOptions): MateAttribute<number | bigint | codec.PythonFloat>;
export declare function encryptedJson(options: ElectroEncryptedOptions): MateAttribute<codec.JsonValue>;
