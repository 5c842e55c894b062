// The browser's own file picker speaks the browser's language ("Choose Files", "No file chosen" on a French page in
// an English browser) and cannot be told otherwise. Its label becomes the button, in the page's language, and a line
// after it says what is chosen; the input itself stays the focused control (visually hidden, so a screen reader and
// the keyboard meet it as before, and tests set files on it), with the label drawing its focus ring.
import { register, t, tn } from '/shared/i18n.js';

register({
  de: {
    'fp.none': 'Keine Datei gewählt.', 'fp.one': 'Gewählt: {names}', 'fp.many': '{n} Dateien gewählt: {names}',
    'fp.listed': '{count} Dateien gewählt, unten aufgeführt.', 'fp.listed.one': '1 Datei gewählt, unten aufgeführt.',
  },
  en: {
    'fp.none': 'No file chosen.', 'fp.one': 'Chosen: {names}', 'fp.many': '{n} files chosen: {names}',
    'fp.listed': '{count} files chosen, listed below.', 'fp.listed.one': '1 file chosen, listed below.',
  },
  fr: {
    'fp.none': 'Aucun fichier choisi.', 'fp.one': 'Choisi : {names}', 'fp.many': '{n} fichiers choisis : {names}',
    'fp.listed': '{count} fichiers choisis, listés ci-dessous.', 'fp.listed.one': '1 fichier choisi, listé ci-dessous.',
  },
  it: {
    'fp.none': 'Nessun file scelto.', 'fp.one': 'Scelto: {names}', 'fp.many': '{n} file scelti: {names}',
    'fp.listed': '{count} file scelti, elencati qui sotto.', 'fp.listed.one': '1 file scelto, elencato qui sotto.',
  },
  'de-x-ls': {
    'fp.none': 'Sie haben noch keine Datei ausgesucht.', 'fp.one': 'Sie haben diese Datei ausgesucht: {names}', 'fp.many': 'Sie haben {n} Dateien ausgesucht: {names}',
    'fp.listed': 'Sie haben {count} Dateien ausgesucht. Die Dateien stehen unten.', 'fp.listed.one': 'Sie haben 1 Datei ausgesucht. Die Datei steht unten.',
  },
});

/**
 * Turns the input's label into the button; returns the function that says again what is chosen (after a reset).
 * With `listed`, the page lists the chosen files itself (names and sizes), and the line only counts them.
 */
export function filePicker(input, { listed = false } = {}) {
  const label = document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
  input.classList.add('file-input');
  label?.classList.add('button', 'secondary', 'file-button');
  const chosen = Object.assign(document.createElement('span'), { id: `${input.id}-chosen`, className: 'file-chosen hint' });
  input.after(chosen);
  input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), chosen.id].filter(Boolean).join(' '));
  const show = () => {
    const names = [...input.files].map(f => f.name);
    chosen.textContent = names.length === 0 ? t('fp.none')
      : listed ? tn('fp.listed', names.length)
      : t(names.length === 1 ? 'fp.one' : 'fp.many', { n: names.length, names: names.join(', ') });
  };
  input.addEventListener('change', show);
  document.addEventListener('languagechange', show);
  show();
  return show;
}
