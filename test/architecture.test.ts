/**
 * Which folder may import which (docs/architecture.md): the core imports no adapter, no Node I/O
 * and sets no timers; the platform leaf imports nothing above it; only the CLI (and `bascule demo`,
 * which it runs) builds the daemon.
 * Read from the sources' import statements, so a wrong import fails here, not in review.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** The pure core: model, analysis, monitor state machines, failover decisions. */
const CORE = new Set(['model', 'analysis', 'monitor', 'failover']);
/** Packages the core may use: data only. */
const CORE_PACKAGES = new Set(['zod', 'yaml', 'js-yaml', 're2js']);
/** Files outside the core folders that the core may use: data formats, no I/O. */
const CORE_FILES = new Set(['errors.ts', 'scenarios/scenario.ts']);

interface Import {
  readonly file: string; // relative to src, e.g. monitor/monitor.ts
  readonly from: string; // the folder under src (or `errors.ts`), or the package / node: module
  readonly relative: boolean;
  /** The imported file relative to src, for relative imports. */
  readonly target?: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** `import … from '…'`, `export … from '…'`, `import '…'` (side effects only) and `import('…')`. */
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

/** `node:fs`, `zod`, `preact/hooks` → `preact`, `@cantoo/pdf-lib` (a scope and its name). */
const packageOf = (spec: string): string =>
  spec.startsWith('node:')
    ? spec
    : spec
        .split('/')
        .slice(0, spec.startsWith('@') ? 2 : 1)
        .join('/');

function imports(): Import[] {
  const out: Import[] = [];
  for (const path of sources(SRC)) {
    const file = relative(SRC, path);
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (spec.startsWith('.')) {
        const target = relative(SRC, resolve(dirname(path), spec));
        out.push({
          file,
          from: target.includes('/') ? target.split('/')[0]! : target,
          relative: true,
          target,
        });
      } else out.push({ file, from: packageOf(spec), relative: false });
    }
  }
  return out;
}

const folder = (file: string) => (file.includes('/') ? file.split('/')[0]! : file);
const ALL = imports();

describe('architecture: who may import what', () => {
  it('finds the imports (the scan itself works)', () => {
    assert.ok(ALL.length > 300, `${ALL.length} imports`);
    assert.ok(ALL.some((i) => i.file === 'daemon/daemon.ts' && i.from === 'store'));
  });

  it('the core imports only the core, errors.ts and data packages: no adapter, no Node I/O', () => {
    const bad = ALL.filter((i) => CORE.has(folder(i.file)))
      .filter((i) =>
        i.relative ? !CORE.has(i.from) && !CORE_FILES.has(i.target ?? '') : !CORE_PACKAGES.has(i.from),
      )
      .map((i) => `${i.file} -> ${i.from}`);
    assert.deepEqual(bad, []);
  });

  it('the core sets no timers and reads no clock of its own: time is passed in', () => {
    const bad: string[] = [];
    for (const path of sources(SRC)) {
      const file = relative(SRC, path);
      if (!CORE.has(folder(file))) continue;
      const code = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const w of [
        'setTimeout(',
        'setInterval(',
        'setImmediate(',
        'Date.now(',
        'performance.now(',
        'new Date()',
      ]) {
        if (code.includes(w)) bad.push(`${file}: ${w}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the backup judgement (backup/, but the restic library and the runner) is pure: the core, errors.ts and the records’ types; no timers, no clock', () => {
    const pure = (file: string) =>
      folder(file) === 'backup' && !file.startsWith('backup/restic/') && !file.startsWith('backup/runner/');
    const bad = ALL.filter((i) => pure(i.file))
      .filter((i) =>
        i.relative
          ? !CORE.has(i.from) &&
            i.from !== 'backup' &&
            !CORE_FILES.has(i.target ?? '') &&
            i.target !== 'store/backup-records.ts'
          : !CORE_PACKAGES.has(i.from),
      )
      .map((i) => `${i.file} -> ${i.target ?? i.from}`);
    assert.deepEqual(bad, []);
    assert.ok(
      ALL.some((i) => i.file === 'backup/status.ts'),
      'the scan sees backup/',
    );
    const clocks: string[] = [];
    for (const path of sources(join(SRC, 'backup'))) {
      const file = relative(SRC, path);
      if (!pure(file)) continue;
      const code = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const w of ['setTimeout(', 'setInterval(', 'Date.now(', 'performance.now(', 'new Date()'])
        if (code.includes(w)) clocks.push(`${file}: ${w}`);
    }
    assert.deepEqual(clocks, []);
  });

  it('the restic library (backup/restic/) drives restic and nothing else: errors.ts, platform/, its own files, pg and undici', () => {
    const bad = ALL.filter((i) => i.file.startsWith('backup/restic/'))
      .filter((i) =>
        i.relative
          ? !(i.target ?? '').startsWith('backup/restic/') && !['errors.ts', 'platform'].includes(i.from)
          : !i.from.startsWith('node:') && !['pg', 'undici'].includes(i.from),
      )
      .map((i) => `${i.file} -> ${i.target ?? i.from}`);
    assert.deepEqual(bad, []);
    assert.ok(
      ALL.some((i) => i.file === 'backup/restic/backup.ts'),
      'the scan sees backup/restic/',
    );
  });

  it('the plan (plan/) reads the core, the catalogues, the reports, the judgement of backups and the stores’ types; Chromium only on demand', () => {
    const allowed = new Set([...CORE, 'i18n', 'report', 'plan', 'platform', 'errors.ts']);
    const storeTypes = (t: string) => /^store\/[a-z-]+-records\.ts$/.test(t) || t === 'store/store.ts';
    const judgement = (t: string) => t.startsWith('backup/') && !/^backup\/(restic|runner)\//.test(t);
    const bad = ALL.filter((i) => folder(i.file) === 'plan')
      .filter((i) =>
        i.relative
          ? !allowed.has(i.from) &&
            !CORE_FILES.has(i.target ?? '') &&
            !storeTypes(i.target ?? '') &&
            !judgement(i.target ?? '')
          : !i.from.startsWith('node:') &&
            !CORE_PACKAGES.has(i.from) &&
            !['playwright-core', '@cantoo/pdf-lib'].includes(i.from),
      )
      .map((i) => `${i.file} -> ${i.target ?? i.from}`);
    assert.deepEqual(bad, []);
    assert.ok(
      ALL.some((i) => i.file === 'plan/render.ts'),
      'the scan sees plan/',
    );
    const eager = sources(join(SRC, 'plan'))
      .filter((p) => /^\s*import\s+(?!type\s)[^'"]*from\s+'playwright-core'/m.test(readFileSync(p, 'utf8')))
      .map((p) => relative(SRC, p));
    assert.deepEqual(eager, [], 'playwright-core is imported for its types or loaded with import()');
  });

  it('the platform leaf imports nothing of Bascule but errors.ts', () => {
    const bad = ALL.filter((i) => folder(i.file) === 'platform' && i.relative)
      .filter((i) => i.from !== 'platform' && i.from !== 'errors.ts')
      .map((i) => `${i.file} -> ${i.from}`);
    assert.deepEqual(bad, []);
  });

  it('the catalogues import only the core (its vocabulary) and errors.ts', () => {
    const bad = ALL.filter((i) => folder(i.file) === 'i18n' && i.relative)
      .filter((i) => !['i18n', 'errors.ts'].includes(i.from) && !CORE.has(i.from))
      .map((i) => `${i.file} -> ${i.from}`);
    assert.deepEqual(bad, []);
  });

  it('the status page (web/status/) uses only the core, i18n/, errors.ts and the store port’s types; no I/O but writing the export', () => {
    const allowed = new Set([...CORE, 'i18n', 'errors.ts', 'web']);
    const bad = ALL.filter((i) => i.file.startsWith('web/status/'))
      .filter((i) =>
        i.relative
          ? !allowed.has(i.from) && i.target !== 'store/store.ts'
          : i.from.startsWith('node:')
            ? !(
                i.from === 'node:crypto' ||
                (i.file === 'web/status/write-site.ts' && ['node:fs', 'node:path'].includes(i.from))
              )
            : true,
      )
      .map((i) => `${i.file} -> ${i.from}`);
    assert.deepEqual(bad, []);
  });

  it('the status page sets no timers and reads no clock: the time of a page is passed in', () => {
    const bad: string[] = [];
    for (const path of sources(join(SRC, 'web', 'status'))) {
      const code = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const w of ['setTimeout(', 'setInterval(', 'Date.now(', 'performance.now(', 'new Date()'])
        if (code.includes(w)) bad.push(`${relative(SRC, path)}: ${w}`);
    }
    assert.deepEqual(bad, []);
  });

  it('only the server, the daemon and the CLI use the status page', () => {
    const bad = ALL.filter((i) => i.relative && (i.target ?? '').startsWith('web/status/'))
      .filter((i) => !['web', 'server', 'daemon', 'cli'].includes(folder(i.file)))
      .map((i) => `${i.file} -> web`);
    assert.deepEqual(bad, []);
  });

  it('only the CLI (and the demo it runs) imports the daemon', () => {
    const bad = ALL.filter((i) => i.relative && i.from === 'daemon')
      .filter((i) => !['cli', 'daemon', 'demo'].includes(folder(i.file)))
      .map((i) => `${i.file} -> daemon`);
    assert.deepEqual(bad, []);
  });

  it('adapters never import the CLI, and nothing imports tests or benchmarks', () => {
    const bad = ALL.filter(
      (i) => i.relative && ((i.from === 'cli' && folder(i.file) !== 'cli') || /^(test|bench)\b/.test(i.from)),
    ).map((i) => `${i.file} -> ${i.from}`);
    assert.deepEqual(bad, []);
  });

  it('the CLI starts without loading the daemon, the agent or their packages (loaded when run)', () => {
    // Static value imports only: `import type` is erased, `import()` is loaded on demand.
    const STATIC =
      /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s+'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'/g;
    const seen = new Set<string>();
    const packages = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(join(SRC, file), 'utf8').matchAll(STATIC)) {
        const spec = m[1] ?? m[2]!;
        if (spec.startsWith('.')) walk(relative(SRC, resolve(dirname(join(SRC, file)), spec)));
        else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec : spec.split('/')[0]!);
      }
    };
    walk('cli/main.ts');
    const heavy = [...seen].filter(
      (f) =>
        ['daemon', 'agent', 'store', 'probes'].includes(folder(f)) ||
        (folder(f) === 'demo' && f !== 'demo/settings.ts'),
    );
    assert.deepEqual(heavy, []);
    const loaded = [...packages].filter((p) =>
      ['pino', 'hono', 'pg', 'better-sqlite3', 'nodemailer'].includes(p),
    );
    assert.deepEqual(loaded, []);
  });

  it('the browser’s code (web/dashboard/) uses only its catalogue and pure helpers, and nothing uses it', () => {
    const allowed = new Set([
      'i18n/catalogues/dashboard.ts',
      'i18n/types.ts',
      'i18n/plural.ts',
      'i18n/lang.ts',
      'model/duration.ts',
    ]);
    const inDashboard = (f: string) => f.startsWith('web/dashboard/');
    const bad = ALL.filter((i) => i.relative)
      .filter((i) =>
        inDashboard(i.file)
          ? !inDashboard(i.target ?? '') && !allowed.has(i.target ?? '')
          : inDashboard(i.target ?? ''),
      )
      .map((i) => `${i.file} -> ${i.target}`);
    assert.deepEqual(bad, []);
    const packages = ALL.filter((i) => inDashboard(i.file) && !i.relative).map((i) => i.from);
    assert.deepEqual([...new Set(packages)].sort(), ['preact', 'uplot']);
  });
});
