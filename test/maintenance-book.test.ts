/**
 * The daemon's book of maintenance windows (pure, the clock passed in): which window silences a
 * service at a time, what started and ended between two steps (a deleted running window ends too),
 * and windows over forgotten; loaded from a real store with the windows not over.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MaintenanceBook } from '../src/daemon/maintenance-book.ts';
import type { MaintenanceWindow } from '../src/store/maintenance.ts';
import { MemoryStore } from '../src/store/memory.ts';

const T0 = Date.UTC(2026, 11, 24, 21, 0, 0);
const H = 3_600_000;
const w = (
  id: string,
  start: number,
  end: number,
  over: Partial<MaintenanceWindow> = {},
): MaintenanceWindow => ({
  id,
  title: { en: id },
  services: ['checkout'],
  start,
  end,
  silence: true,
  createdAt: T0 - H,
  createdBy: 'operator',
  ...over,
});

describe('maintenance book', () => {
  it('silences a service only while a silencing window that names it runs, the earliest first', () => {
    const book = new MaintenanceBook();
    book.put(w('mw-b', T0 + H, T0 + 3 * H));
    book.put(w('mw-a', T0, T0 + 2 * H));
    book.put(w('mw-quiet', T0 - H, T0 + 4 * H, { silence: false }));
    book.put(w('mw-blog', T0 - H, T0 + 4 * H, { services: ['blog'] }));
    assert.equal(book.silencing('checkout', T0 - 1), undefined, 'not begun');
    assert.equal(book.silencing('checkout', T0), 'mw-a', 'from its start');
    assert.equal(book.silencing('checkout', T0 + 1.5 * H), 'mw-a', 'the earliest of two');
    assert.equal(book.silencing('checkout', T0 + 2 * H), 'mw-b', 'its end excluded');
    assert.equal(book.silencing('checkout', T0 + 3 * H), undefined);
    assert.equal(book.silencing('blog', T0), 'mw-blog');
    assert.equal(book.silencing('api', T0), undefined);
  });

  it('says what started and ended between steps, a deleted running window included, and forgets what is over', () => {
    const book = new MaintenanceBook();
    book.put(w('mw-a', T0, T0 + 2 * H));
    book.put(w('mw-b', T0 + H, T0 + 3 * H));
    const step = (at: number) => book.step(at).map((n) => `${n.kind} ${n.window.id}`);
    assert.deepEqual(step(T0 - 1), []);
    assert.deepEqual(step(T0), ['started mw-a']);
    assert.deepEqual(step(T0 + 1), [], 'once');
    assert.deepEqual(step(T0 + 2.5 * H), ['ended mw-a', 'started mw-b']);
    book.remove('mw-b');
    assert.deepEqual(step(T0 + 2.6 * H), ['ended mw-b']);
    assert.equal(book.get('mw-a'), undefined, 'over: forgotten');
    assert.deepEqual(book.list({}), []);
  });

  it('loads the windows not over from the store', async () => {
    const store = new MemoryStore();
    await store.saveMaintenance(w('mw-past', T0 - 3 * H, T0 - 2 * H));
    await store.saveMaintenance(w('mw-now', T0 - H, T0 + H));
    await store.saveMaintenance(w('mw-later', T0 + H, T0 + 2 * H));
    const book = await MaintenanceBook.load(store, T0);
    assert.deepEqual(
      book.list({}).map((x) => x.id),
      ['mw-now', 'mw-later'],
    );
    assert.equal(book.silencing('checkout', T0), 'mw-now');
  });
});
