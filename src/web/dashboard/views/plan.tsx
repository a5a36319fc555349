/**
 * The continuity plan (« PCA »): the daemon's current plan in a frame (its own HTML, under its own
 * Content-Security-Policy: no script, nothing fetched), in the dashboard's language, with links to
 * download it as Markdown, HTML or PDF (GET /api/v1/plan).
 */
import type { Words } from './parts.tsx';

const FORMATS = ['md', 'html', 'pdf'] as const;

export function Plan({ t, lang }: Words) {
  const url = (format: string) => `/api/v1/plan?lang=${lang}&format=${format}`;
  return (
    <section aria-labelledby="plan-title" class="plan-view">
      <h1 id="plan-title">{t('dash.plan.title')}</h1>
      <p class="muted">{t('dash.plan.intro')}</p>
      <p class="plan-downloads">
        <span>{t('dash.labelled', { label: t('dash.plan.download') })}</span>
        {FORMATS.map((f) => (
          <a key={f} class="button" href={url(f)} download={`plan-${lang}.${f}`} data-format={f}>
            {t(`dash.plan.${f}`)}
          </a>
        ))}
      </p>
      <iframe class="plan-frame" title={t('dash.plan.frame')} src={url('html')} key={lang} />
    </section>
  );
}
