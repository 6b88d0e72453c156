import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IpRange } from '../../catalog/ip-range.js';
import type { Clock } from '../../model/time.js';
import { renderMpd } from '../../packaging/dash/mpd.js';
import { applyFilters, selectTracks } from '../../packaging/filters/apply-filters.js';
import { renderF4m } from '../../packaging/hds/f4m-manifest.js';
import { parseHdsPath, type HdsRequest } from '../../packaging/hds/hds-path.js';
import { findTrack } from '../../packaging/hls/find-track.js';
import type { HlsFormat } from '../../packaging/hls/hls-format.js';
import { renderMediaPlaylist } from '../../packaging/hls/media-playlist.js';
import { renderMultivariantPlaylist } from '../../packaging/hls/multivariant-playlist.js';
import { parsePlaybackPath, type Format, type PlaybackRequest } from '../../packaging/playback-path.js';
import { resolveSmoothFragment } from '../../packaging/smooth/resolve-smooth-fragment.js';
import { smoothFragment } from '../../packaging/smooth/smooth-fragment.js';
import { renderSmoothManifest, SMOOTH_LOOKAHEAD } from '../../packaging/smooth/smooth-manifest.js';
import type { FragmentStore } from '../../store/fragment-store.js';
import { endpointIpGuard, refuseUnlessAllowed, setCorsHeaders, type EndpointSource } from './endpoint-access.js';
import { BOOTSTRAP_TYPE, F4F_TYPE, hdsBootstrapBody, hdsFragmentBody } from './hds-responder.js';
import { ManifestCache } from './manifest-cache.js';
import { sourceFilters } from './source-filters.js';
import { fragmentWallClockMs } from './fragment-wall-clock.js';
import type { PlaybackResolver, PlaybackSource, Resolved } from './playback-source.js';
import { segmentBody } from './segment-responder.js';
import { sendManifest, sendPlaybackBytes } from './send-playback.js';
import { checkToken, SIGNED_PREFIX } from './url-signature.js';
import { sendProblem, toProblem } from '../problem.js';
import { TributaryError } from '../../util/errors.js';
import { holdForSuccessor } from './smooth-successor-hold.js';

export interface OriginOptions {
  resolver: PlaybackResolver;
  store: FragmentStore;
  clock: Clock;
  /** The streaming endpoint this app serves: its ipAllow, cors and cross-site policy files. */
  endpoint?: EndpointSource;
  /** A channel's preview.ipAllow (undefined: allow all). */
  previewAllow?: (channel: string) => IpRange[] | undefined;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const HLS_TYPE = 'application/vnd.apple.mpegurl';
const DASH_TYPE = 'application/dash+xml';
const SMOOTH_TYPE = 'application/vnd.ms-sstr+xml';
const F4M_TYPE = 'application/f4m+xml';
const SUPPORTED: readonly Format[] = ['m3u8-aapl', 'm3u8-aapl-v3', 'm3u8-cmaf', 'mpd-time-csf', 'mpd-time-cmaf', 'f4m-f4f', 'smooth'];

/**
 * The streaming endpoint: playback URLs of CONTRACT §4, packaged on request from the stored
 * fragments. Unknown locators, manifests, tracks or times are 404, never 500.
 */
export function registerOrigin(app: FastifyInstance, o: OriginOptions): void {
  const cache = new ManifestCache();

  const endpoint: EndpointSource = o.endpoint ?? (() => undefined);
  // The API shares the main port and has its own rules (bearer key, no CORS).
  app.addHook('onSend', async (request, reply) => {
    if (!request.url.startsWith('/api/')) setCorsHeaders(request, reply, endpoint());
  });
  // Route-level, so that only playback is filtered by ipAllow: never the API or ingest.
  const onRequest = endpointIpGuard(endpoint);

  // DASH UTCTiming (urn:mpeg:dash:utc:http-iso:2014): players sync their clock to ours.
  app.get('/time', { onRequest }, async (_req, reply) => {
    reply.header('cache-control', 'no-store').type('text/plain').send(new Date(o.clock.now()).toISOString());
  });

  // Silverlight and Flash players ask the endpoint for these before playing cross-site.
  for (const [path, key] of [['/clientaccesspolicy.xml', 'clientAccessPolicy'], ['/crossdomain.xml', 'crossDomainPolicy']] as const) {
    app.get(path, { onRequest }, async (_req, reply) => {
      const text = endpoint()?.crossSiteAccessPolicies?.[key];
      if (text === undefined) return notFound(reply, `this streaming endpoint has no ${path.slice(1)}`);
      reply.header('cache-control', 'public, max-age=60').type('text/xml; charset=utf-8').send(text);
    });
  }

  app.get<{ Params: { channel: string; '*': string } }>('/preview/:channel/preview.ism/*', { onRequest }, async (req, reply) => {
    if (refuseUnlessAllowed(req, reply, o.previewAllow?.(req.params.channel), `the preview of channel "${req.params.channel}"`)) return reply;
    const resolve = () => o.resolver.preview(req.params.channel);
    await serve(req, reply, req.params['*'], await resolve(), utcTimingFor(req.headers.host), resolve);
  });

  app.get<{ Params: { locator: string; ism: string; '*': string } }>('/:locator/:ism/*', { onRequest }, async (req, reply) => {
    const e = endpoint();
    if (e?.urlSigning) return refuse(reply, `streaming endpoint "${e.name}" serves signed URLs only (${SIGNED_PREFIX}{token}/{locatorId}/…)`);
    await serveLocator(req, reply, req.params.locator, req.params.ism, req.params['*']);
  });

  // Signed URLs (url-signature.ts): the token is a path segment, so relative URLs carry it on.
  app.get<{ Params: { token: string; locator: string; ism: string; '*': string } }>(`${SIGNED_PREFIX}:token/:locator/:ism/*`, { onRequest }, async (req, reply) => {
    const keys = endpoint()?.urlSigning?.keys;
    if (!keys) return notFound(reply, 'this streaming endpoint does not serve signed URLs');
    const check = checkToken(req.params.token, req.params.locator, keys, o.clock.now());
    if (!check.ok) return refuse(reply, check.reason);
    await serveLocator(req, reply, req.params.locator, req.params.ism, req.params['*']);
  });

  async function serveLocator(req: FastifyRequest, reply: FastifyReply, locator: string, ism: string, path: string): Promise<void> {
    const m = /^([A-Za-z0-9_.-]{1,64})\.ism$/i.exec(ism);
    if (!m) return notFound(reply, 'not a playback URL');
    const resolve = () => o.resolver.byLocator(locator, m[1]);
    await serve(req, reply, path, await resolve(), utcTimingFor(req.headers.host), resolve);
  }

  async function serve(
    req: FastifyRequest,
    reply: FastifyReply,
    path: string,
    resolved: Resolved,
    utcTiming: { scheme: string; value: string }[],
    resolveAgain: () => Promise<Resolved>,
  ): Promise<void> {
    if (!resolved.ok) return notFound(reply, resolved.reason);
    const hds = parseHdsPath(path);
    if (hds) return serveHds(req, reply, resolved.source, hds, path);
    const parsed = parsePlaybackPath(path);
    if (!parsed.ok) return notFound(reply, parsed.reason);
    const r = parsed.request;
    if (!SUPPORTED.includes(r.options.format)) return notFound(reply, `format ${r.options.format} is not available`);
    const source = resolved.source;
    if (r.options.format === 'smooth' && r.kind !== 'manifest') {
      if (r.kind !== 'segment') return notFound(reply, 'Smooth Streaming has no playlists or init segments');
      return serveSmoothFragment(req, reply, source, r, resolveAgain, path);
    }
    if (r.options.format === 'f4m-f4f' && r.kind !== 'manifest') return notFound(reply, 'HDS has no playlists or init segments');
    if (r.kind === 'manifest' || r.kind === 'playlist') return serveManifest(req, reply, source, r, utcTiming);
    // Segments are immutable: what the URL names within this scope and time line never changes.
    const identity = `${source.cacheScope}|${source.presentation.availabilityStartTime}|${path}`;
    const pt = findTrack(source.presentation, r.trackId);
    if (!pt || pt.track.bitrate !== r.bitrate) return notFound(reply, 'unknown track');
    const ts = r.options.format === 'm3u8-aapl' || r.options.format === 'm3u8-aapl-v3';
    if (r.kind === 'init') {
      if (ts || !pt.versions.has(r.trackVersion)) return notFound(reply, 'unknown init segment');
      const bytes = await o.store.getInit({ namespace: source.namespace, trackId: r.trackId, version: r.trackVersion });
      if (!bytes) return notFound(reply, 'unknown init segment');
      return sendPlaybackBytes(req, reply, { bytes, type: pt.track.type === 'video' ? 'video/mp4' : 'audio/mp4', cacheControl: IMMUTABLE, identity });
    }
    let pairWithin = source.presentation;
    if (ts) {
      const f = sourceFilters(source, r.options.filters);
      if (!f.ok) return notFound(reply, f.reason);
      pairWithin = selectTracks(source.presentation, f.filters);
    }
    const seg = await segmentBody(o.store, source, r.trackId, r.decodeTime, ts, pairWithin);
    if (!seg) return notFound(reply, 'unknown fragment');
    const lastModifiedMs = fragmentWallClockMs(source.presentation, pt, r.decodeTime);
    return sendPlaybackBytes(req, reply, { bytes: seg.body, type: seg.contentType, cacheControl: IMMUTABLE, identity, lastModifiedMs });
  }

  /**
   * A Smooth fragment is the stored CMAF fragment rewritten with tfxd and, for a live player,
   * tfrf announcing its successors (MS-SSTR §2.2.4.5). The newest live fragment is held until a
   * successor exists, so that its tfrf is never empty (smooth-successor-hold.ts: dash.js's
   * timeline would end there). One whose tfrf is not yet full may still change, so only a
   * complete one is immutable.
   */
  async function serveSmoothFragment(
    req: FastifyRequest,
    reply: FastifyReply,
    first: PlaybackSource,
    r: Extract<PlaybackRequest, { kind: 'segment' }>,
    resolveAgain: () => Promise<Resolved>,
    path: string,
  ): Promise<void> {
    const locate = (source: PlaybackSource) => {
      const target = resolveSmoothFragment(source.presentation, r.bitrate, r.trackId, r.decodeTime);
      return target && { source, target };
    };
    const found = await holdForSuccessor({
      initial: locate(first),
      ready: (f) => !f || f.source.presentation.ended || f.target.lookahead.length > 0,
      refresh: async () => {
        const again = await resolveAgain();
        return again.ok ? locate(again.source) : undefined;
      },
      // About one fragment and a half: a successor normally arrives within one fragment duration.
      maxWaitMs: Math.round(first.presentation.targetSegmentMs * 1.5),
    });
    if (!found) return notFound(reply, 'unknown fragment');
    const { source, target } = found;
    const cmaf = await o.store.getFragment({ namespace: source.namespace, trackId: target.presentationTrack.track.id, decodeTime: target.entry.decodeTime });
    if (!cmaf) return notFound(reply, 'unknown fragment');
    const body = smoothFragment({ ...target, cmaf, moofOnly: r.info === true });
    const complete = source.presentation.ended || target.lookahead.length === SMOOTH_LOOKAHEAD;
    sendPlaybackBytes(req, reply, {
      bytes: body,
      type: target.presentationTrack.track.type === 'video' ? 'video/mp4' : 'audio/mp4',
      cacheControl: complete ? IMMUTABLE : 'public, max-age=1',
      // tfrf grows until the look-ahead is full: the successors it names are part of what it is.
      identity: `${source.cacheScope}|${source.presentation.availabilityStartTime}|${path}|${complete ? 'complete' : target.lookahead.map((l) => l.time).join(',')}`,
      lastModifiedMs: fragmentWallClockMs(source.presentation, target.presentationTrack, target.entry.decodeTime),
    });
  }

  /**
   * An HDS fragment is immutable. A live bootstrap is polled like a manifest, so it is cached
   * like one: rendered once per presentation version (as latin1 text, the cache holds strings).
   */
  async function serveHds(req: FastifyRequest, reply: FastifyReply, source: PlaybackSource, r: HdsRequest, path: string): Promise<void> {
    const f = sourceFilters(source, r.filters);
    if (!f.ok) return notFound(reply, f.reason);
    if (r.kind === 'fragment') {
      const body = await hdsFragmentBody(o.store, source, r, selectTracks(source.presentation, f.filters));
      if (!body) return notFound(reply, 'unknown HDS fragment');
      const identity = `${source.cacheScope}|${source.presentation.availabilityStartTime}|${path}`;
      return sendPlaybackBytes(req, reply, { bytes: body, type: F4F_TYPE, cacheControl: IMMUTABLE, identity });
    }
    const p = source.presentation;
    const key = `${source.cacheScope}|${p.version}|${p.ended}|hds-bootstrap|${r.bitrate}|${r.trackId}|${f.cacheKey}`;
    let reason = 'unknown HDS bootstrap';
    const boot = cache.get(key, () => {
      const filtered = applyFilters(p, f.filters);
      if (!filtered.ok) return void (reason = filtered.reason);
      const bytes = hdsBootstrapBody(filtered.presentation, r);
      return bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    });
    if (boot === undefined) return notFound(reply, reason);
    sendManifest(req, reply, boot, { type: BOOTSTRAP_TYPE, cacheControl: manifestCacheControl(p), lastModifiedMs: p.snapshotTime, settled: p.ended });
  }

  function serveManifest(req: FastifyRequest, reply: FastifyReply, source: PlaybackSource, r: PlaybackRequest, utcTiming: { scheme: string; value: string }[]): void {
    const f = sourceFilters(source, r.options.filters);
    if (!f.ok) return notFound(reply, f.reason);
    const p = source.presentation;
    const format = r.options.format;
    const urlFilters = r.options.filters;
    const key = `${source.cacheScope}|${p.version}|${p.ended}|${r.kind}|${format}|${r.kind === 'playlist' ? r.trackId : ''}|${r.options.audioOnly}|${utcTiming[0]?.value}|${urlFilters.join(';')}|${f.cacheKey}`;
    const dash = format === 'mpd-time-csf' || format === 'mpd-time-cmaf';
    const smooth = format === 'smooth';
    const f4m = format === 'f4m-f4f';
    let reason = p.tracks.length === 0 ? 'nothing has been ingested yet' : 'unknown track';
    const manifest = cache.get(key, () => {
      const filtered = applyFilters(source.presentation, f.filters);
      if (!filtered.ok) return void (reason = filtered.reason);
      const p = filtered.presentation;
      if (f4m) return renderF4m(p, urlFilters);
      if (smooth) {
        // Live fragments are announced only once they have successors (tfrf), so the first
        // seconds of a channel have no StreamIndex yet: not found rather than an empty manifest.
        const manifest = renderSmoothManifest(p);
        return manifest.includes('<StreamIndex') ? manifest : undefined;
      }
      if (r.kind === 'playlist') {
        const pt = findTrack(p, r.trackId);
        if (!pt || pt.track.bitrate !== r.bitrate || dash) return undefined;
        return renderMediaPlaylist(p, r.trackId, format as HlsFormat, urlFilters);
      }
      if (p.tracks.length === 0) return undefined;
      if (dash) return renderMpd(p, { format, utcTiming });
      return renderMultivariantPlaylist(p, format as HlsFormat, { audioOnlyVariant: r.options.audioOnly, filters: urlFilters, firstBitrate: filtered.firstBitrate });
    });
    if (manifest === undefined) return notFound(reply, reason);
    const type = smooth ? SMOOTH_TYPE : f4m ? F4M_TYPE : dash ? DASH_TYPE : HLS_TYPE;
    sendManifest(req, reply, manifest, { type, cacheControl: manifestCacheControl(p), lastModifiedMs: p.snapshotTime, settled: p.ended });
  }
}

/** A live manifest may be cached for at most half a segment (CONTRACT §4); an ended one for a minute. */
function manifestCacheControl(p: { ended: boolean; targetSegmentMs: number }): string {
  return `public, max-age=${p.ended ? 60 : Math.max(1, Math.floor(p.targetSegmentMs / 2000))}`;
}

function refuse(reply: FastifyReply, reason: string): void {
  sendProblem(reply.header('cache-control', 'no-store'), toProblem(new TributaryError('ERR_URL_SIGNATURE', reason)));
}

function notFound(reply: FastifyReply, reason: string): void {
  reply
    .code(404)
    .header('cache-control', 'no-store')
    .type('application/problem+json')
    .send({ type: 'about:blank', title: 'Not Found', status: 404, detail: reason, code: 'ERR_NOT_FOUND' });
}

/**
 * dash.js must not fall back to a time server on the internet: give it ours, by absolute URL
 * (UTCTiming values are not resolved against the MPD), and the wall clock itself as a fallback.
 */
function utcTimingFor(host: string | undefined): { scheme: string; value: string }[] {
  const safeHost = host && /^[A-Za-z0-9.:[\]-]{1,255}$/.test(host) ? host : undefined;
  return safeHost ? [{ scheme: 'urn:mpeg:dash:utc:http-iso:2014', value: `http://${safeHost}/time` }] : [];
}
