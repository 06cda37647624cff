// Text a remote device chose (titles, banners, headers) is shown to a person: strip
// what could garble or disguise it, collapse whitespace and bound its length.

/** C0 and C1 controls, and the bidirectional marks and overrides that can make text read backwards. */
function isUnsafe(codePoint: number): boolean {
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x200e ||
    codePoint === 0x200f ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  );
}

export function printableText(text: string, maxLength: number): string | undefined {
  // By code point, so a surrogate pair is never split in half.
  const safe = Array.from(text, (character) => (isUnsafe(character.codePointAt(0) ?? 0) ? ' ' : character));
  const cleaned = safe.join('').replace(/\s+/g, ' ').trim();
  if (cleaned.length === 0) return undefined;
  const codePoints = Array.from(cleaned);
  return codePoints.length <= maxLength ? cleaned : codePoints.slice(0, maxLength).join('').trimEnd();
}
