// Connect's REST answers as the worker sends them (field names kept, so they can be passed on unchanged).

type ConnectorType = 'source' | 'sink' | 'unknown';
type ConnectState = 'RUNNING' | 'PAUSED' | 'STOPPED' | 'FAILED' | 'UNASSIGNED' | 'RESTARTING';

/** `GET /` */
export interface ConnectWorkerInfo {
  version: string;
  commit: string;
  kafka_cluster_id: string;
}

/** `GET /connector-plugins?connectorsOnly=false` */
export interface ConnectPlugin {
  class: string;
  type: 'source' | 'sink' | 'converter' | 'header_converter' | 'transformation' | 'predicate';
  version?: string;
}

interface ConnectTaskStatus {
  id: number;
  state: ConnectState;
  worker_id: string;
  /** the stack trace of a FAILED task */
  trace?: string;
}

export interface ConnectorStatus {
  name: string;
  connector: { state: ConnectState; worker_id: string; trace?: string };
  tasks: ConnectTaskStatus[];
  type: ConnectorType;
}

export interface ConnectorInfo {
  name: string;
  config: Record<string, string>;
  tasks: Array<{ connector: string; task: number }>;
  type: ConnectorType;
}

/** `GET /connectors?expand=status&expand=info`: one entry per connector. */
export interface ConnectorExpanded {
  status: ConnectorStatus;
  info: ConnectorInfo;
}

/** `PUT /connector-plugins/{plugin}/config/validate` */
export interface ConfigValidation {
  name: string;
  error_count: number;
  groups: string[];
  configs: Array<{
    definition: {
      name: string;
      type: string;
      required: boolean;
      default_value: string | null;
      importance: string;
      documentation: string;
      group: string | null;
      order: number;
      width: string;
      display_name: string;
      dependents: string[];
    };
    value: { name: string; value: string | null; recommended_values: string[]; errors: string[]; visible: boolean };
  }>;
}

/** KIP-875: a source connector's partitions and offsets are free-form maps; a sink's are topic-partitions. */
export interface ConnectorOffsets {
  offsets: Array<{ partition: Record<string, unknown>; offset: Record<string, unknown> | null }>;
}

/** `POST /connectors/{name}/restart?includeTasks=…&onlyFailed=…` answers 202 with the states it restarts (204 for a connector-only restart). */
export type RestartAnswer = ConnectorStatus | null;
