import { register, t, apply, languageSwitch } from '/shared/i18n.js';
import { api, fragmentToken, showFieldErrors } from '/shared/api.js';
import { codeText } from '/shared/problems.js';

register({
  de: {
    'feedback.title': 'Wie war Ihre Beratung?', 'feedback.intro': 'Ihre Bewertung hilft uns, den digitalen Schalter zu verbessern.',
    'feedback.score': 'Bewertung (1 = schlecht, 5 = sehr gut)', 'feedback.scoreHint': 'Wählen Sie eine Zahl von 1 bis 5.',
    'feedback.comment': 'Kommentar (freiwillig)', 'feedback.send': 'Bewertung senden', 'feedback.thanks': 'Vielen Dank für Ihre Bewertung!',
    'feedback.pickScore': 'Bitte wählen Sie eine Bewertung von 1 bis 5.', 'feedback.noToken': 'Dieser Link ist unvollständig.',
    'feedback.already': 'Für diese Beratung haben Sie bereits eine Bewertung abgegeben. Vielen Dank!',
  },
  en: {
    'feedback.title': 'How was your consultation?', 'feedback.intro': 'Your rating helps us improve the digital counter.',
    'feedback.score': 'Rating (1 = poor, 5 = very good)', 'feedback.scoreHint': 'Choose a number from 1 to 5.',
    'feedback.comment': 'Comment (optional)', 'feedback.send': 'Send rating', 'feedback.thanks': 'Thank you for your rating!',
    'feedback.pickScore': 'Please choose a rating from 1 to 5.', 'feedback.noToken': 'This link is incomplete.',
    'feedback.already': 'You have already rated this consultation. Thank you!',
  },
  fr: {
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
if (!token) {
  form.hidden = true;
  result.textContent = t('feedback.noToken');
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
