// The browser's own file picker speaks the browser's language ("Choose Files", "No file chosen" on a French page in
// an English browser) and cannot be told otherwise. Its label becomes the button, in the page's language, and a line
// after it says what is chosen; the input itself stays the focused control (visually hidden, so a screen reader and
// the keyboard meet it as before, and tests set files on it), with the label drawing its focus ring.
import { register, t } from '/shared/i18n.js';

register({
  de: { 'fp.none': 'Keine Datei gewählt.', 'fp.one': 'Gewählt: {names}', 'fp.many': '{n} Dateien gewählt: {names}' },
  en: { 'fp.none': 'No file chosen.', 'fp.one': 'Chosen: {names}', 'fp.many': '{n} files chosen: {names}' },
  fr: { 'fp.none': 'Aucun fichier choisi.', 'fp.one': 'Choisi : {names}', 'fp.many': '{n} fichiers choisis : {names}' },
  it: { 'fp.none': 'Nessun file scelto.', 'fp.one': 'Scelto: {names}', 'fp.many': '{n} file scelti: {names}' },
  'de-x-ls': { 'fp.none': 'Sie haben noch keine Datei ausgesucht.', 'fp.one': 'Sie haben diese Datei ausgesucht: {names}', 'fp.many': 'Sie haben {n} Dateien ausgesucht: {names}' },
});

/** Turns the input's label into the button; returns the function that says again what is chosen (after a reset). */
export function filePicker(input) {
  const label = document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
  input.classList.add('file-input');
  label?.classList.add('button', 'secondary', 'file-button');
  const chosen = Object.assign(document.createElement('span'), { id: `${input.id}-chosen`, className: 'file-chosen hint' });
  input.after(chosen);
  input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), chosen.id].filter(Boolean).join(' '));
  const show = () => {
    const names = [...input.files].map(f => f.name);
    chosen.textContent = names.length === 0 ? t('fp.none') : t(names.length === 1 ? 'fp.one' : 'fp.many', { n: names.length, names: names.join(', ') });
  };
  input.addEventListener('change', show);
  document.addEventListener('languagechange', show);
  show();
  return show;
}
