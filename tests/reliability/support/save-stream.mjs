// Child process of kill-mid-save.test.mjs: saves, updates and deletes items of the mixed model
// (every attribute kind, S3 in both layouts) without pause until it is killed. Prints `ready` after
// its first acknowledged write, then `ack <op>` after each one.
// Config: SAVE_STREAM={"table","bucket","seed","owner","keys","lanes"}; endpoints from
// DDB_LOCAL_ENDPOINT and MOTO_ENDPOINT.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { mixedModel, mixedValues, seeded } from './mixed-model.mjs';

const config = JSON.parse(process.env.SAVE_STREAM);
const common = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const Mixed = mixedModel({
  table: config.table,
  bucket: config.bucket,
  dynamodb: new DynamoDBClient({ ...common, endpoint: process.env.DDB_LOCAL_ENDPOINT }),
  s3: new S3Client({ ...common, endpoint: process.env.MOTO_ENDPOINT, forcePathStyle: true }),
});
const rng = seeded(config.seed);
// A killed parent must not leave this loop running.
setTimeout(() => process.exit(2), 60_000).unref();

let seq = config.seed * 1000;
let ready = false;
const ack = (op) => {
  if (!ready) process.stdout.write('ready\n');
  ready = true;
  process.stdout.write(`ack ${op}\n`);
};

/** One lane per key subset: writes of one item never overlap (a single writer per item). */
async function lane(keys) {
  for (;;) {
    const key = rng.pick(keys);
    const roll = rng.next();
    if (roll < 0.7) {
      await Mixed.create(mixedValues(rng, config.owner, key, ++seq)).save();
      ack('save');
    } else if (roll < 0.85) {
      const item = await Mixed.getOneOrNone(config.owner, key, { consistentRead: true });
      if (item) {
        // Half of the updates upload: a new blob, the replaced one deleted after the UpdateItem.
        const { blob } = mixedValues(rng, config.owner, key, ++seq);
        const s3 = roll < 0.775 && blob !== null ? [Mixed.attr.blob.set(blob)] : [];
        await item.update([Mixed.attr.n.add(1), Mixed.attr.title.set(`${key} updated`), ...s3], { condition: Mixed.attr.owner.exists() });
        ack('update');
      }
    } else {
      const item = await Mixed.getOneOrNone(config.owner, key, { consistentRead: true });
      if (item) {
        await item.delete();
        ack('delete');
      }
    }
  }
}

const keys = Array.from({ length: config.keys }, (_, i) => `k${i}`);
await Promise.all(Array.from({ length: config.lanes }, (_, l) => lane(keys.filter((_, i) => i % config.lanes === l))));
