// The monitoring mixin of image-drift-monitor: Prometheus alerts and recording rules, the Grafana
// dashboard, and an Alertmanager route, all from one configuration (config.libsonnet). Use it
// as any kube-prometheus mixin:
//   local imagedrift = (import 'mixin/mixin.libsonnet') + { _config+:: { selector: 'job="imagedrift"' } };
//   imagedrift.prometheusAlerts, imagedrift.prometheusRules, imagedrift.grafanaDashboards
// The files the repository ships are rendered from it by mixin/generate.sh (files.jsonnet).
(import 'config.libsonnet')
+ (import 'rules.libsonnet')
+ (import 'alerts.libsonnet')
+ (import 'dashboards/image-drift-monitor.libsonnet')
+ (import 'alertmanager.libsonnet')
