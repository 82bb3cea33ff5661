// Small conversions the rules and the dashboard share.
{
  // A Prometheus duration ("6h", "90m", "1h30m") in seconds.
  durationSeconds(d)::
    local units = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
    local step(acc, ch) =
      if std.member('0123456789', ch) then acc { n: acc.n * 10 + std.parseInt(ch) }
      else if std.objectHas(units, ch) then { n: 0, total: acc.total + acc.n * units[ch] }
      else error 'not a Prometheus duration (s, m, h, d, w): ' + d;
    local r = std.foldl(step, std.stringChars(d), { n: 0, total: 0 });
    if r.n != 0 then error 'a duration needs a unit: ' + d else r.total,

  // 0.05 -> "5%".
  percent(ratio):: '%g%%' % (ratio * 100),
}
