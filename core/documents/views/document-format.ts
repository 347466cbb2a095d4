import { dayInWords, type Day } from '../../dates';
import { formatMoney } from '../../money';
import type { TemplateData } from '../fill-template';

/** Money and days as the organization writes them, in the document's currency. */
export interface DocumentFormat {
  money(minor: bigint): string;
  /** Blank for zero: a ledger column shows only the side a row is on. */
  moneyOrBlank(minor: bigint): string;
  day(day: Day): string;
}

export function documentFormat(locale: string, currency: string): DocumentFormat {
  return {
    money: (minor) => formatMoney(minor, currency, locale),
    moneyOrBlank: (minor) => (minor === 0n ? '' : formatMoney(minor, currency, locale)),
    day: (day) => dayInWords(day, locale),
  };
}

/** An optional part of a template is a list of zero or one item. */
export function optional(value: TemplateData | null | undefined | false | ''): TemplateData[] {
  return value ? [value] : [];
}
