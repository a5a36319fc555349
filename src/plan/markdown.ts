/**
 * The plan as Markdown, to keep under version control next to bascule.yaml: headings with their
 * anchors, a table of contents, GitHub tables, messages as quotes. A figure is named with what it
 * shows (pictures are in the HTML and PDF).
 */
import type { Block, Cell } from '../i18n/documents/plan.ts';
import type { Lang } from '../i18n/index.ts';

/** Text in a Markdown table cell or line: pipes, backslashes, HTML and emphasis characters escaped. */
export function mdText(text: string): string {
  return text.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\r?\n/g, ' ');
}
const cell = (c: Cell): string => {
  const t = typeof c === 'string' ? c : c.text;
  return typeof c !== 'string' && (c.tone === 'bad' || c.tone === 'warn') ? `**${mdText(t)}**` : mdText(t);
};

export function planMarkdown(
  blocks: readonly Block[],
  lang: Lang,
  figureText: (service: string | undefined) => string,
): string {
  // French puts a space before a colon.
  const colon = lang === 'fr' ? ' : ' : ': ';
  const out: string[] = [];
  const headings = blocks.filter((b) => b.kind === 'h' && b.level === 2) as Extract<Block, { kind: 'h' }>[];
  for (const b of blocks) {
    switch (b.kind) {
      case 'h':
        out.push(`${'#'.repeat(b.level)} ${mdText(b.text)} <a id="${b.id}"></a>`, '');
        break;
      case 'p':
        out.push(b.tone === 'bad' || b.tone === 'warn' ? `**${mdText(b.text)}**` : mdText(b.text), '');
        break;
      case 'ul':
      case 'ol':
        b.items.forEach((item, i) => {
          out.push(`${b.kind === 'ol' ? `${i + 1}.` : '-'} ${mdText(item)}`);
        });
        out.push('');
        break;
      case 'table':
        out.push(`| ${b.head.map(mdText).join(' | ')} |`, `|${b.head.map(() => ' --- |').join('')}`);
        for (const r of b.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
        out.push('');
        break;
      case 'figure':
        out.push(`*${mdText(b.caption)}*${colon}${mdText(figureText(b.service))}`, '');
        break;
      case 'message':
        out.push(`**${mdText(b.title)}**`, '');
        if (b.subject) out.push(`> **${mdText(b.subject)}**`, '>');
        for (const line of b.body.split('\n')) out.push(line ? `> ${mdText(line)}` : '>');
        out.push('');
        break;
      case 'dl':
        for (const [term, text] of b.items) out.push(`- **${mdText(term)}**${colon}${mdText(text)}`);
        out.push('');
        break;
      case 'toc':
        out.push(`**${mdText(b.title)}**`, '');
        for (const h of headings) out.push(`- [${mdText(h.text)}](#${h.id})`);
        out.push('');
        break;
      default:
        break;
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
