import type { IncomingHttpHeaders } from 'node:http';

/** Cloud Logging's special fields that group a request's log lines under its trace. */
export const TRACE_FIELD = 'logging.googleapis.com/trace';
export const SPAN_FIELD = 'logging.googleapis.com/spanId';
export const SAMPLED_FIELD = 'logging.googleapis.com/trace_sampled';

export interface TraceContext {
  traceId: string;
  /** 16 hex digits, as Cloud Logging expects. */
  spanId?: string;
  sampled?: boolean;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `X-Cloud-Trace-Context: TRACE_ID/SPAN_ID;o=1`, where SPAN_ID is a decimal 64-bit number. */
function fromCloudHeader(header: string): TraceContext | undefined {
  const match = /^([0-9a-fA-F]{32})(?:\/(\d{1,20}))?(?:;o=([01]))?$/.exec(header.trim());
  if (!match) return undefined;
  // Group 1 is not optional: a match always has it.
  const traceId = match[1]!;
  const [, , span, sampled] = match;
  let spanId: string | undefined;
  if (span !== undefined) {
    const value = BigInt(span);
    if (value > 0n && value < 2n ** 64n) spanId = value.toString(16).padStart(16, '0');
  }
  return { traceId: traceId.toLowerCase(), spanId, sampled: sampled === undefined ? undefined : sampled === '1' };
}

/** W3C `traceparent: 00-<32 hex trace>-<16 hex span>-<2 hex flags>`. */
function fromTraceparent(header: string): TraceContext | undefined {
  const match = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(header.trim().toLowerCase());
  if (!match) return undefined;
  // No group is optional: a match has all three.
  const traceId = match[1]!;
  const spanId = match[2]!;
  const flags = match[3]!;
  if (/^0+$/.test(traceId)) return undefined;
  return { traceId, spanId: /^0+$/.test(spanId) ? undefined : spanId, sampled: (parseInt(flags, 16) & 1) === 1 };
}

/**
 * The caller's trace, from Google's front end headers. Headers are caller
 * input, so anything not in the documented shape is ignored rather than logged.
 */
export function traceContext(headers: IncomingHttpHeaders): TraceContext | undefined {
  const cloud = single(headers['x-cloud-trace-context']);
  const parent = single(headers['traceparent']);
  // Both parsers accept only 32 hex digits and return them in lower case.
  return (cloud ? fromCloudHeader(cloud) : undefined) ?? (parent ? fromTraceparent(parent) : undefined);
}

/**
 * Log fields for the trace: `projects/<project>/traces/<id>` when the project
 * is known (Cloud Logging then links the lines to Cloud Trace), else the raw id.
 */
export function traceFields(context: TraceContext | undefined, projectId: string | undefined): Record<string, unknown> {
  if (!context) return {};
  const fields: Record<string, unknown> = {
    [TRACE_FIELD]: projectId ? `projects/${projectId}/traces/${context.traceId}` : context.traceId,
  };
  if (context.spanId) fields[SPAN_FIELD] = context.spanId;
  if (context.sampled !== undefined) fields[SAMPLED_FIELD] = context.sampled;
  return fields;
}
