// When a stream's windows count as stalled: no window evaluated for 2 window lengths plus the
// grace, read from the monitor's own gauges, so the rule and the dashboard follow its configuration.
{
  // The limit in seconds, per target, as PromQL over the series the matchers select.
  limit(matchers):: '2 * imagedrift_window_size_seconds{%s} + imagedrift_window_grace_seconds{%s}' % [matchers, matchers],
}
