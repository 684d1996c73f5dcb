'use strict';

/**
 * A time-series line chart drawn on a <canvas> with the 2D context: no library, works offline.
 * Keeps the points of the last `windowMillis` and redraws on demand; the y axis starts at 0 and
 * ends at `fixedMax` or at four round steps above the largest visible value. Values that are not
 * finite numbers (a metric the server cannot measure) leave a gap.
 */
class LineChart {
  constructor(canvas, options) {
    this.canvas = canvas;
    this.title = options.title;
    this.color = options.color;
    this.format = options.format;           // value -> text, for the axis and the current value
    this.fixedMax = options.fixedMax;       // e.g. 100 for percentages; undefined to scale
    this.integer = options.integer || false; // whole numbers only: grid lines on whole numbers
    this.windowMillis = options.windowMillis || 30000;
    this.subtitle = '';
    this.points = [];                       // {t: epoch millis, v: number}
  }

  add(time, value) {
    this.points.push({ t: time, v: value });
    const oldest = time - this.windowMillis - 1000;
    while (this.points.length > 0 && this.points[0].t < oldest) {
      this.points.shift();
    }
    this.canvas.dataset.points = String(this.points.length);
  }

  /** Rounds up to a readable step: 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten. */
  static niceCeiling(value) {
    if (!(value > 0)) {
      return 1;
    }
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
      if (value <= step * power) {
        return step * power;
      }
    }
    return 10 * power;
  }

  /** The top of the y axis: fixed, or four round steps that clear the largest value. */
  scaleTop(largest) {
    if (this.fixedMax !== undefined) {
      return this.fixedMax;
    }
    let step = LineChart.niceCeiling(largest * 1.15 / 4);
    if (this.integer) {
      step = Math.max(1, Math.ceil(step));  // whole-number grid lines for a count
    }
    return 4 * step;
  }

  /** Matches the canvas's pixel size to its CSS size (sharp lines on high-DPI screens). */
  resize() {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(this.canvas.clientWidth * ratio));
    const height = Math.max(1, Math.round(this.canvas.clientHeight * ratio));
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    return ratio;
  }

  draw(now) {
    const ratio = this.resize();
    const ctx = this.canvas.getContext('2d');
    const width = this.canvas.width / ratio;
    const height = this.canvas.height / ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);

    const plot = { left: 52, right: width - 10, top: 50, bottom: height - 24 };
    const finite = this.points.filter(p => Number.isFinite(p.v));
    const latest = finite.length > 0 ? finite[finite.length - 1].v : NaN;
    const largest = finite.reduce((max, p) => Math.max(max, p.v), 0);
    const top = this.scaleTop(largest);
    const x = t => plot.right - (now - t) / this.windowMillis * (plot.right - plot.left);
    const y = v => plot.bottom - Math.min(v, top) / top * (plot.bottom - plot.top);

    // Title, subtitle and the current value.
    ctx.fillStyle = '#8a94a8';
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    ctx.fillText(this.title.toUpperCase(), 4, 2);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillText(this.subtitle, 4, 20);
    ctx.fillStyle = this.color;
    ctx.font = '600 24px system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.fillText(Number.isFinite(latest) ? this.format(latest) : '–', width - 6, 2);

    // Grid lines and labels: four steps from 0 to the top of the scale.
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 1;
    for (let i = 0; i <= 4; i++) {
      const value = top * i / 4;
      const gy = Math.round(y(value)) + 0.5;
      ctx.strokeStyle = i === 0 ? '#3a4560' : '#232c40';
      ctx.beginPath();
      ctx.moveTo(plot.left, gy);
      ctx.lineTo(plot.right, gy);
      ctx.stroke();
      ctx.fillStyle = '#6f7a90';
      ctx.textAlign = 'right';
      ctx.fillText(this.format(value), plot.left - 6, gy);
    }
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText('-' + Math.round(this.windowMillis / 1000) + ' s', plot.left, plot.bottom + 6);
    ctx.textAlign = 'right';
    ctx.fillText('now', plot.right, plot.bottom + 6);

    // The series: a line, and a translucent area under it; a gap where a value is missing.
    ctx.save();
    ctx.beginPath();
    ctx.rect(plot.left, plot.top - 2, plot.right - plot.left, plot.bottom - plot.top + 4);
    ctx.clip();
    const runs = [];
    let run = [];
    for (const p of this.points) {
      if (Number.isFinite(p.v)) {
        run.push(p);
      } else if (run.length > 0) {
        runs.push(run);
        run = [];
      }
    }
    if (run.length > 0) {
      runs.push(run);
    }
    for (const points of runs) {
      ctx.beginPath();
      points.forEach((p, i) => (i === 0 ? ctx.moveTo(x(p.t), y(p.v)) : ctx.lineTo(x(p.t), y(p.v))));
      ctx.strokeStyle = this.color;
      ctx.lineWidth = 2;
      ctx.lineJoin = 'round';
      ctx.stroke();
      ctx.lineTo(x(points[points.length - 1].t), plot.bottom);
      ctx.lineTo(x(points[0].t), plot.bottom);
      ctx.closePath();
      const fill = ctx.createLinearGradient(0, plot.top, 0, plot.bottom);
      fill.addColorStop(0, this.color + '55');
      fill.addColorStop(1, this.color + '05');
      ctx.fillStyle = fill;
      ctx.fill();
    }
    ctx.restore();
  }
}
