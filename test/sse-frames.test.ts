/** GET /api/v1/events with many clients: each event is serialized once, whoever receives it. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApi, subscribe, type TestApi } from './helpers/api.ts';

describe('live event frames', () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
  });
  after(() => api.server.stop());

  it('serializes an event once for all its clients, and every client gets the same bytes', async () => {
    const clients = await Promise.all(Array.from({ length: 5 }, () => subscribe(api.server)));
    await new Promise((r) => setTimeout(r, 100)); // every stream subscribed to the feed
    let serialized = 0;
    const data = {
      service: 'checkout',
      toJSON() {
        serialized++;
        return { service: this.service, state: 'DOWN', note: 'réseau coupé' };
      },
    };
    const e = api.fake.live.publish('state', data);
    const expected = `event: state\ndata: {"service":"checkout","state":"DOWN","note":"réseau coupé"}\nid: ${e.id}\n\n`;
    for (const c of clients) assert.ok((await c.until(/réseau coupé/)).endsWith(expected));
    assert.equal(serialized, 1, 'one JSON.stringify for five clients');
    // A second event is serialized on its own, once too.
    api.fake.live.publish('state', data);
    for (const c of clients) await c.until(new RegExp(`id: ${e.id + 1}\n`));
    assert.equal(serialized, 2);
    for (const c of clients) c.close();
  });
});
