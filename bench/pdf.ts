/**
 * PDF rendering, four ways, on the same machine in the same run, with the project's own
 * templates: (a) launch the full Chromium for each PDF, (b) one long-lived full Chromium
 * with a new page per PDF (the usual way), (b') the same as (b) on the headless shell the
 * project uses — only the browser changes from (b) — and (c) the project's renderer on that
 * shell (pooled pages, JavaScript and network off) — only the renderer changes from (b').
 * A one-page invoice and a five-page statement.
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import { headlessModeFor, resolveBrowserPath } from '../core/documents/browser-path';
import { BROWSER_ARGS, browserEnv, createChromiumRenderer } from '../core/documents/chromium-renderer';
import { loadDocumentTemplates } from '../core/documents/document-templates';
import type { PdfRenderer } from '../core/documents/pdf-renderer';
import type { InvoiceDetail } from '../core/portal/get-invoice';
import type { Statement } from '../core/portal/get-statement';
import { documentFormat } from '../core/documents/views/document-format';
import { invoiceView } from '../core/documents/views/invoice-view';
import { statementView } from '../core/documents/views/statement-view';
import { stats, timeRuns, writeResult } from './support';

const FULL_CHROMIUM = '/usr/bin/chromium';
const STATEMENT_ROWS = 125;
const organization = { name: 'Acme Supplies Ltd', address: '1 Main St, New York, NY 10001', email: 'billing@acme.example', phone: '+12125550100' };
const customer = { name: 'Globex Corp', address: '9 Elm Rd, Springfield, OR 97477' };

function documents() {
  const templates = loadDocumentTemplates();
  const fmt = documentFormat('en-US', 'USD');
  const invoice: InvoiceDetail = {
    id: 42, number: 'INV-000042', kind: 'invoice', date: '2026-11-02', dueDate: '2026-12-02', total: 129600n, balance: 79600n, currency: 'USD',
    status: 'partially_paid', allowPartialPayments: true, salesOrder: 'SO-00012',
    lines: [
      { item: 'Hi-vis vest', description: 'Class 2, size L', quantity: '40', rate: 990n, amount: 39600n },
      { item: 'Safety helmet', description: null, quantity: '20', rate: 2500n, amount: 50000n },
      { item: 'Nitrile gloves (box of 100)', description: null, quantity: '25', rate: 1200n, amount: 30000n },
    ],
    subtotal: 119600n, taxes: [{ name: 'Sales tax 8.36%', amount: 10000n }],
    payments: [{ number: 'PMT-00017', date: '2026-11-10', mode: 'ach', amount: 50000n }], credits: [], paid: 50000n,
  };
  let balance = 0n;
  const rows = Array.from({ length: STATEMENT_ROWS }, (_, i) => {
    const debit = i % 2 === 0 ? BigInt(10_000 + ((i * 7919) % 90_000)) : 0n;
    const credit = i % 2 === 1 ? BigInt(8_000 + ((i * 104_729) % 50_000)) : 0n;
    balance += debit - credit;
    const date = new Date(Date.UTC(2026, 0, 1) + Math.floor(i * 1.6) * 86_400_000).toISOString().slice(0, 10);
    return { date, type: debit ? 'invoice' as const : 'payment' as const, number: debit ? `INV-${String(i).padStart(6, '0')}` : `PMT-${String(i).padStart(5, '0')}`, reference: null, debit, credit, balance };
  });
  const statement: Statement = {
    from: '2026-01-01', to: '2026-12-31', currency: 'USD', organization, customer, opening: 0n, rows,
    invoiced: rows.reduce((s, r) => s + r.debit, 0n), received: rows.reduce((s, r) => s + r.credit, 0n), closing: balance,
  };
  return {
    invoice: { html: templates.invoice(invoiceView(invoice, { organization, customer: { ...customer, email: null } }, fmt)), footerLabel: invoice.number },
    statement: { html: templates.statement(statementView(statement, fmt)), footerLabel: 'Statement 2026-01-01 to 2026-12-31' },
  };
}

type Doc = ReturnType<typeof documents>['invoice'];
type Render = (doc: Doc) => Promise<Buffer>;

/** The print options most projects pass: Puppeteer's defaults plus the same footer. */
const PLAIN_PDF = {
  printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: '<span></span>',
  footerTemplate: '<div style="width:100%;font-size:7.5pt;text-align:right;margin:0 14mm">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
};

/** The same bundled fonts as the project's renderer, so every way prints the same pages. */
const launch = (executablePath: string) => puppeteer.launch({
  executablePath, headless: headlessModeFor(executablePath), args: BROWSER_ARGS, env: browserEnv(), handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
});
const launchFull = () => launch(FULL_CHROMIUM);

async function printOn(browser: Browser, doc: Doc): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(doc.html, { waitUntil: 'load' });
    return Buffer.from(await page.pdf(PLAIN_PDF));
  } finally {
    await page.close();
  }
}

/** (a) A browser per PDF. */
const naive: Render = async (doc) => {
  const browser = await launchFull();
  try {
    return await printOn(browser, doc);
  } finally {
    await browser.close();
  }
};

/** 10 callers at once, each rendering until `total` PDFs are made. */
async function throughput(render: Render, doc: Doc, total: number) {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: 10 }, async () => {
    while (next < total) {
      next += 1;
      await render(doc);
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { concurrency: 10, pdfs: total, seconds: Math.round(seconds * 100) / 100, pdfs_per_second: Math.round((total / seconds) * 10) / 10 };
}

const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;

async function measure(name: string, render: Render, docs: ReturnType<typeof documents>, runs: { invoice: number; statement: number; burst: number; warmup: number }) {
  console.log(`pdf: ${name}…`);
  const invoice = stats(await timeRuns(runs.invoice, () => render(docs.invoice), runs.warmup));
  const statement = stats(await timeRuns(runs.statement, () => render(docs.statement), runs.warmup));
  return { invoice_one_page: invoice, statement_five_pages: statement, invoice_throughput: await throughput(render, docs.invoice, runs.burst) };
}

export async function benchPdf() {
  const docs = documents();
  const project: PdfRenderer = createChromiumRenderer({});
  const pageCounts = { invoice: pages(await project.render(docs.invoice.html, { footerLabel: docs.invoice.footerLabel })), statement: pages(await project.render(docs.statement.html, { footerLabel: docs.statement.footerLabel })) };

  const a = await measure('(a) full chromium launched per PDF', naive, docs, { invoice: 11, statement: 11, burst: 10, warmup: 1 });
  const full = await launchFull();
  const b = await measure('(b) full chromium, new page per PDF', (doc) => printOn(full, doc), docs, { invoice: 30, statement: 15, burst: 40, warmup: 3 })
    .finally(() => full.close());
  const shellPath = resolveBrowserPath(undefined);
  const shell = await launch(shellPath);
  const bShell = await measure("(b') headless shell, new page per PDF", (doc) => printOn(shell, doc), docs, { invoice: 60, statement: 30, burst: 100, warmup: 3 })
    .finally(() => shell.close());
  const c = await measure('(c) project renderer', (doc) => project.render(doc.html, { footerLabel: doc.footerLabel }), docs, { invoice: 100, statement: 40, burst: 200, warmup: 5 })
    .finally(() => project.close());

  const ratio = (x: number, y: number) => Math.round((x / y) * 10) / 10;
  const speedup = {
    invoice_vs_b_shell: ratio(bShell.invoice_one_page.median_ms, c.invoice_one_page.median_ms),
    statement_vs_b_shell: ratio(bShell.statement_five_pages.median_ms, c.statement_five_pages.median_ms),
    shell_vs_full_invoice: ratio(b.invoice_one_page.median_ms, bShell.invoice_one_page.median_ms),
    invoice_vs_b: ratio(b.invoice_one_page.median_ms, c.invoice_one_page.median_ms),
    invoice_vs_a: ratio(a.invoice_one_page.median_ms, c.invoice_one_page.median_ms),
    statement_vs_b: ratio(b.statement_five_pages.median_ms, c.statement_five_pages.median_ms),
    statement_vs_a: ratio(a.statement_five_pages.median_ms, c.statement_five_pages.median_ms),
  };
  const targets = { invoice_median_ms: 60, statement_median_ms: 150, pdfs_per_second_at_10: 15, median_speedup_vs_b: 4, median_speedup_vs_a: 20 };
  const met = {
    invoice_median_ms: c.invoice_one_page.median_ms < targets.invoice_median_ms,
    statement_median_ms: c.statement_five_pages.median_ms < targets.statement_median_ms,
    pdfs_per_second_at_10: c.invoice_throughput.pdfs_per_second >= targets.pdfs_per_second_at_10,
    invoice_speedup_vs_b: speedup.invoice_vs_b >= targets.median_speedup_vs_b,
    invoice_speedup_vs_a: speedup.invoice_vs_a >= targets.median_speedup_vs_a,
    statement_speedup_vs_b: speedup.statement_vs_b >= targets.median_speedup_vs_b,
    statement_speedup_vs_a: speedup.statement_vs_a >= targets.median_speedup_vs_a,
  };
  const file = await writeResult('pdf', {
    description: 'PDF rendering of the project\'s own templates with the bundled fonts (every browser): a one-page invoice and a five-page statement '
      + `(${STATEMENT_ROWS} rows). Times are per PDF, warm (after unmeasured runs); throughput is one-page invoices with 10 callers at once.`,
    pages: pageCounts,
    a_full_chromium_launched_per_pdf: a,
    b_full_chromium_new_page_per_pdf: b,
    b_shell_new_page_per_pdf: { ...bShell, browser: shellPath },
    c_project_renderer: { ...c, browser: 'chromium-headless-shell', pool: 'pages reused, min(4, 2 × cores)' },
    speedup_median: speedup,
    targets,
    targets_met: met,
  });
  console.log(`pdf: invoice ${c.invoice_one_page.median_ms} ms, statement ${c.statement_five_pages.median_ms} ms, ${c.invoice_throughput.pdfs_per_second} PDFs/s at 10; `
    + `×${speedup.invoice_vs_b_shell} vs (b'), ×${speedup.invoice_vs_b} vs (b), ×${speedup.invoice_vs_a} vs (a) → ${file}`);
}
