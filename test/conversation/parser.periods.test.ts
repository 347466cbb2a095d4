import { parseIntent } from '../../core/conversation/parser';

/** [text after "statement ", now, from, to]; the contract's period table, row by row. */
type Row = readonly [string, string, string, string];

function expectPeriods(rows: readonly Row[]) {
  test.each(rows)('statement %s (now %s) → %s..%s', (text, now, from, to) => {
    expect(parseIntent(`statement ${text}`, now)).toEqual({ intent: 'statement', period: { from, to } });
  });
}

const NOV = '2026-11-24';
const JAN = '2026-01-15';
const LEAP = '2024-02-29';

describe('a month alone: the latest year in which it has begun', () => {
  expectPeriods([
    ['for March', NOV, '2026-03-01', '2026-03-31'],
    ['mar', NOV, '2026-03-01', '2026-03-31'],
    ['November', NOV, '2026-11-01', '2026-11-30'],
    ['December', NOV, '2025-12-01', '2025-12-31'],
    ['for february', JAN, '2025-02-01', '2025-02-28'],
    ['january', JAN, '2026-01-01', '2026-01-31'],
    ['in may', NOV, '2026-05-01', '2026-05-31'],
    ['feb', LEAP, '2024-02-01', '2024-02-29'],
  ]);
});

describe('a month with a year, a year alone', () => {
  expectPeriods([
    ['March 2025', NOV, '2025-03-01', '2025-03-31'],
    ["Mar '25", NOV, '2025-03-01', '2025-03-31'],
    ['for february 2024', NOV, '2024-02-01', '2024-02-29'],
    ['2025', NOV, '2025-01-01', '2025-12-31'],
    ['for 2024', JAN, '2024-01-01', '2024-12-31'],
  ]);
});

describe('this and last month, quarter and year', () => {
  expectPeriods([
    ['this month', NOV, '2026-11-01', '2026-11-30'],
    ['this quarter', NOV, '2026-10-01', '2026-12-31'],
    ['this year', NOV, '2026-01-01', '2026-12-31'],
    ['last month', NOV, '2026-10-01', '2026-10-31'],
    ['previous quarter', NOV, '2026-07-01', '2026-09-30'],
    ['last year', NOV, '2025-01-01', '2025-12-31'],
    ['last month', JAN, '2025-12-01', '2025-12-31'],
    ['last quarter', JAN, '2025-10-01', '2025-12-31'],
    ['this month', LEAP, '2024-02-01', '2024-02-29'],
    ['last month', '2024-03-31', '2024-02-01', '2024-02-29'],
  ]);
});

describe('quarters', () => {
  expectPeriods([
    ['Q1', NOV, '2026-01-01', '2026-03-31'],
    ['q4', NOV, '2026-10-01', '2026-12-31'],
    ['Q2', JAN, '2025-04-01', '2025-06-30'],
    ['Q3 2025', NOV, '2025-07-01', '2025-09-30'],
    ["q1'25", NOV, '2025-01-01', '2025-03-31'],
    ['2025 Q2', NOV, '2025-04-01', '2025-06-30'],
    ['first quarter', JAN, '2026-01-01', '2026-03-31'],
    ['third quarter of 2024', NOV, '2024-07-01', '2024-09-30'],
  ]);
});

describe('to date, since, last N days', () => {
  expectPeriods([
    ['year to date', NOV, '2026-01-01', '2026-11-24'],
    ['so far this year', JAN, '2026-01-01', '2026-01-15'],
    ['ytd', LEAP, '2024-01-01', '2024-02-29'],
    ['since March', NOV, '2026-03-01', '2026-11-24'],
    ['since December', NOV, '2025-12-01', '2026-11-24'],
    ['since 1 Oct', NOV, '2026-10-01', '2026-11-24'],
    ['since 2025-06-15', NOV, '2025-06-15', '2026-11-24'],
    ['for the last 30 days', NOV, '2026-10-26', '2026-11-24'],
    ['past 7 days', NOV, '2026-11-18', '2026-11-24'],
    ['last 1 day', NOV, '2026-11-24', '2026-11-24'],
    ['last 30 days', '2024-03-01', '2024-02-01', '2024-03-01'],
    ['last 20 days', JAN, '2025-12-27', '2026-01-15'],
  ]);
});

describe('ranges', () => {
  expectPeriods([
    ['from Jan 1 to Mar 31', NOV, '2026-01-01', '2026-03-31'],
    ['from 1/3/2026 to 31/03/2026', NOV, '2026-03-01', '2026-03-31'],
    ['from 3/31/2026 to 4/30/2026', NOV, '2026-03-31', '2026-04-30'],
    ['between 1 March and 15 April', NOV, '2026-03-01', '2026-04-15'],
    ['2026-01-01 - 2026-02-15', NOV, '2026-01-01', '2026-02-15'],
    ['Jan-Mar', NOV, '2026-01-01', '2026-03-31'],
    ['from November to February', NOV, '2026-11-01', '2027-02-28'],
    ['from December to February', JAN, '2025-12-01', '2026-02-28'],
    ['from Dec 1 to Nov 30', NOV, '2025-12-01', '2026-11-30'],
    ['from Nov 20 to Nov 30', NOV, '2026-11-20', '2026-11-30'],
    ['from March 2024 to June', NOV, '2024-03-01', '2024-06-30'],
    ['from Nov to Feb 2025', NOV, '2024-11-01', '2025-02-28'],
    ['from 2024 to 2025', NOV, '2024-01-01', '2025-12-31'],
    ['from Q1 to Q3', NOV, '2026-01-01', '2026-09-30'],
    ['from 1 March 2026 to 1 January 2026', NOV, '2026-01-01', '2026-03-01'],
  ]);
});

describe('the date formats of the contract', () => {
  expectPeriods([
    ['2026-03-31', NOV, '2026-03-31', '2026-03-31'],
    ['31 March', NOV, '2026-03-31', '2026-03-31'],
    ['March 31', NOV, '2026-03-31', '2026-03-31'],
    ['Mar 31st', NOV, '2026-03-31', '2026-03-31'],
    ['31/03/2026', NOV, '2026-03-31', '2026-03-31'],
    ['3/31/2026', NOV, '2026-03-31', '2026-03-31'],
    ['1/3/2026', NOV, '2026-03-01', '2026-03-01'],
    ['31.03.2026', NOV, '2026-03-31', '2026-03-31'],
    ['Nov 30', NOV, '2025-11-30', '2025-11-30'],
    ['29 Feb', NOV, '2024-02-29', '2024-02-29'],
    ['29 Feb', LEAP, '2024-02-29', '2024-02-29'],
  ]);
});

describe('no period where none is meant', () => {
  test.each([
    ['statement', '2026-11-24'],
    ['may I have my statement', '2026-11-24'],
    ['statement for 30/02/2026', '2026-11-24'],
    ['statement since 2030', '2026-11-24'],
    ['statement for the last 0 days', '2026-11-24'],
  ])('%j', (text, now) => {
    expect(parseIntent(text, now)).toEqual({ intent: 'statement' });
  });
});
