export const PROGRAM_STATES = ['Stopped', 'Starting', 'Running', 'Stopping'] as const;
export type ProgramState = (typeof PROGRAM_STATES)[number];

/** The contract's DVR window bounds, as ISO 8601 text and in milliseconds. */
export const ARCHIVE_WINDOW = { min: 'PT5M', max: 'PT25H', minMs: 5 * 60_000, maxMs: 25 * 3_600_000 } as const;

/** Each running program keeps its own archive; three bounds the disk and CPU one channel costs. */
export const MAX_PROGRAMS_PER_CHANNEL = 3;

export interface Program {
  channel: string;
  name: string;
  description: string;
  assetName: string;
  archiveWindow: string;
  archiveWindowMs: number;
  manifestName: string;
  state: ProgramState;
  /** Why the program last stopped recording on its own (disk full, I/O error); cleared by a start. */
  lastError?: ProgramError;
  created: string;
  lastModified: string;
}

export interface ProgramError {
  code: string;
  message: string;
  time: string;
}

export interface NewProgram {
  name: string;
  description?: string;
  assetName?: string;
  archiveWindow: string;
  manifestName?: string;
}
