// The user's models module (`--models ./models.mjs`): its named exports are the model classes and
// StatusTracker instances the commands work on. It creates its own SDK clients (the default AWS
// chain: AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_S3, profiles); the CLI only uses them.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StatusTracker } from '../node.mjs';
import { UsageError } from './args.mjs';

/** The flag of every command that loads the models module. */
export const MODULE_OPTIONS = { models: { type: 'string' } };

/** The flags of the commands that work on one model. */
export const MODEL_OPTIONS = { ...MODULE_OPTIONS, model: { type: 'string' } };

async function load(path) {
  if (!path) throw new UsageError('--models is required: the path of a module whose named exports are your models (and trackers)');
  try {
    return await import(pathToFileURL(resolve(path)).href);
  } catch (error) {
    throw new UsageError(`cannot load --models ${path}: ${error.message}`);
  }
}

const isModel = (v) => typeof v === 'function' && typeof v.reencrypt === 'function' && typeof v.describeTable === 'function';
const isTracker = (v) => v instanceof StatusTracker;

/** The export named `name` among those `is` accepts (`kind` and `flag` for messages); the only one when no name is given. */
async function select(path, name, is, kind, flag) {
  const module = await load(path);
  const names = Object.keys(module).filter((k) => is(module[k]));
  if (name === undefined) {
    if (names.length === 1) return module[names[0]];
    throw new UsageError(`${flag} is required: ${path} exports ${names.length === 0 ? `no ${kind}` : `the ${kind}s ${names.join(', ')}`}`);
  }
  if (!names.includes(name)) {
    throw new UsageError(`${path} exports no ${kind} named ${name} (${kind}s: ${names.join(', ') || 'none'})`);
  }
  return module[name];
}

/** The model class selected by `--model` in the module of `--models`. */
export const selectModel = (values) => select(values.models, values.model, isModel, 'model', '--model');

/** The model classes named in `names` (a list flag), each an export of the module of `--models`. */
export const selectModels = (values, names) => Promise.all(names.map((name) => select(values.models, name, isModel, 'model', '--model')));

/** The StatusTracker selected by `--tracker` in the module of `--models`. */
export const selectTracker = (values) => select(values.models, values.tracker, isTracker, 'tracker', '--tracker');
