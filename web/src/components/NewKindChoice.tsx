import { language, t } from '../i18n';
import { location } from '../router';
import { useSignal } from '../state';
import { Link } from './Link';

/** The choice at the top of the "new" forms: an accession proposal or an overseas trip request. */
export function NewKindChoice() {
  useSignal(language);
  const { path } = useSignal(location);
  const kinds: Array<[string, string]> = [
    ['/proposals/new', t('kindAccession')],
    ['/trips/new', t('kindTrip')],
  ];
  return (
    <nav aria-label={t('newKind')}>
      <ul class="kind-choice" data-testid="new-kind">
        {kinds.map(([to, label]) => (
          <li>
            <Link to={to} aria-current={path === to ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
