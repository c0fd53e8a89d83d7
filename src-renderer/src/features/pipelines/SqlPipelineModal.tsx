import { useState } from 'react';
import { SaveSqlPipelineArgs } from '@shared/pipelines';
import { Field, Modal } from '@renderer/ui/Modal';
import { useContractForm } from '@renderer/forms/use-contract-form';
import { pipelineCalls } from './pipelines-store';

const EXAMPLE = `CREATE TABLE src (garage STRING, free INT, event_time BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'stavanger_parking_events',
  'properties.bootstrap.servers' = '{{bootstrap}}', 'properties.group.id' = '{{pipeline}}',
  'scan.startup.mode' = 'earliest-offset', 'format' = 'json');
CREATE TABLE low_space (garage STRING, free INT, event_time BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'low_space', 'properties.bootstrap.servers' = '{{bootstrap}}', 'format' = 'json');
INSERT INTO low_space SELECT garage, free, event_time FROM src WHERE free < 10;`;

/** A user's own SQL pipeline, saved in the catalog; {{bootstrap}} and {{pipeline}} are filled in at start. */
export function SqlPipelineModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [sql, setSql] = useState(EXAMPLE);
  const [sourceTopic, setSourceTopic] = useState('stavanger_parking_events');
  const [sinkTopic, setSinkTopic] = useState('low_space');
  const [eventTimeField, setEventTimeField] = useState('event_time');
  const form = useContractForm({ fields: ['name', 'description', 'sql', 'sourceTopic', 'sinkTopic', 'resultEventTimeField'] });
  const save = async () => {
    const args = {
      name,
      description,
      sql,
      sourceTopic: sourceTopic || null,
      sinkTopic: sinkTopic || null,
      resultEventTimeField: eventTimeField.trim() || null,
    };
    if (await form.submit(args, pipelineCalls.saveSql, { schema: SaveSqlPipelineArgs })) onSaved();
  };
  return (
    <Modal
      title="New SQL pipeline"
      wide
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="primary" onClick={() => void save()}>
            Save to catalog
          </button>
        </>
      }
    >
      <div className="form-grid">
        <div className="form-row">
          <Field label="Name" error={form.error('name')}>
            <input value={name} onChange={(event) => setName(event.target.value)} placeholder="low_space_alerts" />
          </Field>
          <Field label="Description" error={form.error('description')}>
            <input value={description} onChange={(event) => setDescription(event.target.value)} />
          </Field>
        </div>
        <div className="form-row">
          <Field label="Source topic" error={form.error('sourceTopic')}>
            <input value={sourceTopic} onChange={(event) => setSourceTopic(event.target.value)} />
          </Field>
          <Field label="Sink topic" error={form.error('sinkTopic')}>
            <input value={sinkTopic} onChange={(event) => setSinkTopic(event.target.value)} />
          </Field>
          <Field
            label="Result event-time field"
            error={form.error('resultEventTimeField')}
            hint="Output field with the input's event time (epoch ms or ISO-8601): enables end-to-end latency"
          >
            <input value={eventTimeField} onChange={(event) => setEventTimeField(event.target.value)} placeholder="event_time" spellCheck={false} />
          </Field>
        </div>
        <Field label="Statements (Flink SQL, separated by ;)" error={form.error('sql')}>
          <textarea className="mono" rows={14} value={sql} onChange={(event) => setSql(event.target.value)} spellCheck={false} />
        </Field>
        {form.error('form') && <div className="form-error">{form.error('form')}</div>}
      </div>
    </Modal>
  );
}
