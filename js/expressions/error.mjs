// The one error of this folder. Messages name attribute paths and methods, never values: a value may
// be plaintext of an encrypted attribute.
import { ExpressionError } from '../errors/index.mjs';

export function expressionError(message) {
  return new ExpressionError('E_EXPRESSION', message);
}
