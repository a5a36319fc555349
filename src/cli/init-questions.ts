/**
 * The questions of `bascule init`, one at a time: the company, its services and what each runs on
 * (a provider of the catalogue and its region), then its SaaS suppliers, each with its kind, where
 * it runs and which services use it. Names are split on commas only ("site web" is one service);
 * providers and regions are read through the provider catalogue (aliases, did-you-mean).
 */
import { type Lang, render, t } from '../i18n/index.ts';
import type { Catalogue, ProviderInfo } from '../model/catalogue.ts';
import { suggest } from '../model/suggest.ts';
import {
  type InitAnswers,
  idOf,
  type ServiceAnswer,
  SUPPLIER_KINDS,
  type SupplierAnswer,
  type SupplierKind,
  type Where,
} from './init-template.ts';
import { ok, type Parsed, type Prompter, problem } from './prompter.ts';

/** At most this many services or suppliers in one answer. */
export const MAX_NAMES = 30;

/** Region examples shown in the hint. */
const REGION_EXAMPLES = 5;

/** "I don't know", in either language. */
const UNKNOWN = new Set([
  '?',
  "don't know",
  'dont know',
  'unknown',
  'je ne sais pas',
  'inconnu',
  'inconnue',
  'nsp',
]);
const ALL = new Set(['all', 'tous', 'toutes', '*']);
const NONE = new Set(['none', 'aucun', 'aucune', '-']);
const LIST = new Set(['list', 'liste']);

/** Lower case, typographic apostrophes as plain ones: how answers are compared. */
const norm = (s: string) => s.trim().toLowerCase().replace(/[’‘]/g, "'");

/** A comma- (or newline-) separated list: names keep their spaces; duplicates (any case) once. */
export function splitList(answer: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of answer.split(/[,\n]/)) {
    const item = raw.trim().replace(/\s+/g, ' ');
    if (item === '' || seen.has(norm(item))) continue;
    seen.add(norm(item));
    out.push(item);
  }
  return out;
}

class InitQuestions {
  readonly #p: Prompter;
  readonly #lang: Lang;
  readonly #catalogue: Catalogue;
  readonly #providers: readonly ProviderInfo[];
  /** Names outside the catalogue the user confirmed (kept as written without asking again). */
  readonly #kept = new Set<string>();
  /** The last region chosen at each provider: the default for the next component there. */
  readonly #lastRegion = new Map<string, string>();

  constructor(p: Prompter, lang: Lang, catalogue: Catalogue) {
    this.#p = p;
    this.#lang = lang;
    this.#catalogue = catalogue;
    this.#providers = catalogue.providers();
  }

  #names(answer: string, required: boolean): Parsed<string[]> {
    const nothing = NONE.has(norm(answer)) || UNKNOWN.has(norm(answer));
    const names = nothing && !required ? [] : splitList(answer);
    if (required && names.length === 0) return problem(t(this.#lang, 'cli.init.needServices'));
    // A name needs a letter or a digit: "?" or "-" is not a service or a supplier.
    const bad = names.find((n) => !/[\p{L}\p{N}]/u.test(n));
    if (bad !== undefined) return problem(t(this.#lang, 'cli.init.badName', { name: bad }));
    if (names.length > MAX_NAMES) return problem(t(this.#lang, 'cli.init.tooMany', { max: MAX_NAMES }));
    return ok(names);
  }

  #providerName(id: string): string {
    const info = this.#catalogue.provider(id);
    return info ? info.name : id;
  }

  /** A provider: a number of the list, an id or alias of the catalogue, another name (kept), or unknown. */
  #provider(answer: string): Parsed<string | undefined> {
    const a = norm(answer);
    if (UNKNOWN.has(a)) return ok(undefined);
    if (/^[0-9]+$/.test(a)) {
      const n = Number(a);
      const p = this.#providers[n - 1];
      if (!p) return problem(t(this.#lang, 'cli.init.badNumber', { number: n, max: this.#providers.length }));
      return ok(p.id);
    }
    const found = this.#catalogue.lookupProvider(answer.trim());
    if (found.known) return ok(found.id);
    const words = this.#providers.flatMap((p) => [p.id, ...p.aliases]);
    const hint = suggest(a, words);
    if (hint !== undefined && !this.#kept.has(a)) {
      this.#kept.add(a);
      return problem(
        render(this.#lang, 'cli.init.notInCatalogue', { answer: answer.trim(), suggestion: hint }),
      );
    }
    return ok(answer.trim());
  }

  /** The region of a regional provider, re-asked until it is one (or unknown). */
  async #region(provider: string, what: string): Promise<string | undefined> {
    const info = this.#catalogue.provider(provider);
    if (!info?.regional) return undefined;
    const name = info.name;
    const examples = info.regions
      .slice(0, REGION_EXAMPLES)
      .map((r) => (r.name && !/[()]/.test(r.name) ? `${r.id} ${r.name}` : r.id))
      .join(', ');
    const region = await this.#p.ask<string | undefined>({
      text: t(this.#lang, 'cli.init.askRegion', { provider: name, what }),
      hint: t(this.#lang, 'cli.init.hintRegion', { examples }),
      default: this.#lastRegion.get(provider) ?? '?',
      parse: (answer) => {
        const a = norm(answer);
        if (UNKNOWN.has(a)) return ok(undefined);
        if (LIST.has(a))
          return problem(
            t(this.#lang, 'cli.init.regions', {
              provider: name,
              regions: info.regions.map((r) => (r.name ? `${r.id} (${r.name})` : r.id)).join(', '),
            }),
          );
        const found = this.#catalogue.lookupRegion(provider, answer.trim());
        if (found.known) return ok(found.id);
        const hint = suggest(a, found.suggestions);
        return problem(
          render(this.#lang, 'cli.init.unknownRegion', {
            provider: name,
            region: answer.trim(),
            ...(hint ? { suggestion: hint } : {}),
          }),
        );
      },
    });
    if (region !== undefined) this.#lastRegion.set(provider, region);
    return region;
  }

  /** Where something runs: a provider (asked with `text`), and its region when the provider is regional. */
  async #where(text: string, hint: string, what: string, fallback: string): Promise<Where | undefined> {
    const provider = await this.#p.ask({ text, hint, default: fallback, parse: (a) => this.#provider(a) });
    if (provider === undefined) return undefined;
    const region = await this.#region(provider, what);
    return region === undefined ? { provider } : { provider, region };
  }

  #listProviders(): void {
    this.#p.say(t(this.#lang, 'cli.init.providers'));
    this.#providers.forEach((p, i) => {
      this.#p.say(`  ${String(i + 1).padStart(2)}  ${p.id.padEnd(18)} ${p.name}`);
    });
  }

  async #services(): Promise<ServiceAnswer[]> {
    const names = await this.#p.ask({
      text: t(this.#lang, 'cli.init.askServices'),
      hint: t(this.#lang, 'cli.init.hintServices'),
      parse: (a) => this.#names(a, true),
    });
    this.#listProviders();
    const out: ServiceAnswer[] = [];
    let last = '?';
    for (const name of names) {
      const where = await this.#where(
        t(this.#lang, 'cli.init.askRunsOn', { service: name }),
        t(this.#lang, 'cli.init.hintRunsOn'),
        name,
        last,
      );
      last = where?.provider ?? '?';
      if (where !== undefined) this.#kept.add(norm(where.provider));
      out.push(where ? { name, runsOn: where } : { name });
    }
    return out;
  }

  #kindLabel(k: SupplierKind): string {
    return t(this.#lang, `cli.init.kind.${k}`);
  }

  #kind(answer: string): Parsed<SupplierKind> {
    const a = norm(answer);
    if (/^[0-9]+$/.test(a)) {
      const k = SUPPLIER_KINDS[Number(a) - 1];
      if (k) return ok(k);
    }
    for (const k of SUPPLIER_KINDS) {
      const labels = [k, t('en', `cli.init.kind.${k}`), t('fr', `cli.init.kind.${k}`)].map(norm);
      if (labels.includes(a)) return ok(k);
    }
    return problem(t(this.#lang, 'cli.init.badKind', { max: SUPPLIER_KINDS.length }));
  }

  #usedBy(answer: string, services: readonly ServiceAnswer[]): Parsed<number[]> {
    const a = norm(answer);
    if (ALL.has(a)) return ok(services.map((_, i) => i));
    if (NONE.has(a)) return ok([]);
    const names = services.map((s) => s.name);
    const out = new Set<number>();
    for (const item of splitList(answer)) {
      const w = norm(item);
      const n = /^[0-9]+$/.test(w) ? Number(w) - 1 : names.findIndex((s) => norm(s) === w || idOf(s) === w);
      if (n < 0 || n >= services.length) {
        const hint = suggest(item, names);
        return problem(
          render(this.#lang, 'cli.init.badService', {
            service: item,
            services: names.join(', '),
            ...(hint ? { suggestion: hint } : {}),
          }),
        );
      }
      out.add(n);
    }
    return ok([...out].sort((x, y) => x - y));
  }

  async #supplier(name: string, services: readonly ServiceAnswer[]): Promise<SupplierAnswer> {
    const lang = this.#lang;
    const found = this.#catalogue.lookupProvider(name);
    let place: Where;
    let runsOn: Where[] = [];
    if (found.known) {
      // The catalogue knows it (Microsoft 365): its provider id, and where it runs, from there.
      const info = this.#catalogue.provider(found.id)!;
      const provider = `${info.id} (${info.name})`;
      this.#p.say(
        info.hostedOn.length > 0
          ? t(lang, 'cli.init.cataloguedHosted', {
              supplier: name,
              provider,
              hostedOn: info.hostedOn.map((h) => this.#providerName(h)).join(', '),
            })
          : t(lang, 'cli.init.catalogued', { supplier: name, provider }),
      );
      const region = await this.#region(info.id, name);
      place = region === undefined ? { provider: info.id } : { provider: info.id, region };
    } else place = { provider: idOf(name) || name };
    const kind = await this.#p.ask({
      text: t(lang, 'cli.init.askKind', { supplier: name }),
      hint: SUPPLIER_KINDS.map((k, i) => `${i + 1} ${this.#kindLabel(k)}`).join(', '),
      default: this.#kindLabel('other'),
      parse: (a) => this.#kind(a),
    });
    if (!found.known) {
      const where = await this.#where(
        t(lang, 'cli.init.askSupplierRunsOn', { supplier: name }),
        t(lang, 'cli.init.hintSupplierRunsOn'),
        name,
        '?',
      );
      if (where) runsOn = [where];
    }
    const usedBy = await this.#p.ask({
      text: t(lang, 'cli.init.askUsedBy', { supplier: name }),
      hint: t(lang, 'cli.init.hintUsedBy', {
        services: services.map((s, i) => `${i + 1} ${s.name}`).join(', '),
      }),
      default: t(lang, 'cli.init.all'),
      parse: (a) => this.#usedBy(a, services),
    });
    return { name, kind, place, runsOn, usedBy };
  }

  async run(): Promise<InitAnswers> {
    const lang = this.#lang;
    const company = await this.#p.ask<string>({
      text: t(lang, 'cli.init.askName'),
      parse: (a) => (a === '' ? problem(t(lang, 'cli.init.needName')) : ok(a)),
    });
    const services = await this.#services();
    const supplierNames = await this.#p.ask({
      text: t(lang, 'cli.init.askSuppliers'),
      hint: t(lang, 'cli.init.hintSuppliers'),
      default: t(lang, 'cli.init.none'),
      parse: (a) => this.#names(a, false),
    });
    const suppliers: SupplierAnswer[] = [];
    for (const name of supplierNames) suppliers.push(await this.#supplier(name, services));
    return { company, services, suppliers };
  }
}

/** Asks the questions of `bascule init` in a terminal; throws BASCULE_E_INIT_STOPPED at the end of input. */
export function askInit(prompter: Prompter, lang: Lang, catalogue: Catalogue): Promise<InitAnswers> {
  return new InitQuestions(prompter, lang, catalogue).run();
}
