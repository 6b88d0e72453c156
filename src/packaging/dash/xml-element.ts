/** An attribute list; undefined values are left out, so optional attributes read naturally. */
export type XmlAttributes = ReadonlyArray<readonly [string, string | number | undefined]>;

/** Escapes text for a double-quoted XML attribute value (XML 1.0 §2.4, §3.3.3). */
export function xmlEscape(value: string): string {
  return value.replace(/[&<>"'\t\n\r]/g, (c) => ESCAPES[c]);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Attribute-value normalisation would turn these into spaces; keep them as written.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** `<name a="v" …>` (or `…/>` when `empty`), every value escaped. */
export function startTag(name: string, attributes: XmlAttributes, empty = false): string {
  const attrs = attributes
    .filter((a): a is readonly [string, string | number] => a[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
  return `<${name}${attrs}${empty ? '/>' : '>'}`;
}
