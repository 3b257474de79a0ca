'use strict';
/* The experimenter view: stream health, chills and ratings, latency, embedding, emotion, features, raw signals. */
(() => {
  const $ = id => document.getElementById(id);
  const BANDS = ['delta', 'theta', 'alpha', 'beta', 'gamma'];
  const WARM = '#f0a04b';
  /** Shading of chill-button holds: with many listeners each is fainter, so overlaps show how many hold. */
  const held = n => `rgba(240,160,75,${Math.max(0.03, 0.22 / Math.max(1, n))})`;
  let rendered = -1, metaSeen = -1;

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** Output channels other than health, with helpers to find them by label. */
  function channels() {
    return Live.outputChannels().filter(c => c.type !== 'Health');
  }
  const byLabel = (list, re) => list.filter(c => re.test(c.label));

  function series(c) {
    const o = Live.state.outputs[c.out];
    return { t: o.t, v: o.v[c.ch] };
  }

  function status() {
    const s = Live.state, conn = $('conn');
    const state = !s.connected ? 'down' : s.running ? 'live' : 'stopped';
    conn.dataset.state = state;
    conn.textContent = state === 'live' ? 'live' : state === 'stopped' ? 'pipeline stopped' : 'reconnecting…';
    $('title').textContent = s.title || '';
  }

  function header() {
    const s = Live.state;
    $('frames').textContent = s.frames === null ? '–' : String(s.frames);
    $('p50').textContent = Fmt.ms(s.latency.p50);
    $('p99').textContent = Fmt.ms(s.latency.p99);
    $('lat-p50').textContent = Fmt.ms(s.latency.p50);
    $('lat-p99').textContent = Fmt.ms(s.latency.p99);
    $('dropped').textContent = s.display ? String(s.display.dropped) : '–';
  }

  function health() {
    const body = $('health').tBodies[0];
    body.textContent = '';
    for (const h of Live.state.health) {
      const tr = el('tr', { 'data-stream': h.name });
      const cell = (field, text, cls) => {
        const td = el('td', { 'data-field': field }, text);
        if (cls) td.className = cls;
        tr.appendChild(td);
      };
      const rateOk = h.nominalRate === 0 || (h.effectiveRate !== null && Math.abs(h.effectiveRate - h.nominalRate) <= 0.1 * h.nominalRate);
      cell('name', h.name, 'name');
      cell('role', h.role, 'name');
      cell('nominalRate', h.nominalRate === 0 ? 'irregular' : Fmt.rate(h.nominalRate));
      cell('effectiveRate', Fmt.value(h.effectiveRate, 1), rateOk ? '' : 'bad');
      cell('gaps', String(h.gaps), h.gaps ? 'bad' : '');
      cell('missed', String(h.missed), h.missed ? 'bad' : '');
      cell('clockOffset', h.clockOffset === null ? '–' : (h.clockOffset * 1000).toFixed(3));
      cell('clockUncertainty', h.clockUncertainty === null ? '–' : (h.clockUncertainty * 1000).toFixed(3));
      // an irregular stream's lag is only the time since its last event
      cell('lag', h.lag === null || h.nominalRate === 0 ? '–' : (h.lag * 1000).toFixed(0));
      cell('late', String(h.late), h.late ? 'bad' : '');
      cell('dropped', String(h.dropped), h.dropped ? 'bad' : '');
      cell('losses', h.losses + ' / ' + (h.losses - (h.lost ? 1 : 0)), h.losses ? 'bad' : '');
      cell('state', h.lost ? 'LOST' : h.error ? h.error : 'ok', h.lost || h.error ? 'bad' : 'good');
      body.appendChild(tr);
    }
  }

  /** Boards the run opened itself: streaming or not, battery, EEG channels out of range, packages, reconnections. */
  function devices() {
    const list = Live.state.devices;
    $('devices-panel').hidden = list.length === 0;
    const body = $('devices').tBodies[0];
    body.textContent = '';
    for (const d of list) {
      const tr = el('tr', { 'data-device': d.name });
      const cell = (field, text, bad) => {
        const td = el('td', { 'data-field': field }, text);
        if (bad !== undefined) td.className = bad ? 'bad' : 'good';
        tr.appendChild(td);
      };
      cell('name', d.name);
      cell('state', d.state.toLowerCase(), d.state !== 'STREAMING');
      cell('battery', d.battery === null ? '–' : d.battery.toFixed(0), d.battery === null ? undefined : d.battery < 20);
      cell('signalQuality', d.signalQuality === null ? '–' : Math.round(100 * d.signalQuality) + ' %',
        d.signalQuality === null ? undefined : d.signalQuality < 1);
      cell('badChannels', d.badChannels || '–');
      cell('droppedPackages', String(d.droppedPackages), d.droppedPackages > 0);
      cell('reconnects', String(d.reconnects), d.reconnects > 0);
      cell('lastError', d.lastError || '–');
      body.appendChild(tr);
    }
  }

  function latestTable() {
    const body = $('latest').tBodies[0];
    body.textContent = '';
    const groups = new Map();
    for (const c of channels()) {
      const p = Live.splitLabel(c.label).prefix || c.stream;
      if (!groups.has(p)) groups.set(p, []);
      groups.get(p).push(c);
    }
    for (const [prefix, list] of groups) {
      const g = el('tr', { class: 'group' });
      g.appendChild(el('td', { colspan: '4' }, prefix));
      body.appendChild(g);
      for (const c of list) {
        const last = Live.latest(c);
        const tr = el('tr', { 'data-label': c.label, 'data-output': c.stream });
        if (last) { tr.dataset.stamp = String(last.t); tr.dataset.value = String(last.v); }
        tr.appendChild(el('td', { class: 'name' }, c.label));
        tr.appendChild(el('td', { class: 'value' }, last ? Fmt.value(last.v) : '–'));
        tr.appendChild(el('td', {}, c.unit));
        tr.appendChild(el('td', {}, c.stream));
        body.appendChild(tr);
      }
    }
  }

  function legend(box, items) {
    box.textContent = '';
    for (const it of items) {
      const s = el('span', {});
      const sw = el('i', {});
      sw.style.background = it.color;
      s.appendChild(sw);
      s.appendChild(document.createTextNode(it.label));
      box.appendChild(s);
    }
  }

  function timeWindow() {
    const t1 = Live.clockNow();
    return { t0: t1 - Live.state.history, t1 };
  }

  function chills() {
    const list = channels();
    const { t0, t1 } = timeWindow();
    const prob = byLabel(list, /chill.*prob|prob.*chill/i);
    const ratings = byLabel(list, /\.(emotionality|enjoyment)$/i);
    const holds = byLabel(list, /\.chill_held$/);
    const presses = byLabel(list, /\.chill_presses$/);
    const shown = [], items = [];
    prob.forEach(c => { shown.push({ ...series(c), color: WARM }); items.push({ color: WARM, label: c.label + ' (predicted, ' + (c.unit || 'probability') + ')' }); });
    ratings.forEach((c, k) => {
      const color = Charts.PALETTE[1 + k];
      shown.push({ ...series(c), color });
      items.push({ color, label: c.label + ' (rating slider, ' + (c.unit || '0–1') + ')' });
    });
    const spans = [], marks = [];
    const shade = held(holds.length);
    for (const c of holds) {
      const s = series(c);
      let start = null;
      for (let i = 0; i < s.t.length; i++) {
        if (s.v[i] === 1 && start === null) start = s.t[i];
        if (s.v[i] !== 1 && start !== null) { spans.push({ a: start, b: s.t[i], color: shade }); start = null; }
      }
      if (start !== null) spans.push({ a: start, b: t1, color: shade });
    }
    for (const c of presses) {
      const s = series(c);
      for (let i = 1; i < s.t.length; i++) {
        if (s.v[i] !== null && s.v[i - 1] !== null && s.v[i] > s.v[i - 1]) marks.push({ t: s.t[i], color: WARM, label: presses.length === 1 ? 'press' : '' });
      }
    }
    if (holds.length === 1) items.push({ color: held(1), label: 'chill button held (' + holds[0].label + ')' });
    if (holds.length > 1) items.push({ color: held(1), label: 'chill button held (' + holds.length + ' listeners, darker: more of them)' });
    if (presses.length) items.push({ color: WARM, label: '| chill button press' });
    if (!prob.length) items.push({ color: 'transparent', label: 'no chill prediction in this pipeline' });
    legend($('chill-legend'), items);
    if (Number.isFinite(t1)) Charts.lines($('chill-chart'), { t0, t1, ymin: 0, ymax: 1, series: shown, spans, marks });
  }

  function latency() {
    const { t0, t1 } = timeWindow();
    const shown = [];
    let max = 0.005;
    Live.state.outputs.forEach((o, k) => {
      if (o.desc.type === 'Health') return;
      const ch = o.desc.labels.indexOf('latency');
      if (ch < 0) return;
      const v = o.v[ch].map(x => (x === null ? null : x * 1000));
      for (const x of v) if (x !== null && x / 1000 > max) max = x / 1000;
      shown.push({ t: o.t, v, color: Charts.PALETTE[k % Charts.PALETTE.length] });
    });
    if (Number.isFinite(t1)) Charts.lines($('latency-chart'), { t0, t1, ymin: 0, ymax: max * 1000 * 1.1, unit: 'ms', series: shown });
  }

  function latent() {
    const list = Live.outputChannels().filter(c => c.type === 'Latent' || /latent/i.test(c.stream));
    const pc1 = byLabel(list, /pc1$/i)[0], pc2 = byLabel(list, /pc2$/i)[0];
    const available = !!(pc1 && pc2);
    $('latent-na').hidden = available;
    $('latent-chart').hidden = !available;
    if (!available) return;
    const a = series(pc1), b = series(pc2);
    const trans = byLabel(Live.outputChannels(), /transition/i)[0];
    const marked = [];
    if (trans) {
      const s = series(trans);
      s.v.forEach((x, i) => { if (x !== null && x > 0) marked.push(i); });
    }
    Charts.trajectory($('latent-chart'), a.v, b.v, marked, pc1.label, pc2.label);
  }

  function emotion() {
    const list = channels().filter(c => c.type !== 'Features');
    const found = byLabel(list, /valence|arousal/i);
    $('emotion-na').hidden = found.length > 0;
    $('emotion-chart').hidden = found.length === 0;
    if (!found.length) { legend($('emotion-legend'), []); return; }
    const { t0, t1 } = timeWindow();
    const shown = found.map((c, k) => ({ ...series(c), color: Charts.PALETTE[k + 2] }));
    legend($('emotion-legend'), found.map((c, k) => ({ color: Charts.PALETTE[k + 2], label: c.label + (c.unit ? ' (' + c.unit + ')' : '') })));
    if (Number.isFinite(t1)) Charts.lines($('emotion-chart'), { t0, t1, ymin: 0, ymax: 1, series: shown });
  }

  function bands() {
    const rows = new Map(), cols = [];
    let unit = '';
    for (const c of channels()) {
      const parts = c.label.split('.');
      const band = parts[parts.length - 1].toLowerCase();
      if (parts.length < 2 || !BANDS.includes(band)) continue;
      const row = parts.slice(0, -1).join('.');
      if (!rows.has(row)) rows.set(row, {});
      if (!cols.includes(band)) cols.push(band);
      const last = Live.latest(c);
      rows.get(row)[band] = last ? last.v : null;
      unit = c.unit;
    }
    const available = rows.size > 0;
    $('bands-na').hidden = available;
    $('bands-chart').hidden = !available;
    if (!available) return;
    cols.sort((a, b) => BANDS.indexOf(a) - BANDS.indexOf(b));
    const labels = [...rows.keys()];
    const values = labels.map(r => cols.map(b => (rows.get(r)[b] === undefined ? null : rows.get(r)[b])));
    $('bands-chart').style.height = Math.max(160, Math.min(640, 22 + labels.length * 14)) + 'px';
    Charts.heatmap($('bands-chart'), labels, cols, values, unit);
  }

  function rawLayout() {
    const box = $('raw');
    box.textContent = '';
    Live.state.inputs.forEach((s, i) => {
      const d = s.desc;
      const rate = d.rate > 0 ? Fmt.rate(d.rate) + ' Hz' : 'irregular';
      const shown = d.text ? '' : ', shown at ' + Fmt.value(d.displayRate, 1) + ' points/s';
      box.appendChild(el('div', { class: 'raw-title' }, d.name + ' · ' + d.type + ' · ' + d.labels.length + ' ch · ' + rate + shown));
      if (d.text) {
        box.appendChild(el('p', { class: 'markers', id: 'raw-' + i }, 'no markers in the last ' + Live.state.history + ' s'));
      } else {
        const c = el('canvas', { class: 'raw', id: 'raw-' + i });
        c.style.height = Math.max(48, Math.min(440, d.labels.length * 15 + 16)) + 'px';
        box.appendChild(c);
      }
    });
  }

  function raw() {
    const t1 = Live.clockNow();
    if (!Number.isFinite(t1)) return;
    const t0 = t1 - Live.state.window;
    Live.state.inputs.forEach((s, i) => {
      const node = $('raw-' + i);
      if (!node) return;
      if (s.desc.text) {
        const recent = [];
        for (let k = s.t.length - 1; k >= 0 && recent.length < 8; k--) recent.push(s.text[k] + ' ' + (s.t[k] - t1).toFixed(1) + ' s');
        node.textContent = recent.length ? 'markers: ' + recent.join(' · ') : 'no markers in the last ' + Live.state.history + ' s';
        return;
      }
      const rows = s.desc.labels.map((label, c) => ({ label, unit: s.desc.units[c], t: s.t, lo: s.lo[c], hi: s.hi[c] }));
      Charts.traces(node, rows, t0, t1);
    });
  }

  function render() {
    const s = Live.state;
    if (s.epoch !== metaSeen) { metaSeen = s.epoch; rawLayout(); }
    status();
    raw();
    chills();
    latency();
    if (rendered !== s.version) {
      rendered = s.version;
      header();
      health();
      devices();
      latestTable();
      latent();
      emotion();
      bands();
    }
  }

  Live.onChange(kind => { if (kind === 'status') status(); });
  Live.connect();
  setInterval(render, 100);
})();
