'use strict';

/**
 * One dashboard tile: a line chart of a metric over the last 30 seconds, drawn by ECharts 5.
 *
 * Props: `points`, an array of [epoch millis, value] pairs, where a value of null is a gap (the
 * connection was down, or the server could not measure it): the line stops there instead of
 * joining the two sides with a straight line. `stale` greys the tile out while the page is not
 * connected, so that old values are not taken for live ones.
 *
 * The element carries what a test can check: data-points (values shown), data-gaps (breaks in
 * the line) and the class "stale".
 */
const MetricChart = {
  props: {
    id: { type: String, required: true },
    title: { type: String, required: true },
    subtitle: { type: String, default: '' },
    color: { type: String, required: true },
    format: { type: Function, required: true },   // value -> text, for the axis and the current value
    fixedMax: { type: Number, default: undefined }, // e.g. 100 for percentages; undefined to scale
    integer: { type: Boolean, default: false },     // whole numbers only on the axis
    points: { type: Array, required: true },
    stale: { type: Boolean, default: false },
    lastUpdate: { type: Number, default: 0 },       // epoch millis of the newest value
    now: { type: Number, required: true },          // the page's clock: the time axis slides with it
  },

  template: `
    <figure class="card tile" :class="{ stale }" :id="id"
            :data-points="shownPoints" :data-gaps="gaps">
      <figcaption>
        <div>
          <div class="tile-title">{{ title }}</div>
          <div class="tile-subtitle">{{ subtitle }}</div>
        </div>
        <div class="tile-value" :style="{ color }">{{ latestText }}</div>
      </figcaption>
      <div class="stale-badge" v-if="stale">stale · last data {{ lastUpdateText }}</div>
      <div class="chart" ref="chart"></div>
    </figure>`,

  computed: {
    shownPoints() {
      return this.points.filter(p => p[1] !== null).length;
    },
    gaps() {
      return this.points.filter(p => p[1] === null).length;
    },
    latestText() {
      for (let i = this.points.length - 1; i >= 0; i--) {
        if (this.points[i][1] !== null) {
          return this.format(this.points[i][1]);
        }
      }
      return '–';
    },
    lastUpdateText() {
      return this.lastUpdate > 0 ? new Date(this.lastUpdate).toLocaleTimeString() : 'none';
    },
  },

  watch: {
    now() {
      this.draw();
    },
    stale() {
      this.draw();
    },
  },

  mounted() {
    // ECharts keeps its own object graph: it must not become reactive, so it lives outside data()
    this.chart = echarts.init(this.$refs.chart, null, { renderer: 'canvas' });
    // the tile changes size with the window and when the inspector panel opens or closes
    this.resizing = new ResizeObserver(() => this.chart.resize());
    this.resizing.observe(this.$refs.chart);
    this.draw();
  },

  unmounted() {
    this.resizing.disconnect();
    this.chart.dispose();
  },

  methods: {
    draw() {
      const now = this.now;
      const color = this.stale ? '#5b6478' : this.color;
      this.chart.setOption({
        animation: false,
        grid: { left: 52, right: 12, top: 10, bottom: 24 },
        xAxis: {
          type: 'time',
          min: now - 30000,
          max: now,
          splitNumber: 3,
          axisLabel: { color: '#6f7a90', formatter: t => (t >= now - 500 ? 'now' : '-' + Math.round((now - t) / 1000) + ' s') },
          axisLine: { lineStyle: { color: '#3a4560' } },
          splitLine: { show: false },
        },
        yAxis: {
          type: 'value',
          min: 0,
          max: this.fixedMax,
          minInterval: this.integer ? 1 : 0,
          splitNumber: 4,
          axisLabel: { color: '#6f7a90', formatter: v => this.format(v) },
          splitLine: { lineStyle: { color: '#232c40' } },
        },
        series: [{
          type: 'line',
          data: this.points,
          showSymbol: false,
          connectNulls: false,   // a null value breaks the line: the gap of an outage stays visible
          lineStyle: { color, width: 2 },
          itemStyle: { color },
          areaStyle: {
            color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [
              { offset: 0, color: color + '55' }, { offset: 1, color: color + '05' }]),
          },
        }],
      }, { notMerge: false });
    },
  },
};
