/**
 * The time budget of one webhook call. Dialogflow ES drops answers after 5 s,
 * so every slow step (Reddit, retries) asks how much is left instead of using
 * its own fixed timeout.
 */
export class Deadline {
  private readonly endsAt: number;

  constructor(
    budgetMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.endsAt = now() + budgetMs;
  }

  /** Milliseconds left, never negative. */
  remainingMs(): number {
    return Math.max(0, this.endsAt - this.now());
  }

  /** Time left for an upstream call, keeping `reserveMs` to render and send the answer. */
  budgetFor(reserveMs: number): number {
    return Math.max(0, this.remainingMs() - reserveMs);
  }
}
