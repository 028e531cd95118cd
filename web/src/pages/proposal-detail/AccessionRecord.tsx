import { language, loc, t } from '../../i18n';
import { useSignal } from '../../state';
import type { AccessionDetails, EntryIntoForce, ProposalStatus } from '../../types';
import { conventionOf } from './ParliamentOutcomeForm';

/**
 * What the accession has on record: the Cabinet's resolution, the law of ratification with the annexes accepted and
 * the reservations, the deposit and entry into force (a forecast before deposit, the fixed date after).
 */
export function AccessionRecord(props: { proposal: ProposalStatus; entryIntoForce: EntryIntoForce | null }) {
  useSignal(language);
  const p = props.proposal;
  const d = p.details as AccessionDetails;
  const convention = conventionOf(p);
  const eif = props.entryIntoForce;
  const ratified = d.parliament?.outcome === 'ratified';
  if (!d.cabinet && !d.parliament && !d.deposit && !eif) return null;
  const annexName = (code: string) => {
    const a = convention?.annexes.find((x) => x.code === code);
    return a ? loc(a.title) : code;
  };

  return (
    <div class="panel" data-testid="accession-record">
      <h2>{convention ? loc(convention.shortName) : t('accessionRecord')}</h2>
      <dl class="record-facts">
        {d.cabinet && (
          <div>
            <dt>{t('cabinetOutcomeTitle')}</dt>
            <dd data-testid="cabinet-record">
              {t(`cabinet_${d.cabinet.outcome}` as never)}
              {d.cabinet.resolutionNumber && <div class="muted small">{t('resolutionOf', { n: d.cabinet.resolutionNumber, date: d.cabinet.resolutionDate ?? '—' })}</div>}
              {d.cabinet.remarks && <div class="muted small prewrap">{d.cabinet.remarks}</div>}
            </dd>
          </div>
        )}
        {d.parliament && (
          <div>
            <dt>{t('parliamentOutcomeTitle')}</dt>
            <dd data-testid="parliament-record">
              {t(`parliament_${d.parliament.outcome}` as never)}
              {d.parliament.lawNumber && <div class="muted small">{t('lawOf', { n: d.parliament.lawNumber, date: d.parliament.lawDate ?? '—' })}</div>}
              {d.parliament.remarks && <div class="muted small prewrap">{d.parliament.remarks}</div>}
            </dd>
          </div>
        )}
        {d.deposit && (
          <div>
            <dt>{t('depositDate')}</dt>
            <dd data-testid="deposit-record">{d.deposit.depositDate}</dd>
          </div>
        )}
        {eif && (
          <div>
            <dt>{eif.status === 'fixed' ? t('entryIntoForce') : t('entryIntoForceForecast')}</dt>
            <dd data-testid="entry-into-force" data-status={eif.status}>
              <span data-testid="entry-into-force-date">{eif.date}</span>
              <span class={`badge ${eif.status === 'fixed' ? 'ok' : ''}`}>{eif.status === 'fixed' ? t('eifFixed') : t('eifForecast')}</span>
              <div class="muted small" data-testid="entry-into-force-label">
                {loc(eif.label)}
              </div>
              <div class="muted small">{loc(eif.rule)}</div>
            </dd>
          </div>
        )}
      </dl>
      {ratified && (
        <div class="grid two">
          <div>
            <h3 class="small">{t('annexesAccepted')}</h3>
            <ul class="plain" data-testid="annexes-accepted">
              {(d.annexesAccepted ?? []).length === 0 && <li class="muted">{t('none')}</li>}
              {(d.annexesAccepted ?? []).map((code) => (
                <li>{annexName(code)}</li>
              ))}
            </ul>
          </div>
          <div>
            <h3 class="small">{t('reservations')}</h3>
            <ul class="plain" data-testid="reservations">
              {(d.reservations ?? []).length === 0 && <li class="muted">{t('none')}</li>}
              {(d.reservations ?? []).map((r) => (
                <li class="prewrap">{r}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
