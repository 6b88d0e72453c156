import type { Server, Socket } from 'node:net';

/**
 * Caps the open connections one client address holds on a listening server: the one over the
 * cap is destroyed as it arrives (before any byte is read, before a TLS handshake), so a single
 * client cannot take every socket and file descriptor. Returns the count of open connections
 * per address, for tests and status.
 */
export function limitConnectionsPerAddress(server: Server, max: number, onRefused: (address: string) => void): Map<string, number> {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = open.get(address) ?? 0;
    if (count >= max) {
      onRefused(address);
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
  return open;
}
