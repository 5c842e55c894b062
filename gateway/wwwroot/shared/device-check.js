// Try camera and microphone before the call: the resident (or clerk) sees their own picture, watches a level bar
// move while speaking, and picks another microphone or camera if the wrong one is used. The choice goes to the call.
import { register, t } from '/shared/i18n.js';

register({
  de: { 'dc.open': 'Kamera und Mikrofon prüfen', 'dc.title': 'Kamera und Mikrofon prüfen', 'dc.preview': 'Ihr eigenes Bild (Probe)', 'dc.microphone': 'Mikrofon', 'dc.camera': 'Kamera',
        'dc.level': 'Lautstärke des Mikrofons', 'dc.speak': 'Sprechen Sie etwas: Der Balken bewegt sich, wenn das Mikrofon Sie hört.', 'dc.heard': 'Das Mikrofon hört Sie.', 'dc.done': 'Prüfung beenden',
        'dc.refused': 'Kamera oder Mikrofon sind nicht freigegeben oder nicht vorhanden. Erlauben Sie den Zugriff in den Einstellungen des Browsers.', 'dc.none': 'keine gefunden' },
  en: { 'dc.open': 'Check camera and microphone', 'dc.title': 'Check camera and microphone', 'dc.preview': 'Your own picture (test)', 'dc.microphone': 'Microphone', 'dc.camera': 'Camera',
        'dc.level': 'Microphone level', 'dc.speak': 'Say something: the bar moves when the microphone hears you.', 'dc.heard': 'The microphone hears you.', 'dc.done': 'End the check',
        'dc.refused': 'Camera or microphone are not allowed or not available. Allow access in your browser settings.', 'dc.none': 'none found' },
  fr: { 'dc.open': 'Tester la caméra et le micro', 'dc.title': 'Tester la caméra et le micro', 'dc.preview': 'Votre image (test)', 'dc.microphone': 'Micro', 'dc.camera': 'Caméra',
        'dc.level': 'Niveau du micro', 'dc.speak': 'Dites quelque chose : la barre bouge quand le micro vous entend.', 'dc.heard': 'Le micro vous entend.', 'dc.done': 'Terminer le test',
        'dc.refused': 'La caméra ou le micro ne sont pas autorisés ou absents. Autorisez l’accès dans les réglages du navigateur.', 'dc.none': 'aucun trouvé' },
  it: { 'dc.open': 'Provare videocamera e microfono', 'dc.title': 'Provare videocamera e microfono', 'dc.preview': 'La vostra immagine (prova)', 'dc.microphone': 'Microfono', 'dc.camera': 'Videocamera',
        'dc.level': 'Livello del microfono', 'dc.speak': 'Dite qualcosa: la barra si muove quando il microfono vi sente.', 'dc.heard': 'Il microfono vi sente.', 'dc.done': 'Terminare la prova',
        'dc.refused': 'Videocamera o microfono non sono consentiti o non disponibili. Consentite l’accesso nelle impostazioni del browser.', 'dc.none': 'nessuno trovato' },
  'de-x-ls': { 'dc.open': 'Kamera und Mikrofon testen', 'dc.title': 'Kamera und Mikrofon testen', 'dc.preview': 'So sieht man Sie', 'dc.microphone': 'Mikrofon', 'dc.camera': 'Kamera',
        'dc.level': 'So laut hört man Sie', 'dc.speak': 'Sagen Sie etwas. Der Balken bewegt sich. Dann hört man Sie.', 'dc.heard': 'Man hört Sie.', 'dc.done': 'Test beenden',
        'dc.refused': 'Kamera oder Mikrofon gehen nicht. Erlauben Sie den Zugriff im Browser.', 'dc.none': 'nichts gefunden' },
});

let counter = 0;

export class DeviceCheck {
  /** call: the Call whose devices are chosen; after: the element the button and panel follow. */
  constructor(call, after) {
    this.call = call;
    const id = `dc-${++counter}`;
    this.button = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary dc-open' });
    this.panel = document.createElement('section');
    this.panel.className = 'dc-panel card';
    this.panel.hidden = true;
    this.panel.setAttribute('aria-labelledby', `${id}-title`);
    this.panel.innerHTML = `
      <h3 id="${id}-title"></h3>
      <video class="dc-preview" autoplay playsinline muted></video>
      <div><label for="${id}-mic"></label><select id="${id}-mic" class="dc-mic"></select></div>
      <div><label for="${id}-cam"></label><select id="${id}-cam" class="dc-cam"></select></div>
      <div><label for="${id}-level"></label><meter id="${id}-level" class="dc-level" min="0" max="1" low="0.05" value="0"></meter></div>
      <p class="hint dc-hint" aria-live="polite"></p>
      <button type="button" class="dc-done"></button>`;
    const $ = s => this.panel.querySelector(s);
    this.preview = $('.dc-preview');
    this.mic = $('.dc-mic');
    this.cam = $('.dc-cam');
    this.level = $('.dc-level');
    this.hint = $('.dc-hint');
    this.done = $('.dc-done');
    this.labels = () => {
      this.button.textContent = t('dc.open');
      $('h3').textContent = t('dc.title');
      this.preview.setAttribute('aria-label', t('dc.preview'));
      $(`label[for="${id}-mic"]`).textContent = t('dc.microphone');
      $(`label[for="${id}-cam"]`).textContent = t('dc.camera');
      $(`label[for="${id}-level"]`).textContent = t('dc.level');
      this.done.textContent = t('dc.done');
    };
    this.labels();
    document.addEventListener('languagechange', this.labels);
    after.after(this.button, this.panel);
    this.button.addEventListener('click', () => this.open());
    this.done.addEventListener('click', () => this.close(true));
    this.mic.addEventListener('change', () => { this.call.devices.audio = this.mic.value || null; this.acquire(); });
    this.cam.addEventListener('change', () => { this.call.devices.video = this.cam.value || null; this.acquire(); });
    this.heard = false;
  }

  async open() {
    this.panel.hidden = false;
    this.button.hidden = true;
    this.hint.textContent = t('dc.speak');
    this.hint.className = 'hint dc-hint';
    await this.acquire();
    this.panel.querySelector('h3').scrollIntoView?.({ block: 'nearest' });
    this.mic.focus();
  }

  async acquire() {
    this.stopStream();
    const devices = this.call.devices;
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: devices.audio ? { deviceId: { exact: devices.audio } } : true,
        video: devices.video ? { deviceId: { exact: devices.video } } : true,
      });
    } catch {
      this.hint.textContent = t('dc.refused');
      this.hint.className = 'error dc-hint';
      return;
    }
    this.preview.srcObject = this.stream;
    await this.listDevices();
    this.meter();
  }

  async listDevices() {
    const all = await navigator.mediaDevices.enumerateDevices();
    const fill = (select, kind, current) => {
      const found = all.filter(d => d.kind === kind);
      select.replaceChildren(...(found.length ? found : [{ deviceId: '', label: t('dc.none') }]).map((d, i) =>
        new Option(d.label || `${t(kind === 'audioinput' ? 'dc.microphone' : 'dc.camera')} ${i + 1}`, d.deviceId)));
      if (current) select.value = current;
    };
    fill(this.mic, 'audioinput', this.stream?.getAudioTracks()[0]?.getSettings().deviceId);
    fill(this.cam, 'videoinput', this.stream?.getVideoTracks()[0]?.getSettings().deviceId);
  }

  /** The level of the microphone, about 20 times a second, on a meter a screen reader can read too. */
  meter() {
    const track = this.stream?.getAudioTracks()[0];
    if (!track) return;
    try {
      this.audio ??= new (window.AudioContext || window.webkitAudioContext)();
      this.audio.resume?.();
      const analyser = this.audio.createAnalyser();
      analyser.fftSize = 512;
      this.source = this.audio.createMediaStreamSource(new MediaStream([track]));
      this.source.connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      clearInterval(this.timer);
      this.timer = setInterval(() => {
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const s of samples) sum += s * s;
        const level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
        this.level.value = level;
        if (level > 0.05 && !this.heard) {
          this.heard = true;
          this.hint.textContent = t('dc.heard');
          this.hint.className = 'ok dc-hint';
        }
      }, 50);
    } catch { /* no Web Audio: the preview still shows the camera */ }
  }

  stopStream() {
    clearInterval(this.timer);
    this.source?.disconnect();
    for (const track of this.stream?.getTracks() || []) track.stop();
    this.stream = null;
  }

  /** Ends the check; the devices stay chosen for the call. */
  close(focus = false) {
    this.stopStream();
    this.preview.srcObject = null;
    this.panel.hidden = true;
    this.button.hidden = false;
    if (focus) this.button.focus();
  }
}
