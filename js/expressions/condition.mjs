// Compiling conditions (ConditionExpression, FilterExpression, key conditions) and their operands.

export function compileOperand(placeholders, operand) {
  if (operand.type === 'path') return placeholders.path(operand.path);
  if (operand.type === 'size') return `size(${placeholders.path(operand.path)})`;
  return placeholders.value(operand.value);
}

export function compileCondition(placeholders, condition) {
  const operand = (o) => compileOperand(placeholders, o);
  const nested = (c) => compileCondition(placeholders, c);
  switch (condition.type) {
    case 'compare':
      return `${operand(condition.left)} ${condition.op} ${operand(condition.right)}`;
    case 'between':
      return `${operand(condition.operand)} BETWEEN ${operand(condition.low)} AND ${operand(condition.high)}`;
    case 'in':
      return `${operand(condition.operand)} IN (${condition.values.map(operand).join(', ')})`;
    case 'function':
      return `${condition.name}(${condition.args.map(operand).join(', ')})`;
    case 'not':
      return `NOT (${nested(condition.condition)})`;
    default: // and, or: an and/or inside another is parenthesised (AND binds tighter than OR)
      return condition.conditions
        .map((c) => (c.type === 'and' || c.type === 'or' ? `(${nested(c)})` : nested(c)))
        .join(condition.type === 'and' ? ' AND ' : ' OR ');
  }
}
