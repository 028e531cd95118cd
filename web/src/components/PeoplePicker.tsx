import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { language, t } from '../i18n';
import { personName } from '../people';
import { useSignal } from '../state';
import type { Person } from '../types';

const SHOWN = 8;

/**
 * Chooses colleagues from the directory (GET /api/v1/people: active people by name): type part of a name in
 * either script, pick from the matches; the chosen ones are listed with a button to take each off.
 */
export function PeoplePicker(props: { id: string; label: string; selected: Person[]; onChange: (people: Person[]) => void; describedBy?: string; invalid?: boolean }) {
  useSignal(language);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Person[] | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) return setFound(null);
    let live = true;
    // A short pause after typing, so a name typed quickly is one request.
    const timer = setTimeout(() => {
      get<{ items: Person[] }>(`/people?q=${encodeURIComponent(q)}&limit=${Math.min(50, SHOWN + props.selected.length)}`).then(
        (r) => live && setFound(r.items),
        () => live && setFound([]),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  const chosen = new Set(props.selected.map((p) => p.id));
  const options = (found ?? []).filter((p) => !chosen.has(p.id)).slice(0, SHOWN);
  const add = (p: Person) => {
    props.onChange([...props.selected, p]);
    setQuery('');
    setFound(null);
  };

  return (
    <div class="stack" data-testid={`${props.id}-picker`}>
      {props.selected.length === 0 ? (
        <p class="muted small">{t('noDelegatesYet')}</p>
      ) : (
        <ul class="chips" data-testid={`${props.id}-chosen`} aria-label={props.label}>
          {props.selected.map((p) => (
            <li>
              <span>{personName(p)}</span>
              <button type="button" class="secondary" aria-label={t('removePerson', { who: personName(p) })} onClick={() => props.onChange(props.selected.filter((x) => x.id !== p.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label>
        {t('findPerson')}
        <input
          type="search"
          id={props.id}
          name={props.id}
          autocomplete="off"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter picks the only match instead of submitting the form.
            if (e.key === 'Enter') {
              e.preventDefault();
              if (options.length === 1) add(options[0]);
            }
          }}
          aria-invalid={props.invalid ? 'true' : undefined}
          aria-describedby={props.describedBy}
        />
      </label>
      {found && (
        <ul class="picker-results" data-testid={`${props.id}-results`} aria-live="polite">
          {options.length === 0 && <li class="muted small">{t('noPeopleFound')}</li>}
          {options.map((p) => (
            <li>
              <button type="button" data-testid="person-option" aria-label={t('addPerson', { who: personName(p) })} onClick={() => add(p)}>
                {personName(p)}
                {p.division && <span class="muted small"> · {p.division}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
