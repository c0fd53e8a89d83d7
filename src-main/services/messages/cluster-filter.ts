// A search filter compiled to the WHERE of a bounded Flink SQL query (the on-cluster search). Pure:
// unit-tested on the text, and proven on the real stack to select exactly what the local filter
// (filter.ts) selects. Each condition is two-valued (a NULL side is FALSE, as a missing side is
// locally); what has no exact Flink form is refused with a message naming the field.
import type { z } from 'zod';
import { invalidField } from '@shared/errors';
import type { SearchFilter, TextMatch } from '@shared/messages';
import { sqlString } from '../pipelines/sql-settings';
import { COLUMNS, expressionCondition } from './cluster-expression';
import { javaRegex } from './cluster-regex';

function textCondition(column: string, match: z.output<typeof TextMatch>, field: 'key' | 'value'): string {
  if (match.mode === 'regex')
    return `COALESCE(REGEXP(${column}, ${sqlString(javaRegex(match.pattern, match.ignoreCase, ['filter', field, 'pattern']))}), FALSE)`;
  // locally: text.toLowerCase().includes(pattern.toLowerCase()), both by Unicode's case mapping
  if (match.ignoreCase) return `COALESCE(POSITION(${sqlString(match.pattern.toLowerCase())} IN LOWER(${column})) > 0, FALSE)`;
  return `COALESCE(POSITION(${sqlString(match.pattern)} IN ${column}) > 0, FALSE)`;
}

/** The conditions of the filter joined by AND ('TRUE' for an empty filter). */
export function clusterCondition(filter: z.output<typeof SearchFilter>): string {
  if (filter.headers)
    throw invalidField(
      ['filter', 'headers'],
      'cannot run on the Flink cluster: Flink reads headers as a map, one value per name, while the search tests every header; run this search locally',
    );
  const conditions: string[] = [];
  if (filter.fromMs !== undefined) conditions.push(`${COLUMNS.timestamp} >= TO_TIMESTAMP_LTZ(${filter.fromMs}, 3)`);
  if (filter.toMs !== undefined) conditions.push(`${COLUMNS.timestamp} < TO_TIMESTAMP_LTZ(${filter.toMs}, 3)`);
  if (filter.key) conditions.push(textCondition(COLUMNS.key, filter.key, 'key'));
  if (filter.value) conditions.push(textCondition(COLUMNS.value, filter.value, 'value'));
  if (filter.expression !== undefined) conditions.push(`(${expressionCondition(filter.expression)})`);
  return conditions.length === 0 ? 'TRUE' : conditions.join('\n  AND ');
}
