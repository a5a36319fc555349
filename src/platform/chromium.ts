/**
 * How Bascule starts Debian's Chromium (through playwright-core; nothing is downloaded): headless,
 * as root, and kept from reaching anything on its own (updates, sync, QUIC). The plan's PDF, the
 * report's screenshots and the browser tests all start it this way.
 */
export const CHROMIUM_ARGS: string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
