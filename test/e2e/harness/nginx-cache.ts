// nginx (Debian's nginx-light) as a CDN edge in front of the origin, on loopback: proxy_cache
// that obeys the origin's Cache-Control, collapses concurrent misses (proxy_cache_lock) and
// revalidates with the origin's ETags. Its access log says, per request, whether the origin
// was asked: $upstream_addr is "-" when the cache answered alone.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getFreePort, waitForListening } from './free-port.js';
import { spawnManaged, type ManagedProcess } from './process.js';

export const NGINX = process.env.TRIBUTARY_NGINX ?? '/usr/sbin/nginx';

export function nginxMissing(): string | false {
  return existsSync(NGINX) ? false : `${NGINX} is not installed (scripts/test-all.sh installs nginx-light)`;
}

export interface NginxCache {
  process: ManagedProcess;
  /** http://127.0.0.1:<port>: the edge, to put in front of origin paths. */
  base: string;
  /** Requests the edge has logged, each with whether it went to the origin. */
  requests(): { uri: string; cacheStatus: string; toOrigin: boolean }[];
}

export async function startNginxCache(dir: string, originPort: number): Promise<NginxCache> {
  const port = await getFreePort();
  // Started as root, nginx runs its workers as an unprivileged user: they must reach the cache.
  chmodSync(dir, 0o755);
  for (const d of ['cache', 'client', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(join(dir, d), { recursive: true });
    chmodSync(join(dir, d), 0o777);
  }
  const log = join(dir, 'access.log');
  writeFileSync(join(dir, 'nginx.conf'), `
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 2048; }
http {
  log_format edge '$upstream_cache_status|$upstream_addr|$request_uri';
  access_log ${log} edge;
  client_body_temp_path ${join(dir, 'client')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  proxy_cache_path ${join(dir, 'cache')} levels=1:2 keys_zone=edge:10m max_size=1g inactive=10m use_temp_path=off;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://127.0.0.1:${originPort};
      proxy_http_version 1.1;
      proxy_cache edge;
      proxy_cache_lock on;
      proxy_cache_lock_timeout 10s;
      proxy_cache_use_stale updating;
      proxy_cache_revalidate on;
    }
  }
}
`);
  const proc = spawnManaged(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { name: 'nginx edge', maxLifetimeMs: 10 * 60_000 });
  await waitForListening(port);
  return {
    process: proc,
    base: `http://127.0.0.1:${port}`,
    requests() {
      if (!existsSync(log)) return [];
      return readFileSync(log, 'utf8').split('\n').filter((l) => l !== '').map((l) => {
        const [cacheStatus, upstream, uri] = l.split('|');
        return { uri, cacheStatus, toOrigin: upstream !== '-' && upstream !== '' };
      });
    },
  };
}
