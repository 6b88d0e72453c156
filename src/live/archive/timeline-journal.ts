import type { TimelineEntry } from '../../model/timeline.js';

/**
 * The per-track journal of an asset (`<trackId>/timeline.jsonl`): one JSON object per line,
 * appended after the fragment it names is in place, so every line names a complete fragment.
 *   {"t":"<decodeTime>","d":<duration>,"s":<sequence>,"v":<version>,"b":<bytes>,"x":1}  an entry
 *                                                        ("x":1 marks a discontinuity)
 *   {"prune":"<decodeTime>"}    entries before this decode time left the archive window
 *   {"base":<n>}                discontinuities among entries pruned before (a compacted journal's first line)
 * A crash can leave only the last line torn; reading stops there.
 */
export type JournalRecord = { kind: 'entry'; entry: TimelineEntry } | { kind: 'prune'; before: bigint } | { kind: 'base'; prunedDiscontinuities: number };

export function entryLine(e: TimelineEntry): string {
  return `${JSON.stringify({ t: e.decodeTime.toString(), d: e.duration, s: e.sequence, v: e.trackVersion, b: e.byteLength, ...(e.discontinuity ? { x: 1 } : {}) })}\n`;
}

export function pruneLine(before: bigint): string {
  return `${JSON.stringify({ prune: before.toString() })}\n`;
}

export function baseLine(prunedDiscontinuities: number): string {
  return `${JSON.stringify({ base: prunedDiscontinuities })}\n`;
}

/**
 * Parses a journal. Reading stops at the first line that is not a whole record; `torn` says
 * whether there was one. Each line is written by one write(2), which a killed process does
 * not cut short, but a power loss can: text after the last newline is treated as torn too.
 */
export function readJournal(text: string): { records: JournalRecord[]; torn: boolean } {
  const records: JournalRecord[] = [];
  const lines = text.split('\n');
  const tail = lines.pop();
  for (const line of lines) {
    const record = parseLine(line);
    if (!record) return { records, torn: true };
    records.push(record);
  }
  return { records, torn: tail !== undefined && tail !== '' };
}

const DIGITS = /^\d{1,30}$/;

function parseLine(line: string): JournalRecord | undefined {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (o === null || typeof o !== 'object') return undefined;
  if (typeof o.prune === 'string' && DIGITS.test(o.prune)) return { kind: 'prune', before: BigInt(o.prune) };
  if (Number.isSafeInteger(o.base) && (o.base as number) >= 0) return { kind: 'base', prunedDiscontinuities: o.base as number };
  const ints = [o.d, o.s, o.v, o.b];
  if (typeof o.t !== 'string' || !DIGITS.test(o.t) || !ints.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) return undefined;
  return {
    kind: 'entry',
    entry: { decodeTime: BigInt(o.t), duration: o.d as number, sequence: o.s as number, trackVersion: o.v as number, byteLength: o.b as number, discontinuity: o.x === 1 },
  };
}
