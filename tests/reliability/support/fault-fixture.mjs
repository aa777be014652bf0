// The setup the fault tests share: a table on DynamoDB Local and a bucket on moto's S3, each behind
// its own fault proxy, made before the file's tests and removed after them. The bindings below are
// live: a test file imports them and reads them once `before` has run (node --test runs each file
// in its own process, so files never share them).
import { after, before } from 'node:test';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { backends, uniqueName } from '../../support/endpoints.mjs';
import { startFaultProxy } from './fault-proxy.mjs';
import { attr, defineModel } from '../../../js/node.mjs';
import { s3Storage } from '../../../js/s3.mjs';

export let ddb;
export let moto;
export let table;
export let bucket;
export let dbProxy;
export let s3Proxy;

/** Registers the hooks; `attributes(bucket)` gives the model's attributes, used to create the table. */
export function faultFixture(name, attributes) {
  before(async () => {
    [ddb, moto] = backends();
    table = uniqueName(name);
    bucket = uniqueName(name);
    await moto.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await defineModel({ table, client: ddb.dynamodb, s3: s3Storage(moto.s3), attributes: attributes(bucket) }).createTable({ wait: true });
    dbProxy = await startFaultProxy(ddb.endpoint);
    s3Proxy = await startFaultProxy(moto.endpoint);
  });

  after(async () => {
    await dbProxy.close();
    await s3Proxy.close();
    await defineModel({ table, client: ddb.dynamodb, attributes: { id: attr.string({ hashKey: true }) } }).deleteTable();
  });
}
