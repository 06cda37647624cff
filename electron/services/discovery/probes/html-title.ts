// The <title> of a device's web page, which often names the product (DSM, Proxmox,
// UniFi). The page is hostile input: scanned in linear time, decoded, cleaned, bounded.
import { printableText } from './printable-text';

export const maxTitleLength = 200;
/** Titles sit in the <head>; nothing further into a page is worth reading. */
export const maxTitleScanChars = 64 * 1024;

// Elements whose content is not text a browser would take a <title> from.
const rawTextElements = ['script', 'style', 'textarea', 'template'] as const;

export function extractTitle(html: string): string | undefined {
  const text = html.slice(0, maxTitleScanChars);
  const lower = text.toLowerCase();
  let position = 0;
  for (;;) {
    const open = lower.indexOf('<', position);
    if (open === -1) return undefined;
    if (lower.startsWith('<!--', open)) {
      const end = lower.indexOf('-->', open + 4);
      if (end === -1) return undefined;
      position = end + 3;
      continue;
    }
    if (startsElement(lower, open, 'title')) {
      const contentStart = lower.indexOf('>', open);
      if (contentStart === -1) return undefined;
      const close = lower.indexOf('</title', contentStart);
      if (close === -1) return undefined;
      return printableText(decodeHtmlEntities(text.slice(contentStart + 1, close)), maxTitleLength);
    }
    const raw = rawTextElements.find((name) => startsElement(lower, open, name));
    if (raw) {
      const close = lower.indexOf(`</${raw}`, open);
      if (close === -1) return undefined;
      position = close + 2;
      continue;
    }
    position = open + 1;
  }
}

/** True when `<name` starts at `at` as a whole tag name (not `<titles`). */
function startsElement(lower: string, at: number, name: string): boolean {
  if (!lower.startsWith(`<${name}`, at)) return false;
  const next = lower[at + name.length + 1];
  return next === undefined || next === '>' || next === '/' || /\s/.test(next);
}

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  middot: '·',
  bull: '•',
  laquo: '«',
  raquo: '»',
  euro: '€',
} satisfies Record<string, string>;

// Bounded repetitions keep this linear; an unknown name is left as written.
const entityPattern = /&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g;

export function decodeHtmlEntities(text: string): string {
  return text.replace(entityPattern, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : '\ufffd';
    }
    return Object.hasOwn(namedEntities, body) ? (namedEntities[body] ?? whole) : whole;
  });
}
