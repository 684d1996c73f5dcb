'use strict';

// The frame inspector: this page's own WebSocket connection, frame by frame, as the server's
// codec read and wrote it. The server taps the connection's session (dev.wsnio.frame.FrameTap)
// and streams one JSON record per frame over a second WebSocket, /inspect, which only this page
// may open: it needs the connection's number and the secret token the server sent over the
// connection itself. Nothing is tapped while the panel is closed.

const TOUR = 'tour.html';
const MAX_ROWS = 400;

/** The RFC 6455 §5.2 meaning of each opcode. */
const OPCODES = {
  0: 'continuation', 1: 'text', 2: 'binary', 8: 'close', 9: 'ping', 10: 'pong',
};

/** Bytes a browser never sends, for the playground; masked with the RFC's key 37 FA 21 3D. */
const PRESETS = [
  { name: 'valid', label: 'a valid masked text frame', hex: '81 85 37 FA 21 3D 7F 9F 4D 51 58',
    note: 'RFC 6455 §5.7: "Hello", masked, as a client must send it' },
  { name: 'unmasked', label: 'unmasked client frame', hex: '81 05 48 65 6C 6C 6F',
    note: '§5.1: a server MUST close the connection when a client frame is not masked' },
  { name: 'reserved-opcode', label: 'reserved opcode 0x3', hex: '83 80 37 FA 21 3D',
    note: '§5.2: opcodes 0x3–0x7 and 0xB–0xF are reserved' },
  { name: 'long-ping', label: '126-byte ping', hex: '89 FE 00 7E 37 FA 21 3D ' + '37 FA 21 3D '.repeat(31) + '37 FA',
    note: '§5.5: control frames carry at most 125 bytes' },
  { name: 'fragmented-ping', label: 'fragmented ping', hex: '09 84 37 FA 21 3D 47 93 4F 5A',
    note: '§5.5: control frames MUST NOT be fragmented (FIN = 0 here)' },
  { name: 'split-utf8', label: 'invalid UTF-8 across fragments',
    hex: '01 84 37 FA 21 3D D3 47 81 D8  80 82 37 FA 21 3D 1F D3',
    note: '§8.1: "你" and the first byte of "好" (E5), then "(" where a continuation byte must come' },
  { name: 'close-1005', label: 'close 1005 on the wire', hex: '88 82 37 FA 21 3D 34 17',
    note: '§7.4.1: 1005 is reported locally and MUST NOT be sent in a close frame' },
];

/** Which sections of the tour explain a frame. */
function tourSections(frame) {
  const sections = [['4-frames-bit-by-bit', '§4 Frames, bit by bit']];
  if (frame.masked) {
    sections.push(['5-why-clients-mask', '§5 Why clients mask']);
  }
  if (!frame.fin || frame.opcode === 0) {
    sections.push(['6-messages-fragmentation-and-interleaved-control-frames', '§6 Fragmentation']);
  }
  if (frame.opcodeName === 'text' || (frame.message && frame.message.messageType === 'text')) {
    sections.push(['7-text-is-utf-8-checked-as-it-arrives', '§7 UTF-8']);
  }
  if (frame.opcode === 9 || frame.opcode === 10) {
    sections.push(['8-ping-pong-and-heartbeats', '§8 Ping and pong']);
  }
  if (frame.opcode === 8) {
    sections.push(['9-the-closing-handshake-and-its-codes', '§9 The closing handshake']);
  }
  if (frame.rsv1) {
    sections.push(['10-permessage-deflate', '§10 permessage-deflate']);
  }
  return sections.map(([anchor, title]) => ({ href: TOUR + '#' + anchor, title }));
}

/** The header's bits as the fields of the RFC's diagram, each with its bits and its value. */
function headerFields(frame) {
  const bytes = frame.header.split(' ').map(b => parseInt(b, 16));
  const bits = bytes.map(b => b.toString(2).padStart(8, '0')).join('');
  const length7 = bytes[1] & 0x7f;
  const fields = [
    { name: 'FIN', width: 1, value: frame.fin ? 'final fragment' : 'more fragments follow' },
    { name: 'RSV1', width: 1, value: frame.rsv1 ? 'compressed (RFC 7692)' : '0' },
    { name: 'RSV2', width: 1, value: '0' },
    { name: 'RSV3', width: 1, value: '0' },
    { name: 'opcode', width: 4, value: '0x' + frame.opcode.toString(16) + ' ' + frame.opcodeName },
    { name: 'MASK', width: 1, value: frame.masked ? 'masked (client to server)' : 'not masked (server to client)' },
    { name: 'Payload len', width: 7,
      value: length7 < 126 ? String(length7) : length7 + ': the length is in the next ' + (length7 === 126 ? '16' : '64') + ' bits' },
  ];
  if (length7 === 126) {
    fields.push({ name: 'Extended payload length (16)', width: 16, value: String(frame.length) });
  } else if (length7 === 127) {
    fields.push({ name: 'Extended payload length (64)', width: 64, value: String(frame.length) });
  }
  if (frame.masked) {
    fields.push({ name: 'Masking-key', width: 32, value: frame.maskKey });
  }
  let start = 0;
  for (const field of fields) {
    field.start = start;
    field.bits = bits.substr(start, field.width);
    start += field.width;
  }
  return fields;
}

/** The fields cut into rows of 32 bits, as the RFC draws them; the payload fills the rest. */
function diagramRows(frame) {
  const fields = headerFields(frame);
  const headerBits = fields.reduce((sum, f) => sum + f.width, 0);
  const rows = [];
  for (let rowStart = 0; rowStart < headerBits || rows.length === 0; rowStart += 32) {
    const cells = [];
    for (const field of fields) {
      const from = Math.max(field.start, rowStart);
      const to = Math.min(field.start + field.width, rowStart + 32);
      if (from < to) {
        cells.push({ name: field.name + (from > field.start ? ' (cont.)' : ''), span: to - from,
          bits: field.bits.substring(from - field.start, to - field.start), value: from === field.start ? field.value : '' });
      }
    }
    const used = cells.reduce((sum, c) => sum + c.span, 0);
    if (used < 32) {
      cells.push({ name: 'Payload Data', span: 32 - used, bits: '', value: frame.length + ' bytes', payload: true });
    }
    rows.push(cells);
  }
  return rows;
}

function randomBytes(count) {
  const bytes = new Uint8Array(count);
  for (let at = 0; at < count; at += 65536) {   // getRandomValues fills at most 64 KiB a call
    crypto.getRandomValues(bytes.subarray(at, Math.min(count, at + 65536)));
  }
  return bytes;
}

/** A frame row's one-line summary. */
function summary(frame) {
  const parts = [frame.opcodeName.toUpperCase(), frame.fin ? 'FIN' : 'FIN=0'];
  if (frame.rsv1) {
    parts.push('RSV1');
  }
  parts.push(frame.masked ? 'MASK key ' + frame.maskKey : 'MASK=0');
  parts.push(frame.length + ' B, ' + frame.lengthEncoding);
  if (frame.opcode === 8) {
    parts.push(frame.closeCode !== undefined
      ? frame.closeCode + ' ' + frame.closeMeaning + (frame.closeReason ? ' "' + frame.closeReason + '"' : '')
      : frame.closeMeaning);
  } else if (frame.payloadText !== undefined && frame.payloadText !== '') {
    parts.push('"' + frame.payloadText + '"');
  }
  if (frame.message) {
    const m = frame.message;
    if (m.compressed) {
      parts.push('inflated ' + m.wireSize + ' → ' + m.size + ' B');
    }
    parts.push(m.messageType === 'text' ? '“' + m.text.slice(0, 60) + (m.text.length > 60 ? '…' : '') + '”'
      : 'binary message of ' + m.size + ' B');
  }
  return parts.join(' · ');
}

/** The details of one frame: the filled-in diagram, its fields, its payload, the tour. */
const FrameDetail = {
  props: { frame: { type: Object, required: true } },
  computed: {
    rows() { return diagramRows(this.frame); },
    fields() { return headerFields(this.frame); },
    sections() { return tourSections(this.frame); },
    bitNumbers() { return Array.from({ length: 32 }, (_, i) => i % 10); },
  },
  template: `
    <div id="frame-detail" class="frame-detail" :data-seq="frame.seq">
      <h3>{{ frame.dir === 'received' ? 'browser → server' : 'server → browser' }}: {{ frame.opcodeName }} frame,
          header {{ frame.header }}</h3>
      <table class="bits">
        <tr class="bit-numbers"><td v-for="(n, i) in bitNumbers" :key="i">{{ n }}</td></tr>
        <tr v-for="(row, r) in rows" :key="r">
          <td v-for="(cell, c) in row" :key="c" :colspan="cell.span" :class="{ payload: cell.payload }">
            <div class="bit-name" :title="cell.name">{{ cell.span < 3 ? cell.name.slice(0, 1) + cell.name.slice(-1) : cell.name }}</div>
            <div class="bit-values" v-if="cell.bits">{{ cell.bits }}</div>
            <div class="bit-value" v-if="cell.span >= 4">{{ cell.value }}</div>
          </td>
        </tr>
      </table>
      <dl class="fields">
        <template v-for="field in fields" :key="field.name">
          <dt>{{ field.name }}</dt><dd>{{ field.value }}</dd>
        </template>
        <dt>length encoding</dt><dd>{{ frame.lengthEncoding }} ({{ frame.length }} bytes)</dd>
        <template v-if="frame.masked">
          <dt>payload on the wire</dt><dd class="hex">{{ frame.payloadOnWire || '(none)' }}</dd>
          <dt>unmasked (XOR key)</dt><dd class="hex">{{ frame.payload || '(none)' }}</dd>
        </template>
        <template v-else>
          <dt>payload</dt><dd class="hex">{{ frame.payload || '(none)' }}</dd>
        </template>
        <template v-if="frame.opcode === 8">
          <dt>close</dt><dd>{{ frame.closeCode !== undefined ? frame.closeCode + ' (' + frame.closeMeaning + ')' : frame.closeMeaning }}
            <span v-if="frame.closeReason"> "{{ frame.closeReason }}"</span></dd>
        </template>
        <template v-if="frame.payloadText !== undefined && frame.opcode !== 8">
          <dt>as text</dt><dd>"{{ frame.payloadText }}"</dd>
        </template>
        <template v-if="frame.message">
          <dt>message</dt>
          <dd>{{ frame.message.messageType }}, {{ frame.message.size }} bytes
            <span v-if="frame.message.compressed">(compressed: {{ frame.message.wireSize }} bytes on the wire)</span></dd>
          <template v-if="frame.message.messageType === 'text'">
            <dt>text</dt><dd class="text">{{ frame.message.text }}<span v-if="!frame.message.textComplete">…</span></dd>
          </template>
        </template>
      </dl>
      <p class="tour">Read more in the tour:
        <a v-for="s in sections" :key="s.href" :href="s.href" target="_blank">{{ s.title }}</a></p>
    </div>`,
};

/** One row per frame, newest last; a click selects it. */
const FrameList = {
  props: { rows: { type: Array, required: true }, selected: { type: String, default: '' }, listId: String },
  emits: ['select'],
  methods: { summary },
  template: `
    <ol class="frames" :id="listId">
      <template v-for="row in rows" :key="row.key">
        <li v-if="row.kind === 'marker'" class="marker">{{ row.text }}</li>
        <li v-else class="frame" :class="[row.dir, { selected: row.key === selected }]"
            :data-dir="row.dir" :data-opcode="row.opcodeName" :data-fin="row.fin ? 1 : 0"
            :data-masked="row.masked ? 1 : 0" :data-key="row.maskKey || ''" :data-length="row.length"
            :data-encoding="row.lengthEncoding" :data-rsv1="row.rsv1 ? 1 : 0" :data-payload="row.payload"
            :data-close-code="row.closeCode === undefined ? '' : row.closeCode"
            :data-text="row.message && row.message.messageType === 'text' ? row.message.text : ''"
            @click="$emit('select', row)">
          <time>{{ new Date(row.time).toLocaleTimeString() }}</time>
          <span class="arrow">{{ row.dir === 'received' ? '▲ browser → server' : '▼ server → browser' }}</span>
          <span class="summary">{{ summary(row) }}</span>
        </li>
      </template>
    </ol>`,
};

/** The panel: the live list, the buttons that make frames happen, the playground. */
const FrameInspector = {
  components: { FrameDetail, FrameList },
  props: {
    uid: { type: String, required: true },
    credentials: { type: Object, default: null },   // {connection, token} of the page's connection
    wsBase: { type: String, required: true },
    connected: { type: Boolean, default: false },
  },
  emits: ['send', 'close-with'],
  data() {
    return {
      status: 'waiting for the connection',
      rows: [],
      selected: null,
      closeCode: 4000,
      closeReason: 'bye',
      presets: PRESETS,
      playgroundInput: PRESETS[1].hex,
      playgroundNote: PRESETS[1].note,
      playground: null,
      playgroundError: '',
      runs: 0,
      nextKey: 0,
    };
  },
  computed: {
    closeCodeValid() {
      const code = Number(this.closeCode);
      return code === 1000 || (code >= 3000 && code <= 4999);   // what the browser API allows
    },
    playgroundCloseCode() {
      if (!this.playground) {
        return '';
      }
      return this.playground.error ? this.playground.error.closeCode : '';
    },
  },
  watch: {
    credentials() {
      this.subscribe();
    },
  },
  mounted() {
    this.subscribe();
  },
  unmounted() {
    this.unsubscribe();
  },
  methods: {
    subscribe() {
      this.unsubscribe();
      if (!this.credentials) {
        return;
      }
      const { connection, token } = this.credentials;
      const url = this.wsBase + '/inspect?uid=' + encodeURIComponent(this.uid)
          + '&connection=' + connection + '&token=' + encodeURIComponent(token);
      const socket = new WebSocket(url);
      this.socket = socket;
      this.status = 'subscribing to connection #' + connection;
      socket.onmessage = event => this.onRecord(JSON.parse(event.data));
      socket.onclose = event => {
        if (this.socket === socket) {
          this.status = 'not watching (' + event.code + (event.reason ? ' ' + event.reason : '') + ')';
        }
      };
    },
    unsubscribe() {
      if (this.socket) {
        const socket = this.socket;
        this.socket = null;
        socket.onmessage = socket.onclose = null;
        if (socket.readyState <= WebSocket.OPEN) {
          socket.close(1000, 'panel closed');
        }
      }
    },
    onRecord(record) {
      switch (record.type) {
        case 'inspecting':
          this.status = 'watching connection #' + record.connection
              + (record.extensions ? ' (' + record.extensions + ')' : ' (no extension)');
          this.marker('connection #' + record.connection + ': frames from now on');
          break;
        case 'frame':
          this.add({ kind: 'frame', key: 'f' + this.nextKey++, message: null, ...record });
          break;
        case 'message':
          for (let i = this.rows.length - 1; i >= 0; i--) {
            if (this.rows[i].kind === 'frame' && this.rows[i].dir === record.dir) {
              this.rows[i].message = record;
              break;
            }
          }
          break;
        case 'dropped':
          this.marker(record.count + ' frames not shown: this panel fell behind');
          break;
        case 'ended':
          this.marker('the connection closed');
          break;
        default:
          break;
      }
    },
    add(row) {
      this.rows.push(row);
      if (this.rows.length > MAX_ROWS) {
        this.rows.splice(0, this.rows.length - MAX_ROWS);
      }
      this.$nextTick(() => {
        const list = this.$el.querySelector('#frames');
        if (list) {
          list.scrollTop = list.scrollHeight;
        }
      });
    },
    marker(text) {
      this.add({ kind: 'marker', key: 'm' + this.nextKey++, text });
    },
    select(frame) {
      this.selected = frame;
    },
    clear() {
      this.rows = [];
      this.selected = null;
    },
    send16() {
      this.$emit('send', randomBytes(1000));      // 126 <= length <= 65535: marker 126 + 16 bits
    },
    send64() {
      this.$emit('send', randomBytes(70000));     // length > 65535: marker 127 + 64 bits
    },
    closeWith() {
      if (this.closeCodeValid) {
        this.$emit('close-with', Number(this.closeCode), this.closeReason);
      }
    },
    choosePreset(preset) {
      this.playgroundInput = preset.hex;
      this.playgroundNote = preset.note;
      this.run();
    },
    async run() {
      this.playgroundError = '';
      try {
        const answer = await fetch('playground', { method: 'POST', body: this.playgroundInput });
        if (!answer.ok) {
          this.playground = null;
          this.playgroundError = answer.status + ': ' + await answer.text();
          return;
        }
        const result = await answer.json();
        result.rows = result.frames.map(f => ({ kind: 'frame', key: 'p' + f.seq, message: null, ...f }));
        this.playground = result;
        this.runs++;
        this.selected = null;
      } catch (error) {
        this.playgroundError = String(error);
      }
    },
  },
  template: `
    <aside class="inspector card" id="inspector">
      <header class="inspector-head">
        <h2>frames of this page's connection</h2>
        <span id="inspector-status" class="muted">{{ status }}</span>
        <button type="button" @click="clear">clear</button>
      </header>
      <p class="muted note">As the server's codec read and wrote them. The metrics pushes are
        published to all pages as one pre-encoded frame, past this connection's codec: they are not listed.</p>

      <div class="make">
        <button id="make-16bit" type="button" :disabled="!connected" @click="send16" title="1,000 random bytes">send 1 000 B · 16-bit length</button>
        <button id="make-64bit" type="button" :disabled="!connected" @click="send64" title="70,000 random bytes">send 70 000 B · 64-bit length</button>
        <button id="ask-fragmented" type="button" :disabled="!connected" @click="$emit('send', 'ask:fragmented')">server: fragmented message</button>
        <button id="ask-ping" type="button" :disabled="!connected" @click="$emit('send', 'ask:ping')">server: ping with payload</button>
        <span class="close-with">
          <input id="close-code" type="number" v-model="closeCode" min="1000" max="4999" :class="{ invalid: !closeCodeValid }"
                 title="1000, or 3000–4999: what the browser lets a page send">
          <input id="close-reason" type="text" v-model="closeReason" maxlength="40">
          <button id="close-with-code" type="button" :disabled="!connected || !closeCodeValid" @click="closeWith">close</button>
        </span>
      </div>

      <frame-list list-id="frames" :rows="rows" :selected="selected ? selected.key : ''" @select="select"></frame-list>
      <frame-detail v-if="selected" :frame="selected"></frame-detail>

      <section class="playground">
        <h2>playground: bytes a browser never sends</h2>
        <div class="presets">
          <button v-for="preset in presets" :key="preset.name" class="preset" type="button"
                  :data-preset="preset.name" :title="preset.note" @click="choosePreset(preset)">{{ preset.label }}</button>
        </div>
        <textarea id="playground-input" v-model="playgroundInput" rows="3" spellcheck="false"
                  maxlength="12000"></textarea>
        <div class="playground-run">
          <button id="playground-run" type="button" @click="run">run through a fresh server session</button>
          <span class="muted">{{ playgroundNote }}</span>
        </div>
        <div id="playground-result" v-if="playground || playgroundError"
             :data-close-code="playgroundCloseCode" :data-run="runs" :data-error="playground && playground.error ? playground.error.name : ''">
          <p v-if="playgroundError" class="error">{{ playgroundError }}</p>
          <template v-if="playground">
            <frame-list list-id="playground-frames" :rows="playground.rows" :selected="selected ? selected.key : ''" @select="select"></frame-list>
            <ul class="events">
              <li v-for="(event, i) in playground.events" :key="i">{{ event }}</li>
              <li v-if="playground.unfinished" class="muted">the bytes end inside a frame: the decoder waits for more</li>
            </ul>
            <p v-if="playground.error" class="error">
              {{ playground.error.name }}: {{ playground.error.message }} → the server closes with
              <b>{{ playground.error.closeCode }}</b> ({{ playground.error.closeMeaning }})</p>
            <p v-else class="ok">no protocol error (session {{ playground.state }})</p>
          </template>
        </div>
      </section>
    </aside>`,
};
