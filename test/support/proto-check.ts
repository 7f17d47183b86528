import * as protobuf from 'protobufjs';

/**
 * Strict check of a JSON body against real proto definitions (the descriptors
 * the Google client libraries ship), the way Google's JSON parser reads it:
 * every key must be a field of the message at that depth (Struct, Value and
 * ListValue are free JSON), enums must name a value, oneofs hold one field,
 * scalars have the right JSON type, map values are checked like fields.
 * Used by ./v2-proto.ts (Dialogflow ES) and ./cx-proto.ts (Dialogflow CX).
 */
const FREE_TYPES = new Set(['.google.protobuf.Struct', '.google.protobuf.Value', '.google.protobuf.ListValue']);

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
    if (FREE_TYPES.has(resolved.fullName)) {
      if (resolved.fullName === '.google.protobuf.Struct' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
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
      if (typeof fieldValue !== 'object' || fieldValue === null || Array.isArray(fieldValue)) errors.push(`${here}: expected a map`);
      else for (const [name, item] of Object.entries(fieldValue)) checkValue(field, item, `${here}.${name}`, errors);
    } else {
      checkValue(field, fieldValue, here, errors);
    }
  }
  for (const oneof of type.oneofsArray) {
    const set = oneof.fieldsArray.filter((f) => (value as Record<string, unknown>)[f.name] !== undefined);
    if (set.length > 1) errors.push(`${path || '<root>'}: oneof ${oneof.name} has ${set.length} fields set`);
  }
}

/** The body without its free JSON parts, which protobufjs's fromObject cannot read in their JSON form (a null Value). */
function withoutFreeJson(type: protobuf.Type, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const field = type.fields[key]?.resolve();
    const resolved = field?.resolvedType;
    if (resolved instanceof protobuf.Type && FREE_TYPES.has(resolved.fullName)) continue;
    if (resolved instanceof protobuf.Type && field?.repeated && Array.isArray(item)) kept[key] = item.map((one) => withoutFreeJson(resolved, one));
    else if (resolved instanceof protobuf.Type && !(field instanceof protobuf.MapField)) kept[key] = withoutFreeJson(resolved, item);
    else kept[key] = item;
  }
  return kept;
}

/** Problems that would make Google's parser reject `body` as `typeName`; [] when it is fine. */
export function messageProblems(root: protobuf.Root, typeName: string, body: unknown, options: { verify?: boolean } = {}): string[] {
  const type = root.lookupType(typeName);
  const errors: string[] = [];
  checkMessage(type, body, '', errors);
  if (errors.length === 0 && options.verify) {
    const verified = type.verify(type.fromObject(withoutFreeJson(type, body) as Record<string, unknown>));
    if (verified) errors.push(verified);
  }
  return errors;
}
