import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ScenarioRow {
  scenario: string;
  inFlight: number;
  lost: number;
  duplicated: number;
  /** From the moment the fault ended (or the kill) until every proposal had caught up; null when it never did. */
  recoveryMs: number | null;
  notes: string;
  passed: boolean;
}

/** The suite's summary table, printed at the end and kept in artifacts/fault-suite-report.txt. */
export function renderTable(rows: ScenarioRow[]): string {
  const head = ['scenario', 'proposals in flight', 'lost', 'duplicated', 'recovery time', 'result'];
  const body = rows.map((r) => [
    r.scenario,
    String(r.inFlight),
    String(r.lost),
    String(r.duplicated),
    r.recoveryMs === null ? 'never' : `${(r.recoveryMs / 1000).toFixed(1)} s`,
    r.passed ? 'pass' : 'FAIL',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const notes = rows.filter((r) => r.notes).map((r) => `- ${r.scenario}: ${r.notes}`);
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line), ...(notes.length ? ['', ...notes] : [])].join('\n');
}

export function publishTable(rows: ScenarioRow[], root: string): string {
  const table = renderTable(rows);
  mkdirSync(join(root, 'artifacts'), { recursive: true });
  writeFileSync(join(root, 'artifacts', 'fault-suite-report.txt'), `${table}\n`);
  return table;
}
