import { isValidDay } from '../dates';
import { currencyExponent, parseMoney, toDecimalString } from '../money';
import type { ImportFile } from './import-file';

/** Collects every problem of an import file, each named by its place, before anything is written. */
export class Problems {
  readonly list: string[] = [];

  add(place: string, problem: string): void {
    this.list.push(`${place}: ${problem}`);
  }

  day(place: string, value: string): string {
    if (!isValidDay(value)) this.add(place, `${JSON.stringify(value)} is not a date (expected YYYY-MM-DD)`);
    return value;
  }

  /** A non-negative amount in minor units; 0n after reporting a problem. */
  amount(place: string, value: string, currency: string): bigint {
    const trimmed = value.trim();
    if (trimmed.startsWith('-')) {
      this.add(place, `${trimmed} is a negative amount`);
      return 0n;
    }
    const minor = parseMoney(trimmed, currency);
    if (minor === undefined) {
      const decimals = currencyExponent(currency);
      this.add(place, `${JSON.stringify(value)} is not an amount (a decimal with at most ${decimals} decimals, e.g. "${toDecimalString(12345n, currency)}")`);
      return 0n;
    }
    return minor;
  }

  /** Remembers numbers already seen in `kind` and reports a repeat. */
  unique(seen: Map<string, string>, place: string, number: string, what: string): void {
    const key = number.toUpperCase();
    const first = seen.get(key);
    if (first) this.add(place, `${what} ${number} is a duplicate (also at ${first})`);
    else seen.set(key, place);
  }
}

/** quantity × rate, rounded half up to the minor unit, exactly. */
function lineAmount(quantity: string, rate: bigint): bigint | undefined {
  const match = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(quantity.trim());
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  const scaled = BigInt(match[1] + fraction) * rate;
  const divisor = 10n ** BigInt(fraction.length);
  return (scaled * 2n + divisor) / (divisor * 2n);
}

export interface LinePlan {
  item: string;
  description?: string;
  quantity: string;
  rate: bigint;
  amount: bigint;
}

export function planLines(lines: ImportFile['invoices'][number]['lines'], place: string, currency: string, problems: Problems): LinePlan[] {
  return lines.map((l, i) => {
    const rate = problems.amount(`${place}.lines[${i}].rate`, l.rate, currency);
    const amount = lineAmount(l.quantity, rate);
    if (amount === undefined) problems.add(`${place}.lines[${i}].quantity`, `${JSON.stringify(l.quantity)} is not a quantity`);
    return { item: l.item, description: l.description, quantity: l.quantity.trim(), rate, amount: amount ?? 0n };
  });
}
