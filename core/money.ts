/** Money is an integer count of the currency's minor unit, carried with its currency code. */

const EXPONENTS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/**
 * "1250.5" → 125050n for USD. Returns undefined for anything that is not a plain
 * non-negative decimal with at most the currency's number of decimals.
 */
export function parseMoney(text: string, currency: string): bigint | undefined {
  const exp = currencyExponent(currency);
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > exp) return undefined;
  return BigInt(match[1] + fraction.padEnd(exp, '0'));
}

/** 125050n USD → "1250.50": exact, for files, metadata and Intl. */
export function toDecimalString(minor: bigint, currency: string): string {
  const exp = currencyExponent(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exp + 1, '0');
  const whole = digits.slice(0, digits.length - exp);
  const text = exp ? `${whole}.${digits.slice(digits.length - exp)}` : whole;
  return negative ? `-${text}` : text;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** 125050n USD en-US → "$1,250.50". Intl takes the decimal string, so no float is involved. */
export function formatMoney(minor: bigint, currency: string, locale = 'en-US'): string {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter.format(toDecimalString(minor, currency) as unknown as number);
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
