// The CLI's argument parsing: node:util's parseArgs, strict (an unknown flag or a missing value is a
// usage error, exit code 2), with `--help` on every command.
import { parseArgs } from 'node:util';

/** Bad command line: printed with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  name = 'UsageError';
}

/** `{ values, positionals }` of `argv` for `command` (`{ name, options, positionals: [min, max] }`). */
export function parse(command, argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    if (typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS')) throw new UsageError(error.message);
    throw error;
  }
  const [min, max] = command.positionals ?? [0, 0];
  const n = parsed.positionals.length;
  if (!parsed.values.help && (n < min || n > max)) {
    throw new UsageError(`${command.name} takes ${min === max ? min : `${min} to ${max}`} argument(s), not ${n}: ${command.synopsis}`);
  }
  return parsed;
}

/** A flag's value as an integer >= `min`, or `fallback` when absent. */
export function integerFlag(values, name, min, fallback) {
  const text = values[name];
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, not ${JSON.stringify(text)}`);
  return n;
}

/** A comma-separated list flag, or undefined when absent. */
export const listFlag = (values, name) => values[name]?.split(',').map((s) => s.trim()).filter(Boolean);
