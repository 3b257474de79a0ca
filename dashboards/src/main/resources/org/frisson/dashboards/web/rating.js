'use strict';
/*
 * The rating form of both views. When the server asks for a track's rating (a "ratings" event), the page shows
 * the oldest pending track with valence and arousal on the 1–9 self-assessment scales (radio buttons: Tab
 * between the scales, arrow keys along one) and posts the answer to /rating. The form goes away on every page
 * once one of them answered: the server's next "ratings" event no longer lists the track.
 */
(() => {
  const box = document.getElementById('rating');
  const SCALES = [
    { name: 'valence', title: 'Valence', low: 'unhappy', high: 'happy' },
    { name: 'arousal', title: 'Arousal', low: 'calm', high: 'excited' },
  ];
  /** Tracks this page answered (or found answered) that the server's list still had when it last came. */
  const done = new Set();
  let shown = null;
  let sending = false;

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function scale(s) {
    const set = el('fieldset', { id: 'rating-' + s.name, class: 'scale', 'aria-describedby': 'rating-' + s.name + '-ends' });
    set.appendChild(el('legend', {}, s.title));
    const row = el('div', { class: 'steps' });
    row.appendChild(el('span', { class: 'end low', 'aria-hidden': 'true' }, s.low));
    for (let v = 1; v <= 9; v++) {
      const label = el('label', { class: 'step', 'data-value': String(v) });
      const name = v === 1 ? '1, ' + s.low : v === 9 ? '9, ' + s.high : String(v);
      label.appendChild(el('input', { type: 'radio', name: s.name, value: String(v), 'aria-label': name }));
      label.appendChild(el('span', { 'aria-hidden': 'true' }, String(v)));
      row.appendChild(label);
    }
    row.appendChild(el('span', { class: 'end high', 'aria-hidden': 'true' }, s.high));
    set.appendChild(row);
    set.appendChild(el('span', { id: 'rating-' + s.name + '-ends', class: 'ends' }, '1 ' + s.low + ' to 9 ' + s.high));
    return set;
  }

  const form = el('form', { id: 'rating-form', 'aria-labelledby': 'rating-title' });
  form.appendChild(el('h2', { id: 'rating-title', class: 'ask' }, 'How did this track feel?'));
  const track = form.appendChild(el('p', { id: 'rating-track', class: 'track' }));
  for (const s of SCALES) form.appendChild(scale(s));
  const submit = form.appendChild(el('button', { type: 'submit', id: 'rating-submit', disabled: '' }, 'Submit rating'));
  const error = form.appendChild(el('p', { id: 'rating-error', class: 'error', role: 'alert' }));
  const more = form.appendChild(el('p', { id: 'rating-more', class: 'more' }));
  box.appendChild(form);

  function chosen(name) {
    const c = form.querySelector('input[name="' + name + '"]:checked');
    return c ? Number(c.value) : null;
  }

  function ready() {
    submit.disabled = sending || SCALES.some(s => chosen(s.name) === null);
  }

  function render() {
    const pending = Live.state.ratings;
    for (const t of done) if (!pending.includes(t)) done.delete(t);
    const open = pending.filter(t => !done.has(t));
    if (open.length === 0) {
      shown = null;
      box.hidden = true;
      return;
    }
    if (open[0] !== shown) {
      shown = open[0];
      form.reset();
      error.textContent = '';
      track.textContent = shown;
    }
    more.textContent = open.length > 1 ? (open.length - 1) + ' more to rate after this one' : '';
    const wasHidden = box.hidden;
    box.hidden = false;
    ready();
    if (wasHidden && (document.activeElement === null || document.activeElement === document.body)) {
      form.querySelector('input').focus();
    }
  }

  async function send(ev) {
    ev.preventDefault();
    const valence = chosen('valence'), arousal = chosen('arousal');
    if (sending || shown === null || valence === null || arousal === null) return;
    const rated = shown;
    sending = true;
    ready();
    error.textContent = '';
    try {
      const r = await fetch('rating' + Live.query, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ track: rated, valence, arousal }),
      });
      if (r.status === 204 || r.status === 409) {
        // 409: answered on another page (or in the terminal) first
        done.add(rated);
      } else {
        error.textContent = (await r.text()).trim() || 'not recorded (' + r.status + '): please try again';
      }
    } catch (e) {
      error.textContent = 'Frisson cannot be reached: please try again';
    } finally {
      sending = false;
      render();
    }
  }

  form.addEventListener('change', ready);
  form.addEventListener('submit', send);
  Live.onChange(kind => { if (kind === 'ratings') render(); });
})();
