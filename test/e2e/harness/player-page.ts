// The page the browser loads: a muted autoplaying <video>, one player build, and a runner that
// exposes window.__harness.start(config) / .snapshot() / .forceOtherLevel() for the Node side to
// drive with page.evaluate. The runner is browser JavaScript kept as a string because this
// project compiles without DOM typings; it avoids template literals so it can live in one here.
import { join } from 'node:path';
import { findRepoRoot } from './repo-root.js';

/** 'dash.js-mss' is dash.js with its Smooth Streaming (MSS) support loaded; give it a `.ism/manifest` URL. */
export type PlayerName = 'hls.js' | 'dash.js' | 'shaka' | 'dash.js-mss';

export const PLAYER_NAMES: readonly PlayerName[] = ['hls.js', 'dash.js', 'shaka', 'dash.js-mss'];

/** Player builds inside node_modules, by URL path the page loads them from. */
export function playerLibraryFiles(): Record<string, string> {
  const modules = join(findRepoRoot(), 'node_modules');
  return {
    '/lib/hls.min.js': join(modules, 'hls.js', 'dist', 'hls.min.js'),
    '/lib/dash.all.min.js': join(modules, 'dashjs', 'dist', 'modern', 'umd', 'dash.all.min.js'),
    '/lib/dash.mss.min.js': join(modules, 'dashjs', 'dist', 'modern', 'umd', 'dash.mss.min.js'),
    '/lib/shaka-player.compiled.js': join(modules, 'shaka-player', 'dist', 'shaka-player.compiled.js'),
  };
}

/** Scripts each player page loads, in order. */
const LIBRARIES_FOR: Record<PlayerName, string[]> = {
  'hls.js': ['/lib/hls.min.js'],
  'dash.js': ['/lib/dash.all.min.js'],
  shaka: ['/lib/shaka-player.compiled.js'],
  // dash.mss.min.js adds dashjs.MssHandler, which MediaPlayer picks up when it is created.
  'dash.js-mss': ['/lib/dash.all.min.js', '/lib/dash.mss.min.js'],
};

export function playerPageHtml(player: PlayerName): string {
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><title>tributary e2e</title>',
    '<link rel="icon" href="data:,">',
    '</head><body>',
    '<video id="video" muted autoplay playsinline width="640" height="360"></video>',
    ...LIBRARIES_FOR[player].map((src) => `<script src="${src}"></script>`),
    '<script src="/runner.js"></script>',
    '</body></html>',
  ].join('\n');
}

export const RUNNER_JS = String.raw`
(function () {
  'use strict';
  var video = document.getElementById('video');
  video.muted = true;
  var state = {
    playerName: null, playing: false, fatalErrors: [], warnings: [],
    levelsSeen: [], levelCount: 0, forcedLevel: null, forcedHeight: null, levelSwitched: false
  };
  var adapter = {
    latency: function () { return undefined; },
    currentLevel: function () { return undefined; },
    forceOtherLevel: function () { return impossible('not supported for this player'); }
  };
  // forceOtherLevel answers one of: {status:'forced', from, to}, {status:'wait'} (ask again on the
  // next poll) or {status:'impossible', reason}.
  function forced(from, to) { return { status: 'forced', from: from === undefined ? null : from, to: to }; }
  function impossible(reason) { return { status: 'impossible', reason: reason }; }

  function text(value) {
    try { return typeof value === 'string' ? value : JSON.stringify(value); } catch (e) { return String(value); }
  }
  function push(list, message) { if (list.length < 100) list.push(String(message).slice(0, 500)); }
  function fatal(message) { push(state.fatalErrors, message); }
  function warn(message) { push(state.warnings, message); }
  function sawLevel(level) {
    state.levelsSeen.push(level);
    if (state.forcedLevel !== null && state.forcedHeight === null && level === state.forcedLevel) state.levelSwitched = true;
  }
  function play() {
    var p = video.play();
    if (p && p.catch) p.catch(function (e) { warn('video.play(): ' + e.message); });
  }

  video.addEventListener('playing', function () { state.playing = true; });
  video.addEventListener('error', function () {
    var e = video.error;
    fatal('video element error ' + (e ? e.code + ' ' + e.message : 'unknown'));
  });

  function startHls(config) {
    if (!Hls.isSupported()) { fatal('hls.js: Media Source Extensions not supported'); return; }
    var hls = new Hls(Object.assign({ lowLatencyMode: true }, config.playerConfig || {}));
    window.__player = hls;
    hls.on(Hls.Events.ERROR, function (_event, data) {
      var message = 'hls.js ' + data.type + '/' + data.details +
        (data.response && data.response.code !== undefined ? ' HTTP ' + data.response.code : '') +
        (data.url ? ' ' + data.url : (data.frag && data.frag.url ? ' ' + data.frag.url : '')) +
        (data.reason ? ' ' + data.reason : '') + (data.error ? ' ' + data.error.message : '');
      if (data.fatal) fatal(message); else warn(message);
    });
    hls.on(Hls.Events.MANIFEST_PARSED, function (_event, data) {
      state.levelCount = data.levels.length;
      play();
    });
    hls.on(Hls.Events.LEVEL_SWITCHED, function (_event, data) { sawLevel(data.level); });
    adapter.latency = function () { return hls.latency; };
    adapter.currentLevel = function () { return hls.currentLevel; };
    adapter.forceOtherLevel = function () {
      if (hls.levels.length < 2) return impossible('only ' + hls.levels.length + ' level(s)');
      // Until the first LEVEL_SWITCHED the playing level is unknown, and "another level" could be the same one.
      if (state.levelsSeen.length === 0) return { status: 'wait' };
      var current = state.levelsSeen[state.levelsSeen.length - 1];
      var target = current === 0 ? hls.levels.length - 1 : 0;
      state.forcedLevel = target;
      hls.currentLevel = target;
      return forced(current, target);
    };
    hls.loadSource(config.url);
    hls.attachMedia(video);
  }

  function startDash(config) {
    var player = dashjs.MediaPlayer().create();
    window.__player = player;
    if (config.utcTimingUrl) {
      player.updateSettings({ streaming: { utcSynchronization: { defaultTimingSource: {
        scheme: 'urn:mpeg:dash:utc:http-iso:2014', value: config.utcTimingUrl } } } });
    }
    if (config.playerConfig) player.updateSettings(config.playerConfig);
    var events = dashjs.MediaPlayer.events;
    player.on(events.ERROR, function (e) { fatal('dash.js error ' + text(e.error)); });
    player.on(events.PLAYBACK_ERROR, function (e) { fatal('dash.js playback error ' + text(e.error)); });
    player.on(events.QUALITY_CHANGE_RENDERED, function (e) {
      if (e.mediaType === 'video' && e.newRepresentation) sawLevel(e.newRepresentation.id);
    });
    player.on(events.STREAM_INITIALIZED, function () {
      state.levelCount = player.getRepresentationsByType('video').length;
    });
    adapter.latency = function () { return player.getCurrentLiveLatency(); };
    adapter.currentLevel = function () {
      var r = player.getCurrentRepresentationForType('video');
      return r ? r.id : undefined;
    };
    adapter.forceOtherLevel = function () {
      var reps = player.getRepresentationsByType('video');
      if (reps.length < 2) return impossible('only ' + reps.length + ' representation(s)');
      var current = player.getCurrentRepresentationForType('video');
      if (!current) return { status: 'wait' };
      var target = reps[0].id === current.id ? reps[reps.length - 1] : reps[0];
      state.forcedLevel = target.id;
      player.updateSettings({ streaming: { abr: { autoSwitchBitrate: { video: false } } } });
      // No forced buffer replacement: the switch lands at the next segment without a stall.
      player.setRepresentationForTypeById('video', target.id, false);
      return forced(current.id, target.id);
    };
    player.initialize(video, config.url, true);
  }

  function startShaka(config) {
    shaka.polyfill.installAll();
    if (!shaka.Player.isBrowserSupported()) { fatal('shaka: browser not supported'); return; }
    var player = new shaka.Player();
    window.__player = player;
    function describe(e) {
      return 'shaka error severity=' + e.severity + ' category=' + e.category + ' code=' + e.code +
        ' data=' + text(e.data).slice(0, 300);
    }
    // Every shaka 'error' event counts, recoverable ones included: against a healthy origin none should occur.
    player.addEventListener('error', function (event) { fatal(describe(event.detail)); });
    player.addEventListener('variantchanged', function () { sawLevel(adapter.currentLevel()); });
    player.addEventListener('adaptation', function () { sawLevel(adapter.currentLevel()); });
    // Shaka's events fire when a variant is chosen, not when it is shown, so a forced switch counts
    // only once the decoded picture has the forced variant's height.
    video.addEventListener('resize', function () {
      if (state.forcedHeight !== null && video.videoHeight === state.forcedHeight) state.levelSwitched = true;
    });
    adapter.latency = function () { return player.getStats().liveLatency; };
    adapter.currentLevel = function () {
      var active = player.getVariantTracks().filter(function (t) { return t.active; })[0];
      return active ? active.id : undefined;
    };
    adapter.forceOtherLevel = function () {
      var tracks = player.getVariantTracks();
      var active = tracks.filter(function (t) { return t.active; })[0];
      if (!active) return { status: 'wait' };
      // Prefer a different picture size: variants differing only in audio would not show a switch.
      var others = tracks.filter(function (t) { return t.id !== active.id; });
      var target = others.filter(function (t) { return t.height !== active.height; })[0] || others[0];
      if (!target) return impossible('only ' + tracks.length + ' variant(s)');
      state.forcedLevel = target.id;
      state.forcedHeight = target.height;
      player.configure({ abr: { enabled: false } });
      // Keep what is buffered: clearing it made Chromium drop most frames around the switch.
      player.selectVariantTrack(target, false);
      return forced(active.id, target.id);
    };
    player.attach(video).then(function () {
      if (config.playerConfig) player.configure(config.playerConfig);
      return player.load(config.url);
    }).then(function () {
      state.levelCount = player.getVariantTracks().length;
      play();
    }).catch(function (e) { fatal('shaka load failed: ' + (e && e.code !== undefined ? describe(e) : text(e && e.message))); });
  }

  window.__harness = {
    start: function (config) {
      state.playerName = config.player;
      try {
        if (config.player === 'hls.js') startHls(config);
        else if (config.player === 'dash.js' || config.player === 'dash.js-mss') startDash(config);
        else if (config.player === 'shaka') startShaka(config);
        else fatal('unknown player ' + config.player);
      } catch (e) {
        fatal('start threw: ' + (e && e.stack ? e.stack : e));
      }
    },
    forceOtherLevel: function () {
      try { return adapter.forceOtherLevel(); } catch (e) { return impossible('forceOtherLevel threw: ' + e); }
    },
    seek: function (time) { video.currentTime = time; play(); return video.currentTime; },
    setRate: function (rate) { video.playbackRate = rate; return video.playbackRate; },
    snapshot: function () {
      var quality = video.getVideoPlaybackQuality();
      var latency;
      try { latency = adapter.latency(); } catch (e) { latency = undefined; }
      var level;
      try { level = adapter.currentLevel(); } catch (e) { level = undefined; }
      var bufferedEnd = video.buffered.length ? video.buffered.end(video.buffered.length - 1) : 0;
      var seekable = video.seekable.length ? { start: video.seekable.start(0), end: video.seekable.end(video.seekable.length - 1) } : null;
      return {
        currentTime: video.currentTime, paused: video.paused, readyState: video.readyState,
        ended: video.ended, duration: isFinite(video.duration) ? video.duration : null, seekable: seekable,
        playing: state.playing, bufferedEnd: bufferedEnd,
        videoWidth: video.videoWidth, videoHeight: video.videoHeight,
        totalVideoFrames: quality.totalVideoFrames, droppedVideoFrames: quality.droppedVideoFrames,
        fatalErrors: state.fatalErrors.slice(), warnings: state.warnings.slice(),
        levelsSeen: state.levelsSeen.slice(), levelCount: state.levelCount,
        forcedLevel: state.forcedLevel, levelSwitched: state.levelSwitched,
        currentLevel: level, liveLatency: typeof latency === 'number' && isFinite(latency) ? latency : null
      };
    }
  };
})();
`;
