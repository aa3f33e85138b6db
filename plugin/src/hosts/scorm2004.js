/**
 * The SCORM 2004 (4th edition) data model as Kollega uses it (docs/scorm.md): element names,
 * the API's method names and how a path view becomes values.
 */
import { cmiDecimal, cmiTimestamp, isoDuration } from './scorm-api.js';

export const scorm2004 = Object.freeze({
  version: '2004',
  apiName: 'API_1484_11',
  maxLevels: 500,
  methods: Object.freeze({
    init: 'Initialize',
    finish: 'Terminate',
    get: 'GetValue',
    set: 'SetValue',
    commit: 'Commit',
    lastError: 'GetLastError',
    errorString: 'GetErrorString',
    diagnostic: 'GetDiagnostic',
  }),
  learnerId: 'cmi.learner_id',
  learnerName: 'cmi.learner_name',
  suspendData: 'cmi.suspend_data',
  /** characterstring(SPM 64000), 4th edition. */
  suspendLimit: 64000,
  exit: Object.freeze(['cmi.exit', 'suspend']),
  interactionCount: 'cmi.interactions._count',
  sessionTime: (ms) => ['cmi.session_time', isoDuration(ms)],
  /** Score, progress and the two statuses: completion (every step) and success (the pass rule). */
  progress: (view) => [
    ['cmi.score.min', '0'],
    ['cmi.score.max', cmiDecimal(view.grade.scoreMaximum)],
    ['cmi.score.raw', cmiDecimal(view.grade.scoreGiven)],
    ['cmi.score.scaled', cmiDecimal(view.grade.scoreMaximum > 0 ? view.grade.scoreGiven / view.grade.scoreMaximum : 0, 4)],
    ['cmi.progress_measure', cmiDecimal(view.progress.total > 0 ? view.progress.done / view.progress.total : 0, 4)],
    ['cmi.completion_status', view.grade.completed ? 'completed' : 'incomplete'],
    ['cmi.success_status', view.grade.passed ? 'passed' : 'unknown'],
  ],
  /** A done step as interaction n: a URN id per program and step, the step's title as description. */
  interaction: (n, step, programId) => [
    [`cmi.interactions.${n}.id`, `urn:kollega:${programId}:${step.id}`],
    [`cmi.interactions.${n}.type`, 'other'],
    [`cmi.interactions.${n}.result`, 'neutral'],
    [`cmi.interactions.${n}.timestamp`, cmiTimestamp(step.completedAt)],
    [`cmi.interactions.${n}.description`, String(step.title ?? '').slice(0, 250)],
  ],
});
