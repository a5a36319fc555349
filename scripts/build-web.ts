/**
 * Builds the operators' dashboard (src/web/dashboard/, Preact and uPlot) into dist/web/dashboard/:
 * one minified script and one style sheet with hashed names, and manifest.json naming them (the
 * daemon serves them, server/dashboard-assets.ts). Run by `npm run build` (so by npm install's
 * prepare) and by `npm test`. Nothing is fetched: esbuild bundles what node_modules holds.
 *   node --import tsx scripts/build-web.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = join(ROOT, 'dist', 'web', 'dashboard');

export async function buildDashboard(out: string = OUT): Promise<{ js: string; css: string }> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'src/web/dashboard/main.tsx' },
    tsconfig: 'src/web/dashboard/tsconfig.json',
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: out,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  let js: string | undefined;
  let css: string | undefined;
  for (const [file, meta] of Object.entries(result.metafile.outputs)) {
    if (meta.entryPoint !== undefined && file.endsWith('.js')) {
      js = basename(file);
      if (meta.cssBundle) css = basename(meta.cssBundle);
    }
  }
  if (!js || !css)
    throw new Error(
      `the dashboard's build wrote no script or no style sheet: ${Object.keys(result.metafile.outputs)}`,
    );
  const manifest = { js, css };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const m = await buildDashboard();
  process.stdout.write(`dist/web/dashboard: ${m.js}, ${m.css}\n`);
}
