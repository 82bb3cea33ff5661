// Strict views of @grafana/schema for type-checking dashboard JSON (see generate.mjs).
import type {
  AnnotationQuery,
  DataSourceRef,
  FieldConfig,
  Panel,
  RowPanel,
  VariableModel,
} from '@grafana/schema';
import type * as bargauge from '@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen';
import type * as stat from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type * as statetimeline from '@grafana/schema/dist/esm/raw/composable/statetimeline/panelcfg/x/StateTimelinePanelCfg_types.gen';
import type * as timeseries from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';

/**
 * The schema declares string enums (ThresholdsMode.Absolute = "absolute"); JSON holds their
 * values. Literal<T> turns every string enum into the union of its values, recursively.
 */
export type Literal<T> = T extends string
  ? `${T}`
  : T extends ReadonlyArray<infer U>
    ? Array<Literal<U>>
    : T extends object
      ? { [K in keyof T]: Literal<T[K]> }
      : T;

/** Options and custom field config of each panel plugin the dashboards use. */
interface PanelPlugins {
  timeseries: { options: timeseries.Options; custom: timeseries.FieldConfig };
  'state-timeline': { options: statetimeline.Options; custom: statetimeline.FieldConfig };
  stat: { options: stat.Options; custom: Record<string, never> };
  bargauge: { options: bargauge.Options; custom: Record<string, never> };
}
export type PanelType = keyof PanelPlugins;

/** The schema's FieldConfig allows any `custom` keys; this one allows only the plugin's. */
type StrictFieldConfig<C> = Literal<Omit<FieldConfig, 'custom'>> & { custom?: Literal<C> };

/**
 * Grafana's Prometheus query model (the plugin's PromQuery). @grafana/schema does not publish
 * it, so it is declared here from the fields Grafana writes.
 */
export interface PrometheusTarget {
  datasource: DataSourceRef;
  editorMode?: 'code' | 'builder';
  exemplar?: boolean;
  expr: string;
  format?: 'time_series' | 'table' | 'heatmap';
  hide?: boolean;
  instant?: boolean;
  interval?: string;
  legendFormat?: string;
  range?: boolean;
  refId: string;
}

export type TypedPanel<K extends PanelType> = Literal<Omit<Panel, 'type' | 'options' | 'fieldConfig' | 'targets'>> & {
  type: K;
  datasource: DataSourceRef;
  options: Literal<PanelPlugins[K]['options']>;
  fieldConfig: {
    defaults: StrictFieldConfig<PanelPlugins[K]['custom']>;
    overrides: Literal<NonNullable<Panel['fieldConfig']>['overrides']>;
  };
  targets: PrometheusTarget[];
};

export type TypedRow = Literal<RowPanel>;

/** Prometheus annotation queries keep these fields beside the core ones. */
export type PrometheusAnnotation = Literal<AnnotationQuery> & {
  expr: string;
  step?: string;
  tagKeys?: string;
  textFormat?: string;
  titleFormat?: string;
  useValueForTime?: boolean;
};
export type BuiltInAnnotation = Literal<AnnotationQuery>;
export type Variable = Literal<VariableModel>;
export type { Dashboard } from '@grafana/schema';
