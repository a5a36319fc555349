/**
 * Which methods a path answers to, from the app's own route table: a known path asked with another
 * method is a 405 with `Allow`, not a 404 (Hono itself only knows "no match").
 */

interface RouteLike {
  readonly method: string;
  readonly path: string;
}

function pattern(path: string): RegExp {
  const escaped = path
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}$`);
}

/** A lookup of the methods allowed on a path; GET implies HEAD (Hono answers HEAD from GET). */
export function allowedMethods(routes: readonly RouteLike[]): (path: string) => string[] {
  const table = routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => ({ method: r.method, re: pattern(r.path) }));
  return (path) => {
    const methods = new Set(table.filter((r) => r.re.test(path)).map((r) => r.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}
