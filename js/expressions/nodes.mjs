// The expression tree. Built by AttrRef methods and `cond.*`, compiled by ExpressionBuilder. Nodes
// are frozen; values inside are already AttributeValues (encoded when the node is built, so that a
// bad value fails where it is written, not at request time).
//
// Operands (plain objects):  { type: 'path', path }  { type: 'value', value }  { type: 'size', path }
// Condition:     compare { op: '=' '<>' '<' '<=' '>' '>=', left, right } | between { operand, low, high }
//                | in { operand, values } | function { name, args } | and/or { conditions } | not { condition }
// ValueExpression (right-hand side of SET; alone it is the action `SET target = expression`):
//                plus/minus { left, right } | if_not_exists { path, value } | list_append { first, second }
// UpdateAction:  set { path, value: operand or ValueExpression } | remove { path } | add/delete { path, value }

class Node {
  constructor(type, fields) {
    this.type = type;
    Object.assign(this, fields);
    Object.values(this).filter(Array.isArray).forEach(Object.freeze);
    Object.freeze(this);
  }
}

/** A condition: ConditionExpression, FilterExpression or the range part of a key condition. */
export class Condition extends Node {}

/** A computed value for SET; `target` is the path it is written to when used as an action. */
export class ValueExpression extends Node {}

/** One SET, REMOVE, ADD or DELETE action of an UpdateExpression. */
export class UpdateAction extends Node {}

/** The public method that built a condition, for error messages. */
export function methodOf(condition) {
  if (condition.type === 'compare') return COMPARE_METHODS[condition.op];
  if (condition.type === 'function') return FUNCTION_METHODS[condition.name];
  if (condition.type === 'between' || condition.type === 'in') return condition.type;
  return `cond.${condition.type}`;
}

const COMPARE_METHODS = { '=': 'eq', '<>': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' };
const FUNCTION_METHODS = {
  attribute_exists: 'exists',
  attribute_not_exists: 'notExists',
  attribute_type: 'attributeType',
  begins_with: 'beginsWith',
  contains: 'contains',
};
