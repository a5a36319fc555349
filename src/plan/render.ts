/**
 * `bascule plan`: the plan built from its inputs, written in the chosen language (its template),
 * then as Markdown, HTML (with the dependency pictures) or PDF (the HTML printed by Chromium).
 */
import type { Browser } from 'playwright-core';
import { planBlocks } from '../i18n/documents/plan.ts';
import type { Lang } from '../i18n/index.ts';
import { type BuiltPlan, buildPlan, type PlanInput } from './build.ts';
import { drawFigures } from './figures.ts';
import { planHtml } from './html.ts';
import { planMarkdown } from './markdown.ts';
import type { PdfStep } from './pdf.ts';

export type PlanFormat = 'md' | 'html' | 'pdf';

const TITLE: Readonly<Record<Lang, (company: string) => string>> = {
  en: (c) => `Business continuity plan — ${c}`,
  fr: (c) => `Plan de continuité d’activité — ${c}`,
};

/** The ids of the components a picture holds, for the Markdown (which has no pictures). */
function figureText(built: BuiltPlan, input: PlanInput, service: string | undefined): string {
  const { graph } = input;
  const nodes = service === undefined ? undefined : built.figures.get(service);
  const ids = graph.components
    .filter((c) => nodes === undefined || nodes.has(c))
    .map((c) => graph.ids[c]!)
    .filter((id) => Object.hasOwn(input.config.components, id));
  return ids.join(', ') || '—';
}

/** The steps of rendering, timed for the benchmark: the plan's view, its pictures, the HTML, the print's. */
export type PlanStep = 'view' | 'figures' | 'html' | PdfStep;
export type OnStep = (step: PlanStep, ms: number) => void;

/** Times each step for `onStep`, if given. */
function stepper(onStep: OnStep | undefined): (step: PlanStep) => void {
  let t = performance.now();
  return (step) => {
    const now = performance.now();
    onStep?.(step, now - t);
    t = now;
  };
}

export async function renderPlanHtml(
  input: PlanInput,
  onStep?: OnStep,
): Promise<{ html: string; title: string }> {
  const step = stepper(onStep);
  const built = buildPlan(input);
  const blocks = planBlocks(built.view, input.lang);
  const title = TITLE[input.lang](input.config.name);
  const spofs = new Set(input.analysis.singlePointsOfFailure.map((s) => s.component));
  step('view');
  const figures = await drawFigures(
    input.graph,
    input.lang,
    spofs,
    built.figures,
    built.view.mapDrawn,
    (s) => (s === undefined ? title : `${title}: ${s}`),
  );
  step('figures');
  const html = planHtml(blocks, input.lang, title, figures);
  step('html');
  return { html, title };
}

export function renderPlanMarkdown(input: PlanInput): string {
  const built = buildPlan(input);
  return planMarkdown(planBlocks(built.view, input.lang), input.lang, (s) => figureText(built, input, s));
}

export async function renderPlanPdf(
  input: PlanInput,
  chromium: string,
  browser?: Browser,
  onStep?: OnStep,
): Promise<Uint8Array> {
  const { html, title } = await renderPlanHtml(input, onStep);
  const { planPdf } = await import('./pdf.ts');
  return planPdf(html, title, chromium, browser, onStep);
}
