// `codec.*`: the codecs for direct use (docs/codecs.md, types in pkg-template/index.d.ts).
export { gzip, gunzip, sha256Hex, md5Hex, b85encode, b85decode } from './bytes.mjs';
export { pythonJsonDumps, pythonJsonLoads } from './json.mjs';
export { PythonFloat } from './tagged-json.mjs';
export { formatDatetime, parseDatetime } from './datetime.mjs';
export { encrypt, decrypt, legacyKeyFromPassword } from './encrypt.mjs';
export { compress, decompress } from './compress.mjs';
