import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { attr } from '../js/node.mjs';
import { attributes, item } from './item.mjs';
import { ItemCodec } from '../js/item/codec.mjs';
const A = { ...attributes, body: attr.string(), meta: attr.dynamic(), email: attr.string(), profile: attr.json() };
const c = new ItemCodec('P', Object.entries(A).map(([n, a]) => a.spec(n)), 't', { hashKey: 'site', rangeKey: 'path' });
const stored = Array.from({ length: 1000 }, (_, i) => c.encode({ ...item, path: `/a/${i}`, views: i, body: item.body.slice(0, 700) }).item);
const sdkStored = stored.map((s) => unmarshall(s)).map((v) => marshall(v));
const userItem = (v) => ({ ...v, crawled: new Date(v.crawled), expires: new Date(v.expires * 1000), doc: JSON.parse(v.doc), profile: JSON.parse(v.profile) });
function t(name, fn, n = 200) { for (let i = 0; i < n; i++) fn(); const t0 = process.cpuUsage(); for (let i = 0; i < n; i++) fn(); const u = process.cpuUsage(t0); console.log(name, ((u.user + u.system) / n / 1000).toFixed(3), 'µs/item'); }
const mode = process.argv[2];
if (mode === 'prof') { for (let i = 0; i < 1000; i++) for (const s of stored) c.decode(s); } else
for (let r = 0; r < 3; r++) {
  t('fast', () => { for (const s of stored) c.decode(s); });
  t('sdk', () => { for (const s of sdkStored) userItem(unmarshall(s)); });
}
