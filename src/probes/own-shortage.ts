/**
 * Whether Bascule's own process is out of file descriptors right now. A probe failing because of
 * that does not always say so: the system resolver cannot read /etc/hosts and answers "no such
 * name" (ENOTFOUND), c-ares cannot open its socket and answers ECONNREFUSED. So a failed probe is
 * checked against this, and one more descriptor that cannot be opened makes it `local`.
 */
import { closeSync, openSync } from 'node:fs';
import { devNull } from 'node:os';

/** `EMFILE` (this process) or `ENFILE` (the system) when no descriptor can be opened, else undefined. */
export function descriptorShortage(): 'EMFILE' | 'ENFILE' | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(devNull, 'r');
    return undefined;
  } catch (e) {
    const { code } = e as { code?: unknown };
    return code === 'EMFILE' || code === 'ENFILE' ? code : undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
