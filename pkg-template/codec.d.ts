/**
 * `dynamodb-mate/codec`: the codecs, the error classes and `UtcDateTime` without the model layer,
 * so that importing it loads no AWS SDK module. Imported together with `dynamodb-mate`, both share
 * one wasm instance and one set of error classes.
 * @module dynamodb-mate/codec
 */
export { codec, errors, init, version, UtcDateTime } from 'dynamodb-mate';
export type { InitInput } from 'dynamodb-mate';
