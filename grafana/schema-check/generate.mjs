// Turns each grafana/dashboards/*.json into generated/<name>.ts, where every panel, variable and
// annotation is a typed constant, so `tsc` checks field names (excess properties), types and
// enum values against @grafana/schema. Run with `npm run check`.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const dashboards = new URL('../dashboards/', import.meta.url).pathname;
const out = new URL('./generated/', import.meta.url).pathname;
const panelTypes = new Set(['timeseries', 'state-timeline', 'stat', 'bargauge']);

const literal = (value) => JSON.stringify(value, null, 2);

function panelDeclaration(panel, index) {
  const name = `panel${index}`;
  if (panel.type === 'row') {
    return { name, code: `const ${name}: TypedRow = ${literal(panel)};` };
  }
  if (!panelTypes.has(panel.type)) {
    throw new Error(`panel ${panel.id} "${panel.title}": no schema mapping for panel type "${panel.type}" in types.ts`);
  }
  return { name, code: `const ${name}: TypedPanel<${JSON.stringify(panel.type)}> = ${literal(panel)};` };
}

function annotationDeclaration(annotation, index) {
  const name = `annotation${index}`;
  const type = annotation.datasource?.type === 'prometheus' ? 'PrometheusAnnotation' : 'BuiltInAnnotation';
  return { name, code: `const ${name}: ${type} = ${literal(annotation)};` };
}

mkdirSync(out, { recursive: true });
for (const file of readdirSync(dashboards).filter((f) => f.endsWith('.json'))) {
  const dashboard = JSON.parse(readFileSync(join(dashboards, file), 'utf8'));
  const panels = (dashboard.panels ?? []).map(panelDeclaration);
  const annotations = (dashboard.annotations?.list ?? []).map(annotationDeclaration);
  const variables = (dashboard.templating?.list ?? []).map((v, i) => ({
    name: `variable${i}`,
    code: `const variable${i}: Variable = ${literal(v)};`,
  }));
  const { panels: _p, annotations: _a, templating: _t, ...rest } = dashboard;
  const source = [
    `// Generated from grafana/dashboards/${file} by generate.mjs; do not edit.`,
    `import type { BuiltInAnnotation, Dashboard, Literal, PrometheusAnnotation, TypedPanel, TypedRow, Variable } from '../types';`,
    ...panels.map((p) => p.code),
    ...annotations.map((a) => a.code),
    ...variables.map((v) => v.code),
    `const rest: Literal<Omit<Dashboard, 'panels' | 'annotations' | 'templating'>> = ${literal(rest)};`,
    `export const dashboard = {`,
    `  ...rest,`,
    `  panels: [${panels.map((p) => p.name).join(', ')}],`,
    `  annotations: { list: [${annotations.map((a) => a.name).join(', ')}] },`,
    `  templating: { list: [${variables.map((v) => v.name).join(', ')}] },`,
    `};`,
    '',
  ].join('\n');
  writeFileSync(join(out, `${basename(file, '.json')}.ts`), source);
  console.log(`generated/${basename(file, '.json')}.ts: ${panels.length} panels, ${annotations.length} annotations, ${variables.length} variables`);
}
