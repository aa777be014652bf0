// The codec-only API (dynamodb-mate/codec): what needs neither the AWS SDK nor the model layer.
// The main API (api.mjs) re-exports it, so both entries hand out the same functions and classes.
export * as codec from './codec/index.mjs';
export * as errors from './errors/index.mjs';
export { version } from './version.mjs';
export { UtcDateTime } from './item/utc-datetime.mjs';
