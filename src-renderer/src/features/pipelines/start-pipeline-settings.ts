import { useEffect, useState } from 'react';
import { joinProgramArgs, splitProgramArgs, type CheckpointingMode, type JarPipelineDefinition } from '@shared/pipelines';

/** The Start pipeline modal's run settings as typed: parallelism, checkpointing (interval, mode), the savepoint to restore from. */
export function useRunSettings(initialSavepointPath: string) {
  const [parallelism, setParallelism] = useState('1');
  const [checkpointing, setCheckpointing] = useState(true);
  const [interval, setInterval] = useState('10000');
  const [mode, setMode] = useState<CheckpointingMode>('exactly-once');
  const [savepointPath, setSavepointPath] = useState(initialSavepointPath);
  const [allowNonRestored, setAllowNonRestored] = useState(false);
  return {
    parallelism,
    setParallelism,
    checkpointing,
    setCheckpointing,
    interval,
    setInterval,
    mode,
    setMode,
    savepointPath,
    setSavepointPath,
    allowNonRestored,
    setAllowNonRestored,
  };
}
export type RunSettings = ReturnType<typeof useRunSettings>;

/** A jar pipeline's own entry class and arguments, editable for this run (back to the jar's when another one is picked). */
export function useJarRun(jar: JarPipelineDefinition | null) {
  const [entryClass, setEntryClass] = useState('');
  const [programArgs, setProgramArgs] = useState('');
  useEffect(() => {
    setEntryClass(jar?.entryClass ?? '');
    setProgramArgs(jar ? joinProgramArgs(jar.programArgs) : '');
  }, [jar?.name]); // eslint-disable-line react-hooks/exhaustive-deps
  return { entryClass, setEntryClass, programArgs, setProgramArgs };
}
export type JarRun = ReturnType<typeof useJarRun>;

/** The start arguments the modal's fields make; a jar's entry class and arguments only when this run changes them. */
export function startArgs(pipelineName: string, settings: RunSettings, jar: JarPipelineDefinition | null, { entryClass, programArgs }: JarRun) {
  const jarOverrides = jar
    ? {
        ...((entryClass.trim() || null) !== jar.entryClass && entryClass.trim() !== '' ? { entryClass: entryClass.trim() } : {}),
        ...(joinProgramArgs(splitProgramArgs(programArgs)) !== joinProgramArgs(jar.programArgs) ? { programArgs: splitProgramArgs(programArgs) } : {}),
      }
    : {};
  const { parallelism, checkpointing, interval, mode, savepointPath, allowNonRestored } = settings;
  return {
    pipelineName,
    parallelism: Number(parallelism),
    checkpointIntervalMs: checkpointing ? Number(interval) : null,
    checkpointingMode: mode,
    savepointPath: savepointPath.trim() === '' ? null : savepointPath.trim(),
    allowNonRestoredState: allowNonRestored,
    ...jarOverrides,
  };
}
