// Turning a method argument into an operand: another attribute (AttrRef, size()) becomes a path or
// size operand; anything else is a value, encoded by the attribute's own encoder.
import { expressionError } from './error.mjs';
import { Condition, UpdateAction, ValueExpression } from './nodes.mjs';

/** Implemented by AttrRef and size(): returns the operand node that stands for the object. */
export const AS_OPERAND = Symbol('dynamodb-mate.asOperand');

/**
 * `where` names the method and path for messages (`eq() on "a"`). `size` allows size() operands,
 * which DynamoDB accepts in conditions only.
 */
export function toOperand(arg, encode, where, { size = true } = {}) {
  if (typeof arg?.[AS_OPERAND] === 'function') {
    const operand = arg[AS_OPERAND]();
    if (operand.type === 'size' && !size) throw expressionError(`${where}: size() is allowed in conditions only`);
    return operand;
  }
  if (arg instanceof Condition || arg instanceof UpdateAction || arg instanceof ValueExpression) {
    throw expressionError(`${where}: expected a value or an attribute, got a ${arg.constructor.name} (${arg.type})`);
  }
  return valueOperand(encode(arg), where);
}

/** A value operand of an AttributeValue; an encoder that returns none is a bug worth naming. */
export function valueOperand(value, where) {
  if (value === null || typeof value !== 'object') {
    throw expressionError(`${where}: the attribute's encoder returned no AttributeValue`);
  }
  return Object.freeze({ type: 'value', value });
}

export const pathOperand = (path) => Object.freeze({ type: 'path', path });
