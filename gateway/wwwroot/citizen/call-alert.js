// Being called must be hard to miss, even with the page in a background tab or the phone in a pocket: the tab's
// title changes, a short chime plays (Web Audio, nothing downloaded), the phone vibrates, and a system notification
// appears where the resident allowed it. Browsers only let a page play sound or ask for notifications after the
// person did something on it, so the join press unlocks the sound and the notification is asked for by a button.
let audio = null;
let originalTitle = document.title;
let blink = null;

/** Call from a click or key press: lets the chime play later. */
export function unlockSound() {
  try {
    audio ??= new (window.AudioContext || window.webkitAudioContext)();
    if (audio.state === 'suspended') audio.resume();
  } catch { /* no Web Audio: the other signals remain */ }
}

/** Whether asking for notifications makes sense (supported and not decided yet). */
export function canAskForNotifications() {
  return 'Notification' in window && Notification.permission === 'default';
}

/** Asks for permission; call only from a user gesture. Resolves to true when notifications are allowed. */
export async function askForNotifications() {
  if (!('Notification' in window)) return false;
  try { return (await Notification.requestPermission()) === 'granted'; } catch { return false; }
}

function chime() {
  if (!audio) return;
  try {
    if (audio.state === 'suspended') audio.resume();
    const start = audio.currentTime + 0.05;
    // Two rising tones, like a counter's gong; quiet enough not to startle.
    for (const [offset, frequency] of [[0, 660], [0.28, 880]]) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.5);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.55);
    }
  } catch { /* a failed chime must not stop the other signals */ }
}

/**
 * Signals the call once: title, chime, vibration, notification. onOpen runs when the notification is clicked. The tab
 * keeps the site's name after the call ("🔔 It is your turn! – Digital counter"): among other tabs it names whose call.
 */
export function announceCall({ title, site, body, onOpen }) {
  originalTitle = document.title.startsWith('🔔') ? originalTitle : document.title;
  const called = site ? `🔔 ${title} – ${site}` : `🔔 ${title}`;
  document.title = called;
  clearInterval(blink);
  // A background tab shows the title in its strip: alternate it until the resident looks.
  blink = setInterval(() => {
    if (document.visibilityState === 'visible') { document.title = called; return; }
    document.title = document.title === called ? originalTitle : called;
  }, 1000);
  chime();
  try { navigator.vibrate?.([300, 150, 300, 150, 300]); } catch { /* not on this device */ }
  if ('Notification' in window && Notification.permission === 'granted') {
    try {
      const notification = new Notification(title, { body, tag: 'queue-called', requireInteraction: true });
      notification.onclick = () => { window.focus(); notification.close(); onOpen?.(); };
    } catch { /* some mobile browsers only notify from a service worker; the page signals remain */ }
  }
}

/** Back to the page's own title (after the call was answered, missed or left). */
export function endAnnouncement() {
  clearInterval(blink);
  blink = null;
  if (document.title.startsWith('🔔')) document.title = originalTitle;
}
