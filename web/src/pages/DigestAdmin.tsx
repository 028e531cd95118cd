import { useState } from 'preact/hooks';
import { get, post, requestId } from '../api';
import { errorText, Loaded, useAsync } from '../components/Async';
import { dateTimeUb } from '../format';
import { language, t } from '../i18n';
import { useSignal } from '../state';
import type { DigestSchedule } from '../types';

export function DigestAdminPage() {
  useSignal(language);
  const schedule = useAsync(() => get<DigestSchedule>('/dashboard/digest-schedule'), []);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const act = async (path: string, body: unknown = {}) => {
    setMessage(null);
    try {
      await post(`/dashboard/digest-schedule/${path}`, body);
      setMessage({ ok: true, text: t('done') });
      schedule.reload();
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  };
  return (
    <section aria-labelledby="digest-title" class="narrow">
      <h1 id="digest-title">{t('digestTitle')}</h1>
      <Loaded state={schedule}>
        {(s) => (
          <div class="panel stack">
            <p>
              <strong data-testid="digest-state">{s.paused ? t('paused') : t('running')}</strong> {s.note && <span class="muted">· {s.note}</span>}
            </p>
            <div class="actions">
              {s.paused ? <button onClick={() => act('unpause')}>{t('unpause')}</button> : <button class="secondary" onClick={() => act('pause')}>{t('pause')}</button>}
              <button onClick={() => act('trigger', { requestId: requestId() })}>{t('trigger')}</button>
            </div>
            <h2>{t('nextRuns')}</h2>
            <ul class="plain">{s.nextRuns.map((r) => <li>{dateTimeUb(r)}</li>)}</ul>
            <h2>{t('recentRuns')}</h2>
            <ul class="plain small">{s.recentRuns.length ? s.recentRuns.map((r) => <li><code>{r}</code></li>) : <li class="muted">{t('none')}</li>}</ul>
          </div>
        )}
      </Loaded>
      {message && (
        <p class={`notice ${message.ok ? 'ok' : 'error'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
