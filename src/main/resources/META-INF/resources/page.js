// Live answers from /api/answers/stream; the form posts to /api/questions, which writes to the requests topic.
// Every API call carries the page token (Authorization: Bearer), kept for this tab in sessionStorage.
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

// Questions sent from this tab, by id: their answers are shown over the whole context as a heat map.
const sent = new Map();

function heatMap(context, words, answer) {
  // the whole context, words shaded by weight, the answer (span or sentence) marked
  const out = document.createElement('div');
  out.className = 'context';
  out.append(shaded(context.slice(0, answer.start), words, 0));
  const mark = document.createElement('mark');
  mark.append(shaded(context.slice(answer.start, answer.end), words, answer.start));
  out.append(mark, shaded(context.slice(answer.end), words, answer.end));
  return out;
}

/** The explanation methods a span answer can be explained by (the radio buttons of the form). */
const METHODS = ['grad-attention', 'rollout', 'attention', 'integrated-gradients'];

function show(event) {
  const e = event.explanation || {question: [], context: []};
  const card = document.createElement('div');
  card.className = 'answer';
  card.dataset.id = event.id;
  const q = document.createElement('div');
  q.className = 'question';
  q.append('Q: ', shaded(event.question, e.question, 0));
  card.append(q);
  if (event.answers.length === 0) {
    const div = document.createElement('div');
    div.className = 'text';
    div.append(`A: no answer in this text (no-answer score ${(event.noAnswerScore ?? 0).toFixed(4)})`);
    card.append(div);
  }
  for (const a of event.answers) {
    const div = document.createElement('div');
    div.className = 'text';
    div.append('A: ', shaded(a.text, e.context, a.start), ` (score ${a.score.toFixed(4)})`);
    card.append(div);
  }
  const own = sent.get(event.id);
  if (own && event.answers.length > 0) {
    card.append(heatMap(own.context, e.context, event.answers[0]));
    for (const other of METHODS.filter(m => m !== e.method)) {
      const button = document.createElement('button');
      button.className = 'switch';
      button.textContent = `explain with ${other}`;
      button.addEventListener('click', () => ask(own.question, own.context, other));
      card.append(button);
    }
  }
  const chips = document.createElement('div');
  chips.className = 'chips';
  chips.append('top context words: ');
  for (const w of e.context.slice(0, 10)) {
    chips.append(shaded(w.word, [{start: 0, end: w.word.length, weight: w.weight / Math.max(...e.context.map(c => c.weight))}], 0));
  }
  card.append(chips);
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.textContent = `${event.id} · ${event.mode} · ${e.method || 'no explanation'} · ${event.timings.inferenceMs} ms`;
  card.append(meta);
  answers.prepend(card);
}

function auth(extra) {
  return Object.assign({authorization: 'Bearer ' + (sessionStorage.getItem('qa-page-token') || '')}, extra || {});
}

// Server-sent events over fetch, because EventSource cannot send the Authorization header.
async function stream() {
  const r = await fetch('api/answers/stream', {headers: auth()});
  const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const data = buffer.slice(0, end).split('\n').filter(l => l.startsWith('data: ')).map(l => l.slice(6)).join('\n');
      buffer = buffer.slice(end + 2);
      if (data) show(JSON.parse(data));
    }
  }
}

async function connect() {
  const connection = document.getElementById('connection');
  const r = await fetch('api/answers', {headers: auth()});
  if (!r.ok) {
    connection.textContent = r.status === 401 ? 'token refused' : `error ${r.status}`;
    return;
  }
  connection.textContent = 'connected';
  (await r.json()).forEach(show);
  stream();
}

document.getElementById('login').addEventListener('submit', ev => {
  ev.preventDefault();
  sessionStorage.setItem('qa-page-token', document.getElementById('token').value);
  connect();
});
if (sessionStorage.getItem('qa-page-token')) connect();

// Asks for the 200 heaviest content words (the contract's maximum), enough to shade most of a context.
async function ask(question, context, method) {
  const status = document.getElementById('status');
  status.textContent = 'sending…';
  const r = await fetch('api/questions', {method: 'POST', headers: auth({'content-type': 'application/json'}),
    body: JSON.stringify({question, context, options: {explanation: method, topWords: 200}})});
  if (!r.ok) {
    status.textContent = `refused: ${await r.text()}`;
    return;
  }
  const id = (await r.json()).id;
  sent.set(id, {question, context});
  status.textContent = `sent ${id}`;
}

document.getElementById('ask').addEventListener('submit', ev => {
  ev.preventDefault();
  ask(document.getElementById('question').value, document.getElementById('context').value,
      document.querySelector('input[name="method"]:checked').value);
});
