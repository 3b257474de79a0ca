'use strict';
/* Small hand-written charts on <canvas>: stacked signal envelopes, time lines, a heatmap, a trajectory. */
const Charts = (() => {
  const INK = '#c9d1e0', DIM = '#7d879c', GRID = '#2b3242', BG = '#151923';
  const PALETTE = ['#f0a04b', '#5fb3f9', '#8fd694', '#e26d8b', '#c49cf2', '#f4e06d', '#6de0d4', '#ff8f6b'];

  /** Sizes the canvas to its box at the screen's pixel ratio; returns a context in CSS pixels. */
  function setup(canvas) {
    const r = window.devicePixelRatio || 1;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * r) || canvas.height !== Math.round(h * r)) {
      canvas.width = Math.round(w * r);
      canvas.height = Math.round(h * r);
    }
    const g = canvas.getContext('2d');
    g.setTransform(r, 0, 0, r, 0, 0);
    g.fillStyle = BG;
    g.fillRect(0, 0, w, h);
    g.font = '11px system-ui, sans-serif';
    g.textBaseline = 'middle';
    return { g, w, h };
  }

  function range(cols) {
    let lo = Infinity, hi = -Infinity;
    for (const col of cols) for (const x of col) if (x !== null) { if (x < lo) lo = x; if (x > hi) hi = x; }
    return lo <= hi ? [lo, hi] : null;
  }

  function timeAxis(g, x0, x1, y, t0, t1, step) {
    g.fillStyle = DIM;
    g.textAlign = 'center';
    for (let s = Math.ceil((t0 - t1) / step) * step; s <= 0.0001; s += step) {
      const x = x0 + (x1 - x0) * (t1 + s - t0) / (t1 - t0);
      g.fillText(s === 0 ? 'now' : s.toFixed(0) + ' s', x, y);
    }
  }

  /**
   * Stacked envelopes, one row per channel, each scaled to its own range over the window:
   * rows = [{label, unit, t, lo, hi}], window [t0, t1].
   */
  function traces(canvas, rows, t0, t1) {
    const { g, w, h } = setup(canvas);
    const left = 150, right = w - 8, top = 4, bottom = h - 14;
    const rowH = (bottom - top) / Math.max(1, rows.length);
    rows.forEach((row, k) => {
      const y0 = top + k * rowH, y1 = y0 + rowH;
      const rr = range([row.lo, row.hi]);
      g.strokeStyle = GRID;
      g.beginPath(); g.moveTo(left, y1); g.lineTo(right, y1); g.stroke();
      g.fillStyle = INK;
      g.textAlign = 'left';
      const fs = Math.min(11, Math.max(8, rowH - 2));
      g.font = fs + 'px system-ui, sans-serif';
      const scale = rr ? ' ' + Fmt.value(rr[0]) + '…' + Fmt.value(rr[1]) : '';
      g.fillText(row.label + (row.unit ? ' (' + row.unit + ')' : ''), 4, y0 + rowH / 2 - (rowH > 22 ? 6 : 0));
      if (rowH > 22) { g.fillStyle = DIM; g.fillText(scale.trim(), 4, y0 + rowH / 2 + 7); }
      if (!rr) return;
      const span = rr[1] - rr[0] || 1;
      const yOf = v => y1 - 2 - (rowH - 4) * (v - rr[0]) / span;
      g.strokeStyle = PALETTE[k % PALETTE.length];
      g.beginPath();
      let last = null;
      for (let i = 0; i < row.t.length; i++) {
        if (row.t[i] < t0 || row.lo[i] === null) { last = null; continue; }
        const x = left + (right - left) * (row.t[i] - t0) / (t1 - t0);
        const a = yOf(row.lo[i]), b = yOf(row.hi[i]);
        if (last === null) g.moveTo(x, a); else g.lineTo(x, a);
        if (b !== a) g.lineTo(x, b);
        last = x;
      }
      g.stroke();
    });
    g.font = '11px system-ui, sans-serif';
    timeAxis(g, left, right, h - 6, t0, t1, 2);
  }

  /**
   * Time lines on one y range: opts = {t0, t1, ymin, ymax, unit, series: [{t, v, color, label}],
   * spans: [{a, b, color}], marks: [{t, color, label}], step, maxGap}. Points closer than maxGap
   * seconds (default 1) are joined across missing ones; longer silences stay gaps.
   */
  function lines(canvas, opts) {
    const { g, w, h } = setup(canvas);
    const left = 44, right = w - 8, top = 8, bottom = h - 16;
    const { t0, t1, ymin, ymax } = opts;
    const xOf = t => left + (right - left) * (t - t0) / (t1 - t0);
    const yOf = v => bottom - (bottom - top) * (v - ymin) / (ymax - ymin || 1);
    for (const s of opts.spans || []) {
      g.fillStyle = s.color;
      const a = Math.max(left, xOf(s.a)), b = Math.min(right, xOf(s.b));
      if (b > a) g.fillRect(a, top, b - a, bottom - top);
    }
    g.strokeStyle = GRID;
    g.fillStyle = DIM;
    g.textAlign = 'right';
    for (let k = 0; k <= 4; k++) {
      const v = ymin + (ymax - ymin) * k / 4, y = yOf(v);
      g.beginPath(); g.moveTo(left, y); g.lineTo(right, y); g.stroke();
      g.fillText(Fmt.value(v, Math.abs(ymax - ymin) >= 20 ? 0 : 2), left - 4, y);
    }
    if (opts.unit) { g.textAlign = 'left'; g.fillText(opts.unit, left + 4, top + 6); }
    for (const m of opts.marks || []) {
      const x = xOf(m.t);
      if (x < left || x > right) continue;
      g.strokeStyle = m.color; g.lineWidth = 2;
      g.beginPath(); g.moveTo(x, top); g.lineTo(x, bottom); g.stroke();
      g.lineWidth = 1;
      if (m.label) { g.fillStyle = m.color; g.textAlign = 'left'; g.fillText(m.label, x + 3, top + 18); }
    }
    const maxGap = opts.maxGap || 1;
    for (const s of opts.series) {
      g.strokeStyle = s.color; g.lineWidth = 2;
      g.beginPath();
      let last = -Infinity;
      for (let i = 0; i < s.t.length; i++) {
        const v = s.v[i];
        if (v === null || s.t[i] < t0) continue;
        const x = xOf(s.t[i]), y = yOf(Math.max(ymin, Math.min(ymax, v)));
        if (s.t[i] - last <= maxGap) g.lineTo(x, y); else g.moveTo(x, y);
        last = s.t[i];
      }
      g.stroke();
      g.lineWidth = 1;
    }
    timeAxis(g, left, right, h - 6, t0, t1, opts.step || 20);
  }

  /** Heat colours from dark blue to yellow. */
  function heat(f) {
    const x = Math.max(0, Math.min(1, f));
    const r = Math.round(30 + 225 * Math.min(1, x * 1.6));
    const gr = Math.round(40 + 200 * Math.max(0, x - 0.35) / 0.65);
    const b = Math.round(110 * (1 - x) + 40);
    return `rgb(${r},${gr},${b})`;
  }

  /** rows × cols values (null: missing), colours scaled over all of them; labels on both axes. */
  function heatmap(canvas, rowLabels, colLabels, values, unit) {
    const { g, w, h } = setup(canvas);
    const left = 70, top = 18, right = w - 60, bottom = h - 4;
    const rr = range(values);
    const cw = (right - left) / colLabels.length, rh = (bottom - top) / Math.max(1, rowLabels.length);
    g.textAlign = 'center';
    g.fillStyle = INK;
    colLabels.forEach((c, j) => g.fillText(c, left + cw * (j + 0.5), 9));
    rowLabels.forEach((r, i) => {
      g.textAlign = 'right'; g.fillStyle = INK;
      if (rh >= 8) g.fillText(r, left - 4, top + rh * (i + 0.5));
      colLabels.forEach((c, j) => {
        const v = values[i][j];
        g.fillStyle = v === null || !rr ? GRID : heat((v - rr[0]) / (rr[1] - rr[0] || 1));
        g.fillRect(left + cw * j + 1, top + rh * i + 0.5, cw - 2, Math.max(1, rh - 1));
      });
    });
    if (rr) {
      for (let k = 0; k < 40; k++) { g.fillStyle = heat(1 - k / 39); g.fillRect(right + 10, top + (bottom - top) * k / 40, 10, (bottom - top) / 40 + 1); }
      g.fillStyle = DIM; g.textAlign = 'left';
      g.fillText(Fmt.value(rr[1]), right + 22, top + 4);
      g.fillText(Fmt.value(rr[0]), right + 22, bottom - 4);
      if (unit) g.fillText(unit, right + 22, (top + bottom) / 2);
    }
  }

  /** A 2-D path (older points fainter) with marked points. */
  function trajectory(canvas, xs, ys, marked, xLabel, yLabel) {
    const { g, w, h } = setup(canvas);
    const left = 30, right = w - 8, top = 8, bottom = h - 20;
    const rx = range([xs]), ry = range([ys]);
    g.fillStyle = DIM; g.textAlign = 'center';
    g.fillText(xLabel, (left + right) / 2, h - 8);
    g.save(); g.translate(10, (top + bottom) / 2); g.rotate(-Math.PI / 2); g.fillText(yLabel, 0, 0); g.restore();
    if (!rx || !ry) return;
    const xOf = v => left + (right - left) * (v - rx[0]) / (rx[1] - rx[0] || 1);
    const yOf = v => bottom - (bottom - top) * (v - ry[0]) / (ry[1] - ry[0] || 1);
    for (let i = 1; i < xs.length; i++) {
      if (xs[i] === null || xs[i - 1] === null || ys[i] === null || ys[i - 1] === null) continue;
      g.strokeStyle = `rgba(95,179,249,${0.15 + 0.85 * i / xs.length})`;
      g.beginPath(); g.moveTo(xOf(xs[i - 1]), yOf(ys[i - 1])); g.lineTo(xOf(xs[i]), yOf(ys[i])); g.stroke();
    }
    g.fillStyle = '#e26d8b';
    for (const i of marked) if (xs[i] !== null && ys[i] !== null) { g.beginPath(); g.arc(xOf(xs[i]), yOf(ys[i]), 4, 0, 7); g.fill(); }
  }

  return { traces, lines, heatmap, trajectory, PALETTE };
})();
