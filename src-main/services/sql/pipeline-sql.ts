// A workbench query as a catalog pipeline's SQL: the tables of the topics it reads as temporary
// tables (unbounded, from the earliest offset, the pipeline's consumer group), then the INSERT as
// written, or a SELECT into a sink topic's table of the query's own columns. Pure: unit-tested.
import { invalidField } from '@shared/errors';
import type { SqlPipelineSql, SqlTableColumn, SqlTableSchema } from '@shared/sql';
import { sqlString } from '../pipelines/sql-settings';
import { identifiersOf } from './statement-topics';
import { quoteIdentifier } from './json-inference';
import { topicTableStatements } from './table-ddl';
import { sinkKindOf, type SinkKind } from './group-by-keys';

const PIPELINE_TABLE = { bootstrap: '{{bootstrap}}', groupId: 'streamdesk-{{pipeline}}', scan: null, temporary: true } as const;

/** The table an INSERT INTO writes to (its last path part), or null for another statement. */
export function insertTarget(statement: string): string | null {
  const m = /^\s*INSERT\s+(?:INTO|OVERWRITE)\s+((?:`(?:[^`]|``)*`|[\w$]+)(?:\s*\.\s*(?:`(?:[^`]|``)*`|[\w$]+))*)/i.exec(stripComments(statement));
  if (!m) return null;
  const last = [...identifiersOf(m[1])].at(-1) ?? null;
  return last;
}

function stripComments(s: string): string {
  return s.replace(/^(\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/))*/, '');
}

export type SavedStatement = { kind: 'insert'; target: string } | { kind: 'query' };

/** What the statement is for a pipeline, or why it cannot be one (an issue at `statement` or `sinkTopic`). */
export function savedStatement(statement: string, sinkTopic: string | null): SavedStatement {
  const body = stripComments(statement);
  const target = insertTarget(body);
  if (target !== null) {
    if (sinkTopic !== null && sinkTopic !== target)
      throw invalidField(['sinkTopic'], `the INSERT writes to "${target}": leave the sink topic empty or name that one`);
    return { kind: 'insert', target };
  }
  if (!/^\s*(SELECT|WITH)\b/i.test(body)) throw invalidField(['statement'], 'a pipeline runs an INSERT INTO or a SELECT (saved with a sink topic)');
  if (sinkTopic === null) throw invalidField(['sinkTopic'], 'is required to save a SELECT as a pipeline (its rows go there)');
  return { kind: 'query' };
}

/** A SELECT's sink topic as a table of its result columns: JSON values, keyed by the GROUP BY (upsert) when the result updates its rows. */
function sinkTableDdl(sink: string, columns: SqlTableColumn[], kind: SinkKind): string {
  const lines = columns.map((c) => `${quoteIdentifier(c.name)} ${c.type}`);
  if (kind.kind === 'upsert') lines.push(`PRIMARY KEY (${kind.keys.map(quoteIdentifier).join(', ')}) NOT ENFORCED`);
  const options =
    kind.kind === 'upsert'
      ? [`'connector' = 'upsert-kafka'`, `'key.format' = 'json'`, `'value.format' = 'json'`]
      : [`'connector' = 'kafka'`, `'format' = 'json'`];
  return [
    `CREATE TEMPORARY TABLE ${quoteIdentifier(sink)} (`,
    lines.map((l) => `  ${l}`).join(',\n'),
    `) WITH (`,
    [...options, `'topic' = ${sqlString(sink)}`, `'properties.bootstrap.servers' = '{{bootstrap}}'`].map((o) => `  ${o}`).join(',\n'),
    `)`,
  ].join('\n');
}

/**
 * The pipeline's SQL. `tables`: the topics the statement names; `sinkColumns`: a SELECT's result
 * columns (its sink topic gets a table of them), ignored for an INSERT.
 */
export function pipelineSqlOf(statement: string, tables: SqlTableSchema[], sinkTopic: string | null, sinkColumns: SqlTableColumn[]): SqlPipelineSql {
  const body = statement.trim().replace(/;\s*$/, '');
  const saved = savedStatement(body, sinkTopic);
  const sink = saved.kind === 'insert' ? saved.target : sinkTopic!;
  const sources = tables.filter((t) => t.topic !== sink);
  const target = tables.find((t) => t.topic === sink);
  if (saved.kind === 'insert' && target?.value.format === 'json-registry')
    throw invalidField(
      ['statement'],
      `"${sink}" has a JSON Schema subject: its records need the registry's framing, which Flink cannot write; write to another topic`,
    );
  const ddl = (saved.kind === 'insert' ? tables : sources).flatMap((t) => topicTableStatements(t.topic, t.columns, PIPELINE_TABLE, t.value));
  const last =
    saved.kind === 'insert'
      ? [body]
      : [
          sinkTableDdl(
            sink,
            sinkColumns,
            sinkKindOf(
              body,
              sinkColumns.map((c) => c.name),
            ),
          ),
          `INSERT INTO ${quoteIdentifier(sink)}\n${body}`,
        ];
  return {
    sql: [...ddl, ...last].map((s) => `${s};`).join('\n\n'),
    sourceTopics: sources.map((t) => t.topic),
    sinkTopic: sink,
  };
}
