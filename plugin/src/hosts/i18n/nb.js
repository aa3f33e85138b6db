export default {
  'notice.textsNotKept':
    'Læringsplattformen har plass til fremdriften din, men ikke til notatene dine (refleksjoner, tilbakemeldinger, mål). Stegene og resultatet lagres; notatene forsvinner når du lukker vinduet.',
  'notice.stateNotKept':
    'Læringsplattformen har ikke plass til mer av fremdriften din. Status og resultat kommer likevel fram til karakterboken, men det du markerer fra nå av, vises ikke etter at du har lukket vinduet.',
  'notice.stateUnreadable': 'Den lagrede fremdriften din i læringsplattformen kunne ikke leses, så Kollega begynner fra starten.',
  'notice.lmsError': 'Læringsplattformen tok ikke imot {what}: feil {code} ({text}). Fremdriften din blir kanskje ikke lagret; si fra til administratoren for emnet.',
};
