/**
 * The dashboard's built files (scripts/build-web.ts writes them to dist/web/dashboard/ with hashed
 * names and a manifest.json), read once into memory on first ask: the page that loads them, and
 * each file by name. Found from this module's place: src/server/ and dist/server/ are both two
 * levels below the package root.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ASSETS_DIR = fileURLToPath(new URL('../../dist/web/dashboard/', import.meta.url));

/** What the build wrote: the entry script and the one style sheet, by file name. */
export interface Manifest {
  readonly js: string;
  readonly css: string;
}

export interface Asset {
  readonly body: Uint8Array;
  readonly type: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** The files a page may ask for: the hashed names the build wrote, nothing else (no path). */
export const ASSET_NAME = /^[A-Za-z0-9_-]+-[A-Za-z0-9]{8,}\.(js|css|map|svg|woff2)$/;

export interface DashboardAssets {
  readonly manifest: Manifest;
  get(name: string): Asset | undefined;
}

/** Reads the built files of `dir`; undefined when they are not built. */
export function loadAssets(dir: string = ASSETS_DIR): DashboardAssets | undefined {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  const files = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    if (!ASSET_NAME.test(name)) continue;
    files.set(name, {
      body: readFileSync(join(dir, name)),
      type: TYPES[extname(name)] ?? 'application/octet-stream',
    });
  }
  if (!files.has(manifest.js) || !files.has(manifest.css)) return undefined;
  return { manifest, get: (name) => files.get(name) };
}
