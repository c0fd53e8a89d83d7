// Flink's message of a failed statement, with the position it names ("at line 1, column 10",
// "From line 1, column 15 to line 1, column 20"). Pure: unit-tested on Flink's own texts.
import type { SqlFailure } from '@shared/sql';

const POSITION = /line (\d+), column (\d+)/i;
const RANGE = /from line (\d+), column (\d+) to line (\d+), column (\d+)/i;

export function sqlFailure(message: string): SqlFailure {
  const range = RANGE.exec(message);
  if (range) {
    return {
      message,
      position: { line: Number(range[1]), column: Number(range[2]) },
      endPosition: { line: Number(range[3]), column: Number(range[4]) },
    };
  }
  const at = POSITION.exec(message);
  return { message, position: at ? { line: Number(at[1]), column: Number(at[2]) } : null, endPosition: null };
}
