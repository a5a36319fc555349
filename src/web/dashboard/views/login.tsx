/** The login: the operator token for a session (POST /api/v1/session); a wrong one is said, in the API's words. */
import { useState } from 'preact/hooks';
import { type ApiFailure, post } from '../api.ts';
import type { T } from '../i18n.ts';
import { Notice } from './parts.tsx';

export function Login({
  t,
  expired,
  onLoggedIn,
  langSwitch,
}: {
  t: T;
  expired: boolean;
  onLoggedIn: (csrf: string) => void;
  langSwitch: preact.ComponentChildren;
}) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const s = await post<{ csrf: string }>('/api/v1/session', { token: token.trim() });
      setToken('');
      onLoggedIn(s.csrf);
    } catch (err) {
      setError((err as ApiFailure).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login" id="main">
      <div class="login-box card">
        <div class="login-top">
          <p class="brand">Bascule</p>
          {langSwitch}
        </div>
        <h1>{t('dash.login.title')}</h1>
        {expired ? <Notice kind="ok">{t('dash.login.expired')}</Notice> : null}
        <p class="muted">{t('dash.login.intro')}</p>
        <form onSubmit={submit}>
          <label for="token">{t('dash.login.token')}</label>
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="off"
            required
            value={token}
            onInput={(e) => setToken((e.target as HTMLInputElement).value)}
          />
          <button type="submit" disabled={busy || token.trim() === ''}>
            {t('dash.login.submit')}
          </button>
        </form>
        {error ? <Notice kind="error">{error}</Notice> : null}
      </div>
    </main>
  );
}
