'use strict';

// The notes' dashboard: the page opens ws://HOST/ws?uid=... and redraws its charts from what the
// server pushes, instead of polling. Everything it receives is also written into the DOM
// (#state, #received-count, #metrics-count, #open-count, #greeting, #last-reply) so that a
// headless browser test can read it back.

const HELLO_SERVER = '你好服务器';
const LOG_LINES = 14;

const params = new URLSearchParams(location.search);
const uid = params.get('uid') || 'ttq123';
const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host
    + '/ws?uid=' + encodeURIComponent(uid);

const element = id => document.getElementById(id);
const mebibytes = bytes => bytes / (1024 * 1024);
const charts = {
  cpu: new LineChart(element('chart-cpu'), {
    title: 'server CPU load', color: '#4f9dff', fixedMax: 100, format: v => v.toFixed(0) + ' %',
  }),
  heap: new LineChart(element('chart-heap'), {
    title: 'heap used', color: '#b37cff', format: v => v.toFixed(v < 10 ? 1 : 0) + ' MiB',
  }),
  clients: new LineChart(element('chart-clients'), {
    title: 'connected clients', color: '#3ecf8e', integer: true, format: v => v.toFixed(0),
  }),
  messages: new LineChart(element('chart-messages'), {
    title: 'messages per second', color: '#f5a524', format: v => v.toFixed(v < 10 ? 1 : 0) + '/s',
  }),
  orders: new LineChart(element('chart-orders'), {
    title: 'orders per minute (simulated)', color: '#f25f5c', format: v => v.toFixed(0),
  }),
};
charts.clients.subtitle = 'open WebSocket connections';
charts.messages.subtitle = 'sent and received by the server';
charts.orders.subtitle = 'a made-up business metric';

let received = 0;
let metricsReceived = 0;
let opened = 0;

function log(text) {
  const item = document.createElement('li');
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString();
  item.append(time, text);
  const list = element('log');
  list.prepend(item);
  while (list.children.length > LOG_LINES) {
    list.lastElementChild.remove();
  }
}

function showState(state, delayMs) {
  const badge = element('state');
  badge.textContent = state;
  badge.className = 'state state-' + state;
  element('retry-in').textContent = state === 'reconnecting'
      ? 'next try in ' + (delayMs / 1000).toFixed(1) + ' s' : '';
  element('send').disabled = state !== 'open';
  element('close').disabled = state === 'closed';
  element('connect').disabled = state !== 'closed';
}

function drawAll() {
  const now = Date.now();
  for (const chart of Object.values(charts)) {
    chart.draw(now);
  }
}

function onMetrics(m) {
  metricsReceived++;
  element('metrics-count').textContent = String(metricsReceived);
  // The server's clock stamps the samples; the x axis runs on the page's clock, so use the
  // arrival time to keep the charts moving even when the two clocks disagree.
  const t = Date.now();
  charts.cpu.add(t, m.cpu === null ? NaN : m.cpu);
  charts.cpu.subtitle = m.cpuSource;
  charts.heap.add(t, mebibytes(m.heapUsed));
  charts.heap.subtitle = m.heapMax > 0 ? 'of ' + mebibytes(m.heapMax).toFixed(0) + ' MiB max' : '';
  charts.clients.add(t, m.clients);
  charts.messages.add(t, m.messagesPerSecond);
  charts.orders.add(t, m.ordersPerMinute);
  drawAll();
}

function onMessage(data) {
  received++;
  element('received-count').textContent = String(received);
  let message;
  try {
    message = JSON.parse(data);
  } catch (error) {
    log('text: ' + data);
    return;
  }
  switch (message.type) {
    case 'metrics':
      onMetrics(message);
      break;
    case 'greeting':
      element('greeting').textContent = message.text;
      log('server: ' + message.text);
      if (message.pushIntervalMs > 0) {
        // silence for a few push intervals means the connection is dead
        socket.setStaleAfter(Math.max(5000, 8 * message.pushIntervalMs));
      }
      break;
    case 'reply':
      element('last-reply').textContent = message.text;
      log('server: ' + message.text);
      break;
    default:
      log('message: ' + data);
  }
}

const socket = new ReconnectingSocket(url, {
  onOpen: () => {
    opened++;
    element('open-count').textContent = String(opened);
    log('open ' + url);
  },
  onMessage,
  onClose: (code, reason) => log('closed unexpectedly: ' + code + (reason ? ' ' + reason : '')),
  onState: showState,
});

element('uid').textContent = uid;
element('send').addEventListener('click', () => {
  if (socket.send(HELLO_SERVER)) {
    log('sent: ' + HELLO_SERVER);
  }
});
element('close').addEventListener('click', () => {
  socket.close();
  log('closed by you: no reconnect');
});
element('connect').addEventListener('click', () => socket.connect());
window.addEventListener('resize', drawAll);
window.addEventListener('pagehide', () => socket.close());   // the notes' "close on unmount"
window.addEventListener('pageshow', event => {
  if (event.persisted) {
    socket.connect();                                         // back from the page cache
  }
});

drawAll();
socket.connect();
