// Compiling update actions into one UpdateExpression: `SET … REMOVE … ADD … DELETE …`.
import { compileOperand } from './condition.mjs';
import { expressionError } from './error.mjs';
import { UpdateAction, ValueExpression } from './nodes.mjs';
import { describePath, findOverlap, samePath } from './path.mjs';

const CLAUSES = ['set', 'remove', 'add', 'delete'];

/** An action, or a value expression standing for `SET target = expression`. */
function asAction(action, i) {
  if (action instanceof UpdateAction) return action;
  if (action instanceof ValueExpression) return new UpdateAction('set', { path: action.target, value: action });
  throw expressionError(`update(): action ${i + 1} is not an update action (e.g. attr.set(value), attr.remove())`);
}

function compileValue(placeholders, value) {
  const operand = (o) => compileOperand(placeholders, o);
  switch (value.type) {
    case 'plus':
      return `${operand(value.left)} + ${operand(value.right)}`;
    case 'minus':
      return `${operand(value.left)} - ${operand(value.right)}`;
    case 'if_not_exists':
      return `if_not_exists(${placeholders.path(value.path)}, ${operand(value.value)})`;
    case 'list_append':
      return `list_append(${operand(value.first)}, ${operand(value.second)})`;
    default: // a path or value operand
      return operand(value);
  }
}

function compileAction(placeholders, action) {
  const path = placeholders.path(action.path);
  if (action.type === 'set') return `${path} = ${compileValue(placeholders, action.value)}`;
  if (action.type === 'remove') return path;
  return `${path} ${compileOperand(placeholders, action.value)}`;
}

/**
 * `actions`: one action or an array. DynamoDB refuses two actions on one path or on a path inside
 * another ("document paths overlap"); that is refused here, before any request.
 */
export function compileUpdate(placeholders, actions) {
  const list = (Array.isArray(actions) ? actions : [actions]).map(asAction);
  if (list.length === 0) throw expressionError('update() needs at least one action');
  const overlap = findOverlap(list.map((a) => a.path));
  if (overlap) {
    const [a, b] = overlap.map(describePath);
    const what = samePath(...overlap) ? `two actions on ${a}` : `the actions on ${a} and ${b} overlap`;
    throw expressionError(`update(): ${what}; DynamoDB allows one action per path and none on a path inside another`);
  }
  return CLAUSES
    .map((clause) => list.filter((a) => a.type === clause))
    .filter((group) => group.length > 0)
    .map((group) => `${group[0].type.toUpperCase()} ${group.map((a) => compileAction(placeholders, a)).join(', ')}`)
    .join(' ');
}
