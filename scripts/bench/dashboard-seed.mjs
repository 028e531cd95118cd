// Seeds a throwaway Accord database with years of dashboard data in a few set-based statements (generate_series):
// people, proposals in every stage and fate, their timelines and tasks. Deterministic: the same counts give the
// same data (pseudo-random from the row number, not random()), so runs are comparable.

const STAGES = [
  ['DRAFT', 30],
  ['TRANSLATION', 60],
  ['RESEARCH', 60],
  ['COORDINATION', 45],
  ['INTERNAL_REVIEW', 10],
  ['CABINET_REVIEW', 90],
  ['PARLIAMENT', 180],
  ['DEPOSIT', 60],
  ['IMPLEMENTATION', 365],
  ['COMPLETED', null],
];

const SUBJECTS = [
  ['Revised Kyoto Convention', 'Киотогийн шинэчилсэн конвенц'],
  ['Istanbul Convention on temporary admission', 'Түр оруулах тухай Истанбулын конвенц'],
  ['ATA Carnet Convention', 'АТА карнетын конвенц'],
  ['Harmonized System Convention', 'Барааны тодорхойлолт, кодлолын уялдуулсан системийн конвенц'],
  ['Mutual administrative assistance agreement', 'Захиргааны харилцан туслалцааны хэлэлцээр'],
  ['Customs data exchange memorandum', 'Гаалийн мэдээлэл солилцох санамж бичиг'],
  ['SAFE Framework of Standards', 'SAFE стандартын хүрээ'],
  ['Transit facilitation agreement', 'Транзит тээврийг хөнгөвчлөх хэлэлцээр'],
  ['Authorised economic operator recognition', 'Эрх бүхий эдийн засагч оператор хүлээн зөвшөөрөх'],
  ['Anti-smuggling cooperation protocol', 'Хууль бусаар хил нэвтрүүлэхтэй тэмцэх хамтын ажиллагааны протокол'],
];

export const DIVISIONS = 20;
export const OFFICERS = 400;

/** A pseudo-random number in [0, 1) from a row number and a salt: PostgreSQL's own integer hash, independent per salt. */
const rnd = (expr, salt) => `((hashint8((${expr})::bigint * 64 + ${salt})::bigint + 2147483648)::float8 / 4294967296)`;

/**
 * @param {import('pg').Client} db
 * @param {{ proposals: number, events: number, leaderEmail: string, leaderPasswordHash: string, log: (m: string) => void }} o
 */
export async function seedDashboardData(db, o) {
  const perProposal = Math.max(10, Math.round(o.events / o.proposals));
  const t = (label) => {
    const started = Date.now();
    return () => o.log(`  ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };

  let done = t(`people: ${OFFICERS} officers, ${DIVISIONS} division heads, leadership`);
  await db.query(`
    INSERT INTO users (id, email, name_mn, name_latin, language, division, roles)
    SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'officer' || g || '@bench.test', 'Ажилтан ' || g, 'Officer ' || g,
           CASE WHEN g % 3 = 0 THEN 'en' ELSE 'mn' END, 'div-' || lpad((g % ${DIVISIONS})::text, 2, '0'), ARRAY['officer']
      FROM generate_series(1, ${OFFICERS}) g`);
  await db.query(`
    INSERT INTO users (id, email, name_mn, name_latin, language, division, roles)
    SELECT ('00000000-0000-4000-9000-' || lpad(to_hex(g), 12, '0'))::uuid, 'head' || g || '@bench.test', 'Дарга ' || g, 'Head ' || g,
           'mn', 'div-' || lpad(g::text, 2, '0'), ARRAY['division_head']
      FROM generate_series(0, ${DIVISIONS - 1}) g`);
  await db.query(
    `INSERT INTO users (email, name_mn, name_latin, language, division, roles, password_hash) VALUES ($1, 'Удирдлага', 'Leadership', 'mn', NULL, ARRAY['leadership'], $2)`,
    [o.leaderEmail, o.leaderPasswordHash],
  );
  done();

  done = t(`plan of ${o.proposals.toLocaleString('en')} proposals`);
  await db.query(`CREATE TEMP TABLE bench_stages (idx int PRIMARY KEY, code text, sla_days int)`);
  await db.query(`INSERT INTO bench_stages VALUES ${STAGES.map(([c, d], i) => `(${i}, '${c}', ${d ?? 'NULL'})`).join(', ')}`);
  // Fate: 60 % completed, 5 % rejected, 5 % withdrawn, 30 % still open somewhere in the process. Closed ones were
  // created over five years and moved at their own pace (3-43 days per step). Open ones entered their stage a while
  // ago relative to its SLA (up to 1.3 x: about a quarter are past it), after moving at their own pace.
  await db.query(`
    CREATE TEMP TABLE bench_base AS
    SELECT g, id, owner, division, fate, moves, r1, r4, r5,
           CASE fate WHEN 'rejected' THEN 'REJECTED' WHEN 'withdrawn' THEN 'WITHDRAWN' ELSE (SELECT code FROM bench_stages WHERE idx = moves) END AS final_code
      FROM (
        SELECT g, ('10000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid AS id,
               ('00000000-0000-4000-8000-' || lpad(to_hex(1 + g % ${OFFICERS}), 12, '0'))::uuid AS owner,
               'div-' || lpad(((1 + g % ${OFFICERS}) % ${DIVISIONS})::text, 2, '0') AS division,
               CASE WHEN ${rnd('g', 2)} < 0.60 THEN 'completed' WHEN ${rnd('g', 2)} < 0.65 THEN 'rejected'
                    WHEN ${rnd('g', 2)} < 0.70 THEN 'withdrawn' ELSE 'open' END AS fate,
               ${rnd('g', 1)} AS r1, ${rnd('g', 3)} AS r3, ${rnd('g', 4)} AS r4, ${rnd('g', 5)} AS r5
          FROM generate_series(1, ${o.proposals}) g) x
      CROSS JOIN LATERAL (SELECT CASE fate WHEN 'completed' THEN 9 WHEN 'open' THEN floor(r3 * 9)::int ELSE 1 + floor(r3 * 5)::int END AS moves) m`);
  await db.query(`
    CREATE TEMP TABLE bench_plan AS
    SELECT b.*, t.created_at, t.step, t.created_at + t.step * b.moves AS entered_at,
           least(t.step, (now() - (t.created_at + t.step * b.moves)) / ${perProposal + 1}) AS tail_step
      FROM bench_base b LEFT JOIN bench_stages s ON s.code = b.final_code
     CROSS JOIN LATERAL (
           SELECT CASE WHEN b.fate = 'open'
                       THEN now() - interval '1 day' * (s.sla_days * 1.3 * b.r5 + 0.01) - interval '1 day' * (3 + 40 * b.r4) * b.moves
                       ELSE now() - interval '1 day' * (2 + 1825 * b.r1) END AS created_at,
                  CASE WHEN b.fate = 'open' THEN interval '1 day' * (3 + 40 * b.r4)
                       ELSE least(interval '1 day' * (3 + 40 * b.r4), interval '1 day' * (1 + 1825 * b.r1) / ${perProposal + 1}) END AS step) t`);
  done();

  done = t('proposals');
  await db.query(`
    INSERT INTO proposals (id, kind, title_en, title_mn, summary, owner_id, division, stage, status, workflow_id, definition_version,
                           stage_entered_at, due_at, current_assignees, details, workflow_status, last_event_seq, create_request_id,
                           created_at, updated_at)
    SELECT p.id, 'accession',
           (ARRAY[${SUBJECTS.map(([en]) => `'${en}'`).join(',')}])[1 + p.g % ${SUBJECTS.length}] || ' #' || p.g,
           (ARRAY[${SUBJECTS.map(([, mn]) => `'${mn}'`).join(',')}])[1 + p.g % ${SUBJECTS.length}] || ' №' || p.g,
           '', p.owner, p.division, p.final_code,
           p.fate, 'proposal-' || p.id, 'accession-v1',
           p.entered_at,
           CASE WHEN p.fate = 'open' THEN p.entered_at + interval '1 day' * s.sla_days END,
           CASE WHEN p.fate = 'open' THEN jsonb_build_array(p.owner) ELSE '[]'::jsonb END,
           '{}'::jsonb, CASE WHEN p.fate = 'open' THEN 'RUNNING' ELSE 'COMPLETED' END, ${perProposal}, 'bench:' || p.g,
           p.created_at, p.entered_at + p.tail_step * greatest(0, ${perProposal - 1} - p.moves)
      FROM bench_plan p LEFT JOIN bench_stages s ON s.code = p.final_code`);
  done();

  done = t(`${(o.proposals * perProposal).toLocaleString('en')} timeline events`);
  // Event 1 creates; events 2..moves+1 move one stage on (the last move of a rejected/withdrawn proposal goes to that
  // end); the rest are other timeline events in the stage reached (documents, remarks), as in real timelines.
  await db.query(`
    INSERT INTO proposal_events (proposal_id, workflow_id, seq, type, actor_id, from_stage, to_stage, data, occurred_at, recorded_at, left_stage_entered_at)
    SELECT p.id, 'proposal-' || p.id, e.seq,
           CASE WHEN e.seq = 1 THEN 'CREATED' WHEN e.seq <= p.moves + 1 THEN 'STAGE_CHANGED' ELSE 'DOCUMENT_ADDED' END,
           p.owner,
           CASE WHEN e.seq = 1 THEN NULL WHEN e.seq <= p.moves + 1 THEN f.code ELSE p.final_code END,
           CASE WHEN e.seq = 1 THEN 'DRAFT' WHEN e.seq = p.moves + 1 THEN p.final_code WHEN e.seq <= p.moves + 1 THEN t.code ELSE p.final_code END,
           '{}'::jsonb, w.at, w.at,
           CASE WHEN e.seq > 1 AND e.seq <= p.moves + 1 THEN p.created_at + p.step * (e.seq - 2) END
      FROM bench_plan p
      CROSS JOIN generate_series(1, ${perProposal}) e(seq)
      LEFT JOIN bench_stages f ON f.idx = e.seq - 2
      LEFT JOIN bench_stages t ON t.idx = e.seq - 1
      CROSS JOIN LATERAL (SELECT CASE WHEN e.seq <= p.moves + 1 THEN p.created_at + p.step * (e.seq - 1)
                                      ELSE p.entered_at + p.tail_step * (e.seq - p.moves - 1) END AS at) w`);
  done();

  done = t('stage stays (one per move, as the projection writes them with each move)');
  // What ProposalProjectionRepository.record adds with each stage move (and migration ProposalStageStays backfills).
  await db.query(`
    INSERT INTO proposal_stage_stays (proposal_id, left_seq, kind, stage, entered_at, left_at)
    SELECT e.proposal_id, e.seq, 'accession', e.from_stage, e.left_stage_entered_at, e.occurred_at
      FROM proposal_events e
     WHERE e.from_stage IS NOT NULL AND e.to_stage IS NOT NULL AND e.from_stage <> e.to_stage AND e.left_stage_entered_at IS NOT NULL`);
  done();

  done = t('tasks: two closed per proposal, one open per open proposal');
  await db.query(`
    INSERT INTO tasks (id, proposal_id, workflow_id, stage, kind, role, assignee_id, status, actions, opened_at, due_at, closed_at, decision, decided_by, version)
    SELECT p.id || ':t' || n, p.id, 'proposal-' || p.id, 'DRAFT', 'work', 'owner', p.owner, 'done', '["submit"]'::jsonb,
           p.created_at + p.step * (n - 1), p.created_at + p.step * (n - 1) + interval '30 days', least(p.created_at + p.step * n, now()), 'submit', p.owner, n
      FROM bench_plan p CROSS JOIN generate_series(1, 2) n`);
  await db.query(`
    INSERT INTO tasks (id, proposal_id, workflow_id, stage, kind, role, assignee_id, status, actions, opened_at, due_at, version)
    SELECT pr.id || ':t9', pr.id, pr.workflow_id, pr.stage, CASE WHEN pr.stage = 'INTERNAL_REVIEW' THEN 'approval' ELSE 'work' END,
           CASE WHEN pr.stage = 'INTERNAL_REVIEW' THEN 'division_head' ELSE 'owner' END,
           CASE WHEN pr.stage = 'INTERNAL_REVIEW' THEN ('00000000-0000-4000-9000-' || lpad(to_hex(substr(pr.division, 5)::int), 12, '0'))::uuid ELSE pr.owner_id END,
           'open', '["complete_work"]'::jsonb, pr.stage_entered_at, pr.due_at, 9
      FROM proposals pr WHERE pr.status = 'open' AND pr.create_request_id LIKE 'bench:%'`);
  done();

  done = t('VACUUM ANALYZE');
  for (const table of ['users', 'proposals', 'proposal_events', 'proposal_stage_stays', 'tasks']) await db.query(`VACUUM ANALYZE ${table}`);
  done();

  const [{ proposals, events, tasks, open, stays }] = (
    await db.query(`SELECT (SELECT count(*) FROM proposals)::int AS proposals, (SELECT count(*) FROM proposal_events)::int AS events,
                           (SELECT count(*) FROM tasks)::int AS tasks, (SELECT count(*) FROM proposals WHERE status = 'open')::int AS open,
                           (SELECT count(*) FROM proposal_stage_stays)::int AS stays`)
  ).rows;
  return { proposals, events, tasks, open, stays };
}
