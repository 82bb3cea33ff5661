// The Grafana dashboards the repository ships (JSON, written by jsonnet itself: fast, and no
// comments to carry). Rendered by mixin/generate.sh; MixinTest checks the committed ones.
local mixin = import 'mixin.libsonnet';

{
  ['grafana/dashboards/' + name]: mixin.grafanaDashboards[name]
  for name in std.objectFields(mixin.grafanaDashboards)
}
