// `orphans`: Model.collectS3Orphans, a dry run unless --delete. Stopping it half way loses nothing
// (a run starts over and finds what is left), so Ctrl-C quits at once.
import { integerFlag, listFlag, UsageError } from '../args.mjs';
import { INTERRUPTED } from '../interrupt.mjs';
import { MODEL_OPTIONS, selectModel, selectModels } from '../load.mjs';
import { progress } from '../progress.mjs';

/** The models of `--with`, `[]` for `--only-this-table`; one of them is required by `--delete`. */
async function otherModels(values) {
  if (values.with !== undefined && values['only-this-table']) throw new UsageError('--with and --only-this-table exclude each other');
  if (values['only-this-table']) return [];
  const names = listFlag(values, 'with');
  if (names?.length === 0) throw new UsageError('--with needs model names (--only-this-table when there are none)');
  if (names) return selectModels(values, names);
  if (!values.delete) return undefined;
  throw new UsageError('--delete needs --with NAME,NAME (the models of the other tables whose items may reference objects under '
    + 'these prefixes, which would be deleted otherwise) or --only-this-table (no other table does)');
}

export const orphans = {
  name: 'orphans',
  synopsis: 'dynamodb-mate orphans --models FILE [--model NAME] [--delete] [--older-than SECONDS] [--attributes A,B] [--with NAME,NAME | --only-this-table] [--list]',
  summary: 'find (and with --delete, delete) S3 objects no item references',
  options: {
    ...MODEL_OPTIONS,
    delete: { type: 'boolean' },
    'older-than': { type: 'string' },
    attributes: { type: 'string' },
    with: { type: 'string' },
    'only-this-table': { type: 'boolean' },
    list: { type: 'boolean' },
  },
  help: `Scans the table, lists the S3 prefixes of its S3-backed attributes, and counts the objects
no item references that are older than --older-than seconds (default 3600). A dry run unless
--delete is given. Prints the counts as JSON (--list adds the orphans' URIs); exit code 1 when a
deletion failed. Ctrl-C quits at once: run the command again to continue.
Other models whose items may reference objects under the same prefixes (another table sharing the
bucket: pynamodb_mate's default keys are shared by every table using them) are named with --with:
their tables are scanned too, else their objects count as orphans. --delete needs --with, or
--only-this-table to state that no other table references objects under these prefixes.`,
  async run({ values, stdout, stderr }) {
    const Model = await selectModel(values);
    const options = {
      dryRun: !values.delete,
      olderThan: integerFlag(values, 'older-than', 0, undefined),
      attributes: listFlag(values, 'attributes'),
      models: await otherModels(values),
    };
    const onSigint = () => {
      stderr.write('\ninterrupted: nothing is left half done; run the same command again to continue\n');
      process.exit(INTERRUPTED);
    };
    process.on('SIGINT', onSigint);
    const bar = progress(stderr, { command: 'orphans' });
    try {
      const { uris, ...result } = await Model.collectS3Orphans({
        ...options,
        onProgress: ({ scanned, listed, orphans: found, deleted }) => bar.report({ scanned, listed, orphans: found, deleted }),
      });
      bar.finish();
      stdout.write(`${JSON.stringify(values.list ? { ...result, uris } : result)}\n`);
      return result.errors > 0 ? 1 : 0;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
