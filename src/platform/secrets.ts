/** Secrets named in bascule.yaml ({env: NAME} or {file: PATH}), read once; their values never reach a log. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BasculeError } from '../errors.ts';

/** Where a secret comes from: an environment variable or a file (as bascule.yaml writes it). */
export type Secret = { readonly env: string } | { readonly file: string };

/** Reads a secret; a missing variable or unreadable file is a located, value-free error. */
export function readSecret(ref: Secret, where: string, baseDir: string, env: NodeJS.ProcessEnv): string {
  if ('env' in ref) {
    const value = env[ref.env];
    if (value === undefined || value === '') {
      throw new BasculeError([
        { code: 'BASCULE_E_SECRET_MISSING', params: { where, source: `$${ref.env}` } },
      ]);
    }
    return value;
  }
  const path = resolve(baseDir, ref.file);
  try {
    const value = readFileSync(path, 'utf8').trim();
    if (value === '') throw new Error('empty');
    return value;
  } catch {
    throw new BasculeError([{ code: 'BASCULE_E_SECRET_MISSING', params: { where, source: ref.file } }]);
  }
}

/** Compares two secrets in constant time (for API tokens). */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  const { createHash, timingSafeEqual } = await import('node:crypto');
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
