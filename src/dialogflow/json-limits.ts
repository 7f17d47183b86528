import * as z from 'zod';

export interface JsonLimits {
  /** Nesting of objects/arrays below the value itself (a string is depth 0, `{a: 1}` depth 1). */
  maxDepth: number;
  /** Longest string value. */
  maxStringChars: number;
  /** Longest field name. */
  maxKeyChars: number;
}

export interface JsonProblem {
  path: Array<string | number>;
  message: string;
}

/**
 * The first place where a parsed JSON value breaks the limits, or undefined.
 * Iterative, so a hostile nesting depth cannot exhaust the stack here; it
 * stops at the first problem, so its cost is bounded by the body size.
 */
export function jsonProblem(value: unknown, limits: JsonLimits): JsonProblem | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.length > limits.maxStringChars) {
        return { path, message: `text longer than ${limits.maxStringChars} characters` };
      }
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (path.length >= limits.maxDepth) {
      return { path, message: `nested deeper than ${limits.maxDepth} levels` };
    }
    if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      if (key.length > limits.maxKeyChars) {
        return { path, message: `field name longer than ${limits.maxKeyChars} characters` };
      }
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return undefined;
}

/** A free JSON object (a protobuf Struct such as `parameters` or `payload`) within the limits. */
export function boundedStruct(limits: JsonLimits) {
  // The record itself is one level; its values get the rest.
  return z.record(z.string(), z.unknown()).superRefine(reportProblem({ ...limits, maxDepth: limits.maxDepth + 1 }));
}

/** Any JSON value (a protobuf Value such as a CX parameter's) within the limits. */
export function boundedValue(limits: JsonLimits) {
  return z.unknown().superRefine(reportProblem(limits));
}

function reportProblem(limits: JsonLimits) {
  return (value: unknown, ctx: z.RefinementCtx) => {
    const problem = jsonProblem(value, limits);
    if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  };
}
