export default {
  'notice.textsNotKept':
    'De leeromgeving heeft ruimte voor je voortgang, maar niet voor je notities (reflecties, feedback, doelen). Je stappen en score worden bewaard; de notities gaan verloren als je dit venster sluit.',
  'notice.stateNotKept':
    'De leeromgeving heeft geen ruimte meer voor je voortgang. Je status en score komen wel in het cijferoverzicht, maar wat je vanaf nu afvinkt, zie je niet meer nadat je dit venster hebt gesloten.',
  'notice.stateUnreadable': 'Je opgeslagen voortgang in de leeromgeving kon niet worden gelezen, dus Kollega begint opnieuw.',
  'notice.lmsError': 'De leeromgeving heeft {what} niet geaccepteerd: fout {code} ({text}). Je voortgang wordt misschien niet bewaard; meld het aan de beheerder van de cursus.',
};
