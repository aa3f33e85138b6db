/**
 * The learner's lazily loaded bundle (kollega-activities.js): <kollega-app> imports it with a
 * dynamic import() when a learner opens a session, a form, a role-play, goals or the schedule,
 * so none of it is in the first load. It brings its own copy of lit and the session module's glue.
 */
import { KollegaActivity } from './kollega-activity/kollega-activity.js';

export { KollegaActivity };
export { zoneRule } from './kollega-activity/tz-rule.js';
export { loadSessionCore } from './kollega-activity/session-core.js';
export { recordEvent } from './kollega-activity/record-event.js';

if (!customElements.get('kollega-activity')) customElements.define('kollega-activity', KollegaActivity);
