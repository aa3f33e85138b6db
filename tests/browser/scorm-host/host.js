// Test-only: the LMS side of a SCORM launch. `?version=12|2004&pkg=<folder>`; the test calls
// launch(initialCmi) to start an attempt (a new scorm-again API object, loaded with what the LMS
// kept from the previous session, and a new iframe with the package's index.html), closeAttempt() to
// end it as an LMS player does when the learner leaves (the iframe goes away: pagehide/unload),
// and cmi() to read what the LMS has stored.
const params = new URLSearchParams(location.search);
const version = params.get('version');
const pkg = params.get('pkg');
const names =
  version === '12'
    ? { global: 'API', commit: 'LMSCommit', finish: 'LMSFinish', set: 'LMSSetValue' }
    : { global: 'API_1484_11', commit: 'Commit', finish: 'Terminate', set: 'SetValue' };

const lms = { commits: [], finishes: 0, sets: [], api: null, frame: null };
window.lms = lms;

// `refuse: {element, code}` plays an LMS that rejects one element (SetValue answers "false" and
// GetLastError the code), to see how Kollega reports LMS errors.
window.launch = (initial = {}, { refuse } = {}) => {
  const Api = version === '12' ? window.Scorm12API : window.Scorm2004API;
  const api = new Api({ logLevel: 5, autocommit: false });
  api.loadFromFlattenedJSON(initial, '');
  if (refuse) {
    const set = api[names.set].bind(api);
    api[names.set] = (element, value) => {
      if (element !== refuse.element) return set(element, value);
      api.lastErrorCode = String(refuse.code);
      return 'false';
    };
  }
  api.on(names.commit, () => lms.commits.push(JSON.parse(JSON.stringify(api.renderCMIToJSONObject()))));
  api.on(names.finish, () => lms.finishes++);
  api.on(`${names.set}.cmi.*`, (element, value) => lms.sets.push([element, value]));
  window[names.global] = api;
  lms.api = api;
  lms.commits = [];
  lms.finishes = 0;
  lms.sets = [];
  const frame = document.createElement('iframe');
  frame.title = 'Kollega activity';
  frame.src = `${pkg}/index.html`;
  frame.style.cssText = 'width: 100%; height: 80vh; border: 0';
  lms.frame = frame;
  document.getElementById('player').replaceChildren(frame);
};

window.closeAttempt = () => {
  lms.frame?.remove();
  lms.frame = null;
};

window.cmi = () => JSON.parse(JSON.stringify(lms.api.renderCMIToJSONObject()));
