import { errorCode, fail } from '../errors.ts';
import { parseHostPort } from '../monitor/compile.ts';
import type { Logger } from '../platform/log.ts';
import { connectionCap, type OpenFileLimits, raiseOpenFiles } from '../platform/open-files.ts';
import { type FetchApp, type Listening, listen } from '../server/listen.ts';

/**
 * The API's listening socket: the open-file limit raised first (and a warning when it stays low),
 * its connections capped below it, and a taken or forbidden address said as a located error.
 */
export async function listenApi(
  api: FetchApp,
  address: string,
  log: Logger,
): Promise<{ server: Listening; files: OpenFileLimits | undefined }> {
  const { host, port } = parseHostPort(address);
  const files = raiseOpenFiles();
  if (files && files.soft < 4_096)
    log.warn(
      { openFiles: files.soft, hard: files.hard },
      'low open-file limit: raise it (systemd: LimitNOFILE=65536) so probes and API clients never run short',
    );
  try {
    return { server: await listen(api, host, port, { maxConnections: connectionCap(files?.soft) }), files };
  } catch (e) {
    throw fail('BASCULE_E_RUNTIME_LISTEN', {
      address: `${host}:${port}`,
      reason: errorCode(e),
      key: 'runtime.listen (--listen)',
    });
  }
}
