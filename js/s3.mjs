// Entry of the `dynamodb-mate/s3` subpath: the S3 storage of S3-backed attributes. It is the only
// module that imports `@aws-sdk/client-s3`, so that an application whose models have no S3 attribute
// (which does not import this subpath) bundles none of it. The storage only sends commands; what a
// failure means (missing, denied, aborted) is decided by js/attributes/s3-store.mjs.
import {
  CopyObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand,
} from '@aws-sdk/client-s3';
import { codecError } from './errors/make.mjs';

/** The SDK's options of one request: `abortSignal` cancels it. */
const sent = (abortSignal) => (abortSignal === undefined ? undefined : { abortSignal });

/**
 * The storage a model's `s3` option takes: each method sends one command (its SDK input) through
 * `client` (an S3Client, or anything with its `send`) and resolves to the SDK's output.
 */
export function s3Storage(client) {
  if (typeof client?.send !== 'function') throw codecError('E_ARGUMENT', 's3Storage(client): client must be an S3Client');
  const command = (Command) => (input, abortSignal) => client.send(new Command(input), sent(abortSignal));
  return Object.freeze({
    client,
    head: command(HeadObjectCommand),
    put: command(PutObjectCommand),
    copy: command(CopyObjectCommand),
    get: command(GetObjectCommand),
    deleteObjects: command(DeleteObjectsCommand),
    list: command(ListObjectsV2Command),
  });
}
