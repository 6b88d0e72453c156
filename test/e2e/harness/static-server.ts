// A small loopback HTTP server for tests: serves a directory and/or a fixed map of files, plus
// in-code routes, always with permissive CORS because the player page lives on another origin
// than the media. Files are read on each request since live muxers keep rewriting them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface StaticServerOptions {
  /** Directory served for any path not matched by files or routes. */
  root?: string;
  /** Exact URL path → absolute file path (e.g. a player build inside node_modules). */
  files?: Record<string, string>;
  /** Exact URL path → handler (e.g. '/time'). */
  routes?: Record<string, RouteHandler>;
}

export interface StaticServer {
  readonly origin: string;
  readonly port: number;
  url(path: string): string;
  /** The newest requests as "GET /path status", for failure messages. */
  recentRequests(): string[];
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.mpd': 'application/dash+xml',
  '.ts': 'video/mp2t',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.vtt': 'text/vtt',
};

const LOG_LIMIT = 300;

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const log: string[] = [];
  const root = options.root === undefined ? undefined : resolve(options.root);

  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    res.on('finish', () => {
      log.push(`${req.method} ${path} ${res.statusCode}`);
      if (log.length > LOG_LIMIT) log.shift();
    });
    setCors(res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const route = options.routes?.[path];
    if (route !== undefined) {
      route(req, res);
      return;
    }
    const file = options.files?.[path] ?? (root === undefined ? undefined : insideRoot(root, path));
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    void sendFile(req, res, file);
  });

  const port = await listen(server);
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (path) => `${origin}${path.startsWith('/') ? '' : '/'}${path}`,
    recentRequests: () => [...log],
    close: () => closeServer(server),
  };
}

/** GET /time for DASH UTCTiming (http-xsdate / http-iso): the current time as ISO 8601 with ms. */
export const isoTimeRoute: RouteHandler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
  res.end(new Date().toISOString());
};

function setCors(res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-allow-methods', 'GET, HEAD, OPTIONS');
  res.setHeader('access-control-allow-headers', '*');
  res.setHeader('access-control-expose-headers', '*');
}

/** Maps a URL path into root, refusing anything that escapes it. */
function insideRoot(root: string, path: string): string | undefined {
  const file = resolve(join(root, path));
  return file === root || file.startsWith(root + sep) ? file : undefined;
}

async function sendFile(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    // Missing files and directories alike; a live window may have just deleted a segment.
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.length,
    // Live playlists change every segment; players must never see a cached copy.
    'cache-control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('unexpected listen address'));
      else resolvePort(address.port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    // Players keep connections alive; without this close() would wait for them to time out.
    server.closeAllConnections();
    server.close(() => resolveClose());
  });
}
