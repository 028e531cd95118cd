import { useState } from 'preact/hooks';
import { ApiFailure, changePassword, signOut } from '../api';
import { errorText } from '../components/Async';
import { SignInCard } from '../components/SignInCard';
import { language, t } from '../i18n';
import { useSignal } from '../state';

/** Shown instead of the app while the signed-in person still has a password someone else set (the API allows nothing else). */
export function ChangePasswordPage() {
  useSignal(language);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    if (next !== repeat) {
      setError(t('passwordsDiffer'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
    } catch (err) {
      // The policy's reasons (length, not the email, not the old one) come with a refused new password.
      const details = err instanceof ApiFailure && Array.isArray(err.body?.details) ? (err.body!.details as Array<{ reason?: string }>) : [];
      setError([errorText(err), ...details.map((d) => d.reason).filter(Boolean)].join(' '));
    } finally {
      setBusy(false);
    }
  }

  return (
    <SignInCard title={t('newPasswordTitle')} subtitle={t('newPasswordWhy')}>
      <form onSubmit={submit} aria-describedby={error ? 'password-error' : undefined}>
        <label>
          {t('currentPassword')}
          <input type="password" name="currentPassword" autoComplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </label>
        <label>
          {t('newPassword')}
          <input type="password" name="newPassword" autoComplete="new-password" required value={next} onInput={(e) => setNext(e.currentTarget.value)} />
        </label>
        <label>
          {t('repeatPassword')}
          <input type="password" name="repeatPassword" autoComplete="new-password" required value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} />
        </label>
        {error && (
          <p class="notice error" id="password-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('savingPassword') : t('savePassword')}
        </button>
        <button type="button" class="link" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </form>
    </SignInCard>
  );
}
