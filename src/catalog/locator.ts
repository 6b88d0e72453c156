export interface Locator {
  /** A UUID: it is the secret part of every playback URL. */
  id: string;
  assetName: string;
  /** ISO 8601 timestamps; outside [startTime, expiryTime) the locator serves nothing. */
  startTime: string;
  expiryTime: string;
  /** Asset filters applied to every manifest of this locator, before any the URL adds. */
  filters: string[];
  created: string;
}

export interface NewLocator {
  assetName: string;
  id?: string;
  startTime?: string;
  expiryTime?: string;
  filters?: string[];
}

/** "Never expires" without a null that every reader would have to handle. */
export const FAR_FUTURE = '9999-12-31T23:59:59.999Z';

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** True when `now` lies inside the locator's validity. */
export function isLocatorActive(locator: Locator, now: Date): boolean {
  const t = now.getTime();
  return Date.parse(locator.startTime) <= t && t < Date.parse(locator.expiryTime);
}
