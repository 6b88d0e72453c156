// Loopback port helpers. getFreePort asks the kernel for an unused port; small race: the port is
// free when we close the probe socket, and another process could take it before the caller binds,
// so callers that can bind to port 0 themselves (our HTTP servers) should do that instead.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

export function getFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error('unexpected listen address'));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}

/**
 * Waits until something listens on 127.0.0.1:port, by reading the kernel's socket table instead
 * of connecting: a probe connection would use up a one-shot listener such as `ffmpeg -listen 1`.
 * Linux only (/proc/net/tcp).
 */
export async function waitForListening(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const portHex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (;;) {
    const table = await readFile('/proc/net/tcp', 'utf8');
    // Columns: sl local_address rem_address st ...; state 0A is LISTEN.
    const listening = table.split('\n').some((line) => {
      const columns = line.trim().split(/\s+/);
      return columns[1]?.endsWith(portHex) === true && columns[3] === '0A';
    });
    if (listening) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
