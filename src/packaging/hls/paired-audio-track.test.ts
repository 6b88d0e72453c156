import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { livePresentation } from '../../../test/golden/presentation-fixtures.js';
import { findTrack } from './find-track.js';
import { pairedAudioTrack } from './paired-audio-track.js';

describe('pairedAudioTrack', () => {
  const p = livePresentation();

  it('pairs a video with the audio of its source group', () => {
    assert.equal(pairedAudioTrack(p, 'video_480')?.track.id, 'audio_480');
  });

  it('falls back to the first audio track when the group has none', () => {
    const tracks = p.tracks.filter((t) => t.track.id !== 'audio_360');
    assert.equal(pairedAudioTrack({ ...p, tracks }, 'video_360')?.track.id, 'audio_720');
  });

  it('of several audio tracks from one source (languages), the highest bitrate, then the first by id, whatever their order', () => {
    const lang = (id: string, bitrate: number, language: string) => {
      const base = findTrack(p, 'audio_720')!;
      return { ...base, track: { ...base.track, id, bitrate, language } };
    };
    const video = findTrack(p, 'video_720')!;
    const orders = [
      [lang('audio_fra', 64000, 'fra'), lang('audio_eng', 96000, 'eng')],
      [lang('audio_eng', 96000, 'eng'), lang('audio_fra', 64000, 'fra')],
    ];
    for (const audio of orders) assert.equal(pairedAudioTrack({ ...p, tracks: [video, ...audio] }, 'video_720')?.track.id, 'audio_eng');
    const tie = [lang('audio_b', 96000, 'fra'), lang('audio_a', 96000, 'eng')];
    assert.equal(pairedAudioTrack({ ...p, tracks: [video, ...tie] }, 'video_720')?.track.id, 'audio_a');
  });

  it('is undefined for an unknown video or a presentation without audio', () => {
    assert.equal(pairedAudioTrack(p, 'nope'), undefined);
    const videoOnly = { ...p, tracks: p.tracks.filter((t) => t.track.type === 'video') };
    assert.equal(pairedAudioTrack(videoOnly, 'video_720'), undefined);
  });

  it('findTrack looks tracks up by id', () => {
    assert.equal(findTrack(p, 'audio_480')?.track.bitrate, 96000);
    assert.equal(findTrack(p, 'audio'), undefined);
  });
});
