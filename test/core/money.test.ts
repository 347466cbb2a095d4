import { formatMoney, parseMoney, toDecimalString } from '../../core/money';

test.each([
  ['1250.5', 'USD', 125050n], ['0.01', 'USD', 1n], ['1200', 'USD', 120000n], ['500', 'JPY', 500n], ['1.234', 'KWD', 1234n],
])('parseMoney(%s, %s) = %s', (text, currency, minor) => {
  expect(parseMoney(text, currency)).toBe(minor);
});

test.each([['1.234', 'USD'], ['1.5', 'JPY'], ['-1', 'USD'], ['1e3', 'USD'], ['', 'USD'], ['12,50', 'EUR']])('parseMoney(%s, %s) is refused', (text, currency) => {
  expect(parseMoney(text, currency)).toBeUndefined();
});

test('amounts round-trip exactly, far beyond float precision', () => {
  expect(toDecimalString(900719925474099312n, 'USD')).toBe('9007199254740993.12');
  expect(toDecimalString(-5n, 'USD')).toBe('-0.05');
  expect(toDecimalString(7n, 'JPY')).toBe('7');
});

test('formatting follows the locale and the currency', () => {
  expect(formatMoney(125050n, 'USD', 'en-US')).toBe('$1,250.50');
  expect(formatMoney(125050n, 'EUR', 'de-DE')).toBe('1.250,50\u00a0€');
  expect(formatMoney(500n, 'JPY', 'en-US')).toBe('¥500');
});
