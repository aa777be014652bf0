// `get`: one item by key, decoded (decrypted, decompressed, S3 values fetched), as JSON on stdout.
import { describe, itemKey } from '../item-key.mjs';
import { MODEL_OPTIONS, selectModel } from '../load.mjs';
import { plainJson } from '../plain-json.mjs';

export const get = {
  name: 'get',
  synopsis: 'dynamodb-mate get --models FILE [--model NAME] HASH [RANGE]',
  summary: 'print an item by key, decoded, as JSON',
  positionals: [1, 2],
  options: MODEL_OPTIONS,
  help: `Prints the item as one JSON object of its decoded values (what Model.get returns): bytes as
base64 strings, sets as arrays, datetimes as ISO 8601 text, numbers beyond 2^53 as strings.
Key values are given as stored: strings as they are, numbers as written, binary in base64.
A missing item is exit code 1.`,
  async run({ values, positionals, stdout }) {
    const Model = await selectModel(values);
    // Model.get (not a refresh of the key's instance): it returns the subclass a stored item names.
    const item = await Model.get(...itemKey(Model, await describe(Model), positionals).values, { consistentRead: true });
    stdout.write(`${plainJson(item)}\n`);
    return 0;
  },
};
