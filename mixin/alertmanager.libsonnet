// The route that takes the product's alerts to people: grouped per stream (and deployment),
// critical to the pager, warning to the ticket queue, and every other image-drift alert of a
// deployment inhibited while ImageDriftMonitorAbsent fires for it (its metrics are gone or stale,
// so they say nothing; the page about the monitor itself is the one to act on). The same route in
// two forms: a plain alertmanager.yml, and an AlertmanagerConfig for the prometheus-operator.
{
  local c = $._config,
  local am = c.alertmanager,
  local product = { name: 'alertname', matchType: '=~', value: 'ImageDrift.+' },
  local absent = { name: 'alertname', matchType: '=', value: 'ImageDriftMonitorAbsent' },
  local notAbsent = absent { matchType: '!=' },
  local severity(level) = { name: 'severity', matchType: '=', value: level },
  local plain(m) = '%s%s"%s"' % [m.name, m.matchType, m.value],

  // [receiver, matcher, repeat interval] under the product's route.
  local bySeverity = [
    [am.pageReceiver, severity('critical'), am.pageRepeatInterval],
    [am.ticketReceiver, severity('warning'), am.ticketRepeatInterval],
  ],

  // A complete alertmanager.yml: the product's route under a root route whose receiver takes
  // everything else. Merge the route, inhibit rule and receivers into your own configuration.
  alertmanagerConfigFile:: {
    route: {
      receiver: 'default',
      routes: [{
        receiver: am.ticketReceiver,
        matchers: [plain(product)],
        group_by: am.groupBy,
        group_wait: am.groupWait,
        group_interval: am.groupInterval,
        repeat_interval: am.ticketRepeatInterval,
        routes: [
          { receiver: r[0], matchers: [plain(r[1])], repeat_interval: r[2] }
          for r in bySeverity
        ],
      }],
    },
    inhibit_rules: [{
      source_matchers: [plain(absent)],
      target_matchers: [plain(product), plain(notAbsent)],
      equal: c.deploymentLabels,
    }],
    receivers: [
      // The rest of your alerts.
      { name: 'default' },
      { name: am.pageReceiver, webhook_configs: [{ url: am.pageUrl, send_resolved: true }] },
      { name: am.ticketReceiver, webhook_configs: [{ url: am.ticketUrl, send_resolved: true }] },
    ],
  },

  // The same route for the prometheus-operator. The operator scopes it to the AlertmanagerConfig's
  // namespace (it adds a namespace matcher to the route and the inhibit rule), and reads the
  // receivers' URLs from a Secret in that namespace.
  alertmanagerConfigObject:: {
    apiVersion: 'monitoring.coreos.com/v1alpha1',
    kind: 'AlertmanagerConfig',
    metadata: {
      name: 'image-drift-monitor',
      labels: { 'app.kubernetes.io/name': 'image-drift-monitor' },
    },
    spec: {
      route: {
        receiver: am.ticketReceiver,
        matchers: [product],
        groupBy: am.groupBy,
        groupWait: am.groupWait,
        groupInterval: am.groupInterval,
        repeatInterval: am.ticketRepeatInterval,
        routes: [
          { receiver: r[0], matchers: [r[1]], repeatInterval: r[2] }
          for r in bySeverity
        ],
      },
      inhibitRules: [{
        sourceMatch: [absent],
        targetMatch: [product, notAbsent],
        equal: c.deploymentLabels,
      }],
      receivers: [
        {
          name: am.pageReceiver,
          webhookConfigs: [{ urlSecret: { name: am.secretName, key: 'page-url' }, sendResolved: true }],
        },
        {
          name: am.ticketReceiver,
          webhookConfigs: [{ urlSecret: { name: am.secretName, key: 'ticket-url' }, sendResolved: true }],
        },
      ],
    },
  },
}
