import { attr, defineModel } from '../js/node.mjs';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { attributes, item } from './item.mjs';
const A = { ...attributes, body: attr.string(), meta: attr.dynamic(), email: attr.string(), profile: attr.json() };
let sent;
await defineModel({ table: 'ttt', client: { config: {}, send: async (c) => { sent = c.input; return {}; } }, attributes: A }).create(item).save();
const M = defineModel({ table: 'ttt', client: { config: {}, send: async (c) => (c instanceof GetItemCommand ? { Item: sent.Item } : {}) }, attributes: A });
for (let i = 0; i < 200000; i++) await M.get(item.site, item.path);
