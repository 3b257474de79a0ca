'use strict';
/*
 * Live data from the server's /events stream: a "meta" event describes the streams (names, types,
 * rates, channel labels and units), then "frame" events bring what is new (a "full" frame: the whole
 * window); a "ratings" event lists the tracks whose rating is asked, whenever that list changes. Keeps the
 * last window of every input and output here and tells the views when it changed.
 * The connection comes back by itself after the pipeline (or the whole process) restarts.
 */
const Live = (() => {
  const params = new URLSearchParams(location.search);
  const query = params.get('token') ? '?token=' + encodeURIComponent(params.get('token')) : '';
  const state = {
    connected: false, running: false, epoch: -1, title: '', window: 10, history: 120,
    now: NaN, nowAt: 0,
    inputs: [], outputs: [],
    health: [], devices: [], latency: { p50: null, p99: null }, frames: null, display: null,
    ratings: [],
    notices: [],
    switchedOff: [],
    version: 0,
  };
  const listeners = [];
  let source = null;
  let retryTimer = null;

  function notify(kind) {
    state.version++;
    for (const f of listeners) f(kind);
  }

  function applyMeta(m) {
    state.epoch = m.epoch;
    state.title = m.title;
    state.window = m.window;
    state.history = m.history;
    state.inputs = m.inputs.map(d => ({ desc: d, t: [], lo: d.labels.map(() => []), hi: d.labels.map(() => []), text: [] }));
    state.outputs = m.outputs.map(d => ({ desc: d, t: [], v: d.labels.map(() => []) }));
    state.notices = [...new Set(m.outputs.flatMap(d => d.notices || []))];
    showNotices();
    notify('meta');
  }

  /**
   * Every page's badge row (#notices): what the models behind the outputs are when a reader would assume
   * otherwise (a stand-in embedder, random-init weights, models trained on simulated listeners, a model off),
   * and what the pipeline switched off during the session because it failed (a stage, a listener).
   */
  function showNotices() {
    const row = document.getElementById('notices');
    if (!row) return;
    const badge = (text, kind) => {
      const b = document.createElement('span');
      b.className = kind;
      b.textContent = text;
      return b;
    };
    row.replaceChildren(...state.switchedOff.map(text => badge(text, 'notice switched-off')),
      ...state.notices.map(text => badge(text, 'notice')));
    row.hidden = state.notices.length === 0 && state.switchedOff.length === 0;
  }

  function trimBefore(series, t0, arrays) {
    let k = 0;
    while (k < series.t.length && series.t[k] < t0) k++;
    if (k > 0) {
      series.t.splice(0, k);
      for (const a of arrays) a.splice(0, k);
    }
  }

  function applyFrame(f) {
    if (f.now !== null) {
      state.now = f.now;
      state.nowAt = performance.now();
    }
    state.running = f.running;
    if (f.full) {
      for (const s of state.inputs) { s.t = []; s.text = []; s.lo = s.desc.labels.map(() => []); s.hi = s.desc.labels.map(() => []); }
      for (const s of state.outputs) { s.t = []; s.v = s.desc.labels.map(() => []); }
    }
    for (const d of f.inputs) {
      const s = state.inputs[d.i];
      if (!s) continue;
      for (let k = 0; k < d.t.length; k++) s.t.push(d.t[k]);
      if (d.text) {
        for (const x of d.text) s.text.push(x);
      } else {
        d.lo.forEach((col, c) => { for (const x of col) s.lo[c].push(x); });
        d.hi.forEach((col, c) => { for (const x of col) s.hi[c].push(x); });
      }
    }
    for (const d of f.outputs) {
      const s = state.outputs[d.i];
      if (!s) continue;
      for (let k = 0; k < d.t.length; k++) s.t.push(d.t[k]);
      d.v.forEach((col, c) => { for (const x of col) s.v[c].push(x); });
    }
    const now = state.now;
    if (Number.isFinite(now)) {
      for (const s of state.inputs) {
        const keep = s.desc.text ? state.history : state.window + 1;
        trimBefore(s, now - keep, s.desc.text ? [s.text] : s.lo.concat(s.hi));
      }
      for (const s of state.outputs) trimBefore(s, now - state.history - 1, s.v);
    }
    if (f.health) {
      state.health = f.health;
      state.devices = f.devices || [];
      state.latency = f.latency;
      state.frames = f.frames;
      state.display = f.display;
      if (f.switchedOff.join('\n') !== state.switchedOff.join('\n')) {
        state.switchedOff = f.switchedOff;
        showNotices();
      }
    }
    notify('frame');
  }

  function connect() {
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
    if (source) source.close();
    source = new EventSource('events' + query);
    source.onopen = () => { state.connected = true; notify('status'); };
    source.onerror = () => {
      state.connected = false;
      notify('status');
      // the browser retries by itself unless it gave up (e.g. the server answered with an error)
      if (source.readyState === EventSource.CLOSED && !retryTimer) retryTimer = setTimeout(connect, 2000);
    };
    source.onmessage = ev => {
      const m = JSON.parse(ev.data);
      if (m.kind === 'meta') applyMeta(m);
      else if (m.kind === 'frame') applyFrame(m);
      else if (m.kind === 'ratings') { state.ratings = m.pending; notify('ratings'); }
    };
  }

  /** The clock of the streams' stamps, now (server time advanced by the time since the last frame). */
  function clockNow() {
    return Number.isFinite(state.now) ? state.now + (performance.now() - state.nowAt) / 1000 : NaN;
  }

  /** Every channel of every output except the latency channel: {out, ch, label, unit, stream, type}. */
  function outputChannels() {
    const list = [];
    state.outputs.forEach((o, out) => {
      o.desc.labels.forEach((label, ch) => {
        if (label === 'latency') return;
        list.push({ out, ch, label, unit: o.desc.units[ch], stream: o.desc.name, type: o.desc.type });
      });
    });
    return list;
  }

  /** The newest finite value of an output channel: {t, v} or null. */
  function latest(c) {
    const o = state.outputs[c.out];
    if (!o) return null;
    const col = o.v[c.ch];
    for (let k = o.t.length - 1; k >= 0; k--) {
      if (col[k] !== null) return { t: o.t[k], v: col[k] };
    }
    return null;
  }

  /** Splits "<stream>.<channel>" at its last dot. */
  function splitLabel(label) {
    const k = label.lastIndexOf('.');
    return k < 0 ? { prefix: '', name: label } : { prefix: label.slice(0, k), name: label.slice(k + 1) };
  }

  /** The participant a stream belongs to: the part after its last '-' (e.g. "GSR-P003" -> "P003"), '' if none. */
  function participantOf(prefix) {
    const m = /-([A-Za-z]*\d+)$/.exec(prefix);
    return m ? m[1] : '';
  }

  function onChange(f) { listeners.push(f); }

  return { state, query, connect, onChange, clockNow, outputChannels, latest, splitLabel, participantOf };
})();

/** Number formatting shared by the views. */
const Fmt = {
  value(v, digits) {
    if (v === null || v === undefined || !Number.isFinite(v)) return '–';
    const a = Math.abs(v);
    const d = digits !== undefined ? digits : a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : 3;
    return v.toFixed(d);
  },
  rate(hz) {
    if (!Number.isFinite(hz)) return '–';
    return Math.abs(hz - Math.round(hz)) < 1e-9 ? String(Math.round(hz)) : Fmt.value(hz, 2);
  },
  ms(seconds) {
    return seconds === null || seconds === undefined || !Number.isFinite(seconds) ? '–' : (seconds * 1000).toFixed(2) + ' ms';
  },
};
