// `ref.size()`: DynamoDB's size(path), compared with numbers or other operands.
import { Comparable, ARGUMENT } from './comparable.mjs';
import { expressionError } from './error.mjs';
import { AS_OPERAND, toOperand } from './operands.mjs';
import { describePath } from './path.mjs';

export class SizeOperand extends Comparable {
  #path;

  constructor(path) {
    super();
    this.#path = path;
    Object.freeze(this);
  }

  [AS_OPERAND]() {
    return Object.freeze({ type: 'size', path: this.#path });
  }

  // A size is a count, not a value of the attribute: numbers are sent as N without the encoder.
  [ARGUMENT](arg, method) {
    const where = `size().${method}() on ${describePath(this.#path)}`;
    return toOperand(arg, (n) => {
      if (typeof n === 'bigint' || Number.isFinite(n)) return { N: String(n) };
      throw expressionError(`${where}: expected a finite number, a BigInt, an attribute or a size()`);
    }, where);
  }
}
