/**
 * The operator token, found the same way by the daemon and by `bascule status`: BASCULE_TOKEN, else
 * runtime.token ({env} or {file}), else `<dataDir>/operator.token`, which the daemon creates (32
 * random bytes, base64url, mode 0600, atomically) and reuses across restarts. It lives here, next
 * to the API it opens, rather than in platform/: it is a rule of this API, not a shared service.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BasculeError, errorCode, fail } from '../errors.ts';
import { readSecret, type Secret } from '../platform/secrets.ts';

export const TOKEN_FILE = 'operator.token';
export const TOKEN_ENV = 'BASCULE_TOKEN';

export interface TokenLookup {
  /** runtime.token of the map. */
  readonly secret?: Secret | undefined;
  /** The data directory, absolute or relative to `baseDir`. */
  readonly dataDir: string;
  /** The map's directory (secret files are relative to it). */
  readonly baseDir: string;
  readonly env: NodeJS.ProcessEnv;
}

/** A token and where it came from, for messages (never the value). */
export interface FoundToken {
  readonly token: string;
  readonly source: string;
}

export function tokenFile(o: Pick<TokenLookup, 'dataDir' | 'baseDir'>): string {
  return join(resolve(o.baseDir, o.dataDir), TOKEN_FILE);
}

/** The configured token (environment, then map), if any. */
function configured(o: TokenLookup): FoundToken | undefined {
  const fromEnv = o.env[TOKEN_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '')
    return { token: fromEnv.trim(), source: `$${TOKEN_ENV}` };
  if (o.secret)
    return { token: readSecret(o.secret, 'runtime.token', o.baseDir, o.env), source: 'runtime.token' };
  return undefined;
}

function readTokenFile(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // The data directory is a file, or cannot be entered: a problem of the directory, not of a secret.
    if (code === 'ENOTDIR') throw fail('BASCULE_E_DATA_DIR', { dir: dirname(path), reason: code });
    throw new BasculeError([
      { code: 'BASCULE_E_SECRET_MISSING', params: { where: 'operator token', source: path } },
    ]);
  }
  if (text === '') {
    throw new BasculeError([
      { code: 'BASCULE_E_SECRET_MISSING', params: { where: 'operator token', source: path } },
    ]);
  }
  return text;
}

/**
 * The daemon's token. With none configured, `<dataDir>/operator.token` is read, or created: the
 * token is written to a private temporary file, then hard-linked into place, so the file never
 * exists half-written and two daemons starting at once end up with the same token.
 */
export function daemonToken(o: TokenLookup): FoundToken {
  const found = configured(o);
  if (found) return found;
  const path = tokenFile(o);
  const existing = readTokenFile(path);
  if (existing !== undefined) {
    // A token file others can read (copied, restored from a backup) is made private again.
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return { token: existing, source: path };
  }
  const dir = resolve(o.baseDir, o.dataDir);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(tmp, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(tmp);
    }
  } catch (e) {
    throw fail('BASCULE_E_DATA_DIR', { dir, reason: errorCode(e) });
  }
  return { token: readTokenFile(path) ?? '', source: path };
}

/** What `bascule status` sends: --token-file, else as the daemon finds it (no file is created). */
export function clientToken(
  o: TokenLookup & { readonly flagFile?: string | undefined },
): FoundToken | undefined {
  if (o.flagFile !== undefined) {
    return {
      token: readSecret({ file: o.flagFile }, '--token-file', o.baseDir, o.env),
      source: `--token-file ${o.flagFile}`,
    };
  }
  const found = configured(o);
  if (found) return found;
  const path = tokenFile(o);
  const token = readTokenFile(path);
  return token === undefined ? undefined : { token, source: path };
}
