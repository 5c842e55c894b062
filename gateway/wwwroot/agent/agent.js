import { register, apply, languageSwitch } from '/shared/i18n.js';

register({
  de: { 'agent.name': 'Schalter für Mitarbeitende', 'agent.title': 'Anmeldung' },
  en: { 'agent.name': 'Counter for staff', 'agent.title': 'Sign in' },
});
apply();
languageSwitch();
