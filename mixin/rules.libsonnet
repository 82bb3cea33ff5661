// Recording rules the alerts read.
{
  local by = std.join(', ', $._config.deploymentLabels),
  local sel = $._config.selector,

  prometheusRules+:: {
    groups+: [
      {
        name: 'imagedrift.recording',
        rules: [
          // Dead letters carry a `reason` and no `stream` (an unparsable event has no stream), so the
          // ratio is per deployment, summed over pods.
          {
            record: 'imagedrift:images_failed:rate5m',
            expr: 'sum by (%(by)s) (rate(imagedrift_images_failed_total{%(sel)s}[5m]))' % { by: by, sel: sel },
          },
          {
            record: 'imagedrift:images_processed:rate5m',
            expr: 'sum by (%(by)s) (rate(imagedrift_images_processed_total{%(sel)s}[5m]))' % { by: by, sel: sel },
          },
          {
            record: 'imagedrift:dead_letter_ratio:rate5m',
            expr: |||
              imagedrift:images_failed:rate5m
                / (imagedrift:images_processed:rate5m + imagedrift:images_failed:rate5m)
            |||,
          },
        ],
      },
    ],
  },
}
