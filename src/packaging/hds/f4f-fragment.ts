import { ByteWriter } from '../../formats/bytes/byte-writer.js';
import { buildFlvAudio } from '../../formats/flv/build-flv-audio.js';
import { buildFlvVideo } from '../../formats/flv/build-flv-video.js';
import { writeFlvTags, type FlvTag } from '../../formats/flv/flv-tag-sequence.js';
import { closeBox, openBox, writeFullBox } from '../../formats/mp4/box-writer.js';
import type { AacConfig, H264Config } from '../../model/codec.js';
import type { ElementaryFragment } from '../../model/elementary-fragment.js';
import type { Sample } from '../../model/sample.js';
import { rescale } from '../../model/time.js';
import { HDS_TIMESCALE } from './hds-bootstrap.js';


export interface F4fInput {
  video?: ElementaryFragment<H264Config>;
  audio?: ElementaryFragment<AacConfig>;
}

const TAG_AUDIO = 8;
const TAG_VIDEO = 9;
/** FLV timestamps are 32 bits of ms (24 + 8 extended, FLV 10.1 §E.4.1): they wrap after 49.7 days. */
const FLV_TIME_WRAP = 2n ** 32n;

/**
 * The FLV tags of one HDS fragment: the AVC and AAC sequence headers stamped with the fragment
 * start (each fragment must decode alone: a client may start at any of them, FFmpeg hdsenc.c
 * writes them at every fragment start too), then video and audio frames interleaved by
 * timestamp. Video tags carry DTS in ms and the composition time PTS − DTS in ms (FLV 10.1
 * §E.4.3.1), both rounded from the track timescale separately so no error accumulates.
 */
export function f4fTags(input: F4fInput): FlvTag[] {
  const video = input.video && trackTags(input.video, (s, cts) => buildFlvVideo({ kind: 'frame', codec: 'avc', keyframe: s.sync, compositionTime: cts, data: s.data }));
  const audio = input.audio && trackTags(input.audio, (s) => buildFlvAudio({ kind: 'frame', codec: 'aac', data: s.data }));
  const starts = [video?.[0]?.timestamp, audio?.[0]?.timestamp].filter((t): t is number => t !== undefined);
  const start = starts.length ? Math.min(...starts) : 0;
  const tags: FlvTag[] = [];
  if (input.video) tags.push({ type: TAG_VIDEO, timestamp: start, data: buildFlvVideo({ kind: 'config', codec: 'avc', data: input.video.config.avcC }) });
  if (input.audio) tags.push({ type: TAG_AUDIO, timestamp: start, data: buildFlvAudio({ kind: 'config', codec: 'aac', data: input.audio.config.asc }) });
  const v = (video ?? []).map((t) => ({ ...t, type: TAG_VIDEO }));
  const a = (audio ?? []).map((t) => ({ ...t, type: TAG_AUDIO }));
  let i = 0;
  let j = 0;
  while (i < v.length || j < a.length) tags.push(j >= a.length || (i < v.length && v[i].timestamp <= a[j].timestamp) ? v[i++] : a[j++]);
  return tags;
}

function trackTags<C>(t: ElementaryFragment<C>, body: (s: Sample, cts: number) => Uint8Array): Omit<FlvTag, 'type'>[] {
  const ms = (ticks: bigint) => rescale(ticks, t.timescale, HDS_TIMESCALE);
  const out: Omit<FlvTag, 'type'>[] = [];
  let dts = t.decodeTime;
  for (const s of t.samples) {
    const dtsMs = ms(dts);
    const cts = Number(ms(dts + BigInt(s.compositionOffset)) - dtsMs);
    const timestamp = Number(((dtsMs % FLV_TIME_WRAP) + FLV_TIME_WRAP) % FLV_TIME_WRAP);
    out.push({ timestamp, data: body(s, cts) });
    dts += BigInt(s.duration);
  }
  return out;
}

/**
 * An F4F fragment (F4V 10.1 Annex "F4F"): `afra` with one random access point, the fragment
 * start at the first tag of the mdat (the sequence headers, then a key frame), then `mdat`
 * holding FLV tags without the FLV file header. HDS clients read only the mdat (yt-dlp f4m.py
 * skips to it; FFmpeg hdsenc.c writes nothing else); OSMF also reads afra. No moof: the FLV tags
 * carry their own timing.
 */
export function muxF4fFragment(input: F4fInput): Uint8Array {
  const tags = f4fTags(input);
  const payload = writeFlvTags(tags);
  const w = new ByteWriter(64 + payload.length);
  const afraSize = 8 + 4 + 1 + 4 + 4 + 8 + 4;
  writeFullBox(w, 'afra', 0, 0, () => {
    w.u8(0); // LongIDs 0, LongOffsets 0, GlobalEntries 0
    w.u32(HDS_TIMESCALE).u32(1);
    w.u64(BigInt(tags[0]?.timestamp ?? 0)).u32(afraSize + 8);
  });
  const mdat = openBox(w, 'mdat');
  w.bytes(payload);
  closeBox(w, mdat);
  return w.finish();
}
