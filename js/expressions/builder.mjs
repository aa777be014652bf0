// ExpressionBuilder: compiles the expressions of ONE request against one set of placeholders, so
// that equal names and values share a placeholder across ConditionExpression, UpdateExpression, …
import { compileCondition } from './condition.mjs';
import { expressionError } from './error.mjs';
import { compileKeyCondition } from './key-condition.mjs';
import { Condition } from './nodes.mjs';
import { Placeholders } from './placeholders.mjs';
import { compileProjection } from './projection.mjs';
import { compileUpdate } from './update.mjs';

export class ExpressionBuilder {
  #placeholders = new Placeholders();

  /** ConditionExpression or FilterExpression. */
  condition(condition) {
    if (!(condition instanceof Condition)) throw expressionError('condition(): expected a condition (e.g. attr.eq(value), cond.and(...))');
    return compileCondition(this.#placeholders, condition);
  }

  /** UpdateExpression of one action or an array of actions. */
  update(actions) {
    return compileUpdate(this.#placeholders, actions);
  }

  /** ProjectionExpression of AttrRefs and top-level attribute names. */
  projection(attributes) {
    return compileProjection(this.#placeholders, attributes);
  }

  /** KeyConditionExpression: `hashRef = hashValue`, and `rangeCondition` when given. */
  keyCondition(hashRef, hashValue, rangeCondition, options) {
    return compileKeyCondition(this.#placeholders, hashRef, hashValue, rangeCondition, options);
  }

  /** `{ ExpressionAttributeNames, ExpressionAttributeValues }` to spread into the request; empty maps are left out. */
  params() {
    return this.#placeholders.params();
  }
}
