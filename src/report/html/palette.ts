/** Provider colours: the brand colour of the well-known ones, a stable pick from a palette otherwise. */
const KNOWN: Readonly<Record<string, string>> = {
  aws: '#e8890c',
  gcp: '#4285f4',
  google: '#4285f4',
  azure: '#0078d4',
  microsoft: '#5e5e5e',
  cloudflare: '#f38020',
  fastly: '#e0262b',
  ovh: '#123f6d',
  ovhcloud: '#123f6d',
  scaleway: '#4f0599',
  hetzner: '#d50c2d',
  stripe: '#635bff',
  auth0: '#eb5424',
  github: '#24292f',
  onprem: '#6b7280',
};

const PALETTE = ['#0f766e', '#7c3aed', '#b45309', '#be185d', '#1d4ed8', '#15803d', '#9f1239', '#0369a1'];

export function providerColor(provider: string): string {
  const known = KNOWN[provider.toLowerCase()];
  if (known) return known;
  let h = 0;
  for (const ch of provider) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}
