/** The business continuity plan in English, as a British continuity manager would write it. */
import type {
  Block,
  Cell,
  ContactView,
  NextTest,
  PlanTemplate,
  PlanView,
  ServiceView,
  Tone,
  Verdict,
} from '../plan.ts';

const who = (c: ContactView): string => `${c.name} (${c.role})`;

function verdict(v: Verdict, date: (ms: number) => string): Cell {
  switch (v.kind) {
    case 'met':
      return { text: `${v.objective} — ${v.measured}: met`, tone: 'ok' };
    case 'not-met':
      return { text: `${v.objective} — ${v.measured}: NOT met`, tone: 'bad' };
    case 'never-measured':
      return { text: `${v.objective} — never measured`, tone: 'warn' };
    default:
      return {
        text: v.measured
          ? `no objective set — ${v.measured}${v.at ? ` (${date(v.at)})` : ''}`
          : 'no objective set',
        tone: 'muted',
      };
  }
}
const text = (c: Cell): string => (typeof c === 'string' ? c : c.text);
/** A paragraph, in the tone of its verdict when it has one. */
const para = (t: string, tone?: Tone): Block =>
  tone ? { kind: 'p', text: t, tone } : { kind: 'p', text: t };
const toneOf = (c: Cell): Tone | undefined => (typeof c === 'string' ? undefined : c.tone);

const EVENT: Readonly<Record<string, string>> = {
  started: 'Incident started',
  update: 'Update',
  resolved: 'Resolved',
};
const CHANNEL: Readonly<Record<string, string>> = {
  statusPage: 'Status page',
  email: 'Customer e-mail',
  internal: 'Internal message',
};

function nextTest(t: NextTest, date: (ms: number) => string): string {
  switch (t.kind) {
    case 'switch-never':
      return `Run a failover test of ${t.subject} (${t.service}): it has never been switched, so its RTO is unproven.`;
    case 'switch-old':
      return `Run ${t.subject} (${t.service}) over again: its last switch dates from ${date(t.since!)}, before the last review period.`;
    case 'rto-not-met':
      return `Fix, then re-test, ${t.subject} (${t.service}): its last switch took longer than the RTO.`;
    case 'runbook':
      return `Walk through the procedure “${t.subject}” (${t.service}) with the people it names, and time each step.`;
    case 'restore-never':
      return `Test a restore of ${t.subject} (${t.service}): no restore has ever been tried.`;
    case 'restore-old':
      return `Test a restore of ${t.subject} (${t.service}) again: the last one dates from ${date(t.since!)}.`;
    default:
      return `Find out why the last restore of ${t.subject} (${t.service}) failed, and test it again.`;
  }
}

function serviceSection(s: ServiceView, v: PlanView, h: Parameters<PlanTemplate>[1]): Block[] {
  const out: Block[] = [
    { kind: 'h', level: 3, text: `${s.name ?? s.id} (${s.criticality})`, id: `continuity-${s.id}` },
  ];
  if (s.failovers.length === 0)
    out.push(
      para(
        'No automatic failover: recovery relies on the manual procedures below.',
        s.rank === 'critical' ? 'warn' : undefined,
      ),
    );
  for (const f of s.failovers) {
    const how =
      f.type === 'bascule'
        ? `Bascule runs failover group ${f.id}: traffic goes to ${h.list(f.endpoints)}, in that order of preference.`
        : `Failover ${f.id} is run outside Bascule${f.via ? ` through ${f.via}` : ''}: ${h.list(f.endpoints)}.`;
    const detection = f.detection.length
      ? ` A failure is detected by ${h.list(f.detection.map((d) => `${d.check} (every ${d.interval}, down after ${h.count(d.failAfter, { one: 'failure', other: 'failures' })})`))}.`
      : '';
    out.push({ kind: 'p', text: `${how}${f.description ? ` ${f.description}.` : ''}${detection}` });
    const last = f.last
      ? `Last switch on ${h.date(f.last.at)}, ${f.last.from} → ${f.last.to}${f.last.total ? `, ${f.last.total} from the first failed check to the first request served` : ''}. `
      : f.type === 'bascule'
        ? 'This group has never switched. '
        : '';
    const c = verdict(f.verdict, h.date);
    out.push(para(`${last}RTO: ${text(c)}.`, toneOf(c)));
  }
  for (const r of s.runbooks) {
    out.push({ kind: 'p', text: `Procedure “${r.title}”${r.when ? ` — when: ${r.when}` : ''}.` });
    out.push({
      kind: 'table',
      head: ['#', 'Step', 'Who', 'Time'],
      rows: r.steps.map((st, i) => [String(i + 1), st.do, st.who.name, st.takes]),
    });
    const c = verdict(r.verdict, h.date);
    out.push(para(`Total ${r.total}. Against the RTO: ${text(c)}.`, toneOf(c)));
  }
  if (s.runbooks.length === 0)
    out.push({ kind: 'p', text: 'No manual procedure is written for this service.', tone: 'warn' });
  if (v.backups === undefined) out.push({ kind: 'p', text: 'Backups: no backups declared.', tone: 'warn' });
  else if (s.backups.length === 0)
    out.push({ kind: 'p', text: 'Backups: none of the declared backups covers this service.', tone: 'warn' });
  for (const b of s.backups) {
    const where = h.list(
      b.targets.map((t) => `${t.id} (${[t.provider, t.region].filter(Boolean).join(' ')})`),
    );
    const c = verdict(b.verdict, h.date);
    const restore = b.lastRestoreTest
      ? `last restore test ${h.date(b.lastRestoreTest.at)}${b.lastRestoreTest.ok ? '' : ', which failed'}`
      : 'no restore ever tested';
    out.push({
      kind: 'p',
      text: `Backup ${b.id} of ${b.component}: every ${b.every}, copies at ${where}; ${restore}. RPO: ${text(c)}. 3-2-1-1-0 rule: ${b.rule.copies} copies, ${b.rule.media} media, ${b.rule.offsite} off-site, ${b.rule.immutable} offline or immutable, ${b.rule.errors} errors — ${b.ruleMet ? 'met' : 'NOT met'}.`,
      tone: b.ruleMet && b.verdict.kind === 'met' ? 'ok' : 'bad',
    });
  }
  return out;
}

export const en: PlanTemplate = (v, h) => {
  const b: Block[] = [];
  const p = v.plan;
  b.push({ kind: 'h', level: 1, text: `Business continuity plan — ${v.company}`, id: 'top' });
  b.push({
    kind: 'dl',
    items: [
      ['Organisation', v.company + (v.description ? ` — ${v.description}` : '')],
      ['Plan owner', p?.owner ? who(p.owner) : 'not named'],
      ['Version', p?.version ?? '—'],
      ['Generated', `${h.date(v.generatedAt)}, from ${v.file}`],
      ['Last reviewed', p?.lastReviewed ? h.date(p.lastReviewed) : 'never'],
      [
        'Next review',
        p ? `${h.date(p.nextReview)}${p.overdue ? ' — OVERDUE' : ''} (every ${p.reviewEvery})` : '—',
      ],
      [
        'Measurements',
        v.measured.source === 'store'
          ? `switch records read from ${v.measured.where}`
          : `none: no store found at ${v.measured.where}, so every switch time below reads “never measured”`,
      ],
    ],
  });
  if (!p)
    b.push({
      kind: 'p',
      text: 'The map has no “plan:” section: add its owner, scope and review period (docs/plan.md).',
      tone: 'warn',
    });
  b.push({ kind: 'toc', title: 'Contents' });

  // 1
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '1. Scope and governance', id: 'scope' });
  b.push({
    kind: 'p',
    text: p?.scope ?? 'The scope of the plan is not stated.',
    ...(p ? {} : { tone: 'warn' as const }),
  });
  b.push({
    kind: 'p',
    text: `This plan is generated by Bascule from the dependency map ${v.file}, its analysis and what was measured. Every objective is checked against the evidence: an objective with no measurement behind it is marked “never measured”, never assumed. Regenerate it after any change to the map, and at least at every review.`,
  });

  // 2
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '2. Critical services', id: 'services' });
  b.push({
    kind: 'p',
    text: `${h.count(v.services.length, { one: 'service', other: 'services' })}, most critical first. RTO: recovery time objective; RPO: recovery point objective; MTPD: maximum tolerable period of disruption.`,
  });
  b.push({
    kind: 'table',
    head: ['Service', 'Criticality', 'RTO', 'RPO', 'MTPD', 'Depends on', 'RTO against evidence'],
    rows: v.services.map((s) => [
      s.name ? `${s.name} (${s.id})` : s.id,
      s.criticality,
      s.rto ?? '—',
      s.rpo ?? '—',
      s.mtpd ? (s.mtpdBelowRto ? { text: `${s.mtpd} (below the RTO)`, tone: 'bad' } : s.mtpd) : '—',
      s.dependsOn.join(', ') || '—',
      verdict(s.rtoVerdict, h.date),
    ]),
  });
  for (const s of v.services.filter((x) => x.drawn)) {
    b.push({ kind: 'h', level: 3, text: `${s.name ?? s.id}`, id: `service-${s.id}` });
    const facts = [
      `Criticality ${s.criticality}`,
      s.rto ? `RTO ${s.rto}` : 'no RTO',
      s.rpo ? `RPO ${s.rpo}` : 'no RPO',
      s.mtpd ? `MTPD ${s.mtpd}` : undefined,
      s.owner ? `owner ${s.owner}` : undefined,
    ].filter(Boolean);
    b.push({ kind: 'p', text: `${facts.join(' · ')}.` });
    if (s.spofs.length)
      b.push({
        kind: 'p',
        text: `Single points of failure: ${h.list(s.spofs)} — any one of them down takes the service down.`,
        tone: 'bad',
      });
    b.push({ kind: 'figure', service: s.id, caption: `What ${s.name ?? s.id} depends on` });
  }

  // 3
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '3. Risks', id: 'risks' });
  b.push({
    kind: 'p',
    text: `Resilience score ${v.score.value}/100 (grade ${v.score.grade}). ${h.count(v.findings.length, { one: 'finding', other: 'findings' })}, most severe first.`,
  });
  if (v.findings.length)
    b.push({
      kind: 'table',
      head: ['Severity', 'Finding', 'What to do'],
      rows: v.findings.map((f) => [
        { text: f.severity, tone: f.rank === 'critical' || f.rank === 'high' ? 'bad' : 'warn' },
        f.message,
        f.recommendation,
      ]),
    });
  b.push({ kind: 'h', level: 3, text: 'Top actions', id: 'risks-actions' });
  if (v.actions.length)
    b.push({
      kind: 'ol',
      items: v.actions.map((a) => `${a.title} (score ${a.before} → ${a.after})`),
    });
  else b.push({ kind: 'p', text: 'No single change would raise the score.' });
  b.push({ kind: 'h', level: 3, text: 'Past outages this map would not survive', id: 'risks-outages' });
  if (v.outages.length === 0)
    b.push({
      kind: 'p',
      text: `Of the outages in the library, none would take a service down (${v.outagesSurvived} of them touch the map).`,
      tone: 'ok',
    });
  for (const o of v.outages) {
    b.push({ kind: 'p', text: `${o.date} — ${o.title} (${o.provider}):` });
    b.push({ kind: 'ul', items: o.services.map((s) => `${s.service} goes down: ${s.chain.join(' → ')}`) });
  }

  // 4
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '4. Continuity mechanisms', id: 'continuity' });
  b.push({
    kind: 'p',
    text: 'For each service: how it fails over, the manual procedures, and its backups — each against its objectives.',
  });
  const plain = v.services.filter((s) => !s.detailed);
  for (const s of v.services) if (s.detailed) b.push(...serviceSection(s, v, h));
  if (plain.length) {
    b.push({ kind: 'h', level: 3, text: 'Other services', id: 'continuity-others' });
    b.push({
      kind: 'p',
      text: 'No failover, written procedure or backup is declared for these services: they are restored as circumstances allow.',
      tone: 'warn',
    });
    b.push({
      kind: 'table',
      head: ['Service', 'Criticality', 'RTO', 'RPO'],
      rows: plain.map((s) => [s.id, s.criticality, s.rto ?? '—', s.rpo ?? '—']),
    });
  }

  // 5
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '5. Crisis organisation', id: 'crisis' });
  if (v.contacts.length)
    b.push({
      kind: 'table',
      head: ['Role', 'Name', 'Telephone', 'E-mail', 'Deputies'],
      rows: v.contacts.map((c) => [
        c.role,
        c.name,
        c.phone ?? '—',
        c.email ?? '—',
        c.deputies.join(', ') || '—',
      ]),
    });
  else
    b.push({ kind: 'p', text: 'No contact is declared (contacts:): nobody is named to act.', tone: 'bad' });
  const e = v.escalation;
  b.push({ kind: 'h', level: 3, text: 'When a crisis is declared', id: 'crisis-criteria' });
  if (e) {
    b.push({
      kind: 'p',
      text: `A crisis is declared by ${who(e.declaredBy)} — or a deputy if they cannot be reached — as soon as any of these holds:`,
    });
    b.push({ kind: 'ul', items: [...e.criteria] });
    if (e.levels.length) {
      b.push({ kind: 'h', level: 3, text: 'Escalation', id: 'crisis-escalation' });
      b.push({
        kind: 'table',
        head: ['After', 'Who is called'],
        rows: e.levels.map((l) => [
          l.after === '' ? 'at once' : l.after,
          l.contacts.map((c) => (c.phone ? `${c.name} (${c.phone})` : c.name)).join('; '),
        ]),
      });
    }
    if (e.decisions.length) {
      b.push({ kind: 'h', level: 3, text: 'Who decides what', id: 'crisis-decisions' });
      b.push({
        kind: 'table',
        head: ['Decision', 'Taken by'],
        rows: e.decisions.map((d) => [d.decision, d.by.name]),
      });
    }
  } else b.push({ kind: 'p', text: 'No crisis criteria are declared (escalation:).', tone: 'warn' });

  // 6
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '6. Communication', id: 'communication' });
  b.push({
    kind: 'p',
    text: 'Ready-to-send messages. Fill in the times in brackets; the services are those a critical outage would hit.',
  });
  for (const m of v.messages)
    b.push({
      kind: 'message',
      title: `${CHANNEL[m.channel]} — ${EVENT[m.event]}${m.custom ? ' (your wording)' : ''}`,
      ...(m.subject ? { subject: m.subject } : {}),
      body: m.body,
    });
  b.push({ kind: 'h', level: 3, text: 'Suppliers to call', id: 'communication-suppliers' });
  b.push({
    kind: 'table',
    head: ['Supplier', 'Provides', 'Support', 'Telephone', 'E-mail', 'Web', 'Account'],
    rows: v.suppliers.map((s) => [
      s.name,
      s.components.join(', '),
      s.declared ? (s.support ?? '—') : { text: 'no contact declared', tone: 'warn' },
      s.phone ?? '—',
      s.email ?? '—',
      s.url ?? '—',
      s.account ?? '—',
    ]),
  });

  // 7
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '7. Exercises', id: 'exercises' });
  b.push({ kind: 'h', level: 3, text: 'What has been tested', id: 'exercises-done' });
  if (v.switches.length)
    b.push({
      kind: 'table',
      head: ['Date', 'Group', 'Service', 'Switch', 'Reason', 'Outage seen by users'],
      rows: v.switches.map((s) => [
        h.date(s.at),
        s.group,
        s.service,
        `${s.from} → ${s.to}`,
        s.reason,
        s.total ?? '—',
      ]),
    });
  else
    b.push({
      kind: 'p',
      text:
        v.measured.source === 'store'
          ? 'No switch is recorded.'
          : 'Nothing has been measured: no store was found.',
      tone: 'warn',
    });
  const restores = (v.backups ?? []).filter((x) => x.lastRestoreTest);
  if (restores.length)
    b.push({
      kind: 'table',
      head: ['Restore test', 'Backup', 'Result'],
      rows: restores.map((x) => [
        h.date(x.lastRestoreTest!.at),
        `${x.id} (${x.component})`,
        x.lastRestoreTest!.ok ? { text: 'restored', tone: 'ok' } : { text: 'failed', tone: 'bad' },
      ]),
    });
  b.push({ kind: 'h', level: 3, text: 'Next tests to schedule', id: 'exercises-next' });
  if (v.nextTests.length) b.push({ kind: 'ol', items: v.nextTests.map((t) => nextTest(t, h.date)) });
  else b.push({ kind: 'p', text: 'Every mechanism has been tested within the review period.', tone: 'ok' });

  // 8
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '8. Appendix', id: 'appendix' });
  b.push({ kind: 'h', level: 3, text: 'The full map', id: 'appendix-map' });
  if (v.mapDrawn) b.push({ kind: 'figure', service: undefined, caption: `Dependency map of ${v.company}` });
  b.push({
    kind: 'table',
    head: ['Component', 'Provider', 'Region', 'Kind', 'Depends on'],
    rows: v.components.map((c) => [
      c.id,
      c.provider ?? 'logical',
      c.region ?? '—',
      c.kind ?? '—',
      c.dependsOn.join(', ') || '—',
    ]),
  });
  b.push({ kind: 'h', level: 3, text: 'Glossary', id: 'appendix-glossary' });
  b.push({
    kind: 'dl',
    items: [
      [
        'BCP',
        'Business continuity plan: how the organisation keeps its critical activities going through a disruption, and brings them back.',
      ],
      [
        'RTO',
        'Recovery time objective: the longest a service may stay down before it must be running again.',
      ],
      [
        'RPO',
        'Recovery point objective: how much data may be lost, counted in time — with an RPO of 1 h, at most the last hour’s work.',
      ],
      [
        'MTPD',
        'Maximum tolerable period of disruption: beyond it, the damage to the organisation becomes unacceptable. The RTO must be shorter.',
      ],
      ['SPOF', 'Single point of failure: a component whose failure alone takes a service down.'],
      [
        '3-2-1-1-0',
        'The backup rule: 3 copies of the data, on 2 different media, 1 of them off-site, 1 offline or immutable, and 0 errors when the copies are verified.',
      ],
      ['Failover', 'Moving a service from its usual resources to standby ones; failback is the move back.'],
    ],
  });
  return b;
};
