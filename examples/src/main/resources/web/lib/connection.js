'use strict';

/**
 * A WebSocket that comes back by itself. The browser's WebSocket is one connection: once it is
 * closed it stays closed. This wrapper tells a deliberate close (the user pressed "close", the
 * page goes away) from an unexpected one (the server restarted, the network dropped), and after
 * an unexpected close opens a new connection after a delay:
 *
 *  - the first retry waits a random time below `baseDelayMs`, so that the pages of a restarted
 *    server do not all come back in the same instant;
 *  - each further retry waits between half and all of min(maxDelayMs, baseDelayMs * 2^n)
 *    (exponential backoff with jitter), so a server that is down is not hammered;
 *  - the count starts over once a connection has stayed open for `stableAfterMs`, so a server
 *    that accepts and then closes at once is retried slowly, not in a tight loop;
 *  - a connection that receives nothing for `staleAfterMs` (when set) is presumed dead and
 *    replaced: a server that pushes data steadily has gone silent only if something broke.
 *
 * States: 'connecting', 'open', 'reconnecting' (waiting for the next try) and 'closed' (by the
 * user). The socket's events are passed on to the handlers given to the constructor.
 */
class ReconnectingSocket {
  constructor(url, handlers, options = {}) {
    this.url = url;
    this.handlers = handlers;               // onOpen(), onMessage(data), onClose(code, reason), onState(state, delayMs)
    this.baseDelayMs = options.baseDelayMs || 500;
    this.maxDelayMs = options.maxDelayMs || 15000;
    this.stableAfterMs = options.stableAfterMs || 2000;
    this.staleAfterMs = options.staleAfterMs || 0;
    this.state = 'closed';
    this.socket = null;
    this.failures = 0;
    this.retryTimer = null;
    this.watchdog = null;
    this.openedAt = 0;
    this.lastMessageAt = 0;
    window.addEventListener('online', () => {
      if (this.state === 'reconnecting') {
        this.openNow();                     // the network is back: no need to wait
      }
    });
  }

  /** Connects, and keeps reconnecting until close() is called. */
  connect() {
    if (this.state === 'open' || this.state === 'connecting') {
      return;
    }
    this.failures = 0;
    this.openNow();
  }

  /**
   * Closes on purpose: no reconnect after this. The code is 1000 or 3000-4999, the only ones
   * the browser lets a page send; the reason at most 123 bytes of UTF-8.
   */
  close(code = 1000, reason = 'closed by the user') {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.detach();
    if (socket && socket.readyState <= WebSocket.OPEN) {
      socket.close(code, reason);
    }
    this.setState('closed');
  }

  /** Sends a message when open (a string as text, bytes as binary); returns whether it was sent. */
  send(data) {
    if (this.state !== 'open') {
      return false;
    }
    this.socket.send(data);
    return true;
  }

  /** Sets how long the connection may stay silent before it is replaced (0: forever). */
  setStaleAfter(millis) {
    this.staleAfterMs = millis;
  }

  openNow() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.detach();
    let socket;
    try {
      socket = new WebSocket(this.url);
    } catch (error) {
      // a malformed URL: retrying cannot help
      this.setState('closed');
      this.handlers.onClose(1006, String(error));
      return;
    }
    this.socket = socket;
    this.setState('connecting');
    socket.onopen = () => {
      this.openedAt = Date.now();
      this.lastMessageAt = this.openedAt;
      this.setState('open');
      this.watchdog = setInterval(() => this.checkStale(), 1000);
      this.handlers.onOpen();
    };
    socket.onmessage = event => {
      this.lastMessageAt = Date.now();
      this.handlers.onMessage(event.data);
    };
    socket.onclose = event => {
      this.detach();
      this.handlers.onClose(event.code, event.reason);
      this.scheduleRetry();
    };
  }

  /** Forgets the current socket: its late events must not touch the state any more. */
  detach() {
    clearInterval(this.watchdog);
    this.watchdog = null;
    if (this.socket) {
      this.socket.onopen = this.socket.onmessage = this.socket.onclose = null;
      this.socket = null;
    }
  }

  checkStale() {
    if (this.staleAfterMs > 0 && this.state === 'open' && Date.now() - this.lastMessageAt > this.staleAfterMs) {
      const socket = this.socket;
      this.detach();
      socket.close(4000, 'no data');        // the close handshake may never finish: do not wait for it
      this.handlers.onClose(4000, 'no data for ' + this.staleAfterMs + ' ms');
      this.scheduleRetry();
    }
  }

  scheduleRetry() {
    if (this.openedAt > 0 && Date.now() - this.openedAt >= this.stableAfterMs) {
      this.failures = 0;                    // it was up for a while: start the backoff over
    }
    this.openedAt = 0;
    const delay = this.nextDelay(this.failures);
    this.failures++;
    this.setState('reconnecting', delay);
    this.retryTimer = setTimeout(() => this.openNow(), delay);
  }

  /** The wait before retry number `failures` (0 for the first). */
  nextDelay(failures) {
    if (failures === 0) {
      return Math.random() * this.baseDelayMs;
    }
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * Math.pow(2, failures));
    return ceiling / 2 + Math.random() * ceiling / 2;
  }

  setState(state, delayMs) {
    this.state = state;
    this.handlers.onState(state, delayMs);
  }
}
