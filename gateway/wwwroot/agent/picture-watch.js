// Whether a picture of the resident reaches the clerk's page: frames keep coming on the remote <video>, and they are
// not all black. A camera switched off in the call, or a track muted, sends black frames; a covered lens sends nearly
// black ones; a stalled connection sends none (the last frame stays). The page tells the session hub when that
// changes and every 5 s while a picture arrives: the identity check starts and confirms only with a recent word of it
// (a call that ran was not enough, and "verified" was saved with nothing to see).
// What it does not see: a picture that is not black but shows no document (a wall, a hand), or a covered lens with
// light leaking in; the clerk judges those, as she does the card itself.

const SAMPLE_MS = 1500;
const REPORT_MS = 5000;
// Two samples without a picture before it counts as gone: a busy machine may present no frame for a moment.
const MISSES_BEFORE_GONE = 2;
// A small copy of the frame is enough to tell black from a picture (32 x 24 pixels, read every 1.5 s).
const WIDTH = 32;
const HEIGHT = 24;
// Nearly black: no pixel brighter than this luma (0–255), and the mean under a third of it. A dim room's picture is
// far above both; a black frame is 0, a covered lens's sensor noise a few units.
const BLACK_MAX = 40;
const BLACK_MEAN = 12;


function isBlack(context, video) {
  context.drawImage(video, 0, 0, WIDTH, HEIGHT);
  const pixels = context.getImageData(0, 0, WIDTH, HEIGHT).data;
  let max = 0;
  let sum = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const luma = 0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2];
    if (luma > max) max = luma;
    sum += luma;
  }
  return max < BLACK_MAX && sum / (WIDTH * HEIGHT) < BLACK_MEAN;
}

/**
 * Watches the video element while running() says the room's call runs, and tells report(arriving) (the hub)
 * what it sees. arriving() is the last state the hub was told; onChange(listener) hears each change once the hub has it.
 * onCall(listener) tells it when a call starts or ends: the service forgets the picture with the call, and so does
 * the page at once (a video ended and started again between two samples kept "arriving" here while the service,
 * told nothing yet of the new call's picture, refused "verified": the replica pass of 2026-12-07).
 */
export function watchPicture(video, { running, report, onCall }) {
  const canvas = Object.assign(document.createElement('canvas'), { width: WIDTH, height: HEIGHT });
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const listeners = new Set();
  let arriving = false;
  // Frames the element presented (requestVideoFrameCallback), and those it counts itself where that is missing.
  let presented = 0;
  let stopped = false;
  const count = () => { presented += 1; if (!stopped) video.requestVideoFrameCallback(count); };
  if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(count);
  const framesOf = () => presented + (video.getVideoPlaybackQuality?.().totalVideoFrames ?? 0);
  let frames = framesOf();
  let misses = 0;
  let reportedAt = 0;
  let telling = false;

  const seen = () => {
    if (!running() || !video.srcObject || !video.videoWidth) return false;
    const now = framesOf();
    const moved = now > frames;
    frames = now;
    if (!moved) return false;
    try {
      return !isBlack(context, video);
    } catch {
      // A frame that cannot be read is no picture to check a card in.
      return false;
    }
  };

  // Each start or end of a call begins anew: a word sent in the call before is not this call's.
  let call = 0;
  const tell = async value => {
    if (telling) return;
    telling = true;
    reportedAt = Date.now();
    const during = call;
    try {
      await report(value);
    } catch (e) {
      // Refused (the call ended meanwhile, the room was handed on): the service then has no picture either.
      console.warn('reporting the picture', e);
      if (value) return;
    } finally {
      telling = false;
    }
    if (during !== call || arriving === value) return;
    arriving = value;
    for (const listener of listeners) listener(value);
  };

  const sample = () => {
    const now = seen();
    misses = now ? 0 : misses + 1;
    if (now && (!arriving || Date.now() - reportedAt >= REPORT_MS)) tell(true);
    else if (!now && arriving && (misses >= MISSES_BEFORE_GONE || !running())) tell(false);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  onCall?.(() => {
    call += 1;
    misses = 0;
    reportedAt = 0;
    if (!arriving) return;
    arriving = false;
    for (const listener of listeners) listener(false);
  });

  return {
    arriving: () => arriving,
    onChange: listener => listeners.add(listener),
    stop: () => { stopped = true; clearInterval(timer); },
  };
}
