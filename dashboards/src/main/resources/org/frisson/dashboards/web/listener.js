'use strict';
/*
 * The listener view: one listener's chills and arousal in large type, or, when the pipeline has many
 * participants (concert), one tile per participant. Until a chill predictor and an emotion model run,
 * it shows what the pipeline has (chill button, rating slider) and says so.
 */
(() => {
  const $ = id => document.getElementById(id);
  let rendered = -1;

  function status() {
    const s = Live.state, conn = $('conn');
    const state = !s.connected ? 'down' : s.running ? 'live' : 'stopped';
    conn.dataset.state = state;
    conn.textContent = state === 'live' ? 'live' : state === 'stopped' ? 'pipeline stopped' : 'reconnecting…';
  }

  function channels() {
    return Live.outputChannels().filter(c => c.type !== 'Health');
  }

  function show(prefix, c, last, text, fraction, what, source, on) {
    $(prefix + '-what').textContent = what;
    const v = $(prefix + '-value');
    v.textContent = text;
    v.classList.toggle('on', !!on);
    v.dataset.label = c ? c.label : '';
    if (last) { v.dataset.stamp = String(last.t); v.dataset.value = String(last.v); } else { delete v.dataset.stamp; delete v.dataset.value; }
    $(prefix + '-bar').style.width = (fraction === null ? 0 : Math.max(0, Math.min(1, fraction)) * 100) + '%';
    $(prefix + '-source').textContent = source;
  }

  function pressCount(n) {
    return n + (n === 1 ? ' press' : ' presses');
  }

  function percent(v) {
    return v === null || !Number.isFinite(v) ? '–' : Math.round(v * 100) + '%';
  }

  function solo(list) {
    const prob = list.find(c => /chill.*prob|prob.*chill/i.test(c.label));
    const held = list.find(c => /\.chill_held$/.test(c.label));
    const presses = list.find(c => /\.chill_presses$/.test(c.label));
    if (prob) {
      const last = Live.latest(prob);
      show('chill', prob, last, percent(last && last.v), last && last.v, 'chill probability',
        'predicted: ' + prob.label + ' on ' + prob.stream, last && last.v >= 0.5);
    } else if (held) {
      const last = Live.latest(held), n = presses ? Live.latest(presses) : null;
      const on = !!(last && last.v === 1);
      show('chill', held, last, last ? (on ? 'chills' : 'calm') : '–', on ? 1 : 0, 'chill button',
        'self-reported with the chill button (' + held.label + (n ? ', ' + pressCount(n.v) : '') + ') · no chill predictor in this pipeline', on);
    } else {
      show('chill', null, null, '–', null, 'chills', 'not available in this pipeline', false);
    }
    const arousal = list.find(c => c.type !== 'Features' && /arousal/i.test(c.label));
    const emo = list.find(c => /\.emotionality$/i.test(c.label));
    if (arousal) {
      const last = Live.latest(arousal);
      show('second', arousal, last, percent(last && last.v), last && last.v, 'arousal', 'predicted: ' + arousal.label + ' on ' + arousal.stream, false);
    } else if (emo) {
      const last = Live.latest(emo);
      show('second', emo, last, last ? Fmt.value(last.v, 2) : '–', last && last.v, 'emotionality',
        'self-reported on the rating slider (' + emo.label + ', ' + (emo.unit || '0–1') + ') · no arousal model in this pipeline', false);
    } else {
      show('second', null, null, '–', null, 'arousal', 'not available in this pipeline', false);
    }
  }

  /** Participants and their channels: "<kind>-<participant>.<channel>" labels. */
  function participants(list) {
    const by = new Map();
    for (const c of list) {
      const { prefix, name } = Live.splitLabel(c.label);
      const who = Live.participantOf(prefix);
      if (!who) continue;
      if (!by.has(who)) by.set(who, {});
      by.get(who)[name] = c;
    }
    return new Map([...by.entries()].sort((a, b) => a[0].localeCompare(b[0], undefined, { numeric: true })));
  }

  function tile(who) {
    let t = document.querySelector('.tile[data-participant="' + who + '"]');
    if (!t) {
      t = document.createElement('div');
      t.className = 'tile';
      t.dataset.participant = who;
      for (const cls of ['who', 'state', 'detail']) {
        const d = document.createElement('div');
        d.className = cls;
        t.appendChild(d);
      }
      t.querySelector('.who').textContent = who;
      $('grid').appendChild(t);
    }
    return t;
  }

  function concert(people) {
    let feeling = 0;
    const keep = new Set(people.keys());
    for (const t of document.querySelectorAll('.tile')) if (!keep.has(t.dataset.participant)) t.remove();
    for (const [who, ch] of people) {
      const t = tile(who);
      const prob = Object.values(ch).find(c => /chill.*prob|prob.*chill/i.test(c.label));
      const held = ch.chill_held ? Live.latest(ch.chill_held) : null;
      const presses = ch.chill_presses ? Live.latest(ch.chill_presses) : null;
      let on, text;
      if (prob) {
        const last = Live.latest(prob);
        on = !!(last && last.v >= 0.5);
        text = percent(last && last.v);
      } else {
        on = !!(held && held.v === 1);
        text = held ? (on ? 'chills' : 'calm') : '–';
      }
      if (on) feeling++;
      t.classList.toggle('on', on);
      t.querySelector('.state').textContent = text;
      const details = [];
      if (presses) details.push(pressCount(presses.v));
      for (const [name, c] of Object.entries(ch)) {
        if (/^chill_/.test(name) || c === prob) continue;
        const last = Live.latest(c);
        if (last) details.push(name + ' ' + Fmt.value(last.v) + (c.unit ? ' ' + c.unit : ''));
      }
      t.querySelector('.detail').textContent = details.join(' · ');
    }
    const anyProb = [...people.values()].some(ch => Object.values(ch).some(c => /chill.*prob|prob.*chill/i.test(c.label)));
    $('summary').textContent = feeling + ' of ' + people.size + ' listeners ' + (anyProb ? 'likely feel chills' : 'report chills') + ' now';
    const sub = document.createElement('span');
    sub.className = 'sub';
    sub.textContent = anyProb ? 'predicted chill probability ≥ 50%' : 'self-reported with the chill button · no chill predictor in this pipeline';
    $('summary').appendChild(sub);
  }

  function render() {
    status();
    const s = Live.state;
    if (rendered === s.version) return;
    rendered = s.version;
    const list = channels();
    const people = participants(list);
    const many = people.size > 1;
    $('concert').hidden = !many;
    $('solo').hidden = many;
    if (many) concert(people); else solo(list);
  }

  Live.onChange(kind => { if (kind === 'status') status(); });
  Live.connect();
  setInterval(render, 100);
})();
