// The same handler with the bare AWS SDK (body and owner stored as plain strings): the baseline
// of bench/lambda-cold.mjs for bundle size and cold start.
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

const TABLE = process.env.NOTES_TABLE ?? 'notes';
const client = new DynamoDBClient({});

export async function handler(event) {
  switch (event.action) {
    case 'put':
      await client.send(new PutItemCommand({
        TableName: TABLE,
        Item: { id: { S: event.id }, body: { S: event.body }, owner: { S: event.owner } },
      }));
      return { id: event.id };
    case 'get': {
      const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: event.id } }, ConsistentRead: true }));
      return Item ? { id: Item.id.S, body: Item.body.S, owner: Item.owner.S } : null;
    }
    default:
      throw new Error(`unknown action ${JSON.stringify(event.action)}`);
  }
}
