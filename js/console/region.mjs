// The region of a model's console URLs. The SDK v3 client keeps its region as an async provider
// (`client.config.region()`), while the URL methods are synchronous as in pynamodb_mate: the
// provider is started when the model is defined and its answer kept; `Model.prepare()` awaits it.
import { codecError } from '../errors/make.mjs';
import { checkOptions, OPTIONS } from '../options/index.mjs';

/** Starts resolving `client`'s region: `{ region, failed, ready }` (`ready` never rejects). */
export function clientRegion(client) {
  const state = { region: undefined, failed: false, ready: undefined };
  const provider = client?.config?.region;
  if (typeof provider === 'string') state.region = provider;
  else if (typeof provider === 'function') {
    state.ready = Promise.resolve()
      .then(() => provider())
      .then((region) => { state.region = region; }, () => { state.failed = true; });
  }
  return state;
}

/** `options.region`, else the client's; an ArgumentError (E_ARGUMENT) says what to do when neither is known. */
export function regionFor(model, state, options) {
  const { region } = checkOptions(`${model}: console URL options`, options, OPTIONS.consoleUrl);
  if (region !== undefined) return region; // type-checked with the other arguments
  if (typeof state.region === 'string') return state.region;
  const why = state.failed || !state.ready
    ? 'its client has no region'
    : "its client's region is not resolved yet (await Model.prepare() first)";
  throw codecError('E_ARGUMENT', `${model}: no region for the console URL: ${why}; or pass { region }`);
}
