/**
 * The operator's writes against a real listening API (127.0.0.1:0) over a real memory store and the
 * daemon's own maintenance book: incident updates (the public status follows the last one; a closed
 * incident takes only `resolved`), maintenance windows (create, list, read, edit, end, delete, with
 * the services checked against the map and the book's silences following at once), each with a
 * good body, bad bodies naming their field (in English and French), and no or a wrong token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LiveEvent } from '../src/server/live.ts';
import { MAX_PLANNED } from '../src/server/maintenance-routes.ts';
import type { MaintenanceWindow } from '../src/store/maintenance.ts';
import {
  type Answer,
  type Fake,
  OFFICE,
  OPERATOR,
  STRING_ID,
  startApi,
  type TestApi,
} from './helpers/api.ts';

const CLOSED_ID = 'checkout@2026-11-28T00:00:00.000Z';
const updates = (id: string) => `/api/v1/incidents/${encodeURIComponent(id)}/updates`;
const H = 3_600_000;

/** Every event the feed publishes from now on, as a list the test reads. */
function events(fake: Fake): LiveEvent[] {
  const seen: LiveEvent[] = [];
  fake.live.subscribe(undefined, (e) => seen.push(e));
  return seen;
}

function badRequest(r: Answer, field: string, what: string) {
  assert.equal(r.status, 400, `${what}: ${r.text}`);
  assert.equal(r.json.error?.code, 'BASCULE_E_HTTP_BAD_REQUEST', what);
  assert.match(
    r.json.error?.message ?? '',
    new RegExp(`^${field.replaceAll('.', '\\.')} : |^${field.replaceAll('.', '\\.')}: `),
    what,
  );
}

describe('HTTP API: writes', () => {
  let api: TestApi;
  let fake: Fake;
  before(async () => {
    api = await startApi();
    fake = api.fake;
  });
  after(() => api.server.stop());
  const call: TestApi['call'] = (...a) => api.call(...a);
  const send = (method: string, path: string, body: unknown, o: { token?: string; lang?: string } = {}) =>
    call(path, {
      method,
      token: o.token ?? OPERATOR,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...(o.lang ? { headers: { 'accept-language': o.lang } } : {}),
    });

  describe('incident updates', () => {
    it('posts an update: stored, on the live feed, and the public status follows the last one', async () => {
      const seen = events(fake);
      const message = { fr: 'Nous cherchons la cause des erreurs 503.', en: 'We are looking into the 503s.' };
      const r = await send('POST', updates(STRING_ID), { status: 'investigating', message });
      assert.equal(r.status, 201, r.text);
      const posted = r.json as unknown as {
        update: { id: string; incident: string; at: number; status: string; message: object; who: string };
        incident: { id: string; status: string; updates: unknown[] };
      };
      assert.equal(posted.update.incident, STRING_ID);
      assert.deepEqual(posted.update.message, message);
      assert.equal(posted.update.at, fake.clock.now());
      assert.equal(posted.update.who, 'operator@127.0.0.1');
      assert.equal(posted.incident.status, 'investigating');
      fake.clock.t += 60_000;
      const second = await send('POST', updates(STRING_ID), {
        status: 'identified',
        message: { en: '  A full disk on the payment database.  ' },
      });
      assert.equal(second.status, 201, second.text);
      const one = await call(`/api/v1/incidents/${encodeURIComponent(STRING_ID)}`, { token: OPERATOR });
      const detail = one.json as unknown as {
        status: string;
        updates: { status: string; message: object }[];
      };
      assert.equal(detail.status, 'identified', 'the last update’s');
      assert.deepEqual(
        detail.updates.map((u) => [u.status, u.message]),
        [
          ['investigating', message],
          ['identified', { en: 'A full disk on the payment database.' }],
        ],
        'oldest first, trimmed',
      );
      const list = (await call('/api/v1/incidents', { token: OPERATOR })).json as unknown as {
        incidents: { id: string; status: string; updates: unknown[] }[];
      };
      assert.deepEqual(
        list.incidents.map((i) => [i.id, i.status, i.updates.length]),
        [
          [CLOSED_ID, 'resolved', 0],
          [STRING_ID, 'identified', 2],
        ],
        'a closed incident is resolved whatever was posted',
      );
      assert.deepEqual(
        seen.filter((e) => e.type === 'incident-update').map((e) => (e.data as { status: string }).status),
        ['investigating', 'identified'],
      );
      assert.equal((await fake.store.incidentUpdates([STRING_ID])).length, 2, 'stored');
    });

    it('takes only `resolved` on an incident the monitor closed', async () => {
      const refused = await send('POST', updates(CLOSED_ID), { status: 'monitoring', message: { en: 'x' } });
      assert.deepEqual([refused.status, refused.json.error?.code], [409, 'BASCULE_E_HTTP_INCIDENT_CLOSED']);
      const note = await send('POST', updates(CLOSED_ID), {
        status: 'resolved',
        message: { fr: 'Cause : une mise à jour du pilote de stockage. Post-mortem à venir.' },
      });
      assert.equal(note.status, 201, note.text);
      assert.equal((await fake.store.incidentUpdates([CLOSED_ID])).length, 1);
    });

    it('answers 400 naming the field for each bad body, in the caller’s language', async () => {
      const ok = { status: 'monitoring', message: { en: 'fixed, watching' } };
      for (const [body, field] of [
        [{ message: ok.message }, 'status'],
        [{ ...ok, status: 'fixed' }, 'status'],
        [{ status: 'monitoring' }, 'message'],
        [{ ...ok, message: {} }, 'message'],
        [{ ...ok, message: { en: '   ' } }, 'message.en'],
        [{ ...ok, message: { en: 'x'.repeat(2001) } }, 'message.en'],
        [{ ...ok, message: { de: 'behoben' } }, 'message.de'],
        [{ ...ok, message: 'fixed' }, 'message'],
        [{ ...ok, note: 'x' }, 'note'],
        [[ok], 'body'],
      ] as const) {
        badRequest(await send('POST', updates(STRING_ID), body), field, JSON.stringify(body));
      }
      const fr = await send('POST', updates(STRING_ID), { ...ok, message: {} }, { lang: 'fr-FR' });
      assert.equal(
        fr.json.error?.message,
        'message : donnez le texte en français (fr), en anglais (en) ou dans les deux langues',
      );
      const en = await send('POST', updates(STRING_ID), { ...ok, message: { en: 'x'.repeat(2001) } });
      assert.equal(en.json.error?.message, 'message.en: at most 2000 characters');
      const json = await send('POST', updates(STRING_ID), '{"status": ');
      assert.deepEqual([json.status, json.json.error?.code], [400, 'BASCULE_E_HTTP_BAD_JSON']);
      const text = await call(updates(STRING_ID), {
        method: 'POST',
        token: OPERATOR,
        body: 'fixed',
        headers: { 'content-type': 'text/plain' },
      });
      assert.deepEqual([text.status, text.json.error?.code], [415, 'BASCULE_E_HTTP_MEDIA_TYPE']);
      const unknown = await send('POST', updates('nothing@2026-01-01T00:00:00.000Z'), ok);
      assert.deepEqual([unknown.status, unknown.json.error?.code], [404, 'BASCULE_E_HTTP_INCIDENT_UNKNOWN']);
      assert.equal((await fake.store.incidentUpdates([STRING_ID])).length, 2, 'nothing stored');
    });

    it('refuses a post without the operator token, or with a wrong one or an agent’s, before reading it', async () => {
      for (const token of [undefined, 'wrong', OFFICE]) {
        const r = await call(updates(STRING_ID), {
          method: 'POST',
          ...(token ? { token } : {}),
          body: JSON.stringify({ status: 'resolved', message: { en: 'x' } }),
        });
        assert.deepEqual([r.status, r.json.error?.code], [401, 'BASCULE_E_HTTP_UNAUTHORIZED'], String(token));
        assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer /);
      }
      assert.equal((await fake.store.incidentUpdates([STRING_ID])).length, 2, 'nothing stored');
    });

    it('takes at most 100 updates on one incident', async () => {
      const other = await startApi();
      try {
        for (let i = 0; i < 100; i++)
          await other.fake.store.appendIncidentUpdate({
            id: `u${i}`,
            incident: STRING_ID,
            at: i,
            status: 'monitoring',
            message: { en: `${i}` },
            who: 'operator',
          });
        const r = await other.call(updates(STRING_ID), {
          method: 'POST',
          token: OPERATOR,
          body: JSON.stringify({ status: 'resolved', message: { en: 'done' } }),
        });
        assert.deepEqual([r.status, r.json.error?.code], [409, 'BASCULE_E_HTTP_INCIDENT_UPDATES_FULL']);
      } finally {
        await other.server.stop();
      }
    });
  });

  describe('maintenance windows', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const window = (over: Record<string, unknown> = {}) => ({
      title: { fr: 'Migration de la base de paiement', en: 'Payment database migration' },
      services: ['checkout'],
      start: iso(fake.clock.now() - 60_000),
      end: iso(fake.clock.now() + H),
      ...over,
    });
    type Json = {
      id: string;
      state: string;
      start: string;
      end: string;
      silence: boolean;
      services: string[];
    };
    const create = async (over: Record<string, unknown> = {}) => {
      const r = await send('POST', '/api/v1/maintenance', window(over));
      assert.equal(r.status, 201, r.text);
      return r.json as unknown as Json;
    };

    it('plans a window: stored, on the live feed, and silencing its services at once', async () => {
      const seen = events(fake);
      const w = await create();
      assert.match(w.id, /^mw-[0-9a-f]{12}$/);
      assert.equal(w.state, 'active');
      assert.equal(w.silence, true, 'silences by default');
      assert.equal(fake.book.silencing('checkout', fake.clock.now()), w.id);
      assert.equal(fake.book.silencing('blog', fake.clock.now()), undefined);
      assert.equal((await fake.store.maintenanceWindow(w.id))?.createdBy, 'operator@127.0.0.1');
      const one = await call(`/api/v1/maintenance/${w.id}`, { token: OPERATOR });
      assert.deepEqual(one.json, w);
      assert.deepEqual(
        seen.map((e) => [e.type, (e.data as Json).id]),
        [['maintenance-saved', w.id]],
      );
      // No start: from now. `silence: false`: shown, not silencing.
      const quiet = await send('POST', '/api/v1/maintenance', {
        title: { en: 'Blog theme change' },
        services: ['blog', 'blog'],
        end: iso(fake.clock.now() + 2 * H),
        silence: false,
      });
      assert.equal(quiet.status, 201, quiet.text);
      const q = quiet.json as unknown as Json;
      assert.deepEqual([q.start, q.services, q.state], [iso(fake.clock.now()), ['blog'], 'active']);
      assert.equal(fake.book.silencing('blog', fake.clock.now()), undefined);
      for (const id of [w.id, q.id]) await send('DELETE', `/api/v1/maintenance/${id}`, undefined);
    });

    it('lists windows not over by default, and by activity or period when asked', async () => {
      const now = fake.clock.now();
      const planned = await create({ start: iso(now + 5 * H), end: iso(now + 6 * H) });
      await fake.store.saveMaintenance({
        id: 'mw-past',
        title: { en: 'old' },
        services: ['checkout'],
        start: now - 3 * H,
        end: now - 2 * H,
        silence: true,
        createdAt: now - 4 * H,
        createdBy: 'operator',
      });
      const ids = async (q: string) =>
        ((await call(`/api/v1/maintenance${q}`, { token: OPERATOR })).json.windows as Json[]).map(
          (w) => w.id,
        );
      const all = await ids('');
      assert.ok(all.includes(planned.id));
      assert.ok(!all.includes('mw-past'), 'not over only');
      assert.deepEqual(await ids(`?to=${iso(now - H)}&from=${iso(now - 4 * H)}`), ['mw-past']);
      assert.ok(!(await ids(`?activeAt=${iso(now)}`)).includes(planned.id));
      assert.deepEqual(await ids(`?activeAt=${iso(now + 5.5 * H)}`), [planned.id]);
      const listed = (await call('/api/v1/maintenance', { token: OPERATOR })).json.windows as Json[];
      assert.equal(listed.find((w) => w.id === planned.id)?.state, 'planned');
      badRequest(
        await call('/api/v1/maintenance?activeAt=tomorrow', { token: OPERATOR }),
        'activeAt',
        'query',
      );
      badRequest(await call('/api/v1/maintenance?limit=0', { token: OPERATOR }), 'limit', 'query');
      await send('DELETE', `/api/v1/maintenance/${planned.id}`, undefined);
    });

    it('answers 400 naming the field for each bad body; an unknown service with the closest one', async () => {
      const now = fake.clock.now();
      for (const [over, field] of [
        [{ services: ['chekout'] }, 'services.0'],
        [{ services: ['checkout', 'nope'] }, 'services.1'],
        [{ services: [] }, 'services'],
        [{ services: 'checkout' }, 'services'],
        [{ title: {} }, 'title'],
        [{ title: { en: 'x'.repeat(201) } }, 'title.en'],
        [{ title: undefined }, 'title'],
        [{ start: 'now' }, 'start'],
        [{ end: '2026-12-24 22:00' }, 'end'],
        [{ end: undefined }, 'end'],
        [{ start: iso(now + H), end: iso(now + H) }, 'end'],
        [{ start: iso(now - 2 * H), end: iso(now - H) }, 'end'],
        [{ silence: 'yes' }, 'silence'],
        [{ owner: 'me' }, 'owner'],
      ] as const) {
        const r = await send('POST', '/api/v1/maintenance', window(over as Record<string, unknown>));
        assert.equal(r.status, 400, `${JSON.stringify(over)}: ${r.text}`);
        assert.match(
          r.json.error?.message ?? '',
          new RegExp(`^${field.replace('.', '\\.')}: `),
          JSON.stringify(over),
        );
      }
      const typo = await send('POST', '/api/v1/maintenance', window({ services: ['chekout'] }));
      assert.equal(typo.json.error?.code, 'BASCULE_E_HTTP_SERVICE_UNKNOWN');
      assert.equal(
        typo.json.error?.message,
        'services.0: the map has no service "chekout" (services: checkout, blog) — did you mean "checkout"?',
      );
      const fr = await send('POST', '/api/v1/maintenance', window({ start: iso(now + H), end: iso(now) }), {
        lang: 'fr',
      });
      assert.equal(fr.json.error?.message, 'end : la fin doit venir après le début');
      const past = await send(
        'POST',
        '/api/v1/maintenance',
        window({ start: iso(now - 2 * H), end: iso(now - H) }),
      );
      assert.equal(past.json.error?.message, 'end: the end is already past');
      assert.deepEqual(fake.book.active(now), [], 'nothing planned');
    });

    it('edits a window: the fields given replace its own, the silences follow, the end still after the start', async () => {
      const w = await create();
      const now = fake.clock.now();
      const moved = await send('PATCH', `/api/v1/maintenance/${w.id}`, {
        services: ['checkout', 'blog'],
        end: iso(now + 2 * H),
      });
      assert.equal(moved.status, 200, moved.text);
      const m = moved.json as unknown as Json & { updatedAt: string; title: object };
      assert.deepEqual(
        [m.services, m.end, m.start, m.updatedAt],
        [['checkout', 'blog'], iso(now + 2 * H), w.start, iso(now)],
      );
      assert.deepEqual(m.title, window().title, 'kept');
      assert.equal(fake.book.silencing('blog', now), w.id);
      const off = await send('PATCH', `/api/v1/maintenance/${w.id}`, { silence: false });
      assert.equal(off.status, 200);
      assert.equal(fake.book.silencing('checkout', now), undefined, 'no longer silencing');
      badRequest(
        await send('PATCH', `/api/v1/maintenance/${w.id}`, { start: iso(now + 3 * H) }),
        'start',
        'start after end',
      );
      badRequest(
        await send('PATCH', `/api/v1/maintenance/${w.id}`, { end: iso(now - 2 * H) }),
        'end',
        'end before start',
      );
      const typo = await send('PATCH', `/api/v1/maintenance/${w.id}`, { services: ['blgo'] });
      assert.deepEqual([typo.status, typo.json.error?.code], [400, 'BASCULE_E_HTTP_SERVICE_UNKNOWN']);
      assert.match(typo.json.error?.message ?? '', /^services\.0: .*did you mean "blog"/);
      badRequest(await send('PATCH', `/api/v1/maintenance/${w.id}`, { id: 'mw-other' }), 'id', 'id');
      const missing = await send('PATCH', '/api/v1/maintenance/mw-000000000000', { silence: true });
      assert.deepEqual(
        [missing.status, missing.json.error?.code],
        [404, 'BASCULE_E_HTTP_MAINTENANCE_UNKNOWN'],
      );
      await send('DELETE', `/api/v1/maintenance/${w.id}`, undefined);
    });

    it('ends a window under way now; refuses one not begun or over', async () => {
      const seen = events(fake);
      const w = await create();
      const now = fake.clock.now();
      const ended = await send('POST', `/api/v1/maintenance/${w.id}/end`, undefined);
      assert.equal(ended.status, 200, ended.text);
      assert.deepEqual(
        [(ended.json as unknown as Json).end, (ended.json as unknown as Json).state],
        [iso(now), 'over'],
      );
      assert.equal(fake.book.silencing('checkout', now), undefined);
      const again = await send('POST', `/api/v1/maintenance/${w.id}/end`, undefined);
      assert.deepEqual(
        [again.status, again.json.error?.code],
        [409, 'BASCULE_E_HTTP_MAINTENANCE_NOT_ACTIVE'],
      );
      const later = await create({ start: iso(now + H), end: iso(now + 2 * H) });
      const early = await send('POST', `/api/v1/maintenance/${later.id}/end`, undefined, { lang: 'fr' });
      assert.equal(early.status, 409);
      assert.match(
        early.json.error?.message ?? '',
        /n’est pas en cours .*supprimez celle qui n’a pas commencé/,
      );
      assert.deepEqual(
        seen.map((e) => e.type),
        ['maintenance-saved', 'maintenance-saved', 'maintenance-saved'],
      );
      await send('DELETE', `/api/v1/maintenance/${later.id}`, undefined);
    });

    it('deletes a window: gone from the store, the book and the feed says so', async () => {
      const w = await create();
      const seen = events(fake);
      const r = await send('DELETE', `/api/v1/maintenance/${w.id}`, undefined);
      assert.deepEqual([r.status, r.text], [204, '']);
      assert.equal((await call(`/api/v1/maintenance/${w.id}`, { token: OPERATOR })).status, 404);
      assert.equal(await fake.store.maintenanceWindow(w.id), undefined);
      assert.equal(fake.book.silencing('checkout', fake.clock.now()), undefined);
      assert.deepEqual(
        seen.map((e) => e.type),
        ['maintenance-deleted'],
      );
      const again = await send('DELETE', `/api/v1/maintenance/${w.id}`, undefined);
      assert.equal(again.status, 404);
    });

    it('refuses every maintenance route without the operator token, or with a wrong one, and changes nothing', async () => {
      const w = await create();
      const routes: [string, string, unknown][] = [
        ['GET', '/api/v1/maintenance', undefined],
        ['POST', '/api/v1/maintenance', window()],
        ['GET', `/api/v1/maintenance/${w.id}`, undefined],
        ['PATCH', `/api/v1/maintenance/${w.id}`, { silence: false }],
        ['DELETE', `/api/v1/maintenance/${w.id}`, undefined],
        ['POST', `/api/v1/maintenance/${w.id}/end`, undefined],
      ];
      const before = await fake.store.maintenance({ limit: 1000 });
      for (const [method, path, body] of routes) {
        for (const token of [undefined, 'wrong', OFFICE]) {
          const r = await call(path, {
            method,
            ...(token ? { token } : {}),
            ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          });
          assert.deepEqual(
            [r.status, r.json.error?.code],
            [401, 'BASCULE_E_HTTP_UNAUTHORIZED'],
            `${method} ${path} ${token}`,
          );
        }
      }
      assert.deepEqual(await fake.store.maintenance({ limit: 1000 }), before);
      assert.equal(fake.book.silencing('checkout', fake.clock.now()), w.id);
      await send('DELETE', `/api/v1/maintenance/${w.id}`, undefined);
    });

    it('answers 405 with Allow for a wrong method, 404 for an unknown path', async () => {
      const r = await call('/api/v1/maintenance/mw-1', { method: 'PUT', token: OPERATOR, body: '{}' });
      assert.deepEqual([r.status, r.headers.get('allow')], [405, 'DELETE, GET, HEAD, PATCH']);
      const end = await call('/api/v1/maintenance/mw-1/end', { token: OPERATOR });
      assert.deepEqual([end.status, end.headers.get('allow')], [405, 'POST']);
      const u = await call(updates(STRING_ID), { token: OPERATOR });
      assert.deepEqual([u.status, u.headers.get('allow')], [405, 'POST']);
      assert.equal(
        (await call('/api/v1/maintenance/mw-1/start', { method: 'POST', token: OPERATOR })).status,
        404,
      );
    });

    it('takes at most MAX_PLANNED windows not over', async () => {
      const other = await startApi();
      try {
        const now = other.fake.clock.now();
        for (let i = 0; i < MAX_PLANNED; i++) {
          const w: MaintenanceWindow = {
            id: `mw-${i}`,
            title: { en: `${i}` },
            services: ['blog'],
            start: now + i * H,
            end: now + i * H + 60_000,
            silence: true,
            createdAt: now,
            createdBy: 'operator',
          };
          await other.fake.store.saveMaintenance(w);
        }
        const r = await other.call('/api/v1/maintenance', {
          method: 'POST',
          token: OPERATOR,
          body: JSON.stringify({ title: { en: 'one more' }, services: ['blog'], end: iso(now + H) }),
        });
        assert.deepEqual([r.status, r.json.error?.code], [409, 'BASCULE_E_HTTP_MAINTENANCE_FULL']);
      } finally {
        await other.server.stop();
      }
    });
  });
});
