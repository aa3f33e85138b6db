/** Texts of the LMS host adapters (SCORM): notices shown inside <kollega-app>. */
export default {
  'notice.textsNotKept':
    'This learning platform has room for your progress but not for your notes (reflections, feedback, goals). Your steps and score are saved; the notes are lost when you close this window.',
  'notice.stateNotKept':
    'This learning platform has no more room for your progress. Your status and score still reach the gradebook, but what you mark from now on will not be shown after you close this window.',
  'notice.stateUnreadable': 'Your saved progress in this learning platform could not be read, so Kollega starts from the beginning.',
  'notice.lmsError': 'The learning platform did not accept {what}: error {code} ({text}). Your progress may not be saved; tell the course administrator.',
};
