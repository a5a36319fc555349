/**
 * `bascule init`: the questions, one at a time, and the starter map they write — names kept whole,
 * providers and regions read through the catalogue, suppliers placed where they run, nothing
 * invented, assumptions marked and shown by the analysis; and the real flow in a pseudo-terminal.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { splitList } from '../src/cli/init-questions.ts';
import { idOf } from '../src/cli/init-template.ts';
import { loadConfig } from '../src/model/load.ts';
import type { Config } from '../src/model/schema.ts';
import { loadCatalogue } from '../src/scenarios/providers.ts';
import { ensureBuilt } from './helpers/bin.ts';
import { runCli, tempDir } from './helpers/cli.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'bascule.js');

/**
 * The French SME of issue 10: a web shop and orders on OVHcloud in Strasbourg, Stripe (on AWS in
 * Virginia, as the user says), Microsoft 365 (in the catalogue) and a payroll SaaS of unknown hosting.
 */
const SME = [
  'Boulangerie Dupont', // company
  'site web, commandes', // services
  'OVHcloud', // site web runs on
  'Strasbourg', // its region
  '', // commandes: the default, the provider of the previous service (ovh)
  '', // its region: the default, the previous one there (sbg)
  'Stripe, Microsoft 365, PayFit', // suppliers
  '1', // Stripe: payment
  'aws', // Stripe runs on
  'virginia', // its region
  'all', // used by
  '3', // Microsoft 365: office suite (where it runs comes from the catalogue)
  '1', // used by site web
  'payroll', // PayFit
  '?', // runs on: unknown
  'commandes', // used by
];

async function init(answers: readonly string[], lang = 'en') {
  const dir = tempDir();
  const r = await runCli(['init', '--lang', lang], { cwd: dir, interactive: true, answers });
  const file = join(dir, 'bascule.yaml');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  return { dir, r, text };
}

function load(text: string): Config {
  const loaded = loadConfig(text, 'bascule.yaml', loadCatalogue());
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.diagnostics));
  return loaded.config;
}

describe('bascule init: answers', () => {
  it('splits lists on commas and newlines only, and makes ids from names', () => {
    assert.deepEqual(splitList('site web, commandes,,  Site  Web ,\nmail clients'), [
      'site web',
      'commandes',
      'mail clients',
    ]);
    assert.equal(idOf('Site Web (boutique)'), 'site-web-boutique');
    assert.equal(idOf('Él€ctricité'), 'el-ctricite');
    assert.equal(idOf('支付'), '');
  });

  it('keeps "site web" one service, with its name for display', async () => {
    const { r, text } = await init(SME);
    assert.equal(r.code, 0, r.stderr);
    const config = load(text!);
    assert.deepEqual(Object.keys(config.services), ['site-web', 'commandes']);
    assert.equal(config.services['site-web']!.name, 'site web');
    assert.equal(config.services.commandes!.name, undefined, 'no name when the id says it');
    assert.equal(config.name, 'Boulangerie Dupont');
    assert.match(text!, /^lang: en$/m);
  });

  it('reads providers and regions through the catalogue: OVHcloud/Strasbourg is ovh/sbg, Paris at AWS eu-west-3', async () => {
    const { text } = await init(SME);
    const config = load(text!);
    for (const id of ['site-web-app', 'commandes-app']) {
      assert.equal(config.components[id]!.provider, 'ovh', id);
      assert.equal(config.components[id]!.region, 'sbg', id);
    }
    assert.deepEqual(config.components.stripe!.runsOn, [{ provider: 'aws', region: 'us-east-1' }]);
    // Written as canonical ids, not left for the loader to read as aliases.
    assert.match(text!, /^ {4}provider: ovh +# OVHcloud\n {4}region: sbg$/m);
    assert.doesNotMatch(text!, /: (ovhcloud|strasbourg|virginia)\}?$/im);
    const paris = await init(['Acme', 'shop', 'Amazon Web Services', 'Paris', '']);
    const shop = load(paris.text!).components['shop-app']!;
    assert.deepEqual([shop.provider, shop.region], ['aws', 'eu-west-3']);
    assert.match(paris.text!, /^ {4}region: eu-west-3$/m);
    // A number of the list is a provider too; a name outside the catalogue is kept as given.
    const byNumber = await init(['Acme', 'shop, nas', '10', 'gravelines', 'Serveur du bureau', '']);
    const c = load(byNumber.text!).components;
    assert.deepEqual([c['shop-app']!.provider, c['shop-app']!.region], ['ovh', 'gra']);
    assert.equal(c['nas-app']!.provider, 'Serveur du bureau');
  });

  it('places Microsoft 365 at microsoft, running on azure, never on the web host’s provider', async () => {
    const { text } = await init(SME);
    const m365 = load(text!).components['microsoft-365']!;
    assert.equal(m365.provider, 'microsoft');
    assert.equal(m365.name, 'Microsoft 365');
    assert.equal(m365.kind, 'office-suite');
    assert.deepEqual(m365.runsOn, [{ provider: 'azure' }]);
    assert.doesNotMatch(JSON.stringify(m365), /ovh/);
  });

  it('a service said to run on Microsoft 365 is an online service there (kind saas, assumed), on azure', async () => {
    const { text } = await init(['Acme', 'mail', 'Microsoft 365', '']);
    const host = load(text!).components['mail-app']!;
    assert.deepEqual([host.provider, host.kind, host.runsOn], ['microsoft', 'saas', [{ provider: 'azure' }]]);
    assert.deepEqual(host.assumed, ['kind', 'runsOn']);
    assert.match(text!, /kind: saas {3}# assumed: an online service/);
  });

  it('writes no component the user did not name, and wires suppliers only to the services said', async () => {
    const { text } = await init(SME);
    const config = load(text!);
    assert.deepEqual(Object.keys(config.components).sort(), [
      'commandes-app',
      'microsoft-365',
      'payfit',
      'site-web-app',
      'stripe',
    ]);
    assert.deepEqual(config.services['site-web']!.dependsOn, ['site-web-app', 'stripe', 'microsoft-365']);
    assert.deepEqual(config.services.commandes!.dependsOn, ['commandes-app', 'stripe', 'payfit']);
    assert.deepEqual(config.components.payfit!.runsOn, [], 'unknown hosting: no runsOn');
    assert.equal(config.components.payfit!.kind, 'payroll');
    for (const c of Object.values(config.components)) assert.deepEqual(c.dependsOn, []);
  });

  it('marks every assumption in a comment and in assumed, and the analysis shows it', async () => {
    const { dir, text } = await init(SME);
    assert.match(
      text!,
      /runsOn: \[\{provider: azure\}\] +# assumed: the provider catalogue says Microsoft 365 runs on Microsoft Azure/,
    );
    assert.match(text!, /kind: compute +# assumed:/);
    const config = load(text!);
    assert.deepEqual(config.components['microsoft-365']!.assumed, ['runsOn']);
    assert.deepEqual(config.components['site-web-app']!.assumed, ['kind']);
    assert.equal(config.components.stripe!.assumed, undefined, 'what the user said is not assumed');
    const r = await runCli(['analyze', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(r.stdout);
    const m365 = a.findings.find(
      (f: { kind: string; subjects: string[] }) =>
        f.kind === 'single-point-of-failure' && f.subjects[0] === 'microsoft-365',
    );
    assert.deepEqual(m365.assumed, [{ component: 'microsoft-365', fields: ['runsOn'] }]);
    const stripe = a.findings.find(
      (f: { kind: string; subjects: string[] }) =>
        f.kind === 'single-point-of-failure' && f.subjects[0] === 'stripe',
    );
    assert.equal(stripe.assumed, undefined);
    // Through the proof chain too: azure takes site web down through microsoft-365.
    const azure = a.findings.find((f: { subjects: string[] }) => f.subjects.includes('azure'));
    assert.deepEqual(azure.assumed, [{ component: 'microsoft-365', fields: ['runsOn'] }]);
    assert.equal(a.score.services[0].name, 'site web');
    const textReport = await runCli(['analyze'], { cwd: dir });
    assert.match(textReport.stdout, /^ {10}assumed: microsoft-365 runsOn$/m);
    assert.match(textReport.stdout, /^site web \(site-web\) +medium/m);
    const fr = await runCli(['analyze', '--lang', 'fr'], { cwd: dir });
    assert.match(fr.stdout, /^ {10}supposé : runsOn de microsoft-365$/m);
    const html = await runCli(['analyze', '--format', 'html'], { cwd: dir });
    assert.match(html.stdout, /<div class="assumed">assumed: microsoft-365 runsOn<\/div>/);
    assert.match(html.stdout, /<b>site web<\/b> <span class="muted">site-web<\/span>/);
  });

  it('validates and analyses the result with no error and no invented db', async () => {
    const { dir } = await init(SME);
    const v = await runCli(['validate'], { cwd: dir });
    assert.equal(v.code, 0);
    assert.equal(v.stderr, '', 'no warning either');
    const r = await runCli(['analyze', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(r.stdout);
    for (const f of a.findings)
      assert.ok(!f.subjects.includes('db') && !f.subjects.includes('dns'), f.message);
    assert.ok(!a.findings.some((f: { message: string }) => /\bdb alone\b/.test(f.message)));
  });

  it('asks again after a bad answer, with a did-you-mean', async () => {
    const { r, text } = await init([
      '', // empty company name
      'Acme',
      'shop',
      'ovhclud', // a typo of a catalogue name: asked again
      'ovh',
      'strasbourgg', // no such region
      'list', // the regions
      'sbg',
      'Stripe',
      'thirteen', // no such kind
      'payment',
      '?',
      'shpo', // no such service
      '1',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /A name is needed/);
    assert.match(r.stdout, /"ovhclud" is not in the catalogue \(did you mean "ovhcloud"\?\)/);
    assert.match(r.stdout, /OVHcloud has no region "strasbourgg"\. — did you mean "strasbourg"\?/);
    assert.match(r.stdout, /OVHcloud regions: sbg \(Strasbourg\), gra \(Gravelines\)/);
    assert.match(r.stdout, /Answer with a number from 1 to 11/);
    assert.match(r.stdout, /No service "shpo" among shop/);
    const config = load(text!);
    assert.deepEqual(
      [config.components['shop-app']!.provider, config.components['shop-app']!.region],
      ['ovh', 'sbg'],
    );
    assert.deepEqual(config.services.shop!.dependsOn, ['shop-app', 'stripe']);
  });

  it('takes no "?" for a name: a service is asked again, a supplier list of "?" is none', async () => {
    const { r, text } = await init(['Acme', '?, shop', 'shop', 'ovh', 'sbg', '?']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /"\?" is not a name/);
    const config = load(text!);
    assert.deepEqual(Object.keys(config.services), ['shop']);
    assert.deepEqual(Object.keys(config.components), ['shop-app']);
  });

  it('keeps a provider outside the catalogue when given twice, and a region left unknown', async () => {
    const { r, text } = await init(['Acme', 'shop, blog', 'ovhclud', 'ovhclud', '?', '']);
    assert.equal(r.code, 0, r.stderr);
    const c = load(text!).components;
    assert.equal(c['shop-app']!.provider, 'ovhclud');
    assert.equal(c['blog-app'], undefined, 'a service whose host is unknown gets no invented component');
    assert.match(text!, /What it runs on is not known yet/);
    const known = await init(['Acme', 'shop', 'scaleway', '?', '']);
    assert.equal(load(known.text!).components['shop-app']!.region, undefined);
    assert.match(known.text!, /# region: \? +# Not known/);
  });

  it('stops cleanly at the end of input (Ctrl-D): exit 2, a message, nothing written', async () => {
    for (const answers of [[], ['Acme', 'shop', 'ovh']]) {
      const { r, text } = await init(answers);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /init stopped before the last question: nothing was written/);
      assert.equal(text, undefined);
    }
    const fr = await init(['Acme'], 'fr');
    assert.match(fr.r.stderr, /init interrompu avant la dernière question : rien n’a été écrit/);
  });

  it('gives up after five bad answers to one question, writing nothing', async () => {
    const { r, text } = await init(['Acme', 'shop', 'ovh', 'x1', 'x2', 'x3', 'x4', 'x5', 'sbg']);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /init gave up after 5 answers that were not valid, to: Which OVHcloud region does "shop" run in\?/,
    );
    assert.equal(text, undefined);
  });

  it('speaks French, comments included, as a French speaker writes it', async () => {
    const { r, text } = await init(SME, 'fr');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Dans quelle région d’OVHcloud tourne « site web » \?/);
    assert.match(text!, /^lang: fr$/m);
    assert.match(
      text!,
      /# supposé : d’après le catalogue des fournisseurs, Microsoft 365 tourne sur Microsoft Azure/,
    );
    assert.match(text!, /site-web-app: +# Ce qui fait tourner « site web »\./);
    assert.doesNotMatch(text!, /# (What|assumed|A supplier)/);
  });
});

describe('the keys init writes', () => {
  it('validates assumed: only fields of a component, located, with a did-you-mean', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bascule.yaml'),
      'version: 1\nname: x\nservices:\n  a: {name: site web, dependsOn: [w]}\ncomponents:\n  w: {provider: aws, region: eu-west-3, name: Web, assumed: [kind, regoin]}\n',
    );
    const r = await runCli(['validate'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^bascule\.yaml:6:\d+: components\.w\.assumed\[1\]: invalid value "regoin": expected one of provider, region, zone, kind, service, runsOn, dependsOn — did you mean "region"\?$/m,
    );
  });
});

describe('bascule init --yes', () => {
  it('writes a small truthful example that validates and analyses with no error', async () => {
    for (const lang of ['en', 'fr']) {
      const dir = tempDir();
      const r = await runCli(['init', '--yes', '--lang', lang], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      const text = readFileSync(join(dir, 'bascule.yaml'), 'utf8');
      const config = load(text);
      assert.equal(Object.keys(config.services).length, 2);
      const hosts = Object.entries(config.components).filter(([id]) => id.endsWith('-app'));
      assert.equal(hosts.length, 2);
      for (const [, c] of hosts) {
        assert.deepEqual([c.provider, c.region], ['aws', 'eu-west-3']);
        assert.deepEqual(c.assumed, ['provider', 'region', 'kind'], 'an example: its placement is assumed');
      }
      assert.deepEqual(
        [
          config.components.stripe!.provider,
          config.components.stripe!.kind,
          config.components.stripe!.runsOn,
        ],
        ['stripe', 'payment', []],
      );
      assert.equal(Object.keys(config.components).length, 3, 'no db, no dns');
      const v = await runCli(['validate'], { cwd: dir });
      assert.equal(v.code, 0);
      assert.equal(v.stderr, '');
      const a = await runCli(['analyze'], { cwd: dir });
      assert.equal(a.code, 0, a.stderr);
      assert.equal(a.stderr, '');
    }
  });
});

/** An answer to give once the terminal shows `prompt` (ANSI sequences left out). */
interface Step {
  readonly prompt: RegExp;
  readonly answer: string;
}

/** Runs `bascule init` in a pseudo-terminal (util-linux `script`), answering each prompt once it shows. */
function inTerminal(
  dir: string,
  steps: readonly Step[],
  timeoutMs = 30_000,
): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', `${process.execPath} ${BIN} init --lang en`, '/dev/null'], {
      cwd: dir,
      env: { ...process.env, LANG: 'en_US.UTF-8', TERM: 'dumb', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let seen = 0; // where the output not yet matched to a prompt starts
    let next = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no prompt ${steps[next]?.prompt} within ${timeoutMs} ms; screen:\n${screen}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences
      screen += chunk.toString('utf8').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
      const step = steps[next];
      if (step?.prompt.test(screen.slice(seen))) {
        seen = screen.length;
        next++;
        // Enter ends an answer; Ctrl-D (end of input) is sent alone.
        child.stdin.write(step.answer === '\x04' ? step.answer : `${step.answer}\r`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describe('bascule init in a terminal', () => {
  it('asks one question at a time and writes what a person answered', async () => {
    ensureBuilt();
    const dir = tempDir();
    const { code, screen } = await inTerminal(dir, [
      { prompt: /Company name\? $/, answer: 'Boulangerie Dupont' },
      { prompt: /Services your customers use\? .*\) $/, answer: 'site web, commandes' },
      { prompt: /What does "site web" run on\? .*\[\?\] $/, answer: 'OVHcloud' },
      { prompt: /Which OVHcloud region does "site web" run in\? .*\[\?\] $/, answer: 'Strasbourg' },
      { prompt: /What does "commandes" run on\? .*\[ovh\] $/, answer: '' },
      { prompt: /Which OVHcloud region does "commandes" run in\? .*\[sbg\] $/, answer: '' },
      { prompt: /SaaS suppliers you use\? .*\[none\] $/, answer: 'Microsoft 365' },
      { prompt: /What kind of supplier is "Microsoft 365"\? .*\[other\] $/, answer: 'office suite' },
      { prompt: /Which services use "Microsoft 365"\? .*\[all\] $/, answer: '' },
    ]);
    assert.equal(code, 0, screen);
    assert.match(screen, /wrote bascule\.yaml/);
    const config = load(readFileSync(join(dir, 'bascule.yaml'), 'utf8'));
    assert.equal(config.name, 'Boulangerie Dupont');
    assert.deepEqual(Object.keys(config.services), ['site-web', 'commandes']);
    assert.deepEqual(
      [config.components['site-web-app']!.provider, config.components['site-web-app']!.region],
      ['ovh', 'sbg'],
    );
    assert.deepEqual(config.components['microsoft-365']!.runsOn, [{ provider: 'azure' }]);
    assert.deepEqual(config.services.commandes!.dependsOn, ['commandes-app', 'microsoft-365']);
  });

  it('stops on Ctrl-D with exit 2 and writes nothing', async () => {
    ensureBuilt();
    const dir = tempDir();
    const { code, screen } = await inTerminal(dir, [
      { prompt: /Company name\? $/, answer: 'Acme' },
      { prompt: /Services your customers use\? .*\) $/, answer: '\x04' },
    ]);
    assert.equal(code, 2, screen);
    assert.match(screen, /init stopped before the last question: nothing was written/);
    assert.ok(!existsSync(join(dir, 'bascule.yaml')));
  });
});
