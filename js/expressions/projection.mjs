// ProjectionExpression: the attributes (or nested paths) a read returns.
import { AttrRef, refPath } from './attr-ref.mjs';
import { expressionError } from './error.mjs';
import { describePath, findOverlap, makePath, samePath } from './path.mjs';

function pathOf(item, i) {
  if (item instanceof AttrRef) return refPath(item);
  if (typeof item === 'string' && item !== '') return makePath([{ name: item }]); // a name, never parsed
  throw expressionError(`projection(): item ${i + 1} is neither an attribute reference nor a non-empty attribute name`);
}

/**
 * `attributes`: AttrRefs and top-level attribute names. Repeats are dropped (asking twice for one
 * attribute is harmless); a path inside another is refused, as DynamoDB would.
 */
export function compileProjection(placeholders, attributes) {
  if (!Array.isArray(attributes) || attributes.length === 0) {
    throw expressionError('projection() needs a non-empty array of attributes');
  }
  const paths = attributes.map(pathOf).filter((p, i, all) => all.findIndex((q) => samePath(p, q)) === i);
  const overlap = findOverlap(paths);
  if (overlap) {
    throw expressionError(`projection(): ${overlap.map(describePath).join(' and ')} overlap; project one of them`);
  }
  return paths.map((p) => placeholders.path(p)).join(', ');
}
