/**
 * The language field as BCP 47 writes it ("EN" → "en", "en-gb" → "en-GB", "pt_br" →
 * "pt-BR"); left as typed when it is no tag at all, for drafting to refuse with its reason.
 */
export function canonicalLanguage(typed: string): string {
  const tag = typed.trim().replace(/_/g, '-');
  if (tag === '') return 'en';
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return tag;
  }
}
