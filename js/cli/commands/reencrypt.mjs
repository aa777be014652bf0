// `reencrypt`: Model.reencrypt, resumable. The cursor is written to --cursor-file after every page
// and removed when the job is done; a run finding the file resumes from it, so the resume command
// is the same command (after Ctrl-C, and after a failure too).
import { existsSync } from 'node:fs';
import { integerFlag, listFlag } from '../args.mjs';
import { readCursor, removeCursor, saveCursor } from '../cursor-file.mjs';
import { INTERRUPTED, interruptible } from '../interrupt.mjs';
import { describe } from '../item-key.mjs';
import { MODEL_OPTIONS, selectModel } from '../load.mjs';
import { progress } from '../progress.mjs';

/** The command line that resumes this run: the same one, quoted for a POSIX shell. */
const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);

export const reencrypt = {
  name: 'reencrypt',
  synopsis: 'dynamodb-mate reencrypt --models FILE [--model NAME] [--cursor-file FILE] [--attributes A,B] [--segments N] [--page-size N]',
  summary: 'rewrite encrypted values not under the current key (resumable)',
  options: {
    ...MODEL_OPTIONS,
    'cursor-file': { type: 'string' },
    attributes: { type: 'string' },
    segments: { type: 'string' },
    'page-size': { type: 'string' },
  },
  help: `Rewrites every encrypted value of the model that is not under its attribute's current key.
The cursor is kept in --cursor-file (default: reencrypt-<table>.cursor in the current directory),
written after every page and removed when the job is done; when the file exists the run resumes
from it. Ctrl-C stops after the current page and prints the command that resumes (exit code 130).
Prints the totals as JSON: scanned, updated, unchanged, conflicts.`,
  async run({ values, argv, stdout, stderr }) {
    const Model = await selectModel(values);
    const table = await describe(Model);
    const file = values['cursor-file'] ?? `reencrypt-${table.TableName}.cursor`;
    const cursor = readCursor(file, table.TableName);
    if (cursor) stderr.write(`resuming from ${file}\n`);
    const options = {
      attributes: listFlag(values, 'attributes'),
      segments: cursor ? undefined : integerFlag(values, 'segments', 1, undefined),
      pageSize: integerFlag(values, 'page-size', 1, undefined),
      cursor,
    };
    const bar = progress(stderr, { command: 'reencrypt', total: table.ItemCount });
    const { signal, dispose } = interruptible(stderr, 'stopping after the current page (Ctrl-C again to quit now)');
    const again = ['dynamodb-mate', ...argv, ...(values['cursor-file'] ? [] : ['--cursor-file', file])].map(quote).join(' ');
    let result;
    let failure;
    try {
      result = await Model.reencrypt({
        ...options,
        stopSignal: signal,
        onProgress: ({ cursor: next, ...counts }) => {
          if (next) saveCursor(file, table.TableName, next);
          bar.report(counts);
        },
      });
    } catch (error) {
      failure = error;
    } finally {
      dispose();
      bar.finish();
    }
    if (failure) {
      // A failed request, not a refused option: the pages done are kept.
      if (failure.code !== 'E_ARGUMENT' && existsSync(file)) stderr.write(`the cursor of the last page done is in ${file}; to resume:\n  ${again}\n`);
      throw failure;
    }
    const { cursor: left, ...totals } = result;
    stdout.write(`${JSON.stringify(totals)}\n`);
    if (left) {
      saveCursor(file, table.TableName, left);
      stderr.write(`interrupted; the cursor is in ${file}. To resume:\n  ${again}\n`);
      return INTERRUPTED;
    }
    removeCursor(file);
    return 0;
  },
};
