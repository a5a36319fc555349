/**
 * What Chromium's print leaves to do on the plan's PDF, in one pass over it (pdf-lib): the page
 * number of each table-of-contents entry written at the right of its line, the headings as
 * bookmarks (the outline), and the file written with object streams. Where each heading landed is
 * read from the named destinations Chromium writes for every element a link points to.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFPage,
  type PDFRef,
  rgb,
  StandardFonts,
  setCharacterSpacing,
  setCharacterSqueeze,
  setTextRise,
  setWordSpacing,
} from '@cantoo/pdf-lib';

export interface Heading {
  readonly id: string;
  readonly level: 2 | 3;
  readonly text: string;
}

/** Where the ToC sits: the ids of a mark at its start and at its end (both named destinations). */
export interface TocMarks {
  readonly start: string;
  readonly end: string;
}

/** The page (0-based) and height (PDF points from the bottom) an element starts at. */
export interface Landing {
  readonly page: number;
  readonly y: number;
}

/** The ToC's numbers: the size of the text they sit beside, and the page's right margin. */
const NUMBER_SIZE = 11;
const NUMBER_COLOR = rgb(0.06, 0.09, 0.16);
const LEADER_COLOR = rgb(0.58, 0.64, 0.72);

/** Where each named destination of the document lands. */
export function landings(doc: PDFDocument): Map<string, Landing> {
  const pages = new Map<string, number>();
  for (const [i, p] of doc.getPages().entries()) pages.set(p.ref.toString(), i);
  const out = new Map<string, Landing>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) return out;
  for (const [name, value] of dests.entries()) {
    const dest = doc.context.lookup(value);
    const array = dest instanceof PDFDict ? dest.lookupMaybe(PDFName.of('D'), PDFArray) : dest;
    if (!(array instanceof PDFArray)) continue;
    const page = pages.get(array.get(0).toString());
    const y = array.lookupMaybe(3, PDFNumber)?.asNumber();
    if (page !== undefined) out.set(name.decodeText(), { page, y: y ?? 0 });
  }
  return out;
}

/** The links of a page that point to a named destination: the name and the rectangle. */
function namedLinks(page: PDFPage): { name: string; rect: number[] }[] {
  const annots = page.node.Annots();
  if (!annots) return [];
  const out: { name: string; rect: number[] }[] = [];
  for (let i = 0; i < annots.size(); i++) {
    const a = annots.lookup(i);
    if (!(a instanceof PDFDict) || a.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue;
    const dest = a.get(PDFName.of('Dest'));
    const rect = a.lookupMaybe(PDFName.of('Rect'), PDFArray);
    if (!(dest instanceof PDFName) || !rect) continue;
    out.push({
      name: dest.decodeText(),
      rect: rect.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : 0)),
    });
  }
  return out;
}

/**
 * Writes at the right margin of each ToC line the page its entry lands on, with a dotted leader.
 * Only the pages from the ToC's start mark to its end mark are touched; a line broken over two
 * fragments gets its number on the last.
 */
async function numberToc(
  doc: PDFDocument,
  where: ReadonlyMap<string, Landing>,
  toc: TocMarks,
  rightMargin: number,
): Promise<number> {
  const first = where.get(toc.start)?.page;
  const last = where.get(toc.end)?.page;
  if (first === undefined || last === undefined) return 0;
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const space = font.widthOfTextAtSize(' ', NUMBER_SIZE);
  // Measured apart: the width of '. ' counts a kerning pair that drawing does not apply.
  const unit = font.widthOfTextAtSize('.', NUMBER_SIZE) + space;
  let numbered = 0;
  for (let p = first; p <= last; p++) {
    const page = doc.getPage(p);
    const right = page.getWidth() - rightMargin;
    const lines = new Map<string, number[]>();
    for (const link of namedLinks(page)) if (where.has(link.name)) lines.set(link.name, link.rect);
    if (lines.size === 0) continue;
    // Chromium's content leaves its text state set (word spacing of justified lines…): reset it.
    page.pushOperators(setCharacterSpacing(0), setWordSpacing(0), setCharacterSqueeze(100), setTextRise(0));
    for (const [name, [, y1 = 0, x2 = 0, y2 = 0]] of lines) {
      const text = String(where.get(name)!.page + 1);
      const width = font.widthOfTextAtSize(text, NUMBER_SIZE);
      // The link's rectangle is the text's line box: the baseline is a fifth of it up.
      const baseline = y1 + (y2 - y1) * 0.21;
      const style = { y: baseline, size: NUMBER_SIZE, font };
      page.drawText(text, { ...style, x: right - width, color: NUMBER_COLOR });
      // A dotted leader from the entry's text to its number.
      const to = right - width - 4;
      const dots = Math.floor((to - x2 - 6) / unit);
      if (dots > 1)
        page.drawText('. '.repeat(dots).trimEnd(), {
          ...style,
          x: to - (dots * unit - space),
          color: LEADER_COLOR,
        });
      numbered++;
    }
  }
  return numbered;
}

/** The document's outline: one bookmark per heading that landed, those of level 3 under their level 2. */
function outline(doc: PDFDocument, headings: readonly Heading[], where: ReadonlyMap<string, Landing>): void {
  const { context } = doc;
  interface Item {
    readonly ref: PDFRef;
    readonly dict: PDFDict;
    readonly children: Item[];
  }
  const item = (h: Heading, parent: PDFRef): Item | undefined => {
    const at = where.get(h.id);
    if (!at) return undefined;
    const dict = context.obj({
      Title: PDFHexString.fromText(h.text),
      Parent: parent,
      Dest: [doc.getPage(at.page).ref, 'XYZ', null, at.y, null],
    });
    return { ref: context.register(dict), dict, children: [] };
  };
  const rootDict = context.obj({ Type: 'Outlines' });
  const root: Item = { ref: context.register(rootDict), dict: rootDict, children: [] };
  let section: Item | undefined;
  for (const h of headings) {
    const parent = h.level === 3 && section ? section : root;
    const it = item(h, parent.ref);
    if (!it) continue;
    parent.children.push(it);
    if (h.level === 2) section = it;
  }
  if (root.children.length === 0) return;
  // The sections are listed, each folded over its subsections (a negative count: closed).
  const chain = (parent: Item): void => {
    const kids = parent.children;
    for (const [i, kid] of kids.entries()) {
      if (i > 0) kid.dict.set(PDFName.of('Prev'), kids[i - 1]!.ref);
      if (i < kids.length - 1) kid.dict.set(PDFName.of('Next'), kids[i + 1]!.ref);
      if (kid.children.length) {
        kid.dict.set(PDFName.of('Count'), PDFNumber.of(-kid.children.length));
        chain(kid);
      }
    }
    parent.dict.set(PDFName.of('First'), kids[0]!.ref);
    parent.dict.set(PDFName.of('Last'), kids[kids.length - 1]!.ref);
  };
  chain(root);
  root.dict.set(PDFName.of('Count'), PDFNumber.of(root.children.length));
  doc.catalog.set(PDFName.of('Outlines'), root.ref);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/**
 * The finished PDF: the ToC numbered (if its marks landed), the outline, object streams. `rightMargin`
 * is the page's right margin in points, where the numbers end.
 */
export async function finishPdf(
  pdf: Uint8Array,
  headings: readonly Heading[],
  toc: TocMarks,
  rightMargin: number,
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const where = landings(doc);
  await numberToc(doc, where, toc, rightMargin);
  outline(doc, headings, where);
  // The marks were only for finding the ToC: no reader needs their names.
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const mark of [toc.start, toc.end]) dests?.delete(PDFName.of(mark));
  return doc.save({ useObjectStreams: true });
}
