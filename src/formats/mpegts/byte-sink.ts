/** Where writers of elementary stream bytes (Annex B, ADTS) put them; TsPacketWriter is one. */
export interface ByteSink {
  /** Appends `src[start, end)`. */
  writeBytes(src: Uint8Array, start: number, end: number): void;
}
