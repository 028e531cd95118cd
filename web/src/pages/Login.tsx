import { useState } from 'preact/hooks';
import { signIn } from '../api';
import { errorText } from '../components/Async';
import { SignInCard } from '../components/SignInCard';
import { language, t } from '../i18n';
import { location, navigate } from '../router';
import { useSignal } from '../state';

export function LoginPage() {
  useSignal(language);
  const { query } = useSignal(location);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      const next = query.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <SignInCard title={t('signInTitle')} subtitle={t('tagline')}>
      <form onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <label>
          {t('email')}
          <input type="email" name="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label>
          {t('password')}
          <input type="password" name="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error && (
          <p class="notice error" id="login-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </SignInCard>
  );
}
