import fs from 'node:fs';
import path from 'node:path';
import { compileTemplate, type TemplateData } from './fill-template';

const TEMPLATES_DIR = path.resolve(__dirname, '../../templates');

/** The bundled fonts, for the PDF browser's fontconfig (see templates/fonts/README.md). */
export const FONTS_CONFIG = path.join(TEMPLATES_DIR, 'fonts', 'fonts.conf');

export type TemplateKind = 'invoice' | 'sales_order' | 'receipt' | 'statement';

/** Each document's template, filled from its view: a complete HTML page (fonts: FONTS_CONFIG). */
export type DocumentTemplates = Record<TemplateKind, (view: TemplateData) => string>;

const FILES: Record<TemplateKind, string> = { invoice: 'invoice.html', sales_order: 'sales-order.html', receipt: 'receipt.html', statement: 'statement.html' };

/** Reads and compiles the templates once; the composition root keeps the result. */
export function loadDocumentTemplates(): DocumentTemplates {
  const read = (file: string) => fs.readFileSync(path.join(TEMPLATES_DIR, file), 'utf8');
  const partials = {
    styles: read('document.css'),
    head: read('partials/head.html'),
    lines: read('partials/lines.html'),
  };
  const compiled = Object.fromEntries(Object.entries(FILES).map(([kind, file]) => [kind, compileTemplate(read(file), partials)]));
  return compiled as DocumentTemplates;
}
