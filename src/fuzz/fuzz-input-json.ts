/** Fuzz inputs to and from JSON (byte arrays as base64), so a failing one can be kept as a regression file. */
export function inputToJson(input: unknown): string {
  return JSON.stringify(input, (_key, value: unknown) => (value instanceof Uint8Array ? { $bytes: Buffer.from(value).toString('base64') } : value), 1);
}

export function inputFromJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && '$bytes' in value) return new Uint8Array(Buffer.from(String((value as { $bytes: string }).$bytes), 'base64'));
    return value;
  });
}
