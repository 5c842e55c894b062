// The realtime half of filling one draft together. DraftSync binds a rendered form (form-view.js) to a draft: every
// change is PATCHed with the field's version, changes of others arrive on the draft's event stream only (the form
// service's: what it stored and checked; the room relay refuses form.field/focus/point) and are applied by version,
// so nothing is lost or applied twice. What it reports is shown by cofill.js (bindView); watch() tells the signing part (signing.js) of changes.
import { api, ApiError } from '/shared/api.js';

const DEBOUNCE_MS = 200;

export class DraftSync {
  /** auth: { token } for a resident (draft or room token); staff use their session cookie. */
  constructor(draftId, view, { token, role, onStatus = () => {}, onEvent = () => {}, definition } = {}) {
    Object.assign(this, { draftId, view, token, role, onStatus, onEvent, definition });
    /** Fields whose last entry the service refused (said at the field until an entry of theirs is written). */
    this.refused = new Set();
    this.versions = {};
    this.pending = new Map();   // field → timer
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
    for (const [field, state] of Object.entries(draft.fields || {})) {
      if ((this.versions[field] || 0) < state.version) {
        this.versions[field] = state.version;
        this.view.setValue(field, state.value);
        this.changed(field);
      }
    }
    this.draft = draft;
    return draft;
  }

  start() {
    this.listen();
  }

  stop() { this.abort.abort(); }

  /** Called by the view on every keystroke: sends the field after a short pause, one request per field at a time. */
  input(field, value) {
    this.changed(field);
    clearTimeout(this.pending.get(field));
    this.onStatus('saving');
    this.pending.set(field, setTimeout(() => this.send(field, value), DEBOUNCE_MS));
  }

  async send(field, value) {
    this.pending.delete(field);
    await this.inFlight.get(field);
    const request = this.patch(field, value);
    this.inFlight.set(field, request);
    await request;
    if (this.inFlight.get(field) === request) this.inFlight.delete(field);
    const deferred = this.deferred.get(field);
    if (deferred && !this.pending.has(field) && !this.inFlight.has(field)) {
      this.deferred.delete(field);
      this.apply(deferred);
    }
    if (!this.pending.size && !this.inFlight.size) this.onStatus(this.refused.size ? 'refused' : 'saved');
  }

  async patch(field, value) {
    try {
      const written = await api(`/api/forms/drafts/${this.draftId}/fields/${encodeURIComponent(field)}`, {
        method: 'PATCH', token: this.token, body: { value, baseVersion: this.versions[field] || 0, clientId: this.clientId },
      });
      this.versions[field] = Math.max(this.versions[field] || 0, written.version);
      if (this.refused.delete(field)) this.onEvent({ type: 'refused', field, message: null });
      if (written.signatureInvalidated) this.onEvent({ type: 'signature', state: 'invalidated' });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && 'version' in error.problem) {
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
      } else {
        this.onStatus('offline');
        setTimeout(() => this.send(field, value), 2000);
      }
    }
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
    if (event.clientId && event.clientId === this.clientId) return;
    if (event.type === 'field') {
      if ((this.versions[event.field] || 0) >= event.version) return;
      if (this.pending.has(event.field) || this.inFlight.has(event.field)) {
        // Our own edit of this field is on its way, based on the version we saw: keep it on screen; the server
        // decides (a conflict brings theirs back), and a newer remote value is applied once ours is settled.
        const deferred = this.deferred.get(event.field);
        if (!deferred || deferred.version < event.version) this.deferred.set(event.field, event);
        return;
      }
      this.versions[event.field] = event.version;
      this.view.setValue(event.field, event.value);
      this.changed(event.field);
    } else if (event.type === 'presence') {
      if (event.kind === 'point') this.view.pointAt(event.field);
      else this.view.markRemote(event.kind === 'focus' ? event.field : null, event.by);
    }
    this.onEvent(event);
  }

  /** The draft's server-sent events, read with fetch so the token travels in a header; reconnects and catches up. */
  async listen() {
    while (!this.abort.signal.aborted) {
      try {
        const headers = { Accept: 'text/event-stream' };
        if (this.token) headers['X-Resident-Token'] = this.token;
        const response = await fetch(`/api/forms/drafts/${this.draftId}/events`, { headers, signal: this.abort.signal, credentials: 'same-origin' });
        if (!response.ok) throw new Error(`events ${response.status}`);
        await this.load();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
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
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  }
}
