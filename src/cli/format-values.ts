/** Small renderings of API values for tables and detail blocks. */

/** `-` for anything missing, so table columns never collapse. */
export function text(value: unknown): string {
  if (value === undefined || value === null || value === '') return '-';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** 3725000 → `1h 2m 5s`; under a minute keeps tenths: `4.5s`. */
export function formatDuration(ms: unknown): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '-';
  if (ms < 60_000) return `${Math.round(ms / 100) / 10}s`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h ? `${h}h` : '', h || m ? `${m}m` : '', `${s}s`].filter(Boolean).join(' ');
}

/** 1536 → `1.5 KiB`. */
export function formatBytes(bytes: unknown): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '-';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** 3000000 → `3000 kbps`. */
export function formatBitrate(bps: unknown): string {
  return typeof bps === 'number' ? `${Math.round(bps / 1000)} kbps` : '-';
}

/** An ipAllow list as `10.0.0.0/8, 192.0.2.7`; absent means every address may connect. */
export function formatIpAllow(ranges: unknown): string {
  if (!Array.isArray(ranges)) return 'any address';
  if (ranges.length === 0) return 'no address';
  return ranges
    .map((r: { name?: string; address?: string; prefixLength?: number }) => {
      const cidr = r.prefixLength === undefined ? String(r.address) : `${r.address}/${r.prefixLength}`;
      return r.name ? `${cidr} (${r.name})` : cidr;
    })
    .join(', ');
}

/** `scaleUnits` → `Scale units`, for fields the CLI has no label for. */
export function labelFor(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
