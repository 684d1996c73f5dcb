'use strict';

// Renders docs/tour.md (packaged in the demo's jar) well enough to read and to link into: the
// headings get GitHub's ids, so that the inspector's links to a section land on it. Only what the
// tour uses: headings, paragraphs, lists, tables, fenced code, inline code, bold, italics, links.

function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The id GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading, seen) {
  const text = heading.replace(/`([^`]*)`/g, '$1').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
  const base = [...text.toLowerCase()].filter(c => /[\p{L}\p{N} _-]/u.test(c)).join('').replace(/ /g, '-');
  const count = seen.get(base) || 0;
  seen.set(base, count + 1);
  return count === 0 ? base : base + '-' + count;
}

function inline(text, references) {
  const codes = [];
  let html = escapeHtml(text).replace(/`([^`]+)`/g, (_, code) => {
    codes.push('<code>' + code + '</code>');
    return '\u0000' + (codes.length - 1) + '\u0000';
  });
  const link = (label, target) => {
    if (!target) {
      return label;
    }
    if (target.startsWith('#') || /^https?:/.test(target)) {
      return '<a href="' + target + '">' + label + '</a>';
    }
    return '<span class="file" title="' + target + '">' + label + '</span>';   // a file of the repository
  };
  html = html.replace(/!?\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, target) => link(label, target));
  html = html.replace(/\[([^\]]+)\]\[([^\]]*)\]/g, (_, label, ref) => link(label, references.get((ref || label).toLowerCase())));
  html = html.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/(^|\W)\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  return html.replace(/\u0000(\d+)\u0000/g, (_, i) => codes[Number(i)]);
}

function render(markdown) {
  const lines = markdown.split('\n');
  const references = new Map();
  for (const line of lines) {
    const definition = /^\s{0,3}\[([^\]]+)\]:\s*(\S+)/.exec(line);
    if (definition) {
      references.set(definition[1].toLowerCase(), definition[2]);
    }
  }
  const seen = new Map();
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (/^\s*```/.test(line)) {
      const code = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) {
        code.push(lines[i]);
      }
      out.push('<pre><code>' + escapeHtml(code.join('\n')) + '</code></pre>');
      i++;
    } else if (/^#{1,6}\s/.test(line)) {
      const level = line.indexOf(' ');
      const text = line.slice(level + 1).trim();
      out.push('<h' + level + ' id="' + slug(text, seen) + '">' + inline(text, references) + '</h' + level + '>');
      i++;
    } else if (/^\s{0,3}\[[^\]]+\]:/.test(line) || line.trim() === '') {
      i++;
    } else if (line.startsWith('|')) {
      const rows = [];
      for (; i < lines.length && lines[i].startsWith('|'); i++) {
        if (!/^\|[\s|:-]+\|$/.test(lines[i].trim())) {
          rows.push(lines[i].trim().replace(/^\||\|$/g, '').split('|').map(cell => inline(cell.trim(), references)));
        }
      }
      out.push('<table>' + rows.map((cells, r) => '<tr>' + cells.map(c => (r === 0 ? '<th>' : '<td>') + c
          + (r === 0 ? '</th>' : '</td>')).join('') + '</tr>').join('') + '</table>');
    } else if (/^(\s*)([-*]|\d+\.)\s/.test(line)) {
      const ordered = /^\s*\d+\.\s/.test(line);
      const items = [];
      for (; i < lines.length && lines[i].trim() !== '' && !/^\s*```/.test(lines[i]); i++) {
        if (/^\s*([-*]|\d+\.)\s/.test(lines[i])) {
          items.push(lines[i].replace(/^\s*([-*]|\d+\.)\s/, ''));
        } else {
          items[items.length - 1] += ' ' + lines[i].trim();
        }
      }
      const tag = ordered ? 'ol' : 'ul';
      out.push('<' + tag + '>' + items.map(item => '<li>' + inline(item, references) + '</li>').join('') + '</' + tag + '>');
    } else {
      const paragraph = [];
      for (; i < lines.length && lines[i].trim() !== '' && !/^(#{1,6}\s|\||\s*```)/.test(lines[i]); i++) {
        paragraph.push(lines[i]);
      }
      out.push('<p>' + inline(paragraph.join(' '), references) + '</p>');
    }
  }
  return out.join('\n');
}

fetch('tour.md')
  .then(answer => (answer.ok ? answer.text() : Promise.reject(new Error(answer.status + ' for tour.md'))))
  .then(markdown => {
    document.getElementById('tour').innerHTML = render(markdown);
    if (location.hash) {
      const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) {
        target.scrollIntoView();
      }
    }
  })
  .catch(error => { document.getElementById('tour').textContent = 'The tour could not be loaded: ' + error; });
