export default {
  'notice.textsNotKept':
    'Lärplattformen har plats för dina framsteg men inte för dina anteckningar (reflektioner, återkoppling, mål). Dina steg och ditt resultat sparas; anteckningarna försvinner när du stänger fönstret.',
  'notice.stateNotKept':
    'Lärplattformen har inte plats för mer av dina framsteg. Status och resultat når ändå betygsboken, men det du markerar från och med nu visas inte när du har stängt fönstret.',
  'notice.stateUnreadable': 'Dina sparade framsteg i lärplattformen kunde inte läsas, så Kollega börjar från början.',
  'notice.lmsError': 'Lärplattformen tog inte emot {what}: fel {code} ({text}). Dina framsteg kanske inte sparas; kontakta kursens administratör.',
};
