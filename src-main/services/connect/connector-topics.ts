// The topics a connector reads or writes, for the Connect page and the topic pages' "used by connectors".

/** Literal topic names in a config: a sink's `topics` list, a source's `topic` (FileStreamSource) or `kafka.topic`. */
function configuredTopics(config: Record<string, string>): string[] {
  const names = [...(config.topics ?? '').split(','), config.topic ?? '', config['kafka.topic'] ?? ''];
  return names.map((t) => t.trim()).filter((t) => t !== '');
}

/** Config names first (known before any record moved), then what Connect saw it use (regex sinks, Debezium's per-table topics). */
export function connectorTopics(config: Record<string, string>, active: string[]): string[] {
  return [...new Set([...configuredTopics(config), ...active])].sort();
}
