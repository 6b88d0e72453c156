import { sameSecret } from '../util/same-secret.js';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.js';
import type { SmoothResolveResult } from '../ingest/smooth/handle-smooth-post.js';
import type { LiveRegistry } from '../live/live-registry.js';
import { isIpAllowed } from '../util/ip-cidr.js';

/**
 * Decides whether a Smooth ingest POST may publish (CONTRACT §3): the channel must exist with
 * protocol fmp4 (404 otherwise), the token must match (403, compared in constant time), the
 * encoder's address must be in the channel's input.ipAllow (403), and the channel must be
 * Running (409).
 */
export function smoothIngestResolver(catalog: Catalog, registry: LiveRegistry, log: Logger) {
  return (channelName: string, token: string, streamName: string, secondary: boolean, remoteAddress: string): SmoothResolveResult => {
    const channel = catalog.getChannel(channelName);
    if (!channel || channel.input.protocol !== 'fmp4') return refuse(log, 404, `no fmp4 channel named "${channelName}"`);
    if (!sameSecret(token, channel.input.accessToken)) return refuse(log, 403, 'wrong access token');
    if (!isIpAllowed(remoteAddress, channel.input.ipAllow)) return refuse(log, 403, `address ${remoteAddress} is not in the input.ipAllow of channel ${channel.name}`);
    const live = registry.channel(channel.name);
    if (channel.state !== 'Running' || !live) return refuse(log, 409, `channel ${channel.name} is not running`);
    const streamLog = log.child({ channel: channel.name, stream: streamName, role: secondary ? 'secondary' : 'primary' });
    streamLog.info('Smooth ingest accepted');
    return { ok: true, target: live, log: streamLog };
  };
}

function refuse(log: Logger, status: 403 | 404 | 409, reason: string): SmoothResolveResult {
  log.warn({ status, reason }, 'Smooth ingest refused');
  return { ok: false, status, reason };
}
