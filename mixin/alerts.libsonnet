// The product's alerts. What to do when one fires: docs/RUNBOOK.md; the metrics: docs/METRICS.md.
// Every alert carries the deployment labels (_config.deploymentLabels), which Alertmanager's
// inhibition and grouping (alertmanager.libsonnet) rely on.
local stall = import 'lib/stall.libsonnet';
local units = import 'lib/units.libsonnet';

{
  local c = $._config,
  local by = std.join(', ', c.deploymentLabels),
  local sel = c.selector,
  local cl = c.clusterLabel,
  // Matchers naming the alert's own deployment, for the queries inside annotations. A label the
  // alert lacks reads as "", which matches series without it.
  local deployment = cl + '="%s",namespace="%s",job="%s"',
  local deploymentArgs = ' $labels.' + cl + ' $labels.namespace $labels.job',
  local runbook(alert) = c.runbookUrl + '#' + std.asciiLower(alert),
  // "Stalled" after 2 window lengths plus the grace, per deployment, from its own configuration.
  local stallLimit = 'max by (%s) (%s)' % [by, stall.limit(sel)],

  prometheusAlerts+:: {
    groups+: [
      {
        name: 'imagedrift.alerts',
        rules: [
          {
            alert: 'ImageDriftDetected',
            // The product's own alert state (calibrated test, fire-after/out-of hysteresis) decides;
            // no second threshold here. One alert per stream and deployment: after a rebalance the
            // pod that lost the stream keeps its series for metrics.stale-after, and a per-pod alert
            // would show the drift twice. keep_firing_for rides over a pod restart, when the gauge
            // reads 0 until the first window after the restart is evaluated.
            expr: 'max by (%(by)s, stream) (imagedrift_alert_firing{%(sel)s}) == 1' % { by: by, sel: sel },
            'for': '1m',
            keep_firing_for: '15m',
            labels: { severity: 'warning' },
            annotations: {
              summary: 'Images on stream {{ $labels.stream }} have drifted from the reference set',
              description: 'The drift alert of stream {{ $labels.stream }} ({{ $labels.namespace }}/{{ $labels.job }}) is firing: '
                           + 'drift score {{ with printf `max(imagedrift_drift_score{' + deployment + ',stream="%s"})`' + deploymentArgs
                           + ' $labels.stream | query }}{{ . | first | value | printf "%.3f" }}{{ else }}unknown{{ end }}, '
                           + 'p-value {{ with printf `min(imagedrift_p_value{' + deployment + ',stream="%s"})`' + deploymentArgs
                           + ' $labels.stream | query }}{{ . | first | value | printf "%.2g" }}{{ else }}unknown{{ end }} '
                           + 'in the last evaluated window.',
              runbook_url: runbook('ImageDriftDetected'),
            },
          },
          {
            alert: 'ImageDriftMonitorAbsent',
            // Without the target every other rule here is silent: this is the only safety net.
            // Per deployment seen in the look-back but with no target up now (gone, crash-looping,
            // failing scrapes), so that Alertmanager can inhibit that deployment's other alerts;
            // when none was seen at all, absent_over_time() fires with the selector's fixed labels.
            expr: |||
              (
                max by (%(by)s) (max_over_time(up{%(sel)s}[%(lookback)s]))
                unless on (%(by)s)
                (up{%(sel)s} == 1)
              )
              or
              absent_over_time(up{%(sel)s}[%(lookback)s])
            ||| % { by: by, sel: sel, lookback: c.lookback },
            'for': '5m',
            keep_firing_for: '5m',
            labels: { severity: 'critical' },
            annotations: {
              summary: 'No image-drift-monitor target is up; drift detection is dark',
              description: 'Prometheus has had no successful scrape of '
                           + '{{ with $labels.job }}job {{ . }}{{ else }}the image-drift-monitor{{ end }}'
                           + '{{ with $labels.namespace }} in namespace {{ . }}{{ end }} for 5 minutes: the monitor is down, '
                           + 'crash-looping, or no longer discovered. No drift alert can fire meanwhile.',
              runbook_url: runbook('ImageDriftMonitorAbsent'),
            },
          },
          {
            alert: 'ImageDriftWindowsStalled',
            // "Stalled" = no pod of the deployment evaluated a window of the stream (wall clock) for
            // longer than 2 window lengths plus the grace, read from the deployment's own
            // configuration (imagedrift_window_size_seconds, _grace_seconds). The newest evaluation over
            // all pods counts, so a stream that moved to another replica is not stalled. A pod drops a
            // stream's series metrics.stale-after after its last window; the look-back keeps such a
            // stream in view, so a stream whose input stopped alerts for the look-back, then counts as
            // retired. stream="(none)": the deployment evaluated no window in the look-back (its value
            // is then the uptime, at most the look-back). The configuration gauges exist only while a
            // target is scraped, so a deployment that is down is left to ImageDriftMonitorAbsent; and
            // no pod up for less than the limit alerts, so a restart gets time for its first window.
            expr: |||
              (
                time() - max by (%(by)s, stream) (last_over_time(imagedrift_window_evaluated_timestamp_seconds{%(sel)s}[%(lookback)s]))
                or on (%(by)s)
                label_replace(
                  clamp_max(max by (%(by)s) (time() - process_start_time_seconds{%(sel)s}), %(lookbackSeconds)d),
                  "stream", "(none)", "", ""
                )
              )
              > on (%(by)s) group_left ()
              %(limit)s
              and on (%(by)s)
              max by (%(by)s) (
                time() - process_start_time_seconds{%(sel)s}
                > %(podLimit)s
              )
            ||| % { by: by, sel: sel, lookback: c.lookback, lookbackSeconds: units.durationSeconds(c.lookback),
                    limit: stallLimit, podLimit: stall.limit(sel) },
            'for': '5m',
            keep_firing_for: '10m',
            labels: { severity: 'warning' },
            annotations: {
              summary: 'Drift windows of stream {{ $labels.stream }} have stalled',
              description: 'No pod of {{ $labels.namespace }}/{{ $labels.job }} has evaluated a window for stream '
                           + '{{ $labels.stream }} for {{ $value | humanizeDuration }}, longer than 2 window lengths plus the grace '
                           + '({{ with printf `max(' + stall.limit(deployment) + ')`'
                           + ' $labels.' + cl + ' $labels.namespace $labels.job $labels.' + cl + ' $labels.namespace $labels.job'
                           + ' | query }}{{ . | first | value | humanizeDuration }}{{ else }}unknown{{ end }}), though the monitor is up: '
                           + 'its input stopped, or the Kafka Streams client is stuck.',
              runbook_url: runbook('ImageDriftWindowsStalled'),
            },
          },
          {
            alert: 'ImageDriftDeadLetterRateHigh',
            // for: 10m is longer than the 5m rate window, so a single bad burst does not fire.
            expr: 'imagedrift:dead_letter_ratio:rate5m > %g' % c.deadLetterRatio,
            'for': '10m',
            keep_firing_for: '10m',
            labels: { severity: 'warning' },
            annotations: {
              summary: '{{ $value | humanizePercentage }} of image events go to the dead-letter topic',
              description: 'Over the last 5 minutes {{ $value | humanizePercentage }} of the events read by '
                           + '{{ $labels.namespace }}/{{ $labels.job }} failed (threshold ' + units.percent(c.deadLetterRatio)
                           + ') and were sent to the dead-letter topic; they are missing from the drift windows.',
              runbook_url: runbook('ImageDriftDeadLetterRateHigh'),
            },
          },
          {
            alert: 'ImageDriftTooManyStreams',
            // More distinct streams than window.max-streams (events refused) or metrics.max-streams
            // (series folded into stream="_other"): a misconfigured or hostile producer, or a fleet
            // that outgrew the limits.
            expr: |||
              sum by (%(by)s) (increase(imagedrift_images_failed_total{%(sel)s, reason="too_many_streams"}[10m]))
              + sum by (%(by)s) (increase(imagedrift_metric_streams_folded_total{%(sel)s}[10m])) > 0
            ||| % { by: by, sel: sel },
            'for': '5m',
            keep_firing_for: '10m',
            labels: { severity: 'warning' },
            annotations: {
              summary: 'More streams than the monitor tracks ({{ $value }} refused or folded reports in 10 minutes)',
              description: '{{ $labels.namespace }}/{{ $labels.job }} saw more distinct streams than window.max-streams '
                           + '(their events are dead-lettered as too_many_streams) or metrics.max-streams (their counters '
                           + 'are folded into stream="_other"): {{ $value }} reports in the last 10 minutes.',
              runbook_url: runbook('ImageDriftTooManyStreams'),
            },
          },
          {
            alert: 'ImageDriftConsumerLagGrowing',
            // Lag is judged in time: more than a minute's worth of processing behind, and still rising
            // over 10 minutes. clamp_min keeps a stuck consumer (rate 0) from dividing the floor away.
            // Per pod: each pod has its own partitions and lag.
            expr: |||
              imagedrift_streams_records_lag_max{%(sel)s} > 60 * clamp_min(imagedrift_streams_process_rate{%(sel)s}, 1)
              and deriv(imagedrift_streams_records_lag_max{%(sel)s}[10m]) > 0
            ||| % { sel: sel },
            'for': '15m',
            keep_firing_for: '10m',
            labels: { severity: 'warning' },
            annotations: {
              summary: 'The monitor falls behind its input ({{ $value }} records of lag, and rising)',
              description: 'The largest consumer lag of {{ $labels.namespace }}/{{ $labels.pod }} is {{ $value }} records, '
                           + 'more than a minute of processing, and has risen for 15 minutes: drift results arrive late, '
                           + 'and events may expire from the input topic before they are read.',
              runbook_url: runbook('ImageDriftConsumerLagGrowing'),
            },
          },
        ],
      },
    ],
  },
}
