import type { Catalog } from '../../catalog/catalog.js';
import type { Locator } from '../../catalog/locator.js';
import { manifestPath, type Format } from '../../packaging/playback-path.js';

const URL_FORMATS: Record<string, Format> = {
  smooth: 'smooth',
  hls: 'm3u8-aapl',
  hlsV3: 'm3u8-aapl-v3',
  hlsCmaf: 'm3u8-cmaf',
  dash: 'mpd-time-csf',
  dashCmaf: 'mpd-time-cmaf',
  hds: 'f4m-f4f',
};

/** The locator plus its playback URLs on the default streaming endpoint. */
export function presentLocator(locator: Locator, catalog: Catalog, playbackBaseUrl: string) {
  // The program decides the manifest name; the asset keeps a copy for when the program is gone.
  const manifestName = catalog.getProgramByAsset(locator.assetName)?.manifestName ?? catalog.getAsset(locator.assetName)?.manifestName ?? locator.assetName;
  const base = `${playbackBaseUrl.replace(/\/+$/, '')}/${locator.id}/${manifestName}.ism/`;
  const urls = Object.fromEntries(Object.entries(URL_FORMATS).map(([key, format]) => [key, base + manifestPath(format)]));
  return { ...locator, urls };
}
