/** Who asked, for audit trails and records: the operator token names nobody, so `operator@` the client's address. */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export function requester(c: Context): string {
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    address = undefined; // not served by node (app.request in a test)
  }
  return address ? `operator@${address}` : 'operator';
}
