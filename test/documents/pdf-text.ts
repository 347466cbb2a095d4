import { execFileSync } from 'node:child_process';

/** The PDF as `pdftotext -layout` reads it, each line's runs of spaces folded to one. */
export function pdfLines(pdf: Buffer): string[] {
  return pdfText(pdf).split('\n').map((line) => line.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });
}

export function pdfInfo(pdf: Buffer): { pages: number; title: string } {
  const info = execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' });
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), title: /^Title:\s+(.*)$/m.exec(info)?.[1] ?? '' };
}

/** The fonts embedded in the PDF, by name without the subset tag, sorted. */
export function pdfFonts(pdf: Buffer): string[] {
  const table = execFileSync('pdffonts', ['-'], { input: pdf, encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return [...new Set(table.map((row) => row.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, '')))].sort();
}
