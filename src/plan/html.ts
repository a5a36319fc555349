/**
 * The plan as one self-contained HTML page, readable on screen and made to be printed: a table of
 * contents, each section on a new page, no table row or message split across pages, table headers
 * repeated on every page, the dependency pictures inline (SVG). No script, nothing fetched.
 */
import type { Block, Cell } from '../i18n/documents/plan.ts';
import type { Lang } from '../i18n/index.ts';
import { esc } from '../report/html/escape.ts';
import { legend } from '../report/html/page.ts';

/** Beyond this many entries under one section, the table of contents lists the section only. */
const MAX_TOC_CHILDREN = 25;

/** The printed page's right margin, where the PDF's table of contents puts its page numbers. */
export const PAGE_MARGIN_RIGHT_MM = 14;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#0f172a;background:#fff}
main{max-width:1100px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:26px;margin:0 0 12px}
h2{font-size:20px;margin:32px 0 10px;padding-bottom:4px;border-bottom:2px solid #1e3a8a;color:#1e3a8a}
h3{font-size:16px;margin:22px 0 8px}
table{border-collapse:collapse;width:100%;margin:8px 0 14px;font-size:13px}
th{text-align:left;background:#e2e8f0;padding:5px 8px;border:1px solid #cbd5e1}
td{padding:5px 8px;border:1px solid #cbd5e1;vertical-align:top}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:8px 0 16px}
dt{font-weight:600}
dd{margin:0}
.ok{color:#15803d;font-weight:600}
.bad{color:#b91c1c;font-weight:700}
.warn{color:#b45309;font-weight:600}
.muted{color:#64748b}
p.bad,p.warn,p.ok{border-left:4px solid currentColor;padding:2px 10px}
.toc ol{margin:4px 0;padding-left:22px}
.toc a{color:#1e3a8a;text-decoration:none}
figure{margin:10px 0 18px;border:1px solid #e2e8f0;border-radius:8px;padding:8px}
figure svg{max-width:100%;height:auto;display:block;margin:0 auto}
figcaption{font-size:12px;color:#475569;text-align:center;margin-top:4px}
.legend{display:flex;gap:6px 16px;flex-wrap:wrap;justify-content:center;font-size:11px;color:#475569;margin:6px 0 0}
.legend i{display:inline-block;width:14px;height:10px;border-radius:3px;margin-right:5px;vertical-align:middle}
.message{border:1px solid #cbd5e1;border-radius:8px;padding:8px 14px;margin:10px 0;background:#f8fafc}
.message h4{margin:0 0 4px;font-size:13px;color:#334155}
.message .subject{font-weight:600;margin:0 0 4px}
.message .body{white-space:pre-wrap;margin:0}
@media screen and (max-width:640px){
  main{padding:12px 10px 32px}
  h1{font-size:21px}
  table{display:block;overflow-x:auto;max-width:100%}
  td,th{overflow-wrap:anywhere;min-width:5.5em}
  dl{grid-template-columns:1fr}
  dd{margin-bottom:6px}
}
@page{size:A4;margin:16mm ${PAGE_MARGIN_RIGHT_MM}mm 18mm}
@page wide{size:A4 landscape}
@media print{
  body{font-size:11pt}
  main{max-width:none;padding:0}
  .break{break-before:page}
  h2,h3{break-after:avoid}
  tr,.message,figure,dl,.keep{break-inside:avoid}
  figure svg{width:auto;max-height:200mm}
  .wide{page:wide}
  .wide figure svg{max-height:140mm}
  thead{display:table-header-group}
  table{break-inside:auto}
  a{color:inherit}
  .toc>ol{padding-right:12mm}
}
`;

const cell = (c: Cell): string =>
  typeof c === 'string' ? esc(c) : `<span class="${c.tone}">${esc(c.text)}</span>`;

function toc(blocks: readonly Block[], title: string): string {
  const items: string[] = [];
  let children: string[] = [];
  let open = '';
  const flush = () => {
    if (!open) return;
    const sub =
      children.length > 0 && children.length <= MAX_TOC_CHILDREN ? `<ol>${children.join('')}</ol>` : '';
    items.push(`<li>${open}${sub}</li>`);
    children = [];
  };
  for (const b of blocks) {
    if (b.kind !== 'h' || b.level === 1) continue;
    const link = `<a href="#${esc(b.id)}">${esc(b.text)}</a>`;
    if (b.level === 2) {
      flush();
      open = link;
    } else children.push(`<li>${link}</li>`);
  }
  flush();
  return `<nav class="toc" aria-label="${esc(title)}"><h2 id="toc">${esc(title)}</h2><ol style="list-style:none;padding-left:0">${items.join('')}</ol></nav>`;
}

export function planHtml(
  blocks: readonly Block[],
  lang: Lang,
  title: string,
  figures: ReadonlyMap<string, string>,
): string {
  const out: string[] = [];
  // What the boxes and marks of the pictures mean, in the plan's language.
  const key = legend(lang, false);
  let brk = false;
  // A service's page (its heading, facts and picture) is kept on one printed page.
  let keep = false;
  const closeKeep = () => {
    if (keep) out.push('</section>');
    keep = false;
  };
  for (const b of blocks) {
    switch (b.kind) {
      case 'break':
        brk = true;
        break;
      case 'h': {
        closeKeep();
        const cls = brk ? ' class="break"' : '';
        brk = false;
        if (b.id.startsWith('service-')) {
          out.push('<section class="keep">');
          keep = true;
        }
        out.push(`<h${b.level} id="${esc(b.id)}"${cls}>${esc(b.text)}</h${b.level}>`);
        break;
      }
      case 'p':
        out.push(b.tone ? `<p class="${b.tone}">${esc(b.text)}</p>` : `<p>${esc(b.text)}</p>`);
        break;
      case 'ul':
      case 'ol':
        out.push(`<${b.kind}>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</${b.kind}>`);
        break;
      case 'table':
        out.push(
          `<table><thead><tr>${b.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
            .map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`,
        );
        break;
      case 'figure': {
        const svg = figures.get(b.service ?? '');
        if (!svg) break;
        const figure = `<figure>${svg}${key}<figcaption>${esc(b.caption)}</figcaption></figure>`;
        if (b.service !== undefined) {
          out.push(figure);
          break;
        }
        // The whole map is wide: printed on a landscape page of its own, with the headings just
        // before it (the section's and its own), so that none is left alone on a page.
        let headings = '';
        for (let i = 0; i < 2 && out.at(-1)?.startsWith('<h'); i++) headings = out.pop() + headings;
        out.push(`<section class="wide">${headings}${figure}</section>`);
        break;
      }
      case 'message':
        out.push(
          `<div class="message"><h4>${esc(b.title)}</h4>${b.subject ? `<p class="subject">${esc(b.subject)}</p>` : ''}<p class="body">${esc(b.body)}</p></div>`,
        );
        break;
      case 'dl':
        out.push(`<dl>${b.items.map(([t, d]) => `<dt>${esc(t)}</dt><dd>${esc(d)}</dd>`).join('')}</dl>`);
        break;
      case 'toc':
        out.push(toc(blocks, b.title));
        break;
    }
  }
  closeKeep();
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Bascule">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${out.join('\n')}
</main>
</body>
</html>
`;
}
