// Asks the kernel for an unused loopback port. Small race: the port is free when we close the probe
// socket, and another process could take it before the caller binds; callers that can bind to port 0
// themselves (our HTTP servers) should do that instead.
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
