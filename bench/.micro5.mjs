import { modelCases } from './item-model.mjs';
import { attributes, item } from './item.mjs';
const { cases } = await modelCases({ attributes, item, items: 1000 });
const c = cases['queryPage of 1000 items'];
const fn = process.argv[2] === 'sdk' ? c.peer : c.ours;
for (let i = 0; i < 150; i++) await fn();
