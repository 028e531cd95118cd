import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiFailure } from '../api';
import { language, t } from '../i18n';
import { useSignal } from '../state';

export interface AsyncState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads data for a page; reloads when a dependency changes. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

export function errorText(err: unknown): string {
  return err instanceof ApiFailure ? err.text(language.get()) : t('errorGeneric');
}

/** Loading and error states of a section, announced to screen readers. */
export function Loaded<T>(props: { state: AsyncState<T>; children: (data: T) => ComponentChildren }) {
  useSignal(language);
  const { data, error, loading, reload } = props.state;
  if (error) {
    return (
      <div class="notice error" role="alert">
        {errorText(error)}{' '}
        <button type="button" class="link" onClick={reload}>
          {t('retry')}
        </button>
      </div>
    );
  }
  if (!data) return <p class="muted" role="status">{loading ? t('loading') : ''}</p>;
  return <>{props.children(data)}</>;
}
