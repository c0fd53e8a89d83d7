import { useEffect, useState } from 'react';
import { SetDecodeSettingsArgs, type DecodeSettings, type SideDecodeSetting } from '@shared/messages';
import { Field } from '@renderer/ui/Modal';
import { useContractForm, type ContractForm } from '@renderer/forms/use-contract-form';
import { messageCalls } from './messages-store';

type Mode = SideDecodeSetting['mode'];

const MODES: { mode: Mode; label: string }[] = [
  { mode: 'auto', label: 'Auto (the Schema Registry id in the record)' },
  { mode: 'subject', label: 'A subject and version' },
  { mode: 'proto', label: 'A local .proto and message type' },
  { mode: 'raw', label: 'Raw (as stored)' },
  { mode: 'string', label: 'String (UTF-8)' },
  { mode: 'json', label: 'JSON' },
  { mode: 'hex', label: 'Hex' },
];

function settingFor(mode: Mode): SideDecodeSetting {
  if (mode === 'subject') return { mode, subject: '', version: 1 };
  if (mode === 'proto') return { mode, proto: '', messageType: '' };
  return { mode };
}

/** A subject, its version and (Protobuf) the message type. */
function SubjectFields({ path, setting, onChange, form }: SideProps & { setting: Extract<SideDecodeSetting, { mode: 'subject' }> }) {
  return (
    <div className="form-row">
      <Field label="Subject" error={form.error(`${path}.subject`)}>
        <input
          value={setting.subject}
          onChange={(event) => onChange({ ...setting, subject: event.target.value })}
          spellCheck={false}
          data-testid={`${path}-subject`}
        />
      </Field>
      <Field label="Version" error={form.error(`${path}.version`)}>
        <input type="number" min={1} value={setting.version} onChange={(event) => onChange({ ...setting, version: Number(event.target.value) })} />
      </Field>
      <Field label="Message type" error={form.error(`${path}.messageType`)} hint="Protobuf only; default the first message">
        <input
          value={setting.messageType ?? ''}
          onChange={(event) => onChange({ ...setting, messageType: event.target.value || undefined })}
          spellCheck={false}
        />
      </Field>
    </div>
  );
}

const ID_WIDTHS = [
  { value: '', label: '4 bytes (Confluent; Apicurio 3 by default)' },
  { value: 'global', label: "8 bytes, a global id (Apicurio's legacy framing)" },
  { value: 'content', label: "8 bytes, a content id (Apicurio's legacy framing)" },
] as const;

/** How wide the schema id after the magic byte is: the bytes cannot say, the producer's settings can. */
function AutoFields({ path, setting, onChange, form }: SideProps & { setting: Extract<SideDecodeSetting, { mode: 'auto' }> }) {
  return (
    <Field label="Schema id after the magic byte" error={form.error(`${path}.eightByteIds`)} hint="Ids in Apicurio's record headers are found either way">
      <select
        value={setting.eightByteIds ?? ''}
        onChange={(event) => {
          const width = event.target.value as '' | 'global' | 'content';
          onChange(width ? { mode: 'auto', eightByteIds: width } : { mode: 'auto' });
        }}
        data-testid={`${path}-id-width`}
      >
        {ID_WIDTHS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A .proto's text, pasted or loaded from a file, and the message type the records hold. */
function ProtoFields({ path, setting, onChange, form }: SideProps & { setting: Extract<SideDecodeSetting, { mode: 'proto' }> }) {
  async function load(file: File | undefined) {
    if (file) onChange({ ...setting, proto: await file.text() });
  }
  return (
    <>
      <Field label=".proto" error={form.error(`${path}.proto`)} hint="Paste it, or load a file; imports other than google/protobuf/* must be inlined">
        <textarea
          rows={8}
          value={setting.proto}
          onChange={(event) => onChange({ ...setting, proto: event.target.value })}
          spellCheck={false}
          data-testid={`${path}-proto`}
        />
      </Field>
      <div className="form-row">
        <input type="file" accept=".proto,text/plain" aria-label="Load a .proto file" onChange={(event) => void load(event.target.files?.[0])} />
        <Field label="Message type" error={form.error(`${path}.messageType`)} hint="e.g. garage.Status">
          <input
            value={setting.messageType}
            onChange={(event) => onChange({ ...setting, messageType: event.target.value })}
            spellCheck={false}
            data-testid={`${path}-message-type`}
          />
        </Field>
      </div>
    </>
  );
}

interface SideProps {
  path: string;
  onChange: (setting: SideDecodeSetting) => void;
  form: ContractForm;
}

/** One side (key or value): how it is read, and that mode's fields. */
function SideFieldset({ side, setting, onChange, form }: Omit<SideProps, 'path'> & { side: 'key' | 'value'; setting: SideDecodeSetting }) {
  const path = `settings.${side}`;
  return (
    <fieldset>
      <legend>{side === 'key' ? 'Keys' : 'Values'}</legend>
      <select
        value={setting.mode}
        onChange={(event) => onChange(settingFor(event.target.value as Mode))}
        aria-label={`Decode ${side}s as`}
        data-testid={`${path}-mode`}
      >
        {MODES.map((option) => (
          <option key={option.mode} value={option.mode}>
            {option.label}
          </option>
        ))}
      </select>
      {setting.mode === 'auto' && <AutoFields path={path} setting={setting} onChange={onChange} form={form} />}
      {setting.mode === 'subject' && <SubjectFields path={path} setting={setting} onChange={onChange} form={form} />}
      {setting.mode === 'proto' && <ProtoFields path={path} setting={setting} onChange={onChange} form={form} />}
      {form.errors[path] && <span className="field-error">{form.errors[path]}</span>}
    </fieldset>
  );
}

/**
 * The topic's decode override, for records the registry's framing cannot describe (no schema id):
 * per side auto, a subject and version, a local .proto and type, or raw/string/JSON/hex. Saved per
 * profile by the back end after it checked the subject or the .proto; browse, tail, search,
 * export and the CLI all follow it.
 */
export function DecodeSettingsPanel({ topic, onClose, onSaved }: { topic: string; onClose: () => void; onSaved: () => void }) {
  const [settings, setSettings] = useState<DecodeSettings | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useContractForm({ fields: ['topic', 'settings'] });

  useEffect(() => {
    messageCalls.decodeSettings(topic).then(setSettings, (error: Error) => form.fail({ form: error.message }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once per topic
  }, [topic]);

  async function save() {
    if (!settings) return;
    setSaved(false);
    const result = await form.submit({ topic, settings }, messageCalls.setDecodeSettings, { schema: SetDecodeSettingsArgs });
    if (result) {
      setSettings(result);
      setSaved(true);
      onSaved();
    }
  }

  return (
    <section className="panel decode-settings" data-testid="decode-settings">
      <header>
        <h2>Decoding of {topic}</h2>
        <button className="icon" aria-label="Close decoding" onClick={onClose}>
          ×
        </button>
      </header>
      {settings && (
        <div className="form-row">
          <SideFieldset side="key" setting={settings.key} onChange={(key) => setSettings({ ...settings, key })} form={form} />
          <SideFieldset side="value" setting={settings.value} onChange={(value) => setSettings({ ...settings, value })} form={form} />
        </div>
      )}
      <div className="toolbar">
        <button className="primary" disabled={!settings || form.busy !== null} onClick={() => void save()} data-testid="decode-save">
          {form.busy ? 'Checking…' : 'Save'}
        </button>
        {saved && <span className="muted">Saved for this profile; the records are read again</span>}
      </div>
      {form.error('form') && <div className="form-error">{form.error('form')}</div>}
    </section>
  );
}
