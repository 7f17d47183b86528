import { silentLogger } from '../../src/log';
import type { Upstream } from '../../src/reddit/http';
import { TokenProvider } from '../../src/reddit/oauth';
import { MemoryStore } from '../../src/reddit/shared/store';
import { SharedTokens } from '../../src/reddit/shared/tokens';

/** An upstream that records the budgets it is given and answers `data`. */
function recording(data: unknown) {
  const budgets: number[] = [];
  const upstream: Upstream = {
    host: 'oauth.reddit.test',
    pause: () => undefined,
    request: async (_config, budgetMs) => {
      budgets.push(budgetMs);
      return { data } as never;
    },
  };
  return { upstream, budgets };
}

const CREDENTIALS = { clientId: 'id', clientSecret: 'secret' };

describe('TokenProvider', () => {
  it('with shared tokens hands the token request the time left of its budget', async () => {
    const { upstream, budgets } = recording({ access_token: 'tok', expires_in: 3600 });
    const now = () => 1_000_000;
    const provider = new TokenProvider(upstream, CREDENTIALS, silentLogger, now, new SharedTokens(new MemoryStore(now), 'id', now));
    await expect(provider.token(700)).resolves.toBe('tok');
    expect(budgets).toEqual([700]);
  });

  it('refuses a token answer without a usable token, with a clear message', async () => {
    const { upstream } = recording({ token_type: 'bearer' });
    const answer = new TokenProvider(upstream, CREDENTIALS, silentLogger).token(700);
    await expect(answer).rejects.toThrow('Reddit answered the token request without a usable token');
    await expect(answer).rejects.toMatchObject({ reason: 'format' });
  });
});
