/**
 * The SCORM 1.2 data model as Kollega uses it (ADL SCORM 1.2 RTE, docs/scorm.md): element names,
 * the API's method names and how a path view becomes values.
 */
import { cmiDecimal, cmiTime, cmiTimespan } from './scorm-api.js';

/** cmi.core.lesson_status for a grade: passed, else completed, else incomplete (1.2 has one status). */
export function lessonStatus(grade) {
  if (grade.passed) return 'passed';
  return grade.completed ? 'completed' : 'incomplete';
}

export const scorm12 = Object.freeze({
  version: '1.2',
  apiName: 'API',
  maxLevels: 7,
  methods: Object.freeze({
    init: 'LMSInitialize',
    finish: 'LMSFinish',
    get: 'LMSGetValue',
    set: 'LMSSetValue',
    commit: 'LMSCommit',
    lastError: 'LMSGetLastError',
    errorString: 'LMSGetErrorString',
    diagnostic: 'LMSGetDiagnostic',
  }),
  learnerId: 'cmi.core.student_id',
  learnerName: 'cmi.core.student_name',
  suspendData: 'cmi.suspend_data',
  /** CMIString4096. */
  suspendLimit: 4096,
  exit: Object.freeze(['cmi.core.exit', 'suspend']),
  interactionCount: 'cmi.interactions._count',
  sessionTime: (ms) => ['cmi.core.session_time', cmiTimespan(ms)],
  /** Score (0..scoreMaximum) and status; min and max before raw so raw is always in range. */
  progress: (view) => [
    ['cmi.core.score.min', '0'],
    ['cmi.core.score.max', cmiDecimal(view.grade.scoreMaximum)],
    ['cmi.core.score.raw', cmiDecimal(view.grade.scoreGiven)],
    ['cmi.core.lesson_status', lessonStatus(view.grade)],
  ],
  /** A done step as interaction n (1.2 interactions are write-only journal entries). */
  interaction: (n, step) => [
    [`cmi.interactions.${n}.id`, step.id],
    [`cmi.interactions.${n}.type`, 'performance'],
    [`cmi.interactions.${n}.result`, 'neutral'],
    [`cmi.interactions.${n}.time`, cmiTime(step.completedAt)],
  ],
});
