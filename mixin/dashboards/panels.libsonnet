// Small constructors for the dashboard's panels (Grafana schema 42): the fields every panel of a
// kind shares live here, each panel states only what is its own. No grafonnet: the few panel kinds
// used do not justify a vendored library, and grafana/schema-check type-checks the result.
{
  local datasource = { type: 'prometheus', uid: '${datasource}' },
  local refIds = 'ABCDEFGHIJ',

  // [expr, legend] pairs as targets A, B, C...; instant for stat and bar gauge panels.
  local targets(queries, instant) = [
    {
      datasource: datasource,
      editorMode: 'code',
      expr: queries[i][0],
      instant: instant,
      legendFormat: queries[i][1],
      range: !instant,
      refId: refIds[i],
    }
    for i in std.range(0, std.length(queries) - 1)
  ],

  local thresholds(steps) = { mode: 'absolute', steps: [{ color: 'green', value: null }] + steps },
  local hideFrom = { legend: false, tooltip: false, viz: false },
  local legend(calcs=[], table=false) = { calcs: calcs, displayMode: if table then 'table' else 'list', placement: 'bottom', showLegend: true },
  local reduceLast = { calcs: ['lastNotNull'], fields: '', values: false },
  local common(type, title, description, w, h) = {
    type: type,
    title: title,
    description: description,
    datasource: datasource,
    gridPos: { w: w, h: h },
  },

  // A value mapping: value -> [text, colour], in the order given.
  valueMap(pairs):: [{
    type: 'value',
    options: {
      [pairs[i][0]]: { text: pairs[i][1], color: pairs[i][2], index: i }
      for i in std.range(0, std.length(pairs) - 1)
    },
  }],

  // Overrides by query (refId).
  dashed(refId):: { matcher: { id: 'byFrameRefID', options: refId }, properties: [$.dashStyle] },
  dashStyle:: { id: 'custom.lineStyle', value: { dash: [10, 10], fill: 'dash' } },
  override(refId, properties):: { matcher: { id: 'byFrameRefID', options: refId }, properties: properties },

  row(title):: { type: 'row', title: title, collapsed: false, panels: [], gridPos: { w: 24, h: 1 } },

  stat(title, description, queries, w=3, h=4, unit='none', decimals=null, mappings=[], steps=[],
       colorMode='value', graphMode='none', textMode='auto', instant=true)::
    common('stat', title, description, w, h) {
      fieldConfig: {
        defaults: {
          color: { mode: 'thresholds' },
          mappings: mappings,
          thresholds: thresholds(steps),
          unit: unit,
        } + (if decimals == null then {} else { decimals: decimals }),
        overrides: [],
      },
      options: {
        colorMode: colorMode,
        graphMode: graphMode,
        justifyMode: 'auto',
        orientation: 'auto',
        percentChangeColorMode: 'standard',
        reduceOptions: reduceLast,
        showPercentChange: false,
        textMode: textMode,
        wideLayout: true,
      },
      targets: targets(queries, instant),
    },

  timeseries(title, description, queries, w=12, h=8, unit='none', min=null, max=null, overrides=[],
             showPoints='never', pointSize=4, fillOpacity=10, stacking='none', legendCalcs=[])::
    common('timeseries', title, description, w, h) {
      fieldConfig: {
        defaults: {
          color: { mode: 'palette-classic' },
          custom: {
            axisBorderShow: false,
            axisCenteredZero: false,
            axisColorMode: 'text',
            axisLabel: '',
            axisPlacement: 'auto',
            barAlignment: 0,
            drawStyle: 'line',
            fillOpacity: fillOpacity,
            gradientMode: 'none',
            hideFrom: hideFrom,
            insertNulls: false,
            lineInterpolation: 'linear',
            lineWidth: 1,
            pointSize: pointSize,
            scaleDistribution: { type: 'linear' },
            showPoints: showPoints,
            spanNulls: false,
            stacking: { group: 'A', mode: stacking },
            thresholdsStyle: { mode: 'off' },
          },
          mappings: [],
          thresholds: thresholds([]),
          unit: unit,
        } + (if min == null then {} else { min: min }) + (if max == null then {} else { max: max }),
        overrides: overrides,
      },
      options: {
        legend: legend(legendCalcs, table=legendCalcs != []),
        tooltip: { mode: 'multi', sort: 'desc' },
      },
      targets: targets(queries, false),
    },

  stateTimeline(title, description, queries, mappings, w=12, h=6, overrides=[])::
    common('state-timeline', title, description, w, h) {
      fieldConfig: {
        defaults: {
          color: { mode: 'thresholds' },
          custom: { fillOpacity: 75, hideFrom: hideFrom, lineWidth: 0 },
          mappings: mappings,
          thresholds: thresholds([]),
        },
        overrides: overrides,
      },
      options: {
        alignValue: 'left',
        legend: legend(),
        mergeValues: true,
        rowHeight: 0.9,
        showValue: 'auto',
        tooltip: { mode: 'single', sort: 'none' },
      },
      targets: targets(queries, false),
    },

  barGauge(title, description, queries, w=8, h=9, decimals=3)::
    common('bargauge', title, description, w, h) {
      fieldConfig: {
        defaults: {
          color: { mode: 'continuous-GrYlRd' },
          decimals: decimals,
          mappings: [],
          min: 0,
          thresholds: thresholds([]),
          unit: 'none',
        },
        overrides: [],
      },
      options: {
        displayMode: 'gradient',
        legend: legend(),
        maxVizHeight: 300,
        minVizHeight: 16,
        minVizWidth: 8,
        namePlacement: 'auto',
        orientation: 'horizontal',
        reduceOptions: reduceLast,
        showUnfilled: true,
        sizing: 'auto',
        valueMode: 'color',
      },
      targets: targets(queries, true),
    },

  // Rows of panels on Grafana's 24-column grid: each row header, then its panels left to right,
  // wrapping to a new line when the next does not fit; ids in order from 1.
  layout(rows)::
    local place(state, panel) =
      local wraps = state.x + panel.gridPos.w > 24 || panel.type == 'row';
      local y = if wraps then state.lineEnd else state.y;
      local x = if wraps then 0 else state.x;
      {
        x: x + panel.gridPos.w,
        y: y,
        lineEnd: std.max(if wraps then y else state.lineEnd, y + panel.gridPos.h),
        panels: state.panels + [panel {
          id: std.length(state.panels) + 1,
          gridPos+: { x: x, y: y },
        }],
      };
    local flat = std.flattenArrays([[r.row] + r.panels for r in rows]);
    std.foldl(place, flat, { x: 0, y: 0, lineEnd: 0, panels: [] }).panels,
}
