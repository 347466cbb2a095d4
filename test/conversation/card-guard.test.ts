import { looksLikeCardNumber } from '../../core/conversation/card-guard';

describe('looksLikeCardNumber', () => {
  test.each([
    ['4111111111111111', true],
    ['my card is 4111 1111 1111 1111', true],
    ['4111-1111-1111-1111 exp 12/27', true],
    ['amex 3782 822463 10005', true],
    ['4222222222222', true], // 13 digits
    ['6011 0000 0000 0004', true],
    ['card 4111 1111 1111 1111 123', true], // followed by its CVV
    ['4111 1111 1111 1112', false], // fails Luhn
    ['411111111111', false], // 12 digits
    ['41111111111111111111', false], // 20 digits in one piece
    ['call +1 (415) 555-0123', false],
    ['pay 1,250.50 on INV-000042', false],
    ['4111  1111 - 1111  1111', true],
    ['4111    1111 1111 1111', false], // four spaces: two separate numbers
    ['', false],
    // Any separator, and the plain forms of fullwidth digits and non-breaking spaces.
    ['4111.1111.1111.1111', true],
    ['4111/1111/1111/1111', true],
    ['4111_1111_1111_1111', true],
    ['4111,1111,1111,1111', true],
    ['4111\u00a01111\u00a01111\u00a01111', true],
    ['4111\u202f1111\u20071111\u30001111', true], // narrow, figure and ideographic spaces
    ['４１１１ １１１１ １１１１ １１１１', true],
    ['４１１１－１１１１－１１１１－１１１１', true],
    ['4111—1111—1111—1111', true],
    ['3782.822463.10005', true],
    ['4111.1111.1111.1112', false], // fails Luhn
    ['invoices 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13', false], // a list, not a card
    ['pay 1,250.50 on INV-000042 and 99.10 on INV-000043', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeCardNumber(text)).toBe(expected);
  });
});

describe('looksLikeCardNumber in longer messages', () => {
  test('finds each card number among other words and figures', () => {
    expect(looksLikeCardNumber('pay with 4242 4242 4242 4242 or 5555-5555-5555-4444, exp 12/27')).toBe(true);
    expect(looksLikeCardNumber('4111 1111 1111 1111 123')).toBe(true);
  });

  test('leaves text without a card number alone', () => {
    expect(looksLikeCardNumber('invoice 42, order 12, 1/3/2026, +14155550123')).toBe(false);
  });

  test('stays fast on 10,000 digits in groups', () => {
    const text = '1 '.repeat(5_000);
    const started = performance.now();
    looksLikeCardNumber(text);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
