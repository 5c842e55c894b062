// A signature drawn with finger, pen or mouse on a <canvas>, through pointer events. It keeps the strokes
// (points with time and pressure) besides the image, and carries the SHA-256 of the content being signed so
// a signature can never be detached from the document it was made for. Keyboard users sign by TAN instead.

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{ contentSha256: string, onChange?: (pad) => void, lineWidth?: number, color?: string }} options
 */
export function createSignaturePad(canvas, { contentSha256, onChange, lineWidth = 2.5, color = '#0b1f3a' } = {}) {
  if (!/^[0-9a-f]{64}$/.test(contentSha256 || '')) throw new Error('createSignaturePad needs the contentSha256 of the signed content');
  const context = canvas.getContext('2d');
  const strokes = [];
  let current = null;
  const started = Date.now();

  // The canvas must not scroll or zoom the page while a finger draws on it (CSSOM, allowed by the CSP).
  canvas.style.touchAction = 'none';

  function resize() {
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = canvas.getBoundingClientRect();
    if (!width || !height) return;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    redraw();
  }

  function point(event) {
    const rect = canvas.getBoundingClientRect();
    return {
      x: Math.round((event.clientX - rect.left) * 10) / 10,
      y: Math.round((event.clientY - rect.top) * 10) / 10,
      t: Date.now() - started,
      // Mice report 0.5 while pressed; pens and some touch screens report real pressure.
      p: Math.round((event.pressure || 0.5) * 100) / 100,
    };
  }

  function segment(a, b) {
    context.lineWidth = lineWidth * (0.6 + b.p * 0.8);
    context.beginPath();
    context.moveTo(a.x, a.y);
    context.lineTo(b.x, b.y);
    context.stroke();
  }

  function redraw() {
    const rect = canvas.getBoundingClientRect();
    context.clearRect(0, 0, rect.width, rect.height);
    context.strokeStyle = color;
    context.fillStyle = color;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    for (const stroke of strokes) {
      if (stroke.points.length === 1) dot(stroke.points[0]);
      for (let i = 1; i < stroke.points.length; i++) segment(stroke.points[i - 1], stroke.points[i]);
    }
  }

  function dot(p) {
    context.beginPath();
    context.arc(p.x, p.y, lineWidth * 0.7, 0, Math.PI * 2);
    context.fill();
  }

  function down(event) {
    if (event.button > 0) return;
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    current = { pointerType: event.pointerType || 'mouse', points: [point(event)] };
    strokes.push(current);
    context.strokeStyle = color;
    context.fillStyle = color;
    dot(current.points[0]);
  }

  function move(event) {
    if (!current) return;
    event.preventDefault();
    // Coalesced events keep a fast finger's line smooth on phones that batch pointer moves.
    const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
    for (const e of events.length ? events : [event]) {
      const p = point(e);
      segment(current.points[current.points.length - 1], p);
      current.points.push(p);
    }
  }

  function up(event) {
    if (!current) return;
    event.preventDefault();
    current = null;
    onChange?.(pad);
  }

  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  const observer = new ResizeObserver(resize);
  observer.observe(canvas);
  resize();

  const pad = {
    contentSha256,
    clear() { strokes.length = 0; current = null; redraw(); onChange?.(pad); },
    isEmpty: () => strokes.length === 0,
    toDataUrl: (type = 'image/png') => canvas.toDataURL(type),
    /** Strokes in CSS pixels of a canvas of the given size: [{ pointerType, points: [{ x, y, t, p }] }]. */
    strokes: () => strokes.map(s => ({ pointerType: s.pointerType, points: s.points.map(p => ({ ...p })) })),
    /** Everything a form needs to record the signature. */
    signature() {
      const { width, height } = canvas.getBoundingClientRect();
      return { contentSha256, image: pad.toDataUrl(), strokes: pad.strokes(), width: Math.round(width), height: Math.round(height) };
    },
    destroy() {
      observer.disconnect();
      canvas.removeEventListener('pointerdown', down);
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerup', up);
      canvas.removeEventListener('pointercancel', up);
    },
  };
  return pad;
}
