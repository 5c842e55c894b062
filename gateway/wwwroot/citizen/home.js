import { register, apply, languageSwitch } from '/shared/i18n.js';

register({
  de: { 'home.title': 'Willkommen am digitalen Schalter', 'home.intro': 'Erledigen Sie Ihr Anliegen von zu Hause: schreiben, sprechen oder Bildschirm zeigen.' },
  en: { 'home.title': 'Welcome to the digital counter', 'home.intro': 'Take care of your concern from home: write, speak or share your screen.' },
});
apply();
languageSwitch();
