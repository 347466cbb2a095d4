/** Turns one self-contained HTML document into a PDF. The core renders through this port only. */
export interface PdfRenderer {
  render(html: string, options?: RenderOptions): Promise<Buffer>;
  /** Ends the browser behind it; renders after this fail. */
  close(): Promise<void>;
}

export interface RenderOptions {
  /** Printed at the foot of every page before "Page X of Y", e.g. the document number. */
  footerLabel?: string;
}
