/**
 * Adds up Stryker's JSON reports (reports/mutation/*.json, one per scoped run
 * of `npm run mutate`) into one score per file and overall, as Markdown for
 * docs/testing.md. Usage: tsx scripts/mutation-scores.ts [report.json ...]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

const dir = join(__dirname, '..', 'reports', 'mutation');
const reports = process.argv.slice(2).length > 0 ? process.argv.slice(2) : readdirSync(dir).filter((name) => name.endsWith('.json')).map((name) => join(dir, name));

// The latest report of a file wins (reports are read in name order).
const files = new Map<string, Mutant[]>();
for (const path of reports.sort()) {
  const report = JSON.parse(readFileSync(path, 'utf8')) as Report;
  for (const [file, { mutants }] of Object.entries(report.files)) files.set(file, mutants);
}

let detected = 0;
let undetected = 0;
const rows: string[] = [];
const survivors: string[] = [];
for (const [file, mutants] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const d = mutants.filter((m) => DETECTED.has(m.status)).length;
  const u = mutants.filter((m) => UNDETECTED.has(m.status)).length;
  detected += d;
  undetected += u;
  const score = d + u > 0 ? ((100 * d) / (d + u)).toFixed(1) : '—';
  rows.push(`| ${file} | ${d + u} | ${d} | ${u} | ${score}% |`);
  for (const m of mutants.filter((x) => UNDETECTED.has(x.status))) {
    survivors.push(`- ${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → \`${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80)}\` (${m.status})`);
  }
}
const total = detected + undetected;
console.log(`| file | mutants | killed or timed out | survived or not covered | score |\n|---|---|---|---|---|\n${rows.join('\n')}`);
console.log(`\n**Total: ${detected} of ${total} detected, ${total > 0 ? ((100 * detected) / total).toFixed(1) : '—'}%**\n`);
console.log(survivors.join('\n'));
