/** Data fetched for a view: loading, the answer or the failure, and a way to fetch it again. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure } from './api.ts';

export interface Data<T> {
  readonly data: T | undefined;
  readonly error: ApiFailure | undefined;
  readonly loading: boolean;
  reload(): void;
}

export function useData<T>(fetch: () => Promise<T>, deps: readonly unknown[]): Data<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiFailure | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const mine = ++latest.current;
    setLoading(true);
    fetch().then(
      (d) => {
        if (mine !== latest.current) return;
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== latest.current) return;
        setError(e instanceof ApiFailure ? e : new ApiFailure(0, 'client', String(e)));
        setLoading(false);
      },
    );
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload };
}

/** Calls `f` every `ms` while the view is shown. */
export function useEvery(ms: number, f: () => void): void {
  const latest = useRef(f);
  latest.current = f;
  useEffect(() => {
    const timer = setInterval(() => latest.current(), ms);
    return () => clearInterval(timer);
  }, [ms]);
}
