import { ByteReader } from '../bytes/byte-reader.js';
import { TributaryError } from '../../util/errors.js';

/**
 * Finds the DecoderSpecificInfo (the AudioSpecificConfig) in an esds payload after its FullBox
 * header: ES_Descriptor (tag 3) → DecoderConfigDescriptor (tag 4) → DecoderSpecificInfo (tag 5),
 * per ISO 14496-1 §7.2.6.5–7. Sizes use the expandable 7-bit form (§8.3.3), long or short.
 */
export function findDecoderSpecificInfo(esds: ByteReader): Uint8Array {
  const es = descriptor(esds, 0x03);
  es.skip(2, 'ES_ID');
  const flags = es.u8('ES flags');
  if (flags & 0x80) es.skip(2, 'dependsOn_ES_ID');
  if (flags & 0x40) es.skip(es.u8('URLlength'), 'URLstring');
  if (flags & 0x20) es.skip(2, 'OCR_ES_Id');
  const dc = descriptor(es, 0x04);
  dc.skip(13, 'DecoderConfigDescriptor fields');
  const dsi = descriptor(dc, 0x05);
  return dsi.bytesView(dsi.remaining);
}

/** Reads a descriptor header of the expected tag; returns a reader over its body. */
function descriptor(r: ByteReader, tag: number): ByteReader {
  const found = r.u8('descriptor tag');
  if (found !== tag) throw new TributaryError('ERR_MEDIA', `esds: expected descriptor tag ${tag}, found ${found}`);
  let size = 0;
  for (let i = 0; i < 4; i++) {
    const b = r.u8('descriptor size');
    size = size * 128 + (b & 0x7f);
    if (!(b & 0x80)) return r.sub(size, `esds descriptor ${tag}`);
  }
  throw new TributaryError('ERR_MEDIA', `esds: descriptor ${tag} size field is longer than 4 bytes`);
}
