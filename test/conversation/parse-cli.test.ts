import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

function runParse(input: string) {
  return spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['scripts/parse.ts', '--jsonl'], { cwd: root, input, encoding: 'utf8' });
}

describe('scripts/parse.ts --jsonl', () => {
  test('answers every line in order, reporting bad lines and going on', () => {
    const input = [
      '{"text": "pay invoice 42 by bank", "now": "2026-11-24"}',
      'not json at all',
      '',
      '{"text": "statement for December", "now": "2026-11-24"}',
      '{"now": "2026-11-24"}',
      '{"text": "hi", "now": "2026-02-30"}',
      '{"text": "42", "now": "2026-11-24"}',
    ].join('\n');
    const run = runParse(`${input}\n`);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(7);
    expect(lines[0]).toEqual({ intent: 'pay_invoice', ref: '42', method: 'ach' });
    expect(lines[1]).toHaveProperty('error');
    expect(lines[2]).toEqual({ error: 'empty line' });
    expect(lines[3]).toEqual({ intent: 'statement', period: { from: '2025-12-01', to: '2025-12-31' } });
    expect(lines[4]).toHaveProperty('error');
    expect(lines[5]).toHaveProperty('error');
    expect(lines[6]).toEqual({ intent: 'unknown' });
  });

  test('uses today when `now` is missing, and accepts CRLF line ends', () => {
    const run = runParse('{"text": "statement this year"}\r\n{"text": "my orders"}\r\n');
    expect(run.status).toBe(0);
    const [first, second] = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const year = new Date().getFullYear();
    expect(first).toEqual({ intent: 'statement', period: { from: `${year}-01-01`, to: `${year}-12-31` } });
    expect(second).toEqual({ intent: 'list_orders' });
  });

  test('empty input gives empty output and success', () => {
    const run = runParse('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
  });
});
