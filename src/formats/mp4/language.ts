/**
 * mdhd language (ISO 14496-12 §8.4.2.3): an ISO 639-2/T code packed as three 5-bit letters
 * (each `char - 0x60`) under a zero pad bit. Tracks may carry 639-1 tags such as `en` or
 * `en-US` (what HLS and DASH manifests use); common ones map to their three-letter code.
 */
const ISO_639_1_TO_2T: Record<string, string> = {
  ar: 'ara', cs: 'ces', da: 'dan', de: 'deu', el: 'ell', en: 'eng', es: 'spa', fi: 'fin', fr: 'fra', he: 'heb',
  hi: 'hin', hu: 'hun', id: 'ind', it: 'ita', ja: 'jpn', ko: 'kor', nl: 'nld', no: 'nor', pl: 'pol', pt: 'por',
  ro: 'ron', ru: 'rus', sv: 'swe', th: 'tha', tr: 'tur', uk: 'ukr', vi: 'vie', zh: 'zho',
};

/** The three-letter code for a track language, 'und' when absent or unknown. */
export function iso639_2(language: string | undefined): string {
  const primary = (language ?? '').split(/[-_]/)[0].toLowerCase();
  if (/^[a-z]{3}$/.test(primary)) return primary;
  return ISO_639_1_TO_2T[primary] ?? 'und';
}

/** The packed 16-bit mdhd language field ('und' = 0x55C4). */
export function packLanguage(code: string): number {
  let v = 0;
  for (let i = 0; i < 3; i++) v = (v << 5) | ((code.charCodeAt(i) - 0x60) & 0x1f);
  return v;
}

/** The code in a packed mdhd language field. */
export function unpackLanguage(packed: number): string {
  return [10, 5, 0].map((shift) => String.fromCharCode(((packed >> shift) & 0x1f) + 0x60)).join('');
}
