/** Check options more than one probe type understands: one schema each, shared by their descriptors. */
import { z } from 'zod';
import { duration } from '../schema-primitives.ts';

export const verifyTls = z
  .boolean()
  .optional()
  .meta({ description: 'https, tls: verify the certificate chain (default true).' });

export const certValidFor = duration.optional().meta({
  description: 'tls, https: a certificate expiring sooner than this makes the check DEGRADED (default 14d).',
});
