// `console`: AWS console URLs of a model's table, or of one item.
import { describe, itemKey } from '../item-key.mjs';
import { MODEL_OPTIONS, selectModel } from '../load.mjs';

export const consoleCommand = {
  name: 'console',
  synopsis: 'dynamodb-mate console --models FILE [--model NAME] [--region REGION] [HASH [RANGE]]',
  summary: 'print the AWS console URLs of a table, or of an item',
  positionals: [0, 2],
  options: { ...MODEL_OPTIONS, region: { type: 'string' } },
  help: `Without a key: the table's overview and items pages, one per line. With a key (given as
stored: strings as they are, numbers as written, binary in base64; read from DescribeTable): the
item's page. The region is --region, else the model client's.`,
  async run({ values, positionals, stdout }) {
    const Model = await selectModel(values);
    await Model.prepare();
    const opts = values.region ? { region: values.region } : undefined;
    if (positionals.length === 0) {
      stdout.write(`${Model.tableOverviewConsoleUrl(opts)}\n${Model.tableItemsConsoleUrl(opts)}\n`);
    } else {
      stdout.write(`${itemKey(Model, await describe(Model), positionals).instance.itemDetailConsoleUrl(opts)}\n`);
    }
    return 0;
  },
};
