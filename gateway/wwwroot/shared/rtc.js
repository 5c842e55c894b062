// The call: one RTCPeerConnection per room, audio and video both ways, screen sharing by swapping the video
// track (RTCRtpSender.replaceTrack) so the call is not renegotiated. The clerk's side always makes the offer,
// which avoids offer collisions; the resident's side answers and attaches its tracks to the offered
// transceivers. Signalling goes through the room connection (shared/signaling.js).
import { register, t, say } from '/shared/i18n.js';
import { DeviceCheck } from '/shared/device-check.js';
import { hubError } from '/shared/signaling.js';

export class MediaRefusedError extends Error {}

/** The camera during the ID check: Full HD where the camera has it (the MRZ's characters are 2 mm tall). */
export const DetailSize = { width: { ideal: 1920 }, height: { ideal: 1080 } };
/** Bits per second the sender may use during the ID check (above the browser's own default cap for Full HD). */
export const DetailBitrate = 4_000_000;

export class Call {
  constructor({ room, iceServers, offerer, localVideo, remoteVideo, onState }) {
    this.room = room;
    // An array or a promise of one: the page may create the call before it may ask for TURN credentials.
    this.iceServers = Promise.resolve(iceServers);
    this.offerer = offerer;
    this.localVideo = localVideo;
    this.remoteVideo = remoteVideo;
    this.onState = onState || (() => {});
    this.pc = null;
    this.camera = null;
    this.screen = null;
    this.pendingCandidates = [];
    // The offering side's call made ahead while the other side is asked (prepare): the promise of its peer connection,
    // and the candidates it found, held until the offer is sent (null once sent, and on the answering side).
    this.prepared = null;
    this.held = null;
    // Speak without video (Lugano's "speak"): this side sends no camera; the devices the check chose, if any.
    this.audioOnly = false;
    this.devices = { audio: null, video: null };
    // The ID check's sharper camera (setDetail).
    this.detail = false;
    this.off = room.on('signal', signal => this.handle(signal).catch(e => console.error(e)));
  }

  videoConstraints() {
    const size = this.detail ? DetailSize : { width: { ideal: 640 }, height: { ideal: 480 } };
    return { ...size, ...(this.devices.video ? { deviceId: { exact: this.devices.video } } : {}) };
  }

  /**
   * The ID check (issue 16 item 5): the camera at its sharpest while the clerk reads the document's small print,
   * sent without being scaled down, and back to the usual size after it. Chromium gives a camera that is already
   * open at the size it runs at (a second getUserMedia gets 640×480 again, and applyConstraints did not enlarge it
   * either), so the camera track is stopped first, opened again at the wanted size and swapped into the sender
   * (replaceTrack: no renegotiation). Asked before the call starts, the call opens the camera that way.
   */
  setDetail(on) {
    // One change at a time: a check decided at once after its start swaps the camera twice, in that order.
    this.detailChanges = (this.detailChanges ?? Promise.resolve()).catch(() => {}).then(() => this.changeDetail(on));
    return this.detailChanges;
  }

  async changeDetail(on) {
    if (this.detail === on) return;
    this.detail = on;
    const sender = this.videoSender();
    if (sender) await this.sendDetail(sender, on);
    const old = this.camera?.getVideoTracks()[0];
    if (!old || old.readyState !== 'live') return;
    const deviceId = old.getSettings().deviceId;
    old.stop();
    this.camera.removeTrack(old);
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { ...this.videoConstraints(), ...(deviceId ? { deviceId: { exact: deviceId } } : {}) } });
    } catch (e) {
      // The camera at the usual size, rather than no picture at all.
      console.warn('camera at the ID check size', e);
      this.detail = false;
      stream = await navigator.mediaDevices.getUserMedia({ video: this.videoConstraints() }).catch(() => null);
    }
    const track = stream?.getVideoTracks()[0];
    if (!track || !this.camera) { track?.stop(); return; }
    // The document's print, not motion, is what counts.
    track.contentHint = this.detail ? 'detail' : '';
    this.camera.addTrack(track);
    if (!this.screen) await this.videoSender()?.replaceTrack(track);
    this.localVideo.srcObject = this.screen || this.camera;
  }

  /** The sender's encoding for the ID check: full resolution (frames dropped before pixels) and room to send them. */
  async sendDetail(sender, on) {
    // Two steps: a browser that refuses one setting (degradationPreference is newer) still takes the other.
    const change = async edit => {
      const parameters = sender.getParameters();
      if (!parameters.encodings?.length) return;
      edit(parameters);
      await sender.setParameters(parameters).catch(e => console.warn('sender parameters', e));
    };
    await change(parameters => {
      for (const encoding of parameters.encodings) {
        encoding.scaleResolutionDownBy = 1;
        if (on) encoding.maxBitrate = DetailBitrate; else delete encoding.maxBitrate;
      }
    });
    await change(parameters => { parameters.degradationPreference = on ? 'maintain-resolution' : 'balanced'; });
  }

  /**
   * Camera (unless audio only) and microphone; a refusal (or no device) becomes a MediaRefusedError so the page stays in
   * chat. One opening at a time: a call that starts while the camera is still opening for it waits for the same one.
   */
  openMedia() {
    if (this.camera) return Promise.resolve(this.camera);
    this.opening ??= this.getMedia().finally(() => { this.opening = null; });
    return this.opening;
  }

  async getMedia() {
    try {
      this.camera = await navigator.mediaDevices.getUserMedia({
        audio: this.devices.audio ? { deviceId: { exact: this.devices.audio } } : true,
        video: this.audioOnly ? false : this.videoConstraints(),
      });
    } catch (e) {
      throw new MediaRefusedError(e.name || 'NotAllowedError');
    }
    this.localVideo.srcObject = this.camera;
    return this.camera;
  }

  /** Mutes or unmutes the microphone (the track stays, so unmuting needs no renegotiation). */
  setMicrophone(on) {
    for (const track of this.camera?.getAudioTracks() || []) track.enabled = on;
  }

  get microphoneOn() { return this.camera?.getAudioTracks().some(track => track.enabled) ?? false; }

  get cameraOn() { return this.camera?.getVideoTracks().some(track => track.readyState === 'live') ?? false; }

  /** Camera off releases the camera (its light goes out); on asks for it again and swaps it into the call. */
  async setCamera(on) {
    if (!this.camera) return;
    if (!on) {
      for (const track of this.camera.getVideoTracks()) { track.stop(); this.camera.removeTrack(track); }
      if (!this.screen) await this.videoSender()?.replaceTrack(null);
      return;
    }
    if (this.cameraOn) return;
    let stream;
    try { stream = await navigator.mediaDevices.getUserMedia({ video: this.videoConstraints() }); }
    catch (e) { throw new MediaRefusedError(e.name || 'NotAllowedError'); }
    const track = stream.getVideoTracks()[0];
    this.camera.addTrack(track);
    if (!this.screen) await this.videoSender()?.replaceTrack(track);
    this.localVideo.srcObject = this.screen || this.camera;
  }

  async createPeer() {
    if (this.pc) return this.pc;
    const iceServers = await this.iceServers;
    if (this.pc) return this.pc;
    const pc = new RTCPeerConnection({ iceServers });
    this.pc = pc;
    const remote = new MediaStream();
    this.remoteVideo.srcObject = remote;
    pc.ontrack = event => {
      remote.addTrack(event.track);
      // A browser that plays sound only after a press on the page (a reloaded page has had none) says so here.
      this.remoteVideo.play?.().catch(e => { if (e?.name === 'NotAllowedError') this.onPlayBlocked?.(); });
    };
    pc.onicecandidate = event => {
      if (!event.candidate) return;
      if (this.held) this.held.push(event.candidate.toJSON());
      else this.room.signal('ice', event.candidate.toJSON());
    };
    pc.onconnectionstatechange = () => {
      performance.mark(`call ${pc.connectionState}`);
      this.onState(pc.connectionState);
    };
    return pc;
  }

  /**
   * The offering side, from the moment it asks (issue 18, call set-up): its own camera and microphone, the peer
   * connection and the offer are made while the other side decides, so an acceptance only has to send them. Nothing
   * leaves this side before start(): the offer and the candidates found meanwhile are held, so the other side
   * learns nothing of this one before it agreed, and it opens nothing (its camera stays closed until it accepts).
   * abandon() takes it all back when no call comes of the question.
   */
  prepare() {
    if (this.prepared) return this.prepared;
    this.held = [];
    const prepared = (async () => {
      const media = await this.openMedia();
      const pc = await this.createPeer();
      // Abandoned (or closed) meanwhile: what was opened for it goes, unless a question asked since uses it.
      if (this.prepared !== prepared) {
        if (!this.prepared) this.release();
        throw new Error('call abandoned');
      }
      for (const kind of ['audio', 'video']) {
        const track = media.getTracks().find(t => t.kind === kind);
        pc.addTransceiver(track || kind, { direction: 'sendrecv', streams: [media] });
      }
      await pc.setLocalDescription(await pc.createOffer());
      return pc;
    })();
    this.prepared = prepared;
    prepared.catch(() => {
      if (this.prepared !== prepared) return;
      this.prepared = null;
      this.held = null;
    });
    return prepared;
  }

  /** Asked, not yet started: the call made ahead waits for an answer. */
  get waiting() { return !!this.prepared && !!this.held; }

  /**
   * The question came to nothing (declined, the other side left): the camera goes off and nothing is sent. The camera
   * opened for a question of the answering side's own (ask: the media before the question) goes off too.
   */
  abandon() {
    if (this.active || (!this.waiting && !this.camera)) return;
    this.prepared = null;
    this.held = null;
    this.release();
  }

  /** The connection goes, camera and microphone stay on: the call is made again at once (a page came back). */
  dropConnection() {
    this.prepared = null;
    this.held = null;
    this.pc?.close();
    this.pc = null;
    this.pendingCandidates = [];
    this.remoteVideo.srcObject = null;
  }

  /**
   * The offering side calls anew on the connection it had (the other side's page came back, a reload): a fresh peer
   * connection and offer, the camera it had (a shared screen went with the other side's page).
   */
  async restart() {
    if (this.screen) await this.stopScreen();
    this.dropConnection();
    await this.start();
  }

  /** The offering side: after both agreed to "speak"; sends the offer made ahead (or makes it now), then the held candidates. */
  async start() {
    const pc = await this.prepare();
    await this.room.signal('offer', { type: pc.localDescription.type, sdp: pc.localDescription.sdp });
    performance.mark('offer sent');
    const held = this.held || [];
    this.held = null;
    for (const candidate of held) await this.room.signal('ice', candidate);
    if (this.detail) await this.sendDetail(this.videoSender(), true);
  }

  async handle({ type, data }) {
    if (type === 'hangup') return this.close(false);
    if (type === 'ice') {
      if (this.pc?.remoteDescription) await this.pc.addIceCandidate(data);
      else this.pendingCandidates.push(data);
      return;
    }
    if (type === 'offer' && !this.offerer) {
      // Camera and microphone open only for a call this side agreed to (the hub passes no other offer since 2026-12-06;
      // the page does not rely on it).
      if (this.mayAnswer && !this.mayAnswer()) return console.warn('An offer without an agreed call was ignored.');
      performance.mark('offer received');
      const media = await this.openMedia();
      const pc = await this.createPeer();
      await pc.setRemoteDescription(data);
      for (const transceiver of pc.getTransceivers()) {
        const kind = transceiver.receiver.track.kind;
        const track = (kind === 'video' && this.screen) || media.getTracks().find(t => t.kind === kind);
        transceiver.direction = 'sendrecv';
        if (track) await transceiver.sender.replaceTrack(track);
        transceiver.sender.setStreams?.(media);
      }
      await pc.setLocalDescription(await pc.createAnswer());
      await this.room.signal('answer', { type: pc.localDescription.type, sdp: pc.localDescription.sdp });
      performance.mark('answer sent');
      await this.flushCandidates();
      if (this.detail) await this.sendDetail(this.videoSender(), true);
    } else if (type === 'answer' && this.offerer && this.pc) {
      performance.mark('answer received');
      await this.pc.setRemoteDescription(data);
      await this.flushCandidates();
    }
  }

  async flushCandidates() {
    // One of a connection given up meanwhile (a restart) does not stop the others.
    for (const candidate of this.pendingCandidates.splice(0)) await this.pc.addIceCandidate(candidate).catch(e => console.warn('ice candidate', e));
  }

  videoSender() {
    return this.pc?.getTransceivers().find(t => t.receiver.track.kind === 'video')?.sender;
  }

  /** Shows the screen in place of the camera; the browser's own "stop sharing" returns to the camera. */
  async shareScreen(onStopped) {
    const sender = this.videoSender();
    if (!sender) throw new Error('no call');
    this.screen = await navigator.mediaDevices.getDisplayMedia({ video: { width: 1280, height: 720 }, audio: false });
    const track = this.screen.getVideoTracks()[0];
    // Text on a screen must stay legible: lower the frame rate before the resolution.
    track.contentHint = 'detail';
    const parameters = sender.getParameters();
    parameters.degradationPreference = 'maintain-resolution';
    await sender.setParameters(parameters).catch(() => {});
    await sender.replaceTrack(track);
    this.localVideo.srcObject = this.screen;
    track.addEventListener('ended', () => this.stopScreen().then(() => onStopped?.()));
  }

  async stopScreen() {
    if (!this.screen) return;
    for (const track of this.screen.getTracks()) track.stop();
    this.screen = null;
    const camera = this.camera?.getVideoTracks()[0] || null;
    await this.videoSender()?.replaceTrack(camera);
    this.localVideo.srcObject = this.camera;
  }

  /** A call is on (or being connected): a call made ahead that still waits for an answer is none. */
  get active() { return !!this.pc && !this.held; }

  /** Ends the call (chat goes on); tells the other side unless it was them who hung up. */
  async close(tell = true) {
    if (tell && this.active) await this.room.signal('hangup', {}).catch(() => {});
    this.prepared = null;
    this.held = null;
    this.release();
    this.onState('closed');
  }

  /** Closes the peer connection and releases camera, microphone and screen. */
  release() {
    this.pc?.close();
    this.pc = null;
    this.pendingCandidates = [];
    for (const stream of [this.camera, this.screen]) for (const track of stream?.getTracks() || []) track.stop();
    this.camera = null;
    this.screen = null;
    this.localVideo.srcObject = null;
    this.remoteVideo.srcObject = null;
  }

  dispose() { this.off(); return this.close(false); }

  /** What this side sends, for diagnostics and the browser tests: the camera's size and the video sender's encoding. */
  sending() {
    const settings = this.camera?.getVideoTracks()[0]?.getSettings() ?? {};
    const parameters = this.videoSender()?.getParameters();
    return {
      width: settings.width ?? 0, height: settings.height ?? 0,
      degradationPreference: parameters?.degradationPreference ?? null, maxBitrate: parameters?.encodings?.[0]?.maxBitrate ?? null,
    };
  }

  /** The peer connection's state ('new' before there is one), without gathering the figures stats() does. */
  get connectionState() { return this.pc?.connectionState || 'new'; }

  /** Figures for diagnostics and the browser tests: inbound video frames and audio packets. */
  async stats() {
    const result = { connectionState: this.connectionState, framesDecoded: 0, audioPacketsReceived: 0, frameWidth: 0, frameHeight: 0 };
    if (!this.pc) return result;
    (await this.pc.getStats()).forEach(report => {
      if (report.type !== 'inbound-rtp') return;
      if (report.kind === 'video') {
        result.framesDecoded = report.framesDecoded || 0;
        result.frameWidth = report.frameWidth || 0;
        result.frameHeight = report.frameHeight || 0;
      }
      if (report.kind === 'audio') result.audioPacketsReceived = report.packetsReceived || 0;
    });
    return result;
  }
}

/** A JPEG still of a playing video element. */
export function captureStill(video) {
  return new Promise((resolve, reject) => {
    if (!video?.videoWidth) return reject(new Error('no video'));
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d').drawImage(video, 0, 0);
    canvas.toBlob(blob => (blob ? resolve(blob) : reject(new Error('no image'))), 'image/jpeg', 0.9);
  });
}

register({
  de: {
    'call.asked': '{name} möchte zu Video wechseln.', 'call.waiting': 'Warten, bis die andere Seite das Video annimmt …',
    'call.notAsked': 'Die Frage nach einem Anruf gilt nicht mehr. Sie können selbst einen Anruf beginnen.', 'call.declined': '{name} möchte im Chat bleiben.', 'call.refused': 'Kamera oder Mikrofon sind nicht freigegeben oder nicht vorhanden. Sie können weiter im Chat schreiben.',
    'call.connecting': 'Video wird verbunden …', 'call.connected': 'Video verbunden.', 'call.failed': 'Die Videoverbindung ist abgebrochen. Der Chat läuft weiter.',
    'call.closed': 'Video beendet. Der Chat läuft weiter.',
    'call.endedAway': 'Das Video ist beendet: Die andere Seite ist nicht rechtzeitig zurückgekommen. Der Chat läuft weiter.',
    'call.endedWhileAway': 'Das Video wurde beendet, während Ihre Verbindung unterbrochen war. Der Chat läuft weiter.', 'call.sharing': 'Sie teilen Ihren Bildschirm.', 'call.otherSharing': '{name} teilt den Bildschirm.',
    'call.shareFailed': 'Der Bildschirm konnte nicht geteilt werden.',
    'call.blocked': 'Kamera und Mikrofon sind für diese Seite gesperrt. So erlauben Sie sie: In den Website-Einstellungen des Browsers (meist über das Schloss-Symbol neben der Adresse) Kamera und Mikrofon auf «Zulassen» stellen und es dann erneut versuchen. Sie können weiter im Chat schreiben.',
    'call.paused': 'Die Verbindung zu {name} ist unterbrochen (etwa weil die Seite neu geladen wurde). Das Video startet wieder, sobald {name} zurück ist.',
    'call.pausedAway': 'Die andere Seite ist gerade nicht verbunden. Das Video startet wieder, sobald sie zurück ist.',
    'call.resuming': '{name} ist zurück. Das Video startet wieder …', 'call.resumingSelf': 'Das Video startet wieder …', 'call.play': 'Ton und Bild einschalten',
    'room.call': 'Video', 'room.localVideo': 'Ihr eigenes Bild', 'room.acceptVideo': 'Video annehmen', 'room.declineVideo': 'Im Chat bleiben',
    'room.shareScreen': 'Bildschirm teilen', 'room.stopScreen': 'Teilen beenden', 'room.stopVideo': 'Video beenden',
  },
  en: {
    'call.asked': '{name} would like to switch to video.', 'call.waiting': 'Waiting for the other side to accept the video …',
    'call.notAsked': 'The question about a call no longer stands. You can start a call yourself.', 'call.declined': '{name} would like to stay in the chat.', 'call.refused': 'Camera or microphone are not allowed or not available. You can keep writing in the chat.',
    'call.connecting': 'Connecting video …', 'call.connected': 'Video connected.', 'call.failed': 'The video connection dropped. The chat goes on.',
    'call.closed': 'Video ended. The chat goes on.',
    'call.endedAway': 'The video ended: the other side did not come back in time. The chat goes on.',
    'call.endedWhileAway': 'The video ended while your connection was interrupted. The chat goes on.', 'call.sharing': 'You are sharing your screen.', 'call.otherSharing': '{name} is sharing the screen.',
    'call.shareFailed': 'The screen could not be shared.',
    'call.blocked': 'Camera and microphone are blocked for this page. To allow them: in the browser\'s site settings (usually the padlock beside the address) set camera and microphone to “Allow”, then try again. You can keep writing in the chat.',
    'call.paused': 'The connection to {name} was interrupted (for example, the page was reloaded). The video restarts as soon as {name} is back.',
    'call.pausedAway': 'The other side is not connected right now. The video restarts as soon as they are back.',
    'call.resuming': '{name} is back. The video restarts …', 'call.resumingSelf': 'The video restarts …', 'call.play': 'Turn on sound and picture',
    'room.call': 'Video', 'room.localVideo': 'Your own picture', 'room.acceptVideo': 'Accept video', 'room.declineVideo': 'Stay in the chat',
    'room.shareScreen': 'Share screen', 'room.stopScreen': 'Stop sharing', 'room.stopVideo': 'End video',
  },
  fr: {
    'call.asked': '{name} souhaite passer à la vidéo.',
    'call.waiting': 'En attente de l’acceptation de la vidéo par l’autre partie …',
    'call.notAsked': 'La demande d’appel n’est plus valable. Vous pouvez lancer un appel vous-même.', 'call.declined': '{name} souhaite rester dans le chat.',
    'call.refused': 'La caméra ou le micro ne sont pas autorisés ou pas disponibles. Vous pouvez continuer à écrire dans le chat.',
    'call.connecting': 'Connexion vidéo en cours …',
    'call.connected': 'Vidéo connectée.',
    'call.failed': 'La connexion vidéo a été interrompue. Le chat continue.',
    'call.closed': 'Vidéo terminée. Le chat continue.',
    'call.endedAway': 'La vidéo est terminée : l’autre partie n’est pas revenue à temps. Le chat continue.',
    'call.endedWhileAway': 'La vidéo a été terminée pendant que votre connexion était interrompue. Le chat continue.',
    'call.sharing': 'Vous partagez votre écran.',
    'call.otherSharing': '{name} partage son écran.',
    'call.shareFailed': 'L’écran n’a pas pu être partagé.',
    'call.blocked': 'La caméra et le micro sont bloqués pour cette page. Pour les autoriser : dans les paramètres du site de votre navigateur (en général le cadenas à côté de l’adresse), réglez la caméra et le micro sur « Autoriser », puis réessayez. Vous pouvez continuer à écrire dans le chat.',
    'call.paused': 'La connexion avec {name} est interrompue (par exemple parce que la page a été rechargée). La vidéo reprend dès que {name} est de retour.',
    'call.pausedAway': 'L’autre partie n’est pas connectée pour le moment. La vidéo reprend dès son retour.',
    'call.resuming': '{name} est de retour. La vidéo reprend …',
    'call.resumingSelf': 'La vidéo reprend …',
    'call.play': 'Activer le son et l’image',
    'room.call': 'Vidéo',
    'room.localVideo': 'Votre propre image',
    'room.acceptVideo': 'Accepter la vidéo',
    'room.declineVideo': 'Rester dans le chat',
    'room.shareScreen': 'Partager l’écran',
    'room.stopScreen': 'Arrêter le partage',
    'room.stopVideo': 'Terminer la vidéo',
  },
  it: {
    'call.asked': '{name} desidera passare al video.',
    'call.waiting': 'In attesa che l’altra parte accetti il video …',
    'call.notAsked': 'La richiesta di chiamata non è più valida. Potete avviare voi stessi una chiamata.', 'call.declined': '{name} desidera restare nella chat.',
    'call.refused': 'La telecamera o il microfono non sono autorizzati o non disponibili. Potete continuare a scrivere nella chat.',
    'call.connecting': 'Collegamento video in corso …',
    'call.connected': 'Video collegato.',
    'call.failed': 'Il collegamento video si è interrotto. La chat continua.',
    'call.closed': 'Video terminato. La chat continua.',
    'call.endedAway': 'Il video è terminato: l’altra parte non è tornata in tempo. La chat continua.',
    'call.endedWhileAway': 'Il video è stato terminato mentre il vostro collegamento era interrotto. La chat continua.',
    'call.sharing': 'State condividendo lo schermo.',
    'call.otherSharing': '{name} sta condividendo lo schermo.',
    'call.shareFailed': 'Non è stato possibile condividere lo schermo.',
    'call.blocked': 'La telecamera e il microfono sono bloccati per questa pagina. Per consentirli: nelle impostazioni del sito del browser (di solito il lucchetto accanto all’indirizzo) impostate telecamera e microfono su «Consenti», poi riprovate. Potete continuare a scrivere nella chat.',
    'call.paused': 'Il collegamento con {name} si è interrotto (ad esempio perché la pagina è stata ricaricata). Il video riprende appena {name} è di nuovo presente.',
    'call.pausedAway': 'L’altra parte al momento non è collegata. Il video riprende appena torna.',
    'call.resuming': '{name} è di nuovo presente. Il video riprende …',
    'call.resumingSelf': 'Il video riprende …',
    'call.play': 'Attivare audio e immagine',
    'room.call': 'Video',
    'room.localVideo': 'La vostra immagine',
    'room.acceptVideo': 'Accettare il video',
    'room.declineVideo': 'Restare nella chat',
    'room.shareScreen': 'Condividere lo schermo',
    'room.stopScreen': 'Terminare la condivisione',
    'room.stopVideo': 'Terminare il video',
  },
  'de-x-ls': {
    'call.asked': '{name} möchte mit Video reden.',
    'call.waiting': 'Bitte warten. Die andere Person muss das Video erst annehmen.',
    'call.notAsked': 'Die Frage gilt nicht mehr. Sie können selbst anrufen.', 'call.declined': '{name} möchte lieber schreiben.',
    'call.refused': 'Die Kamera geht nicht. Oder das Mikrofon geht nicht. Sie können weiter schreiben.',
    'call.connecting': 'Bitte warten. Das Video startet.',
    'call.connected': 'Das Video geht jetzt.',
    'call.failed': 'Das Video geht nicht mehr. Sie können weiter schreiben.',
    'call.closed': 'Das Video ist aus. Sie können weiter schreiben.',
    'call.endedAway': 'Das Video ist aus. Die andere Person ist nicht wieder gekommen. Sie können weiter schreiben.',
    'call.endedWhileAway': 'Ihre Verbindung war weg. In der Zeit ist das Video aus gegangen. Sie können weiter schreiben.',
    'call.sharing': 'Die andere Person sieht jetzt Ihren Bildschirm.',
    'call.otherSharing': 'Sie sehen jetzt den Bildschirm von {name}.',
    'call.shareFailed': 'Das hat nicht geklappt. Die andere Person sieht Ihren Bildschirm nicht.',
    'call.blocked': 'Die Kamera und das Mikrofon sind gesperrt. So geben Sie sie frei: Tippen Sie oben neben der Adresse auf das Schloss. Stellen Sie Kamera und Mikrofon auf «Zulassen». Dann versuchen Sie es noch einmal. Sie können weiter schreiben.',
    'call.paused': 'Die Verbindung zu {name} ist weg. Vielleicht wurde die Seite neu geladen. Das Video geht weiter, wenn {name} wieder da ist.',
    'call.pausedAway': 'Die andere Person ist gerade nicht da. Das Video geht weiter, wenn sie wieder da ist.',
    'call.resuming': '{name} ist wieder da. Das Video startet gleich wieder.',
    'call.resumingSelf': 'Das Video startet gleich wieder.',
    'call.play': 'Ton und Bild anmachen',
    'room.call': 'Video',
    'room.localVideo': 'Das sind Sie',
    'room.acceptVideo': 'Ja, mit Video reden',
    'room.declineVideo': 'Nein, nur schreiben',
    'room.shareScreen': 'Meinen Bildschirm zeigen',
    'room.stopScreen': 'Bildschirm nicht mehr zeigen',
    'room.stopVideo': 'Video ausmachen',
  },
});

/** How long a page that took a call up again waits for the clerk's page to call (ms). */
const ResumeWait = 20000;

/**
 * How long the resident's other device waits before it takes over a call whose device left the room (ms): a little
 * longer than the hub's Sessions:Call:TakeOverAfter (10 s), within which a reloaded page takes its call up again.
 */
const TakeOverWait = 12000;

/** How long a line about a moment of the call stays (ms): long enough to be read, gone once it no longer applies. */
export const Fade = { connected: 4000, closed: 8000, declined: 10000 };

/** Whether this browser can share its screen (a desktop's can; phones' and most tablets' cannot). */
const canShareScreen = () => typeof navigator.mediaDevices?.getDisplayMedia === 'function';

/**
 * The call panel both room pages share: "start video" asks the other side, who accepts or stays in chat;
 * camera or microphone refused keeps the page in chat with a message; screen sharing swaps the track.
 * Elements: { videos, local, remote, state, notice, request, requestText, accept, decline, start, share, stopShare, stop }.
 */
export class CallControls {
  constructor(room, iceServers, offerer, el) {
    this.room = room;
    this.el = el;
    this.call = new Call({ room, iceServers, offerer, localVideo: el.local, remoteVideo: el.remote, onState: s => this.state(s) });
    // An offer is answered only while a call runs or this page has just accepted one.
    this.call.mayAnswer = () => this.mode !== 'write' || this.answering;
    // This side asked for video and the other side has not answered yet (asked again when someone joins).
    this.asking = false;
    // The other side of a call: the clerk's page calls the resident, the resident's page answers the clerk.
    this.offerer = offerer;
    this.otherRole = offerer ? 'resident' : 'clerk';
    // Told when a call starts or ends (onCall): the clerk's identity check starts only during one.
    this.callListeners = new Set();
    // The room's mode as last heard ('write', 'speak', 'show'): while it is not 'write', a call runs that a page coming
    // back to the room resumes (room probe, 2026-12-06: a reload ended the video, which had to be asked for again).
    this.mode = 'write';
    // The call runs but its connection went with one side's page (a reload): it is made again when that page is back.
    this.paused = false;
    this.resuming = null;
    this.ownDevices = 0;
    this.call.onPlayBlocked = () => this.playBlocked();
    this.addSpeakControls();
    el.start.addEventListener('click', () => this.ask(false));
    el.accept.addEventListener('click', () => this.answer(true, false));
    el.decline.addEventListener('click', () => this.answer(false));
    el.share.addEventListener('click', () => this.share());
    el.stopShare.addEventListener('click', () => this.unshare());
    el.stop.addEventListener('click', () => this.hangUp());
    room.on('modeRequested', notice => {
      performance.mark('asked for a call');
      this.asker = notice.from;
      say(el.requestText, 'call.asked', { name: notice.from.name });
      this.question(true);
      // The answer buttons are described by the question, so moving there reads it. Someone typing a chat line keeps
      // their caret (their next keys would otherwise land on a button) and hears the question from a live region.
      const typing = document.activeElement?.matches?.('input, textarea, select, [contenteditable]');
      const said = document.getElementById('call-question-said');
      if (typing && said) say(said, 'call.asked', { name: notice.from.name });
      else el.accept.focus();
    });
    room.on('modeAnswered', answer => {
      if (answer.accepted) this.mode = 'speak';
      return this.answered(answer);
    });
    room.on('modeChanged', notice => {
      this.mode = notice.mode;
      if (notice.mode === 'write') clearTimeout(this.takingOver);
      // A side of the call did not come back in time: the call ended as "end video" would have ended it.
      if (notice.mode === 'write' && notice.reason === 'away') return this.ended('call.endedAway');
      // The call ended while it waited for a page to come back (the other side ended it, the clerk handed the room on).
      if (notice.mode === 'write' && this.paused) this.endPause();
      if (notice.mode === 'write' && this.awaitingOffer) this.giveUpResume();
      if (notice.from.name === room.you?.name && notice.from.role === room.you?.role) return;
      if (notice.mode === 'show') this.tell('call.otherSharing', { name: notice.from.name });
      else if (el.state.dataset.i18nSaid === 'call.otherSharing') this.tell(null);
    });
    // A question from someone who has left no longer waits for an answer.
    room.on('presence', notice => {
      const asker = this.asker;
      if (!el.request.hidden && asker && !notice.participants.some(p => p.name === asker.name && p.role === asker.role)) this.question(false);
    });
    // The hub tells a question only to those in the room: one asked before the other side came in (a clerk quicker
    // than the resident's page, a reconnect) is asked again when someone joins. Asked twice, it is shown once.
    room.on('presence', notice => {
      const joined = notice.joined;
      if (!this.asking || !joined || (joined.name === room.you?.name && joined.role === room.you?.role)) return;
      room.requestMode('speak').catch(e => console.warn('asking again', e));
    });
    room.on('presence', notice => this.presenceChanged(notice));
    room.on('joined', result => this.joined(result));
    room.on('callResumed', () => this.resumedBy().catch(e => console.error('resuming the call', e)));
  }

  /** The room's mode as last heard; a change between a call and none is told to onCall's listeners. */
  get mode() { return this.roomMode; }

  set mode(mode) {
    const was = this.callRunning;
    this.roomMode = mode;
    if (this.callRunning !== was) for (const listener of this.callListeners) listener(this.callRunning);
  }

  /** Whether the room's call runs, as the room's mode says (the server asks the same of it). */
  get callRunning() { return this.roomMode !== undefined && this.roomMode !== 'write'; }

  /** listener(running) hears each start and end of the room's call. */
  onCall(listener) { this.callListeners.add(listener); }

  /** The other side of the call as the room lists it now, or undefined. */
  other() { return this.room.participants.find(p => p.role === this.otherRole); }

  /**
   * In the room (the page's first join, a reload, a reconnect): a call that runs is taken up again. The resident's
   * page opens its camera and microphone and says it is back (resume); the clerk's page asks the resident's page to
   * do so, and calls when it has. A further page of someone whose call runs on another of their devices leaves it there.
   */
  joined(result) {
    this.mode = result.room?.mode ?? 'write';
    this.ownDevices = this.room.devicesOf(this.room.you);
    // The call this page had ended while its connection was away (the other side's "end video" or the wait ran out).
    if (this.mode === 'write' && (this.paused || this.call.active)) return this.ended('call.endedWhileAway');
    if (this.mode === 'write') return;
    const other = this.other();
    // The hub says whether the call runs on this device of the resident's (or may be taken over from one gone).
    if (!this.offerer && other) return this.resume();
    if (this.ownDevices > 1) return;
    if (!this.call.active) this.pause(other?.name);
    if (other) {
      this.tell('call.resuming', { name: other.name });
      this.room.resumeCall().catch(e => console.warn('asking the resident to resume', e));
    }
  }

  /**
   * The other side's page went while the call ran (presence): the call waits for it instead of ending, so that its
   * return resumes the video without a new question. A call made ahead for a question goes (asked again when they come).
   * The resident's page whose other device held the call and went takes the call over (a laptop closed, the phone open).
   */
  presenceChanged(notice) {
    const here = notice.participants.some(p => p.role === this.otherRole);
    const devices = this.room.devicesOf(this.room.you);
    const lastDevice = this.ownDevices > 1 && devices === 1;
    this.ownDevices = devices;
    if (!here) {
      // A call the room already says is over (handed on: its "write" may come before the clerk's leaving) just ends.
      if (this.call.active && this.mode === 'write') this.call.close(false);
      else if (this.call.active) this.pause(notice.left?.role === this.otherRole ? notice.left.name : this.remote?.name);
      else if (!this.paused) this.call.abandon();
      return;
    }
    if (this.offerer && this.paused && notice.joined?.role === this.otherRole) this.tell('call.resuming', { name: notice.joined.name });
    if (!this.offerer && lastDevice && this.mode !== 'write' && !this.call.active) this.takeOverLater();
  }

  /**
   * The resident's device that held the call left the room: this device takes the call over if that one stays away
   * (the hub decides, after a while; a reload of that device comes back sooner and takes its call up again itself).
   */
  takeOverLater() {
    clearTimeout(this.takingOver);
    this.takingOver = setTimeout(() => {
      this.takingOver = null;
      if (this.mode !== 'write' && !this.call.active && !this.paused && this.other()) this.resume();
    }, TakeOverWait);
  }

  /** The call ended without this page's "end video" (said by key): camera and microphone off, the chat goes on. */
  ended(key) {
    clearTimeout(this.awaitingOffer);
    clearTimeout(this.takingOver);
    this.awaitingOffer = null;
    this.asking = false;
    // A device of the resident's that had no part in the call has nothing to end or say.
    if (!this.paused && !this.call.active && !this.call.camera) return;
    this.paused = false;
    this.call.close(false);
    this.tell(key);
  }

  /**
   * The call's connection went with the other side's page: the video waits for that page, the call is not over. The
   * camera goes off meanwhile (nothing would be sent); it opens again when the call is made anew.
   */
  pause(name) {
    this.call.dropConnection();
    this.call.release();
    this.paused = true;
    this.showCall(false);
    // Only "end video" stays: the page that went may not come back, and this side need not wait for it.
    this.el.start.hidden = this.el.startAudio.hidden = this.check.button.hidden = true;
    this.el.stop.hidden = false;
    this.tell(name ? 'call.paused' : 'call.pausedAway', { name });
  }

  /** The paused call will not come back (ended by the other side or the room): the page is back in the chat. */
  endPause() {
    this.paused = false;
    this.call.release();
    this.showCall(false);
    this.tell('call.closed', {}, Fade.closed);
  }

  /**
   * The resident's page comes back to a running call (its own return, or the clerk's page came back and asked):
   * camera and microphone first, asked for without a press where the browser allows it (the resident agreed to this
   * call); refused, the page says so and ends the call, so the clerk does not wait for it. Then the hub tells the
   * clerk's page, which calls anew (resumedBy).
   */
  resume() {
    if (this.offerer || this.resuming) return this.resuming;
    this.resuming = (async () => {
      // With the room open on another device of the resident's too, the hub lets the device that had the call take it
      // up, not the other (which takes it over only from a device that stays away).
      if (!await this.room.callRunning().catch(() => false)) {
        if (this.paused) this.endPause();
        else if (this.mode !== 'write' && this.room.devicesOf(this.room.you) === 1 && this.other()) this.takeOverLater();
        return;
      }
      this.paused = false;
      this.call.dropConnection();
      this.call.audioOnly = remembered(this.room)?.audioOnly ?? this.call.audioOnly;
      this.showCall(true);
      this.tell('call.resumingSelf');
      try {
        await this.call.openMedia();
      } catch (e) {
        if (!(e instanceof MediaRefusedError)) throw e;
        this.refused(e.message);
        await this.call.close(false);
        await this.room.setMode('write').catch(() => {});
        return;
      }
      if (!await this.room.resumeCall().catch(() => false)) {
        this.call.release();
        this.showCall(false);
        this.tell(null);
        return;
      }
      // The clerk's page calls within moments; one that does not (it went meanwhile, it ended the call) leaves no camera on.
      clearTimeout(this.awaitingOffer);
      this.awaitingOffer = setTimeout(() => this.giveUpResume(), ResumeWait);
      await this.sendMedia();
    })().catch(e => console.error('resuming the call', e)).finally(() => { this.resuming = null; });
    return this.resuming;
  }

  /** No call came after this page took it up again: camera and microphone go off, the room's call ends. */
  giveUpResume() {
    clearTimeout(this.awaitingOffer);
    this.awaitingOffer = null;
    if (this.call.pc) return;
    this.call.close(false);
    if (this.mode !== 'write') this.room.setMode('write').catch(() => {});
  }

  /**
   * The other side's page came back to the call. The clerk's page calls anew, with no question (a further tab of the
   * clerk's, which had no part in the call, stays out); the resident's page opens its media again and says so.
   */
  async resumedBy() {
    if (!this.offerer) return this.resume();
    if (!this.call.active && !this.paused && !this.call.waiting) return;
    this.paused = false;
    this.call.audioOnly = remembered(this.room)?.audioOnly ?? this.call.audioOnly;
    this.tell('call.connecting');
    this.showCall(true);
    await this.startMedia(() => this.call.restart());
  }

  /** Starts camera and microphone (and the call, on the offering side), then says so; a refusal goes back to writing. */
  async startMedia(start) {
    try {
      await start();
      await this.sendMedia();
    } catch (e) {
      if (!(e instanceof MediaRefusedError)) throw e;
      this.refused(e.message);
      await this.call.close(true);
      await this.room.setMode('write').catch(() => {});
    }
  }

  /** The browser waits for a press before it plays the other side's sound and picture (a page just reloaded). */
  playBlocked() {
    const el = this.el;
    if (!el.play) {
      el.play = Object.assign(document.createElement('button'), { type: 'button', className: 'call-play' });
      el.play.addEventListener('click', () => {
        el.remote.play().then(() => { el.play.hidden = true; }).catch(e => console.warn('play', e));
      });
      el.videos.after(el.play);
    }
    say(el.play, 'call.play');
    el.play.hidden = false;
  }

  /**
   * The other side's question (video or sound only?) shown or gone: while it waits for an answer, the buttons to
   * start a call of one's own and the device check step aside (they would only ask back).
   */
  question(open) {
    const el = this.el;
    el.request.hidden = !open;
    const idle = !open && el.videos.hidden;
    el.start.hidden = el.startAudio.hidden = this.check.button.hidden = !idle;
    // The question said to someone typing goes with it: a screen reader reading down the page found it still asked.
    const said = document.getElementById('call-question-said');
    if (!open && said?.textContent) { said.textContent = ''; delete said.dataset.i18nSaid; }
  }

  /**
   * The one line about the call (a polite live region). A line that reports a moment ("connected", "ended",
   * "declined") goes after fadeAfter ms, so it does not stand there for the rest of the call; a line about a state
   * that lasts (waiting, sharing, failed) stays until the next one replaces it. Emptying is not announced.
   */
  tell(key, vars = {}, fadeAfter = 0) {
    const state = this.el.state;
    clearTimeout(this.fading);
    if (!key) {
      state.textContent = '';
      delete state.dataset.i18nSaid;
      return;
    }
    say(state, key, vars);
    if (fadeAfter) this.fading = setTimeout(() => { if (state.dataset.i18nSaid === key) this.tell(null); }, fadeAfter);
  }

  /**
   * Speaking without video and the controls of a running call, made here so both room pages get them: "speak
   * without video" beside "start video", "accept with sound only" beside "accept video", microphone and camera
   * switches for the call (the other side sees their state), and the device check before the call.
   */
  addSpeakControls() {
    const el = this.el;
    if (!document.querySelector('link[href="/shared/call-controls.css"]')) {
      document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/shared/call-controls.css' }));
    }
    const button = (className, onClick) => {
      const b = Object.assign(document.createElement('button'), { type: 'button', className });
      b.addEventListener('click', onClick);
      return b;
    };
    el.startAudio = button('secondary call-audio', () => this.ask(true));
    el.start.after(el.startAudio);
    el.acceptAudio = button('secondary call-accept-audio', () => this.answer(true, true));
    el.acceptAudio.setAttribute('aria-describedby', el.requestText.id);
    el.accept.after(el.acceptAudio);
    el.mute = button('secondary call-mute', () => this.toggleMicrophone());
    el.camera = button('secondary call-camera', () => this.toggleCamera());
    el.mute.hidden = el.camera.hidden = true;
    el.stop.before(el.mute, el.camera);
    el.remoteMedia = Object.assign(document.createElement('p'), { className: 'hint call-remote-media' });
    el.remoteMedia.setAttribute('aria-live', 'polite');
    el.state.after(el.remoteMedia);
    this.remote = null;
    this.check = new DeviceCheck(this.call, el.start.parentElement);
    this.labels = () => {
      el.startAudio.textContent = t('call.startAudio');
      el.acceptAudio.textContent = t('call.acceptAudio');
      this.mediaButtons();
      this.showRemote();
    };
    this.labels();
    document.addEventListener('languagechange', this.labels);
    this.room.relay.on('call.media', (media, from) => { this.remote = { ...media, name: from?.name }; this.showRemote(); });
  }

  mediaButtons() {
    // The label names what a press does (no aria-pressed beside a changing label, which reads twice).
    const { mute, camera } = this.el;
    const micOn = this.call.microphoneOn;
    const camOn = this.call.cameraOn;
    mute.textContent = t(micOn ? 'call.mute' : 'call.unmute');
    camera.textContent = t(camOn ? 'call.cameraOff' : 'call.cameraOn');
    this.el.local.hidden = !camOn && !this.call.screen;
  }

  showRemote() {
    const r = this.remote;
    const parts = [];
    if (r && this.call.active) {
      if (!r.audio) parts.push(t('call.remoteMuted', { name: r.name }));
      if (!r.video) parts.push(t('call.remoteNoCamera', { name: r.name }));
    }
    this.el.remoteMedia.textContent = parts.join(' ');
    this.el.videos.dataset.remoteVideo = r && !r.video ? 'off' : 'on';
  }

  /** Tells the other side whether this side's microphone and camera are on. */
  sendMedia() {
    this.mediaButtons();
    return this.room.relay.send('call.media', { audio: this.call.microphoneOn, video: this.call.cameraOn || !!this.call.screen }).catch(() => {});
  }

  async toggleMicrophone() {
    this.call.setMicrophone(!this.call.microphoneOn);
    await this.sendMedia();
  }

  async toggleCamera() {
    try {
      await this.call.setCamera(!this.call.cameraOn);
    } catch (e) {
      if (!(e instanceof MediaRefusedError)) throw e;
      this.refused(e.message);
    }
    await this.sendMedia();
  }

  async ask(audioOnly = false) {
    this.el.notice.hidden = true;
    this.call.audioOnly = audioOnly;
    this.check?.close();
    // Camera and microphone before the question (phone probe, finding 5: a refused camera was said only after the other
    // side had been asked and had accepted): a refusal is said at once, and nobody is asked for a call that cannot be.
    try {
      await this.call.openMedia();
    } catch (e) {
      if (!(e instanceof MediaRefusedError)) throw e;
      this.refused(e.message);
      return;
    }
    this.tell(audioOnly ? 'call.waitingAudio' : 'call.waiting');
    // The offering side makes its call ready while the other side decides (Call.prepare: nothing is sent before).
    if (this.call.offerer) this.call.prepare().catch(() => {});
    this.asking = true;
    try {
      await this.room.requestMode('speak');
    } catch (e) {
      this.asking = false;
      this.call.abandon();
      throw e;
    }
  }

  async answer(accepted, audioOnly = false) {
    // This page answers (not the resident's other device, which hears the same answer from the same name).
    this.answering = accepted;
    // The buttons pressed are hidden with the question: the focus goes to the line that tells how the call goes.
    const hadFocus = this.el.request.contains(document.activeElement);
    this.question(false);
    if (hadFocus && (accepted || this.el.start.hidden)) this.focusState();
    else if (hadFocus) this.el.start.focus();
    this.call.audioOnly = audioOnly;
    this.check?.close();
    if (accepted) {
      try {
        await this.call.openMedia();
      } catch (e) {
        if (!(e instanceof MediaRefusedError)) throw e;
        this.refused(e.message);
        accepted = false;
      }
    }
    try {
      await this.room.answerMode('speak', accepted);
    } catch (e) {
      // The question is no longer open (asked on a page since closed, or answered in another tab): no call starts.
      this.call.abandon();
      if (hubError(e) !== 'not-asked') throw e;
      if (accepted) this.tell('call.notAsked', {}, Fade.declined);
    }
  }

  async answered({ accepted, from }) {
    performance.mark(`answer heard (${accepted})`);
    const mine = from.name === this.room.you?.name && from.role === this.room.you?.role;
    // A "yes" starts this side's camera only if this page asked, or gave it (the hub relays no unasked answer): the
    // resident's other device hears the same answer from the same name, and stays out of the call.
    const asked = this.asking;
    const answeredHere = this.answering;
    this.answering = false;
    if (!mine) this.asking = false;
    if (accepted && !(mine && answeredHere) && !asked) {
      // The question is answered on the other device: it goes here too.
      if (mine && !this.el.request.hidden) this.question(false);
      return;
    }
    if (!accepted) {
      if (mine && !answeredHere && !this.el.request.hidden) this.question(false);
      this.call.abandon();
      if (!mine) this.tell('call.declined', { name: from.name }, Fade.declined);
      return;
    }
    this.tell('call.connecting');
    this.showCall(true);
    remember(this.room, { audioOnly: this.call.audioOnly });
    await this.startMedia(() => this.call.offerer ? this.call.start() : this.call.openMedia());
  }

  /** Puts the focus on the call's state line (not in the tab order), so it does not fall to the page's start. */
  focusState() {
    const state = this.el.state;
    if (!state.hasAttribute('tabindex')) state.setAttribute('tabindex', '-1');
    state.focus();
  }

  /** Camera or microphone refused: blocked for the page (with how to allow them), or missing or busy. */
  refused(reason) {
    const blocked = ['NotAllowedError', 'SecurityError', 'PermissionDeniedError'].includes(reason);
    say(this.el.notice, blocked ? 'call.blocked' : 'call.refused');
    this.el.notice.hidden = false;
  }

  state(connectionState) {
    const el = this.el;
    if (['connected', 'closed'].includes(connectionState)) {
      clearTimeout(this.awaitingOffer);
      this.awaitingOffer = null;
    }
    el.videos.dataset.connectionState = connectionState;
    // Media flowing is what counts: show the call even if the mode answer was missed during a reconnect.
    if (connectionState === 'connected' && el.videos.hidden) this.showCall(true);
    if (connectionState === 'connected') {
      this.tell('call.connected', {}, Fade.connected);
      this.showRemote();
      // "Camera or microphone not allowed" no longer applies once the call runs.
      if (['call.refused', 'call.blocked'].includes(el.notice.dataset.i18nSaid)) el.notice.hidden = true;
    }
    if (connectionState === 'failed') this.tell('call.failed');
    if (connectionState === 'closed') {
      this.paused = false;
      this.tell('call.closed', {}, Fade.closed);
      this.showCall(false);
    }
  }

  showCall(on) {
    const el = this.el;
    el.videos.hidden = !on;
    el.start.hidden = on;
    el.startAudio.hidden = on;
    el.mute.hidden = el.camera.hidden = !on;
    if (on) this.check.close(); else { this.remote = null; this.showRemote(); }
    this.check.button.hidden = on;
    this.mediaButtons();
    // Phones and tablets have no screen to share (no getDisplayMedia): the button is not offered where it can only fail.
    el.share.hidden = !on || !canShareScreen();
    el.stop.hidden = !on;
    el.stopShare.hidden = true;
    if (!on && el.play) el.play.hidden = true;
  }

  async share() {
    try {
      await this.call.shareScreen(() => this.unshared());
    } catch {
      this.tell('call.shareFailed', {}, Fade.declined);
      return;
    }
    this.el.share.hidden = true;
    this.el.stopShare.hidden = false;
    this.tell('call.sharing');
    await this.room.setMode('show');
  }

  async unshare() {
    await this.call.stopScreen();
    await this.unshared();
  }

  async unshared() {
    this.el.share.hidden = !canShareScreen();
    this.el.stopShare.hidden = true;
    this.tell('call.connected', {}, Fade.connected);
    await this.room.setMode('speak').catch(() => {});
  }

  async hangUp() {
    // The room hears that the call is over before the other side does: a page of theirs reloaded at that moment must
    // not find the call still running and take it up again.
    await this.room.setMode('write').catch(() => {});
    await this.call.close(true);
  }
}

/**
 * What a page remembers of its call across a reload (sessionStorage: this tab only, gone with it): whether it was
 * sound only, so that the call resumes as it was.
 */
function remember(room, value) {
  try { sessionStorage.setItem(`call:${room.room?.id}`, JSON.stringify(value)); } catch { /* storage off: resumes with video */ }
}

function remembered(room) {
  try { return JSON.parse(sessionStorage.getItem(`call:${room.room?.id}`) || 'null'); } catch { return null; }
}

// Speaking without video, microphone and camera switches (issue 16 item 7).
register({
  de: {
    'call.startAudio': 'Ohne Video sprechen', 'call.acceptAudio': 'Nur mit Ton annehmen', 'call.waitingAudio': 'Warten, bis die andere Seite das Gespräch annimmt …',
    'call.mute': 'Mikrofon aus', 'call.unmute': 'Mikrofon ein', 'call.cameraOff': 'Kamera aus', 'call.cameraOn': 'Kamera ein',
    'call.remoteMuted': '{name} hat das Mikrofon ausgeschaltet.', 'call.remoteNoCamera': '{name} spricht ohne Kamera.',
  },
  en: {
    'call.startAudio': 'Speak without video', 'call.acceptAudio': 'Accept with sound only', 'call.waitingAudio': 'Waiting for the other side to accept the call …',
    'call.mute': 'Microphone off', 'call.unmute': 'Microphone on', 'call.cameraOff': 'Camera off', 'call.cameraOn': 'Camera on',
    'call.remoteMuted': '{name} has turned the microphone off.', 'call.remoteNoCamera': '{name} is speaking without a camera.',
  },
  fr: {
    'call.startAudio': 'Parler sans vidéo', 'call.acceptAudio': 'Accepter avec le son seulement', 'call.waitingAudio': 'En attente que l’autre partie accepte l’appel …',
    'call.mute': 'Couper le micro', 'call.unmute': 'Activer le micro', 'call.cameraOff': 'Couper la caméra', 'call.cameraOn': 'Activer la caméra',
    'call.remoteMuted': '{name} a coupé son micro.', 'call.remoteNoCamera': '{name} parle sans caméra.',
  },
  it: {
    'call.startAudio': 'Parlare senza video', 'call.acceptAudio': 'Accettare solo con l’audio', 'call.waitingAudio': 'In attesa che l’altra parte accetti la chiamata …',
    'call.mute': 'Spegnere il microfono', 'call.unmute': 'Accendere il microfono', 'call.cameraOff': 'Spegnere la videocamera', 'call.cameraOn': 'Accendere la videocamera',
    'call.remoteMuted': '{name} ha spento il microfono.', 'call.remoteNoCamera': '{name} parla senza videocamera.',
  },
  'de-x-ls': {
    'call.startAudio': 'Nur sprechen, ohne Video', 'call.acceptAudio': 'Nur sprechen, ohne Video', 'call.waitingAudio': 'Bitte warten. Die andere Person muss zuerst Ja sagen.',
    'call.mute': 'Mikrofon aus', 'call.unmute': 'Mikrofon an', 'call.cameraOff': 'Kamera aus', 'call.cameraOn': 'Kamera an',
    'call.remoteMuted': '{name} hat das Mikrofon aus.', 'call.remoteNoCamera': '{name} hat die Kamera aus.',
  },
});
