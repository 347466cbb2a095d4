import fs from 'node:fs';
import path from 'node:path';
import { compileTemplate, type TemplateData } from './fill-template';

const TEMPLATES_DIR = path.resolve(__dirname, '../../templates');

export type TemplateKind = 'invoice' | 'sales_order' | 'receipt' | 'statement';

/** Each document's template, filled from its view: a complete HTML page with its fonts inside. */
export type DocumentTemplates = Record<TemplateKind, (view: TemplateData) => string>;

const FILES: Record<TemplateKind, string> = { invoice: 'invoice.html', sales_order: 'sales-order.html', receipt: 'receipt.html', statement: 'statement.html' };

/** Reads and compiles the templates once; the composition root keeps the result. */
export function loadDocumentTemplates(dir = TEMPLATES_DIR): DocumentTemplates {
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
  const partials = {
    styles: fontFaces(path.join(dir, 'fonts')) + read('document.css'),
    head: read('partials/head.html'),
    lines: read('partials/lines.html'),
  };
  const compiled = Object.fromEntries(Object.entries(FILES).map(([kind, file]) => [kind, compileTemplate(read(file), partials)]));
  return compiled as DocumentTemplates;
}

/** The bundled fonts as data: URLs: nothing is fetched while a PDF renders. */
function fontFaces(fontsDir: string): string {
  const face = (file: string, weight: string) => {
    const data = fs.readFileSync(path.join(fontsDir, file)).toString('base64');
    return `@font-face { font-family: 'DejaVu Sans'; font-weight: ${weight}; font-style: normal; src: url(data:font/woff2;base64,${data}) format('woff2'); }\n`;
  };
  return face('DejaVuSans.woff2', 'normal') + face('DejaVuSans-Bold.woff2', 'bold');
}
