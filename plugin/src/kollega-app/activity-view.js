/**
 * How <kollega-app> shows what a program asks of learners: the program's facts (cadence, group),
 * its ground rules, and each step's activity in a native <details> disclosure. Every text comes
 * resolved from the core (docs/architecture.md, "The wasm API"); this module only lays it out and
 * puts the numbers and rules into words in the page's language.
 */
import { html, nothing } from 'lit';

/** A catalog word for an enum value (`cadence.weekly`, `role.coach`), or the raw value if unknown. */
function word(t, prefix, value) {
  const key = `${prefix}.${value}`;
  const text = t.t(key);
  return text === key ? String(value) : text;
}

const section = (heading, body) => html`<div class="part"><h4>${heading}</h4>${body}</div>`;
const items = (list, tag = 'ul') =>
  tag === 'ol' ? html`<ol>${list.map((x) => html`<li>${x}</li>`)}</ol>` : html`<ul>${list.map((x) => html`<li>${x}</li>`)}</ul>`;

/** "Meets every 2 weeks", "Groups of 3–4 people", "New groups after every 6 sessions" (those that apply). */
export function programFacts(t, program) {
  const facts = [];
  if (program.cadence) facts.push(t.t('program.meets', { cadence: word(t, 'cadence', program.cadence) }));
  const group = program.group;
  if (group?.size) {
    const { min, max } = group.size;
    if (group.pairing === 'mentor' || group.pairing === 'skill-exchange') facts.push(t.t(`group.${group.pairing}`));
    else if (min === 2 && max === 2) facts.push(t.t('group.pairs'));
    else if (min === max) facts.push(t.t('group.fixed', { size: max }));
    else facts.push(t.t('group.range', { min, max }));
  }
  if (group?.regroupAfterSessions) facts.push(t.plural('group.regroup', group.regroupAfterSessions));
  return facts;
}

/** The line of facts under the program title, or nothing. */
export function renderProgramFacts(t, program) {
  const facts = programFacts(t, program);
  if (!facts.length) return nothing;
  return html`<p class="facts">
    ${facts.map((fact, i) => html`${i ? html`<span class="sep" aria-hidden="true"> · </span>` : nothing}<span>${fact}</span>`)}
  </p>`;
}

/** The ground rules and the confidentiality agreement in a disclosure, or nothing. */
export function renderGroundRules(t, groundRules) {
  if (!groundRules || (!groundRules.rules?.length && !groundRules.confidentiality)) return nothing;
  return html`<details class="disclosure ground-rules">
    <summary>${t.t('groundRules.summary')}</summary>
    <div class="disclosure-body">
      ${groundRules.rules?.length
        ? html`<h3 class="sub">${t.t('groundRules.rules')}</h3>
            ${items(groundRules.rules)}`
        : nothing}
      ${groundRules.confidentiality
        ? html`<h3 class="sub">${t.t('groundRules.confidentiality')}</h3>
            <p>${groundRules.confidentiality}</p>`
        : nothing}
    </div>
  </details>`;
}

/** "15 minutes each with 3 people, 11 with 4". */
export function turnsText(t, turns) {
  if (!turns?.length) return '';
  const [first, ...rest] = turns;
  return [
    t.plural('session.turnsFirst', first.minutes, { size: first.groupSize }),
    ...rest.map((turn) => t.t('session.turnsMore', { minutes: turn.minutes, size: turn.groupSize })),
  ].join(', ');
}

/** "Name at least 1 thing that worked and at most 1 thing to improve." */
export function balanceText(t, balance) {
  const improve = t.plural('observation.improve', balance?.maxImprove ?? 1);
  if (!balance?.minWorked) return t.t('observation.balanceImproveOnly', { improve });
  return t.t('observation.balance', { worked: t.plural('observation.worked', balance.minWorked), improve });
}

function goal(t, a) {
  return html`${a.prompt ? html`<p class="prompt">${a.prompt}</p>` : nothing}
    ${a.measureHint ? section(t.t('goal.measurable'), html`<p>${a.measureHint}</p>`) : nothing}
    ${a.examples?.length ? section(t.t('goal.examples'), items(a.examples)) : nothing}
    ${a.checkIn ? html`<p class="note">${t.t('goal.checkIn', { cadence: word(t, 'cadence', a.checkIn) })}</p>` : nothing}`;
}

function reflection(t, a) {
  return html`<p>${t.t('reflection.intro')}</p>
    ${items(a.prompts ?? [], 'ol')}`;
}

function scale(t, s) {
  const range = html`<p class="scale">${t.t('observation.scale', { min: s.min, max: s.max })}</p>`;
  if (!s.labels?.length) return range;
  return html`${range}
    <ul class="scale-points">
      ${s.labels.map((label, i) => html`<li><span class="point">${s.min + i}</span> <span>${label}</span></li>`)}
    </ul>`;
}

function observation(t, a) {
  return html`${a.focus ? section(t.t('observation.focus'), html`<p>${a.focus}</p>`) : nothing}
    ${a.rubric?.length
      ? section(
          t.t('observation.rubric'),
          html`<ul class="rubric">
            ${a.rubric.map((item) => html`<li data-rubric-id=${item.id}><p class="rubric-label">${item.label}</p>${scale(t, item.scale ?? {})}</li>`)}
          </ul>`,
        )
      : nothing}
    ${section(
      t.t('observation.feedback'),
      html`<ul class="feedback">
          ${a.whatWorked ? html`<li><span class="sign" aria-hidden="true">+</span> ${a.whatWorked}</li>` : nothing}
          ${a.toImprove ? html`<li><span class="sign" aria-hidden="true">→</span> ${a.toImprove}</li>` : nothing}
        </ul>
        <p class="note">${balanceText(t, a.balance)}</p>
        ${a.sbi ? html`<p class="note">${t.t('observation.sbi')}</p>` : nothing}`,
    )}`;
}

function rolePlay(t, a) {
  const stageTitles = new Map((a.stages ?? []).map((s) => [s.id, s.title]));
  return html`${a.scenario ? section(t.t('roleplay.scenario'), html`<p>${a.scenario}</p>`) : nothing}
    ${a.stages?.length
      ? section(
          t.t('roleplay.stages'),
          html`<ol class="stages">
            ${a.stages.map((s) => html`<li>${s.title}${s.minutes ? html` <span class="time">(${t.t('minutes.short', { count: s.minutes })})</span>` : nothing}</li>`)}
          </ol>`,
        )
      : nothing}
    ${a.roles?.length
      ? section(
          t.t('roleplay.roles'),
          html`<div class="roles">
            ${a.roles.map(
              (role) => html`<div class="role-card" data-role-id=${role.id}>
                <h5>${role.name}</h5>
                ${role.goal ? html`<p>${t.t('roleplay.goal', { goal: role.goal })}</p>` : nothing}
                ${role.cues?.length
                  ? html`<p class="label">${t.t('roleplay.cues')}</p>
                      <dl class="cues">
                        ${role.cues.map((cue) => html`<div><dt>${stageTitles.get(cue.stage) ?? cue.stage}</dt><dd>${cue.text}</dd></div>`)}
                      </dl>`
                  : nothing}
              </div>`,
            )}
          </div>`,
        )
      : nothing}
    ${a.swap ? html`<p class="note">${word(t, 'roleplay.swap', a.swap)}</p>` : nothing}
    ${a.checklist ? html`<p class="note">${t.t('roleplay.checklist', { title: a.checklistTitle || a.checklist })}</p>` : nothing}`;
}

function session(t, a) {
  const roles = (a.roles ?? []).map((r) => word(t, 'role', r));
  return html`${a.minutes ? html`<p>${t.plural('session.length', a.minutes)}</p>` : nothing}
    ${a.agenda?.length
      ? section(
          t.t('session.agenda'),
          html`<ol class="agenda">
            ${a.agenda.map(
              (phase) => html`<li data-phase=${phase.phase ?? nothing}>
                <span class="phase-title">${phase.title}</span>
                <span class="time">${t.t('minutes.short', { count: phase.minutes })}</span>
                ${phase.perPerson && phase.turns?.length ? html`<p class="turns">${turnsText(t, phase.turns)}</p>` : nothing}
              </li>`,
            )}
          </ol>`,
        )
      : nothing}
    ${roles.length
      ? html`<p class="note">${t.t('session.roles', { roles: t.list(roles) })}
          ${roles.length > 1 ? (a.rotateRoles === false ? t.t('session.noRotate') : t.t('session.rotate')) : nothing}</p>`
      : nothing}
    ${a.questions?.length ? section(t.t('session.questions'), items(a.questions)) : nothing}`;
}

const bodies = { goal, reflection, observation, 'role-play': rolePlay, session };

/**
 * A step's activity in a disclosure: `<details>` with a summary like "Goal setting: how it works"
 * (plus the step title for screen readers, so every summary has its own name).
 */
export function renderActivity(t, step) {
  const a = step.activity;
  if (!a) return nothing;
  const body = bodies[a.kind];
  const kind = word(t, 'activity.kind', a.kind);
  return html`<details class="disclosure activity" data-kind=${a.kind}>
    <summary>${t.t('activity.summary', { kind })}<span class="visually-hidden"> – ${step.title}</span></summary>
    <div class="disclosure-body">
      ${a.title && a.title !== step.title ? html`<p class="activity-title">${a.title}</p>` : nothing}
      ${body ? body(t, a) : nothing}
    </div>
  </details>`;
}
