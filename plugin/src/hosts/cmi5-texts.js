import { Translator } from '../i18n/translator.js';

/** Texts of the cmi5 host: notices inside <kollega-app> (en is the reference; same keys in all four). */
export const cmi5Texts = Object.freeze({
  en: {
    'sync.waiting': {
      one: '{count} entry is waiting to sync with the learning record store. It is kept on this device and sent when the connection is back.',
      other: '{count} entries are waiting to sync with the learning record store. They are kept on this device and sent when the connection is back.',
    },
    'sync.error': 'Your entries could not be sent to the learning record store ({message}). They are kept on this device; tell the course administrator.',
    'readBack.failed': 'Your group’s shared entries could not be read from the learning record store ({message}); what you see may be out of date.',
    'mode.browse': 'You are browsing this course: nothing you mark here counts for your grade.',
  },
  sv: {
    'sync.waiting': {
      one: '{count} post väntar på att synkas med lärdataarkivet. Den sparas på den här enheten och skickas när anslutningen är tillbaka.',
      other: '{count} poster väntar på att synkas med lärdataarkivet. De sparas på den här enheten och skickas när anslutningen är tillbaka.',
    },
    'sync.error': 'Dina poster kunde inte skickas till lärdataarkivet ({message}). De sparas på den här enheten; kontakta kursens administratör.',
    'readBack.failed': 'Gruppens delade poster kunde inte läsas från lärdataarkivet ({message}); det du ser kan vara inaktuellt.',
    'mode.browse': 'Du bläddrar i kursen: inget du markerar här räknas till ditt betyg.',
  },
  nb: {
    'sync.waiting': {
      one: '{count} oppføring venter på å bli synkronisert med læringsdatalageret. Den er lagret på denne enheten og sendes når forbindelsen er tilbake.',
      other: '{count} oppføringer venter på å bli synkronisert med læringsdatalageret. De er lagret på denne enheten og sendes når forbindelsen er tilbake.',
    },
    'sync.error': 'Oppføringene dine kunne ikke sendes til læringsdatalageret ({message}). De er lagret på denne enheten; si fra til administratoren for emnet.',
    'readBack.failed': 'Gruppens delte oppføringer kunne ikke leses fra læringsdatalageret ({message}); det du ser, kan være utdatert.',
    'mode.browse': 'Du blar i emnet: ingenting du markerer her, teller for karakteren din.',
  },
  nl: {
    'sync.waiting': {
      one: '{count} gegeven wacht op synchronisatie met de leergegevensopslag. Het blijft op dit apparaat en wordt verstuurd zodra de verbinding terug is.',
      other: '{count} gegevens wachten op synchronisatie met de leergegevensopslag. Ze blijven op dit apparaat en worden verstuurd zodra de verbinding terug is.',
    },
    'sync.error': 'Je gegevens konden niet naar de leergegevensopslag worden verstuurd ({message}). Ze blijven op dit apparaat; meld het aan de beheerder van de cursus.',
    'readBack.failed': 'De gedeelde gegevens van je groep konden niet uit de leergegevensopslag worden gelezen ({message}); wat je ziet is misschien niet actueel.',
    'mode.browse': 'Je bekijkt deze cursus alleen: wat je hier afvinkt, telt niet mee voor je cijfer.',
  },
});

const translators = new Map();

/** The text of `key` in `lang` (English when the language is not one of ours), `{name}` filled in, plurals by `count`. */
export function cmi5Text(lang, key, params = {}) {
  if (!translators.has(lang)) translators.set(lang, new Translator(lang, cmi5Texts));
  return translators.get(lang).t(key, params);
}
