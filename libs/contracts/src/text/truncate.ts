/**
 * Shortening text for display and transport without cutting a character in two: a cut inside
 * a surrogate pair leaves a lone surrogate (which UTF-8, XML and PostgreSQL refuse), and a
 * cut inside a grapheme cluster (an emoji with skin tone or a family of joined emoji, a letter
 * with combining accents) leaves something a reader never wrote. Cuts fall on extended
 * grapheme cluster boundaries (Unicode UAX #29, as `Intl.Segmenter` implements it).
 */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `text` itself when it is at most `maxLength` UTF-16 code units long (the unit every newsroom
 * length limit counts); otherwise its longest prefix of whole grapheme clusters that leaves room
 * for `ellipsis`, with trailing whitespace dropped and the ellipsis appended. The result is
 * never longer than `maxLength`.
 */
export function truncateText(text: string, maxLength: number, ellipsis = '…'): string {
  if (text.length <= maxLength) return text;
  return `${graphemePrefix(text, Math.max(0, maxLength - ellipsis.length), (segment) => segment.length).trimEnd()}${ellipsis}`;
}

/**
 * The same cut counted in UTF-8 bytes, for places that limit bytes: Kafka and e-mail headers,
 * log fields, database columns sized in bytes.
 */
export function truncateUtf8(text: string, maxBytes: number, ellipsis = '…'): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const room = Math.max(0, maxBytes - Buffer.byteLength(ellipsis, 'utf8'));
  return `${graphemePrefix(text, room, (segment) => Buffer.byteLength(segment, 'utf8')).trimEnd()}${ellipsis}`;
}

function graphemePrefix(text: string, budget: number, sizeOf: (segment: string) => number): string {
  let used = 0;
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    const size = sizeOf(segment);
    if (used + size > budget) break;
    used += size;
    end = index + segment.length;
  }
  return text.slice(0, end);
}
