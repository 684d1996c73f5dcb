'use strict';

// A minimal multi-room chat. The server speaks a line protocol upward ('join ROOM',
// 'leave ROOM', 'say ROOM TEXT') and JSON downward (welcome, joined, left, message, error).
// After an unexpected close the socket comes back by itself and the page joins its rooms again.

const SUGGESTED_ROOMS = ['lobby', 'java', 'websocket'];

const element = id => document.getElementById(id);
const rooms = new Map();        // name -> {joined: boolean, members: number, messages: [{user, text, notice}]}
let current = null;
let socket = null;

function room(name) {
  if (!rooms.has(name)) {
    rooms.set(name, { joined: false, members: 0, messages: [] });
  }
  return rooms.get(name);
}

function renderRooms() {
  const list = element('rooms');
  list.replaceChildren();
  for (const [name, state] of rooms) {
    const item = document.createElement('li');
    item.dataset.room = name;
    item.className = (state.joined ? 'joined' : '') + (name === current ? ' current' : '');
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = state.joined ? state.members + ' here' : 'join';
    item.append('# ' + name, count);
    item.addEventListener('click', () => select(name));
    list.append(item);
  }
}

function renderMessages() {
  element('current-room').textContent = current ? '# ' + current : '–';
  const list = element('messages');
  list.replaceChildren();
  if (current) {
    for (const message of room(current).messages) {
      const item = document.createElement('li');
      if (message.notice) {
        item.className = 'notice';
        item.textContent = message.text;
      } else {
        const user = document.createElement('span');
        user.className = 'user';
        user.textContent = message.user;
        item.append(user, message.text);
      }
      list.append(item);
    }
    list.scrollTop = list.scrollHeight;
  }
  const canSay = socket !== null && socket.state === 'open' && current !== null && room(current).joined;
  element('text').disabled = !canSay;
  element('send').disabled = !canSay;
  element('leave').disabled = !canSay;
}

function select(name) {
  current = name;
  if (!room(name).joined && socket && socket.state === 'open') {
    socket.send('join ' + name);
  }
  renderRooms();
  renderMessages();
}

function addMessage(name, message) {
  room(name).messages.push(message);
  if (name === current) {
    renderMessages();
  }
}

function onMessage(data) {
  const message = JSON.parse(data);
  const me = element('name').value;
  switch (message.type) {
    case 'welcome':
      break;
    case 'joined':
    case 'left':
      room(message.room).members = message.members;
      if (message.user === me) {
        room(message.room).joined = message.type === 'joined';
      }
      addMessage(message.room, { notice: true, text: message.user + ' ' + message.type });
      renderRooms();
      break;
    case 'message':
      addMessage(message.room, { user: message.user, text: message.text });
      break;
    case 'error':
      if (current) {
        addMessage(current, { notice: true, text: 'error: ' + message.text });
      }
      break;
  }
}

function connect(name) {
  if (socket) {
    socket.close();
  }
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host
      + '/chat?name=' + encodeURIComponent(name);
  const wanted = () => [...rooms].filter(([, state]) => state.joined).map(([roomName]) => roomName);
  socket = new ReconnectingSocket(url, {
    onOpen: () => {
      const again = wanted();
      rooms.forEach(state => { state.joined = false; });
      (again.length > 0 ? again : [current || SUGGESTED_ROOMS[0]]).forEach(roomName => socket.send('join ' + roomName));
    },
    onMessage,
    onClose: (code, reason) => current && addMessage(current, { notice: true, text: 'connection lost (' + code + ')' + (reason ? ': ' + reason : '') }),
    onState: state => {
      element('state').textContent = state;
      element('state').className = 'state state-' + state;
      renderMessages();
    },
  });
  socket.connect();
}

element('name').value = new URLSearchParams(location.search).get('name') || 'guest-' + Math.floor(100 + Math.random() * 900);
SUGGESTED_ROOMS.forEach(room);
current = SUGGESTED_ROOMS[0];

element('login').addEventListener('submit', event => {
  event.preventDefault();
  connect(element('name').value);
});
element('new-room').addEventListener('submit', event => {
  event.preventDefault();
  const name = element('room-name').value.trim();
  if (name) {
    element('room-name').value = '';
    select(name);
  }
});
element('say').addEventListener('submit', event => {
  event.preventDefault();
  const text = element('text').value;
  if (text.trim() && socket.send('say ' + current + ' ' + text)) {
    element('text').value = '';
  }
});
element('leave').addEventListener('click', () => socket.send('leave ' + current));

renderRooms();
renderMessages();
connect(element('name').value);
