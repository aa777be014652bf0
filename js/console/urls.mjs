// `consoleUrls.*`: AWS console URLs of a table and of an item, the routes of pynamodb_mate's
// ConsoleUrlMaker with key values percent-encoded (src/console.rs builds them; see its doc).
import { core } from '../runtime/core.mjs';
import { toBase64 } from '../item/base64.mjs';
import { inputError, isBytes, string } from '../codec/input.mjs';
import { codecError } from '../errors/make.mjs';

/**
 * A key value as the console shows it: a string as is, a number as its decimal text (JS's shortest
 * round-trip form, e.g. 1.5, 1e+21), binary as standard base64.
 */
function keyText(name, value) {
  if (typeof value === 'string') {
    // The wasm glue would turn a lone surrogate into U+FFFD, a URL to another item.
    if (!value.isWellFormed()) throw codecError('E_UTF8', `${name} contains a lone UTF-16 surrogate, which has no UTF-8 form`);
    return value;
  }
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isFinite(value))) return String(value);
  if (isBytes(value)) return toBase64(value);
  throw inputError(name, 'a string, a finite number, a bigint or a Uint8Array', value);
}

/** The table's overview page (settings, indexes, monitoring). */
function tableOverview(region, table) {
  return core.consoleTableOverviewUrl(string('region', region), string('table', table));
}

/** The table's item explorer. */
function tableItems(region, table) {
  return core.consoleTableItemsUrl(string('region', region), string('table', table));
}

/** One item's page; `rangeValue` only for tables with a range key. */
function itemDetail(region, table, hashValue, rangeValue) {
  const range = rangeValue === undefined ? undefined : keyText('rangeValue', rangeValue);
  return core.consoleItemDetailUrl(string('region', region), string('table', table), keyText('hashValue', hashValue), range);
}

export const consoleUrls = { tableOverview, tableItems, itemDetail };

/** The value of a key AttributeValue (`{ S }`, `{ N }` or `{ B }`, as the model wrote it) for `itemDetail`. */
export const storedKeyValue = (av) => av.S ?? av.N ?? av.B;
