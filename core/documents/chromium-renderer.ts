import os from 'node:os';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { childEnvironment } from '../config';
import { AppError } from '../errors';
import { headlessModeFor, resolveBrowserPath } from './browser-path';
import { FONTS_CONFIG } from './document-templates';
import type { PdfRenderer, RenderOptions } from './pdf-renderer';
import { RenderSlots } from './render-slots';

export interface ChromiumRendererOptions {
  /** PUPPETEER_EXECUTABLE_PATH; unset: Debian's headless shell, else Debian's chromium. */
  executablePath?: string;
  /** Pages printing at once; each is reused for the next render. */
  pages?: number;
  /** Renders allowed to wait for a page; one more is refused at once. */
  queueLimit?: number;
  /** One attempt at one render once the browser is up; past it the browser is taken for hung and relaunched. */
  timeoutMs?: number;
  /** The fontconfig file the browser takes its fonts from; by default the bundled fonts. */
  fontsConfig?: string;
  log?: { warn(obj: object, msg?: string): void };
}

export const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Frames only when DevTools asks for one, which the renderer never does: a page is laid out
 * and painted for print only, not also composited for a screen nobody sees (a fifth of a
 * five-page statement here).
 */
const PRINT_ONLY_ARGS = [...BROWSER_ARGS, '--enable-begin-frame-control'];

/**
 * The machine's environment with the browser's fonts: the bundled ones by default. Fonts
 * the browser knows are loaded and shaped once for every render; fonts inside each document
 * were decoded and shaped anew each time (a one-page PDF took 2.5×).
 */
export function browserEnv(fontsConfig = FONTS_CONFIG): NodeJS.ProcessEnv {
  return childEnvironment({ FONTCONFIG_FILE: fontsConfig });
}

/** Puppeteer's own default for a browser to start. */
const LAUNCH_TIMEOUT_MS = 30_000;

const UNAVAILABLE = 'Sorry, we could not make that PDF just now. Please try again in a minute.';

/** One browser and the pages opened in it; a crash or a hang retires the whole session. */
interface Session {
  browser: Browser;
  idle: Page[];
  retired: boolean;
}

/**
 * The PDF renderer: one long-lived browser, launched on the first render, with a small pool
 * of reused pages (a new page costs several times a print) and the bundled fonts. Pages run
 * no JavaScript and load nothing but data: URLs. A render that fails because the browser died
 * or hung is tried once more on a fresh browser, so a crash costs the renders in flight a
 * retry, not an error.
 */
export function createChromiumRenderer(options: ChromiumRendererOptions = {}): PdfRenderer {
  const size = options.pages ?? Math.min(4, os.availableParallelism() * 2);
  const slots = new RenderSlots(size, options.queueLimit ?? size * 16);
  const timeoutMs = options.timeoutMs ?? 15_000;
  let live: Session | null = null;
  let launching: Promise<Session> | null = null;
  let closed = false;

  function session(): Promise<Session> {
    if (live && !live.retired) return Promise.resolve(live);
    if (!launching) {
      launching = launch().finally(() => {
        launching = null;
      });
    }
    return launching;
  }

  async function launch(): Promise<Session> {
    // Resolved at the first render: a machine without a browser still serves everything else.
    const executablePath = resolveBrowserPath(options.executablePath);
    const browser = await puppeteer.launch({
      executablePath,
      headless: headlessModeFor(executablePath),
      pipe: true,
      args: PRINT_ONLY_ARGS,
      env: browserEnv(options.fontsConfig),
      // The server's own shutdown closes the renderer; Puppeteer must not exit the process.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // Starting is given its own limit, longer than a render's: a busy machine starts a browser
      // slowly. A render's own clock (in attempt) still runs out before any DevTools call does.
      timeout: LAUNCH_TIMEOUT_MS,
      protocolTimeout: Math.max(LAUNCH_TIMEOUT_MS, timeoutMs * 2),
    });
    const started: Session = { browser, idle: [], retired: false };
    browser.on('disconnected', () => retire(started));
    live = started;
    if (closed) await shutDown(started);
    return started;
  }

  /** Marks a session dead at once, so the next attempt launches a fresh browser. */
  function retire(s: Session) {
    if (s.retired) return;
    s.retired = true;
    s.idle = [];
    killBrowser(s.browser);
  }

  async function shutDown(s: Session) {
    if (s.retired) return;
    s.retired = true;
    await s.browser.close().catch(() => killBrowser(s.browser));
  }

  async function attempt(html: string, renderOptions: RenderOptions): Promise<Buffer> {
    // Waiting for a browser to start is not a hang (the launch has its own time limit): the
    // clock starts once there is one, or every render queued behind a slow start on a busy
    // machine would retire the fresh browser in turn.
    const s = await session();
    let page: Page | undefined;
    const work = (async () => {
      page = s.idle.pop() ?? (await openPage(s.browser));
      return print(page, html, renderOptions);
    })();
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        retire(s);
        reject(new Error(`render took longer than ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      const pdf = await Promise.race([work, hung]);
      if (!s.retired) s.idle.push(page!);
      return pdf;
    } catch (err) {
      work.catch(() => undefined);
      const failed = page as Page | undefined;
      if (failed && !s.retired) await failed.close().catch(() => undefined);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async render(html, renderOptions = {}) {
      if (closed) throw new AppError('unavailable', 'the PDF renderer is closed', UNAVAILABLE);
      await slots.acquire();
      try {
        try {
          return await attempt(html, renderOptions);
        } catch (first) {
          if (closed) throw new AppError('unavailable', 'the PDF renderer is closed', UNAVAILABLE, { cause: first });
          options.log?.warn({ err: first }, 'PDF render failed; trying once more on a fresh browser');
          try {
            return await attempt(html, renderOptions);
          } catch (second) {
            throw new AppError('unavailable', `PDF render failed twice: ${(second as Error).message}`, UNAVAILABLE, { cause: second });
          }
        }
      } finally {
        slots.release();
      }
    },
    async close() {
      closed = true;
      slots.refuseWaiting(new AppError('unavailable', 'the PDF renderer is closed', UNAVAILABLE));
      await launching?.catch(() => undefined);
      if (live) await shutDown(live);
    },
  };
}

/**
 * A hung browser may not answer close(), and Debian's /usr/bin/chromium* are shell scripts
 * around the real binary: end the whole process group Puppeteer started, or a crash or hang
 * would leave a browser behind each time.
 */
function killBrowser(browser: Browser): void {
  const child = browser.process();
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

async function openPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  // Documents are our own HTML and need nothing from outside: anything else is a leak.
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    if (request.url().startsWith('data:')) void request.continue();
    else void request.abort('blockedbyclient');
  });
  return page;
}

async function print(page: Page, html: string, { footerLabel = '' }: RenderOptions): Promise<Buffer> {
  await page.setContent(withPageNumbers(html, footerLabel), { waitUntil: 'load', timeout: 0 });
  const pdf = await page.pdf({
    printBackground: true,
    preferCSSPageSize: true,
    // Tagging the PDF costs a fifth of a print; documents are read, not navigated.
    tagged: false,
    outline: false,
    timeout: 0,
  });
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}

/**
 * "Page X of Y" in a CSS page-margin box rather than Puppeteer's footerTemplate: the
 * template is a second document laid out for every page (7–9 ms a PDF here) and cannot use
 * the document's own fonts. The label is CSS-escaped, so no document number breaks out.
 */
function withPageNumbers(html: string, label: string): string {
  const text = label ? `${cssString(label)} " \\B7  "` : '';
  const style = `<style>@page { @bottom-right { content: ${text} "Page " counter(page) " of " counter(pages); `
    + `font-family: 'DejaVu Sans', sans-serif; font-size: 7.5pt; color: #6b7280; } }</style>`;
  const head = html.search(/<\/head>/i);
  return head === -1 ? style + html : html.slice(0, head) + style + html.slice(head);
}

function cssString(text: string): string {
  return `"${text.replace(/[^\w .,:#/()-]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;
}
