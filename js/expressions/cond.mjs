// `cond.and / cond.or / cond.not`: combining conditions. Parentheses are added at compilation.
import { expressionError } from './error.mjs';
import { Condition } from './nodes.mjs';

function check(method, conditions) {
  if (conditions.length === 0) throw expressionError(`cond.${method}() needs at least one condition`);
  conditions.forEach((c, i) => {
    if (!(c instanceof Condition)) throw expressionError(`cond.${method}(): argument ${i + 1} is not a condition`);
  });
}

function combine(type, conditions) {
  check(type, conditions);
  return conditions.length === 1 ? conditions[0] : new Condition(type, { conditions });
}

/** All of `conditions`; one condition is returned as is. */
export const and = (...conditions) => combine('and', conditions);

/** Any of `conditions`; one condition is returned as is. */
export const or = (...conditions) => combine('or', conditions);

export function not(...conditions) {
  if (conditions.length !== 1) throw expressionError('cond.not() takes exactly one condition');
  check('not', conditions);
  return new Condition('not', { condition: conditions[0] });
}
