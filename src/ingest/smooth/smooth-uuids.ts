/**
 * Extended types of the Smooth Streaming `uuid` boxes, as lowercase hex (what box readers
 * report as `userType`).
 */

/** Live Server Manifest Box (MS-SSTR §2.2.7.2; Azure fMP4 ingest spec, formats.md §2.1). */
export const LIVE_SERVER_MANIFEST_UUID = 'a5d40b30e81411ddba2f0800200c9a66';
/** TrackFragmentExtendedHeaderBox, "tfxd" (MS-SSTR §2.2.4.4). */
export const TFXD_UUID = '6d1d9b0542d544e680e2141daff757b2';
/** TrackFragmentReferenceBox, "tfrf" (MS-SSTR §2.2.4.5): the server adds it at egress. */
export const TFRF_UUID = 'd4807ef2ca3946958e5426cb9e46a79f';
