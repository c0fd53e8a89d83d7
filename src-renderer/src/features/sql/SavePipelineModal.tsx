import { useState } from 'react';
import { SaveSqlPipelineArgs } from '@shared/pipelines';
import { SqlPipelineSqlArgs } from '@shared/sql';
import { Modal } from '@renderer/ui/Modal';
import { useContractForm } from '@renderer/forms/use-contract-form';
import { navigate } from '@renderer/router';
import { pipelineCalls, pipelinesStore } from '../pipelines/pipelines-store';
import { StartPipelineModal } from '../pipelines/StartPipelineModal';
import { sqlCalls } from './sql-store';

interface Props {
  statement: string;
  sessionId: () => Promise<string>;
  onClose: () => void;
}

const FIELDS = ['statement', 'sinkTopic', 'name'] as const;

/** "Save as pipeline": the query's SQL (its topics' tables, the INSERT) saved in the catalog, then the Start Pipeline modal. */
export function SavePipelineModal({ statement, sessionId, onClose }: Props) {
  const isInsert = /^\s*INSERT\s/i.test(statement.replace(/^(\s*--[^\n]*\n)*/, ''));
  const [name, setName] = useState('');
  const [sinkTopic, setSinkTopic] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const form = useContractForm({ fields: FIELDS });
  const pipelines = pipelinesStore.use();

  async function save() {
    const id = await sessionId();
    const generated = await form.submit({ sessionId: id, statement, sinkTopic: isInsert || sinkTopic === '' ? null : sinkTopic }, sqlCalls.pipelineSql, {
      schema: SqlPipelineSqlArgs,
    });
    if (!generated) return;
    const definition = await form.submit(
      {
        name,
        sql: generated.sql,
        sourceTopic: generated.sourceTopics[0] ?? null,
        sinkTopic: generated.sinkTopic,
        description: `Saved from the SQL page:\n${statement}`.slice(0, 2000),
      },
      pipelineCalls.saveSql,
      { schema: SaveSqlPipelineArgs },
    );
    if (!definition) return;
    await pipelinesStore.refresh();
    setSaved(definition.name);
  }

  if (saved && pipelines.data)
    return (
      <StartPipelineModal
        pipelines={pipelines.data.pipelines}
        cluster={pipelines.data.cluster}
        initial={{ pipelineName: saved }}
        onClose={onClose}
        onStarted={(started) => navigate('pipelines', started.jobId)}
        onCatalogChanged={() => void pipelinesStore.refresh()}
      />
    );
  return (
    <Modal
      title="Save as pipeline"
      onClose={onClose}
      testId="sql-save-pipeline"
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="primary" disabled={form.busy !== null} onClick={() => void save()}>
            Save and start…
          </button>
        </>
      }
    >
      <p className="muted small">
        The pipeline reads its topics unbounded from the earliest offset (its own consumer group) and{' '}
        {isInsert
          ? 'runs the INSERT as written.'
          : 'writes the rows to the sink topic as JSON. A GROUP BY without a window writes an upsert topic keyed by its GROUP BY columns: the latest value of each key is the current result.'}
      </p>
      <label className="field">
        <span className="field-label">Pipeline name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} data-testid="sql-pipeline-name" />
        {form.error('name') && <span className="field-error">{form.error('name')}</span>}
      </label>
      {!isInsert && (
        <label className="field">
          <span className="field-label">Sink topic</span>
          <input value={sinkTopic} onChange={(e) => setSinkTopic(e.target.value)} data-testid="sql-sink-topic" />
          {form.error('sinkTopic') && <span className="field-error">{form.error('sinkTopic')}</span>}
        </label>
      )}
      {form.error('statement') && <div className="form-error">{form.error('statement')}</div>}
      {form.errors.form && <div className="form-error">{form.errors.form}</div>}
    </Modal>
  );
}
