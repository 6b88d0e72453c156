/**
 * DASH @frameRate is FrameRateType, an integer or a ratio `N/D` (ISO 23009-1 §5.3.12), never a
 * decimal. NTSC rates (29.97, 59.94, 23.976) become `30000/1001` and the like; anything else is
 * expressed in thousandths and reduced.
 */
export function dashFrameRate(fps: number): string | undefined {
  if (!(fps > 0) || !Number.isFinite(fps)) return undefined;
  if (Math.abs(fps - Math.round(fps)) < 1e-6) return String(Math.round(fps));
  const ntsc = (fps * 1001) / 1000;
  if (Math.abs(ntsc - Math.round(ntsc)) < 1e-3) return `${Math.round(ntsc) * 1000}/1001`;
  const num = Math.round(fps * 1000);
  const g = gcd(num, 1000);
  return `${num / g}/${1000 / g}`;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
