/** Each extractor takes what it understood out of the text, so no number is read twice. */
export function blankSpan(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}
