/** The registry's parts (src/errors/) are merged without losing a code: no code is in two parts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAILOVER_ERRORS } from '../src/errors/failover.ts';
import { HTTP_ERRORS } from '../src/errors/http.ts';
import { INPUT_ERRORS } from '../src/errors/input.ts';
import { RESTIC_ERRORS } from '../src/errors/restic.ts';
import { RUNTIME_ERRORS } from '../src/errors/runtime.ts';
import { ERRORS } from '../src/errors.ts';

describe('error registry', () => {
  it('holds every code of every part, each in one part only', () => {
    const parts = [INPUT_ERRORS, RUNTIME_ERRORS, HTTP_ERRORS, FAILOVER_ERRORS, RESTIC_ERRORS];
    const codes = parts.flatMap((p) => Object.keys(p));
    const twice = codes.filter((c, i) => codes.indexOf(c) !== i);
    assert.deepEqual(twice, [], 'a code registered in two parts: the later one would hide the other');
    assert.equal(Object.keys(ERRORS).length, codes.length);
  });
});
