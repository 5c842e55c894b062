// What the resident needs on a phone during the consultation (issue 16, item 12): an instruction while the clerk
// checks the ID and the result after it, a shared screen that can be seen large with the self-view out of its way,
// and hints that go once they no longer apply.
import { register, t, say } from '/shared/i18n.js';

register({
  de: {
    'rp.idStateVerified': 'Ausweis geprüft: Identität bestätigt.', 'rp.idStateRejected': 'Ausweis geprüft: Identität nicht bestätigt.',
    'rp.idStarted': 'Die Sachbearbeitung prüft jetzt Ihren Ausweis. Halten Sie ihn mit der Seite mit den zwei oder drei Zeilen „<<<“ (maschinenlesbare Zone) ruhig vor die Kamera, bis die Sachbearbeitung „fertig“ sagt. Ohne Spiegelung, nicht zu nah.',
    'rp.idVerified': 'Ihre Identität ist bestätigt.', 'rp.idRejected': 'Ihre Identität konnte nicht bestätigt werden. Die Sachbearbeitung sagt Ihnen, wie es weitergeht.',
    'rp.enlarge': 'Geteilten Bildschirm groß anzeigen', 'rp.shrink': 'Große Ansicht schließen',
  },
  en: {
    'rp.idStateVerified': 'ID checked: identity confirmed.', 'rp.idStateRejected': 'ID checked: identity not confirmed.',
    'rp.idStarted': 'The clerk is now checking your ID. Hold the side with the two or three lines of "<<<" (the machine-readable zone) still in front of the camera until the clerk says it is done. Avoid glare; not too close.',
    'rp.idVerified': 'Your identity is confirmed.', 'rp.idRejected': 'Your identity could not be confirmed. The clerk will tell you what happens next.',
    'rp.enlarge': 'Show the shared screen large', 'rp.shrink': 'Close the large view',
  },
  fr: {
    'rp.idStateVerified': 'Pièce d’identité vérifiée : identité confirmée.', 'rp.idStateRejected': 'Pièce d’identité vérifiée : identité non confirmée.',
    'rp.idStarted': 'La personne qui traite votre dossier vérifie maintenant votre pièce d’identité. Tenez immobile devant la caméra la face portant les deux ou trois lignes de « <<< » (zone de lecture automatique) jusqu’à ce qu’on vous dise que c’est terminé. Évitez les reflets ; pas trop près.',
    'rp.idVerified': 'Votre identité est confirmée.', 'rp.idRejected': 'Votre identité n’a pas pu être confirmée. La personne qui traite votre dossier vous dira comment continuer.',
    'rp.enlarge': 'Afficher l’écran partagé en grand', 'rp.shrink': 'Fermer l’affichage en grand',
  },
  it: {
    'rp.idStateVerified': 'Documento verificato: identità confermata.', 'rp.idStateRejected': 'Documento verificato: identità non confermata.',
    'rp.idStarted': 'L’addetto/a sta verificando il vostro documento d’identità. Tenete ferma davanti alla telecamera la facciata con le due o tre righe di «<<<» (zona a lettura ottica) finché non vi viene detto che è finito. Evitate i riflessi; non troppo vicino.',
    'rp.idVerified': 'La vostra identità è confermata.', 'rp.idRejected': 'Non è stato possibile confermare la vostra identità. L’addetto/a vi dirà come procedere.',
    'rp.enlarge': 'Mostrare in grande lo schermo condiviso', 'rp.shrink': 'Chiudere la vista in grande',
  },
  'de-x-ls': {
    'rp.idStateVerified': 'Ausweis geprüft. Alles in Ordnung.', 'rp.idStateRejected': 'Ausweis geprüft. Es gibt ein Problem.',
    'rp.idStarted': 'Jetzt wird Ihr Ausweis geprüft. Halten Sie den Ausweis vor die Kamera. Die Seite mit den Zeilen „<<<“ zeigt zur Kamera. Halten Sie den Ausweis ruhig. Warten Sie, bis die Sachbearbeitung „fertig“ sagt.',
    'rp.idVerified': 'Ihr Ausweis ist geprüft. Alles ist in Ordnung.', 'rp.idRejected': 'Ihr Ausweis konnte nicht bestätigt werden. Die Sachbearbeitung sagt Ihnen, was Sie jetzt tun.',
    'rp.enlarge': 'Bildschirm groß zeigen', 'rp.shrink': 'Wieder klein zeigen',
  },
});

/** How long the ID check's result is shown in full before it collapses to its short line (ms). */
export const ResultShownFor = 10000;

/** room: the RoomConnection; videos: the #videos box holding the remote and the local video. */
export function mountPhoneAids(room, videos) {
  // The ID check: the clerk's panel relays its start and its decision (never the document's data).
  const identity = document.createElement('p');
  identity.id = 'identity-hint';
  identity.className = 'identity-hint';
  identity.setAttribute('role', 'status');
  identity.hidden = true;
  videos.after(identity);
  // After the result has been read, what lasts is a short line outside the live region (so collapsing is not
  // announced a second time): the check is over, its outcome stays in view for the rest of the call.
  const state = document.createElement('p');
  state.id = 'identity-state';
  state.className = 'identity-state hint';
  state.hidden = true;
  identity.after(state);
  let collapsing;
  const show = (key, kind) => {
    clearTimeout(collapsing);
    say(identity, key);
    identity.dataset.kind = kind;
    identity.hidden = false;
    state.hidden = true;
  };
  room.relay.on('identity.started', () => { show('rp.idStarted', 'instruction'); videos.classList.add('id-check'); });
  room.relay.on('identity.decided', decided => {
    videos.classList.remove('id-check');
    const kind = decided?.status === 'verified' ? 'verified' : 'rejected';
    show(kind === 'verified' ? 'rp.idVerified' : 'rp.idRejected', kind);
    collapsing = setTimeout(() => {
      identity.hidden = true;
      identity.textContent = '';
      say(state, kind === 'verified' ? 'rp.idStateVerified' : 'rp.idStateRejected');
      state.dataset.kind = kind;
      state.hidden = false;
    }, ResultShownFor);
  });

  // The shared screen: a toggle on the video shows it over the whole page (and full screen where the browser
  // allows it), with the self-view hidden; it goes when the sharing ends.
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.id = 'enlarge-screen';
  toggle.className = 'secondary enlarge';
  toggle.hidden = true;
  toggle.setAttribute('aria-pressed', 'false');
  videos.append(toggle);
  const label = () => say(toggle, videos.classList.contains('enlarged') ? 'rp.shrink' : 'rp.enlarge');
  const enlarge = on => {
    videos.classList.toggle('enlarged', on);
    toggle.setAttribute('aria-pressed', String(on));
    label();
    if (on) {
      videos.requestFullscreen?.().then(() => screen.orientation?.lock?.('landscape')).catch(() => {});
    } else if (document.fullscreenElement) {
      document.exitFullscreen().catch(() => {});
    }
  };
  toggle.addEventListener('click', () => enlarge(!videos.classList.contains('enlarged')));
  document.addEventListener('fullscreenchange', () => { if (!document.fullscreenElement && videos.classList.contains('enlarged')) enlarge(false); });
  document.addEventListener('keydown', e => { if (e.key === 'Escape' && videos.classList.contains('enlarged')) enlarge(false); });
  room.on('modeChanged', notice => {
    if (notice.from.name === room.you?.name && notice.from.role === room.you?.role) return;
    const sharing = notice.mode === 'show';
    videos.classList.toggle('sharing', sharing);
    toggle.hidden = !sharing;
    label();
    if (!sharing) enlarge(false);
  });
  // A hint about a call that has ended no longer applies.
  room.on('closed', () => { clearTimeout(collapsing); identity.hidden = true; });
}

