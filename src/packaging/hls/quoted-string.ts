/**
 * An HLS quoted-string attribute value (RFC 8216 §4.2): it may not contain a double quote, CR
 * or LF and has no escape syntax, so those characters are dropped rather than emitted.
 */
export function quotedString(value: string): string {
  return `"${value.replace(/["\r\n]/g, '')}"`;
}
