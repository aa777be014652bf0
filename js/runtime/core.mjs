// The wasm exports as the codecs call them: each call first checks that the module was
// initialised and turns a thrown "E_CODE: text" into a typed error. web.mjs initialises in
// `init()` (E_NOT_INITIALIZED before it); node.mjs registers a synchronous loader that the first
// call runs, so that a program whose items never need the core never compiles the module.
import * as bindings from '../generated/dynamodb_mate.js';
import { codecError, fromWasmError } from '../errors/make.mjs';

let ready = false;
let loader;

/** Called by the runtimes once `initSync`/`init` of the generated glue has succeeded. */
export function markReady() {
  ready = true;
}

/** Node: `load` initialises the glue synchronously; the first wasm call runs it (again after a failure). */
export function loadOnFirstUse(load) {
  loader = load;
}

function guard(fn) {
  return (...args) => {
    if (!ready) {
      if (loader === undefined) {
        throw codecError('E_NOT_INITIALIZED', 'dynamodb-mate is not initialised: await init() before using it');
      }
      loader();
      markReady();
    }
    try {
      return fn(...args);
    } catch (error) {
      throw fromWasmError(error);
    }
  };
}

// Static member accesses, so that bundlers drop the glue's unused async loader from Node builds.
// `wasm` is the complete wasm path; `core` is what the codecs call: the same functions, except that
// the Node runtime swaps some for ones that hand large inputs to node:zlib / node:crypto
// (js/codec/node-native.mjs).
export const wasm = {
  gzip: guard(bindings.gzip),
  gunzip: guard(bindings.gunzip),
  gzipHeader: guard(bindings.gzipHeader),
  gunzipMemberPlan: guard(bindings.gunzipMemberPlan),
  sha256Hex: guard(bindings.sha256Hex),
  md5Hex: guard(bindings.md5Hex),
  b85encode: guard(bindings.b85encode),
  b85decode: guard(bindings.b85decode),
  pythonJsonDumps: guard(bindings.pythonJsonDumps),
  pythonJsonLoads: guard(bindings.pythonJsonLoads),
  formatDatetime: guard(bindings.formatDatetime),
  parseDatetime: guard(bindings.parseDatetime),
  legacyKeyFromPassword: guard(bindings.legacyKeyFromPassword),
  legacyEncrypt: guard(bindings.legacyEncrypt),
  legacyDecrypt: guard(bindings.legacyDecrypt),
  legacyPkcs7Padding: guard(bindings.legacyPkcs7Padding),
  legacyPkcs7PaddingLength: guard(bindings.legacyPkcs7PaddingLength),
  legacyCtrSealPlan: guard(bindings.legacyCtrSealPlan),
  legacyCtrEnvelope: guard(bindings.legacyCtrEnvelope),
  legacyCtrOpenPlan: guard(bindings.legacyCtrOpenPlan),
  aeadKeyId: guard(bindings.aeadKeyId),
  aeadRing: guard(bindings.aeadRing),
  aeadFreeRing: guard(bindings.aeadFreeRing),
  aeadEncrypt: guard(bindings.aeadEncrypt),
  aeadDecrypt: guard(bindings.aeadDecrypt),
  aeadSealPlanDeterministic: guard(bindings.aeadSealPlanDeterministic),
  aeadSealPlanRandomized: guard(bindings.aeadSealPlanRandomized),
  aeadOpenPlan: guard(bindings.aeadOpenPlan),
  aeadCheckDeterministic: guard(bindings.aeadCheckDeterministic),
  gcmSivKeyAndTag: guard(bindings.gcmSivKeyAndTag),
  compressValue: guard(bindings.compressValue),
  decompressValue: guard(bindings.decompressValue),
  registerSchema: guard(bindings.registerSchema),
  freeSchema: guard(bindings.freeSchema),
  setKeys: guard(bindings.setKeys),
  encodeItem: guard(bindings.encodeItem),
  encodeValue: guard(bindings.encodeValue),
  decodeItem: guard(bindings.decodeItem),
  itemSize: guard(bindings.itemSize),
  wasmMemory: guard(bindings.wasmMemory),
  consoleTableOverviewUrl: guard(bindings.consoleTableOverviewUrl),
  consoleTableItemsUrl: guard(bindings.consoleTableItemsUrl),
  consoleItemDetailUrl: guard(bindings.consoleItemDetailUrl),
};

export const core = { ...wasm };
