// The Grafana dashboard: drift per stream, which properties moved, windows, ingestion, images by URI, latency,
// Kafka Streams and JVM. Every query is scoped by the cluster / namespace / job variables (found
// through imagedrift_build_info, so no job name is assumed) and, where it has a stream, $stream.
local p = import 'panels.libsonnet';
local stall = import '../lib/stall.libsonnet';
local units = import '../lib/units.libsonnet';

{
  local c = $._config,
  // Matchers of every query: the deployment, and the streams picked.
  local d = c.clusterLabel + '=~"$cluster", namespace=~"$namespace", job=~"$job"',
  local s = d + ', stream=~"$stream"',
  local stallLimit = 'max(%s)' % stall.limit(d),
  local histogram(metric) = [
    ['histogram_quantile(%s, sum by (le) (rate(%s_bucket{%s}[$__rate_interval])))' % [q[0], metric, d], q[1]]
    for q in [['0.5', 'p50'], ['0.95', 'p95'], ['0.99', 'p99']]
  ] + [['sum(rate(%s_sum{%s}[$__rate_interval])) / sum(rate(%s_count{%s}[$__rate_interval]))' % [metric, d, metric, d], 'mean']],
  local streamsState = [
    'CREATED',
    'REBALANCING',
    'RUNNING',
    'PENDING_SHUTDOWN',
    'NOT_RUNNING',
    'PENDING_ERROR',
    'ERROR',
  ],
  local driftStatus = p.valueMap([['0', 'OK', 'green'], ['1', 'DRIFT', 'red'], ['2', 'INSUFFICIENT_DATA', 'text']]),
  local alertState = p.valueMap([['0', 'quiet', 'green'], ['1', 'FIRING', 'red']]),
  local logScale = [
    { id: 'custom.axisPlacement', value: 'right' },
    { id: 'custom.scaleDistribution', value: { log: 10, type: 'log' } },
  ],

  // A template variable listing the values of a label of imagedrift_build_info.
  local labelVariable(name, label, query, includeAll, hide=0) = {
    name: name,
    label: label,
    type: 'query',
    datasource: { type: 'prometheus', uid: '${datasource}' },
    query: query,
    refresh: 2,
    regex: '',
    sort: 1,
    hide: hide,
    includeAll: includeAll,
    multi: false,
    options: [],
    skipUrlSync: false,
  } + (if includeAll then { allValue: '.*', current: { text: 'All', value: '$__all' } } else {}),

  local rows = [
    {
      row: p.row('Status'),
      panels: [
        p.stat('Drift status', 'Decision of the last evaluated window per stream (imagedrift_drift_status).',
               [['imagedrift_drift_status{%s}' % s, '{{stream}}']], mappings=driftStatus, colorMode='background', textMode='value_and_name'),
        p.stat('Alert', "The product's alert state per stream after its fire/resolve hysteresis (imagedrift_alert_firing).",
               [['imagedrift_alert_firing{%s}' % s, '{{stream}}']], mappings=alertState, colorMode='background', textMode='value_and_name'),
        p.stat('Alert firings', 'Alert transitions to FIRING in the selected time range.',
               [['sum(increase(imagedrift_alerts_fired_total{%s}[$__range]))' % s, 'firings']], decimals=0, steps=[{ color: 'orange', value: 1 }]),
        p.stat('Drift score', "max(2*AUC-1, 0) of the last window, the reference check's scale.",
               [['imagedrift_drift_score{%s}' % s, '{{stream}}']], decimals=3, colorMode='none', graphMode='area', instant=false),
        p.stat('p-value', 'p-value of the last window (calibrated mode).',
               [['imagedrift_p_value{%s}' % s, '{{stream}}']], unit='sci', decimals=2, colorMode='none', instant=false),
        p.stat('Last window age',
               'Wall-clock time since a window of the stream was last evaluated, over the last ' + c.lookback
               + " (a stream's series leave /metrics metrics.stale-after after its last window; this panel keeps counting), "
               + 'and the limit after which ImageDriftWindowsStalled calls the windows stalled: 2 window lengths plus the grace, from the configuration.',
               [
                 ['time() - max by (stream) (last_over_time(imagedrift_window_evaluated_timestamp_seconds{%s}[%s]))' % [s, c.lookback], '{{stream}}'],
                 [stallLimit, 'stalled after'],
               ], unit='s', colorMode='none', textMode='value_and_name'),
        p.stat('Dead-letter ratio (all streams)',
               'Failed / (processed + failed) over 5 minutes, over all streams: failures carry no stream label. '
               + 'The ImageDriftDeadLetterRateHigh alert fires above ' + units.percent(c.deadLetterRatio) + '.',
               [['sum(rate(imagedrift_images_failed_total{%s}[5m])) / (sum(rate(imagedrift_images_processed_total{%s}[5m])) + sum(rate(imagedrift_images_failed_total{%s}[5m])))' % [d, d, d], 'dead letters']],
               unit='percentunit', decimals=2, steps=[{ color: 'orange', value: c.deadLetterRatio }]),
        p.stat('Version', 'Build of the running monitor (imagedrift_build_info), rows in its reference snapshot, and the JPEG decoder and properties mode in use (imagedrift_decoder_info: imageio is the slow fallback).',
               [
                 ['count by (version) (imagedrift_build_info{%s})' % d, '{{version}}'],
                 ['max(imagedrift_reference_samples{%s})' % d, 'reference rows'],
                 ['count by (decoder, mode) (imagedrift_decoder_info{%s})' % d, '{{decoder}}, {{mode}}'],
               ], decimals=0, colorMode='none', textMode='value_and_name'),
      ],
    },
    {
      row: p.row('Drift'),
      panels: [
        p.timeseries('Drift score and threshold',
                     'Score of each evaluated window and the effect-size floor (calibrated) or threshold (reference-check mode) in force, dashed.',
                     [
                       ['imagedrift_drift_score{%s}' % s, '{{stream}} score'],
                       ['imagedrift_drift_threshold{%s}' % s, '{{stream}} threshold'],
                     ], min=0, max=1, showPoints='always', overrides=[p.dashed('B')]),
        p.timeseries('AUC and p-value',
                     'Domain-classifier AUC (left, not clipped: below 0.5 hints at duplicated or leaking data); p-value and the per-window significance level after correction across streams (right, log scale).',
                     [
                       ['imagedrift_auc{%s}' % s, '{{stream}} AUC'],
                       ['imagedrift_p_value{%s}' % s, '{{stream}} p-value'],
                       ['imagedrift_significance_level{%s}' % s, '{{stream}} significance level'],
                     ], showPoints='always', overrides=[
            p.override('A', [{ id: 'min', value: 0 }, { id: 'max', value: 1 }]),
            p.override('B', logScale + [{ id: 'unit', value: 'sci' }]),
            p.override('C', logScale + [p.dashStyle, { id: 'unit', value: 'sci' }]),
          ]),
        p.stateTimeline('Drift status over time', '0 OK, 1 DRIFT, 2 INSUFFICIENT_DATA, per evaluated window.',
                        [['imagedrift_drift_status{%s}' % s, '{{stream}}']], driftStatus),
        p.stateTimeline('Alert state over time', "The product's alert state per stream (after hysteresis).",
                        [['imagedrift_alert_firing{%s}' % s, '{{stream}}']], alertState),
      ],
    },
    {
      row: p.row('Which properties drifted'),
      panels: [
        p.barGauge('Property importance (last window)',
                   'AUC drop when the property is permuted, last window. Read it with the score: importance of a window without drift is noise.',
                   [['sort_desc(imagedrift_property_importance{%s})' % s, '{{stream}} {{property}}']]),
        p.timeseries('Kolmogorov-Smirnov statistic per property', 'Two-sample KS statistic of each property, per window.',
                     [['imagedrift_property_ks_statistic{%s}' % s, '{{stream}} {{property}}']],
                     w=8, h=9, min=0, max=1, showPoints='always', pointSize=3, legendCalcs=['lastNotNull', 'max']),
        p.timeseries("Earth Mover's Distance per property", 'Normalised EMD of each property, per window.',
                     [['imagedrift_property_emd{%s}' % s, '{{stream}} {{property}}']],
                     w=8, h=9, min=0, showPoints='always', pointSize=3, legendCalcs=['lastNotNull', 'max']),
      ],
    },
    {
      row: p.row('Embedding drift'),
      panels: [
        p.timeseries('Embedding drift score and p-value',
                     "Only for streams whose reference snapshot has embeddings: the embedding test's score and p-value (compare with alpha / 2), "
                     + "its own status (1 = DRIFT), and the samples on each side (right axis). The window's status is DRIFT when either test drifts.",
                     [
                       ['imagedrift_embedding_drift_score{%s}' % s, '{{stream}} score'],
                       ['imagedrift_embedding_p_value{%s}' % s, '{{stream}} p-value'],
                       ['imagedrift_embedding_drift_status{%s}' % s, '{{stream}} status'],
                       ['imagedrift_embedding_window_samples{%s}' % s, '{{stream}} {{side}} samples'],
                     ], w=16, h=9, min=0, showPoints='always',
                     overrides=[p.override('D', [{ id: 'custom.axisPlacement', value: 'right' }, { id: 'unit', value: 'short' }])]),
        p.barGauge('Embedding components that separate the sides (last window)',
                   'AUC drop when a principal component of the reference embeddings is permuted, last window. PC1 holds the most reference variance.',
                   [['sort_desc(imagedrift_embedding_component_importance{%s})' % s, '{{stream}} {{component}}']]),
      ],
    },
    {
      row: p.row('Windows'),
      panels: [
        p.timeseries('Samples per window', 'Samples compared on each side of the last window, rows in the reference snapshot (dashed), and the independent units among the samples (bursts of near-identical frames count once).',
                     [
                       ['imagedrift_window_samples{%s}' % s, '{{stream}} {{side}}'],
                       ['max(imagedrift_reference_samples{%s})' % d, 'reference snapshot rows'],
                       ['imagedrift_window_independent_units{%s}' % s, '{{stream}} {{side}} independent units'],
                     ], w=8, unit='short', min=0, showPoints='always', overrides=[p.dashed('B')]),
        p.timeseries('Events per window', 'Events counted in the last window before reservoir sampling (left), and windows evaluated in the last hour (right).',
                     [
                       ['imagedrift_window_events{%s}' % s, '{{stream}} events'],
                       ['sum by (stream) (increase(imagedrift_windows_evaluated_total{%s}[1h]))' % s, '{{stream}} windows / h'],
                     ], w=8, unit='short', min=0, showPoints='always', overrides=[p.override('B', [{ id: 'custom.axisPlacement', value: 'right' }, p.dashStyle])]),
        p.timeseries('Window age',
                     'Time since the last window was evaluated (wall clock) and since its end (event time; a backlog or a late producer clock makes it larger), '
                     + 'and the stall limit, 2 window lengths plus the grace (dashed).',
                     [
                       ['time() - max by (stream) (imagedrift_window_evaluated_timestamp_seconds{%s})' % s, '{{stream}} evaluated'],
                       ['time() - max by (stream) (imagedrift_window_end_timestamp_seconds{%s})' % s, '{{stream}} window end'],
                       [stallLimit, 'stalled after'],
                     ], w=8, unit='s', min=0, overrides=[p.dashed('C')]),
      ],
    },
    {
      row: p.row('Ingestion'),
      panels: [
        p.timeseries('Events processed', "Events taken in per second: measured (decoded, or precomputed) or counted without decoding; the 'not decoded' lines are those whose image could not enter its window's sample, so was never decoded.",
                     [['sum by (stream) (rate(imagedrift_images_processed_total{%s}[$__rate_interval]))' % s, '{{stream}}'],
                      ['sum by (stream) (rate(imagedrift_images_not_decoded_total{%s}[$__rate_interval]))' % s, '{{stream}} not decoded']], w=8, unit='reqps', min=0),
        p.timeseries('Events failed, by reason (and reports of streams over the limit)',
                     'Events sent to the dead-letter topic per second, stacked by reason (failures have no stream label: an unparsable event has no stream); '
                     + 'reports of streams beyond metrics.max-streams, folded into stream="_other"; and the streams with their own series per pod (right axis).',
                     [
                       ['sum by (reason) (rate(imagedrift_images_failed_total{%s}[$__rate_interval]))' % d, '{{reason}}'],
                       ['sum(rate(imagedrift_metric_streams_folded_total{%s}[$__rate_interval]))' % d, 'streams over metrics.max-streams (folded into _other)'],
                       ['sum by (instance) (imagedrift_metric_streams{%s})' % d, '{{instance}} streams with their own series (count)'],
                     ],
                     w=8, unit='reqps', min=0, fillOpacity=40, stacking='normal',
                     overrides=[p.override('B', [{ id: 'custom.stacking', value: { group: 'B', mode: 'none' } }]),
                                p.override('C', [{ id: 'custom.axisPlacement', value: 'right' }, { id: 'unit', value: 'short' },
                                                 { id: 'custom.stacking', value: { group: 'C', mode: 'none' } }])]),
        p.timeseries('Late records and failed windows',
                     'Events later than the window grace, dropped from windows (also dead-lettered as `late`), per second. Failed windows: the detector threw on a window, which was dropped (see the log).',
                     [
                       ['sum by (stream) (rate(imagedrift_late_records_total{%s}[$__rate_interval]))' % s, 'late {{stream}}'],
                       ['sum by (stream) (rate(imagedrift_window_failures_total{%s}[$__rate_interval]))' % s, 'failed windows {{stream}}'],
                     ], w=8, unit='reqps', min=0),
      ],
    },
    {
      row: p.row('Images by URI'),
      panels: [
        p.timeseries('Fetch duration', 'Images fetched by URI (imageUri events): time from the start of a fetch to its last byte, redirects included; successful fetches.',
                     histogram('imagedrift_fetch_duration_seconds'), w=6, unit='s', min=0),
        p.timeseries('Fetch failures, by reason',
                     'Images by URI that could not be fetched, per second, by reason (each is also a dead letter). uri_not_allowed: fetch.allowed-prefixes; fetch_timeout / fetch_status / fetch_failed: the image server.',
                     [['sum by (reason) (rate(imagedrift_fetch_failures_total{%s}[$__rate_interval]))' % d, '{{reason}}']],
                     w=6, unit='reqps', min=0, fillOpacity=40, stacking='normal'),
        p.timeseries('Fetches in progress and events waiting',
                     'Fetches in progress (at most fetch.concurrency per instance), and events the fetch stages hold in input order (at most fetch.max-pending per task): a waiting count at its limit means the image server is the bottleneck.',
                     [
                       ['sum by (instance) (imagedrift_fetch_in_progress{%s})' % d, '{{instance}} in progress'],
                       ['sum by (instance) (imagedrift_fetch_waiting_events{%s})' % d, '{{instance}} waiting'],
                     ], w=6, unit='short', min=0),
        p.timeseries('Fetched bytes held', 'Bytes of fetched images held in memory per instance (bounded by fetch.max-buffered-bytes, plus one image per task).',
                     [['sum by (instance) (imagedrift_fetch_buffered_bytes{%s})' % d, '{{instance}}']], w=6, unit='bytes', min=0),
      ],
    },
    {
      row: p.row('Latency'),
      panels: [
        p.timeseries('Property extraction duration', 'Decode + properties per image.',
                     histogram('imagedrift_property_extraction_duration_seconds'), w=8, unit='s', min=0),
        p.timeseries('Detection duration', 'Detector run per window.',
                     histogram('imagedrift_detection_duration_seconds'), w=8, unit='s', min=0),
        p.timeseries('Result latency', "Wall-clock time from a window's close (end + grace) to its score record being sent.",
                     histogram('imagedrift_result_latency_seconds'), w=8, unit='s', min=0),
      ],
    },
    {
      row: p.row('Kafka Streams and JVM'),
      panels: [
        p.timeseries('Consumer lag', 'Largest consumer lag in records over the input partitions.',
                     [['imagedrift_streams_records_lag_max{%s}' % d, '{{instance}}']], w=6, unit='short', min=0),
        p.timeseries('Process rate', 'Records processed per second by all stream threads.',
                     [['imagedrift_streams_process_rate{%s}' % d, '{{instance}}']], w=6, unit='reqps', min=0),
        p.stateTimeline('Streams client state', 'Kafka Streams client state per instance, and readiness (/readyz).',
                        [
                          ['max by (instance) (\n    '
                           + std.join('\n  or ', [
                             '(imagedrift_streams_state{%s, state="%s"} == 1) * %d' % [d, streamsState[i], i + 1]
                             for i in std.range(0, std.length(streamsState) - 1)
                           ])
                           + '\n)', '{{instance}} state'],
                          ['imagedrift_ready{%s}' % d, '{{instance}} ready'],
                        ],
                        p.valueMap([
                          [std.toString(i + 1), streamsState[i], ['blue', 'yellow', 'green', 'orange', 'text', 'orange', 'red'][i]]
                          for i in std.range(0, std.length(streamsState) - 1)
                        ]),
                        w=6, h=8,
                        overrides=[p.override('B', [{ id: 'mappings', value: p.valueMap([['0', 'NOT READY', 'orange'], ['1', 'READY', 'green']]) }])]),
        p.timeseries('Memory', 'JVM heap used and its maximum, and the process resident set (heap + RocksDB + metaspace + threads).',
                     [
                       ['sum by (instance) (jvm_memory_used_bytes{%s, area="heap"})' % d, '{{instance}} heap used'],
                       ['sum by (instance) (jvm_memory_max_bytes{%s, area="heap"})' % d, '{{instance}} heap max'],
                       ['process_resident_memory_bytes{%s}' % d, '{{instance}} resident'],
                     ], w=6, unit='bytes', min=0, overrides=[p.dashed('B')]),
      ],
    },
  ],

  grafanaDashboards+:: {
    'image-drift-monitor.json': {
      uid: c.dashboard.uid,
      title: c.dashboard.title,
      description: 'Drift of the images a production model receives against its reference set, per stream: score, significance, which properties moved, window sizes, ingestion, latency and Kafka Streams health.',
      tags: c.dashboard.tags,
      editable: true,
      fiscalYearStartMonth: 0,
      graphTooltip: 1,
      links: [],
      refresh: c.dashboard.refresh,
      schemaVersion: 42,
      time: { from: 'now-6h', to: 'now' },
      timepicker: {},
      timezone: c.dashboard.timezone,
      version: 1,
      weekStart: '',
      annotations: {
        list: [
          {
            builtIn: 1,
            datasource: { type: 'grafana', uid: '-- Grafana --' },
            enable: true,
            hide: true,
            iconColor: 'rgba(0, 211, 255, 1)',
            name: 'Annotations & Alerts',
            type: 'dashboard',
          },
          {
            datasource: { type: 'prometheus', uid: '${datasource}' },
            enable: true,
            hide: false,
            iconColor: 'red',
            name: 'Image drift alerts',
            expr: 'ALERTS{alertname=~"ImageDrift.*", alertstate="firing", %s}' % d,
            step: '1m',
            tagKeys: 'alertname,severity,stream',
            textFormat: '{{stream}}',
            titleFormat: '{{alertname}}',
            useValueForTime: false,
          },
        ],
      },
      templating: {
        list: [
          {
            name: 'datasource',
            label: 'Data source',
            type: 'datasource',
            query: 'prometheus',
            hide: 0,
            includeAll: false,
            multi: false,
            options: [],
            refresh: 1,
            regex: '',
            skipUrlSync: false,
          },
          labelVariable('cluster', 'Cluster', 'label_values(imagedrift_build_info, %s)' % c.clusterLabel, true,
                        hide=if c.showMultiCluster then 0 else 2),
          labelVariable('namespace', 'Namespace',
                        'label_values(imagedrift_build_info{%s=~"$cluster"}, namespace)' % c.clusterLabel, true),
          labelVariable('job', 'Job',
                        'label_values(imagedrift_build_info{%s=~"$cluster", namespace=~"$namespace"}, job)' % c.clusterLabel, false),
          labelVariable('stream', 'Stream', 'label_values(imagedrift_drift_score{%s}, stream)' % d, true) {
            multi: true,
            current: { text: ['All'], value: ['$__all'] },
          },
        ],
      },
      panels: p.layout(rows),
    },
  },
}
