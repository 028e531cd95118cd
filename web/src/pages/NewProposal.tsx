import { useState } from 'preact/hooks';
import { post, requestId } from '../api';
import { errorText } from '../components/Async';
import { NewKindChoice } from '../components/NewKindChoice';
import { language, t } from '../i18n';
import { navigate } from '../router';
import { useSignal } from '../state';

export function NewProposalPage() {
  useSignal(language);
  const [form, setForm] = useState({ titleEn: '', titleMn: '', summary: '', conventionCode: '' });
  const [id] = useState(requestId());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await post<{ id: string }>('/proposals', {
        requestId: id,
        kind: 'accession',
        titleEn: form.titleEn.trim(),
        titleMn: form.titleMn.trim(),
        ...(form.summary.trim() ? { summary: form.summary.trim() } : {}),
        ...(form.conventionCode.trim() ? { conventionCode: form.conventionCode.trim().toUpperCase() } : {}),
      });
      navigate(`/proposals/${created.id}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="new-title" class="narrow">
      <h1 id="new-title">{t('newTitle')}</h1>
      <NewKindChoice />
      <p class="muted">{t('newHelp')}</p>
      <form class="panel stack" onSubmit={submit}>
        <label>
          {t('titleEn')}
          <input name="titleEn" required minLength={3} maxLength={300} value={form.titleEn} onInput={set('titleEn')} lang="en" />
        </label>
        <label>
          {t('titleMn')}
          <input name="titleMn" required minLength={3} maxLength={300} value={form.titleMn} onInput={set('titleMn')} lang="mn" />
        </label>
        <label>
          {t('summary')}
          <textarea name="summary" rows={4} maxLength={5000} value={form.summary} onInput={set('summary')} />
        </label>
        <label>
          {t('conventionCode')}
          <input name="conventionCode" pattern="[A-Za-z0-9_]{2,32}" value={form.conventionCode} onInput={set('conventionCode')} />
        </label>
        {error && (
          <p class="notice error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="submit" disabled={busy}>
            {t('create')}
          </button>
        </div>
      </form>
    </section>
  );
}
