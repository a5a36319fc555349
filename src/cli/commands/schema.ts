/** `bascule schema`: the JSON Schema of bascule.yaml, for editors (yaml-language-server). */
import { z } from 'zod';
import { configSchema } from '../../model/schema.ts';
import { type Command, OUT_OPTION } from '../command.ts';
import { emit, json } from '../shared.ts';

export function jsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://bascule.dev/schema/bascule-v1.json',
    title: 'bascule.yaml',
    description: 'Resilience map: services, components, providers, checks and failover (version 1).',
    ...z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }),
  };
}

export const schema = {
  name: 'schema',
  summary: 'cli.schema.summary',
  usage: 'bascule schema [--out FILE]',
  effect: 'read-only',
  options: { ...OUT_OPTION },
  async run(ctx) {
    emit(ctx, json(jsonSchema()));
    return 0;
  },
} satisfies Command;
