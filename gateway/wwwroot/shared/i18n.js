// Every page in German, English, French, Italian and Leichte Sprache (plain German, 'de-x-ls'). A page registers
// its own strings: register({ de: {...}, en: {...}, fr: {...}, it: {...}, 'de-x-ls': {...} }); elements with
// data-i18n are filled on load and when the resident switches language. A text missing in Leichte Sprache falls
// back to German (a test names the pages that must have all of theirs); any other missing text falls back to the
// city's default language, then German.
//
// The language is negotiated once: the resident's choice (the switch, remembered per browser), else the language of
// the mail whose link opened the page, else the browser's languages (what it sends as Accept-Language), else the
// city's default. The city's languages and default come
// from the gateway (/api/city, configured by City:Languages and City:DefaultLanguage).
export const languages = ['de', 'en', 'fr', 'it', 'de-x-ls'];

/** Each language in its own name, as the switch offers it. */
export const languageNames = { de: 'Deutsch', en: 'English', fr: 'Français', it: 'Italiano', 'de-x-ls': 'Leichte Sprache' };

/**
 * Leichte Sprache named for staff in their own language (a resident's other languages are named in themselves), with
 * its German name in brackets, as a clerk meets it on the resident's switch.
 */
const easyGermanNames = {
  de: 'Leichte Sprache',
  en: 'Easy Read German (Leichte Sprache)',
  fr: 'allemand facile (Leichte Sprache)',
  it: 'tedesco facile (Leichte Sprache)',
};

/** Leichte Sprache's name in the page's language. */
export function easyGermanName() {
  return easyGermanNames[language()] ?? easyGermanNames.de;
}

/** Fills an element with Leichte Sprache's name in the page's language, its German name marked as German. */
export function showEasyGermanName(el) {
  const [before, after] = easyGermanName().split('Leichte Sprache');
  const german = document.createElement('span');
  german.lang = 'de';
  german.textContent = 'Leichte Sprache';
  el.replaceChildren(...[before, german, after].filter(part => part !== ''));
  el.removeAttribute('lang');
}

const locales = { de: 'de-CH', en: 'en-GB', fr: 'fr-CH', it: 'it-CH', 'de-x-ls': 'de-CH' };
const catalog = Object.fromEntries(languages.map(lang => [lang, {}]));

// A language chosen on the switch before the page is ready (a slow phone, a quick hand) is the resident's choice: it
// is kept when the switch is wired, not overwritten with the language negotiated meanwhile. Heard from here on; a
// choice made before this module ran shows in the switch itself (see languageSwitch).
let chosenEarly = null;
const hearEarly = event => {
  if (event.target instanceof HTMLSelectElement && event.target.matches('select[data-language-switch]')) chosenEarly = event.target.value;
};
document.addEventListener('change', hearEarly, true);

/**
 * What the city offers: { defaultLanguage, languages, timeZone, staffLanguage }; all five, German and the device's own
 * zone when the gateway cannot say (no city is written into the pages: City:TimeZone is the one place that names it).
 * staffLanguage is the one the system writes to staff in (a department's mailbox, unless it has its own).
 */
export const city = await fetch('/api/city', { headers: { Accept: 'application/json' } })
  .then(response => (response.ok ? response.json() : null))
  .catch(() => null)
  .then(settings => {
    const offered = (settings?.languages ?? languages).filter(lang => languages.includes(lang));
    const fallback = offered.length ? offered : languages;
    const defaultLanguage = fallback.includes(settings?.defaultLanguage) ? settings.defaultLanguage : fallback[0];
    return { defaultLanguage, languages: fallback, timeZone: settings?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone,
      staffLanguage: settings?.staffLanguage || 'de' };
  });

function negotiate() {
  for (const wanted of navigator.languages?.length ? navigator.languages : [navigator.language]) {
    const tag = String(wanted || '').toLowerCase();
    if (city.languages.includes(tag)) return tag;
    const base = tag.split('-')[0];
    if (city.languages.includes(base)) return base;
  }
  return city.defaultLanguage;
}

// A link from one of the city's mails names the mail's language beside its token (#t=…&lang=fr): on a device where
// the resident never chose one, the page opens in it rather than in the browser's.
let current = (() => {
  const saved = localStorage.getItem('lang');
  const linked = new URLSearchParams(location.hash.slice(1)).get('lang');
  return city.languages.includes(saved) ? saved : city.languages.includes(linked) ? linked : negotiate();
})();

export function language() {
  return current;
}

/** The Intl locale for dates and numbers in the current language (Swiss variants: the cities are Swiss). */
export function locale(lang = language()) {
  return locales[lang] ?? 'de-CH';
}

/** A language's name in the page's language ('fr' → "Französisch" on a German page, "français" on a French one). */
export function languageName(code) {
  try { return new Intl.DisplayNames([locale()], { type: 'language' }).of(code); } catch { return code; }
}

/** The weekday's name in the page's language (0 = Sunday, as Date.getDay and the services count), capitalised as in a list. */
export function weekday(dow) {
  const name = new Intl.DateTimeFormat(locale(), { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 7 + Number(dow)));
  return name.charAt(0).toLocaleUpperCase(locale()) + name.slice(1);
}

/** A text the services send per language ({ de, en, fr?, it? }): the current language, else the city's default, else German. */
export function pick(texts, lang = language()) {
  return picked(texts, lang)[0];
}

/** The text pick() takes and its language: the page's, else (Leichte Sprache reads German) the city's, German, English. */
function picked(texts, lang) {
  if (!texts) return ['', lang];
  for (const candidate of [lang, lang === 'de-x-ls' ? 'de' : null, city.defaultLanguage, 'de', 'en']) {
    if (candidate && texts[candidate] != null) return [texts[candidate], candidate];
  }
  return ['', lang];
}

/**
 * `{ lang }` for an element showing pick(texts) where that text is in another language than the page (a name the
 * city has not translated), else `{}`: a screen reader then reads the German name with German rules on an Italian
 * page (WCAG 3.1.2; accessibility probe, 2026-12-06). Spread into an element's properties.
 */
export function langOf(texts, lang = language()) {
  const used = picked(texts, lang)[1];
  return used.split('-')[0] === lang.split('-')[0] ? {} : { lang: used };
}

/**
 * French sets a space before : ; ! ? and inside « » that must not break: a plain one let the sign start a line alone
 * ("Attente estimée" / ": env. 3 minutes" on a phone). Every French text is kept with a no-break space there (U+00A0),
 * as the mails go out (ServiceDefaults/Mail/FrenchSpacing.cs); a link has no space before its "?".
 */
const frenchSpacing = text => (typeof text === 'string'
  ? text.replace(/(?<=\S)[ \t]+([:;!?»])/g, '\u00a0$1').replace(/«[ \t]+/g, '«\u00a0')
  : text);

export function register(strings) {
  for (const lang of languages) {
    const texts = strings[lang] || {};
    Object.assign(catalog[lang], lang === 'fr' ? Object.fromEntries(Object.entries(texts).map(([key, text]) => [key, frenchSpacing(text)])) : texts);
  }
}

/** The registered catalogue of every language (read by the test that finds untranslated keys). */
export function catalogue() {
  return catalog;
}

export function t(key, vars = {}) {
  const lang = language();
  const text = catalog[lang][key] ?? (lang === 'de-x-ls' ? catalog.de[key] : undefined) ?? catalog[city.defaultLanguage]?.[key] ?? catalog.de[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => vars[name] ?? '');
}

/**
 * A text with a count, in the language's plural form (Intl.PluralRules: "1 Dokument", and in French "0 document"): the
 * key's ".one" (".few", …) text where the catalogue has one, else the key's own.
 */
export function tn(key, count, vars = {}) {
  const form = `${key}.${new Intl.PluralRules(locale()).select(count)}`;
  return t(t(form) !== form ? form : key, { ...vars, count });
}

const said = new WeakMap();

/**
 * Writes a translated text into an element and remembers its key, so a language switch rewrites it (status lines
 * and notices set by scripts would otherwise stay in the language they were written in).
 */
export function say(el, key, vars = {}) {
  const text = t(key, vars);
  el.textContent = text;
  el.dataset.i18nSaid = key;
  el.dataset.i18nVars = JSON.stringify(vars);
  said.set(el, text);
}

export function apply(root = document) {
  document.documentElement.lang = language();
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  // Texts a script wrote with say(): rewritten in the new language unless something else has replaced them since.
  for (const el of root.querySelectorAll('[data-i18n-said]')) {
    if (el.textContent !== said.get(el)) { el.removeAttribute('data-i18n-said'); continue; }
    say(el, el.dataset.i18nSaid, JSON.parse(el.dataset.i18nVars || '{}'));
  }
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  // <title data-i18n-page="book.title" data-i18n-site="site.name">: "Termin buchen – Digitaler Schalter". Only a
  // whole-page apply writes it: a part added later (the signing box) must not undo a title the page set itself.
  const title = root === document && document.querySelector('title[data-i18n-page], title[data-i18n-site]');
  if (title) {
    const parts = [title.dataset.i18nPage, title.dataset.i18nSite].filter(Boolean).map(key => t(key));
    document.title = parts.join(' – ');
  }
}

export function setLanguage(lang) {
  if (!languages.includes(lang)) return;
  current = lang;
  localStorage.setItem('lang', lang);
  apply();
  for (const select of document.querySelectorAll('select[data-language-switch]')) select.value = lang;
  document.dispatchEvent(new CustomEvent('languagechange', { detail: lang }));
}

/** Wires a <select data-language-switch> to the language: it offers the city's languages, each in its own name. */
export function languageSwitch(root = document) {
  document.removeEventListener('change', hearEarly, true);
  let early = chosenEarly;
  chosenEarly = null;
  for (const select of root.querySelectorAll('select[data-language-switch]')) {
    // Changed before any script heard it: the switch no longer shows what the page was served with (its first option).
    const served = (select.querySelector('option[selected]') ?? select.options[0])?.value;
    if (!early && select.value && select.value !== served) early = select.value;
    // Staff pages offer no Leichte Sprache: it is written for residents.
    const offered = select.dataset.languageSwitch === 'staff' ? city.languages.filter(lang => lang !== 'de-x-ls') : city.languages;
    select.replaceChildren(...offered.map(lang => {
      const option = new Option(languageNames[lang], lang);
      option.lang = lang;
      return option;
    }));
    select.value = offered.includes(language()) ? language() : 'de';
    select.addEventListener('change', () => setLanguage(select.value));
    if (early && !offered.includes(early)) early = null;
  }
  if (early && early !== language()) setLanguage(early);
}

register({
  de: { 'lang.label': 'Sprache', 'common.loading': 'Wird geladen …', 'common.error': 'Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.', 'site.name': 'Digitaler Schalter', 'skip': 'Zum Inhalt springen' },
  en: { 'lang.label': 'Language', 'common.loading': 'Loading …', 'common.error': 'Something went wrong. Please try again.', 'site.name': 'Digital counter', 'skip': 'Skip to content' },
  fr: { 'lang.label': 'Langue', 'common.loading': 'Chargement …', 'common.error': 'Une erreur s’est produite. Veuillez réessayer.', 'site.name': 'Guichet numérique', 'skip': 'Aller au contenu' },
  it: { 'lang.label': 'Lingua', 'common.loading': 'Caricamento …', 'common.error': 'Si è verificato un errore. Vi preghiamo di riprovare.', 'site.name': 'Sportello digitale', 'skip': 'Vai al contenuto' },
  'de-x-ls': { 'lang.label': 'Sprache', 'common.loading': 'Bitte warten. Die Seite lädt.', 'common.error': 'Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.', 'site.name': 'Digitaler Schalter', 'skip': 'Zum Inhalt' },
});

// The skip link moves focus to the main content without touching the URL fragment: the fragment carries the
// resident's token (#t=…), and "#main" in its place would lose the form being filled or the link on reload.
document.addEventListener('click', event => {
  const link = event.target.closest?.('a.skip[href^="#"]');
  if (!link) return;
  const target = document.getElementById(link.getAttribute('href').slice(1));
  if (!target) return;
  event.preventDefault();
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
});
