import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { summarize, type Summary } from './stats';

/** Markdown rendering of the results table and of the machine it ran on. */

export interface Row {
  id: string;
  benchmark: string;
  ours: string;
  baseline: string;
  ratio: string;
  goal: string;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
export const fmtMs = (s: Summary) => ms(s.median);
export const fmtMB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const fmtKB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

/** "1.23× (1.10–1.40)": median of the per-round ratios and their range. */
export function fmtRatio(ratios: readonly number[]): string {
  const s = summarize(ratios);
  return s.n > 1 ? `**${s.median.toFixed(2)}×** (${s.min.toFixed(2)}–${s.max.toFixed(2)})` : `**${s.median.toFixed(2)}×**`;
}

export function table(rows: readonly Row[]): string {
  const header = '| # | benchmark | webhook | bare hello | ratio (median, min–max) | goal |\n|---|---|---|---|---|---|';
  return [header, ...rows.map((r) => `| ${r.id} | ${r.benchmark} | ${r.ours} | ${r.baseline} | ${r.ratio} | ${r.goal} |`)].join('\n');
}

export function machine(loadBefore: readonly number[]): string {
  const cpu = cpus();
  const load = (values: readonly number[]) => values.map((v) => v.toFixed(2)).join(' / ');
  return [
    `- CPU: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown'}`,
    `- memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GB; OS: ${type()} ${release()}; Node ${process.version}`,
    `- load average (1/5/15 min) before: ${load(loadBefore)}, after: ${load(loadavg())}`,
    `- date: ${new Date().toISOString()}`,
  ].join('\n');
}
