/**
 * `dynamodb-mate/s3`: the S3 storage of S3-backed attributes (docs/s3.md). The only part of the
 * package that imports `@aws-sdk/client-s3`: a model without S3 attributes does not load it.
 * @module dynamodb-mate/s3
 */
import type { S3ClientLike, S3Storage } from 'dynamodb-mate';

export type { S3ClientLike, S3Storage } from 'dynamodb-mate';

/**
 * The storage a model's `s3` option takes: `defineModel({ ..., s3: s3Storage(new S3Client({})) })`.
 * ArgumentError E_ARGUMENT when `client` has no `send`.
 */
export declare function s3Storage(client: S3ClientLike): S3Storage;
