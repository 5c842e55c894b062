// "My mail never arrived": asks booking to send the links of the address's appointments again. The answer is the
// same whether or not the address has appointments, so the page never tells anyone who booked.
import { register, t, say, apply } from '/shared/i18n.js';
import { api, ApiError, showFieldErrors } from '/shared/api.js';

register({
  de: {
    'resend.title': 'E-Mail mit den Links nicht erhalten?',
    'resend.intro': 'Geben Sie die Adresse an, mit der Sie gebucht haben. Wir senden die Links zu Ihren Terminen erneut; die Links aus früheren E-Mails gelten danach nicht mehr.',
    'resend.email': 'E-Mail-Adresse', 'resend.submit': 'Links erneut senden',
    'resend.sent': 'Falls es zu dieser Adresse Termine gibt, haben wir die Links soeben an {email} gesendet. Schauen Sie auch im Spam-Ordner nach.',
    'resend.invalid': 'Bitte geben Sie eine vollständige E-Mail-Adresse an, z. B. name@beispiel.ch.',
    'resend.busy': 'Zu viele Anfragen. Bitte versuchen Sie es in einigen Minuten erneut.',
  },
  en: {
    'resend.title': 'Did not get the e-mail with the links?',
    'resend.intro': 'Enter the address you booked with. We send the links to your appointments again; the links in earlier e-mails stop working.',
    'resend.email': 'E-mail address', 'resend.submit': 'Send the links again',
    'resend.sent': 'If there are appointments for this address, we have just sent the links to {email}. Please also check your spam folder.',
    'resend.invalid': 'Please enter a complete e-mail address, e.g. name@example.ch.',
    'resend.busy': 'Too many requests. Please try again in a few minutes.',
  },
  fr: {
    'resend.title': 'Vous n’avez pas reçu l’e-mail avec les liens ?',
    'resend.intro': 'Indiquez l’adresse utilisée pour la réservation. Nous renvoyons les liens de vos rendez-vous ; les liens des e-mails précédents ne fonctionnent plus ensuite.',
    'resend.email': 'Adresse e-mail', 'resend.submit': 'Renvoyer les liens',
    'resend.sent': 'S’il existe des rendez-vous pour cette adresse, nous venons d’envoyer les liens à {email}. Vérifiez aussi vos courriers indésirables.',
    'resend.invalid': 'Veuillez saisir une adresse e-mail complète, p. ex. nom@exemple.ch.',
    'resend.busy': 'Trop de demandes. Veuillez réessayer dans quelques minutes.',
  },
  it: {
    'resend.title': 'Non avete ricevuto l’e-mail con i link?',
    'resend.intro': 'Indicate l’indirizzo con cui avete prenotato. Vi inviamo di nuovo i link dei vostri appuntamenti; i link delle e-mail precedenti non funzioneranno più.',
    'resend.email': 'Indirizzo e-mail', 'resend.submit': 'Inviare di nuovo i link',
    'resend.sent': 'Se ci sono appuntamenti per questo indirizzo, abbiamo appena inviato i link a {email}. Controllate anche la cartella spam.',
    'resend.invalid': 'Indicate un indirizzo e-mail completo, ad es. nome@esempio.ch.',
    'resend.busy': 'Troppe richieste. Riprovate tra qualche minuto.',
  },
  'de-x-ls': {
    'resend.title': 'Sie haben keine E-Mail bekommen?',
    'resend.intro': 'Schreiben Sie Ihre E-Mail-Adresse hier hin. Nehmen Sie die Adresse von der Buchung. Wir schicken die Links noch einmal. Die alten Links gehen dann nicht mehr.',
    'resend.email': 'E-Mail-Adresse', 'resend.submit': 'Links noch einmal schicken',
    'resend.sent': 'Wenn Sie mit dieser Adresse gebucht haben: Wir haben die Links an {email} geschickt. Schauen Sie auch im Spam-Ordner nach.',
    'resend.invalid': 'Die E-Mail-Adresse ist nicht vollständig. Ein Beispiel: name@beispiel.ch',
    'resend.busy': 'Das waren zu viele Anfragen. Versuchen Sie es in ein paar Minuten noch einmal.',
  },
});

// The page's own module may have filled the texts before these were registered.
apply(document.getElementById('resend') || document);
const form = document.getElementById('resend-form');
const status = document.getElementById('resend-status');
form?.addEventListener('submit', async event => {
  event.preventDefault();
  const submit = document.getElementById('resend-submit');
  const email = form.email.value.trim();
  status.textContent = '';
  status.className = '';
  submit.disabled = true;
  try {
    await api('/api/booking/appointments/links', { method: 'POST', body: { email } });
    showFieldErrors(form, {});
    say(status, 'resend.sent', { email });
    status.className = 'ok';
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) {
      showFieldErrors(form, { errors: { email: [t('resend.invalid')] } });
      // Said, so a switch of language rewrites it.
      const message = form.querySelector('.field-error');
      if (message) say(message, 'resend.invalid');
      form.email.focus();
    } else {
      say(status, e instanceof ApiError && e.status === 429 ? 'resend.busy' : 'common.error');
      status.className = 'error';
    }
  } finally {
    submit.disabled = false;
  }
});
