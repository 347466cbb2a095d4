import type { Day } from '../dates';
import type { Db } from '../db/open-database';
import { getInvoice } from '../portal/get-invoice';
import { getStatement } from '../portal/get-statement';
import { getPayment } from '../portal/payments';
import { getSalesOrder } from '../portal/sales-orders';
import type { Viewer } from '../portal/viewer';
import type { DocumentTemplates } from './document-templates';
import type { DocumentRef } from './document-ref';
import { documentFormat } from './views/document-format';
import { invoiceView } from './views/invoice-view';
import { loadParties } from './views/parties';
import { receiptView } from './views/receipt-view';
import { salesOrderView } from './views/sales-order-view';
import { statementView } from './views/statement-view';

export interface PrintableDocument {
  html: string;
  /** At the foot of each page. */
  footerLabel: string;
  fileName: string;
}

/**
 * The HTML of one of the viewer's documents with today's figures, through the same portal
 * rules as the chat (so the same scoping); null for anything the viewer may not see.
 */
export async function buildDocumentHtml({ db, viewer, today, templates, doc }: {
  db: Db; viewer: Viewer; today: Day; templates: DocumentTemplates; doc: Exclude<DocumentRef, { kind: 'shared' }>;
}): Promise<PrintableDocument | null> {
  switch (doc.kind) {
    case 'invoice': {
      // Fetching the PDF is the customer opening the invoice: it counts as a view.
      const invoice = await getInvoice({ db, viewer, today, id: doc.id });
      if (!invoice) return null;
      const view = invoiceView(invoice, await loadParties(db, viewer), documentFormat(viewer.locale, invoice.currency));
      return { html: templates.invoice(view), footerLabel: invoice.number, fileName: `${invoice.number}.pdf` };
    }
    case 'sales_order': {
      const order = await getSalesOrder({ db, viewer, today, id: doc.id });
      if (!order) return null;
      const view = salesOrderView(order, await loadParties(db, viewer), documentFormat(viewer.locale, order.currency));
      return { html: templates.sales_order(view), footerLabel: order.number, fileName: `${order.number}.pdf` };
    }
    case 'receipt': {
      const payment = await getPayment({ db, viewer, id: doc.id });
      // A receipt confirms money received: a pending payment has none yet.
      if (!payment || payment.state !== 'succeeded') return null;
      const view = receiptView(payment, await loadParties(db, viewer), documentFormat(viewer.locale, payment.currency));
      return { html: templates.receipt(view), footerLabel: `Receipt ${payment.number}`, fileName: `Receipt-${payment.number}.pdf` };
    }
    case 'statement': {
      if (doc.from > doc.to) return null;
      const statement = await getStatement({ db, viewer, period: { from: doc.from, to: doc.to } });
      const view = statementView(statement, documentFormat(viewer.locale, statement.currency));
      return {
        html: templates.statement(view),
        footerLabel: `Statement ${doc.from} to ${doc.to}`,
        fileName: `Statement-${doc.from}-to-${doc.to}.pdf`,
      };
    }
  }
}
