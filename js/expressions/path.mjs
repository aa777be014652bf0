// Document paths: arrays of segments `{ name }` (attribute or map key) and `{ index }` (list element).
// Paths stay structured until compilation so that a name is never parsed: `a.b` is one name.
import { expressionError } from './error.mjs';

function segment(value) {
  if (value !== null && typeof value === 'object') {
    if (typeof value.name === 'string' && value.name.length > 0 && !('index' in value)) {
      return Object.freeze({ name: value.name });
    }
    if (Number.isSafeInteger(value.index) && value.index >= 0 && !('name' in value)) {
      return Object.freeze({ index: value.index });
    }
  }
  return undefined;
}

/** A frozen copy of `segments`; the first one names a top-level attribute. */
export function makePath(segments) {
  const path = Array.isArray(segments) ? segments.map(segment) : [];
  // DynamoDB names are UTF-8: the SDK would send U+FFFD, a name nobody asked for.
  const lone = path.findIndex((s) => s?.name !== undefined && !s.name.isWellFormed());
  if (lone >= 0) {
    const where = lone === 0 ? 'a path' : describePath(path.slice(0, lone));
    throw expressionError(`${where}: the name of segment ${lone} has a lone UTF-16 surrogate, which has no UTF-8 form`);
  }
  if (path.length === 0 || path.includes(undefined) || !('name' in path[0])) {
    throw expressionError('an attribute path is a non-empty array of { name: non-empty string } and '
      + '{ index: integer >= 0 } segments, starting with a name');
  }
  return Object.freeze(path);
}

/** `path` extended by one segment (already validated by the caller's method). */
export function extendPath(path, next) {
  return makePath([...path, next]);
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The path for humans, unambiguous: `meta.tags[2]`, `meta["a.b"]`. */
export function describePath(path) {
  return path.map((s, i) => {
    if ('index' in s) return `[${s.index}]`;
    if (!PLAIN_NAME.test(s.name)) return `[${JSON.stringify(s.name)}]`;
    return i === 0 ? s.name : `.${s.name}`;
  }).join('');
}

const sameSegment = (a, b) => a.name === b.name && a.index === b.index;

/** Whether one path is a prefix of (or equal to) the other: DynamoDB's "overlapping" paths. */
function overlaps(a, b) {
  const shorter = a.length <= b.length ? a : b;
  const longer = shorter === a ? b : a;
  return shorter.every((s, i) => sameSegment(s, longer[i]));
}

/** Whether two paths are the same. */
export function samePath(a, b) {
  return a.length === b.length && overlaps(a, b);
}

/** The first two overlapping paths of `paths`, or undefined. */
export function findOverlap(paths) {
  for (let i = 0; i < paths.length; i += 1) {
    for (let j = i + 1; j < paths.length; j += 1) {
      if (overlaps(paths[i], paths[j])) return [paths[i], paths[j]];
    }
  }
  return undefined;
}
