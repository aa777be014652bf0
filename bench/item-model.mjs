// The item codec through the model path, against the SDK used as its users use it (issue 14): the
// plain 20-attribute item (`save()` and `get()` of a model on a stub client vs PutItemCommand with
// `marshall()` and GetItemCommand with `unmarshall()` on a stub client; the item codec's encode and
// decode alone vs `marshall()` and `unmarshall()` with the same conversions), and a 1,000-item
// (~1 MB) query page decoded into model instances (`queryPage`) vs the DocumentClient's
// QueryCommand, both on a DynamoDBClient whose request handler answers with the same canned HTTP
// response, so that both pay the same signing, HTTP parsing and JSON deserialisation. Each peer does
// the conversions a user would (pynamodb's datetime text, TTL seconds, JSON text) and its output is
// cross-checked with the model's. Run by bench/item.mjs.
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { attr, defineModel } from '../js/node.mjs';
import { ItemCodec } from '../js/item/codec.mjs';

const TABLE = 'pages';

/** bench/item.mjs's 20 attributes with plain types only: the compressed and encrypted ones become plain ones. */
const plain = (attributes) => ({ ...attributes, body: attr.string(), meta: attr.dynamic(), email: attr.string(), profile: attr.json() });

// ---- the SDK peer: what an application without this library writes and reads ----

const pad = (n, w) => String(n).padStart(w, '0');

/** pynamodb's datetime text of a Date (milliseconds: a plain Date has no more). */
function datetimeText(d) {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:`
    + `${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds() * 1000, 6)}+0000`;
}

/** An item as the SDK's marshall takes it: dates and JSON as pynamodb stores them. */
const sdkValues = (v) => ({
  ...v,
  crawled: datetimeText(v.crawled),
  expires: Math.floor(v.expires.getTime() / 1000),
  doc: JSON.stringify(v.doc),
  profile: JSON.stringify(v.profile),
});

/** An unmarshalled item back in the model's types. */
const userItem = (v) => ({
  ...v,
  crawled: new Date(v.crawled),
  expires: new Date(v.expires * 1000),
  doc: JSON.parse(v.doc),
  profile: JSON.parse(v.profile),
});

/** Throws unless the model's values and the peer's agree on every attribute. */
function crossCheck(ours, theirs, what) {
  const text = (v) => JSON.stringify(v, (k, x) => (x instanceof Set ? [...x] : x instanceof Uint8Array ? [...x] : typeof x === 'bigint' ? String(x) : x));
  for (const name of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    const a = ours[name] instanceof Date ? ours[name].getTime() : text(ours[name]);
    const b = theirs[name] instanceof Date ? theirs[name].getTime() : text(theirs[name]);
    if (a !== b) throw new Error(`${what}: ${name} differs between the model and the SDK peer`);
  }
}

// ---- stub clients ----

/** A client whose send answers GetItem with `stored` and anything else with `{}`, without I/O. */
const stubClient = (stored) => ({
  config: {},
  send: async (command) => (command instanceof GetItemCommand ? { Item: stored } : {}),
});

/** A DynamoDBClient whose request handler answers every request with `body` (JSON text). */
function cannedClient(body) {
  const bytes = new TextEncoder().encode(body);
  const headers = { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(bytes.length), 'x-amzn-requestid': 'bench' };
  return new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
    requestHandler: { handle: async () => ({ response: { statusCode: 200, headers, body: bytes } }) },
  });
}

/** DynamoDB JSON (the wire form) of SDK AttributeValues: bytes as base64. */
const wireJson = (avs) => JSON.stringify(avs, (k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));

/**
 * The cases for bench/item.mjs's `attributes` and `item`: `{ name: { ours, peer } }` of
 * async functions, checked once (outputs cross-checked) before any timing. `items`: the query
 * page's size.
 */
export async function modelCases({ attributes, item, items }) {
  const plainAttributes = plain(attributes);
  const plainModel = (client) => defineModel({ table: TABLE, client, attributes: plainAttributes });
  const plainItem = item;
  // The i-th item of the query page: the plain item with its own path and a ~700-byte body.
  const pageItem = (i) => ({ ...item, path: `/articles/${pad(i, 6)}`, views: i, body: item.body.slice(0, 700) });
  let sent; // the PutItem input of the model's save: its Item is what the stub GetItem answers
  const recording = { config: {}, send: async (command) => { sent = command.input; return {}; } };
  await plainModel(recording).create(plainItem).save();
  const Reader = plainModel(stubClient(sent.Item));
  const instance = Reader.create(plainItem);

  const sdk = stubClient(sent.Item);
  const key = marshall({ site: item.site, path: item.path });
  const sdkPut = () => sdk.send(new PutItemCommand({ TableName: TABLE, Item: marshall(sdkValues(plainItem)) }));
  const sdkGet = async () => userItem(unmarshall((await sdk.send(new GetItemCommand({ TableName: TABLE, Key: key }))).Item));
  const ourGet = () => Reader.get(item.site, item.path);
  crossCheck(await ourGet(), await sdkGet(), 'get');
  crossCheck(unmarshall(marshall(sdkValues(plainItem))), sdkValues(plainItem), 'put');

  // The item codec alone (what save() and get() use), against marshall and unmarshall with the same conversions.
  const codec = new ItemCodec('Page', Object.entries(plainAttributes).map(([name, a]) => a.spec(name)), TABLE, { hashKey: 'site', rangeKey: 'path' });
  const ourStored = codec.encode(plainItem).item;
  const sdkStored = marshall(sdkValues(plainItem));
  crossCheck(codec.decode(ourStored), userItem(unmarshall(sdkStored)), 'item codec');

  // The query page: the same HTTP body for both sides.
  const stored1k = [];
  const recorder = plainModel({ config: {}, send: async (command) => { stored1k.push(command.input.Item); return {}; } });
  for (let i = 0; i < items; i++) await recorder.create(pageItem(i)).save();
  const body = `{"Count":${items},"Items":[${stored1k.map(wireJson).join(',')}],"ScannedCount":${items}}`;
  const Queried = plainModel(cannedClient(body));
  const documents = DynamoDBDocumentClient.from(cannedClient(body));
  const ourQuery = async () => (await Queried.queryPage(item.site)).items;
  const sdkQuery = async () => (await documents.send(new QueryCommand({
    TableName: TABLE, KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'site' }, ExpressionAttributeValues: { ':s': item.site },
  }))).Items.map(userItem);
  const [ours, theirs] = [await ourQuery(), await sdkQuery()];
  if (ours.length !== items || theirs.length !== items) throw new Error('query page: wrong item count');
  for (const i of [0, items - 1]) crossCheck(ours[i], theirs[i], `query item ${i}`);

  return {
    bodyBytes: body.length,
    cases: {
      'plain item: save() + get()': { ours: async () => { await instance.save(); return ourGet(); }, peer: async () => { await sdkPut(); return sdkGet(); } },
      'plain item: save()': { ours: () => instance.save(), peer: sdkPut },
      'plain item: get()': { ours: ourGet, peer: sdkGet },
      'plain item: encode (the item codec alone)': { ours: () => codec.encode(plainItem), peer: () => marshall(sdkValues(plainItem)) },
      'plain item: decode (the item codec alone)': { ours: () => codec.decode(ourStored), peer: () => userItem(unmarshall(sdkStored)) },
      [`queryPage of ${items} items`]: { ours: ourQuery, peer: sdkQuery },
    },
  };
}
