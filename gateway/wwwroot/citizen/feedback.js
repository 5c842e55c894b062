import { register, t, apply, languageSwitch } from '/shared/i18n.js';
import { api, fragmentToken, showFieldErrors } from '/shared/api.js';
import { codeText } from '/shared/problems.js';
import { submittedDossiers } from '/shared/signing.js';

register({
  de: {
    'feedback.ended': 'Die Beratung ist beendet.', 'feedback.left': 'Sie haben die Beratung verlassen.',
    'feedback.next': 'Wie es weitergeht', 'feedback.dossiers': 'Ihre in der Beratung eingereichten Anträge:', 'feedback.follow': 'Stand von {reference} ansehen', 'feedback.home': 'Zur Startseite',
    'feedback.title': 'Wie war Ihre Beratung?', 'feedback.intro': 'Ihre Bewertung hilft uns, den digitalen Schalter zu verbessern.',
    'feedback.score': 'Bewertung (1 = schlecht, 5 = sehr gut)', 'feedback.scoreHint': 'Wählen Sie eine Zahl von 1 bis 5.',
    'feedback.comment': 'Kommentar (freiwillig)', 'feedback.send': 'Bewertung senden', 'feedback.thanks': 'Vielen Dank für Ihre Bewertung!',
    'feedback.pickScore': 'Bitte wählen Sie eine Bewertung von 1 bis 5.', 'feedback.noToken': 'Dieser Link ist unvollständig.',
    'feedback.already': 'Für diese Beratung haben Sie bereits eine Bewertung abgegeben. Vielen Dank!',
  },
  en: {
    'feedback.ended': 'The consultation has ended.', 'feedback.left': 'You have left the consultation.',
    'feedback.next': 'What happens next', 'feedback.dossiers': 'The applications you submitted in the consultation:', 'feedback.follow': 'See the status of {reference}', 'feedback.home': 'To the start page',
    'feedback.title': 'How was your consultation?', 'feedback.intro': 'Your rating helps us improve the digital counter.',
    'feedback.score': 'Rating (1 = poor, 5 = very good)', 'feedback.scoreHint': 'Choose a number from 1 to 5.',
    'feedback.comment': 'Comment (optional)', 'feedback.send': 'Send rating', 'feedback.thanks': 'Thank you for your rating!',
    'feedback.pickScore': 'Please choose a rating from 1 to 5.', 'feedback.noToken': 'This link is incomplete.',
    'feedback.already': 'You have already rated this consultation. Thank you!',
  },
  fr: {
    'feedback.ended': 'L’entretien est terminé.', 'feedback.left': 'Vous avez quitté l’entretien.',
    'feedback.next': 'La suite', 'feedback.dossiers': 'Les demandes déposées pendant l’entretien :', 'feedback.follow': 'Suivre l’état de {reference}', 'feedback.home': 'Vers la page d’accueil',
    'feedback.title': 'Comment s’est passé votre entretien ?',
    'feedback.intro': 'Votre évaluation nous aide à améliorer le guichet numérique.',
    'feedback.score': 'Évaluation (1 = mauvais, 5 = très bien)',
    'feedback.scoreHint': 'Choisissez un chiffre de 1 à 5.',
    'feedback.comment': 'Commentaire (facultatif)',
    'feedback.send': 'Envoyer l’évaluation',
    'feedback.thanks': 'Merci pour votre évaluation !',
    'feedback.pickScore': 'Veuillez choisir une évaluation de 1 à 5.',
    'feedback.noToken': 'Ce lien est incomplet.',
    'feedback.already': 'Vous avez déjà évalué cet entretien. Merci beaucoup !',
  },
  it: {
    'feedback.ended': 'Il colloquio è terminato.', 'feedback.left': 'Avete lasciato il colloquio.',
    'feedback.next': 'Come si procede', 'feedback.dossiers': 'Le domande che avete inoltrato durante il colloquio:', 'feedback.follow': 'Vedere lo stato di {reference}', 'feedback.home': 'Alla pagina iniziale',
    'feedback.title': 'Com’è andato il vostro colloquio?',
    'feedback.intro': 'La vostra valutazione ci aiuta a migliorare lo sportello digitale.',
    'feedback.score': 'Valutazione (1 = scarso, 5 = ottimo)',
    'feedback.scoreHint': 'Scegliete un numero da 1 a 5.',
    'feedback.comment': 'Commento (facoltativo)',
    'feedback.send': 'Inviare la valutazione',
    'feedback.thanks': 'Grazie per la vostra valutazione!',
    'feedback.pickScore': 'Scegliete una valutazione da 1 a 5.',
    'feedback.noToken': 'Questo link è incompleto.',
    'feedback.already': 'Avete già valutato questo colloquio. Grazie mille!',
  },
  'de-x-ls': {
    'feedback.ended': 'Das Gespräch ist zu Ende.', 'feedback.left': 'Sie sind aus dem Gespräch gegangen.',
    'feedback.next': 'So geht es weiter', 'feedback.dossiers': 'Diese Anträge haben Sie im Gespräch geschickt:', 'feedback.follow': 'So weit ist {reference}', 'feedback.home': 'Zur ersten Seite',
    'feedback.title': 'Wie war das Gespräch für Sie?',
    'feedback.intro': 'Sagen Sie uns Ihre Meinung. Dann können wir den Schalter im Internet besser machen.',
    'feedback.score': 'Ihre Note: 1 ist schlecht. 5 ist sehr gut.',
    'feedback.scoreHint': 'Wählen Sie eine Zahl von 1 bis 5.',
    'feedback.comment': 'Möchten Sie noch etwas sagen? Das müssen Sie nicht.',
    'feedback.send': 'Meinung schicken',
    'feedback.thanks': 'Danke für Ihre Meinung!',
    'feedback.pickScore': 'Bitte wählen Sie eine Zahl von 1 bis 5.',
    'feedback.noToken': 'Dieser Link ist nicht vollständig.',
    'feedback.already': 'Sie haben uns schon Ihre Meinung zu diesem Gespräch gesagt. Danke!',
  },
});
apply();
languageSwitch();

const form = document.getElementById('feedback-form');
const result = document.getElementById('result');
const token = fragmentToken('t');

// How the consultation ended, from the room: the clerk ended it, or the resident left.
const how = fragmentToken('by');
const ended = document.getElementById('ended');
if (how === 'clerk' || how === 'resident') {
  ended.dataset.i18n = how === 'clerk' ? 'feedback.ended' : 'feedback.left';
  ended.hidden = false;
  apply(ended);
}

// What was submitted in the consultation stays reachable after it: its dossiers' status pages (kept by the room in
// this tab only, see shared/signing.js) and the start page. The page is no dead end before or after the rating.
function showDossiers() {
  const submitted = submittedDossiers(token);
  const box = document.getElementById('dossiers');
  document.getElementById('dossiers-item').hidden = submitted.length === 0;
  box.replaceChildren(...submitted.flatMap(({ reference, statusToken }, i) => {
    const link = Object.assign(document.createElement('a'), { href: `/dossier.html#t=${encodeURIComponent(statusToken)}` });
    link.textContent = t('feedback.follow', { reference });
    return i ? [' · ', link] : [link];
  }));
}
showDossiers();
document.addEventListener('languagechange', showDossiers);
if (!token) {
  form.hidden = true;
  result.textContent = t('feedback.noToken');
} else {
  // Rated already (a reload after sending): the thanks, not the question again (room probe, 2026-12-06).
  api('/api/sessions/rooms/current', { token }).then(room => {
    if (room.feedbackGiven) { form.hidden = true; result.textContent = t('feedback.already'); }
  }).catch(() => { /* the question stays; sending says what is wrong */ });
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  const score = Number(new FormData(form).get('score'));
  if (!score) {
    showFieldErrors(form, { errors: { score: [t('feedback.pickScore')] } });
    form.querySelector('input[name="score"]').focus();
    return;
  }
  try {
    await api('/api/sessions/rooms/current/feedback', { method: 'POST', token, body: { score, comment: form.comment.value } });
    form.hidden = true;
    result.textContent = t('feedback.thanks');
    // The pressed button went with the form: the thanks take the focus, not the page's start.
    result.focus();
  } catch (e) {
    if (e.status === 409) { form.hidden = true; result.textContent = t('feedback.already'); result.focus(); return; }
    if (e.status === 400) { showFieldErrors(form, e); return; }
    result.textContent = codeText(e) || t('common.error');
  }
});
