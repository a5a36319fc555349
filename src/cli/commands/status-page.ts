/**
 * `bascule status-page export [DIR]`: the public status page written as static files (the page in
 * each language, the feeds, the JSON, the badges) from the daemon's stored data, to publish on
 * another provider's storage or CDN. Reads the store without locking the data directory: it runs
 * beside a running daemon (SQLite in WAL mode lets it read while the daemon writes).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fail } from '../../errors.ts';
import { t } from '../../i18n/index.ts';
import { CONFIG_OPTION, type Command } from '../command.ts';
import { configPath, readConfig } from '../shared.ts';

export const statusPage = {
  name: 'status-page',
  summary: 'cli.statusPage.summary',
  usage: 'bascule status-page export [DIR] [-c FILE] [--data-dir DIR] [--store sqlite|postgres://...]',
  effect: 'writes-files',
  options: {
    ...CONFIG_OPTION,
    'data-dir': { type: 'string' },
    store: { type: 'string' },
  },
  positionals: 2,
  async run(ctx) {
    const [action, target, ...rest] = ctx.positionals;
    if (action !== 'export' || rest.length > 0) throw fail('BASCULE_E_USAGE_STATUS_PAGE', {});
    const config = readConfig(ctx);
    const page = config.statusPage;
    if (!page) throw fail('BASCULE_E_STATUS_PAGE_NONE', {});
    const baseDir = dirname(resolve(ctx.io.cwd, configPath(ctx)));
    const dir =
      target !== undefined
        ? resolve(ctx.io.cwd, target)
        : page.export
          ? resolve(baseDir, page.export.dir)
          : undefined;
    if (dir === undefined) throw fail('BASCULE_E_USAGE_STATUS_PAGE', {});
    const flagDir = ctx.values['data-dir'];
    const dataDir =
      typeof flagDir === 'string'
        ? resolve(ctx.io.cwd, flagDir)
        : resolve(baseDir, config.runtime?.dataDir ?? '.bascule');
    const flagStore = ctx.values.store;
    const spec =
      typeof flagStore === 'string'
        ? flagStore
        : (ctx.io.env.BASCULE_STORE ?? config.runtime?.store ?? 'sqlite');
    // A store that is not there is not created: say there is no data rather than export nothing.
    if (spec === 'sqlite' && !existsSync(join(dataDir, 'bascule.db')))
      throw fail('BASCULE_E_STATUS_PAGE_NO_DATA', { dir: dataDir });
    const [{ openStore }, { readStatusResults }, { statusInput }, view, { staticSite }, { writeSite }] =
      await Promise.all([
        import('../../store/open.ts'),
        import('../../web/status/load.ts'),
        import('../../web/status/input.ts'),
        import('../../web/status/view.ts'),
        import('../../web/status/site.ts'),
        import('../../web/status/write-site.ts'),
      ]);
    const store = await openStore(spec, dataDir);
    try {
      await store.migrate();
      const now = Date.now();
      const input = statusInput(await readStatusResults(store, page, now));
      const files = staticSite(view.statusView(page, view.pageLang(page, config.lang), input));
      writeSite(dir, files);
      ctx.io.stderr(`${t(ctx.lang, 'cli.statusPage.wrote', { count: files.length, dir })}\n`);
    } finally {
      await store.close();
    }
    return 0;
  },
} satisfies Command;
