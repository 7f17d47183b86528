import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpError } from './errors';

/** Dialogflow requests are a few kB; anything near this is not from Dialogflow. */
export const MAX_BODY_BYTES = 64 * 1024;

export function checkMethod(method: string | undefined): void {
  if (method !== 'POST') {
    throw new HttpError(405, 'method_not_allowed', 'Only POST is supported', { Allow: 'POST' });
  }
}

export function checkContentType(headers: IncomingHttpHeaders): void {
  const type = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'unsupported_media_type', 'Content-Type must be application/json');
  }
}

export function checkDeclaredSize(headers: IncomingHttpHeaders): void {
  const declared = Number(headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    throw new HttpError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes`);
  }
}

// Hashing first makes both sides the same length, so timingSafeEqual never
// short-circuits on a length mismatch that would leak the secret's length.
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export const BASIC_CHALLENGE = 'Basic realm="dialogflow-webhook", charset="UTF-8"';

export interface Credentials {
  auth?: { username: string; password: string };
  headerSecret?: { name: string; value: string };
}

/** `Basic <base64 of user-id:password>`; the scheme name is case-insensitive. */
const BASIC_CREDENTIALS = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i;

function basicAuthMatches(header: string | undefined, expected: { username: string; password: string }): boolean {
  const match = header?.match(BASIC_CREDENTIALS);
  // Group 1 is not optional. Without Basic credentials there is no colon, which is refused below.
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  // RFC 7617: user-id ":" password; the user id has no colon, the password may have some.
  const colon = decoded.indexOf(':');
  // Both comparisons always run, even without a colon, so every refusal costs the same.
  const userOk = sameSecret(decoded.slice(0, colon), expected.username);
  const passOk = sameSecret(decoded.slice(colon + 1), expected.password);
  return colon >= 0 && userOk && passOk;
}

function headerSecretMatches(headers: IncomingHttpHeaders, expected: { name: string; value: string }): boolean {
  const given = headers[expected.name];
  // A repeated header (an array) is ambiguous: refuse it rather than guess which copy counts.
  // Whatever came (even nothing) is compared, so a missing header costs as much as a wrong one.
  return sameSecret(String(given), expected.value) && typeof given === 'string';
}

/**
 * Basic auth and/or the custom header secret, whichever are configured. Every
 * configured check runs, and a failure says nothing about which one failed.
 */
export function checkCredentials(headers: IncomingHttpHeaders, expected: Credentials): void {
  const basicOk = expected.auth ? basicAuthMatches(headers.authorization, expected.auth) : true;
  const headerOk = expected.headerSecret ? headerSecretMatches(headers, expected.headerSecret) : true;
  if (!(basicOk && headerOk)) {
    // RFC 9110 wants a challenge with every 401; Basic is the only scheme a client can answer.
    throw new HttpError(401, 'unauthorized', 'Missing or wrong credentials', expected.auth ? { 'WWW-Authenticate': BASIC_CHALLENGE } : {});
  }
}

/**
 * Everything that can be checked from the request line and headers alone, in
 * the order callers see: credentials first (on every path, so an unauthenticated
 * caller learns nothing else), then method, declared size and content type.
 */
export function checkHead(method: string | undefined, headers: IncomingHttpHeaders, credentials: Credentials): void {
  checkCredentials(headers, credentials);
  checkMethod(method);
  checkDeclaredSize(headers);
  checkContentType(headers);
}
