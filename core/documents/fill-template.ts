/**
 * The templates' whole language, so they cannot hold logic: `{{name}}` is a value, always
 * HTML-escaped; `{{#each list}}…{{/each}}` repeats for each item (an optional part is a list
 * of zero or one); `{{> name}}` includes one of our own partials (page head, styles, line items), unescaped.
 * Inside a loop, names are looked up on the item first, then outwards.
 */
export type TemplateValue = string | TemplateData[];
export interface TemplateData {
  [name: string]: TemplateValue;
}

type Node = { text: string } | { value: string } | { each: string; body: Node[] };

const TAG = /\{\{\s*(#each\s+\w+|\/each|>\s*\w+|\w+)\s*\}\}/g;

export function compileTemplate(source: string, partials: Record<string, string> = {}): (data: TemplateData) => string {
  const nodes = parse(expandPartials(source, partials, 0));
  return (data) => fill(nodes, [data]);
}

/** Partials may include partials (the page head includes the styles), a few levels deep. */
function expandPartials(source: string, partials: Record<string, string>, depth: number): string {
  return source.replace(/\{\{>\s*(\w+)\s*\}\}/g, (_, name: string) => {
    if (!(name in partials)) throw new Error(`template partial "${name}" is missing`);
    if (depth > 3) throw new Error(`template partial "${name}" nests too deep`);
    return expandPartials(partials[name], partials, depth + 1);
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function parse(source: string): Node[] {
  const root: Node[] = [];
  const stack: Array<{ name: string; body: Node[] }> = [{ name: '', body: root }];
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    const top = stack[stack.length - 1];
    if (match.index > last) top.body.push({ text: source.slice(last, match.index) });
    last = match.index + match[0].length;
    const tag = match[1];
    if (tag.startsWith('#each')) {
      const frame = { name: tag.slice(5).trim(), body: [] as Node[] };
      top.body.push({ each: frame.name, body: frame.body });
      stack.push(frame);
    } else if (tag === '/each') {
      if (stack.length === 1) throw new Error('template has {{/each}} without {{#each}}');
      stack.pop();
    } else {
      top.body.push({ value: tag });
    }
  }
  if (stack.length > 1) throw new Error(`template leaves {{#each ${stack[stack.length - 1].name}}} open`);
  if (last < source.length) root.push({ text: source.slice(last) });
  return root;
}

function fill(nodes: Node[], scopes: TemplateData[]): string {
  let out = '';
  for (const node of nodes) {
    if ('text' in node) out += node.text;
    else if ('value' in node) out += escapeHtml(lookupText(node.value, scopes));
    else for (const item of lookupList(node.each, scopes)) out += fill(node.body, [item, ...scopes]);
  }
  return out;
}

function lookup(name: string, scopes: TemplateData[]): TemplateValue {
  for (const scope of scopes) if (name in scope) return scope[name];
  throw new Error(`template value "${name}" is missing`);
}

function lookupText(name: string, scopes: TemplateData[]): string {
  const value = lookup(name, scopes);
  if (typeof value !== 'string') throw new Error(`template value "${name}" is a list, not text`);
  return value;
}

function lookupList(name: string, scopes: TemplateData[]): TemplateData[] {
  const value = lookup(name, scopes);
  if (!Array.isArray(value)) throw new Error(`template value "${name}" is text, not a list`);
  return value;
}
