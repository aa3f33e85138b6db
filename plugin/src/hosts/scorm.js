/**
 * The SCORM host bundle (kollega-scorm.js), loaded by select-host.js for host="scorm12" and
 * host="scorm2004"; never part of the generic first load.
 */
import { startScormHost } from './scorm-api.js';
import { scorm12 } from './scorm12.js';
import { scorm2004 } from './scorm2004.js';

/** Starts the SCORM host `name` (`scorm12` or `scorm2004`); see select-host.js for the host's shape. */
export function createHost(name, options) {
  return startScormHost(name === 'scorm2004' ? scorm2004 : scorm12, options);
}
