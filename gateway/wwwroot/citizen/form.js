// A resident fills a form alone: choose a form, get a draft (its token lives in the URL fragment, never in a
// request URL), every field saved as typed, then sign and submit. Two windows on the same link fill together.
import { register, apply, languageSwitch, language, t, pick } from '/shared/i18n.js';
import { api } from '/shared/api.js';
import { renderForm } from '/shared/form-view.js';
import { DraftSync } from '/shared/draft-sync.js';
import { bindView } from '/shared/cofill.js';
import { mountSigning, showSubmitted } from '/shared/signing.js';

register({
  de: { 'form.title': 'Formulare', 'form.choose': 'Welches Formular möchten Sie ausfüllen?', 'form.autosave': 'Jede Eingabe wird automatisch als Entwurf gespeichert. Mit diesem Link können Sie später weitermachen:', 'form.resume': 'Link zum Entwurf', 'form.notfound': 'Dieser Entwurf wurde nicht gefunden oder ist abgelaufen.', 'form.preparing': 'Das Formular wird vorbereitet …' },
  en: { 'form.title': 'Forms', 'form.choose': 'Which form would you like to fill in?', 'form.autosave': 'Every entry is saved as a draft automatically. Use this link to continue later:', 'form.resume': 'Link to the draft', 'form.notfound': 'This draft was not found or has expired.', 'form.preparing': 'Preparing the form …' },
  fr: {
    'form.title': 'Formulaires',
    'form.choose': 'Quel formulaire souhaitez-vous remplir ?',
    'form.autosave': 'Chaque saisie est enregistrée automatiquement comme brouillon. Ce lien vous permet de reprendre plus tard :',
    'form.resume': 'Lien vers le brouillon',
    'form.notfound': 'Ce brouillon est introuvable ou a expiré.',
    'form.preparing': 'Préparation du formulaire …',
  },
  it: {
    'form.title': 'Moduli',
    'form.choose': 'Quale modulo desiderate compilare?',
    'form.autosave': 'Ogni inserimento viene salvato automaticamente come bozza. Con questo link potete continuare più tardi:',
    'form.resume': 'Link alla bozza',
    'form.notfound': 'Questa bozza non è stata trovata o è scaduta.',
    'form.preparing': 'Stiamo preparando il modulo …',
  },
  'de-x-ls': {
    'form.title': 'Formulare',
    'form.choose': 'Welches Formular möchten Sie ausfüllen?',
    'form.autosave': 'Wir speichern alles, was Sie schreiben. Sie können später weiter machen. Dafür brauchen Sie diesen Link:',
    'form.resume': 'Link zu Ihrem Formular',
    'form.notfound': 'Dieses Formular gibt es nicht mehr. Vielleicht ist es zu alt.',
    'form.preparing': 'Das Formular kommt gleich. Bitte warten Sie kurz.',
  },
});
apply();
languageSwitch();

const $ = id => document.getElementById(id);
const params = () => new URLSearchParams(location.hash.slice(1));
let current = null;

async function route() {
  current?.stop();
  current = null;
  $('error').hidden = true;
  const p = params();
  try {
    if (p.get('d') && p.get('t')) await openDraft(p.get('d'), p.get('t'));
    else if (p.get('f')) await startDraft(p.get('f'));
    else await chooseForm();
  } catch (error) {
    $('error').textContent = error.status === 404 ? t('form.notfound') : (error.message || t('common.error'));
    $('error').hidden = false;
  }
}

async function chooseForm() {
  $('draft').hidden = true;
  $('choose').hidden = false;
  const forms = await api('/api/forms/definitions');
  const list = $('forms');
  list.replaceChildren(...forms.map(f => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `#f=${encodeURIComponent(f.id)}`;
    a.textContent = pick(f.title) ?? f.title.de;
    li.append(a);
    return li;
  }));
}

async function startDraft(definitionId) {
  // A new draft can take a moment on a busy day: say so rather than leave the list standing.
  $('choose').hidden = true;
  $('preparing').textContent = t('form.preparing');
  $('preparing').hidden = false;
  let draft;
  try {
    draft = await api('/api/forms/drafts', { method: 'POST', body: { definitionId, language: language() } });
  } catch (error) {
    $('choose').hidden = $('forms').childElementCount === 0;
    throw error;
  } finally {
    $('preparing').hidden = true;
  }
  // replace: the history should not lead back to a page that would start yet another draft.
  history.replaceState(null, '', `#d=${draft.id}&t=${draft.token}`);
  await openDraft(draft.id, draft.token);
}

async function openDraft(draftId, token) {
  $('choose').hidden = true;
  $('draft').hidden = false;
  $('resume').value = location.href;
  const draft = await api(`/api/forms/drafts/${draftId}`, { token });
  const definition = await api(`/api/forms/definitions/${encodeURIComponent(draft.definitionId)}`);
  const title = pick(definition.title) ?? definition.title.de;
  $('title').textContent = title;
  document.title = `${title} – ${t('site.name')}`;
  $('intro').textContent = definition.intro ? (pick(definition.intro) ?? definition.intro.de) : '';

  let sync;
  const view = renderForm($('form'), definition, {
    onInput: (field, value) => sync.input(field, value),
    onFocus: field => sync.focus(field),
    onBlur: () => sync.focus(null),
  });
  sync = new DraftSync(draftId, view, { token, role: 'resident', definition });
  bindView(view, sync, { status: $('status'), notices: $('notices'), definition });
  await sync.load();
  sync.start();
  current = sync;
  if (draft.status === 'submitted') { view.setReadOnly(true); $('signing').replaceChildren(); return; }
  mountSigning($('signing'), { view, sync, token, onSubmitted: result => { $('save-info').hidden = true; showSubmitted($('signing'), result); } });
}

$('form').addEventListener('submit', e => e.preventDefault());
window.addEventListener('hashchange', route);
document.addEventListener('languagechange', route);
route();
