// An item named on the command line: its key values as text, typed by the table's key schema
// (DescribeTable: S as given, N as written, B in base64) and decoded by the model like any stored
// item, so a datetime or custom key attribute gets its model value.
import { UsageError } from './args.mjs';

/** The table's description (DescribeTable); an operation failure (exit code 1) when it does not exist. */
export async function describe(Model) {
  const table = await Model.describeTable();
  if (!table) throw new Error(`the table of model ${Model.name} does not exist`);
  return table;
}

/**
 * The key given in `values` (hash, then range): `{ instance, values }`, an instance of `Model`
 * holding only the key, and its key values as the model takes them (`Model.get(...values)`).
 */
export function itemKey(Model, table, values) {
  const schema = table.KeySchema;
  if (values.length !== schema.length) {
    throw new UsageError(`model ${Model.name} has a ${schema.length === 2 ? 'hash and a range key' : 'hash key only'}: give ${schema.length} key value(s), not ${values.length}`);
  }
  const types = new Map(table.AttributeDefinitions.map((d) => [d.AttributeName, d.AttributeType]));
  const json = Object.fromEntries(schema.map(({ AttributeName }, i) => [AttributeName, { [types.get(AttributeName)]: values[i] }]));
  let instance;
  try {
    instance = Model.fromJSON(json);
  } catch (error) {
    throw new UsageError(`the key ${values.map((v) => JSON.stringify(v)).join(' ')} is not a key of ${Model.name}: ${error.message}`);
  }
  // The model's names of the key attributes (`attrName` may differ from the stored name).
  const nameOf = (stored) => Object.keys(instance).find((name) => Model.attr[name].path[0].name === stored);
  return { instance, values: schema.map(({ AttributeName }) => instance[nameOf(AttributeName)]) };
}
