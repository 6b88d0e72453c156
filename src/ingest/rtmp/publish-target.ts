/** Where a publish goes: the parts of a PublishRequest that come from the URL. */
export interface PublishTarget {
  app: string;
  streamName: string;
  query: string;
}

function splitQuery(s: string): [string, string] {
  const q = s.indexOf('?');
  return q < 0 ? [s, ''] : [s.slice(0, q), s.slice(q + 1)];
}

function trimSlashes(s: string): string {
  return s.replace(/^\/+|\/+$/g, '');
}

/**
 * Combines the connect `app` and the publish name the way encoders split a URL (formats.md
 * §1.5): ffmpeg gives app "live/TOKEN" and name "s" for rtmp://h/live/TOKEN/s; OBS with server
 * rtmp://h/live/TOKEN and key "s" sends the same; a key of "TOKEN/s" under app "live" is moved
 * into the app so all three agree. A query may ride on either part (both are kept, app's first);
 * an `flv:` prefix and a `.flv` suffix are dropped as ffmpeg adds them.
 */
export function resolvePublishTarget(connectApp: string, publishName: string): PublishTarget {
  const [appPath, appQuery] = splitQuery(connectApp);
  const [namePath, nameQuery] = splitQuery(publishName);
  let app = trimSlashes(appPath);
  let name = trimSlashes(namePath);
  const slash = name.lastIndexOf('/');
  if (slash >= 0) {
    app = [app, trimSlashes(name.slice(0, slash))].filter(Boolean).join('/');
    name = name.slice(slash + 1);
  }
  name = name.replace(/^flv:/i, '').replace(/\.flv$/i, '');
  return { app, streamName: name, query: [appQuery, nameQuery].filter(Boolean).join('&') };
}
