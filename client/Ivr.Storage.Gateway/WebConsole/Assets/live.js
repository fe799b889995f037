// Live page: tails /console/live/stream (Server-Sent Events) and polls /console/live/status for the read model's lag.
// No framework; text only ever goes in through textContent, never as HTML.
(() => {
  'use strict';
  const list = document.getElementById('events');
  const state = document.getElementById('stream-state');
  const form = document.getElementById('live-filters');
  const pauseButton = document.getElementById('pause');
  const maxItems = 200;
  let source = null;
  // From the horizon the page was rendered with: a change committed while the stream connects is not missed.
  let lastId = document.getElementById('horizon').textContent.trim() || null;
  let paused = false;

  const kinds = () => new Set([...form.querySelectorAll('input[name=kind]:checked')].map(box => box.value));
  const types = () => document.getElementById('types').value.trim();

  function entityUrl(type, id) {
    return '/console/entities/' + encodeURIComponent(type) + '/' + encodeURIComponent(id);
  }

  function show(change) {
    const data = change.data;
    if (!kinds().has(String(data.kind))) {
      return;
    }
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = entityUrl(data.entityType, data.entityId) + '?v=' + data.version;
    link.textContent = data.entityType + '/' + data.entityId + ' v' + data.version;
    item.append(link, document.createTextNode(' ' + data.kind + ' · ' + change.time + ' · ' + (data.provenance?.source ?? '') + ' · ' + data.position));
    list.prepend(item);
    while (list.children.length > maxItems) {
      list.lastElementChild.remove();
    }
  }

  function connect() {
    const query = new URLSearchParams();
    if (types()) {
      query.set('types', types());
    }
    if (lastId) {
      query.set('after', lastId);
    }
    source = new EventSource('/console/live/stream?' + query.toString());
    source.onopen = () => { state.textContent = 'live'; };
    source.onerror = () => { state.textContent = 'reconnecting…'; };
    source.onmessage = event => { state.textContent = 'live'; lastId = event.lastEventId || lastId; show(JSON.parse(event.data)); };
    source.addEventListener('progress', event => { state.textContent = 'live'; lastId = event.lastEventId || lastId; });
  }

  function disconnect() {
    if (source) {
      source.close();
      source = null;
    }
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    disconnect();
    if (!paused) {
      connect();
    }
  });

  pauseButton.addEventListener('click', () => {
    paused = !paused;
    pauseButton.setAttribute('aria-pressed', String(paused));
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    if (paused) {
      disconnect();
      state.textContent = 'paused';
    } else {
      connect();
    }
  });

  async function poll() {
    try {
      const response = await fetch('/console/live/status', { headers: { Accept: 'application/json' } });
      if (response.ok) {
        const status = await response.json();
        document.getElementById('horizon').textContent = status.horizon;
        document.getElementById('read-model').textContent = status.readModelPosition;
        document.getElementById('lag').textContent = status.readModelCaughtUp ? 'caught up' : 'behind the horizon';
      }
    } catch {
      // The next poll tries again.
    }
  }

  connect();
  setInterval(poll, 5000);
})();
