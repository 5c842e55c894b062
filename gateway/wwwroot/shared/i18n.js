// German and English for every page. A page registers its own strings; elements with data-i18n are
// filled on load and when the resident switches language. The choice is remembered per browser.
const catalog = { de: {}, en: {} };
export const languages = ['de', 'en'];

export function language() {
  const saved = localStorage.getItem('lang');
  if (languages.includes(saved)) return saved;
  return (navigator.language || 'de').toLowerCase().startsWith('en') ? 'en' : 'de';
}

export function register(strings) {
  for (const lang of languages) Object.assign(catalog[lang], strings[lang] || {});
}

export function t(key, vars = {}) {
  const text = catalog[language()][key] ?? catalog.de[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => vars[name] ?? '');
}

export function apply(root = document) {
  document.documentElement.lang = language();
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
}

export function setLanguage(lang) {
  localStorage.setItem('lang', lang);
  apply();
  document.dispatchEvent(new CustomEvent('languagechange', { detail: lang }));
}

/** Wires a <select data-language-switch> to the language. */
export function languageSwitch(root = document) {
  for (const select of root.querySelectorAll('select[data-language-switch]')) {
    select.value = language();
    select.addEventListener('change', () => setLanguage(select.value));
  }
}

register({
  de: { 'lang.label': 'Sprache', 'common.loading': 'Wird geladen …', 'common.error': 'Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.', 'site.name': 'Digitaler Schalter', 'skip': 'Zum Inhalt springen' },
  en: { 'lang.label': 'Language', 'common.loading': 'Loading …', 'common.error': 'Something went wrong. Please try again.', 'site.name': 'Digital counter', 'skip': 'Skip to content' },
});
