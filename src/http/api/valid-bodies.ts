/**
 * For API tests: for each operation that takes a body, a valid body that sets every field the
 * schema knows (so that each field can be spoiled in turn), and path parameters when the world's
 * items (build-world.ts) are not the right ones. Each one succeeds against buildWorld().
 */
/** 32 bytes, base64: a valid HMAC key for urlSigning. */
export const SIGNING_KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';

export const VALID_BODIES: Record<string, { params?: Record<string, string>; body: Record<string, unknown> }> = {
  createChannel: {
    body: {
      name: 'ch2',
      description: 'The second channel',
      input: { protocol: 'rtmp', keyFrameIntervalMs: 2000, accessToken: 'abcdef0123456789abcdef0123456789', ipAllow: [{ name: 'office', address: '10.0.0.0', prefixLength: 8 }] },
      preview: { ipAllow: [{ name: 'studio', address: '2001:db8::', prefixLength: 32 }] },
    },
  },
  createProgram: {
    body: { name: 'p2', description: 'The late show', assetName: 'late-show', archiveWindow: 'PT2H', manifestName: 'late' },
  },
  updateChannel: {
    // The token and key frame interval are ch1's own (build-world.ts): ch1 is Running, so only
    // unchanged values are accepted; PATCH tests in channels-patch.test.ts change them.
    body: {
      description: 'Renamed',
      input: { protocol: 'rtmp', keyFrameIntervalMs: 2000, accessToken: 'ch1token0123456789abcdef01234567', ipAllow: [{ name: 'office', address: '10.0.0.0', prefixLength: 8 }] },
      preview: { ipAllow: [{ name: 'studio', address: '2001:db8::', prefixLength: 32 }] },
    },
  },
  createStreamingEndpoint: {
    body: {
      name: 'edge2',
      description: 'A second edge',
      port: 9002,
      scaleUnits: 1,
      ipAllow: [{ name: 'cdn', address: '203.0.113.0', prefixLength: 24 }],
      cors: { allowOrigins: ['https://player.example.com'] },
      crossSiteAccessPolicies: { clientAccessPolicy: '<access-policy/>', crossDomainPolicy: '<cross-domain-policy/>' },
      urlSigning: { keys: [{ id: 'k1', base64Key: SIGNING_KEY }] },
    },
  },
  updateStreamingEndpoint: {
    params: { name: 'edge' },
    body: {
      description: 'Moved',
      port: 9003,
      scaleUnits: 2,
      ipAllow: [{ name: 'partner', address: '198.51.100.0', prefixLength: 24 }],
      cors: { allowOrigins: ['https://other.example.com'] },
      crossSiteAccessPolicies: { clientAccessPolicy: '<access-policy/>', crossDomainPolicy: '<cross-domain-policy/>' },
      urlSigning: { keys: [{ id: 'k1', base64Key: SIGNING_KEY }, { id: 'k2', base64Key: SIGNING_KEY }] },
    },
  },
  signPlaybackUrls: {
    // build-world.ts gives edge a signing key k1.
    params: { name: 'edge' },
    body: { locatorId: '0f8fad5b-d9cb-469f-a165-70867728950e', expiryTime: '2099-01-01T00:00:00Z', keyId: 'k1' },
  },
  scaleStreamingEndpoint: {
    body: { scaleUnits: 3 },
  },
  createLocator: {
    body: { assetName: 'p1', id: '3b241101-e2bb-4255-8caf-4136c566a962', startTime: '2020-01-01T00:00:00Z', expiryTime: '2099-01-01T00:00:00Z', filters: ['f1'] },
  },
  createAssetFilter: {
    body: {
      name: 'f2',
      presentationTimeRange: { startTimestamp: 0, endTimestamp: 600_000_000, presentationWindowDuration: 1_200_000_000, liveBackoffDuration: 40_000_000, timescale: 10_000_000, forceEndTimestamp: false },
      firstQuality: { bitrate: 1_500_000 },
      tracks: [{ trackSelections: [{ property: 'Type', operation: 'Equal', value: 'audio' }, { property: 'Language', operation: 'NotEqual', value: 'de' }] }],
    },
  },
  updateAssetFilter: {
    body: {
      presentationTimeRange: { startTimestamp: 100, endTimestamp: 900_000, presentationWindowDuration: 90_000 * 60, liveBackoffDuration: 90_000 * 4, timescale: 90_000, forceEndTimestamp: true },
      firstQuality: { bitrate: 800_000 },
      tracks: [{ trackSelections: [{ property: 'Bitrate', operation: 'Equal', value: '0-2000000' }] }],
    },
  },
};
