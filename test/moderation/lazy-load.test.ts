import { bundleLoads } from '../support/bundle-loads';
import { assertBundleBuilt } from '../support/server';

/**
 * MODERATION=off costs a cold instance nothing: google-auth-library is bundled apart, in
 * dist/google-auth.cjs, which the webhook requires only to sign the first call to Google's
 * endpoint (an http:// test server is never signed).
 */
describe('the production bundle and the moderation client', () => {
  beforeAll(() => assertBundleBuilt());

  it('does not load google-auth-library (dist/google-auth.cjs) with MODERATION=off', () => {
    expect(bundleLoads('/dist/google-auth.cjs', {})).toBe(false);
  });

  it('does not load it at start with MODERATION=google either: only the first judged post does', () => {
    expect(bundleLoads('/dist/google-auth.cjs', { MODERATION: 'google' })).toBe(false);
  });
});
