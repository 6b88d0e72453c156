import assert from 'node:assert/strict';
import { TributaryError, type ErrorCode } from '../util/errors.js';

/** For tests: an assert.throws validator for a TributaryError with `code` (and the invalid `field`). */
export function rejectsWith(code: ErrorCode, field?: string) {
  return (err: unknown) => {
    assert.ok(err instanceof TributaryError, String(err));
    assert.equal(err.code, code, err.message);
    if (field !== undefined) assert.equal(err.details.field, field);
    return true;
  };
}
