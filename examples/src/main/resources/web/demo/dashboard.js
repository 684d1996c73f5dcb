'use strict';

// The notes' dashboard as a Vue 3 component: it opens ws://HOST/ws?uid=... when it is mounted,
// redraws its ECharts tiles from what the server pushes (no polling), and closes the socket when
// it is unmounted. The connection code is ours (lib/connection.js): reconnect with backoff and
// jitter after an unexpected close, never after a deliberate one. Everything the page receives is
// also in the DOM (#state, #received-count, #metrics-count, #open-count, #greeting, #last-reply,
// each tile's data-points) so that a headless browser test can read it back.

const HELLO_SERVER = '你好服务器';
const LOG_LINES = 14;
const WINDOW_MILLIS = 31000;

const params = new URLSearchParams(location.search);
const uid = params.get('uid') || 'ttq123';
const wsBase = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host;
const mebibytes = bytes => bytes / (1024 * 1024);

/** The tiles: which field of a metrics message each one shows, and how. */
const TILES = [
  { key: 'cpu', title: 'server CPU load', color: '#4f9dff', fixedMax: 100, format: v => v.toFixed(0) + ' %',
    value: m => m.cpu },
  { key: 'heap', title: 'heap used', color: '#b37cff', format: v => v.toFixed(v < 10 ? 1 : 0) + ' MiB',
    value: m => mebibytes(m.heapUsed) },
  { key: 'clients', title: 'connected pages', color: '#3ecf8e', integer: true, format: v => v.toFixed(0),
    value: m => m.clients, subtitle: 'dashboards with an open WebSocket' },
  { key: 'messages', title: 'messages per second', color: '#f5a524', format: v => v.toFixed(v < 10 ? 1 : 0) + '/s',
    value: m => m.messagesPerSecond, subtitle: 'sent and received by the server' },
  { key: 'orders', title: 'orders per minute (simulated)', color: '#f25f5c', format: v => v.toFixed(0),
    value: m => m.ordersPerMinute, subtitle: 'a made-up business metric' },
];

const Dashboard = {
  components: { MetricChart, FrameInspector },

  data() {
    return {
      uid,
      wsBase,
      tiles: TILES,
      state: 'connecting',
      retryAt: 0,
      now: Date.now(),
      received: 0,
      metricsReceived: 0,
      opened: 0,
      greeting: '–',
      lastReply: '–',
      events: [],
      series: Object.fromEntries(TILES.map(tile => [tile.key, []])),
      subtitles: Object.fromEntries(TILES.map(tile => [tile.key, tile.subtitle || ''])),
      lastUpdate: 0,
      credentials: null,
      inspecting: false,
    };
  },

  computed: {
    retryText() {
      return this.state === 'reconnecting'
        ? 'next try in ' + (Math.max(0, this.retryAt - this.now) / 1000).toFixed(1) + ' s' : '';
    },
    stale() {
      return this.state !== 'open';
    },
  },

  mounted() {
    this.socket = new ReconnectingSocket(wsBase + '/ws?uid=' + encodeURIComponent(uid), {
      onOpen: () => {
        this.opened++;
        this.log('open ' + this.socket.url);
      },
      onMessage: data => this.onMessage(data),
      onClose: (code, reason) => this.log('closed unexpectedly: ' + code + (reason ? ' ' + reason : '')),
      onState: (state, delayMs) => this.onState(state, delayMs),
    });
    this.ticker = setInterval(() => { this.now = Date.now(); }, 200);
    this.socket.connect();
  },

  unmounted() {
    clearInterval(this.ticker);
    this.socket.close();   // the notes' "close the socket when the component unmounts"
  },

  methods: {
    log(text) {
      this.events.unshift({ time: new Date().toLocaleTimeString(), text, key: Math.random() });
      this.events.splice(LOG_LINES);
    },

    onState(state, delayMs) {
      if (this.state === 'open' && state !== 'open') {
        this.breakLines();
      }
      this.state = state;
      this.retryAt = state === 'reconnecting' ? Date.now() + delayMs : 0;
    },

    /** A null value after the last point: the charts show the outage as a gap. */
    breakLines() {
      const t = Date.now();
      for (const tile of TILES) {
        this.series[tile.key] = [...this.series[tile.key], [t, null]];
      }
    },

    onMessage(data) {
      this.received++;
      let message;
      try {
        message = JSON.parse(data);
      } catch (error) {
        this.log('text: ' + data);
        return;
      }
      switch (message.type) {
        case 'metrics':
          this.onMetrics(message);
          break;
        case 'greeting':
          this.greeting = message.text;
          this.log('server: ' + message.text);
          if (message.pushIntervalMs > 0) {
            // silence for a few push intervals means the connection is dead
            this.socket.setStaleAfter(Math.max(5000, 8 * message.pushIntervalMs));
          }
          break;
        case 'inspector':
          this.credentials = { connection: message.connection, token: message.token };
          break;
        case 'reply':
          this.lastReply = message.text;
          this.log('server: ' + message.text);
          break;
        default:
          this.log('message: ' + data);
      }
    },

    onMetrics(m) {
      this.metricsReceived++;
      // The server's clock stamps the samples; the x axis runs on the page's clock, so use the
      // arrival time to keep the charts moving even when the two clocks disagree.
      const t = Date.now();
      this.lastUpdate = t;
      for (const tile of TILES) {
        const value = tile.value(m);
        const kept = this.series[tile.key].filter(p => p[0] >= t - WINDOW_MILLIS);
        kept.push([t, value === null || !Number.isFinite(value) ? null : value]);
        this.series[tile.key] = kept;
      }
      this.subtitles.cpu = m.cpuSource;
      this.subtitles.heap = m.heapMax > 0 ? 'of ' + mebibytes(m.heapMax).toFixed(0) + ' MiB max' : '';
    },

    sendHello() {
      if (this.socket.send(HELLO_SERVER)) {
        this.log('sent: ' + HELLO_SERVER);
      }
    },

    send(data) {
      if (this.socket.send(data)) {
        this.log('sent: ' + (typeof data === 'string' ? data : data.length + ' bytes'));
      }
    },

    close(code, reason) {
      this.socket.close(code, reason);
      this.log('closed by you' + (code ? ' with ' + code : '') + ': no reconnect');
    },

    connect() {
      this.socket.connect();
    },
  },

  template: `
    <header class="top">
      <h1>wsnio <span>live dashboard</span></h1>
      <div class="status">
        <span id="state" :class="['state', 'state-' + state]">{{ state }}</span>
        <span id="retry-in" class="muted" :data-retry-at="retryAt">{{ retryText }}</span>
        <span class="muted">user <b id="uid">{{ uid }}</b></span>
        <button id="inspector-toggle" type="button" :aria-expanded="inspecting" @click="inspecting = !inspecting"
                title="the frames of this page's connection, live">{{ inspecting ? 'hide frames' : 'show frames' }}</button>
      </div>
    </header>

    <section class="controls">
      <button id="send" type="button" title="ws.send('你好服务器')" :disabled="state !== 'open'" @click="sendHello">发送消息 · send 你好服务器</button>
      <button id="close" type="button" title="close on purpose: no reconnect" :disabled="state === 'closed'" @click="close()">关闭连接 · close</button>
      <button id="connect" type="button" title="connect again" :disabled="state !== 'closed'" @click="connect">重新连接 · connect</button>
      <dl class="counters">
        <div><dt>received</dt><dd id="received-count">{{ received }}</dd></div>
        <div><dt>metrics</dt><dd id="metrics-count">{{ metricsReceived }}</dd></div>
        <div><dt>opened</dt><dd id="open-count">{{ opened }}</dd></div>
        <div><dt>greeting</dt><dd id="greeting">{{ greeting }}</dd></div>
        <div><dt>last reply</dt><dd id="last-reply">{{ lastReply }}</dd></div>
      </dl>
    </section>

    <div class="layout" :class="{ inspecting }">
      <main class="grid">
        <metric-chart v-for="tile in tiles" :key="tile.key" :id="'chart-' + tile.key" :title="tile.title"
                      :subtitle="subtitles[tile.key]" :color="tile.color" :format="tile.format"
                      :fixed-max="tile.fixedMax" :integer="!!tile.integer" :points="series[tile.key]"
                      :stale="stale" :last-update="lastUpdate" :now="now"></metric-chart>
        <section class="card log">
          <h2>events</h2>
          <ol id="log">
            <li v-for="event in events" :key="event.key"><time>{{ event.time }}</time>{{ event.text }}</li>
          </ol>
        </section>
      </main>
      <frame-inspector v-if="inspecting" :uid="uid" :credentials="credentials" :ws-base="wsBase"
                       :connected="state === 'open'" @send="send" @close-with="close"></frame-inspector>
    </div>

    <footer class="muted">
      Data is pushed by the server over one WebSocket (no polling). The server pings the page for
      liveness; the page reconnects with exponential backoff and jitter when the server goes away,
      and stays closed after you close on purpose. Vue {{ vueVersion }} and ECharts {{ echartsVersion }}
      come from WebJars, served by the demo itself.
    </footer>`,
};

/** Mounts the dashboard; the page keeps the app so that tests (and pagehide) can unmount it. */
function startDashboard() {
  const app = Vue.createApp(Dashboard);
  app.config.globalProperties.vueVersion = Vue.version;
  app.config.globalProperties.echartsVersion = echarts.version;
  window.dashboard = { app, component: app.mount('#app') };
}

window.addEventListener('pagehide', () => window.dashboard.app.unmount());
window.addEventListener('pageshow', event => {
  if (event.persisted) {
    startDashboard();                                     // back from the page cache
  }
});
startDashboard();
