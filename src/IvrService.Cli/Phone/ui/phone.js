'use strict';
// The dev phone page: follows the phone's event stream, plays the prompts in order, and answers each <Gather>
// the way a caller on Twilio would (keys, or silence until the Gather's timeout). No framework, no network
// beyond this server.
(() => {
  const $ = (id) => document.getElementById(id);
  const ui = {
    status: $('status'), answered: $('answered'), transcript: $('transcript'), requests: $('requests').tBodies[0],
    call: $('call'), hangup: $('hangup'), noInput: $('no-input'), saveScenario: $('save-scenario'), say: $('say'), sayForm: $('say-form'), saySend: $('say-send'), realtime: $('realtime'), mute: $('mute'),
    fail: $('fail'), failMode: $('fail-mode'), currentNode: $('current-node'), diagram: $('diagram'), actualSize: $('actual-size'),
  };
  const state = {
    inCall: false, listening: null, buffer: '', lastSeq: 0, replayUntil: 0, diagramReady: false,
    timer: null, countdown: null, deadline: 0, pauseTimer: null, requestCount: 0, nodeIds: {},
  };
  const queue = [];
  let playing = null;
  let audioContext = null;

  async function post(path, body) {
    const response = await fetch(path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}),
    });
    if (!response.ok) {
      let message = response.statusText;
      try { message = (await response.json()).error ?? message; } catch { /* not JSON */ }
      throw new Error(message);
    }
    return response.status === 204 ? null : response.json();
  }

  function setStatus(text) { ui.status.textContent = text; }

  function note(text, kind) {
    const item = document.createElement('li');
    item.className = kind ?? 'note';
    item.append(span('at', ''), span('text', text));
    ui.transcript.append(item);
    ui.transcript.scrollTop = ui.transcript.scrollHeight;
  }

  function span(className, text) {
    const element = document.createElement('span');
    element.className = className;
    element.textContent = text;
    return element;
  }

  // ---- diagram ----
  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`${src} did not load`));
      document.head.append(script);
    });
  }

  async function drawDiagram(setup) {
    state.nodeIds = setup.nodeIds ?? {};
    if (!setup.mermaid) {
      ui.diagram.textContent = setup.flowError ?? 'No flow file.';
      return;
    }
    if (setup.mermaidAvailable) {
      try {
        await loadScript('/vendor/mermaid.min.js');
        window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default', flowchart: { useMaxWidth: true } });
        const { svg } = await window.mermaid.render('flow-svg', setup.mermaid);
        ui.diagram.innerHTML = svg;
        ui.diagram.setAttribute('aria-label', `Flow diagram of ${setup.flowName ?? setup.flowPath}`);
        state.diagramReady = true;
        return;
      } catch (error) {
        console.warn('Mermaid could not draw the flow', error);
      }
    }
    // Built without npm (or Mermaid failed): the diagram's source is still readable, and paste-able into any viewer.
    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.textContent = 'Mermaid is not bundled in this build, so here is the diagram as Mermaid text.';
    const pre = document.createElement('pre');
    pre.id = 'mermaid-text';
    pre.textContent = setup.mermaid;
    ui.diagram.replaceChildren(hint, pre);
    ui.diagram.removeAttribute('role');
  }

  function diagramNode(diagramId) {
    const nodes = [...ui.diagram.querySelectorAll('g.node')];
    const pattern = new RegExp(`(^|-)flowchart-${diagramId}-\\d+$`);
    return nodes.find((g) => g.dataset.id === diagramId) ?? nodes.find((g) => pattern.test(g.id));
  }

  // Mermaid's classDef styles are inline and !important, so the highlight is set inline too (and undone later).
  const shapes = ':scope > rect, :scope > polygon, :scope > path, :scope > circle, :scope > ellipse, :scope > g > rect, :scope > g > path, :scope > g > polygon';

  function highlight(node, diagramId) {
    ui.currentNode.textContent = node ?? 'none';
    for (const element of ui.diagram.querySelectorAll('.current')) {
      element.classList.remove('current');
      element.removeAttribute('aria-current');
      for (const shape of element.querySelectorAll('[data-style]')) {
        shape.setAttribute('style', shape.dataset.style);
        delete shape.dataset.style;
      }
    }
    if (!diagramId || !state.diagramReady) return;
    const element = diagramNode(diagramId);
    if (element) {
      element.classList.add('current');
      element.setAttribute('aria-current', 'step');
      for (const shape of element.querySelectorAll(shapes)) {
        shape.dataset.style = shape.getAttribute('style') ?? '';
        shape.style.setProperty('fill', '#ffe0b2', 'important');
        shape.style.setProperty('stroke', '#d32f2f', 'important');
        shape.style.setProperty('stroke-width', '4px', 'important');
      }
      if (ui.actualSize.checked) element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  // "Fit" shows the whole flow; "Actual size" shows Mermaid's own scale and scrolls to the caller.
  function sizeDiagram() {
    const svg = ui.diagram.querySelector('svg');
    if (!svg) return;
    const actual = ui.actualSize.checked;
    ui.diagram.classList.toggle('actual', actual);
    const width = svg.viewBox?.baseVal?.width;
    if (actual && width) svg.setAttribute('width', String(Math.ceil(width))); else svg.setAttribute('width', '100%');
    ui.diagram.querySelector('.current')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  // ---- audio, in order, like the caller hears it ----
  function enqueue(item) {
    queue.push(item);
    if (!playing) playNext();
  }

  function playNext() {
    clearTimeout(state.pauseTimer);
    const item = queue.shift();
    playing = item ?? null;
    if (!item) {
      if (state.listening) startTimeout();
      return;
    }
    const done = () => { if (playing === item) playNext(); };
    if (item.type === 'audio') {
      const audio = item.element;
      audio.muted = ui.mute.checked;
      audio.currentTime = 0;
      audio.addEventListener('ended', done, { once: true });
      audio.addEventListener('error', done, { once: true });
      audio.play().catch(done);
    } else if (item.type === 'say' && 'speechSynthesis' in window && !ui.mute.checked && speechSynthesis.getVoices().length > 0) {
      const utterance = new SpeechSynthesisUtterance(item.text);
      utterance.lang = item.lang ?? 'en-US';
      utterance.onend = done;
      utterance.onerror = done;
      speechSynthesis.speak(utterance);
    } else {
      // A pause, or speech the browser cannot voice: keep the timing, silently.
      const seconds = item.type === 'pause' ? item.seconds : Math.min(8, item.text.split(/\s+/).length * 0.4);
      state.pauseTimer = setTimeout(done, seconds * 1000);
    }
  }

  function stopAudio() {
    queue.length = 0;
    if (playing?.type === 'audio') playing.element.pause();
    if ('speechSynthesis' in window) speechSynthesis.cancel();
    clearTimeout(state.pauseTimer);
    playing = null;
  }

  const dtmf = {
    1: [697, 1209], 2: [697, 1336], 3: [697, 1477], 4: [770, 1209], 5: [770, 1336], 6: [770, 1477],
    7: [852, 1209], 8: [852, 1336], 9: [852, 1477], '*': [941, 1209], 0: [941, 1336], '#': [941, 1477],
  };

  function tone(key) {
    if (ui.mute.checked || !dtmf[key]) return;
    try {
      audioContext ??= new AudioContext();
      const gain = audioContext.createGain();
      gain.gain.value = 0.08;
      gain.connect(audioContext.destination);
      for (const frequency of dtmf[key]) {
        const oscillator = audioContext.createOscillator();
        oscillator.frequency.value = frequency;
        oscillator.connect(gain);
        oscillator.start();
        oscillator.stop(audioContext.currentTime + 0.15);
      }
    } catch { /* no audio output: the key still counts */ }
  }

  // ---- the caller ----
  function clearTimers() {
    clearTimeout(state.timer);
    clearInterval(state.countdown);
    state.timer = null;
    state.countdown = null;
  }

  function describeGather() {
    const gather = state.listening;
    if (!gather) return '';
    const keys = gather.numDigits ? `${gather.numDigits} key${gather.numDigits === 1 ? '' : 's'}` : 'keys';
    const finish = gather.finishOnKey ? `, end with ${gather.finishOnKey}` : '';
    const typed = state.buffer ? ` (pressed ${state.buffer})` : '';
    return `Listening for ${keys}${finish}${typed}`;
  }

  function tick() {
    const left = Math.max(0, Math.ceil((state.deadline - Date.now()) / 1000));
    setStatus(`${describeGather()}: times out in ${left} s`);
  }

  function startTimeout() {
    clearTimers();
    if (!state.listening) return;
    if (!ui.realtime.checked) {
      setStatus(`${describeGather()}: waiting for you`);
      return;
    }
    // Twilio's Gather timeout runs from the end of the prompts, and again after each key.
    state.deadline = Date.now() + state.listening.timeoutSeconds * 1000;
    tick();
    state.countdown = setInterval(tick, 250);
    state.timer = setTimeout(expire, state.listening.timeoutSeconds * 1000);
  }

  function expire() {
    clearTimers();
    if (!state.listening) return;
    if (state.buffer) submitDigits(); else submitTimeout();
  }

  function listen(gather, live) {
    state.listening = gather;
    state.buffer = '';
    ui.noInput.disabled = false;
    // Words reach a Gather that listens for speech, and an agent session (its "gather" listens for speech too).
    const speech = /speech/.test(gather?.detail ?? gather?.input ?? '');
    ui.say.disabled = ui.saySend.disabled = !speech;
    setStatus(`${describeGather()}…`);
    if (live && !playing) startTimeout();
  }

  async function submit(body) {
    state.listening = null;
    state.buffer = '';
    ui.noInput.disabled = true;
    ui.say.disabled = ui.saySend.disabled = true;
    clearTimers();
    setStatus('In call');
    try {
      await post('/api/input', body);
    } catch (error) {
      note(`Not sent: ${error.message}`, 'warning');
    }
  }

  function submitDigits() { return submit({ digits: state.buffer }); }

  function submitTimeout() { return submit({ timeout: true }); }

  function press(key) {
    tone(key);
    const button = document.querySelector(`.key[data-key="${CSS.escape(key)}"]`);
    button?.classList.add('pressed');
    setTimeout(() => button?.classList.remove('pressed'), 150);
    if (!state.inCall) {
      setStatus('Not in a call: press Call first.');
      return;
    }
    if (!state.listening) {
      // Twilio discards tones while no <Gather> listens.
      note(`Key ${key} ignored: the app is not listening for keys right now.`);
      return;
    }
    stopAudio(); // barge-in: a key stops the prompt of the Gather
    state.buffer += key;
    const gather = state.listening;
    if (gather.finishOnKey && gather.finishOnKey.includes(key)) { submitDigits(); return; }
    if (gather.numDigits && state.buffer.length >= gather.numDigits) { submitDigits(); return; }
    startTimeout();
  }

  // ---- events ----
  function at(event) { return event?.at === undefined ? '' : `${event.at.toFixed(3)} s`; }

  function addRequest(message) {
    const e = message.event;
    state.requestCount += 1;
    const row = ui.requests.insertRow();
    if (e.errorCode) row.className = 'failed';
    row.insertCell().textContent = String(state.requestCount);
    const app = row.insertCell();
    app.append(badge(message.answered), document.createTextNode(` ${e.app ?? ''}`));
    const request = row.insertCell();
    request.className = 'request';
    let path = e.url;
    try { const url = new URL(e.url); path = url.pathname + url.search; } catch { /* keep as is */ }
    request.textContent = `${e.method} ${path}`;
    row.insertCell().textContent = e.errorCode ? `error ${e.errorCode}` : `${e.status}`;
    const latency = row.insertCell();
    latency.className = 'latency';
    latency.textContent = e.latencyMs === undefined ? '' : `${Math.round(e.latencyMs)} ms`;
    if (!e.errorCode) {
      ui.answered.replaceChildren(document.createTextNode('Answered by '), badge(message.answered),
        document.createTextNode(` ${e.app} in ${Math.round(e.latencyMs ?? 0)} ms`));
    }
  }

  function badge(answered) {
    const element = document.createElement('span');
    element.className = `badge ${answered ?? 'other'}`;
    element.textContent = answered === 'primary' ? 'Primary' : answered === 'fallback' ? 'Fallback' : 'App';
    return element;
  }

  function addEvent(message, live) {
    const e = message.event;
    const item = document.createElement('li');
    item.className = e ? e.kind : 'note';
    if (e?.kind === 'request' && e.errorCode) item.classList.add('failed');
    item.title = message.line ?? '';
    const text = span('text', message.text ?? '');
    item.append(span('at', at(e)), text);
    if (e?.kind === 'play' && message.audio) {
      const audio = document.createElement('audio');
      audio.className = 'prompt';
      audio.controls = true;
      audio.preload = 'auto';
      audio.src = message.audio;
      audio.setAttribute('aria-label', `Prompt audio: ${message.text}`);
      text.append(audio);
      if (live) enqueue({ type: 'audio', element: audio });
    } else if (live && e?.kind === 'say') {
      enqueue({ type: 'say', text: e.text ?? '', lang: /language=(\S+)/.exec(e.detail ?? '')?.[1] });
    } else if (live && e?.kind === 'agent-says') {
      // ConversationRelay speaks the agent's text; the page does the same with the browser's voice.
      enqueue({ type: 'say', text: e.text ?? '' });
    } else if (live && e?.kind === 'pause') {
      enqueue({ type: 'pause', seconds: Number.parseFloat(e.detail ?? '1') || 1 });
    } else if (live && e?.kind === 'application-error') {
      enqueue({ type: 'say', text: e.text ?? '' });
    }
    if (e?.kind === 'request') addRequest(message);
    ui.transcript.append(item);
    ui.transcript.scrollTop = ui.transcript.scrollHeight;
    if (message.node) highlight(message.node, message.diagramId);
  }

  function callStarted(message, live) {
    if (live) stopAudio();
    ui.transcript.replaceChildren();
    ui.requests.replaceChildren();
    ui.answered.replaceChildren();
    state.requestCount = 0;
    state.inCall = true;
    state.listening = null;
    ui.call.disabled = true;
    ui.hangup.disabled = false;
    setStatus('Calling…');
    const item = document.createElement('li');
    item.className = 'call-start';
    item.append(span('at', ''), span('text', `Call ${message.callSid}`));
    ui.transcript.append(item);
    highlight(message.node, message.diagramId);
  }

  function callEnded(message) {
    state.inCall = false;
    state.listening = null;
    state.buffer = '';
    clearTimers();
    ui.call.disabled = false;
    ui.hangup.disabled = true;
    ui.noInput.disabled = true;
    ui.saveScenario.disabled = false;
    setStatus(`Call ended: ${message.outcome ?? 'done'}`);
  }

  function setFailure(mode) {
    const on = mode && mode !== 'none';
    ui.fail.checked = on;
    if (on) ui.failMode.value = mode;
    ui.fail.closest('fieldset').classList.toggle('on', on);
  }

  function handle(message) {
    if (message.seq <= state.lastSeq) return;
    state.lastSeq = message.seq;
    const live = message.seq > state.replayUntil;
    switch (message.type) {
      case 'call': callStarted(message, live); break;
      case 'event': addEvent(message, live); break;
      case 'listening': listen(message.listening, live); break;
      case 'ended': callEnded(message); break;
      case 'failure': setFailure(message.failure); break;
      default: break;
    }
  }

  // ---- controls ----
  ui.call.addEventListener('click', async () => {
    try {
      ui.call.disabled = true;
      await post('/api/call');
    } catch (error) {
      ui.call.disabled = state.inCall;
      setStatus(`Could not call: ${error.message}`);
    }
  });
  ui.hangup.addEventListener('click', async () => {
    stopAudio();
    try { await post('/api/hangup'); } catch (error) { setStatus(error.message); }
  });
  ui.noInput.addEventListener('click', () => { if (state.listening) expire(); });
  ui.sayForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const words = ui.say.value.trim();
    if (!words || !state.listening) return;
    ui.say.value = '';
    submit({ speech: words });
  });
  // The call just made becomes a scenario in the flow's tests file (ivr test runs it).
  ui.saveScenario.addEventListener('click', async () => {
    const name = window.prompt('Save this call as a scenario named:');
    if (!name) return;
    try {
      const saved = await post('/api/scenario', { name });
      setStatus(`Saved as scenario "${saved.name}" in ${saved.path}`);
    } catch (error) { setStatus(`Not saved: ${error.message}`); }
  });
  ui.actualSize.addEventListener('change', sizeDiagram);
  ui.realtime.addEventListener('change', () => { if (state.listening && !playing) startTimeout(); });
  ui.mute.addEventListener('change', () => { if (playing?.type === 'audio') playing.element.muted = ui.mute.checked; });
  const sendFailure = async () => {
    const mode = ui.fail.checked ? ui.failMode.value : 'none';
    try { await post('/api/failure', { mode }); } catch (error) { setStatus(error.message); }
  };
  ui.fail.addEventListener('change', sendFailure);
  ui.failMode.addEventListener('change', () => { if (ui.fail.checked) sendFailure(); });
  for (const button of document.querySelectorAll('.key')) {
    button.addEventListener('click', () => press(button.dataset.key));
  }
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || target instanceof HTMLSelectElement
        || (target instanceof HTMLInputElement && target.type !== 'checkbox')) return;
    if (/^[0-9*#]$/.test(event.key)) {
      event.preventDefault();
      press(event.key);
    } else if (event.key === 'Escape' && state.inCall) {
      ui.hangup.click();
    } else if (event.key === 'Enter' && !state.inCall && !(target instanceof HTMLButtonElement)) {
      ui.call.click();
    }
  });

  async function start() {
    const setup = await (await fetch('/api/state')).json();
    $('primary-url').textContent = setup.primaryUrl;
    $('fallback-url').textContent = setup.fallbackUrl ?? 'none';
    $('flow-path').textContent = setup.flowPath ?? 'none';
    setFailure(setup.failure);
    state.replayUntil = setup.lastSeq;
    setStatus(setup.inCall ? 'In call' : 'Ready: press Call');
    await drawDiagram(setup);
    // Replays what happened before this page loaded (without sound), then follows live.
    const events = new EventSource('/api/events');
    events.onmessage = (message) => handle(JSON.parse(message.data));
    document.body.dataset.ready = 'true';
  }

  start().catch((error) => setStatus(`The phone could not start: ${error.message}`));
})();
