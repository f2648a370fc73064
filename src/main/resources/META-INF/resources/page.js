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

document.getElementById('ask').addEventListener('submit', async ev => {
  ev.preventDefault();
  const status = document.getElementById('status');
  status.textContent = 'sending…';
  const r = await fetch('api/questions', {method: 'POST', headers: auth({'content-type': 'application/json'}),
    body: JSON.stringify({question: document.getElementById('question').value,
                          context: document.getElementById('context').value})});
  status.textContent = r.ok ? `sent ${(await r.json()).id}` : `refused: ${await r.text()}`;
});
