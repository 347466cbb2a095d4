/**
 * The channel-neutral reply: every door (SMS, WhatsApp, Slack, Teams, web) renders this
 * same model in its own idiom. Wording lives here in the core, never in a door.
 */

/** A button or quick reply; pressing it sends `say` back as the customer's message. */
export interface Choice {
  label: string;
  say: string;
}

/** One document in a list, with its key figures. */
export interface ListItem {
  title: string;
  detail: string;
  say?: string;
  /** A file the item is (a shared document): each door shows it as a document it opens. */
  url?: string;
}

export interface Reply {
  /** Short, complete on its own: an SMS may carry little else. */
  text: string;
  facts?: Array<{ label: string; value: string }>;
  items?: ListItem[];
  /** How many more items there are than shown. */
  more?: number;
  choices?: Choice[];
  link?: { label: string; url: string };
  /** A PDF (or shared file): its address for channels that link, its token for channels that upload it. */
  document?: { title: string; fileName: string; url: string; token: string };
  warning?: boolean;
  /** A pre-approved template (WhatsApp outside its 24-hour window): the provider sends this instead of the text. */
  template?: { sid: string; variables: Record<string, string> };
}

export function reply(text: string, extra: Omit<Reply, 'text'> = {}): Reply {
  return { text, ...extra };
}
