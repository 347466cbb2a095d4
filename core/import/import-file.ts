import { z } from 'zod';

/** The shape of an import file (shared/contracts/portal.md, "The import format"). */

/** Decimal amounts are strings in major units; a plain JSON number is read as its decimal text. */
const decimal = z.union([z.string(), z.number().finite().transform((n) => String(n))]);
const text = z.string().trim().min(1, 'must not be empty');
const day = z.string();

const line = z.object({
  item: text,
  description: z.string().optional(),
  quantity: decimal.default('1'),
  rate: decimal,
});

const contact = z.object({
  name: text,
  email: z.string().optional(),
  phone: z.string().optional(),
  whatsapp: z.string().optional(),
  slack: z.object({ team: text, user: text }).optional(),
  teams: z.object({ tenant: text, user: text }).optional(),
  primary: z.boolean().default(false),
});

const days = z.array(z.number().int().min(0).max(365)).max(12).default([]);
/** Days before and after the due date a reminder goes (merchant.md "Reminders"). */
const schedule = z.object({ beforeDue: days, afterDue: days });

export const importFileSchema = z.object({
  organization: z.object({
    key: text,
    name: text,
    currency: text,
    timezone: text.default('UTC'),
    locale: text.default('en-US'),
    email: z.string().optional(),
    phone: z.string().optional(),
    address: z.string().optional(),
    portal: z.object({ salesOrders: z.boolean().default(true) }).default({ salesOrders: true }),
    /** Where events go (merchant.md); each optional. */
    notify: z.object({
      webhookUrl: z.string().max(2_000).optional(),
      slackChannel: z.string().max(100).optional(),
      email: z.string().max(320).optional(),
      slackAdmins: z.array(z.string().max(100)).max(100).optional(),
    }).optional(),
    reminders: schedule.optional(),
  }),
  customers: z.array(
    z.object({
      key: text,
      name: text,
      currency: text.optional(),
      achEnabled: z.boolean().default(false),
      email: z.string().optional(),
      phone: z.string().optional(),
      address: z.string().optional(),
      preferredChannel: z.enum(['whatsapp', 'sms', 'slack', 'teams', 'email']).optional(),
      timezone: text.optional(),
      quietHours: z.object({ start: z.string(), end: z.string() }).optional(),
      /** This customer's own schedule, or false for none. */
      reminders: z.union([z.literal(false), schedule]).optional(),
      contacts: z.array(contact).default([]),
    }),
  ),
  salesOrders: z
    .array(
      z.object({
        number: text,
        customer: text,
        date: day,
        status: z.enum(['draft', 'confirmed', 'packed', 'shipped', 'fulfilled', 'void']),
        total: decimal,
        lines: z.array(line).default([]),
      }),
    )
    .default([]),
  invoices: z
    .array(
      z.object({
        number: text,
        customer: text,
        kind: z.enum(['invoice', 'retainer']).default('invoice'),
        date: day,
        dueDate: day.optional(),
        total: decimal,
        allowPartialPayments: z.boolean().default(false),
        salesOrder: text.optional(),
        status: z.enum(['draft', 'sent', 'void']),
        lines: z.array(line).default([]),
        taxes: z.array(z.object({ name: text, amount: decimal })).default([]),
      }),
    )
    .default([]),
  creditNotes: z
    .array(
      z.object({
        number: text,
        customer: text,
        date: day,
        total: decimal,
        applied: z.array(z.object({ invoice: text, amount: decimal, date: day.optional() })).default([]),
      }),
    )
    .default([]),
  payments: z
    .array(
      z.object({
        number: text,
        customer: text,
        date: day,
        amount: decimal,
        mode: text.default('other'),
        reference: z.string().optional(),
        /** The portal's own number for a payment it recorded: this entry is that payment, counted once. */
        portalPayment: text.optional(),
        applied: z.array(z.object({ invoice: text, amount: decimal })).default([]),
      }),
    )
    .default([]),
  retainerApplications: z
    .array(z.object({ retainer: text, invoice: text, amount: decimal, date: day }))
    .default([]),
  /** `file` is a path next to the import file; through the API, where no path is ours to read, `content` carries the bytes (base64). */
  documents: z.array(z.object({ customer: text, title: text, file: text, content: z.string().max(15_000_000).optional() })).default([]),
});

export type ImportFile = z.infer<typeof importFileSchema>;

/** ['invoices', 3, 'customer'] → "invoices[3].customer" */
export function placeName(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '');
}
