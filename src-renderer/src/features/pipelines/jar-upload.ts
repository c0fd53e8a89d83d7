// Sends a job jar the user picked to the back end. The desktop app passes the bytes over IPC
// (structured clone keeps a Uint8Array intact); a browser cannot send bytes over the JSON
// WebSocket, so it posts the file to serve's upload route, which makes the same contract call.
import type { SaveJarPipelineArgs, PipelineDefinition } from '@shared/pipelines';
import { StreamdeskError, type Envelope } from '@shared/errors';
import { pipelineCalls } from './pipelines-store';

export async function uploadJar(file: File, settings: SaveJarPipelineArgs): Promise<PipelineDefinition> {
  if (window.streamdesk) return pipelineCalls.uploadJarBytes({ ...settings, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  const query = new URLSearchParams({ fileName: file.name });
  for (const [key, value] of Object.entries(settings)) {
    if (value === null || value === undefined || value === '') continue;
    query.set(key, Array.isArray(value) ? JSON.stringify(value) : String(value));
  }
  const response = await fetch(`/api/pipelines/jars?${query.toString()}`, {
    method: 'POST',
    body: file,
    headers: { 'Content-Type': 'application/java-archive' },
    credentials: 'same-origin',
  });
  let envelope: Envelope<PipelineDefinition>;
  try {
    envelope = (await response.json()) as Envelope<PipelineDefinition>;
  } catch {
    throw new StreamdeskError('internal', `upload failed: HTTP ${response.status}`);
  }
  if (!envelope.ok) throw new StreamdeskError(envelope.error.code, envelope.error.message, envelope.error.issues ?? []);
  return envelope.result;
}
