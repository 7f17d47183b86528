import * as protobuf from 'protobufjs';
import descriptor from '@google-cloud/dialogflow/build/protos/protos.json';

/**
 * Strict check of a JSON body against the real Dialogflow ES v2 proto
 * definitions (from @google-cloud/dialogflow), the way Dialogflow's JSON
 * parser reads it: every key must be a field of the message at that depth
 * (Struct payloads are free), enums must name a value, oneofs hold one field,
 * scalars have the right JSON type.
 */
const root = protobuf.Root.fromJSON(descriptor);
const FREE_TYPES = new Set(['.google.protobuf.Struct', '.google.protobuf.Value', '.google.protobuf.ListValue']);

function typeName(type: protobuf.Type): string {
  return type.fullName;
}

function checkScalar(field: protobuf.Field, value: unknown, path: string, errors: string[]): void {
  switch (field.type) {
    case 'string':
    case 'bytes':
      if (typeof value !== 'string') errors.push(`${path}: expected string`);
      return;
    case 'bool':
      if (typeof value !== 'boolean') errors.push(`${path}: expected boolean`);
      return;
    case 'double':
    case 'float':
      if (typeof value !== 'number') errors.push(`${path}: expected number`);
      return;
    default:
      // int32, int64, ...: numbers, or decimal strings for 64-bit values
      if (!(Number.isInteger(value) || (typeof value === 'string' && /^-?\d+$/.test(value)))) {
        errors.push(`${path}: expected integer`);
      }
  }
}

function checkValue(field: protobuf.Field, value: unknown, path: string, errors: string[]): void {
  const resolved = field.resolve().resolvedType;
  if (resolved instanceof protobuf.Enum) {
    if (typeof value !== 'string' || !(value in resolved.values)) errors.push(`${path}: not a value of ${resolved.name}`);
  } else if (resolved instanceof protobuf.Type) {
    if (FREE_TYPES.has(typeName(resolved))) {
      if (typeName(resolved) === '.google.protobuf.Struct' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
        errors.push(`${path}: expected an object (Struct)`);
      }
      return;
    }
    checkMessage(resolved, value, path, errors);
  } else {
    checkScalar(field, value, path, errors);
  }
}

function checkMessage(type: protobuf.Type, value: unknown, path: string, errors: string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push(`${path || '<root>'}: expected an object (${type.name})`);
    return;
  }
  const byJsonName = new Map(type.fieldsArray.map((f) => [f.name, f] as const));
  for (const [key, fieldValue] of Object.entries(value)) {
    const field = byJsonName.get(key);
    const here = path ? `${path}.${key}` : key;
    if (!field) {
      errors.push(`${here}: unknown field of ${type.name}`);
      continue;
    }
    if (field.repeated) {
      if (!Array.isArray(fieldValue)) errors.push(`${here}: expected a list`);
      else fieldValue.forEach((item, i) => checkValue(field, item, `${here}[${i}]`, errors));
    } else if (field instanceof protobuf.MapField) {
      if (typeof fieldValue !== 'object' || fieldValue === null) errors.push(`${here}: expected a map`);
    } else {
      checkValue(field, fieldValue, here, errors);
    }
  }
  for (const oneof of type.oneofsArray) {
    const set = oneof.fieldsArray.filter((f) => (value as Record<string, unknown>)[f.name] !== undefined);
    if (set.length > 1) errors.push(`${path || '<root>'}: oneof ${oneof.name} has ${set.length} fields set`);
  }
}

/** Problems that would make Dialogflow reject this body as a v2 WebhookResponse; [] when it is fine. */
export function v2ResponseProblems(body: unknown): string[] {
  const type = root.lookupType('google.cloud.dialogflow.v2.WebhookResponse');
  const errors: string[] = [];
  checkMessage(type, body, '', errors);
  if (errors.length === 0) {
    const verified = type.verify(type.fromObject(body as Record<string, unknown>));
    if (verified) errors.push(verified);
  }
  return errors;
}

/** Problems that would make this body an invalid v2 WebhookRequest (what Dialogflow sends); [] when it is fine. */
export function v2RequestProblems(body: unknown): string[] {
  const type = root.lookupType('google.cloud.dialogflow.v2.WebhookRequest');
  const errors: string[] = [];
  checkMessage(type, body, '', errors);
  return errors;
}

/** Counts checks so a suite can assert that every response it saw was checked. */
export const protoChecks = { count: 0 };

export function expectValidV2Response(body: unknown): void {
  protoChecks.count += 1;
  expect(v2ResponseProblems(body)).toEqual([]);
}
