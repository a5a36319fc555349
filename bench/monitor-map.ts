/**
 * The monitoring benchmark's map: N components, each watched by one HTTP check at the given
 * interval, spread over the target URLs; one service depending on the first hundred.
 */
import { stringify } from 'yaml';

export function monitorMap(n: number, intervalS: number, urls: readonly string[]): string {
  const components: Record<string, unknown> = {};
  const checks: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    components[`c${i}`] = { provider: 'local' };
    checks[`k${i}`] = {
      component: `c${i}`,
      http: `${urls[i % urls.length]}/c/${i}`,
      interval: `${intervalS}s`,
      timeout: '5s',
      expect: { status: 200 },
    };
  }
  return stringify({
    version: 1,
    name: 'bench',
    services: { app: { criticality: 'high', dependsOn: Object.keys(components).slice(0, 100) } },
    components,
    checks,
  });
}
