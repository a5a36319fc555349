/** Who asked, for audit trails and records: the operator token names nobody, so `operator@` the client's address. */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The client's address as the connection gives it (never a header a client could write). */
export function clientAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // not served by node (app.request in a test)
  }
}

export function requester(c: Context): string {
  const address = clientAddress(c);
  return address ? `operator@${address}` : 'operator';
}
