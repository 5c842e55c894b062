// The realtime half of filling one draft together. DraftSync binds a rendered form (form-view.js) to a draft: every
// change is PATCHed with the field's version, changes of others arrive on the draft's event stream only (the form
// service's: what it stored and checked; the room relay refuses form.field/focus/point) and are applied by version,
// so nothing is lost or applied twice. The stream's events travel over Redis pub/sub, which may lose one; the stream
// also says the draft's version (the sum of its fields' versions) when it opens and every few seconds, and a page that
// knows less re-reads the draft. What it reports is shown by cofill.js (bindView); watch() tells the signing part
// (signing.js) of changes.
import { api, ApiError } from '/shared/api.js';

const DEBOUNCE_MS = 200;
// A write that gets no answer is given up and sent again (a request stuck on its way held every later entry of its
// field back for good: CI with two replicas, 2026-12-07, "Attestation / attestaz").
const WRITE_TIMEOUT_MS = 10000;
const RETRY_MS = 2000;

export class DraftSync {
  /** auth: { token } for a resident (draft or room token); staff use their session cookie. */
  constructor(draftId, view, { token, role, onStatus = () => {}, onEvent = () => {}, definition } = {}) {
    Object.assign(this, { draftId, view, token, role, onStatus, onEvent, definition });
    /** Fields whose last entry the service refused (said at the field until an entry of theirs is written). */
    this.refused = new Set();
    this.versions = {};
    this.pending = new Map();   // field → timer
    this.latest = new Map();    // field → the newest entry not yet sent
    this.unanswered = new Map(); // field → entries sent whose answer never came (JSON): they may have been written
    this.inFlight = new Map();  // field → promise
    this.deferred = new Map();  // field → a remote change that arrived while ours was on its way
    this.clientId = crypto.randomUUID();
    this.abort = new AbortController();
    this.watchers = new Set();
  }

  /** Calls fn(field) whenever a field's value changes, here or elsewhere (a signature drawn before no longer holds); returns the unsubscribe. */
  watch(fn) {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  changed(field) {
    for (const fn of this.watchers) fn(field);
  }

  async load() {
    const draft = await api(`/api/forms/drafts/${this.draftId}`, { token: this.token });
    for (const [field, state] of Object.entries(draft.fields || {})) this.take(field, state.value, state.version);
    this.draft = draft;
    return draft;
  }

  /** The draft's version as this page knows it: the sum of its fields' versions (every change adds one to one). */
  known() {
    return Object.values(this.versions).reduce((sum, version) => sum + version, 0);
  }

  /** Re-reads the draft once at a time: an event of the stream was lost, or the stream was away. */
  catchUp() {
    this.catchingUp ??= this.load().catch(() => {}).finally(() => { this.catchingUp = null; });
    return this.catchingUp;
  }

  /**
   * A field's value at a version, shown if newer than the page's. While an edit of ours to that field is on its way
   * (based on the version we saw) it is kept for later: the server decides (a conflict brings theirs back), and a newer
   * value is shown once ours is settled.
   */
  take(field, value, version) {
    if ((this.versions[field] || 0) >= version) return;
    if (this.pending.has(field) || this.inFlight.has(field)) {
      const deferred = this.deferred.get(field);
      if (!deferred || deferred.version < version) this.deferred.set(field, { value, version });
      return;
    }
    this.versions[field] = version;
    this.view.setValue(field, value);
    this.changed(field);
  }

  start() {
    this.listen();
  }

  stop() { this.abort.abort(); }

  /** Called by the view on every keystroke: sends the field after a short pause, one request per field at a time. */
  input(field, value) {
    if (this.closed) return;
    this.changed(field);
    clearTimeout(this.pending.get(field));
    this.onStatus('saving');
    this.pending.set(field, setTimeout(() => this.send(field, value), DEBOUNCE_MS));
  }

  /**
   * One request per field at a time, always with the newest entry: an entry typed while one is on its way waits for
   * it, and one that could not be sent is sent again unless a newer one replaced it.
   */
  async send(field, value) {
    this.pending.delete(field);
    this.latest.set(field, value);
    if (this.inFlight.has(field)) return;
    const run = (async () => {
      while (this.latest.has(field)) {
        const entry = this.latest.get(field);
        this.latest.delete(field);
        if (await this.patch(field, entry)) continue;
        if (!this.latest.has(field)) this.latest.set(field, entry);
        await new Promise(resolve => setTimeout(resolve, RETRY_MS));
      }
    })();
    this.inFlight.set(field, run);
    await run;
    this.inFlight.delete(field);
    const deferred = this.deferred.get(field);
    if (deferred && !this.pending.has(field)) {
      this.deferred.delete(field);
      this.take(field, deferred.value, deferred.version);
    }
    if (!this.pending.size && !this.inFlight.size && !this.closed) this.onStatus(this.refused.size ? 'refused' : 'saved');
  }

  /** Writes one entry; false when it should be sent again (no answer, or the service was away). */
  async patch(field, value) {
    try {
      const written = await api(`/api/forms/drafts/${this.draftId}/fields/${encodeURIComponent(field)}`, {
        method: 'PATCH', token: this.token, body: { value, baseVersion: this.versions[field] || 0, clientId: this.clientId },
        signal: AbortSignal.timeout(WRITE_TIMEOUT_MS),
      });
      this.written(field, written.version);
      if (written.signatureInvalidated) this.onEvent({ type: 'signature', state: 'invalidated' });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && 'version' in error.problem) {
        const stored = JSON.stringify(error.problem.value);
        if (stored === JSON.stringify(value)) {
          // This very entry, written by a request whose answer never came: nothing to tell.
          this.written(field, error.problem.version);
          return true;
        }
        if (this.unanswered.get(field)?.has(stored)) {
          // An earlier entry of ours, written though its answer never came: this one goes on top of it.
          this.unanswered.delete(field);
          this.versions[field] = error.problem.version;
          return this.patch(field, value);
        }
        // Someone else wrote this field first: show theirs, keep ours at hand.
        this.versions[field] = error.problem.version;
        this.view.setValue(field, error.problem.value);
        this.changed(field);
        this.onEvent({ type: 'conflict', field, mine: value, theirs: error.problem.value });
      } else if (error instanceof ApiError && error.status === 400) {
        // Refused for what it is (a control character, a day that does not exist): sending it again cannot help, so
        // it is said at the field instead of "connection lost" and a retry every 2 s (room probe, 2026-12-06).
        this.refused.add(field);
        this.onEvent({ type: 'refused', field, message: error.errors.value?.join(' ') || error.message });
      } else if (error instanceof ApiError && (error.status === 410 || error.status === 409)) {
        // Submitted (409 form-submitted, perhaps by the other side, whose announcement this page missed) or the
        // consultation ended (410): nothing is written any more. The entry was sent again every 2 s for good, under
        // "connection lost".
        this.closed = true;
        for (const timer of this.pending.values()) clearTimeout(timer);
        this.pending.clear();
        this.latest.clear();
        this.onEvent({ type: 'closed', reason: error.status === 410 ? 'ended' : 'submitted' });
      } else {
        // No answer, or not the service's (a proxy's 502): the entry may have been written all the same.
        if (!this.unanswered.has(field)) this.unanswered.set(field, new Set());
        this.unanswered.get(field).add(JSON.stringify(value));
        this.onStatus('offline');
        return false;
      }
    }
    return true;
  }

  written(field, version) {
    this.unanswered.delete(field);
    this.versions[field] = Math.max(this.versions[field] || 0, version);
    if (this.refused.delete(field)) this.onEvent({ type: 'refused', field, message: null });
  }

  focus(field) {
    this.announce(field ? 'focus' : 'blur', field);
  }

  point(field) {
    this.announce('point', field);
  }

  /**
   * One after the other: a clerk going through the form by Tab sends focus, blur, focus … within milliseconds, and
   * requests sent at once may arrive in another order (the resident's page went on marking a field she had only passed).
   */
  announce(kind, field) {
    this.announcing = (this.announcing ?? Promise.resolve())
      .then(() => api(`/api/forms/drafts/${this.draftId}/presence`, { method: 'POST', token: this.token, body: { kind, field, clientId: this.clientId } }))
      .catch(() => {});
  }

  apply(event) {
    if (event.type === 'version') {
      if (event.version > this.known()) this.catchUp();
      return;
    }
    if (event.clientId && event.clientId === this.clientId) return;
    if (event.type === 'field') {
      // Out of order (two replicas announcing versions n and n+1) or a version already read: the newer one holds.
      this.take(event.field, event.value, event.version);
    } else if (event.type === 'presence') {
      if (event.kind === 'point') this.view.pointAt(event.field);
      else this.view.markRemote(event.kind === 'focus' ? event.field : null, event.by);
    }
    this.onEvent(event);
  }

  /** The draft's server-sent events, read with fetch so the token travels in a header; reconnects and catches up. */
  async listen() {
    while (!this.abort.signal.aborted) {
      // Each round's stream is closed when the round ends: a round that failed after the answer came (the catch-up's
      // read, a broken line) left the stream open, and every such round held one more of the browser's six
      // connections to the site until no request of the page went out any more.
      const round = new AbortController();
      const stop = () => round.abort();
      this.abort.signal.addEventListener('abort', stop, { once: true });
      // The service speaks every 5 s (the draft's version); a stream silent for 20 s is dead on the way (a replica
      // gone without closing it) and is opened again, with a catch-up.
      let heard = Date.now();
      const watch = setInterval(() => { if (Date.now() - heard > 20_000) round.abort(); }, 5_000);
      try {
        const headers = { Accept: 'text/event-stream' };
        if (this.token) headers['X-Resident-Token'] = this.token;
        const response = await fetch(`/api/forms/drafts/${this.draftId}/events`, { headers, signal: round.signal, credentials: 'same-origin' });
        if (!response.ok) throw new Error(`events ${response.status}`);
        // The service subscribed before it answered: what was stored before this read is in it, what comes after is
        // announced on the stream.
        await this.catchUp();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          heard = Date.now();
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const chunk = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of chunk.split('\n')) if (line.startsWith('data: ')) this.apply(JSON.parse(line.slice(6)));
          }
        }
      } catch (error) {
        if (this.abort.signal.aborted) return;
      } finally {
        clearInterval(watch);
        round.abort();
        this.abort.signal.removeEventListener('abort', stop);
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  }
}
