import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { readAmf0Values } from '../../formats/amf/amf0-reader.js';
import { Amf0EcmaArray } from '../../formats/amf/amf0-value.js';
import { writeAmf0Values } from '../../formats/amf/amf0-writer.js';
import { buildFlvAudio } from '../../formats/flv/build-flv-audio.js';
import { buildFlvVideo } from '../../formats/flv/build-flv-video.js';
import { writeFlvTags } from '../../formats/flv/flv-tag-sequence.js';
import { encodeChunkHeader } from './chunk-header.js';
import { createRtmpServer } from './rtmp-server.js';
import type { RtmpLimits } from './rtmp-limits.js';
import { RawRtmpClient } from './testing/raw-rtmp-client.js';
import { captureLogger, RecordingHandler } from './testing/recording-handler.js';

const avcC = Uint8Array.of(1, 0x64, 0, 0x1f, 0xff, 0xe1, 0, 0);
const nalu = Uint8Array.of(0, 0, 0, 2, 0x65, 0x88);

async function start(handler: RecordingHandler, limits?: Partial<RtmpLimits>) {
  const { logger, records } = captureLogger();
  const server = createRtmpServer({ handler, logger, limits });
  const port = await server.listen(0, '127.0.0.1');
  const warnings = () => records.filter((r) => r.level === 40);
  return { server, port, warnings };
}

/** connect → createStream → publish, as ffmpeg does; returns the publish onStatus info. */
async function publish(c: RawRtmpClient, app = 'live/tok', name = 's1'): Promise<Record<string, unknown>> {
  c.command(['connect', 1, { app, type: 'nonprivate', tcUrl: `rtmp://127.0.0.1/${app}`, objectEncoding: 0 }]);
  await c.nextCommand('_result');
  c.command(['releaseStream', 2, null, name]);
  c.command(['FCPublish', 3, null, name]);
  c.command(['createStream', 4, null]);
  const created = await c.next((m) => m.typeId === 20 && readAmf0Values(m.payload)[1] === 4);
  assert.deepEqual(readAmf0Values(created.payload), ['_result', 4, null, 1]);
  c.command(['publish', 5, null, name, 'live'], 1, 8);
  const status = await c.nextCommand('onStatus');
  return status[3] as Record<string, unknown>;
}

const media = (typeId: number, timestamp: number, payload: Uint8Array) => ({ csid: typeId === 8 ? 4 : 6, typeId, streamId: 1, timestamp, payload });

describe('RTMP server with a raw client', () => {
  let handler: RecordingHandler;
  let ctx: Awaited<ReturnType<typeof start>>;
  before(async () => {
    handler = new RecordingHandler();
    ctx = await start(handler, { idleTimeoutMs: 5000 });
  });
  after(() => ctx.server.close());

  it('answers connect with WindowAck, PeerBandwidth, SetChunkSize, then _result', async () => {
    const c = await RawRtmpClient.open(ctx.port);
    c.command(['connect', 1, { app: 'live/tok', objectEncoding: 3 }]);
    const result = await c.nextCommand('_result');
    assert.deepEqual(c.received.slice(0, 3).map((m) => [m.typeId, m.csid, [...m.payload]]), [
      [5, 2, [0, 0x4c, 0x4b, 0x40]],
      [6, 2, [0, 0x4c, 0x4b, 0x40, 2]],
      [1, 2, [0, 0, 0x10, 0]],
    ]);
    assert.equal(result[1], 1);
    assert.deepEqual(result[2], { fmsVer: 'FMS/3,0,1,123', capabilities: 31, mode: 1 });
    assert.deepEqual(result[3], { level: 'status', code: 'NetConnection.Connect.Success', description: 'Connection succeeded.', objectEncoding: 3 });
    c.close();
  });

  it('delivers metadata, video, audio and aggregates in order, then ends once on unpublish', async () => {
    const before = handler.events.length;
    const c = await RawRtmpClient.open(ctx.port);
    const info = await publish(c, 'live/tok?sig=1', 'cam.flv?x=2');
    assert.equal(info.code, 'NetStream.Publish.Start');
    assert.deepEqual(handler.requests.at(-1), { ...handler.requests.at(-1), app: 'live/tok', streamName: 'cam', query: 'sig=1&x=2' });
    c.send({ csid: 4, typeId: 18, streamId: 1, timestamp: 0, payload: writeAmf0Values(['@setDataFrame', 'onMetaData', new Amf0EcmaArray({ width: 320 })]) });
    c.send(media(9, 0xffffff00, buildFlvVideo({ kind: 'config', codec: 'avc', data: avcC })));
    c.send(media(9, 0xffffffe0, buildFlvVideo({ kind: 'frame', codec: 'avc', keyframe: true, compositionTime: 66, data: nalu })));
    c.send(media(8, 10, buildFlvAudio({ kind: 'frame', codec: 'aac', data: Uint8Array.of(0x21) })));
    const agg = writeFlvTags([
      { type: 9, timestamp: 500, data: buildFlvVideo({ kind: 'frame', codec: 'avc', keyframe: false, compositionTime: 0, data: nalu }) },
      { type: 9, timestamp: 533, data: buildFlvVideo({ kind: 'frame', codec: 'avc', keyframe: false, compositionTime: 0, data: nalu }) },
    ]);
    c.send({ csid: 6, typeId: 22, streamId: 1, timestamp: 0x10, payload: agg });
    c.command(['FCUnpublish', 6, null, 'cam'], 1);
    const reason = await handler.ended;
    assert.match(reason, /unpublished/);
    const got = handler.events.slice(before).map((e) => (e.kind === 'video' || e.kind === 'audio' ? `${e.kind}@${e.ts}:${e.packet.kind}` : e.kind));
    assert.deepEqual(got, ['metadata', `video@${0xffffff00}:config`, `video@${0xffffffe0}:frame`, 'audio@10:frame', `video@${2 ** 32 + 0x10}:frame`, `video@${2 ** 32 + 0x10 + 33}:frame`, 'end']);
    assert.deepEqual(handler.of('metadata')[0].metadata, { width: 320 });
    c.close();
    await c.closed;
    assert.equal(handler.endCount, 1);
  });

  it('accepts AMF3 command messages (type 17, leading 0 byte), answers pings and acknowledges the window', async () => {
    const c = await RawRtmpClient.open(ctx.port);
    const connect = writeAmf0Values(['connect', 1, { app: 'live/tok' }]);
    c.send({ csid: 3, typeId: 17, streamId: 0, timestamp: 0, payload: Uint8Array.from([0, ...connect]) });
    assert.equal((await c.nextCommand('_result'))[1], 1);
    c.send({ csid: 2, typeId: 4, streamId: 0, timestamp: 0, payload: Uint8Array.of(0, 6, 0, 0, 0x30, 0x39) });
    const pong = await c.next((m) => m.typeId === 4);
    assert.deepEqual([...pong.payload], [0, 7, 0, 0, 0x30, 0x39]);
    c.send({ csid: 2, typeId: 5, streamId: 0, timestamp: 0, payload: Uint8Array.of(0, 0, 0x03, 0xe8) });
    c.command(['_checkbw', 2, null, 'x'.repeat(1200)]);
    const ack = await c.next((m) => m.typeId === 3);
    assert.ok(new DataView(ack.payload.buffer, ack.payload.byteOffset).getUint32(0) >= 1000);
    c.close();
  });

  it('refuses a second publish on the same connection with BadName', async () => {
    const c = await RawRtmpClient.open(ctx.port);
    assert.equal((await publish(c, 'live/tok', 'a')).code, 'NetStream.Publish.Start');
    c.command(['publish', 7, null, 'b', 'live'], 1, 8);
    assert.equal(((await c.nextCommand('onStatus'))[3] as { code: string }).code, 'NetStream.Publish.BadName');
    c.close();
  });
});

describe('RTMP server limits and garbage', () => {
  it('drops garbage (an HTTP request) with ERR_RTMP_HANDSHAKE and keeps serving', async () => {
    const { server, port, warnings } = await start(new RecordingHandler());
    const s = connect(port, '127.0.0.1');
    s.on('error', () => undefined);
    s.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'.padEnd(1537, 'x'));
    await new Promise((r) => s.once('close', r));
    assert.equal(warnings()[0].code, 'ERR_RTMP_HANDSHAKE');
    assert.ok(typeof warnings()[0].conn === 'string' && typeof warnings()[0].remoteAddress === 'string' && typeof warnings()[0].reason === 'string');
    const c = await RawRtmpClient.open(port); // still serving
    c.close();
    await server.close();
  });

  it('times out a silent handshake', async () => {
    const { server, port, warnings } = await start(new RecordingHandler(), { handshakeTimeoutMs: 100 });
    const s = connect(port, '127.0.0.1');
    await new Promise((r) => s.once('close', r));
    assert.match(String(warnings()[0].reason), /handshake not completed/);
    await server.close();
  });

  it('disconnects a peer announcing a message above the limit, before the body arrives', async () => {
    const handler = new RecordingHandler();
    const { server, port, warnings } = await start(handler, { maxMessageSize: 1 << 20 });
    const c = await RawRtmpClient.open(port);
    await publish(c);
    c.socket.write(encodeChunkHeader({ fmt: 0, csid: 6, timestamp: 0, length: 0xffffff, typeId: 9, streamId: 1 }));
    await c.closed;
    assert.equal(warnings()[0].code, 'ERR_RTMP_LIMIT');
    assert.match(await handler.ended, /ERR_RTMP_LIMIT/);
    assert.equal(handler.endCount, 1);
    await server.close();
  });

  it('ends the sink once when the encoder stops mid-chunk and closes', async () => {
    const handler = new RecordingHandler();
    const { server, port } = await start(handler);
    const c = await RawRtmpClient.open(port);
    await publish(c);
    const frame = buildFlvVideo({ kind: 'frame', codec: 'avc', keyframe: true, compositionTime: 0, data: new Uint8Array(1000) });
    c.socket.write(encodeChunkHeader({ fmt: 0, csid: 6, timestamp: 0, length: frame.length, typeId: 9, streamId: 1 }));
    c.socket.write(frame.subarray(0, 60));
    c.close();
    assert.equal(await handler.ended, 'connection closed');
    assert.equal(handler.of('video').length, 0);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(handler.endCount, 1);
    await server.close();
  });

  it('ends an idle publisher', async () => {
    const handler = new RecordingHandler();
    const { server, port } = await start(handler, { idleTimeoutMs: 150 });
    const c = await RawRtmpClient.open(port);
    await publish(c);
    assert.match(await handler.ended, /ERR_RTMP_LIMIT: no data for 150 ms/);
    await server.close();
  });

  it('refuses publish before connect and garbage commands', async () => {
    const { server, port, warnings } = await start(new RecordingHandler());
    const c = await RawRtmpClient.open(port);
    c.command(['publish', 1, null, 'x', 'live'], 1);
    await c.closed;
    const d = await RawRtmpClient.open(port);
    d.send({ csid: 3, typeId: 20, streamId: 0, timestamp: 0, payload: Uint8Array.of(0x02, 0xff, 0xff, 0x41) });
    await d.closed;
    assert.deepEqual(warnings().map((w) => w.code), ['ERR_RTMP_PROTOCOL', 'ERR_MEDIA']);
    await server.close();
  });

  it('close() ends every publishing connection once', async () => {
    const handler = new RecordingHandler();
    const { server, port } = await start(handler);
    const clients = await Promise.all([RawRtmpClient.open(port), RawRtmpClient.open(port)]);
    await Promise.all(clients.map((c, i) => publish(c, 'live/tok', `s${i}`)));
    assert.equal(server.connections(), 2);
    await server.close();
    assert.equal(server.connections(), 0);
    assert.deepEqual(handler.of('end').map((e) => e.reason), ['server shutting down', 'server shutting down']);
  });

  it('answers a refusing handler with an error onStatus and closes', async () => {
    const handler = new RecordingHandler(() => ({ accept: false, code: 'NetStream.Publish.Denied', description: 'bad token' }));
    const { server, port } = await start(handler);
    const c = await RawRtmpClient.open(port);
    const info = await publish(c);
    assert.deepEqual(info, { level: 'error', code: 'NetStream.Publish.Denied', description: 'bad token' });
    await c.closed;
    await server.close();
  });
});
