// Expressions (README "Models"; types in pkg-template/index.d.ts): attribute references with condition builders and update
// actions, `cond.*` to combine conditions, and the builder that compiles them for one request.
export { AttrRef } from './attr-ref.mjs';
export { ExpressionBuilder } from './builder.mjs';
export * as cond from './cond.mjs';
export { Condition, UpdateAction, ValueExpression } from './nodes.mjs';
export { SizeOperand } from './size.mjs';
