import { register, languageSwitch } from '/shared/i18n.js';
import { api } from '/shared/api.js';
import { staffPage } from '/shared/staff.js';

register({
  de: { 'agent.name': 'Schalter für Mitarbeitende', 'audit.title': 'Protokoll der Zugriffe', 'audit.path': 'Pfad beginnt mit', 'audit.filter': 'Filtern', 'audit.at': 'Zeit', 'audit.who': 'Wer', 'audit.action': 'Aktion', 'audit.pathCol': 'Pfad', 'audit.status': 'Status' },
  en: { 'agent.name': 'Counter for staff', 'audit.title': 'Access log', 'audit.path': 'Path starts with', 'audit.filter': 'Filter', 'audit.at': 'Time', 'audit.who': 'Who', 'audit.action': 'Action', 'audit.pathCol': 'Path', 'audit.status': 'Status' },
  fr: {
    'agent.name': 'Guichet pour les collaborateurs',
    'audit.title': 'Journal des accès',
    'audit.path': 'Le chemin commence par',
    'audit.filter': 'Filtrer',
    'audit.at': 'Heure',
    'audit.who': 'Qui',
    'audit.action': 'Action',
    'audit.pathCol': 'Chemin',
    'audit.status': 'Statut',
  },
  it: {
    'agent.name': 'Sportello per i collaboratori',
    'audit.title': 'Protocollo degli accessi',
    'audit.path': 'Il percorso inizia con',
    'audit.filter': 'Filtrare',
    'audit.at': 'Ora',
    'audit.who': 'Chi',
    'audit.action': 'Azione',
    'audit.pathCol': 'Percorso',
    'audit.status': 'Stato',
  },
});

async function load(path = '') {
  const entries = await api(`/api/audit?take=300${path ? `&path=${encodeURIComponent(path)}` : ''}`);
  const body = document.getElementById('entries');
  body.replaceChildren(...entries.map(e => {
    const tr = document.createElement('tr');
    for (const text of [new Date(e.at).toLocaleString(), e.staffName, e.action, e.path, String(e.status)]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  }));
}

languageSwitch();
await staffPage();
document.getElementById('filter').addEventListener('submit', event => { event.preventDefault(); load(event.currentTarget.path.value); });
await load();
