/** Builds small maps for tests from plain objects, through the real loader. */

import { stringify } from 'yaml';
import { loadConfig } from '../../src/model/load.ts';
import type { Config } from '../../src/model/schema.ts';

export function map(body: Record<string, unknown>): Config {
  const r = loadConfig(stringify({ version: 1, name: 'Test', ...body }), 'test.yaml');
  if (!r.ok) throw new Error(`invalid test map: ${JSON.stringify(r.diagnostics)}`);
  return r.config;
}
