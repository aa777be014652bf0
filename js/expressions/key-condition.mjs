// KeyConditionExpression: `hash = :v` and optionally one comparison on the range key, the only forms
// DynamoDB's Query accepts.
import { AttrRef, refPath } from './attr-ref.mjs';
import { compileCondition } from './condition.mjs';
import { expressionError } from './error.mjs';
import { Condition, methodOf } from './nodes.mjs';
import { describePath, samePath } from './path.mjs';

const RANGE_COMPARE = new Set(['=', '<', '<=', '>', '>=']);

function firstPath(condition) {
  if (condition.type === 'and' || condition.type === 'or') return firstPath(condition.conditions[0]);
  if (condition.type === 'not') return firstPath(condition.condition);
  return (condition.left ?? condition.operand ?? condition.args[0]).path;
}

/** [subject, value operands] of an allowed range condition, or undefined. */
function rangeParts(condition) {
  if (condition.type === 'compare' && RANGE_COMPARE.has(condition.op)) return [condition.left, [condition.right]];
  if (condition.type === 'between') return [condition.operand, [condition.low, condition.high]];
  if (condition.type === 'function' && condition.name === 'begins_with') return [condition.args[0], [condition.args[1]]];
  return undefined;
}

function checkRange(condition, hashRef, rangeKey) {
  if (!(condition instanceof Condition)) throw expressionError('keyCondition(): the range condition is not a condition');
  const on = `keyCondition() on ${describePath(firstPath(condition))}`;
  const parts = rangeParts(condition);
  if (!parts) {
    throw expressionError(`${on}: ${methodOf(condition)}() cannot be a key condition; the range key takes one eq, lt, le, gt, ge, between or beginsWith`);
  }
  const [subject, values] = parts;
  if (subject.type !== 'path') throw expressionError(`${on}: size() cannot be a key condition`);
  if (values.some((v) => v.type !== 'value')) throw expressionError(`${on}: a key condition compares with values, not attributes`);
  if (subject.path.length !== 1) throw expressionError(`${on}: a key is a top-level attribute`);
  if (samePath(subject.path, refPath(hashRef))) throw expressionError(`${on}: the range condition is on the hash key`);
  if (rangeKey && !samePath(subject.path, refPath(rangeKey))) {
    throw expressionError(`${on}: the range condition must be on the range key ${describePath(refPath(rangeKey))}`);
  }
}

/** The values (AttributeValues) a range condition that compileKeyCondition accepted compares the range key with. */
export const rangeValues = (rangeCondition) => (rangeCondition == null ? [] : rangeParts(rangeCondition)[1].map((operand) => operand.value));

/**
 * `rangeKey` (an AttrRef), when given, is the only attribute the range condition may be on; the
 * model passes its range key (or the index's) so that a condition on another attribute fails here.
 */
export function compileKeyCondition(placeholders, hashRef, hashValue, rangeCondition, { rangeKey } = {}) {
  if (!(hashRef instanceof AttrRef) || refPath(hashRef).length !== 1) {
    throw expressionError('keyCondition(): the hash key must be a top-level attribute reference');
  }
  if (rangeKey !== undefined && !(rangeKey instanceof AttrRef)) {
    throw expressionError('keyCondition(): options.rangeKey must be an attribute reference');
  }
  const hash = hashRef.eq(hashValue);
  if (hash.right.type !== 'value') {
    throw expressionError(`keyCondition() on ${describePath(refPath(hashRef))}: the hash key value must be a value, not an attribute`);
  }
  if (rangeCondition == null) return compileCondition(placeholders, hash);
  checkRange(rangeCondition, hashRef, rangeKey);
  return `${compileCondition(placeholders, hash)} AND ${compileCondition(placeholders, rangeCondition)}`;
}
