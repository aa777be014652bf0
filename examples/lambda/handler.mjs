// An AWS Lambda handler with dynamodb-mate: notes whose body is gzip-compressed and whose owner is
// encrypted (deterministic, so the owner can be looked up by equality). Bundled with ./build.mjs.
//
// Configuration (Lambda environment): NOTES_TABLE, NOTES_PASSWORD (in production a secret, e.g. from
// Secrets Manager; a 32-byte key or a KMS key provider work the same way, see docs/attributes.md). The region
// and credentials come from the Lambda runtime as for any SDK client.
//
// Events: { action: 'put', id, body, owner } → { id }; { action: 'get', id } → { id, body, owner } or null.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attr, defineModel } from 'dynamodb-mate';

// Module scope: created once per cold start, reused by every invocation of this instance.
const Note = defineModel({
  table: process.env.NOTES_TABLE ?? 'notes',
  client: new DynamoDBClient({}),
  attributes: {
    id: attr.string({ hashKey: true }),
    body: attr.compressedString(),
    owner: attr.encryptedString({ key: process.env.NOTES_PASSWORD }),
  },
});

export async function handler(event) {
  switch (event.action) {
    case 'put':
      await Note.create({ id: event.id, body: event.body, owner: event.owner }).save();
      return { id: event.id };
    case 'get': {
      const note = await Note.getOneOrNone(event.id, { consistentRead: true });
      return note && { id: note.id, body: note.body, owner: note.owner };
    }
    default:
      throw new Error(`unknown action ${JSON.stringify(event.action)}`);
  }
}
