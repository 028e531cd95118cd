import type { InputHTMLAttributes } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { COST_CATEGORIES, COST_CATEGORY_NAMES, FUNDING_SOURCES, FUNDING_SOURCE_NAMES } from '../../../libs/domain/trips/trip-costs';
import { currentUser, post, requestId } from '../api';
import { errorText } from '../components/Async';
import { FieldError, fieldProblems, invalidProps, problemText } from '../components/FieldErrors';
import { NewKindChoice } from '../components/NewKindChoice';
import { PeoplePicker } from '../components/PeoplePicker';
import { countryName } from '../format';
import { hasKey, language, loc, t } from '../i18n';
import { personName } from '../people';
import { navigate } from '../router';
import { useSignal } from '../state';
import type { FieldProblem, Person } from '../types';

/** The kinds of event a trip is for (libs/domain/trips/trip-engine-context.ts, TRIP_EVENT_TYPES). */
export const EVENT_TYPES = ['wco_council', 'regional_meeting', 'seminar', 'training', 'bilateral_visit', 'other'] as const;
/** Currencies offered for a cost (any ISO 4217 code with a configured rate is accepted; MNT always is). */
export const CURRENCIES = ['USD', 'EUR', 'CNY', 'JPY', 'KRW', 'RUB', 'MNT'];

export const eventTypeName = (type: string) => (hasKey(`eventType_${type}`) ? t(`eventType_${type}` as never) : type);

interface CostRow {
  key: number;
  category: string;
  amount: string;
  currency: string;
  fundingSource: string;
}

/** The form's inputs and the request field each one is refused under. */
const FIELDS = {
  eventName: 'event.name',
  organiser: 'event.organiser',
  eventType: 'event.type',
  titleMn: 'titleMn',
  country: 'destination.country',
  city: 'destination.city',
  departureDate: 'departureDate',
  returnDate: 'returnDate',
  lateJustification: 'lateJustification',
} as const;
type FormKey = keyof typeof FIELDS;

let nextKey = 1;
const newCost = (): CostRow => ({ key: nextKey++, category: 'airfare', amount: '', currency: 'USD', fundingSource: 'host' });

/** Requests an overseas trip: POST /api/v1/trips; every refusal is shown next to its field, in the reader's language. */
export function NewTripPage() {
  useSignal(language);
  const me = useSignal(currentUser);
  const [form, setForm] = useState<Record<FormKey, string>>({
    eventName: '',
    organiser: '',
    eventType: 'wco_council',
    titleMn: '',
    country: '',
    city: '',
    departureDate: '',
    returnDate: '',
    lateJustification: '',
  });
  // Most requests are for the person filling the form in: they start as the first delegate.
  const [delegates, setDelegates] = useState<Person[]>(me ? [{ id: me.id, nameMn: me.nameMn, nameLatin: me.nameLatin, division: me.division }] : []);
  const [costs, setCosts] = useState<CostRow[]>([newCost()]);
  const [id] = useState(requestId());
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // After a refusal, the first field marked invalid gets the focus (its reason is read out with it).
  useEffect(() => {
    if (problems.length) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);

  const messages = (field: string) => problems.filter((p) => p.field === field).map(problemText);
  const set = (k: FormKey) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const setCost = (key: number, patch: Partial<CostRow>) => setCosts(costs.map((c) => (c.key === key ? { ...c, ...patch } : c)));

  // Delegates refused one by one (`delegateIds[1]`) are named; a problem with the whole list is shown as it is.
  const delegateMessages = problems
    .filter((p) => p.field === 'delegateIds' || p.field.startsWith('delegateIds['))
    .map((p) => {
      const i = /^delegateIds\[(\d+)\]/.exec(p.field)?.[1];
      return i !== undefined && delegates[Number(i)] ? `${personName(delegates[Number(i)])}: ${problemText(p)}` : problemText(p);
    });
  const known = (field: string) => (Object.values(FIELDS) as string[]).includes(field) || field === 'costs' || /^costs\[\d+\]\.\w+$/.test(field) || field.startsWith('delegateIds');
  const otherProblems = problems.filter((p) => !known(p.field));

  /** What must be there before asking the API (which checks everything else and says why). */
  function missing(): FieldProblem[] {
    const required = t('required');
    const out: FieldProblem[] = [];
    for (const k of ['eventName', 'organiser', 'country', 'city', 'departureDate', 'returnDate'] as FormKey[]) {
      if (!form[k].trim()) out.push({ field: FIELDS[k], reason: required, reasonMn: required });
    }
    if (!delegates.length) out.push({ field: 'delegateIds', reason: required, reasonMn: required });
    costs.forEach((c, i) => {
      if (!c.amount.trim()) out.push({ field: `costs[${i}].amount`, reason: required, reasonMn: required });
      if (!c.currency.trim()) out.push({ field: `costs[${i}].currency`, reason: required, reasonMn: required });
    });
    return out;
  }

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    const absent = missing();
    if (absent.length) return setProblems(absent);
    setBusy(true);
    setProblems([]);
    try {
      const created = await post<{ id: string }>('/trips', {
        requestId: id,
        event: { name: form.eventName.trim(), organiser: form.organiser.trim(), type: form.eventType },
        destination: { country: form.country.trim().toUpperCase(), city: form.city.trim() },
        departureDate: form.departureDate,
        returnDate: form.returnDate,
        delegateIds: delegates.map((d) => d.id),
        costs: costs.map((c) => ({ category: c.category, amount: Number(c.amount), currency: c.currency.trim().toUpperCase(), fundingSource: c.fundingSource })),
        ...(form.lateJustification.trim() ? { lateJustification: form.lateJustification.trim() } : {}),
        ...(form.titleMn.trim() ? { titleMn: form.titleMn.trim() } : {}),
      });
      navigate(`/proposals/${created.id}`);
    } catch (err) {
      const refused = fieldProblems(err);
      setProblems(refused);
      if (!refused.length) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  /** A text input bound to the form, its refusal shown under it. */
  const input = (k: FormKey, label: string, attrs: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label>
      {label}
      <input name={k} value={form[k]} onInput={set(k)} {...invalidProps(FIELDS[k], messages(FIELDS[k]))} {...attrs} />
      <FieldError field={FIELDS[k]} messages={messages(FIELDS[k])} />
    </label>
  );

  const country = countryName(form.country.trim().toUpperCase(), language.get());

  return (
    <section aria-labelledby="new-trip-title" class="medium">
      <h1 id="new-trip-title">{t('newTripTitle')}</h1>
      <NewKindChoice />
      <p class="muted">{t('newTripHelp')}</p>
      <form class="panel stack" onSubmit={submit} noValidate ref={formRef} data-testid="trip-form">
        <fieldset>
          <legend>{t('tripEvent')}</legend>
          {input('eventName', t('eventName'), { maxLength: 300, lang: 'en' })}
          {input('organiser', t('eventOrganiser'), { maxLength: 300 })}
          <label>
            {t('eventType')}
            <select name="eventType" value={form.eventType} onChange={set('eventType')} {...invalidProps(FIELDS.eventType, messages(FIELDS.eventType))}>
              {EVENT_TYPES.map((type) => (
                <option value={type}>{eventTypeName(type)}</option>
              ))}
            </select>
            <FieldError field={FIELDS.eventType} messages={messages(FIELDS.eventType)} />
          </label>
          {input('titleMn', t('tripTitleMn'), { maxLength: 300, lang: 'mn' })}
        </fieldset>

        <fieldset>
          <legend>{t('tripDestination')}</legend>
          <div class="row">
            <label>
              {t('country')}
              <input
                name="country"
                value={form.country}
                onInput={(e) => setForm({ ...form, country: e.currentTarget.value.toUpperCase() })}
                maxLength={2}
                autocomplete="off"
                {...invalidProps(FIELDS.country, messages(FIELDS.country))}
              />
              {country && <span class="hint" data-testid="country-name">{country}</span>}
              <FieldError field={FIELDS.country} messages={messages(FIELDS.country)} />
            </label>
            {input('city', t('city'), { maxLength: 120 })}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('tripDates')}</legend>
          <div class="row">
            {input('departureDate', t('departureDate'), { type: 'date' })}
            {input('returnDate', t('returnDate'), { type: 'date' })}
          </div>
          <label>
            {t('lateJustification')}
            <textarea name="lateJustification" rows={2} maxLength={4000} value={form.lateJustification} onInput={set('lateJustification')} {...invalidProps(FIELDS.lateJustification, messages(FIELDS.lateJustification))} />
            <FieldError field={FIELDS.lateJustification} messages={messages(FIELDS.lateJustification)} />
          </label>
        </fieldset>

        <fieldset>
          <legend>{t('delegates')}</legend>
          <PeoplePicker id="delegates" label={t('delegates')} selected={delegates} onChange={setDelegates} invalid={delegateMessages.length > 0} describedBy={delegateMessages.length ? 'error-delegateIds' : undefined} />
          <FieldError field="delegateIds" messages={delegateMessages} />
        </fieldset>

        <fieldset>
          <legend>{t('tripCosts')}</legend>
          <CostRows costs={costs} setCost={setCost} remove={(key) => {
              setCosts(costs.filter((c) => c.key !== key));
              // Cost problems are by position: once a row is gone they no longer point at the right one.
              setProblems(problems.filter((p) => !p.field.startsWith('costs')));
            }} messages={messages} />
          <FieldError field="costs" messages={messages('costs')} />
          <div class="actions">
            <button type="button" class="secondary" data-testid="add-cost" onClick={() => setCosts([...costs, newCost()])}>
              + {t('addCost')}
            </button>
          </div>
        </fieldset>

        {(error || problems.length > 0) && (
          <div class="notice error" role="alert" data-testid="form-error">
            {problems.length > 0 ? t('fixFields') : error}
            {otherProblems.length > 0 && (
              <ul>
                {otherProblems.map((p) => (
                  <li>
                    {p.field}: {problemText(p)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div class="actions">
          <button type="submit" disabled={busy} data-testid="create-trip">
            {t('createTrip')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The cost lines as a table of inputs, one row per cost, each with a button to take it off. */
function CostRows(props: { costs: CostRow[]; setCost: (key: number, patch: Partial<CostRow>) => void; remove: (key: number) => void; messages: (field: string) => string[] }) {
  if (!props.costs.length) return <p class="muted small">{t('noCosts')}</p>;
  return (
    <>
    <table class="data costs" data-testid="cost-rows">
      <thead>
        <tr>
          <th scope="col">{t('costCategory')}</th>
          <th scope="col">{t('amount')}</th>
          <th scope="col">{t('currency')}</th>
          <th scope="col">{t('fundingSource')}</th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {props.costs.map((c, i) => {
          const f = (name: string) => `costs[${i}].${name}`;
          const cell = (name: string) => props.messages(f(name));
          return (
            <tr data-testid="cost-row" key={c.key}>
              <td>
                <select name={f('category')} aria-label={`${t('costCategory')} ${i + 1}`} value={c.category} onChange={(e) => props.setCost(c.key, { category: e.currentTarget.value })} {...invalidProps(f('category'), cell('category'))}>
                  {COST_CATEGORIES.map((code) => (
                    <option value={code}>{loc(COST_CATEGORY_NAMES[code])}</option>
                  ))}
                </select>
                <FieldError field={f('category')} messages={cell('category')} />
              </td>
              <td>
                <input
                  name={f('amount')}
                  type="number"
                  step="0.01"
                  min="0"
                  aria-label={`${t('amount')} ${i + 1}`}
                  value={c.amount}
                  onInput={(e) => props.setCost(c.key, { amount: e.currentTarget.value })}
                  {...invalidProps(f('amount'), cell('amount'))}
                />
                <FieldError field={f('amount')} messages={cell('amount')} />
              </td>
              <td>
                <input
                  name={f('currency')}
                  list="trip-currencies"
                  maxLength={3}
                  autocomplete="off"
                  aria-label={`${t('currency')} ${i + 1}`}
                  value={c.currency}
                  onInput={(e) => props.setCost(c.key, { currency: e.currentTarget.value.toUpperCase() })}
                  {...invalidProps(f('currency'), cell('currency'))}
                />
                <FieldError field={f('currency')} messages={cell('currency')} />
              </td>
              <td>
                <select name={f('fundingSource')} aria-label={`${t('fundingSource')} ${i + 1}`} value={c.fundingSource} onChange={(e) => props.setCost(c.key, { fundingSource: e.currentTarget.value })} {...invalidProps(f('fundingSource'), cell('fundingSource'))}>
                  {FUNDING_SOURCES.map((code) => (
                    <option value={code}>{loc(FUNDING_SOURCE_NAMES[code])}</option>
                  ))}
                </select>
                <FieldError field={f('fundingSource')} messages={cell('fundingSource')} />
              </td>
              <td>
                <button type="button" class="danger" aria-label={t('removeCost', { n: i + 1 })} data-testid="remove-cost" onClick={() => props.remove(c.key)}>
                  ×
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
    <datalist id="trip-currencies">
      {CURRENCIES.map((code) => (
        <option value={code} />
      ))}
    </datalist>
    </>
  );
}
