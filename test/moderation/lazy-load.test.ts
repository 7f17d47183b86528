import { bundleLoads } from '../support/bundle-loads';
import { assertBundleBuilt } from '../support/server';

/**
 * MODERATION=off costs a cold instance nothing: the bundle keeps
 * google-auth-library external, and requires it only to sign the first call
 * to Google's endpoint (an http:// test server is never signed).
 */
describe('the production bundle and the moderation client', () => {
  beforeAll(() => assertBundleBuilt());

  it('does not load google-auth-library with MODERATION=off', () => {
    expect(bundleLoads('google-auth-library', {})).toBe(false);
  });

  it('does not load it at start with MODERATION=google either: only the first judged post does', () => {
    expect(bundleLoads('google-auth-library', { MODERATION: 'google' })).toBe(false);
  });
});
