import { get } from '../api';
import { Loaded, useAsync } from '../components/Async';
import { Link } from '../components/Link';
import { dateTimeUb, dateUb } from '../format';
import { language, loc, t } from '../i18n';
import { roleName } from '../task-labels';
import { personName } from '../people';
import { useSignal } from '../state';
import type { MyTask } from '../types';

export function MyTasksPage() {
  useSignal(language);
  const tasks = useAsync(() => get<MyTask[]>('/dashboard/my-tasks'), []);
  return (
    <section aria-labelledby="tasks-title">
      <h1 id="tasks-title">{t('myTasksTitle')}</h1>
      <Loaded state={tasks}>
        {(items) =>
          items.length === 0 ? (
            <p class="muted" data-testid="no-tasks">
              {t('noTasks')}
            </p>
          ) : (
            <div class="panel">
              <table class="data" data-testid="my-tasks">
                <thead>
                  <tr>
                    <th scope="col">{t('title')}</th>
                    <th scope="col">{t('stage')}</th>
                    <th scope="col">{t('role')}</th>
                    <th scope="col">{t('created')}</th>
                    <th scope="col">{t('due')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((x) => (
                    <tr>
                      <td>
                        <Link to={`/proposals/${x.proposalId}`}>{loc(x.title)}</Link>
                        {x.onBehalfOf && <div class="muted small">{t('onBehalfOf', { who: personName(x.onBehalfOf) })}</div>}
                      </td>
                      <td>{loc(x.stageName)}</td>
                      <td>
                        {t(x.taskKind === 'approval' ? 'taskKind_approval' : 'taskKind_work')} · {roleName(x.role)}
                      </td>
                      <td>{dateTimeUb(x.openedAt)}</td>
                      <td class={x.overdue ? 'bad' : ''}>
                        {dateUb(x.dueAt)} {x.overdue && <span class="badge bad">{t('overdue')}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
