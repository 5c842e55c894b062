// What a browser gets for a page address that does not exist (the gateway answers 404 with this page): said in the
// page's language, with the way back to the start page, or to the staff overview for an address under /agent/.
import { register, apply, languageSwitch } from '/shared/i18n.js';

register({
  de: {
    'notFound.title': 'Seite nicht gefunden',
    'notFound.intro': 'Diese Seite gibt es nicht. Vielleicht ist der Link unvollständig oder veraltet.',
    'notFound.start': 'Zur Startseite', 'notFound.staff': 'Zur Übersicht für Mitarbeitende',
  },
  en: {
    'notFound.title': 'Page not found',
    'notFound.intro': 'This page does not exist. The link may be incomplete or out of date.',
    'notFound.start': 'To the start page', 'notFound.staff': 'To the staff overview',
  },
  fr: {
    'notFound.title': 'Page introuvable',
    'notFound.intro': 'Cette page n’existe pas. Le lien est peut-être incomplet ou périmé.',
    'notFound.start': 'Vers la page d’accueil', 'notFound.staff': 'Vers la vue d’ensemble du personnel',
  },
  it: {
    'notFound.title': 'Pagina non trovata',
    'notFound.intro': 'Questa pagina non esiste. Forse il link è incompleto o non più valido.',
    'notFound.start': 'Alla pagina iniziale', 'notFound.staff': 'Alla panoramica per il personale',
  },
  'de-x-ls': {
    'notFound.title': 'Diese Seite gibt es nicht',
    'notFound.intro': 'Vielleicht ist der Link nicht richtig. Oder der Link ist zu alt.',
    'notFound.start': 'Zur ersten Seite', 'notFound.staff': 'Zur Übersicht für Mitarbeitende',
  },
});

const start = document.getElementById('start');
if (location.pathname.startsWith('/agent/')) {
  start.href = '/agent/';
  start.dataset.i18n = 'notFound.staff';
}
apply();
languageSwitch();
