// Settings of the image-drift-monitor mixin. Override them in your own jsonnet:
//   (import 'image-drift-monitor/mixin/mixin.libsonnet') + { _config+:: { selector: 'job="imagedrift"' } }
{
  _config+:: {
    // Matchers that select the monitor's series in the rules (its scrape job, and anything else that
    // narrows it, e.g. 'job="image-drift-monitor", env="prod"'). The k8s/base ServiceMonitor's
    // targets get job = the Service's name, image-drift-monitor. The dashboard needs no selector:
    // it finds the monitor's jobs through imagedrift_build_info, a series no other program exports.
    selector: 'job="image-drift-monitor"',

    // The label that tells clusters apart in a Prometheus that sees several (Thanos, Mimir); with
    // one cluster it is simply absent, and every rule and panel still works.
    clusterLabel: 'cluster',
    // Show the dashboard's cluster variable.
    showMultiCluster: false,

    // The rules aggregate per deployment: these labels (target labels of every scraped series) tell
    // one deployment of the monitor from another. Alertmanager's inhibition matches on the same ones.
    deploymentLabels: [self.clusterLabel, 'namespace', 'job'],

    // How far back the rules look for streams that stopped: a stream with no window for this long
    // is taken as retired (its per-stream series left /metrics metrics.stale-after after its last
    // window), and a deployment not seen for this long only leaves the label-less absence alert.
    lookback: '6h',

    // ImageDriftDeadLetterRateHigh fires above this ratio of dead-lettered events.
    deadLetterRatio: 0.05,

    // Links from every alert to its section in docs/RUNBOOK.md (anchors are the alert names, lower case).
    runbookUrl: 'https://runbooks.example.com/image-drift-monitor/RUNBOOK.md',

    dashboard: {
      uid: 'image-drift-monitor',
      title: 'Image drift monitor',
      tags: ['image-drift-monitor', 'drift', 'ml'],
      refresh: '1m',
      timezone: 'browser',
    },

    // Alertmanager (alertmanager.libsonnet): receivers by severity, and how the product's alerts
    // are grouped and repeated.
    alertmanager: {
      pageReceiver: 'imagedrift-page',
      ticketReceiver: 'imagedrift-ticket',
      groupBy: $._config.deploymentLabels + ['stream'],
      groupWait: '30s',
      groupInterval: '5m',
      pageRepeatInterval: '1h',
      ticketRepeatInterval: '12h',
      // The AlertmanagerConfig reads the receivers' webhook URLs from this Secret (keys page-url, ticket-url).
      secretName: 'image-drift-monitor-alerting',
      // The plain alertmanager.yml carries these placeholders: put your integrations there.
      pageUrl: 'http://pager.example.invalid/image-drift-monitor',
      ticketUrl: 'http://tickets.example.invalid/image-drift-monitor',
    },
  },
}
