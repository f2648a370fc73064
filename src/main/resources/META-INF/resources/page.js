// Live answers from /api/answers/stream; the form posts to /api/questions, which writes to the requests topic.
const answers = document.getElementById('answers');

function shaded(text, words, offset) {
  // words: [{start, end, weight}] with offsets into a string of which `text` starts at `offset`
  const max = Math.max(1e-9, ...words.map(w => w.weight));
  const inside = words.filter(w => w.start >= offset && w.end <= offset + text.length)
    .sort((a, b) => a.start - b.start);
  const out = document.createDocumentFragment();
  let at = 0;
  for (const w of inside) {
    out.append(text.slice(at, w.start - offset));
    const span = document.createElement('span');
    span.className = 'w';
    span.textContent = text.slice(w.start - offset, w.end - offset);
    span.title = w.weight.toFixed(4);
    span.dataset.weight = w.weight;
    span.style.background = `rgba(255, 140, 0, ${(w.weight / max).toFixed(3)})`;
    out.append(span);
    at = w.end - offset;
  }
  out.append(text.slice(at));
  return out;
}

function show(event) {
  const e = event.explanation || {question: [], context: []};
  const card = document.createElement('div');
  card.className = 'answer';
  card.dataset.id = event.id;
  const q = document.createElement('div');
  q.className = 'question';
  q.append('Q: ', shaded(event.question, e.question, 0));
  card.append(q);
  for (const a of event.answers) {
    const div = document.createElement('div');
    div.className = 'text';
    div.append('A: ', shaded(a.text, e.context, a.start), ` (score ${a.score.toFixed(4)})`);
    card.append(div);
  }
  const chips = document.createElement('div');
  chips.className = 'chips';
  chips.append('top context words: ');
  for (const w of e.context) {
    chips.append(shaded(w.word, [{start: 0, end: w.word.length, weight: w.weight / Math.max(...e.context.map(c => c.weight))}], 0));
  }
  card.append(chips);
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.textContent = `${event.id} · ${event.mode} · ${e.method || 'no explanation'} · ${event.timings.inferenceMs} ms`;
  card.append(meta);
  answers.prepend(card);
}

fetch('api/answers').then(r => r.json()).then(list => list.forEach(show));
new EventSource('api/answers/stream').onmessage = m => show(JSON.parse(m.data));

document.getElementById('ask').addEventListener('submit', async ev => {
  ev.preventDefault();
  const status = document.getElementById('status');
  status.textContent = 'sending…';
  const r = await fetch('api/questions', {method: 'POST', headers: {'content-type': 'application/json'},
    body: JSON.stringify({question: document.getElementById('question').value,
                          context: document.getElementById('context').value})});
  status.textContent = r.ok ? `sent ${(await r.json()).id}` : `refused: ${await r.text()}`;
});
