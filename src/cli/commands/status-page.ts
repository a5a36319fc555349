import { dirname, resolve } from 'node:path';
import { fail } from '../../errors.ts';
import { t } from '../../i18n/index.ts';
import { CONFIG_OPTION, type Command } from '../command.ts';
import { configPath, readConfig } from '../shared.ts';
import { storeLocation } from '../store-location.ts';

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
    const { dataDir, spec, present } = storeLocation(ctx, config, baseDir);
    // A store that is not there is not created: say there is no data rather than export nothing.
    if (!present) throw fail('BASCULE_E_STATUS_PAGE_NO_DATA', { dir: dataDir });
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
      const files = staticSite(
        view.statusView(page, view.pageLang(page, config.lang), input, {
          company: config.name,
          communications: config.communications,
        }),
      );
      writeSite(dir, files);
      ctx.io.stderr(`${t(ctx.lang, 'cli.statusPage.wrote', { count: files.length, dir })}\n`);
    } finally {
      await store.close();
    }
    return 0;
  },
} satisfies Command;
