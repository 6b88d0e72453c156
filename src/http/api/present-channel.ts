import type { Channel } from '../../catalog/channel.js';
import type { ApiUrls } from './api-context.js';

const trim = (base: string) => base.replace(/\/+$/, '');

/** The channel as the API shows it: the stored entity plus its ingest and preview URLs. */
export function presentChannel(channel: Channel, urls: ApiUrls) {
  const { name, input } = channel;
  const token = encodeURIComponent(input.accessToken);
  const http = trim(urls.ingestUrls.http ?? urls.playbackBaseUrl);
  const endpoints =
    input.protocol === 'rtmp'
      ? [
          { protocol: 'rtmp', url: `${trim(urls.ingestUrls.rtmpPrimary)}/live/${token}` },
          { protocol: 'rtmp', url: `${trim(urls.ingestUrls.rtmpSecondary)}/live/${token}` },
          ...[urls.ingestUrls.rtmpsPrimary, urls.ingestUrls.rtmpsSecondary].filter((u) => u !== undefined).map((u) => ({ protocol: 'rtmps', url: `${trim(u)}/live/${token}` })),
        ]
      : [
          { protocol: 'fmp4', url: `${http}/ingest/${name}/${token}/ingest.isml` },
          { protocol: 'fmp4', url: `${http}/ingest/${name}/${token}/ingest-secondary.isml` },
        ];
  return {
    ...channel,
    input: { ...input, endpoints },
    preview: { ...channel.preview, endpoints: [{ protocol: 'smooth', url: `${trim(urls.playbackBaseUrl)}/preview/${name}/preview.ism/manifest` }] },
  };
}
