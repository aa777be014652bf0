// Entry of dynamodb-mate/codec on Node (dist/codec.mjs, dist/codec.cjs): loads no AWS SDK module.
export { init } from './runtime/node.mjs';
export * from './codec-api.mjs';
