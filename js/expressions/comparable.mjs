// eq ne lt le gt ge between: shared by attributes (AttrRef) and their size() operands.
import { Condition } from './nodes.mjs';
import { AS_OPERAND } from './operands.mjs';

/** Implemented by subclasses: the operand of one argument of `method`. */
export const ARGUMENT = Symbol('dynamodb-mate.argument');

export class Comparable {
  eq(value) { return this.#compare('=', value, 'eq'); }

  ne(value) { return this.#compare('<>', value, 'ne'); }

  lt(value) { return this.#compare('<', value, 'lt'); }

  le(value) { return this.#compare('<=', value, 'le'); }

  gt(value) { return this.#compare('>', value, 'gt'); }

  ge(value) { return this.#compare('>=', value, 'ge'); }

  /** Inclusive at both ends, as DynamoDB's BETWEEN. */
  between(low, high) {
    return new Condition('between', {
      operand: this[AS_OPERAND](),
      low: this[ARGUMENT](low, 'between'),
      high: this[ARGUMENT](high, 'between'),
    });
  }

  #compare(op, value, method) {
    return new Condition('compare', { op, left: this[AS_OPERAND](), right: this[ARGUMENT](value, method) });
  }
}
