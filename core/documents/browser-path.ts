import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

/** Debian's old headless shell prints PDFs about four times faster than the full browser. */
const CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];

/** PUPPETEER_EXECUTABLE_PATH when set, else the first of Debian's browsers that is installed. */
export function resolveBrowserPath(configured: string | undefined, exists: (file: string) => boolean = fs.existsSync): string {
  if (configured) return configured;
  const found = CANDIDATES.find((file) => exists(file));
  if (!found) throw new AppError('unavailable', `no browser for PDFs: set PUPPETEER_EXECUTABLE_PATH or install ${CANDIDATES.join(' or ')}`);
  return found;
}

/** The headless shell only speaks the old headless mode; the full browser runs the new one. */
export function headlessModeFor(executablePath: string): 'shell' | true {
  return /headless[-_]shell/.test(path.basename(executablePath)) ? 'shell' : true;
}
