// A YAML writer for the generated files. std.manifestYamlDoc of jsonnet 0.18 (Debian's) takes
// seconds per file with unquoted keys, and orders keys alphabetically; this one writes keys
// unquoted (every key here is a plain identifier), in the order given by `first` and then
// alphabetically, single-line strings single-quoted (PromQL's double quotes stay unescaped) and
// multi-line ones as literal blocks. Only natively implemented std functions touch the text.
{
  manifest(value, first=[]):: self.node(value, '', first),

  local scalar(v) =
    if std.isString(v) then "'" + std.strReplace(v, "'", "''") + "'"
    else if v == null then 'null'
    else std.toString(v),

  local keys(o, first) =
    [k for k in first if std.objectHas(o, k)]
    + [k for k in std.objectFields(o) if !std.member(first, k)],

  local isCollection(v) = std.isObject(v) || std.isArray(v),
  local isEmpty(v) = std.length(v) == 0,
  local block(s, indent) =
    local body = if std.endsWith(s, '\n') then std.substr(s, 0, std.length(s) - 1) else s;
    (if std.endsWith(s, '\n') then '|' else '|-') + std.join('', ['\n' + indent + line for line in std.split(body, '\n')]),

  // The value after "key:" or "- ", at the indentation of its children.
  local after(v, indent, first) =
    // A literal block cannot start with spaces (they would set its indentation): JSON-quote those.
    if std.isString(v) && std.length(std.split(v, '\n')) > 1 then ' ' + (if std.startsWith(v, ' ') then std.escapeStringJson(v) else block(v, indent))
    else if !isCollection(v) then ' ' + scalar(v)
    else if isEmpty(v) then (if std.isArray(v) then ' []' else ' {}')
    else '\n' + $.node(v, indent, first),

  node(v, indent, first)::
    if std.isObject(v) then
      std.join('\n', [
        indent + k + ':' + after(v[k], indent + '  ', first)
        for k in keys(v, first)
      ])
    else if std.isArray(v) then
      std.join('\n', [
        local item = v[i];
        if isCollection(item) && !isEmpty(item) then
          // The item's first line follows the dash; the rest align with it.
          local lines = $.node(item, indent + '  ', first);
          indent + '- ' + std.substr(lines, std.length(indent) + 2, std.length(lines))
        else indent + '-' + after(item, indent + '  ', first)
        for i in std.range(0, std.length(v) - 1)
      ])
    else scalar(v),
}
